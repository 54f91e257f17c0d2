//! `union policy list|show|set`: the dated parameters every rule reads its numbers from.

use crate::i18n::Lang;
use anyhow::{bail, Result};

use super::{today, Ctx, Outcome};
use crate::cli::PolicyCommand;
use crate::domain::policy::{self, normalise, param, Dated, Policy, PolicyError};
use crate::i18n::{say, unit_text, Msg};
use crate::report::render::{Column, Records, Val};
use crate::store::{self, OpenMode};

const COLUMNS: &[Column] = &[
    Column::new("key", Msg::ColParamKey),
    Column::new("value", Msg::ColParamValue),
    Column::new("valid_from", Msg::ColValidFrom),
    Column::new("unsourced", Msg::ColUnsourced),
    Column::new("reference", Msg::ColReference).optional(1),
    Column::new("unit", Msg::ColParamUnit).optional(2),
];

fn records(lang: Lang, rows: &[Dated]) -> Records {
    let mut r = Records::new(COLUMNS);
    r.rows = rows
        .iter()
        .map(|d| {
            vec![
                Val::text(&d.key),
                Val::text(&d.value),
                Val::text(d.valid_from.format("%Y-%m-%d").to_string()),
                Val::Bool(crate::domain::policy::unsourced(d)),
                Val::opt_text(d.reference.clone()),
                Val::text(param(&d.key).map_or("", |p| unit_text(lang, p.unit))),
            ]
        })
        .collect();
    r
}

pub fn policy(ctx: &Ctx, cmd: PolicyCommand) -> Result<Outcome> {
    match cmd {
        PolicyCommand::List { date } => {
            let store = ctx.open(OpenMode::Existing)?;
            let rows = store::policy_rows(store.conn())?;
            let shown: Vec<Dated> = match date {
                Some(d) => {
                    let p = Policy::in_force(&rows, d);
                    policy::PARAMS
                        .iter()
                        .filter_map(|k| p.named(k.key).cloned())
                        .collect()
                }
                None => {
                    // A parameter with no stored value (a database from before it existed) is
                    // shown with its default, which is what the rules use.
                    let defaults = Policy::defaults(today());
                    let mut all = rows;
                    for p in policy::PARAMS {
                        if !all.iter().any(|d| d.key == p.key) {
                            all.extend(defaults.named(p.key).cloned());
                        }
                    }
                    all.sort_by(|a, b| (&a.key, a.valid_from).cmp(&(&b.key, b.valid_from)));
                    all
                }
            };
            ctx.emit(records(ctx.lang, &shown), Msg::ColParamKey.text(ctx.lang))?;
        }
        PolicyCommand::Show { key } => {
            let key = key.trim();
            if param(key).is_none() {
                bail!(say::PolicyUnknownKey { key: &key }.text(ctx.lang));
            }
            let store = ctx.open(OpenMode::Existing)?;
            let mut rows: Vec<Dated> = store::policy_rows(store.conn())?
                .into_iter()
                .filter(|d| d.key == key)
                .collect();
            if rows.is_empty() {
                rows.extend(Policy::defaults(today()).named(key).cloned());
            }
            ctx.emit(records(ctx.lang, &rows), Msg::ColParamKey.text(ctx.lang))?;
        }
        PolicyCommand::Set {
            key,
            value,
            from,
            reference,
        } => {
            let key = key.trim().to_string();
            let value = match normalise(&key, &value) {
                Ok(v) => v,
                Err(PolicyError::UnknownKey) => {
                    bail!(say::PolicyUnknownKey { key: &key }.text(ctx.lang))
                }
                Err(PolicyError::BadValue { unit }) => {
                    bail!(say::PolicyBadValue {
                        key: &key,
                        value: &value,
                        expected: &unit_text(ctx.lang, unit)
                    }
                    .text(ctx.lang))
                }
            };
            let mut store = ctx.open(OpenMode::Existing)?;
            let tx = store.write()?;
            let write = super::begin_write(&tx, "policy.set")?;
            let dated = Dated {
                key: key.clone(),
                valid_from: from,
                value: value.clone(),
                reference: reference.filter(|r| !r.trim().is_empty()),
            };
            let before = store::set_param(&tx, &dated)?;
            let mut detail = serde_json::json!({
                "key": key, "valid_from": from.format("%Y-%m-%d").to_string(), "value": value,
                "reference": dated.reference, "replaced": before,
            });
            // The county-level cities decide stored honours' levels: level them again.
            let relevelled = if key == crate::domain::policy::COUNTY_LEVEL_CITIES.key {
                let n = store::relevel_honours(&tx, write)?;
                detail["honours_relevelled"] = n.into();
                n
            } else {
                0
            };
            super::finish_write(&tx, write, "policy.set", detail)?;
            tx.commit()?;
            println!(
                "{}",
                say::PolicySet {
                    key: &key,
                    value: &if value.is_empty() {
                        Msg::EmptyValue.text(ctx.lang)
                    } else {
                        value.as_str()
                    },
                    from: &from.format("%Y-%m-%d")
                }
                .text(ctx.lang)
            );
            if relevelled > 0 {
                println!(
                    "{}",
                    say::HonoursRelevelled {
                        honours: &relevelled
                    }
                    .text(ctx.lang)
                );
            }
            println!("{}", super::batch_line(ctx.lang, write));
        }
    }
    Ok(Outcome::Done)
}
