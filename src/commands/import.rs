//! `union import KIND FILE`: stream a ledger's rows through header mapping, validation and the
//! store in one transaction; list every refusal; all or nothing unless `--skip-invalid`.

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use super::{Ctx, Outcome};
use crate::cli::{EncodingArg, ImportArgs};
use crate::domain::cell::Cell;
use crate::domain::policy::Book;
use crate::domain::records::Record;
use crate::i18n::{self, Msg};
use crate::import::columns::{
    column_list, column_named, normalise_header, Kind, REJECTS_ROW_HEADER, REJECTS_SHEET_HEADER,
};
use crate::import::header::{
    column_letter, is_footer_row, is_total_row, repeats_header, HeaderHints, HeaderMap,
    HeaderProblem, HEADER_SEARCH_ROWS,
};
use crate::import::rows::{self, Issue};
use crate::import::source::{EncodingChoice, RawRow, Source, SourceError};
use crate::output::OutputFile;
use crate::report::render::{neutralise, Column, Records, Val};
use crate::store::{self, BatchCounts, OpenMode, Origin, Store, UpsertOutcome};

/// How many batches of rows an import writes between two seal checkpoints (16,384 rows: well
/// within the page cache).
const SEAL_EVERY_BATCHES: usize = 64;

/// Refusals printed on screen; the rest go to the rejects file only.
const SHOWN_REFUSALS: usize = 50;

/// What an import did, for the caller (the demo prints a line per file).
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub counts: BatchCounts,
    /// The batch, when the import wrote.
    pub batch: Option<i64>,
    /// Refused rows made the whole file be left unwritten.
    pub rolled_back: bool,
    /// The records written, per table: (table, added, changed).
    pub records: Vec<(&'static str, u64, u64)>,
}

impl ImportReport {
    /// The records written per table, when they are not simply one per row added or updated:
    /// `记录：人员 更新 12；荣誉 新增 12`.
    pub fn records_line(&self) -> Option<String> {
        let (added, changed): (u64, u64) = self
            .records
            .iter()
            .fold((0, 0), |(a, c), r| (a + r.1, c + r.2));
        if self.records.is_empty()
            || (self.records.len() == 1
                && added == self.counts.added
                && changed == self.counts.updated)
        {
            return None;
        }
        let parts: Vec<String> = self
            .records
            .iter()
            .map(|(t, a, c)| {
                let mut p = Vec::new();
                if *a > 0 {
                    p.push(Msg::RecordsAdded.fmt(&[a]));
                }
                if *c > 0 {
                    p.push(Msg::RecordsChanged.fmt(&[c]));
                }
                format!(
                    "{} {}",
                    crate::i18n::table_label(t),
                    p.join(Msg::ListSep.text())
                )
            })
            .collect();
        Some(Msg::RecordsLine.fmt(&[&parts.join(Msg::PartSep.text())]))
    }

    /// The summary line: rows read, added, updated, unchanged, refused, skipped, batch id.
    pub fn summary(&self) -> String {
        let c = &self.counts;
        if self.rolled_back {
            return Msg::ImportSummaryNothingWritten.fmt(&[&c.read, &c.refused, &c.skipped]);
        }
        let counts: [&dyn std::fmt::Display; 6] = [
            &c.read,
            &c.added,
            &c.updated,
            &c.unchanged,
            &c.refused,
            &c.skipped,
        ];
        match self.batch {
            Some(b) => {
                let mut args = counts.to_vec();
                args.push(&b);
                Msg::ImportSummary.fmt(&args)
            }
            None => Msg::ImportSummaryNoBatch.fmt(&counts),
        }
    }
}

pub fn run(ctx: &Ctx, kind: Kind, args: &ImportArgs) -> Result<Outcome> {
    if args.columns {
        ctx.emit(columns(kind), Msg::ColColumn.text())?;
        return Ok(Outcome::Done);
    }
    // The file is opened and its header checked before the database is touched, so a file that
    // cannot be imported leaves no database behind.
    let opened = open_file(kind, args)?;
    // A dry run writes nothing, so it never creates or initialises a database either.
    let mode = if args.dry_run {
        OpenMode::Existing
    } else {
        OpenMode::Create
    };
    let mut store = Store::open(&ctx.db, mode)?;
    let report = load(&mut store, opened, args, true)?;
    Ok(if report.counts.refused > 0 {
        Outcome::Failed
    } else {
        Outcome::Done
    })
}

