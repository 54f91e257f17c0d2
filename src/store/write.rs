//! Typed records into the tables: which natural key finds each record, which columns it writes,
//! and the checks that need what is already on file (a name that must match its ID number, a
//! studio or enterprise that must exist).

use super::db::Connection;
use super::db::Value;
use anyhow::Result;
use chrono::NaiveDate;

use super::db::OptionalExtension;
use super::payout_write::{in_savepoint, write_batch, write_one, PayoutJudge};
use super::records::OFFICE_CITY;
use super::records::{enterprise_by_code, person_by_id_number, studio_by_name};
use super::upsert::{upsert, Upsert, UpsertOutcome};
use crate::domain::codes::{PayoutCategory, PersonStatus};
use crate::domain::honour::Places;
use crate::domain::payout_rules::{check, Payee, Payment, Violation};
use crate::domain::policy::{self, Book};
use crate::domain::records::*;
use crate::domain::values::{iso_date, same_name};

/// What writing one row did: the combined outcome of the records it touched, or why the store
/// refused it.
pub type Written = std::result::Result<UpsertOutcome, Refusal>;

/// Where a row comes from: its import batch and Excel row number.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub batch: i64,
    pub row: i64,
    /// An edit of one record (`union edit`), not an import row: a blank value clears what is
    /// stored instead of keeping it, and a person's name may change.
    pub edit: bool,
}

impl Origin {
    /// A row of an import (or a command adding one record).
    pub fn row(batch: i64, row: i64) -> Origin {
        Origin {
            batch,
            row,
            edit: false,
        }
    }
}

pub(crate) fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

pub(crate) fn opt_text(s: Option<&str>) -> Option<Value> {
    s.map(text)
}

pub(crate) fn date(d: NaiveDate) -> Value {
    Value::Text(iso_date(d, &mut [0u8; 10]).into_owned())
}

fn opt_date(d: Option<NaiveDate>) -> Option<Value> {
    d.map(date)
}

fn opt_int(i: Option<i64>) -> Option<Value> {
    i.map(Value::Integer)
}

fn opt_bool(b: Option<bool>) -> Option<Value> {
    b.map(|b| Value::Integer(b as i64))
}

/// What one import keeps from row to row: the policy parameters and, for payouts, the one
/// judgement of a payout row with the recipients it has read (see `payout_write`).
pub struct Writer {
    payouts: PayoutJudge,
}

impl Writer {
    pub fn new(book: Book) -> Writer {
        Writer {
            payouts: PayoutJudge::new(book),
        }
    }

    /// A writer for a payout import: the people on file are read in one pass up front.
    pub fn for_payouts(conn: &Connection, book: Book) -> Result<Writer> {
        Ok(Writer {
            payouts: PayoutJudge::for_payouts(conn, book)?,
        })
    }

    pub fn book(&self) -> &Book {
        self.payouts.book()
    }

    /// The judgement of payout rows.
    pub fn payouts(&mut self) -> &mut PayoutJudge {
        &mut self.payouts
    }

    /// Ends an import's writes, before its transaction commits (see `PayoutJudge::finish`).
    pub fn finish(&mut self, conn: &Connection) -> Result<()> {
        self.payouts.finish(conn)
    }
}

/// Writes one row's record inside a savepoint: a row the store refuses half-way leaves nothing
/// behind, whatever it had written before the refusal.
pub fn write_record(
    conn: &Connection,
    at: Origin,
    record: &Record,
    w: &mut Writer,
) -> Result<Written> {
    if let Record::Payout(p) = record {
        return write_one(conn, at, p, &mut w.payouts);
    }
    let written = in_savepoint(conn, |conn| write_unguarded(conn, at, record, w))?;
    learn(conn, record, w)?;
    Ok(written)
}

/// Writes one row's record with no savepoint of its own (the caller holds one).
fn write_unguarded(
    conn: &Connection,
    at: Origin,
    record: &Record,
    w: &mut Writer,
) -> Result<Written> {
    match record {
        Record::Person(p) => write_person(conn, at, p, w.book()),
        Record::Studio(s) => write_studio(conn, at, s),
        Record::StudioResult(r) => write_studio_result(conn, at, r),
        Record::Enterprise(e) => write_enterprise(conn, at, e),
        Record::Agreement(a) => write_agreement(conn, at, a),
        Record::Subsidy(p) => write_subsidy(conn, at, p, w.book()),
        Record::Hardship(h) => write_hardship(conn, at, h, w.book()),
        Record::Union(u) => write_union(conn, at, u),
        Record::Carrier(c) => super::carriers::write_carrier(conn, at, c),
        Record::Payout(p) => write_one(conn, at, p, &mut w.payouts),
    }
}

/// What the payout judge learns from a row once it is written or refused: a person's record
/// as it now stands.
fn learn(conn: &Connection, record: &Record, w: &mut Writer) -> Result<()> {
    if let Record::Person(p) = record {
        w.payouts.refresh(conn, p.id_number.as_str())?;
    }
    Ok(())
}

