//! Payout rows into the store: one judgement, two ways of writing what it decided.
//!
//! [`PayoutJudge`] gathers what the payout rules need about a row — its recipient (from the
//! people read into memory up front, or from the database), the payout already stored under its
//! voucher (or its whole row, without one), the recipient's earlier payouts of the category — and
//! calls the one [`payout_rules::check`]; then it decides what the row does to the tables: the
//! recipient is on file, or is added, or has their district completed; the payout is inserted,
//! or is the stored one unchanged, or changes a stored one. Nothing is written while judging.
//!
//! What it decided is written either one row at a time through the generic [`upsert`] (`union
//! edit`, `payout add`, and every row that changes a stored record), or — the common rows of an
//! import — many rows to a statement ([`write_batch`]). A batch's vouchers are looked up before
//! anything is inserted, and a row whose voucher an earlier row of the batch takes is judged
//! after those rows are written, so a batched insert never meets a voucher on file and never
//! needs undoing. `tests::differential` proves the two ways equal on random files.

use super::db::Value;
use super::db::{Connection, OptionalExtension};
use anyhow::{bail, Result};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use super::eligibility::{
    months_of, payout_dates_in, payout_months_in, recipient_with, student_payouts_elsewhere,
    EarlierIn,
};
use super::records::person_by_id_number;
use super::upsert::{upsert, Upsert, UpsertOutcome};
use super::write::{self, combine, complete_district, conflict_to_refusal, date, opt_text, text};
use super::write::{Origin, Written};
use crate::domain::allowance::Period;
use crate::domain::codes::{PayoutCategory, PersonStatus};
use crate::domain::payout_rules::{
    check, check_months, needs, per_student, Earlier, Payee, Recipient, Student, Violation,
};
use crate::domain::policy::Book;
use crate::domain::records::{PayoutRecord, PersonKey, Refusal};
use crate::domain::values::{iso_date, name_key};

/// A person on file as the payout rules that need no titles or files see them; the name is
/// kept as a hash (a row's name is only ever compared with it), so that a city's people fit.
#[derive(Debug, Clone)]
struct Known {
    id: i64,
    name: u64,
    /// Whether the person has a district on file (a row giving one otherwise completes it).
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

/// The payout stored under a row's key (its voucher, or without one its whole row), as the
/// upsert compares it.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    id: i64,
    person: Option<i64>,
    /// `None` for a code that is none of ours (so equal to no row's).
    category: Option<PayoutCategory>,
    amount: i64,
    /// `None` for text that is not ten bytes long (so equal to no row's date).
    paid_on: Option<[u8; 10]>,
    note: Option<String>,
    batch: Option<i64>,
    /// 金秋助学: student name, student ID number, school stage (as stored).
    student: [Option<String>; 3],
    /// 所属期间 as stored (none: the month paid).
    period: Option<Period>,
}

macro_rules! stored_select {
    () => {
        "SELECT id, person_id, category, amount, paid_on, note, batch_id, voucher,
        student_name, student_id_number, school_stage, period_from, period_to FROM payouts"
    };
}
const STORED_SELECT: &str = stored_select!();

/// A row's student columns as the table stores them: name, ID number, school stage.
fn student_columns(p: &PayoutRecord) -> [Option<&str>; 3] {
    let student = p.student.as_ref();
    [
        student.and_then(|s| s.name.as_deref()),
        student.and_then(|s| s.id_number.as_deref()),
        p.stage.map(|s| s.zh()),
    ]
}

/// Read without allocating but for the note: a re-import reads every row it finds unchanged.
fn stored_from(r: &super::db::Row<'_>) -> super::db::Result<Stored> {
    let category = r.get_ref(2)?.as_str()?;
    Ok(Stored {
        id: r.get(0)?,
        person: r.get(1)?,
        category: PayoutCategory::ALL
            .iter()
            .copied()
            .find(|c| c.code() == category),
        amount: r.get(3)?,
        paid_on: <[u8; 10]>::try_from(r.get_ref(4)?.as_str()?.as_bytes()).ok(),
        note: r.get(5)?,
        batch: r.get(6)?,
        student: [r.get(8)?, r.get(9)?, r.get(10)?],
        period: match r.get_ref(11)?.as_str_or_null()? {
            Some(from) => {
                months_of(from, Some(from), r.get_ref(12)?.as_str_or_null()?).map(|(_, p)| p)
            }
            None => None,
        },
    })
}

/// The payouts from voucher `?1` on, in the order of the vouchers.
const STORED_FROM: &str = concat!(stored_select!(), " WHERE voucher >= ?1 ORDER BY voucher");

/// Payouts on file a walk along the vouchers steps over before it searches again.
const WASTED_STEPS: u32 = 2;

fn stored_by_voucher(conn: &Connection, voucher: &str) -> Result<Option<Stored>> {
    Ok(conn
        .prepare_cached(&format!("{STORED_SELECT} WHERE voucher = ?1"))?
        .query_row([voucher], stored_from)
        .optional()?)
}

/// What a row does to the recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PersonPlan {
    OnFile(i64),
    /// Not on file: added from the row's ID number and name.
    Add,
    /// On file without a district, which the row gives.
    Complete(i64),
}

/// What a row does to the payouts table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PayoutPlan {
    Insert,
    /// The stored payout, with the same values; `touch`: an earlier import wrote it, so a later
    /// row of this file that disagrees with it is a conflict (see `upsert`).
    Unchanged {
        id: i64,
        touch: bool,
    },
    /// The stored payout (this id) with other values: a correction, or a conflict with an
    /// earlier row of the file, as the upsert finds.
    Change(i64),
}

/// The judgement of one payout row: what it does, decided before anything is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    person: PersonPlan,
    payout: PayoutPlan,
    /// A row without a voucher is found on file by its whole payment, and — for a category
    /// paid by the month — its months (two such payouts on one day cover different months).
    by_months: bool,
}

impl Decision {
    /// Whether the row would change a payout on file (`payout add` never does: rule 6).
    pub fn changes_stored(&self) -> bool {
        matches!(self.payout, PayoutPlan::Change(_))
    }
}

/// The one judgement of payout rows, with what it keeps from row to row: the policy parameters
/// and the recipients on file.
pub struct PayoutJudge {
    book: Book,
    /// The language of the refusals it makes.
    people: HashMap<u64, Known>,
    /// Every person on file is in `people` (read up front, and every one added since): a
    /// number not there is not on file, with no query.
    complete: bool,
    names: std::hash::RandomState,
    /// For an import: the vouchers on file when it began, and those it has written.
    vouchers: Option<Vouchers>,
    /// For an import onto no payouts: the index by person, made at the end (see [`Deferred`]).
    deferred: Option<Deferred>,
    /// Whether the connection is a PostgreSQL office's, and its district (asked at the first
    /// row). Rows naming another district are refused, and a voucher not seen is asked after in
    /// the whole city.
    office: Option<Option<String>>,
    /// On PostgreSQL, where COPY may write payouts and people (not for a role whose rows are
    /// secured): the recipients added and not yet written. None until asked.
    bulk: Option<Option<Bulk>>,
    /// On PostgreSQL, for an import: the earlier payouts the frequency rules read, fetched a
    /// batch at a time (see [`Fetched`]).
    fetched: Option<Fetched>,
    /// For an office, during a batch: its recipients and vouchers another district holds.
    elsewhere: Option<Elsewhere>,
}

/// A first import's indexes, made once at the end. Kept up row by row, the index of payouts by
/// person cost a million-row import more than any other part of it (its entries land at random
/// places: in the same import, 3.9 s of SQLite's time with it and 1.5 s without, and 1.2 s to
/// make it afterwards); so do, for the recipients an import adds, the people's indexes by name
/// and district. While the payouts' index is missing, the only rows read by person — the
/// earlier payouts a frequency rule needs — are kept in a TEMP table of their own; anything
/// else that would read payouts by person (a row without a voucher, a row written one at a
/// time) makes the indexes first. Nothing in an import reads people by name or district.
struct Deferred {
    /// The statements of the indexes dropped, as the file has them, to make them again the same.
    sql: Vec<String>,
    /// With the payouts' index dropped: the categories whose earlier payouts a rule may read,
    /// under any policy of the book.
    mirrored: Option<Vec<PayoutCategory>>,
    /// Which recipients have a payout of which category in `import_dates` (a filter: a pair
    /// it holds may have none, one it lacks has none), so that a recipient's first payout of a
    /// category, the common case in a first import, reads nothing.
    kept: Vec<u64>,
    /// The TEMP schema's page cache before the import (see `start`).
    temp_cache: Option<i64>,
}

/// The categories whose earlier payouts a rule may read, under any policy of `book`.
fn categories_read(book: &Book) -> Vec<PayoutCategory> {
    let mut read = Vec::new();
    for policy in book.every_policy() {
        for &c in PayoutCategory::ALL.iter() {
            if needs(c, &policy).earlier && !read.contains(&c) {
                read.push(c);
            }
        }
    }
    read
}

/// Bits of [`Deferred::kept`] (1 MiB): about 5% of needless reads at a million pairs.
const KEPT_BITS: u64 = 1 << 23;

