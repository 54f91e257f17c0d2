-- union: the whole schema of the 工会台账 database (schema version 10).
--
-- Conventions
--   * dates are ISO text 'YYYY-MM-DD'; years are integers;
--   * money is INTEGER 分 (fen), never REAL: 1234.50 元 is stored as 123450;
--   * percentages are INTEGER hundredths of a percent: 5.5% is stored as 550;
--   * booleans are INTEGER 0/1, NULL when the spreadsheet did not say;
--   * vocabulary columns hold the canonical Chinese label (e.g. '在职', '市级') and a CHECK
--     keeps them to the list (written as OR chains: SQLite builds a temporary table for an IN
--     list of three or more on every insert); payout categories hold the stable English code;
--   * every record table carries created_batch / batch_id / batch_row: the import batch that
--     added the record, the batch that last wrote it, and the spreadsheet row it came from,
--     so that an import can be listed, explained and undone (kept by the program, without
--     foreign keys, which would cost two lookups on every row imported).
-- The binary embeds this file: a new database is created from it; older databases are upgraded
-- by the migrations in src/store/mod.rs, recorded in PRAGMA user_version; PRAGMA application_id
-- marks the file as union's.

-- 职工: one row per person, keyed by 身份证号.
CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    id_number     TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
    gender        TEXT NOT NULL CHECK (gender IN ('男', '女')),
    birth_date    TEXT NOT NULL,
    mobile        TEXT,
    work_unit     TEXT,
    district      TEXT,
    status        TEXT NOT NULL DEFAULT '在职' CHECK (status = '在职' OR status = '退休' OR status = '去世'
                      OR status = '调离'),
    retired_on    TEXT,
    died_on       TEXT,
    transferred_on TEXT,                    -- 调离日期: left for another employer or region
    created_batch INTEGER,
    batch_id      INTEGER,
    batch_row     INTEGER
);
CREATE INDEX people_name ON people(name);
CREATE INDEX people_district ON people(district);

-- 荣誉: honours as awarded: titles (劳动模范, 先进工作者) and medals (五一劳动奖章), which carry
-- model treatment, and the open vocabulary (江苏工匠, 技术能手, 巾帼标兵 …), which is recorded
-- and counted. A title keeps the place that awarded it; its level follows from the place (a
-- county-level city such as 江阴市 awards at level 1). A revoked honour (取消称号) keeps its row,
-- with the date from which it no longer counts and the reason.
CREATE TABLE honours (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    title          TEXT NOT NULL,          -- canonical model title or medal ('市劳动模范'), or the open title as written
    kind           TEXT NOT NULL CHECK (kind = 'model' OR kind = 'medal' OR kind = 'craftsman'
                       OR kind = 'skill_master' OR kind = 'exemplar' OR kind = 'advanced' OR kind = 'other'),
    level          INTEGER CHECK (level BETWEEN 1 AND 4), -- 1 区县 2 市 3 省部 4 全国; NULL: the title does not say
    year           INTEGER,
    awarded_by     TEXT,
    created_batch  INTEGER,
    batch_id       INTEGER,
    batch_row      INTEGER,
    place          TEXT,                   -- the awarding place as written: '江阴市', '江苏省', '江苏'
    revoked_on     TEXT,                   -- 取消称号: no longer counts from this day
    revoked_reason TEXT,
    CHECK ((kind <> 'model' AND kind <> 'medal') OR level IS NOT NULL),
    CHECK ((revoked_on IS NULL) = (revoked_reason IS NULL))
);
-- One honour per person, title, year, awarding body and place: 市劳动模范 of 无锡市 and of 江阴市
-- are two.
CREATE UNIQUE INDEX honours_key ON honours(person_id, title, ifnull(year, 0), ifnull(awarded_by, ''),
    ifnull(place, ''));

