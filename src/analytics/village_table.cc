// The village table (village_table.h): one pass over the snapshot's households and members, then
// the episodes grouped by household, the measures by household, the cases and the warnings, each
// figure added to the row of the village it is counted in.
#include "analytics/village_table.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "analytics/internal/digits.h"
#include "cases/deadlines.h"

namespace xianjie::analytics {
namespace {

constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2100;
constexpr int kMaxSchoolAge = 30;

template <typename T, size_t N>
void AddArray(std::array<T, N>& to, const std::array<T, N>& from, int64_t sign) {
  for (size_t i = 0; i < N; ++i) to[i] += sign * from[i];
}

// to += sign * o, field by field.
void Merge(VillageFigures& to, const VillageFigures& o, int64_t sign) {
  to.households += sign * o.households;
  to.persons += sign * o.persons;
  to.screenable_households += sign * o.screenable_households;
  to.lifted_households += sign * o.lifted_households;
  to.lifted_persons += sign * o.lifted_persons;
  to.school_age_members += sign * o.school_age_members;
  to.dropouts += sign * o.dropouts;
  to.uninsured += sign * o.uninsured;
  to.unsafe_houses += sign * o.unsafe_houses;
  to.unsafe_water += sign * o.unsafe_water;
  to.objects += sign * o.objects;
  to.object_persons += sign * o.object_persons;
  AddArray(to.objects_by_type, o.objects_by_type, sign);
  AddArray(to.persons_by_type, o.persons_by_type, sign);
  AddArray(to.objects_by_risk, o.objects_by_risk, sign);
  AddArray(to.persons_by_risk, o.persons_by_risk, sign);
  AddArray(to.identified_by_month, o.identified_by_month, sign);
  AddArray(to.eliminated_by_month, o.eliminated_by_month, sign);
  to.eliminations_with_problems += sign * o.eliminations_with_problems;
  to.cumulative_objects += sign * o.cumulative_objects;
  to.cumulative_persons += sign * o.cumulative_persons;
  to.eliminated_objects += sign * o.eliminated_objects;
  to.eliminated_persons += sign * o.eliminated_persons;
  to.ever_eliminated += sign * o.ever_eliminated;
  to.relapses += sign * o.relapses;
  to.lifted_identified += sign * o.lifted_identified;
  to.approved += sign * o.approved;
  AddArray(to.approval_days, o.approval_days, sign);
  to.approved_within_15_days += sign * o.approved_within_15_days;
  to.approved_within_limit += sign * o.approved_within_limit;
  to.approval_days_total += sign * o.approval_days_total;
  for (size_t c = 0; c < kCategoryCount; ++c) AddArray(to.measures[c], o.measures[c], sign);
  to.objects_with_measure += sign * o.objects_with_measure;
  to.labour_capable_objects += sign * o.labour_capable_objects;
  to.labour_capable_with_development += sign * o.labour_capable_with_development;
  to.warnings += sign * o.warnings;
  to.warnings_answered += sign * o.warnings_answered;
}

bool IsVillageCode(std::string_view code) {
  return code.size() == 12 && std::all_of(code.begin(), code.end(),
                                          [](char c) { return c >= '0' && c <= '9'; });
}

uint64_t CodeNumber(std::string_view code) {
  uint64_t n = 0;
  for (char c : code) n = n * 10 + static_cast<uint64_t>(c - '0');
  return n;
}

std::string CodeText(uint64_t code) {
  char text[24];
  std::snprintf(text, sizeof text, "%012" PRIu64, code);
  return text;
}

// The risks of "R01;R09" as indices of registry::RiskType; codes that are not risk types are
// skipped (the store checks them when it writes).
std::vector<size_t> RiskIndices(std::string_view risks) {
  std::vector<size_t> out;
  while (!risks.empty()) {
    const size_t semi = risks.find(';');
    const std::string_view code = risks.substr(0, semi);
    if (auto r = registry::ParseCode<registry::RiskType>(code)) {
      out.push_back(static_cast<size_t>(*r));
    }
    if (semi == std::string_view::npos) break;
    risks.remove_prefix(semi + 1);
  }
  return out;
}

// The object type's index (0..2), or nullopt for another code.
std::optional<size_t> TypeIndex(std::string_view type) {
  auto t = registry::ParseCode<registry::ObjectType>(type);
  if (!t || *t == registry::ObjectType::kGuaranteeGap) return std::nullopt;
  return static_cast<size_t>(*t);
}

// Orders measures by household against a household id (equal_range).
struct ByHousehold {
  bool operator()(const cases::Measure* m, const std::string& id) const {
    return m->household_id < id;
  }
  bool operator()(const std::string& id, const cases::Measure* m) const {
    return id < m->household_id;
  }
};

// What the table needs of one household of the snapshot.
struct HouseholdFacts {
  int64_t persons = 0;
  bool lifted = false;
  bool labour_capable = false;
};

// The registry's figures of `s` added to `rows`, aligned with the ascending village codes
// `numbers` (which hold every village of the snapshot).
void AddRegistry(const registry::Snapshot& s, const SchoolAge& school,
                 const std::vector<uint64_t>& numbers, std::vector<VillageFigures>& rows) {
  const size_t n = s.households();
  const uint64_t* village = s.village_code();
  const uint8_t* status = s.status();
  const uint32_t* counted = s.counted_members();
  const uint8_t* housing = s.housing_safe();
  const uint8_t* water = s.water_safe();
  const uint32_t* begin = s.member_begin();
  const uint8_t* shares = s.member_shares_household();
  const int32_t* birth = s.member_birth_ymd();
  const uint8_t* enrolled = s.member_enrolled();
  const uint8_t* insured = s.member_med_insured();
  const int32_t reference = school.reference_date.ToYmdNumber();
  uint64_t last_village = UINT64_MAX;
  VillageFigures* row = nullptr;
  for (size_t h = 0; h < n; ++h) {
    // Households are in id order, which keeps a village's households together in practice.
    if (village[h] != last_village) {
      last_village = village[h];
      row = &rows[static_cast<size_t>(
          std::lower_bound(numbers.begin(), numbers.end(), last_village) - numbers.begin())];
    }
    VillageFigures& f = *row;
    const bool lifted = status[h] == static_cast<uint8_t>(registry::HouseholdStatus::kLifted);
    f.households += 1;
    f.persons += counted[h];
    if (lifted) {
      f.lifted_households += 1;
      f.lifted_persons += counted[h];
    }
    if (counted[h] == 0) continue;
    f.screenable_households += 1;
    if (!housing[h]) f.unsafe_houses += 1;
    if (!water[h]) f.unsafe_water += 1;
    for (uint32_t m = begin[h]; m < begin[h + 1]; ++m) {
      if (!shares[m]) continue;
      if (!insured[m]) f.uninsured += 1;
      const int32_t age = (reference - birth[m]) / 10000;
      if (age >= school.min_age && age <= school.max_age) {
        f.school_age_members += 1;
        if (!enrolled[m]) f.dropouts += 1;
      }
    }
  }
}

// The village of every episode, case and warning of `in` (one entry each), checked.
Status NamedVillages(const VillageTableInput& in, std::vector<uint64_t>& out) {
  out.reserve(out.size() + in.episodes.size() + in.cases.size() + in.warnings.size());
  for (const cases::Episode& e : in.episodes) {
    if (!IsVillageCode(e.village_code)) {
      return InvalidArgument("episode " + std::to_string(e.id) + " has village code '" +
                             e.village_code + "', not 12 digits; correct the stored episode");
    }
    out.push_back(CodeNumber(e.village_code));
  }
  for (const cases::CaseRecord& c : in.cases) {
    if (!IsVillageCode(c.village_code)) {
      return InvalidArgument("case " + std::to_string(c.id) + " has village code '" +
                             c.village_code + "', not 12 digits; correct the stored case");
    }
    out.push_back(CodeNumber(c.village_code));
  }
  for (const exchange::DeptWarning& w : in.warnings) {
    if (!IsVillageCode(w.village_code)) {
      return InvalidArgument("department warning " + std::to_string(w.id) +
                             " has village code '" + w.village_code +
                             "', not 12 digits; correct the stored warning");
    }
    out.push_back(CodeNumber(w.village_code));
  }
  return Status::Ok();
}

class Builder {
 public:
  explicit Builder(const VillageTableInput& in) : in_(in), s_(*in.snapshot) {
    year_start_ = CivilDate::FromYmd(in.year, 1, 1);
  }

