//! `union studios list|show`, and the naming commands of `union studio`: apply, name, revoke,
//! check, advisers.

use crate::i18n::Lang;
use anyhow::{bail, Result};
use chrono::NaiveDate;

use super::{one, today, Ctx, Outcome};
use crate::cli::{AdviserCommand, StudioCommand, StudiosCommand};
use crate::domain::codes::{EightHave, ResultMetric, RevocationCase, StudioKind, StudioLevel};
use crate::domain::eligibility::{
    judge, next_level, subsidy_for, warnings, Judgement, StudioFacts, Warning,
};
use crate::domain::policy::Dated;
use crate::i18n::{self, say, Label, Msg};
use crate::report::render::Format;
use crate::report::render::{Column, Mask, Records, Val};
use crate::store::{self, NamingRow, OpenMode, ResultRow, StudioQuery, StudioRow};

const STUDIO_COLUMNS: &[Column] = &[
    Column::new("id", Msg::ColId),
    Column::new("name", Msg::ColStudioName),
    Column::new("kind", Msg::ColKind).optional(2),
    Column::new("leader", Msg::ColLeader),
    Column::masked("leader_id_number", Msg::ColIdNumber, Mask::IdNumber),
    Column::new("host_unit", Msg::ColHostUnit).optional(1),
    Column::new("district", Msg::ColDistrict).optional(3),
    Column::new("founded_on", Msg::ColFoundedOn),
    Column::new("team_size", Msg::ColTeamSize),
    Column::new("eight_criteria_met", Msg::ColEightHaves).optional(4),
    Column::new("current_level", Msg::ColCurrentLevel),
];

pub fn level_label(lang: Lang, stored: &str) -> String {
    StudioLevel::parse(stored)
        .map_or(stored, |l| l.label(lang))
        .to_string()
}

/// A naming, as `studios show` prints it.
pub const NAMING_COLUMNS: &[Column] = &[
    Column::new("level", Msg::ColLevel),
    Column::new("named_on", Msg::ColNamedOn),
    Column::new("batch", Msg::ColBatch),
];

pub fn naming_values(lang: Lang, n: &NamingRow) -> Vec<Val> {
    // A date the ledger gave to the month only shows as that month (2019-03), which is also
    // how it imports back.
    let named_on = match n.approximate {
        true => n.named_on.get(..7).unwrap_or(&n.named_on),
        false => &n.named_on,
    };
    vec![
        Val::text(level_label(lang, &n.level)),
        Val::text(named_on),
        Val::opt_int(n.batch_no),
    ]
}

/// A year of results, as `studios show` prints it.
pub const RESULT_COLUMNS: &[Column] = &{
    let metrics = ResultMetric::ALL;
    let mut columns = [Column::new("year", Msg::ColYear); 2 + ResultMetric::ALL.len()];
    let mut i = 0;
    while i < metrics.len() {
        columns[1 + i] = Column::new(metrics[i].code(), i18n::result_metric(metrics[i]));
        i += 1;
    }
    columns[1 + metrics.len()] = Column::new("economic_benefit", Msg::ColEconomicBenefit);
    columns
};

pub fn result_values(r: &ResultRow) -> Vec<Val> {
    let mut row = vec![Val::Int(r.year)];
    row.extend(ResultMetric::ALL.map(|m| Val::opt_int(r.counts[m])));
    row.push(r.economic_benefit.map_or(Val::Null, Val::Money));
    row
}

pub fn studio_records(lang: Lang, rows: &[StudioRow]) -> Records {
    let mut r = Records::new(STUDIO_COLUMNS);
    r.rows = rows
        .iter()
        .map(|s| {
            let met = EightHave::ALL
                .iter()
                .filter(|h| s.eight[**h] == Some(true))
                .count();
            vec![
                Val::Int(s.id),
                Val::text(&s.name),
                Val::text(StudioKind::parse(&s.kind).map_or(s.kind.as_str(), |k| k.label(lang))),
                Val::text(&s.leader),
                Val::text(&s.leader_id_number),
                Val::opt_text(s.host_unit.clone()),
                Val::opt_text(s.district.clone()),
                Val::opt_text(s.founded_on.clone()),
                Val::opt_int(s.team_size),
                Val::text(format!("{met}/{}", EightHave::ALL.len())),
                Val::opt_text(s.current_level.as_deref().map(|x| level_label(lang, x))),
            ]
        })
        .collect();
    r
}

