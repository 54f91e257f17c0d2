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

use super::db::{Connection, OptionalExtension};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;

use super::SCHEMA_SQL;
use crate::i18n::{say, Said};

/// One object of `sqlite_master` that has a statement (autoindexes have none).
struct Object {
    kind: String,
    table: String,
    sql: String,
}

fn objects(conn: &Connection) -> Result<BTreeMap<String, Object>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM main.sqlite_master
          WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
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
    Ok(rows.collect::<super::db::Result<_>>()?)
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let rows = stmt.query_map([table], |r| r.get(0))?;
    Ok(rows.collect::<super::db::Result<_>>()?)
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
    conn.pragma_update("legacy_alter_table", true)?;
    let result = rebuild(conn, &fresh, &want, &have);
    conn.pragma_update("legacy_alter_table", false)?;
    result?;
    let mut stmt = conn.prepare("SELECT DISTINCT \"table\" FROM pragma_foreign_key_check")?;
    let dangling = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<super::db::Result<Vec<_>>>()?;
    if !dangling.is_empty() {
        let tables = Said::list(dangling);
        bail!(Said::new("DbUpgradeDangling", move |lang| {
            say::DbUpgradeDangling {
                tables: &tables.text(lang),
            }
            .text(lang)
        }));
    }
    Ok(())
}

/// How the file's structure differs from what `union` makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// One of union's tables or indexes with another statement (a column renamed, a default
    /// or check changed …).
    Changed {
        kind: String,
        name: String,
        /// The statement found in the file.
        found: String,
    },
    /// One of union's tables or indexes that is not there.
    Missing { kind: String, name: String },
    /// An index or view `union` never makes (triggers and tables are named on their own).
    Extra {
        kind: String,
        name: String,
        /// The statement found in the file.
        found: String,
    },
}

/// The file's structure against `schema.sql`'s, outside an upgrade: what a person changed by
/// hand. Extra tables are left to the seals (a table added outside `union`), triggers to
/// `seal::foreign`. On PostgreSQL the database's data schema against one made from
/// `schema.pg.sql` on the same server (see [`pg_reference`]).
pub(super) fn drift(conn: &Connection) -> Result<Vec<Drift>> {
    let (want, have) = if conn.is_postgres() {
        (pg_reference(conn)?, pg_objects(conn, PgNamespace::Data)?)
    } else {
        let fresh = Connection::open_in_memory()?;
        fresh.execute_batch(SCHEMA_SQL).context("schema.sql")?;
        (objects(&fresh)?, objects(conn)?)
    };
    let mut out = Vec::new();
    for (name, w) in &want {
        match have.get(name) {
            None => out.push(Drift::Missing {
                kind: w.kind.clone(),
                name: name.clone(),
            }),
            Some(h) if h.sql != w.sql || h.kind != w.kind || h.table != w.table => {
                out.push(Drift::Changed {
                    kind: w.kind.clone(),
                    name: name.clone(),
                    found: h.sql.clone(),
                })
            }
            Some(_) => {}
        }
    }
    for (name, h) in &have {
        let own_kind = ["index", "view", "constraint"]
            .iter()
            .any(|k| h.kind.eq_ignore_ascii_case(k));
        // An index or constraint of a table union does not make is that table's, which is
        // named on its own.
        let on_ours = h.kind.eq_ignore_ascii_case("view")
            || want.get(&h.table).is_some_and(|t| t.kind == "table");
        if !want.contains_key(name) && own_kind && on_ours && !super::seal::creates_trigger(&h.sql)
        {
            out.push(Drift::Extra {
                kind: h.kind.clone(),
                name: name.clone(),
                found: h.sql.clone(),
            });
        }
    }
    Ok(out)
}

/// Where `schema.pg.sql`'s data part ends: the rest is `union_admin`'s (schema_meta, functions),
/// made once per database.
const PG_ADMIN_PART: &str = "\nCREATE SCHEMA IF NOT EXISTS union_admin;";

