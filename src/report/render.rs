//! Renderers for anything that prints records: a table on screen, CSV (UTF-8 with BOM when
//! written to a file, so Excel opens it without garbling; formula injection neutralised), JSON
//! (an array of objects with stable snake_case keys), and XLSX (bold frozen header, fitted
//! columns, numbers stored as numbers).

use crate::i18n::Lang;
use anyhow::{bail, Result};
use std::io::Write;
use std::path::Path;

use super::export::{Encoder, Encoding};
use super::xlsx_stream::XlsxStream;
use crate::domain::mask;
use crate::domain::values::Money;
use crate::i18n::{say, Msg};
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
    pub fn display(&self, lang: Lang) -> String {
        match self {
            Val::Text(s) => s.clone(),
            _ => {
                let mut out = String::new();
                self.shown_in(lang, &mut out).to_string()
            }
        }
    }

    /// [`Val::display`] without a copy: text as it is held, anything else written into
    /// `scratch` (cleared first) and read from there — a long list's rows allocate nothing.
    pub fn shown_in<'a>(&'a self, lang: Lang, scratch: &'a mut String) -> &'a str {
        use std::fmt::Write as _;
        scratch.clear();
        // Writing to a String cannot fail.
        let _ = match self {
            Val::Null => return "",
            Val::Text(s) => return s,
            Val::Bool(b) => return (if *b { Msg::Yes } else { Msg::No }).text(lang),
            Val::Int(i) => write!(scratch, "{i}"),
            Val::Money(f) => write!(scratch, "{}", Money::from_fen(*f)),
            Val::Percent(p) => write!(scratch, "{}", Money::from_fen(*p)),
            Val::Tenths(t) => {
                let sign = if *t < 0 { "-" } else { "" };
                let t = t.unsigned_abs();
                write!(scratch, "{sign}{}.{}", t / 10, t % 10)
            }
        };
        scratch
    }

    /// How many characters a number's [`Val::display`] has, without writing it (a workbook
    /// measures every cell for its column widths); `None` for what is not a number.
    pub fn number_width(&self) -> Option<usize> {
        fn digits(mut n: u64) -> usize {
            let mut d = 1;
            while n >= 10 {
                n /= 10;
                d += 1;
            }
            d
        }
        let (v, decimals) = match self {
            Val::Int(i) => (*i, 0),
            Val::Money(f) | Val::Percent(f) => (*f, 2),
            Val::Tenths(t) => (*t, 1),
            Val::Null | Val::Text(_) | Val::Bool(_) => return None,
        };
        let scale = 10u64.pow(decimals as u32);
        let point = usize::from(decimals > 0);
        Some(usize::from(v < 0) + digits(v.unsigned_abs() / scale) + point + decimals)
    }

    /// The value as JSON: money and rates as exact decimal numbers.
    pub fn json(&self, lang: Lang) -> serde_json::Value {
        match self {
            Val::Null => serde_json::Value::Null,
            Val::Text(s) => s.clone().into(),
            Val::Int(i) => (*i).into(),
            // Exact decimal text as a JSON number (serde_json's arbitrary_precision): no float.
            Val::Money(_) | Val::Percent(_) | Val::Tenths(_) => {
                match self.display(lang).parse::<serde_json::Number>() {
                    Ok(n) => serde_json::Value::Number(n),
                    Err(_) => self.display(lang).into(),
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
    pub fn header(&self, lang: Lang, i: usize) -> &str {
        match &self.names {
            Some(n) => &n[i],
            None => self.columns[i].label.text(lang),
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

    pub fn headers(&self, lang: Lang) -> Vec<&str> {
        (0..self.columns.len())
            .map(|i| self.header(lang, i))
            .collect()
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
        let masks = self.masked_columns();
        for row in &mut self.rows {
            mask_row(&masks, row);
        }
        self
    }

    /// What masks the personal data of a row of these columns (nothing when `unmask`), the
    /// columns to mask found once for all the rows.
    pub fn masker(&self, unmask: bool) -> impl Fn(&mut [Val]) {
        let masks = if unmask {
            Vec::new()
        } else {
            self.masked_columns()
        };
        move |row| mask_row(&masks, row)
    }

    /// The columns that hold personal data, with how each is masked.
    fn masked_columns(&self) -> Vec<(usize, Mask)> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.mask != Mask::None)
            .map(|(i, c)| (i, c.mask))
            .collect()
    }
}

/// Masks the personal data of one row: `masks` as [`Records::masked_columns`] gives them.
fn mask_row(masks: &[(usize, Mask)], row: &mut [Val]) {
    for &(i, how) in masks {
        if let Some(Val::Text(s)) = row.get(i) {
            row[i] = Val::Text(match how {
                Mask::IdNumber => mask::id_number(s),
                Mask::Mobile => mask::mobile(s),
                Mask::None => continue,
            });
        }
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
            _ => bail!(say::UnknownOutputExt {
                path: &path.display()
            }
            .said()),
        })
    }
}

/// Prints `records` to stdout in `format`, or writes them to `output`, through a
/// [`RecordSink`] (the rows as they are: mask them first).
pub fn emit(
    lang: Lang,
    records: &Records,
    format: Format,
    output: Option<&Path>,
    sheet: &str,
) -> Result<()> {
    let mut sink = RecordSink::start(lang, records, format, output, sheet)?;
    for row in &records.rows {
        sink.row(row.clone())?;
    }
    sink.finish().map(drop)
}

/// Where the bytes of a stream of rows go: the screen, or a file written through an
/// [`OutputFile`].
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

impl Sink {
    fn open(output: Option<&Path>) -> Result<std::io::BufWriter<Sink>> {
        let sink = match output {
            Some(path) => Sink::File(OutputFile::create(path)?),
            None => Sink::Stdout(std::io::stdout().lock()),
        };
        Ok(std::io::BufWriter::with_capacity(1 << 16, sink))
    }

    /// Flushes; a file is moved to its name (which says itself what failed).
    fn close(out: std::io::BufWriter<Sink>, path: Option<&Path>) -> Result<()> {
        match out.into_inner() {
            Ok(Sink::Stdout(mut s)) => Ok(s.flush()?),
            Ok(Sink::File(f)) => f.commit(),
            Err(e) => {
                let e = anyhow::Error::new(e.into_error());
                Err(match path {
                    Some(p) => anyhow::Error::new(
                        say::CannotWrite { path: &p.display() }.said().because(e),
                    ),
                    None => e,
                })
            }
        }
    }
}

/// How the rows of a [`RecordSink`] are written.
enum Body {
    /// Laid out on the screen at the end: the rows are kept (in `RecordSink::head`), at most
    /// what the screen shows; a table with no such limit (piped) past [`TABLE_LAYOUT_ROWS`]
    /// rows is laid out from those and then written as it comes.
    Table,
    TableStream(RowThread<ScreenRows>),
    Csv {
        out: std::io::BufWriter<Sink>,
        encoder: Encoder,
    },
    /// A JSON array written element by element: the same bytes as `serde_json`'s pretty
    /// printing of the whole array.
    Json {
        out: std::io::BufWriter<Sink>,
        /// Each column's key as JSON text.
        keys: Vec<String>,
    },
    Xlsx(RowThread<XlsxStream>),
}

/// The rows a piped table is laid out from before the rest are written as they come.
const TABLE_LAYOUT_ROWS: usize = 1000;

/// A list written as its rows come, in any format, so that a list of any size never sits in
/// memory: CSV (UTF-8 with a BOM in a file, or the encoding an export asks for; formulas
/// neutralised), a JSON array element by element, an XLSX workbook deflated as it is written
/// (continued on a new sheet past Excel's row limit), or a table for the screen. Personal data
/// is masked row by row when asked ([`RecordSink::masked`]). A file is written under a
/// temporary name and moved to its own by [`RecordSink::finish`], which says so on stderr.
pub struct RecordSink {
    /// The columns and names of the list; the rows of a table.
    head: Records,
    /// The columns to mask in each row.
    masks: Vec<(usize, Mask)>,
    body: Body,
    rows: usize,
    path: Option<std::path::PathBuf>,
    /// The most rows a screen table holds (`None`: all).
    cap: Option<usize>,
    /// The language of its notes and of the values it words (yes/no).
    lang: Lang,
}

impl RecordSink {
    /// Starts a list with the columns (and names) of `head` — its rows are not written — in
    /// `format`, to stdout or to `output` (whose extension decides the format).
    pub fn start(
        lang: Lang,
        head: &Records,
        format: Format,
        output: Option<&Path>,
        sheet: &str,
    ) -> Result<RecordSink> {
        RecordSink::start_encoded(lang, head, format, output, sheet, Encoding::Utf8)
    }

    /// As [`RecordSink::start`], a CSV file in `encoding` (an export's `--encoding`).
    pub fn start_encoded(
        lang: Lang,
        head: &Records,
        format: Format,
        output: Option<&Path>,
        sheet: &str,
        encoding: Encoding,
    ) -> Result<RecordSink> {
        let format = Format::for_output(format, output)?;
        let head = Records {
            columns: head.columns.clone(),
            rows: Vec::new(),
            names: head.names.clone(),
        };
        let headers: Vec<String> = head.headers(lang).into_iter().map(str::to_string).collect();
        let mut sink = RecordSink {
            head,
            masks: Vec::new(),
            body: Body::Table,
            rows: 0,
            path: output.map(Path::to_path_buf),
            cap: super::table::row_cap(),
            lang,
        };
        let out = match format {
            Format::Csv | Format::Json => Some(Sink::open(output)?),
            Format::Table | Format::Xlsx => None,
        };
        let body = match (format, out) {
            (Format::Csv, Some(mut out)) => {
                let mut encoder = Encoder::new(encoding, headers);
                encoder
                    .header(&mut out, output.is_some())
                    .map(|()| Body::Csv { out, encoder })
            }
            (Format::Json, Some(mut out)) => out
                .write_all(b"[")
                .map_err(anyhow::Error::from)
                .and_then(|()| {
                    let keys = (0..sink.head.columns.len())
                        .map(|i| serde_json::to_string(sink.head.key(i)))
                        .collect::<serde_json::Result<_>>()?;
                    Ok(Body::Json { out, keys })
                }),
            (Format::Xlsx, _) => match output {
                Some(path) => XlsxStream::create(lang, path, sheet, headers, EXCEL_MAX_ROWS)
                    .map(|x| Body::Xlsx(RowThread::spawn(x))),
                None => bail!(say::UnknownOutputExt { path: &"-" }.said()),
            },
            _ => Ok(Body::Table),
        };
        sink.body = sink.on_file(body)?;
        Ok(sink)
    }

    /// `result`, an error said to be about the output file (when there is one).
    fn on_file<T>(&self, result: Result<T>) -> Result<T> {
        match &self.path {
            Some(path) => result.map_err(|e| {
                anyhow::Error::new(
                    say::CannotWrite {
                        path: &path.display(),
                    }
                    .said()
                    .because(e),
                )
            }),
            None => result,
        }
    }

    /// Masks the personal data of every row from now on, unless `unmask`.
    pub fn masked(mut self, unmask: bool) -> RecordSink {
        if !unmask {
            self.masks = self.head.masked_columns();
        }
        self
    }

    /// How many more rows the list shows, when it shows only its first ones (a table on the
    /// screen, without `--all`): the caller may send those and count the rest
    /// ([`RecordSink::counted`]) instead of reading them. `None`: every row is written.
    pub fn rows_wanted(&self) -> Option<usize> {
        match (&self.body, self.cap) {
            (Body::Table, Some(cap)) => Some(cap.saturating_sub(self.head.rows.len())),
            _ => None,
        }
    }

    /// Counts `rows` more rows of the list that it does not show (see
    /// [`RecordSink::rows_wanted`]).
    pub fn counted(&mut self, rows: usize) {
        self.rows += rows;
    }

    /// Writes one row (in the columns' order).
    pub fn row(&mut self, mut row: Vec<Val>) -> Result<()> {
        let lang = self.lang;
        mask_row(&self.masks, &mut row);
        self.rows += 1;
        let first = self.rows == 1;
        let written = match &mut self.body {
            Body::Table => {
                // At most what the screen shows is held.
                if self.cap.is_none_or(|cap| self.head.rows.len() < cap) {
                    self.head.rows.push(row);
                }
                if self.cap.is_none() && self.head.rows.len() == TABLE_LAYOUT_ROWS {
                    let window = super::table::Screen::get().width;
                    let (stream, text) = super::table::TableStream::start(lang, &self.head, window);
                    self.head.rows = Vec::new();
                    let mut out = std::io::BufWriter::new(std::io::stdout());
                    let written = out.write_all(text.as_bytes());
                    self.body = Body::TableStream(RowThread::spawn(ScreenRows {
                        stream,
                        out,
                        line: String::new(),
                    }));
                    written.map_err(anyhow::Error::from)
                } else {
                    Ok(())
                }
            }
            Body::TableStream(rows) => rows.row(row),
            Body::Csv { out, encoder } => {
                // A refusal is about the row, not the file.
                encoder.encodable(lang, &row)?;
                encoder.row(lang, out, &row)
            }
            Body::Json { out, keys } => json_element(lang, out, keys, &row, first),
            Body::Xlsx(book) => book.row(row),
        };
        self.on_file(written)
    }

    /// Ends the list: a table is laid out, a file moved to its name and said so on stderr.
    /// Returns how many rows were written.
    pub fn finish(mut self) -> Result<usize> {
        let lang = self.lang;
        let body = std::mem::replace(&mut self.body, Body::Table);
        let closed = match body {
            Body::Table => {
                let mut out = std::io::stdout().lock();
                writeln!(
                    out,
                    "{}",
                    screen_table(lang, &self.head, self.rows, super::table::Hints::LIST)
                )?;
                out.flush()?;
                Ok(())
            }
            Body::TableStream(rows) => rows.finish(),
            Body::Csv { out, .. } => Sink::close(out, self.path.as_deref()),
            Body::Json { mut out, .. } => {
                match out.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" }) {
                    Ok(()) => Sink::close(out, self.path.as_deref()),
                    Err(e) => self.on_file(Err(e.into())),
                }
            }
            Body::Xlsx(book) => self.on_file(book.finish()),
        };
        closed?;
        if let Some(path) = &self.path {
            eprintln!(
                "{}",
                say::Written {
                    path: &path.display(),
                    records: &self.rows
                }
                .text(lang)
            );
        }
        Ok(self.rows)
    }
}

