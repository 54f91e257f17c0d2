//! Tamper evidence for the data, not only the log. Each table's state is summed up as a
//! multiset hash: the number of rows, and the sum modulo 2²⁵⁶ of a SHA-256 (an HMAC with the
//! audit key) of each row. Every write adds the hashes of the rows it wrote and subtracts those
//! of the rows as they were before it, so sealing costs what the write changed; the log entry
//! of the write seals the tables' new sums. `verify` sums every table in one scan and compares
//! with the newest sums the log sealed: a row changed, added or removed outside `union`, or a
//! table dropped or added, shows.
//!
//! To name the row, not only the table, each table also keeps where its rows' hashes lie
//! (`row_seals`: for every run of [`BUCKET`] rowids, the first 8 bytes of each row's hash),
//! moved by the same writes. `verify`, finding a table that does not match its seal, compares
//! each row with its print and names the rows changed, added or removed by their id. The prints
//! are not sealed themselves: a forger who rewrites a row's print (possible only without an
//! audit key) still leaves the table's sealed sum wrong, and the table is named.
//!
//! Rows a write adds are found by their rowid (above the mark [`begin`] sets); rows it changes or
//! removes are recorded by TEMP triggers on every table, which live in this connection only, so
//! a change made with another tool is not recorded, and so shows. The old image of a row is kept
//! the first time the transaction touches it; a savepoint rolled back takes its records back
//! with it.

use anyhow::{bail, Result};

use super::db::ValueRef;
use super::db::{Connection, OptionalExtension};
use crate::i18n::{say, Said};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Tables that are not sealed: the log (sealed by its chain) and the sums and prints themselves.
pub(super) const UNSEALED: [&str; 3] = ["audit_log", "table_seals", "row_seals"];

/// Rowids per `row_seals` entry: each entry holds `BUCKET` prints of [`PRINT`] bytes, all zero
/// where no row is.
const BUCKET: i64 = 64;
const PRINT: usize = 8;

/// Where slot `slot`'s print lies in a bucket's bytes.
fn span(slot: usize) -> std::ops::Range<usize> {
    slot * PRINT..(slot + 1) * PRINT
}

/// A row's print: the first bytes of its hash (never all zero, which means "no row").
fn print_of(hash: &[u8; 32]) -> [u8; PRINT] {
    let mut p = [0u8; PRINT];
    p.copy_from_slice(&hash[..PRINT]);
    if p == [0u8; PRINT] {
        p[PRINT - 1] = 1;
    }
    p
}

/// Prints gathered by a scan, by bucket: the bytes and which slots were set.
#[derive(Default)]
struct Prints {
    buckets: BTreeMap<i64, (Vec<u8>, u64)>,
}

impl Prints {
    fn set(&mut self, rowid: i64, print: [u8; PRINT]) {
        let (bucket, slot) = (rowid.div_euclid(BUCKET), rowid.rem_euclid(BUCKET) as usize);
        let (bytes, mask) = self
            .buckets
            .entry(bucket)
            .or_insert_with(|| (vec![0u8; BUCKET as usize * PRINT], 0));
        bytes[span(slot)].copy_from_slice(&print);
        *mask |= 1 << slot;
    }

    fn merge(&mut self, other: Prints) {
        if self.buckets.is_empty() {
            *self = other;
            return;
        }
        for (bucket, (bytes, mask)) in other.buckets {
            for slot in 0..BUCKET as usize {
                if mask & (1 << slot) != 0 {
                    let mut p = [0u8; PRINT];
                    p.copy_from_slice(&bytes[span(slot)]);
                    self.set(bucket * BUCKET + slot as i64, p);
                }
            }
        }
    }
}

/// Refuses new rows that land where a row `union` wrote still has its print: that row was
/// removed outside `union` (its rowid then given again), and sealing the new one would hide it.
fn refuse_reused(conn: &Connection, table: &str, added: &Prints) -> Result<()> {
    let buckets: Vec<i64> = added.buckets.keys().copied().collect();
    let filed = filed_prints(conn, table, &buckets)?;
    for (&bucket, (bytes, mask)) in &added.buckets {
        let Some(on_file) = filed.get(&bucket) else {
            continue;
        };
        for slot in 0..BUCKET as usize {
            let span = span(slot);
            let filed = on_file.get(span.clone()).filter(|p| *p != [0u8; PRINT]);
            if mask & (1 << slot) != 0 && filed.is_some_and(|p| p != &bytes[span]) {
                let rowid = bucket * BUCKET + slot as i64;
                let label = row_label(conn, table, rowid, RowChange::Removed)?.said();
                let table = table.to_string();
                bail!(Said::new("TamperedRowReused", move |lang| {
                    say::TamperedRowReused {
                        table: &table,
                        row: &label.text(lang),
                    }
                    .text(lang)
                }));
            }
        }
    }
    Ok(())
}

/// Writes `prints` into `table`'s entries of `row_seals` (over what the slots held) and clears
/// the slots of `removed` rowids.
fn store_prints(conn: &Connection, table: &str, prints: &Prints, removed: &[i64]) -> Result<()> {
    let mut cleared: BTreeMap<i64, u64> = BTreeMap::new();
    for &rowid in removed {
        *cleared.entry(rowid.div_euclid(BUCKET)).or_default() |= 1 << rowid.rem_euclid(BUCKET);
    }
    let mut buckets: Vec<i64> = prints
        .buckets
        .keys()
        .chain(cleared.keys())
        .copied()
        .collect();
    buckets.sort_unstable();
    buckets.dedup();
    let size = BUCKET as usize * PRINT;
    // Every slot new: nothing on file to keep, nothing read.
    let partly: Vec<i64> = buckets
        .iter()
        .copied()
        .filter(|b| !matches!(prints.buckets.get(b), Some((_, u64::MAX))))
        .collect();
    let mut filed = filed_prints(conn, table, &partly)?;
    let mut entries = Vec::with_capacity(buckets.len());
    for bucket in buckets {
        let new = prints.buckets.get(&bucket);
        let clear = cleared.get(&bucket).copied().unwrap_or(0);
        let mut bytes = match new {
            Some((bytes, u64::MAX)) => bytes.clone(),
            _ => filed
                .remove(&bucket)
                .filter(|b| b.len() == size)
                .unwrap_or_else(|| vec![0u8; size]),
        };
        for slot in 0..BUCKET as usize {
            let span = span(slot);
            match new {
                Some((from, mask)) if mask & (1 << slot) != 0 => {
                    bytes[span.clone()].copy_from_slice(&from[span]);
                }
                _ if clear & (1 << slot) != 0 => bytes[span].fill(0),
                _ => {}
            }
        }
        entries.push((bucket, bytes));
    }
    write_prints(conn, table, &entries)
}

/// Buckets read or written to a statement at most (on PostgreSQL each statement is a round
/// trip: a bucket each took a 100,000-row import 3,000 of them).
const BUCKETS_TOGETHER: usize = 64;

/// The entries of `row_seals` on file for `table`'s `buckets` (sorted), read a stretch of
/// bucket numbers at a time.
fn filed_prints(
    conn: &Connection,
    table: &str,
    buckets: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<u8>>> {
    let mut read = conn.prepare_cached(
        "SELECT bucket, fps FROM row_seals WHERE tbl = ?1 AND bucket BETWEEN ?2 AND ?3",
    )?;
    let mut out = std::collections::HashMap::with_capacity(buckets.len());
    let mut from = 0;
    while let Some(&first) = buckets.get(from) {
        // A stretch of at most BUCKETS_TOGETHER buckets asked for, spanning at most four times
        // as many bucket numbers (so that scattered buckets do not read every one between).
        let mut to = from + 1;
        while to < buckets.len()
            && to - from < BUCKETS_TOGETHER
            && buckets[to] - first < 4 * BUCKETS_TOGETHER as i64
        {
            to += 1;
        }
        let last = buckets[to - 1];
        let mut rows = read.query_few(super::db::params![table, first, last])?;
        while let Some(r) = rows.next()? {
            let bucket: i64 = r.get(0)?;
            if buckets[from..to].binary_search(&bucket).is_ok() {
                out.insert(bucket, r.get::<_, Vec<u8>>(1)?);
            }
        }
        from = to;
    }
    Ok(out)
}

/// Writes `table`'s entries of `row_seals` (bucket, prints), many to a statement.
fn write_prints(conn: &Connection, table: &str, entries: &[(i64, Vec<u8>)]) -> Result<()> {
    for chunk in entries.chunks(BUCKETS_TOGETHER) {
        let values = vec!["(?, ?, ?)"; chunk.len()].join(", ");
        let mut write = conn.prepare_cached(&format!(
            "INSERT INTO row_seals (tbl, bucket, fps) VALUES {values}
             ON CONFLICT (tbl, bucket) DO UPDATE SET fps = excluded.fps"
        ))?;
        for (k, (bucket, bytes)) in chunk.iter().enumerate() {
            write.raw_bind_parameter(3 * k + 1, table)?;
            write.raw_bind_parameter(3 * k + 2, bucket)?;
            write.raw_bind_parameter(3 * k + 3, bytes)?;
        }
        write.raw_execute()?;
    }
    Ok(())
}

/// A table's sealed state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSeal {
    pub rows: i64,
    pub sum: [u8; 32],
}

impl TableSeal {
    const EMPTY: TableSeal = TableSeal {
        rows: 0,
        sum: [0; 32],
    };

    fn add(&mut self, h: &[u8; 32]) {
        self.rows += 1;
        self.add_sum(h);
    }

    #[cfg(test)]
    fn subtract(&mut self, h: &[u8; 32]) {
        self.rows -= 1;
        self.subtract_sum(h);
    }

    /// Adds another multiset's rows and sum (the union of the two multisets).
    fn merge(&mut self, other: &TableSeal) {
        self.rows += other.rows;
        self.add_sum(&other.sum);
    }

    /// Takes another multiset's rows and sum away.
    fn unmerge(&mut self, other: &TableSeal) {
        self.rows -= other.rows;
        self.subtract_sum(&other.sum);
    }

    fn add_sum(&mut self, h: &[u8; 32]) {
        let mut carry = 0u16;
        for (a, b) in self.sum.iter_mut().zip(h) {
            let s = u16::from(*a) + u16::from(*b) + carry;
            *a = s as u8;
            carry = s >> 8;
        }
    }

    fn subtract_sum(&mut self, h: &[u8; 32]) {
        let mut borrow = 0i16;
        for (a, b) in self.sum.iter_mut().zip(h) {
            let d = i16::from(*a) - i16::from(*b) - borrow;
            *a = d.rem_euclid(256) as u8;
            borrow = i16::from(d < 0);
        }
    }

