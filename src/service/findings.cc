// Findings through the service: the checks over the workspace, the worklist by region with its
// masking, counts by state, and resolutions.
#include "service/findings.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "access/authorize.h"
#include "assist/coordination.h"
#include "base/id_number.h"
#include "cases/case.h"
#include "exchange/checks.h"
#include "exchange/fact_table.h"
#include "ingest/source_contract.h"

namespace xianjie::service {
namespace {

using access::Operation;

constexpr size_t kMaxNoteCharacters = 500;

size_t Utf8Characters(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// The region a principal's request is about: the query's, else the scope.
Result<std::string> RegionOf(const access::Principal& principal, const std::string& region) {
  if (region.empty()) return principal.scope;
  XJ_RETURN_IF_ERROR(CheckRegionCode("region", region));
  return region;
}

FindingItem ItemOf(const WorkspaceView& view, exchange::Finding f, bool full_ids) {
  FindingItem item;
  if (!full_ids) {
    f.detail = MaskIdNumbersIn(f.detail);
    f.evidence_key = MaskIdNumbersIn(f.evidence_key);
  }
  if (const exchange::CheckDefinition* c = exchange::BuiltinChecks().Find(f.check)) {
    item.title_zh = c->title_zh;
    item.title_en = c->title_en;
  } else if (const assist::CoordinationCheck* cc = assist::BuiltinCoordination().Find(f.check)) {
    item.title_zh = cc->title_zh;
    item.title_en = cc->title_en;
  }
  item.village_name = view.RegionName(f.village_code);
  item.head_name = view.HeadName(f.household_id);
  if (const ingest::SourceContract* c = ingest::FindBuiltinContract(f.source)) {
    item.source_title = c->title;
  }
  item.finding = std::move(f);
  return item;
}

bool IsCoordination(const exchange::Finding& f) { return f.check.starts_with("C"); }

Result<exchange::FindingState> ResolutionState(std::string_view state) {
  const std::optional<exchange::FindingState> s = exchange::ParseFindingState(state);
  if (!s || *s == exchange::FindingState::kOpen || *s == exchange::FindingState::kJustified) {
    return InvalidArgument(
        "state must be corrected (the data was wrong and has been corrected) "
        "or confirmed (the suspicion is real); got '" +
        std::string(state) + "'");
  }
  return *s;
}

Status CheckNote(std::string_view note) {
  if (note.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidArgument("a note is required: say what was checked and what was done");
  }
  if (Utf8Characters(note) > kMaxNoteCharacters) {
    return InvalidArgument("the note has " + std::to_string(Utf8Characters(note)) +
                           " characters; at most " + std::to_string(kMaxNoteCharacters));
  }
  return Status::Ok();
}

Result<exchange::Finding> Existing(store::Database& db, int64_t finding_id) {
  XJ_ASSIGN_OR_RETURN(std::optional<exchange::Finding> f, db.GetFinding(finding_id));
  if (!f) return NotFound("no finding " + std::to_string(finding_id));
  return *f;
}

// Resolves a finding as `to` after the caller's authorization for `operation` on its village
// (`principal` null for the operator): a data finding as corrected or confirmed, a coordination
// finding as justified.
Result<FindingItem> Resolve(Workspace& ws, const access::Principal* principal,
                            const std::string& user, int64_t finding_id, exchange::FindingState to,
                            std::string_view note, Operation operation) {
  XJ_RETURN_IF_ERROR(CheckNote(note));
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(exchange::Finding f, Existing(db, finding_id));
  if (principal != nullptr) {
    XJ_RETURN_IF_ERROR(access::Authorize(*principal, operation, f.village_code));
  }
  const bool justify = to == exchange::FindingState::kJustified;
  if (IsCoordination(f) && !justify) {
    return FailedPrecondition("finding " + std::to_string(finding_id) + " is coordination check " +
                              f.check +
                              "'s: it closes by itself when the plan is fixed (add the measure it "
                              "asks for), or the county justifies it");
  }
  if (!IsCoordination(f) && justify) {
    return FailedPrecondition("finding " + std::to_string(finding_id) + " is data check " +
                              f.check +
                              "'s: the village or township resolves it as corrected or confirmed; "
                              "only the coordination checks C01–C11 are justified");
  }
  if (f.state != exchange::FindingState::kOpen) {
    return FailedPrecondition("finding " + std::to_string(finding_id) + " was resolved as " +
                              std::string(exchange::FindingStateName(f.state)) + " by " +
                              f.resolved_by + " at " + f.resolved_at +
                              "; a resolved finding stays resolved");
  }
  const nlohmann::json detail = {{"state", exchange::FindingStateName(to)},
                                 {"note", std::string(note)},
                                 {"check", f.check},
                                 {"household_id", f.household_id}};
  auto audited = db.Append(user, justify ? "plan.justify" : "finding.resolve",
                           "finding:" + std::to_string(finding_id), detail.dump());
  if (!audited.ok()) {
    return IoError("the resolution is refused because it cannot be recorded in the audit log (" +
                   audited.status().message() + "); try again, or tell the administrator");
  }
  XJ_RETURN_IF_ERROR(db.ResolveFinding(finding_id, to, user, note, ws.Now()));
  XJ_ASSIGN_OR_RETURN(f, Existing(db, finding_id));
  const bool full = principal == nullptr || access::SeesFullIdNumbers(principal->role);
  return ItemOf(*ws.view(), std::move(f), full);
}

}  // namespace

Result<exchange::CheckRunReport> RunWorkspaceChecks(Workspace& ws, const std::string& region_prefix,
                                                    int64_t upload_id) {
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  store::Database& db = ws.database();
  exchange::CheckScope scope;
  scope.region_prefix = region_prefix;
  if (upload_id != 0) {
    XJ_ASSIGN_OR_RETURN(scope.rows, exchange::RowsOfUpload(db, view->snapshot(), upload_id));
  }
  const std::string now = ws.Now();
  exchange::CheckContext context{*view->index,
                                 view->facts.get(),
                                 exchange::BuiltinFactCatalog(),
                                 db,
                                 db,
                                 cases::ChinaDateOf(now),
                                 now,
                                 ws.options().screening_threads};
  return exchange::RunChecks(exchange::BuiltinChecks(), context, scope);
}

Result<ChecksRun> RunChecks(Workspace& ws, const access::Principal& principal,
                            const std::string& region) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCheckRun, ""));
  XJ_ASSIGN_OR_RETURN(const std::string code, RegionOf(principal, region));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kCheckRun, code));
  XJ_RETURN_IF_ERROR(ws.Refresh());
  ChecksRun run;
  XJ_ASSIGN_OR_RETURN(run.data, RunWorkspaceChecks(ws, code));
  XJ_ASSIGN_OR_RETURN(run.coordination, SweepCoordination(ws, code));
  nlohmann::json detail = nlohmann::json::parse(run.data.ToJson());
  detail["coordination"] = {{"households", run.coordination.households},
                            {"opened", run.coordination.opened},
                            {"closed", run.coordination.closed}};
  XJ_RETURN_IF_ERROR(
      RecordRead(ws.database(), principal, "check.run", "region:" + code, detail.dump()));
  return run;
}

