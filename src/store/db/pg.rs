//! The PostgreSQL arm of [`super::Connection`]: a `postgres::Client`, SQL rewritten from the
//! store's SQLite spelling ([`postgres_sql`]), values converted to and from the column types
//! PostgreSQL infers, and transactions begun with SQL.
//!
//! A query's rows are read through a cursor, [`CHUNK`] at a time, so that a scan of millions
//! of rows holds one chunk in memory and other statements may run between chunks (as on
//! SQLite, where a statement's rows are stepped one by one). A query for one row is read at
//! once.

mod tls;

use super::{Error, Result, Value, ValueRef};
use postgres::types::private::BytesMut;
use postgres::types::{to_sql_checked, FromSql, IsNull, ToSql, Type};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::marker::PhantomData;
use std::rc::Rc;

/// Rows fetched from a cursor at a time.
const CHUNK: usize = 1000;

/// The advisory lock an immediate transaction holds to its end: one writer at a time, as on
/// SQLite (the bytes of "union").
const WRITE_LOCK: i64 = 0x75_6e_69_6f_6e;

pub(crate) struct PgConnection {
    /// The session; `None` while a COPY left open holds it (see [`Streaming`]).
    client: RefCell<Option<postgres::Client>>,
    /// A COPY left open, loading its rows while the caller goes on.
    streaming: RefCell<Option<Streaming>>,
    /// A query whose rows a thread of its own reads meanwhile (see [`Reading`]).
    reading: RefCell<Option<Reading>>,
    cached: RefCell<HashMap<String, postgres::Statement>>,
    pub(super) in_transaction: Cell<bool>,
    /// Cursors' names: one number per query text (`union_rows_Q_K`, its K-th open cursor), and
    /// for each those closed and free again. A name is used again for the same query only, so
    /// that its DECLARE and FETCH (whose rows have the query's columns) are prepared once per
    /// session: a parse of each per query was most of a point query's cost.
    cursor_queries: RefCell<HashMap<String, CursorNames>>,
    /// What holds for the whole session, asked once (see [`super::Connection::session_memo`]).
    pub(super) memo: RefCell<HashMap<&'static str, Option<String>>>,
    /// Called while another session holds the write lock, with the number of tries so far;
    /// false gives up. None: wait without a word.
    pub(super) waiter: RefCell<Option<Box<dyn FnMut(i32) -> bool + Send>>>,
    cursors: Cell<u64>,
    /// Statements sent that may have changed rows (see [`super::Connection::changes_so_far`]).
    pub(super) writes: Cell<u64>,
    /// What the catalogue said of a table (its columns), asked once per structure: forgotten
    /// at any statement that may change a structure, and at any rollback (which may undo one).
    pub(super) catalogue: RefCell<HashMap<String, Vec<String>>>,
}

/// COPYs left open once their rows are handed over ([`PgConnection::copy_in_background`]), so
/// that the server loads them while the import judges its next rows. A thread of its own holds
/// the session meanwhile and writes the rows it is sent, into one COPY while they are for the
/// same target, ending it and beginning the next when the target changes (a batch's new
/// recipients, then its payouts); the next statement of any kind ends the last COPY first
/// (every COPY's rows counted) and takes the session back: a session runs one statement at a
/// time, and nothing else ever sees it in the middle of a COPY.
struct Streaming {
    /// Each COPY in order: its target and the rows sent to it so far.
    copies: Vec<(String, u64)>,
    send: std::sync::mpsc::SyncSender<(String, Vec<u8>)>,
    thread: std::thread::JoinHandle<(postgres::Client, Vec<u64>, Result<()>)>,
}

/// A query read by a thread of its own ([`PgStatement::query_streamed`]), which holds the
/// session meanwhile and hands the rows over a thousand at a time: the server sends the next
/// while the caller reads these (a cursor's FETCH waited for each thousand in turn). The next
/// statement of any kind ends it first and takes the session back; rows not yet handed over
/// are then an error for their reader, never rows silently missing. (A reader that stops early
/// on its own loses nothing it wanted; a server error after its last row then shows as the
/// transaction's, at the next statement.)
struct Reading {
    /// Shared with the rows' reader ([`PgRows`]); taken away when the read is ended.
    rows: Rc<RefCell<Option<std::sync::mpsc::Receiver<Chunk>>>>,
    /// Set when the read was ended with every row handed over (only its end left to tell).
    whole: Rc<Cell<bool>>,
    thread: std::thread::JoinHandle<postgres::Client>,
}

/// Rows read, or how the read ended: an empty chunk is its end.
type Chunk = Result<Vec<postgres::Row>>;

