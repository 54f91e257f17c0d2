//! Reports and export: every year-end key on a small ledger whose answers are worked out by hand
//! below, the published figures of the source reports rebuilt from record-level data, the other
//! reports, and exports read back by real readers (calamine, encoding_rs) cell by cell.

use crate::harness::*;
use serde_json::Value;

/// A valid fictitious ID number for person `n` (0 ≤ n < 28,000), born 1970.
fn pid(n: u32) -> String {
    id_with_check(&format!(
        "3202021970{:02}{:02}{:03}",
        1 + (n / 1000 / 28) % 12,
        1 + (n / 1000) % 28,
        n % 1000
    ))
}

/// A valid fictitious credit code for enterprise `n`.
fn code(n: u32) -> String {
    credit_with_check(&format!("91320200{n:09}"))
}

fn import(env: &Env, kind: &str, name: &str, text: &str) {
    env.write(name, text);
    env.run(&["import", kind, name]).ok();
}

/// Runs `union --format json report year-end ARGS` and returns the object.
fn year_end(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json", "report", "year-end"];
    all.extend_from_slice(args);
    let v = env.run(&all).ok().json();
    assert!(v.is_object(), "{v}");
    v
}

/// The figures `keys` of `v` as text, for comparing several at once.
fn figures(v: &Value, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| match v.get(*k) {
            Some(n) => format!("{k}={n}"),
            None => panic!("no key {k} in {v}"),
        })
        .collect()
}

#[track_caller]
fn assert_figures(v: &Value, expected: &[(&str, &str)]) {
    let keys: Vec<&str> = expected.iter().map(|(k, _)| *k).collect();
    let want: Vec<String> = expected.iter().map(|(k, n)| format!("{k}={n}")).collect();
    assert_eq!(figures(v, &keys), want);
}

/// The small ledger every hand-worked test below uses. People (all 梁溪区 unless said):
///
/// | who | titles (year) | status |
/// |---|---|---|
/// | A 甲一 | 全国劳动模范 2010, 省劳动模范 2005 | 退休 2020-01-01 |
/// | B 乙二 | 省劳动模范 2015 | 在职 |
/// | C 丙三 | 市劳动模范 2025 | 在职 |
/// | D 丁四 | 市劳动模范 2026 | 在职 |
/// | E 戊五 | 区劳动模范 2018 | 去世 2024-05-01 |
/// | F 己六 | 区劳动模范 2019 | 去世 2026-03-01 |
/// | G 庚七 | 市劳动模范 2010, 全国五一劳动奖章 2012, 省五一劳动奖章 2011 | 在职 |
/// | H 辛八 | 省五一劳动奖章 2020 | 在职 |
/// | I 壬九 (锡山区) | 区劳动模范 2021, 市五一劳动奖章 2021 | 退休 2026-02-01 |
/// | J 癸十 | 区劳动模范 2025, 市劳动模范 2025 | 在职 |
/// | K 子十一 | 省劳动模范 (no year) | 在职 |
///
/// plus people without titles for payouts and hardship: P2 丑十二 (锡山区), P3 … P8 (P6 巳十六
/// died 2025-08-01).
fn small_ledger() -> Env {
    let env = Env::new();
    let p = |n: u32| pid(n);
    let people = format!(
        "姓名,身份证号,所属地区,状态,退休日期,去世日期,荣誉称号,获评年份\n\
         甲一,{a},梁溪区,退休,2020-01-01,,全国劳动模范,2010\n\
         甲一,{a},梁溪区,退休,2020-01-01,,省劳动模范,2005\n\
         乙二,{b},梁溪区,在职,,,省劳动模范,2015\n\
         丙三,{c},梁溪区,在职,,,市劳动模范,2025\n\
         丁四,{d},梁溪区,在职,,,市劳动模范,2026\n\
         戊五,{e},梁溪区,去世,,2024-05-01,区劳动模范,2018\n\
         己六,{f},梁溪区,去世,,2026-03-01,区劳动模范,2019\n\
         庚七,{g},梁溪区,在职,,,市劳动模范,2010\n\
         庚七,{g},梁溪区,在职,,,全国五一劳动奖章,2012\n\
         庚七,{g},梁溪区,在职,,,省五一劳动奖章,2011\n\
         辛八,{h},梁溪区,在职,,,省五一劳动奖章,2020\n\
         壬九,{i},锡山区,退休,2026-02-01,,区劳动模范,2021\n\
         壬九,{i},锡山区,退休,2026-02-01,,市五一劳动奖章,2021\n\
         癸十,{j},梁溪区,在职,,,区劳动模范,2025\n\
         癸十,{j},梁溪区,在职,,,市劳动模范,2025\n\
         子十一,{k},梁溪区,在职,,,省劳动模范,\n\
         丑十二,{p2},锡山区,在职,,,,\n\
         寅十三,{p3},梁溪区,在职,,,,\n\
         卯十四,{p4},梁溪区,在职,,,,\n\
         辰十五,{p5},梁溪区,在职,,,,\n\
         巳十六,{p6},梁溪区,去世,,2025-08-01,,\n\
         午十七,{p7},梁溪区,在职,,,,\n\
         未十八,{p8},梁溪区,在职,,,,\n",
        a = p(1),
        b = p(2),
        c = p(3),
        d = p(4),
        e = p(5),
        f = p(6),
        g = p(7),
        h = p(8),
        i = p(9),
        j = p(10),
        k = p(11),
        p2 = p(12),
        p3 = p(13),
        p4 = p(14),
        p5 = p(15),
        p6 = p(16),
        p7 = p(17),
        p8 = p(18),
    );
    import(&env, "people", "people.csv", &people);

    // Enterprises: E1–E4 梁溪区, E5–E7 锡山区; E4 has no union, E6 does not say.
    let enterprises = format!(
        "企业名称,统一社会信用代码,所属地区,是否建会,世界500强,女职工专项合同\n\
         甲公司,{},梁溪区,是,是,是\n\
         乙公司,{},梁溪区,是,是,否\n\
         丙公司,{},梁溪区,是,否,是\n\
         丁公司,{},梁溪区,否,是,否\n\
         戊公司,{},锡山区,是,否,是\n\
         己公司,{},锡山区,,,\n\
         庚公司,{},锡山区,是,否,否\n",
        code(1),
        code(2),
        code(3),
        code(4),
        code(5),
        code(6),
        code(7)
    );
    import(&env, "enterprises", "enterprises.csv", &enterprises);
    // E1 renewed mid-2025 (100 then 120 workers); E2 expired end of 2024; E3 in force from
    // the last day of 2025; E4 (no union) in force all 2025.
    let agreements = format!(
        "统一社会信用代码,生效日期,到期日期,覆盖职工人数\n\
         {e1},2023-07-01,2025-06-30,100\n\
         {e1},2025-07-01,2027-06-30,120\n\
         {e2},2022-01-01,2024-12-31,80\n\
         {e3},2025-12-31,2027-12-30,50\n\
         {e4},2025-01-01,2026-12-31,30\n",
        e1 = code(1),
        e2 = code(2),
        e3 = code(3),
        e4 = code(4)
    );
    import(&env, "agreements", "agreements.csv", &agreements);

    // Studios S1–S6 and their namings.
    let studios = format!(
        "工作室名称,类型,领衔人身份证号,领衔人,所属地区,成立日期,团队人数,命名级别,命名日期,批次\n\
         S1,劳模创新工作室,{b},乙二,梁溪区,2015-01-01,6,区级,2019-05-01,1\n\
         S1,劳模创新工作室,{b},乙二,梁溪区,2015-01-01,6,市级,2020-06-01,4\n\
         S1,劳模创新工作室,{b},乙二,梁溪区,2015-01-01,6,市级示范性,2022-06-01,2\n\
         S2,劳模创新工作室,{a},甲一,梁溪区,2015-01-01,6,市级,2018-05-01,3\n\
         S2,劳模创新工作室,{a},甲一,梁溪区,2015-01-01,6,省级示范性,2025-03-01,4\n\
         S3,劳模创新工作室,{g},庚七,锡山区,2015-01-01,6,区级,2025-04-01,2\n\
         S4,劳模创新工作室,{k},子十一,锡山区,2015-01-01,6,市级,2016-05-01,2\n\
         S5,职工创新工作室,{j},癸十,梁溪区,2015-01-01,6,区级,2020-01-01,\n\
         S6,劳模创新工作室,{h},辛八,梁溪区,2015-01-01,6,市级,2026-05-01,6\n",
        a = p(1),
        b = p(2),
        g = p(7),
        h = p(8),
        j = p(10),
        k = p(11),
    );
    import(&env, "studios", "studios.csv", &studios);
    import(
        &env,
        "studio-results",
        "results.csv",
        "工作室名称,年份,创新课题,解决技术难题,技术改造,授权专利,发明专利,培训人次,提升技术等级人数,经济效益(万元)\n\
         S1,2025,3,2,1,4,1,50,5,12.5\n\
         S3,2025,1,1,1,1,0,10,1,0.35\n\
         S1,2024,100,100,100,100,10,1000,100,99\n",
    );

    let hardship = format!(
        "身份证号,姓名,困难类型,建档日期,脱困日期,退出原因\n\
         {},寅十三,深度困难,2024-03-01,,\n\
         {},卯十四,相对困难,2025-02-01,2025-10-01,脱困\n\
         {},辰十五,意外致困,2025-06-01,,\n\
         {},巳十六,深度困难,2023-01-01,,\n\
         {},午十七,相对困难,2026-01-05,,\n\
         {},未十八,深度困难,2022-05-01,2026-02-01,退休\n",
        p(13),
        p(14),
        p(15),
        p(16),
        p(17),
        p(18)
    );
    import(&env, "hardship", "hardship.csv", &hardship);

    let payouts = format!(
        "身份证号,姓名,类别,金额(元),发放日期,凭证号,备注\n\
         {a},甲一,劳模荣誉津贴,3000,2025-03-01,V1,\n\
         {a},甲一,春节慰问,500,2024-10-31,V2,\n\
         {a},甲一,春节慰问,500,2025-01-20,V3,\n\
         {p2},丑十二,春节慰问,500,2025-01-20,V4,\n\
         {p2},丑十二,体检,300,2025-04-01,V5,\n\
         {p2},丑十二,医疗互助,1234.56,2025-06-01,V6,=1+2\n\
         {p3},寅十三,困难帮扶,2000,2025-05-01,V7,+86\n\
         {p3},寅十三,困难帮扶,1500,2025-11-01,V8,@SUM(A1)\n\
         {a},甲一,送清凉,200,2026-07-01,V9,-5\n",
        a = p(1),
        p2 = p(12),
        p3 = p(13),
    );
    import(&env, "payouts", "payouts.csv", &payouts);

    // No command records revocations or studio subsidies from a file (they come from `studio
    // revoke` and `studio name`): put them in directly.
    env.sql(
        "INSERT INTO studio_revocations (studio_id, revoked_on, case_no)
           SELECT id, '2025-08-01', 2 FROM studios WHERE name = 'S4';
         INSERT INTO payouts (studio_id, category, amount, paid_on)
           SELECT id, 'studio_subsidy', 2000000, '2025-03-15' FROM studios WHERE name = 'S2';
         INSERT INTO payouts (studio_id, category, amount, paid_on)
           SELECT id, 'studio_subsidy', 4000000, '2024-07-01' FROM studios WHERE name = 'S1';",
    );
    env
}

