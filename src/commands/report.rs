//! `union report year-end|payouts|studios|campaign`.

use crate::i18n::Lang;
use anyhow::{bail, Result};
use chrono::{Datelike, NaiveDate};

use super::{Ctx, Outcome};
use crate::cli::{PayoutsBy, ReportCommand};
use crate::domain::codes::{PayoutCategory, ResultMetric, StudioKind};
use crate::i18n::{self, say, Label, Msg};
use crate::report::render::{Column, Format, Records, Val};
use crate::report::year_end::{self, Window};
use crate::store::report::{self as agg, PayoutGrouping};
use crate::store::{OpenMode, Store};

/// The year of `--year`, or this year by the clock (the only place the clock is read).
fn year_or_now(value: Option<i32>) -> i32 {
    value.unwrap_or_else(|| chrono::Local::now().year())
}

/// The window of `--year Y`, or `--from D --to D`.
pub fn window(
    lang: Lang,
    year: Option<i32>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Window> {
    match (from, to) {
        (Some(from), Some(to)) => {
            if from > to {
                bail!(say::ReportBackwards {
                    from: &from,
                    to: &to
                }
                .text(lang));
            }
            Ok(Window { from, to })
        }
        _ => Ok(Window::year(year_or_now(year))),
    }
}

pub fn report(ctx: &Ctx, cmd: ReportCommand) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    match cmd {
        ReportCommand::YearEnd(a) => {
            let w = window(ctx.lang, a.year, a.from, a.to)?;
            year_end::Report::compute(
                ctx.lang,
                store.conn(),
                w,
                a.district.as_deref(),
                a.by_district,
            )?
            .emit(ctx.lang, store.conn(), ctx.format, ctx.output.as_deref())?;
        }
        ReportCommand::Payouts(a) => {
            let w = Window::year(year_or_now(a.year));
            let records = payouts(ctx, &store, w, a.by, a.district.as_deref())?;
            ctx.emit(records, Msg::SectionPayouts.text(ctx.lang))?;
            no_district_note(ctx.lang, &store, a.district.as_deref())?;
        }
        ReportCommand::Campaign { name } => super::campaign::report(ctx, &store, &name)?,
        ReportCommand::Studios(a) => {
            let year = year_or_now(a.year);
            let records = studios(ctx, &store, year, a.district.as_deref())?;
            ctx.emit(records, Msg::CountStudios.text(ctx.lang))?;
            no_district_note(ctx.lang, &store, a.district.as_deref())?;
        }
    }
    Ok(Outcome::Done)
}

/// Under a report for one district, how many records no district's figures include (on
/// stderr, so that the report itself stays data).
fn no_district_note(lang: Lang, store: &Store, district: Option<&str>) -> Result<()> {
    if district.is_some() {
        let n = agg::records_without_district(store.conn())?;
        if n > 0 {
            eprintln!(
                "{}",
                crate::report::style::warning(
                    lang,
                    &say::NoDistrictNote { records: &n }.text(lang)
                )
            );
        }
    }
    Ok(())
}

/// Whether the output gets a 合计 row: tables and spreadsheets do, JSON (data) does not.
fn with_total(ctx: &Ctx) -> Result<bool> {
    Ok(Format::for_output(ctx.format, ctx.output.as_deref())? != Format::Json)
}

