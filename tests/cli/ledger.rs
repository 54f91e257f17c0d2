//! Keeping the ledger right over a year: `union edit`, `union delete`, every write a batch,
//! `union undo` of any batch, `union batches`.

use crate::harness::{id_with_check, Env};

fn id(n: u32) -> String {
    id_with_check(&format!("32020219700101{n:03}"))
}

/// Two people on file: 周建华 recorded as dead by mistake, 陈静 a provincial model with two
/// 春节慰问 payouts (2025 and 2026).
fn office() -> Env {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.write(
        "people.csv",
        &format!(
            "姓名,身份证号,状态,去世日期,荣誉称号,获评年份\n\
             周建华,{},去世,2024-05-01,市劳动模范,2012\n\
             陈静,{},在职,,省劳动模范,2015\n",
            id(1),
            id(2)
        ),
    );
    env.run(&["import", "people", "people.csv"]).ok();
    env.write(
        "payouts.csv",
        &format!(
            "身份证号,姓名,类别,金额,发放日期,凭证号\n\
             {0},陈静,春节慰问,800,2025-01-20,FL-1\n\
             {0},陈静,春节慰问,1000,2026-02-05,FL-2\n",
            id(2)
        ),
    );
    env.run(&["import", "payouts", "payouts.csv"]).ok();
    env
}

fn person(env: &Env, n: u32) -> serde_json::Value {
    env.run(&["--format", "json", "people", "show", &id(n)])
        .json()
}

#[test]
fn a_death_recorded_by_mistake_is_corrected_and_the_correction_undone() {
    let env = office();
    let key = id(1);
    let r = env.run(&[
        "edit",
        "people",
        &key,
        "状态=退休",
        "退休日期=2023-12-31",
        "--clear",
        "去世日期",
        "--reason",
        "误录去世",
    ]);
    r.ok();
    assert_eq!(
        r.stdout,
        format!(
            "已修改“{key}”：状态“去世”→“退休”；退休日期“”→“2023-12-31”；去世日期“2024-05-01”→“”\n\
             批次 3（撤销：union undo 3）\n"
        )
    );
    assert_eq!(r.stderr, "");
    let p = person(&env, 1);
    assert_eq!(p["status"], "退休");
    assert_eq!(p["retired_on"], "2023-12-31");
    assert!(p["died_on"].is_null());
    // The honour the person row carried is untouched.
    assert_eq!(p["honours"].as_array().expect("honours").len(), 1);

    // The batch is listed with its command, personal values masked.
    let batches = env.run(&["--format", "json", "batches"]).json();
    let b = &batches[2];
    assert_eq!(b["id"], 3);
    assert_eq!(b["kind"], "edit");
    assert_eq!(b["updated"], 1);
    let command = b["command"].as_str().expect("command");
    assert!(
        command.ends_with(&format!(
            "edit people {}********{} 状态=* 退休日期=* --clear 去世日期 --reason 误录去世",
            &key[..6],
            &key[14..]
        )),
        "{command}"
    );

    let r = env.run(&["undo", "3"]);
    r.ok();
    assert_eq!(
        r.stdout,
        "已撤销批次 3：删除 0 条新增记录，恢复 1 条被修改或删除的记录\n"
    );
    let p = person(&env, 1);
    assert_eq!(p["status"], "去世");
    assert_eq!(p["died_on"], "2024-05-01");
    env.run(&["log", "--verify"]).ok();
}

