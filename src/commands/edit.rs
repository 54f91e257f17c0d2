//! `union edit KIND KEY FIELD=VALUE …` and `union delete KIND KEY`: correcting one record.
//!
//! An edit is an import of one row: the record as stored, written out as the import row it
//! would come from, with the fields given changed, read by the import's own parser (the same
//! rules, the same messages) and written by the import's own writer, except that a blank value
//! clears what is stored and a person's name may change. Either way it is one batch that
//! `union undo` takes back.

use crate::i18n::Lang;
use crate::store::db::Value;
use anyhow::{bail, Result};

use super::{Ctx, Outcome};
use crate::cli::RecordKind;
use crate::domain::cell::Cell;
use crate::domain::codes::ResultMetric;
use crate::domain::values::Money;
use crate::i18n::{self, say, Msg};
use crate::import::columns::{
    agreements, carriers, column_list, column_named, enterprises, hardship, payouts, people,
    studio_results, studios, unions, Kind,
};
use crate::import::header::HeaderMap;
use crate::import::rows::{self, refusal_column};
use crate::store::db::Connection;
use crate::store::{self, OpenMode, Origin, Writer};

impl RecordKind {
    /// The table the kind's records live in.
    fn table(self) -> &'static str {
        match self {
            RecordKind::People => "people",
            RecordKind::Honours => "honours",
            RecordKind::Studios => "studios",
            RecordKind::Namings => "studio_namings",
            RecordKind::StudioResults => "studio_results",
            RecordKind::Enterprises => "enterprises",
            RecordKind::Agreements => "agreements",
            RecordKind::Payouts => "payouts",
            RecordKind::Hardship => "hardship_files",
            RecordKind::Unions => "unions",
            RecordKind::Carriers => "carriers",
        }
    }

    /// The import whose rows carry the kind's records.
    fn import_kind(self) -> Kind {
        match self {
            RecordKind::People | RecordKind::Honours => Kind::People,
            RecordKind::Studios | RecordKind::Namings => Kind::Studios,
            RecordKind::StudioResults => Kind::StudioResults,
            RecordKind::Enterprises => Kind::Enterprises,
            RecordKind::Agreements => Kind::Agreements,
            RecordKind::Payouts => Kind::Payouts,
            RecordKind::Hardship => Kind::Hardship,
            RecordKind::Unions => Kind::Unions,
            RecordKind::Carriers => Kind::Carriers,
        }
    }

    /// Whether the record is taken out before it is written anew, so that the rules see the
    /// edited record in its place, not beside it. Not records others refer to (people,
    /// studios, enterprises: their key cannot change by an edit), nor a union (its key, the
    /// name, cannot change either), nor a naming, whose date is
    /// corrected in place (its subsidy moves with it, as when a ledger corrects the date).
    fn written_anew(self) -> bool {
        !matches!(
            self,
            RecordKind::People
                | RecordKind::Studios
                | RecordKind::Enterprises
                | RecordKind::Unions
                | RecordKind::Namings
        )
    }

    /// The import columns that find a record of the kind (its natural key).
    fn key_columns(self) -> &'static [&'static str] {
        match self {
            RecordKind::People => &[people::ID_NUMBER],
            RecordKind::Studios => &[studios::NAME],
            RecordKind::Enterprises => &[enterprises::CREDIT_CODE],
            RecordKind::Unions => &[unions::NAME],
            RecordKind::Carriers => &[carriers::NAME, carriers::TYPE, carriers::LEVEL],
            _ => &[],
        }
    }

    /// Whether an edit of the kind may change import column `key`. An honour or a naming is
    /// edited for itself, not for its person's or studio's fields; a person or a studio for
    /// itself, not for the honour or naming its import row may carry.
    fn allows(self, key: &str) -> bool {
        const HONOUR: [&str; 3] = [people::HONOUR, people::HONOUR_YEAR, people::AWARDED_BY];
        const NAMING: [&str; 3] = [studios::LEVEL, studios::NAMED_ON, studios::BATCH];
        match self {
            RecordKind::Honours => HONOUR.contains(&key),
            RecordKind::Namings => NAMING.contains(&key),
            RecordKind::People => !HONOUR.contains(&key),
            RecordKind::Studios => !NAMING.contains(&key),
            _ => true,
        }
    }

    /// Fields an edit may change but not empty, beyond those import requires: a person always
    /// has a status (在职 unless said otherwise); an honour its title; a naming its level and
    /// date (emptied, the record itself would go: that is `union delete`).
    fn kept(self, key: &str) -> bool {
        match self {
            RecordKind::People => key == people::STATUS,
            RecordKind::Honours => key == people::HONOUR,
            RecordKind::Namings => key == studios::LEVEL || key == studios::NAMED_ON,
            _ => false,
        }
    }

    /// How the kind's key is written on the command line, for messages.
    fn key_hint(self) -> Msg {
        match self {
            RecordKind::People => Msg::EditKeyPeople,
            RecordKind::Honours | RecordKind::Namings => Msg::EditKeyNumber,
            RecordKind::Studios => Msg::EditKeyStudio,
            RecordKind::StudioResults => Msg::EditKeyResult,
            RecordKind::Enterprises => Msg::EditKeyEnterprise,
            RecordKind::Agreements => Msg::EditKeyAgreement,
            RecordKind::Payouts => Msg::EditKeyPayout,
            RecordKind::Hardship => Msg::EditKeyHardship,
            RecordKind::Unions => Msg::EditKeyUnion,
            RecordKind::Carriers => Msg::EditKeyCarrier,
        }
    }
}