impl Deferred {
    /// Drops the payouts' index when no payout is on file, the people's when no person is
    /// (otherwise: `None`, nothing changed).
    fn start(conn: &Connection, book: &Book) -> Result<Option<Deferred>> {
        let mut d = Deferred {
            sql: Vec::new(),
            mirrored: None,
            kept: Vec::new(),
            temp_cache: None,
        };
        if d.drop_if_empty(conn, "payouts", &["payouts_person"])? {
            d.mirrored = Some(categories_read(book));
            d.kept = vec![0; (KEPT_BITS / 64) as usize];
            // The rows are kept in the order they come and indexed by recipient, at random
            // places: with SQLite's default 2 MB for the TEMP schema, most inserts read their
            // index page back from the temporary file.
            d.temp_cache = Some(conn.query_row("PRAGMA temp.cache_size", [], |r| r.get(0))?);
            conn.execute_batch("PRAGMA temp.cache_size = -8192")?;
            // The payout's id is the rowid, so that the index answers the dates of a
            // category without students alone.
            conn.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS import_dates (id INTEGER PRIMARY KEY,
                     person_id INTEGER NOT NULL, category TEXT NOT NULL, paid_on TEXT NOT NULL,
                     student_name TEXT, student_id_number TEXT,
                     period_from TEXT, period_to TEXT);
                 CREATE INDEX IF NOT EXISTS import_dates_key
                     ON import_dates (person_id, category, paid_on);
                 DELETE FROM import_dates;",
            )?;
        }
        d.drop_if_empty(conn, "people", &["people_name", "people_district"])?;
        Ok((!d.sql.is_empty()).then_some(d))
    }

    /// Drops those of `indexes` the file has when `table` has no row; whether any was.
    fn drop_if_empty(&mut self, conn: &Connection, table: &str, indexes: &[&str]) -> Result<bool> {
        // SQLite's own trick (its schema read from sqlite_master); on PostgreSQL an office's
        // view of a table is not the table (row-level security), so it is not played there.
        if conn.is_postgres() {
            return Ok(false);
        }
        let empty: bool = conn.query_row(
            &format!("SELECT NOT EXISTS (SELECT 1 FROM {table})"),
            [],
            |r| r.get(0),
        )?;
        let mut dropped = false;
        for name in indexes.iter().filter(|_| empty) {
            let sql: Option<String> = conn
                .query_row(
                    "SELECT sql FROM main.sqlite_master WHERE type = 'index' AND name = ?1
                        AND tbl_name = ?2",
                    [name, table],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(sql) = sql {
                conn.execute_batch(&format!("DROP INDEX main.{name}"))?;
                self.sql.push(sql);
                dropped = true;
            }
        }
        Ok(dropped)
    }

    /// The two bits of a recipient and category in `kept`.
    fn pair_bits(person: i64, category: PayoutCategory) -> [(usize, u64); 2] {
        let h = (person as u64)
            .wrapping_mul(32)
            .wrapping_add(category as u64)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        [h >> 40, h >> 17].map(|b| {
            let bit = b % KEPT_BITS;
            ((bit / 64) as usize, 1 << (bit % 64))
        })
    }

    /// Whether `import_dates` may hold a payout of `category` to `person`.
    fn may_hold(&self, person: i64, category: PayoutCategory) -> bool {
        Self::pair_bits(person, category)
            .iter()
            .all(|&(word, mask)| self.kept.get(word).is_some_and(|w| w & mask != 0))
    }

    /// Keeps the date of a payout just inserted when a rule may read it.
    fn keep(&mut self, conn: &Connection, id: i64, p: &PayoutRecord, person: i64) -> Result<()> {
        if self
            .mirrored
            .as_ref()
            .is_some_and(|m| m.contains(&p.category))
        {
            for (word, mask) in Self::pair_bits(person, p.category) {
                if let Some(w) = self.kept.get_mut(word) {
                    *w |= mask;
                }
            }
            let mut day = [0u8; 10];
            let mut stmt = conn.prepare_cached(
                "INSERT INTO import_dates (person_id, category, paid_on, id, student_name,
                     student_id_number, period_from, period_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let [name, id_number, _] = student_columns(p);
            stmt.raw_bind_parameter(1, person)?;
            stmt.raw_bind_parameter(2, p.category.code())?;
            stmt.raw_bind_parameter(3, iso_date(p.paid_on, &mut day))?;
            stmt.raw_bind_parameter(4, id)?;
            stmt.raw_bind_parameter(5, name)?;
            stmt.raw_bind_parameter(6, id_number)?;
            let (from, to) = period_values(p);
            stmt.raw_bind_parameter(7, from)?;
            stmt.raw_bind_parameter(8, to)?;
            stmt.raw_execute()?;
        }
        Ok(())
    }
}

/// Of a batch's recipients (`people`) and vouchers (`payouts`), those another district holds
/// (see `PayoutJudge::ask_elsewhere`).
type Elsewhere = HashMap<&'static str, std::collections::HashSet<String>>;

/// On PostgreSQL, where every query is a round trip to the server (and per-row reads were, at
/// 12,000 round trips a 100,000-row import, its largest cost after COPY itself): the earlier
/// payouts the frequency rules read, fetched for a whole batch's recipients in one query and
/// kept up with the rows the import inserts. The rules read them here instead of asking the
/// store per row; what they read is the same rows.
struct Fetched {
    /// The categories whose earlier payouts a rule may read, under any policy of the book:
    /// no other payout is kept.
    read: Vec<PayoutCategory>,
    rows: HashMap<(i64, PayoutCategory), Vec<Kept>>,
    /// Every payout on file of a category a rule reads is in `rows` (an import onto no payouts,
    /// until anything but an insert is written): a pair not there has none, with no query.
    complete: bool,
    held: usize,
}

/// A payout as the frequency rules read it: its id (to leave out the stored payout a row is),
/// date, student (金秋助学) and months.
struct Kept {
    id: i64,
    earlier: Earlier,
    months: Period,
}

/// A kept payout's student as the frequency rules read it: its stored columns for a category
/// counted per student (金秋助学), none for any other (as `payout_dates_in` reads them).
fn student_of(
    category: PayoutCategory,
    name: Option<String>,
    id_number: Option<String>,
) -> Option<Student> {
    per_student(category)
        .then(|| Student::given_stored(name, id_number))
        .flatten()
}

/// Payouts (and recipients' categories) kept in [`Fetched`] at most (about 100 bytes each):
/// past it, what is kept is dropped and fetched again as batches need it, so memory stays
/// bounded.
const FETCHED_ROWS: usize = 200_000;

/// Adds a payout to a pair's kept ones, growing the list from one: most pairs hold one or two,
/// and a list's first growth makes room for four (about 300 bytes a pair, most of [`Fetched`]'s
/// memory when 200,000 pairs are kept).
fn keep(kept: &mut Vec<Kept>, one: Kept) {
    if kept.len() == kept.capacity() {
        kept.reserve_exact(kept.len().max(1));
    }
    kept.push(one);
}

impl Fetched {
    fn start(conn: &Connection, book: &Book) -> Result<Fetched> {
        let none: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM payouts)", [], |r| {
            r.get(0)
        })?;
        Ok(Fetched {
            read: categories_read(book),
            rows: HashMap::new(),
            complete: none,
            held: 0,
        })
    }

    /// The kept payouts of `person` and `category`, or `None` when they must be asked for.
    fn get(&self, person: i64, category: PayoutCategory) -> Option<&[Kept]> {
        match self.rows.get(&(person, category)) {
            Some(kept) => Some(kept),
            None if self.complete => Some(&[]),
            None => None,
        }
    }

    /// Reads, in one query, the payouts of the pairs `wanted` not yet kept.
    fn fetch(&mut self, conn: &Connection, wanted: &[(i64, PayoutCategory)]) -> Result<()> {
        if self.complete {
            return Ok(());
        }
        if self.held > FETCHED_ROWS {
            self.forget();
        }
        let mut people: Vec<i64> = Vec::new();
        let mut categories: Vec<PayoutCategory> = Vec::new();
        for &(person, category) in wanted {
            if self.rows.contains_key(&(person, category)) {
                continue;
            }
            people.push(person);
            if !categories.contains(&category) {
                categories.push(category);
            }
        }
        if people.is_empty() {
            return Ok(());
        }
        people.sort_unstable();
        people.dedup();
        let list = |items: Vec<String>| items.join(",");
        let mut stmt = conn.prepare_cached(
            "SELECT person_id, category, id, paid_on, student_name, student_id_number,
                    period_from, period_to FROM payouts
              WHERE person_id = ANY(CAST(string_to_array(?1, ',') AS BIGINT[]))
                AND category = ANY(string_to_array(?2, ','))",
        )?;
        let mut found = stmt.query_few(super::db::params![
            list(people.iter().map(i64::to_string).collect()),
            list(categories.iter().map(|c| c.code().to_string()).collect()),
        ])?;
        // Every pair asked for is kept, those with no payout as empty (each counted as a row).
        for &(person, category) in wanted {
            if let std::collections::hash_map::Entry::Vacant(e) =
                self.rows.entry((person, category))
            {
                e.insert(Vec::new());
                self.held += 1;
            }
        }
        while let Some(r) = found.next()? {
            let Some(category) = PayoutCategory::parse(r.get_ref(1)?.as_str()?) else {
                continue;
            };
            let Some((paid_on, months)) = months_of(
                r.get_ref(3)?.as_str()?,
                r.get_ref(6)?.as_str_or_null()?,
                r.get_ref(7)?.as_str_or_null()?,
            ) else {
                continue;
            };
            let key = (r.get::<_, i64>(0)?, category);
            // Only the pairs asked for: the query reads every pair of the two lists.
            let Some(kept) = self.rows.get_mut(&key) else {
                continue;
            };
            keep(
                kept,
                Kept {
                    id: r.get(2)?,
                    earlier: Earlier {
                        paid_on,
                        student: student_of(category, r.get(4)?, r.get(5)?),
                    },
                    months,
                },
            );
            self.held += 1;
        }
        Ok(())
    }

    /// Keeps a payout the import inserted, where a rule may read it.
    fn add(&mut self, id: i64, p: &PayoutRecord, person: i64) {
        if !self.read.contains(&p.category) {
            return;
        }
        let kept = match self.rows.get_mut(&(person, p.category)) {
            Some(kept) => kept,
            None if self.complete => self.rows.entry((person, p.category)).or_default(),
            None => return,
        };
        let [name, id_number, _] = student_columns(p);
        keep(
            kept,
            Kept {
                id,
                earlier: Earlier {
                    paid_on: p.paid_on,
                    student: student_of(
                        p.category,
                        name.map(str::to_string),
                        id_number.map(str::to_string),
                    ),
                },
                months: p.months(),
            },
        );
        self.held += 1;
        if self.complete && self.held > FETCHED_ROWS {
            self.forget();
        }
    }

    /// Drops what is kept: from now on, asked for again.
    fn forget(&mut self) {
        self.rows.clear();
        self.held = 0;
        self.complete = false;
    }
}

/// FNV-1a, for the few hundred vouchers of a batch: SipHash's resistance to chosen keys buys
/// nothing in a set this small, and it hashed every voucher of an import twice as slowly.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Payouts judged and waiting to be inserted together, with what later rows of the batch must
/// see of them.
#[derive(Default)]
struct Pending<'a> {
    /// Each row with its recipient's id and its place in the batch; rule 3 reads their dates
    /// as earlier payouts.
    rows: Vec<(Origin, &'a PayoutRecord, i64, usize)>,
    /// The places in `rows` of each recipient's rows of a category (a batch may be thousands).
    by_pair: HashMap<(i64, PayoutCategory), Vec<usize>>,
    vouchers: HashSet<&'a str, std::hash::BuildHasherDefault<Fnv>>,
    /// Stored payouts confirmed unchanged by a row: (payout, row).
    touched: Vec<(i64, i64)>,
}

