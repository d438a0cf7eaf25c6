// `xianjie demo`, after the case workflow (demo_cases.h): the assistance around the monitoring
// objects the staging produced — plans with measures from the catalogue, responsible persons,
// follow-up visits, coordination findings — and the demo county's verification sample with
// visit results, so that the plan pages, worklists and scorecards have data (issue 7).
#ifndef XIANJIE_CLI_DEMO_ASSIST_H_
#define XIANJIE_CLI_DEMO_ASSIST_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "analytics/sample.h"
#include "assist/plan.h"
#include "base/status.h"
#include "store/database.h"

namespace xianjie::cli {

struct DemoAssistSummary {
  // The province's plans by state, in assist::kAllPlanStates order.
  std::array<int64_t, assist::kAllPlanStates.size()> plans{};
  int64_t measures = 0;       // added by this step to the plans (the cases' own come before)
  int64_t responsible = 0;    // persons assigned
  int64_t visits = 0;         // follow-up visits recorded
  int64_t visit_leads = 0;    // of them, recording a cadre-visit lead
  int64_t open_findings = 0;  // coordination findings of the demo county open at the end
  int64_t justified = 0;      // coordination findings the county justified
};

// For every open monitoring episode of the demo province (`village`'s first two digits), oldest
// first, through the service as the officers of its village (DemoOfficer) at past times before
// China's date of `now_utc`: the plan (drafted if the case staging left none), a responsible
// person two days after identification (a name of the demo's name generator, a fake mobile
// number), a development measure for a household able to work that has none (except one whose
// only measure is the minimum allowance: its C01 finding is the point), the plan activated (the
// county's latest identified stays a draft), a visit a month over the last six months by the
// responsible person (the latest visit to the demo village's latest identified object also
// records a cadre-visit lead). The county justifies the C01 findings outside the demo village
// (those inside stay open in its worklist); plans of objects identified over 90 days ago are
// completed where the gates allow (every other one, and the justified ones); the coordination
// checks sweep the province at `now_utc`. Deterministic for a registry and a day. Any refused
// step fails the staging with the step, household and reason.
Result<DemoAssistSummary> StageDemoAssistance(store::Database& database, const std::string& village,
                                              std::string_view now_utc);

struct DemoSampleSummary {
  int64_t draw_id = 0;
  int64_t households = 0;  // drawn
  int64_t recorded = 0;    // with a visit result
  analytics::SampleEstimates estimates;
};

// The demo county's verification sample for the current year, drawn by the province's officer
// 30 days before China's date of `now_utc` (or on 1 January) with the seed, of 200 from the
// county's default, whose sample holds the most monitoring objects, preferably with an illness
// or disaster household (the demo's objects lie around its village, which the default seed may
// miss), and visit
// results recorded by the county's officer for its households (but one in three of the stratum
// "other") over the days since: the
// answers follow the registry (a household is included when it has an open monitoring episode)
// with an omission (a household of the illness or disaster strata found to meet the
// criteria), a wrong inclusion (an included household failing the comparison) and a few
// dissatisfied, so that omission, wrong inclusion and approval are assessed with intervals.
Result<DemoSampleSummary> StageDemoSample(store::Database& database, const std::string& village,
                                          std::string_view now_utc);

}  // namespace xianjie::cli

#endif  // XIANJIE_CLI_DEMO_ASSIST_H_