  // The villages' codes, their rows and how many case rows name each.
  Status Build(std::vector<std::string>& codes, std::vector<VillageFigures>& rows,
               std::vector<int64_t>& named) {
    std::vector<uint64_t> named_villages;
    XJ_RETURN_IF_ERROR(NamedVillages(in_, named_villages));
    CollectVillages(named_villages);
    named.assign(numbers_.size(), 0);
    for (uint64_t village : named_villages) named[RowOf(village)] += 1;
    rows_.assign(numbers_.size(), VillageFigures{});
    if (in_.registry != nullptr) {
      for (size_t v = 0; v < in_.registry->villages.size(); ++v) {
        rows_[RowOf(in_.registry->villages[v])] += in_.registry->rows[v];
      }
    } else {
      AddRegistry(s_, in_.school, numbers_, rows_);
    }
    AddEpisodes();
    AddCases();
    AddWarnings();
    codes.reserve(numbers_.size());
    for (uint64_t n : numbers_) codes.push_back(CodeText(n));
    rows = std::move(rows_);
    return Status::Ok();
  }

  // The figures of the case data alone (episodes, cases, warnings; no registry), in rows
  // aligned with `numbers`, which holds every village the case data names (each figure is
  // counted in one of those).
  std::vector<VillageFigures> CasePart(std::vector<uint64_t> numbers) {
    numbers_ = std::move(numbers);
    rows_.assign(numbers_.size(), VillageFigures{});
    AddEpisodes();
    AddCases();
    AddWarnings();
    return std::move(rows_);
  }

