//! The import engine: the rows of opened sheets stream from a reading thread, which reads and
//! parses them, to the caller's [`Sink`], which stores them in batches of a few hundred; every
//! refusal — a row that does not parse, or that the sink refuses — is shown (the first 50) and,
//! when asked for, written to a rejects file; blank, total, footer and repeated header rows are
//! counted and said. Nothing here knows the database: `commands::import` gives a sink that
//! writes to the store, a unit test one that keeps the records.

use crate::i18n::Lang;
use anyhow::{bail, Result};
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

use super::columns::{REJECTS_ROW_HEADER, REJECTS_SHEET_HEADER};
use super::header::{column_letter, is_footer_row, is_total_row, repeats_header, HeaderMap};
use super::rows::{self, Issue};
use super::source::{RawRow, Source, SourceError};
use crate::domain::cell::Cell;
use crate::domain::records::{Record, Refusal};
use crate::i18n::{self, say, Msg};
use crate::output::OutputFile;
use crate::report::render::neutralise;

/// Refusals printed on screen; the rest go to the rejects file only.
const SHOWN_REFUSALS: usize = 50;

/// A sheet to import: its reader positioned after the header, the header mapped, and the
/// file's name as messages give it (with the sheet, in a workbook of several).
pub struct Sheet {
    pub source: Source,
    pub map: HeaderMap,
    pub label: String,
}

/// What storing one record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    Added,
    Updated,
    Unchanged,
    /// The same payout as an earlier row of this file (that row's number): kept once.
    Repeated {
        earlier: i64,
    },
}

/// Where the records go: rows in file order, a few hundred at a time, each with its Excel row
/// number; one outcome per record, or why it was refused.
pub trait Sink {
    fn write(
        &mut self,
        rows: &[(u64, &Record)],
    ) -> Result<Vec<std::result::Result<Stored, Refusal>>>;

    /// Between two batches of rows, when no row is half-written.
    fn between_batches(&mut self) -> Result<()> {
        Ok(())
    }

    /// How many rows to hand over at a time.
    fn rows_together(&self) -> usize {
        ROWS_WRITTEN_TOGETHER
    }
}

/// Rows read and what became of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub read: u64,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub refused: u64,
    pub skipped: u64,
}

