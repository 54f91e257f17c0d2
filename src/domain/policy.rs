//! Dated policy parameters (SPEC §6.3), as in rules-as-code systems: every number a rule uses is
//! a parameter with a default, a unit, and dated values; the value in force on a date is the one
//! with the latest `valid_from` not after it. Pure: the dated rows are passed in.
//!
//! Values are kept as canonical text: money in yuan with two decimals (`20000.00`, read into
//! fen, never a float), whole numbers for years, months and counts, `even`/`odd` for a parity,
//! a level code (`city`), or a comma-separated list of payout category codes.

use chrono::NaiveDate;

use super::codes::{HonourKind, Level, PayoutCategory, RevocationCase, SchoolStage, StudioKind};
use super::values::Money;

/// What a parameter's value means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Yuan,
    Years,
    Months,
    Count,
    /// `even` or `odd` years.
    Parity,
    /// An honour level code.
    Level,
    /// Payout category codes, comma-separated.
    Categories,
    /// The payout categories that can be owed by the month (see [`monthly_standard_key`]),
    /// comma-separated.
    MonthlyCategories,
    /// Place names, comma-separated (`江阴市,宜兴市`).
    Places,
    /// Studio kinds, comma-separated (`劳模创新工作室,工匠创新工作室`).
    Kinds,
    /// Years, or blank for "as `studio.reapply_wait_years`".
    YearsOrGeneral,
    /// Revocation case numbers 1–5, comma-separated (blank: none).
    Cases,
    /// The model treatment an honour earns: a level code, `none`, or `as_awarded` (the level
    /// the honour was awarded at).
    Treatment,
    /// A day of the year, `MM-DD` (a day every year has: not 02-29).
    MonthDay,
}

/// The model treatment a kind of honour earns (a [`Unit::Treatment`] value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treatment {
    None,
    At(Level),
    AsAwarded,
}

impl Treatment {
    pub fn code(self) -> &'static str {
        match self {
            Treatment::None => "none",
            Treatment::At(l) => l.code(),
            Treatment::AsAwarded => "as_awarded",
        }
    }

    fn parse(text: &str) -> Option<Treatment> {
        match text.trim().to_lowercase().as_str() {
            "none" | "无" | "不享受" => Some(Treatment::None),
            "as_awarded" | "as-awarded" | "同级" | "按授予级别" => {
                Some(Treatment::AsAwarded)
            }
            t => Level::parse(t).map(Treatment::At),
        }
    }
}

/// A known parameter: its key, unit, default value and the document the default comes from.
#[derive(Debug, Clone, Copy)]
pub struct Definition {
    pub key: &'static str,
    pub unit: Unit,
    pub default: &'static str,
    pub reference: &'static str,
}

/// A parameter whose value reads as `T`: only the constants below and the keys the table holds
/// ([`ceiling_key`], [`season_key`] … look them up) exist, so a mistyped key does not compile,
/// and a value is read as the type its unit says.
#[derive(Debug)]
pub struct Param<T> {
    pub key: &'static str,
    value: std::marker::PhantomData<fn() -> T>,
}

impl<T> Clone for Param<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Param<T> {}

impl<T> PartialEq for Param<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl<T> Eq for Param<T> {}

impl<T> Param<T> {
    const fn new(key: &'static str) -> Param<T> {
        Param {
            key,
            value: std::marker::PhantomData,
        }
    }

    /// The parameter of the table with `key`, if the table defines it with a unit read as `T`.
    fn defined(key: &str) -> Option<Param<T>>
    where
        T: FromParam,
    {
        param(key)
            .filter(|d| T::UNITS.contains(&d.unit))
            .map(|d| Param::new(d.key))
    }
}

/// A value a parameter's text reads as, and the units it is the value of.
pub trait FromParam: Sized {
    const UNITS: &'static [Unit];
    fn from_param(text: &str) -> Option<Self>;
}

impl FromParam for Money {
    const UNITS: &'static [Unit] = &[Unit::Yuan];
    fn from_param(text: &str) -> Option<Money> {
        Money::parse_text(text).ok()
    }
}

impl FromParam for i64 {
    const UNITS: &'static [Unit] = &[Unit::Years, Unit::Months, Unit::Count];
    fn from_param(text: &str) -> Option<i64> {
        text.parse().ok()
    }
}

impl FromParam for Option<i64> {
    const UNITS: &'static [Unit] = &[Unit::YearsOrGeneral];
    /// Blank: none (the general value applies).
    fn from_param(text: &str) -> Option<Option<i64>> {
        if text.trim().is_empty() {
            Some(None)
        } else {
            text.trim().parse().ok().map(Some)
        }
    }
}

impl FromParam for Parity {
    const UNITS: &'static [Unit] = &[Unit::Parity];
    fn from_param(text: &str) -> Option<Parity> {
        parse_parity(text)
    }
}

impl FromParam for Level {
    const UNITS: &'static [Unit] = &[Unit::Level];
    fn from_param(text: &str) -> Option<Level> {
        Level::parse(text)
    }
}

impl FromParam for Treatment {
    const UNITS: &'static [Unit] = &[Unit::Treatment];
    fn from_param(text: &str) -> Option<Treatment> {
        Treatment::parse(text)
    }
}

impl FromParam for MonthDay {
    const UNITS: &'static [Unit] = &[Unit::MonthDay];
    fn from_param(text: &str) -> Option<MonthDay> {
        MonthDay::parse(text)
    }
}

impl FromParam for Vec<PayoutCategory> {
    const UNITS: &'static [Unit] = &[Unit::Categories, Unit::MonthlyCategories];
    fn from_param(text: &str) -> Option<Vec<PayoutCategory>> {
        split_list(text).map(PayoutCategory::parse).collect()
    }
}

