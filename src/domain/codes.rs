//! The closed vocabularies of the ledgers: gender, person status, honour titles and levels,
//! studio kinds and levels, payout categories, hardship types, agreement forms, revocation cases.
//! Each has a stable English `code()` and the canonical Chinese `zh()` label the database
//! stores; those declared with `vocabulary!` also `ALL`, `LABELS` (the `zh()` of `ALL`) and a
//! forgiving `parse`. Reading one from a cell, which may refuse it (`parse_cell`,
//! `Gender::parse`), is in `values`: the refusals (`invalid`) name a gender, so nothing here
//! names a refusal.

use super::cell::fold;

/// The matching form of a word: full-width folded, blanks removed, ASCII lower-cased.
fn key(text: &str) -> String {
    fold(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `name` (already in key form) equals `key`, taking `-` and `_` as the same.
fn same(name: &str, key: &str) -> bool {
    let dash = |b: u8| b == b'-' || b == b'_';
    name.len() == key.len()
        && name
            .bytes()
            .zip(key.bytes())
            .all(|(a, b)| a == b || (dash(a) && dash(b)))
}

/// Declares a vocabulary enum: `Variant => "code", "中文", "alias", …;`. Aliases are written in
/// key form (half-width brackets, no blanks, lower case). An optional `fallback` function gets
/// the key when no name matches.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident $(fallback $fallback:path)? {
            $( $(#[$vmeta:meta])* $variant:ident $(= $disc:literal)? => $code:literal, $zh:literal $(, $alias:literal)* ; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant $(= $disc)?, )+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The canonical Chinese labels, in the order of `ALL`.
            pub const LABELS: &'static [&'static str] = &[$($zh),+];
            const NAMES: &'static [($name, &'static [&'static str])] =
                &[$(($name::$variant, &[$code, $zh $(, $alias)*])),+];

            /// The stable English code (JSON keys and values, command-line arguments).
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The canonical Chinese label: what the database stores.
            pub fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            /// Reads the Chinese label, the code or a usual variant, ignoring blanks, letter case,
            /// full-/half-width forms and `-` versus `_`.
            pub fn parse(text: &str) -> Option<Self> {
                // Most cells hold a label exactly as the ledgers write it: no folding needed.
                if let Some((v, _)) = Self::NAMES.iter().find(|(_, names)| names.contains(&text)) {
                    return Some(*v);
                }
                let key = key(text);
                Self::NAMES
                    .iter()
                    .find(|(_, names)| names.iter().any(|n| same(n, &key)))
                    .map(|(v, _)| *v)
                    $(.or_else(|| $fallback(&key)))?
            }
        }
    };
}

/// A person's gender, as the ID number's 17th digit encodes it. (Read from a cell by
/// `values`: 男/女, 男性/女性, M/F, male/female.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// 男 or 女: what the database stores.
    pub fn zh(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }

    /// `male` or `female`.
    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }
}

/// Calls `$m!` with every vocabulary declared with `vocabulary!` below: the one list of them
/// (their cell readers in `values`, their tests).
macro_rules! for_each_vocabulary {
    ($m:ident) => {
        $m!(
            PersonStatus,
            Level,
            HonourKind,
            Title,
            StudioKind,
            StudioLevel,
            PayoutCategory,
            HardshipType,
            HardshipExit,
            AgreementForm,
            UnionForm,
            CarrierLevel,
            LeaderRule,
            RevocationCase,
            SchoolStage,
        );
    };
}
pub(crate) use for_each_vocabulary;

