//! `union payouts list|show`.

use anyhow::Result;

use super::{filter, year_filter, Ctx, Outcome};
use crate::cli::PayoutsCommand;
use crate::domain::codes::PayoutCategory;
use crate::i18n::{lang, Label, Msg};
use crate::report::render::{Column, Mask, Records, Val};
use crate::store::{self, OpenMode, PayoutQuery, PayoutRow, Store};

const PAYOUT_COLUMNS: &[Column] = &[
    Column::new("id", Msg::ColId),
    Column::new("recipient", Msg::ColRecipient),
    Column::masked("id_number", Msg::ColIdNumber, Mask::IdNumber),
    Column::new("district", Msg::ColDistrict),
    Column::new("category", Msg::ColCategory),
    Column::new("amount", Msg::ColAmount),
    Column::new("paid_on", Msg::ColPaidOn),
    Column::new("voucher", Msg::ColVoucher),
    Column::new("note", Msg::ColNote),
];

/// The stored category code in the user's language.
pub fn category_label(code: &str) -> &str {
    PayoutCategory::parse(code).map_or(code, |c| c.label(lang()))
}

pub fn payout_records(rows: &[PayoutRow]) -> Records {
    let mut r = Records::new(PAYOUT_COLUMNS);
    r.rows = rows
        .iter()
        .map(|p| {
            vec![
                Val::Int(p.id),
                Val::text(&p.recipient),
                Val::opt_text(p.id_number.clone()),
                Val::opt_text(p.district.clone()),
                Val::text(category_label(&p.category)),
                Val::Money(p.amount),
                Val::text(&p.paid_on),
                Val::opt_text(p.voucher.clone()),
                Val::opt_text(p.note.clone()),
            ]
        })
        .collect();
    r
}

pub fn payouts(ctx: &Ctx, cmd: PayoutsCommand) -> Result<Outcome> {
    let store = Store::open(&ctx.db, OpenMode::Existing)?;
    match cmd {
        PayoutsCommand::List(f) => {
            let q = PayoutQuery {
                year: year_filter(f.year.as_deref())?,
                category: filter(
                    "category",
                    f.category.as_deref(),
                    PayoutCategory::parse,
                    PayoutCategory::LABELS,
                )?
                .map(|c| c.code().to_string()),
                district: f.district,
                name: f.name,
                person: None,
            };
            ctx.emit(
                payout_records(&store::list_payouts(store.conn(), &q)?),
                Msg::SectionPayouts.text(),
            )?;
        }
        PayoutsCommand::Show { key } => {
            let Some(p) = store::find_payout(store.conn(), key.trim())? else {
                anyhow::bail!(Msg::NotFound.fmt(&[&key]));
            };
            super::show(ctx, payout_records(&[p]), &[])?;
        }
    }
    Ok(Outcome::Done)
}
