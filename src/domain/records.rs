//! Typed records as an import row (or a command) delivers them to the store: every value
//! already validated. `None` means "not given": a stored value is kept.

use chrono::NaiveDate;

use super::codes::{
    AgreementForm, CarrierLevel, HardshipExit, HardshipType, PayoutCategory, PersonStatus,
    SchoolStage, StudioKind, StudioLevel, UnionForm,
};
use super::credit_code::CreditCode;
use super::hardship::Income;
use super::honour::Awarded;
use super::id_number::IdNumber;
use super::values::{Mobile, Money};

/// A parsed row of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Person(PersonRecord),
    Studio(StudioRecord),
    StudioResult(StudioResultRecord),
    Enterprise(EnterpriseRecord),
    Agreement(AgreementRecord),
    Payout(PayoutRecord),
    /// A studio's one-time naming subsidy, as the payouts export writes it: 受领人 the studio,
    /// no ID number.
    Subsidy(SubsidyRecord),
    Hardship(HardshipRecord),
    Union(UnionRecord),
    Carrier(CarrierRecord),
}

/// A person row of the roster, with the honour the row names (if any).
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRecord {
    pub id_number: IdNumber,
    pub name: String,
    pub mobile: Option<Mobile>,
    pub work_unit: Option<String>,
    pub district: Option<String>,
    pub status: Option<PersonStatus>,
    pub retired_on: Option<NaiveDate>,
    pub died_on: Option<NaiveDate>,
    /// 调离日期: left for another employer or region.
    pub transferred_on: Option<NaiveDate>,
    pub honour: Option<HonourRecord>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HonourRecord {
    /// The title as awarded: its kind, and its place when it names one (or the row's 授予地).
    /// Boxed: a row without an honour stays small.
    pub title: Box<Awarded>,
    pub year: Option<i32>,
    pub awarded_by: Option<String>,
    /// 取消称号: the day it stops counting, and why.
    pub revoked: Option<(NaiveDate, String)>,
}

/// A person named only by ID number and name (a payout recipient, a studio leader, a hardship
/// file holder): added from these two when not yet on file.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonKey {
    pub id_number: IdNumber,
    pub name: Option<String>,
    /// The person's 所属地区, where the row gives it (payout and hardship files): it completes
    /// a person on file without one, and never replaces one.
    pub district: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StudioRecord {
    pub name: String,
    pub kind: StudioKind,
    pub leader: PersonKey,
    pub host_unit: Option<String>,
    pub credit_code: Option<CreditCode>,
    pub district: Option<String>,
    pub founded_on: Option<NaiveDate>,
    pub team_size: Option<i64>,
    /// The 八有 criteria in the standard's order (有劳模 … 有成效).
    pub eight: [Option<bool>; 8],
    pub naming: Option<NamingRecord>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NamingRecord {
    pub level: StudioLevel,
    pub named_on: NaiveDate,
    pub batch: Option<i64>,
    /// The ledger gave the month only (`2019年3月`): `named_on` is its first day.
    pub approximate: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StudioResultRecord {
    pub studio: String,
    pub year: i32,
    /// topics, problems_solved, tech_improvements, patents, invention_patents, trained, upgraded
    pub counts: [Option<i64>; 7],
    pub economic_benefit: Option<Money>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnterpriseRecord {
    pub name: String,
    pub credit_code: CreditCode,
    pub district: Option<String>,
    pub industry: Option<String>,
    pub ownership: Option<String>,
    pub employees: Option<i64>,
    pub has_union: Option<bool>,
    pub members: Option<i64>,
    pub fortune500: Option<bool>,
    pub women_contract: Option<bool>,
    pub employee_directors: Option<bool>,
    pub open_affairs: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgreementRecord {
    pub credit_code: CreditCode,
    pub enterprise_name: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub effective_from: NaiveDate,
    pub expires_on: NaiveDate,
    pub workers_covered: Option<i64>,
    pub form: Option<AgreementForm>,
    /// Hundredths of a percent.
    pub wage_increase: Option<i64>,
    /// 协议编号: rows with the same number are one agreement covering their enterprises.
    pub agreement_no: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PayoutRecord {
    pub recipient: PersonKey,
    pub category: PayoutCategory,
    pub amount: Money,
    pub paid_on: NaiveDate,
    pub voucher: Option<String>,
    pub note: Option<String>,
    /// 金秋助学: the student (学生姓名, 学生身份证号) and school stage (学段).
    pub student: Option<super::payout_rules::Student>,
    pub stage: Option<SchoolStage>,
    /// 所属期间: the months the payout is for, when the row gives them.
    pub period: Option<super::allowance::Period>,
}

impl PayoutRecord {
    /// The payment the payout rules judge.
    pub fn payment(&self) -> super::payout_rules::Payment {
        super::payout_rules::Payment {
            student: self.student.clone(),
            stage: self.stage,
            months: self.period,
            ..super::payout_rules::Payment::new(self.category, self.amount, self.paid_on)
        }
    }

    /// The months the payout covers: its 所属期间, else the month paid.
    pub fn months(&self) -> super::allowance::Period {
        self.period
            .unwrap_or_else(|| super::allowance::Period::month(self.paid_on))
    }

    /// The 所属期间 as stored: none when the row gives none, or gives the month paid.
    pub fn stated_period(&self) -> Option<super::allowance::Period> {
        self.period
            .filter(|p| *p != super::allowance::Period::month(self.paid_on))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubsidyRecord {
    pub studio: String,
    pub amount: Money,
    pub paid_on: NaiveDate,
    pub voucher: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HardshipRecord {
    pub person: PersonKey,
    pub kind: HardshipType,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub cause: Option<String>,
    /// 户号: a family has one open file.
    pub household: Option<String>,
    /// 退出原因: given with every closing.
    pub exit: Option<HardshipExit>,
    /// 复核日期: the last yearly review.
    pub reviewed_on: Option<NaiveDate>,
    /// 家庭年收入, 刚性支出, 家庭人口: the type is held against them.
    pub income: Option<Income>,
}

/// A base-level union (基层工会) row.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionRecord {
    pub name: String,
    pub credit_code: Option<CreditCode>,
    pub district: Option<String>,
    pub form: Option<UnionForm>,
    pub unit_credit_code: Option<CreditCode>,
    pub units_covered: Option<i64>,
    pub founded_on: Option<NaiveDate>,
    pub committee_on: Option<NaiveDate>,
    pub term_years: Option<i64>,
    pub workers: Option<i64>,
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    pub migrant_members: Option<i64>,
    pub cadres: Option<i64>,
    pub has_congress: Option<bool>,
    /// 统计日期: the day the figures are of (blank: the day of the import or edit).
    pub as_of: NaiveDate,
}

/// A carrier's naming (职工书屋, 模范职工之家, 星级示范岗 …) at a level.
#[derive(Debug, Clone, PartialEq)]
pub struct CarrierRecord {
    pub name: String,
    /// The programme: 类型.
    pub programme: String,
    pub level: CarrierLevel,
    pub unit: Option<String>,
    pub district: Option<String>,
    pub named_on: Option<NaiveDate>,
    pub batch: Option<i64>,
    pub leader: Option<PersonKey>,
    /// The criteria met, as the programme words them (`有团队,有场地`).
    pub criteria_met: Option<Vec<String>>,
}

/// Why the store refused a row that was valid on its own.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The name given differs from the one on file for the ID number (shown, so that the clerk
    /// sees which of the two is wrong).
    NameMismatch {
        on_file: String,
        /// The row of the same file that gave the name, when an earlier row did.
        row: Option<i64>,
    },
    /// An earlier row of the same file (this Excel row) wrote different values for the record.
    Conflict {
        row: i64,
    },
    /// 去世 with no date, neither in the row nor on file: without one the person would count as
    /// dead on every date.
    StatusNeedsDate {
        status: super::codes::PersonStatus,
    },
    /// A status other than 去世 for a person whose date of death is on file.
    StatusAgainstDeath {
        status: super::codes::PersonStatus,
        died_on: String,
    },
    /// A studio's leader is not on file and the row gives no name to add them with.
    LeaderUnknown,
    /// The ID number is on file in another district, which this office may not see (a person
    /// is one person city-wide): nothing of that record is shown (PostgreSQL offices).
    HeldElsewhere,
    /// The row would write a record of another district than the office's, or point at one
    /// (PostgreSQL offices).
    OtherDistrict,
    /// The voucher is on a payout of another district, which this office may not see
    /// (vouchers are unique city-wide).
    VoucherElsewhere,
    /// Another key unique city-wide (a credit code, a studio's or union's name, a carrier) is
    /// another district's, which this office may not see.
    KeyElsewhere,
    StudioUnknown,
    EnterpriseUnknown,
    /// The enterprise name given differs from the one on file for the credit code.
    EnterpriseNameMismatch {
        on_file: String,
    },
    /// A carrier's leader is not on file and the row gives no name to add them with.
    CarrierLeaderUnknown,
    /// A carrier of a programme neither built in nor declared (`union programme set`).
    ProgrammeUnknown,
    /// A star level for a programme of tiers, or a tier for a star programme.
    LevelNotForProgramme {
        stars: bool,
    },
    /// A union given by an earlier row of the same file (this Excel row) with an earlier
    /// statistics date: its figures of the later date would overwrite the earlier row's. One
    /// file holds a union's dates latest first (or they are imported file by file).
    UnionDatesOutOfOrder {
        row: i64,
        as_of: String,
    },
    /// An agreement number on file with other dates: one agreement has one term.
    AgreementNumberDates {
        effective_from: String,
        expires_on: String,
    },
    /// Studio subsidies are recorded by naming a studio, not by import.
    StudioSubsidyByImport,
    /// A subsidy row for a studio with no naming on the day it was paid.
    SubsidyWithoutNaming,
    /// The payment breaks payout rules (SPEC §6.2).
    PayoutRules(Vec<super::payout_rules::Violation>),
    /// The person has another hardship file open (opened on this day): one at a time.
    HardshipFileOpen {
        opened_on: String,
    },
    /// Another member of the household (户号) has a file open: a family has one.
    HouseholdFileOpen {
        name: String,
        opened_on: String,
    },
    /// The declared type contradicts the family's income held against the 低保 standard.
    HardshipTypeAgainstIncome {
        by_income: Option<HardshipType>,
        per_capita: Money,
        param: super::policy::Dated,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::allowance::Period;
    use crate::domain::cell::Cell;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// 所属期间 is stored only when it says more than the month paid.
    #[test]
    fn a_payout_states_its_months_only_when_not_the_month_paid() {
        let mut p = PayoutRecord {
            recipient: PersonKey {
                id_number: IdNumber::parse(
                    &Cell::Text("32020219620315951X".into()),
                    d("2026-11-30"),
                )
                .unwrap(),
                name: None,
                district: None,
            },
            category: PayoutCategory::HonorAllowance,
            amount: Money::from_fen(30_000),
            paid_on: d("2026-03-10"),
            voucher: None,
            note: None,
            student: None,
            stage: None,
            period: None,
        };
        assert_eq!(p.stated_period(), None);
        assert_eq!(p.months(), Period::month(d("2026-03-01")));
        p.period = Some(Period::month(d("2026-03-31")));
        assert_eq!(p.stated_period(), None);
        let h1 = Period {
            from: d("2026-01-01"),
            to: d("2026-06-01"),
        };
        p.period = Some(h1);
        assert_eq!(p.stated_period(), Some(h1));
        assert_eq!(p.months(), h1);
    }
}
