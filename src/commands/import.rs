//! `union import KIND FILE`: stream a ledger's rows through header mapping, validation and the
//! store in one transaction; list every refusal; all or nothing unless `--skip-invalid`.

use crate::i18n::Lang;
use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Ctx, Outcome};
use crate::cli::{EncodingArg, ImportArgs};
use crate::domain::records::{Record, Refusal};
use crate::i18n::{say, Msg};
use crate::import::columns::{column_list, column_named, normalise_header, Kind};
use crate::import::header::{HeaderHints, HeaderMap, HeaderProblem, HEADER_SEARCH_ROWS};
use crate::import::messages::{kind_label, source_error};
use crate::import::pipeline::{self, Sheet, Stored};
use crate::import::source::{EncodingChoice, Source};
use crate::report::render::{Column, Records, Val};
use crate::store::{self, BatchCounts, OpenMode, Origin, Store, UpsertOutcome};

/// How many rows an import writes, at least, between two seal checkpoints (well within the
/// page cache).
const SEAL_EVERY_ROWS: usize = 16_384;

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
    /// The outcome for a script (`--format json`): the row counts, the batch (null when
    /// nothing was written) and the records written per table.
    fn json(&self, dry_run: bool) -> String {
        let c = &self.counts;
        let out = serde_json::json!({
            "read": c.read, "added": c.added, "updated": c.updated, "unchanged": c.unchanged,
            "refused": c.refused, "skipped": c.skipped, "batch": self.batch,
            "dry_run": dry_run, "rolled_back": self.rolled_back,
            "records": per_table(&self.records),
        });
        serde_json::to_string_pretty(&out).unwrap_or_default()
    }

    /// The records written per table, when they are not simply one per row added or updated:
    /// `记录：人员 更新 12；荣誉 新增 12`.
    pub fn records_line(&self, lang: Lang) -> Option<String> {
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
                    p.push(say::RecordsAdded { added: a }.text(lang));
                }
                if *c > 0 {
                    p.push(say::RecordsChanged { updated: c }.text(lang));
                }
                format!(
                    "{} {}",
                    crate::i18n::table_label(lang, t),
                    p.join(Msg::ListSep.text(lang))
                )
            })
            .collect();
        Some(
            say::RecordsLine {
                parts: &parts.join(Msg::PartSep.text(lang)),
            }
            .text(lang),
        )
    }

    /// The summary line: rows read, added, updated, unchanged, refused, skipped, batch id.
    pub fn summary(&self, lang: Lang) -> String {
        let c = &self.counts;
        if self.rolled_back {
            return say::ImportSummaryNothingWritten {
                rows: &c.read,
                refused: &c.refused,
                skipped: &c.skipped,
            }
            .text(lang);
        }
        let (rows, added, updated) = (&c.read, &c.added, &c.updated);
        let (unchanged, refused, skipped) = (&c.unchanged, &c.refused, &c.skipped);
        let mut summary = say::ImportSummary {
            rows,
            added,
            updated,
            unchanged,
            refused,
            skipped,
        }
        .text(lang);
        if let Some(batch) = &self.batch {
            summary.push_str(&say::ImportSummaryBatch { batch }.text(lang));
        }
        summary
    }
}

pub fn run(ctx: &Ctx, kind: Kind, args: &ImportArgs) -> Result<Outcome> {
    if args.columns {
        ctx.emit(columns(ctx.lang, kind), Msg::ColColumn.text(ctx.lang))?;
        return Ok(Outcome::Done);
    }
    // The file is opened and its header checked before the database is touched, so a file that
    // cannot be imported leaves no database behind.
    let opened = open_file(ctx.lang, kind, args)?;
    // A dry run writes nothing, so it never creates or initialises a database either.
    let mode = if args.dry_run {
        OpenMode::Existing
    } else {
        OpenMode::Create
    };
    let mut store = ctx.open(mode)?;
    let json = ctx.format == crate::report::render::Format::Json;
    let report = load(ctx.lang, &mut store, opened, args, !json)?;
    if json {
        println!("{}", report.json(args.dry_run));
    }
    Ok(if report.counts.refused > 0 {
        Outcome::Failed
    } else {
        Outcome::Done
    })
}

