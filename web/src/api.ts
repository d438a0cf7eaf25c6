// Typed client of the HTTP API v1 (docs/decisions/0004): same-origin cookies, the CSRF token on
// every state-changing request, errors as ApiError, and a hook for 401 (go to login).
import type { Locale } from './i18n';

export interface User {
  username: string;
  display_name: string;
  role: string;
  scope: string;
  scope_name: string;
}
export interface Session { user: User; csrf_token: string; expires_at: string }
export interface ListPage<T> { total: number; offset: number; limit: number; items: T[] }
export interface Items<T> { items: T[] }

export interface Region { code: string; name: string; level: string; households: number }

export interface Dashboard {
  region: { code: string; name: string; level: string };
  run: { run_id: number; started_at: string; year: number; standard_name: string } | null;
  kpis: {
    households: number; members: number; screened: number; flagged: number; flagged_rate: number; new_warnings: number;
    // Households with an open monitoring episode (decision 0005); absent from older servers.
    monitoring_objects?: number;
  };
  by_rule: { rule_id: string; label_zh: string; label_en: string; count: number }[];
  by_type: { type: string; label_zh: string; label_en: string; count: number }[];
  by_area: { code: string; name: string; households: number; flagged: number }[];
  trend: { run_id: number; started_at: string; flagged: number; new_warnings: number }[];
}

export interface HouseholdRow {
  household_id: string; village_code: string; village_name: string; head_name: string;
  head_id_number: string; members: number; counted_members: number; per_capita_yuan: string;
  status: string; flagged: boolean; proposed_type: string | null;
}

export interface Member {
  id_number: string; name: string; relation: string; sex: string; birth_date: string; age: number;
  labor: string; health: string; school_stage: string; enrolled: boolean; med_insured: boolean;
  pension_insured: boolean; shares_household: boolean;
}
export interface ScreeningEntry {
  run_id: number; started_at: string; rules: string[]; proposed_type: string | null; risks: string[]; new_warning: boolean;
}
export interface HouseholdFile {
  household_id: string;
  village: { code: string; name: string; path: string[] };
  status: string; version: number; batch_id: number; updated_at: string;
  members: Member[];
  income: {
    wage: string; business: string; property: string; transfer: string; production_costs: string;
    net: string; prev_net: string | null; per_capita: string; counted_members: number; line: string;
  };
  rigid_spending: { medical: string; education: string; other: string; total: string };
  housing_safe: boolean; water_safe: boolean;
  screening: ScreeningEntry[];
}
export interface HistoryEntry {
  version: number; batch_id: number; source: string; user: string; committed_at: string;
  changes: { field: string; member: string | null; before: unknown; after: unknown }[];
}
export interface ExplanationRule {
  rule_id: string; label_zh: string; label_en: string; when: string; result: unknown; because: string;
  suggested_risk: string | null;
}
export interface Explanation {
  standard: Record<string, unknown>; household_id: string; screened: boolean; proposed_type: string | null;
  type_because: string; rules: ExplanationRule[];
}
export interface WarningRow {
  household_id: string; village_code: string; village_name: string; head_name: string; rules: string[];
  proposed_type: string | null; risks: string[]; per_capita_yuan: string; new_warning: boolean;
}
export interface Run {
  run_id: number; started_at: string; province: string; county: string; year: number; standard_hash: string;
  evaluated: number; screened: number; flagged: number; new_warnings: number; incremental: boolean; seconds: number; user: string;
}
export interface WarningPage extends ListPage<WarningRow> { run: Run | null }
export interface StandardItem {
  content_hash: string; province: string; county: string; year: number; name: string; origin: string;
  loaded_at: string; user: string; in_force: boolean; builtin: boolean;
}
export interface StandardRule { rule_id: string; label_zh: string; label_en: string; when: string }
export interface StandardDetail extends StandardItem { toml: string; rules: StandardRule[]; line_yuan: string }
export interface Diagnostic { line: number; column: number; message: string; caret: string }
export interface CheckResult { ok: boolean; diagnostics: Diagnostic[] }
export interface WhatIf {
  a: { name: string; content_hash: string }; b: { name: string; content_hash: string };
  total: { flagged_a: number; flagged_b: number; entering: number; leaving: number };
  by_county: { code: string; name: string; flagged_a: number; flagged_b: number; entering: number; leaving: number }[];
  by_type: { type: string; entering: number; leaving: number }[];
  households: { household_id: string; county_code: string; change: string; type_a: string | null; type_b: string | null }[];
}
export interface ImportJob {
  job_id: string | number; state: 'queued' | 'running' | 'done' | 'failed'; phase: string; rows: number; rows_total?: number;
  batch_id: number | null; report: Record<string, unknown> | null; error: string | null;
}
export interface ImportItem {
  batch_id: number; source: string; user: string; started_at: string; finished_at: string;
  households_file: string; members_file: string; report: Record<string, unknown> | null;
}
export interface AuditEntry {
  seq: number; time: string; user: string; action: string; subject: string; detail: unknown; hash?: string;
}
export interface AuditVerify { entries: number; intact: boolean; first_bad_seq: number | null; reason: string }
export interface UserRow {
  username: string; display_name: string; role: string; scope: string; disabled: boolean; created_at: string;
  password_changed_at: string;
}

