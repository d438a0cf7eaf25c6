#include "exchange/upload.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "access/audit.h"
#include "exchange/registry_updates.h"
#include "ingest/source_rows.h"
#include "ingest/source_table.h"

namespace xianjie::exchange {
namespace {

constexpr size_t kMaxReportedIssues = 50;
// Up to this many households, the facts stored before are read household by household; above,
// in one pass over the source's rows.
constexpr size_t kHouseholdsReadOneByOne = 2000;

// An accepted, matched row with where its person is in the snapshot.
struct Matched {
  size_t row;  // index into the upload's rows
  uint32_t household_row;
  uint32_t member_row;
};

// The registry updates of the matched rows: the current versions of the households they touch,
// changed by the contract's [[update]]s, written as new versions where the content changed.
Result<int64_t> WriteUpdates(const UploadContext& context, const ingest::SourceContract& contract,
                             const std::vector<DeptRow>& rows,
                             const std::vector<ingest::MappedRow>& mapped,
                             const std::vector<Matched>& matched, registry::BatchWriter& batch) {
  if (contract.updates.empty() || matched.empty()) return int64_t{0};
  // Most rows change nothing (a member insured already): try the updates on the snapshot's
  // record first and read the stored versions only of the households they change.
  const registry::Snapshot& snapshot = context.index.snapshot();
  std::map<uint32_t, registry::HouseholdRecord> trial;  // household row -> record after updates
  for (const Matched& m : matched) {
    auto [slot, fresh] = trial.try_emplace(m.household_row);
    if (fresh) slot->second = snapshot.Record(m.household_row);
    XJ_RETURN_IF_ERROR(
        ApplyRowUpdates(contract, mapped[m.row], rows[m.row].id_number, slot->second));
  }
  std::vector<std::string> ids;
  for (const auto& [h, record] : trial) {
    if (record != snapshot.Record(h)) ids.emplace_back(snapshot.household_id(h));
  }
  if (ids.empty()) return int64_t{0};
  XJ_ASSIGN_OR_RETURN(std::vector<registry::HouseholdVersion> current,
                      context.registry.GetCurrent(ids));
  std::unordered_map<std::string, registry::HouseholdVersion*> by_id;
  for (registry::HouseholdVersion& v : current) by_id[v.record.household.household_id] = &v;

  std::map<std::string, registry::HouseholdRecord> changed;  // household id -> new record
  for (const Matched& m : matched) {
    const DeptRow& row = rows[m.row];
    auto it = by_id.find(row.household_id);
    if (it == by_id.end()) continue;  // unchanged by the updates, or gone since the snapshot
    auto [slot, fresh] = changed.try_emplace(row.household_id, it->second->record);
    XJ_RETURN_IF_ERROR(ApplyRowUpdates(contract, mapped[m.row], row.id_number, slot->second));
  }
  int64_t written = 0;
  for (auto& [id, record] : changed) {
    registry::Canonicalize(record);
    const registry::HouseholdVersion& before = *by_id.at(id);
    const uint64_t hash = registry::ContentHash(record);
    if (hash == before.content_hash && record == before.record) continue;
    registry::HouseholdVersion next;
    next.version = before.version + 1;
    next.content_hash = hash;
    next.record = std::move(record);
    XJ_RETURN_IF_ERROR(batch.PutVersion(next));
    ++written;
  }
  return written;
}

// The contract's warnings for each person of the matched rows: the facts from the rows stored
// before and this upload's, then the first [[warning]] that holds. One candidate per person, for
// the latest period of their rows in this upload.
Result<std::vector<DeptWarning>> EvaluateWarnings(const UploadContext& context,
                                                  const UploadRequest& request,
                                                  const std::vector<DeptRow>& rows,
                                                  const std::vector<Matched>& matched) {
  const ingest::SourceContract& contract = *request.contract;
  std::vector<DeptWarning> out;
  if (contract.warnings.empty() || matched.empty()) return out;

  // The person's rows in this upload (their latest) and where they are.
  struct PersonInUpload {
    const Matched* where = nullptr;
    size_t latest = 0;  // index into rows of the row with the latest period
    std::vector<const DeptRow*> rows;
  };
  std::map<std::string, PersonInUpload> persons;
  for (const Matched& m : matched) {
    PersonInUpload& p = persons[rows[m.row].key];
    if (p.where == nullptr || rows[m.row].period >= rows[p.latest].period) p.latest = m.row;
    p.where = &m;
    p.rows.push_back(&rows[m.row]);
  }
  // Their rows stored before, of this source.
  std::vector<std::string> households;
  for (const auto& [key, p] : persons) households.push_back(rows[p.where->row].household_id);
  std::sort(households.begin(), households.end());
  households.erase(std::unique(households.begin(), households.end()), households.end());
  // A few households: their rows; many: one pass over the source's rows.
  std::vector<DeptRow> stored;
  if (households.size() <= kHouseholdsReadOneByOne) {
    XJ_ASSIGN_OR_RETURN(stored, context.exchange.FactsOfHouseholds(households));
  } else {
    XJ_RETURN_IF_ERROR(context.exchange.ForEachFact(contract.name, "", [&](const DeptRow& row) {
      if (persons.contains(row.key)) stored.push_back(row);
    }));
  }
  for (const DeptRow& row : stored) {
    if (row.source != contract.name) continue;
    auto it = persons.find(row.key);
    if (it != persons.end()) it->second.rows.push_back(&row);
  }

  for (auto& [key, p] : persons) {
    XJ_ASSIGN_OR_RETURN(std::vector<FactValue> facts,
                        ComputeFacts(contract, p.rows, request.today));
    XJ_ASSIGN_OR_RETURN(int which,
                        (*context.warnings)(p.where->household_row, p.where->member_row, facts));
    if (which < 0) continue;
    const DeptRow& row = rows[p.latest];
    const ingest::ContractWarning& w = contract.warnings[static_cast<size_t>(which)];
    DeptWarning warning;
    warning.source = contract.name;
    warning.person_key = key;
    warning.household_id = row.household_id;
    warning.village_code = row.village_code;
    warning.period = row.period;
    warning.row = row.row;
    warning.warning_index = which;
    warning.object_type = w.type;
    warning.risks = w.risks;
    warning.message = w.message;
    warning.raised_at = request.now_utc;
    out.push_back(std::move(warning));
  }
  return out;
}

}  // namespace

double UploadReport::match_rate() const {
  const int64_t keyed = upload.accepted + upload.unmatched;
  return keyed == 0 ? 1.0 : static_cast<double>(upload.accepted) / static_cast<double>(keyed);
}

std::string UploadReport::HeaderNote() const {
  if (skipped_rows.empty()) return "";
  std::string rows;
  for (size_t i = 0; i < skipped_rows.size(); ++i) {
    rows += (i == 0 ? "" : ", ") + std::to_string(skipped_rows[i]);
  }
  const bool one = skipped_rows.size() == 1;
  return "the header row is row " + std::to_string(header_row) + "; " + (one ? "row " : "rows ") +
         rows + " above it " + (one ? "was" : "were") +
         " skipped as a title or notes, not read as data";
}

std::string UploadReport::ToJson() const {
  nlohmann::ordered_json j;
  j["upload_id"] = upload.id;
  j["batch_id"] = upload.batch_id;
  j["source"] = upload.source;
  j["file"] = upload.file_name;
  j["sha256"] = upload.sha256;
  j["bytes"] = upload.bytes;
  j["format"] = upload.format;
  j["encoding"] = upload.encoding;
  j["sheet"] = upload.sheet;
  j["uploaded_at"] = upload.uploaded_at;
  j["duplicate"] = duplicate;
  j["header_row"] = header_row;
  j["skipped_rows"] = skipped_rows;
  j["header_note"] = HeaderNote();
  j["read"] = upload.read;
  j["accepted"] = upload.accepted;
  j["quarantined"] = upload.quarantined;
  j["unmatched"] = upload.unmatched;
  j["match_rate"] = match_rate();
  j["warnings"] = upload.warnings;
  j["updated_households"] = upload.updated_households;
  j["households_touched"] = households_touched;
  j["warnings_evaluated"] = warnings_evaluated;
  j["quarantined_by_rule"] = nlohmann::ordered_json::object();
  for (const auto& [rule, n] : quarantined_by_rule) j["quarantined_by_rule"][rule] = n;
  j["issues"] = nlohmann::ordered_json::array();
  for (const UploadIssue& issue : issues) {
    j["issues"].push_back({{"row", issue.row},
                           {"column", issue.column},
                           {"rule", issue.rule},
                           {"value", issue.value},
                           {"message", issue.message}});
  }
  j["leads"] = {{"opened", leads.opened},
                {"joined", leads.joined},
                {"on_episode", leads.on_episode},
                {"already", leads.already}};
  j["findings"] = findings;
  j["seconds"] = seconds;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

UploadReport StoredReport(UploadRecord upload) {
  UploadReport report;
  report.duplicate = true;
  const nlohmann::json j =
      nlohmann::json::parse(upload.report_json, nullptr, /*allow_exceptions=*/false);
  report.upload = std::move(upload);
  if (!j.is_object()) return report;
  // Each field only when it is there with its type (reports stored by older versions lack some).
  const nlohmann::json kNone;
  auto at = [&kNone](const nlohmann::json& object, const char* key) -> const nlohmann::json& {
    auto it = object.find(key);
    return it == object.end() ? kNone : *it;
  };
  auto integer = [&at](const nlohmann::json& object, const char* key, int64_t& field) {
    const nlohmann::json& v = at(object, key);
    if (v.is_number_integer()) field = v.get<int64_t>();
  };
  auto text = [&at](const nlohmann::json& object, const char* key, std::string& field) {
    const nlohmann::json& v = at(object, key);
    if (v.is_string()) field = v.get<std::string>();
  };
  if (at(j, "warnings_evaluated").is_boolean()) {
    report.warnings_evaluated = at(j, "warnings_evaluated").get<bool>();
  }
  integer(j, "header_row", report.header_row);
  integer(j, "households_touched", report.households_touched);
  integer(j, "findings", report.findings);
  if (at(j, "seconds").is_number()) report.seconds = at(j, "seconds").get<double>();
  if (const nlohmann::json& skipped = at(j, "skipped_rows"); skipped.is_array()) {
    for (const nlohmann::json& row : skipped) {
      if (row.is_number_integer()) report.skipped_rows.push_back(row.get<int64_t>());
    }
  }
  if (const nlohmann::json& by_rule = at(j, "quarantined_by_rule"); by_rule.is_object()) {
    for (const auto& [rule, n] : by_rule.items()) {
      if (n.is_number_integer()) report.quarantined_by_rule[rule] = n.get<int64_t>();
    }
  }
  if (const nlohmann::json& issues = at(j, "issues"); issues.is_array()) {
    for (const nlohmann::json& issue : issues) {
      if (!issue.is_object()) continue;
      UploadIssue& out = report.issues.emplace_back();
      integer(issue, "row", out.row);
      text(issue, "column", out.column);
      text(issue, "rule", out.rule);
      text(issue, "value", out.value);
      text(issue, "message", out.message);
    }
  }
  if (const nlohmann::json& leads = at(j, "leads"); leads.is_object()) {
    integer(leads, "opened", report.leads.opened);
    integer(leads, "joined", report.leads.joined);
    integer(leads, "on_episode", report.leads.on_episode);
    integer(leads, "already", report.leads.already);
  }
  return report;
}

Result<UploadReport> UploadFile(const UploadContext& context, const UploadRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  if (request.contract == nullptr) return InvalidArgument("no source contract given");
  const ingest::SourceContract& contract = *request.contract;
  UploadReport report;
  UploadRecord& up = report.upload;
  up.source = contract.name;
  up.file_name = request.file_name;
  up.sha256 = access::Sha256Hex(request.content);
  up.bytes = static_cast<int64_t>(request.content.size());
  up.user = request.user;
  up.uploaded_at = request.now_utc;
  up.region_code = request.region_code;

  // The same file again: the first upload's report, nothing written.
  XJ_ASSIGN_OR_RETURN(std::optional<UploadRecord> before,
                      context.exchange.FindUpload(up.source, up.sha256));
  if (before) return StoredReport(std::move(*before));

  // Read: a file that cannot be read at all fails here, before anything is written.
  ingest::SourceTableOptions options;
  options.encoding = request.encoding;
  options.sheet = request.sheet;
  options.contract = &contract;  // the header row may have a title or notes above it
  auto table = ingest::SourceTable::Open(request.content, options);
  if (!table.ok()) {
    return InvalidArgument(request.file_name + ": " + std::string(table.status().message()));
  }
  auto created = ingest::SourceRowMapper::Create(contract, (*table)->headers());
  if (!created.ok()) {
    return InvalidArgument(request.file_name + ": " + std::string(created.status().message()));
  }
  const ingest::SourceRowMapper mapper = std::move(*created);
  up.format = std::string((*table)->format());
  up.encoding = std::string((*table)->encoding());
  up.sheet = std::string((*table)->sheet());
  report.header_row = (*table)->header_row();
  report.skipped_rows = (*table)->skipped_rows();

  // Map, validate and match every row.
  std::vector<DeptRow> rows;
  std::vector<ingest::MappedRow> mapped;
  std::vector<Matched> matched;
  std::vector<registry::QuarantineEntry> quarantine;
  const registry::Snapshot& snapshot = context.index.snapshot();
  // Rows match only households inside the uploader's scope; others are left unmatched.
  auto village_in_scope = [&](uint32_t h, std::string& village) {
    village = std::to_string(snapshot.village_code()[h]);
    return village.starts_with(request.region_code);
  };
  std::string village;
  std::set<uint32_t> households_touched;
  ingest::SourceRow source_row;
  ingest::MappedRow m;
  while (true) {
    auto next = (*table)->Next(source_row);
    if (!next.ok()) {
      return InvalidArgument(request.file_name + ": " + std::string(next.status().message()));
    }
    if (!*next) break;
    ++up.read;
    mapper.Map(source_row, request.today, m);
    if (!m.ok) {
      ++up.quarantined;
      for (const ingest::RowIssue& issue : m.issues) {
        registry::QuarantineEntry q;
        q.file = request.file_name;
        q.line = m.number;
        q.column = issue.column;
        q.rule = issue.rule;
        q.value = issue.value;
        q.message = issue.message;
        q.record = m.raw;
        ++report.quarantined_by_rule[issue.rule];
        if (report.issues.size() < kMaxReportedIssues) {
          report.issues.push_back({m.number, issue.column, issue.rule, issue.value, issue.message});
        }
        quarantine.push_back(std::move(q));
      }
      continue;
    }
    DeptRow row;
    row.row = m.number;
    row.source = contract.name;
    row.key = m.key;
    row.period = m.period;
    row.event_date = m.event_date;
    row.values_json = mapper.ValuesJson(m);
    if (contract.key == ingest::SourceKey::kIdNumber) {
      row.id_number = m.key;
      // A person listed in two households is matched to the first in scope (the Q02 check
      // reports the duplicate).
      for (const uint32_t member : context.index.FindMembers(m.key)) {
        const uint32_t h = context.index.HouseholdOfMember(member);
        if (!village_in_scope(h, village)) continue;
        row.household_id = std::string(snapshot.household_id(h));
        row.village_code = village;
        matched.push_back({rows.size(), h, member});
        households_touched.insert(h);
        break;
      }
    } else {
      const int64_t h = snapshot.Find(m.key);
      if (h >= 0 && village_in_scope(static_cast<uint32_t>(h), village)) {
        const auto hrow = static_cast<uint32_t>(h);
        row.household_id = m.key;
        row.village_code = village;
        matched.push_back({rows.size(), hrow, snapshot.member_begin()[hrow]});
        households_touched.insert(hrow);
      }
    }
    if (row.matched()) {
      ++up.accepted;
    } else {
      ++up.unmatched;
    }
    rows.push_back(std::move(row));
    mapped.push_back(m);
  }
  report.households_touched = static_cast<int64_t>(households_touched.size());

  // Warnings need the facts stored before, read outside the write transaction.
  std::vector<DeptWarning> candidates;
  if (context.warnings != nullptr) {
    report.warnings_evaluated = true;
    XJ_ASSIGN_OR_RETURN(candidates, EvaluateWarnings(context, request, rows, matched));
  }

  // Apply, all in one transaction.
  registry::BatchInfo batch;
  batch.source = "dept:" + contract.name;
  batch.user = request.user;
  batch.households_file = request.file_name;
  batch.started_at = request.now_utc;
  batch.as_of = request.today;
  auto begun = context.exchange.BeginUpload(batch, up, request.content);
  if (!begun.ok() && begun.status().code() == StatusCode::kAlreadyExists) {
    // Uploaded by someone else meanwhile: their report.
    XJ_ASSIGN_OR_RETURN(before, context.exchange.FindUpload(up.source, up.sha256));
    if (before) return StoredReport(std::move(*before));
  }
  XJ_ASSIGN_OR_RETURN(std::unique_ptr<UploadWriter> writer, std::move(begun));
  up.id = writer->upload().id;
  up.batch_id = writer->upload().batch_id;
  for (const registry::QuarantineEntry& q : quarantine) {
    XJ_RETURN_IF_ERROR(writer->batch().PutQuarantine(q));
  }
  for (const DeptRow& row : rows) XJ_RETURN_IF_ERROR(writer->PutRow(row));
  XJ_ASSIGN_OR_RETURN(up.updated_households,
                      WriteUpdates(context, contract, rows, mapped, matched, writer->batch()));
  for (DeptWarning& w : candidates) {
    w.upload_id = up.id;
    XJ_ASSIGN_OR_RETURN(bool written, writer->PutWarning(w));
    if (written) report.new_warnings.push_back(std::move(w));
  }
  up.warnings = static_cast<int64_t>(report.new_warnings.size());
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  up.report_json = report.ToJson();
  XJ_RETURN_IF_ERROR(writer->Commit(up));
  return report;
}

Result<cases::LeadsTaken> TakeWarningLeads(cases::CaseStore& cases,
                                           std::span<const DeptWarning> warnings,
                                           std::string_view now_utc) {
  std::vector<cases::LeadToTake> leads;
  leads.reserve(warnings.size());
  for (const DeptWarning& w : warnings) {
    cases::LeadToTake l;
    l.lead.household_id = w.household_id;
    l.lead.channel = cases::Channel::kDepartmentWarning;
    l.lead.source = "dept:" + w.source + ":" + w.period;
    l.lead.at = std::string(now_utc);
    l.lead.proposed_type = w.object_type;
    for (size_t i = 0; i < w.risks.size(); ++i) {
      if (i > 0) l.lead.proposed_risks += ";";
      l.lead.proposed_risks += w.risks[i];
    }
    l.lead.note = w.message;
    l.village_code = w.village_code;
    leads.push_back(std::move(l));
  }
  return cases::TakeLeads(cases, std::move(leads), now_utc);
}

}  // namespace xianjie::exchange
