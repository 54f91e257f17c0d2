//! Lists, show, masking, `union sql`, output formats and files, the demo.

use crate::harness::*;
use crate::import::{count, example, lines, KINDS_IN_ORDER};

const CHEN17: &str = "32010219800101001";
const LI17: &str = "32028119850615002";

/// Two people with mobiles, one a provincial model, and a payout each.
fn small(env: &Env) -> (String, String) {
    let a = id_with_check(CHEN17);
    let b = id_with_check(LI17);
    env.write(
        "p.csv",
        &format!(
            "姓名,身份证号,手机号,所属地区,状态,退休日期,荣誉称号,获评年份\n\
             陈静,{a},13812345678,梁溪区,在职,,省劳模,2019\n\
             李红霞,{b},13900001111,惠山区,退休,2020-06-30,,\n"
        ),
    );
    env.run(&["import", "people", "p.csv"]).ok();
    // 陈静 is a model in hardship (劳模生活补助 needs it).
    env.write(
        "h.csv",
        &format!("身份证号,姓名,困难类型,建档日期\n{a},陈静,意外致困,2025-01-01\n"),
    );
    env.run(&["import", "hardship", "h.csv"]).ok();
    env.write(
        "f.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期,凭证号\n\
             {a},陈静,劳模生活补助,\"1,200.00\",2025-05-01,V1\n\
             {b},李红霞,春节慰问,800,2026-01-20,V2\n"
        ),
    );
    env.run(&["import", "payouts", "f.csv"]).ok();
    (a, b)
}

fn masked_id(id: &str) -> String {
    format!("{}********{}", &id[..6], &id[14..])
}

#[test]
fn lists_mask_id_and_mobile_numbers_unless_unmask() {
    let env = Env::new();
    let (a, b) = small(&env);
    let csv = env.run(&["--format", "csv", "people", "list"]);
    csv.ok();
    assert_eq!(
        lines(&csv.stdout),
        [
            "姓名,身份证号,性别,出生日期,手机号,工作单位,所属地区,状态,退休日期,去世日期,调离日期,最高荣誉"
                .to_string(),
            format!(
                "李红霞,{},女,1985-06-15,139****1111,,惠山区,退休,2020-06-30,,,",
                masked_id(&b)
            ),
            format!(
                "陈静,{},男,1980-01-01,138****5678,,梁溪区,在职,,,,省劳动模范",
                masked_id(&a)
            ),
        ]
    );
    let table = env.run(&["people", "list"]);
    table.ok();
    assert!(table.stdout.contains(&masked_id(&a)), "{}", table.stdout);
    assert!(table.stdout.contains("138****5678"), "{}", table.stdout);
    assert!(!table.stdout.contains(&a), "{}", table.stdout);
    assert!(!table.stdout.contains("13812345678"), "{}", table.stdout);
    let json = env.run(&["--format", "json", "people", "list"]).json();
    // Sorted by district, then name: 惠山区 before 梁溪区.
    assert_eq!(json[1]["id_number"], masked_id(&a).as_str());
    assert_eq!(json[1]["mobile"], "138****5678");
    let payouts = env.run(&["--format", "json", "payouts", "list"]).json();
    assert_eq!(payouts[0]["id_number"], masked_id(&a).as_str());

    let unmasked = env.run(&["--format", "csv", "--unmask", "people", "list"]);
    assert_eq!(
        lines(&unmasked.stdout)[2],
        format!("陈静,{a},男,1980-01-01,13812345678,,梁溪区,在职,,,,省劳动模范")
    );
    let json = env
        .run(&["--format", "json", "--unmask", "payouts", "list"])
        .json();
    assert_eq!(json[1]["id_number"], b.as_str());
}

#[test]
fn masking_applies_to_output_files_too() {
    let env = Env::new();
    let (a, _) = small(&env);
    env.run(&["-o", "out.csv", "people", "list"]).ok();
    let text = std::fs::read_to_string(env.path("out.csv")).expect("out.csv");
    assert!(text.contains(&masked_id(&a)), "{text}");
    assert!(!text.contains(&a), "{text}");
    env.run(&["-o", "out.json", "people", "list"]).ok();
    let text = std::fs::read_to_string(env.path("out.json")).expect("out.json");
    assert!(!text.contains(&a), "{text}");
    assert!(!text.contains("13812345678"), "{text}");
}

