// Department sources, their uploads and their rows, with the scope rules and masking of
// sources.h.
#include "service/sources.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "access/authorize.h"
#include "base/id_number.h"
#include "cases/case.h"
#include "ingest/quarantine_csv.h"
#include "ingest/text_encoding.h"
#include "service/exchange.h"
#include "service/workspace.h"

namespace xianjie::service {
namespace {

using access::Operation;
using nlohmann::json;

std::string KnownSources() {
  std::string known;
  for (const ingest::SourceContract& c : ingest::BuiltinContracts()) {
    known += (known.empty() ? "" : ", ") + c.name;
  }
  return known;
}

Result<const ingest::SourceContract*> Contract(const std::string& name) {
  const ingest::SourceContract* contract = ingest::FindBuiltinContract(name);
  if (contract == nullptr) {
    return NotFound("no source '" + name + "'; the sources are: " + KnownSources());
  }
  return contract;
}

// What the masking needs to know of a contract: which headers hold ID numbers.
class Masker {
 public:
  Masker(const access::Principal& principal, const ingest::SourceContract* contract)
      : whole_(access::SeesFullIdNumbers(principal.role)), contract_(contract) {}

  bool whole() const { return whole_; }

  // A cell of the file under `column` (the header as written, or a contract column's name).
  std::string Cell(std::string_view column, std::string_view value) const {
    if (whole_) return std::string(value);
    return IsIdColumn(column) ? MaskIdNumber(value) : MaskIdNumbersIn(value);
  }
  std::string Text(std::string_view text) const {
    return whole_ ? std::string(text) : MaskIdNumbersIn(text);
  }
  // A row's key or a warning's person: an ID number for ID-keyed sources.
  std::string Key(std::string_view key) const {
    if (whole_ || contract_ == nullptr || contract_->key != ingest::SourceKey::kIdNumber) {
      return std::string(key);
    }
    return MaskIdNumber(key);
  }
  std::string ValuesJson(const std::string& values_json) const {
    if (whole_) return values_json;
    json values = json::parse(values_json, nullptr, /*allow_exceptions=*/false);
    if (!values.is_object()) return MaskIdNumbersIn(values_json);
    for (auto& [name, value] : values.items()) {
      if (value.is_string()) value = Cell(name, value.get<std::string>());
    }
    return values.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  void Row(registry::QuarantineEntry& q) const {
    q.value = Cell(q.column, q.value);
    q.record = Text(q.record);
    q.message = Text(q.message);
  }

 private:
  static std::string Trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
  }
  bool IsIdColumn(std::string_view column) const {
    if (contract_ == nullptr) return false;
    const std::string c = Trimmed(column);
    for (const ingest::ContractColumn& col : contract_->columns) {
      if (col.type != ingest::ColumnType::kIdNumber) continue;
      if (c == col.name || c == col.header) return true;
      if (std::find(col.aliases.begin(), col.aliases.end(), c) != col.aliases.end()) return true;
    }
    return false;
  }

  bool whole_;
  const ingest::SourceContract* contract_;
};

// The stored report, masked; its issues withheld when the rows are not the principal's.
std::string ReportFor(const Masker& mask, const std::string& report_json, bool rows_visible,
                      std::optional<bool> duplicate = std::nullopt) {
  nlohmann::ordered_json report =
      nlohmann::ordered_json::parse(report_json, nullptr, /*allow_exceptions=*/false);
  if (!report.is_object()) return "null";
  if (duplicate) report["duplicate"] = *duplicate;
  auto& issues = report["issues"];
  if (!rows_visible) {
    issues = nlohmann::ordered_json::array();
    report["issues_withheld"] = true;
  } else if (issues.is_array() && !mask.whole()) {
    for (auto& issue : issues) {
      if (!issue.is_object()) continue;
      const std::string column = issue.value("column", "");
      if (issue.contains("value") && issue["value"].is_string()) {
        issue["value"] = mask.Cell(column, issue["value"].get<std::string>());
      }
      if (issue.contains("message") && issue["message"].is_string()) {
        issue["message"] = mask.Text(issue["message"].get<std::string>());
      }
    }
  }
  return report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void MaskWarnings(const Masker& mask, std::vector<exchange::DeptWarning>& warnings) {
  for (exchange::DeptWarning& w : warnings) w.person_key = mask.Key(w.person_key);
}

std::string Quoted(const std::string& s) { return json(s).dump(); }

// The upload after the role check of `op`, if the principal sees it; with `rows`, only if the
// principal may read its rows.
Result<exchange::UploadRecord> ReadableUpload(Workspace& ws, const access::Principal& principal,
                                              Operation op, int64_t upload_id, bool rows) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, op, ""));
  XJ_ASSIGN_OR_RETURN(std::optional<exchange::UploadRecord> found,
                      ws.database().GetUpload(upload_id));
  if (!found) return NotFound("no upload " + std::to_string(upload_id));
  const std::string region = found->region_code.empty() ? "the whole registry" : found->region_code;
  if (!UploadVisibleTo(principal, *found) || (rows && !UploadRowsVisibleTo(principal, *found))) {
    return PermissionDenied("user '" + principal.username + "' may not read the rows of upload " +
                            std::to_string(upload_id) + ": it was made for " + region +
                            ", which your scope " + principal.scope + " does not contain");
  }
  return std::move(*found);
}

}  // namespace

