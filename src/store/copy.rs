//! `union copy` (issue 16): a whole database copied into an empty one, SQLite or PostgreSQL
//! either way, every table's rows with their ids — records, batches and their before-images,
//! the audit log, the seals and their prints, policy values, settings — so that the target is
//! the same database: `log --verify` passes on it as on the source, and `undo` works there.
//!
//! The source is read from one snapshot and never written. The target is written in one
//! transaction: a copy that fails or is killed leaves it as it was. Rows stream from the
//! source's cursor into multi-row INSERTs, so memory does not grow with the database.
//!
//! The copy appends one entry to the target's log (`copy`, naming the source and the rows
//! copied) which seals no table: nothing changed after the copied log's newest seals, so the
//! copied data is checked against the seals the source's own writes made, and a change made
//! outside `union` before the copy still shows on the target.

use anyhow::{bail, Result};
use std::path::Path;

use super::db::{self, params_from_iter, Connection, Value, ValueRef};
use super::seal::{self, ident};
use super::{audit, OpenMode, Store, SCHEMA_VERSION};
use crate::i18n::{say, Said};

/// Rows copied so far, of `total`: what a progress bar shows.
#[derive(Debug, Clone, Copy)]
pub struct CopyProgress {
    pub done: u64,
    pub total: u64,
}

/// What a copy wrote: each table in the order written, with its rows.
pub type Copied = Vec<(String, u64)>;

/// The tables the log's init and upgrades write, which an empty target may hold: they are
/// replaced by the source's.
const MADE_BY_INIT: [&str; 4] = ["policy_params", "table_seals", "row_seals", "audit_log"];

/// Parameters per INSERT statement (SQLite allows 32766, PostgreSQL 65535).
const PARAMS_PER_INSERT: usize = 32000;