#[test]
fn models_and_medals_by_highest_level_of_the_living() {
    let env = small_ledger();
    // 2025: national A; provincial B, K (no year: held); city C, G, J (J once, at city);
    // district F (dies 2026), I; E died 2024; D's title is 2026. New: C, J. Retired: A (I
    // retires 2026). Medals: G national (once), H provincial, I city.
    assert_figures(
        &year_end(&env, &["--year", "2025"]),
        &[
            ("models.total", "8"),
            ("models.national", "1"),
            ("models.provincial", "2"),
            ("models.city", "3"),
            ("models.district", "2"),
            ("models.city_and_above", "6"),
            ("models.new", "2"),
            ("models.retired", "1"),
            ("medals.national", "1"),
            ("medals.provincial", "1"),
            ("medals.city", "1"),
        ],
    );
    // 2026: D becomes city and new; F has died; I has retired.
    assert_figures(
        &year_end(&env, &["--year", "2026"]),
        &[
            ("models.total", "8"),
            ("models.national", "1"),
            ("models.provincial", "2"),
            ("models.city", "4"),
            ("models.district", "1"),
            ("models.city_and_above", "7"),
            ("models.new", "1"),
            ("models.retired", "2"),
        ],
    );
    // 锡山区: only I.
    assert_figures(
        &year_end(&env, &["--year", "2025", "--district", "锡山区"]),
        &[
            ("models.total", "1"),
            ("models.district", "1"),
            ("models.city_and_above", "0"),
            ("medals.national", "0"),
            ("medals.city", "1"),
        ],
    );
}

#[test]
fn studios_by_current_level_namings_batches_revocations_results() {
    let env = small_ledger();
    // At the end of 2025: S1 city-demo, S2 provincial-demo, S3 and S5 district, S4 revoked,
    // S6 not yet named. Namings in 2025: S3 district, S2 provincial-demo. Batches up to 2025:
    // district 1, 2 and S5's unnumbered one = 3; city 4, 3, 2 = 3 (S6's 6 is 2026); demo 2;
    // provincial demo 4. Results of 2025: S1 + S3. Subsidy: S2's 20,000 (S1's was 2024).
    assert_figures(
        &year_end(&env, &["--year", "2025"]),
        &[
            ("studios.district", "2"),
            ("studios.city", "0"),
            ("studios.city_demo", "1"),
            ("studios.provincial_demo", "1"),
            ("studios.national", "0"),
            ("studios.named.district", "1"),
            ("studios.named.city", "0"),
            ("studios.named.city_demo", "0"),
            ("studios.named.provincial_demo", "1"),
            ("studios.batches.district", "3"),
            ("studios.batches.city", "3"),
            ("studios.batches.city_demo", "1"),
            ("studios.batches.provincial_demo", "1"),
            ("studios.batches.national", "0"),
            ("studios.revoked", "1"),
            ("studios.results.topics", "4"),
            ("studios.results.problems_solved", "3"),
            ("studios.results.tech_improvements", "2"),
            ("studios.results.patents", "5"),
            ("studios.results.invention_patents", "1"),
            ("studios.results.trained", "60"),
            ("studios.results.upgraded", "6"),
            ("studios.results.economic_benefit", "128500.00"),
            ("studios.subsidy_amount", "20000.00"),
        ],
    );
    // At the end of 2024 S4 (revoked 2025) is still city; S2 city; S3 not named yet.
    assert_figures(
        &year_end(&env, &["--year", "2024"]),
        &[
            ("studios.district", "1"),
            ("studios.city", "2"),
            ("studios.city_demo", "1"),
            ("studios.provincial_demo", "0"),
            ("studios.revoked", "0"),
            ("studios.results.topics", "100"),
            ("studios.subsidy_amount", "40000.00"),
        ],
    );
    // 锡山区: S3 and S4.
    assert_figures(
        &year_end(&env, &["--year", "2025", "--district", "锡山区"]),
        &[
            ("studios.district", "1"),
            ("studios.city", "0"),
            ("studios.batches.district", "1"),
            ("studios.batches.city", "1"),
            ("studios.revoked", "1"),
            ("studios.results.topics", "1"),
            ("studios.subsidy_amount", "0.00"),
        ],
    );
}