impl FromParam for Vec<StudioKind> {
    const UNITS: &'static [Unit] = &[Unit::Kinds];
    fn from_param(text: &str) -> Option<Vec<StudioKind>> {
        split_list(text).map(StudioKind::parse).collect()
    }
}

impl FromParam for Vec<String> {
    const UNITS: &'static [Unit] = &[Unit::Places];
    fn from_param(text: &str) -> Option<Vec<String>> {
        Some(split_list(text).map(str::to_string).collect())
    }
}

impl FromParam for Vec<RevocationCase> {
    const UNITS: &'static [Unit] = &[Unit::Cases];
    fn from_param(text: &str) -> Option<Vec<RevocationCase>> {
        split_list(text).map(RevocationCase::parse).collect()
    }
}

/// What a default not stated in any source report says of itself.
pub const UNSOURCED: &str = "默认值（来源未载明，请按本地文件设置）";
/// The Wuxi report on the studio measures (000): the figures it states, each cited by the
/// report's file name and the sentence.
pub const WUXI_SUBSIDY: &str =
    "000_a05a775954c4f4be.txt：“一次性补贴标准分别为2万元、4万元补贴资金”";
pub const WUXI_DEMO_YEARS: &str =
    "000_a05a775954c4f4be.txt：“被命名为无锡市劳模创新工作室时间满2年以上”";
pub const WUXI_DEMO_KINDS: &str =
    "000_a05a775954c4f4be.txt：“对新命名的无锡市劳模创新工作室、无锡市示范性劳模创新工作室一次性补贴”";
/// The 送温暖 report (003): workers out of hardship within a year are still visited.
pub const GRACE_YEAR: &str =
    "003_3f373ac1b1eab687.txt：“对在档困难职工和一年内解困脱困职工开展走访慰问”";
/// The references earlier versions seeded, which no document bears: replaced on upgrade.
pub const FORMER_REFERENCES: [&str; 2] = [
    "无锡市劳模（职工）创新工作室管理办法2.0",
    "工会帮扶慰问工作惯例（默认值）",
];

/// Whether a dated value rests on a default no source states.
pub fn unsourced(d: &Dated) -> bool {
    d.reference.as_deref() == Some(UNSOURCED)
}

pub const REAPPLY_WAIT_YEARS: Param<i64> = Param::new("studio.reapply_wait_years");
/// The revocation cases whose one-time subsidy is to be recovered (追回).
pub const RECOVER_CASES: Param<Vec<RevocationCase>> =
    Param::new("studio.revocation.recover_subsidy_cases");
pub const CITY_MIN_TEAM: Param<i64> = Param::new("studio.city.min_team_size");
pub const DEMO_MIN_YEARS: Param<i64> = Param::new("studio.demo.min_years_named");
pub const DEMO_MIN_BENEFIT: Param<Money> = Param::new("studio.demo.min_benefit");
pub const DEMO_MIN_INVENTIONS: Param<i64> = Param::new("studio.demo.min_invention_patents");
pub const DEMO_MIN_TRAINED: Param<i64> = Param::new("studio.demo.min_trained");
pub const DEMO_PARITY: Param<Parity> = Param::new("studio.demo.naming_parity");
pub const SUBSIDY_CITY: Param<Money> = Param::new("subsidy.studio.city");
pub const SUBSIDY_CITY_DEMO: Param<Money> = Param::new("subsidy.studio.city_demo");
/// The studio kinds the city and demonstration subsidies are paid to.
pub const SUBSIDY_KINDS: Param<Vec<StudioKind>> = Param::new("subsidy.studio.kinds");
pub const ONCE_PER_YEAR: Param<Vec<PayoutCategory>> = Param::new("payout.once_per_year");
/// The first day of the season a once-a-year category counts in: `payout.season_start.CATEGORY`.
pub const SEASON_START: &str = "payout.season_start";
pub const SEASON_FESTIVAL: Param<MonthDay> = Param::new("payout.season_start.festival_condolence");
pub const RECUPERATION_YEARS: Param<i64> = Param::new("payout.once_in_years.recuperation");
pub const HARDSHIP_GRACE: Param<i64> = Param::new("hardship.grace_months");
pub const FESTIVAL_MIN_LEVEL: Param<Level> = Param::new("roster.festival.min_level");
/// The term of a base-level union committee, where the ledger does not give one.
pub const UNION_TERM_YEARS: Param<i64> = Param::new("union.term_years");
/// The source of the union committee's term: 中国工会章程 (基层委员会每届任期三年或者五年).
pub const UNION_CHARTER: &str = "中国工会章程第二十八条（每届任期三年或五年，默认五年）";
/// County-level cities besides 江阴市 and 宜兴市 (built in): their titles are county level.
pub const COUNTY_LEVEL_CITIES: Param<Vec<String>> = Param::new("honour.county_level_cities");
/// The model treatment of the May-Day medals, by the medal's level.
pub const TREATMENT_NATIONAL_MEDAL: Param<Treatment> = Param::new("treatment.national_medal");
pub const TREATMENT_PROVINCIAL_MEDAL: Param<Treatment> = Param::new("treatment.provincial_medal");
pub const TREATMENT_CITY_MEDAL: Param<Treatment> = Param::new("treatment.city_medal");
/// The lowest treatment level whose retired holders are owed the honour allowance.
pub const ALLOWANCE_MIN_LEVEL: Param<Level> = Param::new("allowance.honor.min_level");
/// The honour allowance's monthly standard at each treatment level.
pub const ALLOWANCE_NATIONAL: Param<Money> = Param::new("allowance.honor.monthly.national");
pub const ALLOWANCE_PROVINCIAL: Param<Money> = Param::new("allowance.honor.monthly.provincial");
pub const ALLOWANCE_CITY: Param<Money> = Param::new("allowance.honor.monthly.city");
/// The payout categories owed and paid by the month: a payout covers months (所属期间), and no
/// month may be covered twice.
pub const MONTHLY: Param<Vec<PayoutCategory>> = Param::new("payout.monthly");
/// How many months after the month of retirement (or of the honour, whichever is later) the
/// honour allowance is first owed: 1 the month after, 0 the month itself.
pub const ALLOWANCE_START_MONTHS: Param<i64> = Param::new("allowance.honor.start_months");
/// The same for the other categories `payout.monthly` may list: how many months after the month
/// the person became entitled (a model in need; a hardship file opened) the payment is owed.
pub const MONTHLY_START_MONTHS: Param<i64> = Param::new("payout.monthly.start_months");
/// The monthly standards of the other categories `payout.monthly` may list.
pub const MONTHLY_LIVING_SUBSIDY: Param<Money> =
    Param::new("payout.monthly.standard.living_subsidy");
