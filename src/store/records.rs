//! Reads and writes of the record tables: the lookups an import needs, import batches, and the
//! lists and single records that `list` and `show` print. Rows are mapped in one place each.

use super::db::Value;
use super::db::{params, Connection, OptionalExtension, Row};
use anyhow::Result;

use crate::domain::codes::{EightHave, EightHaves, ResultCounts, ResultMetric};

/// SQL: the columns `codes` of the table aliased `t`, comma-separated: a vocabulary's columns
/// (`EightHave`, `ResultMetric`) in its order, as the readers below take them.
pub(super) fn columns_sql<'a>(t: &str, codes: impl IntoIterator<Item = &'a str>) -> String {
    codes
        .into_iter()
        .map(|c| format!("{t}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// SQL: the 八有 columns of the studios table aliased `t`.
pub(super) fn eight_sql(t: &str) -> String {
    columns_sql(t, EightHave::ALL.map(EightHave::code))
}

/// SQL: the result-count columns of the studio_results table aliased `t`.
pub(super) fn result_counts_sql(t: &str) -> String {
    columns_sql(t, ResultMetric::ALL.map(ResultMetric::code))
}

/// The 八有 of a row whose columns from `first` on are [`eight_sql`]'s.
pub(super) fn eight_at(r: &Row<'_>, first: usize) -> super::db::Result<EightHaves> {
    let mut eight = [None; 8];
    for h in EightHave::ALL {
        eight[h] = r.get(first + h as usize)?;
    }
    Ok(eight)
}

/// The result counts of a row whose columns from `first` on are [`result_counts_sql`]'s.
pub(super) fn result_counts_at(r: &Row<'_>, first: usize) -> super::db::Result<ResultCounts> {
    let mut counts = [None; 7];
    for m in ResultMetric::ALL {
        counts[m] = r.get(first + m as usize)?;
    }
    Ok(counts)
}

/// SQL: the level of studio `s` in force on the date `at` (an SQL expression) — its highest
/// naming dated up to `at` and after its latest revocation up to `at`. The ranking is built
/// from `StudioLevel`'s own order, the one copy of it.
pub(super) fn level_in_force_sql(at: &str) -> String {
    let rank = crate::domain::codes::StudioLevel::ALL
        .iter()
        .enumerate()
        .map(|(i, l)| format!("WHEN '{}' THEN {i}", l.zh()))
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "(SELECT n.level FROM studio_namings n WHERE n.studio_id = s.id AND n.named_on <= {at}
           AND n.named_on > coalesce((SELECT max(v.revoked_on) FROM studio_revocations v
                                      WHERE v.studio_id = s.id AND v.revoked_on <= {at}), '')
         ORDER BY CASE n.level {rank} END DESC NULLS LAST LIMIT 1)"
    )
}

// ---------------------------------------------------------------- lookups for imports

/// A person on file, as an import needs to know them.
#[derive(Debug, Clone)]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
    pub died_on: Option<String>,
    pub district: Option<String>,
    pub transferred_on: Option<String>,
    /// The import batch that last wrote the person, and its file's row.
    pub batch: Option<i64>,
    pub batch_row: Option<i64>,
}

impl PersonRef {
    /// The refusal of a row giving this person's ID number under another name: naming the
    /// row of the same file that gave the name, when an earlier row did (nothing of the file
    /// may be on file yet), as a name on file otherwise.
    pub(crate) fn name_mismatch(self, at: super::write::Origin) -> crate::domain::records::Refusal {
        let row = self
            .batch_row
            .filter(|_| self.batch == Some(at.batch) && !at.edit);
        crate::domain::records::Refusal::NameMismatch {
            on_file: self.name,
            row,
        }
    }
}

pub fn person_by_id_number(conn: &Connection, id_number: &str) -> Result<Option<PersonRef>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, name, died_on, district, transferred_on, batch_id, batch_row
               FROM people WHERE id_number = ?1",
        )?
        .query_row([id_number], |r| {
            Ok(PersonRef {
                id: r.get(0)?,
                name: r.get(1)?,
                died_on: r.get(2)?,
                district: r.get(3)?,
                transferred_on: r.get(4)?,
                batch: r.get(5)?,
                batch_row: r.get(6)?,
            })
        })
        .optional()?)
}

pub fn enterprise_by_code(conn: &Connection, code: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, name FROM enterprises WHERE credit_code = ?1")?
        .query_row([code], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn studio_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM studios WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// The payout (if any) that holds this voucher number.
pub fn payout_by_voucher(conn: &Connection, voucher: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM payouts WHERE voucher = ?1")?
        .query_row([voucher], |r| r.get(0))
        .optional()?)
}

// ---------------------------------------------------------------- import batches

/// Counts of one import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchCounts {
    pub read: u64,
    pub added: u64,
    pub updated: u64,
    pub deleted: u64,
    pub unchanged: u64,
    pub refused: u64,
    pub skipped: u64,
}

/// Opens a batch for an import (inside its transaction) and prepares the per-import state.
pub fn begin_batch(conn: &Connection, kind: &str, file_name: &str, sha256: &str) -> Result<i64> {
    super::upsert::begin(conn)?;
    conn.execute(
        "INSERT INTO import_batches (kind, file_name, sha256, started_at, os_user, command)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            kind,
            file_name,
            sha256,
            chrono::Local::now()
                .format("%Y-%m-%dT%H:%M:%S%:z")
                .to_string(),
            super::audit::os_user(),
            super::audit::command_line()
        ],
    )?;
    Ok(conn.last_insert_rowid()?)
}

pub fn finish_batch(conn: &Connection, batch: i64, c: &BatchCounts) -> Result<()> {
    fill_district(conn, batch)?;
    store_counts(conn, batch, c)
}

/// The setting of the office's district (`union init --district`).
pub const DISTRICT: &str = "district";
/// The setting of the office's city (`union init --city`): which city a title naming only 市
/// was awarded by.
pub const OFFICE_CITY: &str = "office.city";

