// Schema migrations of the SQLite registry, as SQL text (store/sql/migrate.h applies them).
//
// Conventions of the schema: money is INTEGER fen; booleans are INTEGER 0/1; region codes are
// the 12-digit INTEGER; enumerations are small INTEGERs, their position in the code lists of
// DOMAIN.md §13 (registry/codes.h), spelled out in the `code` table; birth dates are INTEGER
// yyyymmdd and batch dates TEXT 'YYYY-MM-DD'; content hashes are the int64 with the bits of the
// uint64. Integers rather than text in the member rows keep a province's registry about a
// fifth smaller, and the import and scans as much faster. The store checks every code and date
// it reads back, so no CHECK constraint has to change when a code is added.
#include "store/sqlite/migrations.h"

namespace xianjie::store {
namespace {

constexpr const char kRegistrySchema[] = R"sql(
CREATE TABLE region (
  code INTEGER PRIMARY KEY,  -- 12 digits, e.g. 630102001001
  name TEXT NOT NULL
);

-- One row per committed import; the row is written inside the batch's transaction, so a batch
-- that never committed leaves none.
CREATE TABLE batch (
  batch_id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  user_name TEXT NOT NULL,
  households_file TEXT NOT NULL,
  members_file TEXT NOT NULL,
  started_at TEXT NOT NULL,  -- UTC, ISO 8601
  finished_at TEXT,          -- set at commit
  as_of TEXT NOT NULL,       -- YYYY-MM-DD
  report_json TEXT           -- set at commit
);

-- Every household and its current version, so that current reads need no MAX() and a new
-- version's number is checked by one keyed update. SUM(current_version) counts all versions.
CREATE TABLE household (
  household_id TEXT PRIMARY KEY,
  current_version INTEGER NOT NULL CHECK (current_version >= 1),
  current_vid INTEGER NOT NULL,  -- household_version.vid of the current version
  current_hash INTEGER NOT NULL,
  current_members INTEGER NOT NULL CHECK (current_members >= 0)
) WITHOUT ROWID;

-- Versions are numbered by `vid` in the order they are written, and members hang off that
-- number: a batch appends to both tables whatever the order of its households instead of
-- inserting all over two large B-trees (twice as fast for a million households in random
-- order), and member rows carry a small integer rather than the household id.
CREATE TABLE household_version (
  vid INTEGER PRIMARY KEY,
  household_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  batch_id INTEGER NOT NULL REFERENCES batch (batch_id),
  content_hash INTEGER NOT NULL,
  village_code INTEGER NOT NULL,
  status INTEGER NOT NULL,
  wage_income INTEGER NOT NULL,
  business_income INTEGER NOT NULL,
  property_income INTEGER NOT NULL,
  transfer_income INTEGER NOT NULL,
  production_costs INTEGER NOT NULL,
  prev_net_income INTEGER,  -- NULL: unknown
  rigid_medical INTEGER NOT NULL,
  rigid_education INTEGER NOT NULL,
  rigid_other INTEGER NOT NULL,
  housing_safe INTEGER NOT NULL CHECK (housing_safe IN (0, 1)),
  water_safe INTEGER NOT NULL CHECK (water_safe IN (0, 1)),
  UNIQUE (household_id, version)
);

CREATE TABLE member_version (
  vid INTEGER NOT NULL REFERENCES household_version (vid),
  seq INTEGER NOT NULL,  -- 0-based position in canonical order (the head first)
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  relation INTEGER NOT NULL,
  sex INTEGER NOT NULL,
  birth_date INTEGER NOT NULL,  -- yyyymmdd
  labor INTEGER NOT NULL,
  health INTEGER NOT NULL,
  school_stage INTEGER NOT NULL,
  enrolled INTEGER NOT NULL CHECK (enrolled IN (0, 1)),
  med_insured INTEGER NOT NULL CHECK (med_insured IN (0, 1)),
  pension_insured INTEGER NOT NULL CHECK (pension_insured IN (0, 1)),
  shares_household INTEGER NOT NULL CHECK (shares_household IN (0, 1)),
  PRIMARY KEY (vid, seq)
) WITHOUT ROWID;

CREATE TABLE quarantine (
  batch_id INTEGER NOT NULL REFERENCES batch (batch_id),
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  column_name TEXT NOT NULL,  -- '' for a row-level rule
  rule TEXT NOT NULL,
  raw_value TEXT NOT NULL,
  message TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX quarantine_by_batch ON quarantine (batch_id, file, line);

-- What the enumeration columns' integers stand for, for people who query the database:
--   JOIN code c ON c.kind = 'relation' AND c.value = m.relation
CREATE TABLE code (
  kind TEXT NOT NULL,  -- the column: status, relation, sex, labor, health, school_stage
  value INTEGER NOT NULL,
  code TEXT NOT NULL,
  label_zh TEXT NOT NULL,
  PRIMARY KEY (kind, value)
) WITHOUT ROWID;
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
)sql";

// Standards and screening runs (rules/screening_store.h).
constexpr const char kScreeningSchema[] = R"sql(
-- One row per distinct standard, keyed by its content hash; loading the same content again keeps
-- the first row. standard_id numbers the rows in load order.
CREATE TABLE standard (
  standard_id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE CHECK (content_hash <> ''),
  province TEXT NOT NULL,
  county TEXT NOT NULL,  -- '' for the whole province
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  origin TEXT NOT NULL,     -- file name as loaded
  toml TEXT NOT NULL,       -- source text
  loaded_at TEXT NOT NULL,  -- UTC, ISO 8601
  user_name TEXT NOT NULL
);
CREATE INDEX standard_by_scope ON standard (province, county, year);

-- One row per screening of the registry under one standard. standard_hash names the standard
-- without a foreign key: the port does not require the standard to be stored first.
CREATE TABLE screening_run (
  run_id INTEGER PRIMARY KEY,
  standard_hash TEXT NOT NULL,
  province TEXT NOT NULL,
  county TEXT NOT NULL,
  year INTEGER NOT NULL,
  started_at TEXT NOT NULL,  -- UTC, ISO 8601
  seconds REAL NOT NULL,
  registry_batch INTEGER NOT NULL,  -- last committed batch the run saw
  previous_run INTEGER NOT NULL,    -- 0: none
  incremental INTEGER NOT NULL CHECK (incremental IN (0, 1)),
  evaluated INTEGER NOT NULL,
  screened INTEGER NOT NULL,
  flagged INTEGER NOT NULL,
  new_warnings INTEGER NOT NULL,
  counts_json TEXT NOT NULL,
  user_name TEXT NOT NULL
);
CREATE INDEX screening_run_by_scope ON screening_run (province, county, year);

-- The flagged households of a run (about 13% of the registry). A run's rows are written in
-- household_id order, so each run appends to the primary key.
CREATE TABLE screening_result (
  run_id INTEGER NOT NULL REFERENCES screening_run (run_id),
  household_id TEXT NOT NULL,
  rules TEXT NOT NULL,          -- fired rule ids, sorted, joined by ';'
  proposed_type TEXT NOT NULL,  -- DOMAIN.md §4.2 code
  risks TEXT NOT NULL,          -- risk codes, sorted, joined by ';'
  per_capita_fen INTEGER NOT NULL,
  new_warning INTEGER NOT NULL CHECK (new_warning IN (0, 1)),
  PRIMARY KEY (run_id, household_id)
) WITHOUT ROWID;
CREATE INDEX screening_result_by_household ON screening_result (household_id);
)sql";

// Loads of standards (rules::ScreeningStore::LoadStandard), apart from their content.
constexpr const char kStandardLoadSchema[] = R"sql(
-- One row per load of a standard (xianjie standard load); the latest load of a scope (province,
-- county, year: the standard's) puts its standard in force. Under 0002 the highest standard_id
-- of a scope was in force, and a standard is stored once, so loading an older standard again
-- could not bring it back; standard.loaded_at, user_name and origin now tell the first store.
CREATE TABLE standard_load (
  load_id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL REFERENCES standard (content_hash),
  loaded_at TEXT NOT NULL,  -- UTC, ISO 8601
  user_name TEXT NOT NULL,
  origin TEXT NOT NULL      -- file name as loaded
);
-- The standard in force: standard_by_scope finds the scope's standards, this index their latest
-- load.
CREATE INDEX standard_load_by_standard ON standard_load (content_hash, load_id);

-- Every standard stored before counts as loaded once, when it was stored, in standard_id order:
-- what was in force stays in force.
INSERT INTO standard_load (content_hash, loaded_at, user_name, origin)
  SELECT content_hash, loaded_at, user_name, origin FROM standard ORDER BY standard_id;
)sql";

// The audit log (access::AuditStore): append-only, each entry holding the SHA-256 of its fields
// and of the entry before it (access/audit.h). The triggers refuse changes through SQL; someone
// with the file can still drop them, which VerifyAuditChain then shows.
constexpr const char kAuditLogSchema[] = R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,   -- 1, 2, ... without gaps
  time TEXT NOT NULL,        -- UTC, ISO 8601
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,      -- household.explain, household.history, export, ...
  subject TEXT NOT NULL,     -- household id, output directory, ...
  detail TEXT NOT NULL,      -- JSON text or ''
  prev_hash TEXT NOT NULL,   -- hash of entry seq - 1; 64 zeros for the first
  hash TEXT NOT NULL         -- hex SHA-256 of the fields above (access::AuditEntryHash)
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// Users and sessions (access::UserStore). Only the SHA-256 of a session token is stored, so a
// copy of the file lets no one into a session; passwords are argon2id PHC strings.
constexpr const char kAccessSchema[] = R"sql(
CREATE TABLE app_user (
  username TEXT PRIMARY KEY,          -- 1..64 of [A-Za-z0-9._-]
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,                 -- access::RoleName: admin, province, ..., auditor
  scope TEXT NOT NULL,                -- region code prefix, 2..12 digits
  password_hash TEXT NOT NULL,        -- $argon2id$v=19$m=...,t=...,p=...$salt$hash
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,           -- UTC, ISO 8601
  password_changed_at TEXT NOT NULL   -- UTC, ISO 8601
) WITHOUT ROWID;
CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,        -- lower-case hex SHA-256 of the token
  username TEXT NOT NULL,             -- app_user.username
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,           -- UTC, ISO 8601; the absolute expiry counts from here
  last_seen_at TEXT NOT NULL,         -- UTC, ISO 8601; the idle expiry counts from here
  client TEXT NOT NULL                -- remote address and user agent at login
) WITHOUT ROWID;
CREATE INDEX session_by_user ON session (username);
)sql";

