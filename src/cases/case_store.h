// The storage port of cases, their events and attachments, leads, monitoring episodes, measures,
// workflow limits and public applications (docs/decisions/0005), implemented in src/store/
// (memory, sqlite; migrations 0006, 0007, 0008). Thread-safe. Writes that belong together are one call, so that a
// backend can make them one transaction: a case with its first event and lead; an event with the
// case's new row and the episode it opens or closes.
#ifndef XIANJIE_CASES_CASE_STORE_H_
#define XIANJIE_CASES_CASE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "cases/application.h"
#include "cases/case.h"
#include "cases/deadlines.h"
#include "cases/measure.h"

namespace xianjie::cases {

// A case to open: its row (id and version ignored), its `open` event (case_id and seq ignored)
// and the lead that opened it (id and case_id ignored).
struct NewCase {
  CaseRecord record;
  EventRecord opened;
  Lead lead;
};

// A lead joining an open case: the lead and the case's `join_lead` event with the case's new
// row (compare-and-set as in AppendEvent).
struct EventWrite {
  CaseRecord next;       // the case after the event; next.version = record.seq
  EventRecord record;
  int64_t expected_version = 0;  // the version the event was computed from
  // County approval of an identification case: the episode to open (id ignored); the store sets
  // next.episode_id to the new episode's id. Of an elimination case: the episode (by id) to
  // close, with eliminated_on, method and elimination_case filled.
  std::optional<Episode> open_episode;
  std::optional<Episode> close_episode;
  std::optional<Lead> lead;  // a lead joining this case (join_lead); its case_id is set
};

struct CaseFilter {
  std::string region_prefix;  // village code prefix; "" = all
  std::optional<CaseKind> kind;
  std::vector<CaseState> states;  // any of these; empty = any
  bool open_only = false;         // not terminal
  std::string household_id;       // "" = any
  int64_t offset = 0;
  int64_t limit = 0;              // 0 = no limit
};

// What changed in the case data after a point of its change log (CaseStore::CaseDataChanges).
struct CaseDataChanges {
  int64_t last = 0;  // the log's last sequence number (0 before the first logged write)
  // False when the log no longer holds every change after the point asked for (it keeps the
  // latest kCaseDataLogKept), or the point is past `last` (another database): read it all again.
  bool complete = true;
  std::vector<std::string> households;  // distinct, ascending
};
// How many changes the log keeps at least.
inline constexpr int64_t kCaseDataLogKept = 100'000;

// The case rows of some households (CaseStore::CaseRowsOf), each kind by household, then id.
struct HouseholdCaseRows {
  std::vector<Episode> episodes;
  std::vector<CaseRecord> cases;
  std::vector<Measure> measures;
  std::vector<Lead> leads;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Opens the cases, each with its first event and lead, all or none; returns their ids in
  // order. kFailedPrecondition when a household already has an open case (of any kind) or a
  // lead's (household, source) was already recorded — nothing is written then.
  virtual Result<std::vector<int64_t>> OpenCases(const std::vector<NewCase>& cases) = 0;

  // Stores one event with the case's new row, iff the stored version is expected_version
  // (else kAborted: "the case changed meanwhile; reload it and try again"), with the episode
  // change and joining lead it carries. kNotFound for an unknown case.
  virtual Status AppendEvent(const EventWrite& write) = 0;

  virtual Result<std::optional<CaseRecord>> GetCase(int64_t id) = 0;
  // The household's open case, if any (at most one at a time).
  virtual Result<std::optional<CaseRecord>> OpenCaseOf(const std::string& household_id) = 0;
  // By id. `total` gets the number of matches before offset/limit when not null.
  virtual Result<std::vector<CaseRecord>> ListCases(const CaseFilter& filter,
                                                    int64_t* total = nullptr) = 0;
  // Every event of the case, by seq.
  virtual Result<std::vector<EventRecord>> CaseEvents(int64_t case_id) = 0;

  // A lead recorded without a case (on a monitoring episode); kFailedPrecondition when its
  // (household, source) was already recorded. Returns its id.
  virtual Result<int64_t> AddLead(const Lead& lead) = 0;
  // The household's leads, by id.
  virtual Result<std::vector<Lead>> LeadsOf(const std::string& household_id) = 0;
  // The households with a lead from `source` ("run:17"), sorted: leads are idempotent per
  // source, and a run's leads are taken in one pass.
  virtual Result<std::vector<std::string>> HouseholdsWithLead(const std::string& source) = 0;
  // The leads whose source starts with `source_prefix` ("dept:": those of department warnings;
  // "" = all), by id: what the analytics read at once.
  virtual Result<std::vector<Lead>> ListLeads(const std::string& source_prefix) = 0;

