//! `union rollup`: a city's file built from several district files, each record once (people by
//! ID number, enterprises by credit code, studios and unions by name, every other record by its
//! natural key), and the conflicts between offices that a merge cannot settle listed.

use super::db::Connection;
use anyhow::Result;

use super::eligibility::day;
use crate::domain::codes::PayoutCategory;
use crate::domain::payout_rules::Window;
use crate::domain::policy::Book;
use std::path::Path;

/// A parent table and the column that finds one of its records in another file.
const PARENTS: [(&str, &str); 4] = [
    ("people", "id_number"),
    ("enterprises", "credit_code"),
    ("unions", "name"),
    ("studios", "name"),
];

/// A table copied: its name, its natural key, and its columns that refer to a parent (column,
/// parent table).
type Copied = (
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
);

/// Every table copied, parents before children.
const TABLES: &[Copied] = &[
    ("people", &["id_number"], &[]),
    ("enterprises", &["credit_code"], &[]),
    ("unions", &["name"], &[]),
    // A union's figures by statistics date: each office's dates, the first file's figures on a
    // date both give.
    (
        "union_figures",
        &["union_id", "as_of"],
        &[("union_id", "unions")],
    ),
    ("programmes", &["name"], &[]),
    (
        "studios",
        &["name"],
        &[("leader_id", "people"), ("enterprise_id", "enterprises")],
    ),
    (
        "honours",
        &["person_id", "title", "year", "awarded_by", "place"],
        &[("person_id", "people")],
    ),
    (
        "agreements",
        &["enterprise_id", "effective_from"],
        &[("enterprise_id", "enterprises")],
    ),
    (
        "studio_namings",
        &["studio_id", "level", "named_on"],
        &[("studio_id", "studios")],
    ),
    (
        "studio_results",
        &["studio_id", "year"],
        &[("studio_id", "studios")],
    ),
    (
        "studio_revocations",
        &["studio_id", "revoked_on", "case_no"],
        &[("studio_id", "studios")],
    ),
    (
        "studio_advisers",
        &["studio_id", "name"],
        &[("studio_id", "studios")],
    ),
    (
        "studio_applications",
        &["studio_id", "level", "applied_on"],
        &[("studio_id", "studios")],
    ),
    (
        "hardship_files",
        &["person_id", "opened_on"],
        &[("person_id", "people")],
    ),
    (
        "carriers",
        &["name", "type", "level"],
        &[("leader_id", "people")],
    ),
    // A campaign by its name; one overlapping another of its category in the city's file is
    // not copied (listed as a conflict).
    ("campaigns", &["name"], &[]),
    // A payout is found by its voucher; one without a voucher by the whole payment.
    (
        "payouts",
        &["voucher"],
        &[("person_id", "people"), ("studio_id", "studios")],
    ),
];

/// Columns the copy leaves to this file: its own ids and batch bookkeeping.
const OWN: [&str; 4] = ["id", "created_batch", "batch_id", "batch_row"];

/// Attaches `path` read-only as schema `src` (outside any transaction).
pub fn attach(conn: &Connection, path: &Path) -> Result<()> {
    let uri = format!(
        "file:{}?mode=ro",
        path.display()
            .to_string()
            .replace('?', "%3f")
            .replace('#', "%23")
    );
    conn.execute("ATTACH DATABASE ?1 AS src", [uri])?;
    Ok(())
}

pub fn detach(conn: &Connection) -> Result<()> {
    conn.execute_batch("DETACH DATABASE src")?;
    Ok(())
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid")?;
    let names = stmt.query_map([table], |r| r.get::<_, String>(0))?;
    Ok(names.collect::<super::db::Result<_>>()?)
}

