//! Issue 15, point 6: `union rollup` builds a city's file from three district files with
//! deliberate overlaps, each record once, and lists the conflicts between offices.

use crate::harness::{id_with_check, Env, Transcript};

fn districts(env: &Env) -> [String; 4] {
    let ids = [1, 2, 3, 4].map(|n| id_with_check(&format!("3202021970010100{n}")));
    let [a, b, c, d] = ids.clone();
    let files = [
        (
            "A",
            format!("姓名,身份证号,所属地区,荣誉称号,获评年份\n张三,{a},梁溪区,市劳动模范,2015\n李四,{b},梁溪区,,\n"),
        ),
        (
            "B",
            format!("姓名,身份证号,所属地区,荣誉称号,获评年份\n张三,{a},新吴区,全国劳动模范,2020\n李四四,{b},新吴区,,\n王五,{c},新吴区,区劳动模范,2018\n"),
        ),
        (
            "C",
            format!("姓名,身份证号,所属地区,荣誉称号,获评年份\n赵六,{d},锡山区,市劳动模范,2019\n王五,{c},锡山区,区劳动模范,2018\n"),
        ),
    ];
    for (db, people) in files {
        env.write(&format!("{db}.csv"), &people);
        env.run(&[
            "--db",
            &format!("{db}.db"),
            "import",
            "people",
            &format!("{db}.csv"),
        ])
        .ok();
    }
    let payouts = |rows: &str| format!("身份证号,姓名,类别,金额,发放日期,凭证号\n{rows}");
    env.write(
        "pa.csv",
        &payouts(&format!("{c},王五,春节慰问,500,2025-01-20,A-1\n")),
    );
    env.write(
        "pb.csv",
        &payouts(&format!(
            "{c},王五,春节慰问,800,2025-01-25,B-1\n{c},王五,春节慰问,800,2024-01-25,B-0\n"
        )),
    );
    env.write(
        "pc.csv",
        // A-1 is A's voucher for another payout: listed, not copied.
        &payouts(&format!(
            "{d},赵六,送清凉,200,2025-07-01,C-1\n{d},赵六,送清凉,300,2025-07-15,A-1\n"
        )),
    );
    env.write(
        "ha.csv",
        &format!("身份证号,姓名,困难类型,建档日期\n{d},赵六,深度困难,2024-01-01\n"),
    );
    env.write(
        "hc.csv",
        &format!("身份证号,姓名,困难类型,建档日期,脱困日期,退出原因\n{d},赵六,相对困难,2023-06-01,2024-01-01,脱困\n{d},赵六,相对困难,2020-01-01,2023-05-31,脱困\n"),
    );
    for (db, kind, file) in [
        ("A.db", "payouts", "pa.csv"),
        ("B.db", "payouts", "pb.csv"),
        ("C.db", "payouts", "pc.csv"),
        ("A.db", "hardship", "ha.csv"),
        ("C.db", "hardship", "hc.csv"),
    ] {
        env.run(&["--db", db, "import", kind, file]).ok();
    }
    ids
}