/// Declares a vocabulary of columns: an enum whose variants name the columns of a record, each
/// with its stable `code()` (the database column and JSON key), `ALL` in the ledger's order,
/// and indexing of the record's array by variant (`eight[EightHave::Team]`), so that no code
/// counts positions.
macro_rules! columns {
    (
        $(#[$meta:meta])*
        pub enum $name:ident [$($array:ty),+] {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal ; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the ledger's order: the order of the record's array.
            pub const ALL: [$name; [$($name::$variant),+].len()] = [$($name::$variant),+];

            /// The stable code: the database column, the JSON key, the import column key.
            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        $(
            impl std::ops::Index<$name> for $array {
                type Output = <$array as std::ops::Index<usize>>::Output;
                fn index(&self, i: $name) -> &Self::Output {
                    &self[i as usize]
                }
            }

            impl std::ops::IndexMut<$name> for $array {
                fn index_mut(&mut self, i: $name) -> &mut Self::Output {
                    &mut self[i as usize]
                }
            }
        )+
    };
}

columns! {
    /// The 八有 criteria of a studio, in the order of the standard (有劳模 … 有成效); a studio's
    /// answers are an [`EightHaves`].
    pub enum EightHave [EightHaves] {
        Model => "has_model";
        Team => "has_team";
        Place => "has_place";
        Rules => "has_rules";
        Funds => "has_funds";
        Plan => "has_plan";
        Activities => "has_activities";
        Results => "has_results";
    }
}

impl EightHave {
    /// The criterion as the standard and the ledgers write it.
    pub const fn zh(self) -> &'static str {
        match self {
            EightHave::Model => "有劳模",
            EightHave::Team => "有团队",
            EightHave::Place => "有场所",
            EightHave::Rules => "有制度",
            EightHave::Funds => "有经费",
            EightHave::Plan => "有计划",
            EightHave::Activities => "有活动",
            EightHave::Results => "有成效",
        }
    }
}

/// A studio's answers to the 八有, indexed by [`EightHave`]: `None` where the ledger did not say.
pub type EightHaves = [Option<bool>; 8];

columns! {
    /// The counts of a studio's yearly results (economic benefit, which is money, aside), in the
    /// ledger's order; a year's counts are a [`ResultCounts`] (or, summed, [`ResultTotals`]).
    pub enum ResultMetric [ResultCounts, ResultTotals] {
        Topics => "topics";
        ProblemsSolved => "problems_solved";
        TechImprovements => "tech_improvements";
        Patents => "patents";
        InventionPatents => "invention_patents";
        Trained => "trained";
        Upgraded => "upgraded";
    }
}

/// A year's result counts, indexed by [`ResultMetric`]: `None` where the ledger did not say.
pub type ResultCounts = [Option<i64>; 7];

/// Result counts summed over studios or years, indexed by [`ResultMetric`].
pub type ResultTotals = [i64; 7];

vocabulary! {
    /// A person's status on the roster.
    pub enum PersonStatus {
        Active => "active", "在职", "在岗";
        Retired => "retired", "退休", "离退休", "退职", "离休", "已退休";
        Deceased => "deceased", "去世", "已故", "死亡", "离世", "已去世", "病故";
        Transferred => "transferred", "调离", "已调离", "调出", "调走";
    }
}

vocabulary! {
    /// The level of an honour, lowest first.
    #[derive(PartialOrd, Ord)]
    pub enum Level {
        District = 1 => "district", "区县级", "区级", "县级", "区县", "区(县)级", "县区级", "区", "县";
        City = 2 => "city", "市级", "市", "地市级";
        Provincial = 3 => "provincial", "省部级", "省级", "省(部)级", "省";
        National = 4 => "national", "全国", "全国级", "国家级";
    }
}

vocabulary! {
    /// What kind of honour a title is. Model titles (劳动模范 and 先进工作者 of a place) and
    /// May-Day medals are the closed list of [`Title`]; the other kinds are the open vocabulary
    /// (江苏工匠, 技术能手, 巾帼标兵 …): recorded with their level and counted under `honours.*`,
    /// carrying no model treatment unless the treatment table says so.
    pub enum HonourKind {
        Model => "model", "劳动模范", "劳模";
        Medal => "medal", "五一劳动奖章", "五一奖章";
        Craftsman => "craftsman", "工匠";
        SkillMaster => "skill_master", "技术能手";
        Exemplar => "exemplar", "标兵";
        Advanced => "advanced", "先进个人", "先进工作者";
        Other => "other", "其他荣誉", "其他";
    }
}

impl HonourKind {
    /// The kinds of the open vocabulary, reported under `honours.KIND`.
    pub const OPEN: &'static [HonourKind] = &[
        HonourKind::Craftsman,
        HonourKind::SkillMaster,
        HonourKind::Exemplar,
        HonourKind::Advanced,
        HonourKind::Other,
    ];
}

vocabulary! {
    /// A canonical honour title. `parse` also reads the short forms (全国劳模, 省(部)级劳模,
    /// 市五一奖章 …) and regional forms `<place><title>`: a place ending 省 or 自治区, and the four
    /// municipalities 北京市, 天津市, 上海市, 重庆市, are provincial; any other `<name>市` is city
    /// level — a county-level city such as 江阴市 included, since its name does not tell; a
    /// place ending 区 or 县 is district level. There is no district medal.
    pub enum Title fallback regional_title {
        NationalModel => "national_model", "全国劳动模范", "全国劳模";
        NationalAdvanced => "national_advanced", "全国先进工作者";
        ProvincialModel => "provincial_model", "省劳动模范", "省劳模", "省部级劳动模范", "省部级劳模",
            "省(部)级劳动模范", "省(部)级劳模", "省级劳动模范", "省级劳模";
        ProvincialAdvanced => "provincial_advanced", "省先进工作者", "省部级先进工作者",
            "省(部)级先进工作者", "省级先进工作者";
        CityModel => "city_model", "市劳动模范", "市劳模", "市级劳动模范", "市级劳模";
        CityAdvanced => "city_advanced", "市先进工作者", "市级先进工作者";
        DistrictModel => "district_model", "区劳动模范", "区劳模", "县劳动模范", "县劳模",
            "区级劳动模范", "区级劳模", "县级劳动模范", "区县级劳动模范";
        DistrictAdvanced => "district_advanced", "区先进工作者", "县先进工作者", "区级先进工作者";
        NationalMedal => "national_medal", "全国五一劳动奖章", "全国五一奖章";
        ProvincialMedal => "provincial_medal", "省五一劳动奖章", "省五一奖章", "省部级五一劳动奖章",
            "省(部)级五一劳动奖章";
        CityMedal => "city_medal", "市五一劳动奖章", "市五一奖章", "市级五一劳动奖章";
    }
}

