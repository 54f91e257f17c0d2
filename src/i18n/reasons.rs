//! Why a value was refused, in the user's language, and the English labels of the vocabularies
//! (the Chinese labels are the enums' own `zh()`: they are also what the database stores).

use super::Lang;
use crate::domain::codes::{
    AgreementForm, CarrierLevel, HardshipExit, HardshipType, HonourKind, LeaderRule, Level,
    PayoutCategory, PersonStatus, RevocationCase, SchoolStage, StudioKind, StudioLevel, Title,
    UnionForm,
};
use crate::domain::invalid::Invalid;
use crate::domain::values::Gender;

/// The refusal reason for a cell, short and saying how to fix it.
pub fn reason(lang: Lang, e: &Invalid) -> String {
    use Invalid::*;
    let zh = lang == Lang::Zh;
    let pick = |z: String, en: String| if zh { z } else { en };
    macro_rules! say {
        ($z:expr, $e:expr) => {
            pick(format!($z), format!($e))
        };
    }
    match e {
        Required => say!("不能为空", "required, but the cell is empty"),
        NotAName => say!("姓名里没有汉字或字母（是数字、公式或公式的结果？）", "a name needs a Chinese character or a letter (is it a number, a formula or a formula's result?)"),
        NameCharacter { ch } => {
            let ch = match crate::domain::values::invisible(*ch) || ch.is_whitespace() {
                true => crate::domain::values::code_point(*ch),
                false => ch.to_string(),
            };
            say!("姓名里有“{ch}”，姓名不用这个字符（表情或符号？）", "the name holds \"{ch}\", which names are not written with (an emoji or a symbol?)")
        }
        NotATitle => say!("不像荣誉称号（没有汉字，或含 = | ! 等符号）", "does not look like an honour's title (no Chinese characters, or a sign such as = | !)"),
        TooLong { len, max } => say!("内容过长：{len} 个字符，最多 {max} 个", "too long: {len} characters, at most {max}"),
        NotInList { allowed } => {
            let list = super::list(lang, allowed.iter());
            say!("无法识别；应为：{list}", "not recognised; use one of: {list}")
        }

        IdExcelNumber => say!(
            "Excel 把身份证号存成了数字，末几位已丢失；请把该列设为“文本”格式后重新录入",
            "Excel stored the ID number as a number and lost its last digits; format the column as Text and retype it"
        ),
        IdScientific => say!(
            "身份证号变成了科学计数法（如 3.20102E+17），末几位已丢失；请把该列设为“文本”格式后重新录入",
            "the ID number is in scientific notation (like 3.20102E+17) and its last digits are lost; format the column as Text and retype it"
        ),
        IdLegacy15 => say!(
            "这是 15 位的旧身份证号；请录入 18 位的新号码",
            "this is an old 15-digit ID number; enter the 18-character one"
        ),
        IdMasked => say!(
            "这是打码的身份证号：请用 --unmask 重新生成名单（或导出）后再填写",
            "this ID number is masked: make the roster (or export) again with --unmask, then fill it in"
        ),
        IdLength { len } => say!(
            "身份证号应为 18 位，实为 {len} 位",
            "an ID number has 18 characters, this one has {len}"
        ),
        IdBadChar { pos, ch } => say!(
            "第 {pos} 位“{ch}”不是数字（只有最后一位可以是 X）",
            "character {pos} ('{ch}') is not a digit (only the last may be X)"
        ),
        IdProvince { code } => say!(
            "前两位 {code:02} 不是有效的省份代码",
            "the first two digits, {code:02}, are not a province code"
        ),
        IdBirthNotReal { year, month, day } => say!(
            "第 7–14 位的出生日期 {year:04}{month:02}{day:02} 不是真实日期",
            "the birth date in characters 7–14, {year:04}{month:02}{day:02}, is not a real date"
        ),
        IdBirthOutOfRange { date } => say!(
            "出生日期 {date} 不在 1900-01-01 至今天之间",
            "the birth date {date} is not between 1900-01-01 and today"
        ),
        IdCheckChar { expected, given } => say!(
            "校验位错误：应为 {expected}，实为 {given}；请核对号码",
            "wrong check character: expected {expected}, found {given}; check the number for a typo"
        ),
        IdGenderMismatch { id, given } => {
            let (id, given) = (gender_label(lang, *id), gender_label(lang, *given));
            say!("性别“{given}”与身份证号（{id}）不符", "gender '{given}' does not match the ID number ({id})")
        }
        IdBirthMismatch { id, given } => say!(
            "出生日期 {given} 与身份证号（{id}）不符",
            "birth date {given} does not match the ID number ({id})"
        ),
        IdBirthMonthMismatch { id, given } => say!(
            "出生年月 {given} 与身份证号（{id}）不符",
            "birth month {given} does not match the ID number ({id})"
        ),

        CreditExcelNumber => say!(
            "Excel 把统一社会信用代码存成了数字，末几位已丢失；请把该列设为“文本”格式后重新录入",
            "Excel stored the credit code as a number and lost its last digits; format the column as Text and retype it"
        ),
        CreditLength { len } => say!(
            "统一社会信用代码应为 18 位，实为 {len} 位",
            "a credit code has 18 characters, this one has {len}"
        ),
        CreditBadChar { pos, ch } => say!(
            "第 {pos} 位“{ch}”不能用于统一社会信用代码（不用字母 I、O、S、V、Z）",
            "character {pos} ('{ch}') cannot appear in a credit code (I, O, S, V and Z are never used)"
        ),
        CreditCheckChar { expected, given } => say!(
            "校验位错误：应为 {expected}，实为 {given}；请核对代码",
            "wrong check character: expected {expected}, found {given}; check the code for a typo"
        ),

        Mobile => say!(
            "手机号应为 11 位数字，以 13–19 开头",
            "a mobile number has 11 digits and starts with 13–19"
        ),

        MoneyFormat => say!("不是金额；请填写数字，如 1234.50", "not an amount; write a number such as 1234.50"),
        MoneyNotPositive => say!("金额必须大于 0", "the amount must be greater than 0"),
        MoneyNegative => say!("金额不能为负数", "the amount cannot be negative"),
        MoneyDecimals { max } => say!(
            "小数位过多：最多 {max} 位（金额精确到分）",
            "too many decimals: at most {max} (amounts are kept to the fen)"
        ),
        MoneyOverflow => say!("金额过大（上限为 100 亿元）", "the amount is too large (at most 10,000,000,000 yuan)"),

        DateFormat => say!(
            "不是日期；请写成 2024-01-05、2024/1/5、2024年1月5日 或 20240105",
            "not a date; write 2024-01-05, 2024/1/5, 2024年1月5日 or 20240105"
        ),
        DateNotReal { year, month, day } => say!(
            "日期 {year}-{month:02}-{day:02} 不存在",
            "there is no date {year}-{month:02}-{day:02}"
        ),
        DateNumber => say!(
            "这是数字而不是日期；请把该列设为“日期”格式，或写成 2024-01-05",
            "this is a number, not a date; format the column as Date or write 2024-01-05"
        ),
        PeriodFormat => say!(
            "不是所属期间；请写成 2026-03（一个月）、2026-01~2026-06 或 2026年1月-6月",
            "not a period of months; write 2026-03 (one month), 2026-01~2026-06 or 2026年1月-6月"
        ),
        PeriodEndBeforeStart { from, to } => say!(
            "所属期间的结束月份 {to} 早于开始月份 {from}",
            "the period ends in {to}, before it starts in {from}"
        ),
        PeriodTooLong { months, max } => say!(
            "所属期间长达 {months} 个月，一笔发放最多覆盖 {max} 个月（是否写错了年份？）",
            "the period covers {months} months; one payout covers at most {max} (a mistyped year?)"
        ),
        YearOutOfRange { year } => say!("年份 {year} 不在 1900–2100 之间", "the year {year} is not between 1900 and 2100"),
        YearFormat => say!("不是年份；请写成 2019 或 2019年", "not a year; write 2019 or 2019年"),

        NotBool => say!(
            "应为 是 或 否（也可写 有/无、Y/N、√/×、1/0）",
            "must be yes or no (是/否, 有/无, Y/N, √/× and 1/0 work too)"
        ),

        Uncalculated => say!(
            "这是公式，文件里没有它的计算结果（表格由程序生成，没有在 Excel 或 WPS 中保存过）：请在 Excel 或 WPS 中打开、保存后再导入",
            "a formula whose result the file does not hold (the workbook was written by a program and never saved in Excel or WPS): open it in Excel or WPS, save it and import again"
        ),
        CountFormat => say!("不是整数；请填写如 12 的数字", "not a whole number; write a number such as 12"),
        CountNegative => say!("不能为负数", "cannot be negative"),
        BatchZero => say!("批次从 1 开始编号", "batches are numbered from 1"),
        TermYears { years } => say!(
            "届期 {years} 年不在 1 至 10 年之间（工会章程：每届三年或五年）",
            "a term of {years} years is not between 1 and 10 (the union charter says three or five)"
        ),
        CountFraction => say!("应为整数，不能有小数", "must be a whole number, without decimals"),
        CountTooLarge => say!("数字过大（多写了几位？）", "too large a number (digits typed twice?)"),

        PercentFormat => say!("不是百分数；请写成 5.5 或 5.5%", "not a percentage; write 5.5 or 5.5%"),
        PercentDecimals => say!("百分数最多两位小数", "a percentage has at most two decimals"),
        PercentOutOfRange => say!("百分数应在 -100% 至 1000% 之间", "the percentage must be between -100% and 1000%"),
    }
}