    pub fn hex(&self) -> String {
        self.sum.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn from_hex(rows: i64, hex: &str) -> Option<TableSeal> {
        if hex.len() != 64 {
            return None;
        }
        let mut sum = [0u8; 32];
        for (i, b) in sum.iter_mut().enumerate() {
            *b = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(TableSeal { rows, sum })
    }
}

/// Sealed states by table name.
pub type Seals = BTreeMap<String, TableSeal>;

/// The seals as the log keeps them: `{"table": {"rows": n, "sum": "hex"}, …}`.
pub fn to_json(seals: &Seals) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = seals
        .iter()
        .map(|(t, s)| {
            (
                t.clone(),
                serde_json::json!({ "rows": s.rows, "sum": s.hex() }),
            )
        })
        .collect();
    serde_json::Value::Object(map)
}

/// Reads seals back from the log's JSON; `None` when it is not seals.
pub fn from_json(value: &serde_json::Value) -> Option<Seals> {
    value
        .as_object()?
        .iter()
        .map(|(t, v)| {
            let rows = v.get("rows")?.as_i64()?;
            let seal = TableSeal::from_hex(rows, v.get("sum")?.as_str()?)?;
            Some((t.clone(), seal))
        })
        .collect()
}

/// The tables that are sealed, as the file has them now.
pub(super) fn tables(conn: &Connection) -> Result<Vec<String>> {
    // A table without rowids is never one of ours (`row_seals` is unsealed): `verify` names
    // it as a table added outside `union` (see [`foreign`]). On PostgreSQL, the tables of the
    // data schema (what is PostgreSQL's own lives in `union_admin`, schema.pg.sql).
    let mut stmt = conn.prepare(match conn.is_postgres() {
        false => {
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
                AND NOT wr AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        }
        true => KEYED_TABLES_POSTGRES,
    })?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for name in names {
        let name = name?;
        if !UNSEALED.contains(&name.as_str()) {
            out.push(name);
        }
    }
    Ok(out)
}

/// The tables of the data schema whose rows have a number the seal can key them by: an integer
/// `id`, or without one, schema.pg.sql's integer `rowid` (D7). Any other table (one added by
/// hand, say) is what SQLite's table without rowids is: named by [`foreign`], never sealed.
const KEYED_TABLES_POSTGRES: &str = "
    SELECT t.table_name::text FROM information_schema.tables AS t
     WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
       AND (SELECT CASE WHEN bool_or(c.column_name = 'id')
                        THEN bool_or(c.column_name = 'id' AND c.data_type IN ('bigint', 'integer', 'smallint'))
                        ELSE bool_or(c.column_name = 'rowid' AND c.data_type IN ('bigint', 'integer', 'smallint'))
                   END IS TRUE
              FROM information_schema.columns AS c
             WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name)
     ORDER BY 1";

/// A table's columns in order. On PostgreSQL without the `rowid` column schema.pg.sql gives
/// the tables SQLite keys by its hidden rowid: it is their row key, as SQLite's is, not a value.
pub(super) fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    if conn.is_postgres() {
        // From the catalogue, in one row, once per session and structure: asked for every
        // table at every write, a query over information_schema read through a cursor took a
        // PostgreSQL command 0.3 s.
        return Ok(conn.table_columns(table, || {
            let names: Option<String> = conn.query_row(
                "SELECT string_agg(CAST(a.attname AS TEXT), ',' ORDER BY a.attnum)
                   FROM pg_attribute AS a
                  WHERE a.attrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(?1))
                    AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'rowid'",
                [table],
                |r| r.get(0),
            )?;
            Ok(names
                .map(|n| n.split(',').map(str::to_string).collect())
                .unwrap_or_default())
        })?);
    }
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid")?;
    let names = stmt.query_map([table], |r| r.get::<_, String>(0))?;
    Ok(names.collect::<super::db::Result<_>>()?)
}

/// The column `table`'s rows are keyed by in the seal's SQL: SQLite's rowid; on PostgreSQL the
/// `id`, or schema.pg.sql's `rowid` column of the tables SQLite keys by its hidden rowid.
fn row_key(conn: &Connection, table: &str) -> Result<&'static str> {
    Ok(
        match conn.is_postgres() && columns(conn, table)?.iter().any(|c| c == "id") {
            true => "id",
            false => "rowid",
        },
    )
}

/// Whether `table`'s rowid is its column `id` (SQLite: `id INTEGER PRIMARY KEY`).
fn rowid_is_id(conn: &Connection, table: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) = 1 AND max(name = 'id' AND upper(type) = 'INTEGER')
           FROM pragma_table_info(?1, 'main') WHERE pk > 0",
        [table],
        |r| r.get(0),
    )?)
}

/// The rows of `table`, as `alias` (for a JOIN or WHERE after it), as they are hashed: the
/// row key first (left out of the hash; the key of the prints), then every column in order.
/// On SQLite the rowid and `*`; on PostgreSQL the [`row_key`] and the columns by name.
fn row_select_as(conn: &Connection, table: &str, alias: &str) -> Result<String> {
    if !conn.is_postgres() {
        return Ok(format!(
            "SELECT {alias}.rowid, {alias}.* FROM main.{} AS {alias}",
            ident(table)
        ));
    }
    let key = row_key(conn, table)?;
    let list: Vec<String> = columns(conn, table)?
        .iter()
        .map(|c| format!("{alias}.{}", ident(c)))
        .collect();
    Ok(format!(
        "SELECT {alias}.{key}, {} FROM {} AS {alias}",
        list.join(", "),
        ident(table)
    ))
}

/// The schema of this connection's own tables (the seal's records): `temp.` on SQLite,
/// `pg_temp.` on PostgreSQL.
fn temp(conn: &Connection) -> &'static str {
    match conn.is_postgres() {
        true => "pg_temp.",
        false => "temp.",
    }
}

/// The data's schema: `main.` on SQLite; on PostgreSQL the connection's current one.
fn main_(conn: &Connection) -> &'static str {
    match conn.is_postgres() {
        true => "",
        false => "main.",
    }
}