impl<'a> Pending<'a> {
    /// Waits a row to be inserted.
    fn push(&mut self, row: (Origin, &'a PayoutRecord, i64, usize)) {
        self.by_pair
            .entry((row.2, row.1.category))
            .or_default()
            .push(self.rows.len());
        self.rows.push(row);
    }

    /// The waiting rows of `person` and `category`, in order.
    fn of(
        &self,
        person: i64,
        category: PayoutCategory,
    ) -> impl Iterator<Item = &(Origin, &'a PayoutRecord, i64, usize)> + Clone {
        self.by_pair
            .get(&(person, category))
            .into_iter()
            .flatten()
            .map(|&i| &self.rows[i])
    }

    fn clear(&mut self) {
        self.rows.clear();
        self.by_pair.clear();
        self.vouchers.clear();
        self.touched.clear();
    }
}

impl PayoutJudge {
    pub fn new(book: Book) -> PayoutJudge {
        PayoutJudge {
            book,
            people: HashMap::new(),
            complete: false,
            names: std::hash::RandomState::new(),
            vouchers: None,
            deferred: None,
            office: None,
            bulk: None,
            fetched: None,
            elsewhere: None,
        }
    }

    /// A judge for a payout import: the people on file are read in one pass up front.
    pub fn for_payouts(conn: &Connection, book: Book) -> Result<PayoutJudge> {
        let mut j = PayoutJudge::new(book);
        let mut stmt = conn.prepare(&format!("{KNOWN_SELECT} LIMIT {}", KNOWN_PEOPLE + 1))?;
        // No statement until the last row: read while the rows before are kept.
        let mut rows = stmt.query_streamed([])?;
        let mut all = true;
        while let Some(r) = rows.next()? {
            if j.people.len() == KNOWN_PEOPLE {
                all = false;
                break;
            }
            if let Some(key) = person_key(r.get_ref(0)?.as_str()?) {
                let known = j.known_from(&r)?;
                j.people.insert(key, known);
            }
        }
        j.complete = all;
        j.vouchers = Some(Vouchers::read(conn)?);
        j.deferred = Deferred::start(conn, &j.book)?;
        if conn.is_postgres() {
            j.fetched = Some(Fetched::start(conn, &j.book)?);
        }
        Ok(j)
    }

    /// Makes the index by person now, if it was left for the end; no savepoint may be open.
    fn index_now(&mut self, conn: &Connection) -> Result<()> {
        if let Some(d) = self.deferred.take() {
            // SQLite's sort for an index holds as much in memory as the page cache may: 32 MiB
            // more at the end of an import (105 MiB in all, measured). 4 MiB sorts a million
            // rows no slower (in runs written to the temporary file and merged).
            let cache: i64 = conn.query_row("PRAGMA main.cache_size", [], |r| r.get(0))?;
            conn.execute_batch(&format!(
                "PRAGMA main.cache_size = -4096; {}; PRAGMA main.cache_size = {cache};",
                d.sql.join("; ")
            ))?;
            if d.mirrored.is_some() {
                conn.execute_batch("DELETE FROM import_dates")?;
            }
            if let Some(size) = d.temp_cache {
                conn.execute_batch(&format!("PRAGMA temp.cache_size = {size}"))?;
            }
        }
        Ok(())
    }

    /// Ends an import: what was left for the end is done (before the transaction commits).
    pub fn finish(&mut self, conn: &Connection) -> Result<()> {
        self.give_back_ids(conn)?;
        if let Some(Some(Bulk {
            seal: Some(seal), ..
        })) = self.bulk.as_mut()
        {
            seal.store(conn)?;
        }
        self.index_now(conn)
    }

    pub fn book(&self) -> &Book {
        &self.book
    }

    fn known_from(&self, r: &super::db::Row<'_>) -> super::db::Result<Known> {
        Ok(Known {
            id: r.get(1)?,
            name: self.names.hash_one(name_key(r.get_ref(2)?.as_str()?)),
            status: PersonStatus::parse(r.get_ref(3)?.as_str()?).unwrap_or(PersonStatus::Active),
            retired_on: r.get::<_, Option<String>>(4)?.and_then(|d| d.parse().ok()),
            died_on: r.get::<_, Option<String>>(5)?.and_then(|d| d.parse().ok()),
            has_district: r.get(6)?,
        })
    }

    fn remember(&mut self, key: u64, known: Known) {
        if self.people.len() >= KNOWN_PEOPLE && !self.people.contains_key(&key) {
            self.people.clear();
            self.complete = false;
        }
        self.people.insert(key, known);
    }

    /// The person with this ID number, from memory or the store.
    fn known(&mut self, conn: &Connection, id_number: &str) -> Result<Option<Known>> {
        let Some(key) = person_key(id_number) else {
            return Ok(conn
                .prepare_cached(&format!("{KNOWN_SELECT} WHERE id_number = ?1"))?
                .query_row([id_number], |r| self.known_from(r))
                .optional()?);
        };
        if let Some(k) = self.people.get(&key) {
            return Ok(Some(k.clone()));
        }
        if self.complete {
            return Ok(None);
        }
        let found = conn
            .prepare_cached(&format!("{KNOWN_SELECT} WHERE id_number = ?1"))?
            .query_row([id_number], |r| self.known_from(r))
            .optional()?;
        if let Some(k) = &found {
            self.remember(key, k.clone());
        }
        Ok(found)
    }

    /// Reads again a person whose record a write may have changed or added.
    pub(crate) fn refresh(&mut self, conn: &Connection, id_number: &str) -> Result<()> {
        let Some(key) = person_key(id_number) else {
            return Ok(());
        };
        self.people.remove(&key);
        if !self.complete {
            // Looked up in the store when next needed.
            return Ok(());
        }
        let found = conn
            .prepare_cached(&format!("{KNOWN_SELECT} WHERE id_number = ?1"))?
            .query_row([id_number], |r| self.known_from(r))
            .optional()?;
        if let Some(k) = found {
            self.remember(key, k);
        }
        Ok(())
    }

