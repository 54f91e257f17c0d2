//! Offices (issue 16, point 2): on a city-wide PostgreSQL database, `union office add` makes a
//! district's login, and every command run as it sees and touches that district's records
//! only, while the city sees all. Runs when `UNION_TEST_PG` names a server (a superuser, which
//! stands for the city); says it was skipped otherwise. On SQLite the command is refused.

use crate::harness::*;
use crate::import::lines;
use union::store::db::Connection;

/// A SQLite file is one office's: `union office` says so, in both languages.
#[test]
fn offices_are_refused_on_sqlite() {
    for lang in ["zh", "en"] {
        // On the file in either mode of the suite: the subject is the SQLite file.
        let env = Env::on_file();
        let mut t = Transcript::new(&env, lang);
        t.step(&["init"]);
        t.step(&["office", "add", "梁溪区", "--login", "liangxi"]);
        t.step(&["office", "list"]);
        t.pin("offices_sqlite");
    }
}

/// Who runs a step: the city (the test server's superuser), a city administrator (a login
/// made a member of the database's city role, not a superuser) or one of the two offices.
#[derive(Clone, Copy)]
enum Who {
    City,
    Admin,
    Liangxi,
    Binhu,
}

const EVERYONE: [Who; 4] = [Who::City, Who::Admin, Who::Liangxi, Who::Binhu];

struct Session<'a> {
    env: &'a Env,
    scratch: &'a PgScratch,
    lang: &'a str,
    text: String,
}

impl Session<'_> {
    /// The login of `who`: roles are the server's, so each test database has its own, of one
    /// length whatever the database's name (tables are as wide in every run).
    fn login(&self, who: Who) -> Option<String> {
        let tag = self.tag();
        match who {
            Who::City => None,
            Who::Admin => Some(format!("ca_{tag}")),
            Who::Liangxi => Some(format!("lx_{tag}")),
            Who::Binhu => Some(format!("bh_{tag}")),
        }
    }

    /// What the logins of this test's database end in: the same length for every database.
    fn tag(&self) -> String {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.scratch.name().hash(&mut h);
        format!("{:016x}", h.finish())
    }

    /// The database's URL as `who` connects, and the password it gives.
    fn url(&self, who: Who) -> (String, Option<&'static str>) {
        let Some(login) = self.login(who) else {
            return (self.scratch.url.clone(), None);
        };
        let (scheme, rest) = self.scratch.url.split_once("://").unwrap();
        let (_, host) = rest.split_once('@').unwrap();
        let password = match who {
            Who::Liangxi => "梁溪-pw-1",
            Who::Binhu => "binhu pw 2",
            _ => "city admin pw",
        };
        (format!("{scheme}://{login}@{host}"), Some(password))
    }

    /// Runs `union` as `who` and adds the command, its exit code and both streams, with the
    /// database's and the logins' names made the same in every run.
    fn step_fed(&mut self, who: Who, args: &[&str], input: Option<&str>) -> &mut Self {
        let (url, password) = self.url(who);
        let mut all = vec!["--lang", self.lang, "--db", &url];
        all.extend_from_slice(args);
        let mut vars = vec![("UNION_EXPERIMENTAL_POSTGRES", "1")];
        if let Some(p) = password {
            vars.push(("PGPASSWORD", p));
        }
        let r = self.env.run_fed(&all, &vars, input);
        let same = |t: &str| {
            let mut t = t.to_string();
            for w in EVERYONE {
                t = t.replace(&self.url(w).0, &format!("{}-DB", label(w)));
            }
            let t = t.replace(self.scratch.name(), "DBNAME");
            unhashed(&t.replace(&self.tag(), &"x".repeat(16)))
        };
        let who = label(who);
        self.text.push_str(&format!(
            "[{who}] $ union {}\n[exit {}]\n--- stdout\n{}--- stderr\n{}\n",
            same(&args.join(" ")),
            r.code,
            same(&r.stdout),
            same(&r.stderr)
        ));
        self
    }

    fn step(&mut self, who: Who, args: &[&str]) -> &mut Self {
        self.step_fed(who, args, None)
    }

    /// Adds a file the last step wrote.
    fn file(&mut self, name: &str) -> &mut Self {
        let text = std::fs::read_to_string(self.env.path(name)).unwrap_or_default();
        self.text.push_str(&format!("--- {name}\n{text}\n"));
        self
    }
}

