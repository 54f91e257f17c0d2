//! Import of every kind from CSV UTF-8, CSV GBK and XLSX; refusals; all-or-nothing; rejects.

use crate::harness::*;
use std::path::PathBuf;

#[test]
fn help_runs() {
    Env::new().run(&["--help"]).ok().stdout_has("union");
}

// ---------------------------------------------------------------- helpers (shared with query.rs)

/// The seven kinds in the order their dependencies need.
pub const KINDS_IN_ORDER: [&str; 7] = [
    "people",
    "enterprises",
    "agreements",
    "studios",
    "studio-results",
    "hardship",
    "payouts",
];

/// The data tables an import fills (import_batches is left out: it names the file).
const DATA_TABLES: [&str; 9] = [
    "people",
    "honours",
    "enterprises",
    "agreements",
    "studios",
    "studio_namings",
    "studio_results",
    "payouts",
    "hardship_files",
];

/// A committed example file.
pub fn example(dir: &str, name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(dir)
        .join(name)
}

/// Every record the database holds, as the unmasked JSON lists plus a dump of the data tables
/// (honours, namings and yearly results have no list of their own).
pub fn records(env: &Env) -> String {
    records_in(env, "union.db")
}

/// [`records`] of the database file `db`.
pub fn records_in(env: &Env, db: &str) -> String {
    let mut out = String::new();
    for list in [
        "people",
        "studios",
        "enterprises",
        "agreements",
        "payouts",
        "hardship",
    ] {
        let r = env.run(&["--db", db, "--format", "json", "--unmask", list, "list"]);
        r.ok();
        out.push_str(&format!("== {list} list\n{}\n", r.stdout));
    }
    for t in DATA_TABLES {
        let sql = format!("SELECT * FROM {t} ORDER BY id");
        let r = env.run(&["--db", db, "--format", "json", "sql", &sql]);
        r.ok();
        out.push_str(&format!("== {t}\n{}\n", r.stdout));
    }
    out
}

/// `SELECT count(*) FROM table` through `union sql`.
pub fn count(env: &Env, table: &str) -> i64 {
    let r = env.run(&[
        "--format",
        "json",
        "sql",
        &format!("SELECT count(*) AS n FROM {table}"),
    ]);
    r.ok();
    r.json()[0]["n"].as_i64().expect("count")
}

/// The lines of a stream, for exact comparisons.
pub fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

/// Cells with `#` (number) and `@` (date) markers for XLSX; CSV gets the bare text.
type Table = Vec<Vec<String>>;

fn table(rows: &[&[&str]]) -> Table {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// CSV text of a table: markers stripped, cells quoted when they must be.
fn csv_text(t: &Table, sep: &str) -> String {
    let mut out = String::new();
    for row in t {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let c = c
                    .strip_prefix('#')
                    .or_else(|| c.strip_prefix('@'))
                    .unwrap_or(c);
                if c.contains(',') || c.contains('"') {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.to_string()
                }
            })
            .collect();
        out.push_str(&cells.join(sep));
        out.push_str("\r\n");
    }
    out
}

/// Writes a table in one of the formats an admin's files come in; returns the file name.
fn write_as(env: &Env, format: &str, stem: &str, t: &Table) -> String {
    match format {
        "utf8" => {
            let name = format!("{stem}.csv");
            env.write(&name, &csv_text(t, ","));
            name
        }
        "bom" => {
            let name = format!("{stem}.csv");
            env.write(&name, &format!("\u{feff}{}", csv_text(t, ",")));
            name
        }
        "gbk" => {
            let name = format!("{stem}.csv");
            env.write_gbk(&name, &csv_text(t, ","));
            name
        }
        "tsv" => {
            let name = format!("{stem}.tsv");
            env.write(&name, &csv_text(t, "\t"));
            name
        }
        "xlsx" => {
            let name = format!("{stem}.xlsx");
            env.write_xlsx(&name, "Sheet1", t);
            name
        }
        other => panic!("format {other}"),
    }
}

const ZHOU: &str = "32020219620315951"; // + check char
const WU: &str = "32020519690109969";
const CHEN: &str = "32010219800101002"; // female
const LI: &str = "32028119850615002";

/// One small ledger of every kind, in logical rows (title rows, 序号, 合计 and all).
fn ledgers() -> Vec<(&'static str, Table)> {
    let zhou = id_with_check(ZHOU);
    let wu = id_with_check(WU);
    let chen = id_with_check(CHEN);
    let li = id_with_check(LI);
    let ent1 = credit_with_check("91320213MA1N2K3L4");
    let ent2 = credit_with_check("91320205MA1P7Q8R9");
    let people = table(&[
        &["2025年劳模花名册"],
        &[
            "序号",
            "姓名",
            "性别",
            "出生日期",
            "身份证号",
            "手机号",
            "工作单位",
            "所属地区",
            "荣誉称号",
            "获评年份",
            "授予机关",
            "状态",
            "退休日期",
            "去世日期",
        ],
        &[
            "#1",
            "周建华",
            "男",
            "@1962-03-15",
            &zhou,
            "18128484007",
            "无锡惠泽公交",
            "梁溪区",
            "全国劳动模范",
            "#2010",
            "国务院",
            "退休",
            "@2022-03-31",
            "",
        ],
        &[
            "#2",
            "周建华",
            "男",
            "@1962-03-15",
            &zhou,
            "18128484007",
            "无锡惠泽公交",
            "梁溪区",
            "省劳模",
            "#2006",
            "江苏省人民政府",
            "退休",
            "@2022-03-31",
            "",
        ],
        &[
            "#3",
            "吴立新",
            "男",
            "",
            &wu,
            "",
            "无锡锡华精密",
            "惠山区",
            "市劳动模范",
            "2018年",
            "无锡市人民政府",
            "去世",
            "",
            "@2024-05-01",
        ],
        &[
            "#4",
            "陈静",
            "女",
            "",
            &chen,
            "13812345678",
            "无锡锡华精密",
            "惠山区",
            "",
            "",
            "",
            "在职",
            "",
            "",
        ],
    ]);
    let enterprises = table(&[
        &["无锡市企业名册"],
        &[
            "序号",
            "企业名称",
            "统一社会信用代码",
            "所属地区",
            "行业",
            "经济类型",
            "职工人数",
            "是否建会",
            "会员人数",
            "世界500强",
            "女职工专项合同",
            "职工董事监事",
            "厂务公开",
        ],
        &[
            "#1",
            "无锡锡华精密机械有限公司",
            &ent1,
            "惠山区",
            "制造业",
            "民营",
            "#860",
            "是",
            "#812",
            "否",
            "√",
            "Y",
            "1",
        ],
        &[
            "#2",
            "无锡惠泽公交有限公司",
            &ent2,
            "梁溪区",
            "交通运输",
            "国有",
            "#1420",
            "有",
            "#1398",
            "false",
            "×",
            "N",
            "0",
        ],
    ]);
    let agreements = table(&[
        &[
            "序号",
            "统一社会信用代码",
            "企业名称",
            "签订日期",
            "生效日期",
            "到期日期",
            "覆盖职工人数",
            "协商形式",
            "工资增幅(%)",
        ],
        &[
            "#1",
            &ent1,
            "无锡锡华精密机械有限公司",
            "2024年12月18日",
            "@2025-01-01",
            "2027/12/31",
            "#845",
            "单独",
            "#5.5",
        ],
        &[
            "#2",
            &ent2,
            "无锡惠泽公交有限公司",
            "2023.3.8",
            "20230401",
            "@2026-03-31",
            "#1400",
            "行业性",
            "4.5%",
        ],
    ]);
    let studios = table(&[
        &["创新工作室台账"],
        &[
            "序号",
            "工作室名称",
            "类型",
            "领衔人",
            "领衔人身份证号",
            "所属单位",
            "统一社会信用代码",
            "所属地区",
            "成立日期",
            "团队人数",
            "有劳模",
            "有团队",
            "有场所",
            "有制度",
            "有经费",
            "有计划",
            "有活动",
            "有成效",
            "命名级别",
            "命名日期",
            "批次",
        ],
        &[
            "#1",
            "周建华劳模创新工作室",
            "劳模创新工作室",
            "周建华",
            &zhou,
            "无锡惠泽公交有限公司",
            &ent2,
            "梁溪区",
            "@2012-05-01",
            "#12",
            "是",
            "是",
            "是",
            "是",
            "是",
            "是",
            "是",
            "是",
            "市级",
            "@2014-04-28",
            "#1",
        ],
        &[
            "#2",
            "周建华劳模创新工作室",
            "劳模创新工作室",
            "周建华",
            &zhou,
            "无锡惠泽公交有限公司",
            &ent2,
            "梁溪区",
            "@2012-05-01",
            "#12",
            "是",
            "是",
            "是",
            "是",
            "是",
            "是",
            "是",
            "是",
            "省级示范性",
            "2019/12/18",
            "#2",
        ],
        &[
            "#3",
            "陈静职工创新工作室",
            "职工创新工作室",
            "陈静",
            &chen,
            "无锡锡华精密",
            "",
            "惠山区",
            "2020年3月1日",
            "#6",
            "否",
            "是",
            "是",
            "是",
            "否",
            "是",
            "是",
            "否",
            "",
            "",
            "",
        ],
    ]);
    let results = table(&[
        &[
            "工作室名称",
            "年份",
            "创新课题",
            "解决技术难题",
            "技术改造",
            "授权专利",
            "发明专利",
            "培训人次",
            "提升技术等级人数",
            "经济效益(万元)",
        ],
        &[
            "周建华劳模创新工作室",
            "#2024",
            "#7",
            "#11",
            "#6",
            "#5",
            "#2",
            "#135",
            "#20",
            "#92.3",
        ],
        &[
            "陈静职工创新工作室",
            "2024年",
            "#2",
            "#3",
            "#1",
            "#0",
            "#0",
            "#40",
            "#5",
            "8.05",
        ],
    ]);
    let hardship = table(&[
        &["困难职工档案"],
        &[
            "序号",
            "身份证号",
            "姓名",
            "困难类型",
            "建档日期",
            "脱困日期",
            "退出原因",
            "致困原因",
        ],
        &[
            "#1",
            &li,
            "李红霞",
            "深度困难",
            "2021年6月10日",
            "",
            "",
            "因病",
        ],
        &[
            "#2",
            &chen,
            "陈静",
            "意外致困",
            "@2023-03-15",
            "2024/2/28",
            "脱困",
            "意外事故",
        ],
    ]);
    let payouts = table(&[
        &["2025年福利发放明细"],
        &[
            "序号",
            "身份证号",
            "姓名",
            "类别",
            "金额(元)",
            "发放日期",
            "凭证号",
            "备注",
        ],
        &[
            "#1",
            &li,
            "李红霞",
            "春节慰问",
            "800.00",
            "@2025-01-16",
            "FL2025-0001",
            "春节慰问（困难职工）",
        ],
        &[
            "#2",
            &zhou,
            "周建华",
            "劳模荣誉津贴",
            "￥1,000.00",
            "2025/1/16",
            "FL2025-0002",
            "",
        ],
        &[
            "#3",
            &chen,
            "陈静",
            "festival_condolence",
            "#500",
            "20250116",
            "FL2025-0003",
            "",
        ],
        &["合计", "", "", "", "#2300", "", "", ""],
    ]);
    vec![
        ("people", people),
        ("enterprises", enterprises),
        ("agreements", agreements),
        ("studios", studios),
        ("studio-results", results),
        ("hardship", hardship),
        ("payouts", payouts),
    ]
}

