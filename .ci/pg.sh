# shellcheck shell=bash
# union CI: make sure a PostgreSQL server is there for the PostgreSQL half of the test suite,
# and export UNION_TEST_PG. A fragment for .ci/run:   . .ci/pg.sh   (source it: it exports)
#
# Debian 12, root, no systemd. Idempotent: a running server is used as it is; a stopped
# cluster is started; a missing PostgreSQL is installed (Debian's `postgresql`) and a cluster
# of the installed major is made; the test role and database are made only if missing.
#
# Knobs (all optional): UNION_CI_PG_PORT (5432), UNION_CI_PG_ROLE (union_test),
# UNION_CI_PG_DB (union_test), UNION_CI_PG_PASSWORD (union_test: a scratch password on a CI
# machine; it goes to ~/.pgpass and PGPASSWORD, never into the URL).
#
# Exports: UNION_TEST_PG=postgresql://ROLE@127.0.0.1:PORT/DB?sslmode=disable, PGPASSWORD.
# Without TLS: the suite's thousands of sessions on this machine spent about a fifth of their
# time encrypting (an import of 38,000 enterprises: 23.8 s with TLS, 19.4 s without); one test
# (postgres::a_session_is_encrypted_when_the_url_asks_for_tls) connects with sslmode=require.
# The role is SUPERUSER, so that tests may make roles and databases of their own. The database
# is C-collated UTF8: text sorts bytewise, as in SQLite.

union_ci_pg() {
    local port="${UNION_CI_PG_PORT:-5432}" role="${UNION_CI_PG_ROLE:-union_test}"
    local db="${UNION_CI_PG_DB:-union_test}" pw="${UNION_CI_PG_PASSWORD:-union_test}"
    local sock=/var/run/postgresql t0 major cluster='' status=''
    t0=$(date +%s%N)
    _ci_pg_t() { echo "pg-ci: $1 ($(( ($(date +%s%N) - t0) / 1000000 )) ms)"; }

    # 1. PostgreSQL installed? (server binaries and Debian's cluster tools)
    if ! command -v pg_isready >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1 \
       || ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
        _ci_pg_t "installing postgresql"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq || return 1
        # In a container without systemd, the package's own start of its cluster may be
        # refused (policy-rc.d); step 2 starts it.
        apt-get install -y -qq postgresql >/dev/null || return 1
        _ci_pg_t "installed"
    fi
    major=$(ls /usr/lib/postgresql | sort -V | tail -n 1)

    # 2. A server answering on the port? Else start (or first make) a cluster of that major.
    install -d -o postgres -g postgres -m 2775 "$sock"
    if pg_isready -q -h "$sock" -p "$port"; then
        _ci_pg_t "server already running on port $port"
    else
        # A cluster of the installed major on our port, if there is one: its name and status.
        read -r cluster status < <(pg_lsclusters -h 2>/dev/null \
            | awk -v v="$major" -v p="$port" '$1 == v && $3 == p { print $2, $4; exit }') || true
        if [ -z "${cluster:-}" ]; then
            cluster=ci
            _ci_pg_t "creating cluster $major/$cluster on port $port"
            pg_createcluster "$major" "$cluster" --port "$port" --encoding UTF8 --locale C.UTF-8 \
                >/dev/null || return 1
        fi
        _ci_pg_t "starting cluster $major/$cluster (was ${status:-new})"
        pg_ctlcluster "$major" "$cluster" start || return 1
        local i
        for i in $(seq 1 30); do pg_isready -q -h "$sock" -p "$port" && break; sleep 1; done
        pg_isready -q -h "$sock" -p "$port" || { echo "pg-ci: server did not come up" >&2; return 1; }
        _ci_pg_t "server up"
    fi

    # 3. Test role and scratch database, if missing (as the cluster owner, over the socket).
    _ci_pg_psql() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -d postgres "$@"; }
    _ci_pg_psql -v role="$role" -v pw="$pw" <<'SQL' || return 1
SELECT format('CREATE ROLE %I LOGIN SUPERUSER PASSWORD %L', :'role', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SQL
    # The test role's commits do not wait for the disk (its own sessions only; the server's
    # other users keep their setting): the suite makes a database per test and commits often.
    _ci_pg_psql -c "ALTER ROLE \"$role\" SET synchronous_commit = off" || return 1
    if [ "$(_ci_pg_psql -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
        _ci_pg_psql -c "CREATE DATABASE \"$db\" OWNER \"$role\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" \
            || return 1
        _ci_pg_t "database $db created"
    fi

    # 4. How the tests connect: TCP with a password from ~/.pgpass / PGPASSWORD.
    local pgpass="${HOME:-/root}/.pgpass" line="127.0.0.1:$port:*:$role:$pw"
    touch "$pgpass" && chmod 600 "$pgpass"
    grep -qxF "$line" "$pgpass" || echo "$line" >> "$pgpass"
    export PGPASSWORD="$pw"
    export UNION_TEST_PG="postgresql://$role@127.0.0.1:$port/$db?sslmode=disable"
    psql -X -q -d "$UNION_TEST_PG" -Atc "SELECT 'pg-ci: connected as ' || current_user || ' to ' || current_database() || ', PostgreSQL ' || current_setting('server_version') || ', collate ' || (SELECT datcollate FROM pg_database WHERE datname = current_database())" \
        || return 1
    _ci_pg_t "UNION_TEST_PG=$UNION_TEST_PG"
}

union_ci_pg