pub fn studios(ctx: &Ctx, cmd: StudiosCommand) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    match cmd {
        StudiosCommand::List(f) => {
            let q = StudioQuery {
                level: f.level.map(|l| l.zh().to_string()),
                kind: f.kind.map(|k| k.zh().to_string()),
                district: f.district,
                name: f.name,
                leader: None,
            };
            ctx.emit(
                studio_records(ctx.lang, &store::list_studios(store.conn(), &q)?),
                Msg::CountStudios.text(ctx.lang),
            )?;
        }
        StudiosCommand::Show { key } => {
            let s = one(
                ctx.lang,
                store::find_studios(store.conn(), key.trim())?,
                &key,
                Msg::IdWord,
            )?;
            let mut namings = super::numbered(NAMING_COLUMNS);
            namings.rows = store::namings_of(store.conn(), s.id)?
                .iter()
                .map(|n| super::with_number(n.id, naming_values(ctx.lang, n)))
                .collect();
            let mut results = Records::new(RESULT_COLUMNS);
            results.rows = store::results_of(store.conn(), s.id)?
                .iter()
                .map(result_values)
                .collect();
            let mut revocations = Records::new(&[
                Column::new("revoked_on", Msg::ColRevokedOn),
                Column::new("case", Msg::ColCase),
            ]);
            revocations.rows = store::revocations_of(store.conn(), s.id)?
                .into_iter()
                .map(|(on, case)| {
                    vec![
                        Val::text(on),
                        Val::text(
                            RevocationCase::from_number(case)
                                .map_or(String::new(), |c| c.label(ctx.lang).to_string()),
                        ),
                    ]
                })
                .collect();
            let mut advisers = Records::new(ADVISER_COLUMNS);
            advisers.rows = store::advisers(store.conn(), Some(s.id))?
                .into_iter()
                .map(adviser_values)
                .collect();
            let mut eight = Records::new(&[
                Column::new("criterion", Msg::ColField),
                Column::new("met", Msg::ColValue),
            ]);
            eight.rows = EightHave::ALL
                .iter()
                .map(|h| {
                    vec![
                        Val::text(if ctx.lang == crate::i18n::Lang::Zh {
                            h.zh()
                        } else {
                            h.code()
                        }),
                        Val::opt_bool(s.eight[*h]),
                    ]
                })
                .collect();
            super::show(
                ctx,
                studio_records(ctx.lang, &[s]),
                &[
                    ("eight_criteria", Msg::ColEightHaves, eight, &[]),
                    ("namings", Msg::SectionNamings, namings, &["studio"]),
                    ("results", Msg::SectionResults, results, &["studio"]),
                    (
                        "revocations",
                        Msg::SectionRevocations,
                        revocations,
                        &["studio"],
                    ),
                    ("advisers", Msg::SectionAdvisers, advisers, &["studio"]),
                ],
            )?;
        }
    }
    Ok(Outcome::Done)
}

// ---------------------------------------------------------------- `union studio …`: naming

/// The studio a STUDIO argument names (name or id), with its fact sheet.
fn find_studio(
    lang: Lang,
    conn: &crate::store::db::Connection,
    key: &str,
) -> Result<(i64, String, StudioFacts)> {
    let s = one(
        lang,
        store::find_studios(conn, key.trim())?,
        key,
        Msg::IdWord,
    )?;
    let Some(facts) = store::studio_facts(conn, s.id)? else {
        bail!(say::NotFound { what: &key }.text(lang));
    };
    Ok((s.id, s.name, facts))
}

fn level_text(lang: Lang, l: StudioLevel) -> String {
    l.label(lang).to_string()
}

const ADVISER_COLUMNS: &[Column] = &[
    Column::new("studio", Msg::ColStudioName),
    Column::new("name", Msg::ColName),
    Column::new("institution", Msg::ColInstitution),
    Column::new("since", Msg::ColSince),
];

fn adviser_values(a: store::AdviserRow) -> Vec<Val> {
    vec![
        Val::text(a.studio),
        Val::text(a.name),
        Val::opt_text(a.institution),
        Val::opt_text(a.since),
    ]
}

const VERDICT_COLUMNS: &[Column] = &[
    Column::new("code", Msg::ColRuleCode),
    Column::new("description", Msg::ColRule),
    Column::new("result", Msg::ColResult),
    Column::new("evidence", Msg::ColEvidence),
    Column::new("params", Msg::ColParams),
    Column::new("gap", Msg::ColGap),
];

