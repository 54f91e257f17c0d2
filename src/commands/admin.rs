//! `union init`, `union sql` and `union log`.

use crate::i18n::Lang;
use anyhow::{bail, Result};

use super::{Ctx, Outcome};
use crate::i18n::{say, Msg};
use crate::report::render::{Column, Format, RecordSink, Records, Val};
use crate::report::table;
use crate::store::{
    self, Chain, Finding, OpenMode, QueryError, RowChange, UndoRefusal, SCHEMA_VERSION,
};

pub fn init(ctx: &Ctx, district: Option<&str>, city: Option<&str>) -> Result<Outcome> {
    let mut store = ctx.open(OpenMode::Create)?;
    println!(
        "{}",
        say::InitDone {
            db: &ctx.db.display(),
            version: &store.user_version()?.max(SCHEMA_VERSION)
        }
        .text(ctx.lang)
    );
    let settings = [
        (store::DISTRICT, "settings.district", district),
        (store::OFFICE_CITY, "settings.office_city", city),
    ];
    for (key, action, value) in settings {
        let Some(value) = value.map(str::trim) else {
            continue;
        };
        let value = Some(value).filter(|d| !d.is_empty());
        let tx = store.write()?;
        let batch = if store::setting(&tx, key)?.as_deref() == value {
            tx.rollback()?;
            None
        } else {
            let batch = super::begin_write(&tx, action)?;
            store::set_setting(&tx, key, value)?;
            // The office's city places titles naming only 市: level stored honours again.
            let mut detail = serde_json::json!({ key: value });
            let relevelled = if key == store::OFFICE_CITY {
                let n = store::relevel_honours(&tx, batch)?;
                detail["honours_relevelled"] = n.into();
                n
            } else {
                0
            };
            super::finish_write(&tx, batch, action, detail)?;
            tx.commit()?;
            Some((batch, relevelled))
        };
        print_setting(ctx.lang, key, value);
        if let Some((batch, relevelled)) = batch {
            if relevelled > 0 {
                let n = &relevelled;
                println!("{}", say::HonoursRelevelled { honours: n }.text(ctx.lang));
            }
            println!("{}", super::batch_line(ctx.lang, batch));
        }
    }
    Ok(Outcome::Done)
}

fn print_setting(lang: Lang, key: &str, value: Option<&str>) {
    let city = key == store::OFFICE_CITY;
    match (value, city) {
        (Some(d), false) => println!("{}", say::DistrictSet { district: &d }.text(lang)),
        (None, false) => println!("{}", Msg::DistrictCleared.text(lang)),
        (Some(c), true) => println!("{}", say::OfficeCitySet { city: &c }.text(lang)),
        (None, true) => println!("{}", Msg::OfficeCityCleared.text(lang)),
    }
}

/// A read-only query: the connection is opened read-only and the statement must not write. Its
/// rows are written as they come, in every format (a workbook continues on a new sheet past
/// Excel's rows; a table holds at most what the screen shows, or is laid out from its first rows).
pub fn sql(ctx: &Ctx, query: &str, timeout: u64) -> Result<Outcome> {
    let store = ctx.open(OpenMode::ReadOnly)?;
    let timeout = std::time::Duration::from_secs(timeout);
    let started = std::time::Instant::now();
    let format = Format::for_output(ctx.format, ctx.output.as_deref())?;
    let outcome = store::free_query(
        store.conn(),
        query,
        timeout,
        |names| {
            RecordSink::start(
                ctx.lang,
                &Records::named(names, Vec::new()),
                format,
                ctx.output.as_deref(),
                "sql",
            )
        },
        |stream, row| {
            // PostgreSQL's statement_timeout covers one fetch of rows at a time: the limit of a
            // query whose rows keep coming is kept here (on SQLite its watchdog comes first).
            if started.elapsed() > timeout {
                bail!(say::SqlTimedOut {
                    seconds: &timeout.as_secs()
                }
                .text(ctx.lang));
            }
            stream.row(sql_values(row))
        },
    )
    .map(|stream| stream.finish().map(drop));
    match outcome {
        Ok(written) => written?,
        Err(QueryError::NotReadOnly) => bail!(Msg::SqlNotReadOnly.text(ctx.lang)),
        Err(QueryError::TimedOut) => bail!(say::SqlTimedOut {
            seconds: &timeout.as_secs()
        }
        .text(ctx.lang)),
        Err(QueryError::Stopped(e)) => return Err(e),
        Err(QueryError::Sql(e)) => bail!(say::SqlFailed { why: &e }.text(ctx.lang)),
        Err(QueryError::Unreadable {
            column,
            name,
            type_name,
        }) => bail!(say::SqlColumnUnreadable {
            column: &column,
            name: &name,
            type_name: &type_name,
        }
        .text(ctx.lang)),
    }
    Ok(Outcome::Done)
}

