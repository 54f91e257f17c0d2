//! Studio naming rules (SPEC §6.1, the Wuxi 2.0 management measures) as pure functions: a studio's
//! fact sheet, a target level, a date and the [`Policy`] in force on it go in; one [`Verdict`]
//! per rule comes out, with the facts and parameters it used and, when it fails, the gap. The
//! words are in `crate::i18n::eligibility`; nothing here reads the clock.

use chrono::{Datelike, Months, NaiveDate};

use super::codes::{
    EightHave, EightHaves, HonourKind, Level, PersonStatus, RevocationCase, StudioKind, StudioLevel,
};
use super::person;
pub use super::person::Honour;
use super::policy::{self, Dated, Param, Parity, Policy};
use super::values::Money;

#[derive(Debug, Clone, PartialEq)]
pub struct Leader {
    pub name: String,
    pub status: PersonStatus,
    pub retired_on: Option<NaiveDate>,
    pub died_on: Option<NaiveDate>,
    /// 调离日期: the leader left for another employer or region.
    pub transferred_on: Option<NaiveDate>,
    pub honours: Vec<Honour>,
}

impl Leader {
    /// Deceased on `date`: died on or before it, or on file as 去世 with no date.
    pub fn deceased_on(&self, date: NaiveDate) -> bool {
        person::dead_by(self.status, self.died_on, date)
    }

    /// Transferred out on or before `date`.
    pub fn transferred_by(&self, date: NaiveDate) -> bool {
        self.transferred_on.is_some_and(|d| d <= date)
    }

    pub fn retired_on_date(&self, date: NaiveDate) -> bool {
        person::retired_by(self.status, self.retired_on, date)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Naming {
    pub level: StudioLevel,
    pub named_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revocation {
    pub revoked_on: NaiveDate,
    pub case: RevocationCase,
}

/// A studio's yearly results, as far as the rules need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearResult {
    pub year: i32,
    pub invention_patents: i64,
    pub trained: i64,
    pub economic_benefit: Money,
}

/// Everything the rules know about a studio.
#[derive(Debug, Clone, PartialEq)]
pub struct StudioFacts {
    pub name: String,
    pub kind: StudioKind,
    /// The 八有 criteria (有劳模 … 有成效).
    pub eight: EightHaves,
    pub team_size: Option<i64>,
    pub leader: Leader,
    pub namings: Vec<Naming>,
    pub revocations: Vec<Revocation>,
    pub results: Vec<YearResult>,
}

impl StudioFacts {
    /// Namings in force on `date`: made on or before it and not revoked since.
    pub fn namings_in_force(&self, date: NaiveDate) -> Vec<Naming> {
        self.namings
            .iter()
            .filter(|n| n.named_on <= date)
            .filter(|n| {
                !self
                    .revocations
                    .iter()
                    .any(|r| r.revoked_on >= n.named_on && r.revoked_on <= date)
            })
            .copied()
            .collect()
    }

    /// The naming at `level` in the spell `date` falls in, if any: a spell runs from one
    /// revocation to the next (a naming on the day of a revocation is revoked by it, so it
    /// belongs to the spell before). A studio is named at a level once per spell, so a second
    /// naming at the same level in the same spell is the same naming with another date.
    pub fn naming_in_spell(&self, level: StudioLevel, date: NaiveDate) -> Option<Naming> {
        let start = self
            .revocations
            .iter()
            .map(|r| r.revoked_on)
            .filter(|d| *d < date)
            .max();
        let end = self
            .revocations
            .iter()
            .map(|r| r.revoked_on)
            .filter(|d| *d >= date)
            .min();
        self.namings
            .iter()
            .filter(|n| n.level == level)
            .filter(|n| start.is_none_or(|s| n.named_on > s))
            .filter(|n| end.is_none_or(|e| n.named_on <= e))
            .min_by_key(|n| n.named_on)
            .copied()
    }

    /// The highest naming in force on `date`.
    pub fn current(&self, date: NaiveDate) -> Option<Naming> {
        self.namings_in_force(date)
            .into_iter()
            .max_by_key(|n| n.level)
    }
}

/// The level after `current` (district when never named).
pub fn next_level(current: Option<StudioLevel>) -> Option<StudioLevel> {
    let all = StudioLevel::ALL;
    match current {
        None => Some(StudioLevel::District),
        Some(l) => all
            .iter()
            .position(|x| *x == l)
            .and_then(|i| all.get(i + 1))
            .copied(),
    }
}

/// Which rule a verdict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    EightHaves,
    LeaderTitle,
    LeaderAlive,
    NotRevoked,
    NotYetNamed,
    PriorLevel,
    TeamSize,
    LastYearResults,
    YearsNamed,
    Benefit,
    Training,
    NamingYear,
}

impl Rule {
    /// The stable code (JSON, tests).
    pub fn code(self) -> &'static str {
        match self {
            Rule::EightHaves => "eight_haves",
            Rule::LeaderTitle => "leader_title",
            Rule::LeaderAlive => "leader_alive",
            Rule::NotRevoked => "not_revoked",
            Rule::NotYetNamed => "not_yet_named",
            Rule::PriorLevel => "prior_level",
            Rule::TeamSize => "team_size",
            Rule::LastYearResults => "last_year_results",
            Rule::YearsNamed => "years_named",
            Rule::Benefit => "benefit",
            Rule::Training => "training",
            Rule::NamingYear => "naming_year",
        }
    }
}

/// A time still to wait: whole months, then days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub months: u32,
    pub days: i64,
}