/// 男/女 or male/female.
pub fn gender_label(lang: Lang, g: Gender) -> &'static str {
    match (lang, g) {
        (Lang::Zh, _) => g.zh(),
        (Lang::En, Gender::Male) => "male",
        (Lang::En, Gender::Female) => "female",
    }
}

/// A vocabulary value's label in the user's language: the canonical Chinese label, or English.
pub trait Label: Copy {
    fn en(self) -> &'static str;
    fn zh(self) -> &'static str;
    fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }
}

/// `label_en! { Type { Variant => "English", … } }` implements `Label` for a vocabulary.
macro_rules! label_en {
    ($($t:ident { $($v:ident => $en:literal),+ $(,)? })+) => {$(
        impl Label for $t {
            fn en(self) -> &'static str {
                match self { $($t::$v => $en),+ }
            }
            fn zh(self) -> &'static str {
                $t::zh(self)
            }
        }
    )+};
}

label_en! {
    PersonStatus { Active => "Active", Retired => "Retired", Deceased => "Deceased", Transferred => "Transferred out" }
    Level { District => "District/county", City => "City", Provincial => "Provincial/ministerial", National => "National" }
    HonourKind {
        Model => "Model worker",
        Medal => "May Day Labour Medal",
        Craftsman => "Craftsman",
        SkillMaster => "Skill master",
        Exemplar => "Exemplar",
        Advanced => "Advanced individual",
        Other => "Other honour",
    }
    Title {
        NationalModel => "National model worker",
        NationalAdvanced => "National advanced worker",
        ProvincialModel => "Provincial model worker",
        ProvincialAdvanced => "Provincial advanced worker",
        CityModel => "City model worker",
        CityAdvanced => "City advanced worker",
        DistrictModel => "District model worker",
        DistrictAdvanced => "District advanced worker",
        NationalMedal => "National May Day Labour Medal",
        ProvincialMedal => "Provincial May Day Labour Medal",
        CityMedal => "City May Day Labour Medal",
    }
    SchoolStage {
        HighSchool => "High school",
        Vocational => "Secondary vocational",
        University => "University or college",
        Postgraduate => "Postgraduate",
    }
    HardshipExit {
        Recovered => "Out of hardship",
        Retired => "Retired",
        Transferred => "Transferred out",
        Deceased => "Deceased",
        Ineligible => "No longer eligible",
    }
    StudioKind {
        Model => "Model-worker innovation studio",
        Worker => "Worker innovation studio",
        Craftsman => "Craftsman innovation studio",
    }
    StudioLevel {
        District => "District",
        City => "City",
        CityDemo => "City demonstration",
        ProvincialDemo => "Provincial demonstration",
        National => "National",
    }
    PayoutCategory {
        HonorAllowance => "Model-worker honour allowance",
        LivingSubsidy => "Model-worker living subsidy",
        HardshipAid => "Hardship aid",
        FestivalCondolence => "Spring Festival condolence",
        EducationAid => "Golden-autumn education aid",
        MedicalAid => "Medical mutual aid",
        Recuperation => "Recuperation",
        HealthCheck => "Health check",
        SummerCooling => "Summer cooling",
        InnovationAward => "Innovation award",
        StudioSubsidy => "Studio subsidy",
    }
    HardshipType { Deep => "Deep hardship", Relative => "Relative hardship", Accident => "Hardship from an accident" }
    AgreementForm { Single => "Single enterprise", Regional => "Regional", Industry => "Industry-wide" }
    UnionForm { Single => "Own union", Joint => "Joint union", Regional => "Regional", Industry => "Industry-wide" }
    CarrierLevel {
        District => "District",
        City => "City",
        Provincial => "Provincial",
        National => "National",
        OneStar => "One star",
        TwoStar => "Two stars",
        ThreeStar => "Three stars",
    }
    LeaderRule { None => "Anyone", AnyHonour => "A holder of any honour" }
    RevocationCase {
        LeaderIneligible => "The leader no longer qualifies or has left",
        FailedReview => "Failed the yearly review",
        FalseApplication => "False application material",
        UnitIncident => "Major safety or disciplinary incident at the host unit",
        Discontinued => "Studio merged, closed or inactive",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn every_invalid() -> Vec<Invalid> {
        use Invalid::*;
        let date = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or_default();
        vec![
            Required,
            NotInList {
                allowed: PersonStatus::LABELS,
            },
            IdExcelNumber,
            IdScientific,
            IdLegacy15,
            IdLength { len: 17 },
            IdBadChar { pos: 3, ch: 'O' },
            IdProvince { code: 9 },
            IdBirthNotReal {
                year: 2023,
                month: 2,
                day: 29,
            },
            IdBirthOutOfRange { date },
            IdCheckChar {
                expected: 'X',
                given: '5',
            },
            IdGenderMismatch {
                id: Gender::Male,
                given: Gender::Female,
            },
            IdBirthMismatch {
                id: date,
                given: date,
            },
            CreditExcelNumber,
            CreditLength { len: 3 },
            CreditBadChar { pos: 9, ch: 'I' },
            CreditCheckChar {
                expected: '3',
                given: '4',
            },
            Mobile,
            MoneyFormat,
            MoneyNotPositive,
            MoneyNegative,
            MoneyDecimals { max: 2 },
            MoneyOverflow,
            DateFormat,
            DateNotReal {
                year: 2023,
                month: 2,
                day: 29,
            },
            DateNumber,
            PeriodFormat,
            PeriodEndBeforeStart {
                from: "2026-06".to_string(),
                to: "2026-01".to_string(),
            },
            PeriodTooLong {
                months: 25,
                max: 24,
            },
            YearOutOfRange { year: 1899 },
            YearFormat,
            NotBool,
            Uncalculated,
            CountFormat,
            CountNegative,
            TermYears { years: 11 },
            CountFraction,
            CountTooLarge,
            PercentFormat,
            PercentDecimals,
            PercentOutOfRange,
        ]
    }

    #[test]
    fn every_reason_in_both_languages() {
        for e in every_invalid() {
            let (zh, en) = (reason(Lang::Zh, &e), reason(Lang::En, &e));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{e:?}");
            assert!(
                zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{e:?}: {zh}"
            );
        }
    }

    #[test]
    fn reasons_carry_their_data() {
        let e = Invalid::IdCheckChar {
            expected: 'X',
            given: '5',
        };
        assert_eq!(
            reason(Lang::Zh, &e),
            "校验位错误：应为 X，实为 5；请核对号码"
        );
        assert_eq!(
            reason(Lang::En, &e),
            "wrong check character: expected X, found 5; check the number for a typo"
        );
        assert_eq!(
            reason(Lang::Zh, &Invalid::IdExcelNumber),
            "Excel 把身份证号存成了数字，末几位已丢失；请把该列设为“文本”格式后重新录入"
        );
        assert_eq!(
            reason(Lang::Zh, &Invalid::IdProvince { code: 9 }),
            "前两位 09 不是有效的省份代码"
        );
        assert_eq!(
            reason(
                Lang::Zh,
                &Invalid::NotInList {
                    allowed: PersonStatus::LABELS
                }
            ),
            "无法识别；应为：在职、退休、去世、调离"
        );
        assert_eq!(
            reason(
                Lang::En,
                &Invalid::DateNotReal {
                    year: 2023,
                    month: 2,
                    day: 29
                }
            ),
            "there is no date 2023-02-29"
        );
        assert_eq!(
            reason(
                Lang::En,
                &Invalid::IdGenderMismatch {
                    id: Gender::Male,
                    given: Gender::Female
                }
            ),
            "gender 'female' does not match the ID number (male)"
        );
    }

    #[test]
    fn labels() {
        assert_eq!(
            PayoutCategory::HonorAllowance.label(Lang::En),
            "Model-worker honour allowance"
        );
        assert_eq!(
            PayoutCategory::HonorAllowance.label(Lang::Zh),
            "劳模荣誉津贴"
        );
        assert_eq!(StudioLevel::CityDemo.label(Lang::En), "City demonstration");
        assert_eq!(Title::CityMedal.label(Lang::Zh), "市五一劳动奖章");
        assert_eq!(gender_label(Lang::En, Gender::Female), "female");
        for c in RevocationCase::ALL {
            assert!(!c.label(Lang::En).is_empty());
        }
    }
}
