//! The year-end statistics table (年终统计报表, SPEC §7): every figure with a stable key, a
//! section and a label from the catalogue, computed from the store for a window (a calendar year,
//! or `--from/--to`) and optionally one district.
//!
//! Definitions ("the end" is 31 December of the year, or `--to`):
//! - people are counted if alive at the end (no date of death on or before it; 去世 without a
//!   date counts as dead), each once at their highest level; honours carry only a year and are
//!   taken as awarded on 1 January of it, so a title of year Y is held at any end in Y or later;
//! - an honour revoked (取消称号) on or before the end is not held at it; `honours.KIND.*`:
//!   living holders of the open honours (工匠, 技术能手, 标兵, 先进个人, others) by their highest
//!   level of the kind (`total` includes titles that name no level); `honours.revoked`: honours
//!   revoked in the window;
//! - `treatment.LEVEL`: living people at the end by the model treatment their honours earn
//!   under the treatment table in force at the end (a model title at its level, 全国五一劳动奖章
//!   as provincial …); `treatment.allowance.people`: the retired among them at or above
//!   `allowance.honor.min_level`, and `.monthly` the sum of their monthly standards;
//! - `models.new`: models whose first model title is dated in the window; `models.retired`:
//!   living models retired at the end (retirement date on or before it, or 退休 with no date);
//! - `studios.LEVEL`: studios whose highest naming dated up to the end and after their latest
//!   revocation up to the end is LEVEL; `studios.named.LEVEL`: namings dated in the window;
//!   `studios.batches.LEVEL`: distinct batch numbers of namings at LEVEL dated up to the end (a
//!   naming without a batch number counts as a batch of its own date); `studios.revoked`:
//!   studios with a revocation dated in the window; `studios.results.*`: the yearly results of
//!   the years whose 31 December falls in the window (year Y for a calendar year);
//!   `studios.subsidy_amount`: studio subsidies paid in the window;
//! - enterprises are counted as they are on file (the ledger keeps no history of 是否建会);
//!   `agreements.enterprises`: unionised enterprises with an agreement in force on at least
//!   one day of the window; `agreements.coverage_rate` = that ÷ `enterprises.with_union`, in
//!   percent, rounded half up to one decimal (0.0 when no enterprise is unionised);
//!   `agreements.workers_covered`: per such enterprise, the workers covered by its latest
//!   agreement in force in the window (a renewal within the window is not counted twice);
//!   `agreements.fortune500`: Fortune Global 500 enterprises among `agreements.enterprises`;
//!   `women_contract.rate`: unionised enterprises with a women's special contract ÷
//!   `enterprises.with_union`;
//! - `payouts.CATEGORY.*`: payouts paid in the window; `people` counts distinct recipients (a
//!   studio for studio subsidies); `--district` takes the recipient's district;
//! - `hardship.open`: people (not files) with a file opened on or before the end and not closed
//!   by it, alive at the end (by type: `hardship.open.TYPE`); `hardship.opened` /
//!   `hardship.closed`: files opened / closed in the window.

use crate::i18n::Lang;
use crate::store::db::Connection;
use anyhow::Result;
use chrono::{Datelike, Days, Months, NaiveDate};
use std::io::Write;
use std::path::Path;

use super::render::{self, Column, Format, Records, Val};
use crate::domain::codes::{
    CarrierLevel, HardshipType, HonourKind, Level, PayoutCategory, ResultMetric, StudioLevel,
    UnionForm,
};
use crate::domain::{person, policy};
use crate::i18n::{self, say, Label, Msg};
use crate::store;
use crate::store::report::{self as agg, PayoutGrouping, Scope};

