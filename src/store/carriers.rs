//! Carriers (载体) and their programmes: writing a carrier's naming, declaring a programme's
//! criteria, and reading back what lists, `carrier apply` and the year-end report need.

use super::db::Value;
use super::db::{params, Connection, OptionalExtension, Row};
use anyhow::Result;
use chrono::NaiveDate;

use super::upsert::{upsert, Upsert};
use super::write::{conflict_to_refusal, date, opt_text, resolve_person, text, Origin, Written};
use crate::domain::carriers::{built_in, criteria_list, CarrierFacts, LeaderFacts, Programme};
use crate::domain::codes::{CarrierLevel, LeaderRule};
use crate::domain::records::{CarrierRecord, Refusal};

/// The programme called `name`: as declared, else built in.
pub fn programme(conn: &Connection, name: &str) -> Result<Option<Programme>> {
    let declared = conn
        .prepare_cached("SELECT name, criteria, leader, stars FROM programmes WHERE name = ?1")?
        .query_row([name], programme_row)
        .optional()?;
    Ok(declared.or_else(|| built_in(name)))
}

fn programme_row(r: &Row<'_>) -> super::db::Result<Programme> {
    let leader: String = r.get(2)?;
    Ok(Programme {
        name: r.get(0)?,
        criteria: criteria_list(&r.get::<_, String>(1)?),
        leader: LeaderRule::parse(&leader).unwrap_or(LeaderRule::None),
        stars: r.get(3)?,
    })
}

/// Every programme: the built-in ones (as declared, if they are) in their order, then the
/// declared others by name.
pub fn programmes(conn: &Connection) -> Result<Vec<Programme>> {
    let mut stmt =
        conn.prepare("SELECT name, criteria, leader, stars FROM programmes ORDER BY name")?;
    let declared: Vec<Programme> = stmt
        .query_map([], programme_row)?
        .collect::<super::db::Result<_>>()?;
    let mut out: Vec<Programme> = crate::domain::carriers::BUILT_IN
        .iter()
        .map(|(n, _, _)| {
            declared
                .iter()
                .find(|p| p.name == *n)
                .cloned()
                .or_else(|| built_in(n))
                .expect("a built-in programme")
        })
        .collect();
    out.extend(declared.into_iter().filter(|p| built_in(&p.name).is_none()));
    Ok(out)
}

/// Declares (or changes) a programme.
pub fn set_programme(conn: &Connection, p: &Programme) -> Result<()> {
    conn.execute(
        "INSERT INTO programmes (name, criteria, leader, stars) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET criteria = excluded.criteria, leader = excluded.leader,
             stars = excluded.stars",
        params![p.name, p.criteria.join(","), p.leader.code(), p.stars],
    )?;
    Ok(())
}

pub fn write_carrier(conn: &Connection, at: Origin, c: &CarrierRecord) -> Result<Written> {
    let Some(p) = programme(conn, &c.programme)? else {
        return Ok(Err(Refusal::ProgrammeUnknown));
    };
    if !p.takes(c.level) {
        return Ok(Err(Refusal::LevelNotForProgramme { stars: p.stars }));
    }
    let (leader, person) = match &c.leader {
        None => (None, None),
        Some(key) => match resolve_person(conn, at, key, Refusal::CarrierLeaderUnknown)? {
            Ok(o) => match o.id() {
                Some(id) => (Some(Value::Integer(id)), Some(o)),
                None => return Ok(conflict_to_refusal(o)),
            },
            Err(r) => return Ok(Err(r)),
        },
    };
    let key = [
        ("name", text(&c.name)),
        ("type", text(&p.name)),
        ("level", text(c.level.zh())),
    ];
    let values = [
        ("unit", opt_text(c.unit.as_deref())),
        ("district", opt_text(c.district.as_deref())),
        ("named_on", c.named_on.map(date)),
        ("batch_no", c.batch.map(Value::Integer)),
        ("leader_id", leader),
        (
            "criteria_met",
            c.criteria_met.as_ref().map(|m| text(&m.join(","))),
        ),
    ];
    let carrier = upsert(
        conn,
        at,
        &Upsert {
            table: "carriers",
            key: &key,
            values: &values,
        },
    )?;
    Ok(conflict_to_refusal(match person {
        Some(p) => super::write::combine(carrier, p),
        None => carrier,
    }))
}

/// A carrier's naming as lists print it.
#[derive(Debug, Clone)]
pub struct CarrierRow {
    pub id: i64,
    pub name: String,
    pub programme: String,
    pub level: String,
    pub unit: Option<String>,
    pub district: Option<String>,
    pub named_on: Option<String>,
    pub batch: Option<i64>,
    pub leader_id_number: Option<String>,
    pub leader: Option<String>,
    pub criteria_met: Option<String>,
}

#[derive(Debug, Default)]
pub struct CarrierQuery {
    pub programme: Option<String>,
    pub level: Option<String>,
    pub district: Option<String>,
    /// Exactly this carrier's name.
    pub name: Option<String>,
}