pub const MONTHLY_HARDSHIP_AID: Param<Money> = Param::new("payout.monthly.standard.hardship_aid");
/// How many months after its opening or last review a hardship file is due for review.
pub const HARDSHIP_REVIEW_MONTHS: Param<i64> = Param::new("hardship.review_months");
/// The monthly 低保 standard per person that a family's income is held against.
pub const DIBAO_MONTHLY: Param<Money> = Param::new("hardship.dibao_monthly");
/// The source of the honour allowance at national, provincial and city level.
pub const LIANGXI_ALLOWANCE: &str = "002_a544f0e0540b1fad.txt：“严格按照国家、省、市劳模管理办法规定的标准,按时足额为离退休劳模发放荣誉津贴”";

macro_rules! params {
    ($($key:expr, $unit:ident, $default:literal, $reference:expr;)+) => {
        /// Every parameter, with its default (what `init` seeds, valid from 1900-01-01).
        pub const PARAMS: &[Definition] = &[$(Definition {
            key: $key, unit: Unit::$unit, default: $default, reference: $reference
        }),+];
    };
}

params! {
    REAPPLY_WAIT_YEARS.key, Years, "2", UNSOURCED;
    CITY_MIN_TEAM.key, Count, "5", UNSOURCED;
    DEMO_MIN_YEARS.key, Years, "2", WUXI_DEMO_YEARS;
    DEMO_MIN_BENEFIT.key, Yuan, "1000000.00", UNSOURCED;
    DEMO_MIN_INVENTIONS.key, Count, "1", UNSOURCED;
    DEMO_MIN_TRAINED.key, Count, "100", UNSOURCED;
    DEMO_PARITY.key, Parity, "even", UNSOURCED;
    SUBSIDY_CITY.key, Yuan, "20000.00", WUXI_SUBSIDY;
    SUBSIDY_CITY_DEMO.key, Yuan, "40000.00", WUXI_SUBSIDY;
    ONCE_PER_YEAR.key, Categories, "festival_condolence,education_aid,health_check", UNSOURCED;
    // 春节慰问 is paid in the 元旦春节送温暖 campaign, which starts in December and runs
    // "持续至…春节结束" (003): one season spans the new year. No source states a start day,
    // so 11-01 is a default like any unsourced one.
    SEASON_FESTIVAL.key, MonthDay, "11-01", UNSOURCED;
    "payout.season_start.education_aid", MonthDay, "01-01", UNSOURCED;
    "payout.season_start.health_check", MonthDay, "01-01", UNSOURCED;
    RECUPERATION_YEARS.key, Years, "3", UNSOURCED;
    HARDSHIP_GRACE.key, Months, "12", GRACE_YEAR;
    "payout.max.honor_allowance", Yuan, "10000.00", UNSOURCED;
    "payout.max.living_subsidy", Yuan, "10000.00", UNSOURCED;
    "payout.max.hardship_aid", Yuan, "20000.00", UNSOURCED;
    "payout.max.festival_condolence", Yuan, "5000.00", UNSOURCED;
    "payout.max.education_aid", Yuan, "10000.00", UNSOURCED;
    "payout.max.medical_aid", Yuan, "250000.00", UNSOURCED;
    "payout.max.recuperation", Yuan, "10000.00", UNSOURCED;
    "payout.max.health_check", Yuan, "5000.00", UNSOURCED;
    "payout.max.summer_cooling", Yuan, "1000.00", UNSOURCED;
    "payout.max.innovation_award", Yuan, "100000.00", UNSOURCED;
    // 金秋助学 per school stage: the sources give a total (1774.84万元 for 1.8万名困难职工子女,
    // 004) but no standard per stage, so each is a default to set by the local document.
    "payout.education_aid.standard.high_school", Yuan, "2000.00", UNSOURCED;
    "payout.education_aid.standard.vocational", Yuan, "2000.00", UNSOURCED;
    "payout.education_aid.standard.university", Yuan, "5000.00", UNSOURCED;
    "payout.education_aid.standard.postgraduate", Yuan, "5000.00", UNSOURCED;
    FESTIVAL_MIN_LEVEL.key, Level, "city", UNSOURCED;
    COUNTY_LEVEL_CITIES.key, Places, "", UNSOURCED;
    TREATMENT_NATIONAL_MEDAL.key, Treatment, "provincial", UNSOURCED;
    TREATMENT_PROVINCIAL_MEDAL.key, Treatment, "city", UNSOURCED;
    TREATMENT_CITY_MEDAL.key, Treatment, "none", UNSOURCED;
    "treatment.craftsman", Treatment, "none", UNSOURCED;
    "treatment.skill_master", Treatment, "none", UNSOURCED;
    "treatment.exemplar", Treatment, "none", UNSOURCED;
    "treatment.advanced", Treatment, "none", UNSOURCED;
    "treatment.other", Treatment, "none", UNSOURCED;
    ALLOWANCE_MIN_LEVEL.key, Level, "city", LIANGXI_ALLOWANCE;
    ALLOWANCE_NATIONAL.key, Yuan, "500.00", UNSOURCED;
    ALLOWANCE_PROVINCIAL.key, Yuan, "300.00", UNSOURCED;
    ALLOWANCE_CITY.key, Yuan, "200.00", UNSOURCED;
    // 按时足额 (002) is stated; from which month, and that a payout covers months, is not.
    MONTHLY.key, MonthlyCategories, "honor_allowance", UNSOURCED;
    ALLOWANCE_START_MONTHS.key, Months, "1", UNSOURCED;
    // 劳模生活补助 and 生活困难补助 are paid by the month only where a local document says so
    // (listed in `payout.monthly`); no source gives a monthly standard.
    MONTHLY_START_MONTHS.key, Months, "1", UNSOURCED;
    MONTHLY_LIVING_SUBSIDY.key, Yuan, "500.00", UNSOURCED;
    MONTHLY_HARDSHIP_AID.key, Yuan, "500.00", UNSOURCED;
    HARDSHIP_REVIEW_MONTHS.key, Months, "12", UNSOURCED;
    DIBAO_MONTHLY.key, Yuan, "1000.00", UNSOURCED;
    SUBSIDY_KINDS.key, Kinds, "劳模创新工作室", WUXI_DEMO_KINDS;
    "studio.reapply_wait_years.case1", YearsOrGeneral, "", UNSOURCED;
    "studio.reapply_wait_years.case2", YearsOrGeneral, "", UNSOURCED;
    "studio.reapply_wait_years.case3", YearsOrGeneral, "", UNSOURCED;
    "studio.reapply_wait_years.case4", YearsOrGeneral, "", UNSOURCED;
    "studio.reapply_wait_years.case5", YearsOrGeneral, "", UNSOURCED;
    RECOVER_CASES.key, Cases, "", UNSOURCED;
    UNION_TERM_YEARS.key, Years, "5", UNION_CHARTER;
}

