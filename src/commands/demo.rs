//! `union demo`: builds a demo database from the example ledgers (embedded in the binary, so it
//! works from any directory) in a mix of formats, and shows what it holds.

use crate::i18n::Lang;
use anyhow::{Context, Result};
use std::path::Path;

use super::import::{load, open_file};
use super::{Ctx, Outcome};
use crate::cli::ImportArgs;
use crate::i18n::{say, Msg};
use crate::import::columns::Kind;
use crate::report::render::{self, Column, Records, Val};
use crate::report::table;
use crate::report::year_end::{self, Window};
use crate::store::{self, OpenMode, Store};

/// The year the example ledgers end in (payouts up to November 2026): the demo's year-end table.
const EXAMPLES_YEAR: i32 = 2026;

/// The example ledgers, in the order they must be imported, each in the format a federation
/// would most likely have it in.
const FILES: &[(Kind, &str, &[u8])] = &[
    (
        Kind::People,
        "people.xlsx",
        include_bytes!("../../examples/xlsx/people.xlsx"),
    ),
    (
        Kind::Enterprises,
        "enterprises.csv",
        include_bytes!("../../examples/gbk/enterprises.csv"),
    ),
    (
        Kind::Agreements,
        "agreements.xlsx",
        include_bytes!("../../examples/xlsx/agreements.xlsx"),
    ),
    (
        Kind::Studios,
        "studios.xlsx",
        include_bytes!("../../examples/xlsx/studios.xlsx"),
    ),
    (
        Kind::StudioResults,
        "studio-results.csv",
        include_bytes!("../../examples/csv/studio-results.csv"),
    ),
    (
        Kind::Hardship,
        "hardship.csv",
        include_bytes!("../../examples/gbk/hardship.csv"),
    ),
    (
        Kind::Payouts,
        "payouts.csv",
        include_bytes!("../../examples/csv/payouts.csv"),
    ),
];

pub fn run(ctx: &Ctx, db: &Path) -> Result<Outcome> {
    // The fictional examples never go into real data: an existing database is used only when
    // an earlier demo built it.
    // A PostgreSQL database exists before the demo runs (the server makes it): it holds data
    // once union has made its schema there. Messages name it without its password.
    let (existing, shown) = match store::postgres_url(db) {
        Some(url) => (
            store::version_on_file(db) != Some(0),
            store::db::shown_url(url),
        ),
        None => (
            std::fs::metadata(db).is_ok_and(|m| m.len() > 0),
            db.display().to_string(),
        ),
    };
    let mut store = ctx.open_at(db, OpenMode::Create)?;
    if existing && !store::is_demo(store.conn())? {
        anyhow::bail!(say::DemoRealDatabase { db: &shown }.text(ctx.lang));
    }
    eprintln!("{}", say::DemoBuilding { db: &shown }.text(ctx.lang));
    if !existing {
        store.mark_demo()?;
    }
    let dir = private_temp_dir(ctx.lang)?;
    let result = import_all(ctx.lang, &mut store, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let failed = result?;

    println!("{}", say::DemoHolds { db: &shown }.text(ctx.lang));
    let counts = store::table_counts(store.conn())?;
    let models = store::count_models(store.conn())?;
    let mut records = Records::new(&[
        Column::new("record", Msg::ColField),
        Column::new("count", Msg::ColValue),
    ]);
    for (table, n) in counts {
        records.rows.push(vec![
            Val::text(crate::i18n::table_label(ctx.lang, table)),
            Val::Int(n),
        ]);
        if table == "people" {
            records.rows.push(vec![
                Val::text(Msg::CountModels.text(ctx.lang)),
                Val::Int(models),
            ]);
        }
    }
    render::emit(ctx.lang, &records, ctx.format, None, "demo")?;
    println!(
        "{}",
        one_a_line(&say::DemoNext { db: &shown }.text(ctx.lang))
    );
    println!(
        "{}",
        one_a_line(&say::DemoNextRules { db: &shown }.text(ctx.lang))
    );
    // The demo ends with what the federation hands its leadership in December.
    println!(
        "\n{}",
        table::fit(
            &say::DemoYearEnd {
                db: &shown,
                year: &EXAMPLES_YEAR
            }
            .text(ctx.lang)
        )
    );
    year_end::Report::compute(
        ctx.lang,
        store.conn(),
        Window::year(EXAMPLES_YEAR),
        None,
        false,
    )?
    .emit(ctx.lang, store.conn(), ctx.format, None)?;
    Ok(if failed {
        Outcome::Failed
    } else {
        Outcome::Done
    })
}

/// A line of commands to try, set side by side four spaces apart: as it is when it fits the
/// window, else one command a line under the first.
fn one_a_line(text: &str) -> String {
    let fits = table::Screen::get()
        .width
        .is_none_or(|w| table::width(text) <= w);
    if fits {
        return text.to_string();
    }
    let lead = &text[..text.find("union").unwrap_or(0)];
    let indent = " ".repeat(table::width(lead));
    let mut commands = text[lead.len()..]
        .split("    ")
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let mut lines = vec![format!("{lead}{}", commands.next().unwrap_or(""))];
    lines.extend(commands.map(|c| format!("{indent}{c}")));
    lines.join("\n")
}

/// Imports every example file; true if any row was refused (the examples would be wrong).
fn import_all(lang: Lang, store: &mut Store, dir: &Path) -> Result<bool> {
    let mut failed = false;
    for (kind, name, bytes) in FILES {
        let path = dir.join(name);
        crate::output::private_new_file(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, bytes))
            .with_context(|| {
                say::CannotWrite {
                    path: &path.display(),
                }
                .text(lang)
            })?;
        let args = ImportArgs {
            file: Some(path),
            ..ImportArgs::default()
        };
        let opened = open_file(lang, *kind, &args)?;
        let report = load(lang, store, opened, &args, false)?;
        println!(
            "{}",
            table::fit(&format!("{name}: {}", report.summary(lang)))
        );
        failed |= report.counts.refused > 0;
    }
    Ok(failed)
}

/// A new folder only this user can enter, under a name no other process chose first: creating
/// it fails rather than follow a symlink or reuse a folder someone planted there.
fn private_temp_dir(lang: Lang) -> Result<std::path::PathBuf> {
    let base = std::env::temp_dir();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    let mut last = None;
    for attempt in 0..100u32 {
        let dir = base.join(format!(
            "union-demo-{}-{:08x}",
            std::process::id(),
            seed.wrapping_add(attempt.wrapping_mul(0x9E37_79B9))
        ));
        match builder.create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) => last = Some((dir, e)),
        }
    }
    let (dir, e) = last.expect("tried at least once");
    Err(anyhow::Error::new(e).context(
        say::CannotWrite {
            path: &dir.display(),
        }
        .text(lang),
    ))
}
