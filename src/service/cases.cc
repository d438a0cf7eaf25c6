#include "service/cases.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "access/audit.h"
#include "access/authorize.h"
#include "base/clock.h"
#include "cases/workflow.h"
#include "registry/codes.h"
#include "registry/household.h"
#include "service/assist.h"
#include "service/coordination.h"

namespace xianjie::service {
namespace {

using access::Operation;
using access::Role;

// Levels of the hierarchy an overdue case climbs, lowest first.
int Level(Role role) {
  switch (role) {
    case Role::kVillage:
      return 0;
    case Role::kTownship:
      return 1;
    case Role::kCounty:
      return 2;
    case Role::kPrefecture:
      return 3;
    case Role::kProvince:
      return 4;
    default:
      return -1;
  }
}

// Whether an open case is on `role`'s worklist: its step waits for the role, or it is overdue
// and escalated to the role's level or beyond. A department's worklist is the comparisons due.
bool OnWorklist(Role role, const cases::CaseRecord& c, const cases::Due& due) {
  if (!due.open) return false;
  if (role == Role::kDepartment) {
    return c.state == cases::CaseState::kDataComparison ||
           (c.state == cases::CaseState::kHomeVisit && c.kind == cases::CaseKind::kIdentification &&
            !c.comparison_done);
  }
  const int level = Level(role);
  if (level < 0) return false;
  if (due.owner == role) return true;
  return due.overdue_days > 0 && Level(due.owner) < level && level <= Level(due.escalated_to);
}

Result<cases::WorkflowLimits> LimitsOf(store::Database& db, std::string_view village_code) {
  return LimitsFor(db, village_code.substr(0, 2));
}

// The limits of each case's province, read from the store once per province.
class LimitsByProvince {
 public:
  explicit LimitsByProvince(store::Database& db) : db_(db) {}
  Result<cases::WorkflowLimits> Of(std::string_view village_code) {
    const std::string province(village_code.substr(0, 2));
    auto it = limits_.find(province);
    if (it == limits_.end()) {
      XJ_ASSIGN_OR_RETURN(cases::WorkflowLimits l, LimitsFor(db_, province));
      it = limits_.emplace(province, l).first;
    }
    return it->second;
  }

 private:
  store::Database& db_;
  std::map<std::string, cases::WorkflowLimits, std::less<>> limits_;
};

// The region a summary by area is about: `region` ("" = the scope) checked and authorized for
// case.read, with its name, level and children in the region table.
struct SummaryRegion {
  std::string code, name, level;
  std::vector<std::pair<std::string, std::string>> children;  // code, name
};

Result<SummaryRegion> ResolveSummaryRegion(Workspace& ws, const access::Principal& principal,
                                           const std::string& region) {
  SummaryRegion out;
  out.code = region.empty() ? principal.scope : region;
  XJ_RETURN_IF_ERROR(CheckRegionCode("region", out.code));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCaseRead, out.code));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  const registry::Region* found = view->regions->Find(out.code);
  if (found == nullptr) return NotFound("region " + out.code + " is not in the region table");
  out.name = found->name;
  out.level = std::string(RegionLevelName(found->level()));
  for (const registry::Region& child : view->regions->Children(found->code)) {
    out.children.emplace_back(child.code.Prefix(), child.name);
  }
  return out;
}

Result<CaseItem> ItemOf(store::Database& db, const WorkspaceView& view, cases::CaseRecord c,
                        CivilDate today) {
  CaseItem item;
  XJ_ASSIGN_OR_RETURN(cases::WorkflowLimits limits, LimitsOf(db, c.village_code));
  item.due = cases::DueOf(c, limits, today);
  item.village_name = view.RegionName(c.village_code);
  item.head_name = view.HeadName(c.household_id);
  item.record = std::move(c);
  return item;
}

// The case, with kNotFound / kPermissionDenied as the header says.
Result<cases::CaseRecord> CaseInScope(store::Database& db, const access::Principal& principal,
                                      Operation op, int64_t case_id) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, ""));
  XJ_ASSIGN_OR_RETURN(std::optional<cases::CaseRecord> c, db.GetCase(case_id));
  if (!c) return NotFound("there is no case " + std::to_string(case_id));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, c->village_code));
  return std::move(*c);
}

