//! The words of the eligibility rules: rule descriptions, the evidence a rule used, the gap when
//! it fails, parameter citations and payout-rule violations, in the user's language.

use chrono::NaiveDate;

use super::{say, Label, Lang, Msg};
use crate::domain::codes::{EightHave, Level};
use crate::domain::eligibility::{Finding, Rule, Span, Verdict};
use crate::domain::payout_rules::Violation;
use crate::domain::policy::{Dated, Parity, Unit};

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A span of time still to wait: 5个月, 1个月3天, 1天.
pub fn span_text(lang: Lang, s: Span) -> String {
    match (s.months, s.days) {
        (0, d) => say::SpanDays { days: &d }.text(lang),
        (m, 0) => say::SpanMonths { months: &m }.text(lang),
        (m, d) => say::SpanMonthsDays {
            months: &m,
            days: &d,
        }
        .text(lang),
    }
}

fn level_word(lang: Lang, l: Level) -> &'static str {
    match (lang, l) {
        (Lang::Zh, Level::District) => "区县",
        (Lang::Zh, Level::City) => "市",
        (Lang::Zh, Level::Provincial) => "省部",
        (Lang::Zh, Level::National) => "全国",
        (Lang::En, l) => l.code(),
    }
}

fn parity_text(lang: Lang, p: Parity) -> &'static str {
    match p {
        Parity::Even => Msg::ParityEven.text(lang),
        Parity::Odd => Msg::ParityOdd.text(lang),
    }
}

fn criteria(lang: Lang, list: &[EightHave]) -> String {
    super::list(
        lang,
        list.iter().map(|h| match lang {
            Lang::Zh => h.zh(),
            Lang::En => h.code(),
        }),
    )
}

/// A parameter value with its date and reference: `studio.city.min_team_size = 5（自1900-01-01起，…）`.
pub fn param_text(lang: Lang, d: &Dated) -> String {
    say::ParamInForce {
        key: &d.key,
        value: &d.value,
        from: &date(d.valid_from),
        source: &reference(lang, d),
    }
    .text(lang)
}

/// The same as note `n` under a verdict list: `[1] studio.city.min_team_size = 5，自…起，来源：…`.
pub fn param_note(lang: Lang, n: usize, d: &Dated) -> String {
    say::ParamNote {
        n: &n,
        key: &d.key,
        value: &d.value,
        from: &date(d.valid_from),
        source: &reference(lang, d),
    }
    .text(lang)
}

/// Where a parameter value comes from, or that it does not say.
fn reference(lang: Lang, d: &Dated) -> String {
    if crate::domain::policy::unsourced(d) {
        return Msg::ParamUnsourced.text(lang).to_string();
    }
    d.reference
        .clone()
        .unwrap_or_else(|| Msg::ParamNoReference.text(lang).to_string())
}

/// What a unit of parameter values expects.
pub fn unit_text(lang: Lang, u: Unit) -> &'static str {
    match u {
        Unit::Yuan => Msg::UnitYuan.text(lang),
        Unit::Years => Msg::UnitYears.text(lang),
        Unit::Months => Msg::UnitMonths.text(lang),
        Unit::Count => Msg::UnitCount.text(lang),
        Unit::Parity => Msg::UnitParity.text(lang),
        Unit::Level => Msg::UnitLevel.text(lang),
        Unit::Categories => Msg::UnitCategories.text(lang),
        Unit::MonthlyCategories => Msg::UnitMonthlyCategories.text(lang),
        Unit::Places => Msg::UnitPlaces.text(lang),
        Unit::Kinds => Msg::UnitKinds.text(lang),
        Unit::YearsOrGeneral => Msg::UnitYearsOrGeneral.text(lang),
        Unit::Cases => Msg::UnitCases.text(lang),
        Unit::Treatment => Msg::UnitTreatment.text(lang),
        Unit::MonthDay => Msg::UnitMonthDay.text(lang),
    }
}

