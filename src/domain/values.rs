//! Small typed values read from cells: mobile number, money in fen, dates, years, yes/no,
//! counts and percentages — and the vocabularies of `codes` (gender among them) read from a
//! cell, which may refuse them with an [`Invalid`].

use super::cell::{fold, Cell};
pub use super::codes::Gender;
use super::codes::{
    AgreementForm, CarrierLevel, HardshipExit, HardshipType, HonourKind, LeaderRule, Level,
    PayoutCategory, PersonStatus, RevocationCase, SchoolStage, StudioKind, StudioLevel, Title,
    UnionForm,
};
use super::invalid::Invalid;
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;
use std::fmt;

/// A name (of a person or a company) as people read it, for comparing two spellings: full-width
/// forms folded (`（）` → `()`), and no blanks at all (`朱　伟` is `朱伟`: a two-character name is
/// often padded to line up with three-character ones). The stored form is never changed.
pub fn name_key(s: &str) -> Cow<'_, str> {
    let folded = fold(s);
    if !folded.chars().any(char::is_whitespace) {
        return folded;
    }
    Cow::Owned(folded.chars().filter(|c| !c.is_whitespace()).collect())
}

/// Whether two spellings name the same person or company ([`name_key`]).
pub fn same_name(a: &str, b: &str) -> bool {
    a == b || name_key(a) == name_key(b)
}

/// The folded text of a non-blank cell; `Required` for a blank one. Borrowed from the cell
/// when folding changes nothing but the blanks around it.
pub(crate) fn cell_text(cell: &Cell) -> Result<Cow<'_, str>, Invalid> {
    if cell.is_blank() {
        return Err(Invalid::Required);
    }
    Ok(match cell.text() {
        Cow::Borrowed(text) => fold(text),
        Cow::Owned(text) => Cow::Owned(fold(&text).into_owned()),
    })
}

/// A numeric cell as plain decimal text (never an exponent): its shortest round-trip form, or,
/// when that has more than the 15 significant digits Excel keeps, the value rounded to 15 — so
/// a formula's `1234.5600000000002` reads as the `1234.56` Excel shows. Formatting only: no
/// arithmetic is done on the double. `None` for NaN and infinities.
pub(crate) fn number_text(n: f64) -> Option<String> {
    if !n.is_finite() {
        return None;
    }
    let shortest = format!("{n}");
    let digits: String = shortest.chars().filter(char::is_ascii_digit).collect();
    if digits.trim_matches('0').len() <= 15 {
        return Some(shortest);
    }
    let sci = format!("{n:.14e}"); // e.g. "-1.23456000000000e3"
    let (mantissa, exp) = sci.split_once('e')?;
    let exp: i64 = exp.parse().ok()?;
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let point = exp + 1; // digits before the decimal point
    let plain = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    };
    let plain = if plain.contains('.') {
        plain.trim_end_matches('0').trim_end_matches('.')
    } else {
        &plain
    };
    Some(format!("{sign}{plain}"))
}

/// A decimal in plain positional notation: sign, integer digits (thousands separators removed),
/// fraction digits with trailing zeros dropped. All digits are ASCII.
struct Decimal<'a> {
    negative: bool,
    int: Cow<'a, str>,
    frac: &'a str,
}

enum ScaleError {
    Decimals,
    Overflow,
}

/// Reads `-1,234.50`, `+5`, `.5`, `5.`; thousands separators must group by three.
fn decimal(s: &str) -> Option<Decimal<'_>> {
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let int = ungroup(int)?;
    if !frac.bytes().all(|b| b.is_ascii_digit()) || (int.is_empty() && frac.is_empty()) {
        return None;
    }
    Some(Decimal {
        negative,
        int,
        frac: frac.trim_end_matches('0'),
    })
}

/// Integer digits, with optional `,` separators in groups of three (`1,234,567`).
fn ungroup(s: &str) -> Option<Cow<'_, str>> {
    let all_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    if !s.contains(',') {
        return all_digits(s).then_some(Cow::Borrowed(s));
    }
    let mut groups = s.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !all_digits(first) {
        return None;
    }
    let mut out = first.to_owned();
    for group in groups {
        if group.len() != 3 || !all_digits(group) {
            return None;
        }
        out.push_str(group);
    }
    Some(Cow::Owned(out))
}

impl Decimal<'_> {
    /// The value in units of 10^-`places`, if it has no more decimals and fits an i64.
    fn scaled(&self, places: usize) -> Result<i64, ScaleError> {
        if self.frac.len() > places {
            return Err(ScaleError::Decimals);
        }
        let padding = std::iter::repeat_n(b'0', places - self.frac.len());
        let mut value: i64 = 0;
        for b in self.int.bytes().chain(self.frac.bytes()).chain(padding) {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(i64::from(b - b'0')))
                .ok_or(ScaleError::Overflow)?;
        }
        Ok(if self.negative { -value } else { value })
    }
}

/// The text of a cell meant to hold a number: numeric cells through `number_text`, blank
/// cells `Required`, dates and booleans `wrong`.
fn numeric_text(cell: &Cell, wrong: Invalid) -> Result<Cow<'_, str>, Invalid> {
    match cell {
        Cell::Number(n) => number_text(*n).map(Cow::Owned).ok_or(wrong),
        Cell::Date(_) | Cell::Bool(_) => Err(wrong),
        _ => cell_text(cell),
    }
}

// ---------------------------------------------------------------------------------------------

/// Reading a vocabulary of `codes` from a cell, which may refuse it: blank is `Required`, an
/// unknown word `NotInList`. (Here and not beside the vocabularies, which know nothing of
/// refusals: `invalid` names a [`Gender`], so the vocabularies cannot name an [`Invalid`].)
macro_rules! parse_cell {
    ($($t:ty),+ $(,)?) => {$(
        impl $t {
            /// `parse` for a cell: blank is `Required`, an unknown word `NotInList`.
            pub fn parse_cell(cell: &Cell) -> Result<Self, Invalid> {
                if cell.is_blank() {
                    return Err(Invalid::Required);
                }
                Self::parse(&cell.text()).ok_or(Invalid::NotInList { allowed: Self::LABELS })
            }
        }
    )+};
}

super::codes::for_each_vocabulary!(parse_cell);