/// Reads the rows of `stmt` and sends them a chunk at a time, an empty chunk last; stops early
/// when the chunks are no longer wanted.
fn read_rows(
    client: &mut postgres::Client,
    stmt: &postgres::Statement,
    params: impl ExactSizeIterator<Item = Value>,
    send: &std::sync::mpsc::SyncSender<Chunk>,
) -> Result<()> {
    use postgres::fallible_iterator::FallibleIterator;
    let mut read = client.query_raw(stmt, params)?;
    let mut chunk = Vec::with_capacity(CHUNK);
    while let Some(row) = read.next()? {
        chunk.push(row);
        if chunk.len() == CHUNK {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
            if send.send(Ok(full)).is_err() {
                return Ok(());
            }
        }
    }
    if !chunk.is_empty() && send.send(Ok(chunk)).is_err() {
        return Ok(());
    }
    let _ = send.send(Ok(Vec::new()));
    Ok(())
}

/// Writes the rows `jobs` brings, each into `COPY target FROM STDIN`, one COPY for a run of
/// jobs with the same target; the rows each COPY wrote, in order.
fn copy_jobs(
    client: &mut postgres::Client,
    jobs: &std::sync::mpsc::Receiver<(String, Vec<u8>)>,
    copied: &mut Vec<u64>,
) -> Result<()> {
    use std::io::Write;
    let mut next = jobs.recv().ok();
    while let Some((target, rows)) = next.take() {
        let mut writer = client.copy_in(&format!("COPY {target} FROM STDIN"))?;
        writer
            .write_all(&rows)
            .map_err(|e| Error::Connect(e.to_string()))?;
        for (t, rows) in jobs.iter() {
            if t != target {
                next = Some((t, rows));
                break;
            }
            writer
                .write_all(&rows)
                .map_err(|e| Error::Connect(e.to_string()))?;
        }
        copied.push(writer.finish()?);
    }
    Ok(())
}

/// The cursors' names of one query: its number, how many names it has made, those free.
struct CursorNames {
    query: u64,
    made: u64,
    free: Vec<u64>,
}

impl PgConnection {
    /// Connects to `url`, or to another database of the same server when `database` names one.
    pub(super) fn connect(url: &str, database: Option<&str>) -> Result<PgConnection> {
        let split = tls::split(url)?;
        let mut config: postgres::Config = split.rest.parse()?;
        if let Some(db) = database {
            config.dbname(db);
        }
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if config.get_hosts().is_empty() {
            config.host(&env("PGHOST").unwrap_or_else(|| "/var/run/postgresql".into()));
        }
        if config.get_ports().is_empty() {
            if let Some(port) = env("PGPORT").and_then(|p| p.parse().ok()) {
                config.port(port);
            }
        }
        if config.get_user().is_none() {
            if let Some(user) = env("PGUSER").or_else(|| env("USER")) {
                config.user(&user);
            }
        }
        if config.get_dbname().is_none() {
            if let Some(db) = env("PGDATABASE") {
                config.dbname(&db);
            }
        }
        if config.get_password().is_none() {
            if let Some(password) = env("PGPASSWORD").or_else(|| pgpass(&config)) {
                config.password(password);
            }
        }
        let client = match tls::connector(&split)? {
            (mode, None) => config.ssl_mode(mode).connect(postgres::NoTls)?,
            (mode, Some(tls)) => config.ssl_mode(mode).connect(tls)?,
        };
        Ok(PgConnection {
            client: RefCell::new(Some(client)),
            streaming: RefCell::new(None),
            reading: RefCell::new(None),
            cached: RefCell::new(HashMap::new()),
            in_transaction: Cell::new(false),
            cursor_queries: RefCell::new(HashMap::new()),
            memo: RefCell::new(HashMap::new()),
            waiter: RefCell::new(None),
            cursors: Cell::new(0),
            writes: Cell::new(0),
            catalogue: RefCell::new(HashMap::new()),
        })
    }