/// Copies the database `from` into `to`, which must be empty (a new file, a blank PostgreSQL
/// database, or one `union init` made and nothing wrote to since); both of this schema
/// version. `progress` hears how far it is.
pub fn copy_database(
    from: &Path,
    to: &Path,
    waiting: super::Waiting,
    progress: &mut dyn FnMut(CopyProgress),
) -> Result<Copied> {
    let (from_shown, to_shown) = (shown(from), shown(to));
    if super::postgres_url(from).is_none() && !from.exists() {
        bail!(say::CopySourceMissing { db: &from_shown }.said());
    }
    if same_file(from, to) {
        bail!(say::CopySameDatabase { db: &to_shown }.said());
    }
    for (path, shown) in [(from, &from_shown), (to, &to_shown)] {
        if let Some(found) = super::version_on_file(path) {
            if found != 0 && found != SCHEMA_VERSION {
                bail!(say::CopyVersionMismatch {
                    db: shown,
                    found: &found,
                    known: &SCHEMA_VERSION
                }
                .said());
            }
        }
    }
    let source = Store::open(from, OpenMode::ReadOnly, waiting.clone())?;
    let src = source.conn();
    // An office sees its district's rows and the whole city's log and seals: a copy would be
    // neither (the seals would not match its rows).
    if let Some(district) = super::offices::my_district(src)? {
        bail!(say::CopyByOffice {
            db: &from_shown,
            district: &district
        }
        .said());
    }
    let foreign: Vec<String> = seal::foreign(src)?.into_iter().map(|(_, n)| n).collect();
    if !foreign.is_empty() {
        let (db, names) = (from_shown.clone(), Said::list(foreign));
        bail!(Said::new("CopySourceForeign", move |lang| {
            say::CopySourceForeign {
                db: &db,
                names: &names.text(lang),
            }
            .text(lang)
        }));
    }
    // A log sealed with an audit key takes the copy's entry only under that key.
    audit::check_key(src)?;
    let target = Store::open(to, OpenMode::Create, waiting)?;
    let dst = target.conn();
    if server_database(src)?.is_some() && server_database(src)? == server_database(dst)? {
        bail!(say::CopySameDatabase { db: &to_shown }.said());
    }
    let order = write_order(dst)?;
    let mut columns = Vec::with_capacity(order.len());
    let mut source_tables = union_tables(src)?;
    source_tables.sort();
    let mut target_tables = order.clone();
    target_tables.sort();
    if let Some(t) = first_difference(&source_tables, &target_tables) {
        bail!(say::CopySchemaDiffers { table: &t }.said());
    }
    for table in &order {
        let here = copied_columns(dst, table)?;
        if copied_columns(src, table)? != here {
            bail!(say::CopySchemaDiffers { table }.said());
        }
        columns.push(here);
    }

    if !src.is_postgres() {
        // Read once, front to back: the page cache `Store::open` gives a connection (for
        // imports, which touch the same index pages again and again) would only hold memory.
        src.pragma_update("cache_size", -2048)?;
    }
    let snapshot = src.snapshot()?;
    let mut total = 0u64;
    for table in &order {
        total += snapshot.query_row(&format!("SELECT count(*) FROM {}", ident(table)), [], |r| {
            r.get::<_, i64>(0)
        })? as u64;
    }
    progress(CopyProgress { done: 0, total });

    let tx = dst.transaction_with_behavior(db::TransactionBehavior::Immediate)?;
    refuse_non_empty(&tx, &to_shown, &order)?;
    seal::refuse_foreign_triggers(&tx)?;
    super::refuse_drift(&tx)?;
    for table in order.iter().rev() {
        tx.execute(&format!("DELETE FROM {}", ident(table)), [])?;
    }
    let mut copied = Copied::new();
    let mut done = 0u64;
    for (table, columns) in order.iter().zip(&columns) {
        let rows = copy_table(&snapshot, &tx, table, columns, &mut |n| {
            progress(CopyProgress {
                done: done + n,
                total,
            })
        })
        .map_err(|e| match e.downcast::<db::Error>() {
            // The database's own words, once (not its driver's chain of the same words).
            Ok(e) => anyhow::anyhow!(say::CopyTableFailed {
                table,
                why: &e.to_string()
            }
            .said()),
            Err(refusal) => refusal,
        })?;
        done += rows;
        copied.push((table.clone(), rows));
    }
    snapshot.finish()?;
    // Every identity past the ids copied (schema.pg.sql D13).
    super::align_ids(&tx)?;
    // The copy's own entry: the seal's marks set at the copied state, so that it seals
    // nothing (no table changed since the copied log's newest seals).
    seal::install(&tx)?;
    seal::begin(&tx)?;
    let rows: serde_json::Map<String, serde_json::Value> = copied
        .iter()
        .map(|(t, n)| (t.clone(), (*n).into()))
        .collect();
    audit::append(
        &tx,
        "copy",
        &serde_json::json!({ "from": from_shown, "rows": rows }),
    )?;
    tx.commit()?;
    Ok(copied)
}

/// A database as messages name it: a file by its path, a server's by its URL without password.
fn shown(path: &Path) -> String {
    db::shown_url(&path.display().to_string())
}

/// Whether two paths name the same file (the target may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// On PostgreSQL, which database of which server this is (its name and the server's start
/// time): two URLs may name one database in different words. None for a SQLite file.
fn server_database(conn: &Connection) -> Result<Option<String>> {
    if !conn.is_postgres() {
        return Ok(None);
    }
    Ok(Some(conn.query_row(
        "SELECT current_database()::text || ' ' || pg_postmaster_start_time()::text",
        [],
        |r| r.get(0),
    )?))
}

/// The first name in one sorted list and not the other.
fn first_difference(a: &[String], b: &[String]) -> Option<String> {
    a.iter()
        .find(|t| !b.contains(t))
        .or_else(|| b.iter().find(|t| !a.contains(t)))
        .cloned()
}

/// The tables `union` keeps: the sealed ones, the log, the sums and the prints.
fn union_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut tables = seal::tables(conn)?;
    tables.extend(seal::UNSEALED.iter().map(|t| t.to_string()));
    Ok(tables)
}