 private:
  bool InYearToDate(CivilDate d) const { return year_start_ <= d && d <= in_.as_of; }

  void CollectVillages(const std::vector<uint64_t>& named) {
    const size_t n = s_.households();
    numbers_.assign(s_.village_code(), s_.village_code() + n);
    if (in_.registry != nullptr) {
      numbers_.insert(numbers_.end(), in_.registry->villages.begin(),
                      in_.registry->villages.end());
    }
    numbers_.insert(numbers_.end(), named.begin(), named.end());
    std::sort(numbers_.begin(), numbers_.end());
    numbers_.erase(std::unique(numbers_.begin(), numbers_.end()), numbers_.end());
  }

  size_t RowOf(uint64_t village) const {
    return static_cast<size_t>(std::lower_bound(numbers_.begin(), numbers_.end(), village) -
                               numbers_.begin());
  }
  VillageFigures& Row(std::string_view village_code) {
    return rows_[RowOf(CodeNumber(village_code))];
  }

  int OverallDays(std::string_view village_code) const {
    auto it = in_.overall_days.find(village_code.substr(0, 2));
    return it == in_.overall_days.end() ? cases::WorkflowLimits{}.overall_days : it->second;
  }

  HouseholdFacts FactsOf(std::string_view household_id) const {
    HouseholdFacts out;
    const int64_t h = s_.Find(household_id);
    if (h < 0) return out;
    const auto row = static_cast<uint32_t>(h);
    out.persons = s_.counted_members()[row];
    out.lifted = s_.status()[row] == static_cast<uint8_t>(registry::HouseholdStatus::kLifted);
    const uint8_t* shares = s_.member_shares_household();
    const uint8_t* labour = s_.member_labor();
    for (uint32_t m = s_.member_begin()[row]; m < s_.member_begin()[row + 1]; ++m) {
      if (shares[m] && labour[m] < in_.rules.labour_capacity.size() &&
          in_.rules.labour_capacity[labour[m]]) {
        out.labour_capable = true;
      }
    }
    return out;
  }

