//! The audit log: every write, with time, OS user, command line (personal values masked), what
//! it did, and the seals of the tables it changed (`seal`), chained by SHA-256 — by HMAC-SHA-256
//! when an audit key is set — so that an edited, deleted or forged entry shows, and data
//! changed outside `union` shows against the seals.

use super::db::{params, Connection, OptionalExtension};
use crate::i18n::Lang;
use anyhow::{bail, Result};
use sha2::{Digest, Sha256};
use std::sync::Mutex;

use super::seal::{self, Seals};
use crate::i18n::{say, Msg};

/// One audit-log entry as stored.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub os_user: Option<String>,
    pub command: String,
    pub action: String,
    pub detail: String,
    /// The seals of the tables the write changed, and the audit key's fingerprint when the
    /// entry is sealed with one, as JSON; empty in entries written before version 2.
    pub seal: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of the chain's start.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The audit key of this process (`UNION_AUDIT_KEY` or `--key-file`), set once by the command
/// glue before the database is opened.
static KEY: Mutex<Option<Vec<u8>>> = Mutex::new(None);

/// Sets the audit key: entries and row hashes are then HMACs under it.
pub fn set_key(key: Option<Vec<u8>>) {
    *KEY.lock().unwrap_or_else(|e| e.into_inner()) = key;
}

pub(super) fn key() -> Option<Vec<u8>> {
    KEY.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// A key's fingerprint, kept in the entries it seals: which key, without revealing it.
fn fingerprint(key: &[u8]) -> String {
    hex(&hmac(key, &[b"union audit key fingerprint"])[..8])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// HMAC-SHA-256 (RFC 2104) of the concatenation of `parts`.
pub(super) fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    for part in parts {
        inner.update(part);
    }
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// The hash that chains an entry to its predecessor: SHA-256 over the parts (each followed by
/// a NUL), or an HMAC under `key`. Entries from before version 2 have no seal, and their hash
/// covers only the first six parts, as then.
#[allow(clippy::too_many_arguments)]
pub fn entry_hash(
    key: Option<&[u8]>,
    prev: &str,
    at: &str,
    user: &str,
    command: &str,
    action: &str,
    detail: &str,
    seal: &str,
) -> String {
    let mut bytes = Vec::new();
    let mut parts = vec![prev, at, user, command, action, detail];
    if !seal.is_empty() {
        parts.push(seal);
    }
    for part in parts {
        bytes.extend_from_slice(part.as_bytes());
        bytes.push(0);
    }
    match key {
        Some(key) => hex(&hmac(key, &[&bytes])),
        None => hex(&Sha256::digest(&bytes)),
    }
}

/// What an entry's `seal` holds.
struct Sealed {
    key: Option<String>,
    /// Every table was summed afresh: tables not in `tables` no longer exist.
    full: bool,
    tables: Seals,
}

impl Sealed {
    /// The newest state of every table, `sealed`, moved on by this entry's seal: a fresh seal
    /// of every table (creation, upgrade, new key) replaces all before it.
    fn fold_into(self, sealed: &mut Seals) {
        if self.full {
            sealed.clear();
        }
        sealed.extend(self.tables);
    }
}

fn seal_text(key: Option<&[u8]>, full: bool, tables: &Seals) -> String {
    let mut obj = serde_json::Map::new();
    if let Some(key) = key {
        obj.insert("key".into(), fingerprint(key).into());
    }
    if full {
        obj.insert("full".into(), true.into());
    }
    obj.insert("tables".into(), seal::to_json(tables));
    serde_json::Value::Object(obj).to_string()
}

fn parse_seal(text: &str) -> Option<Sealed> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    Some(Sealed {
        key: v.get("key").and_then(|k| k.as_str()).map(str::to_string),
        full: v.get("full").and_then(|f| f.as_bool()).unwrap_or(false),
        tables: seal::from_json(v.get("tables")?)?,
    })
}

/// The fingerprint of the key the newest entry was sealed with, if any.
fn newest_key(conn: &Connection) -> Result<Option<String>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT seal FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.as_deref().and_then(parse_seal).and_then(|s| s.key))
}

