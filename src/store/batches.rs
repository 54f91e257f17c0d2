//! Import batches: listing them, and undoing one — removing what it added and restoring what it
//! changed from the before-images in `batch_changes` — unless a later batch touched the same
//! records or later records depend on what it added.

use anyhow::{bail, Result};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

/// The record tables an import writes, children before parents (the order rows are deleted in).
const RECORD_TABLES: [&str; 9] = [
    "payouts",
    "hardship_files",
    "studio_results",
    "studio_namings",
    "agreements",
    "honours",
    "studios",
    "enterprises",
    "people",
];

/// Every reference to a record table: (child table, its column, parent table, whether the child
/// rows carry `created_batch`). A record a batch added cannot be removed while another batch's
/// rows (or rows no batch made, such as revocations) refer to it.
const REFERENCES: [(&str, &str, &str, bool); 12] = [
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
];

/// One import batch as `import list` prints it.
#[derive(Debug, Clone)]
pub struct BatchRow {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub started_at: String,
    pub os_user: Option<String>,
    pub counts: [i64; 6],
    pub undone_at: Option<String>,
}

pub fn list_batches(conn: &Connection) -> Result<Vec<BatchRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, file_name, sha256, started_at, os_user, rows_read, added, updated, unchanged, refused,
                skipped, undone_at FROM import_batches ORDER BY id",
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
            ],
            undone_at: r.get(12)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
}

/// What an undo did: records removed and records restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undone {
    pub removed: u64,
    pub restored: u64,
}

/// Undoes batch `batch` inside the caller's transaction.
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
    // Added records must still be as this batch left them.
    for table in RECORD_TABLES {
        let later: Option<i64> = conn
            .query_row(
                &format!("SELECT batch_id FROM {table} WHERE created_batch = ?1 AND batch_id IS NOT ?1 LIMIT 1"),
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
    // Changed records too.
    let changes: Vec<(i64, String, i64, String)> = {
        let mut stmt = conn.prepare("SELECT id, table_name, record_id, before FROM batch_changes WHERE batch_id = ?1 ORDER BY id DESC")?;
        let rows = stmt.query_map([batch], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (_, table, record, _) in &changes {
        let table = known_table(table)?;
        let last: Option<Option<i64>> = conn
            .query_row(
                &format!("SELECT batch_id FROM {table} WHERE id = ?1"),
                [record],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(Some(last)) = last {
            if last != batch {
                return Ok(Err(UndoRefusal::LaterChange {
                    table: table.to_string(),
                    batch: last,
                }));
            }
        }
    }

    for (child, column, parent, batched) in REFERENCES {
        let other = if batched {
            "AND c.created_batch IS NOT ?1"
        } else {
            ""
        };
        let sql = format!(
            "SELECT 1 FROM {child} c JOIN {parent} p ON p.id = c.{column} WHERE p.created_batch = ?1 {other} LIMIT 1"
        );
        if conn
            .query_row(&sql, [batch], |_| Ok(()))
            .optional()?
            .is_some()
        {
            return Ok(Err(UndoRefusal::Dependants));
        }
    }

    let mut restored = 0u64;
    for (_, table, record, before) in &changes {
        let table = known_table(table)?;
        let columns = table_columns(conn, table)?;
        let before: serde_json::Map<String, serde_json::Value> = serde_json::from_str(before)?;
        let mut sets = Vec::new();
        let mut values = Vec::new();
        for (col, v) in &before {
            if !columns.contains(col) {
                bail!("batch_changes names unknown column {table}.{col}");
            }
            sets.push(format!("{col} = ?"));
            values.push(match v {
                serde_json::Value::Null => Value::Null,
                serde_json::Value::Number(n) => n
                    .as_i64()
                    .map_or(Value::Text(n.to_string()), Value::Integer),
                serde_json::Value::String(s) => Value::Text(s.clone()),
                other => Value::Text(other.to_string()),
            });
        }
        values.push(Value::Integer(*record));
        conn.execute(
            &format!("UPDATE {table} SET {} WHERE id = ?", sets.join(", ")),
            rusqlite::params_from_iter(values),
        )?;
        restored += 1;
    }

    let mut removed = 0u64;
    for table in RECORD_TABLES {
        match conn.execute(
            &format!("DELETE FROM {table} WHERE created_batch = ?1"),
            [batch],
        ) {
            Ok(n) => removed += n as u64,
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                return Ok(Err(UndoRefusal::Dependants));
            }
            Err(e) => return Err(e.into()),
        }
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

/// A table name read back from the database, checked against the record tables.
fn known_table(name: &str) -> Result<&'static str> {
    match RECORD_TABLES.iter().find(|t| **t == name) {
        Some(t) => Ok(t),
        None => bail!("batch_changes names unknown table {name}"),
    }
}

fn table_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let rows = stmt.query_map([table], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
