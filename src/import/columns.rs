//! The import columns of every record kind (SPEC §5): the Chinese header, the English alias, a
//! few synonyms seen in real ledgers, and whether the column is required. Header cells are
//! matched after [`normalise_header`], which drops spaces, folds full-width forms and removes a
//! unit in brackets (keeping the unit, so that `金额(万元)` scales the column).

use crate::domain::codes::{EightHave, ResultMetric};
use crate::i18n::Lang;

/// What a column holds, where that changes how a header is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Plain,
    /// Money: the header's unit (元 or 万元) scales the column.
    Money,
}

/// One importable column.
#[derive(Debug)]
pub struct Column {
    /// The English alias, also the stable key used in code and in JSON.
    pub key: &'static str,
    /// The Chinese header as SPEC §5 names it.
    pub zh: &'static str,
    /// Other headers seen in real ledgers for the same column.
    pub synonyms: &'static [&'static str],
    pub required: bool,
    pub ty: ColumnType,
}

const fn col(
    key: &'static str,
    zh: &'static str,
    synonyms: &'static [&'static str],
    required: bool,
) -> Column {
    Column {
        key,
        zh,
        synonyms,
        required,
        ty: ColumnType::Plain,
    }
}

const fn money(
    key: &'static str,
    zh: &'static str,
    synonyms: &'static [&'static str],
    required: bool,
) -> Column {
    Column {
        key,
        zh,
        synonyms,
        required,
        ty: ColumnType::Money,
    }
}

/// The record kinds `union import` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    People,
    Studios,
    StudioResults,
    Enterprises,
    Agreements,
    Payouts,
    Hardship,
    Unions,
    Carriers,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::People,
        Kind::Studios,
        Kind::StudioResults,
        Kind::Enterprises,
        Kind::Agreements,
        Kind::Payouts,
        Kind::Hardship,
        Kind::Unions,
        Kind::Carriers,
    ];

    /// The kind's name on the command line and in the batch list.
    pub fn code(self) -> &'static str {
        match self {
            Kind::People => "people",
            Kind::Studios => "studios",
            Kind::StudioResults => "studio-results",
            Kind::Enterprises => "enterprises",
            Kind::Agreements => "agreements",
            Kind::Payouts => "payouts",
            Kind::Hardship => "hardship",
            Kind::Unions => "unions",
            Kind::Carriers => "carriers",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::People => PEOPLE,
            Kind::Studios => STUDIOS,
            Kind::StudioResults => STUDIO_RESULTS,
            Kind::Enterprises => ENTERPRISES,
            Kind::Agreements => AGREEMENTS,
            Kind::Payouts => PAYOUTS,
            Kind::Hardship => HARDSHIP,
            Kind::Unions => UNIONS,
            Kind::Carriers => CARRIERS,
        }
    }
}

/// Declares an import kind's column table and, in module `$keys`, one constant per column
/// holding its key. Code names a column as `people::BIRTH_DATE`, never by a string: a mistyped
/// key, or a key the kind does not have, does not compile (a string key that names no column
/// would read as an empty cell).
macro_rules! import_columns {
    ($table:ident, $keys:ident { $($key:ident: $column:expr,)+ }) => {
        pub const $table: &[Column] = &[$($column),+];

        /// The keys of the kind's columns.
        pub mod $keys {
            use super::*;
            $(pub const $key: &str = $column.key;)+
        }
    };
}

/// The headers of the columns a rejects file adds: where each row came from. The same in both
/// languages, as 错误原因 is, so that the importer knows them and leaves them unread.
pub const REJECTS_SHEET_HEADER: &str = "原工作表";
pub const REJECTS_ROW_HEADER: &str = "原行号";

/// Headers that carry no data (a running number, a signature, or the columns a rejects file
/// adds — sheet, row, reason — when it is imported again): ignored without a warning.
pub const IGNORED_HEADERS: &[&str] = &[
    "序号",
    "编号",
    "no",
    "no.",
    "#",
    "seq",
    "错误原因",
    REJECTS_SHEET_HEADER,
    REJECTS_ROW_HEADER,
    "签字",
    "签名",
    "领取人签字",
    "signature",
];

