//! What the eligibility rules need from the database (a studio's fact sheet, a recipient's
//! status, honours, hardship files and earlier payouts) and what judging writes back
//! (applications, namings with their subsidy, revocations, advisers).

use super::db::{params, Connection, OptionalExtension};
use anyhow::Result;
use chrono::NaiveDate;

use crate::domain::allowance::{month_of, Paid, Period};
use crate::domain::codes::SchoolStage;
use crate::domain::codes::{
    HonourKind, Level, PayoutCategory, PersonStatus, RevocationCase, StudioKind, StudioLevel, Title,
};
use crate::domain::eligibility::{Honour, Leader, Naming, Revocation, StudioFacts, YearResult};
use crate::domain::hardship::Income;
use crate::domain::payout_rules::{
    per_student, Earlier, HardshipSpan, Payment, Recipient, Student,
};
use crate::domain::values::Money;

pub(super) fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn opt_day(s: Option<String>) -> Option<NaiveDate> {
    s.as_deref().and_then(day)
}

fn iso(d: NaiveDate) -> String {
    crate::domain::values::iso_date(d, &mut [0u8; 10]).into_owned()
}

/// The columns [`honour_at`] reads, in its order.
const HONOUR_COLUMNS: &str = "kind, title, level, year, revoked_on";

/// An honour read from the columns of [`HONOUR_COLUMNS`] from `i` on (kind, title, level,
/// year, revoked on); `None` for a kind or a model title no longer known.
fn honour_at(r: &super::db::Row<'_>, i: usize) -> super::db::Result<Option<Honour>> {
    let (kind, title, level, year): (String, String, Option<u8>, Option<i32>) =
        (r.get(i)?, r.get(i + 1)?, r.get(i + 2)?, r.get(i + 3)?);
    let Some(kind) = HonourKind::parse(&kind) else {
        return Ok(None);
    };
    let title = match kind {
        HonourKind::Model | HonourKind::Medal => match Title::parse(&title) {
            Some(t) => Some(t),
            None => return Ok(None),
        },
        _ => None,
    };
    Ok(Some(Honour {
        kind,
        title,
        level: level.and_then(|l| Level::ALL.iter().copied().find(|v| *v as u8 == l)),
        year,
        revoked_on: opt_day(r.get(i + 4)?),
    }))
}

/// The columns [`span_at`] reads, in its order.
const SPAN_COLUMNS: &str =
    "opened_on, closed_on, annual_income, rigid_expenses, household_size, exit_reason";

/// A hardship file's span read from the columns of [`SPAN_COLUMNS`] from `i` on: opened,
/// closed, and the family's income when the file states it.
fn span_at(r: &super::db::Row<'_>, i: usize) -> super::db::Result<Option<HardshipSpan>> {
    let (opened_on, closed_on): (String, Option<String>) = (r.get(i)?, r.get(i + 1)?);
    let (annual, rigid, size): (Option<i64>, Option<i64>, Option<i64>) =
        (r.get(i + 2)?, r.get(i + 3)?, r.get(i + 4)?);
    let income = match (annual, size) {
        (Some(annual), Some(size)) if size > 0 => Some(Income {
            annual: Money::from_fen(annual),
            rigid: Money::from_fen(rigid.unwrap_or(0)),
            size,
        }),
        _ => None,
    };
    let exit: Option<String> = r.get(i + 5)?;
    Ok(day(&opened_on).map(|opened_on| HardshipSpan {
        opened_on,
        closed_on: opt_day(closed_on),
        income,
        exit: exit
            .as_deref()
            .and_then(crate::domain::codes::HardshipExit::parse),
    }))
}

/// A person's status and its dates from columns `i` (status), `i + 1` (retired on) and
/// `i + 2` (died on), as a recipient without titles or files.
fn recipient_at(r: &super::db::Row<'_>, i: usize) -> super::db::Result<Recipient> {
    let status: String = r.get(i)?;
    Ok(Recipient {
        status: PersonStatus::parse(&status).unwrap_or(PersonStatus::Active),
        retired_on: opt_day(r.get(i + 1)?),
        died_on: opt_day(r.get(i + 2)?),
        titles: Vec::new(),
        hardship: Vec::new(),
    })
}