// ---------------------------------------------------------------- every kind, every format

#[test]
fn examples_in_csv_gbk_and_xlsx_give_identical_records() {
    let mut dumps = Vec::new();
    for (dir, ext) in [("csv", "csv"), ("gbk", "csv"), ("xlsx", "xlsx")] {
        let env = Env::new();
        let mut summaries = Vec::new();
        for kind in KINDS_IN_ORDER {
            let file = example(dir, &format!("{kind}.{ext}"));
            let r = env.run(&["import", kind, file.to_str().expect("utf-8 path")]);
            r.ok();
            summaries.push(r.stdout.trim_end().to_string());
        }
        assert_eq!(
            summaries,
            [
                "读取 52 行：新增 52，更新 0，未变 0，不合格 0，跳过 1；批次 1\n写入记录：人员 新增 40；荣誉 新增 52",
                "读取 26 行：新增 26，更新 0，未变 0，不合格 0，跳过 0；批次 2",
                "读取 23 行：新增 23，更新 0，未变 0，不合格 0，跳过 0；批次 3",
                "读取 20 行：新增 20，更新 0，未变 0，不合格 0，跳过 0；批次 4\n写入记录：工作室 新增 13；命名 新增 18",
                "读取 34 行：新增 34，更新 0，未变 0，不合格 0，跳过 0；批次 5",
                "读取 10 行：新增 10，更新 0，未变 0，不合格 0，跳过 0；批次 6\n写入记录：人员 新增 7；困难档案 新增 10",
                "读取 139 行：新增 139，更新 0，未变 0，不合格 0，跳过 1；批次 7",
            ],
            "{dir}"
        );
        assert_eq!(count(&env, "people"), 47, "{dir}");
        assert_eq!(count(&env, "payouts"), 139, "{dir}");
        dumps.push((dir, records(&env)));
    }
    assert_eq!(dumps[0].1, dumps[1].1, "csv vs gbk");
    assert_eq!(dumps[0].1, dumps[2].1, "csv vs xlsx");
}

#[test]
fn every_kind_from_the_same_rows_in_every_format_gives_identical_records() {
    let mut dumps: Vec<(&str, String)> = Vec::new();
    for format in ["utf8", "bom", "gbk", "tsv", "xlsx"] {
        let env = Env::new();
        for (kind, t) in ledgers() {
            let file = write_as(&env, format, kind, &t);
            let r = env.run(&["import", kind, &file]);
            r.ok();
            assert!(
                r.stdout.contains("不合格 0"),
                "{format} {kind}: {}",
                r.stdout
            );
        }
        assert_eq!(count(&env, "people"), 4, "{format}");
        assert_eq!(count(&env, "honours"), 3, "{format}");
        assert_eq!(count(&env, "enterprises"), 2, "{format}");
        assert_eq!(count(&env, "agreements"), 2, "{format}");
        assert_eq!(count(&env, "studios"), 2, "{format}");
        assert_eq!(count(&env, "studio_namings"), 2, "{format}");
        assert_eq!(count(&env, "studio_results"), 2, "{format}");
        assert_eq!(count(&env, "hardship_files"), 2, "{format}");
        assert_eq!(count(&env, "payouts"), 3, "{format}");
        dumps.push((format, records(&env)));
    }
    for (format, dump) in &dumps[1..] {
        assert_eq!(&dumps[0].1, dump, "utf8 vs {format}");
    }
}

#[test]
fn values_are_read_as_the_ledger_means_them() {
    let env = Env::new();
    for (kind, t) in ledgers() {
        let file = write_as(&env, "xlsx", kind, &t);
        env.run(&["import", kind, &file]).ok();
    }
    // 金额: ￥ and thousands separators; 经济效益(万元) scaled to fen.
    let p = env.run(&["--format", "json", "--unmask", "payouts", "list"]);
    let p = p.json();
    let amounts: Vec<String> = p
        .as_array()
        .expect("array")
        .iter()
        .map(|x| x["amount"].to_string())
        .collect();
    assert_eq!(amounts, ["800.00", "1000.00", "500.00"]);
    assert_eq!(p[2]["category"], "春节慰问");
    assert_eq!(p[1]["paid_on"], "2025-01-16");
    let r = env.run(&[
        "--format",
        "json",
        "sql",
        "SELECT year, economic_benefit FROM studio_results ORDER BY year, economic_benefit",
    ]);
    assert_eq!(
        r.json(),
        serde_json::json!([
            {"year": 2024, "economic_benefit": 8050000},
            {"year": 2024, "economic_benefit": 92300000},
        ])
    );
    // Dates in every form; booleans in every form.
    let a = env.run(&["--format", "json", "agreements", "list"]).json();
    // Sorted by expiry date.
    assert_eq!(a[1]["signed_on"], "2024-12-18");
    assert_eq!(a[1]["expires_on"], "2027-12-31");
    assert_eq!(a[0]["signed_on"], "2023-03-08");
    assert_eq!(a[0]["effective_from"], "2023-04-01");
    assert_eq!(a[0]["form"], "行业性");
    assert_eq!(a[0]["wage_increase"].to_string(), "4.50");
    assert_eq!(a[1]["wage_increase"].to_string(), "5.50");
    let e = env.run(&["--format", "json", "enterprises", "list"]).json();
    let by_name = |n: &str| {
        e.as_array()
            .expect("array")
            .iter()
            .find(|x| x["name"] == n)
            .cloned()
            .expect("enterprise")
    };
    let xihua = by_name("无锡锡华精密机械有限公司");
    assert_eq!(
        (
            &xihua["has_union"],
            &xihua["fortune500"],
            &xihua["women_contract"],
            &xihua["employee_directors"],
            &xihua["open_affairs"]
        ),
        (
            &serde_json::json!(true),
            &serde_json::json!(false),
            &serde_json::json!(true),
            &serde_json::json!(true),
            &serde_json::json!(true)
        )
    );
    let bus = by_name("无锡惠泽公交有限公司");
    assert_eq!(bus["has_union"], true);
    assert_eq!(bus["women_contract"], false);
    assert_eq!(bus["open_affairs"], false);
    // A person with two titles is one person with two honours, shown at the highest.
    let zhou = id_with_check(ZHOU);
    let s = env
        .run(&["--format", "json", "people", "show", &zhou])
        .json();
    assert_eq!(s["highest_title"], "全国劳动模范");
    assert_eq!(s["honours"].as_array().expect("honours").len(), 2);
    assert_eq!(s["status"], "退休");
    assert_eq!(s["retired_on"], "2022-03-31");
}

// ---------------------------------------------------------------- the shape of real files

#[test]
fn title_rows_serial_column_and_totals_row_are_skipped_and_said_so() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    let b = id_with_check(LI);
    env.write(
        "名册.csv",
        &format!(
            "2025年劳模花名册,,\n制表单位：梁溪区总工会,,\n序号,姓名,身份证号\n1,陈静,{a}\n2,李红霞,{b}\n合计,2人,\n"
        ),
    );
    let r = env.run(&["import", "people", "名册.csv"]);
    r.ok();
    assert_eq!(
        lines(&r.stdout),
        ["读取 2 行：新增 2，更新 0，未变 0，不合格 0，跳过 1；批次 1"]
    );
    assert_eq!(lines(&r.stderr), ["名册.csv 第6行是合计行，已跳过"]);
    assert_eq!(count(&env, "people"), 2);
    // 总计 too.
    env.write(
        "b.csv",
        &format!("姓名,身份证号,手机号\n陈静,{a},\n总计,,\n"),
    );
    let r = env.run(&["import", "people", "b.csv"]);
    r.ok();
    assert_eq!(lines(&r.stderr), ["b.csv 第3行是合计行，已跳过"]);
}

#[test]
fn blank_rows_are_skipped_and_rows_keep_their_excel_numbers() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    let b = id_with_check(LI);
    env.write(
        "a.csv",
        &format!("姓名,身份证号,手机号\n陈静,{a},\n,,\n\n李红霞,{b},12345\n"),
    );
    let r = env.run(&["import", "people", "a.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "a.csv 第5行 “手机号”列 值“12345”：手机号应为 11 位数字，以 13–19 开头",
            "有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）",
        ]
    );
    // The same in a workbook, where blank rows are rows without cells.
    let t = table(&[
        &["姓名", "身份证号", "手机号"],
        &["陈静", &a, ""],
        &[""],
        &["", "", ""],
        &["李红霞", &b, "12345"],
    ]);
    env.write_xlsx("a.xlsx", "花名册", &t);
    let r = env.run(&["import", "people", "a.xlsx"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr)[0],
        "a.xlsx 第5行 “手机号”列 值“12345”：手机号应为 11 位数字，以 13–19 开头"
    );
    // Fixed, both rows land.
    env.write(
        "a.csv",
        &format!("姓名,身份证号,手机号\n陈静,{a},\n,,\n\n李红霞,{b},13912345678\n"),
    );
    env.run(&["import", "people", "a.csv"]).ok();
    assert_eq!(count(&env, "people"), 2);
}

#[test]
fn english_alias_headers_give_the_same_records_as_chinese_ones() {
    let a = id_with_check(CHEN);
    let zh = Env::new();
    zh.write(
        "p.csv",
        &format!("姓名,身份证号,手机号,荣誉称号,获评年份\n陈静,{a},13812345678,市劳模,2019\n"),
    );
    zh.write(
        "f.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期,凭证号\n{a},陈静,春节慰问,800,2025-01-16,V1\n"
        ),
    );
    zh.run(&["import", "people", "p.csv"]).ok();
    zh.run(&["import", "payouts", "f.csv"]).ok();
    let en = Env::new();
    en.write(
        "p.csv",
        &format!("Name, ID_Number ,mobile,honour,honour_year\n陈静,{a},13812345678,市劳模,2019\n"),
    );
    en.write(
        "f.csv",
        &format!("id_number,name,category,amount,paid_on,voucher\n{a},陈静,festival_condolence,800,2025-01-16,V1\n"),
    );
    let r = en.run(&["import", "people", "p.csv"]);
    r.ok();
    assert_eq!(r.stderr, "", "no unknown-column warning");
    en.run(&["import", "payouts", "f.csv"]).ok();
    assert_eq!(records(&zh), records(&en));
}

#[test]
fn full_width_and_spaced_headers_match() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    env.write(
        "f.csv",
        &format!("身份证号,姓 名,类别,金额（元）,发放日期\n{a},陈静,体检,300,2025-03-01\n"),
    );
    let r = env.run(&["import", "payouts", "f.csv"]);
    r.ok();
    assert_eq!(r.stderr, "");
}

#[test]
fn wan_yuan_header_scales_amounts() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    env.write(
        "f.csv",
        &format!("身份证号,姓名,类别,金额(万元),发放日期\n{a},陈静,春节慰问,0.08,2025-01-16\n{a},陈静,医疗互助,\"1,2\",2025-09-01\n"),
    );
    // "1,2" is not a thousands-grouped number: refused, and nothing written.
    env.run(&["import", "payouts", "f.csv"]).code(1);
    env.write(
        "f.csv",
        &format!("身份证号,姓名,类别,金额(万元),发放日期\n{a},陈静,春节慰问,0.08,2025-01-16\n{a},陈静,医疗互助,1.2,2025-09-01\n"),
    );
    env.run(&["import", "payouts", "f.csv"]).ok();
    let p = env.run(&["--format", "json", "payouts", "list"]).json();
    assert_eq!(p[0]["amount"].to_string(), "800.00");
    assert_eq!(p[1]["amount"].to_string(), "12000.00");
    let r = env.run(&[
        "--format",
        "csv",
        "sql",
        "SELECT amount FROM payouts ORDER BY id",
    ]);
    assert_eq!(lines(&r.stdout), ["amount", "80000", "1200000"]);
}