/// Rows written under one savepoint at most (see [`write_guarded_together`]).
const ROWS_UNDER_ONE_SAVEPOINT: usize = 64;

/// Writes rows that are not payouts with the outcome of each exactly as `write_record` one
/// row at a time gives it. On PostgreSQL, under one savepoint for a stretch of rows instead of
/// one each: a savepoint and its release are two round trips to the server, half of a simple
/// row's (38,000 enterprises, 4 statements a row: 23.8 s; 2 a row: 14.9 s). A named dialect
/// difference: on SQLite, where a savepoint costs no round trip, a savepoint over many rows
/// journals more (the same import: 0.72 s a row at a time, 1.1 s together).
///
/// A row refused before it wrote anything needs no undoing. A row that fails, or is refused
/// after writing, undoes the stretch; the rows before it are written again as they were (the
/// same statements on the same records give the same outcomes), and the row itself alone
/// under its own savepoint, as `write_record` writes it.
fn write_guarded_together(
    conn: &Connection,
    rows: &[(Origin, &Record)],
    w: &mut Writer,
) -> Result<Vec<Written>> {
    if !conn.is_postgres() {
        return rows
            .iter()
            .map(|&(at, record)| write_record(conn, at, record, w))
            .collect();
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut from = 0;
    let mut limit = ROWS_UNDER_ONE_SAVEPOINT;
    while from < rows.len() {
        let stretch = &rows[from..rows.len().min(from + limit)];
        conn.execute_batch("SAVEPOINT import_rows")?;
        let mut written = Vec::with_capacity(stretch.len());
        let mut failed = None;
        for &(at, record) in stretch {
            let changes = conn.changes_so_far();
            match write_unguarded(conn, at, record, w) {
                Ok(Err(refusal)) if conn.changes_so_far() == changes => written.push(Err(refusal)),
                Ok(Ok(done)) => written.push(Ok(done)),
                Ok(Err(_)) => break,
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
            learn(conn, record, w)?;
        }
        if written.len() == stretch.len() {
            conn.execute_batch("RELEASE import_rows")?;
            from += written.len();
            out.extend(written);
            limit = ROWS_UNDER_ONE_SAVEPOINT;
            continue;
        }
        // A failure that the rollback cannot undo is the one to report.
        if let Err(e) = conn.execute_batch("ROLLBACK TO import_rows; RELEASE import_rows") {
            return Err(failed.unwrap_or_else(|| e.into()));
        }
        // Ids as they were before the stretch, so that written again its rows take the same.
        super::align_ids(conn)?;
        match written.len() {
            0 => {
                let (at, record) = rows[from];
                out.push(write_record(conn, at, record, w)?);
                from += 1;
                limit = ROWS_UNDER_ONE_SAVEPOINT;
            }
            n => limit = n,
        }
    }
    Ok(out)
}

/// How many rows of a file [`write_records`] is best given at a time. A named dialect
/// difference: on PostgreSQL every statement is a round trip to the server, and a batch's
/// payouts go in by one COPY after one query for their earlier payouts (4,096 rows to a batch
/// took 100,000 payouts from 391 COPY statements to 25); on SQLite a few hundred rows to a
/// statement already cost no more per row, and smaller batches keep the rows hot.
pub fn rows_written_together(conn: &Connection) -> usize {
    match conn.is_postgres() {
        true => 4096,
        false => 256,
    }
}

/// Writes the rows of one stretch of a file in order, with the outcome of each exactly as
/// `write_record` one row at a time would give it: consecutive payout rows go to the payout
/// writer together (see `payout_write::write_batch`).
pub fn write_records(
    conn: &Connection,
    rows: &[(Origin, &Record)],
    w: &mut Writer,
) -> Result<Vec<Written>> {
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        let payouts: Vec<(Origin, &PayoutRecord)> = rows[i..]
            .iter()
            .map_while(|&(at, r)| match r {
                Record::Payout(p) => Some((at, p)),
                _ => None,
            })
            .collect();
        if payouts.is_empty() {
            let others: Vec<(Origin, &Record)> = rows[i..]
                .iter()
                .take_while(|(_, r)| !matches!(r, Record::Payout(_)))
                .copied()
                .collect();
            i += others.len();
            // A record of another kind may add a payout or a person (a studio's subsidy): the
            // ids drawn ahead for the payouts are given back first, so that its id is the next.
            w.payouts.give_back_ids(conn)?;
            out.extend(write_guarded_together(conn, &others, w)?);
            continue;
        }
        i += payouts.len();
        out.extend(write_batch(conn, &payouts, &mut w.payouts)?);
    }
    Ok(out)
}

/// Combines the outcomes of the records one row wrote: a conflict wins, then "added", then
/// "updated"; the id is the first record's.
pub(crate) fn combine(first: UpsertOutcome, second: UpsertOutcome) -> UpsertOutcome {
    use UpsertOutcome::*;
    let id = first.id().unwrap_or(0);
    match (first, second) {
        (Conflict { row }, _) | (_, Conflict { row }) => Conflict { row },
        (Added(_), _) | (_, Added(_)) => Added(id),
        (Updated(_), _) | (_, Updated(_)) => Updated(id),
        _ => Unchanged(id),
    }
}

pub(crate) fn conflict_to_refusal(o: UpsertOutcome) -> Written {
    match o {
        UpsertOutcome::Conflict { row } => Err(Refusal::Conflict { row }),
        other => Ok(other),
    }
}

/// Finds the person with this ID number, checking the name; adds them from ID and name when
/// not on file and a name is given. `Ok(Err(..))` is a refusal.
pub(crate) fn resolve_person(
    conn: &Connection,
    at: Origin,
    key: &PersonKey,
    unknown: Refusal,
) -> Result<Written> {
    if let Some(p) = person_by_id_number(conn, key.id_number.as_str())? {
        if key.name.as_deref().is_some_and(|n| !same_name(n, &p.name)) {
            return Ok(Err(p.name_mismatch(at)));
        }
        // A district the row gives completes a person on file without one.
        if let (Some(_), None) = (&key.district, &p.district) {
            return Ok(conflict_to_refusal(complete_district(conn, at, key)?));
        }
        return Ok(Ok(UpsertOutcome::Unchanged(p.id)));
    }
    if super::offices::person_elsewhere(conn, key.id_number.as_str())? {
        return Ok(Err(Refusal::HeldElsewhere));
    }
    let Some(name) = &key.name else {
        return Ok(Err(unknown));
    };
    Ok(conflict_to_refusal(add_person(conn, at, key, name)?))
}

/// Gives a person on file the district `key` names.
pub(crate) fn complete_district(
    conn: &Connection,
    at: Origin,
    key: &PersonKey,
) -> Result<UpsertOutcome> {
    upsert(
        conn,
        at,
        &Upsert {
            table: "people",
            key: &[("id_number", text(key.id_number.as_str()))],
            values: &[("district", opt_text(key.district.as_deref()))],
        },
    )
}

/// Adds a person not on file from the ID number, `name` and the district `key` gives.
pub(crate) fn add_person(
    conn: &Connection,
    at: Origin,
    key: &PersonKey,
    name: &str,
) -> Result<UpsertOutcome> {
    let id = &key.id_number;
    let values = [
        ("name", Some(text(name))),
        ("gender", Some(text(id.gender().zh()))),
        ("birth_date", Some(date(id.birth_date()))),
        ("district", opt_text(key.district.as_deref())),
    ];
    upsert(
        conn,
        at,
        &Upsert {
            table: "people",
            key: &[("id_number", text(id.as_str()))],
            values: &values,
        },
    )
}

pub fn write_person(
    conn: &Connection,
    at: Origin,
    p: &PersonRecord,
    book: &Book,
) -> Result<Written> {
    // The name on file is kept when the row spells it another way (`朱　伟` for `朱伟`); only
    // an edit renames.
    let mut name = text(&p.name);
    let found = person_by_id_number(conn, p.id_number.as_str())?;
    if found.is_none() && super::offices::person_elsewhere(conn, p.id_number.as_str())? {
        return Ok(Err(Refusal::HeldElsewhere));
    }
    // 去世 needs its date, from the row or already on file (an edit states it): without one the
    // person would count as dead on every date. (退休 without a date stays accepted: rosters
    // list retired models without one, and the reports count them as retired.)
    let died_on_file = !at.edit && found.as_ref().is_some_and(|x| x.died_on.is_some());
    if p.status == Some(PersonStatus::Deceased) && p.died_on.is_none() && !died_on_file {
        return Ok(Err(Refusal::StatusNeedsDate {
            status: PersonStatus::Deceased,
        }));
    }
    // A status other than 去世 for a person whose date of death is on file: the row cannot
    // clear the date (a blank keeps it), so an edit must.
    if let (Some(status), Some(died), false) = (
        p.status.filter(|s| *s != PersonStatus::Deceased),
        found.as_ref().and_then(|x| x.died_on.clone()),
        at.edit,
    ) {
        if p.died_on.is_none() {
            return Ok(Err(Refusal::StatusAgainstDeath {
                status,
                died_on: died,
            }));
        }
    }
    // 调离 needs its date too: `studio check` warns about a leader from that day.
    let moved_on_file = !at.edit && found.as_ref().is_some_and(|x| x.transferred_on.is_some());
    if p.status == Some(PersonStatus::Transferred) && p.transferred_on.is_none() && !moved_on_file {
        return Ok(Err(Refusal::StatusNeedsDate {
            status: PersonStatus::Transferred,
        }));
    }
    if let Some(found) = found {
        if !at.edit {
            if !same_name(&found.name, &p.name) {
                return Ok(Err(found.name_mismatch(at)));
            }
            name = Value::Text(found.name);
        }
    }
    let values = [
        ("name", Some(name)),
        ("gender", Some(text(p.id_number.gender().zh()))),
        ("birth_date", Some(date(p.id_number.birth_date()))),
        ("mobile", p.mobile.as_ref().map(|m| text(m.as_str()))),
        ("work_unit", opt_text(p.work_unit.as_deref())),
        ("district", opt_text(p.district.as_deref())),
        ("status", p.status.map(|s| text(s.zh()))),
        ("retired_on", opt_date(p.retired_on)),
        ("died_on", opt_date(p.died_on)),
        ("transferred_on", opt_date(p.transferred_on)),
    ];
    let person = upsert(
        conn,
        at,
        &Upsert {
            table: "people",
            key: &[("id_number", text(p.id_number.as_str()))],
            values: &values,
        },
    )?;
    let (Some(person_id), Some(h)) = (person.id(), &p.honour) else {
        return Ok(conflict_to_refusal(person));
    };
    // An honour is the person's title as awarded (its place names its level): a row that gives
    // the year of a title on file without one completes it, and a row without a year is the
    // title on file, never a second copy of it. Only a title held in two different years, or
    // awarded by two places, is two honours.
    let year = h.year.map(i64::from);
    let by = h.awarded_by.as_deref();
    let (place, level) = places(conn, book, h.year)?.place(&h.title);
    let on_file = honour_on_file(conn, person_id, &h.title.title, year, by, place.as_deref())?;
    let (key_year, key_by) = match &on_file {
        Some((y, b)) => (*y, b.as_deref()),
        None => (year, by),
    };
    let key = [
        ("person_id", Value::Integer(person_id)),
        ("title", text(&h.title.title)),
        ("year", key_year.map_or(Value::Null, Value::Integer)),
        ("awarded_by", key_by.map_or(Value::Null, text)),
        ("place", place.as_deref().map_or(Value::Null, text)),
    ];
    let mut values = vec![
        ("kind", Some(text(h.title.kind.code()))),
        ("level", level.map(|l| Value::Integer(l as i64))),
    ];
    if key_year != year {
        values.push(("year", year.map(Value::Integer)));
    }
    if key_by != by {
        values.push(("awarded_by", opt_text(by)));
    }
    // A revocation the row states; a row without one keeps what is on file.
    if let Some((on, why)) = &h.revoked {
        values.push(("revoked_on", Some(date(*on))));
        values.push(("revoked_reason", Some(text(why))));
    }
    let honour = upsert(
        conn,
        at,
        &Upsert {
            table: "honours",
            key: &key,
            values: &values,
        },
    )?;
    Ok(conflict_to_refusal(combine(person, honour)))
}

/// What places the titles of `year` (the office's city, and the county-level cities of the
/// parameter in force on 1 January of it; the latest value for a title without a year).
fn places(conn: &Connection, book: &Book, year: Option<i32>) -> Result<Places> {
    let on = year
        .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        .unwrap_or(NaiveDate::MAX);
    Ok(Places {
        office_city: super::records::setting(conn, OFFICE_CITY)?,
        county_level: book.on(on).places(policy::COUNTY_LEVEL_CITIES),
    })
}

/// Places and levels every stored honour again by what places titles now (after
/// `honour.county_level_cities` or the office's city changed), each by the places of its year as
/// an import would: an honour whose level changes, or whose missing place is now known, is
/// updated in `batch`, with its before-image for undo. Returns how many changed.
pub fn relevel_honours(conn: &Connection, batch: i64) -> Result<usize> {
    let book = super::book(conn)?;
    let mut stmt = conn.prepare("SELECT id, title, place, level, year FROM honours ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        })?
        .collect::<super::db::Result<Vec<_>>>()?;
    let mut by_year = std::collections::HashMap::new();
    let mut changed = 0;
    for (id, title, place, level, year) in rows {
        let year = year.and_then(|y| i32::try_from(y).ok());
        let places = match by_year.entry(year) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(places(conn, &book, year)?),
        };
        let (mut now_place, now) = crate::domain::honour::relevel(&title, place.as_deref(), places);
        let now = now.map(|l| l as i64);
        // A place filled in must not make the honour the same as another one on file.
        if now_place != place {
            let twin: bool = conn
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM honours o JOIN honours h ON h.id = ?1
                      WHERE o.id <> h.id AND o.person_id = h.person_id AND o.title = h.title
                        AND coalesce(o.year, 0) = coalesce(h.year, 0)
                        AND coalesce(o.awarded_by, '') = coalesce(h.awarded_by, '')
                        AND coalesce(o.place, '') = coalesce(?2, ''))",
                )?
                .query_row(super::db::params![id, now_place], |r| r.get(0))?;
            if twin {
                now_place.clone_from(&place);
            }
        }
        if (now_place.as_deref(), now) == (place.as_deref(), level) {
            continue;
        }
        upsert(
            conn,
            Origin::row(batch, 0),
            &Upsert {
                table: "honours",
                key: &[("id", Value::Integer(id))],
                values: &[
                    ("place", Some(now_place.map_or(Value::Null, Value::Text))),
                    ("level", Some(now.map_or(Value::Null, Value::Integer))),
                ],
            },
        )?;
        changed += 1;
    }
    Ok(changed)
}

