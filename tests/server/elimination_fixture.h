// Households for the tests of the elimination routes (api_elimination.cc): written into the
// harness's registry and taken through the procedure with the service at past times, so that on
// the server's today (the real date) one is eligible for elimination and another was eliminated
// with a quality problem.
#ifndef XIANJIE_TESTS_SERVER_ELIMINATION_FIXTURE_H_
#define XIANJIE_TESTS_SERVER_ELIMINATION_FIXTURE_H_

#include <cstdint>
#include <string>

#include "base/date.h"
#include "base/status.h"
#include "service/workspace.h"

namespace xianjie::server::testing {

// Household `id` of `village` as a new registry version in a batch of its own whose facts date
// from `as_of`: three members of working age able to work, insured, enrolled where of school
// age; `per_capita_yuan` of wage income each and nothing else earned or spent; housing and
// water safe. Refreshes the workspace.
Status WriteHousehold(service::Workspace& ws, const std::string& id, const std::string& village,
                      CivilDate as_of, int64_t per_capita_yuan);

// A monitoring object of `village` (a household written 12 months before `today` with 20,000
// yuan per person), identified through the procedure 9 months before `today` (a self-application
// by the village's cadre, approved by the county ten days later with type marginal and risks
// R01;R07) and given a public-post measure in progress since then: eligible for elimination on
// `today`. Returns the episode's id.
Result<int64_t> AddEligibleHousehold(service::Workspace& ws, const std::string& id,
                                     const std::string& village, CivilDate today);

// AddEligibleHousehold, then proposed for elimination by the county two months before `today`
// and eliminated by assistance through the procedure, the home visit finding 1,000 yuan per
// person: the elimination's quality check finds it eliminated below the line. Returns the
// elimination case's id.
Result<int64_t> AddEliminatedBelowLine(service::Workspace& ws, const std::string& id,
                                       const std::string& village, CivilDate today);

}  // namespace xianjie::server::testing

#endif  // XIANJIE_TESTS_SERVER_ELIMINATION_FIXTURE_H_
