//! Trust: crash safety, concurrent writers, undo, the audit chain, backups, migrations and the
//! mode of new files.

use crate::harness::*;
use rusqlite::Connection;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use union::store::db::Connection as Db;

pub(crate) const PAYOUT_HEADER: &str = "身份证号,姓名,类别,金额(元),发放日期,凭证号,备注\n";

/// A payout CSV of `n` rows for `people` distinct fictitious people, vouchers prefixed `tag`.
pub(crate) fn payouts_csv(tag: &str, n: usize, people: usize) -> String {
    let mut s = String::from(PAYOUT_HEADER);
    let offset = usize::from(tag.as_bytes()[0].saturating_sub(b'A')) * 5_000;
    for i in 0..n {
        let p = i % people + offset;
        let id = id_with_check(&format!(
            "320102{:04}{:02}{:02}{:03}",
            1960 + p % 40,
            1 + p % 12,
            1 + p % 28,
            p % 1000
        ));
        s.push_str(&format!(
            "{id},职工{p},送清凉,{}.00,2025-07-{:02},{tag}{i:08},\n",
            100 + i % 50,
            1 + i % 28
        ));
    }
    s
}

/// Everything a database holds, reduced to comparable numbers per table.
fn digest(db: &std::path::Path) -> Vec<(String, i64, i64)> {
    let conn = Connection::open(db).expect("open");
    let mut out = Vec::new();
    for t in [
        "people",
        "honours",
        "payouts",
        "hardship_files",
        "import_batches",
        "batch_changes",
        "audit_log",
    ] {
        let (n, max): (i64, Option<i64>) = conn
            .query_row(&format!("SELECT count(*), max(id) FROM {t}"), [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("count");
        out.push((t.to_string(), n, max.unwrap_or(0)));
    }
    let sum: Option<i64> = conn
        .query_row("SELECT sum(amount) FROM payouts", [], |r| r.get(0))
        .expect("sum");
    out.push(("payouts.amount".into(), sum.unwrap_or(0), 0));
    out
}

pub(crate) fn integrity(db: &std::path::Path) -> String {
    let conn = Connection::open(db).expect("open");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

#[test]
fn sigkill_in_the_middle_of_an_import_leaves_the_file_as_it_was() {
    // Its subject is the SQLite file: its write-ahead log and SQLite's own integrity check.
    let env = Env::on_file();
    env.write("small.csv", &payouts_csv("A", 50, 10));
    env.run(&["import", "payouts", "small.csv"]).ok();
    let before = digest(&env.path("union.db"));

    env.write("big.csv", &payouts_csv("B", 150_000, 5_000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_union"))
        .args(["import", "payouts", "big.csv"])
        .current_dir(env.dir())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // Let the import get under way (150,000 rows take seconds in a debug build), then kill
    // it while it is still running. Its writes sit in the page cache and the write-ahead log,
    // uncommitted.
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(700) {
        assert!(
            child.try_wait().expect("wait").is_none(),
            "the import finished before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        child.try_wait().expect("wait").is_none(),
        "the import finished before it could be killed"
    );
    child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix
    child.wait().expect("reap");

    assert_eq!(integrity(&env.path("union.db")), "ok");
    assert_eq!(digest(&env.path("union.db")), before);
    env.run(&["log", "--verify"]).ok();
}

#[test]
fn two_imports_started_together_both_succeed() {
    let env = Env::new();
    env.write("a.csv", &payouts_csv("A", 3_000, 300));
    env.write("b.csv", &payouts_csv("C", 3_000, 300));
    let spawn = |file: &str| {
        env.command(&["import", "payouts", file])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let a = spawn("a.csv");
    let b = spawn("b.csv");
    for child in [a, b] {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "an import failed: {stderr}");
        assert!(!stderr.contains("locked"), "{stderr}");
    }
    let run = env.run(&["sql", "SELECT count(*) AS n FROM payouts"]);
    run.ok();
    assert_eq!(
        env.run(&[
            "--format",
            "json",
            "sql",
            "SELECT count(*) AS n FROM payouts"
        ])
        .json()[0]["n"],
        6000
    );
}

#[test]
fn undo_removes_what_a_batch_added_and_restores_what_it_changed() {
    let env = Env::new();
    let mut first = payouts_csv("A", 5, 5);
    env.write("p1.csv", &first);
    env.run(&["import", "payouts", "p1.csv"])
        .ok()
        .stdout_has("新增 5")
        .stdout_has("批次 1");
    let before = env
        .run(&["--format", "json", "--unmask", "payouts", "list"])
        .stdout
        .clone();

    // Batch 2 changes one note and adds one payout.
    first = first.replace("A00000002,", "A00000002,更正");
    first.push_str(&payouts_csv("Z", 1, 1).replace(PAYOUT_HEADER, ""));
    env.write("p2.csv", &first);
    env.run(&["import", "payouts", "p2.csv"])
        .ok()
        .stdout_has("新增 1，更新 1，未变 4");

    // The new payout and its new recipient are removed; the changed note is put back.
    env.run(&["import", "undo", "2"])
        .ok()
        .stdout_has("已撤销批次 2：删除 2 条新增记录，恢复 1 条被修改或删除的记录");
    assert_eq!(
        env.run(&["--format", "json", "--unmask", "payouts", "list"])
            .stdout,
        before
    );
    env.run(&["import", "undo", "2"])
        .code(1)
        .stderr_has("批次 2 已经撤销过了");
    env.run(&["import", "undo", "9"])
        .code(2)
        .stderr_has("没有编号为 9 的批次");
    let list = env.run(&["--format", "json", "import", "list"]).json();
    assert_eq!(list[1]["kind"], "payouts");
    assert!(list[1]["undone_at"].is_string());
    assert!(list[0]["undone_at"].is_null());
}

#[test]
fn undo_is_refused_when_a_later_batch_changed_the_same_records() {
    let env = Env::new();
    let data = payouts_csv("A", 3, 3);
    env.write("p1.csv", &data);
    env.run(&["import", "payouts", "p1.csv"]).ok();
    env.write("p2.csv", &data.replace("A00000001,", "A00000001,改"));
    env.run(&["import", "payouts", "p2.csv"])
        .ok()
        .stdout_has("更新 1");
    env.run(&["import", "undo", "1"])
        .code(1)
        .stderr_has("不能撤销批次 1：之后的批次 2 又修改了同一批记录（发放记录）；请先撤销批次 2");
    env.run(&["--lang", "en", "import", "undo", "1"])
        .code(1)
        .stderr_has(
        "cannot undo batch 1: later batch 2 changed the same records (payouts); undo batch 2 first",
    );
    env.run(&["import", "undo", "2"]).ok();
    env.run(&["import", "undo", "1"]).ok();
    assert_eq!(
        env.run(&[
            "--format",
            "json",
            "sql",
            "SELECT count(*) AS n FROM payouts"
        ])
        .json()[0]["n"],
        0
    );
}

#[test]
fn undo_is_refused_while_later_records_depend_on_what_it_added() {
    let env = Env::new();
    let id = id_with_check("32010219800101001");
    env.write(
        "h.csv",
        &format!("身份证号,姓名,困难类型,建档日期\n{id},张三,相对困难,2024-01-01\n"),
    );
    env.run(&["import", "hardship", "h.csv"]).ok(); // batch 1 adds 张三
    env.write(
        "p.csv",
        &format!("{PAYOUT_HEADER}{id},张三,困难帮扶,500,2024-02-01,V1,\n"),
    );
    env.run(&["import", "payouts", "p.csv"]).ok(); // batch 2 pays 张三
    env.run(&["import", "undo", "1"])
        .code(1)
        .stderr_has("不能撤销批次 1：之后录入的记录引用了它新增的记录");
}

#[test]
fn the_audit_log_chain_shows_tampering() {
    let env = Env::new();
    env.write("p.csv", &payouts_csv("A", 3, 3));
    env.run(&["import", "payouts", "p.csv"]).ok();
    env.run(&["import", "undo", "1"]).ok();
    let verified = env.run(&["log", "--verify"]);
    verified.ok().stdout_has("操作日志完整：3 条记录");
    let sql = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1";
    let newest = env.run(&["--format", "json", "sql", sql]).json();
    verified.stdout_has(&format!(
        "最新一条的哈希：{}",
        newest[0]["hash"].as_str().unwrap_or("?")
    ));
    let log = env.run(&["--format", "json", "log"]).json();
    assert_eq!(log.as_array().map(Vec::len), Some(3));
    assert_eq!(log[0]["action"], "init");
    assert_eq!(log[1]["action"], "import");
    assert!(log[1]["command"]
        .as_str()
        .unwrap_or("")
        .contains("import payouts p.csv"));
    assert_eq!(log[2]["action"], "undo");

    env.sql(
        "UPDATE audit_log SET detail = replace(detail, '\"added\":3', '\"added\":0') WHERE id = 2",
    );
    env.run(&["log", "--verify"])
        .code(1)
        .stdout_has("操作日志被改动过：第 2 条记录");

    let env = Env::new();
    env.write("p.csv", &payouts_csv("A", 3, 3));
    env.run(&["import", "payouts", "p.csv"]).ok();
    env.run(&["import", "undo", "1"]).ok();
    env.sql("DELETE FROM audit_log WHERE id = 2");
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            1,
            "操作日志被改动过：第 1 条之后直接是第 3 条，中间的记录被删除了
"
        )
    );
}

#[test]
fn backup_is_a_whole_private_copy() {
    use std::os::unix::fs::PermissionsExt;
    // Its subject is backup's copy of the SQLite file (on PostgreSQL, pg_dump is the backup).
    let env = Env::on_file();
    env.write("p.csv", &payouts_csv("A", 20, 4));
    env.run(&["import", "payouts", "p.csv"]).ok();
    env.run(&["backup", "copy.db"])
        .ok()
        .stdout_has("已把 union.db 备份到 copy.db");
    let mode = std::fs::metadata(env.path("copy.db"))
        .expect("copy")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(integrity(&env.path("copy.db")), "ok");
    assert_eq!(
        env.run(&["--db", "copy.db", "--format", "json", "--unmask", "payouts", "list"])
            .stdout,
        env.run(&["--format", "json", "--unmask", "payouts", "list"])
            .stdout
    );
    env.run(&["backup", "copy.db"])
        .code(2)
        .stderr_has("备份文件 copy.db 已存在");
}

#[test]
fn new_database_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    // Its subject is the SQLite file and its side files' permissions.
    let env = Env::on_file();
    env.run(&["init"])
        .ok()
        .stdout_has("数据库 union.db 已就绪（结构版本 10）");
    let mode = std::fs::metadata(env.path("union.db"))
        .expect("db")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    env.write("p.csv", &payouts_csv("A", 2, 2));
    env.run(&["import", "payouts", "p.csv"]).ok();
    for f in ["union.db", "union.db-wal", "union.db-shm"] {
        if let Ok(meta) = std::fs::metadata(env.path(f)) {
            assert_eq!(
                meta.permissions().mode() & 0o077,
                0,
                "{f} is readable by others"
            );
        }
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.sql(match env.is_postgres() {
        // schema.pg.sql keeps the version where SQLite's PRAGMA user_version is (D12).
        true => "UPDATE union_admin.schema_meta SET value = 99 WHERE key = 'user_version'",
        false => "PRAGMA user_version = 99",
    });
    env.run(&["people", "list"])
        .code(2)
        .stderr_has("由更新版本的 union 写入（结构版本 99，本程序支持 10）");
    env.run(&["--lang", "en", "people", "list"])
        .code(2)
        .stderr_has("written by a newer union (schema version 99");
}

#[test]
fn a_foreign_sqlite_file_or_garbage_is_refused() {
    let env = Env::new();
    let conn = Connection::open(env.path("other.db")).expect("create");
    conn.execute_batch("CREATE TABLE t (x)").expect("table");
    drop(conn);
    env.run(&["--db", "other.db", "people", "list"])
        .code(2)
        .stderr_has("不是 union 数据库");
    env.write(
        "junk.db",
        "this is not sqlite at all, just text that is long enough to fill a header page....",
    );
    env.run(&["--db", "junk.db", "people", "list"])
        .code(2)
        .stderr_has("无法打开数据库 junk.db");
    env.run(&["--db", "missing.db", "people", "list"])
        .code(2)
        .stderr_has("数据库文件 missing.db 不存在");
}

#[test]
fn refusals_reveal_nothing_the_row_did_not_supply() {
    let env = Env::new();
    let id = id_with_check("32010219800101001");
    env.write(
        "h.csv",
        &format!("身份证号,姓名,困难类型,建档日期\n{id},张三丰,相对困难,2024-01-01\n"),
    );
    env.run(&["import", "hardship", "h.csv"]).ok();
    env.write(
        "p.csv",
        &format!("{PAYOUT_HEADER}{id},李四,困难帮扶,500,2024-02-01,V1,\n"),
    );
    let run = env.run(&["import", "payouts", "p.csv"]);
    run.code(1)
        .stderr_has("p.csv 第2行 “姓名”列 值“李四”：姓名与该身份证号已登记的姓名（张*丰）不一致");
    assert!(
        !run.stderr.contains("张三丰"),
        "the name on file leaked: {}",
        run.stderr
    );
    // The audit log records what was done and counted, not the people.
    let log = env.run(&["--format", "json", "log"]).stdout.clone();
    assert!(!log.contains("张三丰") && !log.contains(&id), "{log}");
}

/// Two commands creating the same new database at the same moment: the one that loses the race
/// opens what the other made (repeated, since a race shows only sometimes).
#[test]
fn two_imports_racing_to_create_a_new_database_both_succeed() {
    for round in 0..10 {
        let env = Env::new();
        env.write("a.csv", &payouts_csv("A", 50, 50));
        env.write("b.csv", &payouts_csv("C", 50, 50));
        let spawn = |file: &str| {
            env.command(&["import", "payouts", file])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let (a, b) = (spawn("a.csv"), spawn("b.csv"));
        for child in [a, b] {
            let out = child.wait_with_output().expect("wait");
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let n = env
            .run(&[
                "--format",
                "json",
                "sql",
                "SELECT count(*) AS n FROM payouts",
            ])
            .json();
        assert_eq!(n[0]["n"], 100, "round {round}");
    }
}

/// SHA-256 hex of `bytes`.
fn sha_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An entry hash as `union` computes it without a key: each part followed by a NUL.
fn forged_hash(parts: &[&str]) -> String {
    let mut bytes = Vec::new();
    for p in parts {
        bytes.extend_from_slice(p.as_bytes());
        bytes.push(0);
    }
    sha_hex(&bytes)
}

/// A database with ten payouts of five people imported, for a test to tamper with.
fn ten_payouts() -> Env {
    ten_payouts_in(Env::new())
}

/// [`ten_payouts`] in `env`.
fn ten_payouts_in(env: Env) -> Env {
    env.write("p.csv", &payouts_csv("A", 10, 5));
    env.run(&["import", "payouts", "p.csv"]).ok();
    env
}

/// A trigger made by hand, `timing` (say `AFTER UPDATE ON people`) running `body` (statements
/// both engines run) once per row, in the engine's own spelling: on PostgreSQL a trigger runs a
/// function of the same name.
fn trigger_sql(env: &Env, name: &str, timing: &str, body: &str) -> String {
    match env.is_postgres() {
        true => format!(
            "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$;
             CREATE TRIGGER {name} {timing} FOR EACH ROW EXECUTE FUNCTION {name}();"
        ),
        false => format!("CREATE TRIGGER {name} {timing} BEGIN {body} END;"),
    }
}

/// Runs `sql` on the database directly (the file, or the PostgreSQL database that stands for
/// it), as someone with another tool would.
fn by_hand(env: &Env, sql: &str) {
    env.sql(sql);
}

/// The seal of `table` as a forger who read the source would compute it: the sum modulo 2²⁵⁶
/// of each row's SHA-256 over its typed values.
fn forged_table_seal(conn: &Db, table: &str) -> (i64, String) {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
    let n = stmt.column_count();
    let mut rows = stmt.query([]).unwrap();
    let mut sum = [0u8; 32];
    let mut count = 0;
    while let Some(row) = rows.next().unwrap() {
        let h = forged_row_hash(table, &row, 0..n);
        let mut carry = 0u16;
        for i in 0..32 {
            let s = u16::from(sum[i]) + u16::from(h[i]) + carry;
            sum[i] = s as u8;
            carry = s >> 8;
        }
        count += 1;
    }
    (count, sum.iter().map(|b| format!("{b:02x}")).collect())
}

/// A row's unkeyed hash as `union` computes it: the table's name, then each value with its type.
fn forged_row_hash(
    table: &str,
    row: &union::store::db::Row<'_>,
    columns: std::ops::Range<usize>,
) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    use union::store::db::ValueRef;
    let mut bytes = table.as_bytes().to_vec();
    bytes.push(0);
    for i in columns {
        match row.get_ref(i).unwrap() {
            ValueRef::Null => bytes.push(0),
            ValueRef::Integer(v) => {
                bytes.push(1);
                bytes.extend_from_slice(&v.to_le_bytes());
            }
            ValueRef::Real(v) => {
                bytes.push(2);
                bytes.extend_from_slice(&v.to_bits().to_le_bytes());
            }
            ValueRef::Text(v) => {
                bytes.push(3);
                bytes.extend_from_slice(&(v.len() as u64).to_le_bytes());
                bytes.extend_from_slice(v);
            }
            ValueRef::Blob(v) => {
                bytes.push(4);
                bytes.extend_from_slice(&(v.len() as u64).to_le_bytes());
                bytes.extend_from_slice(v);
            }
        }
    }
    Sha256::digest(&bytes).into()
}

/// Rewrites the print `union` keeps of `table`'s row `id` to match the row as it is now
/// (unkeyed): what a forger who knows the format does to hide which row was edited.
fn forge_print(conn: &Db, table: &str, id: i64) {
    let mut stmt = conn
        .prepare(&format!("SELECT id, * FROM {table} WHERE id = ?1"))
        .unwrap();
    let n = stmt.column_count();
    let mut rows = stmt.query([id]).unwrap();
    let row = rows.next().unwrap().expect("row");
    let h = forged_row_hash(table, &row, 1..n);
    drop(rows);
    let (bucket, slot) = (id / 64, (id % 64) as usize);
    let mut fps: Vec<u8> = conn
        .query_row(
            "SELECT fps FROM row_seals WHERE tbl = ?1 AND bucket = ?2",
            (table, bucket),
            |r| r.get(0),
        )
        .unwrap();
    fps[slot * 8..slot * 8 + 8].copy_from_slice(&h[..8]);
    conn.execute(
        "UPDATE row_seals SET fps = ?3 WHERE tbl = ?1 AND bucket = ?2",
        (table, bucket, fps),
    )
    .unwrap();
}

/// Appends an entry with a correct unkeyed hash, sealing `table` as it is now (if given).
fn forge_entry(conn: &Db, table: Option<&str>) {
    let (prev, last_id): (String, i64) = conn
        .query_row(
            "SELECT hash, id FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let seal = match table {
        Some(t) => {
            let (rows, sum) = forged_table_seal(conn, t);
            format!(r#"{{"tables":{{"{t}":{{"rows":{rows},"sum":"{sum}"}}}}}}"#)
        }
        None => r#"{"tables":{}}"#.to_string(),
    };
    let (at, user, command, action, detail) = (
        "2026-01-01T00:00:00+08:00",
        "clerk",
        "union policy set x 1",
        "policy.set",
        "{}",
    );
    let hash = forged_hash(&[&prev, at, user, command, action, detail, &seal]);
    conn.execute(
        "INSERT INTO audit_log (id, at, os_user, command, action, detail, seal, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        union::store::db::params![
            last_id + 1,
            at,
            user,
            command,
            action,
            detail,
            seal,
            prev,
            hash
        ],
    )
    .unwrap();
}

/// The seventeen ways of tampering the adversarial pass tried, by direct SQL on the file, and
/// the full forgery (an edit, the row's print and the log entry all recomputed): without a
/// key, all but the two forgeries that recompute every hash are detected; with a key, all.
#[test]
fn tamperings_detected_without_a_key_all_but_full_forgeries_with_one_all() {
    type Tamper = fn(&Db);
    let cases: [(&str, Tamper); 18] = [
        ("amount changed", |c| {
            c.execute("UPDATE payouts SET amount = amount + 100 WHERE id = 1", [])
                .unwrap();
        }),
        ("payout deleted", |c| {
            c.execute("DELETE FROM payouts WHERE id = 2", []).unwrap();
        }),
        ("payout added", |c| {
            c.execute(
                "INSERT INTO payouts (person_id, category, amount, paid_on, voucher)
                 VALUES (1, 'summer_cooling', 99900, '2025-07-09', 'FAKE-1')",
                [],
            )
            .unwrap();
        }),
        ("table dropped", |c| {
            c.execute_batch(match c.is_postgres() {
                true => "DROP TABLE hardship_files CASCADE",
                false => "PRAGMA foreign_keys = OFF; DROP TABLE hardship_files",
            })
            .unwrap();
        }),
        ("name changed", |c| {
            c.execute("UPDATE people SET name = '张冒名' WHERE id = 1", [])
                .unwrap();
        }),
        ("person deleted", |c| {
            // Foreign keys set aside as each engine allows (on PostgreSQL, by a superuser).
            c.execute_batch(match c.is_postgres() {
                true => "SET session_replication_role = replica; DELETE FROM people WHERE id = 3",
                false => "PRAGMA foreign_keys = OFF; DELETE FROM people WHERE id = 3",
            })
            .unwrap();
        }),
        ("policy changed", |c| {
            c.execute(
                "UPDATE policy_params SET value = '99999' WHERE rowid = 1",
                [],
            )
            .unwrap();
        }),
        ("table added", |c| {
            c.execute_batch("CREATE TABLE shadow (x INTEGER); INSERT INTO shadow VALUES (1)")
                .unwrap();
        }),
        ("log entry edited", |c| {
            c.execute(
                "UPDATE audit_log SET detail = replace(detail, '\"added\":20', '\"added\":2') WHERE id = 2",
                [],
            )
            .unwrap();
        }),
        ("log entry deleted", |c| {
            c.execute("DELETE FROM audit_log WHERE id = 2", []).unwrap();
        }),
        ("newest entries deleted", |c| {
            c.execute(
                "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
                [],
            )
            .unwrap();
        }),
        ("whole log deleted", |c| {
            c.execute("DELETE FROM audit_log", []).unwrap();
        }),
        ("first entry deleted", |c| {
            c.execute("DELETE FROM audit_log WHERE id = 1", []).unwrap();
        }),
        ("hash rewritten", |c| {
            c.execute(
                "UPDATE audit_log
                    SET hash = CASE substr(hash, 1, 1) WHEN '0' THEN '1' ELSE '0' END
                               || substr(hash, 2)
                  WHERE id = (SELECT max(id) FROM audit_log)",
                [],
            )
            .unwrap();
        }),
        ("batch record deleted with its entry", |c| {
            c.execute_batch(
                "DELETE FROM import_batches WHERE id = 1; DELETE FROM batch_changes WHERE batch_id = 1;",
            )
            .unwrap();
        }),
        ("forged entry appended", |c| forge_entry(c, None)),
        ("data edit covered by a forged entry", |c| {
            c.execute("UPDATE payouts SET amount = 1 WHERE id = 1", [])
                .unwrap();
            forge_entry(c, Some("payouts"));
        }),
        (
            "data edit covered by a forged entry and forged prints",
            |c| {
                c.execute("UPDATE payouts SET amount = 1 WHERE id = 1", [])
                    .unwrap();
                forge_print(c, "payouts", 1);
                forge_entry(c, Some("payouts"));
            },
        ),
    ];
    let forgeries = [
        "forged entry appended",
        "data edit covered by a forged entry and forged prints",
    ];
    for keyed in [false, true] {
        let mut detected = 0;
        for (name, tamper) in cases {
            let env = Env::new();
            env.write("key.txt", "correct horse battery staple\n");
            let with_key = |args: &[&str]| -> Vec<String> {
                let mut v: Vec<String> = Vec::new();
                if keyed {
                    v.extend(["--key-file".to_string(), "key.txt".to_string()]);
                }
                v.extend(args.iter().map(|s| s.to_string()));
                v
            };
            let run = |args: &[&str]| {
                let args = with_key(args);
                let refs: Vec<&str> = args.iter().map(String::as_str).collect();
                env.run(&refs)
            };
            env.write("p.csv", &payouts_csv("A", 20, 5));
            run(&["import", "payouts", "p.csv"]).ok();
            run(&[
                "policy",
                "set",
                "subsidy.studio.city",
                "30000",
                "--from",
                "2026-01-01",
            ])
            .ok();
            run(&["log", "--verify"]).ok();
            tamper(&env.conn());
            let r = run(&["log", "--verify"]);
            assert!(r.code == 0 || r.code == 1, "{name}: {r:?}");
            let caught = r.code == 1;
            detected += usize::from(caught);
            let expected = keyed || !forgeries.contains(&name);
            assert_eq!(caught, expected, "{name}, key {keyed}: {}", r.stdout);
        }
        assert_eq!(detected, if keyed { 18 } else { 16 });
    }
}

/// `log --verify` names the rows changed, added and removed outside `union` by their id, the
/// first twenty of many, and says so when a forger also rewrote the rows' prints; with a key a
/// forged print does not match, and the row is named.
#[test]
fn verify_names_the_rows_changed_outside_union() {
    let setup = |env: &Env, keyed: bool| {
        env.write("key.txt", "k");
        env.write("p.csv", &payouts_csv("A", 30, 5));
        let mut args = vec!["import", "payouts", "p.csv"];
        if keyed {
            args.splice(0..0, ["--key-file", "key.txt"]);
        }
        env.run(&args).ok();
    };
    let env = Env::new();
    setup(&env, false);
    env.sql(
        "UPDATE payouts SET amount = amount + 100 WHERE id = 1;
         DELETE FROM payouts WHERE id = 2;
         INSERT INTO payouts (person_id, category, amount, paid_on, voucher)
              VALUES (1, 'summer_cooling', 99900, '2025-07-09', 'FAKE-1');",
    );
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "数据在 union 之外被改动过：表 payouts 与日志的封印不符（封印时 30 行，现在 30 行）\n  id 1（A00000000）：内容被改动过\n  id 2：被删除了\n  id 31（FAKE-1）：不是 union 写入的（在 union 之外添加）\n",
            ""
        )
    );
    let r = env.run(&["--lang", "en", "log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "the data was changed outside union: table payouts does not match the log's seal (30 rows sealed, 30 now)\n  id 1 (A00000000): its content was changed\n  id 2: removed\n  id 31 (FAKE-1): not written by union (added outside it)\n",
            ""
        )
    );

    // Many rows: the first twenty, and how many in all.
    let env = Env::new();
    setup(&env, false);
    env.sql("UPDATE payouts SET note = 'x' WHERE id > 5");
    let r = env.run(&["log", "--verify"]);
    let mut want = String::from(
        "数据在 union 之外被改动过：表 payouts 与日志的封印不符（封印时 30 行，现在 30 行）\n",
    );
    for id in 6..26 {
        want.push_str(&format!("  id {id}（A{:08}）：内容被改动过\n", id - 1));
    }
    want.push_str("  ……共 25 行不符，以上列出前 20 行\n");
    assert_eq!((r.code, r.stdout), (1, want));

    // The print rewritten too: the table is named, the row cannot be; under a key it is.
    for keyed in [false, true] {
        let env = Env::new();
        setup(&env, keyed);
        let conn = env.conn();
        conn.execute("UPDATE payouts SET amount = 1 WHERE id = 3", [])
            .unwrap();
        forge_print(&conn, "payouts", 3);
        drop(conn);
        let r = if keyed {
            env.run(&["--key-file", "key.txt", "log", "--verify"])
        } else {
            env.run(&["log", "--verify"])
        };
        let named = if keyed {
            "  id 3（A00000002）：内容被改动过\n"
        } else {
            "  无法指出是哪几行：各行的印记也被改写成了相符的样子（设置审计密钥后，没有密钥的人无法做到）\n"
        };
        assert_eq!(
            (r.code, r.stdout),
            (
                1,
                format!("数据在 union 之外被改动过：表 payouts 与日志的封印不符（封印时 30 行，现在 30 行）\n{named}")
            )
        );
    }
}

/// The prints follow every kind of write — a long import sealed in several checkpoints, an
/// edit, a delete, undoing them and the import — so that, tampered afterwards, exactly the one
/// row changed is named, no row `union` itself wrote.
#[test]
fn the_row_prints_follow_every_write() {
    let env = Env::new();
    env.write("small.csv", &payouts_csv("A", 30, 10));
    env.run(&["import", "payouts", "small.csv"]).ok();
    env.write("big.csv", &payouts_csv("B", 40_000, 2_000));
    env.run(&["import", "payouts", "big.csv"]).ok();
    env.run(&["edit", "payouts", "A00000003", "金额=77"]).ok();
    env.run(&["delete", "payouts", "A00000004"]).ok();
    env.run(&["edit", "payouts", "A00000005", "备注=改过"]).ok();
    env.run(&["undo", "4"]).ok();
    env.run(&["undo", "2"]).ok();
    env.write("again.csv", &payouts_csv("C", 100, 10));
    env.run(&["import", "payouts", "again.csv"]).ok();
    env.run(&["log", "--verify"]).ok();
    let conn = env.conn();
    conn.execute(
        "UPDATE payouts SET note = 'x' WHERE voucher = 'C00000007'",
        [],
    )
    .unwrap();
    let id: i64 = conn
        .query_row(
            "SELECT id FROM payouts WHERE voucher = 'C00000007'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let r = env.run(&["log", "--verify"]);
    let sealed = r.stdout.lines().next().unwrap_or("").to_string();
    assert_eq!(
        (r.code, r.stdout),
        (
            1,
            format!("{sealed}\n  id {id}（C00000007）：内容被改动过\n")
        )
    );
    assert!(sealed.contains("表 payouts"), "{sealed}");
}

/// Tampered in several tables at once: every one is named, with its rows; `union` refuses to
/// write over a row changed outside it (it would seal the change as its own) but writes the
/// rest, and the evidence stays; the prints table emptied by hand is itself found.
#[test]
fn every_table_changed_is_named_and_union_never_writes_over_a_tampered_row() {
    let env = Env::new();
    env.write("p.csv", &payouts_csv("A", 30, 5));
    env.run(&["import", "payouts", "p.csv"]).ok();
    env.sql(
        "UPDATE payouts SET amount = amount + 1 WHERE id = 3;
         UPDATE people SET name = '某某' WHERE id = 4;",
    );
    let found = "数据在 union 之外被改动过：表 payouts 与日志的封印不符（封印时 30 行，现在 30 行）\n  id 3（A00000002）：内容被改动过\n数据在 union 之外被改动过：表 people 与日志的封印不符（封印时 5 行，现在 5 行）\n  id 4：内容被改动过\n";
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (1, found, "")
    );
    let r = env.run(&["edit", "payouts", "A00000002", "金额=900"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            2,
            "",
            "错误：表 payouts 的 id 3（A00000002） 在 union 之外被改动过，本次没有写入任何内容：先运行 union log --verify 查看；核实后可从备份恢复，或用 union log --accept --reason 说明 接受现状\n"
        )
    );
    let r = env.run(&["--lang", "en", "delete", "payouts", "A00000002"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "error: in table payouts, record id 3 (A00000002) was changed outside union; nothing was written: run union log --verify to see what changed, then restore from a backup or accept the data as it is with union log --accept --reason TEXT\n"
        )
    );
    // Another row of the same table is written; the tampered one is still named.
    env.run(&["edit", "payouts", "A00000005", "金额=77"]).ok();
    let r = env.run(&["log", "--verify"]);
    assert_eq!((r.code, r.stdout.as_str()), (1, found));

    // The prints emptied by hand: found although every table matches its seal.
    let env = Env::new();
    env.write("p.csv", &payouts_csv("A", 30, 5));
    env.run(&["import", "payouts", "p.csv"]).ok();
    env.sql("DELETE FROM row_seals WHERE tbl = 'payouts'");
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "数据在 union 之外被改动过：表 payouts 的数据与封印相符，但 union 为各行记下的印记（row_seals）有 30 处被改动或删除\n")
    );
    let r = env.run(&["--lang", "en", "log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "the data was changed outside union: table payouts matches its seal, but 30 of the prints union keeps of its rows (row_seals) were changed or removed\n")
    );
}

/// A trigger added by hand could change records behind a write's back, and the write would
/// seal that as its own: verify names it and every write is refused while it is there. A table
/// without rowids (on PostgreSQL, without an integer id) is named too, and blocks nothing.
#[test]
fn foreign_triggers_and_tables_are_named_and_triggers_stop_every_write() {
    let env = ten_payouts();
    // SQLite's table without rowids; on PostgreSQL, a table whose rows have no integer id.
    let (zz, named) = match env.is_postgres() {
        false => (
            "CREATE TABLE zz (a PRIMARY KEY) WITHOUT ROWID;",
            "数据库里有不是 union 建立的表 zz（无 rowid 表）：union 无法封印它，核对会一直报告它，直到它被删除\n",
        ),
        true => (
            "CREATE TABLE zz (a TEXT PRIMARY KEY);",
            "数据库里有不是 union 建立的表 zz（没有整数 id 列）：union 无法封印它，核对会一直报告它，直到它被删除\n",
        ),
    };
    by_hand(&env, zz);
    env.run(&["edit", "payouts", "A00000001", "金额=77"]).ok();
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (1, named, "")
    );
    if env.is_postgres() {
        let r = env.run(&["--lang", "en", "log", "--verify"]);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (1, "the database holds a table union did not create (zz, without an integer id column): union cannot seal it, and verify reports it until it is removed\n", "")
        );
    }
    by_hand(&env, "DROP TABLE zz;");
    by_hand(
        &env,
        &trigger_sql(
            &env,
            "evil",
            "AFTER UPDATE ON people",
            "UPDATE payouts SET amount = 999900 WHERE id = 3;",
        ),
    );
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "数据库里有不是 union 建立的触发器 evil：它可能在写入时悄悄改动记录（union 拒绝在它存在时写入）\n")
    );
    let r = env.run(&["edit", "payouts", "A00000001", "金额=78"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "错误：数据库里有不是 union 建立的触发器 evil：它可能在写入时悄悄改动记录，因此拒绝写入（先运行 union log --verify 查看）\n")
    );
    let r = env.run(&["--lang", "en", "log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "the database holds a trigger union did not create (evil): it could change records behind a write's back (union writes nothing while it is there)\n")
    );
    // PostgreSQL's rule rewrites a write as a trigger changes it: named as a rule, refused alike.
    if env.is_postgres() {
        by_hand(
            &env,
            "DROP TRIGGER evil ON people;
             CREATE RULE sly AS ON UPDATE TO payouts DO ALSO UPDATE people SET name = '冒名' WHERE id = 1;",
        );
        let r = env.run(&["edit", "payouts", "A00000001", "金额=78"]);
        assert_eq!(
            (r.code, r.stderr.as_str()),
            (2, "错误：数据库里有不是 union 建立的规则（RULE）sly：它会在写入时改写或附加别的改动，因此拒绝写入（先运行 union log --verify 查看）\n")
        );
        let r = env.run(&["log", "--verify"]);
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (1, "数据库里有不是 union 建立的规则（RULE）sly：它会在写入时改写或附加别的改动（union 拒绝在它存在时写入）\n")
        );
        let r = env.run(&["--lang", "en", "edit", "payouts", "A00000001", "金额=78"]);
        assert_eq!(
            (r.code, r.stderr.as_str()),
            (2, "error: the database holds a rule union did not create (sly): it rewrites a write or adds changes to it, so nothing is written (run union log --verify)\n")
        );
    }
}

