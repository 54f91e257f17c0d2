//! Base-level unions (issue 15, point 1): import with validation, list/show, expiring terms,
//! edit/undo, export round trip, tamper evidence.

use crate::harness::{credit_with_check, rows, Env};

/// A union ledger as offices keep it: a title row, the header, two unions and a total row.
fn ledger() -> String {
    format!(
        "2025年基层工会台账\n\
         工会名称,统一社会信用代码,所属地区,建会形式,所在单位信用代码,覆盖法人单位数,成立日期,本届委员会成立日期,届期(年),职工人数,会员人数,女会员人数,农民工会员人数,专职工会干部人数,职代会,统计日期\n\
         华光集团工会,{},梁溪区,单独建会,{},,2001-05-01,2021-06-01,5,1200,1180,500,300,3,是,2025-12-31\n\
         崇安寺商圈联合工会,,梁溪区,联合工会,,38,2015-03-01,2023-03-01,三年,900,860,400,500,1,否,2025-12-31\n\
         合计,,,,,38,,,,2100,2040,900,800,4,,\n",
        credit_with_check("81320200MC1234560"),
        credit_with_check("91320200MA1MXXX01"),
    )
}

fn imported() -> Env {
    let env = Env::new();
    env.write("u.csv", &ledger());
    env.run(&["import", "unions", "u.csv"]).ok();
    env
}

#[test]
fn a_union_ledger_imports_once_and_again_unchanged() {
    let env = Env::new();
    env.write("u.csv", &ledger());
    let r = env.run(&["import", "unions", "u.csv"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "读取 2 行：新增 2，更新 0，未变 0，不合格 0，跳过 1；批次 1\n\
             写入记录：基层工会 新增 2；按统计日期的会员人数 新增 2\n",
            "u.csv 第5行是合计行，已跳过\n"
        )
    );
    let r = env.run(&["--lang", "en", "import", "unions", "u.csv"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "read 2 rows: 0 added, 0 updated, 2 unchanged, 0 refused, 1 skipped; batch 2\n"
        )
    );
    let v = env.run(&["--format", "json", "unions", "list"]).ok().json();
    assert_eq!(
        v,
        serde_json::json!([
            {"name": "华光集团工会", "credit_code": "81320200MC1234560L", "district": "梁溪区",
             "form": "单独建会", "unit_credit_code": "91320200MA1MXXX01K", "units_covered": null,
             "founded_on": "2001-05-01", "committee_on": "2021-06-01", "term_years": 5,
             "workers": 1200, "members": 1180, "women_members": 500, "migrant_members": 300,
             "cadres": 3, "has_congress": true, "as_of": "2025-12-31"},
            {"name": "崇安寺商圈联合工会", "credit_code": null, "district": "梁溪区",
             "form": "联合工会", "unit_credit_code": null, "units_covered": 38,
             "founded_on": "2015-03-01", "committee_on": "2023-03-01", "term_years": 3,
             "workers": 900, "members": 860, "women_members": 400, "migrant_members": 500,
             "cadres": 1, "has_congress": false, "as_of": "2025-12-31"}
        ])
    );
    let v = env
        .run(&["--format", "json", "unions", "list", "--form", "联合工会"])
        .ok()
        .json();
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    let r = env.run(&["unions", "list", "--form", "区域"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "错误：“区域”不是 --form <FORM> 的有效值；可用：单独建会、联合工会、区域性、行业性\n\n\
             更多说明请加 --help\n"
        )
    );
}