#[test]
fn a_person_is_renamed_in_both_languages() {
    let env = office();
    let key = id(2);
    let r = env.run(&["--lang", "en", "edit", "people", &key, "name=陈　静"]);
    r.ok();
    assert_eq!(
        r.stdout,
        format!("changed \"{key}\": 姓名 \"陈静\" → \"陈　静\"\nbatch 3 (to undo: union undo 3)\n")
    );
    assert_eq!(person(&env, 2)["name"], "陈　静");
    // The same value again changes nothing and makes no batch.
    let r = env.run(&["edit", "people", &key, "姓名=陈　静"]);
    r.ok();
    assert_eq!(r.stdout, format!("“{key}”没有变化\n"));
    assert_eq!(
        env.run(&["--format", "json", "batches"])
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn an_edit_is_checked_as_import_checks_a_row_and_refused_whole() {
    let env = office();
    let key = id(1);
    // 在职 with a date of death still on file: the import's own rule and message.
    let r = env.run(&["edit", "people", &key, "状态=在职", "手机号=1234"]);
    r.code(1);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        format!(
            "未修改“{key}”：\n  “手机号”列 值“1234”：手机号应为 11 位数字，以 13–19 开头\n  “状态”列 值“在职”：状态为“在职”，但填写了去世日期\n"
        )
    );
    let r = env.run(&[
        "--lang",
        "en",
        "edit",
        "people",
        &key,
        "状态=在职",
        "手机号=1234",
    ]);
    r.code(1);
    assert!(
        r.stderr.starts_with(&format!(
            "\"{key}\" not changed:\n  column \"手机号\", value \"1234\": "
        )),
        "{}",
        r.stderr
    );
    // Nothing was written, no batch made.
    assert_eq!(person(&env, 1)["status"], "去世");
    assert_eq!(
        env.run(&["--format", "json", "batches"])
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // A field the kind does not have, a malformed argument, the key itself, nothing to do.
    let r = env.run(&["edit", "payouts", "FL-1", "工资=5"]);
    r.code(2);
    assert!(r.stderr.starts_with("错误：没有“工资”这一项；可改的有：身份证号(id_number)、姓名(name)、类别(category)、金额(amount)、发放日期(paid_on)、凭证号(voucher)、备注(note)"), "{}", r.stderr);
    env.run(&["edit", "payouts", "FL-1", "金额"])
        .code(2)
        .stderr_has("“金额”不是 字段=值 的形式");
    let r = env.run(&["edit", "people", &key, &format!("身份证号={}", id(3))]);
    r.code(2);
    assert_eq!(
        r.stderr,
        "错误：“身份证号”是别的记录引用这条记录所用的键，不能修改：请删除后重新录入\n"
    );
    env.run(&["edit", "people", &key])
        .code(2)
        .stderr_has("没有要改的");
    let r = env.run(&["edit", "people", &key, "--clear", "状态"]);
    r.code(2);
    assert_eq!(r.stderr, "错误：“状态”不能清空，只能改为别的值\n");
    let r = env.run(&["edit", "payouts", "FL-9", "金额=5"]);
    r.code(2);
    assert_eq!(
        r.stderr,
        "错误：未找到“FL-9”；请用凭证号或编号（union payouts list 列出）指明记录\n"
    );
}

#[test]
fn a_payout_edit_keeps_the_payout_rules_and_sees_the_payout_in_its_place() {
    let env = office();
    // Moving the 2025 春节慰问 into 2026 would make two in one season: refused, rule 3.
    let r = env.run(&["edit", "payouts", "FL-1", "发放日期=2026-03-01"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "未修改“FL-1”：\n  “发放日期”列 值“2026-03-01”：规则3：每人每年限一次，2026-02-05已发放（同一年度2025-11-01～2026-10-31）（payout.once_per_year = festival_condolence,education_aid,health_check（自1900-01-01起，默认值（来源未载明，请按本地文件设置）））（payout.season_start.festival_condolence = 11-01（自1900-01-01起，默认值（来源未载明，请按本地文件设置）））\n"
    );
    // The amount it has, written another way: nothing changes, no batch.
    let r = env.run(&["edit", "payouts", "FL-2", "金额=1,000"]);
    r.ok();
    assert_eq!(r.stdout, "“FL-2”没有变化\n");
    // Correcting the amount of the 2026 one is not a second 2026 payment.
    let r = env.run(&["edit", "payouts", "FL-2", "金额=1,200.50"]);
    r.ok();
    assert_eq!(
        r.stdout,
        "已修改“FL-2”：金额“1000.00”→“1,200.50”\n批次 3（撤销：union undo 3）\n"
    );
    let list = env
        .run(&["--format", "json", "payouts", "list", "--year", "2026"])
        .json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["amount"], 1200.5);
    // A voucher another payout holds.
    let r = env.run(&["edit", "payouts", "FL-2", "凭证号=FL-1"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "未修改“FL-2”：改后的键与另一条已有记录相同；请直接修改或删除那一条\n"
    );
    env.run(&["undo", "3"]).ok();
    let list = env
        .run(&["--format", "json", "payouts", "list", "--year", "2026"])
        .json();
    assert_eq!(list[0]["amount"], 1000.0);
    env.run(&["log", "--verify"]).ok();
}

#[test]
fn honours_are_edited_by_the_number_people_show_prints() {
    let env = office();
    let shown = env.run(&["people", "show", &id(2)]);
    shown.ok().stdout_has(
        "│ 编号 ┆ 荣誉称号   ┆ 级别   ┆ 年份 ┆ 授予机关 ┆ 授予地 ┆ 取消称号日期 ┆ 取消原因 │",
    );
    let honour = person(&env, 2)["honours"][0]["id"]
        .as_i64()
        .expect("honour number");
    let r = env.run(&[
        "edit",
        "honours",
        &honour.to_string(),
        "获评年份=2016",
        "授予机关=江苏省人民政府",
    ]);
    r.ok();
    assert_eq!(
        r.stdout,
        format!("已修改“{honour}”：获评年份“2015”→“2016”；授予机关“”→“江苏省人民政府”\n批次 3（撤销：union undo 3）\n")
    );
    let honours = person(&env, 2)["honours"].clone();
    assert_eq!(honours.as_array().unwrap().len(), 1, "{honours}");
    assert_eq!(honours[0]["year"], 2016);
    assert_eq!(honours[0]["awarded_by"], "江苏省人民政府");
    env.run(&["undo", "3"]).ok();
    let honours = person(&env, 2)["honours"].clone();
    assert_eq!(honours.as_array().unwrap().len(), 1);
    assert_eq!(honours[0]["year"], 2015);
    assert!(honours[0]["awarded_by"].is_null());
}

#[test]
fn a_delete_is_refused_while_records_refer_to_it_and_undone_in_order() {
    let env = office();
    let key = id(2);
    let r = env.run(&["delete", "people", &key]);
    r.code(1);
    assert_eq!(
        r.stderr,
        format!("不能删除“{key}”：还有发放记录 2 条引用它；请先删除或修改这些记录\n")
    );
    let r = env.run(&["--lang", "en", "delete", "people", &key]);
    r.code(1);
    assert_eq!(
        r.stderr,
        format!(
            "cannot delete \"{key}\": other records still refer to it (payouts: 2); delete or change those first\n"
        )
    );

    env.run(&["delete", "payouts", "FL-1", "--reason", "重复录入"])
        .ok();
    env.run(&["delete", "payouts", "FL-2"]).ok();
    let r = env.run(&["delete", "people", &key]);
    r.ok();
    assert_eq!(
        r.stdout,
        format!("已删除“{key}”（共 2 条记录，含随之删除的荣誉、命名等）\n批次 5（撤销：union undo 5）\n")
    );
    env.run(&["people", "show", &key]).code(2);

    // Putting a payout back before its person is refused; in order, all comes back.
    let r = env.run(&["undo", "4"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "不能撤销批次 4：它要恢复的记录所属的人员、工作室或企业已被之后的批次删除；请先撤销那个批次\n"
    );
    env.run(&["undo", "5"]).ok();
    env.run(&["undo", "4"]).ok();
    env.run(&["undo", "3"]).ok();
    let p = person(&env, 2);
    assert_eq!(p["honours"].as_array().unwrap().len(), 1);
    assert_eq!(p["payouts"].as_array().unwrap().len(), 2);
    env.run(&["log", "--verify"]).ok();
}

#[test]
fn undo_is_refused_when_a_later_batch_touched_the_same_record() {
    let env = office();
    env.run(&["edit", "payouts", "FL-2", "备注=第一次"]).ok();
    env.run(&["edit", "payouts", "FL-2", "备注=第二次"]).ok();
    // The first edit replaced the payout; the second replaced it again.
    let r = env.run(&["undo", "3"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "不能撤销批次 3：之后的批次 4 又修改了同一批记录（发放记录）；请先撤销批次 4\n"
    );
    env.run(&["undo", "4"]).ok();
    env.run(&["undo", "3"]).ok();
    let list = env
        .run(&["--format", "json", "payouts", "list", "--year", "2026"])
        .json();
    assert!(list[0]["note"].is_null());
}

#[test]
fn every_write_command_is_a_batch_that_undo_takes_back() {
    let env = office();
    // payout add
    let r = env.run(&[
        "payout",
        "add",
        "--id-number",
        &id(2),
        "--name",
        "陈静",
        "--category",
        "体检",
        "--amount",
        "300",
        "--date",
        "2026-03-01",
    ]);
    r.ok().stdout_has("批次 3（撤销：union undo 3）");
    // policy set
    let r = env.run(&[
        "policy",
        "set",
        "payout.max.festival_condolence",
        "2000",
        "--from",
        "2026-01-01",
    ]);
    r.ok().stdout_has("批次 4（撤销：union undo 4）");
    let batches = env.run(&["--format", "json", "batches"]).json();
    assert_eq!(batches[2]["kind"], "payout.add");
    assert_eq!(batches[2]["added"], 1);
    assert_eq!(batches[3]["kind"], "policy.set");
    let command = batches[2]["command"].as_str().expect("command");
    assert!(
        command.contains("--id-number * --name * --category 体检"),
        "{command}"
    );

    env.run(&["undo", "4"]).ok();
    let shown = env.run(&["--format", "json", "policy", "list"]).stdout;
    assert!(!shown.contains("2026-01-01"), "{shown}");
    env.run(&["undo", "3"]).ok();
    let list = env
        .run(&["--format", "json", "payouts", "list", "--category", "体检"])
        .json();
    assert_eq!(list.as_array().unwrap().len(), 0);
    // `import list` and `import undo` are the same commands under their old names.
    assert_eq!(
        env.run(&["--format", "json", "import", "list"]).stdout,
        env.run(&["--format", "json", "batches"]).stdout
    );
    env.run(&["import", "undo", "4"])
        .code(1)
        .stderr_has("批次 4 已经撤销过了");
    env.run(&["log", "--verify"]).ok();
}

#[test]
fn a_naming_with_another_date_in_the_same_spell_corrects_the_date_and_is_never_named_twice() {
    let env = office();
    let header = "工作室名称,类型,领衔人身份证号,领衔人,命名级别,命名日期";
    env.write(
        "s1.csv",
        &format!(
            "{header}\n陈静劳模创新工作室,劳模创新工作室,{},陈静,市级,2024-05-20\n",
            id(2)
        ),
    );
    env.run(&["import", "studios", "s1.csv"]).ok();
    // Next year's ledger writes the date a day later: the same naming, its date corrected.
    env.write(
        "s2.csv",
        &format!(
            "{header}\n陈静劳模创新工作室,劳模创新工作室,{},陈静,市级,2024-05-21\n",
            id(2)
        ),
    );
    env.run(&["import", "studios", "s2.csv"])
        .ok()
        .stdout_has("新增 0，更新 1");
    let show = env
        .run(&["--format", "json", "studios", "show", "陈静劳模创新工作室"])
        .json();
    let namings = show["namings"].as_array().expect("namings");
    assert_eq!(namings.len(), 1, "{show}");
    assert_eq!(namings[0]["named_on"], "2024-05-21");

    // Named again at the level it holds, with an earlier date: refused, with the date on file,
    // and no second subsidy.
    let r = env.run(&[
        "studio",
        "name",
        "陈静劳模创新工作室",
        "--level",
        "city",
        "--date",
        "2024-01-10",
        "--force",
        "--reason",
        "补录",
    ]);
    r.code(1);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "陈静劳模创新工作室 已命名为市级（命名日期 2024-05-21）：同一级别在撤销前只命名一次；日期有误请用 union edit namings 更正\n"
    );
    let r = env.run(&[
        "--lang",
        "en",
        "studio",
        "name",
        "陈静劳模创新工作室",
        "--level",
        "city",
        "--date",
        "2025-01-10",
        "--force",
        "--reason",
        "x",
    ]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "陈静劳模创新工作室 is already named City (named on 2024-05-21): a level is named once until a revocation; to correct the date use union edit namings\n"
    );
    let subsidies = env
        .run(&[
            "--format",
            "json",
            "payouts",
            "list",
            "--category",
            "studio_subsidy",
        ])
        .json();
    assert_eq!(subsidies.as_array().unwrap().len(), 0);

    // After a revocation the level can be named again: a new spell.
    env.run(&[
        "studio",
        "revoke",
        "陈静劳模创新工作室",
        "--case",
        "2",
        "--date",
        "2025-03-01",
    ])
    .ok();
    env.run(&[
        "studio",
        "name",
        "陈静劳模创新工作室",
        "--level",
        "city",
        "--date",
        "2025-03-02",
        "--force",
        "--reason",
        "整改后重新命名",
    ])
    .ok();
    let show = env
        .run(&["--format", "json", "studios", "show", "陈静劳模创新工作室"])
        .json();
    assert_eq!(show["namings"].as_array().unwrap().len(), 2);
}

#[test]
fn dates_after_today_are_refused_by_every_command_as_by_import() {
    let env = office();
    let r = env.run(&[
        "payout",
        "add",
        "--id-number",
        &id(2),
        "--name",
        "陈静",
        "--category",
        "体检",
        "--amount",
        "300",
        "--date",
        "2062-05-01",
    ]);
    r.code(2);
    assert_eq!(
        r.stderr,
        "错误：参数 --date 的值“2062-05-01”无效：日期晚于今天\n"
    );
    for args in [
        vec![
            "studio",
            "name",
            "X",
            "--level",
            "city",
            "--date",
            "2062-05-01",
        ],
        vec![
            "studio",
            "revoke",
            "X",
            "--case",
            "2",
            "--date",
            "2062-05-01",
        ],
    ] {
        let r = env.run(&args);
        r.code(2);
        assert_eq!(
            r.stderr, "错误：参数 --date 的值“2062-05-01”无效：日期晚于今天\n",
            "{args:?}"
        );
    }
    let r = env.run(&[
        "--lang",
        "en",
        "payout",
        "add",
        "--id-number",
        &id(2),
        "--name",
        "陈静",
        "--category",
        "体检",
        "--amount",
        "300",
        "--date",
        "2062-05-01",
    ]);
    assert_eq!(
        r.stderr,
        "error: --date: invalid value \"2062-05-01\": the date is after today\n"
    );
    let r = env.run(&["edit", "payouts", "FL-2", "发放日期=2062-05-01"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "未修改“FL-2”：\n  “发放日期”列 值“2062-05-01”：日期晚于今天\n"
    );
}

#[test]
fn deceased_needs_a_date_of_death() {
    let env = office();
    env.write(
        "p.csv",
        &format!("姓名,身份证号,状态\n王五,{},去世\n", id(5)),
    );
    let r = env.run(&["import", "people", "p.csv"]);
    r.code(1);
    r.stderr_has("p.csv 第2行 “状态”列 值“去世”：状态为“去世”，须填写去世日期");
    let r = env.run(&["--lang", "en", "import", "people", "p.csv"]);
    r.code(1);
    r.stderr_has(
        "p.csv row 2, column \"状态\", value \"去世\": status is \"去世\": 去世日期 is required",
    );
    let r = env.run(&["edit", "people", &id(2), "状态=去世"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        format!(
            "未修改“{}”：\n  “状态”列 值“去世”：状态为“去世”，须填写去世日期\n",
            id(2)
        )
    );
    env.run(&["edit", "people", &id(2), "状态=去世", "去世日期=2026-01-03"])
        .ok();
}

#[test]
fn names_are_compared_as_people_read_them_and_the_stored_form_is_kept() {
    let env = office();
    // 陈静 padded with an ideographic space, as a two-character name often is in a ledger.
    env.write(
        "p.csv",
        &format!(
            "身份证号,姓名,类别,金额,发放日期,凭证号\n{},陈　静,体检,300,2026-03-01,FL-3\n",
            id(2)
        ),
    );
    env.run(&["import", "payouts", "p.csv"])
        .ok()
        .stdout_has("新增 1");
    assert_eq!(person(&env, 2)["name"], "陈静");
    env.write(
        "r.csv",
        &format!("姓名,身份证号,工作单位\n陈 静,{},无锡（华光）锅炉\n", id(2)),
    );
    env.run(&["import", "people", "r.csv"])
        .ok()
        .stdout_has("更新 1");
    assert_eq!(person(&env, 2)["name"], "陈静");

    // Company names: （） and () are the same brackets.
    env.write(
        "e.csv",
        &format!(
            "企业名称,统一社会信用代码\n无锡华光（集团）有限公司,{}\n",
            crate::harness::credit_with_check("91320200MA1MXXXX0")
        ),
    );
    env.run(&["import", "enterprises", "e.csv"]).ok();
    env.write(
        "a.csv",
        &format!(
            "统一社会信用代码,企业名称,生效日期,到期日期\n{},无锡华光(集团)有限公司,2025-01-01,2027-12-31\n",
            crate::harness::credit_with_check("91320200MA1MXXXX0")
        ),
    );
    env.run(&["import", "agreements", "a.csv"])
        .ok()
        .stdout_has("新增 1");
    // A real difference is refused, quoting what is on file.
    env.write(
        "b.csv",
        &format!(
            "统一社会信用代码,企业名称,生效日期,到期日期\n{},无锡华光锅炉有限公司,2025-01-01,2027-12-31\n",
            crate::harness::credit_with_check("91320200MA1MXXXX0")
        ),
    );
    let r = env.run(&["import", "agreements", "b.csv"]);
    r.code(1);
    r.stderr_has("b.csv 第2行 “企业名称”列 值“无锡华光锅炉有限公司”：该统一社会信用代码已登记的企业名称是“无锡华光（集团）有限公司”，与此不一致");
    env.write("w.csv", &format!("姓名,身份证号\n陈晶,{}\n", id(2)));
    let r = env.run(&["--lang", "en", "import", "people", "w.csv"]);
    r.code(1);
    r.stderr_has("w.csv row 2, column \"姓名\", value \"陈晶\": the name differs from the one on file for this ID number (陈*)");
}

#[test]
fn an_edit_keeps_the_record_number_and_touches_nothing_but_the_record() {
    let env = office();
    let honour = person(&env, 2)["honours"][0]["id"]
        .as_i64()
        .expect("honour number")
        .to_string();
    // A person is edited for itself, a studio too: not the honour or naming an import row carries.
    env.run(&["edit", "people", &id(2), "荣誉称号=全国劳动模范"])
        .code(2)
        .stderr_has("没有“荣誉称号”这一项");
    // An honour is edited for itself: its person's fields are not reachable through it.
    let r = env.run(&["edit", "honours", &honour, &format!("身份证号={}", id(1))]);
    r.code(2);
    assert_eq!(
        r.stderr,
        "错误：没有“身份证号”这一项；可改的有：荣誉称号(honour)、获评年份(honour_year)、授予机关(awarded_by)\n"
    );
    // Edited twice by the same number: the record keeps it.
    env.run(&["edit", "honours", &honour, "获评年份=2016"]).ok();
    env.run(&["edit", "honours", &honour, "获评年份=2017"]).ok();
    assert_eq!(
        person(&env, 2)["honours"][0]["id"]
            .as_i64()
            .unwrap()
            .to_string(),
        honour
    );
    let before = env
        .run(&["--format", "json", "payouts", "show", "FL-1"])
        .json()["id"]
        .clone();
    env.run(&["edit", "payouts", "FL-1", "凭证号=FL-1A"]).ok();
    let after = env
        .run(&["--format", "json", "payouts", "show", "FL-1A"])
        .json();
    assert_eq!(after["id"], before);
    // The import that added the payout cannot be undone under the edit.
    let r = env.run(&["undo", "2"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "不能撤销批次 2：之后的批次 5 又修改了同一批记录（发放记录）；请先撤销批次 5\n"
    );
    env.run(&["undo", "5"]).ok();
    env.run(&["undo", "4"]).ok();
    env.run(&["undo", "3"]).ok();
    env.run(&["undo", "2"]).ok();
    assert_eq!(person(&env, 2)["payouts"].as_array().unwrap().len(), 0);
    env.run(&["log", "--verify"]).ok();
}

#[test]
fn a_studio_subsidy_goes_with_its_naming() {
    let env = office();
    env.write(
        "s.csv",
        &format!(
            "工作室名称,类型,领衔人身份证号,领衔人\n陈静劳模创新工作室,劳模创新工作室,{},陈静\n",
            id(2)
        ),
    );
    env.run(&["import", "studios", "s.csv"]).ok();
    env.run(&[
        "studio",
        "name",
        "陈静劳模创新工作室",
        "--level",
        "city",
        "--date",
        "2026-05-20",
        "--force",
        "--reason",
        "测试",
    ])
    .ok()
    .stdout_has("批次 4（撤销：union undo 4）");
    let subsidy = env
        .run(&[
            "--format",
            "json",
            "payouts",
            "list",
            "--category",
            "studio_subsidy",
        ])
        .json()[0]["id"]
        .as_i64()
        .expect("subsidy")
        .to_string();
    // Deleted on its own, it would leave the naming unpaid; edited, it keeps the rules.
    let r = env.run(&["delete", "payouts", subsidy.as_str()]);
    r.code(2);
    assert_eq!(
        r.stderr,
        "错误：工作室补贴随命名记录，不能单独删除：请撤销或删除那次命名（补贴随之删除）\n"
    );
    let r = env.run(&["edit", "payouts", subsidy.as_str(), "金额=1"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        format!("未修改“{subsidy}”：\n  “金额”列 值“1”：规则5：工作室补贴应为命名级别的标准20000.00元\n")
    );
    env.run(&["edit", "payouts", subsidy.as_str(), "备注=市总工会拨付"])
        .ok();
    let list = env
        .run(&[
            "--format",
            "json",
            "payouts",
            "list",
            "--category",
            "studio_subsidy",
        ])
        .json();
    assert_eq!(list[0]["id"].as_i64().unwrap().to_string(), subsidy);
    assert_eq!(list[0]["note"], "市总工会拨付");
    env.run(&["undo", "5"]).ok();
    // Undoing the naming takes the subsidy with it.
    env.run(&["undo", "4"]).ok().stdout_has("删除 2 条新增记录");
    let list = env
        .run(&[
            "--format",
            "json",
            "payouts",
            "list",
            "--category",
            "studio_subsidy",
        ])
        .json();
    assert_eq!(list.as_array().unwrap().len(), 0);
    env.run(&["log", "--verify"]).ok();
}

#[test]
fn a_roster_that_adds_the_year_completes_the_honour_instead_of_adding_a_second() {
    let env = Env::new();
    env.run(&["init"]).ok();
    let a = id(7);
    env.write(
        "a.csv",
        &format!("姓名,身份证号,荣誉称号\n王五,{a},市劳动模范\n"),
    );
    let r = env.run(&["import", "people", "a.csv"]);
    r.ok();
    assert_eq!(
        r.stderr,
        "警告：1 条荣誉没有获评年份：不计入任何年度的新增劳模；以后的名册补上年份会补全这几条，不会重复\n"
    );
    let report = env
        .run(&["--format", "json", "report", "year-end", "--year", "2025"])
        .json();
    assert_eq!(report["models.new"], 0);
    env.write(
        "b.csv",
        &format!("姓名,身份证号,荣誉称号,获评年份\n王五,{a},市劳动模范,2025\n"),
    );
    let r = env.run(&["import", "people", "b.csv"]);
    r.ok();
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        "读取 1 行：新增 0，更新 1，未变 0，不合格 0，跳过 0；批次 2\n"
    );
    let honours = env.run(&["--format", "json", "people", "show", &a]).json()["honours"].clone();
    assert_eq!(honours.as_array().unwrap().len(), 1, "{honours}");
    assert_eq!(honours[0]["year"], 2025);
    let report = env
        .run(&["--format", "json", "report", "year-end", "--year", "2025"])
        .json();
    assert_eq!(report["models.new"], 1);
    // The year-less roster again is the same honour, not a copy.
    env.run(&["import", "people", "a.csv"])
        .ok()
        .stdout_has("未变 1");
    // The tool's own honours export imports back without doubling (its 年份 is 获评年份).
    env.run(&["--unmask", "export", "honours", "-o", "h.csv"])
        .ok();
    env.run(&["import", "people", "h.csv"])
        .ok()
        .stdout_has("新增 0，更新 0，未变 1");
    let honours = env.run(&["--format", "json", "people", "show", &a]).json()["honours"].clone();
    assert_eq!(honours.as_array().unwrap().len(), 1);
    // Another year of the same title is a second honour.
    env.write(
        "c.csv",
        &format!("姓名,身份证号,荣誉称号,获评年份\n王五,{a},市劳动模范,2019\n"),
    );
    env.run(&["import", "people", "c.csv"])
        .ok()
        .stdout_has("新增 1");
    let honours = env.run(&["--format", "json", "people", "show", &a]).json()["honours"].clone();
    assert_eq!(honours.as_array().unwrap().len(), 2);
}

#[test]
fn check_payouts_flags_a_second_subsidy_for_one_naming() {
    let env = office();
    env.write(
        "s.csv",
        &format!(
            "工作室名称,类型,领衔人身份证号,领衔人\n陈静劳模创新工作室,劳模创新工作室,{},陈静\n",
            id(2)
        ),
    );
    env.run(&["import", "studios", "s.csv"]).ok();
    env.run(&[
        "studio",
        "name",
        "陈静劳模创新工作室",
        "--level",
        "city",
        "--date",
        "2024-05-20",
        "--force",
        "--reason",
        "测试",
    ])
    .ok();
    env.run(&["check", "payouts", "--year", "2024"]).ok();
    // A second subsidy for the same naming, as an earlier version let `studio name` record.
    env.sql(
        "INSERT INTO payouts (studio_id, category, amount, paid_on) SELECT studio_id, category, amount, paid_on FROM payouts WHERE category = 'studio_subsidy'",
    );
    let extra = env
        .run(&[
            "--format",
            "json",
            "sql",
            "SELECT max(id) AS id FROM payouts",
        ])
        .json()[0]["id"]
        .clone();
    let r = env.run(&["--format", "json", "check", "payouts", "--year", "2024"]);
    r.code(1);
    let found = r.json();
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["payout_id"], extra);
    assert_eq!(
        found[0]["violation"],
        "规则5：这次命名已于2024-05-20发过一次性补贴：同一级别在撤销前只命名一次、只发一次"
    );
}

#[test]
fn records_arriving_without_a_district_get_the_office_district() {
    let env = Env::new();
    let r = env.run(&["init", "--district", "梁溪区"]);
    r.ok();
    assert_eq!(
        r.stdout,
        "数据库 union.db 已就绪（结构版本 10）\n本库所属地区：梁溪区（此后没有所属地区的人员、工作室、企业都记为这个地区）\n批次 1（撤销：union undo 1）\n"
    );
    // The same again changes nothing and makes no batch.
    let r = env.run(&["init", "--district", "梁溪区"]);
    assert_eq!(
        r.stdout,
        "数据库 union.db 已就绪（结构版本 10）\n本库所属地区：梁溪区（此后没有所属地区的人员、工作室、企业都记为这个地区）\n"
    );
    env.write(
        "h.csv",
        &format!("身份证号,姓名,困难类型,建档日期\n{},甲,深度困难,2025-03-01\n{},乙,相对困难,2025-04-01\n", id(1), id(2)),
    );
    env.run(&["import", "hardship", "h.csv"]).ok();
    // A payout file with a 所属地区 column: a new recipient gets it.
    env.write(
        "p.csv",
        &format!("身份证号,姓名,类别,金额,发放日期,凭证号,所属地区\n{},丙,送清凉,200,2025-07-01,V1,惠山区\n", id(3)),
    );
    env.run(&["import", "payouts", "p.csv"]).ok();
    let people = env.run(&["--format", "json", "people", "list"]).json();
    let district = |name: &str| {
        people
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["district"].clone())
            .unwrap()
    };
    assert_eq!(district("甲"), "梁溪区");
    assert_eq!(district("乙"), "梁溪区");
    assert_eq!(district("丙"), "惠山区");
    let report = env
        .run(&[
            "--format",
            "json",
            "report",
            "year-end",
            "--year",
            "2025",
            "--district",
            "梁溪区",
        ])
        .json();
    assert_eq!(report["hardship.open.deep"], 1);
    assert_eq!(report["records.no_district"], 0);
}

#[test]
fn a_district_report_says_how_many_records_have_no_district() {
    let env = office();
    // Both people of the office have no district: a district's report leaves them out, and says so.
    let report = env
        .run(&[
            "--format",
            "json",
            "report",
            "year-end",
            "--year",
            "2026",
            "--district",
            "梁溪区",
        ])
        .json();
    assert_eq!(report["records.no_district"], 2);
    let whole = env
        .run(&["--format", "json", "report", "year-end", "--year", "2026"])
        .json();
    assert!(whole.get("records.no_district").is_none(), "{whole}");
    let r = env.run(&[
        "report",
        "payouts",
        "--year",
        "2026",
        "--by",
        "category",
        "--district",
        "梁溪区",
    ]);
    r.ok();
    assert_eq!(
        r.stderr,
        "警告：2 条人员、工作室、企业记录没有所属地区，不计入任何地区的统计（union init --district 设定本库地区，或 union edit 补上）\n"
    );
    // A payout file that names the district completes the person on file without one; one on
    // file is never replaced.
    env.write(
        "p.csv",
        &format!(
            "身份证号,姓名,类别,金额,发放日期,凭证号,所属地区\n{0},陈静,体检,300,2026-03-01,FL-3,梁溪区\n{0},陈静,疗休养,300,2026-03-02,FL-4,锡山区\n",
            id(2)
        ),
    );
    env.run(&["import", "payouts", "p.csv"]).ok();
    assert_eq!(person(&env, 2)["district"], "梁溪区");
    let report = env
        .run(&[
            "--format",
            "json",
            "report",
            "year-end",
            "--year",
            "2026",
            "--district",
            "梁溪区",
        ])
        .json();
    assert_eq!(report["records.no_district"], 1);
}

#[test]
fn summaries_and_the_batch_list_count_every_record_written() {
    let env = office();
    // A roster row that adds an honour to a person on file and changes the person.
    env.write(
        "r.csv",
        &format!(
            "姓名,身份证号,工作单位,荣誉称号,获评年份\n陈静,{},无锡公交,全国五一劳动奖章,2020\n",
            id(2)
        ),
    );
    let r = env.run(&["import", "people", "r.csv"]);
    r.ok();
    assert_eq!(
        r.stdout,
        "读取 1 行：新增 1，更新 0，未变 0，不合格 0，跳过 0；批次 3\n写入记录：人员 更新 1；荣誉 新增 1\n"
    );
    let r = env.run(&["--lang", "en", "import", "people", "r.csv"]);
    r.ok();
    assert_eq!(
        r.stdout,
        "read 1 row: 0 added, 0 updated, 1 unchanged, 0 refused, 0 skipped; batch 4\n"
    );
    let b = &env.run(&["--format", "json", "batches"]).json()[2];
    assert_eq!(
        (b["added"].clone(), b["updated"].clone()),
        (1.into(), 1.into())
    );
    // Undo puts both back.
    env.run(&["undo", "4"]).ok();
    env.run(&["undo", "3"])
        .ok()
        .stdout_has("删除 1 条新增记录，恢复 1 条被修改或删除的记录");
}

/// Every export of `db` (unmasked), each as its CSV rows without the internal 编号 column,
/// sorted: the records, whatever their internal numbers.
fn exports(env: &Env, db: &str, tag: &str) -> Vec<(String, Vec<String>)> {
    EXPORT_ORDER
        .iter()
        .map(|(kind, _)| {
            let file = format!("{tag}-{kind}.csv");
            env.run(&["--db", db, "--unmask", "export", kind, "-o", &file])
                .ok();
            let text = std::fs::read_to_string(env.path(&file)).expect("export");
            let mut lines: Vec<String> = text
                .trim_start_matches('\u{feff}')
                .lines()
                .map(|l| match l.split_once(',') {
                    Some((first, rest)) if text.starts_with("\u{feff}编号") => {
                        let _ = first;
                        rest.to_string()
                    }
                    _ => l.to_string(),
                })
                .collect();
            let header = lines.remove(0);
            lines.sort();
            lines.insert(0, header);
            (kind.to_string(), lines)
        })
        .collect()
}

/// Each export and the import that reads it back, parents before children.
const EXPORT_ORDER: [(&str, &str); 9] = [
    ("people", "people"),
    ("honours", "people"),
    ("enterprises", "enterprises"),
    ("agreements", "agreements"),
    ("studios", "studios"),
    ("namings", "studios"),
    ("studio-results", "studio-results"),
    ("hardship", "hardship"),
    ("payouts", "payouts"),
];

#[test]
fn every_export_imports_back_into_an_empty_database_as_the_same_records() {
    let env = Env::new();
    env.run(&["demo", "demo.db"]).ok();
    // A naming with its one-time subsidy, so that the payouts export holds one (worker studios
    // are paid one once the parameter lists them).
    env.run(&[
        "--db",
        "demo.db",
        "policy",
        "set",
        "subsidy.studio.kinds",
        "劳模创新工作室,职工创新工作室",
        "--from",
        "2026-01-01",
    ])
    .ok();
    env.run(&[
        "--db",
        "demo.db",
        "studio",
        "name",
        "韩雪职工创新工作室",
        "--level",
        "city",
        "--date",
        "2026-06-02",
        "--force",
        "--reason",
        "测试",
    ])
    .ok();
    let before = exports(&env, "demo.db", "a");
    assert!(
        before
            .iter()
            .any(|(k, rows)| k == "payouts" && rows.iter().any(|r| r.contains("工作室补贴"))),
        "no subsidy exported"
    );
    env.run(&["--db", "copy.db", "init"]).ok();
    // Parameters are the office's, not records: the copy lists the worker studios too, or the
    // worker studio's subsidy is refused (rule 5).
    env.run(&[
        "--db",
        "copy.db",
        "policy",
        "set",
        "subsidy.studio.kinds",
        "劳模创新工作室,职工创新工作室",
        "--from",
        "2026-01-01",
    ])
    .ok();
    for (kind, import) in EXPORT_ORDER {
        let r = env.run(&[
            "--db",
            "copy.db",
            "import",
            import,
            &format!("a-{kind}.csv"),
        ]);
        assert_eq!(r.code, 0, "{kind}: {}\n{}", r.stdout, r.stderr);
        assert!(r.stdout.contains("不合格 0"), "{kind}: {}", r.stdout);
    }
    let after = exports(&env, "copy.db", "b");
    for ((kind, a), (_, b)) in before.iter().zip(&after) {
        assert_eq!(a, b, "{kind}");
    }
    // Importing the exports again changes nothing.
    for (kind, import) in EXPORT_ORDER {
        env.run(&[
            "--db",
            "copy.db",
            "import",
            import,
            &format!("a-{kind}.csv"),
        ])
        .ok()
        .stdout_has("新增 0，更新 0");
    }
    env.run(&["--db", "copy.db", "log", "--verify"]).ok();
}

#[test]
fn a_subsidy_row_imports_only_with_its_naming_and_only_once() {
    let env = office();
    env.write(
        "s.csv",
        &format!("工作室名称,类型,领衔人身份证号,领衔人,命名级别,命名日期\n陈静劳模创新工作室,劳模创新工作室,{},陈静,市级,2024-05-20\n", id(2)),
    );
    env.run(&["import", "studios", "s.csv"]).ok();
    let header = "受领人,身份证号,类别,金额,发放日期\n";
    env.write(
        "a.csv",
        &format!("{header}陈静劳模创新工作室,,工作室补贴,20000,2024-05-20\n"),
    );
    env.run(&["import", "payouts", "a.csv"])
        .ok()
        .stdout_has("新增 1");
    env.run(&["import", "payouts", "a.csv"])
        .ok()
        .stdout_has("新增 0，更新 0，未变 1");
    env.run(&["check", "payouts", "--year", "2024"]).ok();
    // Not the standard amount; no naming that day; a second one for the naming.
    env.write(
        "b.csv",
        &format!(
            "{header}陈静劳模创新工作室,,工作室补贴,30000,2024-05-20\n陈静劳模创新工作室,,工作室补贴,20000,2024-05-21\n没有的工作室,,工作室补贴,20000,2024-05-20\n"
        ),
    );
    let r = env.run(&["import", "payouts", "b.csv"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "b.csv 第2行 “金额”列 值“30000”：规则5：工作室补贴应为命名级别的标准20000.00元\n\
         b.csv 第3行 “发放日期”列 值“2024-05-21”：该工作室在这一天没有命名记录：一次性补贴随命名发放，请先导入命名\n\
         b.csv 第4行 “受领人”列 值“没有的工作室”：工作室未登记：请先导入工作室\n\
         有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
    );
    // A subsidy row with an ID number is a person's payout in the wrong category.
    env.write(
        "c.csv",
        &format!("{header}陈静,{},工作室补贴,20000,2024-05-20\n", id(2)),
    );
    env.run(&["import", "payouts", "c.csv"])
        .code(1)
        .stderr_has("工作室补贴的对象是工作室：身份证号留空");
}

#[test]
fn a_leader_transferred_out_is_recorded_with_the_date_and_studio_check_warns() {
    let env = office();
    env.write(
        "s.csv",
        &format!(
            "工作室名称,类型,领衔人身份证号,领衔人\n陈静劳模创新工作室,劳模创新工作室,{},陈静\n",
            id(2)
        ),
    );
    env.run(&["import", "studios", "s.csv"]).ok();
    // 调离 needs its date, and a date of transfer needs 调离.
    let r = env.run(&["edit", "people", &id(2), "状态=调离"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        format!(
            "未修改“{}”：\n  “状态”列 值“调离”：状态为“调离”，须填写调离日期\n",
            id(2)
        )
    );
    let r = env.run(&["edit", "people", &id(2), "调离日期=2026-03-01"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        format!(
            "未修改“{}”：\n  “状态”列 值“在职”：状态为“在职”，但填写了调离日期\n",
            id(2)
        )
    );
    env.run(&["edit", "people", &id(2), "状态=调离", "调离日期=2026-03-01"])
        .ok();
    let p = person(&env, 2);
    assert_eq!(
        (p["status"].clone(), p["transferred_on"].clone()),
        ("调离".into(), "2026-03-01".into())
    );
    let check = |date: &str| {
        env.run(&["--format", "json", "studio", "check", "--date", date])
            .json()[0]["warnings"]
            .clone()
    };
    assert_eq!(check("2026-02-28"), "");
    assert_eq!(check("2026-03-01"), "领衔人已调离");
    // A roster row gives the date, and the status follows from it.
    env.write(
        "t.csv",
        &format!("姓名,身份证号,调离日期\n周建华,{},2025-01-01\n", id(1)),
    );
    env.run(&["import", "people", "t.csv"]).code(1).stderr_has("t.csv 第2行 “状态”列 值“”：状态为“调离”，但已登记去世日期 2024-05-01；如系误录，请用 union edit people 身份证号 状态=… --clear 去世日期 改正");
}

#[test]
fn two_edits_of_one_record_at_once_both_land() {
    use std::process::Stdio;
    let env = office();
    let key = id(2);
    for round in 0..6 {
        let mobile = format!("1390000000{round}");
        let unit = format!("单位{round}");
        let spawn = |arg: &str| {
            env.command(&["edit", "people", &key, arg])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn")
        };
        let a = spawn(&format!("手机号={mobile}"));
        let b = spawn(&format!("工作单位={unit}"));
        assert!(a.wait_with_output().expect("wait").status.success());
        assert!(b.wait_with_output().expect("wait").status.success());
        let p = env
            .run(&["--unmask", "--format", "json", "people", "show", &key])
            .json();
        assert_eq!(
            (p["mobile"].clone(), p["work_unit"].clone()),
            (mobile.into(), unit.into()),
            "round {round}"
        );
    }
    env.run(&["log", "--verify"]).ok();
}

#[test]
fn a_naming_corrected_moved_or_deleted_takes_its_subsidy_along() {
    let env = office();
    env.write(
        "s.csv",
        &format!(
            "工作室名称,类型,领衔人身份证号,领衔人\n陈静劳模创新工作室,劳模创新工作室,{},陈静\n",
            id(2)
        ),
    );
    env.run(&["import", "studios", "s.csv"]).ok();
    env.run(&[
        "studio",
        "name",
        "陈静劳模创新工作室",
        "--level",
        "city",
        "--date",
        "2026-05-20",
        "--force",
        "--reason",
        "测试",
    ])
    .ok();
    let naming = || {
        env.run(&["--format", "json", "studios", "show", "陈静劳模创新工作室"])
            .json()["namings"][0]
            .clone()
    };
    let subsidy = || {
        env.run(&[
            "--format",
            "json",
            "payouts",
            "list",
            "--category",
            "studio_subsidy",
        ])
        .json()
    };
    let number = naming()["id"].as_i64().unwrap().to_string();
    // The date corrected: the subsidy moves with it, and the naming keeps its number.
    let r = env.run(&["edit", "namings", &number, "命名日期=2026-05-21"]);
    r.ok();
    assert_eq!(naming()["id"].as_i64().unwrap().to_string(), number);
    assert_eq!(subsidy()[0]["paid_on"], "2026-05-21");
    env.run(&["check", "payouts", "--year", "2026"]).ok();
    // Another level, with a subsidy paid: refused.
    let r = env.run(&["edit", "namings", &number, "命名级别=区级"]);
    r.code(1);
    assert_eq!(
        r.stderr,
        format!("未修改“{number}”：这次命名已发一次性补贴，不能改级别；请撤销（union undo）或删除这次命名后重新命名\n")
    );
    // A ledger that corrects the date back moves it back too.
    env.write(
        "n.csv",
        &format!("工作室名称,类型,领衔人身份证号,命名级别,命名日期\n陈静劳模创新工作室,劳模创新工作室,{},市级,2026-05-20\n", id(2)),
    );
    env.run(&["import", "studios", "n.csv"]).ok();
    assert_eq!(subsidy()[0]["paid_on"], "2026-05-20");
    // Deleted, the naming takes its subsidy; undone, both come back.
    env.run(&["delete", "namings", &number])
        .ok()
        .stdout_has("共 2 条记录");
    assert_eq!(subsidy().as_array().unwrap().len(), 0);
    env.run(&["undo", "7"]).ok();
    assert_eq!(subsidy().as_array().unwrap().len(), 1);
    env.run(&["log", "--verify"]).ok();

    // A subsidy whose naming is gone (as an earlier version could leave) is flagged, and can
    // then be deleted on its own.
    env.sql("UPDATE payouts SET paid_on = '2026-05-19' WHERE category = 'studio_subsidy'");
    let r = env.run(&["--format", "json", "check", "payouts", "--year", "2026"]);
    r.code(1);
    assert_eq!(
        r.json()[0]["violation"],
        "规则5：发放日该工作室没有命名记录（命名已删除或日期已改）：补贴随命名发放；核实后删除这笔补贴或补录命名"
    );
    let orphan = subsidy()[0]["id"].as_i64().unwrap().to_string();
    // The orphan was made by hand: union writes over it only once the change is accepted.
    env.run(&["delete", "payouts", &orphan]).code(2);
    env.run(&["log", "--accept", "--reason", "孤立补贴系手工造成，已核实"])
        .ok();
    env.run(&["delete", "payouts", &orphan]).ok();
}

#[test]
fn the_awarding_body_where_given_tells_two_honours_of_one_title_apart() {
    let env = Env::new();
    env.run(&["init"]).ok();
    let a = id(8);
    env.write(
        "a.csv",
        &format!(
            "姓名,身份证号,荣誉称号,获评年份,授予机关\n\
             王五,{a},市劳动模范,2015,无锡市人民政府\n\
             王五,{a},市劳动模范,2015,江阴市人民政府\n"
        ),
    );
    env.run(&["import", "people", "a.csv"])
        .ok()
        .stdout_has("新增 2");
    let honours = || env.run(&["--format", "json", "people", "show", &a]).json()["honours"].clone();
    assert_eq!(honours().as_array().unwrap().len(), 2);
    // A row without the awarding body is one of them, not a third.
    env.write(
        "b.csv",
        &format!("姓名,身份证号,荣誉称号,获评年份\n王五,{a},市劳动模范,2015\n"),
    );
    env.run(&["import", "people", "b.csv"])
        .ok()
        .stdout_has("未变 1");
    assert_eq!(honours().as_array().unwrap().len(), 2);
    // An honour on file without one is completed by a row that gives it.
    let c = id(9);
    env.write(
        "c.csv",
        &format!("姓名,身份证号,荣誉称号,获评年份\n赵六,{c},省劳动模范,2016\n"),
    );
    env.run(&["import", "people", "c.csv"]).ok();
    env.write(
        "d.csv",
        &format!(
            "姓名,身份证号,荣誉称号,获评年份,授予机关\n赵六,{c},省劳动模范,2016,江苏省人民政府\n"
        ),
    );
    env.run(&["import", "people", "d.csv"])
        .ok()
        .stdout_has("更新 1");
    let h = env.run(&["--format", "json", "people", "show", &c]).json()["honours"].clone();
    assert_eq!(h.as_array().unwrap().len(), 1);
    assert_eq!(h[0]["awarded_by"], "江苏省人民政府");
}
