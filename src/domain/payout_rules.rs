//! Payout rules (SPEC §6.2) and payout rosters (§6.4) as pure functions: the facts about a
//! recipient and a payment go in with the [`Policy`] in force on the payment date; the
//! violations, each naming its rule, come out. The words are in `crate::i18n::eligibility`.

use chrono::{Datelike, Months, NaiveDate};

use super::codes::{
    HardshipExit, HonourKind, Level, PayoutCategory, PersonStatus, SchoolStage, StudioKind,
    StudioLevel, Title,
};
use super::eligibility::{add_years, subsidy_for, subsidy_key, Honour};
use super::hardship::Income;
use super::honour;
use super::id_number::IdNumber;
use super::period::Period;
use super::policy::{self, Campaign, Dated, MonthDay, Policy};
use super::values::{name_key, Money};

/// A hardship file's dates, and the family's income it states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HardshipSpan {
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub income: Option<Income>,
    /// Why it was closed (退出原因): only a file closed out of hardship (脱困) — or closed with
    /// no reason, before one was required — keeps its policy for the grace months.
    pub exit: Option<HardshipExit>,
}

/// A person as the payout rules see them.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipient {
    pub status: PersonStatus,
    pub retired_on: Option<NaiveDate>,
    pub died_on: Option<NaiveDate>,
    /// Honours with their years: a rule looks only at those held on its date.
    pub titles: Vec<Honour>,
    pub hardship: Vec<HardshipSpan>,
}

impl Recipient {
    /// Someone not yet on file: no status, title or file known.
    pub fn unknown() -> Recipient {
        Recipient {
            status: PersonStatus::Active,
            retired_on: None,
            died_on: None,
            titles: Vec::new(),
            hardship: Vec::new(),
        }
    }

    /// Alive on `date`: not died before it (a payment on the day of death is allowed), and not
    /// on file as 去世 without a date.
    pub fn alive_on(&self, date: NaiveDate) -> bool {
        match self.died_on {
            Some(d) => d >= date,
            None => self.status != PersonStatus::Deceased,
        }
    }

    /// Retired on `date`: by the retirement date when known, else by the status on file (a
    /// person on file as 去世 with a retirement date was retired from that date).
    pub fn retired_on_date(&self, date: NaiveDate) -> bool {
        retired_by(self.status, self.retired_on, date)
    }

    /// The highest model title held on `date`, at the level it was awarded at.
    fn top_model(&self, date: NaiveDate) -> Option<&Honour> {
        self.titles
            .iter()
            .filter(|h| h.held_on(date) && h.model_level().is_some())
            .max_by_key(|h| h.level)
    }

    /// The level of the highest model title held on `date` (a labour model is counted once,
    /// at their highest).
    pub fn model_level(&self, date: NaiveDate) -> Option<Level> {
        self.top_model(date).and_then(|h| h.level)
    }

    /// The honour that earns the highest model treatment on `date`, with that treatment (see
    /// [`honour::treatment`]).
    pub fn treatment(&self, date: NaiveDate, policy: &Policy) -> Option<(Level, &Honour)> {
        self.titles
            .iter()
            .filter(|h| h.held_on(date))
            .filter_map(|h| honour::treatment(h, policy).map(|l| (l, h)))
            .max_by_key(|(l, h)| (*l, h.kind == HonourKind::Model))
    }

    /// The level of model treatment on `date`: a labour model's, or what a medal or another
    /// honour earns by the treatment table.
    pub fn treatment_level(&self, date: NaiveDate, policy: &Policy) -> Option<Level> {
        self.treatment(date, policy).map(|(l, _)| l)
    }

    /// A hardship file open on `date`.
    pub fn file_open_on(&self, date: NaiveDate) -> bool {
        self.hardship
            .iter()
            .any(|h| h.opened_on <= date && h.closed_on.is_none_or(|c| c >= date))
    }

    /// The latest file opened by `date` states an income under twice the 低保 `standard` (a
    /// family in hardship by its income, whether or not the file is open).
    pub fn income_in_need(&self, date: NaiveDate, standard: Money) -> bool {
        self.hardship
            .iter()
            .filter(|h| h.opened_on <= date)
            .max_by_key(|h| h.opened_on)
            .and_then(|h| h.income)
            .is_some_and(|i| i.classify(standard).is_some())
    }

    /// A file open on `date`, or closed no more than `grace` months before it (脱困不脱政策).
    /// Returns the latest closing date when only a closed file is near.
    fn file_within_grace(&self, date: NaiveDate, grace: u32) -> Result<(), Option<NaiveDate>> {
        if self.file_open_on(date) {
            return Ok(());
        }
        let closed = self
            .hardship
            .iter()
            .filter(|h| h.opened_on <= date)
            .filter(|h| h.exit.is_none_or(|e| e == HardshipExit::Recovered))
            .filter_map(|h| h.closed_on)
            .filter(|c| *c < date)
            .max();
        match closed {
            Some(c)
                if c.checked_add_months(Months::new(grace))
                    .is_some_and(|end| end >= date) =>
            {
                Ok(())
            }
            other => Err(other),
        }
    }
}

/// The student a 金秋助学 payment is for (学生姓名, 学生身份证号): either may be missing. The
/// ID number is a valid one's canonical text (checked where it came in, as an [`IdNumber`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    pub name: Option<String>,
    pub id_number: Option<String>,
}

impl Student {
    /// Whether two payments may be for the same student: by ID number when both give one, else
    /// by name when both give one; a pair that cannot be told apart counts as the same.
    pub fn same(&self, other: &Student) -> bool {
        match (&self.id_number, &other.id_number, &self.name, &other.name) {
            (Some(a), Some(b), _, _) => a == b,
            (_, _, Some(a), Some(b)) => name_key(a) == name_key(b),
            _ => true,
        }
    }

    /// A student as stored (the ID number checked when it came in).
    pub fn given_stored(name: Option<String>, id_number: Option<String>) -> Option<Student> {
        (name.is_some() || id_number.is_some()).then_some(Student { name, id_number })
    }

    /// A student given by neither name nor ID number is none.
    pub fn given(name: Option<String>, id_number: Option<&IdNumber>) -> Option<Student> {
        Student::given_stored(name, id_number.map(|i| i.as_str().to_string()))
    }
}

/// How many students a set of 金秋助学 payouts was for, each row its recipient and the student
/// it names, told apart as [`Student::same`] does: a student with an ID number is one student
/// whoever was paid; one named only by name is the recipient's student of that name — the one
/// with an ID number when a payout gives both, or one given by ID number alone, which cannot be
/// told apart from it — else one per name; a payout naming no student is one child of a
/// recipient paid for no named student.
pub fn count_students<'a>(rows: impl IntoIterator<Item = (i64, Option<&'a Student>)>) -> usize {
    use std::collections::{HashMap, HashSet};
    let mut id_names: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut ids_of: HashMap<i64, HashSet<&str>> = HashMap::new();
    let mut name_only: HashMap<i64, HashSet<String>> = HashMap::new();
    let mut unnamed: HashSet<i64> = HashSet::new();
    for (recipient, student) in rows {
        match student {
            Some(Student {
                id_number: Some(id),
                name,
            }) => {
                let names = id_names.entry(id).or_default();
                names.extend(name.as_deref().map(|n| name_key(n).into_owned()));
                ids_of.entry(recipient).or_default().insert(id);
            }
            Some(Student {
                id_number: None,
                name: Some(name),
            }) => {
                name_only
                    .entry(recipient)
                    .or_default()
                    .insert(name_key(name).into_owned());
            }
            _ => {
                unnamed.insert(recipient);
            }
        }
    }
    let by_name: usize = name_only
        .iter()
        .map(|(r, names)| {
            let ids = ids_of.get(r).into_iter().flatten();
            let (mut named, mut nameless) = (HashSet::new(), 0usize);
            for id in ids {
                match id_names.get(id) {
                    Some(n) if !n.is_empty() => named.extend(n.iter()),
                    _ => nameless += 1,
                }
            }
            let unmatched = names.iter().filter(|n| !named.contains(n)).count();
            unmatched.saturating_sub(nameless)
        })
        .sum();
    let lone = unnamed
        .iter()
        .filter(|r| !ids_of.contains_key(r) && !name_only.contains_key(r))
        .count();
    id_names.len() + by_name + lone
}

/// Another payout of the same payee and category that a frequency rule counts against: its
/// date, and for 金秋助学 the student it was for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    pub paid_on: NaiveDate,
    pub student: Option<Student>,
}

impl From<NaiveDate> for Earlier {
    fn from(paid_on: NaiveDate) -> Earlier {
        Earlier {
            paid_on,
            student: None,
        }
    }
}

/// One payment to judge.
#[derive(Debug, Clone, PartialEq)]
pub struct Payment {
    pub category: PayoutCategory,
    pub amount: Money,
    pub paid_on: NaiveDate,
    /// 金秋助学: the student, counted once per season (else the recipient is).
    pub student: Option<Student>,
    /// 金秋助学: the school stage, whose standard the amount is held to.
    pub stage: Option<SchoolStage>,
    /// The months it covers (所属期间), when it states them.
    pub months: Option<Period>,
}

impl Payment {
    /// A payment with no student.
    pub fn new(category: PayoutCategory, amount: Money, paid_on: NaiveDate) -> Payment {
        Payment {
            category,
            amount,
            paid_on,
            student: None,
            stage: None,
            months: None,
        }
    }