/// Streams every row of `sheets` into `sink`, in order; refused rows also go to the rejects
/// file `rejects` when one is wanted. `today` bounds the dates a row may give.
pub fn stream(
    lang: Lang,
    sheets: Vec<Sheet>,
    today: NaiveDate,
    rejects: Option<&Path>,
    sink: &mut dyn Sink,
) -> Result<Counts> {
    let mut refusals = Refusals {
        rejects_path: rejects,
        rejects: None,
        shown: 0,
        label: String::new(),
        headers: Vec::new(),
        sheet: None,
        per_sheet: sheets.len() > 1,
    };
    let mut counts = Counts::default();
    let together = sink.rows_together().max(1);
    for Sheet { source, map, label } in sheets {
        refusals.label = label;
        refusals.headers = map.headers.clone();
        refusals.sheet = source.sheet_name().map(str::to_owned);
        let label = refusals.label.clone();
        let progress = progress_bar(lang, &source);
        let mut rows = Rows {
            map: &map,
            sink: &mut *sink,
            refusals: &mut refusals,
            counts: &mut counts,
            waiting: Vec::with_capacity(together),
            spent: Vec::new(),
            give_back: None,
        };
        // One thread reads and parses the file while this one writes: the two halves of an
        // import take about a fifth and four fifths of the time, and the machine has cores to
        // spare.
        let (to_writer, from_reader) = std::sync::mpsc::sync_channel::<Batch>(2);
        // Rows written go back to the reading thread, which frees them there or reuses their
        // strings for the next rows: the writing thread is the slower one (freeing a million
        // rows' strings was about 3% of its time, perf).
        let (give_back, spent) = std::sync::mpsc::channel::<Vec<Waiting>>();
        rows.give_back = Some(give_back);
        // The rows of the sheet's foot (first, last), reported once.
        let mut footer: Option<(u64, u64)> = None;
        let mut unnamed = Unnamed::new();
        std::thread::scope(|scope| -> Result<()> {
            let map = &map;
            let reader = std::thread::Builder::new()
                .name("union-reader".into())
                .spawn_scoped(scope, move || {
                    read_rows(lang, source, map, today, together, to_writer, spent)
                })?;
            for batch in from_reader {
                progress.set_position(batch.position);
                for item in batch.items {
                    match item {
                        Item::Row(waiting) => {
                            rows.counts.read += 1;
                            rows.waiting.push(waiting);
                        }
                        Item::Blank => rows.counts.skipped += 1,
                        Item::Total(row) => {
                            rows.flush(lang)?;
                            rows.counts.skipped += 1;
                            eprintln!(
                                "{}",
                                say::TotalRowSkipped {
                                    file: &label,
                                    row: &row
                                }
                                .text(lang)
                            );
                        }
                        Item::Footer(row) => {
                            rows.counts.skipped += 1;
                            footer.get_or_insert((row, row)).1 = row;
                        }
                        Item::Header(row) => {
                            rows.counts.skipped += 1;
                            eprintln!(
                                "{}",
                                say::HeaderRowSkipped {
                                    file: &label,
                                    row: &row
                                }
                                .text(lang)
                            );
                        }
                        Item::Unreadable(row, issue) => {
                            rows.flush(lang)?;
                            rows.counts.read += 1;
                            rows.refusals.add(lang, row, &[], &[issue], rows.counts)?;
                        }
                    }
                }
                rows.flush(lang)?;
                rows.sink.between_batches()?;
            }
            match reader.join() {
                Ok(found) => unnamed = found,
                Err(_) => bail!(Msg::InternalError.said()),
            }
            Ok(())
        })?;
        progress.finish_and_clear();
        match footer {
            Some((first, last)) if first == last => {
                eprintln!(
                    "{}",
                    say::FooterSkippedOne {
                        file: &label,
                        row: &first
                    }
                    .text(lang)
                )
            }
            Some((first, last)) => {
                eprintln!(
                    "{}",
                    say::FooterSkipped {
                        file: &label,
                        rows: &format!("{first}–{last}")
                    }
                    .text(lang)
                )
            }
            None => {}
        }
        if !unnamed.is_empty() {
            let columns: Vec<String> = unnamed
                .iter()
                .map(|(i, row)| {
                    say::ColumnAtRow {
                        column: &column_letter(*i),
                        row,
                    }
                    .text(lang)
                })
                .collect();
            let warning = say::UnnamedColumns {
                file: &label,
                columns: &columns.join(Msg::ListSep.text(lang)),
            }
            .text(lang);
            eprintln!("{}", crate::report::style::warning(lang, &warning));
        }
    }
    refusals.finish(lang)?;
    Ok(counts)
}

/// Parsed rows handed to the sink together unless it asks for another number (see
/// `store::write_records`).
const ROWS_WRITTEN_TOGETHER: usize = 256;

/// What the reading thread hands the writing one: rows in file order, and how far into the
/// file it has read (for the progress bar).
struct Batch {
    items: Vec<Item>,
    position: u64,
}

/// One row of the file as the reading thread found it.
enum Item {
    Row(Waiting),
    Blank,
    /// A 合计 row, skipped (its Excel row number).
    Total(u64),
    /// A footer line (填表人：…) or a row below one, skipped (its Excel row number).
    Footer(u64),
    /// The header again, skipped (its Excel row number).
    Header(u64),
    /// A row the reader could not read (its Excel row number, when known, and why).
    Unreadable(u64, Issue),
}

