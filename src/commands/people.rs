//! `union people list|show` and `union hardship list|show`.

use crate::i18n::Lang;
use anyhow::{bail, Result};
use chrono::{Datelike, NaiveDate};

use super::{one, Ctx, Outcome};
use crate::cli::{HardshipCommand, PeopleCommand};
use crate::domain::codes::{HardshipExit, HardshipType, Level, PersonStatus};
use crate::domain::hardship::review_due;
use crate::domain::policy::HARDSHIP_REVIEW_MONTHS;
use crate::i18n::{say, Label, Msg};
use crate::report::render::{Column, Mask, Records, Val};
use crate::store::{
    self, HardshipQuery, HardshipRow, HonourRow, OpenMode, PayoutQuery, PayoutRow, PeopleQuery,
    PersonRow, StudioQuery,
};

const PEOPLE_COLUMNS: &[Column] = &[
    Column::new("name", Msg::ColName),
    Column::masked("id_number", Msg::ColIdNumber, Mask::IdNumber),
    Column::new("gender", Msg::ColGender).optional(1),
    Column::new("birth_date", Msg::ColBirthDate),
    Column::masked("mobile", Msg::ColMobile, Mask::Mobile).optional(2),
    Column::new("work_unit", Msg::ColWorkUnit).optional(3),
    Column::new("district", Msg::ColDistrict).optional(4),
    Column::new("status", Msg::ColStatus),
    Column::new("retired_on", Msg::ColRetiredOn),
    Column::new("died_on", Msg::ColDiedOn),
    Column::new("transferred_on", Msg::ColTransferredOn),
    Column::new("highest_title", Msg::ColHighestTitle),
];

/// People as `people list` prints them (and `export people` writes them).
pub fn people_records(lang: Lang, rows: &[PersonRow]) -> Records {
    let mut records = Records::new(PEOPLE_COLUMNS);
    records.rows = rows.iter().map(|x| person_values(lang, x)).collect();
    records
}

/// A person as a row of [`people_records`].
pub fn person_values(lang: Lang, p: &PersonRow) -> Vec<Val> {
    vec![
        Val::text(&p.name),
        Val::text(&p.id_number),
        Val::text(gender_label(lang, &p.gender)),
        Val::text(&p.birth_date),
        Val::opt_text(p.mobile.clone()),
        Val::opt_text(p.work_unit.clone()),
        Val::opt_text(p.district.clone()),
        Val::text(PersonStatus::parse(&p.status).map_or(p.status.as_str(), |s| s.label(lang))),
        Val::opt_text(p.retired_on.clone()),
        Val::opt_text(p.died_on.clone()),
        Val::opt_text(p.transferred_on.clone()),
        Val::opt_text(
            p.top_title
                .as_deref()
                .map(|t| honour_label(lang, t, p.top_place.as_deref(), p.top_title_level)),
        ),
    ]
}

/// A stored Chinese label shown in the user's language.
fn title_label(lang: Lang, stored: &str) -> String {
    crate::domain::codes::Title::parse(stored)
        .map_or(stored, |t| t.label(lang))
        .to_string()
}

/// A title as it reads: with its place when the place sets its level apart (江阴市劳动模范,
/// county level), else as [`title_label`].
fn honour_label(lang: Lang, stored: &str, place: Option<&str>, level: Option<i64>) -> String {
    match crate::domain::honour::placed_title(stored, place, level) {
        Some((t, place)) => {
            let name = match lang {
                crate::i18n::Lang::Zh => t.zh().chars().skip(1).collect(),
                crate::i18n::Lang::En => t.label(lang).to_string(),
            };
            say::TitleAtPlace {
                place: &place,
                name: &name,
            }
            .text(lang)
        }
        None => title_label(lang, stored),
    }
}

fn gender_label(lang: Lang, stored: &str) -> &str {
    match crate::domain::values::Gender::parse(&crate::domain::cell::Cell::Text(stored.to_string()))
    {
        Ok(g) => crate::i18n::gender_label(lang, g),
        Err(_) => stored,
    }
}

