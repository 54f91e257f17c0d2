//! What a studio's leader and a payout's recipient share: the honours a person holds, and the
//! two statuses a person takes from a date, 退休 and 去世. Each is defined here once; the rules
//! in `eligibility` and `payout_rules` ask these, and the store's reports build their SQL from
//! them (`store::report`).

use chrono::{Datelike, NaiveDate};

use super::codes::{HonourKind, Level, PersonStatus, Title};

/// An honour a person holds: its kind, the model title or medal it is (none for the open
/// vocabulary: 江苏工匠, 技术能手 …), the level it was awarded at (a title of a county-level city
/// such as 江阴市劳动模范 is `CityModel` at [`Level::District`]; an open title may name none),
/// the year it was awarded and the day it was revoked (取消称号), if it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Honour {
    pub kind: HonourKind,
    pub title: Option<Title>,
    pub level: Option<Level>,
    pub year: Option<i32>,
    pub revoked_on: Option<NaiveDate>,
}

impl Honour {
    /// The title at the level it names, never revoked.
    pub fn new(title: Title, year: Option<i32>) -> Honour {
        Honour {
            kind: title.kind(),
            title: Some(title),
            level: Some(title.level()),
            year,
            revoked_on: None,
        }
    }

    /// Held on `date`: an honour counts from its year (one with no year, always), so a case is
    /// judged by the titles its date had — never by one awarded later; a revoked honour counts
    /// until the day before its revocation (treatment stops from that day).
    pub fn held_on(&self, date: NaiveDate) -> bool {
        self.year.is_none_or(|y| y <= date.year()) && self.revoked_on.is_none_or(|r| date < r)
    }

    /// A model title (劳动模范 or 先进工作者), at its level.
    pub fn model_level(&self) -> Option<Level> {
        self.level.filter(|_| self.kind == HonourKind::Model)
    }
}

/// A status a person takes from a date and keeps: on file with its date, it holds from that
/// day on; on file without one, it holds on every date the status is on file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatedStatus(pub PersonStatus);

/// 退休, from the retirement date (`retired_on`). A person on file as 去世 with a retirement
/// date was retired from that date.
pub const RETIRED: DatedStatus = DatedStatus(PersonStatus::Retired);

/// 去世, from the date of death (`died_on`). A person on file as 去世 without a date is taken as
/// dead on every date.
pub const DECEASED: DatedStatus = DatedStatus(PersonStatus::Deceased);

impl DatedStatus {
    /// Holds at the end of `date`: its date (`since`) on or before it, or, with no date on
    /// file, the status on file is this one.
    pub fn by(self, status: PersonStatus, since: Option<NaiveDate>, date: NaiveDate) -> bool {
        match since {
            Some(d) => d <= date,
            None => status == self.0,
        }
    }

    /// Held already before `date` began: its date before it, or, with no date on file, the
    /// status on file is this one.
    pub fn before(self, status: PersonStatus, since: Option<NaiveDate>, date: NaiveDate) -> bool {
        match since {
            Some(d) => d < date,
            None => status == self.0,
        }
    }
}

/// Alive on `date`, for a payment made that day: not dead before it began (a payment on the
/// day of death is allowed).
pub fn alive_on(status: PersonStatus, died_on: Option<NaiveDate>, date: NaiveDate) -> bool {
    !DECEASED.before(status, died_on, date)
}

/// Dead at the end of `date`: a leader who died that day no longer leads on it, and a report
/// of a window ending that day no longer counts them among the living.
pub fn dead_by(status: PersonStatus, died_on: Option<NaiveDate>, date: NaiveDate) -> bool {
    DECEASED.by(status, died_on, date)
}

/// Retired at the end of `date`.
pub fn retired_by(status: PersonStatus, retired_on: Option<NaiveDate>, date: NaiveDate) -> bool {
    RETIRED.by(status, retired_on, date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_dated_status_holds_from_its_day_and_an_undated_one_by_the_status_on_file() {
        let day = d("2025-06-30");
        for status in PersonStatus::ALL.iter().copied() {
            // The day before, the day itself and the day after.
            assert!(!RETIRED.by(status, Some(d("2025-07-01")), day));
            assert!(RETIRED.by(status, Some(day), day));
            assert!(RETIRED.by(status, Some(d("2025-06-29")), day));
            assert!(!RETIRED.before(status, Some(day), day));
            assert!(RETIRED.before(status, Some(d("2025-06-29")), day));
            assert!(!RETIRED.before(status, Some(d("2025-07-01")), day));
            let on_file = status == PersonStatus::Retired;
            assert_eq!(RETIRED.by(status, None, day), on_file, "{status:?}");
            assert_eq!(RETIRED.before(status, None, day), on_file, "{status:?}");
            assert_eq!(
                DECEASED.by(status, None, day),
                status == PersonStatus::Deceased
            );
        }
    }

    #[test]
    fn alive_on_the_day_of_death_and_dead_at_its_end() {
        let death = d("2026-01-15");
        let status = PersonStatus::Deceased;
        assert!(alive_on(status, Some(death), death));
        assert!(!alive_on(status, Some(death), d("2026-01-16")));
        assert!(dead_by(status, Some(death), death));
        assert!(!dead_by(status, Some(death), d("2026-01-14")));
        // 去世 with no date: dead on every date; any other status with no date: alive.
        assert!(!alive_on(status, None, death));
        assert!(dead_by(status, None, death));
        assert!(alive_on(PersonStatus::Retired, None, death));
        assert!(!dead_by(PersonStatus::Retired, None, death));
        assert!(retired_by(PersonStatus::Retired, None, death));
        assert!(!retired_by(PersonStatus::Active, None, death));
        assert!(retired_by(status, Some(death), death));
    }

    #[test]
    fn an_honour_counts_from_its_year() {
        let h = Honour::new(Title::ALL[0], Some(2020));
        assert!(!h.held_on(d("2019-12-31")));
        assert!(h.held_on(d("2020-01-01")));
        assert!(Honour { year: None, ..h }.held_on(d("1900-01-01")));
    }

    #[test]
    fn a_revoked_honour_counts_until_the_day_before() {
        let h = Honour {
            revoked_on: Some(d("2025-03-10")),
            ..Honour::new(Title::ALL[0], Some(2020))
        };
        assert!(h.held_on(d("2025-03-09")));
        assert!(!h.held_on(d("2025-03-10")));
        assert!(!h.held_on(d("2026-01-01")));
    }
}