Result<std::vector<cases::CaseState>> StatesOf(const std::string& code) {
  if (code.empty()) return std::vector<cases::CaseState>();
  auto state = cases::ParseState(code);
  if (!state) {
    return InvalidArgument("query parameter 'state' is not a case state: '" + code +
                           "' (lead, home_visit, data_comparison, village_appraisal, "
                           "public_notice, township_review, county_approval, monitored, "
                           "eliminated, rejected, dismissed)");
  }
  return std::vector<cases::CaseState>{*state};
}

// The household record after the home visit form: the household's own facts replaced, the
// members as they were.
registry::HouseholdRecord AfterHomeVisit(registry::HouseholdRecord record,
                                         const cases::HomeVisitForm& form) {
  registry::Household& h = record.household;
  h.wage_income = form.wage_income;
  h.business_income = form.business_income;
  h.property_income = form.property_income;
  h.transfer_income = form.transfer_income;
  h.production_costs = form.production_costs;
  h.rigid_medical = form.rigid_medical;
  h.rigid_education = form.rigid_education;
  h.rigid_other = form.rigid_other;
  h.housing_safe = form.housing_safe;
  h.water_safe = form.water_safe;
  registry::Canonicalize(record);
  return record;
}

// Writes the home visit's version of the household (its own batch, source "home_visit").
Status WriteHomeVisit(store::Database& db, const access::Principal& principal,
                      const std::string& household_id, const cases::HomeVisitForm& form,
                      CivilDate on) {
  const std::string ids[] = {household_id};
  XJ_ASSIGN_OR_RETURN(std::vector<registry::HouseholdVersion> current, db.GetCurrent(ids));
  if (current.empty()) {
    return FailedPrecondition("household " + household_id +
                              " is no longer in the registry: the home visit cannot be saved "
                              "to it; check the household id with the county");
  }
  registry::HouseholdVersion next;
  next.record = AfterHomeVisit(current.front().record, form);
  next.content_hash = registry::ContentHash(next.record);
  if (next.content_hash == current.front().content_hash) return Status::Ok();  // nothing new
  next.version = current.front().version + 1;
  registry::BatchInfo info;
  info.source = "home_visit";
  info.user = principal.username;
  info.started_at = UtcNowIso8601();
  info.as_of = on;
  XJ_ASSIGN_OR_RETURN(std::unique_ptr<registry::BatchWriter> writer,
                      db.BeginBatch(std::move(info)));
  XJ_RETURN_IF_ERROR(writer->PutVersion(next));
  return writer->Commit(R"({"source":"home_visit","households":1})");
}

}  // namespace

Result<cases::WorkflowLimits> LimitsFor(store::Database& database, std::string_view province) {
  XJ_ASSIGN_OR_RETURN(std::optional<cases::WorkflowLimits> stored,
                      database.GetLimits(std::string(province)));
  return stored.value_or(cases::WorkflowLimits{});
}

Status SetLimits(store::Database& database, const access::Principal& principal,
                 const std::string& province, const cases::WorkflowLimits& limits) {
  XJ_RETURN_IF_ERROR(CheckRegionCode("province", province));
  if (province.size() != 2) {
    return InvalidArgument("'province' must be a province code of 2 digits, not '" + province +
                           "'");
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kWorkflowLimits, province));
  XJ_RETURN_IF_ERROR(cases::CheckLimits(limits));
  XJ_RETURN_IF_ERROR(database.PutLimits(province, limits));
  return RecordRead(database, principal, "workflow.limits", "province:" + province,
                    cases::FormatLimits(limits));
}