#[test]
fn agreements_coverage_over_unionised_enterprises() {
    let env = small_ledger();
    // Unionised: E1 E2 E3 E5 E7 (5). In force during 2025: E1 (renewed: latest 120 workers),
    // E3 (from 31 Dec); E2 expired 2024; E4 has no union. 2/5 = 40.0%. Women's contract: E1 E3
    // E5 = 60.0%. Fortune 500: E1 E2 E4, of which with an agreement: E1.
    assert_figures(
        &year_end(&env, &["--year", "2025"]),
        &[
            ("enterprises.total", "7"),
            ("enterprises.with_union", "5"),
            ("agreements.enterprises", "2"),
            ("agreements.coverage_rate", "40.0"),
            ("agreements.workers_covered", "170"),
            ("enterprises.fortune500", "3"),
            ("agreements.fortune500", "1"),
            ("women_contract.rate", "60.0"),
        ],
    );
    // 2024: E1 (100) and E2 (80).
    assert_figures(
        &year_end(&env, &["--year", "2024"]),
        &[
            ("agreements.enterprises", "2"),
            ("agreements.workers_covered", "180"),
            ("agreements.fortune500", "2"),
        ],
    );
    // 锡山区: E5 E6 E7, two unionised, no agreement.
    assert_figures(
        &year_end(&env, &["--year", "2025", "--district", "锡山区"]),
        &[
            ("enterprises.total", "3"),
            ("enterprises.with_union", "2"),
            ("agreements.enterprises", "0"),
            ("agreements.coverage_rate", "0.0"),
            ("women_contract.rate", "50.0"),
        ],
    );
}

#[test]
fn payouts_by_category_paid_in_the_year() {
    let env = small_ledger();
    let v = year_end(&env, &["--year", "2025"]);
    assert_figures(
        &v,
        &[
            ("payouts.honor_allowance.count", "1"),
            ("payouts.honor_allowance.people", "1"),
            ("payouts.honor_allowance.amount", "3000.00"),
            ("payouts.festival_condolence.count", "2"),
            ("payouts.festival_condolence.people", "2"),
            ("payouts.festival_condolence.amount", "1000.00"),
            ("payouts.health_check.amount", "300.00"),
            ("payouts.medical_aid.amount", "1234.56"),
            ("payouts.hardship_aid.count", "2"),
            ("payouts.hardship_aid.people", "1"),
            ("payouts.hardship_aid.amount", "3500.00"),
            ("payouts.summer_cooling.count", "0"),
            ("payouts.summer_cooling.amount", "0.00"),
            ("payouts.studio_subsidy.count", "1"),
            ("payouts.studio_subsidy.people", "1"),
            ("payouts.studio_subsidy.amount", "20000.00"),
            ("payouts.total.count", "8"),
            ("payouts.total.people", "4"),
            ("payouts.total.amount", "29034.56"),
        ],
    );
    // Every category has its three keys.
    for c in [
        "honor_allowance",
        "living_subsidy",
        "hardship_aid",
        "festival_condolence",
        "education_aid",
        "medical_aid",
        "recuperation",
        "health_check",
        "summer_cooling",
        "innovation_award",
        "studio_subsidy",
        "total",
    ] {
        for m in ["count", "people", "amount"] {
            assert!(v.get(format!("payouts.{c}.{m}")).is_some(), "{c}.{m}");
        }
    }
    // Money is an exact decimal number in the JSON text, not a float.
    env.run(&["--format", "json", "report", "year-end", "--year", "2025"])
        .ok()
        .stdout_has("\"payouts.total.amount\": 29034.56,")
        .stdout_has("\"payouts.festival_condolence.amount\": 1000.00,");
    // 锡山区: P2's three payouts.
    assert_figures(
        &year_end(&env, &["--year", "2025", "--district", "锡山区"]),
        &[
            ("payouts.total.count", "3"),
            ("payouts.total.people", "1"),
            ("payouts.total.amount", "2034.56"),
            ("payouts.studio_subsidy.amount", "0.00"),
        ],
    );
}

#[test]
fn hardship_files_open_at_year_end_of_living_people() {
    let env = small_ledger();
    // End of 2025: open P3, P5, P8 (closes 2026); P4 closed 2025; P6 died 2025; P7 opens 2026.
    assert_figures(
        &year_end(&env, &["--year", "2025"]),
        &[
            ("hardship.open", "3"),
            ("hardship.opened", "2"),
            ("hardship.closed", "1"),
            ("hardship.open.deep", "2"),
            ("hardship.open.relative", "0"),
            ("hardship.open.accident", "1"),
        ],
    );
}

#[test]
fn a_window_replaces_the_calendar_year() {
    let env = small_ledger();
    // 2025-10-01 … 2026-09-30: titles of 2026 held and new (D); F dead; A and I retired;
    // payouts V8 and V9; P7 opened; P4 and P8 closed; open P3 P5 P7; results of 2025.
    assert_figures(
        &year_end(&env, &["--from", "2025-10-01", "--to", "2026/9/30"]),
        &[
            ("models.city", "4"),
            ("models.district", "1"),
            ("models.new", "1"),
            ("models.retired", "2"),
            ("studios.named.city", "1"),
            ("studios.results.topics", "4"),
            ("payouts.total.count", "2"),
            ("payouts.total.amount", "1700.00"),
            ("hardship.open", "3"),
            ("hardship.opened", "1"),
            ("hardship.closed", "2"),
        ],
    );
    env.run(&["report", "year-end", "--from", "2025-10-01"])
        .code(2);
    env.run(&[
        "report",
        "year-end",
        "--year",
        "2025",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
    ])
    .code(2);
    env.run(&[
        "report",
        "year-end",
        "--from",
        "2026-01-01",
        "--to",
        "2025-12-31",
    ])
    .code(2)
    .stderr_has("晚于");
    env.run(&[
        "report",
        "year-end",
        "--from",
        "2026-13-01",
        "--to",
        "2026-12-31",
    ])
    .code(2)
    .stderr_has("2026-13-01");
}

#[test]
fn year_end_table_and_csv_in_chinese() {
    let env = small_ledger();
    let run = env.run(&["report", "year-end", "--year", "2025"]);
    run.ok()
        .stdout_has("2025年度统计报表（2025-01-01 至 2025-12-31）")
        .stdout_has("劳动模范")
        .stdout_has("市级以上劳模")
        .stdout_has("工资集体协商建制率(%)")
        .stdout_has("40.0")
        .stdout_has("29034.56");
    let csv = env.run(&["--format", "csv", "report", "year-end", "--year", "2025"]);
    let lines: Vec<&str> = csv.ok().stdout.lines().collect();
    assert_eq!(lines[0], "key,分类,指标,数值");
    assert!(lines.contains(&"models.city_and_above,劳动模范,市级以上劳模,6"));
    assert!(lines.contains(&"agreements.coverage_rate,工资集体协商,工资集体协商建制率(%),40.0"));
    assert!(lines.contains(&"payouts.total.amount,福利发放,合计：金额(元),29034.56"));
    // English labels, same keys.
    env.run(&[
        "--lang", "en", "--format", "csv", "report", "year-end", "--year", "2025",
    ])
    .ok()
    .stdout_has("key,Section,Figure,Value")
    .stdout_has("models.city_and_above,Labour models,City-level-or-above models,6");
}

