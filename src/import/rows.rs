//! One data row of a ledger → one typed record, or every problem of the row at once
//! (column as the file names it, the value, the reason in the user's language).

use chrono::{Datelike, NaiveDate};

use super::columns::{Kind, EIGHT_HAVES};
use super::header::HeaderMap;
use crate::domain::allowance::Period;
use crate::domain::cell::Cell;
use crate::domain::codes::{
    AgreementForm, CarrierLevel, HardshipExit, HardshipType, PayoutCategory, PersonStatus,
    StudioKind, StudioLevel, UnionForm,
};
use crate::domain::credit_code::CreditCode;
use crate::domain::hardship::Income;
use crate::domain::honour::Awarded;
use crate::domain::id_number::IdNumber;
use crate::domain::invalid::Invalid;
use crate::domain::payout_rules::Violation;
use crate::domain::records::*;
use crate::domain::unions::{self, FigureProblem};
use crate::domain::values::{self, Gender, Mobile, Money};
use crate::i18n::{self, Msg};

/// A problem with one cell (or the row as a whole when `column` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub column: Option<String>,
    pub value: String,
    pub reason: String,
}

/// An issue about the cell of column `key` in a data row: the column as the file names it and
/// the value as the row gives it.
pub fn issue(map: &HeaderMap, cells: &[Cell], key: &str, reason: String) -> Issue {
    Issue {
        column: Some(map.name(key).to_string()),
        value: shown_value(&map.cell(cells, key).text()),
        reason,
    }
}

/// The column a store refusal is about, so that its message names the cell to fix.
pub fn refusal_column(kind: Kind, record: &Record, refusal: &Refusal) -> &'static str {
    match (refusal, record) {
        (Refusal::NameMismatch { .. }, Record::Studio(_) | Record::Carrier(_)) => "leader_name",
        (Refusal::NameMismatch { .. }, _) => "name",
        (Refusal::StatusNeedsDate { .. } | Refusal::StatusAgainstDeath { .. }, _) => "status",
        (Refusal::LeaderUnknown | Refusal::CarrierLeaderUnknown, _) => "leader_id_number",
        (Refusal::StudioUnknown, Record::Subsidy(_)) => "name",
        (Refusal::StudioUnknown, _) => "studio",
        (Refusal::EnterpriseUnknown, _) => "credit_code",
        (Refusal::EnterpriseNameMismatch { .. }, _) => "enterprise_name",
        (Refusal::AgreementNumberDates { .. }, _) => "agreement_no",
        (Refusal::ProgrammeUnknown, _) => "type",
        (Refusal::LevelNotForProgramme { .. }, _) => "level",
        (Refusal::StudioSubsidyByImport, _) => "category",
        (Refusal::SubsidyWithoutNaming, _) => "paid_on",
        (Refusal::HardshipFileOpen { .. } | Refusal::HouseholdFileOpen { .. }, _) => "opened_on",
        (Refusal::HardshipTypeAgainstIncome { .. }, _) => "type",
        (Refusal::PayoutRules(vs), _) => match vs.first() {
            Some(
                Violation::AllowanceNotRetired
                | Violation::AllowanceNoTitle { .. }
                | Violation::LivingSubsidyNoTitle
                | Violation::LivingSubsidyNoNeed { .. },
            ) => "category",
            Some(Violation::OverCeiling { .. } | Violation::SubsidyNotStandard { .. }) => "amount",
            Some(Violation::VoucherUsed { .. }) => "voucher",
            Some(Violation::MonthPaid { .. }) => match record {
                Record::Payout(p) if p.period.is_some() => "period",
                _ => "paid_on",
            },
            _ => "paid_on",
        },
        (Refusal::Conflict { .. }, Record::Payout(p)) if p.voucher.is_some() => "voucher",
        (Refusal::Conflict { .. }, Record::Subsidy(p)) if p.voucher.is_some() => "voucher",
        (Refusal::Conflict { .. }, _) => match kind {
            Kind::People | Kind::Payouts | Kind::Hardship => "id_number",
            Kind::Studios => "name",
            Kind::StudioResults => "studio",
            Kind::Enterprises | Kind::Agreements => "credit_code",
            Kind::Unions | Kind::Carriers => "name",
        },
    }
}