/// What a rule asks, for the finding it produced.
pub fn rule_description(lang: Lang, rule: Rule, f: &Finding) -> String {
    match (rule, f) {
        (Rule::EightHaves, Finding::EightHaves { required, .. })
            if !required.contains(&EightHave::Model) =>
        {
            Msg::RuleEightHavesWorker.text(lang).to_string()
        }
        (Rule::EightHaves, _) => Msg::RuleEightHaves.text(lang).to_string(),
        (
            Rule::LeaderTitle,
            Finding::LeaderTitle {
                model_min,
                medal_min,
                ..
            },
        ) => say::RuleLeaderTitle {
            model_min: &level_word(lang, *model_min),
            medal_min: &level_word(lang, *medal_min),
        }
        .text(lang),
        (Rule::LeaderTitle, _) => say::RuleLeaderTitle {
            model_min: &"",
            medal_min: &"",
        }
        .text(lang),
        (Rule::LeaderAlive, _) => Msg::RuleLeaderAlive.text(lang).to_string(),
        (Rule::NotRevoked, _) => Msg::RuleNotRevoked.text(lang).to_string(),
        (Rule::NotYetNamed, _) => Msg::RuleNotYetNamed.text(lang).to_string(),
        (Rule::PriorLevel, Finding::PriorLevel { need, .. }) => say::RulePriorLevel {
            level: &need.label(lang),
        }
        .text(lang),
        (Rule::PriorLevel, _) => say::RulePriorLevel { level: &"" }.text(lang),
        (Rule::TeamSize, _) => Msg::RuleTeamSize.text(lang).to_string(),
        (Rule::LastYearResults, _) => Msg::RuleLastYearResults.text(lang).to_string(),
        (Rule::YearsNamed, _) => Msg::RuleYearsNamed.text(lang).to_string(),
        (Rule::Benefit, _) => Msg::RuleBenefit.text(lang).to_string(),
        (Rule::Training, _) => Msg::RuleTraining.text(lang).to_string(),
        (Rule::NamingYear, _) => Msg::RuleNamingYear.text(lang).to_string(),
    }
}

/// The facts a rule used, as its verdict saw them: a rule not met never shows evidence that
/// reads as met.
pub fn evidence(lang: Lang, v: &Verdict) -> String {
    match (&v.finding, v.passed) {
        (Finding::LastYearResults { year }, false) => say::GapLastYearResults { year }.text(lang),
        (f, _) => facts(lang, f),
    }
}

/// The facts a rule used.
fn facts(lang: Lang, f: &Finding) -> String {
    match f {
        Finding::EightHaves { required, missing } => {
            let met: Vec<EightHave> = required
                .iter()
                .copied()
                .filter(|i| !missing.contains(i))
                .collect();
            say::EvEightAll {
                criteria: &criteria(lang, &met),
            }
            .text(lang)
        }
        Finding::LeaderTitle { best: Some(h), .. } => {
            let year = h
                .year
                .map(|y| say::EvYearSuffix { year: &y }.text(lang))
                .unwrap_or_default();
            // A title awarded at another level than its name says (a county-level city's).
            let named = h.title.map_or("", |t| t.label(lang));
            let title = match (h.title, h.level) {
                (Some(t), Some(l)) if l != t.level() => say::EvHonourAtLevel {
                    named: &named,
                    level: &l.label(lang),
                }
                .text(lang),
                _ => named.to_string(),
            };
            say::EvLeaderHonour {
                title: &title,
                year: &year,
            }
            .text(lang)
        }
        Finding::LeaderTitle { best: None, .. } => Msg::EvLeaderNoHonour.text(lang).to_string(),
        Finding::LeaderAlive {
            name,
            died_on,
            deceased: true,
        } => say::GapLeaderDeceased {
            name: name,
            died: &died_on
                .map(|d| say::EvDiedOn { date: &date(d) }.text(lang))
                .unwrap_or_default(),
        }
        .text(lang),
        Finding::LeaderAlive { name, .. } => say::EvLeaderAlive { name }.text(lang),
        Finding::NotRevoked {
            last: Some(r),
            until,
            ..
        } => say::EvRevoked {
            on: &date(r.revoked_on),
            case: &r.case.label(lang),
            from: &until.map(date).unwrap_or_default(),
        }
        .text(lang),
        Finding::NotRevoked { last: None, .. } => Msg::EvNeverRevoked.text(lang).to_string(),
        Finding::NotYetNamed { held: None } => Msg::EvNotNamed.text(lang).to_string(),
        Finding::NotYetNamed { held: Some(n) } => say::GapAlreadyNamed {
            on: &date(n.named_on),
            level: &n.level.label(lang),
        }
        .text(lang),
        Finding::PriorLevel { held: Some(n), .. } => say::EvPriorLevel {
            on: &date(n.named_on),
            level: &n.level.label(lang),
        }
        .text(lang),
        Finding::PriorLevel { need, held: None } => say::GapPriorLevel {
            level: &need.label(lang),
        }
        .text(lang),
        Finding::TeamSize { size: Some(s), min } => say::EvTeamSize { size: s, min }.text(lang),
        Finding::TeamSize { size: None, min } => say::GapTeamUnknown { min }.text(lang),
        Finding::LastYearResults { year } => say::EvLastYearResults { year }.text(lang),
        Finding::YearsNamed {
            years,
            city: Some(n),
            due,
            ..
        } => say::EvYearsNamed {
            on: &date(n.named_on),
            due: &due.map(date).unwrap_or_default(),
            years,
        }
        .text(lang),
        Finding::YearsNamed {
            years, city: None, ..
        } => say::GapNotCity { years }.text(lang),
        Finding::Benefit {
            from_year,
            to_year,
            benefit,
            min_benefit,
            inventions,
            min_inventions,
        } => say::EvBenefit {
            from_year,
            to_year,
            benefit,
            min_benefit,
            inventions,
            min_inventions,
        }
        .text(lang),
        Finding::Training {
            from_year,
            to_year,
            trained,
            min,
        } => say::EvTraining {
            from_year,
            to_year,
            trained,
            min,
        }
        .text(lang),
        Finding::NamingYear { year, parity } => say::EvNamingYear {
            year,
            parity: &parity_text(lang, *parity),
        }
        .text(lang),
    }
}

