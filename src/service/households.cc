// Household search, file, history and explanation, with the scope checks and audit records.
#include "service/households.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "access/authorize.h"
#include "base/id_number.h"
#include "ingest/csv_reader.h"
#include "registry/codes.h"
#include "rules/screening.h"
#include "rules/standard_toml.h"

namespace xianjie::service {
namespace {

using access::Operation;

// The current version of a household, after the role and scope checks (see households.h).
Result<registry::HouseholdVersion> ReadableHousehold(Workspace& ws,
                                                     const access::Principal& principal,
                                                     const std::string& household_id) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kHouseholdRead, ""));
  const std::string ids[] = {household_id};
  XJ_ASSIGN_OR_RETURN(std::vector<registry::HouseholdVersion> found,
                      ws.database().GetCurrent(ids));
  if (found.empty()) {
    return NotFound("household '" + household_id + "' is not in the registry; check the id");
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kHouseholdRead,
                                       found.front().record.household.village_code.ToString()));
  return std::move(found.front());
}

// The index query of a search after the role and scope checks of `op`: the village, else the
// region, else the principal's scope must lie inside the scope. No paging.
Result<registry::HouseholdQuery> ScopedQuery(const access::Principal& principal, Operation op,
                                             const HouseholdSearch& search) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, ""));
  std::string prefix = principal.scope;
  if (!search.village.empty()) {
    XJ_RETURN_IF_ERROR(CheckRegionCode("village", search.village, /*village_only=*/true));
    prefix = search.village;
  } else if (!search.region.empty()) {
    XJ_RETURN_IF_ERROR(CheckRegionCode("region", search.region));
    prefix = search.region;
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, prefix));
  if (!search.id_number.empty() && search.id_number.size() != 18) {
    return InvalidArgument("id_number must be a whole ID number of 18 characters; got " +
                           std::to_string(search.id_number.size()) + " characters");
  }
  registry::HouseholdQuery query;
  query.region_prefix = prefix;
  query.name_prefix = search.name;
  query.id_number = search.id_number;
  query.household_id_prefix = search.household_id;
  return query;
}

std::vector<std::string> SplitPath(const std::string& full) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= full.size() && !full.empty()) {
    const size_t sep = full.find(" / ", start);
    out.push_back(full.substr(start, sep == std::string::npos ? std::string::npos : sep - start));
    if (sep == std::string::npos) break;
    start = sep + 3;
  }
  return out;
}

}  // namespace

Result<int> ScreeningYear(Workspace& ws, const WorkspaceView& view, const std::string& province) {
  if (const RunDigest* latest = view.LatestFor(province)) return latest->run.year;
  int year = 0;
  for (const rules::Standard& s : rules::BuiltinStandards()) {
    if (s.province == province) year = std::max(year, s.year);
  }
  XJ_ASSIGN_OR_RETURN(std::vector<rules::StandardLoad> loads, ws.database().ListLoads());
  for (const rules::StandardLoad& l : loads) {
    if (l.province == province) year = std::max(year, l.year);
  }
  if (year == 0) return NotFound("no monitoring standard exists for province " + province);
  return year;
}

Result<Page<HouseholdSummary>> SearchHouseholds(Workspace& ws, const access::Principal& principal,
                                                const HouseholdSearch& search) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kHouseholdList, ""));
  XJ_RETURN_IF_ERROR(CheckPaging(search.offset, search.limit));
  XJ_ASSIGN_OR_RETURN(registry::HouseholdQuery query,
                      ScopedQuery(principal, Operation::kHouseholdList, search));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  query.offset = search.offset;
  query.limit = search.limit;
  const registry::HouseholdPage found = view->index->Search(query);

  Page<HouseholdSummary> page;
  page.total = found.total;
  page.offset = search.offset;
  page.limit = search.limit;
  const registry::Snapshot& s = view->snapshot();
  for (const uint32_t h : found.rows) {
    HouseholdSummary item;
    item.household_id = std::string(s.household_id(h));
    item.village_code = std::to_string(s.village_code()[h]);
    item.village_name = view->RegionName(item.village_code);
    const uint32_t first = s.member_begin()[h];
    item.members = s.member_begin()[h + 1] - first;
    if (item.members > 0) {
      item.head_name = std::string(s.member_name(first));
      item.head_id_number = ShownIdNumber(principal, UnpackIdNumber(s.member_id_number()[first]));
    }
    item.counted_members = s.counted_members()[h];
    if (item.counted_members > 0) {
      item.per_capita =
          Money::FromFen(rules::PerCapitaFen(s.net_income()[h], s.counted_members()[h]));
    }
    item.status = std::string(
        registry::CodeOf(static_cast<registry::HouseholdStatus>(s.status()[h])));
    if (const RunDigest* latest = view->LatestFor(item.village_code)) {
      if (const rules::HouseholdResult* r = latest->Find(item.household_id)) {
        item.flagged = true;
        item.proposed_type = r->proposed_type;
      }
    }
    page.items.push_back(std::move(item));
  }
  return page;
}