impl Title {
    /// The level the title was awarded at.
    pub fn level(self) -> Level {
        use Title::*;
        match self {
            NationalModel | NationalAdvanced | NationalMedal => Level::National,
            ProvincialModel | ProvincialAdvanced | ProvincialMedal => Level::Provincial,
            CityModel | CityAdvanced | CityMedal => Level::City,
            DistrictModel | DistrictAdvanced => Level::District,
        }
    }

    /// A model title (劳动模范 or 先进工作者) or a medal.
    pub fn kind(self) -> HonourKind {
        match self {
            Title::NationalMedal | Title::ProvincialMedal | Title::CityMedal => HonourKind::Medal,
            _ => HonourKind::Model,
        }
    }
}

/// County-level cities under Wuxi: a studio named by one of them is named at district level,
/// not by the city federation.
pub const COUNTY_LEVEL_CITIES: [&str; 2] = ["江阴市", "宜兴市"];

/// A naming level as ledgers write it: the short forms (`省级`, `省`, `市`, `区`, `县`) and the
/// official titles (`无锡市劳模创新工作室`, `江苏省示范性劳模创新工作室`, `梁溪区职工创新工作室`,
/// `全国示范性劳模和工匠人才创新工作室`, `江阴市劳模创新工作室` — a county-level city names at
/// district level). The province names only 示范性 studios.
fn official_level(key: &str) -> Option<StudioLevel> {
    match key {
        "省" | "省级" => return Some(StudioLevel::ProvincialDemo),
        "市" => return Some(StudioLevel::City),
        "区" | "县" | "区县" => return Some(StudioLevel::District),
        _ => {}
    }
    let place = ["劳模和工匠人才创新工作室", "创新工作室"]
        .iter()
        .find_map(|s| key.strip_suffix(s))?;
    let place = ["劳模", "职工", "工匠"]
        .iter()
        .find_map(|s| place.strip_suffix(s))
        .unwrap_or(place);
    let demo = place.contains("示范");
    let place = place.replace("示范性", "").replace("示范", "");
    let named = |ending: &str| {
        place
            .strip_suffix(ending)
            .is_some_and(|n| !n.is_empty() && !n.chars().any(|c| c.is_ascii()))
    };
    if place.starts_with("全国") || place.starts_with("国家级") {
        Some(StudioLevel::National)
    } else if named("省") || place == "省级" {
        Some(StudioLevel::ProvincialDemo)
    } else if COUNTY_LEVEL_CITIES.contains(&place.as_str()) || named("区") || named("县") {
        Some(StudioLevel::District)
    } else if named("市") || place == "市级" {
        Some(if demo {
            StudioLevel::CityDemo
        } else {
            StudioLevel::City
        })
    } else {
        None
    }
}

/// `江苏省劳动模范`, `无锡市先进工作者`, `梁溪区劳模`, `江苏省五一劳动奖章` …: a place name, its
/// level read from how it ends, then the title.
fn regional_title(key: &str) -> Option<Title> {
    // `全国五一劳动奖章获得者`, `市劳动模范称号`: the holder's wording of the title is the title.
    if let Some(title) = ["获得者", "获奖者", "称号"]
        .iter()
        .find_map(|s| key.strip_suffix(s))
        .filter(|t| !t.is_empty())
    {
        return Title::parse(title);
    }
    split_regional(key).map(|(title, _)| title)
}

/// A regional title split into its title and the place that awarded it (`江阴市劳动模范` →
/// `CityModel`, `江阴市`): the title at the level the place's wording names. Whether the place
/// is a county-level city is for [`crate::domain::honour`] to say.
pub fn split_regional(key: &str) -> Option<(Title, &str)> {
    #[derive(Clone, Copy)]
    enum Form {
        Model,
        Advanced,
        Medal,
    }
    let (place, form) = [
        ("五一劳动奖章", Form::Medal),
        ("五一奖章", Form::Medal),
        ("劳动模范", Form::Model),
        ("劳模", Form::Model),
        ("先进工作者", Form::Advanced),
    ]
    .iter()
    .find_map(|(suffix, form)| key.strip_suffix(suffix).map(|place| (place, *form)))?;
    let place = place.strip_suffix("级").unwrap_or(place);
    let level = match place_level(place)? {
        // A place named `全国…` is the national title itself, not a region.
        Level::National => return None,
        l => l,
    };
    use Title::*;
    let title = match (level, form) {
        (Level::Provincial, Form::Model) => ProvincialModel,
        (Level::Provincial, Form::Advanced) => ProvincialAdvanced,
        (Level::Provincial, Form::Medal) => ProvincialMedal,
        (Level::City, Form::Model) => CityModel,
        (Level::City, Form::Advanced) => CityAdvanced,
        (Level::City, Form::Medal) => CityMedal,
        (Level::District, Form::Model) => DistrictModel,
        (Level::District, Form::Advanced) => DistrictAdvanced,
        (Level::District, Form::Medal) | (Level::National, _) => return None,
    };
    Some((title, place))
}