/// An undo restores its before-images only as `union` wrote them.
#[test]
fn undo_refuses_before_images_changed_outside_union() {
    let env = ten_payouts();
    env.run(&["edit", "payouts", "A00000001", "金额=900"]).ok();
    env.sql(
        "UPDATE batch_changes SET before = replace(before, '\"amount\":10100', '\"amount\":400000') WHERE batch_id = 2",
    );
    let r = env.run(&["undo", "2"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            2,
            "",
            "错误：表 batch_changes 的 id 1（payouts 2） 在 union 之外被改动过，本次没有写入任何内容：先运行 union log --verify 查看；核实后可从备份恢复，或用 union log --accept --reason 说明 接受现状\n"
        )
    );
}

/// After checking, an office accepts data changed outside union: the log records why and what
/// differed, foreign triggers are removed, and verify checks from there; a broken log is never
/// accepted, and nothing is written when there is nothing to accept.
#[test]
fn log_accept_records_what_differed_and_verifies_from_there() {
    let env = ten_payouts();
    let r = env.run(&["log", "--accept", "--reason", "核实"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "数据与日志的封印相符，没有需要接受的改动；没有写入任何内容\n",
            ""
        )
    );
    let r = env.run(&["log", "--accept", "--reason", "  "]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "错误：--reason 不能为空：写明为什么接受现状（例如核实的依据）\n"
        )
    );
    by_hand(&env, "UPDATE payouts SET amount = 12345 WHERE id = 2;");
    by_hand(
        &env,
        &trigger_sql(
            &env,
            "evil",
            "AFTER UPDATE ON people",
            "DELETE FROM people WHERE 1 = 0;",
        ),
    );
    let r = env.run(&["log", "--accept", "--reason", "已按原始凭证核实"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "数据库里有不是 union 建立的触发器 evil：它可能在写入时悄悄改动记录（union 拒绝在它存在时写入）\n数据在 union 之外被改动过：表 payouts 与日志的封印不符（封印时 10 行，现在 10 行）\n  id 2（A00000001）：内容被改动过\n数据库结构已照 union 的定义复原：外加的触发器、规则、索引、约束和视图已删去，缺少或被改动的已照原样重建\n以上改动已作为现状接受：日志记下了原因和改动之处，此后按现状核对\n",
            ""
        )
    );
    env.run(&["log", "--verify"])
        .ok()
        .stdout_has("操作日志完整：3 条记录");
    let entry = &env.run(&["--format", "json", "log"]).json()[2];
    assert_eq!(entry["action"], "log.accept");
    // The trigger as the engine's catalogue has it.
    let trigger = match env.is_postgres() {
        true => {
            "CREATE TRIGGER evil AFTER UPDATE ON public.people FOR EACH ROW EXECUTE FUNCTION evil()"
        }
        false => {
            "CREATE TRIGGER evil AFTER UPDATE ON people BEGIN DELETE FROM people WHERE 1 = 0; END"
        }
    };
    assert_eq!(
        entry["detail"],
        format!(
            r#"{{"reason":"已按原始凭证核实","accepted":[{{"trigger":"evil","sql":"{trigger}"}},{{"table":"payouts","sealed_rows":10,"found_rows":10,"rows":["Changed id 2（A00000001）"],"rows_total":1}}]}}"#
        )
    );
    env.run(&["edit", "payouts", "A00000001", "金额=9"]).ok();
    // A log entry deleted: the log itself is broken, and that is never accepted.
    by_hand(&env, "DELETE FROM audit_log WHERE id = 2");
    let r = env.run(&["log", "--accept", "--reason", "x"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("错误：不能接受现状：操作日志本身有问题，不是只有数据被改动——"),
        "{}",
        r.stderr
    );
}