/// Headers that `people list` and `studios list` write beside the import columns, holding
/// values derived from other records (the highest title, the current naming level): read
/// back, they are unknown columns with a warning, not columns that resemble an import column
/// (`最高荣誉` holds 荣誉, `当前级别` holds 级别).
pub const LIST_ONLY_HEADERS: &[&str] = &["最高荣誉", "当前级别", "八有"];

/// The wordings of 所属地区, the same for every kind.
const DISTRICT_WORDINGS: &[&str] = &["地区", "区域", "所属区域", "所在地区", "所在区域", "区县"];

import_columns! {
    PEOPLE, people {
        NAME: col("name", "姓名", &[], true),
        ID_NUMBER: col(
            "id_number",
            "身份证号",
            &["身份证号码", "公民身份号码", "身份证"],
            true,
        ),
        GENDER: col("gender", "性别", &["sex"], false),
        BIRTH_DATE: col("birth_date", "出生日期", &["出生年月"], false),
        MOBILE: col(
            "mobile",
            "手机号",
            &["手机", "手机号码", "联系电话", "phone"],
            false,
        ),
        WORK_UNIT: col("work_unit", "工作单位", &["单位", "所在单位"], false),
        DISTRICT: col("district", "所属地区", DISTRICT_WORDINGS, false),
        STATUS: col("status", "状态", &["人员状态"], false),
        RETIRED_ON: col("retired_on", "退休日期", &["退休时间"], false),
        DIED_ON: col("died_on", "去世日期", &["去世时间"], false),
        TRANSFERRED_ON: col(
            "transferred_on",
            "调离日期",
            &["调离时间", "调出日期"],
            false,
        ),
        HONOUR: col("honour", "荣誉称号", &["称号", "荣誉"], false),
        HONOUR_YEAR: col(
            "honour_year",
            "获评年份",
            &["获评时间", "授予年份", "年份"],
            false,
        ),
        AWARDED_BY: col("awarded_by", "授予机关", &["授予单位"], false),
        HONOUR_PLACE: col("honour_place", "授予地", &["授予地区", "place"], false),
        HONOUR_REVOKED_ON: col(
            "honour_revoked_on",
            "取消称号日期",
            &["撤销称号日期", "称号取消日期", "revoked_on"],
            false,
        ),
        HONOUR_REVOKED_REASON: col(
            "honour_revoked_reason",
            "取消原因",
            &["撤销称号原因", "取消称号原因", "revoked_reason"],
            false,
        ),
    }
}

/// The 八有 criteria, in the order of the standard: (column key, Chinese header), as the
/// vocabulary [`EightHave`] names them.
pub const EIGHT_HAVES: [(&str, &str); 8] = {
    let mut out = [("", ""); 8];
    let mut i = 0;
    while i < out.len() {
        out[i] = (EightHave::ALL[i].code(), EightHave::ALL[i].zh());
        i += 1;
    }
    out
};

