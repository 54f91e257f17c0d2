//! Honours as awarded (issue 14, point 3): the awarding place kept, the office's city, titles of
//! county-level cities at county level everywhere, the open vocabulary reported under
//! `honours.*`, and revocation (取消称号) stopping treatment from its day.

use crate::harness::*;

/// A fictitious valid ID number, numbered.
fn id(n: u32) -> String {
    id_with_check(&format!("32010219700101{n:03}"))
}

/// An office in 无锡市 with a roster of titles as ledgers write them.
fn office() -> Env {
    let env = Env::new();
    env.run(&["init", "--city", "无锡市"]).ok();
    env.write(
        "people.csv",
        &format!(
            "姓名,身份证号,退休日期,荣誉称号,获评年份\n\
             江阴劳模,{},2020-01-01,江阴市劳动模范,2015\n\
             无锡劳模,{},2020-01-01,无锡市劳动模范,2016\n\
             本市劳模,{},,市劳模,2017\n\
             工匠,{},,江苏工匠,2020\n\
             工匠,{},,技术能手,2021\n\
             标兵,{},,全国巾帼标兵,2019\n\
             宜兴奖章,{},,宜兴市五一劳动奖章,2018\n",
            id(1),
            id(2),
            id(3),
            id(4),
            id(4),
            id(5),
            id(6)
        ),
    );
    env
}

/// The figures of the year-end report whose keys start with one of `prefixes`, as `key=value`.
fn figures(env: &Env, year: &str, prefixes: &[&str]) -> Vec<String> {
    let r = env.run(&["--format", "json", "report", "year-end", "--year", year]);
    r.ok();
    r.json()
        .as_object()
        .expect("an object")
        .iter()
        .filter(|(k, _)| prefixes.iter().any(|p| k.starts_with(p)))
        .map(|(k, v)| format!("{k}={v}"))
        .collect()
}

#[test]
fn the_office_city_is_a_setting_set_and_cleared_like_the_district() {
    let env = Env::new();
    let r = env.run(&["init", "--city", "无锡市"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "数据库 union.db 已就绪（结构版本 10）\n本会所在市：无锡市（只写“市”的称号记为该市授予）\n批次 1（撤销：union undo 1）\n",
            ""
        )
    );
    // The same again changes nothing and opens no batch.
    let r = env.run(&["--lang", "en", "init", "--city", "无锡市"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "database union.db is ready (schema version 10)\nthe office's city: 无锡市 (a title naming only 市 was awarded by it)\n",
            ""
        )
    );
    let r = env.run(&["init", "--city", ""]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "数据库 union.db 已就绪（结构版本 10）\n本库不再设所在市\n批次 2（撤销：union undo 2）\n",
            ""
        )
    );
    let r = env.run(&[
        "--lang",
        "en",
        "init",
        "--city",
        "宜兴市",
        "--district",
        "梁溪区",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "database union.db is ready (schema version 10)\n\
             this database's district: 梁溪区 (people, studios and enterprises that arrive without one get it)\n\
             batch 3 (to undo: union undo 3)\n\
             the office's city: 宜兴市 (a title naming only 市 was awarded by it)\n\
             batch 4 (to undo: union undo 4)\n"
        )
    );
}