/// A person's honours, as titles with their years.
fn honours(conn: &Connection, person: i64) -> Result<Vec<Honour>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {HONOUR_COLUMNS} FROM honours WHERE person_id = ?1"
    ))?;
    let rows = stmt.query_map([person], |r| honour_at(r, 0))?;
    let mut out = Vec::new();
    for row in rows {
        out.extend(row?);
    }
    Ok(out)
}

/// A person's status, dates, titles and hardship files.
pub fn recipient(conn: &Connection, person: i64) -> Result<Option<Recipient>> {
    recipient_with(conn, person, true, true)
}

/// A person's status and dates, with their titles and hardship files only when asked for (an
/// import judging one payout category reads only what its rules need).
pub fn recipient_with(
    conn: &Connection,
    person: i64,
    titles: bool,
    files: bool,
) -> Result<Option<Recipient>> {
    let found = conn
        .prepare_cached("SELECT status, retired_on, died_on FROM people WHERE id = ?1")?
        .query_row([person], |r| recipient_at(r, 0))
        .optional()?;
    let Some(mut recipient) = found else {
        return Ok(None);
    };
    if files {
        let spans = conn
            .prepare_cached(&format!(
                "SELECT {SPAN_COLUMNS} FROM hardship_files WHERE person_id = ?1"
            ))?
            .query_map([person], |r| span_at(r, 0))?
            .collect::<super::db::Result<Vec<_>>>()?;
        recipient.hardship = spans.into_iter().flatten().collect();
    }
    if titles {
        recipient.titles = honours(conn, person)?;
    }
    Ok(Some(recipient))
}

/// Dates of a person's payouts of `category`, leaving out the payout `except` (the record a
/// row is about to update).
pub fn payout_dates(
    conn: &Connection,
    person: i64,
    category: PayoutCategory,
    except: Option<i64>,
) -> Result<Vec<NaiveDate>> {
    Ok(
        payout_dates_in(conn, EarlierIn::Payouts, person, category, except)?
            .into_iter()
            .map(|e| e.paid_on)
            .collect(),
    )
}

/// Where a person's earlier payouts are read: the payouts table, or the TEMP table
/// `import_dates` with its columns `person_id`, `category`, `paid_on`, `id`, `student_name`,
/// `student_id_number`, `period_from` and `period_to` for some of its rows (a first import's,
/// see `payout_write`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EarlierIn {
    Payouts,
    ImportDates,
}

/// The query of a person's earlier payouts of a category (`?1`, `?2`) but one (`?3`), oldest
/// first, reading `$columns` from `$table`: whole texts, since the rules ask for every row of an
/// import (making the text each time cost a re-import about a fiftieth, perf).
macro_rules! earlier_sql {
    ($columns:literal, $table:literal) => {
        concat!(
            "SELECT paid_on, ",
            $columns,
            " FROM ",
            $table,
            " WHERE person_id = ?1 AND category = ?2 AND id IS DISTINCT FROM ?3 ORDER BY paid_on"
        )
    };
}