import_columns! {
    STUDIOS, studios {
        NAME: col("name", "工作室名称", &["工作室"], true),
        KIND: col("kind", "类型", &["工作室类型"], true),
        LEADER_ID_NUMBER: col(
            "leader_id_number",
            "领衔人身份证号",
            &["领衔人身份证号码"],
            true,
        ),
        LEADER_NAME: col("leader_name", "领衔人", &["领衔人姓名"], false),
        HOST_UNIT: col("host_unit", "所属单位", &["依托单位", "所在单位"], false),
        CREDIT_CODE: col("credit_code", "统一社会信用代码", &["信用代码"], false),
        DISTRICT: col("district", "所属地区", DISTRICT_WORDINGS, false),
        FOUNDED_ON: col("founded_on", "成立日期", &["成立时间"], false),
        TEAM_SIZE: col("team_size", "团队人数", &["团队成员数"], false),
        HAS_MODEL: col(EIGHT_HAVES[0].0, EIGHT_HAVES[0].1, &[], false),
        HAS_TEAM: col(EIGHT_HAVES[1].0, EIGHT_HAVES[1].1, &[], false),
        HAS_PLACE: col(EIGHT_HAVES[2].0, EIGHT_HAVES[2].1, &[], false),
        HAS_RULES: col(EIGHT_HAVES[3].0, EIGHT_HAVES[3].1, &[], false),
        HAS_FUNDS: col(EIGHT_HAVES[4].0, EIGHT_HAVES[4].1, &[], false),
        HAS_PLAN: col(EIGHT_HAVES[5].0, EIGHT_HAVES[5].1, &[], false),
        HAS_ACTIVITIES: col(EIGHT_HAVES[6].0, EIGHT_HAVES[6].1, &[], false),
        HAS_RESULTS: col(EIGHT_HAVES[7].0, EIGHT_HAVES[7].1, &[], false),
        LEVEL: col("level", "命名级别", &["级别"], false),
        NAMED_ON: col("named_on", "命名日期", &["命名时间"], false),
        BATCH: col("batch", "批次", &["命名批次"], false),
    }
}

import_columns! {
    STUDIO_RESULTS, studio_results {
        STUDIO: col("studio", "工作室名称", &["工作室"], true),
        YEAR: col("year", "年份", &["年度"], true),
        TOPICS: col(
            ResultMetric::Topics.code(),
            "创新课题",
            &["创新课题数", "攻关课题"],
            false,
        ),
        PROBLEMS_SOLVED: col(
            ResultMetric::ProblemsSolved.code(),
            "解决技术难题",
            &["解决技术难题数", "解决难题"],
            false,
        ),
        TECH_IMPROVEMENTS: col(
            ResultMetric::TechImprovements.code(),
            "技术改造",
            &["技术改造项目", "技改项目"],
            false,
        ),
        PATENTS: col(
            ResultMetric::Patents.code(),
            "授权专利",
            &["授权专利数", "专利授权", "获得专利"],
            false,
        ),
        INVENTION_PATENTS: col(
            ResultMetric::InventionPatents.code(),
            "发明专利",
            &[
            "其中发明专利",
            "发明专利数",
            "其中:发明专利",
            "授权发明专利",
            ],
            false,
        ),
        TRAINED: col(
            ResultMetric::Trained.code(),
            "培训人次",
            &["培训职工人次", "培训职工"],
            false,
        ),
        UPGRADED: col(
            ResultMetric::Upgraded.code(),
            "提升技术等级人数",
            &["技能等级提升人数"],
            false,
        ),
        ECONOMIC_BENEFIT: money(
            "economic_benefit",
            "经济效益",
            &["创造经济效益", "创效"],
            false,
        ),
    }
}

import_columns! {
    ENTERPRISES, enterprises {
        NAME: col("name", "企业名称", &["单位名称"], true),
        CREDIT_CODE: col("credit_code", "统一社会信用代码", &["信用代码"], true),
        DISTRICT: col("district", "所属地区", DISTRICT_WORDINGS, false),
        INDUSTRY: col("industry", "行业", &["所属行业", "行业类别"], false),
        OWNERSHIP: col("ownership", "经济类型", &["企业类型"], false),
        EMPLOYEES: col("employees", "职工人数", &[], false),
        HAS_UNION: col("has_union", "是否建会", &["建会"], false),
        MEMBERS: col("members", "会员人数", &[], false),
        FORTUNE500: col("fortune500", "世界500强", &["是否世界500强"], false),
        WOMEN_CONTRACT: col(
            "women_contract",
            "女职工专项合同",
            &["女职工专项集体合同"],
            false,
        ),
        EMPLOYEE_DIRECTORS: col("employee_directors", "职工董事监事", &[], false),
        OPEN_AFFAIRS: col("open_affairs", "厂务公开", &[], false),
    }
}