#[test]
fn show_prints_one_person_whole_with_honours_and_payouts() {
    let env = Env::new();
    let (a, _) = small(&env);
    let s = env.run(&["--format", "json", "people", "show", &a]);
    s.ok();
    let s = s.json();
    assert_eq!(s["id_number"], a.as_str());
    assert_eq!(s["mobile"], "13812345678");
    assert_eq!(s["highest_title"], "省劳动模范");
    assert_eq!(s["honours"][0]["title"], "省劳动模范");
    assert_eq!(s["honours"][0]["year"], 2019);
    assert_eq!(s["payouts"][0]["voucher"], "V1");
    assert_eq!(s["payouts"][0]["amount"].to_string(), "1200.00");
    // By name too, and as a table.
    let t = env.run(&["people", "show", "陈静"]);
    t.ok();
    assert!(t.stdout.contains(&a), "{}", t.stdout);
    assert!(t.stdout.contains("13812345678"), "{}", t.stdout);
    assert!(t.stdout.contains("荣誉"), "{}", t.stdout);
    assert!(t.stdout.contains("发放记录"), "{}", t.stdout);
    let r = env.run(&["people", "show", "无此人"]);
    r.code(2);
    assert_eq!(lines(&r.stderr), ["错误：未找到：无此人"]);
}

#[test]
fn list_filters() {
    let env = Env::new();
    small(&env);
    let names = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["--format", "json"];
        full.extend_from_slice(args);
        let r = env.run(&full);
        r.ok();
        r.json()
            .as_array()
            .expect("array")
            .iter()
            .map(|x| {
                x.get("name")
                    .or_else(|| x.get("recipient"))
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    };
    assert_eq!(names(&["people", "list", "--status", "退休"]), ["李红霞"]);
    assert_eq!(names(&["people", "list", "--status", "active"]), ["陈静"]);
    assert_eq!(names(&["people", "list", "--district", "梁溪区"]), ["陈静"]);
    assert_eq!(names(&["people", "list", "--name", "红"]), ["李红霞"]);
    assert_eq!(
        names(&["people", "list", "--level", "provincial"]),
        ["陈静"]
    );
    assert_eq!(
        names(&["people", "list", "--level", "全国"]),
        Vec::<String>::new()
    );
    assert_eq!(names(&["payouts", "list", "--year", "2026"]), ["李红霞"]);
    assert_eq!(
        names(&["payouts", "list", "--category", "living_subsidy"]),
        ["陈静"]
    );
    assert_eq!(
        names(&["payouts", "list", "--category", "春节慰问"]),
        ["李红霞"]
    );
}

#[test]
fn json_is_an_array_of_objects_with_snake_case_keys_in_both_languages() {
    let env = Env::new();
    small(&env);
    for list in [
        "people",
        "studios",
        "enterprises",
        "agreements",
        "payouts",
        "hardship",
    ] {
        for lang in ["zh", "en"] {
            let r = env.run(&["--lang", lang, "--format", "json", list, "list"]);
            r.ok();
            let v = r.json();
            let arr = v.as_array().expect("array");
            for obj in arr {
                for key in obj.as_object().expect("object").keys() {
                    assert!(
                        key.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                        "{list} {lang}: {key}"
                    );
                }
            }
        }
    }
    let zh = env.run(&["--format", "json", "people", "list"]).json();
    let en = env
        .run(&["--lang", "en", "--format", "json", "people", "list"])
        .json();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v[0].as_object().expect("object").keys().cloned().collect()
    };
    assert_eq!(keys(&zh), keys(&en));
}