impl Gender {
    /// Reads 男/女, 男性/女性, M/F, male/female (any case).
    pub fn parse(cell: &Cell) -> Result<Gender, Invalid> {
        match cell_text(cell)?.to_lowercase().as_str() {
            "男" | "男性" | "m" | "male" => Ok(Gender::Male),
            "女" | "女性" | "f" | "female" => Ok(Gender::Female),
            _ => Err(Invalid::NotInList {
                allowed: &["男", "女"],
            }),
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// A mainland mobile number: 11 digits starting 13–19.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mobile(String);

impl Mobile {
    /// Reads `13812345678`, `138-1234-5678`, `138 1234 5678`, `+86 138…`, `86138…`.
    pub fn parse(cell: &Cell) -> Result<Mobile, Invalid> {
        let text = cell_text(cell)?;
        let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let digits = ["+86", "0086", "86"]
            .iter()
            .find_map(|p| digits.strip_prefix(p).filter(|rest| rest.len() == 11))
            .unwrap_or(&digits);
        let b = digits.as_bytes();
        let ok = b.len() == 11
            && b.iter().all(u8::is_ascii_digit)
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1]);
        if ok {
            Ok(Mobile(digits.to_owned()))
        } else {
            Err(Invalid::Mobile)
        }
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****5678`: first 3 and last 4 kept.
    pub fn masked(&self) -> String {
        super::mask::mobile(&self.0)
    }
}

impl fmt::Display for Mobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// ---------------------------------------------------------------------------------------------

/// An amount of money in integer fen (分). Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

/// The unit a column of amounts is written in: a header `(元)` or `(万元)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MoneyUnit {
    #[default]
    Yuan,
    /// 万元: ×10,000 yuan.
    WanYuan,
}

impl Money {
    /// The largest amount any path accepts: 10¹² fen (10 billion yuan), far above any real
    /// payout, ceiling or yearly benefit, and low enough that no sum over millions of rows can
    /// overflow.
    pub const MAX_FEN: i64 = 1_000_000_000_000;

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Reads a positive amount written in `unit`: `1234.5`, `1,234.50`, `¥1234.50`, `1234.50元`,
    /// full-width forms. A cell ending in `万元`/`万` is read in 万元 and one ending in `元` in
    /// 元, whatever the column's unit. At most two decimals of a yuan (six of a 万元): whole fen.
    /// A numeric cell is read through its decimal text (see `number_text`), never as a float.
    pub fn parse(cell: &Cell, unit: MoneyUnit) -> Result<Money, Invalid> {
        match Money::parse_non_negative(cell, unit)? {
            Money(0) => Err(Invalid::MoneyNotPositive),
            money => Ok(money),
        }
    }

    /// Like `parse`, but zero is allowed (a yearly figure such as economic benefit).
    pub fn parse_non_negative(cell: &Cell, unit: MoneyUnit) -> Result<Money, Invalid> {
        let text = numeric_text(cell, Invalid::MoneyFormat)?;
        let mut unit = unit;
        let mut s = text.strip_prefix('¥').unwrap_or(&text).trim_start();
        if let Some(rest) = s.strip_suffix("万元").or_else(|| s.strip_suffix('万')) {
            (s, unit) = (rest, MoneyUnit::WanYuan);
        } else if let Some(rest) = s.strip_suffix('元') {
            (s, unit) = (rest, MoneyUnit::Yuan);
        }
        let d = decimal(s.trim()).ok_or(Invalid::MoneyFormat)?;
        let places = match unit {
            MoneyUnit::Yuan => 2,
            MoneyUnit::WanYuan => 6,
        };
        let fen = d.scaled(places).map_err(|e| match e {
            ScaleError::Decimals => Invalid::MoneyDecimals { max: places as u8 },
            ScaleError::Overflow => Invalid::MoneyOverflow,
        })?;
        match fen {
            ..0 => Err(Invalid::MoneyNegative),
            0..=Money::MAX_FEN => Ok(Money(fen)),
            _ => Err(Invalid::MoneyOverflow),
        }
    }

    /// Reads a command-line amount in yuan, with the same rules as `parse`.
    pub fn parse_text(text: &str) -> Result<Money, Invalid> {
        Money::parse(&Cell::Text(text.to_owned()), MoneyUnit::Yuan)
    }
}

/// Yuan with two decimals: `1234.50`, `-3.00`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let fen = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", fen / 100, fen % 100)
    }
}

// ---------------------------------------------------------------------------------------------

/// What a person's name is written with besides letters and digits: the middle dots of a
/// transliterated name (阿卜杜拉·买买提), hyphens, apostrophes and full stops of a foreign one,
/// the brackets an office adds to tell two people apart (张伟（大）), and spaces.
const NAME_MARKS: &[char] = &[
    '·', '•', '・', '．', '.', '-', '－', '\'', '’', '(', ')', '（', '）', ' ', '\u{3000}',
];

/// A person's name as written: it has a Chinese character or a letter (else it is a number or
/// a formula's result), and no character a name is not written with (an emoji, a symbol, a
/// control character). The one rule for names, from a file or from the command line. The name
/// returned is without the apostrophe a spreadsheet user types before a cell to keep it text
/// ('李四): no name begins with one.
pub fn person_name(name: &str) -> Result<&str, Invalid> {
    let name = name.strip_prefix('\'').unwrap_or(name);
    if !name.chars().any(char::is_alphabetic) {
        return Err(Invalid::NotAName);
    }
    match name
        .chars()
        .find(|c| !(c.is_alphanumeric() || NAME_MARKS.contains(c)))
    {
        Some(ch) => Err(Invalid::NameCharacter { ch }),
        None => Ok(name),
    }
}

/// `YYYY-MM-DD`, as the database stores dates, written into `buf` rather than a new string
/// (a million-row import binds a million dates). Years outside 0–9999, which no cell gives,
/// take chrono's longer form.
pub fn iso_date(d: NaiveDate, buf: &mut [u8; 10]) -> Cow<'_, str> {
    let Some(year) = u32::try_from(d.year()).ok().filter(|y| *y <= 9999) else {
        return d.format("%Y-%m-%d").to_string().into();
    };
    let (m, day) = (d.month(), d.day());
    *buf = [
        b'0' + (year / 1000) as u8,
        b'0' + (year / 100 % 10) as u8,
        b'0' + (year / 10 % 10) as u8,
        b'0' + (year % 10) as u8,
        b'-',
        b'0' + (m / 10) as u8,
        b'0' + (m % 10) as u8,
        b'-',
        b'0' + (day / 10) as u8,
        b'0' + (day % 10) as u8,
    ];
    std::str::from_utf8(buf).unwrap_or_default().into()
}

