//! One data row of a ledger → one typed record, or every problem of the row at once
//! (column as the file names it, the value, the reason in the user's language).

use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};

use super::columns::{
    agreements, carriers, enterprises, hardship, payouts, people, studio_results, studios, unions,
    Kind, EIGHT_HAVES,
};
use super::header::HeaderMap;
use crate::domain::allowance::Period;
use crate::domain::cell::Cell;
use crate::domain::codes::{
    AgreementForm, CarrierLevel, HardshipExit, HardshipType, PayoutCategory, PersonStatus,
    SchoolStage, StudioKind, StudioLevel, UnionForm,
};
use crate::domain::credit_code::CreditCode;
use crate::domain::hardship::Income;
use crate::domain::honour::Awarded;
use crate::domain::id_number::IdNumber;
use crate::domain::invalid::Invalid;
use crate::domain::payout_rules::{Student, Violation};
use crate::domain::records::*;
use crate::domain::unions::{self as union_rules, FigureProblem};
use crate::domain::values::{self, bounded_text, shown_value, Gender, Mobile, Money};
use crate::i18n::{self, say, Msg};

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

/// The column a store refusal is about, so that its message names the cell to fix: a column
/// of the record's own kind, named by that kind's key constants.
pub fn refusal_column(record: &Record, refusal: &Refusal) -> &'static str {
    use Record as R;
    use Refusal as F;
    match (refusal, record) {
        (F::NameMismatch { .. }, R::Person(_)) => people::NAME,
        (F::NameMismatch { .. } | F::LeaderUnknown, R::Payout(_)) => payouts::NAME,
        (F::NameMismatch { .. } | F::LeaderUnknown, R::Hardship(_)) => hardship::NAME,
        (F::NameMismatch { .. }, R::Studio(_)) => studios::LEADER_NAME,
        (F::NameMismatch { .. }, R::Carrier(_)) => carriers::LEADER_NAME,
        (F::StatusNeedsDate { .. } | F::StatusAgainstDeath { .. }, R::Person(_)) => people::STATUS,
        (F::LeaderUnknown, R::Studio(_)) => studios::LEADER_ID_NUMBER,
        (F::CarrierLeaderUnknown, R::Carrier(_)) => carriers::LEADER_ID_NUMBER,
        (F::StudioUnknown, R::Subsidy(_)) => payouts::NAME,
        (F::StudioUnknown, R::StudioResult(_)) => studio_results::STUDIO,
        (F::EnterpriseUnknown, R::Agreement(_)) => agreements::CREDIT_CODE,
        (F::EnterpriseNameMismatch { .. }, R::Agreement(_)) => agreements::ENTERPRISE_NAME,
        (F::AgreementNumberDates { .. }, R::Agreement(_)) => agreements::AGREEMENT_NO,
        (F::UnionDatesOutOfOrder { .. }, R::Union(_)) => unions::AS_OF,
        (F::ProgrammeUnknown, R::Carrier(_)) => carriers::TYPE,
        (F::LevelNotForProgramme { .. }, R::Carrier(_)) => carriers::LEVEL,
        (F::StudioSubsidyByImport, R::Payout(_) | R::Subsidy(_)) => payouts::CATEGORY,
        (F::SubsidyWithoutNaming, R::Subsidy(_)) => payouts::PAID_ON,
        (F::HardshipFileOpen { .. } | F::HouseholdFileOpen { .. }, R::Hardship(_)) => {
            hardship::OPENED_ON
        }
        (F::HardshipTypeAgainstIncome { .. }, R::Hardship(_)) => hardship::TYPE,
        // An office's row naming another district (without one, it was a record the row
        // points at: the record's key).
        (F::OtherDistrict, R::Person(p)) if p.district.is_some() => people::DISTRICT,
        (F::OtherDistrict, R::Studio(s)) if s.district.is_some() => studios::DISTRICT,
        (F::OtherDistrict, R::Enterprise(e)) if e.district.is_some() => enterprises::DISTRICT,
        (F::OtherDistrict, R::Payout(p)) if p.recipient.district.is_some() => payouts::DISTRICT,
        (F::OtherDistrict, R::Union(u)) if u.district.is_some() => unions::DISTRICT,
        (F::OtherDistrict, R::Carrier(c)) if c.district.is_some() => carriers::DISTRICT,
        (F::VoucherElsewhere, R::Payout(_) | R::Subsidy(_)) => payouts::VOUCHER,
        (F::PayoutRules(vs), R::Payout(_) | R::Subsidy(_)) => match vs.first() {
            Some(
                Violation::AllowanceNotRetired
                | Violation::AllowanceNoTitle { .. }
                | Violation::LivingSubsidyNoTitle
                | Violation::LivingSubsidyNoNeed { .. },
            ) => payouts::CATEGORY,
            Some(
                Violation::OverCeiling { .. }
                | Violation::OverStageStandard { .. }
                | Violation::SubsidyNotStandard { .. },
            ) => payouts::AMOUNT,
            Some(Violation::VoucherUsed { .. }) => payouts::VOUCHER,
            Some(Violation::MonthPaid { .. }) => match record {
                Record::Payout(p) if p.period.is_some() => payouts::PERIOD,
                _ => payouts::PAID_ON,
            },
            _ => payouts::PAID_ON,
        },
        (
            F::Conflict { .. },
            R::Payout(PayoutRecord {
                voucher: Some(_), ..
            }),
        ) => payouts::VOUCHER,
        (
            F::Conflict { .. },
            R::Subsidy(SubsidyRecord {
                voucher: Some(_), ..
            }),
        ) => payouts::VOUCHER,
        // A conflict with another row, and any pairing the store does not make: the record's key.
        (_, R::Person(_)) => people::ID_NUMBER,
        (_, R::Payout(_) | R::Subsidy(_)) => payouts::ID_NUMBER,
        (_, R::Hardship(_)) => hardship::ID_NUMBER,
        (_, R::Studio(_)) => studios::NAME,
        (_, R::StudioResult(_)) => studio_results::STUDIO,
        (_, R::Enterprise(_)) => enterprises::CREDIT_CODE,
        (_, R::Agreement(_)) => agreements::CREDIT_CODE,
        (_, R::Union(_)) => unions::NAME,
        (_, R::Carrier(_)) => carriers::NAME,
    }
}

