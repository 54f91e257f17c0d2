//! Screen output that fits the window (issue 17): every list, `show` and `studio apply` from the
//! demo at 80, 100 and 120 columns in both languages — no line wider than the window, and every
//! date, ID number, voucher and amount of the unbounded rendering whole in the narrow ones.

use crate::harness::Env;
use unicode_width::UnicodeWidthStr;

/// The commands a new user runs first, over the demo database.
fn commands(id: &str) -> Vec<Vec<String>> {
    [
        "people list",
        "people list --models",
        &format!("people show {id}"),
        "payouts list",
        "payouts show 1",
        "hardship list",
        "studios list",
        "studios show 2",
        "enterprises list",
        "agreements list",
        "policy list",
        "batches",
        "eligible festival-condolence --year 2026 --date 2026-01-10",
        "studio apply 2 --level city-demo --date 2026-05-01 --dry-run",
        "studio apply 1 --level city --date 2026-05-01 --dry-run",
        "studio check --date 2026-05-01",
        "check payouts --year 2025",
        "report payouts --year 2025",
        "report year-end --year 2025",
    ]
    .iter()
    .map(|c| c.split(' ').map(str::to_string).collect())
    .collect()
}

/// The atomic values of a rendering: dates, ID numbers (masked or not), vouchers, amounts.
fn atoms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || "-.*".contains(c))) {
        let t = token.trim_matches(|c: char| c == '.' || c == '-');
        let date = t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-';
        let id = t.len() == 18 && t[..6].bytes().all(|b| b.is_ascii_digit());
        let voucher = t.starts_with("FL20") && t.contains('-');
        let amount = t.contains('.')
            && t.split('.').nth(1).is_some_and(|d| d.len() == 2)
            && t.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if date || id || voucher || amount {
            out.push(t.to_string());
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_list_show_and_verdict_fits_the_window() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let db = env.path("demo.db");
    let db = db.to_str().expect("utf-8 path");
    let people = env
        .run(&[
            "--db", db, "--format", "json", "--unmask", "people", "list", "--models",
        ])
        .json();
    let id = people[0]["id_number"].as_str().expect("an ID").to_string();
    for lang in ["zh", "en"] {
        for cmd in commands(&id) {
            let mut args = vec!["--db", db, "--lang", lang];
            args.extend(cmd.iter().map(String::as_str));
            let wide = env.run(&args);
            assert!(wide.code == 0 || wide.code == 1, "{cmd:?}: {}", wide.stderr);
            let wanted = atoms(&wide.stdout);
            for columns in [80usize, 100, 120] {
                let narrow = env.run_with(&args, &[("COLUMNS", &columns.to_string())]);
                assert_eq!(narrow.code, wide.code, "{cmd:?} at {columns}");
                for line in narrow.stdout.lines() {
                    assert!(
                        line.width() <= columns,
                        "{lang} {cmd:?} at {columns}: a line of {} columns:\n{line}\n{}",
                        line.width(),
                        narrow.stdout
                    );
                }
                let found = atoms(&narrow.stdout);
                for atom in &wanted {
                    assert!(
                        found.contains(atom),
                        "{lang} {cmd:?} at {columns}: {atom} is not whole:\n{}",
                        narrow.stdout
                    );
                }
            }
        }
    }
}

/// `studio apply` of the demo's 张志强劳模创新工作室 for 市级示范性, which it does not meet.
const APPLY: [&str; 10] = [
    "--db",
    "demo.db",
    "studio",
    "apply",
    "2",
    "--level",
    "city-demo",
    "--date",
    "2026-05-01",
    "--dry-run",
];

#[test]
fn studio_apply_at_80_columns_is_a_verdict_list() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let args = APPLY;
    let r = env.run_with(&args, &[("COLUMNS", "80")]);
    // Not eligible: exit 1.
    r.code(1);
    assert_eq!(r.stderr, "");
    assert_eq!(r.stdout, include_str!("snapshots/studio_apply_80.zh.txt"));
    let mut en = vec!["--lang", "en"];
    en.extend(args);
    let r = env.run_with(&en, &[("COLUMNS", "80")]);
    assert_eq!(r.stdout, include_str!("snapshots/studio_apply_80.en.txt"));
    // The full grid stays with --verbose; JSON is the same data as ever.
    let mut verbose = args.to_vec();
    verbose.push("--verbose");
    env.run(&verbose)
        .stdout_has("┆ studio.demo.min_trained = 100");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let args = APPLY;
    // Piped (and NO_COLOR in the harness): plain text.
    let plain = env.run(&args);
    assert!(!plain.stdout.contains('\x1b'));
    // --color always: the headline red (not eligible), ✓ green, ✗ red; the text is the same.
    let mut always = vec!["--color", "always"];
    always.extend(args);
    let r = env.run(&always);
    assert!(r.stdout.starts_with("\x1b[31m张志强劳模创新工作室 申报市级示范性（2026-05-01）：不符合，3 项未达到\x1b[0m\n"), "{}", r.stdout);
    assert!(r.stdout.contains(" \x1b[32m✓\x1b[0m 具备“八有”标准\n"));
    assert!(r.stdout.contains(" \x1b[31m✗\x1b[0m 领衔人健在\n"));
    assert_eq!(
        r.stdout
            .replace("\x1b[31m", "")
            .replace("\x1b[32m", "")
            .replace("\x1b[0m", ""),
        plain.stdout
    );
    let r = env.run(&[
        "--color",
        "always",
        "--db",
        "demo.db",
        "people",
        "show",
        "无此人",
    ]);
    r.code(2);
    assert_eq!(r.stderr, "\x1b[31m错误\x1b[0m：未找到：无此人\n");
    // --color never wins over everything.
    let r = env.run(&[
        "--color",
        "never",
        "--db",
        "demo.db",
        "people",
        "show",
        "无此人",
    ]);
    assert_eq!(r.stderr, "错误：未找到：无此人\n");
}

