//! The command line: every command and flag, with worked examples (clap derive only).
//!
//! Help text is Chinese with the English alias beside it, since clap's derive needs it at
//! compile time; every message printed at run time comes from the catalogue in `i18n`.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::domain::codes::{
    CarrierLevel, HardshipType, LeaderRule, Level, PayoutCategory, PersonStatus, RevocationCase,
    StudioKind, StudioLevel, UnionForm,
};
use crate::domain::payout_rules::Program;
use values::{date, words, year};

pub mod values;

#[derive(Debug, Parser)]
#[command(
    name = "union",
    version,
    about = "工会台账：劳模、创新工作室、工资集体协商、福利发放 (trade-union records)",
    long_about = "工会台账命令行工具：把散落的 Excel 台账导入一个 SQLite 文件，查询、核对资格、出年终统计报表。\n\
                  Trade-union records: import Excel ledgers into one SQLite file, query them, check eligibility, report.",
    after_help = "示例 Examples:\n  \
        union demo                                   用 examples/ 建演示库 demo.db\n  \
        union init                                   建库 union.db（或 --db 指定）\n  \
        union import people 劳模花名册.xlsx            导入劳模花名册\n  \
        union import payouts 发放.csv --dry-run       只校验不写入\n  \
        union people list --level city --district 梁溪区\n  \
        union people show 32020219620315951X\n  \
        union --lang en --format json payouts list --year 2025"
)]
pub struct Cli {
    /// 数据库文件 (database file)
    #[arg(
        long,
        global = true,
        env = "UNION_DB",
        hide_env_values = true,
        default_value = "union.db"
    )]
    pub db: PathBuf,

    /// 界面语言 (language): zh | en
    #[arg(long, global = true, env = "UNION_LANG", value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,

    /// 输出格式 (output format): table | csv | json
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// 写入文件而不是屏幕 (write to FILE: .csv, .xlsx or .json)
    #[arg(short = 'o', long = "output", global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// 列表中显示完整身份证号和手机号 (show ID and mobile numbers unmasked)
    #[arg(long, global = true)]
    pub unmask: bool,

    /// 审计密钥文件：日志与数据的封印改用 HMAC，没有密钥无法伪造；也可用环境变量 UNION_AUDIT_KEY
    /// (audit key file: the log and data seals become HMACs that cannot be forged without it;
    /// or set UNION_AUDIT_KEY)
    #[arg(long, global = true, value_name = "FILE")]
    pub key_file: Option<PathBuf>,

    /// 颜色：auto（终端上才有，NO_COLOR 可关闭）| never | always (colour: auto | never | always)
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// 屏幕上只显示前 N 条 (show only the first N rows of a list on screen)
    #[arg(long, global = true, value_name = "N", conflicts_with = "all",
          value_parser = positive_count)]
    pub limit: Option<usize>,

    /// 屏幕上显示全部（默认超过一屏时只显示前几屏的行数）(show every row on screen; by default a list longer than the screen shows its first rows)
    #[arg(long, global = true)]
    pub all: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Never,
    Always,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl Cli {
    /// The language asked for.
    pub fn lang(&self) -> crate::i18n::Lang {
        match self.lang {
            LangArg::Zh => crate::i18n::Lang::Zh,
            LangArg::En => crate::i18n::Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 建立或升级数据库 (create or upgrade the database)
    #[command(
        after_help = "示例 Example:\n  union init\n  union --db 梁溪区.db init --district 梁溪区\n\n\
        --district：本库所属地区。此后导入或录入的人员、工作室、企业没有所属地区的，都记为这个地区\n\
        （发放、困难档案导入里新出现的人也一样），报表按地区统计时不会漏掉。可随时再设，记入日志；\n\
        --district \"\" 取消。\n\
        --district: the office's district, given to every person, studio and enterprise that arrives\n\
        without one (payout and hardship recipients too); set again at any time (logged); \"\" clears it.\n\n\
        --city：本会所在市（如 无锡市，设置项 office.city）。只写“市劳动模范”的称号记为该市授予；\n\
        江阴市、宜兴市等县级市（及政策参数 honour.county_level_cities 所列）授予的称号记为区县级。\n\
        --city: the office's city (setting office.city, e.g. 无锡市): a title naming only 市 was awarded by\n\
        it; titles of county-level cities (江阴市, 宜兴市 and those in honour.county_level_cities) are\n\
        county level."
    )]
    Init {
        /// 本库所属地区 (the office's district)
        #[arg(long, value_name = "DISTRICT")]
        district: Option<String>,
        /// 本会所在市（如 无锡市）：只写“市劳动模范”的称号记为该市授予 (the office's city: a title
        /// naming only 市 was awarded by it)
        #[arg(long, value_name = "CITY")]
        city: Option<String>,
    },

    /// 用 examples/ 中的台账建立演示库 demo.db 并展示 (build demo.db from the examples)
    #[command(after_help = "示例 Example:\n  union demo\n  union demo /tmp/试用.db")]
    Demo {
        /// 演示库文件（不用 --db，以免写进正式库）(the demo database; never --db, so real data stays apart)
        #[arg(default_value = "demo.db")]
        file: PathBuf,
    },

    /// 列出批次：每次导入、修改、删除、发放录入、命名……都是一个批次 (list every write batch)
    #[command(
        after_help = "示例 Example:\n  union batches\n  union --format json batches\n\n\
        每个写入命令（导入、edit、delete、payout add、studio name、studio revoke、policy set、\n\
        studio adviser add）都是一个批次，打印批次号，可用 union undo 批次号 撤销。\n\
        Every write command is a batch: it prints its number, and `union undo N` takes it back."
    )]
    Batches,

    /// 撤销一个批次：删除它新增的、恢复它修改和删除的 (undo any write batch)
    #[command(after_help = "示例 Example:\n  union batches\n  union undo 7\n\n\
        之后的批次若又改过同一批记录，或有记录依赖它新增的记录，则拒绝撤销（先撤销后来的批次）。\n\
        Refused when a later batch changed the same records or later records depend on what it\n\
        added (undo the later batch first).")]
    Undo {
        /// 批次号（union batches 列出）(the batch number, as `union batches` lists it)
        batch: i64,
    },

    /// 修改一条记录：字段=值，按导入的规则校验 (correct one record, checked as import checks it)
    #[command(after_help = "示例 Example:\n  \
        union edit people 32020219620315951X 姓名=周建华 状态=退休 退休日期=2024-03-01\n  \
        union edit people 32020219620315951X 状态=在职 --clear 去世日期 --reason 误录去世\n  \
        union edit payouts FL2026-0003 金额=800 --reason 金额录错\n  \
        union edit honours 12 获评年份=2015\n  \
        union edit studio-results 周建华劳模创新工作室/2025 经济效益=76.7万\n\n\
        字段用导入的列名（中文或英文，如 姓名/name、金额/amount）；--clear 清空一项。\n\
        修改按导入的同样规则校验（发放规则也在内），有一项不合格就整条不改。\n\
        身份证号、工作室名称、信用代码不能改（它们是别的记录引用的键）：删除后重新录入。\n\
        每次修改是一个批次，可用 union undo 撤销。\n\
        FIELD is an import column name (Chinese or English); --clear empties one. An edit is\n\
        checked exactly as import checks a row, payout rules included, and is refused whole.\n\
        Every edit is a batch that `union undo` takes back.")]
    Edit {
        /// 记录种类 (kind of record)
        #[arg(value_enum)]
        kind: RecordKind,
        /// 哪一条：身份证号、名称、凭证号、编号……（见 KIND 的说明）(which record)
        key: String,
        /// 字段=新值 (FIELD=VALUE)
        #[arg(value_name = "FIELD=VALUE")]
        assignments: Vec<String>,
        /// 清空一项 (empty a field)
        #[arg(long, value_name = "FIELD")]
        clear: Vec<String>,
        /// 修改原因，记入操作日志 (why; kept in the audit log)
        #[arg(long)]
        reason: Option<String>,
    },

    /// 删除一条记录（有发放记录等引用它时拒绝）(delete one record; refused while others refer to it)
    #[command(after_help = "示例 Example:\n  \
        union delete payouts FL2026-0003 --reason 重复录入\n  \
        union delete hardship 32020219620315951X/2024-01-05\n  \
        union delete people 32020219620315951X\n\n\
        删除人员时一并删除其荣誉，删除工作室时一并删除其命名、成效、顾问、申报和撤销记录；\n\
        还有发放记录、困难档案或领衔的工作室引用时拒绝，并列出引用它的记录。可用 union undo 撤销。\n\
        A person goes with their honours, a studio with its namings, results, advisers,\n\
        applications and revocations; anything else referring to it stops the delete.")]
    Delete {
        /// 记录种类 (kind of record)
        #[arg(value_enum)]
        kind: RecordKind,
        /// 哪一条 (which record)
        key: String,
        /// 删除原因，记入操作日志 (why; kept in the audit log)
        #[arg(long)]
        reason: Option<String>,
    },

    /// 导入台账 (import a spreadsheet: CSV UTF-8/GBK, TSV, XLSX, XLS)
    #[command(subcommand)]
    Import(ImportCommand),

    /// 劳模与职工 (people and their honours)
    #[command(subcommand)]
    People(PeopleCommand),

    /// 创新工作室 (innovation studios)
    #[command(subcommand)]
    Studios(StudiosCommand),

    /// 企业 (enterprises)
    #[command(subcommand)]
    Enterprises(EnterprisesCommand),

    /// 工资集体协议 (wage agreements; `agreement` works too)
    #[command(subcommand, visible_alias = "agreement")]
    Agreements(AgreementsCommand),

    /// 发放记录 (welfare payouts)
    #[command(subcommand)]
    Payouts(PayoutsCommand),

    /// 困难职工档案 (hardship files)
    #[command(subcommand)]
    Hardship(HardshipCommand),

    /// 基层工会：列出、查看、届满换届提醒 (base-level unions)
    #[command(subcommand)]
    Unions(UnionsCommand),

    /// 汇总各区（县）的数据库为全市一个库，每条记录只计一次，并列出跨单位冲突 (roll district files up into a city file)
    #[command(
        after_help = "示例 Example:\n  union rollup 梁溪区.db 新吴区.db 锡山区.db -o 全市.db\n  union --db 全市.db report year-end --year 2025\n\n\
        人员按身份证号、企业按信用代码、工作室和工会按名称、其他记录按各自的键，只并入一次：同一人在两个区的名册上\n\
        只算一人（荣誉合并，按最高级别计）。列出的冲突：同一身份证号两个姓名；同一人同一年在两个区领了每年限一次的\n\
        发放；同一人在两个区有同时在档的困难档案。有冲突时退出码为 1。每个区的库是一个批次，可用 union undo 撤销。\n\
        People by ID number, enterprises by credit code, studios and unions by name, other records by\n\
        their keys, each once. Conflicts listed: one ID with two names; a once-a-year category paid by\n\
        two offices in one year; hardship files open at once in two offices (exit 1). Each file is a batch."
    )]
    Rollup {
        /// 各区（县）的数据库文件 (the districts' database files)
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
    },

    /// 载体：职工书屋、模范职工之家/小家、星级示范岗、技能标兵…… (carriers)
    #[command(subcommand)]
    Carriers(CarriersCommand),

    /// 载体命名：按项目声明的标准逐条判断 (carrier naming, judged by the programme's declared criteria)
    #[command(subcommand)]
    Carrier(CarrierCommand),

    /// 载体项目：声明命名标准和带头人要求 (programmes: declare naming criteria and the leader rule)
    #[command(subcommand)]
    Programme(ProgrammeCommand),

    /// 创新工作室命名：申报、命名、撤销、检查、顾问 (studio naming: apply, name, revoke, check, advisers)
    #[command(subcommand)]
    Studio(StudioCommand),

    /// 录入发放记录，按发放规则核对 (record a payout, checked against the payout rules)
    #[command(subcommand)]
    Payout(PayoutCommand),

    /// 慰问活动：活动期间同类发放每人一次 (campaigns: a category paid once per campaign)
    #[command(subcommand)]
    Campaign(CampaignCommand),

    /// 核查已有记录是否违反规则 (audit stored records against the rules)
    #[command(subcommand)]
    Check(CheckCommand),

    /// 应发名单：今年谁该领什么，可填写金额后直接导入 (roster of who is owed a payout this year)
    #[command(after_help = "项目 Programmes:\n  \
        honor-allowance      劳模荣誉津贴：健在、已退休的省部级及以上劳模\n  \
        living-subsidy       劳模生活补助：有在档困难档案的劳模（困难劳模）\n  \
        festival-condolence  春节慰问：市级（参数 roster.festival.min_level）及以上健在劳模，加所有在档困难职工，每人一次\n  \
        health-check         体检：当年尚未体检的健在劳模\n  \
        recuperation         疗休养：未在 payout.once_in_years.recuperation 年内疗休养的健在劳模\n  \
        education-aid        金秋助学：在档困难职工（含脱困未满 hardship.grace_months 个月）\n\n\
        名单的列就是发放导入的列（身份证号、姓名、类别、金额(元)、发放日期、凭证号、备注）；金额和发放日期留空，\n\
        由经办人填写后用 union import payouts 导回。屏幕和文件中的身份证号按规定隐去中间位，\n\
        要生成可回填导入的表必须加 --unmask（The sheet has the payout import columns with 金额 and 发放日期 blank:\n\
        fill them in and import the sheet back. ID numbers are masked unless --unmask, which the fill-in sheet needs.)\n\n\
        示例 Example:\n  \
        union eligible festival-condolence --year 2026\n  \
        union --unmask eligible festival-condolence --year 2026 -o 春节慰问名单.xlsx\n  \
        union import payouts 春节慰问名单.xlsx")]
    Eligible {
        /// 项目 (programme)
        #[arg(value_parser = words::<Program>())]
        program: Program,
        /// 年度 (year)
        #[arg(long, value_parser = year)]
        year: i32,
        /// 判断健在、退休、困难档案的日期（默认：今天，若不在该年度内则取该年度最后一天或第一天）
        /// (the date status and files are judged on; default today, clamped into the year)
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<NaiveDate>,
        /// 另写一份发放签收表（.xlsx：标题、序号、签字栏、合计、A4 横向打印）；-o 名单.xlsx 即为签收表
        /// (also write a printable sign sheet; -o X.xlsx writes one too)
        #[arg(long, value_name = "FILE.xlsx")]
        sign_sheet: Option<PathBuf>,
    },

    /// 政策参数：按生效日期取值 (dated policy parameters)
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// 统计报表：年终统计、发放汇总、工作室年度情况 (reports)
    #[command(subcommand)]
    Report(ReportCommand),

    /// 导出台账：Excel 可直接打开的 CSV 或 XLSX (export records to CSV or XLSX)
    #[command(after_help = "示例 Example:\n  \
        union export people -o 劳模名册.xlsx\n  \
        union export payouts -o 发放.csv                      UTF-8 带 BOM，Excel 直接打开\n  \
        union export payouts -o 发放.csv --encoding gbk       GBK（旧版 Excel/WPS）\n  \
        union --unmask export people -o 名册-完整.xlsx        不打码（含完整身份证号、手机号）\n\n\
        身份证号、手机号默认打码；以 = + - @ 制表符 回车 开头的文本前加 ' 防止被当作公式。\n\
        GBK 容纳不下的字符（如生僻字 𠮷）会报错并指出记录和列，改用 UTF-8 或 --encoding gb18030。\n\
        ID and mobile numbers are masked unless --unmask; text that a spreadsheet would run as a\n\
        formula gets a leading apostrophe; a character GBK cannot hold stops a GBK export, naming\n\
        the record and column (use UTF-8, the default, or gb18030).")]
    Export(ExportArgs),

    /// 只读 SQL 查询 (run a read-only SQL query)
    #[command(
        after_help = "示例 Example:\n  union sql \"SELECT district, count(*) FROM people GROUP BY district\"\n  \
                            union --format csv -o 统计.csv sql \"SELECT category, sum(amount)/100.0 FROM payouts GROUP BY 1\""
    )]
    Sql {
        /// SELECT 语句 (a SELECT statement)
        query: String,
        /// 最长运行秒数，超时即停止 (stop the query after this many seconds)
        #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=86_400))]
        timeout: u64,
    },

    /// 操作日志 (the audit log of every write)
    #[command(
        after_help = "示例 Example:\n  union log\n  union log --since 2025-01-01\n  union log --verify\n  \
        union log --verify --expect 3f5a…（上次核对时记下的最新哈希 the newest hash noted last time）\n  \
        union log --accept --reason \"已核实：2025-03-02 财务按原始凭证改正金额\"（核实后接受现状 accept after checking）"
    )]
    Log {
        /// 只看此日期以后 (entries from this date on)
        #[arg(long, value_name = "DATE", value_parser = date)]
        since: Option<NaiveDate>,
        /// 核对日志哈希链与各表数据是否一致 (check the hash chain and every table against it; exit 1 if not)
        #[arg(long)]
        verify: bool,
        /// 与 --verify 同用：最新一条的哈希必须等于 HASH (with --verify: the newest entry's hash must be HASH)
        #[arg(long, value_name = "HASH", requires = "verify")]
        expect: Option<String>,
        /// 核实后接受在 union 之外改动过的数据现状：日志记下原因和改动了哪些表、哪些行，此后按现状核对；须同时给出 --reason (accept the data as it is after changes outside union: the log records why and what differed; needs --reason)
        #[arg(long, requires = "reason", conflicts_with_all = ["verify", "since"])]
        accept: bool,
        /// 接受现状的原因（记入日志）(why the data is accepted, recorded in the log)
        #[arg(long, value_name = "TEXT", requires = "accept")]
        reason: Option<String>,
    },

    /// 全市数据库的各区办公室（仅 PostgreSQL）(the city database's district offices; PostgreSQL only)
    #[command(subcommand)]
    Office(OfficeCommand),

    /// 备份数据库（SQLite 在线备份，写入时也一致）(back up the database)
    #[command(
        after_help = "示例 Example:\n  union backup 备份/union-2026-11-21.db\n\n\
        恢复：停止使用 union，把备份文件复制回原位置（或用 --db 指向它）。\n\
        Restore: stop using union, copy the backup over the database file (or point --db at it)."
    )]
    Backup {
        /// 备份文件（不能已存在）(backup file; must not exist)
        file: PathBuf,
    },

    /// 把整个数据库复制到另一个空数据库：SQLite 文件与 PostgreSQL 之间均可，记录、批次、操作日志原样带过去 (copy a whole database into an empty one, between SQLite files and PostgreSQL either way)
    #[command(
        after_help = "示例 Example:\n  union copy --from union.db --to postgresql://city@db.example/union_city\n          union copy --from postgresql://city@db.example/union_city --to 副本.db\n\n\
        目标必须是空的：新文件、空的 PostgreSQL 数据库，或只运行过 union init 的数据库；两边结构版本须相同。\n\
        复制在一个事务中完成：中途失败或被中断，目标保持原样。复制后在目标上运行 union log --verify 核对。\n\
        The target must be empty (a new file, an empty PostgreSQL database, or one only `union init` has run on), \
        and both of this schema version. The copy is one transaction: stopped half-way, the target is as it was. \
        Check the target with `union log --verify` afterwards."
    )]
    Copy {
        /// 源数据库：文件或 postgresql:// 连接串（只读取）(the database copied: a file or a postgresql:// URL; only read)
        #[arg(long, value_name = "DB")]
        from: PathBuf,
        /// 目标数据库：文件或 postgresql:// 连接串，须为空 (the database written: a file or a postgresql:// URL; must be empty)
        #[arg(long, value_name = "DB")]
        to: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// 劳模花名册 / 人员 (people, one honour per row)
    #[command(
        after_help = "示例 Example:\n  union import people examples/xlsx/people.xlsx\n  union import people 花名册.csv --skip-invalid"
    )]
    People(ImportArgs),
    /// 创新工作室及命名 (studios and their namings)
    #[command(after_help = "示例 Example:\n  union import studios examples/csv/studios.csv")]
    Studios(ImportArgs),
    /// 工作室年度成效 (studios' yearly results)
    #[command(
        name = "studio-results",
        after_help = "示例 Example:\n  union import studio-results examples/csv/studio-results.csv"
    )]
    StudioResults(ImportArgs),
    /// 企业 (enterprises)
    #[command(
        after_help = "示例 Example:\n  union import enterprises examples/gbk/enterprises.csv"
    )]
    Enterprises(ImportArgs),
    /// 工资集体协议 (wage agreements)
    #[command(after_help = "示例 Example:\n  union import agreements examples/csv/agreements.csv")]
    Agreements(ImportArgs),
    /// 福利发放记录 (payouts)
    #[command(
        after_help = "示例 Example:\n  union import payouts examples/csv/payouts.csv --dry-run"
    )]
    Payouts(ImportArgs),
    /// 困难职工档案 (hardship files)
    #[command(after_help = "示例 Example:\n  union import hardship examples/csv/hardship.csv")]
    Hardship(ImportArgs),
    /// 基层工会及会员人数 (base-level unions and their membership)
    #[command(
        after_help = "示例 Example:\n  union import unions 基层工会台账.xlsx\n  union import unions --columns"
    )]
    Unions(ImportArgs),
    /// 载体：职工书屋、模范职工之家/小家、星级示范岗、技能标兵等 (carriers: reading rooms, model homes, star posts …)
    #[command(
        after_help = "示例 Example:\n  union import carriers 职工书屋台账.xlsx\n  union import carriers --columns"
    )]
    Carriers(ImportArgs),
    /// 列出导入批次 (list import batches)
    #[command(
        after_help = "示例 Example:\n  union import list\n  union --format json import list"
    )]
    List,
    /// 撤销一个导入批次：删除它新增的、恢复它修改的 (undo a batch)
    #[command(
        after_help = "示例 Example:\n  union import list\n  union import undo 7\n\n\
        之后的批次若又改过同一批记录，或有记录依赖它新增的记录，则拒绝撤销。\n\
        Refused when a later batch changed the same records or later records depend on what it added."
    )]
    Undo {
        /// 批次编号 (batch id, from `union import list`)
        batch: i64,
    },
}