#[test]
fn every_problem_of_a_union_row_is_named_and_nothing_is_written() {
    let env = Env::new();
    env.write(
        "bad.csv",
        &format!(
            "工会名称,统一社会信用代码,建会形式,覆盖法人单位数,成立日期,本届委员会成立日期,届期,职工人数,会员人数,女会员人数,农民工会员人数\n\
             甲工会,81320200MC1234561L,单独建会,2,2010-01-01,2009-12-31,11,100,101,102,0\n\
             乙工会,,区域,1,2010-01-01,2010-01-01,5,100,100,100,101\n\
             丙工会,{},单独建会,1,2010-01-01,2010-01-01,10,100,100,100,100\n",
            credit_with_check("81320200MC1234561")
        ),
    );
    let r = env.run(&["import", "unions", "bad.csv"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "读取 3 行：不合格 2，跳过 0；未写入任何记录\n",
            "bad.csv 第2行 “统一社会信用代码”列 值“81320200MC1234561L”：校验位错误：应为 P，实为 L；请核对代码\n\
             bad.csv 第2行 “届期”列 值“11”：届期 11 年不在 1 至 10 年之间（工会章程：每届三年或五年）\n\
             bad.csv 第2行 “覆盖法人单位数”列 值“2”：单独建会的工会只覆盖所在单位 1 家；覆盖多家的是联合工会、区域性或行业性工会\n\
             bad.csv 第2行 “本届委员会成立日期”列 值“2009-12-31”：本届委员会成立日期早于工会成立日期\n\
             bad.csv 第2行 “会员人数”列 值“101”：会员人数大于职工人数\n\
             bad.csv 第2行 “女会员人数”列 值“102”：女会员人数大于会员人数\n\
             bad.csv 第3行 “建会形式”列 值“区域”：无法识别；应为：单独建会、联合工会、区域性、行业性\n\
             bad.csv 第3行 “农民工会员人数”列 值“101”：农民工会员人数大于会员人数\n\
             有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
        )
    );
    let r = env.run(&["--lang", "en", "import", "unions", "bad.csv"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "read 3 rows: 2 refused, 0 skipped; nothing was written\n",
            "bad.csv row 2, column \"统一社会信用代码\", value \"81320200MC1234561L\": wrong check character: expected P, found L; check the code for a typo\n\
             bad.csv row 2, column \"届期\", value \"11\": a term of 11 years is not between 1 and 10 (the union charter says three or five)\n\
             bad.csv row 2, column \"覆盖法人单位数\", value \"2\": a union of one unit (单独建会) covers that one unit; one covering several is a joint, regional or industry union\n\
             bad.csv row 2, column \"本届委员会成立日期\", value \"2009-12-31\": the committee was formed before the union was founded\n\
             bad.csv row 2, column \"会员人数\", value \"101\": more union members than workers\n\
             bad.csv row 2, column \"女会员人数\", value \"102\": more women members than members\n\
             bad.csv row 3, column \"建会形式\", value \"区域\": not recognised; use one of: 单独建会, 联合工会, 区域性, 行业性\n\
             bad.csv row 3, column \"农民工会员人数\", value \"101\": more migrant-worker members than members\n\
             rows were refused, so nothing was written (fix them and import again, or use --skip-invalid to import the valid rows)\n"
        )
    );
    // The boundary row (members = workers, a ten-year term) passes on its own.
    let r = env.run(&["import", "unions", "bad.csv", "--skip-invalid"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            1,
            "读取 3 行：新增 1，更新 0，未变 0，不合格 2，跳过 0；批次 1\n\
             写入记录：基层工会 新增 1；按统计日期的会员人数 新增 1\n"
        )
    );
    let rejects = std::fs::read_to_string(env.path("bad.rejects.csv")).unwrap();
    assert_eq!(rejects.lines().count(), 3, "{rejects}");
}

#[test]
fn a_wps_workbook_with_a_merged_title_and_footer_imports_and_an_enterprise_file_is_sent_back() {
    let env = Env::new();
    let mut sheet = rows(
        "梁溪区基层工会组织情况统计表,,,,\n\
         工会名称,建会形式,覆盖法人单位数,会员人数,职工人数\n\
         南长街联合工会,联合工会,#12,#340,#400",
    );
    sheet.push(vec![
        "制表人：王芳".into(),
        String::new(),
        "审核人：李强".into(),
    ]);
    env.write_xlsx("工会.xlsx", "Sheet1", &sheet);
    let r = env.run(&["import", "unions", "工会.xlsx"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "读取 1 行：新增 1，更新 0，未变 0，不合格 0，跳过 1；批次 1\n\
             写入记录：基层工会 新增 1；按统计日期的会员人数 新增 1\n"
        )
    );
    let r = env.run(&["import", "enterprises", "工会.xlsx"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "错误：工会.xlsx：表头更像基层工会台账（认得 5 列，按企业台账只认得 2 列）：请用 union import unions 导入；确实要按所给类型导入，加 --kind-anyway\n"
        )
    );
}

