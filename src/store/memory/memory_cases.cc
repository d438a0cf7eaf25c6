// MemoryStore: cases, their events, leads, attachments, monitoring episodes, measures and
// workflow limits (cases::CaseStore), under their own mutex. A write checks everything it could
// refuse before it changes anything, which makes each call all or none as SQLite's transactions
// do.
#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "store/internal/case_checks.h"
#include "store/memory/memory_store.h"

namespace xianjie::store {
namespace {

using cases::Attachment;
using cases::CaseFilter;
using cases::CaseRecord;
using cases::Episode;
using cases::EventRecord;
using cases::EventWrite;
using cases::Lead;
using cases::NewCase;
using cases::WorkflowLimits;

bool Matches(const CaseRecord& c, const CaseFilter& filter) {
  if (!c.village_code.starts_with(filter.region_prefix)) return false;
  if (filter.kind.has_value() && c.kind != *filter.kind) return false;
  if (!filter.states.empty() &&
      std::find(filter.states.begin(), filter.states.end(), c.state) == filter.states.end()) {
    return false;
  }
  if (filter.open_only && cases::IsTerminal(c.state)) return false;
  return filter.household_id.empty() || c.household_id == filter.household_id;
}

}  // namespace

Result<std::vector<int64_t>> MemoryStore::OpenCases(const std::vector<NewCase>& new_cases) {
  XJ_RETURN_IF_ERROR(internal::CheckNewCases(new_cases));
  std::lock_guard lock(cases_mu_);
  for (const NewCase& c : new_cases) {
    if (!cases::IsTerminal(c.record.state)) {
      auto open = open_case_of_.find(c.record.household_id);
      if (open != open_case_of_.end()) {
        return internal::OpenCaseExists(c.record.household_id, open->second);
      }
    }
    if (lead_sources_.contains({c.lead.household_id, c.lead.source})) {
      return internal::LeadExists(c.lead.household_id, c.lead.source);
    }
  }
  std::vector<int64_t> ids;
  ids.reserve(new_cases.size());
  for (const NewCase& c : new_cases) {
    const auto id = static_cast<int64_t>(cases_.size()) + 1;
    CaseRecord& record = cases_.emplace_back(c.record);
    record.id = id;
    record.version = 1;
    EventRecord& opened = case_events_.emplace_back().emplace_back(c.opened);
    opened.case_id = id;
    opened.seq = 1;
    if (!cases::IsTerminal(record.state)) open_case_of_[record.household_id] = id;
    Lead& lead = leads_.emplace_back(c.lead);
    lead.id = static_cast<int64_t>(leads_.size());
    lead.case_id = id;
    lead_sources_.emplace(lead.household_id, lead.source);
    ids.push_back(id);
    NoteCaseData({record.household_id, lead.household_id});
  }
  return ids;
}

Status MemoryStore::AppendEvent(const EventWrite& write) {
  XJ_RETURN_IF_ERROR(internal::CheckEventWrite(write));
  const int64_t id = write.next.id;
  std::lock_guard lock(cases_mu_);
  if (id > static_cast<int64_t>(cases_.size())) return internal::NoSuchCase(id);
  CaseRecord& stored = cases_[id - 1];
  if (stored.version != write.expected_version) return internal::CaseChanged();
  if (write.next.household_id != stored.household_id) {
    return internal::HouseholdChanged(id, stored.household_id, write.next.household_id);
  }
  if (cases::IsTerminal(stored.state) && !cases::IsTerminal(write.next.state)) {
    auto open = open_case_of_.find(stored.household_id);
    if (open != open_case_of_.end()) return internal::OpenCaseExists(open->first, open->second);
  }
  if (write.close_episode.has_value()) {
    const int64_t episode = write.close_episode->id;
    if (episode <= 0 || episode > static_cast<int64_t>(episodes_.size())) {
      return internal::NoSuchEpisode(episode);
    }
    if (episodes_[episode - 1].eliminated_on.has_value()) return internal::EpisodeClosed(episode);
  }
  if (write.lead.has_value() &&
      lead_sources_.contains({write.lead->household_id, write.lead->source})) {
    return internal::LeadExists(write.lead->household_id, write.lead->source);
  }

  stored = write.next;
  stored.version = write.expected_version + 1;
  if (write.open_episode.has_value()) {
    Episode& opened = episodes_.emplace_back(*write.open_episode);
    opened.id = static_cast<int64_t>(episodes_.size());
    opened.identification_case = id;
    stored.episode_id = opened.id;
  }
  if (write.close_episode.has_value()) {
    Episode& closed = episodes_[write.close_episode->id - 1];
    closed.eliminated_on = write.close_episode->eliminated_on;
    closed.method = write.close_episode->method;
    closed.elimination_case = write.close_episode->elimination_case;
  }
  case_events_[id - 1].emplace_back(write.record).case_id = id;
  if (cases::IsTerminal(stored.state)) {
    open_case_of_.erase(stored.household_id);
  } else {
    open_case_of_[stored.household_id] = id;
  }
  if (write.lead.has_value()) {
    Lead& lead = leads_.emplace_back(*write.lead);
    lead.id = static_cast<int64_t>(leads_.size());
    lead.case_id = id;
    lead_sources_.emplace(lead.household_id, lead.source);
  }
  NoteCaseData({stored.household_id, write.lead ? write.lead->household_id : "",
                write.open_episode ? write.open_episode->household_id : "",
                write.close_episode ? episodes_[write.close_episode->id - 1].household_id : ""});
  return Status::Ok();
}

Result<std::optional<CaseRecord>> MemoryStore::GetCase(int64_t id) {
  std::lock_guard lock(cases_mu_);
  if (id <= 0 || id > static_cast<int64_t>(cases_.size())) return std::optional<CaseRecord>();
  return std::optional<CaseRecord>(cases_[id - 1]);
}

Result<std::optional<CaseRecord>> MemoryStore::OpenCaseOf(const std::string& household_id) {
  std::lock_guard lock(cases_mu_);
  auto open = open_case_of_.find(household_id);
  if (open == open_case_of_.end()) return std::optional<CaseRecord>();
  return std::optional<CaseRecord>(cases_[open->second - 1]);
}

Result<std::vector<CaseRecord>> MemoryStore::ListCases(const CaseFilter& filter, int64_t* total) {
  XJ_RETURN_IF_ERROR(internal::CheckFilter(filter));
  std::lock_guard lock(cases_mu_);
  std::vector<CaseRecord> page;
  int64_t matches = 0;
  for (const CaseRecord& c : cases_) {
    if (!Matches(c, filter)) continue;
    ++matches;
    if (matches <= filter.offset) continue;
    if (filter.limit > 0 && static_cast<int64_t>(page.size()) >= filter.limit) continue;
    page.push_back(c);
  }
  if (total != nullptr) *total = matches;
  return page;
}

Result<std::vector<EventRecord>> MemoryStore::CaseEvents(int64_t case_id) {
  std::lock_guard lock(cases_mu_);
  if (case_id <= 0 || case_id > static_cast<int64_t>(cases_.size())) {
    return std::vector<EventRecord>();
  }
  return case_events_[case_id - 1];
}

Result<int64_t> MemoryStore::AddLead(const Lead& lead) {
  XJ_RETURN_IF_ERROR(internal::CheckLead(lead));
  std::lock_guard lock(cases_mu_);
  if (!lead_sources_.emplace(lead.household_id, lead.source).second) {
    return internal::LeadExists(lead.household_id, lead.source);
  }
  Lead& stored = leads_.emplace_back(lead);
  stored.id = static_cast<int64_t>(leads_.size());
  NoteCaseData({stored.household_id});
  return stored.id;
}

Result<std::vector<Lead>> MemoryStore::LeadsOf(const std::string& household_id) {
  std::lock_guard lock(cases_mu_);
  std::vector<Lead> out;
  for (const Lead& lead : leads_) {
    if (lead.household_id == household_id) out.push_back(lead);
  }
  return out;
}

Result<std::vector<std::string>> MemoryStore::HouseholdsWithLead(const std::string& source) {
  std::lock_guard lock(cases_mu_);
  std::vector<std::string> out;
  for (const Lead& lead : leads_) {
    if (lead.source == source) out.push_back(lead.household_id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<Lead>> MemoryStore::ListLeads(const std::string& source_prefix) {
  std::lock_guard lock(cases_mu_);
  std::vector<Lead> out;
  for (const Lead& lead : leads_) {
    if (lead.source.starts_with(source_prefix)) out.push_back(lead);
  }
  return out;
}

Result<int64_t> MemoryStore::PutAttachment(const Attachment& meta, const std::string& content) {
  std::lock_guard lock(cases_mu_);
  auto& [stored, bytes] = attachments_.emplace_back(meta, content);
  stored.id = static_cast<int64_t>(attachments_.size());
  return stored.id;
}

Result<std::optional<Attachment>> MemoryStore::GetAttachment(int64_t id, std::string* content) {
  std::lock_guard lock(cases_mu_);
  if (id <= 0 || id > static_cast<int64_t>(attachments_.size())) {
    if (content != nullptr) content->clear();
    return std::optional<Attachment>();
  }
  const auto& [meta, bytes] = attachments_[id - 1];
  if (content != nullptr) *content = bytes;
  return std::optional<Attachment>(meta);
}

Result<std::vector<Episode>> MemoryStore::EpisodesOf(const std::string& household_id) {
  std::lock_guard lock(cases_mu_);
  std::vector<Episode> out;
  for (const Episode& e : episodes_) {
    if (e.household_id == household_id) out.push_back(e);
  }
  return out;
}

Result<std::vector<Episode>> MemoryStore::ListEpisodes(const std::string& region_prefix,
                                                       bool open_only) {
  std::lock_guard lock(cases_mu_);
  std::vector<Episode> out;
  for (const Episode& e : episodes_) {
    if (!e.village_code.starts_with(region_prefix)) continue;
    if (open_only && e.eliminated_on.has_value()) continue;
    out.push_back(e);
  }
  return out;
}

Result<int64_t> MemoryStore::CountEpisodes(const std::string& region_prefix, bool open_only) {
  std::lock_guard lock(cases_mu_);
  return static_cast<int64_t>(
      std::count_if(episodes_.begin(), episodes_.end(), [&](const Episode& e) {
        return e.village_code.starts_with(region_prefix) &&
               !(open_only && e.eliminated_on.has_value());
      }));
}

Result<int64_t> MemoryStore::PutMeasure(const cases::Measure& measure) {
  XJ_RETURN_IF_ERROR(cases::CheckMeasure(measure));
  std::lock_guard lock(cases_mu_);
  if (measure.id == 0) {
    cases::Measure& stored = measures_.emplace_back(measure);
    stored.id = static_cast<int64_t>(measures_.size());
    NoteCaseData({stored.household_id});
    return stored.id;
  }
  if (measure.id < 0 || measure.id > static_cast<int64_t>(measures_.size())) {
    return internal::NoSuchMeasure(measure.id);
  }
  cases::Measure& stored = measures_[measure.id - 1];
  if (stored.household_id != measure.household_id) {
    return internal::MeasureHouseholdChanged(measure.id, stored.household_id,
                                             measure.household_id);
  }
  stored = measure;
  NoteCaseData({stored.household_id});
  return measure.id;
}

Result<std::vector<cases::Measure>> MemoryStore::MeasuresOf(const std::string& household_id) {
  std::lock_guard lock(cases_mu_);
  std::vector<cases::Measure> out;
  for (const cases::Measure& m : measures_) {
    if (m.household_id == household_id) out.push_back(m);
  }
  return out;
}

Result<std::vector<cases::Measure>> MemoryStore::ListMeasures() {
  std::lock_guard lock(cases_mu_);
  return measures_;
}

Result<cases::HouseholdCaseRows> MemoryStore::CaseRowsOf(
    const std::vector<std::string>& households) {
  std::set<std::string, std::less<>> ids(households.begin(), households.end());
  std::lock_guard lock(cases_mu_);
  cases::HouseholdCaseRows rows;
  // By household, then id (each kind is held in id order).
  auto take = [&ids](const auto& held, auto& to) {
    for (const std::string& id : ids) {
      for (const auto& row : held) {
        if (row.household_id == id) to.push_back(row);
      }
    }
  };
  take(episodes_, rows.episodes);
  take(cases_, rows.cases);
  take(measures_, rows.measures);
  take(leads_, rows.leads);
  return rows;
}

Result<int64_t> MemoryStore::CaseDataStamp() {
  std::lock_guard lock(case_log_mu_);
  return case_data_stamp_;
}

void MemoryStore::NoteCaseData(std::initializer_list<std::string_view> households) {
  std::lock_guard lock(case_log_mu_);
  ++case_data_stamp_;
  for (std::string_view h : households) {
    if (h.empty()) continue;
    case_log_.emplace_back(++case_log_last_, std::string(h));
    if (static_cast<int64_t>(case_log_.size()) > cases::kCaseDataLogKept) case_log_.pop_front();
  }
}

Result<cases::CaseDataChanges> MemoryStore::CaseDataChangesAfter(int64_t after) {
  std::lock_guard lock(case_log_mu_);
  cases::CaseDataChanges changes;
  changes.last = case_log_last_;
  if (after < 0) return changes;
  const int64_t first = case_log_.empty() ? case_log_last_ + 1 : case_log_.front().first;
  changes.complete = after <= case_log_last_ && after >= first - 1;
  if (!changes.complete) return changes;
  std::set<std::string> households;
  for (auto it = case_log_.rbegin(); it != case_log_.rend() && it->first > after; ++it) {
    households.insert(it->second);
  }
  changes.households.assign(households.begin(), households.end());
  return changes;
}

Result<std::optional<WorkflowLimits>> MemoryStore::GetLimits(const std::string& province) {
  std::lock_guard lock(cases_mu_);
  auto it = limits_.find(province);
  if (it == limits_.end()) return std::optional<WorkflowLimits>();
  return std::optional<WorkflowLimits>(it->second);
}

Status MemoryStore::PutLimits(const std::string& province, const WorkflowLimits& limits) {
  XJ_RETURN_IF_ERROR(internal::CheckProvince(province));
  std::lock_guard lock(cases_mu_);
  limits_[province] = limits;
  NoteCaseData({});
  return Status::Ok();
}

}  // namespace xianjie::store
