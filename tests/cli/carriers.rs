//! Carriers and programmes (issue 15, point 3): import with refusals, declared criteria,
//! `carrier apply` verdicts at their boundaries, list masking, export round trip, undo, and the
//! year-end carrier keys.

use crate::harness::{id_with_check, Env};

fn ledger(env: &Env) -> String {
    let id = id_with_check("32020219700101001");
    let text = format!(
        "名称,类型,级别,单位,所属地区,命名日期,批次,带头人身份证号,带头人,达标项\n\
         周建华,技能标兵,市级,华光集团,梁溪区,2025-03-01,,{id},周建华,\n\
         数控班,星级示范岗,一星,华光集团,梁溪区,2024-05-01,1,{id},周建华,有团队、有场地、有经费、有管理、有标志、有成效\n\
         大吴街道职工书屋,职工书屋,区级,,贾汪区,2019-04-01,,,,\n\
         大吴街道职工书屋,职工书屋,市级,,贾汪区,2022-04-01,,,,\n"
    );
    env.write("car.csv", &text);
    id
}

fn declared() -> Env {
    let env = Env::new();
    ledger(&env);
    env.run(&["import", "carriers", "car.csv"]).ok();
    env.run(&[
        "programme",
        "set",
        "星级示范岗",
        "--criteria",
        "有团队,有场地,有经费,有管理,有标志,有成效",
        "--leader",
        "any-honour",
    ])
    .ok();
    env
}

#[test]
fn carriers_import_once_are_listed_masked_and_export_back() {
    let env = Env::new();
    ledger(&env);
    let r = env.run(&["import", "carriers", "car.csv"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "读取 4 行：新增 4，更新 0，未变 0，不合格 0，跳过 0；批次 1\n写入记录：人员 新增 1；载体 新增 4\n"
        )
    );
    let r = env.run(&["import", "carriers", "car.csv"]);
    assert_eq!(
        r.stdout,
        "读取 4 行：新增 0，更新 0，未变 4，不合格 0，跳过 0；批次 2\n"
    );
    env.run(&["export", "carriers", "-o", "cex.csv"]).ok();
    assert_eq!(
        std::fs::read_to_string(env.path("cex.csv")).unwrap(),
        "\u{feff}名称,类型,级别,单位,所属地区,命名日期,批次,带头人身份证号,带头人,达标项\n\
         周建华,技能标兵,市级,华光集团,梁溪区,2025-03-01,,320202********0017,周建华,\n\
         数控班,星级示范岗,一星,华光集团,梁溪区,2024-05-01,1,320202********0017,周建华,\"有团队,有场地,有经费,有管理,有标志,有成效\"\n\
         大吴街道职工书屋,职工书屋,区级,,贾汪区,2019-04-01,,,,\n\
         大吴街道职工书屋,职工书屋,市级,,贾汪区,2022-04-01,,,,\n"
    );
    env.run(&["--unmask", "export", "carriers", "-o", "full.csv"])
        .ok();
    env.run(&["--db", "copy.db", "import", "carriers", "full.csv"])
        .ok();
    env.run(&[
        "--db",
        "copy.db",
        "--unmask",
        "export",
        "carriers",
        "-o",
        "full2.csv",
    ])
    .ok();
    assert_eq!(
        std::fs::read(env.path("full2.csv")).unwrap(),
        std::fs::read(env.path("full.csv")).unwrap()
    );
    let r = env.run(&[
        "edit",
        "carriers",
        "职工书屋/大吴街道职工书屋/市级",
        "命名日期=2022-05-01",
    ]);
    assert_eq!(
        r.stdout,
        "已修改“职工书屋/大吴街道职工书屋/市级”：命名日期“2022-04-01”→“2022-05-01”\n批次 3（撤销：union undo 3）\n"
    );
    env.run(&["undo", "3"]).ok();
    env.run(&["undo", "1"]).ok();
    assert_eq!(env.run(&["carriers", "list"]).stdout, "（无记录）\n");
    env.run(&["log", "--verify"]).ok();
}

#[test]
fn carrier_rows_of_unknown_programmes_wrong_levels_or_unknown_leaders_are_refused() {
    let env = Env::new();
    env.write(
        "bad.csv",
        &format!(
            "名称,类型,级别,带头人身份证号,带头人\n\
             甲岗,星级示范岗,市级,,\n\
             乙家,巾帼家,市级,,\n\
             丙书屋,职工书屋,三星,,\n\
             丁岗,星级示范岗,一星,,王五\n\
             戊岗,星级示范岗,一星,{},\n",
            id_with_check("32010219700101001")
        ),
    );
    let r = env.run(&["import", "carriers", "bad.csv"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "读取 5 行：不合格 5，跳过 0；未写入任何记录\n",
            "bad.csv 第2行 “级别”列 值“市级”：这类载体按星级命名：一星、二星、三星\n\
             bad.csv 第3行 “类型”列 值“巾帼家”：不是已有的载体类型：内置的有 职工书屋、模范职工之家、模范职工小家、星级示范岗、技能标兵，其他类型先用 union programme set 声明\n\
             bad.csv 第4行 “级别”列 值“三星”：这类载体按级别命名：区级、市级、省级、全国\n\
             bad.csv 第5行 “带头人身份证号”列 值“”：填了带头人姓名，还须填带头人身份证号\n\
             bad.csv 第6行 “带头人身份证号”列 值“320102197001010011”：带头人未登记：请先导入人员，或在“带头人”列填写姓名\n\
             有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
        )
    );
    // A declared programme takes carriers; with --stars, by stars.
    env.run(&["programme", "set", "巾帼家", "--criteria", "有阵地"])
        .ok();
    env.write("ok.csv", "名称,类型,级别\n乙家,巾帼家,市级\n");
    env.run(&["import", "carriers", "ok.csv"]).ok();
}

