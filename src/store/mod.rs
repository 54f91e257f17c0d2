//! The only place with SQL. Opens the database file (pragmas, migrations, refusal of a newer
//! file), writes records through one generic keyed upsert, and reads them back for lists,
//! `show` and reports. Record groups live in their own files; everything here is shared.

mod audit;
mod batches;
mod carriers;
mod conform;
mod copy;
pub mod db;
mod edit;
mod eligibility;
pub mod offices;
mod payout_write;
mod policy;
mod records;
pub mod report;
pub mod rollup;
mod seal;
mod upsert;
mod write;

pub use audit::{
    accept as accept_data, entries as audit_entries, is_demo, set_key as set_audit_key,
    verify as verify_audit, AuditEntry, Chain, Finding,
};
pub use batches::{list_batches, record_counts, undo_batch, BatchRow, UndoRefusal, Undone};
pub use carriers::{
    carrier_facts, carrier_figures, carrier_programmes, list_carriers, programme, programmes,
    set_programme, CarrierQuery, CarrierRow,
};
pub use conform::Drift;
pub use copy::{copy_database, Copied, CopyProgress};
pub use edit::{
    delete_record, dependants, find_records, other_effects, record_fields, renumber,
    subsidy_paired, unchanged_but_bookkeeping, SubsidyLink,
};
pub use eligibility::*;
pub use payout_write::{carry_out, Decision, PayoutJudge};
pub use policy::*;
pub use records::*;
pub use seal::{RowChange, RowLabel};

/// A change to the structure as a message: kind and name, and what happened to it.
pub fn drift_said(d: &Drift) -> Said {
    let (Drift::Changed { kind, name, .. }
    | Drift::Missing { kind, name }
    | Drift::Extra { kind, name, .. }) = d;
    let (kind, name) = (kind.to_string(), name.to_string());
    let change = match d {
        Drift::Changed { .. } => 0,
        Drift::Missing { .. } => 1,
        Drift::Extra { .. } => 2,
    };
    Said::new("Drift", move |lang| {
        let kind = &match kind.to_ascii_lowercase().as_str() {
            "table" => Msg::ObjectTable.text(lang),
            "index" => Msg::ObjectIndex.text(lang),
            "view" => Msg::ObjectView.text(lang),
            "constraint" => Msg::ObjectConstraint.text(lang),
            _ => kind.as_str(),
        };
        let name = &name;
        match change {
            0 => say::DriftChanged { kind, name }.text(lang),
            1 => say::DriftMissing { kind, name }.text(lang),
            _ => say::DriftExtra { kind, name }.text(lang),
        }
    })
}
pub use upsert::{Upsert, UpsertOutcome};
pub use write::*;

use anyhow::{bail, Context, Result};
use db::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use rusqlite::OpenFlags;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::i18n::{say, Msg, Said};

/// The schema every new database is created from (the file at the repository root).
pub const SCHEMA_SQL: &str = include_str!("../../schema.sql");

/// The same schema in PostgreSQL's dialect (issue 16): the same tables, columns in the same
/// order and named indexes, with the differences listed by name at its top. Kept in step with
/// schema.sql by `conform`'s tests.
pub const SCHEMA_PG_SQL: &str = include_str!("../../schema.pg.sql");

/// The city and its district offices on PostgreSQL (issue 16): roles, row-level security,
/// the district filled in for an office's rows. Installed after schema.pg.sql by `union init`
/// and by any write-capable open of a PostgreSQL database that lacks it; idempotent.
pub const OFFICES_PG_SQL: &str = include_str!("../../offices.pg.sql");

/// The schema version this binary writes. `MIGRATIONS[i]` upgrades version `i + 1` to `i + 2`.
pub const SCHEMA_VERSION: i64 = 10;

/// One upgrade step, run inside the upgrade's transaction.
type Migration = fn(&Connection) -> Result<()>;
const MIGRATIONS: &[Migration] = &[
    to_version_2,
    to_version_3,
    to_version_4,
    to_version_5,
    to_version_6,
    to_version_7,
    to_version_8,
    to_version_9,
    to_version_10,
];

/// 1 → 2: the log seals the data (each entry the seals of the tables its write changed), and
/// keeps what was done, not who: earlier entries are redacted and the chain re-sealed.
fn to_version_2(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "ALTER TABLE audit_log ADD COLUMN seal TEXT NOT NULL DEFAULT '';
         CREATE TABLE table_seals (
             name TEXT PRIMARY KEY,
             rows INTEGER NOT NULL,
             sum  TEXT NOT NULL
         );",
    )?;
    audit::redact(conn)
}

/// 2 → 3: every write command is a batch that can be undone; an office's settings (the district
/// of records that arrive without one). A batch names the command that
/// made it, and its before-images say what each change was: a record it added (no image), one
/// it changed, or one it deleted (the whole record).
fn to_version_3(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "ALTER TABLE import_batches ADD COLUMN command TEXT;
         ALTER TABLE import_batches ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
         CREATE TABLE batch_changes_v3 (
             id         INTEGER PRIMARY KEY,
             batch_id   INTEGER NOT NULL REFERENCES import_batches(id),
             table_name TEXT NOT NULL,
             record_id  INTEGER NOT NULL,
             op         TEXT NOT NULL DEFAULT 'change' CHECK (op = 'add' OR op = 'change' OR op = 'delete'),
             before     TEXT
         );
         INSERT INTO batch_changes_v3 (id, batch_id, table_name, record_id, op, before)
             SELECT id, batch_id, table_name, record_id, 'change', before FROM batch_changes;
         DROP TABLE batch_changes;
         ALTER TABLE batch_changes_v3 RENAME TO batch_changes;
         CREATE INDEX batch_changes_batch ON batch_changes(batch_id);
         CREATE INDEX batch_changes_record ON batch_changes(table_name, record_id);
         DROP INDEX honours_key;
         CREATE UNIQUE INDEX honours_key ON honours(person_id, title, ifnull(year, 0), ifnull(awarded_by, ''));
         ALTER TABLE studio_namings ADD COLUMN approximate INTEGER CHECK (approximate IN (0, 1));
         CREATE TABLE settings (
             key   TEXT PRIMARY KEY,
             value TEXT NOT NULL
         );",
    )?;
    // 调离 (transferred out) as a status with its date: the people table is rebuilt with the
    // wider CHECK, by SQLite's documented procedure (foreign keys are off for an upgrade, see
    // `migrate`; every reference to people points at the new table once it has the name).
    conn.execute_batch(
        "CREATE TABLE people_v3 (
             id            INTEGER PRIMARY KEY,
             name          TEXT NOT NULL,
             id_number     TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
             gender        TEXT NOT NULL CHECK (gender IN ('男', '女')),
             birth_date    TEXT NOT NULL,
             mobile        TEXT,
             work_unit     TEXT,
             district      TEXT,
             status        TEXT NOT NULL DEFAULT '在职' CHECK (status = '在职' OR status = '退休' OR status = '去世'
                               OR status = '调离'),
             retired_on    TEXT,
             died_on       TEXT,
             transferred_on TEXT,
             created_batch INTEGER,
             batch_id      INTEGER,
             batch_row     INTEGER
         );
         INSERT INTO people_v3 (id, name, id_number, gender, birth_date, mobile, work_unit, district, status,
                                retired_on, died_on, created_batch, batch_id, batch_row)
             SELECT id, name, id_number, gender, birth_date, mobile, work_unit, district, status,
                    retired_on, died_on, created_batch, batch_id, batch_row FROM people;
         DROP TABLE people;
         ALTER TABLE people_v3 RENAME TO people;
         CREATE INDEX people_name ON people(name);
         CREATE INDEX people_district ON people(district);",
    )?;
    // Records left pointing at people not on file stop the upgrade: see `conform`, which
    // every upgrade runs last.
    Ok(())
}