/// Parses one data row. `today` bounds birth dates and dates of events.
pub fn parse(map: &HeaderMap, cells: &[Cell], today: NaiveDate) -> Result<Record, Vec<Issue>> {
    let mut r = Row {
        map,
        cells,
        today,
        issues: Vec::new(),
    };
    let record = match map.kind {
        Kind::People => r.person().map(Record::Person),
        Kind::Studios => r.studio().map(Record::Studio),
        Kind::StudioResults => r.studio_result().map(Record::StudioResult),
        Kind::Enterprises => r.enterprise().map(Record::Enterprise),
        Kind::Agreements => r.agreement().map(Record::Agreement),
        Kind::Payouts => r.payout(),
        Kind::Hardship => r.hardship().map(Record::Hardship),
        Kind::Unions => r.union().map(Record::Union),
        Kind::Carriers => r.carrier().map(Record::Carrier),
    };
    match record {
        Some(rec) if r.issues.is_empty() => Ok(rec),
        _ => Err(r.issues),
    }
}

/// The longest text a cell may hold: longer is a pasted paragraph or a broken file, not a name.
const MAX_TEXT_CHARS: usize = 500;

/// A refused value as a message shows it: long values are cut (the rejects file keeps them whole).
fn shown_value(text: &str) -> String {
    const SHOWN: usize = 60;
    if text.chars().count() <= SHOWN {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(SHOWN).collect();
    cut.push('…');
    cut
}

/// The cell's text, written into `into`.
fn bounded_text(cell: &Cell) -> Result<String, Invalid> {
    let text = cell.text();
    let len = text.chars().count();
    if len > MAX_TEXT_CHARS {
        return Err(Invalid::TooLong {
            len,
            max: MAX_TEXT_CHARS,
        });
    }
    Ok(text.into_owned())
}

struct Row<'a> {
    map: &'a HeaderMap,
    cells: &'a [Cell],
    today: NaiveDate,
    issues: Vec<Issue>,
}