    /// Judges a payout row against the rules (SPEC §6.2) with the parameters in force on its
    /// date, and decides what it writes. `stored`: the payout on file under its voucher (the
    /// caller looks it up, for a batch many at once); `pending`: rows of the batch judged but
    /// not yet written, which count as earlier payouts.
    fn judge(
        &mut self,
        conn: &Connection,
        at: Origin,
        p: &PayoutRecord,
        stored: Option<Stored>,
        pending: &Pending<'_>,
    ) -> Result<std::result::Result<Decision, Refusal>> {
        if p.category == PayoutCategory::StudioSubsidy {
            return Ok(Err(Refusal::StudioSubsidyByImport));
        }
        if p.voucher.is_none() && self.deferred.as_ref().is_some_and(|d| d.mirrored.is_some()) {
            // Found by its whole row, through the index by person.
            self.index_now(conn)?;
        }
        if self.office.is_none() {
            self.office = Some(super::offices::my_district(conn)?);
        }
        if let (Some(Some(mine)), Some(theirs)) = (&self.office, &p.recipient.district) {
            if mine != theirs {
                return Ok(Err(Refusal::OtherDistrict));
            }
        }
        if let (Some(Some(_)), Some(v), None) = (&self.office, &p.voucher, &stored) {
            if self.held_elsewhere(conn, "payouts", v)? {
                return Ok(Err(Refusal::VoucherElsewhere));
            }
        }
        let policy = self.book.on(p.paid_on);
        let need = needs(p.category, &policy);
        let known = self.known(conn, p.recipient.id_number.as_str())?;
        let person = known.as_ref().map(|k| k.id);
        // The stored payout this row is (same voucher, or the same voucher-less row) is not
        // "another" payout; a voucher on someone else's payout is a reuse (rule 6).
        let same = match (&p.voucher, person) {
            (Some(_), _) => stored,
            (None, Some(id)) => conn
                .prepare_cached(&format!(
                    "{STORED_SELECT} WHERE person_id = ?1
                        AND category = ?2 AND amount = ?3
                        AND paid_on = ?4 AND voucher IS NULL
                        AND student_name IS NOT DISTINCT FROM ?5
                        AND student_id_number IS NOT DISTINCT FROM ?6
                        AND (?9 = 0 OR (period_from IS NOT DISTINCT FROM ?7
                                        AND period_to IS NOT DISTINCT FROM ?8))"
                ))?
                .query_row(
                    super::db::params![
                        id,
                        p.category.code(),
                        p.amount.fen(),
                        date(p.paid_on),
                        student_columns(p)[0],
                        student_columns(p)[1],
                        p.stated_period().map(|m| date(m.from)),
                        p.stated_period().map(|m| date(m.to)),
                        need.months,
                    ],
                    stored_from,
                )
                .optional()?,
            (None, None) => None,
        };
        let mut broken = Vec::new();
        if let (Some(s), Some(v)) = (&same, &p.voucher) {
            if s.person.is_none() || s.person != person {
                broken.push(Violation::VoucherUsed { voucher: v.clone() });
            }
        }
        let (who, others, months) = match &known {
            Some(k) => {
                let who = if need.titles || need.files {
                    recipient_with(conn, k.id, need.titles, need.files)?
                        .unwrap_or_else(Recipient::unknown)
                } else {
                    Recipient {
                        status: k.status,
                        retired_on: k.retired_on,
                        died_on: k.died_on,
                        titles: Vec::new(),
                        hardship: Vec::new(),
                    }
                };
                let mut others = Vec::new();
                let mut months = Vec::new();
                if need.earlier {
                    let except = same
                        .as_ref()
                        .filter(|s| s.person == Some(k.id))
                        .map(|s| s.id);
                    let (table, none) = match self.deferred.as_ref() {
                        Some(d) if d.mirrored.is_some() => {
                            (EarlierIn::ImportDates, !d.may_hold(k.id, p.category))
                        }
                        _ => (EarlierIn::Payouts, false),
                    };
                    let fetched = self.fetched.as_ref().and_then(|f| f.get(k.id, p.category));
                    if let Some(kept) = fetched {
                        // Read a batch at a time (PostgreSQL), in date order as the query's.
                        let mut kept: Vec<&Kept> =
                            kept.iter().filter(|r| Some(r.id) != except).collect();
                        kept.sort_by_key(|r| r.earlier.paid_on);
                        if need.months {
                            months = kept.iter().map(|r| (r.earlier.paid_on, r.months)).collect();
                        }
                        others = kept.iter().map(|r| r.earlier.clone()).collect();
                    } else if !none {
                        // `none`: nothing to read, the recipient has no payout of the category
                        // yet. Rule 3 by the month: the months each earlier payout covers.
                        if need.months {
                            months = payout_months_in(conn, table, k.id, p.category, except)?;
                        }
                        others = payout_dates_in(conn, table, k.id, p.category, except)?;
                    }
                    let waiting = pending.of(k.id, p.category);
                    if need.months {
                        months.extend(waiting.clone().map(|w| (w.1.paid_on, w.1.months())));
                    }
                    let before = others.len();
                    others.extend(waiting.map(|w| Earlier {
                        paid_on: w.1.paid_on,
                        student: w.1.student.clone(),
                    }));
                    if others.len() > before {
                        others.sort_by_key(|o| o.paid_on);
                    }
                }
                (who, others, months)
            }
            None => (Recipient::unknown(), Vec::new(), Vec::new()),
        };
        let mut others = others;
        // 金秋助学 counts once per student whoever is paid for them: the student's payouts to
        // other recipients, on file and earlier in this batch.
        let student_id = p.student.as_ref().and_then(|s| s.id_number.as_deref());
        if let Some(sid) = student_id.filter(|_| per_student(p.category)) {
            let person = known.as_ref().map(|k| k.id);
            let before = others.len();
            others.extend(student_payouts_elsewhere(
                conn,
                p.category,
                sid,
                person,
                same.as_ref().map(|s| s.id),
                None,
            )?);
            others.extend(
                pending
                    .rows
                    .iter()
                    .filter(|w| Some(w.2) != person && w.1.category == p.category)
                    .filter(|w| {
                        w.1.student.as_ref().and_then(|s| s.id_number.as_deref()) == Some(sid)
                    })
                    .map(|w| Earlier {
                        paid_on: w.1.paid_on,
                        student: w.1.student.clone(),
                    }),
            );
            if others.len() > before {
                others.sort_by_key(|o| o.paid_on);
            }
        }
        broken.splice(
            0..0,
            check(&p.payment(), Payee::Person(&who), &others, &policy),
        );
        broken.extend(check_months(p.category, p.months(), &months, &policy));
        if !broken.is_empty() {
            broken.sort_by_key(Violation::rule);
            return Ok(Err(Refusal::PayoutRules(broken)));
        }
        let person = match &known {
            Some(k) => {
                let name = p.recipient.name.as_deref();
                if name.is_some_and(|n| self.names.hash_one(name_key(n)) != k.name) {
                    // The name on file, of a recipient this import may have added and not yet
                    // written (PostgreSQL's COPY writes them with the batch's payouts).
                    self.write_people(conn)?;
                    return Ok(Err(
                        match person_by_id_number(conn, p.recipient.id_number.as_str())? {
                            Some(f) => f.name_mismatch(at),
                            None => Refusal::NameMismatch {
                                on_file: String::new(),
                                row: None,
                            },
                        },
                    ));
                }
                if p.recipient.district.is_some() && !k.has_district {
                    PersonPlan::Complete(k.id)
                } else {
                    PersonPlan::OnFile(k.id)
                }
            }
            None if self.held_elsewhere(conn, "people", p.recipient.id_number.as_str())? => {
                return Ok(Err(Refusal::HeldElsewhere))
            }
            None if p.recipient.name.is_none() => return Ok(Err(Refusal::LeaderUnknown)),
            None => PersonPlan::Add,
        };
        let payout = match same {
            None => PayoutPlan::Insert,
            Some(s) => {
                let unchanged = s.person == person_id(person)
                    && s.category == Some(p.category)
                    && s.amount == p.amount.fen()
                    && s.paid_on.as_ref().map(|d| &d[..])
                        == Some(iso_date(p.paid_on, &mut [0u8; 10]).as_bytes())
                    && p.note.as_ref().is_none_or(|n| s.note.as_ref() == Some(n))
                    && student_columns(p)
                        .iter()
                        .zip(&s.student)
                        .all(|(given, stored)| given.is_none_or(|g| stored.as_deref() == Some(g)))
                    && p.stated_period().is_none_or(|m| s.period == Some(m));
                if unchanged {
                    PayoutPlan::Unchanged {
                        id: s.id,
                        touch: s.batch != Some(at.batch),
                    }
                } else {
                    PayoutPlan::Change(s.id)
                }
            }
        };
        Ok(Ok(Decision {
            person,
            payout,
            by_months: need.months,
        }))
    }

    /// After `carry_out`: a recipient the row added or completed is read again (the row may
    /// also have been refused, and its writes undone).
    fn written(&mut self, conn: &Connection, p: &PayoutRecord, d: Decision) -> Result<()> {
        self.voucher_written(p);
        // A payout changed (or refused half-way): what was fetched is asked for again.
        if let Some(f) = self.fetched.as_mut() {
            f.forget();
        }
        match d.person {
            PersonPlan::OnFile(_) => Ok(()),
            _ => self.refresh(conn, p.recipient.id_number.as_str()),
        }
    }

    /// Notes a voucher a row may have written, for the batches that follow.
    fn voucher_written(&mut self, p: &PayoutRecord) {
        if let (Some(known), Some(v)) = (&mut self.vouchers, &p.voucher) {
            known.add(v);
        }
    }

    /// For an office, which of the batch's recipients and vouchers another district holds,
    /// asked for all of them at once (each row asked twice, a round trip each); dropped with
    /// [`PayoutJudge::forget_elsewhere`] when the batch ends. While the batch is written no
    /// other district writes (the write lock), so the answers hold for it.
    fn ask_elsewhere(&mut self, conn: &Connection, rows: &[&PayoutRecord]) -> Result<()> {
        let ids: Vec<&str> = rows
            .iter()
            .map(|p| p.recipient.id_number.as_str())
            .collect();
        let vouchers: Vec<&str> = rows.iter().filter_map(|p| p.voucher.as_deref()).collect();
        self.elsewhere = Some(Elsewhere::from([
            (
                "people",
                super::offices::keys_elsewhere(conn, "people", &ids)?,
            ),
            (
                "payouts",
                super::offices::keys_elsewhere(conn, "payouts", &vouchers)?,
            ),
        ]));
        Ok(())
    }

    fn forget_elsewhere(&mut self) {
        self.elsewhere = None;
    }

    /// Whether another district holds `key` of `table` (city-wide unique): from what the
    /// batch asked, else asked now.
    fn held_elsewhere(&self, conn: &Connection, table: &'static str, key: &str) -> Result<bool> {
        match self.elsewhere.as_ref().and_then(|e| e.get(table)) {
            Some(keys) => Ok(keys.contains(key)),
            None => super::offices::elsewhere(conn, table, key),
        }
    }

    /// Fetches, in one query, the earlier payouts the rules will read for the rows of a batch
    /// whose recipients are on file (PostgreSQL; see [`Fetched`]).
    fn fetch_earlier(&mut self, conn: &Connection, rows: &[&PayoutRecord]) -> Result<()> {
        let Some(fetched) = self.fetched.as_mut().filter(|f| !f.complete) else {
            return Ok(());
        };
        let wanted: Vec<(i64, PayoutCategory)> = rows
            .iter()
            .filter(|p| needs(p.category, &self.book.on(p.paid_on)).earlier)
            .filter_map(|p| {
                let key = person_key(p.recipient.id_number.as_str())?;
                Some((self.people.get(&key)?.id, p.category))
            })
            .collect();
        fetched.fetch(conn, &wanted)
    }

