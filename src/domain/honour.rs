//! Honours as awarded: a title read from a cell keeps the place that awarded it, and its level
//! is decided from that place and the office's settings — a title of a county-level city
//! (江阴市劳动模范) is county level, not city level. Titles outside the closed list of model
//! titles and medals (江苏工匠, 技术能手, 巾帼标兵 …) are the open vocabulary: kept with their
//! kind and level, carrying no model treatment.

use super::cell::fold;
use super::codes::{place_level, split_regional, HonourKind, Level, Title, COUNTY_LEVEL_CITIES};
use super::invalid::Invalid;
use super::person::Honour;
use super::policy::{self, Policy, Treatment};

/// A title as a row gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Awarded {
    /// What is stored as the title: the canonical model title or medal (`市劳动模范`), or an
    /// open title as written, blanks removed (`江苏工匠`).
    pub title: String,
    pub kind: HonourKind,
    /// The closed model title or medal, when it is one.
    pub model: Option<Title>,
    /// The awarding place as written (`江阴市`, `江苏省`, `梁溪区`, `江苏`), if the title names one.
    pub place: Option<String>,
    /// The level the wording names, before [`Places`] places it.
    pub level: Option<Level>,
}

impl From<Title> for Awarded {
    /// The title as its canonical label names it, with no place.
    fn from(title: Title) -> Awarded {
        Awarded {
            title: title.zh().to_string(),
            kind: title.kind(),
            model: Some(title),
            place: None,
            level: Some(title.level()),
        }
    }
}

impl From<Title> for Box<Awarded> {
    fn from(title: Title) -> Box<Awarded> {
        Box::new(Awarded::from(title))
    }
}

/// The model treatment an honour earns under `policy`: a model title at its level; a medal as
/// the treatment table says for its level (全国五一劳动奖章 → provincial, 省五一劳动奖章 → city by
/// default; a county-level city's medal, none); an open honour as `treatment.KIND` says (none
/// by default).
pub fn treatment(h: &Honour, policy: &Policy) -> Option<Level> {
    let t = match h.kind {
        HonourKind::Model => return h.level,
        HonourKind::Medal => policy.treatment(match h.level? {
            Level::National => policy::TREATMENT_NATIONAL_MEDAL,
            Level::Provincial => policy::TREATMENT_PROVINCIAL_MEDAL,
            Level::City => policy::TREATMENT_CITY_MEDAL,
            Level::District => return None,
        }),
        kind => policy.treatment(policy::treatment_key(kind)?),
    };
    match t {
        Treatment::None => None,
        Treatment::At(l) => Some(l),
        Treatment::AsAwarded => h.level,
    }
}

/// A model title or medal stored at another level than its name says — a title of a
/// county-level city, `市劳动模范` of 江阴市 at county level — with the place that tells it
/// apart: how it reads as awarded. `None` for a title read as its name says.
pub fn placed_title<'a>(
    title: &str,
    place: Option<&'a str>,
    level: Option<i64>,
) -> Option<(Title, &'a str)> {
    let t = Title::parse(title)?;
    let place = place?;
    (level != Some(t.level() as i64)).then_some((t, place))
}

/// Words that make a title a model title or a medal: one of them that is not read as such is
/// a typo, refused rather than kept as an open title without treatment.
const MODEL_WORDS: [&str; 4] = ["劳模", "劳动模范", "五一劳动奖章", "五一奖章"];

/// The longest title kept: longer text is a note or a pasted paragraph, not a title.
const MAX_TITLE: usize = 40;

/// The open kinds by the ending of the title.
const OPEN_ENDINGS: [(&str, HonourKind); 6] = [
    ("工匠", HonourKind::Craftsman),
    ("能手", HonourKind::SkillMaster),
    ("标兵", HonourKind::Exemplar),
    ("先进工作者", HonourKind::Advanced),
    ("先进个人", HonourKind::Advanced),
    ("先进生产者", HonourKind::Advanced),
];