/// One row as an element of a pretty-printed JSON array (two spaces per level), after the
/// array's `[` or the element before it.
fn json_element(
    lang: Lang,
    out: &mut impl Write,
    keys: &[String],
    row: &[Val],
    first: bool,
) -> Result<()> {
    out.write_all(if first { b"\n  {" } else { b",\n  {" })?;
    for (j, (key, v)) in keys.iter().zip(row).enumerate() {
        out.write_all(if j == 0 { b"\n    " } else { b",\n    " })?;
        out.write_all(key.as_bytes())?;
        out.write_all(b": ")?;
        // As an I/O error (a closed pipe is not a failure: see `main`).
        serde_json::to_writer(&mut *out, &v.json(lang)).map_err(std::io::Error::from)?;
    }
    out.write_all(if keys.is_empty() { b"}" } else { b"\n  }" })?;
    Ok(())
}

/// A table for the screen, fitting its width, and on a terminal no longer than it unless
/// `--all` (see [`super::table`]).
pub fn table(lang: Lang, records: &Records) -> String {
    screen_table(lang, records, records.rows.len(), super::table::Hints::LIST)
}

/// [`table`] for a list on a `show` page, whose hints point at `--format json` (the page's
/// `-o`/CSV holds the record alone).
pub fn show_table(lang: Lang, records: &Records) -> String {
    screen_table(lang, records, records.rows.len(), super::table::Hints::SHOW)
}