std::string SourceContractJson(const ingest::SourceContract& c) {
  const std::optional<int> late = LateAfterDays(c.frequency);
  json columns = json::array();
  for (const ingest::ContractColumn& col : c.columns) {
    json values = json::array();
    for (const ingest::EnumValue& v : col.values) {
      values.push_back({{"label", v.label}, {"value", v.value}});
    }
    columns.push_back({{"name", col.name},
                       {"header", col.header},
                       {"aliases", col.aliases},
                       {"type", ingest::ColumnTypeName(col.type)},
                       {"required", col.required},
                       {"values", std::move(values)}});
  }
  json facts = json::array();
  for (const ingest::ContractFact& f : c.facts) {
    facts.push_back({{"name", f.name}, {"aggregate", f.aggregate}});
  }
  json warnings = json::array();
  for (const ingest::ContractWarning& w : c.warnings) {
    warnings.push_back(
        {{"when", w.when}, {"type", w.type}, {"risks", w.risks}, {"message", w.message}});
  }
  json updates = json::array();
  for (const ingest::ContractUpdate& u : c.updates) {
    updates.push_back({{"field", u.field},
                       {"value", u.value.empty() ? json(nullptr) : json(u.value)},
                       {"column", u.column.empty() ? json(nullptr) : json(u.column)}});
  }
  const json out = {{"name", c.name},
                    {"title", c.title},
                    {"department", c.department},
                    {"frequency", ingest::SourceFrequencyName(c.frequency)},
                    {"key", ingest::SourceKeyName(c.key)},
                    {"key_column", c.KeyColumn().name},
                    {"period", c.period},
                    {"event_date", c.event_date},
                    {"origin", c.origin},
                    {"late_after_days", late ? json(*late) : json(nullptr)},
                    {"columns", std::move(columns)},
                    {"facts", std::move(facts)},
                    {"warnings", std::move(warnings)},
                    {"updates", std::move(updates)}};
  return out.dump();
}

std::string_view SourceHealthName(SourceHealth health) {
  switch (health) {
    case SourceHealth::kOk:
      return "ok";
    case SourceHealth::kLate:
      return "late";
    case SourceHealth::kNever:
      return "never";
  }
  return "never";
}

std::optional<int> LateAfterDays(ingest::SourceFrequency frequency) {
  switch (frequency) {
    case ingest::SourceFrequency::kDaily:
      return 2;
    case ingest::SourceFrequency::kWeekly:
      return 9;
    case ingest::SourceFrequency::kMonthly:
      return 35;
    case ingest::SourceFrequency::kQuarterly:
      return 100;
    case ingest::SourceFrequency::kYearly:
      return 380;
    case ingest::SourceFrequency::kOnEvent:
      return std::nullopt;
  }
  return std::nullopt;
}

bool UploadVisibleTo(const access::Principal& principal, const exchange::UploadRecord& upload) {
  const std::string& scope = principal.scope;
  const std::string& region = upload.region_code;
  return region.compare(0, scope.size(), scope) == 0 ||
         scope.compare(0, region.size(), region) == 0;
}

bool UploadRowsVisibleTo(const access::Principal& principal, const exchange::UploadRecord& upload) {
  // "" is the whole registry: a province's scope (two digits) or wider contains it.
  if (upload.region_code.empty()) return principal.scope.size() <= 2;
  return upload.region_code.compare(0, principal.scope.size(), principal.scope) == 0;
}

