//! The message catalogue: every string a user reads, in Chinese (the default) and English.
//! A message without holes is a [`Msg`] constant (`Msg::Yes.text(lang)`); one with holes is a
//! struct in [`say`] whose fields name them (`say::NotFound { what: &x }.text(lang)`), its
//! templates `format!` strings checked at compile time. The language is always passed in.
//! Validation reasons (from `domain::invalid::Invalid`) are rendered in `reasons.rs`.

use std::fmt::Display;

mod eligibility;
mod reasons;
pub use eligibility::*;
pub use reasons::*;

use crate::domain::records::Refusal;

/// Why the store refused a row, in the user's language.
pub fn refusal(lang: Lang, r: &Refusal) -> String {
    match r {
        Refusal::StatusNeedsDate { status } => {
            let date = match status {
                crate::domain::codes::PersonStatus::Deceased => "去世日期",
                crate::domain::codes::PersonStatus::Transferred => "调离日期",
                _ => "退休日期",
            };
            say::ReasonStatusNeedsDate {
                status: &status.zh(),
                date: &date,
            }
            .text(lang)
        }
        Refusal::StatusAgainstDeath { status, died_on } => say::ReasonStatusAgainstDeath {
            status: &status.zh(),
            died_on,
        }
        .text(lang),
        Refusal::NameMismatch { on_file, row: None } => say::ReasonNameMismatch {
            on_file: &crate::domain::mask::name(on_file),
        }
        .text(lang),
        Refusal::NameMismatch {
            on_file,
            row: Some(row),
        } => say::ReasonNameMismatchRow {
            row,
            on_file: &crate::domain::mask::name(on_file),
        }
        .text(lang),
        Refusal::Conflict { row } => say::ReasonConflict { row }.text(lang),
        Refusal::LeaderUnknown => Msg::ReasonLeaderUnknown.text(lang).to_string(),
        Refusal::HeldElsewhere => Msg::ReasonHeldElsewhere.text(lang).to_string(),
        Refusal::OtherDistrict => Msg::ReasonOtherDistrict.text(lang).to_string(),
        Refusal::VoucherElsewhere => Msg::ReasonVoucherElsewhere.text(lang).to_string(),
        Refusal::KeyElsewhere => Msg::ReasonKeyElsewhere.text(lang).to_string(),
        Refusal::StudioUnknown => Msg::ReasonStudioUnknown.text(lang).to_string(),
        Refusal::EnterpriseUnknown => Msg::ReasonEnterpriseUnknown.text(lang).to_string(),
        Refusal::EnterpriseNameMismatch { on_file } => {
            say::ReasonEnterpriseNameMismatch { on_file }.text(lang)
        }
        Refusal::CarrierLeaderUnknown => Msg::ReasonCarrierLeaderUnknown.text(lang).to_string(),
        Refusal::ProgrammeUnknown => Msg::ReasonProgrammeUnknown.text(lang).to_string(),
        Refusal::LevelNotForProgramme { stars: true } => {
            Msg::ReasonLevelNeedsStars.text(lang).to_string()
        }
        Refusal::LevelNotForProgramme { stars: false } => {
            Msg::ReasonLevelNeedsTier.text(lang).to_string()
        }
        Refusal::UnionDatesOutOfOrder { row, as_of } => {
            say::ReasonUnionDatesOutOfOrder { row, as_of }.text(lang)
        }
        Refusal::AgreementNumberDates {
            effective_from,
            expires_on,
        } => say::ReasonAgreementNumberDates {
            effective_from,
            expires_on,
        }
        .text(lang),
        Refusal::StudioSubsidyByImport => Msg::ReasonStudioSubsidyByImport.text(lang).to_string(),
        Refusal::SubsidyWithoutNaming => Msg::ReasonSubsidyWithoutNaming.text(lang).to_string(),
        Refusal::PayoutRules(v) => clauses(lang, v.iter().map(|x| violation(lang, x))),
        Refusal::HardshipFileOpen { opened_on } => {
            say::ReasonHardshipFileOpen { opened_on }.text(lang)
        }
        Refusal::HouseholdFileOpen { name, opened_on } => say::ReasonHouseholdFileOpen {
            name: &crate::domain::mask::name(name),
            opened_on,
        }
        .text(lang),
        Refusal::HardshipTypeAgainstIncome {
            by_income,
            per_capita,
            param,
        } => say::ReasonHardshipTypeAgainstIncome {
            per_capita,
            by_income: &by_income.map_or(Msg::ReasonIncomeNoHardship.text(lang), |t| t.label(lang)),
            param: &eligibility::param_text(lang, param),
        }
        .text(lang),
    }
}

/// The user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Sets the language for the whole run (called once, from the command line).
/// A table as a message names it (its records' plural noun).
pub fn table_label(lang: Lang, table: &str) -> &'static str {
    match table {
        "people" => Msg::CountPeople,
        "honours" => Msg::CountHonours,
        "studios" => Msg::CountStudios,
        "studio_namings" => Msg::CountNamings,
        "studio_results" => Msg::CountResults,
        "enterprises" => Msg::CountEnterprises,
        "agreements" => Msg::CountAgreements,
        "payouts" => Msg::CountPayouts,
        "hardship_files" => Msg::CountHardship,
        "unions" => Msg::CountUnions,
        "union_figures" => Msg::CountUnionFigures,
        "carriers" => Msg::CountCarriers,
        "programmes" => Msg::CountProgrammes,
        "studio_revocations" => Msg::CountRevocations,
        "studio_advisers" => Msg::CountAdvisers,
        "studio_applications" => Msg::CountApplications,
        "policy_params" => Msg::CountPolicy,
        _ => Msg::CountBatches,
    }
    .text(lang)
}

/// The column label of a studio's yearly result count.
pub const fn result_metric(m: crate::domain::codes::ResultMetric) -> Msg {
    use crate::domain::codes::ResultMetric;
    match m {
        ResultMetric::Topics => Msg::ColTopics,
        ResultMetric::ProblemsSolved => Msg::ColProblemsSolved,
        ResultMetric::TechImprovements => Msg::ColTechImprovements,
        ResultMetric::Patents => Msg::ColPatents,
        ResultMetric::InventionPatents => Msg::ColInventionPatents,
        ResultMetric::Trained => Msg::ColTrained,
        ResultMetric::Upgraded => Msg::ColUpgraded,
    }
}

/// A usage error of the command line (clap's) in this run's language: `None` leaves it to clap
/// (English, and the kinds not worded here). The usage line and the suggestions clap found stay.
pub fn usage_error(lang: Lang, e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    if lang == Lang::En {
        return None;
    }
    let get = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let message = match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') && arg[1..].parse::<f64>().is_ok() => {
            say::UsageNegativeValue { arg: &arg }.text(lang)
        }
        ErrorKind::UnknownArgument => say::UsageUnknownArgument { arg: &arg }.text(lang),
        ErrorKind::InvalidSubcommand => say::UsageUnknownCommand {
            command: &get(ContextKind::InvalidSubcommand),
        }
        .text(lang),
        ErrorKind::InvalidValue => say::UsageInvalidValue {
            value: &get(ContextKind::InvalidValue),
            arg: &arg,
            valid: &match e.get(ContextKind::ValidValue) {
                Some(clap::error::ContextValue::Strings(values)) => list(lang, values),
                _ => get(ContextKind::ValidValue),
            },
        }
        .text(lang),
        ErrorKind::MissingRequiredArgument => say::UsageMissing { arg: &arg }.text(lang),
        ErrorKind::InvalidUtf8 => Msg::UsageInvalidUtf8.text(lang).to_string(),
        ErrorKind::ArgumentConflict => say::UsageConflict {
            arg: &arg,
            prior: &get(ContextKind::PriorArg),
        }
        .text(lang),
        ErrorKind::ValueValidation => {
            // The value parser's reason (`cli::values`: already in this language) follows.
            let mut m = say::UsageBadValue {
                arg: &arg,
                value: &get(ContextKind::InvalidValue),
            }
            .text(lang);
            if let Some(why) = std::error::Error::source(e) {
                m.push_str(Msg::Sep.text(lang));
                m.push_str(&why.to_string());
            }
            m
        }
        _ => return None,
    };
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(get)
    .find(|s| !s.is_empty());
    let mut text = format!(
        "{}{}{message}",
        Msg::ErrorPrefix.text(lang),
        Msg::Sep.text(lang)
    );
    if let Some(s) = suggested {
        text.push_str(&say::UsageDidYouMean { suggested: &s }.text(lang));
    }
    let usage = get(ContextKind::Usage);
    if !usage.is_empty() {
        text.push_str("\n\n");
        text.push_str(&usage.replacen("Usage: ", Msg::UsageWord.text(lang), 1));
    }
    text.push_str("\n\n");
    text.push_str(Msg::UsageMoreHelp.text(lang));
    Some(text)
}

/// A message without holes, in both languages: the catalogue below makes one constant each
/// (`Msg::Yes`). A message with holes is a struct in [`say`] whose fields are its holes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Msg {
    name: &'static str,
    zh: &'static str,
    en: &'static str,
}

impl Msg {
    /// The text in `lang`.
    pub const fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Msg {
    /// This message as a value to be said later, in the reader's language.
    pub fn said(self) -> Said {
        Said::new(self.name, move |lang| self.text(lang).to_owned())
    }
}

/// A message as a value: which catalogue entry, with its holes' values, to be put into words
/// only where the reader's language is known (`commands`, and `main` for an error). The store,
/// the import and the reports refuse with one of these (`bail!(say::DbMissing { db }.said())`)
/// and take no language. A cause (`because`) follows the message, as anyhow's context does.
/// Its `Display` is the Chinese text, for logs and tests; a reader sees [`error_text`].
pub struct Said {
    name: &'static str,
    words: Box<dyn Fn(Lang) -> String + Send + Sync>,
    cause: Option<anyhow::Error>,
}

impl Said {
    /// A message named `name` (its catalogue entry) worded by `words` in the language asked.
    /// For a message whose holes are themselves words (a list, a label): the catalogue's own
    /// `said()` covers every other.
    pub fn new(name: &'static str, words: impl Fn(Lang) -> String + Send + Sync + 'static) -> Said {
        Said {
            name,
            words: Box::new(words),
            cause: None,
        }
    }

    /// Items (table names, column names …) as one message, joined as a list is in `lang`.
    pub fn list(items: Vec<String>) -> Said {
        Said::new("ListSep", move |lang| items.join(Msg::ListSep.text(lang)))
    }

    /// Messages as one, joined as a list is in `lang`.
    pub fn all(items: Vec<Said>) -> Said {
        Said::new("ListSep", move |lang| {
            let words: Vec<String> = items.iter().map(|s| s.text(lang)).collect();
            words.join(Msg::ListSep.text(lang))
        })
    }

    /// The catalogue entry this message is.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The message in `lang`, without its cause.
    pub fn text(&self, lang: Lang) -> String {
        (self.words)(lang)
    }

    /// The same message, with what caused it (said after it).
    pub fn because(mut self, cause: impl Into<anyhow::Error>) -> Said {
        self.cause = Some(cause.into());
        self
    }
}

impl std::fmt::Debug for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}({})", self.name, self.text(Lang::Zh))
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::Zh))
    }
}

impl std::error::Error for Said {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_ref()
            .map(|c| &**c as &(dyn std::error::Error + 'static))
    }
}

/// An error as the reader sees it: each message in its chain, outermost first, in `lang`,
/// joined as anyhow's `{:#}` joins them. A library's cause that only repeats its neighbour
/// (SQLite's "file is not a database", then "Error code 26: file is not a database") is said
/// once, in its longer wording.
pub fn error_text(lang: Lang, err: &anyhow::Error) -> String {
    let mut parts: Vec<(String, bool)> = Vec::new();
    for e in err.chain() {
        let (text, ours) = match e.downcast_ref::<Said>() {
            Some(said) => (said.text(lang), true),
            None => (e.to_string(), false),
        };
        match parts.last_mut() {
            Some((last, false)) if !ours && last.contains(text.as_str()) => {}
            Some((last, false)) if !ours && text.contains(last.as_str()) => *last = text,
            _ => parts.push((text, ours)),
        }
    }
    let texts: Vec<String> = parts.into_iter().map(|(text, _)| text).collect();
    texts.join(": ")
}

/// The catalogue: `Name => "中文", "English";` is a [`Msg`] constant; `Name { a, b } =>
/// "…{a}…{b}…", "…{b}…{a}…";` is a struct `say::Name<'a> { a: &'a dyn Display, b: … }` whose
/// templates are `format!` strings, so a hole missing from either language, or one the message
/// does not declare, fails to compile. A count's noun in an English template is written
/// `{{row|rows}}`: the form agrees with the hole written just before it (singular when that value
/// is 1), so "read 1 row" and "read 2 rows" come from one template; Chinese needs no such marks.
macro_rules! catalogue {
    (@one $name:ident => $zh:literal, $en:literal) => {
        impl Msg {
            #[allow(non_upper_case_globals)]
            pub const $name: Msg = Msg { name: stringify!($name), zh: $zh, en: $en };
        }
    };
    (@one $name:ident { $($hole:ident),+ } => $zh:literal, $en:literal) => {
        #[derive(Clone, Copy)]
        pub struct $name<'a> {
            $(pub $hole: &'a dyn Display),+
        }

        impl $name<'_> {
            /// The message in `lang`.
            pub fn text(&self, lang: Lang) -> String {
                let $name { $($hole),+ } = *self;
                match lang {
                    Lang::Zh => format!($zh, $($hole = $hole),+),
                    Lang::En if $en.contains('|') => {
                        counted(&format!($en, $($hole = Counted($hole)),+))
                    }
                    Lang::En => format!($en, $($hole = $hole),+),
                }
            }

            /// The message as a value, its holes' values kept as written, to be said later
            /// in the reader's language.
            pub fn said(&self) -> super::Said {
                let $name { $($hole),+ } = *self;
                $(let $hole = $hole.to_string();)+
                super::Said::new(stringify!($name), move |lang| {
                    $name { $($hole: &$hole),+ }.text(lang)
                })
            }
        }
    };
    ($($name:ident $({ $($hole:ident),+ })? => $zh:literal, $en:literal;)*) => {
        /// The messages with holes, a struct each (the ones without are `Msg` constants).
        pub mod say {
            use super::{counted, Counted, Lang, Msg};
            use std::fmt::Display;

            $(catalogue!(@one $name $({ $($hole),+ })? => $zh, $en);)*

            /// Every message's name and templates (holes written `{name}`), for tests of the
            /// catalogue.
            pub const ALL: &[(&str, &str, &str)] = &[$((stringify!($name), $zh, $en)),*];
        }
    };
}

/// Around a value written into an English template with number marks: where it starts, and
/// whether it is 1 (`ONE`) or not (`MANY`), for [`counted`]. Private-use characters.
const VALUE: char = '\u{E000}';
const ONE: char = '\u{E001}';
const MANY: char = '\u{E002}';

/// A hole's value written between [`VALUE`] and [`ONE`]/[`MANY`].
struct Counted<'a>(&'a dyn Display);

impl Display for Counted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = self.0.to_string();
        let end = if value == "1" { ONE } else { MANY };
        write!(f, "{VALUE}{value}{end}")
    }
}

/// Resolves the number marks `{row|rows}` of a message written with [`Counted`] values: each
/// takes its singular when the value written just before it is 1. Marks inside values (a file
/// named `{a|b}`) stay as they are.
fn counted(written: &str) -> String {
    let mut out = String::with_capacity(written.len());
    let mut one = false;
    let mut in_value = false;
    let mut rest = written;
    while let Some(c) = rest.chars().next() {
        match c {
            VALUE => in_value = true,
            ONE | MANY => {
                in_value = false;
                one = c == ONE;
            }
            '{' if !in_value => {
                if let Some((singular, plural, after)) = number_mark(rest) {
                    out.push_str(if one { singular } else { plural });
                    rest = after;
                    continue;
                }
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `{row|rows}` at the start of `s`: its two forms and what follows it.
fn number_mark(s: &str) -> Option<(&str, &str, &str)> {
    let end = s.find('}')?;
    let inner = &s[1..end];
    if inner.contains(['{', VALUE, ONE, MANY]) || inner.matches('|').count() != 1 {
        return None;
    }
    let (singular, plural) = inner.split_once('|')?;
    Some((singular, plural, &s[end + 1..]))
}

/// Items of a list as this language writes them: `甲、乙、丙` / `a, b, c`.
pub fn list<S: AsRef<str>>(lang: Lang, items: impl IntoIterator<Item = S>) -> String {
    joined(lang, items, Msg::ItemSep)
}

/// Clauses one after another: `甲；乙` / `a; b`.
pub fn clauses<S: AsRef<str>>(lang: Lang, items: impl IntoIterator<Item = S>) -> String {
    joined(lang, items, Msg::PartSep)
}

fn joined<S: AsRef<str>>(lang: Lang, items: impl IntoIterator<Item = S>, sep: Msg) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep.text(lang));
        }
        out.push_str(item.as_ref());
    }
    out
}