/// The reporting window, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Window {
    /// The calendar year `y`.
    pub fn year(y: i32) -> Window {
        Window {
            from: NaiveDate::from_ymd_opt(y, 1, 1).expect("1 January exists"),
            to: NaiveDate::from_ymd_opt(y, 12, 31).expect("31 December exists"),
        }
    }

    /// The year when the window is exactly one calendar year.
    pub fn calendar_year(&self) -> Option<i32> {
        (*self == Window::year(self.from.year())).then_some(self.from.year())
    }

    /// The same window a year before: the calendar year before, or `--from/--to` shifted back
    /// twelve months (the days before and after the window are shifted, so that a window ending
    /// on the last day of February a year after a leap year ends on the 29th).
    pub fn year_before(&self) -> Window {
        let day = Days::new(1);
        let back = |d: NaiveDate| {
            d.checked_sub_months(Months::new(12))
                .expect("a date a year before exists")
        };
        Window {
            from: back(self.from - day) + day,
            to: back(self.to + day) - day,
        }
    }

    /// What the store needs to count this window in `district`.
    pub fn scope(&self, district: Option<&str>) -> Scope {
        let (from, to) = (self.from, self.to);
        let award_lo = if from.ordinal() == 1 {
            from.year()
        } else {
            from.year() + 1
        };
        let result_hi = if to.month() == 12 && to.day() == 31 {
            to.year()
        } else {
            to.year() - 1
        };
        Scope {
            from: from.to_string(),
            to: to.to_string(),
            district: district.map(str::to_string),
            held_through: to.year(),
            award_years: (award_lo, to.year()),
            result_years: (from.year(), result_hi),
        }
    }
}

/// 净增农工会员: migrant-worker members as of the window's end less those as of the day before it
/// opens, each union by its latest figure dated on or before the day (a union with none then
/// counting 0).
fn migrant_net_new(conn: &Connection, window: &Window, scope: &Scope) -> Result<i64> {
    let district = scope.district.as_deref();
    let at_end = agg::migrant_members_on(conn, district, &scope.to)?;
    let before = match window.from.pred_opt() {
        Some(day) => agg::migrant_members_on(conn, district, &day.to_string())?,
        None => 0,
    };
    Ok(at_end - before)
}

/// One figure of the table.
#[derive(Debug, Clone)]
pub struct Figure {
    pub key: String,
    pub section: Msg,
    pub label: String,
    pub value: Val,
}

/// The computed table.
#[derive(Debug, Clone)]
pub struct YearEnd {
    pub window: Window,
    pub district: Option<String>,
    pub figures: Vec<Figure>,
    /// Payouts per category (every category, in the catalogue's order), for the chart.
    pub by_category: Vec<(PayoutCategory, agg::PayoutSum)>,
}

/// `num / den` in percent, in tenths, rounded half up; 0 when `den` is 0. Integers only.
pub fn rate_tenths(num: i64, den: i64) -> i64 {
    if den <= 0 {
        return 0;
    }
    (num * 2000 + den) / (2 * den)
}

/// How a figure changed from `before` to `now`: the difference, as the same kind of value, and
/// for counts and money with a value before that is not zero, the change in percent in tenths,
/// rounded half away from zero. A rate changes in percentage points only. `None` when the two
/// are not numbers of one kind.
pub fn change(now: &Val, before: &Val) -> Option<(Val, Option<i64>)> {
    let (diff, base) = match (now, before) {
        (Val::Int(a), Val::Int(b)) => (Val::Int(a - b), Some((a - b, *b))),
        (Val::Money(a), Val::Money(b)) => (Val::Money(a - b), Some((a - b, *b))),
        (Val::Tenths(a), Val::Tenths(b)) => (Val::Tenths(a - b), None),
        _ => return None,
    };
    let percent = base
        .filter(|(_, b)| *b != 0)
        .map(|(d, b)| d.signum() * rate_tenths(d.abs(), b.abs()));
    Some((diff, percent))
}

/// The key part of a studio level: `city-demo` → `city_demo`.
fn level_key(l: StudioLevel) -> String {
    l.code().replace('-', "_")
}

/// Living people at `end` by the model treatment their honours earn, and the retired among
/// them owed the honour allowance with its monthly standard summed (fen).
#[derive(Debug, Default)]
struct TreatmentFigures {
    by_level: [i64; 5],
    allowance_people: i64,
    allowance_monthly: i64,
}

fn treatment_figures(
    conn: &Connection,
    end: NaiveDate,
    district: Option<&str>,
) -> Result<TreatmentFigures> {
    let policy = crate::store::policy_on(conn, end)?;
    let min = policy.level(policy::ALLOWANCE_MIN_LEVEL);
    let mut f = TreatmentFigures::default();
    crate::store::each_roster_person(conn, |p| {
        let who = &p.facts;
        if district.is_some_and(|d| p.district.as_deref() != Some(d))
            || person::dead_by(who.status, who.died_on, end)
        {
            return Ok(());
        }
        let Some(level) = who.treatment_level(end, &policy) else {
            return Ok(());
        };
        f.by_level[level as usize] += 1;
        if level >= min && who.retired_on_date(end) {
            f.allowance_people += 1;
            if let Some(key) = policy::allowance_key(level) {
                f.allowance_monthly += policy.money(key).fen();
            }
        }
        Ok(())
    })?;
    Ok(f)
}