#[test]
fn titles_keep_their_place_and_a_county_level_city_awards_at_county_level() {
    let env = office();
    let r = env.run(&["import", "people", "people.csv"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "读取 7 行：新增 7，更新 0，未变 0，不合格 0，跳过 0；批次 2\n写入记录：人员 新增 6；荣誉 新增 7\n",
            ""
        )
    );
    let r = env.run(&["people", "list"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "\
┌──────────┬────────────────────┬──────┬────────────┬────────┬──────────┬──────────┬──────┬────────────┬──────────┬──────────┬────────────────────┐
│ 姓名     ┆ 身份证号           ┆ 性别 ┆ 出生日期   ┆ 手机号 ┆ 工作单位 ┆ 所属地区 ┆ 状态 ┆ 退休日期   ┆ 去世日期 ┆ 调离日期 ┆ 最高荣誉           │
╞══════════╪════════════════════╪══════╪════════════╪════════╪══════════╪══════════╪══════╪════════════╪══════════╪══════════╪════════════════════╡
│ 宜兴奖章 ┆ 320102********0062 ┆ 女   ┆ 1970-01-01 ┆        ┆          ┆          ┆ 在职 ┆            ┆          ┆          ┆ 宜兴市五一劳动奖章 │
│ 工匠     ┆ 320102********0046 ┆ 女   ┆ 1970-01-01 ┆        ┆          ┆          ┆ 在职 ┆            ┆          ┆          ┆                    │
│ 无锡劳模 ┆ 320102********002X ┆ 女   ┆ 1970-01-01 ┆        ┆          ┆          ┆ 退休 ┆ 2020-01-01 ┆          ┆          ┆ 市劳动模范         │
│ 本市劳模 ┆ 320102********0038 ┆ 男   ┆ 1970-01-01 ┆        ┆          ┆          ┆ 在职 ┆            ┆          ┆          ┆ 市劳动模范         │
│ 标兵     ┆ 320102********0054 ┆ 男   ┆ 1970-01-01 ┆        ┆          ┆          ┆ 在职 ┆            ┆          ┆          ┆                    │
│ 江阴劳模 ┆ 320102********0011 ┆ 男   ┆ 1970-01-01 ┆        ┆          ┆          ┆ 退休 ┆ 2020-01-01 ┆          ┆          ┆ 江阴市劳动模范     │
└──────────┴────────────────────┴──────┴────────────┴────────┴──────────┴──────────┴──────┴────────────┴──────────┴──────────┴────────────────────┘
"
        )
    );
    let r = env.run(&["--lang", "en", "people", "list", "--level", "district"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "\
┌──────────┬────────────────────┬────────┬────────────┬────────┬───────────┬──────────┬─────────┬────────────┬─────────┬────────────────┬──────────────────────────┐
│ Name     ┆ ID number          ┆ Gender ┆ Birth date ┆ Mobile ┆ Work unit ┆ District ┆ Status  ┆ Retired on ┆ Died on ┆ Transferred on ┆ Highest title            │
╞══════════╪════════════════════╪════════╪════════════╪════════╪═══════════╪══════════╪═════════╪════════════╪═════════╪════════════════╪══════════════════════════╡
│ 江阴劳模 ┆ 320102********0011 ┆ male   ┆ 1970-01-01 ┆        ┆           ┆          ┆ Retired ┆ 2020-01-01 ┆         ┆                ┆ 江阴市 City model worker │
└──────────┴────────────────────┴────────┴────────────┴────────┴───────────┴──────────┴─────────┴────────────┴─────────┴────────────────┴──────────────────────────┘
"
        )
    );
    let shown = env
        .run(&["--format", "json", "people", "show", "工匠"])
        .json();
    assert_eq!(
        shown["honours"].to_string(),
        r#"[{"id":4,"title":"江苏工匠","level":"省部级","year":2020,"awarded_by":null,"place":"江苏","revoked_on":null,"revoked_reason":null},{"id":5,"title":"技术能手","level":"","year":2021,"awarded_by":null,"place":null,"revoked_on":null,"revoked_reason":null}]"#
    );
    // 江阴市劳动模范 is a district/county model, 无锡市劳动模范 and 市劳模 (the office's city) are
    // city models; the open titles are counted under honours.*, by the level they name.
    assert_eq!(
        figures(&env, "2025", &["models.", "medals.", "honours."]).join(" "),
        "models.total=3 models.national=0 models.provincial=0 models.city=2 models.district=1 \
         models.city_and_above=2 models.new=0 models.retired=2 models.new.national=0 \
         models.new.provincial=0 models.new.city=0 models.new.district=0 medals.national=0 \
         medals.provincial=0 medals.city=0 medals.district=1 honours.craftsman.total=1 \
         honours.craftsman.national=0 honours.craftsman.provincial=1 honours.craftsman.city=0 \
         honours.craftsman.district=0 honours.skill_master.total=1 \
         honours.skill_master.national=0 honours.skill_master.provincial=0 \
         honours.skill_master.city=0 honours.skill_master.district=0 honours.exemplar.total=1 \
         honours.exemplar.national=1 honours.exemplar.provincial=0 honours.exemplar.city=0 \
         honours.exemplar.district=0 honours.advanced.total=0 honours.advanced.national=0 \
         honours.advanced.provincial=0 honours.advanced.city=0 honours.advanced.district=0 \
         honours.other.total=0 honours.other.national=0 honours.other.provincial=0 \
         honours.other.city=0 honours.other.district=0 honours.revoked=0"
    );
    // The import again changes nothing: a title is keyed with its place.
    let r = env.run(&["import", "people", "people.csv"]);
    assert_eq!(
        r.stdout,
        "读取 7 行：新增 0，更新 0，未变 7，不合格 0，跳过 0；批次 3\n"
    );
}