import_columns! {
    AGREEMENTS, agreements {
        CREDIT_CODE: col("credit_code", "统一社会信用代码", &["信用代码"], true),
        ENTERPRISE_NAME: col("enterprise_name", "企业名称", &["单位名称"], false),
        SIGNED_ON: col("signed_on", "签订日期", &[], false),
        EFFECTIVE_FROM: col("effective_from", "生效日期", &[], true),
        EXPIRES_ON: col("expires_on", "到期日期", &["终止日期"], true),
        WORKERS_COVERED: col("workers_covered", "覆盖职工人数", &[], false),
        FORM: col("form", "协商形式", &[], false),
        WAGE_INCREASE: col("wage_increase", "工资增幅", &[], false),
        AGREEMENT_NO: col("agreement_no", "协议编号", &["合同编号", "协议号"], false),
    }
}

import_columns! {
    PAYOUTS, payouts {
        ID_NUMBER: col(
            "id_number",
            "身份证号",
            &["身份证号码", "公民身份号码"],
            true,
        ),
        NAME: col("name", "姓名", &["受领人"], true),
        CATEGORY: col(
            "category",
            "类别",
            &["发放类别", "项目", "慰问类别", "补助类别", "发放项目"],
            true,
        ),
        AMOUNT: money("amount", "金额", &["发放金额"], true),
        PAID_ON: col("paid_on", "发放日期", &["发放时间"], true),
        VOUCHER: col("voucher", "凭证号", &["凭证编号"], false),
        NOTE: col("note", "备注", &[], false),
        DISTRICT: col("district", "所属地区", DISTRICT_WORDINGS, false),
        STUDENT_NAME: col("student_name", "学生姓名", &["子女姓名", "受助学生"], false),
        STUDENT_ID_NUMBER: col(
            "student_id_number",
            "学生身份证号",
            &["学生身份证号码", "子女身份证号"],
            false,
        ),
        SCHOOL_STAGE: col(
            "school_stage",
            "学段",
            &["就读学段", "学历层次", "就读阶段"],
            false,
        ),
        PERIOD: col(
            "period",
            "所属期间",
            &["发放期间", "所属月份", "所属年月", "期间"],
            false,
        ),
    }
}

import_columns! {
    HARDSHIP, hardship {
        ID_NUMBER: col(
            "id_number",
            "身份证号",
            &["身份证号码", "公民身份号码"],
            true,
        ),
        NAME: col("name", "姓名", &[], true),
        TYPE: col("type", "困难类型", &["困难类别"], true),
        OPENED_ON: col("opened_on", "建档日期", &["建档时间"], true),
        CLOSED_ON: col("closed_on", "脱困日期", &["脱困时间"], false),
        CAUSE: col("cause", "致困原因", &[], false),
        DISTRICT: col("district", "所属地区", DISTRICT_WORDINGS, false),
        HOUSEHOLD: col("household", "户号", &["家庭户号", "家庭编号"], false),
        EXIT_REASON: col("exit_reason", "退出原因", &["脱困原因", "退档原因"], false),
        REVIEWED_ON: col(
            "reviewed_on",
            "复核日期",
            &["年审日期", "最近复核日期", "复核时间"],
            false,
        ),
        ANNUAL_INCOME: money(
            "annual_income",
            "家庭年收入",
            &["家庭年总收入", "年收入"],
            false,
        ),
        RIGID_EXPENSES: money(
            "rigid_expenses",
            "刚性支出",
            &["家庭刚性支出", "刚性支出合计"],
            false,
        ),
        HOUSEHOLD_SIZE: col(
            "household_size",
            "家庭人口",
            &["家庭人口数", "家庭成员人数"],
            false,
        ),
    }
}