#[derive(Debug, Default, Args)]
pub struct ImportArgs {
    /// 台账文件 (.csv .tsv .txt .xlsx .xlsm .xls)
    #[arg(required_unless_present = "columns")]
    pub file: Option<PathBuf>,
    /// 列出这类台账认得的全部列名（中英文、别名、是否必填、示例）(list every header this kind accepts)
    #[arg(long, conflicts_with_all = ["dry_run", "skip_invalid", "rejects", "sheet"])]
    pub columns: bool,
    /// 工作表名（默认第一个）；all 为表头可识别的全部工作表，作为一个批次导入 (sheet name; default the first; all: every sheet with a recognised header, as one batch)
    #[arg(long)]
    pub sheet: Option<String>,
    /// 文本编码 (text encoding of CSV files)
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    pub encoding: EncodingArg,
    /// 只校验，不写入 (validate and report without writing)
    #[arg(long)]
    pub dry_run: bool,
    /// 写入合格的行，不合格的行写入退回文件 (write the valid rows, the refused ones to a rejects file)
    #[arg(long)]
    pub skip_invalid: bool,
    /// 退回文件路径，.xlsx 即为工作簿（默认 FILE.rejects.csv，工作簿台账为 FILE.rejects.xlsx）(rejects file; .xlsx gives a workbook; default FILE.rejects.csv, or .xlsx for a workbook)
    #[arg(long, value_name = "PATH")]
    pub rejects: Option<PathBuf>,
    /// 表头更像另一类台账时仍按 KIND 导入 (import as KIND even when the header fits another kind better)
    #[arg(long)]
    pub kind_anyway: bool,
    /// 把某个表头当作某一项读入，可多次使用，如 --map 慰问金额=金额 (read a header as a field; repeatable)
    #[arg(long = "map", value_name = "表头=字段")]
    pub map: Vec<String>,
    /// 不读入这一列，可多次使用，如 --ignore-column 手机号（表头像某一项却不是它时，或有两列同名时）(leave a column unread; repeatable)
    #[arg(long = "ignore-column", value_name = "表头")]
    pub ignore_column: Vec<String>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    #[default]
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(alias = "gb18030", alias = "gb2312")]
    Gbk,
}

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// 列出人员 (list people)
    #[command(
        after_help = "示例 Example:\n  union people list --level provincial\n  union people list --status 退休 --district 梁溪区\n  union people list --name 张 --format csv -o 名单.csv"
    )]
    List(PeopleFilter),
    /// 查看一人：荣誉、发放、困难档案 (one person with honours, payouts and hardship files)
    #[command(
        after_help = "示例 Example:\n  union people show 32020219620315951X\n  union people show 周建华"
    )]
    Show {
        /// 身份证号或姓名 (ID number or name)
        key: String,
    },
    /// 取消称号：自该日起不再享受劳模待遇 (revoke an honour: its treatment stops from that day)
    #[command(
        after_help = "示例 Example:\n  union people show 周建华\n  union people revoke-honour 12 --date 2025-03-10 --reason 违纪被撤销称号\n\n\
        荣誉编号见 people show 的“编号”列。撤销日当天起该称号不再计入劳模待遇、名单和年终统计；\n\
        可用 union undo 撤回。\n\
        The honour's number is in the first column of `people show`. From the day given the title no longer\n\
        counts for treatment, rosters or the year-end figures; `union undo` takes it back."
    )]
    RevokeHonour {
        /// 荣誉编号 (the honour's number, from `people show`)
        number: i64,
        /// 取消称号日期 (the day it stops counting)
        #[arg(long, value_parser = date)]
        date: NaiveDate,
        /// 取消原因 (why)
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct PeopleFilter {
    /// 最高荣誉级别 (highest model-title level)
    #[arg(long, value_parser = words::<Level>())]
    pub level: Option<Level>,
    /// 状态 (status)
    #[arg(long, value_parser = words::<PersonStatus>())]
    pub status: Option<PersonStatus>,
    /// 所属地区 (district)
    #[arg(long)]
    pub district: Option<String>,
    /// 姓名包含 (name contains)
    #[arg(long)]
    pub name: Option<String>,
    /// 只列出劳模（有劳模称号）(labour models only)
    #[arg(long)]
    pub models: bool,
}

#[derive(Debug, Subcommand)]
pub enum StudiosCommand {
    /// 列出工作室 (list studios)
    #[command(
        after_help = "示例 Example:\n  union studios list --level city\n  union studios list --kind 职工创新工作室 --district 梁溪区"
    )]
    List(StudioFilter),
    /// 查看一个工作室 (one studio with namings and results)
    #[command(after_help = "示例 Example:\n  union studios show 周建华劳模创新工作室")]
    Show {
        /// 工作室名称或编号 (studio name or id)
        key: String,
    },
}