/// A table or column name as SQL text. The names come from the file's own schema, never from
/// user input; quoting keeps any name intact.
pub(super) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Installs the TEMP tables that record what this connection's writes touch (the triggers
/// that fill them are made by [`begin`]).
pub fn install(conn: &Connection) -> Result<()> {
    let pg = conn.is_postgres();
    let mut sql = format!(
        "CREATE TEMP TABLE IF NOT EXISTS seal_touched (
             tbl TEXT NOT NULL, rid BIGINT NOT NULL, PRIMARY KEY (tbl, rid)){};
         CREATE TEMP TABLE IF NOT EXISTS seal_start (tbl TEXT PRIMARY KEY, hi BIGINT NOT NULL);
         CREATE TEMP TABLE IF NOT EXISTS seal_pending (
             tbl TEXT PRIMARY KEY, rows BIGINT NOT NULL, sum TEXT NOT NULL);\n",
        conn.without_rowid()
    );
    for table in tables(conn)? {
        // The old images: the row key as seal_rid, then the columns as they are hashed.
        let old = ident(&format!("seal_old_{table}"));
        sql.push_str(&match pg {
            false => format!(
                "CREATE TEMP TABLE IF NOT EXISTS {old} AS SELECT rowid AS seal_rid, * FROM main.{} WHERE 1 = 0;\n",
                ident(&table)
            ),
            true => format!(
                "CREATE TEMP TABLE IF NOT EXISTS {old} AS SELECT {} AS seal_rid, {} FROM {} WITH NO DATA;\n",
                row_key(conn, &table)?,
                columns(conn, &table)?.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", "),
                ident(&table)
            ),
        });
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// On PostgreSQL, which has no TEMP triggers: the triggers that record, for a session that
/// has made the seal's records ([`install`]) and only for it, the first old image of every row
/// at or below the mark a write changes or removes — what [`begin`]'s TEMP triggers do on
/// SQLite. Permanent (made with the schema, by its owner); the mark is read from the session's
/// `seal_start` when they fire, so another tool's session records nothing.
// Called by the PostgreSQL schema's creation once `Store::open` makes one (issue 16); until
// then by the tests.
#[cfg_attr(not(test), allow(dead_code))]
pub(super) fn create_capture(conn: &Connection) -> Result<()> {
    let mut sql = String::new();
    for table in tables(conn)? {
        let t = ident(&table);
        let lit = format!("'{}'", table.replace('\'', "''"));
        let k = ident(row_key(conn, &table)?);
        let old = ident(&format!("seal_old_{table}"));
        let values = std::iter::once(format!("OLD.{k}"))
            .chain(
                columns(conn, &table)?
                    .iter()
                    .map(|c| format!("OLD.{}", ident(c))),
            )
            .collect::<Vec<_>>()
            .join(", ");
        let function = ident(&format!("seal_keep_{table}"));
        let trigger = ident(&format!("union_seal_{table}"));
        sql.push_str(&format!(
            "CREATE OR REPLACE FUNCTION union_admin.{function}() RETURNS trigger LANGUAGE plpgsql AS $f$
             DECLARE hi bigint;
             BEGIN
                 IF to_regclass('pg_temp.seal_start') IS NULL THEN RETURN NULL; END IF;
                 SELECT s.hi INTO hi FROM pg_temp.seal_start AS s WHERE s.tbl = {lit};
                 IF hi IS NULL THEN RETURN NULL; END IF;
                 IF TG_OP = 'UPDATE' AND NEW.{k} IS DISTINCT FROM OLD.{k} AND NEW.{k} <= hi THEN
                     INSERT INTO pg_temp.seal_touched VALUES ({lit}, NEW.{k}) ON CONFLICT DO NOTHING;
                 END IF;
                 IF OLD.{k} <= hi AND NOT EXISTS (SELECT 1 FROM pg_temp.seal_touched AS s
                         WHERE s.tbl = {lit} AND s.rid = OLD.{k}) THEN
                     INSERT INTO pg_temp.{old} VALUES ({values});
                     INSERT INTO pg_temp.seal_touched VALUES ({lit}, OLD.{k});
                 END IF;
                 RETURN NULL;
             END $f$;
             DROP TRIGGER IF EXISTS {trigger} ON {t};
             CREATE TRIGGER {trigger} AFTER UPDATE OR DELETE ON {t}
                 FOR EACH ROW EXECUTE FUNCTION union_admin.{function}();\n"
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Marks the start of a write: the largest rowid of every table, above which rows are new,
/// and TEMP triggers with that mark written in, which record the rows at or below it that the
/// write changes or removes (their first old image, and their rowid).
///
/// Rows a write adds are found by their rowid when the write is sealed: SQLite gives a new row
/// the largest rowid plus one, so a new row lies above the mark, or on a rowid this write freed
/// by a delete (recorded, so the row is summed from there). `union` never inserts a row with a
/// rowid of its own choosing. So there is no INSERT trigger: one makes SQLite keep a statement
/// journal for every multi-row insert, which cost a million-row import a quarter of its time.
pub fn begin(conn: &Connection) -> Result<()> {
    let (temp, main) = (temp(conn), main_(conn));
    let mut sql = format!("DELETE FROM {temp}seal_start;\n");
    for table in tables(conn)? {
        let t = ident(&table);
        let lit = format!("'{}'", table.replace('\'', "''"));
        let k = row_key(conn, &table)?;
        let hi: i64 = conn.query_row(
            &format!("SELECT coalesce(max({k}), 0) FROM {main}{t}"),
            [],
            |r| r.get(0),
        )?;
        sql.push_str(&format!(
            "INSERT INTO {temp}seal_start VALUES ({lit}, {hi});\n"
        ));
        if conn.is_postgres() {
            // The permanent triggers of `create_capture` read the mark from seal_start.
            continue;
        }
        let old = ident(&format!("seal_old_{table}"));
        let values = std::iter::once("OLD.rowid".to_string())
            .chain(
                columns(conn, &table)?
                    .iter()
                    .map(|c| format!("OLD.{}", ident(c))),
            )
            .collect::<Vec<_>>()
            .join(", ");
        // The mark read when the trigger fires: a checkpoint, or rows sealed as sent, move it.
        let mark = format!("(SELECT hi FROM temp.seal_start WHERE tbl = {lit})");
        let first_touch = format!(
            "OLD.rowid <= {mark} AND NOT EXISTS (SELECT 1 FROM temp.seal_touched WHERE tbl = {lit} AND rid = OLD.rowid)"
        );
        let keep_old = format!(
            "INSERT INTO {old} VALUES ({values}); INSERT INTO seal_touched VALUES ({lit}, OLD.rowid);"
        );
        let trig = |what: &str| ident(&format!("seal_{what}_{table}"));
        let (upd, moved, del) = (trig("upd"), trig("moved"), trig("del"));
        sql.push_str(&format!(
            "DROP TRIGGER IF EXISTS temp.{upd};
             DROP TRIGGER IF EXISTS temp.{moved}; DROP TRIGGER IF EXISTS temp.{del};
             CREATE TEMP TRIGGER {upd} BEFORE UPDATE ON main.{t} WHEN {first_touch}
               BEGIN {keep_old} END;
             CREATE TEMP TRIGGER {moved} AFTER UPDATE ON main.{t}
               WHEN NEW.rowid IS NOT OLD.rowid AND NEW.rowid <= {mark}
               BEGIN INSERT OR IGNORE INTO seal_touched VALUES ({lit}, NEW.rowid); END;
             CREATE TEMP TRIGGER {del} BEFORE DELETE ON main.{t} WHEN {first_touch}
               BEGIN {keep_old} END;\n"
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// A row as it was: its columns by name.
pub(super) type Image = serde_json::Map<String, serde_json::Value>;

/// What the write in progress has done to `table` so far: the first old image of every row it
/// changed or removed, as JSON objects of the table's columns, and the rowids of the rows it
/// added. For a batch's before-images (`batches::record_write`); valid only in a write no
/// `checkpoint` or [`SealAsSent`] (both an import's) has moved the marks of.
pub(super) fn captured(conn: &Connection, table: &str) -> Result<(Vec<Image>, Vec<i64>)> {
    let lit = table.replace('\'', "''");
    let (temp, main) = (temp(conn), main_(conn));
    let hi: Option<i64> = conn
        .query_row(
            &format!("SELECT hi FROM {temp}seal_start WHERE tbl = '{lit}'"),
            [],
            |r| r.get(0),
        )
        .optional()?;
    let Some(hi) = hi else {
        bail!("no write in progress on {table}");
    };
    let object = columns(conn, table)?
        .iter()
        .map(|c| format!("'{}', {}", c.replace('\'', "''"), ident(c)))
        .collect::<Vec<_>>()
        .join(", ");
    let json_object = match conn.is_postgres() {
        true => "json_build_object",
        false => "json_object",
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT {json_object}({object}) FROM {temp}{}",
        ident(&format!("seal_old_{table}"))
    ))?;
    let mut images = Vec::new();
    for text in stmt.query_map([], |r| r.get::<_, String>(0))? {
        match serde_json::from_str(&text?)? {
            serde_json::Value::Object(map) => images.push(map),
            _ => bail!("json_object gave no object"),
        }
    }
    let k = row_key(conn, table)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {k} FROM {main}{} WHERE {k} > {hi} ORDER BY {k}",
        ident(table)
    ))?;
    let added = stmt
        .query_map([], |r| r.get(0))?
        .collect::<super::db::Result<_>>()?;
    Ok((images, added))
}

/// Records that the write in progress put a row back at `rowid` of `table`, a rowid of its own
/// choosing (`union undo` restoring a deleted record): a row at or below the mark is summed
/// from its rowid, as a row the write changed; one above it is summed as any new row.
pub(super) fn inserted_at(conn: &Connection, table: &str, rowid: i64) -> Result<()> {
    let temp = temp(conn);
    conn.execute(
        &format!(
            "INSERT OR IGNORE INTO {temp}seal_touched (tbl, rid)
             SELECT CAST(?1 AS TEXT), CAST(?2 AS BIGINT)
             WHERE ?2 <= (SELECT hi FROM {temp}seal_start WHERE tbl = ?1)"
        ),
        super::db::params![table, rowid],
    )?;
    Ok(())
}

/// Sums the rows added past each table's mark so far into the write's pending sums and moves
/// the marks up: a long write (an import) calls it between batches, while the rows it has just
/// written are still in the page cache, instead of reading them all back cold at the end.
/// Only where no savepoint is open: a savepoint rolled back later must not take away rows that
/// were already summed. (Rows at or below the new mark that the write later changes or removes
/// are recorded by the triggers, as any old row.)
///
/// A named dialect difference: nothing on PostgreSQL, whose server keeps no page cache of this
/// process's to be read from while hot; reading the rows back there costs the same at the end,
/// and a checkpoint's statements only held the server's load up (six of them, 0.35 s of a
/// 100,000-row import). The payouts an import copies are sealed as sent ([`SealAsSent`]).
pub fn checkpoint(conn: &Connection, key: Option<&[u8]>) -> Result<()> {
    if conn.is_postgres() {
        return Ok(());
    }
    for (table, hi) in marks(conn)? {
        let mut added = TableSeal::EMPTY;
        let mut prints = Prints::default();
        let sql = format!(
            "{} WHERE r.{} > {hi}",
            row_select_as(conn, &table, "r")?,
            row_key(conn, &table)?
        );
        fold(conn, key, &table, &sql, &mut added, true, Some(&mut prints))?;
        if added.rows == 0 {
            continue;
        }
        add_pending(conn, &table, &added, &prints)?;
        // The mark moves up past the rows just summed (never down: ids drawn for rows
        // sealed as sent may lie above them).
        conn.execute(
            &format!(
                "UPDATE temp.seal_start SET hi = max(hi, (SELECT max(rowid) FROM main.{}))
                  WHERE tbl = ?1",
                ident(&table)
            ),
            [&table],
        )?;
    }
    Ok(())
}

/// Adds rows new to `table` (their sums `added`, their prints) to the write's pending sums and
/// the prints on file, refusing any that lands where a removed row's print still is.
fn add_pending(conn: &Connection, table: &str, added: &TableSeal, prints: &Prints) -> Result<()> {
    refuse_reused(conn, table, prints)?;
    store_prints(conn, table, prints, &[])?;
    let mut pending = pending(conn, table)?;
    pending.merge(added);
    conn.execute(
        &format!(
            "INSERT INTO {}seal_pending (tbl, rows, sum) VALUES (?1, ?2, ?3)
             ON CONFLICT (tbl) DO UPDATE SET rows = excluded.rows, sum = excluded.sum",
            temp(conn)
        ),
        super::db::params![table, pending.rows, pending.hex()],
    )?;
    Ok(())
}

/// Rows a write adds to a table through `Connection::copy_in` (COPY on PostgreSQL, INSERTs on
/// SQLite), sealed from the values it sends instead of read back after (a tenth of a
/// 100,000-row import's time went to reading them back on PostgreSQL; on SQLite, reading them
/// back at each checkpoint and moving the marks, about a twelfth of a million-row import's). The
/// sums and prints are kept here until [`SealAsSent::store`] adds them to the write's pending
/// sums and the prints on file, so that nothing needs the session between two batches' COPYs.
///
/// The rows' ids are drawn from the table's identity ahead ([`SealAsSent::reserve`]), and the
/// table's mark moves up to the last id drawn: the write's later changes to the rows sealed
/// here are recorded as to any row it found (their old images subtracted at the end), and no
/// row is summed twice. Ids drawn and not used are given back with [`SealAsSent::release`],
/// which moves the mark down to the last row sealed, so that rows written afterwards by other
/// means are summed as any new row.
///
/// A row's hash covers its values as the table holds them: a column the COPY leaves out is NULL
/// there, unless the table gives it a default, and then the rows cannot be sealed as sent
/// ([`SealAsSent::new`] says so). Values the server would store otherwise than sent (a text into
/// a number's column) would not match the table: `log --verify` would name the rows changed.
pub struct SealAsSent {
    table: String,
    /// Where the row key is among the COPY's columns.
    key_at: usize,
    /// For each of the table's columns, where it is among the COPY's.
    at: Vec<Option<usize>>,
    /// How many columns a row sent has.
    width: usize,
    added: TableSeal,
    prints: Prints,
    /// The ids drawn, first and last, not yet sealed or given back.
    reserved: Option<(i64, i64)>,
}

impl SealAsSent {
    /// For rows of `table` sent as `copy_columns`; `None` when they cannot be sealed as sent
    /// (a column left out has a default, the COPY has no row key, no write is in progress).
    pub fn new(
        conn: &Connection,
        table: &str,
        copy_columns: &[&str],
    ) -> Result<Option<SealAsSent>> {
        if !marks(conn)?.iter().any(|(t, _)| t == table) {
            return Ok(None);
        }
        // The row key as a column the rows are sent with: on SQLite the column that is the
        // rowid (an INTEGER PRIMARY KEY), which only `id` is in union's tables.
        let k = match row_key(conn, table)? {
            "rowid" if rowid_is_id(conn, table)? => "id",
            "rowid" => return Ok(None),
            k => k,
        };
        let Some(key_at) = copy_columns.iter().position(|c| *c == k) else {
            return Ok(None);
        };
        let names = columns(conn, table)?;
        let at: Vec<Option<usize>> = names
            .iter()
            .map(|n| copy_columns.iter().position(|c| c == n))
            .collect();
        let defaulted: Option<String> = match conn.is_postgres() {
            true => conn.query_row(
                "SELECT string_agg(CAST(a.attname AS TEXT), ',')
                   FROM pg_attribute AS a
                  WHERE a.attrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(?1))
                    AND a.attnum > 0 AND NOT a.attisdropped
                    AND (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '')",
                [table],
                |r| r.get(0),
            )?,
            false => conn.query_row(
                "SELECT group_concat(name, ',') FROM pragma_table_xinfo(?1, 'main')
                  WHERE dflt_value IS NOT NULL OR hidden <> 0",
                [table],
                |r| r.get(0),
            )?,
        };
        let defaulted = defaulted.unwrap_or_default();
        let left_out = |d: &str| names.iter().zip(&at).any(|(n, a)| a.is_none() && n == d);
        if defaulted.split(',').any(left_out) {
            return Ok(None);
        }
        Ok(Some(SealAsSent {
            table: table.to_string(),
            key_at,
            at,
            width: copy_columns.len(),
            added: TableSeal::EMPTY,
            prints: Prints::default(),
            reserved: None,
        }))
    }

    /// Takes `first..=last`, drawn from the table's identity, for rows to be sealed here (any
    /// ids reserved before and not used are given back first). Rows the write added since the
    /// mark by other means are read back and summed now; the mark moves to `last`.
    pub fn reserve(
        &mut self,
        conn: &Connection,
        key: Option<&[u8]>,
        first: i64,
        last: i64,
    ) -> Result<()> {
        self.release(conn)?;
        let table = self.table.as_str();
        let hi: Option<i64> = conn
            .query_row(
                &format!("SELECT hi FROM {}seal_start WHERE tbl = ?1", temp(conn)),
                [table],
                |r| r.get(0),
            )
            .optional()?;
        let Some(hi) = hi else {
            bail!("no write in progress on {table}");
        };
        if first <= hi || last < first {
            bail!("ids {first}..={last} of {table} drawn at or below its mark {hi}");
        }
        if first > hi + 1 {
            let k = row_key(conn, table)?;
            let sql = format!(
                "{} WHERE r.{k} > {hi} AND r.{k} < {first}",
                row_select_as(conn, table, "r")?
            );
            fold(
                conn,
                key,
                table,
                &sql,
                &mut self.added,
                true,
                Some(&mut self.prints),
            )?;
        }
        self.move_mark(conn, last)?;
        self.reserved = Some((first, last));
        Ok(())
    }

    /// Seals rows about to be sent (kept as given: [`CopyRows::keeping_values`]); their ids
    /// must be reserved, and rise.
    pub fn add(&mut self, key: Option<&[u8]>, rows: &super::db::CopyRows) -> Result<()> {
        let table = self.table.as_str();
        let Some(kept) = rows.kept_rows() else {
            bail!("the rows for {table} kept no values to seal");
        };
        let mut bytes = Vec::new();
        for row in kept {
            let id = match row.get(self.key_at) {
                Some(&ValueRef::Integer(id)) if row.len() == self.width => id,
                _ => bail!("a row for {table} without its id"),
            };
            match self.reserved {
                Some((first, last)) if (first..=last).contains(&id) => {
                    self.reserved = (id < last).then_some((id + 1, last));
                }
                _ => bail!("row {id} of {table} is not in the ids drawn for it"),
            }
            bytes.clear();
            bytes.extend_from_slice(table.as_bytes());
            bytes.push(0);
            for a in &self.at {
                encode_value(&mut bytes, a.map_or(ValueRef::Null, |a| row[a]));
            }
            let h = row_hash(key, &bytes);
            self.added.add(&h);
            self.prints.set(id, print_of(&h));
        }
        Ok(())
    }

    /// Gives back the ids reserved and not used: the mark moves down to just below them.
    /// Call it before anything else may take one of them from the identity (a row written by
    /// other means), and never under a savepoint: one rolled back would put the mark back
    /// over ids given back, and a row that took one would not be summed.
    pub fn release(&mut self, conn: &Connection) -> Result<()> {
        if let Some((first, _)) = self.reserved.take() {
            self.move_mark(conn, first - 1)?;
        }
        Ok(())
    }

    /// How many rows are sealed and not yet stored.
    pub fn held(&self) -> usize {
        self.added.rows.max(0) as usize
    }

    /// Adds the rows sealed so far to the write's pending sums and the prints on file,
    /// refusing any that lands where a removed row's print still is.
    pub fn store(&mut self, conn: &Connection) -> Result<()> {
        if self.added.rows > 0 {
            add_pending(conn, &self.table, &self.added, &self.prints)?;
        }
        self.added = TableSeal::EMPTY;
        self.prints = Prints::default();
        Ok(())
    }

    fn move_mark(&self, conn: &Connection, hi: i64) -> Result<()> {
        conn.execute(
            &format!("UPDATE {}seal_start SET hi = ?1 WHERE tbl = ?2", temp(conn)),
            super::db::params![hi, self.table],
        )?;
        Ok(())
    }
}

/// The marks `begin` set: each table and the largest rowid it had.
fn marks(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT tbl, hi FROM {}seal_start ORDER BY tbl",
        temp(conn)
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// What `checkpoint` (or [`SealAsSent::store`]) has summed of `table` in this write so far.
fn pending(conn: &Connection, table: &str) -> Result<TableSeal> {
    let found: Option<(i64, String)> = conn
        .query_row(
            &format!(
                "SELECT rows, sum FROM {}seal_pending WHERE tbl = ?1",
                temp(conn)
            ),
            [table],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match found {
        Some((rows, hex)) => match TableSeal::from_hex(rows, &hex) {
            Some(seal) => seal,
            None => bail!("seal_pending: {table}"),
        },
        None => TableSeal::EMPTY,
    })
}

/// Appends one row of `table` as the bytes its hash covers: the table's name, then each value
/// in column order with its type. Column 0 is the row's rowid, which the hash leaves out.
fn encode_row(out: &mut Vec<u8>, table: &str, row: &super::db::Row<'_>, n: usize) -> Result<()> {
    out.extend_from_slice(table.as_bytes());
    out.push(0);
    for i in 1..n {
        encode_value(out, row.get_ref(i)?);
    }
    Ok(())
}

/// Appends one value as a row's hash covers it (see [`encode_row`]).
fn encode_value(out: &mut Vec<u8>, value: ValueRef<'_>) {
    match value {
        ValueRef::Null => out.push(0),
        ValueRef::Integer(v) => {
            out.push(1);
            out.extend_from_slice(&v.to_le_bytes());
        }
        ValueRef::Real(v) => {
            out.push(2);
            out.extend_from_slice(&v.to_bits().to_le_bytes());
        }
        // Text and bytes hash apart: a value turned into a blob by hand reads differently.
        ValueRef::Text(v) => {
            out.push(3);
            out.extend_from_slice(&(v.len() as u64).to_le_bytes());
            out.extend_from_slice(v);
        }
        ValueRef::Blob(v) => {
            out.push(4);
            out.extend_from_slice(&(v.len() as u64).to_le_bytes());
            out.extend_from_slice(v);
        }
    }
}

fn row_hash(key: Option<&[u8]>, bytes: &[u8]) -> [u8; 32] {
    match key {
        Some(key) => super::audit::hmac(key, &[bytes]),
        None => Sha256::digest(bytes).into(),
    }
}

/// Rows encoded together and handed to the hashing thread at once.
const ROWS_PER_CHUNK: usize = 1024;

/// Sums every row `sql` returns into `seal` (`add`) or out of it; with `prints`, gathers each
/// row's print by its rowid too. `sql` returns the rowid first, then the table's columns. The
/// rows are read and encoded here while a second thread hashes them: a million new rows at
/// the end of an import are sealed in about half the time one thread takes.
fn fold(
    conn: &Connection,
    key: Option<&[u8]>,
    table: &str,
    sql: &str,
    seal: &mut TableSeal,
    add: bool,
    prints: Option<&mut Prints>,
) -> Result<()> {
    fold_with(
        conn,
        key,
        table,
        sql,
        super::db::params![],
        seal,
        add,
        prints,
    )
}

/// [`fold`] with parameters for `sql`.
#[allow(clippy::too_many_arguments)]
fn fold_with<P: super::db::Params>(
    conn: &Connection,
    key: Option<&[u8]>,
    table: &str,
    sql: &str,
    params: P,
    seal: &mut TableSeal,
    add: bool,
    prints: Option<&mut Prints>,
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let n = stmt.column_count();
    let mut rows = stmt.query(params)?;
    let gather = prints.is_some();
    /// Encoded rows, where each ends, and their rowids.
    type Chunk = (Vec<u8>, Vec<usize>, Vec<i64>);
    let (total, found) = std::thread::scope(|scope| -> Result<(TableSeal, Prints)> {
        let (to_hasher, chunks) = std::sync::mpsc::sync_channel::<Chunk>(4);
        let (give_back, recycled) = std::sync::mpsc::channel::<Chunk>();
        let hasher = scope.spawn(move || {
            let mut sum = TableSeal::EMPTY;
            let mut prints = Prints::default();
            for (bytes, ends, rowids) in chunks {
                let mut start = 0;
                for (&end, &rowid) in ends.iter().zip(&rowids) {
                    let h = row_hash(key, &bytes[start..end]);
                    sum.add(&h);
                    if gather {
                        prints.set(rowid, print_of(&h));
                    }
                    start = end;
                }
                let _ = give_back.send((bytes, ends, rowids));
            }
            (sum, prints)
        });
        let mut chunk: Chunk = (
            Vec::with_capacity(ROWS_PER_CHUNK * 128),
            Vec::new(),
            Vec::new(),
        );
        let read = (|| -> Result<()> {
            while let Some(row) = rows.next()? {
                encode_row(&mut chunk.0, table, &row, n)?;
                chunk.1.push(chunk.0.len());
                chunk.2.push(row.get(0)?);
                if chunk.1.len() == ROWS_PER_CHUNK {
                    let mut next = recycled.try_recv().unwrap_or_default();
                    next.0.clear();
                    next.1.clear();
                    next.2.clear();
                    let full = std::mem::replace(&mut chunk, next);
                    if to_hasher.send(full).is_err() {
                        break;
                    }
                }
            }
            if !chunk.1.is_empty() {
                let _ = to_hasher.send(std::mem::take(&mut chunk));
            }
            Ok(())
        })();
        drop(to_hasher);
        let summed = hasher.join().expect("the hashing thread does not panic");
        read.map(|()| summed)
    })?;
    if add {
        seal.merge(&total);
    } else {
        seal.unmerge(&total);
    }
    if let Some(prints) = prints {
        prints.merge(found);
    }
    Ok(())
}

/// Every table's sums now, without their prints (which files before version 4 lack).
pub fn sums(conn: &Connection, key: Option<&[u8]>) -> Result<Seals> {
    let mut out = Seals::new();
    for table in tables(conn)? {
        let seal = sum_table(conn, key, &table, None)?;
        out.insert(table, seal);
    }
    Ok(out)
}

/// One table's state from a scan of all its rows, gathering their prints when asked.
fn sum_table(
    conn: &Connection,
    key: Option<&[u8]>,
    table: &str,
    prints: Option<&mut Prints>,
) -> Result<TableSeal> {
    let mut seal = TableSeal::EMPTY;
    let sql = row_select_as(conn, table, "r")?;
    fold(conn, key, table, &sql, &mut seal, true, prints)?;
    Ok(seal)
}

/// How a row differs from the print `union` keeps of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowChange {
    /// The row is there, with other content than `union` wrote.
    Changed,
    /// A row `union` did not write.
    Added,
    /// A row `union` wrote is gone.
    Removed,
}

/// The rows whose prints `found` (gathered by a scan) differ from those on file for `table`,
/// by rowid in order: at most `limit` of them, and how many in all. `whole`: `found` is every
/// row of the table, so a print on file with no row found is a row removed; otherwise only
/// the rows in `found` are compared.
fn differences(
    conn: &Connection,
    table: &str,
    found: &Prints,
    whole: bool,
    limit: usize,
) -> Result<(Vec<(RowChange, i64)>, usize)> {
    // The `limit` lowest rowids.
    let mut first: std::collections::BinaryHeap<(i64, RowChange)> = Default::default();
    let mut count = 0usize;
    let mut note = |change: RowChange, rowid: i64| {
        count += 1;
        first.push((rowid, change));
        if first.len() > limit {
            first.pop();
        }
    };
    let size = BUCKET as usize * PRINT;
    let empty = vec![0u8; size];
    let mut compare = |bucket: i64, on_file: &[u8], seen: Option<&(Vec<u8>, u64)>| {
        for slot in 0..BUCKET as usize {
            let span = span(slot);
            let filed = on_file.get(span.clone()).filter(|p| *p != [0u8; PRINT]);
            let rowid = bucket * BUCKET + slot as i64;
            match seen.filter(|(_, mask)| mask & (1 << slot) != 0) {
                Some((bytes, _)) => match filed {
                    None => note(RowChange::Added, rowid),
                    Some(p) if p != &bytes[span] => note(RowChange::Changed, rowid),
                    Some(_) => {}
                },
                None if whole && filed.is_some() => note(RowChange::Removed, rowid),
                None => {}
            }
        }
    };
    if whole {
        let mut stmt = conn
            .prepare_cached("SELECT bucket, fps FROM row_seals WHERE tbl = ?1 ORDER BY bucket")?;
        let mut rows = stmt.query([table])?;
        let mut seen = found.buckets.iter().peekable();
        while let Some(r) = rows.next()? {
            let bucket: i64 = r.get(0)?;
            let bytes: Vec<u8> = r.get(1)?;
            while let Some((&b, p)) = seen.next_if(|(&b, _)| b < bucket) {
                compare(b, &empty, Some(p));
            }
            let here = seen.next_if(|(&b, _)| b == bucket).map(|(_, p)| p);
            compare(bucket, &bytes, here);
        }
        for (&b, p) in seen {
            compare(b, &empty, Some(p));
        }
    } else {
        let mut stmt =
            conn.prepare_cached("SELECT fps FROM row_seals WHERE tbl = ?1 AND bucket = ?2")?;
        for (&bucket, p) in &found.buckets {
            let bytes: Option<Vec<u8>> = stmt
                .query_row(super::db::params![table, bucket], |r| r.get(0))
                .optional()?;
            compare(bucket, bytes.as_deref().unwrap_or(&empty), Some(p));
        }
    }
    drop(compare);
    let first = first.into_sorted_vec();
    Ok((
        first.into_iter().map(|(rowid, c)| (c, rowid)).collect(),
        count,
    ))
}

/// A row as a message names it: its id, and for a row still there, what identifies it to a
/// person (a payout's voucher, a parameter's key and date …) when the table has such columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowLabel {
    pub rowid: i64,
    pub key: Option<String>,
}

impl RowLabel {
    /// The label as a message.
    pub fn said(&self) -> Said {
        match &self.key {
            Some(key) => say::RowLabelWithKey {
                rowid: &self.rowid,
                key,
            }
            .said(),
            None => say::RowLabel { rowid: &self.rowid }.said(),
        }
    }
}

/// The label of a row of `table` (see [`RowLabel`]).
pub fn row_label(
    conn: &Connection,
    table: &str,
    rowid: i64,
    change: RowChange,
) -> Result<RowLabel> {
    row_label_from(conn, table, rowid, change, &Source::Table)
}

/// Where a row's identifying columns are read from.
enum Source {
    /// The table itself, by rowid.
    Table,
    /// The old images a write in progress keeps (the named TEMP table), by `seal_rid`.
    OldImage(String),
}

fn row_label_from(
    conn: &Connection,
    table: &str,
    rowid: i64,
    change: RowChange,
    source: &Source,
) -> Result<RowLabel> {
    let key: &[&str] = match table {
        "payouts" => &["voucher"],
        "policy_params" => &["key", "valid_from"],
        "settings" => &["key"],
        "studios" | "enterprises" | "unions" | "programmes" | "campaigns" => &["name"],
        "carriers" => &["name", "type", "level"],
        "union_figures" => &["as_of"],
        "import_batches" => &["source"],
        "batch_changes" => &["table_name", "record_id"],
        _ => &[],
    };
    let (from, by) = match source {
        Source::Table => (
            format!("{}{}", main_(conn), ident(table)),
            row_key(conn, table)?,
        ),
        Source::OldImage(t) => (format!("{}{}", temp(conn), ident(t)), "seal_rid"),
    };
    let shown =
        if key.is_empty() || (change == RowChange::Removed && matches!(source, Source::Table)) {
            None
        } else {
            let known = columns(conn, table)?;
            let cols: Vec<String> = key
                .iter()
                .filter(|c| known.iter().any(|k| k == *c))
                .map(|c| format!("coalesce(CAST({} AS TEXT), '')", ident(c)))
                .collect();
            if cols.is_empty() {
                None
            } else {
                conn.query_row(
                    &format!(
                        "SELECT {} FROM {from} WHERE {by} = ?1",
                        cols.join(" || ' ' || ")
                    ),
                    [rowid],
                    |r| r.get::<_, String>(0),
                )
                .optional()?
                .filter(|t| !t.trim().is_empty())
            }
        };
    Ok(RowLabel {
        rowid,
        key: shown.map(|t| t.trim().to_owned()),
    })
}

/// What `verify` finds in one table beyond its sums: its rows compared with their prints.
pub struct PrintCheck {
    pub seal: TableSeal,
    /// The first rows whose prints differ, and how many in all.
    pub rows: Vec<(RowChange, i64)>,
    pub rows_total: usize,
}

/// Every table's state now, each row compared with its print on file: what `verify`
/// compares with the log, table by table.
pub fn scan_checked(
    conn: &Connection,
    key: Option<&[u8]>,
    limit: usize,
) -> Result<BTreeMap<String, PrintCheck>> {
    scan(conn, key, limit, true)
}

/// Each row the connection may see compared with its print on file, table by table: what an
/// office (which sees its district's rows only, PostgreSQL) can verify. A row changed or added
/// outside `union` shows; a row removed does not (its print is one of many the office cannot
/// tell from other districts' rows): the sums the city verifies show that.
pub fn scan_visible(
    conn: &Connection,
    key: Option<&[u8]>,
    limit: usize,
) -> Result<BTreeMap<String, PrintCheck>> {
    scan(conn, key, limit, false)
}

/// [`scan_checked`] (`whole`: every row is seen, so a print without a row is a row removed),
/// or [`scan_visible`].
fn scan(
    conn: &Connection,
    key: Option<&[u8]>,
    limit: usize,
    whole: bool,
) -> Result<BTreeMap<String, PrintCheck>> {
    let mut out = BTreeMap::new();
    for table in tables(conn)? {
        let mut prints = Prints::default();
        let seal = sum_table(conn, key, &table, Some(&mut prints))?;
        let (rows, rows_total) = differences(conn, &table, &prints, whole, limit)?;
        out.insert(
            table,
            PrintCheck {
                seal,
                rows,
                rows_total,
            },
        );
    }
    Ok(out)
}

/// What is in the file that `union` never makes: triggers (which could change records behind a
/// write's back, and have the write seal that as its own) and tables without rowids, as
/// (kind, name).
pub fn foreign(conn: &Connection) -> Result<Vec<(Foreign, String)>> {
    if conn.is_postgres() {
        return foreign_postgres(conn);
    }
    let mut out = Vec::new();
    // A trigger is what SQLite reads as one: its statement, whatever the `type` text says
    // (which can be edited by hand without changing what runs).
    let mut stmt = conn.prepare("SELECT type, name, sql FROM main.sqlite_master ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (kind, name, sql) = row?;
        let is_trigger = kind.is_some_and(|k| k.eq_ignore_ascii_case("trigger"))
            || sql.as_deref().is_some_and(creates_trigger);
        if is_trigger {
            out.push((Foreign::Trigger, name.unwrap_or_default()));
        }
    }
    let mut stmt = conn.prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
            AND wr AND name NOT IN ('row_seals') ORDER BY name",
    )?;
    for name in stmt.query_map([], |r| r.get::<_, String>(0))? {
        out.push((Foreign::Table, name?));
    }
    Ok(out)
}

/// [`foreign`] on PostgreSQL: the triggers on the data's tables but the seal's own (by name
/// and by the function it runs: `create_capture`'s) and offices.pg.sql's (the district filled
/// in for an office's rows, the office that made a batch), and the tables whose rows have no
/// number to seal them by (see [`tables`]).
fn foreign_postgres(conn: &Connection) -> Result<Vec<(Foreign, String)>> {
    let mut stmt = conn.prepare(
        "SELECT t.tgname::text FROM pg_trigger AS t
           JOIN pg_class AS c ON c.oid = t.tgrelid
           JOIN pg_namespace AS n ON n.oid = c.relnamespace
           JOIN pg_proc AS p ON p.oid = t.tgfoid
           JOIN pg_namespace AS pn ON pn.oid = p.pronamespace
         WHERE n.nspname = current_schema() AND NOT t.tgisinternal
           AND NOT (pn.nspname = 'union_admin'
                    AND ((t.tgname = 'union_seal_' || c.relname AND p.proname = 'seal_keep_' || c.relname)
                         OR (t.tgname = 'union_district' AND p.proname = 'fill_district'
                             AND c.relname IN ('people', 'enterprises', 'unions', 'carriers', 'studios'))
                         OR (t.tgname = 'union_claim_batch' AND p.proname = 'claim_batch'
                             AND c.relname = 'import_batches')))
         ORDER BY 1",
    )?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = names
        .map(|n| n.map(|n| (Foreign::Trigger, n)))
        .collect::<super::db::Result<Vec<_>>>()?;
    drop(stmt);
    // A rule (CREATE RULE … DO ALSO UPDATE …) rewrites a write as a trigger changes it, and
    // union never makes one: it is named and refused as a trigger is. A view's own rule is
    // `_RETURN`.
    let mut stmt = conn.prepare(
        "SELECT r.rulename::text FROM pg_rewrite AS r
           JOIN pg_class AS c ON c.oid = r.ev_class
           JOIN pg_namespace AS n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND r.rulename <> '_RETURN'
         ORDER BY 1",
    )?;
    for name in stmt.query_map([], |r| r.get::<_, String>(0))? {
        out.push((Foreign::Rule, name?));
    }
    drop(stmt);
    let keyed = tables(conn)?;
    let mut stmt = conn.prepare(
        "SELECT table_name::text FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    )?;
    for name in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let name = name?;
        if !keyed.contains(&name) && !UNSEALED.contains(&name.as_str()) {
            out.push((Foreign::TableWithoutId, name));
        }
    }
    Ok(out)
}

/// Whether the seal's records are made on this connection ([`install`]).
pub(super) fn installed(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        match conn.is_postgres() {
            true => "SELECT to_regclass('pg_temp.seal_touched') IS NOT NULL",
            false => "SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'seal_touched')",
        },
        [],
        |r| r.get(0),
    )?)
}