#[test]
fn three_districts_roll_up_into_a_city_each_record_once_with_the_conflicts_listed() {
    let env = Env::new();
    districts(&env);
    let r = env.run(&["rollup", "A.db", "B.db", "C.db", "-o", "city.db"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "已并入 A.db：新增 7 条记录（批次 1）\n\
             已并入 B.db：新增 4 条记录（批次 2）\n\
             已并入 C.db：新增 4 条记录（批次 3）\n\
             ┌──────────────────────────────────────┬────────────────────┬─────────────────────────────────────┬───────────┐\n\
             │ 冲突                                 ┆ 身份证号           ┆ 内容                                ┆ 涉及的库  │\n\
             ╞══════════════════════════════════════╪════════════════════╪═════════════════════════════════════╪═══════════╡\n\
             │ 同一身份证号两个姓名                 ┆ 320202********0025 ┆ 李四,李四四                         ┆ A.db,B.db │\n\
             │ 同一年度或活动内两个单位各发一次     ┆ 320202********0033 ┆ 春节慰问 2024-11-01～2025-10-31     ┆ A.db,B.db │\n\
             │ 两个单位同时在档的困难档案           ┆ 320202********0041 ┆ 2024-01-01~ / 2023-06-01~2024-01-01 ┆ A.db,C.db │\n\
             │ 同一凭证号两笔不同发放（只并入先者） ┆ 320202********0033 ┆ A-1                                 ┆ A.db,C.db │\n\
             └──────────────────────────────────────┴────────────────────┴─────────────────────────────────────┴───────────┘\n",
            ""
        )
    );
    // Each person once, at the highest level any office holds for them; payouts each once.
    let v = env
        .run(&[
            "--db", "city.db", "--format", "json", "report", "year-end", "--year", "2025",
        ])
        .ok()
        .json();
    for (key, want) in [
        ("models.total", 3),
        ("models.national", 1),
        ("models.city", 1),
        ("models.district", 1),
        ("payouts.festival_condolence.count", 2),
        ("payouts.festival_condolence.people", 1),
        ("payouts.summer_cooling.count", 1),
        ("hardship.open", 1),
    ] {
        assert_eq!(v[key], want, "{key}");
    }
    let people = env
        .run(&["--db", "city.db", "--format", "json", "people", "list"])
        .json();
    let districts: Vec<(&str, &str)> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["district"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        districts,
        [
            ("王五", "新吴区"),
            ("张三", "梁溪区"),
            ("李四", "梁溪区"),
            ("赵六", "锡山区")
        ]
    );
    env.run(&["--db", "city.db", "log", "--verify"]).ok();
    // Again: nothing new, the same conflicts (English this time).
    let r = env.run(&[
        "--lang", "en", "rollup", "A.db", "B.db", "C.db", "-o", "city.db", "--format", "csv",
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            1,
            "rolled up A.db: 0 records added (batch 4)\n\
             rolled up B.db: 0 records added (batch 5)\n\
             rolled up C.db: 0 records added (batch 6)\n\
             Conflict,ID number,Detail,Files\n\
             \"one ID number, two names\",320202********0025,\"李四,李四四\",\"A.db,B.db\"\n\
             paid by two offices in one season or campaign,320202********0033,Spring Festival condolence 2024-11-01～2025-10-31,\"A.db,B.db\"\n\
             hardship files open at once in two offices,320202********0041,2024-01-01~ / 2023-06-01~2024-01-01,\"A.db,C.db\"\n\
             \"one voucher, two different payouts (the first kept)\",320202********0033,A-1,\"A.db,C.db\"\n"
        )
    );
    // A district's part is a batch: undone, its records go (those no other office gave).
    env.run(&["--db", "city.db", "undo", "3"]).ok();
    let v = env
        .run(&[
            "--db", "city.db", "--format", "json", "report", "year-end", "--year", "2025",
        ])
        .ok()
        .json();
    assert_eq!(v["payouts.summer_cooling.count"], 0);
}

#[test]
fn a_rollup_needs_a_target_apart_from_its_sources() {
    let env = Env::new();
    districts(&env);
    let r = env.run(&["rollup", "A.db", "B.db"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "错误：请用 -o 指定全市汇总的数据库文件，如 union rollup A.db B.db -o 全市.db\n"
        )
    );
    let r = env.run(&["rollup", "A.db", "B.db", "-o", "B.db"]);
    assert_eq!(r.code, 2);
    let r = env.run(&["rollup", "A.db", "missing.db", "-o", "city.db"]);
    assert_eq!(r.code, 2);
    assert!(!env.path("city.db").exists());
}