/// The reading thread: reads and parses every row of `source` and sends them on in batches.
/// Stops early when the writer hangs up.
fn read_rows(
    lang: Lang,
    mut source: Source,
    map: &HeaderMap,
    today: chrono::NaiveDate,
    together: usize,
    out: std::sync::mpsc::SyncSender<Batch>,
    spent: std::sync::mpsc::Receiver<Vec<Waiting>>,
) -> Unnamed {
    let mut items = Vec::with_capacity(together);
    // Once a footer line (填表人：…) is met, it and every row below it are the sheet's foot; a
    // row down there that fills the columns as data does is refused, not dropped unseen.
    let mut footer_from: Option<u64> = None;
    let mut unnamed = Unnamed::new();
    // The header cells as a data row's cells read (trimmed), to know the header repeated
    // further down.
    let header: Vec<String> = map
        .headers
        .iter()
        .map(|h| Cell::Text(h.clone()).text().into_owned())
        .collect();
    let mut next = source.next_row();
    while let Some(read) = next {
        items.push(match read {
            Err(e) => Item::Unreadable(
                super::messages::source_error_row(&e).unwrap_or(0),
                source_issue(lang, map, &e),
            ),
            Ok(RawRow { row, cells }) => {
                let footer = is_footer_row(&cells);
                if footer && footer_from.is_none() {
                    footer_from = Some(row);
                }
                if let (Some(first), false) = (footer_from, footer) {
                    let filled = (0..cells.len())
                        .filter(|i| map.reads(*i) && !cells[*i].is_blank())
                        .count();
                    source.recycle(cells);
                    if filled >= 2 {
                        Item::Unreadable(
                            row,
                            Issue {
                                column: None,
                                value: String::new(),
                                reason: say::DataBelowFooter { row: &first }.text(lang),
                            },
                        )
                    } else {
                        Item::Footer(row)
                    }
                } else if footer {
                    source.recycle(cells);
                    Item::Footer(row)
                } else if cells.iter().all(Cell::is_blank) {
                    source.recycle(cells);
                    Item::Blank
                } else if is_total_row(&cells) {
                    source.recycle(cells);
                    Item::Total(row)
                } else if repeats_header(&cells, &header) {
                    source.recycle(cells);
                    Item::Header(row)
                } else {
                    for (i, cell) in cells.iter().enumerate() {
                        if !cell.is_blank() && header.get(i).is_none_or(String::is_empty) {
                            unnamed.entry(i).or_insert(row);
                        }
                    }
                    let parsed = rows::parse(lang, map, &cells, today);
                    Item::Row(Waiting { row, cells, parsed })
                }
            }
        });
        next = source.next_row();
        if items.len() == together || next.is_none() {
            for written in spent.try_iter() {
                for w in written {
                    source.recycle(w.cells);
                }
            }
            let batch = Batch {
                items: std::mem::replace(&mut items, Vec::with_capacity(together)),
                position: source.progress().0,
            };
            if out.send(batch).is_err() {
                return unnamed;
            }
        }
    }
    unnamed
}

/// Columns without a header that hold values: each column's index and the first row with one.
type Unnamed = std::collections::BTreeMap<usize, u64>;

/// A data row read and parsed, waiting to be written.
struct Waiting {
    row: u64,
    cells: Vec<Cell>,
    parsed: std::result::Result<Record, Vec<Issue>>,
}

/// The rows of an import on their way to the sink, with where their outcomes are counted and
/// their refusals reported.
struct Rows<'a, 'c> {
    map: &'a HeaderMap,
    sink: &'a mut dyn Sink,
    refusals: &'a mut Refusals<'c>,
    counts: &'a mut Counts,
    waiting: Vec<Waiting>,
    /// Rows written, on their way back to the reading thread (`give_back`).
    spent: Vec<Waiting>,
    give_back: Option<std::sync::mpsc::Sender<Vec<Waiting>>>,
}

