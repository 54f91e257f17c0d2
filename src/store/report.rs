//! The aggregates behind the reports of SPEC §7: the year-end statistics table, payouts by
//! category, month or district, the studios' year, and the lists `union export` writes that no
//! `list` prints (honours, studio results). Every figure is counted here, in SQL, once; the
//! definitions are in the doc comments and in `report::year_end`.

use super::db::{params, Connection};
use anyhow::Result;

use super::records::{level_in_force_sql, result_counts_at, result_counts_sql};
use crate::domain::codes::{ResultCounts, ResultMetric, ResultTotals};
use crate::domain::person::{self, DatedStatus};

/// What a report covers: an inclusive window of ISO dates, optionally one district.
#[derive(Debug, Clone)]
pub struct Scope {
    pub from: String,
    pub to: String,
    pub district: Option<String>,
    /// Honours are dated by year only and taken as awarded on 1 January of it: an honour is held
    /// at the window's end if its year is at most this, and new in the window if its year lies
    /// in `award_years` (the years whose 1 January falls in the window; empty when lo > hi).
    pub held_through: i32,
    pub award_years: (i32, i32),
    /// Yearly studio results count in the window that holds the 31 December of their year.
    pub result_years: (i32, i32),
}

/// SQL for [`DatedStatus::by`], the one definition: the status holds for the person `p` at the
/// end of the day `date` (an SQL expression), by its date column when set, else by the status
/// on file.
fn status_by(status: DatedStatus, since: &str, date: &str) -> String {
    format!(
        "(CASE WHEN {since} IS NOT NULL THEN {since} <= {date} ELSE p.status = '{}' END)",
        status.0.zh()
    )
}

/// SQL: the person `p` was alive at the end of the window (?2), i.e. not [`person::dead_by`]
/// it. A person marked 去世 without a date of death is taken as dead.
fn alive_at_end() -> String {
    format!("NOT {}", status_by(person::DECEASED, "p.died_on", "?2"))
}

/// SQL: the person `p` was retired at the end of the window (?2): [`person::retired_by`].
fn retired_at_end() -> String {
    status_by(person::RETIRED, "p.retired_on", "?2")
}

/// People, studios and enterprises with no district: no district's figures include them.
pub fn records_without_district(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM people WHERE district IS NULL OR district = '')
              + (SELECT count(*) FROM studios WHERE district IS NULL OR district = '')
              + (SELECT count(*) FROM enterprises WHERE district IS NULL OR district = '')",
        [],
        |r| r.get(0),
    )?)
}

/// The districts on file (of people, studios and enterprises), in a stable order (by their
/// text), for a report of each district.
pub fn districts(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT district FROM people WHERE district <> ''
         UNION SELECT district FROM studios WHERE district <> ''
         UNION SELECT district FROM enterprises WHERE district <> ''
         ORDER BY 1",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<super::db::Result<Vec<String>>>()?)
}

// ---------------------------------------------------------------- people

/// Living people at the end of the window by their highest model title and highest medal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleFigures {
    /// Indexed by level 1 区县 … 4 全国; index 0 unused.
    pub models: [i64; 5],
    pub medals: [i64; 5],
    /// Models whose first model title is dated in the window.
    pub new_models: i64,
    /// Models retired at the end of the window.
    pub retired_models: i64,
    /// People awarded a model title of each level (1 区县 … 4 全国) dated in the window, each
    /// person once per level.
    pub new_by_level: [i64; 5],
}

