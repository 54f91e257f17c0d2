//! The city and its district offices on PostgreSQL (issue 16): what offices.pg.sql installs,
//! asked and used from here. An office is a PostgreSQL login role of one district; row-level
//! security keeps it to its district's records (offices.pg.sql says how). On SQLite there are
//! no offices: a file is one office's.

use super::db::OptionalExtension;
use super::db::{Connection, TransactionBehavior};
use crate::i18n::say;
use anyhow::{bail, Context, Result};

/// The version of offices.pg.sql (its last statement writes it into `union_admin.schema_meta`):
/// raised when the file changes, so that databases made before run it again.
const OFFICES_VERSION: i64 = 3;

/// Installs offices.pg.sql in a PostgreSQL database that lacks it, or an older version of it
/// (one made before it existed or changed), under the write lock; nothing on SQLite or where
/// it is installed.
pub(super) fn install(conn: &Connection) -> Result<()> {
    // An office cannot (it owns nothing): its database is brought up to date by the city.
    if !conn.is_postgres() || installed(conn)? || my_district(conn)?.is_some() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if !installed(&tx)? {
        run_offices_sql(&tx)?;
    }
    tx.commit()?;
    Ok(())
}

/// Runs offices.pg.sql, after refusing a login that bears one of the database's group roles'
/// names (an office's login `x_city` made before a database `x`): taken for the group role, it
/// would be that database's city.
pub(super) fn run_offices_sql(conn: &Connection) -> Result<()> {
    let taken: Option<String> = conn
        .query_row(
            "SELECT CAST(rolname AS TEXT) FROM pg_roles
              WHERE rolname IN (current_database() || '_city', current_database() || '_office')
                AND rolcanlogin ORDER BY 1 LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(role) = taken {
        bail!(say::OfficeGroupRoleIsLogin { role: &role }.said());
    }
    conn.execute_batch(super::OFFICES_PG_SQL)
        .context("offices.pg.sql")
}

fn installed(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT value FROM union_admin.schema_meta WHERE key = 'offices'), 0) >= ?1",
        [OFFICES_VERSION],
        |r| r.get(0),
    )?)
}

/// The district of the office the connection is logged in as; None for the city, and on
/// SQLite (a file is one office's; its district is a setting, not a login).
pub fn my_district(conn: &Connection) -> Result<Option<String>> {
    if !conn.is_postgres() {
        return Ok(None);
    }
    // A login is an office or not for the whole session: asked once (an import asks per row).
    // Asked before offices.pg.sql is there (init), the answer is the city's, as it stays.
    conn.session_memo("my_district", || {
        let has: bool = conn.query_row(
            "SELECT to_regclass('union_admin.offices') IS NOT NULL
                    AND to_regprocedure('union_admin.my_district()') IS NOT NULL",
            [],
            |r| r.get(0),
        )?;
        if !has {
            return Ok(None);
        }
        Ok(conn.query_row("SELECT union_admin.my_district()", [], |r| r.get(0))?)
    })
}

/// Whether row-level security applies to the connection's role on `table` (PostgreSQL
/// refuses it COPY into the table then); false on SQLite.
pub fn rows_secured(conn: &Connection, table: &str) -> Result<bool> {
    if !conn.is_postgres() {
        return Ok(false);
    }
    Ok(conn.query_row(
        "SELECT row_security_active(CAST(?1 AS TEXT))",
        [table],
        |r| r.get(0),
    )?)
}

/// Whether a person with this ID number is on file in a district the connection may not see
/// (always false for the city and on SQLite). Answers yes or no, nothing of the record.
pub fn person_elsewhere(conn: &Connection, id_number: &str) -> Result<bool> {
    elsewhere(conn, "people", id_number)
}

