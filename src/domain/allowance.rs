//! Monthly payouts owed and paid (issue 14, point 2): the months a payout covers (所属期间),
//! the months and amounts a person is owed a category paid by the month — the honour allowance
//! (劳模荣誉津贴) by default, and 劳模生活补助 or 生活困难补助 where `payout.monthly` lists them —
//! and what a year's payouts leave missing, short, over or paid twice. Pure: the facts, the
//! dated parameters and "today" are passed in.
//!
//! When a month is owed: from `allowance.honor.start_months` (`payout.monthly.start_months` for
//! the other categories) months after the month in which the payout rules first let the person
//! be paid the category (retired and holding an honour that earns the allowance; a model in
//! need; a hardship file open), default 1: the month after, which no source states. It is owed
//! for every month whose first day still finds them so: the month of a death is owed whatever
//! its day (停发 from the month after, as a payment on the day of death is allowed); a
//! revocation on the 15th leaves that month owed and stops the next, one on the 1st stops that
//! month. The standard is the one in force on the first day of the month — for the honour
//! allowance at the treatment level held then (a higher honour counts from the month its start
//! rule allows) — and a change of standard dated mid-month counts from the next month.

use chrono::{Months, NaiveDate};

use super::codes::{Level, PayoutCategory};
use super::payout_rules::{self, Recipient};
use super::policy::{self, Book};
use super::values::Money;

pub use super::period::{month_of, Period, MAX_PERIOD_MONTHS};

/// One month a person is owed a monthly category: the month's first day, the treatment level
/// held (the honour allowance's standard depends on it) and the standard then in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owed {
    pub month: NaiveDate,
    pub level: Option<Level>,
    pub standard: Money,
}

/// The months of `span` that `who` is owed `category` (one `payout.monthly` may list), with the
/// standard of each: a month is owed when the payout rules would let the person be paid the
/// category ([`payout_rules::entitled`]) on the last day of the month its start parameter
/// counts from and on its own first day (see the module's comment).
pub fn owed(category: PayoutCategory, who: &Recipient, span: Period, book: &Book) -> Vec<Owed> {
    span.months()
        .filter_map(|first| {
            let policy = book.on(first);
            // The last day of the month whose entitlement starts this one.
            let back = u32::try_from(policy.int(policy::monthly_start_key(category))).unwrap_or(0);
            let started = first
                .checked_sub_months(Months::new(back))?
                .checked_add_months(Months::new(1))?
                .pred_opt()?;
            let holds =
                |date: &NaiveDate| payout_rules::entitled(category, who, *date, &policy).is_empty();
            let held: Vec<NaiveDate> = [started, first].into_iter().filter(holds).collect();
            // Entitled by the end of the month it counts from and still on this month's first
            // day; with a start of 0 months that end is this month's last day, and a month
            // entitled on its first day or its last (a retirement, or a death, mid-month) is owed.
            let owed = if back > 0 {
                held.len() == 2
            } else {
                !held.is_empty()
            };
            if !owed {
                return None;
            }
            let level = held
                .iter()
                .map(|d| who.treatment_level(*d, &policy))
                .min()
                .flatten();
            let standard = policy.money(policy::monthly_standard_key(category, level)?);
            Some(Owed {
                month: first,
                level,
                standard,
            })
        })
        .collect()
}

fn plus(a: Money, b: Money) -> Money {
    Money::from_fen(a.fen().saturating_add(b.fen()))
}

/// One payout of a monthly category as the reconciliation sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paid {
    pub id: i64,
    pub paid_on: NaiveDate,
    pub period: Period,
    pub amount: Money,
}

/// What a year's allowance payouts leave wrong for one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Owed months, due by today, that no payout covers (a run of months, with what they owe).
    Missing { months: Period, owed: Money },
    /// A payout of the year paid less than its months owe.
    Short {
        payout: i64,
        months: Period,
        owed: Money,
        paid: Money,
    },
    /// A payout of the year paid more than its months owe (months not owed owe nothing).
    Over {
        payout: i64,
        months: Period,
        owed: Money,
        paid: Money,
    },
    /// Months covered by two payouts or more (the payouts, by id).
    Twice { months: Period, payouts: Vec<i64> },
}

