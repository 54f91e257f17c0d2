//! A small fluent harness: a temp dir, files written in it (UTF-8, GBK, real XLSX), and the
//! `union` binary run inside it with a clean environment.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temp directory to run `union` in; `union.db` there is the default database.
pub struct Env {
    dir: tempfile::TempDir,
    /// With `UNION_TEST_BACKEND=postgres`: the PostgreSQL database that stands for `union.db`.
    pg: Option<PgScratch>,
}

/// A PostgreSQL database of its own on the server `UNION_TEST_PG` names, dropped afterwards.
pub struct PgScratch {
    admin: union::store::db::Connection,
    name: String,
    pub url: String,
}

impl PgScratch {
    /// A new database, or None (saying so once) without `UNION_TEST_PG`.
    pub fn new() -> Option<PgScratch> {
        let Ok(base) = std::env::var("UNION_TEST_PG") else {
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "UNION_TEST_PG is not set: the PostgreSQL half of the CLI tests was skipped"
                );
            });
            return None;
        };
        let admin = union::store::db::Connection::open_postgres(&base).expect("UNION_TEST_PG");
        static COUNT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let name = format!("union_cli_{}_{n}", std::process::id());
        admin
            .execute_batch(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .unwrap();
        admin
            .execute_batch(&format!(
                "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
            ))
            .unwrap();
        let (head, query) = base
            .split_once('?')
            .map_or((base.as_str(), None), |(h, q)| (h, Some(q)));
        let (server, _) = head.rsplit_once('/').expect("a database in UNION_TEST_PG");
        let url = match query {
            Some(q) => format!("{server}/{name}?{q}"),
            None => format!("{server}/{name}"),
        };
        Some(PgScratch { admin, name, url })
    }
}

impl PgScratch {
    /// The database's name (office logins of a test start with it, so that tests running at
    /// once on one server, whose roles are the server's, never meet).
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for PgScratch {
    fn drop(&mut self) {
        let _ = self.admin.execute_batch(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
        let _ = union::store::offices::drop_roles(&self.admin, &self.name);
    }
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, printing both streams when it differs.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn ok(&self) -> &Run {
        self.code(0)
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

impl Env {
    /// A temp dir; with `UNION_TEST_BACKEND=postgres` (and `UNION_TEST_PG`), the default
    /// database is a PostgreSQL database of its own instead of `union.db`, named `union.db` in
    /// the outputs: the suite's measure of what runs on PostgreSQL (issue 16).
    pub fn new() -> Env {
        let pg = match std::env::var("UNION_TEST_BACKEND").as_deref() {
            Ok("postgres") => {
                Some(PgScratch::new().expect("UNION_TEST_PG for UNION_TEST_BACKEND=postgres"))
            }
            _ => None,
        };
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
            pg,
        }
    }

    /// A temp dir whose default database is the SQLite file `union.db` in either mode of the
    /// suite: for a test that compares the two backends, or is about the SQLite file.
    pub fn on_file() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
            pg: None,
        }
    }

    /// Runs SQL straight on the default database (`union.db`, or the PostgreSQL database that
    /// stands for it): for a fixture no command writes, or a change made outside union.
    #[track_caller]
    pub fn sql(&self, sql: &str) {
        self.conn().execute_batch(sql).expect("run the SQL");
    }

    /// A connection to the default database, whichever backend stands for it (store's own
    /// connection type, whose SQL takes `?1` parameters on both): for reading or changing it
    /// from outside union, as someone with another tool would.
    #[track_caller]
    pub fn conn(&self) -> union::store::db::Connection {
        match &self.pg {
            Some(pg) => union::store::db::Connection::open_postgres(&pg.url),
            None => union::store::db::Connection::open(&self.path("union.db")),
        }
        .expect("open the database")
    }

    /// Whether the default database is a PostgreSQL database (the suite's PostgreSQL mode):
    /// for a test that must choose a statement by backend.
    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// Whether this test's subject exists only in a SQLite file (the file on disk, its
    /// permissions, SQLite's own catalogue), so that it does not run in the PostgreSQL mode of
    /// the suite; says so, with the reason, on stderr.
    pub fn file_only(&self, why: &str) -> bool {
        if self.pg.is_some() {
            eprintln!("skipped on PostgreSQL: {why}");
        }
        self.pg.is_some()
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes UTF-8 text (no BOM).
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        self.write_bytes(name, text.as_bytes())
    }

    pub fn write_bytes(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, bytes).expect("write");
        p
    }

