//! Issue 15, point 5: the source reports' figures, reproduced by `report year-end` from
//! record-level ledgers that a generator writes (as offices keep them: a title row above the
//! header), each beside records just outside the figure's boundary.

use crate::harness::{id_with_check, Env};

fn year_end(env: &Env, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json", "report", "year-end"];
    all.extend_from_slice(args);
    env.run(&all).ok().json()
}

/// 无锡 2015: "无锡全市基层工会组织达到13480个，覆盖法人单位62368个，工会会员244.13万人".
#[test]
fn wuxi_2015_has_13480_unions_covering_62368_units_with_2441300_members() {
    let env = Env::new();
    let mut csv = String::from(
        "2015年无锡市基层工会组织统计\n工会名称,所属地区,建会形式,覆盖法人单位数,成立日期,职工人数,会员人数\n",
    );
    // 10,000 unions of one unit each (the count left blank counts 1), 3,480 joint unions
    // covering 15 units (168 of them 16): 10,000 + 52,200 + 168 = 62,368 units. Members: 181
    // each and one more in the first 1,420: 2,439,880 + 1,420 = 2,441,300.
    for n in 0..13_480 {
        let (form, units) = if n < 10_000 {
            ("单独建会", String::new())
        } else if n < 10_168 {
            ("联合工会", "16".to_string())
        } else {
            ("联合工会", "15".to_string())
        };
        let members = if n < 1_420 { 182 } else { 181 };
        // The last union was founded on the year's last day.
        let founded = if n == 13_479 {
            "2015-12-31"
        } else {
            "2008-06-01"
        };
        csv.push_str(&format!(
            "基层工会{n},无锡市,{form},{units},{founded},{},{members}\n",
            members + 20
        ));
    }
    // Founded the day after the year's end: not in 2015's figures.
    csv.push_str("新成立工会,无锡市,联合工会,9,2016-01-01,100,90\n");
    env.write("unions.csv", &csv);
    env.run(&["import", "unions", "unions.csv"]).ok();
    let v = year_end(&env, &["--year", "2015"]);
    assert_eq!(v["unions.total"], 13_480);
    assert_eq!(v["unions.units_covered"], 62_368);
    assert_eq!(v["members.total"], 2_441_300);
    assert_eq!(v["unions.by_form.joint"], 3_480);
    let v = year_end(&env, &["--year", "2016"]);
    assert_eq!(v["unions.total"], 13_481);
}

/// Carriers named in `year` (and in others): (name prefix, type, level, count, named on).
fn carriers_csv(rows: &[(&str, &str, &str, usize, &str, &str)]) -> String {
    let mut csv = String::from("载体命名台账\n名称,类型,级别,所属地区,命名日期\n");
    for (prefix, programme, level, count, on, district) in rows {
        for n in 0..*count {
            csv.push_str(&format!(
                "{prefix}{n},{programme},{level},{district},{on}\n"
            ));
        }
    }
    csv
}

/// 无锡 2015: "新增全国模范职工之家15个、全国模范职工小家14个；江苏省模范职工之家27个，江苏省模范职工
/// 小家26个" and "新建市级职工书屋示范点20家、省级…8家、国家级…5家".
#[test]
fn wuxi_2015_names_15_14_national_27_26_provincial_homes_and_5_8_20_reading_rooms() {
    let env = Env::new();
    env.write(
        "c.csv",
        &carriers_csv(&[
            (
                "全国之家",
                "模范职工之家",
                "全国",
                15,
                "2015-04-28",
                "无锡市",
            ),
            (
                "全国小家",
                "模范职工小家",
                "全国",
                14,
                "2015-04-28",
                "无锡市",
            ),
            ("省之家", "模范职工之家", "省级", 27, "2015-01-01", "无锡市"),
            ("省小家", "模范职工小家", "省级", 26, "2015-12-31", "无锡市"),
            ("国家书屋", "职工书屋", "全国", 5, "2015-09-01", "无锡市"),
            ("省书屋", "职工书屋", "省级", 8, "2015-09-01", "无锡市"),
            ("市书屋", "职工书屋", "市级", 20, "2015-06-01", "无锡市"),
            // Just outside 2015: the day before and the day after.
            ("旧之家", "模范职工之家", "全国", 3, "2014-12-31", "无锡市"),
            ("新小家", "模范职工小家", "省级", 2, "2016-01-01", "无锡市"),
        ]),
    );
    env.run(&["import", "carriers", "c.csv"]).ok();
    // A provincial home of 2015 that was a city home since 2013 is still new at provincial level.
    env.write(
        "c2.csv",
        "名称,类型,级别,命名日期\n省之家0,模范职工之家,市级,2013-05-01\n",
    );
    env.run(&["import", "carriers", "c2.csv"]).ok();
    let v = year_end(&env, &["--year", "2015"]);
    for (key, want) in [
        ("carriers.model_home.new.national", 15),
        ("carriers.model_small_home.new.national", 14),
        ("carriers.model_home.new.provincial", 27),
        ("carriers.model_small_home.new.provincial", 26),
        ("carriers.reading_room.new.national", 5),
        ("carriers.reading_room.new.provincial", 8),
        ("carriers.reading_room.new.city", 20),
        ("carriers.model_home.national", 18),
        ("carriers.model_home.new.city", 0),
        ("carriers.model_home.city", 0),
    ] {
        assert_eq!(v[key], want, "{key}");
    }
}

