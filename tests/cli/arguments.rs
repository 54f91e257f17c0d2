//! Typed arguments at the edge: years, dates and the closed vocabularies (levels, categories,
//! programmes, cases …) are read by clap, so a bad value is a usage error (exit 2, nothing on
//! stdout) in the run's language before any command runs, and `--help` lists the values.

use crate::harness::Env;

/// Runs `args` in Chinese and in English on the demo database and pins the whole outcome of
/// each: exit code, stdout, stderr.
fn pinned(env: &Env, args: &[&str], zh: (i32, &str, &str), en: (i32, &str, &str)) {
    for (lang, (code, stdout, stderr)) in [("zh", zh), ("en", en)] {
        let mut all = vec!["--lang", lang, "--db", "demo.db"];
        all.extend_from_slice(args);
        let r = env.run(&all);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (code, stdout, stderr),
            "{lang} {args:?}"
        );
    }
}

fn demo() -> Env {
    let env = Env::new();
    env.run(&["demo"]).ok();
    env
}

#[test]
fn a_bad_year_is_a_usage_error() {
    let env = demo();
    pinned(
        &env,
        &["check", "payouts", "--year", "20x5"],
        (
            2,
            "",
            "错误：参数 --year <YEAR> 的值“20x5”无效：不是年份；请写成 2019 或 2019年\n\n\
             更多说明请加 --help\n",
        ),
        (
            2,
            "",
            "error: invalid value '20x5' for '--year <YEAR>': not a year; write 2019 or 2019年\n\n\
             For more information, try '--help'.\n",
        ),
    );
    // 1900 is the first year taken, 1899 the last refused.
    pinned(
        &env,
        &["check", "payouts", "--year", "1899"],
        (
            2,
            "",
            "错误：参数 --year <YEAR> 的值“1899”无效：年份 1899 不在 1900–2100 之间\n\n\
             更多说明请加 --help\n",
        ),
        (
            2,
            "",
            "error: invalid value '1899' for '--year <YEAR>': the year 1899 is not between 1900 and 2100\n\n\
             For more information, try '--help'.\n",
        ),
    );
    pinned(
        &env,
        &["check", "payouts", "--year", "1900"],
        (0, "1900年发放记录 0 条，未发现违反规则的情况\n", ""),
        (0, "1900: 0 payouts checked, no rule broken\n", ""),
    );
    // `2025年` is a year too, as in a cell.
    let plain = env.run(&["--db", "demo.db", "payouts", "list", "--year", "2025"]);
    plain.ok();
    let written = env.run(&["--db", "demo.db", "payouts", "list", "--year", "2025年"]);
    assert_eq!(
        (written.code, &written.stdout, &written.stderr),
        (0, &plain.stdout, &plain.stderr)
    );
}

#[test]
fn a_date_that_does_not_exist_is_a_usage_error() {
    let env = demo();
    pinned(
        &env,
        &["unions", "expiring", "--within", "30", "--date", "2024-02-30"],
        (
            2,
            "",
            "错误：参数 --date <DATE> 的值“2024-02-30”无效：日期 2024-02-30 不存在\n\n\
             更多说明请加 --help\n",
        ),
        (
            2,
            "",
            "error: invalid value '2024-02-30' for '--date <DATE>': there is no date 2024-02-30\n\n\
             For more information, try '--help'.\n",
        ),
    );
    // The day before exists (2024 is a leap year), in any spelling a cell takes.
    for date in ["2024-02-29", "2024年2月29日", "2024/2/29"] {
        pinned(
            &env,
            &["unions", "expiring", "--within", "30", "--date", date],
            (0, "（无记录）\n", ""),
            (0, "(no records)\n", ""),
        );
    }
    pinned(
        &env,
        &["unions", "expiring", "--date", "二月三十"],
        (
            2,
            "",
            "错误：参数 --date <DATE> 的值“二月三十”无效：不是日期；请写成 2024-01-05、2024/1/5、2024年1月5日 或 20240105\n\n\
             更多说明请加 --help\n",
        ),
        (
            2,
            "",
            "error: invalid value '二月三十' for '--date <DATE>': not a date; write 2024-01-05, 2024/1/5, 2024年1月5日 or 20240105\n\n\
             For more information, try '--help'.\n",
        ),
    );
}

