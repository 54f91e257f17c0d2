//! PostgreSQL (issue 16, being built): the same session on a SQLite file and on a PostgreSQL
//! database gives the same outputs, but for the database's name. The PostgreSQL half runs when
//! `UNION_TEST_PG` names a server (`.ci/pg.sh` starts one), and says it was skipped otherwise.

use crate::harness::*;
use union::store::db::Connection;

const PG: (&str, &str) = ("UNION_EXPERIMENTAL_POSTGRES", "1");

/// Without `UNION_EXPERIMENTAL_POSTGRES=1` a PostgreSQL database is refused before any
/// connection is tried, naming it without its password. Pinned whole in both languages.
#[test]
fn a_postgresql_database_is_refused_until_asked_for() {
    for lang in ["zh", "en"] {
        let env = Env::on_file();
        let mut t = Transcript::new(&env, lang);
        t.step(&["--db", "postgresql://city:secret@127.0.0.1:1/union", "init"]);
        t.step(&[
            "--db",
            "postgres://city@db.example/union?password=secret&sslmode=require",
            "people",
            "list",
        ]);
        t.pin("postgres_refused");
    }
}

/// The session: records imported (one row refused), listed, reported, checked; a change made
/// outside union found and named; a batch undone.
fn session(env: &Env, lang: &str, db: &str, outside: &dyn Fn(&str)) -> String {
    let header = "身份证号,姓名,荣誉称号,授予年份,所属地区";
    env.write(
        "people.csv",
        &format!(
            "{header}\n{},王芳,江苏省劳动模范,2015,梁溪区\n{},李强,无锡市劳动模范,2019,滨湖区\n{},赵六😀,,,梁溪区",
            id(1),
            id(2),
            id(3)
        ),
    );
    env.write(
        "payouts.csv",
        &format!(
            "身份证号,姓名,类别,金额(元),发放日期,凭证号\n{},王芳,春节慰问,500,2026-01-20,C1\n{},李强,春节慰问,500,2026-01-21,C2\n{},李强,春节慰问,500,2026-01-22,C3",
            id(1),
            id(2),
            id(2)
        ),
    );
    let mut text = String::new();
    let mut step = |args: &[&str]| {
        let mut all = vec!["--lang", lang, "--db", db];
        all.extend_from_slice(args);
        let r = env.run_with(&all, &[("UNION_EXPERIMENTAL_POSTGRES", "1")]);
        text.push_str(&format!(
            "$ union {}\n[exit {}]\n--- stdout\n{}--- stderr\n{}\n",
            args.join(" "),
            r.code,
            r.stdout.replace(db, "DB"),
            r.stderr.replace(db, "DB")
        ));
    };
    step(&["init"]);
    step(&["import", "people", "people.csv", "--skip-invalid"]);
    step(&["import", "payouts", "payouts.csv", "--skip-invalid"]);
    step(&["people", "list"]);
    step(&["payouts", "list", "--year", "2026"]);
    step(&["check", "payouts", "--year", "2026"]);
    step(&["log", "--verify"]);
    outside("UPDATE people SET name = '王小芳' WHERE name = '王芳'");
    step(&["log", "--verify"]);
    outside("UPDATE people SET name = '王芳' WHERE name = '王小芳'");
    step(&["undo", "2"]);
    step(&["payouts", "list", "--year", "2026"]);
    step(&["log", "--verify"]);
    text
}

/// The same session on SQLite and on PostgreSQL: byte for byte the same outputs, in both
/// languages, but for the database's name.
#[test]
fn a_session_on_postgresql_reads_as_on_sqlite() {
    for lang in ["zh", "en"] {
        let Some(scratch) = PgScratch::new() else {
            return;
        };
        let env = Env::on_file();
        let file = env.path("union.db");
        let on_sqlite = session(&env, lang, "union.db", &|sql| {
            Connection::open(&file).unwrap().execute_batch(sql).unwrap();
        });
        let env = Env::on_file();
        let on_pg = session(&env, lang, &scratch.url, &|sql| {
            Connection::open_postgres(&scratch.url)
                .unwrap()
                .execute_batch(sql)
                .unwrap();
        });
        // The log's head hash covers each entry's time and command line (with its --db), so
        // it differs between any two sessions (`unhashed`); everything else must not.
        assert_eq!(
            unhashed(&on_pg),
            unhashed(&on_sqlite.replace("union.db", "DB")),
            "{lang}"
        );
        assert!(
            on_sqlite.contains("id 1：内容被改动过") || on_sqlite.contains("id 1: "),
            "{on_sqlite}"
        );
    }
}