/// [`show_table`] in at most `lines` lines (its part of a screen a `show` page shares among its
/// lists), with the line saying how to see the rest.
pub fn show_table_within(lang: Lang, records: &Records, lines: usize) -> String {
    let width = super::table::Screen::get().width;
    let rows = records.rows.len();
    // `screenful` leaves a line for the prompt; the page leaves it once, after the last list.
    super::table::screenful(
        lang,
        records,
        rows,
        width,
        lines + 1,
        super::table::Hints::SHOW,
    )
}

/// The fields of one record as a table for the screen: never cut to a screenful or a limit.
pub fn record_table(lang: Lang, records: &Records) -> String {
    let width = super::table::Screen::get().width;
    super::table::render_with(lang, records, width, super::table::Hints::SHOW)
}

/// The screen table of a list of `total` rows of which `records` holds the first: as many as
/// the screen shows, and a line saying how to see the rest.
fn screen_table(lang: Lang, records: &Records, total: usize, hints: super::table::Hints) -> String {
    let width = super::table::Screen::get().width;
    if let Some(height) = super::table::screen_lines() {
        return super::table::screenful(lang, records, total, width, height, hints);
    }
    let held = records.rows.len();
    let shown = super::table::row_cap().map_or(held, |cap| cap.min(held));
    if shown >= total {
        return super::table::render_with(lang, records, width, hints);
    }
    super::table::first_rows(lang, records, shown, total, width, hints)
}