// Cases of the identification and elimination procedure (cases::CaseStore, decision 0005): the
// case rows, their events, leads, attachments, monitoring episodes and the limits per province.
// Kinds, states, events and channels are their codes (cases/case.h) as TEXT; civil dates TEXT
// 'YYYY-MM-DD', optional ones NULL; times TEXT UTC ISO 8601; booleans 0/1. Village codes are the
// record's TEXT (not the registry's INTEGER) so that a region is a range of the text index.
constexpr const char kCasesSchema[] = R"sql(
CREATE TABLE case_record (
  case_id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,              -- identification, elimination
  household_id TEXT NOT NULL,
  village_code TEXT NOT NULL,      -- 12 digits: the household's village when the case opened
  state TEXT NOT NULL,             -- lead, home_visit, ..., dismissed
  channel TEXT NOT NULL,           -- of the lead that opened it
  relapse INTEGER NOT NULL CHECK (relapse IN (0, 1)),
  opened_at TEXT NOT NULL,         -- UTC, ISO 8601
  opened_on TEXT NOT NULL,         -- China's civil date
  state_since TEXT NOT NULL,
  updated_at TEXT NOT NULL,        -- UTC, ISO 8601 of the last event
  version INTEGER NOT NULL,        -- events stored; AppendEvent's compare-and-set key
  paused_days INTEGER NOT NULL,
  step_paused_days INTEGER NOT NULL,
  paused_since TEXT,               -- NULL unless an objection is open
  open_objections INTEGER NOT NULL,
  home_visit_done INTEGER NOT NULL CHECK (home_visit_done IN (0, 1)),
  comparison_done INTEGER NOT NULL CHECK (comparison_done IN (0, 1)),
  notice_start TEXT,
  notice_end TEXT,
  proposed_type TEXT NOT NULL,
  proposed_risks TEXT NOT NULL,
  decided_type TEXT NOT NULL,
  decided_risks TEXT NOT NULL,
  method TEXT NOT NULL,
  reason TEXT NOT NULL,
  closed_at TEXT NOT NULL,         -- '' while open
  escalation INTEGER NOT NULL,
  episode_id INTEGER NOT NULL      -- 0: none
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
  case_id INTEGER NOT NULL REFERENCES case_record (case_id),
  seq INTEGER NOT NULL,
  event TEXT NOT NULL,             -- open, apply, ...
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  actor TEXT NOT NULL,             -- username, or 'system'
  actor_role TEXT NOT NULL,
  at TEXT NOT NULL,                -- UTC, ISO 8601
  on_date TEXT NOT NULL,           -- China's civil date of `at`
  comment TEXT NOT NULL,
  fields TEXT NOT NULL,            -- JSON object of strings, the fields as given
  attachments TEXT NOT NULL,       -- JSON array of case_attachment ids
  PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;

-- Leads: what raised a suspicion, once per (household, source); case_id 0 when recorded on a
-- monitoring episode only.
CREATE TABLE lead (
  lead_id INTEGER PRIMARY KEY,
  household_id TEXT NOT NULL,
  channel TEXT NOT NULL,           -- self_application, cadre_visit, department_warning
  source TEXT NOT NULL,            -- run:17, application:42, visit:<user>:<date>
  at TEXT NOT NULL,                -- UTC, ISO 8601
  proposed_type TEXT NOT NULL,
  proposed_risks TEXT NOT NULL,
  note TEXT NOT NULL,
  case_id INTEGER NOT NULL,        -- 0: none
  episode_id INTEGER NOT NULL,     -- 0: none
  UNIQUE (household_id, source)
);
-- HouseholdsWithLead: a run's leads, in household order.
CREATE INDEX lead_by_source ON lead (source, household_id);

CREATE TABLE case_attachment (
  attachment_id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,            -- lower-case hex of content
  bytes INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,       -- UTC, ISO 8601
  content BLOB NOT NULL
);
CREATE INDEX case_attachment_by_case ON case_attachment (case_id);

-- Monitoring episodes: identification (county approval) to elimination.
CREATE TABLE episode (
  episode_id INTEGER PRIMARY KEY,
  household_id TEXT NOT NULL,
  village_code TEXT NOT NULL,      -- the household's village at identification
  identified_on TEXT NOT NULL,
  type TEXT NOT NULL,              -- unstable_lifted, marginal, sudden_hardship
  risks TEXT NOT NULL,             -- R01;R09
  identification_case INTEGER NOT NULL,
  eliminated_on TEXT,              -- NULL while open
  method TEXT NOT NULL,            -- by_assistance, natural; '' while open
  elimination_case INTEGER NOT NULL
);
CREATE INDEX episode_by_household ON episode (household_id);
CREATE INDEX episode_by_village ON episode (village_code);

-- cases::WorkflowLimits per province, in calendar days; a province without a row uses the
-- built-in defaults.
CREATE TABLE workflow_limits (
  province TEXT PRIMARY KEY,
  application_days INTEGER NOT NULL,
  home_visit_days INTEGER NOT NULL,
  comparison_days INTEGER NOT NULL,
  appraisal_days INTEGER NOT NULL,
  notice_min_days INTEGER NOT NULL,
  notice_close_days INTEGER NOT NULL,
  township_days INTEGER NOT NULL,
  county_days INTEGER NOT NULL,
  overall_days INTEGER NOT NULL,
  escalate_every INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Risk elimination (DOMAIN.md §8; docs/decisions/0005, "Episodes and elimination"): assistance
// measures in the minimal form elimination needs, and the limits of elimination in months. A
// province's stored limits get the built-in defaults for the new columns.
constexpr const char kEliminationSchema[] = R"sql(
-- Assistance measures (cases::Measure, DOMAIN.md §7.1).
CREATE TABLE measure (
  measure_id INTEGER PRIMARY KEY,
  household_id TEXT NOT NULL,
  member_id_number TEXT NOT NULL,  -- '' = the whole household
  category TEXT NOT NULL,          -- industry, employment, ..., safety_net
  item TEXT NOT NULL,
  department TEXT NOT NULL,        -- '' when not yet known
  start_on TEXT NOT NULL,          -- civil date
  end_on TEXT,                     -- NULL: open-ended
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  status TEXT NOT NULL,            -- planned, in_progress, done, stopped
  risks TEXT NOT NULL,             -- R01;R09 (sorted), or ''
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL        -- UTC, ISO 8601
);
CREATE INDEX measure_by_household ON measure (household_id);

-- cases::WorkflowLimits of risk elimination, in calendar months.
ALTER TABLE workflow_limits ADD COLUMN elimination_min_months INTEGER NOT NULL DEFAULT 6;
ALTER TABLE workflow_limits ADD COLUMN stable_income_months INTEGER NOT NULL DEFAULT 6;
ALTER TABLE workflow_limits ADD COLUMN early_elimination_months INTEGER NOT NULL DEFAULT 2;
)sql";

// The public application page (docs/decisions/0005, "The public application page"): what a
// person entered without an account and what became of it. The client address is kept only as
// its SHA-256.
constexpr const char kApplicationSchema[] = R"sql(
-- cases::Application.
CREATE TABLE application (
  application_id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL,         -- the random reference the applicant was shown
  village_code TEXT NOT NULL,      -- the village whose page it came from
  received_at TEXT NOT NULL,       -- UTC, ISO 8601
  applicant_name TEXT NOT NULL,
  id_number TEXT NOT NULL,         -- '' when not given
  phone TEXT NOT NULL,
  relation TEXT NOT NULL,          -- self, proxy
  text TEXT NOT NULL,              -- what happened, in the applicant's words
  client_hash TEXT NOT NULL,       -- SHA-256 hex of the client address
  household_id TEXT NOT NULL,      -- '' while unmatched
  case_id INTEGER NOT NULL,        -- 0: none
  status TEXT NOT NULL,            -- matched, unmatched, linked, closed
  handled_by TEXT NOT NULL,        -- '' while not handled by a cadre
  handled_at TEXT NOT NULL,        -- UTC, ISO 8601; '' while not handled
  note TEXT NOT NULL               -- the reason it was closed, or why matching failed
);
CREATE INDEX application_by_village ON application (village_code);
)sql";