    /// The day rules 1, 2 and 4 judge the recipient on: the payment date, but for a category
    /// paid by the month whose months end before it (back pay, 补发) the first day of the last
    /// month covered — the months owed then are paid, even after a death or a revocation.
    pub fn entitled_on(&self, policy: &Policy) -> NaiveDate {
        match self.months {
            Some(m) if policy.monthly().contains(&self.category) => m.to.min(self.paid_on),
            _ => self.paid_on,
        }
    }

    /// Whether `other` counts with this payment in a frequency rule: always, but for a category
    /// counted per student when both name a student (a worker's second child is paid too).
    fn counts_with(&self, other: &Earlier) -> bool {
        match (&self.student, &other.student) {
            (Some(a), Some(b)) if per_student(self.category) => a.same(b),
            _ => true,
        }
    }
}

/// Whether a category's payouts naming a student count per student: 金秋助学 (the store reads
/// the students of earlier payouts only for it).
pub fn per_student(category: PayoutCategory) -> bool {
    category == PayoutCategory::EducationAid
}

/// A broken payout rule, with the facts that break it.
#[derive(Debug, Clone, PartialEq)]
pub enum Violation {
    /// Rule 1.
    Deceased { died_on: Option<NaiveDate> },
    /// Rule 2: not retired on the payment date.
    AllowanceNotRetired,
    /// Rule 2: no honour earning model treatment at `min` or above (the parameter), `best`
    /// the honour earning the highest treatment, else the highest model title, with the level
    /// it was awarded at (江阴市劳动模范: 市劳动模范 at county level).
    AllowanceNoTitle {
        best: Option<(Title, Option<Level>)>,
        min: Level,
        param: Dated,
    },
    /// Rule 2: 劳模生活补助 to a person holding no model title.
    LivingSubsidyNoTitle,
    /// Rule 4: 劳模生活补助 with no hardship file open and no income on file under the 低保
    /// standard (the parameter).
    LivingSubsidyNoNeed { param: Dated },
    /// Rule 3: another payment of a once-a-year category in the same season (`start`: the
    /// parameter giving its first day, none for a category counted by calendar year);
    /// `student`: 金秋助学 counted per student, this one.
    OncePerYear {
        other: NaiveDate,
        season: Season,
        param: Dated,
        start: Option<Dated>,
        student: Option<Student>,
    },
    /// Rule 3: another payment of the category in the same campaign (once per campaign, in
    /// place of the season); `student`: 金秋助学 counted per student, this one.
    OncePerCampaign {
        other: NaiveDate,
        campaign: Campaign,
        student: Option<Student>,
    },
    /// Rule 3: a month of a monthly category (`payout.monthly`) that another payout already
    /// covers: the months both cover, and the other's date and months.
    MonthPaid {
        months: Period,
        other: NaiveDate,
        other_months: Period,
        param: Dated,
    },
    /// Rule 3: another 疗休养 within the window.
    OnceInYears {
        other: NaiveDate,
        years: i64,
        param: Dated,
    },
    /// Rule 4: no hardship file open, or the last one closed too long ago.
    NoHardshipFile {
        closed_on: Option<NaiveDate>,
        grace: i64,
        param: Dated,
    },
    /// Rule 5.
    OverCeiling { max: Money, param: Dated },
    /// Rule 5: 金秋助学 above the standard of the student's school stage.
    OverStageStandard {
        stage: SchoolStage,
        max: Money,
        param: Dated,
    },
    /// Rule 5: a studio subsidy differs from the standard for the level named.
    SubsidyNotStandard { standard: Money },
    /// Rule 5: a studio subsidy to a kind of studio `subsidy.studio.kinds` does not list.
    SubsidyNotForKind { kind: StudioKind, param: Dated },
    /// Rule 5: a studio subsidy for a naming that was already paid one (a level is named, and
    /// its one-time subsidy paid, once per spell between revocations): the first one's date.
    SubsidyRepeated { first: NaiveDate },
    /// Rule 5: a studio subsidy paid on a day the studio was not named (its naming deleted,
    /// or its date corrected by an earlier version without the subsidy).
    SubsidyWithoutNaming,
    /// Rule 6: the voucher number is on another payout.
    VoucherUsed { voucher: String },
}

impl Violation {
    /// The rule's number in SPEC §6.2.
    pub fn rule(&self) -> u8 {
        match self {
            Violation::Deceased { .. } => 1,
            Violation::AllowanceNotRetired
            | Violation::AllowanceNoTitle { .. }
            | Violation::LivingSubsidyNoTitle => 2,
            Violation::LivingSubsidyNoNeed { .. } => 4,
            Violation::OncePerYear { .. }
            | Violation::OncePerCampaign { .. }
            | Violation::OnceInYears { .. }
            | Violation::MonthPaid { .. } => 3,
            Violation::NoHardshipFile { .. } => 4,
            Violation::OverCeiling { .. }
            | Violation::OverStageStandard { .. }
            | Violation::SubsidyNotStandard { .. }
            | Violation::SubsidyNotForKind { .. }
            | Violation::SubsidyRepeated { .. }
            | Violation::SubsidyWithoutNaming => 5,
            Violation::VoucherUsed { .. } => 6,
        }
    }
}

/// The year a once-a-year category counts in: from a day of the year (the category's
/// `payout.season_start.*`) to the day before it a year later, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Season {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Season {
    /// The season starting on `start` each year that holds `date`.
    pub fn holding(date: NaiveDate, start: MonthDay) -> Season {
        let from = match start.in_year(date.year()) {
            Some(s) if s <= date => s,
            _ => start.in_year(date.year() - 1).unwrap_or(date),
        };
        let to = start
            .in_year(from.year() + 1)
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        Season { from, to }
    }

    /// The season of `category` that holds `date`, by the start in force in `policy`.
    pub fn of(category: PayoutCategory, date: NaiveDate, policy: &Policy) -> Season {
        Season::holding(date, policy.season_start(category).0)
    }

    pub fn holds(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// The season as a key: its year when it is a calendar year (`2025`), else its first and
    /// last days (`2024-11-01～2025-10-31`).
    pub fn key(&self) -> String {
        if (self.from.month(), self.from.day()) == (1, 1) {
            self.from.year().to_string()
        } else {
            format!("{}～{}", self.from, self.to)
        }
    }
}

/// The span a payout counts once in: the campaign of its category holding its date, else (for a
/// once-a-year category) its season, less the days of that category's campaigns — a campaign
/// overrides the season for its own days: a 送温暖 campaign 2024-12-01～2025-02-28 is one count
/// whatever the season start, and a payout of the season outside it counts apart from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window<'a> {
    Campaign(&'a Campaign),
    Season(Season),
}

impl<'a> Window<'a> {
    /// The window of a payout of `category` on `date` (a category paid by the month has no
    /// campaign: each month is paid once, rule 3 by the month).
    pub fn of(category: PayoutCategory, date: NaiveDate, policy: &'a Policy) -> Window<'a> {
        match policy
            .campaign(category, date)
            .filter(|_| !policy.monthly().contains(&category))
        {
            Some(c) => Window::Campaign(c),
            None => Window::Season(Season::of(category, date, policy)),
        }
    }

    /// Whether another payout of the category on `date` counts in this window.
    pub fn counts(&self, category: PayoutCategory, date: NaiveDate, policy: &Policy) -> bool {
        match self {
            Window::Campaign(c) => c.holds(date),
            Window::Season(s) => s.holds(date) && policy.campaign(category, date).is_none(),
        }
    }
}

/// Retired on `date`: by the retirement date when known, else by the status on file. The one
/// copy of this rule, for payout recipients and studio leaders alike.
pub fn retired_by(status: PersonStatus, retired_on: Option<NaiveDate>, date: NaiveDate) -> bool {
    match retired_on {
        Some(d) => d <= date,
        None => status == PersonStatus::Retired,
    }
}

/// What judging a payout of a category needs besides the recipient's status and dates: the
/// one list the store reads by, so that every path judges with the same facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// Their honours (rule 2).
    pub titles: bool,
    /// Their hardship files (rule 4).
    pub files: bool,
    /// Their earlier payouts of the category (rule 3).
    pub earlier: bool,
    /// The months their earlier payouts of the category cover (rule 3 by the month).
    pub months: bool,
}

pub fn needs(category: PayoutCategory, policy: &Policy) -> Needs {
    Needs {
        titles: matches!(
            category,
            PayoutCategory::HonorAllowance | PayoutCategory::LivingSubsidy
        ),
        files: matches!(
            category,
            PayoutCategory::HardshipAid
                | PayoutCategory::EducationAid
                | PayoutCategory::LivingSubsidy
        ),
        earlier: policy.once_per_year().contains(&category)
            || category == PayoutCategory::Recuperation
            || policy.has_campaigns(category)
            || policy.monthly().contains(&category),
        months: policy.monthly().contains(&category),
    }
}

/// Who a payment goes to: a person, or a studio for its one-time naming subsidy, with the level
/// it was named at on the payment date (none when it was not named that day).
#[derive(Debug, Clone, Copy)]
pub enum Payee<'a> {
    Person(&'a Recipient),
    /// A studio: the level it was named on the day paid, if any, and its kind, if on file.
    Studio(Option<StudioLevel>, Option<StudioKind>),
}