/// A date in 1900..=2100 from `2024-01-05`, `2024-1-5`, `2024/1/5`, `2024.1.5`, `2024年1月5日`,
/// `20240105` (a trailing time such as ` 0:00` is ignored), an Excel date cell (same years), or
/// a numeric cell holding `yyyymmdd`. Other numbers are refused: Excel serial dates must arrive
/// as `Cell::Date`.
pub fn parse_date(cell: &Cell) -> Result<NaiveDate, Invalid> {
    match cell {
        Cell::Date(d) => ymd(d.year().into(), d.month(), d.day()),
        Cell::Number(n) if n.fract() == 0.0 && (19_000_101.0..=99_991_231.0).contains(n) => {
            let v = *n as i64; // integral and in range: exact
            ymd(v / 10_000, (v / 100 % 100) as u32, (v % 100) as u32)
        }
        Cell::Number(_) => Err(Invalid::DateNumber),
        Cell::Bool(_) => Err(Invalid::DateFormat),
        _ => date_from_text(&cell_text(cell)?),
    }
}

fn date_from_text(s: &str) -> Result<NaiveDate, Invalid> {
    // `2024-01-05`, the form nearly every row has, without the general parse's splitting.
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let number = |at: std::ops::Range<usize>| {
            b[at].iter().try_fold(0u32, |v, &d| {
                d.is_ascii_digit().then(|| v * 10 + u32::from(d - b'0'))
            })
        };
        if let (Some(y), Some(m), Some(d)) = (number(0..4), number(5..7), number(8..10)) {
            return ymd(y.into(), m, d);
        }
    }
    let is_time = |t: &str| {
        t.contains(':')
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    };
    let s = match s.split_once([' ', 'T']) {
        Some((date, time)) if is_time(time.trim()) => date.trim_end(),
        _ => s,
    };
    let number = |t: &str, max_len: usize| -> Option<i64> {
        (!t.is_empty() && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    if s.len() == 8 {
        if let Some(v) = number(s, 8) {
            return ymd(v / 10_000, (v / 100 % 100) as u32, (v % 100) as u32);
        }
    }
    let body = s
        .strip_suffix('日')
        .or_else(|| s.strip_suffix('号'))
        .unwrap_or(s);
    let seps: Vec<char> = body.chars().filter(|c| !c.is_ascii_digit()).collect();
    let same_seps = matches!(
        seps.as_slice(),
        ['-', '-'] | ['/', '/'] | ['.', '.'] | ['年', '月']
    );
    let parts: Vec<&str> = body.split(['-', '/', '.', '年', '月']).collect();
    if let (true, [y, m, d]) = (same_seps, parts.as_slice()) {
        if let (Some(y), Some(m), Some(d)) = (
            number(y, 4).filter(|_| y.len() == 4),
            number(m, 2),
            number(d, 2),
        ) {
            return ymd(y, m as u32, d as u32);
        }
    }
    Err(Invalid::DateFormat)
}

fn ymd(year: i64, month: u32, day: u32) -> Result<NaiveDate, Invalid> {
    if !(1900..=2100).contains(&year) {
        return Err(Invalid::YearOutOfRange { year });
    }
    let year = year as i32; // in range
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Invalid::DateNotReal { year, month, day })
}

/// A year in 1900..=2100: `2019`, `2019年`, or the number 2019.
pub fn parse_year(cell: &Cell) -> Result<i32, Invalid> {
    let year = match cell {
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e9 => *n as i64,
        Cell::Number(_) | Cell::Date(_) | Cell::Bool(_) => return Err(Invalid::YearFormat),
        _ => {
            let text = cell_text(cell)?;
            let digits = text.strip_suffix('年').unwrap_or(&text).trim_end();
            if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(Invalid::YearFormat);
            }
            digits.parse().map_err(|_| Invalid::YearFormat)?
        }
    };
    if (1900..=2100).contains(&year) {
        Ok(year as i32)
    } else {
        Err(Invalid::YearOutOfRange { year })
    }
}

/// Yes or no: 是/否, 有/无, 对/错, Y/N, yes/no, true/false, 1/0, √/×, ✓/✗ (any case), or a
/// boolean cell.
pub fn parse_bool(cell: &Cell) -> Result<bool, Invalid> {
    if let Cell::Bool(b) = cell {
        return Ok(*b);
    }
    match cell_text(cell)?.to_lowercase().as_str() {
        "是" | "有" | "对" | "y" | "yes" | "true" | "1" | "√" | "✓" | "✔" => Ok(true),
        "否" | "无" | "错" | "n" | "no" | "false" | "0" | "×" | "✗" | "✘" => Ok(false),
        _ => Err(Invalid::NotBool),
    }
}

/// A whole number ≥ 0: `12`, `12人`, `1,200`, the number 12.0. Units 人, 人次, 名, 个, 项,
/// 件, 次, 家 are ignored.
pub fn parse_count(cell: &Cell) -> Result<i64, Invalid> {
    let text = numeric_text(cell, Invalid::CountFormat)?;
    let s = ["人次", "人", "名", "个", "项", "件", "次", "家"]
        .iter()
        .find_map(|unit| text.strip_suffix(unit))
        .unwrap_or(&text)
        .trim_end();
    let d = decimal(s).ok_or(Invalid::CountFormat)?;
    if d.negative && (d.int.bytes().any(|b| b != b'0') || !d.frac.is_empty()) {
        return Err(Invalid::CountNegative);
    }
    match d.scaled(0) {
        Ok(n) => Ok(n.abs()),
        Err(ScaleError::Decimals) => Err(Invalid::CountFraction),
        Err(ScaleError::Overflow) => Err(Invalid::CountTooLarge),
    }
}

/// A naming batch number as ledgers write it: `3`, `第3批`, `第3批次`, `3批`. Zero is not a
/// batch.
pub fn parse_batch(cell: &Cell) -> Result<i64, Invalid> {
    let n = match cell {
        Cell::Text(_) => {
            let text = cell_text(cell)?;
            let t = text.trim_start_matches('第');
            let t = t
                .strip_suffix("批次")
                .or_else(|| t.strip_suffix('批'))
                .unwrap_or(t);
            parse_count(&Cell::Text(t.trim().to_string()))?
        }
        other => parse_count(other)?,
    };
    if n == 0 {
        return Err(Invalid::BatchZero);
    }
    Ok(n)
}

/// A union committee's term in years as ledgers write it: `5`, `5年`, `五年` (一 to 十).
pub fn parse_term_years(cell: &Cell) -> Result<i64, Invalid> {
    const WORDS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let years = match cell {
        Cell::Text(_) => {
            let text = cell_text(cell)?;
            let t = text.strip_suffix('年').unwrap_or(&text).trim_end();
            match WORDS.iter().position(|w| *w == t) {
                Some(i) => i as i64 + 1,
                None => parse_count(&Cell::Text(t.to_string()))?,
            }
        }
        other => parse_count(other)?,
    };
    if !(1..=10).contains(&years) {
        return Err(Invalid::TermYears { years });
    }
    Ok(years)
}

