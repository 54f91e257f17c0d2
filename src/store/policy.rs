//! Dated policy parameters: the seed of every default, reading the dated values, setting one.

use super::db::{params, Connection};
use anyhow::Result;
use chrono::NaiveDate;

use crate::domain::codes::PayoutCategory;
use crate::domain::policy::{origin, Book, Campaign, Dated, Policy, PARAMS};

/// Seeds every default (valid from 1900-01-01) that is not yet stored: run when the database is
/// created, and harmless on an existing one.
pub fn seed_defaults(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare(
        "INSERT OR IGNORE INTO policy_params (key, valid_from, value, reference) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let from = origin().format("%Y-%m-%d").to_string();
    for p in PARAMS {
        stmt.execute(params![p.key, from, p.default, p.reference])?;
    }
    Ok(())
}

/// Every dated value stored, ordered by key and date.
pub fn policy_rows(conn: &Connection) -> Result<Vec<Dated>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, valid_from, value, reference FROM policy_params ORDER BY key, valid_from",
    )?;
    let rows = stmt.query_map([], |r| {
        let from: String = r.get(1)?;
        Ok(Dated {
            key: r.get(0)?,
            valid_from: NaiveDate::parse_from_str(&from, "%Y-%m-%d").unwrap_or_else(|_| origin()),
            value: r.get(2)?,
            reference: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// The parameters in force on `date`, with the office's campaigns.
pub fn policy_on(conn: &Connection, date: NaiveDate) -> Result<Policy> {
    Ok(Policy::in_force(&policy_rows(conn)?, date).with_campaigns(campaigns(conn)?.into()))
}

/// Every dated value and campaign: the policy of any date.
pub fn book(conn: &Connection) -> Result<Book> {
    Ok(Book::with_campaigns(policy_rows(conn)?, campaigns(conn)?))
}

/// Every campaign, by category and first day (a row whose category or dates are none of ours,
/// written outside `union`, is left out).
pub fn campaigns(conn: &Connection) -> Result<Vec<Campaign>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, category, starts_on, ends_on, reference FROM campaigns
          ORDER BY category, starts_on, name",
    )?;
    let rows = stmt.query_map([], |r| {
        let day = |i: usize| -> super::db::Result<Option<NaiveDate>> {
            Ok(r.get::<_, String>(i)?.parse().ok())
        };
        let category = PayoutCategory::parse(r.get_ref(1)?.as_str()?);
        Ok(match (category, day(2)?, day(3)?) {
            (Some(category), Some(from), Some(to)) => Some(Campaign {
                name: r.get(0)?,
                category,
                from,
                to,
                reference: r.get(4)?,
            }),
            _ => None,
        })
    })?;
    Ok(rows
        .collect::<super::db::Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect())
}

/// Adds a campaign; returns its id.
pub fn add_campaign(conn: &Connection, c: &Campaign) -> Result<i64> {
    conn.execute(
        "INSERT INTO campaigns (name, category, starts_on, ends_on, reference)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            c.name,
            c.category.code(),
            c.from.format("%Y-%m-%d").to_string(),
            c.to.format("%Y-%m-%d").to_string(),
            c.reference
        ],
    )?;
    Ok(conn.last_insert_rowid()?)
}

/// Stores a dated value (replacing one with the same key and date). Returns the value it
/// replaced, if any.
pub fn set_param(conn: &Connection, d: &Dated) -> Result<Option<String>> {
    let from = d.valid_from.format("%Y-%m-%d").to_string();
    let before: Option<String> = conn
        .query_row(
            "SELECT value FROM policy_params WHERE key = ?1 AND valid_from = ?2",
            params![d.key, from],
            |r| r.get(0),
        )
        .ok();
    conn.execute(
        "INSERT INTO policy_params (key, valid_from, value, reference) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key, valid_from) DO UPDATE SET value = excluded.value, reference = excluded.reference",
        params![d.key, from, d.value, d.reference],
    )?;
    Ok(before)
}