  // ---- episodes, with the measures of the open ones
  void AddEpisodes() {
    std::vector<const cases::Episode*> episodes;
    episodes.reserve(in_.episodes.size());
    for (const cases::Episode& e : in_.episodes) {
      if (e.identified_on <= in_.as_of) episodes.push_back(&e);  // later ones do not exist yet
    }
    std::sort(episodes.begin(), episodes.end(), [](const cases::Episode* a, const cases::Episode* b) {
      if (a->household_id != b->household_id) return a->household_id < b->household_id;
      if (a->identified_on != b->identified_on) return a->identified_on < b->identified_on;
      return a->id < b->id;
    });
    measures_.reserve(in_.measures.size());
    for (const cases::Measure& m : in_.measures) measures_.push_back(&m);
    std::sort(measures_.begin(), measures_.end(),
              [](const cases::Measure* a, const cases::Measure* b) {
                if (a->household_id != b->household_id) return a->household_id < b->household_id;
                return a->id < b->id;
              });
    problems_.assign(in_.problem_episodes.begin(), in_.problem_episodes.end());
    std::sort(problems_.begin(), problems_.end());

    for (size_t i = 0; i < episodes.size();) {
      size_t j = i;
      while (j < episodes.size() && episodes[j]->household_id == episodes[i]->household_id) ++j;
      AddHousehold(std::span(episodes).subspan(i, j - i));
      i = j;
    }
  }

  // The episodes of one household identified by as_of, oldest first.
  void AddHousehold(std::span<const cases::Episode* const> episodes) {
    const HouseholdFacts facts = FactsOf(episodes.front()->household_id);
    bool ever_eliminated = false;
    bool relapse = false;
    // The earliest elimination (by as_of) of the episodes before this one.
    std::optional<CivilDate> first_elimination;
    for (const cases::Episode* e : episodes) {
      VillageFigures& row = Row(e->village_code);
      if (InYearToDate(e->identified_on)) {
        row.identified_by_month[e->identified_on.month() - 1] += 1;
        if (first_elimination && *first_elimination <= e->identified_on) relapse = true;
      }
      const bool eliminated = e->eliminated_on && *e->eliminated_on <= in_.as_of;
      if (eliminated) {
        ever_eliminated = true;
        if (!first_elimination || *e->eliminated_on < *first_elimination) {
          first_elimination = e->eliminated_on;
        }
        if (InYearToDate(*e->eliminated_on)) {
          row.eliminated_by_month[e->eliminated_on->month() - 1] += 1;
          if (std::binary_search(problems_.begin(), problems_.end(), e->id)) {
            row.eliminations_with_problems += 1;
          }
        }
      } else {
        AddOpenObject(row, *e, facts);
      }
    }
    const cases::Episode& latest = *episodes.back();
    VillageFigures& row = Row(latest.village_code);
    row.cumulative_objects += 1;
    row.cumulative_persons += facts.persons;
    if (latest.eliminated_on && *latest.eliminated_on <= in_.as_of) {
      row.eliminated_objects += 1;
      row.eliminated_persons += facts.persons;
    }
    if (ever_eliminated) row.ever_eliminated += 1;
    if (relapse) row.relapses += 1;
    if (facts.lifted && InYearToDate(episodes.front()->identified_on)) row.lifted_identified += 1;
  }

  void AddOpenObject(VillageFigures& row, const cases::Episode& e, const HouseholdFacts& facts) {
    row.objects += 1;
    row.object_persons += facts.persons;
    if (auto t = TypeIndex(e.type)) {
      row.objects_by_type[*t] += 1;
      row.persons_by_type[*t] += facts.persons;
    }
    for (size_t r : RiskIndices(e.risks)) {
      row.objects_by_risk[r] += 1;
      row.persons_by_risk[r] += facts.persons;
    }
    const auto [first, last] =
        std::equal_range(measures_.begin(), measures_.end(), e.household_id, ByHousehold{});
    bool counted = false;
    bool development = false;
    for (auto it = first; it != last; ++it) {
      const cases::Measure& m = **it;
      if (in_.as_of < m.start || (m.end && *m.end < e.identified_on)) continue;
      const auto category = static_cast<size_t>(m.category);
      const auto status = static_cast<size_t>(m.status);
      row.measures[category][status] += 1;
      if (!in_.rules.counted_status[status]) continue;
      counted = true;
      if (in_.rules.development[category]) development = true;
    }
    if (counted) row.objects_with_measure += 1;
    if (facts.labour_capable) {
      row.labour_capable_objects += 1;
      if (development) row.labour_capable_with_development += 1;
    }
  }