/// A row of `union sql` as values to print.
fn sql_values(row: Vec<crate::store::db::Value>) -> Vec<Val> {
    row.into_iter()
        .map(|v| match v {
            crate::store::db::Value::Null => Val::Null,
            crate::store::db::Value::Integer(i) => Val::Int(i),
            crate::store::db::Value::Real(f) => Val::Text(f.to_string()),
            crate::store::db::Value::Text(t) => Val::Text(t),
            crate::store::db::Value::Blob(b) => Val::Text(format!("<{} bytes>", b.len())),
        })
        .collect()
}

pub fn log(ctx: &Ctx, since: Option<chrono::NaiveDate>) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    let since = since.map(|d| d.format("%Y-%m-%d").to_string());
    let entries = store::audit_entries(store.conn(), since.as_deref())?;
    let mut records = Records::new(&[
        Column::new("id", Msg::ColId),
        Column::new("at", Msg::ColAt),
        Column::new("os_user", Msg::ColOsUser).optional(2),
        Column::new("action", Msg::ColAction),
        Column::new("command", Msg::ColCommand),
        Column::new("detail", Msg::ColDetail),
        Column::new("hash", Msg::ColHash).optional(1),
    ]);
    records.rows = entries
        .into_iter()
        .map(|e| {
            vec![
                Val::Int(e.id),
                Val::Text(e.at),
                Val::opt_text(e.os_user),
                Val::Text(e.action),
                Val::Text(e.command),
                Val::Text(e.detail),
                Val::Text(e.hash),
            ]
        })
        .collect();
    ctx.emit(records, "log")?;
    Ok(Outcome::Done)
}

pub fn verify_log(ctx: &Ctx, expect: Option<&str>) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    let found = store::verify_audit(store.conn(), expect)?;
    if let Chain::Intact {
        entries,
        last,
        office,
    } = &found
    {
        println!("{}", table::fit(&say::LogIntact { entries }.text(ctx.lang)));
        if let Some(district) = office {
            println!(
                "{}",
                table::fit(&say::LogOfficeScope { district }.text(ctx.lang))
            );
        }
        println!("{}", table::fit(&say::LogLastHash { last }.text(ctx.lang)));
        return Ok(Outcome::Done);
    }
    println!("{}", table::fit(&chain_text(ctx.lang, &found)?));
    Ok(Outcome::Failed)
}

/// What `verify` found, in words (an error for a key that is missing or wrong).
fn chain_text(lang: Lang, found: &Chain) -> Result<String> {
    Ok(match found {
        Chain::Intact { entries, .. } => say::LogIntact { entries }.text(lang),
        Chain::Broken { id } => say::LogBroken { entry: id }.text(lang),
        Chain::Gap { after, next } => say::LogGap { after, next }.text(lang),
        Chain::NotCreation { id } => say::LogNotCreation { entry: id }.text(lang),
        Chain::Emptied { records } => say::LogEmptied { records }.text(lang),
        Chain::DataChanged { findings } => findings
            .iter()
            .map(|x| finding_text(lang, x))
            .collect::<Vec<_>>()
            .join("\n"),
        Chain::BatchWithoutEntry { batch } => say::LogBatchWithoutEntry { batch }.text(lang),
        Chain::HeadMismatch { expected, found } => {
            say::LogHeadMismatch { found, expected }.text(lang)
        }
        Chain::KeyNeeded => bail!(Msg::AuditKeyNeeded.text(lang)),
        Chain::KeyWrong => bail!(Msg::AuditKeyWrong.text(lang)),
        Chain::NotKeyed => Msg::LogNotKeyed.text(lang).to_string(),
    })
}