/// An office setting, if set.
pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Sets (or with `None` clears) an office setting.
pub fn set_setting(conn: &Connection, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, v],
        )?,
        None => conn.execute("DELETE FROM settings WHERE key = ?1", [key])?,
    };
    Ok(())
}

/// The office's district (`union init --district`), if set.
pub fn default_district(conn: &Connection) -> Result<Option<String>> {
    setting(conn, DISTRICT)
}

/// Sets (or with `None` clears) the office's district.
pub fn set_default_district(conn: &Connection, district: Option<&str>) -> Result<()> {
    set_setting(conn, DISTRICT, district)
}

/// Gives the records batch `batch` added without a district the office's district, if one is
/// set: people (payout and hardship recipients too), studios, enterprises and unions.
fn fill_district(conn: &Connection, batch: i64) -> Result<()> {
    let Some(district) = default_district(conn)? else {
        return Ok(());
    };
    for table in ["people", "studios", "enterprises", "unions", "carriers"] {
        conn.execute(
            &format!(
                "UPDATE {table} SET district = ?1 WHERE created_batch = ?2 AND district IS NULL"
            ),
            params![district, batch],
        )?;
    }
    Ok(())
}

fn store_counts(conn: &Connection, batch: i64, c: &BatchCounts) -> Result<()> {
    conn.execute(
        "UPDATE import_batches SET rows_read = ?2, added = ?3, updated = ?4, unchanged = ?5, refused = ?6, skipped = ?7,
                deleted = ?8
         WHERE id = ?1",
        params![batch, c.read as i64, c.added as i64, c.updated as i64, c.unchanged as i64, c.refused as i64, c.skipped as i64,
            c.deleted as i64],
    )?;
    Ok(())
}

/// How many honours batch `batch` wrote without a year (they count as new in no year).
/// The largest payout id on file (0 for none): payouts added later have larger ones.
pub fn last_payout_id(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(id), 0) FROM payouts", [], |r| r.get(0))?)
}

/// The row of its batch's file a payout was last written from.
pub fn payout_file_row(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT batch_row FROM payouts WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .flatten())
}

pub fn yearless_honours(conn: &Connection, batch: i64) -> Result<u64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM honours WHERE batch_id = ?1 AND year IS NULL",
        [batch],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

/// Opens the batch of a write command other than an import (`edit`, `delete`, `payout add`,
/// `studio name` …), named by `kind` (its action in the log). Close it with [`finish_write`].
pub fn begin_write(conn: &Connection, kind: &str) -> Result<i64> {
    begin_batch(conn, kind, "", "")
}

/// Closes a write command's batch after its last change: stores the before-images of
/// everything it added, changed or deleted, and counts them. Returns the counts.
pub fn finish_write(conn: &Connection, batch: i64, read: u64) -> Result<BatchCounts> {
    fill_district(conn, batch)?;
    let (added, updated, deleted) = super::batches::record_write(conn, batch)?;
    let counts = BatchCounts {
        read,
        added,
        updated,
        deleted,
        unchanged: if added + updated + deleted == 0 {
            read
        } else {
            0
        },
        ..BatchCounts::default()
    };
    store_counts(conn, batch, &counts)?;
    Ok(counts)
}

// ---------------------------------------------------------------- people

/// A person as lists print them.
#[derive(Debug, Clone)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub id_number: String,
    pub gender: String,
    pub birth_date: String,
    pub mobile: Option<String>,
    pub work_unit: Option<String>,
    pub district: Option<String>,
    pub status: String,
    pub retired_on: Option<String>,
    pub died_on: Option<String>,
    pub transferred_on: Option<String>,
    /// The highest model title, else the highest medal (not revoked).
    pub top_title: Option<String>,
    /// Its awarding place and level, when on file.
    pub top_place: Option<String>,
    pub top_title_level: Option<i64>,
    pub top_level: Option<i64>,
}

/// SQL true when the text `haystack` contains the text of parameter `needle` (which is not
/// NULL), as `instr(haystack, needle) > 0` is on SQLite, in a form PostgreSQL (which has no
/// `instr`) runs alike: an empty needle is found in any text, a NULL haystack contains nothing.
fn contains_sql(haystack: &str, needle: &str) -> String {
    format!(
        "(replace({haystack}, {needle}, '') <> {haystack} OR ({needle} = '' AND {haystack} IS NOT NULL))"
    )
}

const PERSON_SELECT: &str =
    "SELECT p.id, p.name, p.id_number, p.gender, p.birth_date, p.mobile, p.work_unit, p.district,
        p.status, p.retired_on, p.died_on,
        (SELECT h.title || '\u{1f}' || h.level || '\u{1f}' || coalesce(h.place, '')
           FROM honours h WHERE h.person_id = p.id AND h.revoked_on IS NULL
            AND (h.kind = 'model' OR h.kind = 'medal')
          ORDER BY h.kind = 'model' DESC, h.level DESC NULLS LAST, h.year NULLS FIRST LIMIT 1),
        (SELECT max(h.level) FROM honours h WHERE h.person_id = p.id AND h.kind = 'model'
            AND h.revoked_on IS NULL),
        p.transferred_on
     FROM people p";

fn person_row(r: &Row<'_>) -> super::db::Result<PersonRow> {
    // The top honour's title, level and place in one column, separated by U+001F (which no
    // title or place holds): one lookup per person instead of three.
    let top: Option<String> = r.get(11)?;
    let mut parts = top.as_deref().unwrap_or("").split('\u{1f}');
    let top_title = parts.next().filter(|t| !t.is_empty()).map(str::to_string);
    let top_title_level = parts.next().and_then(|l| l.parse().ok());
    let top_place = parts.next().filter(|t| !t.is_empty()).map(str::to_string);
    Ok(PersonRow {
        top_title,
        top_place,
        top_title_level,
        id: r.get(0)?,
        name: r.get(1)?,
        id_number: r.get(2)?,
        gender: r.get(3)?,
        birth_date: r.get(4)?,
        mobile: r.get(5)?,
        work_unit: r.get(6)?,
        district: r.get(7)?,
        status: r.get(8)?,
        retired_on: r.get(9)?,
        died_on: r.get(10)?,
        top_level: r.get(12)?,
        transferred_on: r.get(13)?,
    })
}