// Why a cadre visited (cases::Lead::visit_reason): a column of its own, not text in the note, so
// that the eight kinds of visit (八必访) can be counted.
constexpr const char kVisitReasonSchema[] = R"sql(
ALTER TABLE lead ADD COLUMN visit_reason TEXT NOT NULL DEFAULT '';
)sql";

// Department data (docs/decisions/0006): the files received, kept byte for byte under their
// SHA-256; the uploads, each with the registry batch that holds its updates and quarantine; every
// accepted data row of an upload (matched rows are the facts); department warnings, one per
// source, person and period; cross-check findings. An upload's rows, warnings, file and upload
// row are written in its batch's transaction: the upload row last, at commit, so the rows'
// references to it are checked when the transaction commits.
constexpr const char kExchangeSchema[] = R"sql(
-- A file received, content-addressed; several uploads (of several sources) may share it.
CREATE TABLE source_file (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),  -- lower-case hex
  bytes INTEGER NOT NULL,
  content BLOB NOT NULL,
  stored_at TEXT NOT NULL,                               -- UTC, ISO 8601
  CHECK (bytes = length(content))
);

-- exchange::UploadRecord: one file committed for a source, with its row outcomes.
CREATE TABLE upload (
  upload_id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL UNIQUE REFERENCES batch (batch_id),
  source TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES source_file (sha256),
  bytes INTEGER NOT NULL CHECK (bytes >= 0),
  format TEXT NOT NULL,            -- xlsx, csv
  encoding TEXT NOT NULL,          -- CSV: utf-8, gb18030; XLSX: ''
  sheet TEXT NOT NULL,             -- XLSX: the sheet read; CSV: ''
  user_name TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,       -- UTC, ISO 8601
  region_code TEXT NOT NULL,       -- the scope uploaded for; '' = the whole registry
  read INTEGER NOT NULL,
  accepted INTEGER NOT NULL CHECK (accepted >= 0),
  quarantined INTEGER NOT NULL CHECK (quarantined >= 0),
  unmatched INTEGER NOT NULL CHECK (unmatched >= 0),
  warnings INTEGER NOT NULL CHECK (warnings >= 0),
  updated_households INTEGER NOT NULL CHECK (updated_households >= 0),
  report_json TEXT NOT NULL,
  UNIQUE (source, sha256),         -- the same file again for a source is the same upload
  CHECK (read = accepted + quarantined + unmatched)
);
CREATE INDEX upload_by_region ON upload (region_code);

