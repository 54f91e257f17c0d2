//! Finding one stored record by the key an office knows it by, reading it whole, and deleting
//! it — for `union edit` and `union delete`, which write through the same upserts as import.

use super::db::Value;
use super::db::{params, Connection, OptionalExtension};
use anyhow::{bail, Result};

use super::batches::{RECORD_TABLES, REFERENCES};

/// Child records that belong to their parent and go with it when it is deleted (a person's
/// honours, a union's dated figures, a studio's namings, results, advisers, applications and revocations); any other
/// record referring to it stops the delete.
const PARTS: [(&str, &str); 7] = [
    ("honours", "people"),
    ("union_figures", "unions"),
    ("studio_namings", "studios"),
    ("studio_results", "studios"),
    ("studio_revocations", "studios"),
    ("studio_advisers", "studios"),
    ("studio_applications", "studios"),
];

fn checked(table: &str) -> Result<&'static str> {
    match RECORD_TABLES.iter().find(|t| **t == table) {
        Some(t) => Ok(t),
        None => bail!("not an editable table: {table}"),
    }
}

/// A stored record whole: every column's name and value, or `None` when there is no record
/// `id` in `table`.
pub fn record_fields(
    conn: &Connection,
    table: &str,
    id: i64,
) -> Result<Option<Vec<(String, Value)>>> {
    let table = checked(table)?;
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names = stmt.column_names();
    Ok(stmt
        .query_row([id], |r| {
            names
                .iter()
                .enumerate()
                .map(|(i, n)| Ok((n.clone(), r.get::<_, Value>(i)?)))
                .collect::<super::db::Result<Vec<_>>>()
        })
        .optional()?)
}

/// The condition that a record's columns equal `key` (column, value), a NULL value matching
/// NULL, and the values it binds (from `?1`). Written `c = ?` / `c IS NULL` rather than
/// `c IS NOT DISTINCT FROM ?`, which PostgreSQL cannot answer from an index (a scan of the
/// table per imported row).
pub(super) fn key_condition<'k>(key: &'k [(&str, Value)]) -> Result<(String, Vec<&'k Value>)> {
    let mut bound = Vec::new();
    let mut cond = Vec::new();
    for (c, v) in key {
        if !c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_') {
            bail!("bad column {c}");
        }
        if matches!(v, Value::Null) {
            cond.push(format!("{c} IS NULL"));
        } else {
            bound.push(v);
            cond.push(format!("{c} = ?{}", bound.len()));
        }
    }
    Ok((cond.join(" AND "), bound))
}

/// The ids of the records of `table` whose columns equal `key` (column, value), in id order.
pub fn find_records(conn: &Connection, table: &str, key: &[(&str, Value)]) -> Result<Vec<i64>> {
    let table = checked(table)?;
    let (cond, bound) = key_condition(key)?;
    let mut stmt = conn.prepare(&format!("SELECT id FROM {table} WHERE {cond} ORDER BY id"))?;
    let ids = stmt
        .query_map(super::db::params_from_iter(bound), |r| r.get(0))?
        .collect::<super::db::Result<_>>()?;
    Ok(ids)
}

/// What refers to record `id` of `table` and would stop its delete: (child table, count), the
/// parts that go with it left out.
pub fn dependants(conn: &Connection, table: &str, id: i64) -> Result<Vec<(&'static str, i64)>> {
    let table = checked(table)?;
    let mut out = Vec::new();
    for (child, column, parent, _) in REFERENCES {
        if parent != table || PARTS.contains(&(child, parent)) {
            continue;
        }
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM {child} WHERE {column} = ?1"),
            [id],
            |r| r.get(0),
        )?;
        if n > 0 {
            out.push((child, n));
        }
    }
    Ok(out)
}