Result<std::vector<SourceSummary>> ListSources(Workspace& ws, const access::Principal& principal) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kSourceRead, ""));
  XJ_ASSIGN_OR_RETURN(std::vector<exchange::UploadRecord> uploads,
                      ws.database().ListUploads(exchange::UploadFilter{}));
  const int32_t today = cases::ChinaDateOf(ws.Now()).ToDays();
  std::vector<SourceSummary> out;
  for (const ingest::SourceContract& contract : ingest::BuiltinContracts()) {
    SourceSummary s;
    s.contract = &contract;
    for (const exchange::UploadRecord& u : uploads) {  // newest first
      if (u.source != contract.name || !UploadVisibleTo(principal, u)) continue;
      if (s.uploads++ == 0) {
        s.last = u;
        s.last->report_json.clear();
      }
    }
    if (s.last) {
      s.days_since_last = today - cases::ChinaDateOf(s.last->uploaded_at).ToDays();
      const std::optional<int> allowed = LateAfterDays(contract.frequency);
      s.health = allowed && *s.days_since_last > *allowed ? SourceHealth::kLate : SourceHealth::kOk;
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<const ingest::SourceContract*> GetSource(Workspace&, const access::Principal& principal,
                                                const std::string& name) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kSourceRead, ""));
  return Contract(name);
}

Result<UploadOutcome> UploadSource(Workspace& ws, const access::Principal& principal,
                                   const SourceUpload& upload) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kSourceUpload, principal.scope));
  XJ_ASSIGN_OR_RETURN(const ingest::SourceContract* contract, Contract(upload.source));
  auto encoding = ingest::ParseTextEncoding(upload.encoding.empty() ? "auto" : upload.encoding);
  if (!encoding.ok()) return InvalidArgument("encoding: " + encoding.status().message());
  DepartmentFile file;
  file.source = upload.source;
  file.file_name = upload.file_name.empty() ? "upload" : upload.file_name;
  file.content = upload.content;
  file.encoding = *encoding;
  file.sheet = upload.sheet;

  UploadOutcome out;
  XJ_ASSIGN_OR_RETURN(out.report,
                      UploadDepartmentFile(ws, principal.username, principal.scope, file));
  const Masker mask(principal, contract);
  const exchange::UploadRecord& up = out.report.upload;
  if (out.report.duplicate) {
    // The first upload's report as stored (its leads were taken when it was made).
    out.report_json = ReportFor(mask, up.report_json, /*rows_visible=*/true, /*duplicate=*/true);
  } else {
    out.report_json = ReportFor(mask, out.report.ToJson(), /*rows_visible=*/true);
    out.new_warnings = out.report.new_warnings;
    MaskWarnings(mask, out.new_warnings);
  }
  const std::string detail = "{\"source\":" + Quoted(up.source) +
                             ",\"upload_id\":" + std::to_string(up.id) +
                             ",\"file\":" + Quoted(file.file_name) +
                             ",\"duplicate\":" + (out.report.duplicate ? "true" : "false") + "}";
  auto entry = ws.database().Append(principal.username, "source.upload",
                                    "upload:" + std::to_string(up.id), detail);
  if (!entry.ok()) {
    return IoError("the file was uploaded (upload " + std::to_string(up.id) +
                   ") but the audit log could not record it (" + entry.status().message() +
                   "); tell the administrator");
  }
  return out;
}

Result<Page<exchange::UploadRecord>> ListUploads(Workspace& ws, const access::Principal& principal,
                                                 const UploadQuery& query) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kSourceRead, ""));
  XJ_RETURN_IF_ERROR(CheckPaging(query.offset, query.limit));
  if (!query.source.empty()) {
    XJ_ASSIGN_OR_RETURN(const ingest::SourceContract* contract, Contract(query.source));
    (void)contract;
  }
  exchange::UploadFilter filter;
  filter.source = query.source;
  XJ_ASSIGN_OR_RETURN(std::vector<exchange::UploadRecord> all, ws.database().ListUploads(filter));
  Page<exchange::UploadRecord> page;
  page.offset = query.offset;
  page.limit = query.limit;
  for (exchange::UploadRecord& u : all) {
    if (!UploadVisibleTo(principal, u)) continue;
    if (page.total >= query.offset && page.total < query.offset + query.limit) {
      u.report_json.clear();
      page.items.push_back(std::move(u));
    }
    ++page.total;
  }
  return page;
}

