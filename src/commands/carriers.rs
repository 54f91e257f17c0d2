//! `union carriers list`, `union carrier apply` and `union programme set|list`: carriers
//! (职工书屋, 模范职工之家 …) and the programmes whose criteria an office declares.

use crate::i18n::Lang;
use anyhow::{bail, Result};

use super::{Ctx, Outcome};
use crate::cli::{CarrierCommand, CarriersCommand, ProgrammeCommand};
use crate::domain::carriers::{criteria_list, judge, Programme};
use crate::domain::codes::CarrierLevel;
use crate::i18n::{self, say, Label, Msg};
use crate::report::render::{Column, Format, Mask, Records, Val};
use crate::report::verdict::{render_entries, Entry};
use crate::store::{self, CarrierQuery, CarrierRow, OpenMode};

/// The carrier import's columns (`union import carriers`), as `list` and `export` write them.
const CARRIER_COLUMNS: &[Column] = &[
    Column::new("name", Msg::ColCarrierName),
    Column::new("type", Msg::ColCarrierType),
    Column::new("level", Msg::ColLevel),
    Column::new("unit", Msg::ColCarrierUnit).optional(4),
    Column::new("district", Msg::ColDistrict).optional(5),
    Column::new("named_on", Msg::ColNamedOn),
    Column::new("batch", Msg::ColBatch).optional(3),
    Column::masked("leader_id_number", Msg::ColCarrierLeaderId, Mask::IdNumber).optional(1),
    Column::new("leader_name", Msg::ColCarrierLeader),
    Column::new("criteria_met", Msg::ColCriteriaMet).optional(2),
];

pub fn carrier_records(lang: Lang, rows: &[CarrierRow]) -> Records {
    let mut r = Records::new(CARRIER_COLUMNS);
    r.rows = rows
        .iter()
        .map(|c| {
            vec![
                Val::text(&c.name),
                Val::text(&c.programme),
                Val::text(
                    CarrierLevel::parse(&c.level).map_or(c.level.as_str(), |l| l.label(lang)),
                ),
                Val::opt_text(c.unit.clone()),
                Val::opt_text(c.district.clone()),
                Val::opt_text(c.named_on.clone()),
                Val::opt_int(c.batch),
                Val::opt_text(c.leader_id_number.clone()),
                Val::opt_text(c.leader.clone()),
                Val::opt_text(c.criteria_met.clone()),
            ]
        })
        .collect();
    r
}

pub fn carriers(ctx: &Ctx, cmd: CarriersCommand) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    match cmd {
        CarriersCommand::List {
            programme,
            level,
            district,
        } => {
            let q = CarrierQuery {
                programme,
                level: level.map(|l| l.zh().to_string()),
                district,
                name: None,
            };
            ctx.emit(
                carrier_records(ctx.lang, &store::list_carriers(store.conn(), &q)?),
                Msg::CountCarriers.text(ctx.lang),
            )?;
        }
    }
    Ok(Outcome::Done)
}