#[test]
fn a_limit_shows_the_first_rows_and_says_how_to_see_the_rest() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let r = env.run(&["--db", "demo.db", "payouts", "list", "--limit", "2"]);
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    // Top border, header, separator, two rows, bottom border, and the line about the rest.
    assert_eq!(lines.len(), 7, "{}", r.stdout);
    assert!(lines[3].contains("FL2025-0001") && lines[4].contains("FL2025-0002"));
    assert_eq!(
        lines[6],
        "共 139 条，只显示前 2 条：--all 显示全部，--limit N 显示前 N 条，-o 文件 导出全部"
    );
    let r = env.run(&[
        "--lang", "en", "--db", "demo.db", "payouts", "list", "--limit", "2",
    ]);
    assert_eq!(
        r.stdout.lines().last().unwrap(),
        "139 rows, the first 2 shown: --all shows every row, --limit N the first N, -o FILE writes them all"
    );
    // Piped with no limit, or with --all, or as CSV: every row.
    let all = env.run(&["--db", "demo.db", "payouts", "list"]);
    assert_eq!(all.stdout.lines().count(), 139 + 4);
    let csv = env.run(&[
        "--db", "demo.db", "payouts", "list", "--format", "csv", "--limit", "2",
    ]);
    assert_eq!(csv.stdout.lines().count(), 140);
    env.run(&[
        "--db", "demo.db", "payouts", "list", "--all", "--limit", "2",
    ])
    .code(2);
}

/// A people list cut to its first rows reads only those (and counts the rest): for every
/// filter, its rows are the first of the whole list, in the same order, and its count the
/// whole list's, in both languages.
#[test]
fn a_limited_people_list_is_the_head_of_the_whole_list() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let filters: &[&[&str]] = &[
        &[],
        &["--level", "city"],
        &["--status", "retired"],
        &["--models"],
        &["--name", "王"],
        &["--district", "梁溪区", "--models"],
        &["--name", "没有这个人"],
    ];
    for lang in ["zh", "en"] {
        for filter in filters {
            let run = |extra: &[&str]| {
                let mut args = vec!["--lang", lang, "--db", "demo.db", "people", "list"];
                args.extend_from_slice(filter);
                args.extend_from_slice(extra);
                let r = env.run(&args);
                r.ok();
                r.stdout.clone()
            };
            let all = run(&["--format", "csv"]);
            let rows: Vec<&str> = all.lines().skip(1).collect();
            let limited = run(&["--limit", "3"]);
            let shown: Vec<&str> = limited
                .lines()
                .filter(|l| l.starts_with('│'))
                .skip(1)
                .collect();
            assert_eq!(
                shown.len(),
                rows.len().min(3),
                "{lang} {filter:?}\n{limited}"
            );
            // The same people in the same order: each shown row's ID number (masked) is the
            // whole list's at that place.
            for (line, row) in shown.iter().zip(&rows) {
                let id = row.split(',').nth(1).unwrap_or_default();
                assert!(line.contains(id), "{lang} {filter:?}: {line} / {row}");
            }
            let last = limited.lines().last().unwrap_or_default();
            let said = match (lang, rows.len() > 3) {
                ("zh", true) => format!(
                    "共 {} 条，只显示前 3 条：--all 显示全部，--limit N 显示前 N 条，-o 文件 导出全部",
                    rows.len()
                ),
                (_, true) => format!(
                    "{} rows, the first 3 shown: --all shows every row, --limit N the first N, \
                     -o FILE writes them all",
                    rows.len()
                ),
                _ => last.to_string(),
            };
            assert_eq!(last, said, "{lang} {filter:?}");
        }
    }
}

