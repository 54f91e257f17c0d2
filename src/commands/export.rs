//! `union export KIND -o FILE`: a whole ledger as CSV (UTF-8 with BOM, GBK or GB18030) or XLSX,
//! with the same columns as its `list` (personal data masked unless `--unmask`).

use crate::i18n::Lang;
use anyhow::{bail, Result};

use super::{Ctx, Outcome};
use crate::cli::{ExportArgs, ExportEncoding, RecordKind};
use crate::i18n::Msg;
use crate::report::export::Encoding;
use crate::report::render::{Column, Format, Mask, RecordSink, Records, Val};
use crate::store::{self, report as agg, OpenMode, Store};

pub fn export(ctx: &Ctx, args: &ExportArgs) -> Result<Outcome> {
    let Some(path) = ctx.output.as_deref() else {
        bail!(Msg::ExportNeedsOutput.text(ctx.lang));
    };
    let format = Format::for_output(ctx.format, Some(path))?;
    let encoding = match args.encoding {
        ExportEncoding::Utf8 => Encoding::Utf8,
        ExportEncoding::Gbk => Encoding::Gbk,
        ExportEncoding::Gb18030 => Encoding::Gb18030,
    };
    if format != Format::Csv && encoding != Encoding::Utf8 {
        bail!(Msg::ExportEncodingNotCsv.text(ctx.lang));
    }
    let store = ctx.open(OpenMode::Existing)?;
    let conn = store.conn();
    let (records, sheet) = records(ctx.lang, &store, args.kind)?;
    let mut sink = RecordSink::start_encoded(
        ctx.lang,
        &records,
        format,
        Some(path),
        sheet.text(ctx.lang),
        encoding,
    )?
    .masked(ctx.unmask);
    // The ledgers that run to millions of rows go from the store to the file a row at a time.
    match args.kind {
        RecordKind::Payouts => store::each_payout(conn, &Default::default(), |p| {
            sink.row(super::payout::payout_values(ctx.lang, p))
        })?,
        RecordKind::People => store::each_person(conn, &Default::default(), |p| {
            sink.row(super::people::person_values(ctx.lang, &p))
        })?,
        RecordKind::Hardship => store::each_hardship(conn, &Default::default(), |h| {
            sink.row(super::people::hardship_values(ctx.lang, &h))
        })?,
        _ => {
            for row in records.rows {
                sink.row(row)?;
            }
        }
    }
    sink.finish()?;
    Ok(Outcome::Done)
}

/// The studio import's columns (`union import studios`), as the studios export writes them.
const STUDIO_EXPORT: &[Column] = &[
    Column::new("name", Msg::ColStudioName),
    Column::new("kind", Msg::ColKind),
    Column::masked("leader_id_number", Msg::ColLeaderIdNumber, Mask::IdNumber),
    Column::new("leader_name", Msg::ColLeader),
    Column::new("host_unit", Msg::ColHostUnit),
    Column::new("credit_code", Msg::ColCreditCode),
    Column::new("district", Msg::ColDistrict),
    Column::new("founded_on", Msg::ColFoundedOn),
    Column::new("team_size", Msg::ColTeamSize),
    Column::new("has_model", Msg::ColHasModel),
    Column::new("has_team", Msg::ColHasTeam),
    Column::new("has_place", Msg::ColHasPlace),
    Column::new("has_rules", Msg::ColHasRules),
    Column::new("has_funds", Msg::ColHasFunds),
    Column::new("has_plan", Msg::ColHasPlan),
    Column::new("has_activities", Msg::ColHasActivities),
    Column::new("has_results", Msg::ColHasResults),
];

/// A studio's name, type and leader: the first four cells of [`STUDIO_EXPORT`].
fn studio_cells(lang: Lang, s: &store::StudioRow) -> Vec<Val> {
    vec![
        Val::text(&s.name),
        Val::text(
            crate::domain::codes::StudioKind::parse(&s.kind)
                .map_or(s.kind.as_str(), |k| crate::i18n::Label::label(k, lang)),
        ),
        Val::text(&s.leader_id_number),
        Val::text(&s.leader),
    ]
}