/// The provinces, autonomous regions and municipalities by their short names: `江苏工匠` is a
/// provincial title.
const PROVINCES: [&str; 34] = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "台湾",
    "香港",
    "澳门",
];

/// The level a place's name says (in key form): `全国` national; a place ending 省 or 自治区, a
/// province by its short name, and the four municipalities provincial; any other `<name>市`
/// city — a county-level city such as 江阴市 included, since its name does not tell; a place
/// ending 区 or 县 district. The bare words 省, 市, 区, 县 (`市劳模`) are not places.
pub fn place_level(place: &str) -> Option<Level> {
    // A name before the ending: at least one character, and no digits or ASCII.
    let named = |ending: &str| {
        place
            .strip_suffix(ending)
            .is_some_and(|n| !n.is_empty() && !n.chars().any(|c| c.is_ascii()))
    };
    if place == "全国" || place == "国家" {
        Some(Level::National)
    } else if named("自治区")
        || named("省")
        || PROVINCES.contains(&place)
        || ["北京市", "天津市", "上海市", "重庆市"].contains(&place)
    {
        Some(Level::Provincial)
    } else if named("市") {
        Some(Level::City)
    } else if named("区") || named("县") {
        Some(Level::District)
    } else {
        None
    }
}

vocabulary! {
    /// The three kinds of innovation studio.
    pub enum StudioKind {
        Model => "model", "劳模创新工作室", "劳模工作室";
        Worker => "worker", "职工创新工作室", "职工工作室";
        Craftsman => "craftsman", "工匠创新工作室", "工匠工作室";
    }
}

vocabulary! {
    /// The level a studio is named at, lowest first.
    #[derive(PartialOrd, Ord)]
    pub enum StudioLevel fallback official_level {
        District => "district", "区级", "区县级", "县级";
        City => "city", "市级";
        CityDemo => "city-demo", "市级示范性", "市级示范", "市示范性";
        ProvincialDemo => "provincial-demo", "省级示范性", "省级示范", "省示范性";
        National => "national", "全国", "全国级", "国家级";
    }
}

vocabulary! {
    /// The payout categories of the welfare ledger.
    pub enum PayoutCategory {
        HonorAllowance => "honor_allowance", "劳模荣誉津贴", "荣誉津贴", "honour_allowance";
        LivingSubsidy => "living_subsidy", "劳模生活补助", "生活补助";
        HardshipAid => "hardship_aid", "困难帮扶", "困难帮扶金", "生活困难补助", "困难补助";
        FestivalCondolence => "festival_condolence", "春节慰问", "春节慰问金";
        EducationAid => "education_aid", "金秋助学", "金秋助学金";
        MedicalAid => "medical_aid", "医疗互助", "医疗互助金";
        Recuperation => "recuperation", "疗休养";
        HealthCheck => "health_check", "体检", "健康体检";
        SummerCooling => "summer_cooling", "送清凉";
        InnovationAward => "innovation_award", "创新成果奖励", "创新成果奖";
        StudioSubsidy => "studio_subsidy", "工作室补贴", "工作室补助";
    }
}

vocabulary! {
    /// The type of a hardship-worker file.
    pub enum HardshipType {
        Deep => "deep", "深度困难", "深度困难职工";
        Relative => "relative", "相对困难", "相对困难职工";
        Accident => "accident", "意外致困", "意外致困职工";
    }
}

vocabulary! {
    /// Why a hardship file was closed (退出原因): required when it is.
    pub enum HardshipExit {
        Recovered => "recovered", "脱困", "已脱困", "稳定脱困";
        Retired => "retired", "退休";
        Transferred => "transferred", "调离", "调出";
        Deceased => "deceased", "死亡", "去世", "病故";
        Ineligible => "ineligible", "不再符合", "不再符合条件", "不符合条件";
    }
}

vocabulary! {
    /// A student's school stage (学段), for 金秋助学: each has its own standard
    /// (`payout.education_aid.standard.STAGE`). 大专 and 高职 count as 大学 (higher education
    /// below postgraduate), 中专, 职高 and 技校 as 中职.
    pub enum SchoolStage {
        HighSchool => "high_school", "高中", "普通高中", "高级中学", "普高", "高中生", "高一", "高二", "高三";
        Vocational => "vocational", "中职", "中专", "职高", "技校", "中等职业学校", "中等职业教育", "职业高中",
            "职业中专", "技工学校", "中职生", "高中(职高)", "高中(中职)", "职高(高中)";
        University => "university", "大学", "本科", "大专", "高职", "专科", "大学本科", "大学专科", "高等职业学校",
            "高职高专", "大学生", "本科生", "专科生", "大一", "大二", "大三", "大四";
        Postgraduate => "postgraduate", "研究生", "硕士", "博士", "硕士研究生", "博士研究生", "研一", "研二", "研三";
    }
}

