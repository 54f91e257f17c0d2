//! Every command, whole, in both languages (issue 13, point 3): on the demo database each
//! subcommand runs in a typical successful form and in one refused form, in Chinese and in
//! English, and the whole transcript (arguments, exit code, stdout, stderr) is pinned in
//! tests/fixtures/command-outputs.txt. After a change to what a command prints on purpose,
//! write it anew with `UNION_WRITE_GOLDEN=1 cargo test --test cli commands::` and read the diff.
//!
//! Each language has its own copy of the demo database and runs the same steps in the same
//! order, so the two halves of the transcript answer each other line for line.

use crate::harness::Env;

const GOLDEN: &str = "tests/fixtures/command-outputs.txt";

/// A person of the demo's ledgers (李红霞), on file with payouts.
const PERSON: &str = "320202197806309761";

/// The steps: arguments after `--lang LANG --db LANG.db` (a step naming its own `--db` keeps
/// it). `{lang}` stands for the language, `{examples}` for the repository's examples/csv.
#[rustfmt::skip]
fn steps() -> Vec<Vec<String>> {
    let steps: &[&[&str]] = &[
        // init
        &["--db", "{lang}-new.db", "init"],
        &["--db", "sub", "init"],
        // import: every kind, its file unchanged (a success that writes nothing), then a
        // missing file; a one-row and a two-row file for the counts.
        &["import", "people", "{examples}/people.csv"],
        &["import", "studios", "{examples}/studios.csv"],
        &["import", "studio-results", "{examples}/studio-results.csv"],
        &["import", "enterprises", "{examples}/enterprises.csv"],
        &["import", "agreements", "{examples}/agreements.csv"],
        &["import", "payouts", "{examples}/payouts.csv"],
        &["import", "hardship", "{examples}/hardship.csv"],
        &["import", "unions", "unions.csv"],
        &["import", "carriers", "carriers.csv"],
        &["import", "payouts", "one.csv"],
        &["import", "payouts", "two.csv"],
        &["import", "payouts", "refused-one.csv"],
        &["import", "payouts", "refused-two.csv"],
        &["import", "people", "missing.csv"],
        &["import", "unions", "missing.xlsx"],
        // lists and records
        &["people", "list", "--limit", "2"],
        &["people", "list", "--level", "nowhere"],
        &["people", "show", PERSON],
        &["people", "show", "无此人"],
        &["studios", "list", "--limit", "2"],
        &["studios", "show", "张志强劳模创新工作室"],
        &["studios", "show", "无此工作室"],
        &["enterprises", "list", "--limit", "2"],
        &["enterprises", "show", "91320213131882189P"],
        &["enterprises", "show", "91320213131882189X"],
        &["agreements", "list", "--limit", "2"],
        &["agreements", "show", "1"],
        &["agreements", "show", "无此协议"],
        &["agreements", "expiring", "--date", "2024-11-15"],
        &["agreements", "expiring", "--within", "-1"],
        &["payouts", "list", "--limit", "2"],
        &["payouts", "show", "FL2025-0001"],
        &["payouts", "show", "FL1900-0000"],
        &["hardship", "list", "--limit", "2"],
        &["hardship", "review", "--date", "2026-01-10"],
        &["hardship", "review", "--date", "2026-02-30"],
        &["hardship", "show", PERSON],
        &["hardship", "show", "无此人"],
        &["unions", "list"],
        &["unions", "show", "华光集团工会"],
        &["unions", "show", "无此工会"],
        &["unions", "expiring", "--date", "2026-04-01"],
        &["unions", "expiring", "--date", "tomorrow"],
        &["carriers", "list"],
        &["carriers", "list", "--level", "nowhere"],
        // programmes, carriers, studios
        &["programme", "set", "技能标兵", "--criteria", "有团队,有场地"],
        &["programme", "set", "技能标兵", "--criteria", "有彩虹"],
        &["programme", "list"],
        &["programme", "list", "--level", "x"],
        &["carrier", "apply", "数控班", "--level", "二星", "--date", "2026-03-01"],
        &["carrier", "apply", "无此载体", "--level", "市级", "--date", "2026-03-01"],
        &["studio", "apply", "张志强劳模创新工作室", "--level", "city-demo", "--date", "2026-03-01"],
        &["studio", "apply", "周建华劳模创新工作室", "--level", "national", "--date", "2026-03-01"],
        &["studio", "apply", "无此工作室", "--level", "city", "--date", "2026-03-01"],
        &["studio", "name", "邓海峰职工创新工作室", "--level", "city", "--date", "2026-03-01"],
        &["studio", "name", "无此工作室", "--level", "city", "--date", "2026-03-01"],
        &["studio", "revoke", "蒋立新工匠创新工作室", "--case", "2", "--date", "2026-03-02"],
        &["studio", "revoke", "魏佳职工创新工作室", "--case", "2", "--date", "2026-03-02"],
        &["studio", "check", "--date", "2026-03-01"],
        &["studio", "check", "--date", "2026-13-01"],
        &["studio", "adviser", "add", "张志强劳模创新工作室", "--name", "钱教授", "--since", "2026-01-01"],
        &["studio", "adviser", "add", "张志强劳模创新工作室", "--name", "钱教授", "--since", "2026-01-01"],
        // payouts and the rules
        &["payout", "add", "--id-number", PERSON, "--name", "李红霞", "--category", "送清凉", "--amount", "300", "--date", "2026-07-20", "--voucher", "CMD-1"],
        &["payout", "add", "--id-number", PERSON, "--name", "李红霞", "--category", "送清凉", "--amount", "300", "--date", "2026-07-21", "--voucher", "CMD-2"],
        // Standards lowered after the fact: one payout of 2026 breaks a rule, many of 2025.
        &["policy", "set", "payout.max.health_check", "150", "--from", "2026-04-20"],
        &["check", "payouts", "--year", "2026"],
        &["policy", "set", "payout.max.festival_condolence", "300", "--from", "2025-01-01"],
        &["check", "payouts", "--year", "2025", "--limit", "2"],
        &["check", "payouts", "--year", "year"],
        &["check", "allowances", "--year", "2026", "--today", "2026-06-30"],
        &["check", "allowances", "--year", "2026", "--today", "2026-02-30"],
        &["eligible", "festival-condolence", "--year", "2026", "--date", "2026-01-10", "--limit", "3"],
        &["eligible", "festival-condolence", "--year", "2026", "--sign-sheet", "s.csv"],
        &["policy", "list", "--limit", "3"],
        &["policy", "show", "payout.max.festival_condolence"],
        &["policy", "show", "no.such.key"],
        &["policy", "set", "payout.max.festival_condolence", "1200", "--from", "2026-01-01", "--ref", "会议纪要"],
        &["policy", "set", "payout.max.festival_condolence", "-5", "--from", "2026-01-01"],
        // reports and reading
        &["report", "payouts", "--year", "2025"],
        &["report", "payouts", "--year", "2025", "--by", "nothing"],
        &["report", "studios", "--year", "2025", "--limit", "3"],
        &["report", "studios", "--year", "1899"],
        &["report", "year-end", "--year", "2025", "-o", "ye-{lang}.xlsx"],
        &["report", "year-end", "--from", "2025-12-31", "--to", "2025-01-01"],
        &["export", "people", "-o", "people-{lang}.csv"],
        &["export", "people"],
        &["sql", "SELECT name FROM people ORDER BY id LIMIT 2"],
        &["sql", "DELETE FROM people"],
        // edits, deletions, undo
        &["edit", "people", PERSON, "手机号=13800000000"],
        &["edit", "people", PERSON, "颜色=红"],
        &["people", "revoke-honour", "1", "--date", "2026-03-01", "--reason", "撤销"],
        &["people", "revoke-honour", "9999", "--date", "2026-03-01", "--reason", "撤销"],
        &["delete", "payouts", "CMD-1"],
        &["delete", "people", PERSON],
        &["batches", "--format", "csv"],
        &["undo", "9"],
        &["undo", "26"],
        &["undo", "999"],
        &["log", "--verify"],
        &["log", "--since", "2099-01-01"],
        &["log", "--since", "someday"],
        &["backup", "backup-{lang}.db"],
        &["backup", "backup-{lang}.db"],
        &["rollup", "backup-{lang}.db", "-o", "city-{lang}.db"],
        &["rollup", "missing.db", "-o", "city2-{lang}.db"],
        &["--db", "city-{lang}.db", "demo", "city-{lang}.db"],
    ];
    steps
        .iter()
        .map(|s| s.iter().map(|a| a.to_string()).collect())
        .collect()
}

