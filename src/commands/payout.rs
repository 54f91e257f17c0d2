//! `union payouts list|show`, `union payout add` (checked against the payout rules),
//! `union check payouts` (the audit) and `union eligible` (payout rosters).

use crate::i18n::Lang;
use crate::report::sign_sheet;
use anyhow::{bail, Result};
use chrono::NaiveDate;

use super::{today, Ctx, Outcome};
use crate::cli::{CheckCommand, PayoutCommand, PayoutsCommand};
use crate::domain::allowance::{self, Finding, Period};
use crate::domain::cell::Cell;
use crate::domain::codes::{PayoutCategory, SchoolStage};
use crate::domain::id_number::IdNumber;
use crate::domain::payout_rules::{self, Payee, Program, Recipient, Student, Violation};
use crate::domain::records::{PayoutRecord, PersonKey, Refusal};
use crate::domain::values::{self, Money};
use crate::i18n::{self, say, Label, Msg};
use crate::report::render::{Column, Format, Mask, Records, Val};
use crate::report::verdict::Notes;
use crate::store::{self, OpenMode, Origin, PayoutQuery, PayoutRow, UpsertOutcome};

const PAYOUT_COLUMNS: &[Column] = &[
    // The voucher names a payout as well (`payouts show`, `edit payout` take either).
    Column::new("id", Msg::ColId).optional(3),
    Column::new("recipient", Msg::ColRecipient),
    Column::masked("id_number", Msg::ColIdNumber, Mask::IdNumber),
    Column::new("district", Msg::ColDistrict).optional(2),
    Column::new("category", Msg::ColCategory),
    Column::new("amount", Msg::ColAmount),
    Column::new("paid_on", Msg::ColPaidOn),
    Column::new("voucher", Msg::ColVoucher),
    Column::new("note", Msg::ColNote).optional(1),
    Column::new(STUDENT_KEYS[0], Msg::ColStudentName).optional(1),
    Column::masked(STUDENT_KEYS[1], Msg::ColStudentIdNumber, Mask::IdNumber).optional(0),
    Column::new(STUDENT_KEYS[2], Msg::ColSchoolStage).optional(1),
    Column::new("period", Msg::ColPeriod).optional(0),
];

/// The keys of the student columns of [`PAYOUT_COLUMNS`].
pub const STUDENT_KEYS: [&str; 3] = ["student_name", "student_id_number", "school_stage"];

/// The payout columns a person's page leaves out: the person's own, and the student columns
/// unless one of their payouts names a student.
pub fn hidden_on_person_page(students: bool) -> &'static [&'static str] {
    const OWN: &[&str] = &["recipient", "id_number", "district"];
    const OWN_AND_STUDENT: &[&str] = &[
        "recipient",
        "id_number",
        "district",
        STUDENT_KEYS[0],
        STUDENT_KEYS[1],
        STUDENT_KEYS[2],
    ];
    if students {
        OWN
    } else {
        OWN_AND_STUDENT
    }
}

/// The stored category code in the user's language.
pub fn category_label(lang: Lang, code: &str) -> &str {
    PayoutCategory::parse(code).map_or(code, |c| c.label(lang))
}

pub fn payout_records(lang: Lang, rows: Vec<PayoutRow>) -> Records {
    let mut r = Records::new(PAYOUT_COLUMNS);
    r.rows = rows.into_iter().map(|x| payout_values(lang, x)).collect();
    r
}

/// A payout as a row of [`payout_records`] (its text moved, not copied: lists run to
/// millions of rows).
pub fn payout_values(lang: Lang, p: PayoutRow) -> Vec<Val> {
    vec![
        Val::Int(p.id),
        Val::Text(p.recipient),
        Val::opt_text(p.id_number),
        Val::opt_text(p.district),
        Val::text(category_label(lang, &p.category)),
        Val::Money(p.amount),
        Val::Text(p.paid_on),
        Val::opt_text(p.voucher),
        Val::opt_text(p.note),
        Val::opt_text(p.student_name),
        Val::opt_text(p.student_id_number),
        Val::opt_text(
            p.school_stage
                .map(|s| SchoolStage::parse(&s).map_or(s, |v| v.label(lang).to_string())),
        ),
        Val::opt_text(p.period),
    ]
}