pub fn people_figures(conn: &Connection, s: &Scope) -> Result<PeopleFigures> {
    let sql = format!(
        "WITH h AS (
           SELECT person_id,
             max(CASE WHEN kind = 'model' THEN level END) AS model,
             max(CASE WHEN kind = 'medal' THEN level END) AS medal,
             min(CASE WHEN kind = 'model' THEN coalesce(year, 0) END) AS first_model
           FROM honours WHERE (year IS NULL OR year <= ?3) AND {held} GROUP BY person_id)
         SELECT h.model, h.medal,
           CASE WHEN h.first_model BETWEEN ?4 AND ?5 THEN 1 ELSE 0 END,
           {retired},
           count(*)
         FROM h JOIN people p ON p.id = h.person_id
         WHERE (CAST(?1 AS TEXT) IS NULL OR p.district = ?1) AND {alive}
         GROUP BY 1, 2, 3, 4",
        retired = retired_at_end(),
        alive = alive_at_end(),
        held = NOT_REVOKED_AT_END,
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![
        s.district,
        s.to,
        s.held_through,
        s.award_years.0,
        s.award_years.1
    ])?;
    let mut f = PeopleFigures::default();
    while let Some(r) = rows.next()? {
        let model: Option<i64> = r.get(0)?;
        let medal: Option<i64> = r.get(1)?;
        let new: bool = r.get(2)?;
        let retired: bool = r.get(3)?;
        let n: i64 = r.get(4)?;
        if let Some(level @ 1..=4) = model {
            f.models[level as usize] += n;
            if new {
                f.new_models += n;
            }
            if retired {
                f.retired_models += n;
            }
        }
        if let Some(level @ 1..=4) = medal {
            f.medals[level as usize] += n;
        }
    }
    let sql = format!(
        "SELECT h.level, count(DISTINCT h.person_id) FROM honours h JOIN people p ON p.id = h.person_id
         WHERE h.kind = 'model' AND h.year BETWEEN ?3 AND ?4 AND (CAST(?1 AS TEXT) IS NULL OR p.district = ?1)
           AND {alive}
         GROUP BY h.level",
        alive = alive_at_end(),
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![s.district, s.to, s.award_years.0, s.award_years.1])?;
    while let Some(r) = rows.next()? {
        if let Some(level @ 1..=4) = r.get::<_, Option<i64>>(0)? {
            f.new_by_level[level as usize] = r.get(1)?;
        }
    }
    Ok(f)
}

/// SQL: the honour was not revoked (取消称号) by the end of the window (?2): it counts until
/// the day before its revocation, as `person::Honour::held_on` says.
const NOT_REVOKED_AT_END: &str = "(revoked_on IS NULL OR revoked_on > ?2)";

/// Living holders of the open honours at the end of the window, per kind (the stored code):
/// each person once per kind, at their highest level of it; index 0 counts those whose titles
/// of the kind name no level, 1 区县 … 4 全国.
pub fn open_honour_figures(conn: &Connection, s: &Scope) -> Result<Vec<(String, [i64; 5])>> {
    let sql = format!(
        "WITH h AS (
           SELECT person_id, kind, max(coalesce(level, 0)) AS level
           FROM honours WHERE kind <> 'model' AND kind <> 'medal'
             AND (year IS NULL OR year <= ?3) AND {held}
           GROUP BY person_id, kind)
         SELECT h.kind, h.level, count(*)
         FROM h JOIN people p ON p.id = h.person_id
         WHERE (CAST(?1 AS TEXT) IS NULL OR p.district = ?1) AND {alive}
         GROUP BY 1, 2",
        alive = alive_at_end(),
        held = NOT_REVOKED_AT_END,
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![s.district, s.to, s.held_through])?;
    let mut out: Vec<(String, [i64; 5])> = Vec::new();
    while let Some(r) = rows.next()? {
        let (kind, level, n): (String, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let i = match out.iter().position(|(k, _)| *k == kind) {
            Some(i) => i,
            None => {
                out.push((kind, [0; 5]));
                out.len() - 1
            }
        };
        if let Some(slot) = usize::try_from(level)
            .ok()
            .and_then(|l| out[i].1.get_mut(l))
        {
            *slot += n;
        }
    }
    Ok(out)
}

/// Honours revoked (取消称号) in the window, of people in the district.
pub fn honours_revoked(conn: &Connection, s: &Scope) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM honours h JOIN people p ON p.id = h.person_id
          WHERE h.revoked_on BETWEEN ?2 AND ?3 AND (CAST(?1 AS TEXT) IS NULL OR p.district = ?1)",
        params![s.district, s.from, s.to],
        |r| r.get(0),
    )?)
}

// ---------------------------------------------------------------- studios

