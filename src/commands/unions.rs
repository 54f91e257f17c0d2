//! `union unions list|show|expiring`: base-level unions (基层工会) and their membership.

use crate::i18n::Lang;
use anyhow::Result;
use chrono::NaiveDate;

use super::{one, Ctx, Outcome};
use crate::cli::UnionsCommand;
use crate::domain::codes::UnionForm;
use crate::domain::policy::{Book, UNION_TERM_YEARS};
use crate::domain::unions::{due_within, term_due};
use crate::i18n::{Label, Msg};
use crate::report::render::{Column, Records, Val};
use crate::store::{self, OpenMode, UnionQuery, UnionRow};

/// The union import's columns (`union import unions`), as `list` and `export` write them.
const UNION_COLUMNS: &[Column] = &[
    Column::new("name", Msg::ColUnionName),
    Column::new("credit_code", Msg::ColCreditCode).optional(8),
    Column::new("district", Msg::ColDistrict).optional(9),
    Column::new("form", Msg::ColUnionForm),
    Column::new("unit_credit_code", Msg::ColUnitCreditCode).optional(7),
    Column::new("units_covered", Msg::ColUnitsCovered),
    Column::new("founded_on", Msg::ColFoundedOn).optional(6),
    Column::new("committee_on", Msg::ColCommitteeOn),
    Column::new("term_years", Msg::ColTermYears).optional(5),
    Column::new("workers", Msg::ColWorkers),
    Column::new("members", Msg::ColMembers),
    Column::new("women_members", Msg::ColWomenMembers).optional(4),
    Column::new("migrant_members", Msg::ColMigrantMembers).optional(3),
    Column::new("cadres", Msg::ColCadres).optional(2),
    Column::new("has_congress", Msg::ColHasCongress).optional(1),
    Column::new("as_of", Msg::ColAsOf).optional(0),
];

/// The unions with their history, as an export writes them: each union's own row (its latest
/// figures), then a row per earlier statistics date with that date's figures, latest first, so
/// that the file imports back into an empty database as the same unions and history.
pub fn with_history(
    conn: &crate::store::db::Connection,
    unions: Vec<UnionRow>,
) -> Result<Vec<UnionRow>> {
    let mut out = Vec::with_capacity(unions.len());
    for u in unions {
        let history = store::union_history(conn, u.id)?;
        let current = u.as_of.clone();
        out.push(u.clone());
        for h in history
            .into_iter()
            .filter(|h| Some(&h.as_of) != current.as_ref())
        {
            out.push(UnionRow {
                workers: h.workers,
                members: h.members,
                women_members: h.women_members,
                migrant_members: h.migrant_members,
                as_of: Some(h.as_of),
                ..u.clone()
            });
        }
    }
    Ok(out)
}

/// A union's figures by statistics date, as `unions show` lists them.
const HISTORY_COLUMNS: &[Column] = &[
    Column::new("as_of", Msg::ColAsOf),
    Column::new("workers", Msg::ColWorkers),
    Column::new("members", Msg::ColMembers),
    Column::new("women_members", Msg::ColWomenMembers),
    Column::new("migrant_members", Msg::ColMigrantMembers),
];

pub fn union_records(lang: Lang, rows: &[UnionRow]) -> Records {
    let mut r = Records::new(UNION_COLUMNS);
    r.rows = rows
        .iter()
        .map(|u| {
            vec![
                Val::text(&u.name),
                Val::opt_text(u.credit_code.clone()),
                Val::opt_text(u.district.clone()),
                Val::opt_text(
                    u.form
                        .as_deref()
                        .map(|f| UnionForm::parse(f).map_or(f, |x| x.label(lang)).to_string()),
                ),
                Val::opt_text(u.unit_credit_code.clone()),
                Val::opt_int(u.units_covered),
                Val::opt_text(u.founded_on.clone()),
                Val::opt_text(u.committee_on.clone()),
                Val::opt_int(u.term_years),
                Val::opt_int(u.workers),
                Val::opt_int(u.members),
                Val::opt_int(u.women_members),
                Val::opt_int(u.migrant_members),
                Val::opt_int(u.cadres),
                Val::opt_bool(u.has_congress),
                Val::opt_text(u.as_of.clone()),
            ]
        })
        .collect();
    r
}

fn iso(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
}

/// The day the union's current committee completes its term: formed on 本届委员会成立日期 (or,
/// blank, the founding date), for its own 届期 or the term in force on that day.
pub fn term_due_of(u: &UnionRow, book: &Book) -> Option<NaiveDate> {
    let formed = iso(u.committee_on.as_deref()).or_else(|| iso(u.founded_on.as_deref()))?;
    let years = u
        .term_years
        .unwrap_or_else(|| book.on(formed).int(UNION_TERM_YEARS));
    Some(term_due(formed, years))
}

pub fn unions(ctx: &Ctx, cmd: UnionsCommand) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    match cmd {
        UnionsCommand::List(f) => {
            let q = UnionQuery {
                district: f.district,
                form: f.form.map(|x| x.zh().to_string()),
                name: f.name,
            };
            ctx.emit(
                union_records(ctx.lang, &store::list_unions(store.conn(), &q)?),
                Msg::CountUnions.text(ctx.lang),
            )?;
        }
        UnionsCommand::Show { key } => {
            let u = one(
                ctx.lang,
                store::find_unions(store.conn(), key.trim())?,
                &key,
                Msg::EditKeyUnion,
            )?;
            let book = Book::new(store::policy_rows(store.conn())?);
            let mut records = union_records(ctx.lang, std::slice::from_ref(&u));
            records
                .columns
                .push(Column::new("term_due", Msg::ColTermDue));
            let due = term_due_of(&u, &book).map_or(Val::Null, |d| Val::Text(d.to_string()));
            records.rows[0].push(due);
            let history = store::union_history(store.conn(), u.id)?;
            let mut dated = Records::new(HISTORY_COLUMNS);
            dated.rows = history
                .iter()
                .map(|h| {
                    vec![
                        Val::text(&h.as_of),
                        Val::opt_int(h.workers),
                        Val::opt_int(h.members),
                        Val::opt_int(h.women_members),
                        Val::opt_int(h.migrant_members),
                    ]
                })
                .collect();
            super::show(
                ctx,
                records,
                &[("history", Msg::SectionUnionHistory, dated, &[])],
            )?;
        }
        UnionsCommand::Expiring { within, date } => {
            let from = date.unwrap_or_else(super::today);
            let book = Book::new(store::policy_rows(store.conn())?);
            let mut due: Vec<(NaiveDate, UnionRow)> =
                store::list_unions(store.conn(), &UnionQuery::default())?
                    .into_iter()
                    .filter_map(|u| term_due_of(&u, &book).map(|d| (d, u)))
                    .filter(|(d, _)| due_within(*d, from, within))
                    .collect();
            due.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
            let rows: Vec<UnionRow> = due.iter().map(|(_, u)| u.clone()).collect();
            let mut records = union_records(ctx.lang, &rows);
            records
                .columns
                .push(Column::new("term_due", Msg::ColTermDue));
            records
                .columns
                .push(Column::new("days_left", Msg::ColDaysLeft));
            for (row, (d, _)) in records.rows.iter_mut().zip(&due) {
                row.push(Val::Text(d.to_string()));
                row.push(Val::Int((*d - from).num_days()));
            }
            ctx.emit(records, Msg::CountUnions.text(ctx.lang))?;
        }
    }
    Ok(Outcome::Done)
}