/// [`payout_dates`] with the student each was for, from `table`.
pub(super) fn payout_dates_in(
    conn: &Connection,
    table: EarlierIn,
    person: i64,
    category: PayoutCategory,
    except: Option<i64>,
) -> Result<Vec<Earlier>> {
    // Other categories are read from the index by person alone, without visiting the rows.
    let sql = match (table, per_student(category)) {
        (EarlierIn::Payouts, true) => {
            earlier_sql!("student_name, student_id_number", "payouts")
        }
        (EarlierIn::Payouts, false) => earlier_sql!("NULL, NULL", "payouts"),
        (EarlierIn::ImportDates, true) => {
            earlier_sql!("student_name, student_id_number", "import_dates")
        }
        (EarlierIn::ImportDates, false) => earlier_sql!("NULL, NULL", "import_dates"),
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query_few(params![person, category.code(), except])?;
    let mut dates = Vec::new();
    while let Some(r) = rows.next()? {
        if let Some(on) = day(r.get_ref(0)?.as_str()?) {
            dates.push(earlier_from(on, &r, 1)?);
        }
    }
    Ok(dates)
}

/// The payouts of `category` for the student with ID number `student` made to recipients other
/// than `person` (a student counts once whoever is paid for them: both parents, two
/// households), leaving out the stored payout `except`, and — for an audit, so that a pair is
/// reported once — those after `before` (a date and record number).
pub fn student_payouts_elsewhere(
    conn: &Connection,
    category: PayoutCategory,
    student: &str,
    person: Option<i64>,
    except: Option<i64>,
    before: Option<(NaiveDate, i64)>,
) -> Result<Vec<Earlier>> {
    let mut stmt = conn.prepare_cached(
        "SELECT paid_on, student_name, student_id_number FROM payouts
          WHERE student_id_number = ?1 AND category = ?2 AND person_id IS DISTINCT FROM ?3 AND id IS DISTINCT FROM ?4
            AND (CAST(?5 AS TEXT) IS NULL OR paid_on < ?5 OR (paid_on = ?5 AND id < ?6))
          ORDER BY paid_on",
    )?;
    let (on, id) = before.map_or((None, None), |(d, id)| (Some(iso(d)), Some(id)));
    let mut rows = stmt.query_few(params![student, category.code(), person, except, on, id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        if let Some(on) = day(r.get_ref(0)?.as_str()?) {
            out.push(earlier_from(on, &r, 1)?);
        }
    }
    Ok(out)
}

/// An earlier payout paid on `on`, its student read from columns `at` (name) and `at + 1`
/// (ID number).
fn earlier_from(on: NaiveDate, r: &super::db::Row<'_>, at: usize) -> super::db::Result<Earlier> {
    Ok(Earlier {
        paid_on: on,
        student: Student::given_stored(r.get(at)?, r.get(at + 1)?),
    })
}

/// A stored payout's months: its 所属期间, else the month paid (`None` for a date that does
/// not read).
pub(super) fn months_of(
    paid_on: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> Option<(NaiveDate, Period)> {
    let paid = day(paid_on)?;
    let months = match (from.and_then(day), to.and_then(day)) {
        (Some(from), Some(to)) => Period { from, to },
        _ => Period::month(paid),
    };
    Some((paid, months))
}

/// The dates and months (所属期间) of a person's payouts of `category` in `table` (as
/// [`payout_dates_in`]), leaving out the payout `except`.
pub(super) fn payout_months_in(
    conn: &Connection,
    table: EarlierIn,
    person: i64,
    category: PayoutCategory,
    except: Option<i64>,
) -> Result<Vec<(NaiveDate, Period)>> {
    let mut stmt = conn.prepare_cached(match table {
        EarlierIn::Payouts => earlier_sql!("period_from, period_to", "payouts"),
        EarlierIn::ImportDates => earlier_sql!("period_from, period_to", "import_dates"),
    })?;
    let months = months_from(stmt.query_few(params![person, category.code(), except])?)?;
    Ok(months)
}

/// The dates and months of the rows `paid_on, period_from, period_to`.
fn months_from(mut rows: super::db::Rows<'_>) -> Result<Vec<(NaiveDate, Period)>> {
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.extend(months_of(
            r.get_ref(0)?.as_str()?,
            r.get_ref(1)?.as_str_or_null()?,
            r.get_ref(2)?.as_str_or_null()?,
        ));
    }
    Ok(out)
}

/// A person's payouts of a monthly category whose months or date touch `year`, oldest first,
/// as the allowance reconciliation reads them.
pub fn allowance_payouts(
    conn: &Connection,
    person: i64,
    category: PayoutCategory,
    year: Period,
) -> Result<Vec<Paid>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, paid_on, period_from, period_to, amount FROM payouts
          WHERE person_id = ?1 AND category = ?2 ORDER BY paid_on, id",
    )?;
    let mut rows = stmt.query_few(params![person, category.code()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let Some((paid_on, period)) = months_of(
            r.get_ref(1)?.as_str()?,
            r.get_ref(2)?.as_str_or_null()?,
            r.get_ref(3)?.as_str_or_null()?,
        ) else {
            continue;
        };
        if period.overlap(&year).is_some() || year.holds(month_of(paid_on)) {
            out.push(Paid {
                id: r.get(0)?,
                paid_on,
                period,
                amount: Money::from_fen(r.get(4)?),
            });
        }
    }
    Ok(out)
}

/// Everything the studio rules need about one studio.
pub fn studio_facts(conn: &Connection, studio: i64) -> Result<Option<StudioFacts>> {
    let found = conn
        .query_row(
            &format!(
                "SELECT s.name, s.kind, s.team_size, {},
                        p.id, p.name, p.status, p.retired_on, p.died_on, p.transferred_on
                   FROM studios s JOIN people p ON p.id = s.leader_id WHERE s.id = ?1",
                super::records::eight_sql("s")
            ),
            [studio],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    super::records::eight_at(r, 3)?,
                    r.get::<_, i64>(11)?,
                    r.get::<_, String>(12)?,
                    r.get::<_, String>(13)?,
                    r.get::<_, Option<String>>(14)?,
                    r.get::<_, Option<String>>(15)?,
                    r.get::<_, Option<String>>(16)?,
                ))
            },
        )
        .optional()?;
    let Some((
        name,
        kind,
        team_size,
        eight,
        leader_id,
        leader_name,
        status,
        retired_on,
        died_on,
        transferred_on,
    )) = found
    else {
        return Ok(None);
    };
    let mut stmt =
        conn.prepare_cached("SELECT level, named_on FROM studio_namings WHERE studio_id = ?1")?;
    let namings = stmt
        .query_map([studio], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<super::db::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(l, d)| {
            Some(Naming {
                level: StudioLevel::parse(&l)?,
                named_on: day(&d)?,
            })
        })
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT revoked_on, case_no FROM studio_revocations WHERE studio_id = ?1",
    )?;
    let revocations = stmt
        .query_map([studio], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u8>(1)?))
        })?
        .collect::<super::db::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(d, c)| {
            Some(Revocation {
                revoked_on: day(&d)?,
                case: RevocationCase::from_number(c)?,
            })
        })
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT year, invention_patents, trained, economic_benefit FROM studio_results WHERE studio_id = ?1",
    )?;
    let results = stmt
        .query_map([studio], |r| {
            Ok(YearResult {
                year: r.get(0)?,
                invention_patents: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                trained: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                economic_benefit: Money::from_fen(r.get::<_, Option<i64>>(3)?.unwrap_or(0)),
            })
        })?
        .collect::<super::db::Result<Vec<_>>>()?;
    Ok(Some(StudioFacts {
        name,
        kind: StudioKind::parse(&kind).unwrap_or(StudioKind::Worker),
        eight,
        team_size,
        leader: Leader {
            name: leader_name,
            status: PersonStatus::parse(&status).unwrap_or(PersonStatus::Active),
            retired_on: opt_day(retired_on),
            died_on: opt_day(died_on),
            transferred_on: opt_day(transferred_on),
            honours: honours(conn, leader_id)?,
        },
        namings,
        revocations,
        results,
    }))
}