#[test]
fn carrier_apply_explains_each_rule_and_the_leader_qualifies_from_the_day_named() {
    let env = declared();
    let r = env.run(&[
        "carrier",
        "apply",
        "数控班",
        "--level",
        "二星",
        "--date",
        "2025-03-01",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "数控班 申报星级示范岗二星（2025-03-01）：符合\n \
             ✓ 级别符合该类载体的命名方式\n     依据：星级示范岗按星级命名（一星至三星）\n \
             ✓ 达到项目声明的全部标准\n     依据：已达：有团队，有场地，有经费，有管理，有标志，有成效；须达：有团队，有场地，有经费，有管理，有标志，有成效\n \
             ✓ 带头人健在且有荣誉（劳模称号、五一劳动奖章，或是其他载体的带头人）\n     依据：带头人周建华：技能标兵：周建华\n \
             ✓ 尚未命名为该级别或更高级别\n     依据：尚无该级别或更高级别的命名\n"
        )
    );
    let r = env.run(&[
        "--lang",
        "en",
        "carrier",
        "apply",
        "数控班",
        "--level",
        "一星",
        "--date",
        "2025-02-28",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            1,
            "数控班 applying for 星级示范岗 at One star level (2025-02-28): not eligible, 2 rules not met\n \
             ✓ the level is one this programme names at\n     evidence: 星级示范岗 names by stars (one to three)\n \
             ✓ meets every criterion the programme declares\n     evidence: met: 有团队, 有场地, 有经费, 有管理, 有标志, 有成效; required: 有团队, 有场地, 有经费, 有管理, 有标志, 有成效\n \
             ✗ the leader is alive and holds an honour (a model title, a May Day medal, or leads another programme's carrier)\n     evidence: the leader 周建华 holds no honour on file and leads no other programme's carrier\n \
             ✗ not yet named at this level or higher\n     evidence: already named One star (2024-05-01)\n"
        )
    );
    // Criteria not met are named; the reading room, with no rules declared, needs only a level.
    env.run(&[
        "programme",
        "set",
        "职工书屋",
        "--criteria",
        "有场地,有图书",
    ])
    .ok();
    let v = env
        .run(&[
            "--format",
            "json",
            "carrier",
            "apply",
            "大吴街道职工书屋",
            "--level",
            "省级",
            "--date",
            "2026-01-01",
        ])
        .code(1)
        .json();
    assert_eq!(v["rules"][1]["gap"], "未达：有场地，有图书");
    assert_eq!(v["eligible"], false);
    let r = env.run(&["carrier", "apply", "数控班", "--level", "五星"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "错误：“五星”不是 --level <LEVEL> 的有效值；可用：区级、市级、省级、全国、一星、二星、三星\n\n\
             更多说明请加 --help\n"
        )
    );
    // A programme declared is a batch that undo takes back.
    let r = env.run(&["programme", "list", "--format", "csv"]);
    assert_eq!(
        r.stdout.trim_start_matches('\u{feff}'),
        "类型,命名标准,带头人要求,按星级\n职工书屋,\"有场地,有图书\",不限,否\n模范职工之家,,不限,否\n模范职工小家,,不限,否\n星级示范岗,\"有团队,有场地,有经费,有管理,有标志,有成效\",任一荣誉,是\n技能标兵,,不限,否\n"
    );
    env.run(&["undo", "3"]).ok();
    let v = env.run(&["--format", "json", "programme", "list"]).json();
    assert_eq!(v[0]["criteria"], "");
}

#[test]
fn year_end_counts_carriers_at_their_highest_level_and_namings_in_the_year() {
    let env = declared();
    let year = |y: &str| {
        env.run(&["--format", "json", "report", "year-end", "--year", y])
            .json()
    };
    let v = year("2022");
    assert_eq!(v["carriers.reading_room.city"], 1);
    assert_eq!(v["carriers.reading_room.district"], 0);
    assert_eq!(v["carriers.reading_room.new.city"], 1);
    let v = year("2021");
    assert_eq!(v["carriers.reading_room.city"], 0);
    assert_eq!(v["carriers.reading_room.district"], 1);
    assert_eq!(v["carriers.reading_room.new.city"], 0);
    let v = year("2025");
    assert_eq!(v["carriers.star_post.one_star"], 1);
    assert_eq!(v["carriers.skills_pacesetter.new.city"], 1);
    assert_eq!(v["carriers.star_post.new.one_star"], 0);
}