#[test]
fn a_long_piped_table_is_written_as_it_comes_and_whole() {
    let env = Env::new();
    env.run(&["init"]).ok();
    let id = crate::harness::id_with_check("32020219700101001");
    env.write("p.csv", &format!("姓名,身份证号\n周建华,{id}\n"));
    env.run(&["import", "people", "p.csv"]).ok();
    let mut file = String::from("身份证号,姓名,类别,金额,发放日期,凭证号\n");
    for i in 0..1500 {
        file.push_str(&format!(
            "{id},周建华,送清凉,{},2025-07-01,F{i:04}\n",
            100 + i % 900
        ));
    }
    env.write("f.csv", &file);
    env.run(&["import", "payouts", "f.csv"]).ok();
    let r = env.run(&["payouts", "list"]);
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1500 + 4);
    // One width for every row, laid out from the first thousand, and every voucher there.
    let w = lines[0].width();
    assert!(lines.iter().all(|l| l.width() == w), "{}", r.stdout);
    for i in [0, 999, 1000, 1499] {
        assert!(r.stdout.contains(&format!(" F{i:04} ")), "F{i:04}");
    }
    assert!(lines[1503].starts_with('└'));
}

#[test]
fn a_clean_payout_check_says_the_year_and_the_count_in_their_places() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let r = env.run(&[
        "--lang", "en", "--db", "demo.db", "check", "payouts", "--year", "2026",
    ]);
    r.ok();
    assert_eq!(r.stdout, "2026: 68 payouts checked, no rule broken\n");
    assert_eq!(r.stderr, "");
    let r = env.run(&["--db", "demo.db", "check", "payouts", "--year", "2026"]);
    assert_eq!(r.stdout, "2026年发放记录 68 条，未发现违反规则的情况\n");
}

/// `payout add` for 李红霞 of the demo, refused, in both languages at `columns`: stdout empty,
/// exit 1, and stderr exactly `zh` and `en`, no line wider than the window.
fn refused_payout(category: &str, amount: &str, date: &str, columns: &str, zh: &str, en: &str) {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let args = [
        "--db",
        "demo.db",
        "payout",
        "add",
        "--id-number",
        "320202197806309761",
        "--name",
        "李红霞",
        "--category",
        category,
        "--amount",
        amount,
        "--date",
        date,
        "--voucher",
        "X9",
    ];
    for (lang, want) in [("zh", zh), ("en", en)] {
        let mut argv = vec!["--lang", lang];
        argv.extend(args);
        let r = env.run_with(&argv, &[("COLUMNS", columns)]);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (1, "", want)
        );
        let window: usize = columns.parse().unwrap();
        for line in r.stderr.lines() {
            assert!(line.width() <= window, "{line}");
        }
    }
}

#[test]
fn a_refused_payout_numbers_each_parameter_once_as_a_note() {
    refused_payout(
        "春节慰问",
        "99999",
        "2025-03-01",
        "80",
        "不予发放：\n  ✗ 规则3：每人每年限一次，2025-01-16已发放（同一年度2024-11-01～2025-10-31）\n    [1] [2]\n  ✗ 规则5：金额超过该类别上限5000.00元 [3]\n参数：\n [1] payout.once_per_year =\n     festival_condolence,education_aid,health_check，自1900-01-01起，来源：\n     默认值（来源未载明，请按本地文件设置）\n [2] payout.season_start.festival_condolence = 11-01，自1900-01-01起，来\n     源：默认值（来源未载明，请按本地文件设置）\n [3] payout.max.festival_condolence = 5000.00，自1900-01-01起，来源：默\n     认值（来源未载明，请按本地文件设置）\n",
        "refused:\n  ✗ rule 3: once per person per year: already paid on 2025-01-16 (the same year,\n    2024-11-01 to 2025-10-31) [1] [2]\n  ✗ rule 5: the amount is over the category ceiling of 5000.00 yuan [3]\nparameters:\n [1] payout.once_per_year =\n     festival_condolence,education_aid,health_check, from 1900-01-01,\n     source: a default no source states (set it from your local documents)\n [2] payout.season_start.festival_condolence = 11-01, from 1900-01-01,\n     source: a default no source states (set it from your local documents)\n [3] payout.max.festival_condolence = 5000.00, from 1900-01-01, source:\n     a default no source states (set it from your local documents)\n",
    );
}

#[test]
fn a_refused_payout_lists_each_rule_broken_within_the_window() {
    refused_payout(
        "劳模荣誉津贴",
        "80000",
        "2026-02-20",
        "60",
        "不予发放：\n  ✗ 规则2：劳模荣誉津贴只发给享受市级及以上劳模待遇者，受领\n    人最高：无 [1]\n  ✗ 规则2：劳模荣誉津贴只发给已退休的劳模，发放日期时受领人\n    未退休\n  ✗ 规则5：金额超过该类别上限10000.00元 [2]\n参数：\n [1] allowance.honor.min_level = city，自1900-01-01\n     起，来源：002_a544f0e0540b1fad.txt：“严格按照国家、\n     省、市劳模管理办法规定的标准,按时足额为离退休劳模发\n     放荣誉津贴”\n [2] payout.max.honor_allowance = 10000.00，自\n     1900-01-01起，来源：默认值（来源未载明，请按本地文\n     件设置）\n",
        "refused:\n  ✗ rule 2: the model honour allowance (劳模荣誉津贴) goes\n    only to holders of city-or-above model treatment; the\n    recipient's highest: none [1]\n  ✗ rule 2: the model honour allowance (劳模荣誉津贴) goes\n    to retired labour models only: the recipient was not\n    retired on the payment date\n  ✗ rule 5: the amount is over the category ceiling of\n    10000.00 yuan [2]\nparameters:\n [1] allowance.honor.min_level = city, from\n     1900-01-01, source: 002_a544f0e0540b1fad.txt：“严格\n     按照国家、省、市劳模管理办法规定的标准,按时足额为离\n     退休劳模发放荣誉津贴”\n [2] payout.max.honor_allowance = 10000.00, from\n     1900-01-01, source: a default no source states (set\n     it from your local documents)\n",
    );
}