/// What is missing, in the user's words ("团队人数4人，少于5人").
pub fn gap(lang: Lang, f: &Finding) -> String {
    match f {
        Finding::EightHaves { missing, .. } => say::GapEightMissing {
            criteria: &criteria(lang, missing),
        }
        .text(lang),
        Finding::LeaderTitle {
            model_min,
            medal_min,
            ..
        } => say::GapLeaderTitle {
            model_min: &level_word(lang, *model_min),
            medal_min: &level_word(lang, *medal_min),
        }
        .text(lang),
        Finding::LeaderAlive { .. } | Finding::NotYetNamed { .. } | Finding::PriorLevel { .. } => {
            facts(lang, f)
        }
        Finding::NotRevoked {
            short: Some(s),
            last,
            until,
        } => {
            let years = match (last, until) {
                (Some(r), Some(u)) => {
                    use chrono::Datelike;
                    u.year() - r.revoked_on.year()
                }
                _ => 0,
            };
            say::GapRevoked {
                years: &years,
                left: &span_text(lang, *s),
            }
            .text(lang)
        }
        Finding::NotRevoked { .. } => facts(lang, f),
        Finding::TeamSize { size: Some(s), min } => say::GapTeamSize { size: s, min }.text(lang),
        Finding::TeamSize { size: None, min } => say::GapTeamUnknown { min }.text(lang),
        Finding::LastYearResults { year } => say::GapLastYearResults { year }.text(lang),
        Finding::YearsNamed {
            years,
            short: Some(s),
            ..
        } => say::GapYearsNamed {
            years,
            left: &span_text(lang, *s),
        }
        .text(lang),
        Finding::YearsNamed { years, .. } => say::GapNotCity { years }.text(lang),
        Finding::Benefit {
            benefit,
            min_benefit,
            inventions,
            min_inventions,
            ..
        } => say::GapBenefit {
            benefit,
            min_benefit,
            inventions,
            min_inventions,
        }
        .text(lang),
        Finding::Training { trained, min, .. } => say::GapTraining { trained, min }.text(lang),
        Finding::NamingYear { year, parity } => say::GapNamingYear {
            year,
            parity: &parity_text(lang, *parity),
        }
        .text(lang),
    }
}

