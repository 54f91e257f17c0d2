//! Bad input never panics: property tests feed random bytes to the file readers and random text
//! and numbers to every cell parser; hostile files go through the real binary, which must end
//! with exit 1 or 2 and a message, never a panic.
//!
//! `FUZZ_CASES` (default 256) sets how many cases each property runs.

use crate::harness::*;
use chrono::NaiveDate;
use proptest::prelude::*;
use union::domain::cell::Cell;
use union::domain::codes::{
    AgreementForm, HardshipType, PayoutCategory, PersonStatus, StudioKind, StudioLevel, Title,
};
use union::domain::credit_code::CreditCode;
use union::domain::id_number::IdNumber;
use union::domain::values::{self, Gender, Mobile, Money, MoneyUnit};
use union::import::source::{EncodingChoice, Source};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// Every parser a cell can reach, on one cell.
fn parse_everything(cell: &Cell) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let _ = IdNumber::parse(cell, today);
    let _ = CreditCode::parse(cell);
    let _ = Mobile::parse(cell);
    let _ = Gender::parse(cell);
    let _ = Money::parse(cell, MoneyUnit::Yuan);
    let _ = Money::parse(cell, MoneyUnit::WanYuan);
    let _ = Money::parse_non_negative(cell, MoneyUnit::WanYuan);
    let _ = values::parse_date(cell);
    let _ = values::parse_year(cell);
    let _ = values::parse_bool(cell);
    let _ = values::parse_count(cell);
    let _ = values::parse_percent(cell);
    let text = cell.text();
    let _ = Title::parse(&text);
    let _ = PersonStatus::parse(&text);
    let _ = StudioKind::parse(&text);
    let _ = StudioLevel::parse(&text);
    let _ = PayoutCategory::parse(&text);
    let _ = HardshipType::parse(&text);
    let _ = AgreementForm::parse(&text);
    let _ = union::import::columns::normalise_header(&text);
}

/// Reads a whole file through the streaming reader, as an import would.
fn read_all(path: &std::path::Path) {
    for encoding in [EncodingChoice::Auto, EncodingChoice::Gbk] {
        if let Ok(mut source) = Source::open(path, None, encoding) {
            let mut n = 0;
            while let Some(row) = source.next_row() {
                if let Ok(row) = row {
                    row.cells.iter().for_each(parse_everything);
                }
                n += 1;
                if n > 10_000 {
                    break;
                }
            }
        }
    }
}

/// Text that looks like ledger cells often enough to reach deep into the parsers.
fn cellish() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9Xx０-９Ｘ]{0,20}",
        "[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,3}日?",
        "[¥￥]?-?[0-9,，]{0,12}(\\.[0-9]{0,8})?[元万]?",
        "[0-9A-Za-z]{16,20}",
        "(江苏省|无锡市|梁溪区|全国|省|市|区)?(五一劳动奖章|劳动模范|劳模|先进工作者)",
        "\\PC{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn cell_parsers_never_panic_on_text(s in cellish()) {
        parse_everything(&Cell::Text(s));
    }

    #[test]
    fn cell_parsers_never_panic_on_numbers(f in any::<f64>()) {
        parse_everything(&Cell::Number(f));
    }

    #[test]
    fn readers_never_panic_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096), ext in prop::sample::select(vec!["csv", "tsv", "txt", "xlsx", "xls", "xlsm"])) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join(format!("f.{ext}"));
        std::fs::write(&path, &bytes).expect("write");
        read_all(&path);
    }

    #[test]
    fn readers_never_panic_on_damaged_workbooks(cut in 0usize..10_000, flip in any::<(usize, u8)>()) {
        // The readers alone, no database: a file's temp dir in either mode of the suite.
        let env = Env::on_file();
        let path = env.write_xlsx("good.xlsx", "表", &rows("姓名,身份证号\n张三,#320102198001180015\n合计,1"));
        let mut bytes = std::fs::read(&path).expect("read");
        let i = flip.0 % bytes.len();
        bytes[i] ^= flip.1;
        bytes.truncate(cut.min(bytes.len()));
        let bad = env.write_bytes("bad.xlsx", &bytes);
        read_all(&bad);
    }
}

/// Hostile files through the real binary: exit 1 or 2, a message, no panic.
#[test]
fn hostile_files_end_with_a_message() {
    let env = Env::new();
    let good = env.write_xlsx(
        "good.xlsx",
        "表",
        &rows("姓名,身份证号\n张三,320102198001180015"),
    );
    let bytes = std::fs::read(&good).expect("read");
    env.write_bytes("truncated.xlsx", &bytes[..bytes.len() / 2]);
    env.write_bytes(
        "pdf.csv",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00\x01\x02",
    );
    env.write_bytes("pdf.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
    env.write_bytes("nul.csv", b"\x00\x00\x00,\x00\n\x00");
    env.write(
        "quote.csv",
        "姓名,身份证号\n\"张三,320102198001180015\n李四,1\n",
    );
    env.write(
        "huge.csv",
        &format!(
            "姓名,身份证号\n{},320102198001180015\n",
            "长".repeat(1 << 20)
        ),
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("姓名,身份证号\n".encode_utf16().flat_map(u16::to_le_bytes));
    env.write_bytes("utf16.csv", &utf16);
    env.write_bytes("utf32.csv", &[0xFF, 0xFE, 0x00, 0x00, b'a', 0, 0, 0]);
    env.write_bytes("empty.csv", b"");
    std::fs::create_dir(env.path("dir.csv")).expect("dir");
    env.write("notes.pdf", "x");

    for (file, code, message) in [
        ("truncated.xlsx", 2, "工作簿"),
        ("pdf.csv", 2, "找不到表头"),
        ("pdf.xlsx", 2, "不是 XLSX 工作簿"),
        ("nul.csv", 2, "编码"),
        ("quote.csv", 1, "引号没有闭合"),
        ("huge.csv", 1, "内容过长：1048576 个字符，最多 500 个"),
        ("utf16.csv", 2, "UTF-16"),
        ("utf32.csv", 2, "UTF-32"),
        ("empty.csv", 2, "文件是空的"),
        ("dir.csv", 2, "这是一个目录"),
        ("missing.csv", 2, "文件不存在"),
        ("notes.pdf", 2, "不支持的文件类型"),
    ] {
        let run = env.run(&["import", "people", file]);
        assert!(!run.stderr.contains("panicked"), "{file}: {}", run.stderr);
        assert!(!run.stderr.contains("backtrace"), "{file}: {}", run.stderr);
        assert_eq!(run.code, code, "{file}\n{}", run.stderr);
        assert!(
            run.stderr.contains(message),
            "{file}: expected {message:?} in\n{}",
            run.stderr
        );
        assert!(
            run.stderr.len() < 4096,
            "{file}: the message repeats the whole input"
        );
    }
    // Nothing was written by any of them.
    assert_eq!(
        env.run(&[
            "--format",
            "json",
            "sql",
            "SELECT count(*) AS n FROM people"
        ])
        .json()[0]["n"],
        0
    );
}