fn verdict_records(lang: Lang, j: &Judgement) -> Records {
    let mut r = Records::new(VERDICT_COLUMNS);
    r.rows = j
        .verdicts
        .iter()
        .map(|v| {
            vec![
                Val::text(v.rule.code()),
                Val::text(i18n::rule_description(lang, v.rule, &v.finding)),
                Val::text(
                    if v.passed {
                        Msg::Passed
                    } else {
                        Msg::NotPassed
                    }
                    .text(lang),
                ),
                Val::text(i18n::evidence(lang, v)),
                Val::text(
                    v.params
                        .iter()
                        .map(|x| i18n::param_text(lang, x))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                if v.passed {
                    Val::Null
                } else {
                    Val::text(i18n::gap(lang, &v.finding))
                },
            ]
        })
        .collect();
    r
}

fn dated_json(d: &Dated) -> serde_json::Value {
    serde_json::json!({
        "key": d.key, "value": d.value,
        "valid_from": d.valid_from.format("%Y-%m-%d").to_string(), "reference": d.reference,
        "unsourced": crate::domain::policy::unsourced(d),
    })
}

/// A judgement as data: the same as the table, with stable keys.
pub fn verdict_json(lang: Lang, studio_id: i64, studio: &str, j: &Judgement) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = j
        .verdicts
        .iter()
        .map(|v| {
            serde_json::json!({
                "code": v.rule.code(),
                "description": i18n::rule_description(lang, v.rule, &v.finding),
                "passed": v.passed,
                "result": if v.passed { Msg::Passed } else { Msg::NotPassed }.text(lang),
                "evidence": i18n::evidence(lang, v),
                "params": v.params.iter().map(dated_json).collect::<Vec<_>>(),
                // The rule's evidence rests on a default no source report states.
                "rests_on_unsourced_default": v.params.iter().any(crate::domain::policy::unsourced),
                "gap": (!v.passed).then(|| i18n::gap(lang, &v.finding)),
            })
        })
        .collect();
    serde_json::json!({
        "studio_id": studio_id,
        "studio": studio,
        "level": j.level.code(),
        "level_label": level_text(lang, j.level),
        "date": j.date.format("%Y-%m-%d").to_string(),
        "eligible": j.eligible(),
        "rules": rules,
    })
}

fn verdict_line(lang: Lang, studio: &str, j: &Judgement) -> String {
    let date = j.date.format("%Y-%m-%d").to_string();
    if j.eligible() {
        say::VerdictEligible {
            studio: &studio,
            level: &level_text(lang, j.level),
            date: &date,
        }
        .text(lang)
    } else {
        let failed = j.verdicts.iter().filter(|v| !v.passed).count();
        say::VerdictNotEligible {
            studio: &studio,
            level: &level_text(lang, j.level),
            date: &date,
            failed: &failed,
        }
        .text(lang)
    }
}

/// Prints a judgement: on screen the verdict list (`verbose`: the rule table and the verdict
/// line); JSON; or the rule table as CSV/XLSX.
fn print_judgement(
    ctx: &Ctx,
    studio_id: i64,
    studio: &str,
    j: &Judgement,
    verbose: bool,
) -> Result<()> {
    let format = Format::for_output(ctx.format, ctx.output.as_deref())?;
    if format == Format::Json {
        let text = serde_json::to_string_pretty(&verdict_json(ctx.lang, studio_id, studio, j))?;
        match &ctx.output {
            None => println!("{text}"),
            Some(path) => crate::output::write_line(path, &text)?,
        }
        return Ok(());
    }
    if format == Format::Table && ctx.output.is_none() && !verbose {
        let window = crate::report::table::Screen::get().width;
        println!(
            "{}",
            crate::report::verdict::render(
                ctx.lang,
                studio,
                &level_text(ctx.lang, j.level),
                j,
                window
            )
        );
        return Ok(());
    }
    ctx.emit(verdict_records(ctx.lang, j), Msg::ColRule.text(ctx.lang))?;
    if ctx.format == Format::Table && ctx.output.is_none() {
        println!(
            "{}",
            crate::report::table::fit(&verdict_line(ctx.lang, studio, j))
        );
    } else {
        eprintln!(
            "{}",
            crate::report::table::fit(&verdict_line(ctx.lang, studio, j))
        );
    }
    Ok(())
}

