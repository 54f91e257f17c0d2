//! The 18-character resident ID number (居民身份证号码, GB 11643-1999): parsing with reasons a
//! clerk can act on, and what the number encodes (birth date, gender).

use super::cell::Cell;
use super::codes::Gender;
use super::invalid::Invalid;
use super::values::cell_text;
use chrono::NaiveDate;
use std::fmt;

/// A valid ID number: 17 digits and a digit or `X`, a province code, a real birth date no later
/// than the day it was read, and a correct check character.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber {
    /// ASCII digits and a final digit or `X`.
    text: [u8; 18],
    birth: NaiveDate,
}

/// Weights of ISO 7064 MOD 11-2 for the first 17 digits: 2^(18-i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The ISO 7064 MOD 11-2 check character (`0`–`9` or `X`) of 17 digits. Only meaningful for 17
/// ASCII digits: other characters count as 0, extra ones are ignored.
pub fn check_char(first17: &str) -> char {
    check_of(first17.chars())
}

fn check_of(first17: impl Iterator<Item = char>) -> char {
    let sum: u32 = first17
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize]
}

/// True for `3.20102E+17`, `3.2e17`, `320102E12`: how Excel shows a long number.
fn is_scientific(s: &str) -> bool {
    let Some((mantissa, exp)) = s.split_once(['e', 'E']) else {
        return false;
    };
    let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    [int, frac, exp]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_province(code: u8) -> bool {
    matches!(code, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83)
}

impl IdNumber {
    /// Reads an ID number from a cell, as of `today` (a birth date after it is refused). Trims,
    /// folds full-width digits and `Ｘ`, accepts a lower-case `x` and a leading `'` (Excel's
    /// text marker). A numeric cell is refused: Excel keeps only 15 significant digits; so is,
    /// as Excel-truncated, an 18-digit number ending `000` whose check character fails.
    pub fn parse(cell: &Cell, today: NaiveDate) -> Result<IdNumber, Invalid> {
        if let Cell::Number(n) = cell {
            let legacy = n.fract() == 0.0 && (1e14..1e15).contains(n);
            return Err(if legacy {
                Invalid::IdLegacy15
            } else {
                Invalid::IdExcelNumber
            });
        }
        let text = cell_text(cell)?;
        let text = text.strip_prefix('\'').unwrap_or(&text);
        if is_scientific(text) {
            return Err(Invalid::IdScientific);
        }
        // 320202********951X: a masked number from a list or a roster made without --unmask.
        if text.contains('*') && text.chars().count() == 18 {
            return Err(Invalid::IdMasked);
        }
        let len = text.chars().count();
        if len == 15 && text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::IdLegacy15);
        }
        if len != 18 {
            return Err(Invalid::IdLength { len });
        }
        let mut id = [0u8; 18];
        for (i, c) in text.chars().enumerate() {
            id[i] = match c {
                '0'..='9' => c as u8,
                'x' | 'X' if i == 17 => b'X',
                _ => return Err(Invalid::IdBadChar { pos: i + 1, ch: c }),
            };
        }
        let digits = |from: usize, to: usize| {
            id[from..to]
                .iter()
                .fold(0u32, |v, b| v * 10 + u32::from(b - b'0'))
        };
        let province = digits(0, 2) as u8;
        if !is_province(province) {
            return Err(Invalid::IdProvince { code: province });
        }
        let (year, month, day) = (digits(6, 10) as i32, digits(10, 12), digits(12, 14));
        let birth = NaiveDate::from_ymd_opt(year, month, day).ok_or(Invalid::IdBirthNotReal {
            year,
            month,
            day,
        })?;
        if birth < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) || birth > today {
            return Err(Invalid::IdBirthOutOfRange { date: birth });
        }
        let expected = check_of(id[..17].iter().map(|&b| char::from(b)));
        let given = char::from(id[17]);
        if expected != given {
            // A number Excel kept to 15 significant digits, saved back out as text.
            if id[15..] == *b"000" {
                return Err(Invalid::IdExcelNumber);
            }
            return Err(Invalid::IdCheckChar { expected, given });
        }
        Ok(IdNumber { text: id, birth })
    }

    /// The 18 characters, `X` upper-case.
    pub fn as_str(&self) -> &str {
        // ASCII by construction.
        std::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The birth date encoded in characters 7–14.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth
    }

    /// The gender encoded in the 17th digit: odd is male.
    pub fn gender(&self) -> Gender {
        if (self.text[16] - b'0') % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// `320102********0015`: the first 6 and last 4 characters kept.
    pub fn masked(&self) -> String {
        super::mask::id_number(self.as_str())
    }
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdNumber")
            .field("text", &self.as_str())
            .field("birth", &self.birth)
            .finish()
    }
}