-- 企业, keyed by 统一社会信用代码.
CREATE TABLE enterprises (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL,
    credit_code        TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
    district           TEXT,
    industry           TEXT,
    ownership          TEXT,
    employees          INTEGER CHECK (employees >= 0),
    has_union          INTEGER CHECK (has_union IN (0, 1)),
    members            INTEGER CHECK (members >= 0),
    fortune500         INTEGER CHECK (fortune500 IN (0, 1)),
    women_contract     INTEGER CHECK (women_contract IN (0, 1)),
    employee_directors INTEGER CHECK (employee_directors IN (0, 1)),
    open_affairs       INTEGER CHECK (open_affairs IN (0, 1)),
    created_batch      INTEGER,
    batch_id           INTEGER,
    batch_row          INTEGER
);
CREATE INDEX enterprises_district ON enterprises(district);

-- 工资集体协议, keyed by enterprise and effective date.
CREATE TABLE agreements (
    id              INTEGER PRIMARY KEY,
    enterprise_id   INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    signed_on       TEXT,
    effective_from  TEXT NOT NULL,
    expires_on      TEXT NOT NULL CHECK (expires_on >= effective_from),
    workers_covered INTEGER CHECK (workers_covered >= 0),
    form            TEXT CHECK (form = '单独' OR form = '区域性' OR form = '行业性'),
    wage_increase   INTEGER,                 -- hundredths of a percent
    created_batch   INTEGER,
    batch_id        INTEGER,
    batch_row       INTEGER,
    agreement_no    TEXT,                    -- 协议编号: rows sharing one are one agreement
    UNIQUE (enterprise_id, effective_from)
);
CREATE INDEX agreements_expires ON agreements(expires_on);
CREATE INDEX agreements_no ON agreements(agreement_no) WHERE agreement_no IS NOT NULL;

-- 基层工会, keyed by name: a union of one unit (单独建会), or a joint, regional or industry union
-- covering many legal units.
CREATE TABLE unions (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    credit_code      TEXT CHECK (length(credit_code) = 18),      -- the union's own
    district         TEXT,
    form             TEXT CHECK (form = '单独建会' OR form = '联合工会' OR form = '区域性'
                         OR form = '行业性'),
    unit_credit_code TEXT CHECK (length(unit_credit_code) = 18), -- 所在单位, for 单独建会
    units_covered    INTEGER CHECK (units_covered >= 0),         -- 覆盖法人单位数
    founded_on       TEXT,
    committee_on     TEXT,                   -- 本届委员会成立日期
    term_years       INTEGER CHECK (term_years BETWEEN 1 AND 10), -- NULL: union.term_years
    workers          INTEGER CHECK (workers >= 0),
    members          INTEGER CHECK (members >= 0),
    women_members    INTEGER CHECK (women_members >= 0),
    migrant_members  INTEGER CHECK (migrant_members >= 0),
    cadres           INTEGER CHECK (cadres >= 0),                -- 专职工会干部
    has_congress     INTEGER CHECK (has_congress IN (0, 1)),     -- 职代会
    created_batch    INTEGER,
    batch_id         INTEGER,
    batch_row        INTEGER
);
CREATE INDEX unions_district ON unions(district);

-- 会员人数的历史: a union's figures as of a statistics date (统计日期), one row per union and date,
-- written by each import or edit whose figures differ from those in force on that date; the
-- year-end's migrant_net_new compares two year-ends by it.
CREATE TABLE union_figures (
    id               INTEGER PRIMARY KEY,
    union_id         INTEGER NOT NULL REFERENCES unions(id) ON DELETE CASCADE,
    as_of            TEXT NOT NULL,           -- 统计日期
    workers          INTEGER CHECK (workers >= 0),
    members          INTEGER CHECK (members >= 0),
    women_members    INTEGER CHECK (women_members >= 0),
    migrant_members  INTEGER CHECK (migrant_members >= 0),
    created_batch    INTEGER,
    batch_id         INTEGER,
    batch_row        INTEGER,
    UNIQUE (union_id, as_of)
);

