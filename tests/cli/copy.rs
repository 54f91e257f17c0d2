//! `union copy` (issue 16): a whole database copied into an empty one, between SQLite files and
//! PostgreSQL either way, is the same database: the log verifies on it, the year-end report and
//! every export are byte for byte the source's, and undo works there. Refusals leave the target
//! as it was. The PostgreSQL half runs when `UNION_TEST_PG` names a server, and says it was
//! skipped otherwise; `union backup` on PostgreSQL needs no server.

use crate::harness::*;
use union::store::db::Connection;

const PG: (&str, &str) = ("UNION_EXPERIMENTAL_POSTGRES", "1");

/// Every kind `union export` writes.
const EXPORTS: [&str; 11] = [
    "people",
    "honours",
    "studios",
    "namings",
    "studio-results",
    "enterprises",
    "agreements",
    "payouts",
    "hardship",
    "unions",
    "carriers",
];

/// The demo's database and a session on it: an import with a row refused and skipped, a
/// record edited and the edit undone, a policy value set, the office's district set (a
/// settings row, kept by rowid as policy values are).
fn session(env: &Env, db: &str) {
    env.run(&["demo", db]).ok();
    env.write(
        "cooling.csv",
        "身份证号,姓名,类别,金额(元),发放日期,凭证号\n\
         320202197806309761,李红霞,送清凉,200,2025-07-10,QL-1\n\
         320206197202188212,王建伟,送清凉,200,2025-07-10,QL-2\n\
         320206197202188212,王建伟,劳模荣誉津贴,99999,2025-07-10,QL-3\n",
    );
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        env.run_with(&all, &[PG])
    };
    run(&["import", "payouts", "cooling.csv", "--skip-invalid"]).code(1);
    run(&[
        "edit",
        "payouts",
        "QL-1",
        "amount=300",
        "--reason",
        "核对凭证",
    ])
    .ok();
    run(&["undo", "9"]).ok();
    run(&[
        "policy",
        "set",
        "payout.max.summer_cooling",
        "800",
        "--from",
        "2025-01-01",
        "--ref",
        "锡工〔2025〕1号",
    ])
    .ok();
    run(&["init", "--district", "梁溪区"]).ok();
}

/// What must be the same on two databases holding the same records: the year-end report and
/// every export (unmasked), each byte for byte; and the log verifies on each.
fn outputs(env: &Env, db: &str) -> Vec<(String, Vec<u8>)> {
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        env.run_with(&all, &[PG])
    };
    run(&["log", "--verify"]).ok();
    let report = run(&["report", "year-end", "--year", "2025", "--format", "json"]);
    report.ok();
    let mut out = vec![("year-end".to_string(), report.stdout.clone().into_bytes())];
    for kind in EXPORTS {
        let file = env.path("export.csv");
        let _ = std::fs::remove_file(&file);
        run(&["--unmask", "export", kind, "-o", "export.csv"]).ok();
        out.push((kind.to_string(), std::fs::read(&file).expect("the export")));
    }
    out
}

/// Asserts two databases' outputs equal, naming the first that differs.
#[track_caller]
fn assert_same(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) {
    assert_eq!(a.len(), b.len());
    for ((name, x), (_, y)) in a.iter().zip(b) {
        assert!(
            x == y,
            "{name} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(x),
            String::from_utf8_lossy(y)
        );
    }
    assert!(a.iter().all(|(_, x)| !x.is_empty()));
}

/// A copy between two files is the same database: the same outputs, the log verifies with the
/// copy's own entry, and the copy's batches undo there as they would have here. Pinned whole
/// in both languages; the copied database is written to twice over (a new file, then one
/// `union init` made).
#[test]
fn a_copy_between_files_is_the_same_database() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        session(&env, "a.db");
        let mut t = Transcript::new(&env, lang);
        t.step(&["copy", "--from", "a.db", "--to", "b.db"]);
        t.step(&["--db", "b.db", "log", "--verify"]);
        let (a, b) = (outputs(&env, "a.db"), outputs(&env, "b.db"));
        assert_same(&a, &b);
        t.step(&["--db", "b.db", "undo", "8"]);
        t.step(&["--db", "b.db", "log", "--verify"]);
        t.step(&["--db", "c.db", "init"]);
        t.step(&["--format", "json", "copy", "--from", "a.db", "--to", "c.db"]);
        t.step(&["--db", "c.db", "log", "--verify"]);
        t.text = unhashed(&t.text);
        t.pin("copy_files");
        assert_same(&a, &outputs(&env, "c.db"));
    }
}

