//! The store's one connection API. Every file of the store reaches the database through these
//! types, never through a driver directly, so that a second backend (PostgreSQL, issue 16) is a
//! second arm of [`Connection`] here, not a second store: SQLite (rusqlite, bundled) and
//! PostgreSQL 15+ (the `postgres` crate).
//!
//! The API is the part of rusqlite's that the store uses, under the same names, so that store
//! code reads as it always has. What is different is what crosses it: parameters and columns
//! are this module's [`ToSql`]/[`FromSql`] over [`Value`]/[`ValueRef`] (a backend converts them
//! to its own), errors are [`Error`], and a transaction is [`Transaction`], which any backend
//! can begin with SQL. Driver types appear only in this file and where a store file uses a
//! capability only SQLite has (the backup API, the busy handler), through [`Connection::sqlite`].
//!
//! SQL is written once, in SQLite's spelling with `?` or `?N` placeholders; the PostgreSQL arm
//! rewrites it at prepare time ([`postgres_sql`]). The differences it rewrites are named there
//! and kept few: everything else is written in SQL both engines run alike.

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
    Postgres(postgres::Error),
    /// What only the other backend can do.
    Unsupported(&'static str),
    /// A connection string or TLS setting that cannot be used.
    Connect(String),
    /// A query for one row found none.
    NoRows,
    /// A column held another class than the one asked for.
    Type(String),
    /// Text that is not UTF-8.
    Utf8(String),
    /// An INSERT that should have added one row changed this many.
    ChangedRows(usize),
    /// Rows left to SQLite to number that it numbered otherwise: the table, the id it gave
    /// the last row, the id the row was sent for.
    OtherIds(String, i64, i64),
}

