//! Formats beyond CSV and XLSX: a real Excel 97-2003 workbook.

use crate::harness::*;

/// tests/fixtures/people.xls is written by xlwt (tests/fixtures/make_xls.py); the same rows as
/// CSV must give the same records.
#[test]
fn xls_imports_like_the_same_rows_as_csv() {
    let xls = Env::new();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/people.xls"),
        xls.path("people.xls"),
    )
    .expect("copy");
    xls.run(&["import", "people", "people.xls"])
        .ok()
        .stdout_has("读取 3 行：新增 3，更新 0，未变 0，不合格 0，跳过 1；批次 1")
        .stderr_has("people.xls 第6行是合计行，已跳过");

    let csv = Env::new();
    let (a, b, c) = (
        id_with_check("32010219600315001"),
        id_with_check("32010219750620002"),
        id_with_check("32010219820101003"),
    );
    csv.write(
        "people.csv",
        &format!(
            "序号,姓名,身份证号,性别,出生日期,手机号,所属地区,荣誉称号,获评年份,状态\n\
             1,王建国,{a},男,1960/3/15,13812345678,梁溪区,全国劳动模范,2010,退休\n\
             2,李秀英,{b},女,1975-06-20,13912345678,梁溪区,省劳模,2015,在职\n\
             3,赵强,{c},男,1982年1月1日,,滨湖区,市劳动模范,2020,在职\n"
        ),
    );
    csv.run(&["import", "people", "people.csv"]).ok();
    let list = |env: &Env| {
        env.run(&["--format", "json", "--unmask", "people", "list"])
            .stdout
            .clone()
    };
    assert_eq!(list(&xls), list(&csv));
    assert!(list(&xls).contains("\"highest_title\": \"省劳动模范\""));
}

/// An Excel 97-2003 workbook renamed .xlsx (offices rename files to get past a form that
/// asks for .xlsx) is read as what it is.
#[test]
fn an_xls_renamed_xlsx_is_read_as_xls() {
    let env = Env::new();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/people.xls"),
        env.path("people.xlsx"),
    )
    .expect("copy");
    let r = env.run(&["import", "people", "people.xlsx"]);
    r.ok();
    assert_eq!(
        r.stdout,
        "读取 3 行：新增 3，更新 0，未变 0，不合格 0，跳过 1；批次 1\n\
         写入记录：人员 新增 3；荣誉 新增 3\n"
    );
    assert_eq!(r.stderr, "people.xlsx 第6行是合计行，已跳过\n");
}
