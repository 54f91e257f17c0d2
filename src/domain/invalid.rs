//! Why a cell's value was refused: one variant per refusal, carrying the data its message needs.
//! The words are in `crate::i18n::reasons`; nothing here is user-facing text.

use super::codes::Gender;
use chrono::NaiveDate;

/// A refused value. Rendered for the user by `i18n::reason(lang, &invalid)`.
#[derive(Debug, Clone, PartialEq)]
pub enum Invalid {
    /// A required value is blank.
    Required,
    /// Text longer than a cell of this kind can reasonably hold.
    TooLong { len: usize, max: usize },
    /// A word not in a vocabulary; `allowed` are the canonical Chinese labels.
    NotInList { allowed: &'static [&'static str] },
    /// An honour's title without a Chinese character, or with characters no title has
    /// (`=`, `|`, `!` …): a formula or a stray cell, not an honour.
    NotATitle,
    /// A person's name without a Chinese character or a letter: a number, a formula's result.
    NotAName,
    /// A person's name holding a character names are not written with (an emoji, a symbol).
    NameCharacter { ch: char },

    // 身份证号
    /// Excel stored the ID number in a numeric cell: its last digits are lost.
    IdExcelNumber,
    /// The ID number is text in scientific notation (`3.20102E+17`): Excel lost its digits.
    IdScientific,
    /// An old 15-digit ID number.
    IdLegacy15,
    /// Not 18 characters long.
    IdLength { len: usize },
    /// The number is masked (`320202********951X`): copied from a list or a roster made
    /// without `--unmask`.
    IdMasked,
    /// A character that is not a digit (or `X` in the last place); `pos` counts from 1.
    IdBadChar { pos: usize, ch: char },
    /// The first two digits are not a province code.
    IdProvince { code: u8 },
    /// Characters 7–14 are not a real date.
    IdBirthNotReal { year: i32, month: u32, day: u32 },
    /// The birth date is before 1900-01-01 or after today.
    IdBirthOutOfRange { date: NaiveDate },
    /// The ISO 7064 MOD 11-2 check character does not match.
    IdCheckChar { expected: char, given: char },
    /// A gender given beside the ID number disagrees with it.
    IdGenderMismatch { id: Gender, given: Gender },
    /// A birth date given beside the ID number disagrees with it.
    IdBirthMismatch { id: NaiveDate, given: NaiveDate },
    /// 出生年月 (a year and month only) differs from the ID number's: "YYYY-MM" both.
    IdBirthMonthMismatch { id: String, given: String },

    // 统一社会信用代码
    /// Excel stored the credit code as a number (or in scientific notation): digits are lost.
    CreditExcelNumber,
    /// Not 18 characters long.
    CreditLength { len: usize },
    /// A character outside `0-9 A-H J-N P-R T U W-Y`; `pos` counts from 1.
    CreditBadChar { pos: usize, ch: char },
    /// The GB 32100-2015 check character does not match.
    CreditCheckChar { expected: char, given: char },

    /// Not 11 digits starting 13–19.
    Mobile,

    // Amounts
    /// Not a decimal amount.
    MoneyFormat,
    /// Zero where a positive amount is required.
    MoneyNotPositive,
    /// Below zero.
    MoneyNegative,
    /// More decimals than whole fen allow in the column's unit (2 for 元, 6 for 万元).
    MoneyDecimals { max: u8 },
    /// Too large to store.
    MoneyOverflow,

    // Dates and years
    /// Not in any accepted date form.
    DateFormat,
    /// Well-formed but no such day (`2023-02-29`).
    DateNotReal { year: i32, month: u32, day: u32 },
    /// A numeric cell that is not a `yyyymmdd` date.
    DateNumber,
    /// Not months (所属期间): `2026-03`, `2026-01~2026-06`, `2026年1月-6月`.
    PeriodFormat,
    /// A period whose last month is before its first (both `YYYY-MM`).
    PeriodEndBeforeStart { from: String, to: String },
    /// A period longer than one payout may cover.
    PeriodTooLong { months: u32, max: u32 },
    /// A year outside 1900..=2100.
    YearOutOfRange { year: i64 },
    /// Not a year.
    YearFormat,

    /// Not a yes/no word.
    NotBool,

    /// A formula whose result the file does not hold.
    Uncalculated,

    // Counts
    /// Not a whole number.
    CountFormat,
    /// Below zero.
    CountNegative,
    /// Has a fractional part.
    CountFraction,
    /// A whole number past what a count can hold (above 9,223,372,036,854,775,807).
    CountTooLarge,
    /// A naming batch is numbered from 1.
    BatchZero,
    /// A committee's term outside 1..=10 years.
    TermYears { years: i64 },

    // Percentages
    /// Not a percentage.
    PercentFormat,
    /// More than two decimals.
    PercentDecimals,
    /// Outside -100 %..=1000 %.
    PercentOutOfRange,
}
