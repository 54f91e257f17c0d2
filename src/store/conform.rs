//! The last step of every upgrade: the file's tables and indexes made exactly those that
//! `schema.sql` creates in a new database, whatever earlier binary wrote the file.
//!
//! Files that say the same `user_version` do not all have the same shape: version 1 shipped
//! with foreign keys on the bookkeeping columns, `UNIQUE (studio_id, level)` on namings and an
//! index on `payouts(paid_on)`, all changed later without a migration; version 2 first shipped
//! without the log's seals. The numbered migrations move the data; this step compares each
//! object's `CREATE` statement in `sqlite_master` with a new database's and rebuilds a table
//! whose statement differs (SQLite's documented procedure, with foreign keys off), copying the
//! columns both have. `schema.sql` stays the one copy of the shape.

use anyhow::{bail, Context, Result};
use rusqlite::Connection;
use std::collections::BTreeMap;

use super::SCHEMA_SQL;

/// One object of `sqlite_master` that has a statement (autoindexes have none).
struct Object {
    kind: String,
    table: String,
    sql: String,
}

fn objects(conn: &Connection) -> Result<BTreeMap<String, Object>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM main.sqlite_master
          WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(1)?,
            Object {
                kind: r.get(0)?,
                table: r.get(2)?,
                sql: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let rows = stmt.query_map([table], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Brings the file's schema to `schema.sql`'s, inside the upgrade's transaction (foreign keys
/// are off for an upgrade; a record left pointing at nothing stops it).
pub(super) fn conform(conn: &Connection) -> Result<()> {
    let fresh = Connection::open_in_memory()?;
    fresh.execute_batch(SCHEMA_SQL).context("schema.sql")?;
    let want = objects(&fresh)?;
    let have = objects(conn)?;
    // A renamed table keeps other tables' references to its name: they must go on naming the
    // rebuilt table.
    conn.pragma_update(None, "legacy_alter_table", true)?;
    let result = rebuild(conn, &fresh, &want, &have);
    conn.pragma_update(None, "legacy_alter_table", false)?;
    result?;
    let dangling: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_foreign_key_check)",
        [],
        |r| r.get(0),
    )?;
    if dangling {
        bail!("upgrade: records refer to records that are not on file");
    }
    Ok(())
}

fn rebuild(
    conn: &Connection,
    fresh: &Connection,
    want: &BTreeMap<String, Object>,
    have: &BTreeMap<String, Object>,
) -> Result<()> {
    // Indexes that differ or are no longer wanted go first (a rebuilt table's indexes are made
    // again below).
    for (name, object) in have.iter().filter(|(_, o)| o.kind == "index") {
        let stale = match want.get(name) {
            Some(w) => w.sql != object.sql || rebuilt(want, have, &object.table),
            None => true,
        };
        if stale {
            conn.execute_batch(&format!("DROP INDEX {}", quoted(name)))?;
        }
    }
    for (name, object) in want.iter().filter(|(_, o)| o.kind == "table") {
        match have.get(name) {
            None => conn.execute_batch(&object.sql)?,
            Some(old) if old.sql != object.sql => {
                let moved = format!("{name}__before_upgrade");
                conn.execute_batch(&format!(
                    "ALTER TABLE {} RENAME TO {}",
                    quoted(name),
                    quoted(&moved)
                ))?;
                conn.execute_batch(&object.sql)
                    .with_context(|| format!("upgrade: table {name}"))?;
                let old_columns = columns(conn, &moved)?;
                let kept: Vec<String> = columns(fresh, name)?
                    .into_iter()
                    .filter(|c| old_columns.contains(c))
                    .map(|c| quoted(&c))
                    .collect();
                let list = kept.join(", ");
                conn.execute_batch(&format!(
                    "INSERT INTO {} ({list}) SELECT {list} FROM {}; DROP TABLE {};",
                    quoted(name),
                    quoted(&moved),
                    quoted(&moved)
                ))
                .with_context(|| format!("upgrade: table {name}"))?;
            }
            Some(_) => {}
        }
    }
    let now = objects(conn)?;
    for (name, object) in want.iter().filter(|(_, o)| o.kind != "table") {
        if !now.contains_key(name) {
            conn.execute_batch(&object.sql)?;
        }
    }
    Ok(())
}

/// Whether `table` is one this step rebuilds.
fn rebuilt(want: &BTreeMap<String, Object>, have: &BTreeMap<String, Object>, table: &str) -> bool {
    match (want.get(table), have.get(table)) {
        (Some(w), Some(h)) => w.sql != h.sql,
        _ => false,
    }
}
