// The village table of a workspace view (service/analytics.h, VillageTableOf): read the case data
// once, judge the quality of the eliminations that changed, count the registry once per view and
// school age, build the table, and keep it in the view's memo under the case data's change
// stamp; after a write, read only the households the store's change log names and bring the
// tables up to date with their rows (decision 0008, "Incremental village table").
#include <algorithm>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>

#include "analytics/village_table.h"
#include "assist/catalog.h"
#include "assist/coordination.h"
#include "cases/case.h"
#include "cases/elimination.h"
#include "service/analytics.h"
#include "service/cases.h"
#include "service/elimination.h"

namespace xianjie::service {
namespace {

constexpr char kVillageTablesKey[] = "analytics:village_tables";

// Every row of the case data the table reads.
struct CaseRows {
  std::vector<cases::Episode> episodes;
  std::vector<cases::CaseRecord> cases;
  std::vector<cases::Measure> measures;
  std::vector<cases::Lead> leads;
  std::vector<exchange::DeptWarning> warnings;
};

// The rows with the episodes whose elimination has a quality problem.
struct CaseRowsAndProblems {
  CaseRows rows;
  std::vector<int64_t> problem_episodes;
};

// At most this many households changed are read (CaseRowsOf: indexed reads of each in one
// snapshot); more, and the case data is read again whole. On a million households a thousand
// households' update took about a third of reading all (docs/benchmarks.md, "Analytics").
constexpr size_t kMaxHouseholdsUpdated = 2000;

// What a table was made with besides the case data: a table whose inputs differ from today's
// (a standard, the catalogue or a limit changed) is made again, not brought up to date.
struct TableInputs {
  analytics::SchoolAge school;
  analytics::CountingRules rules;
  std::map<std::string, int, std::less<>> overall_days;
  bool operator==(const TableInputs&) const = default;
};

// The village tables of one view, by year, and the quality judgements they were made with. Lives
// in the view's memo (which holds it const), so what changes is mutable and guarded here.
struct VillageTableCache {
  // Held while making a table, so that concurrent first requests make it once.
  mutable std::mutex make_mu;
  mutable std::mutex mu;
  struct Entry {
    CivilDate as_of;
    int64_t stamp = -1;
    std::shared_ptr<const analytics::VillageTable> table;
    TableInputs inputs;
  };
  mutable std::map<int, Entry> by_year;  // guarded by mu
  // The case data and the eliminations with a quality problem at `rows_stamp`, and the point of
  // the store's change log they include: read once for the tables of every year made at that
  // stamp, then brought up to date household by household (guarded by make_mu).
  mutable int64_t rows_stamp = -1;
  mutable int64_t rows_seq = 0;
  mutable std::shared_ptr<CaseRowsAndProblems> rows;
  // The registry's figures by school age (reference date as YYYYMMDD, ages): the snapshot is the
  // view's, so they hold for every stamp (guarded by make_mu).
  mutable std::map<std::tuple<int32_t, int, int>, std::shared_ptr<const analytics::RegistryPart>>
      registry;
  // Per household with an eliminated episode: the signature of the rows its quality was judged
  // on, and its episodes with a problem.
  struct Judged {
    uint64_t signature = 0;
    std::vector<int64_t> problem_episodes;
  };
  mutable std::unordered_map<std::string, Judged> quality;  // guarded by make_mu
};

std::shared_ptr<const VillageTableCache> CacheOf(const WorkspaceView& view) {
  if (auto cache = view.Recall<VillageTableCache>(kVillageTablesKey)) return cache;
  view.Remember(kVillageTablesKey, std::make_shared<const VillageTableCache>());
  return view.Recall<VillageTableCache>(kVillageTablesKey);  // the first stored wins
}

// The table of `year` in the cache if it was made on `as_of` at `stamp`, else nullptr.
std::shared_ptr<const analytics::VillageTable> Cached(const VillageTableCache& cache, int year,
                                                      CivilDate as_of, int64_t stamp) {
  std::lock_guard lock(cache.mu);
  auto it = cache.by_year.find(year);
  if (it == cache.by_year.end() || it->second.as_of != as_of || it->second.stamp != stamp) {
    return nullptr;
  }
  return it->second.table;
}

Result<CaseRows> ReadCaseRows(store::Database& db) {
  CaseRows rows;
  XJ_ASSIGN_OR_RETURN(rows.episodes, db.ListEpisodes("", false));
  XJ_ASSIGN_OR_RETURN(rows.cases, db.ListCases({}));
  XJ_ASSIGN_OR_RETURN(rows.measures, db.ListMeasures());
  XJ_ASSIGN_OR_RETURN(rows.leads, db.ListLeads("dept:"));
  XJ_ASSIGN_OR_RETURN(rows.warnings, db.Warnings(0));
  return rows;
}

// FNV-1a, 64 bits, over what the quality checks read of a household besides its registry
// versions (which the view holds fixed).
class Signature {
 public:
  void Add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
    Add(int64_t{-1});  // a separator, so that ("ab", "c") and ("a", "bc") differ
  }
  void Add(int64_t n) {
    for (int i = 0; i < 8; ++i) {
      hash_ ^= static_cast<uint64_t>(n >> (8 * i)) & 0xff;
      hash_ *= 0x100000001b3ULL;
    }
  }
  void Add(std::optional<CivilDate> d) { Add(int64_t{d ? d->ToYmdNumber() : 0}); }
  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// The quality problems' episodes, judging again only the households whose episodes, measures or
// cases changed since the cache's last judgement. Requires cache.make_mu held.
Result<std::vector<int64_t>> ProblemEpisodes(Workspace& ws, const VillageTableCache& cache,
                                             const CaseRows& rows) {
  // The households with an eliminated episode, with their rows.
  std::unordered_map<std::string_view, cases::EliminationHistory> households;
  for (const cases::Episode& e : rows.episodes) {
    if (e.eliminated_on) households[e.household_id].household_id = e.household_id;
  }
  for (const cases::Episode& e : rows.episodes) {
    if (auto it = households.find(e.household_id); it != households.end()) {
      it->second.episodes.push_back(e);
    }
  }
  for (const cases::Measure& m : rows.measures) {
    if (auto it = households.find(m.household_id); it != households.end()) {
      it->second.measures.push_back(m);
    }
  }
  for (const cases::CaseRecord& c : rows.cases) {
    if (auto it = households.find(c.household_id); it != households.end()) {
      it->second.cases.push_back(c);
    }
  }
  std::vector<cases::EliminationHistory> to_judge;
  std::unordered_map<std::string, uint64_t> signatures;
  for (auto& [id, history] : households) {
    Signature sig;
    for (const cases::Episode& e : history.episodes) {
      sig.Add(e.id);
      sig.Add(std::optional<CivilDate>(e.identified_on));
      sig.Add(e.eliminated_on);
      sig.Add(e.village_code);
      sig.Add(e.method);
      sig.Add(e.risks);
    }
    for (const cases::Measure& m : history.measures) {
      sig.Add(m.id);
      sig.Add(static_cast<int64_t>(m.status));
      sig.Add(std::optional<CivilDate>(m.start));
      sig.Add(m.end);
    }
    for (const cases::CaseRecord& c : history.cases) {
      sig.Add(c.id);
      sig.Add(c.version);
    }
    auto judged = cache.quality.find(history.household_id);
    if (judged == cache.quality.end() || judged->second.signature != sig.value()) {
      signatures[history.household_id] = sig.value();
      to_judge.push_back(std::move(history));
    }
  }
  XJ_ASSIGN_OR_RETURN(std::vector<cases::QualityProblem> problems,
                      QualityProblemsOf(ws, std::move(to_judge)));
  for (const auto& [household, signature] : signatures) {
    cache.quality[household] = {signature, {}};
  }
  for (const cases::QualityProblem& p : problems) {
    std::vector<int64_t>& episodes = cache.quality[p.household_id].problem_episodes;
    if (std::find(episodes.begin(), episodes.end(), p.episode_id) == episodes.end()) {
      episodes.push_back(p.episode_id);
    }
  }
  std::vector<int64_t> out;
  for (const auto& [household, judged] : cache.quality) {
    out.insert(out.end(), judged.problem_episodes.begin(), judged.problem_episodes.end());
  }
  return out;
}

// The province of the view's registry ("" when it holds no household).
std::string ProvinceOf(const WorkspaceView& view) {
  if (view.villages.empty()) return "";
  return std::to_string(view.villages.front().village / 10'000'000'000ULL);
}

// The school age of the province's standard for `year` (the latest up to it), its reference
// date moved into `year` when the standard is of an earlier year; the shipped values without one.
analytics::SchoolAge SchoolAgeOf(Workspace& ws, const std::string& province, int year) {
  analytics::SchoolAge school{CivilDate::FromYmd(year, 9, 1), 6, 15};
  if (province.empty()) return school;
  auto resolved = ws.StandardOnOrBefore(province, "", year);
  if (!resolved.ok()) return school;
  for (const rules::Parameter& p : (*resolved)->standard.parameters) {
    if (p.name == "school_reference_date" && std::holds_alternative<CivilDate>(p.value)) {
      const CivilDate d = std::get<CivilDate>(p.value);
      const int day = std::min(d.day(), d.month() == 2 ? 28 : d.day());
      school.reference_date = CivilDate::FromYmd(year + d.year() - (*resolved)->standard.year,
                                                 d.month(), day);
    } else if (p.name == "compulsory_age_min" && std::holds_alternative<int64_t>(p.value)) {
      school.min_age = static_cast<int>(std::get<int64_t>(p.value));
    } else if (p.name == "compulsory_age_max" && std::holds_alternative<int64_t>(p.value)) {
      school.max_age = static_cast<int>(std::get<int64_t>(p.value));
    }
  }
  return school;
}

// Development categories from the province's catalogue in force (its latest stored version,
// else the built-in one); what counts and labour capacity from the coordination checks' file.
Result<analytics::CountingRules> CountingRulesFor(store::Database& db,
                                                  const std::string& province) {
  if (!province.empty()) {
    XJ_ASSIGN_OR_RETURN(std::optional<assist::CatalogVersion> stored,
                        db.LatestCatalogVersion(province));
    if (stored) {
      auto catalog = assist::ParseMeasureCatalog(
          stored->text, "catalogue version " + std::to_string(stored->version));
      if (!catalog.ok()) {
        return DataLoss("the measures catalogue in force in province " + province +
                        " does not parse: " + catalog.status().message());
      }
      return analytics::CountingRulesOf(*catalog, assist::BuiltinCoordination());
    }
  }
  return analytics::CountingRulesOf(assist::BuiltinMeasureCatalog(),
                                    assist::BuiltinCoordination());
}

// The inputs of the table of `year` besides the case data, as they are now.
Result<TableInputs> InputsOf(Workspace& ws, const WorkspaceView& view, const CaseRows& rows,
                             int year) {
  store::Database& db = ws.database();
  const std::string province = ProvinceOf(view);
  TableInputs inputs;
  inputs.school = SchoolAgeOf(ws, province, year);
  XJ_ASSIGN_OR_RETURN(inputs.rules, CountingRulesFor(db, province));
  std::set<std::string> provinces;
  if (!province.empty()) provinces.insert(province);
  for (const cases::CaseRecord& c : rows.cases) provinces.insert(c.village_code.substr(0, 2));
  for (const std::string& p : provinces) {
    XJ_ASSIGN_OR_RETURN(const cases::WorkflowLimits limits, LimitsFor(db, p));
    inputs.overall_days[p] = limits.overall_days;
  }
  return inputs;
}

analytics::VillageTableInput InputOf(const WorkspaceView& view, const TableInputs& inputs,
                                     int year, CivilDate as_of) {
  analytics::VillageTableInput in;
  in.year = year;
  in.as_of = as_of;
  in.snapshot = &view.snapshot();
  in.school = inputs.school;
  in.rules = inputs.rules;
  in.overall_days = inputs.overall_days;
  return in;
}

void SetRows(analytics::VillageTableInput& in, const CaseRows& rows,
             std::span<const int64_t> problem_episodes) {
  in.episodes = rows.episodes;
  in.cases = rows.cases;
  in.measures = rows.measures;
  in.leads = rows.leads;
  in.warnings = rows.warnings;
  in.problem_episodes = problem_episodes;
}

// The rows of `households` taken out of `rows` (a scan of every row held: a hash lookup each).
template <typename Row>
std::vector<Row> TakeRows(std::vector<Row>& rows,
                          const std::unordered_set<std::string_view>& households) {
  auto changed = [&households](const Row& r) { return households.contains(r.household_id); };
  std::vector<Row> taken;
  std::copy_if(rows.begin(), rows.end(), std::back_inserter(taken), changed);
  std::erase_if(rows, changed);
  return taken;
}

// The rows of `households` as the store holds them now.
Result<CaseRows> ReadHouseholdRows(store::Database& db,
                                   const std::vector<std::string>& households) {
  XJ_ASSIGN_OR_RETURN(cases::HouseholdCaseRows read, db.CaseRowsOf(households));
  CaseRows rows;
  rows.episodes = std::move(read.episodes);
  rows.cases = std::move(read.cases);
  rows.measures = std::move(read.measures);
  for (cases::Lead& l : read.leads) {
    if (l.source.starts_with("dept:")) rows.leads.push_back(std::move(l));  // as ReadCaseRows
  }
  XJ_ASSIGN_OR_RETURN(rows.warnings, db.WarningsOfHouseholds(households));
  return rows;
}

// The cache's case data brought from its stamp to `stamp` by reading the households the change
// log names since, and every table made at its stamp with the same inputs as now brought up to
// date with them (the others dropped, to be made again). An error leaves the cache's rows
// partly changed: the caller then reads them all again. Requires cache.make_mu held.
Status UpdateCaseData(Workspace& ws, const WorkspaceView& view, const VillageTableCache& cache,
                      int64_t stamp) {
  store::Database& db = ws.database();
  XJ_ASSIGN_OR_RETURN(const cases::CaseDataChanges changes,
                      db.CaseDataChangesAfter(cache.rows_seq));
  if (!changes.complete) return FailedPrecondition("the change log does not reach back");
  if (changes.households.size() > kMaxHouseholdsUpdated) {
    return FailedPrecondition("too many households changed");
  }
  XJ_ASSIGN_OR_RETURN(CaseRows fresh, ReadHouseholdRows(db, changes.households));
  CaseRowsAndProblems& held = *cache.rows;
  const std::unordered_set<std::string_view> changed(changes.households.begin(),
                                                     changes.households.end());
  CaseRows old;
  old.episodes = TakeRows(held.rows.episodes, changed);
  old.cases = TakeRows(held.rows.cases, changed);
  old.measures = TakeRows(held.rows.measures, changed);
  old.leads = TakeRows(held.rows.leads, changed);
  old.warnings = TakeRows(held.rows.warnings, changed);
  const std::vector<int64_t> old_problems = held.problem_episodes;
  XJ_ASSIGN_OR_RETURN(held.problem_episodes, ProblemEpisodes(ws, cache, fresh));
  auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
  append(held.rows.episodes, fresh.episodes);
  append(held.rows.cases, fresh.cases);
  append(held.rows.measures, fresh.measures);
  append(held.rows.leads, fresh.leads);
  append(held.rows.warnings, fresh.warnings);

  std::map<int, VillageTableCache::Entry> tables;
  {
    std::lock_guard lock(cache.mu);
    tables = cache.by_year;
  }
  std::map<int, VillageTableCache::Entry> updated;
  for (const auto& [year, entry] : tables) {
    if (entry.stamp != cache.rows_stamp) continue;
    XJ_ASSIGN_OR_RETURN(TableInputs inputs, InputsOf(ws, view, held.rows, year));
    if (!(inputs == entry.inputs)) continue;
    analytics::VillageTableInput before = InputOf(view, inputs, year, entry.as_of);
    analytics::VillageTableInput after = before;
    SetRows(before, old, old_problems);
    SetRows(after, fresh, held.problem_episodes);
    XJ_ASSIGN_OR_RETURN(analytics::VillageTable table,
                        analytics::UpdateVillageTable(*entry.table, before, after));
    updated[year] = {entry.as_of, stamp,
                     std::make_shared<const analytics::VillageTable>(std::move(table)),
                     std::move(inputs)};
  }
  std::lock_guard lock(cache.mu);
  cache.by_year = std::move(updated);
  cache.rows_stamp = stamp;
  cache.rows_seq = changes.last;
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<const analytics::VillageTable>> VillageTableOf(
    Workspace& ws, const std::shared_ptr<const WorkspaceView>& view, int year, CivilDate as_of) {
  store::Database& db = ws.database();
  const std::shared_ptr<const VillageTableCache> cache = CacheOf(*view);
  // The stamp before the rows: a write in between makes the next request read them again.
  XJ_ASSIGN_OR_RETURN(int64_t stamp, db.CaseDataStamp());
  if (auto table = Cached(*cache, year, as_of, stamp)) return table;
  std::lock_guard making(cache->make_mu);
  // Again under the lock: another request may have made the table meanwhile, after a newer write.
  XJ_ASSIGN_OR_RETURN(stamp, db.CaseDataStamp());
  if (auto table = Cached(*cache, year, as_of, stamp)) return table;

  if (cache->rows != nullptr && cache->rows_stamp != stamp) {
    if (!UpdateCaseData(ws, *view, *cache, stamp).ok()) {
      cache->rows = nullptr;  // read it all again below
    } else if (auto table = Cached(*cache, year, as_of, stamp)) {
      return table;
    }
  }
  if (cache->rows_stamp != stamp || cache->rows == nullptr) {
    auto read = std::make_shared<CaseRowsAndProblems>();
    // The log's point before the rows: what is written meanwhile is read again next time.
    XJ_ASSIGN_OR_RETURN(const cases::CaseDataChanges log, db.CaseDataChangesAfter(-1));
    XJ_ASSIGN_OR_RETURN(read->rows, ReadCaseRows(db));
    XJ_ASSIGN_OR_RETURN(read->problem_episodes, ProblemEpisodes(ws, *cache, read->rows));
    cache->rows = std::move(read);
    cache->rows_stamp = stamp;
    cache->rows_seq = log.last;
  }
  const CaseRows& rows = cache->rows->rows;
  XJ_ASSIGN_OR_RETURN(TableInputs inputs, InputsOf(ws, *view, rows, year));
  analytics::VillageTableInput in = InputOf(*view, inputs, year, as_of);
  std::shared_ptr<const analytics::RegistryPart>& part = cache->registry[std::make_tuple(
      in.school.reference_date.ToYmdNumber(), in.school.min_age, in.school.max_age)];
  if (part == nullptr) {
    part = std::make_shared<const analytics::RegistryPart>(
        analytics::BuildRegistryPart(view->snapshot(), in.school));
  }
  in.registry = part.get();
  SetRows(in, rows, cache->rows->problem_episodes);
  XJ_ASSIGN_OR_RETURN(analytics::VillageTable built, analytics::BuildVillageTable(in));
  auto table = std::make_shared<const analytics::VillageTable>(std::move(built));
  std::lock_guard lock(cache->mu);
  cache->by_year[year] = {as_of, stamp, table, std::move(inputs)};
  return std::shared_ptr<const analytics::VillageTable>(table);
}

Status WarmAnalytics(Workspace& ws) {
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  const CivilDate today = cases::ChinaDateOf(ws.Now());
  for (int year = today.year() - 2; year <= today.year(); ++year) {
    const CivilDate as_of = year == today.year() ? today : CivilDate::FromYmd(year, 12, 31);
    auto table = VillageTableOf(ws, view, year, as_of);
    if (!table.ok()) return table.status();
  }
  return Status::Ok();
}

}  // namespace xianjie::service
