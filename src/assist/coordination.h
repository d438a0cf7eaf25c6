// The coordination checks C01–C11 (帮扶措施匹配和衔接检查, DOMAIN.md §7.2; decision 0008): fixed
// policy written in C++ over one household's registry record, its monitoring episode and the
// measures of its plan, with their titles, what to do and parameters read strictly from TOML
// (config/coordination.toml is built in). Pure: no store; the caller turns each problem into an
// `assist` finding (one per check and evidence key) and decides when to run them.
#ifndef XIANJIE_ASSIST_COORDINATION_H_
#define XIANJIE_ASSIST_COORDINATION_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "cases/case.h"
#include "cases/measure.h"
#include "registry/codes.h"
#include "registry/household.h"

namespace xianjie::assist {

// The ids of the checks, in order; a coordination file defines each exactly once.
inline constexpr std::array<std::string_view, 11> kCoordinationCheckIds = {
    "C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10", "C11"};

struct CoordinationCheck {
  std::string id;  // "C01"
  std::string title_zh;
  std::string title_en;
  std::string action_zh;  // one sentence: what to do about it
  std::string action_en;
  bool enabled = true;
  // The categories that satisfy the check (C01–C08, C11; empty for C09 and C10), distinct, in
  // the file's order.
  std::vector<cases::MeasureCategory> categories;
  // C01 only: a household with labour capacity whose counted measures all fall in these fails
  // C01 (disjoint from `categories`).
  std::vector<cases::MeasureCategory> only_categories;
  int months = 0;  // C09 only: 1..120
  int line = 0;    // of the check's id in the file

  bool Satisfies(cases::MeasureCategory category) const;
};

struct Coordination {
  // The statuses of a measure that count ("counted" below); distinct, at least one.
  std::vector<cases::MeasureStatus> counted_statuses;
  // The labour codes that mean labour capacity; distinct, at least one.
  std::vector<registry::Labor> labour_capacity;
  // One per id of kCoordinationCheckIds, in that order.
  std::vector<CoordinationCheck> checks;
  std::string origin;

  // The check `id` ("C09"), or nullptr.
  const CoordinationCheck* Find(std::string_view id) const;
  // Whether `measure` counts: its status is one of counted_statuses.
  bool Counts(const cases::Measure& measure) const;
  // Whether `member` gives the household labour capacity: a counted member (shares_household)
  // whose labour code is one of labour_capacity.
  bool HasLabourCapacity(const registry::Member& member) const;
};

// Parses a coordination file. kInvalidArgument "<origin>:<line>:<col>: <key path>: <what>; <what
// to do>" for a TOML syntax error (a key written twice in one table among them), an unknown key
// (at the top, or in a check: each check allows only its own parameters), a check id that is not
// C01–C11, a check given twice or missing, a missing or blank title or action, `categories`
// missing where the check needs it, empty, repeating a category or naming one that is not of
// DOMAIN.md §7.1, C01's only_categories likewise or sharing a category with its `categories`,
// C09's months missing, not an integer or outside 1..120, counted_statuses or labour_capacity
// missing, empty, repeated or naming an unknown status or labour code. Thread-safe.
Result<Coordination> ParseCoordination(std::string_view text, std::string origin);

// config/coordination.toml as built into the binary (parsed once; a broken file aborts, and its
// test fails first).
const Coordination& BuiltinCoordination();

struct CoordinationInput {
  registry::HouseholdRecord household;   // its registry record now
  cases::Episode episode;                // risks "R01;R09", identified_on = the approval day
  std::vector<cases::Measure> measures;  // the plan's, any order (ids distinct)
  CivilDate today;
};

struct CoordinationProblem {
  std::string check;                 // "C01"
  std::string member_id_number;      // "" unless the problem is one member's (C08, C10)
  std::vector<int64_t> measure_ids;  // the measures involved (C10's two, ascending), else empty
  // Stable for the same problem, so that running the checks again finds it again rather than a
  // new one: "episode:<id>" (C01, C09, C11), "episode:<id>:risk:<code>" (C02–C07, and C08 when
  // no member is uninsured), "episode:<id>:member:<id number>" (C08), "measures:<a>,<b>" (C10).
  std::string evidence;
  std::string detail;  // zh-CN, for the village: what is missing and what to add
  bool operator==(const CoordinationProblem&) const = default;
};

// The problems of the enabled checks of `coordination` for one household, in the order of the
// checks, then as described below. Only counted measures are looked at (a stopped one is as if
// absent); a measure answers a risk by its category, whether it is for a member or the whole
// household, and its dates matter only to C10. Only counted members are looked at; the household
// has labour capacity when one of them does (Coordination::HasLabourCapacity). The episode's
// risks are read from `episode.risks` (codes joined by ';'); the checks run for whatever episode
// is given (the caller gives the open one).
//   C01: labour capacity, at least one counted measure, and every counted measure in C01's
//        only_categories (safety_net): it needs one of its `categories` (industry, employment).
//        With no counted measure at all the household is C09's, not C01's.
//   C02–C07: the episode has the risk (C02 R01, C03 R02, C04 R03, C05 R09, C06 R10, C07 R11)
//        and no counted measure of the check's categories.
//   C08: the episode has R12: each counted member with med_insured false and no counted measure
//        of C08's categories for that member or the whole household is one problem (in the
//        record's member order). When no counted member is uninsured in the record, the
//        household needs one such measure, for anyone (the record does not say who): one problem
//        for the household, evidence "episode:<id>:risk:R12".
//   C09: no counted measure at all and today later than identified_on + months calendar months
//        (cases::AddMonths: the day clamped to the month's end, 31 January + 1 = 28 or 29
//        February); on that day itself it is not yet late.
//   C10: two counted measures with the same item for the same person (member_id_number, "" the
//        household) whose periods overlap, both days inclusive (no end: open-ended): one problem
//        per pair, by ascending ids. The item is the catalogue's item code when both measures
//        carry one, else `item` as written.
//   C11: no labour capacity and no counted measure of C11's categories (safety_net). A household
//        with no counted member at all is not judged (as screening does not judge it: there is no
//        one living there to support, and the registry's own checks show the record).
std::vector<CoordinationProblem> CheckCoordination(const CoordinationInput& input,
                                                   const Coordination& coordination);

}  // namespace xianjie::assist

#endif  // XIANJIE_ASSIST_COORDINATION_H_