/// The re-application wait of one revocation case (blank: as `studio.reapply_wait_years`).
pub fn wait_key(case: RevocationCase) -> Option<Param<Option<i64>>> {
    Param::defined(&format!("{}.case{}", REAPPLY_WAIT_YEARS.key, case.number()))
}

/// The treatment parameter of an open kind of honour (江苏工匠 …): `treatment.KIND`.
pub fn treatment_key(kind: HonourKind) -> Option<Param<Treatment>> {
    HonourKind::OPEN
        .contains(&kind)
        .then(|| Param::defined(&format!("treatment.{}", kind.code())))
        .flatten()
}

/// The honour allowance's monthly standard at a treatment level (none below city).
pub fn allowance_key(level: Level) -> Option<Param<Money>> {
    match level {
        Level::National => Some(ALLOWANCE_NATIONAL),
        Level::Provincial => Some(ALLOWANCE_PROVINCIAL),
        Level::City => Some(ALLOWANCE_CITY),
        Level::District => None,
    }
}

/// The monthly standard of a category that can be owed by the month, at the treatment level
/// held (the honour allowance's depends on it; the others have one standard): `None` for a
/// category that cannot be owed by the month, or the honour allowance below city level.
pub fn monthly_standard_key(c: PayoutCategory, level: Option<Level>) -> Option<Param<Money>> {
    match c {
        PayoutCategory::HonorAllowance => allowance_key(level?),
        PayoutCategory::LivingSubsidy => Some(MONTHLY_LIVING_SUBSIDY),
        PayoutCategory::HardshipAid => Some(MONTHLY_HARDSHIP_AID),
        _ => None,
    }
}

/// The categories `payout.monthly` may list: those a person is owed month by month while a
/// fact about them holds (retired with an honour; a model in need; a hardship file open).
pub const MONTHLY_CAPABLE: [PayoutCategory; 3] = [
    PayoutCategory::HonorAllowance,
    PayoutCategory::LivingSubsidy,
    PayoutCategory::HardshipAid,
];

/// How many months after entitlement a monthly category is first owed (its parameter).
pub fn monthly_start_key(c: PayoutCategory) -> Param<i64> {
    if c == PayoutCategory::HonorAllowance {
        ALLOWANCE_START_MONTHS
    } else {
        MONTHLY_START_MONTHS
    }
}

/// The season-start parameter of a payout category (`payout.season_start.CATEGORY`), when
/// one is defined.
pub fn season_key(c: PayoutCategory) -> Option<Param<MonthDay>> {
    // Found once: the payout rules ask for every row of an import, and making the key's text
    // each time was a fortieth of a re-import (perf, a million payouts).
    static KEYS: std::sync::OnceLock<Vec<(PayoutCategory, Param<MonthDay>)>> =
        std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        PayoutCategory::ALL
            .iter()
            .filter_map(|&c| {
                Param::defined(&format!("{SEASON_START}.{}", c.code())).map(|p| (c, p))
            })
            .collect()
    })
    .iter()
    .find(|(category, _)| *category == c)
    .map(|(_, key)| *key)
}

/// A day of the year, as `payout.season_start.*` gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// 1 January: the calendar year.
    pub const NEW_YEAR: MonthDay = MonthDay { month: 1, day: 1 };

    /// Reads `11-01`, `11-1`, `11/01`, `11.01` or `11月1日`; a day every year has (not 02-29).
    pub fn parse(text: &str) -> Option<MonthDay> {
        let t = text.trim().trim_end_matches(['日', '号']);
        let (m, d) = t.split_once(['-', '/', '.', '月'])?;
        let md = MonthDay {
            month: m.trim().parse().ok()?,
            day: d.trim().parse().ok()?,
        };
        // 2001 is no leap year: the day exists in every year.
        NaiveDate::from_ymd_opt(2001, md.month, md.day).map(|_| md)
    }

    pub fn code(self) -> String {
        format!("{:02}-{:02}", self.month, self.day)
    }

    /// This day in `year`.
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }
}

/// The date defaults are valid from.
pub fn origin() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("a real date")
}