pub fn payouts(ctx: &Ctx, cmd: PayoutsCommand) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    match cmd {
        PayoutsCommand::List(f) => {
            let q = PayoutQuery {
                year: f.year,
                category: f.category.map(|c| c.code().to_string()),
                district: f.district,
                name: f.name,
                person: None,
            };
            let mut sink = ctx.sink(
                &payout_records(ctx.lang, Vec::new()),
                Msg::SectionPayouts.text(ctx.lang),
            )?;
            store::each_payout(store.conn(), &q, |p| sink.row(payout_values(ctx.lang, p)))?;
            sink.finish()?;
        }
        PayoutsCommand::Show { key } => {
            let Some(p) = store::find_payout(store.conn(), key.trim())? else {
                anyhow::bail!(say::NotFound { what: &key }.text(ctx.lang));
            };
            super::show(ctx, payout_records(ctx.lang, vec![p]), &[])?;
        }
    }
    Ok(Outcome::Done)
}

// ---------------------------------------------------------------- `union payout add`

fn cell(text: &str) -> Cell {
    Cell::Text(text.to_string())
}

/// A command-line value refused the way an import cell would be.
fn refused(
    lang: Lang,
    flag: &str,
    value: &str,
    e: &crate::domain::invalid::Invalid,
) -> anyhow::Error {
    anyhow::anyhow!(say::BadFilter {
        flag: &flag,
        value: &crate::domain::values::shown_value(value),
        reason: &i18n::reason(lang, e)
    }
    .text(lang))
}

pub fn payout(ctx: &Ctx, cmd: PayoutCommand) -> Result<Outcome> {
    let PayoutCommand::Add {
        id_number,
        name,
        category,
        amount,
        date,
        voucher,
        note,
        student_name,
        student_id_number,
        stage,
        period,
    } = cmd;
    let id = IdNumber::parse(&cell(&id_number), today())
        .map_err(|e| refused(ctx.lang, "id-number", &id_number, &e))?;
    let amount_v =
        Money::parse_text(&amount).map_err(|e| refused(ctx.lang, "amount", &amount, &e))?;
    let paid_on = super::past_date(ctx.lang, "date", date)?;
    let name = name.trim();
    let name = values::person_name(name).map_err(|e| refused(ctx.lang, "name", name, &e))?;
    let given = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let (student_name, student_id_number, stage) =
        (given(student_name), given(student_id_number), given(stage));
    let student_name = student_name
        .map(|s| match values::person_name(&s) {
            Ok(name) => Ok(name.to_string()),
            Err(e) => Err(refused(ctx.lang, "student-name", &s, &e)),
        })
        .transpose()?;
    if category != PayoutCategory::EducationAid
        && (student_name.is_some() || student_id_number.is_some() || stage.is_some())
    {
        bail!(Msg::ReasonStudentNotEducationAid.text(ctx.lang));
    }
    let student_id = student_id_number
        .map(|v| {
            IdNumber::parse(&cell(&v), today())
                .map_err(|e| refused(ctx.lang, "student-id-number", &v, &e))
        })
        .transpose()?;
    let stage = stage
        .map(|v| SchoolStage::parse_cell(&cell(&v)).map_err(|e| refused(ctx.lang, "stage", &v, &e)))
        .transpose()?;
    let period_v = match &period {
        Some(p) => Some(Period::parse(&cell(p)).map_err(|e| refused(ctx.lang, "period", p, &e))?),
        None => None,
    };
    let record = PayoutRecord {
        recipient: PersonKey {
            id_number: id,
            name: Some(name.to_string()),
            district: None,
        },
        category,
        amount: amount_v,
        paid_on,
        voucher: voucher
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty()),
        note: note.filter(|n| !n.trim().is_empty()),
        student: Student::given(student_name, student_id.as_ref()),
        stage,
        period: period_v,
    };
    let mut store = ctx.open(OpenMode::Existing)?;
    let tx = store.write()?;
    let params = store::book(&tx)?;
    let batch = super::begin_write(&tx, "payout.add")?;
    let at = Origin::row(batch, 0);
    // Judged before anything is written: an import row with a voucher on file corrects that
    // payout; `payout add` never rewrites one: the same voucher with other content is rule 6
    // (the same content again is simply unchanged).
    let decided = store::PayoutJudge::new(params).decide(&tx, at, &record)?;
    let written = match decided {
        Ok(d) if d.changes_stored() => {
            let used = Violation::VoucherUsed {
                voucher: record.voucher.clone().unwrap_or_default(),
            };
            print_refused(ctx.lang, &[used]);
            tx.rollback()?;
            return Ok(Outcome::Failed);
        }
        Ok(d) => store::carry_out(&tx, at, &record, d)?,
        Err(refusal) => Err(refusal),
    };
    let outcome = match written {
        Err(refusal) => {
            match &refusal {
                Refusal::PayoutRules(vs) => print_refused(ctx.lang, vs),
                other => print_refused_for(
                    ctx.lang,
                    &[i18n::refusal(ctx.lang, other)],
                    &Notes::default(),
                ),
            }
            tx.rollback()?;
            return Ok(Outcome::Failed);
        }
        Ok(o) => o,
    };
    super::finish_write(
        &tx,
        batch,
        "payout.add",
        serde_json::json!({"category": category.code(), "amount_fen": amount_v.fen(),
            "paid_on": paid_on.format("%Y-%m-%d").to_string(), "voucher": record.voucher,
            "period": record.months().code()}),
    )?;
    tx.commit()?;
    // A payout row's outcome carries the payout's own id (the recipient's comes second).
    let payout_id = outcome.id().unwrap_or(0);
    match outcome {
        UpsertOutcome::Unchanged(_) => println!(
            "{}",
            say::PayoutUnchanged {
                payout_id: &payout_id
            }
            .text(ctx.lang)
        ),
        _ => println!(
            "{}",
            say::PayoutAdded {
                payout_id: &payout_id
            }
            .text(ctx.lang)
        ),
    }
    println!("{}", super::batch_line(ctx.lang, batch));
    Ok(Outcome::Done)
}