pub fn studio(ctx: &Ctx, cmd: StudioCommand) -> Result<Outcome> {
    match cmd {
        StudioCommand::Apply {
            studio,
            level,
            date,
            dry_run,
            verbose,
        } => apply(ctx, &studio, level, date, dry_run, verbose),
        StudioCommand::Name {
            studio,
            level,
            date,
            batch,
            force,
            reason,
        } => name(ctx, &studio, level, date, batch, force, reason),
        StudioCommand::Revoke {
            studio,
            case_no,
            date,
            note,
        } => revoke(ctx, &studio, case_no, date, note),
        StudioCommand::Check { date } => check(ctx, date),
        StudioCommand::Adviser(AdviserCommand::Add {
            studio,
            name,
            institution,
            since,
        }) => add_adviser(ctx, &studio, &name, institution, since),
        StudioCommand::Adviser(AdviserCommand::List { studio }) => {
            list_advisers(ctx, studio.as_deref())
        }
    }
}

/// `studio apply`: judges the studio at `level` and, unless `dry_run`, records the application.
fn apply(
    ctx: &Ctx,
    studio: &str,
    level: StudioLevel,
    date: Option<NaiveDate>,
    dry_run: bool,
    verbose: bool,
) -> Result<Outcome> {
    let date = date.unwrap_or_else(today);
    let mut store = ctx.open(OpenMode::Existing)?;
    let (id, name, facts) = find_studio(ctx.lang, store.conn(), studio)?;
    let policy = store::policy_on(store.conn(), date)?;
    let j = judge(&facts, level, date, &policy);
    print_judgement(ctx, id, &name, &j, verbose)?;
    if !dry_run {
        let tx = store.write()?;
        let write = super::begin_write(&tx, "studio.apply")?;
        let reasons = verdict_json(ctx.lang, id, &name, &j);
        let app = store::record_application(&tx, id, level, date, j.eligible(), &reasons["rules"])?;
        super::finish_write(
            &tx,
            write,
            "studio.apply",
            serde_json::json!({"studio": name, "level": level.code(),
                "date": date.format("%Y-%m-%d").to_string(), "eligible": j.eligible(), "application": app}),
        )?;
        tx.commit()?;
        eprintln!("{}", say::ApplicationRecorded { app: &app }.text(ctx.lang));
        eprintln!("{}", super::batch_line(ctx.lang, write));
    }
    Ok(if j.eligible() {
        Outcome::Done
    } else {
        Outcome::Failed
    })
}

/// `studio name`: records the naming (and its subsidy) if the judge allows it, or with `force`
/// and a reason when only rules fail.
fn name(
    ctx: &Ctx,
    studio: &str,
    level: StudioLevel,
    date: NaiveDate,
    batch: Option<i64>,
    force: bool,
    reason: Option<String>,
) -> Result<Outcome> {
    let date = super::past_date(ctx.lang, "date", date)?;
    let reason = reason.filter(|r| !r.trim().is_empty());
    if force && reason.is_none() {
        bail!(Msg::ForceNeedsReason.text(ctx.lang));
    }
    let mut store = ctx.open(OpenMode::Existing)?;
    // Judged and written in one write transaction: a second `studio name` waits for this one
    // and then sees its naming.
    let tx = store.write()?;
    let (id, name, facts) = find_studio(ctx.lang, &tx, studio)?;
    let policy = store::policy_on(&tx, date)?;
    let j = judge(&facts, level, date, &policy);
    if let Some(held) = j.already_named {
        tx.rollback()?;
        eprintln!(
            "{}",
            say::AlreadyNamedAt {
                name: &name,
                level: &level_text(ctx.lang, level),
                on: &held.named_on.format("%Y-%m-%d")
            }
            .text(ctx.lang)
        );
        return Ok(Outcome::Failed);
    }
    if !j.eligible() && !force {
        tx.rollback()?;
        print_judgement(ctx, id, &name, &j, false)?;
        eprintln!(
            "{}",
            say::NamingRefused {
                name: &name,
                level: &level_text(ctx.lang, level)
            }
            .text(ctx.lang)
        );
        return Ok(Outcome::Failed);
    }
    let subsidy =
        subsidy_for(facts.kind, level, &policy).map(|k| (policy.money(k), policy.get(k).clone()));
    let note = subsidy.as_ref().map(|(_, d)| i18n::param_text(ctx.lang, d));
    let write = super::begin_write(&tx, "studio.name")?;
    let replaced = store::record_naming(
        &tx,
        id,
        level,
        date,
        batch,
        if j.eligible() {
            None
        } else {
            reason.as_deref()
        },
        subsidy
            .as_ref()
            .map(|(m, _)| (*m, note.as_deref().unwrap_or(""))),
    )?;
    super::finish_write(
        &tx,
        write,
        "studio.name",
        serde_json::json!({"studio": name, "level": level.code(),
            "date": date.format("%Y-%m-%d").to_string(), "batch": batch,
            "eligible": j.eligible(), "forced": !j.eligible(), "reason": reason,
            "subsidy_fen": subsidy.as_ref().map(|(m, _)| m.fen()),
            "replaced_naming_of": replaced,
            "failed_rules": j.verdicts.iter().filter(|v| !v.passed).map(|v| v.rule.code()).collect::<Vec<_>>()}),
    )?;
    tx.commit()?;
    println!(
        "{}",
        say::NamingRecorded {
            name: &name,
            level: &level_text(ctx.lang, level),
            date: &date.format("%Y-%m-%d")
        }
        .text(ctx.lang)
    );
    if !j.eligible() {
        println!(
            "{}",
            say::NamingForced {
                reason: &reason.unwrap_or_default()
            }
            .text(ctx.lang)
        );
    }
    if let (Some((m, _)), Some(note)) = (subsidy, note) {
        println!(
            "{}",
            say::SubsidyRecorded {
                amount: &m,
                note: &note
            }
            .text(ctx.lang)
        );
    }
    println!("{}", super::batch_line(ctx.lang, write));
    Ok(Outcome::Done)
}