/// Every studio's id, name and fact sheet, by name.
pub fn all_studio_facts(conn: &Connection) -> Result<Vec<(i64, StudioFacts)>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM studios ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<super::db::Result<_>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(f) = studio_facts(conn, id)? {
            out.push((id, f));
        }
    }
    Ok(out)
}

/// Records an application and its rule-by-rule reasons (JSON). Returns its id.
pub fn record_application(
    conn: &Connection,
    studio: i64,
    level: StudioLevel,
    date: NaiveDate,
    eligible: bool,
    reasons: &serde_json::Value,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO studio_applications (studio_id, level, applied_on, eligible, reasons) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![studio, level.zh(), iso(date), eligible, reasons.to_string()],
    )?;
    Ok(conn.last_insert_rowid()?)
}

/// Records a naming (one row per level) and, when given, the one-time subsidy paid to the
/// studio. Returns the date of the earlier naming at this level it replaced (after a revocation).
pub fn record_naming(
    conn: &Connection,
    studio: i64,
    level: StudioLevel,
    date: NaiveDate,
    batch_no: Option<i64>,
    forced_reason: Option<&str>,
    subsidy: Option<(Money, &str)>,
) -> Result<Option<String>> {
    // Namings are history: a studio named again at a level after a revocation gets a second
    // row, and the earlier naming stays for the reports of its years. The caller records the
    // latest earlier naming at the level in the audit log.
    let previous: Option<String> = conn.query_row(
        "SELECT max(named_on) FROM studio_namings WHERE studio_id = ?1 AND level = ?2",
        params![studio, level.zh()],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO studio_namings (studio_id, level, named_on, batch_no, forced_reason) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (studio_id, level, named_on) DO UPDATE SET
             batch_no = excluded.batch_no, forced_reason = excluded.forced_reason",
        params![studio, level.zh(), iso(date), batch_no, forced_reason],
    )?;
    if let Some((amount, note)) = subsidy {
        conn.execute(
            "INSERT INTO payouts (studio_id, category, amount, paid_on, note) VALUES (?1, 'studio_subsidy', ?2, ?3, ?4)",
            params![studio, amount.fen(), iso(date), note],
        )?;
    }
    Ok(previous)
}