/// The key the data's seals and prints were made with: the audit key once the log is sealed
/// with it, none before (a key being introduced seals nothing until its first entry).
pub(super) fn key_in_force(conn: &Connection) -> Result<Option<Vec<u8>>> {
    Ok(match key() {
        Some(k) if newest_key(conn)?.is_some() => Some(k),
        _ => None,
    })
}

/// Refuses to start a write that could not be sealed as the log is: a log sealed with a key
/// takes more entries only under the same key, and a key is introduced only on intact data.
pub(super) fn check_key(conn: &Connection) -> Result<()> {
    let Some(wanted) = newest_key(conn)? else {
        // A key seals what is there: only what the log already vouches for. Otherwise anyone
        // could edit the data by hand and then have it sealed under a key of their own.
        if key().is_some() && !matches!(verify_with(conn, None, None)?, Chain::Intact { .. }) {
            bail!(Msg::AuditKeyOnTampered.said());
        }
        return Ok(());
    };
    match key() {
        None => bail!(Msg::AuditKeyNeeded.said()),
        Some(k) if fingerprint(&k) != wanted => bail!(Msg::AuditKeyWrong.said()),
        Some(_) => Ok(()),
    }
}

/// The OS user running this command: from the environment, else (Unix) the name of this
/// process's user id in /etc/passwd, else the numeric uid.
pub fn os_user() -> Option<String> {
    let from_env = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
    if from_env.is_some() {
        return from_env;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
        let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
        let name = passwd.lines().find_map(|l| {
            let mut f = l.split(':');
            let name = f.next()?;
            (f.nth(1)? == uid).then(|| name.to_string())
        });
        Some(name.unwrap_or(uid))
    }
    #[cfg(not(unix))]
    None
}

/// The command line of this process, with personal values masked (`domain::mask`) and the
/// password of any connection string left out (`--db`, `--from`, `--to`).
pub(super) fn command_line() -> String {
    let args: Vec<String> = std::env::args().map(|a| without_password(&a)).collect();
    crate::domain::mask::command_line(&args)
}

/// An argument with a PostgreSQL URL's password left out, alone or as `--flag=URL`.
fn without_password(arg: &str) -> String {
    let is_url = |s: &str| super::postgres_url(std::path::Path::new(s)).is_some();
    match arg.split_once('=') {
        _ if is_url(arg) => super::db::shown_url(arg),
        Some((flag, url)) if flag.starts_with("--") && is_url(url) => {
            format!("{flag}={}", super::db::shown_url(url))
        }
        _ => arg.to_string(),
    }
}

/// Appends the entry of the write in progress (inside its transaction), sealing the tables it
/// changed. Without the seal triggers (while a database is created or upgraded), or when the
/// audit key has just been introduced, every table is summed afresh.
pub(super) fn append(conn: &Connection, action: &str, detail: &serde_json::Value) -> Result<()> {
    append_sealing(conn, action, detail, false)
}

