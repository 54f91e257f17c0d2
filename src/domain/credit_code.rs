//! The unified social credit code (统一社会信用代码, GB 32100-2015) that keys enterprises.

use super::cell::Cell;
use super::invalid::Invalid;
use super::values::cell_text;
use std::fmt;

/// A valid credit code: 18 characters from `CHARSET`, the last a correct check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditCode(String);

/// The 31 characters a code may use, in value order (no I, O, S, V, Z).
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn value(c: char) -> Option<u32> {
    CHARSET
        .iter()
        .position(|&b| char::from(b) == c)
        .map(|i| i as u32)
}

/// The check character of the first 17 characters, or `None` unless they are exactly 17
/// characters from the code's charset (upper-case).
pub fn check_char(first17: &str) -> Option<char> {
    if first17.chars().count() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    Some(char::from(CHARSET[((31 - sum % 31) % 31) as usize]))
}

impl CreditCode {
    /// Reads a credit code: trims, folds full-width forms, upper-cases. A numeric cell or
    /// scientific notation is refused: Excel has dropped digits.
    pub fn parse(cell: &Cell) -> Result<CreditCode, Invalid> {
        if let Cell::Number(_) = cell {
            return Err(Invalid::CreditExcelNumber);
        }
        let text = cell_text(cell)?;
        let text = text
            .strip_prefix('\'')
            .unwrap_or(&text)
            .to_ascii_uppercase();
        let chars: Vec<char> = text.chars().collect();
        let looks_scientific = chars.len() < 18
            && text.split_once('E').is_some_and(|(m, e)| {
                let e = e.strip_prefix('+').unwrap_or(e);
                !m.is_empty()
                    && !e.is_empty()
                    && m.contains('.')
                    && (m.bytes().chain(e.bytes())).all(|b| b.is_ascii_digit() || b == b'.')
            });
        if looks_scientific {
            return Err(Invalid::CreditExcelNumber);
        }
        if chars.len() != 18 {
            return Err(Invalid::CreditLength { len: chars.len() });
        }
        if let Some((i, &ch)) = chars.iter().enumerate().find(|(_, &c)| value(c).is_none()) {
            return Err(Invalid::CreditBadChar { pos: i + 1, ch });
        }
        let expected = check_char(&text[..17]).ok_or(Invalid::CreditLength { len: chars.len() })?;
        if expected != chars[17] {
            return Err(Invalid::CreditCheckChar {
                expected,
                given: chars[17],
            });
        }
        Ok(CreditCode(text))
    }

    /// The 18 characters, upper-case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<CreditCode, Invalid> {
        CreditCode::parse(&Cell::Text(s.to_owned()))
    }

    #[test]
    fn published_examples_are_valid() {
        assert_eq!(check_char("91350100M000100Y4"), Some('3'));
        for s in [
            "91350100M000100Y43",
            "91110000600037341L",
            "91440300708461136T",
        ] {
            assert_eq!(
                parse(s).map(|c| c.as_str().to_owned()),
                Ok(s.to_owned()),
                "{s}"
            );
        }
    }

    #[test]
    fn normalises_case_width_and_blanks() {
        assert_eq!(
            parse(" 91350100m000100y43 ").map(|c| c.to_string()),
            Ok("91350100M000100Y43".into())
        );
        assert_eq!(
            parse("９１３５０１００Ｍ０００１００Ｙ４３").map(|c| c.to_string()),
            Ok("91350100M000100Y43".into())
        );
    }

    #[test]
    fn refusals() {
        assert_eq!(
            parse("91350100M000100Y44"),
            Err(Invalid::CreditCheckChar {
                expected: '3',
                given: '4'
            })
        );
        assert_eq!(
            parse("91350100M000100Y4"),
            Err(Invalid::CreditLength { len: 17 })
        );
        assert_eq!(
            parse("91350100M000100Y433"),
            Err(Invalid::CreditLength { len: 19 })
        );
        for (s, pos, ch) in [
            ("91350100I000100Y43", 9, 'I'),
            ("91350100O000100Y43", 9, 'O'),
            ("9135010SM000100Y43", 8, 'S'),
            ("91350100M00010VY43", 15, 'V'),
            ("91350100M000100Y4Z", 18, 'Z'),
            ("91350100M000100Y4-", 18, '-'),
        ] {
            assert_eq!(parse(s), Err(Invalid::CreditBadChar { pos, ch }), "{s}");
        }
        assert_eq!(
            CreditCode::parse(&Cell::Number(9.113e17)),
            Err(Invalid::CreditExcelNumber)
        );
        assert_eq!(parse("9.11302E+17"), Err(Invalid::CreditExcelNumber));
        assert_eq!(parse(""), Err(Invalid::Required));
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "Ａ".repeat(100_000);
        for s in [
            "👍",
            "ß".repeat(18).as_str(),
            "é".repeat(17).as_str(),
            "E",
            ".E+",
            &long,
        ] {
            assert!(parse(s).is_err(), "{s}");
        }
        assert_eq!(check_char("ß".repeat(17).as_str()), None);
        assert_eq!(check_char(""), None);
    }
}