/// The second attack pass: a trigger whose `type` text was edited is still a trigger; a text
/// value turned into a blob is a change; a new row may not take the number of a row removed
/// outside union; a policy parameter changed by hand stops every write (each would be judged by
/// it); a write whose log entry was removed is the log broken, never data to accept.
#[test]
fn hidden_triggers_blobs_reused_ids_and_forged_rules_are_caught() {
    let tampered = |sql: &str| {
        let env = ten_payouts();
        by_hand(&env, sql);
        env
    };
    let env = ten_payouts();
    if !env.file_only(
        "SQLite's catalogue edited by hand, a text turned into a blob: PostgreSQL's catalogue and typed columns allow neither",
    ) {
        by_hand(
            &env,
            "CREATE TRIGGER evil AFTER INSERT ON payouts BEGIN
                 UPDATE payouts SET amount = amount * 10 WHERE rowid = NEW.rowid; END;
             PRAGMA writable_schema = ON;
             UPDATE sqlite_master SET type = 'Trigger' WHERE name = 'evil';",
        );
        env.write("q.csv", &payouts_csv("B", 2, 2));
        env.run(&["import", "payouts", "q.csv"])
            .code(2)
            .stderr_has("触发器 evil");
        env.run(&["log", "--verify"])
            .code(1)
            .stdout_has("触发器 evil");

        let env = tampered("UPDATE payouts SET voucher = CAST(voucher AS BLOB) WHERE id = 1;");
        let r = env.run(&["log", "--verify"]);
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (1, "数据在 union 之外被改动过：表 payouts 与日志的封印不符（封印时 10 行，现在 10 行）\n  id 1（A00000000）：内容被改动过\n")
        );
    }

    let env = tampered("DELETE FROM payouts WHERE id = 10;");
    env.write("q.csv", &payouts_csv("B", 1, 1));
    let r = env.run(&["import", "payouts", "q.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "错误：表 payouts 的 id 10 曾在 union 之外被删除，新记录又用了这个编号；本次没有写入任何内容：先运行 union log --verify 查看；核实后可从备份恢复，或用 union log --accept --reason 说明 接受现状\n")
    );
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "数据在 union 之外被改动过：表 payouts 与日志的封印不符（封印时 10 行，现在 9 行）\n  id 10：被删除了\n")
    );

    let env = tampered(
        "UPDATE policy_params SET value = 'health_check' WHERE key = 'payout.once_per_year';",
    );
    let r = env.run(&["edit", "payouts", "A00000001", "金额=9"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "错误：表 policy_params 的 id 10（payout.once_per_year 1900-01-01） 在 union 之外被改动过，本次没有写入任何内容：先运行 union log --verify 查看；核实后可从备份恢复，或用 union log --accept --reason 说明 接受现状\n")
    );

    let env = tampered("");
    env.run(&[
        "policy",
        "set",
        "--from",
        "2026-01-01",
        "studio.reapply_wait_years",
        "9",
    ])
    .ok();
    by_hand(
        &env,
        "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
    );
    let r = env.run(&["log", "--verify"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("没有对应的日志记录"), "{}", r.stdout);
    env.run(&["log", "--accept", "--reason", "x"])
        .code(2)
        .stderr_has("不能接受现状");
}

