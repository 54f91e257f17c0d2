//! One spreadsheet cell as a reader delivers it, before any column gives it a meaning, and the
//! text folding every cell parser shares.

use chrono::NaiveDate;
use std::borrow::Cow;

/// A cell value. CSV readers only ever produce `Empty` and `Text`; XLSX/XLS readers keep the
/// cell's own type, so that a validator can tell an ID number that Excel stored as a number
/// (and so lost its last digits) from one typed as text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A numeric cell. XLSX stores every number as an IEEE double.
    Number(f64),
    /// A cell Excel formats as a date (or date-time: the time is dropped).
    Date(NaiveDate),
    Bool(bool),
    /// A formula cell whose file holds no result for it (a workbook written by a program and
    /// never opened and saved in Excel or WPS): the formula's text, without its `=`. Its value
    /// is unknown, so it is neither blank nor any value.
    Uncalculated(String),
}

impl Cell {
    /// True for an empty cell or one holding only whitespace (full-width space included).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
                .is_empty(),
            _ => false,
        }
    }

    /// The cell as the user sees it: text trimmed, integral numbers without `.0`, other numbers
    /// in their shortest round-trip form, dates as ISO `YYYY-MM-DD`, booleans as TRUE/FALSE.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => {
                Cow::Borrowed(s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
            }
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    Cow::Owned(format!("{}", *n as i64))
                } else {
                    Cow::Owned(format!("{n}"))
                }
            }
            Cell::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
            Cell::Uncalculated(formula) => Cow::Owned(format!("={formula}")),
        }
    }
}

/// The first characters that make a spreadsheet run a cell as a formula. Every CSV the tool
/// writes puts an apostrophe before a text cell starting with one (`report::render::neutralise`);
/// the reader takes it off again ([`unguarded`]), so a rejects file imports back as it was.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A spreadsheet column's letters: `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// `s` without the apostrophe the tool put before a formula-looking cell, and without the
/// `="…"` it put around a long digit string ([`kept_as_text`]).
pub fn unguarded(s: &str) -> &str {
    if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        if !inner.contains('"') {
            return inner;
        }
    }
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => s,
    }
}

/// A CSV cell Excel would turn into a number and lose — an ID number (`3.20202E+17`), a
/// credit code of digits, a number with leading zeros — written `="…"`, which Excel shows and
/// saves again as the text itself. Other cells are left as they are.
pub fn kept_as_text(s: &str) -> String {
    let digits = s.strip_suffix(['X', 'x']).unwrap_or(s);
    let numeric = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if numeric && (s.len() >= 12 || (s.len() > 1 && s.starts_with('0')) || digits.len() < s.len()) {
        format!("=\"{s}\"")
    } else {
        s.to_string()
    }
}

/// The cell's text with full-width ASCII forms (`０`, `Ｘ`, `（`, `，`, `％` …), `￥` and the
/// ideographic space folded to their half-width forms, and surrounding blanks trimmed.
pub(crate) fn fold(s: &str) -> Cow<'_, str> {
    let blank = |c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}';
    // Every character folded below is encoded with a lead byte 0xEF (U+FF01–U+FF5E, U+FFE5)
    // or 0xE3 (U+3000): text without either is only trimmed, with no copy.
    if !s.bytes().any(|b| b == 0xEF || b == 0xE3) {
        return Cow::Borrowed(s.trim_matches(blank));
    }
    let mut folded: String = s
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{FFE5}' => '¥',
            _ => c,
        })
        .collect();
    // Trimmed in place: no second copy.
    folded.truncate(folded.trim_end_matches(blank).len());
    let leading = folded.len() - folded.trim_start_matches(blank).len();
    folded.drain(..leading);
    Cow::Owned(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_spreadsheets_write_them() {
        for (col, name) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (51, "AZ"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_name(col), name, "{col}");
        }
    }

    #[test]
    fn the_formula_guard_comes_off_and_nothing_else() {
        assert_eq!(unguarded("'=1+1"), "=1+1");
        assert_eq!(unguarded("'-5"), "-5");
        assert_eq!(unguarded("'@SUM(A1)"), "@SUM(A1)");
        assert_eq!(unguarded("'张三"), "'张三");
        assert_eq!(unguarded("''=1"), "''=1");
        assert_eq!(unguarded("'"), "'");
        assert_eq!(unguarded("=1"), "=1");
        assert_eq!(unguarded("=\"32020219620315951X\""), "32020219620315951X");
        assert_eq!(unguarded("=\"a\"b\""), "=\"a\"b\"");
    }

    #[test]
    fn cells_read_as_a_person_reads_them() {
        assert_eq!(Cell::Text(" 张三\u{3000}".into()).text(), "张三");
        assert_eq!(Cell::Text("\u{3000}李四 ".into()).text(), "李四");
        assert_eq!(Cell::Number(3.0).text(), "3");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
        // Minus zero, as Excel can store it, is 0.
        assert_eq!(Cell::Number(-0.0).text(), "0");
    }

    #[test]
    fn long_digit_strings_are_kept_as_text_and_come_back() {
        for (cell, written) in [
            ("32020219620315951X", "=\"32020219620315951X\""),
            ("320202196203159511", "=\"320202196203159511\""),
            ("051082345678", "=\"051082345678\""),
            ("0510", "=\"0510\""),
            ("13800000000", "13800000000"),
            ("800", "800"),
            ("0", "0"),
            // Digits and a check X are an ID number's tail whatever their length.
            ("12X", "=\"12X\""),
            ("X", "X"),
            ("周建华", "周建华"),
            ("91320200MA1X2Y3Z4W", "91320200MA1X2Y3Z4W"),
        ] {
            assert_eq!(kept_as_text(cell), written, "{cell}");
            assert_eq!(unguarded(&kept_as_text(cell)), cell);
        }
    }
}