-- 载体的项目 (programme): the criteria and leader rule an office declares for 职工书屋, 模范职工之家,
-- 星级示范岗 … (built-in programmes need no row until something is declared for them).
-- 载体: one row per naming of a carrier at a level, keyed by name, programme (type) and level.
CREATE TABLE programmes (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    criteria TEXT NOT NULL DEFAULT '',    -- comma-separated, in the declared order
    leader   TEXT NOT NULL DEFAULT 'none' CHECK (leader = 'none' OR leader = 'any-honour'),
    stars    INTEGER NOT NULL DEFAULT 0 CHECK (stars IN (0, 1))
);
CREATE TABLE carriers (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    level         TEXT NOT NULL CHECK (level = '区级' OR level = '市级' OR level = '省级'
                      OR level = '全国' OR level = '一星' OR level = '二星' OR level = '三星'),
    unit          TEXT,
    district      TEXT,
    named_on      TEXT,
    batch_no      INTEGER CHECK (batch_no > 0),
    leader_id     INTEGER REFERENCES people(id),
    criteria_met  TEXT,
    created_batch INTEGER,
    batch_id      INTEGER,
    batch_row     INTEGER,
    UNIQUE (name, type, level)
);
CREATE INDEX carriers_leader ON carriers(leader_id) WHERE leader_id IS NOT NULL;

-- 工作室, keyed by name.
CREATE TABLE studios (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL CHECK (kind = '劳模创新工作室' OR kind = '职工创新工作室'
                         OR kind = '工匠创新工作室'),
    leader_id        INTEGER NOT NULL REFERENCES people(id),
    host_unit        TEXT,
    host_credit_code TEXT,
    enterprise_id    INTEGER REFERENCES enterprises(id) ON DELETE SET NULL,
    district         TEXT,
    founded_on       TEXT,
    team_size        INTEGER CHECK (team_size >= 0),
    -- 八有
    has_model        INTEGER CHECK (has_model IN (0, 1)),
    has_team         INTEGER CHECK (has_team IN (0, 1)),
    has_place        INTEGER CHECK (has_place IN (0, 1)),
    has_rules        INTEGER CHECK (has_rules IN (0, 1)),
    has_funds        INTEGER CHECK (has_funds IN (0, 1)),
    has_plan         INTEGER CHECK (has_plan IN (0, 1)),
    has_activities   INTEGER CHECK (has_activities IN (0, 1)),
    has_results      INTEGER CHECK (has_results IN (0, 1)),
    created_batch    INTEGER,
    batch_id         INTEGER,
    batch_row        INTEGER
);
CREATE INDEX studios_leader ON studios(leader_id);

-- 命名: a studio named at a level on a date; named again after a revocation, it has two rows.
CREATE TABLE studio_namings (
    id            INTEGER PRIMARY KEY,
    studio_id     INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    level         TEXT NOT NULL CHECK (level = '区级' OR level = '市级' OR level = '市级示范性'
                      OR level = '省级示范性' OR level = '全国'),
    named_on      TEXT NOT NULL,
    batch_no      INTEGER CHECK (batch_no > 0),
    forced_reason TEXT,                     -- set when named with --force
    created_batch INTEGER,
    batch_id      INTEGER,
    batch_row     INTEGER,
    approximate   INTEGER CHECK (approximate IN (0, 1)), -- 1: the ledger gave the month only
    UNIQUE (studio_id, level, named_on)
);

-- 撤销: a studio's naming revoked, with one of the five cases of the management measures.
CREATE TABLE studio_revocations (
    id         INTEGER PRIMARY KEY,
    studio_id  INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    revoked_on TEXT NOT NULL,
    case_no    INTEGER NOT NULL CHECK (case_no BETWEEN 1 AND 5),
    note       TEXT
);

-- 申报: every `studio apply`, with its verdict and the rule-by-rule reasons as JSON.
CREATE TABLE studio_applications (
    id          INTEGER PRIMARY KEY,
    studio_id   INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    level       TEXT NOT NULL,
    applied_on  TEXT NOT NULL,
    eligible    INTEGER NOT NULL CHECK (eligible IN (0, 1)),
    reasons     TEXT NOT NULL               -- JSON array of rule verdicts
);

-- 顾问 (e.g. 科技镇长团 members) attached to a studio.
CREATE TABLE studio_advisers (
    id          INTEGER PRIMARY KEY,
    studio_id   INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    institution TEXT,
    since       TEXT,
    UNIQUE (studio_id, name)
);