fn label(who: Who) -> &'static str {
    match who {
        Who::City => "city",
        Who::Admin => "admin",
        Who::Liangxi => "liangxi",
        Who::Binhu => "binhu",
    }
}

/// Two offices import into one city database; each sees, reports, exports, queries, edits,
/// deletes and undoes only its own district's records; the refusals name nothing of the
/// other's; the city sees all and its `log --verify` stays green; each office verifies the
/// chain and its own rows. Pinned whole in both languages.
#[test]
fn each_office_sees_and_touches_only_its_district() {
    for lang in ["zh", "en"] {
        let Some(scratch) = PgScratch::new() else {
            return;
        };
        let env = Env::new();
        let header = "身份证号,姓名,荣誉称号,授予年份,所属地区";
        env.write(
            "lx-people.csv",
            &format!(
                "{header}\n{},王芳,江苏省劳动模范,2015,梁溪区\n{},李强,无锡市劳动模范,2019,\n{},赵六,无锡市劳动模范,2020,滨湖区",
                id(11),
                id(12),
                id(13)
            ),
        );
        env.write(
            "bh-people.csv",
            &format!(
                "{header}\n{},陈静,无锡市劳动模范,2018,滨湖区\n{},王芳,无锡市劳动模范,2016,滨湖区\n{},周明,,,",
                id(21),
                id(11),
                id(22)
            ),
        );
        let payouts = "身份证号,姓名,类别,金额(元),发放日期,凭证号";
        env.write(
            "lx-payouts.csv",
            &format!(
                "{payouts}\n{},王芳,春节慰问,500,2026-01-20,LX1\n{},陈静,春节慰问,500,2026-01-20,LX2",
                id(11),
                id(21)
            ),
        );
        env.write(
            "bh-payouts.csv",
            &format!(
                "{payouts}\n{},陈静,春节慰问,500,2026-01-21,BH1\n{},李强,春节慰问,500,2026-01-21,BH2\n{},陈静,送清凉,300,2026-07-01,LX1",
                id(21),
                id(12),
                id(21)
            ),
        );
        let (ent1, ent2) = (
            credit_with_check("91320213MA1N2K3L4"),
            credit_with_check("91320211MA1N2K3L5"),
        );
        env.write(
            "lx-enterprises.csv",
            &format!("企业名称,统一社会信用代码,所属地区\n梁溪机械厂,{ent1},梁溪区"),
        );
        env.write(
            "bh-enterprises.csv",
            &format!(
                "企业名称,统一社会信用代码,所属地区\n滨湖电子,{ent2},\n梁溪机械厂,{ent1},滨湖区"
            ),
        );
        let mut s = Session {
            env: &env,
            scratch: &scratch,
            lang,
            text: String::new(),
        };
        let (lx, bh) = (s.login(Who::Liangxi).unwrap(), s.login(Who::Binhu).unwrap());
        let xw = format!("xw{}", &lx[2..]);
        let lx_person = id(11);
        use Who::*;
        s.step(City, &["init"])
            .step_fed(
                City,
                &[
                    "office",
                    "add",
                    "梁溪区",
                    "--login",
                    &lx,
                    "--password-stdin",
                ],
                Some("梁溪-pw-1\n"),
            )
            .step_fed(
                City,
                &[
                    "office",
                    "add",
                    "滨湖区",
                    "--login",
                    &bh,
                    "--password-stdin",
                ],
                Some("binhu pw 2\n"),
            )
            // the same again: nothing to do; another district's login; a login in use
            .step(City, &["office", "add", "梁溪区", "--login", &lx])
            .step(City, &["office", "add", "新吴区", "--login", &lx])
            .step(City, &["office", "add", "新吴区", "--login", "postgres"])
            .step(City, &["office", "add", "新吴区", "--login", "Xin-Wu"])
            .step(City, &["office", "list"])
            // imports: a row of another district refused; a person another district holds
            // refused without a word of that record
            .step(
                Liangxi,
                &["import", "people", "lx-people.csv", "--skip-invalid"],
            )
            .step(
                Binhu,
                &["import", "people", "bh-people.csv", "--skip-invalid"],
            )
            .step(
                Liangxi,
                &["import", "payouts", "lx-payouts.csv", "--skip-invalid"],
            )
            .step(
                Binhu,
                &["import", "payouts", "bh-payouts.csv", "--skip-invalid"],
            )
            .step(Liangxi, &["import", "enterprises", "lx-enterprises.csv"])
            .step(
                Binhu,
                &[
                    "import",
                    "enterprises",
                    "bh-enterprises.csv",
                    "--skip-invalid",
                ],
            )
            .step(Binhu, &["enterprises", "list"])
            // what binhu sees: lists, show, reports, exports, sql
            .step(Binhu, &["people", "list"])
            .step(Binhu, &["people", "show", &lx_person])
            .step(Binhu, &["payouts", "list", "--year", "2026"])
            .step(
                Binhu,
                &["--format", "csv", "report", "year-end", "--year", "2026"],
            )
            .step(Binhu, &["-o", "bh-people-export.csv", "export", "people"])
            .file("bh-people-export.csv")
            .step(
                Binhu,
                &["sql", "SELECT name, district FROM people ORDER BY name"],
            )
            .step(Binhu, &["sql", "SELECT count(*) AS n FROM payouts"])
            .step(Binhu, &["sql", "DELETE FROM people"])
            // edits, deletes, undo of liangxi's records: not found
            .step(Binhu, &["edit", "people", &lx_person, "姓名=王小芳"])
            .step(Binhu, &["delete", "people", &lx_person, "--reason", "误录"])
            .step(
                Binhu,
                &["edit", "payouts", "LX1", "金额=600", "--reason", "改一改"],
            )
            .step(Binhu, &["undo", "1"])
            .step(
                Binhu,
                &[
                    "payout",
                    "add",
                    "--id-number",
                    &lx_person,
                    "--name",
                    "王芳",
                    "--category",
                    "春节慰问",
                    "--amount",
                    "500",
                    "--date",
                    "2026-01-05",
                ],
            )
            // offices are the city's to manage; an office cannot seal whole tables
            .step(
                Binhu,
                &[
                    "payout",
                    "add",
                    "--id-number",
                    &id(21),
                    "--name",
                    "陈静",
                    "--category",
                    "春节慰问",
                    "--amount",
                    "500",
                    "--date",
                    "2026-01-05",
                    "--voucher",
                    "LX1",
                ],
            )
            .step(Binhu, &["office", "list"])
            .step(Binhu, &["office", "add", "新吴区", "--login", "xinwu"])
            .step(Binhu, &["init", "--district", "新吴区"])
            .step(
                Binhu,
                &[
                    "campaign",
                    "add",
                    "试办",
                    "--category",
                    "春节慰问",
                    "--from",
                    "2026-01-01",
                    "--to",
                    "2026-02-01",
                ],
            )
            // verify: each office its chain and rows, the city everything
            .step(Binhu, &["log", "--verify"])
            .step(Liangxi, &["people", "list"])
            .step(City, &["people", "list"])
            .step(City, &["office", "list"])
            .step(City, &["log", "--verify"]);
        // A city administrator who is not a superuser: a member of the database's city role.
        let city_admin = s.login(Who::Admin).unwrap();
        let admin = Connection::open_postgres(&std::env::var("UNION_TEST_PG").unwrap()).unwrap();
        admin
            .execute_batch(&format!(
                "CREATE ROLE {city_admin} LOGIN PASSWORD 'city admin pw' IN ROLE {}_city",
                scratch.name()
            ))
            .unwrap();
        s.step(Admin, &["people", "list"])
            .step(Admin, &["sql", "SELECT district, count(*) AS n FROM payouts JOIN people p ON p.id = person_id GROUP BY 1 ORDER BY 1"])
            .step(Admin, &["office", "add", "新吴区", "--login", &xw])
            .step(Admin, &["office", "list"])
            .step(Admin, &["log", "--verify"]);
        // A row of binhu's changed outside union: binhu and the city find it, liangxi cannot
        // see it.
        let outside = Connection::open_postgres(&scratch.url).unwrap();
        outside
            .execute_batch("UPDATE people SET mobile = '13900000000' WHERE name = '陈静'")
            .unwrap();
        s.step(Binhu, &["log", "--verify"])
            .step(Binhu, &["log", "--accept", "--reason", "试一试"])
            .step(Liangxi, &["log", "--verify"])
            .step(City, &["log", "--verify"]);
        drop(outside);
        // The same office at the server's own door, past `union`: no DDL, the log append-only,
        // its rows only.
        let (url, _) = s.url(Who::Binhu);
        let direct = Connection::open_postgres(&url.replacen("@", ":binhu%20pw%202@", 1)).unwrap();
        for sql in [
            "UPDATE audit_log SET detail = '{}'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "CREATE TABLE mine (x BIGINT)",
            "CREATE TABLE union_admin.mine (x BIGINT)",
            "ALTER TABLE people DISABLE ROW LEVEL SECURITY",
            "DROP TABLE payouts",
            "UPDATE union_admin.offices SET district = '梁溪区'",
            "INSERT INTO policy_params (key, valid_from, value) VALUES ('x', '2026-01-01', '1')",
            "UPDATE people SET name = '改' WHERE district = '梁溪区'",
            "DELETE FROM payouts WHERE voucher = 'LX1'",
            "INSERT INTO people (name, id_number, gender, birth_date, district)
                 VALUES ('假', '110101199001011234', '男', '1990-01-01', '梁溪区')",
        ] {
            let said = match direct.execute(sql, []) {
                Ok(n) => format!("{n} rows"),
                Err(e) => e.to_string(),
            };
            s.text
                .push_str(&format!("[binhu at the server] {sql}\n  {said}\n"));
        }
        drop(direct);
        admin
            .execute_batch(&format!("DROP DATABASE {} WITH (FORCE)", scratch.name()))
            .unwrap();
        admin
            .execute_batch(&format!("DROP ROLE {city_admin}"))
            .unwrap();
        pin("offices_isolation", lang, &s.text);
    }
}