/// Every header `kind` accepts: the Chinese header, the English alias, the other wordings,
/// whether it is required, and an example value (`union import KIND --columns`).
fn columns(kind: Kind) -> Records {
    let mut r = Records::new(&[
        Column::new("header", Msg::ColColumn),
        Column::new("alias", Msg::ColAlias),
        Column::new("also", Msg::ColAlso),
        Column::new("required", Msg::ColRequired),
        Column::new("example", Msg::ColExample),
    ]);
    r.rows = kind
        .columns()
        .iter()
        .map(|c| {
            vec![
                Val::text(c.zh),
                Val::text(c.key),
                Val::text(c.synonyms.join(Msg::ListSep.text())),
                Val::Bool(c.required),
                Val::text(crate::import::columns::example(kind, c.key)),
            ]
        })
        .collect();
    r
}

/// The `--map 表头=字段` arguments: each header as matching compares it, and the index of the
/// kind's column it names (by its Chinese header, English alias or another wording).
fn header_maps(kind: Kind, maps: &[String]) -> Result<Vec<(String, usize)>> {
    let columns = kind.columns();
    maps.iter()
        .map(|m| {
            let Some((header, field)) = m.split_once('=') else {
                bail!(Msg::MapBadArgument.fmt(&[m]));
            };
            let found = column_named(columns, field)
                .and_then(|column| columns.iter().position(|c| std::ptr::eq(c, column)));
            let Some(c) = found else {
                let known = column_list(columns, Msg::ListSep.text());
                bail!(Msg::MapUnknownField.fmt(&[&field.trim(), &known]));
            };
            Ok((normalise_header(header).0, c))
        })
        .collect()
}

/// A ledger opened for import: each sheet to read (one, or with `--sheet all` every sheet whose
/// header names this kind's columns) positioned after its header, with the header mapped.
pub struct Opened {
    sheets: Vec<OpenedSheet>,
    sha256: String,
    path: PathBuf,
}

struct OpenedSheet {
    source: Source,
    map: HeaderMap,
    /// The file's name as messages give it (with the sheet, in a workbook of several).
    label: String,
}

/// What the first rows of a sheet turned out to be.
enum Header {
    Found(Box<OpenedSheet>),
    /// No row among the first [`HEADER_SEARCH_ROWS`] names this kind's columns.
    NotFound,
    /// The header fits another kind better: why, as the refusal says it.
    OtherKind(String),
}

/// `--sheet all` (or `全部`): every sheet of a workbook.
fn all_sheets(sheet: Option<&str>) -> bool {
    matches!(sheet.map(str::trim), Some("all" | "ALL" | "All" | "全部"))
}

