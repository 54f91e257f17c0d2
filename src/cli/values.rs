//! Typed values of the command line. Years, dates and the closed vocabularies (levels,
//! categories, programmes, revocation cases …) are read by clap while it parses, so a bad value
//! is a usage error (exit 2) in the run's language before any command runs, and `--help` lists
//! the values a flag takes. The readings are the domain's own (`values::parse_year`,
//! `values::parse_date`, each vocabulary's forgiving `parse`): a flag takes exactly what an
//! import cell takes, Chinese names and aliases included.

use std::cell::Cell as Slot;
use std::ffi::OsStr;
use std::marker::PhantomData;

use chrono::NaiveDate;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::domain::cell::Cell;
use crate::domain::codes::{
    CarrierLevel, HardshipType, LeaderRule, Level, PayoutCategory, PersonStatus, RevocationCase,
    StudioKind, StudioLevel, UnionForm,
};
use crate::domain::payout_rules::Program;
use crate::domain::values;
use crate::i18n::{self, Lang, Msg};

thread_local! {
    /// The language of the command line being parsed (see [`parsing_in`]).
    static PARSING_IN: Slot<Lang> = const { Slot::new(Lang::Zh) };
}

/// Runs `parse` (clap's parsing, and the printing of its help or usage error) with the value
/// checks and `--help` speaking `lang`: clap calls the value parsers with no context of ours,
/// so they hear the language from here, for the span of `parse` on this thread only.
pub fn parsing_in<T>(lang: Lang, parse: impl FnOnce() -> T) -> T {
    let before = PARSING_IN.replace(lang);
    let out = parse();
    PARSING_IN.set(before);
    out
}

/// The language the command line is being parsed in.
pub(crate) fn lang() -> Lang {
    PARSING_IN.get()
}

/// A year: `2025` or `2025年`, 1900–2100.
pub fn year(text: &str) -> Result<i32, String> {
    values::parse_year(&Cell::Text(text.to_string())).map_err(|e| i18n::reason(lang(), &e))
}

/// A date in any spelling an import cell takes: `2026-09-30`, `2026/9/30`, `2026年9月30日` …
pub fn date(text: &str) -> Result<NaiveDate, String> {
    values::parse_date(&Cell::Text(text.trim().to_string())).map_err(|e| i18n::reason(lang(), &e))
}

/// A value of a closed vocabulary as the command line takes it.
pub trait Word: Copy + Send + Sync + 'static {
    /// Every value, in the vocabulary's order.
    fn all() -> &'static [Self];
    /// The forgiving reading of the vocabulary (code, Chinese name, usual variants).
    fn read(text: &str) -> Option<Self>;
    /// The value as `--help` and a usage error list it in `lang`.
    fn name(self, lang: Lang) -> String;
    /// Its other spelling, shown beside the name in `--help`.
    fn help(self, lang: Lang) -> String;
}

/// The vocabularies of `domain::codes`: listed by their Chinese name in Chinese and by their
/// code in English; either is taken in both languages.
macro_rules! vocabulary_words {
    ($($t:ty),+ $(,)?) => {$(
        impl Word for $t {
            fn all() -> &'static [Self] {
                <$t>::ALL
            }
            fn read(text: &str) -> Option<Self> {
                <$t>::parse(text)
            }
            fn name(self, lang: Lang) -> String {
                match lang {
                    Lang::Zh => self.zh(),
                    Lang::En => self.code(),
                }
                .to_string()
            }
            fn help(self, lang: Lang) -> String {
                match lang {
                    Lang::Zh => self.code(),
                    Lang::En => self.zh(),
                }
                .to_string()
            }
        }
    )+};
}

vocabulary_words!(
    Level,
    StudioLevel,
    StudioKind,
    CarrierLevel,
    PayoutCategory,
    PersonStatus,
    HardshipType,
    UnionForm,
    LeaderRule,
);