#[derive(Debug, Args)]
pub struct StudioFilter {
    /// 当前最高命名级别 (current highest level)
    #[arg(long, value_parser = words::<StudioLevel>())]
    pub level: Option<StudioLevel>,
    /// 类型 (kind)
    #[arg(long, value_parser = words::<StudioKind>())]
    pub kind: Option<StudioKind>,
    /// 所属地区 (district)
    #[arg(long)]
    pub district: Option<String>,
    /// 名称包含 (name contains)
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EnterprisesCommand {
    /// 列出企业 (list enterprises)
    #[command(
        after_help = "示例 Example:\n  union enterprises list --district 新吴区 --has-union yes"
    )]
    List(EnterpriseFilter),
    /// 查看一家企业及其协议 (one enterprise with its agreements)
    #[command(after_help = "示例 Example:\n  union enterprises show 91320200MA1MXXXXXX")]
    Show {
        /// 统一社会信用代码或名称 (credit code or name)
        key: String,
    },
}

#[derive(Debug, Args)]
pub struct EnterpriseFilter {
    /// 所属地区 (district)
    #[arg(long)]
    pub district: Option<String>,
    /// 是否建会 (has a union)
    #[arg(long, value_parser = words::<bool>())]
    pub has_union: Option<bool>,
    /// 名称包含 (name contains)
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AgreementsCommand {
    /// 列出工资集体协议 (list wage agreements)
    #[command(
        after_help = "示例 Example:\n  union agreements list --year 2025\n  union agreements list --district 梁溪区"
    )]
    List(AgreementFilter),
    /// 查看一份协议 (one agreement, by its number)
    Show {
        /// 协议编号 (agreement id)
        key: String,
    },
    /// 即将到期的协议（已续签的不列）(agreements expiring soon; renewed ones left out)
    #[command(
        after_help = "示例 Example:\n  union agreement expiring --within 60\n  union agreement expiring --within 30 --date 2026-12-01 -o 到期提醒.xlsx\n\n\
        列出到期日期在 DATE 至 DATE+DAYS（含）之间、且没有更晚生效的续签协议的协议，按到期日期排序。\n\
        Lists agreements expiring from DATE to DATE+DAYS inclusive that no later agreement of the\n\
        same enterprise has replaced, soonest first."
    )]
    Expiring {
        /// 多少天内到期（默认 60）(days ahead; default 60)
        #[arg(long, value_name = "DAYS", default_value_t = 60)]
        within: u32,
        /// 从哪天算起（默认今天）(count from this date; default today)
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// 年终统计报表 (the year-end statistics table)
    #[command(
        name = "year-end",
        after_help = "示例 Example:\n  \
        union report year-end --year 2026\n  \
        union report year-end --year 2026 --district 梁溪区 -o 2026年终统计.xlsx\n  \
        union report year-end --year 2026 --by-district -o 2026年终统计.xlsx   合计和各地区各一张表\n  \
        union report year-end --from 2025-10-01 --to 2026-09-30     全总统计年度\n  \
        union --format json report year-end --year 2026\n  \
        union --format csv report year-end --year 2026              key,分类,指标,数值\n\n\
        口径（“期末”指 12 月 31 日或 --to）：\n  \
        人数只算期末在世的人，每人按最高级别计一次；荣誉只有年份，视为当年 1 月 1 日获得。\n  \
        models.new：第一个劳模称号在本期内；models.retired：期末已退休的劳模。\n  \
        studios.LEVEL：期末有效的最高命名级别（撤销之后的命名才算）；studios.named.LEVEL：本期命名；\n  \
        studios.batches.LEVEL：截至期末的不同批次数（无批次号的按命名日期各算一批）；\n  \
        studios.results.*：12 月 31 日落在本期的年度成效（自然年即当年）。\n  \
        企业按台账现状统计；agreements.enterprises：已建会且本期内任一天有有效协议的企业；\n  \
        agreements.coverage_rate = 上项 ÷ enterprises.with_union，百分比，四舍五入到一位小数；\n  \
        agreements.workers_covered：每家企业取本期内最后生效的协议，续签不重复计算；\n  \
        women_contract.rate：已建会企业中签订女职工专项合同的比例。\n  \
        payouts.*：本期发放；people 为不同受领人（工作室补贴为工作室）；--district 按受领人所属地区。\n  \
        hardship.open：期末未脱困、且本人期末在世的档案；opened/closed：本期建档/脱困。\n\
        Definitions (\"the end\" is 31 December or --to): people alive at the end, each once at their\n\
        highest level; an honour's year counts from 1 January; coverage rate = unionised enterprises\n\
        with an agreement in force on any day of the window / unionised enterprises, one decimal,\n\
        half up; workers covered from each enterprise's latest agreement in the window; payouts paid\n\
        in the window, recipients counted once; hardship files open at the end, of living people."
    )]
    YearEnd(YearEndArgs),
    /// 发放汇总：按类别、月份或地区 (payouts summed by category, month or district)
    #[command(
        after_help = "示例 Example:\n  union report payouts --year 2026\n  union report payouts --year 2026 --by month\n  union report payouts --year 2026 --by district -o 发放汇总.xlsx"
    )]
    Payouts(PayoutsReportArgs),
    /// 工作室年度情况：级别、本年命名、年度成效、补贴 (each studio's year)
    #[command(
        after_help = "示例 Example:\n  union report studios --year 2025\n  union report studios --year 2025 --district 梁溪区 -o 工作室2025.xlsx"
    )]
    Studios(StudiosReportArgs),
    /// 慰问活动汇总：人数、户数、笔数、金额 (a campaign's people, households, payouts, amount)
    #[command(
        after_help = "户数：受领人最近一份困难档案（活动结束日前建档）有户号的按户号计，否则按人计。\n\
        Households: by the 户号 of the recipient's latest hardship file opened by the campaign's\n\
        last day, else one per person.\n\n\
        示例 Example:\n  union report campaign 2025年元旦春节送温暖\n  union --format json report campaign 2025年元旦春节送温暖"
    )]
    Campaign {
        /// 活动名称 (campaign name)
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct YearEndArgs {
    /// 统计年度（默认今年）(the year; default this year)
    #[arg(long, conflicts_with_all = ["from", "to"], value_parser = year)]
    pub year: Option<i32>,
    /// 只统计该地区 (one district only)
    #[arg(long)]
    pub district: Option<String>,
    /// 先出全部，再逐个地区各出一份：工作簿中每个地区一张工作表，CSV 加“所属地区”列
    /// (the whole file, then each district on file: a sheet each in a workbook, a district
    /// column in CSV)
    #[arg(long, conflicts_with = "district")]
    pub by_district: bool,
    /// 报告期起始日，代替自然年 (window start, instead of a calendar year)
    #[arg(long, value_name = "DATE", requires = "to", value_parser = date)]
    pub from: Option<NaiveDate>,
    /// 报告期截止日 (window end)
    #[arg(long, value_name = "DATE", requires = "from", value_parser = date)]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct PayoutsReportArgs {
    /// 发放年份（默认今年）(year paid; default this year)
    #[arg(long, value_parser = year)]
    pub year: Option<i32>,
    /// 汇总方式 (group by)
    #[arg(long, value_enum, default_value_t = PayoutsBy::Category)]
    pub by: PayoutsBy,
    /// 只统计该地区的受领人 (recipients of one district only)
    #[arg(long)]
    pub district: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PayoutsBy {
    Category,
    Month,
    District,
}

#[derive(Debug, Args)]
pub struct StudiosReportArgs {
    /// 年度（默认今年）(the year; default this year)
    #[arg(long, value_parser = year)]
    pub year: Option<i32>,
    /// 只列该地区的工作室 (one district only)
    #[arg(long)]
    pub district: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 台账种类 (what to export)
    #[arg(value_enum)]
    pub kind: RecordKind,
    /// CSV 文件编码 (text encoding of a CSV file)
    #[arg(long, value_enum, default_value_t = ExportEncoding::Utf8)]
    pub encoding: ExportEncoding,
}

/// The kinds of record `union export` writes and `union edit` / `union delete` reach; after
/// the colon, the KEY edit and delete name one by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordKind {
    /// 人员（每人一行）：身份证号
    People,
    /// 荣誉（每个称号一行）：编号（union people show 的荣誉“编号”列）
    Honours,
    /// 工作室：名称
    Studios,
    /// 工作室命名（每次命名一行）：编号（union studios show 的命名“编号”列）
    Namings,
    /// 工作室年度成效：工作室名称/年份
    StudioResults,
    /// 企业：统一社会信用代码
    Enterprises,
    /// 工资集体协议：信用代码/生效日期
    Agreements,
    /// 发放记录：凭证号（无凭证号的用 union payouts list 的“编号”）
    Payouts,
    /// 困难职工档案：身份证号/建档日期
    Hardship,
    /// 基层工会：工会名称
    Unions,
    /// 载体（每次命名一行）：类型/名称/级别
    Carriers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportEncoding {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    Gbk,
    Gb18030,
}

#[derive(Debug, Args)]
pub struct AgreementFilter {
    /// 在该年内有效 (in force during YEAR)
    #[arg(long, value_parser = year)]
    pub year: Option<i32>,
    /// 所属地区 (district)
    #[arg(long)]
    pub district: Option<String>,
    /// 企业名称包含 (enterprise name contains)
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PayoutsCommand {
    /// 列出发放记录 (list payouts)
    #[command(
        after_help = "示例 Example:\n  union payouts list --year 2025 --category 春节慰问\n  union payouts list --name 周建华"
    )]
    List(PayoutFilter),
    /// 查看一条发放记录 (one payout, by voucher number or id)
    Show {
        /// 凭证号或编号 (voucher number or id)
        key: String,
    },
}

#[derive(Debug, Args)]
pub struct PayoutFilter {
    /// 发放年份 (year paid)
    #[arg(long, value_parser = year)]
    pub year: Option<i32>,
    /// 类别 (category)
    #[arg(long, value_parser = words::<PayoutCategory>())]
    pub category: Option<PayoutCategory>,
    /// 所属地区 (recipient's district)
    #[arg(long)]
    pub district: Option<String>,
    /// 姓名包含 (recipient name contains)
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CarriersCommand {
    /// 列出载体（每次命名一行）(list carriers, one naming a row)
    #[command(
        after_help = "示例 Example:\n  union carriers list --type 职工书屋 --level 全国\n  union carriers list --district 贾汪区"
    )]
    List {
        /// 类型 (programme)
        #[arg(long = "type", value_name = "TYPE")]
        programme: Option<String>,
        /// 级别 (level)
        #[arg(long, value_parser = words::<CarrierLevel>())]
        level: Option<CarrierLevel>,
        /// 所属地区 (district)
        #[arg(long)]
        district: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CarrierCommand {
    /// 判断一个载体能否命名为某级别，逐条说明 (judge a carrier for a level, rule by rule)
    #[command(
        after_help = "示例 Example:\n  union carrier apply 数控班 --level 二星 --date 2026-03-01\n  union --format json carrier apply 大吴街道职工书屋 --level 市级\n\n\
        规则：级别符合该类载体的命名方式（星级示范岗按星级，其他按级别）；达到 union programme set 声明的全部标准\n\
        （载体台账“达标项”列所列）；带头人要求为 any-honour 时，带头人健在且有劳模称号或五一奖章，或是其他载体\n\
        （如技能标兵）的带头人；尚未命名为该级别或更高级别。只判断，不记录。退出码 0 符合，1 不符合。\n\
        Rules: the level fits the programme; every declared criterion is met (the 达标项 column); with\n\
        --leader any-honour, the leader is alive and holds an honour or leads another programme's carrier;\n\
        not yet named at this level or higher. Judges only, records nothing. Exit 0 eligible, 1 not."
    )]
    Apply {
        /// 载体名称 (carrier name)
        name: String,
        /// 申报级别 (level asked)
        #[arg(long, value_parser = words::<CarrierLevel>())]
        level: CarrierLevel,
        /// 类型（同名载体在多个项目中时必填）(programme; needed when the name is in several)
        #[arg(long = "type", value_name = "TYPE")]
        programme: Option<String>,
        /// 判断日期（默认今天）(date judged on; default today)
        #[arg(long, value_parser = date)]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OfficeCommand {
    /// 添加一个区办公室：建立它的登录名，它只能查看和修改本地区的记录 (add a district office)
    #[command(
        after_help = "示例 Example:\n  union --db postgresql://wuxi_admin@db.example/union office add 梁溪区 --login liangxi --password-stdin < 梁溪区密码.txt\n\n\
        由市总工会管理员在 PostgreSQL 上的全市数据库里运行。办公室用这个登录名连接同一数据库\n\
        （postgresql://liangxi@…/union），只看得到、改得了本地区的记录，新录入的记录自动记为本地区。\n\
        密码从标准输入读第一行，只把本机算出的 SCRAM-SHA-256 校验值发给服务器，不出现在命令行或日志里。\n\
        Run by a city administrator on the city-wide PostgreSQL database. The office connects to the\n\
        same database with this login, sees and changes only its district's records, and what it\n\
        adds gets its district. The password is the first line of standard input; only its\n\
        SCRAM-SHA-256 verifier, computed here, reaches the server, never the command line or the log."
    )]
    Add {
        /// 地区，如 梁溪区 (the district)
        district: String,
        /// 办公室的登录名（小写字母、数字、下划线）(the office's login: lower-case letters, digits, _)
        #[arg(long)]
        login: String,
        /// 从标准输入读入密码（第一行）(read the password from standard input, first line)
        #[arg(long)]
        password_stdin: bool,
    },
    /// 列出各区办公室 (list the offices)
    #[command(after_help = "示例 Example:\n  union office list")]
    List,
}

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// 登记一次慰问活动 (name a campaign)
    #[command(
        after_help = "活动期间（起止日都算）该类别的发放每人只计一次，代替该类别的年度（季）：\n\
        活动内的发放只与同一活动内的相比，活动外的发放只与同一年度内活动外的相比。\n\
        同一类别的活动不得重叠。每次登记记为一个批次，可用 union undo 撤销。\n\
        Within a campaign (both days included) the category is paid once per person, in place of\n\
        its season; payouts outside campaigns count in their season apart from them. Campaigns of\n\
        one category may not overlap.\n\n\
        示例 Example:\n  union campaign add 2025年元旦春节送温暖 --category 春节慰问 --from 2024-12-01 --to 2025-02-28 --ref 锡工〔2024〕58号"
    )]
    Add {
        /// 活动名称 (campaign name)
        name: String,
        /// 发放类别 (payout category, label or code)
        #[arg(long)]
        category: String,
        /// 开始日期 (first day)
        #[arg(long, value_name = "DATE")]
        from: String,
        /// 结束日期 (last day)
        #[arg(long, value_name = "DATE")]
        to: String,
        /// 文号 (the document that runs it)
        #[arg(long = "ref", value_name = "文号")]
        reference: Option<String>,
    },
    /// 列出全部慰问活动 (list campaigns)
    #[command(
        after_help = "示例 Example:\n  union campaign list\n  union campaign list -o 慰问活动.xlsx"
    )]
    List,
}