/// Figures of one studio level (the stored Chinese label).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StudioLevelFigures {
    /// Studios whose highest naming in force at the window's end is this level.
    pub current: i64,
    /// Namings at this level dated in the window.
    pub named: i64,
    /// Distinct batches at this level named up to the window's end.
    pub batches: i64,
    /// Distinct studios ever named at this level up to the window's end, whatever they hold now.
    pub ever_named: i64,
}

/// Per stored level label: current, named in window, batches up to the end.
pub fn studio_levels(conn: &Connection, s: &Scope) -> Result<Vec<(String, StudioLevelFigures)>> {
    let mut out: Vec<(String, StudioLevelFigures)> = Vec::new();
    fn entry(
        out: &mut Vec<(String, StudioLevelFigures)>,
        level: String,
    ) -> &mut StudioLevelFigures {
        let i = match out.iter().position(|(l, _)| *l == level) {
            Some(i) => i,
            None => {
                out.push((level, StudioLevelFigures::default()));
                out.len() - 1
            }
        };
        &mut out[i].1
    }
    let sql = format!(
        "SELECT {} AS lvl, count(*) FROM studios s
         WHERE (CAST(?1 AS TEXT) IS NULL OR s.district = ?1) GROUP BY lvl",
        level_in_force_sql("?2")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![s.district, s.to])?;
    while let Some(r) = rows.next()? {
        if let Some(level) = r.get::<_, Option<String>>(0)? {
            entry(&mut out, level).current = r.get(1)?;
        }
    }
    // A naming without a batch number is its own batch per naming date.
    let mut stmt = conn.prepare(
        "SELECT n.level, count(*) FILTER (WHERE n.named_on BETWEEN ?2 AND ?3),
                count(DISTINCT CASE WHEN n.named_on <= ?3 THEN coalesce(CAST(n.batch_no AS TEXT), n.named_on) END),
                count(DISTINCT CASE WHEN n.named_on <= ?3 THEN n.studio_id END)
         FROM studio_namings n JOIN studios s ON s.id = n.studio_id
         WHERE (CAST(?1 AS TEXT) IS NULL OR s.district = ?1) GROUP BY n.level",
    )?;
    let mut rows = stmt.query(params![s.district, s.from, s.to])?;
    while let Some(r) = rows.next()? {
        let f = entry(&mut out, r.get(0)?);
        f.named = r.get(1)?;
        f.batches = r.get(2)?;
        f.ever_named = r.get(3)?;
    }
    Ok(out)
}

/// Studios with a revocation dated in the window.
pub fn studios_revoked(conn: &Connection, s: &Scope) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(DISTINCT v.studio_id) FROM studio_revocations v JOIN studios s ON s.id = v.studio_id
         WHERE v.revoked_on BETWEEN ?2 AND ?3 AND (CAST(?1 AS TEXT) IS NULL OR s.district = ?1)",
        params![s.district, s.from, s.to],
        |r| r.get(0),
    )?)
}

/// Sums of the yearly results of `result_years`: each [`ResultMetric`] and economic benefit
/// (fen).
pub fn studio_results_sum(conn: &Connection, s: &Scope) -> Result<(ResultTotals, i64)> {
    let sums = ResultMetric::ALL
        .map(|m| format!("coalesce(sum(r.{}), 0)", m.code()))
        .join(", ");
    Ok(conn.query_row(
        &format!(
            "SELECT {sums}, coalesce(sum(r.economic_benefit), 0)
               FROM studio_results r JOIN studios s ON s.id = r.studio_id
              WHERE r.year BETWEEN ?2 AND ?3 AND (CAST(?1 AS TEXT) IS NULL OR s.district = ?1)"
        ),
        params![s.district, s.result_years.0, s.result_years.1],
        |r| {
            let mut counts = [0; 7];
            for m in ResultMetric::ALL {
                counts[m] = r.get(m as usize)?;
            }
            Ok((counts, r.get(7)?))
        },
    )?)
}