Result<Page<CaseItem>> ListCases(Workspace& ws, const access::Principal& principal,
                                 const CaseQuery& query, CivilDate today) {
  XJ_RETURN_IF_ERROR(CheckPaging(query.offset, query.limit));
  std::string region = principal.scope;
  if (!query.region.empty()) {
    XJ_RETURN_IF_ERROR(CheckRegionCode("region", query.region));
    region = query.region;
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCaseRead, region));
  cases::CaseFilter filter;
  filter.region_prefix = region;
  filter.open_only = query.open_only || query.worklist;
  filter.household_id = query.household_id;
  XJ_ASSIGN_OR_RETURN(filter.states, StatesOf(query.state));
  if (!query.kind.empty()) {
    filter.kind = cases::ParseKind(query.kind);
    if (!filter.kind) {
      return InvalidArgument("query parameter 'kind' must be identification or elimination, not '" +
                             query.kind + "'");
    }
  }
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  store::Database& db = ws.database();
  Page<CaseItem> page;
  page.offset = query.offset;
  page.limit = query.limit;
  const bool by_due = query.worklist || query.overdue_only;
  if (!by_due) {
    filter.offset = query.offset;
    filter.limit = query.limit;
    XJ_ASSIGN_OR_RETURN(std::vector<cases::CaseRecord> rows, db.ListCases(filter, &page.total));
    for (cases::CaseRecord& c : rows) {
      XJ_ASSIGN_OR_RETURN(CaseItem item, ItemOf(db, *view, std::move(c), today));
      page.items.push_back(std::move(item));
    }
    return page;
  }
  // Worklists and overdue lists depend on today's date: every open case of the region is
  // weighed, then sorted by due date.
  XJ_ASSIGN_OR_RETURN(std::vector<cases::CaseRecord> rows, db.ListCases(filter));
  std::vector<CaseItem> kept;
  for (cases::CaseRecord& c : rows) {
    XJ_ASSIGN_OR_RETURN(CaseItem item, ItemOf(db, *view, std::move(c), today));
    if (query.worklist && !OnWorklist(principal.role, item.record, item.due)) continue;
    if (query.overdue_only && item.due.overdue_days == 0) continue;
    kept.push_back(std::move(item));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const CaseItem& a, const CaseItem& b) {
    if (a.due.due != b.due.due) return a.due.due.ToDays() < b.due.due.ToDays();
    return a.record.id < b.record.id;
  });
  page.total = static_cast<int64_t>(kept.size());
  for (int64_t i = query.offset; i < page.total && i - query.offset < query.limit; ++i) {
    page.items.push_back(std::move(kept[static_cast<size_t>(i)]));
  }
  return page;
}

Result<CaseFile> GetCase(Workspace& ws, const access::Principal& principal, int64_t case_id,
                         CivilDate today) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(cases::CaseRecord c,
                      CaseInScope(db, principal, Operation::kCaseRead, case_id));
  CaseFile file;
  XJ_ASSIGN_OR_RETURN(file.limits, LimitsOf(db, c.village_code));
  XJ_ASSIGN_OR_RETURN(file.events, db.CaseEvents(case_id));
  XJ_ASSIGN_OR_RETURN(file.leads, db.LeadsOf(c.household_id));
  XJ_ASSIGN_OR_RETURN(file.episodes, db.EpisodesOf(c.household_id));
  cases::Actor actor;
  actor.principal = principal;
  if (access::RoleMay(principal.role, Operation::kCaseAct)) {
    for (cases::EventType e : cases::AvailableEvents(c, actor)) {
      file.available.emplace_back(cases::EventCode(e));
    }
  }
  XJ_RETURN_IF_ERROR(
      RecordRead(db, principal, "case.read", "case:" + std::to_string(case_id), c.household_id));
  XJ_ASSIGN_OR_RETURN(file.item, ItemOf(db, *ws.view(), std::move(c), today));
  return file;
}