// Cases of the identification and elimination procedure (docs/decisions/0005, "HTTP API").
export interface CaseDue {
  due: string; step_due: string; overall_due: string | null; paused: boolean; overdue_days: number;
  owner: string; escalated_to: string;
}
export interface CaseItem {
  id: number; kind: string; household_id: string; village_code: string; village_name: string; head_name: string;
  state: string; channel: string; relapse: boolean; opened_at: string; updated_at: string; closed_at: string | null;
  version: number; proposed_type: string; proposed_risks: string[] | string; decided_type: string;
  decided_risks: string[] | string; method: string; reason: string; notice_start: string | null; notice_end: string | null;
  open_objections: number; episode_id: number; due: CaseDue | null;
}
// An attachment as an event lists it: its id, or its description when the server gives one.
export interface AttachmentInfo { id: number; filename: string; content_type: string; sha256: string; bytes: number }
export type EventAttachment = number | string | Partial<AttachmentInfo>;
export interface CaseEvent {
  seq: number; event: string; from: string; to: string; actor: string; actor_role: string; at: string; on: string;
  comment: string; fields: Record<string, string>; attachments: EventAttachment[];
}
export interface LeadItem {
  id?: number; household_id?: string; channel: string; source: string; at: string; proposed_type?: string;
  proposed_risks?: string[] | string; note?: string; case_id?: number; episode_id?: number;
  // A cadre visit's reason (八必访: low_income, serious_illness, ...); "" for other channels.
  visit_reason?: string;
}
// The body of POST /leads (lib/leadForm.ts makes it): an officer's lead of a household.
export interface LeadBody { household_id: string; channel: string; note: string; visit_reason?: string }
export interface EpisodeItem {
  id: number; household_id?: string; village_code?: string; identified_on: string; type: string;
  risks: string[] | string; identification_case: number; eliminated_on: string | null; method: string;
  elimination_case: number;
}
export interface CaseFile {
  case: CaseItem; events: CaseEvent[]; leads: LeadItem[]; episodes: EpisodeItem[]; available: string[];
  limits: Record<string, number>;
}
export interface CaseActionBody { event: string; fields: Record<string, string>; comment: string; attachments: number[] }
export interface DeadlineArea {
  code: string; name: string; open: number; overdue: number; due_within_2_days: number; paused: number; escalated: number;
}
export interface Deadlines {
  region: string | { code: string; name: string; level?: string };
  by_area: DeadlineArea[];
  by_state: { state: string; open: number; overdue: number }[];
}
// Timeliness of identification (DOMAIN.md §10): cases decided in the period; share and mean are
// null when none was approved.
export interface TimelinessFigures {
  approved: number; within_limit: number; share_within_limit: number | null; total_days: number;
  mean_days: number | null; max_days: number; rejected: number;
}
export interface TimelinessArea extends TimelinessFigures { code: string; name: string }
export interface Timeliness {
  region_code: string; region_name: string; region_level: string; from: string; to: string;
  total: TimelinessFigures; by_area: TimelinessArea[];
}
// One row of a village's public notice: only what §5.2 allows to be posted.
export interface NoticeRow {
  case_id?: number; kind?: string; head_name: string; village_name?: string; household_size?: number;
  members?: number; type?: string; risks?: string[] | string; method?: string; notice_start?: string;
  notice_end?: string;
}
export interface Notice {
  village?: string | { code: string; name: string }; village_code?: string; village_name?: string;
  rows?: NoticeRow[]; items?: NoticeRow[]; note?: string;
}