namespace {

constexpr std::string_view kExportHeader =
    "household_id,village_code,village_name,name,id_number,relation,sex,birth_date,"
    "per_capita_net_income\n";

// A name as a spreadsheet cell: text that starts like a formula gets a leading apostrophe.
void AppendNameField(std::string& out, std::string_view name) {
  if (!name.empty() && std::string_view("=+-@").find(name.front()) != std::string_view::npos) {
    ingest::AppendCsvField(out, "'" + std::string(name));
  } else {
    ingest::AppendCsvField(out, name);
  }
}

// The member rows of snapshot household h.
int64_t AppendExportRows(const WorkspaceView& view, const access::Principal& principal, uint32_t h,
                         std::string& out) {
  const registry::Snapshot& s = view.snapshot();
  const std::string household_id(s.household_id(h));
  const std::string village = std::to_string(s.village_code()[h]);
  const std::string village_name = view.RegionName(village);
  std::string per_capita;
  if (s.counted_members()[h] > 0) {
    per_capita = Money::FromFen(rules::PerCapitaFen(s.net_income()[h], s.counted_members()[h]))
                     .ToYuanCentsString();
  }
  const uint32_t begin = s.member_begin()[h], end = s.member_begin()[h + 1];
  for (uint32_t m = begin; m < end; ++m) {
    ingest::AppendCsvField(out, household_id);
    out += ',';
    out += village;
    out += ',';
    ingest::AppendCsvField(out, village_name);
    out += ',';
    AppendNameField(out, s.member_name(m));
    out += ',';
    out += ShownIdNumber(principal, UnpackIdNumber(s.member_id_number()[m]));
    out += ',';
    out += registry::CodeOf(static_cast<registry::Relation>(s.member_relation()[m]));
    out += ',';
    out += registry::CodeOf(static_cast<registry::Sex>(s.member_sex()[m]));
    out += ',';
    const int32_t ymd = s.member_birth_ymd()[m];
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
    out += date;
    out += ',';
    out += per_capita;
    out += '\n';
  }
  return end - begin;
}

}  // namespace

Result<HouseholdExport> ExportHouseholds(Workspace& ws, const access::Principal& principal,
                                         const HouseholdSearch& search) {
  XJ_ASSIGN_OR_RETURN(registry::HouseholdQuery query,
                      ScopedQuery(principal, Operation::kExport, search));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  HouseholdExport out;
  out.region = query.region_prefix;
  out.csv = "\xEF\xBB\xBF";
  out.csv += kExportHeader;
  // The index pages at most kMaxPageLimit households at a time; walk every page of the matches.
  query.limit = kMaxPageLimit;
  for (query.offset = 0;; query.offset += kMaxPageLimit) {
    const registry::HouseholdPage page = view->index->Search(query);
    for (const uint32_t h : page.rows) {
      out.rows += AppendExportRows(*view, principal, h, out.csv);
      ++out.households;
    }
    if (page.rows.empty() || query.offset + kMaxPageLimit >= page.total) break;
  }
  const bool masked = !access::SeesFullIdNumbers(principal.role);
  const nlohmann::json detail = {
      {"query",
       {{"village", search.village},
        {"region", search.region},
        {"name", search.name},
        {"id_number", search.id_number.empty() ? "" : MaskIdNumber(search.id_number)},
        {"household_id", search.household_id}}},
      {"households", out.households},
      {"rows", out.rows},
      {"mask_ids", masked}};
  XJ_RETURN_IF_ERROR(RecordRead(ws.database(), principal, "export", out.region, detail.dump()));
  return out;
}