    /// Writes text encoded as GBK, as Excel's plain "CSV" does on Chinese Windows.
    pub fn write_gbk(&self, name: &str, text: &str) -> PathBuf {
        let (bytes, _, bad) = encoding_rs::GBK.encode(text);
        assert!(!bad, "text not representable in GBK");
        self.write_bytes(name, &bytes)
    }

    /// Writes a real workbook with rust_xlsxwriter: one sheet, every cell as text (as an admin
    /// who formats ID columns as text would have it), except cells written as `#123.45`,
    /// which become numbers, and `@2024-01-05`, which become date cells.
    pub fn write_xlsx(&self, name: &str, sheet: &str, rows: &[Vec<String>]) -> PathBuf {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let p = self.path(name);
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name(sheet).expect("sheet name");
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if v.is_empty() {
                    continue;
                }
                if let Some(n) = v.strip_prefix('#') {
                    ws.write_number(r, c, n.parse::<f64>().expect("number"))
                        .expect("write");
                } else if let Some(d) = v.strip_prefix('@') {
                    let dt = ExcelDateTime::parse_from_str(d).expect("date");
                    ws.write_datetime_with_format(r, c, &dt, &date)
                        .expect("write");
                } else {
                    ws.write_string(r, c, v).expect("write");
                }
            }
        }
        book.save(&p).expect("save xlsx");
        p
    }

    /// Runs `union ARGS` in the temp dir with a clean environment (no UNION_DB/UNION_LANG, no
    /// window size: tables are drawn whole). `UNION_TEST_BIN` names another binary to run
    /// instead of this tree's (to pin the outputs of an earlier build, say).
    /// The command `run` runs, for a test that spawns it (several at once) itself.
    pub fn command(&self, args: &[&str]) -> Command {
        let bin = std::env::var_os("UNION_TEST_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_union").into());
        // `--db union.db` names the default database, whichever backend stands for it.
        let args = args.iter().map(|a| match &self.pg {
            Some(pg) if *a == "union.db" => pg.url.as_str(),
            _ => a,
        });
        let mut command = Command::new(bin);
        command
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("UNION_DB")
            .env_remove("UNION_LANG")
            .env_remove("COLUMNS")
            .env_remove("LINES")
            .env("NO_COLOR", "1")
            // The operator the log records: the same whoever runs the tests.
            .env("USER", "clerk")
            .env_remove("LOGNAME")
            .envs(self.pg.iter().flat_map(|pg| {
                [
                    ("UNION_DB", pg.url.as_str()),
                    ("UNION_EXPERIMENTAL_POSTGRES", "1"),
                ]
            }));
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    /// `run`, with environment variables set (`COLUMNS` to fix the window's width).
    pub fn run_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Run {
        self.run_fed(args, vars, None)
    }

    /// `run_with`, with `input` on standard input (none: standard input is empty).
    pub fn run_fed(&self, args: &[&str], vars: &[(&str, &str)], input: Option<&str>) -> Run {
        use std::io::Write;
        let mut child = self
            .command(args)
            .envs(vars.iter().copied())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run union");
        let mut stdin = child.stdin.take().expect("stdin");
        // A command that does not read its input may have ended already.
        let _ = stdin.write_all(input.unwrap_or("").as_bytes());
        drop(stdin);
        let out = child.wait_with_output().expect("run union");
        let text = |bytes: &[u8]| {
            let t = String::from_utf8_lossy(bytes).into_owned();
            match &self.pg {
                // The blank database the harness made stands for a file not made yet: union
                // says "empty" where a file would be "missing", the same case and the same
                // advice (run `union init`).
                Some(pg) => t
                    .replace(&pg.url, "union.db")
                    .replace(
                        "数据库文件 union.db 是空的，尚未初始化：先运行 union init（本命令不会创建数据库）",
                        "数据库文件 union.db 不存在：先运行 union init，或用 --db 指定文件",
                    )
                    .replace(
                        "database file union.db is empty, not initialised: run `union init` first (this command does not create databases)",
                        "database union.db does not exist: run `union init` first, or pass --db",
                    ),
                None => t,
            }
        };
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: text(&out.stdout),
            stderr: text(&out.stderr),
        }
    }
}