/// 3 → 4: where each row's hash lies (`row_seals`), so that `log --verify` names the rows
/// changed outside `union`; filled by the upgrade's fresh seal of every table.
fn to_version_4(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE row_seals (
             tbl    TEXT NOT NULL,
             bucket INTEGER NOT NULL,
             fps    BLOB NOT NULL,
             PRIMARY KEY (tbl, bucket)
         ) WITHOUT ROWID;",
    )?;
    Ok(())
}

/// 4 → 5: base-level unions (基层工会) with their membership, and agreements numbered (协议编号)
/// so that one agreement may cover many enterprises, carriers and their programmes (issue 15). Self-contained, so that
/// it can be renumbered as one step. `IF NOT EXISTS`: a file whose version was lowered by hand
/// still upgrades (and `conform` makes the table exactly what schema.sql makes).
fn to_version_5(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS unions (
             id               INTEGER PRIMARY KEY,
             name             TEXT NOT NULL UNIQUE,
             credit_code      TEXT CHECK (length(credit_code) = 18),
             district         TEXT,
             form             TEXT CHECK (form = '单独建会' OR form = '联合工会' OR form = '区域性'
                                  OR form = '行业性'),
             unit_credit_code TEXT CHECK (length(unit_credit_code) = 18),
             units_covered    INTEGER CHECK (units_covered >= 0),
             founded_on       TEXT,
             committee_on     TEXT,
             term_years       INTEGER CHECK (term_years BETWEEN 1 AND 10),
             workers          INTEGER CHECK (workers >= 0),
             members          INTEGER CHECK (members >= 0),
             women_members    INTEGER CHECK (women_members >= 0),
             migrant_members  INTEGER CHECK (migrant_members >= 0),
             cadres           INTEGER CHECK (cadres >= 0),
             has_congress     INTEGER CHECK (has_congress IN (0, 1)),
             created_batch    INTEGER,
             batch_id         INTEGER,
             batch_row        INTEGER
         );
         CREATE INDEX IF NOT EXISTS unions_district ON unions(district);",
    )?;
    // 协议编号: a regional or industry agreement covering many enterprises is one agreement.
    let numbered: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('agreements') WHERE name = 'agreement_no')",
        [],
        |r| r.get(0),
    )?;
    if !numbered {
        conn.execute_batch("ALTER TABLE agreements ADD COLUMN agreement_no TEXT;")?;
    }
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS agreements_no ON agreements(agreement_no)
             WHERE agreement_no IS NOT NULL;",
    )?;
    // Carriers (职工书屋, 模范职工之家 …) and the programmes whose criteria an office declares.
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS programmes (
             id       INTEGER PRIMARY KEY,
             name     TEXT NOT NULL UNIQUE,
             criteria TEXT NOT NULL DEFAULT '',    -- comma-separated, in the declared order
             leader   TEXT NOT NULL DEFAULT 'none' CHECK (leader = 'none' OR leader = 'any-honour'),
             stars    INTEGER NOT NULL DEFAULT 0 CHECK (stars IN (0, 1))
         );
         CREATE TABLE IF NOT EXISTS carriers (
             id            INTEGER PRIMARY KEY,
             name          TEXT NOT NULL,
             type          TEXT NOT NULL,
             level         TEXT NOT NULL CHECK (level = '区级' OR level = '市级' OR level = '省级'
                               OR level = '全国' OR level = '一星' OR level = '二星' OR level = '三星'),
             unit          TEXT,
             district      TEXT,
             named_on      TEXT,
             batch_no      INTEGER CHECK (batch_no > 0),
             leader_id     INTEGER REFERENCES people(id),
             criteria_met  TEXT,
             created_batch INTEGER,
             batch_id      INTEGER,
             batch_row     INTEGER,
             UNIQUE (name, type, level)
         );
         CREATE INDEX IF NOT EXISTS carriers_leader ON carriers(leader_id) WHERE leader_id IS NOT NULL;",
    )?;
    Ok(())
}