  // ---- identification cases approved in Y
  void AddCases() {
    for (const cases::CaseRecord& c : in_.cases) {
      if (c.kind != cases::CaseKind::kIdentification) continue;
      if (c.state != cases::CaseState::kMonitored || c.closed_at.empty()) continue;
      const CivilDate decided = cases::ChinaDateOf(c.closed_at);
      if (!InYearToDate(decided)) continue;
      const int64_t days = decided.ToDays() - c.opened_on.ToDays();
      VillageFigures& row = Row(c.village_code);
      row.approved += 1;
      row.approval_days[DayBucket(days)] += 1;
      if (days <= kDayBucketLast[1]) row.approved_within_15_days += 1;
      if (days - c.paused_days <= OverallDays(c.village_code)) row.approved_within_limit += 1;
      row.approval_days_total += days;
    }
  }

  // ---- department warnings raised in Y
  void AddWarnings() {
    if (in_.warnings.empty()) return;
    std::unordered_map<std::string, const cases::Lead*> leads;
    for (const cases::Lead& l : in_.leads) {
      if (l.channel != cases::Channel::kDepartmentWarning) continue;
      leads.emplace(l.household_id + '\n' + l.source, &l);
    }
    std::vector<const cases::CaseRecord*> by_id;
    by_id.reserve(in_.cases.size());
    for (const cases::CaseRecord& c : in_.cases) by_id.push_back(&c);
    std::sort(by_id.begin(), by_id.end(),
              [](const cases::CaseRecord* a, const cases::CaseRecord* b) { return a->id < b->id; });
    for (const exchange::DeptWarning& w : in_.warnings) {
      const CivilDate raised = cases::ChinaDateOf(w.raised_at);
      if (!InYearToDate(raised)) continue;
      VillageFigures& row = Row(w.village_code);
      row.warnings += 1;
      auto lead = leads.find(w.household_id + '\n' + "dept:" + w.source + ":" + w.period);
      if (lead == leads.end()) continue;
      const cases::Lead& l = *lead->second;
      if (l.case_id == 0) {
        if (l.episode_id != 0 && cases::ChinaDateOf(l.at) <= in_.as_of) row.warnings_answered += 1;
        continue;
      }
      auto c = std::lower_bound(
          by_id.begin(), by_id.end(), l.case_id,
          [](const cases::CaseRecord* r, int64_t id) { return r->id < id; });
      if (c == by_id.end() || (*c)->id != l.case_id) continue;
      if (!cases::IsTerminal((*c)->state) || (*c)->closed_at.empty()) continue;
      const CivilDate closed = cases::ChinaDateOf((*c)->closed_at);
      if (in_.as_of < closed) continue;
      if (closed.ToDays() - raised.ToDays() <= OverallDays(w.village_code)) {
        row.warnings_answered += 1;
      }
    }
  }

