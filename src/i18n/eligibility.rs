//! The words of the eligibility rules: rule descriptions, the evidence a rule used, the gap when
//! it fails, parameter citations and payout-rule violations, in the user's language.

use chrono::NaiveDate;

use super::{lang, Label, Lang, Msg};
use crate::domain::codes::{EightHave, Level};
use crate::domain::eligibility::{Finding, Rule, Span, Verdict};
use crate::domain::payout_rules::Violation;
use crate::domain::policy::{Dated, Parity, Unit};

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A span of time still to wait: 5个月, 1个月3天, 1天.
pub fn span_text(s: Span) -> String {
    match (s.months, s.days) {
        (0, d) => Msg::SpanDays.fmt(&[&d]),
        (m, 0) => Msg::SpanMonths.fmt(&[&m]),
        (m, d) => Msg::SpanMonthsDays.fmt(&[&m, &d]),
    }
}

fn level_word(l: Level) -> &'static str {
    match (lang(), l) {
        (Lang::Zh, Level::District) => "区县",
        (Lang::Zh, Level::City) => "市",
        (Lang::Zh, Level::Provincial) => "省部",
        (Lang::Zh, Level::National) => "全国",
        (Lang::En, l) => l.code(),
    }
}

fn parity_text(p: Parity) -> &'static str {
    match p {
        Parity::Even => Msg::ParityEven.text(),
        Parity::Odd => Msg::ParityOdd.text(),
    }
}

fn criteria(list: &[EightHave]) -> String {
    super::list(list.iter().map(|h| match lang() {
        Lang::Zh => h.zh(),
        Lang::En => h.code(),
    }))
}

/// A parameter value with its date and reference: `studio.city.min_team_size = 5（自1900-01-01起，…）`.
pub fn param_text(d: &Dated) -> String {
    Msg::ParamInForce.fmt(&[&d.key, &d.value, &date(d.valid_from), &reference(d)])
}

/// The same as note `n` under a verdict list: `[1] studio.city.min_team_size = 5，自…起，来源：…`.
pub fn param_note(n: usize, d: &Dated) -> String {
    Msg::ParamNote.fmt(&[&n, &d.key, &d.value, &date(d.valid_from), &reference(d)])
}

/// Where a parameter value comes from, or that it does not say.
fn reference(d: &Dated) -> String {
    if crate::domain::policy::unsourced(d) {
        return Msg::ParamUnsourced.text().to_string();
    }
    d.reference
        .clone()
        .unwrap_or_else(|| Msg::ParamNoReference.text().to_string())
}

/// What a unit of parameter values expects.
pub fn unit_text(u: Unit) -> &'static str {
    match u {
        Unit::Yuan => Msg::UnitYuan.text(),
        Unit::Years => Msg::UnitYears.text(),
        Unit::Months => Msg::UnitMonths.text(),
        Unit::Count => Msg::UnitCount.text(),
        Unit::Parity => Msg::UnitParity.text(),
        Unit::Level => Msg::UnitLevel.text(),
        Unit::Categories => Msg::UnitCategories.text(),
        Unit::MonthlyCategories => Msg::UnitMonthlyCategories.text(),
        Unit::Places => Msg::UnitPlaces.text(),
        Unit::Kinds => Msg::UnitKinds.text(),
        Unit::YearsOrGeneral => Msg::UnitYearsOrGeneral.text(),
        Unit::Cases => Msg::UnitCases.text(),
        Unit::Treatment => Msg::UnitTreatment.text(),
        Unit::MonthDay => Msg::UnitMonthDay.text(),
    }
}