/// 5 → 6: honours as awarded and welfare as the policies are written (issue 14). Honours keep
/// their awarding place, may be revoked, and take the open vocabulary (a kind beyond model and
/// medal, a level the title may not say): the table is rebuilt with the wider CHECKs, keeping
/// rowids (the seals go by them). A city title whose awarding body names a county-level city
/// (江阴市总工会) was stored as city level with the place dropped: it is placed and made county
/// level.
fn to_version_6(conn: &Connection) -> Result<()> {
    // A file whose version was lowered by hand may have a step's columns already: each step is
    // taken once (what is left is made exactly schema.sql's by `conform`).
    let has = |table: &str, column: &str| -> Result<bool> {
        Ok(conn.query_row(
            "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
            [table, column],
            |r| r.get::<_, i64>(0),
        )? > 0)
    };
    if !has("honours", "place")? {
        conn.execute_batch(
            "CREATE TABLE honours_v5 (
                 id             INTEGER PRIMARY KEY,
                 person_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                 title          TEXT NOT NULL,
                 kind           TEXT NOT NULL CHECK (kind = 'model' OR kind = 'medal' OR kind = 'craftsman'
                                    OR kind = 'skill_master' OR kind = 'exemplar' OR kind = 'advanced' OR kind = 'other'),
                 level          INTEGER CHECK (level BETWEEN 1 AND 4),
                 year           INTEGER,
                 awarded_by     TEXT,
                 created_batch  INTEGER,
                 batch_id       INTEGER,
                 batch_row      INTEGER,
                 place          TEXT,
                 revoked_on     TEXT,
                 revoked_reason TEXT,
                 CHECK ((kind <> 'model' AND kind <> 'medal') OR level IS NOT NULL),
                 CHECK ((revoked_on IS NULL) = (revoked_reason IS NULL))
             );
             INSERT INTO honours_v5 (id, person_id, title, kind, level, year, awarded_by, created_batch,
                                     batch_id, batch_row)
                 SELECT id, person_id, title, kind, level, year, awarded_by, created_batch, batch_id,
                        batch_row FROM honours;
             DROP TABLE honours;
             ALTER TABLE honours_v5 RENAME TO honours;
             CREATE UNIQUE INDEX honours_key ON honours(person_id, title, ifnull(year, 0), ifnull(awarded_by, ''),
                 ifnull(place, ''));",
        )?;
        for city in crate::domain::codes::COUNTY_LEVEL_CITIES {
            conn.execute(
                "UPDATE honours SET place = ?1, level = 1
                  WHERE level = 2 AND place IS NULL AND substr(awarded_by, 1, length(?1)) = ?1",
                [city],
            )?;
        }
    }
    // Honest references: the defaults seeded with a document title no document bears now say
    // where they come from (a source report and its sentence) or that no source states them.
    for p in crate::domain::policy::PARAMS {
        for former in crate::domain::policy::FORMER_REFERENCES {
            conn.execute(
                "UPDATE policy_params SET reference = ?1
                  WHERE key = ?2 AND valid_from = '1900-01-01' AND reference = ?3",
                [p.reference, p.key, former],
            )?;
        }
    }
    // Hardship files per family: 户号, the reason a file was closed, the last review, the
    // family's income.
    if !has("hardship_files", "household")? {
        conn.execute_batch(
            "ALTER TABLE hardship_files ADD COLUMN household TEXT;
             ALTER TABLE hardship_files ADD COLUMN exit_reason TEXT;
             ALTER TABLE hardship_files ADD COLUMN reviewed_on TEXT;
             ALTER TABLE hardship_files ADD COLUMN annual_income INTEGER;
             ALTER TABLE hardship_files ADD COLUMN rigid_expenses INTEGER;
             ALTER TABLE hardship_files ADD COLUMN household_size INTEGER;
             CREATE INDEX hardship_household ON hardship_files(household) WHERE household IS NOT NULL;",
        )?;
    }
    Ok(())
}

/// 6 → 7: each union's figures as of a statistics date (统计日期), so that the year-end can
/// compare two year-ends (`members.migrant_net_new`, issue 15). A union on file gets one row: its
/// figures as of the day the batch that last wrote them ran (a union no batch wrote gets none).
/// Self-contained, so that it can be renumbered as one step.
fn to_version_7(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS union_figures (
             id               INTEGER PRIMARY KEY,
             union_id         INTEGER NOT NULL REFERENCES unions(id) ON DELETE CASCADE,
             as_of            TEXT NOT NULL,
             workers          INTEGER CHECK (workers >= 0),
             members          INTEGER CHECK (members >= 0),
             women_members    INTEGER CHECK (women_members >= 0),
             migrant_members  INTEGER CHECK (migrant_members >= 0),
             created_batch    INTEGER,
             batch_id         INTEGER,
             batch_row        INTEGER,
             UNIQUE (union_id, as_of)
         );
         INSERT OR IGNORE INTO union_figures (union_id, as_of, workers, members, women_members,
                 migrant_members, created_batch, batch_id, batch_row)
             SELECT u.id, substr(b.started_at, 1, 10), u.workers, u.members, u.women_members,
                    u.migrant_members, u.batch_id, u.batch_id, u.batch_row
               FROM unions u JOIN import_batches b ON b.id = u.batch_id;",
    )?;
    Ok(())
}

/// 7 → 8: 金秋助学 per student and campaigns (issue 14): a payout may name the student it is for
/// and the school stage; named campaigns (慰问活动) in a table of their own. Self-contained and
/// additive (new columns left empty on the rows on file, a new table), so that it can be
/// renumbered as one step; each part taken once, for a file whose version was lowered by hand.
fn to_version_8(conn: &Connection) -> Result<()> {
    let has_student: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('payouts') WHERE name = 'student_name')",
        [],
        |r| r.get(0),
    )?;
    if !has_student {
        conn.execute_batch(
            "ALTER TABLE payouts ADD COLUMN student_name TEXT;
             ALTER TABLE payouts ADD COLUMN student_id_number TEXT;
             ALTER TABLE payouts ADD COLUMN school_stage TEXT;",
        )?;
    }
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS campaigns (
             id        INTEGER PRIMARY KEY,
             name      TEXT NOT NULL UNIQUE,
             category  TEXT NOT NULL CHECK (category = 'honor_allowance' OR category = 'living_subsidy'
                           OR category = 'hardship_aid' OR category = 'festival_condolence'
                           OR category = 'education_aid' OR category = 'medical_aid'
                           OR category = 'recuperation' OR category = 'health_check'
                           OR category = 'summer_cooling' OR category = 'innovation_award'),
             starts_on TEXT NOT NULL,
             ends_on   TEXT NOT NULL CHECK (ends_on >= starts_on),
             reference TEXT                          -- 文号
         );",
    )?;
    Ok(())
}

/// 8 → 9: monthly allowances owed and paid (issue 14): a payout states the months it covers
/// (所属期间), NULL for the month paid, so every payout on file keeps its meaning. `conform`
/// then gives the table schema.sql's checks.
fn to_version_9(conn: &Connection) -> Result<()> {
    let has: i64 = conn.query_row(
        "SELECT count(*) FROM pragma_table_info('payouts') WHERE name = 'period_from'",
        [],
        |r| r.get(0),
    )?;
    if has == 0 {
        conn.execute_batch(
            "ALTER TABLE payouts ADD COLUMN period_from TEXT;
             ALTER TABLE payouts ADD COLUMN period_to TEXT;",
        )?;
    }
    Ok(())
}

/// 9 → 10: a student's 金秋助学 payouts found by their ID number (issue 14: once per student
/// whoever is paid for them).
fn to_version_10(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS payouts_student ON payouts(student_id_number)
           WHERE student_id_number IS NOT NULL;",
    )?;
    Ok(())
}

/// The first schema version a PostgreSQL database was made at: schema.pg.sql began at it.
pub const PG_FIRST_VERSION: i64 = 10;