/// Every header `kind` accepts: the Chinese header, the English alias, the other wordings,
/// whether it is required, and an example value (`union import KIND --columns`).
fn columns(lang: Lang, kind: Kind) -> Records {
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
                Val::text(c.synonyms.join(Msg::ListSep.text(lang))),
                Val::Bool(c.required),
                Val::text(crate::import::columns::example(kind, c.key)),
            ]
        })
        .collect();
    r
}

/// The `--map 表头=字段` arguments: each header as matching compares it, and the index of the
/// kind's column it names (by its Chinese header, English alias or another wording).
fn header_maps(lang: Lang, kind: Kind, maps: &[String]) -> Result<Vec<(String, usize)>> {
    let columns = kind.columns();
    maps.iter()
        .map(|m| {
            let Some((header, field)) = m.split_once('=') else {
                bail!(say::MapBadArgument { given: m }.text(lang));
            };
            let found = column_named(columns, field)
                .and_then(|column| columns.iter().position(|c| std::ptr::eq(c, column)));
            let Some(c) = found else {
                let known = column_list(lang, columns);
                bail!(say::MapUnknownField {
                    field: &field.trim(),
                    known: &known
                }
                .text(lang));
            };
            Ok((normalise_header(header).0, c))
        })
        .collect()
}

/// A ledger opened for import: each sheet to read (one, or with `--sheet all` every sheet whose
/// header names this kind's columns) positioned after its header, with the header mapped.
pub struct Opened {
    sheets: Vec<Sheet>,
    sha256: String,
    path: PathBuf,
}