    pub(super) fn prepare(&self, sql: &str, cached: bool) -> Result<PgStatement<'_>> {
        let found = match cached {
            true => self.cached.borrow().get(sql).cloned(),
            false => None,
        };
        let translated = postgres_sql(sql);
        let stmt = match found {
            Some(stmt) => stmt,
            None => {
                let stmt = self.client()?.prepare(&translated)?;
                if cached {
                    self.cached
                        .borrow_mut()
                        .insert(sql.to_string(), stmt.clone());
                }
                stmt
            }
        };
        Ok(PgStatement {
            readonly: reads_only(sql),
            structural: changes_structure(&first_word(sql)),
            conn: self,
            stmt,
            sql: translated,
            args: Vec::new(),
        })
    }

    /// A free cursor name for query `sql`: its query's number and the cursor's.
    fn take_cursor(&self, sql: &str) -> (u64, u64) {
        let mut queries = self.cursor_queries.borrow_mut();
        let names = queries.entry(sql.to_string()).or_insert_with(|| {
            self.cursors.set(self.cursors.get() + 1);
            CursorNames {
                query: self.cursors.get(),
                made: 0,
                free: Vec::new(),
            }
        });
        let k = names.free.pop().unwrap_or_else(|| {
            names.made += 1;
            names.made
        });
        (names.query, k)
    }

    /// Cursor `n` of query `sql` is closed: its name may be used again.
    fn free_cursor(&self, sql: &str, n: (u64, u64)) {
        if let Some(names) = self.cursor_queries.borrow_mut().get_mut(sql) {
            names.free.push(n.1);
        }
    }

    /// `sql` (PostgreSQL's own text) prepared once per session with `types` for its
    /// parameters.
    fn prepared(&self, sql: &str, types: &[Type]) -> Result<postgres::Statement> {
        if let Some(stmt) = self.cached.borrow().get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.client()?.prepare_typed(sql, types)?;
        self.cached
            .borrow_mut()
            .insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }

    /// The session, once any COPY left open has ended (and said how it went) and any query
    /// read by a thread of its own has stopped.
    fn client(&self) -> Result<std::cell::RefMut<'_, postgres::Client>> {
        self.end_copy()?;
        self.end_reading()?;
        std::cell::RefMut::filter_map(self.client.borrow_mut(), Option::as_mut)
            .map_err(|_| Error::Connect("the session was lost in a COPY".into()))
    }

    /// `count` rows for `COPY target FROM STDIN` (COPY's text format), loaded while the caller
    /// goes on: the COPY stays open for more rows into the same target, and rows for another
    /// target follow in a COPY of their own, in the order given. The last COPY ends before the
    /// next statement, which fails if any COPY did (or wrote another number of rows).
    pub(super) fn copy_in_background(&self, target: &str, data: Vec<u8>, count: u64) -> Result<()> {
        self.wrote();
        if self.streaming.borrow().is_none() {
            self.end_reading()?;
            let Some(mut client) = self.client.borrow_mut().take() else {
                return Err(Error::Connect("the session was lost in a COPY".into()));
            };
            // Room for a batch's recipients and its payouts waiting while the thread writes.
            let (send, jobs) = std::sync::mpsc::sync_channel::<(String, Vec<u8>)>(2);
            let thread = std::thread::spawn(move || {
                let mut copied = Vec::new();
                let done = copy_jobs(&mut client, &jobs, &mut copied);
                (client, copied, done)
            });
            *self.streaming.borrow_mut() = Some(Streaming {
                copies: Vec::new(),
                send,
                thread,
            });
        }
        let sent = match self.streaming.borrow_mut().as_mut() {
            Some(s) => {
                match s.copies.last_mut() {
                    Some((t, rows)) if t == target => *rows += count,
                    _ => s.copies.push((target.to_string(), count)),
                }
                s.send.send((target.to_string(), data)).is_ok()
            }
            None => false,
        };
        match sent {
            true => Ok(()),
            // The thread stopped early: a COPY failed, and ending them says why.
            false => self.end_copy(),
        }
    }

    /// Ends the COPYs left open: waits for the server to load their rows, takes the session
    /// back, and checks that every row sent was copied.
    pub(super) fn end_copy(&self) -> Result<()> {
        let Some(open) = self.streaming.borrow_mut().take() else {
            return Ok(());
        };
        drop(open.send);
        let (client, copied, done) = open
            .thread
            .join()
            .map_err(|_| Error::Connect("a COPY's thread stopped".into()))?;
        *self.client.borrow_mut() = Some(client);
        done?;
        if copied.len() != open.copies.len() {
            return Err(Error::Connect(format!(
                "{} of {} COPYs ended",
                copied.len(),
                open.copies.len()
            )));
        }
        for ((target, sent), n) in open.copies.iter().zip(copied) {
            if n != *sent {
                return Err(Error::Connect(format!(
                    "COPY {target} wrote {n} of {sent} rows"
                )));
            }
        }
        Ok(())
    }

    /// Ends a query read by a thread of its own: takes the session back once the thread has
    /// stopped (its reader, if it has not read every row, is told the read was cut short).
    fn end_reading(&self) -> Result<()> {
        let Some(open) = self.reading.borrow_mut().take() else {
            return Ok(());
        };
        // The thread stops at the chunk after the next, if it is not done already (its next
        // is waited for: when that is the read's end, nothing was cut short).
        if let Some(rows) = open.rows.borrow_mut().take() {
            if let Ok(Ok(chunk)) = rows.recv() {
                open.whole.set(chunk.is_empty());
            }
        }
        let client = open
            .thread
            .join()
            .map_err(|_| Error::Connect("a query's thread stopped".into()))?;
        *self.client.borrow_mut() = Some(client);
        Ok(())
    }

    /// Counts a statement that may change rows.
    fn wrote(&self) {
        self.writes.set(self.writes.get() + 1);
    }

    /// Forgets what the catalogue said of the tables' structure.
    fn forget_structure(&self) {
        self.catalogue.borrow_mut().clear();
    }

    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        self.wrote();
        // Several statements, a word of any of which may begin one that changes a structure.
        if sql
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| changes_structure(&w.to_ascii_uppercase()))
        {
            self.forget_structure();
        }
        Ok(self.client()?.batch_execute(sql)?)
    }

    pub(super) fn begin(&self, immediate: bool) -> Result<()> {
        let mut client = self.client()?;
        client.batch_execute("BEGIN")?;
        self.in_transaction.set(true);
        drop(client);
        if immediate {
            self.take_write_lock()?;
        }
        Ok(())
    }

    /// The write lock, for the transaction: while another session holds it, the waiter is
    /// told (and says so every few seconds, as on SQLite) until it is free.
    fn take_write_lock(&self) -> Result<()> {
        let try_lock = self.prepared("SELECT pg_try_advisory_xact_lock($1)", &[Type::INT8])?;
        let mut count = 0;
        loop {
            let got: bool = self.client()?.query_one(&try_lock, &[&WRITE_LOCK])?.get(0);
            if got {
                return Ok(());
            }
            match self.waiter.borrow_mut().as_mut() {
                Some(wait) => {
                    if !wait(count) {
                        return Err(Error::Connect("the write lock stayed taken".into()));
                    }
                }
                None => {
                    let mut client = self.client()?;
                    client.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
                    return Ok(());
                }
            }
            count = count.saturating_add(1);
        }
    }

    /// COMMIT or ROLLBACK. Either ends the transaction, even when it fails.
    pub(super) fn end(&self, sql: &str) -> Result<()> {
        // A COPY that failed has failed the transaction: COMMIT then rolls it back, and the
        // COPY's error is the one to tell.
        let copied = self.end_copy();
        self.in_transaction.set(false);
        let ended = self.batch(sql);
        copied.and(ended)
    }

    /// The session, for closing it (after any COPY left open has ended).
    pub(super) fn into_client(self) -> Result<postgres::Client> {
        self.end_copy()?;
        self.end_reading()?;
        self.client
            .into_inner()
            .ok_or_else(|| Error::Connect("the session was lost in a COPY".into()))
    }

    /// The `id` the last INSERT took from its table's identity.
    pub(super) fn last_value(&self) -> Result<i64> {
        // Prepared once: asked after every INSERT of a row by row import.
        let stmt = self.prepared("SELECT lastval()", &[])?;
        Ok(self.client()?.query_one(&stmt, &[])?.get(0))
    }
}