/// Copies the attached file's records that this file does not hold yet. Returns the number of
/// records added.
pub fn copy_attached(conn: &Connection) -> Result<u64> {
    let mut added = 0u64;
    for (parent, _) in PARENTS {
        conn.execute_batch(&format!(
            "CREATE TEMP TABLE IF NOT EXISTS map_{parent} (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL);
             DELETE FROM map_{parent};"
        ))?;
    }
    for (table, key, refs) in TABLES {
        let cols: Vec<String> = columns(conn, table)?
            .into_iter()
            .filter(|c| !OWN.contains(&c.as_str()))
            .collect();
        let mapped = |c: &str| -> String {
            match refs.iter().position(|(col, _)| *col == c) {
                Some(i) => format!("m{i}.dst"),
                None => format!("s.{c}"),
            }
        };
        let joins: String = refs
            .iter()
            .enumerate()
            .map(|(i, (col, parent))| {
                format!(" LEFT JOIN temp.map_{parent} m{i} ON m{i}.src = s.{col}")
            })
            .collect();
        // A reference that finds nothing (a parent missing in the source) leaves the row out.
        let present: String = refs
            .iter()
            .enumerate()
            .map(|(i, (col, _))| format!(" AND (s.{col} IS NULL OR m{i}.dst IS NOT NULL)"))
            .collect();
        let same = if *table == "campaigns" {
            "d.name = s.name OR (d.category = s.category AND d.starts_on <= s.ends_on
                                 AND s.starts_on <= d.ends_on)"
                .to_string()
        } else if *table == "payouts" {
            "(s.voucher IS NOT NULL AND d.voucher = s.voucher)
             OR (s.voucher IS NULL AND d.voucher IS NULL AND d.person_id IS m0.dst
                 AND d.studio_id IS m1.dst AND d.category = s.category AND d.amount = s.amount
                 AND d.paid_on = s.paid_on)"
                .to_string()
        } else {
            key.iter()
                .map(|k| format!("d.{k} IS {}", mapped(k)))
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        let sql = format!(
            "INSERT INTO main.{table} ({cols}) SELECT {vals} FROM src.{table} s{joins}
             WHERE NOT EXISTS (SELECT 1 FROM main.{table} d WHERE {same}){present}",
            cols = cols.join(", "),
            vals = cols
                .iter()
                .map(|c| mapped(c))
                .collect::<Vec<_>>()
                .join(", "),
        );
        added += conn.execute(&sql, [])? as u64;
        // A record on file without a district takes the one another office gives it.
        if let ["id_number" | "credit_code" | "name"] = key {
            if cols.iter().any(|c| c == "district")
                && ["people", "enterprises", "unions", "studios"].contains(table)
            {
                let k = key[0];
                conn.execute(
                    &format!(
                        "UPDATE main.{table} SET district = (SELECT s.district FROM src.{table} s
                           WHERE s.{k} = main.{table}.{k})
                         WHERE district IS NULL AND EXISTS (SELECT 1 FROM src.{table} s
                           WHERE s.{k} = main.{table}.{k} AND s.district IS NOT NULL)"
                    ),
                    [],
                )?;
            }
        }
        // A union's own row carries the figures of its latest date, whichever office gave it.
        if *table == "union_figures" {
            conn.execute_batch(
                "UPDATE main.unions SET (workers, members, women_members, migrant_members) =
                   (SELECT f.workers, f.members, f.women_members, f.migrant_members
                      FROM main.union_figures f WHERE f.union_id = unions.id
                     ORDER BY f.as_of DESC LIMIT 1)
                 WHERE EXISTS (SELECT 1 FROM main.union_figures f WHERE f.union_id = unions.id)
                   AND (workers, members, women_members, migrant_members) IS NOT
                   (SELECT f.workers, f.members, f.women_members, f.migrant_members
                      FROM main.union_figures f WHERE f.union_id = unions.id
                     ORDER BY f.as_of DESC LIMIT 1)",
            )?;
        }
        if let Some((_, by)) = PARENTS.iter().find(|(p, _)| p == table) {
            conn.execute(
                &format!(
                    "INSERT INTO temp.map_{table} (src, dst)
                     SELECT s.id, d.id FROM src.{table} s JOIN main.{table} d ON d.{by} = s.{by}"
                ),
                [],
            )?;
        }
    }
    Ok(added)
}

/// Notes what the attached file `file` says that another office's file may contradict.
pub fn note_attached(conn: &Connection, file: &str) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS roll_people (file TEXT, id_number TEXT, name TEXT);
         CREATE TEMP TABLE IF NOT EXISTS roll_paid (file TEXT, id_number TEXT, category TEXT, paid_on TEXT);
         CREATE TEMP TABLE IF NOT EXISTS roll_open (file TEXT, id_number TEXT, opened_on TEXT, closed_on TEXT);
         CREATE TEMP TABLE IF NOT EXISTS roll_vouchers (file TEXT, voucher TEXT, id_number TEXT, payout TEXT);
         CREATE TEMP TABLE IF NOT EXISTS roll_campaigns (file TEXT, name TEXT, category TEXT, starts_on TEXT, ends_on TEXT);",
    )?;
    conn.execute(
        "INSERT INTO temp.roll_people SELECT ?1, id_number, name FROM src.people",
        [file],
    )?;
    // Every payout to a person: which ones count once per campaign or season is decided over
    // all files at the end, by the city file's parameters and campaigns then.
    conn.execute(
        "INSERT INTO temp.roll_paid SELECT ?1, p.id_number, y.category, y.paid_on
         FROM src.payouts y JOIN src.people p ON p.id = y.person_id ORDER BY y.id",
        [file],
    )?;
    conn.execute(
        "INSERT INTO temp.roll_open SELECT ?1, p.id_number, h.opened_on, h.closed_on
         FROM src.hardship_files h JOIN src.people p ON p.id = h.person_id",
        [file],
    )?;
    // A voucher names one payout: another office's different payout under it is not copied
    // (the city's file keeps the first), and is listed.
    conn.execute(
        "INSERT INTO temp.roll_vouchers
         SELECT ?1, y.voucher, p.id_number,
                p.id_number || '|' || y.category || '|' || y.amount || '|' || y.paid_on
         FROM src.payouts y JOIN src.people p ON p.id = y.person_id
         WHERE y.voucher IS NOT NULL",
        [file],
    )?;
    conn.execute(
        "INSERT INTO temp.roll_campaigns SELECT ?1, name, category, starts_on, ends_on
         FROM src.campaigns ORDER BY id",
        [file],
    )?;
    Ok(())
}