// ---------------------------------------------------------------- enterprises and agreements

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnterpriseFigures {
    pub total: i64,
    pub with_union: i64,
    pub fortune500: i64,
    /// Unionised enterprises with a women's special protection contract.
    pub women_contract: i64,
    /// Unionised enterprises with an agreement in force at some time in the window.
    pub with_agreement: i64,
    /// Of those, Fortune Global 500.
    pub fortune500_with_agreement: i64,
    /// Workers covered by the latest agreement in force in the window, per enterprise above.
    pub workers_covered: i64,
    /// Distinct agreements in force at some time in the window, of the enterprises in scope
    /// (rows sharing a 协议编号 are one agreement; a row without one is its own).
    pub agreements: i64,
    /// State-owned or collective enterprises (经济类型 naming 国有 or 集体), and of them those
    /// with 厂务公开.
    pub state_collective: (i64, i64),
    /// Unionised enterprises of any other stated ownership, and of them those with 厂务公开.
    pub non_public_unionised: (i64, i64),
    /// Enterprises with at least 100 employees, and of them those with 职工董事监事.
    pub employees_100_plus: (i64, i64),
}

pub fn enterprise_figures(conn: &Connection, s: &Scope) -> Result<EnterpriseFigures> {
    Ok(conn
        .query_row(
            "WITH e AS (
           SELECT x.has_union = 1 AS u, x.fortune500 = 1 AS f, x.women_contract = 1 AS w,
             (SELECT coalesce(a.workers_covered, 0) FROM agreements a
               WHERE a.enterprise_id = x.id AND a.effective_from <= ?3 AND a.expires_on >= ?2
               ORDER BY a.effective_from DESC LIMIT 1) AS covered
           FROM enterprises x WHERE (CAST(?1 AS TEXT) IS NULL OR x.district = ?1))
         SELECT count(*), count(*) FILTER (WHERE u), count(*) FILTER (WHERE f),
           count(*) FILTER (WHERE u AND w),
           count(*) FILTER (WHERE u AND covered IS NOT NULL),
           count(*) FILTER (WHERE u AND f AND covered IS NOT NULL),
           coalesce(sum(CASE WHEN u THEN covered END), 0)
         FROM e",
            params![s.district, s.from, s.to],
            |r| {
                Ok(EnterpriseFigures {
                    total: r.get(0)?,
                    with_union: r.get(1)?,
                    fortune500: r.get(2)?,
                    women_contract: r.get(3)?,
                    with_agreement: r.get(4)?,
                    fortune500_with_agreement: r.get(5)?,
                    workers_covered: r.get(6)?,
                    agreements: 0,
                    ..Default::default()
                })
            },
        )
        .and_then(|mut f| {
            (
                f.state_collective,
                f.non_public_unionised,
                f.employees_100_plus,
            ) = conn.query_row(
                &format!(
                    "WITH x AS (
               SELECT ({public}) AS public,
                      has_union = 1 AS u, open_affairs = 1 AS o, employees >= 100 AS big,
                      employee_directors = 1 AS d
               FROM enterprises WHERE (CAST(?1 AS TEXT) IS NULL OR district = ?1))
             SELECT count(*) FILTER (WHERE public), count(*) FILTER (WHERE public AND o),
                    count(*) FILTER (WHERE NOT public AND u), count(*) FILTER (WHERE NOT public AND u AND o),
                    count(*) FILTER (WHERE big), count(*) FILTER (WHERE big AND d)
             FROM x",
                    public = crate::domain::codes::PUBLIC_OWNERSHIP
                        .map(|w| format!("ownership LIKE '%{w}%'"))
                        .join(" OR ")
                ),
                params![s.district],
                |r| {
                    Ok((
                        (r.get(0)?, r.get(1)?),
                        (r.get(2)?, r.get(3)?),
                        (r.get(4)?, r.get(5)?),
                    ))
                },
            )?;
            f.agreements = conn.query_row(
                "SELECT count(DISTINCT coalesce('no:' || a.agreement_no, 'id:' || a.id))
               FROM agreements a JOIN enterprises x ON x.id = a.enterprise_id
              WHERE (CAST(?1 AS TEXT) IS NULL OR x.district = ?1) AND a.effective_from <= ?3
                AND a.expires_on >= ?2",
                params![s.district, s.from, s.to],
                |r| r.get(0),
            )?;
            Ok(f)
        })?)
}

// ---------------------------------------------------------------- base-level unions