  // Stores a file for a case; returns its id (content and metadata; sha256 and bytes are
  // computed by the caller).
  virtual Result<int64_t> PutAttachment(const Attachment& meta, const std::string& content) = 0;
  virtual Result<std::optional<Attachment>> GetAttachment(int64_t id, std::string* content) = 0;

  // The household's episodes, by id.
  virtual Result<std::vector<Episode>> EpisodesOf(const std::string& household_id) = 0;
  // The episodes of households whose village starts with the prefix ("" = all), by id; only
  // the open ones (not eliminated) when `open_only`.
  virtual Result<std::vector<Episode>> ListEpisodes(const std::string& region_prefix,
                                                    bool open_only) = 0;
  // How many ListEpisodes would return, without reading them (the dashboard's monitoring
  // objects).
  virtual Result<int64_t> CountEpisodes(const std::string& region_prefix, bool open_only) = 0;

  // Stores a measure and returns its id: a new one when measure.id is 0, else it replaces the
  // stored measure of that id (its status changed, its end set). kInvalidArgument as
  // cases::CheckMeasure says, or when the replaced measure is of another household; kNotFound
  // for an id that was never stored.
  virtual Result<int64_t> PutMeasure(const Measure& measure) = 0;
  // The household's measures, by id.
  virtual Result<std::vector<Measure>> MeasuresOf(const std::string& household_id) = 0;
  // Every measure, by id: what the analytics read at once.
  virtual Result<std::vector<Measure>> ListMeasures() = 0;
  // The rows of `households` (any order; a repeated one counts once) read at one moment:
  // what EpisodesOf, ListCases by household_id, MeasuresOf and LeadsOf give for each of them,
  // each kind by household, then id. What the analytics read after a write, for the households
  // the change log names (CaseDataChangesAfter), in one pass rather than four reads each.
  virtual Result<HouseholdCaseRows> CaseRowsOf(const std::vector<std::string>& households) = 0;

  // A number that changes (grows) whenever a case (and so an event), a lead, an episode, a
  // measure or a province's workflow limits are written, by this process or another, and stays
  // the same otherwise (reads, refused writes): what a cache of figures over them is keyed on
  // (decision 0008, the village table). One small read.
  virtual Result<int64_t> CaseDataStamp() = 0;
  // The households whose cases, leads, episodes, measures or department warnings were written
  // (inserted, updated, deleted; by this process or another) after sequence number `after` of
  // the change log, which every such write appends to in its transaction: what lets a table of
  // figures be brought up to date by reading only those households' rows. `after` < 0 reads
  // only `last`. A write to the workflow limits moves the stamp but names no household.
  virtual Result<CaseDataChanges> CaseDataChangesAfter(int64_t after) = 0;

  // The limits in force for a province; nullopt when never set (the caller uses the defaults).
  virtual Result<std::optional<WorkflowLimits>> GetLimits(const std::string& province) = 0;
  virtual Status PutLimits(const std::string& province, const WorkflowLimits& limits) = 0;

  // Stores an application from the public page as received (its id ignored); returns its id.
  // kInvalidArgument when the village code, the reference or the time is empty.
  virtual Result<int64_t> PutApplication(const Application& application) = 0;
  virtual Result<std::optional<Application>> GetApplication(int64_t id) = 0;
  // By id. `total` gets the number of matches before offset/limit when not null.
  // kInvalidArgument for a negative offset or limit.
  virtual Result<std::vector<Application>> ListApplications(const ApplicationFilter& filter,
                                                            int64_t* total = nullptr) = 0;
  // Records what became of an application: replaces household_id, case_id, status, handled_by,
  // handled_at and note of the stored application of that id, iff its stored status is
  // `expected` (else kAborted: another cadre handled it meanwhile). What the applicant entered,
  // and when, is never changed. kNotFound for an unknown id.
  virtual Status UpdateApplication(const Application& application,
                                   ApplicationStatus expected) = 0;
};

}  // namespace xianjie::cases

#endif  // XIANJIE_CASES_CASE_STORE_H_
