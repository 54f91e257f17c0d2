//! Formats beyond CSV and XLSX: a real Excel 97-2003 workbook.

use crate::harness::*;

/// Copies `tests/fixtures/NAME` into the test's directory as `as_name`.
fn fixture(env: &Env, name: &str, as_name: &str) {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::copy(from, env.path(as_name)).expect("copy");
}

/// tests/fixtures/people.xls is written by xlwt (tests/fixtures/make_xls.py); the same rows as
/// CSV must give the same records.
#[test]
fn xls_imports_like_the_same_rows_as_csv() {
    let xls = Env::new();
    fixture(&xls, "people.xls", "people.xls");
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
    fixture(&env, "people.xls", "people.xlsx");
    let r = env.run(&["import", "people", "people.xlsx"]);
    r.ok();
    assert_eq!(
        r.stdout,
        "读取 3 行：新增 3，更新 0，未变 0，不合格 0，跳过 1；批次 1\n\
         写入记录：人员 新增 3；荣誉 新增 3\n"
    );
    assert_eq!(r.stderr, "people.xlsx 第6行是合计行，已跳过\n");
}

/// A workbook written by a program (tests/fixtures/make_uncalculated.py, openpyxl) holds its
/// formulas without results: an amount by formula is refused as such, naming the formula, not
/// read as an empty cell; the 合计 row is skipped as ever; the valid row imports with
/// --skip-invalid.
#[test]
fn a_formula_without_a_saved_result_is_said_to_be_one() {
    let env = Env::new();
    fixture(&env, "uncalculated.xlsx", "发放.xlsx");
    env.run(&["init"]).ok();
    let r = env.run(&["import", "payouts", "发放.xlsx"]);
    r.code(1);
    assert_eq!(r.stdout, "读取 3 行：不合格 2，跳过 1；未写入任何记录\n");
    let zh = "这是公式，文件里没有它的计算结果（表格由程序生成，没有在 Excel 或 WPS 中保存过）：\
              请在 Excel 或 WPS 中打开、保存后再导入";
    assert_eq!(
        r.stderr,
        format!(
            "发放.xlsx 第3行 “金额(元)”列 值“=150*2”：{zh}\n\
             发放.xlsx 第5行是合计行，已跳过\n\
             发放.xlsx 第6行 “金额(元)”列 值“=E5*1”：{zh}\n\
             有行不合格，整个文件未写入（可修正后重新导入，或用 --skip-invalid 只导入合格的行）\n"
        )
    );
    let r = env.run(&["--lang", "en", "import", "payouts", "发放.xlsx"]);
    r.code(1);
    let en =
        "a formula whose result the file does not hold (the workbook was written by a program \
              and never saved in Excel or WPS): open it in Excel or WPS, save it and import again";
    assert_eq!(
        r.stderr,
        format!(
            "发放.xlsx row 3, column \"金额(元)\", value \"=150*2\": {en}\n\
             发放.xlsx row 5 is a totals row: skipped\n\
             发放.xlsx row 6, column \"金额(元)\", value \"=E5*1\": {en}\n\
             rows were refused, so nothing was written (fix them and import again, or use \
             --skip-invalid to import the valid rows)\n"
        )
    );
    let r = env.run(&["import", "payouts", "发放.xlsx", "--skip-invalid"]);
    r.code(1);
    r.stdout_has("新增 1");
    let list = env.run(&["--format", "json", "payouts", "list"]).json();
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(list[0]["voucher"], "YL-2");
}