/// Filters of `people list`; `None` means any.
#[derive(Debug, Default)]
pub struct PeopleQuery {
    /// Highest model-title level (1..=4).
    pub level: Option<i64>,
    pub status: Option<String>,
    pub district: Option<String>,
    pub name: Option<String>,
    pub models_only: bool,
}

pub fn list_people(conn: &Connection, q: &PeopleQuery) -> Result<Vec<PersonRow>> {
    collect(|f| each_person(conn, q, f))
}

/// Calls `f` with each person `q` selects, in list order, without holding them all in memory.
pub fn each_person(
    conn: &Connection,
    q: &PeopleQuery,
    f: impl FnMut(PersonRow) -> Result<()>,
) -> Result<()> {
    each_person_up_to(conn, q, None, f)
}

/// [`each_person`] for the first `n` people only: their top honours are looked up, no one
/// else's (a screen's list of a city's people).
pub fn first_people(
    conn: &Connection,
    q: &PeopleQuery,
    n: usize,
    f: impl FnMut(PersonRow) -> Result<()>,
) -> Result<()> {
    each_person_up_to(conn, q, Some(n), f)
}

/// How many people `q` selects.
pub fn count_people(conn: &Connection, q: &PeopleQuery) -> Result<usize> {
    let sql = format!("SELECT count(*) FROM people p WHERE {}", people_filter());
    let n: i64 = conn.query_row(
        &sql,
        params![q.status, q.district, q.name, q.level, q.models_only],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

/// The people a [`PeopleQuery`] selects, of a table or query `p`: its fields status, district,
/// name, level and models-only are parameters ?1 to ?5.
fn people_filter() -> String {
    format!(
        "(CAST(?1 AS TEXT) IS NULL OR p.status = ?1) AND (CAST(?2 AS TEXT) IS NULL OR p.district = ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR {contains})
           AND (CAST(?4 AS BIGINT) IS NULL OR (SELECT max(level) FROM honours h WHERE h.person_id = p.id AND h.kind = 'model'
                                 AND h.revoked_on IS NULL) = ?4)
           AND (?5 = 0 OR EXISTS (SELECT 1 FROM honours h WHERE h.person_id = p.id AND h.kind = 'model'
                                 AND h.revoked_on IS NULL))",
        contains = contains_sql("p.name", "?3"),
    )
}

/// The order of `people list`.
const PEOPLE_ORDER: &str = "p.district NULLS FIRST, p.name, p.id";

fn each_person_up_to(
    conn: &Connection,
    q: &PeopleQuery,
    first: Option<usize>,
    f: impl FnMut(PersonRow) -> Result<()>,
) -> Result<()> {
    let filter = people_filter();
    let sql = match first {
        None => format!("SELECT * FROM ({PERSON_SELECT}) p WHERE {filter} ORDER BY {PEOPLE_ORDER}"),
        Some(n) => format!(
            "SELECT * FROM ({PERSON_SELECT}) p
              WHERE p.id IN (SELECT p.id FROM people p WHERE {filter} ORDER BY {PEOPLE_ORDER} LIMIT {n})
              ORDER BY {PEOPLE_ORDER}"
        ),
    };
    each_row(
        conn,
        &sql,
        params![q.status, q.district, q.name, q.level, q.models_only],
        person_row,
        f,
    )
}

/// The rows a `each_…` function hands out, collected (a list small enough to hold).
fn collect<T>(each: impl FnOnce(&mut dyn FnMut(T) -> Result<()>) -> Result<()>) -> Result<Vec<T>> {
    let mut out = Vec::new();
    each(&mut |row| {
        out.push(row);
        Ok(())
    })?;
    Ok(out)
}

/// Runs `sql` and calls `f` with each row as `map` reads it, one at a time.
fn each_row<T>(
    conn: &Connection,
    sql: &str,
    params: impl super::db::Params,
    map: fn(&Row<'_>) -> super::db::Result<T>,
    mut f: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        f(map(&r)?)?;
    }
    Ok(())
}

/// People whose ID number is `key`, or whose name is `key`.
pub fn find_people(conn: &Connection, key: &str) -> Result<Vec<PersonRow>> {
    let sql = format!("{PERSON_SELECT} WHERE p.id_number = ?1 OR p.name = ?1 ORDER BY p.id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([key], person_row)?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// An honour as `show` prints it.
#[derive(Debug, Clone)]
pub struct HonourRow {
    /// The record number `union edit honours` and `union delete honours` take.
    pub id: i64,
    pub title: String,
    pub kind: String,
    /// None when the title does not say (an open title such as 技术能手).
    pub level: Option<i64>,
    pub year: Option<i64>,
    pub awarded_by: Option<String>,
    /// The awarding place, as the title named it.
    pub place: Option<String>,
    /// 取消称号: the day it stopped counting, and why.
    pub revoked_on: Option<String>,
    pub revoked_reason: Option<String>,
}

/// The columns [`honour_row`] reads, from `h`.
pub(crate) const HONOUR_ROW_SQL: &str =
    "h.title, h.kind, h.level, h.year, h.awarded_by, h.id, h.place, h.revoked_on, h.revoked_reason";

/// An honour from the columns of [`HONOUR_ROW_SQL`] from `i` on.
pub(crate) fn honour_row(r: &Row<'_>, i: usize) -> super::db::Result<HonourRow> {
    Ok(HonourRow {
        title: r.get(i)?,
        kind: r.get(i + 1)?,
        level: r.get(i + 2)?,
        year: r.get(i + 3)?,
        awarded_by: r.get(i + 4)?,
        id: r.get(i + 5)?,
        place: r.get(i + 6)?,
        revoked_on: r.get(i + 7)?,
        revoked_reason: r.get(i + 8)?,
    })
}

/// The order honours are listed in: model titles, then medals, then the others; the highest
/// level first.
pub(crate) const HONOUR_ORDER_SQL: &str =
    "h.kind = 'model' DESC, h.kind = 'medal' DESC, h.level IS NULL, h.level DESC NULLS LAST,
     h.year NULLS FIRST, h.id";

/// The honour numbered `id`, with its holder's name.
pub fn honour_by_id(conn: &Connection, id: i64) -> Result<Option<(HonourRow, String)>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {HONOUR_ROW_SQL}, p.name FROM honours h JOIN people p ON p.id = h.person_id
                  WHERE h.id = ?1"
            ),
            [id],
            |r| Ok((honour_row(r, 0)?, r.get(9)?)),
        )
        .optional()?)
}

