//! One file per command group: glue only. Turn arguments into domain values, call the store or
//! a report, render the result.

pub mod admin;
pub mod campaign;
pub mod carriers;
pub mod demo;
pub mod edit;
pub mod enterprise;
pub mod export;
pub mod import;
pub mod office;
pub mod payout;
pub mod people;
pub mod policy;
pub mod report;
pub mod rollup;
pub mod studio;
pub mod unions;

use anyhow::{bail, Result};
use std::path::PathBuf;

use crate::cli::{Cli, Command, Format as FormatArg, ImportCommand};
use crate::i18n::{say, Lang, Msg};
use crate::import::columns::Kind;
use crate::output;
use crate::report::render::{self, Format, Records};
use crate::store::{OpenMode, Store};

/// What a command concluded, mapped to the exit code by `main`: `Done` 0, `Failed` 1 (ran, but
/// the data did not pass). Errors (could not run) are 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Failed,
}

/// The global options every command sees.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The language every message of the run is said in.
    pub lang: Lang,
    pub db: PathBuf,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub unmask: bool,
}

impl Ctx {
    pub fn from_cli(cli: &Cli) -> Ctx {
        Ctx {
            lang: cli.lang(),
            db: cli.db.clone(),
            format: match cli.format {
                FormatArg::Table => Format::Table,
                FormatArg::Csv => Format::Csv,
                FormatArg::Json => Format::Json,
            },
            output: cli.output.clone(),
            unmask: cli.unmask,
        }
    }

    /// Opens the run's database (`--db`).
    pub fn open(&self, mode: OpenMode) -> Result<Store> {
        self.open_at(&self.db, mode)
    }

    /// Opens the database at `path`; while it waits for another command's write it says so,
    /// in this run's language.
    pub fn open_at(&self, path: &std::path::Path, mode: OpenMode) -> Result<Store> {
        Store::open(path, mode, self.waiting())
    }

    /// What a command waiting for another's write says, every few seconds.
    pub fn waiting(&self) -> crate::store::Waiting {
        let lang = self.lang;
        std::sync::Arc::new(move || eprintln!("{}", Msg::WaitingForWriter.text(lang)))
    }

    /// Prints a list (masked unless `--unmask`) in the chosen format or to `-o FILE`.
    pub fn emit(&self, records: Records, sheet: &str) -> Result<()> {
        let mut sink = self.sink(&records, sheet)?;
        for row in records.rows {
            sink.row(row)?;
        }
        sink.finish().map(drop)
    }

    /// Starts a list with the columns of `head` (masked unless `--unmask`) in the chosen format
    /// or to `-o FILE`, for rows given one at a time as the store reads them.
    pub fn sink(&self, head: &Records, sheet: &str) -> Result<render::RecordSink> {
        let lang = self.lang;
        Ok(
            render::RecordSink::start(lang, head, self.format, self.output.as_deref(), sheet)?
                .masked(self.unmask),
        )
    }
}

/// Runs the parsed command line.
pub fn dispatch(cli: Cli) -> Result<Outcome> {
    let ctx = Ctx::from_cli(&cli);
    let lang = ctx.lang;
    // No output may overwrite the database: checked here, before the command touches anything,
    // and again by every writer (`crate::output`).
    let db = match &cli.command {
        Command::Demo { file } => file,
        _ => &ctx.db,
    };
    output::protect(output::Protected::Database, db);
    crate::store::set_audit_key(audit_key(lang, cli.key_file.as_deref())?);
    if let Some(path) = &ctx.output {
        output::check(path)?;
    }
    run_command(&ctx, cli.command).map_err(|e| {
        // A PostgreSQL office's login reaching what only the city may change (the rules, the
        // settings, campaigns, programmes): said as such, not as the server's words alone.
        match crate::store::offices::denied(&e) {
            Some(what) => anyhow::anyhow!(say::OfficeNotAllowed { what: &what }.text(lang)),
            None => e,
        }
    })
}