#[test]
fn unknown_columns_are_warned_and_ignored() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    env.write(
        "a.csv",
        &format!("序号,姓名,身份证号,政治面貌,备用\n1,陈静,{a},群众,x\n"),
    );
    let r = env.run(&["import", "people", "a.csv"]);
    r.ok();
    assert_eq!(
        lines(&r.stderr),
        ["警告：a.csv：以下列无法识别，已忽略：政治面貌，备用"]
    );
    assert_eq!(
        lines(&r.stdout),
        ["读取 1 行：新增 1，更新 0，未变 0，不合格 0，跳过 0；批次 1"]
    );
}

#[test]
fn missing_required_columns_are_refused_before_any_row() {
    let env = Env::new();
    // Rows that would each be refused: none of them is read.
    env.write(
        "f.csv",
        "凭证号,姓名,类别,金额(元)\nV1,陈静,春节慰问,-1\nV2,李红霞,红包,abc\n",
    );
    let r = env.run(&["import", "payouts", "f.csv"]);
    r.code(2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        lines(&r.stderr),
        ["错误：f.csv：缺少必填列：身份证号、发放日期"]
    );
    env.write_xlsx(
        "p.xlsx",
        "Sheet1",
        &table(&[&["序号", "姓名", "手机号"], &["1", "陈静", "1"]]),
    );
    let r = env.run(&["import", "people", "p.xlsx"]);
    r.code(2);
    assert_eq!(lines(&r.stderr), ["错误：p.xlsx：缺少必填列：身份证号"]);
}

#[test]
fn a_file_without_a_header_is_refused() {
    let env = Env::new();
    env.write("a.csv", "foo,bar\n1,2\n");
    let r = env.run(&["import", "people", "a.csv"]);
    r.code(2);
    assert_eq!(
        lines(&r.stderr),
        ["错误：a.csv：前 10 行中找不到表头（应含“姓名”“身份证号”等列）"]
    );
}

// ---------------------------------------------------------------- refusals, one of each kind

const NOTHING_WRITTEN: &str =
    "有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）";

#[test]
fn people_refusals_name_row_column_value_and_reason() {
    let env = Env::new();
    let good = id_with_check(CHEN);
    let bad_check = {
        let mut s = id_with_check(CHEN);
        let last = s.pop().expect("char");
        s.push(if last == '5' { '6' } else { '5' });
        s
    };
    let expected_check = id_with_check(CHEN).chars().last().expect("char");
    let given_check = bad_check.chars().last().expect("char");
    let province = id_with_check("99010219800101001");
    let male = id_with_check("32010219800101003"); // odd 17th digit: male
    env.write(
        "a.csv",
        &format!(
            "2025年劳模花名册\n\
             序号,姓名,身份证号,性别,出生日期,手机号,状态,退休日期,荣誉称号\n\
             1,甲,{bad_check},,,,,,\n\
             2,乙,3.20102E+17,,,,,,\n\
             3,丙,{province},,,,,,\n\
             4,丁,{male},女,,,,,\n\
             5,戊,{male},,1980-02-01,,,,\n\
             6,己,{good},,,1381234567,,,\n\
             7,庚,{good},,,,离职,,\n\
             8,辛,{good},,,,退休,2020-13-01,\n\
             9,壬,{good},,,,退休,明年,\n\
             10,癸,{good},,,,,,大劳模\n\
             11,子,{good},,,,,,\n"
        ),
    );
    env.run(&["init"]).ok();
    let r = env.run(&["import", "people", "a.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            format!("a.csv 第3行 “身份证号”列 值“{bad_check}”：校验位错误：应为 {expected_check}，实为 {given_check}；请核对号码"),
            "a.csv 第4行 “身份证号”列 值“3.20102E+17”：身份证号变成了科学计数法（如 3.20102E+17），末几位已丢失；请把该列设为“文本”格式后重新录入".to_string(),
            format!("a.csv 第5行 “身份证号”列 值“{province}”：前两位 99 不是有效的省份代码"),
            "a.csv 第6行 “性别”列 值“女”：性别“女”与身份证号（男）不符".to_string(),
            "a.csv 第7行 “出生日期”列 值“1980-02-01”：出生日期 1980-02-01 与身份证号（1980-01-01）不符".to_string(),
            "a.csv 第8行 “手机号”列 值“1381234567”：手机号应为 11 位数字，以 13–19 开头".to_string(),
            "a.csv 第9行 “状态”列 值“离职”：无法识别；应为：在职、退休、去世、调离".to_string(),
            "a.csv 第10行 “退休日期”列 值“2020-13-01”：日期 2020-13-01 不存在".to_string(),
            "a.csv 第11行 “退休日期”列 值“明年”：不是日期；请写成 2024-01-05、2024/1/5、2024年1月5日 或 20240105".to_string(),
            "a.csv 第12行 “荣誉称号”列 值“大劳模”：无法识别；应为：全国劳动模范、全国先进工作者、省劳动模范、省先进工作者、市劳动模范、市先进工作者、区劳动模范、区先进工作者、全国五一劳动奖章、省五一劳动奖章、市五一劳动奖章".to_string(),
            NOTHING_WRITTEN.to_string(),
        ]
    );
    assert!(r.stdout.contains("读取 11 行"), "{}", r.stdout);
    assert!(r.stdout.contains("不合格 10"), "{}", r.stdout);
    assert!(
        !r.stdout.contains("批次"),
        "no batch when nothing is written"
    );
    assert_eq!(count(&env, "people"), 0);
}

#[test]
fn id_number_in_an_xlsx_numeric_cell_is_refused_with_the_fix() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    let numeric = format!("#{}", &a[..17]);
    env.write_xlsx(
        "a.xlsx",
        "花名册",
        &table(&[&["姓名", "身份证号"], &["陈静", &numeric]]),
    );
    let r = env.run(&["import", "people", "a.xlsx"]);
    r.code(1);
    let err = lines(&r.stderr);
    assert_eq!(err.len(), 2, "{}", r.stderr);
    assert!(
        err[0].starts_with("a.xlsx 第2行 “身份证号”列 值“"),
        "{}",
        err[0]
    );
    assert!(
        err[0].ends_with(
            "：Excel 把身份证号存成了数字，末几位已丢失；请把该列设为“文本”格式后重新录入"
        ),
        "{}",
        err[0]
    );
    assert_eq!(err[1], NOTHING_WRITTEN);
    assert_eq!(count(&env, "people"), 0);
}

#[test]
fn full_width_and_lower_case_x_id_numbers_are_normalised() {
    let env = Env::new();
    let zhou = id_with_check(ZHOU);
    assert!(zhou.ends_with('X'), "fixture: {zhou}");
    let lower = zhou.to_lowercase();
    let full: String = zhou
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).expect("digit"),
            'X' => 'Ｘ',
            c => c,
        })
        .collect();
    env.write("a.csv", &format!("姓名,身份证号\n周建华,{lower}\n"));
    env.run(&["import", "people", "a.csv"]).ok();
    env.write("b.csv", &format!("姓名,身份证号\n周建华,{full}\n"));
    let r = env.run(&["import", "people", "b.csv"]);
    r.ok();
    assert_eq!(
        lines(&r.stdout),
        ["读取 1 行：新增 0，更新 0，未变 1，不合格 0，跳过 0；批次 2"]
    );
    let p = env
        .run(&["--format", "json", "--unmask", "people", "list"])
        .json();
    assert_eq!(p[0]["id_number"], zhou.as_str());
}

#[test]
fn enterprise_refusals_bad_credit_code_and_boolean() {
    let env = Env::new();
    let good = credit_with_check("91320213MA1N2K3L4");
    let mut bad = good.clone();
    let last = bad.pop().expect("char");
    bad.push(if last == '1' { '2' } else { '1' });
    env.write(
        "e.csv",
        &format!(
            "企业名称,统一社会信用代码,是否建会,职工人数\n\
             甲公司,{bad},是,10\n\
             乙公司,{good},也许,10\n\
             丙公司,{good},是,十个\n"
        ),
    );
    let r = env.run(&["import", "enterprises", "e.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            format!(
                "e.csv 第2行 “统一社会信用代码”列 值“{bad}”：校验位错误：应为 {last}，实为 {}；请核对代码",
                bad.chars().last().expect("char")
            ),
            "e.csv 第3行 “是否建会”列 值“也许”：应为 是 或 否（也可写 有/无、Y/N、√/×、1/0）"
                .to_string(),
            "e.csv 第4行 “职工人数”列 值“十个”：不是整数；请填写如 12 的数字".to_string(),
            NOTHING_WRITTEN.to_string(),
        ]
    );
    assert_eq!(count(&env, "enterprises"), 0);
}

/// A person on file, for payout tests.
fn with_person(env: &Env) -> String {
    let a = id_with_check(CHEN);
    env.write("p.csv", &format!("姓名,身份证号\n陈静,{a}\n"));
    env.run(&["import", "people", "p.csv"]).ok();
    a
}

#[test]
fn payout_refusals_money_category_date() {
    let env = Env::new();
    let a = with_person(&env);
    env.write(
        "f.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期,凭证号\n\
             {a},陈静,春节慰问,-5,2025-01-01,V1\n\
             {a},陈静,春节慰问,1.234,2025-01-01,V2\n\
             {a},陈静,红包,100,2025-01-01,V3\n\
             {a},陈静,春节慰问,100,2025-02-30,V4\n\
             {a},陈静,春节慰问,一百元,2025-01-01,V5\n\
             {a},陈静,春节慰问,0,2025-01-01,V6\n\
             {a},陈静,春节慰问,100,2025-01-01,V7\n"
        ),
    );
    let r = env.run(&["import", "payouts", "f.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "f.csv 第2行 “金额(元)”列 值“-5”：金额不能为负数",
            "f.csv 第3行 “金额(元)”列 值“1.234”：小数位过多：最多 2 位（金额精确到分）",
            "f.csv 第4行 “类别”列 值“红包”：无法识别；应为：劳模荣誉津贴、劳模生活补助、困难帮扶、春节慰问、金秋助学、医疗互助、疗休养、体检、送清凉、创新成果奖励、工作室补贴",
            "f.csv 第5行 “发放日期”列 值“2025-02-30”：日期 2025-02-30 不存在",
            "f.csv 第6行 “金额(元)”列 值“一百元”：不是金额；请填写数字，如 1234.50",
            "f.csv 第7行 “金额(元)”列 值“0”：金额必须大于 0",
            NOTHING_WRITTEN,
        ]
    );
    assert_eq!(count(&env, "payouts"), 0);
}

#[test]
fn conflicting_duplicate_rows_in_one_file_are_refused() {
    let env = Env::new();
    let a = with_person(&env);
    env.write(
        "f.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期,凭证号\n\
             {a},陈静,春节慰问,100,2025-01-01,V5\n\
             {a},陈静,春节慰问,200,2025-01-01,V5\n"
        ),
    );
    let r = env.run(&["import", "payouts", "f.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "f.csv 第3行 “凭证号”列 值“V5”：与本文件第2行的同一记录内容不一致",
            NOTHING_WRITTEN,
        ]
    );
    assert_eq!(count(&env, "payouts"), 0);
}