/// The time from `from` until `to` (`to` after `from`): as many whole months as fit, then days.
/// Computed directly, with no loop to get stuck in: the months between the two calendar months,
/// one fewer when adding them overshoots `to` (the day of the month not yet reached; a day
/// past a month's end counts as its last day, so 31 January plus one month is 28 February).
pub fn span(from: NaiveDate, to: NaiveDate) -> Span {
    let calendar = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let plus = |m: u32| from.checked_add_months(Months::new(m));
    let mut months = u32::try_from(calendar).unwrap_or(0);
    if plus(months).is_none_or(|d| d > to) {
        months = months.saturating_sub(1);
    }
    let base = plus(months).unwrap_or(from);
    Span {
        months,
        days: (to - base).num_days(),
    }
}

/// What a rule found: the facts it looked at, which say both why it passed and, when it did
/// not, the gap.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// The 八有 criteria the studio's kind requires, and those not met.
    EightHaves {
        required: Vec<EightHave>,
        missing: Vec<EightHave>,
    },
    /// The leader needs a model title of at least `model_min` or a medal of at least
    /// `medal_min`; `best` is the honour that qualifies, or else the highest held.
    LeaderTitle {
        model_min: Level,
        medal_min: Level,
        best: Option<Honour>,
    },
    LeaderAlive {
        name: String,
        died_on: Option<NaiveDate>,
        deceased: bool,
    },
    /// The latest revocation, the date re-application opens and the wait left.
    NotRevoked {
        last: Option<Revocation>,
        until: Option<NaiveDate>,
        short: Option<Span>,
    },
    NotYetNamed {
        held: Option<Naming>,
    },
    PriorLevel {
        need: StudioLevel,
        held: Option<Naming>,
    },
    TeamSize {
        size: Option<i64>,
        min: i64,
    },
    LastYearResults {
        year: i32,
    },
    YearsNamed {
        years: i64,
        city: Option<Naming>,
        due: Option<NaiveDate>,
        short: Option<Span>,
    },
    Benefit {
        from_year: i32,
        to_year: i32,
        benefit: Money,
        min_benefit: Money,
        inventions: i64,
        min_inventions: i64,
    },
    Training {
        from_year: i32,
        to_year: i32,
        trained: i64,
        min: i64,
    },
    NamingYear {
        year: i32,
        parity: Parity,
    },
}

/// One rule's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub rule: Rule,
    pub passed: bool,
    pub finding: Finding,
    /// The parameter values the rule used, with their references.
    pub params: Vec<Dated>,
}

/// Every rule's verdict for a studio applying at `level` on `date`.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub level: StudioLevel,
    pub date: NaiveDate,
    pub verdicts: Vec<Verdict>,
    /// The naming at `level` the studio already has in the spell `date` falls in (see
    /// [`StudioFacts::naming_in_spell`]): naming it again would record one naming twice, which
    /// no `--force` overrides.
    pub already_named: Option<Naming>,
}

impl Judgement {
    pub fn eligible(&self) -> bool {
        self.verdicts.iter().all(|v| v.passed)
    }
}