/// The parameter with this key.
pub fn param(key: &str) -> Option<&'static Definition> {
    PARAMS.iter().find(|p| p.key == key)
}

/// The ceiling parameter of a payout category (none for studio subsidies, which have a standard).
pub fn ceiling_key(c: PayoutCategory) -> Option<Param<Money>> {
    Param::defined(&format!("payout.max.{}", c.code()))
}

/// The 金秋助学 standard of a school stage: `payout.education_aid.standard.STAGE`.
pub fn stage_standard_key(stage: SchoolStage) -> Option<Param<Money>> {
    Param::defined(&format!("payout.education_aid.standard.{}", stage.code()))
}

/// Why a value cannot be set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyError {
    UnknownKey,
    BadValue { unit: Unit },
}

/// Reads a value given for `key` and returns its canonical text.
pub fn normalise(key: &str, text: &str) -> Result<String, PolicyError> {
    let p = param(key).ok_or(PolicyError::UnknownKey)?;
    let bad = PolicyError::BadValue { unit: p.unit };
    let text = text.trim();
    let whole = |t: &str| {
        let t = t
            .trim_end_matches(['年', '个', '月', '人', '项', '次'])
            .trim();
        t.parse::<i64>().ok().filter(|n| *n >= 0)
    };
    match p.unit {
        Unit::Yuan => Money::parse_text(text)
            .map(|m| m.to_string())
            .map_err(|_| bad),
        // A span longer than a working life is a typo, and would overflow date arithmetic.
        Unit::Years => whole(text)
            .filter(|n| *n <= 100)
            .map(|n| n.to_string())
            .ok_or(bad),
        Unit::Months => whole(text)
            .filter(|n| *n <= 1200)
            .map(|n| n.to_string())
            .ok_or(bad),
        Unit::Count => whole(text).map(|n| n.to_string()).ok_or(bad),
        Unit::Parity => parse_parity(text).map(|p| p.code().to_string()).ok_or(bad),
        Unit::Level => Level::parse(text).map(|l| l.code().to_string()).ok_or(bad),
        Unit::Categories | Unit::MonthlyCategories => {
            let cats = split_list(text)
                .map(PayoutCategory::parse)
                .collect::<Option<Vec<_>>>()
                .filter(|cats| {
                    p.unit == Unit::Categories || cats.iter().all(|c| MONTHLY_CAPABLE.contains(c))
                })
                .ok_or(bad)?;
            Ok(cats.iter().map(|c| c.code()).collect::<Vec<_>>().join(","))
        }
        Unit::Treatment => Treatment::parse(text)
            .map(|t| t.code().to_string())
            .ok_or(bad),
        Unit::MonthDay => MonthDay::parse(text).map(MonthDay::code).ok_or(bad),
        Unit::YearsOrGeneral if text.is_empty() => Ok(String::new()),
        Unit::YearsOrGeneral => normalise(REAPPLY_WAIT_YEARS.key, text).map_err(|_| bad),
        Unit::Cases => {
            let mut cases = split_list(text)
                .map(|c| RevocationCase::parse(c).map(RevocationCase::number))
                .collect::<Option<Vec<_>>>()
                .ok_or(bad)?;
            cases.sort_unstable();
            cases.dedup();
            Ok(cases
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(","))
        }
        Unit::Kinds => {
            let kinds = split_list(text)
                .map(StudioKind::parse)
                .collect::<Option<Vec<_>>>()
                .filter(|k| !k.is_empty())
                .ok_or(bad)?;
            Ok(kinds.iter().map(|k| k.zh()).collect::<Vec<_>>().join(","))
        }
        Unit::Places => {
            let places: Vec<&str> = split_list(text).collect();
            // A place is a name: no digits or ASCII, and not too long.
            if places
                .iter()
                .any(|p| p.chars().any(|c| c.is_ascii()) || p.chars().count() > 20)
            {
                return Err(bad);
            }
            Ok(places.join(","))
        }
    }
}

/// The items of a list value: separated by commas (either width), 、 or blanks.
fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', '，', '、', ' ', '　'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Which years a naming round falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parity {
    Even,
    Odd,
}

impl Parity {
    pub fn code(self) -> &'static str {
        match self {
            Parity::Even => "even",
            Parity::Odd => "odd",
        }
    }

    pub fn holds(self, year: i32) -> bool {
        (year.rem_euclid(2) == 0) == (self == Parity::Even)
    }
}

fn parse_parity(text: &str) -> Option<Parity> {
    match text.trim().to_lowercase().as_str() {
        "even" | "双数" | "偶数" | "双数年" | "偶数年" => Some(Parity::Even),
        "odd" | "单数" | "奇数" | "单数年" | "奇数年" => Some(Parity::Odd),
        _ => None,
    }
}

/// One dated value of a parameter, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub key: String,
    pub valid_from: NaiveDate,
    pub value: String,
    pub reference: Option<String>,
}

/// A named campaign (慰问活动, e.g. 2025年元旦春节送温暖): one payout category paid from one day
/// to another, both included, under the document (文号) that ran it. A payout of the category
/// dated in a campaign counts once per campaign, in place of its season (see
/// `payout_rules::Window`); campaigns of one category do not overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    pub name: String,
    pub category: PayoutCategory,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reference: Option<String>,
}