// Risk elimination (DOMAIN.md §8; docs/openapi.yaml, tag elimination).
export interface EliminationCondition { code: string; met: boolean; why: string }
export interface EliminationCandidate {
  household_id: string; village_code: string; village_name: string; head_name: string;
  episode: { id: number; identified_on: string; type: string; risks: string[] | string; identification_case?: number };
  eligible: boolean; method: string; conditions: EliminationCondition[]; line_year: number; line: string;
}
export interface Measure {
  id: number; household_id: string; member_id_number: string; category: string; item: string; department: string;
  start: string; end: string | null; amount: string; status: string; risks: string[] | string; recorded_by: string;
  recorded_at: string;
  // The plan it belongs to (0: none) and the catalogue item it names ("" before the catalogue).
  plan_id?: number; item_code?: string;
}
// The body of POST /households/{id}/measures (lib/measureForm.ts makes it).
export interface MeasureBody {
  category: string; item: string; department: string; start: string; end?: string; amount?: string;
  status: string; risks: string[]; member_id_number?: string; item_code?: string;
}
// The body of POST /plans/{id}/measures (lib/plans.ts makes it): a catalogue item, whose Chinese
// name the server gives the measure when no item text is sent.
export interface PlanMeasureBody extends Omit<MeasureBody, 'item'> { item?: string; item_code: string }

// Assistance (帮扶, decision 0008; docs/openapi.yaml, tag assist; service/assist_json.cc).
export type PlanState = 'draft' | 'active' | 'complete' | 'closed';
export interface Plan {
  id: number; household_id: string; episode_id: number; village_code: string; state: PlanState | string;
  created_by: string; created_at: string; updated_at: string; completed_by: string; completed_at: string; note: string;
}
// A coordination check of the household (C01–C11) that is open, or justified by the county.
export interface PlanCheck {
  finding_id: number; check: string; title_zh: string; title_en: string; detail: string; state: string;
  opened_at: string; resolved_by: string; note: string;
}
export interface PlanEpisode {
  id: number; type: string; risks: string[] | string; identified_on: string; eliminated_on: string | null;
}
export interface ResponsiblePerson {
  id: number; household_id: string; name: string; unit: string; phone: string; from: string; to: string | null;
  assigned_by: string; assigned_at: string;
}
export interface Visit {
  id: number; household_id: string; village_code: string; visited_on: string; visitor: string; recorded_by: string;
  recorded_at: string; found: string; risks_seen: string[] | string; lead_id: number;
}
export interface PlanFile extends Plan {
  village_name: string; head_name: string; episode: PlanEpisode; measures: Measure[];
  responsible: ResponsiblePerson | null; visits: Visit[]; checks: PlanCheck[];
}
export interface PlanItem extends Plan { village_name: string; head_name: string; measures: number }
export interface ResponsibilityItem {
  household_id: string; village_code: string; village_name: string; head_name: string; episode: PlanEpisode;
  responsible: ResponsiblePerson | null; last_visit: string | null; plan_id: number; plan_state: string | null;
}
export interface ResponsibleHistory { current: ResponsiblePerson | null; items: ResponsiblePerson[] }
// The body of PUT /households/{id}/responsible and POST /households/{id}/visits (lib/assistForms.ts).
export interface ResponsibleBody { name: string; unit: string; phone: string; from: string }
export interface VisitBody { visited_on: string; visitor: string; found: string; risks_seen: string[]; lead_reason?: string }
export interface CatalogItem { code: string; name_zh: string; name_en: string; department: string }
export interface CatalogCategory { code: string; name_zh: string; name_en: string; development: boolean; items: CatalogItem[] }
export interface MeasureCatalog {
  province: string; version: number; builtin: boolean; created_by: string; created_at: string; toml: string;
  categories: CatalogCategory[];
}
export interface QualityProblem {
  episode_id: number; household_id: string; village_code: string; village_name: string; code: string; message: string;
}

// An application from the public page a village's QR code leads to (decision 0005).
export interface ApplicationItem {
  id: number; reference: string; village_code: string; village_name: string; received_at: string;
  applicant_name: string; id_number: string; phone: string; relation: 'self' | 'proxy' | string; text: string;
  household_id: string; case_id: number; status: 'matched' | 'unmatched' | 'linked' | 'closed' | string;
  handled_by: string; handled_at: string; note: string;
}

