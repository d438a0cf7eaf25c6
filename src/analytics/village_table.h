// The village table (decision 0008, "Analytics"): one row of figures per village for a year Y
// as of a day, from the registry snapshot, the monitoring episodes, the identification cases, the
// measures and the department warnings with their leads. Every figure is a count, so any region
// is the sum of its villages' rows — one contiguous range of the villages sorted by code
// (region_range.h) — and a drill-down sums the rows of each child area. Pure: the caller reads
// the stores and passes the rows in; nothing here reads a store or a clock.
//
// Where each figure is counted:
//   registry figures       by the household's village in the snapshot (the registry as it is
//                          now, whatever `as_of` says: the snapshot holds no past);
//   episode figures        by the episode's village (the household's at identification);
//   household figures      (cumulative, eliminated, relapse, lifted newly identified) by the
//                          village of the household's latest episode identified by `as_of`;
//   case figures           by the case's village; warnings by the warning's village.
// Persons are counted members (shares_household) in the snapshot; a household the snapshot does
// not hold counts as a household with 0 persons.
#ifndef XIANJIE_ANALYTICS_VILLAGE_TABLE_H_
#define XIANJIE_ANALYTICS_VILLAGE_TABLE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/region_range.h"
#include "assist/catalog.h"
#include "assist/coordination.h"
#include "base/date.h"
#include "base/status.h"
#include "cases/case.h"
#include "cases/measure.h"
#include "exchange/exchange_store.h"
#include "registry/codes.h"
#include "registry/snapshot.h"

namespace xianjie::analytics {

// The object types of DOMAIN.md §4.2 (registry::ObjectType without the guarantee gap), the risk
// types of §6 (registry::RiskType order: R01 … R12, R99), the months of a year, the measure
// categories and statuses of §7.1 (cases:: order).
inline constexpr size_t kObjectTypeCount = 3;
inline constexpr size_t kRiskCount = 13;
inline constexpr size_t kMonthCount = 12;
inline constexpr size_t kCategoryCount = cases::kAllMeasureCategories.size();
inline constexpr size_t kStatusCount = cases::kAllMeasureStatuses.size();

// The buckets of the days from lead to approval: 0–7, 8–15, 16–30, 31–60, over 60.
inline constexpr size_t kDayBucketCount = 5;
inline constexpr std::array<int64_t, kDayBucketCount - 1> kDayBucketLast = {7, 15, 30, 60};
// The bucket of `days` (>= 0; a negative count, a case approved before it opened, is bucket 0).
size_t DayBucket(int64_t days);
// "0-7", "8-15", "16-30", "31-60", "61+".
std::string_view DayBucketLabel(size_t bucket);

// The figures of one village, or of a region as the sum of its villages.
struct VillageFigures {
  // ---- registry (the snapshot)
  int64_t households = 0;
  int64_t persons = 0;  // counted members
  // Households with at least one counted member: what screening judges, and the denominator of
  // the houses and water figures.
  int64_t screenable_households = 0;
  int64_t lifted_households = 0;  // status lifted (脱贫户)
  int64_t lifted_persons = 0;
  // Guarantee gaps (DOMAIN.md §4.1's dropout, uninsured, housing_unsafe, water_unsafe), over
  // counted members and households with one: members of compulsory school age (completed years
  // on the reference date within [min, max]); of them, not enrolled; members without basic
  // medical insurance; households whose house or water is not safe.
  int64_t school_age_members = 0;
  int64_t dropouts = 0;
  int64_t uninsured = 0;
  int64_t unsafe_houses = 0;
  int64_t unsafe_water = 0;

  // ---- monitoring objects open on as_of (identified on or before, not eliminated by then)
  int64_t objects = 0;
  int64_t object_persons = 0;
  std::array<int64_t, kObjectTypeCount> objects_by_type{};  // an unknown type counts in none
  std::array<int64_t, kObjectTypeCount> persons_by_type{};
  std::array<int64_t, kRiskCount> objects_by_risk{};  // an object counts under each of its risks
  std::array<int64_t, kRiskCount> persons_by_risk{};

  // ---- episodes identified and eliminated in each month of Y, up to as_of
  std::array<int64_t, kMonthCount> identified_by_month{};
  std::array<int64_t, kMonthCount> eliminated_by_month{};
  // Of the episodes eliminated in Y up to as_of, those with at least one quality problem
  // (cases::QualityProblems, given by the caller).
  int64_t eliminations_with_problems = 0;