/// Which schema [`pg_objects`] describes.
#[derive(Clone, Copy)]
enum PgNamespace {
    /// `public`, where union keeps its tables (as `union_admin.align_ids` says).
    Data,
    /// This session's temporary schema, where [`pg_reference`] makes its copy.
    Temp,
}

/// A schema's tables (their columns in order, with type, NOT NULL, default and identity), views,
/// indexes and constraints (keyed `table.name`: PostgreSQL's names are unique per table), each
/// as the server's own catalogue functions print it, with the schema's name left out.
fn pg_objects(conn: &Connection, ns: PgNamespace) -> Result<BTreeMap<String, Object>> {
    // The catalogue's functions name a schema only where the search path would not find it:
    // the database described under one search path, whatever the login's own is (one that
    // holds union_admin printed the district's default without it).
    if let PgNamespace::Data = ns {
        let path: String =
            conn.query_row("SELECT current_setting('search_path')", [], |r| r.get(0))?;
        conn.execute_batch("SET LOCAL search_path = public")?;
        let described = pg_objects_as_set(conn, ns);
        conn.query_row(
            "SELECT set_config('search_path', ?1, true)",
            [&path],
            |_| Ok(()),
        )?;
        return described;
    }
    pg_objects_as_set(conn, ns)
}

/// [`pg_objects`] under the search path as it is.
fn pg_objects_as_set(conn: &Connection, ns: PgNamespace) -> Result<BTreeMap<String, Object>> {
    let ns = match ns {
        PgNamespace::Data => "'public'::regnamespace",
        PgNamespace::Temp => "pg_my_temp_schema()",
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT 'table', c.relname::text, c.relname::text,
                coalesce((SELECT string_agg(quote_ident(a.attname) || ' '
                                   || format_type(a.atttypid, a.atttypmod)
                                   || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                                   || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                                   || CASE a.attidentity
                                          WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY'
                                          WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY'
                                          ELSE '' END,
                                   ', ' ORDER BY a.attnum)
                            FROM pg_attribute AS a
                            LEFT JOIN pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                           WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
           FROM pg_class AS c
          WHERE c.relnamespace = {ns} AND c.relkind IN ('r', 'p')
         UNION ALL
         SELECT 'view', c.relname::text, c.relname::text, pg_get_viewdef(c.oid)
           FROM pg_class AS c
          WHERE c.relnamespace = {ns} AND c.relkind IN ('v', 'm')
         UNION ALL
         SELECT 'index', c.relname::text, t.relname::text, pg_get_indexdef(c.oid)
           FROM pg_index AS i
           JOIN pg_class AS c ON c.oid = i.indexrelid
           JOIN pg_class AS t ON t.oid = i.indrelid
          WHERE t.relnamespace = {ns}
         UNION ALL
         SELECT 'constraint', t.relname::text || '.' || k.conname::text, t.relname::text,
                pg_get_constraintdef(k.oid)
           FROM pg_constraint AS k
           JOIN pg_class AS t ON t.oid = k.conrelid
          WHERE t.relnamespace = {ns}"
    ))?;
    let rows = stmt.query_map([], |r| {
        // The schema's name, printed where the name of a table is qualified, is no part of
        // what the object is. The district an office's rows get by default is offices.pg.sql's
        // (with its row-level security, not compared here).
        let sql = r
            .get::<_, String>(3)?
            .replace(" DEFAULT union_admin.my_district()", "")
            .replace(" ON pg_temp.", " ON ")
            .replace(" ON public.", " ON ")
            .replace("REFERENCES public.", "REFERENCES ");
        Ok((
            r.get::<_, String>(1)?,
            Object {
                kind: r.get(0)?,
                table: r.get(2)?,
                sql,
            },
        ))
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// What `schema.pg.sql` makes, made by this server and described as [`pg_objects`] describes the
/// database: its data part run in this session's temporary schema and rolled back (a savepoint
/// of the caller's transaction, or a transaction of its own, which a read-only session may
/// open to write temporary tables only). Once per session: 0.1 s, about.
fn pg_reference(conn: &Connection) -> Result<BTreeMap<String, Object>> {
    let text = conn.session_memo("schema.pg.sql objects", || -> Result<Option<String>> {
        let (data, _) = super::SCHEMA_PG_SQL
            .split_once(PG_ADMIN_PART)
            .context("schema.pg.sql: the union_admin part not found")?;
        let made = |conn: &Connection| -> Result<BTreeMap<String, Object>> {
            // The session's own temporary tables (a write's seal keeps some) are not made here.
            let before = pg_objects(conn, PgNamespace::Temp)?;
            conn.execute_batch(&format!("SET LOCAL search_path = pg_temp;\n{data}"))
                .context("schema.pg.sql")?;
            let mut made = pg_objects(conn, PgNamespace::Temp)?;
            made.retain(|name, _| !before.contains_key(name));
            Ok(made)
        };
        let objects = if conn.is_autocommit() {
            let tx = conn.unchecked_transaction()?;
            tx.execute_batch("SET TRANSACTION READ WRITE")?;
            let objects = made(&tx);
            tx.rollback()?;
            objects?
        } else {
            conn.execute_batch("SAVEPOINT union_reference")?;
            let objects = made(conn);
            conn.execute_batch(
                "ROLLBACK TO SAVEPOINT union_reference; RELEASE SAVEPOINT union_reference",
            )?;
            objects?
        };
        let list: Vec<[&String; 4]> = objects
            .iter()
            .map(|(name, o)| [name, &o.kind, &o.table, &o.sql])
            .collect();
        Ok(Some(serde_json::to_string(&list)?))
    })?;
    let list: Vec<[String; 4]> = serde_json::from_str(text.as_deref().unwrap_or("[]"))?;
    Ok(list
        .into_iter()
        .map(|[name, kind, table, sql]| (name, Object { kind, table, sql }))
        .collect())
}

/// Made ready before a read-only snapshot in which [`drift`] runs (`log --verify`): there the
/// reference cannot be made any more. Nothing to do on SQLite.
pub(super) fn prepare(conn: &Connection) -> Result<()> {
    if conn.is_postgres() {
        pg_reference(conn)?;
    }
    Ok(())
}

/// `log --accept`: union's structure made again (as an upgrade does) and the extra indexes and
/// views dropped; returns what differed.
pub(super) fn restore(conn: &Connection) -> Result<Vec<Drift>> {
    let found = drift(conn)?;
    if found.is_empty() {
        return Ok(found);
    }
    if conn.is_postgres() {
        pg_restore(conn, &found)?;
        return Ok(found);
    }
    // A table made again keeps the columns both shapes have: one renamed or dropped by hand
    // would lose its values. Refused, naming them.
    let fresh = Connection::open_in_memory()?;
    fresh.execute_batch(SCHEMA_SQL).context("schema.sql")?;
    for d in &found {
        if let Drift::Changed { kind, name, .. } = d {
            if kind == "table" {
                let want = columns(&fresh, name)?;
                let have = columns(conn, name)?;
                let extra: Vec<&String> = have.iter().filter(|c| !want.contains(c)).collect();
                let missing: Vec<&String> = want.iter().filter(|c| !have.contains(c)).collect();
                if !extra.is_empty() || !missing.is_empty() {
                    let list = |v: Vec<&String>| Said::list(v.into_iter().cloned().collect());
                    let (table, added, missing) = (name.clone(), list(extra), list(missing));
                    bail!(Said::new("AcceptColumnsDiffer", move |lang| {
                        say::AcceptColumnsDiffer {
                            table: &table,
                            added: &added.text(lang),
                            missing: &missing.text(lang),
                        }
                        .text(lang)
                    }));
                }
            }
        }
    }
    for d in &found {
        if let Drift::Extra { kind, name, .. } = d {
            let what = if kind.eq_ignore_ascii_case("view") {
                "VIEW"
            } else {
                "INDEX"
            };
            conn.execute_batch(&format!("DROP {what} main.{}", quoted(name)))?;
        }
    }
    // Inside the write's transaction foreign keys cannot be turned off: checked at commit.
    conn.pragma_update("defer_foreign_keys", true)?;
    conform(conn)?;
    Ok(found)
}

/// [`restore`] on PostgreSQL: indexes, views and constraints added by hand dropped, union's made
/// again as `schema.pg.sql` makes them (constraints first: a primary key or UNIQUE makes its
/// own index). A table whose columns differ is not made again (its rows would have to be
/// moved, which the server's backup does better): refused, naming it.
fn pg_restore(conn: &Connection, found: &[Drift]) -> Result<()> {
    if let Some(table) = found.iter().find_map(|d| match d {
        Drift::Changed { kind, name, .. } | Drift::Missing { kind, name } if kind == "table" => {
            Some(name.clone())
        }
        _ => None,
    }) {
        bail!(say::AcceptTablePostgres { table: &table }.said());
    }
    let want = pg_reference(conn)?;
    let have = pg_objects(conn, PgNamespace::Data)?;
    // Dropped in an order that lets each go: views (one may read another), then constraints,
    // then indexes; an index that backs a constraint goes with it; CASCADE for what depends on
    // them (a foreign key of union's on a primary key dropped is made again below, as every
    // object of union's found missing then is).
    let mut dropped: Vec<(&String, &Object)> = found
        .iter()
        .filter_map(|d| match d {
            Drift::Changed { name, .. } | Drift::Extra { name, .. } => have.get_key_value(name),
            Drift::Missing { .. } => None,
        })
        .collect();
    dropped.sort_by_key(|(_, o)| {
        ["view", "constraint", "index"]
            .iter()
            .position(|k| *k == o.kind)
    });
    let drop_constraint = |table: &str, constraint: &str| {
        format!(
            "ALTER TABLE public.{} DROP CONSTRAINT IF EXISTS {} CASCADE",
            quoted(table),
            quoted(constraint)
        )
    };
    for (name, o) in dropped {
        let qualified = format!("public.{}", quoted(name));
        let sql = match o.kind.as_str() {
            "constraint" => drop_constraint(&o.table, constraint_name(name)),
            "view" => {
                let kind: Option<String> = conn
                    .query_row(
                        "SELECT CAST(relkind AS TEXT) FROM pg_class WHERE oid = to_regclass(?1)",
                        [&qualified],
                        |r| r.get(0),
                    )
                    .optional()?;
                match kind.as_deref() {
                    None => continue,
                    Some("m") => format!("DROP MATERIALIZED VIEW {qualified} CASCADE"),
                    Some(_) => format!("DROP VIEW {qualified} CASCADE"),
                }
            }
            _ => {
                let owner: Option<(String, String)> = conn
                    .query_row(
                        "SELECT CAST(t.relname AS TEXT), CAST(k.conname AS TEXT)
                           FROM pg_constraint AS k JOIN pg_class AS t ON t.oid = k.conrelid
                          WHERE k.conindid = to_regclass(?1)",
                        [&qualified],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                match owner {
                    Some((table, constraint)) => drop_constraint(&table, &constraint),
                    None => format!("DROP INDEX IF EXISTS {qualified} CASCADE"),
                }
            }
        };
        conn.execute_batch(&sql)?;
    }
    // Made again: primary keys, unique and check constraints before the foreign keys that need
    // them, then the indexes no constraint made.
    let foreign_key = |o: &Object| o.sql.starts_with("FOREIGN KEY");
    for (kind, fk) in [
        ("constraint", false),
        ("constraint", true),
        ("index", false),
    ] {
        let now = pg_objects(conn, PgNamespace::Data)?;
        for (name, o) in want
            .iter()
            .filter(|(_, o)| o.kind == kind && (kind == "index" || foreign_key(o) == fk))
        {
            if now.contains_key(name) {
                continue;
            }
            let sql = if kind == "constraint" {
                let constraint = constraint_name(name);
                format!(
                    "ALTER TABLE public.{} ADD CONSTRAINT {} {}",
                    quoted(&o.table),
                    quoted(constraint),
                    o.sql
                )
            } else {
                o.sql.replacen(" ON ", " ON public.", 1)
            };
            conn.execute_batch(&sql)
                .with_context(|| format!("log --accept: {kind} {name}"))?;
        }
    }
    Ok(())
}

/// A constraint's own name from its key in [`pg_objects`] (`table.name`).
fn constraint_name(key: &str) -> &str {
    key.split_once('.').map_or(key, |(_, c)| c)
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
                let mut kept: Vec<String> = columns(fresh, name)?
                    .into_iter()
                    .filter(|c| old_columns.contains(c))
                    .map(|c| quoted(&c))
                    .collect();
                // Rows keep their rowids, which the seals go by: copied with the column that
                // is the rowid (INTEGER PRIMARY KEY), else as the rowid itself.
                if rowid_unnamed(fresh, name)?
                    && conn
                        .prepare(&format!("SELECT rowid FROM {} LIMIT 0", quoted(&moved)))
                        .is_ok()
                {
                    kept.insert(0, "rowid".to_string());
                }
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

/// Whether `table` (in `conn`) has rowids that none of its columns names: a rowid table
/// without an INTEGER PRIMARY KEY (which is the rowid under another name).
fn rowid_unnamed(conn: &Connection, table: &str) -> Result<bool> {
    let (without_rowid, integer_key): (bool, bool) = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1
                         AND upper(sql) LIKE '%WITHOUT ROWID%'),
                (SELECT count(*) = 1 AND max(upper(type)) = 'INTEGER'
                   FROM pragma_table_info(?1) WHERE pk > 0)",
        [table],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(!without_rowid && !integer_key)
}

/// Whether `table` is one this step rebuilds.
fn rebuilt(want: &BTreeMap<String, Object>, have: &BTreeMap<String, Object>, table: &str) -> bool {
    match (want.get(table), have.get(table)) {
        (Some(w), Some(h)) => w.sql != h.sql,
        _ => false,
    }
}

/// The shape of the schema this binary creates: every object's statement with comments dropped
/// and blanks collapsed, one a line, sorted; `schema_is_frozen_per_version` pins its hash.
#[cfg(test)]
pub(super) fn shape_text() -> String {
    let fresh = Connection::open_in_memory().expect("memory");
    fresh.execute_batch(SCHEMA_SQL).expect("schema.sql");
    let mut lines: Vec<String> = objects(&fresh)
        .expect("objects")
        .into_values()
        .map(|o| {
            o.sql
                .lines()
                .map(|l| l.split("--").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(conn: &Connection) -> Vec<(String, String)> {
        objects(conn)
            .unwrap()
            .into_iter()
            .map(|(name, o)| (name, o.sql))
            .collect()
    }

    /// A file of another shape (a table with a column more and one less, an index no longer
    /// made, a missing table and index) ends with exactly the new schema's objects, its rows
    /// kept in the columns both shapes have.
    #[test]
    fn any_older_shape_becomes_the_new_schema_with_its_rows() {
        let fresh = Connection::open_in_memory().unwrap();
        fresh.execute_batch(SCHEMA_SQL).unwrap();
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA_SQL).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             DROP TABLE settings;
             DROP TABLE table_seals;
             CREATE TABLE table_seals (name TEXT PRIMARY KEY, rows INTEGER NOT NULL,
                 sum TEXT NOT NULL, note TEXT);
             INSERT INTO table_seals (rowid, name, rows, sum) VALUES (5, 'people', 1, 'a'),
                 (9, 'payouts', 1, 'b');
             DROP INDEX people_district;
             CREATE INDEX payouts_paid_on ON payouts(paid_on, category);
             ALTER TABLE people RENAME TO people_old;
             CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                 id_number TEXT NOT NULL, gender TEXT NOT NULL, birth_date TEXT NOT NULL,
                 status TEXT NOT NULL DEFAULT '在职', nickname TEXT);
             DROP TABLE people_old;
             INSERT INTO people (id, name, id_number, gender, birth_date, status, nickname)
                 VALUES (7, '王建国', '320102196003150013', '男', '1960-03-15', '退休', 'x');
             INSERT INTO payouts (person_id, category, amount, paid_on)
                 VALUES (7, 'honor_allowance', 100, '2025-01-01');",
        )
        .unwrap();
        assert_ne!(shape(&conn), shape(&fresh));
        conform(&conn).unwrap();
        assert_eq!(shape(&conn), shape(&fresh));
        let (name, status, mobile): (String, String, Option<String>) = conn
            .query_row(
                "SELECT name, status, mobile FROM people WHERE id = 7",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            (name.as_str(), status.as_str(), mobile),
            ("王建国", "退休", None)
        );
        // Rows keep their rowids (the seals go by them), named or not.
        let rowids: Vec<(i64, String)> = conn
            .prepare("SELECT rowid, name FROM table_seals ORDER BY rowid")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<crate::store::db::Result<_>>()
            .unwrap();
        assert_eq!(
            rowids,
            [(5, "people".to_string()), (9, "payouts".to_string())]
        );
        // The payout still refers to its recipient, in the rebuilt table.
        let paid: i64 = conn
            .query_row(
                "SELECT count(*) FROM payouts y JOIN people p ON p.id = y.person_id",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(paid, 1);
        assert!(!conn
            .query_row("PRAGMA legacy_alter_table", [], |r| r.get::<_, bool>(0))
            .unwrap());
    }

    /// The schema of a version, once released, never changes: a change to schema.sql is a new
    /// version with its migration (and the old schema frozen as tests/fixtures/schema_vN.sql).
    /// Comments and layout are free to change.
    #[test]
    fn schema_is_frozen_per_version() {
        use sha2::{Digest, Sha256};
        // Version 4 is main's (e4dc5a0, row_seals), pinned ahead of the merge.
        const FROZEN: &[(i64, &str)] = &[
            (
                3,
                "4fb305ee775ae34e7295119be14e52fc87059b8ae947af1893bd7ce6aace399d",
            ),
            (
                4,
                "f3146bd0b654dceab12926f4d15c3f412d0ce186df6930084d4585ff545eb0c9",
            ),
            // Issue 15's (base-level unions, agreements numbered, carriers).
            (
                5,
                "a6981dc7edcd2b69f573845730e3f730deb5a4721b07c81aa4067baeda42a8d5",
            ),
            // Issue 14's (honours as awarded, hardship files per family).
            (
                6,
                "98425b911ebddc001ae7fb9bc22bf2a8d3b48235d7d7b0377544c67c319f3a70",
            ),
            // Issue 15's union figures by statistics date (union_figures).
            (
                7,
                "64aeaeeeb954512e80d04d74a93c354902b24aaa3e56cfdbaa5d198815515916",
            ),
            // Issue 14's 金秋助学 per student and campaigns.
            (
                8,
                "65356b25864a8aaee54ebc10dade113c95691defe535207f3b86489fb8d4ad1f",
            ),
            // Issue 14's monthly allowances (所属期间 on payouts).
            (
                9,
                "9604b185bb74846eb0e88598b0d8e03e55a1189e0f20bbd140dcb90ee1010d88",
            ),
            // Issue 14's 金秋助学 once per student whoever is paid (payouts_student).
            (
                10,
                "bc03e41fa41d3245bf2d5def2360b238b627ffb27851884308ed53ac6a31bd94",
            ),
        ];
        let hash: String = Sha256::digest(shape_text().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let pinned = FROZEN
            .iter()
            .find(|(v, _)| *v == super::super::SCHEMA_VERSION);
        assert_eq!(
            pinned.map(|(_, h)| *h),
            Some(hash.as_str()),
            "schema.sql's statements differ from those of version {}: add a migration, raise \
             SCHEMA_VERSION, freeze the old schema as a fixture, and pin the new shape here",
            super::super::SCHEMA_VERSION
        );
    }

    /// A record pointing at a person not on file stops the upgrade.
    #[test]
    fn a_record_pointing_at_nothing_stops_it() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA_SQL).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO payouts (person_id, category, amount, paid_on)
                 VALUES (99, 'honor_allowance', 100, '2025-01-01');",
        )
        .unwrap();
        let err = conform(&conn).unwrap_err().to_string();
        assert!(err.contains("payouts"), "{err}");
    }

    /// A column: its table, position, name and whether it is NOT NULL.
    type Column = (String, i64, String, bool);

    /// Every table's columns as (table, position, name, not null), and the named indexes, of a
    /// SQLite database made from schema.sql. A primary key counts as not null (PostgreSQL makes
    /// it so; union never writes a NULL key).
    fn sqlite_columns() -> (Vec<Column>, Vec<String>) {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA_SQL).unwrap();
        let columns = conn
            .prepare(
                "SELECT m.name, p.cid, p.name, p.\"notnull\" OR p.pk > 0
                 FROM sqlite_master m, pragma_table_info(m.name) p
                 WHERE m.type = 'table' ORDER BY 1, 2",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<crate::store::db::Result<_>>()
            .unwrap();
        let indexes = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY 1")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<crate::store::db::Result<_>>()
            .unwrap();
        (columns, indexes)
    }

    /// schema.pg.sql loaded into a database of its own has schema.sql's tables, columns (name,
    /// position, not null) and named indexes, and its version: the two schemas cannot drift
    /// apart unnoticed. Its one named addition: a `rowid` column, last, in the tables whose
    /// rows SQLite keys by its hidden rowid (no INTEGER PRIMARY KEY).
    #[test]
    fn the_postgresql_schema_is_schema_sql_in_the_other_dialect() {
        let Some(scratch) = crate::store::db::tests::Scratch::new("schema") else {
            return;
        };
        let found = (|| {
            let pg = scratch.conn();
            pg.execute_batch(&format!("BEGIN; {}\nCOMMIT;", crate::store::SCHEMA_PG_SQL))?;
            let columns: Vec<(String, i64, String, bool)> = pg
                .prepare(
                    "SELECT table_name::text, ordinal_position - 1, column_name::text,
                            is_nullable = 'NO'
                     FROM information_schema.columns WHERE table_schema = 'public'
                     ORDER BY 1, 2",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<crate::store::db::Result<_>>()?;
            let indexes: Vec<String> = pg
                .prepare(
                    "SELECT i.relname::text FROM pg_index x
                     JOIN pg_class i ON i.oid = x.indexrelid
                     JOIN pg_namespace n ON n.oid = i.relnamespace
                     WHERE n.nspname = 'public'
                       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                     ORDER BY 1",
                )?
                .query_map([], |r| r.get(0))?
                .collect::<crate::store::db::Result<_>>()?;
            let meta: Vec<(String, i64)> = pg
                .prepare("SELECT key, value FROM union_admin.schema_meta ORDER BY key")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<crate::store::db::Result<_>>()?;
            Ok::<_, crate::store::db::Error>((columns, indexes, meta))
        })();
        drop(scratch);
        let (pg_columns, pg_indexes, meta) = found.unwrap();
        let (sqlite_columns, sqlite_indexes) = sqlite_columns();
        let keyed_by_rowid: Vec<&str> = ["policy_params", "settings"].into();
        let named_addition = |c: &&(String, i64, String, bool)| {
            c.2 == "rowid" && keyed_by_rowid.contains(&c.0.as_str())
        };
        // A table keyed by the hidden rowid is one without an INTEGER PRIMARY KEY.
        for table in &keyed_by_rowid {
            assert!(
                !sqlite_columns.iter().any(|c| c.0 == *table && c.2 == "id"),
                "{table} has an id"
            );
        }
        let pg_without: Vec<_> = pg_columns
            .iter()
            .filter(|c| !named_addition(c))
            .cloned()
            .collect();
        assert_eq!(pg_without, sqlite_columns);
        assert_eq!(pg_columns.iter().filter(named_addition).count(), 2);
        assert_eq!(pg_indexes, sqlite_indexes);
        assert_eq!(
            meta,
            [
                ("application_id".to_string(), super::super::APPLICATION_ID),
                ("user_version".to_string(), super::super::SCHEMA_VERSION)
            ]
        );
    }
}