pub fn record_revocation(
    conn: &Connection,
    studio: i64,
    date: NaiveDate,
    case: RevocationCase,
    note: Option<&str>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO studio_revocations (studio_id, revoked_on, case_no, note) VALUES (?1, ?2, ?3, ?4)",
        params![studio, iso(date), case.number(), note],
    )?;
    Ok(())
}

/// A studio's revocations: date and case number, oldest first.
pub fn revocations_of(conn: &Connection, studio: i64) -> Result<Vec<(String, u8)>> {
    let mut stmt = conn.prepare(
        "SELECT revoked_on, case_no FROM studio_revocations WHERE studio_id = ?1 ORDER BY revoked_on",
    )?;
    let rows = stmt.query_map([studio], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// An adviser of a studio.
#[derive(Debug, Clone)]
pub struct AdviserRow {
    pub studio: String,
    pub name: String,
    pub institution: Option<String>,
    pub since: Option<String>,
}

/// Adds an adviser; `false` when the studio already has an adviser of that name.
pub fn add_adviser(
    conn: &Connection,
    studio: i64,
    name: &str,
    institution: Option<&str>,
    since: Option<NaiveDate>,
) -> Result<bool> {
    Ok(conn.execute(
        "INSERT OR IGNORE INTO studio_advisers (studio_id, name, institution, since) VALUES (?1, ?2, ?3, ?4)",
        params![studio, name, institution, since.map(iso)],
    )? == 1)
}

pub fn advisers(conn: &Connection, studio: Option<i64>) -> Result<Vec<AdviserRow>> {
    let mut stmt = conn.prepare(
        "SELECT s.name, a.name, a.institution, a.since FROM studio_advisers a JOIN studios s ON s.id = a.studio_id
          WHERE CAST(?1 AS BIGINT) IS NULL OR a.studio_id = ?1 ORDER BY s.name, a.name",
    )?;
    let rows = stmt.query_map([studio], |r| {
        Ok(AdviserRow {
            studio: r.get(0)?,
            name: r.get(1)?,
            institution: r.get(2)?,
            since: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// A stored payout as the audit sees it.
#[derive(Debug, Clone)]
pub struct AuditedPayout {
    pub id: i64,
    pub person_id: Option<i64>,
    pub studio_id: Option<i64>,
    pub recipient: String,
    pub id_number: Option<String>,
    pub category: PayoutCategory,
    pub amount: Money,
    pub paid_on: NaiveDate,
    pub voucher: Option<String>,
    pub student: Option<Student>,
    pub stage: Option<SchoolStage>,
    /// The months it covers (所属期间, else the month paid).
    pub months: Period,
}

impl AuditedPayout {
    /// The payment the payout rules judge.
    pub fn payment(&self) -> Payment {
        Payment {
            student: self.student.clone(),
            stage: self.stage,
            months: Some(self.months),
            ..Payment::new(self.category, self.amount, self.paid_on)
        }
    }
}

/// Calls `f` with each payout paid in `year`, in date order, one at a time (the connection
/// stays free for the reads that judge it).
pub fn each_payout_in_year(
    conn: &Connection,
    year: i32,
    mut f: impl FnMut(AuditedPayout) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT y.id, y.person_id, y.studio_id, coalesce(p.name, s.name), p.id_number, y.category, y.amount,
                y.paid_on, y.voucher, y.student_name, y.student_id_number, y.school_stage, y.period_from, y.period_to
           FROM payouts y LEFT JOIN people p ON p.id = y.person_id LEFT JOIN studios s ON s.id = y.studio_id
          WHERE y.paid_on >= ?1 AND y.paid_on < ?2 ORDER BY y.paid_on, y.id",
    )?;
    let rows = stmt.query_map(
        params![format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1)],
        |r| {
            // A row whose category or date is none of ours is left out.
            let category = PayoutCategory::parse(r.get_ref(5)?.as_str()?);
            let dated = months_of(
                r.get_ref(7)?.as_str()?,
                r.get_ref(12)?.as_str_or_null()?,
                r.get_ref(13)?.as_str_or_null()?,
            );
            let (Some(category), Some((paid_on, months))) = (category, dated) else {
                return Ok(None);
            };
            Ok(Some(AuditedPayout {
                id: r.get(0)?,
                person_id: r.get(1)?,
                studio_id: r.get(2)?,
                recipient: r.get(3)?,
                id_number: r.get(4)?,
                category,
                amount: Money::from_fen(r.get(6)?),
                paid_on,
                voucher: r.get(8)?,
                student: Student::given_stored(r.get(9)?, r.get(10)?),
                stage: r
                    .get::<_, Option<String>>(11)?
                    .as_deref()
                    .and_then(SchoolStage::parse),
                months,
            }))
        },
    )?;
    for row in rows {
        if let Some(p) = row? {
            f(p)?;
        }
    }
    Ok(())
}

/// The payouts of a person and category paid before the payout `(paid_on, id)`.
pub fn earlier_payout_dates(
    conn: &Connection,
    person: i64,
    category: PayoutCategory,
    paid_on: NaiveDate,
    id: i64,
) -> Result<Vec<Earlier>> {
    let mut stmt = conn.prepare_cached(
        "SELECT paid_on, student_name, student_id_number FROM payouts
          WHERE person_id = ?1 AND category = ?2
            AND (paid_on < ?3 OR (paid_on = ?3 AND id < ?4)) ORDER BY paid_on DESC",
    )?;
    let mut rows = stmt.query_few(params![person, category.code(), iso(paid_on), id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        if let Some(on) = day(r.get_ref(0)?.as_str()?) {
            out.push(earlier_from(on, &r, 1)?);
        }
    }
    Ok(out)
}

/// The dates and months of the payouts of a person and category paid before the payout
/// `(paid_on, id)` (as [`earlier_payout_dates`]), for rule 3 by the month.
pub fn earlier_payout_months(
    conn: &Connection,
    person: i64,
    category: PayoutCategory,
    paid_on: NaiveDate,
    id: i64,
) -> Result<Vec<(NaiveDate, Period)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT paid_on, period_from, period_to FROM payouts WHERE person_id = ?1 AND category = ?2
            AND (paid_on < ?3 OR (paid_on = ?3 AND id < ?4)) ORDER BY paid_on DESC",
    )?;
    let months =
        months_from(stmt.query_few(params![person, category.code(), iso(paid_on), id])?)?;
    Ok(months)
}

/// The one-time subsidies paid to a studio with their amounts: (payout id, date paid, fen).
pub fn studio_subsidy_amounts(
    conn: &Connection,
    studio: i64,
) -> Result<Vec<(i64, NaiveDate, i64)>> {
    let paid = studio_subsidies(conn, studio)?;
    let mut stmt = conn.prepare_cached("SELECT amount FROM payouts WHERE id = ?1")?;
    let mut out = Vec::with_capacity(paid.len());
    for (id, on) in paid {
        out.push((id, on, stmt.query_row([id], |r| r.get(0))?));
    }
    Ok(out)
}

/// The one-time subsidies paid to a studio: (payout id, date paid).
pub fn studio_subsidies(conn: &Connection, studio: i64) -> Result<Vec<(i64, NaiveDate)>> {
    let mut stmt = conn.prepare(
        "SELECT id, paid_on FROM payouts WHERE studio_id = ?1 AND category = 'studio_subsidy' ORDER BY paid_on, id",
    )?;
    let rows = stmt.query_map([studio], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, paid_on) = row?;
        if let Ok(d) = NaiveDate::parse_from_str(&paid_on, "%Y-%m-%d") {
            out.push((id, d));
        }
    }
    Ok(out)
}

pub fn naming_on(conn: &Connection, studio: i64, date: NaiveDate) -> Result<Option<StudioLevel>> {
    let level: Option<String> = conn
        .query_row(
            "SELECT level FROM studio_namings WHERE studio_id = ?1 AND named_on = ?2 LIMIT 1",
            params![studio, iso(date)],
            |r| r.get(0),
        )
        .optional()?;
    Ok(level.as_deref().and_then(StudioLevel::parse))
}

/// A person a roster may list: labour models and holders of hardship files.
#[derive(Debug, Clone)]
pub struct RosterPerson {
    pub id: i64,
    pub name: String,
    pub id_number: String,
    pub district: Option<String>,
    pub facts: Recipient,
}

/// A roster's people in the order it is printed, sorted on disk (a TEMP table, which this
/// connection keeps in a file, and SQLite's sorter) so that a roster of any length is not
/// held in memory: district, then level from the highest (none last), then `name_key` (the
/// caller's spelling of the name that sorts it), then ID number.
pub struct RosterSort<'c> {
    conn: &'c Connection,
    /// People listed: a person owed several runs of months has a row for each, added one
    /// after the other, and counts once.
    count: usize,
    last: Option<String>,
}

/// One person of a sorted roster.
pub struct RosterRow {
    pub id_number: String,
    pub name: String,
    pub note: String,
    /// What is owed, for a roster that says it (the honour allowance: its amount in fen and
    /// the months, 所属期间).
    pub owed: Option<(i64, String)>,
}

impl<'c> RosterSort<'c> {
    pub fn new(conn: &'c Connection) -> Result<RosterSort<'c>> {
        // The DROPs name the temp schema: unqualified, one would drop a table of the file
        // named roster_owed when the temp one is absent (PostgreSQL spells it pg_temp.).
        conn.execute_batch(
            "DROP TABLE IF EXISTS temp.roster_owed;
             CREATE TEMP TABLE roster_owed (
                 district TEXT NOT NULL, level BIGINT NOT NULL, name_key BYTEA NOT NULL,
                 id_number TEXT NOT NULL, name TEXT NOT NULL, note TEXT NOT NULL, amount BIGINT,
                 period TEXT, first TEXT);",
        )?;
        Ok(RosterSort {
            conn,
            count: 0,
            last: None,
        })
    }

    pub fn add(
        &mut self,
        district: &str,
        level: Option<Level>,
        name_key: &[u8],
        id_number: &str,
        name: &str,
        note: &str,
        owed: Option<(Money, Period)>,
    ) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO roster_owed VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?
            .execute(params![
                district,
                level.map_or(0, |l| l as i64),
                name_key,
                id_number,
                name,
                note,
                owed.map(|(m, _)| m.fen()),
                owed.map(|(_, p)| p.code()),
                owed.map(|(_, p)| p.from.to_string()),
            ])?;
        if self.last.as_deref() != Some(id_number) {
            self.count += 1;
            self.last = Some(id_number.to_string());
        }
        Ok(())
    }

    /// How many people it lists.
    pub fn len(&self) -> usize {
        self.count
    }

    /// The statement that reads the roster in order; its rows read by [`RosterSort::row`].
    pub fn sorted(&self) -> Result<super::db::Statement<'c>> {
        Ok(self.conn.prepare(
            "SELECT id_number, name, note, amount, period FROM roster_owed
              ORDER BY district, level DESC, name_key, id_number, first NULLS FIRST",
        )?)
    }

    pub fn row(r: &super::db::Row<'_>) -> super::db::Result<RosterRow> {
        Ok(RosterRow {
            id_number: r.get(0)?,
            name: r.get(1)?,
            note: r.get(2)?,
            owed: match (r.get::<_, Option<i64>>(3)?, r.get::<_, Option<String>>(4)?) {
                (Some(fen), Some(period)) => Some((fen, period)),
                _ => None,
            },
        })
    }
}

impl Drop for RosterSort<'_> {
    fn drop(&mut self) {
        let _ = self
            .conn
            .execute_batch("DROP TABLE IF EXISTS temp.roster_owed");
    }
}