impl Awarded {
    /// Reads a title: a model title or medal in any of its forms (with its place, when
    /// regional), or any other honour of the open vocabulary.
    pub fn parse(text: &str) -> Result<Awarded, Invalid> {
        let key: String = fold(text.trim())
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let key = match without_year(&key) {
            "" if !key.is_empty() => return Err(Invalid::NotATitle),
            title => title.to_string(),
        };
        if key.is_empty() {
            return Err(Invalid::Required);
        }
        let len = key.chars().count();
        if len > MAX_TITLE {
            return Err(Invalid::TooLong {
                len,
                max: MAX_TITLE,
            });
        }
        if let Some(title) = Title::parse(&key) {
            let place = split_regional(&key)
                .filter(|(t, _)| *t == title)
                .map(|(_, p)| p.to_string());
            return Ok(Awarded {
                place,
                ..Awarded::from(title)
            });
        }
        if MODEL_WORDS.iter().any(|w| key.contains(w)) {
            return Err(Invalid::NotInList {
                allowed: Title::LABELS,
            });
        }
        let kind = OPEN_ENDINGS
            .iter()
            .find(|(ending, _)| key.ends_with(ending))
            .map_or(HonourKind::Other, |(_, k)| *k);
        let chinese = key.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let signs = key
            .chars()
            .any(|c| c.is_ascii_punctuation() && !"()-·.".contains(c));
        if !chinese || signs {
            return Err(Invalid::NotATitle);
        }
        let place = open_place(&key);
        Ok(Awarded {
            level: place.and_then(place_level).or_else(|| bare_level(&key)),
            place: place.map(str::to_string),
            title: key,
            kind,
            model: None,
        })
    }
}

/// A title with the year it was awarded in brackets after it (`江苏省劳动模范（2015年）`, full-width
/// brackets folded): the title alone. The year is the row's 获评年份 column's to give.
fn without_year(key: &str) -> &str {
    let Some(inner) = key.strip_suffix(')') else {
        return key;
    };
    match inner.rsplit_once('(') {
        Some((title, year)) => {
            let digits = year.strip_suffix('年').unwrap_or(year);
            if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
                title
            } else {
                key
            }
        }
        _ => key,
    }
}

/// The place an open title begins with: `全国`, a province (`江苏`, `江苏省`), or a name of two
/// characters or more ending 市, 区 or 县 (`无锡市技术能手`, `梁溪区岗位标兵`).
fn open_place(key: &str) -> Option<&str> {
    let chars: Vec<(usize, char)> = key.char_indices().collect();
    // The longest prefix that is a place, leaving a title after it.
    (2..chars.len())
        .rev()
        .map(|n| &key[..chars[n].0])
        .find(|p| {
            let ends = ['市', '区', '县', '省'];
            let long = p.chars().count() >= 3 || !p.ends_with(ends);
            // 省级区…, 市级县… begin with a level word, not a place's name.
            long && !p.contains('级') && place_level(p).is_some()
        })
}

/// A title that names only a level (`省技术能手`, `市级岗位标兵`): the longest start of it, up to
/// three characters, that the level vocabulary reads — but a lone 市, 区, 县 or 省 that begins a
/// common word (`市场营销标兵`, `区域销售能手`, `省力化攻关能手`) names no level.
fn bare_level(key: &str) -> Option<Level> {
    let ends: Vec<usize> = key.char_indices().map(|(i, _)| i).skip(1).take(3).collect();
    let level = ends
        .iter()
        .rev()
        .find_map(|&end| Level::parse(&key[..end]).map(|l| (l, key[..end].chars().count())));
    match level {
        Some((_, 1)) if NOT_A_LEVEL.iter().any(|w| key.starts_with(w)) => None,
        other => other.map(|(l, _)| l),
    }
}

/// Words beginning with a level's single character that an honour's title may begin with.
const NOT_A_LEVEL: [&str; 12] = [
    "市场", "市政", "市民", "市容", "区域", "区块", "县域", "省力", "省心", "市值", "区间", "市区",
];

/// What places a title: the office's city (`office.city`, e.g. 无锡市), which a title naming
/// only 市 was awarded by and an open title may begin with in short (`无锡工匠`), and the
/// county-level cities (江阴市, 宜兴市 and any in `honour.county_level_cities`), whose titles
/// are county level.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    pub office_city: Option<String>,
    pub county_level: Vec<String>,
}

/// A city's name without its `市`.
fn short(city: &str) -> &str {
    city.strip_suffix('市').unwrap_or(city)
}

impl Places {
    fn county_level(&self, place: &str) -> Option<&str> {
        COUNTY_LEVEL_CITIES
            .iter()
            .copied()
            .chain(self.county_level.iter().map(String::as_str))
            .find(|c| *c == place || short(c) == place)
    }

