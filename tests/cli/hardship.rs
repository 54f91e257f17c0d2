//! Hardship files per family (issue 14, point 6): one open file per person and per household
//! (户号), a reason for every closing, the yearly review, the type held against the family's
//! income and the dated 低保 standard, and `hardship.open` counting people.

use crate::harness::*;

/// A fictitious valid ID number, numbered.
const HEADER: &str =
    "身份证号,姓名,困难类型,建档日期,脱困日期,退出原因,户号,复核日期,家庭年收入,刚性支出,家庭人口";

fn env_with(rows: &[String]) -> (Env, Run) {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.write("h.csv", &format!("{HEADER}\n{}", rows.join("\n")));
    let r = env.run(&["import", "hardship", "h.csv"]);
    (env, r)
}

#[test]
fn a_closing_needs_its_reason_a_family_one_file_and_the_type_its_income() {
    let (env, r) = env_with(&[
        format!("{},甲,深度困难,2024-03-15,,,LX-1,,30000,0,3", id(1)),
        format!("{},乙,相对困难,2023-01-01,2025-01-31,,LX-2,,,,", id(2)),
        // The same household typed in lower case and full width.
        format!("{},丙,相对困难,2024-06-01,,,ｌｘ－1,,,,", id(3)),
        format!("{},丁,相对困难,2024-06-01,,,,,30000,0,3", id(4)),
        format!("{},戊,深度困难,2024-06-01,,脱困,,,,,", id(5)),
        format!("{},己,相对困难,2024-06-01,,,,,30000,,", id(6)),
        format!("{},庚,相对困难,2024-06-01,,,,2024-05-31,,,", id(7)),
        format!("{},辛,相对困难,2024-06-01,,,,2024-06-01,,,", id(8)),
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "读取 8 行：不合格 6，跳过 0；未写入任何记录\n",
            "h.csv 第3行 “退出原因”列 值“”：填写了脱困日期，须写明退出原因（脱困、退休、调离、死亡、不再符合）\n\
             h.csv 第4行 “建档日期”列 值“2024-06-01”：同一户号的 甲* 已有未脱困的困难档案（建档日期 2024-03-15）：一户只建一份档案\n\
             h.csv 第5行 “困难类型”列 值“相对困难”：与家庭收入不符：扣除刚性支出后人均月收入 833.33 元，按收入应为“深度困难”（hardship.dibao_monthly = 1000.00（自1900-01-01起，默认值（来源未载明，请按本地文件设置））；低于1倍为深度困难，低于2倍为相对困难）\n\
             h.csv 第6行 “脱困日期”列 值“”：写了退出原因，但没有脱困日期\n\
             h.csv 第7行 “家庭人口”列 值“”：家庭年收入与家庭人口须一起填写（家庭人口至少1人）\n\
             h.csv 第8行 “复核日期”列 值“2024-05-31”：复核日期早于建档日期\n\
             有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
        )
    );
    let r = env.run(&["--lang", "en", "import", "hardship", "h.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "h.csv row 3, column \"退出原因\", value \"\": a closing date needs its reason (退出原因: 脱困, 退休, 调离, 死亡, 不再符合)\n\
             h.csv row 4, column \"建档日期\", value \"2024-06-01\": 甲* of the same household already has an open hardship file (opened on 2024-03-15): one file per household\n\
             h.csv row 5, column \"困难类型\", value \"相对困难\": contradicts the family's income: 833.33 yuan per person per month after rigid expenses gives \"Deep hardship\" (hardship.dibao_monthly = 1000.00 (from 1900-01-01, a default no source states (set it from your local documents)); below 1× deep, below 2× relative)\n\
             h.csv row 6, column \"脱困日期\", value \"\": an exit reason is given without a closing date\n\
             h.csv row 7, column \"家庭人口\", value \"\": the family's yearly income and its size go together (a size of 1 at least)\n\
             h.csv row 8, column \"复核日期\", value \"2024-05-31\": the review date is before the file was opened\n\
             rows were refused, so nothing was written (fix them and import again, or use --skip-invalid to import the valid rows)\n"
        )
    );
}