// ---------------------------------------------------------------- `union check payouts`

pub fn check(ctx: &Ctx, cmd: CheckCommand) -> Result<Outcome> {
    match cmd {
        CheckCommand::Payouts { year } => check_payouts(ctx, year),
        CheckCommand::Allowances { year, today } => check_allowances(ctx, year, today),
    }
}

fn check_payouts(ctx: &Ctx, year: i32) -> Result<Outcome> {
    let store = ctx.open(OpenMode::Existing)?;
    let conn = store.conn();
    let book = store::book(conn)?;
    let (mut checked, mut found) = (0usize, 0usize);
    // The violations are written as they are found; the list starts with the first of them.
    let mut sink = None;
    let head = Records::new(&[
        Column::new("rule", Msg::ColRuleNo),
        Column::new("violation", Msg::ColViolation),
        Column::new("payout_id", Msg::ColId),
        Column::new("recipient", Msg::ColRecipient),
        Column::masked("id_number", Msg::ColIdNumber, Mask::IdNumber),
        Column::new("category", Msg::ColCategory),
        Column::new("amount", Msg::ColAmount),
        Column::new("paid_on", Msg::ColPaidOn),
        Column::new("voucher", Msg::ColVoucher),
    ]);
    store::each_payout_in_year(conn, year, |p| {
        checked += 1;
        let policy = book.on(p.paid_on);
        let violations = match (p.person_id, p.studio_id) {
            (Some(person), _) => {
                // Only the facts the category's rules read, as an import reads them.
                let needs = payout_rules::needs(p.category, &policy);
                let who = store::recipient_with(conn, person, needs.titles, needs.files)?
                    .unwrap_or_else(Recipient::unknown);
                let mut earlier = if needs.earlier {
                    store::earlier_payout_dates(conn, person, p.category, p.paid_on, p.id)?
                } else {
                    Vec::new()
                };
                // A student counts once whoever was paid for them (the earlier payouts only).
                let student = p.student.as_ref().and_then(|s| s.id_number.as_deref());
                if let Some(sid) = student.filter(|_| payout_rules::per_student(p.category)) {
                    earlier.extend(store::student_payouts_elsewhere(
                        conn,
                        p.category,
                        sid,
                        Some(person),
                        Some(p.id),
                        Some((p.paid_on, p.id)),
                    )?);
                }
                let mut broken =
                    payout_rules::check(&p.payment(), Payee::Person(&who), &earlier, &policy);
                if needs.months {
                    let months =
                        store::earlier_payout_months(conn, person, p.category, p.paid_on, p.id)?;
                    broken.extend(payout_rules::check_months(
                        p.category, p.months, &months, &policy,
                    ));
                }
                broken
            }
            (None, Some(studio)) => {
                let level = store::naming_on(conn, studio, p.paid_on)?;
                // The subsidies of the studio paid for the same naming before this one, by date
                // and then by record number (so a pair is reported once).
                let mut earlier = Vec::new();
                let facts = store::studio_facts(conn, studio)?;
                let kind = facts.as_ref().map(|f| f.kind);
                if let (Some(level), Some(facts)) = (level, facts) {
                    let naming = facts.naming_in_spell(level, p.paid_on);
                    for (id, paid_on) in store::studio_subsidies(conn, studio)? {
                        let that = store::naming_on(conn, studio, paid_on)?;
                        if that == Some(level)
                            && facts.naming_in_spell(level, paid_on) == naming
                            && (paid_on, id) < (p.paid_on, p.id)
                        {
                            earlier.push(paid_on.into());
                        }
                    }
                }
                payout_rules::check(&p.payment(), Payee::Studio(level, kind), &earlier, &policy)
            }
            _ => Vec::new(),
        };
        for v in violations {
            let sink = match &mut sink {
                Some(s) => s,
                None => sink.insert(ctx.sink(&head, Msg::ColViolation.text(ctx.lang))?),
            };
            found += 1;
            sink.row(vec![
                Val::Int(v.rule().into()),
                Val::text(i18n::violation(ctx.lang, &v)),
                Val::Int(p.id),
                Val::text(&p.recipient),
                Val::opt_text(p.id_number.clone()),
                Val::text(category_label(ctx.lang, p.category.code())),
                Val::Money(p.amount.fen()),
                Val::text(p.paid_on.format("%Y-%m-%d").to_string()),
                Val::opt_text(p.voucher.clone()),
            ])?;
        }
        Ok(())
    })?;
    let summary = if found == 0 {
        say::CheckClean {
            year: &year,
            checked: &checked,
        }
        .text(ctx.lang)
    } else {
        say::CheckViolations {
            year: &year,
            checked: &checked,
            found: &found,
        }
        .text(ctx.lang)
    };
    finish_check(ctx, sink, &head, Msg::ColViolation, &summary)
}