-- exchange::DeptRow: an accepted data row of an upload; household_id '' = unmatched (kept,
-- never dropped). The two partial indexes hold the matched rows (the facts) in the orders
-- ForEachFact and FactsOfHouseholds return them.
CREATE TABLE dept_row (
  upload_id INTEGER NOT NULL REFERENCES upload (upload_id) DEFERRABLE INITIALLY DEFERRED,
  row INTEGER NOT NULL CHECK (row >= 1),  -- the XLSX row or CSV line
  source TEXT NOT NULL,
  key TEXT NOT NULL,               -- the row's key, normalized: an ID number or household id
  id_number TEXT NOT NULL,         -- '' for household-keyed sources
  household_id TEXT NOT NULL,      -- '' = unmatched
  village_code TEXT NOT NULL,      -- '' = unmatched
  period TEXT NOT NULL,            -- 2026-03, 2026-Q1, 2026-W09, 2026-03-01, 2026
  event_date TEXT NOT NULL,        -- YYYY-MM-DD or ''
  values_json TEXT NOT NULL,       -- {"column": value, ...}
  PRIMARY KEY (upload_id, row)
);
CREATE INDEX dept_fact_by_source ON dept_row (source, period, upload_id, row)
  WHERE household_id <> '';
CREATE INDEX dept_fact_by_household ON dept_row (household_id, source, period, upload_id, row)
  WHERE household_id <> '';