/// The password `~/.pgpass` (or `PGPASSFILE`) gives for the connection, as libpq reads it:
/// lines of `host:port:database:user:password`, `*` matching anything, `\` escaping.
fn pgpass(config: &postgres::Config) -> Option<String> {
    let path = match std::env::var_os("PGPASSFILE") {
        Some(p) => std::path::PathBuf::from(p),
        None => std::path::PathBuf::from(std::env::var_os("HOME")?).join(".pgpass"),
    };
    let text = std::fs::read_to_string(path).ok()?;
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let db = config.get_dbname().unwrap_or_default();
    let user = config.get_user().unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(pgpass_fields)
        .find(|f| {
            f.len() == 5
                && [&host, &port, db, user]
                    .iter()
                    .zip(f)
                    .all(|(want, got)| got == "*" || got == *want)
        })
        .map(|mut f| f.swap_remove(4))
}

fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut chars = line.chars();
    let mut field = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => field.extend(chars.next()),
            ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// Whether a statement only reads, by its first word.
fn reads_only(sql: &str) -> bool {
    // A WITH that writes is refused by the server: `union sql`'s session is READ ONLY, and a
    // cursor may not be declared over it.
    matches!(
        first_word(sql).as_str(),
        "SELECT" | "VALUES" | "EXPLAIN" | "SHOW" | "WITH" | "TABLE"
    )
}