/// The tables in the order they are written: each after the tables its foreign keys name
/// (PostgreSQL checks them at once), by name where the order is free.
fn write_order(conn: &Connection) -> Result<Vec<String>> {
    let mut left = union_tables(conn)?;
    left.sort();
    let mut parents = Vec::with_capacity(left.len());
    for t in &left {
        parents.push(referenced(conn, t)?);
    }
    let mut order: Vec<String> = Vec::with_capacity(left.len());
    while order.len() < left.len() {
        let before = order.len();
        for (t, ps) in left.iter().zip(&parents) {
            if !order.contains(t) && ps.iter().all(|p| p == t || order.contains(p)) {
                order.push(t.clone());
            }
        }
        if order.len() == before {
            // A cycle union's schema does not have: the rest in name order.
            order.extend(
                left.iter()
                    .filter(|t| !order.contains(t))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
        }
    }
    Ok(order)
}

/// The tables `table`'s foreign keys name.
fn referenced(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(match conn.is_postgres() {
        false => "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)",
        true => {
            "SELECT DISTINCT p.relname::text FROM pg_constraint AS k
               JOIN pg_class AS c ON c.oid = k.conrelid
               JOIN pg_class AS p ON p.oid = k.confrelid
               JOIN pg_namespace AS n ON n.oid = c.relnamespace
             WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.relname = ?1"
        }
    })?;
    let names = stmt.query_map([table], |r| r.get::<_, String>(0))?;
    Ok(names.collect::<db::Result<_>>()?)
}

/// The columns copied: the table's own in order, and for a sealed table without an `id`
/// (policy_params, settings) the rowid SQLite keys it by, which schema.pg.sql keeps as a
/// column (D7): the key of its rows' prints and of the before-images that name them.
fn copied_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut columns = seal::columns(conn, table)?;
    if !seal::UNSEALED.contains(&table) && !columns.iter().any(|c| c == "id") {
        columns.push("rowid".to_string());
    }
    Ok(columns)
}

/// Refuses a target that holds anything `union init` does not write: records, batches, log
/// entries other than its creation and upgrades. What it is, is named.
fn refuse_non_empty(conn: &Connection, db: &str, tables: &[String]) -> Result<()> {
    let mut held = Vec::new();
    for table in tables
        .iter()
        .filter(|t| !MADE_BY_INIT.contains(&t.as_str()))
    {
        let rows: i64 =
            conn.query_row(&format!("SELECT count(*) FROM {}", ident(table)), [], |r| {
                r.get(0)
            })?;
        if rows > 0 {
            held.push(say::CopyHeldRows { table, rows: &rows }.said());
        }
    }
    let entries: i64 = conn.query_row(
        "SELECT count(*) FROM audit_log WHERE action NOT IN ('init', 'migrate')",
        [],
        |r| r.get(0),
    )?;
    if entries > 0 {
        held.push(say::CopyHeldEntries { entries: &entries }.said());
    }
    if !held.is_empty() {
        let (db, held) = (db.to_string(), Said::all(held));
        bail!(Said::new("CopyTargetNotEmpty", move |lang| {
            say::CopyTargetNotEmpty {
                db: &db,
                held: &held.text(lang),
            }
            .text(lang)
        }));
    }
    Ok(())
}

/// A storage class a PostgreSQL column takes (schema.pg.sql uses only these three types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Integer,
    Text,
    Blob,
}

/// The classes of `columns` of `table` on PostgreSQL; None on SQLite, which keeps any value in
/// any column, as the source had it.
fn classes(conn: &Connection, table: &str, columns: &[String]) -> Result<Option<Vec<Class>>> {
    if !conn.is_postgres() {
        return Ok(None);
    }
    let mut stmt = conn.prepare(
        "SELECT data_type::text FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = ?1 AND column_name = ?2",
    )?;
    let mut out = Vec::with_capacity(columns.len());
    for c in columns {
        let ty: String = stmt.query_row([table, c.as_str()], |r| r.get(0))?;
        out.push(match ty.as_str() {
            "bigint" | "integer" | "smallint" => Class::Integer,
            "bytea" => Class::Blob,
            _ => Class::Text,
        });
    }
    Ok(Some(out))
}

/// Whether PostgreSQL keeps `v` in a column of `class` as it is (so that it hashes the same):
/// SQLite lets a column hold any class, and text can hold NUL there.
fn fits(class: Class, v: &ValueRef<'_>) -> bool {
    match (class, v) {
        (_, ValueRef::Null) => true,
        (Class::Integer, ValueRef::Integer(_)) | (Class::Blob, ValueRef::Blob(_)) => true,
        (Class::Text, ValueRef::Text(t)) => !t.contains(&0) && std::str::from_utf8(t).is_ok(),
        _ => false,
    }
}