/// SQLite → PostgreSQL → SQLite: the same outputs at every step; the log verifies on each;
/// on PostgreSQL the next record added takes the id after the copied ones (the identities
/// were moved) and undo works. Pinned whole in both languages.
#[test]
fn a_copy_through_postgresql_and_back_is_the_same_database() {
    for lang in ["zh", "en"] {
        let Some(pg) = PgScratch::new() else {
            return;
        };
        let env = Env::new();
        session(&env, "a.db");
        let mut t = Transcript::new(&env, lang).with_server(&pg.url, "PG");
        t.step(&["copy", "--from", "a.db", "--to", &pg.url]);
        t.step(&["--db", &pg.url, "log", "--verify"]);
        t.step(&["copy", "--from", &pg.url, "--to", "b.db"]);
        t.step(&["--db", "b.db", "log", "--verify"]);
        let a = outputs(&env, "a.db");
        assert_same(&a, &outputs(&env, &pg.url));
        assert_same(&a, &outputs(&env, "b.db"));
        env.write(
            "more.csv",
            "身份证号,姓名,类别,金额(元),发放日期,凭证号\n\
             320202197806309761,李红霞,送清凉,200,2025-07-11,QL-9\n",
        );
        t.step(&["--db", &pg.url, "import", "payouts", "more.csv"]);
        t.step(&[
            "--db", &pg.url, "payouts", "show", "QL-9", "--format", "csv",
        ]);
        t.step(&["--db", &pg.url, "undo", "8"]);
        t.step(&["--db", &pg.url, "log", "--verify"]);
        t.text = unhashed(&t.text);
        t.pin("copy_postgres");
        // Between two PostgreSQL databases too; the same database named in other words (the
        // host by name, not address) is the same database.
        let Some(other) = PgScratch::new() else {
            return;
        };
        env.run_with(&["copy", "--from", &pg.url, "--to", &other.url], &[PG])
            .ok();
        assert_same(&outputs(&env, &pg.url), &outputs(&env, &other.url));
        if let Some(by_name) =
            Some(other.url.replace("@127.0.0.1:", "@localhost:")).filter(|u| *u != other.url)
        {
            let r = env.run_with(
                &[
                    "--lang", lang, "copy", "--from", &other.url, "--to", &by_name,
                ],
                &[PG],
            );
            r.code(2);
            let said = match lang {
                "zh" => format!("错误：--from 和 --to 是同一个数据库（{by_name}）：没有复制任何内容\n"),
                _ => format!(
                    "error: --from and --to name the same database ({by_name}): nothing was copied\n"
                ),
            };
            assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("", said.as_str()));
        }
    }
}

/// A copy keeps what the log vouches for, and what it does not: a log sealed with an audit key
/// is copied only with that key (and verifies with it on the target), and a record changed
/// outside union before the copy is named on the target as on the source — the copy does not
/// seal it as union's. Pinned whole in both languages.
#[test]
fn a_copy_keeps_the_log_s_word() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        let key = [("UNION_AUDIT_KEY", "sekrit")];
        env.run_with(&["--db", "keyed.db", "init"], &key).ok();
        env.write("people.csv", "身份证号,姓名\n320202197806309761,李红霞\n");
        env.run_with(
            &["--db", "keyed.db", "import", "people", "people.csv"],
            &key,
        )
        .ok();
        env.run(&["--db", "plain.db", "import", "people", "people.csv"])
            .ok();
        Connection::open(&env.path("plain.db"))
            .unwrap()
            .execute_batch("UPDATE people SET name = '李虹霞'")
            .unwrap();
        let mut t = Transcript::new(&env, lang);
        t.step(&["copy", "--from", "keyed.db", "--to", "k.db"]);
        env.write("wrong.txt", "secret\n");
        env.write("key.txt", "sekrit\n");
        t.step(&[
            "--key-file",
            "wrong.txt",
            "copy",
            "--from",
            "keyed.db",
            "--to",
            "k.db",
        ]);
        t.step(&[
            "--key-file",
            "key.txt",
            "copy",
            "--from",
            "keyed.db",
            "--to",
            "k.db",
        ]);
        t.step(&["--key-file", "key.txt", "--db", "k.db", "log", "--verify"]);
        t.step(&["--db", "k.db", "log", "--verify"]);
        t.step(&["copy", "--from", "plain.db", "--to", "p.db"]);
        t.step(&["--db", "plain.db", "log", "--verify"]);
        t.step(&["--db", "p.db", "log", "--verify"]);
        t.text = unhashed(&t.text);
        t.pin("copy_trust");
    }
}

