//! Import of every kind from CSV UTF-8, CSV GBK and XLSX; refusals; all-or-nothing; rejects.

use crate::harness::*;

#[test]
fn help_runs() {
    Env::new().run(&["--help"]).ok().stdout_has("union");
}