#[test]
fn command_line_mistakes_are_said_in_the_language_asked_for() {
    let env = Env::new();
    let r = env.run(&["payout", "add", "--amount", "-5"]);
    r.code(2);
    assert_eq!(
        r.stderr,
        "错误：“-5”被当成了选项：以 - 开头的值请写成 --选项=-5（如 --amount=-5）\n\n\
         用法：union payout add [OPTIONS] --id-number <ID_NUMBER> --name <NAME> --category <CATEGORY> --amount <AMOUNT> --date <DATE>\n\n\
         更多说明请加 --help\n"
    );
    let r = env.run(&["people", "list", "--levle", "x"]);
    r.code(2);
    assert_eq!(
        r.stderr,
        "错误：无法识别的参数“--levle”（是不是 --level？）\n\n用法：union people list --level <LEVEL>\n\n更多说明请加 --help\n"
    );
    let r = env.run(&["--format", "xml", "people", "list"]);
    r.code(2);
    assert_eq!(
        r.stderr,
        "错误：“xml”不是 --format <FORMAT> 的有效值；可用：table、csv、json\n\n更多说明请加 --help\n"
    );
    // English is clap's own wording; --lang=en and UNION_LANG are heard before parsing.
    let r = env.run(&["--lang=en", "peple"]);
    r.code(2);
    assert!(
        r.stderr
            .starts_with("error: unrecognized subcommand 'peple'"),
        "{}",
        r.stderr
    );
    let r = env.run_with(&["peple"], &[("UNION_LANG", "en")]);
    assert!(
        r.stderr
            .starts_with("error: unrecognized subcommand 'peple'"),
        "{}",
        r.stderr
    );
    // Help is not an error, in either language.
    env.run(&["--help"]).code(0);
}

#[test]
fn a_query_of_any_size_is_written_as_it_comes_in_every_format() {
    let env = Env::new();
    env.run(&["init"]).ok();
    let q = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) SELECT i, 'F' || i AS v FROM n";
    let r = env.run(&["sql", q]);
    r.ok();
    assert_eq!(r.stdout.lines().count(), 1500 + 4);
    assert!(r.stdout.contains(" F1500 "));
    env.run(&["sql", q, "-o", "q.xlsx"])
        .ok()
        .stderr_has("q.xlsx");
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(env.path("q.xlsx")).expect("workbook");
    let range = book.worksheet_range("sql").expect("sheet");
    assert_eq!(range.height(), 1501);
}

/// 1,500 payouts whose last 300 have amounts and vouchers wider than the first thousand rows
/// laid the table out for, and a note: the database and a reader of `payouts list`.
fn wide_after_a_thousand() -> Env {
    let env = Env::new();
    env.run(&["init"]).ok();
    let id = crate::harness::id_with_check("32020219700101001");
    env.write("p.csv", &format!("姓名,身份证号\n周建华,{id}\n"));
    env.run(&["import", "people", "p.csv"]).ok();
    let mut file = String::from("身份证号,姓名,类别,金额,发放日期,凭证号,备注\n");
    for k in 1..=1500 {
        if k <= 1200 {
            file.push_str(&format!("{id},周建华,医疗互助,1.00,2025-07-01,V{k},\n"));
        } else {
            file.push_str(&format!(
                "{id},周建华,医疗互助,249999.99,2025-07-01,YL-2025-12-长凭证号-{k:08}-ABCDEFGHIJ,住院治疗后的医疗互助补助\n"
            ));
        }
    }
    env.write("f.csv", &file);
    env.run(&["import", "payouts", "f.csv"]).ok();
    env
}