// ---------------------------------------------------------------- the year-end workbook

/// A sheet of a workbook as rows of cells.
fn sheet_rows(
    book: &mut calamine::Xlsx<std::io::BufReader<std::fs::File>>,
    name: &str,
) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let range = book.worksheet_range(name).expect("sheet");
    assert_eq!(range.start(), Some((0, 0)), "{name} starts in A1");
    range.rows().map(|r| r.to_vec()).collect()
}

/// The workbook's parts that calamine does not read (page setup, print titles) as text.
fn xlsx_part(path: &std::path::Path, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut text).unwrap();
    text
}

/// A cell as what a reader sees: a number, text, or "" for an empty cell.
fn cell_text(d: &calamine::Data) -> String {
    match d {
        calamine::Data::Empty => String::new(),
        calamine::Data::Float(f) => format!("{f}"),
        calamine::Data::String(s) => s.clone(),
        other => format!("{other:?}"),
    }
}

/// The row of the figure `key` (the key is in the last column, F).
fn figure_row<'a>(rows: &'a [Vec<calamine::Data>], key: &str) -> &'a [calamine::Data] {
    rows.iter()
        .find(|r| r.get(5) == Some(&calamine::Data::String(key.into())))
        .unwrap_or_else(|| panic!("no row {key}"))
}

/// Columns B–E of the figure `key`: this year, the year before, the change, the change in %.
fn compared(rows: &[Vec<calamine::Data>], key: &str) -> Vec<String> {
    figure_row(rows, key)[1..5].iter().map(cell_text).collect()
}

/// Asserts the layout of a figures sheet against the JSON of the same area this year and the
/// year before: title (A1, merged across A–F) and note above the table, the headers, each
/// section once as a merged row over its figures, the label first and the key last, every
/// figure in the JSON's order with this year's and last year's values.
#[track_caller]
fn assert_figures_sheet(
    book: &mut calamine::Xlsx<std::io::BufReader<std::fs::File>>,
    sheet: &str,
    title_and_note: [&str; 2],
    headers: [&str; 6],
    sections: &[(&str, &[&str])],
    now: &Value,
    before: &Value,
) {
    let rows = sheet_rows(book, sheet);
    assert_eq!(cell_text(&rows[0][0]), title_and_note[0]);
    assert_eq!(cell_text(&rows[1][0]), title_and_note[1]);
    assert!(rows[0][1..]
        .iter()
        .chain(&rows[1][1..])
        .all(|c| *c == calamine::Data::Empty));
    assert_eq!(rows[2].iter().map(cell_text).collect::<Vec<_>>(), headers);
    let merged = book.merge_cells_by_sheet_name(sheet).expect("merged cells");
    let merged_row = |r: u32| merged.iter().any(|d| d.start == (r, 0) && d.end == (r, 5));
    assert!(
        merged_row(0) && merged_row(1),
        "title and note span the table"
    );

    // Below the headers: a section row, then its figures, key in F.
    let mut seen: Vec<(String, Vec<String>)> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (i, r) in rows.iter().enumerate().skip(3) {
        let key = cell_text(&r[5]);
        if key.is_empty() {
            assert!(merged_row(i as u32), "section row {i} is merged");
            assert!(r[1..].iter().all(|c| *c == calamine::Data::Empty));
            seen.push((cell_text(&r[0]), Vec::new()));
            continue;
        }
        let label = cell_text(&r[0]);
        assert!(!label.is_empty() && label != key, "row {i}: label first");
        let prefix = key.split('.').next().unwrap().to_string();
        let group = &mut seen.last_mut().expect("a section first").1;
        if !group.contains(&prefix) {
            group.push(prefix);
        }
        let number = |v: &Value| match &v[&key] {
            Value::Number(n) => format!("{}", n.as_f64().unwrap()),
            other => panic!("{key}: {other}"),
        };
        assert_eq!(cell_text(&r[1]), number(now), "{sheet} {key} this year");
        assert_eq!(
            cell_text(&r[2]),
            number(before),
            "{sheet} {key} a year before"
        );
        keys.push(key);
    }
    let want: Vec<(String, Vec<String>)> = sections
        .iter()
        .map(|(s, p)| (s.to_string(), p.iter().map(|p| p.to_string()).collect()))
        .collect();
    assert_eq!(seen, want, "each section once, over its figures");
    let json_keys: Vec<&String> = now.as_object().unwrap().keys().collect();
    assert_eq!(keys.iter().collect::<Vec<_>>(), json_keys);
}

/// The sections of the year-end table in Chinese and English, and the first part of the keys
/// of their figures.
const SECTIONS: &[(&str, &str, &[&str])] = &[
    ("劳动模范", "Labour models", &["models"]),
    ("五一劳动奖章", "May Day Labour Medals", &["medals"]),
    ("其他荣誉", "Other honours", &["honours"]),
    ("劳模待遇", "Model treatment", &["treatment"]),
    ("创新工作室", "Innovation studios", &["studios"]),
    (
        "工资集体协商",
        "Wage collective negotiation",
        &["enterprises", "agreements", "women_contract"],
    ),
    ("载体", "Carriers", &["carriers"]),
    (
        "基层工会与会员",
        "Base-level unions and members",
        &["unions", "members"],
    ),
    ("福利发放", "Welfare payouts", &["payouts"]),
    ("困难职工帮扶", "Hardship files", &["hardship"]),
];

