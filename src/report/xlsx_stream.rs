//! A list written as an XLSX workbook while its rows come: each sheet's XML is made by hand
//! and deflated straight into the package as it is written, so a list of any size holds at most
//! a sheet's first rows and the compression runs alongside the store instead of after the last row
//! (rust_xlsxwriter's constant-memory mode writes each sheet to a temporary file and
//! compresses it only when the workbook is saved: 1.8× `sqlite3 -csv` on a million payouts).
//! The workbook looks as [`super::render::fill_sheet`] makes one: a bold frozen header,
//! numbers as numbers (money and percentages with two decimals, tenths with one), columns
//! fitted — to the first [`WIDTH_ROWS`] rows of each sheet, which are held back until then,
//! as a piped table is laid out from its first rows. Formatted reports (the year-end book,
//! sign sheets) stay with rust_xlsxwriter.

use crate::i18n::Lang;
use anyhow::{bail, Result};
use std::io::Write;
use std::path::Path;

use super::render::{cell_width, display_width, fitted_width, Decimals, RowWriter, Val};
use crate::domain::cell::column_name;
use crate::i18n::say;
use crate::output::OutputFile;

/// The rows of a sheet its column widths are fitted to.
pub const WIDTH_ROWS: usize = 1000;

/// Excel's longest text in one cell, in characters.
const MAX_CELL_CHARS: usize = 32_767;

/// The cell styles of [`STYLES`]: default, bold (the header), `0.00`, `0.0`.
const STYLE_BOLD: u8 = 1;
const STYLE_TWO: u8 = 2;
const STYLE_ONE: u8 = 3;

/// The cell style of a number format.
fn style_of(d: Decimals) -> u8 {
    match d {
        Decimals::Two => STYLE_TWO,
        Decimals::One => STYLE_ONE,
    }
}

/// XML written before it is handed to the compressor.
const CHUNK: usize = 1 << 16;

type Package = zip::ZipWriter<zip::write::StreamWriter<OutputFile>>;

/// A workbook written as its rows come. A sheet full at `max_rows` rows (the header included:
/// Excel's limit, or a small one in tests) is closed and the rows go on in a new sheet, with
/// the header again, named "NAME (2)", "NAME (3)" …, said on stderr. Nothing is under `path`
/// before [`XlsxStream::finish`]: the package is written under a temporary name.
pub struct XlsxStream {
    path: std::path::PathBuf,
    zip: Package,
    name: String,
    /// The names of the sheets begun so far; the last is being written.
    sheets: Vec<String>,
    headers: Vec<String>,
    /// Each column's letters (`A`, `B` … `AA`).
    letters: Vec<String>,
    /// The first rows of the current sheet, held until its widths are known; `None` once
    /// its rows are written as they come.
    held: Option<Vec<Vec<Val>>>,
    /// The sheet XML not yet compressed.
    xml: Vec<u8>,
    /// A number's text, reused from cell to cell.
    number: String,
    /// The next row to write in the current sheet (0 is the header).
    next: u32,
    max_rows: u32,
    /// The language of its refusals and notes.
    lang: Lang,
}

impl XlsxStream {
    /// Starts the workbook's first sheet, `name`, with `headers`.
    pub fn create(
        lang: Lang,
        path: &Path,
        name: &str,
        headers: Vec<String>,
        max_rows: u32,
    ) -> Result<XlsxStream> {
        let file = OutputFile::create(path)?;
        let letters = (0..headers.len()).map(column_name).collect();
        Ok(XlsxStream {
            path: path.to_path_buf(),
            zip: zip::ZipWriter::new_stream(file),
            name: name.to_string(),
            sheets: vec![name.to_string()],
            headers,
            letters,
            held: Some(Vec::new()),
            xml: Vec::with_capacity(CHUNK + 4096),
            number: String::new(),
            next: 1,
            max_rows: max_rows.max(2),
            lang,
        })
    }

    pub fn row(&mut self, row: &[Val]) -> Result<()> {
        if self.next == self.max_rows {
            self.next_sheet()?;
        }
        self.next += 1;
        match &mut self.held {
            Some(held) => {
                held.push(row.to_vec());
                if held.len() == WIDTH_ROWS {
                    self.begin_sheet()?;
                }
                Ok(())
            }
            None => self.write_row(self.next - 1, row),
        }
    }