/// What the first rows of a sheet turned out to be.
enum Header {
    Found(Box<Sheet>),
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
pub fn open_file(lang: Lang, kind: Kind, args: &ImportArgs) -> Result<Opened> {
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
    let open_failed = |e: &dyn std::fmt::Display| {
        say::ImportOpenFailed {
            path: &path.display(),
            why: e,
        }
        .text(lang)
    };
    let open = |sheet: Option<&str>| match Source::open(path, sheet, encoding) {
        Ok(s) => Ok(s),
        Err(e) => Err(anyhow::anyhow!(open_failed(&source_error(lang, &e)))),
    };
    let mapped = header_maps(lang, kind, &args.map)?;
    let wanted = args.sheet.as_deref();
    let mut sheets = Vec::new();
    let workbook = if all_sheets(wanted) {
        Source::sheets(path).map_err(|e| anyhow::anyhow!(open_failed(&source_error(lang, &e))))?
    } else {
        None
    };
    match workbook {
        Some(all) => {
            if args.rejects.as_deref().is_some_and(|r| {
                !r.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
            }) {
                bail!(Msg::AllSheetsRejectsXlsx.text(lang));
            }
            let mut skipped = Vec::new();
            for (sheet, visible) in all {
                if !visible {
                    skipped.push(say::SheetSkippedHidden { sheet: &sheet }.text(lang));
                    continue;
                }
                let source = open(Some(&sheet))?;
                let label = say::FileSheet {
                    file: &name,
                    sheet: &sheet,
                }
                .text(lang);
                match find_header(lang, kind, source, label, args, &mapped)? {
                    Header::Found(found) => sheets.push(*found),
                    Header::NotFound => {
                        skipped.push(say::SheetSkippedNoHeader { sheet: &sheet }.text(lang))
                    }
                    Header::OtherKind(why) => skipped.push(
                        say::SheetSkippedOtherKind {
                            sheet: &sheet,
                            why: &why,
                        }
                        .text(lang),
                    ),
                }
            }
            for line in &skipped {
                eprintln!(
                    "{}",
                    say::SheetSkipped {
                        file: &name,
                        why: line
                    }
                    .text(lang)
                );
            }
            if sheets.is_empty() {
                bail!(say::NoSheetOfKind {
                    file: &name,
                    kind: &kind_label(lang, kind),
                    code: &kind.code()
                }
                .text(lang));
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
                            say::OtherSheetsNotRead {
                                file: &name,
                                sheet: &sheet,
                                others: &others.join(Msg::ListSep.text(lang))
                            }
                            .text(lang)
                        );
                    }
                    say::FileSheet {
                        file: &name,
                        sheet: &sheet,
                    }
                    .text(lang)
                }
                None => {
                    if wanted.is_some() && Source::sheets(path).ok().flatten().is_none() {
                        let warning = say::SheetOfText { file: &name }.text(lang);
                        eprintln!("{}", crate::report::style::warning(lang, &warning));
                    }
                    name.clone()
                }
            };
            let other_delimiter = source.other_delimiter();
            let mut header = find_header(lang, kind, source, label.clone(), args, &mapped)?;
            // A .csv whose columns are separated by semicolons or tabs: read again that way.
            if let (Header::NotFound, Some(delimiter)) = (&header, other_delimiter) {
                let source = Source::open_delimited(path, encoding, delimiter)
                    .map_err(|e| anyhow::anyhow!(open_failed(&source_error(lang, &e))))?;
                header = find_header(lang, kind, source, label.clone(), args, &mapped)?;
                if matches!(header, Header::Found(_)) {
                    let by = match delimiter {
                        b';' => Msg::DelimiterSemicolon,
                        _ => Msg::DelimiterTab,
                    };
                    let warning = say::ReadWithDelimiter {
                        file: &name,
                        delimiter: &by.text(lang),
                    }
                    .text(lang);
                    eprintln!("{}", crate::report::style::warning(lang, &warning));
                }
            }
            match header {
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
                    bail!(say::HeaderNotFound {
                        file: &label,
                        rows: &HEADER_SEARCH_ROWS,
                        example: &example
                    }
                    .text(lang));
                }
            }
        }
    }
    let sha256 = file_sha256(path).with_context(|| {
        say::CannotRead {
            path: &path.display(),
        }
        .text(lang)
    })?;
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
    lang: Lang,
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
            Some(Err(e)) => bail!(say::ImportOpenFailed {
                path: &label,
                why: &source_error(lang, &e)
            }
            .text(lang)),
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
                return Ok(Header::OtherKind(
                    say::ImportOtherKind {
                        file: &label,
                        other: &kind_label(lang, other),
                        other_known: &n,
                        kind: &kind_label(lang, kind),
                        known: &matched,
                        other_code: &other.code(),
                    }
                    .text(lang),
                ));
            }
        }
        let map = found.map_err(|p| anyhow::anyhow!(header_problem(lang, &label, p)))?;
        // A column that holds a field's name but is none of its wordings: its data would be
        // dropped unseen.
        if !map.resembling.is_empty() {
            let lines: Vec<String> = map
                .resembling
                .iter()
                .map(|(header, column)| {
                    say::ColumnResembles {
                        file: &label,
                        header,
                        field: &column.zh,
                    }
                    .text(lang)
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
            let warning = say::HiddenColumnsRead {
                file: &label,
                columns: &hidden.join(Msg::ListSep.text(lang)),
            }
            .text(lang);
            eprintln!("{}", crate::report::style::warning(lang, &warning));
        }
        if !map.unknown.is_empty() {
            let warning = say::UnknownColumns {
                file: &label,
                columns: &shortened(lang, &map.unknown),
            }
            .text(lang);
            eprintln!("{}", crate::report::style::warning(lang, &warning));
        }
        // A --map or --ignore-column that names nothing: most likely a typo.
        for given in &map.unused {
            let warning = say::HintNamesNothing {
                file: &label,
                given,
            }
            .text(lang);
            eprintln!("{}", crate::report::style::warning(lang, &warning));
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
                say::MergedCellsRead {
                    file: &label,
                    cells: &merged.len(),
                    ranges: &merged.join(Msg::ListSep.text(lang))
                }
                .text(lang)
            );
        }
        return Ok(Header::Found(Box::new(Sheet { source, map, label })));
    }
    Ok(Header::NotFound)
}