/// On either backend: an index of union's dropped, an index and a view added by hand (and on
/// PostgreSQL a CHECK dropped and one added) are found by `log --verify` and stop every write,
/// each named; `log --accept` makes union's again and drops the others. On PostgreSQL a table
/// changed by hand is not made again by `--accept`: refused, naming it. Pinned whole in both
/// languages.
#[test]
fn a_structure_changed_by_hand_is_found_and_made_again_on_either_backend() {
    let env = ten_payouts_in(Env::new());
    let pg = env.is_postgres();
    by_hand(
        &env,
        "DROP INDEX payouts_person; CREATE INDEX extra_x ON people (gender); CREATE VIEW v AS SELECT 1 AS one;",
    );
    if pg {
        by_hand(
            &env,
            "ALTER TABLE payouts DROP CONSTRAINT payouts_amount_check;
             ALTER TABLE people ADD CONSTRAINT my_chk CHECK (length(name) < 50);",
        );
    }
    let found: &[(&str, &str)] = &[
        (
            "约束 payouts.payouts_amount_check 不见了",
            "constraint payouts.payouts_amount_check is missing",
        ),
        (
            "索引 payouts_person 不见了",
            "index payouts_person is missing",
        ),
        (
            "多出了 union 不会建立的索引 extra_x",
            "index extra_x was added, which union never makes",
        ),
        (
            "多出了 union 不会建立的约束 people.my_chk",
            "constraint people.my_chk was added, which union never makes",
        ),
        (
            "多出了 union 不会建立的视图 v",
            "view v was added, which union never makes",
        ),
    ];
    let found: Vec<&(&str, &str)> = found
        .iter()
        .filter(|(zh, _)| pg || !zh.contains("约束"))
        .collect();
    let zh: String = found
        .iter()
        .map(|(zh, _)| {
            format!("数据库结构在 union 之外被改动过：{zh}（union 拒绝在结构被改动时写入）\n")
        })
        .collect();
    let en: String = found
        .iter()
        .map(|(_, en)| format!("the database's structure was changed outside union: {en} (union writes nothing while it is)\n"))
        .collect();
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (1, zh.as_str(), "")
    );
    let r = env.run(&["--lang", "en", "log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (1, en.as_str(), "")
    );
    let r = env.run(&["edit", "payouts", "A00000001", "金额=9"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (2, "", format!("错误：数据库结构在 union 之外被改动过（{}）：写入的记录可能因此被悄悄改变，因此拒绝写入（先运行 union log --verify 查看）\n", found[0].0).as_str())
    );
    let r = env.run(&["--lang", "en", "edit", "payouts", "A00000001", "金额=9"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (2, "", format!("error: the database's structure was changed outside union ({}): records written now could be changed by it, so nothing is written (run union log --verify)\n", found[0].1).as_str())
    );
    env.run(&["log", "--accept", "--reason", "结构已核实"]).ok();
    let r = env.run(&["log", "--verify"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    env.run(&["edit", "payouts", "A00000001", "金额=9"]).ok();
    // union's index and CHECK are there again (a payout of 0 is refused by the server too).
    let db = env.conn();
    let catalogue = match pg {
        true => "SELECT count(*) FROM pg_indexes WHERE indexname = 'payouts_person'",
        false => "SELECT count(*) FROM sqlite_master WHERE name = 'payouts_person'",
    };
    let indexes: i64 = db.query_row(catalogue, [], |r| r.get(0)).unwrap();
    assert_eq!(indexes, 1);
    if !pg {
        return;
    }
    assert!(db
        .execute_batch("UPDATE payouts SET amount = 0 WHERE id = 1")
        .is_err());
    by_hand(&env, "ALTER TABLE people ALTER COLUMN name DROP NOT NULL;");
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "数据库结构在 union 之外被改动过：表 people 的定义与 union 建立的不同（union 拒绝在结构被改动时写入）\n")
    );
    let r = env.run(&["log", "--accept", "--reason", "x"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (2, "", "错误：不能接受现状：表 people 的结构与 union 建立的不同；在 PostgreSQL 上 union 不重建表（那要搬动全部记录）：请把表改回原样，或用 pg_dump 的备份恢复\n")
    );
    let r = env.run(&["--lang", "en", "log", "--accept", "--reason", "x"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (2, "", "error: cannot accept the data: the structure of table people differs from union's; on PostgreSQL union does not make a table again (that would move every record): change the table back, or restore a pg_dump backup\n")
    );
    by_hand(&env, "ALTER TABLE people ALTER COLUMN name SET NOT NULL;");
    env.run(&["log", "--verify"]).ok();
    // Changes whose undoing needs an order (found by a review): a primary key dropped with the
    // foreign keys on it, an index of a constraint given another option, a UNIQUE constraint
    // added (with its index), a materialised view, a view reading another. `--accept` makes
    // the structure union's again, whatever the login's search path says.
    by_hand(
        &env,
        "ALTER TABLE people DROP CONSTRAINT people_pkey CASCADE;
         ALTER INDEX payouts_pkey SET (fillfactor = 70);
         ALTER TABLE payouts ADD CONSTRAINT mobile_uq UNIQUE (note);
         CREATE MATERIALIZED VIEW mv AS SELECT 1 AS one;
         CREATE VIEW va AS SELECT 1 AS one;
         CREATE VIEW vb AS SELECT * FROM va;
         DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET search_path = public, union_admin', current_database()); END $$;",
    );
    let found: String = [
        "constraint carriers.carriers_leader_id_fkey is missing",
        "constraint hardship_files.hardship_files_person_id_fkey is missing",
        "constraint honours.honours_person_id_fkey is missing",
        "constraint payouts.payouts_person_id_fkey is missing",
        "index payouts_pkey is defined differently from what union made",
        "constraint people.people_pkey is missing",
        "index people_pkey is missing",
        "constraint studios.studios_leader_id_fkey is missing",
        "index mobile_uq was added, which union never makes",
        "view mv was added, which union never makes",
        "constraint payouts.mobile_uq was added, which union never makes",
        "view va was added, which union never makes",
        "view vb was added, which union never makes",
    ]
    .iter()
    .map(|f| format!("the database's structure was changed outside union: {f} (union writes nothing while it is)\n"))
    .collect();
    let r = env.run(&["--lang", "en", "log", "--verify"]);
    assert_eq!((r.code, r.stdout.as_str()), (1, found.as_str()));
    env.run(&["log", "--accept", "--reason", "结构已核实"]).ok();
    env.run(&["log", "--verify"]).ok();
    env.run(&["edit", "payouts", "A00000001", "金额=8"]).ok();
}

/// The structure union made, changed by hand (columns swapped by renaming, an index dropped, a
/// view added), is found and stops every write; `log --accept` makes the structure again.
/// Data changed before an upgrade is recorded by the upgrade, not sealed as union's own.
#[test]
fn a_structure_changed_by_hand_and_data_changed_before_an_upgrade_are_found() {
    // Its subject is SQLite's catalogue, PRAGMA user_version and SQLite's own integrity check
    // (PostgreSQL's drift check: the test above).
    let env = ten_payouts_in(Env::on_file());
    by_hand(
        &env,
        "ALTER TABLE payouts RENAME COLUMN amount TO tmp;
         ALTER TABLE payouts RENAME COLUMN batch_row TO amount;
         ALTER TABLE payouts RENAME COLUMN tmp TO batch_row;
         CREATE VIEW v AS SELECT 1;
         DROP INDEX honours_key;",
    );
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            1,
            "数据库结构在 union 之外被改动过：索引 honours_key 不见了（union 拒绝在结构被改动时写入）\n数据库结构在 union 之外被改动过：表 payouts 的定义与 union 建立的不同（union 拒绝在结构被改动时写入）\n数据库结构在 union 之外被改动过：多出了 union 不会建立的视图 v（union 拒绝在结构被改动时写入）\n"
        )
    );
    let r = env.run(&["--lang", "en", "edit", "payouts", "A00000001", "金额=9"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "error: the database's structure was changed outside union (index honours_key is missing): records written now could be changed by it, so nothing is written (run union log --verify)\n")
    );
    env.run(&["log", "--accept", "--reason", "结构已核实"]).ok();
    env.run(&["log", "--verify"]).ok();
    env.run(&["edit", "payouts", "A00000001", "金额=9"]).ok();

    // Data changed, then the version lowered so that the next command upgrades the file.
    let env = ten_payouts_in(Env::on_file());
    by_hand(
        &env,
        "UPDATE payouts SET amount = amount * 100 WHERE id = 1;
         DROP TABLE row_seals; PRAGMA user_version = 3;",
    );
    let found = "数据在 union 之外被改动过：升级数据库时（日志第 3 条）发现这些表与日志的封印不符：payouts（升级后无法再指出是哪几行；核实后用 union log --accept --reason 接受，或从备份恢复）\n";
    let r = env.run(&["log", "--verify"]);
    assert_eq!((r.code, r.stdout.as_str()), (1, found));
    // No write until it is accepted: a write would start from a state nobody vouched for.
    let r = env.run(&["edit", "payouts", "A00000003", "金额=9"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "错误：升级数据库时（日志第 3 条）发现数据在 union 之外被改动过，尚未核实接受：拒绝写入（先运行 union log --verify 查看，核实后用 union log --accept --reason 接受，或从备份恢复）\n")
    );
    env.run(&["log", "--accept", "--reason", "已核实"]).ok();
    env.run(&["log", "--verify"]).ok();
    env.run(&["edit", "payouts", "A00000003", "金额=9"]).ok();

    // A column renamed by hand: accepting would lose its values, so it is refused.
    let env = ten_payouts_in(Env::on_file());
    by_hand(&env, "ALTER TABLE payouts RENAME COLUMN note TO memo;");
    let r = env.run(&["log", "--accept", "--reason", "x"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "错误：不能接受现状：表 payouts 的列与 union 建立的不同（多出：memo；缺少：note），重建表结构会丢掉这些列的数据。请先把列名改回，或从备份恢复\n")
    );

    // An index pointed at another's pages (emptied) is found by SQLite's own check, and
    // accepting rebuilds it; forged undo records are never accepted.
    let env = ten_payouts_in(Env::on_file());
    env.run(&["edit", "payouts", "A00000001", "金额=900"]).ok();
    let conn = Connection::open(env.path("union.db")).expect("open");
    conn.execute_batch("CREATE TABLE zz (a, b, c); CREATE INDEX zzi ON zz (a, b, c);")
        .unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'zzi'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute_batch(&format!(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET rootpage = {root} WHERE name = 'payouts_person';
         DELETE FROM sqlite_master WHERE name IN ('zz', 'zzi');
         PRAGMA writable_schema = OFF;"
    ))
    .unwrap();
    drop(conn);
    let r = env.run(&["log", "--verify"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.starts_with("数据库文件的自检不通过（"),
        "{}",
        r.stdout
    );
    env.run(&["log", "--accept", "--reason", "索引已重建"]).ok();
    env.run(&["log", "--verify"]).ok();
    let conn = Connection::open(env.path("union.db")).expect("open");
    conn.execute(
        "UPDATE batch_changes SET before = replace(before, '\"amount\":10100', '\"amount\":5000000')",
        [],
    )
    .unwrap();
    drop(conn);
    let r = env.run(&["log", "--accept", "--reason", "x"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "错误：不能接受现状：撤销所依据的记录（表 batch_changes）在 union 之外被改动过；接受后日后的撤销会恢复伪造的内容。请从备份恢复\n")
    );
}

#[test]
fn an_auditor_checks_the_newest_hash_and_the_key() {
    let env = Env::new();
    env.write("p.csv", &payouts_csv("A", 5, 5));
    env.write("key.txt", "s3cret");
    env.write("other.txt", "not it");
    env.run(&["--key-file", "key.txt", "import", "payouts", "p.csv"])
        .ok();
    let head = env
        .run(&["--key-file", "key.txt", "--format", "json", "log"])
        .json()[1]["hash"]
        .as_str()
        .unwrap()
        .to_string();
    env.run(&[
        "--key-file",
        "key.txt",
        "log",
        "--verify",
        "--expect",
        &head,
    ])
    .ok();
    let r = env.run(&[
        "--key-file",
        "key.txt",
        "log",
        "--verify",
        "--expect",
        "abc123",
    ]);
    assert_eq!(
        (r.code, r.stdout),
        (
            1,
            format!("操作日志与记下的不符：最新一条的哈希是 {head}，而不是记下的 abc123（较新的记录被删除或整条链被重建）\n")
        )
    );
    // Without the key, or with another, nothing is verified or written.
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "错误：这个数据库的操作日志用审计密钥封印：请用 --key-file 或环境变量 UNION_AUDIT_KEY 提供密钥\n")
    );
    env.write("q.csv", &payouts_csv("C", 5, 5));
    env.run(&["import", "payouts", "q.csv"])
        .code(2)
        .stderr_has("用审计密钥封印");
    let r = env.run(&["--key-file", "other.txt", "import", "payouts", "q.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "错误：审计密钥与这个数据库的不符\n")
    );
    // A key is not introduced over data changed by hand.
    let env = Env::new();
    env.write("p.csv", &payouts_csv("A", 5, 5));
    env.run(&["import", "payouts", "p.csv"]).ok();
    env.sql("UPDATE payouts SET amount = 1 WHERE id = 1");
    env.write("key.txt", "s3cret");
    env.write("q.csv", &payouts_csv("C", 5, 5));
    let r = env.run(&["--key-file", "key.txt", "import", "payouts", "q.csv"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "错误：不能用审计密钥封印：数据或日志已在 union 之外被改动（先运行 union log --verify 查看）\n")
    );
}

/// An import long enough to be sealed in several checkpoints, then undone: the seals follow
/// every step and the log verifies after each.
#[test]
fn a_long_import_and_its_undo_stay_sealed() {
    let env = Env::new();
    env.write("small.csv", &payouts_csv("A", 30, 10));
    env.run(&["import", "payouts", "small.csv"]).ok();
    env.write("big.csv", &payouts_csv("B", 40_000, 2_000));
    env.run(&["import", "payouts", "big.csv"]).ok();
    env.run(&["log", "--verify"])
        .ok()
        .stdout_has("操作日志完整：3 条记录");
    env.run(&["import", "undo", "2"]).ok();
    env.run(&["log", "--verify"])
        .ok()
        .stdout_has("操作日志完整：4 条记录");
    // The same, under a key.
    env.write("key.txt", "k");
    env.run(&["--key-file", "key.txt", "import", "payouts", "big.csv"])
        .ok();
    env.run(&["--key-file", "key.txt", "log", "--verify"])
        .ok()
        .stdout_has("操作日志完整：5 条记录");
    env.sql("UPDATE payouts SET note = 'x' WHERE id = (SELECT max(id) FROM payouts)");
    env.run(&["--key-file", "key.txt", "log", "--verify"])
        .code(1)
        .stdout_has("表 payouts 与日志的封印不符");
}

/// A campaign is sealed like every record: one stretched by hand is named by its name, and the
/// undo of the batch that added it refuses to write over it.
#[test]
fn a_campaign_changed_outside_union_is_named_and_not_written_over() {
    let env = Env::new();
    env.run(&["init"]).ok();
    env.run(&[
        "campaign",
        "add",
        "送温暖",
        "--category",
        "春节慰问",
        "--from",
        "2024-12-01",
        "--to",
        "2025-02-28",
    ])
    .ok();
    by_hand(
        &env,
        "UPDATE campaigns SET ends_on = '2025-12-31' WHERE id = 1;",
    );
    let r = env.run(&["log", "--verify"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            1,
            "数据在 union 之外被改动过：表 campaigns 与日志的封印不符（封印时 1 行，现在 1 行）\n  id 1（送温暖）：内容被改动过\n",
            ""
        )
    );
    let r = env.run(&["--lang", "en", "undo", "1"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            2,
            "",
            "error: in table campaigns, record id 1 (送温暖) was changed outside union; nothing was written: run union log --verify to see what changed, then restore from a backup or accept the data as it is with union log --accept --reason TEXT\n"
        )
    );
}
