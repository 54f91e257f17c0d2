//! The store's one connection API. Every file of the store reaches the database through these
//! types, never through a driver directly, so that a second backend (PostgreSQL, issue 16) is a
//! second arm of [`Connection`] here, not a second store. The one arm today is SQLite (rusqlite,
//! bundled).
//!
//! The API is the part of rusqlite's that the store uses, under the same names, so that store
//! code reads as it always has. What is different is what crosses it: parameters and columns
//! are this module's [`ToSql`]/[`FromSql`] over [`Value`]/[`ValueRef`] (a backend converts them
//! to its own), errors are [`Error`], and a transaction is [`Transaction`], which any backend
//! can begin with SQL. Driver types appear only in this file and where a store file uses a
//! capability only SQLite has (the backup API, the busy handler), through [`Connection::sqlite`].

use std::fmt;
use std::ops::Deref;

/// A value as stored: SQLite's five storage classes (PostgreSQL's `bigint`, `double
/// precision`, `text` and `bytea` map onto them).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// A borrowed [`Value`]: text as its UTF-8 bytes (as SQLite hands them over, unchecked).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

impl<'a> ValueRef<'a> {
    /// The text, or an error for any other class.
    pub fn as_str(&self) -> Result<&'a str> {
        match *self {
            ValueRef::Text(t) => std::str::from_utf8(t).map_err(|e| Error::Utf8(e.to_string())),
            other => Err(Error::Type(format!("text wanted, {} found", other.class()))),
        }
    }

    /// The text, None for NULL, or an error for any other class.
    pub fn as_str_or_null(&self) -> Result<Option<&'a str>> {
        match self {
            ValueRef::Null => Ok(None),
            v => v.as_str().map(Some),
        }
    }

    fn class(&self) -> &'static str {
        match self {
            ValueRef::Null => "NULL",
            ValueRef::Integer(_) => "integer",
            ValueRef::Real(_) => "real",
            ValueRef::Text(_) => "text",
            ValueRef::Blob(_) => "blob",
        }
    }
}

impl Value {
    fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }
    }
}

impl From<ValueRef<'_>> for Value {
    fn from(v: ValueRef<'_>) -> Value {
        match v {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        }
    }
}

/// A database error. Callers ask what kind it is ([`Error::is_busy`], [`Error::is_constraint`],
/// [`Error::is_no_rows`]) instead of matching a driver's codes.
#[derive(Debug)]
pub enum Error {
    Sqlite(rusqlite::Error),
    /// A query for one row found none.
    NoRows,
    /// A column held another class than the one asked for.
    Type(String),
    /// Text that is not UTF-8.
    Utf8(String),
    /// An INSERT that should have added one row changed this many.
    ChangedRows(usize),
}

impl Error {
    /// Another connection holds the lock this one needs.
    pub fn is_busy(&self) -> bool {
        matches!(self, Error::Sqlite(rusqlite::Error::SqliteFailure(e, _))
            if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
    }

    /// A constraint (unique, foreign key, check, not null) refused the write.
    pub fn is_constraint(&self) -> bool {
        matches!(self, Error::Sqlite(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation)
    }

    /// A query for one row found none.
    pub fn is_no_rows(&self) -> bool {
        matches!(
            self,
            Error::NoRows | Error::Sqlite(rusqlite::Error::QueryReturnedNoRows)
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sqlite(e) => e.fmt(f),
            Error::NoRows => f.write_str("query returned no rows"),
            Error::Type(t) | Error::Utf8(t) => f.write_str(t),
            Error::ChangedRows(n) => write!(f, "an insert changed {n} rows"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Sqlite(e) => Some(e),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            e => Error::Sqlite(e),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `query_row(…).optional()`: no row is None, not an error.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_no_rows() => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A value that can be bound as a parameter.
pub trait ToSql {
    fn to_sql(&self) -> ValueRef<'_>;
}

macro_rules! to_sql_integer {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> ValueRef<'_> {
                ValueRef::Integer(*self as i64)
            }
        }
    )*};
}
to_sql_integer!(i64, i32, u32, u16, u8, usize);

impl ToSql for bool {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Integer(i64::from(*self))
    }
}

impl ToSql for f64 {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Real(*self)
    }
}