impl SchoolStage {
    /// A stage below high school (初中, 小学, 幼儿园 …), which 金秋助学 does not aid: known,
    /// so refused as such rather than as an unknown word.
    pub fn below_high_school(text: &str) -> bool {
        const BELOW: [&str; 9] = [
            "初中",
            "初级中学",
            "初一",
            "初二",
            "初三",
            "小学",
            "小学生",
            "幼儿园",
            "学前",
        ];
        let t = super::cell::fold(text);
        BELOW.contains(&t.as_ref())
    }
}

vocabulary! {
    /// How a wage agreement was negotiated.
    pub enum AgreementForm {
        Single => "single", "单独", "单独协商";
        Regional => "regional", "区域性", "区域性协商";
        Industry => "industry", "行业性", "行业性协商";
    }
}

vocabulary! {
    /// How a base-level union is organised (建会形式).
    pub enum UnionForm {
        Single => "single", "单独建会", "单独", "独立建会";
        Joint => "joint", "联合工会", "联合建会";
        Regional => "regional", "区域性", "区域性工会", "区域工会";
        Industry => "industry", "行业性", "行业性工会", "行业工会";
    }
}

vocabulary! {
    /// The level a carrier (职工书屋, 模范职工之家 …) is named at: a tier of government, or for a
    /// star programme (星级示范岗) one to three stars.
    pub enum CarrierLevel {
        District = 1 => "district", "区级", "区县级", "县级", "区";
        City = 2 => "city", "市级", "市";
        Provincial = 3 => "provincial", "省级", "省部级", "省";
        National = 4 => "national", "全国", "全国级", "国家级";
        OneStar = 11 => "one_star", "一星", "一星级";
        TwoStar = 12 => "two_star", "二星", "二星级";
        ThreeStar = 13 => "three_star", "三星", "三星级";
    }
}

impl CarrierLevel {
    /// Whether the level is a number of stars (a star programme's), not a tier.
    pub fn is_star(self) -> bool {
        matches!(
            self,
            CarrierLevel::OneStar | CarrierLevel::TwoStar | CarrierLevel::ThreeStar
        )
    }

    /// The level's rank within its track: 1 区级 … 4 全国, or 1 … 3 stars.
    pub fn rank(self) -> u8 {
        match self {
            CarrierLevel::District | CarrierLevel::OneStar => 1,
            CarrierLevel::City | CarrierLevel::TwoStar => 2,
            CarrierLevel::Provincial | CarrierLevel::ThreeStar => 3,
            CarrierLevel::National => 4,
        }
    }
}

vocabulary! {
    /// Who may lead a carrier of a programme: anyone, or a person holding an honour (a model
    /// title or medal on file, or the lead of another programme's carrier: the 三创 chain).
    pub enum LeaderRule {
        None => "none", "不限";
        AnyHonour => "any-honour", "任一荣誉", "有荣誉";
    }
}

vocabulary! {
    /// The five cases in which a studio's naming is revoked; `parse` also reads the number.
    pub enum RevocationCase {
        LeaderIneligible = 1 => "leader_ineligible", "领衔人不再符合条件或调离", "1";
        FailedReview = 2 => "failed_review", "年度考核不合格", "2";
        FalseApplication = 3 => "false_application", "申报材料弄虚作假", "3";
        UnitIncident = 4 => "unit_incident", "所在单位发生重大安全生产或违法违纪事件", "4";
        Discontinued = 5 => "discontinued", "工作室撤并或停止活动", "5";
    }
}