#[test]
fn a_long_piped_table_never_splits_what_came_after_its_layout() {
    let env = wide_after_a_thousand();
    // No window: nothing wraps at all; a row wider than the first thousand widens itself.
    let r = env.run(&["payouts", "list"]);
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1500 + 4, "one line a row");
    let last = lines[1502];
    assert!(
        last.contains(" 249999.99 ")
            && last.contains(" YL-2025-12-长凭证号-00001500-ABCDEFGHIJ ")
            && last.contains(" 医疗互助 ")
            && last.contains(" 住院治疗后的医疗互助补助 "),
        "{last}"
    );
    // The same width as the grid where the row's other cells had room to spare.
    assert_eq!(lines[1000].width(), lines[0].width());
    // A window: the amount and the voucher whole, the free text wraps; the row overflows only
    // by what its free text could not give.
    for lang in ["zh", "en"] {
        for columns in ["100", "80"] {
            let r = env.run_with(
                &["--lang", lang, "payouts", "list"],
                &[("COLUMNS", columns)],
            );
            r.ok();
            for k in [1201, 1350, 1500] {
                let voucher = format!("YL-2025-12-长凭证号-{k:08}-ABCDEFGHIJ");
                let line = r
                    .stdout
                    .lines()
                    .find(|l| l.contains(&voucher))
                    .unwrap_or_else(|| panic!("{voucher} split at {columns}:\n{}", r.stdout));
                // In a grid the amount is on the voucher's line; in blocks (English at 80), on its own.
                assert!(
                    line.contains(" 249999.99 ") || !r.stdout.starts_with('┌'),
                    "{line}"
                );
                assert!(r.stdout.contains("249999.99\n") || r.stdout.contains(" 249999.99 "));
            }
            for k in [1, 999, 1200] {
                assert!(
                    r.stdout.contains(&format!(" V{k} ")) || r.stdout.contains(&format!(" V{k}\n")),
                    "V{k}"
                );
            }
        }
    }
}

#[test]
fn a_block_puts_a_value_too_wide_beside_its_label_under_it_whole() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let run = |lang: &str, columns: &str, list: &str| {
        let r = env.run_with(
            &[
                "--db", "demo.db", "--lang", lang, list, "list", "--limit", "1",
            ],
            &[("COLUMNS", columns)],
        );
        r.ok();
        let window: usize = columns.parse().unwrap();
        for line in r.stdout.lines() {
            assert!(line.width() <= window, "{line}");
        }
        r.stdout.clone()
    };
    for (lang, columns, list, want) in [
        (
            "zh",
            "20",
            "hardship",
            "── 1 ──\n    编号：10\n    姓名：赵桂兰\n身份证号：\n  320211********5026\n困难类型：深度困难\n建档日期：2018-10-10\n致困原因：因病\n    户号：LX-010\n复核日期：2025-12-20\n共 10 条，只显示前 1\n条：--all 显示全部，\n--limit N 显示前 N\n条，-o 文件 导出全部\n",
        ),
        (
            "en",
            "20",
            "hardship",
            "── 1 ──\n         ID: 10\n       Name: 赵桂兰\n  ID number:\n  320211********5026\n       Type:\n  Deep hardship\n  Opened on:\n  2018-10-10\n      Cause: 因病\n  Household: LX-010\nReviewed on:\n  2025-12-20\n10 rows, the first 1\nshown: --all shows\nevery row, --limit N\nthe first N, -o FILE\nwrites them all\n",
        ),
        (
            "zh",
            "20",
            "people",
            "── 1 ──\n    姓名：刘强\n身份证号：\n  320211********5115\n    性别：男\n出生日期：1985-09-12\n    状态：在职\n共 47 条，只显示前 1\n条：--all 显示全部，\n--limit N 显示前 N\n条，-o 文件 导出全部\n",
        ),
        (
            "en",
            "20",
            "people",
            "── 1 ──\n          Name: 刘强\n     ID number:\n  320211********5115\n        Gender: male\n    Birth date:\n  1985-09-12\n        Status:\n  Active\n47 rows, the first 1\nshown: --all shows\nevery row, --limit N\nthe first N, -o FILE\nwrites them all\n",
        ),
        (
            "en",
            "32",
            "payouts",
            "── 1 ──\n           ID: 1\n    Recipient: 李红霞\n    ID number:\n  320202********9761\n     Category: Spring Festival\n               condolence\nAmount (yuan): 800.00\n      Paid on: 2025-01-16\n      Voucher: FL2025-0001\n         Note: 2025年春节慰问\n               （困难职工）\n139 rows, the first 1 shown:\n--all shows every row, --limit N\nthe first N, -o FILE writes them\nall\n",
        ),
    ] {
        assert_eq!(run(lang, columns, list), want, "{lang} {list} at {columns}");
    }
    // Every ID number, mobile and date of the whole lists whole in blocks 20 wide.
    for list in ["people", "hardship", "payouts"] {
        for lang in ["zh", "en"] {
            let r = env.run_with(
                &["--db", "demo.db", "--lang", lang, list, "list"],
                &[("COLUMNS", "20")],
            );
            let csv = env.run(&["--db", "demo.db", "--format", "csv", list, "list"]);
            for token in csv.stdout.split([',', '\n']) {
                let atomic = token.len() >= 10
                    && token.is_ascii()
                    && token.bytes().any(|b| b.is_ascii_digit())
                    && !token.contains(' ');
                if atomic {
                    assert!(
                        r.stdout.contains(token),
                        "{lang} {list}: {token} split:\n{}",
                        r.stdout
                    );
                }
            }
        }
    }
}