// Department sources, their uploads and quality (docs/decisions/0006; docs/openapi.yaml, tag sources).
export type SourceHealth = 'ok' | 'late' | 'never';
export interface UploadRecord {
  upload_id: number; batch_id: number; source: string; file: string; sha256: string; bytes: number; format: string;
  encoding: string; sheet: string; user: string; uploaded_at: string; region_code: string; read: number; accepted: number;
  quarantined: number; unmatched: number; match_rate: number; warnings: number; updated_households: number;
}
export interface SourceItem {
  name: string; title: string; department: string; frequency: string; key: string; uploads: number;
  last_upload: UploadRecord | null; days_since_last_upload: number | null; health: SourceHealth;
}
export interface ContractColumn {
  name: string; header: string; aliases: string[]; type: string; required: boolean; values: { label: string; value: string }[];
}
export interface SourceContract {
  name: string; title: string; department: string; frequency: string; key: string; period: string; event_date: string;
  late_after_days: number | null; columns: ContractColumn[]; facts: { name: string; aggregate: string }[];
  warnings: { when: string; type: string; risks: string[]; message: string }[];
  updates: { field: string; value: string | null; column: string | null }[];
}
export interface UploadIssue { row: number; column: string; rule: string; value: string; message: string }
export interface DeptWarning {
  id: number; person: string; household_id: string; village_code: string; period: string; row: number; type: string;
  risks: string[]; message: string; raised_at: string;
  // GET /uploads/{id}: what the warning became (its case, or 0 and the episode); null when none.
  lead?: { case_id: number; episode_id: number; at: string } | null;
}
export interface UploadReport {
  upload_id: number; batch_id: number; source: string; file: string; sha256: string; bytes: number; format: string;
  encoding: string; sheet: string; uploaded_at: string; duplicate: boolean;
  // The header row (XLSX row or CSV line) and the rows above it skipped as a title or notes, with a
  // sentence saying so ('' when none was); absent in reports stored before they were recorded.
  header_row?: number; skipped_rows?: number[]; header_note?: string;
  read: number; accepted: number;
  quarantined: number; unmatched: number; match_rate: number; warnings: number; updated_households: number;
  households_touched: number; warnings_evaluated: boolean; quarantined_by_rule: Record<string, number>;
  issues: UploadIssue[]; issues_withheld?: boolean;
  // What the warnings became; stored with the report, so a duplicate's and an upload's page show them too.
  leads: { opened: number; joined: number; on_episode: number; already: number };
  // Cross-check findings the upload opened (decision 0006), when the server reports them.
  findings?: number;
  seconds: number;
  new_warnings?: DeptWarning[];
}
export interface UploadDetail { upload: UploadRecord; report: UploadReport | null; rows_visible: boolean; warnings: DeptWarning[] }
export interface QuarantineRow { file: string; line: number; column: string; rule: string; value: string; message: string; record: string }
export interface UnmatchedRow { row: number; key: string; period: string; event_date: string; values: Record<string, unknown> | null }
export interface SourceMonthQuality {
  source: string; title: string; month: string; uploads: number; read: number; accepted: number; quarantined: number;
  unmatched: number; validity: number | null; match_rate: number | null; rows_checked: number; completeness: number | null;
  timeliness_median_days: number | null; timeliness_p90_days: number | null; warnings: number; warnings_confirmed: number;
}
export interface SourceQuality {
  from_month: string; to_month: string; months: number; items: SourceMonthQuality[];
  uploads: { upload_id: number; source: string; file: string; uploaded_at: string; quarantined: number; quarantined_by_rule: Record<string, number> }[];
  warnings_checked: number; confirmed_partial: boolean;
}
// Cross-check findings (疑点, decision 0006; docs/openapi.yaml, tag findings).
export interface CheckItem {
  id: string; title_zh: string; title_en: string; kind: string; enabled: boolean; monitored: boolean; risk: string | null;
  // The coordination checks C01–C11 (kind "coordination") say what to do about them.
  action_zh?: string; action_en?: string;
}
export type FindingState = 'open' | 'corrected' | 'confirmed' | 'justified';
export interface Finding {
  id: number; check: string; title_zh: string; title_en: string; household_id: string; head_name: string;
  village_code: string; village_name: string; evidence_key: string; detail: string; source: string | null; source_title: string | null;
  upload_id: number | null; row: number | null; opened_at: string; state: FindingState | string;
  resolved_by: string | null; resolved_at: string | null; note: string | null;
}
export interface FindingCounts { open: number; corrected: number; confirmed: number; justified?: number }
export interface FindingPage extends ListPage<Finding> { counts: FindingCounts }
export interface FindingResolveBody { state: string; note: string }
export interface CheckRun {
  households: number; found: number; opened: number; seconds: number;
  checks: { check: string; found: number; opened: number }[];
}
// The optional fields of a department upload (multipart fields beside the file).
export interface UploadOptions { encoding?: string; sheet?: string }