/// A student as a message names them: the name, else the ID number masked as in lists.
fn student_text(s: &crate::domain::payout_rules::Student) -> String {
    match (&s.name, &s.id_number) {
        (Some(n), _) => n.clone(),
        (None, Some(id)) => crate::domain::mask::id_number(id),
        (None, None) => String::new(),
    }
}

/// A broken payout rule: "规则4：…".
pub fn violation(lang: Lang, v: &Violation) -> String {
    violation_citing(lang, v, &mut |d| {
        say::ParamCited {
            param: &param_text(lang, d),
        }
        .text(lang)
    })
}

/// A broken payout rule in words, its parameter cited as `cite` says (in brackets after the
/// rule as [`violation`] does, or as a note's number).
pub fn violation_citing(
    lang: Lang,
    v: &Violation,
    cite: &mut dyn FnMut(&Dated) -> String,
) -> String {
    let text = match v {
        Violation::Deceased { died_on } => say::VDeceased {
            died: &died_on
                .map(|d| say::EvDiedOn { date: &date(d) }.text(lang))
                .unwrap_or_default(),
        }
        .text(lang),
        Violation::AllowanceNotRetired => Msg::VAllowanceNotRetired.text(lang).to_string(),
        Violation::AllowanceNoTitle { best, min, param } => say::VAllowanceNoTitle {
            min: &level_word(lang, *min),
            highest: &best
                .map(|(t, level)| match level.filter(|l| *l != t.level()) {
                    // Awarded at another level than its name says: a county-level city's.
                    Some(l) => say::VTitleAtLevel {
                        title: &t.label(lang),
                        level: &level_word(lang, l),
                    }
                    .text(lang),
                    None => t.label(lang).to_string(),
                })
                .unwrap_or_else(|| Msg::VNoModelTitle.text(lang).to_string()),
            param: &cite(param),
        }
        .text(lang),
        Violation::LivingSubsidyNoTitle => Msg::VLivingSubsidyNoTitle.text(lang).to_string(),
        Violation::LivingSubsidyNoNeed { param } => say::VLivingSubsidyNoNeed {
            param: &cite(param),
        }
        .text(lang),
        Violation::OncePerYear {
            other,
            season,
            param,
            start,
            student,
        } => {
            // Cited in the order written: the list, then the season's start.
            let list = cite(param);
            let start = start.as_ref().map(|s| cite(s)).unwrap_or_default();
            let (from, to) = (date(season.from), date(season.to));
            let on = &date(*other);
            let mut text = match student {
                Some(s) => say::VOncePerStudent {
                    student: &student_text(s),
                    on,
                }
                .text(lang),
                None => say::VOncePerYear { on }.text(lang),
            };
            text.push_str(
                &say::VSameYear {
                    from: &from,
                    to: &to,
                    list: &list,
                    start: &start,
                }
                .text(lang),
            );
            text
        }
        Violation::OncePerCampaign {
            other,
            campaign,
            student,
        } => {
            let reference = campaign
                .reference
                .as_ref()
                .map(|r| say::CampaignRefCited { reference: r }.text(lang))
                .unwrap_or_default();
            let (name, from, to) = (&campaign.name, date(campaign.from), date(campaign.to));
            match student {
                Some(s) => say::VOncePerCampaignStudent {
                    name,
                    from: &from,
                    to: &to,
                    student: &student_text(s),
                    on: &date(*other),
                    reference: &reference,
                }
                .text(lang),
                None => say::VOncePerCampaign {
                    name,
                    from: &from,
                    to: &to,
                    on: &date(*other),
                    reference: &reference,
                }
                .text(lang),
            }
        }
        Violation::MonthPaid {
            months,
            other,
            other_months,
            param,
        } => say::VMonthPaid {
            months: &months.code(),
            other: &date(*other),
            other_months: &other_months.code(),
            param: &cite(param),
        }
        .text(lang),
        Violation::OnceInYears {
            other,
            years,
            param,
        } => say::VOnceInYears {
            years,
            on: &date(*other),
            param: &cite(param),
        }
        .text(lang),
        Violation::NoHardshipFile {
            closed_on: Some(c),
            grace,
            param,
        } => say::VHardshipClosed {
            on: &date(*c),
            grace,
            param: &cite(param),
        }
        .text(lang),
        Violation::NoHardshipFile {
            closed_on: None,
            param,
            ..
        } => say::VNoHardshipFile {
            param: &cite(param),
        }
        .text(lang),
        Violation::OverCeiling { max, param } => say::VOverCeiling {
            max,
            param: &cite(param),
        }
        .text(lang),
        Violation::OverStageStandard { stage, max, param } => say::VOverStageStandard {
            stage: &stage.label(lang),
            max,
            param: &cite(param),
        }
        .text(lang),
        Violation::SubsidyNotStandard { standard } => {
            say::VSubsidyNotStandard { standard }.text(lang)
        }
        Violation::SubsidyNotForKind { kind, param } => say::VSubsidyNotForKind {
            kind: &kind.label(lang),
            param: &cite(param),
        }
        .text(lang),
        Violation::SubsidyWithoutNaming => Msg::VSubsidyWithoutNaming.text(lang).to_string(),
        Violation::SubsidyRepeated { first } => say::VSubsidyRepeated {
            on: &first.format("%Y-%m-%d"),
        }
        .text(lang),
        Violation::VoucherUsed { voucher } => say::VVoucherUsed { voucher }.text(lang),
    };
    say::ViolationLine {
        rule: &v.rule(),
        text: &text,
    }
    .text(lang)
}