/// 贾汪区: "已建成76个职工书屋，其中2个全国职工书屋，7个省级职工书屋，20个市级职工书屋，47个区级".
#[test]
fn jiawang_has_76_reading_rooms_2_national_7_provincial_20_city_47_district() {
    let env = Env::new();
    env.write(
        "c.csv",
        &carriers_csv(&[
            // Every room was first a district room; some rose since: each counts once, at its
            // highest level.
            ("书屋", "职工书屋", "区级", 76, "2012-05-01", "贾汪区"),
            ("书屋", "职工书屋", "市级", 29, "2014-05-01", "贾汪区"),
            ("书屋", "职工书屋", "省级", 9, "2016-05-01", "贾汪区"),
            ("书屋", "职工书屋", "全国", 2, "2018-05-01", "贾汪区"),
            // Another district's rooms are not Jiawang's.
            ("铜山书屋", "职工书屋", "全国", 4, "2018-05-01", "铜山区"),
        ]),
    );
    env.run(&["import", "carriers", "c.csv"]).ok();
    let v = year_end(&env, &["--year", "2018", "--district", "贾汪区"]);
    let counts: Vec<i64> = ["national", "provincial", "city", "district"]
        .iter()
        .map(|l| v[format!("carriers.reading_room.{l}")].as_i64().unwrap())
        .collect();
    assert_eq!(counts, [2, 7, 20, 47]);
    assert_eq!(counts.iter().sum::<i64>(), 76);
    // Before the national namings (2017) the two were provincial rooms.
    let v = year_end(&env, &["--year", "2017", "--district", "贾汪区"]);
    assert_eq!(v["carriers.reading_room.national"], 0);
    assert_eq!(v["carriers.reading_room.provincial"], 9);
}

/// 无锡 2015: "14名同志荣获全国劳动模范和先进工作者称号，301名同志被评为无锡市劳动模范".
#[test]
fn wuxi_2015_awards_14_national_and_301_city_models() {
    let env = Env::new();
    let mut csv =
        String::from("2015年劳模表彰名单\n姓名,身份证号,荣誉称号,获评年份,状态,去世日期\n");
    let mut n = 0;
    let mut add = |csv: &mut String, title: &str, year: i32, count: usize, died: &str| {
        for _ in 0..count {
            let id = id_with_check(&format!(
                "3202021970{:02}{:02}{:03}",
                1 + n / 900,
                1 + n % 28,
                n % 1000
            ));
            let status = if died.is_empty() { "" } else { "去世" };
            csv.push_str(&format!("劳模{n},{id},{title},{year},{status},{died}\n"));
            n += 1;
        }
    };
    add(&mut csv, "全国劳动模范", 2015, 10, "");
    add(&mut csv, "全国先进工作者", 2015, 4, "");
    add(&mut csv, "无锡市劳动模范", 2015, 300, "");
    // Died after the year's end: alive at the end of 2015, one of the 301.
    add(&mut csv, "无锡市劳动模范", 2015, 1, "2016-03-01");
    // Died on the year's last day: not counted among the living.
    add(&mut csv, "无锡市劳动模范", 2015, 1, "2015-12-31");
    // Awarded the year before.
    add(&mut csv, "无锡市劳动模范", 2014, 5, "");
    add(&mut csv, "全国劳动模范", 2010, 2, "");
    env.write("models.csv", &csv);
    env.run(&["import", "people", "models.csv"]).ok();
    let v = year_end(&env, &["--year", "2015"]);
    assert_eq!(v["models.new.national"], 14);
    assert_eq!(v["models.new.city"], 301);
    assert_eq!(v["models.new.provincial"], 0);
}