/// `union log --accept --reason TEXT`: the data changed outside union accepted as it is, what
/// differed recorded in the log; refused when the log itself is broken.
pub fn accept_log(ctx: &Ctx, reason: &str) -> Result<Outcome> {
    if reason.trim().is_empty() {
        bail!(Msg::AcceptNeedsReason.text(ctx.lang));
    }
    let mut store = ctx.open(OpenMode::Existing)?;
    let tx = store.write_over_foreign_triggers()?;
    match store::accept_data(&tx, reason.trim())? {
        Ok(findings) if findings.is_empty() => {
            drop(tx);
            println!("{}", table::fit(Msg::AcceptNothing.text(ctx.lang)));
            Ok(Outcome::Done)
        }
        Ok(findings) => {
            tx.commit()?;
            for f in &findings {
                println!("{}", table::fit(&finding_text(ctx.lang, f)));
            }
            // What was added to the structure is gone and union's made again: said, since
            // "accepted" alone reads as if it had stayed.
            let restored = findings.iter().any(|f| {
                matches!(
                    f,
                    Finding::Schema { .. } | Finding::Trigger { .. } | Finding::Rule { .. }
                )
            });
            if restored {
                println!(
                    "{}",
                    table::fit(Msg::AcceptStructureRestored.text(ctx.lang))
                );
            }
            println!("{}", table::fit(Msg::AcceptDone.text(ctx.lang)));
            Ok(Outcome::Done)
        }
        Err(chain) => {
            drop(tx);
            bail!(say::AcceptChainBroken {
                chain: &chain_text(ctx.lang, &chain)?
            }
            .text(ctx.lang))
        }
    }
}

/// `head`, then a line per row named, and how many more there are.
fn row_lines(
    lang: Lang,
    head: String,
    rows: &[(RowChange, store::RowLabel)],
    rows_total: usize,
) -> Vec<String> {
    let mut lines = vec![head];
    lines.extend(rows.iter().map(|(change, row)| {
        let row = &row.said().text(lang);
        match change {
            RowChange::Changed => say::LogRowChanged { row }.text(lang),
            RowChange::Added => say::LogRowAdded { row }.text(lang),
            RowChange::Removed => say::LogRowRemoved { row }.text(lang),
        }
    }));
    if rows_total > rows.len() {
        lines.push(
            say::LogRowsMore {
                rows_total: &rows_total,
                shown: &rows.len(),
            }
            .text(lang),
        );
    }
    lines
}