pub fn people(ctx: &Ctx, cmd: PeopleCommand) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    match cmd {
        PeopleCommand::RevokeHonour {
            number,
            date,
            reason,
        } => {
            drop(store);
            return revoke_honour(ctx, number, date, &reason);
        }
        PeopleCommand::List(f) => {
            let q = PeopleQuery {
                level: f.level.map(|l| l as i64),
                status: f.status.map(|s| s.zh().to_string()),
                district: f.district,
                name: f.name,
                models_only: f.models,
            };
            let mut sink = ctx.sink(
                &people_records(ctx.lang, &[]),
                Msg::CountPeople.text(ctx.lang),
            )?;
            match sink.rows_wanted() {
                // A screen's list: the first rows read, the rest only counted.
                Some(n) => {
                    let total = store::count_people(store.conn(), &q)?;
                    let mut shown = 0;
                    store::first_people(store.conn(), &q, n, |p| {
                        shown += 1;
                        sink.row(person_values(ctx.lang, &p))
                    })?;
                    sink.counted(total.saturating_sub(shown));
                }
                None => {
                    store::each_person(store.conn(), &q, |p| sink.row(person_values(ctx.lang, &p)))?
                }
            }
            sink.finish()?;
        }
        PeopleCommand::Show { key } => {
            let p = one(
                ctx.lang,
                store::find_people(store.conn(), &super::person_key(&key))?,
                &key,
                Msg::IdNumberWord,
            )?;
            let mut fields = Records::new(PEOPLE_COLUMNS);
            fields.rows.push(person_values(ctx.lang, &p));
            let honours = store::honours_of(store.conn(), p.id)?;
            let mut h = super::numbered(HONOUR_COLUMNS);
            h.rows = honours
                .iter()
                .map(|x| super::with_number(x.id, honour_values(ctx.lang, x)))
                .collect();
            let payout_rows = store::list_payouts(
                store.conn(),
                &PayoutQuery {
                    person: Some(p.id),
                    ..Default::default()
                },
            )?;
            let payout_hidden = super::payout::hidden_on_person_page(
                payout_rows.iter().any(PayoutRow::names_a_student),
            );
            let payouts = super::payout::payout_records(ctx.lang, payout_rows);
            let hardship = hardship_records(
                ctx.lang,
                &store::list_hardship(
                    store.conn(),
                    &HardshipQuery {
                        person: Some(p.id),
                        ..Default::default()
                    },
                )?,
            );
            let studios = super::studio::studio_records(
                ctx.lang,
                &store::list_studios(
                    store.conn(),
                    &StudioQuery {
                        leader: Some(p.id),
                        ..Default::default()
                    },
                )?,
            );
            super::show(
                ctx,
                fields,
                &[
                    ("honours", Msg::SectionHonours, h, &[]),
                    (
                        "studios",
                        Msg::SectionStudios,
                        studios,
                        &["leader", "leader_id_number"],
                    ),
                    ("payouts", Msg::SectionPayouts, payouts, payout_hidden),
                    (
                        "hardship_files",
                        Msg::SectionHardship,
                        hardship,
                        &["name", "id_number", "district"],
                    ),
                ],
            )?;
        }
    }
    Ok(Outcome::Done)
}

/// `people revoke-honour`: 取消称号 from a date, with the reason; the honour stops counting
/// from that day (`Honour::held_on`).
fn revoke_honour(ctx: &Ctx, number: i64, date: NaiveDate, reason: &str) -> Result<Outcome> {
    let date = super::past_date(ctx.lang, "date", date)?;
    let reason = reason.trim();
    if reason.is_empty() {
        bail!(say::BadFilter {
            flag: &"reason",
            value: &reason,
            reason: &Msg::ReasonRequired.text(ctx.lang)
        }
        .text(ctx.lang));
    }
    let reason = super::bounded_flag(ctx.lang, "--reason", reason)?;
    let reason = reason.as_str();
    let mut store = ctx.open(OpenMode::Existing)?;
    let tx = store.write()?;
    let Some((h, name)) = store::honour_by_id(&tx, number)? else {
        bail!(say::HonourNotFound { number: &number }.text(ctx.lang));
    };
    let title = title_label(ctx.lang, &h.title);
    if let (Some(on), Some(why)) = (&h.revoked_on, &h.revoked_reason) {
        tx.rollback()?;
        eprintln!(
            "{}",
            say::HonourAlreadyRevoked {
                name: &name,
                title: &title,
                on,
                why
            }
            .text(ctx.lang)
        );
        return Ok(Outcome::Failed);
    }
    if h.year.is_some_and(|y| i64::from(date.year()) < y) {
        bail!(say::HonourRevokedBeforeAward {
            date: &date.format("%Y-%m-%d"),
            year: &h.year.unwrap_or(0)
        }
        .text(ctx.lang));
    }
    let on = date.format("%Y-%m-%d").to_string();
    let batch = super::begin_write(&tx, "honour.revoke")?;
    store::revoke_honour(&tx, batch, number, &on, reason)?;
    super::finish_write(
        &tx,
        batch,
        "honour.revoke",
        serde_json::json!({ "honour": number, "title": h.title, "date": on, "reason": reason }),
    )?;
    tx.commit()?;
    println!(
        "{}",
        say::HonourRevoked {
            name: &name,
            title: &title,
            from: &on,
            reason: &reason
        }
        .text(ctx.lang)
    );
    println!("{}", super::batch_line(ctx.lang, batch));
    Ok(Outcome::Done)
}

/// An honour's columns, as `people show` prints them.
pub const HONOUR_COLUMNS: &[Column] = &[
    Column::new("title", Msg::ColTitle),
    Column::new("level", Msg::ColLevel),
    Column::new("year", Msg::ColYear),
    Column::new("awarded_by", Msg::ColAwardedBy).optional(1),
    Column::new("place", Msg::ColPlace).optional(2),
    Column::new("revoked_on", Msg::ColHonourRevokedOn),
    Column::new("revoked_reason", Msg::ColRevokedReason).optional(3),
];