/// Calls `each` with every person a roster may list, one at a time in the order they were put
/// on file: people, their honours and their hardship files are read in three scans side by
/// side (by person), so nothing is held but the person at hand.
pub fn each_roster_person(
    conn: &Connection,
    mut each: impl FnMut(RosterPerson) -> Result<()>,
) -> Result<()> {
    let mut people = conn.prepare(
        "SELECT id, name, id_number, district, status, retired_on, died_on FROM people p
          WHERE EXISTS (SELECT 1 FROM honours h WHERE h.person_id = p.id)
             OR EXISTS (SELECT 1 FROM hardship_files f WHERE f.person_id = p.id)
          ORDER BY id",
    )?;
    let mut honours = conn.prepare(&format!(
        "SELECT person_id, {HONOUR_COLUMNS} FROM honours ORDER BY person_id"
    ))?;
    let mut files = conn.prepare(&format!(
        "SELECT person_id, {SPAN_COLUMNS} FROM hardship_files ORDER BY person_id"
    ))?;
    let mut honours = ByPerson::new(honours.query([])?, |r| honour_at(r, 1))?;
    let mut files = ByPerson::new(files.query([])?, |r| span_at(r, 1))?;
    let mut people = people.query([])?;
    while let Some(r) = people.next()? {
        let id: i64 = r.get(0)?;
        let mut facts = recipient_at(&r, 4)?;
        facts.titles = honours.take(id)?;
        facts.hardship = files.take(id)?;
        each(RosterPerson {
            id,
            name: r.get(1)?,
            id_number: r.get(2)?,
            district: r.get(3)?,
            facts,
        })?;
    }
    Ok(())
}