#[test]
fn lang_en_gives_english_headers() {
    let env = Env::new();
    small(&env);
    let r = env.run(&["--lang", "en", "--format", "csv", "people", "list"]);
    r.ok();
    assert_eq!(
        lines(&r.stdout)[0],
        "Name,ID number,Gender,Birth date,Mobile,Work unit,District,Status,Retired on,Died on,Transferred on,Highest title"
    );
    let r = env.run(&["--lang", "en", "people", "list", "--status", "外星"]);
    r.code(2);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    let r = env.run(&["--lang", "en", "sql", "DELETE FROM people"]);
    r.code(2);
    assert_eq!(
        lines(&r.stderr),
        ["error: union sql runs read-only queries only (SELECT / WITH)"]
    );
}

#[test]
fn sql_runs_read_only_queries_and_refuses_writes() {
    let env = Env::new();
    small(&env);
    let r = env.run(&[
        "--format",
        "csv",
        "sql",
        "SELECT name FROM people ORDER BY name",
    ]);
    r.ok();
    assert_eq!(lines(&r.stdout), ["name", "李红霞", "陈静"]);
    let r = env.run(&[
        "--format",
        "json",
        "sql",
        "WITH t AS (SELECT count(*) AS n FROM payouts) SELECT n FROM t",
    ]);
    r.ok();
    assert_eq!(r.json(), serde_json::json!([{"n": 2}]));
    for write in [
        "DELETE FROM people",
        "delete from people",
        "UPDATE people SET name = 'x'",
        "DROP TABLE payouts",
        "INSERT INTO people(name, id_number) VALUES ('x', 'y')",
        "WITH t AS (SELECT 1) DELETE FROM people",
        "SELECT 1; DELETE FROM people",
        "PRAGMA user_version = 99",
        "ATTACH 'x.db' AS x",
    ] {
        let r = env.run(&["sql", write]);
        r.code(2);
        assert!(r.stderr.starts_with("错误："), "{write}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{write}: {}", r.stderr);
    }
    assert_eq!(count(&env, "people"), 2);
    if !env.file_only("PRAGMA is SQLite's") {
        let r = env.run(&["--format", "json", "sql", "PRAGMA user_version"]);
        r.ok();
        assert_eq!(r.json()[0]["user_version"], 10);
    }
    let r = env.run(&["sql", "SELECT * FROM no_such_table"]);
    r.code(2);
    r.stderr_has("查询出错");
}

#[test]
fn output_to_csv_has_a_bom_and_to_xlsx_is_a_real_workbook() {
    use calamine::{open_workbook_auto, Data, Reader};
    let env = Env::new();
    let (a, _) = small(&env);
    let r = env.run(&["-o", "out.csv", "people", "list"]);
    r.ok();
    assert_eq!(r.stdout, "");
    r.stderr_has("已写入 out.csv（2 条）");
    let bytes = std::fs::read(env.path("out.csv")).expect("out.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let stdout_csv = env.run(&["--format", "csv", "people", "list"]).stdout;
    assert_eq!(text, stdout_csv);

    let r = env.run(&["--unmask", "-o", "out.xlsx", "payouts", "list"]);
    r.ok();
    r.stderr_has("已写入 out.xlsx（2 条）");
    let mut book = open_workbook_auto(env.path("out.xlsx")).expect("workbook");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), 3);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "编号",
            "受领人",
            "身份证号",
            "所属地区",
            "类别",
            "金额(元)",
            "发放日期",
            "凭证号",
            "备注",
            "学生姓名",
            "学生身份证号",
            "学段",
            "所属期间"
        ]
    );
    assert_eq!(rows[1][1].to_string(), "陈静");
    assert_eq!(rows[1][2].to_string(), a, "ID numbers stay text");
    // The amount is a number cell a spreadsheet can sum.
    match &rows[1][5] {
        Data::Float(f) => assert!((f - 1200.0).abs() < 1e-9, "{f}"),
        Data::Int(i) => assert_eq!(*i, 1200),
        other => panic!("amount cell is {other:?}"),
    }

    let r = env.run(&["-o", "out.json", "people", "list"]);
    r.ok();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.path("out.json")).expect("json")).expect("json");
    assert_eq!(json.as_array().expect("array").len(), 2);

    let r = env.run(&["-o", "out.pdf", "people", "list"]);
    r.code(2);
    r.stderr_has("不支持的输出文件类型：");
}