fn run_command(ctx: &Ctx, command: Command) -> Result<Outcome> {
    match command {
        Command::Init { district, city } => admin::init(ctx, district.as_deref(), city.as_deref()),
        Command::Demo { file } => demo::run(ctx, &file),
        Command::Import(ImportCommand::List) | Command::Batches => admin::batches(ctx),
        Command::Import(ImportCommand::Undo { batch }) | Command::Undo { batch } => {
            admin::undo(ctx, batch)
        }
        Command::Import(cmd) => {
            let (kind, args) = match &cmd {
                ImportCommand::People(a) => (Kind::People, a),
                ImportCommand::Studios(a) => (Kind::Studios, a),
                ImportCommand::StudioResults(a) => (Kind::StudioResults, a),
                ImportCommand::Enterprises(a) => (Kind::Enterprises, a),
                ImportCommand::Agreements(a) => (Kind::Agreements, a),
                ImportCommand::Payouts(a) => (Kind::Payouts, a),
                ImportCommand::Hardship(a) => (Kind::Hardship, a),
                ImportCommand::Unions(a) => (Kind::Unions, a),
                ImportCommand::Carriers(a) => (Kind::Carriers, a),
                ImportCommand::List | ImportCommand::Undo { .. } => unreachable!("matched above"),
            };
            import::run(ctx, kind, args)
        }
        Command::Edit {
            kind,
            key,
            assignments,
            clear,
            reason,
        } => edit::edit(ctx, kind, &key, &assignments, &clear, reason.as_deref()),
        Command::Delete { kind, key, reason } => edit::delete(ctx, kind, &key, reason.as_deref()),
        Command::People(cmd) => people::people(ctx, cmd),
        Command::Hardship(cmd) => people::hardship(ctx, cmd),
        Command::Studios(cmd) => studio::studios(ctx, cmd),
        Command::Enterprises(cmd) => enterprise::enterprises(ctx, cmd),
        Command::Agreements(cmd) => enterprise::agreements(ctx, cmd),
        Command::Unions(cmd) => unions::unions(ctx, cmd),
        Command::Rollup { files } => rollup::rollup(ctx, &files),
        Command::Carriers(cmd) => carriers::carriers(ctx, cmd),
        Command::Carrier(cmd) => carriers::carrier(ctx, cmd),
        Command::Programme(cmd) => carriers::programme(ctx, cmd),
        Command::Campaign(cmd) => campaign::campaign(ctx, cmd),
        Command::Payouts(cmd) => payout::payouts(ctx, cmd),
        Command::Report(cmd) => report::report(ctx, cmd),
        Command::Export(args) => export::export(ctx, &args),
        Command::Sql { query, timeout } => admin::sql(ctx, &query, timeout),
        Command::Log {
            accept: true,
            reason,
            ..
        } => admin::accept_log(ctx, reason.as_deref().unwrap_or_default()),
        Command::Log {
            since,
            verify: false,
            ..
        } => admin::log(ctx, since),
        Command::Log {
            verify: true,
            expect,
            ..
        } => admin::verify_log(ctx, expect.as_deref()),
        Command::Backup { file } => admin::backup(ctx, &file),
        Command::Copy { from, to } => admin::copy(ctx, &from, &to),
        Command::Office(cmd) => office::office(ctx, cmd),
        Command::Policy(cmd) => policy::policy(ctx, cmd),
        Command::Studio(cmd) => studio::studio(ctx, cmd),
        Command::Payout(cmd) => payout::payout(ctx, cmd),
        Command::Check(cmd) => payout::check(ctx, cmd),
        Command::Eligible {
            program,
            year,
            date,
            sign_sheet,
        } => payout::eligible(ctx, program, year, date, sign_sheet.as_deref()),
    }
}