#[derive(Debug, Subcommand)]
pub enum ProgrammeCommand {
    /// 声明或修改一个项目的命名标准 (declare or change a programme's criteria)
    #[command(
        after_help = "示例 Example:\n  union programme set 星级示范岗 --criteria 有团队,有场地,有经费,有管理,有标志,有成效 --leader any-honour\n  \
        union programme set 巾帼文明岗 --criteria 有团队,有成效\n\n\
        --leader any-honour：带头人须有荣誉（劳模称号、五一劳动奖章，或是其他载体如技能标兵、岗位标兵、金牌工人的带头人：三创链条）；\n\
        none（默认）不限。星级示范岗按星级命名，其他内置项目按级别；新项目加 --stars 按星级。"
    )]
    Set {
        /// 项目名称（载体的“类型”）(programme name: the carriers' type)
        name: String,
        /// 命名标准，逗号分隔 (criteria, comma-separated)
        #[arg(long, default_value = "")]
        criteria: String,
        /// 带头人要求 (leader rule)
        #[arg(long, default_value = "none", value_parser = words::<LeaderRule>())]
        leader: LeaderRule,
        /// 按星级（一星至三星）命名 (names by stars)
        #[arg(long)]
        stars: bool,
    },
    /// 列出全部项目及其标准 (list programmes with their criteria)
    List,
}