impl RevocationCase {
    /// The case number, 1–5.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The case with this number.
    pub fn from_number(n: u8) -> Option<RevocationCase> {
        RevocationCase::ALL
            .iter()
            .copied()
            .find(|c| c.number() == n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A carrier's level is a tier (区级 1 … 全国 4) or a number of stars (1 … 3), each ranked
    /// within its own track (found by mutation testing: no test pinned the ranks).
    #[test]
    fn carrier_levels_rank_within_their_track() {
        use CarrierLevel::*;
        let all = [
            (District, false, 1),
            (City, false, 2),
            (Provincial, false, 3),
            (National, false, 4),
            (OneStar, true, 1),
            (TwoStar, true, 2),
            (ThreeStar, true, 3),
        ];
        for (level, star, rank) in all {
            assert_eq!((level.is_star(), level.rank()), (star, rank), "{level:?}");
        }
    }

    #[test]
    fn stages_below_high_school_are_known_as_such() {
        for t in ["初中", "小学", "幼儿园", " 初三 ", "初中"] {
            assert!(SchoolStage::below_high_school(t), "{t}");
        }
        for t in ["高中", "中职", "大学", "高中（职高）", "初中生物竞赛", ""] {
            assert!(!SchoolStage::below_high_school(t), "{t}");
        }
        assert_eq!(
            SchoolStage::parse("高中（职高）"),
            Some(SchoolStage::Vocational)
        );
    }
    use crate::domain::cell::Cell;
    use crate::domain::invalid::Invalid;

    /// Every name must already be in key form, or it could never match.
    #[test]
    fn names_are_in_key_form() {
        fn check<T: Copy>(names: &[(T, &[&str])]) {
            for (_, ns) in names {
                for n in *ns {
                    assert_eq!(key(n), *n);
                }
            }
        }
        check(PersonStatus::NAMES);
        check(Level::NAMES);
        check(HonourKind::NAMES);
        check(Title::NAMES);
        check(StudioKind::NAMES);
        check(StudioLevel::NAMES);
        check(PayoutCategory::NAMES);
        check(HardshipType::NAMES);
        check(AgreementForm::NAMES);
        check(UnionForm::NAMES);
        check(CarrierLevel::NAMES);
        check(LeaderRule::NAMES);
        check(RevocationCase::NAMES);
    }

    /// Every name, written with blanks and in capitals (so not found as it is), still reads as
    /// its own value: a name is matched whole, never as the start of a longer one (市级 in
    /// 市级示范性) or a longer one's start.
    #[test]
    fn every_name_matched_whole_when_folded() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            names: &[(T, &[&str])],
            parse: fn(&str) -> Option<T>,
        ) {
            for (v, ns) in names {
                for n in *ns {
                    let spaced = format!(" {} ", n.to_uppercase());
                    assert_eq!(parse(&spaced), Some(*v), "{spaced:?}");
                }
            }
        }
        check(PersonStatus::NAMES, PersonStatus::parse);
        check(Level::NAMES, Level::parse);
        check(HonourKind::NAMES, HonourKind::parse);
        check(Title::NAMES, Title::parse);
        check(StudioKind::NAMES, StudioKind::parse);
        check(StudioLevel::NAMES, StudioLevel::parse);
        check(PayoutCategory::NAMES, PayoutCategory::parse);
        check(HardshipType::NAMES, HardshipType::parse);
        check(AgreementForm::NAMES, AgreementForm::parse);
        check(UnionForm::NAMES, UnionForm::parse);
        check(CarrierLevel::NAMES, CarrierLevel::parse);
        check(LeaderRule::NAMES, LeaderRule::parse);
        check(RevocationCase::NAMES, RevocationCase::parse);
        assert_eq!(PayoutCategory::parse("honor"), None);
        // `-` and `_` are the same, and nothing else is either of them.
        assert_eq!(
            PayoutCategory::parse("health_check"),
            Some(PayoutCategory::HealthCheck)
        );
        assert_eq!(PayoutCategory::parse("he_lth-check"), None);
        assert_eq!(PayoutCategory::parse("health_chec-"), None);
        assert_eq!(
            PayoutCategory::parse("honor-allowance"),
            Some(PayoutCategory::HonorAllowance)
        );
    }

    #[test]
    fn column_vocabularies_index_their_records_by_name() {
        let mut eight: EightHaves = [None; 8];
        eight[EightHave::Team] = Some(true);
        assert_eq!(
            eight,
            [None, Some(true), None, None, None, None, None, None]
        );
        assert_eq!(eight[EightHave::Team], Some(true));
        assert_eq!(EightHave::ALL.len(), 8);
        assert_eq!(EightHave::ALL[0], EightHave::Model);
        assert_eq!(EightHave::Results.code(), "has_results");
        assert_eq!(EightHave::Results.zh(), "有成效");
        for (i, h) in EightHave::ALL.iter().enumerate() {
            assert_eq!(*h as usize, i);
        }
        let mut totals: ResultTotals = [0; 7];
        totals[ResultMetric::Upgraded] += 3;
        assert_eq!(totals, [0, 0, 0, 0, 0, 0, 3]);
        let counts: ResultCounts = [Some(1), Some(2), None, Some(4), Some(5), Some(6), Some(7)];
        assert_eq!(counts[ResultMetric::InventionPatents], Some(5));
        assert_eq!(ResultMetric::ALL.map(|m| m.code())[4], "invention_patents");
    }