#[test]
fn a_county_level_city_model_leads_no_city_studio() {
    let env = office();
    env.run(&["import", "people", "people.csv"]).ok();
    env.write(
        "studios.csv",
        &format!(
            "工作室名称,类型,领衔人身份证号,领衔人,团队人数,有劳模,有团队,有场所,有制度,有经费,有计划,有活动,有成效\n\
             江阴劳模工作室,劳模创新工作室,{},江阴劳模,6,是,是,是,是,是,是,是,是\n\
             无锡劳模工作室,劳模创新工作室,{},无锡劳模,6,是,是,是,是,是,是,是,是",
            id(1),
            id(2)
        ),
    );
    env.run(&["import", "studios", "studios.csv"]).ok();
    let leader = |studio: &str, level: &str| {
        let r = env.run(&[
            "--format",
            "json",
            "studio",
            "apply",
            studio,
            "--level",
            level,
            "--date",
            "2025-06-01",
            "--dry-run",
        ]);
        let verdict = r.json();
        let rule = verdict["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .find(|v| v["code"] == "leader_title")
            .cloned()
            .expect("the leader's title rule");
        (rule["passed"].as_bool(), rule["evidence"].to_string())
    };
    assert_eq!(
        leader("江阴劳模工作室", "city"),
        (
            Some(false),
            r#""领衔人荣誉：市劳动模范，按区县级计（2015年）""#.to_string()
        )
    );
    assert_eq!(leader("江阴劳模工作室", "district").0, Some(true));
    assert_eq!(leader("无锡劳模工作室", "city").0, Some(true));
}

#[test]
fn a_county_level_city_listed_in_the_parameter_is_county_level_too() {
    let env = Env::new();
    env.run(&["init"]).ok();
    let r = env.run(&[
        "policy",
        "set",
        "honour.county_level_cities",
        "溧阳市、张家港市",
        "--from",
        "2000-01-01",
    ]);
    r.ok();
    env.write(
        "people.csv",
        &format!(
            "姓名,身份证号,荣誉称号,获评年份\n甲,{},溧阳市劳动模范,2010\n乙,{},溧阳市劳动模范,1999\n丙,{},市劳动模范,2010",
            id(1),
            id(2),
            id(3)
        ),
    );
    env.run(&["import", "people", "people.csv"]).ok();
    // The parameter in force on 1 January of the title's year: 2010 county, 1999 city. With no
    // office city set, 市劳动模范 has no place and is city level.
    assert_eq!(
        figures(&env, "2025", &["models.city", "models.district"]).join(" "),
        "models.city=2 models.district=1 models.city_and_above=2"
    );
    let r = env.run(&[
        "policy",
        "set",
        "honour.county_level_cities",
        "abc",
        "--from",
        "2000-01-01",
    ]);
    assert_eq!(r.code, 2);
}

/// Titles already on file are levelled again when the county-level cities change: 张家港市's
/// model counts at city level, then at county level once the parameter lists it (the year-end
/// figures, the honour-allowance roster and the refusal naming the title at county level
/// follow), and at city level again after `undo`. The
/// parameter is dated: one in force from 2011 leaves a 2010 title at city level. Setting the
/// office's city levels them again too. Pinned whole in both languages.
#[test]
fn titles_on_file_are_levelled_again_when_the_county_level_cities_change() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        let mut t = Transcript::new(&env, lang);
        env.write(
            "people.csv",
            &format!(
                "姓名,身份证号,状态,退休日期,荣誉称号,获评年份\n\
                 甲,{},退休,2020-01-01,张家港市劳动模范,2012\n\
                 乙,{},退休,2020-01-01,张家港市劳动模范,2010\n\
                 丙,{},退休,2020-01-01,张家港工匠,2012",
                id(1),
                id(2),
                id(3)
            ),
        );
        let levels = [
            "sql",
            "SELECT title, place, level, year FROM honours ORDER BY id",
        ];
        let roster = [
            "--format",
            "csv",
            "eligible",
            "honor-allowance",
            "--year",
            "2026",
            "--date",
            "2026-01-31",
        ];
        for args in [
            &["init"][..],
            &["import", "people", "people.csv"],
            &levels,
            &roster,
            &[
                "policy",
                "set",
                "honour.county_level_cities",
                "张家港市",
                "--from",
                "2011-01-01",
            ],
            &levels,
            &roster,
            &[
                "payout",
                "add",
                "--id-number",
                &id(1),
                "--name",
                "甲",
                "--category",
                "劳模荣誉津贴",
                "--amount",
                "200",
                "--date",
                "2026-01-31",
            ],
            &["undo", "2"],
            &levels,
            &["init", "--city", "张家港市"],
            &levels,
        ] {
            t.step(args);
        }
        // The chain holds the re-levelling batches (its hashes change with the clock: not pinned).
        env.run(&["log", "--verify"]).ok();
        t.pin("honours_relevelled");
    }
}