/// The sections in `lang` (`zh` or `en`).
fn sections(lang: &str) -> Vec<(&'static str, &'static [&'static str])> {
    SECTIONS
        .iter()
        .map(|(zh, en, keys)| (if lang == "en" { *en } else { *zh }, *keys))
        .collect()
}

#[test]
fn year_end_workbook_for_a_leaders_desk() {
    use calamine::{open_workbook, Reader, Xlsx};
    let env = small_ledger();
    env.run(&["report", "year-end", "--year", "2025", "-o", "年终.xlsx"])
        .ok()
        .stderr_has("年终.xlsx");
    let path = env.path("年终.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("open xlsx");
    assert_eq!(book.sheet_names(), vec!["年终统计", "发放分类"]);
    let (y2025, y2024) = (
        year_end(&env, &["--year", "2025"]),
        year_end(&env, &["--year", "2024"]),
    );
    assert_figures_sheet(
        &mut book,
        "年终统计",
        [
            "2025年度统计报表（2025-01-01 至 2025-12-31）",
            "同比：与上年同期（2024-01-01 至 2024-12-31）相比；比率的增减为百分点；金额单位：元",
        ],
        ["指标", "2025年", "2024年", "增减", "增减(%)", "key"],
        &sections("zh"),
        &y2025,
        &y2024,
    );
    let rows = sheet_rows(&mut book, "年终统计");
    assert_eq!(
        rows[3].iter().map(cell_text).collect::<Vec<_>>(),
        ["劳动模范", "", "", "", "", ""]
    );
    assert_eq!(cell_text(&rows[4][0]), "劳模（在世）");
    assert_eq!(cell_text(&rows[4][5]), "models.total");
    // Worked out by hand: this year, the year before, the change, the change in percent.
    for (key, want) in [
        // 春节慰问: V3 and V4 in 2025, V2 (31 December) in 2024.
        (
            "payouts.festival_condolence.amount",
            ["1000", "500", "500", "100"],
        ),
        ("payouts.festival_condolence.count", ["2", "1", "1", "100"]),
        // 2024: V2 500 and S1's studio subsidy 40,000; −11,465.44 is −28.3 %.
        (
            "payouts.total.amount",
            ["29034.56", "40500", "-11465.44", "-28.3"],
        ),
        // S1 trained 1,000 in 2024; S1 and S3 trained 60 in 2025.
        ("studios.results.trained", ["60", "1000", "-940", "-94"]),
        // None before: no percent.
        ("studios.named.provincial_demo", ["1", "0", "1", ""]),
        // A rate: percentage points, no percent (E1 and E2 in 2024, E1 and E3 in 2025).
        ("agreements.coverage_rate", ["40", "40", "0", ""]),
    ] {
        assert_eq!(compared(&rows, key), want, "{key}");
    }

    // Number formats: thousands separators for counts and money, one decimal for rates,
    // changes signed.
    let styles = book.worksheet_style("年终统计").expect("styles");
    let row_index = |key: &str| {
        rows.iter()
            .position(|r| r.get(5) == Some(&calamine::Data::String(key.into())))
            .unwrap() as u32
    };
    let format = |key: &str, col: u32| {
        styles
            .get((row_index(key), col))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
            .unwrap_or_else(|| panic!("no number format at {key} column {col}"))
    };
    assert_eq!(format("payouts.total.amount", 1), "#,##0.00");
    assert_eq!(format("payouts.total.amount", 2), "#,##0.00");
    assert_eq!(
        format("payouts.total.amount", 3),
        "+#,##0.00;-#,##0.00;0.00"
    );
    assert_eq!(format("payouts.total.amount", 4), "+0.0;-0.0;0.0");
    assert_eq!(format("models.total", 1), "#,##0");
    assert_eq!(format("models.total", 3), "+#,##0;-#,##0;0");
    assert_eq!(format("agreements.coverage_rate", 1), "0.0");
    assert_eq!(format("agreements.coverage_rate", 3), "+0.0;-0.0;0.0");

    // Print setup, which calamine does not read: A4 portrait, one page wide, centred, margins,
    // the header row (3) on every page, the title and page number in the footer.
    let sheet = xlsx_part(&path, "xl/worksheets/sheet1.xml");
    for part in [
        r#"<pageSetUpPr fitToPage="1"/>"#,
        r#"<printOptions horizontalCentered="1"/>"#,
        r#"<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#,
        r#"<pageSetup paperSize="9" fitToHeight="0" orientation="portrait""#,
        "<oddFooter>&amp;L2025年度统计报表（2025-01-01 至 2025-12-31）&amp;R第 &amp;P 页，共 &amp;N 页</oddFooter>",
    ] {
        assert!(sheet.contains(part), "sheet1.xml lacks {part}\n{sheet}");
    }
    let workbook = xlsx_part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">年终统计!$3:$3</definedName>"#),
        "{workbook}"
    );

    // The chart of payouts by category stays.
    let cat_rows = sheet_rows(&mut book, "发放分类");
    assert_eq!(cat_rows.len(), 12, "header and 11 categories");
    assert_eq!(cell_text(&cat_rows[1][0]), "劳模荣誉津贴");
    assert_eq!(cat_rows[1][3], calamine::Data::Float(3000.0));
    let bytes = std::fs::read(&path).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"xl/charts/chart1.xml"));
}

#[test]
fn year_end_workbook_in_english_and_for_a_window() {
    use calamine::{open_workbook, Reader, Xlsx};
    let env = small_ledger();
    env.run(&[
        "--lang", "en", "report", "year-end", "--year", "2025", "-o", "ye.xlsx",
    ])
    .ok();
    let mut book: Xlsx<_> = open_workbook(env.path("ye.xlsx")).expect("open xlsx");
    assert_eq!(book.sheet_names(), vec!["Year-end", "Payouts by category"]);
    let sections = sections("en");
    assert_figures_sheet(
        &mut book,
        "Year-end",
        [
            "Year-end statistics 2025 (2025-01-01 to 2025-12-31)",
            "Change: against the same period a year before (2024-01-01 to 2024-12-31); rates change in percentage points; amounts in yuan",
        ],
        ["Figure", "2025", "2024", "Change", "Change (%)", "key"],
        &sections,
        &year_end(&env, &["--year", "2025"]),
        &year_end(&env, &["--year", "2024"]),
    );
    let rows = sheet_rows(&mut book, "Year-end");
    assert_eq!(cell_text(&rows[4][0]), "Labour models (living)");
    assert_eq!(
        compared(&rows, "payouts.total.amount"),
        ["29034.56", "40500", "-11465.44", "-28.3"]
    );

    // A statistics year (1 October to 30 September) is set beside the one before it.
    env.run(&[
        "--lang",
        "en",
        "report",
        "year-end",
        "--from",
        "2024-10-01",
        "--to",
        "2025-09-30",
        "-o",
        "window.xlsx",
    ])
    .ok();
    let mut book: Xlsx<_> = open_workbook(env.path("window.xlsx")).expect("open xlsx");
    assert_figures_sheet(
        &mut book,
        "Year-end",
        [
            "Statistics (2024-10-01 to 2025-09-30)",
            "Change: against the same period a year before (2023-10-01 to 2024-09-30); rates change in percentage points; amounts in yuan",
        ],
        ["Figure", "This period", "A year before", "Change", "Change (%)", "key"],
        &sections,
        &year_end(&env, &["--from", "2024-10-01", "--to", "2025-09-30"]),
        &year_end(&env, &["--from", "2023-10-01", "--to", "2024-09-30"]),
    );
    // 春节慰问: V2 (31 December 2024), V3 and V4 (January 2025) in this window; none before.
    let rows = sheet_rows(&mut book, "Year-end");
    assert_eq!(
        compared(&rows, "payouts.festival_condolence.count"),
        ["3", "0", "3", ""]
    );
}