    /// Judges one payout row on its own (`payout add`, `union edit`): nothing is written.
    pub fn decide(
        &mut self,
        conn: &Connection,
        at: Origin,
        p: &PayoutRecord,
    ) -> Result<std::result::Result<Decision, Refusal>> {
        let stored = match &p.voucher {
            Some(v) => stored_by_voucher(conn, v)?,
            None => None,
        };
        self.judge(conn, at, p, stored, &Pending::default())
    }
}

fn person_id(plan: PersonPlan) -> Option<i64> {
    match plan {
        PersonPlan::OnFile(id) | PersonPlan::Complete(id) => Some(id),
        PersonPlan::Add => None,
    }
}

/// Writes what `decide` decided for a row, one record at a time through the generic upsert
/// (the caller holds a savepoint: a conflict found here leaves the row's writes to undo).
pub fn carry_out(
    conn: &Connection,
    at: Origin,
    p: &PayoutRecord,
    decision: Decision,
) -> Result<Written> {
    let person = match decision.person {
        PersonPlan::OnFile(id) => UpsertOutcome::Unchanged(id),
        PersonPlan::Complete(_) => complete_district(conn, at, &p.recipient)?,
        PersonPlan::Add => {
            let Some(name) = &p.recipient.name else {
                return Ok(Err(Refusal::LeaderUnknown));
            };
            write::add_person(conn, at, &p.recipient, name)?
        }
    };
    let Some(person_id) = person.id() else {
        return Ok(conflict_to_refusal(person));
    };
    let person_v = Value::Integer(person_id);
    let category = text(p.category.code());
    let amount = Value::Integer(p.amount.fen());
    let paid_on = date(p.paid_on);
    let note = opt_text(p.note.as_deref());
    let [student_name, student_id, stage] = student_columns(p).map(opt_text);
    let (from, to) = period_values(p);
    let (from, to) = (from.map(Value::Text), to.map(Value::Text));
    let payout = match &p.voucher {
        Some(v) => {
            let values = [
                ("person_id", Some(person_v)),
                ("category", Some(category)),
                ("amount", Some(amount)),
                ("paid_on", Some(paid_on)),
                ("note", note),
                ("student_name", student_name),
                ("student_id_number", student_id),
                ("school_stage", stage),
                ("period_from", from),
                ("period_to", to),
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
                ("student_name", student_name.unwrap_or(Value::Null)),
                ("student_id_number", student_id.unwrap_or(Value::Null)),
            ];
            // Of a category paid by the month, two payouts without vouchers on one day are
            // told apart by their months.
            let (key, values) = if decision.by_months {
                let months = [
                    ("period_from", from.unwrap_or(Value::Null)),
                    ("period_to", to.unwrap_or(Value::Null)),
                ];
                let values = vec![("note", note), ("school_stage", stage)];
                ([&key[..], &months[..]].concat(), values)
            } else {
                let values = vec![
                    ("note", note),
                    ("school_stage", stage),
                    ("period_from", from),
                    ("period_to", to),
                ];
                (key.to_vec(), values)
            };
            upsert(
                conn,
                at,
                &Upsert {
                    table: "payouts",
                    key: &key,
                    values: &values,
                },
            )?
        }
    };
    Ok(conflict_to_refusal(combine(payout, person)))
}

/// Judges and writes one payout row on its own, inside a savepoint.
pub(crate) fn write_one(
    conn: &Connection,
    at: Origin,
    p: &PayoutRecord,
    judge: &mut PayoutJudge,
) -> Result<Written> {
    let decision = match judge.decide(conn, at, p)? {
        Ok(d) => d,
        Err(refusal) => return Ok(Err(refusal)),
    };
    judge.give_back_ids(conn)?;
    judge.index_now(conn)?;
    let written = in_savepoint(conn, |conn| carry_out(conn, at, p, decision))?;
    judge.written(conn, p, decision)?;
    Ok(written)
}

/// Runs `f` inside a savepoint, rolled back when it refuses the row.
pub(crate) fn in_savepoint(
    conn: &Connection,
    f: impl FnOnce(&Connection) -> Result<Written>,
) -> Result<Written> {
    conn.prepare_cached("SAVEPOINT import_row")?.execute([])?;
    let changes = conn.changes_so_far();
    let mut written = f(conn);
    let wrote = conn.changes_so_far() != changes;
    // An office's row that would write a record of another district, or point at one:
    // refused by PostgreSQL's row-level security, refused here as the row's fault.
    if let Err(e) = &written {
        if super::offices::is_other_district(e) {
            written = Ok(Err(Refusal::OtherDistrict));
        } else if super::offices::is_duplicate(e) {
            // A key unique city-wide (credit code, a studio's or union's name …) that the
            // office did not find: another district holds it.
            conn.prepare_cached("ROLLBACK TO import_row")?.execute([])?;
            if super::offices::my_district(conn)?.is_some() {
                written = Ok(Err(Refusal::KeyElsewhere));
            }
        }
    }
    match &written {
        Ok(Ok(_)) => {}
        _ => {
            conn.prepare_cached("ROLLBACK TO import_row")?.execute([])?;
            // The ids the row took are free again, as SQLite gives them to the next row.
            if wrote {
                super::align_ids(conn)?;
            }
        }
    }
    conn.prepare_cached("RELEASE import_row")?.execute([])?;
    written
}

/// What an import knows of the vouchers on file without looking: the least and greatest on
/// file when it began, and a Bloom filter of those it has written since. A voucher outside the
/// first and not in the second is not on file. A ledger's new vouchers usually lie outside the
/// old ones' range (a new year, a continued numbering), so a first import and one of new rows
/// look up none: looking each up cost about a tenth of a first import (perf, a million payouts).
struct Vouchers {
    before: Option<(String, String)>,
    /// 2^26 bits (8 MiB), four probes: under 1% false positives up to about 5 million vouchers,
    /// each only a needless lookup.
    written: Vec<u64>,
}

const VOUCHER_BITS: u64 = 1 << 26;

impl Vouchers {
    fn read(conn: &Connection) -> Result<Vouchers> {
        // Separate statements: SQLite answers each from the voucher index, but not both at once.
        let bound = |sql: &str| -> Result<Option<String>> {
            Ok(conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?)
        };
        let least = bound("SELECT min(voucher) FROM payouts")?;
        let greatest = bound("SELECT max(voucher) FROM payouts")?;
        Ok(Vouchers {
            before: least.zip(greatest),
            written: vec![0; (VOUCHER_BITS / 64) as usize],
        })
    }

    /// A voucher's four bits (word, mask), all in one 512-bit block of the filter: one cache
    /// line read per voucher instead of four (the four lines cost a first import about 3% of
    /// its time, perf). At 5 million vouchers a block holds about 38, still under 1% false
    /// positives.
    fn probes(voucher: &str) -> [(usize, u64); 4] {
        use std::hash::Hasher;
        let mut h = Fnv::default();
        h.write(voucher.as_bytes());
        let a = h.finish();
        let b = a.rotate_left(32).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let block = (a % (VOUCHER_BITS / 512)) as usize * 8;
        [0u32, 1, 2, 3].map(|i| {
            let bit = (b >> (20 + 9 * i)) & 511;
            (block + (bit / 64) as usize, 1 << (bit % 64))
        })
    }

    fn add(&mut self, voucher: &str) {
        for (word, mask) in Self::probes(voucher) {
            self.written[word] |= mask;
        }
    }

    fn may_be_on_file(&self, voucher: &str) -> bool {
        self.before.as_ref().is_some_and(|(least, greatest)| {
            (least.as_str()..=greatest.as_str()).contains(&voucher)
        }) || Self::probes(voucher)
            .iter()
            .all(|&(word, mask)| self.written[word] & mask != 0)
    }
}

/// The payouts on file under the vouchers of `rows` that may be on file (all of them, for a
/// judge that has not read what is on file), keyed by the batch's own voucher texts (no copy
/// of them per row).
fn stored_for<'r>(
    conn: &Connection,
    rows: &[&'r PayoutRecord],
    known: Option<&Vouchers>,
) -> Result<HashMap<&'r str, Stored, std::hash::BuildHasherDefault<Fnv>>> {
    let vouchers: Vec<&str> = rows
        .iter()
        .filter_map(|p| p.voucher.as_deref())
        .filter(|v| known.is_none_or(|k| k.may_be_on_file(v)))
        .collect();
    let mut found = HashMap::with_capacity_and_hasher(vouchers.len(), Default::default());
    // Walked along the voucher index in the vouchers' order: where the payouts on file are
    // the batch's own (a re-import, or rows continuing a numbering), one step per payout
    // instead of a search per voucher (the searches were a fifth of a re-import, perf). A
    // voucher below the payout the walk is at is not on file; past [`WASTED_STEPS`] payouts
    // the batch does not ask for, the walk searches again from the next voucher.
    let mut sorted = vouchers;
    sorted.sort_unstable();
    sorted.dedup();
    let mut stmt = conn.prepare_cached(STORED_FROM)?;
    let mut next = 0;
    'search: while let Some(&from) = sorted.get(next) {
        let mut rows = stmt.query([from])?;
        let mut wasted = 0;
        while let Some(r) = rows.next()? {
            let on_file = r.get_ref(7)?.as_str()?;
            while sorted.get(next).is_some_and(|v| *v < on_file) {
                next += 1;
            }
            let Some(&voucher) = sorted.get(next) else {
                break 'search;
            };
            if voucher == on_file {
                found.insert(voucher, stored_from(&r)?);
                next += 1;
                wasted = 0;
            } else {
                wasted += 1;
                if wasted > WASTED_STEPS {
                    continue 'search;
                }
            }
        }
        // No payout on file past the walk: none of the rest is.
        break;
    }
    Ok(found)
}

/// Writes the payout rows of a stretch of a file in order, with the outcome of each exactly as
/// `write_one` one row at a time would give it. Rows that insert a payout (adding their
/// recipient when not on file) or find it unchanged are written together, many to a statement:
/// one statement per row spends about a quarter of the insert time starting and finishing
/// statements (measured on a million payouts). A row that changes a stored record goes one at a
/// time, after the rows before it are written.
pub(crate) fn write_batch(
    conn: &Connection,
    rows: &[(Origin, &PayoutRecord)],
    judge: &mut PayoutJudge,
) -> Result<Vec<Written>> {
    let records: Vec<&PayoutRecord> = rows.iter().map(|(_, p)| *p).collect();
    // Read before anything of the batch is written; stale (and so dropped) once anything is.
    let prefetched = Some(stored_for(conn, &records, judge.vouchers.as_ref())?);
    judge.fetch_earlier(conn, &records)?;
    judge.ask_elsewhere(conn, &records)?;
    let out = judge_and_write(conn, rows, judge, prefetched);
    judge.forget_elsewhere();
    out
}