#[derive(Debug, Subcommand)]
pub enum UnionsCommand {
    /// 列出基层工会 (list base-level unions)
    #[command(
        after_help = "示例 Example:\n  union unions list --district 梁溪区\n  union unions list --form 联合工会"
    )]
    List(UnionFilter),
    /// 查看一个基层工会 (one union, by name or credit code)
    #[command(after_help = "示例 Example:\n  union unions show 无锡华光集团有限公司工会")]
    Show {
        /// 工会名称或统一社会信用代码 (name or credit code)
        key: String,
    },
    /// 委员会届满需换届的工会（含已逾期）(unions whose committee's term ends soon, overdue ones included)
    #[command(
        after_help = "示例 Example:\n  union unions expiring --within 90\n  union unions expiring --within 30 --date 2026-12-01 -o 换届提醒.xlsx\n\n\
        届满日期 = 本届委员会成立日期（未填则用成立日期）加届期（未填则用参数 union.term_years，默认 5 年）。\n\
        列出届满日期不晚于 DATE+DAYS 的工会，已逾期的在前（剩余天数为负）。\n\
        A term ends on the committee's formation date (or the founding date when blank) plus its\n\
        term (or the parameter union.term_years, default 5 years). Lists the unions whose term ends\n\
        on or before DATE+DAYS, overdue ones first (negative days left)."
    )]
    Expiring {
        /// 多少天内届满（默认 90）(days ahead; default 90)
        #[arg(long, value_name = "DAYS", default_value_t = 90)]
        within: u32,
        /// 从哪天算起（默认今天）(count from this date; default today)
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Args)]
pub struct UnionFilter {
    /// 所属地区 (district)
    #[arg(long)]
    pub district: Option<String>,
    /// 建会形式 (form)
    #[arg(long, value_parser = words::<UnionForm>())]
    pub form: Option<UnionForm>,
    /// 名称包含 (name contains)
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum HardshipCommand {
    /// 列出困难职工档案 (list hardship files)
    #[command(
        after_help = "示例 Example:\n  union hardship list --open\n  union hardship list --type 深度困难"
    )]
    List(HardshipFilter),
    /// 年度复核：列出未脱困的档案，--due 只列到期未复核的 (yearly review: open files; --due
    /// those not reviewed for `hardship.review_months`)
    #[command(
        after_help = "示例 Example:\n  union hardship review --due\n  union hardship review --due --date 2026-12-31\n\n\
        复核日期按导入的“复核日期”列（没有则按建档日期）计；满 hardship.review_months（默认12）个月即到期。\n\
        The last review is the 复核日期 column imported (else the opening); due once hardship.review_months\n\
        (12) months have passed."
    )]
    Review {
        /// 只列出到期未复核的 (only files due for review)
        #[arg(long)]
        due: bool,
        /// 按哪天算（默认今天）(the day to count to; default today)
        #[arg(long, value_parser = date)]
        date: Option<NaiveDate>,
    },
    /// 查看一人的困难档案 (hardship files of one person, by ID number or file id)
    Show {
        /// 身份证号或档案编号 (ID number or file id)
        key: String,
    },
}