/// Parses one data row. `today` bounds birth dates and dates of events.
pub fn parse(
    lang: Lang,
    map: &HeaderMap,
    cells: &[Cell],
    today: NaiveDate,
) -> Result<Record, Vec<Issue>> {
    let mut r = Row {
        map,
        cells,
        today,
        issues: Vec::new(),
        lang,
    };
    // A formula whose result the file does not hold, in a column the import reads: the value
    // is unknown, so the row is not read (said once per such cell, and nothing else of it).
    // Looked for column by column only in a row that has one (no text file has any).
    if cells.iter().any(|c| matches!(c, Cell::Uncalculated(_))) {
        for column in map.present() {
            if let Cell::Uncalculated(_) = r.cell(column.key) {
                r.invalid(column.key, Invalid::Uncalculated);
            }
        }
        if !r.issues.is_empty() {
            return Err(r.issues);
        }
    }
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

struct Row<'a> {
    map: &'a HeaderMap,
    cells: &'a [Cell],
    today: NaiveDate,
    issues: Vec<Issue>,
    /// The language of the reasons it gives.
    lang: Lang,
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
        let lang = self.lang;
        self.fail(key, i18n::reason(lang, &e));
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
        let lang = self.lang;
        if self.cell(key).is_blank() {
            self.fail(key, Msg::ReasonRequired.text(lang).to_string());
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

    /// A name (a person's, a union's, a carrier's): text with at least one letter (a Chinese
    /// character or a Latin letter), so that `12345`, a formula's `=1+1` or its cached `2` is
    /// not filed as somebody or something. `msg` says which name.
    fn checked_name(&mut self, key: &str, name: Option<String>, msg: Msg) -> Option<String> {
        let lang = self.lang;
        let name = name?;
        if name.chars().any(char::is_alphabetic) {
            Some(name)
        } else {
            self.fail(key, msg.text(lang).to_string());
            None
        }
    }

    /// A person's name, refused as [`values::person_name`] says.
    fn person_name(&mut self, key: &str, name: Option<String>) -> Option<String> {
        let name = name?;
        match values::person_name(&name) {
            Ok(n) if n.len() == name.len() => Some(name),
            Ok(n) => Some(n.to_string()),
            Err(e) => {
                self.invalid(key, e);
                None
            }
        }
    }

    fn date(&mut self, key: &str) -> Option<NaiveDate> {
        self.opt(key, values::parse_date)
    }

    fn req_past_date(&mut self, key: &str) -> Option<NaiveDate> {
        let lang = self.lang;
        if self.cell(key).is_blank() {
            self.fail(key, Msg::ReasonRequired.text(lang).to_string());
            return None;
        }
        self.past_date(key)
    }

    fn past_date(&mut self, key: &str) -> Option<NaiveDate> {
        let lang = self.lang;
        let d = self.date(key)?;
        if d > self.today {
            self.fail(key, Msg::ReasonDateInFuture.text(lang).to_string());
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
        let name = self.person_name(name_key, name);
        Some(PersonKey {
            id_number: id_number?,
            name,
            district: None,
        })
    }

    // ------------------------------------------------------------ kinds

    fn person(&mut self) -> Option<PersonRecord> {
        let lang = self.lang;
        let name = self.req_text(people::NAME);
        let name = self.person_name(people::NAME, name);
        let id_number = self.id_number(people::ID_NUMBER);
        if let Some(id) = &id_number {
            if let Some(g) = self.opt(people::GENDER, Gender::parse) {
                if g != id.gender() {
                    self.invalid(
                        people::GENDER,
                        Invalid::IdGenderMismatch {
                            id: id.gender(),
                            given: g,
                        },
                    );
                }
            }
            // The birth date comes from the ID number: a 出生日期 column is checked against it,
            // and a 出生年月 that gives only the year and month (1975.02) against its month.
            let cell = self.cell(people::BIRTH_DATE);
            if !cell.is_blank() {
                let born = id.birth_date();
                match values::parse_date(cell) {
                    Ok(b) if b != born => self.invalid(
                        people::BIRTH_DATE,
                        Invalid::IdBirthMismatch { id: born, given: b },
                    ),
                    Ok(_) => {}
                    Err(date_error) => match values::parse_year_month(cell) {
                        Ok((y, m)) if (y, m) != (born.year(), born.month()) => self.invalid(
                            people::BIRTH_DATE,
                            Invalid::IdBirthMonthMismatch {
                                id: format!("{}-{:02}", born.year(), born.month()),
                                given: format!("{y}-{m:02}"),
                            },
                        ),
                        Ok(_) => {}
                        Err(_) => self.invalid(people::BIRTH_DATE, date_error),
                    },
                }
            }
        }
        let mobile = self.opt(people::MOBILE, Mobile::parse);
        let mut status = self.vocab(
            people::STATUS,
            false,
            PersonStatus::parse,
            PersonStatus::LABELS,
        );
        let retired_on = self.past_date(people::RETIRED_ON);
        let died_on = self.past_date(people::DIED_ON);
        let transferred_on = self.past_date(people::TRANSFERRED_ON);
        if let (Some(r), Some(d)) = (retired_on, died_on) {
            if d < r {
                self.fail(
                    people::DIED_ON,
                    Msg::ReasonDiedBeforeRetired.text(lang).to_string(),
                );
            }
        }
        // A date implies the status it belongs to; a status that contradicts it is refused. (A
        // status needs its date: checked by the store, which knows a date already on file.)
        if died_on.is_some() {
            match status {
                None => status = Some(PersonStatus::Deceased),
                Some(PersonStatus::Deceased) => {}
                Some(s) => {
                    let reason = say::ReasonStatusDates {
                        status: &s.zh(),
                        date: &self.map.name(people::DIED_ON),
                    }
                    .text(lang);
                    self.fail(people::STATUS, reason);
                }
            }
        } else if transferred_on.is_some() {
            match status {
                None => status = Some(PersonStatus::Transferred),
                Some(PersonStatus::Transferred) => {}
                Some(s) => {
                    let reason = say::ReasonStatusDates {
                        status: &s.zh(),
                        date: &self.map.name(people::TRANSFERRED_ON),
                    }
                    .text(lang);
                    self.fail(people::STATUS, reason);
                }
            }
        } else if retired_on.is_some() {
            match status {
                None => status = Some(PersonStatus::Retired),
                Some(PersonStatus::Active) => {
                    let reason = say::ReasonStatusDates {
                        status: &PersonStatus::Active.zh(),
                        date: &self.map.name(people::RETIRED_ON),
                    }
                    .text(lang);
                    self.fail(people::STATUS, reason);
                }
                Some(_) => {}
            }
        }
        let mut title = self.opt(people::HONOUR, |c| Awarded::parse(&c.text()).map(Box::new));
        let year = self.opt(people::HONOUR_YEAR, values::parse_year);
        let awarded_by = self.text(people::AWARDED_BY);
        let place = self.text(people::HONOUR_PLACE);
        let revoked_on = self.past_date(people::HONOUR_REVOKED_ON);
        let revoked_reason = self.text(people::HONOUR_REVOKED_REASON);
        // A place in the title and another in 授予地: the row contradicts itself.
        if let (Some(t), Some(p)) = (&mut title, place) {
            match &t.place {
                Some(own) if *own != p => {
                    let reason = say::ReasonHonourPlaceDiffers { place: own }.text(lang);
                    self.fail(people::HONOUR_PLACE, reason);
                }
                _ => t.place = Some(p),
            }
        }
        let revoked = match (revoked_on, revoked_reason) {
            (Some(on), Some(why)) => Some((on, why)),
            (None, None) => None,
            (Some(_), None) => {
                self.fail(
                    people::HONOUR_REVOKED_REASON,
                    Msg::ReasonRequired.text(lang).to_string(),
                );
                None
            }
            (None, Some(_)) => {
                if self.cell(people::HONOUR_REVOKED_ON).is_blank() {
                    self.fail(
                        people::HONOUR_REVOKED_ON,
                        Msg::ReasonRequired.text(lang).to_string(),
                    );
                }
                None
            }
        };
        if let (Some((on, _)), Some(y)) = (&revoked, year) {
            if on.year() < y {
                let reason = say::ReasonRevokedBeforeAward { year: &y }.text(lang);
                self.fail(people::HONOUR_REVOKED_ON, reason);
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
                    people::HONOUR_YEAR,
                    people::AWARDED_BY,
                    people::HONOUR_PLACE,
                    people::HONOUR_REVOKED_ON,
                ]
                .iter()
                .any(|k| !self.cell(k).is_blank());
                if self.cell(people::HONOUR).is_blank() && given {
                    self.fail_row(Msg::ReasonHonourFieldsWithoutTitle.text(lang).to_string());
                }
                None
            }
        };
        Some(PersonRecord {
            id_number: id_number?,
            name: name?,
            mobile,
            work_unit: self.text(people::WORK_UNIT),
            district: self.text(people::DISTRICT),
            status,
            retired_on,
            died_on,
            transferred_on,
            honour,
        })
    }

    fn studio(&mut self) -> Option<StudioRecord> {
        let lang = self.lang;
        let name = self.req_text(studios::NAME);
        let kind = self.vocab(studios::KIND, true, StudioKind::parse, StudioKind::LABELS);
        let leader = self.person_key(studios::LEADER_ID_NUMBER, studios::LEADER_NAME, false);
        let credit_code = self.opt(studios::CREDIT_CODE, CreditCode::parse);
        let founded_on = self.past_date(studios::FOUNDED_ON);
        let team_size = self.count(studios::TEAM_SIZE);
        let mut eight = [None; 8];
        for (slot, (key, _)) in eight.iter_mut().zip(EIGHT_HAVES) {
            *slot = self.flag(key);
        }
        let level = self.vocab(
            studios::LEVEL,
            false,
            StudioLevel::parse,
            StudioLevel::LABELS,
        );
        // A naming date may give the month only (2019年3月): its first day, marked approximate.
        let month_only = !self.cell(studios::NAMED_ON).is_blank()
            && values::parse_date(self.cell(studios::NAMED_ON)).is_err()
            && values::parse_year_month(self.cell(studios::NAMED_ON)).is_ok();
        let named_on = if month_only {
            let first = values::parse_year_month(self.cell(studios::NAMED_ON))
                .ok()
                .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1));
            match first {
                Some(d) if d > self.today => {
                    self.fail(
                        studios::NAMED_ON,
                        Msg::ReasonDateInFuture.text(lang).to_string(),
                    );
                    None
                }
                other => other,
            }
        } else {
            self.past_date(studios::NAMED_ON)
        };
        let batch = self.opt(studios::BATCH, values::parse_batch);
        let naming = match (level, named_on) {
            (Some(level), Some(named_on)) => Some(NamingRecord {
                level,
                named_on,
                batch,
                approximate: month_only,
            }),
            (None, None)
                if self.cell(studios::LEVEL).is_blank()
                    && self.cell(studios::NAMED_ON).is_blank() =>
            {
                None
            }
            _ => {
                if self.issues.is_empty() {
                    self.fail_row(Msg::ReasonNamingIncomplete.text(lang).to_string());
                }
                None
            }
        };
        Some(StudioRecord {
            name: name?,
            kind: kind?,
            leader: leader?,
            host_unit: self.text(studios::HOST_UNIT),
            credit_code,
            district: self.text(studios::DISTRICT),
            founded_on,
            team_size,
            eight,
            naming,
        })
    }

    fn studio_result(&mut self) -> Option<StudioResultRecord> {
        let lang = self.lang;
        let studio = self.req_text(studio_results::STUDIO);
        let year = self.req(studio_results::YEAR, values::parse_year);
        let mut counts = [None; 7];
        for (slot, key) in counts.iter_mut().zip([
            studio_results::TOPICS,
            studio_results::PROBLEMS_SOLVED,
            studio_results::TECH_IMPROVEMENTS,
            studio_results::PATENTS,
            studio_results::INVENTION_PATENTS,
            studio_results::TRAINED,
            studio_results::UPGRADED,
        ]) {
            *slot = self.count(key);
        }
        if let (Some(p), Some(i)) = (counts[3], counts[4]) {
            if i > p {
                self.fail(
                    studio_results::INVENTION_PATENTS,
                    Msg::ReasonInventionOverPatents.text(lang).to_string(),
                );
            }
        }
        let unit = self.map.unit(studio_results::ECONOMIC_BENEFIT);
        let economic_benefit = self.opt(studio_results::ECONOMIC_BENEFIT, |c| {
            Money::parse_non_negative(c, unit)
        });
        Some(StudioResultRecord {
            studio: studio?,
            year: year?,
            counts,
            economic_benefit,
        })
    }

    fn enterprise(&mut self) -> Option<EnterpriseRecord> {
        let lang = self.lang;
        let name = self.req_text(enterprises::NAME);
        let credit_code = self.req(enterprises::CREDIT_CODE, CreditCode::parse);
        let employees = self.count(enterprises::EMPLOYEES);
        let members = self.count(enterprises::MEMBERS);
        if let (Some(e), Some(m)) = (employees, members) {
            if m > e {
                self.fail(
                    enterprises::MEMBERS,
                    Msg::ReasonMembersOverEmployees.text(lang).to_string(),
                );
            }
        }
        Some(EnterpriseRecord {
            name: name?,
            credit_code: credit_code?,
            district: self.text(enterprises::DISTRICT),
            industry: self.text(enterprises::INDUSTRY),
            ownership: self.text(enterprises::OWNERSHIP),
            employees,
            has_union: self.flag(enterprises::HAS_UNION),
            members,
            fortune500: self.flag(enterprises::FORTUNE500),
            women_contract: self.flag(enterprises::WOMEN_CONTRACT),
            employee_directors: self.flag(enterprises::EMPLOYEE_DIRECTORS),
            open_affairs: self.flag(enterprises::OPEN_AFFAIRS),
        })
    }

    fn agreement(&mut self) -> Option<AgreementRecord> {
        let lang = self.lang;
        let credit_code = self.req(agreements::CREDIT_CODE, CreditCode::parse);
        let signed_on = self.past_date(agreements::SIGNED_ON);
        let effective_from = self.req(agreements::EFFECTIVE_FROM, values::parse_date);
        let expires_on = self.req(agreements::EXPIRES_ON, values::parse_date);
        if let (Some(f), Some(t)) = (effective_from, expires_on) {
            if t < f {
                self.fail(
                    agreements::EXPIRES_ON,
                    Msg::ReasonExpiresBeforeEffective.text(lang).to_string(),
                );
            }
        }
        let workers_covered = self.count(agreements::WORKERS_COVERED);
        let form = self.vocab(
            agreements::FORM,
            false,
            AgreementForm::parse,
            AgreementForm::LABELS,
        );
        // A numeric cell under 1 is a percentage-formatted cell: Excel stores 5.5% as 0.055
        // (a raise written as the plain number 0.5 would read as 50%: documented in README).
        let wage_increase = self.opt(agreements::WAGE_INCREASE, |c| match c {
            Cell::Number(n) if n.abs() < 1.0 && *n != 0.0 => {
                values::parse_percent(&Cell::Number(n * 100.0))
            }
            other => values::parse_percent(other),
        });
        Some(AgreementRecord {
            credit_code: credit_code?,
            enterprise_name: self.text(agreements::ENTERPRISE_NAME),
            signed_on,
            effective_from: effective_from?,
            expires_on: expires_on?,
            workers_covered,
            form,
            wage_increase,
            agreement_no: self.text(agreements::AGREEMENT_NO),
        })
    }

    fn payout(&mut self) -> Option<Record> {
        let category = self.vocab(
            payouts::CATEGORY,
            true,
            PayoutCategory::parse,
            PayoutCategory::LABELS,
        );
        // A studio subsidy names the studio in 受领人/姓名 and has no ID number.
        let subsidy = category == Some(PayoutCategory::StudioSubsidy)
            && self.cell(payouts::ID_NUMBER).is_blank();
        let recipient = if subsidy {
            None
        } else {
            self.person_key(payouts::ID_NUMBER, payouts::NAME, true)
        };
        let studio = if subsidy {
            self.req_text(payouts::NAME)
        } else {
            None
        };
        let unit = self.map.unit(payouts::AMOUNT);
        let amount = self.req(payouts::AMOUNT, |c| Money::parse(c, unit));
        let paid_on = self.req_past_date(payouts::PAID_ON);
        if subsidy {
            return Some(Record::Subsidy(SubsidyRecord {
                studio: studio?,
                amount: amount?,
                paid_on: paid_on?,
                voucher: self.text(payouts::VOUCHER),
                note: self.text(payouts::NOTE),
            }));
        }
        let district = self.text(payouts::DISTRICT);
        let (student, stage) = self.student(category);
        let period = self.opt(payouts::PERIOD, Period::parse);
        Some(Record::Payout(PayoutRecord {
            recipient: PersonKey {
                district,
                ..recipient?
            },
            category: category?,
            amount: amount?,
            paid_on: paid_on?,
            voucher: self.text(payouts::VOUCHER),
            note: self.text(payouts::NOTE),
            student,
            stage,
            period,
        }))
    }

    /// 金秋助学's student (学生姓名, 学生身份证号) and school stage (学段), each optional; on a
    /// payout of another category they are refused, naming the first one given.
    fn student(
        &mut self,
        category: Option<PayoutCategory>,
    ) -> (Option<Student>, Option<SchoolStage>) {
        let lang = self.lang;
        const COLUMNS: [&str; 3] = [
            payouts::STUDENT_NAME,
            payouts::STUDENT_ID_NUMBER,
            payouts::SCHOOL_STAGE,
        ];
        if category.is_some_and(|c| c != PayoutCategory::EducationAid) {
            if let Some(key) = COLUMNS.iter().find(|k| !self.cell(*k).is_blank()) {
                self.fail(
                    *key,
                    Msg::ReasonStudentNotEducationAid.text(lang).to_string(),
                );
            }
            return (None, None);
        }
        let name = self.text(payouts::STUDENT_NAME);
        let name = self.person_name(payouts::STUDENT_NAME, name);
        let today = self.today;
        let id_number = self.opt(payouts::STUDENT_ID_NUMBER, |c| IdNumber::parse(c, today));
        // A stage below high school is known, and said to be outside 金秋助学, not unknown.
        let below = SchoolStage::below_high_school(&self.cell(payouts::SCHOOL_STAGE).text());
        let stage = if below {
            let reason = Msg::ReasonStageNotAided.text(self.lang).to_string();
            self.fail(payouts::SCHOOL_STAGE, reason);
            None
        } else {
            self.vocab(
                payouts::SCHOOL_STAGE,
                false,
                SchoolStage::parse,
                SchoolStage::LABELS,
            )
        };
        (Student::given(name, id_number.as_ref()), stage)
    }

    fn hardship(&mut self) -> Option<HardshipRecord> {
        let lang = self.lang;
        let person = self.person_key(hardship::ID_NUMBER, hardship::NAME, true);
        let kind = self.vocab(
            hardship::TYPE,
            true,
            HardshipType::parse,
            HardshipType::LABELS,
        );
        let opened_on = self.req_past_date(hardship::OPENED_ON);
        let closed_on = self.past_date(hardship::CLOSED_ON);
        if let (Some(o), Some(c)) = (opened_on, closed_on) {
            if c < o {
                self.fail(
                    hardship::CLOSED_ON,
                    Msg::ReasonClosedBeforeOpened.text(lang).to_string(),
                );
            }
        }
        let district = self.text(hardship::DISTRICT);
        // A closing states why (退出原因); a reason without a closing date is a typo.
        let exit = self.vocab(
            hardship::EXIT_REASON,
            false,
            HardshipExit::parse,
            HardshipExit::LABELS,
        );
        match (closed_on, exit) {
            (Some(_), None) if self.cell(hardship::EXIT_REASON).is_blank() => self.fail(
                hardship::EXIT_REASON,
                Msg::ReasonExitRequired.text(lang).to_string(),
            ),
            (None, Some(_)) if self.cell(hardship::CLOSED_ON).is_blank() => self.fail(
                hardship::CLOSED_ON,
                Msg::ReasonExitWithoutClosing.text(lang).to_string(),
            ),
            _ => {}
        }
        let reviewed_on = self.past_date(hardship::REVIEWED_ON);
        if let (Some(o), Some(r)) = (opened_on, reviewed_on) {
            if r < o {
                self.fail(
                    hardship::REVIEWED_ON,
                    Msg::ReasonReviewedBeforeOpened.text(lang).to_string(),
                );
            }
        }
        let income = self.income();
        Some(HardshipRecord {
            person: PersonKey {
                district,
                ..person?
            },
            kind: kind?,
            opened_on: opened_on?,
            closed_on,
            cause: self.text(hardship::CAUSE),
            household: self
                .text(hardship::HOUSEHOLD)
                .map(|h| crate::domain::hardship::household_key(&h)),
            exit,
            reviewed_on,
            income,
        })
    }

    fn union(&mut self) -> Option<UnionRecord> {
        let lang = self.lang;
        let name = self.req_text(unions::NAME);
        let name = self.checked_name(unions::NAME, name, Msg::ReasonTitleWithoutLetters);
        let credit_code = self.opt(unions::CREDIT_CODE, CreditCode::parse);
        let form = self.vocab(unions::FORM, false, UnionForm::parse, UnionForm::LABELS);
        let unit_credit_code = self.opt(unions::UNIT_CREDIT_CODE, CreditCode::parse);
        let units_covered = self.count(unions::UNITS_COVERED);
        let founded_on = self.past_date(unions::FOUNDED_ON);
        let committee_on = self.past_date(unions::COMMITTEE_ON);
        let term_years = self.opt(unions::TERM_YEARS, values::parse_term_years);
        let workers = self.count(unions::WORKERS);
        let members = self.count(unions::MEMBERS);
        let women_members = self.count(unions::WOMEN_MEMBERS);
        let migrant_members = self.count(unions::MIGRANT_MEMBERS);
        let figures = union_rules::Figures {
            form,
            units_covered,
            founded_on,
            committee_on,
            workers,
            members,
            women_members,
            migrant_members,
        };
        for problem in union_rules::check(&figures) {
            let (key, msg) = match problem {
                FigureProblem::SingleCoversMany => {
                    (unions::UNITS_COVERED, Msg::ReasonSingleUnionCoversMany)
                }
                FigureProblem::CommitteeBeforeFounding => {
                    (unions::COMMITTEE_ON, Msg::ReasonCommitteeBeforeFounding)
                }
                FigureProblem::MembersOverWorkers => {
                    (unions::MEMBERS, Msg::ReasonMembersOverWorkers)
                }
                FigureProblem::WomenOverMembers => {
                    (unions::WOMEN_MEMBERS, Msg::ReasonWomenOverMembers)
                }
                FigureProblem::MigrantOverMembers => {
                    (unions::MIGRANT_MEMBERS, Msg::ReasonMigrantOverMembers)
                }
            };
            self.fail(key, msg.text(lang).to_string());
        }
        Some(UnionRecord {
            name: name?,
            credit_code,
            district: self.text(unions::DISTRICT),
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
            cadres: self.count(unions::CADRES),
            has_congress: self.flag(unions::HAS_CONGRESS),
            as_of: self.past_date(unions::AS_OF).unwrap_or(self.today),
        })
    }

    fn carrier(&mut self) -> Option<CarrierRecord> {
        let lang = self.lang;
        let name = self.req_text(carriers::NAME);
        let name = self.checked_name(carriers::NAME, name, Msg::ReasonTitleWithoutLetters);
        let programme = self.req_text(carriers::TYPE);
        let level = self.vocab(
            carriers::LEVEL,
            true,
            CarrierLevel::parse,
            CarrierLevel::LABELS,
        );
        let named_on = self.past_date(carriers::NAMED_ON);
        let batch = self.opt(carriers::BATCH, values::parse_batch);
        let leader = if self.cell(carriers::LEADER_ID_NUMBER).is_blank() {
            if !self.cell(carriers::LEADER_NAME).is_blank() {
                self.fail(
                    carriers::LEADER_ID_NUMBER,
                    Msg::ReasonLeaderIdNeeded.text(lang).to_string(),
                );
            }
            None
        } else {
            self.person_key(carriers::LEADER_ID_NUMBER, carriers::LEADER_NAME, false)
        };
        let criteria_met = self
            .text(carriers::CRITERIA_MET)
            .map(|t| crate::domain::carriers::criteria_list(&t));
        Some(CarrierRecord {
            name: name?,
            programme: programme?,
            level: level?,
            unit: self.text(carriers::UNIT),
            district: self.text(carriers::DISTRICT),
            named_on,
            batch,
            leader,
            criteria_met,
        })
    }

    /// 家庭年收入, 刚性支出 and 家庭人口: the first and the last go together (刚性支出 blank is
    /// none).
    fn income(&mut self) -> Option<Income> {
        let lang = self.lang;
        let unit = self.map.unit(hardship::ANNUAL_INCOME);
        let annual = self.opt(hardship::ANNUAL_INCOME, |c| {
            Money::parse_non_negative(c, unit)
        });
        let unit = self.map.unit(hardship::RIGID_EXPENSES);
        let rigid = self.opt(hardship::RIGID_EXPENSES, |c| {
            Money::parse_non_negative(c, unit)
        });
        let size = self.count(hardship::HOUSEHOLD_SIZE);
        match (annual, size) {
            (Some(annual), Some(size)) if size > 0 => Some(Income {
                annual,
                rigid: rigid.unwrap_or(Money::from_fen(0)),
                size,
            }),
            (None, None) if rigid.is_none() => None,
            _ => {
                // One of them given without the other (or a family of none).
                let key = if annual.is_none() && self.cell(hardship::ANNUAL_INCOME).is_blank() {
                    hardship::ANNUAL_INCOME
                } else {
                    hardship::HOUSEHOLD_SIZE
                };
                if self.cell(key).is_blank() || size == Some(0) {
                    self.fail(key, Msg::ReasonIncomeIncomplete.text(lang).to_string());
                }
                None
            }
        }
    }
}