/// README's city deployment as written: the server's administrator makes a login that may
/// create roles and gives it the database; that city administrator, no superuser, runs `init`
/// and adds an office, whose login imports and sees its district (but cannot copy the
/// database, and is told by its own `log --verify` of a structure changed by hand, which the
/// city administrator's `log --accept` makes union's again; its password is changed by the city
/// administrator's `office add` given a new one). A login bearing the database's
/// group role's name is refused as that role. On PostgreSQL 16 and later a
/// role's creator holds only the ADMIN option on it, and before this test `init` failed on 15
/// too ("permission denied for schema public"): neither is a superuser's path, which the rest
/// of the suite takes. Pinned whole in both languages.
#[test]
fn a_city_administrator_who_is_no_superuser_makes_the_database_and_its_offices() {
    for lang in ["zh", "en"] {
        let Some(scratch) = PgScratch::new() else {
            return;
        };
        let env = Env::new();
        env.write(
            "people.csv",
            &format!("身份证号,姓名,所属地区\n{},王芳,\n{},李强,", id(11), id(12)),
        );
        let mut s = Session {
            env: &env,
            scratch: &scratch,
            lang,
            text: String::new(),
        };
        let city_admin = s.login(Who::Admin).unwrap();
        let liangxi = s.login(Who::Liangxi).unwrap();
        let server = Connection::open_postgres(&std::env::var("UNION_TEST_PG").unwrap()).unwrap();
        server
            .execute_batch(&format!(
                "CREATE ROLE {city_admin} LOGIN CREATEROLE PASSWORD 'city admin pw';
                 ALTER DATABASE {} OWNER TO {city_admin};",
                scratch.name()
            ))
            .unwrap();
        use Who::*;
        // A login bearing the database's group role's name is no group role: refused.
        let group = format!("{}_city", scratch.name());
        server
            .execute_batch(&format!("CREATE ROLE {group} LOGIN"))
            .unwrap();
        s.step(Admin, &["init"]);
        server.execute_batch(&format!("DROP ROLE {group}")).unwrap();
        s.step(Admin, &["init"])
            .step_fed(
                Admin,
                &[
                    "office",
                    "add",
                    "梁溪区",
                    "--login",
                    &liangxi,
                    "--password-stdin",
                ],
                Some("梁溪-pw-1\n"),
            )
            .step(Liangxi, &["import", "people", "people.csv"])
            .step(Liangxi, &["people", "list"])
            .step(Admin, &["office", "list"])
            .step(Admin, &["log", "--verify"]);
        // An office's copy would hold its district's rows under the city's seals: refused.
        let (lx_url, _) = s.url(Liangxi);
        s.step(Liangxi, &["copy", "--from", &lx_url, "--to", "lx.db"]);
        // The structure changed by hand: the office is told by its own check, the city
        // administrator makes it union's again.
        Connection::open_postgres(&scratch.url)
            .unwrap()
            .execute_batch("DROP INDEX payouts_person")
            .unwrap();
        s.step(Liangxi, &["log", "--verify"])
            .step(Liangxi, &["log", "--accept", "--reason", "结构已核实"])
            .step(Admin, &["log", "--accept", "--reason", "结构已核实"])
            .step(Liangxi, &["log", "--verify"]);
        // The office's password changed by the city administrator: the new one logs in, the
        // old one no longer does.
        s.step_fed(
            Admin,
            &[
                "office",
                "add",
                "梁溪区",
                "--login",
                &liangxi,
                "--password-stdin",
            ],
            Some("lx-new-pw-2\n"),
        );
        let logs_in = |pw: &str| {
            Connection::open_postgres(&lx_url.replacen('@', &format!(":{pw}@"), 1)).is_ok()
        };
        assert!(logs_in("lx-new-pw-2"));
        // A server that trusts its logins (CI's PostgreSQL 16) takes any password.
        if !logs_in("not-the-password") {
            assert!(!logs_in("%E6%A2%81%E6%BA%AA-pw-1"));
        }
        server
            .execute_batch(&format!("DROP DATABASE {} WITH (FORCE)", scratch.name()))
            .unwrap();
        union::store::offices::drop_roles(&server, scratch.name()).unwrap();
        server
            .execute_batch(&format!("DROP ROLE {city_admin}"))
            .unwrap();
        pin("offices_city_admin", lang, &s.text);
    }
}

