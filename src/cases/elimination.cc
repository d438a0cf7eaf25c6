// The conditions of risk elimination and the quality checks of DOMAIN.md §8, decided from the
// facts the service gathers. Every `why` and message names the dates and figures it rests on, so
// that a clerk can check the decision against the household's file.
#include "cases/elimination.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "base/money.h"

namespace xianjie::cases {
namespace {

std::string Yuan(int64_t fen) { return Money::FromFen(fen).ToYuanCentsString(); }

std::set<std::string> SplitCodes(std::string_view text) {
  std::set<std::string> out;
  while (!text.empty()) {
    const size_t end = text.find_first_of(";,");
    std::string_view code = text.substr(0, end);
    while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
    while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
    if (!code.empty()) out.emplace(code);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return out;
}

template <size_t N>
std::vector<std::string> FiredOf(const ScreeningObservation& run,
                                 const std::string_view (&rules)[N]) {
  std::vector<std::string> fired;
  for (const std::string& rule : SplitCodes(run.rules)) {
    if (std::find(std::begin(rules), std::end(rules), rule) != std::end(rules)) {
      fired.push_back(rule);
    }
  }
  return fired;
}

std::string Joined(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// The versions dated on or before `until`, oldest first (by date, then by batch: a later batch
// about the same day corrects an earlier one).
std::vector<RegistryObservation> SeenBy(std::vector<RegistryObservation> registry,
                                        CivilDate until) {
  std::erase_if(registry, [&](const RegistryObservation& o) { return o.on > until; });
  std::sort(registry.begin(), registry.end(),
            [](const RegistryObservation& a, const RegistryObservation& b) {
              if (a.on != b.on) return a.on < b.on;
              return a.batch_id < b.batch_id;
            });
  return registry;
}

// The version in force on `date`: the last dated on or before it.
std::optional<RegistryObservation> InForce(const std::vector<RegistryObservation>& registry,
                                           CivilDate date) {
  std::vector<RegistryObservation> seen = SeenBy(registry, date);
  if (seen.empty()) return std::nullopt;
  return seen.back();
}

// The latest run on or before `today` that saw `version` (its batch or a later one); none when
// the registry changed after the last run: the run's verdict is then about older facts.
std::optional<ScreeningObservation> LatestRunThatSaw(
    const std::vector<ScreeningObservation>& screening, const RegistryObservation& version,
    CivilDate today) {
  std::optional<ScreeningObservation> latest;
  for (const ScreeningObservation& run : screening) {
    if (run.on > today) continue;
    if (!latest || std::tie(run.on, run.run_id) > std::tie(latest->on, latest->run_id)) {
      latest = run;
    }
  }
  if (latest && latest->registry_batch < version.batch_id) return std::nullopt;
  return latest;
}

std::string RunName(const ScreeningObservation& run) {
  return "screening run " + std::to_string(run.run_id) + " of " + run.on.ToString();
}

std::string MeasureName(const Measure& m) {
  return m.item + " (" + std::string(MeasureCategoryCode(m.category)) + ", " +
         std::string(MeasureStatusCode(m.status)) + ", from " + m.start.ToString() + ")";
}

// The measures of the episode done or in progress by `today`: started by then and not ended
// before the household was identified.
std::vector<Measure> ImplementedMeasures(const EliminationInput& in) {
  std::vector<Measure> out;
  for (const Measure& m : in.measures) {
    if (!IsImplemented(m) || m.start > in.today) continue;
    if (m.end.has_value() && *m.end < in.episode.identified_on) continue;
    out.push_back(m);
  }
  std::sort(out.begin(), out.end(), [](const Measure& a, const Measure& b) { return a.id < b.id; });
  return out;
}

Condition MonitoredLongEnough(const EliminationInput& in) {
  Condition c{std::string(kMonitoredLongEnough), false, ""};
  const CivilDate from = in.episode.identified_on;
  const CivilDate earliest = AddMonths(from, in.limits.elimination_min_months);
  const std::string needed =
      "at least " + std::to_string(in.limits.elimination_min_months) + " months are needed";
  c.met = in.today >= earliest;
  c.why = c.met ? "monitored since " + from.ToString() + "; " + needed + ", reached on " +
                      earliest.ToString()
                : "monitored since " + from.ToString() + "; " + needed + ": not before " +
                      earliest.ToString();
  return c;
}

Condition MeasureImplemented(const EliminationInput& in, const std::vector<Measure>& implemented) {
  Condition c{std::string(kMeasureImplemented), !implemented.empty(), ""};
  if (c.met) {
    std::vector<std::string> names;
    for (size_t i = 0; i < implemented.size() && i < 3; ++i) {
      names.push_back(MeasureName(implemented[i]));
    }
    if (implemented.size() > 3)
      names.push_back("and " + std::to_string(implemented.size() - 3) + " more");
    c.why = std::to_string(implemented.size()) +
            " measure(s) done or in progress: " + Joined(names, "; ");
    return c;
  }
  int planned = 0, stopped = 0;
  for (const Measure& m : in.measures) {
    if (m.status == MeasureStatus::kPlanned) ++planned;
    if (m.status == MeasureStatus::kStopped) ++stopped;
  }
  c.why = "no measure is done or in progress since the identification on " +
          in.episode.identified_on.ToString() + " (" + std::to_string(planned) + " planned, " +
          std::to_string(stopped) + " stopped); record the measures carried out";
  return c;
}

Condition IncomeStable(const EliminationInput& in, const std::vector<RegistryObservation>& seen) {
  Condition c{std::string(kIncomeStableAboveLine), false, ""};
  const int months = in.limits.stable_income_months;
  const CivilDate start = AddMonths(in.today, -months);
  const std::string line = "the line " + Yuan(in.line_fen);
  std::optional<RegistryObservation> at_start = InForce(seen, start);
  if (!at_start) {
    c.why = "the registry has no version of the household dated on or before " + start.ToString() +
            ": its income cannot be shown stable for " + std::to_string(months) + " months";
    return c;
  }
  std::vector<std::string> below;
  for (const RegistryObservation& o : seen) {
    if (o.on < at_start->on || (o.on == at_start->on && o.batch_id < at_start->batch_id)) continue;
    if (o.per_capita_fen < in.line_fen) {
      below.push_back("per-capita net income " + Yuan(o.per_capita_fen) + " by the version of " +
                      o.on.ToString());
    }
  }
  for (const ScreeningObservation& run : in.screening) {
    if (run.on < start || run.on > in.today) continue;
    std::vector<std::string> fired = FiredOf(run, kIncomeRules);
    if (!fired.empty()) below.push_back(RunName(run) + " fired " + Joined(fired, ", "));
  }
  if (!below.empty()) {
    c.why = "not stable above " + line + " since " + start.ToString() + ": " + Joined(below, "; ");
    return c;
  }
  c.met = true;
  c.why = "per-capita net income at or above " + line + " in every version since " +
          start.ToString() + " (" + std::to_string(months) + " months); now " +
          Yuan(seen.back().per_capita_fen);
  return c;
}

Condition RigidSpending(const EliminationInput& in, const std::optional<RegistryObservation>& now) {
  Condition c{std::string(kRigidSpendingResolved), false, ""};
  if (!now) {
    c.why =
        "the registry has no version of the household dated on or before " + in.today.ToString();
    return c;
  }
  std::vector<std::string> problems;
  const int64_t left = now->net_income_fen - now->rigid_spending_fen;
  const int64_t needed = in.line_fen * now->counted_members;
  if (left < needed) {
    problems.push_back("net income " + Yuan(now->net_income_fen) + " less rigid spending " +
                       Yuan(now->rigid_spending_fen) + " is " + Yuan(left) + ", below the line × " +
                       std::to_string(now->counted_members) + " members = " + Yuan(needed) +
                       " (version of " + now->on.ToString() + ")");
  }
  if (auto run = LatestRunThatSaw(in.screening, *now, in.today)) {
    std::vector<std::string> fired = FiredOf(*run, kRigidSpendingRules);
    if (!fired.empty()) problems.push_back(RunName(*run) + " fired " + Joined(fired, ", "));
  }
  c.met = problems.empty();
  c.why = c.met ? "rigid spending " + Yuan(now->rigid_spending_fen) +
                      " leaves net income at or above the line for every member (version of " +
                      now->on.ToString() + ")"
                : Joined(problems, "; ");
  return c;
}

Condition Guarantees(const EliminationInput& in, const std::optional<RegistryObservation>& now) {
  Condition c{std::string(kGuaranteesSecured), false, ""};
  if (!now) {
    c.why =
        "the registry has no version of the household dated on or before " + in.today.ToString();
    return c;
  }
  std::vector<std::string> problems;
  if (!now->housing_safe) problems.push_back("housing is not safe");
  if (!now->water_safe) problems.push_back("drinking water is not safe");
  if (now->member_uninsured) problems.push_back("a member has no basic medical insurance");
  if (now->child_out_of_school) {
    problems.push_back("a child of compulsory school age is not enrolled");
  }
  if (auto run = LatestRunThatSaw(in.screening, *now, in.today)) {
    std::vector<std::string> fired = FiredOf(*run, kGuaranteeRules);
    if (!fired.empty()) problems.push_back(RunName(*run) + " fired " + Joined(fired, ", "));
  }
  c.met = problems.empty();
  c.why = c.met ? "housing, drinking water, medical insurance and compulsory schooling are "
                  "secured (version of " +
                      now->on.ToString() + ")"
                : Joined(problems, "; ") + " (version of " + now->on.ToString() + ")";
  return c;
}

Condition SafetyNet(const EliminationInput& in, const std::optional<RegistryObservation>& now) {
  Condition c{std::string(kNotSafetyNetDependent), false, ""};
  if (!now) {
    c.why = "the registry has no version of the household dated on or before " +
            in.today.ToString() + ": its labour capacity is unknown";
    return c;
  }
  if (now->labour_members > 0) {
    c.met = true;
    c.why = std::to_string(now->labour_members) + " member(s) with labour capacity (version of " +
            now->on.ToString() + ")";
    return c;
  }
  std::vector<std::string> net;
  for (const Measure& m : in.measures) {
    if (m.category != MeasureCategory::kSafetyNet || !IsImplemented(m)) continue;
    if (m.start > in.today || (m.end.has_value() && *m.end < in.today)) continue;
    net.push_back(MeasureName(m));
  }
  c.met = net.empty();
  c.why = c.met ? "no member has labour capacity, but no safety-net measure is running"
                : "no member has labour capacity and the household lives on the safety net (" +
                      Joined(net, "; ") + "): it stays monitored";
  return c;
}

}  // namespace

CivilDate AddMonths(CivilDate date, int months) {
  const int index = date.year() * 12 + (date.month() - 1) + months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  int day = date.day();
  while (day > 28 && !CivilDate::IsValid(year, month, day)) --day;
  return CivilDate::FromYmd(year, month, day);
}

EliminationCheck Assess(const EliminationInput& in) {
  const std::vector<RegistryObservation> seen = SeenBy(in.registry, in.today);
  std::optional<RegistryObservation> now;
  if (!seen.empty()) now = seen.back();
  const std::vector<Measure> implemented = ImplementedMeasures(in);

  EliminationCheck check;
  check.conditions = {MonitoredLongEnough(in), MeasureImplemented(in, implemented),
                      IncomeStable(in, seen),  RigidSpending(in, now),
                      Guarantees(in, now),     SafetyNet(in, now)};
  check.eligible = std::all_of(check.conditions.begin(), check.conditions.end(),
                               [](const Condition& c) { return c.met; });
  check.method = implemented.empty() ? "natural" : "by_assistance";
  return check;
}

std::vector<QualityProblem> QualityProblems(const EliminationHistory& history,
                                            const std::map<int, int64_t>& line_by_year,
                                            const WorkflowLimits& limits) {
  std::vector<Episode> episodes = history.episodes;
  std::sort(episodes.begin(), episodes.end(),
            [](const Episode& a, const Episode& b) { return a.id < b.id; });
  std::vector<QualityProblem> out;
  auto problem = [&](const Episode& e, std::string_view code, std::string message) {
    out.push_back({e.id, history.household_id, std::string(code), std::move(message)});
  };
  for (const Episode& e : episodes) {
    if (!e.eliminated_on.has_value()) continue;
    const CivilDate eliminated = *e.eliminated_on;
    const std::string episode = "episode " + std::to_string(e.id) + " (identified " +
                                e.identified_on.ToString() + ", eliminated " +
                                eliminated.ToString() + ")";

    if (e.method == "by_assistance") {
      const bool any =
          std::any_of(history.measures.begin(), history.measures.end(), [&](const Measure& m) {
            return m.status != MeasureStatus::kPlanned && m.start <= eliminated &&
                   !(m.end.has_value() && *m.end < e.identified_on);
          });
      if (!any) {
        problem(e, kEliminatedByAssistanceWithoutMeasure,
                episode +
                    " was eliminated by assistance, but no measure ran during it; record "
                    "the measures given or correct the method");
      }
    }

    const CivilDate earliest = AddMonths(e.identified_on, limits.early_elimination_months);
    if (eliminated < earliest) {
      problem(e, kEliminatedTooEarly,
              episode + " was eliminated " +
                  std::to_string(eliminated.ToDays() - e.identified_on.ToDays()) +
                  " days after identification, within " +
                  std::to_string(limits.early_elimination_months) + " months (not before " +
                  earliest.ToString() + ")");
    }

    auto line = line_by_year.find(eliminated.year());
    std::optional<RegistryObservation> then = InForce(history.registry, eliminated);
    if (line != line_by_year.end() && then && then->per_capita_fen < line->second) {
      problem(e, kEliminatedBelowLine,
              episode + ": per-capita net income was " + Yuan(then->per_capita_fen) +
                  " by the version of " + then->on.ToString() + ", below the line of " +
                  std::to_string(eliminated.year()) + " (" + Yuan(line->second) + ")");
    }

    // Relapse cases that follow this episode: opened on or after its elimination, before any
    // later elimination of the household (a later episode's own relapses are its own).
    std::optional<CivilDate> next_elimination;
    for (const Episode& later : episodes) {
      if (later.id == e.id || !later.eliminated_on || *later.eliminated_on <= eliminated) continue;
      if (!next_elimination || *later.eliminated_on < *next_elimination) {
        next_elimination = later.eliminated_on;
      }
    }
    const std::set<std::string> risks = SplitCodes(e.risks);
    std::vector<CaseRecord> cases = history.cases;
    std::sort(cases.begin(), cases.end(),
              [](const CaseRecord& a, const CaseRecord& b) { return a.id < b.id; });
    for (const CaseRecord& c : cases) {
      if (!c.relapse || c.opened_on < eliminated) continue;
      if (next_elimination && c.opened_on >= *next_elimination) continue;
      std::set<std::string> again = SplitCodes(c.proposed_risks);
      again.merge(SplitCodes(c.decided_risks));
      std::vector<std::string> shared;
      std::set_intersection(risks.begin(), risks.end(), again.begin(), again.end(),
                            std::back_inserter(shared));
      if (shared.empty()) continue;
      problem(e, kRelapseSameRisk,
              episode + " had " + Joined(shared, ";") + "; case " + std::to_string(c.id) +
                  " opened on " + c.opened_on.ToString() +
                  " as a relapse with the same risk: the elimination may not have been valid");
    }
  }
  return out;
}

}  // namespace xianjie::cases