#[derive(Debug, Args)]
pub struct HardshipFilter {
    /// 困难类型 (type)
    #[arg(long = "type", value_parser = words::<HardshipType>())]
    pub kind: Option<HardshipType>,
    /// 只列出未脱困的 (open files only)
    #[arg(long)]
    pub open: bool,
    /// 所属地区 (district)
    #[arg(long)]
    pub district: Option<String>,
    /// 姓名包含 (name contains)
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum StudioCommand {
    /// 申报：逐条核对命名条件，给出依据和差距 (check a studio against the naming rules)
    #[command(
        after_help = "逐条列出规则代码、说明、结果（符合/不符合）、依据（荣誉、日期、参数值及文号）和差距；\n\
        符合时退出码 0，不符合时 1。默认记录本次申报，--dry-run 只判断不记录。\n\n\
        示例 Example:\n  union studio apply 周建华劳模创新工作室 --level city\n  \
        union studio apply 周建华劳模创新工作室 --level 市级示范性 --date 2026-03-01 --dry-run\n  \
        union --format json studio apply 7 --level city-demo"
    )]
    Apply {
        /// 工作室名称或编号 (studio name or id)
        studio: String,
        /// 申报级别 (level)
        #[arg(long, value_parser = words::<StudioLevel>())]
        level: StudioLevel,
        /// 申报日期，默认今天 (application date; default today)
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<NaiveDate>,
        /// 只判断，不记录申报 (judge without recording the application)
        #[arg(long)]
        dry_run: bool,
        /// 逐条列出全部栏目（代码、规则、结果、依据、参数、差距）的宽表 (the full grid: code, rule, result, evidence, parameters, gap)
        #[arg(long)]
        verbose: bool,
    },
    /// 命名：符合条件才记录，并记录一次性补贴 (name a studio if eligible; records the subsidy)
    #[command(
        after_help = "市级命名补贴取参数 subsidy.studio.city，市级示范性取 subsidy.studio.city_demo（按命名日期生效的值）。\n\
        不符合条件时拒绝（退出码 1）；--force --reason 强制命名，理由记入操作日志。\n\n\
        示例 Example:\n  union studio name 周建华劳模创新工作室 --level city --date 2026-05-20 --batch 12\n  \
        union studio name 李四职工创新工作室 --level city --date 2026-05-20 --force --reason \"市总工会党组会议决定\""
    )]
    Name {
        /// 工作室名称或编号 (studio name or id)
        studio: String,
        /// 命名级别 (level)
        #[arg(long, value_parser = words::<StudioLevel>())]
        level: StudioLevel,
        /// 命名日期 (naming date)
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: NaiveDate,
        /// 批次 (batch number, from 1)
        #[arg(long, value_parser = clap::value_parser!(i64).range(1..))]
        batch: Option<i64>,
        /// 不符合条件也命名 (name even if not eligible; needs --reason)
        #[arg(long, requires = "reason")]
        force: bool,
        /// 强制命名的理由 (why, for the audit log)
        #[arg(long)]
        reason: Option<String>,
    },
    /// 撤销命名 (revoke a studio's naming)
    #[command(
        after_help = "撤销情形 Cases:\n  1 领衔人不再符合条件或调离\n  2 年度考核不合格\n  3 申报材料弄虚作假\n  \
        4 所在单位发生重大安全生产或违法违纪事件\n  5 工作室撤并或停止活动\n\
        撤销后满 studio.reapply_wait_years 年方可重新申报。\n\n\
        示例 Example:\n  union studio revoke 周建华劳模创新工作室 --case 2 --date 2026-04-01"
    )]
    Revoke {
        /// 工作室名称或编号 (studio name or id)
        studio: String,
        /// 撤销情形 1–5 (case number)
        #[arg(long = "case", value_parser = words::<RevocationCase>())]
        case_no: RevocationCase,
        /// 撤销日期 (revocation date)
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: NaiveDate,
        /// 备注 (note)
        #[arg(long)]
        note: Option<String>,
    },
    /// 检查全部工作室：当前级别、可申报级别、现在是否符合、提示 (every studio's standing)
    #[command(
        after_help = "有工作室现在符合申报下一级别的条件不影响退出码；退出码 0。\n\n\
        示例 Example:\n  union studio check\n  union studio check --date 2026-03-01 --format csv -o 工作室检查.csv"
    )]
    Check {
        /// 检查日期，默认今天 (date; default today)
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<NaiveDate>,
    },
    /// 工作室顾问（如科技镇长团成员）(studio advisers)
    #[command(subcommand)]
    Adviser(AdviserCommand),
}

