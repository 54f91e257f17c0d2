//! `union init`, `union sql` and `union log`.

use anyhow::{bail, Result};

use super::{Ctx, Outcome};
use crate::i18n::Msg;
use crate::report::render::{self, Column, Records, Val};
use crate::store::{self, OpenMode, Store, SCHEMA_VERSION};

pub fn init(ctx: &Ctx) -> Result<Outcome> {
    let store = Store::open(&ctx.db, OpenMode::Create)?;
    println!(
        "{}",
        Msg::InitDone.fmt(&[
            &ctx.db.display(),
            &store.user_version()?.max(SCHEMA_VERSION)
        ])
    );
    Ok(Outcome::Done)
}

/// A read-only query: the connection is opened read-only and the statement must not write.
pub fn sql(ctx: &Ctx, query: &str) -> Result<Outcome> {
    let store = Store::open(&ctx.db, OpenMode::ReadOnly)?;
    let (names, rows) = match store::free_query(store.conn(), query) {
        Ok(r) => r,
        Err(rusqlite::Error::InvalidQuery) => bail!(Msg::SqlNotReadOnly),
        Err(e) => bail!(Msg::SqlFailed.fmt(&[&e])),
    };
    let records = Records::named(
        names,
        rows.into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|v| match v {
                        rusqlite::types::Value::Null => Val::Null,
                        rusqlite::types::Value::Integer(i) => Val::Int(i),
                        rusqlite::types::Value::Real(f) => Val::Text(f.to_string()),
                        rusqlite::types::Value::Text(t) => Val::Text(t),
                        rusqlite::types::Value::Blob(b) => {
                            Val::Text(format!("<{} bytes>", b.len()))
                        }
                    })
                    .collect()
            })
            .collect(),
    );
    render::emit(&records, ctx.format, ctx.output.as_deref(), "sql")?;
    Ok(Outcome::Done)
}

pub fn log(ctx: &Ctx, since: Option<&str>) -> Result<Outcome> {
    let store = Store::open(&ctx.db, OpenMode::Existing)?;
    let entries = store::audit_entries(store.conn(), since)?;
    let mut records = Records::new(&[
        Column::new("id", Msg::ColId),
        Column::new("at", Msg::ColAt),
        Column::new("os_user", Msg::ColOsUser),
        Column::new("action", Msg::ColAction),
        Column::new("command", Msg::ColCommand),
        Column::new("detail", Msg::ColDetail),
    ]);
    records.rows = entries
        .into_iter()
        .map(|e| {
            vec![
                Val::Int(e.id),
                Val::Text(e.at),
                Val::opt_text(e.os_user),
                Val::Text(e.action),
                Val::Text(e.command),
                Val::Text(e.detail),
            ]
        })
        .collect();
    ctx.emit(records, "log")?;
    Ok(Outcome::Done)
}