/// The upgrades of a PostgreSQL database: `PG_MIGRATIONS[i]` upgrades version
/// `PG_FIRST_VERSION + i` to the next, in schema.pg.sql's dialect (a SQLite step rebuilds tables
/// as SQLite must; PostgreSQL alters them in place). Every step of `MIGRATIONS` from
/// `PG_FIRST_VERSION` on has its counterpart here: a new schema version without one does not
/// compile. The frozen fixture `tests/fixtures/schema_v{N}.pg.sql` of each version is upgraded
/// by the store's tests and compared with a new database.
const PG_MIGRATIONS: &[Migration] = &[];
const _: () = assert!(PG_FIRST_VERSION + PG_MIGRATIONS.len() as i64 == SCHEMA_VERSION);

/// How long `retry_while_busy` tries again a step SQLite refuses without calling the busy
/// handler (switching a file another command is creating to WAL).
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// How often a command waiting for another writer says so.
const WAITING_NOTICE: Duration = Duration::from_secs(3);

/// An open `union` database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Whether the seal triggers are installed on this connection.
    sealing: bool,
    /// `log --accept`: a write that may find triggers `union` did not make.
    foreign_triggers_allowed: bool,
    /// Said every few seconds while the store waits for another command's write.
    waiting: Waiting,
}

/// What a store waiting for another command's write says, every few seconds (the command's
/// words: the store has none).
pub type Waiting = std::sync::Arc<dyn Fn() + Send + Sync>;

/// A store for a test: it waits without a word.
#[cfg(test)]
pub(crate) fn silent() -> Waiting {
    std::sync::Arc::new(|| {})
}

/// Whether a command may create the database file when it is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file (mode 0600) if missing, upgrade an older one.
    Create,
    /// The file must exist; upgrade an older one.
    Existing,
    /// The file must exist and is opened read-only (for `union sql`).
    ReadOnly,
}