-- 年度成效, one row per studio and year.
CREATE TABLE studio_results (
    id                INTEGER PRIMARY KEY,
    studio_id         INTEGER NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
    year              INTEGER NOT NULL,
    topics            INTEGER CHECK (topics >= 0),
    problems_solved   INTEGER CHECK (problems_solved >= 0),
    tech_improvements INTEGER CHECK (tech_improvements >= 0),
    patents           INTEGER CHECK (patents >= 0),
    invention_patents INTEGER CHECK (invention_patents >= 0),
    trained           INTEGER CHECK (trained >= 0),
    upgraded          INTEGER CHECK (upgraded >= 0),
    economic_benefit  INTEGER CHECK (economic_benefit >= 0), -- fen
    created_batch     INTEGER,
    batch_id          INTEGER,
    batch_row         INTEGER,
    UNIQUE (studio_id, year)
);

-- 发放记录: to a person, or to a studio for studio subsidies.
CREATE TABLE payouts (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER REFERENCES people(id),
    studio_id     INTEGER REFERENCES studios(id),
    category      TEXT NOT NULL CHECK (category = 'honor_allowance' OR category = 'living_subsidy'
                      OR category = 'hardship_aid' OR category = 'festival_condolence'
                      OR category = 'education_aid' OR category = 'medical_aid'
                      OR category = 'recuperation' OR category = 'health_check'
                      OR category = 'summer_cooling' OR category = 'innovation_award'
                      OR category = 'studio_subsidy'),
    amount        INTEGER NOT NULL CHECK (amount > 0), -- fen
    paid_on       TEXT NOT NULL,
    voucher       TEXT UNIQUE,
    note          TEXT,
    created_batch INTEGER,
    batch_id      INTEGER,
    batch_row     INTEGER,
    student_name      TEXT,                 -- 金秋助学: 学生姓名
    student_id_number TEXT CHECK (student_id_number IS NULL OR length(student_id_number) = 18),
    school_stage      TEXT CHECK (school_stage IS NULL OR school_stage = '高中' OR school_stage = '中职'
                          OR school_stage = '大学' OR school_stage = '研究生'),
    -- 所属期间: the months a payout covers, each the first of its month (both NULL: the month
    -- paid). A month of a category paid by the month (payout.monthly) is covered once.
    period_from   TEXT CHECK (period_from IS NULL OR period_from <= period_to),
    period_to     TEXT CHECK ((period_to IS NULL) = (period_from IS NULL)),
    CHECK ((person_id IS NULL) <> (studio_id IS NULL))
);
CREATE INDEX payouts_person ON payouts(person_id, category, paid_on);
-- No index on paid_on alone: a year is about half of the table, which a scan reads faster
-- than an index visiting rows one by one (measured on 500,000 payouts: 0.64 s against 1.3 s),
-- and every import would pay for keeping it.
CREATE INDEX payouts_studio ON payouts(studio_id) WHERE studio_id IS NOT NULL;
-- 金秋助学 counts once per student per season whoever is paid for them (both parents, two
-- households): a student's payouts are found by their ID number.
CREATE INDEX payouts_student ON payouts(student_id_number) WHERE student_id_number IS NOT NULL;

-- 慰问活动 (campaign): a payout category paid over a span of days under one name and document,
-- e.g. 2025年元旦春节送温暖 from 2024-12-01 to 2025-02-28. A payout of the category dated in it
-- counts once per campaign, in place of its season; campaigns of one category never overlap
-- (checked when one is added). Written by `union campaign add`, a batch like any write.
CREATE TABLE campaigns (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    category  TEXT NOT NULL CHECK (category = 'honor_allowance' OR category = 'living_subsidy'
                  OR category = 'hardship_aid' OR category = 'festival_condolence'
                  OR category = 'education_aid' OR category = 'medical_aid'
                  OR category = 'recuperation' OR category = 'health_check'
                  OR category = 'summer_cooling' OR category = 'innovation_award'),
    starts_on TEXT NOT NULL,
    ends_on   TEXT NOT NULL CHECK (ends_on >= starts_on),
    reference TEXT                          -- 文号
);