/// Issue 15's union figures by statistics date roll up with their unions: each union once (by
/// name), each of its dates once, so the city's 净增农民工会员 counts a union two offices report
/// once.
#[test]
fn union_figures_roll_up_by_date_and_the_city_counts_a_shared_union_once() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        let ledger = |rows: &str| format!("工会名称,所属地区,农民工会员人数,统计日期\n{rows}");
        for (db, file, rows) in [
            ("A.db", "a23.csv", "甲工会,梁溪区,30,2023-12-31\n"),
            ("A.db", "a24.csv", "甲工会,梁溪区,45,2024-12-31\n"),
            ("B.db", "b23.csv", "乙工会,新吴区,50,2023-12-31\n"),
            ("B.db", "b24.csv", "乙工会,新吴区,40,2024-12-31\n"),
            // B has A's union's later figure: the city's union row takes it (A's file is first).
            ("B.db", "b25.csv", "甲工会,梁溪区,50,2025-06-30\n"),
            // C reports A's union too (same figure on the same date), and one of its own.
            (
                "C.db",
                "c24.csv",
                "甲工会,梁溪区,45,2024-12-31\n丙工会,锡山区,20,2024-12-31\n",
            ),
        ] {
            env.write(file, &ledger(rows));
            env.run(&["--db", db, "import", "unions", file]).ok();
        }
        let net = |db: &str| {
            env.run(&[
                "--db", db, "--format", "json", "report", "year-end", "--year", "2024",
            ])
            .ok()
            .json()["members.migrant_net_new"]
                .clone()
        };
        // Each office's own: 15, -10, 65 (甲 at B has no figure by 2024's end).
        assert_eq!(
            [net("A.db"), net("B.db"), net("C.db")],
            [15, -10, 65],
            "{lang}"
        );
        let mut t = crate::harness::Transcript::new(&env, lang);
        t.step(&["rollup", "A.db", "B.db", "C.db", "-o", "city.db"])
            .step(&["--db", "city.db", "--format", "csv", "unions", "list"])
            .step(&["--db", "city.db", "unions", "show", "甲工会"]);
        t.pin("rollup_union_figures");
        // The city: (45 + 40 + 20) - (30 + 50) = 25, not 15 - 10 + 65; 2025: 甲 50 at B.
        assert_eq!(net("city.db"), 25, "{lang}");
        let v = env
            .run(&[
                "--db", "city.db", "--format", "json", "report", "year-end", "--year", "2025",
            ])
            .ok()
            .json();
        assert_eq!(v["members.migrant_net_new"], 5, "{lang}");
        env.run(&["--db", "city.db", "log", "--verify"]).ok();
    }
}

/// Campaigns roll up too: each once by name, and a payout counted once per campaign is a
/// conflict when two offices paid it in one campaign — 2024-10-25 and 2024-11-05 fall in two
/// seasons (春节慰问's starts 11-01) but in one campaign (10-20～11-30), so they conflict; one
/// paid the day after the campaign ends counts in its season apart from it. A campaign of one
/// name defined otherwise by another office, or overlapping one of its category, is not copied
/// and is listed. Pinned whole in both languages.
#[test]
fn campaigns_roll_up_and_count_payouts_once_per_campaign_across_offices() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        let mut t = Transcript::new(&env, lang);
        let x = id_with_check("32020219600101004");
        env.write(
            "people.csv",
            &format!("姓名,身份证号,荣誉称号,获评年份\n钱七,{x},市劳动模范,2010\n"),
        );
        let payouts = |rows: &[(&str, &str)]| {
            let mut text = "身份证号,姓名,类别,金额,发放日期,凭证号".to_string();
            for (on, voucher) in rows {
                text.push_str(&format!("\n{x},钱七,春节慰问,500,{on},{voucher}"));
            }
            text
        };
        env.write("pa.csv", &payouts(&[("2024-10-25", "A-1")]));
        env.write("pb.csv", &payouts(&[("2024-11-05", "B-1")]));
        env.write("pc.csv", &payouts(&[("2024-12-01", "C-1")]));
        for db in ["A.db", "B.db", "C.db"] {
            env.run(&["--db", db, "init"]).ok();
            env.run(&["--db", db, "import", "people", "people.csv"])
                .ok();
        }
        let campaign = |db: &str, name: &str, from: &str, to: &str| {
            env.run(&[
                "--db",
                db,
                "campaign",
                "add",
                name,
                "--category",
                "春节慰问",
                "--from",
                from,
                "--to",
                to,
            ])
            .ok();
        };
        campaign("A.db", "秋季送温暖", "2024-10-20", "2024-11-30");
        campaign("B.db", "秋季送温暖", "2024-10-20", "2024-11-30");
        campaign("C.db", "秋季送温暖", "2024-10-20", "2024-11-15");
        campaign("C.db", "冬季送温暖", "2024-11-20", "2025-01-31");
        for (db, file) in [("A.db", "pa.csv"), ("B.db", "pb.csv"), ("C.db", "pc.csv")] {
            env.run(&["--db", db, "import", "payouts", file]).ok();
        }
        for args in [
            &["rollup", "A.db", "B.db", "C.db", "-o", "city.db"][..],
            &["--db", "city.db", "campaign", "list"],
        ] {
            t.step(args);
        }
        t.pin("rollup_campaigns");
    }
}