-- exchange::DeptWarning: at most one per source, person and period, whatever the upload.
CREATE TABLE dept_warning (
  warning_id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  person_key TEXT NOT NULL,        -- an ID number, or a household id
  household_id TEXT NOT NULL,
  village_code TEXT NOT NULL,
  period TEXT NOT NULL,
  upload_id INTEGER NOT NULL REFERENCES upload (upload_id) DEFERRABLE INITIALLY DEFERRED,
  row INTEGER NOT NULL,            -- the row whose fact raised it
  warning_index INTEGER NOT NULL CHECK (warning_index >= 0),
  object_type TEXT NOT NULL,       -- sudden_hardship ...
  risks TEXT NOT NULL,             -- a JSON array of risk codes: ["R01","R07"]
  message TEXT NOT NULL,
  raised_at TEXT NOT NULL,         -- UTC, ISO 8601
  UNIQUE (source, person_key, period)
);
CREATE INDEX dept_warning_by_upload ON dept_warning (upload_id);

-- exchange::Finding: a cross-check failing for a household, once per piece of evidence; a
-- resolved finding keeps its row, so running the checks again does not reopen it.
CREATE TABLE finding (
  finding_id INTEGER PRIMARY KEY,
  check_code TEXT NOT NULL,        -- Q01 ... or a province's own check
  household_id TEXT NOT NULL,
  village_code TEXT NOT NULL,
  evidence_key TEXT NOT NULL,      -- upload:12:row:40, member:<id> ...
  detail TEXT NOT NULL,
  source TEXT NOT NULL,            -- '' when the evidence is the registry's
  upload_id INTEGER NOT NULL,      -- 0 when the evidence is not an upload's row
  row INTEGER NOT NULL,
  opened_at TEXT NOT NULL,         -- UTC, ISO 8601
  state TEXT NOT NULL,             -- open, corrected, confirmed
  resolved_by TEXT NOT NULL,       -- '' while open
  resolved_at TEXT NOT NULL,       -- '' while open
  note TEXT NOT NULL,              -- the resolver's note
  UNIQUE (check_code, household_id, evidence_key),
  CHECK (state = 'open' OR note <> '')
);
CREATE INDEX finding_by_village ON finding (village_code, state);
CREATE INDEX finding_by_household ON finding (household_id);
)sql";