/// [`write_batch`] once what the batch needs to know is read: `prefetched`, the payouts on
/// file under the batch's vouchers.
fn judge_and_write<'r>(
    conn: &Connection,
    rows: &[(Origin, &'r PayoutRecord)],
    judge: &mut PayoutJudge,
    mut prefetched: Option<HashMap<&'r str, Stored, std::hash::BuildHasherDefault<Fnv>>>,
) -> Result<Vec<Written>> {
    let mut out: Vec<Option<Written>> = vec![None; rows.len()];
    let mut pending = Pending::default();
    for (i, &(at, p)) in rows.iter().enumerate() {
        let taken = match p.voucher.as_deref() {
            Some(v) => pending.vouchers.contains(v),
            // Without a voucher, the payout is found by its whole row, which a waiting row
            // may be: judged once the waiting rows are written.
            None => !pending.rows.is_empty(),
        };
        if taken {
            // An earlier row of the batch takes this voucher: judged once that row is written.
            flush(conn, &mut pending, &mut out, judge)?;
            prefetched = None;
        }
        let stored = match (&p.voucher, &mut prefetched) {
            (None, _) => None,
            (Some(v), Some(map)) => map.get(v.as_str()).cloned(),
            (Some(v), None) => stored_by_voucher(conn, v)?,
        };
        let decision = match judge.judge(conn, at, p, stored, &pending)? {
            Ok(d) => d,
            Err(refusal) => {
                out[i] = Some(Err(refusal));
                continue;
            }
        };
        match decision {
            Decision {
                person: PersonPlan::OnFile(_) | PersonPlan::Add,
                payout: PayoutPlan::Insert,
                ..
            } => {
                let person = match decision.person {
                    PersonPlan::OnFile(id) => id,
                    _ => insert_recipient(conn, at, &p.recipient, judge)?,
                };
                if let Some(v) = p.voucher.as_deref() {
                    pending.vouchers.insert(v);
                }
                judge.voucher_written(p);
                pending.push((at, p, person, i));
            }
            Decision {
                person: PersonPlan::OnFile(_),
                payout: PayoutPlan::Unchanged { id, touch },
                ..
            } => {
                if touch {
                    pending.touched.push((id, at.row));
                }
                out[i] = Some(Ok(UpsertOutcome::Unchanged(id)));
            }
            _ => {
                flush(conn, &mut pending, &mut out, judge)?;
                judge.give_back_ids(conn)?;
                prefetched = None;
                // Written through the generic upsert, which finds payouts by person too.
                judge.index_now(conn)?;
                out[i] = Some(in_savepoint(conn, |conn| carry_out(conn, at, p, decision))?);
                judge.written(conn, p, decision)?;
            }
        }
    }
    flush(conn, &mut pending, &mut out, judge)?;
    out.into_iter()
        .map(|o| o.ok_or_else(|| anyhow::anyhow!("a payout row left unwritten")))
        .collect()
}

/// Adds the recipient of a row as a person (from ID number, name and district), as `carry_out`
/// does through the upsert; returns the new id.
fn insert_recipient(
    conn: &Connection,
    at: Origin,
    key: &PersonKey,
    judge: &mut PayoutJudge,
) -> Result<i64> {
    let id = &key.id_number;
    let mut day = [0u8; 10];
    // Written with the batch's payouts where it can be found meanwhile: through `remember`.
    let keyed = person_key(id.as_str()).is_some();
    if let Some(bulk) = judge.bulk(conn)?.filter(|_| keyed) {
        // Drawn here only when the batch has more new recipients than were drawn before it.
        bulk.people.stock(conn, 1)?;
        let person = bulk.people.take()?;
        bulk.rows
            .int(person)
            .text(Some(id.as_str()))
            .text(key.name.as_deref())
            .text(Some(id.gender().zh()))
            .text(Some(&iso_date(id.birth_date(), &mut day)))
            .text(key.district.as_deref())
            .int(at.batch)
            .int(at.batch)
            .int(at.row)
            .end_row();
        remember_added(judge, key, person);
        return Ok(person);
    }
    // Written at once: the recipients waiting go first, and the ids drawn ahead are given
    // back, so that this INSERT's id is the next one.
    judge.write_people(conn)?;
    judge.give_back_ids(conn)?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO people (id_number, name, gender, birth_date, district, created_batch,
             batch_id, batch_row) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
    )?;
    stmt.raw_bind_parameter(1, id.as_str())?;
    stmt.raw_bind_parameter(2, key.name.as_deref())?;
    stmt.raw_bind_parameter(3, id.gender().zh())?;
    stmt.raw_bind_parameter(4, iso_date(id.birth_date(), &mut day))?;
    stmt.raw_bind_parameter(5, key.district.as_deref())?;
    stmt.raw_bind_parameter(6, at.batch)?;
    stmt.raw_bind_parameter(7, at.row)?;
    stmt.raw_execute()?;
    let person = conn.last_insert_rowid()?;
    remember_added(judge, key, person);
    Ok(person)
}

/// The judge learns of recipient `person` just added (found again without a query).
fn remember_added(judge: &mut PayoutJudge, key: &PersonKey, person: i64) {
    if let Some(k) = person_key(key.id_number.as_str()) {
        let known = Known {
            id: person,
            name: judge
                .names
                .hash_one(name_key(key.name.as_deref().unwrap_or_default())),
            has_district: key.district.is_some(),
            status: PersonStatus::Active,
            retired_on: None,
            died_on: None,
        };
        judge.remember(k, known);
    }
}

/// What a payout import writes through [`Connection::copy_in`] (COPY on PostgreSQL, not for a
/// role whose rows are secured; INSERTs of many rows each on SQLite): the recipients it adds,
/// sent with each batch's payouts (one statement for many, where an INSERT each cost a round
/// trip each on PostgreSQL), and the ids of both drawn ahead, so that between two batches of
/// rows that add payouts no statement comes on PostgreSQL (one would end the COPYs of the batch
/// before, which load meanwhile), and the payouts are sealed from the values sent (on SQLite,
/// reading them back and `RETURNING` their ids had cost a sixth of a million-row import). A
/// row written by other means (a correction, a payout without a voucher) gives the ids back
/// first, and the next batch draws again.
struct Bulk {
    people: Ids,
    /// The recipients added and not yet sent.
    rows: super::db::CopyRows,
    payouts: Ids,
    /// The payouts sent, sealed from the values sent; `None` where they cannot be (they are
    /// then read back at the end, as any new row).
    seal: Option<super::seal::SealAsSent>,
}

/// Ids drawn ahead from a table's identity, the next last.
struct Ids {
    table: &'static str,
    ids: Vec<i64>,
    /// Ids taken since ids were last given back unused (`None`: never): a file that writes
    /// rows by other means between its batches (corrections, payouts without a voucher) gives
    /// ids back each time, and draws only what a batch needs until a whole batch's worth is
    /// taken without a give-back.
    taken_since_give_back: Option<usize>,
    /// The largest id taken: on SQLite, ids are drawn after it (and after the table's
    /// largest), since rows taken ids may wait to be written while more are drawn.
    last_taken: i64,
}

/// Ids drawn from an identity at a time while a file only adds: sixteen batches' worth, so
/// that the statements of a draw (which end the COPY loading meanwhile) come once in sixteen
/// batches: with four, a million-row import waited 0.96 s between COPYs.
const IDS_AHEAD: usize = 65_536;

/// Ids taken without a give-back after which draws are of [`IDS_AHEAD`] again: a batch's rows.
const IDS_SETTLED: usize = 4096;

impl Ids {
    fn new(table: &'static str) -> Ids {
        Ids {
            table,
            ids: Vec::new(),
            taken_since_give_back: None,
            last_taken: 0,
        }
    }

    /// Makes sure `wanted` ids are at hand: with fewer, those at hand are given back and
    /// [`IDS_AHEAD`] drawn (or `wanted`, if more, or while ids are being given back), and the
    /// first and last drawn returned.
    fn stock(&mut self, conn: &Connection, wanted: usize) -> Result<Option<(i64, i64)>> {
        if self.ids.len() >= wanted {
            return Ok(None);
        }
        self.set_back(conn)?;
        let count = match self.taken_since_give_back {
            Some(taken) if taken < IDS_SETTLED => wanted,
            _ => IDS_AHEAD.max(wanted),
        };
        let mut drawn = draw_ids(conn, self.table, count as i64, self.last_taken)?;
        let (Some(&first), Some(&last)) = (drawn.first(), drawn.last()) else {
            bail!("no {} id drawn", self.table);
        };
        drawn.reverse();
        self.ids = drawn;
        Ok(Some((first, last)))
    }

    fn take(&mut self) -> Result<i64> {
        match self.ids.pop() {
            Some(id) => {
                self.last_taken = self.last_taken.max(id);
                if let Some(taken) = self.taken_since_give_back.as_mut() {
                    *taken += 1;
                }
                Ok(id)
            }
            None => bail!("no {} id drawn", self.table),
        }
    }

    /// Gives back the ids at hand, for a row written by other means: the identity is set back
    /// to the first of them, so that the next id is the one SQLite would give.
    fn give_back(&mut self, conn: &Connection) -> Result<()> {
        if !self.ids.is_empty() {
            self.taken_since_give_back = Some(0);
        }
        self.set_back(conn)
    }

    /// Sets the identity back to the first id at hand, and forgets them (SQLite, whose next
    /// id is the largest plus one, has no identity to set back).
    fn set_back(&mut self, conn: &Connection) -> Result<()> {
        if let Some(&next) = self.ids.last().filter(|_| conn.is_postgres()) {
            conn.query_row(
                "SELECT setval(pg_get_serial_sequence(?1, 'id'), ?2, false)",
                super::db::params![self.table, next],
                |_| Ok(()),
            )?;
        }
        self.ids.clear();
        Ok(())
    }
}

impl PayoutJudge {
    /// What [`Connection::copy_in`] writes, where it may (not under row-level security).
    fn bulk(&mut self, conn: &Connection) -> Result<Option<&mut Bulk>> {
        if self.bulk.is_none() {
            let copies = !conn.is_postgres()
                || (!super::offices::rows_secured(conn, "payouts")?
                    && !super::offices::rows_secured(conn, "people")?);
            self.bulk = Some(match copies {
                true => Some(Bulk {
                    people: Ids::new("people"),
                    rows: conn.copy_rows(false),
                    payouts: Ids::new("payouts"),
                    seal: super::seal::SealAsSent::new(
                        conn,
                        "payouts",
                        &super::db::copy_columns(&payout_target()),
                    )?,
                }),
                false => None,
            });
        }
        Ok(self.bulk.as_mut().and_then(Option::as_mut))
    }

    /// Sends the recipients added through `copy_in`: written before the payouts sent after them.
    fn write_people(&mut self, conn: &Connection) -> Result<()> {
        let Some(Some(bulk)) = self.bulk.as_mut() else {
            return Ok(());
        };
        if bulk.rows.rows() > 0 {
            let rows = std::mem::replace(&mut bulk.rows, conn.copy_rows(false));
            conn.copy_in(PEOPLE_COLUMNS, rows)?;
        }
        Ok(())
    }

    /// Gives back the ids drawn and not used, so that the next id is the one SQLite would
    /// give: before anything else takes one from the identity, and at the import's end.
    pub(crate) fn give_back_ids(&mut self, conn: &Connection) -> Result<()> {
        let Some(Some(bulk)) = self.bulk.as_mut() else {
            return Ok(());
        };
        if bulk.rows.rows() > 0 {
            bail!("{} recipients added and not written", bulk.rows.rows());
        }
        bulk.people.give_back(conn)?;
        if let Some(seal) = bulk.seal.as_mut() {
            seal.release(conn)?;
        }
        bulk.payouts.give_back(conn)
    }
}