/// The person's honour `title` on file that a row with `year` and awarding body `by` is: its
/// year and awarding body (either may be blank on file, which the row then completes). A year
/// or an awarding body on both sides must agree; the one matching both is preferred, then the
/// latest.
fn honour_on_file(
    conn: &Connection,
    person: i64,
    title: &str,
    year: Option<i64>,
    by: Option<&str>,
    place: Option<&str>,
) -> Result<Option<(Option<i64>, Option<String>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT year, awarded_by FROM honours WHERE person_id = ?1 AND title = ?2
               AND (CAST(?3 AS BIGINT) IS NULL OR year IS NULL OR year = ?3)
               AND (CAST(?4 AS TEXT) IS NULL OR awarded_by IS NULL OR awarded_by = ?4)
               AND place IS NOT DISTINCT FROM ?5
             ORDER BY year IS NOT DISTINCT FROM ?3 DESC, awarded_by IS NOT DISTINCT FROM ?4 DESC,
                      year DESC NULLS LAST LIMIT 1",
        )?
        .query_row(super::db::params![person, title, year, by, place], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

pub fn write_studio(conn: &Connection, at: Origin, s: &StudioRecord) -> Result<Written> {
    let leader = match resolve_person(conn, at, &s.leader, Refusal::LeaderUnknown)? {
        Ok(o) => o,
        Err(r) => return Ok(Err(r)),
    };
    let enterprise = match &s.credit_code {
        Some(code) => enterprise_by_code(conn, code.as_str())?.map(|(id, _)| id),
        None => None,
    };
    let mut values = vec![
        ("kind", Some(text(s.kind.zh()))),
        ("leader_id", leader.id().map(Value::Integer)),
        ("host_unit", opt_text(s.host_unit.as_deref())),
        (
            "host_credit_code",
            s.credit_code.as_ref().map(|c| text(c.as_str())),
        ),
        ("enterprise_id", enterprise.map(Value::Integer)),
        ("district", opt_text(s.district.as_deref())),
        ("founded_on", opt_date(s.founded_on)),
        ("team_size", opt_int(s.team_size)),
    ];
    for (col, v) in STUDIO_EIGHT_COLUMNS.iter().zip(s.eight) {
        values.push((col, opt_bool(v)));
    }
    let studio = upsert(
        conn,
        at,
        &Upsert {
            table: "studios",
            key: &[("name", text(&s.name))],
            values: &values,
        },
    )?;
    let studio = combine(studio, leader);
    let (Some(studio_id), Some(n)) = (studio.id(), &s.naming) else {
        return Ok(conflict_to_refusal(studio));
    };
    // Namings are history: a studio named again at a level after a revocation has two rows.
    // Within one spell the level is named once: a row with another date for it corrects the
    // date of the naming on file instead of adding a second one.
    let on_file = super::eligibility::studio_facts(conn, studio_id)?
        .and_then(|f| f.naming_in_spell(n.level, n.named_on))
        .map_or(n.named_on, |found| found.named_on);
    let key = [
        ("studio_id", Value::Integer(studio_id)),
        ("level", text(n.level.zh())),
        ("named_on", date(on_file)),
    ];
    let mut values = vec![
        ("batch_no", opt_int(n.batch)),
        ("approximate", Some(Value::Integer(n.approximate.into()))),
    ];
    if on_file != n.named_on {
        values.push(("named_on", Some(date(n.named_on))));
    }
    let naming = upsert(
        conn,
        at,
        &Upsert {
            table: "studio_namings",
            key: &key,
            values: &values,
        },
    )?;
    // The naming's one-time subsidy is paid on its date: a corrected date moves it along.
    if on_file != n.named_on && matches!(naming, UpsertOutcome::Updated(_)) {
        let subsidy = [
            ("studio_id", Value::Integer(studio_id)),
            ("category", text(PayoutCategory::StudioSubsidy.code())),
            ("paid_on", date(on_file)),
        ];
        let exists = super::eligibility::studio_subsidies(conn, studio_id)?
            .iter()
            .any(|(_, d)| *d == on_file);
        if exists {
            let moved = upsert(
                conn,
                at,
                &Upsert {
                    table: "payouts",
                    key: &subsidy,
                    values: &[("paid_on", Some(date(n.named_on)))],
                },
            )?;
            if let UpsertOutcome::Conflict { row } = moved {
                return Ok(Err(Refusal::Conflict { row }));
            }
        }
    }
    Ok(conflict_to_refusal(combine(studio, naming)))
}

/// The 八有 columns of the studios table, in the standard's order.
const STUDIO_EIGHT_COLUMNS: [&str; 8] = [
    "has_model",
    "has_team",
    "has_place",
    "has_rules",
    "has_funds",
    "has_plan",
    "has_activities",
    "has_results",
];

/// The yearly-result count columns, in the order of `StudioResultRecord::counts`.
const RESULT_COUNT_COLUMNS: [&str; 7] = [
    "topics",
    "problems_solved",
    "tech_improvements",
    "patents",
    "invention_patents",
    "trained",
    "upgraded",
];

pub fn write_studio_result(
    conn: &Connection,
    at: Origin,
    r: &StudioResultRecord,
) -> Result<Written> {
    let Some(studio_id) = studio_by_name(conn, &r.studio)? else {
        return Ok(Err(Refusal::StudioUnknown));
    };
    let mut values: Vec<(&'static str, Option<Value>)> = RESULT_COUNT_COLUMNS
        .iter()
        .zip(r.counts)
        .map(|(c, v)| (*c, opt_int(v)))
        .collect();
    values.push((
        "economic_benefit",
        r.economic_benefit.map(|m| Value::Integer(m.fen())),
    ));
    let key = [
        ("studio_id", Value::Integer(studio_id)),
        ("year", Value::Integer(r.year.into())),
    ];
    Ok(conflict_to_refusal(upsert(
        conn,
        at,
        &Upsert {
            table: "studio_results",
            key: &key,
            values: &values,
        },
    )?))
}

pub fn write_enterprise(conn: &Connection, at: Origin, e: &EnterpriseRecord) -> Result<Written> {
    let values = [
        ("name", Some(text(&e.name))),
        ("district", opt_text(e.district.as_deref())),
        ("industry", opt_text(e.industry.as_deref())),
        ("ownership", opt_text(e.ownership.as_deref())),
        ("employees", opt_int(e.employees)),
        ("has_union", opt_bool(e.has_union)),
        ("members", opt_int(e.members)),
        ("fortune500", opt_bool(e.fortune500)),
        ("women_contract", opt_bool(e.women_contract)),
        ("employee_directors", opt_bool(e.employee_directors)),
        ("open_affairs", opt_bool(e.open_affairs)),
    ];
    let key = [("credit_code", text(e.credit_code.as_str()))];
    Ok(conflict_to_refusal(upsert(
        conn,
        at,
        &Upsert {
            table: "enterprises",
            key: &key,
            values: &values,
        },
    )?))
}

pub fn write_agreement(conn: &Connection, at: Origin, a: &AgreementRecord) -> Result<Written> {
    let enterprise = match enterprise_by_code(conn, a.credit_code.as_str())? {
        Some((id, name)) => {
            if a.enterprise_name
                .as_deref()
                .is_some_and(|n| !same_name(n, &name))
            {
                return Ok(Err(Refusal::EnterpriseNameMismatch { on_file: name }));
            }
            UpsertOutcome::Unchanged(id)
        }
        None => {
            let Some(name) = &a.enterprise_name else {
                return Ok(Err(Refusal::EnterpriseUnknown));
            };
            let key = [("credit_code", text(a.credit_code.as_str()))];
            upsert(
                conn,
                at,
                &Upsert {
                    table: "enterprises",
                    key: &key,
                    values: &[("name", Some(text(name)))],
                },
            )?
        }
    };
    let Some(enterprise_id) = enterprise.id() else {
        return Ok(conflict_to_refusal(enterprise));
    };
    if let Some(no) = &a.agreement_no {
        if let Some((from, to)) =
            super::records::agreement_number_dates(conn, no, enterprise_id, a.effective_from)?
        {
            if (from.as_str(), to.as_str())
                != (
                    &*iso_date(a.effective_from, &mut [0u8; 10]),
                    &*iso_date(a.expires_on, &mut [0u8; 10]),
                )
            {
                return Ok(Err(Refusal::AgreementNumberDates {
                    effective_from: from,
                    expires_on: to,
                }));
            }
        }
    }
    let key = [
        ("enterprise_id", Value::Integer(enterprise_id)),
        ("effective_from", date(a.effective_from)),
    ];
    let values = [
        ("agreement_no", opt_text(a.agreement_no.as_deref())),
        ("signed_on", opt_date(a.signed_on)),
        ("expires_on", Some(date(a.expires_on))),
        ("workers_covered", opt_int(a.workers_covered)),
        ("form", a.form.map(|f| text(f.zh()))),
        ("wage_increase", opt_int(a.wage_increase)),
    ];
    let agreement = upsert(
        conn,
        at,
        &Upsert {
            table: "agreements",
            key: &key,
            values: &values,
        },
    )?;
    Ok(conflict_to_refusal(combine(agreement, enterprise)))
}

/// A studio's one-time naming subsidy from a payout file (the payouts export writes them so):
/// the studio must be on file with a naming on the day, the amount the standard then in force
/// for that level, and it is the naming's only subsidy (rule 5), as `studio name` records it.
pub fn write_subsidy(
    conn: &Connection,
    at: Origin,
    p: &SubsidyRecord,
    params: &Book,
) -> Result<Written> {
    let Some(studio) = studio_by_name(conn, &p.studio)? else {
        return Ok(Err(Refusal::StudioUnknown));
    };
    let Some(level) = super::eligibility::naming_on(conn, studio, p.paid_on)? else {
        return Ok(Err(Refusal::SubsidyWithoutNaming));
    };
    // The subsidies already paid for the same naming, this one apart (same day, same amount).
    let facts = super::eligibility::studio_facts(conn, studio)?;
    let naming = facts
        .as_ref()
        .and_then(|f| f.naming_in_spell(level, p.paid_on));
    let mut others = Vec::new();
    let mut this = false;
    for (_, paid_on) in super::eligibility::studio_subsidies(conn, studio)? {
        let that = super::eligibility::naming_on(conn, studio, paid_on)?;
        let spell = facts
            .as_ref()
            .and_then(|f| f.naming_in_spell(level, paid_on));
        if that == Some(level) && spell == naming {
            if paid_on == p.paid_on && !this {
                this = true;
            } else {
                others.push(paid_on.into());
            }
        }
    }
    // Any other subsidy for the naming, earlier or later, makes this one a second.
    let payment = Payment::new(PayoutCategory::StudioSubsidy, p.amount, p.paid_on);
    let policy = params.on(p.paid_on);
    let kind = facts.as_ref().map(|f| f.kind);
    let mut violations = check(&payment, Payee::Studio(Some(level), kind), &others, &policy);
    if let Some(v) = &p.voucher {
        let owner: Option<Option<i64>> = conn
            .prepare_cached("SELECT studio_id FROM payouts WHERE voucher = ?1")?
            .query_row([v], |r| r.get(0))
            .optional()?;
        if owner.is_some_and(|o| o != Some(studio)) {
            violations.push(Violation::VoucherUsed { voucher: v.clone() });
        }
    }
    if !violations.is_empty() {
        violations.sort_by_key(Violation::rule);
        return Ok(Err(Refusal::PayoutRules(violations)));
    }
    let studio_key = [
        ("studio_id", Value::Integer(studio)),
        ("category", text(PayoutCategory::StudioSubsidy.code())),
        ("paid_on", date(p.paid_on)),
    ];
    let values = [
        ("amount", Some(Value::Integer(p.amount.fen()))),
        ("voucher", opt_text(p.voucher.as_deref())),
        ("note", opt_text(p.note.as_deref())),
    ];
    Ok(conflict_to_refusal(upsert(
        conn,
        at,
        &Upsert {
            table: "payouts",
            key: &studio_key,
            values: &values,
        },
    )?))
}

pub fn write_hardship(
    conn: &Connection,
    at: Origin,
    h: &HardshipRecord,
    book: &Book,
) -> Result<Written> {
    let person = match resolve_person(conn, at, &h.person, Refusal::LeaderUnknown)? {
        Ok(o) => o,
        Err(r) => return Ok(Err(r)),
    };
    let Some(person_id) = person.id() else {
        return Ok(conflict_to_refusal(person));
    };
    // The declared type against the family's income and the 低保 standard of the opening day.
    if let Some(income) = &h.income {
        let policy = book.on(h.opened_on);
        let standard = policy.money(policy::DIBAO_MONTHLY);
        if income.contradicts(h.kind, standard) {
            return Ok(Err(Refusal::HardshipTypeAgainstIncome {
                by_income: income.classify(standard),
                per_capita: income.per_capita_monthly(),
                param: policy.get(policy::DIBAO_MONTHLY).clone(),
            }));
        }
    }
    let opened_iso = iso_date(h.opened_on, &mut [0u8; 10]).into_owned();
    // One open file per person, and per household (户号): the other open file is named.
    if h.closed_on.is_none() {
        if let Some((_, on)) =
            super::records::open_hardship_file(conn, person_id, None, &opened_iso)?
        {
            return Ok(Err(Refusal::HardshipFileOpen { opened_on: on }));
        }
        if let Some(household) = &h.household {
            let other =
                super::records::open_hardship_file(conn, person_id, Some(household), &opened_iso)?;
            if let Some((name, on)) = other {
                return Ok(Err(Refusal::HouseholdFileOpen {
                    name,
                    opened_on: on,
                }));
            }
        }
    }
    let key = [
        ("person_id", Value::Integer(person_id)),
        ("opened_on", Value::Text(opened_iso)),
    ];
    let (annual, rigid, size) = match &h.income {
        Some(i) => (
            Some(Value::Integer(i.annual.fen())),
            Some(Value::Integer(i.rigid.fen())),
            Some(Value::Integer(i.size)),
        ),
        None => (None, None, None),
    };
    let values = [
        ("type", Some(text(h.kind.zh()))),
        ("closed_on", opt_date(h.closed_on)),
        ("cause", opt_text(h.cause.as_deref())),
        ("household", opt_text(h.household.as_deref())),
        ("exit_reason", h.exit.map(|e| text(e.zh()))),
        ("reviewed_on", opt_date(h.reviewed_on)),
        ("annual_income", annual),
        ("rigid_expenses", rigid),
        ("household_size", size),
    ];
    let file = upsert(
        conn,
        at,
        &Upsert {
            table: "hardship_files",
            key: &key,
            values: &values,
        },
    )?;
    Ok(conflict_to_refusal(combine(file, person)))
}

/// The figures a union's history keeps by statistics date (统计日期).
const UNION_FIGURES: [&str; 4] = ["workers", "members", "women_members", "migrant_members"];

/// Writes a union and its figures as of its 统计日期. The union's own row carries the figures of
/// its latest date: a row dated before the latest on file goes into the history only.
pub fn write_union(conn: &Connection, at: Origin, u: &UnionRecord) -> Result<Written> {
    let day = iso_date(u.as_of, &mut [0u8; 10]).into_owned();
    let latest: Option<String> = conn
        .prepare_cached(
            "SELECT max(f.as_of) FROM union_figures f JOIN unions n ON n.id = f.union_id
              WHERE n.name = ?1",
        )?
        .query_row([&u.name], |r| r.get(0))?;
    let older = latest.is_some_and(|l| l > day);
    let given = [u.workers, u.members, u.women_members, u.migrant_members];
    let mut values = vec![
        (
            "credit_code",
            opt_text(u.credit_code.as_ref().map(|c| c.as_str())),
        ),
        ("district", opt_text(u.district.as_deref())),
        ("form", u.form.map(|f| text(f.zh()))),
        (
            "unit_credit_code",
            opt_text(u.unit_credit_code.as_ref().map(|c| c.as_str())),
        ),
        ("units_covered", opt_int(u.units_covered)),
        ("founded_on", opt_date(u.founded_on)),
        ("committee_on", opt_date(u.committee_on)),
        ("term_years", opt_int(u.term_years)),
        ("cadres", opt_int(u.cadres)),
        ("has_congress", opt_bool(u.has_congress)),
    ];
    if !older {
        values.extend(UNION_FIGURES.into_iter().zip(given.map(opt_int)));
    }
    let key = [("name", text(&u.name))];
    let union = upsert(
        conn,
        at,
        &Upsert {
            table: "unions",
            key: &key,
            values: &values,
        },
    )?;
    let Some(id) = union.id() else {
        // An earlier row of this file gave the union at an earlier date: said as such.
        if let UpsertOutcome::Conflict { row } = union {
            let earlier: Option<String> = conn
                .prepare_cached(
                    "SELECT max(f.as_of) FROM union_figures f JOIN unions n ON n.id = f.union_id
                      WHERE n.name = ?1 AND f.batch_id = ?2 AND f.as_of < ?3",
                )?
                .query_row(super::db::params![&u.name, at.batch, &day], |r| r.get(0))?;
            if let Some(as_of) = earlier {
                return Ok(Err(Refusal::UnionDatesOutOfOrder { row, as_of }));
            }
        }
        return Ok(conflict_to_refusal(union));
    };
    let figures = union_figures_dated(conn, at, id, Value::Text(day), given)?;
    use UpsertOutcome::{Added, Unchanged, Updated};
    Ok(conflict_to_refusal(match (union, figures) {
        (Added(_), _) | (_, None | Some(Unchanged(_))) => union,
        (_, Some(Added(_) | Updated(_))) => Updated(id),
        (_, Some(conflict)) => conflict,
    }))
}

/// Keeps union `id`'s figures as of `as_of` in its history: those the row gives, a blank cell
/// keeping the figure in force on that day (its latest dated on or before it; with none, the
/// union's own), and an edit's blank clearing it. Nothing is written when the figures in force
/// on that day are these already: an import of the same file on another day adds nothing.
fn union_figures_dated(
    conn: &Connection,
    at: Origin,
    id: i64,
    as_of: Value,
    given: [Option<i64>; 4],
) -> Result<Option<UpsertOutcome>> {
    let figures = |r: &super::db::Row<'_>| (0..4).map(|i| r.get::<_, Value>(i)).collect();
    let in_force: Option<Vec<Value>> = conn
        .prepare_cached(
            "SELECT workers, members, women_members, migrant_members FROM union_figures
              WHERE union_id = ?1 AND as_of <= ?2 ORDER BY as_of DESC LIMIT 1",
        )?
        .query_row(super::db::params![id, &as_of], figures)
        .optional()?;
    let kept = match &in_force {
        Some(f) => f.clone(),
        None => conn
            .prepare_cached(
                "SELECT workers, members, women_members, migrant_members FROM unions WHERE id = ?1",
            )?
            .query_row([id], figures)?,
    };
    let now: Vec<Value> = given
        .into_iter()
        .zip(kept)
        .map(|(g, k)| match g {
            Some(n) => Value::Integer(n),
            None if at.edit => Value::Null,
            None => k,
        })
        .collect();
    if in_force.as_ref() == Some(&now) {
        return Ok(None);
    }
    let key = [("union_id", Value::Integer(id)), ("as_of", as_of)];
    let values: Vec<(&'static str, Option<Value>)> = UNION_FIGURES
        .into_iter()
        .zip(now)
        .map(|(c, v)| (c, Some(v)))
        .collect();
    Ok(Some(upsert(
        conn,
        at,
        &Upsert {
            table: "union_figures",
            key: &key,
            values: &values,
        },
    )?))
}