/// Ends a check's list: the list written (or, with nothing found, its header alone to a file
/// or as CSV/JSON: an old file of the same name must not stand for this year's results), then
/// the summary, on stdout under a table on screen, else on stderr. Failed when anything was
/// found.
fn finish_check(
    ctx: &Ctx,
    sink: Option<crate::report::render::RecordSink>,
    head: &Records,
    sheet: Msg,
    summary: &str,
) -> Result<Outcome> {
    let to_screen = ctx.format == Format::Table && ctx.output.is_none();
    let found = sink.is_some();
    match sink {
        Some(sink) => {
            sink.finish()?;
        }
        None if !to_screen => {
            ctx.sink(head, sheet.text(ctx.lang))?.finish()?;
        }
        None => {}
    }
    let summary = crate::report::table::fit(summary);
    if to_screen {
        println!("{summary}");
    } else {
        eprintln!("{summary}");
    }
    Ok(if found {
        Outcome::Failed
    } else {
        Outcome::Done
    })
}

// ---------------------------------------------------------------- `union check allowances`

/// A year's monthly payouts owed against paid (see [`allowance`]), for each category
/// `payout.monthly` lists at the year's end, per person; whatever is wrong is listed, in month
/// order.
fn check_allowances(ctx: &Ctx, year: i32, today_flag: Option<NaiveDate>) -> Result<Outcome> {
    let today = today_flag.unwrap_or_else(today);
    let Some(span) = Period::year(year) else {
        bail!(say::BadDate { given: &year }.text(ctx.lang));
    };
    let store = ctx.open(OpenMode::Existing)?;
    let conn = store.conn();
    let book = store::book(conn)?;
    let head = Records::new(&[
        Column::new("name", Msg::ColName),
        Column::masked("id_number", Msg::ColIdNumber, Mask::IdNumber),
        Column::new("category", Msg::ColCategory),
        Column::new("finding", Msg::ColFinding),
        Column::new("period", Msg::ColPeriod),
        Column::new("owed", Msg::ColOwed),
        Column::new("paid", Msg::ColPaidAmount),
        Column::new("payouts", Msg::ColPayoutIds),
    ]);
    let mut sink = None;
    let mut summaries = Vec::new();
    for category in book.on(span.to).owed_monthly() {
        let (mut owed_people, mut people, mut found) = (0usize, 0usize, 0usize);
        store::each_roster_person(conn, |p| {
            let paid = store::allowance_payouts(conn, p.id, category, span)?;
            let cover = paid.iter().fold(span, |s, x| s.union(&x.period));
            let owed = allowance::owed(category, &p.facts, cover, &book);
            if owed.iter().any(|o| span.holds(o.month)) {
                owed_people += 1;
            }
            let findings = allowance::reconcile(&owed, &paid, span, today);
            if findings.is_empty() {
                return Ok(());
            }
            people += 1;
            for f in findings {
                let (word, months, owed, paid_fen, ids) = match &f {
                    Finding::Missing { months, owed } => {
                        (Msg::FindingMissing, months, Some(owed), None, Vec::new())
                    }
                    Finding::Short {
                        payout,
                        months,
                        owed,
                        paid,
                    } => (
                        Msg::FindingShort,
                        months,
                        Some(owed),
                        Some(paid),
                        vec![*payout],
                    ),
                    Finding::Over {
                        payout,
                        months,
                        owed,
                        paid,
                    } => (
                        Msg::FindingOver,
                        months,
                        Some(owed),
                        Some(paid),
                        vec![*payout],
                    ),
                    Finding::Twice { months, payouts } => {
                        (Msg::FindingTwice, months, None, None, payouts.clone())
                    }
                };
                let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
                let sink = match &mut sink {
                    Some(s) => s,
                    None => sink.insert(ctx.sink(&head, Msg::ColFinding.text(ctx.lang))?),
                };
                found += 1;
                sink.row(vec![
                    Val::text(&p.name),
                    Val::text(&p.id_number),
                    Val::text(category.label(ctx.lang)),
                    Val::text(word.text(ctx.lang)),
                    Val::text(months.code()),
                    owed.map_or(Val::Null, |m| Val::Money(m.fen())),
                    paid_fen.map_or(Val::Null, |m| Val::Money(m.fen())),
                    Val::text(ids.join(",")),
                ])?;
            }
            Ok(())
        })?;
        let as_of = today.format("%Y-%m-%d");
        let label = category.label(ctx.lang);
        summaries.push(if found == 0 {
            say::AllowanceCheckClean {
                year: &year,
                category: &label,
                owed_people: &owed_people,
                as_of: &as_of,
            }
            .text(ctx.lang)
        } else {
            say::AllowanceCheckFound {
                year: &year,
                category: &label,
                owed_people: &owed_people,
                as_of: &as_of,
                people: &people,
                found: &found,
            }
            .text(ctx.lang)
        });
    }
    if summaries.is_empty() {
        summaries.push(say::AllowanceCheckNone { year: &year }.text(ctx.lang));
    }
    finish_check(ctx, sink, &head, Msg::ColFinding, &summaries.join("\n"))
}