impl Error {
    /// Another connection holds the lock this one needs.
    pub fn is_busy(&self) -> bool {
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ),
            Error::Postgres(e) => e.code().is_some_and(|c| {
                [
                    &postgres::error::SqlState::T_R_SERIALIZATION_FAILURE,
                    &postgres::error::SqlState::T_R_DEADLOCK_DETECTED,
                    &postgres::error::SqlState::LOCK_NOT_AVAILABLE,
                ]
                .contains(&c)
            }),
            _ => false,
        }
    }

    /// A constraint (unique, foreign key, check, not null) refused the write.
    pub fn is_constraint(&self) -> bool {
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code == rusqlite::ErrorCode::ConstraintViolation
            }
            // Class 23: integrity constraint violation.
            Error::Postgres(e) => e.code().is_some_and(|c| c.code().starts_with("23")),
            _ => false,
        }
    }

    /// A foreign key refused the write at once (PostgreSQL's; SQLite's are checked at the end
    /// of what `defer_foreign_keys` defers).
    pub fn is_foreign_key(&self) -> bool {
        matches!(self, Error::Postgres(e)
            if e.code() == Some(&postgres::error::SqlState::FOREIGN_KEY_VIOLATION))
    }

    /// PostgreSQL's SQLSTATE for the error, if it is the server's.
    pub fn sql_state(&self) -> Option<&str> {
        match self {
            Error::Postgres(e) => e.code().map(|c| c.code()),
            _ => None,
        }
    }

    /// The statement ran past PostgreSQL's `statement_timeout` (or was cancelled).
    pub fn is_cancelled(&self) -> bool {
        matches!(self, Error::Postgres(e)
            if e.code() == Some(&postgres::error::SqlState::QUERY_CANCELED))
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
            // The server's own words, not the driver's "db error".
            Error::Postgres(e) => match (e.as_db_error(), std::error::Error::source(e)) {
                (Some(d), _) => write!(f, "{}: {}", d.severity(), d.message()),
                // The driver's kind alone ("invalid configuration", "error performing TLS
                // handshake") without what went wrong ("password missing" …) says nothing.
                (None, Some(why)) => write!(f, "{e}: {why}"),
                (None, None) => e.fmt(f),
            },
            Error::Unsupported(what) => write!(f, "not on this backend: {what}"),
            Error::Connect(why) => f.write_str(why),
            Error::NoRows => f.write_str("query returned no rows"),
            Error::Type(t) | Error::Utf8(t) => f.write_str(t),
            Error::ChangedRows(n) => write!(f, "an insert changed {n} rows"),
            Error::OtherIds(t, got, sent) => {
                write!(f, "a row of {t} sent as {sent} was given id {got}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Sqlite(e) => Some(e),
            // Its words are this error's own (Display): the driver's would say them again.
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

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Error {
        Error::Postgres(e)
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

/// A connection string as messages show it: without its password (`user:secret@host` →
/// `user@host`, `password=secret` → `password=***`).
pub fn shown_url(url: &str) -> String {
    if let Some(rest) = url
        .strip_prefix("postgresql://")
        .map(|r| ("postgresql://", r))
        .or_else(|| url.strip_prefix("postgres://").map(|r| ("postgres://", r)))
    {
        let (scheme, rest) = rest;
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        return match authority.rsplit_once('@') {
            Some((user, host)) => {
                let user = user.split_once(':').map_or(user, |(u, _)| u);
                format!("{scheme}{user}@{host}{}", hide_password_option(tail))
            }
            None => format!("{scheme}{authority}{}", hide_password_option(tail)),
        };
    }
    url.split_whitespace()
        .map(|w| match w.split_once('=') {
            Some(("password", _)) => "password=***".to_string(),
            _ => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A URL's `password=` query option hidden.
fn hide_password_option(tail: &str) -> String {
    match tail.split_once('?') {
        None => tail.to_string(),
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some(("password", _)) => "password=***".to_string(),
                    _ => p.to_string(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
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
pub trait RowIndex: rusqlite::RowIndex {
    fn position(&self, row: &postgres::Row) -> Result<usize>;
}

impl RowIndex for usize {
    fn position(&self, row: &postgres::Row) -> Result<usize> {
        match *self < row.len() {
            true => Ok(*self),
            false => Err(Error::Type(format!("no column {self}"))),
        }
    }
}

impl RowIndex for &str {
    fn position(&self, row: &postgres::Row) -> Result<usize> {
        row.columns()
            .iter()
            .position(|c| c.name() == *self)
            .ok_or_else(|| Error::Type(format!("no column {self}")))
    }
}

/// One row of a result.
pub struct Row<'s> {
    inner: RowRef<'s>,
}

#[derive(Clone, Copy)]
enum RowRef<'s> {
    Sqlite(&'s rusqlite::Row<'s>),
    Pg(&'s postgres::Row),
}

impl<'s> Row<'s> {
    /// Column `idx` as a `T`.
    pub fn get<I: RowIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        T::column_result(self.get_ref(idx)?)
    }

    /// Column `idx` as it is stored, borrowed.
    pub fn get_ref<I: RowIndex>(&self, idx: I) -> Result<ValueRef<'_>> {
        match self.inner {
            RowRef::Sqlite(r) => Ok(from_sqlite(r.get_ref(idx)?)),
            RowRef::Pg(r) => {
                let i = idx.position(r)?;
                Ok(r.try_get::<_, PgValue<'_>>(i)?.0)
            }
        }
    }
}

/// The rows of a running query, one at a time.
pub struct Rows<'s> {
    inner: RowsInner<'s>,
}

enum RowsInner<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Pg(PgRows<'s>),
}

impl<'s> Rows<'s> {
    /// The next row, or None at the end.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match &mut self.inner {
            RowsInner::Sqlite(rows) => Ok(rows.next()?.map(|r| Row {
                inner: RowRef::Sqlite(r),
            })),
            RowsInner::Pg(rows) => Ok(rows.next()?.map(|r| Row {
                inner: RowRef::Pg(r),
            })),
        }
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
    Plain(rusqlite::Statement<'c>, &'c rusqlite::Connection),
    Cached(rusqlite::CachedStatement<'c>, &'c rusqlite::Connection),
    Pg(PgStatement<'c>),
}

/// A prepared statement.
pub struct Statement<'c> {
    inner: Stmt<'c>,
}

impl<'c> Statement<'c> {
    /// The SQLite statement; None on PostgreSQL.
    fn sqlite(&mut self) -> Option<&mut rusqlite::Statement<'c>> {
        match &mut self.inner {
            Stmt::Plain(s, _) => Some(s),
            Stmt::Cached(s, _) => Some(s),
            Stmt::Pg(_) => None,
        }
    }

    /// Binds `params`, after clearing what was bound before.
    fn bind<P: Params>(&mut self, params: P) -> Result<()> {
        match self.sqlite() {
            Some(stmt) => {
                stmt.clear_bindings();
                params.bind_each(&mut |i, v| Ok(stmt.raw_bind_parameter(i, Bound(v))?))
            }
            None => {
                let Stmt::Pg(pg) = &mut self.inner else {
                    unreachable!()
                };
                pg.clear();
                params.bind_each(&mut |i, v| {
                    pg.set(i, v);
                    Ok(())
                })
            }
        }
    }

    /// Runs it; the number of rows changed.
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        self.bind(params)?;
        self.raw_execute()
    }

    /// Runs an INSERT; the rowid (`id`) of the row it added.
    pub fn insert<P: Params>(&mut self, params: P) -> Result<i64> {
        match self.execute(params)? {
            1 => match &self.inner {
                Stmt::Plain(_, c) | Stmt::Cached(_, c) => Ok(c.last_insert_rowid()),
                Stmt::Pg(pg) => pg.conn.last_value(),
            },
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
        self.bind(params)?;
        self.raw_query_checked()
    }

    /// Runs a query whose rows are few (one person's payouts of a category, asked per imported
    /// row): on PostgreSQL read at once, one round trip to the server where a cursor takes
    /// three. On SQLite as [`Statement::query`].
    pub fn query_few<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        self.bind(params)?;
        self.rows_by(PgStatement::query_at_once)
    }

    /// Runs a long query whose rows are used as they come, with no other statement before its
    /// last row is read: on PostgreSQL read by a thread of its own, so that the server sends
    /// the next rows while these are used (a cursor waits for each thousand in turn). A
    /// statement before the last row ends the read, and the rows left are an error. On SQLite
    /// as [`Statement::query`].
    pub fn query_streamed<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        self.bind(params)?;
        self.rows_by(PgStatement::query_streamed)
    }

    fn raw_query_checked(&mut self) -> Result<Rows<'_>> {
        self.rows_by(PgStatement::query)
    }

    /// The bound statement's rows: SQLite's as they come, PostgreSQL's as `pg` reads them.
    fn rows_by(
        &mut self,
        pg: for<'s> fn(&'s mut PgStatement<'c>) -> Result<PgRows<'s>>,
    ) -> Result<Rows<'_>> {
        Ok(Rows {
            inner: match &mut self.inner {
                Stmt::Plain(s, _) => RowsInner::Sqlite(s.raw_query()),
                Stmt::Cached(s, _) => RowsInner::Sqlite(s.raw_query()),
                Stmt::Pg(stmt) => RowsInner::Pg(pg(stmt)?),
            },
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
        self.bind(params)?;
        let mut rows = match &mut self.inner {
            Stmt::Pg(pg) => Rows {
                inner: RowsInner::Pg(pg.query_at_once()?),
            },
            _ => self.raw_query_checked()?,
        };
        match rows.next()? {
            Some(row) => f(&row),
            None => Err(Error::NoRows),
        }
    }

    /// Binds parameter `i` (from 1) alone, for statements bound value by value.
    pub fn raw_bind_parameter<T: ToSql>(&mut self, i: usize, value: T) -> Result<()> {
        match &mut self.inner {
            Stmt::Plain(s, _) => Ok(s.raw_bind_parameter(i, Bound(value.to_sql()))?),
            Stmt::Cached(s, _) => Ok(s.raw_bind_parameter(i, Bound(value.to_sql()))?),
            Stmt::Pg(pg) => {
                pg.set(i, value.to_sql());
                Ok(())
            }
        }
    }

    /// Runs it with the parameters bound so far.
    pub fn raw_execute(&mut self) -> Result<usize> {
        match &mut self.inner {
            Stmt::Plain(s, _) => Ok(s.raw_execute()?),
            Stmt::Cached(s, _) => Ok(s.raw_execute()?),
            Stmt::Pg(pg) => pg.execute(),
        }
    }

    /// Runs a query with the parameters bound so far. On PostgreSQL an error running it shows at
    /// the first [`Rows::next`].
    pub fn raw_query(&mut self) -> Rows<'_> {
        match self.raw_query_checked() {
            Ok(rows) => rows,
            Err(e) => Rows {
                inner: RowsInner::Pg(PgRows::failed(e)),
            },
        }
    }

    /// Whether it only reads.
    pub fn readonly(&mut self) -> bool {
        match &mut self.inner {
            Stmt::Plain(s, _) => s.readonly(),
            Stmt::Cached(s, _) => s.readonly(),
            Stmt::Pg(pg) => pg.readonly(),
        }
    }

    pub fn column_count(&mut self) -> usize {
        match &mut self.inner {
            Stmt::Plain(s, _) => s.column_count(),
            Stmt::Cached(s, _) => s.column_count(),
            Stmt::Pg(pg) => pg.stmt.columns().len(),
        }
    }

    /// The first column whose type the store cannot read (PostgreSQL: a date, a timestamp …),
    /// as (position from 0, name, type); none on SQLite, whose values are all readable.
    pub fn unreadable_column(&self) -> Option<(usize, String, String)> {
        match &self.inner {
            Stmt::Plain(..) | Stmt::Cached(..) => None,
            Stmt::Pg(pg) => pg
                .stmt
                .columns()
                .iter()
                .enumerate()
                .find(|(_, c)| !pg::reads(c.type_()))
                .map(|(i, c)| (i, c.name().to_string(), c.type_().name().to_string())),
        }
    }

    pub fn column_names(&mut self) -> Vec<String> {
        match &mut self.inner {
            Stmt::Plain(s, _) => s.column_names().map(str::to_string).collect(),
            Stmt::Cached(s, _) => s.column_names().map(str::to_string).collect(),
            Stmt::Pg(pg) => pg
                .stmt
                .columns()
                .iter()
                .map(|c| c.name().to_string())
                .collect(),
        }
    }
}

/// An open database.
pub struct Connection {
    backend: Backend,
}

enum Backend {
    Sqlite(rusqlite::Connection),
    Pg(Box<PgConnection>),
}

/// How a transaction takes its locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionBehavior {
    /// At its first read or write.
    Deferred,
    /// The write lock at once: a second writer waits instead of failing half-way.
    Immediate,
}

/// Rows for [`Connection::copy_in`], in COPY's text format: fields separated by a tab, rows
/// by a newline, NULL as `\N`, and a backslash, tab, newline or carriage return in a text
/// escaped.
pub struct CopyRows {
    buf: Vec<u8>,
    /// Whether the next field starts a row.
    row_start: bool,
    /// Rows ended.
    rows: u64,
    /// With [`CopyRows::keeping_values`]: every field as given, for a reader of the rows sent.
    kept: Option<Kept>,
    /// Whether `buf` is written (not for SQLite, which binds the values kept).
    text: bool,
}

/// The fields of [`CopyRows`] as given, by row.
#[derive(Default)]
struct Kept {
    fields: Vec<KeptField>,
    /// The texts' bytes, unescaped.
    texts: Vec<u8>,
    /// Where each row's fields end in `fields`.
    row_ends: Vec<usize>,
}

enum KeptField {
    Null,
    Integer(i64),
    /// A span of `Kept::texts`.
    Text(usize, usize),
}

impl Default for CopyRows {
    fn default() -> Self {
        CopyRows::new()
    }
}

impl CopyRows {
    pub fn new() -> CopyRows {
        CopyRows {
            buf: Vec::new(),
            row_start: true,
            rows: 0,
            kept: None,
            text: true,
        }
    }

    /// Rows that also keep their fields as given, to be read back by [`CopyRows::kept_rows`]
    /// (the seal of the rows a write sends).
    pub fn keeping_values() -> CopyRows {
        CopyRows {
            kept: Some(Kept::default()),
            ..CopyRows::new()
        }
    }

    /// The rows ended, each as its fields were given: with [`CopyRows::keeping_values`] only.
    pub fn kept_rows(&self) -> Option<impl Iterator<Item = Vec<ValueRef<'_>>>> {
        let kept = self.kept.as_ref()?;
        let starts = std::iter::once(0).chain(kept.row_ends.iter().copied());
        Some(starts.zip(&kept.row_ends).map(|(from, &to)| {
            kept.fields[from..to]
                .iter()
                .map(|f| match *f {
                    KeptField::Null => ValueRef::Null,
                    KeptField::Integer(v) => ValueRef::Integer(v),
                    KeptField::Text(a, b) => ValueRef::Text(&kept.texts[a..b]),
                })
                .collect()
        }))
    }

    fn keep(&mut self, field: impl FnOnce(&mut Vec<u8>) -> KeptField) {
        if let Some(kept) = self.kept.as_mut() {
            let field = field(&mut kept.texts);
            kept.fields.push(field);
        }
    }

    fn separate(&mut self) {
        if !self.text {
            return;
        }
        if !self.row_start {
            self.buf.push(b'\t');
        }
        self.row_start = false;
    }

    pub fn int(&mut self, v: i64) -> &mut Self {
        use std::io::Write;
        self.separate();
        if self.text {
            let _ = write!(self.buf, "{v}");
        }
        self.keep(|_| KeptField::Integer(v));
        self
    }

    pub fn int_or_null(&mut self, v: Option<i64>) -> &mut Self {
        match v {
            Some(v) => self.int(v),
            None => self.text(None),
        }
    }

    pub fn text(&mut self, v: Option<&str>) -> &mut Self {
        self.separate();
        let Some(v) = v else {
            if self.text {
                self.buf.extend_from_slice(b"\\N");
            }
            self.keep(|_| KeptField::Null);
            return self;
        };
        self.keep(|texts| {
            let from = texts.len();
            texts.extend_from_slice(v.as_bytes());
            KeptField::Text(from, texts.len())
        });
        if !self.text {
            return self;
        }
        for b in v.bytes() {
            match b {
                b'\\' => self.buf.extend_from_slice(b"\\\\"),
                b'\t' => self.buf.extend_from_slice(b"\\t"),
                b'\n' => self.buf.extend_from_slice(b"\\n"),
                b'\r' => self.buf.extend_from_slice(b"\\r"),
                _ => self.buf.push(b),
            }
        }
        self
    }

    pub fn end_row(&mut self) {
        if self.text {
            self.buf.push(b'\n');
        }
        self.row_start = true;
        self.rows += 1;
        if let Some(kept) = self.kept.as_mut() {
            kept.row_ends.push(kept.fields.len());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0 && self.buf.is_empty()
    }

    /// The rows ended so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }
}

/// Rows per multi-row INSERT, largest first: rows go in statements of these sizes, so that few
/// distinct statements are prepared.
pub(crate) const INSERT_SIZES: [usize; 4] = [64, 16, 4, 1];

/// [`Connection::copy_in`] on SQLite: `rows` inserted into `target` by multi-row INSERTs,
/// each checked to have inserted all its rows.
/// The columns of a COPY's target (`table (a, b, …)`), by name.
pub(crate) fn copy_columns(target: &str) -> Vec<&str> {
    let inside = target.split_once('(').map_or("", |(_, c)| c);
    inside
        .trim_end()
        .trim_end_matches(')')
        .split(',')
        .map(str::trim)
        .collect()
}

fn insert_rows(c: &rusqlite::Connection, target: &str, rows: &CopyRows) -> Result<()> {
    let Some(kept) = rows.kept.as_ref() else {
        return Err(Error::Unsupported("rows without their values"));
    };
    let table = target.split_once('(').map_or(target, |(t, _)| t).trim();
    let columns = copy_columns(target);
    let width = columns.len();
    let row_fields = |r: usize| {
        let from = if r == 0 { 0 } else { kept.row_ends[r - 1] };
        &kept.fields[from..kept.row_ends[r]]
    };
    let count = kept.row_ends.len();
    if let Some(r) = (0..count).find(|&r| row_fields(r).len() != width) {
        return Err(Error::Type(format!(
            "a row of {} fields for {width} columns",
            row_fields(r).len()
        )));
    }
    let id_of = |r: usize| match row_fields(r).first() {
        Some(&KeptField::Integer(id)) => Some(id),
        _ => None,
    };
    // A multi-row INSERT that gives the rowid makes SQLite keep a statement journal (its
    // check that the id is an integer may abort the statement half-way): every page the
    // statement touches is copied first, 4% of a million-row payout import's time and 9%
    // where an unordered index (people by ID number) is written. So where the ids are the
    // ones SQLite gives anyway, the next after the largest and one after another, they are
    // left to it, and each statement is checked to have given exactly them. (A CHECK
    // constraint that calls a function needs the journal too: a payout import's transaction
    // runs without them, see `Store::write_resolved`.)
    let given = columns.first() == Some(&"id") && width > 1 && {
        let first = id_of(0);
        let next: Option<i64> = c.query_row(
            &format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"),
            [],
            |r| r.get(0),
        )?;
        first.is_some_and(|f| Some(f) == next)
            && (0..count).all(|r| {
                id_of(r)
                    .zip(first)
                    .is_some_and(|(id, f)| id == f + r as i64)
            })
    };
    let skip = usize::from(given);
    let one = format!("({})", vec!["?"; width - skip].join(", "));
    let named = match given {
        true => format!("{table} ({})", columns[1..].join(", ")),
        false => target.to_string(),
    };
    let mut row = 0;
    while row < count {
        let left = count - row;
        let size = INSERT_SIZES.into_iter().find(|&s| s <= left).unwrap_or(1);
        let mut stmt = c.prepare_cached(&format!(
            "INSERT OR FAIL INTO {named} VALUES {}",
            vec![one.as_str(); size].join(", ")
        ))?;
        let mut param = 1;
        for r in row..row + size {
            for f in &row_fields(r)[skip..] {
                let value = match *f {
                    KeptField::Null => ValueRef::Null,
                    KeptField::Integer(v) => ValueRef::Integer(v),
                    KeptField::Text(a, b) => ValueRef::Text(&kept.texts[a..b]),
                };
                stmt.raw_bind_parameter(param, Bound(value))?;
                param += 1;
            }
        }
        match stmt.raw_execute()? {
            n if n != size => return Err(Error::ChangedRows(n)),
            _ if given && Some(c.last_insert_rowid()) != id_of(row + size - 1) => {
                return Err(Error::OtherIds(
                    table.to_string(),
                    c.last_insert_rowid(),
                    id_of(row + size - 1).unwrap_or_default(),
                ))
            }
            _ => {}
        }
        row += size;
    }
    Ok(())
}

impl Connection {
    /// Opens a SQLite file.
    pub fn open_sqlite(path: &std::path::Path, flags: rusqlite::OpenFlags) -> Result<Connection> {
        Ok(Connection::from_sqlite(
            rusqlite::Connection::open_with_flags(path, flags)?,
        ))
    }

    /// Opens (or creates) a SQLite file (tests).
    pub fn open(path: &std::path::Path) -> Result<Connection> {
        Ok(Connection::from_sqlite(rusqlite::Connection::open(path)?))
    }

    /// A SQLite database in memory (tests).
    pub fn open_in_memory() -> Result<Connection> {
        Ok(Connection::from_sqlite(
            rusqlite::Connection::open_in_memory()?,
        ))
    }

    /// Connects to PostgreSQL. `url` is a `postgresql://` URL or a libpq key=value string; a
    /// password it does not give is taken from `PGPASSWORD` or `~/.pgpass`, as libpq does.
    pub fn open_postgres(url: &str) -> Result<Connection> {
        Ok(Connection {
            backend: Backend::Pg(Box::new(PgConnection::connect(url, None)?)),
        })
    }

    /// Connects to database `database` of the server `url` names (tests make their own).
    #[cfg(test)]
    pub(crate) fn open_postgres_database(url: &str, database: &str) -> Result<Connection> {
        Ok(Connection {
            backend: Backend::Pg(Box::new(PgConnection::connect(url, Some(database))?)),
        })
    }

    fn from_sqlite(inner: rusqlite::Connection) -> Connection {
        Connection {
            backend: Backend::Sqlite(inner),
        }
    }

    /// What a write waiting for another's lock does: on SQLite the busy handler; on
    /// PostgreSQL called between tries of the write lock. It sleeps and may say so; false
    /// gives up.
    pub fn on_wait(&mut self, wait: impl FnMut(i32) -> bool + Send + 'static) -> Result<()> {
        match &mut self.backend {
            Backend::Sqlite(c) => Ok(c.busy_handler(Some(wait))?),
            Backend::Pg(pg) => {
                *pg.waiter.borrow_mut() = Some(Box::new(wait));
                Ok(())
            }
        }
    }

    /// A value that holds for the whole PostgreSQL session (which district the login is an
    /// office of), asked once by `ask` and remembered; on SQLite asked every time.
    pub fn session_memo<E>(
        &self,
        key: &'static str,
        ask: impl FnOnce() -> std::result::Result<Option<String>, E>,
    ) -> std::result::Result<Option<String>, E> {
        let Backend::Pg(pg) = &self.backend else {
            return ask();
        };
        if let Some(v) = pg.memo.borrow().get(key) {
            return Ok(v.clone());
        }
        let v = ask()?;
        pg.memo.borrow_mut().insert(key, v.clone());
        Ok(v)
    }

    /// A table's columns as `ask` reads them from the catalogue; on PostgreSQL asked once and
    /// remembered until a statement of this session may change a structure (a CREATE, ALTER,
    /// DROP or DO; in a batch of statements, any such word) or rolls back. A write's seal asked for them a thousand
    /// times and more, a round trip each. Another session cannot change a table this one's
    /// transaction has touched: its ALTER waits for the transaction's end.
    pub fn table_columns(
        &self,
        table: &str,
        ask: impl FnOnce() -> Result<Vec<String>>,
    ) -> Result<Vec<String>> {
        let Backend::Pg(pg) = &self.backend else {
            return ask();
        };
        if let Some(known) = pg.catalogue.borrow().get(table) {
            return Ok(known.clone());
        }
        let columns = ask()?;
        pg.catalogue
            .borrow_mut()
            .insert(table.to_string(), columns.clone());
        Ok(columns)
    }

    /// Whether this is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Pg(_))
    }

    /// A named dialect difference: SQLite's `WITHOUT ROWID` for a table keyed by its primary
    /// key alone (a scratch table written per row); nothing on PostgreSQL, whose tables have
    /// no rowid.
    pub fn without_rowid(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => " WITHOUT ROWID",
            Backend::Pg(_) => "",
        }
    }

    /// The SQLite connection, for what only SQLite has (the backup API, the busy handler,
    /// pragmas, configuration).
    pub fn sqlite(&self) -> Result<&rusqlite::Connection> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c),
            Backend::Pg(_) => Err(Error::Unsupported("SQLite only")),
        }
    }

    /// The same, for what needs it alone (the busy handler).
    pub fn sqlite_mut(&mut self) -> Result<&mut rusqlite::Connection> {
        match &mut self.backend {
            Backend::Sqlite(c) => Ok(c),
            Backend::Pg(_) => Err(Error::Unsupported("SQLite only")),
        }
    }

    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare(sql)?.execute(params)
    }

    /// A count that grows whenever this connection may have changed a row: on SQLite the rows
    /// changed (`sqlite3_total_changes`), on PostgreSQL every statement sent that is not a
    /// plain read (a SELECT, SHOW …). The same count before and after some work means the work
    /// changed nothing that rolling back to a savepoint would undo (a sequence's `setval`, run
    /// by a SELECT, is undone by no rollback).
    pub fn changes_so_far(&self) -> u64 {
        match &self.backend {
            Backend::Sqlite(c) => c.total_changes(),
            Backend::Pg(pg) => pg.writes.get(),
        }
    }

    /// Rows for [`Connection::copy_in`] on this backend: on PostgreSQL in COPY's text format
    /// (and their values as given too, with `keep_values`: the seal of the rows sent); on
    /// SQLite as their values alone, which its INSERTs bind.
    pub fn copy_rows(&self, keep_values: bool) -> CopyRows {
        match &self.backend {
            Backend::Sqlite(_) => CopyRows {
                text: false,
                ..CopyRows::keeping_values()
            },
            Backend::Pg(_) if keep_values => CopyRows::keeping_values(),
            Backend::Pg(_) => CopyRows::new(),
        }
    }

    /// Writes `rows` (made by [`Connection::copy_rows`]) into `target`, a table and its
    /// columns, each row whole or the write fails. A named dialect difference:
    /// - on PostgreSQL by its bulk load, left open: `COPY target FROM STDIN` (what SQLite
    ///   would do with INSERTs, PostgreSQL does several times faster this way). The server
    ///   loads `rows` while the caller goes on (the next batch of an import is judged
    ///   meanwhile); more rows for the same target join the same COPY, and rows for another
    ///   follow in a COPY of their own. The last COPY ends before the next statement of any
    ///   kind, which fails with the COPY's error if it failed, or if it copied another number
    ///   of rows than sent; so does the transaction's COMMIT;
    /// - on SQLite by INSERTs of many rows each, now: a row that does not go in (a key already
    ///   taken), or that SQLite numbers otherwise than sent, fails the write, as it would fail
    ///   the COPY.
    ///
    /// After a failed write the transaction is to be rolled back, as PostgreSQL's failed COPY
    /// has already aborted it: on SQLite the rows before the failing one are in (`INSERT OR
    /// FAIL`: SQLite then keeps no statement journal to undo one statement on its own, which
    /// copies every page the statement touches first; see `insert_rows`).
    pub fn copy_in(&self, target: &str, rows: CopyRows) -> Result<()> {
        sql_log("copy", target);
        match &self.backend {
            Backend::Sqlite(c) => insert_rows(c, target, &rows),
            Backend::Pg(pg) => pg.copy_in_background(target, rows.buf, rows.rows),
        }
    }

    /// Ends the rows [`Connection::copy_in`] left loading (on PostgreSQL: waits for the server
    /// to load them, and fails as their COPY failed); nothing on SQLite, whose rows are in.
    /// The next statement of any kind does the same: this is for a caller that must know now.
    pub fn end_copy(&self) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(()),
            Backend::Pg(pg) => pg.end_copy(),
        }
    }

    /// Runs several statements without parameters, as they are written: the statements of a
    /// batch are one backend's own (a schema, a pragma), not rewritten.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        sql_log("batch", sql);
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Backend::Pg(pg) => pg.batch(sql),
        }
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
        sql_log("prepare", sql);
        Ok(Statement {
            inner: match &self.backend {
                Backend::Sqlite(c) => Stmt::Plain(c.prepare(sql)?, c),
                Backend::Pg(pg) => Stmt::Pg(pg.prepare(sql, false)?),
            },
        })
    }

    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        sql_log("prepare", sql);
        Ok(Statement {
            inner: match &self.backend {
                Backend::Sqlite(c) => Stmt::Cached(c.prepare_cached(sql)?, c),
                Backend::Pg(pg) => Stmt::Pg(pg.prepare(sql, true)?),
            },
        })
    }

    /// Sets a SQLite pragma of the main database.
    pub fn pragma_update<V: ToSql>(&self, name: &str, value: V) -> Result<()> {
        Ok(self
            .sqlite()?
            .pragma_update(None, name, Bound(value.to_sql()))?)
    }

    /// The rowid (`id`) of the row the last INSERT added.
    pub fn last_insert_rowid(&self) -> Result<i64> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.last_insert_rowid()),
            Backend::Pg(pg) => pg.last_value(),
        }
    }

    /// Begins a transaction on a shared connection; rolled back when dropped without
    /// [`Transaction::commit`].
    ///
    /// An immediate transaction takes the one write lock at once, on either backend: on
    /// PostgreSQL an advisory lock held to its end, so that writers queue as on SQLite (and the
    /// audit chain is appended to by one writer at a time).
    pub fn transaction_with_behavior(
        &self,
        behavior: TransactionBehavior,
    ) -> Result<Transaction<'_>> {
        match (&self.backend, behavior) {
            (Backend::Sqlite(c), TransactionBehavior::Deferred) => {
                c.execute_batch("BEGIN DEFERRED")?
            }
            (Backend::Sqlite(c), TransactionBehavior::Immediate) => {
                c.execute_batch("BEGIN IMMEDIATE")?
            }
            (Backend::Pg(pg), TransactionBehavior::Deferred) => pg.begin(false)?,
            (Backend::Pg(pg), TransactionBehavior::Immediate) => pg.begin(true)?,
        }
        Ok(Transaction { conn: self })
    }

    /// A deferred transaction: one snapshot for the reads in it.
    pub fn unchecked_transaction(&self) -> Result<Transaction<'_>> {
        self.transaction_with_behavior(TransactionBehavior::Deferred)
    }

    /// A transaction that only reads, every statement in it from the same snapshot whatever
    /// other connections commit meanwhile: SQLite's deferred transaction (WAL); on PostgreSQL
    /// REPEATABLE READ, as its default (READ COMMITTED) takes a new snapshot per statement.
    pub fn snapshot(&self) -> Result<Transaction<'_>> {
        let tx = self.transaction_with_behavior(TransactionBehavior::Deferred)?;
        if let Backend::Pg(pg) = &self.backend {
            pg.batch("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")?;
        }
        Ok(tx)
    }

    /// Whether no transaction is open.
    pub fn is_autocommit(&self) -> bool {
        match &self.backend {
            Backend::Sqlite(c) => c.is_autocommit(),
            Backend::Pg(pg) => !pg.in_transaction.get(),
        }
    }

    pub fn close(self) -> Result<()> {
        match self.backend {
            Backend::Sqlite(c) => c.close().map_err(|(_, e)| e.into()),
            Backend::Pg(pg) => Ok(pg.into_client()?.close()?),
        }
    }

    fn end(&self, sql: &str) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Backend::Pg(pg) => pg.end(sql),
        }
    }
}

