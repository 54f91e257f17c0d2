//! Import batches: listing them, and undoing one — removing what it added and restoring what it
//! changed from the before-images in `batch_changes` — unless a later batch touched the same
//! records or later records depend on what it added.

use super::db::Value;
use super::db::{params, Connection, OptionalExtension};
use anyhow::{bail, Result};

/// The record tables an import writes, children before parents (the order rows are deleted in).
pub(super) const RECORD_TABLES: [&str; 12] = [
    "payouts",
    "carriers",
    "hardship_files",
    "studio_results",
    "studio_namings",
    "agreements",
    "honours",
    "studios",
    "enterprises",
    "people",
    "union_figures",
    "unions",
];

/// Every reference to a record table: (child table, its column, parent table, whether the child
/// rows carry `created_batch`). A record a batch added cannot be removed while another batch's
/// rows (or rows no batch made, such as revocations) refer to it.
pub(super) const REFERENCES: [(&str, &str, &str, bool); 14] = [
    ("carriers", "leader_id", "people", true),
    ("honours", "person_id", "people", true),
    ("hardship_files", "person_id", "people", true),
    ("payouts", "person_id", "people", true),
    ("studios", "leader_id", "people", true),
    ("agreements", "enterprise_id", "enterprises", true),
    ("studios", "enterprise_id", "enterprises", true),
    ("studio_namings", "studio_id", "studios", true),
    ("studio_results", "studio_id", "studios", true),
    ("payouts", "studio_id", "studios", true),
    ("studio_revocations", "studio_id", "studios", false),
    ("studio_advisers", "studio_id", "studios", false),
    ("studio_applications", "studio_id", "studios", false),
    ("union_figures", "union_id", "unions", true),
];

/// One batch as `union batches` prints it.
#[derive(Debug, Clone)]
pub struct BatchRow {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub started_at: String,
    pub os_user: Option<String>,
    /// The command line (personal values masked); none for batches written before version 3.
    pub command: Option<String>,
    /// read, added, updated, deleted, unchanged, refused, skipped
    pub counts: [i64; 7],
    pub undone_at: Option<String>,
}

pub fn list_batches(conn: &Connection) -> Result<Vec<BatchRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, file_name, sha256, started_at, os_user, rows_read, added, updated, deleted, unchanged,
                refused, skipped, undone_at, command FROM import_batches ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(BatchRow {
            id: r.get(0)?,
            kind: r.get(1)?,
            file_name: r.get(2)?,
            sha256: r.get(3)?,
            started_at: r.get(4)?,
            os_user: r.get(5)?,
            counts: [
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
            ],
            undone_at: r.get(13)?,
            command: r.get(14)?,
        })
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// What batch `batch` did to each record table: (table, records added, records changed), for
/// the tables it touched, in the order of the record tables (parents last). Counts records, not
/// rows: a roster row that adds an honour may also change its person.
/// `known` is a table whose added records the caller counted itself (a payout import: one per
/// row added), which spares a scan of the biggest table.
pub fn record_counts(
    conn: &Connection,
    batch: i64,
    known: Option<(&str, u64)>,
) -> Result<Vec<(&'static str, u64, u64)>> {
    let mut out = Vec::new();
    for table in RECORD_TABLES.iter().rev() {
        let added_sql = match known {
            Some((t, n)) if t == *table => n.to_string(),
            _ => format!("(SELECT count(*) FROM {table} WHERE created_batch = ?1)"),
        };
        let (added, changed): (i64, i64) = conn.query_row(
            &format!(
                "SELECT {added_sql},
                        (SELECT count(*) FROM batch_changes WHERE batch_id = ?1 AND table_name = '{table}' AND op = 'change')"
            ),
            [batch],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if added + changed > 0 {
            out.push((*table, added as u64, changed as u64));
        }
    }
    Ok(out)
}

/// Why a batch cannot be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoRefusal {
    NoSuchBatch,
    AlreadyUndone,
    /// A later batch changed a record this batch added or changed: (table, later batch).
    LaterChange {
        table: String,
        batch: i64,
    },
    /// Later records (e.g. payouts) refer to a record this batch added.
    Dependants,
    /// A record this batch deleted or changed refers to one a later batch deleted.
    MissingParent,
    /// A record this batch deleted or renamed cannot be put back: a later record holds its
    /// key (the same ID number, name or voucher) in this table.
    Occupied {
        table: String,
    },
}

/// What an undo did: records removed and records restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undone {
    pub removed: u64,
    pub restored: u64,
}

/// Tables write commands change beside the record tables: a studio's applications, advisers
/// and revocations (children of studios), and the policy values, settings, programmes and
/// campaigns an office declares.
const STUDIO_PARTS: [&str; 3] = [
    "studio_applications",
    "studio_advisers",
    "studio_revocations",
];
const SETTINGS: [&str; 4] = ["policy_params", "settings", "programmes", "campaigns"];