// Analytics and assessment (decision 0008): a region's figures from the village table, its
// poverty measures, the scorecards of its counties or townships, the province's settings.
export interface ObjectsPersons { objects: number; persons: number }
export interface VillageFigures {
  households: number; persons: number; screenable_households?: number;
  lifted_households: number; lifted_persons?: number;
  school_age_members?: number; dropouts: number; uninsured: number; unsafe_houses: number; unsafe_water: number;
  objects: number; object_persons: number;
  by_type: Record<string, ObjectsPersons>; by_risk: Record<string, ObjectsPersons>;
  identified_by_month: number[]; eliminated_by_month: number[];
  eliminations_with_problems?: number;
  cumulative_objects?: number; cumulative_persons?: number; eliminated_objects?: number; eliminated_persons?: number;
  ever_eliminated?: number; relapses: number; lifted_identified?: number;
  approved: number; approval_days: Record<string, number>; approved_within_15_days?: number;
  approved_within_limit?: number; approval_days_total?: number;
  measures: Record<string, Record<string, number>>;
  objects_with_measure: number; labour_capable_objects: number; labour_capable_with_development: number;
  warnings?: number; warnings_answered?: number;
}
export interface AnalyticsOverview {
  region: string; region_name: string; region_level: string; year: number; as_of: string;
  figures: VillageFigures;
  areas: { code: string; name: string; figures: VillageFigures }[];
}
export interface PovertyMeasures {
  region: string; region_name?: string; year: number;
  standard?: { name: string; hash: string; province: string; county: string };
  line_fen: number; households?: number; excluded_households?: number; persons: number;
  poor_persons?: number; poor_households?: number; p0: number; p1: number; p2: number; gini: number;
  mean_income_fen?: number; total_gap_fen?: number;
}
export interface ScorecardKpi {
  kpi: string; weight: number; direction: 'higher' | 'lower'; target: number; zero_at?: number;
  assessed: boolean; reason: '' | 'no_denominator' | 'no_sample' | 'registry_now';
  numerator: number; denominator: number; achieved: number | null; score: number | null; points: number;
  estimate?: { estimate: number; lower: number; upper: number; households: number; villages: number; method: string };
}
export interface Scorecard {
  region: string; name: string; total: number | null; assessed_weight: number;
  rank_parent: { rank: number; of: number }; rank_province: { rank: number; of: number };
  trend: { year: number; total: number | null }[];
  kpis: ScorecardKpi[];
}
export interface Scorecards {
  region: string; region_name: string; region_level: string; year: number; as_of: string;
  unit_level: 'county' | 'township'; settings_version: number;
  region_card: Scorecard | null;  // a county's own card (among the province's counties)
  cards: Scorecard[];
}
export interface AssessmentSettings {
  province: string; version: number; created_by?: string; created_at?: string; text: string;
  kpis: { kpi: string; weight: number; direction: string; target: number; zero_at?: number }[];
}

// The verification sample (核查抽样; decision 0008, "Sample stored as built").
export interface SampleEstimate { estimate: number; lower: number; upper: number; households: number; villages: number; method: string }
export interface SampleDraw {
  id: number; county: string; county_name: string; year: number; seed: number; drawn_by: string; drawn_at: string;
  frame_households: number; villages: number; households: number; latest: boolean; closed: boolean;
  closed_by: string; closed_at: string; recorded: number;
}
export interface SampleResult {
  meets_criteria: boolean | null; included: boolean | null; comparison_passed: boolean | null; satisfied: boolean | null;
  visited_on: string; visitor: string; note: string; recorded_by: string; recorded_at: string;
}
export interface SampleUnit {
  household_id: string; village_code: string; village_name: string; head_name: string; head_id_number: string;
  stratum: string; village_probability: number; probability: number; weight: number; result: SampleResult | null;
}
export interface SampleFile extends SampleDraw {
  parameters: { villages: number; households: number; stratum_weights: Record<string, number> };
  strata: { stratum: string; frame: number; sampled: number }[];
  sampled_villages: { village_code: string; village_name: string; probability: number; households: number }[];
  units: SampleUnit[];
  estimates: { omission: SampleEstimate | null; wrong_inclusion: SampleEstimate | null; approval: SampleEstimate | null };
}
export interface SampleDrawBody {
  county: string; year: number; seed?: number; villages: number; households: number;
  stratum_weights: Record<string, number>; redraw?: boolean;
}
export interface SampleVisitBody {
  meets_criteria: boolean | null; included: boolean | null; comparison_passed: boolean | null; satisfied: boolean | null;
  visited_on: string; visitor: string; note: string;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public requestId = '',
    public details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const BASE = '/api/v1';
let csrfToken = '';
let onUnauthenticated: () => void = () => {};

export function setCsrfToken(token: string): void { csrfToken = token; }
export function setUnauthenticatedHandler(handler: () => void): void { onUnauthenticated = handler; }

export type Query = Record<string, string | number | boolean | null | undefined>;

// Same-origin link to the workbook of a list (?format=xlsx, decision 0008 "Exports as built"):
// the list's filters without its page (the server exports every row they match), in the UI's
// language (lang: its headers and the labels of its codes, decision 0009).
export function exportXlsxUrl(path: string, lang: Locale, query?: Query): string {
  return `${BASE}${path}${buildQuery({ ...query, offset: undefined, limit: undefined, format: 'xlsx', lang })}`;
}

export function buildQuery(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === null || v === undefined || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

// The ApiError of a failed response: the API's error shape, or the status text.
async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  return errorFromBody(res.status, body, res.statusText);
}

export function errorFromBody(status: number, body: unknown, fallback: string): ApiError {
  const e = (body as { error?: { code?: string; message?: string; request_id?: string; details?: Record<string, unknown> } } | null)?.error;
  if (e) return new ApiError(status, e.code ?? 'UNKNOWN', e.message ?? fallback, e.request_id ?? '', e.details ?? {});
  return new ApiError(status, status === 0 ? 'NETWORK' : 'HTTP_' + status, fallback || String(status));
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(BASE + path + buildQuery(query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', String(err));
  }
  if (!res.ok) {
    const error = await toError(res);
    // A wrong old password on /me/password is the dialog's to show, not a lost session.
    if (res.status === 401 && !['/login', '/me', '/me/password'].includes(path)) onUnauthenticated();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const get = <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query);
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);

// Upload with progress (fetch cannot report upload progress): resolves with the parsed body.
function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + path);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (ev) => { if (ev.lengthComputable) onProgress(ev.loaded / ev.total); };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    xhr.onload = () => {
      let body: unknown = null;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(1); resolve(body as T); return; }
      if (xhr.status === 401) onUnauthenticated();
      reject(errorFromBody(xhr.status, body, xhr.statusText));
    };
    xhr.send(form);
  });
}

