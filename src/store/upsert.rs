//! One keyed upsert for every record kind an import writes, so that "added / updated /
//! unchanged", blank cells that leave a stored value alone, conflicting rows inside one file and
//! the before-images that let a batch be undone are decided in one place.

use super::db::Value;
use super::db::{params, Connection, OptionalExtension};
use anyhow::Result;

/// A record to write, found by its natural key.
pub struct Upsert<'a> {
    pub table: &'static str,
    /// The natural key: columns and values that find the stored record.
    pub key: &'a [(&'static str, Value)],
    /// The other columns; `None` means the spreadsheet left the cell blank: keep what is stored.
    pub values: &'a [(&'static str, Option<Value>)],
}

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpsertOutcome {
    Added(i64),
    Updated(i64),
    Unchanged(i64),
    /// An earlier row of the same file (this Excel row number) wrote different values for the
    /// same key: nothing was written.
    Conflict {
        row: i64,
    },
}

impl UpsertOutcome {
    /// The record's id, when the upsert reached one.
    pub fn id(self) -> Option<i64> {
        match self {
            UpsertOutcome::Added(id)
            | UpsertOutcome::Updated(id)
            | UpsertOutcome::Unchanged(id) => Some(id),
            UpsertOutcome::Conflict { .. } => None,
        }
    }
}

/// Prepares the per-import scratch table that remembers which stored records earlier rows of
/// this file confirmed unchanged (a later row that disagrees with them is a conflict).
pub(crate) fn begin(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE IF NOT EXISTS import_touched (
             tbl TEXT NOT NULL, rec BIGINT NOT NULL, row BIGINT NOT NULL,
             PRIMARY KEY (tbl, rec)){};
         DELETE FROM import_touched;",
        conn.without_rowid()
    ))?;
    Ok(())
}

/// Finds the record by key and adds, updates or leaves it, recording a before-image of every
/// update in `batch_changes` for undo. `batch` is the import batch, `row` the Excel row.
pub fn upsert(
    conn: &Connection,
    at: super::write::Origin,
    u: &Upsert<'_>,
) -> Result<UpsertOutcome> {
    let (batch, row) = (at.batch, at.row);
    // An edit states every value: blank means "none", not "keep".
    let cleared;
    let u = if at.edit {
        cleared = u
            .values
            .iter()
            .map(|(c, v)| (*c, Some(v.clone().unwrap_or(Value::Null))))
            .collect::<Vec<_>>();
        &Upsert {
            table: u.table,
            key: u.key,
            values: &cleared,
        }
    } else {
        u
    };
    let (where_sql, key_values) = super::edit::key_condition(u.key)?;
    let cols = u.values.iter().map(|(c, _)| *c).collect::<Vec<_>>();
    let select = format!(
        "SELECT id, batch_id, batch_row{}{} FROM {} WHERE {where_sql}",
        if cols.is_empty() { "" } else { ", " },
        cols.join(", "),
        u.table
    );
    let key_params = super::db::params_from_iter(key_values);
    let found = conn
        .prepare_cached(&select)?
        .query_row(key_params, |r| {
            let id: i64 = r.get(0)?;
            let last_batch: Option<i64> = r.get(1)?;
            let last_row: Option<i64> = r.get(2)?;
            let stored = (0..cols.len())
                .map(|i| r.get::<_, Value>(i + 3))
                .collect::<super::db::Result<Vec<_>>>()?;
            Ok((id, last_batch, last_row, stored))
        })
        .optional()?;

    let Some((id, last_batch, last_row, stored)) = found else {
        return insert(conn, batch, row, u).map(UpsertOutcome::Added);
    };

    let changed: Vec<usize> = u
        .values
        .iter()
        .enumerate()
        .filter(|(i, (_, v))| v.as_ref().is_some_and(|v| *v != stored[*i]))
        .map(|(i, _)| i)
        .collect();

    if changed.is_empty() {
        if last_batch != Some(batch) {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO import_touched (tbl, rec, row) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![u.table, id, row])?;
        }
        return Ok(UpsertOutcome::Unchanged(id));
    }
    if last_batch == Some(batch) {
        return Ok(UpsertOutcome::Conflict {
            row: last_row.unwrap_or(0),
        });
    }
    let touched: Option<i64> = conn
        .prepare_cached("SELECT row FROM import_touched WHERE tbl = ?1 AND rec = ?2")?
        .query_row(params![u.table, id], |r| r.get(0))
        .optional()?;
    if let Some(row) = touched {
        return Ok(UpsertOutcome::Conflict { row });
    }

    let mut before = serde_json::Map::new();
    for &i in &changed {
        before.insert(cols[i].to_string(), value_json(&stored[i]));
    }
    before.insert("batch_id".into(), last_batch.into());
    before.insert("batch_row".into(), last_row.into());
    conn.prepare_cached("INSERT INTO batch_changes (batch_id, table_name, record_id, before) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![batch, u.table, id, serde_json::Value::Object(before).to_string()])?;

    let sets = changed
        .iter()
        .map(|&i| format!("{} = ?", cols[i]))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "UPDATE {} SET {sets}, batch_id = ?, batch_row = ? WHERE id = ?",
        u.table
    );
    let mut values: Vec<Value> = changed
        .iter()
        .filter_map(|&i| u.values[i].1.clone())
        .collect();
    values.extend([
        Value::Integer(batch),
        Value::Integer(row),
        Value::Integer(id),
    ]);
    conn.prepare_cached(&sql)?
        .execute(super::db::params_from_iter(values))?;
    Ok(UpsertOutcome::Updated(id))
}

fn insert(conn: &Connection, batch: i64, row: i64, u: &Upsert<'_>) -> Result<i64> {
    let mut cols: Vec<&str> = u.key.iter().map(|(c, _)| *c).collect();
    let mut values: Vec<&Value> = u.key.iter().map(|(_, v)| v).collect();
    for (c, v) in u.values {
        if let Some(v) = v {
            cols.push(c);
            values.push(v);
        }
    }
    let batch_values = [
        Value::Integer(batch),
        Value::Integer(batch),
        Value::Integer(row),
    ];
    cols.extend(["created_batch", "batch_id", "batch_row"]);
    values.extend(batch_values.iter());
    let marks = (1..=cols.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    // The id comes back with the insert: on PostgreSQL, one round trip where asking for it
    // after took two.
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({marks}) RETURNING id",
        u.table,
        cols.join(", ")
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(super::db::params_from_iter(values), |r| r.get(0))?)
}

fn value_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => (*i).into(),
        Value::Real(r) => serde_json::Value::String(r.to_string()),
        Value::Text(t) => t.clone().into(),
        Value::Blob(_) => serde_json::Value::Null,
    }
}