    /// The place and level of an awarded title.
    pub fn place(&self, a: &Awarded) -> (Option<String>, Option<Level>) {
        let county = |p: &str| {
            self.county_level(p)
                .map(|c| (Some(c.to_string()), Some(Level::District)))
        };
        if let Some(p) = a.place.as_deref() {
            // A place the wording does not spell (授予地 无锡市 for 无锡工匠) gives the level.
            return county(p).unwrap_or((Some(p.to_string()), a.level.or_else(|| place_level(p))));
        }
        // A model title naming only 市 (市劳动模范) was awarded by the office's city.
        if a.model.is_some_and(|t| t.level() == Level::City) {
            if let Some(city) = &self.office_city {
                return county(city).unwrap_or((Some(city.clone()), a.level));
            }
            return (None, a.level);
        }
        if a.model.is_none() {
            // An open title beginning with a city's short name: 无锡工匠, 江阴工匠.
            let cities = self
                .office_city
                .iter()
                .map(String::as_str)
                .chain(COUNTY_LEVEL_CITIES)
                .chain(self.county_level.iter().map(String::as_str));
            for city in cities {
                let name = short(city);
                if name.chars().count() >= 2 && a.title.starts_with(name) && a.title != name {
                    return county(city).unwrap_or((Some(city.to_string()), Some(Level::City)));
                }
            }
        }
        (None, a.level)
    }
}