/// Opens `args.file`, finds and maps its header (every sheet's, with `--sheet all`). Nothing is
/// written.
pub fn open_file(kind: Kind, args: &ImportArgs) -> Result<Opened> {
    let Some(path) = &args.file else {
        bail!("no file");
    };
    crate::output::protect(crate::output::Protected::Input, path);
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let encoding = match args.encoding {
        EncodingArg::Auto => EncodingChoice::Auto,
        EncodingArg::Utf8 => EncodingChoice::Utf8,
        EncodingArg::Gbk => EncodingChoice::Gbk,
    };
    let open_failed = |e: &dyn std::fmt::Display| Msg::ImportOpenFailed.fmt(&[&path.display(), e]);
    let open = |sheet: Option<&str>| match Source::open(path, sheet, encoding) {
        Ok(s) => Ok(s),
        Err(e) => Err(anyhow::anyhow!(open_failed(&i18n::source_error(&e)))),
    };
    let mapped = header_maps(kind, &args.map)?;
    let wanted = args.sheet.as_deref();
    let mut sheets = Vec::new();
    let workbook = if all_sheets(wanted) {
        Source::sheets(path).map_err(|e| anyhow::anyhow!(open_failed(&i18n::source_error(&e))))?
    } else {
        None
    };
    match workbook {
        Some(all) => {
            if args.rejects.as_deref().is_some_and(|r| {
                !r.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
            }) {
                bail!(Msg::AllSheetsRejectsXlsx.text());
            }
            let mut skipped = Vec::new();
            for (sheet, visible) in all {
                if !visible {
                    skipped.push(Msg::SheetSkippedHidden.fmt(&[&sheet, &sheet]));
                    continue;
                }
                let source = open(Some(&sheet))?;
                let label = Msg::FileSheet.fmt(&[&name, &sheet]);
                match find_header(kind, source, label, args, &mapped)? {
                    Header::Found(found) => sheets.push(*found),
                    Header::NotFound => skipped.push(Msg::SheetSkippedNoHeader.fmt(&[&sheet])),
                    Header::OtherKind(why) => {
                        skipped.push(Msg::SheetSkippedOtherKind.fmt(&[&sheet, &why]))
                    }
                }
            }
            for line in &skipped {
                eprintln!("{}", Msg::SheetSkipped.fmt(&[&name, line]));
            }
            if sheets.is_empty() {
                bail!(Msg::NoSheetOfKind.fmt(&[&name, &i18n::kind_label(kind), &kind.code()]));
            }
        }
        _ => {
            let source = open(wanted)?;
            // In a workbook of several sheets, every message names the sheet too; when the
            // sheet was not asked for, the others are named once, so none is missed unseen.
            let label = match source.sheet_among_several() {
                Some(sheet) => {
                    if wanted.is_none() {
                        let others: Vec<String> = Source::sheets(path)
                            .ok()
                            .flatten()
                            .unwrap_or_default()
                            .into_iter()
                            .map(|(n, _)| n)
                            .filter(|n| n != sheet)
                            .collect();
                        eprintln!(
                            "{}",
                            Msg::OtherSheetsNotRead.fmt(&[
                                &name,
                                &sheet,
                                &others.join(Msg::ListSep.text())
                            ])
                        );
                    }
                    Msg::FileSheet.fmt(&[&name, &sheet])
                }
                None => {
                    if wanted.is_some() && Source::sheets(path).ok().flatten().is_none() {
                        let warning = Msg::SheetOfText.fmt(&[&name]);
                        eprintln!("{}", crate::report::style::warning(&warning));
                    }
                    name.clone()
                }
            };
            match find_header(kind, source, label.clone(), args, &mapped)? {
                Header::Found(found) => sheets.push(*found),
                Header::OtherKind(why) => bail!(why),
                Header::NotFound => {
                    let example = kind
                        .columns()
                        .iter()
                        .filter(|c| c.required)
                        .map(|c| c.zh)
                        .collect::<Vec<_>>()
                        .join("”“");
                    bail!(Msg::HeaderNotFound.fmt(&[&label, &HEADER_SEARCH_ROWS, &example]));
                }
            }
        }
    }
    let sha256 = file_sha256(path).with_context(|| Msg::CannotRead.fmt(&[&path.display()]))?;
    Ok(Opened {
        sheets,
        sha256,
        path: path.clone(),
    })
}

/// Reads the first rows of `source` for the header of `kind`: the first that names known
/// columns, rows above it being the ledger's title. Refuses a header with a problem, or with a
/// column that looks like a field; says once what is unknown, hidden or merged.
fn find_header(
    kind: Kind,
    mut source: Source,
    label: String,
    args: &ImportArgs,
    mapped: &[(String, usize)],
) -> Result<Header> {
    let hints = HeaderHints {
        hidden: source.hidden_columns().to_vec(),
        mapped: mapped.to_vec(),
        ignored: args
            .ignore_column
            .iter()
            .map(|h| normalise_header(h).0)
            .collect(),
    };
    for _ in 0..HEADER_SEARCH_ROWS {
        let row = match source.next_row() {
            None => break,
            Some(Err(e)) => bail!(Msg::ImportOpenFailed.fmt(&[&label, &i18n::source_error(&e)])),
            Some(Ok(row)) => row,
        };
        let Some(found) = HeaderMap::detect_with(kind, row.row, &row.cells, &hints) else {
            continue;
        };
        // A file of another kind that shares key columns (a hardship file given as people):
        // the kind whose columns it names more of, all required ones too. Said before what is
        // wrong with the header as this kind's.
        let matched = match &found {
            Ok(map) => map.matched(),
            Err(_) => HeaderMap::known_columns(kind, &row.cells),
        };
        if !args.kind_anyway {
            let better = Kind::ALL
                .iter()
                .filter(|k| **k != kind)
                .filter_map(|k| match HeaderMap::detect(*k, row.row, &row.cells) {
                    Some(Ok(m)) if m.matched() > matched => Some((*k, m.matched())),
                    _ => None,
                })
                .max_by_key(|(_, n)| *n);
            if let Some((other, n)) = better {
                return Ok(Header::OtherKind(Msg::ImportOtherKind.fmt(&[
                    &label,
                    &i18n::kind_label(other),
                    &n,
                    &i18n::kind_label(kind),
                    &matched,
                    &other.code(),
                ])));
            }
        }
        let map = found.map_err(|p| anyhow::anyhow!(header_problem(&label, p)))?;
        // A column that holds a field's name but is none of its wordings: its data would be
        // dropped unseen.
        if !map.resembling.is_empty() {
            let lines: Vec<String> = map
                .resembling
                .iter()
                .map(|(header, column)| {
                    Msg::ColumnResembles
                        .fmt(&[&label, header, &column.zh, header, &column.zh, header])
                })
                .collect();
            bail!(lines.join("\n"));
        }
        let hidden: Vec<&str> = hints
            .hidden
            .iter()
            .filter(|i| map.reads(**i))
            .map(|i| map.headers[*i].as_str())
            .collect();
        if !hidden.is_empty() {
            let warning = Msg::HiddenColumnsRead.fmt(&[&label, &hidden.join(Msg::ListSep.text())]);
            eprintln!("{}", crate::report::style::warning(&warning));
        }
        if !map.unknown.is_empty() {
            let warning = Msg::UnknownColumns.fmt(&[&label, &shortened(&map.unknown)]);
            eprintln!("{}", crate::report::style::warning(&warning));
        }
        // A --map or --ignore-column that names nothing: most likely a typo.
        for given in &map.unused {
            let warning = Msg::HintNamesNothing.fmt(&[&label, given]);
            eprintln!("{}", crate::report::style::warning(&warning));
        }
        // Merged cells under the header: said once, with the areas.
        let merged: Vec<&str> = source
            .merged_areas()
            .iter()
            .filter(|(top, _)| *top > map.row)
            .map(|(_, name)| name.as_str())
            .collect();
        if !merged.is_empty() {
            eprintln!(
                "{}",
                Msg::MergedCellsRead.fmt(&[
                    &label,
                    &merged.len(),
                    &merged.join(Msg::ListSep.text())
                ])
            );
        }
        return Ok(Header::Found(Box::new(OpenedSheet { source, map, label })));
    }
    Ok(Header::NotFound)
}