/// Payouts of one category to one person counted once (rule 3) that two offices paid in the
/// same campaign or season, by `book` (the city file's parameters and campaigns): `id_number`,
/// `category window` (the campaign's name, or the season's key), the files.
fn paid_twice(conn: &Connection, book: &Book) -> Result<Vec<(String, String, String)>> {
    let mut files: std::collections::BTreeMap<(String, String, String), Vec<String>> =
        std::collections::BTreeMap::new();
    let mut read = conn
        .prepare("SELECT file, id_number, category, paid_on FROM temp.roll_paid ORDER BY rowid")?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let code: String = r.get(2)?;
        let paid_on: String = r.get(3)?;
        let (Some(category), Some(on)) = (PayoutCategory::parse(&code), day(&paid_on)) else {
            continue;
        };
        let policy = book.on(on);
        let key = match Window::of(category, on, &policy) {
            Window::Campaign(c) => c.name.clone(),
            Window::Season(s) if policy.once_per_year().contains(&category) => s.key(),
            Window::Season(_) => continue,
        };
        let file: String = r.get(0)?;
        let seen = files.entry((r.get(1)?, key, code)).or_default();
        if !seen.contains(&file) {
            seen.push(file);
        }
    }
    Ok(files
        .into_iter()
        .filter(|(_, f)| f.len() > 1)
        .map(|((id_number, key, code), f)| (id_number, format!("{code} {key}"), f.join(",")))
        .collect())
}

/// A conflict between offices: what kind, whose ID number, what (the names, the category and
/// year, the files' dates), and in which files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub id_number: String,
    pub detail: String,
    pub files: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// One ID number under two names.
    TwoNames,
    /// A once-a-year category paid to one person by two offices in one year.
    PaidTwice,
    /// Hardship files open at once in two offices.
    TwoOpenFiles,
    /// One voucher naming different payouts in two offices (the first office's is kept).
    VoucherTwice,
    /// One campaign name defined differently by two offices, or two campaigns of a category
    /// overlapping (the first office's is kept).
    CampaignDiffers,
}

/// The conflicts noted over every file, by kind then ID number; once-a-year and campaign
/// payouts are counted by `book`, the city file's parameters and campaigns.
pub fn conflicts(conn: &Connection, book: &Book) -> Result<Vec<Conflict>> {
    let mut out = Vec::new();
    let two_names = (
        ConflictKind::TwoNames,
        "SELECT id_number, group_concat(DISTINCT name), group_concat(DISTINCT file)
         FROM (SELECT * FROM temp.roll_people ORDER BY rowid)
         GROUP BY id_number HAVING count(DISTINCT name) > 1 ORDER BY id_number",
    );
    let mut paid_twice = Some(paid_twice(conn, book)?);
    let queries = [
        two_names,
        (ConflictKind::PaidTwice, ""),
        (
            ConflictKind::TwoOpenFiles,
            "SELECT a.id_number, a.opened_on || '~' || coalesce(a.closed_on, '') || ' / '
                    || b.opened_on || '~' || coalesce(b.closed_on, ''), a.file || ',' || b.file
             FROM temp.roll_open a JOIN temp.roll_open b
               ON a.id_number = b.id_number AND a.rowid < b.rowid AND a.file <> b.file
              AND a.opened_on <= coalesce(b.closed_on, '9999-12-31')
              AND b.opened_on <= coalesce(a.closed_on, '9999-12-31')
             ORDER BY a.id_number, a.opened_on",
        ),
        (
            ConflictKind::VoucherTwice,
            "SELECT min(id_number), voucher, group_concat(DISTINCT file)
             FROM (SELECT * FROM temp.roll_vouchers ORDER BY rowid)
             GROUP BY voucher HAVING count(DISTINCT payout) > 1 ORDER BY voucher",
        ),
        (
            ConflictKind::CampaignDiffers,
            // Each later office's campaign against the first one it contradicts (the one kept).
            "SELECT '', a.name || ' ' || a.starts_on || '~' || a.ends_on
                    || ' / ' || b.name || ' ' || b.starts_on || '~' || b.ends_on,
                    a.file || ',' || b.file
             FROM temp.roll_campaigns b JOIN temp.roll_campaigns a ON a.rowid = (
                 SELECT min(c.rowid) FROM temp.roll_campaigns c
                  WHERE c.rowid < b.rowid AND c.file <> b.file
                    AND ((c.name = b.name AND (c.category, c.starts_on, c.ends_on)
                                              IS NOT (b.category, b.starts_on, b.ends_on))
                      OR (c.name <> b.name AND c.category = b.category
                          AND c.starts_on <= b.ends_on AND b.starts_on <= c.ends_on)))
             ORDER BY b.rowid",
        ),
    ];
    for (kind, sql) in queries {
        if kind == ConflictKind::PaidTwice {
            for (id_number, detail, files) in paid_twice.take().unwrap_or_default() {
                out.push(Conflict {
                    kind,
                    id_number,
                    detail,
                    files,
                });
            }
            continue;
        }
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(Conflict {
                kind,
                id_number: r.get(0)?,
                detail: r.get(1)?,
                files: r.get(2)?,
            })
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}