/// One thing `log --verify` found in the data, in words: a table and its rows, one per line.
fn finding_text(lang: Lang, f: &Finding) -> String {
    match f {
        Finding::Table {
            table,
            sealed: Some(sealed),
            found: Some(now),
            rows,
            rows_total,
        } => {
            let head = say::LogDataChanged { table, sealed, now }.text(lang);
            let mut lines = row_lines(lang, head, rows, *rows_total);
            if *rows_total == 0 {
                lines.push(Msg::LogRowsUnknown.text(lang).to_string());
            }
            lines.join("\n")
        }
        Finding::Table {
            table, found: None, ..
        } => say::LogTableDropped { table }.text(lang),
        Finding::Table { table, .. } => say::LogTableAdded { table }.text(lang),
        Finding::Prints { table, rows_total } => {
            say::LogPrintsChanged { table, rows_total }.text(lang)
        }
        Finding::OfficeRows {
            table,
            rows,
            rows_total,
        } => {
            let head = say::LogOfficeRowsChanged { table, rows_total }.text(lang);
            row_lines(lang, head, rows, *rows_total).join("\n")
        }
        Finding::Trigger { name } => say::LogForeignTrigger { name }.text(lang),
        Finding::Rule { name } => say::LogForeignRule { name }.text(lang),
        Finding::ForeignTable { table } => say::LogForeignTable { table }.text(lang),
        Finding::ForeignTableWithoutId { table } => {
            say::LogForeignTableWithoutId { table }.text(lang)
        }
        Finding::Schema { drift } => say::LogSchemaDrift {
            drift: &store::drift_said(drift).text(lang),
        }
        .text(lang),
        Finding::Integrity { first } => say::LogIntegrity { detail: first }.text(lang),
        Finding::DifferedAtUpgrade { entry, tables } => say::LogDifferedAtUpgrade {
            entry,
            tables: &tables.join(Msg::ListSep.text(lang)),
        }
        .text(lang),
    }
}

pub fn backup(ctx: &Ctx, dest: &std::path::Path) -> Result<Outcome> {
    if dest.exists() {
        bail!(say::BackupExists {
            dest: &dest.display()
        }
        .text(ctx.lang));
    }
    // A server's database is backed up by the server's own tool: said, with the command.
    if let Some(url) = store::postgres_url(&ctx.db) {
        let url = shell_word(&store::db::shown_url(url));
        let dest = shell_word(&dest.display().to_string());
        bail!(say::BackupPostgres {
            db: &store::db::shown_url(&ctx.db.display().to_string()),
            dest: &dest,
            // Row-level security on: pg_dump otherwise stops at the first table that has
            // policies, for anyone but a superuser, leaving part of a file.
            dump: &format!(
                "pg_dump --format=custom --enable-row-security --file={dest} --dbname={url}"
            ),
            url: &url,
        }
        .text(ctx.lang));
    }
    let store = ctx.open(OpenMode::Existing)?;
    // Written under a temporary name and renamed when whole: a killed backup leaves nothing
    // under the name an auditor would restore from.
    let file = crate::output::OutputFile::create(dest)?;
    store.backup_into(file.partial_path()).map_err(|e| {
        e.context(
            say::CannotWrite {
                path: &dest.display(),
            }
            .text(ctx.lang),
        )
    })?;
    file.commit()?;
    println!(
        "{}",
        say::BackupDone {
            db: &ctx.db.display(),
            dest: &dest.display()
        }
        .text(ctx.lang)
    );
    Ok(Outcome::Done)
}

/// A word as a POSIX shell reads it back unchanged: quoted unless it is plain.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "@%+=:,./-_".contains(c));
    match plain {
        true => word.to_string(),
        false => format!("'{}'", word.replace('\'', "'\\''")),
    }
}