impl ToSql for str {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Text(self.as_bytes())
    }
}

impl ToSql for String {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Text(self.as_bytes())
    }
}

impl ToSql for [u8] {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}

impl ToSql for Vec<u8> {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}

impl<const N: usize> ToSql for [u8; N] {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> ValueRef<'_> {
        self.as_ref()
    }
}

impl ToSql for ValueRef<'_> {
    fn to_sql(&self) -> ValueRef<'_> {
        *self
    }
}

impl<T: ToSql> ToSql for Option<T> {
    fn to_sql(&self) -> ValueRef<'_> {
        match self {
            Some(v) => v.to_sql(),
            None => ValueRef::Null,
        }
    }
}

impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_sql(&self) -> ValueRef<'_> {
        (**self).to_sql()
    }
}

impl ToSql for std::borrow::Cow<'_, str> {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Text(self.as_bytes())
    }
}

impl<T: ToSql + ?Sized> ToSql for Box<T> {
    fn to_sql(&self) -> ValueRef<'_> {
        (**self).to_sql()
    }
}

impl<T: ToSql + ?Sized> ToSql for std::rc::Rc<T> {
    fn to_sql(&self) -> ValueRef<'_> {
        (**self).to_sql()
    }
}

/// A parameter as SQLite's driver takes it.
struct Bound<'a>(ValueRef<'a>);

impl rusqlite::ToSql for Bound<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ValueRef as R;
        Ok(rusqlite::types::ToSqlOutput::Borrowed(match self.0 {
            ValueRef::Null => R::Null,
            ValueRef::Integer(i) => R::Integer(i),
            ValueRef::Real(f) => R::Real(f),
            ValueRef::Text(t) => R::Text(t),
            ValueRef::Blob(b) => R::Blob(b),
        }))
    }
}

fn from_sqlite(v: rusqlite::types::ValueRef<'_>) -> ValueRef<'_> {
    use rusqlite::types::ValueRef as R;
    match v {
        R::Null => ValueRef::Null,
        R::Integer(i) => ValueRef::Integer(i),
        R::Real(f) => ValueRef::Real(f),
        R::Text(t) => ValueRef::Text(t),
        R::Blob(b) => ValueRef::Blob(b),
    }
}

/// A value that can be read from a column.
pub trait FromSql: Sized {
    fn column_result(v: ValueRef<'_>) -> Result<Self>;
}

fn wrong(wanted: &str, v: ValueRef<'_>) -> Error {
    Error::Type(format!("{wanted} wanted, {} found", v.class()))
}

impl FromSql for i64 {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Integer(i) => Ok(i),
            v => Err(wrong("integer", v)),
        }
    }
}

macro_rules! from_sql_narrow {
    ($($t:ty),*) => {$(
        impl FromSql for $t {
            fn column_result(v: ValueRef<'_>) -> Result<Self> {
                let i = i64::column_result(v)?;
                <$t>::try_from(i).map_err(|_| Error::Type(format!("{i} out of range")))
            }
        }
    )*};
}
from_sql_narrow!(i32, u32, u16, u8, usize, u64);

impl FromSql for bool {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        Ok(i64::column_result(v)? != 0)
    }
}

impl FromSql for f64 {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Integer(i) => Ok(i as f64),
            ValueRef::Real(f) => Ok(f),
            v => Err(wrong("real", v)),
        }
    }
}

impl FromSql for String {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        v.as_str().map(str::to_string)
    }
}

impl FromSql for Vec<u8> {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Blob(b) | ValueRef::Text(b) => Ok(b.to_vec()),
            v => Err(wrong("blob", v)),
        }
    }
}

impl FromSql for Value {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        Ok(v.into())
    }
}

impl<T: FromSql> FromSql for Option<T> {
    fn column_result(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Null => Ok(None),
            v => T::column_result(v).map(Some),
        }
    }
}

