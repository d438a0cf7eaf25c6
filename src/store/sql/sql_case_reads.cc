// SqlStore: the reads of cases::CaseStore, on the pool of read connections. A region is a
// range of the village_code index ("6301" is [6301, 6302)), so a county's cases are read without
// walking the province's.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "store/internal/argument_checks.h"
#include "store/internal/case_checks.h"
#include "store/sql/connection.h"
#include "store/sql/internal/case_rows.h"
#include "store/sql/internal/read_rows.h"
#include "store/sql/internal/reader.h"
#include "store/sql/internal/where.h"
#include "store/sql/sql_store.h"

namespace xianjie::store {
namespace {

using cases::Attachment;
using cases::CaseFilter;
using cases::CaseRecord;
using cases::Episode;
using cases::EventRecord;
using cases::Lead;
using cases::WorkflowLimits;
using sql_internal::ReadOneRow;
using sql_internal::ReadRows;
using sql_internal::Statement;
using sql_internal::Where;

// The filter's terms. States are sorted and deduplicated so that the statement cache holds one
// text per set of states, not per order.
Where CaseWhere(const CaseFilter& filter) {
  Where where;
  where.AddPrefix("village_code", filter.region_prefix);
  if (filter.kind.has_value()) {
    where.Add("kind = " + where.Param(std::string(cases::KindCode(*filter.kind))));
  }
  if (!filter.states.empty()) {
    std::vector<cases::CaseState> states = filter.states;
    std::sort(states.begin(), states.end());
    states.erase(std::unique(states.begin(), states.end()), states.end());
    std::string in;
    for (cases::CaseState state : states) {
      in += (in.empty() ? "" : ", ") + where.Param(std::string(cases::StateCode(state)));
    }
    where.Add("state IN (" + in + ")");
  }
  if (filter.open_only) {
    std::string terminal;
    for (cases::CaseState state : cases::kAllStates) {
      if (!cases::IsTerminal(state)) continue;
      terminal +=
          (terminal.empty() ? "" : ", ") + where.Param(std::string(cases::StateCode(state)));
    }
    where.Add("state NOT IN (" + terminal + ")");
  }
  if (!filter.household_id.empty()) where.Add("household_id = " + where.Param(filter.household_id));
  return where;
}

}  // namespace

Result<std::optional<CaseRecord>> SqlStore::GetCase(int64_t id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(
      auto select, reader->Prepare(std::string(sql_internal::kSelectCase) + "WHERE case_id = ?1"));
  select.Bind(1, id);
  return ReadOneRow<CaseRecord>(select, sql_internal::ReadCase);
}

Result<std::optional<CaseRecord>> SqlStore::OpenCaseOf(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(
      auto select,
      reader->Prepare(std::string(sql_internal::kSelectCase) +
                      "WHERE household_id = ?1 AND state NOT IN ('monitored', 'eliminated', "
                      "'rejected', 'dismissed')"));
  select.BindText(1, household_id);
  return ReadOneRow<CaseRecord>(select, sql_internal::ReadCase);
}

Result<std::vector<CaseRecord>> SqlStore::ListCases(const CaseFilter& filter, int64_t* total) {
  XJ_RETURN_IF_ERROR(internal::CheckFilter(filter));
  const Where where = CaseWhere(filter);
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  sql_internal::ReadTransaction snapshot(*reader);
  XJ_RETURN_IF_ERROR(snapshot.Begin());
  if (total != nullptr) {
    XJ_ASSIGN_OR_RETURN(auto count,
                        reader->Prepare("SELECT count(*) FROM case_record " + where.sql));
    where.Bind(count);
    XJ_ASSIGN_OR_RETURN(bool row, count.Step());
    *total = row ? count.Int(0) : 0;
  }
  const int limit_param = static_cast<int>(where.texts.size()) + 1;
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare(std::string(sql_internal::kSelectCase) + where.sql +
                                      " ORDER BY case_id LIMIT ?" + std::to_string(limit_param) +
                                      " OFFSET ?" + std::to_string(limit_param + 1)));
  where.Bind(select);
  sql_internal::BindPage(select, limit_param, filter.limit, filter.offset);
  return ReadRows<CaseRecord>(select, sql_internal::ReadCase);
}