    /// Each enum round-trips through its code and its label, and `LABELS` follows `ALL`.
    #[test]
    fn round_trips() {
        macro_rules! round_trip {
            ($($t:ty),+ $(,)?) => {$(
                assert_eq!(<$t>::ALL.len(), <$t>::LABELS.len());
                for (v, label) in <$t>::ALL.iter().zip(<$t>::LABELS) {
                    assert_eq!(<$t>::parse(v.code()), Some(*v));
                    assert_eq!(<$t>::parse(v.zh()), Some(*v));
                    assert_eq!(v.zh(), *label);
                    assert_eq!(<$t>::parse_cell(&Cell::Text(format!(" {} ", v.zh()))), Ok(*v));
                }
                assert_eq!(<$t>::parse_cell(&Cell::Empty), Err(Invalid::Required));
                assert_eq!(<$t>::parse_cell(&Cell::Text("??".into())), Err(Invalid::NotInList { allowed: <$t>::LABELS }));
            )+};
        }
        for_each_vocabulary!(round_trip);
    }

    #[test]
    fn person_status() {
        for s in ["已故", "死亡", "离世", "DECEASED"] {
            assert_eq!(PersonStatus::parse(s), Some(PersonStatus::Deceased), "{s}");
        }
        for s in ["离退休", "退职", " 退 休 "] {
            assert_eq!(PersonStatus::parse(s), Some(PersonStatus::Retired), "{s}");
        }
        assert_eq!(PersonStatus::parse("在职"), Some(PersonStatus::Active));
        for s in ["调离", "已调离", "调出", "TRANSFERRED"] {
            assert_eq!(
                PersonStatus::parse(s),
                Some(PersonStatus::Transferred),
                "{s}"
            );
        }
        assert_eq!(PersonStatus::parse("调动"), None);
    }

    #[test]
    fn naming_levels_as_ledgers_write_them() {
        use StudioLevel::*;
        for (text, level) in [
            ("无锡市劳模创新工作室", City),
            ("无锡市示范性劳模创新工作室", CityDemo),
            ("无锡市职工创新工作室", City),
            ("江苏省示范性劳模创新工作室", ProvincialDemo),
            ("江苏省劳模创新工作室", ProvincialDemo),
            ("梁溪区职工创新工作室", District),
            ("江阴市劳模创新工作室", District),
            ("宜兴市职工创新工作室", District),
            ("全国示范性劳模和工匠人才创新工作室", National),
            ("省级", ProvincialDemo),
            ("省", ProvincialDemo),
            ("区", District),
            ("市", City),
        ] {
            assert_eq!(StudioLevel::parse(text), Some(level), "{text}");
        }
        for text in [
            "省城",
            "创新工作室",
            "abc市劳模创新工作室",
            "劳模创新工作室",
            "市政府",
        ] {
            assert_eq!(StudioLevel::parse(text), None, "{text}");
        }
    }

    #[test]
    fn levels_are_ordered() {
        assert!(
            Level::District < Level::City
                && Level::City < Level::Provincial
                && Level::Provincial < Level::National
        );
        assert_eq!(Level::National as u8, 4);
        assert_eq!(Level::parse("省（部）级"), Some(Level::Provincial));
        assert_eq!(Level::parse("区县级"), Some(Level::District));
        assert_eq!(Level::parse("国家级"), Some(Level::National));
        assert!(
            StudioLevel::City < StudioLevel::CityDemo
                && StudioLevel::ProvincialDemo < StudioLevel::National
        );
    }

    #[test]
    fn titles_short_and_regional_forms() {
        use Title::*;
        let cases = [
            ("全国劳动模范", NationalModel),
            ("全国劳模", NationalModel),
            ("全国先进工作者", NationalAdvanced),
            ("省劳模", ProvincialModel),
            ("省(部)级劳模", ProvincialModel),
            ("省（部）级劳动模范", ProvincialModel),
            ("省部级劳动模范", ProvincialModel),
            ("江苏省劳动模范", ProvincialModel),
            ("江苏省劳模", ProvincialModel),
            ("江苏省先进工作者", ProvincialAdvanced),
            ("广西壮族自治区劳动模范", ProvincialModel),
            ("上海市劳动模范", ProvincialModel),
            ("市劳模", CityModel),
            ("无锡市劳动模范", CityModel),
            ("无锡市先进工作者", CityAdvanced),
            ("江阴市劳动模范", CityModel),
            ("无锡市级劳模", CityModel),
            ("区劳模", DistrictModel),
            ("县劳模", DistrictModel),
            ("县劳动模范", DistrictModel),
            ("梁溪区劳动模范", DistrictModel),
            ("梁溪区先进工作者", DistrictAdvanced),
            ("区先进工作者", DistrictAdvanced),
            ("全国五一劳动奖章", NationalMedal),
            ("全国五一劳动奖章获得者", NationalMedal),
            ("全国五一奖章", NationalMedal),
            ("江苏省劳动模范称号", ProvincialModel),
            ("江苏省五一劳动奖章", ProvincialMedal),
            ("省五一劳动奖章", ProvincialMedal),
            ("无锡市五一劳动奖章", CityMedal),
            ("市五一奖章", CityMedal),
            ("  无锡市 劳动模范 ", CityModel),
            ("city_model", CityModel),
        ];
        for (s, t) in cases {
            assert_eq!(Title::parse(s), Some(t), "{s}");
        }
        for s in [
            "获得者",
            "称号",
            "劳动模范",
            "五一劳动奖章",
            "梁溪区五一劳动奖章",
            "市",
            "abc市劳模",
            "2019市劳模",
            "优秀共产党员",
            "",
        ] {
            assert_eq!(Title::parse(s), None, "{s}");
        }
    }