#[test]
fn a_model_title_misspelt_is_refused_and_an_open_one_is_kept() {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.write(
        "people.csv",
        &format!(
            "姓名,身份证号,荣誉称号,授予地,取消称号日期,取消原因\n甲,{},省劳模范,,,\n乙,{},江阴市劳动模范,宜兴市,,\n丙,{},三八红旗手,,2020-01-01,\n丁,{},,江阴市,,",
            id(1),
            id(2),
            id(3),
            id(4)
        ),
    );
    let r = env.run(&["import", "people", "people.csv"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "读取 4 行：不合格 4，跳过 0；未写入任何记录\n",
            "people.csv 第2行 “荣誉称号”列 值“省劳模范”：无法识别；应为：全国劳动模范、全国先进工作者、省劳动模范、省先进工作者、市劳动模范、市先进工作者、区劳动模范、区先进工作者、全国五一劳动奖章、省五一劳动奖章、市五一劳动奖章\n\
             people.csv 第3行 “授予地”列 值“宜兴市”：与称号中的授予地“江阴市”不一致\n\
             people.csv 第4行 “取消原因”列 值“”：必填\n\
             people.csv 第5行：填写了获评年份、授予机关、授予地或取消称号日期，但没有荣誉称号\n\
             有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
        )
    );
    let r = env.run(&["--lang", "en", "import", "people", "people.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "people.csv row 2, column \"荣誉称号\", value \"省劳模范\": not recognised; use one of: 全国劳动模范, 全国先进工作者, 省劳动模范, 省先进工作者, 市劳动模范, 市先进工作者, 区劳动模范, 区先进工作者, 全国五一劳动奖章, 省五一劳动奖章, 市五一劳动奖章\n\
             people.csv row 3, column \"授予地\", value \"宜兴市\": differs from the place the title names, \"江阴市\"\n\
             people.csv row 4, column \"取消原因\", value \"\": required\n\
             people.csv row 5: an honour year, awarding body, place or revocation date is given without a title\n\
             rows were refused, so nothing was written (fix them and import again, or use --skip-invalid to import the valid rows)\n"
        )
    );
}

/// A retired provincial model, and the number of their honour.
fn revoked_setup() -> (Env, String) {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.write(
        "people.csv",
        &format!(
            "姓名,身份证号,退休日期,荣誉称号,获评年份\n省劳模,{},2018-01-01,江苏省劳动模范,2010",
            id(1)
        ),
    );
    env.run(&["import", "people", "people.csv"]).ok();
    let shown = env
        .run(&["--format", "json", "people", "show", "省劳模"])
        .json();
    let number = shown["honours"][0]["id"].to_string();
    (env, number)
}