impl Rows<'_, '_> {
    /// Writes the waiting rows, counts each outcome and reports each refusal in row order.
    fn flush(&mut self, lang: Lang) -> Result<()> {
        let records: Vec<(u64, &Record)> = self
            .waiting
            .iter()
            .filter_map(|w| w.parsed.as_ref().ok().map(|r| (w.row, r)))
            .collect();
        let mut written = self.sink.write(&records)?.into_iter();
        drop(records);
        for w in self.waiting.drain(..) {
            let refused = match &w.parsed {
                Err(_) => None,
                Ok(record) => match written.next() {
                    Some(Ok(stored)) => {
                        match stored {
                            Stored::Added => self.counts.added += 1,
                            Stored::Updated => self.counts.updated += 1,
                            Stored::Unchanged => self.counts.unchanged += 1,
                            Stored::Repeated { earlier } => {
                                // The same payout as an earlier row of this file: kept once,
                                // and said, as it may be a second payment left without a voucher.
                                self.counts.unchanged += 1;
                                let warning = say::SamePayoutTwice {
                                    file: &self.refusals.label,
                                    row: &w.row,
                                    earlier: &earlier,
                                }
                                .text(lang);
                                eprintln!("{}", crate::report::style::warning(lang, &warning));
                            }
                        }
                        self.spent.push(w);
                        continue;
                    }
                    Some(Err(refusal)) => {
                        let key = rows::refusal_column(record, &refusal);
                        Some(vec![rows::issue(
                            self.map,
                            &w.cells,
                            key,
                            i18n::refusal(lang, &refusal),
                        )])
                    }
                    // A sink gives one outcome per record.
                    None => bail!(Msg::InternalError.said()),
                },
            };
            let issues = match (&refused, &w.parsed) {
                (Some(issues), _) | (None, Err(issues)) => issues.as_slice(),
                (None, Ok(_)) => &[],
            };
            self.refusals
                .add(lang, w.row, &w.cells, issues, self.counts)?;
            self.spent.push(w);
        }
        if let Some(back) = &self.give_back {
            // The reading thread may be done: then they are freed here.
            let _ = back.send(std::mem::take(&mut self.spent));
        }
        self.spent.clear();
        Ok(())
    }
}

/// Where refused rows go: the first `SHOWN_REFUSALS` issues on screen, every row to the
/// rejects file when one is wanted (created at the first refusal).
struct Refusals<'a> {
    rejects_path: Option<&'a Path>,
    rejects: Option<Rejects>,
    shown: usize,
    /// The sheet being read: its label in messages, its header cells and its name (of a workbook).
    label: String,
    headers: Vec<String>,
    sheet: Option<String>,
    /// Whether several sheets are read: a rejects workbook then has a sheet for each.
    per_sheet: bool,
}