/// What a copy refuses, each before it writes anything: a source that is not there, the same
/// database twice, a target with records, a database of another schema version either side, a
/// source holding a trigger union does not make, a target whose structure was changed by hand
/// or that holds such a trigger. Pinned whole in both languages; the targets
/// are left as they were (none made where there was none).
#[test]
fn copies_are_refused_with_their_reasons() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        env.run(&["--db", "u.db", "init"]).ok();
        env.write(
            "people.csv",
            "身份证号,姓名\n320202197806309761,李红霞\n320206197202188212,王建伟\n",
        );
        env.run(&["--db", "full.db", "import", "people", "people.csv"])
            .ok();
        let old = env.path("v9.db");
        {
            let conn = Connection::open(&old).unwrap();
            conn.execute_batch(include_str!("../fixtures/schema_v9.sql"))
                .unwrap();
            conn.execute_batch("PRAGMA application_id = 1431193935; PRAGMA user_version = 9;")
                .unwrap();
        }
        env.run(&["--db", "new.db", "init"]).ok();
        Connection::open(&env.path("new.db"))
            .unwrap()
            .execute_batch("PRAGMA user_version = 11;")
            .unwrap();
        env.run(&["--db", "hooked.db", "init"]).ok();
        Connection::open(&env.path("hooked.db"))
            .unwrap()
            .execute_batch(
                "CREATE TRIGGER quiet AFTER INSERT ON payouts BEGIN
                     UPDATE payouts SET amount = 1 WHERE id = NEW.id; END;",
            )
            .unwrap();
        env.run(&["--db", "drifted.db", "init"]).ok();
        env.run(&["--db", "trap.db", "init"]).ok();
        Connection::open(&env.path("drifted.db"))
            .unwrap()
            .execute_batch("CREATE INDEX mine ON people(name, mobile);")
            .unwrap();
        Connection::open(&env.path("trap.db"))
            .unwrap()
            .execute_batch(
                "CREATE TRIGGER trap AFTER INSERT ON people BEGIN
                     UPDATE people SET mobile = NULL WHERE id = NEW.id; END;",
            )
            .unwrap();
        let mut t = Transcript::new(&env, lang);
        t.step(&["copy", "--from", "missing.db", "--to", "t.db"]);
        t.step(&["copy", "--from", "u.db", "--to", "./u.db"]);
        t.step(&["copy", "--from", "u.db", "--to", "full.db"]);
        t.step(&["copy", "--from", "v9.db", "--to", "t.db"]);
        t.step(&["copy", "--from", "u.db", "--to", "v9.db"]);
        t.step(&["copy", "--from", "new.db", "--to", "t.db"]);
        t.step(&["copy", "--from", "hooked.db", "--to", "t.db"]);
        t.step(&["copy", "--from", "u.db", "--to", "drifted.db"]);
        t.step(&["copy", "--from", "u.db", "--to", "trap.db"]);
        t.step(&["--db", "full.db", "people", "list"]);
        t.pin("copy_refused");
        assert!(!env.path("t.db").exists());
        let version: i64 = Connection::open(&old)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 9);
    }
}

/// A copy that fails part-way (a payout naming a person not on file, written into the
/// source by hand: refused by the target's foreign key once the people are copied) leaves
/// the target as it was: still empty, so the copy of a sound source goes in afterwards.
#[test]
fn a_copy_failing_half_way_leaves_the_target_as_it_was() {
    let env = Env::new();
    session(&env, "a.db");
    env.run(&["--db", "a.db", "backup", "broken.db"]).ok();
    Connection::open(&env.path("broken.db"))
        .unwrap()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO payouts (id, person_id, category, amount, paid_on)
                 VALUES (9999, 4242, 'summer_cooling', 100, '2025-07-01');",
        )
        .unwrap();
    env.run(&["--db", "t.db", "init"]).ok();
    let before = env.run(&["--db", "t.db", "log"]);
    let failed = env.run(&["copy", "--from", "broken.db", "--to", "t.db"]);
    failed.code(2);
    assert_eq!(failed.stdout, "");
    assert_eq!(
        failed.stderr,
        "错误：复制表 payouts 时出错（FOREIGN KEY constraint failed），目标数据库没有任何改动\n"
    );
    let after = env.run(&["--db", "t.db", "log"]);
    assert_eq!(after.stdout, before.stdout);
    env.run(&["--db", "t.db", "people", "list", "--format", "csv"])
        .ok();
    env.run(&["copy", "--from", "a.db", "--to", "t.db"]).ok();
    assert_same(&outputs(&env, "a.db"), &outputs(&env, "t.db"));
}

