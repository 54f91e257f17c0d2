//! `union enterprises list|show` and `union agreements list|show`.

use crate::i18n::Lang;
use anyhow::Result;

use super::{one, Ctx, Outcome};
use crate::cli::{AgreementsCommand, EnterprisesCommand};
use crate::domain::codes::AgreementForm;
use crate::i18n::{say, Label, Msg};
use crate::report::render::{Column, Records, Val};
use crate::store::{self, AgreementQuery, AgreementRow, EnterpriseQuery, EnterpriseRow, OpenMode};

const ENTERPRISE_COLUMNS: &[Column] = &[
    Column::new("name", Msg::ColEnterprise),
    Column::new("credit_code", Msg::ColCreditCode),
    Column::new("district", Msg::ColDistrict).optional(7),
    Column::new("industry", Msg::ColIndustry).optional(1),
    Column::new("ownership", Msg::ColOwnership).optional(2),
    Column::new("employees", Msg::ColEmployees),
    Column::new("has_union", Msg::ColHasUnion),
    Column::new("members", Msg::ColMembers),
    Column::new("fortune500", Msg::ColFortune500).optional(6),
    Column::new("women_contract", Msg::ColWomenContract).optional(5),
    Column::new("employee_directors", Msg::ColEmployeeDirectors).optional(4),
    Column::new("open_affairs", Msg::ColOpenAffairs).optional(3),
];

pub fn enterprise_records(rows: &[EnterpriseRow]) -> Records {
    let mut r = Records::new(ENTERPRISE_COLUMNS);
    r.rows = rows
        .iter()
        .map(|e| {
            vec![
                Val::text(&e.name),
                Val::text(&e.credit_code),
                Val::opt_text(e.district.clone()),
                Val::opt_text(e.industry.clone()),
                Val::opt_text(e.ownership.clone()),
                Val::opt_int(e.employees),
                Val::opt_bool(e.has_union),
                Val::opt_int(e.members),
                Val::opt_bool(e.fortune500),
                Val::opt_bool(e.women_contract),
                Val::opt_bool(e.employee_directors),
                Val::opt_bool(e.open_affairs),
            ]
        })
        .collect();
    r
}

const AGREEMENT_COLUMNS: &[Column] = &[
    Column::new("id", Msg::ColId),
    Column::new("enterprise", Msg::ColEnterprise),
    Column::new("credit_code", Msg::ColCreditCode),
    Column::new("district", Msg::ColDistrict).optional(2),
    Column::new("signed_on", Msg::ColSignedOn),
    Column::new("effective_from", Msg::ColEffectiveFrom),
    Column::new("expires_on", Msg::ColExpiresOn),
    Column::new("workers_covered", Msg::ColWorkersCovered),
    Column::new("form", Msg::ColForm).optional(1),
    Column::new("wage_increase", Msg::ColWageIncrease),
    Column::new("agreement_no", Msg::ColAgreementNo).optional(3),
];

pub fn agreement_records(lang: Lang, rows: &[AgreementRow]) -> Records {
    let mut r = Records::new(AGREEMENT_COLUMNS);
    r.rows = rows
        .iter()
        .map(|a| {
            vec![
                Val::Int(a.id),
                Val::text(&a.enterprise),
                Val::text(&a.credit_code),
                Val::opt_text(a.district.clone()),
                Val::opt_text(a.signed_on.clone()),
                Val::text(&a.effective_from),
                Val::text(&a.expires_on),
                Val::opt_int(a.workers_covered),
                Val::opt_text(a.form.as_deref().map(|f| {
                    AgreementForm::parse(f)
                        .map_or(f, |x| x.label(lang))
                        .to_string()
                })),
                a.wage_increase.map_or(Val::Null, Val::Percent),
                Val::opt_text(a.agreement_no.clone()),
            ]
        })
        .collect();
    r
}

pub fn enterprises(ctx: &Ctx, cmd: EnterprisesCommand) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    match cmd {
        EnterprisesCommand::List(f) => {
            let q = EnterpriseQuery {
                district: f.district,
                has_union: f.has_union,
                name: f.name,
            };
            ctx.emit(
                enterprise_records(&store::list_enterprises(store.conn(), &q)?),
                Msg::CountEnterprises.text(ctx.lang),
            )?;
        }
        EnterprisesCommand::Show { key } => {
            let e = one(
                ctx.lang,
                store::find_enterprises(store.conn(), key.trim())?,
                &key,
                Msg::CreditCodeWord,
            )?;
            let agreements = store::list_agreements(
                store.conn(),
                &AgreementQuery {
                    enterprise: Some(e.id),
                    ..Default::default()
                },
            )?;
            super::show(
                ctx,
                enterprise_records(&[e]),
                &[(
                    "agreements",
                    Msg::SectionAgreements,
                    agreement_records(ctx.lang, &agreements),
                    &["enterprise", "credit_code", "district"],
                )],
            )?;
        }
    }
    Ok(Outcome::Done)
}

pub fn agreements(ctx: &Ctx, cmd: AgreementsCommand) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    match cmd {
        AgreementsCommand::List(f) => {
            let q = AgreementQuery {
                year: f.year,
                district: f.district,
                name: f.name,
                enterprise: None,
            };
            ctx.emit(
                agreement_records(ctx.lang, &store::list_agreements(store.conn(), &q)?),
                Msg::SectionAgreements.text(ctx.lang),
            )?;
        }
        AgreementsCommand::Show { key } => {
            let found = match key.trim().parse::<i64>() {
                Ok(id) => store::find_agreement(store.conn(), id)?,
                Err(_) => None,
            };
            let Some(a) = found else {
                anyhow::bail!(say::NotFound { what: &key }.text(ctx.lang))
            };
            super::show(ctx, agreement_records(ctx.lang, &[a]), &[])?;
        }
        AgreementsCommand::Expiring { within, date } => {
            let from = date.unwrap_or_else(super::today);
            let to = from
                .checked_add_days(chrono::Days::new(u64::from(within)))
                .unwrap_or(chrono::NaiveDate::MAX);
            let rows =
                store::expiring_agreements(store.conn(), &from.to_string(), &to.to_string())?;
            let mut records = agreement_records(ctx.lang, &rows);
            records
                .columns
                .push(Column::new("days_left", Msg::ColDaysLeft));
            for (row, a) in records.rows.iter_mut().zip(&rows) {
                let days = chrono::NaiveDate::parse_from_str(&a.expires_on, "%Y-%m-%d")
                    .map_or(Val::Null, |x| Val::Int((x - from).num_days()));
                row.push(days);
            }
            ctx.emit(records, Msg::SectionAgreements.text(ctx.lang))?;
        }
    }
    Ok(Outcome::Done)
}