/// The place and level of a stored honour — its title as stored and its awarding place — as
/// `places` reads it now: after the county-level cities or the office's city changed, 张家港市's
/// titles become county level (or city level again), and 张家港工匠 is placed in 张家港市. A
/// place on file is kept. `None` for a level when neither names one.
pub fn relevel(
    title: &str,
    place: Option<&str>,
    places: &Places,
) -> (Option<String>, Option<Level>) {
    let Ok(mut a) = Awarded::parse(title) else {
        return (place.map(str::to_string), None);
    };
    if let Some(p) = place {
        a.place = Some(p.to_string());
    }
    let (now, level) = places.place(&a);
    (place.map(str::to_string).or(now), level)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wuxi() -> Places {
        Places {
            office_city: Some("无锡市".into()),
            county_level: vec!["溧阳市".into()],
        }
    }

    fn placed(text: &str) -> (String, HonourKind, Option<String>, Option<Level>) {
        let a = Awarded::parse(text).unwrap();
        let (place, level) = wuxi().place(&a);
        (a.title, a.kind, place, level)
    }

    #[test]
    fn a_county_level_city_awards_county_level_titles() {
        use HonourKind::*;
        let own = |s: &str| Some(s.to_string());
        assert_eq!(
            placed("江阴市劳动模范"),
            (
                "市劳动模范".into(),
                Model,
                own("江阴市"),
                Some(Level::District)
            )
        );
        assert_eq!(
            placed("宜兴市五一劳动奖章"),
            (
                "市五一劳动奖章".into(),
                Medal,
                own("宜兴市"),
                Some(Level::District)
            )
        );
        assert_eq!(
            placed("溧阳市劳模"),
            (
                "市劳动模范".into(),
                Model,
                own("溧阳市"),
                Some(Level::District)
            )
        );
        assert_eq!(
            placed("无锡市劳动模范"),
            ("市劳动模范".into(), Model, own("无锡市"), Some(Level::City))
        );
        // Only 市: the office's city.
        assert_eq!(
            placed("市劳模"),
            ("市劳动模范".into(), Model, own("无锡市"), Some(Level::City))
        );
        assert_eq!(
            Places::default().place(&Awarded::parse("市劳模").unwrap()),
            (None, Some(Level::City))
        );
        assert_eq!(
            placed("江苏省劳动模范"),
            (
                "省劳动模范".into(),
                Model,
                own("江苏省"),
                Some(Level::Provincial)
            )
        );
        assert_eq!(
            placed("全国劳动模范"),
            ("全国劳动模范".into(), Model, None, Some(Level::National))
        );
        // An office that is itself a county-level city.
        let jiangyin = Places {
            office_city: Some("江阴市".into()),
            county_level: vec![],
        };
        assert_eq!(
            jiangyin.place(&Awarded::parse("市劳动模范").unwrap()),
            (own("江阴市"), Some(Level::District))
        );
    }

    #[test]
    fn open_titles_keep_kind_place_and_level() {
        use HonourKind::*;
        let own = |s: &str| Some(s.to_string());
        assert_eq!(
            placed("江苏工匠"),
            (
                "江苏工匠".into(),
                Craftsman,
                own("江苏"),
                Some(Level::Provincial)
            )
        );
        assert_eq!(
            placed("无锡工匠"),
            (
                "无锡工匠".into(),
                Craftsman,
                own("无锡市"),
                Some(Level::City)
            )
        );
        assert_eq!(
            placed("江阴工匠"),
            (
                "江阴工匠".into(),
                Craftsman,
                own("江阴市"),
                Some(Level::District)
            )
        );
        assert_eq!(
            placed("技术能手"),
            ("技术能手".into(), SkillMaster, None, None)
        );
        assert_eq!(
            placed("省技术能手"),
            (
                "省技术能手".into(),
                SkillMaster,
                None,
                Some(Level::Provincial)
            )
        );
        assert_eq!(
            placed("全国巾帼标兵"),
            (
                "全国巾帼标兵".into(),
                Exemplar,
                own("全国"),
                Some(Level::National)
            )
        );
        assert_eq!(
            placed("梁溪区岗位标兵"),
            (
                "梁溪区岗位标兵".into(),
                Exemplar,
                own("梁溪区"),
                Some(Level::District)
            )
        );
        assert_eq!(
            placed("先进工作者"),
            ("先进工作者".into(), Advanced, None, None)
        );
        assert_eq!(
            placed("三八 红旗手"),
            ("三八红旗手".into(), Other, None, None)
        );
        // 城市 is not a place: a name before 市 has two characters at least.
        assert_eq!(placed("城市美容师").2, None);
        // The year in brackets after a title is left to the year column.
        assert_eq!(
            Awarded::parse("江苏省劳动模范（2015年）").map(|a| (a.model, a.place)),
            Ok((Some(Title::ProvincialModel), Some("江苏省".into())))
        );
        assert_eq!(
            Awarded::parse("无锡工匠(2020)").map(|a| a.title),
            Ok("无锡工匠".into())
        );
        // Other brackets stay: they are part of the title, or a typo to refuse.
        assert_eq!(
            Awarded::parse("技术能手（焊工）").map(|a| a.title),
            Ok("技术能手(焊工)".into())
        );
        assert_eq!(
            Awarded::parse("技术能手(15年)").map(|a| a.title),
            Ok("技术能手(15年)".into())
        );
        assert_eq!(Awarded::parse("（2015年）"), Err(Invalid::NotATitle));
        // A lone level character is a level only when it does not begin a word.
        for (title, level) in [
            ("市场营销标兵", None),
            ("市政工程先进个人", None),
            ("区域销售能手", None),
            ("县域经济先进个人", None),
            ("省力化攻关能手", None),
            ("市区环卫标兵", None),
            ("市技术能手", Some(Level::City)),
            ("区岗位标兵", Some(Level::District)),
            ("县先进工作者", Some(Level::District)),
            ("市级市场营销标兵", Some(Level::City)),
            ("省级区域销售能手", Some(Level::Provincial)),
        ] {
            assert_eq!(placed(title).3, level, "{title}");
        }
    }

    #[test]
    fn stored_honours_are_levelled_again_by_the_places_of_now() {
        let mut places = wuxi();
        let level = |title: &str, place: Option<&str>, p: &Places| relevel(title, place, p).1;
        // 张家港市 before and after it is listed as a county-level city.
        assert_eq!(
            level("市劳动模范", Some("张家港市"), &places),
            Some(Level::City)
        );
        assert_eq!(
            level("张家港工匠", Some("张家港市"), &places),
            Some(Level::City)
        );
        places.county_level.push("张家港市".into());
        assert_eq!(
            level("市劳动模范", Some("张家港市"), &places),
            Some(Level::District)
        );
        assert_eq!(
            level("张家港工匠", Some("张家港市"), &places),
            Some(Level::District)
        );
        // The built-in ones stay county level; the office's city and a province stay.
        assert_eq!(
            level("市劳动模范", Some("江阴市"), &places),
            Some(Level::District)
        );
        assert_eq!(
            level("市劳动模范", Some("无锡市"), &places),
            Some(Level::City)
        );
        assert_eq!(level("市劳动模范", None, &places), Some(Level::City));
        assert_eq!(
            level("无锡工匠", Some("无锡市"), &places),
            Some(Level::City)
        );
        assert_eq!(
            level("省劳动模范", Some("江苏省"), &places),
            Some(Level::Provincial)
        );
        assert_eq!(level("技术能手", None, &places), None);
        assert_eq!(
            level("江苏工匠", Some("江苏"), &places),
            Some(Level::Provincial)
        );
        // A title that no longer reads keeps its place and no level.
        assert_eq!(
            relevel("", Some("某地"), &places),
            (Some("某地".into()), None)
        );
        // A place the title gives in short is filled in; one on file is kept as it is.
        assert_eq!(
            relevel("张家港工匠", None, &places).0.as_deref(),
            Some("张家港市")
        );
        assert_eq!(
            relevel("江阴工匠", Some("江阴"), &places).0.as_deref(),
            Some("江阴")
        );
        assert_eq!(relevel("技术能手", None, &places).0, None);
    }

    #[test]
    fn treatment_by_the_table_for_medals_and_open_honours() {
        let on = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let defaults = Policy::defaults(on);
        let medal = |t: Title| Honour::new(t, None);
        assert_eq!(
            treatment(&medal(Title::NationalMedal), &defaults),
            Some(Level::Provincial)
        );
        assert_eq!(
            treatment(&medal(Title::ProvincialMedal), &defaults),
            Some(Level::City)
        );
        assert_eq!(treatment(&medal(Title::CityMedal), &defaults), None);
        assert_eq!(
            treatment(&medal(Title::CityModel), &defaults),
            Some(Level::City)
        );
        let county = Honour {
            level: Some(Level::District),
            ..medal(Title::CityMedal)
        };
        assert_eq!(treatment(&county, &defaults), None);
        let county_model = Honour {
            level: Some(Level::District),
            ..medal(Title::CityModel)
        };
        assert_eq!(treatment(&county_model, &defaults), Some(Level::District));
        let craftsman = Honour {
            kind: HonourKind::Craftsman,
            title: None,
            level: Some(Level::Provincial),
            year: None,
            revoked_on: None,
        };
        assert_eq!(treatment(&craftsman, &defaults), None);
        let row = |key: &str, value: &str| policy::Dated {
            key: key.into(),
            valid_from: on,
            value: value.into(),
            reference: None,
        };
        let set = Policy::in_force(
            &[
                row("treatment.craftsman", "as_awarded"),
                row("treatment.skill_master", "city"),
                row(policy::TREATMENT_CITY_MEDAL.key, "district"),
            ],
            on,
        );
        assert_eq!(treatment(&craftsman, &set), Some(Level::Provincial));
        let skill = Honour {
            kind: HonourKind::SkillMaster,
            level: None,
            ..craftsman
        };
        assert_eq!(treatment(&skill, &set), Some(Level::City));
        assert_eq!(
            treatment(&medal(Title::CityMedal), &set),
            Some(Level::District)
        );
        assert_eq!(
            treatment(
                &Honour {
                    kind: HonourKind::Other,
                    ..craftsman
                },
                &set
            ),
            None
        );
    }

    #[test]
    fn a_title_placed_at_another_level_reads_with_its_place() {
        assert_eq!(
            placed_title("市劳动模范", Some("江阴市"), Some(1)),
            Some((Title::CityModel, "江阴市"))
        );
        assert_eq!(placed_title("市劳动模范", Some("无锡市"), Some(2)), None);
        assert_eq!(placed_title("市劳动模范", None, Some(1)), None);
        assert_eq!(placed_title("江苏工匠", Some("江苏"), Some(3)), None);
    }

    #[test]
    fn a_model_word_that_is_no_model_title_is_refused() {
        assert!(Awarded::parse("省劳模范").is_err());
        assert!(Awarded::parse("市五一奖章章").is_err());
        assert_eq!(
            Awarded::parse("全国五一巾帼标兵").unwrap().kind,
            HonourKind::Exemplar
        );
        assert!(Awarded::parse("  ").is_err());
        assert_eq!(
            Awarded::parse("=cmd|' /C calc'!A0"),
            Err(Invalid::NotATitle)
        );
        assert_eq!(Awarded::parse("MVP"), Err(Invalid::NotATitle));
        assert_eq!(
            Awarded::parse(&"长".repeat(41)),
            Err(Invalid::TooLong { len: 41, max: 40 })
        );
        assert!(Awarded::parse(&"长".repeat(40)).is_ok());
        assert!(Awarded::parse("优秀共产党员(2020)").is_ok());
    }
}