/// A deterministic generator (xorshift64*) for the random payout files below.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// A payout file an office could send: recipients on file and new (some with another name
/// than the one on file), categories with and without frequency rules, amounts over a ceiling,
/// vouchers reused across rows and files, rows without a voucher, a date that does not exist.
fn random_payouts(rng: &mut Rng, rows: usize, tag: &str) -> String {
    let mut csv = String::from("身份证号,姓名,类别,金额(元),发放日期,凭证号,备注\n");
    let categories = [
        ("送清凉", 800),
        ("医疗互助", 3000),
        ("体检", 400),
        ("春节慰问", 1000),
        ("疗休养", 6000),
    ];
    for i in 0..rows {
        // Recipients not on file all along the file (id() numbers up to 999).
        let person = rng.below(120 + i as u64 / 20) as u32;
        let name = match rng.below(20) {
            0 => "别名".to_string(),
            _ => format!("职工{person}"),
        };
        let (category, base) = categories[rng.below(categories.len() as u64) as usize];
        let amount = match rng.below(25) {
            0 => base * 200,
            _ => base + rng.below(100),
        };
        let date = match rng.below(60) {
            0 => "2025-02-29".to_string(),
            _ => format!("2025-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
        };
        let voucher = match rng.below(6) {
            0 => String::new(),
            1 => format!("V{}", rng.below(40)),
            _ => format!("{tag}{i}"),
        };
        csv.push_str(&format!(
            "{},{name},{category},{amount},{date},{voucher},\n",
            id(person)
        ));
    }
    csv
}

/// The differential test of the import's writer across backends (issue 16: COPY on
/// PostgreSQL, many-row INSERTs on SQLite): random payout files imported with
/// `--skip-invalid`, twice with changes, onto a database holding some of the recipients, give
/// the same stdout, stderr, exit code, rejects file, records and checks on a SQLite file and
/// on PostgreSQL, and verify on both.
#[test]
fn random_payout_files_import_alike_on_both_backends() {
    let Some(scratch) = PgScratch::new() else {
        return;
    };
    let session = |db: &str| -> String {
        let env = Env::on_file();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut people = String::from("姓名,身份证号,所属地区\n");
        for n in (0..120).step_by(3) {
            people.push_str(&format!("职工{n},{},梁溪区\n", id(n)));
        }
        env.write("people.csv", &people);
        let mut out = String::new();
        let step = |out: &mut String, args: &[&str]| {
            let mut full = vec!["--db", db];
            full.extend_from_slice(args);
            let r = env.run_with(&full, &[("UNION_EXPERIMENTAL_POSTGRES", "1")]);
            out.push_str(&format!(
                "$ {}\n[exit {}]\n{}\n{}\n",
                args.join(" "),
                r.code,
                r.stdout,
                r.stderr
            ));
        };
        step(&mut out, &["init"]);
        step(&mut out, &["import", "people", "people.csv"]);
        // The second file is of three batches on PostgreSQL (4,096 rows each): what a batch
        // leaves for the next (ids drawn ahead, a COPY still open) meets the rows after it.
        for (round, (tag, rows)) in [("F", 1500), ("G", 9000), ("F", 1500)].iter().enumerate() {
            env.write("f.csv", &random_payouts(&mut rng, *rows, tag));
            step(&mut out, &["import", "payouts", "f.csv", "--skip-invalid"]);
            let rejects = std::fs::read_to_string(env.path("f.rejects.csv")).unwrap_or_default();
            out.push_str(&format!("== rejects, round {round}\n{rejects}\n"));
            let _ = std::fs::remove_file(env.path("f.rejects.csv"));
        }
        step(
            &mut out,
            &["--format", "csv", "--unmask", "payouts", "list"],
        );
        step(&mut out, &["--format", "csv", "--unmask", "people", "list"]);
        step(
            &mut out,
            &["--format", "csv", "check", "payouts", "--year", "2025"],
        );
        // The ids each backend gave, and which person each payout is of.
        step(
            &mut out,
            &[
                "--format",
                "csv",
                "sql",
                "SELECT id, id_number, created_batch FROM people ORDER BY id",
            ],
        );
        step(
            &mut out,
            &[
                "--format",
                "csv",
                "sql",
                "SELECT id, person_id, voucher, batch_row FROM payouts ORDER BY id",
            ],
        );
        step(&mut out, &["log", "--verify"]);
        out.replace(db, "DB")
            .lines()
            .filter(|l| !l.starts_with("最新一条的哈希"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let on_sqlite = session("u.db");
    let on_pg = session(&scratch.url);
    assert!(on_sqlite.contains("不合格"), "the files have refused rows");
    assert!(on_sqlite.contains("未变"), "the files have rows on file");
    assert_eq!(on_sqlite, on_pg);
}

/// A PostgreSQL date, time or interval column cannot be shown as the store reads values: `union
/// sql` names the column and its type before running the query, and the same value cast to
/// text is shown; in both languages.
#[test]
fn sql_names_a_column_it_cannot_show_and_shows_it_cast_to_text() {
    let Some(scratch) = PgScratch::new() else {
        return;
    };
    let env = Env::on_file();
    let pg = [("UNION_EXPERIMENTAL_POSTGRES", "1")];
    env.run_with(&["--db", &scratch.url, "init"], &pg).ok();
    let sql = "SELECT 1 AS n, DATE '2026-01-02' AS paid, INTERVAL '1 day' AS span";
    let r = env.run_with(&["--db", &scratch.url, "sql", sql], &pg);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            2,
            "",
            "错误：第 2 列“paid”是 date 类型，无法显示：请在查询里用 CAST(… AS TEXT) 把它转成文本；查询没有运行\n"
        )
    );
    let r = env.run_with(&["--lang", "en", "--db", &scratch.url, "sql", sql], &pg);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            2,
            "",
            "error: column 2 (\"paid\") is of type date, which cannot be shown: turn it into text in the query with CAST(… AS TEXT); the query was not run\n"
        )
    );
    let r = env.run_with(
        &[
            "--db",
            &scratch.url,
            "--format",
            "csv",
            "sql",
            "SELECT 1 AS n, CAST(DATE '2026-01-02' AS TEXT) AS paid",
        ],
        &pg,
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "n,paid\n1,2026-01-02\n", "")
    );
}