/// Of `keys`, unique city-wide in `table`, those on file where the connection may not see
/// them, asked in one statement (an office's import asked per row, a round trip each); none
/// for the city and on SQLite.
pub fn keys_elsewhere(
    conn: &Connection,
    table: &str,
    keys: &[&str],
) -> Result<std::collections::HashSet<String>> {
    let mut found = std::collections::HashSet::new();
    if keys.is_empty() || my_district(conn)?.is_none() {
        return Ok(found);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT k FROM json_array_elements_text(CAST(?2 AS JSON)) AS k
          WHERE union_admin.key_on_file(?1, k) = 'elsewhere'",
    )?;
    let mut rows = stmt.query(super::db::params![table, serde_json::to_string(keys)?])?;
    while let Some(r) = rows.next()? {
        found.insert(r.get::<_, String>(0)?);
    }
    Ok(found)
}

/// Whether `key`, unique city-wide in `table` (offices.pg.sql's key_on_file says which
/// column), is on file where the connection may not see it.
pub fn elsewhere(conn: &Connection, table: &str, key: &str) -> Result<bool> {
    // Only an office may not see a record on file.
    if my_district(conn)?.is_none() {
        return Ok(false);
    }
    let found: String = conn.query_row(
        "SELECT union_admin.key_on_file(?1, ?2)",
        [table, key],
        |r| r.get(0),
    )?;
    Ok(found == "elsewhere")
}

/// Whether `login` can name an office's login role: lower-case ASCII letters, digits and `_`,
/// not starting with a digit, at most 63 bytes (PostgreSQL's identifiers without quoting), not
/// `pg_` (names PostgreSQL keeps for itself), and not ending as a group role's name does.
pub fn valid_login(login: &str) -> bool {
    let mut chars = login.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && login.len() <= 63
        && !login.starts_with("pg_")
        // The names of a database's group roles (offices.pg.sql): a login bearing one would be
        // taken for the city of a database made later under the name before it.
        && !login.ends_with("_city")
        && !login.ends_with("_office")
}

/// What `office_add` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeAdded {
    Added,
    /// The login is already this district's office: nothing changed.
    Exists,
    /// The login is already this district's office, and the password given is now its own.
    PasswordSet,
    /// The login is another district's office.
    OtherDistrict,
    /// A role of that name exists on the server and is not an office of this database.
    RoleTaken,
}

/// Makes `login` the office of `district` (a PostgreSQL login role), with the password's SCRAM
/// verifier if one is given. Inside the caller's write. Refused by PostgreSQL (permission
/// denied) for a role that is not the city's.
pub fn office_add(
    conn: &Connection,
    district: &str,
    login: &str,
    verifier: Option<&str>,
) -> Result<OfficeAdded, super::db::Error> {
    let said: String = conn.query_row(
        "SELECT union_admin.office_add(?1, ?2, ?3)",
        super::db::params![district, login, verifier],
        |r| r.get(0),
    )?;
    Ok(match said.as_str() {
        "added" => OfficeAdded::Added,
        "exists" => OfficeAdded::Exists,
        "password_set" => OfficeAdded::PasswordSet,
        "other_district" => OfficeAdded::OtherDistrict,
        _ => OfficeAdded::RoleTaken,
    })
}

/// One office as `union office list` shows it.
pub struct OfficeRow {
    pub district: String,
    pub login: String,
    /// How many people of its district are on file.
    pub people: i64,
}

/// Every office, by district. Refused by PostgreSQL (permission denied) for an office.
pub fn office_list(conn: &Connection) -> Result<Vec<OfficeRow>, super::db::Error> {
    let mut stmt = conn
        .prepare("SELECT district, CAST(login AS TEXT), people FROM union_admin.office_list()")?;
    let rows = stmt.query_map([], |r| {
        Ok(OfficeRow {
            district: r.get(0)?,
            login: r.get(1)?,
            people: r.get(2)?,
        })
    })?;
    rows.collect()
}

/// Whether an error is an office's write refused by row-level security: a record of another
/// district, or one pointing at a record of another district.
pub fn is_other_district(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<super::db::Error>())
        .any(|e| is_permission_denied(e) && e.to_string().contains("row-level security"))
}