/// Tables a batch's before-images cover, children before parents (the order added rows are
/// removed in; deleted rows are put back in the reverse order).
fn undoable() -> impl DoubleEndedIterator<Item = &'static str> {
    STUDIO_PARTS
        .into_iter()
        .chain(RECORD_TABLES)
        .chain(SETTINGS)
}

/// The column holding a record's number (`batch_changes.record_id`) in `table`: `id`, which is
/// its rowid, or for the policy values and settings, which have no id column, `rowid` (a column
/// of that name on PostgreSQL).
fn key_column(table: &str) -> &'static str {
    match table {
        "policy_params" | "settings" => "rowid",
        _ => "id",
    }
}

/// The first later batch (not undone) that changed or deleted a record of `table` which batch
/// `batch` created, as its before-image's `created_batch` says (JSON, read in Rust: the engines
/// share no JSON function over a TEXT column).
fn later_change_of_created(conn: &Connection, batch: i64, table: &str) -> Result<Option<i64>> {
    let mut stmt = conn.prepare(
        "SELECT c.batch_id, c.before FROM batch_changes c JOIN import_batches b ON b.id = c.batch_id
          WHERE c.batch_id > ?1 AND b.undone_at IS NULL AND c.table_name = ?2 AND c.record_id <> 0
            AND c.op <> 'add' ORDER BY c.batch_id",
    )?;
    let mut rows = stmt.query(params![batch, table])?;
    while let Some(r) = rows.next()? {
        let before: Option<String> = r.get(1)?;
        if before.and_then(|b| super::audit::json_int(&b, "created_batch")) == Some(batch) {
            return Ok(Some(r.get(0)?));
        }
    }
    Ok(None)
}

/// One entry of `batch_changes`.
struct Change {
    table: &'static str,
    record: i64,
    op: String,
    before: Option<String>,
}

/// Stores the before-images of the write command in progress as batch `batch` (inside its
/// transaction, after its last change): what it added, changed and deleted, read from what the
/// seal triggers recorded (`seal::captured`). Returns (added, changed, deleted). An import
/// does not call this: its added records carry `created_batch` and `upsert` keeps the images
/// of what it changes.
pub fn record_write(conn: &Connection, batch: i64) -> Result<(u64, u64, u64)> {
    let mut insert = conn.prepare(
        "INSERT INTO batch_changes (batch_id, table_name, record_id, op, before)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (
             SELECT 1 FROM batch_changes WHERE batch_id = ?1 AND table_name = ?2 AND record_id = ?3)",
    )?;
    for table in undoable() {
        let (images, added) = super::seal::captured(conn, table)?;
        for image in images {
            let record = match image.get("id").and_then(|v| v.as_i64()) {
                Some(id) => id,
                None => policy_rowid(conn, table, &image)?.unwrap_or(0),
            };
            let present = record != 0
                && conn
                    .query_row(
                        &format!("SELECT 1 FROM {table} WHERE {} = ?1", key_column(table)),
                        [record],
                        |_| Ok(()),
                    )
                    .optional()?
                    .is_some();
            let op = if present { "change" } else { "delete" };
            let text = serde_json::Value::Object(image).to_string();
            insert.execute(params![batch, table, record, op, text])?;
        }
        for rowid in added {
            insert.execute(params![batch, table, rowid, "add", None::<String>])?;
        }
    }
    let count = |op: &str| -> Result<u64> {
        Ok(conn.query_row(
            "SELECT count(*) FROM batch_changes WHERE batch_id = ?1 AND op = ?2",
            params![batch, op],
            |r| r.get::<_, i64>(0),
        )? as u64)
    };
    Ok((count("add")?, count("change")?, count("delete")?))
}

/// The rowid of the policy value or setting an image shows (they have no id column).
fn policy_rowid(
    conn: &Connection,
    table: &str,
    image: &serde_json::Map<String, serde_json::Value>,
) -> Result<Option<i64>> {
    let text = |k: &str| image.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let found = match table {
        "policy_params" => conn.query_row(
            "SELECT rowid FROM policy_params WHERE key = ?1 AND valid_from = ?2",
            params![text("key"), text("valid_from")],
            |r| r.get(0),
        ),
        "settings" => conn.query_row(
            "SELECT rowid FROM settings WHERE key = ?1",
            params![text("key")],
            |r| r.get(0),
        ),
        _ => bail!("{table} image without id"),
    };
    Ok(found.optional()?)
}