#[test]
fn a_revoked_honour_stops_treatment_from_its_day() {
    let (env, n) = revoked_setup();
    let r = env.run(&[
        "people",
        "revoke-honour",
        &n,
        "--date",
        "2025-03-10",
        "--reason",
        "违纪被撤销称号",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "已取消 省劳模 的“省劳动模范”，自 2025-03-10 起不再计入劳模待遇、名单和统计：违纪被撤销称号\n批次 2（撤销：union undo 2）\n",
            ""
        )
    );
    // Once is enough.
    let r = env.run(&[
        "--lang",
        "en",
        "people",
        "revoke-honour",
        &n,
        "--date",
        "2025-04-01",
        "--reason",
        "again",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "",
            "省劳模's Provincial model worker was already revoked on 2025-03-10 (违纪被撤销称号): nothing changed\n"
        )
    );
    // The honour allowance: paid the day before the revocation, refused on the day of it for
    // a month after it (a month is paid once; March itself is still owed, so back pay of it is
    // judged on 1 March and paid).
    env.write(
        "pay.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期,凭证号,所属期间\n{a},省劳模,劳模荣誉津贴,3000,2025-03-09,H1,2025-02\n{a},省劳模,劳模荣誉津贴,3000,2025-03-10,H2,2025-04",
            a = id(1)
        ),
    );
    let r = env.run(&["import", "payouts", "pay.csv"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "读取 2 行：不合格 1，跳过 0；未写入任何记录\n",
            "pay.csv 第3行 “类别”列 值“劳模荣誉津贴”：规则2：劳模荣誉津贴只发给享受市级及以上劳模待遇者，受领人最高：无（allowance.honor.min_level = city（自1900-01-01起，002_a544f0e0540b1fad.txt：“严格按照国家、省、市劳模管理办法规定的标准,按时足额为离退休劳模发放荣誉津贴”））\n\
             有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
        )
    );
    let r = env.run(&["--lang", "en", "import", "payouts", "pay.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "pay.csv row 3, column \"类别\", value \"劳模荣誉津贴\": rule 2: the model honour allowance (劳模荣誉津贴) goes only to holders of city-or-above model treatment; the recipient's highest: none (allowance.honor.min_level = city (from 1900-01-01, 002_a544f0e0540b1fad.txt：“严格按照国家、省、市劳模管理办法规定的标准,按时足额为离退休劳模发放荣誉津贴”))\n\
             rows were refused, so nothing was written (fix them and import again, or use --skip-invalid to import the valid rows)\n"
        )
    );
    // Counted as a model at the end of 2024, not at the end of 2025; revoked in 2025.
    assert_eq!(
        figures(&env, "2024", &["models.provincial", "honours.revoked"]).join(" "),
        "models.provincial=1 honours.revoked=0"
    );
    assert_eq!(
        figures(&env, "2025", &["models.provincial", "honours.revoked"]).join(" "),
        "models.provincial=0 honours.revoked=1"
    );
    // The roster of 2025 (judged at its end) owes them the months up to the revocation's (on the
    // 10th, March is still owed); undo brings the title back, and the whole year.
    let roster = |env: &Env| {
        let r = env.run(&[
            "--format",
            "json",
            "eligible",
            "honor-allowance",
            "--year",
            "2025",
        ]);
        let rows = r.json();
        rows.as_array().map(|rows| {
            rows.iter()
                .map(|p| p["period"].to_string())
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(roster(&env), Some(vec!["\"2025-01~2025-03\"".to_string()]));
    env.run(&["undo", "2"]).ok();
    assert_eq!(roster(&env), Some(vec!["\"2025-01~2025-12\"".to_string()]));
    env.run(&["log", "--verify"]).ok();
}

#[test]
fn a_revocation_is_refused_before_the_award_or_for_no_honour() {
    let (env, n) = revoked_setup();
    let r = env.run(&[
        "people",
        "revoke-honour",
        &n,
        "--date",
        "2009-12-31",
        "--reason",
        "x",
    ]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "错误：取消日期 2009-12-31 早于获评年份 2010\n")
    );
    let r = env.run(&[
        "--lang",
        "en",
        "people",
        "revoke-honour",
        "99",
        "--date",
        "2025-01-01",
        "--reason",
        "x",
    ]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "error: no honour numbered 99 (the numbers are in `people show`)\n"
        )
    );
    // A revocation the roster states, imported: the same as the command.
    env.write(
        "people.csv",
        &format!(
            "姓名,身份证号,荣誉称号,获评年份,取消称号日期,取消原因\n省劳模,{},江苏省劳动模范,2010,2025-03-10,违纪",
            id(1)
        ),
    );
    env.run(&["import", "people", "people.csv"]).ok();
    assert_eq!(
        figures(&env, "2025", &["models.provincial", "honours.revoked"]).join(" "),
        "models.provincial=0 honours.revoked=1"
    );
}

// ---------------------------------------------------------------- treatment by honour tier

/// Retired holders of a national, a provincial and a city medal, a 江苏工匠 and a district model.
fn treatment_office() -> Env {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.write(
        "people.csv",
        &format!(
            "姓名,身份证号,退休日期,荣誉称号,获评年份\n\
             全国奖章,{},2020-01-01,全国五一劳动奖章,2010\n\
             省奖章,{},2020-01-01,江苏省五一劳动奖章,2011\n\
             市奖章,{},2020-01-01,无锡市五一劳动奖章,2012\n\
             工匠,{},2020-01-01,江苏工匠,2013\n\
             区劳模,{},2020-01-01,梁溪区劳动模范,2014",
            id(1),
            id(2),
            id(3),
            id(4),
            id(5)
        ),
    );
    env.run(&["import", "people", "people.csv"]).ok();
    env
}