/// A year and month where that is all a ledger gives (出生年月): `1975.02`, `1975-2`,
/// `1975/02`, `1975年2月`, `197502`, or a full date (its day dropped).
pub fn parse_year_month(cell: &Cell) -> Result<(i32, u32), Invalid> {
    if let Ok(d) = parse_date(cell) {
        return Ok((d.year(), d.month()));
    }
    let text = match cell {
        Cell::Number(n) if n.fract() == 0.0 => format!("{n}"),
        Cell::Number(n) => format!("{n:.2}"),
        _ => cell_text(cell)?.into_owned(),
    };
    let t = text.trim().trim_end_matches('月');
    let (y, m) = match t.find(['.', '-', '/', '年']) {
        Some(i) => {
            let sep = t[i..].chars().next().map_or(1, char::len_utf8);
            (&t[..i], &t[i + sep..])
        }
        None if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) => (&t[..4], &t[4..]),
        None => return Err(Invalid::DateFormat),
    };
    let year: i32 = y.trim().parse().map_err(|_| Invalid::DateFormat)?;
    let month: u32 = m.trim().parse().map_err(|_| Invalid::DateFormat)?;
    if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) {
        return Err(Invalid::DateFormat);
    }
    Ok((year, month))
}

/// A percentage in hundredths of a percent, within -100 %..=1000 %: `5.5` and `5.5%` are 550.
/// At most two decimals. A numeric cell is read as the percent figure itself (5.5 → 5.5 %),
/// so a column Excel formats as a percentage (which stores 0.055) must be read by the caller.
pub fn parse_percent(cell: &Cell) -> Result<i64, Invalid> {
    let text = numeric_text(cell, Invalid::PercentFormat)?;
    let s = text.strip_suffix('%').unwrap_or(&text).trim_end();
    let d = decimal(s).ok_or(Invalid::PercentFormat)?;
    let v = d.scaled(2).map_err(|e| match e {
        ScaleError::Decimals => Invalid::PercentDecimals,
        ScaleError::Overflow => Invalid::PercentOutOfRange,
    })?;
    if (-10_000..=100_000).contains(&v) {
        Ok(v)
    } else {
        Err(Invalid::PercentOutOfRange)
    }
}

/// The longest text a cell may hold: longer is a pasted paragraph or a broken file, not a name.
pub const MAX_TEXT_CHARS: usize = 500;

/// A refused value as a message shows it: long values are cut (the rejects file keeps them whole).
pub fn shown_value(text: &str) -> String {
    const SHOWN: usize = 60;
    let mut shown = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if i == SHOWN {
            shown.push('…');
            break;
        }
        match invisible(c) {
            true => shown.push_str(&code_point(c)),
            false => shown.push(c),
        }
    }
    shown
}

/// A character a reader of a message cannot see: a control character (a line break inside a
/// cell, a tab), a line or paragraph separator, or a format mark — a zero-width space or
/// joiner, a direction mark, a soft hyphen, a byte-order mark — such as text pasted from a web
/// page or a chat carries.
pub fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// A character as its code point, for a message: `<U+200B>`.
pub fn code_point(c: char) -> String {
    format!("<U+{:04X}>", c as u32)
}