/// Deletes record `id` of `table` with its parts (the caller has checked `dependants`).
/// Returns whether it was there.
pub fn delete_record(conn: &Connection, table: &str, id: i64) -> Result<bool> {
    let table = checked(table)?;
    if table == "studio_namings" {
        // A naming's one-time subsidy, paid on its date, goes with it.
        conn.execute(
            "DELETE FROM payouts WHERE category = 'studio_subsidy' AND (studio_id, paid_on) IN
               (SELECT studio_id, named_on FROM studio_namings WHERE id = ?1)",
            [id],
        )?;
    }
    for (child, parent) in PARTS {
        if parent == table {
            let column = REFERENCES
                .iter()
                .find(|(c, _, p, _)| *c == child && *p == parent)
                .map(|(_, col, _, _)| *col)
                .unwrap_or("studio_id");
            conn.execute(&format!("DELETE FROM {child} WHERE {column} = ?1"), [id])?;
        }
    }
    Ok(conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), params![id])? == 1)
}

/// What the write in progress did to `table` besides record `id`: whether it changed or
/// removed another record, and the records it added.
pub fn other_effects(conn: &Connection, table: &str, id: i64) -> Result<(bool, Vec<i64>)> {
    let table = checked(table)?;
    let (images, added) = super::seal::captured(conn, table)?;
    let others = images
        .iter()
        .any(|m| m.get("id").and_then(|v| v.as_i64()) != Some(id));
    Ok((others, added))
}

/// Whether record `id` of `table` is, after the write in progress, what it was before in
/// everything but the batch bookkeeping (an edit that wrote the same values anew).
pub fn unchanged_but_bookkeeping(conn: &Connection, table: &str, id: i64) -> Result<bool> {
    let table = checked(table)?;
    let (images, _) = super::seal::captured(conn, table)?;
    let Some(before) = images
        .into_iter()
        .find(|m| m.get("id").and_then(|v| v.as_i64()) == Some(id))
    else {
        return Ok(false);
    };
    let Some(now) = record_fields(conn, table, id)? else {
        return Ok(false);
    };
    const BOOKKEEPING: [&str; 3] = ["created_batch", "batch_id", "batch_row"];
    Ok(now.iter().all(|(name, value)| {
        BOOKKEEPING.contains(&name.as_str())
            || before.get(name).is_some_and(|b| same_value(b, value))
    }))
}

fn same_value(json: &serde_json::Value, value: &Value) -> bool {
    match (json, value) {
        (serde_json::Value::Null, Value::Null) => true,
        (serde_json::Value::Number(n), Value::Integer(i)) => n.as_i64() == Some(*i),
        (serde_json::Value::String(s), Value::Text(t)) => s == t,
        _ => false,
    }
}

/// Which side of a naming and its one-time subsidy a record number names.
#[derive(Debug, Clone, Copy)]
pub enum SubsidyLink {
    /// A naming: was a subsidy paid for it (on its date)?
    Naming(i64),
    /// A payout: is it a studio subsidy whose naming (of the studio, on the day paid) is on file?
    Payout(i64),
}

/// Whether the naming and the subsidy `link` names are both on file, paired.
pub fn subsidy_paired(conn: &Connection, link: SubsidyLink) -> Result<bool> {
    let (naming, payout) = match link {
        SubsidyLink::Naming(id) => (Some(id), None),
        SubsidyLink::Payout(id) => (None, Some(id)),
    };
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM payouts y JOIN studio_namings n
                          ON y.studio_id = n.studio_id AND y.paid_on = n.named_on
                         WHERE y.category = 'studio_subsidy'
                           AND (CAST(?1 AS BIGINT) IS NULL OR n.id = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR y.id = ?2))",
        params![naming, payout],
        |r| r.get(0),
    )?)
}

/// Gives the record `from` of `table` the number `to` (a record the same write took out, whose
/// number is free): an edit that writes a record anew keeps its number.
pub fn renumber(conn: &Connection, table: &str, from: i64, to: i64) -> Result<()> {
    let table = checked(table)?;
    conn.execute(
        &format!("UPDATE {table} SET id = ?2 WHERE id = ?1"),
        params![from, to],
    )?;
    Ok(())
}