/// A statement's first word, upper-case.
fn first_word(sql: &str) -> String {
    sql.trim_start_matches(|c: char| c.is_whitespace() || c == '(')
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase()
}

/// Whether a statement with this first word may change a table's structure, or undo a change
/// (see [`PgConnection::catalogue`]).
fn changes_structure(word: &str) -> bool {
    matches!(word, "CREATE" | "ALTER" | "DROP" | "ROLLBACK" | "DO")
}

/// The store's SQL in PostgreSQL's spelling. The differences rewritten, and the only ones:
/// - parameters: `?` and `?N` become `$N` (a bare `?` takes the number after the largest so
///   far, as in SQLite);
/// - `INSERT OR IGNORE INTO …` becomes `INSERT INTO … ON CONFLICT DO NOTHING` (before any
///   `RETURNING`).
///
/// Quoted text, quoted names and comments are left as they are.
pub fn postgres_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 24);
    let mut largest = 0u32;
    let mut chars = sql.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for (_, d) in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if sql[i..].starts_with("--") => {
                out.push(c);
                for (_, d) in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some((_, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let n = digits.parse().unwrap_or(largest + 1);
                largest = largest.max(n);
                out.push('$');
                out.push_str(&n.to_string());
            }
            c => out.push(c),
        }
    }
    ignore_conflicts(out)
}

fn ignore_conflicts(sql: String) -> String {
    let start = sql.len() - sql.trim_start().len();
    let head = "INSERT OR IGNORE ";
    if !sql[start..]
        .get(..head.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(head))
    {
        return sql;
    }
    let body = sql[start + head.len()..].trim_end().trim_end_matches(';');
    let upper = body.to_ascii_uppercase();
    let (values, returning) = match upper.rfind("RETURNING") {
        Some(at) => body.split_at(at),
        None => (body, ""),
    };
    format!(
        "INSERT {} ON CONFLICT DO NOTHING {returning}",
        values.trim_end()
    )
    .trim_end()
    .to_string()
}

pub(crate) struct PgStatement<'c> {
    pub(super) conn: &'c PgConnection,
    pub(super) stmt: postgres::Statement,
    /// Its SQL as PostgreSQL reads it, for a cursor over it.
    sql: String,
    args: Vec<Value>,
    readonly: bool,
    /// Whether it may change a table's structure (or undo a change).
    structural: bool,
}