Result<cases::CaseRecord> ActOnCase(Workspace& ws, const access::Principal& principal,
                                    int64_t case_id, const CaseAction& action,
                                    std::string_view now_utc) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(cases::CaseRecord c,
                      CaseInScope(db, principal, Operation::kCaseAct, case_id));
  auto event = cases::ParseEvent(action.event);
  if (!event || *event == cases::EventType::kOpen || *event == cases::EventType::kEscalate) {
    return InvalidArgument("'" + action.event +
                           "' is not an event a user may take; see the case's available events");
  }
  XJ_ASSIGN_OR_RETURN(cases::WorkflowLimits limits, LimitsOf(db, c.village_code));
  cases::EventInput input;
  input.event = *event;
  input.fields = action.fields;
  input.comment = action.comment;
  input.attachments = action.attachments;
  for (int64_t id : input.attachments) {
    XJ_ASSIGN_OR_RETURN(std::optional<cases::Attachment> a, db.GetAttachment(id, nullptr));
    if (!a || a->case_id != case_id) {
      return InvalidArgument("attachment " + std::to_string(id) + " does not belong to case " +
                             std::to_string(case_id) + "; upload it to this case first");
    }
  }
  cases::Actor actor;
  actor.principal = principal;
  XJ_ASSIGN_OR_RETURN(cases::Applied applied, cases::Apply(c, input, actor, now_utc, limits));
  if (applied.home_visit) {
    XJ_RETURN_IF_ERROR(
        WriteHomeVisit(db, principal, c.household_id, *applied.home_visit, applied.record.on));
  }
  cases::EventWrite write;
  write.next = applied.next;
  write.record = applied.record;
  write.expected_version = c.version;
  if (applied.open_episode) {
    cases::Episode episode;
    episode.household_id = c.household_id;
    episode.village_code = c.village_code;
    episode.identified_on = applied.record.on;
    episode.type = applied.next.decided_type;
    episode.risks = applied.next.decided_risks;
    episode.identification_case = c.id;
    write.open_episode = episode;
  }
  if (applied.close_episode) {
    XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, db.EpisodesOf(c.household_id));
    auto it = std::find_if(episodes.begin(), episodes.end(),
                           [&](const cases::Episode& e) { return e.id == c.episode_id; });
    if (it == episodes.end()) {
      return FailedPrecondition("case " + std::to_string(case_id) +
                                " names no monitoring episode of household " + c.household_id +
                                " to close");
    }
    cases::Episode closing = *it;
    closing.eliminated_on = applied.record.on;
    closing.method = applied.next.method;
    closing.elimination_case = c.id;
    write.close_episode = closing;
  }
  XJ_RETURN_IF_ERROR(db.AppendEvent(write));
  if (write.open_episode || write.close_episode) ws.ForgetEpisodeCounts();
  // The episode's assistance plan ends with it (docs/decisions/0008).
  if (write.close_episode) {
    XJ_RETURN_IF_ERROR(ClosePlanOfEpisode(db, write.close_episode->id, now_utc));
  }
  // An episode opened or closed: the coordination checks start or end with it.
  if (write.open_episode || write.close_episode) {
    const Result<CoordinationSync> synced = SyncCoordination(ws, c.household_id);
    XJ_RETURN_IF_ERROR(synced.status());
  }
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "case." + action.event,
                                "case:" + std::to_string(case_id), c.household_id));
  XJ_ASSIGN_OR_RETURN(std::optional<cases::CaseRecord> after, db.GetCase(case_id));
  if (!after) return Internal("case " + std::to_string(case_id) + " vanished after an event");
  return std::move(*after);
}

Result<cases::LeadsTaken> TakeRunLeads(store::Database& database,
                                       const registry::Snapshot& snapshot, int64_t run_id,
                                       const std::vector<rules::HouseholdResult>& results,
                                       std::string_view now_utc) {
  auto village_of = [&snapshot](std::string_view household_id) -> std::string {
    const int64_t h = snapshot.Find(household_id);
    if (h < 0) return "";
    return std::to_string(snapshot.village_code()[h]);
  };
  return cases::TakeLeadsFromRun(database, run_id, results, village_of, now_utc);
}

}  // namespace xianjie::service

// ---- additions for the HTTP API (decision 0005, "HTTP API (v1, additions)")