  const VillageTableInput& in_;
  const registry::Snapshot& s_;
  CivilDate year_start_;
  std::vector<uint64_t> numbers_;  // the villages, ascending
  std::vector<VillageFigures> rows_;
  std::vector<const cases::Measure*> measures_;  // by household id, then id
  std::vector<int64_t> problems_;                // sorted
};

}  // namespace

size_t DayBucket(int64_t days) {
  for (size_t b = 0; b < kDayBucketLast.size(); ++b) {
    if (days <= kDayBucketLast[b]) return b;
  }
  return kDayBucketCount - 1;
}

std::string_view DayBucketLabel(size_t bucket) {
  static constexpr std::array<std::string_view, kDayBucketCount> kLabels = {
      "0-7", "8-15", "16-30", "31-60", "61+"};
  return bucket < kLabels.size() ? kLabels[bucket] : "";
}

VillageFigures& VillageFigures::operator+=(const VillageFigures& o) {
  Merge(*this, o, 1);
  return *this;
}

VillageFigures& VillageFigures::operator-=(const VillageFigures& o) {
  Merge(*this, o, -1);
  return *this;
}


CountingRules CountingRulesOf(const assist::MeasureCatalog& catalog,
                              const assist::Coordination& coordination) {
  CountingRules rules;
  for (const assist::CatalogCategory& c : catalog.categories) {
    rules.development[static_cast<size_t>(c.category)] = c.development;
  }
  for (cases::MeasureStatus s : coordination.counted_statuses) {
    rules.counted_status[static_cast<size_t>(s)] = true;
  }
  for (registry::Labor l : coordination.labour_capacity) {
    rules.labour_capacity[static_cast<size_t>(l)] = true;
  }
  return rules;
}

VillageFigures VillageTable::Sum(std::string_view region_prefix) const {
  const IndexRange range = PrefixRange(codes_, region_prefix);
  VillageFigures sum;
  for (size_t v = range.begin; v < range.end; ++v) sum += rows_[v];
  return sum;
}

std::vector<AreaFigures> VillageTable::Children(std::string_view region_prefix) const {
  std::vector<AreaFigures> out;
  const size_t length = ChildCodeLength(region_prefix.size());
  if (length == 0) return out;
  const IndexRange range = PrefixRange(codes_, region_prefix);
  for (size_t v = range.begin; v < range.end; ++v) {
    const std::string_view child = std::string_view(codes_[v]).substr(0, length);
    if (out.empty() || out.back().code != child) out.push_back({std::string(child), {}});
    out.back().figures += rows_[v];
  }
  return out;
}

size_t VillageTable::MemoryBytes() const {
  size_t bytes = rows_.capacity() * sizeof(VillageFigures) +
                 codes_.capacity() * sizeof(std::string) + named_.capacity() * sizeof(int64_t);
  for (const std::string& c : codes_) bytes += c.capacity();
  return bytes;
}

size_t ChildCodeLength(size_t code_length) {
  switch (code_length) {
    case 0: return 2;
    case 2: return 4;
    case 4: return 6;
    case 6: return 9;
    case 9: return 12;
    default: return 0;
  }
}

RegistryPart BuildRegistryPart(const registry::Snapshot& snapshot, const SchoolAge& school) {
  RegistryPart part;
  part.school = school;
  part.villages.assign(snapshot.village_code(), snapshot.village_code() + snapshot.households());
  std::sort(part.villages.begin(), part.villages.end());
  part.villages.erase(std::unique(part.villages.begin(), part.villages.end()),
                      part.villages.end());
  part.rows.assign(part.villages.size(), VillageFigures{});
  AddRegistry(snapshot, school, part.villages, part.rows);
  return part;
}

Result<VillageTable> BuildVillageTable(const VillageTableInput& input) {
  if (input.year < kMinYear || input.year > kMaxYear) {
    return InvalidArgument("year " + std::to_string(input.year) + " is not a year from " +
                           std::to_string(kMinYear) + " to " + std::to_string(kMaxYear));
  }
  if (input.as_of.year() != input.year) {
    return InvalidArgument("the figures of " + std::to_string(input.year) + " are taken as of " +
                           input.as_of.ToString() + ", which is not in that year; give a day of " +
                           std::to_string(input.year));
  }
  if (input.snapshot == nullptr) {
    return InvalidArgument("the village table needs the registry snapshot; none was given");
  }
  const SchoolAge& school = input.school;
  if (school.min_age < 0 || school.max_age < school.min_age || school.max_age > kMaxSchoolAge) {
    return InvalidArgument("compulsory school age " + std::to_string(school.min_age) + ".." +
                           std::to_string(school.max_age) +
                           " is not a range of completed years within 0.." +
                           std::to_string(kMaxSchoolAge) + " (the standards say 6..15)");
  }
  if (input.registry != nullptr) {
    if (!(input.registry->school == school)) {
      auto text = [](const SchoolAge& a) {
        return std::to_string(a.min_age) + ".." + std::to_string(a.max_age) + " on " +
               a.reference_date.ToString();
      };
      return InvalidArgument("the registry part was counted for the school age " +
                             text(input.registry->school) + ", not " + text(school) +
                             "; make it again for this table's school age");
    }
    if (input.registry->rows.size() != input.registry->villages.size()) {
      return InvalidArgument("the registry part has " +
                             std::to_string(input.registry->rows.size()) + " rows for " +
                             std::to_string(input.registry->villages.size()) + " villages");
    }
  }
  for (const auto& [province, days] : input.overall_days) {
    if (days < 1) {
      return InvalidArgument("the overall limit of province " + province + " is " +
                             std::to_string(days) + " days; give at least 1");
    }
    if (province.size() != 2 || !internal::AllDigits(province)) {
      return InvalidArgument("'" + province + "' is not a province code (2 digits) for a limit");
    }
  }
  VillageTable table;
  table.year_ = input.year;
  table.as_of_ = input.as_of;
  XJ_RETURN_IF_ERROR(Builder(input).Build(table.codes_, table.rows_, table.named_));
  return table;
}

Result<VillageTable> UpdateVillageTable(const VillageTable& table,
                                        const VillageTableInput& before,
                                        const VillageTableInput& after) {
  for (const VillageTableInput* in : {&before, &after}) {
    if (in->year != table.year_ || in->as_of != table.as_of_) {
      return InvalidArgument("the table of " + std::to_string(table.year_) + " as of " +
                             table.as_of_.ToString() + " cannot be brought up to date with rows "
                             "of " + std::to_string(in->year) + " as of " +
                             in->as_of.ToString() + "; build it again");
    }
    if (in->snapshot == nullptr) {
      return InvalidArgument("the village table needs the registry snapshot; none was given");
    }
  }
  std::vector<uint64_t> named_before;
  std::vector<uint64_t> named_after;
  XJ_RETURN_IF_ERROR(NamedVillages(before, named_before));
  XJ_RETURN_IF_ERROR(NamedVillages(after, named_after));
  std::vector<uint64_t> old_numbers;
  old_numbers.reserve(table.codes_.size());
  for (const std::string& code : table.codes_) old_numbers.push_back(CodeNumber(code));
  for (uint64_t village : named_before) {
    if (!std::binary_search(old_numbers.begin(), old_numbers.end(), village)) {
      return InvalidArgument("the rows replaced name village " + CodeText(village) +
                             ", which the table does not hold: they are not the rows it was "
                             "built from; build it again");
    }
  }
  std::vector<uint64_t> numbers = old_numbers;
  numbers.insert(numbers.end(), named_after.begin(), named_after.end());
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  // Every case figure is counted in a village its rows name, so the two case parts need rows
  // for those villages only.
  std::vector<uint64_t> touched = named_before;
  touched.insert(touched.end(), named_after.begin(), named_after.end());
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  const std::vector<VillageFigures> removed = Builder(before).CasePart(touched);
  const std::vector<VillageFigures> added = Builder(after).CasePart(touched);

  auto row_of = [&numbers](uint64_t village) {
    return static_cast<size_t>(std::lower_bound(numbers.begin(), numbers.end(), village) -
                               numbers.begin());
  };
  // The table's rows copied once (a few MiB for a province: fresh pages cost as much as the
  // update), in place when no village is new.
  std::vector<VillageFigures> rows;
  std::vector<int64_t> named;
  if (numbers.size() == old_numbers.size()) {
    rows = table.rows_;
    named = table.named_;
  } else {
    rows.resize(numbers.size());
    named.assign(numbers.size(), 0);
    for (size_t v = 0; v < old_numbers.size(); ++v) {
      const size_t r = row_of(old_numbers[v]);
      rows[r] = table.rows_[v];
      named[r] = table.named_[v];
    }
  }
  for (uint64_t village : named_before) named[row_of(village)] -= 1;
  for (uint64_t village : named_after) named[row_of(village)] += 1;
  for (size_t t = 0; t < touched.size(); ++t) {
    VillageFigures& row = rows[row_of(touched[t])];
    row -= removed[t];
    row += added[t];
  }

  VillageTable out;
  out.year_ = table.year_;
  out.as_of_ = table.as_of_;
  out.codes_.reserve(numbers.size());
  size_t kept = 0;
  for (size_t r = 0; r < numbers.size(); ++r) {
    // A village no household and no case row names any more is gone, as a full build has it.
    if (rows[r].households == 0 && named[r] <= 0) continue;
    out.codes_.push_back(CodeText(numbers[r]));
    if (kept != r) {
      rows[kept] = rows[r];
      named[kept] = named[r];
    }
    ++kept;
  }
  rows.resize(kept);
  named.resize(kept);
  out.rows_ = std::move(rows);
  out.named_ = std::move(named);
  return out;
}

}  // namespace xianjie::analytics