/// What a rule asks, for the finding it produced.
pub fn rule_description(rule: Rule, f: &Finding) -> String {
    match (rule, f) {
        (Rule::EightHaves, Finding::EightHaves { required, .. })
            if !required.contains(&EightHave::Model) =>
        {
            Msg::RuleEightHavesWorker.text().to_string()
        }
        (Rule::EightHaves, _) => Msg::RuleEightHaves.text().to_string(),
        (
            Rule::LeaderTitle,
            Finding::LeaderTitle {
                model_min,
                medal_min,
                ..
            },
        ) => Msg::RuleLeaderTitle.fmt(&[&level_word(*model_min), &level_word(*medal_min)]),
        (Rule::LeaderTitle, _) => Msg::RuleLeaderTitle.fmt(&[&"", &""]),
        (Rule::LeaderAlive, _) => Msg::RuleLeaderAlive.text().to_string(),
        (Rule::NotRevoked, _) => Msg::RuleNotRevoked.text().to_string(),
        (Rule::NotYetNamed, _) => Msg::RuleNotYetNamed.text().to_string(),
        (Rule::PriorLevel, Finding::PriorLevel { need, .. }) => {
            Msg::RulePriorLevel.fmt(&[&need.label(lang())])
        }
        (Rule::PriorLevel, _) => Msg::RulePriorLevel.fmt(&[&""]),
        (Rule::TeamSize, _) => Msg::RuleTeamSize.text().to_string(),
        (Rule::LastYearResults, _) => Msg::RuleLastYearResults.text().to_string(),
        (Rule::YearsNamed, _) => Msg::RuleYearsNamed.text().to_string(),
        (Rule::Benefit, _) => Msg::RuleBenefit.text().to_string(),
        (Rule::Training, _) => Msg::RuleTraining.text().to_string(),
        (Rule::NamingYear, _) => Msg::RuleNamingYear.text().to_string(),
    }
}

/// The facts a rule used, as its verdict saw them: a rule not met never shows evidence that
/// reads as met.
pub fn evidence(v: &Verdict) -> String {
    match (&v.finding, v.passed) {
        (Finding::LastYearResults { year }, false) => Msg::GapLastYearResults.fmt(&[year]),
        (f, _) => facts(f),
    }
}

/// The facts a rule used.
fn facts(f: &Finding) -> String {
    match f {
        Finding::EightHaves { required, missing } => {
            let met: Vec<EightHave> = required
                .iter()
                .copied()
                .filter(|i| !missing.contains(i))
                .collect();
            Msg::EvEightAll.fmt(&[&criteria(&met)])
        }
        Finding::LeaderTitle { best: Some(h), .. } => {
            let year = h
                .year
                .map(|y| Msg::EvYearSuffix.fmt(&[&y]))
                .unwrap_or_default();
            // A title awarded at another level than its name says (a county-level city's).
            let named = h.title.map_or("", |t| t.label(lang()));
            let title = match (h.title, h.level) {
                (Some(t), Some(l)) if l != t.level() => {
                    Msg::EvHonourAtLevel.fmt(&[&named, &l.label(lang())])
                }
                _ => named.to_string(),
            };
            Msg::EvLeaderHonour.fmt(&[&title, &year])
        }
        Finding::LeaderTitle { best: None, .. } => Msg::EvLeaderNoHonour.text().to_string(),
        Finding::LeaderAlive {
            name,
            died_on,
            deceased: true,
        } => Msg::GapLeaderDeceased.fmt(&[
            name,
            &died_on
                .map(|d| Msg::EvDiedOn.fmt(&[&date(d)]))
                .unwrap_or_default(),
        ]),
        Finding::LeaderAlive { name, .. } => Msg::EvLeaderAlive.fmt(&[name]),
        Finding::NotRevoked {
            last: Some(r),
            until,
            ..
        } => Msg::EvRevoked.fmt(&[
            &date(r.revoked_on),
            &r.case.label(lang()),
            &until.map(date).unwrap_or_default(),
        ]),
        Finding::NotRevoked { last: None, .. } => Msg::EvNeverRevoked.text().to_string(),
        Finding::NotYetNamed { held: None } => Msg::EvNotNamed.text().to_string(),
        Finding::NotYetNamed { held: Some(n) } => {
            Msg::GapAlreadyNamed.fmt(&[&date(n.named_on), &n.level.label(lang())])
        }
        Finding::PriorLevel { held: Some(n), .. } => {
            Msg::EvPriorLevel.fmt(&[&date(n.named_on), &n.level.label(lang())])
        }
        Finding::PriorLevel { need, held: None } => Msg::GapPriorLevel.fmt(&[&need.label(lang())]),
        Finding::TeamSize { size: Some(s), min } => Msg::EvTeamSize.fmt(&[s, min]),
        Finding::TeamSize { size: None, min } => Msg::GapTeamUnknown.fmt(&[min]),
        Finding::LastYearResults { year } => Msg::EvLastYearResults.fmt(&[year]),
        Finding::YearsNamed {
            years,
            city: Some(n),
            due,
            ..
        } => Msg::EvYearsNamed.fmt(&[&date(n.named_on), &due.map(date).unwrap_or_default(), years]),
        Finding::YearsNamed {
            years, city: None, ..
        } => Msg::GapNotCity.fmt(&[years]),
        Finding::Benefit {
            from_year,
            to_year,
            benefit,
            min_benefit,
            inventions,
            min_inventions,
        } => Msg::EvBenefit.fmt(&[
            from_year,
            to_year,
            benefit,
            min_benefit,
            inventions,
            min_inventions,
        ]),
        Finding::Training {
            from_year,
            to_year,
            trained,
            min,
        } => Msg::EvTraining.fmt(&[from_year, to_year, trained, min]),
        Finding::NamingYear { year, parity } => {
            Msg::EvNamingYear.fmt(&[year, &parity_text(*parity)])
        }
    }
}