/// [`append`]; `reseal`: every table is summed afresh and sealed as it is now.
fn append_sealing(
    conn: &Connection,
    action: &str,
    detail: &serde_json::Value,
    reseal: bool,
) -> Result<()> {
    let prev: String = conn
        .query_row(
            "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let key = key();
    let key = key.as_deref();
    let triggers = seal::installed(conn)?;
    let new_key = key.is_some() && newest_key(conn)?.is_none();
    let full = reseal || !triggers || new_key;
    // Sealing every table afresh sums every row: an office sees its district's only, and
    // would seal them as the whole table.
    if full && super::offices::my_district(conn)?.is_some() {
        bail!(Msg::ResealCityOnly.said());
    }
    let tables = if full {
        seal::reseal_all(conn, key)?
    } else {
        seal::changes(conn, key)?
    };
    let seal = seal_text(key, full, &tables);
    let at = chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    let user = os_user().unwrap_or_default();
    let command = command_line();
    let detail = detail.to_string();
    let hash = entry_hash(key, &prev, &at, &user, &command, action, &detail, &seal);
    conn.execute(
        // The id written, not drawn from a sequence (which PostgreSQL leaves gaps in, read
        // as entries removed): the next after the newest, as SQLite would give it.
        "INSERT INTO audit_log (id, at, os_user, command, action, detail, seal, prev_hash, hash)
         VALUES ((SELECT coalesce(max(id), 0) + 1 FROM audit_log), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![at, user, command, action, detail, seal, prev, hash],
    )?;
    Ok(())
}

/// Audit entries at or after `since` (an ISO date or date-time), oldest first.
pub fn entries(conn: &Connection, since: Option<&str>) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, os_user, command, action, detail, seal, prev_hash, hash FROM audit_log
         WHERE CAST(?1 AS TEXT) IS NULL OR at >= ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([since], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            os_user: r.get(2)?,
            command: r.get(3)?,
            action: r.get(4)?,
            detail: r.get(5)?,
            seal: r.get(6)?,
            prev_hash: r.get(7)?,
            hash: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// What `verify` found: the chain and the data agree, or the first thing that does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chain {
    /// Every entry's hash matches its content and links to the one before, and every table
    /// holds what the newest seals say. `last` is the newest entry's hash.
    Intact {
        entries: i64,
        last: String,
        /// On PostgreSQL, verified as the office of this district: the whole chain, and each of
        /// the district's rows against its print; not the tables' sums, which take every
        /// district's rows (only the city sees them all).
        office: Option<String>,
    },
    /// The first entry whose hash or link does not match: it, or the one before it, was altered
    /// or removed.
    Broken {
        id: i64,
    },
    /// Entry ids jump from `after` to `next`: entries between were removed.
    Gap {
        after: i64,
        next: i64,
    },
    /// The first entry is not the creation of the database: earlier ones were removed.
    NotCreation {
        id: i64,
    },
    /// The log is empty though the database holds `records` records.
    Emptied {
        records: i64,
    },
    /// The data does not hold what the log sealed: every table that differs, and whatever the
    /// file holds that `union` never makes.
    DataChanged {
        findings: Vec<Finding>,
    },
    /// An import batch that no entry records.
    BatchWithoutEntry {
        batch: i64,
    },
    /// The newest entry's hash is not the one the auditor wrote down.
    HeadMismatch {
        expected: String,
        found: String,
    },
    /// The log is sealed with a key and none (or another) was given.
    KeyNeeded,
    KeyWrong,
    /// A key was given but the log holds no entry sealed with it.
    NotKeyed,
}

/// Something in the data that `union` did not write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A table does not hold what the log sealed: a row changed, added or removed outside
    /// `union` (`rows` sealed and found), or the table dropped (`found` None) or added
    /// (`sealed` None). The rows that do not match what `union` wrote, named (at most
    /// [`ROWS_NAMED`]), and how many there are; none when a forger also rewrote the rows'
    /// prints (possible only without an audit key).
    Table {
        table: String,
        sealed: Option<i64>,
        found: Option<i64>,
        rows: Vec<(seal::RowChange, seal::RowLabel)>,
        rows_total: usize,
    },
    /// The table matches its seal, but the prints `union` keeps of its rows were changed.
    Prints { table: String, rows_total: usize },
    /// Verified as an office: rows of its district that do not match what `union` wrote
    /// (changed, or added outside `union`), named (at most [`ROWS_NAMED`]), and how many.
    OfficeRows {
        table: String,
        rows: Vec<(seal::RowChange, seal::RowLabel)>,
        rows_total: usize,
    },
    /// A trigger `union` never makes.
    Trigger { name: String },
    /// A PostgreSQL rule, which `union` never makes.
    Rule { name: String },
    /// A table without rowids (SQLite), which `union` never makes and cannot seal.
    ForeignTable { table: String },
    /// A PostgreSQL table whose rows have no integer id, which `union` never makes and cannot
    /// seal.
    ForeignTableWithoutId { table: String },
    /// The structure `union` made, changed by hand.
    Schema { drift: super::conform::Drift },
    /// SQLite's own check of the file failed (an index emptied or swapped by hand, or damage).
    Integrity { first: String },
    /// The upgrade (log entry `entry`) found these tables changed outside `union` before it
    /// sealed them afresh.
    DifferedAtUpgrade { entry: i64, tables: Vec<String> },
}

/// The most rows `verify` names in a table changed outside `union`.
pub const ROWS_NAMED: usize = 20;

/// Recomputes every hash from the content, in order; checks the log's shape; then sums every
/// table and compares with the newest seals. `expect` is a head hash an auditor wrote down.
pub fn verify(conn: &Connection, expect: Option<&str>) -> Result<Chain> {
    // What the structure is compared with is made first: the snapshot only reads.
    super::conform::prepare(conn)?;
    // One snapshot for the log and every table, whatever another command writes meanwhile.
    let snapshot = conn.unchecked_transaction()?;
    let found = verify_with(&snapshot, key().as_deref(), expect)?;
    snapshot.finish()?;
    Ok(found)
}

/// The tables whose rows are not what the log's newest seals say, by their sums alone: what an
/// upgrade records before it seals every table afresh, so that data changed outside `union`
/// is not laundered by the upgrade (`verify` goes on reporting it until `log --accept`).
pub(super) fn tables_differing_from_seals(conn: &Connection) -> Result<Vec<String>> {
    // The first files of version 2 kept no seals; every PostgreSQL database keeps them.
    let has_seals: bool = conn.is_postgres()
        || conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'seal')",
            [],
            |r| r.get(0),
        )?;
    if !has_seals {
        return Ok(Vec::new());
    }
    let mut sealed = Seals::new();
    for e in entries(conn, None)? {
        if let Some(p) = parse_seal(&e.seal) {
            p.fold_into(&mut sealed);
        }
    }
    if sealed.is_empty() {
        return Ok(Vec::new());
    }
    // Sums made under a key are compared under it: without it (or with another) the upgrade
    // is refused, as any write would be.
    if let Some(fp) = newest_key(conn)? {
        match key() {
            None => bail!(Msg::AuditKeyNeeded.said()),
            Some(k) if fingerprint(&k) != fp => bail!(Msg::AuditKeyWrong.said()),
            Some(_) => {}
        }
    }
    let found = seal::sums(conn, key_in_force(conn)?.as_deref())?;
    let mut names: Vec<&String> = sealed.keys().chain(found.keys()).collect();
    names.sort();
    names.dedup();
    Ok(names
        .into_iter()
        .filter(|t| sealed.get(*t) != found.get(*t))
        .cloned()
        .collect())
}