export const api = {
  login: (username: string, password: string) => post<Session>('/login', { username, password }),
  logout: () => post<void>('/logout'),
  me: () => get<Session>('/me'),
  changePassword: (old_password: string, new_password: string) => post<void>('/me/password', { old_password, new_password }),
  regions: (parent?: string) => get<Items<Region>>('/regions', { parent }),
  dashboard: (region?: string) => get<Dashboard>('/dashboard', { region }),
  households: (q: Query) => get<ListPage<HouseholdRow>>('/households', q),
  household: (id: string) => get<HouseholdFile>(`/households/${encodeURIComponent(id)}`),
  history: (id: string) => get<Items<HistoryEntry>>(`/households/${encodeURIComponent(id)}/history`),
  explanation: (id: string) => get<Explanation>(`/households/${encodeURIComponent(id)}/explanation`),
  warnings: (q: Query) => get<WarningPage>('/warnings', q),
  runs: () => get<Items<Run>>('/runs'),
  runScreening: (province: string, year: number) => post<Run>('/runs', { province, year }),
  standards: () => get<Items<StandardItem>>('/standards'),
  standard: (hash: string) => get<StandardDetail>(`/standards/${encodeURIComponent(hash)}`),
  checkStandard: (toml: string) => post<CheckResult>('/standards/check', { toml }),
  whatIf: (toml: string, region?: string) => post<WhatIf>('/whatif', region ? { toml, region } : { toml }),
  loadStandard: (toml: string) => post<StandardItem>('/standards', { toml }),
  startImport: (households: File, members: File, onProgress: (f: number) => void) => {
    const form = new FormData();
    form.append('households', households, households.name);
    form.append('members', members, members.name);
    return upload<{ job_id: string | number }>('/imports', form, onProgress);
  },
  importJob: (id: string | number) => get<ImportJob>(`/imports/jobs/${encodeURIComponent(id)}`),
  imports: () => get<Items<ImportItem>>('/imports'),
  // GET link (same-origin cookie) to the CSV of every household the search's filters match.
  householdsExportUrl: (q: Query) => `${BASE}/households/export${buildQuery(q)}`,
  quarantineCsvUrl: (batch: number | string) => `${BASE}/imports/${encodeURIComponent(String(batch))}/quarantine?format=csv`,
  audit: (q: Query) => get<ListPage<AuditEntry>>('/audit', q),
  verifyAudit: () => get<AuditVerify>('/audit/verify'),
  users: () => get<Items<UserRow>>('/users'),
  addUser: (u: { username: string; password: string; role: string; scope: string; display_name: string }) => post<UserRow>('/users', u),
  resetPassword: (name: string, password: string) => post<void>(`/users/${encodeURIComponent(name)}/password`, { password }),
  setDisabled: (name: string, disabled: boolean) => post<void>(`/users/${encodeURIComponent(name)}/disabled`, { disabled }),
  cases: (q: Query) => get<ListPage<CaseItem>>('/cases', q),
  caseFile: (id: number | string) => get<CaseFile>(`/cases/${encodeURIComponent(String(id))}`),
  actOnCase: (id: number | string, body: CaseActionBody) => post<CaseItem>(`/cases/${encodeURIComponent(String(id))}/events`, body),
  uploadCaseAttachment: (id: number | string, file: File, onProgress: (f: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<AttachmentInfo>(`/cases/${encodeURIComponent(String(id))}/attachments`, form, onProgress);
  },
  // GET link (same-origin cookie) to an attachment of a case; the server audits the download.
  caseAttachmentUrl: (id: number | string, aid: number | string) =>
    `${BASE}/cases/${encodeURIComponent(String(id))}/attachments/${encodeURIComponent(String(aid))}`,
  // An officer's lead (DOMAIN.md §5.1): 201 {case_id}, 0 when recorded on the monitoring episode.
  recordLead: (body: LeadBody) =>
    post<{ case_id: number; outcome: 'opened' | 'joined' | 'episode' }>('/leads', body),
  deadlines: (region?: string) => get<Deadlines>('/deadlines', { region }),
  // from/to absent: the server's default, this year until its today.
  timeliness: (region?: string, from?: string, to?: string) =>
    get<Timeliness>('/cases/timeliness', { region, from, to }),
  notice: (village: string) => get<Notice>(`/notices/${encodeURIComponent(village)}`, { format: 'json' }),
  // The printable page and the workbook of a village's notice, as same-origin links.
  noticeUrl: (village: string, format: 'html' | 'xlsx') => `${BASE}/notices/${encodeURIComponent(village)}${buildQuery({ format })}`,
  // The village's inbox of applications from the public page (decision 0005).
  applications: (q: Query) => get<ListPage<ApplicationItem>>('/applications', q),
  linkApplication: (id: number, household_id: string) =>
    post<ApplicationItem>(`/applications/${encodeURIComponent(String(id))}/link`, { household_id }),
  closeApplication: (id: number, reason: string) =>
    post<ApplicationItem>(`/applications/${encodeURIComponent(String(id))}/close`, { reason }),
  eliminationCandidates: (region?: string) => get<Items<EliminationCandidate>>('/elimination/candidates', { region }),
  proposeElimination: (household_id: string) => post<{ case_id: number }>('/elimination/proposals', { household_id }),
  measures: (id: string) => get<Items<Measure>>(`/households/${encodeURIComponent(id)}/measures`),
  recordMeasure: (id: string, body: MeasureBody) => post<Measure>(`/households/${encodeURIComponent(id)}/measures`, body),
  eliminationQuality: (region?: string) => get<Items<QualityProblem>>('/elimination/quality', { region }),
  // Department sources (decision 0006).
  sources: () => get<Items<SourceItem>>('/sources'),
  source: (name: string) => get<SourceContract>(`/sources/${encodeURIComponent(name)}`),
  sourceUploads: (name: string, q?: Query) => get<ListPage<UploadRecord>>(`/sources/${encodeURIComponent(name)}/uploads`, q),
  // 201 with the report; 200 with the first upload's report (duplicate) for a file sent before.
  uploadSource: (name: string, file: File, options: UploadOptions, onProgress: (f: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (options.encoding && options.encoding !== 'auto') form.append('encoding', options.encoding);
    if (options.sheet) form.append('sheet', options.sheet);
    return upload<UploadReport>(`/sources/${encodeURIComponent(name)}/uploads`, form, onProgress);
  },
  upload: (id: number | string) => get<UploadDetail>(`/uploads/${encodeURIComponent(String(id))}`),
  uploadQuarantine: (id: number | string) => get<{ upload_id: number; items: QuarantineRow[] }>(`/uploads/${encodeURIComponent(String(id))}/quarantine`),
  uploadUnmatched: (id: number | string) => get<{ upload_id: number; items: UnmatchedRow[] }>(`/uploads/${encodeURIComponent(String(id))}/unmatched`),
  // Same-origin links: the quarantine CSV and the original file (county and above; audited).
  uploadQuarantineCsvUrl: (id: number | string) => `${BASE}/uploads/${encodeURIComponent(String(id))}/quarantine?format=csv`,
  uploadFileUrl: (id: number | string) => `${BASE}/uploads/${encodeURIComponent(String(id))}/file`,
  sourceQuality: (months?: number) => get<SourceQuality>('/quality/sources', { months }),
  sourceQualityXlsxUrl: (months?: number) => `${BASE}/quality/sources.xlsx${buildQuery({ months })}`,
  // Cross-check findings (decision 0006).
  checks: () => get<Items<CheckItem>>('/checks'),
  findings: (q: Query) => get<FindingPage>('/findings', q),
  resolveFinding: (id: number, body: FindingResolveBody) =>
    post<Finding>(`/findings/${encodeURIComponent(String(id))}/resolve`, body),
  runChecks: (region?: string) => post<CheckRun>('/checks/run', region ? { region } : {}),
  // A coordination finding (C01–C11) accepted by the county with a note (plan.justify).
  justifyFinding: (id: number, note: string) =>
    post<Finding>(`/findings/${encodeURIComponent(String(id))}/justify`, { note }),
  // Assistance (decision 0008): plans, their measures and states; responsible persons, visits;
  // the region's monitoring objects with both; the measures catalogue in force.
  createPlan: (householdId: string, note = '') =>
    post<PlanFile>(`/households/${encodeURIComponent(householdId)}/plan`, note ? { note } : {}),
  householdPlan: (householdId: string) => get<PlanFile>(`/households/${encodeURIComponent(householdId)}/plan`),
  plans: (q: Query) => get<ListPage<PlanItem>>('/plans', q),
  plan: (id: number | string) => get<PlanFile>(`/plans/${encodeURIComponent(String(id))}`),
  recordPlanMeasure: (id: number | string, body: PlanMeasureBody) =>
    post<Measure>(`/plans/${encodeURIComponent(String(id))}/measures`, body),
  activatePlan: (id: number | string) => post<PlanFile>(`/plans/${encodeURIComponent(String(id))}/activate`),
  completePlan: (id: number | string) => post<PlanFile>(`/plans/${encodeURIComponent(String(id))}/complete`),
  responsible: (householdId: string) => get<ResponsibleHistory>(`/households/${encodeURIComponent(householdId)}/responsible`),
  assignResponsible: (householdId: string, body: ResponsibleBody) =>
    put<ResponsiblePerson>(`/households/${encodeURIComponent(householdId)}/responsible`, body),
  visits: (householdId: string) => get<Items<Visit>>(`/households/${encodeURIComponent(householdId)}/visits`),
  recordVisit: (householdId: string, body: VisitBody) =>
    post<Visit>(`/households/${encodeURIComponent(householdId)}/visits`, body),
  responsibility: (q: Query) => get<ListPage<ResponsibilityItem>>('/responsibility', q),
  measureCatalog: (province?: string) => get<MeasureCatalog>('/measure-catalog', { province }),
  putMeasureCatalog: (toml: string, province?: string) =>
    put<MeasureCatalog>('/measure-catalog', province ? { toml, province } : { toml }),
  // Analytics and assessment (decision 0008); the workbooks as same-origin links.
  analyticsOverview: (region?: string, year?: number) => get<AnalyticsOverview>('/analytics/overview', { region, year }),
  analyticsOverviewXlsxUrl: (region?: string, year?: number) => `${BASE}/analytics/overview${buildQuery({ region, year, format: 'xlsx' })}`,
  poverty: (region?: string, year?: number) => get<PovertyMeasures>('/analytics/poverty', { region, year }),
  scorecards: (region?: string, year?: number) => get<Scorecards>('/assessment/scorecards', { region, year }),
  scorecardsXlsxUrl: (region?: string, year?: number) => `${BASE}/assessment/scorecards${buildQuery({ region, year, format: 'xlsx' })}`,
  assessmentConfig: (province?: string) => get<AssessmentSettings>('/assessment/config', { province }),
  putAssessmentConfig: (province: string, toml: string) => put<AssessmentSettings>('/assessment/config', { province, toml }),
  // The verification sample: the draws of a county or region, a draw, its visits, closing it.
  samples: (region?: string, year?: number) => get<Items<SampleDraw>>('/samples', { region, year }),
  sample: (id: number | string) => get<SampleFile>(`/samples/${encodeURIComponent(String(id))}`),
  sampleXlsxUrl: (id: number | string) => `${BASE}/samples/${encodeURIComponent(String(id))}?format=xlsx`,
  drawSample: (body: SampleDrawBody) => post<SampleFile>('/samples', body),
  recordSampleVisit: (id: number | string, household: string, body: SampleVisitBody) =>
    put<SampleUnit>(`/samples/${encodeURIComponent(String(id))}/units/${encodeURIComponent(household)}`, body),
  closeSample: (id: number | string) => post<SampleFile>(`/samples/${encodeURIComponent(String(id))}/close`),
};