#[test]
fn on_a_terminal_a_screenful_is_counted_in_lines() {
    // A terminal needs a pseudo-terminal: util-linux's `script` gives one where it is installed.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("no `script` here: not run");
        return;
    }
    let env = Env::new();
    env.run(&["demo"]).ok();
    let bin = env!("CARGO_BIN_EXE_union");
    for lang in ["zh", "en"] {
        for list in ["people", "payouts", "hardship"] {
            for (cols, rows) in [(80, 24), (120, 30), (40, 24)] {
                let out = std::process::Command::new("script")
                    .args(["-qec"])
                    .arg(format!(
                        "stty cols {cols} rows {rows}; '{bin}' --db demo.db --lang {lang} {list} list"
                    ))
                    .arg("/dev/null")
                    .current_dir(env.dir())
                    .env_remove("COLUMNS")
                    .env_remove("LINES")
                    .env("NO_COLOR", "1")
                    .output()
                    .expect("script");
                let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
                let lines: Vec<&str> = text.lines().collect();
                // Everything on the screen at once, the prompt's line to spare.
                assert!(
                    lines.len() < rows,
                    "{lang} {list} {cols}x{rows}: {} lines:\n{text}",
                    lines.len()
                );
                assert!(lines.iter().all(|l| l.width() <= cols), "{text}");
                let first = lines.first().copied().unwrap_or("");
                assert!(first.starts_with('┌') || first == "── 1 ──", "{text}");
                // The ten hardship files fit; the other lists say how to see the rest.
                assert!(
                    list == "hardship" || text.contains("只显示前") || text.contains(" shown:"),
                    "{lang} {list} {cols}x{rows}:\n{text}"
                );
            }
        }
    }
}

#[test]
fn a_narrow_table_leaves_out_the_empty_columns_then_the_optional_ones() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let run = |lang: &str| {
        let r = env.run_with(
            &[
                "--db", "demo.db", "--lang", lang, "people", "list", "--limit", "5",
            ],
            &[("COLUMNS", "82")],
        );
        r.ok();
        r.stdout.clone()
    };
    // In these five rows mobile, unit, district, the dates and the title are all empty: they go
    // together, and gender (optional) stays, there being room for it.
    assert_eq!(
        run("zh"),
        "┌────────┬────────────────────┬──────┬────────────┬──────┐
│ 姓名   ┆ 身份证号           ┆ 性别 ┆ 出生日期   ┆ 状态 │
╞════════╪════════════════════╪══════╪════════════╪══════╡
│ 刘强   ┆ 320211********5115 ┆ 男   ┆ 1985-09-12 ┆ 在职 │
│ 张玉梅 ┆ 320205********3408 ┆ 女   ┆ 1969-11-05 ┆ 在职 │
│ 李红霞 ┆ 320202********9761 ┆ 女   ┆ 1978-06-30 ┆ 在职 │
│ 杨军   ┆ 320282********1510 ┆ 男   ┆ 1976-12-08 ┆ 在职 │
│ 王建伟 ┆ 320206********8212 ┆ 男   ┆ 1972-02-18 ┆ 在职 │
└────────┴────────────────────┴──────┴────────────┴──────┘
（窗口较窄，未显示：手机号，工作单位，所属地区，退休日期，去世日期，调离日期，最高
荣誉；-o 文件 或 --format csv 可得全部列）
共 47 条，只显示前 5 条：--all 显示全部，--limit N 显示前 N 条，-o 文件 导出全部
"
    );
    assert_eq!(
        run("en"),
        "┌────────┬────────────────────┬────────┬────────────┬────────┐
│ Name   ┆ ID number          ┆ Gender ┆ Birth date ┆ Status │
╞════════╪════════════════════╪════════╪════════════╪════════╡
│ 刘强   ┆ 320211********5115 ┆ male   ┆ 1985-09-12 ┆ Active │
│ 张玉梅 ┆ 320205********3408 ┆ female ┆ 1969-11-05 ┆ Active │
│ 李红霞 ┆ 320202********9761 ┆ female ┆ 1978-06-30 ┆ Active │
│ 杨军   ┆ 320282********1510 ┆ male   ┆ 1976-12-08 ┆ Active │
│ 王建伟 ┆ 320206********8212 ┆ male   ┆ 1972-02-18 ┆ Active │
└────────┴────────────────────┴────────┴────────────┴────────┘
(window too narrow; not shown: Mobile, Work unit, District, Retired on, Died on,
Transferred on, Highest title; -o FILE or --format csv has every column)
47 rows, the first 5 shown: --all shows every row, --limit N the first N, -o FILE
writes them all
"
    );
    // All 47: the columns with values come back, and gender (optional 1) is the first to go.
    let r = env.run_with(
        &["--db", "demo.db", "people", "list"],
        &[("COLUMNS", "100")],
    );
    let header = r.stdout.lines().nth(1).unwrap_or("");
    assert!(
        !header.contains("性别") && header.contains("最高荣誉"),
        "{}",
        r.stdout
    );
}