pub fn honour_values(lang: Lang, x: &HonourRow) -> Vec<Val> {
    let level = Level::ALL
        .iter()
        .find(|l| Some(**l as i64) == x.level)
        .map_or("", |l| l.label(lang));
    vec![
        Val::text(honour_label(lang, &x.title, x.place.as_deref(), x.level)),
        Val::text(level),
        Val::opt_int(x.year),
        Val::opt_text(x.awarded_by.clone()),
        Val::opt_text(x.place.clone()),
        Val::opt_text(x.revoked_on.clone()),
        Val::opt_text(x.revoked_reason.clone()),
    ]
}

const HARDSHIP_COLUMNS: &[Column] = &[
    Column::new("id", Msg::ColId),
    Column::new("name", Msg::ColName),
    Column::masked("id_number", Msg::ColIdNumber, Mask::IdNumber),
    Column::new("district", Msg::ColDistrict).optional(2),
    Column::new("type", Msg::ColHardshipType),
    Column::new("opened_on", Msg::ColOpenedOn),
    Column::new("closed_on", Msg::ColClosedOn),
    Column::new("cause", Msg::ColCause).optional(1),
    Column::new("household", Msg::ColHousehold).optional(1),
    Column::new("exit_reason", Msg::ColExitReason).optional(1),
    Column::new("reviewed_on", Msg::ColReviewedOn),
];

pub fn hardship_records(lang: Lang, rows: &[HardshipRow]) -> Records {
    let mut r = Records::new(HARDSHIP_COLUMNS);
    r.rows = rows.iter().map(|x| hardship_values(lang, x)).collect();
    r
}

/// A hardship file as a row of [`hardship_records`].
pub fn hardship_values(lang: Lang, h: &HardshipRow) -> Vec<Val> {
    vec![
        Val::Int(h.id),
        Val::text(&h.name),
        Val::text(&h.id_number),
        Val::opt_text(h.district.clone()),
        Val::text(HardshipType::parse(&h.kind).map_or(h.kind.as_str(), |t| t.label(lang))),
        Val::text(&h.opened_on),
        Val::opt_text(h.closed_on.clone()),
        Val::opt_text(h.cause.clone()),
        Val::opt_text(h.household.clone()),
        Val::opt_text(h.exit_reason.as_deref().map(|e| {
            HardshipExit::parse(e)
                .map_or(e, |x| x.label(lang))
                .to_string()
        })),
        Val::opt_text(h.reviewed_on.clone()),
    ]
}

pub fn hardship(ctx: &Ctx, cmd: HardshipCommand) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    match cmd {
        HardshipCommand::List(f) => {
            let q = HardshipQuery {
                kind: f.kind.map(|t| t.zh().to_string()),
                open_only: f.open,
                district: f.district,
                name: f.name,
                person: None,
            };
            let mut sink = ctx.sink(
                &hardship_records(ctx.lang, &[]),
                Msg::SectionHardship.text(ctx.lang),
            )?;
            store::each_hardship(store.conn(), &q, |h| {
                sink.row(hardship_values(ctx.lang, &h))
            })?;
            sink.finish()?;
        }
        HardshipCommand::Review { due, date } => {
            let date = date.unwrap_or_else(super::today);
            let policy = store::policy_on(store.conn(), date)?;
            let months = u32::try_from(policy.int(HARDSHIP_REVIEW_MONTHS)).unwrap_or(12);
            let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            let q = HardshipQuery {
                open_only: true,
                ..Default::default()
            };
            let mut count = 0;
            let mut sink = ctx.sink(
                &hardship_records(ctx.lang, &[]),
                Msg::SectionHardship.text(ctx.lang),
            )?;
            store::each_hardship(store.conn(), &q, |h| {
                let Some(opened) = day(&h.opened_on) else {
                    return Ok(());
                };
                let closed = h.closed_on.as_deref().and_then(day);
                let reviewed = h.reviewed_on.as_deref().and_then(day);
                if !due || review_due(opened, reviewed, closed, months, date) {
                    count += 1;
                    sink.row(hardship_values(ctx.lang, &h))?;
                }
                Ok(())
            })?;
            sink.finish()?;
            if due {
                eprintln!(
                    "{}",
                    say::ReviewDue {
                        count: &count,
                        as_of: &date.format("%Y-%m-%d"),
                        param: &crate::i18n::param_text(
                            ctx.lang,
                            policy.get(HARDSHIP_REVIEW_MONTHS)
                        )
                    }
                    .text(ctx.lang)
                );
            }
        }
        HardshipCommand::Show { key } => {
            let rows = store::find_hardship(store.conn(), &super::person_key(&key))?;
            if rows.is_empty() {
                anyhow::bail!(say::NotFound { what: &key }.text(ctx.lang));
            }
            // One person's own files: printed whole, as `show` does.
            render_unmasked(
                ctx,
                hardship_records(ctx.lang, &rows),
                Msg::SectionHardship.text(ctx.lang),
            )?;
        }
    }
    Ok(Outcome::Done)
}

fn render_unmasked(ctx: &Ctx, records: Records, sheet: &str) -> Result<()> {
    crate::report::render::emit(ctx.lang, &records, ctx.format, ctx.output.as_deref(), sheet)
}