    #[test]
    fn title_level_and_kind() {
        assert_eq!(
            (
                Title::NationalAdvanced.level(),
                Title::NationalAdvanced.kind()
            ),
            (Level::National, HonourKind::Model)
        );
        assert_eq!(
            (
                Title::ProvincialMedal.level(),
                Title::ProvincialMedal.kind()
            ),
            (Level::Provincial, HonourKind::Medal)
        );
        assert_eq!(
            (
                Title::DistrictAdvanced.level(),
                Title::DistrictAdvanced.kind()
            ),
            (Level::District, HonourKind::Model)
        );
        assert_eq!(Title::CityMedal.level(), Level::City);
        assert_eq!(Title::ALL.len(), 11);
    }

    #[test]
    fn studios() {
        assert_eq!(StudioKind::parse("劳模工作室"), Some(StudioKind::Model));
        assert_eq!(StudioKind::parse("职工工作室"), Some(StudioKind::Worker));
        assert_eq!(StudioKind::parse("工匠工作室"), Some(StudioKind::Craftsman));
        assert_eq!(StudioLevel::parse("市级示范"), Some(StudioLevel::CityDemo));
        assert_eq!(StudioLevel::parse("city_demo"), Some(StudioLevel::CityDemo));
        assert_eq!(StudioLevel::parse("City-Demo"), Some(StudioLevel::CityDemo));
        assert_eq!(
            StudioLevel::parse("省级示范"),
            Some(StudioLevel::ProvincialDemo)
        );
        assert_eq!(StudioLevel::parse("全国级"), Some(StudioLevel::National));
        assert_eq!(StudioLevel::parse("国家级"), Some(StudioLevel::National));
        assert_eq!(StudioLevel::CityDemo.code(), "city-demo");
    }

    #[test]
    fn payouts_hardship_agreements() {
        assert_eq!(PayoutCategory::ALL.len(), 11);
        assert_eq!(
            PayoutCategory::parse("荣誉津贴"),
            Some(PayoutCategory::HonorAllowance)
        );
        assert_eq!(
            PayoutCategory::parse("HONOR_ALLOWANCE"),
            Some(PayoutCategory::HonorAllowance)
        );
        assert_eq!(
            PayoutCategory::parse("festival-condolence"),
            Some(PayoutCategory::FestivalCondolence)
        );
        assert_eq!(
            PayoutCategory::parse("春节慰问金"),
            Some(PayoutCategory::FestivalCondolence)
        );
        assert_eq!(PayoutCategory::parse("送温暖"), None);
        assert_eq!(
            HardshipType::parse("深度困难职工"),
            Some(HardshipType::Deep)
        );
        assert_eq!(
            HardshipType::parse("accident"),
            Some(HardshipType::Accident)
        );
        assert_eq!(
            AgreementForm::parse("区域性协商"),
            Some(AgreementForm::Regional)
        );
        assert_eq!(
            AgreementForm::parse("行业性"),
            Some(AgreementForm::Industry)
        );
        assert_eq!(
            AgreementForm::parse("单独协商"),
            Some(AgreementForm::Single)
        );
    }

    #[test]
    fn revocation_cases() {
        assert_eq!(
            RevocationCase::parse("3"),
            Some(RevocationCase::FalseApplication)
        );
        assert_eq!(
            RevocationCase::parse("３"),
            Some(RevocationCase::FalseApplication)
        );
        assert_eq!(
            RevocationCase::parse_cell(&Cell::Number(5.0)),
            Ok(RevocationCase::Discontinued)
        );
        assert_eq!(RevocationCase::parse("6"), None);
        assert_eq!(
            RevocationCase::from_number(2),
            Some(RevocationCase::FailedReview)
        );
        assert_eq!(RevocationCase::from_number(0), None);
        assert_eq!(RevocationCase::UnitIncident.number(), 4);
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "市".repeat(100_000) + "劳模";
        for s in [
            "",
            " ",
            "👍",
            "e\u{301}",
            "-",
            "_",
            "市劳模市",
            "省部级",
            &long,
        ] {
            let _ = (
                PersonStatus::parse(s),
                Title::parse(s),
                StudioLevel::parse(s),
                PayoutCategory::parse(s),
            );
        }
    }
}

/// The words of a 经济类型 that make an enterprise state-owned or collective, for
/// `enterprises.open_affairs.rate.state_collective` (any type naming one of them).
pub const PUBLIC_OWNERSHIP: [&str; 2] = ["国有", "集体"];