/// The audit key: the contents of `--key-file`, else `UNION_AUDIT_KEY`; surrounding white space
/// (a trailing newline) is not part of it. An empty key is refused: it would protect nothing.
fn audit_key(lang: Lang, file: Option<&std::path::Path>) -> Result<Option<Vec<u8>>> {
    let key = match file {
        Some(path) => Some(std::fs::read(path).map_err(|e| {
            anyhow::anyhow!(e).context(
                say::CannotRead {
                    path: &path.display(),
                }
                .text(lang),
            )
        })?),
        None => std::env::var_os("UNION_AUDIT_KEY").map(|k| k.into_encoded_bytes()),
    };
    match key.map(|k| k.trim_ascii().to_vec()) {
        Some(k) if k.is_empty() => bail!(Msg::AuditKeyEmpty.text(lang)),
        other => Ok(other),
    }
}

/// Opens the batch of a write command (inside its transaction): every write is a batch that
/// `union undo` can take back.
pub fn begin_write(tx: &crate::store::db::Transaction<'_>, action: &str) -> Result<i64> {
    crate::store::begin_write(tx, action)
}

/// Closes a write command's batch after its last change (its before-images and counts) and
/// logs the write under `action`, the batch number added to `detail`. Print
/// [`batch_line`] once the transaction is committed.
pub fn finish_write(
    tx: &crate::store::db::Transaction<'_>,
    batch: i64,
    action: &str,
    mut detail: serde_json::Value,
) -> Result<crate::store::BatchCounts> {
    let counts = crate::store::finish_write(tx, batch, 1)?;
    if let serde_json::Value::Object(map) = &mut detail {
        map.insert("batch".into(), batch.into());
    }
    crate::store::audit(tx, action, &detail)?;
    Ok(counts)
}

/// The line a write command ends with: its batch, and how to take it back.
pub fn batch_line(lang: Lang, batch: i64) -> String {
    say::WriteBatch { batch: &batch }.text(lang)
}

/// Today, for commands whose date defaults to it (rules never read the clock themselves).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The key a `show` command looks a person up by: an ID number typed as an import reads it
/// (a lower-case `x`, full-width digits, Excel's `'`) in the form it is stored in; a name or
/// a record number as typed.
pub fn person_key(key: &str) -> String {
    let key = key.trim();
    crate::domain::id_number::IdNumber::parse(&crate::domain::cell::Cell::Text(key.into()), today())
        .map_or_else(|_| key.to_string(), |id| id.as_str().to_string())
}

/// A free-text argument (a reason, a programme's name or criterion), as long as an import's
/// cell may be: a pasted paragraph is refused with the argument named as typed (`--reason`,
/// `<NAME>`).
pub fn bounded_flag(lang: Lang, arg: &str, value: &str) -> Result<String> {
    use crate::domain::values::{bounded_text, shown_value};
    bounded_text(&crate::domain::cell::Cell::Text(value.to_string())).map_err(|e| {
        anyhow::anyhow!(say::BadArgValue {
            arg: &arg,
            value: &shown_value(value),
            reason: &crate::i18n::reason(lang, &e)
        }
        .text(lang))
    })
}

/// A date flag in any of the accepted spellings.
pub fn date_value(lang: Lang, value: &str) -> Result<chrono::NaiveDate> {
    crate::domain::values::parse_date(&crate::domain::cell::Cell::Text(value.trim().to_string()))
        .map_err(|_| anyhow::anyhow!(say::BadDate { given: &value }.text(lang)))
}

/// The date of something that has happened (a payment, a naming, a revocation), from a flag:
/// refused when after today, as import refuses such a cell.
pub fn past_date(lang: Lang, flag: &str, d: chrono::NaiveDate) -> Result<chrono::NaiveDate> {
    if d > today() {
        bail!(say::BadFilter {
            flag: &flag,
            value: &d,
            reason: &Msg::ReasonDateInFuture.text(lang)
        }
        .text(lang));
    }
    Ok(d)
}

/// `columns` with the record number first (the number `union edit` and `union delete` take
/// for honours and namings).
pub fn numbered(columns: &[render::Column]) -> Records {
    let mut all = vec![render::Column::new("id", Msg::ColId)];
    all.extend_from_slice(columns);
    Records::new(&all)
}