/// Computes every figure of the table.
pub fn compute(
    lang: Lang,
    conn: &Connection,
    window: Window,
    district: Option<&str>,
) -> Result<YearEnd> {
    let scope = window.scope(district);
    let mut figs: Vec<Figure> = Vec::new();
    let mut push = |key: String, section: Msg, label: String, value: Val| {
        figs.push(Figure {
            key,
            section,
            label,
            value,
        })
    };

    // Labour models and medals.
    let p = agg::people_figures(conn, &scope)?;
    let s = Msg::SecModels;
    let m = &p.models;
    for (key, label, n) in [
        (
            "models.total",
            Msg::FigModelsTotal,
            m[1] + m[2] + m[3] + m[4],
        ),
        ("models.national", Msg::FigModelsNational, m[4]),
        ("models.provincial", Msg::FigModelsProvincial, m[3]),
        ("models.city", Msg::FigModelsCity, m[2]),
        ("models.district", Msg::FigModelsDistrict, m[1]),
        (
            "models.city_and_above",
            Msg::FigModelsCityAndAbove,
            m[2] + m[3] + m[4],
        ),
        ("models.new", Msg::FigModelsNew, p.new_models),
        ("models.retired", Msg::FigModelsRetired, p.retired_models),
    ] {
        push(key.into(), s, label.text(lang).into(), Val::Int(n));
    }
    for &l in Level::ALL.iter().rev() {
        push(
            format!("models.new.{}", l.code()),
            s,
            say::FigModelsNewAt {
                level: &l.label(lang),
            }
            .text(lang),
            Val::Int(p.new_by_level[l as usize]),
        );
    }
    for (key, label, n) in [
        ("medals.national", Msg::FigMedalsNational, p.medals[4]),
        ("medals.provincial", Msg::FigMedalsProvincial, p.medals[3]),
        ("medals.city", Msg::FigMedalsCity, p.medals[2]),
        ("medals.district", Msg::FigMedalsDistrict, p.medals[1]),
    ] {
        push(
            key.into(),
            Msg::SecMedals,
            label.text(lang).into(),
            Val::Int(n),
        );
    }

    // The open vocabulary of honours (工匠, 技术能手, 标兵 …), and revocations.
    let s = Msg::SecHonours;
    let open = agg::open_honour_figures(conn, &scope)?;
    for &kind in HonourKind::OPEN {
        let n = open
            .iter()
            .find(|(k, _)| k == kind.code())
            .map_or([0; 5], |(_, n)| *n);
        let word = kind.label(lang);
        push(
            format!("honours.{}.total", kind.code()),
            s,
            say::FigHonoursKind { kind: &word }.text(lang),
            Val::Int(n.iter().sum()),
        );
        for &level in Level::ALL.iter().rev() {
            push(
                format!("honours.{}.{}", kind.code(), level.code()),
                s,
                say::FigHonoursKindLevel {
                    kind: &word,
                    level: &level.label(lang),
                }
                .text(lang),
                Val::Int(n[level as usize]),
            );
        }
    }
    push(
        "honours.revoked".into(),
        s,
        Msg::FigHonoursRevoked.text(lang).into(),
        Val::Int(agg::honours_revoked(conn, &scope)?),
    );

    // Model treatment by the treatment table in force at the end (medals and other honours
    // included), and the honour allowance owed for the end's month.
    let t = treatment_figures(conn, window.to, district)?;
    let s = Msg::SecTreatment;
    for &level in Level::ALL.iter().rev() {
        push(
            format!("treatment.{}", level.code()),
            s,
            say::FigTreatmentAt {
                level: &level.label(lang),
            }
            .text(lang),
            Val::Int(t.by_level[level as usize]),
        );
    }
    push(
        "treatment.allowance.people".into(),
        s,
        Msg::FigAllowancePeople.text(lang).into(),
        Val::Int(t.allowance_people),
    );
    push(
        "treatment.allowance.monthly".into(),
        s,
        Msg::FigAllowanceMonthly.text(lang).into(),
        Val::Money(t.allowance_monthly),
    );

    // Studios.
    let s = Msg::SecStudios;
    let levels = agg::studio_levels(conn, &scope)?;
    let of = |l: StudioLevel| {
        levels
            .iter()
            .find(|(stored, _)| StudioLevel::parse(stored) == Some(l))
            .map(|(_, f)| f.clone())
            .unwrap_or_default()
    };
    for &l in StudioLevel::ALL {
        push(
            format!("studios.{}", level_key(l)),
            s,
            say::FigStudiosAt {
                level: &l.label(lang),
            }
            .text(lang),
            Val::Int(of(l).current),
        );
    }
    for &l in StudioLevel::ALL {
        push(
            format!("studios.named.{}", level_key(l)),
            s,
            say::FigStudiosNamed {
                level: &l.label(lang),
            }
            .text(lang),
            Val::Int(of(l).named),
        );
    }
    for &l in StudioLevel::ALL {
        push(
            format!("studios.batches.{}", level_key(l)),
            s,
            say::FigStudiosBatches {
                level: &l.label(lang),
            }
            .text(lang),
            Val::Int(of(l).batches),
        );
    }
    for &l in StudioLevel::ALL {
        push(
            format!("studios.ever_named.{}", level_key(l)),
            s,
            say::FigStudiosEverNamed {
                level: &l.label(lang),
            }
            .text(lang),
            Val::Int(of(l).ever_named),
        );
    }
    push(
        "studios.revoked".into(),
        s,
        Msg::FigStudiosRevoked.text(lang).into(),
        Val::Int(agg::studios_revoked(conn, &scope)?),
    );
    let (counts, benefit) = agg::studio_results_sum(conn, &scope)?;
    for m in ResultMetric::ALL {
        push(
            format!("studios.results.{}", m.code()),
            s,
            say::FigStudiosResult {
                metric: &i18n::result_metric(m).text(lang),
            }
            .text(lang),
            Val::Int(counts[m]),
        );
    }
    push(
        "studios.results.economic_benefit".into(),
        s,
        say::FigStudiosResult {
            metric: &Msg::ColEconomicBenefit.text(lang),
        }
        .text(lang),
        Val::Money(benefit),
    );

    // Payouts (computed before the studio subsidy figure, which is one of them).
    let groups = agg::payout_groups(conn, &scope, PayoutGrouping::Category)?;
    let by_category: Vec<(PayoutCategory, agg::PayoutSum)> = PayoutCategory::ALL
        .iter()
        .map(|&c| {
            let sum = groups
                .iter()
                .find(|(code, _)| code.as_deref() == Some(c.code()))
                .map(|(_, s)| s.clone())
                .unwrap_or_default();
            (c, sum)
        })
        .collect();
    let subsidy = by_category
        .iter()
        .find(|(c, _)| *c == PayoutCategory::StudioSubsidy)
        .map_or(0, |(_, s)| s.amount);
    push(
        "studios.subsidy_amount".into(),
        s,
        Msg::FigStudiosSubsidy.text(lang).into(),
        Val::Money(subsidy),
    );

    // Enterprises and agreements.
    let s = Msg::SecAgreements;
    let e = agg::enterprise_figures(conn, &scope)?;
    for (key, label, v) in [
        (
            "enterprises.total",
            Msg::FigEnterprisesTotal,
            Val::Int(e.total),
        ),
        (
            "enterprises.with_union",
            Msg::FigEnterprisesWithUnion,
            Val::Int(e.with_union),
        ),
        (
            "agreements.enterprises",
            Msg::FigAgreementEnterprises,
            Val::Int(e.with_agreement),
        ),
        (
            "agreements.count",
            Msg::FigAgreementCount,
            Val::Int(e.agreements),
        ),
        (
            "agreements.coverage_rate",
            Msg::FigCoverageRate,
            Val::Tenths(rate_tenths(e.with_agreement, e.with_union)),
        ),
        (
            "agreements.workers_covered",
            Msg::FigWorkersCovered,
            Val::Int(e.workers_covered),
        ),
        (
            "enterprises.fortune500",
            Msg::FigFortune500,
            Val::Int(e.fortune500),
        ),
        (
            "agreements.fortune500",
            Msg::FigFortune500Agreements,
            Val::Int(e.fortune500_with_agreement),
        ),
        (
            "women_contract.rate",
            Msg::FigWomenContractRate,
            Val::Tenths(rate_tenths(e.women_contract, e.with_union)),
        ),
        (
            "enterprises.open_affairs.rate.state_collective",
            Msg::FigOpenAffairsStateCollective,
            Val::Tenths(rate_tenths(e.state_collective.1, e.state_collective.0)),
        ),
        (
            "enterprises.open_affairs.rate.non_public_unionised",
            Msg::FigOpenAffairsNonPublic,
            Val::Tenths(rate_tenths(
                e.non_public_unionised.1,
                e.non_public_unionised.0,
            )),
        ),
        (
            "enterprises.employee_directors.rate_100_plus",
            Msg::FigEmployeeDirectors100,
            Val::Tenths(rate_tenths(e.employees_100_plus.1, e.employees_100_plus.0)),
        ),
    ] {
        push(key.into(), s, label.text(lang).into(), v);
    }

    // Carriers: every programme at each of its levels, held at the end (highest naming) and
    // named in the window.
    let s = Msg::SecCarriers;
    let figures = store::carrier_figures(conn, &scope)?;
    for p in store::programmes(conn)? {
        let levels: Vec<CarrierLevel> = CarrierLevel::ALL
            .iter()
            .copied()
            .filter(|l| p.takes(*l))
            .collect();
        let of = |l: CarrierLevel| {
            figures
                .iter()
                .find(|(name, level, _, _)| *name == p.name && *level == l)
                .map_or((0, 0), |(_, _, held, new)| (*held, *new))
        };
        let key = crate::domain::carriers::key_part(&p.name);
        for &l in levels.iter().rev() {
            push(
                format!("carriers.{key}.{}", l.code()),
                s,
                say::FigCarriersHeld {
                    name: &p.name,
                    level: &l.label(lang),
                }
                .text(lang),
                Val::Int(of(l).0),
            );
        }
        for &l in levels.iter().rev() {
            push(
                format!("carriers.{key}.new.{}", l.code()),
                s,
                say::FigCarriersNew {
                    name: &p.name,
                    level: &l.label(lang),
                }
                .text(lang),
                Val::Int(of(l).1),
            );
        }
    }

    // Base-level unions and membership.
    let s = Msg::SecUnions;
    let u = agg::union_figures(conn, &scope)?;
    push(
        "unions.total".into(),
        s,
        Msg::FigUnionsTotal.text(lang).into(),
        Val::Int(u.total),
    );
    push(
        "unions.units_covered".into(),
        s,
        Msg::FigUnionsUnitsCovered.text(lang).into(),
        Val::Int(u.units_covered),
    );
    for &form in UnionForm::ALL {
        let n = u
            .by_form
            .iter()
            .find(|(stored, _)| UnionForm::parse(stored) == Some(form))
            .map_or(0, |(_, n)| *n);
        push(
            format!("unions.by_form.{}", form.code()),
            s,
            say::FigUnionsByForm {
                form: &form.label(lang),
            }
            .text(lang),
            Val::Int(n),
        );
    }
    for (key, label, v) in [
        ("members.total", Msg::FigMembersTotal, Val::Int(u.members)),
        ("members.women", Msg::FigMembersWomen, Val::Int(u.women)),
        (
            "members.migrant",
            Msg::FigMembersMigrant,
            Val::Int(u.migrant),
        ),
        (
            "members.migrant_net_new",
            Msg::FigMembersMigrantNetNew,
            Val::Int(migrant_net_new(conn, &window, &scope)?),
        ),
        (
            "members.rate",
            Msg::FigMembersRate,
            Val::Tenths(rate_tenths(u.rate_terms.0, u.rate_terms.1)),
        ),
    ] {
        push(key.into(), s, label.text(lang).into(), v);
    }

    // Payouts.
    let s = Msg::SecPayouts;
    // The total of the categories summed above; its recipients (each once over all of them)
    // from the indexes on who was paid, not a second scan of the payouts.
    let total = agg::PayoutSum {
        count: groups.iter().map(|(_, g)| g.count).sum(),
        recipients: agg::payout_recipients(conn, &scope)?,
        amount: groups.iter().map(|(_, g)| g.amount).sum(),
    };
    let named: Vec<(String, String, &agg::PayoutSum)> = by_category
        .iter()
        .map(|(c, sum)| (c.code().to_string(), c.label(lang).to_string(), sum))
        .chain(std::iter::once((
            "total".to_string(),
            Msg::TotalRow.text(lang).to_string(),
            &total,
        )))
        .collect();
    for (code, label, sum) in named {
        push(
            format!("payouts.{code}.count"),
            s,
            say::FigPayoutCount { label: &label }.text(lang),
            Val::Int(sum.count),
        );
        push(
            format!("payouts.{code}.people"),
            s,
            say::FigPayoutPeople { label: &label }.text(lang),
            Val::Int(sum.recipients),
        );
        if code == PayoutCategory::EducationAid.code() {
            push(
                format!("payouts.{code}.students"),
                s,
                say::FigPayoutStudents { label: &label }.text(lang),
                Val::Int(agg::education_aid_students(conn, &scope)?),
            );
        }
        push(
            format!("payouts.{code}.amount"),
            s,
            say::FigPayoutAmount { label: &label }.text(lang),
            Val::Money(sum.amount),
        );
    }

    // Hardship files.
    let s = Msg::SecHardship;
    let h = agg::hardship_figures(conn, &scope)?;
    let sum = |f: fn(&agg::HardshipFigures) -> i64| h.iter().map(|(_, x)| f(x)).sum::<i64>();
    push(
        "hardship.open".into(),
        s,
        Msg::FigHardshipOpen.text(lang).into(),
        Val::Int(agg::hardship_open_people(conn, &scope)?),
    );
    push(
        "hardship.opened".into(),
        s,
        Msg::FigHardshipOpened.text(lang).into(),
        Val::Int(sum(|x| x.opened)),
    );
    push(
        "hardship.closed".into(),
        s,
        Msg::FigHardshipClosed.text(lang).into(),
        Val::Int(sum(|x| x.closed)),
    );
    for &t in HardshipType::ALL {
        let open = h
            .iter()
            .filter(|(stored, _)| HardshipType::parse(stored) == Some(t))
            .map(|(_, x)| x.open)
            .sum();
        push(
            format!("hardship.open.{}", t.code()),
            s,
            say::FigHardshipOpenType {
                kind: &t.label(lang),
            }
            .text(lang),
            Val::Int(open),
        );
    }

    // A district's figures leave out every record with no district at all: say how many.
    if district.is_some() {
        let n = agg::records_without_district(conn)?;
        push(
            "records.no_district".into(),
            Msg::SecData,
            Msg::FigNoDistrict.text(lang).into(),
            Val::Int(n),
        );
    }

    Ok(YearEnd {
        window,
        district: district.map(str::to_string),
        figures: figs,
        by_category,
    })
}