// ---------------------------------------------------------------- `union eligible`

/// The payout import columns, in the import's own header words, so the sheet imports back;
/// the honour allowance's roster has 所属期间 too, so that each row (the months owed and unpaid,
/// and their amount) imports back as it is.
const ALLOWANCE_ROSTER_COLUMNS: &[Column] = &[
    Column::masked("id_number", Msg::ColIdNumber, Mask::IdNumber),
    Column::new("name", Msg::ColName),
    Column::new("category", Msg::ColCategory),
    Column::new("amount", Msg::ColAmount),
    Column::new("paid_on", Msg::ColPaidOn),
    Column::new("voucher", Msg::ColVoucher),
    Column::new("note", Msg::ColNote),
    Column::new("period", Msg::ColPeriod),
];
const ROSTER_COLUMNS: &[Column] = ALLOWANCE_ROSTER_COLUMNS
    .split_at(ALLOWANCE_ROSTER_COLUMNS.len() - 1)
    .0;

/// A refused payout on stderr: 不予发放, then each rule broken under a ✗, the parameters they
/// used once at the end as numbered notes, all wrapped to the window.
fn print_refused(lang: Lang, broken: &[Violation]) {
    let mut notes = Notes::default();
    let reasons: Vec<String> = broken
        .iter()
        .map(|v| {
            i18n::violation_citing(lang, v, &mut |d| {
                say::ParamCitedAsNote {
                    note: &notes.cite(d),
                }
                .text(lang)
            })
        })
        .collect();
    print_refused_for(lang, &reasons, &notes);
}