#[test]
fn identical_duplicate_rows_in_one_file_are_one_record() {
    let env = Env::new();
    let a = with_person(&env);
    env.write(
        "f.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期,凭证号\n\
             {a},陈静,春节慰问,100,2025-01-01,V5\n\
             {a},陈静,春节慰问,100.00,2025/1/1,V5\n"
        ),
    );
    let r = env.run(&["import", "payouts", "f.csv"]);
    r.ok();
    assert_eq!(count(&env, "payouts"), 1);
}

#[test]
fn a_name_that_differs_from_the_one_on_file_is_refused() {
    let env = Env::new();
    let a = with_person(&env);
    env.write(
        "f.csv",
        &format!("身份证号,姓名,类别,金额(元),发放日期\n{a},陈晶,春节慰问,100,2025-01-01\n"),
    );
    let r = env.run(&["import", "payouts", "f.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "f.csv 第2行 “姓名”列 值“陈晶”：姓名与该身份证号已登记的姓名（陈*）不一致",
            NOTHING_WRITTEN,
        ]
    );
    // The same through a people file.
    env.write("p2.csv", &format!("姓名,身份证号\n陈晶,{a}\n"));
    let r = env.run(&["import", "people", "p2.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr)[0],
        "p2.csv 第2行 “姓名”列 值“陈晶”：姓名与该身份证号已登记的姓名（陈*）不一致"
    );
    let p = env.run(&["--format", "json", "people", "list"]).json();
    assert_eq!(p[0]["name"], "陈静");
}

#[test]
fn a_payout_after_the_recipients_death_is_refused() {
    let env = Env::new();
    let a = id_with_check(WU);
    env.write(
        "p.csv",
        &format!("姓名,身份证号,状态,去世日期\n吴立新,{a},去世,2024-05-01\n"),
    );
    env.run(&["import", "people", "p.csv"]).ok();
    env.write(
        "f.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期\n\
             {a},吴立新,春节慰问,100,2024-01-20\n\
             {a},吴立新,春节慰问,100,2025-01-20\n"
        ),
    );
    let r = env.run(&["import", "payouts", "f.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "f.csv 第3行 “发放日期”列 值“2025-01-20”：规则1：受领人在发放日期前已去世（2024-05-01）",
            NOTHING_WRITTEN,
        ]
    );
    assert_eq!(count(&env, "payouts"), 0);
}

#[test]
fn studio_results_for_an_unknown_studio_are_refused() {
    let env = Env::new();
    env.write("r.csv", "工作室名称,年份,创新课题\n无此工作室,2024,3\n");
    let r = env.run(&["import", "studio-results", "r.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "r.csv 第2行 “工作室名称”列 值“无此工作室”：工作室未登记：请先导入工作室",
            NOTHING_WRITTEN,
        ]
    );
}

#[test]
fn studio_and_hardship_refusals_unknown_kind_level_type() {
    let env = Env::new();
    let a = with_person(&env);
    env.write(
        "s.csv",
        &format!(
            "工作室名称,类型,领衔人身份证号,有劳模,命名级别,命名日期\n\
             甲工作室,技能大师工作室,{a},是,,\n\
             乙工作室,职工创新工作室,{a},大概,,\n\
             丙工作室,职工创新工作室,{a},是,乡级,2024-01-01\n"
        ),
    );
    let r = env.run(&["import", "studios", "s.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "s.csv 第2行 “类型”列 值“技能大师工作室”：无法识别；应为：劳模创新工作室、职工创新工作室、工匠创新工作室",
            "s.csv 第3行 “有劳模”列 值“大概”：应为 是 或 否（也可写 有/无、Y/N、√/×、1/0）",
            "s.csv 第4行 “命名级别”列 值“乡级”：无法识别；应为：区级、市级、市级示范性、省级示范性、全国",
            NOTHING_WRITTEN,
        ]
    );
    env.write(
        "h.csv",
        &format!("身份证号,姓名,困难类型,建档日期\n{a},陈静,一般困难,2024-01-01\n"),
    );
    let r = env.run(&["import", "hardship", "h.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "h.csv 第2行 “困难类型”列 值“一般困难”：无法识别；应为：深度困难、相对困难、意外致困",
            NOTHING_WRITTEN,
        ]
    );
}

#[test]
fn refusals_in_xlsx_name_the_excel_row_and_the_header_as_written() {
    let env = Env::new();
    let a = with_person(&env);
    let t = table(&[
        &["2025年福利发放明细"],
        &[],
        &[
            "序号",
            "身份证号",
            "姓名",
            "类别",
            "金额 （元）",
            "发放日期",
        ],
        &["#1", &a, "陈静", "春节慰问", "#100", "@2025-01-16"],
        &["#2", &a, "陈静", "春节慰问", "#-100", "@2025-01-17"],
    ]);
    env.write_xlsx("f.xlsx", "明细", &t);
    let r = env.run(&["import", "payouts", "f.xlsx"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "f.xlsx 第5行 “金额 （元）”列 值“-100”：金额不能为负数",
            NOTHING_WRITTEN,
        ]
    );
}

// ---------------------------------------------------------------- all or nothing, dry run

#[test]
fn one_bad_row_leaves_the_database_exactly_as_before() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    let b = id_with_check(LI);
    env.write(
        "p.csv",
        &format!("姓名,身份证号,手机号\n陈静,{a},13812345678\n"),
    );
    env.run(&["import", "people", "p.csv"]).ok();
    let before = records(&env);
    let batches = count(&env, "import_batches");
    let audit = count(&env, "audit_log");
    // One update, one addition, one bad row: none of it lands.
    env.write(
        "p2.csv",
        &format!(
            "姓名,身份证号,手机号\n陈静,{a},13900000000\n李红霞,{b},\n王五,{},\n",
            &b[..17]
        ),
    );
    let r = env.run(&["import", "people", "p2.csv"]);
    r.code(1);
    assert_eq!(lines(&r.stderr).last().copied(), Some(NOTHING_WRITTEN));
    assert_eq!(records(&env), before);
    assert_eq!(count(&env, "import_batches"), batches);
    assert_eq!(count(&env, "audit_log"), audit);
}

#[test]
fn dry_run_validates_and_writes_nothing() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    env.write("p.csv", &format!("姓名,身份证号\n陈静,{a}\n"));
    // A dry run writes nothing: not even a new database.
    if !env.file_only("a dry run leaves no file behind") {
        let r = env.run(&["import", "people", "p.csv", "--dry-run"]);
        r.code(2);
        assert_eq!(
            r.stderr,
            "错误：数据库文件 union.db 不存在：先运行 union init，或用 --db 指定文件\n"
        );
        assert!(!env.path("union.db").exists());
    }
    env.write("empty.db", "");
    env.run(&["--db", "empty.db", "import", "people", "p.csv", "--dry-run"])
        .code(2)
        .stderr_has("数据库文件 empty.db 是空的，尚未初始化");
    assert_eq!(std::fs::read(env.path("empty.db")).unwrap(), b"");
    env.run(&["init"]).ok();
    let r = env.run(&["import", "people", "p.csv", "--dry-run"]);
    r.ok();
    assert_eq!(
        lines(&r.stdout),
        [
            "读取 1 行：新增 1，更新 0，未变 0，不合格 0，跳过 0",
            "试运行：未写入任何数据",
        ]
    );
    assert_eq!(count(&env, "people"), 0);
    assert_eq!(count(&env, "import_batches"), 0);
    // A bad row in a dry run: exit 1, still nothing.
    env.write("q.csv", &format!("姓名,身份证号\n陈静,{a}\n李,123\n"));
    let r = env.run(&["import", "people", "q.csv", "--dry-run"]);
    r.code(1);
    r.stderr_has("q.csv 第3行 “身份证号”列 值“123”：身份证号应为 18 位，实为 3 位");
    assert_eq!(count(&env, "people"), 0);
}

// ---------------------------------------------------------------- --skip-invalid and rejects

#[test]
fn skip_invalid_writes_good_rows_and_a_rejects_file_that_can_be_fixed_and_reimported() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    let b = id_with_check(LI);
    let c = id_with_check(WU);
    env.write(
        "名册.csv",
        &format!(
            "2025年花名册,,,\n序号,姓名,身份证号,手机号\n1,陈静,{a},13812345678\n2,李红霞,{b},1391234567\n3,吴立新,{c},\n4,赵六,3.20102E+17,\n"
        ),
    );
    let r = env.run(&["import", "people", "名册.csv", "--skip-invalid"]);
    r.code(1);
    assert_eq!(
        lines(&r.stdout),
        ["读取 4 行：新增 2，更新 0，未变 0，不合格 2，跳过 0；批次 1"]
    );
    assert_eq!(
        lines(&r.stderr),
        [
            "名册.csv 第4行 “手机号”列 值“1391234567”：手机号应为 11 位数字，以 13–19 开头",
            "名册.csv 第6行 “身份证号”列 值“3.20102E+17”：身份证号变成了科学计数法（如 3.20102E+17），末几位已丢失；请把该列设为“文本”格式后重新录入",
            "不合格的行已写入 名册.rejects.csv：改正后可直接重新导入",
        ]
    );
    assert_eq!(count(&env, "people"), 2);
    let bytes = std::fs::read(env.path("名册.rejects.csv")).expect("rejects file");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    assert_eq!(
        lines(&text),
        [
            "序号,姓名,身份证号,手机号,原行号,错误原因".to_string(),
            // The ID number as Excel keeps it text (="…"); the Excel row it came from.
            format!("2,李红霞,\"=\"\"{b}\"\"\",1391234567,4,手机号：手机号应为 11 位数字，以 13–19 开头"),
            "4,赵六,3.20102E+17,,6,身份证号：身份证号变成了科学计数法（如 3.20102E+17），末几位已丢失；请把该列设为“文本”格式后重新录入".to_string(),
        ]
    );
    // The admin fixes the two cells and imports the rejects file itself.
    let d = id_with_check("32010219900101001");
    let fixed = format!("\u{feff}{}", text)
        .replace("1391234567,", "13912345678,")
        .replace("3.20102E+17", &d);
    env.write("名册.rejects.csv", &fixed);
    let r = env.run(&["import", "people", "名册.rejects.csv"]);
    r.ok();
    assert_eq!(
        lines(&r.stdout),
        ["读取 2 行：新增 2，更新 0，未变 0，不合格 0，跳过 0；批次 2"]
    );
    assert_eq!(r.stderr, "", "错误原因 is not an unknown column");
    assert_eq!(count(&env, "people"), 4);
    let p = env
        .run(&["--format", "json", "--unmask", "people", "show", &b])
        .json();
    assert_eq!(p["mobile"], "13912345678");
}

#[test]
fn rejects_path_can_be_chosen() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    env.write("p.csv", &format!("姓名,身份证号\n陈静,{a}\n李,123\n"));
    let r = env.run(&["import", "people", "p.csv", "--rejects", "bad.csv"]);
    // --rejects alone keeps all-or-nothing.
    r.code(1);
    r.stderr_has("不合格的行已写入 bad.csv");
    r.stderr_has(NOTHING_WRITTEN);
    assert!(env.path("bad.csv").exists());
    assert_eq!(count(&env, "people"), 0);
}