#[test]
fn year_end_workbook_by_district_has_a_sheet_per_district() {
    use calamine::{open_workbook, Reader, Xlsx};
    let env = small_ledger();
    for (lang, total, chart) in [
        ("zh", "年终统计", "发放分类"),
        ("en", "Year-end", "Payouts by category"),
    ] {
        let file = format!("d-{lang}.xlsx");
        let args = ["--lang", lang, "report", "year-end", "--year", "2025"];
        env.run(&[&args[..], &["--by-district", "-o", &file]].concat())
            .ok();
        let path = env.path(&file);
        let mut book: Xlsx<_> = open_workbook(&path).expect("open xlsx");
        assert_eq!(book.sheet_names(), vec![total, "梁溪区", "锡山区", chart]);
        let total_rows = sheet_rows(&mut book, total);
        assert_eq!(
            compared(&total_rows, "payouts.festival_condolence.amount"),
            ["1000", "500", "500", "100"]
        );
        // 梁溪区: 甲一's V3 in 2025 and V2 in 2024; 锡山区: 丑十二's V4, nothing in 2024.
        let rows = sheet_rows(&mut book, "梁溪区");
        assert_eq!(
            compared(&rows, "payouts.festival_condolence.amount"),
            ["500", "500", "0", "0"]
        );
        let rows = sheet_rows(&mut book, "锡山区");
        assert_eq!(
            compared(&rows, "payouts.festival_condolence.amount"),
            ["500", "0", "500", ""]
        );
        // Each sheet prints the same way, with its own header row repeated.
        let workbook = xlsx_part(&path, "xl/workbook.xml");
        for (i, name) in [total, "梁溪区", "锡山区"].iter().enumerate() {
            let sheet = xlsx_part(&path, &format!("xl/worksheets/sheet{}.xml", i + 1));
            assert!(sheet
                .contains(r#"<pageSetup paperSize="9" fitToHeight="0" orientation="portrait""#));
            // A name with a hyphen is quoted in a reference.
            let name = if name.contains('-') {
                format!("'{name}'")
            } else {
                name.to_string()
            };
            let titles = format!(
                r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{name}!$3:$3</definedName>"#
            );
            assert!(workbook.contains(&titles), "{titles}\n{workbook}");
        }
    }
    // Every figure of a district's sheet is the district's report, this year and the year before.
    let mut book: Xlsx<_> = open_workbook(env.path("d-zh.xlsx")).expect("open xlsx");
    let mut sections = sections("zh");
    sections.push(("数据完整性", &["records"]));
    for d in ["梁溪区", "锡山区"] {
        let title = format!("2025年度统计报表（2025-01-01 至 2025-12-31）  地区：{d}");
        assert_figures_sheet(
            &mut book,
            d,
            [
                &title,
                "同比：与上年同期（2024-01-01 至 2024-12-31）相比；比率的增减为百分点；金额单位：元",
            ],
            ["指标", "2025年", "2024年", "增减", "增减(%)", "key"],
            &sections,
            &year_end(&env, &["--year", "2025", "--district", d]),
            &year_end(&env, &["--year", "2024", "--district", d]),
        );
    }
}

#[test]
fn year_end_by_district_on_screen_in_csv_and_json() {
    let env = small_ledger();
    // On screen: the whole file's table, then each district's.
    let run = env.run(&["report", "year-end", "--year", "2025", "--by-district"]);
    let out = &run.ok().stdout;
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("no {s} in\n{out}"));
    assert!(at("2025年度统计报表（2025-01-01 至 2025-12-31）\n") < at("地区：梁溪区"));
    assert!(at("地区：梁溪区") < at("地区：锡山区"));
    // CSV: a district column after the key, 合计 for the whole file.
    let csv = env.run(&[
        "--format",
        "csv",
        "report",
        "year-end",
        "--year",
        "2025",
        "--by-district",
    ]);
    let lines: Vec<&str> = csv.ok().stdout.lines().collect();
    assert_eq!(lines[0], "key,所属地区,分类,指标,数值");
    let festival: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("payouts.festival_condolence.amount,"))
        .collect();
    assert_eq!(
        festival,
        [
            "payouts.festival_condolence.amount,合计,福利发放,春节慰问：金额(元),1000.00",
            "payouts.festival_condolence.amount,梁溪区,福利发放,春节慰问：金额(元),500.00",
            "payouts.festival_condolence.amount,锡山区,福利发放,春节慰问：金额(元),500.00",
        ]
    );
    env.run(&[
        "--lang", "en", "--format", "csv", "report", "year-end", "--year", "2025",
        "--by-district",
    ])
    .ok()
    .stdout_has("key,District,Section,Figure,Value\n")
    .stdout_has("payouts.festival_condolence.amount,Total,Welfare payouts,Spring Festival condolence: amount (yuan),1000.00\n");
    // JSON: the whole file and each district, each the object of its own report.
    let v = year_end(&env, &["--year", "2025", "--by-district"]);
    assert_eq!(v["total"], year_end(&env, &["--year", "2025"]));
    let districts: Vec<&String> = v["districts"].as_object().unwrap().keys().collect();
    assert_eq!(districts, ["梁溪区", "锡山区"]);
    assert_eq!(
        v["districts"]["锡山区"],
        year_end(&env, &["--year", "2025", "--district", "锡山区"])
    );
    // One district, or each: not both.
    env.run(&[
        "report",
        "year-end",
        "--year",
        "2025",
        "--by-district",
        "--district",
        "梁溪区",
    ])
    .code(2)
    .stderr_has("--by-district");
}

#[test]
fn report_payouts_by_category_month_and_district() {
    let env = small_ledger();
    let v = env
        .run(&["--format", "json", "report", "payouts", "--year", "2025"])
        .ok()
        .json();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 11, "every category, no total row in JSON");
    let hardship = rows.iter().find(|r| r["category"] == "困难帮扶").unwrap();
    assert_eq!(hardship["count"], 2);
    assert_eq!(hardship["recipients"], 1);
    assert_eq!(hardship["amount"].to_string(), "3500.00");

    let months = env
        .run(&[
            "--format", "csv", "report", "payouts", "--year", "2025", "--by", "month",
        ])
        .ok()
        .stdout
        .clone();
    let lines: Vec<&str> = months.lines().collect();
    assert_eq!(lines[0], "月份,笔数,受领人数,金额(元)");
    assert_eq!(lines.len(), 1 + 12 + 1);
    assert_eq!(lines[1], "2025-01,2,2,1000.00");
    assert_eq!(lines[3], "2025-03,2,2,23000.00");
    assert_eq!(lines[11], "2025-11,1,1,1500.00");
    assert_eq!(lines[13], "合计,8,4,29034.56");

    env.run(&[
        "--format", "csv", "report", "payouts", "--year", "2025", "--by", "district",
    ])
    .ok()
    .stdout_has("梁溪区,5,3,27000.00\n")
    .stdout_has("锡山区,3,1,2034.56\n")
    .stdout_has("合计,8,4,29034.56");
}

#[test]
fn report_studios_lists_each_studio_s_year() {
    let env = small_ledger();
    let v = env
        .run(&["--format", "json", "report", "studios", "--year", "2025"])
        .ok()
        .json();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let s2 = rows.iter().find(|r| r["name"] == "S2").unwrap();
    assert_eq!(s2["level"], "省级示范性");
    assert_eq!(s2["named"], "省级示范性 2025-03-01");
    assert_eq!(s2["subsidy"].to_string(), "20000.00");
    let s4 = rows.iter().find(|r| r["name"] == "S4").unwrap();
    assert_eq!(s4["level"], Value::Null);
    assert_eq!(s4["revoked_on"], "2025-08-01");
    let s1 = rows.iter().find(|r| r["name"] == "S1").unwrap();
    assert_eq!(s1["topics"], 3);
    assert_eq!(s1["economic_benefit"].to_string(), "125000.00");
    env.run(&[
        "report",
        "studios",
        "--year",
        "2025",
        "--district",
        "锡山区",
    ])
    .ok()
    .stdout_has("S3")
    .stdout_has("合计");
}

/// Namings of one day are listed by level (text order), whatever order they were recorded in:
/// 市级示范性 is recorded before 市级 here.
#[test]
fn report_studios_lists_namings_of_one_day_by_level() {
    let env = small_ledger();
    let g = pid(7);
    import(
        &env,
        "studios",
        "more-namings.csv",
        &format!(
            "工作室名称,类型,领衔人身份证号,领衔人,所属地区,成立日期,团队人数,命名级别,命名日期,批次\n\
             S3,劳模创新工作室,{g},庚七,锡山区,2015-01-01,6,市级示范性,2025-09-01,3\n\
             S3,劳模创新工作室,{g},庚七,锡山区,2015-01-01,6,市级,2025-09-01,3\n"
        ),
    );
    let v = env
        .run(&["--format", "json", "report", "studios", "--year", "2025"])
        .ok()
        .json();
    let s3 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "S3")
        .unwrap();
    assert_eq!(
        s3["named"],
        "区级 2025-04-01; 市级 2025-09-01; 市级示范性 2025-09-01"
    );
    for lang in ["zh", "en"] {
        Transcript::new(&env, lang)
            .line("--format csv report studios --year 2025 --district 锡山区")
            .pin("report-studios-namings-of-one-day");
    }
}