  // ---- households ever monitored, as of as_of
  int64_t cumulative_objects = 0;  // with an episode identified on or before as_of
  int64_t cumulative_persons = 0;
  int64_t eliminated_objects = 0;  // of them, whose latest episode was eliminated by as_of
  int64_t eliminated_persons = 0;
  // With at least one episode eliminated by as_of (now eliminated or relapsed since): the
  // households that could relapse.
  int64_t ever_eliminated = 0;
  // Households with an episode identified in Y (up to as_of) after an earlier episode of theirs
  // was eliminated (on or before that identification): eliminated households identified again.
  int64_t relapses = 0;
  // Households of status lifted whose first episode ever was identified in Y (up to as_of):
  // lifted households newly identified as monitoring objects. Disjoint from relapses.
  int64_t lifted_identified = 0;

  // ---- identification cases approved (state monitored) in Y up to as_of, by China's date of
  // closed_at; days = that date − opened_on (calendar days from the first lead)
  int64_t approved = 0;
  std::array<int64_t, kDayBucketCount> approval_days{};  // DayBucket order
  int64_t approved_within_15_days = 0;                   // days <= 15: the first two buckets
  // days − paused_days <= the province's overall limit (service::Timeliness's within_limit: the
  // deadlines do not count the days an objection paused the case)
  int64_t approved_within_limit = 0;
  int64_t approval_days_total = 0;

  // ---- measures of the objects open on as_of: a measure is the object's when it is of the
  // household and ran during the episode up to as_of (start <= as_of, end none or >=
  // identified_on), as cases::Assess reads "implemented"
  std::array<std::array<int64_t, kStatusCount>, kCategoryCount> measures{};  // [category][status]
  int64_t objects_with_measure = 0;  // with at least one counted measure (a status that counts)
  // Objects with a counted member whose labour code means labour capacity, and of them those
  // with a counted measure of a development category.
  int64_t labour_capable_objects = 0;
  int64_t labour_capable_with_development = 0;

  // ---- department warnings raised in Y up to as_of (China's date of raised_at)
  int64_t warnings = 0;
  // Of them, answered within the province's overall limit: the lead the warning became
  // (household, source "dept:<source>:<period>") was recorded on an open monitoring episode
  // (answered at once: the household is already monitored), or its case reached a terminal
  // state (monitored, eliminated, rejected, dismissed) on or before as_of and within the limit
  // in calendar days from the warning's date.
  int64_t warnings_answered = 0;

  // Every field added; subtracted.
  VillageFigures& operator+=(const VillageFigures& other);
  VillageFigures& operator-=(const VillageFigures& other);
  bool operator==(const VillageFigures&) const = default;
};

// Compulsory school age for the dropout figure: completed years on `reference_date` within
// [min_age, max_age] (the standards' school_reference_date, compulsory_age_min and _max).
struct SchoolAge {
  CivilDate reference_date;
  int min_age = 6;
  int max_age = 15;
  bool operator==(const SchoolAge&) const = default;
};

// What counts, from the measures catalogue and the coordination file.
struct CountingRules {
  std::array<bool, kCategoryCount> development{};  // by category: builds own income
  std::array<bool, kStatusCount> counted_status{};  // by status: the measure counts
  std::array<bool, 5> labour_capacity{};            // by registry::Labor: capacity to work
  bool operator==(const CountingRules&) const = default;
};
// development from the catalogue's categories; counted statuses and labour capacity from the
// coordination file (the same rules C01–C11 use).
CountingRules CountingRulesOf(const assist::MeasureCatalog& catalog,
                              const assist::Coordination& coordination);

// The registry's figures of each village of a snapshot (the "registry" group of VillageFigures;
// the other fields 0), by village code: what BuildVillageTable would count from the snapshot for
// `school`, made once per snapshot and school age and reused by the tables of any as-of day and
// case data (a scan of every household and member, the table's largest cost).
struct RegistryPart {
  SchoolAge school;
  std::vector<uint64_t> villages;    // 12-digit codes as numbers, ascending
  std::vector<VillageFigures> rows;  // aligned with villages
};
RegistryPart BuildRegistryPart(const registry::Snapshot& snapshot, const SchoolAge& school);

struct VillageTableInput {
  int year = 0;     // Y: 2000..2100
  CivilDate as_of;  // a day of Y
  const registry::Snapshot* snapshot = nullptr;  // required
  SchoolAge school;
  CountingRules rules;
  // The overall limit (days from first lead to approval) by province (2 digits); a province
  // not named has cases::WorkflowLimits' default (15).
  std::map<std::string, int, std::less<>> overall_days;
  std::span<const cases::Episode> episodes;  // every episode, any order
  std::span<const cases::CaseRecord> cases;  // every case of any kind, any order
  std::span<const cases::Measure> measures;  // every measure, any order
  // Leads of channel department_warning (others are ignored), to find each warning's case.
  std::span<const cases::Lead> leads;
  std::span<const exchange::DeptWarning> warnings;  // every department warning
  // The ids of eliminated episodes with at least one quality problem (cases::QualityProblems).
  std::span<const int64_t> problem_episodes;
  // Optional: BuildRegistryPart(*snapshot, school), used instead of scanning the snapshot again.
  const RegistryPart* registry = nullptr;
};

// One child area of a region with its figures.
struct AreaFigures {
  std::string code;
  VillageFigures figures;
};

class VillageTable {
 public:
  int year() const { return year_; }
  CivilDate as_of() const { return as_of_; }
  // Every village with a household in the snapshot or named by an episode, case or warning
  // (12 digits), ascending; rows() is aligned with it.
  std::span<const std::string> village_codes() const { return codes_; }
  std::span<const VillageFigures> rows() const { return rows_; }