/// Whether a statement is a CREATE TRIGGER, read past comments, spacing and case.
pub(super) fn creates_trigger(sql: &str) -> bool {
    let mut words = Vec::new();
    let mut rest = sql;
    while words.len() < 3 && !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("--") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else {
            let end = rest
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .unwrap_or(rest.len())
                .max(1);
            words.push(rest[..end].to_ascii_uppercase());
            rest = &rest[end..];
        }
    }
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    matches!(
        w.as_slice(),
        ["CREATE", "TRIGGER", ..] | ["CREATE", "TEMP" | "TEMPORARY", "TRIGGER"]
    )
}

/// Kinds of things `union` never puts in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    Trigger,
    /// PostgreSQL's rule (CREATE RULE … DO ALSO …): it rewrites a write as a trigger changes it.
    Rule,
    /// SQLite's table without rowids.
    Table,
    /// A PostgreSQL table whose rows have no integer `id` (nor, without one, an integer `rowid`).
    TableWithoutId,
}

impl Foreign {
    /// A trigger or a rule: what could change records behind a write's back.
    pub fn acts_on_writes(self) -> bool {
        matches!(self, Foreign::Trigger | Foreign::Rule)
    }
}

/// Refuses to write while the file holds a trigger `union` did not make: it could change
/// records behind the write's back, and the write would seal that as its own.
pub fn refuse_foreign_triggers(conn: &Connection) -> Result<()> {
    match foreign(conn)?.into_iter().find(|(k, _)| k.acts_on_writes()) {
        Some((Foreign::Rule, name)) => bail!(say::ForeignRuleRefused { name: &name }.said()),
        Some((_, name)) => bail!(say::ForeignTriggerRefused { name: &name }.said()),
        None => Ok(()),
    }
}