impl PgStatement<'_> {
    pub(super) fn clear(&mut self) {
        self.args.clear();
    }

    /// Binds parameter `i` (from 1).
    pub(super) fn set(&mut self, i: usize, v: ValueRef<'_>) {
        if self.args.len() < i {
            self.args.resize(i, Value::Null);
        }
        self.args[i - 1] = v.into();
    }

    /// The parameters as the driver takes them, unbound ones NULL (as in SQLite).
    fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        (0..self.stmt.params().len())
            .map(|i| match self.args.get(i) {
                Some(v) => v as &(dyn ToSql + Sync),
                None => &Value::Null as &(dyn ToSql + Sync),
            })
            .collect()
    }

    pub(super) fn execute(&mut self) -> Result<usize> {
        self.count_write();
        let n = self.conn.client()?.execute(&self.stmt, &self.params())?;
        Ok(n as usize)
    }

    /// Its rows: through a cursor for a query that only reads, else (INSERT … RETURNING) at
    /// once.
    pub(super) fn query(&mut self) -> Result<PgRows<'_>> {
        if !self.readonly || self.stmt.columns().is_empty() {
            return self.query_at_once();
        }
        let conn = self.conn;
        let n = conn.take_cursor(&self.sql);
        let name = format!("union_rows_{}_{}", n.0, n.1);
        // Outside a transaction a cursor must be held past the statement's own.
        let hold = match conn.in_transaction.get() {
            true => "WITHOUT HOLD",
            false => "WITH HOLD",
        };
        let declare = format!("DECLARE {name} NO SCROLL CURSOR {hold} FOR {}", self.sql);
        let declared = conn
            .prepared(&declare, self.stmt.params())
            .and_then(|declare| {
                conn.client()?.execute(&declare, &self.params())?;
                Ok(())
            });
        if let Err(e) = declared {
            // Not declared: the name is free.
            conn.free_cursor(&self.sql, n);
            return Err(e);
        }
        let fetch = match conn.prepared(&format!("FETCH FORWARD {CHUNK} FROM {name}"), &[]) {
            Ok(f) => f,
            Err(e) => {
                if conn.batch(&format!("CLOSE {name}")).is_ok() {
                    conn.free_cursor(&self.sql, n);
                }
                return Err(e);
            }
        };
        Ok(PgRows {
            conn: Some(self.conn),
            cursor: Some((self.sql.clone(), n, fetch)),
            stream: None,
            rows: Vec::new().into_iter(),
            current: None,
            error: None,
            done: false,
            stmt: PhantomData,
        })
    }

    /// Its rows, read by a thread of its own (see [`Reading`]): for a long read whose rows are
    /// used as they come, with no statement before its last row.
    pub(super) fn query_streamed(&mut self) -> Result<PgRows<'_>> {
        if !self.readonly {
            return self.query_at_once();
        }
        let conn = self.conn;
        conn.end_copy()?;
        conn.end_reading()?;
        let Some(mut client) = conn.client.borrow_mut().take() else {
            return Err(Error::Connect("the session was lost in a COPY".into()));
        };
        let (send, rows) = std::sync::mpsc::sync_channel::<Chunk>(4);
        let (stmt, args) = (self.stmt.clone(), self.args.clone());
        let n = stmt.params().len();
        let thread = std::thread::spawn(move || {
            let params = (0..n).map(|i| args.get(i).cloned().unwrap_or(Value::Null));
            if let Err(e) = read_rows(&mut client, &stmt, params, &send) {
                let _ = send.send(Err(e));
            }
            client
        });
        let shared = Rc::new(RefCell::new(Some(rows)));
        let whole = Rc::new(Cell::new(false));
        *conn.reading.borrow_mut() = Some(Reading {
            rows: shared.clone(),
            whole: whole.clone(),
            thread,
        });
        Ok(PgRows {
            conn: None,
            cursor: None,
            stream: Some((shared, whole)),
            rows: Vec::new().into_iter(),
            current: None,
            error: None,
            done: false,
            stmt: PhantomData,
        })
    }

    /// Its rows, all read at once (for one row, or a statement that writes).
    pub(super) fn query_at_once(&mut self) -> Result<PgRows<'_>> {
        self.count_write();
        let rows = self.conn.client()?.query(&self.stmt, &self.params())?;
        Ok(PgRows {
            conn: None,
            cursor: None,
            stream: None,
            rows: rows.into_iter(),
            current: None,
            error: None,
            done: true,
            stmt: PhantomData,
        })
    }

    pub(super) fn readonly(&self) -> bool {
        self.readonly
    }

    /// Counts this statement's run on the connection when it may change rows.
    fn count_write(&self) {
        if !self.readonly {
            self.conn.wrote();
        }
        if self.structural {
            self.conn.forget_structure();
        }
    }
}

pub(crate) struct PgRows<'s> {
    conn: Option<&'s PgConnection>,
    /// The cursor's query, its name's numbers and its FETCH, while it is open.
    cursor: Option<(String, (u64, u64), postgres::Statement)>,
    /// The chunks a thread reads ([`PgStatement::query_streamed`]), none once taken away, and
    /// whether they had all been handed over then.
    stream: Option<(
        Rc<RefCell<Option<std::sync::mpsc::Receiver<Chunk>>>>,
        Rc<Cell<bool>>,
    )>,
    /// The rows fetched and not yet handed out.
    rows: std::vec::IntoIter<postgres::Row>,
    current: Option<postgres::Row>,
    error: Option<Error>,
    /// Whether the cursor has given its last row.
    done: bool,
    stmt: PhantomData<&'s ()>,
}

impl PgRows<'_> {
    pub(super) fn failed(e: Error) -> Self {
        PgRows {
            conn: None,
            cursor: None,
            stream: None,
            rows: Vec::new().into_iter(),
            current: None,
            error: Some(e),
            done: true,
            stmt: PhantomData,
        }
    }

    pub(super) fn next(&mut self) -> Result<Option<&postgres::Row>> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if self.rows.len() == 0 && !self.done {
            if let (Some(conn), Some((_, _, fetch))) = (self.conn, &self.cursor) {
                let chunk = conn.client()?.query(fetch, &[])?;
                self.done = chunk.len() < CHUNK;
                self.rows = chunk.into_iter();
            }
            if let Some((stream, whole)) = &self.stream {
                let got = stream.borrow().as_ref().map(|r| r.recv());
                match got {
                    Some(Ok(Ok(chunk))) => {
                        self.done = chunk.is_empty();
                        self.rows = chunk.into_iter();
                    }
                    Some(Ok(Err(e))) => {
                        self.done = true;
                        return Err(e);
                    }
                    None if whole.get() => self.done = true,
                    Some(Err(_)) | None => {
                        self.done = true;
                        return Err(Error::Connect(
                            "a query was cut short by another statement".into(),
                        ));
                    }
                }
            }
        }
        self.current = self.rows.next();
        Ok(self.current.as_ref())
    }
}