/// Judges a studio applying at `level` on `date` under `policy` (the parameters in force then).
pub fn judge(s: &StudioFacts, level: StudioLevel, date: NaiveDate, policy: &Policy) -> Judgement {
    let mut out = Vec::new();
    let mut push = |rule, passed, finding, params: &[&str]| {
        out.push(Verdict {
            rule,
            passed,
            finding,
            params: params
                .iter()
                .filter_map(|k| policy.named(k).cloned())
                .collect(),
        })
    };
    let model_studio = s.kind == StudioKind::Model;

    // 八有 (职工 and 工匠 studios: without 有劳模).
    let required: Vec<EightHave> = EightHave::ALL
        .into_iter()
        .filter(|h| model_studio || *h != EightHave::Model)
        .collect();
    let missing: Vec<EightHave> = required
        .iter()
        .copied()
        .filter(|h| s.eight[*h] != Some(true))
        .collect();
    push(
        Rule::EightHaves,
        missing.is_empty(),
        Finding::EightHaves { required, missing },
        &[],
    );

    // The leader's title (劳模 studios only).
    if model_studio {
        let (model_min, medal_min) = if level >= StudioLevel::City {
            (Level::City, Level::Provincial)
        } else {
            (Level::District, Level::City)
        };
        let qualifies = |h: &Honour| match h.kind {
            HonourKind::Model => h.level >= Some(model_min),
            HonourKind::Medal => h.level >= Some(medal_min),
            _ => false,
        };
        let rank = |h: &&Honour| (qualifies(h), h.kind == HonourKind::Model, h.level);
        let best = s
            .leader
            .honours
            .iter()
            .filter(|h| h.held_on(date) && h.title.is_some())
            .max_by_key(rank)
            .copied();
        push(
            Rule::LeaderTitle,
            best.as_ref().is_some_and(qualifies),
            Finding::LeaderTitle {
                model_min,
                medal_min,
                best,
            },
            &[],
        );
    }

    push(
        Rule::LeaderAlive,
        !s.leader.deceased_on(date),
        Finding::LeaderAlive {
            name: s.leader.name.clone(),
            died_on: s.leader.died_on,
            deceased: s.leader.deceased_on(date),
        },
        &[],
    );

    // Not revoked, or revoked long enough ago: the wait of the latest revocation's case (its
    // own, or the general one).
    let last = s
        .revocations
        .iter()
        .filter(|r| r.revoked_on <= date)
        .max_by_key(|r| r.revoked_on)
        .copied();
    let (wait, wait_param) = match last {
        Some(r) => {
            let (years, d) = policy.reapply_wait(r.case);
            (years, d.key.clone())
        }
        None => (
            policy.int(policy::REAPPLY_WAIT_YEARS),
            policy::REAPPLY_WAIT_YEARS.key.to_string(),
        ),
    };
    let until = last.and_then(|r| add_years(r.revoked_on, wait));
    let short = until.filter(|u| *u > date).map(|u| span(date, u));
    push(
        Rule::NotRevoked,
        short.is_none(),
        Finding::NotRevoked { last, until, short },
        &[wait_param.as_str()],
    );

    // Not already named at this level or above.
    let in_force = s.namings_in_force(date);
    let held = in_force
        .iter()
        .filter(|n| n.level >= level)
        .max_by_key(|n| n.level)
        .copied();
    push(
        Rule::NotYetNamed,
        held.is_none(),
        Finding::NotYetNamed { held },
        &[],
    );

    // Above 市级示范性, the level below must be held.
    if level > StudioLevel::CityDemo {
        let need = StudioLevel::ALL[StudioLevel::ALL
            .iter()
            .position(|l| *l == level)
            .unwrap_or(1)
            - 1];
        let held = in_force.iter().find(|n| n.level == need).copied();
        push(
            Rule::PriorLevel,
            held.is_some(),
            Finding::PriorLevel { need, held },
            &[],
        );
    }

    if level >= StudioLevel::City {
        let min = policy.int(policy::CITY_MIN_TEAM);
        push(
            Rule::TeamSize,
            s.team_size.is_some_and(|t| t >= min),
            Finding::TeamSize {
                size: s.team_size,
                min,
            },
            &[policy::CITY_MIN_TEAM.key],
        );
        let year = date.year() - 1;
        push(
            Rule::LastYearResults,
            s.results.iter().any(|r| r.year == year),
            Finding::LastYearResults { year },
            &[],
        );
    }

    if level >= StudioLevel::CityDemo {
        let years = policy.int(policy::DEMO_MIN_YEARS);
        let city = in_force
            .iter()
            .filter(|n| n.level == StudioLevel::City)
            .min_by_key(|n| n.named_on)
            .copied();
        let due = city.and_then(|n| add_years(n.named_on, years));
        let short = due.filter(|d| *d > date).map(|d| span(date, d));
        push(
            Rule::YearsNamed,
            due.is_some() && short.is_none(),
            Finding::YearsNamed {
                years,
                city,
                due,
                short,
            },
            &[policy::DEMO_MIN_YEARS.key],
        );

        let (from_year, to_year) = (date.year() - 2, date.year() - 1);
        let window = s
            .results
            .iter()
            .filter(|r| (from_year..=to_year).contains(&r.year));
        let benefit = Money::from_fen(window.clone().map(|r| r.economic_benefit.fen()).sum());
        let inventions: i64 = window.clone().map(|r| r.invention_patents).sum();
        let trained: i64 = window.map(|r| r.trained).sum();
        let min_benefit = policy.money(policy::DEMO_MIN_BENEFIT);
        let min_inventions = policy.int(policy::DEMO_MIN_INVENTIONS);
        push(
            Rule::Benefit,
            benefit >= min_benefit || inventions >= min_inventions,
            Finding::Benefit {
                from_year,
                to_year,
                benefit,
                min_benefit,
                inventions,
                min_inventions,
            },
            &[
                policy::DEMO_MIN_BENEFIT.key,
                policy::DEMO_MIN_INVENTIONS.key,
            ],
        );
        let min = policy.int(policy::DEMO_MIN_TRAINED);
        push(
            Rule::Training,
            trained >= min,
            Finding::Training {
                from_year,
                to_year,
                trained,
                min,
            },
            &[policy::DEMO_MIN_TRAINED.key],
        );
        let parity = policy.parity(policy::DEMO_PARITY);
        push(
            Rule::NamingYear,
            parity.holds(date.year()),
            Finding::NamingYear {
                year: date.year(),
                parity,
            },
            &[policy::DEMO_PARITY.key],
        );
    }

    Judgement {
        level,
        date,
        verdicts: out,
        already_named: s.naming_in_spell(level, date),
    }
}

/// What `studio check` points out about a studio on a date, besides the rules of its next level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warning {
    /// The leader has died (by `date`).
    LeaderDeceased,
    /// The leader has moved to another employer or region.
    LeaderTransferred,
    /// The leader has retired.
    LeaderRetired,
    /// The latest revocation left the studio with no naming in force.
    Revoked,
    /// The latest revocation was for the leader no longer qualifying or leaving (case 1).
    LeaderLeft,
}

/// The warnings for a studio on `date`, in the order `studio check` lists them: at most one
/// about the leader (deceased before transferred before retired), then the latest revocation's.
pub fn warnings(s: &StudioFacts, date: NaiveDate) -> Vec<Warning> {
    let mut out = Vec::new();
    if s.leader.deceased_on(date) {
        out.push(Warning::LeaderDeceased);
    } else if s.leader.transferred_by(date) {
        out.push(Warning::LeaderTransferred);
    } else if s.leader.retired_on_date(date) {
        out.push(Warning::LeaderRetired);
    }
    let last_revocation = s
        .revocations
        .iter()
        .filter(|r| r.revoked_on <= date)
        .max_by_key(|r| r.revoked_on);
    if let Some(r) = last_revocation {
        if s.current(date).is_none() {
            out.push(Warning::Revoked);
        }
        if r.case == RevocationCase::LeaderIneligible {
            out.push(Warning::LeaderLeft);
        }
    }
    out
}