/// Removes the triggers (and rules) `union` did not make (for `log --accept`); returns each
/// one's kind, name and SQL.
pub fn drop_foreign_triggers(conn: &Connection) -> Result<Vec<(Foreign, String, String)>> {
    if conn.is_postgres() {
        return drop_foreign_triggers_postgres(conn);
    }
    let mut dropped = Vec::new();
    for (kind, name) in foreign(conn)? {
        if kind == Foreign::Trigger {
            let sql: Option<String> = conn
                .query_row(
                    "SELECT sql FROM main.sqlite_master WHERE name = ?1",
                    [&name],
                    |r| r.get(0),
                )
                .optional()?;
            conn.execute_batch(&format!("DROP TRIGGER main.{}", ident(&name)))?;
            dropped.push((Foreign::Trigger, name, sql.unwrap_or_default()));
        }
    }
    Ok(dropped)
}

/// [`drop_foreign_triggers`] on PostgreSQL: a trigger (or a rule, see [`foreign_postgres`])
/// belongs to its table (two tables may each have one of the same name), and its SQL is what
/// the catalogue gives back. The function a trigger ran is left: without it nothing calls it.
fn drop_foreign_triggers_postgres(conn: &Connection) -> Result<Vec<(Foreign, String, String)>> {
    let mut dropped = Vec::new();
    for (kind, name) in foreign(conn)? {
        if !kind.acts_on_writes() {
            continue;
        }
        let mut stmt = conn.prepare(
            "SELECT 'TRIGGER', c.relname::text, pg_get_triggerdef(t.oid) FROM pg_trigger AS t
               JOIN pg_class AS c ON c.oid = t.tgrelid
               JOIN pg_namespace AS n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgname = ?1
             UNION ALL
             SELECT 'RULE', c.relname::text, pg_get_ruledef(r.oid) FROM pg_rewrite AS r
               JOIN pg_class AS c ON c.oid = r.ev_class
               JOIN pg_namespace AS n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND r.rulename <> '_RETURN' AND r.rulename = ?1
             ORDER BY 1, 2",
        )?;
        let on = stmt
            .query_map([&name], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<super::db::Result<Vec<_>>>()?;
        drop(stmt);
        for (kind, table, sql) in on {
            conn.execute_batch(&format!(
                "DROP {kind} {} ON {}",
                ident(&name),
                ident(&table)
            ))?;
            let kind = match kind.as_str() {
                "RULE" => Foreign::Rule,
                _ => Foreign::Trigger,
            };
            dropped.push((kind, name.clone(), sql));
        }
    }
    Ok(dropped)
}

/// SQLite's own check of the file: every index holds exactly its table's rows, pages are
/// sound. The first problem, if any (an index swapped or emptied by hand reads as rows
/// missing from it).
pub fn integrity(conn: &Connection) -> Result<Option<String>> {
    // PostgreSQL has no check of its own files in core (amcheck is an extension).
    if conn.is_postgres() {
        return Ok(None);
    }
    let mut stmt = conn.prepare("PRAGMA main.integrity_check(100)")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for row in rows {
        let row = row?;
        // Pages no longer used (left by an index rebuilt in place) lose nothing.
        let problem = row.lines().find(|l| {
            *l != "ok" && !l.starts_with("*** in database") && !l.ends_with("never used")
        });
        if let Some(p) = problem {
            return Ok(Some(p.to_string()));
        }
    }
    Ok(None)
}

/// The refusal of a write that finds a row of `table` changed outside union since its seal
/// (the row's label worded where the refusal is read).
fn tampered_before_write(table: &str, label: RowLabel) -> Said {
    let (table, label) = (table.to_string(), label.said());
    Said::new("TamperedBeforeWrite", move |lang| {
        say::TamperedBeforeWrite {
            table: &table,
            row: &label.text(lang),
        }
        .text(lang)
    })
}

/// Refuses to write while a table every write may read its rules from (the policy
/// parameters, the office's settings) holds a row changed, added or removed outside `union`:
/// the write would be judged by rules nobody set.
pub fn refuse_tampered_rules(conn: &Connection, key: Option<&[u8]>) -> Result<()> {
    for table in ["policy_params", "settings"] {
        let mut prints = Prints::default();
        sum_table(conn, key, table, Some(&mut prints))?;
        let (found, _) = differences(conn, table, &prints, true, 1)?;
        if let Some(&(change, rowid)) = found.first() {
            bail!(tampered_before_write(
                table,
                row_label(conn, table, rowid, change)?
            ));
        }
    }
    Ok(())
}

/// The first of `table`'s rows chosen by `filter` (SQL after WHERE, one parameter) whose
/// content is not what `union` wrote: for a write that reads them as they are (an undo reading
/// its before-images).
pub fn check_rows(
    conn: &Connection,
    key: Option<&[u8]>,
    table: &str,
    filter: &str,
    param: i64,
) -> Result<Option<RowLabel>> {
    let mut prints = Prints::default();
    let mut seal = TableSeal::EMPTY;
    let sql = format!("{} WHERE {filter}", row_select_as(conn, table, "r")?);
    fold_with(
        conn,
        key,
        table,
        &sql,
        [param],
        &mut seal,
        true,
        Some(&mut prints),
    )?;
    let (found, _) = differences(conn, table, &prints, false, 1)?;
    found
        .first()
        .map(|&(change, rowid)| row_label(conn, table, rowid, change))
        .transpose()
}

/// The seals as last stored (the running sums a write starts from).
fn stored(conn: &Connection) -> Result<Seals> {
    let mut stmt = conn.prepare("SELECT name, rows, sum FROM table_seals")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Seals::new();
    for row in rows {
        let (name, n, hex) = row?;
        match TableSeal::from_hex(n, &hex) {
            Some(seal) => out.insert(name, seal),
            None => bail!("table_seals: {name}"),
        };
    }
    Ok(out)
}

fn store_seals(conn: &Connection, seals: &Seals) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO table_seals (name, rows, sum) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET rows = excluded.rows, sum = excluded.sum",
    )?;
    for (name, seal) in seals {
        stmt.execute(super::db::params![name, seal.rows, seal.hex()])?;
    }
    Ok(())
}