/// The full number.
impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 30).expect("date")
    }

    fn parse(s: &str) -> Result<IdNumber, Invalid> {
        IdNumber::parse(&Cell::Text(s.to_owned()), today())
    }

    /// A valid number from its first 17 digits.
    fn valid(first17: &str) -> String {
        format!("{first17}{}", check_char(first17))
    }

    #[test]
    fn a_masked_number_is_named_as_such() {
        let t = |s: &str| Cell::Text(s.to_string());
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(
            IdNumber::parse(&t("320202********951X"), today),
            Err(Invalid::IdMasked)
        );
        // Any other star is a bad character where it stands.
        assert_eq!(
            IdNumber::parse(&t("3202021962*3"), today),
            Err(Invalid::IdLength { len: 12 })
        );
    }

    #[test]
    fn published_example_is_valid() {
        assert_eq!(check_char("11010519491231002"), 'X');
        let id = parse("11010519491231002X").expect("valid");
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).expect("date")
        );
        assert_eq!(id.gender(), Gender::Female);
        assert_eq!(id.masked(), "110105********002X");
        assert_eq!(id.to_string(), "11010519491231002X");
        assert_eq!(
            format!("{id:?}"),
            "IdNumber { text: \"11010519491231002X\", birth: 1949-12-31 }"
        );
    }

    #[test]
    fn constructed_example() {
        assert_eq!(check_char("32010219800101001"), '6');
        assert_eq!(check_char("32010219800118001"), '5');
        let id = parse("320102198001180015").expect("valid");
        assert_eq!(id.gender(), Gender::Male);
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1980, 1, 18).expect("date")
        );
        assert_eq!(id.masked(), "320102********0015");
    }

    #[test]
    fn normalises_width_case_and_blanks() {
        let expected = parse("11010519491231002X").expect("valid");
        for s in [
            "11010519491231002x",
            "１１０１０５１９４９１２３１００２Ｘ",
            "１１０１０５１９４９１２３１００２ｘ",
            " 11010519491231002X\u{3000}",
            "'11010519491231002X",
        ] {
            assert_eq!(parse(s).as_ref(), Ok(&expected), "{s}");
        }
    }

    #[test]
    fn wrong_check_char() {
        assert_eq!(
            parse("320102198001180016"),
            Err(Invalid::IdCheckChar {
                expected: '5',
                given: '6'
            })
        );
        assert_eq!(
            parse("110105194912310025"),
            Err(Invalid::IdCheckChar {
                expected: 'X',
                given: '5'
            })
        );
        assert_eq!(
            parse("32010219800118001x"),
            Err(Invalid::IdCheckChar {
                expected: '5',
                given: 'X'
            })
        );
        assert_eq!(
            parse("320102198001180105"),
            Err(Invalid::IdCheckChar {
                expected: '3',
                given: '5'
            }),
            "swapped digits"
        );
    }

    #[test]
    fn excel_numbers_refused() {
        assert_eq!(
            IdNumber::parse(&Cell::Number(3.20102198001011e17), today()),
            Err(Invalid::IdExcelNumber)
        );
        assert_eq!(
            IdNumber::parse(&Cell::Number(320102800101001.0), today()),
            Err(Invalid::IdLegacy15)
        );
        assert_eq!(
            parse("320102198001181000"),
            Err(Invalid::IdExcelNumber),
            "digits 16-18 zeroed"
        );
        assert_eq!(parse("3.20102E+17"), Err(Invalid::IdScientific));
        assert_eq!(parse("3.20102e17"), Err(Invalid::IdScientific));
        assert_eq!(parse("３．２０１０２Ｅ＋１７"), Err(Invalid::IdScientific));
        // Scientific notation needs digits before and after the E: otherwise the reason is
        // the length (a typo, not Excel's doing).
        assert_eq!(parse("3.2E"), Err(Invalid::IdLength { len: 4 }));
        assert_eq!(parse("E17"), Err(Invalid::IdLength { len: 3 }));
        assert_eq!(parse("3.E17"), Err(Invalid::IdLength { len: 5 }));
        assert_eq!(parse("3.2E+"), Err(Invalid::IdLength { len: 5 }));
        assert_eq!(parse("320102E12"), Err(Invalid::IdScientific));
    }

    #[test]
    fn lengths_and_characters() {
        assert_eq!(parse("320102800101001"), Err(Invalid::IdLegacy15));
        assert_eq!(
            parse("32010219800101001"),
            Err(Invalid::IdLength { len: 17 })
        );
        assert_eq!(
            parse("3201021980010100150"),
            Err(Invalid::IdLength { len: 19 })
        );
        assert_eq!(
            parse("3201021980O1010015"),
            Err(Invalid::IdBadChar { pos: 11, ch: 'O' })
        );
        assert_eq!(
            parse("32010219800101001 5"),
            Err(Invalid::IdLength { len: 19 })
        );
        assert_eq!(
            parse("32010219800101X015"),
            Err(Invalid::IdBadChar { pos: 15, ch: 'X' })
        );
        assert_eq!(
            parse("320102-98001010015"),
            Err(Invalid::IdBadChar { pos: 7, ch: '-' })
        );
        assert_eq!(parse(""), Err(Invalid::Required));
        assert_eq!(
            IdNumber::parse(&Cell::Empty, today()),
            Err(Invalid::Required)
        );
    }

    #[test]
    fn provinces() {
        assert_eq!(
            parse(&valid("99010219800101001")),
            Err(Invalid::IdProvince { code: 99 })
        );
        assert_eq!(
            parse(&valid("16010219800101001")),
            Err(Invalid::IdProvince { code: 16 })
        );
        assert_eq!(
            parse(&valid("00010219800101001")),
            Err(Invalid::IdProvince { code: 0 })
        );
        for p in [
            "11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65", "71", "81",
            "83",
        ] {
            assert!(parse(&valid(&format!("{p}010219800101001"))).is_ok(), "{p}");
        }
    }

    #[test]
    fn birth_dates() {
        assert!(parse(&valid("32010220000229001")).is_ok());
        assert_eq!(
            parse(&valid("32010219000229001")),
            Err(Invalid::IdBirthNotReal {
                year: 1900,
                month: 2,
                day: 29
            })
        );
        assert_eq!(
            parse(&valid("32010220230229001")),
            Err(Invalid::IdBirthNotReal {
                year: 2023,
                month: 2,
                day: 29
            })
        );
        assert_eq!(
            parse(&valid("32010219801301001")),
            Err(Invalid::IdBirthNotReal {
                year: 1980,
                month: 13,
                day: 1
            })
        );
        assert!(parse(&valid("32010219000101001")).is_ok());
        let before = NaiveDate::from_ymd_opt(1899, 12, 31).expect("date");
        assert_eq!(
            parse(&valid("32010218991231001")),
            Err(Invalid::IdBirthOutOfRange { date: before })
        );
        assert!(parse(&valid("32010220250630001")).is_ok(), "born today");
        let tomorrow = NaiveDate::from_ymd_opt(2025, 7, 1).expect("date");
        assert_eq!(
            parse(&valid("32010220250701001")),
            Err(Invalid::IdBirthOutOfRange { date: tomorrow })
        );
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "１".repeat(100_000);
        for s in [
            "👍",
            "e\u{301}",
            "𠀀".repeat(18).as_str(),
            "ｘ",
            "e",
            "1e",
            "E+17",
            ".e1",
            &long,
            "\u{200B}",
            "'",
        ] {
            assert!(parse(s).is_err(), "{s}");
        }
        for n in [f64::NAN, f64::INFINITY, -1.0, 0.0] {
            assert_eq!(
                IdNumber::parse(&Cell::Number(n), today()),
                Err(Invalid::IdExcelNumber)
            );
        }
        assert!(IdNumber::parse(&Cell::Bool(true), today()).is_err());
        assert!(IdNumber::parse(&Cell::Date(today()), today()).is_err());
        assert_eq!(check_char(""), '1');
        assert_eq!(check_char("不是数字"), '1');
    }
}
