//! Renderers for anything that prints records: a table on screen, CSV (UTF-8 with BOM when
//! written to a file, so Excel opens it without garbling; formula injection neutralised), JSON
//! (an array of objects with stable snake_case keys), and XLSX (bold frozen header, fitted
//! columns, numbers stored as numbers).

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::Path;

use crate::domain::mask;
use crate::domain::values::Money;
use crate::i18n::Msg;
use crate::output::OutputFile;

/// One value of a record.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Text(String),
    Int(i64),
    /// Money in fen, printed as yuan with two decimals.
    Money(i64),
    /// Hundredths of a percent, printed with two decimals.
    Percent(i64),
    /// Tenths, printed with one decimal (the rates of the year-end report: `98.1`).
    Tenths(i64),
    Bool(bool),
}

impl Val {
    pub fn text(s: impl Into<String>) -> Val {
        Val::Text(s.into())
    }

    pub fn opt_text(s: Option<String>) -> Val {
        s.map_or(Val::Null, Val::Text)
    }

    pub fn opt_int(i: Option<i64>) -> Val {
        i.map_or(Val::Null, Val::Int)
    }

    pub fn opt_bool(b: Option<bool>) -> Val {
        b.map_or(Val::Null, Val::Bool)
    }

    /// The value as a person reads it.
    pub fn display(&self) -> String {
        match self {
            Val::Null => String::new(),
            Val::Text(s) => s.clone(),
            Val::Int(i) => i.to_string(),
            Val::Money(f) => Money::from_fen(*f).to_string(),
            Val::Percent(p) => Money::from_fen(*p).to_string(),
            Val::Tenths(t) => {
                let sign = if *t < 0 { "-" } else { "" };
                let t = t.unsigned_abs();
                format!("{sign}{}.{}", t / 10, t % 10)
            }
            Val::Bool(b) => (if *b { Msg::Yes } else { Msg::No }).text().to_string(),
        }
    }

    /// The value as JSON: money and rates as exact decimal numbers.
    pub fn json(&self) -> serde_json::Value {
        match self {
            Val::Null => serde_json::Value::Null,
            Val::Text(s) => s.clone().into(),
            Val::Int(i) => (*i).into(),
            // Exact decimal text as a JSON number (serde_json's arbitrary_precision): no float.
            Val::Money(_) | Val::Percent(_) | Val::Tenths(_) => {
                match self.display().parse::<serde_json::Number>() {
                    Ok(n) => serde_json::Value::Number(n),
                    Err(_) => self.display().into(),
                }
            }
            Val::Bool(b) => (*b).into(),
        }
    }
}

/// Personal data a column holds, masked in lists unless `--unmask`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mask {
    None,
    IdNumber,
    Mobile,
}

/// A column: stable JSON key, label from the catalogue, and masking.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub label: Msg,
    pub mask: Mask,
    /// A column a screen table may leave out when the window is too narrow: 1 goes first.
    pub optional: Option<u8>,
}

impl Column {
    pub const fn new(key: &'static str, label: Msg) -> Column {
        Column {
            key,
            label,
            mask: Mask::None,
            optional: None,
        }
    }

    pub const fn masked(key: &'static str, label: Msg, mask: Mask) -> Column {
        Column {
            key,
            label,
            mask,
            optional: None,
        }
    }

    /// The column may be left out of a narrow screen table, after those of lower `rank`.
    pub const fn optional(mut self, rank: u8) -> Column {
        self.optional = Some(rank);
        self
    }
}

/// Records to print: columns and rows of values.
#[derive(Debug, Clone)]
pub struct Records {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Val>>,
    /// Headers and JSON keys that come from the data itself (`union sql`), used instead of
    /// the columns' labels and keys.
    pub names: Option<Vec<String>>,
}

impl Records {
    pub fn new(columns: &[Column]) -> Records {
        Records {
            columns: columns.to_vec(),
            rows: Vec::new(),
            names: None,
        }
    }

    /// Records whose headers are given as text (the column names of a free query).
    pub fn named(names: Vec<String>, rows: Vec<Vec<Val>>) -> Records {
        let columns = names
            .iter()
            .map(|_| Column::new("", Msg::ColValue))
            .collect();
        Records {
            columns,
            rows,
            names: Some(names),
        }
    }