// ---------------------------------------------------------------- idempotence and updates

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let env = Env::new();
    for kind in KINDS_IN_ORDER {
        let f = example("xlsx", &format!("{kind}.xlsx"));
        env.run(&["import", kind, f.to_str().expect("path")]).ok();
    }
    let before = records(&env);
    let mut summaries = Vec::new();
    for kind in KINDS_IN_ORDER {
        let f = example("xlsx", &format!("{kind}.xlsx"));
        let r = env.run(&["import", kind, f.to_str().expect("path")]);
        r.ok();
        summaries.push(r.stdout.trim_end().to_string());
    }
    assert_eq!(
        summaries,
        [
            "读取 52 行：新增 0，更新 0，未变 52，不合格 0，跳过 1；批次 8",
            "读取 26 行：新增 0，更新 0，未变 26，不合格 0，跳过 0；批次 9",
            "读取 23 行：新增 0，更新 0，未变 23，不合格 0，跳过 0；批次 10",
            "读取 20 行：新增 0，更新 0，未变 20，不合格 0，跳过 0；批次 11",
            "读取 34 行：新增 0，更新 0，未变 34，不合格 0，跳过 0；批次 12",
            "读取 10 行：新增 0，更新 0，未变 10，不合格 0，跳过 0；批次 13",
            "读取 139 行：新增 0，更新 0，未变 139，不合格 0，跳过 1；批次 14",
        ]
    );
    assert_eq!(records(&env), before);
    // And the same records from the other formats are unchanged too.
    let f = example("gbk", "payouts.csv");
    let r = env.run(&["import", "payouts", f.to_str().expect("path")]);
    r.ok();
    r.stdout_has("新增 0，更新 0，未变 139");
    assert_eq!(records(&env), before);
}

#[test]
fn a_changed_cell_updates_the_record() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    let b = id_with_check(LI);
    env.write(
        "p.csv",
        &format!("姓名,身份证号,手机号,工作单位\n陈静,{a},13812345678,甲厂\n李红霞,{b},,乙厂\n"),
    );
    env.run(&["import", "people", "p.csv"]).ok();
    env.write(
        "p.csv",
        &format!("姓名,身份证号,手机号,工作单位\n陈静,{a},13812345678,丙厂\n李红霞,{b},,乙厂\n"),
    );
    let r = env.run(&["import", "people", "p.csv"]);
    r.ok();
    assert_eq!(
        lines(&r.stdout),
        ["读取 2 行：新增 0，更新 1，未变 1，不合格 0，跳过 0；批次 2"]
    );
    let p = env.run(&["--format", "json", "people", "show", &a]).json();
    assert_eq!(p["work_unit"], "丙厂");
    assert_eq!(count(&env, "people"), 2);
    // A payout keyed by voucher: a new amount updates it.
    env.write(
        "f.csv",
        &format!("身份证号,姓名,类别,金额(元),发放日期,凭证号\n{a},陈静,体检,300,2025-03-01,V1\n"),
    );
    env.run(&["import", "payouts", "f.csv"]).ok();
    env.write(
        "f.csv",
        &format!("身份证号,姓名,类别,金额(元),发放日期,凭证号\n{a},陈静,体检,350,2025-03-01,V1\n"),
    );
    let r = env.run(&["import", "payouts", "f.csv"]);
    r.ok();
    r.stdout_has("新增 0，更新 1，未变 0");
    let p = env
        .run(&["--format", "json", "payouts", "show", "V1"])
        .json();
    assert_eq!(p["amount"].to_string(), "350.00");
}

// ---------------------------------------------------------------- exit codes, bad input

#[test]
fn missing_file_and_unsupported_extension_exit_2() {
    let env = Env::new();
    let r = env.run(&["import", "people", "nope.csv"]);
    r.code(2);
    assert_eq!(lines(&r.stderr), ["错误：无法读取 nope.csv：文件不存在"]);
    env.write("a.pdf", "%PDF");
    let r = env.run(&["import", "people", "a.pdf"]);
    r.code(2);
    assert_eq!(
        lines(&r.stderr),
        ["错误：无法读取 a.pdf：不支持的文件类型“pdf”（可用 .csv .tsv .txt .xlsx .xlsm .xls）"]
    );
    let r = env.run(&["import", "nobody", "a.csv"]);
    r.code(2);
}

#[test]
fn random_bytes_named_xlsx_exit_2_without_a_panic() {
    let env = Env::new();
    // Deterministic noise.
    let mut x: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    env.write_bytes("a.xlsx", &bytes);
    let r = env.run(&["import", "people", "a.xlsx"]);
    r.code(2);
    assert_eq!(
        lines(&r.stderr),
        ["错误：无法读取 a.xlsx：不是 XLSX 工作簿（可能是改了扩展名的其他文件）"]
    );
    // A zip that is not a workbook, and a truncated real workbook.
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend_from_slice(&bytes[..200]);
    env.write_bytes("b.xlsx", &zip);
    let r = env.run(&["import", "people", "b.xlsx"]);
    r.code(2);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(!r.stderr.contains("RUST_BACKTRACE"), "{}", r.stderr);
    let real = std::fs::read(example("xlsx", "people.xlsx")).expect("example");
    env.write_bytes("c.xlsx", &real[..real.len() / 2]);
    let r = env.run(&["import", "people", "c.xlsx"]);
    r.code(2);
    assert!(
        r.stderr.starts_with("错误：无法读取 c.xlsx："),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    for bad in ["a.xls", "a.xlsm"] {
        env.write_bytes(bad, &bytes);
        let r = env.run(&["import", "people", bad]);
        r.code(2);
        assert!(!r.stderr.contains("panicked"), "{bad}: {}", r.stderr);
    }
}

#[test]
fn unreadable_database_and_bad_flag_values_exit_2() {
    let env = Env::new();
    env.write(
        "bad.db",
        "this is not sqlite, it is a text file long enough",
    );
    // SQLite's own words come once, after ours (its error repeats them in its cause).
    let r = env.run(&["--db", "bad.db", "people", "list"]);
    r.code(2);
    assert_eq!(
        r.stderr,
        "错误：无法打开数据库 bad.db（文件损坏或不是 SQLite 数据库？）: \
         Error code 26: file is not a database\n"
    );
    assert_eq!(r.stdout, "");
    let r = env.run(&["--lang", "en", "--db", "bad.db", "people", "list"]);
    r.code(2);
    assert_eq!(
        r.stderr,
        "error: cannot open database bad.db (damaged, or not an SQLite database?): \
         Error code 26: file is not a database\n"
    );
    if !env.file_only("a missing file") {
        let r = env.run(&["people", "list"]);
        r.code(2);
        assert_eq!(
            lines(&r.stderr),
            ["错误：数据库文件 union.db 不存在：先运行 union init，或用 --db 指定文件"]
        );
    }
    env.run(&["init"]).ok();
    let r = env.run(&["--format", "yaml", "people", "list"]);
    r.code(2);
    r.stderr_has("yaml");
    let r = env.run(&["people", "list", "--status", "外星"]);
    r.code(2);
    assert_eq!(
        lines(&r.stderr),
        [
            "错误：“外星”不是 --status <STATUS> 的有效值；可用：在职、退休、去世、调离",
            "",
            "更多说明请加 --help"
        ]
    );
    env.write("a.csv", "姓名,身份证号\n");
    let r = env.run(&["import", "people", "a.csv", "--encoding", "latin1"]);
    r.code(2);
    let r = env.run(&["--lang", "fr", "people", "list"]);
    r.code(2);
}

#[test]
fn refused_rows_exit_1_and_clean_import_exit_0() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    env.write("ok.csv", &format!("姓名,身份证号\n陈静,{a}\n"));
    env.run(&["import", "people", "ok.csv"]).code(0);
    env.write("bad.csv", "姓名,身份证号\n李,123\n");
    env.run(&["import", "people", "bad.csv"]).code(1);
}

#[test]
fn lang_en_gives_english_messages() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    env.write(
        "a.csv",
        &format!("title\n姓名,身份证号,手机号,extra\n陈静,{a},1381234567,\n合计,,,\n"),
    );
    let r = env.run(&["--lang", "en", "import", "people", "a.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "warning: a.csv: unknown columns ignored: extra",
            "a.csv row 3, column \"手机号\", value \"1381234567\": a mobile number has 11 digits and starts with 13–19",
            "a.csv row 4 is a totals row: skipped",
            "rows were refused, so nothing was written (fix them and import again, or use --skip-invalid to import the valid rows)",
        ]
    );
    assert_eq!(
        lines(&r.stdout),
        ["read 1 row: 1 refused, 1 skipped; nothing was written"]
    );
    let r = env.run(&["--lang", "en", "import", "people", "nope.csv"]);
    r.code(2);
    assert_eq!(
        lines(&r.stderr),
        ["error: cannot read nope.csv: no such file"]
    );
    let r = env.run(&["--lang", "en", "import", "payouts", "a.csv"]);
    r.code(2);
    assert!(r.stderr.starts_with("error: a.csv: "), "{}", r.stderr);
}

#[test]
fn new_database_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    if env.file_only("the file's permissions") {
        return;
    }
    env.run(&["init"]).ok();
    let mode = std::fs::metadata(env.path("union.db"))
        .expect("db")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let a = id_with_check(CHEN);
    env.write("p.csv", &format!("姓名,身份证号\n陈静,{a}\n"));
    env.run(&["--db", "other.db", "import", "people", "p.csv"])
        .ok();
    let mode = std::fs::metadata(env.path("other.db"))
        .expect("db")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    // init again is idempotent.
    env.run(&["init"]).ok();
}

// ---------------------------------------------------------------- more refusals and reader cases

#[test]
fn id_number_shapes_are_refused_with_their_reason() {
    let env = Env::new();
    env.write(
        "a.csv",
        "姓名,身份证号\n\
         甲,32010219800101001\n\
         乙,320102800101001\n\
         丙,3201021980O1010016\n\
         丁,320102189901010010\n\
         戊,320102209901010010\n\
         己,320102198002300016\n",
    );
    let r = env.run(&["import", "people", "a.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "a.csv 第2行 “身份证号”列 值“32010219800101001”：身份证号应为 18 位，实为 17 位",
            "a.csv 第3行 “身份证号”列 值“320102800101001”：这是 15 位的旧身份证号；请录入 18 位的新号码",
            "a.csv 第4行 “身份证号”列 值“3201021980O1010016”：第 11 位“O”不是数字（只有最后一位可以是 X）",
            "a.csv 第5行 “身份证号”列 值“320102189901010010”：出生日期 1899-01-01 不在 1900-01-01 至今天之间",
            "a.csv 第6行 “身份证号”列 值“320102209901010010”：出生日期 2099-01-01 不在 1900-01-01 至今天之间",
            "a.csv 第7行 “身份证号”列 值“320102198002300016”：第 7–14 位的出生日期 19800230 不是真实日期",
            NOTHING_WRITTEN,
        ]
    );
}

#[test]
fn a_studio_whose_leader_is_not_on_file_is_refused() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    env.write(
        "s.csv",
        &format!("工作室名称,类型,领衔人身份证号\n甲工作室,职工创新工作室,{a}\n"),
    );
    let r = env.run(&["import", "studios", "s.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            format!("s.csv 第2行 “领衔人身份证号”列 值“{a}”：领衔人未登记：请先导入人员，或在“领衔人”列填写姓名"),
            NOTHING_WRITTEN.to_string(),
        ]
    );
    // With the leader's name the leader is added.
    env.write(
        "s.csv",
        &format!("工作室名称,类型,领衔人身份证号,领衔人\n甲工作室,职工创新工作室,{a},陈静\n"),
    );
    env.run(&["import", "studios", "s.csv"]).ok();
    assert_eq!(count(&env, "people"), 1);
}