/// Revokes the honour numbered `id` (取消称号) from `date`, for `reason`, in batch `batch`
/// (its before-image kept, so that `union undo` takes it back).
pub fn revoke_honour(
    conn: &Connection,
    batch: i64,
    id: i64,
    date: &str,
    reason: &str,
) -> Result<()> {
    let written = super::upsert::upsert(
        conn,
        super::write::Origin {
            batch,
            row: 0,
            edit: true,
        },
        &super::upsert::Upsert {
            table: "honours",
            key: &[("id", Value::Integer(id))],
            values: &[
                ("revoked_on", Some(Value::Text(date.to_string()))),
                ("revoked_reason", Some(Value::Text(reason.to_string()))),
            ],
        },
    )?;
    debug_assert!(matches!(written, super::UpsertOutcome::Updated(_)));
    Ok(())
}

pub fn honours_of(conn: &Connection, person: i64) -> Result<Vec<HonourRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {HONOUR_ROW_SQL} FROM honours h WHERE h.person_id = ?1 ORDER BY {HONOUR_ORDER_SQL}"
    ))?;
    let rows = stmt.query_map([person], |r| honour_row(r, 0))?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

// ---------------------------------------------------------------- payouts

/// A payout as lists print it.
#[derive(Debug, Clone)]
pub struct PayoutRow {
    pub id: i64,
    /// The person's or the studio's name.
    pub recipient: String,
    pub id_number: Option<String>,
    pub district: Option<String>,
    pub category: String,
    pub amount: i64,
    pub paid_on: String,
    pub voucher: Option<String>,
    pub note: Option<String>,
    /// 金秋助学: the student's name and ID number, the school stage.
    pub student_name: Option<String>,
    pub student_id_number: Option<String>,
    pub school_stage: Option<String>,
    /// 所属期间 as the import writes it (`2026-01~2026-06`); none: the month paid.
    pub period: Option<String>,
}

impl PayoutRow {
    /// Whether the payout names a student or a school stage (金秋助学).
    pub fn names_a_student(&self) -> bool {
        self.student_name.is_some()
            || self.student_id_number.is_some()
            || self.school_stage.is_some()
    }
}

const PAYOUT_SELECT: &str = "SELECT y.id, coalesce(p.name, s.name), p.id_number, coalesce(p.district, s.district),
        y.category, y.amount, y.paid_on, y.voucher, y.note, y.student_name, y.student_id_number,
        y.school_stage, y.period_from, y.period_to
     FROM payouts y LEFT JOIN people p ON p.id = y.person_id LEFT JOIN studios s ON s.id = y.studio_id";

fn payout_row(r: &Row<'_>) -> super::db::Result<PayoutRow> {
    Ok(PayoutRow {
        id: r.get(0)?,
        recipient: r.get(1)?,
        id_number: r.get(2)?,
        district: r.get(3)?,
        category: r.get(4)?,
        amount: r.get(5)?,
        paid_on: r.get(6)?,
        voucher: r.get(7)?,
        note: r.get(8)?,
        student_name: r.get(9)?,
        student_id_number: r.get(10)?,
        school_stage: r.get(11)?,
        period: match r.get_ref(12)?.as_str_or_null()? {
            Some(from) => {
                super::eligibility::months_of(from, Some(from), r.get_ref(13)?.as_str_or_null()?)
                    .map(|(_, months)| months.code())
            }
            None => None,
        },
    })
}

#[derive(Debug, Default)]
pub struct PayoutQuery {
    pub year: Option<i32>,
    pub category: Option<String>,
    pub district: Option<String>,
    pub name: Option<String>,
    pub person: Option<i64>,
}

pub fn list_payouts(conn: &Connection, q: &PayoutQuery) -> Result<Vec<PayoutRow>> {
    collect(|f| each_payout(conn, q, f))
}

/// Calls `f` with each payout `q` selects, in list order, without holding them all in memory
/// (an export of millions of rows).
pub fn each_payout(
    conn: &Connection,
    q: &PayoutQuery,
    f: impl FnMut(PayoutRow) -> Result<()>,
) -> Result<()> {
    let (from, to) = match q.year {
        Some(y) => (Some(format!("{y:04}-01-01")), Some(format!("{y:04}-12-31"))),
        None => (None, None),
    };
    let sql = format!(
        "{PAYOUT_SELECT}
         WHERE (CAST(?1 AS TEXT) IS NULL OR y.paid_on >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR y.paid_on <= ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR y.category = ?3) AND (CAST(?4 AS TEXT) IS NULL OR coalesce(p.district, s.district) = ?4)
           AND (CAST(?5 AS TEXT) IS NULL OR {contains}) AND (CAST(?6 AS BIGINT) IS NULL OR y.person_id = ?6)
         ORDER BY y.paid_on, y.id",
        contains = contains_sql("coalesce(p.name, s.name)", "?5"),
    );
    each_row(
        conn,
        &sql,
        params![from, to, q.category, q.district, q.name, q.person],
        payout_row,
        f,
    )
}