/// Makes a transcript reproducible: the run's directory, the demo's own scratch directory and
/// the clock's times and today's date become placeholders of the same width (tables stay
/// aligned).
fn normalise(env: &Env, text: &str) -> String {
    let dir = env.dir().display().to_string();
    // Today's date, where a command defaults to it (a union's 统计日期 on import).
    let today = chrono::Local::now().date_naive().to_string();
    let mut out = text
        .replace(&dir, "<dir>")
        .replace(env!("CARGO_BIN_EXE_union"), "union");
    // The demo reads its ledgers from a scratch directory of its own: /tmp/union-demo-PID-HEX/.
    while let Some(at) = out.find("union-demo-") {
        let start = out[..at].rfind([',', ' ', '\n', '"']).map_or(0, |i| i + 1);
        let end = at + out[at..].find('/').unwrap_or(out.len() - at);
        out.replace_range(start..end, "<demo>");
    }
    // ISO times: 2026-11-30T12:39:52+00:00
    let bytes: Vec<char> = out.chars().collect();
    let shape = "dddd-dd-ddTdd:dd:dd+dd:dd";
    let mut i = 0;
    let mut masked = String::with_capacity(out.len());
    while i < bytes.len() {
        let fits = i + shape.len() <= bytes.len()
            && shape.chars().zip(&bytes[i..]).all(|(s, c)| match s {
                'd' => c.is_ascii_digit(),
                '+' => *c == '+' || *c == '-',
                s => s == *c,
            });
        if fits {
            masked.push_str("YYYY-MM-DDThh:mm:ss+zz:zz");
            i += shape.len();
        } else {
            masked.push(bytes[i]);
            i += 1;
        }
    }
    // The log's newest hash covers those times: masked where `log --verify` prints it.
    masked
        .split_inclusive('\n')
        .map(|line| {
            match line
                .find("哈希：")
                .map(|i| i + "哈希：".len())
                .or_else(|| line.find("hash: ").map(|i| i + 6))
            {
                Some(at)
                    if line.len() >= at + 64
                        && line[at..at + 64].bytes().all(|b| b.is_ascii_hexdigit()) =>
                {
                    format!("{}{}{}", &line[..at], "#".repeat(64), &line[at + 64..])
                }
                _ => line.to_string(),
            }
        })
        .collect::<String>()
        .replace(&today, "<today>   ")
}