const COLUMNS: &[Column] = &[
    Column::new("key", Msg::ColKey),
    Column::new("section", Msg::ColSection),
    Column::new("figure", Msg::ColFigure),
    Column::new("value", Msg::ColNumber),
];

impl YearEnd {
    /// The value of `key`, if the table has it.
    pub fn get(&self, key: &str) -> Option<&Val> {
        self.figures.iter().find(|f| f.key == key).map(|f| &f.value)
    }

    /// The heading: year or window, and district.
    pub fn title(&self, lang: Lang) -> String {
        let (from, to) = (self.window.from, self.window.to);
        let mut t = match self.window.calendar_year() {
            Some(y) => say::ReportTitle {
                year: &y,
                from: &from,
                to: &to,
            }
            .text(lang),
            None => say::ReportTitleWindow {
                from: &from,
                to: &to,
            }
            .text(lang),
        };
        if let Some(d) = &self.district {
            t.push_str("  ");
            t.push_str(&say::ReportDistrict { district: d }.text(lang));
        }
        t
    }

    /// The figures as records `key, 分类, 指标, 数值` (CSV and the workbook).
    pub fn records(&self, lang: Lang) -> Records {
        let mut r = Records::new(COLUMNS);
        r.rows = self
            .figures
            .iter()
            .map(|f| {
                vec![
                    Val::text(&f.key),
                    Val::text(f.section.text(lang)),
                    Val::text(&f.label),
                    f.value.clone(),
                ]
            })
            .collect();
        r
    }