/// Draws `count` (at least 1) consecutive ids for `table`, none at or below `after`. On
/// PostgreSQL from the table's identity, in one statement: the next id, and the identity moved
/// past the rest. A `nextval` per id cost 7 µs of the server's time each, as much as a tenth of
/// an import's. union's writers hold the write
/// lock; a writer outside union that took an id in the instant between the two would make one
/// of the two inserts fail on the primary key, never write a row twice.
fn draw_ids(conn: &Connection, table: &str, count: i64, after: i64) -> Result<Vec<i64>> {
    if !conn.is_postgres() {
        // SQLite has no identity: the ids after the table's largest and after `after`, the
        // largest taken (whose row may not be written yet). The write holds the file's write
        // lock, and the ids are given back before anything else inserts.
        let largest: i64 = conn.query_row(
            &format!("SELECT max(coalesce(max(id), 0), ?1) FROM {table}"),
            [after],
            |r| r.get(0),
        )?;
        return Ok((largest + 1..=largest + count.max(1)).collect());
    }
    let last: i64 = conn.query_row(
        "SELECT setval(pg_get_serial_sequence(?1, 'id'),
                       nextval(pg_get_serial_sequence(?1, 'id')) + CAST(?2 AS BIGINT) - 1)",
        super::db::params![table, count.max(1)],
        |r| r.get(0),
    )?;
    Ok((last - count.max(1) + 1..=last).collect())
}

/// The columns of a recipient an import adds.
const PEOPLE_COLUMNS: &str =
    "people (id, id_number, name, gender, birth_date, district, created_batch, batch_id, batch_row)";

/// The columns a payout row inserts, in the order `bind_payout` binds them.
const PAYOUT_COLUMNS: &str = "payouts (person_id, category, amount, paid_on, voucher, note,
    created_batch, batch_id, batch_row, student_name, student_id_number, school_stage, period_from, period_to)";
/// The payouts' COPY: [`PAYOUT_COLUMNS`] with the ids drawn ahead.
fn payout_target() -> String {
    PAYOUT_COLUMNS.replacen('(', "(id, ", 1)
}

/// The parameters of one row of [`PAYOUT_COLUMNS`].
const PAYOUT_VALUES: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// A row's 所属期间 as the columns store it: none when it is the month paid.
fn period_values(p: &PayoutRecord) -> (Option<String>, Option<String>) {
    match p.stated_period() {
        Some(m) => (Some(m.from.to_string()), Some(m.to.to_string())),
        None => (None, None),
    }
}

/// Binds one payout's values from parameter `first` on; returns the next free parameter.
fn bind_payout(
    stmt: &mut super::db::Statement<'_>,
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
    for (i, value) in student_columns(p).into_iter().enumerate() {
        stmt.raw_bind_parameter(first + 9 + i, value)?;
    }
    let (from, to) = period_values(p);
    stmt.raw_bind_parameter(first + 12, from)?;
    stmt.raw_bind_parameter(first + 13, to)?;
    Ok(first + 14)
}

/// Writes the waiting payouts, and the stored payouts rows confirmed unchanged. Their vouchers
/// were checked against the table and the batch before they were judged, so every row
/// inserts. As a rule through [`copy_pending`], with ids drawn ahead; on PostgreSQL for a role
/// whose rows are secured (which COPY refuses), by INSERTs of many rows each, the ids coming
/// back with the rows' numbers (`RETURNING`): a row left out (`OR IGNORE`) stops the import as
/// an internal error.
fn flush(
    conn: &Connection,
    pending: &mut Pending<'_>,
    out: &mut [Option<Written>],
    judge: &mut PayoutJudge,
) -> Result<()> {
    // PostgreSQL refuses COPY into a table whose rows are secured for the role (an office, a
    // city administrator who is not a superuser): their rows go in by INSERT below.
    if let Some(bulk) = judge.bulk(conn)? {
        if bulk.rows.rows() > 0 {
            // A batch that adds recipients: ids for the next batch's drawn now, before its
            // COPYs begin, if fewer than a batch's rows are at hand.
            bulk.people
                .stock(conn, write::rows_written_together(conn))?;
        }
        judge.write_people(conn)?;
        copy_pending(conn, judge, pending, out)?;
    }
    let mut from = 0;
    let rows = &pending.rows;
    while from < rows.len() {
        let size = super::db::INSERT_SIZES
            .into_iter()
            .find(|&s| s <= rows.len() - from)
            .unwrap_or(1);
        let values = vec![PAYOUT_VALUES; size].join(", ");
        let mut stmt = conn.prepare_cached(&format!(
            "INSERT OR IGNORE INTO {PAYOUT_COLUMNS} VALUES {values} RETURNING id, batch_row"
        ))?;
        let mut param = 1;
        let chunk = &rows[from..from + size];
        for &(at, p, person, _) in chunk {
            param = bind_payout(&mut stmt, param, at, p, person)?;
        }
        let mut ids = HashMap::with_capacity(size);
        let mut returned = stmt.raw_query();
        while let Some(r) = returned.next()? {
            ids.insert(r.get::<_, i64>(1)?, r.get::<_, i64>(0)?);
        }
        for &(at, p, person, i) in chunk {
            let Some(&id) = ids.get(&at.row) else {
                bail!("a batched payout insert left out row {}", at.row);
            };
            if let Some(f) = judge.fetched.as_mut() {
                f.add(id, p, person);
            }
            out[i] = Some(Ok(UpsertOutcome::Added(id)));
        }
        from += size;
    }
    for chunk in pending.touched.chunks(super::db::INSERT_SIZES[0]) {
        let values = vec!["('payouts', ?, ?)"; chunk.len()].join(", ");
        let mut stmt = conn.prepare_cached(&format!(
            "INSERT OR IGNORE INTO import_touched (tbl, rec, row) VALUES {values}"
        ))?;
        for (k, (id, row)) in chunk.iter().enumerate() {
            stmt.raw_bind_parameter(2 * k + 1, id)?;
            stmt.raw_bind_parameter(2 * k + 2, row)?;
        }
        stmt.raw_execute()?;
    }
    pending.clear();
    Ok(())
}