/// On PostgreSQL: a value SQLite kept that PostgreSQL cannot (text in a number column, put
/// there by hand) refuses the copy naming the row, column and value; the target, written up to
/// that table, is left empty, and takes a sound copy afterwards. A copy into a PostgreSQL
/// database with records is refused; one whose process is killed half-way leaves it empty.
#[test]
fn a_failed_or_killed_copy_leaves_a_postgresql_target_empty() {
    let env = Env::new();
    session(&env, "a.db");
    env.run(&["--db", "a.db", "backup", "odd.db"]).ok();
    Connection::open(&env.path("odd.db"))
        .unwrap()
        .execute_batch("UPDATE payouts SET amount = '三百' WHERE voucher = 'QL-2';")
        .unwrap();
    for lang in ["zh", "en"] {
        let Some(pg) = PgScratch::new() else {
            return;
        };
        let mut t = Transcript::new(&env, lang).with_server(&pg.url, "PG");
        t.step(&["copy", "--from", "odd.db", "--to", &pg.url]);
        t.step(&["--db", &pg.url, "people", "list"]);
        t.step(&["copy", "--from", "a.db", "--to", &pg.url]);
        t.step(&["copy", "--from", "a.db", "--to", &pg.url]);
        t.step(&["copy", "--from", &pg.url, "--to", &pg.url]);
        t.text = unhashed(&t.text);
        t.pin("copy_postgres_refused");
        if lang == "zh" {
            assert_same(&outputs(&env, "a.db"), &outputs(&env, &pg.url));
        }
    }

    // Killed: a source big enough to be stopped half-way.
    let Some(second) = PgScratch::new() else {
        return;
    };
    let big = env.path("big.db");
    env.run(&["--db", "big.db", "init"]).ok();
    Connection::open(&big)
        .unwrap()
        .execute_batch(
            "INSERT INTO people (id, name, id_number, gender, birth_date)
                 VALUES (1, '甲', '320281196001010018', '男', '1960-01-01');
             INSERT INTO payouts (person_id, category, amount, paid_on, voucher)
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
                 SELECT 1, 'summer_cooling', 100, '2025-07-01', 'V' || i FROM n;",
        )
        .unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_union"))
        .args(["copy", "--from", "big.db", "--to", &second.url])
        .current_dir(env.dir())
        .env(PG.0, PG.1)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once it is writing the payouts (the people are in by then, uncommitted).
    let server = Connection::open_postgres(&second.url).unwrap();
    let started = std::time::Instant::now();
    loop {
        let writing: i64 = server
            .query_row(
                "SELECT count(*) FROM pg_stat_activity
                  WHERE datname = current_database() AND query LIKE 'COPY \"payouts\"%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        if writing > 0 || started.elapsed() > std::time::Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(server);
    assert!(
        child.try_wait().unwrap().is_none(),
        "the copy ended before it was killed"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    let rows = |sql: &str| -> i64 {
        let conn = Connection::open_postgres(&second.url).unwrap();
        // The server notices the client gone within moments; its transaction is rolled back.
        for _ in 0..200 {
            let open: i64 = conn
                .query_row(
                    "SELECT count(*) FROM pg_stat_activity
                      WHERE datname = current_database() AND pid <> pg_backend_pid()
                        AND backend_type = 'client backend'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            if open == 0 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    };
    assert_eq!(rows("SELECT count(*) FROM payouts"), 0);
    assert_eq!(rows("SELECT count(*) FROM people"), 0);
    assert_eq!(
        rows("SELECT count(*) FROM audit_log WHERE action <> 'init'"),
        0
    );
}

/// `union backup` on a PostgreSQL database writes nothing and says that pg_dump is the backup,
/// with the command to run (the URL without its password) and how to restore. Exit 2: no
/// backup was made. Pinned whole in both languages; no server is needed.
#[test]
fn backup_of_a_postgresql_database_is_pg_dump() {
    for lang in ["zh", "en"] {
        let env = Env::new();
        let mut t = Transcript::new(&env, lang);
        t.step(&[
            "--db",
            "postgresql://city:s3cret@db.example:5432/union_city?sslmode=require",
            "backup",
            "备份/city 2026-11-30.dump",
        ]);
        t.step(&[
            "--db",
            "postgres://city@db.example/union_city",
            "backup",
            "city.dump",
        ]);
        t.pin("backup_postgres");
        // Only where the transcript shows the command line typed.
        assert_eq!(t.text.matches("s3cret").count(), 1);
        assert!(!env.path("city.dump").exists());
    }
}