Result<UploadDetail> GetUpload(Workspace& ws, const access::Principal& principal,
                               int64_t upload_id) {
  XJ_ASSIGN_OR_RETURN(exchange::UploadRecord up,
                      ReadableUpload(ws, principal, Operation::kSourceRead, upload_id, false));
  const Masker mask(principal, ingest::FindBuiltinContract(up.source));
  UploadDetail out;
  out.rows_visible = UploadRowsVisibleTo(principal, up);
  out.report_json = ReportFor(mask, up.report_json, out.rows_visible);
  up.report_json.clear();
  out.record = std::move(up);
  XJ_ASSIGN_OR_RETURN(out.warnings, ws.database().Warnings(upload_id));
  std::map<std::string, std::vector<cases::Lead>> leads_of;  // by household
  for (const exchange::DeptWarning& w : out.warnings) {
    auto found = leads_of.find(w.household_id);
    if (found == leads_of.end()) {
      XJ_ASSIGN_OR_RETURN(std::vector<cases::Lead> leads, ws.database().LeadsOf(w.household_id));
      found = leads_of.emplace(w.household_id, std::move(leads)).first;
    }
    const std::string source = "dept:" + w.source + ":" + w.period;
    auto lead = std::find_if(found->second.begin(), found->second.end(),
                             [&](const cases::Lead& l) { return l.source == source; });
    out.leads.push_back(lead == found->second.end() ? std::nullopt
                                                    : std::optional<cases::Lead>(*lead));
  }
  MaskWarnings(mask, out.warnings);
  XJ_RETURN_IF_ERROR(
      RecordRead(ws.database(), principal, "upload.read", "upload:" + std::to_string(upload_id)));
  return out;
}

Result<std::vector<registry::QuarantineEntry>> UploadQuarantine(Workspace& ws,
                                                                const access::Principal& principal,
                                                                int64_t upload_id) {
  XJ_ASSIGN_OR_RETURN(exchange::UploadRecord up,
                      ReadableUpload(ws, principal, Operation::kSourceRead, upload_id, true));
  XJ_ASSIGN_OR_RETURN(std::vector<registry::QuarantineEntry> rows,
                      ws.database().Quarantine(up.batch_id));
  const Masker mask(principal, ingest::FindBuiltinContract(up.source));
  for (registry::QuarantineEntry& q : rows) mask.Row(q);
  XJ_RETURN_IF_ERROR(RecordRead(ws.database(), principal, "quarantine.download",
                                "upload:" + std::to_string(upload_id),
                                "{\"rows\":" + std::to_string(rows.size()) + "}"));
  return rows;
}

Result<std::string> UploadQuarantineCsv(Workspace& ws, const access::Principal& principal,
                                        int64_t upload_id) {
  XJ_ASSIGN_OR_RETURN(std::vector<registry::QuarantineEntry> rows,
                      UploadQuarantine(ws, principal, upload_id));
  std::ostringstream out;
  ingest::WriteQuarantineCsv(rows, out);
  return out.str();
}

Result<std::vector<exchange::DeptRow>> UploadUnmatched(Workspace& ws,
                                                       const access::Principal& principal,
                                                       int64_t upload_id) {
  XJ_ASSIGN_OR_RETURN(exchange::UploadRecord up,
                      ReadableUpload(ws, principal, Operation::kSourceRead, upload_id, true));
  XJ_ASSIGN_OR_RETURN(std::vector<exchange::DeptRow> rows,
                      ws.database().UploadRows(upload_id, /*unmatched_only=*/true));
  const Masker mask(principal, ingest::FindBuiltinContract(up.source));
  for (exchange::DeptRow& r : rows) {
    r.key = mask.Key(r.key);
    if (!mask.whole() && !r.id_number.empty()) r.id_number = MaskIdNumber(r.id_number);
    r.values_json = mask.ValuesJson(r.values_json);
  }
  XJ_RETURN_IF_ERROR(RecordRead(ws.database(), principal, "upload.unmatched",
                                "upload:" + std::to_string(upload_id),
                                "{\"rows\":" + std::to_string(rows.size()) + "}"));
  return rows;
}

Result<UploadedFile> UploadOriginal(Workspace& ws, const access::Principal& principal,
                                    int64_t upload_id) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kSourceRead, ""));
  XJ_ASSIGN_OR_RETURN(exchange::UploadRecord up,
                      ReadableUpload(ws, principal, Operation::kImportRead, upload_id, true));
  XJ_ASSIGN_OR_RETURN(std::optional<std::string> content, ws.database().FileContent(up.sha256));
  if (!content) {
    return NotFound("the file of upload " + std::to_string(upload_id) + " is not stored");
  }
  XJ_RETURN_IF_ERROR(
      RecordRead(ws.database(), principal, "source.file", "upload:" + std::to_string(upload_id),
                 "{\"source\":" + Quoted(up.source) + ",\"file\":" + Quoted(up.file_name) + "}"));
  return UploadedFile{up.file_name, up.format, std::move(*content)};
}

}  // namespace xianjie::service