/// What is missing, in the user's words ("团队人数4人，少于5人").
pub fn gap(f: &Finding) -> String {
    match f {
        Finding::EightHaves { missing, .. } => Msg::GapEightMissing.fmt(&[&criteria(missing)]),
        Finding::LeaderTitle {
            model_min,
            medal_min,
            ..
        } => Msg::GapLeaderTitle.fmt(&[&level_word(*model_min), &level_word(*medal_min)]),
        Finding::LeaderAlive { .. } | Finding::NotYetNamed { .. } | Finding::PriorLevel { .. } => {
            facts(f)
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
            Msg::GapRevoked.fmt(&[&years, &span_text(*s)])
        }
        Finding::NotRevoked { .. } => facts(f),
        Finding::TeamSize { size: Some(s), min } => Msg::GapTeamSize.fmt(&[s, min]),
        Finding::TeamSize { size: None, min } => Msg::GapTeamUnknown.fmt(&[min]),
        Finding::LastYearResults { year } => Msg::GapLastYearResults.fmt(&[year]),
        Finding::YearsNamed {
            years,
            short: Some(s),
            ..
        } => Msg::GapYearsNamed.fmt(&[years, &span_text(*s)]),
        Finding::YearsNamed { years, .. } => Msg::GapNotCity.fmt(&[years]),
        Finding::Benefit {
            benefit,
            min_benefit,
            inventions,
            min_inventions,
            ..
        } => Msg::GapBenefit.fmt(&[benefit, min_benefit, inventions, min_inventions]),
        Finding::Training { trained, min, .. } => Msg::GapTraining.fmt(&[trained, min]),
        Finding::NamingYear { year, parity } => {
            Msg::GapNamingYear.fmt(&[year, &parity_text(*parity)])
        }
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
pub fn violation(v: &Violation) -> String {
    violation_citing(v, &mut |d| Msg::ParamCited.fmt(&[&param_text(d)]))
}

/// A broken payout rule in words, its parameter cited as `cite` says (in brackets after the
/// rule as [`violation`] does, or as a note's number).
pub fn violation_citing(v: &Violation, cite: &mut dyn FnMut(&Dated) -> String) -> String {
    let text = match v {
        Violation::Deceased { died_on } => Msg::VDeceased.fmt(&[&died_on
            .map(|d| Msg::EvDiedOn.fmt(&[&date(d)]))
            .unwrap_or_default()]),
        Violation::AllowanceNotRetired => Msg::VAllowanceNotRetired.text().to_string(),
        Violation::AllowanceNoTitle { best, min, param } => Msg::VAllowanceNoTitle.fmt(&[
            &level_word(*min),
            &best
                .map(|(t, level)| match level.filter(|l| *l != t.level()) {
                    // Awarded at another level than its name says: a county-level city's.
                    Some(l) => Msg::VTitleAtLevel.fmt(&[&t.label(lang()), &level_word(l)]),
                    None => t.label(lang()).to_string(),
                })
                .unwrap_or_else(|| Msg::VNoModelTitle.text().to_string()),
            &cite(param),
        ]),
        Violation::LivingSubsidyNoTitle => Msg::VLivingSubsidyNoTitle.text().to_string(),
        Violation::LivingSubsidyNoNeed { param } => Msg::VLivingSubsidyNoNeed.fmt(&[&cite(param)]),
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
            match student {
                Some(s) => Msg::VOncePerStudent.fmt(&[
                    &student_text(s),
                    &date(*other),
                    &from,
                    &to,
                    &list,
                    &start,
                ]),
                None => Msg::VOncePerYear.fmt(&[&date(*other), &from, &to, &list, &start]),
            }
        }
        Violation::OncePerCampaign {
            other,
            campaign,
            student,
        } => {
            let reference = campaign
                .reference
                .as_ref()
                .map(|r| Msg::CampaignRefCited.fmt(&[r]))
                .unwrap_or_default();
            let (name, from, to) = (&campaign.name, date(campaign.from), date(campaign.to));
            match student {
                Some(s) => Msg::VOncePerCampaignStudent.fmt(&[
                    name,
                    &from,
                    &to,
                    &student_text(s),
                    &date(*other),
                    &reference,
                ]),
                None => Msg::VOncePerCampaign.fmt(&[name, &from, &to, &date(*other), &reference]),
            }
        }
        Violation::MonthPaid {
            months,
            other,
            other_months,
            param,
        } => Msg::VMonthPaid.fmt(&[
            &months.code(),
            &date(*other),
            &other_months.code(),
            &cite(param),
        ]),
        Violation::OnceInYears {
            other,
            years,
            param,
        } => Msg::VOnceInYears.fmt(&[years, &date(*other), &cite(param)]),
        Violation::NoHardshipFile {
            closed_on: Some(c),
            grace,
            param,
        } => Msg::VHardshipClosed.fmt(&[&date(*c), grace, &cite(param)]),
        Violation::NoHardshipFile {
            closed_on: None,
            param,
            ..
        } => Msg::VNoHardshipFile.fmt(&[&cite(param)]),
        Violation::OverCeiling { max, param } => Msg::VOverCeiling.fmt(&[max, &cite(param)]),
        Violation::OverStageStandard { stage, max, param } => {
            Msg::VOverStageStandard.fmt(&[&stage.label(lang()), max, &cite(param)])
        }
        Violation::SubsidyNotStandard { standard } => Msg::VSubsidyNotStandard.fmt(&[standard]),
        Violation::SubsidyNotForKind { kind, param } => {
            Msg::VSubsidyNotForKind.fmt(&[&kind.label(lang()), &cite(param)])
        }
        Violation::SubsidyWithoutNaming => Msg::VSubsidyWithoutNaming.text().to_string(),
        Violation::SubsidyRepeated { first } => {
            Msg::VSubsidyRepeated.fmt(&[&first.format("%Y-%m-%d")])
        }
        Violation::VoucherUsed { voucher } => Msg::VVoucherUsed.fmt(&[voucher]),
    };
    Msg::ViolationLine.fmt(&[&v.rule(), &text])
}

/// A carrier rule's description, evidence and gap (`union carrier apply`).
pub fn carrier_words(
    v: &crate::domain::carriers::CarrierVerdict,
    programme: &str,
) -> (String, String, Option<String>) {
    use crate::domain::carriers::{CarrierFinding as F, CarrierRule as R};
    let sep = Msg::ListSep.text();
    let rule = match v.rule {
        R::LevelFits => Msg::RuleCarrierLevel,
        R::Criteria => Msg::RuleCarrierCriteria,
        R::Leader => Msg::RuleCarrierLeader,
        R::NotYetNamed => Msg::RuleCarrierNotYetNamed,
    }
    .text()
    .to_string();
    let (evidence, gap) = match &v.finding {
        F::LevelFits { stars } => {
            let e = if *stars {
                Msg::CarrierByStars.fmt(&[&programme])
            } else {
                Msg::CarrierByTier.fmt(&[&programme])
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
                Msg::NoneWord.text().to_string()
            } else {
                met.join(sep)
            };
            (
                Msg::CarrierCriteriaMet.fmt(&[&met, &required.join(sep)]),
                Some(Msg::CarrierCriteriaMissing.fmt(&[&missing.join(sep)])),
            )
        }
        F::Leader {
            leader,
            qualifies_by,
            alive,
        } => {
            let e = match (leader, qualifies_by) {
                (None, _) => Msg::CarrierNoLeader.text().to_string(),
                (Some(l), _) if !alive => Msg::CarrierLeaderDeceased.fmt(&[&l.name]),
                (Some(l), Some(by)) => Msg::CarrierLeaderHonour.fmt(&[&l.name, by]),
                (Some(l), None) => Msg::CarrierLeaderNoHonour.fmt(&[&l.name]),
            };
            (e.clone(), Some(e))
        }
        F::NotYetNamed { held } => {
            let e = match held {
                Some((l, Some(on))) => Msg::CarrierHeld.fmt(&[&l.label(lang()), &date(*on)]),
                Some((l, None)) => Msg::CarrierHeldUndated.fmt(&[&l.label(lang())]),
                None => Msg::CarrierNotHeld.text().to_string(),
            };
            (e.clone(), Some(e))
        }
    };
    (rule, evidence, if v.passed { None } else { gap })
}