/// A PostgreSQL database made before offices existed gets them when a command opens it to
/// write (here, without their tables and the policies that read them): offices can be added,
/// and the data still verifies. Pinned whole in both languages.
#[test]
fn a_database_without_offices_gets_them_when_opened() {
    for lang in ["zh", "en"] {
        let Some(scratch) = PgScratch::new() else {
            return;
        };
        let env = Env::new();
        let city = [("UNION_EXPERIMENTAL_POSTGRES", "1")];
        let mut text = String::new();
        let mut step = |args: &[&str]| {
            let mut all = vec!["--lang", lang, "--db", &scratch.url];
            all.extend_from_slice(args);
            let r = env.run_with(&all, &city);
            let same = |t: &str| unhashed(&t.replace(&scratch.url, "DB"));
            text.push_str(&format!(
                "$ union {}\n[exit {}]\n--- stdout\n{}--- stderr\n{}\n",
                args.join(" "),
                r.code,
                same(&r.stdout),
                same(&r.stderr)
            ));
        };
        step(&["init"]);
        let outside = Connection::open_postgres(&scratch.url).unwrap();
        outside
            .execute_batch(
                "DROP TABLE union_admin.offices, union_admin.batch_office CASCADE;
                 DROP FUNCTION union_admin.office_add, union_admin.office_list;
                 DELETE FROM union_admin.schema_meta WHERE key = 'offices';",
            )
            .unwrap();
        drop(outside);
        step(&["people", "list"]);
        step(&["office", "list"]);
        step(&["log", "--verify"]);
        pin("offices_installed_on_open", lang, &text);
    }
}