/// The records as a JSON array of objects keyed by the columns' stable keys.
pub fn json(lang: Lang, records: &Records) -> serde_json::Value {
    serde_json::Value::Array(
        (0..records.rows.len())
            .map(|i| json_object(lang, records, i))
            .collect(),
    )
}

/// Row `i` of `records` as a JSON object.
pub fn json_object(lang: Lang, records: &Records, i: usize) -> serde_json::Value {
    serde_json::Value::Object(
        records.rows[i]
            .iter()
            .enumerate()
            .map(|(j, v)| (records.key(j).to_string(), v.json(lang)))
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
pub fn csv_cells(lang: Lang, row: &[Val]) -> impl Iterator<Item = std::borrow::Cow<'_, [u8]>> {
    use std::borrow::Cow;
    row.iter().map(move |v| match v {
        Val::Text(s) => match neutralise(s) {
            Cow::Borrowed(b) => Cow::Borrowed(b.as_bytes()),
            Cow::Owned(o) => Cow::Owned(o.into_bytes()),
        },
        other => Cow::Owned(other.display(lang).into_bytes()),
    })
}

/// Display width of text in a spreadsheet column: CJK and full-width characters count double.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// Saves a workbook through an [`OutputFile`]: checked, owner-only, renamed into place whole.
pub fn save_xlsx(book: &mut rust_xlsxwriter::Workbook, path: &Path) -> Result<()> {
    let mut file = OutputFile::create(path)?;
    book.save_to_writer(&mut file).map_err(|e| {
        say::CannotWrite {
            path: &path.display(),
        }
        .said()
        .because(e)
    })?;
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
pub fn fill_sheet(
    lang: Lang,
    ws: &mut rust_xlsxwriter::Worksheet,
    records: &Records,
) -> Result<()> {
    let mut style = SheetStyle::new();
    let mut widths = style.header(ws, &records.headers(lang))?;
    for (i, row) in records.rows.iter().enumerate() {
        style.row(lang, ws, (i + 1) as u32, row.iter().cloned(), &mut widths)?;
    }
    style.finish(ws, &widths)
}

/// How a list looks in a worksheet: the formats of its header and numbers, and the width of
/// each column, fitted to the widest value written.
struct SheetStyle {
    bold: rust_xlsxwriter::Format,
    two_decimals: rust_xlsxwriter::Format,
    one_decimal: rust_xlsxwriter::Format,
    /// The number format each column of the sheet being written has been given (by its first
    /// number): its numbers are then written without a format of their own, which spares
    /// rust_xlsxwriter looking every cell's format up.
    column_formats: Vec<Option<Decimals>>,
}

/// The number formats of a list's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Decimals {
    Two,
    One,
}

impl Decimals {
    /// The format a value's number takes in a workbook: money and percentages two decimals,
    /// tenths one; none for integers and text.
    pub(super) fn of(v: &Val) -> Option<Decimals> {
        match v {
            Val::Money(_) | Val::Percent(_) => Some(Decimals::Two),
            Val::Tenths(_) => Some(Decimals::One),
            Val::Null | Val::Text(_) | Val::Int(_) | Val::Bool(_) => None,
        }
    }
}

/// How wide a value is in a workbook's column: its text's display width.
pub(super) fn cell_width(lang: Lang, v: &Val) -> usize {
    match v {
        Val::Null => 0,
        Val::Text(s) => display_width(s),
        Val::Bool(_) => display_width(v.shown_in(lang, &mut String::new())),
        _ => v.number_width().unwrap_or_default(),
    }
}

/// A workbook column's width for its widest value: two characters of margin, at most 60.
pub(super) fn fitted_width(widest: usize) -> f64 {
    (widest as f64 + 2.0).min(60.0)
}

impl SheetStyle {
    fn new() -> SheetStyle {
        use rust_xlsxwriter::Format as XFormat;
        SheetStyle {
            bold: XFormat::new().set_bold(),
            two_decimals: XFormat::new().set_num_format("0.00"),
            one_decimal: XFormat::new().set_num_format("0.0"),
            column_formats: Vec::new(),
        }
    }

    /// Writes the bold header in row 0 of a new sheet; returns the widths so far.
    fn header<S: AsRef<str>>(
        &mut self,
        ws: &mut rust_xlsxwriter::Worksheet,
        headers: &[S],
    ) -> Result<Vec<usize>> {
        self.column_formats = vec![None; headers.len()];
        for (j, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, h.as_ref(), &self.bold)?;
        }
        Ok(headers.iter().map(|h| display_width(h.as_ref())).collect())
    }

    /// Writes `row` in row `r`, widening `widths` to fit it. Its text is handed over, not
    /// copied (rust_xlsxwriter keeps each cell's own string).
    fn row(
        &mut self,
        lang: Lang,
        ws: &mut rust_xlsxwriter::Worksheet,
        r: u32,
        row: impl IntoIterator<Item = Val>,
        widths: &mut [usize],
    ) -> Result<()> {
        for (j, v) in row.into_iter().enumerate() {
            let c = j as u16;
            let width = cell_width(lang, &v);
            match (&v, cell_number(&v), Decimals::of(&v)) {
                (Val::Null, _, _) => {}
                (Val::Text(_), _, _) => {
                    if let Val::Text(s) = v {
                        ws.write_string(r, c, s)?;
                    }
                }
                (_, Some(n), Some(want)) => {
                    let format = match want {
                        Decimals::Two => &self.two_decimals,
                        Decimals::One => &self.one_decimal,
                    };
                    match self.column_formats.get_mut(j) {
                        Some(Some(has)) if *has == want => {
                            ws.write_number(r, c, n)?;
                        }
                        Some(slot @ None) => {
                            ws.set_column_format(c, format)?;
                            *slot = Some(want);
                            ws.write_number(r, c, n)?;
                        }
                        _ => {
                            ws.write_number_with_format(r, c, n, format)?;
                        }
                    }
                }
                (_, Some(n), None) => {
                    ws.write_number(r, c, n)?;
                }
                (_, None, _) => {
                    ws.write_string(r, c, v.display(lang))?;
                }
            }
            if let Some(w) = widths.get_mut(j) {
                *w = (*w).max(width);
            }
        }
        Ok(())
    }

    /// Sets the fitted widths and freezes the header.
    fn finish(&self, ws: &mut rust_xlsxwriter::Worksheet, widths: &[usize]) -> Result<()> {
        for (j, w) in widths.iter().enumerate() {
            ws.set_column_width(j as u16, fitted_width(*w))?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(())
    }
}

/// Excel's most rows in a worksheet (the header included).
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;

/// Where a [`RowThread`] writes: one row at a time, then the end once the list is complete.
pub trait RowWriter: Send + 'static {
    fn write_row(&mut self, row: &[Val]) -> Result<()>;
    fn complete(self) -> Result<()>;
}