impl Row<'_> {
    fn cell(&self, key: &str) -> &Cell {
        self.map.cell(self.cells, key)
    }

    fn fail(&mut self, key: &str, reason: String) {
        let issue = issue(self.map, self.cells, key, reason);
        self.issues.push(issue);
    }

    fn fail_row(&mut self, reason: String) {
        self.issues.push(Issue {
            column: None,
            value: String::new(),
            reason,
        });
    }

    fn invalid(&mut self, key: &str, e: Invalid) {
        self.fail(key, i18n::reason(i18n::lang(), &e));
    }

    /// A value of an optional column: `None` when blank or invalid (the latter recorded).
    fn opt<T>(&mut self, key: &str, parse: impl FnOnce(&Cell) -> Result<T, Invalid>) -> Option<T> {
        let cell = self.cell(key);
        if cell.is_blank() {
            return None;
        }
        match parse(cell) {
            Ok(v) => Some(v),
            Err(e) => {
                self.invalid(key, e);
                None
            }
        }
    }

    /// A value of a required column: `None` (with an issue recorded) when blank or invalid.
    fn req<T>(&mut self, key: &str, parse: impl FnOnce(&Cell) -> Result<T, Invalid>) -> Option<T> {
        if self.cell(key).is_blank() {
            self.fail(key, Msg::ReasonRequired.text().to_string());
            return None;
        }
        self.opt(key, parse)
    }

    fn text(&mut self, key: &str) -> Option<String> {
        self.opt(key, bounded_text)
    }

    fn req_text(&mut self, key: &str) -> Option<String> {
        self.req(key, bounded_text)
    }

    /// A person's name: text with at least one letter (a Chinese character or a Latin letter),
    /// so that `12345`, a formula's `=1+1` or its cached `2` is not filed as somebody.
    fn checked_name(&mut self, key: &str, name: Option<String>) -> Option<String> {
        let name = name?;
        if name.chars().any(char::is_alphabetic) {
            Some(name)
        } else {
            self.fail(key, Msg::ReasonNameWithoutLetters.text().to_string());
            None
        }
    }

    fn date(&mut self, key: &str) -> Option<NaiveDate> {
        self.opt(key, values::parse_date)
    }

    fn req_past_date(&mut self, key: &str) -> Option<NaiveDate> {
        if self.cell(key).is_blank() {
            self.fail(key, Msg::ReasonRequired.text().to_string());
            return None;
        }
        self.past_date(key)
    }

    fn past_date(&mut self, key: &str) -> Option<NaiveDate> {
        let d = self.date(key)?;
        if d > self.today {
            self.fail(key, Msg::ReasonDateInFuture.text().to_string());
            return None;
        }
        Some(d)
    }

    fn count(&mut self, key: &str) -> Option<i64> {
        self.opt(key, values::parse_count)
    }

    fn flag(&mut self, key: &str) -> Option<bool> {
        self.opt(key, values::parse_bool)
    }

    fn vocab<T>(
        &mut self,
        key: &str,
        required: bool,
        parse: fn(&str) -> Option<T>,
        allowed: &'static [&'static str],
    ) -> Option<T> {
        let f = |c: &Cell| parse(&c.text()).ok_or(Invalid::NotInList { allowed });
        if required {
            self.req(key, f)
        } else {
            self.opt(key, f)
        }
    }

    fn id_number(&mut self, key: &str) -> Option<IdNumber> {
        let today = self.today;
        self.req(key, |c| IdNumber::parse(c, today))
    }

    fn person_key(
        &mut self,
        id_key: &str,
        name_key: &str,
        name_required: bool,
    ) -> Option<PersonKey> {
        let id_number = self.id_number(id_key);
        let name = if name_required {
            self.req_text(name_key)
        } else {
            self.text(name_key)
        };
        let name = self.checked_name(name_key, name);
        Some(PersonKey {
            id_number: id_number?,
            name,
            district: None,
        })
    }

    // ------------------------------------------------------------ kinds

    fn person(&mut self) -> Option<PersonRecord> {
        let name = self.req_text("name");
        let name = self.checked_name("name", name);
        let id_number = self.id_number("id_number");
        if let Some(id) = &id_number {
            if let Some(g) = self.opt("gender", Gender::parse) {
                if g != id.gender() {
                    self.invalid(
                        "gender",
                        Invalid::IdGenderMismatch {
                            id: id.gender(),
                            given: g,
                        },
                    );
                }
            }
            // The birth date comes from the ID number: a 出生日期 column is checked against it,
            // and a 出生年月 that gives only the year and month (1975.02) against its month.
            let cell = self.cell("birth_date");
            if !cell.is_blank() {
                let born = id.birth_date();
                match values::parse_date(cell) {
                    Ok(b) if b != born => self.invalid(
                        "birth_date",
                        Invalid::IdBirthMismatch { id: born, given: b },
                    ),
                    Ok(_) => {}
                    Err(date_error) => match values::parse_year_month(cell) {
                        Ok((y, m)) if (y, m) != (born.year(), born.month()) => self.invalid(
                            "birth_date",
                            Invalid::IdBirthMonthMismatch {
                                id: format!("{}-{:02}", born.year(), born.month()),
                                given: format!("{y}-{m:02}"),
                            },
                        ),
                        Ok(_) => {}
                        Err(_) => self.invalid("birth_date", date_error),
                    },
                }
            }
        }
        let mobile = self.opt("mobile", Mobile::parse);
        let mut status = self.vocab("status", false, PersonStatus::parse, PersonStatus::LABELS);
        let retired_on = self.past_date("retired_on");
        let died_on = self.past_date("died_on");
        let transferred_on = self.past_date("transferred_on");
        if let (Some(r), Some(d)) = (retired_on, died_on) {
            if d < r {
                self.fail("died_on", Msg::ReasonDiedBeforeRetired.text().to_string());
            }
        }
        // A date implies the status it belongs to; a status that contradicts it is refused. (A
        // status needs its date: checked by the store, which knows a date already on file.)
        if died_on.is_some() {
            match status {
                None => status = Some(PersonStatus::Deceased),
                Some(PersonStatus::Deceased) => {}
                Some(s) => {
                    let reason = Msg::ReasonStatusDates.fmt(&[&s.zh(), &self.map.name("died_on")]);
                    self.fail("status", reason);
                }
            }
        } else if transferred_on.is_some() {
            match status {
                None => status = Some(PersonStatus::Transferred),
                Some(PersonStatus::Transferred) => {}
                Some(s) => {
                    let reason =
                        Msg::ReasonStatusDates.fmt(&[&s.zh(), &self.map.name("transferred_on")]);
                    self.fail("status", reason);
                }
            }
        } else if retired_on.is_some() {
            match status {
                None => status = Some(PersonStatus::Retired),
                Some(PersonStatus::Active) => {
                    let reason = Msg::ReasonStatusDates
                        .fmt(&[&PersonStatus::Active.zh(), &self.map.name("retired_on")]);
                    self.fail("status", reason);
                }
                Some(_) => {}
            }
        }
        let mut title = self.opt("honour", |c| Awarded::parse(&c.text()).map(Box::new));
        let year = self.opt("honour_year", values::parse_year);
        let awarded_by = self.text("awarded_by");
        let place = self.text("honour_place");
        let revoked_on = self.past_date("honour_revoked_on");
        let revoked_reason = self.text("honour_revoked_reason");
        // A place in the title and another in 授予地: the row contradicts itself.
        if let (Some(t), Some(p)) = (&mut title, place) {
            match &t.place {
                Some(own) if *own != p => {
                    let reason = Msg::ReasonHonourPlaceDiffers.fmt(&[own]);
                    self.fail("honour_place", reason);
                }
                _ => t.place = Some(p),
            }
        }
        let revoked = match (revoked_on, revoked_reason) {
            (Some(on), Some(why)) => Some((on, why)),
            (None, None) => None,
            (Some(_), None) => {
                self.fail(
                    "honour_revoked_reason",
                    Msg::ReasonRequired.text().to_string(),
                );
                None
            }
            (None, Some(_)) => {
                if self.cell("honour_revoked_on").is_blank() {
                    self.fail("honour_revoked_on", Msg::ReasonRequired.text().to_string());
                }
                None
            }
        };
        if let (Some((on, _)), Some(y)) = (&revoked, year) {
            if on.year() < y {
                let reason = Msg::ReasonRevokedBeforeAward.fmt(&[&y]);
                self.fail("honour_revoked_on", reason);
            }
        }
        let honour = match title {
            Some(title) => Some(HonourRecord {
                title,
                year,
                awarded_by,
                revoked,
            }),
            None => {
                let given = [
                    "honour_year",
                    "awarded_by",
                    "honour_place",
                    "honour_revoked_on",
                ]
                .iter()
                .any(|k| !self.cell(k).is_blank());
                if self.cell("honour").is_blank() && given {
                    self.fail_row(Msg::ReasonHonourFieldsWithoutTitle.text().to_string());
                }
                None
            }
        };
        Some(PersonRecord {
            id_number: id_number?,
            name: name?,
            mobile,
            work_unit: self.text("work_unit"),
            district: self.text("district"),
            status,
            retired_on,
            died_on,
            transferred_on,
            honour,
        })
    }

    fn studio(&mut self) -> Option<StudioRecord> {
        let name = self.req_text("name");
        let kind = self.vocab("kind", true, StudioKind::parse, StudioKind::LABELS);
        let leader = self.person_key("leader_id_number", "leader_name", false);
        let credit_code = self.opt("credit_code", CreditCode::parse);
        let founded_on = self.past_date("founded_on");
        let team_size = self.count("team_size");
        let mut eight = [None; 8];
        for (slot, (key, _)) in eight.iter_mut().zip(EIGHT_HAVES) {
            *slot = self.flag(key);
        }
        let level = self.vocab("level", false, StudioLevel::parse, StudioLevel::LABELS);
        // A naming date may give the month only (2019年3月): its first day, marked approximate.
        let month_only = !self.cell("named_on").is_blank()
            && values::parse_date(self.cell("named_on")).is_err()
            && values::parse_year_month(self.cell("named_on")).is_ok();
        let named_on = if month_only {
            let first = values::parse_year_month(self.cell("named_on"))
                .ok()
                .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1));
            match first {
                Some(d) if d > self.today => {
                    self.fail("named_on", Msg::ReasonDateInFuture.text().to_string());
                    None
                }
                other => other,
            }
        } else {
            self.past_date("named_on")
        };
        let batch = self.opt("batch", values::parse_batch);
        let naming = match (level, named_on) {
            (Some(level), Some(named_on)) => Some(NamingRecord {
                level,
                named_on,
                batch,
                approximate: month_only,
            }),
            (None, None) if self.cell("level").is_blank() && self.cell("named_on").is_blank() => {
                None
            }
            _ => {
                if self.issues.is_empty() {
                    self.fail_row(Msg::ReasonNamingIncomplete.text().to_string());
                }
                None
            }
        };
        Some(StudioRecord {
            name: name?,
            kind: kind?,
            leader: leader?,
            host_unit: self.text("host_unit"),
            credit_code,
            district: self.text("district"),
            founded_on,
            team_size,
            eight,
            naming,
        })
    }

    fn studio_result(&mut self) -> Option<StudioResultRecord> {
        let studio = self.req_text("studio");
        let year = self.req("year", values::parse_year);
        let mut counts = [None; 7];
        for (slot, key) in counts.iter_mut().zip([
            "topics",
            "problems_solved",
            "tech_improvements",
            "patents",
            "invention_patents",
            "trained",
            "upgraded",
        ]) {
            *slot = self.count(key);
        }
        if let (Some(p), Some(i)) = (counts[3], counts[4]) {
            if i > p {
                self.fail(
                    "invention_patents",
                    Msg::ReasonInventionOverPatents.text().to_string(),
                );
            }
        }
        let unit = self.map.unit("economic_benefit");
        let economic_benefit = self.opt("economic_benefit", |c| Money::parse_non_negative(c, unit));
        Some(StudioResultRecord {
            studio: studio?,
            year: year?,
            counts,
            economic_benefit,
        })
    }

    fn enterprise(&mut self) -> Option<EnterpriseRecord> {
        let name = self.req_text("name");
        let credit_code = self.req("credit_code", CreditCode::parse);
        let employees = self.count("employees");
        let members = self.count("members");
        if let (Some(e), Some(m)) = (employees, members) {
            if m > e {
                self.fail(
                    "members",
                    Msg::ReasonMembersOverEmployees.text().to_string(),
                );
            }
        }
        Some(EnterpriseRecord {
            name: name?,
            credit_code: credit_code?,
            district: self.text("district"),
            industry: self.text("industry"),
            ownership: self.text("ownership"),
            employees,
            has_union: self.flag("has_union"),
            members,
            fortune500: self.flag("fortune500"),
            women_contract: self.flag("women_contract"),
            employee_directors: self.flag("employee_directors"),
            open_affairs: self.flag("open_affairs"),
        })
    }

    fn agreement(&mut self) -> Option<AgreementRecord> {
        let credit_code = self.req("credit_code", CreditCode::parse);
        let signed_on = self.past_date("signed_on");
        let effective_from = self.req("effective_from", values::parse_date);
        let expires_on = self.req("expires_on", values::parse_date);
        if let (Some(f), Some(t)) = (effective_from, expires_on) {
            if t < f {
                self.fail(
                    "expires_on",
                    Msg::ReasonExpiresBeforeEffective.text().to_string(),
                );
            }
        }
        let workers_covered = self.count("workers_covered");
        let form = self.vocab("form", false, AgreementForm::parse, AgreementForm::LABELS);
        // A numeric cell under 1 is a percentage-formatted cell: Excel stores 5.5% as 0.055
        // (a raise written as the plain number 0.5 would read as 50%: documented in README).
        let wage_increase = self.opt("wage_increase", |c| match c {
            Cell::Number(n) if n.abs() < 1.0 && *n != 0.0 => {
                values::parse_percent(&Cell::Number(n * 100.0))
            }
            other => values::parse_percent(other),
        });
        Some(AgreementRecord {
            credit_code: credit_code?,
            enterprise_name: self.text("enterprise_name"),
            signed_on,
            effective_from: effective_from?,
            expires_on: expires_on?,
            workers_covered,
            form,
            wage_increase,
            agreement_no: self.text("agreement_no"),
        })
    }

    fn payout(&mut self) -> Option<Record> {
        let category = self.vocab(
            "category",
            true,
            PayoutCategory::parse,
            PayoutCategory::LABELS,
        );
        // A studio subsidy names the studio in 受领人/姓名 and has no ID number.
        let subsidy =
            category == Some(PayoutCategory::StudioSubsidy) && self.cell("id_number").is_blank();
        let recipient = if subsidy {
            None
        } else {
            self.person_key("id_number", "name", true)
        };
        let studio = if subsidy { self.req_text("name") } else { None };
        let unit = self.map.unit("amount");
        let amount = self.req("amount", |c| Money::parse(c, unit));
        let paid_on = self.req_past_date("paid_on");
        if subsidy {
            return Some(Record::Subsidy(SubsidyRecord {
                studio: studio?,
                amount: amount?,
                paid_on: paid_on?,
                voucher: self.text("voucher"),
                note: self.text("note"),
            }));
        }
        let district = self.text("district");
        let period = self.opt("period", Period::parse);
        Some(Record::Payout(PayoutRecord {
            recipient: PersonKey {
                district,
                ..recipient?
            },
            category: category?,
            amount: amount?,
            paid_on: paid_on?,
            voucher: self.text("voucher"),
            note: self.text("note"),
            period,
        }))
    }

    fn hardship(&mut self) -> Option<HardshipRecord> {
        let person = self.person_key("id_number", "name", true);
        let kind = self.vocab("type", true, HardshipType::parse, HardshipType::LABELS);
        let opened_on = self.req_past_date("opened_on");
        let closed_on = self.past_date("closed_on");
        if let (Some(o), Some(c)) = (opened_on, closed_on) {
            if c < o {
                self.fail(
                    "closed_on",
                    Msg::ReasonClosedBeforeOpened.text().to_string(),
                );
            }
        }
        let district = self.text("district");
        // A closing states why (退出原因); a reason without a closing date is a typo.
        let exit = self.vocab(
            "exit_reason",
            false,
            HardshipExit::parse,
            HardshipExit::LABELS,
        );
        match (closed_on, exit) {
            (Some(_), None) if self.cell("exit_reason").is_blank() => {
                self.fail("exit_reason", Msg::ReasonExitRequired.text().to_string())
            }
            (None, Some(_)) if self.cell("closed_on").is_blank() => self.fail(
                "closed_on",
                Msg::ReasonExitWithoutClosing.text().to_string(),
            ),
            _ => {}
        }
        let reviewed_on = self.past_date("reviewed_on");
        let income = self.income();
        Some(HardshipRecord {
            person: PersonKey {
                district,
                ..person?
            },
            kind: kind?,
            opened_on: opened_on?,
            closed_on,
            cause: self.text("cause"),
            household: self.text("household"),
            exit,
            reviewed_on,
            income,
        })
    }

    fn union(&mut self) -> Option<UnionRecord> {
        let name = self.req_text("name");
        let credit_code = self.opt("credit_code", CreditCode::parse);
        let form = self.vocab("form", false, UnionForm::parse, UnionForm::LABELS);
        let unit_credit_code = self.opt("unit_credit_code", CreditCode::parse);
        let units_covered = self.count("units_covered");
        let founded_on = self.past_date("founded_on");
        let committee_on = self.past_date("committee_on");
        let term_years = self.opt("term_years", values::parse_term_years);
        let workers = self.count("workers");
        let members = self.count("members");
        let women_members = self.count("women_members");
        let migrant_members = self.count("migrant_members");
        let figures = unions::Figures {
            form,
            units_covered,
            founded_on,
            committee_on,
            workers,
            members,
            women_members,
            migrant_members,
        };
        for problem in unions::check(&figures) {
            let (key, msg) = match problem {
                FigureProblem::SingleCoversMany => {
                    ("units_covered", Msg::ReasonSingleUnionCoversMany)
                }
                FigureProblem::CommitteeBeforeFounding => {
                    ("committee_on", Msg::ReasonCommitteeBeforeFounding)
                }
                FigureProblem::MembersOverWorkers => ("members", Msg::ReasonMembersOverWorkers),
                FigureProblem::WomenOverMembers => ("women_members", Msg::ReasonWomenOverMembers),
                FigureProblem::MigrantOverMembers => {
                    ("migrant_members", Msg::ReasonMigrantOverMembers)
                }
            };
            self.fail(key, msg.text().to_string());
        }
        Some(UnionRecord {
            name: name?,
            credit_code,
            district: self.text("district"),
            form,
            unit_credit_code,
            units_covered,
            founded_on,
            committee_on,
            term_years,
            workers,
            members,
            women_members,
            migrant_members,
            cadres: self.count("cadres"),
            has_congress: self.flag("has_congress"),
        })
    }

    fn carrier(&mut self) -> Option<CarrierRecord> {
        let name = self.req_text("name");
        let programme = self.req_text("type");
        let level = self.vocab("level", true, CarrierLevel::parse, CarrierLevel::LABELS);
        let named_on = self.past_date("named_on");
        let batch = self.opt("batch", values::parse_batch);
        let leader = if self.cell("leader_id_number").is_blank() {
            if !self.cell("leader_name").is_blank() {
                self.fail(
                    "leader_id_number",
                    Msg::ReasonLeaderIdNeeded.text().to_string(),
                );
            }
            None
        } else {
            self.person_key("leader_id_number", "leader_name", false)
        };
        let criteria_met = self
            .text("criteria_met")
            .map(|t| crate::domain::carriers::criteria_list(&t));
        Some(CarrierRecord {
            name: name?,
            programme: programme?,
            level: level?,
            unit: self.text("unit"),
            district: self.text("district"),
            named_on,
            batch,
            leader,
            criteria_met,
        })
    }

    /// 家庭年收入, 刚性支出 and 家庭人口: the first and the last go together (刚性支出 blank is
    /// none).
    fn income(&mut self) -> Option<Income> {
        let unit = self.map.unit("annual_income");
        let annual = self.opt("annual_income", |c| Money::parse_non_negative(c, unit));
        let unit = self.map.unit("rigid_expenses");
        let rigid = self.opt("rigid_expenses", |c| Money::parse_non_negative(c, unit));
        let size = self.count("household_size");
        match (annual, size) {
            (Some(annual), Some(size)) if size > 0 => Some(Income {
                annual,
                rigid: rigid.unwrap_or(Money::from_fen(0)),
                size,
            }),
            (None, None) if rigid.is_none() => None,
            _ => {
                // One of them given without the other (or a family of none).
                let key = if annual.is_none() && self.cell("annual_income").is_blank() {
                    "annual_income"
                } else {
                    "household_size"
                };
                if self.cell(key).is_blank() || size == Some(0) {
                    self.fail(key, Msg::ReasonIncomeIncomplete.text().to_string());
                }
                None
            }
        }
    }
}