/// The store as the import pipeline's sink: each stretch of rows written in the import's
/// transaction, what each did told as the summary counts it.
struct StoreSink<'a> {
    tx: &'a crate::store::db::Connection,
    batch: i64,
    /// For payouts, the last id before this import (see `load`).
    first_new: Option<i64>,
    writer: store::Writer,
    /// Rows written since the last seal checkpoint.
    unsealed: usize,
}

impl pipeline::Sink for StoreSink<'_> {
    fn write(
        &mut self,
        rows: &[(u64, &Record)],
    ) -> Result<Vec<std::result::Result<Stored, Refusal>>> {
        let records: Vec<(Origin, &Record)> = rows
            .iter()
            .map(|&(row, r)| (Origin::row(self.batch, row as i64), r))
            .collect();
        let written = store::write_records(self.tx, &records, &mut self.writer)?;
        self.unsealed += rows.len();
        written
            .into_iter()
            .map(|w| {
                Ok(match w {
                    Err(refusal) => Err(refusal),
                    Ok(UpsertOutcome::Added(_)) => Ok(Stored::Added),
                    Ok(UpsertOutcome::Updated(_)) => Ok(Stored::Updated),
                    Ok(UpsertOutcome::Unchanged(id)) if self.first_new.is_some_and(|f| id > f) => {
                        let earlier = store::payout_file_row(self.tx, id)?.unwrap_or(0);
                        Ok(Stored::Repeated { earlier })
                    }
                    Ok(UpsertOutcome::Unchanged(_) | UpsertOutcome::Conflict { .. }) => {
                        Ok(Stored::Unchanged)
                    }
                })
            })
            .collect()
    }

    fn rows_together(&self) -> usize {
        store::rows_written_together(self.tx)
    }

    fn between_batches(&mut self) -> Result<()> {
        if self.unsealed >= SEAL_EVERY_ROWS {
            // No savepoint is open between batches: seal what was written while it is hot (on
            // SQLite; on PostgreSQL the store seals at the end, see `seal::checkpoint`).
            self.unsealed = 0;
            store::seal_checkpoint(self.tx)?;
        }
        Ok(())
    }
}

/// The records an import wrote, per table, as its log entry and `--format json` give them:
/// `{"people": {"added": 3, "updated": 0}}`.
fn per_table(records: &[(&str, u64, u64)]) -> serde_json::Map<String, serde_json::Value> {
    records
        .iter()
        .map(|(t, a, u)| (t.to_string(), serde_json::json!({"added": a, "updated": u})))
        .collect()
}