/// Splits `A/B` at its last `/`.
fn pair(key: &str) -> Option<(&str, &str)> {
    key.rsplit_once('/').map(|(a, b)| (a.trim(), b.trim()))
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// A date as stored, from any spelling import takes.
fn iso(lang: Lang, s: &str) -> Option<Value> {
    super::date_value(lang, s)
        .ok()
        .map(|d| text(&d.format("%Y-%m-%d").to_string()))
}

/// The record `key` names: exactly one, or an error saying how to name it.
fn find(lang: Lang, conn: &Connection, kind: RecordKind, key: &str) -> Result<i64> {
    let key = key.trim();
    let number = key.trim_start_matches('#').parse::<i64>().ok();
    let person = |id_number: &str| -> Result<Option<i64>> {
        Ok(store::person_by_id_number(conn, &id_number.to_uppercase())?.map(|p| p.id))
    };
    let found: Vec<i64> = match kind {
        RecordKind::People => {
            store::find_records(conn, "people", &[("id_number", text(&key.to_uppercase()))])?
        }
        RecordKind::Honours | RecordKind::Namings => match number {
            Some(n) => store::find_records(conn, kind.table(), &[("id", Value::Integer(n))])?,
            None => Vec::new(),
        },
        RecordKind::Studios => store::find_records(conn, "studios", &[("name", text(key))])?,
        RecordKind::StudioResults => match pair(key) {
            Some((studio, year)) => match (
                store::studio_by_name(conn, studio)?,
                year.trim_end_matches('年').parse::<i64>(),
            ) {
                (Some(s), Ok(y)) => store::find_records(
                    conn,
                    "studio_results",
                    &[
                        ("studio_id", Value::Integer(s)),
                        ("year", Value::Integer(y)),
                    ],
                )?,
                _ => Vec::new(),
            },
            None => Vec::new(),
        },
        RecordKind::Enterprises => store::find_records(
            conn,
            "enterprises",
            &[("credit_code", text(&key.to_uppercase()))],
        )?,
        RecordKind::Agreements => match pair(key) {
            Some((code, from)) => match (
                store::enterprise_by_code(conn, &code.to_uppercase())?,
                iso(lang, from),
            ) {
                (Some((e, _)), Some(from)) => store::find_records(
                    conn,
                    "agreements",
                    &[
                        ("enterprise_id", Value::Integer(e)),
                        ("effective_from", from),
                    ],
                )?,
                _ => Vec::new(),
            },
            None => Vec::new(),
        },
        RecordKind::Payouts => {
            let by_voucher = store::find_records(conn, "payouts", &[("voucher", text(key))])?;
            match (by_voucher.is_empty(), number) {
                (true, Some(n)) => {
                    store::find_records(conn, "payouts", &[("id", Value::Integer(n))])?
                }
                _ => by_voucher,
            }
        }
        RecordKind::Unions => store::find_records(conn, "unions", &[("name", text(key))])?,
        RecordKind::Carriers => {
            let parts: Vec<&str> = key.split('/').map(str::trim).collect();
            match parts.as_slice() {
                [programme, name, level] => {
                    match crate::domain::codes::CarrierLevel::parse(level) {
                        Some(l) => store::find_records(
                            conn,
                            "carriers",
                            &[
                                ("type", text(programme)),
                                ("name", text(name)),
                                ("level", text(l.zh())),
                            ],
                        )?,
                        None => Vec::new(),
                    }
                }
                _ => Vec::new(),
            }
        }
        RecordKind::Hardship => match pair(key) {
            Some((id_number, opened)) => match (person(id_number)?, iso(lang, opened)) {
                (Some(p), Some(opened)) => store::find_records(
                    conn,
                    "hardship_files",
                    &[("person_id", Value::Integer(p)), ("opened_on", opened)],
                )?,
                _ => Vec::new(),
            },
            None => Vec::new(),
        },
    };
    match found.as_slice() {
        [one] => Ok(*one),
        [] => bail!(say::EditNotFound {
            key: &key,
            kind: &kind.key_hint().text(lang)
        }
        .text(lang)),
        _ => bail!(say::Ambiguous {
            given: &key,
            hint: &kind.key_hint().text(lang)
        }
        .text(lang)),
    }
}

/// A stored value as an import cell would write it.
fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Text(t) => t.clone(),
        Value::Blob(_) => String::new(),
    }
}