#[test]
fn headlines_and_summaries_wrap_to_the_window() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let run = |lang: &str, columns: &str, args: &[&str]| {
        let mut argv = vec!["--db", "demo.db", "--lang", lang];
        argv.extend(args);
        let r = env.run_with(&argv, &[("COLUMNS", columns)]);
        let window: usize = columns.parse().unwrap();
        for line in r.stdout.lines() {
            assert!(line.width() <= window, "{lang} {args:?}: {line}");
        }
        r.stdout.clone()
    };
    let check = ["check", "payouts", "--year", "2025"];
    assert_eq!(
        run("zh", "40", &check),
        "2025年发放记录 71 条，未发现违反规则的情\n况\n"
    );
    assert_eq!(
        run("en", "40", &check),
        "2025: 71 payouts checked, no rule broken\n"
    );
    let year_end = ["report", "year-end", "--year", "2025"];
    assert!(
        run("zh", "40", &year_end).starts_with("2025年度统计报表（2025-01-01 至\n2025-12-31）\n")
    );
    assert!(run("en", "40", &year_end)
        .starts_with("Year-end statistics 2025 (2025-01-01 to\n2025-12-31)\n"));
    let mut verbose = APPLY[..].to_vec();
    verbose.push("--verbose");
    assert!(run("zh", "60", &verbose[2..]).ends_with(
        "\n结论：张志强劳模创新工作室 不符合申报市级示范性的条件\n（2026-05-01）：3 项不符合\n"
    ));
    assert!(run("en", "60", &verbose[2..]).ends_with(
        "\nverdict: 张志强劳模创新工作室 is not eligible for City\ndemonstration (2026-05-01): 3 rules not met\n"
    ));
}

#[test]
fn a_show_page_points_at_what_really_gives_everything() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let args = [
        "--db",
        "demo.db",
        "--limit",
        "2",
        "people",
        "show",
        "320202197806309761",
    ];
    // The person's own fields whole whatever the limit; the lists under them cut to it, the
    // hints naming --format json (the page's -o FILE.csv holds the person alone).
    for (lang, want) in [
        ("zh", include_str!("snapshots/people_show_60.zh.txt")),
        ("en", include_str!("snapshots/people_show_60.en.txt")),
    ] {
        let mut argv = vec!["--lang", lang];
        argv.extend(args);
        let r = env.run_with(&argv, &[("COLUMNS", "60")]);
        r.ok();
        assert_eq!(r.stdout, want);
    }
    // What the hints promise: JSON has every payout and its note.
    let mut json = args.to_vec();
    json.extend(["-o", "p.json"]);
    env.run(&json).ok();
    let page: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(env.path("p.json")).unwrap()).unwrap();
    assert_eq!(page["payouts"].as_array().map(Vec::len), Some(6));
    assert!(page["payouts"][0]["note"].is_string());
    // A list's own hints still name -o and CSV, which hold every row and column of a list.
    let r = env.run_with(
        &["--db", "demo.db", "--limit", "2", "people", "list"],
        &[("COLUMNS", "60")],
    );
    assert!(
        r.stdout.contains("-o 文件 或 --format csv 可得全部\n列）"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_limit_of_nothing_is_refused_as_a_usage_error() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    for limit in ["0", "-1", "x"] {
        let arg = format!("--limit={limit}");
        let r = env.run(&["--db", "demo.db", "payouts", "list", &arg]);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (
                2,
                "",
                format!("错误：参数 --limit <N> 的值“{limit}”无效：应为 1 或更大的整数\n\n更多说明请加 --help\n")
                    .as_str()
            )
        );
        let r = env.run(&["--lang", "en", "--db", "demo.db", "payouts", "list", &arg]);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (
                2,
                "",
                format!("error: invalid value '{limit}' for '--limit <N>': a whole number, 1 or more\n\nFor more information, try '--help'.\n").as_str()
            )
        );
    }
    env.run(&["--db", "demo.db", "payouts", "list", "--limit", "1"])
        .ok();
}

#[test]
fn the_demo_fits_an_80_column_window() {
    for (lang, tries) in [
        (
            "zh",
            "试试：union --db demo.db people list\n      union --db demo.db payouts list --year 2026\n      union --db demo.db studio check\n      union --db demo.db eligible festival-condolence --year 2026\n",
        ),
        (
            "en",
            "try: union --db demo.db people list\n     union --db demo.db payouts list --year 2026\n     union --db demo.db studio check\n     union --db demo.db eligible festival-condolence --year 2026\n",
        ),
    ] {
        let env = Env::new();
        let r = env.run_with(&["--lang", lang, "demo"], &[("COLUMNS", "80")]);
        r.ok();
        for line in r.stdout.lines() {
            assert!(line.width() <= 80, "{lang}: {line}");
        }
        assert!(r.stdout.contains(tries), "{}", r.stdout);
        // Unbounded (piped, no COLUMNS) the commands stay side by side, as before.
        let env = Env::new();
        let r = env.run(&["--lang", lang, "demo"]);
        assert!(r.stdout.contains("people list    union --db demo.db payouts list --year 2026\n"));
    }
}