impl Campaign {
    pub fn holds(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Another campaign of the same category sharing a day with this one.
    pub fn overlaps(&self, other: &Campaign) -> bool {
        self.category == other.category && self.from <= other.to && other.from <= self.to
    }
}

/// The parameter values in force on one date, with the office's campaigns.
#[derive(Debug, Clone)]
pub struct Policy {
    pub date: NaiveDate,
    values: Vec<Dated>,
    /// Every campaign on file (a campaign is dated by its own days, not by the policy's date).
    campaigns: std::rc::Rc<[Campaign]>,
    /// `payout.once_per_year`, read once.
    once_per_year: Vec<PayoutCategory>,
    /// `payout.monthly`, read once: every payout row of such a category is held against the
    /// months already paid.
    monthly: Vec<PayoutCategory>,
    /// `payout.max.CATEGORY`, read once: every payout row is held against its ceiling.
    ceilings: Vec<(PayoutCategory, Money)>,
}

/// A policy with the dates it holds for: from, until (exclusive).
type Held = (NaiveDate, Option<NaiveDate>, std::rc::Rc<Policy>);

/// Every dated value, handing out the [`Policy`] in force on a date; it keeps the last one
/// with the dates it holds for, since the rows of one import mostly fall between the same two
/// changes of the parameters.
#[derive(Debug)]
pub struct Book {
    rows: Vec<Dated>,
    campaigns: std::rc::Rc<[Campaign]>,
    last: std::cell::RefCell<Option<Held>>,
}

impl Book {
    pub fn new(rows: Vec<Dated>) -> Book {
        Book::with_campaigns(rows, Vec::new())
    }

    /// The dated values and the office's campaigns, handed out with every policy.
    pub fn with_campaigns(rows: Vec<Dated>, campaigns: Vec<Campaign>) -> Book {
        Book {
            rows,
            campaigns: campaigns.into(),
            last: std::cell::RefCell::new(None),
        }
    }

    /// The parameters in force on `date`.
    pub fn on(&self, date: NaiveDate) -> std::rc::Rc<Policy> {
        if let Some((from, until, p)) = &*self.last.borrow() {
            if *from <= date && until.is_none_or(|u| date < u) {
                return p.clone();
            }
        }
        let from = self
            .rows
            .iter()
            .map(|r| r.valid_from)
            .filter(|d| *d <= date)
            .max()
            .unwrap_or_else(origin);
        let until = self
            .rows
            .iter()
            .map(|r| r.valid_from)
            .filter(|d| *d > date)
            .min();
        let p = std::rc::Rc::new(
            Policy::in_force(&self.rows, date).with_campaigns(self.campaigns.clone()),
        );
        *self.last.borrow_mut() = Some((from.min(date), until, p.clone()));
        p
    }

    /// Every policy the book holds at some date: the defaults' and one from each date a value
    /// changes on.
    pub fn every_policy(&self) -> impl Iterator<Item = Policy> + '_ {
        std::iter::once(origin())
            .chain(self.rows.iter().map(|r| r.valid_from))
            .map(|d| Policy::in_force(&self.rows, d).with_campaigns(self.campaigns.clone()))
    }
}

impl Policy {
    /// The values in force on `date` among `rows`; a parameter with no row in force takes its
    /// default (valid from 1900-01-01).
    pub fn in_force(rows: &[Dated], date: NaiveDate) -> Policy {
        let values = PARAMS
            .iter()
            .map(|p| {
                rows.iter()
                    .filter(|r| r.key == p.key && r.valid_from <= date)
                    .max_by_key(|r| r.valid_from)
                    .cloned()
                    .unwrap_or_else(|| Dated {
                        key: p.key.to_string(),
                        valid_from: origin(),
                        value: p.default.to_string(),
                        reference: Some(p.reference.to_string()),
                    })
            })
            .collect();
        let mut p = Policy {
            date,
            values,
            campaigns: std::rc::Rc::from(Vec::new()),
            once_per_year: Vec::new(),
            monthly: Vec::new(),
            ceilings: Vec::new(),
        };
        p.once_per_year = p.categories(ONCE_PER_YEAR);
        p.monthly = p.categories(MONTHLY);
        p.ceilings = PayoutCategory::ALL
            .iter()
            .filter_map(|c| ceiling_key(*c).map(|k| (*c, p.money(k))))
            .collect();
        p
    }