namespace xianjie::service {
namespace {

// An attachment type: its extensions, the content types that name it, how its content begins.
struct AttachmentType {
  std::string_view name;  // for messages
  std::vector<std::string_view> extensions;
  std::string_view content_type;  // canonical: what downloads are served with
  std::vector<std::string_view> aliases;  // other content types clients send for it
  std::string_view magic;                  // the content's first bytes
};

const std::vector<AttachmentType>& AttachmentTypes() {
  static const auto* types = new std::vector<AttachmentType>{
      {"PDF", {".pdf"}, "application/pdf", {}, "%PDF-"},
      {"JPEG", {".jpg", ".jpeg"}, "image/jpeg", {"image/jpg", "image/pjpeg"},
       std::string_view("\xFF\xD8\xFF", 3)},
      {"PNG", {".png"}, "image/png", {}, std::string_view("\x89PNG\r\n\x1A\n", 8)},
      // Office Open XML files are ZIP archives.
      {"DOCX",
       {".docx"},
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
       {},
       std::string_view("PK\x03\x04", 4)},
      {"XLSX",
       {".xlsx"},
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
       {},
       std::string_view("PK\x03\x04", 4)},
  };
  return *types;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The type a file name's extension names, else the one its content type names (parameters such
// as "; charset=" ignored), else nullptr.
const AttachmentType* TypeOf(const std::string& filename, const std::string& content_type) {
  const std::string name = Lower(filename);
  const size_t dot = name.rfind('.');
  if (dot != std::string::npos) {
    const std::string_view ext = std::string_view(name).substr(dot);
    for (const AttachmentType& t : AttachmentTypes()) {
      if (std::find(t.extensions.begin(), t.extensions.end(), ext) != t.extensions.end()) {
        return &t;
      }
    }
  }
  std::string type = Lower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (const AttachmentType& t : AttachmentTypes()) {
    if (type == t.content_type ||
        std::find(t.aliases.begin(), t.aliases.end(), type) != t.aliases.end()) {
      return &t;
    }
  }
  return nullptr;
}

// A PDF may carry a few bytes before its header (the format allows up to 1024); the others
// begin with their signature.
bool BeginsAs(const AttachmentType& type, const std::string& content) {
  if (type.name == "PDF") {
    return content.substr(0, 1024).find(type.magic) != std::string::npos;
  }
  return content.compare(0, type.magic.size(), type.magic) == 0;
}

// The last part of a path a browser may send ("C:\\scans\\form.pdf" → "form.pdf").
std::string BaseName(const std::string& filename) {
  const size_t slash = filename.find_last_of("/\\");
  return slash == std::string::npos ? filename : filename.substr(slash + 1);
}

constexpr std::string_view kVisitReasons[] = {
    "low_income",        "serious_illness", "extreme_poverty", "minimum_allowance",
    "disability",        "many_children",   "unstable_work",   "mishap"};

std::string VisitReasonList() {
  std::string out;
  for (std::string_view r : kVisitReasons) out += (out.empty() ? "" : ", ") + std::string(r);
  return out;
}

void Count(DeadlineCounts& counts, const cases::CaseRecord& c, const cases::Due& due,
           CivilDate today) {
  counts.open += 1;
  if (due.overdue_days > 0) {
    counts.overdue += 1;
  } else if (due.due.ToDays() - today.ToDays() <= 2) {
    counts.due_within_2_days += 1;
  }
  if (due.paused) counts.paused += 1;
  if (c.escalation > 0 || due.escalation_levels > 0) counts.escalated += 1;
}

}  // namespace

Result<CaseItem> ActOnCaseItem(Workspace& ws, const access::Principal& principal, int64_t case_id,
                               const CaseAction& action, std::string_view now_utc) {
  XJ_ASSIGN_OR_RETURN(cases::CaseRecord after, ActOnCase(ws, principal, case_id, action, now_utc));
  return ItemOf(ws.database(), *ws.view(), std::move(after), cases::ChinaDateOf(now_utc));
}

Result<cases::WorkflowLimits> ReadLimits(store::Database& database,
                                         const access::Principal& principal,
                                         const std::string& province) {
  XJ_RETURN_IF_ERROR(CheckRegionCode("province", province));
  if (province.size() != 2) {
    return InvalidArgument("'province' must be a province code of 2 digits, not '" + province +
                           "'");
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCaseRead, ""));
  // The limits bind every case of the province, so anyone who reads cases in it may read them.
  if (!principal.scope.starts_with(province)) {
    return PermissionDenied("user " + principal.username + " (" +
                            std::string(access::RoleName(principal.role)) + " " +
                            principal.scope + ") may not read the workflow limits of province " +
                            province + ": outside the user's scope");
  }
  return LimitsFor(database, province);
}

Result<cases::Attachment> PutCaseAttachment(Workspace& ws, const access::Principal& principal,
                                            int64_t case_id, const std::string& filename,
                                            const std::string& content_type,
                                            const std::string& content,
                                            std::string_view now_utc) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(cases::CaseRecord c,
                      CaseInScope(db, principal, Operation::kCaseAct, case_id));
  if (cases::IsTerminal(c.state)) {
    // Only an event can name an attachment, and a closed case takes none.
    return FailedPrecondition("case " + std::to_string(c.id) + " is closed (" +
                              std::string(cases::StateCode(c.state)) +
                              "): nothing can be attached to it any more; attach documents "
                              "before the case's last decision");
  }
  const std::string name = BaseName(filename);
  if (name.empty()) {
    return InvalidArgument("the file has no name; send it with its file name (e.g. form.pdf)");
  }
  if (content.empty()) return InvalidArgument("the file " + name + " is empty");
  if (static_cast<int64_t>(content.size()) > kMaxAttachmentBytes) {
    return InvalidArgument("the file " + name + " is larger than 20 MiB (" +
                           std::to_string(content.size()) +
                           " bytes); scan it at a lower resolution or split it");
  }
  const AttachmentType* type = TypeOf(name, content_type);
  if (type == nullptr) {
    return InvalidArgument("the file " + name +
                           " is not of a type a case keeps: attach PDF (.pdf), JPEG (.jpg, "
                           ".jpeg), PNG (.png), Word (.docx) or Excel (.xlsx) files");
  }
  if (!BeginsAs(*type, content)) {
    return InvalidArgument("the file " + name + " is not a " + std::string(type->name) +
                           " file as its name or type says; save it again as " +
                           std::string(type->name) + " and upload that");
  }
  cases::Attachment meta;
  meta.case_id = c.id;
  meta.filename = name;
  meta.content_type = std::string(type->content_type);
  meta.sha256 = access::Sha256Hex(content);
  meta.bytes = static_cast<int64_t>(content.size());
  meta.uploaded_by = principal.username;
  meta.uploaded_at = std::string(now_utc);
  XJ_ASSIGN_OR_RETURN(meta.id, db.PutAttachment(meta, content));
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "case.attachment.upload",
                                "case:" + std::to_string(case_id),
                                "attachment:" + std::to_string(meta.id) + " " + meta.sha256));
  return meta;
}