fn payouts(
    ctx: &Ctx,
    store: &Store,
    w: Window,
    by: PayoutsBy,
    district: Option<&str>,
) -> Result<Records> {
    let scope = w.scope(district);
    let (grouping, first) = match by {
        PayoutsBy::Category => (
            PayoutGrouping::Category,
            Column::new("category", Msg::ColCategory),
        ),
        PayoutsBy::Month => (PayoutGrouping::Month, Column::new("month", Msg::ColMonth)),
        PayoutsBy::District => (
            PayoutGrouping::District,
            Column::new("district", Msg::ColDistrict),
        ),
    };
    let groups = agg::payout_groups(store.conn(), &scope, grouping)?;
    // Every category and every month is listed, with zeros; districts as found.
    let keys: Vec<Option<String>> = match by {
        PayoutsBy::Category => PayoutCategory::ALL
            .iter()
            .map(|c| Some(c.code().to_string()))
            .collect(),
        PayoutsBy::Month => (1..=12)
            .map(|m| Some(format!("{:04}-{m:02}", w.from.year())))
            .collect(),
        PayoutsBy::District => groups.iter().map(|(k, _)| k.clone()).collect(),
    };
    let mut r = Records::new(&[
        first,
        Column::new("count", Msg::ColCount),
        Column::new("recipients", Msg::ColRecipients),
        Column::new("amount", Msg::ColAmount),
    ]);
    for key in keys {
        let sum = groups
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, s)| s.clone())
            .unwrap_or_default();
        let label = match (by, key.as_deref()) {
            (PayoutsBy::Category, Some(code)) => {
                super::payout::category_label(ctx.lang, code).to_string()
            }
            (_, Some(k)) => k.to_string(),
            (_, None) => Msg::NotGiven.text(ctx.lang).to_string(),
        };
        r.rows.push(vec![
            Val::Text(label),
            Val::Int(sum.count),
            Val::Int(sum.recipients),
            Val::Money(sum.amount),
        ]);
    }
    if with_total(ctx)? {
        let total = agg::payout_groups(store.conn(), &scope, PayoutGrouping::Total)?
            .into_iter()
            .next()
            .map(|(_, s)| s)
            .unwrap_or_default();
        r.rows.push(vec![
            Val::text(Msg::TotalRow.text(ctx.lang)),
            Val::Int(total.count),
            Val::Int(total.recipients),
            Val::Money(total.amount),
        ]);
    }
    Ok(r)
}

fn studios(ctx: &Ctx, store: &Store, year: i32, district: Option<&str>) -> Result<Records> {
    let w = Window::year(year);
    let rows = agg::studio_year(store.conn(), &w.scope(district), year)?;
    let mut columns = vec![
        Column::new("name", Msg::ColStudioName),
        Column::new("kind", Msg::ColKind),
        Column::new("leader", Msg::ColLeader),
        Column::new("district", Msg::ColDistrict),
        Column::new("level", Msg::ColLevelAtEnd),
        Column::new("named", Msg::ColNamedInPeriod),
        Column::new("revoked_on", Msg::ColRevokedInPeriod),
    ];
    columns.extend(ResultMetric::ALL.map(|m| Column::new(m.code(), i18n::result_metric(m))));
    columns.extend([
        Column::new("economic_benefit", Msg::ColEconomicBenefit),
        Column::new("subsidy", Msg::ColSubsidy),
    ]);
    let mut r = Records::new(&columns);
    let mut sums = [0i64; 7];
    let (mut benefit, mut subsidy) = (0i64, 0i64);
    for s in &rows {
        let named = s.named_in_window.as_deref().map(|text| {
            // "市级 2026-05-01；…": the levels in the user's language.
            text.split('；')
                .map(|n| match n.split_once(' ') {
                    Some((level, date)) => {
                        format!("{} {date}", super::studio::level_label(ctx.lang, level))
                    }
                    None => n.to_string(),
                })
                .collect::<Vec<_>>()
                .join("; ")
        });
        let mut row = vec![
            Val::text(&s.name),
            Val::text(StudioKind::parse(&s.kind).map_or(s.kind.as_str(), |k| k.label(ctx.lang))),
            Val::text(&s.leader),
            Val::opt_text(s.district.clone()),
            Val::opt_text(
                s.level
                    .as_deref()
                    .map(|x| super::studio::level_label(ctx.lang, x)),
            ),
            Val::opt_text(named),
            Val::opt_text(s.revoked_in_window.clone()),
        ];
        match &s.counts {
            Some(counts) => {
                for m in ResultMetric::ALL {
                    sums[m] += counts[m].unwrap_or(0);
                }
                row.extend(ResultMetric::ALL.map(|m| Val::opt_int(counts[m])));
            }
            None => row.extend(ResultMetric::ALL.map(|_| Val::Null)),
        }
        benefit += s.economic_benefit.unwrap_or(0);
        subsidy += s.subsidy;
        row.push(s.economic_benefit.map_or(Val::Null, Val::Money));
        row.push(Val::Money(s.subsidy));
        r.rows.push(row);
    }
    if with_total(ctx)? && !rows.is_empty() {
        let mut row = vec![Val::text(Msg::TotalRow.text(ctx.lang))];
        row.extend(std::iter::repeat_n(Val::Null, 6));
        row.extend(ResultMetric::ALL.map(|m| Val::Int(sums[m])));
        row.push(Val::Money(benefit));
        row.push(Val::Money(subsidy));
        r.rows.push(row);
    }
    Ok(r)
}