impl Store {
    /// Opens (and if allowed creates) the database at `path`, sets the pragmas and brings the
    /// schema to [`SCHEMA_VERSION`]. A file written by a newer `union` is refused.
    pub fn open(path: &Path, mode: OpenMode, waiting: Waiting) -> Result<Store> {
        if let Some(url) = postgres_url(path) {
            return Store::open_postgres(url, mode, waiting);
        }
        // A PostgreSQL connection string in keyword form (`host=… password=…`) is no URL and
        // no file either: named without its password.
        let display = db::shown_url(&path.display().to_string());
        let display = match display.contains("password=***") {
            true => display,
            false => path.display().to_string(),
        };
        let exists = path.exists();
        if !exists && mode != OpenMode::Create {
            bail!(say::DbMissing { db: &display }.said());
        }
        if path.is_dir() {
            bail!(say::DbIsDirectory { db: &display }.said());
        }
        // An empty file is a database only for a command that may create one.
        let empty = std::fs::metadata(path)
            .map(|m| m.len() == 0)
            .unwrap_or(true);
        if empty && exists && mode != OpenMode::Create {
            bail!(say::DbUninitialised { db: &display }.said());
        }
        if !exists {
            // Owner-only, as every file the tool writes: the database holds personal data, and
            // SQLite gives its -wal and -shm files the same mode.
            match crate::output::private_new_file(path).map(drop) {
                // Another command created it a moment ago: open that one.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                other => {
                    other.map_err(|e| say::DbCannotCreate { db: &display }.said().because(e))?
                }
            }
        }
        let flags = if mode == OpenMode::ReadOnly {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = Connection::open_sqlite(path, flags)
            .map_err(|e| say::DbCannotOpen { db: &display }.said().because(e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            sealing: false,
            foreign_triggers_allowed: false,
            waiting,
        };
        // Whose file it is and which version, read before any pragma that writes: a refused
        // file is left byte for byte as it was.
        store
            .conn
            .on_wait(wait_for_other_writer(store.waiting.clone()))
            .map_err(|e| say::DbCannotOpen { db: &display }.said().because(e))?;
        let found = retry_while_busy(|| identify(&store.conn))
            .map_err(|e| say::DbCannotOpen { db: &display }.said().because(e))?;
        store.refuse_foreign(found, mode)?;
        store
            .configure(mode)
            .map_err(|e| say::DbCannotOpen { db: &display }.said().because(e))?;
        store.migrate(mode)?;
        Ok(store)
    }

    /// Opens a PostgreSQL database (issue 16, being built): an empty one gets the schema
    /// (schema.pg.sql) and the seal's capture triggers, and its first log entry. Only with
    /// `UNION_EXPERIMENTAL_POSTGRES=1`: not every command runs on PostgreSQL yet.
    fn open_postgres(url: &str, mode: OpenMode, waiting: Waiting) -> Result<Store> {
        let display = db::shown_url(url);
        if std::env::var("UNION_EXPERIMENTAL_POSTGRES").as_deref() != Ok("1") {
            bail!(say::PostgresNotReady { db: &display }.said());
        }
        let conn = Connection::open_postgres(url)
            .map_err(|e| say::DbCannotOpenServer { db: &display }.said().because(e))?;
        let mut store = Store {
            conn,
            path: PathBuf::from(&display),
            sealing: false,
            foreign_triggers_allowed: false,
            waiting,
        };
        store
            .conn
            .on_wait(wait_for_other_writer(store.waiting.clone()))?;
        let found = identify(&store.conn)
            .map_err(|e| say::DbCannotOpenServer { db: &display }.said().because(e))?;
        store.refuse_foreign(found, mode)?;
        store.migrate(mode)?;
        if mode == OpenMode::ReadOnly {
            // The server enforces it, as SQLite's `query_only` does: `union sql` and the
            // reading commands cannot write, whatever the statement.
            store
                .conn
                .execute_batch("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")?;
        } else {
            offices::install(&store.conn)?;
        }
        Ok(store)
    }

    /// Refuses a file that is not a `union` database this binary may open in `mode`: another
    /// program's (its application id, or tables without ours), a newer version's, or an empty
    /// one when the command does not create databases.
    fn refuse_foreign(&self, found: Identity, mode: OpenMode) -> Result<()> {
        let display = self.path.display().to_string();
        if found.is_blank() {
            if mode != OpenMode::Create {
                bail!(say::DbUninitialised { db: &display }.said());
            }
            return Ok(());
        }
        if !found.is_ours() {
            bail!(say::DbNotOurs { db: &display }.said());
        }
        if found.version > SCHEMA_VERSION {
            bail!(say::DbTooNew {
                db: &display,
                found: &found.version,
                known: &SCHEMA_VERSION
            }
            .said());
        }
        if found.version < SCHEMA_VERSION && mode == OpenMode::ReadOnly {
            bail!(say::DbNeedsUpgrade { db: &display }.said());
        }
        Ok(())
    }

    fn configure(&self, mode: OpenMode) -> db::Result<()> {
        // Reading the header first turns "file is not a database" into an error here.
        self.conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        if mode != OpenMode::ReadOnly {
            // Switching a new file to WAL needs a lock another command opening the same new file
            // may hold for a moment; SQLite does not always wait for it, so wait here.
            retry_while_busy(|| self.conn.pragma_update("journal_mode", "WAL"))?;
            self.conn.pragma_update("synchronous", "NORMAL")?;
        } else {
            self.conn.pragma_update("query_only", true)?;
        }
        self.conn.pragma_update("foreign_keys", true)?;
        // Temporary tables and sorts (the rows an import confirmed unchanged, a report's GROUP
        // BY) in temporary files, so that memory stays flat whatever their size: in memory, a
        // re-import of 5 million payouts passed 130 MiB and the year-end report took 195 MiB.
        // Measured no slower: row savepoints' journals stay in memory below 64 KiB either way.
        self.conn.pragma_update("temp_store", "FILE")?;
        // 32 MiB of page cache (negative = KiB): big imports touch the same index pages again
        // and again.
        self.conn.pragma_update("cache_size", -32768)?;
        // Plans must not depend on bound values: otherwise SQLite re-prepares a statement on
        // payouts (which has a partial index) at every new binding — measured at 7% of an
        // import spent in the parser.
        self.conn.sqlite()?.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        self.conn
            .sqlite()?
            .set_prepared_statement_cache_capacity(64);
        Ok(())
    }

    /// Creates the schema in an empty file, or applies the migrations an older file needs, in
    /// one transaction.
    fn migrate(&mut self, mode: OpenMode) -> Result<()> {
        let found = retry_while_busy(|| identify(&self.conn))?;
        if found.version == SCHEMA_VERSION {
            return Ok(());
        }
        if mode == OpenMode::ReadOnly {
            bail!(say::DbNeedsUpgrade {
                db: &self.path.display()
            }
            .said());
        }
        // An upgrade may rebuild a table others refer to (SQLite's documented procedure), which
        // needs foreign keys off; they are checked by the step itself and back on below.
        if self.conn.is_postgres() {
            return self.upgrade();
        }
        self.conn.pragma_update("foreign_keys", false)?;
        let result = self.upgrade();
        self.conn.pragma_update("foreign_keys", true)?;
        result
    }

    fn upgrade(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another command may have created or upgraded the file while this one waited for the
        // write lock: look again under the lock.
        let found = identify(&tx)?;
        if found.version == SCHEMA_VERSION {
            return Ok(());
        }
        if !found.is_blank() && !found.is_ours() {
            bail!(say::DbNotOurs {
                db: &self.path.display()
            }
            .said());
        }
        let version = found.version;
        // Data changed outside union before the upgrade is recorded in its entry, not sealed
        // as if union had written it.
        let differed = if version >= 2 {
            audit::tables_differing_from_seals(&tx)?
        } else {
            Vec::new()
        };
        if version == 0 && tx.is_postgres() {
            tx.execute_batch(SCHEMA_PG_SQL).context("schema.pg.sql")?;
            seal::create_capture(&tx)?;
            offices::run_offices_sql(&tx)?;
        } else if version == 0 {
            tx.execute_batch(SCHEMA_SQL).context("schema.sql")?;
        } else if tx.is_postgres() {
            upgrade_postgres(&tx, version)?;
        } else {
            for step in &MIGRATIONS[(version - 1) as usize..] {
                step(&tx)?;
            }
            conform::conform(&tx)?;
        }
        // Every policy default, valid from 1900-01-01 (existing values are kept).
        policy::seed_defaults(&tx)?;
        if !tx.is_postgres() {
            // On PostgreSQL schema.pg.sql writes them into union_admin.schema_meta.
            tx.pragma_update("application_id", APPLICATION_ID)?;
            tx.pragma_update("user_version", SCHEMA_VERSION)?;
        }
        audit::append(
            &tx,
            if version == 0 { "init" } else { "migrate" },
            &if differed.is_empty() {
                serde_json::json!({ "from_version": version, "to_version": SCHEMA_VERSION })
            } else {
                serde_json::json!({ "from_version": version, "to_version": SCHEMA_VERSION,
                    "differed": differed })
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Starts a write transaction for a payout import, whose rows name only people the import
    /// itself has just found or added by ID number in the same transaction, and whose values
    /// come from typed records: on SQLite foreign keys and CHECK constraints are not checked
    /// row by row, and are back on for the next transaction.
    /// - Foreign keys: a lookup per row into the people table, measured at a fifth of a
    ///   million-row import.
    /// - CHECK constraints: they call functions (`length`), and a statement that calls one may
    ///   fail half-way, so SQLite kept a journal to undo each multi-row INSERT on its own,
    ///   copying every page it touched first: 20% of a million-row import that adds its
    ///   recipients (their index by ID number is written at random places), 3% of one whose
    ///   recipients are on file. What the constraints say, the values already are (a
    ///   category's code, an amount in fen above zero, an 18-character ID number);
    ///   `log --verify` checks every row against them (SQLite's integrity check).
    pub fn write_resolved(&mut self) -> Result<Transaction<'_>> {
        self.begin_write(false)
    }

    /// Starts a write transaction that takes the write lock at once, so that a second writer
    /// waits (busy timeout) instead of failing with "database is locked" half-way.
    pub fn write(&mut self) -> Result<Transaction<'_>> {
        self.begin_write(true)
    }

    /// A write that may find triggers `union` did not make (`log --accept` removes them).
    pub fn write_over_foreign_triggers(&mut self) -> Result<Transaction<'_>> {
        self.foreign_triggers_allowed = true;
        self.begin_write(true)
    }

    fn begin_write(&mut self, checked: bool) -> Result<Transaction<'_>> {
        // The pragma is a no-op inside a transaction: it must be set before BEGIN. PostgreSQL
        // checks foreign keys always.
        if !self.conn.is_postgres() {
            self.conn.pragma_update("foreign_keys", checked)?;
            self.conn
                .pragma_update("ignore_check_constraints", !checked)?;
        }
        // What this connection's writes touch, for the seals of their log entries: installed
        // at the first write, so that reading commands do not pay for it.
        if !self.sealing {
            seal::install(&self.conn)?;
            self.sealing = true;
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        audit::check_key(&tx)?;
        if !self.foreign_triggers_allowed {
            seal::refuse_foreign_triggers(&tx)?;
            audit::refuse_unaccepted_upgrade(&tx)?;
            refuse_drift(&tx)?;
            seal::refuse_tampered_rules(&tx, audit::key_in_force(&tx)?.as_deref())?;
        }
        align_ids(&tx)?;
        seal::begin(&tx)?;
        Ok(tx)
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Copies the whole database into `dest` (an empty file the caller created, owner-only)
    /// through SQLite's online backup API, consistent even while another command writes. The
    /// copy is left in rollback-journal mode, so that it opens on read-only media.
    pub fn backup_into(&self, dest: &Path) -> Result<()> {
        self.conn.sqlite()?.backup(
            rusqlite::MAIN_DB,
            dest,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        let copy = Connection::open_sqlite(dest, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let mode: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            bail!("journal_mode {mode}");
        }
        copy.close()?;
        Ok(())
    }

    /// Records in the log that this database holds the demo's fictional examples.
    pub fn mark_demo(&mut self) -> Result<()> {
        let tx = self.write()?;
        audit::append(&tx, "demo", &serde_json::json!({}))?;
        tx.commit()?;
        Ok(())
    }

    /// The schema version stored in the file.
    pub fn user_version(&self) -> Result<i64> {
        Ok(identify(&self.conn)?.version)
    }
}

/// A PostgreSQL database of `version` brought to [`SCHEMA_VERSION`] by [`PG_MIGRATIONS`], inside
/// the upgrade's transaction; its structure must then be a new database's (a step that left it
/// otherwise is refused, naming what differs, and nothing is changed).
fn upgrade_postgres(tx: &Connection, version: i64) -> Result<()> {
    if version < PG_FIRST_VERSION {
        bail!(say::DbPostgresTooOld {
            found: &version,
            first: &PG_FIRST_VERSION
        }
        .said());
    }
    for step in &PG_MIGRATIONS[(version - PG_FIRST_VERSION) as usize..] {
        step(tx)?;
    }
    if let Some(d) = conform::drift(tx)?.first() {
        let drift = drift_said(d);
        bail!(Said::new("DbUpgradeDrift", move |lang| {
            say::DbUpgradeDrift {
                drift: &drift.text(lang),
            }
            .text(lang)
        }));
    }
    tx.execute(
        "UPDATE union_admin.schema_meta SET value = ?1 WHERE key = 'user_version'",
        [SCHEMA_VERSION],
    )?;
    Ok(())
}

/// On PostgreSQL, every table's identity moved to its largest id plus one, as SQLite numbers
/// new rows (schema.pg.sql D13): a write holding the write lock starts with it.
pub(crate) fn align_ids(conn: &Connection) -> Result<()> {
    if conn.is_postgres() {
        conn.execute_batch("SELECT union_admin.align_ids()")?;
    }
    Ok(())
}

/// Refuses to write into a structure changed by hand from what `union` made.
fn refuse_drift(conn: &Connection) -> Result<()> {
    if let Some(d) = conform::drift(conn)?.first() {
        let drift = drift_said(d);
        bail!(Said::new("SchemaDriftRefused", move |lang| {
            say::SchemaDriftRefused {
                drift: &drift.text(lang),
            }
            .text(lang)
        }));
    }
    Ok(())
}

/// Lets a long write seal what it has added so far while it is still in the page cache (see
/// `seal::checkpoint`). Call it only where no savepoint is open.
pub fn seal_checkpoint(tx: &Connection) -> Result<()> {
    seal::checkpoint(tx, audit::key().as_deref())
}

/// Records one write in the audit log (inside the caller's transaction).
pub fn audit(tx: &Transaction<'_>, action: &str, detail: &serde_json::Value) -> Result<()> {
    audit::append(tx, action, detail)
}

/// What the file says it is, read in one statement so that every part comes from the same state
/// of a file another command may be creating.
#[derive(Debug, Clone, Copy)]
struct Identity {
    application_id: i64,
    version: i64,
    tables: i64,
    /// How many of [`CORE_TABLES`] the file has.
    core_tables: i64,
}

/// Tables every `union` database has had since version 1: a file with `user_version` 1 but
/// without them is another program's.
const CORE_TABLES: &str = "'people','payouts','audit_log','import_batches','policy_params'";
const CORE_TABLE_COUNT: i64 = 5;

/// The `application_id` in the header of every `union` database ("UNIO"). Files of version 1
/// were written before it was set: they are recognised by their tables and get it on upgrade.
pub const APPLICATION_ID: i64 = 0x554E_494F;

impl Identity {
    /// A new or empty SQLite file: nothing in it yet.
    fn is_blank(&self) -> bool {
        self.application_id == 0 && self.version == 0 && self.tables == 0
    }

    fn is_ours(&self) -> bool {
        let tables_ours = self.core_tables == CORE_TABLE_COUNT;
        match self.application_id {
            APPLICATION_ID => self.version >= 1,
            0 => self.version >= 1 && tables_ours,
            _ => false,
        }
    }
}

fn identify(conn: &Connection) -> db::Result<Identity> {
    if conn.is_postgres() {
        return identify_postgres(conn);
    }
    conn.query_row(
        &format!(
            "SELECT (SELECT application_id FROM pragma_application_id),
                    (SELECT user_version FROM pragma_user_version),
                    (SELECT count(*) FROM sqlite_master WHERE type = 'table'),
                    (SELECT count(*) FROM sqlite_master
                      WHERE type = 'table' AND name IN ({CORE_TABLES}))"
        ),
        [],
        |r| {
            Ok(Identity {
                application_id: r.get(0)?,
                version: r.get(1)?,
                tables: r.get(2)?,
                core_tables: r.get(3)?,
            })
        },
    )
}

/// [`identify`] on PostgreSQL: the version and application id from `union_admin.schema_meta`
/// (schema.pg.sql), the tables of the connection's schema.
fn identify_postgres(conn: &Connection) -> db::Result<Identity> {
    let (tables, core_tables): (i64, i64) = conn.query_row(
        &format!(
            "SELECT count(*), count(*) FILTER (WHERE table_name IN ({CORE_TABLES}))
             FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        ),
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let has_meta: bool = conn.query_row(
        "SELECT to_regclass('union_admin.schema_meta') IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    let meta = |key: &str| -> db::Result<i64> {
        match has_meta {
            false => Ok(0),
            true => Ok(conn
                .query_row(
                    "SELECT value FROM union_admin.schema_meta WHERE key = ?1",
                    [key],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(0)),
        }
    };
    Ok(Identity {
        application_id: meta("application_id")?,
        version: meta("user_version")?,
        tables,
        core_tables,
    })
}

/// The schema version of the database at `path` as it is, read without opening it as a
/// [`Store`] (nothing upgraded, nothing created): 0 for a blank or missing one. None when it
/// cannot be read, or names a PostgreSQL database while that is not asked for: opening it
/// says why.
pub fn version_on_file(path: &Path) -> Option<i64> {
    let conn = match postgres_url(path) {
        Some(_) if std::env::var("UNION_EXPERIMENTAL_POSTGRES").as_deref() != Ok("1") => {
            return None
        }
        Some(url) => Connection::open_postgres(url).ok()?,
        None if !path.exists() => return Some(0),
        None => Connection::open_sqlite(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()?,
    };
    let found = identify(&conn).ok()?;
    Some(found.version).filter(|_| found.is_blank() || found.is_ours())
}

/// Whether `path` names a PostgreSQL database (a `postgresql://` URL), not a SQLite file.
pub fn is_postgres_db(path: &Path) -> bool {
    postgres_url(path).is_some()
}

/// The connection string `--db` gives when it names a PostgreSQL database.
pub fn postgres_url(path: &Path) -> Option<&str> {
    path.to_str()
        .filter(|s| s.starts_with("postgresql://") || s.starts_with("postgres://"))
}

/// The busy handler: a command that needs the lock another `union` command holds waits as long
/// as that one takes (an import of a million rows takes a while), saying every few seconds that
/// it is waiting; only Ctrl-C stops it, and then nothing of it was written.
fn wait_for_other_writer(waiting: Waiting) -> impl FnMut(i32) -> bool + Send + 'static {
    let mut since = std::time::Instant::now();
    move |count| {
        let now = std::time::Instant::now();
        if count == 0 {
            since = now;
        }
        if now.duration_since(since) >= WAITING_NOTICE {
            waiting();
            since = now;
        }
        std::thread::sleep(Duration::from_millis(match count {
            0..=9 => 1 << count.max(0),
            _ => 100,
        }));
        true
    }
}

/// Runs `f` again while SQLite answers "busy" or "locked", up to [`BUSY_TIMEOUT`].
fn retry_while_busy<T>(mut f: impl FnMut() -> db::Result<T>) -> db::Result<T> {
    let start = std::time::Instant::now();
    loop {
        match f() {
            Err(e) if e.is_busy() && start.elapsed() < BUSY_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The frozen schema.pg.sql of each PostgreSQL version before this one, and of this one.
    fn pg_fixture(version: i64) -> &'static str {
        match version {
            10 => include_str!("../../tests/fixtures/schema_v10.pg.sql"),
            _ => unreachable!("no tests/fixtures/schema_v{version}.pg.sql"),
        }
    }

    /// A PostgreSQL database made by each earlier version's frozen schema.pg.sql, upgraded by
    /// `PG_MIGRATIONS`, has the structure of a new one (`upgrade_postgres` checks it and says
    /// the version); the one of today's version is today's schema.pg.sql, which therefore
    /// cannot change without a new version and its migration. A version before the first is
    /// refused.
    #[test]
    fn every_postgresql_version_upgrades_to_a_new_databases_structure() {
        for version in PG_FIRST_VERSION..=SCHEMA_VERSION {
            let Some(scratch) = db::tests::Scratch::new("upgrade") else {
                return;
            };
            let conn = scratch.conn();
            conn.execute_batch(&format!("BEGIN; {}\nCOMMIT;", pg_fixture(version)))
                .unwrap();
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .unwrap();
            upgrade_postgres(&tx, version).unwrap_or_else(|e| {
                panic!(
                    "version {version}: {}",
                    crate::i18n::error_text(crate::i18n::Lang::En, &e)
                )
            });
            assert_eq!(
                conform::drift(&tx).unwrap(),
                Vec::new(),
                "version {version}"
            );
            assert_eq!(identify(&tx).unwrap().version, SCHEMA_VERSION);
            let e = upgrade_postgres(&tx, PG_FIRST_VERSION - 1).unwrap_err();
            assert_eq!(
                crate::i18n::error_text(crate::i18n::Lang::En, &e),
                format!("this PostgreSQL database says schema version {}, but union made its first PostgreSQL databases at version {PG_FIRST_VERSION}: it was not made by union and cannot be upgraded", PG_FIRST_VERSION - 1)
            );
            tx.rollback().unwrap();
        }
    }

    /// An upgrade that would leave another structure than a new database's is refused, naming
    /// what differs.
    #[test]
    fn a_postgresql_upgrade_that_leaves_another_structure_is_refused() {
        let Some(scratch) = db::tests::Scratch::with_schema("upgrade_drift") else {
            return;
        };
        let conn = scratch.conn();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .unwrap();
        tx.execute_batch("DROP INDEX payouts_person").unwrap();
        let e = upgrade_postgres(&tx, SCHEMA_VERSION).unwrap_err();
        assert_eq!(
            crate::i18n::error_text(crate::i18n::Lang::Zh, &e),
            "升级后的数据库结构与新建的库不同（索引 payouts_person 不见了）：没有升级，数据库没有任何改动"
        );
        tx.rollback().unwrap();
    }

    fn foreign_keys(conn: &Connection) -> bool {
        conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap()
    }

    /// 5 → 6: a city title whose awarding body is a county-level city's is placed there and
    /// made county level; every other honour is kept as it was, rowid included.
    #[test]
    fn version_6_places_county_level_city_titles() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v5.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(include_str!("../../tests/fixtures/schema_v5.sql"))
                .unwrap();
            conn.execute_batch(
                "INSERT INTO people (id, name, id_number, gender, birth_date)
                     VALUES (1, '甲', '320281196001010018', '男', '1960-01-01');
                 INSERT INTO honours (id, person_id, title, kind, level, year, awarded_by) VALUES
                     (5, 1, '市劳动模范', 'model', 2, 2015, '江阴市人民政府'),
                     (6, 1, '市劳动模范', 'model', 2, 2016, '无锡市人民政府'),
                     (7, 1, '省劳动模范', 'model', 3, 2018, NULL);
                 INSERT INTO policy_params (key, valid_from, value, reference) VALUES
                     ('studio.city.min_team_size', '1900-01-01', '5', '无锡市劳模（职工）创新工作室管理办法2.0'),
                     ('subsidy.studio.city', '1900-01-01', '20000.00', '无锡市劳模（职工）创新工作室管理办法2.0'),
                     ('subsidy.studio.city', '2024-01-01', '25000.00', '锡工〔2024〕3号');",
            )
            .unwrap();
            conn.pragma_update("application_id", APPLICATION_ID)
                .unwrap();
            conn.pragma_update("user_version", 5).unwrap();
        }
        let store = Store::open(&path, OpenMode::Existing, crate::store::silent()).unwrap();
        assert_eq!(store.user_version().unwrap(), SCHEMA_VERSION);
        let rows: Vec<(i64, i64, Option<String>)> = store
            .conn()
            .prepare("SELECT id, level, place FROM honours ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<db::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                (5, 1, Some("江阴市".to_string())),
                (6, 2, None),
                (7, 3, None)
            ]
        );
        // The invented document title is gone: a default says its source report or that none
        // states it; a value the office set keeps its own reference.
        let refs: Vec<(String, String, String)> = store
            .conn()
            .prepare(
                "SELECT key, valid_from, reference FROM policy_params
                  WHERE key IN ('studio.city.min_team_size', 'subsidy.studio.city') ORDER BY 1, 2",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<db::Result<_>>()
            .unwrap();
        let row = |k: &str, f: &str, r: &str| (k.to_string(), f.to_string(), r.to_string());
        assert_eq!(
            refs,
            [
                row(
                    "studio.city.min_team_size",
                    "1900-01-01",
                    crate::domain::policy::UNSOURCED
                ),
                row(
                    "subsidy.studio.city",
                    "1900-01-01",
                    crate::domain::policy::WUXI_SUBSIDY
                ),
                row("subsidy.studio.city", "2024-01-01", "锡工〔2024〕3号"),
            ]
        );
    }

    /// 6 → 7: a union on file gets its figures dated the day of the batch that last wrote
    /// them; a union no batch wrote gets none.
    #[test]
    fn version_7_dates_the_unions_figures_by_their_batch() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v6.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(include_str!("../../tests/fixtures/schema_v6.sql"))
                .unwrap();
            conn.execute_batch(
                "INSERT INTO import_batches (id, kind, file_name, sha256, started_at) VALUES
                     (1, 'unions', 'a.csv', '', '2024-12-30T09:00:00+08:00'),
                     (2, 'unions', 'b.csv', '', '2025-03-01T09:00:00+08:00');
                 INSERT INTO unions (id, name, workers, members, migrant_members, created_batch, batch_id, batch_row)
                     VALUES (1, '甲工会', 100, 90, 40, 1, 2, 3),
                            (2, '乙工会', 50, 50, 10, 1, 1, 4),
                            (3, '丙工会', 10, 10, 1, NULL, NULL, NULL);",
            )
            .unwrap();
            conn.pragma_update("application_id", APPLICATION_ID)
                .unwrap();
            conn.pragma_update("user_version", 6).unwrap();
        }
        let store = Store::open(&path, OpenMode::Existing, crate::store::silent()).unwrap();
        assert_eq!(store.user_version().unwrap(), SCHEMA_VERSION);
        let rows: Vec<(i64, String, i64, i64)> = store
            .conn()
            .prepare("SELECT union_id, as_of, migrant_members, batch_id FROM union_figures ORDER BY union_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<db::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                (1, "2025-03-01".to_string(), 40, 2),
                (2, "2024-12-30".to_string(), 10, 1)
            ]
        );
    }

    /// 7 → 8: the payouts on file keep their rowids and values, with no student named; the
    /// campaigns table is there, empty.
    #[test]
    fn version_8_keeps_the_payouts_without_a_student() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v7.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(include_str!("../../tests/fixtures/schema_v7.sql"))
                .unwrap();
            conn.execute_batch(
                "INSERT INTO people (id, name, id_number, gender, birth_date)
                     VALUES (1, '甲', '320281196001010018', '男', '1960-01-01');
                 INSERT INTO payouts (id, person_id, category, amount, paid_on, voucher)
                     VALUES (9, 1, 'education_aid', 100000, '2025-08-20', 'JQ-1');",
            )
            .unwrap();
            conn.pragma_update("application_id", APPLICATION_ID)
                .unwrap();
            conn.pragma_update("user_version", 7).unwrap();
        }
        let store = Store::open(&path, OpenMode::Existing, crate::store::silent()).unwrap();
        assert_eq!(store.user_version().unwrap(), SCHEMA_VERSION);
        let row: (i64, i64, Option<String>, Option<String>, Option<String>) = store
            .conn()
            .query_row(
                "SELECT id, amount, student_name, student_id_number, school_stage FROM payouts",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap();
        assert_eq!(row, (9, 100000, None, None, None));
        let campaigns: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM campaigns", [], |r| r.get(0))
            .unwrap();
        assert_eq!(campaigns, 0);
    }