#[test]
fn other_lists_show_their_records() {
    let env = Env::new();
    for kind in KINDS_IN_ORDER {
        let f = example("csv", &format!("{kind}.csv"));
        env.run(&["import", kind, f.to_str().expect("path")]).ok();
    }
    let n = |list: &str| -> usize {
        let r = env.run(&["--format", "json", list, "list"]);
        r.ok();
        r.json().as_array().expect("array").len()
    };
    assert_eq!(n("people"), 47);
    assert_eq!(n("studios"), 13);
    assert_eq!(n("enterprises"), 26);
    assert_eq!(n("agreements"), 23);
    assert_eq!(n("payouts"), 139);
    assert_eq!(n("hardship"), 10);
    let s = env.run(&["studios", "show", "周建华劳模创新工作室"]);
    s.ok();
    s.stdout_has("省级示范性");
    s.stdout_has("年度成效");
    let e = env.run(&["enterprises", "show", "91320213131882189P"]);
    e.ok();
    e.stdout_has("无锡锡华精密机械有限公司");
    e.stdout_has("工资集体协议");
}

#[test]
fn demo_builds_demo_db_and_is_idempotent() {
    let env = Env::new();
    let r = env.run(&["demo"]);
    r.ok();
    let first = lines(&r.stdout)
        .into_iter()
        .chain(lines(&r.stderr))
        .map(str::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(first.contains("演示库 demo.db 现有："), "{first}");
    assert!(env.path("demo.db").exists());
    assert!(!env.path("union.db").exists(), "demo never writes union.db");
    let before = crate::import::records_in(&env, "demo.db");
    let r = env.run(&["demo"]);
    r.ok();
    let all = format!("{}{}", r.stdout, r.stderr);
    for line in all.lines().filter(|l| l.contains("读取")) {
        assert!(
            line.contains("新增 0，更新 0") && line.contains("不合格 0"),
            "second demo run changed something: {line}"
        );
    }
    assert_eq!(
        all.lines().filter(|l| l.contains("读取")).count(),
        7,
        "{all}"
    );
    assert_eq!(crate::import::records_in(&env, "demo.db"), before);
}

/// An ID number is looked up as an import reads it: a lower-case `x`, full-width digits or
/// Excel's leading `'` find the person stored with `X`, in `people show` and `hardship show`,
/// with the very output the stored form gives (in either language).
#[test]
fn show_finds_an_id_number_typed_with_a_lower_case_x_or_full_width_digits() {
    let env = Env::new();
    let id = "32010219800101018X";
    env.write(
        "p.csv",
        &format!("姓名,身份证号,所属地区\n周晓,{id},梁溪区\n"),
    );
    env.run(&["import", "people", "p.csv"]).ok();
    env.write(
        "h.csv",
        &format!("身份证号,姓名,困难类型,建档日期\n{id},周晓,意外致困,2025-01-01\n"),
    );
    env.run(&["import", "hardship", "h.csv"]).ok();
    let full_width: String = id
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
            c => c,
        })
        .collect();
    for lang in ["zh", "en"] {
        for what in ["people", "hardship"] {
            let stored = env.run(&["--lang", lang, what, "show", id]);
            stored.ok();
            assert!(stored.stdout.contains("周晓"), "{}", stored.stdout);
            for typed in [
                id.to_lowercase(),
                full_width.clone(),
                format!("'{id}"),
                format!(" {} ", id.to_lowercase()),
            ] {
                let r = env.run(&["--lang", lang, what, "show", &typed]);
                assert_eq!(
                    (r.code, r.stdout.as_str(), r.stderr.as_str()),
                    (0, stored.stdout.as_str(), ""),
                    "{what} show {typed:?}"
                );
            }
        }
    }
    // What is not an ID number is looked up as typed.
    let r = env.run(&["people", "show", "32010219800101018x1"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (2, "", "错误：未找到：32010219800101018x1\n")
    );
}