/// `flush`'s waiting payouts through [`Connection::copy_in`] (PostgreSQL's bulk load, issue 16;
/// INSERTs on SQLite), with their ids drawn first, since COPY returns none. The rows are those
/// the secured path of `flush` inserts, bound as `bind_payout` binds them; `pending.rows` is
/// left empty.
fn copy_pending(
    conn: &Connection,
    judge: &mut PayoutJudge,
    pending: &mut Pending<'_>,
    out: &mut [Option<Written>],
) -> Result<()> {
    let rows = std::mem::take(&mut pending.rows);
    if rows.is_empty() {
        return Ok(());
    }
    let Some(Some(bulk)) = judge.bulk.as_mut() else {
        bail!("payouts copied where COPY may not write");
    };
    let key = super::audit::key();
    if let Some((first, last)) = bulk.payouts.stock(conn, rows.len())? {
        if let Some(seal) = bulk.seal.as_mut() {
            // Many rows sealed stored while statements run anyway: their prints are not kept
            // in memory for the whole import.
            if seal.held() >= IDS_AHEAD {
                seal.store(conn)?;
            }
            seal.reserve(conn, key.as_deref(), first, last)?;
        }
    }
    let ids = (0..rows.len())
        .map(|_| bulk.payouts.take())
        .collect::<Result<Vec<i64>>>()?;
    let mut data = conn.copy_rows(true);
    for (&(at, p, person, _), &id) in rows.iter().zip(&ids) {
        let mut day = [0u8; 10];
        let (from, to) = period_values(p);
        let [student, student_id, stage] = student_columns(p);
        data.int(id)
            .int(person)
            .text(Some(p.category.code()))
            .int(p.amount.fen())
            .text(Some(&iso_date(p.paid_on, &mut day)))
            .text(p.voucher.as_deref())
            .text(p.note.as_deref())
            .int(at.batch)
            .int(at.batch)
            .int(at.row)
            .text(student)
            .text(student_id)
            .text(stage)
            .text(from.as_deref())
            .text(to.as_deref())
            .end_row();
    }
    // Sealed as sent, not read back after.
    if let Some(seal) = bulk.seal.as_mut() {
        seal.add(key.as_deref(), &data)?;
    }
    // On PostgreSQL loaded while the next rows are judged: the next statement waits for it,
    // and fails if it failed.
    conn.copy_in(&payout_target(), data)?;
    for (&(_, p, person, i), &id) in rows.iter().zip(&ids) {
        if let Some(d) = judge.deferred.as_mut() {
            d.keep(conn, id, p, person)?;
        }
        if let Some(f) = judge.fetched.as_mut() {
            f.add(id, p, person);
        }
        out[i] = Some(Ok(UpsertOutcome::Added(id)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cell::Cell;
    use crate::domain::codes::{HardshipType, Title};
    use crate::domain::id_number::IdNumber;
    use crate::domain::records::{HardshipRecord, HonourRecord, PersonRecord, Record};
    use crate::domain::values::Money;
    use crate::store::Writer;
    use crate::store::{begin_batch, policy_rows, write_record, write_records, OpenMode, Store};

    /// A small deterministic generator (xorshift64*), so that a failing seed can be run again.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn chance(&mut self, percent: u64) -> bool {
            self.below(100) < percent
        }
        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len() as u64) as usize]
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A valid ID number (GB 11643) for person `n`.
    fn id_number(n: u32) -> IdNumber {
        const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let first17 = format!("32020219{:02}0{}15{:03}", 60 + n % 30, 1 + n % 9, n % 1000);
        let sum: u32 = first17
            .bytes()
            .zip(WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        let check = b"10X98765432"[(sum % 11) as usize] as char;
        IdNumber::parse(&Cell::Text(format!("{first17}{check}")), day(2026, 1, 1)).unwrap()
    }

    fn name(n: u32) -> String {
        [
            "陈静",
            "周建华",
            "张志强",
            "王芳",
            "李娜",
            "刘洋",
            "赵敏",
            "孙磊",
        ][n as usize % 8]
            .into()
    }

    /// A database with people on file (some retired, one with a provincial title, one dead, one
    /// with a hardship file) and a few payouts written by an earlier import.
    /// Without `people`, an empty database.
    fn setup(dir: &std::path::Path, file: &str, earlier: &[PayoutRecord], people: bool) -> Store {
        let mut store =
            Store::open(&dir.join(file), OpenMode::Create, crate::store::silent()).unwrap();
        if !people {
            return store;
        }
        let tx = store.write_resolved().unwrap();
        let batch = begin_batch(&tx, "people", "people.csv", "0").unwrap();
        let mut w = Writer::new(Book::new(policy_rows(&tx).unwrap()));
        for n in 0..6 {
            let person = PersonRecord {
                id_number: id_number(n),
                name: name(n),
                mobile: None,
                work_unit: None,
                district: (n % 2 == 0).then(|| "梁溪区".to_string()),
                status: Some(match n {
                    1 | 2 => PersonStatus::Retired,
                    3 => PersonStatus::Deceased,
                    _ => PersonStatus::Active,
                }),
                retired_on: (n == 2).then(|| day(2020, 5, 1)),
                died_on: (n == 3).then(|| day(2024, 6, 30)),
                transferred_on: None,
                honour: (n == 1).then_some(HonourRecord {
                    title: Title::ProvincialModel.into(),
                    year: Some(2010),
                    awarded_by: None,
                    revoked: None,
                }),
            };
            let at = Origin::row(batch, i64::from(n) + 2);
            write_record(&tx, at, &Record::Person(person), &mut w)
                .unwrap()
                .unwrap();
        }
        let file = HardshipRecord {
            person: PersonKey {
                id_number: id_number(4),
                name: Some(name(4)),
                district: None,
            },
            kind: HardshipType::Deep,
            opened_on: day(2023, 1, 1),
            closed_on: Some(day(2024, 9, 1)),
            cause: None,
            household: None,
            exit: Some(crate::domain::codes::HardshipExit::Recovered),
            reviewed_on: None,
            income: None,
        };
        write_record(&tx, Origin::row(batch, 9), &Record::Hardship(file), &mut w)
            .unwrap()
            .unwrap();
        let batch = begin_batch(&tx, "payouts", "earlier.csv", "1").unwrap();
        for (i, p) in earlier.iter().enumerate() {
            let at = Origin::row(batch, i as i64 + 2);
            let _ = write_record(&tx, at, &Record::Payout(p.clone()), &mut w).unwrap();
        }
        tx.commit().unwrap();
        store
    }

    /// A random payout row: known and new people (names sometimes wrong), categories with and
    /// without frequency rules and facts, amounts sometimes over the ceiling, vouchers from a
    /// small pool (so reused, and on file), sometimes none.
    fn payout(rng: &mut Rng) -> PayoutRecord {
        let n = rng.below(10) as u32;
        let category = *rng.pick(&[
            PayoutCategory::SummerCooling,
            PayoutCategory::SummerCooling,
            PayoutCategory::MedicalAid,
            PayoutCategory::FestivalCondolence,
            PayoutCategory::FestivalCondolence,
            PayoutCategory::HealthCheck,
            PayoutCategory::Recuperation,
            PayoutCategory::HonorAllowance,
            PayoutCategory::HonorAllowance,
            PayoutCategory::HardshipAid,
            PayoutCategory::EducationAid,
        ]);
        let amount = *rng.pick(&[30_000, 50_000, 80_000, 2_000_000]);
        let paid_on = day(
            2024 + rng.below(2) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        );
        PayoutRecord {
            recipient: PersonKey {
                id_number: id_number(n),
                name: if rng.chance(5) {
                    Some("某某".into())
                } else {
                    Some(name(n))
                },
                district: rng.chance(20).then(|| "滨湖区".to_string()),
            },
            category,
            amount: Money::from_fen(amount),
            paid_on,
            // Vouchers before, among and after those on file (see `Vouchers`).
            voucher: (!rng.chance(15))
                .then(|| format!("{}{}", rng.pick(&["A", "V", "W"]), rng.below(25))),
            note: rng.chance(30).then(|| format!("备注{}", rng.below(3))),
            // 金秋助学 for one of two children, or for no child named (counted per person).
            student: (category == PayoutCategory::EducationAid && !rng.chance(30)).then(|| {
                crate::domain::payout_rules::Student {
                    name: Some(rng.pick(&["小明", "小红"]).to_string()),
                    id_number: None,
                }
            }),
            stage: (category == PayoutCategory::EducationAid && rng.chance(50))
                .then_some(crate::domain::codes::SchoolStage::HighSchool),
            // Some rows state their months, from the month paid or the one before, for one to
            // three months.
            period: rng.chance(30).then(|| {
                let from = crate::domain::allowance::month_of(paid_on)
                    .checked_sub_months(chrono::Months::new(rng.below(2) as u32))
                    .unwrap_or(paid_on);
                Period {
                    from,
                    to: from
                        .checked_add_months(chrono::Months::new(rng.below(3) as u32))
                        .unwrap_or(from),
                }
            }),
        }
    }

    /// Every row of the tables a payout import writes, in id order.
    fn tables(conn: &Connection) -> Vec<Vec<Value>> {
        let mut all = Vec::new();
        for sql in [
            "SELECT * FROM people ORDER BY id",
            "SELECT * FROM payouts ORDER BY id",
            "SELECT * FROM batch_changes ORDER BY id",
            "SELECT tbl, rec, row FROM import_touched ORDER BY tbl, rec",
            "SELECT type, name, tbl_name, sql FROM main.sqlite_master ORDER BY name",
        ] {
            let mut stmt = conn.prepare(sql).unwrap();
            let width = stmt.column_count();
            let rows = stmt
                .query_map([], |r| (0..width).map(|i| r.get::<_, Value>(i)).collect())
                .unwrap();
            all.push(vec![Value::Text(sql.into())]);
            all.extend(rows.map(Result::unwrap));
        }
        all
    }

    /// The differential test of the payout writer: random payout files written one row at a
    /// time (each row judged from the database and written through the upsert) and in batches
    /// of random sizes (judged from the people read up front, written many rows to a statement)
    /// give the same outcome for every row — refusals with the same rules, facts and messages —
    /// and the same tables, through a first import and a second one of a changed file.
    /// What kind of outcome a row had, to see that the random files reach every kind.
    fn kind(w: &Written) -> String {
        match w {
            Ok(o) => format!("{o:?}")
                .split('(')
                .next()
                .unwrap_or_default()
                .to_string(),
            Err(Refusal::PayoutRules(v)) => format!("{:?}", v[0])
                .split([' ', '{'])
                .next()
                .unwrap_or_default()
                .to_string(),
            Err(r) => format!("{r:?}")
                .split([' ', '{'])
                .next()
                .unwrap_or_default()
                .to_string(),
        }
    }

    #[test]
    fn differential_one_at_a_time_and_batched_agree() {
        let mut seen = std::collections::BTreeSet::new();
        for seed in 1..=40u64 {
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ seed);
            // One seed in four: a first import (no payout on file, so the batched writer makes
            // its index by person at the end), every row with a voucher in its first round.
            let first = seed % 4 == 0;
            let earlier: Vec<PayoutRecord> = (0..if first { 0 } else { 8 })
                .map(|_| {
                    let mut p = payout(&mut rng);
                    p.voucher = p.voucher.map(|v| format!("V{}", &v[1..]));
                    p
                })
                .collect();
            let dir = tempfile::tempdir().unwrap();
            // One seed in eight: nobody on file either (the import adds every recipient).
            let people = seed % 8 != 0;
            let mut one = setup(dir.path(), "one.db", &earlier, people);
            let mut many = setup(dir.path(), "many.db", &earlier, people);
            let mut file: Vec<PayoutRecord> = (0..80)
                .map(|i| {
                    let mut p = payout(&mut rng);
                    if first && p.voucher.is_none() {
                        p.voucher = Some(format!("F{i}"));
                    }
                    p
                })
                .collect();
            for round in 0..2 {
                if round == 1 {
                    // The file again, a few rows changed and a few new.
                    for p in file.iter_mut().filter(|_| rng.chance(15)) {
                        p.amount = Money::from_fen(p.amount.fen() + 100);
                    }
                    file.extend((0..10).map(|_| payout(&mut rng)));
                }
                let records: Vec<Record> = file.iter().cloned().map(Record::Payout).collect();
                let (a, b) = {
                    let tx = one.write_resolved().unwrap();
                    let batch = begin_batch(&tx, "payouts", "f.csv", "2").unwrap();
                    let mut w = Writer::new(Book::new(policy_rows(&tx).unwrap()));
                    let a: Vec<Written> = records
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            write_record(&tx, Origin::row(batch, i as i64 + 2), r, &mut w).unwrap()
                        })
                        .collect();
                    let ta = tables(&tx);
                    tx.commit().unwrap();
                    let tx = many.write_resolved().unwrap();
                    let batch = begin_batch(&tx, "payouts", "f.csv", "2").unwrap();
                    let mut w =
                        Writer::for_payouts(&tx, Book::new(policy_rows(&tx).unwrap())).unwrap();
                    let indexed = |name: &str| -> bool {
                        tx.query_row(
                            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ?1)",
                            [name],
                            |r| r.get(0),
                        )
                        .unwrap()
                    };
                    let deferred = first && round == 0;
                    assert_eq!(indexed("payouts_person"), !deferred, "seed {seed}");
                    assert_eq!(indexed("people_name"), !deferred || people, "seed {seed}");
                    let rows: Vec<(Origin, &Record)> = records
                        .iter()
                        .enumerate()
                        .map(|(i, r)| (Origin::row(batch, i as i64 + 2), r))
                        .collect();
                    let mut b = Vec::new();
                    let mut from = 0;
                    while from < rows.len() {
                        let to = (from + 1 + rng.below(40) as usize).min(rows.len());
                        b.extend(write_records(&tx, &rows[from..to], &mut w).unwrap());
                        from = to;
                    }
                    w.finish(&tx).unwrap();
                    let tb = tables(&tx);
                    tx.commit().unwrap();
                    assert_eq!(ta, tb, "seed {seed}, round {round}: the tables differ");
                    (a, b)
                };
                seen.extend(a.iter().map(kind));
                for (i, (x, y)) in a.iter().zip(&b).enumerate() {
                    assert_eq!(
                        x,
                        y,
                        "seed {seed}, round {round}, row {}: {:?}",
                        i + 2,
                        file[i]
                    );
                }
                assert_eq!(a.len(), b.len());
            }
        }
        let seen: Vec<&str> = seen.iter().map(String::as_str).collect();
        assert_eq!(
            seen,
            [
                "Added",
                "AllowanceNoTitle",
                "Conflict",
                "Deceased",
                "MonthPaid",
                "NameMismatch",
                "NoHardshipFile",
                "OnceInYears",
                "OncePerYear",
                "OverCeiling",
                "Unchanged",
                "Updated",
                "VoucherUsed"
            ],
            "the kinds of outcome the random files reached"
        );
    }

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