/// Streams the rows of an opened ledger into `store` in one transaction. With `verbose` the
/// summary line goes to stdout.
pub fn load(
    lang: Lang,
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
        bail!(Msg::InternalError.text(lang));
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
        if rejects_path.exists() && !is_rejects_file(lang, &rejects_path) {
            bail!(say::RejectsWouldReplace {
                path: &rejects_path.display()
            }
            .text(lang));
        }
    }
    let tx = match kind {
        Kind::Payouts => store.write_resolved()?,
        _ => store.write()?,
    };
    let batch = store::begin_batch(&tx, kind.code(), &path.display().to_string(), &sha256)?;
    // The dated policy parameters, read once: payout rows are judged by those in force on their date.
    let book = store::book(&tx)?;
    let writer = match kind {
        Kind::Payouts => store::Writer::for_payouts(&tx, book)?,
        _ => store::Writer::new(book),
    };
    // Payouts above this id were added by this import: a row found "unchanged" against one of
    // them repeats an earlier row of the file.
    let first_new = match kind {
        Kind::Payouts => Some(store::last_payout_id(&tx)?),
        _ => None,
    };
    let mut sink = StoreSink {
        tx: &tx,
        batch,
        first_new,
        writer,
        unsealed: 0,
    };
    let rejects = want_rejects.then_some(rejects_path.as_path());
    let c = pipeline::stream(lang, sheets, today, rejects, &mut sink)?;
    sink.writer.finish(&tx)?;
    let counts = BatchCounts {
        read: c.read,
        added: c.added,
        updated: c.updated,
        deleted: 0,
        unchanged: c.unchanged,
        refused: c.refused,
        skipped: c.skipped,
    };

    let refused_all = counts.refused > 0 && !args.skip_invalid;
    // A header and nothing under it (or only a total row): no batch is made of it.
    let no_rows = counts.read == 0;
    if no_rows {
        eprintln!(
            "{}",
            say::NoDataRows {
                path: &path.display()
            }
            .text(lang)
        );
    }
    let yearless = match kind {
        Kind::People => store::yearless_honours(&tx, batch)?,
        _ => 0,
    };
    let report = if !args.dry_run && !refused_all && !no_rows {
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
        store::audit(
            &tx,
            "import",
            &serde_json::json!({
                "kind": kind.code(), "file": path.display().to_string(), "sha256": sha256, "batch": batch,
                "read": counts.read, "added": counts.added, "updated": counts.updated,
                "unchanged": counts.unchanged, "refused": counts.refused, "skipped": counts.skipped,
                "records": per_table(&records),
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
        eprintln!("{}", Msg::NothingWritten.text(lang));
    }
    if yearless > 0 && !report.rolled_back {
        eprintln!(
            "{}",
            crate::report::style::warning(
                lang,
                &say::WarnYearlessHonours { honours: &yearless }.text(lang)
            )
        );
    }
    if verbose {
        println!("{}", crate::report::table::fit(&report.summary(lang)));
        if let Some(line) = report.records_line(lang) {
            println!("{line}");
        }
        if args.dry_run {
            println!("{}", Msg::DryRunNote.text(lang));
        }
    }
    Ok(report)
}

fn header_problem(lang: Lang, file: &str, p: HeaderProblem) -> String {
    match p {
        HeaderProblem::Missing(cols, like) => {
            let mut text = say::HeaderMissing {
                file: &file,
                missing: &cols.join("、"),
            }
            .text(lang);
            for (header, column) in like {
                text.push('\n');
                text.push_str(
                    &say::HeaderMissingLike {
                        header: &header,
                        field: &column,
                    }
                    .text(lang),
                );
            }
            text
        }
        HeaderProblem::Duplicate {
            first,
            second,
            column,
            hidden,
        } => {
            let mut text = say::HeaderBothHold {
                file: &file,
                first: &first.1,
                first_header: &first.0,
                second: &second.1,
                second_header: &second.0,
                field: &column,
            }
            .text(lang);
            text.push_str(&match hidden {
                None => say::HeaderDuplicate { second: &second.1 }.text(lang),
                Some(hidden) => say::HeaderDuplicateHidden { hidden: &hidden }.text(lang),
            });
            text
        }
        HeaderProblem::IgnoreAmbiguous { header, letters } => say::IgnoreAmbiguous {
            file: &file,
            header: &header,
            letters: &letters.join(Msg::ListSep.text(lang)),
            letter: &letters.last().map_or("", String::as_str),
        }
        .text(lang),
        HeaderProblem::BadUnit { header, unit } => say::HeaderBadUnit {
            file: &file,
            header: &header,
            unit: &unit,
        }
        .text(lang),
    }
}

/// Whether `path` is a rejects file this tool wrote: its first row ends with 错误原因.
fn is_rejects_file(lang: Lang, path: &Path) -> bool {
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
        .is_some_and(|c| c.text() == Msg::RejectReasonHeader.text(lang))
}

/// Headers for a message: all of a few, the first of many with how many more.
fn shortened(lang: Lang, headers: &[String]) -> String {
    const SHOWN: usize = 20;
    let sep = Msg::ListSep.text(lang);
    if headers.len() <= SHOWN {
        return headers.join(sep);
    }
    let first = headers[..SHOWN].join(sep);
    say::AndMore {
        first: &first,
        more: &(headers.len() - SHOWN),
    }
    .text(lang)
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