Result<cases::Attachment> GetCaseAttachment(Workspace& ws, const access::Principal& principal,
                                            int64_t case_id, int64_t attachment_id,
                                            std::string* content) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(cases::CaseRecord c,
                      CaseInScope(db, principal, Operation::kCaseRead, case_id));
  std::string bytes;
  XJ_ASSIGN_OR_RETURN(std::optional<cases::Attachment> a, db.GetAttachment(attachment_id, &bytes));
  if (!a || a->case_id != c.id) {
    return NotFound("case " + std::to_string(case_id) + " has no attachment " +
                    std::to_string(attachment_id));
  }
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "case.attachment",
                                "case:" + std::to_string(case_id),
                                "attachment:" + std::to_string(attachment_id)));
  if (content != nullptr) *content = std::move(bytes);
  return std::move(*a);
}

bool IsVisitReason(std::string_view code) {
  return std::find(std::begin(kVisitReasons), std::end(kVisitReasons), code) !=
         std::end(kVisitReasons);
}

Result<int64_t> AddLead(Workspace& ws, const access::Principal& principal,
                        const std::string& household_id, const std::string& channel,
                        const std::string& note, const std::string& visit_reason,
                        std::string_view now_utc, std::string* outcome) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCaseAct, ""));
  const std::optional<cases::Channel> parsed = cases::ParseChannel(channel);
  if (!parsed || *parsed == cases::Channel::kDepartmentWarning) {
    return InvalidArgument("'channel' must be self_application or cadre_visit, not '" + channel +
                           "' (leads from screening runs are taken by the system)");
  }
  cases::Lead lead;
  lead.household_id = household_id;
  lead.channel = *parsed;
  lead.source = channel + ":" + principal.username + ":" + std::string(now_utc);
  lead.at = std::string(now_utc);
  lead.note = note;
  if (*parsed == cases::Channel::kCadreVisit) {
    if (visit_reason.empty()) {
      return InvalidArgument("a cadre visit needs 'visit_reason': which of the eight kinds of "
                             "household to visit (八必访) this one is: " +
                             VisitReasonList());
    }
    if (!IsVisitReason(visit_reason)) {
      return InvalidArgument("'visit_reason' must be one of " + VisitReasonList() + ", not '" +
                             visit_reason + "'");
    }
    lead.visit_reason = visit_reason;
  }
  if (household_id.empty()) return InvalidArgument("'household_id' is required");
  std::string village;
  {
    const std::shared_ptr<const WorkspaceView> view = ws.view();
    const registry::Snapshot& snapshot = view->snapshot();
    const int64_t h = snapshot.Find(household_id);
    if (h < 0) {
      return NotFound("there is no household " + household_id +
                      " in the registry; check the household id");
    }
    village = std::to_string(snapshot.village_code()[h]);
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCaseAct, village));
  cases::Actor actor;
  actor.principal = principal;
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(std::optional<cases::CaseRecord> open, db.OpenCaseOf(household_id));
  XJ_ASSIGN_OR_RETURN(int64_t case_id, cases::TakeLead(db, lead, village, actor, now_utc));
  if (outcome != nullptr) {
    // A case that was open before and took the lead is the one it joined (TakeLead joins the
    // household's open case; a household has at most one).
    *outcome = case_id == 0 ? "episode" : open && open->id == case_id ? "joined" : "opened";
  }
  XJ_RETURN_IF_ERROR(RecordRead(db, principal, "case.lead", household_id,
                                "case:" + std::to_string(case_id) + " " + lead.source));
  return case_id;
}