/// A table streamed to stdout past its first rows (drawn at the widths laid out from them).
pub struct ScreenRows {
    stream: super::table::TableStream,
    out: std::io::BufWriter<std::io::Stdout>,
    /// The row being drawn, reused.
    line: String,
}

impl RowWriter for ScreenRows {
    fn write_row(&mut self, row: &[Val]) -> Result<()> {
        self.line.clear();
        self.stream.row_into(row, &mut self.line);
        Ok(self.out.write_all(self.line.as_bytes())?)
    }

    fn complete(mut self) -> Result<()> {
        let end = self.stream.end();
        if !end.is_empty() {
            writeln!(self.out, "{end}")?;
        }
        Ok(self.out.flush()?)
    }
}

/// A [`RowWriter`] fed from another thread: the rows are handed over in batches and laid out
/// (as XML, as a table) on a second core while the store reads the next ones. The batches in
/// flight are bounded, so memory stays flat. The writer completes (a workbook is saved) only
/// when [`RowThread::finish`] says the list is complete: dropped before (the command failed),
/// nothing is saved.
pub struct RowThread<W: RowWriter> {
    batch: Vec<Vec<Val>>,
    /// `Some(rows)` to write, `None` for "complete".
    to_writer: Option<std::sync::mpsc::SyncSender<Option<Vec<Vec<Val>>>>>,
    /// Batches written, handed back to be emptied and filled again here: the rows are freed by
    /// the thread that made them, whose allocator then reuses their memory (freed on the
    /// writer's thread, every row's text cost the reader a fresh allocation).
    written: std::sync::mpsc::Receiver<Vec<Vec<Val>>>,
    writer: Option<std::thread::JoinHandle<Result<()>>>,
    kind: std::marker::PhantomData<W>,
}