#[test]
fn an_agreement_for_an_unknown_enterprise_is_refused() {
    let env = Env::new();
    let c = credit_with_check("91320213MA1N2K3L4");
    env.write(
        "a.csv",
        &format!("统一社会信用代码,生效日期,到期日期\n{c},2024-01-01,2026-12-31\n"),
    );
    let r = env.run(&["import", "agreements", "a.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            format!("a.csv 第2行 “统一社会信用代码”列 值“{c}”：企业未登记：请先导入企业，或在“企业名称”列填写名称"),
            NOTHING_WRITTEN.to_string(),
        ]
    );
    // Expiry before the effective date.
    env.write(
        "a.csv",
        &format!("统一社会信用代码,企业名称,生效日期,到期日期\n{c},甲公司,2024-01-01,2023-12-31\n"),
    );
    let r = env.run(&["import", "agreements", "a.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "a.csv 第2行 “到期日期”列 值“2023-12-31”：到期日期早于生效日期",
            NOTHING_WRITTEN,
        ]
    );
}

#[test]
fn studio_subsidies_with_an_id_number_are_refused_on_payout_import() {
    let env = Env::new();
    let a = with_person(&env);
    env.write(
        "f.csv",
        &format!("身份证号,姓名,类别,金额(元),发放日期\n{a},陈静,工作室补贴,100,2025-01-01\n"),
    );
    let r = env.run(&["import", "payouts", "f.csv"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "f.csv 第2行 “类别”列 值“工作室补贴”：工作室补贴的对象是工作室：身份证号留空、姓名（受领人）填工作室名称，或用 union studio name 命名时记录",
            NOTHING_WRITTEN,
        ]
    );
}

#[test]
fn a_date_stored_as_a_plain_number_in_xlsx_is_refused_with_the_fix() {
    let env = Env::new();
    let a = with_person(&env);
    env.write_xlsx(
        "f.xlsx",
        "明细",
        &table(&[
            &["身份证号", "姓名", "类别", "金额(元)", "发放日期"],
            &[&a, "陈静", "体检", "#300", "#45292"],
        ]),
    );
    let r = env.run(&["import", "payouts", "f.xlsx"]);
    r.code(1);
    assert_eq!(
        lines(&r.stderr),
        [
            "f.xlsx 第2行 “发放日期”列 值“45292”：这是数字而不是日期；请把该列设为“日期”格式，或写成 2024-01-05",
            NOTHING_WRITTEN,
        ]
    );
}

#[test]
fn a_payout_to_someone_not_on_file_adds_the_person() {
    let env = Env::new();
    let b = id_with_check(LI);
    env.write(
        "f.csv",
        &format!("身份证号,姓名,类别,金额(元),发放日期\n{b},李红霞,医疗互助,2000,2025-06-01\n"),
    );
    env.run(&["import", "payouts", "f.csv"]).ok();
    let p = env
        .run(&["--format", "json", "--unmask", "people", "show", &b])
        .json();
    assert_eq!(p["name"], "李红霞");
    assert_eq!(p["gender"], "女");
    assert_eq!(p["birth_date"], "1985-06-15");
    assert_eq!(p["payouts"].as_array().expect("payouts").len(), 1);
}

#[test]
fn only_the_first_50_refusals_are_shown_and_the_rejects_file_has_all() {
    let env = Env::new();
    let mut text = String::from("姓名,身份证号\n");
    for i in 0..60 {
        text.push_str(&format!("人{i},12345\n"));
    }
    env.write("a.csv", &text);
    let r = env.run(&["import", "people", "a.csv", "--rejects", "all.csv"]);
    r.code(1);
    let err = lines(&r.stderr);
    assert_eq!(err.len(), 53, "{}", r.stderr);
    assert_eq!(
        err[0],
        "a.csv 第2行 “身份证号”列 值“12345”：身份证号应为 18 位，实为 5 位"
    );
    assert_eq!(
        err[49],
        "a.csv 第51行 “身份证号”列 值“12345”：身份证号应为 18 位，实为 5 位"
    );
    assert_eq!(
        err[50],
        "……另有 10 处错误未显示（用 --rejects 文件查看全部）"
    );
    assert_eq!(err[51], "不合格的行已写入 all.csv：改正后可直接重新导入");
    assert_eq!(err[52], NOTHING_WRITTEN);
    let rejects = std::fs::read_to_string(env.path("all.csv")).expect("rejects");
    assert_eq!(rejects.lines().count(), 61);
}

#[test]
fn sheet_option_picks_a_sheet_and_an_unknown_sheet_is_named() {
    use rust_xlsxwriter::Workbook;
    let env = Env::new();
    let a = id_with_check(CHEN);
    let mut book = Workbook::new();
    let cover = book.add_worksheet();
    cover.set_name("说明").expect("name");
    cover
        .write_string(0, 0, "本表为2025年劳模花名册")
        .expect("write");
    let ws = book.add_worksheet();
    ws.set_name("花名册").expect("name");
    ws.write_string(0, 0, "姓名").expect("write");
    ws.write_string(0, 1, "身份证号").expect("write");
    ws.write_string(1, 0, "陈静").expect("write");
    ws.write_string(1, 1, &a).expect("write");
    book.save(env.path("book.xlsx")).expect("save");
    // The first sheet has no header.
    let r = env.run(&["import", "people", "book.xlsx"]);
    r.code(2);
    let r = env.run(&["import", "people", "book.xlsx", "--sheet", "花名册"]);
    r.ok();
    assert_eq!(
        lines(&r.stdout),
        ["读取 1 行：新增 1，更新 0，未变 0，不合格 0，跳过 0；批次 1"]
    );
    let r = env.run(&["import", "people", "book.xlsx", "--sheet", "Sheet9"]);
    r.code(2);
    assert_eq!(
        lines(&r.stderr),
        ["错误：无法读取 book.xlsx：没有名为“Sheet9”的工作表；现有工作表：说明、花名册"]
    );
}