#[test]
fn terms_fall_due_on_the_anniversary_and_the_default_term_is_a_parameter() {
    let env = imported();
    env.write(
        "blank.csv",
        "工会名称,建会形式,本届委员会成立日期,成立日期,统计日期\n东林工会,单独建会,2022-03-01,2000-01-01,2022-12-31\n北塘工会,单独建会,,2021-04-30,2022-12-31\n",
    );
    env.run(&["import", "unions", "blank.csv"]).ok();
    let due = |date: &str, within: &str| -> Vec<(String, String, i64)> {
        let v = env
            .run(&[
                "--format", "json", "unions", "expiring", "--within", within, "--date", date,
            ])
            .ok()
            .json();
        v.as_array()
            .unwrap()
            .iter()
            .map(|u| {
                (
                    u["name"].as_str().unwrap().to_string(),
                    u["term_due"].as_str().unwrap().to_string(),
                    u["days_left"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    // 崇安寺 (3 years from 2023-03-01) is due 2026-03-01: in on the day 30 days before, not
    // the day before that.
    assert_eq!(
        due("2026-01-30", "30"),
        vec![("崇安寺商圈联合工会".into(), "2026-03-01".into(), 30)]
    );
    assert_eq!(due("2026-01-29", "30"), vec![]);
    // 北塘 has no committee date: its founding date, and the default five years.
    assert_eq!(
        due("2026-04-30", "0"),
        vec![
            ("崇安寺商圈联合工会".into(), "2026-03-01".into(), -60),
            ("北塘工会".into(), "2026-04-30".into(), 0),
        ]
    );
    // The term in force when a committee was formed: three years from 2022 on.
    env.run(&[
        "policy",
        "set",
        "union.term_years",
        "3",
        "--from",
        "2022-01-01",
    ])
    .ok();
    assert_eq!(
        due("2025-03-01", "0"),
        vec![("东林工会".into(), "2025-03-01".into(), 0)]
    );
    let r = env.run(&[
        "unions",
        "expiring",
        "--within",
        "0",
        "--date",
        "2025-02-28",
    ]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "（无记录）\n"));
    let r = env.run(&[
        "--lang",
        "en",
        "unions",
        "expiring",
        "--within",
        "0",
        "--date",
        "2025-03-01",
        "--format",
        "csv",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "Union,Credit code,District,Form,Unit credit code,Units covered,Founded on,Committee formed on,Term (years),Workers,Members,Women members,Migrant-worker members,Full-time cadres,Workers' congress,As of,Term ends,Days left\n\
             东林工会,,,Own union,,,2000-01-01,2022-03-01,,,,,,,,2022-12-31,2025-03-01,0\n"
        )
    );
}

#[test]
fn a_union_is_shown_edited_undone_and_deleted() {
    let env = imported();
    let r = env.run(&["--format", "json", "unions", "show", "华光集团工会"]);
    assert_eq!(r.json()["term_due"], "2026-06-01");
    let r = env.run(&["edit", "unions", "华光集团工会", "会员人数=1300"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "",
            "未修改“华光集团工会”：\n  “会员人数”列 值“1300”：会员人数大于职工人数\n"
        )
    );
    let r = env.run(&["edit", "unions", "华光集团工会", "工会名称=华光工会"]);
    assert_eq!(r.code, 2);
    let r = env.run(&["edit", "unions", "华光集团工会", "members=1100"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "已修改“华光集团工会”：会员人数“1180”→“1100”\n批次 2（撤销：union undo 2）\n"
        )
    );
    let r = env.run(&["undo", "2"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "已撤销批次 2：删除 1 条新增记录，恢复 1 条被修改或删除的记录\n"
        )
    );
    let v = env
        .run(&["--format", "json", "unions", "show", "华光集团工会"])
        .json();
    assert_eq!(v["members"], 1180);
    env.run(&["delete", "unions", "崇安寺商圈联合工会"]).ok();
    env.run(&["undo", "3"]).ok();
    // The import itself is undone whole.
    let r = env.run(&["undo", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.run(&["unions", "list"]).stdout, "（无记录）\n");
}

#[test]
fn an_export_imports_back_unchanged_and_verify_names_a_union_changed_by_hand() {
    let env = imported();
    env.run(&["export", "unions", "-o", "ex.csv"]).ok();
    let first = std::fs::read(env.path("ex.csv")).unwrap();
    let r = env.run(&["import", "unions", "ex.csv"]);
    assert_eq!(
        r.stdout,
        "读取 2 行：新增 0，更新 0，未变 2，不合格 0，跳过 0；批次 2\n"
    );
    env.run(&["--db", "copy.db", "import", "unions", "ex.csv"])
        .ok();
    env.run(&["--db", "copy.db", "export", "unions", "-o", "ex2.csv"])
        .ok();
    assert_eq!(std::fs::read(env.path("ex2.csv")).unwrap(), first);
    env.run(&["log", "--verify"]).ok();

    env.sql("UPDATE unions SET members = 99 WHERE id = 2");
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            1,
            "数据在 union 之外被改动过：表 unions 与日志的封印不符（封印时 2 行，现在 2 行）\n  id 2（崇安寺商圈联合工会）：内容被改动过\n"
        )
    );
    let r = env.run(&["import", "unions", "ex.csv"]);
    assert_eq!(r.code, 2);
}

/// Point 2: rows sharing a 协议编号 are one agreement covering their enterprises.
#[test]
fn agreements_sharing_a_number_count_once_and_keep_one_term() {
    let env = Env::new();
    let (e1, e2, e3) = (
        credit_with_check("91320200MA1M00001"),
        credit_with_check("91320200MA1M00002"),
        credit_with_check("91320200MA1M00003"),
    );
    env.write(
        "ag.csv",
        &format!(
            "统一社会信用代码,企业名称,生效日期,到期日期,覆盖职工人数,协商形式,协议编号\n\
             {e1},甲公司,2025-01-01,2027-12-31,100,区域性,梁溪区域〔2025〕1号\n\
             {e2},乙公司,2025-01-01,2027-12-31,50,区域性,梁溪区域〔2025〕1号\n\
             {e3},丙公司,2025-03-01,2026-02-28,30,单独,\n"
        ),
    );
    env.run(&["import", "agreements", "ag.csv"]).ok();
    let count = |args: &[&str]| -> i64 {
        let mut all = vec!["--format", "json", "report", "year-end"];
        all.extend_from_slice(args);
        env.run(&all).ok().json()["agreements.count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(count(&["--year", "2025"]), 2);
    // 丙's ends on 2026-02-28: in force on the window's first day, not on the day after.
    assert_eq!(count(&["--from", "2026-02-28", "--to", "2026-12-31"]), 2);
    assert_eq!(count(&["--from", "2026-03-01", "--to", "2026-12-31"]), 1);
    assert_eq!(count(&["--from", "2024-01-01", "--to", "2024-12-31"]), 0);
    let v = env
        .run(&["--format", "json", "agreements", "list"])
        .ok()
        .json();
    assert_eq!(v[1]["agreement_no"], "梁溪区域〔2025〕1号");
    assert_eq!(v[0]["agreement_no"], serde_json::Value::Null);

    // Another enterprise joining the agreement with other dates is refused.
    env.write(
        "ag2.csv",
        &format!("统一社会信用代码,企业名称,生效日期,到期日期,协议编号\n{e3},丙公司,2025-01-01,2027-06-30,梁溪区域〔2025〕1号\n"),
    );
    let r = env.run(&["import", "agreements", "ag2.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "ag2.csv 第2行 “协议编号”列 值“梁溪区域〔2025〕1号”：同一协议编号已登记的协议期限为 2025-01-01 至 2027-12-31，与此不一致：一份协议只有一个期限\n\
             有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
        )
    );
    let r = env.run(&["--lang", "en", "import", "agreements", "ag2.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "ag2.csv row 2, column \"协议编号\", value \"梁溪区域〔2025〕1号\": the agreement with this number on file runs from 2025-01-01 to 2027-12-31, not these dates: one agreement has one term\n\
             rows were refused, so nothing was written (fix them and import again, or use --skip-invalid to import the valid rows)\n"
        )
    );
    // With the agreement's own dates it joins: three enterprises, still one agreement.
    env.write(
        "ag3.csv",
        &format!("统一社会信用代码,企业名称,生效日期,到期日期,协议编号\n{e3},丙公司,2025-01-01,2027-12-31,梁溪区域〔2025〕1号\n"),
    );
    env.run(&["import", "agreements", "ag3.csv"]).ok();
    assert_eq!(count(&["--year", "2026"]), 2);
    assert_eq!(count(&["--year", "2027"]), 1);
    // The number goes out and comes back with the export.
    env.run(&["export", "agreements", "-o", "a.csv"]).ok();
    let r = env.run(&["import", "agreements", "a.csv"]);
    assert_eq!(
        r.stdout,
        "读取 4 行：新增 0，更新 0，未变 4，不合格 0，跳过 0；批次 3\n"
    );
}

/// Point 4: the new year-end keys at their boundaries.
#[test]
fn year_end_counts_unions_members_rates_new_models_by_level_and_studios_ever_named() {
    use crate::harness::id_with_check;
    let env = imported();
    // A union founded after the year's end is not counted in it.
    env.write(
        "later.csv",
        "工会名称,建会形式,成立日期,职工人数,会员人数\n新区行业工会,行业性,2026-01-01,100,50\n",
    );
    env.run(&["import", "unions", "later.csv"]).ok();
    let (a, b, c, d) = (
        credit_with_check("91320200MA1M00011"),
        credit_with_check("91320200MA1M00012"),
        credit_with_check("91320200MA1M00013"),
        credit_with_check("91320200MA1M00014"),
    );
    env.write(
        "e.csv",
        &format!(
            "企业名称,统一社会信用代码,经济类型,职工人数,是否建会,职工董事监事,厂务公开\n\
             甲,{a},国有企业,100,是,是,是\n\
             乙,{b},集体企业,99,是,否,否\n\
             丙,{c},民营企业,120,是,否,是\n\
             丁,{d},民营企业,10,否,否,否\n"
        ),
    );
    env.run(&["import", "enterprises", "e.csv"]).ok();
    let (p1, p2, p3) = (
        id_with_check("32020219700101001"),
        id_with_check("32020219700101002"),
        id_with_check("32020219700101003"),
    );
    env.write(
        "p.csv",
        &format!(
            "姓名,身份证号,荣誉称号,获评年份\n\
             周一,{p1},全国劳动模范,2025\n\
             周一,{p1},市劳动模范,2020\n\
             周二,{p2},市劳动模范,2025\n\
             周三,{p3},市劳动模范,2024\n"
        ),
    );
    env.run(&["import", "people", "p.csv"]).ok();
    env.write(
        "s.csv",
        &format!(
            "工作室名称,类型,领衔人身份证号,领衔人,命名级别,命名日期\n\
             周一劳模创新工作室,劳模创新工作室,{p1},周一,区级,2019-05-01\n\
             周一劳模创新工作室,劳模创新工作室,{p1},周一,市级,2025-12-31\n"
        ),
    );
    env.run(&["import", "studios", "s.csv"]).ok();
    let v = env
        .run(&["--format", "json", "report", "year-end", "--year", "2025"])
        .ok()
        .json();
    let keys = [
        ("unions.total", "2"),
        ("unions.units_covered", "39"),
        ("unions.by_form.single", "1"),
        ("unions.by_form.joint", "1"),
        ("unions.by_form.industry", "0"),
        ("members.total", "2040"),
        ("members.women", "900"),
        ("members.migrant", "800"),
        ("members.rate", "97.1"),
        ("enterprises.open_affairs.rate.state_collective", "50.0"),
        (
            "enterprises.open_affairs.rate.non_public_unionised",
            "100.0",
        ),
        ("enterprises.employee_directors.rate_100_plus", "50.0"),
        ("models.new", "1"),
        ("models.new.national", "1"),
        ("models.new.city", "1"),
        ("models.new.provincial", "0"),
        ("studios.ever_named.district", "1"),
        ("studios.ever_named.city", "1"),
        ("studios.district", "0"),
    ];
    for (key, want) in keys {
        assert_eq!(v[key].to_string(), want, "{key}");
    }
    // The day before the city naming, the studio was named at district level only.
    let v = env
        .run(&[
            "--format",
            "json",
            "report",
            "year-end",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-30",
        ])
        .ok()
        .json();
    assert_eq!(v["studios.ever_named.city"], 0);
    assert_eq!(v["studios.ever_named.district"], 1);
    // 2026: the industry union counts from its founding year.
    let v = env
        .run(&["--format", "json", "report", "year-end", "--year", "2026"])
        .ok()
        .json();
    assert_eq!(v["unions.total"], 3);
    assert_eq!(v["models.new.national"], 0);
}

/// The two year-ends `members.migrant_net_new` compares.
fn migrant_history(env: &Env) {
    env.write(
        "y2023.csv",
        "工会名称,所属地区,会员人数,农民工会员人数,统计日期\n\
         甲工会,梁溪区,100,30,2023-12-31\n\
         乙工会,滨湖区,200,50,2023年12月31日\n",
    );
    // 乙 loses members; 丙 is new (nothing on file at the end of 2023: it counts 0 there).
    env.write(
        "y2024.csv",
        "工会名称,所属地区,会员人数,农民工会员人数,统计日期\n\
         甲工会,梁溪区,120,45,2024-12-31\n\
         乙工会,滨湖区,190,40,2024-12-31\n\
         丙工会,梁溪区,60,20,2024-12-31\n",
    );
    // Dated the next day: a figure of 2025.
    env.write(
        "late2023.csv",
        "工会名称,农民工会员人数,统计日期\n乙工会,55,2023-12-31\n",
    );
    env.write(
        "jan.csv",
        "工会名称,农民工会员人数,统计日期\n甲工会,60,2025.1.1\n",
    );
}

/// 净增农民工会员 across two imports in two years: a figure dated 12-31 counts at that year's
/// end, one dated 01-01 in the next year; a window's day before; a district; a negative net;
/// an older-dated file imported last leaves the union's current figures alone; the same file
/// again is unchanged; an edit dated; undo.
#[test]
fn migrant_net_new_compares_two_year_ends_from_the_import_history() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        migrant_history(&env);
        let mut t = crate::harness::Transcript::new(&env, lang);
        t.step(&["import", "unions", "y2023.csv"])
            .step(&["import", "unions", "y2024.csv"])
            .step(&["import", "unions", "jan.csv"])
            .step(&["--format", "csv", "unions", "list"])
            // (45 + 40 + 20) - (30 + 50) = 25
            .step(&["--format", "csv", "report", "year-end", "--year", "2024"])
            // (60 + 40 + 20) - (45 + 40 + 20) = 15
            .step(&["--format", "json", "report", "year-end", "--year", "2025"])
            // The 2023 file again: its figures are those in force on 2023-12-31, unchanged, and
            // the unions keep their figures of 2025.
            .step(&["import", "unions", "y2023.csv"])
            .step(&["--format", "csv", "unions", "list"])
            // An edit with its 统计日期: 甲 70 as of 2025-06-30, net 2025 = 25.
            .step(&[
                "edit",
                "unions",
                "甲工会",
                "农民工会员人数=70",
                "统计日期=2025-06-30",
            ])
            .step(&["--format", "csv", "unions", "list"])
            .step(&["import", "undo", "5"])
            .step(&["import", "undo", "3"])
            .step(&["--format", "csv", "unions", "list"])
            // A correction of 2023 imported last: kept in the history, the unions keep 2024's.
            .step(&["import", "unions", "late2023.csv"])
            .step(&["--format", "csv", "unions", "list"])
            .step(&["unions", "show", "乙工会"]);
        t.pin("union_figures");
        env.run(&["log", "--verify"]).ok();
        // The figures the transcript shows, read as data.
        let net = |args: &[&str]| {
            let mut all = vec!["--format", "json", "report", "year-end"];
            all.extend_from_slice(args);
            env.run(&all).ok().json()["members.migrant_net_new"].clone()
        };
        // After the undos and the correction: 2024 = (45 + 40 + 20) - (30 + 55); 2025 has
        // nothing dated in it.
        assert_eq!(net(&["--year", "2024"]), 20, "{lang}");
        assert_eq!(net(&["--year", "2025"]), 0, "{lang}");
        // 梁溪区 (45 + 20) - 30 = 35; 滨湖区 40 - 55 = -15.
        assert_eq!(
            net(&["--year", "2024", "--district", "梁溪区"]),
            35,
            "{lang}"
        );
        assert_eq!(
            net(&["--year", "2024", "--district", "滨湖区"]),
            -15,
            "{lang}"
        );
        // Up to 2024-12-30 nothing is dated in the window: 85 - 85. From 2024-01-02 the
        // figures of 2024-01-01 (those of 2023-12-31) are the start.
        assert_eq!(
            net(&["--from", "2024-01-01", "--to", "2024-12-30"]),
            0,
            "{lang}"
        );
        assert_eq!(
            net(&["--from", "2024-01-02", "--to", "2024-12-31"]),
            20,
            "{lang}"
        );
        assert_eq!(
            net(&["--from", "2023-12-31", "--to", "2024-12-31"]),
            105,
            "{lang}"
        );
        // The export carries the history (a row per earlier date, latest first): imported
        // into an empty database it gives the same figures and exports the same bytes.
        env.run(&["export", "unions", "-o", "ex.csv"]).ok();
        let r = env.run(&["--db", "copy.db", "import", "unions", "ex.csv"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        env.run(&["--db", "copy.db", "export", "unions", "-o", "ex2.csv"])
            .ok();
        assert_eq!(
            std::fs::read(env.path("ex2.csv")).unwrap(),
            std::fs::read(env.path("ex.csv")).unwrap()
        );
        for db in ["union.db", "copy.db"] {
            let v = env
                .run(&[
                    "--db", db, "--format", "json", "report", "year-end", "--year", "2024",
                ])
                .ok()
                .json();
            assert_eq!(v["members.migrant_net_new"], 20, "{db} {lang}");
        }
        let text = String::from_utf8(std::fs::read(env.path("ex.csv")).unwrap()).unwrap();
        assert_eq!(
            text.lines().skip(1).collect::<Vec<_>>(),
            [
                "丙工会,,梁溪区,,,,,,,,60,,20,,,2024-12-31",
                "甲工会,,梁溪区,,,,,,,,120,,45,,,2024-12-31",
                "甲工会,,梁溪区,,,,,,,,100,,30,,,2023-12-31",
                "乙工会,,滨湖区,,,,,,,,190,,40,,,2024-12-31",
                "乙工会,,滨湖区,,,,,,,,200,,55,,,2023-12-31",
            ],
            "{lang}"
        );
    }
}

/// A ledger without 统计日期 is dated the day of the import.
#[test]
fn figures_without_a_statistics_date_are_of_the_day_of_the_import() {
    let env = Env::new();
    env.write("u.csv", "工会名称,会员人数,农民工会员人数\n甲工会,10,4\n");
    env.run(&["import", "unions", "u.csv"]).ok();
    let today = chrono::Local::now().date_naive().to_string();
    let r = env.run(&["--format", "csv", "unions", "list"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            format!(
                "工会名称,统一社会信用代码,所属地区,建会形式,所在单位信用代码,覆盖法人单位数,成立日期,本届委员会成立日期,届期(年),职工人数,会员人数,女会员人数,农民工会员人数,专职工会干部人数,职代会,统计日期\n\
                 甲工会,,,,,,,,,,10,,4,,,{today}\n"
            )
            .as_str(),
            ""
        )
    );
}

/// One file with a union's two statistics dates: latest first, both are kept (the older in the
/// history only); oldest first, the later row is refused with what to do (it was "differs
/// from row 2", which did not say why).
#[test]
fn one_file_with_a_union_s_two_dates_takes_them_latest_first() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        let head = "工会名称,会员人数,农民工会员人数,统计日期\n";
        env.write(
            "oldest_first.csv",
            &format!("{head}甲工会,100,30,2023-12-31\n甲工会,120,45,2024-12-31\n"),
        );
        env.write(
            "latest_first.csv",
            &format!("{head}甲工会,120,45,2024-12-31\n甲工会,100,30,2023-12-31\n"),
        );
        let mut t = crate::harness::Transcript::new(&env, lang);
        t.step(&["import", "unions", "oldest_first.csv"])
            .step(&["import", "unions", "latest_first.csv"])
            .step(&["unions", "show", "甲工会"])
            .step(&["import", "unions", "oldest_first.csv"]);
        t.pin("union_two_dates");
        let v = env
            .run(&["--format", "json", "report", "year-end", "--year", "2024"])
            .ok()
            .json();
        assert_eq!(v["members.migrant_net_new"], 15, "{lang}");
    }
}
