//! `union`: a records tool for trade-union federations.
//!
//! Data flows one way: a spreadsheet's bytes become typed records ([`import`]), records are
//! judged by rules ([`domain`]), the [`store`] keeps them in one SQLite file, reports read them
//! back ([`report`]). [`commands`] is the glue behind each subcommand of [`cli`]; every string a
//! user reads comes from the catalogue in [`i18n`].

pub mod cli;
pub mod commands;
pub mod domain;
pub mod i18n;
pub mod import;
pub mod output;
pub mod report;
pub mod store;

pub use commands::Outcome;

/// Runs a parsed command line.
pub fn run(cli: cli::Cli) -> anyhow::Result<Outcome> {
    report::table::set_paging(match (cli.all, cli.limit) {
        (true, _) => report::table::Paging::All,
        (false, Some(n)) => report::table::Paging::Limit(n),
        (false, None) => report::table::Paging::Screen,
    });
    report::style::set(match cli.color {
        cli::ColorArg::Auto => report::style::When::Auto,
        cli::ColorArg::Never => report::style::When::Never,
        cli::ColorArg::Always => report::style::When::Always,
    });
    commands::dispatch(cli)
}
