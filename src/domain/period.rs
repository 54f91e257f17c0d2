//! A run of whole months (所属期间): what a payout covers, read from a ledger's cell. Shared by
//! the payout rules (a month paid twice) and the allowance reconciliation.

use chrono::{Datelike, Months, NaiveDate};

use super::cell::Cell;
use super::invalid::Invalid;

/// The most months one payout may cover: a longer 所属期间 is taken for a typo (two years'
/// back pay is the most a ledger was seen to settle at once).
pub const MAX_PERIOD_MONTHS: u32 = 24;

/// A run of whole months, both ends included, each month named by its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The first day of `date`'s month.
pub fn month_of(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// Months since year 0, for counting.
fn index(month: NaiveDate) -> i64 {
    i64::from(month.year()) * 12 + i64::from(month.month0())
}

impl Period {
    /// The month holding `date`: what a payout without 所属期间 covers.
    pub fn month(date: NaiveDate) -> Period {
        let m = month_of(date);
        Period { from: m, to: m }
    }

    /// Calendar year `year` (none for a year chrono cannot hold).
    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 1)?,
        })
    }

    /// How many months it covers.
    pub fn len(&self) -> u32 {
        u32::try_from(index(self.to) - index(self.from) + 1).unwrap_or(0)
    }

    pub fn holds(&self, month: NaiveDate) -> bool {
        self.from <= month && month <= self.to
    }

    /// The months both cover, if any.
    pub fn overlap(&self, other: &Period) -> Option<Period> {
        let p = Period {
            from: self.from.max(other.from),
            to: self.to.min(other.to),
        };
        (p.from <= p.to).then_some(p)
    }

    /// The smallest period covering both.
    pub fn union(&self, other: &Period) -> Period {
        Period {
            from: self.from.min(other.from),
            to: self.to.max(other.to),
        }
    }

    /// Each month's first day, in order.
    pub fn months(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        let to = self.to;
        std::iter::successors(Some(self.from), |m| m.checked_add_months(Months::new(1)))
            .take_while(move |m| *m <= to)
    }

    /// `2026-03` for one month, `2026-01~2026-06` for several: how lists print it and the
    /// import reads it back.
    pub fn code(&self) -> String {
        let one = |m: NaiveDate| format!("{:04}-{:02}", m.year(), m.month());
        if self.from == self.to {
            one(self.from)
        } else {
            format!("{}~{}", one(self.from), one(self.to))
        }
    }

    /// Reads a 所属期间 cell: `2026-03`, `2026年3月`, `202603`, `2026-01~2026-06`,
    /// `2026.1-2026.6`, `2026年1月-6月`, `2026年1月至6月`, `2026-01~06`; a date cell is its month
    /// (Excel turns a typed `2026-03` into 2026-03-01). A full date written as text
    /// (`2026-01-05`) is refused: it names a day, not months.
    pub fn parse(cell: &Cell) -> Result<Period, Invalid> {
        let text = match cell {
            Cell::Date(d) => return Ok(Period::month(*d)),
            Cell::Number(n) if n.fract() == 0.0 && (190_001.0..=210_012.0).contains(n) => {
                format!("{}", *n as i64) // integral and in range: exact
            }
            Cell::Text(t) => t.clone(),
            _ => return Err(Invalid::PeriodFormat),
        };
        let p = read_period(&text)
            .or_else(|| read_named_span(&text))
            .ok_or(Invalid::PeriodFormat)?;
        if p.to < p.from {
            return Err(Invalid::PeriodEndBeforeStart {
                from: Period::month(p.from).code(),
                to: Period::month(p.to).code(),
            });
        }
        if p.len() > MAX_PERIOD_MONTHS {
            return Err(Invalid::PeriodTooLong {
                months: p.len(),
                max: MAX_PERIOD_MONTHS,
            });
        }
        Ok(p)
    }
}