#[test]
fn a_bad_level_is_a_usage_error_listing_the_levels() {
    let env = demo();
    pinned(
        &env,
        &["people", "list", "--level", "五级"],
        (
            2,
            "",
            "错误：“五级”不是 --level <LEVEL> 的有效值；可用：区县级、市级、省部级、全国\n\n\
             更多说明请加 --help\n",
        ),
        (
            2,
            "",
            "error: invalid value '五级' for '--level <LEVEL>'\n  \
             [possible values: district, city, provincial, national]\n\n\
             For more information, try '--help'.\n",
        ),
    );
    pinned(
        &env,
        &["carriers", "list", "--level", "五星"],
        (
            2,
            "",
            "错误：“五星”不是 --level <LEVEL> 的有效值；可用：区级、市级、省级、全国、一星、二星、三星\n\n\
             更多说明请加 --help\n",
        ),
        (
            2,
            "",
            "error: invalid value '五星' for '--level <LEVEL>'\n  \
             [possible values: district, city, provincial, national, one_star, two_star, three_star]\n\n\
             For more information, try '--help'.\n",
        ),
    );
    // The Chinese names and their usual variants are the codes' equals, in either language.
    for (lang, code, aliases) in [
        ("zh", "city", &["市级", "市", "CITY"][..]),
        ("en", "provincial", &["省级", "省部级", "省(部)级"][..]),
        ("zh", "national", &["全国", "国家级"][..]),
    ] {
        let by_code = env.run(&[
            "--lang", lang, "--db", "demo.db", "people", "list", "--level", code,
        ]);
        by_code.ok();
        for alias in aliases {
            let r = env.run(&[
                "--lang", lang, "--db", "demo.db", "people", "list", "--level", alias,
            ]);
            assert_eq!(
                (r.code, &r.stdout, &r.stderr),
                (0, &by_code.stdout, &by_code.stderr),
                "{alias}"
            );
        }
    }
}

#[test]
fn an_unknown_category_is_a_usage_error_listing_the_categories() {
    let env = demo();
    pinned(
        &env,
        &["payouts", "list", "--category", "外星"],
        (
            2,
            "",
            "错误：“外星”不是 --category <CATEGORY> 的有效值；可用：劳模荣誉津贴、劳模生活补助、困难帮扶、春节慰问、金秋助学、医疗互助、疗休养、体检、送清凉、创新成果奖励、工作室补贴\n\n\
             更多说明请加 --help\n",
        ),
        (
            2,
            "",
            "error: invalid value '外星' for '--category <CATEGORY>'\n  \
             [possible values: honor_allowance, living_subsidy, hardship_aid, festival_condolence, education_aid, medical_aid, recuperation, health_check, summer_cooling, innovation_award, studio_subsidy]\n\n\
             For more information, try '--help'.\n",
        ),
    );
    // `payout add` reads the category the same way, before judging anything.
    pinned(
        &env,
        &[
            "payout", "add", "--id-number", "32020219620315951X", "--name", "周建华",
            "--category", "慰问", "--amount", "100", "--date", "2025-01-20",
        ],
        (
            2,
            "",
            "错误：“慰问”不是 --category <CATEGORY> 的有效值；可用：劳模荣誉津贴、劳模生活补助、困难帮扶、春节慰问、金秋助学、医疗互助、疗休养、体检、送清凉、创新成果奖励、工作室补贴\n\n\
             更多说明请加 --help\n",
        ),
        (
            2,
            "",
            "error: invalid value '慰问' for '--category <CATEGORY>'\n  \
             [possible values: honor_allowance, living_subsidy, hardship_aid, festival_condolence, education_aid, medical_aid, recuperation, health_check, summer_cooling, innovation_award, studio_subsidy]\n\n\
             For more information, try '--help'.\n",
        ),
    );
    let by_code = env.run(&[
        "--db",
        "demo.db",
        "payouts",
        "list",
        "--category",
        "festival_condolence",
    ]);
    by_code.ok();
    for name in ["春节慰问", "春节慰问金", "festival-condolence"] {
        let r = env.run(&["--db", "demo.db", "payouts", "list", "--category", name]);
        assert_eq!(
            (r.code, &r.stdout, &r.stderr),
            (0, &by_code.stdout, &by_code.stderr),
            "{name}"
        );
    }
}