/// TLS to the server, as a district machine connects over the network: with `sslmode=require`
/// the session is encrypted (the server's own view of the connection says so), with `disable`
/// it is not. (CI's server offers TLS, as Debian's clusters do; the rest of the suite connects
/// without it, which changes nothing union prints and spares the suite the encryption.)
#[test]
fn a_session_is_encrypted_when_the_url_asks_for_tls() {
    let Some(scratch) = PgScratch::new() else {
        return;
    };
    let env = Env::on_file();
    let pg = [("UNION_EXPERIMENTAL_POSTGRES", "1")];
    let base = scratch.url.split('?').next().unwrap_or_default();
    let asked = "SELECT CAST(ssl AS TEXT) AS tls FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
    for (mode, expected) in [("require", "tls\ntrue\n"), ("disable", "tls\nfalse\n")] {
        let url = format!("{base}?sslmode={mode}");
        env.run_with(&["--db", &url, "init"], &pg).ok();
        let r = env.run_with(&["--db", &url, "--format", "csv", "sql", asked], &pg);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (0, expected, ""),
            "sslmode={mode}"
        );
    }
}

/// A PostgreSQL database that says a schema version before union's first on PostgreSQL was not
/// made by union: a command (which upgrades an older database first) refuses to upgrade it and
/// changes nothing. Pinned whole in both languages.
#[test]
fn a_postgresql_database_older_than_the_first_version_is_refused_untouched() {
    let Some(scratch) = PgScratch::new() else {
        return;
    };
    let env = Env::on_file();
    env.run_with(&["--db", &scratch.url, "init"], &[PG]).ok();
    let db = Connection::open_postgres(&scratch.url).unwrap();
    db.execute_batch("UPDATE union_admin.schema_meta SET value = 9 WHERE key = 'user_version'")
        .unwrap();
    let entries = || -> i64 {
        db.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    };
    let r = env.run_with(&["--db", &scratch.url, "init"], &[PG]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (2, "", "错误：这个 PostgreSQL 库的结构版本是 9，而 PostgreSQL 上的库最早是版本 10：它不是 union 建立的，无法升级\n")
    );
    let r = env.run_with(&["--lang", "en", "--db", &scratch.url, "init"], &[PG]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (2, "", "error: this PostgreSQL database says schema version 9, but union made its first PostgreSQL databases at version 10: it was not made by union and cannot be upgraded\n")
    );
    let r = env.run_with(
        &["--lang", "en", "--db", &scratch.url, "people", "list"],
        &[PG],
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (2, "", "error: this PostgreSQL database says schema version 9, but union made its first PostgreSQL databases at version 10: it was not made by union and cannot be upgraded\n")
    );
    assert_eq!(entries(), 1);
}

/// A login whose password is nowhere (no PGPASSWORD, no ~/.pgpass) is told so, not only the
/// driver's "invalid configuration". Pinned whole in both languages.
#[test]
fn a_connection_without_a_password_says_it_is_missing() {
    let Some(scratch) = PgScratch::new() else {
        return;
    };
    let env = Env::on_file();
    env.run_with(&["--db", &scratch.url, "init"], &[PG]).ok();
    let nowhere = env.path("no-pgpass");
    let vars = [
        PG,
        ("PGPASSWORD", ""),
        ("PGPASSFILE", nowhere.to_str().unwrap()),
    ];
    let r = env.run_with(&["--db", &scratch.url, "people", "list"], &vars);
    if r.code == 0 {
        // A server that trusts the login (CI's PostgreSQL 16) asks for no password.
        eprintln!("skipped: the server asked no password");
        return;
    }
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            2,
            "",
            format!(
                "错误：无法连接数据库 {}: invalid configuration: password missing\n",
                scratch.url
            )
            .as_str()
        )
    );
    let r = env.run_with(
        &["--lang", "en", "--db", &scratch.url, "people", "list"],
        &vars,
    );
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            2,
            "",
            format!(
                "error: cannot connect to database {}: invalid configuration: password missing\n",
                scratch.url
            )
            .as_str()
        )
    );
}