/// Streams the rows of an opened ledger into `store` in one transaction. With `verbose` the
/// summary line goes to stdout.
pub fn load(
    store: &mut Store,
    opened: Opened,
    args: &ImportArgs,
    verbose: bool,
) -> Result<ImportReport> {
    let Opened {
        sheets,
        sha256,
        path,
    } = opened;
    let Some(kind) = sheets.first().map(|s| s.map.kind) else {
        bail!(Msg::InternalError.text());
    };
    let path = &path;
    let today = chrono::Local::now().date_naive();
    let want_rejects = args.skip_invalid || args.rejects.is_some();
    let rejects_path = args
        .rejects
        .clone()
        .unwrap_or_else(|| default_rejects_path(path));
    if want_rejects {
        // Before anything is read or written: the rejects file may not be the database, its side
        // files or the input (the input is registered as protected by `open_file`).
        crate::output::check(&rejects_path)?;
        // A file already there is replaced only when it is an earlier rejects file (its header
        // ends with 错误原因): a roster or a ledger given by mistake is kept.
        if rejects_path.exists() && !is_rejects_file(&rejects_path) {
            bail!(Msg::RejectsWouldReplace.fmt(&[&rejects_path.display()]));
        }
    }
    let mut refusals = Refusals {
        rejects_path: want_rejects.then_some(rejects_path.as_path()),
        rejects: None,
        shown: 0,
        label: String::new(),
        headers: Vec::new(),
        sheet: None,
        per_sheet: sheets.len() > 1,
    };
    let mut counts = BatchCounts::default();

    let tx = match kind {
        Kind::Payouts => store.write_resolved()?,
        _ => store.write()?,
    };
    let batch = store::begin_batch(&tx, kind.code(), &path.display().to_string(), &sha256)?;
    // The dated policy parameters, read once: payout rows are judged by those in force on their date.
    let book = Book::new(store::policy_rows(&tx)?);
    let mut writer = match kind {
        Kind::Payouts => store::Writer::for_payouts(&tx, book)?,
        _ => store::Writer::new(book),
    };
    let mut batches = 0usize;
    // Payouts above this id were added by this import: a row found "unchanged" against one of
    // them repeats an earlier row of the file.
    let first_new = match kind {
        Kind::Payouts => Some(store::last_payout_id(&tx)?),
        _ => None,
    };
    for OpenedSheet { source, map, label } in sheets {
        refusals.label = label;
        refusals.headers = map.headers.clone();
        refusals.sheet = source.sheet_name().map(str::to_owned);
        let label = refusals.label.clone();
        let progress = progress_bar(&source);
        let mut rows = Rows {
            tx: &tx,
            batch,
            first_new,
            map: &map,
            writer: &mut writer,
            refusals: &mut refusals,
            counts: &mut counts,
            waiting: Vec::with_capacity(ROWS_WRITTEN_TOGETHER),
            done: Vec::with_capacity(ROWS_WRITTEN_TOGETHER),
            texts: Vec::new(),
        };
        // One thread reads and parses the file while this one writes: the two halves of an
        // import take about a fifth and four fifths of the time, and the machine has cores to
        // spare.
        let (to_writer, from_reader) = std::sync::mpsc::sync_channel::<Batch>(2);
        let (to_reader, recycled) = std::sync::mpsc::channel::<Spares>();
        // The rows of the sheet's foot (first, last), reported once.
        let mut footer: Option<(u64, u64)> = None;
        let mut unnamed = Unnamed::new();
        std::thread::scope(|scope| -> Result<()> {
            let map = &map;
            let reader = std::thread::Builder::new()
                .name("union-reader".into())
                .spawn_scoped(scope, move || {
                    read_rows(source, map, today, to_writer, recycled)
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
                            rows.flush()?;
                            rows.counts.skipped += 1;
                            eprintln!("{}", Msg::TotalRowSkipped.fmt(&[&label, &row]));
                        }
                        Item::Footer(row) => {
                            rows.counts.skipped += 1;
                            footer.get_or_insert((row, row)).1 = row;
                        }
                        Item::Header(row) => {
                            rows.counts.skipped += 1;
                            eprintln!("{}", Msg::HeaderRowSkipped.fmt(&[&label, &row]));
                        }
                        Item::Unreadable(row, issue) => {
                            rows.flush()?;
                            rows.counts.read += 1;
                            rows.refusals.add(row, &[], &[issue], rows.counts)?;
                        }
                    }
                }
                rows.flush()?;
                batches += 1;
                if batches % SEAL_EVERY_BATCHES == 0 {
                    // No savepoint is open between batches: seal what was written while it is hot.
                    store::seal_checkpoint(rows.tx)?;
                }
                // The reader may have finished: then the spares are simply dropped.
                let spares = (
                    std::mem::take(&mut rows.done),
                    std::mem::take(&mut rows.texts),
                );
                let _ = to_reader.send(spares);
            }
            match reader.join() {
                Ok(found) => unnamed = found,
                Err(_) => bail!(Msg::InternalError.text()),
            }
            Ok(())
        })?;
        progress.finish_and_clear();
        match footer {
            Some((first, last)) if first == last => {
                eprintln!("{}", Msg::FooterSkippedOne.fmt(&[&label, &first]))
            }
            Some((first, last)) => {
                eprintln!(
                    "{}",
                    Msg::FooterSkipped.fmt(&[&label, &format!("{first}–{last}")])
                )
            }
            None => {}
        }
        if !unnamed.is_empty() {
            let columns: Vec<String> = unnamed
                .iter()
                .map(|(i, row)| Msg::ColumnAtRow.fmt(&[&column_letter(*i), row]))
                .collect();
            let warning = Msg::UnnamedColumns.fmt(&[&label, &columns.join(Msg::ListSep.text())]);
            eprintln!("{}", crate::report::style::warning(&warning));
        }
    }
    refusals.finish()?;

    let refused_all = counts.refused > 0 && !args.skip_invalid;
    let yearless = match kind {
        Kind::People => store::yearless_honours(&tx, batch)?,
        _ => 0,
    };
    let report = if !args.dry_run && !refused_all {
        // The batch list counts records (a roster row may add an honour and change its
        // person); the summary line counts rows, with the records beside it when they differ.
        // A payout row added is one payout added (its recipient may be added besides).
        let known = (kind == Kind::Payouts).then_some(("payouts", counts.added));
        let records = store::record_counts(&tx, batch, known)?;
        let stored = BatchCounts {
            added: records.iter().map(|r| r.1).sum(),
            updated: records.iter().map(|r| r.2).sum(),
            ..counts
        };
        store::finish_batch(&tx, batch, &stored)?;
        let per_table: serde_json::Map<String, serde_json::Value> = records
            .iter()
            .map(|(t, a, c)| (t.to_string(), serde_json::json!({"added": a, "updated": c})))
            .collect();
        store::audit(
            &tx,
            "import",
            &serde_json::json!({
                "kind": kind.code(), "file": path.display().to_string(), "sha256": sha256, "batch": batch,
                "read": counts.read, "added": counts.added, "updated": counts.updated,
                "unchanged": counts.unchanged, "refused": counts.refused, "skipped": counts.skipped,
                "records": per_table,
            }),
        )?;
        tx.commit()?;
        ImportReport {
            counts,
            batch: Some(batch),
            rolled_back: false,
            records,
        }
    } else {
        tx.rollback()?;
        ImportReport {
            counts,
            batch: None,
            rolled_back: refused_all && !args.dry_run,
            records: Vec::new(),
        }
    };
    if report.rolled_back {
        eprintln!("{}", Msg::NothingWritten);
    }
    if yearless > 0 && !report.rolled_back {
        eprintln!(
            "{}",
            crate::report::style::warning(&Msg::WarnYearlessHonours.fmt(&[&yearless]))
        );
    }
    if verbose {
        println!("{}", crate::report::table::fit(&report.summary()));
        if let Some(line) = report.records_line() {
            println!("{line}");
        }
        if args.dry_run {
            println!("{}", Msg::DryRunNote);
        }
    }
    Ok(report)
}