pub fn list_carriers(conn: &Connection, q: &CarrierQuery) -> Result<Vec<CarrierRow>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.name, c.type, c.level, c.unit, c.district, c.named_on, c.batch_no,
                p.id_number, p.name, c.criteria_met
         FROM carriers c LEFT JOIN people p ON p.id = c.leader_id
         WHERE (CAST(?1 AS TEXT) IS NULL OR c.type = ?1) AND (CAST(?2 AS TEXT) IS NULL OR c.level = ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR c.district = ?3) AND (CAST(?4 AS TEXT) IS NULL OR c.name = ?4)
         ORDER BY c.type, c.name, c.named_on NULLS FIRST, c.id",
    )?;
    let rows = stmt.query_map(params![q.programme, q.level, q.district, q.name], |r| {
        Ok(CarrierRow {
            id: r.get(0)?,
            name: r.get(1)?,
            programme: r.get(2)?,
            level: r.get(3)?,
            unit: r.get(4)?,
            district: r.get(5)?,
            named_on: r.get(6)?,
            batch: r.get(7)?,
            leader_id_number: r.get(8)?,
            leader: r.get(9)?,
            criteria_met: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

fn iso(t: Option<String>) -> Option<NaiveDate> {
    t.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

/// What `carrier apply` judges: the carrier called `name` in programme `programme`, its
/// namings, the criteria it meets (its latest naming's) and its leader's honours and carriers.
pub fn carrier_facts(
    conn: &Connection,
    name: &str,
    programme: &str,
) -> Result<Option<CarrierFacts>> {
    let rows = list_carriers(
        conn,
        &CarrierQuery {
            programme: Some(programme.to_string()),
            name: Some(name.to_string()),
            ..Default::default()
        },
    )?;
    let Some(last) = rows.last() else {
        return Ok(None);
    };
    let leader_id: Option<i64> = conn.query_row(
        "SELECT leader_id FROM carriers WHERE id = ?1",
        [last.id],
        |r| r.get(0),
    )?;
    let leader = match leader_id {
        None => None,
        Some(id) => {
            let (name, status, died_on): (String, String, Option<String>) = conn.query_row(
                "SELECT name, status, died_on FROM people WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            let mut stmt = conn.prepare(
                "SELECT title, year FROM honours WHERE person_id = ?1 ORDER BY level DESC NULLS LAST, year NULLS FIRST",
            )?;
            let honours = stmt
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<super::db::Result<_>>()?;
            let mut stmt = conn.prepare(
                "SELECT type, name, named_on FROM carriers WHERE leader_id = ?1 ORDER BY named_on NULLS FIRST",
            )?;
            let leads = stmt
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, iso(r.get(2)?))))?
                .collect::<super::db::Result<_>>()?;
            Some(LeaderFacts {
                name,
                deceased: status == crate::domain::codes::PersonStatus::Deceased.zh(),
                died_on: iso(died_on),
                honours,
                leads,
            })
        }
    };
    Ok(Some(CarrierFacts {
        name: name.to_string(),
        namings: rows
            .iter()
            .filter_map(|r| CarrierLevel::parse(&r.level).map(|l| (l, iso(r.named_on.clone()))))
            .collect(),
        criteria_met: criteria_list(last.criteria_met.as_deref().unwrap_or("")),
        leader,
    }))
}

/// The programmes a carrier called `name` is on file in.
pub fn carrier_programmes(conn: &Connection, name: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT DISTINCT type FROM carriers WHERE name = ?1 ORDER BY type")?;
    let rows = stmt.query_map([name], |r| r.get(0))?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// For the year-end report: per programme and level, carriers whose highest naming dated by
/// the window's end (or undated) is that level, and namings dated in the window.
pub fn carrier_figures(
    conn: &Connection,
    s: &super::report::Scope,
) -> Result<Vec<(String, CarrierLevel, i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, level, named_on FROM carriers
         WHERE (CAST(?1 AS TEXT) IS NULL OR district = ?1) AND (named_on IS NULL OR named_on <= ?2)
         ORDER BY type, name",
    )?;
    let mut rows = stmt.query(params![s.district, s.to])?;
    let mut out: Vec<(String, CarrierLevel, i64, i64)> = Vec::new();
    let mut bump = |programme: &str, level: CarrierLevel, held: i64, new: i64| match out
        .iter_mut()
        .find(|(p, l, _, _)| p == programme && *l == level)
    {
        Some(e) => {
            e.2 += held;
            e.3 += new;
        }
        None => out.push((programme.to_string(), level, held, new)),
    };
    let mut current: Option<(String, String, Vec<CarrierLevel>)> = None;
    let flush = |c: Option<(String, String, Vec<CarrierLevel>)>,
                 bump: &mut dyn FnMut(&str, CarrierLevel, i64, i64)| {
        if let Some((programme, _, levels)) = c {
            if let Some(top) = crate::domain::carriers::highest(levels) {
                bump(&programme, top, 1, 0);
            }
        }
    };
    while let Some(r) = rows.next()? {
        let (programme, name): (String, String) = (r.get(0)?, r.get(1)?);
        let Some(level) = CarrierLevel::parse(&r.get::<_, String>(2)?) else {
            continue;
        };
        let named_on: Option<String> = r.get(3)?;
        if named_on
            .as_deref()
            .is_some_and(|d| d >= s.from.as_str() && d <= s.to.as_str())
        {
            bump(&programme, level, 0, 1);
        }
        let same = current
            .as_ref()
            .is_some_and(|(p, n, _)| *p == programme && *n == name);
        if !same {
            flush(current.take(), &mut bump);
            current = Some((programme, name, Vec::new()));
        }
        if let Some((_, _, levels)) = current.as_mut() {
            levels.push(level);
        }
    }
    flush(current.take(), &mut bump);
    Ok(out)
}