/// Money in fen as an import cell in yuan.
fn yuan(v: &Value) -> String {
    match v {
        Value::Integer(f) => Money::from_fen(*f).to_string(),
        other => cell_text(other),
    }
}

/// A 0/1 flag as an import cell.
fn yes_no(v: &Value) -> String {
    match v {
        Value::Integer(0) => "否".into(),
        Value::Integer(_) => "是".into(),
        other => cell_text(other),
    }
}

/// A stored record as the import row it would come from: (import column key, cell text).
struct Row {
    cells: Vec<(&'static str, String)>,
}

impl Row {
    fn put(&mut self, key: &'static str, value: String) {
        match self.cells.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.cells.push((key, value)),
        }
    }

    fn get(&self, key: &str) -> &str {
        self.cells
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v.as_str())
    }
}

fn fields(conn: &Connection, table: &str, id: i64) -> Result<Vec<(String, Value)>> {
    match store::record_fields(conn, table, id)? {
        Some(f) => Ok(f),
        None => bail!("{table} {id} vanished"),
    }
}

fn field<'a>(f: &'a [(String, Value)], name: &str) -> &'a Value {
    f.iter()
        .find(|(n, _)| n == name)
        .map_or(&Value::Null, |(_, v)| v)
}

fn id_of(v: &Value) -> i64 {
    match v {
        Value::Integer(i) => *i,
        _ => 0,
    }
}