    /// One flat JSON object, key → number (money and rates as exact decimals).
    pub fn json(&self, lang: Lang) -> serde_json::Value {
        serde_json::Value::Object(
            self.figures
                .iter()
                .map(|f| (f.key.clone(), f.value.json(lang)))
                .collect(),
        )
    }

    /// The screen table: 分类, 指标, 数值, the section named on its first row.
    pub fn table(&self, lang: Lang) -> String {
        let mut r = Records::new(&COLUMNS[1..]);
        let mut last = None;
        for f in &self.figures {
            let section = if last == Some(f.section) {
                String::new()
            } else {
                f.section.text(lang).to_string()
            };
            last = Some(f.section);
            r.rows.push(vec![
                Val::Text(section),
                Val::text(&f.label),
                f.value.clone(),
            ]);
        }
        format!(
            "{}\n{}",
            super::table::fit(&self.title(lang)),
            render::table(lang, &r)
        )
    }

    /// The payouts per category as records (the chart's data).
    pub fn category_records(&self, lang: Lang) -> Records {
        let mut r = Records::new(&[
            Column::new("category", Msg::ColCategory),
            Column::new("count", Msg::ColCount),
            Column::new("recipients", Msg::ColRecipients),
            Column::new("amount", Msg::ColAmount),
        ]);
        r.rows = self
            .by_category
            .iter()
            .map(|(c, s)| {
                vec![
                    Val::text(c.label(lang)),
                    Val::Int(s.count),
                    Val::Int(s.recipients),
                    Val::Money(s.amount),
                ]
            })
            .collect();
        r
    }
}

