//! Typed records into the tables: which natural key finds each record, which columns it writes,
//! and the checks that need what is already on file (a name that must match its ID number, a
//! studio or enterprise that must exist).

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;

use super::eligibility::{payout_dates, recipient_with};
use super::records::{enterprise_by_code, person_by_id_number, studio_by_name};
use super::upsert::{upsert, Upsert, UpsertOutcome};
use crate::domain::codes::{PayoutCategory, PersonStatus};
use crate::domain::payout_rules::{check, needs, Needs, Payment, Recipient, Violation};
use crate::domain::policy::Book;
use crate::domain::records::*;
use crate::domain::values::{iso_date, name_key, same_name};
use rusqlite::OptionalExtension;
use std::collections::HashMap;
use std::hash::BuildHasher;

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

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn opt_text(s: Option<&str>) -> Option<Value> {
    s.map(text)
}

fn date(d: NaiveDate) -> Value {
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

/// What one import keeps from row to row: the policy parameters and the payout recipients on
/// file (people resolved through memory rather than a query per row).
pub struct Writer {
    book: Book,
    people: HashMap<u64, Known>,
    names: std::hash::RandomState,
}

/// A person on file as the payout rules that need no titles or files see them; the name is
/// kept as a hash (a row's name is only ever compared with it), so that a city's people fit.
struct Known {
    id: i64,
    name: u64,
    /// Whether the person has a district on file (a row giving one otherwise goes the full
    /// path, which completes it).
    has_district: bool,
    status: PersonStatus,
    retired_on: Option<NaiveDate>,
    died_on: Option<NaiveDate>,
}

/// An ID number as a number, for the people map: 17 digits and the check character (X as
/// 10), so the key is 8 bytes rather than 18 (the map is looked up once per payout row and a
/// city's people do not fit in the processor's caches). `None` for any other text.
fn person_key(id_number: &str) -> Option<u64> {
    let b = id_number.as_bytes();
    let (first17, last) = (b.get(..17)?, *b.get(17)?);
    if b.len() != 18 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let check = match last {
        b'0'..=b'9' => u64::from(last - b'0'),
        b'X' => 10,
        _ => return None,
    };
    let digits = first17
        .iter()
        .fold(0u64, |v, d| v * 10 + u64::from(d - b'0'));
    Some(digits * 11 + check)
}

/// People kept in memory at most (about 64 bytes each): past it, the rest are looked up one
/// query at a time, so memory stays bounded whatever the size of the people table.
const KNOWN_PEOPLE: usize = 500_000;

const KNOWN_SELECT: &str =
    "SELECT id_number, id, name, status, retired_on, died_on, district IS NOT NULL FROM people";

impl Writer {
    pub fn new(book: Book) -> Writer {
        Writer {
            book,
            people: HashMap::new(),
            names: std::hash::RandomState::new(),
        }
    }

    /// A writer for a payout import: the people on file are read in one pass up front.
    pub fn for_payouts(conn: &Connection, book: Book) -> Result<Writer> {
        let mut w = Writer::new(book);
        let mut stmt = conn.prepare(&format!("{KNOWN_SELECT} LIMIT {KNOWN_PEOPLE}"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key: String = r.get(0)?;
            let known = w.known_from(r)?;
            if let Some(key) = person_key(&key) {
                w.people.insert(key, known);
            }
        }
        Ok(w)
    }

    pub fn book(&self) -> &Book {
        &self.book
    }

    fn known_from(&self, r: &rusqlite::Row<'_>) -> rusqlite::Result<Known> {
        Ok(Known {
            id: r.get(1)?,
            name: self.names.hash_one(name_key(r.get_ref(2)?.as_str()?)),
            status: PersonStatus::parse(r.get_ref(3)?.as_str()?).unwrap_or(PersonStatus::Active),
            retired_on: r.get::<_, Option<String>>(4)?.and_then(|d| d.parse().ok()),
            died_on: r.get::<_, Option<String>>(5)?.and_then(|d| d.parse().ok()),
            has_district: r.get(6)?,
        })
    }

    /// The person with this ID number, from memory or the store.
    fn known(&mut self, conn: &Connection, id_number: &str) -> Result<Option<&Known>> {
        let Some(key) = person_key(id_number) else {
            return Ok(None);
        };
        if !self.people.contains_key(&key) {
            let found = conn
                .prepare_cached(&format!("{KNOWN_SELECT} WHERE id_number = ?1"))?
                .query_row([id_number], |r| self.known_from(r))
                .optional()?;
            let Some(found) = found else { return Ok(None) };
            if self.people.len() >= KNOWN_PEOPLE {
                self.people.clear();
            }
            self.people.insert(key, found);
        }
        Ok(self.people.get(&key))
    }

    /// Forgets a person whose record a row may have changed.
    fn forget(&mut self, id_number: &str) {
        if let Some(key) = person_key(id_number) {
            self.people.remove(&key);
        }
    }
}

/// Writes one row's record inside a savepoint: a row the store refuses half-way leaves nothing
/// behind, whatever it had written before the refusal. The common payout row — a new voucher
/// for someone on file, in a category whose rules need neither titles nor hardship files — is
/// one insert (see `quick_payout`).
pub fn write_record(
    conn: &Connection,
    at: Origin,
    record: &Record,
    w: &mut Writer,
) -> Result<Written> {
    if let Record::Payout(p) = record {
        if let Some(done) = insert_new_payout(conn, at, p, w)? {
            return Ok(Ok(done));
        }
    }
    conn.prepare_cached("SAVEPOINT import_row")?.execute([])?;
    let written = match record {
        Record::Person(p) => {
            w.forget(p.id_number.as_str());
            write_person(conn, at, p)
        }
        Record::Studio(s) => write_studio(conn, at, s),
        Record::StudioResult(r) => write_studio_result(conn, at, r),
        Record::Enterprise(e) => write_enterprise(conn, at, e),
        Record::Agreement(a) => write_agreement(conn, at, a),
        Record::Payout(p) => write_payout(conn, at, p, &w.book),
        Record::Subsidy(p) => write_subsidy(conn, at, p, &w.book),
        Record::Hardship(h) => write_hardship(conn, at, h),
    }?;
    if written.is_err() {
        conn.prepare_cached("ROLLBACK TO import_row")?.execute([])?;
    }
    conn.prepare_cached("RELEASE import_row")?.execute([])?;
    Ok(written)
}

/// Writes the rows of one stretch of a file in order, with the outcome of each exactly as
/// `write_record` one row at a time would give it. Consecutive payouts that the one-insert path
/// takes are written many to a statement: one statement per row spends about a quarter of the
/// insert time starting and finishing statements (measured on a million payouts).
pub fn write_records(
    conn: &Connection,
    rows: &[(Origin, &Record)],
    w: &mut Writer,
) -> Result<Vec<Written>> {
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        let run = quick_run(conn, &rows[i..], w)?;
        if run.is_empty() {
            let (at, record) = rows[i];
            out.push(write_record(conn, at, record, w)?);
            i += 1;
            continue;
        }
        let end = i + run.len();
        let inserted = insert_payouts(conn, &run)?;
        out.extend(inserted.iter().map(|&id| Ok(UpsertOutcome::Added(id))));
        // A row the insert left out (its voucher already on file, or a value the table
        // refuses) and every row after it go one at a time, in order, as if the run had
        // stopped before it: one at a time, the full path explains or raises what went wrong.
        for &(at, record) in &rows[i + inserted.len()..end] {
            out.push(write_record(conn, at, record, w)?);
        }
        i = end;
    }
    Ok(out)
}

/// A payout the one-insert path takes, with its recipient's id.
struct Quick<'a> {
    at: Origin,
    payout: &'a PayoutRecord,
    person: i64,
}