// Assistance (docs/decisions/0008): a measure's plan and catalogue item (old measures keep
// plan 0 and item code ''), the plan of each monitoring episode, the households' responsible
// persons over time, follow-up visits, and the versions of each province's measures catalogue.
constexpr const char kAssistSchema[] = R"sql(
ALTER TABLE measure ADD COLUMN plan_id INTEGER NOT NULL DEFAULT 0;     -- 0: none
ALTER TABLE measure ADD COLUMN item_code TEXT NOT NULL DEFAULT '';     -- '' before the catalogue

-- assist::Plan: one per monitoring episode (the UNIQUE index finds an episode's plan).
CREATE TABLE assist_plan (
  plan_id INTEGER PRIMARY KEY,
  household_id TEXT NOT NULL,
  episode_id INTEGER NOT NULL UNIQUE,
  village_code TEXT NOT NULL,      -- 12 digits: the episode's village
  state TEXT NOT NULL,             -- draft, active, complete, closed
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,        -- UTC, ISO 8601
  updated_at TEXT NOT NULL,        -- UTC, ISO 8601
  completed_by TEXT NOT NULL,      -- '' until complete
  completed_at TEXT NOT NULL,      -- '' until complete
  note TEXT NOT NULL
);
-- A region's plans by state: a range of the village codes.
CREATE INDEX assist_plan_by_village ON assist_plan (village_code, state);
CREATE INDEX assist_plan_by_household ON assist_plan (household_id);

-- assist::ResponsiblePerson: every assignment; the current one has no to_on.
CREATE TABLE responsible_person (
  responsible_id INTEGER PRIMARY KEY,
  household_id TEXT NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  phone TEXT NOT NULL,
  from_on TEXT NOT NULL,           -- civil date
  to_on TEXT,                      -- NULL while current: the last day responsible
  assigned_by TEXT NOT NULL,
  assigned_at TEXT NOT NULL        -- UTC, ISO 8601
);
CREATE INDEX responsible_by_household ON responsible_person (household_id, responsible_id);
-- At most one current person per household, even against SQL.
CREATE UNIQUE INDEX responsible_current_per_household ON responsible_person (household_id)
  WHERE to_on IS NULL;

-- assist::Visit.
CREATE TABLE visit (
  visit_id INTEGER PRIMARY KEY,
  household_id TEXT NOT NULL,
  village_code TEXT NOT NULL,      -- 12 digits: the household's village when recorded
  visited_on TEXT NOT NULL,        -- civil date
  visitor TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,       -- UTC, ISO 8601
  found TEXT NOT NULL,
  risks_seen TEXT NOT NULL,        -- R01;R09 (sorted), or ''
  lead_id INTEGER NOT NULL         -- 0: none
);
CREATE INDEX visit_by_household ON visit (household_id, visited_on);
-- A region's visits in a period: a range of the village codes, then the dates.
CREATE INDEX visit_by_village ON visit (village_code, visited_on);

-- assist::CatalogVersion: the measures catalogue of a province, version 1, 2, ...; the highest
-- is in force.
CREATE TABLE measure_catalog (
  province TEXT NOT NULL,
  version INTEGER NOT NULL,
  text TEXT NOT NULL,              -- TOML
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,        -- UTC, ISO 8601
  PRIMARY KEY (province, version)
) WITHOUT ROWID;
)sql";

