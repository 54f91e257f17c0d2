//! Issue 15's kinds tried the way an office would and by a hostile hand: a WPS-style workbook
//! (merged title, blank row, hidden column, full-width digits, 是/否 variants, dates in every
//! spelling, 合计/制表人/审核人/填报日期 lines), a GBK CSV, and the cases that were fixed
//! (a file with a header and no rows; a revocation's flags), each pinned whole in both
//! languages.

use crate::harness::{credit_with_check, id_with_check, Env, Transcript};

/// A union workbook as WPS saves one: a merged title, a blank row, a hidden 备注 column,
/// numbers typed with full-width digits, 是/否 as √ ✓ 有 无, dates as 2001.5.1, 2021年6月1日
/// and a date cell, and the footer lines offices add.
fn wps_unions(env: &Env) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    ws.merge_range(
        0,
        0,
        0,
        8,
        "2025年梁溪区基层工会组织情况统计表",
        &Format::new(),
    )
    .unwrap();
    let header = [
        "序号",
        "工会名称",
        "建会形式",
        "所在单位信用代码",
        "成立日期",
        "职工人数",
        "会员人数",
        "农民工会员人数",
        "职代会",
        "备注",
        "统计日期",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let unit = credit_with_check("91320200MA1M00011");
    let rows: [[&str; 11]; 4] = [
        [
            "1",
            "华光集团工会",
            "单独建会",
            &unit,
            "2001.5.1",
            "１２００",
            "1,180",
            "３００",
            "√",
            "内部",
            "2024年12月31日",
        ],
        [
            "2",
            "崇安寺商圈联合工会",
            "联合工会",
            "",
            "",
            "900",
            "860",
            "500",
            "无",
            "",
            "",
        ],
        [
            "3",
            "南长街 工会",
            "联合工会",
            "",
            "2018/3/1",
            "４００",
            "３４０",
            "",
            "✓",
            "",
            "2024.12.31",
        ],
        [
            "4",
            "北大街工会",
            "联合工会",
            "",
            "2019年5月1日",
            "100",
            "90",
            "10",
            "有",
            "",
            "2024-12-31",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16, *v).unwrap();
            }
        }
    }
    // 成立日期 and 统计日期 of row 2 as date cells.
    ws.write_datetime_with_format(4, 4, ExcelDateTime::from_ymd(2015, 3, 1).unwrap(), &date)
        .unwrap();
    ws.write_datetime_with_format(4, 10, ExcelDateTime::from_ymd(2024, 12, 31).unwrap(), &date)
        .unwrap();
    ws.set_column_hidden(9).unwrap();
    ws.write_string(7, 1, "合计").unwrap();
    ws.write_number(7, 5, 2600.0).unwrap();
    ws.write_string(8, 0, "制表人：王芳").unwrap();
    ws.write_string(8, 4, "审核人：李强").unwrap();
    ws.write_string(9, 0, "填报日期：2025年1月5日").unwrap();
    book.save(env.path("基层工会.xlsx")).unwrap();
}

#[test]
fn a_wps_union_workbook_and_a_gbk_csv_import_as_an_office_keeps_them() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        wps_unions(&env);
        env.write_gbk(
            "unions_gbk.csv",
            "2025年基层工会台账\n工会名称,会员人数,农民工会员人数,职代会,统计日期\n\
             惠山工会,１２０,３０,是,2024年12月31日\n锡山工会,80,10,否,2024.12.31\n\
             合计,200,40,,\n制表人：王芳,,审核人：李强,,\n",
        );
        let mut t = Transcript::new(&env, lang);
        t.step(&["import", "unions", "基层工会.xlsx", "--dry-run"])
            .step(&["import", "unions", "基层工会.xlsx"])
            .step(&["import", "unions", "unions_gbk.csv"])
            .step(&["--format", "csv", "unions", "list"]);
        t.pin("messy15_unions");
    }
}

/// A header and no rows (a sheet left empty, a template sent back blank): said, no batch.
#[test]
fn a_header_without_rows_is_said_and_makes_no_batch() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        env.write("unions.csv", "工会名称,会员人数\n");
        env.write("carriers.csv", "名称,类型,级别\n合计,,\n");
        env.write_xlsx(
            "agreements.xlsx",
            "Sheet1",
            &crate::harness::rows("统一社会信用代码,生效日期,到期日期,协议编号"),
        );
        let mut t = Transcript::new(&env, lang);
        t.step(&["import", "unions", "unions.csv"])
            .step(&["import", "carriers", "carriers.csv"])
            .step(&["import", "agreements", "agreements.xlsx"])
            .step(&["import", "list"]);
        t.pin("messy15_no_rows");
    }
}