Result<RegionDeadlines> DeadlineSummary(Workspace& ws, const access::Principal& principal,
                                        const std::string& region, CivilDate today) {
  XJ_ASSIGN_OR_RETURN(SummaryRegion r, ResolveSummaryRegion(ws, principal, region));
  RegionDeadlines out;
  out.region_code = r.code;
  out.region_name = r.name;
  out.region_level = r.level;
  for (auto& [code, name] : r.children) out.by_area.push_back({code, name, {}});
  for (cases::CaseState s : cases::kAllStates) {
    if (!cases::IsTerminal(s)) out.by_state.push_back({std::string(cases::StateCode(s)), 0, 0});
  }
  cases::CaseFilter filter;
  filter.region_prefix = r.code;
  filter.open_only = true;
  XJ_ASSIGN_OR_RETURN(std::vector<cases::CaseRecord> open, ws.database().ListCases(filter));
  LimitsByProvince limits(ws.database());
  for (const cases::CaseRecord& c : open) {
    XJ_ASSIGN_OR_RETURN(cases::WorkflowLimits l, limits.Of(c.village_code));
    const cases::Due due = cases::DueOf(c, l, today);
    if (!due.open) continue;
    for (RegionDeadlines::Area& area : out.by_area) {
      if (c.village_code.starts_with(area.code)) Count(area.counts, c, due, today);
    }
    for (RegionDeadlines::State& s : out.by_state) {
      if (s.state != cases::StateCode(c.state)) continue;
      s.open += 1;
      if (due.overdue_days > 0) s.overdue += 1;
    }
  }
  return out;
}

Result<RegionTimeliness> Timeliness(Workspace& ws, const access::Principal& principal,
                                    const std::string& region, CivilDate from, CivilDate to) {
  XJ_ASSIGN_OR_RETURN(SummaryRegion r, ResolveSummaryRegion(ws, principal, region));
  if (to < from) {
    return InvalidArgument("the period ends (" + to.ToString() + ") before it begins (" +
                           from.ToString() + ")");
  }
  RegionTimeliness out;
  out.region_code = r.code;
  out.region_name = r.name;
  out.region_level = r.level;
  out.from = from;
  out.to = to;
  for (auto& [code, name] : r.children) out.by_area.push_back({code, name, {}});
  cases::CaseFilter filter;
  filter.region_prefix = r.code;
  filter.kind = cases::CaseKind::kIdentification;
  XJ_ASSIGN_OR_RETURN(std::vector<cases::CaseRecord> all, ws.database().ListCases(filter));
  LimitsByProvince limits(ws.database());
  for (const cases::CaseRecord& c : all) {
    XJ_ASSIGN_OR_RETURN(cases::WorkflowLimits l, limits.Of(c.village_code));
    const int overall = l.overall_days;
    auto add = [&](auto&& apply) {
      apply(out.total);
      for (RegionTimeliness::Area& area : out.by_area) {
        if (c.village_code.starts_with(area.code)) apply(area.figures);
      }
    };
    if (c.closed_at.empty()) continue;
    const CivilDate decided = cases::ChinaDateOf(c.closed_at);
    if (decided < from || to < decided) continue;
    if (c.state == cases::CaseState::kRejected) {
      add([](TimelinessFigures& f) { f.rejected += 1; });
    } else if (c.state == cases::CaseState::kMonitored) {
      const int64_t days = decided.ToDays() - c.opened_on.ToDays();
      const bool within = days - c.paused_days <= overall;
      add([&](TimelinessFigures& f) {
        f.approved += 1;
        f.within_limit += within ? 1 : 0;
        f.total_days += days;
        f.max_days = std::max(f.max_days, days);
      });
    }
  }
  return out;
}

}  // namespace xianjie::service