/// Every record of `kind`, with the columns its `list` (or `show`) prints — studios and namings
/// with the studio import's — and a sheet name. People, payouts and hardship files come with
/// their columns only: `export` streams their rows from the store.
fn records(lang: Lang, store: &Store, kind: RecordKind) -> Result<(Records, Msg)> {
    let conn = store.conn();
    Ok(match kind {
        RecordKind::People => (super::people::people_records(lang, &[]), Msg::CountPeople),
        RecordKind::Honours => {
            let mut columns = vec![
                Column::new("name", Msg::ColName),
                Column::masked("id_number", Msg::ColIdNumber, Mask::IdNumber),
                Column::new("district", Msg::ColDistrict),
            ];
            columns.extend_from_slice(super::people::HONOUR_COLUMNS);
            let mut r = Records::new(&columns);
            r.rows = agg::all_honours(conn)?
                .into_iter()
                .map(|h| {
                    let mut row = vec![
                        Val::Text(h.name),
                        Val::Text(h.id_number),
                        Val::opt_text(h.district),
                    ];
                    row.extend(super::people::honour_values(lang, &h.honour));
                    row
                })
                .collect();
            (r, Msg::CountHonours)
        }
        // Studios and namings in the studio import's columns, so that they import back.
        RecordKind::Studios => {
            let mut r = Records::new(STUDIO_EXPORT);
            r.rows = store::list_studios(conn, &Default::default())?
                .into_iter()
                .map(|s| {
                    let mut row = studio_cells(lang, &s);
                    row.extend([
                        Val::opt_text(s.host_unit),
                        Val::opt_text(s.host_credit_code),
                        Val::opt_text(s.district),
                        Val::opt_text(s.founded_on),
                        Val::opt_int(s.team_size),
                    ]);
                    row.extend(s.eight.iter().map(|e| e.map_or(Val::Null, Val::Bool)));
                    row
                })
                .collect();
            (r, Msg::CountStudios)
        }
        RecordKind::Namings => {
            let studios: std::collections::HashMap<String, store::StudioRow> =
                store::list_studios(conn, &Default::default())?
                    .into_iter()
                    .map(|s| (s.name.clone(), s))
                    .collect();
            let mut columns = STUDIO_EXPORT[..4].to_vec();
            columns.extend_from_slice(super::studio::NAMING_COLUMNS);
            let mut r = Records::new(&columns);
            for (name, n) in agg::all_namings(conn)? {
                let Some(s) = studios.get(&name) else {
                    continue;
                };
                let mut row = studio_cells(lang, s);
                row.extend(super::studio::naming_values(lang, &n));
                r.rows.push(row);
            }
            (r, Msg::SectionNamings)
        }
        RecordKind::StudioResults => {
            let mut columns = vec![Column::new("studio", Msg::ColStudioName)];
            columns.extend_from_slice(super::studio::RESULT_COLUMNS);
            let mut r = Records::new(&columns);
            r.rows = agg::all_results(conn)?
                .into_iter()
                .map(|(name, res)| {
                    let mut row = vec![Val::Text(name)];
                    row.extend(super::studio::result_values(&res));
                    row
                })
                .collect();
            (r, Msg::CountResults)
        }
        RecordKind::Enterprises => (
            super::enterprise::enterprise_records(&store::list_enterprises(
                conn,
                &Default::default(),
            )?),
            Msg::CountEnterprises,
        ),
        RecordKind::Agreements => (
            super::enterprise::agreement_records(
                lang,
                &store::list_agreements(conn, &Default::default())?,
            ),
            Msg::SectionAgreements,
        ),
        RecordKind::Payouts => (
            super::payout::payout_records(lang, Vec::new()),
            Msg::SectionPayouts,
        ),
        RecordKind::Hardship => (
            super::people::hardship_records(lang, &[]),
            Msg::SectionHardship,
        ),
        RecordKind::Carriers => (
            super::carriers::carrier_records(
                lang,
                &store::list_carriers(conn, &Default::default())?,
            ),
            Msg::CountCarriers,
        ),
        RecordKind::Unions => (
            super::unions::union_records(
                lang,
                &super::unions::with_history(conn, store::list_unions(conn, &Default::default())?)?,
            ),
            Msg::CountUnions,
        ),
    })
}