/// The payouts at the start of `rows` that the one-insert path takes together. The run stops at a row that path does not take, and at a row whose rules read
/// earlier payouts of a person and category already in the run (that row is judged again once
/// the run is in the table). A voucher given twice needs no stop: the insert leaves the second
/// out, and from there rows go one at a time.
fn quick_run<'a>(
    conn: &Connection,
    rows: &[(Origin, &'a Record)],
    w: &mut Writer,
) -> Result<Vec<Quick<'a>>> {
    let mut run = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for &(at, record) in rows {
        let Record::Payout(p) = record else { break };
        let Some(person) = quick_payout(conn, p, w, |person| seen.contains(&(person, p.category)))?
        else {
            break;
        };
        seen.insert((person, p.category));
        run.push(Quick {
            at,
            payout: p,
            person,
        });
    }
    Ok(run)
}

/// The one-insert path's judgement of a payout: the recipient's id when they are on file
/// under this name, the voucher is given, the category's rules need neither titles nor
/// hardship files, and the same `check` as the full path passes. Earlier payouts are read
/// from the person index with no exception for this voucher: if the voucher is already on file
/// the insert does nothing and the full path decides, and the rules that read earlier payouts
/// only ever find more to object to in a longer list, so a pass here is a pass there.
/// `pending(person)` says that payouts of this person and category are waiting to be written:
/// then earlier payouts cannot be read yet, and the answer is `None`. Anything else — a rule
/// broken, a voucher already used — is `None` and goes the full way, which explains it.
fn quick_payout(
    conn: &Connection,
    p: &PayoutRecord,
    w: &mut Writer,
    pending: impl Fn(i64) -> bool,
) -> Result<Option<i64>> {
    if p.voucher.is_none() {
        return Ok(None);
    }
    let policy = w.book.on(p.paid_on);
    let need = needs(p.category, &policy);
    if p.category == PayoutCategory::StudioSubsidy || need.titles || need.files {
        return Ok(None);
    }
    let name = p
        .recipient
        .name
        .as_deref()
        .map(|n| w.names.hash_one(name_key(n)));
    let Some(known) = w.known(conn, p.recipient.id_number.as_str())? else {
        return Ok(None);
    };
    if name.is_some_and(|n| n != known.name)
        || (need.earlier && pending(known.id))
        || (p.recipient.district.is_some() && !known.has_district)
    {
        return Ok(None);
    }
    let who = Recipient {
        status: known.status,
        retired_on: known.retired_on,
        died_on: known.died_on,
        titles: Vec::new(),
        hardship: Vec::new(),
    };
    let payment = Payment {
        category: p.category,
        amount: p.amount,
        paid_on: p.paid_on,
    };
    let others = if need.earlier {
        payout_dates(conn, known.id, p.category, None)?
    } else {
        Vec::new()
    };
    Ok(check(&payment, &who, &others, &policy)
        .is_empty()
        .then_some(known.id))
}