impl Drop for PgRows<'_> {
    fn drop(&mut self) {
        if let (Some(conn), Some((sql, n, _))) = (self.conn, self.cursor.take()) {
            // A failed transaction has closed it already: nothing to report, and the name is
            // not used again in this session.
            if conn
                .batch(&format!("CLOSE union_rows_{}_{}", n.0, n.1))
                .is_ok()
            {
                conn.free_cursor(&sql, n);
            }
        }
    }
}

/// A column as the store reads it, whatever type PostgreSQL gave it.
pub(crate) struct PgValue<'a>(pub(super) ValueRef<'a>);

fn bad(what: String) -> Box<dyn std::error::Error + Sync + Send> {
    what.into()
}

/// Whether the store reads a column of type `ty` ([`PgValue`]'s types): a user's query
/// (`union sql`) with another is refused naming the column, before it runs.
pub(crate) fn reads(ty: &Type) -> bool {
    matches!(
        *ty,
        Type::BOOL
            | Type::INT2
            | Type::INT4
            | Type::INT8
            | Type::OID
            | Type::FLOAT4
            | Type::FLOAT8
            | Type::NUMERIC
            | Type::BYTEA
            | Type::JSONB
            | Type::VOID
            | Type::TEXT
            | Type::VARCHAR
            | Type::BPCHAR
            | Type::NAME
            | Type::JSON
            | Type::UNKNOWN
    )
}