catalogue! {
    // ---- general
    ErrorPrefix => "错误", "error";
    Sep => "：", ": ";
    InternalError => "内部错误（请把这条信息报告给开发者）", "internal error (please report this message to the developers)";
    WarningPrefix => "警告", "warning";
    Yes => "是", "yes";
    No => "否", "no";
    NotFound { what } => "未找到：{what}", "not found: {what}";
    Ambiguous { given, hint } => "“{given}”对应多条记录，请改用{hint}", "\"{given}\" matches several records; use {hint} instead";
    IdNumberWord => "身份证号", "the ID number";
    IdWord => "编号", "the id";
    CreditCodeWord => "统一社会信用代码", "the credit code";
    BadArgValue { arg, value, reason } => "参数 {arg} 的值“{value}”无效：{reason}", "{arg}: invalid value \"{value}\": {reason}";
    BadFilter { flag, value, reason } => "参数 --{flag} 的值“{value}”无效：{reason}", "--{flag}: invalid value \"{value}\": {reason}";
    CannotWrite { path } => "无法写入 {path}", "cannot write {path}";
    CannotRead { path } => "无法读取 {path}", "cannot read {path}";
    UnknownOutputExt { path } => "不支持的输出文件类型：{path}（可用 .csv、.xlsx、.json）", "unsupported output file type: {path} (use .csv, .xlsx or .json)";
    Written { path, records } => "已写入 {path}（{records} 条）", "wrote {path} ({records} {{record|records}})";
    XlsxCellTooLong { row, column, chars, max } => "第{row}行“{column}”列有 {chars} 个字符，超过 Excel 单元格的上限 {max}：请改用 CSV 输出（-o 文件.csv）", "row {row}, column \"{column}\" holds {chars} {{character|characters}}, more than an Excel cell's limit of {max}: write CSV instead (-o FILE.csv)";
    SheetContinued { full, records, next } => "工作表“{full}”已写满 {records} 条（Excel 每张表的上限），其余接着写在工作表“{next}”", "sheet \"{full}\" is full at {records} {{record|records}} (Excel's limit for one sheet); the rest go on in sheet \"{next}\"";
    NoRecords => "（无记录）", "(no records)";
    EmptyValue => "（空）", "(empty)";
    HonoursRelevelled { honours } => "已按新的设置重新确定 {honours} 条荣誉的授予地和级别（县级市的称号为区县级）", "{honours} {{honour|honours}} placed and levelled again by the new setting (a county-level city's titles are county level)";
    OutputIsDatabase { output, database } => "输出文件 {output} 就是数据库 {database}（或它的附属文件）：写入会毁掉数据，已拒绝，什么都没有改动；请另选文件名", "the output {output} is the database {database} (or one of its side files): writing it would destroy data, so nothing was touched; choose another name";
    OutputIsInput { output, input } => "输出文件 {output} 就是正在读取的文件 {input}：写入会毁掉它，已拒绝，什么都没有改动；请另选文件名", "the output {output} is the file being read, {input}: writing it would destroy it, so nothing was touched; choose another name";
    OutputIsDirectory { output } => "输出路径 {output} 是一个目录：请给出文件名", "the output {output} is a directory: give a file name";

    // ---- database
    DbMissing { db } => "数据库文件 {db} 不存在：先运行 union init，或用 --db 指定文件", "database {db} does not exist: run `union init` first, or pass --db";
    DbIsDirectory { db } => "{db} 是一个目录，不是数据库文件", "{db} is a directory, not a database file";
    DbCannotCreate { db } => "无法创建数据库文件 {db}", "cannot create database file {db}";
    DbCannotOpen { db } => "无法打开数据库 {db}（文件损坏或不是 SQLite 数据库？）", "cannot open database {db} (damaged, or not an SQLite database?)";
    DbTooNew { db, found, known } => "数据库 {db} 由更新版本的 union 写入（结构版本 {found}，本程序支持 {known}）：请升级 union，不要用旧版本修改它", "database {db} was written by a newer union (schema version {found}, this program knows {known}): upgrade union rather than modify it with this version";
    PostgresNotReady { db } => "{db} 是 PostgreSQL 数据库：这一支持尚在开发中，不是每个命令都能在上面运行。要试用，请设置 UNION_EXPERIMENTAL_POSTGRES=1，不要在其中保存正式记录", "{db} is a PostgreSQL database: support for it is still being built, and not every command runs on it. To try it, set UNION_EXPERIMENTAL_POSTGRES=1, and keep no real records in it";
    DbCannotOpenServer { db } => "无法连接数据库 {db}", "cannot connect to database {db}";
    DbNotOurs { db } => "{db} 不是 union 数据库（文件头的程序标识、结构版本或表与 union 不符）：已拒绝，文件未改动", "{db} is not a union database (its application id, schema version or tables are not union's): refused, the file is unchanged";
    DbUninitialised { db } => "数据库文件 {db} 是空的，尚未初始化：先运行 union init（本命令不会创建数据库）", "database file {db} is empty, not initialised: run `union init` first (this command does not create databases)";
    DbPostgresTooOld { found, first } => "这个 PostgreSQL 库的结构版本是 {found}，而 PostgreSQL 上的库最早是版本 {first}：它不是 union 建立的，无法升级", "this PostgreSQL database says schema version {found}, but union made its first PostgreSQL databases at version {first}: it was not made by union and cannot be upgraded";
    DbUpgradeDrift { drift } => "升级后的数据库结构与新建的库不同（{drift}）：没有升级，数据库没有任何改动", "after the upgrade the database's structure would differ from a new database's ({drift}): nothing was upgraded or changed";
    DbNeedsUpgrade { db } => "数据库 {db} 需要升级，请先运行 union init", "database {db} needs an upgrade: run `union init` first";
    DbUpgradeDangling { tables } => "数据库升级中止：表 {tables} 中有记录指向不存在的记录；数据库仍是旧版本，没有改动任何记录", "the upgrade stopped: records in {tables} refer to records not on file; the database stays at its old version, no record changed";
    OfficeNeedsPostgres => "union office 只用于 PostgreSQL 上的全市数据库：一个 SQLite 库文件只属于一个办公室，没有下属办公室（它的所属地区用 union init --district 设定）", "`union office` is for a city-wide database on PostgreSQL: a SQLite file is one office's and has no offices under it (its district is set with `union init --district`)";
    OfficeCityOnly => "只有市总工会的管理员（本库的 city 角色）可以添加或列出办公室：当前登录的角色不是", "only the city federation's administrators (this database's city role) add or list offices: the role logged in is not one";
    OfficeBadLogin { login } => "登录名“{login}”不可用：只能用小写英文字母、数字和下划线，不以数字或 pg_ 开头，不以 _city 或 _office 结尾（那是各库的组角色名），最多 63 个字符", "the login \"{login}\" cannot be used: lower-case letters, digits and _ only, not starting with a digit or pg_, not ending in _city or _office (the names of a database's group roles), at most 63 characters";
    OfficeNotAllowed { what } => "本登录在这个数据库里没有这项权限，没有写入任何内容（数据库：{what}）。办公室只能改本地区的记录，市级的政策参数、设置、慰问活动和载体项目只有市总工会能改；初始化、升级和 log --accept 要由拥有这个库的市总工会管理员运行", "this login may not do that in this database, and nothing was written (the database said: {what}). An office changes only its district's records, and the city's policy parameters, settings, campaigns and carrier programmes only the city; init, upgrades and log --accept are run by the city administrator who owns the database";
    OfficeGroupRoleIsLogin { role } => "服务器上已有一个能登录的角色 {role}：这个名字是本库的组角色名，union 不能把一个登录名当作市总工会或办公室的组角色。请换一个库名，或由服务器管理员改掉这个登录名；没有写入任何内容", "the server already has a role {role} that can log in: that is the name of this database's group role, and union will not take a login for the city's or the offices' group role. Choose another database name, or have the server's administrator rename that login; nothing was written";
    OfficeDistrictEmpty => "地区不能为空", "the district is empty";
    OfficeAdded { district, login } => "已添加{district}办公室，登录名 {login}：它只能查看和修改{district}的记录", "added the office of {district}, login {login}: it sees and changes only {district}'s records";
    OfficeNewPassword { district, login } => "{login} 已是{district}的办公室：已改用新密码，旧密码从此不能登录", "{login} is already the office of {district}: its password is now the new one, and the old one no longer logs in";
    OfficeExists { district, login } => "{login} 已是{district}的办公室，未改动", "{login} is already the office of {district}: nothing changed";
    OfficeOtherDistrict { login } => "登录名 {login} 已是另一地区的办公室：请换一个登录名", "the login {login} is already another district's office: choose another login";
    OfficeRoleTaken { login } => "数据库服务器上已有名为 {login} 的角色，且不是本库的办公室（角色是整个服务器共用的）：请换一个登录名", "the server already has a role named {login} that is not an office of this database (roles are the whole server's): choose another login";
    OfficePasswordSet => "密码已设定：发给服务器的只是在本机算出的 SCRAM-SHA-256 校验值，明文不离开本机，也不记入日志", "password set: only the SCRAM-SHA-256 verifier computed on this machine was sent to the server; the clear text never leaves it and is not logged";
    OfficeNoPassword => "未设密码：在设定之前，这个登录名不能用密码登录（添加时用 --password-stdin 从标准输入读入密码）", "no password set: until one is, this login cannot sign in with a password (give one on standard input with --password-stdin when adding)";
    OfficePasswordMissing => "标准输入没有读到密码（--password-stdin 读第一行）", "no password on standard input (--password-stdin reads the first line)";
    OfficesNone => "还没有办公室（用 union office add 地区 --login 登录名 添加）", "no offices yet (add one with `union office add DISTRICT --login LOGIN`)";
    LogOfficeRowsChanged { table, rows_total } => "数据在 union 之外被改动过：表 {table} 中本地区有 {rows_total} 行与 union 写入时的印记不符", "the data was changed outside union: table {table} holds {rows_total} {{row|rows}} of this district unlike the print union wrote of {{it|them}}";
    ResealCityOnly => "这次写入要重新封印所有表（初始化、设定审计密钥或接受现状），需要看到全市每一条记录：只有市总工会能做，办公室不能", "this write seals every table afresh (creation, a new audit key, or accepting the data as it is), which needs every record of the city: only the city can, not an office";
    LogOfficeScope { district } => "以{district}办公室的身份核验：已核对整条日志链，以及本地区每一条记录与写入时的印记；各表的总和含其他地区的记录，只有市总工会能核验", "verified as the office of {district}: the whole chain, and each of this district's records against the print written with it; the sums of whole tables include other districts' records and only the city can verify them";
    InitDone { db, version } => "数据库 {db} 已就绪（结构版本 {version}）", "database {db} is ready (schema version {version})";

    // ---- import
    ImportOpenFailed { path, why } => "无法读取 {path}：{why}", "cannot read {path}: {why}";
    SourceNotFound => "文件不存在", "no such file";
    SourceIsDirectory => "这是一个目录", "it is a directory";
    SourceEmpty => "文件是空的", "the file is empty";
    SourceUnsupportedExt { extension } => "不支持的文件类型“{extension}”（可用 .csv .tsv .txt .xlsx .xlsm .xls）", "unsupported file type \"{extension}\" (use .csv .tsv .txt .xlsx .xlsm .xls)";
    SourceUnsupportedEncoding { encoding } => "文件是 {encoding} 编码，请在 Excel 中另存为“CSV UTF-8”或 CSV（GBK）", "the file is {encoding}-encoded: save it from Excel as \"CSV UTF-8\" or CSV (GBK)";
    SourceBrokenArchive { format } => "工作簿无法读取：{format} 文件是一个 ZIP 压缩包，这个压缩包不完整（文件损坏或被截断）；请用 Excel 或 WPS 打开它另存一份再导入", "the workbook cannot be read: an {format} file is a ZIP archive, and this one is incomplete (damaged or cut short); open it in Excel or WPS, save a copy and import that";
    SourceWorkbook { detail } => "工作簿无法读取（文件损坏或被截断？）：{detail}", "the workbook cannot be read (damaged or truncated?): {detail}";
    SourceWorkbookAfterRow { row, detail } => "工作簿在第{row}行之后无法继续读取（文件损坏或被截断？）：{detail}", "the workbook cannot be read past row {row} (damaged or truncated?): {detail}";
    SourceNotAWorkbook { format } => "不是 {format} 工作簿（可能是改了扩展名的其他文件）", "not a {format} workbook (another kind of file with a renamed extension?)";
    SourcePassword => "工作簿有密码保护：请在 Excel 中取消密码后另存", "the workbook is password-protected: remove the password in Excel and save again";
    SourceNoSheets => "工作簿中没有工作表", "the workbook has no sheets";
    SourceUndecodable { column, encoding } => "第{column}列含有无法按 {encoding} 解码的字节（编码不对？可用 --encoding 指定）", "column {column} has bytes that are not valid {encoding} (wrong encoding? try --encoding)";
    SourceUnterminatedQuote { row } => "从第{row}行开始的引号没有闭合，其后的内容都被吞掉了", "a quote opened on row {row} never closes: the rest of the file was swallowed";
    SourcePartTooLarge { part, max_mib } => "工作簿中的 {part} 解压后超过 {max_mib} MiB（“压缩炸弹”或损坏的文件？）：已拒绝，没有读取", "the workbook's part {part} inflates past {max_mib} MiB (a \"zip bomb\", or a damaged file?): refused, nothing was read";
    SourceRecordTooLong { row, max_mib } => "从第{row}行开始的一行超过 {max_mib} MiB 仍未结束（引号没有闭合，或文件不是台账？）：其后的内容没有读取", "the row starting at row {row} runs past {max_mib} MiB without ending (an unclosed quote, or not a ledger?): the rest was not read";
    SourceEncodingChanged { row, encoding } => "从第{row}行起编码变了：文件按 {encoding} 读取，这一行却是 UTF-8（文件由两种编码的内容拼成？）；其后的行没有读取。请在 Excel 或 WPS 中整个另存为“CSV UTF-8”再导入", "the encoding changes at row {row}: the file is read as {encoding} but this row is UTF-8 (pasted together from two encodings?); the rows after it were not read. Save the whole file as \"CSV UTF-8\" and import it again";
    SourceSheetNotFound { name, has } => "没有名为“{name}”的工作表；现有工作表：{has}", "no sheet named \"{name}\"; the workbook has: {has}";
    SourceIo { source } => "读取出错：{source}", "read error: {source}";
    HeaderNotFound { file, rows, example } => "{file}：前 {rows} 行中找不到表头（应含“{example}”等列）", "{file}: no header row among the first {rows} {{row|rows}} (expected columns such as \"{example}\")";
    HeaderMissing { file, missing } => "{file}：缺少必填列：{missing}", "{file}: required columns missing: {missing}";
    HeaderMissingLike { header, field } => "  列“{header}”像是“{field}”：是的话加 --map '{header}={field}'", "  column \"{header}\" looks like \"{field}\": if it is, add --map '{header}={field}'";
    HiddenColumnsRead { file, columns } => "{file}：隐藏的列照样读入：{columns}", "{file}: hidden columns are read too: {columns}";
    HeaderBothHold { file, first, first_header, second, second_header, field } => "{file}：{first}列“{first_header}”和{second}列“{second_header}”都是“{field}”", "{file}: column {first} \"{first_header}\" and column {second} \"{second_header}\" both hold \"{field}\"";
    HeaderDuplicate { second } => "（其中一列可能是隐藏的旧列）：请删除或改名其中一列，或按列字母不读其中一列，如 --ignore-column {second}", " (one may be an old hidden column): delete or rename one of them, or leave one out by its letter, e.g. --ignore-column {second}";
    HeaderBadUnit { file, header, unit } => "{file}：列“{header}”的单位“{unit}”不支持（可用 元 或 万元）", "{file}: column \"{header}\" has unit \"{unit}\"; use 元 or 万元";
    UnknownColumns { file, columns } => "{file}：以下列无法识别，已忽略：{columns}", "{file}: unknown columns ignored: {columns}";
    RowIssue { file, row, column, value, reason } => "{file} 第{row}行 “{column}”列 值“{value}”：{reason}", "{file} row {row}, column \"{column}\", value \"{value}\": {reason}";
    RowIssueNoColumn { file, row, reason } => "{file} 第{row}行：{reason}", "{file} row {row}: {reason}";
    TotalRowSkipped { file, row } => "{file} 第{row}行是合计行，已跳过", "{file} row {row} is a totals row: skipped";
    MergedCellsRead { file, cells, ranges } => "{file}：{cells} 处上下合并的单元格按所覆盖的每一行读入（{ranges}）", "{file}: {cells} vertically merged {{cell is|cells are}} read on every row {{it covers|they cover}} ({ranges})";
    ImportOtherKind { file, other, other_known, kind, known, other_code } => "{file}：表头更像{other}台账（认得 {other_known} 列，按{kind}台账只认得 {known} 列）：请用 union import {other_code} 导入；确实要按所给类型导入，加 --kind-anyway", "{file}: the header fits a ledger of {other} better ({other_known} {{column|columns}} known; as {kind}, {known}): import it with union import {other_code}, or add --kind-anyway to import it as given";
    FileSheet { file, sheet } => "{file} 工作表“{sheet}”", "{file} sheet \"{sheet}\"";
    HeaderDuplicateHidden { hidden } => "，其中{hidden}列是隐藏列（多半是不用的旧列）：不读它就加 --ignore-column {hidden}，或在表格中删除它", "; column {hidden} is hidden (most likely an old one): add --ignore-column {hidden} to leave it out, or delete it from the sheet";
    IgnoreAmbiguous { file, header, letters, letter } => "{file}：--ignore-column “{header}” 对应不止一列（{letters}列）：请用列字母指定，如 --ignore-column {letter}", "{file}: --ignore-column \"{header}\" names more than one column ({letters}): give the column letter, e.g. --ignore-column {letter}";
    HintNamesNothing { file, given } => "{file}：没有表头或列为“{given}”，这一项 --map/--ignore-column 不起作用", "{file}: no header or column \"{given}\": that --map/--ignore-column does nothing";
    OtherSheetsNotRead { file, sheet, others } => "{file}：读入工作表“{sheet}”；其余工作表（{others}）未读入：要一并导入用 --sheet all，或用 --sheet 指定", "{file}: reading sheet \"{sheet}\"; the other sheets ({others}) are not read: add --sheet all to import them too, or --sheet NAME";
    ReadWithDelimiter { file, delimiter } => "{file} 的各列以{delimiter}分隔，不是逗号：已照此读取", "{file} separates its columns with {delimiter}, not commas: read that way";
    DelimiterSemicolon => "分号", "semicolons";
    DelimiterTab => "制表符", "tabs";
    SheetOfText { file } => "{file} 是文本文件，没有工作表：--sheet 不起作用", "{file} is a text file with no sheets: --sheet does nothing";
    SamePayoutTwice { file, row, earlier } => "{file} 第{row}行与第{earlier}行是同一笔发放（人、类别、金额、日期、凭证号都相同），只记一笔；若确是两笔，请填写不同的凭证号", "{file} row {row} is the same payout as row {earlier} (person, category, amount, date and voucher alike) and is kept once; if it is a second payment, give it its own voucher";
    DataBelowFooter { row } => "在表尾签字行（第{row}行）之下，却像数据一样填了多列：请把这一行移到合计行之上，或删除", "below the sheet's signature lines (row {row}) yet filled in like data: move it above the totals row, or delete it";
    HeaderRowSkipped { file, row } => "{file} 第{row}行是重复的表头，已跳过", "{file} row {row} repeats the header: skipped";
    UnnamedColumns { file, columns } => "{file}：以下列没有表头，其中的值未读入：{columns}；要读入请补上表头", "{file}: these columns have no header and their values were not read: {columns}; give them a header to read them";
    ColumnAtRow { column, row } => "{column}列（第{row}行起）", "column {column} (from row {row})";
    AndMore { first, more } => "{first} 等（另有 {more} 列）", "{first} and {more} more";
    ColumnResembles { file, header, field } => "{file}：列“{header}”无法识别，但像是“{field}”，照此导入这一列的数据会丢失：是这一项就加 --map '{header}={field}'，不要这一列就加 --ignore-column '{header}'", "{file}: column \"{header}\" is not recognised but looks like \"{field}\"; importing as is would lose its data: add --map '{header}={field}' if it is that field, or --ignore-column '{header}' to leave it out";
    MapBadArgument { given } => "--map “{given}” 不是 表头=字段 的形式", "--map \"{given}\" is not HEADER=FIELD";
    MapUnknownField { field, known } => "--map：没有“{field}”这一项；可用的有：{known}", "--map: no field \"{field}\"; the fields are: {known}";
    FooterSkipped { file, rows } => "{file} 第{rows}行是表尾签字行（填表人、审核人等），已跳过", "{file} rows {rows} are the sheet's footer (填表人, 审核人 …): skipped";
    FooterSkippedOne { file, row } => "{file} 第{row}行是表尾签字行（填表人、审核人等），已跳过", "{file} row {row} is the sheet's footer (填表人, 审核人 …): skipped";
    MoreRefusals { more } => "……另有 {more} 处错误未显示（用 --rejects 文件查看全部）", "… {more} more {{refusal|refusals}} not shown (use --rejects to get them all)";
    NoDataRows { path } => "{path} 的表头下没有数据行，未写入任何记录（是不是选错了文件或工作表？工作簿可用 --sheet 指定）", "{path} has no data rows under its header: nothing was written (the wrong file or sheet? --sheet names a workbook's sheet)";
    NothingWritten => "有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）", "rows were refused, so nothing was written (fix them and import again, or use --skip-invalid to import the valid rows)";
    RejectsWritten { path } => "不合格的行已写入 {path}：改正后可直接重新导入", "refused rows written to {path}: fix them and import that file again";
    DryRunNote => "试运行：未写入任何数据", "dry run: nothing was written";
    ImportSummary { rows, added, updated, unchanged, refused, skipped } => "读取 {rows} 行：新增 {added}，更新 {updated}，未变 {unchanged}，不合格 {refused}，跳过 {skipped}", "read {rows} {{row|rows}}: {added} added, {updated} updated, {unchanged} unchanged, {refused} refused, {skipped} skipped";
    ImportSummaryNothingWritten { rows, refused, skipped } => "读取 {rows} 行：不合格 {refused}，跳过 {skipped}；未写入任何记录", "read {rows} {{row|rows}}: {refused} refused, {skipped} skipped; nothing was written";
    ImportSummaryBatch { batch } => "；批次 {batch}", "; batch {batch}";
    ProgressImporting => "导入中", "importing";
    ProgressCopying => "复制中", "copying";
    ColTable => "表", "Table";
    ColRowsCopied => "行数", "Rows";
    RejectReasonHeader => "错误原因", "错误原因";
    // row-level reasons
    ReasonRequired => "必填", "required";
    ReasonNameMismatchRow { row, on_file } => "姓名与本文件第{row}行给这个身份证号的姓名（{on_file}）不一致", "the name differs from the one row {row} of this file gives for this ID number ({on_file})";
    ReasonNameMismatch { on_file } => "姓名与该身份证号已登记的姓名（{on_file}）不一致", "the name differs from the one on file for this ID number ({on_file})";
    ReasonTitleWithoutLetters => "名称里没有汉字或字母（是数字、公式或公式的结果？）", "a name needs a Chinese character or a letter (is it a number, a formula or a formula's result?)";
    ReasonStudentNotEducationAid => "学生和学段只用于金秋助学（类别不是金秋助学）", "a student and school stage are for education aid only (the category is not education aid)";
    ReasonConflict { row } => "与本文件第{row}行的同一记录内容不一致", "conflicts with row {row} of this file for the same record";
    ReasonDiedBeforeRetired => "去世日期早于退休日期", "date of death is before the retirement date";
    ReasonStatusDates { status, date } => "状态为“{status}”，但填写了{date}", "status is \"{status}\" but {date} is filled in";
    ReasonHonourFieldsWithoutTitle => "填写了获评年份、授予机关、授予地或取消称号日期，但没有荣誉称号", "an honour year, awarding body, place or revocation date is given without a title";
    ReasonExitRequired => "填写了脱困日期，须写明退出原因（脱困、退休、调离、死亡、不再符合）", "a closing date needs its reason (退出原因: 脱困, 退休, 调离, 死亡, 不再符合)";
    ReasonExitWithoutClosing => "写了退出原因，但没有脱困日期", "an exit reason is given without a closing date";
    ReasonIncomeIncomplete => "家庭年收入与家庭人口须一起填写（家庭人口至少1人）", "the family's yearly income and its size go together (a size of 1 at least)";
    ReasonHardshipFileOpen { opened_on } => "此人已有未脱困的困难档案（建档日期 {opened_on}）：一人同时只能有一份在档档案，请先办理脱困或修改那一份", "this person already has an open hardship file (opened on {opened_on}): one open file per person; close or correct that one first";
    ReasonHouseholdFileOpen { name, opened_on } => "同一户号的 {name} 已有未脱困的困难档案（建档日期 {opened_on}）：一户只建一份档案", "{name} of the same household already has an open hardship file (opened on {opened_on}): one file per household";
    ReasonHardshipTypeAgainstIncome { per_capita, by_income, param } => "与家庭收入不符：扣除刚性支出后人均月收入 {per_capita} 元，按收入应为“{by_income}”（{param}；低于1倍为深度困难，低于2倍为相对困难）", "contradicts the family's income: {per_capita} yuan per person per month after rigid expenses gives \"{by_income}\" ({param}; below 1× deep, below 2× relative)";
    ReasonIncomeNoHardship => "不符合困难职工条件", "not in hardship";
    ReasonHonourPlaceDiffers { place } => "与称号中的授予地“{place}”不一致", "differs from the place the title names, \"{place}\"";
    ReasonRevokedBeforeAward { year } => "早于获评年份 {year}", "before the year the honour was awarded, {year}";
    ReasonStatusAgainstDeath { status, died_on } => "状态为“{status}”，但已登记去世日期 {died_on}；如系误录，请用 union edit people 身份证号 状态=… --clear 去世日期 改正", "status is \"{status}\" but a date of death ({died_on}) is on file; if it was recorded by mistake, correct it with union edit people ID 状态=… --clear 去世日期";
    ReasonStatusNeedsDate { status, date } => "状态为“{status}”，须填写{date}", "status is \"{status}\": {date} is required";
    ReasonDateInFuture => "日期晚于今天", "the date is after today";
    ReasonHeldElsewhere => "该身份证号已在其他地区登记（一个人全市只登记一次）：本办公室不能查看或修改那条记录，请与市总工会核实", "this ID number is on file in another district (a person is on file once city-wide): this office can neither see nor change that record; check with the city federation";
    ReasonOtherDistrict => "这一行写的记录不属于本办公室的地区（所属地区，或它指向的人员、工作室、企业、工会是其他地区的）：办公室只能写本地区的记录", "this row would write a record outside the office's district (its district, or the person, studio, enterprise or union it points at, is another district's): an office writes only its own district's records";
    ReasonVoucherElsewhere => "该凭证号已用在其他地区的发放记录上（凭证号全市唯一）：本办公室不能查看或修改那条记录，请换一个凭证号或与市总工会核实", "this voucher is on a payout of another district (vouchers are unique city-wide): this office can neither see nor change that record; use another voucher or check with the city federation";
    ReasonKeyElsewhere => "这条记录已在其他地区登记（信用代码、工作室和工会的名称全市只登记一次）：本办公室不能查看或修改它，请与市总工会核实", "this record is on file in another district (credit codes and the names of studios and unions are on file once city-wide): this office can neither see nor change it; check with the city federation";
    ReasonLeaderUnknown => "领衔人未登记：请先导入人员，或在“领衔人”列填写姓名", "the leader is not on file: import them first, or fill in the 领衔人 column";
    ReasonStudioUnknown => "工作室未登记：请先导入工作室", "no such studio on file: import the studios first";
    ReasonEnterpriseUnknown => "企业未登记：请先导入企业，或在“企业名称”列填写名称", "no such enterprise on file: import it first, or fill in 企业名称";
    ReasonNamingIncomplete => "命名级别、命名日期须同时填写", "命名级别 and 命名日期 must be given together";
    ReasonExpiresBeforeEffective => "到期日期早于生效日期", "expiry date is before the effective date";
    ReasonClosedBeforeOpened => "脱困日期早于建档日期", "closing date is before the opening date";
    ReasonReviewedBeforeOpened => "复核日期早于建档日期", "the review date is before the file was opened";
    ReasonStageNotAided => "金秋助学资助高中（含中职）及以上学段的学生，初中、小学不在资助范围", "education aid (金秋助学) is for students from high school (vocational included) up: 初中 and 小学 are not aided";
    ReasonInventionOverPatents => "发明专利数大于授权专利数", "more invention patents than authorised patents";
    ReasonMembersOverEmployees => "会员人数大于职工人数", "more union members than employees";
    ReasonMembersOverWorkers => "会员人数大于职工人数", "more union members than workers";
    ReasonWomenOverMembers => "女会员人数大于会员人数", "more women members than members";
    ReasonMigrantOverMembers => "农民工会员人数大于会员人数", "more migrant-worker members than members";
    ReasonCommitteeBeforeFounding => "本届委员会成立日期早于工会成立日期", "the committee was formed before the union was founded";
    ReasonSingleUnionCoversMany => "单独建会的工会只覆盖所在单位 1 家；覆盖多家的是联合工会、区域性或行业性工会", "a union of one unit (单独建会) covers that one unit; one covering several is a joint, regional or industry union";
    ReasonStudioSubsidyByImport => "工作室补贴的对象是工作室：身份证号留空、姓名（受领人）填工作室名称，或用 union studio name 命名时记录", "studio subsidies go to a studio: leave the ID number blank and give the studio's name as the name (recipient), or record it with `union studio name`";
    ReasonSubsidyWithoutNaming => "该工作室在这一天没有命名记录：一次性补贴随命名发放，请先导入命名", "the studio has no naming on that day: a one-time subsidy goes with a naming, import the namings first";
    ReasonLeaderIdNeeded => "填了带头人姓名，还须填带头人身份证号", "a leader's name is given: give their ID number too";
    ReasonCarrierLeaderUnknown => "带头人未登记：请先导入人员，或在“带头人”列填写姓名", "the leader is not on file: import them first, or give their name in the 带头人 column";
    ReasonProgrammeUnknown => "不是已有的载体类型：内置的有 职工书屋、模范职工之家、模范职工小家、星级示范岗、技能标兵，其他类型先用 union programme set 声明", "not a known programme: the built-in ones are 职工书屋, 模范职工之家, 模范职工小家, 星级示范岗 and 技能标兵; declare others with union programme set";
    ReasonLevelNeedsStars => "这类载体按星级命名：一星、二星、三星", "this programme names by stars: 一星, 二星, 三星";
    ReasonLevelNeedsTier => "这类载体按级别命名：区级、市级、省级、全国", "this programme names by tier: 区级, 市级, 省级, 全国";
    ReasonUnionDatesOutOfOrder { row, as_of } => "本文件第{row}行已给出该工会 {as_of} 的人数：同一工会有几个统计日期时，请把最新的排在最前（或按日期分文件导入）", "row {row} of this file gives this union's figures of {as_of} already: when a union has several statistics dates, put the latest first (or import one file per date)";
    ReasonAgreementNumberDates { effective_from, expires_on } => "同一协议编号已登记的协议期限为 {effective_from} 至 {expires_on}，与此不一致：一份协议只有一个期限", "the agreement with this number on file runs from {effective_from} to {expires_on}, not these dates: one agreement has one term";
    ReasonEnterpriseNameMismatch { on_file } => "该统一社会信用代码已登记的企业名称是“{on_file}”，与此不一致", "the enterprise name on file for this credit code is \"{on_file}\", not this one";

    // ---- record labels (table headers and CSV headers)
    ColId => "编号", "ID";
    ColName => "姓名", "Name";
    ColIdNumber => "身份证号", "ID number";
    ColGender => "性别", "Gender";
    ColBirthDate => "出生日期", "Birth date";
    ColMobile => "手机号", "Mobile";
    ColWorkUnit => "工作单位", "Work unit";
    ColDistrict => "所属地区", "District";
    ColStatus => "状态", "Status";
    ColRetiredOn => "退休日期", "Retired on";
    ColDiedOn => "去世日期", "Died on";
    ColHighestTitle => "最高荣誉", "Highest title";
    ColLevel => "级别", "Level";
    ColTitles => "荣誉称号", "Titles";
    ColTitle => "荣誉称号", "Title";
    ColYear => "年份", "Year";
    ColAwardedBy => "授予机关", "Awarded by";
    ColPlace => "授予地", "Awarding place";
    ColHousehold => "户号", "Household";
    ColUnsourced => "来源未载明", "Unsourced";
    UnsourcedMark => "（含来源未载明的默认值）", " (rests on a default no source states)";
    ColExitReason => "退出原因", "Exit reason";
    ColReviewedOn => "复核日期", "Reviewed on";
    ReviewDue { count, as_of, param } => "到期未复核的困难档案：{count} 份（截至 {as_of}；{param}）", "hardship files due for review: {count} (as of {as_of}; {param})";
    TitleAtPlace { place, name } => "{place}{name}", "{place} {name}";
    EvHonourAtLevel { named, level } => "{named}，按{level}计", "{named}, counted as {level}";
    ColHonourRevokedOn => "取消称号日期", "Revoked on";
    ColRevokedReason => "取消原因", "Reason revoked";
    ColStudioName => "工作室名称", "Studio";
    ColKind => "类型", "Kind";
    ColLeader => "领衔人", "Leader";
    ColHostUnit => "所属单位", "Host unit";
    ColFoundedOn => "成立日期", "Founded on";
    ColTeamSize => "团队人数", "Team size";
    ColEightHaves => "八有", "Eight criteria";
    ColCurrentLevel => "当前级别", "Current level";
    ColNamedOn => "命名日期", "Named on";
    ColBatch => "批次", "Batch";
    ColEnterprise => "企业名称", "Enterprise";
    ColCreditCode => "统一社会信用代码", "Credit code";
    ColIndustry => "行业", "Industry";
    ColOwnership => "经济类型", "Ownership";
    ColEmployees => "职工人数", "Employees";
    ColHasUnion => "是否建会", "Has union";
    ColMembers => "会员人数", "Members";
    ColFortune500 => "世界500强", "Fortune 500";
    ColWomenContract => "女职工专项合同", "Women's contract";
    ColEmployeeDirectors => "职工董事监事", "Employee directors";
    ColOpenAffairs => "厂务公开", "Open affairs";
    ColSignedOn => "签订日期", "Signed on";
    ColEffectiveFrom => "生效日期", "Effective from";
    ColExpiresOn => "到期日期", "Expires on";
    ColWorkersCovered => "覆盖职工人数", "Workers covered";
    ColForm => "协商形式", "Form";
    ColWageIncrease => "工资增幅(%)", "Wage increase (%)";
    ColAgreementNo => "协议编号", "Agreement no.";
    ColRecipient => "受领人", "Recipient";
    ColTransferredOn => "调离日期", "Transferred on";
    WarnLeaderTransferred => "领衔人已调离", "the leader has transferred out";
    ColLeaderIdNumber => "领衔人身份证号", "Leader's ID number";
    ColHasModel => "有劳模", "has_model";
    ColHasTeam => "有团队", "has_team";
    ColHasPlace => "有场所", "has_place";
    ColHasRules => "有制度", "has_rules";
    ColHasFunds => "有经费", "has_funds";
    ColHasPlan => "有计划", "has_plan";
    ColHasActivities => "有活动", "has_activities";
    ColHasResults => "有成效", "has_results";
    ColCategory => "类别", "Category";
    ColAmount => "金额(元)", "Amount (yuan)";
    ColPaidOn => "发放日期", "Paid on";
    ColVoucher => "凭证号", "Voucher";
    ColNote => "备注", "Note";
    ColStudentName => "学生姓名", "Student";
    ColStudentIdNumber => "学生身份证号", "Student ID";
    ColSchoolStage => "学段", "School stage";
    ColHardshipType => "困难类型", "Type";
    ColOpenedOn => "建档日期", "Opened on";
    ColClosedOn => "脱困日期", "Closed on";
    ColCause => "致困原因", "Cause";
    ColTopics => "创新课题", "Topics";
    ColProblemsSolved => "解决技术难题", "Problems solved";
    ColTechImprovements => "技术改造", "Tech improvements";
    ColPatents => "授权专利", "Patents";
    ColInventionPatents => "发明专利", "Invention patents";
    ColTrained => "培训人次", "Trained";
    ColUpgraded => "提升技术等级人数", "Upgraded";
    ColEconomicBenefit => "经济效益(元)", "Economic benefit (yuan)";
    ColAt => "时间", "Time";
    ColOsUser => "操作系统用户", "OS user";
    ColCommand => "命令", "Command";
    ColAction => "操作", "Action";
    ColDetail => "内容", "Detail";
    ColHash => "哈希", "hash";
    ColField => "项目", "Field";
    ColValue => "内容", "Value";
    SectionHonours => "荣誉", "Honours";
    SectionPayouts => "发放记录", "Payouts";
    SectionHardship => "困难档案", "Hardship files";
    SectionNamings => "命名", "Namings";
    SectionResults => "年度成效", "Yearly results";
    SectionUnionHistory => "按统计日期的会员人数", "Membership figures by date";
    SectionAgreements => "工资集体协议", "Wage agreements";
    SectionStudios => "领衔的工作室", "Studios led";

    // ---- policy parameters
    ColParamKey => "参数", "Parameter";
    ColParamValue => "取值", "Value";
    ColValidFrom => "生效日期", "Valid from";
    ColReference => "依据（文号）", "Reference";
    ColParamUnit => "单位", "Unit";
    PolicyUnknownKey { key } => "没有参数“{key}”；可用 union policy list 查看全部参数", "no parameter \"{key}\"; see `union policy list`";
    PolicyBadValue { key, value, expected } => "参数 {key} 的值“{value}”无效：应为{expected}", "{key}: invalid value \"{value}\"; expected {expected}";
    PolicySet { key, value, from } => "已设置 {key} = {value}，自 {from} 起生效", "set {key} = {value}, in force from {from}";
    UnitYuan => "金额（元）", "an amount in yuan";
    UnitYears => "年数", "a number of years";
    UnitMonths => "月数", "a number of months";
    UnitCount => "人数或件数", "a count";
    UnitParity => "even（双数年）或 odd（单数年）", "even or odd (years)";
    UnitLevel => "荣誉级别（district/city/provincial/national）", "an honour level (district/city/provincial/national)";
    UnitCategories => "发放类别，逗号分隔", "payout categories, comma-separated";
    UnitMonthlyCategories => "可按月发放的类别，逗号分隔：honor_allowance（劳模荣誉津贴）、living_subsidy（劳模生活补助）、hardship_aid（困难帮扶）", "categories that can be paid by the month, comma-separated: honor_allowance, living_subsidy, hardship_aid";
    UnitTreatment => "待遇级别：national/provincial/city/district（全国、省部级、市级、区县级），none（不享受）或 as_awarded（按授予级别）", "treatment level: national/provincial/city/district, none, or as_awarded (the level awarded)";
    UnitYearsOrGeneral => "年数；留空则按 studio.reapply_wait_years", "years; blank: as studio.reapply_wait_years";
    UnitCases => "撤销情形编号 1–5，逗号分隔；留空为不追回", "revocation case numbers 1–5, comma-separated; blank: none";
    SubsidyToRecover { case, amount, param } => "按撤销情形{case}，应追回一次性补贴 {amount} 元（{param}）", "under case {case}, the one-time subsidy of {amount} yuan is to be recovered ({param})";
    UnitKinds => "工作室类型，逗号分隔（如 劳模创新工作室,工匠创新工作室）", "studio kinds, comma-separated (e.g. 劳模创新工作室,工匠创新工作室)";
    UnitMonthDay => "每年的月日，如 11-01（不可为 02-29）", "a day of the year, e.g. 11-01 (not 02-29)";
    UnitPlaces => "地名，逗号分隔（如 江阴市,宜兴市）", "place names, comma-separated (e.g. 江阴市,宜兴市)";
    ParamInForce { key, value, from, source } => "{key} = {value}（自{from}起，{source}）", "{key} = {value} (from {from}, {source})";
    ParamCited { param } => "（{param}）", " ({param})";
    ParamCitedAsNote { note } => " [{note}]", " [{note}]";
    ParamNoReference => "未注明文号", "no reference";
    ParamUnsourced => "默认值（来源未载明，请按本地文件设置）", "a default no source states (set it from your local documents)";

    // ---- studio rules
    RuleEightHaves => "具备“八有”标准", "meets the eight criteria (八有)";
    RuleEightHavesWorker => "具备“八有”标准（职工、工匠创新工作室不要求有劳模）", "meets the eight criteria (八有; 有劳模 not required of worker and craftsman studios)";
    RuleLeaderTitle { model_min, medal_min } => "领衔人荣誉：{model_min}级及以上劳模称号，或{medal_min}级及以上五一劳动奖章", "leader's honour: a {model_min}-or-above model title, or a {medal_min}-or-above May-Day medal";
    RuleLeaderAlive => "领衔人健在", "the leader is living";
    RuleNotRevoked => "未被撤销，或撤销已满规定年限", "not revoked, or revoked long enough ago";
    RuleNotYetNamed => "尚未命名为该级别或更高级别", "not already named at this level or above";
    RulePriorLevel { level } => "已命名为{level}", "already named {level}";
    RuleTeamSize => "团队人数达到要求", "team large enough";
    RuleLastYearResults => "已登记上一年度成效", "results recorded for the previous year";
    RuleYearsNamed => "命名市级工作室满规定年限", "named 市级 long enough";
    RuleBenefit => "近两年经济效益或发明专利达到要求", "economic benefit or invention patents over the last two years";
    RuleTraining => "近两年培训人次达到要求（示范带动）", "workers trained over the last two years (demonstration role)";
    RuleNamingYear => "当年为示范性工作室命名年度", "the year is a demonstration naming year";
    EvEightAll { criteria } => "已具备：{criteria}", "met: {criteria}";
    GapEightMissing { criteria } => "缺少：{criteria}", "missing: {criteria}";
    EvLeaderHonour { title, year } => "领衔人荣誉：{title}{year}", "leader's honour: {title}{year}";
    EvYearSuffix { year } => "（{year}年）", " ({year})";
    EvLeaderNoHonour => "领衔人无劳模称号或五一劳动奖章", "the leader holds no model title or May-Day medal";
    GapLeaderTitle { model_min, medal_min } => "领衔人须有{model_min}级及以上劳模称号或{medal_min}级及以上五一劳动奖章", "the leader needs a {model_min}-or-above model title or a {medal_min}-or-above May-Day medal";
    EvLeaderAlive { name } => "领衔人{name}在世", "the leader {name} is living";
    GapLeaderDeceased { name, died } => "领衔人{name}已去世{died}", "the leader {name} is deceased{died}";
    EvDiedOn { date } => "（{date}）", " ({date})";
    EvNeverRevoked => "无撤销记录", "never revoked";
    EvRevoked { on, case, from } => "{on}因“{case}”被撤销，{from}起可重新申报", "revoked on {on} ({case}); may re-apply from {from}";
    GapRevoked { years, left } => "撤销未满{years}年，尚差{left}", "revoked less than {years} {{year|years}} ago: {left} to go";
    EvNotNamed => "未命名为该级别或更高级别", "not named at this level or above";
    GapAlreadyNamed { on, level } => "已于{on}命名为{level}", "named on {on} as {level}";
    EvPriorLevel { on, level } => "{on}命名为{level}", "named on {on} as {level}";
    GapPriorLevel { level } => "尚未命名为{level}", "not yet named {level}";
    EvTeamSize { size, min } => "团队人数{size}人（要求至少{min}人）", "team of {size} (at least {min} required)";
    GapTeamSize { size, min } => "团队人数{size}人，少于{min}人", "team of {size}, fewer than {min}";
    GapTeamUnknown { min } => "未登记团队人数（要求至少{min}人）", "team size not on file (at least {min} required)";
    EvLastYearResults { year } => "已登记{year}年度成效", "results for {year} on file";
    GapLastYearResults { year } => "未登记{year}年度成效", "no results on file for {year}";
    EvYearsNamed { on, due, years } => "{on}命名为市级工作室，{due}满{years}年", "named 市级 on {on}; on {due} it is {years} {{year|years}}";
    GapYearsNamed { years, left } => "命名市级工作室未满{years}年，尚差{left}", "named 市级 less than {years} {{year|years}} ago: {left} to go";
    GapNotCity { years } => "尚未命名为市级工作室（须命名满{years}年）", "not named 市级 (required {years} {{year|years}} before)";
    EvBenefit { from_year, to_year, benefit, min_benefit, inventions, min_inventions } => "{from_year}—{to_year}年经济效益{benefit}元（要求{min_benefit}元），发明专利{inventions}件（要求{min_inventions}件）", "{from_year}–{to_year}: economic benefit {benefit} yuan ({min_benefit} required), {inventions} invention {{patent|patents}} ({min_inventions} required)";
    GapBenefit { benefit, min_benefit, inventions, min_inventions } => "近两年经济效益{benefit}元，不足{min_benefit}元；发明专利{inventions}件，少于{min_inventions}件", "economic benefit {benefit} yuan, less than {min_benefit}; {inventions} invention {{patent|patents}}, fewer than {min_inventions}";
    EvTraining { from_year, to_year, trained, min } => "{from_year}—{to_year}年培训{trained}人次（要求{min}人次）", "{from_year}–{to_year}: {trained} trained ({min} required)";
    GapTraining { trained, min } => "近两年培训{trained}人次，少于{min}人次", "{trained} trained over two years, fewer than {min}";
    EvNamingYear { year, parity } => "{year}年；示范性工作室在{parity}命名", "{year}; demonstration studios are named in {parity}";
    GapNamingYear { year, parity } => "{year}年不是示范性工作室命名年度（{parity}命名）", "{year} is not a demonstration naming year (named in {parity})";
    ParityEven => "双数年", "even years";
    ParityOdd => "单数年", "odd years";
    SpanMonthsDays { months, days } => "{months}个月{days}天", "{months} {{month|months}} {days} {{day|days}}";
    SpanMonths { months } => "{months}个月", "{months} {{month|months}}";
    SpanDays { days } => "{days}天", "{days} {{day|days}}";
    Passed => "符合", "met";
    MarkMet => "✓", "✓";
    MarkNotMet => "✗", "✗";
    RuleCarrierLevel => "级别符合该类载体的命名方式", "the level is one this programme names at";
    RuleCarrierCriteria => "达到项目声明的全部标准", "meets every criterion the programme declares";
    RuleCarrierLeader => "带头人健在且有荣誉（劳模称号、五一劳动奖章，或是其他载体的带头人）", "the leader is alive and holds an honour (a model title, a May Day medal, or leads another programme's carrier)";
    RuleCarrierNotYetNamed => "尚未命名为该级别或更高级别", "not yet named at this level or higher";
    CarrierByStars { programme } => "{programme}按星级命名（一星至三星）", "{programme} names by stars (one to three)";
    CarrierByTier { programme } => "{programme}按级别命名（区级至全国）", "{programme} names by tier (district to national)";
    CarrierCriteriaMet { met, required } => "已达：{met}；须达：{required}", "met: {met}; required: {required}";
    CarrierCriteriaMissing { missing } => "未达：{missing}", "not met: {missing}";
    CarrierNoLeader => "没有登记带头人", "no leader on file";
    CarrierLeaderDeceased { name } => "带头人{name}已去世", "the leader {name} has died";
    CarrierLeaderHonour { name, honour } => "带头人{name}：{honour}", "the leader {name}: {honour}";
    CarrierLeaderNoHonour { name } => "带头人{name}没有荣誉记录，也不是其他载体的带头人", "the leader {name} holds no honour on file and leads no other programme's carrier";
    CarrierHeld { level, on } => "已命名为{level}（{on}）", "already named {level} ({on})";
    CarrierHeldUndated { level } => "已命名为{level}（日期未登记）", "already named {level} (date not on file)";
    CarrierNotHeld => "尚无该级别或更高级别的命名", "no naming at this level or higher";
    NoneWord => "无", "none";
    ColConflict => "冲突", "Conflict";
    ColConflictDetail => "内容", "Detail";
    ColConflictFiles => "涉及的库", "Files";
    ConflictTwoNames => "同一身份证号两个姓名", "one ID number, two names";
    ConflictPaidTwice => "同一年度或活动内两个单位各发一次", "paid by two offices in one season or campaign";
    ConflictTwoOpenFiles => "两个单位同时在档的困难档案", "hardship files open at once in two offices";
    ConflictVoucherTwice => "同一凭证号两笔不同发放（只并入先者）", "one voucher, two different payouts (the first kept)";
    ConflictCampaignDiffers => "两个单位的慰问活动同名不同期或时间重叠（只并入先者）", "two offices' campaigns share a name but differ, or overlap (the first kept)";
    RollupNeedsOutput => "请用 -o 指定全市汇总的数据库文件，如 union rollup A.db B.db -o 全市.db", "name the city's database with -o, e.g. union rollup A.db B.db -o city.db";
    RollupIntoSource { file } => "{file} 既是要汇总的库又是 -o 指定的汇总库", "{file} is both a file to roll up and the -o file";
    RollupFile { name, added, batch } => "已并入 {name}：新增 {added} 条记录（批次 {batch}）", "rolled up {name}: {added} {{record|records}} added (batch {batch})";
    RollupNoConflicts => "没有跨单位冲突", "no conflicts between offices";
    RollupConflicts => "跨单位冲突", "Conflicts between offices";
    CarrierLevelAsked { name, level } => "{name}{level}", "{name} at {level} level";
    SecCarriers => "载体", "Carriers";
    FigCarriersHeld { name, level } => "{name}：{level}（期末）", "{name}: {level} (at the end)";
    FigCarriersNew { name, level } => "{name}：本期新命名{level}", "{name}: newly named {level}";
    ColCarrierName => "名称", "Name";
    ColCarrierType => "类型", "Type";
    ColCarrierUnit => "单位", "Unit";
    ColCarrierLeaderId => "带头人身份证号", "Leader's ID number";
    ColCarrierLeader => "带头人", "Leader";
    ColCriteriaMet => "达标项", "Criteria met";
    ColCriteria => "命名标准", "Criteria";
    ColLeaderRule => "带头人要求", "Leader rule";
    ColStars => "按星级", "By stars";
    CarrierInSeveral { name, programmes } => "“{name}”在多个项目中都有：{programmes}；请用 --type 指明", "\"{name}\" is in several programmes: {programmes}; name one with --type";
    ProgrammeNameEmpty => "项目名称不能为空", "the programme needs a name";
    ProgrammeSet { name, criteria, rule } => "已声明项目“{name}”：命名标准 {criteria}；带头人要求：{rule}", "programme \"{name}\" declared: criteria {criteria}; leader rule: {rule}";
    VerdictHeadEligible { studio, level, date } => "{studio} 申报{level}（{date}）：符合", "{studio} applying for {level} ({date}): eligible";
    VerdictHeadNotEligible { studio, level, date, failed } => "{studio} 申报{level}（{date}）：不符合，{failed} 项未达到", "{studio} applying for {level} ({date}): not eligible, {failed} {{rule|rules}} not met";
    VerdictEvidence { evidence } => "依据：{evidence}", "evidence: {evidence}";
    VerdictGap { gap } => "差距：{gap}", "gap: {gap}";
    VerdictParams => "参数：", "parameters:";
    ParamNote { n, key, value, from, source } => "[{n}] {key} = {value}，自{from}起，来源：{source}", "[{n}] {key} = {value}, from {from}, source: {source}";
    NotPassed => "不符合", "not met";
    ColRule => "规则", "Rule";
    ColRuleCode => "代码", "Code";
    ColResult => "结果", "Result";
    ColEvidence => "依据", "Evidence";
    ColGap => "差距", "Gap";
    ColParams => "参数", "Parameters";
    VerdictEligible { studio, level, date } => "结论：{studio} 符合申报{level}的条件（{date}）", "verdict: {studio} is eligible for {level} ({date})";
    VerdictNotEligible { studio, level, date, failed } => "结论：{studio} 不符合申报{level}的条件（{date}）：{failed} 项不符合", "verdict: {studio} is not eligible for {level} ({date}): {failed} {{rule|rules}} not met";
    ApplicationRecorded { app } => "已记录申报（编号 {app}）", "application recorded (id {app})";
    NamingRecorded { name, level, date } => "已命名 {name} 为{level}（{date}）", "named {name} {level} ({date})";
    NamingForced { reason } => "已按 --force 强制命名，理由已记入操作日志：{reason}", "named with --force; the reason is in the audit log: {reason}";
    NamingRefused { name, level } => "{name} 不符合命名为{level}的条件，未命名（确需命名请用 --force --reason 说明理由）", "{name} is not eligible for {level}: not named (use --force --reason to override)";
    ForceNeedsReason => "--force 必须同时用 --reason 说明理由", "--force needs --reason";
    SubsidyRecorded { amount, note } => "已记录一次性补贴 {amount} 元（{note}）", "recorded the one-time subsidy of {amount} yuan ({note})";
    AlreadyNamedAt { name, level, on } => "{name} 已命名为{level}（命名日期 {on}）：同一级别在撤销前只命名一次；日期有误请用 union edit namings 更正", "{name} is already named {level} (named on {on}): a level is named once until a revocation; to correct the date use union edit namings";
    RevocationRecorded { name, case, label, wait } => "已撤销 {name} 的命名（{case}：{label}），{wait}", "revoked {name} ({case}: {label}), {wait}";
    RevokeNothing { name, on } => "{name} 在 {on} 没有有效的命名，无可撤销", "{name} holds no naming in force on {on}: nothing to revoke";
    BadDate { given } => "日期“{given}”无效", "invalid date \"{given}\"";
    AdviserAdded { name, studio } => "已添加顾问 {name}（{studio}）", "adviser {name} added ({studio})";
    AdviserExists { name } => "{name} 已是该工作室的顾问", "{name} is already an adviser of this studio";
    ColInstitution => "单位", "Institution";
    ColSince => "起始日期", "Since";
    ColNextLevel => "可申报级别", "Next level";
    ColQualifies => "现在是否符合", "Qualifies now";
    ColWarnings => "提示", "Warnings";
    WarnLeaderDeceased => "领衔人已去世", "leader deceased";
    WarnLeaderRetired => "领衔人已退休", "leader retired";
    WarnRevoked => "已被撤销", "revoked";
    WarnLeaderLeft => "领衔人调离或不再符合条件（撤销情形1）", "leader left or no longer qualifies (revocation case 1)";
    SectionRevocations => "撤销", "Revocations";
    SectionAdvisers => "顾问", "Advisers";
    ColRevokedOn => "撤销日期", "Revoked on";
    ColCase => "撤销情形", "Case";
    NoneLevel => "未命名", "not named";

    // ---- payout rules
    ViolationLine { rule, text } => "规则{rule}：{text}", "rule {rule}: {text}";
    VDeceased { died } => "受领人在发放日期前已去世{died}", "the recipient died before the payment date{died}";
    VAllowanceNotRetired => "劳模荣誉津贴只发给已退休的劳模，发放日期时受领人未退休", "the model honour allowance (劳模荣誉津贴) goes to retired labour models only: the recipient was not retired on the payment date";
    VAllowanceNoTitle { min, highest, param } => "劳模荣誉津贴只发给享受{min}级及以上劳模待遇者，受领人最高：{highest}{param}", "the model honour allowance (劳模荣誉津贴) goes only to holders of {min}-or-above model treatment; the recipient's highest: {highest}{param}";
    VNoModelTitle => "无", "none";
    VTitleAtLevel { title, level } => "{title}（{level}级，县级市授予）", "{title} (awarded at {level} level, by a county-level city)";
    VLivingSubsidyNoTitle => "劳模生活补助只发给有劳模称号的人", "the model living subsidy (劳模生活补助) goes to holders of a model title only";
    VLivingSubsidyNoNeed { param } => "劳模生活补助须在发放日有在档困难档案，或档案所载家庭收入低于低保标准的两倍{param}", "the model living subsidy (劳模生活补助) needs a hardship file open on the payment date, or a family income on file under twice the 低保 standard{param}";
    VOncePerYear { on } => "每人每年限一次，{on}已发放", "once per person per year: already paid on {on}";
    VSameYear { from, to, list, start } => "（同一年度{from}～{to}）{list}{start}", " (the same year, {from} to {to}){list}{start}";
    VMonthPaid { months, other, other_months, param } => "按月发放，同一月份只发一次：所属期间{months}已由{other}发放的一笔（所属期间{other_months}）覆盖{param}", "paid by the month, each month once: {months} is already covered by the payout of {other} (period {other_months}){param}";
    VOncePerStudent { student, on } => "金秋助学每名学生每年限一次，学生{student}已于{on}发放", "education aid once per student per year: student {student} was already paid on {on}";
    VOverStageStandard { stage, max, param } => "金额超过{stage}学段的金秋助学标准{max}元{param}", "the amount is over the education-aid standard for the {stage} stage, {max} yuan{param}";
    VOncePerCampaign { name, from, to, on, reference } => "慰问活动“{name}”（{from}～{to}）期间每人限一次，{on}已发放{reference}", "once per person in the campaign \"{name}\" ({from} to {to}): already paid on {on}{reference}";
    VOncePerCampaignStudent { name, from, to, student, on, reference } => "慰问活动“{name}”（{from}～{to}）期间每名学生限一次，学生{student}已于{on}发放{reference}", "once per student in the campaign \"{name}\" ({from} to {to}): student {student} was already paid on {on}{reference}";
    CampaignRefCited { reference } => "（{reference}）", " ({reference})";
    VOnceInYears { years, on, param } => "每{years}年限一次，{on}已发放{param}", "once in {years} {{year|years}}: already paid on {on}{param}";
    VNoHardshipFile { param } => "发放日期时无在档的困难职工档案{param}", "no hardship file open on the payment date{param}";
    VHardshipClosed { on, grace, param } => "困难档案已于{on}脱困，超过{grace}个月{param}", "the hardship file was closed on {on}, more than {grace} {{month|months}} before{param}";
    VOverCeiling { max, param } => "金额超过该类别上限{max}元{param}", "the amount is over the category ceiling of {max} yuan{param}";
    VSubsidyNotStandard { standard } => "工作室补贴应为命名级别的标准{standard}元", "a studio subsidy must equal the standard for the level named: {standard} yuan";
    VSubsidyNotForKind { kind, param } => "一次性补贴只发给参数列出的工作室类型，{kind}不在其中{param}", "the one-time subsidy is paid only to the studio kinds a parameter lists, and {kind} is not one of them{param}";
    VSubsidyRepeated { on } => "这次命名已于{on}发过一次性补贴：同一级别在撤销前只命名一次、只发一次", "this naming's one-time subsidy was already paid on {on}: a level is named, and paid for, once until a revocation";
    VSubsidyWithoutNaming => "发放日该工作室没有命名记录（命名已删除或日期已改）：补贴随命名发放；核实后删除这笔补贴或补录命名", "the studio has no naming on the day paid (the naming was deleted or its date changed): the subsidy goes with a naming; check, then delete the subsidy or record the naming";
    VVoucherUsed { voucher } => "凭证号{voucher}已用于另一条发放记录", "voucher {voucher} is already used by another payout";
    PayoutAdded { payout_id } => "已记录发放（编号 {payout_id}）", "payout recorded (id {payout_id})";
    PayoutUnchanged { payout_id } => "该发放记录已存在（编号 {payout_id}），未改变", "the payout is already on file (id {payout_id}): unchanged";
    PayoutRefused => "不予发放：", "refused:";
    ColPeriod => "所属期间", "Period";
    ColFinding => "情况", "Finding";
    ColOwed => "应发(元)", "Owed (yuan)";
    ColPaidAmount => "实发(元)", "Paid (yuan)";
    ColPayoutIds => "发放记录编号", "Payout ids";
    FindingMissing => "缺发", "missing";
    FindingShort => "少发", "short";
    FindingOver => "多发", "over";
    FindingTwice => "重复发放", "paid twice";
    AllowanceCheckClean { year, category, owed_people, as_of } => "{year}年{category}：{owed_people} 人应发，截至{as_of}无缺发、少发、多发或重复发放", "{year} {category}: owed to {owed_people} {{person|people}}; as of {as_of} nothing is missing, short, over or paid twice";
    AllowanceCheckNone { year } => "{year}年没有按月发放的类别（参数 payout.monthly 为空），无可核对", "{year}: no category is paid by the month (payout.monthly is empty), nothing to check";
    AllowanceCheckFound { year, category, owed_people, as_of, people, found } => "{year}年{category}：{owed_people} 人应发，截至{as_of}有 {people} 人共 {found} 处问题", "{year} {category}: owed to {owed_people} {{person|people}}; as of {as_of}, {people} of them {{has|have}} {found} {{finding|findings}}";
    CheckClean { year, checked } => "{year}年发放记录 {checked} 条，未发现违反规则的情况", "{year}: {checked} {{payout|payouts}} checked, no rule broken";
    CheckViolations { year, checked, found } => "{year}年发放记录 {checked} 条，{found} 处违反规则", "{year}: {checked} {{payout|payouts}} checked, {found} {{violation|violations}}";
    ColViolation => "违反规则", "Violation";
    ColRuleNo => "规则", "Rule";

    // ---- rosters
    RosterMasked => "注意：名单中的身份证号已隐去；要生成可填写后直接导入的表，请加 --unmask", "note: ID numbers are masked; add --unmask to get a sheet you can fill in and import";
    RosterCount { year, category, people, as_of } => "{year}年{category}名单：{people} 人（截至{as_of}）", "{year} roster for {category}: {people} {{person|people}} (as of {as_of})";

    // ---- batches, log, backup
    ColFile => "文件", "File";
    ColRead => "读取", "Read";
    ColAdded => "新增", "Added";
    ColUpdated => "更新", "Updated";
    ColUnchanged => "未变", "Unchanged";
    ColRefused => "不合格", "Refused";
    ColSkipped => "跳过", "Skipped";
    ColUndoneAt => "撤销时间", "Undone at";
    ColSha256 => "SHA-256", "SHA-256";
    UndoDone { batch, removed, restored } => "已撤销批次 {batch}：删除 {removed} 条新增记录，恢复 {restored} 条被修改或删除的记录", "undid batch {batch}: removed {removed} added {{record|records}}, restored {restored} changed or deleted {{record|records}}";
    UndoNoSuchBatch { batch } => "没有编号为 {batch} 的批次（用 union batches 查看）", "no batch {batch} (see `union batches`)";
    UndoAlreadyUndone { batch } => "批次 {batch} 已经撤销过了", "batch {batch} was already undone";
    UndoLaterChange { batch, later, table } => "不能撤销批次 {batch}：之后的批次 {later} 又修改了同一批记录（{table}）；请先撤销批次 {later}", "cannot undo batch {batch}: later batch {later} changed the same records ({table}); undo batch {later} first";
    UndoDependants { batch } => "不能撤销批次 {batch}：之后录入的记录引用了它新增的记录（例如发放记录引用了它新增的人员）", "cannot undo batch {batch}: later records refer to records it added (e.g. payouts of a person it added)";
    LogIntact { entries } => "操作日志完整：{entries} 条记录，哈希链逐条相符", "the audit log is intact: {entries} {{entry|entries}}, every hash matches";
    LogLastHash { last } => "最新一条的哈希：{last}（记下它，日后可核对最新的记录是否被删除）", "newest entry's hash: {last} (note it down to check later that no newest entries were removed)";
    LogGap { after, next } => "操作日志被改动过：第 {after} 条之后直接是第 {next} 条，中间的记录被删除了", "the audit log has been tampered with: entry {after} is followed by entry {next}: the entries between were removed";
    LogNotCreation { entry } => "操作日志被改动过：第一条记录（第 {entry} 条）不是建库记录，更早的记录被删除了", "the audit log has been tampered with: its first entry ({entry}) is not the creation of the database: earlier entries were removed";
    LogEmptied { records } => "操作日志被清空了，但数据库里有 {records} 条记录", "the audit log has been emptied, but the database holds {records} {{record|records}}";
    LogDataChanged { table, sealed, now } => "数据在 union 之外被改动过：表 {table} 与日志的封印不符（封印时 {sealed} 行，现在 {now} 行）", "the data was changed outside union: table {table} does not match the log's seal ({sealed} {{row|rows}} sealed, {now} now)";
    LogRowChanged { row } => "  {row}：内容被改动过", "  {row}: its content was changed";
    LogRowAdded { row } => "  {row}：不是 union 写入的（在 union 之外添加）", "  {row}: not written by union (added outside it)";
    LogRowRemoved { row } => "  {row}：被删除了", "  {row}: removed";
    LogPrintsChanged { table, rows_total } => "数据在 union 之外被改动过：表 {table} 的数据与封印相符，但 union 为各行记下的印记（row_seals）有 {rows_total} 处被改动或删除", "the data was changed outside union: table {table} matches its seal, but {rows_total} of the prints union keeps of its rows (row_seals) {{was|were}} changed or removed";
    LogForeignTrigger { name } => "数据库里有不是 union 建立的触发器 {name}：它可能在写入时悄悄改动记录（union 拒绝在它存在时写入）", "the database holds a trigger union did not create ({name}): it could change records behind a write's back (union writes nothing while it is there)";
    LogRowsMore { rows_total, shown } => "  ……共 {rows_total} 行不符，以上列出前 {shown} 行", "  … {rows_total} {{row differs|rows differ}} in all; the first {shown} {{is|are}} listed";
    LogRowsUnknown => "  无法指出是哪几行：各行的印记也被改写成了相符的样子（设置审计密钥后，没有密钥的人无法做到）", "  the rows cannot be named: their prints were rewritten to match too (with an audit key, no one without the key can do that)";
    RowLabel { rowid } => "id {rowid}", "id {rowid}";
    RowLabelWithKey { rowid, key } => "id {rowid}（{key}）", "id {rowid} ({key})";
    TamperedBeforeWrite { table, row } => "表 {table} 的 {row} 在 union 之外被改动过，本次没有写入任何内容：先运行 union log --verify 查看；核实后可从备份恢复，或用 union log --accept --reason 说明 接受现状", "in table {table}, record {row} was changed outside union; nothing was written: run union log --verify to see what changed, then restore from a backup or accept the data as it is with union log --accept --reason TEXT";
    TamperedRowReused { table, row } => "表 {table} 的 {row} 曾在 union 之外被删除，新记录又用了这个编号；本次没有写入任何内容：先运行 union log --verify 查看；核实后可从备份恢复，或用 union log --accept --reason 说明 接受现状", "in table {table}, record {row} was removed outside union and a new record would take its number; nothing was written: run union log --verify to see what changed, then restore from a backup or accept the data as it is with union log --accept --reason TEXT";
    SchemaDriftRefused { drift } => "数据库结构在 union 之外被改动过（{drift}）：写入的记录可能因此被悄悄改变，因此拒绝写入（先运行 union log --verify 查看）", "the database's structure was changed outside union ({drift}): records written now could be changed by it, so nothing is written (run union log --verify)";
    LogSchemaDrift { drift } => "数据库结构在 union 之外被改动过：{drift}（union 拒绝在结构被改动时写入）", "the database's structure was changed outside union: {drift} (union writes nothing while it is)";
    ObjectTable => "表", "table";
    ObjectIndex => "索引", "index";
    ObjectView => "视图", "view";
    ObjectConstraint => "约束", "constraint";
    LogDifferedAtUpgrade { entry, tables } => "数据在 union 之外被改动过：升级数据库时（日志第 {entry} 条）发现这些表与日志的封印不符：{tables}（升级后无法再指出是哪几行；核实后用 union log --accept --reason 接受，或从备份恢复）", "the data was changed outside union: when the database was upgraded (log entry {entry}), these tables did not match the log's seals: {tables} (the rows can no longer be named; after checking, accept with union log --accept --reason or restore a backup)";
    LogIntegrity { detail } => "数据库文件的自检不通过（{detail}）：索引被手工调换或清空，或文件损坏；核实后用 union log --accept --reason 重建索引，或从备份恢复", "the database file fails SQLite's own check ({detail}): an index was swapped or emptied by hand, or the file is damaged; after checking, rebuild the indexes with union log --accept --reason, or restore a backup";
    AcceptFileDamaged { detail } => "不能接受现状：重建索引后数据库文件的自检仍不通过（{detail}）：文件已损坏，请从备份恢复", "cannot accept the data: the database file still fails SQLite's own check after its indexes were rebuilt ({detail}): the file is damaged; restore a backup";
    AcceptUndoRecords { table } => "不能接受现状：撤销所依据的记录（表 {table}）在 union 之外被改动过；接受后日后的撤销会恢复伪造的内容。请从备份恢复", "cannot accept the data: the records undo works from (table {table}) were changed outside union; accepted, a later undo would restore what was forged. Restore a backup";
    AcceptTablePostgres { table } => "不能接受现状：表 {table} 的结构与 union 建立的不同；在 PostgreSQL 上 union 不重建表（那要搬动全部记录）：请把表改回原样，或用 pg_dump 的备份恢复", "cannot accept the data: the structure of table {table} differs from union's; on PostgreSQL union does not make a table again (that would move every record): change the table back, or restore a pg_dump backup";
    AcceptColumnsDiffer { table, added, missing } => "不能接受现状：表 {table} 的列与 union 建立的不同（多出：{added}；缺少：{missing}），重建表结构会丢掉这些列的数据。请先把列名改回，或从备份恢复", "cannot accept the data: the columns of table {table} differ from union's (added: {added}; missing: {missing}), and making the table again would lose their values. Rename the columns back first, or restore a backup";
    DifferedAtUpgradeRefused { entry } => "升级数据库时（日志第 {entry} 条）发现数据在 union 之外被改动过，尚未核实接受：拒绝写入（先运行 union log --verify 查看，核实后用 union log --accept --reason 接受，或从备份恢复）", "when the database was upgraded (log entry {entry}) its data had been changed outside union, and that has not been accepted: nothing is written (run union log --verify; after checking, accept with union log --accept --reason, or restore a backup)";
    DriftChanged { kind, name } => "{kind} {name} 的定义与 union 建立的不同", "{kind} {name} is defined differently from what union made";
    DriftMissing { kind, name } => "{kind} {name} 不见了", "{kind} {name} is missing";
    DriftExtra { kind, name } => "多出了 union 不会建立的{kind} {name}", "{kind} {name} was added, which union never makes";
    ForeignTriggerRefused { name } => "数据库里有不是 union 建立的触发器 {name}：它可能在写入时悄悄改动记录，因此拒绝写入（先运行 union log --verify 查看）", "the database holds a trigger union did not create ({name}): it could change records behind a write's back, so nothing is written (run union log --verify)";
    AcceptNeedsReason => "--reason 不能为空：写明为什么接受现状（例如核实的依据）", "--reason cannot be empty: say why the data is accepted (what it was checked against)";
    AcceptNothing => "数据与日志的封印相符，没有需要接受的改动；没有写入任何内容", "the data matches the log's seals: there is nothing to accept, and nothing was written";
    AcceptStructureRestored => "数据库结构已照 union 的定义复原：外加的触发器、规则、索引、约束和视图已删去，缺少或被改动的已照原样重建", "the database's structure is union's again: triggers, rules, indexes, constraints and views added outside union were removed, and what was missing or changed was made again";
    AcceptDone => "以上改动已作为现状接受：日志记下了原因和改动之处，此后按现状核对", "the changes above are accepted as the data now: the log records why and what differed, and later checks start from here";
    AcceptChainBroken { chain } => "不能接受现状：操作日志本身有问题，不是只有数据被改动——{chain}", "cannot accept the data: the log itself is not intact, not only the data — {chain}";
    LogForeignRule { name } => "数据库里有不是 union 建立的规则（RULE）{name}：它会在写入时改写或附加别的改动（union 拒绝在它存在时写入）", "the database holds a rule union did not create ({name}): it rewrites a write or adds changes to it (union writes nothing while it is there)";
    ForeignRuleRefused { name } => "数据库里有不是 union 建立的规则（RULE）{name}：它会在写入时改写或附加别的改动，因此拒绝写入（先运行 union log --verify 查看）", "the database holds a rule union did not create ({name}): it rewrites a write or adds changes to it, so nothing is written (run union log --verify)";
    LogForeignTableWithoutId { table } => "数据库里有不是 union 建立的表 {table}（没有整数 id 列）：union 无法封印它，核对会一直报告它，直到它被删除", "the database holds a table union did not create ({table}, without an integer id column): union cannot seal it, and verify reports it until it is removed";
    LogForeignTable { table } => "数据库里有不是 union 建立的表 {table}（无 rowid 表）：union 无法封印它，核对会一直报告它，直到它被删除", "the database holds a table union did not create ({table}, without rowids): union cannot seal it, and verify reports it until it is removed";
    LogTableDropped { table } => "数据在 union 之外被改动过：表 {table} 被删除了", "the data was changed outside union: table {table} was dropped";
    LogTableAdded { table } => "数据在 union 之外被改动过：表 {table} 不在日志的封印中（在 union 之外添加的）", "the data was changed outside union: table {table} is not in the log's seals (added outside union)";
    LogBatchWithoutEntry { batch } => "操作日志被改动过：导入批次 {batch} 没有对应的日志记录", "the audit log has been tampered with: import batch {batch} has no log entry";
    LogHeadMismatch { found, expected } => "操作日志与记下的不符：最新一条的哈希是 {found}，而不是记下的 {expected}（较新的记录被删除或整条链被重建）", "the audit log does not match what was noted: the newest entry's hash is {found}, not {expected} (newest entries removed, or the chain rebuilt)";
    LogNotKeyed => "操作日志中没有用这个审计密钥封印的记录（整条链可能被不知道密钥的人重建过）", "no entry of the audit log is sealed with this audit key (the chain may have been rebuilt by someone without it)";
    AuditKeyNeeded => "这个数据库的操作日志用审计密钥封印：请用 --key-file 或环境变量 UNION_AUDIT_KEY 提供密钥", "this database's audit log is sealed with an audit key: give it with --key-file or UNION_AUDIT_KEY";
    AuditKeyWrong => "审计密钥与这个数据库的不符", "the audit key is not this database's";
    AuditKeyEmpty => "审计密钥是空的", "the audit key is empty";
    AuditKeyOnTampered => "不能用审计密钥封印：数据或日志已在 union 之外被改动（先运行 union log --verify 查看）", "cannot seal with an audit key: the data or the log was changed outside union (run `union log --verify` to see)";
    LogBroken { entry } => "操作日志被改动过：第 {entry} 条记录（或它的前一条）与哈希链不符", "the audit log has been tampered with: entry {entry} (or the one before it) does not match the hash chain";
    BackupExists { dest } => "备份文件 {dest} 已存在：请换一个文件名", "backup file {dest} already exists: choose another name";
    BackupDone { db, dest } => "已把 {db} 备份到 {dest}", "backed up {db} to {dest}";
    BackupPostgres { db, dest, dump, url } => "{db} 是 PostgreSQL 数据库：union backup 只备份 SQLite 文件，没有写入 {dest}。PostgreSQL 数据库的备份用 pg_dump（密码取自 PGPASSWORD 或 ~/.pgpass）：\n  {dump}\n恢复：由服务器管理员（超级用户）建一个同名的 UTF8、C 排序的空数据库（CREATE DATABASE 库名 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'；同名，因为各角色以库名命名；新服务器上先用 pg_dumpall --globals-only 的备份恢复角色），再以超级用户运行 pg_restore --dbname=库名 {dest}。\n也可以用 union copy --from {url} --to 文件.db 得到一份 SQLite 副本", "{db} is a PostgreSQL database: union backup backs up SQLite files only, and {dest} was not written. A PostgreSQL database is backed up with pg_dump (the password comes from PGPASSWORD or ~/.pgpass):\n  {dump}\nTo restore, as the server's administrator (a superuser): create an empty UTF8 database of the same name sorting by C (CREATE DATABASE name TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'; the same name, as the roles are named after it; on a new server first restore the roles from pg_dumpall --globals-only), then run pg_restore --dbname=name {dest} as that superuser.\nOr take a SQLite copy with union copy --from {url} --to FILE.db";

    // ---- copy
    CopySameDatabase { db } => "--from 和 --to 是同一个数据库（{db}）：没有复制任何内容", "--from and --to name the same database ({db}): nothing was copied";
    CopyVersionMismatch { db, found, known } => "union copy 只在结构版本相同的数据库之间复制：{db} 的结构版本是 {found}，本程序是 {known}。版本较旧的先用本程序运行 union init 升级，较新的用更新的 union 复制；没有复制任何内容", "union copy copies only between databases of the same schema version: {db} has schema version {found}, this program {known}. Upgrade an older one with union init of this program first, copy a newer one with a newer union; nothing was copied";
    CopyByOffice { db, district } => "以{district}办公室的登录名不能复制 {db}：办公室只看得到本地区的记录，而操作日志和封印是全市的，复制出的库会通不过核对。请由市总工会复制（没有复制任何内容）", "{db} cannot be copied with the login of the office of {district}: an office sees its district's records only, while the log and the seals are the city's, so the copy would fail its own check. Ask the city to copy it (nothing was copied)";
    CopySourceMissing { db } => "源数据库 {db} 不存在：没有复制任何内容", "the source database {db} does not exist: nothing was copied";
    CopyTargetNotEmpty { db, held } => "目标数据库 {db} 不是空的（{held}）。union copy 只复制到空数据库（新文件、空的 PostgreSQL 数据库，或只运行过 union init 的数据库），不覆盖也不合并记录；没有复制任何内容", "the target database {db} is not empty ({held}). union copy copies only into an empty database (a new file, an empty PostgreSQL database, or one only union init has run on), and neither overwrites nor merges records; nothing was copied";
    CopyHeldRows { table, rows } => "表 {table} {rows} 行", "rows in table {table}: {rows}";
    CopyHeldEntries { entries } => "{entries} 条操作日志", "log entries: {entries}";
    CopySchemaDiffers { table } => "两个数据库的表 {table} 不一致（表或列与本版本 union 建立的不同）：没有复制任何内容；先对两边运行 union log --verify 查看", "table {table} differs between the two databases (the table or its columns are not what this version of union makes): nothing was copied; run union log --verify on both";
    CopySourceForeign { db, names } => "源数据库 {db} 里有 union 不会建立的触发器或表（{names}）：复制会把它们丢掉，掩盖这一改动。先运行 union log --verify 查看，核实后用 union log --accept --reason 接受，再复制；没有复制任何内容", "the source database {db} holds triggers or tables union does not make ({names}): a copy would leave them behind and hide the change. Run union log --verify, accept it after checking with union log --accept --reason, then copy; nothing was copied";
    CopyValueRefused { table, row, column, value } => "源数据库表 {table} 中 id {row} 的记录，列 {column} 的值 {value} 不是 union 写入的类型，PostgreSQL 不能原样保存：没有复制任何内容（先在源数据库运行 union log --verify 查看）", "in the source's table {table}, record id {row}: the value {value} of column {column} is not of a type union writes, and PostgreSQL cannot keep it as it is: nothing was copied (run union log --verify on the source)";
    CopyTableFailed { table, why } => "复制表 {table} 时出错（{why}），目标数据库没有任何改动", "copying table {table} failed ({why}); the target database is unchanged";
    CopyDone { from, to, tables, rows } => "已把 {from} 复制到 {to}：{tables} 张表，共 {rows} 行。目标的操作日志记下了这次复制，可运行 union log --verify 核对", "copied {from} to {to}: {tables} tables, {rows} rows in all. The target's log records the copy; check it with union log --verify";

    // ---- reports and export
    ReportTitle { year, from, to } => "{year}年度统计报表（{from} 至 {to}）", "Year-end statistics {year} ({from} to {to})";
    ReportTitleWindow { from, to } => "统计报表（{from} 至 {to}）", "Statistics ({from} to {to})";
    ReportDistrict { district } => "地区：{district}", "district: {district}";
    ReportBackwards { from, to } => "--from {from} 晚于 --to {to}", "--from {from} is after --to {to}";
    ColKey => "key", "key";
    ColColumn => "列名", "Header";
    ColAlias => "英文名", "English alias";
    ColAlso => "也认", "Also read as";
    ColRequired => "必填", "Required";
    ColExample => "示例", "Example";
    ColSection => "分类", "Section";
    ColFigure => "指标", "Figure";
    ColNumber => "数值", "Value";
    ColMonth => "月份", "Month";
    ColCount => "笔数", "Payouts";
    ColLogin => "登录名", "Login";
    ColPeopleHeld => "人员数", "People";
    ColCampaign => "活动名称", "Campaign";
    ColCampaignFrom => "开始日期", "From";
    ColCampaignTo => "结束日期", "To";
    ColHouseholds => "户数", "Households";
    SectionCampaigns => "慰问活动", "Campaigns";
    CampaignNameEmpty => "活动名称不能为空", "the campaign needs a name";
    CampaignStudioSubsidy => "工作室补贴按命名发放，不设慰问活动", "studio subsidies are paid per naming, not in campaigns";
    CampaignExists { name } => "已有名为“{name}”的慰问活动", "a campaign named \"{name}\" is already on file";
    CampaignMonthly { category } => "{category}按月发放（参数 payout.monthly），不设慰问活动：同一月份只发一次已由规则3核对", "{category} is paid by the month (payout.monthly) and has no campaigns: rule 3 already pays each month once";
    CampaignOverlaps { name, from, to, category } => "与慰问活动“{name}”（{from}～{to}）重叠：同一类别（{category}）的活动不得重叠", "overlaps the campaign \"{name}\" ({from} to {to}): campaigns of one category ({category}) may not overlap";
    CampaignAdded { name, category, from, to } => "已登记慰问活动“{name}”：{category}，{from}～{to}", "campaign \"{name}\" added: {category}, {from} to {to}";
    CampaignNotFound { name } => "没有名为“{name}”的慰问活动（union campaign list 列出全部）", "no campaign named \"{name}\" (union campaign list lists them)";
    ColRecipients => "受领人数", "Recipients";
    ColNamedInPeriod => "本期命名", "Named in period";
    ColRevokedInPeriod => "本期撤销", "Revoked in period";
    ColSubsidy => "工作室补贴(元)", "Studio subsidy (yuan)";
    ColDaysLeft => "剩余天数", "Days left";
    ColUnionName => "工会名称", "Union";
    ColUnionForm => "建会形式", "Form";
    ColUnitCreditCode => "所在单位信用代码", "Unit credit code";
    ColUnitsCovered => "覆盖法人单位数", "Units covered";
    ColCommitteeOn => "本届委员会成立日期", "Committee formed on";
    ColTermYears => "届期(年)", "Term (years)";
    ColWorkers => "职工人数", "Workers";
    ColWomenMembers => "女会员人数", "Women members";
    ColMigrantMembers => "农民工会员人数", "Migrant-worker members";
    ColCadres => "专职工会干部人数", "Full-time cadres";
    ColAsOf => "统计日期", "As of";
    ColHasCongress => "职代会", "Workers' congress";
    ColTermDue => "届满日期", "Term ends";
    ColLevelAtEnd => "期末级别", "Level at end";
    NotGiven => "（未填）", "(not given)";
    TotalRow => "合计", "Total";
    SecModels => "劳动模范", "Labour models";
    SecData => "数据完整性", "Data completeness";
    FigNoDistrict => "没有所属地区的人员、工作室、企业（不计入任何地区）", "people, studios and enterprises with no district (in no district's figures)";
    NoDistrictNote { records } => "{records} 条人员、工作室、企业记录没有所属地区，不计入任何地区的统计（union init --district 设定本库地区，或 union edit 补上）", "{records} {{record|records}} of people, studios or enterprises {{has|have}} no district and {{is|are}} in no district's figures (set the database's district with union init --district, or fill them in with union edit)";
    SecMedals => "五一劳动奖章", "May Day Labour Medals";
    SecHonours => "其他荣誉", "Other honours";
    SecStudios => "创新工作室", "Innovation studios";
    SecAgreements => "工资集体协商", "Wage collective negotiation";
    SecUnions => "基层工会与会员", "Base-level unions and members";
    FigUnionsTotal => "基层工会组织数", "Base-level unions";
    FigUnionsUnitsCovered => "覆盖法人单位数", "Legal units covered";
    FigUnionsByForm { form } => "基层工会：{form}", "Unions: {form}";
    FigMembersTotal => "工会会员人数", "Union members";
    FigMembersWomen => "其中女会员", "Of whom women";
    FigMembersMigrant => "其中农民工会员", "Of whom migrant workers";
    FigMembersMigrantNetNew => "净增农民工会员（期末较上期末）", "Net new migrant-worker members (period end less the end before)";
    FigMembersRate => "入会率(%)（会员÷已建会单位职工）", "Membership rate (%) (members ÷ workers of unionised units)";
    FigModelsNewAt { level } => "本期新评{level}劳模", "Models newly awarded at {level} level";
    FigStudiosEverNamed { level } => "累计命名{level}工作室（含后来升级或撤销的）", "Studios ever named {level} (upgraded or revoked since included)";
    FigOpenAffairsStateCollective => "国有、集体企业厂务公开建制率(%)", "Open affairs rate (%), state and collective enterprises";
    FigOpenAffairsNonPublic => "已建会非公企业厂务公开建制率(%)", "Open affairs rate (%), unionised non-public enterprises";
    FigEmployeeDirectors100 => "百人以上企业职工董事监事建制率(%)", "Employee directors rate (%), enterprises of 100 or more";
    SecPayouts => "福利发放", "Welfare payouts";
    SecHardship => "困难职工帮扶", "Hardship files";
    FigModelsTotal => "劳模（在世）", "Labour models (living)";
    FigModelsNational => "全国劳模", "National models";
    FigModelsProvincial => "省部级劳模", "Provincial models";
    FigModelsCity => "市级劳模", "City models";
    FigModelsDistrict => "区县级劳模", "District models";
    FigModelsCityAndAbove => "市级以上劳模", "City-level-or-above models";
    FigModelsNew => "本期新增劳模", "New models in period";
    FigModelsRetired => "退休劳模", "Retired models";
    FigMedalsNational => "全国五一劳动奖章获得者", "National May Day medallists";
    FigMedalsProvincial => "省五一劳动奖章获得者", "Provincial May Day medallists";
    FigMedalsCity => "市五一劳动奖章获得者", "City May Day medallists";
    FigMedalsDistrict => "区县级五一劳动奖章获得者（县级市授予）", "District/county May Day medallists (awarded by a county-level city)";
    FigHonoursKind { kind } => "{kind}：获得者合计", "{kind}: holders in all";
    FigHonoursKindLevel { kind, level } => "{kind}：{level}", "{kind}: {level}";
    FigHonoursRevoked => "取消称号（本期）", "Honours revoked in the period";
    SecTreatment => "劳模待遇", "Model treatment";
    FigTreatmentAt { level } => "享受{level}劳模待遇", "{level} model treatment";
    FigAllowancePeople => "应发劳模荣誉津贴人数（期末退休）", "Owed the honour allowance (retired at the end)";
    FigAllowanceMonthly => "劳模荣誉津贴月应发额", "Honour allowance owed per month";
    FigStudiosAt { level } => "{level}工作室（期末）", "{level} studios (at end)";
    FigStudiosNamed { level } => "本期命名：{level}", "Named in period: {level}";
    FigStudiosBatches { level } => "累计命名批次：{level}", "Batches to date: {level}";
    FigStudiosRevoked => "本期撤销的工作室", "Studios revoked in period";
    FigStudiosResult { metric } => "年度成效：{metric}", "Yearly results: {metric}";
    FigStudiosSubsidy => "本期工作室补贴(元)", "Studio subsidies in period (yuan)";
    FigEnterprisesTotal => "企业", "Enterprises";
    FigEnterprisesWithUnion => "已建会企业", "Unionised enterprises";
    FigAgreementEnterprises => "已建工资集体协商企业（协议在期内有效）", "Unionised enterprises with an agreement in force";
    FigAgreementCount => "工资集体协议份数（期内有效，同一协议编号计一份）", "Wage agreements in force (one per agreement number)";
    FigCoverageRate => "工资集体协商建制率(%)", "Wage negotiation coverage rate (%)";
    FigWorkersCovered => "协议覆盖职工人数", "Workers covered";
    FigFortune500 => "世界500强企业", "Fortune Global 500 enterprises";
    FigFortune500Agreements => "开展工资集体协商的世界500强企业", "Fortune Global 500 enterprises with an agreement";
    FigWomenContractRate => "女职工专项集体合同签订率(%)", "Women's special contract rate (%)";
    FigPayoutCount { label } => "{label}：笔数", "{label}: payouts";
    FigPayoutPeople { label } => "{label}：受领人数", "{label}: recipients";
    FigPayoutStudents { label } => "{label}：受助学生数", "{label}: students aided";
    FigPayoutAmount { label } => "{label}：金额(元)", "{label}: amount (yuan)";
    FigHardshipOpen => "期末在档困难职工", "Open files at end";
    FigHardshipOpened => "本期新建档", "Opened in period";
    FigHardshipClosed => "本期脱困", "Closed in period";
    FigHardshipOpenType { kind } => "期末在档：{kind}", "Open at end: {kind}";
    SheetYearEnd => "年终统计", "Year-end";
    SheetRejects => "退回", "Rejects";
    UsageUnknownArgument { arg } => "无法识别的参数“{arg}”", "unexpected argument \"{arg}\"";
    UsageNegativeValue { arg } => "“{arg}”被当成了选项：以 - 开头的值请写成 --选项={arg}（如 --amount=-5）", "\"{arg}\" was taken for an option: write a value starting with - as --OPTION={arg}";
    UsageUnknownCommand { command } => "没有“{command}”这个命令", "no command \"{command}\"";
    UsageInvalidValue { value, arg, valid } => "“{value}”不是 {arg} 的有效值；可用：{valid}", "\"{value}\" is not a valid value for {arg}; valid: {valid}";
    UsageInvalidUtf8 => "参数中有不是 UTF-8 编码的文字", "invalid UTF-8 was detected in one or more arguments";
    UsageMissing { arg } => "缺少必填参数：{arg}", "required arguments missing: {arg}";
    UsageConflict { arg, prior } => "参数 {arg} 不能和 {prior} 一起使用", "{arg} cannot be used with {prior}";
    UsageBadValue { arg, value } => "参数 {arg} 的值“{value}”无效", "{arg}: invalid value \"{value}\"";
    AtLeastOne => "应为 1 或更大的整数", "a whole number, 1 or more";
    UsageDidYouMean { suggested } => "（是不是 {suggested}？）", " (did you mean {suggested}?)";
    UsageWord => "用法：", "Usage: ";
    UsageMoreHelp => "更多说明请加 --help", "For more information, try '--help'.";
    RejectsWouldReplace { path } => "退回文件 {path} 已存在，且不是退回文件（首行最后一列不是“错误原因”）：为免覆盖，请换一个文件名", "rejects file {path} already exists and is not a rejects file (its first row does not end with 错误原因): give another name, so that it is not overwritten";
    ColumnsLeftOut { columns } => "（窗口较窄，未显示：{columns}；-o 文件 或 --format csv 可得全部列）", "(window too narrow; not shown: {columns}; -o FILE or --format csv has every column)";
    ShowColumnsLeftOut { columns } => "（窗口较窄，未显示：{columns}；--format json 或 -o 文件.json 可得全部）", "(window too narrow; not shown: {columns}; --format json or -o FILE.json has everything)";
    ShowMoreRows { rows, shown } => "共 {rows} 条，只显示前 {shown} 条：--all 显示全部，--limit N 显示前 N 条，--format json 或 -o 文件.json 可得全部", "{rows} {{row|rows}}, the first {shown} shown: --all shows every row, --limit N the first N, --format json or -o FILE.json has them all";
    RecordRule { n } => "── {n} ──", "── {n} ──";
    MoreRows { rows, shown } => "共 {rows} 条，只显示前 {shown} 条：--all 显示全部，--limit N 显示前 N 条，-o 文件 导出全部", "{rows} {{row|rows}}, the first {shown} shown: --all shows every row, --limit N the first N, -o FILE writes them all";
    SheetSignSheet => "签收表", "Sign sheet";
    SignSheetNotXlsx { path } => "--sign-sheet {path}：签收表只能写成 .xlsx", "--sign-sheet {path}: a sign sheet is a .xlsx workbook";
    SignSheetTitle { year, category } => "{year}年{category}发放签收表", "{year} {category}: payout sign sheet";
    SignSheetUnit { unit, as_of } => "单位：{unit}　　截至 {as_of}", "Unit: {unit}    as of {as_of}";
    SignSheetNoUnit => "__________", "__________";
    SignSheetCount { people } => "{people}人", "{people} people";
    SignSheetWritten { path, people } => "签收表已写入 {path}：{people} 人；填好金额、日期后可直接 union import payouts 导入", "sign sheet written to {path}: {people} {{person|people}}; once amounts and dates are filled in, union import payouts reads it as it is";
    ColRowNumber => "序号", "No.";
    ColSignature => "签字", "Signature";
    TotalRowLabel => "合计", "Total";
    SignHandledBy => "经办人：", "Handled by:";
    SignCheckedBy => "审核人：", "Checked by:";
    SignApprovedBy => "负责人：", "Approved by:";
    AllSheetsRejectsXlsx => "--sheet all 读入多张工作表，各表的列不同：退回文件请用 .xlsx（每张表一页），或不指定 --rejects", "--sheet all reads several sheets with different columns: give the rejects file a .xlsx name (a sheet for each), or leave --rejects out";
    SheetSkipped { file, why } => "{file}：{why}", "{file}: {why}";
    SheetSkippedHidden { sheet } => "工作表“{sheet}”是隐藏的，未导入（要导入请用 --sheet {sheet}）", "sheet \"{sheet}\" is hidden and was not imported (use --sheet {sheet} to import it)";
    SheetSkippedNoHeader { sheet } => "工作表“{sheet}”没有这类台账的表头，未导入", "sheet \"{sheet}\" has no header of this kind and was not imported";
    SheetSkippedOtherKind { sheet, why } => "工作表“{sheet}”未导入：{why}", "sheet \"{sheet}\" was not imported: {why}";
    NoSheetOfKind { file, kind, code } => "{file}：没有一张工作表的表头是{kind}台账的（union import {code}）", "{file}: no sheet has a header of {kind} (union import {code})";
    SheetPayoutsByCategory => "发放分类", "Payouts by category";
    ChartPayouts => "各类福利发放金额（元）", "Payouts by category (yuan)";
    ColThisPeriod => "本期", "This period";
    ColPreviousPeriod => "上年同期", "A year before";
    ColYearNumber { year } => "{year}年", "{year}";
    ColChange => "增减", "Change";
    ColChangePercent => "增减(%)", "Change (%)";
    ReportComparedNote { from, to } => "同比：与上年同期（{from} 至 {to}）相比；比率的增减为百分点；金额单位：元", "Change: against the same period a year before ({from} to {to}); rates change in percentage points; amounts in yuan";
    PageNumber { page, pages } => "第 {page} 页，共 {pages} 页", "Page {page} of {pages}";
    ExportNeedsOutput => "union export 需要用 -o 指定输出文件（.csv 或 .xlsx）", "union export needs -o FILE (.csv or .xlsx)";
    ExportEncodingNotCsv => "--encoding 只适用于 CSV 文件", "--encoding applies to CSV files only";
    ExportUnencodable { record, who, column, char } => "第{record}条记录（{who}）的“{column}”列含有 GBK 无法表示的字符“{char}”：请用默认的 UTF-8 导出，或用 --encoding gb18030", "record {record} ({who}), column \"{column}\": the character \"{char}\" cannot be written in GBK: export in UTF-8 (the default) or with --encoding gb18030";
    DemoYearEnd { db, year } => "示例台账的年终统计（union --db {db} report year-end --year {year}，加 -o 年终统计.xlsx 得到 Excel 工作簿）：", "year-end statistics of the example ledgers (union --db {db} report year-end --year {year}; add -o year-end.xlsx for a workbook):";

    // ---- sql
    SqlNotReadOnly => "union sql 只能执行只读查询（SELECT / WITH）", "union sql runs read-only queries only (SELECT / WITH)";
    SqlFailed { why } => "查询出错：{why}", "query failed: {why}";
    SqlColumnUnreadable { column, name, type_name } => "第 {column} 列“{name}”是 {type_name} 类型，无法显示：请在查询里用 CAST(… AS TEXT) 把它转成文本；查询没有运行", "column {column} (\"{name}\") is of type {type_name}, which cannot be shown: turn it into text in the query with CAST(… AS TEXT); the query was not run";
    SqlTimedOut { seconds } => "查询运行超过 {seconds} 秒，已停止（可用 --timeout 放宽，或加 WHERE / LIMIT 缩小范围）", "the query ran longer than {seconds} {{second|seconds}} and was stopped (allow more with --timeout, or narrow it with WHERE / LIMIT)";
    WaitingForWriter => "正在等待另一个 union 命令写完……（按 Ctrl-C 放弃，不会写入任何内容）", "waiting for another union command to finish writing… (Ctrl-C gives up; nothing is written)";

    // ---- demo
    DemoRealDatabase { db } => "{db} 已有数据，且不是 union demo 建的演示库：演示数据是虚构的，不会写进真实台账。请换一个文件名（如 union demo demo.db）", "{db} already holds data and was not built by `union demo`: the demo's examples are fictional and never go into real ledgers. Choose another file (e.g. `union demo demo.db`)";
    DemoBuilding { db } => "正在用示例台账建立演示库 {db} ……", "building the demo database {db} from the example ledgers…";
    DemoHolds { db } => "演示库 {db} 现有：", "the demo database {db} now holds:";
    DemoNext { db } => "试试：union --db {db} people list    union --db {db} payouts list --year 2026", "try: union --db {db} people list    union --db {db} payouts list --year 2026";
    DemoNextRules { db } => "      union --db {db} studio check    union --db {db} eligible festival-condolence --year 2026", "     union --db {db} studio check    union --db {db} eligible festival-condolence --year 2026";
    CountPeople => "人员", "people";
    CountModels => "其中劳模", "of whom labour models";
    CountHonours => "荣誉", "honours";
    CountStudios => "工作室", "studios";
    CountNamings => "命名", "namings";
    CountResults => "年度成效", "yearly results";
    CountEnterprises => "企业", "enterprises";
    CountAgreements => "工资集体协议", "wage agreements";
    CountPayouts => "发放记录", "payouts";
    CountHardship => "困难档案", "hardship files";
    CountUnions => "基层工会", "base-level unions";
    CountUnionFigures => "按统计日期的会员人数", "membership figures by date";
    CountCarriers => "载体", "carriers";
    CountProgrammes => "载体项目", "programmes";
    CountBatches => "批次", "batches";
    CountRevocations => "撤销命名", "revocations";
    CountAdvisers => "顾问", "advisers";
    CountApplications => "申报记录", "applications";
    CountPolicy => "政策参数", "policy values";
    ColDeleted => "删除", "Deleted";
    EditKeyPeople => "身份证号", "the ID number";
    EditKeyNumber => "编号（union people show / union studios show 列出）", "the number (listed by union people show / union studios show)";
    EditKeyStudio => "工作室名称", "the studio's name";
    EditKeyResult => "“工作室名称/年份”", "\"studio name/year\"";
    EditKeyEnterprise => "统一社会信用代码", "the credit code";
    EditKeyUnion => "工会名称", "the union's name";
    EditKeyCarrier => "类型/名称/级别，如 职工书屋/大吴街道职工书屋/市级", "type/name/level, e.g. 职工书屋/大吴街道职工书屋/市级";
    EditKeyAgreement => "“信用代码/生效日期”", "\"credit code/effective date\"";
    EditKeyPayout => "凭证号或编号（union payouts list 列出）", "the voucher or the number (listed by union payouts list)";
    EditKeyHardship => "“身份证号/建档日期”", "\"ID number/date opened\"";
    EditNotFound { key, kind } => "未找到“{key}”；请用{kind}指明记录", "\"{key}\" not found; name the record by {kind}";
    EditUnknownField { name, fields } => "没有“{name}”这一项；可改的有：{fields}", "no field \"{name}\"; the fields are: {fields}";
    EditBadAssignment { given } => "“{given}”不是 字段=值 的形式", "\"{given}\" is not FIELD=VALUE";
    EditNothing => "没有要改的：请给出 字段=值 或 --clear 字段", "nothing to change: give FIELD=VALUE or --clear FIELD";
    EditKeyChange { field } => "“{field}”是别的记录引用这条记录所用的键，不能修改：请删除后重新录入", "\"{field}\" is the key other records refer to this one by and cannot be edited: delete the record and enter it again";
    EditChange { field, before, after } => "{field}“{before}”→“{after}”", "{field} \"{before}\" → \"{after}\"";
    EditRefused { key } => "未修改“{key}”：", "\"{key}\" not changed:";
    EditIssue { column, value, reason } => "“{column}”列 值“{value}”：{reason}", "column \"{column}\", value \"{value}\": {reason}";
    EditStudioSubsidy => "工作室补贴随命名记录，不能单独删除：请撤销或删除那次命名（补贴随之删除）", "a studio subsidy belongs to its naming and is not deleted on its own: undo or delete the naming (the subsidy goes with it)";
    EditWouldMerge { key } => "未修改“{key}”：改后的键与另一条已有记录相同；请直接修改或删除那一条", "\"{key}\" not changed: its new key is another record's; edit or delete that record instead";
    EditNamingLevelPaid { key } => "未修改“{key}”：这次命名已发一次性补贴，不能改级别；请撤销（union undo）或删除这次命名后重新命名", "\"{key}\" not changed: this naming's one-time subsidy was paid, so its level cannot change; undo or delete the naming and name the studio again";
    EditCannotClear { field } => "“{field}”不能清空，只能改为别的值", "\"{field}\" cannot be emptied, only changed";
    EditUnchanged { key } => "“{key}”没有变化", "\"{key}\" is unchanged";
    EditDone { key, changes } => "已修改“{key}”：{changes}", "changed \"{key}\": {changes}";
    DeleteDependant { table, count } => "{table} {count} 条", "{table}: {count}";
    DeleteRefused { key, dependants } => "不能删除“{key}”：还有{dependants}引用它；请先删除或修改这些记录", "cannot delete \"{key}\": other records still refer to it ({dependants}); delete or change those first";
    DeleteDone { key, records } => "已删除“{key}”（共 {records} 条记录，含随之删除的荣誉、命名等）", "deleted \"{key}\" ({records} {{record|records}}, with the honours, namings etc. that go with it)";
    WarnYearlessHonours { honours } => "{honours} 条荣誉没有获评年份：不计入任何年度的新增劳模；以后的名册补上年份会补全这几条，不会重复", "{honours} {{honour has|honours have}} no year: they count as new in no year; a later roster that gives the year completes them, it does not add copies";
    DistrictSet { district } => "本库所属地区：{district}（此后没有所属地区的人员、工作室、企业都记为这个地区）", "this database's district: {district} (people, studios and enterprises that arrive without one get it)";
    DistrictCleared => "本库不再设所属地区", "this database has no district set";
    OfficeCitySet { city } => "本会所在市：{city}（只写“市”的称号记为该市授予）", "the office's city: {city} (a title naming only 市 was awarded by it)";
    OfficeCityCleared => "本库不再设所在市", "this database has no city set";
    HonourNotFound { number } => "没有编号为 {number} 的荣誉（编号见 people show）", "no honour numbered {number} (the numbers are in `people show`)";
    HonourAlreadyRevoked { name, title, on, why } => "{name} 的“{title}”已于 {on} 取消（{why}），未再改动", "{name}'s {title} was already revoked on {on} ({why}): nothing changed";
    HonourRevokedBeforeAward { date, year } => "取消日期 {date} 早于获评年份 {year}", "the date {date} is before the year the honour was awarded, {year}";
    HonourRevoked { name, title, from, reason } => "已取消 {name} 的“{title}”，自 {from} 起不再计入劳模待遇、名单和统计：{reason}", "revoked {name}'s {title}: from {from} it no longer counts for treatment, rosters or figures: {reason}";
    RecordsLine { parts } => "写入记录：{parts}", "records written: {parts}";
    RecordsAdded { added } => "新增 {added}", "{added} added";
    RecordsChanged { updated } => "更新 {updated}", "{updated} updated";
    // Separators: ListSep between phrases (新增 1，更新 2), ItemSep between the items of an
    // enumeration (甲、乙、丙: `i18n::list`), PartSep between clauses (`i18n::clauses`).
    ListSep => "，", ", ";
    PartSep => "；", "; ";
    ItemSep => "、", ", ";
    WriteBatch { batch } => "批次 {batch}（撤销：union undo {batch}）", "batch {batch} (to undo: union undo {batch})";
    UndoMissingParent { batch } => "不能撤销批次 {batch}：它要恢复的记录所属的人员、工作室或企业已被之后的批次删除；请先撤销那个批次", "cannot undo batch {batch}: a record it would put back belongs to a person, studio or enterprise a later batch deleted; undo that batch first";
    UndoOccupied { batch, table } => "不能撤销批次 {batch}：它删除或改名的记录已被后来的记录占用了身份证号、名称或凭证号（{table}）；请先撤销或修改后来的记录", "cannot undo batch {batch}: a later record now holds the ID number, name or voucher of a record it deleted or renamed ({table}); undo or change the later record first";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_are_filled_by_name_in_each_language() {
        let m = say::RowIssueNoColumn {
            file: &"a.csv",
            row: &5,
            reason: &"必填",
        };
        assert_eq!(m.text(Lang::Zh), "a.csv 第5行：必填");
        assert_eq!(m.text(Lang::En), "a.csv row 5: 必填");
        // A hole written twice takes its one value twice.
        let m = say::WriteBatch { batch: &7 };
        assert_eq!(m.text(Lang::En), "batch 7 (to undo: union undo 7)");
    }

    #[test]
    fn a_counted_noun_agrees_with_its_count() {
        let read = |rows: &dyn Display, skipped: &dyn Display| {
            say::ImportSummaryNothingWritten {
                rows,
                refused: &0,
                skipped,
            }
            .text(Lang::En)
        };
        assert_eq!(
            read(&1, &2),
            "read 1 row: 0 refused, 2 skipped; nothing was written"
        );
        assert_eq!(
            read(&0, &1),
            "read 0 rows: 0 refused, 1 skipped; nothing was written"
        );
        assert_eq!(
            read(&"1", &0),
            "read 1 row: 0 refused, 0 skipped; nothing was written"
        );
        assert_eq!(
            read(&11, &0),
            "read 11 rows: 0 refused, 0 skipped; nothing was written"
        );
        // A mark agrees with the hole written last before it, not with the text next to it.
        let merged = |cells: &dyn Display| {
            say::MergedCellsRead {
                file: &"a.xlsx",
                cells,
                ranges: &"C2:C3",
            }
            .text(Lang::En)
        };
        assert_eq!(
            merged(&1),
            "a.xlsx: 1 vertically merged cell is read on every row it covers (C2:C3)"
        );
        assert_eq!(
            merged(&2),
            "a.xlsx: 2 vertically merged cells are read on every row they cover (C2:C3)"
        );
        // Braces in a value are no mark.
        let m = say::Written {
            path: &"{a|b}.csv",
            records: &1,
        };
        assert_eq!(m.text(Lang::En), "wrote {a|b}.csv (1 record)");
        assert_eq!(counted("{a} {a|b|c} {"), "{a} {a|b|c} {");
    }

    #[test]
    fn lists_and_clauses_join_as_the_language_writes() {
        assert_eq!(list(Lang::En, ["a", "b"]), "a, b");
        assert_eq!(clauses(Lang::En, ["a", "b"]), "a; b");
        assert_eq!(list(Lang::Zh, ["甲", "乙"]), "甲、乙");
        assert_eq!(clauses(Lang::Zh, ["甲", "乙"]), "甲；乙");
        assert_eq!(list(Lang::Zh, Vec::<String>::new()), "");
    }

    /// A message made where no language is known is worded where it is read, in the
    /// reader's language, its holes as given; the causes after it, each in that language.
    #[test]
    fn a_said_message_is_worded_in_the_language_of_the_reader() {
        let inner = say::DbMissing { db: &"a.db" }.said();
        assert_eq!(inner.name(), "DbMissing");
        let outer = say::DbCannotOpen { db: &"b.db" }.said().because(inner);
        let err = anyhow::Error::new(outer).context("外层");
        assert_eq!(
            error_text(Lang::En, &err),
            "外层: cannot open database b.db (damaged, or not an SQLite database?): \
             database a.db does not exist: run `union init` first, or pass --db"
        );
        assert_eq!(
            error_text(Lang::Zh, &err),
            "外层: 无法打开数据库 b.db（文件损坏或不是 SQLite 数据库？）: \
             数据库文件 a.db 不存在：先运行 union init，或用 --db 指定文件"
        );
        // A plain error's words are its own; a list joins as the language writes.
        let io = std::io::Error::new(std::io::ErrorKind::Other, "disk full");
        let err = anyhow::Error::new(Msg::Yes.said().because(io));
        assert_eq!(error_text(Lang::En, &err), "yes: disk full");
        // A library's causes that repeat each other are said once, in the longer wording;
        // ours are never dropped.
        #[derive(Debug)]
        struct Lib(&'static str, Option<Box<Lib>>);
        impl std::fmt::Display for Lib {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.0)
            }
        }
        impl std::error::Error for Lib {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                self.1.as_deref().map(|l| l as _)
            }
        }
        let sqlite = Lib(
            "not a db",
            Some(Box::new(Lib(
                "not a db",
                Some(Box::new(Lib("code 26: not a db", None))),
            ))),
        );
        let err = anyhow::Error::new(Msg::Yes.said().because(sqlite));
        assert_eq!(error_text(Lang::En, &err), "yes: code 26: not a db");
        let err = anyhow::Error::new(Msg::Yes.said().because(Msg::Yes.said()));
        assert_eq!(error_text(Lang::En, &err), "yes: yes");
        let err = anyhow::Error::new(Lib("a", Some(Box::new(Lib("b", None)))));
        assert_eq!(error_text(Lang::En, &err), "a: b");
        let both = Said::all(vec![
            Said::list(vec!["x".into(), "y".into()]),
            Msg::Yes.said(),
        ]);
        assert_eq!(both.text(Lang::En), "x, y, yes");
        assert_eq!(both.text(Lang::Zh), "x，y，是");
        assert_eq!(format!("{both}"), "x，y，是");
    }

    /// Every number mark follows a hole (its count) and only English has them; no English
    /// template carries Chinese separators between its words.
    #[test]
    fn number_marks_follow_a_count_and_english_has_no_chinese_separators() {
        for &(name, zh, en) in say::ALL {
            // A positional hole left from before holes were named would print as `{}`.
            assert!(!zh.contains("{}") && !en.contains("{}"), "{name}");
            assert!(!zh.contains('|'), "{name}: {zh}");
            for (i, _) in en.match_indices("{{") {
                if number_mark(&en[i + 1..]).is_some() {
                    let before = en[..i].replace("{{", "");
                    assert!(before.contains('{'), "{name}: {en}");
                }
            }
            assert!(
                !en.contains(['、', '；', '，', '：', '（', '）']),
                "{name}: {en}"
            );
        }
    }
}
