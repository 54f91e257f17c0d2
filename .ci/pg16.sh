# shellcheck shell=bash
# union CI: a PostgreSQL 16 server beside Debian's 15, for the tests whose subject changed in 16
# (CREATEROLE: a role's creator holds only the ADMIN option on it, which `union init` and
# `union office add` by a city administrator who is no superuser must allow for). A fragment
# for .ci/run:   . .ci/pg16.sh   (source it: it exports UNION_TEST_PG16 when the server is up)
#
# Debian 12 packages PostgreSQL 15 only; the `pgserver` wheel on PyPI carries PostgreSQL 16's
# own binaries (built for manylinux, so they run here). Installed into target/pg16-venv, a
# cluster made in target/pg16 (owned by the `postgres` user: the server refuses root), listening
# on 127.0.0.1:5433 only, trust authentication (a CI machine's loopback; the superuser
# `postgres` makes the test databases and roles). Idempotent: a server answering on the port is
# used as it is. Where it cannot be had (no PyPI, no venv, initdb or the server failing) it says so
# and leaves UNION_TEST_PG16 unset: that part is skipped, the rest of CI goes on.

union_ci_pg16() {
    local port="${UNION_CI_PG16_PORT:-5433}" root venv data bin
    root="$(pwd)/target"
    venv="$root/pg16-venv"
    data="$root/pg16"
    if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
        if [ ! -x "$venv/bin/python" ]; then
            python3 -m venv "$venv" \
                || { echo "pg16-ci: no Python venv: the PostgreSQL 16 tests are skipped"; return 0; }
        fi
        if ! "$venv/bin/python" -c 'import pgserver' 2>/dev/null; then
            "$venv/bin/pip" install -q 'pgserver==0.1.4' \
                || { echo "pg16-ci: pgserver not installed (PyPI?): the PostgreSQL 16 tests are skipped"; return 0; }
        fi
        bin=$("$venv/bin/python" -c 'import pgserver, os; print(os.path.join(os.path.dirname(pgserver.__file__), "pginstall", "bin"))' 2>/dev/null)
        install -d -o postgres -g postgres "$data"
        if [ ! -f "$data/db/PG_VERSION" ]; then
            runuser -u postgres -- "$bin/initdb" -D "$data/db" -U postgres -A trust --locale=C -E UTF8 \
                >"$data/initdb.log" 2>&1 \
                || { cat "$data/initdb.log"; echo "pg16-ci: initdb failed: the PostgreSQL 16 tests are skipped"; return 0; }
        fi
        runuser -u postgres -- "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
            -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
            || { cat "$data/server.log"; echo "pg16-ci: the server did not start: the PostgreSQL 16 tests are skipped"; return 0; }
    fi
    export UNION_TEST_PG16="postgresql://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    psql -X -q -d "$UNION_TEST_PG16" -Atc "SELECT 'pg16-ci: PostgreSQL ' || current_setting('server_version')" \
        || return 1
}

union_ci_pg16