    /// The header of column `i` in the user's language.
    pub fn header(&self, i: usize) -> &str {
        match &self.names {
            Some(n) => &n[i],
            None => self.columns[i].label.text(),
        }
    }

    /// The records without the columns keyed `keys`.
    pub fn without(&self, keys: &[&str]) -> Records {
        let keep: Vec<usize> = (0..self.columns.len())
            .filter(|i| !keys.contains(&self.key(*i)))
            .collect();
        Records {
            columns: keep.iter().map(|i| self.columns[*i]).collect(),
            rows: self
                .rows
                .iter()
                .map(|r| keep.iter().map(|i| r[*i].clone()).collect())
                .collect(),
            names: self
                .names
                .as_ref()
                .map(|n| keep.iter().map(|i| n[*i].clone()).collect()),
        }
    }

    pub fn headers(&self) -> Vec<&str> {
        (0..self.columns.len()).map(|i| self.header(i)).collect()
    }

    fn key(&self, i: usize) -> &str {
        match &self.names {
            Some(n) => &n[i],
            None => self.columns[i].key,
        }
    }

    /// Masks personal data in place unless `unmask`.
    pub fn mask(mut self, unmask: bool) -> Records {
        if unmask {
            return self;
        }
        for (i, c) in self.columns.iter().enumerate() {
            if c.mask == Mask::None {
                continue;
            }
            for row in &mut self.rows {
                if let Val::Text(s) = &row[i] {
                    row[i] = Val::Text(match c.mask {
                        Mask::IdNumber => mask::id_number(s),
                        Mask::Mobile => mask::mobile(s),
                        Mask::None => unreachable!("checked above"),
                    });
                }
            }
        }
        self
    }
}

/// Where and how to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Xlsx,
}

impl Format {
    /// The format for `-o FILE` (by extension) or the `--format` flag for stdout.
    pub fn for_output(flag: Format, output: Option<&Path>) -> Result<Format> {
        let Some(path) = output else { return Ok(flag) };
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        Ok(match ext.as_str() {
            "csv" | "txt" => Format::Csv,
            "json" => Format::Json,
            "xlsx" => Format::Xlsx,
            _ => bail!(Msg::UnknownOutputExt.fmt(&[&path.display()])),
        })
    }
}

/// Prints `records` to stdout in `format`, or writes them to `output`.
pub fn emit(records: &Records, format: Format, output: Option<&Path>, sheet: &str) -> Result<()> {
    let format = Format::for_output(format, output)?;
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            match format {
                Format::Table => writeln!(out, "{}", table(records))?,
                Format::Csv => write_csv(records, &mut out, false)?,
                Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&json(records))?)?,
                Format::Xlsx => unreachable!("xlsx needs -o"),
            }
            out.flush()?;
        }
        Some(path) => {
            let fail = || Msg::CannotWrite.fmt(&[&path.display()]);
            match format {
                Format::Xlsx => write_xlsx(records, path, sheet).with_context(fail)?,
                _ => {
                    let mut file = OutputFile::create(path)?;
                    match format {
                        Format::Json => {
                            writeln!(file, "{}", serde_json::to_string_pretty(&json(records))?)
                                .with_context(fail)?
                        }
                        _ => write_csv(records, &mut file, true).with_context(fail)?,
                    }
                    file.commit()?;
                }
            }
            eprintln!(
                "{}",
                Msg::Written.fmt(&[&path.display(), &records.rows.len()])
            );
        }
    }
    Ok(())
}

/// Where a stream of rows goes: the screen, or a file written through an [`OutputFile`].
enum Sink {
    Stdout(std::io::StdoutLock<'static>),
    File(OutputFile),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::File(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::File(f) => f.flush(),
        }
    }
}

/// Rows written as they come, as CSV or a JSON array (the same bytes `emit` would write for
/// the whole result), so that a result of any size never sits in memory (`union sql`).
pub struct RowStream {
    csv: Option<csv::Writer<Sink>>,
    json: Option<Sink>,
    names: Vec<String>,
    rows: usize,
    path: Option<std::path::PathBuf>,
}

