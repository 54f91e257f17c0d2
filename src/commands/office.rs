//! `union office add|list`: the district offices of a city-wide database on PostgreSQL (issue
//! 16). An office is a login role of one district; the store's offices.pg.sql keeps it to that
//! district's records. A SQLite file is one office's and has none.

use anyhow::{bail, Result};

use super::{Ctx, Outcome};
use crate::cli::OfficeCommand;
use crate::i18n::{say, Msg};
use crate::report::render::{Column, Records, Val};
use crate::store::offices::{self, OfficeAdded};
use crate::store::{self, OpenMode};

pub fn office(ctx: &Ctx, cmd: OfficeCommand) -> Result<Outcome> {
    if !store::is_postgres_db(&ctx.db) {
        bail!(Msg::OfficeNeedsPostgres.text(ctx.lang));
    }
    match cmd {
        OfficeCommand::Add {
            district,
            login,
            password_stdin,
        } => add(ctx, &district, &login, password_stdin),
        OfficeCommand::List => list(ctx),
    }
}

fn add(ctx: &Ctx, district: &str, login: &str, password_stdin: bool) -> Result<Outcome> {
    let lang = ctx.lang;
    let district = super::bounded_flag(lang, "<DISTRICT>", district.trim())?;
    if district.is_empty() {
        bail!(Msg::OfficeDistrictEmpty.text(lang));
    }
    if !offices::valid_login(login) {
        bail!(say::OfficeBadLogin { login: &login }.text(lang));
    }
    // Read before anything is opened: the clear text stays in this process, and only the
    // verifier computed from it is sent.
    let verifier = match password_stdin {
        false => None,
        true => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            let password = line.trim_end_matches(['\n', '\r']);
            if password.is_empty() {
                bail!(Msg::OfficePasswordMissing.text(lang));
            }
            Some(offices::password_verifier(password))
        }
    };
    let mut store = ctx.open(OpenMode::Existing)?;
    if offices::my_district(store.conn())?.is_some() {
        bail!(Msg::OfficeCityOnly.text(lang));
    }
    let tx = store.write()?;
    let added = match offices::office_add(&tx, &district, login, verifier.as_deref()) {
        Err(e) if offices::is_permission_denied(&e) => bail!(Msg::OfficeCityOnly.text(lang)),
        other => other?,
    };
    match added {
        OfficeAdded::Added => {
            store::audit(
                &tx,
                "office.add",
                &serde_json::json!({ "district": district, "login": login,
                                     "password": verifier.is_some() }),
            )?;
            tx.commit()?;
            println!(
                "{}",
                say::OfficeAdded {
                    district: &district,
                    login: &login
                }
                .text(lang)
            );
            println!(
                "{}",
                match verifier {
                    Some(_) => Msg::OfficePasswordSet,
                    None => Msg::OfficeNoPassword,
                }
                .text(lang)
            );
            Ok(Outcome::Done)
        }
        OfficeAdded::Exists => {
            tx.rollback()?;
            println!(
                "{}",
                say::OfficeExists {
                    district: &district,
                    login: &login
                }
                .text(lang)
            );
            Ok(Outcome::Done)
        }
        OfficeAdded::PasswordSet => {
            store::audit(
                &tx,
                "office.password",
                &serde_json::json!({ "district": district, "login": login }),
            )?;
            tx.commit()?;
            println!(
                "{}",
                say::OfficeNewPassword {
                    district: &district,
                    login: &login
                }
                .text(lang)
            );
            println!("{}", Msg::OfficePasswordSet.text(lang));
            Ok(Outcome::Done)
        }
        OfficeAdded::OtherDistrict => {
            tx.rollback()?;
            bail!(say::OfficeOtherDistrict { login: &login }.text(lang))
        }
        OfficeAdded::RoleTaken => {
            tx.rollback()?;
            bail!(say::OfficeRoleTaken { login: &login }.text(lang))
        }
    }
}

fn list(ctx: &Ctx) -> Result<Outcome> {
    let lang = ctx.lang;
    let store = ctx.open(OpenMode::Existing)?;
    if offices::my_district(store.conn())?.is_some() {
        bail!(Msg::OfficeCityOnly.text(lang));
    }
    let rows = match offices::office_list(store.conn()) {
        Err(e) if offices::is_permission_denied(&e) => bail!(Msg::OfficeCityOnly.text(lang)),
        other => other?,
    };
    if rows.is_empty() && ctx.format == crate::report::render::Format::Table {
        println!("{}", Msg::OfficesNone.text(lang));
        return Ok(Outcome::Done);
    }
    let mut r = Records::new(&[
        Column::new("district", Msg::ColDistrict),
        Column::new("login", Msg::ColLogin),
        Column::new("people", Msg::ColPeopleHeld),
    ]);
    r.rows = rows
        .into_iter()
        .map(|o| {
            vec![
                Val::Text(o.district),
                Val::Text(o.login),
                Val::Int(o.people),
            ]
        })
        .collect();
    ctx.emit(r, "offices")?;
    Ok(Outcome::Done)
}