/// An open transaction; rolled back when dropped without [`Transaction::commit`].
pub struct Transaction<'c> {
    conn: &'c Connection,
}

impl Transaction<'_> {
    /// Commits it. Should COMMIT fail, dropping `self` rolls it back.
    pub fn commit(self) -> Result<()> {
        self.conn.end("COMMIT")
    }

    pub fn rollback(self) -> Result<()> {
        self.conn.end("ROLLBACK")
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
        if !self.conn.is_autocommit() {
            let _ = self.conn.end("ROLLBACK");
        }
    }
}

/// Dev tool, off unless `UNION_SQL_LOG` names a file: appends every SQL text given to
/// [`Connection::prepare`], [`Connection::prepare_cached`] and [`Connection::execute_batch`]
/// to it, each text once per process, as a record headed by a line `-- ;; KIND` (`prepare` or
/// `batch`). For checking the store's SQL against PostgreSQL (issue 16).
fn sql_log(kind: &str, sql: &str) {
    use std::collections::HashSet;
    use std::io::Write;
    use std::sync::{Mutex, OnceLock};
    type Log = Option<Mutex<(std::fs::File, HashSet<String>)>>;
    static LOG: OnceLock<Log> = OnceLock::new();
    let log = LOG.get_or_init(|| {
        let path = std::env::var_os("UNION_SQL_LOG").filter(|p| !p.is_empty())?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()?;
        Some(Mutex::new((file, HashSet::new())))
    });
    let Some(log) = log else { return };
    let Ok(mut log) = log.lock() else { return };
    let (file, seen) = &mut *log;
    if seen.insert(format!("{kind}\n{sql}")) {
        // One write per record: records of processes appending at once stay whole.
        let _ = file.write_all(format!("-- ;; {kind}\n{sql}\n").as_bytes());
    }
}