    /// The database `t.db` in `dir`.
    fn store_in(dir: &tempfile::TempDir, mode: OpenMode) -> Store {
        Store::open(&dir.path().join("t.db"), mode, crate::store::silent()).unwrap()
    }

    #[test]
    fn foreign_keys_are_off_only_for_resolved_writes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_in(&dir, OpenMode::Create);
        let tx = store.write_resolved().unwrap();
        assert!(!foreign_keys(&tx));
        tx.rollback().unwrap();
        let tx = store.write().unwrap();
        assert!(foreign_keys(&tx));
        tx.rollback().unwrap();
        let tx = store.write_resolved().unwrap();
        assert!(!foreign_keys(&tx));
    }

    /// A resolved write does not check CHECK constraints row by row; the next write does
    /// again, and SQLite's integrity check (`log --verify`) finds a row that breaks one.
    #[test]
    fn check_constraints_are_off_only_for_resolved_writes_and_verify_finds_a_breach() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_in(&dir, OpenMode::Create);
        let person = "INSERT INTO people (id, name, id_number, gender, birth_date)
                      VALUES (?1, '甲', ?2, '女', '1970-01-01')";
        let tx = store.write().unwrap();
        assert!(tx
            .execute(person, crate::store::db::params![1, "32010219700101002X"])
            .is_ok());
        assert!(tx
            .execute(person, crate::store::db::params![2, "too short"])
            .is_err());
        tx.commit().unwrap();
        assert_eq!(seal::integrity(&store.conn).unwrap(), None);
        let tx = store.write_resolved().unwrap();
        tx.execute(person, crate::store::db::params![2, "too short"])
            .unwrap();
        tx.commit().unwrap();
        // As `log --verify` opens the file: read-write (on a read-only connection SQLite's
        // integrity check leaves CHECK constraints out).
        let reader = store_in(&dir, OpenMode::Existing);
        let found = seal::integrity(&reader.conn).unwrap().unwrap_or_default();
        assert!(
            found.contains("CHECK constraint failed in people"),
            "{found}"
        );
        let tx = store.write().unwrap();
        assert!(tx
            .execute(person, crate::store::db::params![3, "also short"])
            .is_err());
    }
}