#[derive(Debug, Subcommand)]
pub enum AdviserCommand {
    /// 添加顾问 (add an adviser)
    #[command(
        after_help = "示例 Example:\n  union studio adviser add 周建华劳模创新工作室 --name 王教授 --institution 江南大学 --since 2025-09-01"
    )]
    Add {
        /// 工作室名称或编号 (studio name or id)
        studio: String,
        /// 顾问姓名 (name)
        #[arg(long)]
        name: String,
        /// 所在单位 (institution)
        #[arg(long)]
        institution: Option<String>,
        /// 起始日期 (since)
        #[arg(long, value_name = "DATE", value_parser = date)]
        since: Option<NaiveDate>,
    },
    /// 列出顾问 (list advisers, of one studio or all)
    #[command(
        after_help = "示例 Example:\n  union studio adviser list\n  union studio adviser list 周建华劳模创新工作室"
    )]
    List {
        /// 工作室名称或编号 (studio name or id)
        studio: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PayoutCommand {
    /// 录入一条发放记录，违反发放规则则拒绝 (record one payout; refused if it breaks a payout rule)
    #[command(
        after_help = "规则：受领人发放日健在；劳模荣誉津贴只发已退休的省部级及以上劳模；春节慰问、金秋助学、体检每年一次，\n\
        疗休养每3年一次；劳模荣誉津贴按月发放，同一月份只发一次（--period 所属期间，默认发放月份）；\n\
        困难帮扶、金秋助学须有在档困难档案（脱困不超过12个月）；金额不超过类别上限；凭证号不重复。\n\
        金秋助学可写明学生（--student-name、--student-id-number）与学段（--stage 高中/中职/大学/研究生）：\n\
        写明学生时每名学生每年一次，金额不超过该学段标准（payout.education_aid.standard.*）。\n\
        违反时逐条说明规则，退出码 1。每次录入记为一个批次（union import list），可用 union import undo 撤销。\n\n\
        示例 Example:\n  union payout add --id-number 32020219620315951X --name 周建华 --category 春节慰问 --amount 2000 --date 2026-01-20 --voucher 2026-0001\n  \
        union payout add --id-number 32020219620315951X --name 周建华 --category 劳模荣誉津贴 --amount 3000 --date 2026-01-10 --period 2026-01~2026-06\n  \
        union payout add --id-number 32020219620315951X --name 周建华 --category 金秋助学 --amount 2000 --date 2025-08-20 --student-name 周小明 --stage 高中"
    )]
    Add {
        /// 身份证号 (ID number)
        #[arg(long)]
        id_number: String,
        /// 姓名 (name)
        #[arg(long)]
        name: String,
        /// 类别 (category)
        #[arg(long, value_parser = words::<PayoutCategory>())]
        category: PayoutCategory,
        /// 金额（元）(amount in yuan)
        #[arg(long)]
        amount: String,
        /// 发放日期 (date paid)
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: NaiveDate,
        /// 凭证号 (voucher number)
        #[arg(long)]
        voucher: Option<String>,
        /// 备注 (note)
        #[arg(long)]
        note: Option<String>,
        /// 金秋助学：学生姓名 (education aid: the student's name)
        #[arg(long)]
        student_name: Option<String>,
        /// 金秋助学：学生身份证号 (education aid: the student's ID number)
        #[arg(long)]
        student_id_number: Option<String>,
        /// 金秋助学：学段 高中/中职/大学/研究生 (education aid: school stage)
        #[arg(long)]
        stage: Option<String>,
        /// 所属期间：2026-03、2026-01~2026-06（默认发放月份）(the months paid for; default the month paid)
        #[arg(long, value_name = "MONTHS")]
        period: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CheckCommand {
    /// 核查某年的发放记录是否违反发放规则 (audit a year's payouts against the payout rules)
    #[command(after_help = "逐条列出违反的规则及涉及的记录；有违规时退出码 1。\n\n\
        示例 Example:\n  union check payouts --year 2025\n  union check payouts --year 2025 -o 违规清单.xlsx")]
    Payouts {
        /// 年度 (year)
        #[arg(long, value_parser = year)]
        year: i32,
    },
    /// 核对某年按月发放的类别（默认劳模荣誉津贴）：缺发、少发、多发、重复发放 (monthly payouts owed against paid)
    #[command(
        after_help = "对参数 payout.monthly 列出的每个类别（劳模荣誉津贴；按本地文件也可列劳模生活补助、困难帮扶），\n\
        按人逐月核对应发（符合发放规则的次月起：退休且有荣誉、困难劳模、困难档案在档；至去世、撤销称号或不再符合，按当月标准）\n\
        与实发（按所属期间）：列出缺发的月份、少发或多发的发放记录、被两笔发放覆盖的月份；有问题时退出码 1。\n\
        --today 之后的月份尚未到期，不算缺发。\n\
        For each category payout.monthly lists: months owed (from the month after the payout rules first allow it)\n\
        against months paid (所属期间).\n\n\
        示例 Example:\n  union check allowances --year 2026\n  union check allowances --year 2026 --today 2026-06-30 -o 津贴核对.xlsx"
    )]
    Allowances {
        /// 年度 (year)
        #[arg(long, value_parser = year)]
        year: i32,
        /// 核对到哪天（默认今天）：之后的月份未到期 (months after this day are not yet due; default today)
        #[arg(long, value_name = "DATE", value_parser = date)]
        today: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// 列出全部参数及各时期取值 (every parameter and its dated values)
    #[command(
        after_help = "示例 Example:\n  union policy list\n  union policy list --date 2024-06-01"
    )]
    List {
        /// 只列出该日期生效的值 (only the values in force on DATE)
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<NaiveDate>,
    },
    /// 查看一个参数的各时期取值 (one parameter's dated values)
    #[command(after_help = "示例 Example:\n  union policy show studio.city.min_team_size")]
    Show {
        /// 参数名 (key)
        key: String,
    },
    /// 设置参数自某日起的新值（记入操作日志）(set a value from a date; audited)
    #[command(after_help = "此前的申报和发放仍按当时的值判断。金额以元为单位。\n\n\
        示例 Example:\n  union policy set subsidy.studio.city 30000 --from 2026-01-01 --ref 锡工发〔2025〕12号\n  \
        union policy set studio.demo.naming_parity odd --from 2027-01-01")]
    Set {
        /// 参数名 (key)
        key: String,
        /// 新值 (value)
        value: String,
        /// 生效日期 (in force from)
        #[arg(long, value_name = "DATE", value_parser = date)]
        from: NaiveDate,
        /// 依据文号 (reference document)
        #[arg(long = "ref", value_name = "TEXT")]
        reference: Option<String>,
    },
}

/// A count of rows to show: a whole number, 1 or more (`--limit 0` would show nothing and say
/// the rest is hidden).
fn positive_count(value: &str) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(crate::i18n::Msg::AtLeastOne
            .text(values::lang())
            .to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