impl Refusals<'_> {
    fn add(
        &mut self,
        lang: Lang,
        row: u64,
        cells: &[Cell],
        issues: &[Issue],
        counts: &mut Counts,
    ) -> Result<()> {
        counts.refused += 1;
        for issue in issues {
            if self.shown < SHOWN_REFUSALS {
                eprintln!("{}", issue_line(lang, &self.label, row, issue));
            }
            self.shown += 1;
        }
        if let Some(path) = self.rejects_path {
            let part = self.sheet.as_deref().filter(|_| self.per_sheet);
            match &mut self.rejects {
                None => {
                    self.rejects = Some(Rejects::create(
                        lang,
                        path,
                        &self.headers,
                        self.sheet.as_deref(),
                        part,
                    )?)
                }
                Some(r) if r.sheet != self.sheet => {
                    r.next_part(lang, &self.headers, self.sheet.as_deref(), part)?
                }
                Some(_) => {}
            }
            if let Some(r) = self.rejects.as_mut() {
                r.write(lang, row, cells, issues)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, lang: Lang) -> Result<()> {
        if self.shown > SHOWN_REFUSALS {
            eprintln!(
                "{}",
                say::MoreRefusals {
                    more: &(self.shown - SHOWN_REFUSALS)
                }
                .text(lang)
            );
        }
        if let Some(r) = self.rejects.take() {
            let path = r.path.clone();
            r.finish()?;
            eprintln!(
                "{}",
                say::RejectsWritten {
                    path: &path.display()
                }
                .text(lang)
            );
        }
        Ok(())
    }
}

/// A reader error as a row issue, naming the column when the error is about one cell.
fn source_issue(lang: Lang, map: &HeaderMap, e: &SourceError) -> Issue {
    let column = match e {
        SourceError::Undecodable { column, .. } => column
            .checked_sub(1)
            .and_then(|i| map.headers.get(i))
            .filter(|h| !h.is_empty())
            .cloned(),
        _ => None,
    };
    Issue {
        column,
        value: String::new(),
        reason: super::messages::source_error(lang, e),
    }
}

/// One refusal as the user reads it: file, Excel row, column, value, reason.
pub fn issue_line(lang: Lang, file: &str, row: u64, issue: &Issue) -> String {
    match &issue.column {
        Some(col) => say::RowIssue {
            file: &file,
            row: &row,
            column: col,
            value: &issue.value,
            reason: &issue.reason,
        }
        .text(lang),
        None => say::RowIssueNoColumn {
            file: &file,
            row: &row,
            reason: &issue.reason,
        }
        .text(lang),
    }
}

fn progress_bar(lang: Lang, source: &Source) -> indicatif::ProgressBar {
    crate::output::progress_bar(Msg::ProgressImporting.text(lang), source.progress().1)
}

/// The rejects file: the file's own header, the sheet (of a workbook) and Excel row each refused
/// row came from, and 错误原因 last; each refused row as it was, so that the admin can fix it and
/// import it again (the added columns are ignored then). A `.xlsx` name gives a workbook with
/// every text cell a text cell; any other a UTF-8 CSV with BOM for Excel, where ID numbers and
/// other long digit strings are written `="…"` so that Excel keeps them as text (the reader takes
/// that off again). Written under a temporary name, moved to its own when complete.
struct Rejects {
    out: RejectsOut,
    path: PathBuf,
    /// The sheet of a workbook input the rows come from now.
    sheet: Option<String>,
    /// How many cells the input's header has, and the rejects file's header.
    width: usize,
    header: Vec<String>,
}

enum RejectsOut {
    Csv(Box<csv::Writer<OutputFile>>),
    Xlsx {
        book: Box<rust_xlsxwriter::Workbook>,
        /// The next row of the current sheet, the sheets so far, and the current one's name
        /// (the next sheet past Excel's last row takes it with a number).
        row: u32,
        sheets: u32,
        name: String,
    },
}

/// Excel's last row: past it a workbook continues on a new sheet.
const XLSX_MAX_ROWS: u32 = 1_048_576;

/// The header of a rejects file: the input's own, then where each row came from, the reason last.
fn rejects_header(lang: Lang, headers: &[String], sheet: Option<&str>) -> Vec<String> {
    let mut header: Vec<String> = headers.to_vec();
    if sheet.is_some() {
        header.push(REJECTS_SHEET_HEADER.to_string());
    }
    header.push(REJECTS_ROW_HEADER.to_string());
    header.push(Msg::RejectReasonHeader.text(lang).to_string());
    header
}

impl Rejects {
    /// `part`: the name of the workbook sheet for these rows, when each input sheet gets its own.
    fn create(
        lang: Lang,
        path: &Path,
        headers: &[String],
        sheet: Option<&str>,
        part: Option<&str>,
    ) -> Result<Rejects> {
        let fail = || {
            say::CannotWrite {
                path: &path.display(),
            }
            .said()
        };
        let header = rejects_header(lang, headers, sheet);
        let is_xlsx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        let out = if is_xlsx {
            let mut book = Box::new(rust_xlsxwriter::Workbook::new());
            let name = part.unwrap_or(Msg::SheetRejects.text(lang)).to_string();
            add_rejects_sheet(&mut book, &header, &name)?;
            RejectsOut::Xlsx {
                book,
                row: 1,
                sheets: 1,
                name,
            }
        } else {
            let mut file = OutputFile::create(path)?;
            std::io::Write::write_all(&mut file, "\u{feff}".as_bytes())
                .map_err(|e| fail().because(e))?;
            let mut writer = csv::Writer::from_writer(file);
            writer
                .write_record(&header)
                .map_err(|e| fail().because(e))?;
            RejectsOut::Csv(Box::new(writer))
        };
        Ok(Rejects {
            out,
            path: path.to_path_buf(),
            sheet: sheet.map(str::to_owned),
            width: headers.len(),
            header,
        })
    }

    /// The rows from here on come from another sheet of the input, with its own header: a
    /// workbook gets a sheet for them (`--sheet all` refuses a CSV rejects file up front).
    fn next_part(
        &mut self,
        lang: Lang,
        headers: &[String],
        sheet: Option<&str>,
        part: Option<&str>,
    ) -> Result<()> {
        self.header = rejects_header(lang, headers, sheet);
        self.width = headers.len();
        self.sheet = sheet.map(str::to_owned);
        if let RejectsOut::Xlsx {
            book,
            row,
            sheets,
            name,
        } = &mut self.out
        {
            *name = part.unwrap_or(Msg::SheetRejects.text(lang)).to_string();
            add_rejects_sheet(book, &self.header, name)?;
            *sheets += 1;
            *row = 1;
        }
        Ok(())
    }

    fn write(&mut self, lang: Lang, row: u64, cells: &[Cell], issues: &[Issue]) -> Result<()> {
        let fail = || {
            say::CannotWrite {
                path: &self.path.display(),
            }
            .said()
        };
        let reasons = issues
            .iter()
            .map(|i| match &i.column {
                Some(col) => format!("{col}{}{}", Msg::Sep.text(lang), i.reason),
                None => i.reason.clone(),
            })
            .collect::<Vec<_>>();
        let reasons = i18n::clauses(lang, reasons);
        let width = self.width.max(cells.len());
        match &mut self.out {
            RejectsOut::Csv(writer) => {
                // As every CSV the tool writes: a cell a spreadsheet would run as a formula gets
                // a leading apostrophe, which the reader takes off again.
                let mut record: Vec<String> = cells
                    .iter()
                    .map(|c| crate::domain::cell::kept_as_text(&neutralise(&c.text())))
                    .collect();
                record.resize(width, String::new());
                record.extend(self.sheet.clone());
                record.push(row.to_string());
                record.push(reasons);
                writer
                    .write_record(&record)
                    .map_err(|e| fail().because(e))?;
            }
            RejectsOut::Xlsx {
                book,
                row: next,
                sheets,
                name,
            } => {
                if *next == XLSX_MAX_ROWS {
                    *sheets += 1;
                    // Excel's sheet names have at most 31 characters.
                    let base: String = name.chars().take(26).collect();
                    add_rejects_sheet(book, &self.header, &format!("{base}{}", *sheets))?;
                    *next = 1;
                }
                let ws = book.worksheet_from_index(*sheets as usize - 1)?;
                let r = *next;
                for (c, cell) in cells.iter().enumerate() {
                    let c = c as u16;
                    match cell {
                        Cell::Empty => {}
                        Cell::Number(n) => {
                            ws.write_number(r, c, *n)?;
                        }
                        // A date cell stays a date cell, read back as it was (a 所属期间 given as
                        // a date is its month; the same date as text is a day, refused).
                        Cell::Date(d) => {
                            let day = rust_xlsxwriter::ExcelDateTime::from_ymd(
                                u16::try_from(d.year()).unwrap_or(1900),
                                d.month() as u8,
                                d.day() as u8,
                            )?;
                            let format =
                                rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
                            ws.write_datetime_with_format(r, c, &day, &format)?;
                        }
                        _ => {
                            ws.write_string(r, c, cell.text())?;
                        }
                    }
                }
                let mut c = width as u16;
                if let Some(sheet) = &self.sheet {
                    ws.write_string(r, c, sheet)?;
                    c += 1;
                }
                ws.write_number(r, c, row as f64)?;
                ws.write_string(r, c + 1, reasons)?;
                *next += 1;
            }
        }
        Ok(())
    }

    /// Moves the file to its name: until then it is under a temporary one (a workbook is built
    /// whole first), so an import that fails or is killed half-way leaves no partial rejects file.
    fn finish(self) -> Result<()> {
        let fail = || {
            say::CannotWrite {
                path: &self.path.display(),
            }
            .said()
        };
        match self.out {
            RejectsOut::Csv(writer) => writer
                .into_inner()
                .map_err(|e| anyhow::Error::new(e.into_error()))
                .map_err(|e| fail().because(e))?
                .commit(),
            RejectsOut::Xlsx { mut book, .. } => {
                crate::report::render::save_xlsx(&mut book, &self.path)
            }
        }
    }
}

/// A sheet of a rejects workbook (`退回`, or the input sheet's name): the header in bold and
/// frozen, columns wide enough for an ID number, the reasons wide.
fn add_rejects_sheet(
    book: &mut rust_xlsxwriter::Workbook,
    header: &[String],
    name: &str,
) -> Result<()> {
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let ws = book.add_worksheet_with_constant_memory()?;
    ws.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        let c = c as u16;
        let wide = if c as usize + 1 == header.len() {
            60.0
        } else {
            20.0
        };
        ws.set_column_width(c, wide)?;
        ws.write_string_with_format(0, c, h, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::columns::Kind;
    use crate::import::source::EncodingChoice;

    /// A sink that keeps what it is given: the pipeline tested with no database.
    #[derive(Default)]
    struct Kept {
        rows: Vec<(u64, Record)>,
        batches: usize,
    }

    impl Sink for Kept {
        fn write(
            &mut self,
            rows: &[(u64, &Record)],
        ) -> Result<Vec<std::result::Result<Stored, Refusal>>> {
            self.rows
                .extend(rows.iter().map(|(row, r)| (*row, (*r).clone())));
            // The second row of the file is refused, as a store refuses a name.
            Ok(rows
                .iter()
                .map(|(row, _)| match row {
                    3 => Err(Refusal::NameMismatch {
                        on_file: "陈晶".into(),
                        row: None,
                    }),
                    _ => Ok(Stored::Added),
                })
                .collect())
        }

        fn between_batches(&mut self) -> Result<()> {
            self.batches += 1;
            Ok(())
        }
    }

    #[test]
    fn rows_stream_to_the_sink_in_order_with_total_and_refused_rows_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.csv");
        std::fs::write(
            &path,
            "身份证号,姓名,类别,金额,发放日期,凭证号\n\
             11010519491231002X,陈静,送清凉,300,2025-07-01,A1\n\
             11010519491231002X,陈静,送清凉,300,2025-07-02,A2\n\
             11010519491231002X,陈静,送清凉,abc,2025-07-03,A3\n\
             11010519491231002X,陈静,送清凉,300,2025-07-04,A4\n\
             合计,,,1200,,\n",
        )
        .unwrap();
        let mut source = Source::open(&path, None, EncodingChoice::Auto).unwrap();
        let header = source.next_row().unwrap().unwrap();
        let map = HeaderMap::detect(Kind::Payouts, header.row, &header.cells)
            .unwrap()
            .unwrap();
        let sheets = vec![Sheet {
            source,
            map,
            label: "p.csv".into(),
        }];
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut sink = Kept::default();
        let counts = stream(crate::i18n::Lang::Zh, sheets, today, None, &mut sink).unwrap();
        let rows: Vec<u64> = sink.rows.iter().map(|(row, _)| *row).collect();
        // Row 4's amount does not parse, so the sink never sees it; the total row is skipped.
        assert_eq!(rows, [2, 3, 5]);
        assert_eq!(
            counts,
            Counts {
                read: 4,
                added: 2,
                updated: 0,
                unchanged: 0,
                refused: 2,
                skipped: 1,
            }
        );
        assert_eq!(sink.batches, 1);
    }
}