#[test]
fn encoding_can_be_forced_and_a_wrong_one_is_reported() {
    let env = Env::new();
    let a = id_with_check(CHEN);
    env.write_gbk("g.csv", &format!("姓名,身份证号\n陈静,{a}\n"));
    let r = env.run(&["import", "people", "g.csv", "--encoding", "utf-8"]);
    r.code(2);
    assert!(
        r.stderr.starts_with("错误：无法读取 g.csv："),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--encoding"), "{}", r.stderr);
    env.run(&["import", "people", "g.csv", "--encoding", "gbk"])
        .ok();
    let p = env.run(&["--format", "json", "people", "list"]).json();
    assert_eq!(p[0]["name"], "陈静");
}

#[test]
fn every_import_is_a_batch_with_file_name_sha256_kind_and_counts() {
    use sha2::{Digest, Sha256};
    let env = Env::new();
    let a = id_with_check(CHEN);
    let text = format!("姓名,身份证号\n陈静,{a}\n合计,\n");
    env.write("a.csv", &text);
    env.run(&["import", "people", "a.csv"]).ok();
    // A refused file and a dry run leave no batch.
    env.write("b.csv", "姓名,身份证号\n李,123\n");
    env.run(&["import", "people", "b.csv"]).code(1);
    env.run(&["import", "people", "a.csv", "--dry-run"]).ok();
    let r = env.run(&["--format", "json", "import", "list"]);
    r.ok();
    let v = r.json();
    let batches = v.as_array().expect("array");
    assert_eq!(batches.len(), 1, "{v}");
    let b = &batches[0];
    let sha: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect();
    assert_eq!(b["id"], 1);
    assert_eq!(b["kind"], "people");
    assert_eq!(b["file"], "a.csv");
    assert_eq!(b["sha256"], sha.as_str());
    assert_eq!(
        (
            &b["read"],
            &b["added"],
            &b["updated"],
            &b["unchanged"],
            &b["refused"],
            &b["skipped"]
        ),
        (
            &serde_json::json!(1),
            &serde_json::json!(1),
            &serde_json::json!(0),
            &serde_json::json!(0),
            &serde_json::json!(0),
            &serde_json::json!(1)
        )
    );
}

/// Only a totals row is skipped: a name that merely begins with 总计 or Total is data.
#[test]
fn names_that_begin_like_a_total_are_data() {
    let env = Env::new();
    let a = credit_with_check("91320200MA1XTTAL0");
    let b = credit_with_check("91320200MA1XTTAL1");
    env.write(
        "e.csv",
        &format!(
            "企业名称,统一社会信用代码\nTotalEnergies道达尔能源（无锡）有限公司,{a}\n总计划装备（无锡）有限公司,{b}\n合计：2家,\n"
        ),
    );
    env.run(&["import", "enterprises", "e.csv"])
        .ok()
        .stdout_has("读取 2 行：新增 2")
        .stderr_has("e.csv 第4行是合计行，已跳过");
}

#[test]
fn a_batch_numbered_zero_is_refused_with_its_reason() {
    let env = Env::new();
    let leader = id_with_check("32010219700101001");
    env.write(
        "s.csv",
        &format!("工作室名称,类型,领衔人身份证号,领衔人,命名级别,命名日期,批次\n甲工作室,职工创新工作室,{leader},甲,区级,2020-05-01,0\n"),
    );
    env.run(&["import", "studios", "s.csv"])
        .code(1)
        .stderr_has("s.csv 第2行 “批次”列 值“0”：批次从 1 开始编号");
}

#[test]
fn the_rejects_file_may_not_be_the_file_being_imported() {
    let env = Env::new();
    env.write("p.csv", "姓名,身份证号\n张三,1\n");
    let r = env.run(&[
        "import",
        "people",
        "p.csv",
        "--skip-invalid",
        "--rejects",
        "p.csv",
    ]);
    r.code(2);
    assert_eq!(
        r.stderr,
        "错误：输出文件 p.csv 就是正在读取的文件 p.csv：写入会毁掉它，已拒绝，什么都没有改动；请另选文件名\n"
    );
    assert_eq!(
        std::fs::read_to_string(env.path("p.csv")).unwrap_or_default(),
        "姓名,身份证号\n张三,1\n"
    );
}

#[test]
fn an_absurd_window_is_not_a_crash() {
    let env = Env::new();
    env.run(&["init"]).ok();
    let run = env.run(&["agreement", "expiring", "--within", "4294967295"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.ok();
}

/// Excel stores a percentage-formatted 5.5% as 0.055: it reads as 5.5, like "5.5%" in a CSV.
#[test]
fn a_percentage_formatted_cell_reads_as_the_percentage_excel_shows() {
    let code = credit_with_check("91320200MA1XPCT00");
    let rows = vec![
        vec![
            "统一社会信用代码".to_string(),
            "企业名称".into(),
            "生效日期".into(),
            "到期日期".into(),
            "工资增幅(%)".into(),
        ],
        vec![
            code.clone(),
            "甲公司".into(),
            "@2025-01-01".into(),
            "@2027-12-31".into(),
            "#0.055".into(),
        ],
    ];
    let xlsx = Env::new();
    xlsx.write_xlsx("a.xlsx", "协议", &rows);
    xlsx.run(&["import", "agreements", "a.xlsx"]).ok();
    let csv = Env::new();
    csv.write("a.csv", &format!("统一社会信用代码,企业名称,生效日期,到期日期,工资增幅(%)\n{code},甲公司,2025-01-01,2027-12-31,5.5%\n"));
    csv.run(&["import", "agreements", "a.csv"]).ok();
    let list = |env: &Env| {
        env.run(&["--format", "json", "agreements", "list"]).json()[0]["wage_increase"].to_string()
    };
    assert_eq!(list(&xlsx), "5.50");
    assert_eq!(list(&xlsx), list(&csv));
}

/// A payout file long enough to be written in many-row statements (256 rows to a stretch, up to
/// 64 to a statement), with, in the middle of a stretch: a voucher already on file with the
/// same content, one already on file for someone else, a 春节慰问 after a stored one, a voucher
/// given twice (once the same, once different), and in a stretch of its own a second 春节慰问
/// of the same person and year right after the first. Each row gets the outcome it would get
/// on its own, in file order.
#[test]
fn rows_written_many_to_a_statement_keep_the_outcome_of_each_row() {
    let env = Env::new();
    let person = |n: usize| id_with_check(&format!("32010219700101{n:03}"));
    let mut people = String::from("姓名,身份证号\n");
    for n in 1..=5 {
        people.push_str(&format!("人员{n},{}\n", person(n)));
    }
    env.write("people.csv", &people);
    env.run(&["import", "people", "people.csv"]).ok();
    let header = "身份证号,姓名,类别,金额(元),发放日期,凭证号";
    env.write(
        "before.csv",
        &format!(
            "{header}\n{},人员1,送清凉,100,2025-07-01,P1\n{},人员2,送清凉,100,2025-07-01,P2\n\
             {},人员3,春节慰问,500,2025-01-20,P3\n",
            person(1),
            person(2),
            person(3)
        ),
    );
    env.run(&["import", "payouts", "before.csv"]).ok();

    // Row i of the file (Excel row i + 2): 送清凉 with voucher F{i}, except the special rows.
    let special = |i: usize| -> Option<(usize, &str, u32, &str, String)> {
        Some(match i {
            70 => (1, "送清凉", 100, "2025-07-01", "P1".into()),
            71 => (1, "送清凉", 100, "2025-07-01", "P2".into()),
            540 => (4, "春节慰问", 500, "2025-01-10", "S1".into()),
            541 => (4, "春节慰问", 500, "2025-02-01", "S2".into()),
            140 => (3, "春节慰问", 500, "2025-01-25", "S3".into()),
            200 => (1, "送清凉", 110, "2025-07-01", "F10".into()), // as row 10 (i % 5 == 0)
            260 => (2, "送清凉", 999, "2025-07-01", "F11".into()), // row 11 paid 111
            _ => return None,
        })
    };
    let rows = 600;
    let mut file = format!("{header}\n");
    for i in 0..rows {
        let (n, category, amount, date, voucher) = special(i).unwrap_or((
            1 + i % 5,
            "送清凉",
            100 + i as u32,
            "2025-07-01",
            format!("F{i}"),
        ));
        file.push_str(&format!(
            "{},人员{n},{category},{amount},{date},{voucher}\n",
            person(n)
        ));
    }
    env.write("f.csv", &file);
    let r = env.run(&["import", "payouts", "f.csv", "--skip-invalid"]);
    r.code(1);
    let once = "（同一年度2024-11-01～2025-10-31）\
                （payout.once_per_year = festival_condolence,education_aid,health_check\
                （自1900-01-01起，默认值（来源未载明，请按本地文件设置）））\
                （payout.season_start.festival_condolence = 11-01\
                （自1900-01-01起，默认值（来源未载明，请按本地文件设置）））";
    let refused = [
        "f.csv 第73行 “凭证号”列 值“P2”：规则6：凭证号P2已用于另一条发放记录".to_string(),
        format!("f.csv 第142行 “发放日期”列 值“2025-01-25”：规则3：每人每年限一次，2025-01-20已发放{once}"),
        // The second F10 repeats row 12 whole: kept once, and said.
        "警告：f.csv 第202行与第12行是同一笔发放（人、类别、金额、日期、凭证号都相同），只记一笔；若确是两笔，请填写不同的凭证号".to_string(),
        "f.csv 第262行 “凭证号”列 值“F11”：与本文件第13行的同一记录内容不一致".to_string(),
        format!("f.csv 第543行 “发放日期”列 值“2025-02-01”：规则3：每人每年限一次，2025-01-10已发放{once}"),
    ];
    let stderr = lines(&r.stderr);
    assert_eq!(stderr[..refused.len()], refused);
    // P1 and the second F10 are unchanged; the four refused rows are not written.
    let added = rows - 2 - 4;
    assert_eq!(
        r.stdout.trim_end(),
        format!("读取 {rows} 行：新增 {added}，更新 0，未变 2，不合格 4，跳过 0；批次 3")
    );
    assert_eq!(count(&env, "payouts"), 3 + added as i64);
    // Every written row is the row it says it is, once.
    let r = env.run(&[
        "--format",
        "csv",
        "sql",
        "SELECT string_agg(batch_row || ':' || voucher || ':' || amount, ' ' ORDER BY id) \
         FROM payouts WHERE batch_id = 3",
    ]);
    r.ok();
    let expected: Vec<String> = (0..rows)
        .filter(|i| ![70, 71, 140, 200, 260, 541].contains(i))
        .map(|i| {
            let (_, _, amount, _, voucher) =
                special(i).unwrap_or((0, "", 100 + i as u32, "", format!("F{i}")));
            format!("{}:{voucher}:{}", i + 2, amount * 100)
        })
        .collect();
    let mut written: Vec<&str> = r.stdout.lines().nth(1).unwrap_or("").split(' ').collect();
    written.sort_by_key(|w| w.split(':').next().and_then(|n| n.parse::<usize>().ok()));
    assert_eq!(written, expected);

    // The same file again: nothing new (so no row repeats one written now); the same four
    // rows refused.
    let r = env.run(&["import", "payouts", "f.csv", "--skip-invalid"]);
    r.code(1);
    let again: Vec<&String> = refused.iter().filter(|l| !l.starts_with("警告")).collect();
    assert_eq!(
        lines(&r.stderr)[..again.len()].iter().collect::<Vec<_>>(),
        again
    );
    assert_eq!(
        r.stdout.trim_end(),
        format!(
            "读取 {rows} 行：新增 0，更新 0，未变 {}，不合格 4，跳过 0；批次 4",
            rows - 4
        )
    );
}

/// A date is held to 1900–2100 whatever the cell: an XLSX date cell of 2101 is refused with the
/// same reason as the text 2101-01-01 in a CSV (it was accepted as it was), and 2100-12-31 is
/// taken from both.
#[test]
fn a_date_cell_is_held_to_the_same_years_as_date_text() {
    let code = credit_with_check("91320200MA1XPCT00");
    let header = ["统一社会信用代码", "企业名称", "生效日期", "到期日期"];
    for (expires, ok) in [("2101-01-01", false), ("2100-12-31", true)] {
        let xlsx = Env::new();
        xlsx.write_xlsx(
            "a.xlsx",
            "协议",
            &[
                header.iter().map(|h| h.to_string()).collect(),
                vec![
                    code.clone(),
                    "甲公司".into(),
                    "@2025-01-01".into(),
                    format!("@{expires}"),
                ],
            ],
        );
        let csv = Env::new();
        csv.write(
            "a.csv",
            &format!("{}\n{code},甲公司,2025-01-01,{expires}\n", header.join(",")),
        );
        let from_xlsx = xlsx.run(&["import", "agreements", "a.xlsx"]);
        let from_csv = csv.run(&["import", "agreements", "a.csv"]);
        if ok {
            from_xlsx.ok();
            from_csv.ok();
        } else {
            from_xlsx.code(1);
            from_csv.code(1);
            assert_eq!(
                from_csv.stderr,
                "a.csv 第2行 “到期日期”列 值“2101-01-01”：年份 2101 不在 1900–2100 之间\n\
                 有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
            );
            assert_eq!(from_xlsx.stderr, from_csv.stderr.replace("a.csv", "a.xlsx"));
        }
    }
}

/// A first import onto an empty database (nobody and no payout on file) makes the indexes of
/// payouts by person and of people by name and district once at the end, and judges every
/// row as any other import does: a 春节慰问 of the same person and year refused within a
/// stretch of rows, across stretches (read from the import's own copy of such rows while the
/// index is missing), and after a row without a voucher made the index mid-file. Both languages.
#[test]
fn a_first_import_onto_an_empty_database_judges_every_row_and_keeps_the_indexes() {
    let person = |n: usize| id_with_check(&format!("32010219700101{n:03}"));
    let special = |i: usize| -> Option<(usize, &str, &str, String)> {
        Some(match i {
            10 => (1, "春节慰问", "2025-01-10", "S1".into()),
            20 => (2, "春节慰问", "2025-01-10", "S3".into()),
            21 => (2, "春节慰问", "2025-02-10", "S4".into()),
            400 => (1, "春节慰问", "2025-03-01", "S2".into()),
            500 => (3, "春节慰问", "2025-01-05", String::new()),
            550 => (3, "春节慰问", "2025-05-05", "S5".into()),
            _ => return None,
        })
    };
    let mut file = String::from("身份证号,姓名,类别,金额(元),发放日期,凭证号\n");
    for i in 0..600 {
        let (n, category, date, voucher) =
            special(i).unwrap_or((1 + i % 5, "送清凉", "2025-07-01", format!("F{i}")));
        file.push_str(&format!(
            "{},人员{n},{category},500,{date},{voucher}\n",
            person(n)
        ));
    }
    // A parameter as cited: `KEY = VALUE`, its default's date and source.
    let cited = |zh: bool, key_value: &str| {
        let (from, by) = if zh {
            ("（自", "）")
        } else {
            (" (from ", ")")
        };
        let (sep, source) = if zh {
            ("起，", "默认值（来源未载明，请按本地文件设置）")
        } else {
            (
                ", ",
                "a default no source states (set it from your local documents)",
            )
        };
        format!("{key_value}{from}1900-01-01{sep}{source}{by}")
    };
    let once = "payout.once_per_year = festival_condolence,education_aid,health_check";
    let start = "payout.season_start.festival_condolence = 11-01";
    let zh = |row: u32, date: &str, paid: &str| {
        format!(
            "f.csv 第{row}行 “发放日期”列 值“{date}”：规则3：每人每年限一次，{paid}已发放\
             （同一年度2024-11-01～2025-10-31）（{}）（{}）\n",
            cited(true, once),
            cited(true, start)
        )
    };
    let en = |row: u32, date: &str, paid: &str| {
        format!(
            "f.csv row {row}, column \"发放日期\", value \"{date}\": rule 3: once per person per \
             year: already paid on {paid} (the same year, 2024-11-01 to 2025-10-31) ({}) ({})\n",
            cited(false, once),
            cited(false, start)
        )
    };
    let expected = [
        (
            "zh",
            "读取 600 行：新增 597，更新 0，未变 0，不合格 3，跳过 0；批次 1\n\
             写入记录：人员 新增 5；发放记录 新增 597\n",
            format!(
                "{}{}{}不合格的行已写入 f.rejects.csv：改正后可直接重新导入\n",
                zh(23, "2025-02-10", "2025-01-10"),
                zh(402, "2025-03-01", "2025-01-10"),
                zh(552, "2025-05-05", "2025-01-05")
            ),
        ),
        (
            "en",
            "read 600 rows: 597 added, 0 updated, 0 unchanged, 3 refused, 0 skipped; batch 1\n\
             records written: people 5 added; payouts 597 added\n",
            format!(
                "{}{}{}refused rows written to f.rejects.csv: fix them and import that file again\n",
                en(23, "2025-02-10", "2025-01-10"),
                en(402, "2025-03-01", "2025-01-10"),
                en(552, "2025-05-05", "2025-01-05")
            ),
        ),
    ];
    for (lang, stdout, stderr) in expected {
        let env = Env::new();
        env.write("f.csv", &file);
        let r = env.run(&[
            "--lang",
            lang,
            "import",
            "payouts",
            "f.csv",
            "--skip-invalid",
        ]);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (1, stdout, stderr.as_str())
        );
        if !env.file_only("SQLite's catalogue (PostgreSQL keeps the indexes)") {
            let r = env.run(&[
                "--format",
                "csv",
                "sql",
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                    AND tbl_name IN ('payouts', 'people') ORDER BY name",
            ]);
            r.ok();
            assert_eq!(
                lines(&r.stdout),
                [
                    "name",
                    "payouts_person",
                    "payouts_student",
                    "payouts_studio",
                    "people_district",
                    "people_name"
                ]
            );
        }
        env.run(&["log", "--verify"]).ok();
    }
}

/// A person's name is one rule on every path (found by a trial: an emoji in a name was kept):
/// a name needs a Chinese character or a letter, and holds no character names are not written
/// with. The middle dot, brackets, a hyphen and spaces are names' own; an emoji, a slash, a
/// trailing 、 or a tab are refused, naming row, column and value — from a file, a student's
/// name, and `payout add --name`/`--student-name`. Pinned whole in both languages.
#[test]
fn names_hold_only_what_names_are_written_with() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        let mut t = Transcript::new(&env, lang);
        let ids: Vec<String> = (40..48).map(id).collect();
        env.write(
            "people.csv",
            &format!(
                "身份证号,姓名\n{},阿卜杜拉·买买提\n{},张伟（大）\n{},Mary-Ann O'Neil\n{},王 芳\n\
                 {},张三😀\n{},李四/王五\n{},赵六、\n{},1234",
                ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7]
            ),
        );
        t.step(&["init"]);
        t.step(&["import", "people", "people.csv", "--skip-invalid"]);
        t.step(&[
            "payout",
            "add",
            "--id-number",
            &ids[4],
            "--name",
            "张三😀",
            "--category",
            "春节慰问",
            "--amount",
            "200",
            "--date",
            "2026-01-20",
        ]);
        t.step(&[
            "payout",
            "add",
            "--id-number",
            &ids[0],
            "--name",
            "阿卜杜拉·买买提",
            "--category",
            "金秋助学",
            "--amount",
            "2000",
            "--date",
            "2026-01-20",
            "--student-name",
            "小\t明",
        ]);
        t.step(&[
            "payout",
            "add",
            "--id-number",
            &ids[0],
            "--name",
            "阿卜杜拉·买买提",
            "--category",
            "春节慰问",
            "--amount",
            "200",
            "--date",
            "2026-01-20",
        ]);
        t.pin("names_written_with");
    }
}

