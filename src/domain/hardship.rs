//! Hardship files as the policy keeps them: one open file per person (and per household when a
//! 户号 is given), a reason for every closing, a yearly review, and the type a family's income
//! gives against the dated 低保 standard. Pure: the standard and the dates are passed in.

use chrono::{Months, NaiveDate};

use super::codes::HardshipType;
use super::values::Money;

/// A family's income as the file states it: 家庭年收入, 刚性支出 (rigid expenses, such as
/// medical bills, deducted first) and 家庭人口.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Income {
    pub annual: Money,
    pub rigid: Money,
    pub size: i64,
}

impl Income {
    /// The income per person per month after rigid expenses, in fen rounded down (never below
    /// zero).
    pub fn per_capita_monthly(&self) -> Money {
        let net = i128::from(self.annual.fen()).saturating_sub(i128::from(self.rigid.fen()));
        let per = net.max(0) / (12 * i128::from(self.size.max(1)));
        Money::from_fen(i64::try_from(per).unwrap_or(i64::MAX))
    }

    /// The type the income gives against the monthly 低保 standard per person: 深度困难 below
    /// the standard, 相对困难 below twice it, none at or above twice it. Compared in whole fen
    /// without division: `net < 12 × size × standard`.
    pub fn classify(&self, standard: Money) -> Option<HardshipType> {
        let net = (i128::from(self.annual.fen()) - i128::from(self.rigid.fen())).max(0);
        let line = 12 * i128::from(self.size.max(1)) * i128::from(standard.fen());
        if net < line {
            Some(HardshipType::Deep)
        } else if net < 2 * line {
            Some(HardshipType::Relative)
        } else {
            None
        }
    }

    /// Whether a declared type contradicts the income: 深度 and 相对 must be what the income
    /// gives; 意外致困 (an accident) is not a matter of income.
    pub fn contradicts(&self, declared: HardshipType, standard: Money) -> bool {
        declared != HardshipType::Accident && self.classify(standard) != Some(declared)
    }
}

/// A file is due for its review on `date` when it is open and its last review (or, never
/// reviewed, its opening) is `months` or more before it.
pub fn review_due(
    opened_on: NaiveDate,
    reviewed_on: Option<NaiveDate>,
    closed_on: Option<NaiveDate>,
    months: u32,
    date: NaiveDate,
) -> bool {
    let open = opened_on <= date && closed_on.is_none_or(|c| c > date);
    let last = reviewed_on.map_or(opened_on, |r| r.max(opened_on));
    open && last
        .checked_add_months(Months::new(months))
        .is_some_and(|due| due <= date)
}

/// A household number (户号) as it is kept and compared: full-width forms folded, blanks
/// removed and letters in upper case, so `lx-101`, `ＬＸ－１０１` and ` LX-101 ` are one household.
pub fn household_key(text: &str) -> String {
    super::cell::fold(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_household_number_is_one_however_it_is_typed() {
        for typed in ["lx-101", "ＬＸ－１０１", " LX-101 ", "LX - 101", "Lx-101"] {
            assert_eq!(household_key(typed), "LX-101", "{typed}");
        }
        assert_ne!(household_key("LX-101"), household_key("LX-1010"));
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn yuan(y: i64) -> Money {
        Money::from_fen(y * 100)
    }

    #[test]
    fn income_gives_the_type_at_one_and_two_times_the_standard() {
        let standard = yuan(1000);
        // Three people, 12 months: the line is 36,000 yuan a year after rigid expenses.
        let family = |annual, rigid| Income {
            annual: yuan(annual),
            rigid: yuan(rigid),
            size: 3,
        };
        assert_eq!(
            family(35_999, 0).classify(standard),
            Some(HardshipType::Deep)
        );
        assert_eq!(
            family(36_000, 0).classify(standard),
            Some(HardshipType::Relative)
        );
        assert_eq!(
            family(40_000, 4_001).classify(standard),
            Some(HardshipType::Deep)
        );
        assert_eq!(
            family(71_999, 0).classify(standard),
            Some(HardshipType::Relative)
        );
        assert_eq!(family(72_000, 0).classify(standard), None);
        assert_eq!(
            family(72_000, 0).per_capita_monthly(),
            Money::from_fen(200_000)
        );
        assert_eq!(family(0, 5_000).per_capita_monthly(), Money::from_fen(0));
        // No overflow, whatever the cells say.
        let huge = Income {
            annual: Money::from_fen(i64::MAX),
            rigid: Money::from_fen(i64::MIN + 1),
            size: i64::MAX,
        };
        assert_eq!(huge.classify(standard), Some(HardshipType::Deep));
        assert_eq!(huge.per_capita_monthly(), Money::from_fen(0));
        assert!(family(72_000, 0).contradicts(HardshipType::Relative, standard));
        assert!(family(10_000, 0).contradicts(HardshipType::Relative, standard));
        assert!(!family(10_000, 0).contradicts(HardshipType::Deep, standard));
        assert!(!family(99_000, 0).contradicts(HardshipType::Accident, standard));
    }

    #[test]
    fn a_review_is_due_twelve_months_after_the_last() {
        let opened = d("2024-03-15");
        assert!(!review_due(opened, None, None, 12, d("2025-03-14")));
        assert!(review_due(opened, None, None, 12, d("2025-03-15")));
        let reviewed = Some(d("2025-03-01"));
        assert!(!review_due(opened, reviewed, None, 12, d("2026-02-28")));
        assert!(review_due(opened, reviewed, None, 12, d("2026-03-01")));
        // Closed files are not reviewed; nor files not yet open.
        assert!(!review_due(
            opened,
            None,
            Some(d("2025-01-01")),
            12,
            d("2026-01-01")
        ));
        assert!(!review_due(opened, None, None, 12, d("2024-01-01")));
        // A file closed later was open on the day; one closed that day no longer is.
        assert!(review_due(
            opened,
            None,
            Some(d("2026-01-01")),
            12,
            d("2025-12-31")
        ));
        assert!(!review_due(
            opened,
            None,
            Some(d("2025-12-31")),
            12,
            d("2025-12-31")
        ));
        // A review dated before the opening counts from the opening.
        assert!(!review_due(
            opened,
            Some(d("2020-01-01")),
            None,
            12,
            d("2025-03-14")
        ));
    }
}