impl Finding {
    /// The first month the finding is about, for ordering.
    pub fn months(&self) -> Period {
        match self {
            Finding::Missing { months, .. }
            | Finding::Short { months, .. }
            | Finding::Over { months, .. }
            | Finding::Twice { months, .. } => *months,
        }
    }
}

/// Holds a person's allowance payouts against what they are owed in `year`: the months of the
/// year owed and due (their first day not after `today`) that no payout covers; each payout paid
/// in the year whose amount is not what its months owe; the months of the year two payouts
/// cover. `owed` must cover the year and every payout's months. In month order.
pub fn reconcile(owed: &[Owed], paid: &[Paid], year: Period, today: NaiveDate) -> Vec<Finding> {
    let owed_in = |m: NaiveDate| owed.iter().find(|o| o.month == m).map(|o| o.standard);
    let mut out = Vec::new();
    // Runs of months with the same state: (period, what it is, its amount).
    let mut missing: Option<(Period, Money)> = None;
    let mut twice: Option<(Period, Vec<i64>)> = None;
    for m in year.months() {
        let covering: Vec<i64> = paid
            .iter()
            .filter(|p| p.period.holds(m))
            .map(|p| p.id)
            .collect();
        match owed_in(m) {
            Some(standard) if covering.is_empty() && m <= today => {
                missing = Some(match missing.take() {
                    Some((p, sum)) => (Period { to: m, ..p }, plus(sum, standard)),
                    None => (Period::month(m), standard),
                });
            }
            _ => {
                if let Some((months, owed)) = missing.take() {
                    out.push(Finding::Missing { months, owed });
                }
            }
        }
        match twice.take() {
            // A run holds two payouts or more; the same ones go on with it.
            Some((p, ids)) if ids == covering => {
                twice = Some((Period { to: m, ..p }, ids));
            }
            earlier => {
                if let Some((months, payouts)) = earlier {
                    out.push(Finding::Twice { months, payouts });
                }
                if covering.len() > 1 {
                    twice = Some((Period::month(m), covering));
                }
            }
        }
    }
    if let Some((months, owed)) = missing {
        out.push(Finding::Missing { months, owed });
    }
    if let Some((months, payouts)) = twice {
        out.push(Finding::Twice { months, payouts });
    }
    for p in paid.iter().filter(|p| year.holds(month_of(p.paid_on))) {
        let due = p
            .period
            .months()
            .filter_map(owed_in)
            .fold(Money::from_fen(0), plus);
        let (months, owed, paid) = (p.period, due, p.amount);
        if paid < due {
            out.push(Finding::Short {
                payout: p.id,
                months,
                owed,
                paid,
            });
        } else if paid > due {
            out.push(Finding::Over {
                payout: p.id,
                months,
                owed,
                paid,
            });
        }
    }
    out.sort_by_key(|f| f.months().from);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cell::Cell;
    use crate::domain::codes::{PersonStatus, Title};
    use crate::domain::eligibility::Honour;
    use crate::domain::invalid::Invalid;
    use crate::domain::payout_rules::HardshipSpan;
    use crate::domain::policy::Dated;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn m(s: &str) -> NaiveDate {
        d(&format!("{s}-01"))
    }

    fn period(text: &str) -> Result<Period, Invalid> {
        Period::parse(&Cell::Text(text.to_string()))
    }

    fn span(from: &str, to: &str) -> Period {
        Period {
            from: m(from),
            to: m(to),
        }
    }

    fn yuan(y: i64) -> Money {
        Money::from_fen(y * 100)
    }

    fn book(rows: &[(&str, &str, &str)]) -> Book {
        Book::new(
            rows.iter()
                .map(|(k, from, v)| Dated {
                    key: k.to_string(),
                    valid_from: d(from),
                    value: v.to_string(),
                    reference: None,
                })
                .collect(),
        )
    }

    /// A retired provincial model (2010), retired on `retired`.
    fn model(retired: &str) -> Recipient {
        let mut who = Recipient::unknown();
        who.status = PersonStatus::Retired;
        who.retired_on = Some(d(retired));
        who.titles
            .push(Honour::new(Title::ProvincialModel, Some(2010)));
        who
    }

    fn months(who: &Recipient, from: &str, to: &str, book: &Book) -> Vec<String> {
        owed(PayoutCategory::HonorAllowance, who, span(from, to), book)
            .iter()
            .map(|o| format!("{}:{}", Period::month(o.month).code(), o.standard))
            .collect()
    }

    #[test]
    fn periods_are_read_in_the_forms_ledgers_write() {
        for (text, code) in [
            ("2026-03", "2026-03"),
            ("2026-3", "2026-03"),
            ("2026年3月", "2026-03"),
            ("2026年3月份", "2026-03"),
            ("202603", "2026-03"),
            ("2026/03", "2026-03"),
            ("2026-01~2026-06", "2026-01~2026-06"),
            ("2026-01～2026-06", "2026-01~2026-06"),
            ("２０２６－０１～２０２６－０６", "2026-01~2026-06"),
            ("2026.1-2026.6", "2026-01~2026-06"),
            ("2026年1月-6月", "2026-01~2026-06"),
            ("2026年1月至6月", "2026-01~2026-06"),
            ("2026年1月至2026年6月", "2026-01~2026-06"),
            ("2026-01~06", "2026-01~2026-06"),
            ("202601-202606", "2026-01~2026-06"),
            ("2025-11~2026-02", "2025-11~2026-02"),
            (" 2026-03 ", "2026-03"),
            // A quarter, a half or a whole year by name.
            ("2026年第一季度", "2026-01~2026-03"),
            ("2026年一季度", "2026-01~2026-03"),
            ("2026年第2季度", "2026-04~2026-06"),
            ("2026Q3", "2026-07~2026-09"),
            ("2026年q4", "2026-10~2026-12"),
            ("２０２６年第四季度", "2026-10~2026-12"),
            ("2026年上半年", "2026-01~2026-06"),
            ("2026年下半年", "2026-07~2026-12"),
            ("2026年全年", "2026-01~2026-12"),
            ("2026年度", "2026-01~2026-12"),
        ] {
            assert_eq!(
                period(text).map(|p| p.code()),
                Ok(code.to_string()),
                "{text}"
            );
        }
        assert_eq!(
            Period::parse(&Cell::Date(d("2026-03-17"))).map(|p| p.code()),
            Ok("2026-03".to_string())
        );
        assert_eq!(
            Period::parse(&Cell::Number(202_603.0)).map(|p| p.code()),
            Ok("2026-03".to_string())
        );
        for bad in [
            "2026-01-05",
            "2026",
            "2026-13",
            "2026-00",
            "26-03",
            "1899-12",
            "2026-03 上半年",
            "2026-01~2026-06~2026-09",
            // Four numbers with no mark between the months: not read as a range.
            "2026/01/2026/06",
            "2026年1月2026年6月",
            "=2026-01",
            "2026-001",
            "",
            "2026年第五季度",
            "2026年一",
            "2026年季度",
            "上半年",
            "26年上半年",
            "2026年上半",
        ] {
            assert_eq!(period(bad), Err(Invalid::PeriodFormat), "{bad}");
        }
        // A number that is not a whole YYYYMM: 2026.1 may have been typed 2026.10 (Excel keeps
        // no trailing zero), so a decimal is refused rather than read as January.
        for n in [45_000.0, 202_603.5, 2026.03, 2026.1, 189_912.0, 210_101.0] {
            assert_eq!(
                Period::parse(&Cell::Number(n)),
                Err(Invalid::PeriodFormat),
                "{n}"
            );
        }
        assert_eq!(Period::parse(&Cell::Bool(true)), Err(Invalid::PeriodFormat));
        assert_eq!(
            period("2026-06~2026-01"),
            Err(Invalid::PeriodEndBeforeStart {
                from: "2026-06".to_string(),
                to: "2026-01".to_string()
            })
        );
        // Two years at most: 2025-01~2026-12 is 24 months, one more is a typo.
        assert_eq!(period("2025-01~2026-12").map(|p| p.len()), Ok(24));
        assert_eq!(
            period("2024-12~2026-12"),
            Err(Invalid::PeriodTooLong {
                months: 25,
                max: 24
            })
        );
    }

    #[test]
    fn periods_count_hold_and_overlap_by_month() {
        let p = span("2025-11", "2026-02");
        assert_eq!(p.len(), 4);
        assert_eq!(Period::month(d("2024-02-29")).len(), 1);
        assert!(p.holds(m("2025-11")) && p.holds(m("2026-02")));
        assert!(!p.holds(m("2025-10")) && !p.holds(m("2026-03")));
        assert_eq!(
            p.overlap(&span("2026-02", "2026-05")),
            Some(span("2026-02", "2026-02"))
        );
        assert_eq!(p.overlap(&span("2026-03", "2026-05")), None);
        assert_eq!(
            p.union(&span("2026-03", "2026-05")),
            span("2025-11", "2026-05")
        );
        assert_eq!(
            p.months().collect::<Vec<_>>(),
            [m("2025-11"), m("2025-12"), m("2026-01"), m("2026-02")]
        );
        assert_eq!(Period::year(2026), Some(span("2026-01", "2026-12")));
        assert_eq!(month_of(d("2026-03-31")), m("2026-03"));
    }

    #[test]
    fn owed_from_the_month_after_retirement_on_its_last_or_first_day() {
        let b = book(&[]);
        // Retired on the last day of March or the first: April is the first month owed.
        for retired in ["2026-03-31", "2026-03-01"] {
            assert_eq!(
                months(&model(retired), "2026-02", "2026-05", &b),
                ["2026-04:300.00", "2026-05:300.00"],
                "{retired}"
            );
        }
        // Retired on 1 April: from May.
        assert_eq!(
            months(&model("2026-04-01"), "2026-03", "2026-05", &b),
            ["2026-05:300.00"]
        );
        // The month itself, when the parameter says 0.
        let same = book(&[("allowance.honor.start_months", "1900-01-01", "0")]);
        assert_eq!(
            months(&model("2026-03-31"), "2026-02", "2026-04", &same),
            ["2026-03:300.00", "2026-04:300.00"]
        );
        assert_eq!(
            months(&model("2026-04-01"), "2026-02", "2026-04", &same),
            ["2026-04:300.00"]
        );
    }

    #[test]
    fn with_a_start_of_0_the_month_of_retirement_and_of_death_are_owed() {
        let same = book(&[("allowance.honor.start_months", "1900-01-01", "0")]);
        // Retired mid-March, died mid-May: March to May.
        let mut who = model("2026-03-15");
        who.died_on = Some(d("2026-05-15"));
        assert_eq!(
            months(&who, "2026-02", "2026-06", &same),
            ["2026-03:300.00", "2026-04:300.00", "2026-05:300.00"]
        );
        // Revoked on the 10th of April: April is owed (held on its first day), May not.
        let mut revoked = model("2026-03-15");
        revoked.titles = vec![Honour {
            revoked_on: Some(d("2026-04-10")),
            ..Honour::new(Title::ProvincialModel, Some(2010))
        }];
        assert_eq!(
            months(&revoked, "2026-03", "2026-05", &same),
            ["2026-03:300.00", "2026-04:300.00"]
        );
    }

    fn file(opened: &str, closed: Option<&str>) -> HardshipSpan {
        HardshipSpan {
            opened_on: d(opened),
            closed_on: closed.map(d),
            income: None,
            exit: None,
        }
    }

    fn owed_codes(
        category: PayoutCategory,
        who: &Recipient,
        from: &str,
        to: &str,
        b: &Book,
    ) -> Vec<String> {
        owed(category, who, span(from, to), b)
            .iter()
            .map(|o| format!("{}:{}", Period::month(o.month).code(), o.standard))
            .collect()
    }

    #[test]
    fn other_monthly_categories_are_owed_while_their_rule_holds() {
        let b = book(&[
            (
                "payout.monthly.standard.hardship_aid",
                "2026-05-01",
                "600.00",
            ),
            ("payout.monthly.start_months", "1900-01-01", "1"),
        ]);
        // A hardship file opened on 15 March and closed on 20 June (the grace of 12 months
        // keeps hardship aid payable after it): owed from April, at 500 then 600 from May.
        let mut who = Recipient::unknown();
        who.hardship = vec![file("2026-03-15", Some("2026-06-20"))];
        let aid = PayoutCategory::HardshipAid;
        assert_eq!(
            owed_codes(aid, &who, "2026-02", "2026-05", &b),
            ["2026-04:500.00", "2026-05:600.00"]
        );
        // Opened on 31 March: April too; on 1 April: from May.
        who.hardship = vec![file("2026-03-31", None)];
        assert_eq!(
            owed_codes(aid, &who, "2026-03", "2026-04", &b),
            ["2026-04:500.00"]
        );
        who.hardship = vec![file("2026-04-01", None)];
        assert_eq!(
            owed_codes(aid, &who, "2026-03", "2026-05", &b),
            ["2026-05:600.00"]
        );
        // 劳模生活补助: a model in need, and not one without a title or without need.
        let living = PayoutCategory::LivingSubsidy;
        let mut model_in_need = model("2030-01-01");
        model_in_need.hardship = vec![file("2026-01-10", None)];
        assert_eq!(
            owed_codes(living, &model_in_need, "2026-01", "2026-02", &b),
            ["2026-02:500.00"]
        );
        model_in_need.titles.clear();
        assert!(owed_codes(living, &model_in_need, "2026-01", "2026-03", &b).is_empty());
        assert!(owed_codes(living, &model("2020-01-01"), "2026-01", "2026-03", &b).is_empty());
        // A category that cannot be owed by the month owes nothing.
        assert!(owed_codes(
            PayoutCategory::FestivalCondolence,
            &who,
            "2026-01",
            "2026-12",
            &b
        )
        .is_empty());
    }

    #[test]
    fn owed_from_the_month_after_the_honour_when_it_comes_later() {
        let b = book(&[]);
        let mut who = model("2019-06-30");
        who.titles = vec![Honour::new(Title::CityModel, Some(2020))];
        // A title counts from 1 January of its year: owed from February.
        assert_eq!(months(&who, "2019-12", "2020-02", &b), ["2020-02:200.00"]);
        // A provincial title in 2022 raises the standard from February 2022.
        who.titles
            .push(Honour::new(Title::ProvincialModel, Some(2022)));
        assert_eq!(
            months(&who, "2021-12", "2022-02", &b),
            ["2021-12:200.00", "2022-01:200.00", "2022-02:300.00"]
        );
    }

    #[test]
    fn owed_until_death_or_revocation_the_month_of_it_included_unless_on_the_first() {
        let b = book(&[]);
        let mut who = model("2020-01-15");
        who.died_on = Some(d("2026-03-15"));
        who.status = PersonStatus::Deceased;
        assert_eq!(
            months(&who, "2026-02", "2026-04", &b),
            ["2026-02:300.00", "2026-03:300.00"]
        );
        // Died on the 1st: alive that day, so that month is owed too; on the last day of the
        // month before: not.
        who.died_on = Some(d("2026-03-01"));
        assert_eq!(
            months(&who, "2026-02", "2026-04", &b),
            ["2026-02:300.00", "2026-03:300.00"]
        );
        who.died_on = Some(d("2026-02-28"));
        assert_eq!(months(&who, "2026-02", "2026-04", &b), ["2026-02:300.00"]);
        // On file as deceased with no date: nothing is owed.
        who.died_on = None;
        assert_eq!(months(&who, "2026-02", "2026-04", &b), Vec::<String>::new());
        // Revoked on the 10th: that month owed, the next not; on the 1st: not that month.
        let mut revoked = model("2020-01-15");
        revoked.titles = vec![Honour {
            revoked_on: Some(d("2026-03-10")),
            ..Honour::new(Title::ProvincialModel, Some(2010))
        }];
        assert_eq!(
            months(&revoked, "2026-02", "2026-04", &b),
            ["2026-02:300.00", "2026-03:300.00"]
        );
        revoked.titles[0].revoked_on = Some(d("2026-03-01"));
        assert_eq!(
            months(&revoked, "2026-02", "2026-04", &b),
            ["2026-02:300.00"]
        );
        // A city title left after a provincial one is revoked: the city standard from the next
        // month.
        revoked
            .titles
            .push(Honour::new(Title::CityModel, Some(2005)));
        assert_eq!(
            months(&revoked, "2026-02", "2026-04", &b),
            ["2026-02:300.00", "2026-03:200.00", "2026-04:200.00"]
        );
        // Not retired, not a model, or below the minimum level: nothing.
        let mut working = model("2030-01-01");
        assert_eq!(
            months(&working, "2026-01", "2026-02", &b),
            Vec::<String>::new()
        );
        working.retired_on = Some(d("2020-01-01"));
        working.titles = vec![Honour::new(Title::DistrictModel, Some(2010))];
        assert_eq!(
            months(&working, "2026-01", "2026-02", &b),
            Vec::<String>::new()
        );
        let provincial_only = book(&[("allowance.honor.min_level", "2026-02-01", "provincial")]);
        let mut city = model("2020-01-01");
        city.titles = vec![Honour::new(Title::CityModel, Some(2010))];
        assert_eq!(
            months(&city, "2026-01", "2026-02", &provincial_only),
            ["2026-01:200.00"]
        );
    }

    #[test]
    fn the_standard_in_force_on_the_first_of_each_month() {
        let b = book(&[
            ("allowance.honor.monthly.provincial", "2026-07-01", "350.00"),
            ("allowance.honor.monthly.provincial", "2026-09-15", "400.00"),
        ]);
        assert_eq!(
            months(&model("2020-01-01"), "2026-06", "2026-10", &b),
            [
                "2026-06:300.00",
                "2026-07:350.00",
                "2026-08:350.00",
                "2026-09:350.00",
                "2026-10:400.00"
            ]
        );
        // National standard for a national title.
        let mut national = model("2020-01-01");
        national
            .titles
            .push(Honour::new(Title::NationalModel, Some(2015)));
        assert_eq!(
            months(&national, "2026-06", "2026-06", &b),
            ["2026-06:500.00"]
        );
    }

    #[test]
    fn leap_years_and_year_ends() {
        let b = book(&[]);
        // Retired on 29 February 2024: from March; on 31 December: from January.
        assert_eq!(
            months(&model("2024-02-29"), "2024-02", "2024-03", &b),
            ["2024-03:300.00"]
        );
        assert_eq!(
            months(&model("2025-12-31"), "2025-12", "2026-01", &b),
            ["2026-01:300.00"]
        );
        let mut who = model("2020-01-01");
        who.died_on = Some(d("2024-02-29"));
        assert_eq!(months(&who, "2024-02", "2024-03", &b), ["2024-02:300.00"]);
    }

    fn owed_year(standard: i64, from: &str, to: &str) -> Vec<Owed> {
        span(from, to)
            .months()
            .map(|month| Owed {
                month,
                level: Some(Level::Provincial),
                standard: yuan(standard),
            })
            .collect()
    }

    fn paid(id: i64, on: &str, from: &str, to: &str, amount: i64) -> Paid {
        Paid {
            id,
            paid_on: d(on),
            period: span(from, to),
            amount: yuan(amount),
        }
    }

    #[test]
    fn reconcile_finds_missing_short_over_and_twice() {
        let year = span("2026-01", "2026-12");
        let owed = owed_year(300, "2026-01", "2026-12");
        let today = d("2026-12-31");
        // Paid right: nothing.
        assert_eq!(
            reconcile(
                &owed,
                &[
                    paid(1, "2026-01-10", "2026-01", "2026-06", 1800),
                    paid(2, "2026-07-10", "2026-07", "2026-12", 1800)
                ],
                year,
                today
            ),
            []
        );
        let found = reconcile(
            &owed,
            &[
                paid(1, "2026-01-10", "2026-01", "2026-03", 900),
                paid(2, "2026-03-10", "2026-03", "2026-03", 300),
                paid(3, "2026-05-10", "2026-05", "2026-05", 200),
                paid(4, "2026-06-10", "2026-06", "2026-06", 400),
            ],
            year,
            today,
        );
        assert_eq!(
            found,
            [
                Finding::Twice {
                    months: span("2026-03", "2026-03"),
                    payouts: vec![1, 2]
                },
                Finding::Missing {
                    months: span("2026-04", "2026-04"),
                    owed: yuan(300)
                },
                Finding::Short {
                    payout: 3,
                    months: span("2026-05", "2026-05"),
                    owed: yuan(300),
                    paid: yuan(200)
                },
                Finding::Over {
                    payout: 4,
                    months: span("2026-06", "2026-06"),
                    owed: yuan(300),
                    paid: yuan(400)
                },
                Finding::Missing {
                    months: span("2026-07", "2026-12"),
                    owed: yuan(1800)
                },
            ]
        );
    }

    #[test]
    fn months_not_yet_due_are_not_missing() {
        let year = span("2026-01", "2026-12");
        let owed = owed_year(300, "2026-01", "2026-12");
        let paid_h1 = [paid(1, "2026-01-10", "2026-01", "2026-06", 1800)];
        // On 30 June July is not due; on 1 July it is.
        assert_eq!(reconcile(&owed, &paid_h1, year, d("2026-06-30")), []);
        assert_eq!(
            reconcile(&owed, &paid_h1, year, d("2026-07-01")),
            [Finding::Missing {
                months: span("2026-07", "2026-07"),
                owed: yuan(300)
            }]
        );
    }

    #[test]
    fn reconcile_counts_months_not_owed_as_over_and_keeps_runs_apart() {
        // Owed from April only: a payout for March and April pays one month too many.
        let year = span("2026-01", "2026-12");
        let owed = owed_year(300, "2026-04", "2026-05");
        assert_eq!(
            reconcile(
                &owed,
                &[paid(7, "2026-04-02", "2026-03", "2026-04", 600)],
                year,
                d("2026-04-30")
            ),
            [Finding::Over {
                payout: 7,
                months: span("2026-03", "2026-04"),
                owed: yuan(300),
                paid: yuan(600)
            }]
        );
        // Two months paid twice by the same two payouts are one run.
        let year = span("2026-01", "2026-12");
        let owed = owed_year(300, "2026-01", "2026-02");
        assert_eq!(
            reconcile(
                &owed,
                &[
                    paid(1, "2026-01-05", "2026-01", "2026-02", 600),
                    paid(2, "2026-01-06", "2026-01", "2026-02", 600)
                ],
                year,
                d("2026-02-28")
            ),
            [Finding::Twice {
                months: span("2026-01", "2026-02"),
                payouts: vec![1, 2]
            }]
        );
        // A payout paid the year before is judged in its own year; its months still count as
        // covered, and runs of months paid twice by different pairs are apart.
        let owed = owed_year(300, "2025-12", "2026-12");
        let found = reconcile(
            &owed,
            &[
                paid(1, "2025-12-20", "2025-12", "2026-02", 600),
                paid(2, "2026-01-05", "2026-01", "2026-01", 300),
                paid(3, "2026-02-05", "2026-02", "2026-03", 600),
            ],
            year,
            d("2026-03-31"),
        );
        assert_eq!(
            found,
            [
                Finding::Twice {
                    months: span("2026-01", "2026-01"),
                    payouts: vec![1, 2]
                },
                Finding::Twice {
                    months: span("2026-02", "2026-02"),
                    payouts: vec![1, 3]
                },
            ]
        );
    }
}
