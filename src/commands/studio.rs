//! `union studios list|show`.

use anyhow::Result;

use super::{filter, one, Ctx, Outcome};
use crate::cli::StudiosCommand;
use crate::domain::codes::{StudioKind, StudioLevel};
use crate::i18n::{lang, Label, Msg};
use crate::import::columns::EIGHT_HAVES;
use crate::report::render::{Column, Mask, Records, Val};
use crate::store::{self, NamingRow, OpenMode, ResultRow, Store, StudioQuery, StudioRow};

const STUDIO_COLUMNS: &[Column] = &[
    Column::new("id", Msg::ColId),
    Column::new("name", Msg::ColStudioName),
    Column::new("kind", Msg::ColKind),
    Column::new("leader", Msg::ColLeader),
    Column::masked("leader_id_number", Msg::ColIdNumber, Mask::IdNumber),
    Column::new("host_unit", Msg::ColHostUnit),
    Column::new("district", Msg::ColDistrict),
    Column::new("founded_on", Msg::ColFoundedOn),
    Column::new("team_size", Msg::ColTeamSize),
    Column::new("eight_criteria_met", Msg::ColEightHaves),
    Column::new("current_level", Msg::ColCurrentLevel),
];

pub fn level_label(stored: &str) -> String {
    StudioLevel::parse(stored)
        .map_or(stored, |l| l.label(lang()))
        .to_string()
}

/// A naming, as `studios show` prints it.
pub const NAMING_COLUMNS: &[Column] = &[
    Column::new("level", Msg::ColLevel),
    Column::new("named_on", Msg::ColNamedOn),
    Column::new("batch", Msg::ColBatch),
];

pub fn naming_values(n: &NamingRow) -> Vec<Val> {
    vec![
        Val::text(level_label(&n.level)),
        Val::text(&n.named_on),
        Val::opt_int(n.batch_no),
    ]
}

/// A year of results, as `studios show` prints it.
pub const RESULT_COLUMNS: &[Column] = &[
    Column::new("year", Msg::ColYear),
    Column::new("topics", Msg::ColTopics),
    Column::new("problems_solved", Msg::ColProblemsSolved),
    Column::new("tech_improvements", Msg::ColTechImprovements),
    Column::new("patents", Msg::ColPatents),
    Column::new("invention_patents", Msg::ColInventionPatents),
    Column::new("trained", Msg::ColTrained),
    Column::new("upgraded", Msg::ColUpgraded),
    Column::new("economic_benefit", Msg::ColEconomicBenefit),
];

pub fn result_values(r: &ResultRow) -> Vec<Val> {
    let mut row = vec![Val::Int(r.year)];
    row.extend(r.counts.iter().map(|c| Val::opt_int(*c)));
    row.push(r.economic_benefit.map_or(Val::Null, Val::Money));
    row
}

pub fn studio_records(rows: &[StudioRow]) -> Records {
    let mut r = Records::new(STUDIO_COLUMNS);
    r.rows = rows
        .iter()
        .map(|s| {
            let met = s.eight.iter().filter(|e| **e == Some(true)).count();
            vec![
                Val::Int(s.id),
                Val::text(&s.name),
                Val::text(StudioKind::parse(&s.kind).map_or(s.kind.as_str(), |k| k.label(lang()))),
                Val::text(&s.leader),
                Val::text(&s.leader_id_number),
                Val::opt_text(s.host_unit.clone()),
                Val::opt_text(s.district.clone()),
                Val::opt_text(s.founded_on.clone()),
                Val::opt_int(s.team_size),
                Val::text(format!("{met}/{}", EIGHT_HAVES.len())),
                Val::opt_text(s.current_level.as_deref().map(level_label)),
            ]
        })
        .collect();
    r
}

pub fn studios(ctx: &Ctx, cmd: StudiosCommand) -> Result<Outcome> {
    let store = Store::open(&ctx.db, OpenMode::Existing)?;
    match cmd {
        StudiosCommand::List(f) => {
            let q = StudioQuery {
                level: filter(
                    "level",
                    f.level.as_deref(),
                    StudioLevel::parse,
                    StudioLevel::LABELS,
                )?
                .map(|l| l.zh().to_string()),
                kind: filter(
                    "kind",
                    f.kind.as_deref(),
                    StudioKind::parse,
                    StudioKind::LABELS,
                )?
                .map(|k| k.zh().to_string()),
                district: f.district,
                name: f.name,
                leader: None,
            };
            ctx.emit(
                studio_records(&store::list_studios(store.conn(), &q)?),
                Msg::CountStudios.text(),
            )?;
        }
        StudiosCommand::Show { key } => {
            let s = one(
                store::find_studios(store.conn(), key.trim())?,
                &key,
                Msg::IdWord,
            )?;
            let mut namings = Records::new(NAMING_COLUMNS);
            namings.rows = store::namings_of(store.conn(), s.id)?
                .iter()
                .map(naming_values)
                .collect();
            let mut results = Records::new(RESULT_COLUMNS);
            results.rows = store::results_of(store.conn(), s.id)?
                .iter()
                .map(result_values)
                .collect();
            let mut eight = Records::new(&[
                Column::new("criterion", Msg::ColField),
                Column::new("met", Msg::ColValue),
            ]);
            eight.rows = EIGHT_HAVES
                .iter()
                .zip(s.eight)
                .map(|((key, zh), met)| {
                    vec![
                        Val::text(if lang() == crate::i18n::Lang::Zh {
                            *zh
                        } else {
                            *key
                        }),
                        Val::opt_bool(met),
                    ]
                })
                .collect();
            super::show(
                ctx,
                studio_records(&[s]),
                &[
                    ("eight_criteria", Msg::ColEightHaves, eight),
                    ("namings", Msg::SectionNamings, namings),
                    ("results", Msg::SectionResults, results),
                ],
            )?;
        }
    }
    Ok(Outcome::Done)
}