/// Parameters of one statement, bound by position.
pub trait Params {
    /// Calls `bind` with each parameter's position (from 1) and value.
    fn bind_each(self, bind: &mut dyn FnMut(usize, ValueRef<'_>) -> Result<()>) -> Result<()>;
}

impl Params for [&dyn ToSql; 0] {
    fn bind_each(self, _: &mut dyn FnMut(usize, ValueRef<'_>) -> Result<()>) -> Result<()> {
        Ok(())
    }
}

impl Params for &[&dyn ToSql] {
    fn bind_each(self, bind: &mut dyn FnMut(usize, ValueRef<'_>) -> Result<()>) -> Result<()> {
        for (i, v) in self.iter().enumerate() {
            bind(i + 1, v.to_sql())?;
        }
        Ok(())
    }
}

macro_rules! params_arrays {
    ($($n:literal),*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn bind_each(self, bind: &mut dyn FnMut(usize, ValueRef<'_>) -> Result<()>) -> Result<()> {
                for (i, v) in self.iter().enumerate() {
                    bind(i + 1, v.to_sql())?;
                }
                Ok(())
            }
        }
        impl<T: ToSql + ?Sized> Params for &[&T; $n] {
            fn bind_each(self, bind: &mut dyn FnMut(usize, ValueRef<'_>) -> Result<()>) -> Result<()> {
                for (i, v) in self.iter().enumerate() {
                    bind(i + 1, v.to_sql())?;
                }
                Ok(())
            }
        }
    )*};
}
params_arrays!(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);

macro_rules! params_tuples {
    ($(($($t:ident $i:tt),*)),*) => {$(
        impl<$($t: ToSql),*> Params for ($($t,)*) {
            fn bind_each(self, bind: &mut dyn FnMut(usize, ValueRef<'_>) -> Result<()>) -> Result<()> {
                $(bind($i + 1, self.$i.to_sql())?;)*
                Ok(())
            }
        }
    )*};
}
params_tuples!(
    (A 0),
    (A 0, B 1),
    (A 0, B 1, C 2),
    (A 0, B 1, C 2, D 3),
    (A 0, B 1, C 2, D 3, E 4),
    (A 0, B 1, C 2, D 3, E 4, F 5)
);

/// The values of an iterator, bound in order.
pub struct ParamsFromIter<I>(I);

/// Binds the items of `iter` in order.
pub fn params_from_iter<I>(iter: I) -> ParamsFromIter<I>
where
    I: IntoIterator,
    I::Item: ToSql,
{
    ParamsFromIter(iter)
}

impl<I> Params for ParamsFromIter<I>
where
    I: IntoIterator,
    I::Item: ToSql,
{
    fn bind_each(self, bind: &mut dyn FnMut(usize, ValueRef<'_>) -> Result<()>) -> Result<()> {
        for (i, v) in self.0.into_iter().enumerate() {
            bind(i + 1, v.to_sql())?;
        }
        Ok(())
    }
}

/// Parameters of mixed types: `params![id, name, amount]`.
#[macro_export]
macro_rules! sql_params {
    () => { &[] as &[&dyn $crate::store::db::ToSql] };
    ($($p:expr),+ $(,)?) => { &[$(&$p as &dyn $crate::store::db::ToSql),+] as &[&dyn $crate::store::db::ToSql] };
}
pub use crate::sql_params as params;

/// A column by position (from 0) or by name.
pub trait RowIndex: rusqlite::RowIndex {}

impl RowIndex for usize {}
impl RowIndex for &str {}

/// One row of a result.
pub struct Row<'s> {
    inner: &'s rusqlite::Row<'s>,
}

impl<'s> Row<'s> {
    /// Column `idx` as a `T`.
    pub fn get<I: RowIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        T::column_result(self.get_ref(idx)?)
    }

    /// Column `idx` as it is stored, borrowed.
    pub fn get_ref<I: RowIndex>(&self, idx: I) -> Result<ValueRef<'_>> {
        Ok(from_sqlite(self.inner.get_ref(idx)?))
    }
}

/// The rows of a running query, one at a time.
pub struct Rows<'s> {
    inner: rusqlite::Rows<'s>,
}

impl<'s> Rows<'s> {
    /// The next row, or None at the end.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        Ok(self.inner.next()?.map(|inner| Row { inner }))
    }
}

/// The rows of a query, each mapped by `f`.
pub struct MappedRows<'s, F> {
    rows: Rows<'s>,
    f: F,
}