// Analytics (docs/decisions/0008): the change stamp of the case data that the village table is
// cached on (cases::CaseStore::CaseDataStamp), kept by triggers so that writes by any process,
// through any code path, move it in the same transaction; and the versions of each province's
// assessment settings (config/assessment.toml's form).
constexpr const char kAnalyticsSchema[] = R"sql(
-- Counters that grow with every write to the tables they watch.
CREATE TABLE change_stamp (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO change_stamp (name, value) VALUES ('case_data', 0);
-- case_data: cases (every event rewrites its case's row), leads, episodes, measures and the
-- workflow limits.
CREATE TRIGGER case_data_stamp_case_record_insert AFTER INSERT ON case_record
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_case_record_update AFTER UPDATE ON case_record
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_case_record_delete AFTER DELETE ON case_record
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_lead_insert AFTER INSERT ON lead
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_lead_update AFTER UPDATE ON lead
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_lead_delete AFTER DELETE ON lead
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_episode_insert AFTER INSERT ON episode
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_episode_update AFTER UPDATE ON episode
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_episode_delete AFTER DELETE ON episode
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_measure_insert AFTER INSERT ON measure
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_measure_update AFTER UPDATE ON measure
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_measure_delete AFTER DELETE ON measure
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_workflow_limits_insert AFTER INSERT ON workflow_limits
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_workflow_limits_update AFTER UPDATE ON workflow_limits
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_workflow_limits_delete AFTER DELETE ON workflow_limits
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;

-- analytics::AssessmentConfigVersion: a province's assessment settings, version 1, 2, ...; the
-- highest is in force.
CREATE TABLE assessment_config (
  province TEXT NOT NULL,
  version INTEGER NOT NULL,
  text TEXT NOT NULL,              -- TOML
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,        -- UTC, ISO 8601
  PRIMARY KEY (province, version)
) WITHOUT ROWID;
)sql";

// The verification sample (docs/decisions/0008, "Sample stored as built"): each county's draws
// per year with the households drawn and the visit results recorded for them.
constexpr const char kSampleSchema[] = R"sql(
-- analytics::SampleDraw: latest = 1 for the one draw of its (county, year) that takes results.
CREATE TABLE sample_draw (
  draw_id INTEGER PRIMARY KEY,
  county_code TEXT NOT NULL,       -- 6 digits
  year INTEGER NOT NULL,
  seed INTEGER NOT NULL,           -- the unsigned 64-bit seed's bits, as a signed integer
  parameters TEXT NOT NULL,        -- JSON: villages, households, stratum_weights
  drawn_by TEXT NOT NULL,
  drawn_at TEXT NOT NULL,          -- UTC, ISO 8601
  frame_households INTEGER NOT NULL CHECK (frame_households >= 0),
  villages INTEGER NOT NULL CHECK (villages >= 0),
  households INTEGER NOT NULL CHECK (households >= 0),
  latest INTEGER NOT NULL CHECK (latest IN (0, 1)),
  closed_by TEXT NOT NULL,         -- '' while open
  closed_at TEXT NOT NULL          -- '' while open; UTC, ISO 8601
);
CREATE INDEX sample_draw_by_county ON sample_draw (county_code, year);
-- One latest draw per county and year, even against SQL.
CREATE UNIQUE INDEX sample_draw_latest ON sample_draw (county_code, year) WHERE latest = 1;

-- analytics::SampleUnit: a household drawn, with its inclusion probabilities and weight.
CREATE TABLE sample_unit (
  draw_id INTEGER NOT NULL REFERENCES sample_draw (draw_id),
  household_id TEXT NOT NULL,
  village_code TEXT NOT NULL,      -- 12 digits
  stratum TEXT NOT NULL,           -- unstable_lifted, marginal, sudden_hardship, illness, ...
  village_probability REAL NOT NULL CHECK (village_probability > 0 AND village_probability <= 1),
  probability REAL NOT NULL CHECK (probability > 0 AND probability <= 1),
  weight REAL NOT NULL CHECK (weight >= 1),
  PRIMARY KEY (draw_id, household_id)
) WITHOUT ROWID;

-- analytics::SampleResult: what the visit of a unit found; an answer is NULL when not given.
CREATE TABLE sample_result (
  draw_id INTEGER NOT NULL,
  household_id TEXT NOT NULL,
  meets_criteria INTEGER CHECK (meets_criteria IN (0, 1)),
  included INTEGER CHECK (included IN (0, 1)),
  comparison_passed INTEGER CHECK (comparison_passed IN (0, 1)),
  satisfied INTEGER CHECK (satisfied IN (0, 1)),
  visited_on TEXT NOT NULL,        -- civil date
  visitor TEXT NOT NULL,
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,       -- UTC, ISO 8601
  PRIMARY KEY (draw_id, household_id),
  FOREIGN KEY (draw_id, household_id) REFERENCES sample_unit (draw_id, household_id)
) WITHOUT ROWID;
)sql";

// The change log of the case data (docs/decisions/0008, "Incremental village table"): the
// household of every row written to the cases, leads, episodes, measures and department
// warnings, appended by triggers in the write's transaction (cases::CaseStore::
// CaseDataChangesAfter); the department warnings now move the change stamp too; indexes for
// reading one household's leads and warnings.
constexpr const char kCaseDataLogSchema[] = R"sql(
CREATE TABLE case_data_change (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, so a reader's point stays valid
  household_id TEXT NOT NULL
);
-- Keeps the latest 100,000 changes (cases::kCaseDataLogKept).
CREATE TRIGGER case_data_log_keep AFTER INSERT ON case_data_change
BEGIN DELETE FROM case_data_change WHERE seq <= NEW.seq - 100000; END;
CREATE TRIGGER case_data_log_case_record_insert AFTER INSERT ON case_record
BEGIN INSERT INTO case_data_change (household_id) VALUES (NEW.household_id); END;
CREATE TRIGGER case_data_log_case_record_update AFTER UPDATE ON case_record
BEGIN
  INSERT INTO case_data_change (household_id) VALUES (NEW.household_id);
  INSERT INTO case_data_change (household_id)
    SELECT OLD.household_id WHERE OLD.household_id <> NEW.household_id;