    /// Starts the current sheet's part: its widths from the rows held, the header, the rows.
    fn begin_sheet(&mut self) -> Result<()> {
        let lang = self.lang;
        let held = self.held.take().unwrap_or_default();
        let no = self.sheets.len();
        self.zip
            .start_file(format!("xl/worksheets/sheet{no}.xml"), options())?;
        let mut widths: Vec<usize> = self.headers.iter().map(|h| display_width(h)).collect();
        let mut number_styles: Vec<Option<u8>> = vec![None; self.headers.len()];
        for row in &held {
            for (j, v) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(j) {
                    *w = (*w).max(cell_width(lang, v));
                }
                if let Some(slot @ None) = number_styles.get_mut(j) {
                    *slot = Decimals::of(v).map(style_of);
                }
            }
        }
        self.xml.extend_from_slice(SHEET_START.as_bytes());
        self.xml.extend_from_slice(b"<cols>");
        for (j, w) in widths.iter().enumerate() {
            // As rust_xlsxwriter sets a width of `w` characters: in pixels of a 7-pixel
            // digit with 5 of padding, back to characters in 256ths.
            let chars = fitted_width(*w);
            let pixels = (chars * 7.0 + 5.0).round() as u32;
            let width = f64::from(pixels * 256 / 7) / 256.0;
            let n = j + 1;
            let style = match number_styles[j] {
                Some(s) => format!(" style=\"{s}\""),
                None => String::new(),
            };
            self.xml.extend_from_slice(
                format!(
                    "<col min=\"{n}\" max=\"{n}\" width=\"{width}\"{style} customWidth=\"1\"/>"
                )
                .as_bytes(),
            );
        }
        self.xml.extend_from_slice(b"</cols><sheetData>");
        let headers = std::mem::take(&mut self.headers);
        self.xml.extend_from_slice(b"<row r=\"1\">");
        for (j, h) in headers.iter().enumerate() {
            self.text_cell(j, 1, Some(STYLE_BOLD), h)?;
        }
        self.xml.extend_from_slice(b"</row>");
        self.headers = headers;
        for (i, row) in held.iter().enumerate() {
            self.write_row(i as u32 + 1, row)?;
        }
        Ok(())
    }

    /// Writes data row `r` (0-based; the header is row 0) of the current sheet.
    fn write_row(&mut self, r: u32, row: &[Val]) -> Result<()> {
        let lang = self.lang;
        let excel_row = r + 1;
        self.xml.extend_from_slice(b"<row r=\"");
        push_u64(&mut self.xml, u64::from(excel_row));
        self.xml.extend_from_slice(b"\">");
        for (j, v) in row.iter().enumerate().take(self.letters.len()) {
            match v {
                Val::Null => {}
                Val::Text(s) => self.text_cell(j, excel_row, None, s)?,
                Val::Bool(_) => {
                    let text = v.shown_in(lang, &mut String::new()).to_string();
                    self.text_cell(j, excel_row, None, &text)?;
                }
                Val::Int(_) | Val::Money(_) | Val::Percent(_) | Val::Tenths(_) => {
                    self.cell_start(j, excel_row, Decimals::of(v).map(style_of));
                    self.xml.extend_from_slice(b"><v>");
                    let text = v.shown_in(lang, &mut self.number);
                    self.xml.extend_from_slice(text.as_bytes());
                    self.xml.extend_from_slice(b"</v></c>");
                }
            }
        }
        self.xml.extend_from_slice(b"</row>");
        if self.xml.len() >= CHUNK {
            self.zip.write_all(&self.xml)?;
            self.xml.clear();
        }
        Ok(())
    }

    /// `<c r="B7" s="2"` — the cell's element, left open.
    fn cell_start(&mut self, col: usize, excel_row: u32, style: Option<u8>) {
        self.xml.extend_from_slice(b"<c r=\"");
        self.xml.extend_from_slice(self.letters[col].as_bytes());
        push_u64(&mut self.xml, u64::from(excel_row));
        self.xml.push(b'"');
        if let Some(s) = style {
            self.xml.extend_from_slice(b" s=\"");
            self.xml.push(b'0' + s);
            self.xml.push(b'"');
        }
    }

    /// A text cell, written inline; text longer than a cell holds is refused, naming it.
    fn text_cell(&mut self, col: usize, excel_row: u32, style: Option<u8>, s: &str) -> Result<()> {
        if s.len() > MAX_CELL_CHARS && s.chars().count() > MAX_CELL_CHARS {
            bail!(say::XlsxCellTooLong {
                row: &excel_row,
                column: &self.headers.get(col).map_or("", String::as_str),
                chars: &s.chars().count(),
                max: &MAX_CELL_CHARS
            }
            .said());
        }
        self.cell_start(col, excel_row, style);
        self.xml.extend_from_slice(b" t=\"inlineStr\"><is><t");
        let padded = s.starts_with([' ', '\t', '\n', '\r']) || s.ends_with([' ', '\t', '\n', '\r']);
        if padded {
            self.xml.extend_from_slice(b" xml:space=\"preserve\"");
        }
        self.xml.push(b'>');
        escape_into(&mut self.xml, s);
        self.xml.extend_from_slice(b"</t></is></c>");
        Ok(())
    }

    /// Ends the current sheet's part (begun first if its rows were all held).
    fn end_sheet(&mut self) -> Result<()> {
        if self.held.is_some() {
            self.begin_sheet()?;
        }
        self.xml.extend_from_slice(SHEET_END.as_bytes());
        self.zip.write_all(&self.xml)?;
        self.xml.clear();
        Ok(())
    }

    /// Closes the full sheet and starts the next one.
    fn next_sheet(&mut self) -> Result<()> {
        let lang = self.lang;
        self.end_sheet()?;
        let suffix = format!(" ({})", self.sheets.len() + 1);
        // Excel's sheet names hold at most 31 characters.
        let keep = 31usize.saturating_sub(suffix.chars().count());
        let name: String = self.name.chars().take(keep).collect::<String>() + &suffix;
        let full = self.sheets.last().cloned().unwrap_or_default();
        eprintln!(
            "{}",
            say::SheetContinued {
                full: &full,
                records: &(self.max_rows - 1),
                next: &name
            }
            .text(lang)
        );
        self.sheets.push(name);
        self.held = Some(Vec::new());
        self.next = 1;
        Ok(())
    }

    /// Ends the last sheet, writes the workbook's other parts and puts the file under its
    /// name (through an [`OutputFile`]).
    pub fn finish(mut self) -> Result<()> {
        let path = self.path.clone();
        let fail = || {
            say::CannotWrite {
                path: &path.display(),
            }
            .said()
        };
        self.end_sheet().map_err(|e| fail().because(e))?;
        let parts = package_parts(&self.sheets);
        for (name, xml) in &parts {
            self.zip
                .start_file(*name, options())
                .map_err(|e| fail().because(e))?;
            self.zip
                .write_all(xml.as_bytes())
                .map_err(|e| fail().because(e))?;
        }
        let file = self
            .zip
            .finish()
            .map_err(|e| fail().because(e))?
            .into_inner();
        file.commit()
    }
}