#[test]
fn agreements_expiring_leave_out_renewed_ones() {
    let env = small_ledger();
    // E1's first agreement expires 2025-06-30 but was renewed.
    env.run(&[
        "agreement",
        "expiring",
        "--within",
        "30",
        "--date",
        "2025-06-01",
    ])
    .ok()
    .stdout_has("无记录");
    let v = env
        .run(&[
            "--format",
            "json",
            "agreement",
            "expiring",
            "--within",
            "30",
            "--date",
            "2024-12-01",
        ])
        .ok()
        .json();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["enterprise"], "乙公司");
    assert_eq!(v[0]["days_left"], 30);
    // Both ends included; the plural group works too.
    let v = env
        .run(&[
            "--format",
            "json",
            "agreements",
            "expiring",
            "--within",
            "30",
            "--date",
            "2026-12-01",
        ])
        .ok()
        .json();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["enterprise"], "丁公司");
}

// ---------------------------------------------------------------- published figures

#[test]
fn liangxi_roster_gives_1285_models_city_and_above() {
    let env = Env::new();
    let mut csv = String::from("姓名,身份证号,所属地区,状态,去世日期,荣誉称号,获评年份\n");
    let mut n = 0;
    let mut add = |csv: &mut String, count: u32, title: &str, status: &str, died: &str| {
        for _ in 0..count {
            n += 1;
            csv.push_str(&format!(
                "劳模{n},{},梁溪区,{status},{died},{title},{}\n",
                pid(n),
                2000 + n % 20
            ));
        }
    };
    add(&mut csv, 19, "全国劳动模范", "在职", "");
    add(&mut csv, 483, "省(部)级劳模", "在职", "");
    add(&mut csv, 783, "市劳动模范", "退休", "");
    // Not counted as city-or-above: district models, and city models who have died.
    add(&mut csv, 40, "区劳动模范", "在职", "");
    add(&mut csv, 7, "市劳动模范", "去世", "2019-05-01");
    import(&env, "people", "people.csv", &csv);
    assert_figures(
        &year_end(&env, &["--year", "2025", "--district", "梁溪区"]),
        &[
            ("models.city_and_above", "1285"),
            ("models.national", "19"),
            ("models.provincial", "483"),
            ("models.city", "783"),
            ("models.district", "40"),
            ("models.total", "1325"),
        ],
    );
}

#[test]
fn wuxi_ledger_gives_a_coverage_rate_of_98_1() {
    let env = Env::new();
    // 37,840 unionised enterprises and 160 without a union. Agreements in force during 2025:
    // 37,121 unionised ones; 400 more unionised ones have only an expired agreement; 60
    // enterprises without a union have one in force (not counted).
    let mut ents = String::from("企业名称,统一社会信用代码,是否建会,世界500强\n");
    let mut agrs = String::from("统一社会信用代码,生效日期,到期日期,覆盖职工人数\n");
    for n in 0..38_000u32 {
        let unionised = n < 37_840;
        // 98 Fortune Global 500 enterprises, 96 of them with an agreement.
        let f500 = n < 96 || (37_500..37_502).contains(&n);
        ents.push_str(&format!(
            "企业{n},{},{},{}\n",
            code(n),
            if unionised { "是" } else { "否" },
            if f500 { "是" } else { "否" }
        ));
        let in_force = !(37_121..37_940).contains(&n);
        if in_force {
            agrs.push_str(&format!("{},2024-07-01,2026-06-30,64\n", code(n)));
        } else if n < 37_521 {
            agrs.push_str(&format!("{},2022-01-01,2024-12-31,64\n", code(n)));
        }
    }
    import(&env, "enterprises", "enterprises.csv", &ents);
    import(&env, "agreements", "agreements.csv", &agrs);
    assert_figures(
        &year_end(&env, &["--year", "2025"]),
        &[
            ("enterprises.total", "38000"),
            ("enterprises.with_union", "37840"),
            ("agreements.enterprises", "37121"),
            ("agreements.coverage_rate", "98.1"),
            ("agreements.workers_covered", "2375744"),
            ("enterprises.fortune500", "98"),
            ("agreements.fortune500", "96"),
        ],
    );
}

#[test]
fn wuxi_studios_named_in_6_4_and_4_batches() {
    let env = Env::new();
    // 79 city studios in 6 batches (2014 … 2024, even years); 36 of them later city
    // demonstration studios in 4 batches; 12 of those provincial demonstration in 4 batches.
    let mut csv = String::from(
        "工作室名称,类型,领衔人身份证号,领衔人,所属地区,成立日期,团队人数,命名级别,命名日期,批次\n",
    );
    for i in 0..79u32 {
        let lead = format!(
            "工作室{i},劳模创新工作室,{},领衔人{i},梁溪区,2010-01-01,6",
            pid(i + 1)
        );
        let b = 1 + i % 6;
        csv.push_str(&format!("{lead},市级,{}-05-01,{b}\n", 2012 + 2 * b));
        if i < 36 {
            let b = 1 + i % 4;
            csv.push_str(&format!("{lead},市级示范性,{}-09-01,{b}\n", 2016 + 2 * b));
        }
        if i < 12 {
            let b = 1 + i % 4;
            csv.push_str(&format!("{lead},省级示范性,{}-11-01,{b}\n", 2016 + 2 * b));
        }
    }
    import(&env, "studios", "studios.csv", &csv);
    assert_figures(
        &year_end(&env, &["--year", "2025"]),
        &[
            ("studios.batches.city", "6"),
            ("studios.batches.city_demo", "4"),
            ("studios.batches.provincial_demo", "4"),
            ("studios.city", "43"),
            ("studios.city_demo", "24"),
            ("studios.provincial_demo", "12"),
        ],
    );
    // Up to 2020 only the batches named by then: city 2014…2020 (4), demo 2018, 2020 (2).
    assert_figures(
        &year_end(&env, &["--year", "2020"]),
        &[
            ("studios.batches.city", "4"),
            ("studios.batches.city_demo", "2"),
            ("studios.batches.provincial_demo", "2"),
        ],
    );
}

#[test]
fn demo_ends_with_the_2026_year_end_table_of_the_examples() {
    let env = Env::new();
    env.run(&["demo", "demo.db"])
        .ok()
        .stdout_has("2026年度统计报表（2026-01-01 至 2026-12-31）")
        .stdout_has("市级以上劳模");
    // The examples' figures, worked out independently by examples/check.py.
    assert_figures(
        &year_end(&env, &["--db", "demo.db", "--year", "2026"]),
        &[
            ("models.national", "3"),
            ("models.provincial", "10"),
            ("models.city", "15"),
            ("models.district", "5"),
            ("models.total", "33"),
            ("models.city_and_above", "28"),
            ("models.new", "0"),
            ("models.retired", "10"),
            ("medals.national", "3"),
            ("medals.provincial", "3"),
            ("medals.city", "5"),
            ("studios.district", "3"),
            ("studios.city", "4"),
            ("studios.city_demo", "2"),
            ("studios.provincial_demo", "2"),
            ("studios.batches.city", "6"),
            ("studios.batches.city_demo", "4"),
            ("studios.batches.provincial_demo", "2"),
            ("enterprises.total", "26"),
            ("enterprises.with_union", "23"),
            ("enterprises.fortune500", "3"),
            ("agreements.enterprises", "18"),
            ("agreements.coverage_rate", "78.3"),
            ("agreements.workers_covered", "18160"),
            ("payouts.total.count", "68"),
            ("payouts.total.people", "32"),
            ("payouts.total.amount", "172155.20"),
            ("hardship.open", "7"),
            ("hardship.opened", "0"),
            ("hardship.closed", "1"),
            ("hardship.open.deep", "4"),
            ("hardship.open.relative", "1"),
            ("hardship.open.accident", "2"),
        ],
    );
    // And 2025, where renewals within the year and a first title make a difference.
    assert_figures(
        &year_end(&env, &["--db", "demo.db", "--year", "2025"]),
        &[
            ("models.new", "1"),
            ("agreements.enterprises", "19"),
            ("agreements.coverage_rate", "82.6"),
            ("agreements.workers_covered", "20845"),
            ("studios.results.economic_benefit", "5168000.00"),
            ("payouts.total.amount", "157260.50"),
            ("hardship.open", "8"),
        ],
    );
}