/// An ID number for recipient `n` (up to 336,000 of them): its birthday and sequence number
/// from `n`.
fn many_id(n: usize) -> String {
    // 336,000 a birth year: eight offices of the 100,000 rows need three.
    let (seq, day, month) = (n % 1000, n / 1000 % 28 + 1, n / 28_000 % 12 + 1);
    let year = 1970 - n / 336_000;
    id_with_check(&format!("320102{year}{month:02}{day:02}{seq:03}"))
}

/// Issue 16, point 3: eight offices import their payout files at the same moment, each as its
/// own login. Every import succeeds (the writers wait for each other, none fails), every row
/// lands once in its office's district, each office sees its own rows only, and the city's
/// `log --verify` finds one unbroken chain. Rows per office: 400, or `UNION_TEST_OFFICE_ROWS`
/// (the 100,000 is a run of its own: too long for every `cargo test`).
#[test]
fn eight_offices_importing_at_once_all_land_in_their_own_districts() {
    let Some(scratch) = PgScratch::new() else {
        return;
    };
    let rows: usize = std::env::var("UNION_TEST_OFFICE_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let env = Env::on_file();
    let pg = [("UNION_EXPERIMENTAL_POSTGRES", "1")];
    let districts = [
        "梁溪区",
        "锡山区",
        "惠山区",
        "滨湖区",
        "新吴区",
        "经开区",
        "江阴市",
        "宜兴市",
    ];
    let tag = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        scratch.name().hash(&mut h);
        format!("{:012x}", h.finish() & 0xffff_ffff_ffff)
    };
    let (scheme, rest) = scratch.url.split_once("://").unwrap();
    let host = rest.split_once('@').unwrap().1;
    env.run_with(&["--db", &scratch.url, "init"], &pg).ok();
    for (k, district) in districts.iter().enumerate() {
        let login = format!("o{k}_{tag}");
        env.run_fed(
            &[
                "--db",
                &scratch.url,
                "office",
                "add",
                district,
                "--login",
                &login,
                "--password-stdin",
            ],
            &pg,
            Some(&format!("pw {k}\n")),
        )
        .ok();
        let mut csv = String::from("身份证号,姓名,类别,金额(元),发放日期,凭证号\n");
        for i in 0..rows {
            let n = k * rows + i;
            csv.push_str(&format!(
                "{},职工{n},送清凉,300,2026-07-{:02},O{k}-{i}\n",
                many_id(n),
                i % 28 + 1
            ));
        }
        env.write(&format!("o{k}.csv"), &csv);
    }
    let children: Vec<_> = (0..districts.len())
        .map(|k| {
            let url = format!("{scheme}://o{k}_{tag}@{host}");
            let file = format!("o{k}.csv");
            env.command(&["--db", &url, "import", "payouts", &file])
                .env("UNION_EXPERIMENTAL_POSTGRES", "1")
                .env("PGPASSWORD", format!("pw {k}"))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for (k, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().expect("wait");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "office {k}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.starts_with(&format!("读取 {rows} 行：新增 {rows}，")),
            "office {k}: {stdout}"
        );
    }
    let r = env.run_with(
        &[
            "--db",
            &scratch.url,
            "--format",
            "csv",
            "sql",
            "SELECT q.district, count(*) AS n, count(DISTINCT p.batch_id) AS batches
               FROM payouts p JOIN people q ON q.id = p.person_id
              GROUP BY q.district ORDER BY q.district",
        ],
        &pg,
    );
    r.ok();
    let mut expected: Vec<String> = districts.iter().map(|d| format!("{d},{rows},1")).collect();
    expected.sort();
    expected.insert(0, "district,n,batches".into());
    assert_eq!(lines(&r.stdout), expected);
    for k in 0..districts.len() {
        let url = format!("{scheme}://o{k}_{tag}@{host}");
        let pw = format!("pw {k}");
        let r = env.run_with(
            &[
                "--db",
                &url,
                "--format",
                "csv",
                "sql",
                "SELECT count(*) AS n FROM payouts",
            ],
            &[("UNION_EXPERIMENTAL_POSTGRES", "1"), ("PGPASSWORD", &pw)],
        );
        assert_eq!(
            lines(&r.stdout),
            ["n", &rows.to_string()],
            "office {k} sees its own"
        );
    }
    let r = env.run_with(&["--db", &scratch.url, "log", "--verify"], &pg);
    r.ok();
    assert!(
        r.stdout.starts_with(&format!(
            "操作日志完整：{} 条记录，哈希链逐条相符",
            1 + 2 * districts.len()
        )),
        "{}",
        r.stdout
    );
}