fn print_refused_for(lang: Lang, reasons: &[String], notes: &Notes) {
    use crate::report::{style, table};
    eprintln!(
        "{}",
        style::err(Msg::PayoutRefused.text(lang), style::Paint::Bad)
    );
    let limit = table::Screen::get()
        .width
        .map_or(usize::MAX / 2, |w| w.saturating_sub(4).max(20));
    for reason in reasons {
        for (k, line) in table::fill(reason, limit).lines().enumerate() {
            if k == 0 {
                eprintln!(
                    "  {} {line}",
                    style::err(Msg::MarkNotMet.text(lang), style::Paint::Bad)
                );
            } else {
                eprintln!("    {line}");
            }
        }
    }
    for line in notes.render(lang, limit) {
        eprintln!("{line}");
    }
}

/// `union eligible PROGRAM --year Y`: who is owed the programme's payout, sorted as a sign sheet
/// is (district, then level from the highest, then name in pinyin order), as a roster to fill
/// in and import back; `-o X.xlsx` or `--sign-sheet X.xlsx` writes it as a 发放签收表.
pub fn eligible(
    ctx: &Ctx,
    prog: Program,
    year: i32,
    date: Option<NaiveDate>,
    sign_sheet: Option<&std::path::Path>,
) -> Result<Outcome> {
    let is_xlsx = |p: &std::path::Path| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    };
    if let Some(p) = sign_sheet {
        if !is_xlsx(p) {
            bail!(say::SignSheetNotXlsx { path: &p.display() }.text(ctx.lang));
        }
        crate::output::check(p)?;
    }
    let date = match date {
        Some(d) => d,
        None => {
            let t = today();
            let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(t);
            let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(t);
            t.clamp(first, last)
        }
    };
    let store = ctx.open(OpenMode::Existing)?;
    let conn = store.conn();
    let policy = store::policy_on(conn, date)?;
    let category = prog.category();
    // A category paid by the month (the honour allowance by default, `payout.monthly`) is
    // owed by the month: a row per run of months owed, due by the roster date and not paid,
    // with its amount.
    let monthly = policy.monthly().contains(&category);
    let columns = if monthly {
        ALLOWANCE_ROSTER_COLUMNS
    } else {
        ROSTER_COLUMNS
    };
    let book = store::book(conn)?;
    let span = Period::year(year);
    let mut r = Records::new(columns);
    // The sheet goes back through `union import payouts`: in English its headers and categories
    // are the import's English aliases and codes, which the import reads.
    let roster_category = match ctx.lang {
        i18n::Lang::Zh => category.zh(),
        i18n::Lang::En => {
            r.names = Some(columns.iter().map(|c| c.key.to_string()).collect());
            category.code()
        }
    };
    // Judged one person at a time; of those owed only what the roster shows and its order are
    // kept: the district, then the highest level first (hardship files, without a title,
    // last), then the name in pinyin order — GB2312's first-level characters, the common ones,
    // are in pinyin order, so GBK bytes sort them so (rarer characters follow, by radical).
    let mut owed = store::RosterSort::new(conn)?;
    store::each_roster_person(conn, |p| {
        let unpaid = match span.filter(|_| monthly) {
            Some(span) => {
                let paid = store::allowance_payouts(conn, p.id, category, span)?;
                let cover = paid.iter().fold(span, |s, x| s.union(&x.period));
                let owed = allowance::owed(category, &p.facts, cover, &book);
                allowance::reconcile(&owed, &paid, span, date)
                    .into_iter()
                    .filter_map(|f| match f {
                        Finding::Missing { months, owed } => Some(Some((owed, months))),
                        _ => None,
                    })
                    .collect()
            }
            None => {
                let paid = store::payout_dates(conn, p.id, category, None)?;
                if payout_rules::owed(prog, &p.facts, &paid, date, &policy) {
                    vec![None]
                } else {
                    Vec::new()
                }
            }
        };
        for owed_months in unpaid {
            // The honour that earns the treatment (a model title earns its own level; a medal
            // or another honour by the treatment table), else the hardship file — for months
            // owed, as it stood in the last of them (a title revoked since earned them).
            let on = owed_months.as_ref().map_or(date, |(_, m)| m.to.min(date));
            let then = book.on(on);
            let earned = p.facts.treatment(on, &then);
            let note = match earned {
                Some((_, h)) => h
                    .title
                    .map_or_else(|| h.kind.label(ctx.lang), |t| t.label(ctx.lang)),
                None => Msg::SectionHardship.text(ctx.lang),
            };
            owed.add(
                p.district.as_deref().unwrap_or_default(),
                earned.map(|(l, _)| l).or(p.facts.model_level(date)),
                &encoding_rs::GBK.encode(&p.name).0,
                &p.id_number,
                &p.name,
                note,
                owed_months,
            )?;
        }
        Ok(())
    })?;
    eprintln!(
        "{}",
        crate::report::table::fit(
            &say::RosterCount {
                year: &year,
                category: &category.label(ctx.lang),
                people: &owed.len(),
                as_of: &date.format("%Y-%m-%d")
            }
            .text(ctx.lang)
        )
    );
    if !ctx.unmask {
        eprintln!(
            "{}",
            crate::report::table::fit(Msg::RosterMasked.text(ctx.lang))
        );
    }
    let mask = r.masker(ctx.unmask);
    let as_row = |p: store::RosterRow| {
        let mut row = vec![
            Val::text(p.id_number),
            Val::text(p.name),
            Val::text(roster_category),
            p.owed
                .as_ref()
                .map_or(Val::Null, |(fen, _)| Val::Money(*fen)),
            Val::Null,
            Val::Null,
            Val::text(p.note),
        ];
        if monthly {
            row.push(p.owed.map_or(Val::Null, |(_, months)| Val::Text(months)));
        }
        mask(&mut row);
        row
    };
    let title = say::SignSheetTitle {
        year: &year,
        category: &category.label(ctx.lang),
    }
    .text(ctx.lang);
    let unit = store::default_district(conn)?;
    let unit = say::SignSheetUnit {
        unit: &unit
            .as_deref()
            .unwrap_or(Msg::SignSheetNoUnit.text(ctx.lang)),
        as_of: &date.format("%Y-%m-%d"),
    }
    .text(ctx.lang);
    let sheets: Vec<&std::path::Path> = sign_sheet
        .into_iter()
        .chain(ctx.output.as_deref().filter(|p| is_xlsx(p)))
        .collect();
    for path in &sheets {
        let mut sorted = owed.sorted()?;
        let rows = sorted
            .query_map([], store::RosterSort::row)?
            .map(|p| p.map(as_row).map_err(anyhow::Error::from));
        let written = sign_sheet::write(ctx.lang, &r, rows, &title, &unit, path)?;
        eprintln!(
            "{}",
            say::SignSheetWritten {
                path: &path.display(),
                people: &written
            }
            .text(ctx.lang)
        );
    }
    if ctx.output.as_deref().is_none_or(|p| !is_xlsx(p)) {
        let mut sink = crate::report::render::RecordSink::start(
            ctx.lang,
            &r,
            ctx.format,
            ctx.output.as_deref(),
            category.label(ctx.lang),
        )?;
        let mut sorted = owed.sorted()?;
        for p in sorted.query_map([], store::RosterSort::row)? {
            sink.row(as_row(p?))?;
        }
        sink.finish()?;
    }
    Ok(Outcome::Done)
}