END;
CREATE TRIGGER case_data_log_case_record_delete AFTER DELETE ON case_record
BEGIN INSERT INTO case_data_change (household_id) VALUES (OLD.household_id); END;
CREATE TRIGGER case_data_log_lead_insert AFTER INSERT ON lead
BEGIN INSERT INTO case_data_change (household_id) VALUES (NEW.household_id); END;
CREATE TRIGGER case_data_log_lead_update AFTER UPDATE ON lead
BEGIN
  INSERT INTO case_data_change (household_id) VALUES (NEW.household_id);
  INSERT INTO case_data_change (household_id)
    SELECT OLD.household_id WHERE OLD.household_id <> NEW.household_id;
END;
CREATE TRIGGER case_data_log_lead_delete AFTER DELETE ON lead
BEGIN INSERT INTO case_data_change (household_id) VALUES (OLD.household_id); END;
CREATE TRIGGER case_data_log_episode_insert AFTER INSERT ON episode
BEGIN INSERT INTO case_data_change (household_id) VALUES (NEW.household_id); END;
CREATE TRIGGER case_data_log_episode_update AFTER UPDATE ON episode
BEGIN
  INSERT INTO case_data_change (household_id) VALUES (NEW.household_id);
  INSERT INTO case_data_change (household_id)
    SELECT OLD.household_id WHERE OLD.household_id <> NEW.household_id;
END;
CREATE TRIGGER case_data_log_episode_delete AFTER DELETE ON episode
BEGIN INSERT INTO case_data_change (household_id) VALUES (OLD.household_id); END;
CREATE TRIGGER case_data_log_measure_insert AFTER INSERT ON measure
BEGIN INSERT INTO case_data_change (household_id) VALUES (NEW.household_id); END;
CREATE TRIGGER case_data_log_measure_update AFTER UPDATE ON measure
BEGIN
  INSERT INTO case_data_change (household_id) VALUES (NEW.household_id);
  INSERT INTO case_data_change (household_id)
    SELECT OLD.household_id WHERE OLD.household_id <> NEW.household_id;
END;
CREATE TRIGGER case_data_log_measure_delete AFTER DELETE ON measure
BEGIN INSERT INTO case_data_change (household_id) VALUES (OLD.household_id); END;
CREATE TRIGGER case_data_log_dept_warning_insert AFTER INSERT ON dept_warning
BEGIN INSERT INTO case_data_change (household_id) VALUES (NEW.household_id); END;
CREATE TRIGGER case_data_log_dept_warning_update AFTER UPDATE ON dept_warning
BEGIN
  INSERT INTO case_data_change (household_id) VALUES (NEW.household_id);
  INSERT INTO case_data_change (household_id)
    SELECT OLD.household_id WHERE OLD.household_id <> NEW.household_id;
END;
CREATE TRIGGER case_data_log_dept_warning_delete AFTER DELETE ON dept_warning
BEGIN INSERT INTO case_data_change (household_id) VALUES (OLD.household_id); END;
CREATE TRIGGER case_data_stamp_dept_warning_insert AFTER INSERT ON dept_warning
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_dept_warning_update AFTER UPDATE ON dept_warning
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE TRIGGER case_data_stamp_dept_warning_delete AFTER DELETE ON dept_warning
BEGIN UPDATE change_stamp SET value = value + 1 WHERE name = 'case_data'; END;
CREATE INDEX lead_by_household ON lead (household_id);
CREATE INDEX dept_warning_by_household ON dept_warning (household_id);
)sql";

constexpr Migration kMigrations[] = {
    {1, "0001_registry", kRegistrySchema},
    {2, "0002_screening", kScreeningSchema},
    {3, "0003_standard_load", kStandardLoadSchema},
    {4, "0004_audit_log", kAuditLogSchema},
    {5, "0005_access", kAccessSchema},
    {6, "0006_cases", kCasesSchema},
    {7, "0007_elimination", kEliminationSchema},
    {8, "0008_application", kApplicationSchema},
    {9, "0009_visit_reason", kVisitReasonSchema},
    {10, "0010_exchange", kExchangeSchema},
    {11, "0011_assist", kAssistSchema},
    {12, "0012_analytics", kAnalyticsSchema},
    {13, "0013_sample", kSampleSchema},
    {14, "0014_case_data_log", kCaseDataLogSchema},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

}  // namespace xianjie::store
