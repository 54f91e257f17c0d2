//! The audit log: every write, with time, OS user and command line (personal values masked),
//! chained by SHA-256 so that an edited or deleted entry shows.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// One audit-log entry as stored.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub os_user: Option<String>,
    pub command: String,
    pub action: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of the chain's start.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash that chains an entry to its predecessor.
pub fn entry_hash(
    prev: &str,
    at: &str,
    user: &str,
    command: &str,
    action: &str,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [prev, at, user, command, action, detail] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
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

/// The command line of this process, with personal values masked (`domain::mask`).
fn command_line() -> String {
    crate::domain::mask::command_line(&std::env::args().collect::<Vec<_>>())
}

pub(super) fn append(conn: &Connection, action: &str, detail: &serde_json::Value) -> Result<()> {
    let prev: String = conn
        .query_row(
            "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let at = chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    let user = os_user().unwrap_or_default();
    let command = command_line();
    let detail = detail.to_string();
    let hash = entry_hash(&prev, &at, &user, &command, action, &detail);
    conn.execute(
        "INSERT INTO audit_log (at, os_user, command, action, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![at, user, command, action, detail, prev, hash],
    )?;
    Ok(())
}

/// Audit entries at or after `since` (an ISO date or date-time), oldest first.
pub fn entries(conn: &Connection, since: Option<&str>) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, os_user, command, action, detail, prev_hash, hash FROM audit_log
         WHERE ?1 IS NULL OR at >= ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([since], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            os_user: r.get(2)?,
            command: r.get(3)?,
            action: r.get(4)?,
            detail: r.get(5)?,
            prev_hash: r.get(6)?,
            hash: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The state of the audit chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chain {
    /// Every entry's hash matches its content and links to the one before.
    /// `last` is the newest entry's hash: an auditor who notes it can later tell whether newest
    /// entries were removed, which the chain alone cannot show.
    Intact { entries: i64, last: String },
    /// The first entry whose hash or link does not match: it, or the one before it, was altered
    /// or removed.
    Broken { id: i64 },
}

/// Recomputes every hash from the content, in order.
pub fn verify(conn: &Connection) -> Result<Chain> {
    let mut prev = GENESIS.to_string();
    let mut count = 0;
    for e in entries(conn, None)? {
        let expected = entry_hash(
            &prev,
            &e.at,
            e.os_user.as_deref().unwrap_or(""),
            &e.command,
            &e.action,
            &e.detail,
        );
        if e.prev_hash != prev || e.hash != expected {
            return Ok(Chain::Broken { id: e.id });
        }
        prev = e.hash;
        count += 1;
    }
    // A chain re-sealed by the redaction upgrade was broken before it, where its entry says.
    if let Some(id) = broken_before_redaction(conn)? {
        return Ok(Chain::Broken { id });
    }
    Ok(Chain::Intact {
        entries: count,
        last: prev,
    })
}

/// Whether `union demo` built this database (it records so in the log when it creates one).
pub fn is_demo(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = 'demo')",
        [],
        |r| r.get(0),
    )?)
}

/// The upgrade to version 2. Entries written before the log masked personal values are redacted
/// (command lines as `domain::mask::command_line` keeps them; an adviser's name dropped from
/// its entry's detail), the chain is re-sealed from the first entry, and one entry says so,
/// keeping the old head hash an auditor may have noted. A chain that was already broken is not
/// laundered: that entry names where it broke, and `verify` goes on reporting it.
pub(super) fn redact(conn: &Connection) -> Result<()> {
    let before = verify(conn)?;
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
        let hash = entry_hash(&prev, &e.at, user, command, &e.action, detail);
        update.execute(params![command, detail, prev, hash, e.id])?;
        prev = hash;
    }
    let old_head = entries.last().map(|e| e.hash.clone());
    let broken_at = match before {
        Chain::Broken { id } => Some(id),
        Chain::Intact { .. } => None,
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

fn broken_before_redaction(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT min(json_extract(detail, '$.broken_at')) FROM audit_log
             WHERE action = 'log.redact'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}