impl<'a> FromSql<'a> for PgValue<'a> {
    fn from_sql(
        ty: &Type,
        raw: &'a [u8],
    ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        let int = |n: usize| -> std::result::Result<i64, _> {
            let b = raw.get(..n).ok_or_else(|| bad(format!("short {ty}")))?;
            Ok::<i64, Box<dyn std::error::Error + Sync + Send>>(match n {
                2 => i16::from_be_bytes([b[0], b[1]]).into(),
                4 => i32::from_be_bytes([b[0], b[1], b[2], b[3]]).into(),
                _ => i64::from_be_bytes(b.try_into()?),
            })
        };
        if !reads(ty) {
            return Err(bad(format!("column type {ty} is not one the store reads")));
        }
        Ok(PgValue(match *ty {
            Type::BOOL => ValueRef::Integer(i64::from(raw.first() == Some(&1))),
            Type::INT2 => ValueRef::Integer(int(2)?),
            Type::INT4 => ValueRef::Integer(int(4)?),
            Type::INT8 => ValueRef::Integer(int(8)?),
            Type::OID => ValueRef::Integer(int(4)? & 0xffff_ffff),
            Type::FLOAT4 => ValueRef::Real(f32::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => ValueRef::Real(f64::from_sql(ty, raw)?),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => ValueRef::Blob(raw),
            Type::JSONB => ValueRef::Text(raw.get(1..).unwrap_or_default()),
            // What a function called for its effect gives (`SELECT pg_sleep(1)` in `union sql`).
            Type::VOID => ValueRef::Null,
            // And the other types `reads` accepts: text.
            _ => ValueRef::Text(raw),
        }))
    }

    fn from_sql_null(
        _: &Type,
    ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(PgValue(ValueRef::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A NUMERIC (what `sum` of a `bigint` gives): an integer when it has no fraction and fits,
/// else a real.
fn numeric(
    raw: &[u8],
) -> std::result::Result<ValueRef<'static>, Box<dyn std::error::Error + Sync + Send>> {
    let word = |i: usize| -> std::result::Result<u16, Box<dyn std::error::Error + Sync + Send>> {
        let b = raw
            .get(i * 2..i * 2 + 2)
            .ok_or_else(|| bad("short numeric".into()))?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    };
    let (ndigits, weight, sign) = (word(0)? as usize, word(1)? as i16, word(2)?);
    if sign == 0xC000 {
        return Err(bad("NaN".into()));
    }
    let mut whole: Option<i128> = Some(0);
    let mut real = 0f64;
    let mut fraction = false;
    for i in 0..ndigits {
        let digit = i128::from(word(4 + i)?);
        let power = i32::from(weight) - i as i32;
        real += digit as f64 * 10000f64.powi(power);
        if power >= 0 {
            whole = whole.and_then(|w| {
                10000i128
                    .checked_pow(power as u32)
                    .and_then(|p| digit.checked_mul(p))
                    .and_then(|x| w.checked_add(x))
            });
        } else if digit != 0 {
            fraction = true;
        }
    }
    let negative = sign == 0x4000;
    let signed = whole.map(|w| if negative { -w } else { w });
    match signed.and_then(|w| i64::try_from(w).ok()) {
        Some(w) if !fraction => Ok(ValueRef::Integer(w)),
        _ => Ok(ValueRef::Real(if negative { -real } else { real })),
    }
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let text = |t: &str, out: &mut BytesMut| -> std::result::Result<IsNull, _> {
            match *ty {
                Type::JSONB => {
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(t.as_bytes());
                }
                Type::INT8 | Type::INT4 | Type::INT2 | Type::BOOL | Type::NUMERIC => {
                    // SQLite's integer affinity: text that spells an integer is one.
                    let i: i64 = t
                        .trim()
                        .parse()
                        .map_err(|_| bad(format!("{t:?} is not a {ty}")))?;
                    return Value::Integer(i).to_sql(ty, out);
                }
                _ => out.extend_from_slice(t.as_bytes()),
            }
            Ok::<IsNull, Box<dyn std::error::Error + Sync + Send>>(IsNull::No)
        };
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                Type::NUMERIC => {
                    numeric_of(*i, out);
                    Ok(IsNull::No)
                }
                _ => text(&i.to_string(), out),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT8 => f.to_sql(ty, out),
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                _ => text(&f.to_string(), out),
            },
            Value::Text(t) => match *ty {
                Type::BYTEA => t.as_bytes().to_sql(ty, out),
                _ => text(t, out),
            },
            Value::Blob(b) => match *ty {
                Type::BYTEA => b.as_slice().to_sql(ty, out),
                _ => text(std::str::from_utf8(b)?, out),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// An integer as a NUMERIC on the wire: base-10000 digits, most significant first.
fn numeric_of(i: i64, out: &mut BytesMut) {
    let mut n = i.unsigned_abs();
    let mut digits = Vec::new();
    while n > 0 {
        digits.push((n % 10000) as u16);
        n /= 10000;
    }
    digits.reverse();
    let weight = digits.len().saturating_sub(1) as u16;
    let sign: u16 = if i < 0 { 0x4000 } else { 0 };
    for w in [digits.len() as u16, weight, sign, 0] {
        out.extend_from_slice(&w.to_be_bytes());
    }
    for d in digits {
        out.extend_from_slice(&d.to_be_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_as_sqlite_numbers_them() {
        assert_eq!(postgres_sql("SELECT ? , ?"), "SELECT $1 , $2");
        assert_eq!(
            postgres_sql("WHERE a = ?2 AND b = ?1 AND c = ?"),
            "WHERE a = $2 AND b = $1 AND c = $3"
        );
        assert_eq!(
            postgres_sql("WHERE (?1 IS NULL OR a = ?1)"),
            "WHERE ($1 IS NULL OR a = $1)"
        );
    }

    #[test]
    fn quoted_text_names_and_comments_are_left_alone() {
        assert_eq!(
            postgres_sql("SELECT '?', \"a?\" -- why?\n, ?"),
            "SELECT '?', \"a?\" -- why?\n, $1"
        );
        assert_eq!(postgres_sql("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
    }

    #[test]
    fn insert_or_ignore_becomes_on_conflict_do_nothing() {
        assert_eq!(
            postgres_sql("INSERT OR IGNORE INTO t (a) VALUES (?);"),
            "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING"
        );
        assert_eq!(
            postgres_sql("  insert or ignore into t (a) VALUES (?) RETURNING id"),
            "INSERT into t (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id"
        );
        assert_eq!(
            postgres_sql("INSERT INTO t VALUES (?)"),
            "INSERT INTO t VALUES ($1)"
        );
    }

    #[test]
    fn pgpass_lines_are_split_at_unescaped_colons() {
        assert_eq!(
            pgpass_fields(r"db.example:5432:*:city:pa\:ss\\word"),
            vec!["db.example", "5432", "*", "city", r"pa:ss\word"]
        );
        assert_eq!(
            pgpass_fields("a:b:c:d:e:f"),
            vec!["a", "b", "c", "d", "e:f"]
        );
    }

    #[test]
    fn numerics_read_as_integers_when_whole() {
        let mut out = BytesMut::new();
        for i in [0i64, 7, 10000, 123_456_789_012, -42, i64::MAX] {
            out.clear();
            numeric_of(i, &mut out);
            assert_eq!(numeric(&out).unwrap(), ValueRef::Integer(i), "{i}");
        }
    }
}