/// The cell's text, at most [`MAX_TEXT_CHARS`] characters (a cell of an import, a free-text flag).
pub fn bounded_text(cell: &Cell) -> Result<String, Invalid> {
    let text = cell.text();
    let len = text.chars().count();
    if len > MAX_TEXT_CHARS {
        return Err(Invalid::TooLong {
            len,
            max: MAX_TEXT_CHARS,
        });
    }
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    /// A name needs a letter (any script's) and holds letters, digits and names' own marks only:
    /// one letter is enough; a name of marks and digits alone is not one; each mark a name is
    /// written with passes, and the first character that is not one is named.
    #[test]
    fn a_name_holds_only_what_names_are_written_with() {
        for ok in [
            "王",
            "阿卜杜拉·买买提",
            "张伟（大）",
            "Mary-Ann O'Neil",
            "王\u{3000}芳",
            "李1",
            "𠀀",
        ] {
            assert_eq!(person_name(ok), Ok(ok), "{ok}");
        }
        for marks in NAME_MARKS {
            let name = format!("张{marks}三");
            assert_eq!(person_name(&name), Ok(name.as_str()));
        }
        // A spreadsheet's text mark before the cell is no part of the name; within, it is.
        assert_eq!(person_name("'李四"), Ok("李四"));
        assert_eq!(person_name("'O'Neil"), Ok("O'Neil"));
        assert_eq!(person_name("李'四"), Ok("李'四"));
        assert_eq!(person_name("''李四"), Ok("'李四"));
        for none in ["", "1234", "（）", "·", " ", "'", "'1234"] {
            assert_eq!(person_name(none), Err(Invalid::NotAName), "{none:?}");
        }
        for (bad, ch) in [
            ("张三😀", '😀'),
            ("李四/王五", '/'),
            ("赵六、", '、'),
            ("小\t明", '\t'),
            ("=A1&B", '='),
        ] {
            assert_eq!(
                person_name(bad),
                Err(Invalid::NameCharacter { ch }),
                "{bad}"
            );
        }
    }

    /// Text of 500 characters is kept whole; 501 is refused with its length.
    #[test]
    fn text_is_bounded_at_500_characters() {
        let at = "长".repeat(MAX_TEXT_CHARS);
        assert_eq!(bounded_text(&t(&at)), Ok(at.clone()));
        assert_eq!(
            bounded_text(&t(&format!("{at}x"))),
            Err(Invalid::TooLong {
                len: MAX_TEXT_CHARS + 1,
                max: MAX_TEXT_CHARS
            })
        );
    }

    /// A value of 60 characters is shown whole; 61 is cut to 60 and an ellipsis.
    #[test]
    fn a_long_value_is_shown_cut() {
        let sixty = "长".repeat(60);
        assert_eq!(shown_value(&sixty), sixty);
        assert_eq!(shown_value(&format!("{sixty}x")), format!("{sixty}…"));
        // Characters that cannot be seen are shown by their code points.
        assert_eq!(shown_value("王\u{200B}五"), "王<U+200B>五");
        assert_eq!(shown_value("一厂\n二车间\t"), "一厂<U+000A>二车间<U+0009>");
        assert_eq!(shown_value("王 芳\u{3000}李"), "王 芳\u{3000}李");
        assert_eq!(
            shown_value(&format!("{}\u{200B}", "长".repeat(59))),
            format!("{}<U+200B>", "长".repeat(59))
        );
    }

    /// Each range of format marks, at both ends; the characters beside them are seen.
    #[test]
    fn invisible_characters_are_controls_and_format_marks() {
        for c in [
            '\0', '\t', '\u{7F}', '\u{9F}', '\u{00AD}', '\u{034F}', '\u{061C}', '\u{180E}',
            '\u{200B}', '\u{200F}', '\u{2028}', '\u{202E}', '\u{2060}', '\u{2064}', '\u{2066}',
            '\u{206F}', '\u{FE00}', '\u{FE0F}', '\u{FEFF}',
        ] {
            assert!(invisible(c), "{:04X}", c as u32);
        }
        for c in [
            ' ', 'a', '王', '\u{00AC}', '\u{00AE}', '\u{200A}', '\u{2010}', '\u{2027}', '\u{202F}',
            '\u{2065}', '\u{2070}', '\u{FDFF}', '\u{FE10}', '\u{FEFE}', '\u{3000}',
        ] {
            assert!(!invisible(c), "{:04X}", c as u32);
        }
        assert_eq!(code_point('\u{200B}'), "<U+200B>");
        assert_eq!(code_point('\u{1F600}'), "<U+1F600>");
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test date")
    }

    #[test]
    fn iso_date_is_chronos_form() {
        let mut buf = [0u8; 10];
        for (y, m, d) in [
            (2025, 12, 31),
            (1900, 1, 1),
            (2024, 2, 29),
            (7, 3, 9),
            (9999, 12, 31),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(day, &mut buf), day.format("%Y-%m-%d").to_string());
        }
        for y in [10_000, -1] {
            let day = NaiveDate::from_ymd_opt(y, 1, 2).unwrap();
            assert_eq!(iso_date(day, &mut buf), day.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn batches_and_months_as_ledgers_write_them() {
        let t = |s: &str| Cell::Text(s.to_string());
        for (s, n) in [
            ("3", 3),
            ("第3批", 3),
            ("第12批次", 12),
            ("3批", 3),
            ("第 3 批", 3),
        ] {
            assert_eq!(parse_batch(&t(s)), Ok(n), "{s}");
        }
        assert_eq!(parse_batch(&Cell::Number(4.0)), Ok(4));
        assert_eq!(parse_batch(&t("第0批")), Err(Invalid::BatchZero));
        assert_eq!(parse_term_years(&t("5")), Ok(5));
        assert_eq!(parse_term_years(&t("3年")), Ok(3));
        assert_eq!(parse_term_years(&t("五年")), Ok(5));
        assert_eq!(parse_term_years(&t("十")), Ok(10));
        assert_eq!(parse_term_years(&Cell::Number(1.0)), Ok(1));
        assert_eq!(
            parse_term_years(&t("11")),
            Err(Invalid::TermYears { years: 11 })
        );
        assert_eq!(
            parse_term_years(&t("0年")),
            Err(Invalid::TermYears { years: 0 })
        );
        assert_eq!(parse_term_years(&t("三届")), Err(Invalid::CountFormat));
        assert!(parse_batch(&t("第三批")).is_err());
        assert!(parse_batch(&t("批")).is_err());
        for s in [
            "1975.02",
            "1975-2",
            "1975/02",
            "1975年2月",
            "197502",
            "1975-02-17",
        ] {
            assert_eq!(parse_year_month(&t(s)), Ok((1975, 2)), "{s}");
        }
        assert_eq!(parse_year_month(&Cell::Number(1975.02)), Ok((1975, 2)));
        assert_eq!(parse_year_month(&Cell::Number(1975.12)), Ok((1975, 12)));
        // Excel keeps 1975.10 as the number 1975.1: October, not January.
        assert_eq!(parse_year_month(&Cell::Number(1975.1)), Ok((1975, 10)));
        assert_eq!(parse_year_month(&Cell::Number(197502.0)), Ok((1975, 2)));
        for s in [
            "1975.13",
            "1975",
            "19752",
            "75.02",
            "197513",
            "1899.01",
            "一九七五年",
        ] {
            assert!(parse_year_month(&t(s)).is_err(), "{s}");
        }
    }

    #[test]
    fn names_compare_as_people_read_them() {
        assert!(same_name("朱　伟", "朱伟"));
        assert!(same_name("朱 伟 ", "朱伟"));
        assert!(same_name(
            "无锡华光（集团）有限公司",
            "无锡华光(集团)有限公司"
        ));
        assert!(!same_name("朱伟", "朱玮"));
        assert!(!same_name("朱伟", "朱伟伟"));
        assert_eq!(name_key("Ａｂ　Ｃ"), "AbC");
        // The usual name is compared as it is, with no copy.
        assert!(matches!(name_key("朱伟"), Cow::Borrowed("朱伟")));
    }

    #[test]
    fn fold_full_width_and_trim() {
        assert_eq!(fold("\u{3000} １２３ＡＢｘ（，）％￥ "), "123ABx(,)%¥");
        assert_eq!(fold("\u{FEFF}abc\u{200B}"), "abc");
        assert_eq!(fold(""), "");
        // Text with nothing to fold is trimmed of every kind of blank, without a copy.
        assert!(matches!(fold(" \t12\u{200B} "), Cow::Borrowed("12")));
        assert!(matches!(fold("\u{200B}\u{200B}"), Cow::Borrowed("")));
        // The ideographic space inside text becomes a plain space, as other full-width forms
        // do: a mobile number or a date with a time typed with it reads as with a space.
        assert_eq!(fold("１３８\u{3000}１２３４"), "138 1234");
        assert_eq!(
            Mobile::parse(&t("138\u{3000}1234\u{3000}5678")).map(|m| m.to_string()),
            Ok("13812345678".to_string())
        );
        assert_eq!(
            parse_date(&t("2024-01-05\u{3000}0:00")),
            Ok(date(2024, 1, 5))
        );
    }

    #[test]
    fn number_text_is_plain_decimal() {
        assert_eq!(number_text(1234.56).as_deref(), Some("1234.56"));
        assert_eq!(number_text(0.1 + 0.2).as_deref(), Some("0.3"));
        assert_eq!(number_text(1234.5600000000002).as_deref(), Some("1234.56"));
        assert_eq!(number_text(-0.30000000000000004).as_deref(), Some("-0.3"));
        assert_eq!(number_text(1e21).as_deref(), Some("1000000000000000000000"));
        assert_eq!(
            number_text(1.2345678901234567e20).as_deref(),
            Some("123456789012346000000")
        );
        assert_eq!(
            number_text(1.2345678901234567e-7).as_deref(),
            Some("0.000000123456789012346")
        );
        assert_eq!(
            number_text(3.20102198001011e17).as_deref(),
            Some("320102198001011000")
        );
        assert_eq!(number_text(f64::NAN), None);
        assert_eq!(number_text(f64::INFINITY), None);
    }

    #[test]
    fn gender() {
        for s in ["男", "男性", "M", "m", "Male", "ＭＡＬＥ"] {
            assert_eq!(Gender::parse(&t(s)), Ok(Gender::Male), "{s}");
        }
        for s in ["女", "女性", "F", "female"] {
            assert_eq!(Gender::parse(&t(s)), Ok(Gender::Female), "{s}");
        }
        assert_eq!(
            Gender::parse(&t("x")),
            Err(Invalid::NotInList {
                allowed: &["男", "女"]
            })
        );
        assert_eq!(Gender::parse(&Cell::Empty), Err(Invalid::Required));
        assert_eq!((Gender::Male.zh(), Gender::Female.code()), ("男", "female"));
    }

    #[test]
    fn mobile() {
        for s in [
            "13812345678",
            "138-1234-5678",
            "138 1234 5678",
            "+86 138 1234 5678",
            "8613812345678",
            "１３８１２３４５６７８",
        ] {
            let m = Mobile::parse(&t(s)).expect(s);
            assert_eq!(m.as_str(), "13812345678");
            assert_eq!(m.masked(), "138****5678");
            assert_eq!(m.to_string(), "13812345678");
        }
        assert!(Mobile::parse(&Cell::Number(19912345678.0)).is_ok());
        for s in [
            "12812345678",
            "1381234567",
            "138123456789",
            "1381234567a",
            "23812345678",
            "861381234567",
        ] {
            assert_eq!(Mobile::parse(&t(s)), Err(Invalid::Mobile), "{s}");
        }
        assert_eq!(Mobile::parse(&t(" ")), Err(Invalid::Required));
    }

    #[test]
    fn money_parses_yuan() {
        let yuan = |s: &str| Money::parse(&t(s), MoneyUnit::Yuan);
        assert_eq!(yuan("1,234.5"), Ok(Money::from_fen(123_450)));
        assert_eq!(yuan("1，234.50"), Ok(Money::from_fen(123_450)));
        assert_eq!(yuan("¥0.01"), Ok(Money::from_fen(1)));
        assert_eq!(yuan("￥ １２３４．５０"), Ok(Money::from_fen(123_450)));
        assert_eq!(yuan("500元"), Ok(Money::from_fen(50_000)));
        assert_eq!(yuan("1.5万"), Ok(Money::from_fen(1_500_000)));
        assert_eq!(yuan("1.230"), Ok(Money::from_fen(123)));
        assert_eq!(yuan(".5"), Ok(Money::from_fen(50)));
        assert_eq!(yuan("+7"), Ok(Money::from_fen(700)));
        assert_eq!(yuan("0"), Err(Invalid::MoneyNotPositive));
        assert_eq!(yuan("0.00"), Err(Invalid::MoneyNotPositive));
        assert_eq!(yuan("-5"), Err(Invalid::MoneyNegative));
        assert_eq!(yuan("-0"), Err(Invalid::MoneyNotPositive));
        assert_eq!(yuan("-1.234"), Err(Invalid::MoneyDecimals { max: 2 }));
        assert_eq!(yuan("1.234"), Err(Invalid::MoneyDecimals { max: 2 }));
        assert_eq!(yuan("12,34"), Err(Invalid::MoneyFormat));
        assert_eq!(yuan("1,2345"), Err(Invalid::MoneyFormat));
        assert_eq!(yuan("1.2.3"), Err(Invalid::MoneyFormat));
        assert_eq!(yuan("1e3"), Err(Invalid::MoneyFormat));
        assert_eq!(yuan("abc"), Err(Invalid::MoneyFormat));
        assert_eq!(yuan("."), Err(Invalid::MoneyFormat));
        assert_eq!(yuan("¥"), Err(Invalid::MoneyFormat));
        assert_eq!(yuan(""), Err(Invalid::Required));
        assert_eq!(yuan("92233720368547758.07"), Err(Invalid::MoneyOverflow));
        assert_eq!(yuan("92233720368547758.08"), Err(Invalid::MoneyOverflow));
        // The upper bound, 10¹² fen, is accepted; one fen more is not.
        assert_eq!(yuan("10000000000.00"), Ok(Money::from_fen(Money::MAX_FEN)));
        assert_eq!(yuan("10000000000.01"), Err(Invalid::MoneyOverflow));
        assert_eq!(yuan("100万万元"), Err(Invalid::MoneyFormat));
        assert_eq!(yuan("1000000万元"), Ok(Money::from_fen(Money::MAX_FEN)));
        assert_eq!(yuan("1000000.000001万元"), Err(Invalid::MoneyOverflow));
        assert_eq!(yuan(&"9".repeat(400)), Err(Invalid::MoneyOverflow));
    }

    /// Thousands separators group the integer digits by three after a first group of one to
    /// three digits; anything else (a letter O for a zero, a leading comma) is not an amount.
    #[test]
    fn money_thousands_separators_group_by_three() {
        let yuan = |s: &str| Money::parse(&t(s), MoneyUnit::Yuan);
        assert_eq!(yuan("100,000"), Ok(Money::from_fen(10_000_000)));
        assert_eq!(yuan("1,000,000.50"), Ok(Money::from_fen(100_000_050)));
        assert_eq!(yuan("12,345"), Ok(Money::from_fen(1_234_500)));
        for bad in [
            ",500", "O,500", "1,00O", "1O,000", "1000,000", "1,000,", "1,,000", "1,000,00",
        ] {
            assert_eq!(yuan(bad), Err(Invalid::MoneyFormat), "{bad}");
        }
        assert_eq!(parse_count(&t(",500")), Err(Invalid::CountFormat));
        assert_eq!(parse_count(&t("1,500")), Ok(1500));
    }

    #[test]
    fn money_parses_wan_and_numbers() {
        let wan = |c: Cell| Money::parse(&c, MoneyUnit::WanYuan);
        assert_eq!(wan(t("1.5")), Ok(Money::from_fen(1_500_000)));
        assert_eq!(wan(t("0.000001")), Ok(Money::from_fen(1)));
        assert_eq!(wan(t("0.0000001")), Err(Invalid::MoneyDecimals { max: 6 }));
        assert_eq!(wan(t("300元")), Ok(Money::from_fen(30_000)));
        assert_eq!(wan(Cell::Number(1.5)), Ok(Money::from_fen(1_500_000)));
        let yuan = |c: Cell| Money::parse(&c, MoneyUnit::Yuan);
        assert_eq!(yuan(Cell::Number(1234.56)), Ok(Money::from_fen(123_456)));
        assert_eq!(yuan(Cell::Number(0.1 + 0.2)), Ok(Money::from_fen(30)));
        assert_eq!(
            yuan(Cell::Number(1234.56 * 3.0)),
            Ok(Money::from_fen(370_368))
        );
        assert_eq!(
            yuan(Cell::Number(0.001)),
            Err(Invalid::MoneyDecimals { max: 2 })
        );
        assert_eq!(yuan(Cell::Number(-1.0)), Err(Invalid::MoneyNegative));
        assert_eq!(yuan(Cell::Number(1e300)), Err(Invalid::MoneyOverflow));
        assert_eq!(yuan(Cell::Number(f64::NAN)), Err(Invalid::MoneyFormat));
        assert_eq!(yuan(Cell::Bool(true)), Err(Invalid::MoneyFormat));
        assert_eq!(Money::parse_text("20000"), Ok(Money::from_fen(2_000_000)));
    }

    #[test]
    fn money_non_negative() {
        let nn = |s: &str| Money::parse_non_negative(&t(s), MoneyUnit::WanYuan);
        assert_eq!(nn("0"), Ok(Money::from_fen(0)));
        assert_eq!(nn("12.5"), Ok(Money::from_fen(12_500_000)));
        assert_eq!(nn("-0.5"), Err(Invalid::MoneyNegative));
        assert_eq!(nn(""), Err(Invalid::Required));
        assert_eq!(
            Money::parse_non_negative(&Cell::Number(0.0), MoneyUnit::Yuan),
            Ok(Money::from_fen(0))
        );
    }

    #[test]
    fn money_display() {
        assert_eq!(Money::from_fen(123_450).to_string(), "1234.50");
        assert_eq!(Money::from_fen(1).to_string(), "0.01");
        assert_eq!(Money::from_fen(0).to_string(), "0.00");
        assert_eq!(Money::from_fen(-300).to_string(), "-3.00");
        assert_eq!(
            Money::from_fen(i64::MIN).to_string(),
            "-92233720368547758.08"
        );
        assert_eq!(Money::from_fen(42).fen(), 42);
    }

    #[test]
    fn dates_in_every_form() {
        let d = date(2024, 1, 5);
        for s in [
            "2024-01-05",
            "2024-1-5",
            "2024/1/5",
            "2024/01/05",
            "2024.1.5",
            "2024年1月5日",
            "2024年01月05日",
            "2024年1月5号",
            "2024年1月5",
            "20240105",
            "2024/1/5 0:00",
            "2024-01-05 00:00:00",
            "2024-01-05T00:00:00",
            "２０２４－０１－０５",
        ] {
            assert_eq!(parse_date(&t(s)), Ok(d), "{s}");
        }
        assert_eq!(parse_date(&Cell::Date(d)), Ok(d));
        // A date cell is held to the years date text is: 1900–2100.
        for (y, ok) in [
            (1899, false),
            (1900, true),
            (2100, true),
            (2101, false),
            (10_000, false),
        ] {
            let day = date(y, 12, 31);
            let expected = if ok {
                Ok(day)
            } else {
                Err(Invalid::YearOutOfRange { year: y.into() })
            };
            assert_eq!(parse_date(&Cell::Date(day)), expected, "{day}");
        }
        assert_eq!(parse_date(&Cell::Number(20240105.0)), Ok(d));
        assert_eq!(parse_date(&Cell::Number(45296.0)), Err(Invalid::DateNumber));
        assert_eq!(
            parse_date(&Cell::Number(20240105.5)),
            Err(Invalid::DateNumber)
        );
        assert_eq!(parse_date(&t("2024-02-29")), Ok(date(2024, 2, 29)));
        // A time with seconds' fraction, as some exports write it.
        assert_eq!(parse_date(&t("2024-01-05 00:00:00.000")), Ok(d));
    }

    /// The ten-character `2024-01-05` shortcut takes only that form: mixed separators are not a
    /// date, and what follows a date must be a time.
    #[test]
    fn dates_with_mixed_separators_or_no_time_after_them_are_refused() {
        for s in [
            "2024-01/05",
            "2024/01-05",
            "2024.01-05",
            "2024-01-05 12",
            "2024-01-05 9:00pm",
            "2024-01-05 上午9:00",
        ] {
            assert_eq!(parse_date(&t(s)), Err(Invalid::DateFormat), "{s}");
        }
    }

    #[test]
    fn bad_dates() {
        let no_such = |year, month, day| Err(Invalid::DateNotReal { year, month, day });
        assert_eq!(parse_date(&t("2023-02-29")), no_such(2023, 2, 29));
        assert_eq!(parse_date(&t("20230229")), no_such(2023, 2, 29));
        assert_eq!(parse_date(&t("2024-13-01")), no_such(2024, 13, 1));
        assert_eq!(parse_date(&t("2024/4/31")), no_such(2024, 4, 31));
        assert_eq!(parse_date(&Cell::Number(20230229.0)), no_such(2023, 2, 29));
        assert_eq!(
            parse_date(&t("1899-12-31")),
            Err(Invalid::YearOutOfRange { year: 1899 })
        );
        assert_eq!(
            parse_date(&t("2101-01-01")),
            Err(Invalid::YearOutOfRange { year: 2101 })
        );
        assert_eq!(
            parse_date(&Cell::Number(99991231.0)),
            Err(Invalid::YearOutOfRange { year: 9999 })
        );
        for s in [
            "2024-1/5",
            "24/1/5",
            "2024-1",
            "2024年1月",
            "2024-001-05",
            "5/1/2024",
            "2024--5",
            "yesterday",
            "2024年1月5日日",
            "2024-01-05 noon",
        ] {
            let r = parse_date(&t(s));
            assert!(r.is_err() && r != Err(Invalid::Required), "{s}: {r:?}");
        }
        assert_eq!(parse_date(&Cell::Empty), Err(Invalid::Required));
        assert_eq!(parse_date(&Cell::Bool(true)), Err(Invalid::DateFormat));
    }

    #[test]
    fn years() {
        assert_eq!(parse_year(&t("2019")), Ok(2019));
        assert_eq!(parse_year(&t("2019年")), Ok(2019));
        assert_eq!(parse_year(&t("２０１９ 年")), Ok(2019));
        assert_eq!(parse_year(&Cell::Number(2019.0)), Ok(2019));
        assert_eq!(
            parse_year(&t("1899")),
            Err(Invalid::YearOutOfRange { year: 1899 })
        );
        assert_eq!(
            parse_year(&Cell::Number(2101.0)),
            Err(Invalid::YearOutOfRange { year: 2101 })
        );
        assert_eq!(parse_year(&Cell::Number(2019.5)), Err(Invalid::YearFormat));
        assert_eq!(
            parse_year(&t("19年")),
            Err(Invalid::YearOutOfRange { year: 19 })
        );
        assert_eq!(parse_year(&t("二〇一九")), Err(Invalid::YearFormat));
        assert_eq!(parse_year(&t("2019-01")), Err(Invalid::YearFormat));
        // A sign is not part of a year; more than six digits is not a year at all.
        assert_eq!(parse_year(&t("+2019")), Err(Invalid::YearFormat));
        assert_eq!(parse_year(&t("-2019")), Err(Invalid::YearFormat));
        assert_eq!(
            parse_year(&t("201900")),
            Err(Invalid::YearOutOfRange { year: 201_900 })
        );
        assert_eq!(parse_year(&t("1234567")), Err(Invalid::YearFormat));
        assert_eq!(parse_year(&t("2100")), Ok(2100));
        assert_eq!(parse_year(&t("1900")), Ok(1900));
        // A numeric cell: a year below 10^9 is judged as one, 10^9 and above is no year.
        assert_eq!(
            parse_year(&Cell::Number(999_999_999.0)),
            Err(Invalid::YearOutOfRange { year: 999_999_999 })
        );
        assert_eq!(parse_year(&Cell::Number(1e9)), Err(Invalid::YearFormat));
        assert_eq!(
            parse_year(&Cell::Number(-2019.0)),
            Err(Invalid::YearOutOfRange { year: -2019 })
        );
        assert_eq!(parse_year(&Cell::Empty), Err(Invalid::Required));
    }

    #[test]
    fn bools() {
        for s in [
            "是", "有", "对", "Y", "y", "YES", "True", "1", "√", "✓", "✔", "Ｙ",
        ] {
            assert_eq!(parse_bool(&t(s)), Ok(true), "{s}");
        }
        for s in ["否", "无", "错", "N", "no", "FALSE", "0", "×", "✗", "✘"] {
            assert_eq!(parse_bool(&t(s)), Ok(false), "{s}");
        }
        assert_eq!(parse_bool(&Cell::Bool(true)), Ok(true));
        assert_eq!(parse_bool(&Cell::Number(0.0)), Ok(false));
        assert_eq!(parse_bool(&Cell::Number(2.0)), Err(Invalid::NotBool));
        assert_eq!(parse_bool(&t("maybe")), Err(Invalid::NotBool));
        assert_eq!(parse_bool(&Cell::Empty), Err(Invalid::Required));
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count(&t("12")), Ok(12));
        assert_eq!(parse_count(&t("12人")), Ok(12));
        assert_eq!(parse_count(&t("300 人次")), Ok(300));
        assert_eq!(parse_count(&t("1,200")), Ok(1200));
        assert_eq!(parse_count(&t("0")), Ok(0));
        assert_eq!(parse_count(&t("12.0")), Ok(12));
        assert_eq!(parse_count(&Cell::Number(12.0)), Ok(12));
        assert_eq!(parse_count(&t("-0")), Ok(0));
        assert_eq!(parse_count(&t("12.5")), Err(Invalid::CountFraction));
        assert_eq!(parse_count(&Cell::Number(0.5)), Err(Invalid::CountFraction));
        assert_eq!(parse_count(&t("-3")), Err(Invalid::CountNegative));
        assert_eq!(parse_count(&t("-0.5")), Err(Invalid::CountNegative));
        assert_eq!(parse_count(&t("-0.0")), Ok(0));
        assert_eq!(
            parse_count(&Cell::Number(-3.0)),
            Err(Invalid::CountNegative)
        );
        assert_eq!(parse_count(&t("十二")), Err(Invalid::CountFormat));
        // The largest count, and one more: a number too large, not "not a number".
        assert_eq!(parse_count(&t("9223372036854775807")), Ok(i64::MAX));
        assert_eq!(
            parse_count(&t("9223372036854775808")),
            Err(Invalid::CountTooLarge)
        );
        assert_eq!(
            parse_count(&t(&"9".repeat(30))),
            Err(Invalid::CountTooLarge)
        );
        assert_eq!(parse_count(&Cell::Empty), Err(Invalid::Required));
    }

    #[test]
    fn percents() {
        assert_eq!(parse_percent(&t("5.5")), Ok(550));
        assert_eq!(parse_percent(&t("5.5%")), Ok(550));
        assert_eq!(parse_percent(&t("５．５％")), Ok(550));
        assert_eq!(parse_percent(&t("0")), Ok(0));
        assert_eq!(parse_percent(&t("-2.25")), Ok(-225));
        assert_eq!(parse_percent(&Cell::Number(8.0)), Ok(800));
        assert_eq!(parse_percent(&t("-100")), Ok(-10_000));
        assert_eq!(parse_percent(&t("1000%")), Ok(100_000));
        assert_eq!(parse_percent(&t("5.555")), Err(Invalid::PercentDecimals));
        assert_eq!(
            parse_percent(&t("-100.01")),
            Err(Invalid::PercentOutOfRange)
        );
        assert_eq!(
            parse_percent(&t("1000.01")),
            Err(Invalid::PercentOutOfRange)
        );
        assert_eq!(
            parse_percent(&t(&"9".repeat(40))),
            Err(Invalid::PercentOutOfRange)
        );
        assert_eq!(parse_percent(&t("five")), Err(Invalid::PercentFormat));
        assert_eq!(parse_percent(&Cell::Empty), Err(Invalid::Required));
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "９".repeat(100_000);
        let odd = [
            "",
            " ",
            "\u{3000}",
            "\u{200B}",
            "👍",
            "e\u{301}",
            "年月日",
            "-",
            "+",
            ",",
            ",,,",
            "1,",
            ".",
            "%",
            "万",
            "¥-",
            "\u{FF5E}",
            "𠀀𠀀",
            "-0.0%",
            &long,
        ];
        for s in odd {
            let c = t(s);
            let _ = (
                Gender::parse(&c),
                Mobile::parse(&c),
                Money::parse(&c, MoneyUnit::WanYuan),
                Money::parse_text(s),
            );
            let _ = (
                parse_date(&c),
                parse_year(&c),
                parse_bool(&c),
                parse_count(&c),
                parse_percent(&c),
            );
        }
        for n in [
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            -0.0,
            f64::NEG_INFINITY,
            5e-324,
        ] {
            let c = Cell::Number(n);
            let _ = (
                Money::parse(&c, MoneyUnit::Yuan),
                parse_date(&c),
                parse_year(&c),
                parse_count(&c),
                parse_percent(&c),
                Mobile::parse(&c),
            );
        }
    }
}
