-- union on PostgreSQL: the city and its district offices (issue 16, "Offices").
--
-- Run by `union init` right after schema.pg.sql, and by any command opening a PostgreSQL
-- database that lacks it (union_admin.offices missing), in one transaction, as the database's
-- creator: a superuser, or a role with CREATEROLE that owns the tables. Re-running it is
-- harmless (every object is created if missing, or replaced). Documented PostgreSQL 15 and 16 (their
-- CREATEROLE rules differ: see $roles$); no
-- extensions; plpgsql for the functions.
--
-- Roles. Roles are cluster-wide, databases are not: one server may hold several `union`
-- databases (a test suite makes hundreds), so the two group roles are named after the
-- database, <database>_city and <database>_office (a database named `union` has union_city and
-- union_office). A database name longer than 56 bytes is refused (the names would be cut at
-- 63 bytes and could meet another database's).
--   <db>_city    NOLOGIN CREATEROLE. Owns every table, sequence and function of the database;
--                sees and writes every row (policy city_all). The role that runs this file is
--                made a member; further city administrators are logins made members of it
--                (GRANT <db>_city TO wuxi_admin). A superuser is the city as well.
--   <db>_office  NOLOGIN. The privileges every district office has; never logs in itself.
--   <login>      one LOGIN role per office, member of <db>_office, made by
--                `union office add 梁溪区 --login liangxi`, which calls
--                union_admin.office_add('梁溪区', 'liangxi', 'SCRAM-SHA-256$…' or NULL): the
--                password is sent as a SCRAM verifier the client computed, never as clear text.
--                Office logins are cluster-wide names too: a login already in use on the
--                server is refused, not reused.
--
-- What an office may do (everything else is refused by privilege or by policy)
--   * read and write the rows of its own district in people, enterprises, unions, carriers and
--     studios (which carry `district`), and in the tables that carry it through a parent:
--       honours, hardship_files                 -> people (person_id)
--       payouts                                 -> people (person_id) or studios (studio_id)
--       agreements                              -> enterprises (enterprise_id)
--       studio_namings, studio_revocations,
--       studio_applications, studio_advisers,
--       studio_results                          -> studios (studio_id)
--       union_figures                           -> unions (union_id)
--       import_batches, batch_changes           -> the office that made the batch
--                                                  (union_admin.batch_office, filled by a
--                                                  trigger; a batch's before-images hold
--                                                  whole records of its district)
--     WITH CHECK also requires every parent a row points to (a carrier's or studio's leader,
--     a studio's enterprise) to be of the office's district: foreign-key checks bypass
--     row-level security, so without it an office could attach a row to another district's;
--   * read the city-wide rules: policy_params, settings, programmes, campaigns (written by the
--     city only);
--   * audit_log: SELECT and INSERT only (append-only by privilege: no UPDATE, DELETE,
--     TRUNCATE); table_seals, row_seals: SELECT, INSERT, UPDATE (a write moves the running
--     seals, which are sums over the whole table: an office adds and subtracts its own rows);
--   * no DDL: owns nothing, no CREATE on any schema or on the database; TEMP tables stay
--     allowed (the seal's per-session bookkeeping).
--
-- A district's rows get the district automatically: district DEFAULT union_admin.my_district()
-- for an INSERT that leaves the column out, and a BEFORE INSERT trigger for one that binds
-- NULL. A row naming another district is refused by WITH CHECK. The city's rows keep what it
-- gives (my_district() is NULL for every role that is not an office).
--
-- One person city-wide: people.id_number stays UNIQUE over the whole table. The store asks
-- union_admin.key_on_file('people', id_number) before adding a person: 'own', 'elsewhere' or
-- 'none' (SECURITY DEFINER for the existence test only; it never returns a district, an id or
-- any column), and refuses 'elsewhere' as registered in another district.

SET LOCAL client_min_messages = warning;   -- no NOTICE for each IF EXISTS

-- ---------------------------------------------------------------------------------------
-- The roles of this database, by name
CREATE SCHEMA IF NOT EXISTS union_admin;

CREATE OR REPLACE FUNCTION union_admin.group_role(kind text) RETURNS name
    LANGUAGE sql STABLE
    AS $$ SELECT (current_database() || '_' || kind)::name $$;

DO $roles$
DECLARE
    city   name := union_admin.group_role('city');
    office name := union_admin.group_role('office');
BEGIN
    IF octet_length(current_database()) > 56 THEN
        RAISE EXCEPTION 'union: database name % is longer than 56 bytes: its roles would be cut at 63', current_database();
    END IF;
    -- A login that happens to bear a group role's name (an office's login `x_city`, say, before
    -- a database `x` was made) is no group role: taken for one, it would be this city.
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname IN (city, office) AND rolcanlogin) THEN
        RAISE EXCEPTION USING
            MESSAGE = format('union: role %s or %s exists and can log in: it is not this database''s group role', city, office),
            ERRCODE = 'duplicate_object';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = city) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN CREATEROLE', city);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = office) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', office);
    END IF;
    -- PostgreSQL 16 gives the CREATEROLE role that made a role only the ADMIN option on it
    -- (membership that neither inherits nor may SET ROLE): the city's privileges must be usable
    -- (USAGE, asked on every version), and making the tables the city's needs SET ROLE, which
    -- an explicit GRANT gives.
    IF NOT pg_has_role(current_user, city, 'USAGE') THEN
        EXECUTE format('GRANT %I TO %I', city, current_user);
    END IF;
    -- And CREATEROLE alone no longer lets the city make an office's login a member of the
    -- office role (union_admin.office_add runs as the city): it needs the ADMIN option on it,
    -- given without membership (so that no office policy applies to the city). On 15,
    -- CREATEROLE suffices and that GRANT's options do not exist.
    IF current_setting('server_version_num')::int >= 160000
       AND NOT EXISTS (SELECT 1 FROM pg_auth_members m
                        WHERE m.roleid = (SELECT oid FROM pg_roles WHERE rolname = office)
                          AND m.member = (SELECT oid FROM pg_roles WHERE rolname = city)
                          AND m.admin_option) THEN
        EXECUTE format('GRANT %I TO %I WITH ADMIN OPTION, INHERIT FALSE, SET FALSE', office, city);
    END IF;