#[test]
fn a_bad_case_number_is_a_usage_error() {
    let env = demo();
    pinned(
        &env,
        &[
            "studio",
            "revoke",
            "周建华劳模创新工作室",
            "--case",
            "6",
            "--date",
            "2025-01-01",
        ],
        (
            2,
            "",
            "错误：“6”不是 --case <CASE_NO> 的有效值；可用：1、2、3、4、5\n\n\
             更多说明请加 --help\n",
        ),
        (
            2,
            "",
            "error: invalid value '6' for '--case <CASE_NO>'\n  \
             [possible values: 1, 2, 3, 4, 5]\n\n\
             For more information, try '--help'.\n",
        ),
    );
}

/// `--help` lists a vocabulary flag's values: by Chinese name with the code beside it in
/// Chinese, by code with the Chinese name beside it in English.
#[test]
fn help_lists_the_values_in_the_language_asked() {
    let env = Env::new();
    for (lang, expected) in [
        ("zh", include_str!("snapshots/payouts_list_help.zh.txt")),
        ("en", include_str!("snapshots/payouts_list_help.en.txt")),
    ] {
        let r = env.run_with(
            &["--lang", lang, "payouts", "list", "--help"],
            &[("COLUMNS", "100")],
        );
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (0, expected, ""),
            "{lang}"
        );
    }
}

/// An argument that is not UTF-8 (a GBK-encoded word typed into a UTF-8 shell) is a usage error
/// like any bad value, in the language asked: no panic.
#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let env = demo();
    let run = |lang: &str, args: &[&str], odd: &[u8]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_union"))
            .args(["--lang", lang, "--db", "demo.db"])
            .args(args)
            .arg(std::ffi::OsStr::from_bytes(odd))
            .current_dir(env.dir())
            .env_remove("UNION_LANG")
            .env("NO_COLOR", "1")
            .output()
            .expect("run union");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let level: &[u8] = b"--level=\xca\xd0";
    assert_eq!(
        run("zh", &["people", "list"], level),
        (
            Some(2),
            String::new(),
            "错误：“\u{fffd}\u{fffd}”不是 --level <LEVEL> 的有效值；可用：区县级、市级、省部级、全国\n\n\
             更多说明请加 --help\n"
                .to_string()
        )
    );
    assert_eq!(
        run("en", &["people", "list"], level),
        (
            Some(2),
            String::new(),
            "error: invalid value '\u{fffd}\u{fffd}' for '--level <LEVEL>'\n  \
             [possible values: district, city, provincial, national]\n\n\
             For more information, try '--help'.\n"
                .to_string()
        )
    );
    let year: &[u8] = b"--year=\xca\xd0";
    assert_eq!(
        run("zh", &["check", "payouts"], year),
        (
            Some(2),
            String::new(),
            "错误：参数中有不是 UTF-8 编码的文字\n\n\
             用法：union check payouts [OPTIONS] --year <YEAR>\n\n\
             更多说明请加 --help\n"
                .to_string()
        )
    );
    assert_eq!(
        run("en", &["check", "payouts"], year),
        (
            Some(2),
            String::new(),
            "error: invalid UTF-8 was detected in one or more arguments\n\n\
             Usage: union check payouts [OPTIONS] --year <YEAR>\n\n\
             For more information, try '--help'.\n"
                .to_string()
        )
    );
}