fn transcript() -> String {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/csv");
    let env = Env::new();
    std::fs::create_dir(env.path("sub")).unwrap();
    env.write(
        "unions.csv",
        &format!(
            "工会名称,统一社会信用代码,所属地区,建会形式,成立日期,本届委员会成立日期,届期(年),职工人数,会员人数,女会员人数,农民工会员人数\n\
             华光集团工会,{},梁溪区,单独建会,2001-05-01,2021-06-01,5,1200,1180,500,300\n",
            crate::harness::credit_with_check("81320200MC1234561")
        ),
    );
    env.write(
        "carriers.csv",
        &format!(
            "名称,类型,级别,单位,所属地区,命名日期,批次,带头人身份证号,带头人,达标项\n\
             数控班,星级示范岗,一星,华光集团,梁溪区,2024-05-01,1,{PERSON},李红霞,有团队、有场地\n"
        ),
    );
    let payouts = "身份证号,姓名,类别,金额(元),发放日期,凭证号\n";
    env.write(
        "one.csv",
        &format!("{payouts}{PERSON},李红霞,体检,200,2026-05-01,CMD-A\n"),
    );
    env.write(
        "two.csv",
        &format!(
            "{payouts}{PERSON},李红霞,医疗互助,200,2026-05-02,CMD-B\n{PERSON},李红霞,医疗互助,300,2026-05-03,CMD-C\n"
        ),
    );
    env.write(
        "refused-one.csv",
        &format!("{payouts}{PERSON},李红,体检,200,2026-05-04,CMD-D\n"),
    );
    env.write(
        "refused-two.csv",
        &format!(
            "{payouts}{PERSON},李红,体检,200,2026-05-04,CMD-D\n{PERSON},李红霞,体检,-1,2026-05-05,CMD-E\n"
        ),
    );
    let mut got = String::new();
    for lang in ["zh", "en"] {
        let db = format!("{lang}.db");
        let built = env.run(&["--lang", lang, "demo", &db]);
        built.ok();
        got.push_str(&format!(
            "$ union --lang {lang} demo {db}\nexit 0\n--- stdout\n{}",
            normalise(&env, &built.stdout)
        ));
        got.push_str(&format!("--- stderr\n{}\n", normalise(&env, &built.stderr)));
        for step in steps() {
            let step: Vec<String> = step
                .iter()
                .map(|a| a.replace("{examples}", examples).replace("{lang}", lang))
                .collect();
            let mut argv = vec!["--lang", lang];
            if step[0] != "--db" {
                argv.extend(["--db", db.as_str()]);
            }
            argv.extend(step.iter().map(String::as_str));
            let r = env.run(&argv);
            got.push_str(&format!("$ union {}\nexit {}\n", argv.join(" "), r.code));
            for (name, text) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
                if !text.is_empty() {
                    got.push_str(&format!("--- {name}\n{}", normalise(&env, text)));
                    if !text.ends_with('\n') {
                        got.push_str("\n⏎ (no final newline)\n");
                    }
                }
            }
            got.push('\n');
        }
    }
    got.replace(examples, "<examples>")
}

#[test]
fn every_command_prints_what_it_printed_in_both_languages() {
    let got = transcript();
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLDEN);
    if std::env::var_os("UNION_WRITE_GOLDEN").is_some() {
        std::fs::write(&golden, &got).expect("write the golden file");
    }
    let want = std::fs::read_to_string(&golden).expect(GOLDEN);
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "line {} of {GOLDEN}", i + 1);
    }
    assert_eq!(got.lines().count(), want.lines().count(), "{GOLDEN}");
}