/// The columns a payout row inserts, in the order `bind_payout` binds them.
const PAYOUT_COLUMNS: &str =
    "payouts (person_id, category, amount, paid_on, voucher, note, created_batch, batch_id, batch_row)";

/// Binds one payout's values from parameter `first` on; returns the next free parameter.
fn bind_payout(
    stmt: &mut rusqlite::Statement<'_>,
    first: usize,
    at: Origin,
    p: &PayoutRecord,
    person: i64,
) -> Result<usize> {
    let mut day = [0u8; 10];
    stmt.raw_bind_parameter(first, person)?;
    stmt.raw_bind_parameter(first + 1, p.category.code())?;
    stmt.raw_bind_parameter(first + 2, p.amount.fen())?;
    stmt.raw_bind_parameter(first + 3, iso_date(p.paid_on, &mut day))?;
    stmt.raw_bind_parameter(first + 4, &p.voucher)?;
    stmt.raw_bind_parameter(first + 5, &p.note)?;
    stmt.raw_bind_parameter(first + 6, at.batch)?;
    stmt.raw_bind_parameter(first + 7, at.batch)?;
    stmt.raw_bind_parameter(first + 8, at.row)?;
    Ok(first + 9)
}

/// Rows per multi-row insert, largest first: a run is written in statements of these sizes,
/// so that few distinct statements are prepared.
const INSERT_SIZES: [usize; 4] = [64, 16, 4, 1];