/// `date` plus whole years (29 February becomes 28 February in a common year).
pub fn add_years(date: NaiveDate, years: i64) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(u32::try_from(years.checked_mul(12)?).ok()?))
}

/// The one-time subsidy parameter for naming at `level`, if that level carries one.
/// The one-time subsidy a studio of `kind` named at `level` is paid under `policy`: the
/// standard's parameter, none for a kind `subsidy.studio.kinds` does not list (the source
/// states the subsidies for 劳模创新工作室).
pub fn subsidy_for(kind: StudioKind, level: StudioLevel, policy: &Policy) -> Option<Param<Money>> {
    subsidy_key(level).filter(|_| policy.kinds(policy::SUBSIDY_KINDS).contains(&kind))
}

pub fn subsidy_key(level: StudioLevel) -> Option<Param<Money>> {
    match level {
        StudioLevel::City => Some(policy::SUBSIDY_CITY),
        StudioLevel::CityDemo => Some(policy::SUBSIDY_CITY_DEMO),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::Title;
    use crate::domain::policy::{Dated, CITY_MIN_TEAM};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn studio(kind: StudioKind, title: Option<Title>) -> StudioFacts {
        StudioFacts {
            name: "测试工作室".into(),
            kind,
            eight: [Some(true); 8],
            team_size: Some(5),
            leader: Leader {
                name: "张三".into(),
                status: PersonStatus::Active,
                retired_on: None,
                died_on: None,
                transferred_on: None,
                honours: title
                    .map(|t| Honour::new(t, Some(2015)))
                    .into_iter()
                    .collect(),
            },
            namings: vec![],
            revocations: vec![],
            results: vec![
                YearResult {
                    year: 2024,
                    invention_patents: 1,
                    trained: 60,
                    economic_benefit: Money::from_fen(0),
                },
                YearResult {
                    year: 2025,
                    invention_patents: 0,
                    trained: 60,
                    economic_benefit: Money::from_fen(0),
                },
            ],
        }
    }

    fn rule(j: &Judgement, r: Rule) -> &Verdict {
        j.verdicts
            .iter()
            .find(|v| v.rule == r)
            .expect("rule present")
    }

    fn judge_at(s: &StudioFacts, level: StudioLevel, date: &str) -> Judgement {
        judge(s, level, d(date), &Policy::defaults(d(date)))
    }

    #[test]
    fn a_leader_is_transferred_from_the_day_of_transfer() {
        let mut s = studio(StudioKind::Model, Some(Title::CityModel));
        assert!(!s.leader.transferred_by(d("2026-03-01")));
        s.leader.transferred_on = Some(d("2026-03-01"));
        assert!(!s.leader.transferred_by(d("2026-02-28")));
        assert!(s.leader.transferred_by(d("2026-03-01")));
        assert!(s.leader.transferred_by(d("2027-01-01")));
    }

    #[test]
    fn a_level_is_named_once_per_spell_and_a_revocation_starts_the_next() {
        let mut s = studio(StudioKind::Model, Some(Title::CityModel));
        let city = |on: &str| Naming {
            level: StudioLevel::City,
            named_on: d(on),
        };
        s.namings = vec![city("2020-05-20"), city("2024-03-02")];
        s.namings.push(Naming {
            level: StudioLevel::District,
            named_on: d("2019-01-01"),
        });
        s.revocations = vec![Revocation {
            revoked_on: d("2023-03-01"),
            case: RevocationCase::FailedReview,
        }];
        fn held(s: &StudioFacts, on: &str) -> Option<NaiveDate> {
            s.naming_in_spell(StudioLevel::City, d(on))
                .map(|n| n.named_on)
        }
        // The first spell runs up to the revocation day itself (a naming that day is revoked).
        assert_eq!(held(&s, "2018-01-01"), Some(d("2020-05-20")));
        assert_eq!(held(&s, "2023-03-01"), Some(d("2020-05-20")));
        // The next spell starts the day after it.
        assert_eq!(held(&s, "2023-03-02"), Some(d("2024-03-02")));
        assert_eq!(held(&s, "2030-01-01"), Some(d("2024-03-02")));
        // Another level is not held; without namings at the level, nothing is.
        assert_eq!(
            s.naming_in_spell(StudioLevel::CityDemo, d("2024-06-01")),
            None
        );
        // The earliest naming of a spell is the one on file.
        s.namings.push(city("2021-01-01"));
        assert_eq!(held(&s, "2022-01-01"), Some(d("2020-05-20")));
        // A naming the day after a revocation is in the new spell, one on the day in the old.
        s.namings = vec![city("2023-03-01")];
        assert_eq!(held(&s, "2023-03-02"), None);
        assert_eq!(held(&s, "2023-03-01"), Some(d("2023-03-01")));
        s.namings = vec![city("2023-03-02")];
        assert_eq!(held(&s, "2023-03-01"), None);
        assert_eq!(held(&s, "2023-03-02"), Some(d("2023-03-02")));
    }

    #[test]
    fn the_judge_says_when_the_level_is_already_named_in_the_spell() {
        let mut s = studio(StudioKind::Model, Some(Title::CityModel));
        s.namings = vec![Naming {
            level: StudioLevel::City,
            named_on: d("2024-03-02"),
        }];
        // A naming dated later in the same spell is the same naming: already named.
        let j = judge_at(&s, StudioLevel::City, "2024-01-01");
        assert_eq!(j.already_named, s.namings.first().copied());
        assert!(rule(&j, Rule::NotYetNamed).passed);
        assert_eq!(
            judge_at(&s, StudioLevel::CityDemo, "2024-01-01").already_named,
            None
        );
        s.revocations = vec![Revocation {
            revoked_on: d("2025-01-01"),
            case: RevocationCase::FailedReview,
        }];
        assert_eq!(
            judge_at(&s, StudioLevel::City, "2025-01-02").already_named,
            None
        );
    }

    #[test]
    fn warnings_about_the_leader_then_the_latest_revocation() {
        use Warning::*;
        let on = d("2026-03-01");
        let mut s = studio(StudioKind::Model, Some(Title::CityModel));
        assert_eq!(warnings(&s, on), vec![]);
        s.leader.retired_on = Some(on);
        assert_eq!(warnings(&s, on), vec![LeaderRetired]);
        assert_eq!(warnings(&s, d("2026-02-28")), vec![]);
        s.leader.transferred_on = Some(on);
        assert_eq!(warnings(&s, on), vec![LeaderTransferred]);
        s.leader.died_on = Some(on);
        assert_eq!(warnings(&s, on), vec![LeaderDeceased]);
        assert_eq!(warnings(&s, d("2026-02-28")), vec![]);
        s.leader = studio(StudioKind::Model, None).leader;
        // A revocation leaving no naming in force; its case 1 says the leader left.
        s.namings = vec![Naming {
            level: StudioLevel::District,
            named_on: d("2020-01-01"),
        }];
        s.revocations = vec![Revocation {
            revoked_on: on,
            case: RevocationCase::LeaderIneligible,
        }];
        assert_eq!(warnings(&s, d("2026-02-28")), vec![]);
        assert_eq!(warnings(&s, on), vec![Revoked, LeaderLeft]);
        // Named again since: no longer revoked, but the latest revocation's case stays.
        s.namings.push(Naming {
            level: StudioLevel::District,
            named_on: d("2026-06-01"),
        });
        assert_eq!(warnings(&s, d("2026-07-01")), vec![LeaderLeft]);
        // Only the latest revocation counts.
        s.revocations.push(Revocation {
            revoked_on: d("2026-05-01"),
            case: RevocationCase::FailedReview,
        });
        assert_eq!(warnings(&s, d("2026-05-02")), vec![Revoked]);
        assert_eq!(warnings(&s, d("2026-07-01")), vec![]);
    }

    #[test]
    fn leader_titles_by_level_for_model_studios() {
        use Title::*;
        // (title, qualifies at district, qualifies at city)
        let cases = [
            (NationalModel, true, true),
            (NationalAdvanced, true, true),
            (ProvincialModel, true, true),
            (ProvincialAdvanced, true, true),
            (CityModel, true, true),
            (CityAdvanced, true, true),
            (DistrictModel, true, false),
            (DistrictAdvanced, true, false),
            (NationalMedal, true, true),
            (ProvincialMedal, true, true),
            (CityMedal, true, false),
        ];
        for (t, district, city) in cases {
            let s = studio(StudioKind::Model, Some(t));
            let j = judge_at(&s, StudioLevel::District, "2026-03-01");
            assert_eq!(
                rule(&j, Rule::LeaderTitle).passed,
                district,
                "{t:?} district"
            );
            let j = judge_at(&s, StudioLevel::City, "2026-03-01");
            assert_eq!(rule(&j, Rule::LeaderTitle).passed, city, "{t:?} city");
        }
        let s = studio(StudioKind::Model, None);
        assert!(
            !rule(
                &judge_at(&s, StudioLevel::District, "2026-03-01"),
                Rule::LeaderTitle
            )
            .passed
        );
    }

    #[test]
    fn worker_studios_need_no_title_and_no_model_criterion() {
        let mut s = studio(StudioKind::Worker, None);
        s.eight[EightHave::Model] = Some(false);
        let j = judge_at(&s, StudioLevel::City, "2026-03-01");
        assert!(j.verdicts.iter().all(|v| v.rule != Rule::LeaderTitle));
        assert!(j.eligible(), "{j:#?}");
        let mut m = studio(StudioKind::Model, Some(Title::CityModel));
        m.eight[EightHave::Model] = Some(false);
        let j = judge_at(&m, StudioLevel::City, "2026-03-01");
        assert_eq!(
            rule(&j, Rule::EightHaves).finding,
            Finding::EightHaves {
                required: EightHave::ALL.to_vec(),
                missing: vec![EightHave::Model]
            }
        );
    }

    #[test]
    fn team_of_five_passes_four_fails() {
        let mut s = studio(StudioKind::Worker, None);
        assert!(
            rule(
                &judge_at(&s, StudioLevel::City, "2026-03-01"),
                Rule::TeamSize
            )
            .passed
        );
        s.team_size = Some(4);
        let j = judge_at(&s, StudioLevel::City, "2026-03-01");
        assert_eq!(
            rule(&j, Rule::TeamSize).finding,
            Finding::TeamSize {
                size: Some(4),
                min: 5
            }
        );
        assert!(!j.eligible());
        // A later parameter value changes only later verdicts.
        let rows = [Dated {
            key: CITY_MIN_TEAM.key.into(),
            valid_from: d("2026-06-01"),
            value: "4".into(),
            reference: None,
        }];
        let p = Policy::in_force(&rows, d("2026-06-01"));
        assert!(judge(&s, StudioLevel::City, d("2026-06-01"), &p).eligible());
        let p = Policy::in_force(&rows, d("2026-05-31"));
        assert!(!judge(&s, StudioLevel::City, d("2026-05-31"), &p).eligible());
    }

    #[test]
    fn demonstration_needs_two_years_named_exactly() {
        let mut s = studio(StudioKind::Model, Some(Title::ProvincialModel));
        s.namings.push(Naming {
            level: StudioLevel::City,
            named_on: d("2024-03-15"),
        });
        let j = judge_at(&s, StudioLevel::CityDemo, "2026-03-15");
        assert!(rule(&j, Rule::YearsNamed).passed);
        assert!(j.eligible(), "{j:#?}");
        let j = judge_at(&s, StudioLevel::CityDemo, "2026-03-14");
        let v = rule(&j, Rule::YearsNamed);
        assert!(!v.passed);
        match &v.finding {
            Finding::YearsNamed { short, .. } => {
                assert_eq!(*short, Some(Span { months: 0, days: 1 }))
            }
            f => panic!("{f:?}"),
        }
        let j = judge_at(&s, StudioLevel::CityDemo, "2025-10-15");
        match &rule(&j, Rule::YearsNamed).finding {
            Finding::YearsNamed { short, .. } => {
                assert_eq!(*short, Some(Span { months: 5, days: 0 }))
            }
            f => panic!("{f:?}"),
        }
    }

    #[test]
    fn demonstration_years_by_parity() {
        let mut s = studio(StudioKind::Model, Some(Title::ProvincialModel));
        s.namings.push(Naming {
            level: StudioLevel::City,
            named_on: d("2020-03-15"),
        });
        s.results = (2020..2030)
            .map(|year| YearResult {
                year,
                invention_patents: 1,
                trained: 50,
                economic_benefit: Money::from_fen(0),
            })
            .collect();
        assert!(
            rule(
                &judge_at(&s, StudioLevel::CityDemo, "2026-06-01"),
                Rule::NamingYear
            )
            .passed
        );
        assert!(
            !rule(
                &judge_at(&s, StudioLevel::CityDemo, "2027-06-01"),
                Rule::NamingYear
            )
            .passed
        );
        let rows = [Dated {
            key: policy::DEMO_PARITY.key.into(),
            valid_from: d("2027-01-01"),
            value: "odd".into(),
            reference: None,
        }];
        let p = Policy::in_force(&rows, d("2027-06-01"));
        assert!(judge(&s, StudioLevel::CityDemo, d("2027-06-01"), &p).eligible());
    }

    #[test]
    fn deceased_leader_and_revocation_wait() {
        let mut s = studio(StudioKind::Model, Some(Title::CityModel));
        s.leader.status = PersonStatus::Deceased;
        s.leader.died_on = Some(d("2026-01-10"));
        assert!(judge_at(&s, StudioLevel::District, "2026-01-09").eligible());
        assert!(
            !rule(
                &judge_at(&s, StudioLevel::District, "2026-01-10"),
                Rule::LeaderAlive
            )
            .passed
        );
        let mut s = studio(StudioKind::Model, Some(Title::CityModel));
        s.namings.push(Naming {
            level: StudioLevel::District,
            named_on: d("2020-01-01"),
        });
        s.revocations.push(Revocation {
            revoked_on: d("2024-05-01"),
            case: RevocationCase::FailedReview,
        });
        assert_eq!(s.current(d("2026-01-01")), None);
        assert!(
            !rule(
                &judge_at(&s, StudioLevel::District, "2026-04-30"),
                Rule::NotRevoked
            )
            .passed
        );
        assert!(judge_at(&s, StudioLevel::District, "2026-05-01").eligible());
    }

    /// The months-then-days count as first written: add a month while it still fits. Kept here
    /// as the reference the direct computation must equal (its loop is bounded by the test's
    /// own dates).
    fn span_by_steps(from: NaiveDate, to: NaiveDate) -> Span {
        let mut months = 0u32;
        while from
            .checked_add_months(Months::new(months + 1))
            .is_some_and(|d| d <= to)
        {
            months += 1;
        }
        let base = from.checked_add_months(Months::new(months)).unwrap();
        Span {
            months,
            days: (to - base).num_days(),
        }
    }

    #[test]
    fn spans_equal_the_month_by_month_count() {
        // Every start day over two years (month ends and 29 February included), to every
        // fifth day up to three years on.
        let start = d("2023-01-01");
        for i in 0..731 {
            let from = start + chrono::Days::new(i);
            for j in (0..1100).step_by(5) {
                let to = from + chrono::Days::new(j);
                assert_eq!(span(from, to), span_by_steps(from, to), "{from} → {to}");
            }
        }
    }

    fn naming(level: StudioLevel, on: &str) -> Naming {
        Naming {
            level,
            named_on: d(on),
        }
    }

    #[test]
    fn the_subsidy_goes_to_the_kinds_the_parameter_lists() {
        let on = d("2025-01-01");
        let defaults = Policy::defaults(on);
        assert_eq!(
            subsidy_for(StudioKind::Model, StudioLevel::City, &defaults),
            Some(policy::SUBSIDY_CITY)
        );
        assert_eq!(
            subsidy_for(StudioKind::Model, StudioLevel::CityDemo, &defaults),
            Some(policy::SUBSIDY_CITY_DEMO)
        );
        assert_eq!(
            subsidy_for(StudioKind::Worker, StudioLevel::City, &defaults),
            None
        );
        assert_eq!(
            subsidy_for(StudioKind::Model, StudioLevel::District, &defaults),
            None
        );
        let both = Policy::in_force(
            &[Dated {
                key: policy::SUBSIDY_KINDS.key.into(),
                valid_from: on,
                value: "劳模创新工作室,工匠创新工作室".into(),
                reference: None,
            }],
            on,
        );
        assert_eq!(
            subsidy_for(StudioKind::Craftsman, StudioLevel::City, &both),
            Some(policy::SUBSIDY_CITY)
        );
        assert_eq!(
            subsidy_for(StudioKind::Worker, StudioLevel::City, &both),
            None
        );
    }

    #[test]
    fn an_honour_counts_from_its_year_and_a_leader_retires_on_the_day() {
        let h = |year| Honour::new(Title::CityModel, year);
        assert!(h(Some(2026)).held_on(d("2026-01-01")));
        assert!(!h(Some(2026)).held_on(d("2025-12-31")));
        assert!(h(None).held_on(d("1990-01-01")));
        let mut s = studio(StudioKind::Model, Some(Title::CityModel));
        assert!(!s.leader.retired_on_date(d("2026-03-01")));
        s.leader.retired_on = Some(d("2026-03-01"));
        assert!(!s.leader.retired_on_date(d("2026-02-28")));
        assert!(s.leader.retired_on_date(d("2026-03-01")));
        s.leader.retired_on = None;
        s.leader.status = PersonStatus::Retired;
        assert!(s.leader.retired_on_date(d("2026-03-01")));
        // A title of the application's year counts; one of the next year does not.
        s.leader.honours = vec![h(Some(2026))];
        assert!(
            rule(
                &judge_at(&s, StudioLevel::City, "2026-01-01"),
                Rule::LeaderTitle
            )
            .passed
        );
        assert!(
            !rule(
                &judge_at(&s, StudioLevel::City, "2025-12-31"),
                Rule::LeaderTitle
            )
            .passed
        );
    }

    /// The evidence names the honour that qualifies, a model title before a medal, then the
    /// highest; with none qualifying, the highest held.
    #[test]
    fn the_leaders_best_honour_is_the_one_shown() {
        let mut s = studio(StudioKind::Model, None);
        let honour = |title| Honour::new(title, Some(2015));
        let best = |s: &StudioFacts, level| match &rule(
            &judge_at(s, level, "2026-03-01"),
            Rule::LeaderTitle,
        )
        .finding
        {
            Finding::LeaderTitle { best, .. } => best.and_then(|h| h.title),
            f => panic!("{f:?}"),
        };
        s.leader.honours = vec![honour(Title::ProvincialMedal), honour(Title::CityModel)];
        assert_eq!(best(&s, StudioLevel::City), Some(Title::CityModel));
        s.leader.honours = vec![honour(Title::CityModel), honour(Title::NationalModel)];
        assert_eq!(best(&s, StudioLevel::City), Some(Title::NationalModel));
        // At 市级 a city medal does not qualify and a district title does not either: the
        // model title is shown, the district one being a model title.
        s.leader.honours = vec![honour(Title::DistrictModel), honour(Title::CityMedal)];
        assert_eq!(best(&s, StudioLevel::City), Some(Title::DistrictModel));
        assert!(
            !rule(
                &judge_at(&s, StudioLevel::City, "2026-03-01"),
                Rule::LeaderTitle
            )
            .passed
        );
        // At 区级 both qualify and the model title is shown.
        assert_eq!(best(&s, StudioLevel::District), Some(Title::DistrictModel));
    }

    #[test]
    fn a_naming_is_in_force_from_its_day_until_a_revocation() {
        let mut s = studio(StudioKind::Model, Some(Title::CityModel));
        s.namings = vec![naming(StudioLevel::District, "2020-01-01")];
        s.revocations = vec![Revocation {
            revoked_on: d("2022-01-01"),
            case: RevocationCase::FailedReview,
        }];
        assert!(s.namings_in_force(d("2019-12-31")).is_empty());
        assert_eq!(s.namings_in_force(d("2021-12-31")), s.namings);
        assert!(s.namings_in_force(d("2022-01-01")).is_empty());
        // A naming after the revocation is in force: the revocation was of an earlier one.
        s.namings.push(naming(StudioLevel::District, "2024-06-01"));
        assert_eq!(
            s.current(d("2024-06-01")),
            Some(naming(StudioLevel::District, "2024-06-01"))
        );
        assert_eq!(s.current(d("2024-05-31")), None);
    }

    /// 省级示范性 needs 市级示范性 in force and 全国 needs 省级示范性; 市级示范性 itself has no
    /// such rule (it needs years named 市级 instead).
    #[test]
    fn levels_above_city_demo_need_the_level_below() {
        let mut s = studio(StudioKind::Model, Some(Title::ProvincialModel));
        s.namings = vec![naming(StudioLevel::City, "2020-03-15")];
        let j = judge_at(&s, StudioLevel::CityDemo, "2026-03-01");
        assert!(j.verdicts.iter().all(|v| v.rule != Rule::PriorLevel));
        assert!(j.eligible(), "{j:#?}");
        let j = judge_at(&s, StudioLevel::ProvincialDemo, "2026-03-01");
        let v = rule(&j, Rule::PriorLevel);
        assert_eq!(
            (v.passed, &v.finding),
            (
                false,
                &Finding::PriorLevel {
                    need: StudioLevel::CityDemo,
                    held: None
                }
            )
        );
        assert_eq!(j.verdicts.iter().filter(|v| !v.passed).count(), 1, "{j:#?}");
        let demo = naming(StudioLevel::CityDemo, "2022-06-01");
        s.namings.push(demo);
        let j = judge_at(&s, StudioLevel::ProvincialDemo, "2026-03-01");
        assert_eq!(
            rule(&j, Rule::PriorLevel).finding,
            Finding::PriorLevel {
                need: StudioLevel::CityDemo,
                held: Some(demo)
            }
        );
        assert!(j.eligible(), "{j:#?}");
        let j = judge_at(&s, StudioLevel::National, "2026-03-01");
        assert_eq!(
            rule(&j, Rule::PriorLevel).finding,
            Finding::PriorLevel {
                need: StudioLevel::ProvincialDemo,
                held: None
            }
        );
        assert!(!j.eligible());
        let provincial = naming(StudioLevel::ProvincialDemo, "2026-03-01");
        s.namings.push(provincial);
        assert!(!judge_at(&s, StudioLevel::National, "2026-02-28").eligible());
        let j = judge_at(&s, StudioLevel::National, "2026-03-01");
        assert!(rule(&j, Rule::PriorLevel).passed);
        assert!(j.eligible(), "{j:#?}");
        assert_eq!(Rule::PriorLevel.code(), "prior_level");
    }

    /// Benefit and training count the two calendar years before the application's year.
    #[test]
    fn results_count_the_two_years_before_the_application_year() {
        let mut s = studio(StudioKind::Model, Some(Title::ProvincialModel));
        s.namings = vec![naming(StudioLevel::City, "2020-03-15")];
        let result = |year, inventions, trained, yuan: i64| YearResult {
            year,
            invention_patents: inventions,
            trained,
            economic_benefit: Money::from_fen(yuan * 100),
        };
        s.results = vec![
            result(2023, 5, 500, 5_000_000),
            result(2024, 0, 50, 500_000),
            result(2025, 0, 49, 499_999),
            result(2026, 5, 500, 5_000_000),
        ];
        let j = judge_at(&s, StudioLevel::CityDemo, "2026-03-01");
        let benefit = rule(&j, Rule::Benefit);
        assert_eq!(
            (benefit.passed, &benefit.finding),
            (
                false,
                &Finding::Benefit {
                    from_year: 2024,
                    to_year: 2025,
                    benefit: Money::from_fen(99_999_900),
                    min_benefit: Money::from_fen(100_000_000),
                    inventions: 0,
                    min_inventions: 1,
                }
            )
        );
        let training = rule(&j, Rule::Training);
        assert_eq!(
            (training.passed, &training.finding),
            (
                false,
                &Finding::Training {
                    from_year: 2024,
                    to_year: 2025,
                    trained: 99,
                    min: 100,
                }
            )
        );
        // The minimum itself passes, by benefit alone or by patents alone.
        s.results[2] = result(2025, 0, 50, 500_000);
        let j = judge_at(&s, StudioLevel::CityDemo, "2026-03-01");
        assert!(rule(&j, Rule::Benefit).passed && rule(&j, Rule::Training).passed);
        s.results[2] = result(2025, 1, 50, 0);
        assert!(
            rule(
                &judge_at(&s, StudioLevel::CityDemo, "2026-03-01"),
                Rule::Benefit
            )
            .passed
        );
        // Without 市级 the years named cannot pass; without last year's results, 市级 fails.
        s.namings.clear();
        assert!(
            !rule(
                &judge_at(&s, StudioLevel::CityDemo, "2026-03-01"),
                Rule::YearsNamed
            )
            .passed
        );
        s.results.retain(|r| r.year != 2025);
        let j = judge_at(&s, StudioLevel::City, "2026-03-01");
        assert_eq!(
            (
                rule(&j, Rule::LastYearResults).passed,
                &rule(&j, Rule::LastYearResults).finding
            ),
            (false, &Finding::LastYearResults { year: 2025 })
        );
    }

    #[test]
    fn subsidies_for_city_and_city_demo_only() {
        assert_eq!(subsidy_key(StudioLevel::City), Some(policy::SUBSIDY_CITY));
        assert_eq!(
            subsidy_key(StudioLevel::CityDemo),
            Some(policy::SUBSIDY_CITY_DEMO)
        );
        for l in [
            StudioLevel::District,
            StudioLevel::ProvincialDemo,
            StudioLevel::National,
        ] {
            assert_eq!(subsidy_key(l), None);
        }
        assert_eq!(
            next_level(Some(StudioLevel::District)),
            Some(StudioLevel::City)
        );
        assert_eq!(
            next_level(Some(StudioLevel::CityDemo)),
            Some(StudioLevel::ProvincialDemo)
        );
    }

    #[test]
    fn spans_count_months_then_days() {
        assert_eq!(
            span(d("2025-10-15"), d("2026-03-15")),
            Span { months: 5, days: 0 }
        );
        assert_eq!(
            span(d("2026-03-14"), d("2026-03-15")),
            Span { months: 0, days: 1 }
        );
        assert_eq!(
            span(d("2026-01-31"), d("2026-03-02")),
            Span { months: 1, days: 2 }
        );
        assert_eq!(
            span(d("2024-02-29"), d("2025-02-28")),
            Span {
                months: 12,
                days: 0
            }
        );
        assert_eq!(
            span(d("2023-12-20"), d("2026-01-19")),
            Span {
                months: 24,
                days: 30
            }
        );
        assert_eq!(
            span(d("2026-03-15"), d("2026-03-15")),
            Span { months: 0, days: 0 }
        );
        assert_eq!(next_level(None), Some(StudioLevel::District));
        assert_eq!(next_level(Some(StudioLevel::National)), None);
    }
}