/// The payout with this voucher number, or with this id.
/// A voucher number wins over an id that looks the same. Two indexed lookups, never a scan:
/// `show` must answer at once on millions of payouts.
pub fn find_payout(conn: &Connection, key: &str) -> Result<Option<PayoutRow>> {
    let by_voucher = format!("{PAYOUT_SELECT} WHERE y.voucher = ?1");
    if let Some(found) = conn.query_row(&by_voucher, [key], payout_row).optional()? {
        return Ok(Some(found));
    }
    let Ok(id) = key.parse::<i64>() else {
        return Ok(None);
    };
    let by_id = format!("{PAYOUT_SELECT} WHERE y.id = ?1");
    Ok(conn.query_row(&by_id, [id], payout_row).optional()?)
}

// ---------------------------------------------------------------- hardship files

/// An open hardship file other than the one opened on `opened_on` by `person`: of the person
/// (`household` none), or of another person with that 户号. Its holder's name and opening day.
pub fn open_hardship_file(
    conn: &Connection,
    person: i64,
    household: Option<&str>,
    opened_on: &str,
) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.name, h.opened_on FROM hardship_files h JOIN people p ON p.id = h.person_id
              WHERE h.closed_on IS NULL
                AND CASE WHEN CAST(?2 AS TEXT) IS NULL THEN h.person_id = ?1 AND h.opened_on <> ?3
                         ELSE h.household = ?2 AND h.person_id <> ?1 END
              ORDER BY h.opened_on LIMIT 1",
        )?
        .query_row(params![person, household, opened_on], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

#[derive(Debug, Clone)]
pub struct HardshipRow {
    pub id: i64,
    pub name: String,
    pub id_number: String,
    pub district: Option<String>,
    pub kind: String,
    pub opened_on: String,
    pub closed_on: Option<String>,
    pub cause: Option<String>,
    pub household: Option<String>,
    pub exit_reason: Option<String>,
    pub reviewed_on: Option<String>,
}

const HARDSHIP_SELECT: &str =
    "SELECT h.id, p.name, p.id_number, p.district, h.type, h.opened_on, h.closed_on, h.cause,
        h.household, h.exit_reason, h.reviewed_on
     FROM hardship_files h JOIN people p ON p.id = h.person_id";

fn hardship_row(r: &Row<'_>) -> super::db::Result<HardshipRow> {
    Ok(HardshipRow {
        id: r.get(0)?,
        name: r.get(1)?,
        id_number: r.get(2)?,
        district: r.get(3)?,
        kind: r.get(4)?,
        opened_on: r.get(5)?,
        closed_on: r.get(6)?,
        cause: r.get(7)?,
        household: r.get(8)?,
        exit_reason: r.get(9)?,
        reviewed_on: r.get(10)?,
    })
}

#[derive(Debug, Default)]
pub struct HardshipQuery {
    pub kind: Option<String>,
    pub open_only: bool,
    pub district: Option<String>,
    pub name: Option<String>,
    pub person: Option<i64>,
}

pub fn list_hardship(conn: &Connection, q: &HardshipQuery) -> Result<Vec<HardshipRow>> {
    collect(|f| each_hardship(conn, q, f))
}

/// Calls `f` with each hardship file `q` selects, in list order, one at a time.
pub fn each_hardship(
    conn: &Connection,
    q: &HardshipQuery,
    f: impl FnMut(HardshipRow) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "{HARDSHIP_SELECT}
         WHERE (CAST(?1 AS TEXT) IS NULL OR h.type = ?1) AND (?2 = 0 OR h.closed_on IS NULL)
           AND (CAST(?3 AS TEXT) IS NULL OR p.district = ?3) AND (CAST(?4 AS TEXT) IS NULL OR {contains})
           AND (CAST(?5 AS BIGINT) IS NULL OR h.person_id = ?5)
         ORDER BY h.opened_on, h.id",
        contains = contains_sql("p.name", "?4"),
    );
    each_row(
        conn,
        &sql,
        params![q.kind, q.open_only, q.district, q.name, q.person],
        hardship_row,
        f,
    )
}

