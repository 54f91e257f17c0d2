//! `union campaign add|list` and `union report campaign`: named campaigns (慰问活动) in which a
//! payout category counts once per person (the rule is `payout_rules::Window`).

use crate::i18n::Lang;
use anyhow::{bail, Result};

use super::{date_value, Ctx, Outcome};
use crate::cli::CampaignCommand;
use crate::domain::cell::Cell;
use crate::domain::codes::PayoutCategory;
use crate::domain::policy::Campaign;
use crate::i18n::{self, say, Label, Msg};
use crate::report::render::{Column, Records, Val};
use crate::store::{self, OpenMode, Store};

const CAMPAIGN_COLUMNS: &[Column] = &[
    Column::new("name", Msg::ColCampaign),
    Column::new("category", Msg::ColCategory),
    Column::new("from", Msg::ColCampaignFrom),
    Column::new("to", Msg::ColCampaignTo),
    Column::new("reference", Msg::ColReference),
];

/// A campaign as the first cells of a row of [`CAMPAIGN_COLUMNS`].
fn campaign_values(lang: Lang, c: &Campaign) -> Vec<Val> {
    vec![
        Val::text(&c.name),
        Val::text(c.category.label(lang)),
        Val::Text(c.from.format("%Y-%m-%d").to_string()),
        Val::Text(c.to.format("%Y-%m-%d").to_string()),
        Val::opt_text(c.reference.clone()),
    ]
}

pub fn campaign(ctx: &Ctx, cmd: CampaignCommand) -> Result<Outcome> {
    match cmd {
        CampaignCommand::Add {
            name,
            category,
            from,
            to,
            reference,
        } => add(ctx, name, &category, &from, &to, reference),
        CampaignCommand::List => {
            let store = ctx.open(OpenMode::Existing)?;
            let mut r = Records::new(CAMPAIGN_COLUMNS);
            r.rows = store::campaigns(store.conn())?
                .iter()
                .map(|x| campaign_values(ctx.lang, x))
                .collect();
            ctx.emit(r, Msg::SectionCampaigns.text(ctx.lang))?;
            Ok(Outcome::Done)
        }
    }
}

fn add(
    ctx: &Ctx,
    name: String,
    category: &str,
    from: &str,
    to: &str,
    reference: Option<String>,
) -> Result<Outcome> {
    let name = name.trim().to_string();
    if name.is_empty() {
        bail!(Msg::CampaignNameEmpty.text(ctx.lang));
    }
    let category = PayoutCategory::parse_cell(&Cell::Text(category.to_string())).map_err(|e| {
        anyhow::anyhow!(say::BadFilter {
            flag: &"category",
            value: &category,
            reason: &i18n::reason(ctx.lang, &e)
        }
        .text(ctx.lang))
    })?;
    if category == PayoutCategory::StudioSubsidy {
        bail!(Msg::CampaignStudioSubsidy.text(ctx.lang));
    }
    let (from, to) = (date_value(ctx.lang, from)?, date_value(ctx.lang, to)?);
    if to < from {
        bail!(say::ReportBackwards {
            from: &from,
            to: &to
        }
        .text(ctx.lang));
    }
    let c = Campaign {
        name,
        category,
        from,
        to,
        reference: reference
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty()),
    };
    let mut store = ctx.open(OpenMode::Existing)?;
    let tx = store.write()?;
    if store::policy_on(&tx, c.from)?
        .monthly()
        .contains(&c.category)
    {
        bail!(say::CampaignMonthly {
            category: &c.category.label(ctx.lang)
        }
        .text(ctx.lang));
    }
    let on_file = store::campaigns(&tx)?;
    if on_file.iter().any(|o| o.name == c.name) {
        bail!(say::CampaignExists { name: &c.name }.text(ctx.lang));
    }
    if let Some(o) = on_file.iter().find(|o| o.overlaps(&c)) {
        bail!(say::CampaignOverlaps {
            name: &o.name,
            from: &o.from.format("%Y-%m-%d"),
            to: &o.to.format("%Y-%m-%d"),
            category: &c.category.label(ctx.lang)
        }
        .text(ctx.lang));
    }
    let batch = super::begin_write(&tx, "campaign.add")?;
    store::add_campaign(&tx, &c)?;
    super::finish_write(
        &tx,
        batch,
        "campaign.add",
        serde_json::json!({"campaign": c.name, "category": c.category.code(),
            "from": c.from.format("%Y-%m-%d").to_string(),
            "to": c.to.format("%Y-%m-%d").to_string(), "reference": c.reference}),
    )?;
    tx.commit()?;
    println!(
        "{}",
        say::CampaignAdded {
            name: &c.name,
            category: &c.category.label(ctx.lang),
            from: &c.from.format("%Y-%m-%d"),
            to: &c.to.format("%Y-%m-%d")
        }
        .text(ctx.lang)
    );
    println!("{}", super::batch_line(ctx.lang, batch));
    Ok(Outcome::Done)
}

/// `union report campaign NAME`: the campaign with what it paid.
pub fn report(ctx: &Ctx, store: &Store, name: &str) -> Result<()> {
    let name = name.trim();
    let Some(c) = store::campaigns(store.conn())?
        .into_iter()
        .find(|c| c.name == name)
    else {
        bail!(say::CampaignNotFound { name: &name }.text(ctx.lang));
    };
    let f = store::report::campaign_figures(store.conn(), &c)?;
    let mut columns = CAMPAIGN_COLUMNS.to_vec();
    columns.extend([
        Column::new("people", Msg::ColRecipients),
        Column::new("households", Msg::ColHouseholds),
        Column::new("count", Msg::ColCount),
        Column::new("amount", Msg::ColAmount),
    ]);
    let mut r = Records::new(&columns);
    let mut row = campaign_values(ctx.lang, &c);
    row.extend([
        Val::Int(f.people),
        Val::Int(f.households),
        Val::Int(f.count),
        Val::Money(f.amount),
    ]);
    r.rows.push(row);
    ctx.emit(r, Msg::SectionCampaigns.text(ctx.lang))
}