/// `union log --accept`: the data as it is now, changed outside `union`, accepted by someone
/// who says why. Inside the caller's write: when the chain itself is intact and only the data
/// differs, an entry records the reason and what differed (tables, rows by label) and seals
/// every table afresh, so that `verify` checks against this state from now on. Returns what
/// was accepted (nothing when the data already verifies), or the chain as `verify` found it
/// when that is not something to accept (a broken or shortened log is never accepted).
pub fn accept(conn: &Connection, reason: &str) -> Result<std::result::Result<Vec<Finding>, Chain>> {
    // Triggers someone added are removed, union's structure made again and its indexes rebuilt
    // from the tables, first: nothing is accepted while they could still act.
    let triggers = seal::drop_foreign_triggers(conn)?;
    let drift = super::conform::restore(conn)?;
    let damaged = seal::integrity(conn)?;
    if damaged.is_some() {
        conn.execute_batch("REINDEX")?;
        if let Some(still) = seal::integrity(conn)? {
            bail!(say::AcceptFileDamaged { detail: &still }.said());
        }
    }
    let found = verify_with(conn, key().as_deref(), None)?;
    let mut findings: Vec<Finding> = triggers
        .iter()
        .map(|(kind, name, _)| match kind {
            seal::Foreign::Rule => Finding::Rule { name: name.clone() },
            _ => Finding::Trigger { name: name.clone() },
        })
        .chain(drift.into_iter().map(|drift| Finding::Schema { drift }))
        .chain(damaged.map(|first| Finding::Integrity { first }))
        .collect();
    match found {
        Chain::DataChanged { findings: more } => findings.extend(more),
        Chain::Intact { .. } if findings.is_empty() => return Ok(Ok(Vec::new())),
        Chain::Intact { .. } => {}
        other => return Ok(Err(other)),
    }
    // Undo records changed by hand are never accepted: a later undo would restore what someone
    // wrote there as if union had.
    for f in &findings {
        if let Finding::Table { table, .. } | Finding::Prints { table, .. } = f {
            if table == "batch_changes" || table == "import_batches" {
                bail!(say::AcceptUndoRecords { table }.said());
            }
        }
    }
    let accepted: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| match f {
            Finding::Table {
                table,
                sealed,
                found,
                rows,
                rows_total,
            } => serde_json::json!({
                "table": table, "sealed_rows": sealed, "found_rows": found,
                // The log's words are Chinese whatever language the run speaks.
                "rows": rows
                    .iter()
                    .map(|(c, label)| format!("{c:?} {}", label.said().text(Lang::Zh)))
                    .collect::<Vec<_>>(),
                "rows_total": rows_total,
            }),
            Finding::Prints { table, rows_total } => {
                serde_json::json!({ "table": table, "prints_changed": rows_total })
            }
            Finding::OfficeRows {
                table, rows_total, ..
            } => serde_json::json!({ "table": table, "office_rows_changed": rows_total }),
            Finding::Trigger { name } | Finding::Rule { name } => {
                let kind = match f {
                    Finding::Rule { .. } => "rule",
                    _ => "trigger",
                };
                let sql = triggers
                    .iter()
                    .find(|(_, n, _)| n == name)
                    .map(|(_, _, sql)| sql);
                serde_json::json!({ kind: name, "sql": sql })
            }
            Finding::ForeignTable { table } | Finding::ForeignTableWithoutId { table } => {
                serde_json::json!({ "foreign_table": table })
            }
            Finding::Schema { drift } => match drift {
                super::conform::Drift::Changed { kind, name, found } => {
                    serde_json::json!({ "changed": kind, "name": name, "sql": found })
                }
                super::conform::Drift::Missing { kind, name } => {
                    serde_json::json!({ "missing": kind, "name": name })
                }
                super::conform::Drift::Extra { kind, name, found } => {
                    serde_json::json!({ "extra": kind, "name": name, "sql": found })
                }
            },
            Finding::Integrity { first } => serde_json::json!({ "integrity": first }),
            Finding::DifferedAtUpgrade { entry, tables } => {
                serde_json::json!({ "differed_at_upgrade": entry, "tables": tables })
            }
        })
        .collect();
    append_sealing(
        conn,
        "log.accept",
        &serde_json::json!({ "reason": reason, "accepted": accepted }),
        true,
    )?;
    Ok(Ok(findings))
}