Result<HouseholdFile> GetHouseholdFile(Workspace& ws, const access::Principal& principal,
                                       const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(registry::HouseholdVersion current,
                      ReadableHousehold(ws, principal, household_id));
  XJ_RETURN_IF_ERROR(RecordRead(ws.database(), principal, "household.read", household_id));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  HouseholdFile file;
  XJ_ASSIGN_OR_RETURN(std::optional<registry::BatchInfo> batch,
                      ws.database().GetBatch(current.batch_id));
  if (batch) file.updated_at = batch->finished_at;
  const RegionCode village = current.record.household.village_code;
  file.village_name = view->RegionName(village.ToString());
  file.village_path = SplitPath(view->regions->FullName(village));
  file.today = CivilDate::Today();
  for (registry::Member& m : current.record.members) {
    m.id_number = ShownIdNumber(principal, m.id_number);
  }
  const std::string code = village.ToString();
  if (auto year = ScreeningYear(ws, *view, code.substr(0, 2)); year.ok()) {
    auto standard = ws.StandardFor(code.substr(0, 2), code.substr(0, 6), *year);
    if (standard.ok()) file.line = (*standard)->standard.line;
  }
  XJ_ASSIGN_OR_RETURN(std::vector<rules::HouseholdResult> results,
                      ws.database().HouseholdResults(household_id));
  for (rules::HouseholdResult& r : results) {
    HouseholdScreening entry;
    auto run = std::lower_bound(
        view->runs.begin(), view->runs.end(), r.run_id,
        [](const rules::ScreeningRun& x, int64_t id) { return x.run_id < id; });
    if (run != view->runs.end() && run->run_id == r.run_id) entry.started_at = run->started_at;
    entry.result = std::move(r);
    file.screening.push_back(std::move(entry));
  }
  file.current = std::move(current);
  return file;
}

Result<std::vector<HouseholdHistoryEntry>> GetHouseholdHistory(
    Workspace& ws, const access::Principal& principal, const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(registry::HouseholdVersion current,
                      ReadableHousehold(ws, principal, household_id));
  XJ_ASSIGN_OR_RETURN(std::vector<registry::HouseholdVersion> versions,
                      ws.database().History(household_id));
  XJ_RETURN_IF_ERROR(RecordRead(ws.database(), principal, "household.history", household_id));
  std::vector<HouseholdHistoryEntry> out;
  const registry::HouseholdRecord* previous = nullptr;
  for (const registry::HouseholdVersion& v : versions) {
    HouseholdHistoryEntry e;
    e.version = v.version;
    e.batch_id = v.batch_id;
    XJ_ASSIGN_OR_RETURN(std::optional<registry::BatchInfo> batch,
                        ws.database().GetBatch(v.batch_id));
    if (batch) {
      e.source = batch->source;
      e.user = batch->user;
      e.committed_at = batch->finished_at;
    }
    if (previous != nullptr) e.changes = registry::DiffRecords(*previous, v.record);
    previous = &v.record;
    out.push_back(std::move(e));
  }
  return out;
}

Result<HouseholdExplanationView> ExplainHousehold(Workspace& ws,
                                                  const access::Principal& principal,
                                                  const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(registry::HouseholdVersion current,
                      ReadableHousehold(ws, principal, household_id));
  const std::string code = current.record.household.village_code.ToString();
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  XJ_ASSIGN_OR_RETURN(const int year, ScreeningYear(ws, *view, code.substr(0, 2)));
  XJ_ASSIGN_OR_RETURN(std::shared_ptr<const ResolvedStandard> standard,
                      ws.StandardFor(code.substr(0, 2), code.substr(0, 6), year));
  XJ_RETURN_IF_ERROR(RecordRead(ws.database(), principal, "household.explain", household_id,
                                "{\"standard\":\"" + standard->standard.content_hash + "\"}"));
  registry::SnapshotBuilder builder;
  XJ_RETURN_IF_ERROR(builder.Add(current.record));
  const std::shared_ptr<const registry::Snapshot> one = builder.Finish();
  // The household as stored now, with its members' department facts from the view.
  const std::shared_ptr<const rules::FactColumns> facts = view->FactsFor(*one);
  HouseholdExplanationView out;
  out.standard = standard->standard;
  out.explanation = rules::Explain(*one, 0, *standard->compiled, facts.get());
  return out;
}

}  // namespace xianjie::service