// ---------------------------------------------------------------- export

/// Splits CSV text into rows of cells (the csv crate's reader, as a spreadsheet would).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn export_payouts_csv_utf8_bom_masked_and_neutralised() {
    let env = small_ledger();
    env.run(&["export", "payouts", "-o", "发放.csv"]).ok();
    let bytes = std::fs::read(env.path("发放.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let rows = read_csv(&text);
    assert_eq!(
        rows[0],
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
    assert_eq!(
        rows.len(),
        1 + 9 + 2,
        "header, 9 imported, 2 studio subsidies"
    );
    let v6 = rows.iter().find(|r| r[7] == "V6").unwrap();
    let id = pid(12);
    let masked = format!("{}********{}", &id[..6], &id[14..]);
    assert_eq!(
        v6[1..],
        [
            "丑十二",
            masked.as_str(),
            "锡山区",
            "医疗互助",
            "1234.56",
            "2025-06-01",
            "V6",
            "'=1+2",
            "",
            "",
            "",
            ""
        ]
    );
    let note = |v: &str| rows.iter().find(|r| r[7] == v).unwrap()[8].clone();
    assert_eq!(note("V7"), "'+86");
    assert_eq!(note("V8"), "'@SUM(A1)");
    assert_eq!(note("V9"), "'-5");
    // The same in GBK (no BOM), read back with a GBK decoder.
    env.run(&[
        "export",
        "payouts",
        "-o",
        "发放-gbk.csv",
        "--encoding",
        "gbk",
    ])
    .ok();
    let gbk = std::fs::read(env.path("发放-gbk.csv")).unwrap();
    assert!(!gbk.starts_with(b"\xef\xbb\xbf"), "no BOM in GBK");
    assert!(std::str::from_utf8(&gbk).is_err(), "GBK, not UTF-8");
    let (decoded, bad) = encoding_rs::GBK.decode_without_bom_handling(&gbk);
    assert!(!bad);
    assert_eq!(read_csv(&decoded), rows);
    // --unmask shows the whole number.
    env.run(&["--unmask", "export", "payouts", "-o", "full.csv"])
        .ok();
    let full = std::fs::read_to_string(env.path("full.csv")).unwrap();
    assert!(full.contains(&id));
    assert!(!text.contains(&id));
}

#[test]
fn export_people_gbk_reads_back_with_a_gbk_decoder() {
    let env = small_ledger();
    env.run(&["export", "people", "-o", "people.csv", "--encoding", "gbk"])
        .ok()
        .stderr_has("people.csv");
    let bytes = std::fs::read(env.path("people.csv")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "GBK, not UTF-8");
    let (text, bad) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
    assert!(!bad);
    let rows = read_csv(&text);
    assert_eq!(
        rows[0],
        [
            "姓名",
            "身份证号",
            "性别",
            "出生日期",
            "手机号",
            "工作单位",
            "所属地区",
            "状态",
            "退休日期",
            "去世日期",
            "调离日期",
            "最高荣誉"
        ]
    );
    assert_eq!(rows.len(), 1 + 18);
    let a = rows.iter().find(|r| r[0] == "甲一").unwrap();
    let id = pid(1);
    assert_eq!(a[1], format!("{}********{}", &id[..6], &id[14..]));
    assert_eq!(
        a[6..],
        ["梁溪区", "退休", "2020-01-01", "", "", "全国劳动模范"]
    );
}

#[test]
fn export_gbk_refuses_a_character_gbk_cannot_hold() {
    let env = Env::new();
    import(
        &env,
        "people",
        "p.csv",
        &format!("姓名,身份证号\n张三,{}\n王𠮷,{}\n", pid(1), pid(2)),
    );
    env.run(&["export", "people", "-o", "p-gbk.csv", "--encoding", "gbk"])
        .code(2)
        .stderr_has("第2条记录（王𠮷）的“姓名”列")
        .stderr_has("𠮷")
        .stderr_has("gb18030");
    assert!(!env.path("p-gbk.csv").exists(), "nothing written");
    assert!(
        !env.path("p-gbk.csv.partial").exists(),
        "nothing left behind"
    );
    env.run(&[
        "export",
        "people",
        "-o",
        "p-18030.csv",
        "--encoding",
        "gb18030",
    ])
    .ok();
    let bytes = std::fs::read(env.path("p-18030.csv")).unwrap();
    assert!(encoding_rs::GB18030.decode(&bytes).0.contains("王𠮷"));
    // Encoding is for CSV; export needs a file.
    env.run(&["export", "people", "-o", "p.xlsx", "--encoding", "gbk"])
        .code(2);
    env.run(&["export", "people"]).code(2).stderr_has("-o");
}

#[test]
fn export_every_kind_to_xlsx_reads_back_cell_by_cell() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let env = small_ledger();
    let kinds = [
        ("people", 18),
        ("honours", 16),
        ("studios", 6),
        ("namings", 9),
        ("studio-results", 3),
        ("enterprises", 7),
        ("agreements", 5),
        ("payouts", 11),
        ("hardship", 6),
    ];
    for (kind, n) in kinds {
        let file = format!("{kind}.xlsx");
        env.run(&["export", kind, "-o", &file]).ok();
        let mut book: Xlsx<_> = open_workbook(env.path(&file)).expect("open xlsx");
        let sheet = book
            .worksheet_range_at(0)
            .expect("a sheet")
            .expect("readable");
        assert_eq!(sheet.rows().count(), 1 + n, "{kind}");
        // CSV and XLSX carry the same cells.
        env.run(&["export", kind, "-o", &format!("{kind}.csv")])
            .ok();
        let text = std::fs::read_to_string(env.path(&format!("{kind}.csv"))).unwrap();
        let csv_rows = read_csv(text.trim_start_matches('\u{feff}'));
        for (x, c) in sheet.rows().zip(&csv_rows) {
            let cells: Vec<String> = x
                .iter()
                .map(|d| match d {
                    Data::Empty => String::new(),
                    Data::String(s) => render_text_like_csv(s),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect();
            assert_eq!(cells.len(), c.len(), "{kind}");
            for (a, b) in cells.iter().zip(c) {
                // Numbers: compare as numbers (the CSV has two decimals for money).
                match (a.parse::<f64>(), b.parse::<f64>()) {
                    (Ok(x), Ok(y)) => assert_eq!(x, y, "{kind}"),
                    _ => assert_eq!(a, b, "{kind}"),
                }
            }
        }
    }
    // Money is stored as a number; the note that looks like a formula is plain text.
    let mut book: Xlsx<_> = open_workbook(env.path("payouts.xlsx")).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let v6 = sheet
        .rows()
        .find(|r| r[7] == Data::String("V6".into()))
        .unwrap();
    assert_eq!(v6[5], Data::Float(1234.56));
    assert_eq!(v6[8], Data::String("=1+2".into()));
    assert!(book
        .worksheet_formula("发放记录")
        .unwrap()
        .used_cells()
        .next()
        .is_none());
}

/// A text cell as the CSV export writes it (a leading apostrophe against formulas).
fn render_text_like_csv(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}