/// Refuses to write while an upgrade found the data changed outside `union` and nobody has
/// accepted it since: writes go on only from a state someone vouched for.
pub(super) fn refuse_unaccepted_upgrade(conn: &Connection) -> Result<()> {
    let newest: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT id, action, detail FROM audit_log WHERE action IN ('migrate', 'log.accept')
              ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((id, action, detail)) = newest {
        if action == "migrate" && differed(&detail).is_some() {
            bail!(say::DifferedAtUpgradeRefused { entry: &id }.said());
        }
    }
    Ok(())
}

/// The tables an upgrade's entry (its detail) records as changed outside `union` before it,
/// if any.
fn differed(detail: &str) -> Option<Vec<String>> {
    serde_json::from_str::<serde_json::Value>(detail)
        .ok()
        .and_then(|d| d.get("differed").cloned())
        .and_then(|d| serde_json::from_value::<Vec<String>>(d).ok())
        .filter(|t| !t.is_empty())
}

fn verify_with(conn: &Connection, key: Option<&[u8]>, expect: Option<&str>) -> Result<Chain> {
    let mut prev = GENESIS.to_string();
    let mut count = 0;
    let mut last_id = 0;
    let mut keyed_from: Option<i64> = None;
    let mut sealed = Seals::new();
    let mut differed_at_upgrade: Option<(i64, Vec<String>)> = None;
    let entries = entries(conn, None)?;
    for e in &entries {
        if count == 0 && e.action != "init" {
            return Ok(Chain::NotCreation { id: e.id });
        }
        if count > 0 && e.id != last_id + 1 {
            return Ok(Chain::Gap {
                after: last_id,
                next: e.id,
            });
        }
        let parsed = if e.seal.is_empty() {
            None
        } else {
            match parse_seal(&e.seal) {
                Some(p) => Some(p),
                None => return Ok(Chain::Broken { id: e.id }),
            }
        };
        let entry_key = match parsed.as_ref().and_then(|p| p.key.as_deref()) {
            Some(fp) => match key {
                None => return Ok(Chain::KeyNeeded),
                Some(k) if fingerprint(k) != fp => return Ok(Chain::KeyWrong),
                Some(k) => {
                    keyed_from.get_or_insert(e.id);
                    Some(k)
                }
            },
            // Once sealed with a key, every later entry is: an unkeyed one was forged.
            None if keyed_from.is_some() => return Ok(Chain::Broken { id: e.id }),
            None => None,
        };
        let expected = entry_hash(
            entry_key,
            &prev,
            &e.at,
            e.os_user.as_deref().unwrap_or(""),
            &e.command,
            &e.action,
            &e.detail,
            &e.seal,
        );
        if e.prev_hash != prev || e.hash != expected {
            return Ok(Chain::Broken { id: e.id });
        }
        // An upgrade that found the data changed outside union stays reported until accepted.
        match e.action.as_str() {
            "migrate" => differed_at_upgrade = differed(&e.detail).map(|t| (e.id, t)),
            "log.accept" => differed_at_upgrade = None,
            _ => {}
        }
        if let Some(p) = parsed {
            p.fold_into(&mut sealed);
        }
        prev = e.hash.clone();
        last_id = e.id;
        count += 1;
    }
    // A chain re-sealed by the redaction upgrade was broken before it, where its entry says.
    if let Some(id) = broken_before_redaction(&entries) {
        return Ok(Chain::Broken { id });
    }
    if key.is_some() && keyed_from.is_none() {
        return Ok(Chain::NotKeyed);
    }
    // The log's own shape first: a write whose entry was removed is the log broken, not data
    // changed (and `log --accept` never accepts a broken log).
    if let Some(batch) = batch_without_entry(conn, &entries)? {
        return Ok(Chain::BatchWithoutEntry { batch });
    }
    let key = keyed_from.and(key);
    // An office sees its district's rows only: it checks each against its print; the sums of
    // whole tables are the city's to check.
    let office = super::offices::my_district(conn)?;
    if office.is_some() {
        let mut findings = Vec::new();
        for (table, c) in seal::scan_visible(conn, key, ROWS_NAMED)? {
            if c.rows_total == 0 {
                continue;
            }
            let rows = c
                .rows
                .iter()
                .map(|&(change, rowid)| Ok((change, seal::row_label(conn, &table, rowid, change)?)))
                .collect::<Result<Vec<_>>>()?;
            findings.push(Finding::OfficeRows {
                table,
                rows,
                rows_total: c.rows_total,
            });
        }
        // The structure is the same for everyone: what stops an office's writes is named to it.
        findings.extend(drift_findings(conn)?);
        findings.extend(foreign_findings(conn)?);
        if !findings.is_empty() {
            return Ok(Chain::DataChanged { findings });
        }
        return Ok(head_checked(expect, count, prev, office));
    }
    let found = seal::scan_checked(conn, key, ROWS_NAMED)?;
    if entries.is_empty() {
        let records = found.values().map(|c| c.seal.rows).sum();
        if records > 0 {
            return Ok(Chain::Emptied { records });
        }
    }
    let mut findings = Vec::new();
    if let Some((entry, tables)) = differed_at_upgrade {
        findings.push(Finding::DifferedAtUpgrade { entry, tables });
    }
    let mut names: Vec<&String> = sealed.keys().chain(found.keys()).collect();
    names.sort();
    names.dedup();
    for table in names {
        let (s, f) = (sealed.get(table), found.get(table));
        if s != f.map(|c| &c.seal) {
            let (rows, rows_total) = match (s, f) {
                (Some(_), Some(c)) => (
                    c.rows
                        .iter()
                        .map(|&(change, rowid)| {
                            Ok((change, seal::row_label(conn, table, rowid, change)?))
                        })
                        .collect::<Result<Vec<_>>>()?,
                    c.rows_total,
                ),
                _ => (Vec::new(), 0),
            };
            findings.push(Finding::Table {
                table: table.clone(),
                sealed: s.map(|s| s.rows),
                found: f.map(|f| f.seal.rows),
                rows,
                rows_total,
            });
        } else if let Some(c) = f.filter(|c| c.rows_total > 0) {
            findings.push(Finding::Prints {
                table: table.clone(),
                rows_total: c.rows_total,
            });
        }
    }
    findings.extend(drift_findings(conn)?);
    if let Some(first) = seal::integrity(conn)? {
        findings.push(Finding::Integrity { first });
    }
    findings.extend(foreign_findings(conn)?);
    if !findings.is_empty() {
        return Ok(Chain::DataChanged { findings });
    }
    Ok(head_checked(expect, count, prev, None))
}