impl RowStream {
    /// Starts the output (`format` CSV or JSON) with the header or the array's opening.
    pub fn start(format: Format, output: Option<&Path>, names: Vec<String>) -> Result<RowStream> {
        let mut sink = match output {
            Some(path) => Sink::File(OutputFile::create(path)?),
            None => Sink::Stdout(std::io::stdout().lock()),
        };
        let mut stream = RowStream {
            csv: None,
            json: None,
            names,
            rows: 0,
            path: output.map(Path::to_path_buf),
        };
        if format == Format::Json {
            sink.write_all(b"[")?;
            stream.json = Some(sink);
        } else {
            if output.is_some() {
                sink.write_all("\u{feff}".as_bytes())?;
            }
            let mut w = csv::Writer::from_writer(sink);
            w.write_record(stream.names.iter().map(|h| neutralise(h).into_owned()))?;
            stream.csv = Some(w);
        }
        Ok(stream)
    }

    pub fn row(&mut self, row: &[Val]) -> Result<()> {
        self.rows += 1;
        if let Some(w) = self.csv.as_mut() {
            w.write_record(csv_cells(row))?;
        }
        if let Some(out) = self.json.as_mut() {
            let one = Records::named(self.names.clone(), vec![row.to_vec()]);
            let text = serde_json::to_string_pretty(&json_object(&one, 0))?;
            out.write_all(if self.rows == 1 { b"\n" } else { b",\n" })?;
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(b"  ")?;
                out.write_all(line.as_bytes())?;
            }
        }
        Ok(())
    }

    /// Closes the output; a file is moved to its name and said so on stderr.
    pub fn finish(self) -> Result<()> {
        let sink = match (self.csv, self.json) {
            (Some(w), _) => w.into_inner().map_err(|e| e.into_error())?,
            (None, Some(mut out)) => {
                out.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
                out
            }
            (None, None) => unreachable!("a stream is CSV or JSON"),
        };
        match sink {
            Sink::Stdout(mut s) => s.flush()?,
            Sink::File(mut f) => {
                f.flush()?;
                f.commit()?;
                if let Some(path) = &self.path {
                    eprintln!("{}", Msg::Written.fmt(&[&path.display(), &self.rows]));
                }
            }
        }
        Ok(())
    }
}

/// A table for the screen, fitting its width, and on a terminal no longer than it unless
/// `--all` (see [`super::table`]).
pub fn table(records: &Records) -> String {
    let width = super::table::Screen::get().width;
    let total = records.rows.len();
    match super::table::shown_rows(total) {
        None => super::table::render(records, width),
        Some(shown) => {
            let first = Records {
                columns: records.columns.clone(),
                rows: records.rows[..shown].to_vec(),
                names: records.names.clone(),
            };
            let more = Msg::MoreRows.fmt(&[&total, &shown]);
            format!(
                "{}\n{}",
                super::table::render(&first, width),
                super::table::fill(&more, width.unwrap_or(usize::MAX))
            )
        }
    }
}

/// The records as a JSON array of objects keyed by the columns' stable keys.
pub fn json(records: &Records) -> serde_json::Value {
    serde_json::Value::Array(
        (0..records.rows.len())
            .map(|i| json_object(records, i))
            .collect(),
    )
}

/// Row `i` of `records` as a JSON object.
pub fn json_object(records: &Records, i: usize) -> serde_json::Value {
    serde_json::Value::Object(
        records.rows[i]
            .iter()
            .enumerate()
            .map(|(j, v)| (records.key(j).to_string(), v.json()))
            .collect(),
    )
}

/// A text cell that a spreadsheet would run as a formula gets a leading apostrophe.
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(crate::domain::cell::FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A row as CSV cells: values as a person reads them, text neutralised against formulas.
pub fn csv_cells(row: &[Val]) -> Vec<String> {
    row.iter()
        .map(|v| match v {
            Val::Text(s) => neutralise(s).into_owned(),
            other => other.display(),
        })
        .collect()
}

/// CSV with the catalogue's headers; a BOM first when `bom` (files meant for Excel).
pub fn write_csv(records: &Records, out: &mut dyn Write, bom: bool) -> Result<()> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::Writer::from_writer(out);
    // Headers too: those of `union sql` come from the query.
    w.write_record(
        records
            .headers()
            .into_iter()
            .map(|h| neutralise(h).into_owned()),
    )?;
    for row in &records.rows {
        w.write_record(csv_cells(row))?;
    }
    w.flush()?;
    Ok(())
}

/// Display width of text in a spreadsheet column: CJK and full-width characters count double.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// A workbook with one sheet: bold frozen header, columns fitted to their content, numbers as
/// numbers (money with two decimals).
pub fn write_xlsx(records: &Records, path: &Path, sheet: &str) -> Result<()> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet)?;
    fill_sheet(ws, records)?;
    save_xlsx(&mut book, path)
}