#[test]
fn medals_earn_model_treatment_by_the_table() {
    let env = treatment_office();
    let roster = |lang: &str| {
        env.run(&[
            "--lang",
            lang,
            "--unmask",
            "--format",
            "csv",
            "eligible",
            "honor-allowance",
            "--year",
            "2025",
            "--date",
            "2025-06-30",
        ])
    };
    let r = roster("zh");
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            format!(
                "身份证号,姓名,类别,金额(元),发放日期,凭证号,备注,所属期间\n\
                 {},全国奖章,劳模荣誉津贴,1800.00,,,全国五一劳动奖章,2025-01~2025-06\n\
                 {},省奖章,劳模荣誉津贴,1200.00,,,省五一劳动奖章,2025-01~2025-06\n",
                id(1),
                id(2)
            )
            .as_str(),
            "2025年劳模荣誉津贴名单：2 人（截至2025-06-30）\n"
        )
    );
    let r = roster("en");
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            format!(
                "id_number,name,category,amount,paid_on,voucher,note,period\n\
                 {},全国奖章,honor_allowance,1800.00,,,National May Day Labour Medal,2025-01~2025-06\n\
                 {},省奖章,honor_allowance,1200.00,,,Provincial May Day Labour Medal,2025-01~2025-06\n",
                id(1),
                id(2)
            )
            .as_str(),
            "2025 roster for Model-worker honour allowance: 2 people (as of 2025-06-30)\n"
        )
    );
    // The city medal earns no treatment: its allowance is refused, the national medal's paid.
    env.write(
        "pay.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期\n{},全国奖章,劳模荣誉津贴,300,2025-06-30\n{},市奖章,劳模荣誉津贴,200,2025-06-30",
            id(1),
            id(3)
        ),
    );
    let r = env.run(&["import", "payouts", "pay.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "pay.csv 第3行 “类别”列 值“劳模荣誉津贴”：规则2：劳模荣誉津贴只发给享受市级及以上劳模待遇者，受领人最高：无（allowance.honor.min_level = city（自1900-01-01起，002_a544f0e0540b1fad.txt：“严格按照国家、省、市劳模管理办法规定的标准,按时足额为离退休劳模发放荣誉津贴”））\n\
             有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
        )
    );
    // The year-end report counts people by the treatment they earn.
    assert_eq!(
        figures(&env, "2025", &["treatment."]).join(" "),
        "treatment.national=0 treatment.provincial=1 treatment.city=1 treatment.district=1 \
         treatment.allowance.people=2 treatment.allowance.monthly=500.00"
    );
}

#[test]
fn the_treatment_table_is_dated_and_open_honours_earn_what_it_says() {
    let env = treatment_office();
    let r = env.run(&[
        "policy",
        "set",
        "treatment.craftsman",
        "市级",
        "--from",
        "2026-01-01",
        "--ref",
        "锡工〔2026〕1号",
    ]);
    r.ok();
    env.write(
        "pay.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期\n{a},工匠,劳模荣誉津贴,200,2025-12-31\n{a},工匠,劳模荣誉津贴,200,2026-01-01",
            a = id(4)
        ),
    );
    // The day before the value's date: none; the day of it: city treatment.
    let r = env.run(&["--lang", "en", "import", "payouts", "pay.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            1,
            "pay.csv row 2, column \"类别\", value \"劳模荣誉津贴\": rule 2: the model honour allowance (劳模荣誉津贴) goes only to holders of city-or-above model treatment; the recipient's highest: none (allowance.honor.min_level = city (from 1900-01-01, 002_a544f0e0540b1fad.txt：“严格按照国家、省、市劳模管理办法规定的标准,按时足额为离退休劳模发放荣誉津贴”))\n\
             rows were refused, so nothing was written (fix them and import again, or use --skip-invalid to import the valid rows)\n"
        )
    );
    assert_eq!(
        figures(&env, "2026", &["treatment."]).join(" "),
        "treatment.national=0 treatment.provincial=1 treatment.city=2 treatment.district=1 \
         treatment.allowance.people=3 treatment.allowance.monthly=700.00"
    );
    // A city standard of 2026 moves the monthly figure from its date.
    env.run(&[
        "policy",
        "set",
        "allowance.honor.monthly.city",
        "250",
        "--from",
        "2026-07-01",
    ])
    .ok();
    assert_eq!(
        figures(&env, "2026", &["treatment.allowance.monthly"]).join(" "),
        "treatment.allowance.monthly=800.00"
    );
}

// ---------------------------------------------------------------- honest references