#[test]
fn payouts_at_80_columns_are_a_table_in_chinese_and_blocks_in_english() {
    let env = Env::new();
    env.run(&["demo"]).ok();
    let run = |lang: &str| {
        let r = env.run_with(
            &[
                "--db", "demo.db", "--lang", lang, "payouts", "list", "--year", "2026", "--limit",
                "2",
            ],
            &[("COLUMNS", "80")],
        );
        (r.stdout.clone(), r.stderr.clone(), r.code)
    };
    // The number goes before a name is split: the voucher names a payout as well.
    assert_eq!(
        run("zh"),
        (
            "┌────────┬────────────────────┬──────────┬──────────┬────────────┬─────────────┐
│ 受领人 ┆ 身份证号           ┆ 类别     ┆ 金额(元) ┆ 发放日期   ┆ 凭证号      │
╞════════╪════════════════════╪══════════╪══════════╪════════════╪═════════════╡
│ 李红霞 ┆ 320202********9761 ┆ 春节慰问 ┆  1000.00 ┆ 2026-02-05 ┆ FL2026-0001 │
│ 王建伟 ┆ 320206********8212 ┆ 春节慰问 ┆  1200.00 ┆ 2026-02-05 ┆ FL2026-0002 │
└────────┴────────────────────┴──────────┴──────────┴────────────┴─────────────┘
（窗口较窄，未显示：编号，所属地区，备注，学生姓名，学生身份证号，学段，所属期
间；-o 文件 或 --format csv 可得全部列）
共 68 条，只显示前 2 条：--all 显示全部，--limit N 显示前 N 条，-o 文件 导出全部
"
            .to_string(),
            String::new(),
            0
        )
    );
    // English labels are longer: six columns need 84, so each payout is a block.
    assert_eq!(
        run("en"),
        (
            "── 1 ──
           ID: 72
    Recipient: 李红霞
    ID number: 320202********9761
     Category: Spring Festival condolence
Amount (yuan): 1000.00
      Paid on: 2026-02-05
      Voucher: FL2026-0001
         Note: 2026年春节慰问（困难职工）
── 2 ──
           ID: 73
    Recipient: 王建伟
    ID number: 320206********8212
     Category: Spring Festival condolence
Amount (yuan): 1200.00
      Paid on: 2026-02-05
      Voucher: FL2026-0002
         Note: 2026年春节慰问（困难职工）
68 rows, the first 2 shown: --all shows every row, --limit N the first N, -o
FILE writes them all
"
            .to_string(),
            String::new(),
            0
        )
    );
}

#[test]
fn a_show_page_on_a_terminal_shares_the_screen_among_its_lists() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("no `script` here: not run");
        return;
    }
    let env = Env::new();
    env.run(&["demo"]).ok();
    let bin = env!("CARGO_BIN_EXE_union");
    let page = |lang: &str, rows: usize| {
        let out = std::process::Command::new("script")
            .args(["-qec"])
            .arg(format!(
                "stty cols 80 rows {rows}; '{bin}' --db demo.db --lang {lang} people show 王桂芳"
            ))
            .arg("/dev/null")
            .current_dir(env.dir())
            .env_remove("COLUMNS")
            .env_remove("LINES")
            .env("NO_COLOR", "1")
            .output()
            .expect("script");
        String::from_utf8_lossy(&out.stdout).replace('\r', "")
    };
    for lang in ["zh", "en"] {
        // Piped, the page is whole; a screen of 80 lines holds it whole too.
        let piped = env.run_with(
            &[
                "--db",
                "demo.db",
                "--lang",
                lang,
                "people",
                "show",
                "王桂芳",
            ],
            &[("COLUMNS", "80")],
        );
        piped.ok();
        assert_eq!(page(lang, 80), piped.stdout);
        assert!(piped.stdout.contains("FL2026-0067"), "{}", piped.stdout);
        // In 46 the record and the two short lists stay whole; the payouts give way, saying
        // how many there are and how to see them, and the page keeps within the screen (in
        // English 47: the payouts' one row, its hint of the columns left out and the line on
        // the rest take what 46 cannot give).
        let rows = if lang == "zh" { 46 } else { 47 };
        let text = page(lang, rows);
        assert!(text.lines().count() < rows, "{text}");
        let (title, more) = match lang {
            "zh" => ("\n发放记录\n", "共 9 条，只显示前 5 条"),
            _ => ("\nPayouts\n", "9 rows, the first 1 shown"),
        };
        assert!(text.contains(title) && text.contains(more), "{text}");
        assert!(
            text.contains("FL2025-0007") && text.contains("2021-06-10"),
            "{text}"
        );
    }
}