/// Parsed rows handed to the store together (see `store::write_records`).
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

/// What the writing thread hands back for reuse: the cells of rows written and the strings of
/// their records.
type Spares = (Vec<Vec<Cell>>, Vec<String>);

/// The reading thread: reads and parses every row of `source` and sends them on in batches.
/// Cells and strings come back through `recycled` to be reused. Stops early when the writer
/// hangs up.
fn read_rows(
    mut source: Source,
    map: &HeaderMap,
    today: chrono::NaiveDate,
    out: std::sync::mpsc::SyncSender<Batch>,
    recycled: std::sync::mpsc::Receiver<Spares>,
) -> Unnamed {
    let mut items = Vec::with_capacity(ROWS_WRITTEN_TOGETHER);
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
                i18n::source_error_row(&e).unwrap_or(0),
                source_issue(map, &e),
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
                                reason: Msg::DataBelowFooter.fmt(&[&first]),
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
                    let parsed = rows::parse(map, &cells, today, source.spare_texts());
                    Item::Row(Waiting { row, cells, parsed })
                }
            }
        });
        next = source.next_row();
        if items.len() == ROWS_WRITTEN_TOGETHER || next.is_none() {
            let batch = Batch {
                items: std::mem::replace(&mut items, Vec::with_capacity(ROWS_WRITTEN_TOGETHER)),
                position: source.progress().0,
            };
            if out.send(batch).is_err() {
                return unnamed;
            }
            for (cells, strings) in recycled.try_iter() {
                for row in cells {
                    source.recycle(row);
                }
                source.recycle_texts(strings);
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

/// The rows of an import on their way to the store, with where their outcomes are counted
/// and their refusals reported.
struct Rows<'a, 'c> {
    tx: &'a rusqlite::Connection,
    batch: i64,
    /// For payouts, the last id before this import (see `load`).
    first_new: Option<i64>,
    map: &'a HeaderMap,
    writer: &'a mut store::Writer,
    refusals: &'a mut Refusals<'c>,
    counts: &'a mut BatchCounts,
    waiting: Vec<Waiting>,
    /// The cells of rows written and the strings of their records, for the reader to reuse.
    done: Vec<Vec<Cell>>,
    texts: Vec<String>,
}

impl Rows<'_, '_> {
    /// Writes the waiting rows, counts each outcome and reports each refusal in row order.
    fn flush(&mut self) -> Result<()> {
        let records: Vec<(Origin, &Record)> = self
            .waiting
            .iter()
            .filter_map(|w| {
                let at = Origin::row(self.batch, w.row as i64);
                w.parsed.as_ref().ok().map(|r| (at, r))
            })
            .collect();
        let mut written = store::write_records(self.tx, &records, self.writer)?.into_iter();
        drop(records);
        for w in self.waiting.drain(..) {
            let issues = match w.parsed {
                Err(issues) => issues,
                Ok(record) => match written.next() {
                    Some(Ok(outcome)) => {
                        match outcome {
                            UpsertOutcome::Added(_) => self.counts.added += 1,
                            UpsertOutcome::Updated(_) => self.counts.updated += 1,
                            UpsertOutcome::Unchanged(id)
                                if self.first_new.is_some_and(|f| id > f) =>
                            {
                                // The same payout as an earlier row of this file: kept once,
                                // and said, as it may be a second payment left without a voucher.
                                self.counts.unchanged += 1;
                                let earlier = store::payout_file_row(self.tx, id)?.unwrap_or(0);
                                let warning = Msg::SamePayoutTwice.fmt(&[
                                    &self.refusals.label,
                                    &w.row,
                                    &earlier,
                                ]);
                                eprintln!("{}", crate::report::style::warning(&warning));
                            }
                            UpsertOutcome::Unchanged(_) | UpsertOutcome::Conflict { .. } => {
                                self.counts.unchanged += 1
                            }
                        }
                        self.done.push(w.cells);
                        record.give_texts(&mut self.texts);
                        continue;
                    }
                    Some(Err(refusal)) => {
                        let key = rows::refusal_column(self.map.kind, &record, &refusal);
                        let issue = rows::issue(self.map, &w.cells, key, i18n::refusal(&refusal));
                        record.give_texts(&mut self.texts);
                        vec![issue]
                    }
                    // write_records gives one outcome per record.
                    None => bail!(Msg::InternalError.text()),
                },
            };
            self.refusals.add(w.row, &w.cells, &issues, self.counts)?;
            self.done.push(w.cells);
        }
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
        row: u64,
        cells: &[Cell],
        issues: &[Issue],
        counts: &mut BatchCounts,
    ) -> Result<()> {
        counts.refused += 1;
        for issue in issues {
            if self.shown < SHOWN_REFUSALS {
                eprintln!("{}", issue_line(&self.label, row, issue));
            }
            self.shown += 1;
        }
        if let Some(path) = self.rejects_path {
            let part = self.sheet.as_deref().filter(|_| self.per_sheet);
            match &mut self.rejects {
                None => {
                    self.rejects = Some(Rejects::create(
                        path,
                        &self.headers,
                        self.sheet.as_deref(),
                        part,
                    )?)
                }
                Some(r) if r.sheet != self.sheet => {
                    r.next_part(&self.headers, self.sheet.as_deref(), part)?
                }
                Some(_) => {}
            }
            if let Some(r) = self.rejects.as_mut() {
                r.write(row, cells, issues)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        if self.shown > SHOWN_REFUSALS {
            eprintln!(
                "{}",
                Msg::MoreRefusals.fmt(&[&(self.shown - SHOWN_REFUSALS)])
            );
        }
        if let Some(r) = self.rejects.take() {
            let path = r.path.clone();
            r.finish()?;
            eprintln!("{}", Msg::RejectsWritten.fmt(&[&path.display()]));
        }
        Ok(())
    }
}

/// A reader error as a row issue, naming the column when the error is about one cell.
fn source_issue(map: &HeaderMap, e: &SourceError) -> Issue {
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
        reason: i18n::source_error(e),
    }
}

fn header_problem(file: &str, p: HeaderProblem) -> String {
    match p {
        HeaderProblem::Missing(cols, like) => {
            let mut text = Msg::HeaderMissing.fmt(&[&file, &cols.join("、")]);
            for (header, column) in like {
                text.push('\n');
                text.push_str(&Msg::HeaderMissingLike.fmt(&[&header, &column, &header, &column]));
            }
            text
        }
        HeaderProblem::Duplicate {
            first,
            second,
            column,
            hidden: None,
        } => Msg::HeaderDuplicate.fmt(&[
            &file, &first.1, &first.0, &second.1, &second.0, &column, &second.1,
        ]),
        HeaderProblem::Duplicate {
            first,
            second,
            column,
            hidden: Some(hidden),
        } => Msg::HeaderDuplicateHidden.fmt(&[
            &file, &first.1, &first.0, &second.1, &second.0, &column, &hidden, &hidden,
        ]),
        HeaderProblem::IgnoreAmbiguous { header, letters } => Msg::IgnoreAmbiguous.fmt(&[
            &file,
            &header,
            &letters.join(Msg::ListSep.text()),
            &letters.last().map_or("", String::as_str),
        ]),
        HeaderProblem::BadUnit { header, unit } => Msg::HeaderBadUnit.fmt(&[&file, &header, &unit]),
    }
}

/// Whether `path` is a rejects file this tool wrote: its first row ends with 错误原因.
fn is_rejects_file(path: &Path) -> bool {
    let Ok(mut source) = Source::open(path, None, EncodingChoice::Auto) else {
        return false;
    };
    let Some(Ok(first)) = source.next_row() else {
        return false;
    };
    first
        .cells
        .iter()
        .rev()
        .find(|c| !c.is_blank())
        .is_some_and(|c| c.text() == Msg::RejectReasonHeader.text())
}

/// Headers for a message: all of a few, the first of many with how many more.
fn shortened(headers: &[String]) -> String {
    const SHOWN: usize = 20;
    let sep = Msg::ListSep.text();
    if headers.len() <= SHOWN {
        return headers.join(sep);
    }
    let first = headers[..SHOWN].join(sep);
    Msg::AndMore.fmt(&[&first, &(headers.len() - SHOWN)])
}

/// One refusal as the user reads it: file, Excel row, column, value, reason.
pub fn issue_line(file: &str, row: u64, issue: &Issue) -> String {
    match &issue.column {
        Some(col) => Msg::RowIssue.fmt(&[&file, &row, col, &issue.value, &issue.reason]),
        None => Msg::RowIssueNoColumn.fmt(&[&file, &row, &issue.reason]),
    }
}

/// `FILE.rejects.csv` beside a text file, `FILE.rejects.xlsx` beside a workbook.
fn default_rejects_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_stem()
        .map(|s| s.to_os_string())
        .unwrap_or_default();
    let workbook = path.extension().is_some_and(|e| {
        ["xlsx", "xlsm", "xlsb", "xls", "ods"]
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    });
    name.push(if workbook {
        ".rejects.xlsx"
    } else {
        ".rejects.csv"
    });
    path.with_file_name(name)
}

fn file_sha256(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn progress_bar(source: &Source) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match source.progress().1 {
        Some(total) => ProgressBar::new(total).with_style(
            ProgressStyle::with_template("{msg} [{bar:40}] {percent}% {elapsed_precise}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner(),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar.set_message(Msg::ProgressImporting.text());
    bar
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
fn rejects_header(headers: &[String], sheet: Option<&str>) -> Vec<String> {
    let mut header: Vec<String> = headers.to_vec();
    if sheet.is_some() {
        header.push(REJECTS_SHEET_HEADER.to_string());
    }
    header.push(REJECTS_ROW_HEADER.to_string());
    header.push(Msg::RejectReasonHeader.text().to_string());
    header
}

impl Rejects {
    /// `part`: the name of the workbook sheet for these rows, when each input sheet gets its own.
    fn create(
        path: &Path,
        headers: &[String],
        sheet: Option<&str>,
        part: Option<&str>,
    ) -> Result<Rejects> {
        let fail = || Msg::CannotWrite.fmt(&[&path.display()]);
        let header = rejects_header(headers, sheet);
        let is_xlsx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        let out = if is_xlsx {
            let mut book = Box::new(rust_xlsxwriter::Workbook::new());
            let name = part.unwrap_or(Msg::SheetRejects.text()).to_string();
            add_rejects_sheet(&mut book, &header, &name)?;
            RejectsOut::Xlsx {
                book,
                row: 1,
                sheets: 1,
                name,
            }
        } else {
            let mut file = OutputFile::create(path)?;
            std::io::Write::write_all(&mut file, "\u{feff}".as_bytes()).with_context(fail)?;
            let mut writer = csv::Writer::from_writer(file);
            writer.write_record(&header).with_context(fail)?;
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
        headers: &[String],
        sheet: Option<&str>,
        part: Option<&str>,
    ) -> Result<()> {
        self.header = rejects_header(headers, sheet);
        self.width = headers.len();
        self.sheet = sheet.map(str::to_owned);
        if let RejectsOut::Xlsx {
            book,
            row,
            sheets,
            name,
        } = &mut self.out
        {
            *name = part.unwrap_or(Msg::SheetRejects.text()).to_string();
            add_rejects_sheet(book, &self.header, name)?;
            *sheets += 1;
            *row = 1;
        }
        Ok(())
    }

    fn write(&mut self, row: u64, cells: &[Cell], issues: &[Issue]) -> Result<()> {
        let fail = || Msg::CannotWrite.fmt(&[&self.path.display()]);
        let reasons = issues
            .iter()
            .map(|i| match &i.column {
                Some(col) => format!("{col}{}{}", Msg::Sep, i.reason),
                None => i.reason.clone(),
            })
            .collect::<Vec<_>>()
            .join("；");
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
                writer.write_record(&record).with_context(fail)?;
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
        let fail = || Msg::CannotWrite.fmt(&[&self.path.display()]);
        match self.out {
            RejectsOut::Csv(writer) => writer
                .into_inner()
                .map_err(|e| anyhow::Error::new(e.into_error()))
                .with_context(fail)?
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