/// A payout an import corrects counts at its new date for the rows after it in the same file:
/// on PostgreSQL, the earlier payouts read a batch at a time are read again once a row changes
/// one.
#[test]
fn a_payout_corrected_in_an_import_counts_at_its_new_date_for_the_rows_after_it() {
    let env = Env::new();
    let b = id_with_check(LI);
    let header = "身份证号,姓名,类别,金额(元),发放日期,凭证号";
    env.write(
        "f1.csv",
        &format!("{header}\n{b},李红霞,体检,500,2025-03-01,T1\n"),
    );
    env.run(&["import", "payouts", "f1.csv"]).ok();
    // T1 moves to 2024: a second 体检 in 2025 is then the year's first.
    env.write(
        "f2.csv",
        &format!(
            "{header}\n{b},李红霞,体检,500,2024-12-01,T1\n{b},李红霞,体检,500,2025-06-01,T2\n"
        ),
    );
    let r = env.run(&["import", "payouts", "f2.csv"]);
    r.ok();
    assert_eq!(r.stderr, "");
    assert_eq!(
        lines(&r.stdout),
        ["读取 2 行：新增 1，更新 1，未变 0，不合格 0，跳过 0；批次 2"]
    );
    // Moved back into 2025, T1 meets T2 there: refused, in either language.
    env.write(
        "f3.csv",
        &format!("{header}\n{b},李红霞,体检,500,2025-02-01,T1\n"),
    );
    let r = env.run(&["import", "payouts", "f3.csv"]);
    r.code(1);
    assert_eq!(r.stdout, "读取 1 行：不合格 1，跳过 0；未写入任何记录\n");
    assert_eq!(
        r.stderr,
        "f3.csv 第2行 “发放日期”列 值“2025-02-01”：规则3：每人每年限一次，2025-06-01已发放（同一年度2025-01-01～2025-12-31）（payout.once_per_year = festival_condolence,education_aid,health_check（自1900-01-01起，默认值（来源未载明，请按本地文件设置）））（payout.season_start.health_check = 01-01（自1900-01-01起，默认值（来源未载明，请按本地文件设置）））\n有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
    );
    let r = env.run(&["--lang", "en", "import", "payouts", "f3.csv"]);
    r.code(1);
    assert_eq!(
        r.stdout,
        "read 1 row: 1 refused, 0 skipped; nothing was written\n"
    );
    assert_eq!(
        r.stderr,
        "f3.csv row 2, column \"发放日期\", value \"2025-02-01\": rule 3: once per person per year: already paid on 2025-06-01 (the same year, 2025-01-01 to 2025-12-31) (payout.once_per_year = festival_condolence,education_aid,health_check (from 1900-01-01, a default no source states (set it from your local documents))) (payout.season_start.health_check = 01-01 (from 1900-01-01, a default no source states (set it from your local documents)))\nrows were refused, so nothing was written (fix them and import again, or use --skip-invalid to import the valid rows)\n"
    );
}

/// A row refused after it had written (a studio's new leader added, then the studio found to
/// disagree with an earlier row) leaves nothing behind, and the rows around it are written as
/// they would be alone: the same outcomes, records and ids on both backends (on PostgreSQL
/// rows go under one savepoint for many, and such a row sends the stretch back; see
/// `store::write::write_guarded_together`). 70 rows: two stretches of the 64 a savepoint
/// holds; refused after writing at rows 40 and 70, before writing at row 20.
#[test]
fn a_row_refused_after_it_wrote_leaves_nothing_and_the_rows_around_it_are_written() {
    let id = |k: u32| id_with_check(&format!("32010219800101{k:03}"));
    let mut file = String::from("工作室名称,类型,领衔人身份证号,领衔人,团队人数\n");
    for row in 2..=71u32 {
        let line = match row {
            20 => format!("工作室20,劳模创新工作室,{},不是他,5\n", id(3)),
            40 => format!("工作室6,劳模创新工作室,{},李四,9\n", id(900)),
            70 => format!("工作室50,劳模创新工作室,{},王六,9\n", id(901)),
            _ => format!("工作室{row},劳模创新工作室,{},领衔人{row},5\n", id(row)),
        };
        file.push_str(&line);
    }
    for lang in ["zh", "en"] {
        let env = Env::new();
        env.write("studios.csv", &file);
        let mut t = Transcript::new(&env, lang);
        t.line("import studios studios.csv --skip-invalid")
            .step(&[
                "--format",
                "csv",
                "sql",
                "SELECT count(*) AS n, min(id) AS first, max(id) AS last FROM people",
            ])
            .step(&[
                "--format",
                "csv",
                "sql",
                "SELECT count(*) AS n, min(id) AS first, max(id) AS last FROM studios",
            ])
            .step(&[
                "--format",
                "csv",
                "sql",
                "SELECT name FROM people WHERE name IN ('李四', '王六', '不是他')",
            ]);
        t.pin("row_refused_after_writing");
    }
}

/// `--format json` gives a script the import's outcome as JSON on stdout (the refusals stay on
/// stderr, in the reader's language): written, refused and dry-run.
#[test]
fn an_import_says_its_outcome_as_json_when_asked() {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.write("p.csv", &format!("姓名,身份证号\n张三,{}\n", id(1)));
    let r = env.run(&["--format", "json", "import", "people", "p.csv"]);
    r.ok();
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.json(),
        serde_json::json!({
            "read": 1, "added": 1, "updated": 0, "unchanged": 0, "refused": 0, "skipped": 0,
            "batch": 1, "dry_run": false, "rolled_back": false,
            "records": {"people": {"added": 1, "updated": 0}}
        })
    );
    env.write(
        "q.csv",
        &format!("姓名,身份证号\n李四,{}\n王五,12345\n", id(2)),
    );
    for lang in ["zh", "en"] {
        let r = env.run(&[
            "--lang", lang, "--format", "json", "import", "people", "q.csv",
        ]);
        r.code(1);
        assert_eq!(
            r.json(),
            serde_json::json!({
                "read": 2, "added": 1, "updated": 0, "unchanged": 0, "refused": 1, "skipped": 0,
                "batch": null, "dry_run": false, "rolled_back": true, "records": {}
            })
        );
        assert_eq!(
            r.stderr,
            match lang {
                "zh" => "q.csv 第3行 “身份证号”列 值“12345”：身份证号应为 18 位，实为 5 位\n\
                         有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n",
                _ => "q.csv row 3, column \"身份证号\", value \"12345\": an ID number has 18 characters, this one has 5\n\
                      rows were refused, so nothing was written (fix them and import again, or use \
                      --skip-invalid to import the valid rows)\n",
            }
        );
    }
    let r = env.run(&["--format", "json", "import", "people", "p.csv", "--dry-run"]);
    r.ok();
    assert_eq!(r.json()["dry_run"], true);
    assert_eq!(r.json()["unchanged"], 1);
    assert_eq!(r.json()["batch"], serde_json::Value::Null);
}

/// Two rows of one file giving one ID number two names: the refusal names the earlier row of
/// the file (nothing of the file is on file yet); a name truly on file is said to be on file.
#[test]
fn a_name_given_by_an_earlier_row_of_the_file_is_said_to_be_that_rows() {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.write(
        "dup.csv",
        &format!("姓名,身份证号\n张三,{a}\n张四,{a}\n", a = id(1)),
    );
    let r = env.run(&["import", "people", "dup.csv"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "dup.csv 第3行 “姓名”列 值“张四”：姓名与本文件第2行给这个身份证号的姓名（张*）不一致\n\
         有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
    );
    env.write(
        "pay.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期,凭证号\n\
             {a},张三,医疗互助,100,2025-10-01,V1\n{a},张四,医疗互助,100,2025-10-02,V2\n",
            a = id(1)
        ),
    );
    let r = env.run(&["--lang", "en", "import", "payouts", "pay.csv"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "pay.csv row 3, column \"姓名\", value \"张四\": the name differs from the one row 2 of \
         this file gives for this ID number (张*)\n\
         rows were refused, so nothing was written (fix them and import again, or use \
         --skip-invalid to import the valid rows)\n"
    );
    // Once 张三 is on file, a later file's other name is said to differ from the one on file.
    env.write("one.csv", &format!("姓名,身份证号\n张三,{}\n", id(1)));
    env.run(&["import", "people", "one.csv"]).ok();
    for (lang, said) in [
        (
            "zh",
            "pay.csv 第3行 “姓名”列 值“张四”：姓名与该身份证号已登记的姓名（张*）不一致\n",
        ),
        (
            "en",
            "pay.csv row 3, column \"姓名\", value \"张四\": the name differs from the one on \
             file for this ID number (张*)\n",
        ),
    ] {
        let r = env.run(&["--lang", lang, "import", "payouts", "pay.csv"]);
        r.code(1);
        assert!(r.stderr.starts_with(said), "{}", r.stderr);
    }
}