/// A year's quarter, half or whole as ledgers name them: `2026年第一季度` (`一季度`, `第1季度`,
/// `Q1`), `2026年上半年` / `下半年`, `2026年全年` (`2026年度`). `None` for anything else.
fn read_named_span(text: &str) -> Option<Period> {
    let t: String = super::cell::fold(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let year: i32 = t.get(..digits).filter(|y| y.len() == 4)?.parse().ok()?;
    let rest = &t[digits..];
    let rest = rest.strip_prefix('年').unwrap_or(rest);
    let (first, last) = match rest {
        "全年" | "度" | "年度" => (1, 12),
        "上半年" => (1, 6),
        "下半年" => (7, 12),
        q => {
            // A quarter says so: 季度 after it, or Q before it.
            let q = match q.strip_suffix("季度") {
                Some(q) => q.strip_prefix('第').unwrap_or(q),
                None => q.strip_prefix(['Q', 'q'])?,
            };
            let n = match q {
                "一" | "1" => 1,
                "二" | "2" => 2,
                "三" | "3" => 3,
                "四" | "4" => 4,
                _ => return None,
            };
            (3 * n - 2, 3 * n)
        }
    };
    Some(Period {
        from: NaiveDate::from_ymd_opt(year, first, 1)?,
        to: NaiveDate::from_ymd_opt(year, last, 1)?,
    })
}

/// The marks that say "from … to".
const RANGE_MARKS: [char; 5] = ['~', '至', '到', '—', '–'];

/// The numbers of a period's text and the text between them; `None` for a character no
/// period has. Full-width digits and marks are read as half-width.
fn read_period(text: &str) -> Option<Period> {
    let mut numbers: Vec<String> = Vec::new();
    let mut between: Vec<String> = vec![String::new()];
    for ch in text.trim().chars() {
        let ch = match ch {
            '０'..='９' => char::from_u32(u32::from(ch) - 0xFF10 + u32::from('0'))?,
            '～' | '〜' => '~',
            '－' => '-',
            '／' => '/',
            '．' => '.',
            c => c,
        };
        if ch.is_ascii_digit() {
            if between.len() == numbers.len() + 1 {
                numbers.push(String::new());
            }
            numbers.last_mut()?.push(ch);
        } else if "-/.年月份 ~至到—–".contains(ch) || ch == '\u{3000}' {
            if between.len() == numbers.len() {
                between.push(String::new());
            }
            between.last_mut()?.push(ch);
        } else {
            return None;
        }
    }
    // `202601` is a year and a month.
    let mut parts: Vec<(u32, usize)> = Vec::new();
    let mut seps: Vec<&str> = Vec::new();
    for (i, n) in numbers.iter().enumerate() {
        let sep = between.get(i).map(String::as_str).unwrap_or_default();
        if n.len() == 6 {
            seps.push(sep);
            parts.push((n[..4].parse().ok()?, 4));
            seps.push("");
            parts.push((n[4..].parse().ok()?, 2));
        } else {
            seps.push(sep);
            parts.push((n.parse().ok()?, n.len()));
        }
    }
    let ranged = |s: &str| s.contains(RANGE_MARKS);
    let month = |y: (u32, usize), m: (u32, usize)| -> Option<NaiveDate> {
        if y.1 != 4 || !(1900..=2100).contains(&y.0) || m.1 > 2 {
            return None;
        }
        NaiveDate::from_ymd_opt(i32::try_from(y.0).ok()?, m.0, 1)
    };
    match parts.as_slice() {
        [y, m] => {
            let m = month(*y, *m)?;
            Some(Period { from: m, to: m })
        }
        // 2026年1月-6月, 2026-01~06: the second month needs a range mark, or a 年 before the
        // first (so that 2026-01-05, a day, is not January to May).
        [y, m1, m2] if ranged(seps[2]) || (seps[1].contains('年') && seps[2].contains('-')) => {
            Some(Period {
                from: month(*y, *m1)?,
                to: month(*y, *m2)?,
            })
        }
        [y1, m1, y2, m2] if ranged(seps[2]) || seps[2].contains('-') => Some(Period {
            from: month(*y1, *m1)?,
            to: month(*y2, *m2)?,
        }),
        _ => None,
    }
}