/// What `report year-end` prints: the area asked for (the whole file, or `--district`), and with
/// `--by-district` each district on file after it.
#[derive(Debug, Clone)]
pub struct Report {
    pub area: YearEnd,
    /// Each district on file, by name, when the report is by district.
    pub districts: Option<Vec<YearEnd>>,
}

impl Report {
    /// Computes the area's table and, when `by_district`, each district's.
    pub fn compute(
        lang: Lang,
        conn: &Connection,
        window: Window,
        district: Option<&str>,
        by_district: bool,
    ) -> Result<Report> {
        let area = compute(lang, conn, window, district)?;
        let districts = if by_district {
            let names = agg::districts(conn)?;
            let tables = names.iter().map(|d| compute(lang, conn, window, Some(d)));
            Some(tables.collect::<Result<Vec<_>>>()?)
        } else {
            None
        };
        Ok(Report { area, districts })
    }

    /// The area's table, then each district's.
    pub fn tables(&self) -> impl Iterator<Item = &YearEnd> {
        std::iter::once(&self.area).chain(self.districts.iter().flatten())
    }

    /// The records of the CSV: `key, 分类, 指标, 数值`, and by district a 所属地区 column after the
    /// key (合计 for the whole file's rows).
    pub fn records(&self, lang: Lang) -> Records {
        if self.districts.is_none() {
            return self.area.records(lang);
        }
        let mut columns = COLUMNS.to_vec();
        columns.insert(1, Column::new("district", Msg::ColDistrict));
        let mut r = Records::new(&columns);
        for t in self.tables() {
            let district = t.district.as_deref().unwrap_or(Msg::TotalRow.text(lang));
            for mut row in t.records(lang).rows {
                row.insert(1, Val::text(district));
                r.rows.push(row);
            }
        }
        r
    }