impl RowWriter for XlsxStream {
    fn write_row(&mut self, row: &[Val]) -> Result<()> {
        self.row(row)
    }

    fn complete(self) -> Result<()> {
        self.finish()
    }
}

/// Deflate's fastest level: a 500,000-row list took 7.1 s instead of 11.7 s at the default
/// level, for a file half as large again (47 MB against 30 MB).
fn options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .unix_permissions(0o600)
        .last_modified_time(zip::DateTime::default())
}

fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Text as XML character data the way Excel writes it: `&`, `<`, `>` escaped; control
/// characters XML cannot hold as `_xHHHH_`, and a literal `_xHHHH_` kept literal by escaping
/// its underscore.
fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let plain =
            b >= 0x20 && !matches!(b, b'&' | b'<' | b'>' | b'_') || matches!(b, b'\t' | b'\n');
        if plain || (b == b'_' && !looks_escaped(&bytes[i..])) {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        start = i + 1;
        match b {
            b'&' => out.extend_from_slice(b"&amp;"),
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'_' => out.extend_from_slice(b"_x005F_"),
            _ => out.extend_from_slice(format!("_x{b:04X}_").as_bytes()),
        }
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Whether `s` starts with `_xHHHH_`, which Excel reads as an escaped character.
fn looks_escaped(s: &[u8]) -> bool {
    s.len() >= 7 && s[1] == b'x' && s[2..6].iter().all(u8::is_ascii_hexdigit) && s[6] == b'_'
}

const SHEET_START: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
    "<sheetViews><sheetView workbookViewId=\"0\">",
    "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>",
    "<selection pane=\"bottomLeft\"/></sheetView></sheetViews>",
    "<sheetFormatPr defaultRowHeight=\"15\"/>"
);

