//! PostgreSQL (issue 16, being built): the same session on a SQLite file and on a PostgreSQL
//! database gives the same outputs, but for the database's name. The PostgreSQL half runs when
//! `UNION_TEST_PG` names a server (`.ci/pg.sh` starts one), and says it was skipped otherwise.

use crate::harness::*;
use union::store::db::Connection;

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