/// `studio revoke`: revokes the naming in force on `date`.
fn revoke(
    ctx: &Ctx,
    studio: &str,
    case: RevocationCase,
    date: NaiveDate,
    note: Option<String>,
) -> Result<Outcome> {
    let date = super::past_date(ctx.lang, "date", date)?;
    let mut store = ctx.open(OpenMode::Existing)?;
    // Judged and written under one write lock, as `studio name`.
    let tx = store.write()?;
    let (id, name, facts) = find_studio(ctx.lang, &tx, studio)?;
    let Some(current) = facts.current(date) else {
        tx.rollback()?;
        eprintln!(
            "{}",
            say::RevokeNothing {
                name: &name,
                on: &date.format("%Y-%m-%d")
            }
            .text(ctx.lang)
        );
        return Ok(Outcome::Failed);
    };
    let policy = store::policy_on(&tx, date)?;
    // The one-time subsidies of the spell the revocation ends (paid since the last earlier
    // revocation), when the case recovers them.
    let recover: Vec<(i64, i64)> = if policy.recovers_subsidy(case) {
        let since = facts
            .revocations
            .iter()
            .map(|r| r.revoked_on)
            .filter(|d| *d < date)
            .max();
        store::studio_subsidy_amounts(&tx, id)?
            .into_iter()
            .filter(|(_, paid_on, _)| since.is_none_or(|s| *paid_on > s) && *paid_on <= date)
            .map(|(payout, _, fen)| (payout, fen))
            .collect()
    } else {
        Vec::new()
    };
    let to_recover: i64 = recover.iter().map(|(_, fen)| fen).sum();
    let write = super::begin_write(&tx, "studio.revoke")?;
    store::record_revocation(&tx, id, date, case, note.as_deref())?;
    super::finish_write(
        &tx,
        write,
        "studio.revoke",
        serde_json::json!({"studio": name, "case": case.number(),
            "date": date.format("%Y-%m-%d").to_string(), "level": current.level.code(), "note": note,
            "subsidy_to_recover_fen": (to_recover > 0).then_some(to_recover),
            "subsidy_payouts": recover.iter().map(|(p, _)| p).collect::<Vec<_>>()}),
    )?;
    tx.commit()?;
    let (_, wait) = policy.reapply_wait(case);
    println!(
        "{}",
        say::RevocationRecorded {
            name: &name,
            case: &case.number(),
            label: &case.label(ctx.lang),
            wait: &i18n::param_text(ctx.lang, wait)
        }
        .text(ctx.lang)
    );
    if to_recover > 0 {
        println!(
            "{}",
            say::SubsidyToRecover {
                case: &case.number(),
                amount: &crate::domain::values::Money::from_fen(to_recover),
                param: &i18n::param_text(
                    ctx.lang,
                    policy.get(crate::domain::policy::RECOVER_CASES)
                )
            }
            .text(ctx.lang)
        );
    }
    println!("{}", super::batch_line(ctx.lang, write));
    Ok(Outcome::Done)
}