/// Base-level unions founded by the window's end (or of no stated founding date).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnionFigures {
    pub total: i64,
    /// Legal units covered: as given, a 单独建会 that does not say counting 1
    /// ([`crate::domain::unions::units_covered`]).
    pub units_covered: i64,
    /// Per stored 建会形式.
    pub by_form: Vec<(String, i64)>,
    pub members: i64,
    pub women: i64,
    pub migrant: i64,
    /// Members and workers of the unions that give both: the membership rate's two terms.
    pub rate_terms: (i64, i64),
}

pub fn union_figures(conn: &Connection, s: &Scope) -> Result<UnionFigures> {
    let mut f = UnionFigures::default();
    let mut stmt = conn.prepare(
        "SELECT form, units_covered, members, women_members, migrant_members, workers FROM unions
         WHERE (CAST(?1 AS TEXT) IS NULL OR district = ?1) AND (founded_on IS NULL OR founded_on <= ?2)",
    )?;
    let mut rows = stmt.query(params![s.district, s.to])?;
    while let Some(r) = rows.next()? {
        let form: Option<String> = r.get(0)?;
        let parsed = form
            .as_deref()
            .and_then(crate::domain::codes::UnionForm::parse);
        f.total += 1;
        f.units_covered += crate::domain::unions::units_covered(parsed, r.get(1)?);
        if let Some(form) = form {
            match f.by_form.iter_mut().find(|(k, _)| *k == form) {
                Some((_, n)) => *n += 1,
                None => f.by_form.push((form, 1)),
            }
        }
        let members: Option<i64> = r.get(2)?;
        let workers: Option<i64> = r.get(5)?;
        f.members += members.unwrap_or(0);
        f.women += r.get::<_, Option<i64>>(3)?.unwrap_or(0);
        f.migrant += r.get::<_, Option<i64>>(4)?.unwrap_or(0);
        if let (Some(m), Some(w)) = (members, workers) {
            f.rate_terms.0 += m;
            f.rate_terms.1 += w;
        }
    }
    Ok(f)
}

/// Migrant-worker members (农民工会员) as of the end of day `day`: each union's latest figure
/// dated on or before it (统计日期), a union with none counting 0, summed over the scope's
/// district. `members.migrant_net_new` is this at the window's end less this the day before
/// the window opens.
pub fn migrant_members_on(conn: &Connection, district: Option<&str>, day: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(f.migrant_members), 0)
               FROM unions u JOIN union_figures f ON f.union_id = u.id
              WHERE (CAST(?1 AS TEXT) IS NULL OR u.district = ?1)
                AND f.as_of = (SELECT max(g.as_of) FROM union_figures g
                                WHERE g.union_id = u.id AND g.as_of <= ?2)",
        )?
        .query_row(params![district, day], |r| r.get(0))?)
}

// ---------------------------------------------------------------- payouts

/// Payouts of one group: how many, to how many distinct recipients, how much (fen).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PayoutSum {
    pub count: i64,
    pub recipients: i64,
    pub amount: i64,
}

/// How `payout_groups` groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayoutGrouping {
    /// The stored category code.
    Category,
    /// `YYYY-MM` of the payment date.
    Month,
    /// The recipient's district (a person's, or a studio's); `None` when not on file.
    District,
    /// One group for everything.
    Total,
}