/// A revocation case goes by its number (1–5); its wording is the help.
impl Word for RevocationCase {
    fn all() -> &'static [Self] {
        RevocationCase::ALL
    }
    fn read(text: &str) -> Option<Self> {
        RevocationCase::parse(text)
    }
    fn name(self, _: Lang) -> String {
        self.number().to_string()
    }
    fn help(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.code(),
        }
        .to_string()
    }
}

/// A roster programme goes by its code; its payout category's name is the help (and is taken
/// too).
impl Word for Program {
    fn all() -> &'static [Self] {
        Program::ALL
    }
    fn read(text: &str) -> Option<Self> {
        Program::parse(text)
    }
    fn name(self, _: Lang) -> String {
        self.code().to_string()
    }
    fn help(self, _: Lang) -> String {
        self.category().zh().to_string()
    }
}

/// Yes or no (是/否, yes/no and the other spellings a cell takes).
impl Word for bool {
    fn all() -> &'static [Self] {
        &[true, false]
    }
    fn read(text: &str) -> Option<Self> {
        values::parse_bool(&Cell::Text(text.to_string())).ok()
    }
    fn name(self, lang: Lang) -> String {
        match self {
            true => Msg::Yes,
            false => Msg::No,
        }
        .text(lang)
        .to_string()
    }
    fn help(self, lang: Lang) -> String {
        let other = match lang {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        };
        self.name(other)
    }
}

/// The value parser of a vocabulary flag: `value_parser = words::<Level>()`.
pub fn words<T: Word>() -> Words<T> {
    Words(PhantomData)
}

/// See [`words`].
pub struct Words<T>(PhantomData<fn() -> T>);

impl<T> Clone for Words<T> {
    fn clone(&self) -> Self {
        Words(PhantomData)
    }
}

impl<T: Word> TypedValueParser for Words<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        if let Some(v) = T::read(&text) {
            return Ok(v);
        }
        let lang = lang();
        let mut e = clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd);
        let arg = arg.map_or_else(String::new, ToString::to_string);
        e.insert(ContextKind::InvalidArg, ContextValue::String(arg));
        e.insert(
            ContextKind::InvalidValue,
            ContextValue::String(text.into_owned()),
        );
        e.insert(
            ContextKind::ValidValue,
            ContextValue::Strings(T::all().iter().map(|v| v.name(lang)).collect()),
        );
        Err(e)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let lang = lang();
        Some(Box::new(T::all().iter().map(move |v| {
            PossibleValue::new(v.name(lang)).help(v.help(lang))
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value a flag lists reads back as itself, in both languages, by its name and by its
    /// help (the other spelling).
    #[test]
    fn every_listed_value_reads_back() {
        fn check<T: Word + PartialEq + std::fmt::Debug>() {
            for lang in [Lang::Zh, Lang::En] {
                for v in T::all() {
                    assert_eq!(T::read(&v.name(lang)), Some(*v), "{}", v.name(lang));
                    assert_eq!(T::read(&v.help(lang)), Some(*v), "{}", v.help(lang));
                }
            }
        }
        check::<Level>();
        check::<StudioLevel>();
        check::<StudioKind>();
        check::<CarrierLevel>();
        check::<PayoutCategory>();
        check::<PersonStatus>();
        check::<HardshipType>();
        check::<UnionForm>();
        check::<LeaderRule>();
        check::<RevocationCase>();
        check::<Program>();
        check::<bool>();
    }

    #[test]
    fn years_and_dates() {
        assert_eq!(year("2025"), Ok(2025));
        assert_eq!(year("2025年"), Ok(2025));
        assert!(year("20x5").is_err());
        assert!(year("1899").is_err());
        assert_eq!(
            date(" 2024-02-29 "),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
        assert!(date("2024-02-30").is_err());
        assert_eq!(
            date("2024年3月1日"),
            Ok(NaiveDate::from_ymd_opt(2024, 3, 1).unwrap())
        );
    }
}
