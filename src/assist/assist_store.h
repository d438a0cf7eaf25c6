// The storage port of assistance (docs/decisions/0008): plans, responsible persons, visits and
// the versions of the provinces' measures catalogues. The measures stay in cases::CaseStore
// (with their plan_id and item_code). Implemented in src/store/ (memory, sqlite; migration
// 0011). Thread-safe; each write is one transaction.
#ifndef XIANJIE_ASSIST_ASSIST_STORE_H_
#define XIANJIE_ASSIST_ASSIST_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assist/plan.h"
#include "base/date.h"
#include "base/status.h"

namespace xianjie::assist {

struct PlanFilter {
  std::string region_prefix;     // village code prefix; "" = all
  std::vector<PlanState> states;  // any of these; empty = any
  std::string household_id;       // "" = any
  int64_t offset = 0;
  int64_t limit = 0;  // 0 = no limit
};

struct VisitFilter {
  std::string region_prefix;  // village code prefix; "" = all
  std::optional<CivilDate> from;  // visited_on on or after; none = no bound
  std::optional<CivilDate> to;    // visited_on on or before; none = no bound
  int64_t offset = 0;
  int64_t limit = 0;  // 0 = no limit
};

class AssistStore {
 public:
  virtual ~AssistStore() = default;

  // --- plans
  // Stores a new plan (its id ignored) and returns its id. kInvalidArgument as CheckPlan says;
  // kAlreadyExists when the episode already has a plan (naming it) — nothing is written then.
  virtual Result<int64_t> CreatePlan(const Plan& plan) = 0;
  // Replaces the state, updated_at, completed_by, completed_at and note of the stored plan of
  // that id, iff its stored state is `expected` (else kAborted: "the plan changed meanwhile").
  // Household, episode, village and creation never change. kInvalidArgument as CheckPlan says;
  // kNotFound for an unknown id.
  virtual Status UpdatePlan(const Plan& plan, PlanState expected) = 0;
  virtual Result<std::optional<Plan>> GetPlan(int64_t id) = 0;
  virtual Result<std::optional<Plan>> PlanOfEpisode(int64_t episode_id) = 0;
  // By id. `total` gets the number of matches before offset/limit when not null.
  // kInvalidArgument for a negative offset or limit.
  virtual Result<std::vector<Plan>> ListPlans(const PlanFilter& filter,
                                              int64_t* total = nullptr) = 0;

  // --- responsible persons
  // Makes `next` the household's current responsible person (its id ignored; its `to` must be
  // unset) and returns its id; the current one, if any, gets to = next.from − 1 day in the same
  // transaction. kInvalidArgument as CheckResponsiblePerson says, when next.to is set, or when
  // next.from is not after the current one's from (the periods would overlap) — naming the
  // current one's dates; nothing is written then.
  virtual Result<int64_t> AssignResponsible(const ResponsiblePerson& next) = 0;
  // The household's responsible persons, oldest first (by id); the current one, if any, is the
  // last, with `to` unset.
  virtual Result<std::vector<ResponsiblePerson>> ResponsibleOf(const std::string& household_id) = 0;

  // --- visits
  // Stores a visit (its id ignored) and returns its id. kInvalidArgument as CheckVisit says.
  virtual Result<int64_t> AddVisit(const Visit& visit) = 0;
  // The household's visits, newest first (by visited_on, then id, descending).
  virtual Result<std::vector<Visit>> VisitsOf(const std::string& household_id) = 0;
  // The visits of households whose village starts with the prefix, in [from, to], by
  // visited_on then id. `total` as for ListPlans. kInvalidArgument for a negative offset or
  // limit, or `to` before `from`.
  virtual Result<std::vector<Visit>> ListVisits(const VisitFilter& filter,
                                                int64_t* total = nullptr) = 0;

  // --- catalogue versions
  // Stores the next version of the province's catalogue (version ignored: the highest + 1, from
  // 1) and returns its number. kInvalidArgument as CheckCatalogVersion says.
  virtual Result<int64_t> PutCatalogVersion(const CatalogVersion& version) = 0;
  // The province's highest version, or nullopt when it has none.
  virtual Result<std::optional<CatalogVersion>> LatestCatalogVersion(
      const std::string& province) = 0;
  // Every version of the province, oldest first.
  virtual Result<std::vector<CatalogVersion>> CatalogVersions(const std::string& province) = 0;
};

}  // namespace xianjie::assist

#endif  // XIANJIE_ASSIST_ASSIST_STORE_H_