/// Payouts paid in the window (and to recipients in the scope's district), grouped. A recipient
/// is a person or a studio; each is counted once per group.
pub fn payout_groups(
    conn: &Connection,
    s: &Scope,
    by: PayoutGrouping,
) -> Result<Vec<(Option<String>, PayoutSum)>> {
    // Static SQL for each grouping; values are always bound.
    let group = match by {
        PayoutGrouping::Category => "y.category",
        PayoutGrouping::Month => "substr(y.paid_on, 1, 7)",
        PayoutGrouping::District => "coalesce(p.district, st.district)",
        PayoutGrouping::Total => "NULL",
    };
    // Without a district the people and studios need not be joined (the common, big case).
    let joins = if s.district.is_some() || by == PayoutGrouping::District {
        "LEFT JOIN people p ON p.id = y.person_id LEFT JOIN studios st ON st.id = y.studio_id"
    } else {
        ""
    };
    let district = if s.district.is_some() {
        "AND coalesce(p.district, st.district) = ?1"
    } else {
        "AND CAST(?1 AS TEXT) IS NULL"
    };
    let sql = format!(
        "SELECT {group}, count(*), count(DISTINCT coalesce(y.person_id, -y.studio_id)), sum(y.amount)
         FROM payouts y {joins}
         WHERE y.paid_on BETWEEN ?2 AND ?3 {district}
         GROUP BY 1 ORDER BY 1 NULLS FIRST"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![s.district, s.from, s.to], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            PayoutSum {
                count: r.get(1)?,
                recipients: r.get(2)?,
                amount: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
            },
        ))
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// Recipients paid in the window (in the scope's district), each once: the people and the
/// studios paid. The same number as `payout_groups(Total)`'s recipients (a payout goes to
/// exactly one of the two: the table's CHECK), read from the indexes on who was paid
/// (`payouts_person`, `payouts_studio`) instead of the whole table: the year-end takes its
/// totals' count and amount from the categories it has summed already.
pub fn payout_recipients(conn: &Connection, s: &Scope) -> Result<i64> {
    let (people, studios, district) = if s.district.is_some() {
        (
            "JOIN people p ON p.id = y.person_id AND p.district = ?1",
            "JOIN studios st ON st.id = y.studio_id AND st.district = ?1",
            "",
        )
    } else {
        ("", "", "AND CAST(?1 AS TEXT) IS NULL")
    };
    let sql = format!(
        "SELECT (SELECT count(DISTINCT y.person_id) FROM payouts y {people}
                  WHERE y.person_id IS NOT NULL AND y.paid_on BETWEEN ?2 AND ?3 {district})
              + (SELECT count(DISTINCT y.studio_id) FROM payouts y {studios}
                  WHERE y.studio_id IS NOT NULL AND y.paid_on BETWEEN ?2 AND ?3 {district})"
    );
    Ok(conn.query_row(&sql, params![s.district, s.from, s.to], |r| r.get(0))?)
}

/// Students paid 金秋助学 in the window (and to recipients in the scope's district), told apart
/// by [`count_students`](crate::domain::payout_rules::count_students).
pub fn education_aid_students(conn: &Connection, s: &Scope) -> Result<i64> {
    use crate::domain::payout_rules::{count_students, Student};
    let mut stmt = conn.prepare(
        "SELECT y.person_id, y.student_name, y.student_id_number
         FROM payouts y LEFT JOIN people p ON p.id = y.person_id
         WHERE y.category = 'education_aid' AND y.paid_on BETWEEN ?2 AND ?3
           AND y.person_id IS NOT NULL AND (CAST(?1 AS TEXT) IS NULL OR p.district = ?1)",
    )?;
    let rows = stmt
        .query_map(params![s.district, s.from, s.to], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Student::given_stored(r.get(1)?, r.get(2)?),
            ))
        })?
        .collect::<super::db::Result<Vec<_>>>()?;
    let n = count_students(rows.iter().map(|(p, st)| (*p, st.as_ref())));
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

/// What a campaign paid: people, households (a person's 户号 on their latest hardship file
/// opened by the campaign's last day, else the person), payouts and amount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CampaignFigures {
    pub people: i64,
    pub households: i64,
    pub count: i64,
    pub amount: i64,
}

pub fn campaign_figures(
    conn: &Connection,
    c: &crate::domain::policy::Campaign,
) -> Result<CampaignFigures> {
    let sql = "SELECT count(DISTINCT y.person_id),
                      count(DISTINCT coalesce('h:' || (SELECT h.household FROM hardship_files h
                          WHERE h.person_id = y.person_id AND h.household IS NOT NULL
                            AND h.opened_on <= ?3 ORDER BY h.opened_on DESC LIMIT 1),
                          'p:' || y.person_id)),
                      count(*), coalesce(sum(y.amount), 0)
                 FROM payouts y
                WHERE y.category = ?1 AND y.paid_on BETWEEN ?2 AND ?3 AND y.person_id IS NOT NULL";
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    Ok(conn.query_row(
        sql,
        params![c.category.code(), day(c.from), day(c.to)],
        |r| {
            Ok(CampaignFigures {
                people: r.get(0)?,
                households: r.get(1)?,
                count: r.get(2)?,
                amount: r.get(3)?,
            })
        },
    )?)
}