/// A scan ordered by person (its first column), taken one person's rows at a time. Rows the
/// reader makes nothing of (`None`) are passed over.
struct ByPerson<'s, T, F> {
    rows: super::db::Rows<'s>,
    read: F,
    /// The row read ahead: its person and what it holds; `None` past the end.
    ahead: Option<(i64, Option<T>)>,
}

impl<'s, T, F> ByPerson<'s, T, F>
where
    F: FnMut(&super::db::Row<'_>) -> super::db::Result<Option<T>>,
{
    fn new(rows: super::db::Rows<'s>, read: F) -> Result<Self> {
        let mut scan = ByPerson {
            rows,
            read,
            ahead: None,
        };
        scan.advance()?;
        Ok(scan)
    }

    fn advance(&mut self) -> Result<()> {
        self.ahead = match self.rows.next()? {
            Some(r) => Some((r.get(0)?, (self.read)(&r)?)),
            None => None,
        };
        Ok(())
    }

    /// `person`'s rows, passing over those of people before them.
    fn take(&mut self, person: i64) -> Result<Vec<T>> {
        let mut out = Vec::new();
        while let Some((p, item)) = self.ahead.take() {
            if p > person {
                self.ahead = Some((p, item));
                break;
            }
            if p == person {
                out.extend(item);
            }
            self.advance()?;
        }
        Ok(out)
    }
}