Result<const exchange::CheckSet*> ListChecks(const access::Principal& principal) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kFindingRead, ""));
  return &exchange::BuiltinChecks();
}

Result<Page<FindingItem>> ListFindings(Workspace& ws, const access::Principal& principal,
                                       const FindingQuery& query) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kFindingRead, ""));
  XJ_ASSIGN_OR_RETURN(const std::string code, RegionOf(principal, query.region));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kFindingRead, code));
  XJ_RETURN_IF_ERROR(CheckPaging(query.offset, query.limit));
  exchange::FindingFilter filter;
  filter.region_prefix = code;
  filter.check = query.check;
  filter.household_id = query.household_id;
  if (query.kind == "data") {
    filter.check_prefix = "Q";
  } else if (query.kind == "coordination") {
    filter.check_prefix = "C";
  } else if (!query.kind.empty()) {
    return InvalidArgument("kind must be data (the cross-checks Q…) or coordination (the plans' "
                           "checks C01–C11); got '" + query.kind + "'");
  }
  if (!query.state.empty()) {
    filter.state = exchange::ParseFindingState(query.state);
    if (!filter.state) {
      return InvalidArgument("state must be open, corrected, confirmed or justified; got '" +
                             query.state + "'");
    }
  }
  store::Database& db = ws.database();
  Page<FindingItem> page;
  XJ_ASSIGN_OR_RETURN(page.total, db.CountFindings(filter));
  filter.offset = query.offset;
  filter.limit = query.limit;
  XJ_ASSIGN_OR_RETURN(std::vector<exchange::Finding> findings, db.ListFindings(filter));
  page.offset = query.offset;
  page.limit = query.limit;
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  const bool full = access::SeesFullIdNumbers(principal.role);
  for (exchange::Finding& f : findings) page.items.push_back(ItemOf(*view, std::move(f), full));
  return page;
}