import_columns! {
    UNIONS, unions {
        NAME: col("name", "工会名称", &["基层工会名称", "工会组织名称"], true),
        CREDIT_CODE: col(
            "credit_code",
            "统一社会信用代码",
            &["工会统一社会信用代码", "工会信用代码", "信用代码"],
            false,
        ),
        DISTRICT: col("district", "所属地区", DISTRICT_WORDINGS, false),
        FORM: col("form", "建会形式", &["组建形式", "建会方式"], false),
        UNIT_CREDIT_CODE: col(
            "unit_credit_code",
            "所在单位信用代码",
            &["所在单位统一社会信用代码", "单位信用代码"],
            false,
        ),
        UNITS_COVERED: col(
            "units_covered",
            "覆盖法人单位数",
            &["覆盖单位数", "覆盖法人单位", "覆盖单位"],
            false,
        ),
        FOUNDED_ON: col("founded_on", "成立日期", &["建会日期", "成立时间"], false),
        COMMITTEE_ON: col(
            "committee_on",
            "本届委员会成立日期",
            &["换届日期", "本届成立日期", "本届委员会产生日期"],
            false,
        ),
        TERM_YEARS: col("term_years", "届期", &["任期", "每届任期"], false),
        WORKERS: col("workers", "职工人数", &["职工数"], false),
        MEMBERS: col("members", "会员人数", &["会员数"], false),
        WOMEN_MEMBERS: col(
            "women_members",
            "女会员人数",
            &["女会员数", "其中女会员"],
            false,
        ),
        MIGRANT_MEMBERS: col(
            "migrant_members",
            "农民工会员人数",
            &["农民工会员数", "其中农民工会员"],
            false,
        ),
        CADRES: col(
            "cadres",
            "专职工会干部人数",
            &["专职工会干部", "专职干部人数"],
            false,
        ),
        HAS_CONGRESS: col(
            "has_congress",
            "职代会",
            &["职工代表大会", "建立职代会"],
            false,
        ),
        AS_OF: col("as_of", "统计日期", &["统计截止日期", "数据日期"], false),
    }
}

import_columns! {
    CARRIERS, carriers {
        NAME: col("name", "名称", &["载体名称", "书屋名称", "岗位名称"], true),
        TYPE: col("type", "类型", &["载体类型", "项目"], true),
        LEVEL: col("level", "级别", &["命名级别", "星级"], true),
        UNIT: col("unit", "单位", &["所在单位", "所属单位"], false),
        DISTRICT: col("district", "所属地区", DISTRICT_WORDINGS, false),
        NAMED_ON: col("named_on", "命名日期", &["命名时间"], false),
        BATCH: col("batch", "批次", &["命名批次"], false),
        LEADER_ID_NUMBER: col(
            "leader_id_number",
            "带头人身份证号",
            &["带头人身份证号码", "负责人身份证号"],
            false,
        ),
        LEADER_NAME: col("leader_name", "带头人", &["带头人姓名", "负责人"], false),
        CRITERIA_MET: col("criteria_met", "达标项", &["已达标准", "达到标准"], false),
    }
}

/// The column a field name given on the command line names (`union edit … 字段=值`, `--map
/// 表头=字段`): by its Chinese header, English alias or another wording.
pub fn column_named<'a>(
    columns: impl IntoIterator<Item = &'a Column>,
    name: &str,
) -> Option<&'a Column> {
    let (normalised, _) = normalise_header(name);
    columns.into_iter().find(|c| c.matches(&normalised))
}

/// The columns as a message lists them for a name that names none: `姓名(name)`.
pub fn column_list<'a>(lang: Lang, columns: impl IntoIterator<Item = &'a Column>) -> String {
    crate::i18n::list(
        lang,
        columns.into_iter().map(|c| format!("{}({})", c.zh, c.key)),
    )
}