const SHEET_END: &str = "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" \
bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";

const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"0.00\"/>",
    "<numFmt numFmtId=\"165\" formatCode=\"0.0\"/></numFmts>",
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>",
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>",
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>",
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>",
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>",
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
    "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
    "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
    "<dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>"
);

/// The workbook's parts other than its sheets, for sheets named `sheets`.
fn package_parts(sheets: &[String]) -> Vec<(&'static str, String)> {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const SML: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let mut types = format!(
        "{HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"{SML}.sheet.main+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"{SML}.styles+xml\"/>"
    );
    let mut book = format!(
        "{HEAD}<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
xmlns:r=\"{REL}\"><bookViews><workbookView/></bookViews><sheets>"
    );
    let mut rels = format!(
        "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for (i, name) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"{SML}.worksheet+xml\"/>"
        ));
        let mut escaped = Vec::new();
        escape_into(&mut escaped, name);
        let escaped = String::from_utf8_lossy(&escaped).replace('"', "&quot;");
        book.push_str(&format!(
            "<sheet name=\"{escaped}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"
        ));
        rels.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str(&format!(
        "<Relationship Id=\"rId{}\" Type=\"{REL}/styles\" Target=\"styles.xml\"/></Relationships>",
        sheets.len() + 1
    ));
    let root = format!(
        "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
    );
    vec![
        ("[Content_Types].xml", types),
        ("_rels/.rels", root),
        ("xl/workbook.xml", book),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/styles.xml", STYLES.to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_excel_does() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_name)
            .collect();
        assert_eq!(got, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn numbers_are_exact_decimal_text() {
        let text = |v: Val| {
            v.shown_in(crate::i18n::Lang::Zh, &mut String::new())
                .to_string()
        };
        assert_eq!(text(Val::Money(12_345)), "123.45");
        assert_eq!(text(Val::Money(5)), "0.05");
        assert_eq!(text(Val::Money(-5)), "-0.05");
        assert_eq!(text(Val::Money(100)), "1.00");
        assert_eq!(text(Val::Tenths(981)), "98.1");
        assert_eq!(text(Val::Tenths(-7)), "-0.7");
        assert_eq!(text(Val::Int(i64::MIN)), i64::MIN.to_string());
    }

    #[test]
    fn text_is_escaped_as_excel_writes_it() {
        let mut out = Vec::new();
        escape_into(&mut out, "a&b<c>d\u{1}e\tf_x0041_g_x12\r");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a&amp;b&lt;c&gt;d_x0001_e\tf_x005F_x0041_g_x12_x000D_"
        );
    }

    #[test]
    fn text_longer_than_a_cell_holds_is_refused_naming_row_and_column() {
        use calamine::{Data, Reader};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.xlsx");
        let headers = vec!["姓名".to_string(), "备注".to_string()];
        let mut book =
            XlsxStream::create(crate::i18n::Lang::Zh, &path, "名单", headers.clone(), 100).unwrap();
        let most = "备".repeat(MAX_CELL_CHARS);
        book.row(&[Val::text("甲"), Val::text(most.clone())])
            .unwrap();
        book.finish().unwrap();
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
        let range = wb.worksheet_range("名单").unwrap();
        assert_eq!(range.get((1, 1)), Some(&Data::String(most)));

        let path = dir.path().join("y.xlsx");
        let mut book =
            XlsxStream::create(crate::i18n::Lang::Zh, &path, "名单", headers, 100).unwrap();
        book.row(&[Val::text("甲"), Val::text("x")]).unwrap();
        book.row(&[Val::text("乙"), Val::text("备".repeat(MAX_CELL_CHARS + 1))])
            .unwrap();
        let e = book.finish().unwrap_err();
        assert_eq!(
            format!("{e:#}"),
            format!(
                "无法写入 {}: 第3行“备注”列有 32768 个字符，超过 Excel 单元格的上限 32767：请改用 CSV 输出（-o 文件.csv）",
                path.display()
            )
        );
        assert!(!path.exists());
    }
}