/// The import row of record `id` of `kind`.
fn import_row(conn: &Connection, kind: RecordKind, id: i64) -> Result<Row> {
    let mut row = Row { cells: Vec::new() };
    let f = fields(conn, kind.table(), id)?;
    let same = |row: &mut Row, f: &[(String, Value)], keys: &[(&'static str, &str)]| {
        for (key, col) in keys {
            row.put(key, cell_text(field(f, col)));
        }
    };
    let person_row = |row: &mut Row, person: i64| -> Result<()> {
        let p = fields(conn, "people", person)?;
        same(
            row,
            &p,
            &[
                (people::NAME, "name"),
                (people::ID_NUMBER, "id_number"),
                (people::MOBILE, "mobile"),
                (people::WORK_UNIT, "work_unit"),
                (people::DISTRICT, "district"),
                (people::STATUS, "status"),
                (people::RETIRED_ON, "retired_on"),
                (people::DIED_ON, "died_on"),
                (people::TRANSFERRED_ON, "transferred_on"),
            ],
        );
        Ok(())
    };
    let studio_row = |row: &mut Row, studio: i64| -> Result<()> {
        let s = fields(conn, "studios", studio)?;
        same(
            row,
            &s,
            &[
                (studios::NAME, "name"),
                (studios::KIND, "kind"),
                (studios::HOST_UNIT, "host_unit"),
                (studios::CREDIT_CODE, "host_credit_code"),
                (studios::DISTRICT, "district"),
                (studios::FOUNDED_ON, "founded_on"),
                (studios::TEAM_SIZE, "team_size"),
            ],
        );
        for (key, _) in crate::import::columns::EIGHT_HAVES {
            row.put(key, yes_no(field(&s, key)));
        }
        let leader = fields(conn, "people", id_of(field(&s, "leader_id")))?;
        row.put(
            studios::LEADER_ID_NUMBER,
            cell_text(field(&leader, "id_number")),
        );
        row.put(studios::LEADER_NAME, cell_text(field(&leader, "name")));
        Ok(())
    };
    // The recipient of a payout or the holder of a hardship file, under that kind's columns.
    let holder = |row: &mut Row, person: &Value, keys: [&'static str; 2]| -> Result<()> {
        let p = fields(conn, "people", id_of(person))?;
        row.put(keys[0], cell_text(field(&p, "id_number")));
        row.put(keys[1], cell_text(field(&p, "name")));
        Ok(())
    };
    match kind {
        RecordKind::People => person_row(&mut row, id)?,
        RecordKind::Honours => {
            person_row(&mut row, id_of(field(&f, "person_id")))?;
            same(
                &mut row,
                &f,
                &[
                    (people::HONOUR, "title"),
                    (people::HONOUR_YEAR, "year"),
                    (people::AWARDED_BY, "awarded_by"),
                ],
            );
        }
        RecordKind::Studios => studio_row(&mut row, id)?,
        RecordKind::Namings => {
            studio_row(&mut row, id_of(field(&f, "studio_id")))?;
            same(
                &mut row,
                &f,
                &[
                    (studios::LEVEL, "level"),
                    (studios::NAMED_ON, "named_on"),
                    (studios::BATCH, "batch_no"),
                ],
            );
            // A date the ledger gave to the month only stays so (2019-03).
            if field(&f, "approximate") == &Value::Integer(1) {
                let month: String = row.get(studios::NAMED_ON).chars().take(7).collect();
                row.put(studios::NAMED_ON, month);
            }
        }
        RecordKind::StudioResults => {
            let s = fields(conn, "studios", id_of(field(&f, "studio_id")))?;
            row.put(studio_results::STUDIO, cell_text(field(&s, "name")));
            same(&mut row, &f, &[(studio_results::YEAR, "year")]);
            same(
                &mut row,
                &f,
                &ResultMetric::ALL.map(|m| (m.code(), m.code())),
            );
            row.put(
                studio_results::ECONOMIC_BENEFIT,
                yuan(field(&f, "economic_benefit")),
            );
        }
        RecordKind::Enterprises => {
            same(
                &mut row,
                &f,
                &[
                    (enterprises::NAME, "name"),
                    (enterprises::CREDIT_CODE, "credit_code"),
                    (enterprises::DISTRICT, "district"),
                    (enterprises::INDUSTRY, "industry"),
                    (enterprises::OWNERSHIP, "ownership"),
                    (enterprises::EMPLOYEES, "employees"),
                    (enterprises::MEMBERS, "members"),
                ],
            );
            for key in [
                "has_union",
                "fortune500",
                "women_contract",
                "employee_directors",
                "open_affairs",
            ] {
                row.put(key, yes_no(field(&f, key)));
            }
        }
        RecordKind::Agreements => {
            let e = fields(conn, "enterprises", id_of(field(&f, "enterprise_id")))?;
            row.put(agreements::CREDIT_CODE, cell_text(field(&e, "credit_code")));
            row.put(agreements::ENTERPRISE_NAME, cell_text(field(&e, "name")));
            same(
                &mut row,
                &f,
                &[
                    (agreements::SIGNED_ON, "signed_on"),
                    (agreements::EFFECTIVE_FROM, "effective_from"),
                    (agreements::EXPIRES_ON, "expires_on"),
                    (agreements::WORKERS_COVERED, "workers_covered"),
                    (agreements::FORM, "form"),
                    (agreements::AGREEMENT_NO, "agreement_no"),
                ],
            );
            if let Value::Integer(h) = field(&f, "wage_increase") {
                let sign = if *h < 0 { "-" } else { "" };
                row.put(
                    "wage_increase",
                    format!("{sign}{}.{:02}%", h.abs() / 100, h.abs() % 100),
                );
            }
        }
        RecordKind::Payouts => {
            match field(&f, "person_id") {
                // A studio's subsidy: the row a payouts export writes for it.
                Value::Null => {
                    let s = fields(conn, "studios", id_of(field(&f, "studio_id")))?;
                    row.put(payouts::NAME, cell_text(field(&s, "name")));
                }
                person => holder(&mut row, person, [payouts::ID_NUMBER, payouts::NAME])?,
            }
            same(
                &mut row,
                &f,
                &[
                    (payouts::CATEGORY, "category"),
                    (payouts::PAID_ON, "paid_on"),
                    (payouts::VOUCHER, "voucher"),
                    (payouts::NOTE, "note"),
                    (payouts::STUDENT_NAME, "student_name"),
                    (payouts::STUDENT_ID_NUMBER, "student_id_number"),
                    (payouts::SCHOOL_STAGE, "school_stage"),
                ],
            );
            row.put(payouts::AMOUNT, yuan(field(&f, "amount")));
        }
        RecordKind::Hardship => {
            holder(
                &mut row,
                field(&f, "person_id"),
                [hardship::ID_NUMBER, hardship::NAME],
            )?;
            same(
                &mut row,
                &f,
                &[
                    (hardship::TYPE, "type"),
                    (hardship::OPENED_ON, "opened_on"),
                    (hardship::CLOSED_ON, "closed_on"),
                    (hardship::CAUSE, "cause"),
                ],
            );
        }
        RecordKind::Unions => {
            same(
                &mut row,
                &f,
                &[
                    (unions::NAME, "name"),
                    (unions::CREDIT_CODE, "credit_code"),
                    (unions::DISTRICT, "district"),
                    (unions::FORM, "form"),
                    (unions::UNIT_CREDIT_CODE, "unit_credit_code"),
                    (unions::UNITS_COVERED, "units_covered"),
                    (unions::FOUNDED_ON, "founded_on"),
                    (unions::COMMITTEE_ON, "committee_on"),
                    (unions::TERM_YEARS, "term_years"),
                    (unions::WORKERS, "workers"),
                    (unions::MEMBERS, "members"),
                    (unions::WOMEN_MEMBERS, "women_members"),
                    (unions::MIGRANT_MEMBERS, "migrant_members"),
                    (unions::CADRES, "cadres"),
                ],
            );
            row.put(unions::HAS_CONGRESS, yes_no(field(&f, "has_congress")));
        }
        RecordKind::Carriers => {
            same(
                &mut row,
                &f,
                &[
                    (carriers::NAME, "name"),
                    (carriers::TYPE, "type"),
                    (carriers::LEVEL, "level"),
                    (carriers::UNIT, "unit"),
                    (carriers::DISTRICT, "district"),
                    (carriers::NAMED_ON, "named_on"),
                    (carriers::BATCH, "batch_no"),
                    (carriers::CRITERIA_MET, "criteria_met"),
                ],
            );
            if let Value::Integer(leader) = field(&f, "leader_id") {
                let p = fields(conn, "people", *leader)?;
                row.put(
                    carriers::LEADER_ID_NUMBER,
                    cell_text(field(&p, "id_number")),
                );
                row.put(carriers::LEADER_NAME, cell_text(field(&p, "name")));
            }
        }
    }
    Ok(row)
}

/// The import column a FIELD argument names (Chinese header, English alias or synonym).
fn column_of(lang: Lang, kind: RecordKind, name: &str) -> Result<&'static str> {
    let columns = || {
        kind.import_kind()
            .columns()
            .iter()
            .filter(move |c| kind.allows(c.key))
    };
    match column_named(columns(), name) {
        Some(c) => Ok(c.key),
        None => bail!(say::EditUnknownField {
            name: &name,
            fields: &column_list(lang, columns())
        }
        .text(lang)),
    }
}