#[test]
fn policy_list_says_which_defaults_no_source_states() {
    let env = Env::new();
    env.run(&["init"]).ok();
    let r = env.run(&["--format", "csv", "policy", "list"]);
    r.ok();
    let pick = |key: &str| {
        r.stdout
            .lines()
            .find(|l| l.starts_with(&format!("{key},")))
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        [
            pick("subsidy.studio.city"),
            pick("studio.city.min_team_size"),
            pick("hardship.grace_months"),
        ],
        [
            "subsidy.studio.city,20000.00,1900-01-01,否,000_a05a775954c4f4be.txt：“一次性补贴标准分别为2万元、4万元补贴资金”,金额（元）",
            "studio.city.min_team_size,5,1900-01-01,是,默认值（来源未载明，请按本地文件设置）,人数或件数",
            "hardship.grace_months,12,1900-01-01,否,003_3f373ac1b1eab687.txt：“对在档困难职工和一年内解困脱困职工开展走访慰问”,月数",
        ]
    );
    // No document title that no document bears.
    assert!(!r.stdout.contains("管理办法2.0"), "{}", r.stdout);
    assert!(!r.stdout.contains("工作惯例"), "{}", r.stdout);
    let json = env.run(&["--format", "json", "policy", "list"]).json();
    let unsourced = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["unsourced"] == true)
        .count();
    let sourced: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["unsourced"] == false)
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        sourced,
        [
            "allowance.honor.min_level",
            "hardship.grace_months",
            "studio.demo.min_years_named",
            "subsidy.studio.city",
            "subsidy.studio.city_demo",
            "subsidy.studio.kinds",
            "union.term_years",
        ]
    );
    assert!(unsourced > 20, "{unsourced}");
}

/// Studios of the given names and kinds led by 甲 (a city model), all eight criteria met (有劳模
/// only for a model studio), a team of 6 and results for 2024.
fn studios(list: &[(&str, &str)]) -> Env {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.write(
        "people.csv",
        &format!("姓名,身份证号,荣誉称号\n甲,{},市劳动模范", id(1)),
    );
    env.run(&["import", "people", "people.csv"]).ok();
    let mut rows = String::from(
        "工作室名称,类型,领衔人身份证号,领衔人,团队人数,有劳模,有团队,有场所,有制度,有经费,有计划,有活动,有成效",
    );
    let mut results = String::from("工作室名称,年份,创新课题");
    for (name, kind) in list {
        let model = if kind.starts_with("劳模") {
            "是"
        } else {
            "否"
        };
        rows.push_str(&format!(
            "\n{name},{kind},{},甲,6,{model},是,是,是,是,是,是,是",
            id(1)
        ));
        results.push_str(&format!("\n{name},2024,1"));
    }
    env.write("studios.csv", &rows);
    env.run(&["import", "studios", "studios.csv"]).ok();
    env.write("results.csv", &results);
    env.run(&["import", "studio-results", "results.csv"]).ok();
    env
}

#[test]
fn a_worker_studio_is_named_without_the_model_studios_subsidy() {
    let env = studios(&[
        ("职工工作室", "职工创新工作室"),
        ("劳模工作室", "劳模创新工作室"),
    ]);
    for s in ["职工工作室", "劳模工作室"] {
        env.run(&[
            "studio",
            "name",
            s,
            "--level",
            "city",
            "--date",
            "2025-05-20",
        ])
        .ok();
    }
    let paid = env
        .run(&[
            "--format",
            "json",
            "payouts",
            "list",
            "--category",
            "studio_subsidy",
        ])
        .json();
    let names: Vec<&str> = paid
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["recipient"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["劳模工作室"]);
    // Setting the kinds pays the worker studios from the value's date.
    env.run(&[
        "policy",
        "set",
        "subsidy.studio.kinds",
        "劳模创新工作室、职工创新工作室",
        "--from",
        "2026-01-01",
    ])
    .ok();
    let r = env.run(&["--format", "json", "policy", "show", "subsidy.studio.kinds"]);
    r.ok();
}