/// A session of commands in one language, each with its whole output, pinned against
/// `tests/cli/snapshots/NAME.LANG.txt` (rewritten with `UNION_WRITE_GOLDEN=1`).
pub struct Transcript<'a> {
    env: &'a Env,
    lang: &'a str,
    pub text: String,
    /// A PostgreSQL database's URL and the name the transcript gives it, when one is used.
    server: Option<(String, String)>,
}

impl<'a> Transcript<'a> {
    pub fn new(env: &'a Env, lang: &'a str) -> Transcript<'a> {
        Transcript {
            env,
            lang,
            text: String::new(),
            server: None,
        }
    }

    /// Lets the steps use the PostgreSQL database `url` (UNION_EXPERIMENTAL_POSTGRES=1), named
    /// `name` wherever the transcript would show its URL (which changes from run to run).
    pub fn with_server(mut self, url: &str, name: &str) -> Self {
        self.server = Some((url.to_string(), name.to_string()));
        self
    }

    /// Runs `union --lang LANG ARGS` and adds the command, its exit code and both streams.
    pub fn step(&mut self, args: &[&str]) -> &mut Self {
        let mut all = vec!["--lang", self.lang];
        all.extend_from_slice(args);
        let r = match &self.server {
            Some(_) => self
                .env
                .run_with(&all, &[("UNION_EXPERIMENTAL_POSTGRES", "1")]),
            None => self.env.run(&all),
        };
        let shown = |t: &str| match &self.server {
            Some((url, name)) => t.replace(url.as_str(), name),
            None => t.to_string(),
        };
        self.text.push_str(&shown(&format!(
            "$ union {}\n[exit {}]\n--- stdout\n{}--- stderr\n{}\n",
            args.join(" "),
            r.code,
            r.stdout,
            r.stderr
        )));
        self
    }

    /// [`Transcript::step`] with the arguments split at blanks.
    pub fn line(&mut self, args: &str) -> &mut Self {
        self.step(&args.split_whitespace().collect::<Vec<_>>())
    }

    /// Compares the transcript with its snapshot.
    #[track_caller]
    pub fn pin(&self, name: &str) {
        pin(name, self.lang, &self.text);
    }
}

/// Compares `text` with the snapshot `tests/cli/snapshots/NAME.LANG.txt` (rewritten with
/// `UNION_WRITE_GOLDEN=1`).
#[track_caller]
pub fn pin(name: &str, lang: &str, text: &str) {
    let file = format!(
        "{}/tests/cli/snapshots/{name}.{lang}.txt",
        env!("CARGO_MANIFEST_DIR"),
    );
    if std::env::var_os("UNION_WRITE_GOLDEN").is_some() {
        std::fs::write(&file, text).expect("write snapshot");
    }
    let expected = std::fs::read_to_string(&file).unwrap_or_default();
    assert_eq!(text, expected, "{name}.{lang}");
}

/// `text` with every run of 64 hex digits (a log entry's hash, which covers its time and
/// command line and so differs between any two runs) written `HASH`.
pub fn unhashed(text: &str) -> String {
    let mut out = text.to_string();
    let bytes = text.as_bytes();
    let run = (0..bytes.len().saturating_sub(63))
        .filter(|&i| bytes[i..i + 64].iter().all(u8::is_ascii_hexdigit))
        .collect::<Vec<_>>();
    for &i in run.iter().rev() {
        if run.contains(&(i + 1)) {
            continue;
        }
        out.replace_range(i..i + 64, "HASH");
    }
    out
}

/// Splits CSV-ish test text into rows of cells (no quoting), for `write_xlsx`.
pub fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// Valid fictitious ID numbers, check characters computed by hand-checked algorithm in the
/// unit tests of `domain::id_number`.
pub fn id_with_check(first17: &str) -> String {
    format!("{first17}{}", union::domain::id_number::check_char(first17))
}

/// The `n`th valid fictitious ID number of a man born 1970-01-01.
pub fn id(n: u32) -> String {
    id_with_check(&format!("32010219700101{n:03}"))
}

/// A valid credit code from its first 17 characters.
pub fn credit_with_check(first17: &str) -> String {
    format!(
        "{first17}{}",
        union::domain::credit_code::check_char(first17).expect("valid charset")
    )
}