/// A carrier rule's description, evidence and gap (`union carrier apply`).
pub fn carrier_words(
    lang: Lang,
    v: &crate::domain::carriers::CarrierVerdict,
    programme: &str,
) -> (String, String, Option<String>) {
    use crate::domain::carriers::{CarrierFinding as F, CarrierRule as R};
    let sep = Msg::ListSep.text(lang);
    let rule = match v.rule {
        R::LevelFits => Msg::RuleCarrierLevel,
        R::Criteria => Msg::RuleCarrierCriteria,
        R::Leader => Msg::RuleCarrierLeader,
        R::NotYetNamed => Msg::RuleCarrierNotYetNamed,
    }
    .text(lang)
    .to_string();
    let (evidence, gap) = match &v.finding {
        F::LevelFits { stars } => {
            let e = if *stars {
                say::CarrierByStars {
                    programme: &programme,
                }
                .text(lang)
            } else {
                say::CarrierByTier {
                    programme: &programme,
                }
                .text(lang)
            };
            (e, None)
        }
        F::Criteria { required, missing } => {
            let met: Vec<&str> = required
                .iter()
                .filter(|c| !missing.contains(c))
                .map(String::as_str)
                .collect();
            let met = if met.is_empty() {
                Msg::NoneWord.text(lang).to_string()
            } else {
                met.join(sep)
            };
            (
                say::CarrierCriteriaMet {
                    met: &met,
                    required: &required.join(sep),
                }
                .text(lang),
                Some(
                    say::CarrierCriteriaMissing {
                        missing: &missing.join(sep),
                    }
                    .text(lang),
                ),
            )
        }
        F::Leader {
            leader,
            qualifies_by,
            alive,
        } => {
            let e = match (leader, qualifies_by) {
                (None, _) => Msg::CarrierNoLeader.text(lang).to_string(),
                (Some(l), _) if !alive => say::CarrierLeaderDeceased { name: &l.name }.text(lang),
                (Some(l), Some(by)) => say::CarrierLeaderHonour {
                    name: &l.name,
                    honour: by,
                }
                .text(lang),
                (Some(l), None) => say::CarrierLeaderNoHonour { name: &l.name }.text(lang),
            };
            (e.clone(), Some(e))
        }
        F::NotYetNamed { held } => {
            let e = match held {
                Some((l, Some(on))) => say::CarrierHeld {
                    level: &l.label(lang),
                    on: &date(*on),
                }
                .text(lang),
                Some((l, None)) => say::CarrierHeldUndated {
                    level: &l.label(lang),
                }
                .text(lang),
                None => Msg::CarrierNotHeld.text(lang).to_string(),
            };
            (e.clone(), Some(e))
        }
    };
    (rule, evidence, if v.passed { None } else { gap })
}