impl<T, F: FnMut(&Row<'_>) -> Result<T>> Iterator for MappedRows<'_, F> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        match self.rows.next() {
            Ok(Some(row)) => Some((self.f)(&row)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

enum Stmt<'c> {
    Plain(rusqlite::Statement<'c>),
    Cached(rusqlite::CachedStatement<'c>),
}

/// A prepared statement.
pub struct Statement<'c> {
    inner: Stmt<'c>,
    conn: &'c rusqlite::Connection,
}

impl<'c> Statement<'c> {
    fn raw(&mut self) -> &mut rusqlite::Statement<'c> {
        match &mut self.inner {
            Stmt::Plain(s) => s,
            Stmt::Cached(s) => s,
        }
    }

    fn bound<P: Params>(&mut self, params: P) -> Result<&mut rusqlite::Statement<'c>> {
        let stmt = self.raw();
        stmt.clear_bindings();
        params.bind_each(&mut |i, v| Ok(stmt.raw_bind_parameter(i, Bound(v))?))?;
        Ok(stmt)
    }

    /// Runs it; the number of rows changed.
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        Ok(self.bound(params)?.raw_execute()?)
    }

    /// Runs an INSERT; the rowid of the row it added.
    pub fn insert<P: Params>(&mut self, params: P) -> Result<i64> {
        match self.bound(params)?.raw_execute()? {
            1 => Ok(self.conn.last_insert_rowid()),
            n => Err(Error::ChangedRows(n)),
        }
    }

    /// Whether it returns any row.
    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        let mut rows = self.query(params)?;
        Ok(rows.next()?.is_some())
    }

    /// Runs a query; its rows.
    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        let stmt = self.bound(params)?;
        Ok(Rows {
            inner: stmt.raw_query(),
        })
    }

    /// Runs a query; its rows mapped by `f`.
    pub fn query_map<T, P: Params, F: FnMut(&Row<'_>) -> Result<T>>(
        &mut self,
        params: P,
        f: F,
    ) -> Result<MappedRows<'_, F>> {
        Ok(MappedRows {
            rows: self.query(params)?,
            f,
        })
    }

    /// Runs a query; its first row mapped by `f`, [`Error::NoRows`] when there is none.
    pub fn query_row<T, P: Params, F: FnOnce(&Row<'_>) -> Result<T>>(
        &mut self,
        params: P,
        f: F,
    ) -> Result<T> {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(row) => f(&row),
            None => Err(Error::NoRows),
        }
    }

    /// Binds parameter `i` (from 1) alone, for statements bound value by value.
    pub fn raw_bind_parameter<T: ToSql>(&mut self, i: usize, value: T) -> Result<()> {
        Ok(self.raw().raw_bind_parameter(i, Bound(value.to_sql()))?)
    }

    /// Runs it with the parameters bound so far.
    pub fn raw_execute(&mut self) -> Result<usize> {
        Ok(self.raw().raw_execute()?)
    }

    /// Runs a query with the parameters bound so far.
    pub fn raw_query(&mut self) -> Rows<'_> {
        Rows {
            inner: self.raw().raw_query(),
        }
    }

    /// Whether it only reads.
    pub fn readonly(&mut self) -> bool {
        self.raw().readonly()
    }

    pub fn column_count(&mut self) -> usize {
        self.raw().column_count()
    }

    pub fn column_names(&mut self) -> Vec<String> {
        self.raw()
            .column_names()
            .map(str::to_string)
            .collect()
    }
}

/// An open database.
pub struct Connection {
    inner: rusqlite::Connection,
}