impl<W: RowWriter> RowThread<W> {
    /// Rows handed over at a time, and batches that may wait for the writer.
    const BATCH: usize = 512;
    const IN_FLIGHT: usize = 4;

    pub fn spawn(mut sink: W) -> RowThread<W> {
        let (to_writer, rows) =
            std::sync::mpsc::sync_channel::<Option<Vec<Vec<Val>>>>(Self::IN_FLIGHT);
        let (back, written) = std::sync::mpsc::sync_channel::<Vec<Vec<Val>>>(Self::IN_FLIGHT);
        let writer = std::thread::spawn(move || {
            for batch in rows {
                let Some(batch) = batch else {
                    return sink.complete();
                };
                for row in &batch {
                    sink.write_row(row)?;
                }
                // Full (the reader has stopped taking them back): freed here instead.
                let _ = back.try_send(batch);
            }
            // The list was abandoned: nothing is completed.
            Ok(())
        });
        RowThread {
            batch: Vec::with_capacity(Self::BATCH),
            to_writer: Some(to_writer),
            written,
            writer: Some(writer),
            kind: std::marker::PhantomData,
        }
    }

    pub fn row(&mut self, row: Vec<Val>) -> Result<()> {
        self.batch.push(row);
        if self.batch.len() == Self::BATCH {
            let next = match self.written.try_recv() {
                Ok(mut done) => {
                    done.clear();
                    done
                }
                Err(_) => Vec::with_capacity(Self::BATCH),
            };
            let batch = std::mem::replace(&mut self.batch, next);
            self.send(Some(batch))?;
        }
        Ok(())
    }