/// The words of a warning of `studio check`.
fn warning_text(lang: Lang, w: Warning) -> &'static str {
    match w {
        Warning::LeaderDeceased => Msg::WarnLeaderDeceased,
        Warning::LeaderTransferred => Msg::WarnLeaderTransferred,
        Warning::LeaderRetired => Msg::WarnLeaderRetired,
        Warning::Revoked => Msg::WarnRevoked,
        Warning::LeaderLeft => Msg::WarnLeaderLeft,
    }
    .text(lang)
}

/// `studio check`: every studio's level, next level, whether it qualifies now, and warnings.
fn check(ctx: &Ctx, date: Option<NaiveDate>) -> Result<Outcome> {
    let date = date.unwrap_or_else(today);
    let store = ctx.open(OpenMode::Existing)?;
    let policy = store::policy_on(store.conn(), date)?;
    let mut r = Records::new(&[
        Column::new("name", Msg::ColStudioName),
        Column::new("kind", Msg::ColKind).optional(1),
        Column::new("leader", Msg::ColLeader).optional(2),
        Column::new("current_level", Msg::ColCurrentLevel),
        Column::new("next_level", Msg::ColNextLevel),
        Column::new("qualifies", Msg::ColQualifies),
        Column::new("gaps", Msg::ColGap),
        Column::new("warnings", Msg::ColWarnings),
    ]);
    for (_, f) in store::all_studio_facts(store.conn())? {
        let current = f.current(date);
        let next = next_level(current.map(|n| n.level));
        let j = next.map(|l| judge(&f, l, date, &policy));
        let warnings: Vec<&str> = warnings(&f, date)
            .into_iter()
            .map(|x| warning_text(ctx.lang, x))
            .collect();
        let gaps = j.as_ref().map(|j| {
            j.verdicts
                .iter()
                .filter(|v| !v.passed)
                .map(|v| i18n::gap(ctx.lang, &v.finding))
                .collect::<Vec<_>>()
                .join("；")
        });
        r.rows.push(vec![
            Val::text(&f.name),
            Val::text(f.kind.label(ctx.lang)),
            Val::text(&f.leader.name),
            Val::text(
                current.map_or(Msg::NoneLevel.text(ctx.lang).to_string(), |n| {
                    level_text(ctx.lang, n.level)
                }),
            ),
            Val::opt_text(next.map(|x| level_text(ctx.lang, x))),
            j.as_ref().map_or(Val::Null, |j| Val::Bool(j.eligible())),
            Val::opt_text(gaps.filter(|g| !g.is_empty())),
            Val::text(warnings.join("、")),
        ]);
    }
    ctx.emit(r, Msg::CountStudios.text(ctx.lang))?;
    Ok(Outcome::Done)
}

/// `studio adviser add`.
fn add_adviser(
    ctx: &Ctx,
    studio: &str,
    name: &str,
    institution: Option<String>,
    since: Option<NaiveDate>,
) -> Result<Outcome> {
    let mut store = ctx.open(OpenMode::Existing)?;
    let (id, studio_name, _) = find_studio(ctx.lang, store.conn(), studio)?;
    let tx = store.write()?;
    let write = super::begin_write(&tx, "studio.adviser.add")?;
    if !store::add_adviser(&tx, id, name.trim(), institution.as_deref(), since)? {
        bail!(say::AdviserExists { name: &name }.text(ctx.lang));
    }
    super::finish_write(
        &tx,
        write,
        "studio.adviser.add",
        serde_json::json!({"studio": studio_name, "institution": institution,
            "since": since.map(|d| d.format("%Y-%m-%d").to_string())}),
    )?;
    tx.commit()?;
    println!(
        "{}",
        say::AdviserAdded {
            name: &name,
            studio: &studio_name
        }
        .text(ctx.lang)
    );
    println!("{}", super::batch_line(ctx.lang, write));
    Ok(Outcome::Done)
}

/// `studio adviser list`: every studio's advisers, or one studio's.
fn list_advisers(ctx: &Ctx, studio: Option<&str>) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    let id = match studio {
        Some(s) => Some(find_studio(ctx.lang, store.conn(), s)?.0),
        None => None,
    };
    let mut r = Records::new(ADVISER_COLUMNS);
    r.rows = store::advisers(store.conn(), id)?
        .into_iter()
        .map(adviser_values)
        .collect();
    ctx.emit(r, Msg::ColName.text(ctx.lang))?;
    Ok(Outcome::Done)
}