/// How a transaction takes its locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionBehavior {
    /// At its first read or write.
    Deferred,
    /// The write lock at once: a second writer waits instead of failing half-way.
    Immediate,
}

impl Connection {
    /// Opens a SQLite file.
    pub fn open_sqlite(path: &std::path::Path, flags: rusqlite::OpenFlags) -> Result<Connection> {
        Ok(Connection::from_sqlite(rusqlite::Connection::open_with_flags(path, flags)?))
    }

    /// Opens (or creates) a SQLite file (tests).
    pub fn open(path: &std::path::Path) -> Result<Connection> {
        Ok(Connection::from_sqlite(rusqlite::Connection::open(path)?))
    }

    /// A SQLite database in memory (tests).
    pub fn open_in_memory() -> Result<Connection> {
        Ok(Connection::from_sqlite(rusqlite::Connection::open_in_memory()?))
    }

    fn from_sqlite(inner: rusqlite::Connection) -> Connection {
        Connection { inner }
    }

    /// The SQLite connection, for what only SQLite has (the backup API, the busy handler,
    /// pragmas, configuration).
    pub fn sqlite(&self) -> &rusqlite::Connection {
        &self.inner
    }

    /// The same, for what needs it alone (the busy handler).
    pub fn sqlite_mut(&mut self) -> &mut rusqlite::Connection {
        &mut self.inner
    }

    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare(sql)?.execute(params)
    }

    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        Ok(self.inner.execute_batch(sql)?)
    }

    pub fn query_row<T, P: Params, F: FnOnce(&Row<'_>) -> Result<T>>(
        &self,
        sql: &str,
        params: P,
        f: F,
    ) -> Result<T> {
        self.prepare(sql)?.query_row(params, f)
    }

    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement {
            inner: Stmt::Plain(self.inner.prepare(sql)?),
            conn: &self.inner,
        })
    }

    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement {
            inner: Stmt::Cached(self.inner.prepare_cached(sql)?),
            conn: &self.inner,
        })
    }

    /// Sets a SQLite pragma of the main database.
    pub fn pragma_update<V: ToSql>(&self, name: &str, value: V) -> Result<()> {
        Ok(self.inner.pragma_update(None, name, Bound(value.to_sql()))?)
    }

    /// The rowid of the row the last INSERT added.
    pub fn last_insert_rowid(&self) -> i64 {
        self.inner.last_insert_rowid()
    }

    /// Begins a transaction on a shared connection; rolled back when dropped without
    /// [`Transaction::commit`].
    pub fn transaction_with_behavior(&self, behavior: TransactionBehavior) -> Result<Transaction<'_>> {
        self.execute_batch(match behavior {
            TransactionBehavior::Deferred => "BEGIN DEFERRED",
            TransactionBehavior::Immediate => "BEGIN IMMEDIATE",
        })?;
        Ok(Transaction { conn: self })
    }

    /// A deferred transaction: one snapshot for the reads in it.
    pub fn unchecked_transaction(&self) -> Result<Transaction<'_>> {
        self.transaction_with_behavior(TransactionBehavior::Deferred)
    }

    /// Whether no transaction is open.
    pub fn is_autocommit(&self) -> bool {
        self.inner.is_autocommit()
    }

    pub fn close(self) -> Result<()> {
        self.inner.close().map_err(|(_, e)| e.into())
    }
}

/// An open transaction; rolled back when dropped without [`Transaction::commit`].
pub struct Transaction<'c> {
    conn: &'c Connection,
}

impl Transaction<'_> {
    /// Commits it. Should COMMIT fail, dropping `self` rolls it back.
    pub fn commit(self) -> Result<()> {
        self.conn.execute_batch("COMMIT")
    }

    pub fn rollback(self) -> Result<()> {
        self.conn.execute_batch("ROLLBACK")
    }

    /// Ends a transaction that only read.
    pub fn finish(self) -> Result<()> {
        self.rollback()
    }
}

impl Deref for Transaction<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.conn.inner.is_autocommit() {
            let _ = self.conn.inner.execute_batch("ROLLBACK");
        }
    }
}