    /// Sends to the writer; a writer that stopped on an error says why.
    fn send(&mut self, message: Option<Vec<Vec<Val>>>) -> Result<()> {
        let sent = self
            .to_writer
            .as_ref()
            .is_some_and(|tx| tx.send(message).is_ok());
        if sent {
            return Ok(());
        }
        self.to_writer = None;
        self.join()
    }

    /// Waits for the writer to end: completed, or why not.
    fn join(&mut self) -> Result<()> {
        match self.writer.take() {
            Some(writer) => writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => Ok(()),
        }
    }

    /// Hands over the last rows, says the list is complete and waits for the writer.
    pub fn finish(mut self) -> Result<()> {
        if !self.batch.is_empty() {
            let batch = std::mem::take(&mut self.batch);
            self.send(Some(batch))?;
        }
        self.send(None)?;
        self.to_writer = None;
        self.join()
    }
}

impl<W: RowWriter> Drop for RowThread<W> {
    /// Abandoned: the writer sees the rows end without "complete", drops what it holds (a
    /// workbook's temporary files) and ends; waited for, so nothing is left behind.
    fn drop(&mut self) {
        self.to_writer = None;
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
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
    lang: Lang,
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
    let page = format!(
        "&R{}",
        say::PageNumber {
            page: &"&P",
            pages: &"&N"
        }
        .text(lang)
    );
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

    fn sample() -> Records {
        let mut r = Records::new(&[
            Column::new("name", Msg::ColName),
            Column::masked("id_number", Msg::ColIdNumber, Mask::IdNumber),
            Column::new("amount", Msg::ColAmount),
            Column::new("year", Msg::ColYear),
            Column::new("note", Msg::ColNote),
        ]);
        for i in 0..7 {
            r.rows.push(vec![
                Val::text(format!("张{i} \"引号\"\n换行")),
                Val::text("320102198001180015"),
                Val::Money(123_450 + i),
                Val::Int(2020 + i),
                if i % 2 == 0 {
                    Val::Null
                } else {
                    Val::Bool(true)
                },
            ]);
        }
        r
    }

    /// What a sink writes to a file in a temp dir for `records`.
    fn written(records: &Records, name: &str, unmask: bool) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        let mut sink = RecordSink::start(
            crate::i18n::Lang::Zh,
            records,
            Format::Table,
            Some(&path),
            "名单",
        )
        .unwrap()
        .masked(unmask);
        for row in &records.rows {
            sink.row(row.clone()).unwrap();
        }
        assert_eq!(sink.finish().unwrap(), records.rows.len());
        std::fs::read(&path).unwrap()
    }

    #[test]
    fn a_streamed_json_array_is_the_pretty_array_byte_for_byte() {
        let mut records = sample();
        for n in [0, 1, 7] {
            records.rows.truncate(n);
            let pretty = serde_json::to_string_pretty(&json(crate::i18n::Lang::Zh, &records))
                .unwrap()
                + "\n";
            assert_eq!(
                String::from_utf8(written(&records, "x.json", true)).unwrap(),
                pretty
            );
        }
        let named = Records::named(
            vec!["a\"b".into()],
            vec![vec![Val::Int(1)], vec![Val::Null]],
        );
        let pretty =
            serde_json::to_string_pretty(&json(crate::i18n::Lang::Zh, &named)).unwrap() + "\n";
        assert_eq!(
            String::from_utf8(written(&named, "x.json", true)).unwrap(),
            pretty
        );
    }

    #[test]
    fn a_streamed_csv_masks_each_row_and_has_a_bom() {
        let records = sample();
        let masked = super::super::export::csv_bytes(
            crate::i18n::Lang::Zh,
            &records.clone().mask(false),
            Encoding::Utf8,
        );
        assert_eq!(written(&records, "x.csv", false), masked.unwrap());
        let text = String::from_utf8(written(&records, "x.csv", false)).unwrap();
        assert!(text.starts_with("\u{feff}姓名,") && text.contains("320102********0015"));
    }