#[test]
fn a_revocation_case_sets_its_own_wait_and_recovers_the_subsidy_when_it_says_so() {
    let env = studios(&[("甲工作室", "劳模创新工作室")]);
    env.run(&[
        "studio",
        "name",
        "甲工作室",
        "--level",
        "city",
        "--date",
        "2025-05-20",
    ])
    .ok();
    for (key, value) in [
        ("studio.revocation.recover_subsidy_cases", "3"),
        ("studio.reapply_wait_years.case3", "5"),
    ] {
        env.run(&["policy", "set", key, value, "--from", "2000-01-01"])
            .ok();
    }
    let r = env.run(&[
        "--lang",
        "en",
        "studio",
        "revoke",
        "甲工作室",
        "--case",
        "3",
        "--date",
        "2025-09-01",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "revoked 甲工作室 (3: False application material), studio.reapply_wait_years.case3 = 5 (from 2000-01-01, no reference)\n\
             under case 3, the one-time subsidy of 20000.00 yuan is to be recovered (studio.revocation.recover_subsidy_cases = 3 (from 2000-01-01, no reference))\n\
             batch 7 (to undo: union undo 7)\n"
        )
    );
    // Case 3's own wait: five years, to the day.
    let not_revoked = |date: &str| {
        let v = env
            .run(&[
                "--format",
                "json",
                "studio",
                "apply",
                "甲工作室",
                "--level",
                "city",
                "--date",
                date,
                "--dry-run",
            ])
            .json();
        let rule = v["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == "not_revoked")
            .cloned()
            .unwrap();
        (
            rule["passed"].as_bool(),
            rule["gap"].to_string(),
            rule["params"][0]["key"].to_string(),
        )
    };
    assert_eq!(
        not_revoked("2030-08-31"),
        (
            Some(false),
            "\"撤销未满5年，尚差1天\"".to_string(),
            "\"studio.reapply_wait_years.case3\"".to_string()
        )
    );
    assert_eq!(not_revoked("2030-09-01").0, Some(true));
    // Another case keeps the general wait, and recovers nothing.
    env.run(&["undo", "7"]).ok();
    let r = env.run(&[
        "studio",
        "revoke",
        "甲工作室",
        "--case",
        "2",
        "--date",
        "2025-09-01",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "已撤销 甲工作室 的命名（2：年度考核不合格），studio.reapply_wait_years = 2（自1900-01-01起，默认值（来源未载明，请按本地文件设置））\n\
             批次 8（撤销：union undo 8）\n"
        )
    );
}

/// Rule 5 in `check payouts`: a studio subsidy paid to a kind `subsidy.studio.kinds` does not
/// list on the day paid is reported (the list set back to 劳模创新工作室 from the day of the
/// naming), and is not when the list changes only the day after.
#[test]
fn check_payouts_reports_a_subsidy_to_a_kind_the_list_leaves_out_on_the_day_paid() {
    let env = studios(&[
        ("职工工作室", "职工创新工作室"),
        ("劳模工作室", "劳模创新工作室"),
    ]);
    let set = |from: &str, value: &str| {
        env.run(&[
            "policy",
            "set",
            "subsidy.studio.kinds",
            value,
            "--from",
            from,
        ])
        .ok();
    };
    set("2025-01-01", "劳模创新工作室、职工创新工作室");
    for s in ["职工工作室", "劳模工作室"] {
        env.run(&[
            "studio",
            "name",
            s,
            "--level",
            "city",
            "--date",
            "2025-05-20",
        ])
        .ok();
    }
    // The day after the payout (the payout was made under the list that named both kinds),
    // then the day of it.
    let mut t = std::collections::BTreeMap::new();
    for (from, lang) in [
        ("2025-05-21", "zh"),
        ("2025-05-21", "en"),
        ("2025-05-20", "zh"),
        ("2025-05-20", "en"),
    ] {
        if lang == "zh" {
            set(from, "劳模创新工作室");
        }
        let transcript = t.entry(lang).or_insert_with(|| Transcript::new(&env, lang));
        transcript.step(&["check", "payouts", "--year", "2025"]);
    }
    for transcript in t.values() {
        transcript.pin("subsidy_kind");
    }
}

/// A title with its year in brackets after it, as rosters write them (`江苏省劳动模范（2015年）`),
/// is the title: stored as the provincial model title of 江苏省, the year left to 获评年份.
#[test]
fn a_title_with_its_year_in_brackets_is_the_title() {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.write(
        "people.csv",
        &format!(
            "姓名,身份证号,荣誉称号,获评年份\n甲,{},江苏省劳动模范（2015年）,2015\n乙,{},无锡工匠(2020),",
            id(1),
            id(2)
        ),
    );
    env.run(&["import", "people", "people.csv"]).ok();
    let r = env.run(&[
        "--format",
        "csv",
        "sql",
        "SELECT title, kind, place, level, year FROM honours ORDER BY id",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "title,kind,place,level,year\n省劳动模范,model,江苏省,3,2015\n无锡工匠,craftsman,,,\n"
        )
    );
}
