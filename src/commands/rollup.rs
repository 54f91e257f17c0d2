//! `union rollup A.db B.db … -o city.db`: a city's file from its districts' files, each record
//! once, with the conflicts between offices listed.

use anyhow::{bail, Result};
use std::path::PathBuf;

use super::{Ctx, Outcome};
use crate::i18n::{say, Msg};
use crate::report::render::{Column, Mask, Records, Val};
use crate::store::rollup::{self, ConflictKind};
use crate::store::{self, OpenMode};

const CONFLICT_COLUMNS: &[Column] = &[
    Column::new("kind", Msg::ColConflict),
    Column::masked("id_number", Msg::ColIdNumber, Mask::IdNumber),
    Column::new("detail", Msg::ColConflictDetail),
    Column::new("files", Msg::ColConflictFiles),
];

pub fn rollup(ctx: &Ctx, files: &[PathBuf]) -> Result<Outcome> {
    let Some(target) = ctx.output.clone() else {
        bail!(Msg::RollupNeedsOutput.text(ctx.lang));
    };
    let same = |a: &PathBuf| match (a.canonicalize(), target.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => *a == target,
    };
    for f in files {
        if same(f) {
            bail!(say::RollupIntoSource { file: &f.display() }.text(ctx.lang));
        }
        // A district's file must be a union database of this version (read, never changed).
        ctx.open_at(f, OpenMode::ReadOnly)?;
    }
    let mut store = ctx.open_at(&target, OpenMode::Create)?;
    for f in files {
        let name = f.display().to_string();
        rollup::attach(store.conn(), f)?;
        let result = (|| -> Result<(i64, u64)> {
            let tx = store.write()?;
            let batch = super::begin_write(&tx, "rollup")?;
            let added = rollup::copy_attached(&tx)?;
            rollup::note_attached(&tx, &name)?;
            super::finish_write(&tx, batch, "rollup", serde_json::json!({"file": name}))?;
            tx.commit()?;
            Ok((batch, added))
        })();
        rollup::detach(store.conn())?;
        let (batch, added) = result?;
        println!(
            "{}",
            say::RollupFile {
                name: &name,
                added: &added,
                batch: &batch
            }
            .text(ctx.lang)
        );
    }
    // Once-a-year payouts are counted per campaign or season, by the city file's parameters
    // and the campaigns it now holds.
    let book = store::book(store.conn())?;
    let conflicts = rollup::conflicts(store.conn(), &book)?;
    if conflicts.is_empty() {
        println!("{}", Msg::RollupNoConflicts.text(ctx.lang));
        return Ok(Outcome::Done);
    }
    let mut r = Records::new(CONFLICT_COLUMNS);
    r.rows = conflicts
        .iter()
        .map(|c| {
            vec![
                Val::text(
                    match c.kind {
                        ConflictKind::TwoNames => Msg::ConflictTwoNames,
                        ConflictKind::PaidTwice => Msg::ConflictPaidTwice,
                        ConflictKind::TwoOpenFiles => Msg::ConflictTwoOpenFiles,
                        ConflictKind::VoucherTwice => Msg::ConflictVoucherTwice,
                        ConflictKind::CampaignDiffers => Msg::ConflictCampaignDiffers,
                    }
                    .text(ctx.lang),
                ),
                Val::text(&c.id_number),
                Val::Text(match c.kind {
                    // `category window` (a season's year or days, or a campaign's name): the
                    // category in the user's words.
                    ConflictKind::PaidTwice => match c.detail.split_once(' ') {
                        Some((code, year)) => format!(
                            "{} {year}",
                            crate::domain::codes::PayoutCategory::parse(code)
                                .map_or(code, |x| { crate::i18n::Label::label(x, ctx.lang) })
                        ),
                        None => c.detail.clone(),
                    },
                    _ => c.detail.clone(),
                }),
                Val::text(&c.files),
            ]
        })
        .collect();
    // The conflicts go to the screen: -o names the city's file.
    let ctx = Ctx {
        output: None,
        ..ctx.clone()
    };
    ctx.emit(r, Msg::RollupConflicts.text(ctx.lang))?;
    Ok(Outcome::Failed)
}