Result<std::vector<EventRecord>> SqlStore::CaseEvents(int64_t case_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectEvent) +
                                                   "WHERE case_id = ?1 ORDER BY seq"));
  select.Bind(1, case_id);
  return ReadRows<EventRecord>(select, sql_internal::ReadEvent);
}

Result<std::vector<Lead>> SqlStore::LeadsOf(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectLead) +
                                                   "WHERE household_id = ?1 ORDER BY lead_id"));
  select.BindText(1, household_id);
  return ReadRows<Lead>(select, sql_internal::ReadLead);
}

Result<std::vector<std::string>> SqlStore::HouseholdsWithLead(const std::string& source) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare("SELECT household_id FROM lead "
                                                   "WHERE source = ?1 ORDER BY household_id"));
  select.BindText(1, source);
  return ReadRows<std::string>(
      select, [](const Statement& row) -> Result<std::string> { return std::string(row.Text(0)); });
}

Result<std::vector<Lead>> SqlStore::ListLeads(const std::string& source_prefix) {
  Where where;
  // An index range of lead_by_source.
  where.AddPrefix("source", source_prefix);
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectLead) +
                                                   where.sql + " ORDER BY lead_id"));
  where.Bind(select);
  return ReadRows<Lead>(select, sql_internal::ReadLead);
}

Result<std::optional<Attachment>> SqlStore::GetAttachment(int64_t id, std::string* content) {
  if (content != nullptr) content->clear();
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // The content column only when asked for: an attachment may be megabytes.
  const std::string sql =
      content != nullptr
          ? "SELECT attachment_id, case_id, filename, content_type, sha256, "
            "bytes, uploaded_by, uploaded_at, content FROM case_attachment "
            "WHERE attachment_id = ?1"
          : std::string(sql_internal::kSelectAttachment) + "WHERE attachment_id = ?1";
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(sql));
  select.Bind(1, id);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<Attachment>();
  if (content != nullptr) content->assign(select.Blob(8));
  return std::optional<Attachment>(sql_internal::ReadAttachment(select));
}

Result<std::vector<Episode>> SqlStore::EpisodesOf(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectEpisode) +
                                                   "WHERE household_id = ?1 ORDER BY episode_id"));
  select.BindText(1, household_id);
  return ReadRows<Episode>(select, sql_internal::ReadEpisode);
}

Result<std::vector<Episode>> SqlStore::ListEpisodes(const std::string& region_prefix,
                                                    bool open_only) {
  Where where;
  where.AddPrefix("village_code", region_prefix);
  if (open_only) where.Add("eliminated_on IS NULL");
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectEpisode) +
                                                   where.sql + " ORDER BY episode_id"));
  where.Bind(select);
  return ReadRows<Episode>(select, sql_internal::ReadEpisode);
}

Result<int64_t> SqlStore::CountEpisodes(const std::string& region_prefix, bool open_only) {
  Where where;
  where.AddPrefix("village_code", region_prefix);
  if (open_only) where.Add("eliminated_on IS NULL");
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto count, reader->Prepare("SELECT count(*) FROM episode " + where.sql));
  where.Bind(count);
  XJ_ASSIGN_OR_RETURN(bool row, count.Step());
  return row ? count.Int(0) : int64_t{0};
}

Result<std::vector<cases::Measure>> SqlStore::MeasuresOf(const std::string& household_id) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectMeasure) +
                                                   "WHERE household_id = ?1 ORDER BY measure_id"));
  select.BindText(1, household_id);
  return ReadRows<cases::Measure>(select, sql_internal::ReadMeasure);
}