/// `union copy`: the whole database `from` into the empty database `to`, with a progress bar,
/// then the rows copied per table.
pub fn copy(ctx: &Ctx, from: &std::path::Path, to: &std::path::Path) -> Result<Outcome> {
    let lang = ctx.lang;
    // Made at the first report, which gives the total.
    let mut bar = None;
    let copied = store::copy_database(from, to, ctx.waiting(), &mut |p| {
        bar.get_or_insert_with(|| {
            crate::output::progress_bar(Msg::ProgressCopying.text(lang), Some(p.total))
        })
        .set_position(p.done);
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let copied = copied?;
    let mut records = Records::new(&[
        Column::new("table", Msg::ColTable),
        Column::new("rows", Msg::ColRowsCopied),
    ]);
    records.rows = copied
        .iter()
        .filter(|(_, rows)| *rows > 0)
        .map(|(table, rows)| vec![Val::text(table), Val::Int(*rows as i64)])
        .collect();
    ctx.emit(records, "copy")?;
    let done = say::CopyDone {
        from: &store::db::shown_url(&from.display().to_string()),
        to: &store::db::shown_url(&to.display().to_string()),
        tables: &copied.iter().filter(|(_, rows)| *rows > 0).count(),
        rows: &copied.iter().map(|(_, rows)| rows).sum::<u64>(),
    }
    .text(lang);
    // After a list printed as data, the sentence goes where it does not spoil the data.
    match (ctx.format, &ctx.output) {
        (Format::Table, None) => println!("{done}"),
        _ => eprintln!("{done}"),
    }
    Ok(Outcome::Done)
}

pub fn batches(ctx: &Ctx) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    let mut records = Records::new(&[
        Column::new("id", Msg::ColBatch),
        Column::new("kind", Msg::ColKind),
        Column::new("file", Msg::ColFile).optional(2),
        Column::new("command", Msg::ColCommand),
        Column::new("started_at", Msg::ColAt),
        Column::new("os_user", Msg::ColOsUser).optional(1),
        Column::new("read", Msg::ColRead),
        Column::new("added", Msg::ColAdded),
        Column::new("updated", Msg::ColUpdated),
        Column::new("deleted", Msg::ColDeleted),
        Column::new("unchanged", Msg::ColUnchanged),
        Column::new("refused", Msg::ColRefused),
        Column::new("skipped", Msg::ColSkipped),
        Column::new("undone_at", Msg::ColUndoneAt),
        Column::new("sha256", Msg::ColSha256),
    ]);
    records.rows = store::list_batches(store.conn())?
        .into_iter()
        .map(|b| {
            let mut row = vec![
                Val::Int(b.id),
                Val::Text(b.kind),
                Val::opt_text(Some(b.file_name).filter(|f| !f.is_empty())),
                Val::opt_text(b.command),
                Val::Text(b.started_at),
                Val::opt_text(b.os_user),
            ];
            row.extend(b.counts.iter().map(|c| Val::Int(*c)));
            row.push(Val::opt_text(b.undone_at));
            row.push(Val::Text(b.sha256));
            row
        })
        .collect();
    ctx.emit(records, "batches")?;
    Ok(Outcome::Done)
}

pub fn undo(ctx: &Ctx, batch: i64) -> Result<Outcome> {
    let mut store = ctx.open(OpenMode::Existing)?;
    let tx = store.write()?;
    match store::undo_batch(&tx, batch)? {
        Ok(done) => {
            store::audit(
                &tx,
                "undo",
                &serde_json::json!({ "batch": batch, "removed": done.removed, "restored": done.restored }),
            )?;
            tx.commit()?;
            println!(
                "{}",
                say::UndoDone {
                    batch: &batch,
                    removed: &done.removed,
                    restored: &done.restored
                }
                .text(ctx.lang)
            );
            Ok(Outcome::Done)
        }
        Err(refusal) => {
            tx.rollback()?;
            let fatal = matches!(refusal, UndoRefusal::NoSuchBatch);
            let text = match refusal {
                UndoRefusal::NoSuchBatch => say::UndoNoSuchBatch { batch: &batch }.text(ctx.lang),
                UndoRefusal::AlreadyUndone => {
                    say::UndoAlreadyUndone { batch: &batch }.text(ctx.lang)
                }
                UndoRefusal::LaterChange {
                    table,
                    batch: later,
                } => say::UndoLaterChange {
                    batch: &batch,
                    later: &later,
                    table: &crate::i18n::table_label(ctx.lang, &table),
                }
                .text(ctx.lang),
                UndoRefusal::Dependants => say::UndoDependants { batch: &batch }.text(ctx.lang),
                UndoRefusal::MissingParent => {
                    say::UndoMissingParent { batch: &batch }.text(ctx.lang)
                }
                UndoRefusal::Occupied { table } => say::UndoOccupied {
                    batch: &batch,
                    table: &crate::i18n::table_label(ctx.lang, &table),
                }
                .text(ctx.lang),
            };
            if fatal {
                bail!(text);
            }
            eprintln!("{text}");
            Ok(Outcome::Failed)
        }
    }
}