END
$roles$;

-- ---------------------------------------------------------------------------------------
-- Offices: login role -> district
CREATE TABLE IF NOT EXISTS union_admin.offices (
    login    NAME PRIMARY KEY,
    district TEXT NOT NULL CHECK (district <> '')
);

-- Which office made each batch (import_batches keeps schema.sql's columns). Filled by the
-- trigger below; the foreign key makes it impossible to claim a batch ahead.
CREATE TABLE IF NOT EXISTS union_admin.batch_office (
    batch_id BIGINT PRIMARY KEY REFERENCES public.import_batches(id) ON DELETE CASCADE,
    login    NAME NOT NULL,
    district TEXT                -- NULL: made by the city
);
-- Batches made before the offices were set up are the city's.
INSERT INTO union_admin.batch_office (batch_id, login, district)
    SELECT id, current_user, NULL FROM public.import_batches
    ON CONFLICT (batch_id) DO NOTHING;

-- The district of the office logged in (current_user), NULL for any other role. Invoker's
-- rights on purpose: inside a SECURITY DEFINER function current_user would be the owner.
CREATE OR REPLACE FUNCTION union_admin.my_district() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT district FROM union_admin.offices WHERE login = current_user $$;

-- Fills district for an office's INSERT that binds NULL.
CREATE OR REPLACE FUNCTION union_admin.fill_district() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.district IS NULL THEN
        NEW.district := union_admin.my_district();
    END IF;
    RETURN NEW;
END $$;

-- Records who made a batch (invoker's rights: current_user is the writer).
CREATE OR REPLACE FUNCTION union_admin.claim_batch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO union_admin.batch_office (batch_id, login, district)
    VALUES (NEW.id, current_user, union_admin.my_district());
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS union_claim_batch ON public.import_batches;
CREATE TRIGGER union_claim_batch AFTER INSERT ON public.import_batches
    FOR EACH ROW EXECUTE FUNCTION union_admin.claim_batch();

-- Whether a key unique city-wide is on file anywhere (SECURITY DEFINER: past the caller's
-- row-level security). A boolean, nothing else.
CREATE OR REPLACE FUNCTION union_admin.key_exists_anywhere(tbl text, key text) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RETURN CASE tbl
        WHEN 'people'      THEN EXISTS (SELECT 1 FROM public.people      WHERE id_number   = key)
        WHEN 'enterprises' THEN EXISTS (SELECT 1 FROM public.enterprises WHERE credit_code = key)
        WHEN 'unions'      THEN EXISTS (SELECT 1 FROM public.unions      WHERE name        = key)
        WHEN 'studios'     THEN EXISTS (SELECT 1 FROM public.studios     WHERE name        = key)
        WHEN 'payouts'     THEN EXISTS (SELECT 1 FROM public.payouts     WHERE voucher     = key)
        ELSE NULL END;
END $$;

-- Whether a key is on file: 'own' (a row the caller may see), 'elsewhere' (a row the caller
-- may not see), 'none'.
CREATE OR REPLACE FUNCTION union_admin.key_on_file(tbl text, key text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE seen boolean;
BEGIN
    -- Under the caller's own row-level security: what the caller may see.
    seen := CASE tbl
        WHEN 'people'      THEN EXISTS (SELECT 1 FROM public.people      WHERE id_number   = key)
        WHEN 'enterprises' THEN EXISTS (SELECT 1 FROM public.enterprises WHERE credit_code = key)
        WHEN 'unions'      THEN EXISTS (SELECT 1 FROM public.unions      WHERE name        = key)
        WHEN 'studios'     THEN EXISTS (SELECT 1 FROM public.studios     WHERE name        = key)
        WHEN 'payouts'     THEN EXISTS (SELECT 1 FROM public.payouts     WHERE voucher     = key)
        END;
    IF seen IS NULL THEN
        RAISE EXCEPTION 'key_on_file: no city-wide key for table %', tbl;
    ELSIF seen THEN
        RETURN 'own';
    ELSIF union_admin.key_exists_anywhere(tbl, key) THEN
        RETURN 'elsewhere';
    ELSE
        RETURN 'none';
    END IF;
END $$;

-- `union office add DISTRICT --login LOGIN`: the office's login role and its row in offices.
-- SECURITY DEFINER: runs as <db>_city (CREATEROLE), so that a city administrator's own login
-- needs no role attribute. A login that is already this district's office is left as it is.
CREATE OR REPLACE FUNCTION union_admin.office_add(p_district text, p_login text,
                                                  p_verifier text DEFAULT NULL) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE have text;
BEGIN
    IF p_verifier IS NOT NULL AND p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'office password: a SCRAM-SHA-256 verifier is expected, never clear text';
    END IF;
    SELECT district INTO have FROM union_admin.offices WHERE login = p_login;
    IF have IS NOT NULL THEN
        IF have <> p_district THEN
            RETURN 'other_district';
        END IF;
        -- The office is there: a password given is its new one (staff change, a password
        -- forgotten).
        IF p_verifier IS NULL THEN
            RETURN 'exists';
        END IF;
        EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
        RETURN 'password_set';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
        RETURN 'role_taken';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS IN ROLE %I',
                   p_login, union_admin.group_role('office'));
    IF p_verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
    END IF;
    INSERT INTO union_admin.offices (login, district) VALUES (p_login, p_district);
    RETURN 'added';
END $$;

-- `union office list`: each office and how many people it holds.
CREATE OR REPLACE FUNCTION union_admin.office_list()
    RETURNS TABLE (district text, login name, people bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT o.district, o.login,
           (SELECT count(*) FROM public.people p WHERE p.district = o.district)
      FROM union_admin.offices o ORDER BY o.district, o.login
$$;

-- ---------------------------------------------------------------------------------------
-- Ownership and privileges
DO $own$
DECLARE
    city   name := union_admin.group_role('city');
    office name := union_admin.group_role('office');
    r record;
BEGIN
    -- First what the city needs to own them, when the role running this is not a superuser
    -- (a city administrator with CREATEROLE who owns the database): a new owner must be able
    -- to create in the schema, and a schema's owner in the database. Run again later by
    -- another city administrator, who may not grant them (not the database's owner), they are
    -- already there: a refusal to grant them again is no error.
    BEGIN
        EXECUTE format('GRANT CREATE ON DATABASE %I TO %I', current_database(), city);
        EXECUTE format('GRANT USAGE, CREATE ON SCHEMA public, union_admin TO %I', city);
    EXCEPTION WHEN insufficient_privilege THEN
        NULL;
    END;
    EXECUTE format('ALTER SCHEMA union_admin OWNER TO %I', city);
    FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname IN ('public', 'union_admin') AND c.relkind IN ('r', 'p', 'v') LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO %I', r.rel, city);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname = 'union_admin' LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO %I', r.fn, city);
    END LOOP;

    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    REVOKE ALL ON SCHEMA union_admin FROM PUBLIC;
    EXECUTE format('GRANT USAGE ON SCHEMA public, union_admin TO %I', office);
    EXECUTE format('REVOKE CREATE ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I, %I', current_database(), office, city);

    -- Functions are executable by PUBLIC by default: not these.
    REVOKE ALL ON FUNCTION union_admin.office_add(text, text, text), union_admin.office_list(),
        union_admin.key_exists_anywhere(text, text), union_admin.key_on_file(text, text) FROM PUBLIC;
    EXECUTE format('GRANT EXECUTE ON FUNCTION union_admin.office_add(text, text, text) TO %I', city);
    EXECUTE format('GRANT EXECUTE ON FUNCTION union_admin.office_list(), union_admin.key_exists_anywhere(text, text),
                        union_admin.key_on_file(text, text) TO %I, %I', office, city);

    REVOKE ALL ON ALL TABLES IN SCHEMA public, union_admin FROM PUBLIC;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON
        people, enterprises, unions, carriers, studios,
        honours, hardship_files, payouts, agreements,
        studio_namings, studio_revocations, studio_applications, studio_advisers, studio_results,
        union_figures, import_batches, batch_changes TO %I', office);
    -- the identities of the tables it adds rows to (nextval; lastval for the id just added)
    FOR r IN SELECT pg_get_serial_sequence(format('public.%I', t), 'id') AS seq
               FROM unnest(ARRAY['people', 'enterprises', 'unions', 'carriers', 'studios',
                    'honours', 'hardship_files', 'payouts', 'agreements', 'studio_namings',
                    'studio_revocations', 'studio_applications', 'studio_advisers',
                    'studio_results', 'union_figures', 'import_batches', 'batch_changes']) AS t LOOP
        EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO %I', r.seq, office);
    END LOOP;
    EXECUTE format('GRANT SELECT ON policy_params, settings, programmes, campaigns TO %I', office);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON table_seals, row_seals TO %I', office);
    EXECUTE format('GRANT SELECT, INSERT ON audit_log TO %I', office);   -- append-only by privilege
    EXECUTE format('GRANT SELECT ON union_admin.schema_meta, union_admin.offices TO %I', office);
    EXECUTE format('GRANT SELECT, INSERT ON union_admin.batch_office TO %I', office);
END
$own$;

-- ---------------------------------------------------------------------------------------
-- Row-level security: the city sees all, an office its district
DO $rls$
DECLARE
    city   name := union_admin.group_role('city');
    office name := union_admin.group_role('office');
    t text;
    mine constant text := '(SELECT union_admin.my_district())';
    -- table -> the condition that a row is the office's own ('@.' stands for the table)
    own jsonb := jsonb_build_object(
        'people',       'district = ' || mine,
        'enterprises',  'district = ' || mine,
        'unions',       'district = ' || mine,
        'carriers',     'district = ' || mine,
        'studios',      'district = ' || mine,
        'honours',        'EXISTS (SELECT 1 FROM people p WHERE p.id = @.person_id AND p.district = ' || mine || ')',
        'hardship_files', 'EXISTS (SELECT 1 FROM people p WHERE p.id = @.person_id AND p.district = ' || mine || ')',
        'payouts',
            '(EXISTS (SELECT 1 FROM people p WHERE p.id = @.person_id AND p.district = ' || mine || ')'
            || ' OR EXISTS (SELECT 1 FROM studios s WHERE s.id = @.studio_id AND s.district = ' || mine || '))',
        'agreements',   'EXISTS (SELECT 1 FROM enterprises e WHERE e.id = @.enterprise_id AND e.district = ' || mine || ')',
        'studio_namings',      'EXISTS (SELECT 1 FROM studios s WHERE s.id = @.studio_id AND s.district = ' || mine || ')',
        'studio_revocations',  'EXISTS (SELECT 1 FROM studios s WHERE s.id = @.studio_id AND s.district = ' || mine || ')',
        'studio_applications', 'EXISTS (SELECT 1 FROM studios s WHERE s.id = @.studio_id AND s.district = ' || mine || ')',
        'studio_advisers',     'EXISTS (SELECT 1 FROM studios s WHERE s.id = @.studio_id AND s.district = ' || mine || ')',
        'studio_results',      'EXISTS (SELECT 1 FROM studios s WHERE s.id = @.studio_id AND s.district = ' || mine || ')',
        'union_figures', 'EXISTS (SELECT 1 FROM unions u WHERE u.id = @.union_id AND u.district = ' || mine || ')',
        -- a batch not yet claimed is the one this very statement inserts (the claim is made by
        -- the AFTER INSERT trigger): INSERT … RETURNING must see it
        'import_batches',
            '(EXISTS (SELECT 1 FROM union_admin.batch_office b WHERE b.batch_id = @.id AND b.district = ' || mine || ')'
            || ' OR NOT EXISTS (SELECT 1 FROM union_admin.batch_office b WHERE b.batch_id = @.id))',
        'batch_changes',
            'EXISTS (SELECT 1 FROM union_admin.batch_office b WHERE b.batch_id = @.batch_id AND b.district = ' || mine || ')');
    -- extra WITH CHECK: the parents a row points to are the office's own too
    parents jsonb := jsonb_build_object(
        'carriers', ' AND (leader_id IS NULL OR EXISTS (SELECT 1 FROM people p WHERE p.id = @.leader_id AND p.district = ' || mine || '))',
        'studios',  ' AND EXISTS (SELECT 1 FROM people p WHERE p.id = @.leader_id AND p.district = ' || mine || ')'
                 || ' AND (enterprise_id IS NULL OR EXISTS (SELECT 1 FROM enterprises e WHERE e.id = @.enterprise_id AND e.district = ' || mine || '))');
    read_only constant text[] := ARRAY['policy_params', 'settings', 'programmes', 'campaigns'];
    unsecured constant text[] := ARRAY['audit_log', 'table_seals', 'row_seals'];
    all_tables text[];
BEGIN
    SELECT array_agg(c.relname::text ORDER BY c.relname) INTO all_tables
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r';
    FOREACH t IN ARRAY all_tables LOOP
        IF NOT (own ? t OR t = ANY (read_only) OR t = ANY (unsecured)) THEN
            RAISE EXCEPTION 'union: table % has no office policy (offices.pg.sql)', t;
        END IF;
        EXECUTE format('DROP POLICY IF EXISTS city_all ON public.%I', t);
        EXECUTE format('DROP POLICY IF EXISTS office_own ON public.%I', t);
        EXECUTE format('DROP POLICY IF EXISTS office_read ON public.%I', t);
        IF t = ANY (unsecured) THEN
            -- Not row-secured: every office appends to the one chain and moves the running
            -- seals; what it may do there is set by privilege alone.
            EXECUTE format('ALTER TABLE public.%I NO FORCE ROW LEVEL SECURITY', t);
            EXECUTE format('ALTER TABLE public.%I DISABLE ROW LEVEL SECURITY', t);
            CONTINUE;
        END IF;
        EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY city_all ON public.%I TO %I USING (true) WITH CHECK (true)', t, city);
        IF own ? t THEN
            EXECUTE format('CREATE POLICY office_own ON public.%I TO %I USING (%s) WITH CHECK (%s%s)',
                           t, office, replace(own ->> t, '@.', t || '.'), replace(own ->> t, '@.', t || '.'),
                           replace(coalesce(parents ->> t, ''), '@.', t || '.'));
        ELSE
            EXECUTE format('CREATE POLICY office_read ON public.%I FOR SELECT TO %I USING (true)', t, office);
        END IF;
    END LOOP;
    -- district filled in for an office's rows
    FOREACH t IN ARRAY ARRAY['people', 'enterprises', 'unions', 'carriers', 'studios'] LOOP
        EXECUTE format('ALTER TABLE public.%I ALTER COLUMN district SET DEFAULT union_admin.my_district()', t);
        EXECUTE format('DROP TRIGGER IF EXISTS union_district ON public.%I', t);
        EXECUTE format('CREATE TRIGGER union_district BEFORE INSERT ON public.%I FOR EACH ROW EXECUTE FUNCTION union_admin.fill_district()', t);
    END LOOP;

    -- which office made which batch: readable by all offices (a batch's visibility above asks
    -- whether it is claimed at all); a claim only for oneself
    ALTER TABLE union_admin.batch_office ENABLE ROW LEVEL SECURITY;
    ALTER TABLE union_admin.batch_office FORCE ROW LEVEL SECURITY;
    DROP POLICY IF EXISTS city_all ON union_admin.batch_office;
    DROP POLICY IF EXISTS office_read ON union_admin.batch_office;
    DROP POLICY IF EXISTS office_claim ON union_admin.batch_office;
    EXECUTE format('CREATE POLICY city_all ON union_admin.batch_office TO %I USING (true) WITH CHECK (true)', city);
    EXECUTE format('CREATE POLICY office_read ON union_admin.batch_office FOR SELECT TO %I USING (true)', office);
    EXECUTE format('CREATE POLICY office_claim ON union_admin.batch_office FOR INSERT TO %I
        WITH CHECK (login = current_user AND district IS NOT DISTINCT FROM (SELECT union_admin.my_district()))', office);
END
$rls$;

-- Which version of this file the database has: a later `union` whose file says more runs it
-- again (OFFICES_VERSION in src/store/offices.rs).
INSERT INTO union_admin.schema_meta (key, value) VALUES ('offices', 3)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