Result<FindingCounts> CountFindings(Workspace& ws, const access::Principal& principal,
                                    const std::string& region) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kFindingRead, ""));
  XJ_ASSIGN_OR_RETURN(const std::string code, RegionOf(principal, region));
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kFindingRead, code));
  exchange::FindingFilter filter;
  filter.region_prefix = code;
  FindingCounts counts;
  store::Database& db = ws.database();
  const std::pair<exchange::FindingState, int64_t*> states[] = {
      {exchange::FindingState::kOpen, &counts.open},
      {exchange::FindingState::kCorrected, &counts.corrected},
      {exchange::FindingState::kConfirmed, &counts.confirmed},
      {exchange::FindingState::kJustified, &counts.justified}};
  for (const auto& [state, out] : states) {
    filter.state = state;
    XJ_ASSIGN_OR_RETURN(*out, db.CountFindings(filter));
  }
  return counts;
}

Result<std::vector<FindingItem>> CoordinationFindingsOf(Workspace& ws,
                                                        const access::Principal& principal,
                                                        const std::string& household_id) {
  exchange::FindingFilter filter;
  filter.household_id = household_id;
  filter.check_prefix = "C";
  XJ_ASSIGN_OR_RETURN(std::vector<exchange::Finding> findings, ws.database().ListFindings(filter));
  std::sort(findings.begin(), findings.end(),
            [](const exchange::Finding& a, const exchange::Finding& b) { return a.id < b.id; });
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  const bool full = access::SeesFullIdNumbers(principal.role);
  std::vector<FindingItem> out;
  for (exchange::Finding& f : findings) {
    if (f.state != exchange::FindingState::kOpen && f.state != exchange::FindingState::kJustified) {
      continue;
    }
    out.push_back(ItemOf(*view, std::move(f), full));
  }
  return out;
}

Result<FindingItem> ResolveFinding(Workspace& ws, const access::Principal& principal,
                                   int64_t finding_id, std::string_view state,
                                   std::string_view note) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kFindingResolve, ""));
  XJ_ASSIGN_OR_RETURN(const exchange::FindingState to, ResolutionState(state));
  return Resolve(ws, &principal, principal.username, finding_id, to, note,
                 Operation::kFindingResolve);
}

Result<FindingItem> JustifyFinding(Workspace& ws, const access::Principal& principal,
                                   int64_t finding_id, std::string_view note) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kPlanJustify, ""));
  return Resolve(ws, &principal, principal.username, finding_id,
                 exchange::FindingState::kJustified, note, Operation::kPlanJustify);
}

Result<FindingItem> ResolveFindingAs(Workspace& ws, const std::string& user, int64_t finding_id,
                                     std::string_view state, std::string_view note) {
  XJ_ASSIGN_OR_RETURN(const exchange::FindingState to, ResolutionState(state));
  return Resolve(ws, nullptr, user, finding_id, to, note, Operation::kFindingResolve);
}

}  // namespace xianjie::service