    #[test]
    fn a_workbook_goes_on_in_a_new_sheet_when_one_is_full() {
        use calamine::{Data, Reader};
        let records = sample();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.xlsx");
        let headers = records
            .headers(crate::i18n::Lang::Zh)
            .iter()
            .map(|h| h.to_string())
            .collect();
        let mut book =
            XlsxStream::create(crate::i18n::Lang::Zh, &path, "名单", headers, 3).unwrap();
        for row in &records.rows {
            book.row(row).unwrap();
        }
        book.finish().unwrap();
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
        assert_eq!(
            wb.sheet_names(),
            ["名单", "名单 (2)", "名单 (3)", "名单 (4)"]
        );
        let mut names = Vec::new();
        for (i, sheet) in wb.sheet_names().iter().enumerate() {
            let range = wb.worksheet_range(sheet).unwrap();
            let rows: Vec<&[Data]> = range.rows().collect();
            assert_eq!(rows[0][0], Data::String("姓名".into()), "the header again");
            assert_eq!(rows.len(), if i == 3 { 2 } else { 3 });
            for row in &rows[1..] {
                names.push(row[0].to_string());
                assert_eq!(
                    row[2],
                    Data::Float((123_450 + names.len() as i64 - 1) as f64 / 100.0)
                );
            }
        }
        let want: Vec<String> = records
            .rows
            .iter()
            .map(|r| r[0].display(crate::i18n::Lang::Zh))
            .collect();
        assert_eq!(names, want, "every row once, in order");
    }

    #[test]
    fn a_workbook_written_on_another_thread_holds_every_row_once_and_only_when_complete() {
        use calamine::{Data, Reader};
        let dir = tempfile::tempdir().unwrap();
        let headers = vec!["序号".to_string(), "姓名".to_string()];
        // More rows than a batch, and a part batch at the end.
        let n = 2 * RowThread::<XlsxStream>::BATCH + 7;
        let path = dir.path().join("whole.xlsx");
        let stream = XlsxStream::create(
            crate::i18n::Lang::Zh,
            &path,
            "名单",
            headers.clone(),
            EXCEL_MAX_ROWS,
        )
        .unwrap();
        let mut book = RowThread::spawn(stream);
        for i in 0..n {
            book.row(vec![Val::Int(i as i64), Val::Text(format!("职工{i}"))])
                .unwrap();
        }
        book.finish().unwrap();
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
        let range = wb.worksheet_range("名单").unwrap();
        let rows: Vec<&[Data]> = range.rows().skip(1).collect();
        assert_eq!(rows.len(), n);
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(row[0], Data::Float(i as f64));
            assert_eq!(row[1], Data::String(format!("职工{i}")));
        }

        // Abandoned part-way (the command failed): nothing under the name, no temporary file.
        let path = dir.path().join("abandoned.xlsx");
        let stream = XlsxStream::create(
            crate::i18n::Lang::Zh,
            &path,
            "名单",
            headers,
            EXCEL_MAX_ROWS,
        )
        .unwrap();
        let mut book = RowThread::spawn(stream);
        for i in 0..n {
            book.row(vec![Val::Int(i as i64), Val::Text("甲".into())])
                .unwrap();
        }
        drop(book);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(left, ["whole.xlsx"]);
    }

    #[test]
    fn a_number_is_measured_as_it_is_written() {
        for v in [
            0,
            1,
            9,
            10,
            99,
            100,
            12_345,
            -1,
            -10,
            -99_999,
            i64::MAX,
            i64::MIN,
        ] {
            for val in [Val::Int(v), Val::Money(v), Val::Percent(v), Val::Tenths(v)] {
                assert_eq!(
                    val.number_width(),
                    Some(val.display(crate::i18n::Lang::Zh).len()),
                    "{val:?}"
                );
            }
        }
        assert_eq!(Val::text("12").number_width(), None);
    }

    #[test]
    fn money_json_is_an_exact_number() {
        assert_eq!(
            Val::Money(123450).json(crate::i18n::Lang::Zh).to_string(),
            "1234.50"
        );
        assert_eq!(
            Val::Money(1).json(crate::i18n::Lang::Zh).to_string(),
            "0.01"
        );
        assert_eq!(
            Val::Tenths(981).json(crate::i18n::Lang::Zh).to_string(),
            "98.1"
        );
        assert_eq!(Val::Tenths(5).display(crate::i18n::Lang::Zh), "0.5");
    }
}