Result<std::vector<cases::Measure>> SqlStore::ListMeasures() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectMeasure) +
                                                   "ORDER BY measure_id"));
  return ReadRows<cases::Measure>(select, sql_internal::ReadMeasure);
}

Result<cases::HouseholdCaseRows> SqlStore::CaseRowsOf(const std::vector<std::string>& households) {
  const std::vector<std::string> ids = internal::SortedDistinct(households);
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  sql_internal::ReadTransaction snapshot(*reader);
  XJ_RETURN_IF_ERROR(snapshot.Begin());
  cases::HouseholdCaseRows rows;
  // Each kind's rows of one household through its index; appended household by household.
  auto append = [&](const char* select_sql, const char* order, const std::string& id, auto read,
                    auto& to) -> Status {
    XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(select_sql) +
                                                     "WHERE household_id = ?1 ORDER BY " + order));
    select.BindText(1, id);
    XJ_ASSIGN_OR_RETURN(auto read_rows,
                        ReadRows<typename std::decay_t<decltype(to)>::value_type>(select, read));
    std::move(read_rows.begin(), read_rows.end(), std::back_inserter(to));
    return Status::Ok();
  };
  for (const std::string& id : ids) {
    XJ_RETURN_IF_ERROR(append(sql_internal::kSelectEpisode, "episode_id", id,
                              sql_internal::ReadEpisode, rows.episodes));
    XJ_RETURN_IF_ERROR(
        append(sql_internal::kSelectCase, "case_id", id, sql_internal::ReadCase, rows.cases));
    XJ_RETURN_IF_ERROR(append(sql_internal::kSelectMeasure, "measure_id", id,
                              sql_internal::ReadMeasure, rows.measures));
    XJ_RETURN_IF_ERROR(
        append(sql_internal::kSelectLead, "lead_id", id, sql_internal::ReadLead, rows.leads));
  }
  return rows;
}

Result<int64_t> SqlStore::CaseDataStamp() {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare("SELECT value FROM change_stamp "
                                                   "WHERE name = 'case_data'"));
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return DataLoss("the change stamp of the case data is missing from " + database());
  return select.Int(0);
}

Result<cases::CaseDataChanges> SqlStore::CaseDataChangesAfter(int64_t after) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  // One statement, so one snapshot of the log: its first and last entries, which say whether it
  // still reaches back to `after`, and the changes after `after`. A compound of three seeks on
  // the primary key (an OR of the three conditions scans the whole log).
  XJ_ASSIGN_OR_RETURN(auto select,
                      reader->Prepare("SELECT seq, household_id FROM case_data_change WHERE seq = "
                                      "(SELECT min(seq) FROM case_data_change) "
                                      "UNION ALL SELECT seq, household_id FROM case_data_change "
                                      "WHERE seq = (SELECT max(seq) FROM case_data_change) "
                                      "UNION ALL SELECT seq, household_id FROM case_data_change "
                                      "WHERE seq > ?1"));
  select.Bind(1, after < 0 ? INT64_MAX : after);
  cases::CaseDataChanges changes;
  int64_t first = INT64_MAX;
  std::set<std::string> households;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    const int64_t seq = select.Int(0);
    first = std::min(first, seq);
    changes.last = std::max(changes.last, seq);
    if (after >= 0 && seq > after) households.emplace(select.Text(1));
  }
  if (first == INT64_MAX) first = 1;  // an empty log
  if (after < 0) return changes;
  changes.complete = after <= changes.last && after >= first - 1;
  if (changes.complete) changes.households.assign(households.begin(), households.end());
  return changes;
}

Result<std::optional<WorkflowLimits>> SqlStore::GetLimits(const std::string& province) {
  XJ_ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  XJ_ASSIGN_OR_RETURN(auto select, reader->Prepare(std::string(sql_internal::kSelectLimits) +
                                                   "WHERE province = ?1"));
  select.BindText(1, province);
  XJ_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<WorkflowLimits>();
  return std::optional<WorkflowLimits>(sql_internal::ReadLimits(select));
}

}  // namespace xianjie::store