/// The Chinese header of import column `key`.
fn header_of(kind: RecordKind, key: &str) -> &'static str {
    kind.import_kind()
        .columns()
        .iter()
        .find(|c| c.key == key)
        .map_or("", |c| c.zh)
}

pub fn edit(
    ctx: &Ctx,
    kind: RecordKind,
    key: &str,
    assignments: &[String],
    clear: &[String],
    reason: Option<&str>,
) -> Result<Outcome> {
    let mut changes: Vec<(&'static str, String)> = Vec::new();
    for a in assignments {
        let Some((name, value)) = a.split_once('=') else {
            bail!(say::EditBadAssignment { given: a }.text(ctx.lang));
        };
        changes.push((
            column_of(ctx.lang, kind, name.trim())?,
            value.trim().to_string(),
        ));
    }
    for name in clear {
        changes.push((column_of(ctx.lang, kind, name.trim())?, String::new()));
    }
    if changes.is_empty() {
        bail!(Msg::EditNothing.text(ctx.lang));
    }
    let mut store = ctx.open(OpenMode::Existing)?;
    // The record is read under the write lock it is written under: an edit or import running
    // at the same time is either wholly before this one or wholly after it.
    let tx = store.write()?;
    let id = find(ctx.lang, &tx, kind, key)?;
    let mut row = import_row(&tx, kind, id)?;
    let mut shown = Vec::new();
    let mut differs = false;
    for (col, value) in &changes {
        let before = row.get(col).to_string();
        if kind.key_columns().contains(col) && *value != before {
            bail!(say::EditKeyChange {
                field: &header_of(kind, col)
            }
            .text(ctx.lang));
        }
        if kind.kept(col) && value.is_empty() {
            bail!(say::EditCannotClear {
                field: &header_of(kind, col)
            }
            .text(ctx.lang));
        }
        differs |= *value != before;
        shown.push(
            say::EditChange {
                field: &header_of(kind, col),
                before: &before,
                after: value,
            }
            .text(ctx.lang),
        );
        row.put(col, value.clone());
    }

    // Every field as it is on file already: nothing to write (a record written anew would
    // otherwise count as changed).
    if !differs {
        tx.rollback()?;
        println!("{}", say::EditUnchanged { key: &key }.text(ctx.lang));
        return Ok(Outcome::Done);
    }

    // The row through the import's header mapping and parser.
    let import = kind.import_kind();
    let columns = import.columns();
    let header: Vec<Cell> = columns
        .iter()
        .map(|c| Cell::Text(c.zh.to_string()))
        .collect();
    let map = match HeaderMap::detect(import, 1, &header) {
        Some(Ok(map)) => map,
        _ => bail!("edit header for {}", import.code()),
    };
    // A key that is none of the kind's columns would be dropped here without a word.
    debug_assert!(
        row.cells
            .iter()
            .all(|(k, _)| columns.iter().any(|c| c.key == *k)),
        "{:?} holds a key {} does not have",
        row.cells,
        import.code()
    );
    let cells: Vec<Cell> = columns
        .iter()
        .map(|c| match row.get(c.key) {
            "" => Cell::Empty,
            t => Cell::Text(t.to_string()),
        })
        .collect();
    let record = match rows::parse(ctx.lang, &map, &cells, super::today()) {
        Ok(r) => r,
        Err(issues) => {
            eprintln!("{}", say::EditRefused { key: &key }.text(ctx.lang));
            for issue in &issues {
                match &issue.column {
                    Some(col) => eprintln!(
                        "  {}",
                        say::EditIssue {
                            column: col,
                            value: &issue.value,
                            reason: &issue.reason
                        }
                        .text(ctx.lang)
                    ),
                    None => eprintln!("  {}", issue.reason),
                }
            }
            return Ok(Outcome::Failed);
        }
    };

    let book = store::book(&tx)?;
    let batch = super::begin_write(&tx, "edit")?;
    // Taken out first where it is written anew (a 春节慰问 corrected is not a second one).
    if kind.written_anew() {
        store::delete_record(&tx, kind.table(), id)?;
    }
    let at = Origin {
        batch,
        row: 0,
        edit: true,
    };
    let written = store::write_record(&tx, at, &record, &mut Writer::new(book))?;
    if let Err(refusal) = written {
        tx.rollback()?;
        eprintln!("{}", say::EditRefused { key: &key }.text(ctx.lang));
        let column = refusal_column(&record, &refusal);
        let reasons = match &refusal {
            crate::domain::records::Refusal::PayoutRules(vs) => {
                vs.iter().map(|x| i18n::violation(ctx.lang, x)).collect()
            }
            other => vec![i18n::refusal(ctx.lang, other)],
        };
        for r in reasons {
            eprintln!(
                "  {}",
                say::EditIssue {
                    column: &map.name(column),
                    value: &row.get(column),
                    reason: &r
                }
                .text(ctx.lang)
            );
        }
        return Ok(Outcome::Failed);
    }
    // An edit that reached another record (a key of another record) is refused: it would
    // change or merge a record the command did not name.
    let (others, added) = store::other_effects(&tx, kind.table(), id)?;
    if others || added.len() > 1 {
        tx.rollback()?;
        eprintln!("{}", say::EditWouldMerge { key: &key }.text(ctx.lang));
        return Ok(Outcome::Failed);
    }
    // The record written in place of the one taken out keeps its number: the number the
    // clerk typed, and that `people show` printed, still finds it. A naming moved to another
    // level is written beside the old one, which goes (unless a subsidy was paid for it).
    if let [new] = added.as_slice() {
        if !kind.written_anew() {
            if store::subsidy_paired(&tx, store::SubsidyLink::Naming(id))? {
                tx.rollback()?;
                eprintln!("{}", say::EditNamingLevelPaid { key: &key }.text(ctx.lang));
                return Ok(Outcome::Failed);
            }
            store::delete_record(&tx, kind.table(), id)?;
        }
        store::renumber(&tx, kind.table(), *new, id)?;
    }
    // Written anew with the values it had (金额 800 for 800.00): nothing changed.
    if kind.written_anew() && store::unchanged_but_bookkeeping(&tx, kind.table(), id)? {
        tx.rollback()?;
        println!("{}", say::EditUnchanged { key: &key }.text(ctx.lang));
        return Ok(Outcome::Done);
    }
    let counts = super::finish_write(
        &tx,
        batch,
        "edit",
        serde_json::json!({"kind": kind.table(), "record": id,
            "fields": changes.iter().map(|(c, _)| *c).collect::<Vec<_>>(), "reason": reason}),
    )?;
    if counts.added + counts.updated + counts.deleted == 0 {
        tx.rollback()?;
        println!("{}", say::EditUnchanged { key: &key }.text(ctx.lang));
        return Ok(Outcome::Done);
    }
    tx.commit()?;
    println!(
        "{}",
        say::EditDone {
            key: &key,
            changes: &shown.join(Msg::PartSep.text(ctx.lang))
        }
        .text(ctx.lang)
    );
    println!("{}", super::batch_line(ctx.lang, batch));
    Ok(Outcome::Done)
}

pub fn delete(ctx: &Ctx, kind: RecordKind, key: &str, reason: Option<&str>) -> Result<Outcome> {
    let mut store = ctx.open(OpenMode::Existing)?;
    let tx = store.write()?;
    let id = find(ctx.lang, &tx, kind, key)?;
    // A subsidy goes with its naming: it is deleted on its own only when that naming is gone.
    if kind == RecordKind::Payouts && store::subsidy_paired(&tx, store::SubsidyLink::Payout(id))? {
        bail!(Msg::EditStudioSubsidy.text(ctx.lang));
    }
    let deps = store::dependants(&tx, kind.table(), id)?;
    if !deps.is_empty() {
        tx.rollback()?;
        let list = deps.iter().map(|(t, n)| {
            say::DeleteDependant {
                table: &i18n::table_label(ctx.lang, t),
                count: n,
            }
            .text(ctx.lang)
        });
        let list = i18n::list(ctx.lang, list);
        eprintln!(
            "{}",
            say::DeleteRefused {
                key: &key,
                dependants: &list
            }
            .text(ctx.lang)
        );
        return Ok(Outcome::Failed);
    }
    let batch = super::begin_write(&tx, "delete")?;
    store::delete_record(&tx, kind.table(), id)?;
    let counts = super::finish_write(
        &tx,
        batch,
        "delete",
        serde_json::json!({"kind": kind.table(), "record": id, "reason": reason}),
    )?;
    tx.commit()?;
    println!(
        "{}",
        say::DeleteDone {
            key: &key,
            records: &counts.deleted
        }
        .text(ctx.lang)
    );
    println!("{}", super::batch_line(ctx.lang, batch));
    Ok(Outcome::Done)
}
