// The PostgreSQL 15 schema of the store: what SQLite's 14 migrations (store/sqlite/migrations.cc)
// build, written once for a new database (docs/decisions/0010, steps 3 and 4). Later migrations
// add one SQL text per dialect on top of it; scripts/compare-schemas.py compares the two schemas.
//
// Translation from the SQLite text, which stays the reference for what each column means:
// - Same tables, columns (in SQLite's order: columns that a later migration ADDed come last, as
//   there), NOT NULL, defaults, keys, UNIQUE and CHECK constraints, foreign keys, partial
//   indexes, index and trigger names. The ADD COLUMNs of 0007, 0009 and 0011 are folded into
//   their CREATE TABLE; each section below is one migration.
// - INTEGER is bigint everywhere (booleans 0/1 and codes too: the store binds and reads int64),
//   TEXT text, BLOB bytea, REAL double precision. WITHOUT ROWID has no counterpart.
// - An INTEGER PRIMARY KEY that SQLite numbers (an insert leaves it NULL or out) is a plain
//   bigint key numbered the same way, highest + 1, by a BEFORE INSERT trigger `<table>_next_id`
//   (the last section). Keys the store always gives stay plain too: region.code,
//   household_version.vid (the batch writer's max(vid) + 1), audit_log.seq (1, 2, ... without
//   gaps) and upload.upload_id (max + 1).
// - Text is COLLATE "C": compared and sorted by bytes, as SQLite's BINARY does, whatever the
//   database's default collation.
// - quarantine has no key and is read in (file, line, rowid) order; entry_id, its last column,
//   stands for the rowid.
// - Triggers are PL/pgSQL functions run FOR EACH ROW, as SQLite's triggers are. Two do what
//   SQLite's do in a way that suits PostgreSQL (see them): case_data_log locks the change stamp
//   first, so that the log's numbers follow commit order between concurrent writers, and
//   case_data_log_keep deletes a range by the primary key that starts past the rows it deleted
//   before.
//
// Partitioning by province. household, household_version and member_version carry `province
// smallint NOT NULL` as their last column: the 2-digit province code of the household's village
// (village_code / 10000000000), and are PARTITION BY LIST (province).
// PostgreSQL wants the partition key in every primary key and UNIQUE constraint, so `province`
// ends each of their keys, and member_version references household_version by (vid, province).
// A household id is therefore unique per province only; the store derives the province from the
// village before it writes. Each table has a DEFAULT partition, so that inserts work before a
// province has its own; per-province partitions (`household_p63 PARTITION OF household FOR
// VALUES IN (63)`, ...) are made when the regions are loaded (postgres/partitions.h).
// PostgreSQL moves no rows when a partition is created: tried on 15.20, CREATE TABLE
// household_p63 PARTITION OF household FOR VALUES IN (63) while household_p_default holds rows of
// province 63 fails with "updated partition constraint for default partition
// "household_p_default" would be violated by some row", and succeeds once they are gone (it
// scans the default partition under an ACCESS EXCLUSIVE lock to check); partitions.cc moves such
// rows itself. The default partitions stay empty once the regions are loaded. A national
// coordinator (postgres/shards.cc) drops these tables' keys and keeps its partitions on other
// servers. The same `province` column is the distribution key under Citus: household,
// household_version and member_version are distributed and co-located on it; region, code,
// standard, batch and the other tables are reference tables (the distributed tables' foreign
// keys point at batch). screening_result is not partitioned: a run's results are written by the
// run (one province's or county's), and hold no village code to route them by.
#include "store/postgres/schema.h"