    /// JSON: the area's object key → number; by district `{"total": {…}, "districts": {name:
    /// {…}}}`.
    pub fn json(&self, lang: Lang) -> serde_json::Value {
        match &self.districts {
            None => self.area.json(lang),
            Some(ds) => serde_json::json!({
                "total": self.area.json(lang),
                "districts": ds
                    .iter()
                    .map(|t| (t.district.clone().unwrap_or_default(), t.json(lang)))
                    .collect::<serde_json::Map<_, _>>(),
            }),
        }
    }

    /// Prints the report in `format` or writes it to `output` (by extension); a workbook sets
    /// each table beside the same window a year before, computed here.
    pub fn emit(
        &self,
        lang: Lang,
        conn: &Connection,
        format: Format,
        output: Option<&Path>,
    ) -> Result<()> {
        let format = Format::for_output(format, output)?;
        let fail = |p: &Path| say::CannotWrite { path: &p.display() }.said();
        // Not println!: a closed pipe (`| head`) is an error `main` treats as success.
        let print = |text: &str| -> Result<()> {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{text}")?;
            out.flush()?;
            Ok(())
        };
        match (format, output) {
            (Format::Table, None) => {
                let tables: Vec<String> = self.tables().map(|x| x.table(lang)).collect();
                print(&tables.join("\n\n"))?
            }
            (Format::Json, _) => {
                let text = serde_json::to_string_pretty(&self.json(lang))?;
                match output {
                    None => print(&text)?,
                    Some(p) => crate::output::write_line(p, &text)?,
                }
            }
            (Format::Xlsx, Some(p)) => {
                let pairs = self
                    .tables()
                    .map(|t| {
                        Ok((
                            t,
                            compute(lang, conn, t.window.year_before(), t.district.as_deref())?,
                        ))
                    })
                    .collect::<Result<Vec<_>>>()?;
                super::year_end_book::write(lang, p, &pairs).map_err(|e| fail(p).because(e))?
            }
            _ => render::emit(
                lang,
                &self.records(lang),
                Format::Csv,
                output,
                Msg::SheetYearEnd.text(lang),
            )?,
        }
        if let (Some(p), Format::Json | Format::Xlsx) = (output, format) {
            let figures: usize = self.tables().map(|t| t.figures.len()).sum();
            eprintln!(
                "{}",
                say::Written {
                    path: &p.display(),
                    records: &figures
                }
                .text(lang)
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_round_half_up_in_integers() {
        assert_eq!(rate_tenths(37121, 37840), 981);
        assert_eq!(rate_tenths(18, 23), 783);
        assert_eq!(rate_tenths(1, 8), 125); // 12.5 exactly
        assert_eq!(rate_tenths(1, 16), 63); // 6.25 → 6.3
        assert_eq!(rate_tenths(0, 0), 0);
        assert_eq!(rate_tenths(5, 5), 1000);
    }

    #[test]
    fn a_window_a_year_before() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let w = |a: &str, b: &str| Window {
            from: d(a),
            to: d(b),
        };
        assert_eq!(Window::year(2026).year_before(), Window::year(2025));
        assert_eq!(
            w("2025-10-01", "2026-09-30").year_before(),
            w("2024-10-01", "2025-09-30")
        );
        // The end of February stays the end of February; a 29 February start is 1 March.
        assert_eq!(
            w("2024-03-01", "2025-02-28").year_before(),
            w("2023-03-01", "2024-02-29")
        );
        assert_eq!(
            w("2024-02-29", "2024-12-31").year_before(),
            w("2023-03-01", "2023-12-31")
        );
    }

    #[test]
    fn changes_in_kind_and_percent() {
        let cases = [
            (Val::Int(6), Val::Int(4), Val::Int(2), Some(500)),
            (
                Val::Money(2903456),
                Val::Money(4050000),
                Val::Money(-1146544),
                Some(-283),
            ),
            // Nothing before: a difference, no percent; a rate: percentage points only.
            (Val::Int(1), Val::Int(0), Val::Int(1), None),
            (Val::Tenths(400), Val::Tenths(375), Val::Tenths(25), None),
            // Half away from zero: -1/8 = -12.5 %, 1/16 = 6.25 % → 6.3 %.
            (Val::Int(7), Val::Int(8), Val::Int(-1), Some(-125)),
            (Val::Int(17), Val::Int(16), Val::Int(1), Some(63)),
            (Val::Int(15), Val::Int(16), Val::Int(-1), Some(-63)),
        ];
        for (now, before, diff, percent) in cases {
            assert_eq!(change(&now, &before), Some((diff, percent)), "{now:?}");
        }
        assert_eq!(change(&Val::Int(1), &Val::Null), None);
    }

    #[test]
    fn windows_map_years() {
        let y = Window::year(2026).scope(None);
        assert_eq!(
            (y.from.as_str(), y.to.as_str()),
            ("2026-01-01", "2026-12-31")
        );
        assert_eq!(y.award_years, (2026, 2026));
        assert_eq!(y.result_years, (2026, 2026));
        let w = Window {
            from: NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        };
        assert_eq!(w.calendar_year(), None);
        let s = w.scope(Some("梁溪区"));
        assert_eq!(s.award_years, (2026, 2026));
        assert_eq!(s.result_years, (2025, 2025));
        assert_eq!(s.held_through, 2026);
    }
}