/// An example value of column `key` of `kind`, as a ledger would write it (for
/// `union import KIND --columns`).
pub fn example(kind: Kind, key: &str) -> &'static str {
    match (kind, key) {
        (Kind::Carriers, "name") => "贾汪区大吴街道职工书屋",
        (Kind::Carriers, "type") => "职工书屋、模范职工之家、模范职工小家、星级示范岗、技能标兵",
        (Kind::Carriers, "level") => "区级、市级、省级、全国；一星、二星、三星",
        (Kind::Carriers, "unit") => "无锡华光集团有限公司",
        (Kind::Carriers, "leader_name") => "周建华",
        (Kind::People | Kind::Payouts | Kind::Hardship, "name") => "周建华",
        (Kind::People | Kind::Payouts | Kind::Hardship, "id_number") => "32020219620315951X",
        (_, "gender") => "男",
        (_, "birth_date") => "1962-03-15",
        (_, "mobile") => "13812345678",
        (_, "work_unit") => "无锡惠泽公共交通有限公司",
        (_, "district") => "梁溪区",
        (_, "status") => "在职、退休、去世、调离",
        (_, "retired_on" | "died_on" | "transferred_on" | "founded_on" | "signed_on") => {
            "2022-03-31"
        }
        (_, "honour") => "省劳动模范",
        (_, "honour_year" | "year") => "2025",
        (_, "awarded_by") => "江苏省人民政府",
        (_, "honour_place") => "江阴市",
        (_, "household") => "LX-2021-018",
        (_, "exit_reason") => "脱困、退休、调离、死亡、不再符合",
        (_, "reviewed_on") => "2025-12-20",
        (_, "annual_income") => "36000.00",
        (_, "rigid_expenses") => "12000.00",
        (_, "household_size") => "3",
        (_, "honour_revoked_on") => "2025-03-10",
        (_, "honour_revoked_reason") => "违纪被撤销称号",
        (Kind::Studios | Kind::StudioResults, "name" | "studio") => "周建华劳模创新工作室",
        (_, "kind") => "劳模创新工作室",
        (_, "leader_id_number") => "32020219620315951X",
        (_, "leader_name") => "周建华",
        (_, "host_unit") => "无锡惠泽公共交通有限公司",
        (_, "credit_code") => "91320200MA1MXXXX0X",
        (_, "team_size" | "employees" | "members" | "workers_covered") => "12",
        (_, "level") => "市级、无锡市劳模创新工作室",
        (_, "named_on") => "2018-05-01",
        (_, "batch") => "3、第3批",
        (_, "economic_benefit") => "767000.00",
        (
            _,
            "topics" | "problems_solved" | "tech_improvements" | "patents" | "invention_patents",
        ) => "2",
        (_, "trained" | "upgraded") => "120",
        (Kind::Enterprises | Kind::Agreements, "name" | "enterprise_name") => {
            "无锡华光集团有限公司"
        }
        (_, "industry") => "制造业",
        (_, "ownership") => "民营企业",
        (_, k) if k.starts_with("has_") => "是、否",
        (_, "fortune500" | "women_contract" | "employee_directors" | "open_affairs") => "是、否",
        (_, "effective_from") => "2025-01-01",
        (_, "expires_on") => "2027-12-31",
        (Kind::Unions, "form") => "单独建会、联合工会、区域性、行业性",
        (_, "form") => "单独、区域性、行业性",
        (_, "wage_increase") => "5.5%",
        (_, "agreement_no") => "锡梁溪区域〔2025〕3号",
        (_, "category") => "春节慰问",
        (_, "amount") => "800",
        (_, "paid_on") => "2026-01-20",
        (_, "period") => "2026-01~2026-06、2026年1月-6月、2026-03",
        (_, "voucher") => "FL2026-0001",
        (_, "note") => "2026年春节慰问",
        (_, "type") => "深度困难、相对困难、意外致困",
        (_, "opened_on") => "2024-01-05",
        (_, "closed_on") => "2025-12-31",
        (_, "cause") => "因病",
        (Kind::Unions, "name") => "无锡华光集团有限公司工会",
        (_, "criteria_met") => "有团队,有场地,有经费",
        (_, "unit_credit_code") => "91320200MA1MXXXX0X",
        (_, "units_covered") => "1",
        (_, "committee_on") => "2023-06-30",
        (_, "term_years") => "5",
        (_, "workers" | "women_members" | "migrant_members" | "cadres") => "12",
        (_, "has_congress") => "是、否",
        (_, "as_of") => "2025-12-31",
        (_, "student_name") => "周小明",
        (_, "student_id_number") => "320202200803151238",
        (_, "school_stage") => "高中、中职、大学、研究生",
        _ => "",
    }
}