namespace xianjie::store::postgres_internal {

// The whole schema at SQLite's migration 14, for a new PostgreSQL database.
extern const char kBaselineSchema[] = R"sql(
-- 0001_registry -------------------------------------------------------------------------------

CREATE TABLE region (
  code bigint PRIMARY KEY,  -- 12 digits, e.g. 630102001001
  name text COLLATE "C" NOT NULL
);

-- One row per committed import; the row is written inside the batch's transaction, so a batch
-- that never committed leaves none.
CREATE TABLE batch (
  batch_id bigint PRIMARY KEY,
  source text COLLATE "C" NOT NULL,
  user_name text COLLATE "C" NOT NULL,
  households_file text COLLATE "C" NOT NULL,
  members_file text COLLATE "C" NOT NULL,
  started_at text COLLATE "C" NOT NULL,  -- UTC, ISO 8601
  finished_at text COLLATE "C",          -- set at commit
  as_of text COLLATE "C" NOT NULL,       -- YYYY-MM-DD
  report_json text COLLATE "C"           -- set at commit
);

-- Every household and its current version, so that current reads need no MAX() and a new
-- version's number is checked by one keyed update. SUM(current_version) counts all versions.
CREATE TABLE household (
  household_id text COLLATE "C" NOT NULL,
  current_version bigint NOT NULL CHECK (current_version >= 1),
  current_vid bigint NOT NULL,  -- household_version.vid of the current version
  current_hash bigint NOT NULL,
  current_members bigint NOT NULL CHECK (current_members >= 0),
  province smallint NOT NULL,   -- village_code / 10000000000 of the current version
  PRIMARY KEY (household_id, province)
) PARTITION BY LIST (province);

-- Versions are numbered by `vid` in the order they are written, and members hang off that
-- number: a batch appends to both tables whatever the order of its households instead of
-- inserting all over two large B-trees (twice as fast for a million households in random
-- order), and member rows carry a small integer rather than the household id.
CREATE TABLE household_version (
  vid bigint NOT NULL,  -- given by the batch writer: max(vid) + 1
  household_id text COLLATE "C" NOT NULL,
  version bigint NOT NULL CHECK (version >= 1),
  batch_id bigint NOT NULL REFERENCES batch (batch_id),
  content_hash bigint NOT NULL,
  village_code bigint NOT NULL,
  status bigint NOT NULL,
  wage_income bigint NOT NULL,
  business_income bigint NOT NULL,
  property_income bigint NOT NULL,
  transfer_income bigint NOT NULL,
  production_costs bigint NOT NULL,
  prev_net_income bigint,  -- NULL: unknown
  rigid_medical bigint NOT NULL,
  rigid_education bigint NOT NULL,
  rigid_other bigint NOT NULL,
  housing_safe bigint NOT NULL CHECK (housing_safe IN (0, 1)),
  water_safe bigint NOT NULL CHECK (water_safe IN (0, 1)),
  province smallint NOT NULL,  -- the household's: village_code / 10000000000
  PRIMARY KEY (vid, province),
  UNIQUE (household_id, version, province)
) PARTITION BY LIST (province);

CREATE TABLE member_version (
  vid bigint NOT NULL,
  seq bigint NOT NULL,  -- 0-based position in canonical order (the head first)
  id_number text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  relation bigint NOT NULL,
  sex bigint NOT NULL,
  birth_date bigint NOT NULL,  -- yyyymmdd
  labor bigint NOT NULL,
  health bigint NOT NULL,
  school_stage bigint NOT NULL,
  enrolled bigint NOT NULL CHECK (enrolled IN (0, 1)),
  med_insured bigint NOT NULL CHECK (med_insured IN (0, 1)),
  pension_insured bigint NOT NULL CHECK (pension_insured IN (0, 1)),
  shares_household bigint NOT NULL CHECK (shares_household IN (0, 1)),
  province smallint NOT NULL,  -- its household_version's
  PRIMARY KEY (vid, seq, province),
  FOREIGN KEY (vid, province) REFERENCES household_version (vid, province)
) PARTITION BY LIST (province);

-- Until the store or the operator creates a province's partitions, its rows land here; a
-- province's partition cannot be created while its rows are here (see the top of schema.cc).
CREATE TABLE household_p_default PARTITION OF household DEFAULT;
CREATE TABLE household_version_p_default PARTITION OF household_version DEFAULT;
CREATE TABLE member_version_p_default PARTITION OF member_version DEFAULT;

CREATE TABLE quarantine (
  batch_id bigint NOT NULL REFERENCES batch (batch_id),
  file text COLLATE "C" NOT NULL,
  line bigint NOT NULL,
  column_name text COLLATE "C" NOT NULL,  -- '' for a row-level rule
  rule text COLLATE "C" NOT NULL,
  raw_value text COLLATE "C" NOT NULL,
  message text COLLATE "C" NOT NULL,
  record text COLLATE "C" NOT NULL,
  -- Stands for SQLite's rowid: the order rows were written in. The store reads a batch's
  -- quarantine ORDER BY file, line, entry_id on PostgreSQL (file, line, rowid on SQLite).
  entry_id bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX quarantine_by_batch ON quarantine (batch_id, file, line);

-- What the enumeration columns' integers stand for, for people who query the database:
--   JOIN code c ON c.kind = 'relation' AND c.value = m.relation
CREATE TABLE code (
  kind text COLLATE "C" NOT NULL,  -- the column: status, relation, sex, labor, health, school_stage
  value bigint NOT NULL,
  code text COLLATE "C" NOT NULL,
  label_zh text COLLATE "C" NOT NULL,
  PRIMARY KEY (kind, value)
);
INSERT INTO code (kind, value, code, label_zh) VALUES
  ('status', 0, 'lifted', '脱贫户'),
  ('status', 1, 'ordinary', '一般农户'),
  ('relation', 0, 'head', '户主'),
  ('relation', 1, 'spouse', '配偶'),
  ('relation', 2, 'child', '子女'),
  ('relation', 3, 'child_in_law', '儿媳/女婿'),
  ('relation', 4, 'grandchild', '孙子女'),
  ('relation', 5, 'parent', '父母'),
  ('relation', 6, 'grandparent', '祖父母'),
  ('relation', 7, 'sibling', '兄弟姐妹'),
  ('relation', 8, 'other', '其他'),
  ('sex', 0, 'M', '男'),
  ('sex', 1, 'F', '女'),
  ('labor', 0, 'skilled', '技能劳动力'),
  ('labor', 1, 'ordinary', '普通劳动力'),
  ('labor', 2, 'weak', '弱劳动力或半劳动力'),
  ('labor', 3, 'lost', '丧失劳动力'),
  ('labor', 4, 'none', '无劳动力'),
  ('health', 0, 'healthy', '健康'),
  ('health', 1, 'chronic', '长期慢性病'),
  ('health', 2, 'serious', '患大病'),
  ('health', 3, 'disabled', '残疾'),
  ('school_stage', 0, 'none', '非在校生'),
  ('school_stage', 1, 'preschool', '学前教育'),
  ('school_stage', 2, 'primary', '小学'),
  ('school_stage', 3, 'junior', '初中'),
  ('school_stage', 4, 'senior', '高中'),
  ('school_stage', 5, 'vocational', '中职/高职'),
  ('school_stage', 6, 'college', '大专及以上');

-- 0002_screening: standards and screening runs (rules/screening_store.h) ----------------------

-- One row per distinct standard, keyed by its content hash; loading the same content again keeps
-- the first row. standard_id numbers the rows in load order.
CREATE TABLE standard (
  standard_id bigint PRIMARY KEY,
  content_hash text COLLATE "C" NOT NULL UNIQUE CHECK (content_hash <> ''),
  province text COLLATE "C" NOT NULL,
  county text COLLATE "C" NOT NULL,  -- '' for the whole province
  year bigint NOT NULL,
  name text COLLATE "C" NOT NULL,
  origin text COLLATE "C" NOT NULL,     -- file name as loaded
  toml text COLLATE "C" NOT NULL,       -- source text
  loaded_at text COLLATE "C" NOT NULL,  -- UTC, ISO 8601
  user_name text COLLATE "C" NOT NULL
);
CREATE INDEX standard_by_scope ON standard (province, county, year);

-- One row per screening of the registry under one standard. standard_hash names the standard
-- without a foreign key: the port does not require the standard to be stored first.
CREATE TABLE screening_run (
  run_id bigint PRIMARY KEY,
  standard_hash text COLLATE "C" NOT NULL,
  province text COLLATE "C" NOT NULL,
  county text COLLATE "C" NOT NULL,
  year bigint NOT NULL,
  started_at text COLLATE "C" NOT NULL,  -- UTC, ISO 8601
  seconds double precision NOT NULL,
  registry_batch bigint NOT NULL,  -- last committed batch the run saw
  previous_run bigint NOT NULL,    -- 0: none
  incremental bigint NOT NULL CHECK (incremental IN (0, 1)),
  evaluated bigint NOT NULL,
  screened bigint NOT NULL,
  flagged bigint NOT NULL,
  new_warnings bigint NOT NULL,
  counts_json text COLLATE "C" NOT NULL,
  user_name text COLLATE "C" NOT NULL
);
CREATE INDEX screening_run_by_scope ON screening_run (province, county, year);

-- The flagged households of a run (about 13% of the registry). A run's rows are written in
-- household_id order, so each run appends to the primary key.
CREATE TABLE screening_result (
  run_id bigint NOT NULL REFERENCES screening_run (run_id),
  household_id text COLLATE "C" NOT NULL,
  rules text COLLATE "C" NOT NULL,          -- fired rule ids, sorted, joined by ';'
  proposed_type text COLLATE "C" NOT NULL,  -- DOMAIN.md §4.2 code
  risks text COLLATE "C" NOT NULL,          -- risk codes, sorted, joined by ';'
  per_capita_fen bigint NOT NULL,
  new_warning bigint NOT NULL CHECK (new_warning IN (0, 1)),
  PRIMARY KEY (run_id, household_id)
);
CREATE INDEX screening_result_by_household ON screening_result (household_id);

-- 0003_standard_load: loads of standards (rules::ScreeningStore::LoadStandard) ----------------

-- One row per load of a standard (xianjie standard load); the latest load of a scope (province,
-- county, year: the standard's) puts its standard in force. Under 0002 the highest standard_id
-- of a scope was in force, and a standard is stored once, so loading an older standard again
-- could not bring it back; standard.loaded_at, user_name and origin now tell the first store.
-- (SQLite's 0003 also copies every stored standard into standard_load, one load each; a new
-- database has none, so the baseline has nothing to copy.)
CREATE TABLE standard_load (
  load_id bigint PRIMARY KEY,
  content_hash text COLLATE "C" NOT NULL REFERENCES standard (content_hash),
  loaded_at text COLLATE "C" NOT NULL,  -- UTC, ISO 8601
  user_name text COLLATE "C" NOT NULL,
  origin text COLLATE "C" NOT NULL      -- file name as loaded
);
-- The standard in force: standard_by_scope finds the scope's standards, this index their latest
-- load.
CREATE INDEX standard_load_by_standard ON standard_load (content_hash, load_id);

-- 0004_audit_log ------------------------------------------------------------------------------

-- The audit log (access::AuditStore): append-only, each entry holding the SHA-256 of its fields
-- and of the entry before it (access/audit.h). The triggers refuse changes through SQL (not
-- TRUNCATE, which SQLite does not have, nor a superuser dropping them, which VerifyAuditChain
-- then shows).
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,    -- 1, 2, ... without gaps (given by the store)
  time text COLLATE "C" NOT NULL,        -- UTC, ISO 8601
  user_name text COLLATE "C" NOT NULL,
  action text COLLATE "C" NOT NULL,      -- household.explain, household.history, export, ...
  subject text COLLATE "C" NOT NULL,     -- household id, output directory, ...
  detail text COLLATE "C" NOT NULL,      -- JSON text or ''
  prev_hash text COLLATE "C" NOT NULL,   -- hash of entry seq - 1; 64 zeros for the first
  hash text COLLATE "C" NOT NULL         -- hex SHA-256 of the fields above (access::AuditEntryHash)
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- 0005_access: users and sessions (access::UserStore) -----------------------------------------

-- Only the SHA-256 of a session token is stored, so a copy of the database lets no one into a
-- session; passwords are argon2id PHC strings.
CREATE TABLE app_user (
  username text COLLATE "C" PRIMARY KEY,          -- 1..64 of [A-Za-z0-9._-]
  display_name text COLLATE "C" NOT NULL,
  role text COLLATE "C" NOT NULL,                 -- access::RoleName: admin, province, ..., auditor
  scope text COLLATE "C" NOT NULL,                -- region code prefix, 2..12 digits
  password_hash text COLLATE "C" NOT NULL,        -- $argon2id$v=19$m=...,t=...,p=...$salt$hash
  disabled bigint NOT NULL DEFAULT 0,
  created_at text COLLATE "C" NOT NULL,           -- UTC, ISO 8601
  password_changed_at text COLLATE "C" NOT NULL   -- UTC, ISO 8601
);
CREATE TABLE session (
  token_hash text COLLATE "C" PRIMARY KEY,        -- lower-case hex SHA-256 of the token
  username text COLLATE "C" NOT NULL,             -- app_user.username
  csrf_token text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL,           -- UTC, ISO 8601; the absolute expiry counts from here
  last_seen_at text COLLATE "C" NOT NULL,         -- UTC, ISO 8601; the idle expiry counts from here
  client text COLLATE "C" NOT NULL                -- remote address and user agent at login
);
CREATE INDEX session_by_user ON session (username);

-- 0006_cases: cases of the identification and elimination procedure (cases::CaseStore) --------

-- Decision 0005: the case rows, their events, leads, attachments, monitoring episodes and the
-- limits per province. Kinds, states, events and channels are their codes (cases/case.h) as
-- text; civil dates text 'YYYY-MM-DD', optional ones NULL; times text UTC ISO 8601; booleans
-- 0/1. Village codes are the record's text (not the registry's integer) so that a region is a
-- range of the text index.
CREATE TABLE case_record (
  case_id bigint PRIMARY KEY,
  kind text COLLATE "C" NOT NULL,              -- identification, elimination
  household_id text COLLATE "C" NOT NULL,
  village_code text COLLATE "C" NOT NULL,      -- 12 digits: the household's village when the case opened
  state text COLLATE "C" NOT NULL,             -- lead, home_visit, ..., dismissed
  channel text COLLATE "C" NOT NULL,           -- of the lead that opened it
  relapse bigint NOT NULL CHECK (relapse IN (0, 1)),
  opened_at text COLLATE "C" NOT NULL,         -- UTC, ISO 8601
  opened_on text COLLATE "C" NOT NULL,         -- China's civil date
  state_since text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,        -- UTC, ISO 8601 of the last event
  version bigint NOT NULL,         -- events stored; AppendEvent's compare-and-set key
  paused_days bigint NOT NULL,
  step_paused_days bigint NOT NULL,
  paused_since text COLLATE "C",               -- NULL unless an objection is open
  open_objections bigint NOT NULL,
  home_visit_done bigint NOT NULL CHECK (home_visit_done IN (0, 1)),
  comparison_done bigint NOT NULL CHECK (comparison_done IN (0, 1)),
  notice_start text COLLATE "C",
  notice_end text COLLATE "C",
  proposed_type text COLLATE "C" NOT NULL,
  proposed_risks text COLLATE "C" NOT NULL,
  decided_type text COLLATE "C" NOT NULL,
  decided_risks text COLLATE "C" NOT NULL,
  method text COLLATE "C" NOT NULL,
  reason text COLLATE "C" NOT NULL,
  closed_at text COLLATE "C" NOT NULL,         -- '' while open
  escalation bigint NOT NULL,
  episode_id bigint NOT NULL       -- 0: none
);
CREATE INDEX case_by_household ON case_record (household_id);
CREATE INDEX case_by_village ON case_record (village_code);
CREATE INDEX case_by_state ON case_record (state);
-- A household has at most one case that is not terminal (cases::IsTerminal). A terminal state
-- added later needs a migration that rebuilds this index.
CREATE UNIQUE INDEX case_open_per_household ON case_record (household_id)
  WHERE state NOT IN ('monitored', 'eliminated', 'rejected', 'dismissed');

-- Every accepted event of a case, seq 1, 2, ... (seq = the case's version after it).
CREATE TABLE case_event (
  case_id bigint NOT NULL REFERENCES case_record (case_id),
  seq bigint NOT NULL,
  event text COLLATE "C" NOT NULL,             -- open, apply, ...
  from_state text COLLATE "C" NOT NULL,
  to_state text COLLATE "C" NOT NULL,
  actor text COLLATE "C" NOT NULL,             -- username, or 'system'
  actor_role text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL,                -- UTC, ISO 8601
  on_date text COLLATE "C" NOT NULL,           -- China's civil date of `at`
  comment text COLLATE "C" NOT NULL,
  fields text COLLATE "C" NOT NULL,            -- JSON object of strings, the fields as given
  attachments text COLLATE "C" NOT NULL,       -- JSON array of case_attachment ids
  PRIMARY KEY (case_id, seq)
);

-- Leads: what raised a suspicion, once per (household, source); case_id 0 when recorded on a
-- monitoring episode only.
CREATE TABLE lead (
  lead_id bigint PRIMARY KEY,
  household_id text COLLATE "C" NOT NULL,
  channel text COLLATE "C" NOT NULL,           -- self_application, cadre_visit, department_warning
  source text COLLATE "C" NOT NULL,            -- run:17, application:42, visit:<user>:<date>
  at text COLLATE "C" NOT NULL,                -- UTC, ISO 8601
  proposed_type text COLLATE "C" NOT NULL,
  proposed_risks text COLLATE "C" NOT NULL,
  note text COLLATE "C" NOT NULL,
  case_id bigint NOT NULL,         -- 0: none
  episode_id bigint NOT NULL,      -- 0: none
  -- 0009_visit_reason: why a cadre visited (cases::Lead::visit_reason), so that the eight kinds
  -- of visit (八必访) can be counted.
  visit_reason text COLLATE "C" NOT NULL DEFAULT '',
  UNIQUE (household_id, source)
);
-- HouseholdsWithLead: a run's leads, in household order.
CREATE INDEX lead_by_source ON lead (source, household_id);

CREATE TABLE case_attachment (
  attachment_id bigint PRIMARY KEY,
  case_id bigint NOT NULL,
  filename text COLLATE "C" NOT NULL,
  content_type text COLLATE "C" NOT NULL,
  sha256 text COLLATE "C" NOT NULL,            -- lower-case hex of content
  bytes bigint NOT NULL,
  uploaded_by text COLLATE "C" NOT NULL,
  uploaded_at text COLLATE "C" NOT NULL,       -- UTC, ISO 8601
  content bytea NOT NULL
);
CREATE INDEX case_attachment_by_case ON case_attachment (case_id);

-- Monitoring episodes: identification (county approval) to elimination.
CREATE TABLE episode (
  episode_id bigint PRIMARY KEY,
  household_id text COLLATE "C" NOT NULL,
  village_code text COLLATE "C" NOT NULL,      -- the household's village at identification
  identified_on text COLLATE "C" NOT NULL,
  type text COLLATE "C" NOT NULL,              -- unstable_lifted, marginal, sudden_hardship
  risks text COLLATE "C" NOT NULL,             -- R01;R09
  identification_case bigint NOT NULL,
  eliminated_on text COLLATE "C",              -- NULL while open
  method text COLLATE "C" NOT NULL,            -- by_assistance, natural; '' while open
  elimination_case bigint NOT NULL
);
CREATE INDEX episode_by_household ON episode (household_id);
CREATE INDEX episode_by_village ON episode (village_code);

-- cases::WorkflowLimits per province, in calendar days; a province without a row uses the
-- built-in defaults.
CREATE TABLE workflow_limits (
  province text COLLATE "C" PRIMARY KEY,
  application_days bigint NOT NULL,
  home_visit_days bigint NOT NULL,
  comparison_days bigint NOT NULL,
  appraisal_days bigint NOT NULL,
  notice_min_days bigint NOT NULL,
  notice_close_days bigint NOT NULL,
  township_days bigint NOT NULL,
  county_days bigint NOT NULL,
  overall_days bigint NOT NULL,
  escalate_every bigint NOT NULL,
  -- 0007_elimination: cases::WorkflowLimits of risk elimination, in calendar months (a
  -- province's stored limits got the built-in defaults).
  elimination_min_months bigint NOT NULL DEFAULT 6,
  stable_income_months bigint NOT NULL DEFAULT 6,
  early_elimination_months bigint NOT NULL DEFAULT 2
);

-- 0007_elimination: risk elimination (DOMAIN.md §8; docs/decisions/0005) ----------------------

-- Assistance measures (cases::Measure, DOMAIN.md §7.1).
CREATE TABLE measure (
  measure_id bigint PRIMARY KEY,
  household_id text COLLATE "C" NOT NULL,
  member_id_number text COLLATE "C" NOT NULL,  -- '' = the whole household
  category text COLLATE "C" NOT NULL,          -- industry, employment, ..., safety_net
  item text COLLATE "C" NOT NULL,
  department text COLLATE "C" NOT NULL,        -- '' when not yet known
  start_on text COLLATE "C" NOT NULL,          -- civil date
  end_on text COLLATE "C",                     -- NULL: open-ended
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  status text COLLATE "C" NOT NULL,            -- planned, in_progress, done, stopped
  risks text COLLATE "C" NOT NULL,             -- R01;R09 (sorted), or ''
  recorded_by text COLLATE "C" NOT NULL,
  recorded_at text COLLATE "C" NOT NULL,       -- UTC, ISO 8601
  -- 0011_assist: the measure's plan and catalogue item (old measures keep plan 0 and item '').
  plan_id bigint NOT NULL DEFAULT 0,      -- 0: none
  item_code text COLLATE "C" NOT NULL DEFAULT ''      -- '' before the catalogue
);
CREATE INDEX measure_by_household ON measure (household_id);

-- 0008_application: the public application page (docs/decisions/0005) ------------------------

-- cases::Application: what a person entered without an account and what became of it. The
-- client address is kept only as its SHA-256.
CREATE TABLE application (
  application_id bigint PRIMARY KEY,
  reference text COLLATE "C" NOT NULL,         -- the random reference the applicant was shown
  village_code text COLLATE "C" NOT NULL,      -- the village whose page it came from
  received_at text COLLATE "C" NOT NULL,       -- UTC, ISO 8601
  applicant_name text COLLATE "C" NOT NULL,
  id_number text COLLATE "C" NOT NULL,         -- '' when not given
  phone text COLLATE "C" NOT NULL,
  relation text COLLATE "C" NOT NULL,          -- self, proxy
  text text COLLATE "C" NOT NULL,              -- what happened, in the applicant's words
  client_hash text COLLATE "C" NOT NULL,       -- SHA-256 hex of the client address
  household_id text COLLATE "C" NOT NULL,      -- '' while unmatched
  case_id bigint NOT NULL,         -- 0: none
  status text COLLATE "C" NOT NULL,            -- matched, unmatched, linked, closed
  handled_by text COLLATE "C" NOT NULL,        -- '' while not handled by a cadre
  handled_at text COLLATE "C" NOT NULL,        -- UTC, ISO 8601; '' while not handled
  note text COLLATE "C" NOT NULL               -- the reason it was closed, or why matching failed
);
CREATE INDEX application_by_village ON application (village_code);

-- 0009_visit_reason: lead.visit_reason, above. -------------------------------------------------

-- 0010_exchange: department data (docs/decisions/0006) ----------------------------------------

-- The files received, kept byte for byte under their SHA-256; the uploads, each with the
-- registry batch that holds its updates and quarantine; every accepted data row of an upload
-- (matched rows are the facts); department warnings, one per source, person and period;
-- cross-check findings. An upload's rows, warnings, file and upload row are written in its
-- batch's transaction: the upload row last, at commit, so the rows' references to it are
-- checked when the transaction commits.

-- A file received, content-addressed; several uploads (of several sources) may share it.
CREATE TABLE source_file (
  sha256 text COLLATE "C" PRIMARY KEY CHECK (length(sha256) = 64),  -- lower-case hex
  bytes bigint NOT NULL,
  content bytea NOT NULL,
  stored_at text COLLATE "C" NOT NULL,                               -- UTC, ISO 8601
  CHECK (bytes = length(content))                        -- length(bytea): bytes, as in SQLite
);

-- exchange::UploadRecord: one file committed for a source, with its row outcomes.
CREATE TABLE upload (
  upload_id bigint PRIMARY KEY,    -- given by the store: max + 1
  batch_id bigint NOT NULL UNIQUE REFERENCES batch (batch_id),
  source text COLLATE "C" NOT NULL,
  file_name text COLLATE "C" NOT NULL,
  sha256 text COLLATE "C" NOT NULL REFERENCES source_file (sha256),
  bytes bigint NOT NULL CHECK (bytes >= 0),
  format text COLLATE "C" NOT NULL,            -- xlsx, csv
  encoding text COLLATE "C" NOT NULL,          -- CSV: utf-8, gb18030; XLSX: ''
  sheet text COLLATE "C" NOT NULL,             -- XLSX: the sheet read; CSV: ''
  user_name text COLLATE "C" NOT NULL,
  uploaded_at text COLLATE "C" NOT NULL,       -- UTC, ISO 8601
  region_code text COLLATE "C" NOT NULL,       -- the scope uploaded for; '' = the whole registry
  read bigint NOT NULL,
  accepted bigint NOT NULL CHECK (accepted >= 0),
  quarantined bigint NOT NULL CHECK (quarantined >= 0),
  unmatched bigint NOT NULL CHECK (unmatched >= 0),
  warnings bigint NOT NULL CHECK (warnings >= 0),
  updated_households bigint NOT NULL CHECK (updated_households >= 0),
  report_json text COLLATE "C" NOT NULL,
  UNIQUE (source, sha256),         -- the same file again for a source is the same upload
  CHECK (read = accepted + quarantined + unmatched)
);
CREATE INDEX upload_by_region ON upload (region_code);

-- exchange::DeptRow: an accepted data row of an upload; household_id '' = unmatched (kept,
-- never dropped). The two partial indexes hold the matched rows (the facts) in the orders
-- ForEachFact and FactsOfHouseholds return them.
CREATE TABLE dept_row (
  upload_id bigint NOT NULL REFERENCES upload (upload_id) DEFERRABLE INITIALLY DEFERRED,
  row bigint NOT NULL CHECK (row >= 1),  -- the XLSX row or CSV line
  source text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,               -- the row's key, normalized: an ID number or household id
  id_number text COLLATE "C" NOT NULL,         -- '' for household-keyed sources
  household_id text COLLATE "C" NOT NULL,      -- '' = unmatched
  village_code text COLLATE "C" NOT NULL,      -- '' = unmatched
  period text COLLATE "C" NOT NULL,            -- 2026-03, 2026-Q1, 2026-W09, 2026-03-01, 2026
  event_date text COLLATE "C" NOT NULL,        -- YYYY-MM-DD or ''
  values_json text COLLATE "C" NOT NULL,       -- {"column": value, ...}
  PRIMARY KEY (upload_id, row)
);
CREATE INDEX dept_fact_by_source ON dept_row (source, period, upload_id, row)
  WHERE household_id <> '';
CREATE INDEX dept_fact_by_household ON dept_row (household_id, source, period, upload_id, row)
  WHERE household_id <> '';

-- exchange::DeptWarning: at most one per source, person and period, whatever the upload.
CREATE TABLE dept_warning (
  warning_id bigint PRIMARY KEY,
  source text COLLATE "C" NOT NULL,
  person_key text COLLATE "C" NOT NULL,        -- an ID number, or a household id
  household_id text COLLATE "C" NOT NULL,
  village_code text COLLATE "C" NOT NULL,
  period text COLLATE "C" NOT NULL,
  upload_id bigint NOT NULL REFERENCES upload (upload_id) DEFERRABLE INITIALLY DEFERRED,
  row bigint NOT NULL,             -- the row whose fact raised it
  warning_index bigint NOT NULL CHECK (warning_index >= 0),
  object_type text COLLATE "C" NOT NULL,       -- sudden_hardship ...
  risks text COLLATE "C" NOT NULL,             -- a JSON array of risk codes: ["R01","R07"]
  message text COLLATE "C" NOT NULL,
  raised_at text COLLATE "C" NOT NULL,         -- UTC, ISO 8601
  UNIQUE (source, person_key, period)
);
CREATE INDEX dept_warning_by_upload ON dept_warning (upload_id);

-- exchange::Finding: a cross-check failing for a household, once per piece of evidence; a
-- resolved finding keeps its row, so running the checks again does not reopen it.
CREATE TABLE finding (
  finding_id bigint PRIMARY KEY,
  check_code text COLLATE "C" NOT NULL,        -- Q01 ... or a province's own check
  household_id text COLLATE "C" NOT NULL,
  village_code text COLLATE "C" NOT NULL,
  evidence_key text COLLATE "C" NOT NULL,      -- upload:12:row:40, member:<id> ...
  detail text COLLATE "C" NOT NULL,
  source text COLLATE "C" NOT NULL,            -- '' when the evidence is the registry's
  upload_id bigint NOT NULL,       -- 0 when the evidence is not an upload's row
  row bigint NOT NULL,
  opened_at text COLLATE "C" NOT NULL,         -- UTC, ISO 8601
  state text COLLATE "C" NOT NULL,             -- open, corrected, confirmed
  resolved_by text COLLATE "C" NOT NULL,       -- '' while open
  resolved_at text COLLATE "C" NOT NULL,       -- '' while open
  note text COLLATE "C" NOT NULL,              -- the resolver's note
  UNIQUE (check_code, household_id, evidence_key),
  CHECK (state = 'open' OR note <> '')
);
CREATE INDEX finding_by_village ON finding (village_code, state);
CREATE INDEX finding_by_household ON finding (household_id);

-- 0011_assist: assistance (docs/decisions/0008) -----------------------------------------------

-- The plan of each monitoring episode, the households' responsible persons over time, follow-up
-- visits, and the versions of each province's measures catalogue (measure.plan_id and
-- item_code: above).

-- assist::Plan: one per monitoring episode (the UNIQUE index finds an episode's plan).
CREATE TABLE assist_plan (
  plan_id bigint PRIMARY KEY,
  household_id text COLLATE "C" NOT NULL,
  episode_id bigint NOT NULL UNIQUE,
  village_code text COLLATE "C" NOT NULL,      -- 12 digits: the episode's village
  state text COLLATE "C" NOT NULL,             -- draft, active, complete, closed
  created_by text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL,        -- UTC, ISO 8601
  updated_at text COLLATE "C" NOT NULL,        -- UTC, ISO 8601
  completed_by text COLLATE "C" NOT NULL,      -- '' until complete
  completed_at text COLLATE "C" NOT NULL,      -- '' until complete
  note text COLLATE "C" NOT NULL
);
-- A region's plans by state: a range of the village codes.
CREATE INDEX assist_plan_by_village ON assist_plan (village_code, state);
CREATE INDEX assist_plan_by_household ON assist_plan (household_id);

-- assist::ResponsiblePerson: every assignment; the current one has no to_on.
CREATE TABLE responsible_person (
  responsible_id bigint PRIMARY KEY,
  household_id text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  unit text COLLATE "C" NOT NULL,
  phone text COLLATE "C" NOT NULL,
  from_on text COLLATE "C" NOT NULL,           -- civil date
  to_on text COLLATE "C",                      -- NULL while current: the last day responsible
  assigned_by text COLLATE "C" NOT NULL,
  assigned_at text COLLATE "C" NOT NULL        -- UTC, ISO 8601
);
CREATE INDEX responsible_by_household ON responsible_person (household_id, responsible_id);
-- At most one current person per household, even against SQL.
CREATE UNIQUE INDEX responsible_current_per_household ON responsible_person (household_id)
  WHERE to_on IS NULL;

-- assist::Visit.
CREATE TABLE visit (
  visit_id bigint PRIMARY KEY,
  household_id text COLLATE "C" NOT NULL,
  village_code text COLLATE "C" NOT NULL,      -- 12 digits: the household's village when recorded
  visited_on text COLLATE "C" NOT NULL,        -- civil date
  visitor text COLLATE "C" NOT NULL,
  recorded_by text COLLATE "C" NOT NULL,
  recorded_at text COLLATE "C" NOT NULL,       -- UTC, ISO 8601
  found text COLLATE "C" NOT NULL,
  risks_seen text COLLATE "C" NOT NULL,        -- R01;R09 (sorted), or ''
  lead_id bigint NOT NULL          -- 0: none
);
CREATE INDEX visit_by_household ON visit (household_id, visited_on);
-- A region's visits in a period: a range of the village codes, then the dates.
CREATE INDEX visit_by_village ON visit (village_code, visited_on);

-- assist::CatalogVersion: the measures catalogue of a province, version 1, 2, ...; the highest
-- is in force.
CREATE TABLE measure_catalog (
  province text COLLATE "C" NOT NULL,
  version bigint NOT NULL,
  text text COLLATE "C" NOT NULL,              -- TOML
  created_by text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL,        -- UTC, ISO 8601
  PRIMARY KEY (province, version)
);

-- 0012_analytics (docs/decisions/0008) --------------------------------------------------------

-- The change stamp of the case data that the village table is cached on
-- (cases::CaseStore::CaseDataStamp), kept by triggers so that writes by any process, through any
-- code path, move it in the same transaction; and the versions of each province's assessment
-- settings (config/assessment.toml's form).

-- Counters that grow with every write to the tables they watch.
CREATE TABLE change_stamp (
  name text COLLATE "C" PRIMARY KEY,
  value bigint NOT NULL
);
INSERT INTO change_stamp (name, value) VALUES ('case_data', 0);

-- case_data: cases (every event rewrites its case's row), leads, episodes, measures, the
-- workflow limits and (0014) the department warnings; one step per row written.
CREATE FUNCTION case_data_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data';
  RETURN NULL;
END $$;
CREATE TRIGGER case_data_stamp_case_record_insert AFTER INSERT ON case_record
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_case_record_update AFTER UPDATE ON case_record
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_case_record_delete AFTER DELETE ON case_record
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_lead_insert AFTER INSERT ON lead
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_lead_update AFTER UPDATE ON lead
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_lead_delete AFTER DELETE ON lead
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_episode_insert AFTER INSERT ON episode
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_episode_update AFTER UPDATE ON episode
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_episode_delete AFTER DELETE ON episode
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_measure_insert AFTER INSERT ON measure
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_measure_update AFTER UPDATE ON measure
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_measure_delete AFTER DELETE ON measure
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_workflow_limits_insert AFTER INSERT ON workflow_limits
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_workflow_limits_update AFTER UPDATE ON workflow_limits
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_workflow_limits_delete AFTER DELETE ON workflow_limits
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();

-- analytics::AssessmentConfigVersion: a province's assessment settings, version 1, 2, ...; the
-- highest is in force.
CREATE TABLE assessment_config (
  province text COLLATE "C" NOT NULL,
  version bigint NOT NULL,
  text text COLLATE "C" NOT NULL,              -- TOML
  created_by text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL,        -- UTC, ISO 8601
  PRIMARY KEY (province, version)
);

-- 0013_sample: the verification sample (docs/decisions/0008, "Sample stored as built") --------

-- Each county's draws per year with the households drawn and the visit results recorded for
-- them.

-- analytics::SampleDraw: latest = 1 for the one draw of its (county, year) that takes results.
CREATE TABLE sample_draw (
  draw_id bigint PRIMARY KEY,
  county_code text COLLATE "C" NOT NULL,       -- 6 digits
  year bigint NOT NULL,
  seed bigint NOT NULL,            -- the unsigned 64-bit seed's bits, as a signed integer
  parameters text COLLATE "C" NOT NULL,        -- JSON: villages, households, stratum_weights
  drawn_by text COLLATE "C" NOT NULL,
  drawn_at text COLLATE "C" NOT NULL,          -- UTC, ISO 8601
  frame_households bigint NOT NULL CHECK (frame_households >= 0),
  villages bigint NOT NULL CHECK (villages >= 0),
  households bigint NOT NULL CHECK (households >= 0),
  latest bigint NOT NULL CHECK (latest IN (0, 1)),
  closed_by text COLLATE "C" NOT NULL,         -- '' while open
  closed_at text COLLATE "C" NOT NULL          -- '' while open; UTC, ISO 8601
);
CREATE INDEX sample_draw_by_county ON sample_draw (county_code, year);
-- One latest draw per county and year, even against SQL.
CREATE UNIQUE INDEX sample_draw_latest ON sample_draw (county_code, year) WHERE latest = 1;

-- analytics::SampleUnit: a household drawn, with its inclusion probabilities and weight.
CREATE TABLE sample_unit (
  draw_id bigint NOT NULL REFERENCES sample_draw (draw_id),
  household_id text COLLATE "C" NOT NULL,
  village_code text COLLATE "C" NOT NULL,      -- 12 digits
  stratum text COLLATE "C" NOT NULL,           -- unstable_lifted, marginal, sudden_hardship, illness, ...
  village_probability double precision NOT NULL
    CHECK (village_probability > 0 AND village_probability <= 1),
  probability double precision NOT NULL CHECK (probability > 0 AND probability <= 1),
  weight double precision NOT NULL CHECK (weight >= 1),
  PRIMARY KEY (draw_id, household_id)
);

-- analytics::SampleResult: what the visit of a unit found; an answer is NULL when not given.
CREATE TABLE sample_result (
  draw_id bigint NOT NULL,
  household_id text COLLATE "C" NOT NULL,
  meets_criteria bigint CHECK (meets_criteria IN (0, 1)),
  included bigint CHECK (included IN (0, 1)),
  comparison_passed bigint CHECK (comparison_passed IN (0, 1)),
  satisfied bigint CHECK (satisfied IN (0, 1)),
  visited_on text COLLATE "C" NOT NULL,        -- civil date
  visitor text COLLATE "C" NOT NULL,
  note text COLLATE "C" NOT NULL,
  recorded_by text COLLATE "C" NOT NULL,
  recorded_at text COLLATE "C" NOT NULL,       -- UTC, ISO 8601
  PRIMARY KEY (draw_id, household_id),
  FOREIGN KEY (draw_id, household_id) REFERENCES sample_unit (draw_id, household_id)
);

-- 0014_case_data_log (docs/decisions/0008, "Incremental village table") ----------------------

-- The change log of the case data: the household of every row written to the cases, leads,
-- episodes, measures and department warnings, appended by triggers in the write's transaction
-- (cases::CaseStore::CaseDataChangesAfter); the department warnings now move the change stamp
-- too; indexes for reading one household's leads and warnings.
CREATE TABLE case_data_change (
  seq bigint PRIMARY KEY,  -- never reused, so a reader's point
                                                            -- stays valid
  household_id text COLLATE "C" NOT NULL
);

-- Keeps the latest 100,000 changes (cases::kCaseDataLogKept): after an insert, no row is
-- 100,000 or more below it. Those below the row before it (prev) went when prev was inserted, so
-- the DELETE starts its range there. PostgreSQL keeps deleted rows in the primary key until
-- VACUUM, and a range from the start would step over all of them: every delete of a long
-- transaction over the ones before it, and without statistics (a new table) the planner scans the
-- whole table for every write instead (tried: 11 ms per insert at 100,000 rows, 0.3 ms by key).
CREATE FUNCTION case_data_log_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev bigint;
BEGIN
  SELECT max(seq) INTO prev FROM case_data_change WHERE seq < NEW.seq;
  DELETE FROM case_data_change
    WHERE seq > coalesce(prev, 0) - 100000 AND seq <= NEW.seq - 100000;
  RETURN NULL;
END $$;
CREATE TRIGGER case_data_log_keep AFTER INSERT ON case_data_change
  FOR EACH ROW EXECUTE FUNCTION case_data_log_keep();

-- The household written (after an update that moved a row to another household, both).
-- SQLite has one writer at a time, so seq follows commit order there. Here a sequence hands out
-- numbers to concurrent transactions, and a reader that saw seq 7 committed could miss a 6 that
-- commits later. So the function first locks the change_stamp row that the case_data_stamp_*
-- trigger of the same write updates anyway (every table logged here is stamped too): from a
-- transaction's first logged write until its commit no other transaction draws a seq, and seqs
-- become visible in order.
CREATE FUNCTION case_data_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM change_stamp WHERE name = 'case_data' FOR UPDATE;
  IF TG_OP = 'DELETE' THEN
    INSERT INTO case_data_change (household_id) VALUES (OLD.household_id);
  ELSE
    INSERT INTO case_data_change (household_id) VALUES (NEW.household_id);
    IF TG_OP = 'UPDATE' AND OLD.household_id <> NEW.household_id THEN
      INSERT INTO case_data_change (household_id) VALUES (OLD.household_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER case_data_log_case_record_insert AFTER INSERT ON case_record
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_case_record_update AFTER UPDATE ON case_record
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_case_record_delete AFTER DELETE ON case_record
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_lead_insert AFTER INSERT ON lead
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_lead_update AFTER UPDATE ON lead
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_lead_delete AFTER DELETE ON lead
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_episode_insert AFTER INSERT ON episode
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_episode_update AFTER UPDATE ON episode
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_episode_delete AFTER DELETE ON episode
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_measure_insert AFTER INSERT ON measure
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_measure_update AFTER UPDATE ON measure
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_measure_delete AFTER DELETE ON measure
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_dept_warning_insert AFTER INSERT ON dept_warning
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_dept_warning_update AFTER UPDATE ON dept_warning
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_log_dept_warning_delete AFTER DELETE ON dept_warning
  FOR EACH ROW EXECUTE FUNCTION case_data_log();
CREATE TRIGGER case_data_stamp_dept_warning_insert AFTER INSERT ON dept_warning
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_dept_warning_update AFTER UPDATE ON dept_warning
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE TRIGGER case_data_stamp_dept_warning_delete AFTER DELETE ON dept_warning
  FOR EACH ROW EXECUTE FUNCTION case_data_stamp();
CREATE INDEX lead_by_household ON lead (household_id);
CREATE INDEX dept_warning_by_household ON dept_warning (household_id);

-- Keys the database numbers -------------------------------------------------------------------
-- SQLite numbers an INTEGER PRIMARY KEY left NULL (or left out) as the highest + 1. The store
-- relies on that: it binds NULL for a new case, lead, episode, attachment or measure, leaves the
-- other keys out, and copies keep their ids (migrate-store). A BEFORE INSERT trigger per table
-- does the same here; every writer holds the store's write lock (an advisory lock), so two
-- inserts never read the same highest key. (An identity column would number only a key left
-- out, never an explicit NULL, and would fall behind ids copied in.)
DO $do$
DECLARE
  t text;
  c text;
BEGIN
  FOR t, c IN VALUES
    ('batch', 'batch_id'),
    ('standard', 'standard_id'),
    ('screening_run', 'run_id'),
    ('standard_load', 'load_id'),
    ('case_record', 'case_id'),
    ('lead', 'lead_id'),
    ('case_attachment', 'attachment_id'),
    ('episode', 'episode_id'),
    ('measure', 'measure_id'),
    ('application', 'application_id'),
    ('dept_warning', 'warning_id'),
    ('finding', 'finding_id'),
    ('assist_plan', 'plan_id'),
    ('responsible_person', 'responsible_id'),
    ('visit', 'visit_id'),
    ('sample_draw', 'draw_id'),
    ('case_data_change', 'seq')
  LOOP
    EXECUTE format($f$
      CREATE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $b$
      BEGIN
        IF NEW.%2$I IS NULL THEN
          SELECT coalesce(max(%2$I), 0) + 1 INTO NEW.%2$I FROM %3$I;
        END IF;
        RETURN NEW;
      END
      $b$$f$, t || '_next_id', c, t);
    EXECUTE format('CREATE TRIGGER %1$I BEFORE INSERT ON %2$I FOR EACH ROW EXECUTE FUNCTION %1$I()',
                   t || '_next_id', t);
  END LOOP;
END
$do$;
)sql";

}  // namespace xianjie::store::postgres_internal