/// Saves a workbook through an [`OutputFile`]: checked, owner-only, renamed into place whole.
pub fn save_xlsx(book: &mut rust_xlsxwriter::Workbook, path: &Path) -> Result<()> {
    let mut file = OutputFile::create(path)?;
    book.save_to_writer(&mut file)
        .with_context(|| Msg::CannotWrite.fmt(&[&path.display()]))?;
    file.commit()
}

/// A numeric value as the number a spreadsheet cell stores (money in yuan, rates in percent);
/// `None` for text. Hundredths and tenths to a spreadsheet number: exact for two decimals at
/// any realistic size.
pub fn cell_number(v: &Val) -> Option<f64> {
    match v {
        Val::Int(n) => Some(*n as f64),
        Val::Money(h) | Val::Percent(h) => Some(*h as f64 / 100.0),
        Val::Tenths(t) => Some(*t as f64 / 10.0),
        Val::Null | Val::Text(_) | Val::Bool(_) => None,
    }
}

/// Writes `records` into a worksheet from A1: bold frozen header, fitted columns, numbers as
/// numbers (money and percentages with two decimals, tenths with one).
pub fn fill_sheet(ws: &mut rust_xlsxwriter::Worksheet, records: &Records) -> Result<()> {
    use rust_xlsxwriter::Format as XFormat;
    let bold = XFormat::new().set_bold();
    let two_decimals = XFormat::new().set_num_format("0.00");
    let one_decimal = XFormat::new().set_num_format("0.0");
    let headers = records.headers();
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for (j, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, row) in records.rows.iter().enumerate() {
        let r = (i + 1) as u32;
        for (j, v) in row.iter().enumerate() {
            let c = j as u16;
            match (v, cell_number(v)) {
                (Val::Null, _) => {}
                (Val::Text(s), _) => {
                    ws.write_string(r, c, s.as_str())?;
                }
                (Val::Int(_), Some(n)) => {
                    ws.write_number(r, c, n)?;
                }
                (Val::Tenths(_), Some(n)) => {
                    ws.write_number_with_format(r, c, n, &one_decimal)?;
                }
                (_, Some(n)) => {
                    ws.write_number_with_format(r, c, n, &two_decimals)?;
                }
                (_, None) => {
                    ws.write_string(r, c, v.display())?;
                }
            }
            widths[j] = widths[j].max(display_width(&v.display()));
        }
    }
    for (j, w) in widths.iter().enumerate() {
        ws.set_column_width(j as u16, (*w as f64 + 2.0).min(60.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A4 in Excel's paper-size codes.
pub const PAPER_A4: u8 = 9;

/// How a printed sheet lies on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// Print setup of a sheet for an office printer: A4, one page wide and as many long as it
/// takes, row `header_row` repeated on every page, centred between sensible margins, the title
/// and the page number in the footer.
pub fn page_setup(
    ws: &mut rust_xlsxwriter::Worksheet,
    orientation: Orientation,
    header_row: u32,
    title: &str,
) -> Result<()> {
    ws.set_paper_size(PAPER_A4);
    match orientation {
        Orientation::Portrait => ws.set_portrait(),
        Orientation::Landscape => ws.set_landscape(),
    };
    ws.set_print_fit_to_pages(1, 0)
        .set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3)
        .set_print_center_horizontally(true);
    ws.set_repeat_rows(header_row, header_row)?;
    let page = format!("&R{}", Msg::PageNumber.fmt(&[&"&P", &"&N"]));
    let with_title = format!("&L{}{page}", title.replace('&', "&&"));
    // Excel takes a footer of at most 255 characters: a very long title is left out.
    ws.set_footer(if with_title.chars().count() < 255 {
        with_title
    } else {
        page
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_injection_is_neutralised() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("张三"), "张三");
    }

    #[test]
    fn widths_count_cjk_double() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("张三"), 4);
    }

    #[test]
    fn money_json_is_an_exact_number() {
        assert_eq!(Val::Money(123450).json().to_string(), "1234.50");
        assert_eq!(Val::Money(1).json().to_string(), "0.01");
        assert_eq!(Val::Tenths(981).json().to_string(), "98.1");
        assert_eq!(Val::Tenths(5).display(), "0.5");
    }
}
