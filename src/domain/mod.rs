//! Pure types and rules, no I/O: cells, validated values (ID numbers, credit codes, money in
//! fen, dates), the vocabularies of the ledgers, typed records, and masking. Nothing here reads
//! the clock: "today" is always passed in.

pub mod allowance;
pub mod carriers;
pub mod cell;
pub mod codes;
pub mod credit_code;
pub mod eligibility;
pub mod hardship;
pub mod honour;
pub mod id_number;
pub mod invalid;
pub mod mask;
pub mod payout_rules;
pub mod period;
pub mod person;
pub mod policy;
pub mod records;
pub mod unions;
pub mod values;