  // The sum of the villages whose code starts with `region_prefix` ("" = all). O(villages of
  // the region).
  VillageFigures Sum(std::string_view region_prefix) const;
  // The region's child areas one level down (province 2 digits → prefectures 4 → counties 6 →
  // townships 9 → villages 12) that have a row, by code, each with its sum; empty for a village.
  std::vector<AreaFigures> Children(std::string_view region_prefix) const;
  // Bytes held (capacity).
  size_t MemoryBytes() const;

 private:
  friend Result<VillageTable> BuildVillageTable(const VillageTableInput& input);
  friend Result<VillageTable> UpdateVillageTable(const VillageTable& table,
                                                 const VillageTableInput& before,
                                                 const VillageTableInput& after);
  int year_ = 0;
  CivilDate as_of_;
  std::vector<std::string> codes_;
  std::vector<VillageFigures> rows_;
  // Per row: the episodes, cases and warnings that name its village. A row is kept while its
  // village has a household in the snapshot (rows_[v].households > 0) or this is above 0.
  std::vector<int64_t> named_;
};

// The code length of a region's children: 0 → 2, 2 → 4, 4 → 6, 6 → 9, 9 → 12; 0 for a village
// (12) or a length that is not a region's.
size_t ChildCodeLength(size_t code_length);

// Builds the table. O(H + M + E log E + C + K log K + W) for H households, M members, E episodes,
// C cases, K measures and W warnings. kInvalidArgument naming what is wrong and what to do: a
// year outside 2000..2100, as_of not in the year, no snapshot, a school age range that is not
// 0 <= min <= max <= 30, an overall limit below 1, a registry part made for another school age
// (or whose rows and villages differ in number), or an episode, case or warning whose village
// code is not 12 digits (naming it by id).
Result<VillageTable> BuildVillageTable(const VillageTableInput& input);

// `table` brought up to date after a write to the case data of some households (decision
// 0008, "Incremental village table"): `before` holds those households' episodes, cases,
// measures, leads and warnings as `table` was built from them, `after` their rows now (either
// may be empty for a household); the result is `table` minus what `before` counted plus what
// `after` counts, which is BuildVillageTable over the whole case data with those households'
// rows replaced — given that every other input (year, as_of, snapshot, school age, rules,
// overall limits, and problem_episodes for the episodes of `before` and `after` respectively)
// is what `table` was built with, and that each household's leads name only its own cases.
// The registry part is not read. O(villages + rows of before and after). Errors as
// BuildVillageTable's for the rows of `after`; kInvalidArgument when `before` or `after` is of
// another year or day than `table`.
Result<VillageTable> UpdateVillageTable(const VillageTable& table,
                                        const VillageTableInput& before,
                                        const VillageTableInput& after);

}  // namespace xianjie::analytics

#endif  // XIANJIE_ANALYTICS_VILLAGE_TABLE_H_