#[test]
fn one_open_file_per_person_and_the_open_count_is_of_people() {
    let (env, r) = env_with(&[
        format!("{},甲,深度困难,2024-03-15,,,,,,,", id(1)),
        format!("{},乙,相对困难,2023-01-01,2025-01-31,脱困,,,,,", id(2)),
        format!("{},乙,相对困难,2025-06-01,,,,,,,", id(2)),
    ]);
    r.ok();
    // A second open file for 甲 is refused, naming the open one.
    env.write(
        "again.csv",
        &format!("{HEADER}\n{},甲,意外致困,2025-02-01,,,,,,,", id(1)),
    );
    let r = env.run(&["import", "hardship", "again.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "again.csv 第2行 “建档日期”列 值“2025-02-01”：此人已有未脱困的困难档案（建档日期 2024-03-15）：一人同时只能有一份在档档案，请先办理脱困或修改那一份\n\
             有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
        )
    );
    let r = env.run(&["--format", "json", "report", "year-end", "--year", "2025"]);
    let y = r.json();
    let pick = |k: &str| y[k].to_string();
    assert_eq!(
        [
            "hardship.open",
            "hardship.opened",
            "hardship.closed",
            "hardship.open.deep",
            "hardship.open.relative"
        ]
        .map(pick),
        ["2", "1", "1", "1", "1"]
    );
}

#[test]
fn files_due_for_review_twelve_months_after_the_last() {
    let (env, r) = env_with(&[
        format!("{},甲,深度困难,2024-03-15,,,,,,,", id(1)),
        format!("{},乙,相对困难,2023-01-01,,,,2025-03-16,,,", id(2)),
        format!("{},丙,相对困难,2023-01-01,2024-01-31,不再符合,,,,,", id(3)),
    ]);
    r.ok();
    // 甲 opened 2024-03-15, never reviewed: due from 2025-03-15, not the day before.
    let review = |lang: &str, date: &str| {
        env.run(&[
            "--lang", lang, "--format", "csv", "hardship", "review", "--due", "--date", date,
        ])
    };
    let r = review("zh", "2025-03-14");
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "编号,姓名,身份证号,所属地区,困难类型,建档日期,脱困日期,致困原因,户号,退出原因,复核日期\n",
            "到期未复核的困难档案：0 份（截至 2025-03-14；hardship.review_months = 12（自1900-01-01起，默认值（来源未载明，请按本地文件设置）））\n"
        )
    );
    let r = review("zh", "2025-03-15");
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "编号,姓名,身份证号,所属地区,困难类型,建档日期,脱困日期,致困原因,户号,退出原因,复核日期\n\
             1,甲,320102********0011,,深度困难,2024-03-15,,,,,\n"
        )
    );
    // 乙 reviewed 2025-03-16: due again from 2026-03-16.
    let r = review("en", "2026-03-16");
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "ID,Name,ID number,District,Type,Opened on,Closed on,Cause,Household,Exit reason,Reviewed on\n\
             2,乙,320102********002X,,Relative hardship,2023-01-01,,,,,2025-03-16\n\
             1,甲,320102********0011,,Deep hardship,2024-03-15,,,,,\n",
            "hardship files due for review: 2 (as of 2026-03-16; hardship.review_months = 12 (from 1900-01-01, a default no source states (set it from your local documents)))\n"
        )
    );
}

// ---------------------------------------------------------------- rosters as the policy says

#[test]
fn the_festival_roster_visits_those_out_of_hardship_within_the_grace() {
    let (env, r) = env_with(&[
        format!("{},甲,深度困难,2020-03-15,2025-01-15,脱困,,,,,", id(1)),
        format!("{},乙,相对困难,2020-03-15,2025-01-14,脱困,,,,,", id(2)),
        format!("{},丙,相对困难,2020-03-15,2025-12-31,调离,,,,,", id(3)),
        format!("{},丁,相对困难,2020-03-15,2025-12-31,不再符合,,,,,", id(4)),
    ]);
    r.ok();
    // 12 months of grace: 甲 closed 2025-01-15 is visited up to 2026-01-15, 乙 up to the 14th.
    // The grace follows a closing out of hardship (脱困) only: 丙 transferred away and 丁 no
    // longer eligible are not visited, however recent.
    let roster = |lang: &str, date: &str| {
        env.run(&[
            "--lang",
            lang,
            "--unmask",
            "--format",
            "csv",
            "eligible",
            "festival-condolence",
            "--year",
            "2026",
            "--date",
            date,
        ])
    };
    let r = roster("zh", "2026-01-15");
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            format!(
                "身份证号,姓名,类别,金额(元),发放日期,凭证号,备注\n{},甲,春节慰问,,,,困难档案\n",
                id(1)
            )
            .as_str(),
            "2026年春节慰问名单：1 人（截至2026-01-15）\n"
        )
    );
    let r = roster("en", "2026-01-16");
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "id_number,name,category,amount,paid_on,voucher,note\n",
            "2026 roster for Spring Festival condolence: 0 people (as of 2026-01-16)\n"
        )
    );
}

