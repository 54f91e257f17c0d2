//! The one integration-test binary: drives the real `union` executable in a temp dir and pins
//! stdout, stderr and exit codes. Each area has its own module; the harness is shared.

mod harness;

mod allowances;
mod arguments;
mod carriers;
mod commands;
mod copy;
mod eligibility;
mod formats;
mod fuzz;
mod hardship;
mod honours;
mod import;
mod ledger;
mod messy15;
mod offices;
mod outputs;
mod postgres;
mod query;
mod reports;
mod rollup;
mod screen;
mod sheets;
mod sources;
mod trust;
mod unions;