/// Undoes batch `batch` inside the caller's transaction (which the caller rolls back on a
/// refusal: a refusal found half-way leaves work to throw away).
pub fn undo_batch(
    conn: &Connection,
    batch: i64,
) -> Result<std::result::Result<Undone, UndoRefusal>> {
    let undone: Option<Option<String>> = conn
        .query_row(
            "SELECT undone_at FROM import_batches WHERE id = ?1",
            [batch],
            |r| r.get(0),
        )
        .optional()?;
    match undone {
        None => return Ok(Err(UndoRefusal::NoSuchBatch)),
        Some(Some(_)) => return Ok(Err(UndoRefusal::AlreadyUndone)),
        Some(None) => {}
    }
    // The batch's own records — what it did and the before-images it restores from — must be
    // as `union` wrote them: an undo would otherwise restore what someone put there by hand.
    let key = super::audit::key_in_force(conn)?;
    for (table, filter) in [
        ("import_batches", "id = ?1"),
        ("batch_changes", "batch_id = ?1"),
    ] {
        if let Some(row) = super::seal::check_rows(conn, key.as_deref(), table, filter, batch)? {
            let (table, row) = (table.to_string(), row.said());
            bail!(crate::i18n::Said::new("TamperedBeforeWrite", move |lang| {
                crate::i18n::say::TamperedBeforeWrite {
                    table: &table,
                    row: &row.text(lang),
                }
                .text(lang)
            }));
        }
    }
    // Added records must still be as this batch left them.
    for table in RECORD_TABLES {
        let later: Option<i64> = conn
            .query_row(
                &format!("SELECT batch_id FROM {table} WHERE created_batch = ?1 AND batch_id IS DISTINCT FROM ?1 LIMIT 1"),
                [batch],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(later) = later {
            return Ok(Err(UndoRefusal::LaterChange {
                table: table.to_string(),
                batch: later,
            }));
        }
    }
    let changes: Vec<Change> = {
        let mut stmt = conn.prepare(
            "SELECT table_name, record_id, op, before FROM batch_changes WHERE batch_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([batch], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (table, record, op, before) = row?;
            out.push(Change {
                table: known_table(&table)?,
                record,
                op,
                before,
            });
        }
        out
    };
    // Changed records too: no later batch (not itself undone) may have written them since.
    for c in &changes {
        if c.op == "change" && RECORD_TABLES.contains(&c.table) {
            let last: Option<Option<i64>> = conn
                .query_row(
                    &format!("SELECT batch_id FROM {} WHERE id = ?1", c.table),
                    [c.record],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(Some(last)) = last {
                if last != batch {
                    return Ok(Err(UndoRefusal::LaterChange {
                        table: c.table.to_string(),
                        batch: last,
                    }));
                }
            }
        }
    }
    for table in undoable() {
        let created = if RECORD_TABLES.contains(&table) {
            format!("OR c.record_id IN (SELECT id FROM {table} WHERE created_batch = ?1)")
        } else {
            String::new()
        };
        let later: Option<i64> = conn.query_row(
            &format!(
                "SELECT min(c.batch_id) FROM batch_changes c JOIN import_batches b ON b.id = c.batch_id
                  WHERE c.batch_id > ?1 AND b.undone_at IS NULL AND c.table_name = ?2 AND c.record_id <> 0
                    AND (c.record_id IN (SELECT record_id FROM batch_changes
                                          WHERE batch_id = ?1 AND table_name = ?2) {created})"
            ),
            params![batch, table],
            |r| r.get(0),
        )?;
        let later = later
            .into_iter()
            .chain(later_change_of_created(conn, batch, table)?)
            .min();
        if let Some(later) = later {
            return Ok(Err(UndoRefusal::LaterChange {
                table: table.to_string(),
                batch: later,
            }));
        }
    }

    for (child, column, parent, batched) in REFERENCES {
        let other = if batched {
            "AND c.created_batch IS DISTINCT FROM ?1"
        } else {
            ""
        };
        let sql = format!(
            "SELECT 1 FROM {child} c JOIN {parent} p ON p.id = c.{column}
              WHERE (p.created_batch = ?1 {other})
                 OR (p.id IN (SELECT record_id FROM batch_changes
                               WHERE batch_id = ?1 AND op = 'add' AND table_name = '{parent}')
                     AND c.id NOT IN (SELECT record_id FROM batch_changes
                                       WHERE batch_id = ?1 AND op = 'add' AND table_name = '{child}'))
              LIMIT 1"
        );
        if conn
            .query_row(&sql, [batch], |_| Ok(()))
            .optional()?
            .is_some()
        {
            return Ok(Err(UndoRefusal::Dependants));
        }
    }

    let import: bool = conn.query_row(
        "SELECT command IS NULL OR file_name <> '' FROM import_batches WHERE id = ?1",
        [batch],
        |r| r.get(0),
    )?;
    // Foreign keys are checked once all is put back (below): a record restored may refer to
    // one re-inserted after it, or stop referring to one removed before it.
    // (PostgreSQL's foreign keys, not deferrable, hold at each statement: the order below,
    // children out first and parents back first, keeps them.)
    if !conn.is_postgres() {
        conn.pragma_update("defer_foreign_keys", true)?;
    }
    // Added records away first, children before parents, so that a record deleted and
    // written again by this batch (an edit that replaced it) can come back under its key;
    // then deleted records back, parents first; then changed records as they were.
    let mut removed = 0u64;
    for table in undoable() {
        for c in changes.iter().filter(|c| c.op == "add" && c.table == table) {
            removed += conn.execute(
                &format!("DELETE FROM {table} WHERE {} = ?1", key_column(table)),
                [c.record],
            )? as u64;
        }
        // An import's added records carry its number; a write command's are all listed above
        // (and one may have taken the rowid of a record it replaced, which is restored below).
        if import && RECORD_TABLES.contains(&table) {
            removed += conn.execute(
                &format!("DELETE FROM {table} WHERE created_batch = ?1"),
                [batch],
            )? as u64;
        }
    }
    let mut restored = 0u64;
    for table in undoable().rev() {
        for c in changes
            .iter()
            .filter(|c| c.op == "delete" && c.table == table)
        {
            let image = image_of(c)?;
            let columns = super::seal::columns(conn, c.table)?;
            let (names, values) = checked_values(c.table, &columns, &image)?;
            let marks = vec!["?"; names.len()].join(", ");
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({marks}) RETURNING {}",
                c.table,
                names.join(", "),
                key_column(c.table)
            );
            match conn.query_row(&sql, super::db::params_from_iter(values), |r| r.get(0)) {
                Ok(key) => {
                    super::seal::inserted_at(conn, c.table, key)?;
                    restored += 1;
                }
                Err(e) if e.is_foreign_key() => return Ok(Err(UndoRefusal::MissingParent)),
                Err(e) if e.is_constraint() => {
                    return Ok(Err(UndoRefusal::Occupied {
                        table: c.table.to_string(),
                    }))
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    for c in changes.iter().rev().filter(|c| c.op == "change") {
        let image = image_of(c)?;
        let columns = super::seal::columns(conn, c.table)?;
        let (names, mut values) = checked_values(c.table, &columns, &image)?;
        let sets = names
            .iter()
            .map(|n| format!("{n} = ?"))
            .collect::<Vec<_>>()
            .join(", ");
        values.push(Value::Integer(c.record));
        let sql = format!(
            "UPDATE {} SET {sets} WHERE {} = ?",
            c.table,
            key_column(c.table)
        );
        match conn.execute(&sql, super::db::params_from_iter(values)) {
            Ok(1) => restored += 1,
            Ok(_) => bail!(
                "batch {batch}: {} {} to restore is missing",
                c.table,
                c.record
            ),
            Err(e) if e.is_constraint() => {
                return Ok(Err(UndoRefusal::Occupied {
                    table: c.table.to_string(),
                }))
            }
            Err(e) => return Err(e.into()),
        }
    }
    // On PostgreSQL each statement was checked as it ran (a missing parent refused above).
    let dangling = !conn.is_postgres()
        && conn
            .query_row("SELECT 1 FROM pragma_foreign_key_check LIMIT 1", [], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
    if dangling {
        return Ok(Err(UndoRefusal::MissingParent));
    }
    conn.execute(
        "UPDATE import_batches SET undone_at = ?2 WHERE id = ?1",
        params![
            batch,
            chrono::Local::now()
                .format("%Y-%m-%dT%H:%M:%S%:z")
                .to_string()
        ],
    )?;
    Ok(Ok(Undone { removed, restored }))
}

fn image_of(c: &Change) -> Result<serde_json::Map<String, serde_json::Value>> {
    match c.before.as_deref().map(serde_json::from_str) {
        Some(Ok(serde_json::Value::Object(map))) => Ok(map),
        _ => bail!("batch_changes: no image of {} {}", c.table, c.record),
    }
}

/// An image's columns (each checked against the table's) and values, as SQL values.
fn checked_values(
    table: &str,
    columns: &[String],
    image: &serde_json::Map<String, serde_json::Value>,
) -> Result<(Vec<String>, Vec<Value>)> {
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (col, v) in image {
        if !columns.contains(col) {
            bail!("batch_changes names unknown column {table}.{col}");
        }
        names.push(col.clone());
        values.push(match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Number(n) => n
                .as_i64()
                .map_or(Value::Text(n.to_string()), Value::Integer),
            serde_json::Value::String(s) => Value::Text(s.clone()),
            other => Value::Text(other.to_string()),
        });
    }
    Ok((names, values))
}

/// A table name read back from the database, checked against the tables batches cover.
fn known_table(name: &str) -> Result<&'static str> {
    match undoable().find(|t| *t == name) {
        Some(t) => Ok(t),
        None => bail!("batch_changes names unknown table {name}"),
    }
}