-- 困难职工档案: one open file per person (and per household, by 户号), checked when written;
-- a closing states its reason.
CREATE TABLE hardship_files (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    type          TEXT NOT NULL CHECK (type = '深度困难' OR type = '相对困难' OR type = '意外致困'),
    opened_on     TEXT NOT NULL,
    closed_on     TEXT CHECK (closed_on IS NULL OR closed_on >= opened_on),
    cause         TEXT,
    created_batch INTEGER,
    batch_id      INTEGER,
    batch_row     INTEGER,
    household     TEXT,                     -- 户号: a family has one open file
    exit_reason   TEXT CHECK (exit_reason IS NULL OR exit_reason = '脱困' OR exit_reason = '退休'
                      OR exit_reason = '调离' OR exit_reason = '死亡' OR exit_reason = '不再符合'),
    reviewed_on   TEXT,                     -- 复核日期: the last yearly review
    annual_income  INTEGER CHECK (annual_income >= 0),  -- 家庭年收入, fen
    rigid_expenses INTEGER CHECK (rigid_expenses >= 0), -- 刚性支出, fen
    household_size INTEGER CHECK (household_size > 0),  -- 家庭人口
    UNIQUE (person_id, opened_on)
);
CREATE INDEX hardship_household ON hardship_files(household) WHERE household IS NOT NULL;

-- 政策参数: dated values; the value in force on a date is the one with the latest
-- valid_from not after it.
CREATE TABLE policy_params (
    key        TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    value      TEXT NOT NULL,
    reference  TEXT,                        -- 文号, e.g. 苏政办发〔2014〕2号
    PRIMARY KEY (key, valid_from)
);

-- 批次: one per write — an import, or a command that changes records (edit, delete, payout add,
-- studio name …); `union undo` takes one back.
CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    started_at  TEXT NOT NULL,              -- local time, ISO 8601
    os_user     TEXT,
    rows_read   INTEGER NOT NULL DEFAULT 0,
    added       INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    refused     INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    undone_at   TEXT,
    command     TEXT,                       -- the command line, personal values masked
    deleted     INTEGER NOT NULL DEFAULT 0
);

-- What a batch did to each record, so that `union undo` can take it back: 'add' (a record
-- the batch added; imports mark theirs with created_batch instead), 'change' (the changed
-- columns as they were, as JSON) or 'delete' (the whole record as it was, as JSON). record_id
-- is the record's rowid (0 for a policy value no longer on file).
CREATE TABLE batch_changes (
    id         INTEGER PRIMARY KEY,
    batch_id   INTEGER NOT NULL REFERENCES import_batches(id),
    table_name TEXT NOT NULL,
    record_id  INTEGER NOT NULL,
    op         TEXT NOT NULL DEFAULT 'change' CHECK (op = 'add' OR op = 'change' OR op = 'delete'),
    before     TEXT
);
CREATE INDEX batch_changes_batch ON batch_changes(batch_id);
CREATE INDEX batch_changes_record ON batch_changes(table_name, record_id);

-- 设置: the office's settings, e.g. 'district' (所属地区 of records that arrive without one,
-- set by `union init --district`).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- 操作日志: every write, chained by hash so that tampering shows.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    os_user   TEXT,
    command   TEXT NOT NULL,               -- the command line, personal values masked
    action    TEXT NOT NULL,               -- e.g. 'import', 'init', 'policy.set'
    detail    TEXT NOT NULL,               -- what changed, as JSON
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL,
    seal      TEXT NOT NULL DEFAULT ''     -- the changed tables' seals (src/store/seal.rs), JSON
);

-- The running seal of every other table: its row count and the sum of its rows' hashes, moved by
-- each write and sealed in that write's log entry; `union log --verify` checks the data against
-- the log's seals, this table only spares a write from summing a whole table.
CREATE TABLE table_seals (
    name TEXT PRIMARY KEY,
    rows INTEGER NOT NULL,
    sum  TEXT NOT NULL
);

-- Where each row's hash lies, so that `union log --verify` names the rows of a table changed
-- outside union, not only the table: for every run of 64 rowids of a table, the first 8 bytes of
-- each row's hash (zero where no row is). Moved by the same writes as table_seals; not sealed
-- itself (a print rewritten to match leaves the table's sealed sum wrong).
CREATE TABLE row_seals (
    tbl    TEXT NOT NULL,
    bucket INTEGER NOT NULL,
    fps    BLOB NOT NULL,
    PRIMARY KEY (tbl, bucket)
) WITHOUT ROWID;
