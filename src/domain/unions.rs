//! Base-level unions (基层工会): when a committee's term falls due, and what the membership
//! figures of one union may be. Pure: dates and the term in force are passed in.

use chrono::{Days, Months, NaiveDate};

use super::codes::UnionForm;

/// The day a committee formed on `formed` completes a term of `years` years: the same day
/// `years` later (28 February for a 29 February), when the next one should be elected.
pub fn term_due(formed: NaiveDate, years: i64) -> NaiveDate {
    let months = u32::try_from(years.clamp(0, 100) * 12).unwrap_or(0);
    formed
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a term due on `due` is to be listed on `date` looking `within` days ahead: due on
/// or before `date + within`, overdue ones included.
pub fn due_within(due: NaiveDate, date: NaiveDate, within: u32) -> bool {
    let horizon = date
        .checked_add_days(Days::new(u64::from(within)))
        .unwrap_or(NaiveDate::MAX);
    due <= horizon
}

/// What is wrong with a union's figures taken together, each problem once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureProblem {
    /// More members than workers.
    MembersOverWorkers,
    /// More women members than members.
    WomenOverMembers,
    /// More migrant-worker members than members.
    MigrantOverMembers,
    /// The current committee was formed before the union.
    CommitteeBeforeFounding,
    /// A union of one unit (单独建会) said to cover several.
    SingleCoversMany,
}

/// One union's figures as a row gives them (blank is `None`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    pub form: Option<UnionForm>,
    pub units_covered: Option<i64>,
    pub founded_on: Option<NaiveDate>,
    pub committee_on: Option<NaiveDate>,
    pub workers: Option<i64>,
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    pub migrant_members: Option<i64>,
}

/// The problems of `f`, in the order of the ledger's columns.
pub fn check(f: &Figures) -> Vec<FigureProblem> {
    let mut out = Vec::new();
    let over = |a: Option<i64>, b: Option<i64>| matches!((a, b), (Some(a), Some(b)) if a > b);
    if f.form == Some(UnionForm::Single) && f.units_covered.is_some_and(|n| n > 1) {
        out.push(FigureProblem::SingleCoversMany);
    }
    if matches!((f.founded_on, f.committee_on), (Some(a), Some(c)) if c < a) {
        out.push(FigureProblem::CommitteeBeforeFounding);
    }
    if over(f.members, f.workers) {
        out.push(FigureProblem::MembersOverWorkers);
    }
    if over(f.women_members, f.members) {
        out.push(FigureProblem::WomenOverMembers);
    }
    if over(f.migrant_members, f.members) {
        out.push(FigureProblem::MigrantOverMembers);
    }
    out
}

/// The legal units a union covers: as the ledger says, or 1 for a union of one unit that
/// does not say.
pub fn units_covered(form: Option<UnionForm>, given: Option<i64>) -> i64 {
    match (given, form) {
        (Some(n), _) => n,
        (None, Some(UnionForm::Single)) => 1,
        (None, _) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_term_falls_due_on_its_anniversary() {
        assert_eq!(term_due(d("2021-06-01"), 5), d("2026-06-01"));
        assert_eq!(term_due(d("2020-02-29"), 3), d("2023-02-28"));
        assert_eq!(term_due(d("2021-06-01"), 0), d("2021-06-01"));
        assert_eq!(term_due(d("2021-06-01"), -4), d("2021-06-01"));
        assert_eq!(term_due(NaiveDate::MAX, 5), NaiveDate::MAX);
    }

    #[test]
    fn due_within_counts_both_ends_and_the_overdue() {
        let today = d("2026-05-02");
        assert!(due_within(d("2026-06-01"), today, 30));
        assert!(!due_within(d("2026-06-02"), today, 30));
        assert!(due_within(d("2026-05-02"), today, 0));
        assert!(!due_within(d("2026-05-03"), today, 0));
        assert!(due_within(d("2020-01-01"), today, 0));
        assert!(due_within(d("2030-01-01"), NaiveDate::MAX, 1));
    }

    #[test]
    fn figures_are_checked_at_their_boundaries() {
        let base = Figures {
            form: Some(UnionForm::Single),
            units_covered: Some(1),
            founded_on: Some(d("2010-01-01")),
            committee_on: Some(d("2010-01-01")),
            workers: Some(100),
            members: Some(100),
            women_members: Some(100),
            migrant_members: Some(100),
        };
        assert!(check(&base).is_empty());
        let all = Figures {
            units_covered: Some(2),
            committee_on: Some(d("2009-12-31")),
            members: Some(101),
            women_members: Some(102),
            migrant_members: Some(102),
            ..base
        };
        assert_eq!(
            check(&all),
            vec![
                FigureProblem::SingleCoversMany,
                FigureProblem::CommitteeBeforeFounding,
                FigureProblem::MembersOverWorkers,
                FigureProblem::WomenOverMembers,
                FigureProblem::MigrantOverMembers,
            ]
        );
        let joint = Figures {
            form: Some(UnionForm::Joint),
            units_covered: Some(40),
            ..base
        };
        assert!(check(&joint).is_empty());
        assert!(check(&Figures::default()).is_empty());
    }

    #[test]
    fn units_covered_defaults_to_one_for_a_single_union() {
        assert_eq!(units_covered(Some(UnionForm::Single), None), 1);
        assert_eq!(units_covered(Some(UnionForm::Joint), None), 0);
        assert_eq!(units_covered(None, None), 0);
        assert_eq!(units_covered(Some(UnionForm::Joint), Some(12)), 12);
        assert_eq!(units_covered(Some(UnionForm::Single), Some(0)), 0);
    }
}