#[test]
fn the_living_subsidy_goes_to_models_in_need_only() {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.write(
        "people.csv",
        &format!(
            "姓名,身份证号,荣誉称号\n劳模甲,{},市劳动模范\n劳模乙,{},市劳动模范\n劳模丙,{},市劳动模范",
            id(1),
            id(2),
            id(3)
        ),
    );
    env.run(&["import", "people", "people.csv"]).ok();
    // 劳模乙's file is closed but states an income under twice the standard; 劳模丙's closed
    // file states one above it.
    env.write(
        "h.csv",
        &format!(
            "{HEADER}\n{},劳模乙,相对困难,2020-01-01,2024-01-01,脱困,,,48000,6000,3\n{},劳模丙,相对困难,2020-01-01,2024-01-01,脱困,,,,,",
            id(2),
            id(3)
        ),
    );
    env.run(&["import", "hardship", "h.csv"]).ok();
    env.write(
        "pay.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期\n{},无称号,劳模生活补助,500,2025-06-01\n{},劳模甲,劳模生活补助,500,2025-06-01\n{},劳模乙,劳模生活补助,500,2025-06-01\n{},劳模丙,劳模生活补助,500,2025-06-01",
            id(9),
            id(1),
            id(2),
            id(3)
        ),
    );
    let r = env.run(&["import", "payouts", "pay.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "pay.csv 第2行 “类别”列 值“劳模生活补助”：规则2：劳模生活补助只发给有劳模称号的人；规则4：劳模生活补助须在发放日有在档困难档案，或档案所载家庭收入低于低保标准的两倍（hardship.dibao_monthly = 1000.00（自1900-01-01起，默认值（来源未载明，请按本地文件设置）））\n\
             pay.csv 第3行 “类别”列 值“劳模生活补助”：规则4：劳模生活补助须在发放日有在档困难档案，或档案所载家庭收入低于低保标准的两倍（hardship.dibao_monthly = 1000.00（自1900-01-01起，默认值（来源未载明，请按本地文件设置）））\n\
             pay.csv 第5行 “类别”列 值“劳模生活补助”：规则4：劳模生活补助须在发放日有在档困难档案，或档案所载家庭收入低于低保标准的两倍（hardship.dibao_monthly = 1000.00（自1900-01-01起，默认值（来源未载明，请按本地文件设置）））\n\
             有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
        )
    );
    let r = env.run(&["--lang", "en", "import", "payouts", "pay.csv"]);
    assert_eq!(
        (r.code, r.stderr.lines().next()),
        (
            1,
            Some("pay.csv row 2, column \"类别\", value \"劳模生活补助\": rule 2: the model living subsidy (劳模生活补助) goes to holders of a model title only; rule 4: the model living subsidy (劳模生活补助) needs a hardship file open on the payment date, or a family income on file under twice the 低保 standard (hardship.dibao_monthly = 1000.00 (from 1900-01-01, a default no source states (set it from your local documents)))")
        )
    );
    // The roster lists the model in need by income.
    let r = env.run(&[
        "--unmask",
        "--format",
        "csv",
        "eligible",
        "living-subsidy",
        "--year",
        "2025",
        "--date",
        "2025-06-01",
    ]);
    assert_eq!(
        r.stdout,
        format!(
            "身份证号,姓名,类别,金额(元),发放日期,凭证号,备注\n{},劳模乙,劳模生活补助,,,,市劳动模范\n",
            id(2)
        )
    );
}

/// Income columns headed in 万元 are read ×10,000 (as `金额(万元)` is): 4.8万 a year less 6,000
/// for three people is 1,166.66 a month each, 相对困难; 12万 for two people is not 深度困难. A
/// unit other than 元 or 万元 is refused naming the column. Pinned in both languages.
#[test]
fn income_in_wan_yuan_is_read_in_wan_yuan() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        let mut t = Transcript::new(&env, lang);
        env.write(
            "wan.csv",
            &format!(
                "身份证号,姓名,困难类型,建档日期,家庭年收入（万元）,刚性支出(元),家庭人口\n\
                 {},杨光,相对困难,2026-01-05,4.8,6000,3\n\
                 {},何军,深度困难,2026-01-05,12,0,2",
                id(1),
                id(2)
            ),
        );
        env.write(
            "dollars.csv",
            &format!(
                "身份证号,姓名,困难类型,建档日期,家庭年收入（美元）,家庭人口\n{},杨光,相对困难,2026-01-05,4.8,3",
                id(1)
            ),
        );
        t.step(&["init"]);
        t.step(&["import", "hardship", "wan.csv"]);
        t.step(&["import", "hardship", "dollars.csv"]);
        t.pin("hardship_income_wan");
    }
}