/// A row with its record number first, for [`numbered`] columns.
pub fn with_number(id: i64, mut row: Vec<render::Val>) -> Vec<render::Val> {
    row.insert(0, render::Val::Int(id));
    row
}

/// Picks the single record a `show KEY` names: none is an error, several ask for a sharper key.
pub fn one<T>(lang: Lang, mut found: Vec<T>, key: &str, sharper: Msg) -> Result<T> {
    match found.len() {
        0 => bail!(say::NotFound { what: &key }.text(lang)),
        1 => Ok(found.remove(0)),
        _ => bail!(say::Ambiguous {
            given: &key,
            hint: &sharper.text(lang)
        }
        .text(lang)),
    }
}

/// A list shown under a record (`people show`: the person's payouts): its JSON key, title,
/// records, and the columns that only repeat the record itself (the person's own name, ID
/// number and district on each payout), left out on screen.
pub type Section = (&'static str, Msg, Records, &'static [&'static str]);

/// Prints one record whole (the admin asked for it: nothing masked) with its related lists.
/// Table: the fields as label/value lines, then each non-empty section without the columns
/// that repeat the record. JSON: one object with the sections as arrays, whole. CSV/XLSX: the
/// record itself.
pub fn show(ctx: &Ctx, record: Records, sections: &[Section]) -> Result<()> {
    let format = Format::for_output(ctx.format, ctx.output.as_deref())?;
    match format {
        Format::Table if ctx.output.is_none() => {
            let mut fields = Records::new(&[
                render::Column::new("field", Msg::ColField),
                render::Column::new("value", Msg::ColValue),
            ]);
            if let Some(row) = record.rows.first() {
                fields.rows = record
                    .columns
                    .iter()
                    .zip(row)
                    .filter(|(_, v)| **v != render::Val::Null)
                    .map(|(c, v)| vec![render::Val::text(c.label.text(ctx.lang)), v.clone()])
                    .collect();
            }
            let head = render::record_table(ctx.lang, &fields);
            println!("{head}");
            let lists: Vec<(Msg, Records)> = sections
                .iter()
                .filter(|(_, _, records, _)| !records.rows.is_empty())
                .map(|(_, title, records, context)| (*title, records.without(context)))
                .collect();
            // On a terminal the page is a screenful: its lists share what the record leaves
            // (each under a blank line and its title; the prompt's line to spare).
            let shares = crate::report::table::screen_lines().map(|height| {
                let whole: Vec<usize> = lists
                    .iter()
                    .map(|(_, records)| render::show_table(ctx.lang, records).lines().count())
                    .collect();
                let used = head.lines().count() + 2 * lists.len() + 1;
                crate::report::table::share_lines(&whole, height.saturating_sub(used), 6)
            });
            for (k, (title, records)) in lists.iter().enumerate() {
                println!("\n{}", title.text(ctx.lang));
                match &shares {
                    Some(lines) => {
                        println!("{}", render::show_table_within(ctx.lang, records, lines[k]))
                    }
                    None => println!("{}", render::show_table(ctx.lang, records)),
                }
            }
            Ok(())
        }
        Format::Json => {
            let mut obj = match record.rows.is_empty() {
                false => render::json_object(ctx.lang, &record, 0),
                true => serde_json::Value::Object(Default::default()),
            };
            if let serde_json::Value::Object(map) = &mut obj {
                for (key, _, records, _) in sections {
                    map.insert(key.to_string(), render::json(ctx.lang, records));
                }
            }
            let text = serde_json::to_string_pretty(&obj)?;
            match &ctx.output {
                None => println!("{text}"),
                Some(path) => crate::output::write_line(path, &text)?,
            }
            Ok(())
        }
        _ => render::emit(
            ctx.lang,
            &record,
            ctx.format,
            ctx.output.as_deref(),
            "record",
        ),
    }
}