/// How the structure differs from union's, as findings.
fn drift_findings(conn: &Connection) -> Result<Vec<Finding>> {
    Ok(super::conform::drift(conn)?
        .into_iter()
        .map(|drift| Finding::Schema { drift })
        .collect())
}

/// What the file holds that `union` never makes, as findings.
fn foreign_findings(conn: &Connection) -> Result<Vec<Finding>> {
    Ok(seal::foreign(conn)?
        .into_iter()
        .map(|(kind, name)| match kind {
            seal::Foreign::Trigger => Finding::Trigger { name },
            seal::Foreign::Rule => Finding::Rule { name },
            seal::Foreign::Table => Finding::ForeignTable { table: name },
            seal::Foreign::TableWithoutId => Finding::ForeignTableWithoutId { table: name },
        })
        .collect())
}

/// An intact chain of `entries` whose newest hash is `last`, unless the auditor expected
/// another head.
fn head_checked(expect: Option<&str>, entries: i64, last: String, office: Option<String>) -> Chain {
    match expect {
        Some(expected) if !expected.eq_ignore_ascii_case(&last) => Chain::HeadMismatch {
            expected: expected.to_string(),
            found: last,
        },
        _ => Chain::Intact {
            entries,
            last,
            office,
        },
    }
}

/// The chain alone, as version 1 wrote it (no seals, no key): what the upgrade checks before it
/// re-seals the chain, so that a break is recorded rather than laundered.
fn verify_chain_only(conn: &Connection) -> Result<Chain> {
    let mut prev = GENESIS.to_string();
    let mut count = 0;
    for e in entries(conn, None)? {
        let user = e.os_user.as_deref().unwrap_or("");
        let expected = entry_hash(
            None, &prev, &e.at, user, &e.command, &e.action, &e.detail, &e.seal,
        );
        if e.prev_hash != prev || e.hash != expected {
            return Ok(Chain::Broken { id: e.id });
        }
        prev = e.hash;
        count += 1;
    }
    Ok(Chain::Intact {
        entries: count,
        last: prev,
        office: None,
    })
}