/// Hardship files of the person with this ID number, or the file with this id.
pub fn find_hardship(conn: &Connection, key: &str) -> Result<Vec<HardshipRow>> {
    let sql = format!(
        "{HARDSHIP_SELECT} WHERE p.id_number = ?1 OR CAST(h.id AS TEXT) = ?1 ORDER BY h.opened_on"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([key], hardship_row)?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

// ---------------------------------------------------------------- enterprises and agreements

#[derive(Debug, Clone)]
pub struct EnterpriseRow {
    pub id: i64,
    pub name: String,
    pub credit_code: String,
    pub district: Option<String>,
    pub industry: Option<String>,
    pub ownership: Option<String>,
    pub employees: Option<i64>,
    pub has_union: Option<bool>,
    pub members: Option<i64>,
    pub fortune500: Option<bool>,
    pub women_contract: Option<bool>,
    pub employee_directors: Option<bool>,
    pub open_affairs: Option<bool>,
}

const ENTERPRISE_SELECT: &str =
    "SELECT id, name, credit_code, district, industry, ownership, employees, has_union,
        members, fortune500, women_contract, employee_directors, open_affairs FROM enterprises";

fn enterprise_row(r: &Row<'_>) -> super::db::Result<EnterpriseRow> {
    Ok(EnterpriseRow {
        id: r.get(0)?,
        name: r.get(1)?,
        credit_code: r.get(2)?,
        district: r.get(3)?,
        industry: r.get(4)?,
        ownership: r.get(5)?,
        employees: r.get(6)?,
        has_union: r.get(7)?,
        members: r.get(8)?,
        fortune500: r.get(9)?,
        women_contract: r.get(10)?,
        employee_directors: r.get(11)?,
        open_affairs: r.get(12)?,
    })
}

#[derive(Debug, Default)]
pub struct EnterpriseQuery {
    pub district: Option<String>,
    pub has_union: Option<bool>,
    pub name: Option<String>,
}

pub fn list_enterprises(conn: &Connection, q: &EnterpriseQuery) -> Result<Vec<EnterpriseRow>> {
    let sql = format!(
        "{ENTERPRISE_SELECT} WHERE (CAST(?1 AS TEXT) IS NULL OR district = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR has_union = ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR {contains})
         ORDER BY district NULLS FIRST, name",
        contains = contains_sql("name", "?3"),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![q.district, q.has_union, q.name], enterprise_row)?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

pub fn find_enterprises(conn: &Connection, key: &str) -> Result<Vec<EnterpriseRow>> {
    let sql = format!("{ENTERPRISE_SELECT} WHERE credit_code = upper(?1) OR name = ?1 ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([key], enterprise_row)?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

#[derive(Debug, Clone)]
pub struct AgreementRow {
    pub id: i64,
    pub enterprise: String,
    pub credit_code: String,
    pub district: Option<String>,
    pub signed_on: Option<String>,
    pub effective_from: String,
    pub expires_on: String,
    pub workers_covered: Option<i64>,
    pub form: Option<String>,
    pub wage_increase: Option<i64>,
    pub agreement_no: Option<String>,
}

const AGREEMENT_SELECT: &str =
    "SELECT a.id, e.name, e.credit_code, e.district, a.signed_on, a.effective_from,
        a.expires_on, a.workers_covered, a.form, a.wage_increase, a.agreement_no
     FROM agreements a JOIN enterprises e ON e.id = a.enterprise_id";

fn agreement_row(r: &Row<'_>) -> super::db::Result<AgreementRow> {
    Ok(AgreementRow {
        id: r.get(0)?,
        enterprise: r.get(1)?,
        credit_code: r.get(2)?,
        district: r.get(3)?,
        signed_on: r.get(4)?,
        effective_from: r.get(5)?,
        expires_on: r.get(6)?,
        workers_covered: r.get(7)?,
        form: r.get(8)?,
        wage_increase: r.get(9)?,
        agreement_no: r.get(10)?,
    })
}

/// The term of another agreement on file with number `no` (not the one of `enterprise`
/// taking effect on `from`, which a re-import updates): (effective from, expires on).
pub fn agreement_number_dates(
    conn: &Connection,
    no: &str,
    enterprise: i64,
    from: chrono::NaiveDate,
) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT effective_from, expires_on FROM agreements
              WHERE agreement_no = ?1 AND NOT (enterprise_id = ?2 AND effective_from = ?3)
              LIMIT 1",
        )?
        .query_row(params![no, enterprise, from.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

#[derive(Debug, Default)]
pub struct AgreementQuery {
    /// In force at some point during this year.
    pub year: Option<i32>,
    pub district: Option<String>,
    pub name: Option<String>,
    pub enterprise: Option<i64>,
}

pub fn list_agreements(conn: &Connection, q: &AgreementQuery) -> Result<Vec<AgreementRow>> {
    let (from, to) = match q.year {
        Some(y) => (Some(format!("{y:04}-01-01")), Some(format!("{y:04}-12-31"))),
        None => (None, None),
    };
    let sql = format!(
        "{AGREEMENT_SELECT}
         WHERE (CAST(?1 AS TEXT) IS NULL OR a.expires_on >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR a.effective_from <= ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR e.district = ?3) AND (CAST(?4 AS TEXT) IS NULL OR {contains})
           AND (CAST(?5 AS BIGINT) IS NULL OR a.enterprise_id = ?5)
         ORDER BY a.expires_on, a.id",
        contains = contains_sql("e.name", "?4"),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        params![from, to, q.district, q.name, q.enterprise],
        agreement_row,
    )?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// Agreements expiring from `from` to `to` (inclusive), soonest first, leaving out those
/// already renewed: an agreement of the same enterprise that takes effect later is on file.
pub fn expiring_agreements(conn: &Connection, from: &str, to: &str) -> Result<Vec<AgreementRow>> {
    let sql = format!(
        "{AGREEMENT_SELECT}
         WHERE a.expires_on BETWEEN ?1 AND ?2
           AND NOT EXISTS (SELECT 1 FROM agreements b WHERE b.enterprise_id = a.enterprise_id
                             AND b.effective_from > a.effective_from)
         ORDER BY a.expires_on, e.name, a.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![from, to], agreement_row)?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

pub fn find_agreement(conn: &Connection, id: i64) -> Result<Option<AgreementRow>> {
    let sql = format!("{AGREEMENT_SELECT} WHERE a.id = ?1");
    Ok(conn.query_row(&sql, [id], agreement_row).optional()?)
}

// ---------------------------------------------------------------- base-level unions

#[derive(Debug, Clone)]
pub struct UnionRow {
    pub id: i64,
    pub name: String,
    pub credit_code: Option<String>,
    pub district: Option<String>,
    pub form: Option<String>,
    pub unit_credit_code: Option<String>,
    pub units_covered: Option<i64>,
    pub founded_on: Option<String>,
    pub committee_on: Option<String>,
    pub term_years: Option<i64>,
    pub workers: Option<i64>,
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    pub migrant_members: Option<i64>,
    pub cadres: Option<i64>,
    pub has_congress: Option<bool>,
    /// 统计日期 of the figures: the latest date in the union's history.
    pub as_of: Option<String>,
}

const UNION_SELECT: &str = "SELECT id, name, credit_code, district, form, unit_credit_code,
        units_covered, founded_on, committee_on, term_years, workers, members, women_members,
        migrant_members, cadres, has_congress,
        (SELECT max(f.as_of) FROM union_figures f WHERE f.union_id = unions.id) FROM unions";

fn union_row(r: &Row<'_>) -> super::db::Result<UnionRow> {
    Ok(UnionRow {
        id: r.get(0)?,
        name: r.get(1)?,
        credit_code: r.get(2)?,
        district: r.get(3)?,
        form: r.get(4)?,
        unit_credit_code: r.get(5)?,
        units_covered: r.get(6)?,
        founded_on: r.get(7)?,
        committee_on: r.get(8)?,
        term_years: r.get(9)?,
        workers: r.get(10)?,
        members: r.get(11)?,
        women_members: r.get(12)?,
        migrant_members: r.get(13)?,
        cadres: r.get(14)?,
        has_congress: r.get(15)?,
        as_of: r.get(16)?,
    })
}

#[derive(Debug, Default)]
pub struct UnionQuery {
    pub district: Option<String>,
    /// 建会形式 as stored (单独建会 …).
    pub form: Option<String>,
    pub name: Option<String>,
}

pub fn list_unions(conn: &Connection, q: &UnionQuery) -> Result<Vec<UnionRow>> {
    let sql = format!(
        "{UNION_SELECT} WHERE (CAST(?1 AS TEXT) IS NULL OR district = ?1) AND (CAST(?2 AS TEXT) IS NULL OR form = ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR {contains})
         ORDER BY district NULLS FIRST, name",
        contains = contains_sql("name", "?3"),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![q.district, q.form, q.name], union_row)?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// A union's figures as of a statistics date (统计日期), one row of its history.
#[derive(Debug, Clone)]
pub struct UnionFiguresRow {
    pub as_of: String,
    pub workers: Option<i64>,
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    pub migrant_members: Option<i64>,
}

/// Union `id`'s figures by statistics date, latest first.
pub fn union_history(conn: &Connection, id: i64) -> Result<Vec<UnionFiguresRow>> {
    let mut stmt = conn.prepare(
        "SELECT as_of, workers, members, women_members, migrant_members FROM union_figures
          WHERE union_id = ?1 ORDER BY as_of DESC",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(UnionFiguresRow {
            as_of: r.get(0)?,
            workers: r.get(1)?,
            members: r.get(2)?,
            women_members: r.get(3)?,
            migrant_members: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// The unions `key` names: by name, or by the union's credit code.
pub fn find_unions(conn: &Connection, key: &str) -> Result<Vec<UnionRow>> {
    let sql = format!("{UNION_SELECT} WHERE name = ?1 OR credit_code = upper(?1) ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([key], union_row)?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

// ---------------------------------------------------------------- studios

#[derive(Debug, Clone)]
pub struct StudioRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub leader: String,
    pub leader_id_number: String,
    pub host_unit: Option<String>,
    pub host_credit_code: Option<String>,
    pub district: Option<String>,
    pub founded_on: Option<String>,
    pub team_size: Option<i64>,
    /// The 八有 criteria.
    pub eight: EightHaves,
    /// The highest naming not revoked since.
    pub current_level: Option<String>,
}

fn studio_select() -> String {
    format!(
        "SELECT s.id, s.name, s.kind, p.name AS leader_name, p.id_number, s.host_unit, s.host_credit_code, s.district, s.founded_on,
            s.team_size, {},
            {} AS current_level
         FROM studios s JOIN people p ON p.id = s.leader_id",
        eight_sql("s"),
        level_in_force_sql("'9999-12-31'")
    )
}

fn studio_row(r: &Row<'_>) -> super::db::Result<StudioRow> {
    Ok(StudioRow {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        leader: r.get(3)?,
        leader_id_number: r.get(4)?,
        host_unit: r.get(5)?,
        host_credit_code: r.get(6)?,
        district: r.get(7)?,
        founded_on: r.get(8)?,
        team_size: r.get(9)?,
        eight: eight_at(r, 10)?,
        current_level: r.get(18)?,
    })
}

#[derive(Debug, Default)]
pub struct StudioQuery {
    pub level: Option<String>,
    pub kind: Option<String>,
    pub district: Option<String>,
    pub name: Option<String>,
    pub leader: Option<i64>,
}

pub fn list_studios(conn: &Connection, q: &StudioQuery) -> Result<Vec<StudioRow>> {
    let sql = format!(
        "SELECT * FROM ({}) s WHERE (CAST(?1 AS TEXT) IS NULL OR s.current_level = ?1) AND (CAST(?2 AS TEXT) IS NULL OR s.kind = ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR s.district = ?3) AND (CAST(?4 AS TEXT) IS NULL OR {contains})
           AND (CAST(?5 AS BIGINT) IS NULL OR s.id IN (SELECT id FROM studios WHERE leader_id = ?5))
         ORDER BY s.district NULLS FIRST, s.name",
        studio_select(),
        contains = contains_sql("s.name", "?4"),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        params![q.level, q.kind, q.district, q.name, q.leader],
        studio_row,
    )?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

pub fn find_studios(conn: &Connection, key: &str) -> Result<Vec<StudioRow>> {
    let sql = format!(
        "{} WHERE s.name = ?1 OR CAST(s.id AS TEXT) = ?1 ORDER BY s.id",
        studio_select()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([key], studio_row)?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

#[derive(Debug, Clone)]
pub struct NamingRow {
    /// The record number `union edit namings` and `union delete namings` take.
    pub id: i64,
    pub level: String,
    pub named_on: String,
    pub batch_no: Option<i64>,
    /// The ledger gave the month only.
    pub approximate: bool,
}

pub fn namings_of(conn: &Connection, studio: i64) -> Result<Vec<NamingRow>> {
    let mut stmt = conn.prepare("SELECT level, named_on, batch_no, id, approximate IS NOT DISTINCT FROM 1 FROM studio_namings WHERE studio_id = ?1 ORDER BY named_on")?;
    let rows = stmt.query_map([studio], |r| {
        Ok(NamingRow {
            level: r.get(0)?,
            named_on: r.get(1)?,
            batch_no: r.get(2)?,
            id: r.get(3)?,
            approximate: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

#[derive(Debug, Clone)]
pub struct ResultRow {
    pub year: i64,
    pub counts: ResultCounts,
    pub economic_benefit: Option<i64>,
}

pub fn results_of(conn: &Connection, studio: i64) -> Result<Vec<ResultRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT r.year, {}, r.economic_benefit FROM studio_results r
          WHERE r.studio_id = ?1 ORDER BY r.year",
        result_counts_sql("r")
    ))?;
    let rows = stmt.query_map([studio], |r| {
        Ok(ResultRow {
            year: r.get(0)?,
            counts: result_counts_at(r, 1)?,
            economic_benefit: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

// ---------------------------------------------------------------- counts and free queries

/// How many rows each record table holds: (table, count).
pub fn table_counts(conn: &Connection) -> Result<Vec<(&'static str, i64)>> {
    let mut out = Vec::new();
    for t in [
        "people",
        "honours",
        "studios",
        "studio_namings",
        "studio_results",
        "enterprises",
        "agreements",
        "payouts",
        "hardship_files",
        "import_batches",
    ] {
        // Table names come from the list above, never from input.
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
        out.push((t, n));
    }
    Ok(out)
}

/// Number of people holding a model title.
pub fn count_models(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(DISTINCT person_id) FROM honours WHERE kind = 'model'",
        [],
        |r| r.get(0),
    )?)
}

/// Why `union sql` stopped without a result.
#[derive(Debug)]
pub enum QueryError {
    /// The statement would write.
    NotReadOnly,
    /// It ran longer than the time allowed and was interrupted.
    TimedOut,
    Sql(super::db::Error),
    /// The caller stopped it (a row limit, or the output could not be written).
    Stopped(anyhow::Error),
    /// A column of a type the store cannot show (PostgreSQL's dates and times): its position
    /// (from 1), name and type.
    Unreadable {
        column: usize,
        name: String,
        type_name: String,
    },
}

impl From<super::db::Error> for QueryError {
    fn from(e: super::db::Error) -> Self {
        QueryError::Sql(e)
    }
}

/// Runs a read-only statement of the user's (`union sql`): `head` makes a sink from its column
/// names, `row` hands it each row as SQLite returns it, so that nothing holds the whole result;
/// the sink is returned. A statement that would write is refused; one still running after
/// `timeout` is interrupted.
pub fn free_query<S>(
    conn: &Connection,
    sql: &str,
    timeout: std::time::Duration,
    head: impl FnOnce(Vec<String>) -> Result<S>,
    mut row: impl FnMut(&mut S, Vec<super::db::Value>) -> Result<()>,
) -> Result<S, QueryError> {
    let mut stmt = conn.prepare(sql)?;
    if !stmt.readonly() {
        return Err(QueryError::NotReadOnly);
    }
    if let Some((i, name, type_name)) = stmt.unreadable_column() {
        return Err(QueryError::Unreadable {
            column: i + 1,
            name,
            type_name,
        });
    }
    let names = stmt.column_names();
    let n = names.len();
    if conn.is_postgres() {
        // The server stops a statement at the deadline: each read of rows from the query's
        // cursor, inside a transaction (outside one, a cursor is run to its end when declared,
        // past the time limit). The session is the command's own.
        let ms = i64::try_from(timeout.as_millis())
            .unwrap_or(i64::MAX)
            .max(1);
        conn.execute_batch(&format!("SET statement_timeout = {ms}"))?;
        let tx = conn.unchecked_transaction()?;
        let mut stmt = tx.prepare(sql)?;
        let mut sink = head(names).map_err(QueryError::Stopped)?;
        return match stream_rows(&mut stmt, n, &mut sink, &mut row) {
            Err(QueryError::Sql(e)) if e.is_cancelled() => Err(QueryError::TimedOut),
            other => other.map(|()| sink),
        };
    }
    let mut sink = head(names).map_err(QueryError::Stopped)?;
    // A watchdog interrupts the statement at the deadline, unless told it is done.
    let (done, watch) = std::sync::mpsc::channel::<()>();
    let interrupt = conn.sqlite()?.get_interrupt_handle();
    let timed_out = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = timed_out.clone();
    let watchdog = std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = watch.recv_timeout(timeout) {
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            interrupt.interrupt();
        }
    });
    let result = stream_rows(&mut stmt, n, &mut sink, &mut row);
    let _ = done.send(());
    let _ = watchdog.join();
    match result {
        Err(QueryError::Sql(_)) if timed_out.load(std::sync::atomic::Ordering::SeqCst) => {
            Err(QueryError::TimedOut)
        }
        other => other.map(|()| sink),
    }
}

/// Hands `row` each row of `stmt`'s `n` columns.
fn stream_rows<S>(
    stmt: &mut super::db::Statement<'_>,
    n: usize,
    sink: &mut S,
    row: &mut impl FnMut(&mut S, Vec<super::db::Value>) -> Result<()>,
) -> Result<(), QueryError> {
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let values = (0..n)
            .map(|i| r.get::<_, super::db::Value>(i))
            .collect::<super::db::Result<_>>()?;
        row(sink, values).map_err(QueryError::Stopped)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `contains_sql` finds what `instr(…) > 0` finds, on the edges: an empty needle, a NULL
    /// haystack, a needle longer than the text, Chinese text, ASCII case.
    #[test]
    fn contains_sql_is_instr() {
        let conn = Connection::open_in_memory().unwrap();
        let texts = [Some("王建国"), Some("Li Mei"), Some(""), None];
        let needles = ["建", "王建国", "王建国国", "", "li", "Li", "国王", "Mei"];
        for text in texts {
            for needle in needles {
                let sql = format!(
                    "SELECT coalesce(instr(?1, ?2) > 0, -1), coalesce({}, -1)",
                    contains_sql("?1", "?2")
                );
                let (instr, both): (i64, i64) = conn
                    .query_row(&sql, params![text, needle], |r| Ok((r.get(0)?, r.get(1)?)))
                    .unwrap();
                assert_eq!(instr, both, "{text:?} contains {needle:?}");
            }
        }
    }
}