/// A value as a refusal shows it.
fn value_text(v: &ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => "NULL".to_string(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => {
            crate::domain::values::shown_value(&String::from_utf8_lossy(t).replace('\0', "\\0"))
        }
        ValueRef::Blob(b) => format!("<{} bytes>", b.len()),
    }
}

/// Copies one table's rows, in the order of their key; `progress` hears the rows copied so far.
/// By multi-row INSERTs; into PostgreSQL, where the role may, by its bulk load (`COPY … FROM
/// STDIN`), which took a million payouts in a fraction of the time the INSERTs did (README).
fn copy_table(
    from: &Connection,
    to: &Connection,
    table: &str,
    columns: &[String],
    progress: &mut dyn FnMut(u64),
) -> Result<u64> {
    let list: Vec<String> = columns.iter().map(|c| ident(c)).collect();
    let list = list.join(", ");
    let key = columns.iter().position(|c| c == "id" || c == "rowid");
    let order = match key {
        Some(k) => format!(" ORDER BY {}", ident(&columns[k])),
        None => String::new(),
    };
    let classes = classes(to, table, columns)?;
    let width = columns.len();
    // PostgreSQL refuses COPY into a table whose rows are secured for the role (an office, a
    // city administrator who is not a superuser): INSERTs there.
    let bulk = to.is_postgres() && !super::offices::rows_secured(to, table)?;
    let mut out = match bulk {
        true => Out::Copy {
            target: format!("{} ({list})", ident(table)),
            rows: to.copy_rows(false),
        },
        false => Out::Insert {
            per: (PARAMS_PER_INSERT / width).max(1),
            values: Vec::new(),
            into: format!("INSERT INTO {} ({list}) VALUES ", ident(table)),
            row: format!("({})", vec!["?"; width].join(", ")),
        },
    };
    let mut read = from.prepare(&format!("SELECT {list} FROM {}{order}", ident(table)))?;
    let mut rows = read.query([])?;
    let (mut copied, mut pending) = (0u64, 0usize);
    while let Some(row) = rows.next()? {
        for i in 0..width {
            let v = row.get_ref(i)?;
            if let Some(class) = classes.as_ref().map(|c| c[i]) {
                if !fits(class, &v) {
                    let id = match key {
                        Some(k) => value_text(&row.get_ref(k)?),
                        None => (copied + 1).to_string(),
                    };
                    bail!(say::CopyValueRefused {
                        table: &table,
                        row: &id,
                        column: &columns[i],
                        value: &value_text(&v)
                    }
                    .said());
                }
            }
            out.value(v);
        }
        out.end_row();
        pending += 1;
        copied += 1;
        if pending == out.rows_at_a_time() {
            out.send(to, pending)?;
            pending = 0;
            progress(copied);
        }
    }
    if pending > 0 {
        out.send(to, pending)?;
        progress(copied);
    }
    // The COPY ends here, so that a row the server refuses is said to be this table's.
    to.end_copy()?;
    Ok(copied)
}

/// Where [`copy_table`] puts the rows it reads, a statement's worth at a time.
enum Out {
    /// SQLite (and a PostgreSQL role whose rows are secured): the values of up to `per` rows
    /// for one INSERT of `into` and a `row` of placeholders per row.
    Insert {
        per: usize,
        values: Vec<Value>,
        into: String,
        row: String,
    },
    /// PostgreSQL: rows for a COPY into `target` (a table and its columns).
    Copy { target: String, rows: db::CopyRows },
}

/// Rows sent to PostgreSQL's COPY at a time (and heard by `progress`).
const ROWS_PER_COPY: usize = 10_000;

impl Out {
    fn rows_at_a_time(&self) -> usize {
        match self {
            Out::Insert { per, .. } => *per,
            Out::Copy { .. } => ROWS_PER_COPY,
        }
    }

    fn value(&mut self, v: ValueRef<'_>) {
        let rows = match self {
            Out::Insert { values, .. } => return values.push(v.into()),
            Out::Copy { rows, .. } => rows,
        };
        match v {
            ValueRef::Null => rows.text(None),
            ValueRef::Integer(n) => rows.int(n),
            // Not reached: `fits` refuses a real in every column class PostgreSQL has here.
            ValueRef::Real(x) => rows.text(Some(&x.to_string())),
            // Checked to be UTF-8 without NUL by `fits` (every column has a class here).
            ValueRef::Text(t) => rows.text(Some(&String::from_utf8_lossy(t))),
            // bytea's input form: `\x` and hex digits.
            ValueRef::Blob(b) => {
                let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
                rows.text(Some(&format!("\\x{hex}")))
            }
        };
    }