// ---------------------------------------------------------------- hardship

/// Hardship files of one type (stored label): people with one open at the window's end (alive
/// then), files opened and closed in the window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HardshipFigures {
    pub open: i64,
    pub opened: i64,
    pub closed: i64,
}

/// SQL: the file `h` is open at the end of the window (?2).
const OPEN_AT_END: &str = "h.opened_on <= ?2 AND (h.closed_on IS NULL OR h.closed_on > ?2)";

/// People (not files) with a hardship file open at the window's end, alive then: a person with
/// two open files on file from before one was the rule is counted once.
pub fn hardship_open_people(conn: &Connection, s: &Scope) -> Result<i64> {
    let sql = format!(
        "SELECT count(DISTINCT h.person_id) FROM hardship_files h JOIN people p ON p.id = h.person_id
          WHERE (CAST(?1 AS TEXT) IS NULL OR p.district = ?1) AND {OPEN_AT_END} AND {alive}",
        alive = alive_at_end(),
    );
    Ok(conn.query_row(&sql, params![s.district, s.to], |r| r.get(0))?)
}

pub fn hardship_figures(conn: &Connection, s: &Scope) -> Result<Vec<(String, HardshipFigures)>> {
    let sql = format!(
        "SELECT h.type,
           count(DISTINCT CASE WHEN {OPEN_AT_END} AND {alive} THEN h.person_id END),
           count(*) FILTER (WHERE h.opened_on BETWEEN ?3 AND ?2),
           count(*) FILTER (WHERE h.closed_on BETWEEN ?3 AND ?2)
         FROM hardship_files h JOIN people p ON p.id = h.person_id
         WHERE (CAST(?1 AS TEXT) IS NULL OR p.district = ?1) GROUP BY h.type",
        alive = alive_at_end(),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![s.district, s.to, s.from], |r| {
        Ok((
            r.get(0)?,
            HardshipFigures {
                open: r.get(1)?,
                opened: r.get(2)?,
                closed: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

// ---------------------------------------------------------------- studios report

/// One studio in `union report studios`.
#[derive(Debug, Clone)]
pub struct StudioYearRow {
    pub name: String,
    pub kind: String,
    pub leader: String,
    pub district: Option<String>,
    /// Highest naming in force at the window's end.
    pub level: Option<String>,
    /// Namings dated in the window: `level named_on`.
    pub named_in_window: Option<String>,
    pub revoked_in_window: Option<String>,
    /// The result year's counts; `None` when no results were recorded.
    pub counts: Option<ResultCounts>,
    pub economic_benefit: Option<i64>,
    /// Studio subsidies paid in the window (fen).
    pub subsidy: i64,
}

pub fn studio_year(conn: &Connection, s: &Scope, result_year: i32) -> Result<Vec<StudioYearRow>> {
    let sql = format!(
        "SELECT s.name, s.kind, p.name, s.district, {current},
           (SELECT string_agg(n.level || ' ' || n.named_on, '；' ORDER BY n.named_on, n.level)
              FROM studio_namings n WHERE n.studio_id = s.id AND n.named_on BETWEEN ?3 AND ?2),
           (SELECT max(v.revoked_on) FROM studio_revocations v WHERE v.studio_id = s.id
              AND v.revoked_on BETWEEN ?3 AND ?2),
           r.id, {counts}, r.economic_benefit,
           (SELECT coalesce(sum(y.amount), 0) FROM payouts y WHERE y.studio_id = s.id
              AND y.paid_on BETWEEN ?3 AND ?2)
         FROM studios s JOIN people p ON p.id = s.leader_id
           LEFT JOIN studio_results r ON r.studio_id = s.id AND r.year = ?4
         WHERE (CAST(?1 AS TEXT) IS NULL OR s.district = ?1)
         ORDER BY s.district NULLS FIRST, s.name",
        current = level_in_force_sql("?2"),
        counts = result_counts_sql("r"),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![s.district, s.to, s.from, result_year], |r| {
        let has_results = r.get::<_, Option<i64>>(7)?.is_some();
        let counts = result_counts_at(r, 8)?;
        Ok(StudioYearRow {
            name: r.get(0)?,
            kind: r.get(1)?,
            leader: r.get(2)?,
            district: r.get(3)?,
            level: r.get(4)?,
            named_in_window: r.get(5)?,
            revoked_in_window: r.get(6)?,
            counts: has_results.then_some(counts),
            economic_benefit: r.get(15)?,
            subsidy: r.get(16)?,
        })
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

// ---------------------------------------------------------------- lists for export

/// One honour with its holder, for `union export honours`.
#[derive(Debug, Clone)]
pub struct HonourExportRow {
    pub name: String,
    pub id_number: String,
    pub district: Option<String>,
    pub honour: super::HonourRow,
}

pub fn all_honours(conn: &Connection) -> Result<Vec<HonourExportRow>> {
    use super::records::{honour_row, HONOUR_ORDER_SQL, HONOUR_ROW_SQL};
    let mut stmt = conn.prepare(&format!(
        "SELECT p.name, p.id_number, p.district, {HONOUR_ROW_SQL}
         FROM honours h JOIN people p ON p.id = h.person_id
         ORDER BY p.district NULLS FIRST, p.name, p.id, {HONOUR_ORDER_SQL}"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok(HonourExportRow {
            name: r.get(0)?,
            id_number: r.get(1)?,
            district: r.get(2)?,
            honour: honour_row(r, 3)?,
        })
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// Every studio's yearly results with the studio's name, for `union export studio-results`.
pub fn all_results(conn: &Connection) -> Result<Vec<(String, super::ResultRow)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT s.name, r.year, {}, r.economic_benefit
         FROM studio_results r JOIN studios s ON s.id = r.studio_id ORDER BY s.name, r.year",
        result_counts_sql("r")
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            super::ResultRow {
                year: r.get(1)?,
                counts: result_counts_at(r, 2)?,
                economic_benefit: r.get(9)?,
            },
        ))
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

/// Every naming with its studio's name, oldest first, for `union export namings`.
pub fn all_namings(conn: &Connection) -> Result<Vec<(String, super::NamingRow)>> {
    let mut stmt = conn.prepare(
        "SELECT s.name, n.level, n.named_on, n.batch_no, n.id, n.approximate IS NOT DISTINCT FROM 1
         FROM studio_namings n JOIN studios s ON s.id = n.studio_id
         ORDER BY n.named_on, n.level, s.name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            super::NamingRow {
                level: r.get(1)?,
                named_on: r.get(2)?,
                batch_no: r.get(3)?,
                id: r.get(4)?,
                approximate: r.get(5)?,
            },
        ))
    })?;
    Ok(rows.collect::<super::db::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::PersonStatus;
    use chrono::NaiveDate;

    /// The SQL the reports count with agrees with the domain's definitions on every status,
    /// with no date and with a date before, on and after the day asked about.
    #[test]
    fn the_reports_sql_is_the_domains_alive_and_retired() {
        let conn = Connection::open_in_memory().unwrap();
        let day = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let dates = [None, day.pred_opt(), Some(day), day.succ_opt()];
        let sql = format!(
            "SELECT {}, {} FROM (SELECT ?1 AS status, ?3 AS died_on, ?4 AS retired_on) p",
            alive_at_end(),
            retired_at_end()
        );
        for status in PersonStatus::ALL.iter().copied() {
            for since in dates {
                let (alive, retired): (bool, bool) = conn
                    .query_row(
                        &sql,
                        params![
                            status.zh(),
                            day.to_string(),
                            since.map(|d| d.to_string()),
                            since.map(|d| d.to_string())
                        ],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .unwrap();
                assert_eq!(
                    alive,
                    !person::dead_by(status, since, day),
                    "{status:?} {since:?}"
                );
                assert_eq!(
                    retired,
                    person::retired_by(status, since, day),
                    "{status:?} {since:?}"
                );
            }
        }
    }
}