/// The server's words when an error is PostgreSQL refusing the connection's role a privilege
/// (not a row: see [`is_other_district`]), as for an office changing the city's rules.
pub fn denied(e: &anyhow::Error) -> Option<String> {
    e.chain()
        .filter_map(|c| c.downcast_ref::<super::db::Error>())
        .find(|e| is_permission_denied(e))
        .map(|e| e.to_string())
}

/// Whether an error is PostgreSQL's unique violation.
pub fn is_duplicate(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<super::db::Error>())
        .any(|e| e.sql_state() == Some("23505"))
}

/// Whether an error is PostgreSQL refusing the connection's role (insufficient privilege).
pub fn is_permission_denied(e: &super::db::Error) -> bool {
    e.sql_state() == Some("42501")
}

/// The password as PostgreSQL stores it (`SCRAM-SHA-256$4096:salt$StoredKey:ServerKey`),
/// computed here with a random salt, so that the clear text never reaches the server, its
/// logs or the audit log.
pub fn password_verifier(password: &str) -> String {
    postgres_protocol::password::scram_sha_256(password.as_bytes())
}

/// Whether the connection's database has offices installed and this role is one (for
/// `log --verify`: an office checks the chain and its own rows).
pub fn is_office(conn: &Connection) -> Result<bool> {
    Ok(my_district(conn)?.is_some())
}

/// Drops the roles offices.pg.sql made for `database` (its two group roles and every office
/// login: its members, not those holding the ADMIN option on it, as PostgreSQL 16 gives the
/// city and a role's creator), once the database itself is dropped: roles are the server's, not
/// the database's.
/// For whoever drops databases (the tests' scratch databases).
pub fn drop_roles(admin: &Connection, database: &str) -> Result<()> {
    let office = format!("{database}_office");
    let city = format!("{database}_city");
    let logins: Vec<String> = {
        let mut stmt = admin.prepare(
            "SELECT CAST(m.rolname AS TEXT) FROM pg_roles m
               JOIN pg_auth_members a ON a.member = m.oid
               JOIN pg_roles g ON g.oid = a.roleid
              WHERE g.rolname = ?1 AND m.rolcanlogin AND NOT a.admin_option",
        )?;
        let rows = stmt.query_map([&office], |r| r.get(0))?;
        rows.collect::<super::db::Result<_>>()?
    };
    let quote = |n: &str| format!("\"{}\"", n.replace('"', "\"\""));
    for role in logins.iter().chain([&office, &city]) {
        admin.execute_batch(&format!("DROP ROLE IF EXISTS {}", quote(role)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A login is a PostgreSQL name written without quotes: lower-case ASCII letters, digits and
    /// `_`, not starting with a digit, at most 63 bytes, not in `pg_`'s namespace.
    #[test]
    fn logins_are_plain_lower_case_names_of_at_most_63_bytes() {
        for ok in [
            "liangxi",
            "_x",
            "a",
            "lx_2026",
            "pg",
            "pgx_1",
            "city",
            "lx_city2",
            &"a".repeat(63),
        ] {
            assert!(valid_login(ok), "{ok}");
        }
        for bad in [
            "",
            &"a".repeat(64),
            "1lx",
            "Liangxi",
            "liang xi",
            "liang-xi",
            "梁溪",
            "pg_lx",
            "lx\"; DROP ROLE x; --",
            "wuxi_city",
            "wuxi_office",
        ] {
            assert!(!valid_login(bad), "{bad}");
        }
    }

    /// The password leaves as PostgreSQL's SCRAM-SHA-256 verifier, salted afresh each time, never
    /// holding the clear text.
    #[test]
    fn a_password_becomes_a_salted_scram_verifier() {
        let a = password_verifier("梁溪-pw-1");
        let b = password_verifier("梁溪-pw-1");
        assert!(a.starts_with("SCRAM-SHA-256$4096:"), "{a}");
        assert_ne!(a, b);
        assert!(!a.contains("梁溪-pw-1"));
    }
}