/// Inserts a run of payouts judged by `quick_payout`, many rows to a statement. `INSERT OR
/// IGNORE` leaves out a row whose voucher is already on file (or, should it ever happen, a row
/// breaking a CHECK), so that no statement can fail half-way and none needs a statement
/// journal. Returns the ids of the leading rows inserted in order: when a row was left out, the
/// rows after it inserted by the same statement are deleted again, and the caller writes them
/// one at a time. New rows take the largest id plus one (no AUTOINCREMENT), so a statement's
/// rows are the newest ids, in order.
fn insert_payouts(conn: &Connection, rows: &[Quick<'_>]) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(rows.len());
    let mut from = 0;
    while from < rows.len() {
        let size = INSERT_SIZES
            .into_iter()
            .find(|&s| s <= rows.len() - from)
            .unwrap_or(1);
        let values = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?)"; size].join(", ");
        let mut stmt = conn.prepare_cached(&format!(
            "INSERT OR IGNORE INTO {PAYOUT_COLUMNS} VALUES {values}"
        ))?;
        let mut param = 1;
        for q in &rows[from..from + size] {
            param = bind_payout(&mut stmt, param, q.at, q.payout, q.person)?;
        }
        let inserted = stmt.raw_execute()?;
        if inserted == size {
            let last = conn.last_insert_rowid();
            ids.extend(last - size as i64 + 1..=last);
            from += size;
            continue;
        }
        // The rows this statement inserted, in order, and the first row it left out.
        let mut newest: Vec<(i64, i64)> = conn
            .prepare_cached("SELECT id, batch_row FROM payouts ORDER BY id DESC LIMIT ?1")?
            .query_map([inserted as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        newest.reverse();
        let kept = rows[from..from + size]
            .iter()
            .zip(&newest)
            .take_while(|(q, (_, row))| q.at.row == *row)
            .count();
        if let Some(&(first_undone, _)) = newest.get(kept) {
            conn.prepare_cached("DELETE FROM payouts WHERE id >= ?1")?
                .execute([first_undone])?;
        }
        ids.extend(newest[..kept].iter().map(|(id, _)| *id));
        break;
    }
    Ok(ids)
}

/// A payout the one-insert path takes, written on its own (`None` when its voucher is already
/// on file: the full path decides).
fn insert_new_payout(
    conn: &Connection,
    at: Origin,
    p: &PayoutRecord,
    w: &mut Writer,
) -> Result<Option<UpsertOutcome>> {
    let Some(person) = quick_payout(conn, p, w, |_| false)? else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO {PAYOUT_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (voucher) DO NOTHING"
    ))?;
    bind_payout(&mut stmt, 1, at, p, person)?;
    let inserted = stmt.raw_execute()?;
    Ok((inserted == 1).then(|| UpsertOutcome::Added(conn.last_insert_rowid())))
}

/// Combines the outcomes of the records one row wrote: a conflict wins, then "added", then
/// "updated"; the id is the first record's.
fn combine(first: UpsertOutcome, second: UpsertOutcome) -> UpsertOutcome {
    use UpsertOutcome::*;
    let id = first.id().unwrap_or(0);
    match (first, second) {
        (Conflict { row }, _) | (_, Conflict { row }) => Conflict { row },
        (Added(_), _) | (_, Added(_)) => Added(id),
        (Updated(_), _) | (_, Updated(_)) => Updated(id),
        _ => Unchanged(id),
    }
}

fn conflict_to_refusal(o: UpsertOutcome) -> Written {
    match o {
        UpsertOutcome::Conflict { row } => Err(Refusal::Conflict { row }),
        other => Ok(other),
    }
}

/// Finds the person with this ID number, checking the name; adds them from ID and name when
/// not on file and a name is given. `Ok(Err(..))` is a refusal.
fn resolve_person(
    conn: &Connection,
    at: Origin,
    key: &PersonKey,
    unknown: Refusal,
) -> Result<Written> {
    if let Some(p) = person_by_id_number(conn, key.id_number.as_str())? {
        if key.name.as_deref().is_some_and(|n| !same_name(n, &p.name)) {
            return Ok(Err(Refusal::NameMismatch { on_file: p.name }));
        }
        // A district the row gives completes a person on file without one.
        if let (Some(d), None) = (&key.district, &p.district) {
            return Ok(conflict_to_refusal(upsert(
                conn,
                at,
                &Upsert {
                    table: "people",
                    key: &[("id_number", text(key.id_number.as_str()))],
                    values: &[("district", Some(text(d)))],
                },
            )?));
        }
        return Ok(Ok(UpsertOutcome::Unchanged(p.id)));
    }
    let Some(name) = &key.name else {
        return Ok(Err(unknown));
    };
    let id = &key.id_number;
    let values = [
        ("name", Some(text(name))),
        ("gender", Some(text(id.gender().zh()))),
        ("birth_date", Some(date(id.birth_date()))),
        ("district", opt_text(key.district.as_deref())),
    ];
    Ok(conflict_to_refusal(upsert(
        conn,
        at,
        &Upsert {
            table: "people",
            key: &[("id_number", text(id.as_str()))],
            values: &values,
        },
    )?))
}

pub fn write_person(conn: &Connection, at: Origin, p: &PersonRecord) -> Result<Written> {
    // The name on file is kept when the row spells it another way (`朱　伟` for `朱伟`); only
    // an edit renames.
    let mut name = text(&p.name);
    let found = person_by_id_number(conn, p.id_number.as_str())?;
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
                return Ok(Err(Refusal::NameMismatch {
                    on_file: found.name,
                }));
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
    // An honour is the person's title (the title names its level): a row that gives the year
    // of a title on file without one completes it, and a row without a year is the title on
    // file, never a second copy of it. Only a title held in two different years is two honours.
    let year = h.year.map(i64::from);
    let by = h.awarded_by.as_deref();
    let on_file = honour_on_file(conn, person_id, h.title.zh(), year, by)?;
    let (key_year, key_by) = match &on_file {
        Some((y, b)) => (*y, b.as_deref()),
        None => (year, by),
    };
    let key = [
        ("person_id", Value::Integer(person_id)),
        ("title", text(h.title.zh())),
        ("year", key_year.map_or(Value::Null, Value::Integer)),
        ("awarded_by", key_by.map_or(Value::Null, text)),
    ];
    let mut values = vec![
        ("kind", Some(text(h.title.kind().code()))),
        ("level", Some(Value::Integer(h.title.level() as i64))),
    ];
    if key_year != year {
        values.push(("year", year.map(Value::Integer)));
    }
    if key_by != by {
        values.push(("awarded_by", opt_text(by)));
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
) -> Result<Option<(Option<i64>, Option<String>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT year, awarded_by FROM honours WHERE person_id = ?1 AND title = ?2
               AND (?3 IS NULL OR year IS NULL OR year = ?3)
               AND (?4 IS NULL OR awarded_by IS NULL OR awarded_by = ?4)
             ORDER BY year IS ?3 DESC, awarded_by IS ?4 DESC, year DESC LIMIT 1",
        )?
        .query_row(rusqlite::params![person, title, year, by], |r| {
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
    let key = [
        ("enterprise_id", Value::Integer(enterprise_id)),
        ("effective_from", date(a.effective_from)),
    ];
    let values = [
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

/// Writes a payout after checking it against the payout rules (SPEC §6.2) with the parameters
/// in force on its date (`params`: every dated parameter value stored). Earlier rows of the
/// same import are already written, so they count.
pub fn write_payout(
    conn: &Connection,
    at: Origin,
    p: &PayoutRecord,
    params: &Book,
) -> Result<Written> {
    if p.category == PayoutCategory::StudioSubsidy {
        return Ok(Err(Refusal::StudioSubsidyByImport));
    }
    let policy = params.on(p.paid_on);
    // Read only what the rules of this category need.
    let Needs {
        titles,
        files,
        earlier: counted,
    } = needs(p.category, &policy);
    let found = person_by_id_number(conn, p.recipient.id_number.as_str())?;
    let mut violations = Vec::new();
    // The stored payout this row would update (same voucher, or the same voucher-less row) is
    // not "another" payout; a voucher on someone else's payout is a reuse (rule 6).
    let same: Option<(i64, Option<i64>)> = match (&p.voucher, &found) {
        (Some(v), _) => conn
            .prepare_cached("SELECT id, person_id FROM payouts WHERE voucher = ?1")?
            .query_row([v], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
        (None, Some(person)) if counted => conn
            .prepare_cached(
                "SELECT id, person_id FROM payouts WHERE person_id = ?1 AND category = ?2
                    AND amount = ?3 AND paid_on = ?4 AND voucher IS NULL",
            )?
            .query_row(
                rusqlite::params![
                    person.id,
                    p.category.code(),
                    p.amount.fen(),
                    date(p.paid_on)
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?,
        _ => None,
    };
    let person_id = found.as_ref().map(|f| f.id);
    if let (Some((_, owner)), Some(v)) = (same, &p.voucher) {
        if owner.is_none() || owner != person_id {
            violations.push(Violation::VoucherUsed { voucher: v.clone() });
        }
    }
    let (who, others) = match person_id {
        Some(id) => {
            let except = same.filter(|(_, owner)| *owner == Some(id)).map(|(x, _)| x);
            (
                recipient_with(conn, id, titles, files)?.unwrap_or_else(Recipient::unknown),
                if counted {
                    payout_dates(conn, id, p.category, except)?
                } else {
                    Vec::new()
                },
            )
        }
        None => (Recipient::unknown(), Vec::new()),
    };
    let payment = Payment {
        category: p.category,
        amount: p.amount,
        paid_on: p.paid_on,
    };
    let mut broken = check(&payment, &who, &others, &policy);
    broken.append(&mut violations);
    if !broken.is_empty() {
        broken.sort_by_key(Violation::rule);
        return Ok(Err(Refusal::PayoutRules(broken)));
    }
    let person = match resolve_person(conn, at, &p.recipient, Refusal::LeaderUnknown)? {
        Ok(o) => o,
        Err(r) => return Ok(Err(r)),
    };
    let Some(person_id) = person.id() else {
        return Ok(conflict_to_refusal(person));
    };
    let person_v = Value::Integer(person_id);
    let category = text(p.category.code());
    let amount = Value::Integer(p.amount.fen());
    let paid_on = date(p.paid_on);
    let note = opt_text(p.note.as_deref());
    let payout = match &p.voucher {
        Some(v) => {
            let values = [
                ("person_id", Some(person_v)),
                ("category", Some(category)),
                ("amount", Some(amount)),
                ("paid_on", Some(paid_on)),
                ("note", note),
            ];
            upsert(
                conn,
                at,
                &Upsert {
                    table: "payouts",
                    key: &[("voucher", text(v))],
                    values: &values,
                },
            )?
        }
        None => {
            let key = [
                ("person_id", person_v),
                ("category", category),
                ("amount", amount),
                ("paid_on", paid_on),
                ("voucher", Value::Null),
            ];
            upsert(
                conn,
                at,
                &Upsert {
                    table: "payouts",
                    key: &key,
                    values: &[("note", note)],
                },
            )?
        }
    };
    Ok(conflict_to_refusal(combine(payout, person)))
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
    let mut violations = Vec::new();
    if let Some(key) = crate::domain::eligibility::subsidy_key(level) {
        let standard = params.on(p.paid_on).money(key);
        if standard != p.amount {
            violations.push(Violation::SubsidyNotStandard { standard });
        }
    }
    // The subsidies already paid for the same naming, this one apart (same day, same amount).
    let facts = super::eligibility::studio_facts(conn, studio)?;
    let naming = facts
        .as_ref()
        .and_then(|f| f.naming_in_spell(level, p.paid_on));
    let mut same = Vec::new();
    let mut this = false;
    for (id, paid_on) in super::eligibility::studio_subsidies(conn, studio)? {
        let that = super::eligibility::naming_on(conn, studio, paid_on)?;
        let spell = facts
            .as_ref()
            .and_then(|f| f.naming_in_spell(level, paid_on));
        if that == Some(level) && spell == naming {
            if paid_on == p.paid_on && !this {
                this = true;
            } else {
                same.push((paid_on, id));
            }
        }
    }
    // Any other subsidy for the naming, earlier or later, makes this one a second.
    if let Some(&(first, _)) = same.iter().min() {
        violations.push(Violation::SubsidyRepeated { first });
    }
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

pub fn write_hardship(conn: &Connection, at: Origin, h: &HardshipRecord) -> Result<Written> {
    let person = match resolve_person(conn, at, &h.person, Refusal::LeaderUnknown)? {
        Ok(o) => o,
        Err(r) => return Ok(Err(r)),
    };
    let Some(person_id) = person.id() else {
        return Ok(conflict_to_refusal(person));
    };
    let key = [
        ("person_id", Value::Integer(person_id)),
        ("opened_on", date(h.opened_on)),
    ];
    let values = [
        ("type", Some(text(h.kind.zh()))),
        ("closed_on", opt_date(h.closed_on)),
        ("cause", opt_text(h.cause.as_deref())),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_keys_are_one_to_one() {
        let a = person_key("32010219700101001X").unwrap();
        let b = person_key("320102197001010010").unwrap();
        let c = person_key("320102197001010029").unwrap();
        assert!(a != b && b != c && a != c);
        assert_eq!(
            person_key("99999999999999999X"),
            Some(99_999_999_999_999_999 * 11 + 10)
        );
        for bad in [
            "",
            "32010219700101001",
            "32010219700101001x",
            "3201021970010100１X",
            "32010219700101001XX",
        ] {
            assert_eq!(person_key(bad), None, "{bad}");
        }
    }
}