/// The new seals of the tables this transaction touched (the running sums moved by the rows
/// it wrote and the old images of the rows it changed), stored for the next write; the
/// records of what was touched are cleared. Only the tables that changed are returned.
pub fn changes(conn: &Connection, key: Option<&[u8]>) -> Result<Seals> {
    // Tables with recorded rows, and tables that grew past their mark.
    // And whether rows lie past the mark (none when a COPY's rows were sealed as sent: a
    // scan for them took a million-row import 0.2 s).
    let mut touched: Vec<(String, i64, bool)> = Vec::new();
    let (temp, main) = (temp(conn), main_(conn));
    for table in tables(conn)? {
        let t = ident(&table);
        let lit = table.replace('\'', "''");
        let k = row_key(conn, &table)?;
        let (hi, grew, recorded): (i64, bool, bool) = conn.query_row(
            &format!(
                "SELECT coalesce((SELECT hi FROM {temp}seal_start WHERE tbl = '{lit}'), -1),
                        coalesce((SELECT max({k}) FROM {main}{t}), 0)
                          > coalesce((SELECT hi FROM {temp}seal_start WHERE tbl = '{lit}'), 0),
                        EXISTS (SELECT 1 FROM {temp}seal_touched WHERE tbl = '{lit}')
                        OR EXISTS (SELECT 1 FROM {temp}seal_pending WHERE tbl = '{lit}')"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if hi < 0 {
            // No mark: this connection never began a write on this table; sum it afresh.
            return reseal_all(conn, key);
        }
        if grew || recorded {
            touched.push((table, hi, grew));
        }
    }
    if touched.is_empty() {
        return Ok(Seals::new());
    }
    let mut seals = stored(conn)?;
    let mut changed = Seals::new();
    for (table, hi, grew) in touched {
        let mut seal = seals.get(&table).copied().unwrap_or(TableSeal::EMPTY);
        seal.merge(&pending(conn, &table)?);
        let t = ident(&table);
        let k = row_key(conn, &table)?;
        let old = ident(&format!("seal_old_{table}"));
        let lit = table.replace('\'', "''");
        let mut prints = Prints::default();
        let mut added = Prints::default();
        // The rows as this write found them must be as `union` left them: a write over a row
        // changed outside it would seal that change as its own.
        let mut before = Prints::default();
        fold(
            conn,
            key,
            &table,
            &format!("SELECT * FROM {temp}{old}"),
            &mut seal,
            false,
            Some(&mut before),
        )?;
        let (found, _) = differences(conn, &table, &before, false, 1)?;
        if let Some(&(change, rowid)) = found.first() {
            // Named as it was before this write (which may have removed it).
            let source = Source::OldImage(format!("seal_old_{table}"));
            bail!(tampered_before_write(
                &table,
                row_label_from(conn, &table, rowid, change, &source)?
            ));
        }
        fold(
            conn,
            key,
            &table,
            &format!(
                "{} JOIN {temp}seal_touched AS s ON s.tbl = '{lit}' AND s.rid = m.{k}",
                row_select_as(conn, &table, "m")?
            ),
            &mut seal,
            true,
            Some(&mut prints),
        )?;
        if grew {
            fold(
                conn,
                key,
                &table,
                &format!("{} WHERE m.{k} > {hi}", row_select_as(conn, &table, "m")?),
                &mut seal,
                true,
                Some(&mut added),
            )?;
        }
        refuse_reused(conn, &table, &added)?;
        prints.merge(added);
        // Rows the write removed: touched, and no longer there.
        let removed: Vec<i64> = conn
            .prepare(&format!(
                "SELECT s.rid FROM {temp}seal_touched AS s WHERE s.tbl = '{lit}'
                   AND NOT EXISTS (SELECT 1 FROM {main}{t} AS m WHERE m.{k} = s.rid)"
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<super::db::Result<_>>()?;
        store_prints(conn, &table, &prints, &removed)?;
        conn.execute(&format!("DELETE FROM {temp}{old}"), [])?;
        seals.insert(table.clone(), seal);
        changed.insert(table, seal);
    }
    conn.execute_batch(&format!(
        "DELETE FROM {temp}seal_touched; DELETE FROM {temp}seal_pending;"
    ))?;
    store_seals(conn, &changed)?;
    // Anything the same transaction writes after this entry is measured from here.
    begin(conn)?;
    Ok(changed)
}

/// Every table summed afresh and stored: for the creation of a database, an upgrade, or the
/// first write with a new audit key. Any records of touched rows are dropped.
pub fn reseal_all(conn: &Connection, key: Option<&[u8]>) -> Result<Seals> {
    let mut seals = Seals::new();
    // An upgrade step from a version before the prints re-seals without them; the upgrade's
    // own entry, at the end, seals with them.
    let has_prints: bool = conn.is_postgres()
        || conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM main.sqlite_master WHERE name = 'row_seals')",
            [],
            |r| r.get(0),
        )?;
    if has_prints {
        conn.execute("DELETE FROM row_seals", [])?;
    }
    for table in tables(conn)? {
        let mut prints = Prints::default();
        let seal = sum_table(conn, key, &table, has_prints.then_some(&mut prints))?;
        if has_prints {
            store_prints(conn, &table, &prints, &[])?;
        }
        seals.insert(table, seal);
    }
    conn.execute("DELETE FROM table_seals", [])?;
    store_seals(conn, &seals)?;
    if installed(conn)? {
        let temp = temp(conn);
        for table in tables(conn)? {
            conn.execute(
                &format!("DELETE FROM {temp}{}", ident(&format!("seal_old_{table}"))),
                [],
            )?;
        }
        conn.execute_batch(&format!(
            "DELETE FROM {temp}seal_touched; DELETE FROM {temp}seal_pending;"
        ))?;
        begin(conn)?;
    }
    Ok(seals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trigger_is_read_from_its_statement() {
        assert!(creates_trigger(
            "CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END"
        ));
        assert!(creates_trigger(
            "  create /* hidden */ trigger\n x AFTER INSERT ON t BEGIN END"
        ));
        assert!(creates_trigger("-- note\nCREATE TEMP TRIGGER x"));
        assert!(!creates_trigger("CREATE TABLE trigger_log (trigger TEXT)"));
        assert!(!creates_trigger("CREATE INDEX t_trigger ON t(trigger)"));
        assert!(!creates_trigger(""));
    }

    #[test]
    fn sums_add_and_subtract_modulo_2_256() {
        let mut s = TableSeal::EMPTY;
        let a = [0xff; 32];
        let mut b = [0; 32];
        b[0] = 1;
        s.add(&a);
        s.add(&b);
        assert_eq!(s.sum, [0; 32]);
        assert_eq!(s.rows, 2);
        s.subtract(&b);
        assert_eq!(s.sum, a);
        s.subtract(&a);
        assert_eq!(s, TableSeal::EMPTY);
        assert_eq!(
            TableSeal::from_hex(3, &s.hex()),
            Some(TableSeal { rows: 3, ..s })
        );
    }

    /// On PostgreSQL a table added by hand whose rows have no integer `id` (or, without an
    /// `id`, no integer `rowid`) is named as SQLite's table without rowids is, never sealed (its
    /// rows have no number to seal them by); one with an integer `id` is sealed. A trigger
    /// added by hand is named on each table it is on, and dropped from each with the SQL the
    /// catalogue gives; so is a rule (it rewrites a write as a trigger changes it), but not a
    /// view's own; the seal's own triggers stay.
    #[test]
    fn tables_and_triggers_added_by_hand_on_postgresql() {
        let Some(scratch) = crate::store::db::tests::Scratch::with_schema("foreign") else {
            return;
        };
        let pg = scratch.conn();
        create_capture(pg).unwrap();
        pg.execute_batch(
            "CREATE TABLE shadow (x INTEGER);
             CREATE TABLE named (id TEXT, rowid BIGINT);
             CREATE TABLE numbered (id BIGINT);
             CREATE TABLE counted (rowid INTEGER);
             CREATE FUNCTION evil() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
             CREATE TRIGGER evil AFTER UPDATE ON people FOR EACH ROW EXECUTE FUNCTION evil();
             CREATE TRIGGER evil AFTER DELETE ON payouts FOR EACH ROW EXECUTE FUNCTION evil();
             CREATE RULE sly AS ON UPDATE TO payouts DO ALSO UPDATE people SET name = 'x' WHERE id = 1;
             CREATE VIEW v AS SELECT 1 AS one;",
        )
        .unwrap();
        let found = foreign(pg).unwrap();
        let names = |kind: Foreign| {
            found
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(Foreign::Trigger), ["evil", "evil"]);
        assert_eq!(names(Foreign::Rule), ["sly"]);
        assert_eq!(names(Foreign::TableWithoutId), ["named", "shadow"]);
        assert!(names(Foreign::Table).is_empty());
        let sealed = tables(pg).unwrap();
        assert!(sealed.iter().any(|t| t == "numbered") && sealed.iter().any(|t| t == "counted"));
        assert!(sealed.iter().any(|t| t == "policy_params"));
        assert!(!sealed.iter().any(|t| UNSEALED.contains(&t.as_str())));
        assert_eq!(
            drop_foreign_triggers(pg).unwrap(),
            [
                (
                    Foreign::Trigger,
                    "evil".to_string(),
                    "CREATE TRIGGER evil AFTER DELETE ON public.payouts FOR EACH ROW EXECUTE FUNCTION evil()".to_string()
                ),
                (
                    Foreign::Trigger,
                    "evil".to_string(),
                    "CREATE TRIGGER evil AFTER UPDATE ON public.people FOR EACH ROW EXECUTE FUNCTION evil()".to_string()
                ),
                (
                    Foreign::Rule,
                    "sly".to_string(),
                    "CREATE RULE sly AS\n    ON UPDATE TO public.payouts DO  UPDATE people SET name = 'x'::text\n  WHERE (people.id = 1);".to_string()
                ),
            ]
        );
        assert_eq!(
            foreign(pg).unwrap(),
            [
                (Foreign::TableWithoutId, "named".to_string()),
                (Foreign::TableWithoutId, "shadow".to_string())
            ]
        );
    }

    /// The same rows give the same seals on SQLite and PostgreSQL — every table's count and
    /// sum, and each row's print, with and without an audit key — so that a database copied
    /// from one to the other verifies against the same log (issue 16). The rows hold what
    /// hashes differently if a backend read it differently: NULLs, Chinese, quotes and
    /// controls, empty text, the largest integer, a policy row keyed by the hidden rowid on
    /// SQLite and by schema.pg.sql's `rowid` column on PostgreSQL, and a print bucket past
    /// the first.
    #[test]
    fn the_same_rows_seal_alike_on_sqlite_and_postgresql() {
        let Some(scratch) = crate::store::db::tests::Scratch::with_schema("seal") else {
            return;
        };
        let pg = scratch.conn();
        let sqlite = Connection::open_in_memory().unwrap();
        sqlite.execute_batch(super::super::SCHEMA_SQL).unwrap();
        let rows: &[(&str, &[&dyn crate::store::db::ToSql])] = &[
            (
                "INSERT INTO people (id, name, id_number, gender, birth_date, mobile, work_unit, district)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                &[&1i64, &"王'芳\t\"引号\"\n", &"32010219700101001X", &"女", &"1970-01-01", &None::<String>, &"", &"梁溪区"],
            ),
            (
                "INSERT INTO people (id, name, id_number, gender, birth_date, status, retired_on)
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
                &[&200i64, &"阿卜杜拉·买买提", &"320102197001010022", &"男", &"1970-01-01", &"退休", &"2030-01-01"],
            ),
            (
                "INSERT INTO honours (id, person_id, title, kind, level, year) VALUES (?, ?, ?, ?, ?, ?)",
                &[&7i64, &200i64, &"江苏省劳动模范", &"model", &3i64, &2015i64],
            ),
            (
                "INSERT INTO payouts (id, person_id, category, amount, paid_on, voucher, period_from, period_to)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                &[&9i64, &1i64, &"honor_allowance", &i64::MAX, &"2026-05-10", &"V1", &"2026-05", &"2026-05"],
            ),
            (
                "INSERT INTO policy_params (key, valid_from, value, reference) VALUES (?, ?, ?, ?)",
                &[&"subsidy.city", &"1900-01-01", &"3000000", &None::<String>],
            ),
            (
                "INSERT INTO policy_params (key, valid_from, value, reference) VALUES (?, ?, ?, ?)",
                &[&"subsidy.city", &"2026-01-01", &"5000000", &"苏政办发〔2014〕2号"],
            ),
            ("INSERT INTO settings (key, value) VALUES (?, ?)", &[&"district", &"梁溪区"]),
        ];
        for conn in [&sqlite, pg] {
            for (sql, params) in rows {
                conn.execute(sql, *params).unwrap();
            }
        }
        for key in [None, Some(&b"audit key"[..])] {
            let on_sqlite = sums(&sqlite, key).unwrap();
            assert_eq!(sums(pg, key).unwrap(), on_sqlite);
            assert_eq!(on_sqlite["people"].rows, 2);
            assert_eq!(on_sqlite["policy_params"].rows, 2);
            for table in ["people", "policy_params", "payouts"] {
                let (mut a, mut b) = (Prints::default(), Prints::default());
                sum_table(&sqlite, key, table, Some(&mut a)).unwrap();
                sum_table(pg, key, table, Some(&mut b)).unwrap();
                assert_eq!(a.buckets, b.buckets, "{table}");
                assert!(!a.buckets.is_empty());
            }
        }
    }

    /// Payouts sealed from the values sent, with what else a write does around them: a row
    /// changed after it was sent (its old image as sent taken away), ids given back and a row
    /// written by an INSERT in their place (read back when the next ids are drawn), and a
    /// column the COPY leaves out (NULL): the write's seals and prints are a fresh sum's. A
    /// table whose left-out column has a default cannot be sealed as sent.
    #[test]
    fn payouts_sealed_as_sent_seal_as_a_fresh_sum_does() {
        let sqlite = Connection::open_in_memory().unwrap();
        sqlite.execute_batch(super::super::SCHEMA_SQL).unwrap();
        sealed_as_sent_as_a_fresh_sum(&sqlite);
        if let Some(scratch) = crate::store::db::tests::Scratch::with_schema("sent") {
            create_capture(scratch.conn()).unwrap();
            sealed_as_sent_as_a_fresh_sum(scratch.conn());
        }
    }

    fn sealed_as_sent_as_a_fresh_sum(pg: &Connection) {
        let key = Some(&b"k"[..]);
        for id in [1i64, 2] {
            pg.execute(
                "INSERT INTO people (id, name, id_number, gender, birth_date) VALUES (?, '甲', ?, '女', '1970-01-01')",
                crate::store::db::params![id, format!("32010219700101{id:04}")],
            )
            .unwrap();
        }
        reseal_all(pg, key).unwrap();
        install(pg).unwrap();
        let tx = pg
            .transaction_with_behavior(crate::store::db::TransactionBehavior::Immediate)
            .unwrap();
        begin(&tx).unwrap();
        assert!(SealAsSent::new(&tx, "people", &["id", "name"])
            .unwrap()
            .is_none());
        let columns = [
            "id",
            "person_id",
            "category",
            "amount",
            "paid_on",
            "voucher",
        ];
        let mut seal = SealAsSent::new(&tx, "payouts", &columns).unwrap().unwrap();
        let target = format!("payouts ({})", columns.join(", "));
        let send = |seal: &mut SealAsSent, ids: std::ops::Range<i64>| {
            let mut rows = tx.copy_rows(true);
            for id in ids {
                rows.int(id)
                    .int(1 + id % 2)
                    .text(Some("health_check"))
                    .int(100 * id)
                    .text(Some("2026-01-05"))
                    .text((id % 3 != 0).then(|| format!("V{id}")).as_deref())
                    .end_row();
            }
            seal.add(key, &rows).unwrap();
            tx.copy_in(&target, rows).unwrap();
        };
        seal.reserve(&tx, key, 1, 10).unwrap();
        send(&mut seal, 1..4);
        tx.execute("UPDATE payouts SET amount = 250 WHERE id = 2", [])
            .unwrap();
        seal.release(&tx).unwrap();
        tx.execute(
            "INSERT INTO payouts (id, person_id, category, amount, paid_on) VALUES (4, 2, 'health_check', 7, '2026-02-01')",
            [],
        )
        .unwrap();
        seal.reserve(&tx, key, 6, 20).unwrap();
        send(&mut seal, 6..9);
        // Ids not drawn for it are refused, not sealed.
        assert!(seal
            .add(key, &{
                let mut r = tx.copy_rows(true);
                r.int(30)
                    .int(1)
                    .text(None)
                    .int(1)
                    .text(None)
                    .text(None)
                    .end_row();
                r
            })
            .is_err());
        seal.store(&tx).unwrap();
        let changed = changes(&tx, key).unwrap();
        tx.commit().unwrap();
        let fresh = sums(pg, key).unwrap();
        assert_eq!(changed["payouts"], fresh["payouts"]);
        assert_eq!(fresh["payouts"].rows, 7);
        assert_eq!(stored(pg).unwrap(), fresh);
        let mut scanned = Prints::default();
        sum_table(pg, key, "payouts", Some(&mut scanned)).unwrap();
        let (found, count) = differences(pg, "payouts", &scanned, true, 10).unwrap();
        assert_eq!((found, count), (Vec::new(), 0));
    }

    /// A write's seals on PostgreSQL are SQLite's: the same writes after `begin` — rows added,
    /// an old row changed twice (its first image kept), one removed (its honour with it, by
    /// cascade), a change rolled back with its savepoint, policy rows keyed by rowid — give the
    /// same `changes`, the same before-images and added ids (`captured`),
    /// and running sums and prints that a fresh sum of every table agrees with, on both.
    #[test]
    fn a_write_seals_alike_on_sqlite_and_postgresql() {
        let Some(scratch) = crate::store::db::tests::Scratch::with_schema("capture") else {
            return;
        };
        let pg = scratch.conn();
        create_capture(pg).unwrap();
        let sqlite = Connection::open_in_memory().unwrap();
        sqlite.execute_batch(super::super::SCHEMA_SQL).unwrap();
        sqlite.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        let key = Some(&b"k"[..]);
        let person = "INSERT INTO people (id, name, id_number, gender, birth_date) VALUES (?, ?, ?, '女', '1970-01-01')";
        let run = |c: &Connection| {
            for (id, name) in [(1i64, "甲"), (2, "乙"), (3, "丙")] {
                c.execute(
                    person,
                    crate::store::db::params![id, name, format!("32010219700101{id:04}")],
                )
                .unwrap();
            }
            c.execute("INSERT INTO honours (id, person_id, title, kind, level) VALUES (1, 3, '市劳动模范', 'model', 2)", []).unwrap();
            c.execute("INSERT INTO policy_params (key, valid_from, value) VALUES ('a', '1900-01-01', '1')", []).unwrap();
            reseal_all(c, key).unwrap();
            install(c).unwrap();
            let tx = c
                .transaction_with_behavior(crate::store::db::TransactionBehavior::Immediate)
                .unwrap();
            begin(&tx).unwrap();
            tx.execute(
                person,
                crate::store::db::params![70i64, "丁", "320102197001010070"],
            )
            .unwrap();
            tx.execute("UPDATE people SET mobile = '13800000000' WHERE id = 1", [])
                .unwrap();
            tx.execute("UPDATE people SET name = '甲一' WHERE id = 1", [])
                .unwrap();
            tx.execute("DELETE FROM people WHERE id = 3", []).unwrap();
            tx.execute("SAVEPOINT s", []).unwrap();
            tx.execute("UPDATE people SET name = '乙二' WHERE id = 2", [])
                .unwrap();
            tx.execute("ROLLBACK TO s", []).unwrap();
            tx.execute("RELEASE s", []).unwrap();
            tx.execute("UPDATE policy_params SET value = '2' WHERE key = 'a'", [])
                .unwrap();
            tx.execute("INSERT INTO policy_params (key, valid_from, value) VALUES ('b', '2026-01-01', '3')", []).unwrap();
            let mut images: Vec<(Vec<Image>, Vec<i64>)> = Vec::new();
            for table in ["people", "honours", "policy_params"] {
                images.push(captured(&tx, table).unwrap());
            }
            let changed = changes(&tx, key).unwrap();
            tx.commit().unwrap();
            let fresh = sums(c, key).unwrap();
            assert_eq!(stored(c).unwrap(), fresh);
            let prints = |c: &Connection| -> Vec<(String, i64, Vec<u8>)> {
                c.prepare("SELECT tbl, bucket, fps FROM row_seals ORDER BY tbl, bucket")
                    .unwrap()
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .unwrap()
                    .collect::<crate::store::db::Result<Vec<(String, i64, Vec<u8>)>>>()
                    .unwrap()
                    .into_iter()
                    // A bucket whose rows are all gone is kept as zeros, or not at all.
                    .filter(|(_, _, fps)| fps.iter().any(|b| *b != 0))
                    .collect()
            };
            let kept = prints(c);
            reseal_all(c, key).unwrap();
            assert_eq!(
                prints(c),
                kept,
                "the prints a write moved are a fresh scan's"
            );
            (images, changed, fresh, kept)
        };
        let on_sqlite = run(&sqlite);
        let on_pg = run(pg);
        assert_eq!(on_pg.0, on_sqlite.0, "captured");
        assert_eq!(on_pg.1, on_sqlite.1, "changes");
        assert_eq!(on_pg.2, on_sqlite.2, "sums");
        assert_eq!(on_pg.3, on_sqlite.3, "prints");
        // What was captured: person 1's first image, person 3's, honour 1 removed with it,
        // person 70 added; policy a's first image, b added.
        let (people, added) = &on_sqlite.0[0];
        assert_eq!(people.len(), 2);
        assert_eq!(people[0]["name"], "甲");
        assert_eq!(people[0]["mobile"], serde_json::Value::Null);
        assert_eq!(added, &[70]);
        assert_eq!(on_sqlite.0[1].0.len(), 1);
        assert_eq!(on_sqlite.0[2].0[0]["value"], "1");
        assert_eq!(on_sqlite.0[2].1, [2]);
        assert_eq!(
            on_sqlite.1.keys().collect::<Vec<_>>(),
            ["honours", "people", "policy_params"]
        );
    }
}