/// Checks a payment to `payee`. `others` are the payee's other payouts of the same category —
/// for a studio subsidy, the other subsidies paid for the same naming (for an audit: only those
/// before this one, so a pair is reported once).
pub fn check(p: &Payment, payee: Payee<'_>, others: &[Earlier], policy: &Policy) -> Vec<Violation> {
    let who = match payee {
        Payee::Person(who) => who,
        Payee::Studio(named, kind) => return check_subsidy(p, named, kind, others, policy),
    };
    let mut out = entitled(p.category, who, p.entitled_on(policy), policy);
    let window = Window::of(p.category, p.paid_on, policy);
    let counted = |o: &&Earlier| window.counts(p.category, o.paid_on, policy) && p.counts_with(o);
    match window {
        Window::Campaign(campaign) => {
            if let Some(other) = others.iter().find(counted) {
                out.push(Violation::OncePerCampaign {
                    other: other.paid_on,
                    campaign: campaign.clone(),
                    student: p.student.clone().filter(|_| other.student.is_some()),
                });
            }
        }
        Window::Season(season) if policy.once_per_year().contains(&p.category) => {
            if let Some(other) = others.iter().find(counted) {
                out.push(Violation::OncePerYear {
                    other: other.paid_on,
                    season,
                    param: policy.get(policy::ONCE_PER_YEAR).clone(),
                    start: policy.season_start(p.category).1.cloned(),
                    student: p.student.clone().filter(|_| other.student.is_some()),
                });
            }
        }
        Window::Season(_) => {}
    }
    if p.category == PayoutCategory::Recuperation {
        let years = policy.int(policy::RECUPERATION_YEARS);
        let clash = others.iter().map(|o| o.paid_on).find(|o| {
            let (a, b) = if *o <= p.paid_on {
                (*o, p.paid_on)
            } else {
                (p.paid_on, *o)
            };
            add_years(a, years).is_some_and(|end| b < end)
        });
        if let Some(other) = clash {
            out.push(Violation::OnceInYears {
                other,
                years,
                param: policy.get(policy::RECUPERATION_YEARS).clone(),
            });
        }
    }
    if let (Some(max), Some(key)) = (policy.ceiling(p.category), policy::ceiling_key(p.category)) {
        if p.amount > max {
            out.push(Violation::OverCeiling {
                max,
                param: policy.get(key).clone(),
            });
        }
    }
    let stage = p
        .stage
        .filter(|_| p.category == PayoutCategory::EducationAid);
    if let Some((stage, key)) = stage.and_then(|s| Some((s, policy::stage_standard_key(s)?))) {
        let max = policy.money(key);
        if p.amount > max {
            out.push(Violation::OverStageStandard {
                stage,
                max,
                param: policy.get(key).clone(),
            });
        }
    }
    out
}

/// Rules 1, 2 and 4: whether `who` may be paid `category` at all on `date` — alive; for the
/// honour allowance retired and holding an honour earning the treatment; for 劳模生活补助 a model
/// in need; for hardship aid and 金秋助学 a hardship file (within the grace after closing). The
/// one copy of these rules: payments are judged by it, and a month of a monthly category is
/// owed when it holds ([`crate::domain::allowance::owed`]).
pub fn entitled(
    category: PayoutCategory,
    who: &Recipient,
    date: NaiveDate,
    policy: &Policy,
) -> Vec<Violation> {
    let mut out = Vec::new();
    if !who.alive_on(date) {
        out.push(Violation::Deceased {
            died_on: who.died_on,
        });
    }
    if category == PayoutCategory::HonorAllowance {
        let min = policy.level(policy::ALLOWANCE_MIN_LEVEL);
        let earned = who.treatment(date, policy);
        if earned.is_none_or(|(l, _)| l < min) {
            out.push(Violation::AllowanceNoTitle {
                // A model title held earns its own level, so the honour earning the most is
                // the best title there is (none for an open kind's honour, which has no title).
                best: earned.and_then(|(_, h)| h.title.map(|t| (t, h.level))),
                min,
                param: policy.get(policy::ALLOWANCE_MIN_LEVEL).clone(),
            });
        }
        if !who.retired_on_date(date) {
            out.push(Violation::AllowanceNotRetired);
        }
    }
    if category == PayoutCategory::LivingSubsidy {
        if who.model_level(date).is_none() {
            out.push(Violation::LivingSubsidyNoTitle);
        }
        if !in_need(who, date, policy) {
            out.push(Violation::LivingSubsidyNoNeed {
                param: policy.get(policy::DIBAO_MONTHLY).clone(),
            });
        }
    }
    if matches!(
        category,
        PayoutCategory::HardshipAid | PayoutCategory::EducationAid
    ) {
        let grace = policy.int(policy::HARDSHIP_GRACE);
        if let Err(closed_on) = who.file_within_grace(date, grace_months(policy)) {
            out.push(Violation::NoHardshipFile {
                closed_on,
                grace,
                param: policy.get(policy::HARDSHIP_GRACE).clone(),
            });
        }
    }
    out
}

/// Rule 3 for a category paid by the month (`payout.monthly`): no month covered twice.
/// `months`: what the payment covers (所属期间, by default the month paid); `others`: the dates
/// and months of the payee's other payouts of the category.
pub fn check_months(
    category: PayoutCategory,
    months: Period,
    others: &[(NaiveDate, Period)],
    policy: &Policy,
) -> Option<Violation> {
    if !policy.monthly().contains(&category) {
        return None;
    }
    others.iter().find_map(|(other, other_months)| {
        months
            .overlap(other_months)
            .map(|both| Violation::MonthPaid {
                months: both,
                other: *other,
                other_months: *other_months,
                param: policy.get(policy::MONTHLY).clone(),
            })
    })
}

/// A model in need for 劳模生活补助: a hardship file open on `date`, or an income on file under
/// the 低保 standard in force.
fn in_need(who: &Recipient, date: NaiveDate, policy: &Policy) -> bool {
    who.file_open_on(date) || who.income_in_need(date, policy.money(policy::DIBAO_MONTHLY))
}

/// Rule 5 for a studio's naming subsidy: paid on a day the studio was named, to a kind of
/// studio `subsidy.studio.kinds` lists, the standard then in force for the level, and the
/// naming's only one (the first of `others` is the one paid).
fn check_subsidy(
    p: &Payment,
    named: Option<StudioLevel>,
    kind: Option<StudioKind>,
    others: &[Earlier],
    policy: &Policy,
) -> Vec<Violation> {
    let Some(level) = named else {
        return vec![Violation::SubsidyWithoutNaming];
    };
    let mut out = Vec::new();
    if let Some(kind) =
        kind.filter(|k| subsidy_key(level).is_some() && subsidy_for(*k, level, policy).is_none())
    {
        out.push(Violation::SubsidyNotForKind {
            kind,
            param: policy.get(policy::SUBSIDY_KINDS).clone(),
        });
    } else if let Some(key) = subsidy_key(level) {
        let standard = policy.money(key);
        if standard != p.amount {
            out.push(Violation::SubsidyNotStandard { standard });
        }
    }
    if let Some(first) = others.iter().map(|o| o.paid_on).min() {
        out.push(Violation::SubsidyRepeated { first });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Rosters

/// A payout programme with a roster (`union eligible PROGRAM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    HonorAllowance,
    LivingSubsidy,
    FestivalCondolence,
    HealthCheck,
    Recuperation,
    EducationAid,
}

impl Program {
    pub const ALL: &'static [Program] = &[
        Program::HonorAllowance,
        Program::LivingSubsidy,
        Program::FestivalCondolence,
        Program::HealthCheck,
        Program::Recuperation,
        Program::EducationAid,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Program::HonorAllowance => "honor-allowance",
            Program::LivingSubsidy => "living-subsidy",
            Program::FestivalCondolence => "festival-condolence",
            Program::HealthCheck => "health-check",
            Program::Recuperation => "recuperation",
            Program::EducationAid => "education-aid",
        }
    }

    /// Reads the code, `_` for `-`, or the category's Chinese label.
    pub fn parse(text: &str) -> Option<Program> {
        let t = text.trim().replace('_', "-").to_lowercase();
        Program::ALL
            .iter()
            .copied()
            .find(|p| p.code() == t || PayoutCategory::parse(text) == Some(p.category()))
    }

    pub fn category(self) -> PayoutCategory {
        match self {
            Program::HonorAllowance => PayoutCategory::HonorAllowance,
            Program::LivingSubsidy => PayoutCategory::LivingSubsidy,
            Program::FestivalCondolence => PayoutCategory::FestivalCondolence,
            Program::HealthCheck => PayoutCategory::HealthCheck,
            Program::Recuperation => PayoutCategory::Recuperation,
            Program::EducationAid => PayoutCategory::EducationAid,
        }
    }
}

/// `hardship.grace_months`, as months.
fn grace_months(policy: &Policy) -> u32 {
    u32::try_from(policy.int(policy::HARDSHIP_GRACE)).unwrap_or(0)
}