/// The whole number at `key` of the JSON object `text`, where SQLite's `json_extract(text,
/// '$.key') = n` finds one: a JSON integer, a number without a fraction, or true/false as 1/0.
/// None for text that is not JSON, a missing key, null, a string, …. Read in Rust: SQLite and
/// PostgreSQL share no JSON function over a TEXT column.
pub(super) fn json_int(text: &str, key: &str) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let n = v.get(key)?;
    n.as_i64()
        .or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e18)
                .map(|f| f as i64)
        })
        .or_else(|| n.as_bool().map(i64::from))
}

/// The first import batch no log entry (of `entries`, the whole log) names.
fn batch_without_entry(conn: &Connection, entries: &[AuditEntry]) -> Result<Option<i64>> {
    let named: std::collections::HashSet<i64> = entries
        .iter()
        .filter_map(|e| json_int(&e.detail, "batch"))
        .collect();
    let mut stmt = conn.prepare("SELECT id FROM import_batches ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if !named.contains(&id) {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// The upgrade to version 2. Entries written before the log masked personal values are redacted
/// (command lines as `domain::mask::command_line` keeps them; an adviser's name dropped from
/// its entry's detail), the chain is re-sealed from the first entry, and one entry says so,
/// keeping the old head hash an auditor may have noted. A chain that was already broken is not
/// laundered: that entry names where it broke, and `verify` goes on reporting it.
pub(super) fn redact(conn: &Connection) -> Result<()> {
    let before = verify_chain_only(conn)?;
    let entries = entries(conn, None)?;
    let redacted: Vec<(String, String)> = entries
        .iter()
        .map(|e| {
            let words: Vec<&str> = e.command.split(' ').collect();
            (
                crate::domain::mask::command_line(&words),
                redacted_detail(&e.action, &e.detail),
            )
        })
        .collect();
    let changed = entries
        .iter()
        .zip(&redacted)
        .filter(|(e, (c, d))| *c != e.command || *d != e.detail)
        .count();
    if changed == 0 {
        return Ok(());
    }
    let mut prev = GENESIS.to_string();
    let mut update = conn.prepare(
        "UPDATE audit_log SET command = ?1, detail = ?2, prev_hash = ?3, hash = ?4 WHERE id = ?5",
    )?;
    for (e, (command, detail)) in entries.iter().zip(&redacted) {
        let user = e.os_user.as_deref().unwrap_or("");
        let hash = entry_hash(
            None, &prev, &e.at, user, command, &e.action, detail, &e.seal,
        );
        update.execute(params![command, detail, prev, hash, e.id])?;
        prev = hash;
    }
    let old_head = entries.last().map(|e| e.hash.clone());
    let broken_at = match before {
        Chain::Broken { id } => Some(id),
        _ => None,
    };
    append(
        conn,
        "log.redact",
        &serde_json::json!({ "redacted": changed, "old_head": old_head, "broken_at": broken_at }),
    )
}

/// An entry's detail without the personal values earlier versions kept in it.
fn redacted_detail(action: &str, detail: &str) -> String {
    if action != "studio.adviser.add" {
        return detail.to_string();
    }
    match serde_json::from_str::<serde_json::Value>(detail) {
        Ok(serde_json::Value::Object(mut map)) => {
            map.remove("name");
            serde_json::Value::Object(map).to_string()
        }
        _ => detail.to_string(),
    }
}

/// Where the redaction upgrade found the chain broken, if it did (of `entries`, the whole log).
fn broken_before_redaction(entries: &[AuditEntry]) -> Option<i64> {
    entries
        .iter()
        .filter(|e| e.action == "log.redact")
        .filter_map(|e| json_int(&e.detail, "broken_at"))
        .min()
}

/// Whether `union demo` built this database: it records so in the log when it creates one;
/// one built before it did is known by its batches, every one read from the demo's own
/// temporary folder.
pub fn is_demo(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = 'demo')
             OR (EXISTS (SELECT 1 FROM import_batches)
                 AND NOT EXISTS (SELECT 1 FROM import_batches
                                  WHERE file_name NOT LIKE '%union-demo-%'))",
        [],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `json_int` finds a number where SQLite's `json_extract(text, '$.k') = n` did (the SQL it
    /// replaces), on valid JSON; text that is not JSON is no number (SQLite raised an error).
    #[test]
    fn json_int_is_sqlite_json_extract_equals() {
        let conn = Connection::open_in_memory().unwrap();
        let texts = [
            r#"{"k":5}"#,
            r#"{"k":5.0}"#,
            r#"{"k":5.5}"#,
            r#"{"k":"5"}"#,
            r#"{"k":null}"#,
            r#"{"k":true}"#,
            r#"{"k":[5]}"#,
            r#"{"k":-7}"#,
            r#"{"j":5}"#,
            r#"{"k":9007199254740993}"#,
            r#"[5]"#,
            r#"5"#,
        ];
        for text in texts {
            for n in [5i64, -7, 1, 0, 9007199254740993] {
                let sqlite: bool = conn
                    .query_row(
                        "SELECT coalesce(json_extract(?1, '$.k') = ?2, 0)",
                        params![text, n],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(json_int(text, "k") == Some(n), sqlite, "{text} = {n}");
            }
        }
        assert_eq!(json_int("{not json", "k"), None);
    }

    /// A connection string's password never reaches the log, given alone or as `--flag=URL`.
    #[test]
    fn passwords_are_left_out_of_command_lines() {
        assert_eq!(
            without_password("postgresql://city:s3cret@db.example:5432/union"),
            "postgresql://city@db.example:5432/union"
        );
        assert_eq!(
            without_password("--to=postgres://city:s3cret@db.example/union?sslmode=require"),
            "--to=postgres://city@db.example/union?sslmode=require"
        );
        assert_eq!(
            without_password("postgresql://city@db.example/union?password=s3cret"),
            "postgresql://city@db.example/union?password=***"
        );
        assert_eq!(without_password("--note=a=b"), "--note=a=b");
        assert_eq!(without_password("union.db"), "union.db");
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test cases 1 and 6 (a key longer than the block).
        let h = hmac(&[0x0b; 20], &[b"Hi There"]);
        assert_eq!(
            hex(&h),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        let h = hmac(
            &[0xaa; 131],
            &[
                b"Test Using Larger Than Block-Size Key - ",
                b"Hash Key First",
            ],
        );
        assert_eq!(
            hex(&h),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }
}