mod pg;
pub use pg::postgres_sql;
use pg::{PgConnection, PgRows, PgStatement, PgValue};

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The PostgreSQL database of the tests, when `UNION_TEST_PG` names one.
    pub(crate) fn postgres() -> Option<Connection> {
        match std::env::var("UNION_TEST_PG") {
            Ok(url) if !url.is_empty() => {
                Some(Connection::open_postgres(&url).expect("UNION_TEST_PG"))
            }
            _ => {
                // Written past the test harness's capture, once, so that it shows.
                static SAID: std::sync::Once = std::sync::Once::new();
                SAID.call_once(|| {
                    use std::io::Write;
                    let _ = writeln!(
                        std::io::stderr(),
                        "UNION_TEST_PG is not set: the PostgreSQL half of store::db's tests was skipped"
                    );
                });
                None
            }
        }
    }

    /// A PostgreSQL database of its own for one test (C-collated UTF-8, as schema.pg.sql
    /// wants), dropped with it; None without `UNION_TEST_PG`.
    pub(crate) struct Scratch {
        admin: Connection,
        name: String,
        pub conn: Option<Connection>,
    }

    impl Scratch {
        pub(crate) fn new(label: &str) -> Option<Scratch> {
            let admin = postgres()?;
            let url = std::env::var("UNION_TEST_PG").unwrap();
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos();
            let name = format!("union_{label}_{}_{nanos}", std::process::id());
            admin
                .execute_batch(&format!(
                    "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' \
                     LC_COLLATE 'C' LC_CTYPE 'C'"
                ))
                .unwrap();
            let conn = Connection::open_postgres_database(&url, &name).unwrap();
            Some(Scratch {
                admin,
                name,
                conn: Some(conn),
            })
        }

        pub(crate) fn conn(&self) -> &Connection {
            self.conn.as_ref().unwrap()
        }

        /// [`Scratch::new`] with schema.pg.sql loaded.
        pub(crate) fn with_schema(label: &str) -> Option<Scratch> {
            let scratch = Scratch::new(label)?;
            scratch
                .conn()
                .execute_batch(&format!("BEGIN; {}\nCOMMIT;", crate::store::SCHEMA_PG_SQL))
                .unwrap();
            Some(scratch)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            if let Some(c) = self.conn.take() {
                let _ = c.close();
            }
            let _ = self.admin.execute_batch(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }

    /// Runs `check` on a SQLite database in memory and, when there is one, on PostgreSQL, each
    /// with the table `t` (in PostgreSQL a temporary one, so that runs do not meet).
    fn on_both(check: impl Fn(&Connection)) {
        let sqlite = Connection::open_in_memory().unwrap();
        sqlite
            .execute_batch(
                "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT UNIQUE, b BLOB);",
            )
            .unwrap();
        check(&sqlite);
        if let Some(pg) = postgres() {
            pg.execute_batch(
                "CREATE TEMP TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                     n BIGINT, s TEXT UNIQUE, b BYTEA);",
            )
            .unwrap();
            check(&pg);
        }
    }

    #[test]
    fn values_go_in_and_come_back_alike() {
        on_both(|c| {
            let id = c
                .prepare("INSERT INTO t (n, s, b) VALUES (?, ?, ?)")
                .unwrap()
                .insert(params![-7i64, "工会 ü", vec![0u8, 255]])
                .unwrap();
            let id2 = c
                .prepare("INSERT INTO t (n, s, b) VALUES (?1, ?2, ?3)")
                .unwrap()
                .insert(params![None::<i64>, None::<String>, None::<Vec<u8>>])
                .unwrap();
            assert_eq!(id2, id + 1);
            let row: (i64, String, Vec<u8>) = c
                .query_row("SELECT n, s, b FROM t WHERE id = ?", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get("b")?))
                })
                .unwrap();
            assert_eq!(row, (-7, "工会 ü".to_string(), vec![0, 255]));
            let nulls: (Option<i64>, Option<String>, Value) = c
                .query_row("SELECT n, s, b FROM t WHERE id = ?1", [id2], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .unwrap();
            assert_eq!(nulls, (None, None, Value::Null));
            // A sum is a NUMERIC on PostgreSQL, read as the integer it is.
            let sum: i64 = c
                .query_row("SELECT sum(n) * 3 FROM t", [], |r| r.get(0))
                .unwrap();
            assert_eq!(sum, -21);
            let none = c
                .query_row("SELECT n FROM t WHERE id = ?", [id + 100], |r| {
                    r.get::<_, i64>(0)
                })
                .optional()
                .unwrap();
            assert_eq!(none, None);
        });
    }

    /// Rows for `t (n, s)`.
    fn copy_rows(from: i64, to: i64) -> CopyRows {
        let mut rows = CopyRows::new();
        for n in from..to {
            rows.int(n).text(Some(&format!("s{n}"))).end_row();
        }
        rows
    }

    /// Rows written by `copy_in` (INSERTs of many rows each on SQLite, COPY on PostgreSQL) are
    /// there, every value as given (a tab, a newline, a backslash, NULL); a row whose key is
    /// taken fails the write, and the statement that held it leaves none of its rows.
    #[test]
    fn rows_copied_in_are_there_whole_and_a_taken_key_fails() {
        on_both(|c| {
            let mut rows = c.copy_rows(false);
            for n in 1..=85i64 {
                rows.int(n).int(n * 10);
                match n {
                    7 => rows.text(Some("a\tb\\c\nd")),
                    8 => rows.text(None),
                    _ => rows.text(Some(&format!("s{n}"))),
                };
                rows.end_row();
            }
            c.copy_in("t (id, n, s)", rows).unwrap();
            let got: (i64, i64, Option<String>, Option<String>) = c
                .query_row(
                    "SELECT count(*), sum(n), max(CASE WHEN id = 7 THEN s END),
                            max(CASE WHEN id = 8 THEN coalesce(s, 'null') END) FROM t",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .unwrap();
            assert_eq!(
                got,
                (85, 36550, Some("a\tb\\c\nd".into()), Some("null".into()))
            );
            let mut again = c.copy_rows(false);
            for n in [100i64, 101, 5, 102] {
                again.int(n).int(0).text(Some(&format!("t{n}"))).end_row();
            }
            let tx = c.unchecked_transaction().unwrap();
            assert!(tx
                .copy_in("t (id, n, s)", again)
                .and_then(|()| tx.query_row("SELECT count(*) FROM t", [], |r| r.get::<_, i64>(0)))
                .is_err());
            drop(tx);
            let count: i64 = c
                .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
                .unwrap();
            assert_eq!(count, 85);
        });
    }

    /// A COPY left open loads its rows while the caller goes on; more rows join it; the next
    /// statement sees them all, and the transaction commits them.
    #[test]
    fn rows_copied_in_the_background_are_there_for_the_next_statement() {
        let Some(pg) = postgres() else {
            return;
        };
        pg.execute_batch("CREATE TEMP TABLE t (n BIGINT, s TEXT UNIQUE)")
            .unwrap();
        let tx = pg.unchecked_transaction().unwrap();
        tx.copy_in("t (n, s)", copy_rows(0, 3000)).unwrap();
        tx.copy_in("t (n, s)", copy_rows(3000, 5000)).unwrap();
        let (count, sum): (i64, i64) = tx
            .query_row("SELECT count(*), sum(n) FROM t", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((count, sum), (5000, 4999 * 5000 / 2));
        tx.copy_in("t (n, s)", copy_rows(5000, 5001)).unwrap();
        tx.commit().unwrap();
        let count: i64 = pg
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 5001);
    }

    /// Rows for two tables in turn, each in a COPY of its own in the order given: a row that
    /// refers to one sent before it finds it, and every row is there for the next statement.
    #[test]
    fn copies_into_two_tables_in_turn_load_in_the_order_given() {
        let Some(pg) = postgres() else {
            return;
        };
        pg.execute_batch(
            "CREATE TEMP TABLE copy_parent (n BIGINT PRIMARY KEY);
             CREATE TEMP TABLE copy_child (n BIGINT REFERENCES copy_parent (n), s TEXT);",
        )
        .unwrap();
        let tx = pg.unchecked_transaction().unwrap();
        for round in 0..3 {
            let (mut parents, mut children) = (CopyRows::new(), CopyRows::new());
            for n in round * 100..(round + 1) * 100 {
                parents.int(n).end_row();
                children.int(n).text(Some(&format!("c{n}"))).end_row();
            }
            tx.copy_in("copy_parent (n)", parents).unwrap();
            tx.copy_in("copy_child (n, s)", children).unwrap();
        }
        let counts: (i64, i64) = tx
            .query_row(
                "SELECT (SELECT count(*) FROM copy_parent), (SELECT count(*) FROM copy_child)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(counts, (300, 300));
        tx.rollback().unwrap();
    }

    /// A query read by a thread of its own gives every row, in order; one ended early by
    /// another statement says so at its next row, and the session goes on.
    #[test]
    fn a_streamed_query_gives_every_row_or_says_it_was_cut_short() {
        let Some(pg) = postgres() else {
            return;
        };
        let sql = "SELECT n, 's' || n FROM generate_series(1, 2500) AS n ORDER BY n";
        let mut stmt = pg.prepare(sql).unwrap();
        let mut rows = stmt.query_streamed([]).unwrap();
        let mut seen = Vec::new();
        while let Some(r) = rows.next().unwrap() {
            seen.push((r.get::<_, i64>(0).unwrap(), r.get::<_, String>(1).unwrap()));
        }
        assert_eq!(seen.len(), 2500);
        assert_eq!(seen[0], (1, "s1".to_string()));
        assert_eq!(seen[2499], (2500, "s2500".to_string()));
        drop(rows);
        drop(stmt);
        // Cut short: the rows after the first thousand are an error, not missing.
        let mut stmt = pg.prepare(sql).unwrap();
        let mut rows = stmt.query_streamed([]).unwrap();
        assert!(rows.next().unwrap().is_some());
        let two: i64 = pg.query_row("SELECT 1 + 1", [], |r| r.get(0)).unwrap();
        assert_eq!(two, 2);
        let mut read = 1;
        let cut = loop {
            match rows.next() {
                Ok(Some(_)) => read += 1,
                Ok(None) => break None,
                Err(e) => break Some(e),
            }
        };
        assert!(
            cut.is_some(),
            "the read went on to its end after {read} rows"
        );
        assert!(read < 2500, "{read}");
        drop(rows);
        drop(stmt);
        // Every row handed over and only the end left to tell when a statement comes: whole.
        let mut stmt = pg
            .prepare("SELECT n FROM generate_series(1, 5) AS n")
            .unwrap();
        let mut rows = stmt.query_streamed([]).unwrap();
        for _ in 0..5 {
            assert!(rows.next().unwrap().is_some());
        }
        let one: i64 = pg.query_row("SELECT 1", [], |r| r.get(0)).unwrap();
        assert_eq!(one, 1);
        assert!(rows.next().unwrap().is_none());
        drop(rows);
        drop(stmt);
        // Dropped before its end: the session is free for the next statement.
        let mut stmt = pg.prepare(sql).unwrap();
        let mut rows = stmt.query_streamed([]).unwrap();
        assert!(rows.next().unwrap().is_some());
        drop(rows);
        drop(stmt);
        let n: i64 = pg
            .query_row("SELECT count(*) FROM generate_series(1, 10)", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 10);
    }

    /// A COPY left open that fails fails the next statement with its own error, and the
    /// COMMIT after it; nothing of the transaction is kept.
    #[test]
    fn a_background_copy_that_fails_fails_the_next_statement_and_the_commit() {
        let Some(pg) = postgres() else {
            return;
        };
        pg.execute_batch("CREATE TEMP TABLE t (n BIGINT, s TEXT UNIQUE)")
            .unwrap();
        let tx = pg.unchecked_transaction().unwrap();
        tx.execute("INSERT INTO t (n, s) VALUES (1, 's7')", [])
            .unwrap();
        // Row 7 repeats s7: the COPY fails on the server.
        tx.copy_in("t (n, s)", copy_rows(0, 10)).unwrap();
        let next = tx.query_row("SELECT count(*) FROM t", [], |r| r.get::<_, i64>(0));
        let e = next.expect_err("the COPY's failure");
        assert_eq!(e.sql_state(), Some("23505"), "{e}");
        tx.rollback().unwrap();
        // Its failure told by the COMMIT, when no statement came between.
        let tx = pg.unchecked_transaction().unwrap();
        tx.execute("INSERT INTO t (n, s) VALUES (1, 's7')", [])
            .unwrap();
        tx.copy_in("t (n, s)", copy_rows(0, 10)).unwrap();
        let e = tx.commit().expect_err("the COPY's failure");
        assert_eq!(e.sql_state(), Some("23505"), "{e}");
        let count: i64 = pg
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 0);
    }

    /// A table's columns are asked once, and asked again after a statement that may change a
    /// structure, or a rollback that may undo one.
    #[test]
    fn columns_are_asked_again_after_a_structure_may_have_changed() {
        let Some(pg) = postgres() else {
            return;
        };
        let asked = std::cell::Cell::new(0);
        let columns = |c: &Connection| {
            c.table_columns("t", || {
                asked.set(asked.get() + 1);
                Ok(vec![format!("asked {}", asked.get())])
            })
            .unwrap()
        };
        assert_eq!(columns(&pg), ["asked 1"]);
        pg.execute("SELECT 1", []).unwrap();
        pg.execute_batch("CREATE TEMP TABLE u (n BIGINT); INSERT INTO u VALUES (1)")
            .unwrap();
        assert_eq!(columns(&pg), ["asked 2"]);
        pg.execute("INSERT INTO u VALUES (2)", []).unwrap();
        assert_eq!(columns(&pg), ["asked 2"]);
        pg.execute("ALTER TABLE u ADD COLUMN m TEXT", []).unwrap();
        assert_eq!(columns(&pg), ["asked 3"]);
        let tx = pg.unchecked_transaction().unwrap();
        assert_eq!(columns(&tx), ["asked 3"]);
        tx.rollback().unwrap();
        assert_eq!(columns(&pg), ["asked 4"]);
        // On SQLite, asked every time.
        let sqlite = Connection::open_in_memory().unwrap();
        assert_eq!(columns(&sqlite), ["asked 5"]);
        assert_eq!(columns(&sqlite), ["asked 6"]);
    }

    #[test]
    fn a_parameter_named_twice_is_one_value() {
        on_both(|c| {
            c.execute(
                "INSERT INTO t (n, s) VALUES (?1, ?2), (?1 + 1, ?3)",
                params![5i64, "a", "b"],
            )
            .unwrap();
            let found: Vec<String> = c
                .prepare_cached("SELECT s FROM t WHERE n >= ?1 AND n <= ?1 + 1 ORDER BY s")
                .unwrap()
                .query_map([5i64], |r| r.get(0))
                .unwrap()
                .collect::<Result<_>>()
                .unwrap();
            assert_eq!(found, ["a", "b"]);
        });
    }

    #[test]
    fn ignored_conflicts_and_refused_ones() {
        on_both(|c| {
            c.execute("INSERT INTO t (s) VALUES (?)", ["x"]).unwrap();
            let added = c
                .execute("INSERT OR IGNORE INTO t (s) VALUES (?)", ["x"])
                .unwrap();
            assert_eq!(added, 0);
            let err = c
                .execute("INSERT INTO t (s) VALUES (?)", ["x"])
                .unwrap_err();
            assert!(err.is_constraint(), "{err}");
            assert!(!err.is_busy());
        });
    }

    #[test]
    fn a_transaction_dropped_unfinished_is_rolled_back() {
        on_both(|c| {
            {
                let tx = c
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .unwrap();
                tx.execute("INSERT INTO t (s) VALUES ('kept')", []).unwrap();
                tx.commit().unwrap();
            }
            {
                let tx = c.unchecked_transaction().unwrap();
                tx.execute("INSERT INTO t (s) VALUES ('dropped')", [])
                    .unwrap();
                assert!(!tx.is_autocommit());
            }
            assert!(c.is_autocommit());
            let names: Vec<String> = c
                .prepare("SELECT s FROM t")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_>>()
                .unwrap();
            assert_eq!(names, ["kept"]);
        });
    }

    #[test]
    fn rows_are_read_one_at_a_time_with_queries_between() {
        on_both(|c| {
            for s in ["a", "b", "c"] {
                c.execute("INSERT INTO t (s) VALUES (?)", [s]).unwrap();
            }
            let mut stmt = c.prepare("SELECT id, s FROM t ORDER BY id").unwrap();
            let mut rows = stmt.query([]).unwrap();
            let mut seen = Vec::new();
            while let Some(r) = rows.next().unwrap() {
                let id: i64 = r.get(0).unwrap();
                // Another statement on the same connection while the first is open.
                let again: String = c
                    .query_row("SELECT s FROM t WHERE id = ?", [id], |r| r.get(0))
                    .unwrap();
                seen.push(again);
            }
            assert_eq!(seen, ["a", "b", "c"]);
        });
    }

    #[test]
    fn long_scans_are_read_past_a_chunk_inside_and_outside_a_transaction() {
        on_both(|c| {
            let mut insert = c.prepare_cached("INSERT INTO t (n) VALUES (?)").unwrap();
            for n in 0..2500i64 {
                insert.execute([n]).unwrap();
            }
            drop(insert);
            let scan = |c: &Connection| -> (i64, usize) {
                let mut stmt = c.prepare("SELECT n FROM t ORDER BY n").unwrap();
                let mut rows = stmt.query([]).unwrap();
                let (mut sum, mut looked_up) = (0, 0);
                while let Some(r) = rows.next().unwrap() {
                    let n: i64 = r.get(0).unwrap();
                    sum += n;
                    if n % 1000 == 999 {
                        let found: i64 = c
                            .query_row("SELECT count(*) FROM t WHERE n <= ?", [n], |r| r.get(0))
                            .unwrap();
                        assert_eq!(found, n + 1);
                        looked_up += 1;
                    }
                }
                (sum, looked_up)
            };
            assert_eq!(scan(c), (2500 * 2499 / 2, 2));
            let tx = c.unchecked_transaction().unwrap();
            assert_eq!(scan(&tx), (2500 * 2499 / 2, 2));
            // A scan stopped early leaves nothing open behind it.
            let first: Vec<i64> = tx
                .prepare("SELECT n FROM t ORDER BY n")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .take(3)
                .collect::<Result<_>>()
                .unwrap();
            assert_eq!(first, [0, 1, 2]);
            tx.commit().unwrap();
            let added: Vec<i64> = c
                .prepare("INSERT INTO t (n) VALUES (?) RETURNING n")
                .unwrap()
                .query_map([-1i64], |r| r.get(0))
                .unwrap()
                .collect::<Result<_>>()
                .unwrap();
            assert_eq!(added, [-1]);
            if c.is_postgres() {
                let open: i64 = c
                    .query_row(
                        "SELECT count(*) FROM pg_cursors WHERE name LIKE 'union_rows_%'",
                        [],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(open, 0, "cursors left open");
            }
        });
    }

    /// sslmode as libpq reads it, against the test server over TCP: disable is plain, require
    /// encrypted, verify-ca accepts the server's own certificate as the root, verify-full
    /// refuses it for a host it does not name (127.0.0.1), and both refuse to go on without a
    /// root certificate.
    #[test]
    fn tls_modes_are_libpq_s() {
        let Some(pg) = postgres() else { return };
        let url = std::env::var("UNION_TEST_PG").unwrap();
        let ssl_on: String = pg.query_row("SHOW ssl", [], |r| r.get(0)).unwrap();
        let cert_file: String = pg
            .query_row("SHOW ssl_cert_file", [], |r| r.get(0))
            .unwrap();
        let tcp = url.starts_with("postgresql://") && url.contains('@') && !url.contains('?');
        if ssl_on != "on" || !tcp || std::fs::metadata(&cert_file).is_err() {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "tls_modes_are_libpq_s needs a TCP UNION_TEST_PG, ssl on and its certificate readable: skipped"
            );
            return;
        }
        let encrypted = |mode: &str| -> Result<bool> {
            let c = Connection::open_postgres(&format!("{url}?{mode}"))?;
            c.query_row(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                [],
                |r| r.get(0),
            )
        };
        assert!(!encrypted("sslmode=disable").unwrap());
        assert!(encrypted("sslmode=require").unwrap());
        assert!(encrypted("sslmode=prefer").unwrap());
        assert!(encrypted(&format!("sslmode=verify-ca&sslrootcert={cert_file}")).unwrap());
        let wrong_name = encrypted(&format!("sslmode=verify-full&sslrootcert={cert_file}"));
        assert!(
            wrong_name.is_err(),
            "verify-full accepted a certificate for another name"
        );
        let none = encrypted("sslmode=verify-full&sslrootcert=/nonexistent/root.crt").unwrap_err();
        assert!(none.to_string().contains("root certificate"), "{none}");
    }
}