/// Whether `who` is owed `program` in the roster of `date`'s year. `paid` are the dates of their
/// payouts of the programme's category: someone the payout rules would refuse is left off.
pub fn owed(
    program: Program,
    who: &Recipient,
    paid: &[NaiveDate],
    date: NaiveDate,
    policy: &Policy,
) -> bool {
    if !who.alive_on(date) {
        return false;
    }
    let treated = who.treatment_level(date, policy);
    let listed = match program {
        Program::HonorAllowance | Program::LivingSubsidy | Program::EducationAid => {
            entitled(program.category(), who, date, policy).is_empty()
        }
        // Workers in hardship within a year of leaving it are visited too (对在档困难职工和一年内
        // 解困脱困职工开展走访慰问).
        Program::FestivalCondolence => {
            treated.is_some_and(|l| l >= policy.level(policy::FESTIVAL_MIN_LEVEL))
                || who.file_within_grace(date, grace_months(policy)).is_ok()
        }
        Program::HealthCheck | Program::Recuperation => treated.is_some(),
    };
    if !listed {
        return false;
    }
    // Served already: the frequency rule, judged as of the roster date, in the category's
    // campaign holding it, else its season (春节慰问 from 11-01 by default: the 春节 of the
    // season the roster is made in).
    let category = program.category();
    let window = Window::of(category, date, policy);
    let served_in_season = paid.iter().any(|d| window.counts(category, *d, policy));
    if matches!(window, Window::Campaign(_)) && served_in_season {
        return false;
    }
    let served_in_year = paid.iter().any(|d| d.year() == date.year());
    if policy.once_per_year().contains(&category) && served_in_season {
        return false;
    }
    if category == PayoutCategory::Recuperation {
        let years = policy.int(policy::RECUPERATION_YEARS);
        if served_in_year
            || paid
                .iter()
                .any(|d| add_years(*d, years).is_some_and(|end| date < end))
        {
            return false;
        }
    }
    if category == PayoutCategory::HealthCheck && served_in_season {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn pay(c: PayoutCategory, yuan: i64, on: &str) -> Payment {
        Payment::new(c, Money::from_fen(yuan * 100), d(on))
    }

    /// Earlier payouts on these dates, for no student.
    fn dates(on: &[NaiveDate]) -> Vec<Earlier> {
        on.iter().map(|d| Earlier::from(*d)).collect()
    }

    fn rules(p: &Payment, who: &Recipient, others: &[NaiveDate]) -> Vec<u8> {
        check(
            p,
            Payee::Person(who),
            &dates(others),
            &Policy::defaults(p.paid_on),
        )
        .iter()
        .map(Violation::rule)
        .collect()
    }

    #[test]
    fn a_studio_subsidy_is_the_standard_on_a_naming_day_and_the_naming_s_only_one() {
        let p = pay(PayoutCategory::StudioSubsidy, 20_000, "2024-05-20");
        let policy = Policy::defaults(p.paid_on);
        let city = Payee::Studio(Some(StudioLevel::City), Some(StudioKind::Model));
        assert_eq!(check(&p, city, &[], &policy), []);
        assert_eq!(
            check(
                &p,
                Payee::Studio(None, Some(StudioKind::Model)),
                &[],
                &policy
            ),
            [Violation::SubsidyWithoutNaming]
        );
        let demo = Payee::Studio(Some(StudioLevel::CityDemo), Some(StudioKind::Model));
        assert_eq!(
            check(
                &p,
                demo,
                &dates(&[d("2024-05-20"), d("2024-01-10")]),
                &policy
            ),
            [
                Violation::SubsidyNotStandard {
                    standard: Money::from_fen(4_000_000)
                },
                Violation::SubsidyRepeated {
                    first: d("2024-01-10")
                }
            ]
        );
        // A level without a standard amount is not held to one.
        let district = Payee::Studio(Some(StudioLevel::District), Some(StudioKind::Model));
        assert_eq!(check(&p, district, &[], &policy), []);
        // A kind subsidy.studio.kinds does not list is paid no subsidy, whatever the amount;
        // a kind not on file (the studio deleted) is not held to the list.
        let worker = Payee::Studio(Some(StudioLevel::City), Some(StudioKind::Worker));
        assert_eq!(
            check(&p, worker, &[], &policy),
            [Violation::SubsidyNotForKind {
                kind: StudioKind::Worker,
                param: policy.get(policy::SUBSIDY_KINDS).clone()
            }]
        );
        let worker_district = Payee::Studio(Some(StudioLevel::District), Some(StudioKind::Worker));
        assert_eq!(check(&p, worker_district, &[], &policy), []);
        let unknown = Payee::Studio(Some(StudioLevel::City), None);
        assert_eq!(check(&p, unknown, &[], &policy), []);
        assert_eq!(
            Violation::SubsidyRepeated {
                first: d("2024-05-20")
            }
            .rule(),
            5
        );
    }

    #[test]
    fn the_grace_follows_a_closing_out_of_hardship_only() {
        let closed = |exit| {
            let mut who = Recipient::unknown();
            who.hardship.push(HardshipSpan {
                opened_on: d("2020-01-01"),
                closed_on: Some(d("2024-01-15")),
                income: None,
                exit,
            });
            rules(
                &pay(PayoutCategory::HardshipAid, 100, "2024-06-01"),
                &who,
                &[],
            )
        };
        assert!(closed(Some(HardshipExit::Recovered)).is_empty());
        assert!(closed(None).is_empty());
        for exit in [
            HardshipExit::Retired,
            HardshipExit::Transferred,
            HardshipExit::Deceased,
            HardshipExit::Ineligible,
        ] {
            assert_eq!(closed(Some(exit)), vec![4], "{exit:?}");
        }
    }

    #[test]
    fn hardship_grace_twelve_months_not_a_day_more() {
        let mut who = Recipient::unknown();
        who.hardship.push(HardshipSpan {
            opened_on: d("2020-01-01"),
            closed_on: Some(d("2023-03-15")),
            income: None,
            exit: None,
        });
        assert!(rules(
            &pay(PayoutCategory::HardshipAid, 100, "2024-03-15"),
            &who,
            &[]
        )
        .is_empty());
        assert_eq!(
            rules(
                &pay(PayoutCategory::HardshipAid, 100, "2024-03-16"),
                &who,
                &[]
            ),
            vec![4]
        );
        assert_eq!(
            rules(
                &pay(PayoutCategory::EducationAid, 100, "2024-03-16"),
                &who,
                &[]
            ),
            vec![4]
        );
        assert!(rules(
            &pay(PayoutCategory::HardshipAid, 100, "2023-03-15"),
            &who,
            &[]
        )
        .is_empty());
        assert_eq!(
            rules(
                &pay(PayoutCategory::HardshipAid, 100, "2019-12-31"),
                &who,
                &[]
            ),
            vec![4]
        );
    }

    #[test]
    fn honour_allowance_needs_retired_holder_of_city_treatment_alive_on_the_date() {
        let mut who = Recipient::unknown();
        who.titles.push(Honour::new(Title::DistrictModel, None));
        who.retired_on = Some(d("2020-01-01"));
        let allowance = |on| pay(PayoutCategory::HonorAllowance, 100, on);
        assert_eq!(rules(&allowance("2024-01-01"), &who, &[]), vec![2]);
        // A city model earns it (national, provincial and city standards exist).
        who.titles.push(Honour::new(Title::CityAdvanced, None));
        assert!(rules(&allowance("2024-01-01"), &who, &[]).is_empty());
        assert_eq!(rules(&allowance("2019-12-31"), &who, &[]), vec![2]);
        // Now deceased, but alive and retired when paid.
        who.status = PersonStatus::Deceased;
        who.died_on = Some(d("2024-06-01"));
        assert!(rules(&allowance("2024-06-01"), &who, &[]).is_empty());
        assert_eq!(rules(&allowance("2024-06-02"), &who, &[]), vec![1]);
        // Medals by the treatment table: 全国五一劳动奖章 as a provincial model, 省五一劳动奖章 as
        // a city model, 市五一劳动奖章 none.
        for (title, paid) in [
            (Title::NationalMedal, true),
            (Title::ProvincialMedal, true),
            (Title::CityMedal, false),
        ] {
            let mut medal = Recipient::unknown();
            medal.status = PersonStatus::Retired;
            medal.titles.push(Honour::new(title, None));
            let broken = rules(&allowance("2024-01-01"), &medal, &[]);
            assert_eq!(broken.is_empty(), paid, "{title:?}");
        }
        // A revoked title earns nothing from the day of its revocation; the violation names the
        // parameter and the highest title left.
        let mut revoked = Recipient::unknown();
        revoked.status = PersonStatus::Retired;
        revoked.titles.push(Honour {
            revoked_on: Some(d("2025-03-10")),
            ..Honour::new(Title::ProvincialModel, Some(2010))
        });
        assert!(rules(&allowance("2025-03-09"), &revoked, &[]).is_empty());
        let policy = Policy::defaults(d("2025-03-10"));
        assert_eq!(
            check(
                &allowance("2025-03-10"),
                Payee::Person(&revoked),
                &[],
                &policy
            ),
            [Violation::AllowanceNoTitle {
                best: None,
                min: Level::City,
                param: policy.get(policy::ALLOWANCE_MIN_LEVEL).clone()
            }]
        );
        assert_eq!(
            revoked.treatment_level(d("2025-03-09"), &policy),
            Some(Level::Provincial)
        );
        assert_eq!(revoked.treatment_level(d("2025-03-10"), &policy), None);
    }

    /// The honour that earns the treatment is the highest, a model title before a medal of the
    /// same treatment.
    #[test]
    fn the_treatment_is_the_highest_any_honour_earns() {
        let date = d("2026-01-15");
        let policy = Policy::defaults(date);
        let mut who = Recipient::unknown();
        who.titles.push(Honour::new(Title::NationalMedal, None));
        who.titles.push(Honour::new(Title::CityModel, None));
        let (level, h) = who.treatment(date, &policy).unwrap();
        assert_eq!(
            (level, h.title),
            (Level::Provincial, Some(Title::NationalMedal))
        );
        who.titles
            .push(Honour::new(Title::ProvincialAdvanced, Some(2026)));
        let (level, h) = who.treatment(date, &policy).unwrap();
        assert_eq!(
            (level, h.title),
            (Level::Provincial, Some(Title::ProvincialAdvanced))
        );
        // Not yet held the year before.
        let (level, h) = who.treatment(d("2025-12-31"), &policy).unwrap();
        assert_eq!(
            (level, h.title),
            (Level::Provincial, Some(Title::NationalMedal))
        );
    }

    /// 劳模生活补助: a model title (rule 2) and a need (rule 4): a file open on the day, or the
    /// latest file's income under twice the 低保 standard.
    #[test]
    fn living_subsidy_needs_a_model_in_need() {
        let on = "2025-06-01";
        let subsidy = pay(PayoutCategory::LivingSubsidy, 500, on);
        let mut who = Recipient::unknown();
        assert_eq!(rules(&subsidy, &who, &[]), vec![2, 4]);
        who.titles.push(Honour::new(Title::CityMedal, None));
        assert_eq!(rules(&subsidy, &who, &[]), vec![2, 4]);
        who.titles.push(Honour::new(Title::DistrictModel, None));
        assert_eq!(rules(&subsidy, &who, &[]), vec![4]);
        let income = |annual: i64| Income {
            annual: Money::from_fen(annual * 100),
            rigid: Money::from_fen(0),
            size: 1,
        };
        who.hardship.push(HardshipSpan {
            opened_on: d("2020-01-01"),
            closed_on: Some(d("2021-01-01")),
            income: Some(income(23_999)),
            exit: None,
        });
        assert!(rules(&subsidy, &who, &[]).is_empty());
        // A later file's income is the one that counts.
        who.hardship.push(HardshipSpan {
            opened_on: d("2022-01-01"),
            closed_on: Some(d("2023-01-01")),
            income: Some(income(24_000)),
            exit: None,
        });
        assert_eq!(rules(&subsidy, &who, &[]), vec![4]);
        assert!(!who.income_in_need(d(on), Money::from_fen(100_000)));
        assert!(who.income_in_need(d("2021-06-01"), Money::from_fen(100_000)));
        // An open file on the day.
        who.hardship.push(HardshipSpan {
            opened_on: d(on),
            closed_on: None,
            income: None,
            exit: None,
        });
        assert!(rules(&subsidy, &who, &[]).is_empty());
    }

    /// 春节慰问: the roster visits a worker out of hardship within the grace, not a day more.
    #[test]
    fn festival_roster_keeps_the_grace() {
        let mut who = Recipient::unknown();
        who.hardship.push(HardshipSpan {
            opened_on: d("2020-01-01"),
            closed_on: Some(d("2025-01-15")),
            income: None,
            exit: None,
        });
        let on = |s| {
            owed(
                Program::FestivalCondolence,
                &who,
                &[],
                d(s),
                &Policy::defaults(d(s)),
            )
        };
        assert!(on("2026-01-15"));
        assert!(!on("2026-01-16"));
    }

    #[test]
    fn frequency_and_ceilings() {
        let who = Recipient::unknown();
        let p = pay(PayoutCategory::FestivalCondolence, 5000, "2025-01-20");
        assert!(rules(&p, &who, &[d("2024-10-31")]).is_empty());
        assert_eq!(rules(&p, &who, &[d("2025-10-31")]), vec![3]);
        assert_eq!(
            rules(
                &pay(PayoutCategory::FestivalCondolence, 5001, "2025-01-20"),
                &who,
                &[]
            ),
            vec![5]
        );
        let r = pay(PayoutCategory::Recuperation, 3000, "2025-06-01");
        assert_eq!(rules(&r, &who, &[d("2022-06-02")]), vec![3]);
        assert!(rules(&r, &who, &[d("2022-06-01")]).is_empty());
        assert!(rules(
            &pay(PayoutCategory::MedicalAid, 250_000, "2025-06-01"),
            &who,
            &[d("2025-01-01")]
        )
        .is_empty());
    }

    /// 春节慰问 counts per season from 11-01 (the default): the day before a season start and
    /// the day of it are two seasons; 体检 and 金秋助学 keep the calendar year.
    #[test]
    fn once_a_year_counts_per_season() {
        use PayoutCategory::*;
        let who = Recipient::unknown();
        let festival = |on| pay(FestivalCondolence, 100, on);
        // 2024-02-01 (春节 2024) and 2024-12-28 (春节 2025): two seasons.
        assert!(rules(&festival("2024-12-28"), &who, &[d("2024-02-01")]).is_empty());
        assert!(rules(&festival("2024-02-01"), &who, &[d("2024-12-28")]).is_empty());
        // 2024-12-28 and 2025-01-20: one season, 2024-11-01～2025-10-31.
        let policy = Policy::defaults(d("2025-01-20"));
        assert_eq!(
            check(
                &festival("2025-01-20"),
                Payee::Person(&who),
                &dates(&[d("2024-12-28")]),
                &policy
            ),
            [Violation::OncePerYear {
                other: d("2024-12-28"),
                season: Season {
                    from: d("2024-11-01"),
                    to: d("2025-10-31")
                },
                param: policy.get(policy::ONCE_PER_YEAR).clone(),
                start: Some(policy.get(policy::SEASON_FESTIVAL).clone()),
                student: None,
            }]
        );
        // The day before the season start and the day of it.
        assert!(rules(&festival("2025-11-01"), &who, &[d("2025-10-31")]).is_empty());
        assert_eq!(
            rules(&festival("2025-10-31"), &who, &[d("2024-11-01")]),
            [3]
        );
        assert_eq!(
            rules(&festival("2025-11-01"), &who, &[d("2026-10-31")]),
            [3]
        );
        assert!(rules(&festival("2025-11-01"), &who, &[d("2026-11-01")]).is_empty());
        // The calendar year for the others, and no season parameter of their own cited.
        for c in [HealthCheck, EducationAid] {
            let mut who = Recipient::unknown();
            who.hardship.push(HardshipSpan {
                opened_on: d("2020-01-01"),
                closed_on: None,
                income: None,
                exit: None,
            });
            let on = |s| pay(c, 100, s);
            assert!(rules(&on("2025-01-01"), &who, &[d("2024-12-31")]).is_empty());
            assert_eq!(rules(&on("2024-12-31"), &who, &[d("2024-01-01")]), [3]);
            let policy = Policy::defaults(d("2024-12-31"));
            let broken = check(
                &on("2024-12-31"),
                Payee::Person(&who),
                &dates(&[d("2024-01-01")]),
                &policy,
            );
            assert_eq!(
                broken,
                [Violation::OncePerYear {
                    other: d("2024-01-01"),
                    season: Season {
                        from: d("2024-01-01"),
                        to: d("2024-12-31")
                    },
                    param: policy.get(policy::ONCE_PER_YEAR).clone(),
                    start: policy.season_start(c).1.cloned(),
                    student: None,
                }]
            );
        }
        // A category made once-a-year without a season parameter: the calendar year.
        let p = with(policy::ONCE_PER_YEAR, "summer_cooling");
        let cool = |on| pay(SummerCooling, 100, on);
        assert_eq!(p.season_start(SummerCooling), (MonthDay::NEW_YEAR, None));
        assert!(check(
            &cool("2026-01-15"),
            Payee::Person(&who),
            &dates(&[d("2025-12-31")]),
            &p
        )
        .is_empty());
        assert_eq!(
            check(
                &cool("2026-01-15"),
                Payee::Person(&who),
                &dates(&[d("2026-01-01")]),
                &p
            )
            .iter()
            .map(Violation::rule)
            .collect::<Vec<_>>(),
            [3]
        );
        // A start set to another day, dated: in force from its date.
        let p = with(policy::SEASON_FESTIVAL, "12-01");
        assert_eq!(
            Season::of(FestivalCondolence, d("2026-01-15"), &p),
            Season {
                from: d("2025-12-01"),
                to: d("2026-11-30")
            }
        );
        assert_eq!(
            Season::of(FestivalCondolence, d("2026-12-01"), &p).from,
            d("2026-12-01")
        );
        assert_eq!(
            Season::of(FestivalCondolence, d("2026-11-30"), &p).to,
            d("2026-11-30")
        );
        // A season starting on the last day of February ends the day before it a year later.
        let feb = MonthDay { month: 2, day: 28 };
        assert_eq!(
            Season::holding(d("2024-02-29"), feb),
            Season {
                from: d("2024-02-28"),
                to: d("2025-02-27")
            }
        );
        assert_eq!(Season::holding(d("2024-02-27"), feb).from, d("2023-02-28"));
        // As a key (the rollup's): a calendar year by its number, else by its days.
        assert_eq!(
            Season::holding(d("2025-01-20"), MonthDay { month: 11, day: 1 }).key(),
            "2024-11-01～2025-10-31"
        );
        assert_eq!(
            Season::holding(d("2025-10-31"), MonthDay::NEW_YEAR).key(),
            "2025"
        );
    }

    /// Someone with a hardship file open since 2020 (so owed 金秋助学 by rule 4).
    fn with_open_file() -> Recipient {
        let mut who = Recipient::unknown();
        who.hardship.push(HardshipSpan {
            opened_on: d("2020-01-01"),
            closed_on: None,
            income: None,
            exit: None,
        });
        who
    }

    /// 金秋助学 naming a student counts per student in the season: a second child is paid, the
    /// same child again is not (by ID number when both give one, else by name); a payout with
    /// no student named still counts per person, against any other.
    #[test]
    fn education_aid_counts_per_student() {
        let who = with_open_file();
        let student = |name: Option<&str>, id: Option<&str>| Student {
            name: name.map(str::to_string),
            id_number: id.map(str::to_string),
        };
        let aid = |on, s: Option<Student>| Payment {
            student: s,
            ..pay(PayoutCategory::EducationAid, 1000, on)
        };
        let earlier = |on, s: Option<Student>| Earlier {
            paid_on: d(on),
            student: s,
        };
        let policy = Policy::defaults(d("2025-08-20"));
        let judge = |p: &Payment, others: &[Earlier]| {
            check(p, Payee::Person(&who), others, &policy)
                .iter()
                .map(Violation::rule)
                .collect::<Vec<_>>()
        };
        let ming = Some(student(Some("周小明"), None));
        let hong = Some(student(Some("周小红"), None));
        // Two children in one year: both paid.
        assert!(judge(
            &aid("2025-08-20", hong.clone()),
            &[earlier("2025-08-01", ming.clone())]
        )
        .is_empty());
        // The same child twice in the year, by name (blanks and width ignored).
        let broken = check(
            &aid("2025-08-20", Some(student(Some("周小明 "), None))),
            Payee::Person(&who),
            &[earlier("2025-08-01", ming.clone())],
            &policy,
        );
        assert_eq!(
            broken,
            [Violation::OncePerYear {
                other: d("2025-08-01"),
                season: Season {
                    from: d("2025-01-01"),
                    to: d("2025-12-31")
                },
                param: policy.get(policy::ONCE_PER_YEAR).clone(),
                start: policy.season_start(PayoutCategory::EducationAid).1.cloned(),
                student: Some(student(Some("周小明 "), None)),
            }]
        );
        // The same child the year before: a new year.
        assert!(judge(
            &aid("2025-01-01", ming.clone()),
            &[earlier("2024-12-31", ming.clone())]
        )
        .is_empty());
        // By ID number when both give one, whatever the names; by name otherwise.
        let a = Some(student(Some("周小明"), Some("320202200803151238")));
        let b = Some(student(Some("周小明"), Some("320202200803151246")));
        assert!(judge(&aid("2025-08-20", a.clone()), &[earlier("2025-08-01", b)]).is_empty());
        assert_eq!(
            judge(
                &aid("2025-08-20", a.clone()),
                &[earlier("2025-08-01", ming.clone())]
            ),
            [3]
        );
        let by_id = Some(student(None, Some("320202200803151238")));
        assert_eq!(
            judge(
                &aid("2025-08-20", by_id.clone()),
                &[earlier("2025-08-01", a)]
            ),
            [3]
        );
        // An ID number against a name alone cannot be told apart: counted as the same.
        assert_eq!(
            judge(
                &aid("2025-08-20", by_id),
                &[earlier("2025-08-01", hong.clone())]
            ),
            [3]
        );
        // No student on either side: the person's rule, and the violation names no student.
        assert_eq!(
            judge(
                &aid("2025-08-20", None),
                &[earlier("2025-08-01", ming.clone())]
            ),
            [3]
        );
        let broken = check(
            &aid("2025-08-20", ming.clone()),
            Payee::Person(&who),
            &[earlier("2025-08-01", None)],
            &policy,
        );
        assert!(matches!(
            broken.as_slice(),
            [Violation::OncePerYear { student: None, .. }]
        ));
        // Per student only for 金秋助学: another once-a-year category counts the person.
        let festival = Payment {
            student: ming.clone(),
            ..pay(PayoutCategory::FestivalCondolence, 100, "2025-01-20")
        };
        assert_eq!(
            judge(&festival, &[earlier("2025-01-10", hong.clone())]),
            [3]
        );
        assert_eq!(Student::given(None, None), None);
        let id = IdNumber::parse(
            &crate::domain::cell::Cell::Text("320202200803151238".into()),
            d("2025-08-20"),
        )
        .unwrap();
        assert_eq!(
            Student::given(None, Some(&id)),
            Some(student(None, Some("320202200803151238")))
        );
        assert_eq!(Student::given(Some("周小明".into()), None), ming);
        assert_eq!(Student::given_stored(Some("周小明".into()), None), ming);
    }

    /// 金秋助学 with a school stage: the stage's standard is the most (rule 5), and each stage
    /// has its own; without a stage only the category's ceiling holds.
    #[test]
    fn education_aid_is_held_to_the_stage_standard() {
        use SchoolStage::*;
        let who = with_open_file();
        let policy = Policy::defaults(d("2025-08-20"));
        let aid = |fen: i64, stage| Payment {
            stage,
            ..Payment::new(
                PayoutCategory::EducationAid,
                Money::from_fen(fen),
                d("2025-08-20"),
            )
        };
        for (stage, standard) in [
            (HighSchool, 200_000),
            (Vocational, 200_000),
            (University, 500_000),
            (Postgraduate, 500_000),
        ] {
            let key = policy::stage_standard_key(stage).expect("a standard");
            assert_eq!(policy.money(key), Money::from_fen(standard));
            assert!(check(
                &aid(standard, Some(stage)),
                Payee::Person(&who),
                &[],
                &policy
            )
            .is_empty());
            assert_eq!(
                check(
                    &aid(standard + 1, Some(stage)),
                    Payee::Person(&who),
                    &[],
                    &policy
                ),
                [Violation::OverStageStandard {
                    stage,
                    max: Money::from_fen(standard),
                    param: policy.get(key).clone(),
                }]
            );
            assert!(policy::unsourced(policy.get(key)));
        }
        assert!(check(&aid(500_001, None), Payee::Person(&who), &[], &policy).is_empty());
        assert_eq!(
            Violation::OverStageStandard {
                stage: HighSchool,
                max: Money::from_fen(1),
                param: policy
                    .get(policy::stage_standard_key(HighSchool).expect("a standard"))
                    .clone(),
            }
            .rule(),
            5
        );
        // A stage on another category is not held to it (the import refuses it first).
        let festival = Payment {
            stage: Some(HighSchool),
            ..Payment::new(
                PayoutCategory::FestivalCondolence,
                Money::from_fen(400_000),
                d("2025-08-20"),
            )
        };
        assert!(check(&festival, Payee::Person(&who), &[], &policy).is_empty());
    }

    /// A campaign: its category counts once per campaign, in place of the season, from its first
    /// day to its last; outside it, the season counts the payouts outside campaigns. A campaign
    /// of a category with no frequency rule (送清凉) makes it once per campaign.
    #[test]
    fn a_category_paid_by_the_month_has_no_campaign_window() {
        let season = Campaign {
            name: "津贴季".into(),
            category: PayoutCategory::HonorAllowance,
            from: d("2026-07-01"),
            to: d("2026-09-30"),
            reference: None,
        };
        let on = d("2026-08-10");
        let monthly = Policy::defaults(on).with_campaigns(vec![season.clone()].into());
        assert!(matches!(
            Window::of(PayoutCategory::HonorAllowance, on, &monthly),
            Window::Season(_)
        ));
        // Not paid by the month: the campaign is its window.
        let not_monthly = with(policy::MONTHLY, "").with_campaigns(vec![season].into());
        assert!(matches!(
            Window::of(PayoutCategory::HonorAllowance, on, &not_monthly),
            Window::Campaign(_)
        ));
    }

    #[test]
    fn a_campaign_counts_once_in_place_of_the_season() {
        use PayoutCategory::*;
        let warmth = Campaign {
            name: "2025年元旦春节送温暖".into(),
            category: FestivalCondolence,
            from: d("2024-12-01"),
            to: d("2025-02-28"),
            reference: Some("锡工〔2024〕58号".into()),
        };
        let cooling = Campaign {
            name: "送清凉2025".into(),
            category: SummerCooling,
            from: d("2025-07-01"),
            to: d("2025-08-31"),
            reference: None,
        };
        let campaigns: std::rc::Rc<[Campaign]> = vec![warmth.clone(), cooling.clone()].into();
        let policy = |on: &str| Policy::defaults(d(on)).with_campaigns(campaigns.clone());
        let who = Recipient::unknown();
        let judge = |c, on: &str, others: &[&str]| {
            let others: Vec<NaiveDate> = others.iter().map(|o| d(o)).collect();
            check(
                &pay(c, 100, on),
                Payee::Person(&who),
                &dates(&others),
                &policy(on),
            )
        };
        let rules = |v: Vec<Violation>| v.iter().map(Violation::rule).collect::<Vec<_>>();
        // The day of the first and of the last: one campaign.
        assert_eq!(
            judge(FestivalCondolence, "2025-02-28", &["2024-12-01"]),
            [Violation::OncePerCampaign {
                other: d("2024-12-01"),
                campaign: warmth.clone(),
                student: None,
            }]
        );
        // The day before it and the day after it are the season's, outside the campaign: a
        // payout in the campaign does not count there, nor one there in the campaign.
        assert!(judge(FestivalCondolence, "2024-11-30", &["2024-12-01"]).is_empty());
        assert!(judge(FestivalCondolence, "2024-12-01", &["2024-11-30"]).is_empty());
        assert!(judge(FestivalCondolence, "2025-03-01", &["2025-02-28"]).is_empty());
        // Two outside the campaign in one season still count once.
        assert_eq!(
            rules(judge(FestivalCondolence, "2025-03-01", &["2024-11-30"])),
            [3]
        );
        // 送清凉 has no frequency rule: twice in the campaign is once too many, outside it free.
        assert_eq!(
            rules(judge(SummerCooling, "2025-08-31", &["2025-07-01"])),
            [3]
        );
        assert!(judge(SummerCooling, "2025-09-01", &["2025-08-31", "2025-09-01"]).is_empty());
        assert!(judge(SummerCooling, "2025-06-30", &["2025-07-01"]).is_empty());
        // 金秋助学 in a campaign counts per student there too.
        let autumn = Campaign {
            name: "2025金秋助学".into(),
            category: EducationAid,
            from: d("2025-08-01"),
            to: d("2025-09-30"),
            reference: None,
        };
        let p = Policy::defaults(d("2025-09-30")).with_campaigns(vec![autumn.clone()].into());
        let child = |name: &str| Student {
            name: Some(name.into()),
            id_number: None,
        };
        let aid = Payment {
            student: Some(child("周小明")),
            ..pay(EducationAid, 100, "2025-09-30")
        };
        let file = with_open_file();
        let earlier = |name: &str| Earlier {
            paid_on: d("2025-08-01"),
            student: Some(child(name)),
        };
        assert!(check(&aid, Payee::Person(&file), &[earlier("周小红")], &p).is_empty());
        assert_eq!(
            check(&aid, Payee::Person(&file), &[earlier("周小明")], &p),
            [Violation::OncePerCampaign {
                other: d("2025-08-01"),
                campaign: autumn,
                student: Some(child("周小明")),
            }]
        );
        // Only the campaign's category: another category in its days keeps its own rule.
        assert!(judge(HealthCheck, "2025-01-20", &["2024-12-20"]).is_empty());
        assert!(needs(SummerCooling, &policy("2025-07-01")).earlier);
        assert!(!needs(SummerCooling, &Policy::defaults(d("2025-07-01"))).earlier);
        // Overlaps: a shared day of one category; another category never.
        let next = Campaign {
            from: d("2025-02-28"),
            to: d("2025-03-31"),
            ..warmth.clone()
        };
        assert!(warmth.overlaps(&next) && next.overlaps(&warmth));
        let after = Campaign {
            from: d("2025-03-01"),
            ..next.clone()
        };
        assert!(!warmth.overlaps(&after) && !after.overlaps(&warmth));
        assert!(!warmth.overlaps(&Campaign {
            category: SummerCooling,
            ..warmth.clone()
        }));
        // The roster made in the campaign leaves off those paid in it, and lists those paid
        // only before it.
        let mut model = Recipient::unknown();
        model.titles.push(Honour::new(Title::CityModel, None));
        let on = d("2025-01-20");
        let p = policy("2025-01-20");
        assert!(!owed(
            Program::FestivalCondolence,
            &model,
            &[d("2024-12-01")],
            on,
            &p
        ));
        assert!(owed(
            Program::FestivalCondolence,
            &model,
            &[d("2024-11-30")],
            on,
            &p
        ));
        assert!(!owed(
            Program::FestivalCondolence,
            &model,
            &[d("2024-11-30")],
            d("2025-03-01"),
            &policy("2025-03-01")
        ));
    }

    /// The 春节慰问 roster leaves off those paid in the roster date's season, not its year.
    #[test]
    fn festival_roster_counts_the_season() {
        let mut m = Recipient::unknown();
        m.titles.push(Honour::new(Title::CityModel, None));
        let owed_on = |program, on: &str, paid: &str| {
            owed(program, &m, &[d(paid)], d(on), &Policy::defaults(d(on)))
        };
        use Program::{FestivalCondolence as Festival, HealthCheck as Health};
        // Paid for 春节 2025 on 2024-12-28: a roster on 2025-01-20 is served.
        assert!(!owed_on(Festival, "2025-01-20", "2024-12-28"));
        // Paid on 2024-02-01: a roster on 2024-12-28 is owed.
        assert!(owed_on(Festival, "2024-12-28", "2024-02-01"));
        // The day before and the day of the season start.
        assert!(!owed_on(Festival, "2025-10-31", "2024-11-01"));
        assert!(owed_on(Festival, "2025-11-01", "2025-10-31"));
        // 体检 keeps the calendar year.
        assert!(owed_on(Health, "2025-01-01", "2024-12-31"));
        assert!(!owed_on(Health, "2024-12-31", "2024-01-01"));
    }

    #[test]
    fn rosters() {
        use Program::*;
        let date = d("2026-01-15");
        let policy = Policy::defaults(date);
        let mut m = Recipient::unknown();
        m.titles.push(Honour::new(Title::DistrictModel, None));
        assert!(!owed(Program::FestivalCondolence, &m, &[], date, &policy));
        assert!(owed(Program::HealthCheck, &m, &[], date, &policy));
        assert!(!owed(
            Program::HealthCheck,
            &m,
            &[d("2026-01-02")],
            date,
            &policy
        ));
        m.hardship.push(HardshipSpan {
            opened_on: d("2025-01-01"),
            closed_on: None,
            income: None,
            exit: None,
        });
        assert!(owed(Program::FestivalCondolence, &m, &[], date, &policy));
        assert!(owed(Program::LivingSubsidy, &m, &[], date, &policy));
        m.died_on = Some(d("2026-01-01"));
        assert!(!owed(Program::FestivalCondolence, &m, &[], date, &policy));
        assert_eq!(
            Program::parse("春节慰问"),
            Some(Program::FestivalCondolence)
        );
        assert_eq!(Program::parse("education_aid"), Some(Program::EducationAid));
        // Medals by the treatment table: a national medal earns provincial treatment, a city
        // medal none; a medal is no model title, so no 劳模生活补助.
        let mut medal = Recipient::unknown();
        medal.status = PersonStatus::Retired;
        medal.titles.push(Honour::new(Title::NationalMedal, None));
        medal.hardship.push(HardshipSpan {
            opened_on: d("2025-01-01"),
            closed_on: None,
            income: None,
            exit: None,
        });
        for p in [
            HonorAllowance,
            FestivalCondolence,
            HealthCheck,
            Recuperation,
        ] {
            assert!(owed(p, &medal, &[], date, &policy), "{p:?}");
        }
        assert!(!owed(LivingSubsidy, &medal, &[], date, &policy));
        medal.titles = vec![Honour::new(Title::CityMedal, None)];
        medal.hardship.clear();
        for p in [
            HonorAllowance,
            FestivalCondolence,
            HealthCheck,
            Recuperation,
        ] {
            assert!(!owed(p, &medal, &[], date, &policy), "{p:?}");
        }
    }

    /// What the store reads for a payout of each category: titles for rule 2, files for rule
    /// 4, earlier payouts for rule 3.
    #[test]
    fn needs_by_category() {
        use PayoutCategory::*;
        let policy = Policy::defaults(d("2026-01-15"));
        let need = |c| {
            let n = needs(c, &policy);
            (n.titles, n.files, n.earlier)
        };
        // The allowance is paid by the month: its earlier payouts' months are read.
        assert_eq!(need(HonorAllowance), (true, false, true));
        assert_eq!(need(LivingSubsidy), (true, true, false));
        assert_eq!(need(HardshipAid), (false, true, false));
        assert_eq!(need(EducationAid), (false, true, true));
        assert_eq!(need(FestivalCondolence), (false, false, true));
        assert_eq!(need(HealthCheck), (false, false, true));
        assert_eq!(need(Recuperation), (false, false, true));
        assert_eq!(need(MedicalAid), (false, false, false));
    }

    #[test]
    fn back_pay_of_a_monthly_category_is_judged_on_its_last_month() {
        let policy = Policy::defaults(d("2026-06-30"));
        let months = |from: &str, to: &str| Period {
            from: d(from),
            to: d(to),
        };
        let at = |c, m: Option<Period>, on: &str| Payment {
            months: m,
            ..Payment::new(c, Money::from_fen(100), d(on))
        };
        let allowance = PayoutCategory::HonorAllowance;
        // Back pay: the first day of the last month covered.
        assert_eq!(
            at(
                allowance,
                Some(months("2026-01-01", "2026-03-01")),
                "2026-06-30"
            )
            .entitled_on(&policy),
            d("2026-03-01")
        );
        // Its own month, or months ahead: the payment date.
        assert_eq!(
            at(
                allowance,
                Some(months("2026-06-01", "2026-06-01")),
                "2026-06-30"
            )
            .entitled_on(&policy),
            d("2026-06-01")
        );
        assert_eq!(
            at(
                allowance,
                Some(months("2026-07-01", "2026-12-01")),
                "2026-06-30"
            )
            .entitled_on(&policy),
            d("2026-06-30")
        );
        assert_eq!(
            at(allowance, None, "2026-06-30").entitled_on(&policy),
            d("2026-06-30")
        );
        // A category not paid by the month: the payment date whatever months it states.
        assert_eq!(
            at(
                PayoutCategory::HardshipAid,
                Some(months("2026-01-01", "2026-03-01")),
                "2026-06-30"
            )
            .entitled_on(&policy),
            d("2026-06-30")
        );
    }

    #[test]
    fn students_are_counted_once_by_id_then_by_name_within_a_recipient() {
        let st = |name: Option<&str>, id: Option<&str>| Student {
            name: name.map(str::to_string),
            id_number: id.map(str::to_string),
        };
        let (ming_id, ming, hong, ming_spaced) = (
            st(Some("小明"), Some("A")),
            st(Some("小明"), None),
            st(Some("小红"), None),
            st(Some("小 明"), None),
        );
        let count = |rows: &[(i64, Option<&Student>)]| count_students(rows.iter().copied());
        // One child by ID and name, then by name only (spaced): one student.
        assert_eq!(count(&[(1, Some(&ming_id)), (1, Some(&ming_spaced))]), 1);
        assert_eq!(count(&[(1, Some(&ming)), (1, Some(&ming_id))]), 1);
        // The same name for another recipient is another child.
        assert_eq!(count(&[(1, Some(&ming_id)), (2, Some(&ming))]), 2);
        // One ID paid through two recipients (both parents): one student.
        assert_eq!(count(&[(1, Some(&ming_id)), (2, Some(&ming_id))]), 1);
        // Two names: two; an ID with no name and a name only cannot be told apart: one, but a
        // second name is another child.
        assert_eq!(count(&[(1, Some(&ming)), (1, Some(&hong))]), 2);
        let id_only = st(None, Some("B"));
        assert_eq!(count(&[(1, Some(&id_only)), (1, Some(&hong))]), 1);
        assert_eq!(
            count(&[(1, Some(&id_only)), (1, Some(&hong)), (1, Some(&ming))]),
            2
        );
        // Given a name with its ID elsewhere, the ID is no longer nameless.
        let id_named = st(Some("小刚"), Some("B"));
        assert_eq!(
            count(&[(1, Some(&id_only)), (2, Some(&id_named)), (1, Some(&hong))]),
            2
        );
        // No student named: one child of the recipient, unless they are paid for a named one.
        assert_eq!(count(&[(1, None), (1, None)]), 1);
        assert_eq!(count(&[(1, None), (2, None)]), 2);
        assert_eq!(count(&[(1, None), (1, Some(&hong))]), 1);
        assert_eq!(count(&[(1, Some(&ming_id)), (1, None)]), 1);
        assert_eq!(count(&[]), 0);
    }

    #[test]
    fn a_month_of_a_monthly_category_is_paid_once() {
        let policy = Policy::defaults(d("2026-03-15"));
        let month = |s: &str| Period::month(d(s));
        let h1 = Period {
            from: d("2026-01-01"),
            to: d("2026-06-01"),
        };
        let allowance = PayoutCategory::HonorAllowance;
        // March again, inside January–June paid on 01-10.
        assert_eq!(
            check_months(
                allowance,
                month("2026-03-15"),
                &[(d("2026-01-10"), h1)],
                &policy
            ),
            Some(Violation::MonthPaid {
                months: month("2026-03-01"),
                other: d("2026-01-10"),
                other_months: h1,
                param: policy.get(policy::MONTHLY).clone(),
            })
        );
        // July, the month after, is not.
        assert_eq!(
            check_months(
                allowance,
                month("2026-07-01"),
                &[(d("2026-01-10"), h1)],
                &policy
            ),
            None
        );
        // Nor a category not paid by the month (unless the parameter says so).
        let aid = PayoutCategory::HardshipAid;
        assert_eq!(
            check_months(aid, month("2026-03-15"), &[(d("2026-03-01"), h1)], &policy),
            None
        );
        let monthly = with(policy::MONTHLY, "honor_allowance,hardship_aid");
        assert!(
            check_months(aid, month("2026-03-15"), &[(d("2026-03-01"), h1)], &monthly)
                .is_some_and(|v| v.rule() == 3)
        );
    }

    /// Who is listed at all, before any payment history.
    #[test]
    fn rosters_list_by_title_retirement_and_file() {
        use Program::*;
        let date = d("2026-01-15");
        let policy = Policy::defaults(date);
        let mut active = Recipient::unknown();
        active.titles.push(Honour::new(Title::NationalModel, None));
        // The honour allowance needs retirement as well as the title.
        assert!(!owed(HonorAllowance, &active, &[], date, &policy));
        active.retired_on = Some(date);
        assert!(owed(HonorAllowance, &active, &[], date, &policy));
        // The living subsidy needs an open file as well as a title.
        assert!(!owed(LivingSubsidy, &active, &[], date, &policy));
        // A city model is owed 春节慰问 (the default minimum level), a district one is not.
        let mut city = Recipient::unknown();
        city.titles.push(Honour::new(Title::CityModel, None));
        assert!(owed(FestivalCondolence, &city, &[], date, &policy));
        assert!(!owed(HonorAllowance, &city, &[], date, &policy));
        // Education aid: a file closed within the grace months.
        let mut closed = Recipient::unknown();
        closed.hardship.push(HardshipSpan {
            opened_on: d("2020-01-01"),
            closed_on: Some(d("2025-01-15")),
            income: None,
            exit: None,
        });
        assert!(owed(EducationAid, &closed, &[], date, &policy));
        assert!(!owed(EducationAid, &closed, &[], d("2026-01-16"), &policy));
        assert!(!owed(HealthCheck, &closed, &[], date, &policy));
        // Every programme by its code and by its category's label.
        let codes: Vec<&str> = Program::ALL.iter().map(|p| p.code()).collect();
        assert_eq!(
            codes,
            [
                "honor-allowance",
                "living-subsidy",
                "festival-condolence",
                "health-check",
                "recuperation",
                "education-aid"
            ]
        );
        for p in Program::ALL {
            assert_eq!(Program::parse(p.code()), Some(*p));
            assert_eq!(Program::parse(p.category().zh()), Some(*p));
        }
        assert_eq!(Program::parse("HONOR_ALLOWANCE"), Some(HonorAllowance));
        assert_eq!(Program::parse("医疗互助"), None);
    }

    fn with<T>(key: policy::Param<T>, value: &str) -> Policy {
        let rows = [Dated {
            key: key.key.into(),
            valid_from: d("2026-01-01"),
            value: value.into(),
            reference: None,
        }];
        Policy::in_force(&rows, d("2026-01-15"))
    }

    /// A roster leaves off exactly those a payout rule would refuse on the roster date: a
    /// payment in the year for once-a-year programmes, in the last three years to the day for
    /// 疗休养, and none at all for the honour allowance.
    #[test]
    fn rosters_leave_off_only_those_already_served() {
        use Program::*;
        let date = d("2026-01-15");
        let policy = Policy::defaults(date);
        let mut m = Recipient::unknown();
        m.titles.push(Honour::new(Title::ProvincialModel, None));
        m.retired_on = Some(d("2020-01-01"));
        let owed_after = |program, paid: &[&str]| {
            let paid: Vec<NaiveDate> = paid.iter().map(|s| d(s)).collect();
            owed(program, &m, &paid, date, &policy)
        };
        // 春节慰问's season starts on 11-01, 体检's on 01-01.
        for (once_a_year, before, first) in [
            (FestivalCondolence, "2025-10-31", "2025-11-01"),
            (HealthCheck, "2025-12-31", "2026-01-01"),
        ] {
            assert!(owed_after(once_a_year, &[]), "{once_a_year:?}");
            // Paid the day before the season: owed again; paid on its first day: served.
            assert!(owed_after(once_a_year, &[before]), "{once_a_year:?}");
            assert!(!owed_after(once_a_year, &[first]), "{once_a_year:?}");
            // Within the last three years is no matter outside 疗休养.
            assert!(owed_after(
                once_a_year,
                &["2023-06-01", "2024-01-20", "2025-01-20"]
            ));
        }
        // The honour allowance is paid whatever was paid before, this year included.
        assert!(owed_after(HonorAllowance, &["2026-01-05", "2025-12-20"]));
        // 疗休养 once in three years, to the day: paid 2023-01-16, owed from 2026-01-16.
        assert!(owed_after(Recuperation, &[]));
        assert!(!owed_after(Recuperation, &["2023-01-16"]));
        assert!(owed_after(Recuperation, &["2023-01-15"]));
        assert!(owed_after(Recuperation, &["2020-01-01", "2023-01-15"]));
        assert!(!owed_after(Recuperation, &["2023-01-15", "2026-01-10"]));
        // Not alive on the roster date: nobody is owed anything.
        let mut gone = m.clone();
        gone.died_on = Some(d("2026-01-14"));
        assert!(!owed(HonorAllowance, &gone, &[], date, &policy));
        gone.died_on = Some(d("2026-01-15"));
        assert!(owed(HonorAllowance, &gone, &[], date, &policy));
    }

    /// The roster's own frequency rules hold whatever the parameters: 体检 and 疗休养 once in
    /// the roster's year even when no payout rule says so.
    #[test]
    fn rosters_serve_once_a_year_whatever_the_parameters() {
        let date = d("2026-01-15");
        let mut m = Recipient::unknown();
        m.titles.push(Honour::new(Title::CityModel, None));
        let paid = [d("2026-01-02")];
        // 体检 taken off the once-a-year list: the roster still lists it once a year.
        let p = with(policy::ONCE_PER_YEAR, "festival_condolence,education_aid");
        assert!(!p.once_per_year().contains(&PayoutCategory::HealthCheck));
        assert!(!owed(Program::HealthCheck, &m, &paid, date, &p));
        assert!(owed(Program::HealthCheck, &m, &[d("2025-12-31")], date, &p));
        // 疗休养 with a window of 0 years: once in the year.
        let p = with(policy::RECUPERATION_YEARS, "0");
        assert!(!owed(Program::Recuperation, &m, &paid, date, &p));
        assert!(owed(
            Program::Recuperation,
            &m,
            &[d("2025-12-31")],
            date,
            &p
        ));
    }
}