pub fn carrier(ctx: &Ctx, cmd: CarrierCommand) -> Result<Outcome> {
    let CarrierCommand::Apply {
        name,
        level,
        programme,
        date,
    } = cmd;
    let date = date.unwrap_or_else(super::today);
    let store = ctx.open(OpenMode::Existing)?;
    let conn = store.conn();
    let name = name.trim().to_string();
    let programme_name = match programme {
        Some(p) => p,
        None => {
            let found = store::carrier_programmes(conn, &name)?;
            match found.as_slice() {
                [one] => one.clone(),
                [] => bail!(say::NotFound { what: &name }.text(ctx.lang)),
                _ => bail!(say::CarrierInSeveral {
                    name: &name,
                    programmes: &found.join(Msg::ListSep.text(ctx.lang))
                }
                .text(ctx.lang)),
            }
        }
    };
    let Some(p) = store::programme(conn, &programme_name)? else {
        bail!(Msg::ReasonProgrammeUnknown.text(ctx.lang));
    };
    let Some(facts) = store::carrier_facts(conn, &name, &p.name)? else {
        bail!(say::NotFound {
            what: &format!("{}/{name}", p.name)
        }
        .text(ctx.lang));
    };
    let verdicts = judge(&facts, &p, level, date);
    let eligible = verdicts.iter().all(|v| v.passed);
    let entries: Vec<Entry> = verdicts
        .iter()
        .map(|v| {
            let (rule, evidence, gap) = i18n::carrier_words(ctx.lang, v, &p.name);
            Entry {
                passed: v.passed,
                rule,
                evidence,
                gap,
                params: Vec::new(),
            }
        })
        .collect();
    let format = Format::for_output(ctx.format, ctx.output.as_deref())?;
    let level_text = say::CarrierLevelAsked {
        name: &p.name,
        level: &level.label(ctx.lang),
    }
    .text(ctx.lang);
    if format == Format::Json {
        let rules: Vec<serde_json::Value> = verdicts
            .iter()
            .zip(&entries)
            .map(|(v, e)| {
                serde_json::json!({"rule": v.rule.code(), "passed": e.passed,
                    "description": e.rule, "evidence": e.evidence, "gap": e.gap})
            })
            .collect();
        let text = serde_json::to_string_pretty(&serde_json::json!({
            "carrier": name, "programme": p.name, "level": level.code(),
            "date": date.to_string(), "eligible": eligible, "rules": rules}))?;
        match &ctx.output {
            None => println!("{text}"),
            Some(path) => crate::output::write_line(path, &text)?,
        }
    } else {
        let window = crate::report::table::Screen::get().width;
        println!(
            "{}",
            render_entries(ctx.lang, &name, &level_text, date, &entries, window)
        );
    }
    Ok(if eligible {
        Outcome::Done
    } else {
        Outcome::Failed
    })
}

const PROGRAMME_COLUMNS: &[Column] = &[
    Column::new("name", Msg::ColCarrierType),
    Column::new("criteria", Msg::ColCriteria),
    Column::new("leader", Msg::ColLeaderRule),
    Column::new("stars", Msg::ColStars),
];

pub fn programme(ctx: &Ctx, cmd: ProgrammeCommand) -> Result<Outcome> {
    match cmd {
        ProgrammeCommand::List => {
            let store = ctx.open(OpenMode::Existing)?;
            let mut r = Records::new(PROGRAMME_COLUMNS);
            r.rows = store::programmes(store.conn())?
                .into_iter()
                .map(|p| {
                    vec![
                        Val::Text(p.name),
                        Val::Text(p.criteria.join(",")),
                        Val::text(p.leader.label(ctx.lang)),
                        Val::Bool(p.stars),
                    ]
                })
                .collect();
            ctx.emit(r, Msg::CountProgrammes.text(ctx.lang))?;
        }
        ProgrammeCommand::Set {
            name,
            criteria,
            leader,
            stars,
        } => {
            let name = super::bounded_flag(ctx.lang, "<NAME>", name.trim())?;
            if name.is_empty() {
                bail!(Msg::ProgrammeNameEmpty.text(ctx.lang));
            }
            let criteria = criteria_list(&criteria);
            for c in &criteria {
                super::bounded_flag(ctx.lang, "--criteria", c)?;
            }
            let built = crate::domain::carriers::built_in(&name);
            let p = Programme {
                criteria,
                leader,
                stars: stars || built.as_ref().is_some_and(|b| b.stars),
                name,
            };
            let mut store = ctx.open(OpenMode::Existing)?;
            let tx = store.write()?;
            let batch = super::begin_write(&tx, "programme.set")?;
            store::set_programme(&tx, &p)?;
            super::finish_write(
                &tx,
                batch,
                "programme.set",
                serde_json::json!({"programme": p.name, "criteria": p.criteria,
                    "leader": p.leader.code(), "stars": p.stars}),
            )?;
            tx.commit()?;
            let criteria = if p.criteria.is_empty() {
                Msg::NoneWord.text(ctx.lang).to_string()
            } else {
                p.criteria.join(Msg::ListSep.text(ctx.lang))
            };
            println!(
                "{}",
                say::ProgrammeSet {
                    name: &p.name,
                    criteria: &criteria,
                    rule: &p.leader.label(ctx.lang)
                }
                .text(ctx.lang)
            );
            println!("{}", super::batch_line(ctx.lang, batch));
        }
    }
    Ok(Outcome::Done)
}