/// A header cell reduced to what matching compares: no spaces, half-width forms, ASCII lower
/// case, and no trailing unit in brackets. Returns the name and the unit, if any.
pub fn normalise_header(raw: &str) -> (String, Option<String>) {
    let folded: String = raw
        .chars()
        .filter_map(|c| {
            let c = match c {
                '\u{3000}' => ' ',
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            (!c.is_whitespace()).then(|| c.to_ascii_lowercase())
        })
        .collect();
    // A unit in brackets at the end: 金额(元), 经济效益(万元), 工资增幅(%).
    for (open, close) in [('(', ')'), ('[', ']'), ('【', '】')] {
        if folded.ends_with(close) {
            if let Some(start) = folded.rfind(open) {
                if start > 0 {
                    let unit = folded[start + open.len_utf8()..folded.len() - close.len_utf8()]
                        .to_string();
                    return (folded[..start].to_string(), Some(unit));
                }
            }
        }
    }
    (folded, None)
}

impl Column {
    /// Whether a normalised header names this column. The wordings are written as
    /// `normalise_header` leaves them (a test holds them to it), so they compare as they are.
    pub fn matches(&self, normalised: &str) -> bool {
        normalised == self.key || normalised == self.zh || self.synonyms.contains(&normalised)
    }
}

#[cfg(test)]
mod tests {
    /// `union import KIND --columns` shows an example of every column: an example keyed by a
    /// string that names no column would be one nobody sees, and its column would show none.
    #[test]
    fn every_column_has_an_example() {
        for kind in Kind::ALL {
            for c in kind.columns() {
                assert_ne!(example(kind, c.key), "", "{kind:?} {}", c.key);
            }
        }
    }

    use super::*;

    #[test]
    fn wordings_are_written_normalised() {
        for kind in Kind::ALL {
            for c in kind.columns() {
                for w in std::iter::once(&c.zh).chain(c.synonyms) {
                    assert_eq!(normalise_header(w).0, *w, "{}", c.key);
                }
            }
        }
    }

    #[test]
    fn headers_fold_width_spaces_and_units() {
        assert_eq!(
            normalise_header(" 金额（元）"),
            ("金额".into(), Some("元".into()))
        );
        assert_eq!(
            normalise_header("经济效益(万元)"),
            ("经济效益".into(), Some("万元".into()))
        );
        assert_eq!(
            normalise_header("工资增幅(%)"),
            ("工资增幅".into(), Some("%".into()))
        );
        assert_eq!(normalise_header("身 份 证 号"), ("身份证号".into(), None));
        assert_eq!(normalise_header("ID_Number"), ("id_number".into(), None));
        assert_eq!(normalise_header("世界500强"), ("世界500强".into(), None));
        assert_eq!(normalise_header("(元)"), ("(元)".into(), None));
    }

    #[test]
    fn every_kind_has_unique_keys_and_headers() {
        for kind in Kind::ALL {
            let cols = kind.columns();
            for (i, a) in cols.iter().enumerate() {
                for b in &cols[i + 1..] {
                    assert_ne!(a.key, b.key, "{kind:?}");
                    assert!(
                        !b.matches(&normalise_header(a.zh).0),
                        "{kind:?}: {} vs {}",
                        a.zh,
                        b.zh
                    );
                }
            }
            assert!(cols.iter().any(|c| c.required));
        }
    }
}