    /// The most one payout of `category` may be (none for studio subsidies, which equal the
    /// standard of the level named).
    pub fn ceiling(&self, category: PayoutCategory) -> Option<Money> {
        self.ceilings
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, m)| *m)
    }

    /// The categories paid at most once per person per calendar year.
    pub fn once_per_year(&self) -> &[PayoutCategory] {
        &self.once_per_year
    }

    /// This policy with the office's campaigns.
    pub fn with_campaigns(mut self, campaigns: std::rc::Rc<[Campaign]>) -> Policy {
        self.campaigns = campaigns;
        self
    }

    /// Whether any campaign of `category` is on file.
    pub fn has_campaigns(&self, category: PayoutCategory) -> bool {
        self.campaigns.iter().any(|c| c.category == category)
    }

    /// The campaign of `category` holding `date`, if any.
    pub fn campaign(&self, category: PayoutCategory, date: NaiveDate) -> Option<&Campaign> {
        self.campaigns
            .iter()
            .find(|c| c.category == category && c.holds(date))
    }

    /// The categories owed and paid by the month (`payout.monthly`).
    pub fn monthly(&self) -> &[PayoutCategory] {
        &self.monthly
    }

    /// The categories of `payout.monthly` that are owed month by month ([`MONTHLY_CAPABLE`]): a
    /// list set before only these could be listed may hold others, paid once a month but owed
    /// nothing.
    pub fn owed_monthly(&self) -> Vec<PayoutCategory> {
        self.monthly
            .iter()
            .copied()
            .filter(|c| MONTHLY_CAPABLE.contains(c))
            .collect()
    }

    /// The defaults alone.
    pub fn defaults(date: NaiveDate) -> Policy {
        Policy::in_force(&[], date)
    }

    /// The dated value in force for a parameter.
    pub fn get<T>(&self, p: Param<T>) -> &Dated {
        self.named(p.key)
            .unwrap_or_else(|| panic!("unknown policy parameter {}", p.key))
    }

    /// The dated value in force for the key a user typed, if the table defines it.
    pub fn named(&self, key: &str) -> Option<&Dated> {
        self.values.iter().find(|d| d.key == key)
    }

    /// A parameter's value in force (its default when the stored text does not read).
    pub fn value<T: FromParam>(&self, p: Param<T>) -> T {
        debug_assert!(
            param(p.key).is_some_and(|d| T::UNITS.contains(&d.unit)),
            "{} is not defined with a unit read as this type",
            p.key
        );
        T::from_param(&self.get(p).value)
            .or_else(|| param(p.key).and_then(|d| T::from_param(d.default)))
            .unwrap_or_else(|| panic!("default of {} does not parse", p.key))
    }

    pub fn money(&self, p: Param<Money>) -> Money {
        self.value(p)
    }

    pub fn int(&self, p: Param<i64>) -> i64 {
        self.value(p)
    }

    pub fn parity(&self, p: Param<Parity>) -> Parity {
        self.value(p)
    }

    pub fn level(&self, p: Param<Level>) -> Level {
        self.value(p)
    }

    /// The model treatment a kind of honour earns.
    pub fn treatment(&self, p: Param<Treatment>) -> Treatment {
        self.value(p)
    }

    /// The re-application wait after a revocation of `case`, with the value that says it: the
    /// case's own, or `studio.reapply_wait_years` when the case's is blank.
    pub fn reapply_wait(&self, case: RevocationCase) -> (i64, &Dated) {
        match wait_key(case).map(|k| (self.value(k), self.get(k))) {
            Some((Some(years), own)) => (years, own),
            _ => (self.int(REAPPLY_WAIT_YEARS), self.get(REAPPLY_WAIT_YEARS)),
        }
    }

    /// Whether a revocation of `case` recovers the studio's one-time subsidy.
    pub fn recovers_subsidy(&self, case: RevocationCase) -> bool {
        self.value(RECOVER_CASES).contains(&case)
    }

    /// The first day of `category`'s season, with the value that says it: 1 January (the
    /// calendar year) for a category without a season parameter.
    pub fn season_start(&self, category: PayoutCategory) -> (MonthDay, Option<&Dated>) {
        match season_key(category) {
            Some(key) => (self.value(key), Some(self.get(key))),
            None => (MonthDay::NEW_YEAR, None),
        }
    }

    /// A list of studio kinds.
    pub fn kinds(&self, p: Param<Vec<StudioKind>>) -> Vec<StudioKind> {
        self.value(p)
    }

    /// A list of place names.
    pub fn places(&self, p: Param<Vec<String>>) -> Vec<String> {
        self.value(p)
    }

    pub fn categories(&self, p: Param<Vec<PayoutCategory>>) -> Vec<PayoutCategory> {
        self.value(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_policy_is_the_defaults_and_one_per_change() {
        let rows = vec![Dated {
            key: ONCE_PER_YEAR.key.to_string(),
            valid_from: d("2025-01-01"),
            value: "summer_cooling".to_string(),
            reference: None,
        }];
        let book = Book::new(rows);
        let once: Vec<(NaiveDate, Vec<PayoutCategory>)> = book
            .every_policy()
            .map(|p| (p.date, p.once_per_year().to_vec()))
            .collect();
        assert_eq!(
            once,
            [
                (
                    origin(),
                    vec![
                        PayoutCategory::FestivalCondolence,
                        PayoutCategory::EducationAid,
                        PayoutCategory::HealthCheck
                    ]
                ),
                (d("2025-01-01"), vec![PayoutCategory::SummerCooling]),
            ]
        );
        assert_eq!(Book::new(Vec::new()).every_policy().count(), 1);
    }

    #[test]
    fn every_default_is_canonical() {
        for p in PARAMS {
            assert_eq!(
                normalise(p.key, p.default).as_deref(),
                Ok(p.default),
                "{}",
                p.key
            );
        }
        let policy = Policy::defaults(d("2025-01-01"));
        assert_eq!(policy.int(CITY_MIN_TEAM), 5);
        assert_eq!(policy.money(SUBSIDY_CITY), Money::from_fen(2_000_000));
        assert_eq!(policy.parity(DEMO_PARITY), Parity::Even);
        assert_eq!(policy.level(FESTIVAL_MIN_LEVEL), Level::City);
        assert_eq!(policy.categories(ONCE_PER_YEAR).len(), 3);
        // Every category but the studio subsidy (held to its standard) has a ceiling.
        for c in PayoutCategory::ALL {
            assert_eq!(
                ceiling_key(*c).is_some(),
                *c != PayoutCategory::StudioSubsidy,
                "{c:?}"
            );
        }
        for k in HonourKind::ALL {
            assert_eq!(treatment_key(*k).is_some(), HonourKind::OPEN.contains(k));
            if let Some(key) = treatment_key(*k) {
                assert_eq!(policy.treatment(key), Treatment::None, "{}", key.key);
            }
        }
        for stage in SchoolStage::ALL {
            assert!(stage_standard_key(*stage).is_some(), "{stage:?}");
        }
        // A key the table defines with another unit is not that type's parameter.
        assert_eq!(Param::<i64>::defined(SUBSIDY_CITY.key), None);
        assert_eq!(Param::<Money>::defined("payout.max.nothing"), None);
        for l in Level::ALL {
            assert_eq!(
                allowance_key(*l).is_some_and(|k| param(k.key).is_some()),
                *l >= Level::City
            );
        }
        assert_eq!(
            policy.treatment(TREATMENT_NATIONAL_MEDAL),
            Treatment::At(Level::Provincial)
        );
    }

    #[test]
    fn value_in_force_is_the_latest_not_after_the_date() {
        let rows = vec![
            Dated {
                key: CITY_MIN_TEAM.key.into(),
                valid_from: d("2025-01-01"),
                value: "6".into(),
                reference: Some("新文号".into()),
            },
            Dated {
                key: CITY_MIN_TEAM.key.into(),
                valid_from: d("2027-01-01"),
                value: "8".into(),
                reference: None,
            },
        ];
        assert_eq!(
            Policy::in_force(&rows, d("2024-12-31")).int(CITY_MIN_TEAM),
            5
        );
        assert_eq!(
            Policy::in_force(&rows, d("2025-01-01")).int(CITY_MIN_TEAM),
            6
        );
        assert_eq!(
            Policy::in_force(&rows, d("2026-12-31")).int(CITY_MIN_TEAM),
            6
        );
        assert_eq!(
            Policy::in_force(&rows, d("2027-01-01")).int(CITY_MIN_TEAM),
            8
        );
    }

    #[test]
    fn a_revocation_case_may_set_its_own_wait_and_recovery() {
        let on = d("2025-01-01");
        let row = |key: &str, value: &str| Dated {
            key: key.into(),
            valid_from: on,
            value: value.into(),
            reference: None,
        };
        let defaults = Policy::defaults(on);
        for case in RevocationCase::ALL {
            let (years, d) = defaults.reapply_wait(*case);
            assert_eq!((years, d.key.as_str()), (2, REAPPLY_WAIT_YEARS.key));
            assert!(!defaults.recovers_subsidy(*case));
        }
        let set = Policy::in_force(
            &[
                row(
                    wait_key(RevocationCase::FalseApplication)
                        .expect("a case")
                        .key,
                    "5",
                ),
                row(REAPPLY_WAIT_YEARS.key, "3"),
                row(RECOVER_CASES.key, "3,4"),
            ],
            on,
        );
        let (years, d) = set.reapply_wait(RevocationCase::FalseApplication);
        assert_eq!(
            (years, d.key.as_str()),
            (5, "studio.reapply_wait_years.case3")
        );
        assert_eq!(set.reapply_wait(RevocationCase::FailedReview).0, 3);
        assert!(set.recovers_subsidy(RevocationCase::FalseApplication));
        assert!(set.recovers_subsidy(RevocationCase::UnitIncident));
        assert!(!set.recovers_subsidy(RevocationCase::Discontinued));
    }

    #[test]
    fn typed_parameters_read_their_values_and_tell_keys_apart() {
        assert_eq!(SUBSIDY_CITY, SUBSIDY_CITY);
        assert_ne!(SUBSIDY_CITY, SUBSIDY_CITY_DEMO);
        let on = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
        let rows = [Dated {
            key: COUNTY_LEVEL_CITIES.key.into(),
            valid_from: on,
            value: "溧阳市, 张家港市".into(),
            reference: None,
        }];
        assert_eq!(
            Policy::in_force(&rows, on).places(COUNTY_LEVEL_CITIES),
            ["溧阳市", "张家港市"]
        );
        assert!(Policy::defaults(on).places(COUNTY_LEVEL_CITIES).is_empty());
        // A case's wait: blank (the general wait) or years.
        let case = wait_key(RevocationCase::FalseApplication)
            .expect("a case")
            .key;
        assert_eq!(normalise(case, "").as_deref(), Ok(""));
        assert_eq!(normalise(case, "3年").as_deref(), Ok("3"));
        assert!(normalise(case, "三年").is_err());
    }

    #[test]
    fn values_are_read_in_their_unit() {
        assert_eq!(
            normalise(SUBSIDY_CITY.key, "¥30,000").as_deref(),
            Ok("30000.00")
        );
        assert_eq!(normalise(CITY_MIN_TEAM.key, "6人").as_deref(), Ok("6"));
        assert_eq!(normalise(DEMO_PARITY.key, "单数").as_deref(), Ok("odd"));
        assert_eq!(
            normalise(FESTIVAL_MIN_LEVEL.key, "省部级").as_deref(),
            Ok("provincial")
        );
        assert_eq!(
            normalise(ONCE_PER_YEAR.key, "春节慰问、体检").as_deref(),
            Ok("festival_condolence,health_check")
        );
        assert_eq!(normalise("no.such", "1"), Err(PolicyError::UnknownKey));
        assert_eq!(
            normalise(TREATMENT_CITY_MEDAL.key, "区县级").as_deref(),
            Ok("district")
        );
        assert_eq!(
            normalise("treatment.craftsman", "同级").as_deref(),
            Ok("as_awarded")
        );
        assert_eq!(
            normalise(TREATMENT_CITY_MEDAL.key, "不享受").as_deref(),
            Ok("none")
        );
        assert!(normalise(TREATMENT_CITY_MEDAL.key, "maybe").is_err());
        assert_eq!(
            normalise(COUNTY_LEVEL_CITIES.key, "溧阳市、 张家港市").as_deref(),
            Ok("溧阳市,张家港市")
        );
        assert!(normalise(COUNTY_LEVEL_CITIES.key, "abc").is_err());
        for (given, canonical) in [
            ("11-01", "11-01"),
            ("11-1", "11-01"),
            ("1/5", "01-05"),
            ("12.31", "12-31"),
            ("11月1日", "11-01"),
            ("2月28号", "02-28"),
        ] {
            assert_eq!(
                normalise(SEASON_FESTIVAL.key, given).as_deref(),
                Ok(canonical)
            );
        }
        for bad in ["02-29", "13-01", "11-31", "00-10", "1101", "", "11-", "-1"] {
            assert!(normalise(SEASON_FESTIVAL.key, bad).is_err(), "{bad}");
        }
        assert_eq!(
            season_key(PayoutCategory::FestivalCondolence),
            Some(SEASON_FESTIVAL)
        );
        assert_eq!(season_key(PayoutCategory::SummerCooling), None);
        assert!(normalise(CITY_MIN_TEAM.key, "-1").is_err());
        assert!(normalise(SUBSIDY_CITY.key, "1.234").is_err());
        assert!(Parity::Even.holds(2024) && !Parity::Even.holds(2025) && Parity::Odd.holds(2025));
    }
}