/// Hostile rows of the new kinds: every one refused with its row, column and value, nothing
/// written.
#[test]
fn hostile_rows_of_the_new_kinds_are_named_and_nothing_is_written() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        let long = "甲".repeat(10_000);
        env.write(
            "unions.csv",
            &format!(
                "工会名称,职工人数,会员人数,农民工会员人数,覆盖法人单位数,统计日期\n\
                 =1+1,10,5,1,1,2024-12-31\n\
                 巨数工会,99999999999999999999,5,,,\n\
                 负数工会,-5,-3,,-1,\n\
                 会员多于职工,10,20,,,\n\
                 {long},10,5,,,\n\
                 小数工会,10.5,5,,,\n\
                 未来工会,10,5,,,2099-01-01\n"
            ),
        );
        env.write(
            "carriers.csv",
            &format!(
                "名称,类型,级别,批次\n书屋甲,职工书屋,全国,99999999999999999999\n\
                 书屋乙,职工书屋,五星,-1\n书屋丙,,区级,\n{long},职工书屋,区级,1\n=1+1,职工书屋,区级,1\n"
            ),
        );
        let c = credit_with_check("91320200MA1M00011");
        env.write(
            "agreements.csv",
            &format!(
                "统一社会信用代码,生效日期,到期日期,覆盖职工人数,协议编号\n\
                 {c},2024-01-01,2023-01-01,-5,A\n{c},2025-01-01,2026-01-01,99999999999999999999,{long}\n"
            ),
        );
        let p = id_with_check("32020219700101001");
        env.write(
            "hardship.csv",
            &format!(
                "身份证号,姓名,困难类型,建档日期,家庭年收入,刚性支出,家庭人口\n\
                 {p},周一,深度困难,2024-01-01,-100,99999999999999999999,0\n\
                 {p},周一,相对困难,2025-01-01,abc,=1+1,-2\n"
            ),
        );
        env.write("empty.csv", "");
        env.write("dup.csv", "工会名称,会员人数,会员人数\n甲,10,12\n");
        let mut t = Transcript::new(&env, lang);
        t.step(&["import", "unions", "unions.csv"])
            .step(&["import", "carriers", "carriers.csv"])
            .step(&["import", "agreements", "agreements.csv"])
            .step(&["import", "hardship", "hardship.csv"])
            .step(&["import", "unions", "empty.csv"])
            .step(&["import", "unions", "dup.csv"])
            .step(&["import", "list"]);
        t.pin("messy15_hostile");
    }
}

/// `people revoke-honour` given a date in the future, a reason of 10,000 characters, an
/// empty reason, a date before the award, an honour not on file: each refused, the flag named
/// as typed (it was `----date`); `programme set` with a 10,000-character name or criterion.
#[test]
fn a_revocation_s_flags_are_named_as_typed_and_bounded_like_a_cell() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        let p = id_with_check("32020219700101001");
        env.write(
            "p.csv",
            &format!("姓名,身份证号,荣誉称号,获评年份\n周一,{p},省劳动模范,2015\n"),
        );
        env.run(&["import", "people", "p.csv"]).ok();
        let long = "长".repeat(10_000);
        let mut t = Transcript::new(&env, lang);
        t.step(&[
            "people",
            "revoke-honour",
            "1",
            "--date",
            "2099-01-01",
            "--reason",
            "违纪",
        ])
        .step(&[
            "people",
            "revoke-honour",
            "1",
            "--date",
            "2025-03-01",
            "--reason",
            &long,
        ])
        .step(&[
            "people",
            "revoke-honour",
            "1",
            "--date",
            "2025-03-01",
            "--reason",
            " ",
        ])
        .step(&[
            "people",
            "revoke-honour",
            "1",
            "--date",
            "2014-12-31",
            "--reason",
            "违纪",
        ])
        .step(&[
            "people",
            "revoke-honour",
            "2",
            "--date",
            "2025-03-01",
            "--reason",
            "违纪",
        ])
        .step(&[
            "people",
            "revoke-honour",
            "1",
            "--date",
            "2025年3月1日",
            "--reason",
            "违纪",
        ])
        // A programme's name and criteria are bounded the same way.
        .step(&[
            "programme",
            "set",
            &"项".repeat(10_000),
            "--criteria",
            "有团队",
        ])
        .step(&[
            "programme",
            "set",
            "星级示范岗",
            "--criteria",
            &format!("有团队,{long}"),
        ])
        .step(&[
            "programme",
            "set",
            "星级示范岗",
            "--criteria",
            "有团队,,有场地, ,有团队",
        ]);
        t.pin("messy15_revoke");
    }
}