    fn end_row(&mut self) {
        if let Out::Copy { rows, .. } = self {
            rows.end_row();
        }
    }

    /// Writes the `count` rows gathered.
    fn send(&mut self, to: &Connection, count: usize) -> Result<()> {
        match self {
            Out::Insert {
                values, into, row, ..
            } => {
                to.prepare_cached(&format!("{into}{}", vec![row.as_str(); count].join(", ")))?
                    .execute(params_from_iter(values.iter()))?;
                values.clear();
            }
            Out::Copy { target, rows } => {
                to.copy_in(target, std::mem::replace(rows, to.copy_rows(false)))?
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::db::tests::Scratch;

    fn sqlite() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(crate::store::SCHEMA_SQL).unwrap();
        conn
    }

    /// Every table is written after the tables its foreign keys name, and every table of
    /// union's is written once.
    #[test]
    fn tables_are_written_after_those_they_refer_to() {
        let conn = sqlite();
        let order = write_order(&conn).unwrap();
        let mut all = union_tables(&conn).unwrap();
        all.sort();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, all);
        for (i, t) in order.iter().enumerate() {
            for p in referenced(&conn, t).unwrap() {
                let at = order.iter().position(|x| *x == p).unwrap();
                assert!(at < i, "{t} is written before {p}, which it refers to");
            }
        }
        let at = |t: &str| order.iter().position(|x| x == t).unwrap();
        assert!(at("people") < at("payouts") && at("studios") < at("payouts"));
        assert!(at("import_batches") < at("batch_changes"));
    }

    /// The columns copied are the same on both backends, table by table: the rowid of the
    /// tables SQLite keys by it is carried (schema.pg.sql's column of that name), and the
    /// order of the tables too.
    #[test]
    fn both_backends_copy_the_same_columns() {
        let conn = sqlite();
        assert_eq!(
            copied_columns(&conn, "policy_params").unwrap(),
            ["key", "valid_from", "value", "reference", "rowid"]
        );
        assert_eq!(
            copied_columns(&conn, "row_seals").unwrap(),
            ["tbl", "bucket", "fps"]
        );
        assert_eq!(copied_columns(&conn, "payouts").unwrap()[0], "id");
        let Some(pg) = Scratch::with_schema("copy_columns") else {
            return;
        };
        let order = write_order(&conn).unwrap();
        assert_eq!(write_order(pg.conn()).unwrap(), order);
        for t in &order {
            assert_eq!(
                copied_columns(pg.conn(), t).unwrap(),
                copied_columns(&conn, t).unwrap(),
                "{t}"
            );
        }
    }

    /// What PostgreSQL keeps as SQLite had it: NULL anywhere, each class in its own column,
    /// text without NUL; nothing else.
    #[test]
    fn values_fit_the_column_of_their_class_only() {
        use ValueRef as V;
        assert!(fits(Class::Integer, &V::Null));
        assert!(fits(Class::Integer, &V::Integer(5)));
        assert!(!fits(Class::Integer, &V::Text(b"5")));
        assert!(!fits(Class::Integer, &V::Real(5.0)));
        assert!(fits(Class::Text, &V::Text("工会".as_bytes())));
        assert!(!fits(Class::Text, &V::Text(b"a\0b")));
        assert!(!fits(Class::Text, &V::Text(&[0xff, 0xfe])));
        assert!(!fits(Class::Text, &V::Integer(1)));
        assert!(!fits(Class::Text, &V::Blob(b"x")));
        assert!(fits(Class::Blob, &V::Blob(b"x")));
        assert!(!fits(Class::Blob, &V::Text(b"x")));
        assert_eq!(value_text(&V::Text(b"a\0b")), "a\\0b");
        assert_eq!(value_text(&V::Blob(&[1, 2])), "<2 bytes>");
        assert_eq!(value_text(&V::Real(1.5)), "1.5");
    }
}
