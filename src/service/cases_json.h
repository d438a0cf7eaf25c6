// The JSON of a case, its due dates, its events and the timeliness figures: one shape for the
// API (server/api_cases.cc, documented in docs/openapi.yaml) and for the CLI's --json
// (`xianjie case list|show|timeliness`), so that a script reads the same fields from either.
#ifndef XIANJIE_SERVICE_CASES_JSON_H_
#define XIANJIE_SERVICE_CASES_JSON_H_

#include <string>

#include <nlohmann/json.hpp>

#include "cases/case.h"
#include "cases/deadlines.h"
#include "service/cases.h"

namespace xianjie::service {

// "R01;R09" → ["R01", "R09"]; "" → [].
nlohmann::json CodeListJson(const std::string& joined);

// null for a closed case; else {due, step_due, overall_due (null for elimination), paused,
// overdue_days, owner, escalated_to}.
nlohmann::json DueJson(const cases::Due& due);

// The case as the lists show it: its record, the village's and head's names ("" when not
// known), risks as arrays, dates and closed_at null when unset, and "due".
nlohmann::json CaseJson(const CaseItem& item);

nlohmann::json EventJson(const cases::EventRecord& e);

// {approved, within_limit, share_within_limit, total_days, mean_days, max_days, rejected}; the
// share and the mean are null when nothing was approved (they mean nothing then).
nlohmann::json TimelinessFiguresJson(const TimelinessFigures& f);

// {region_code, region_name, region_level, from, to, total, by_area: [{code, name, ...}]}.
nlohmann::json TimelinessJson(const RegionTimeliness& t);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_CASES_JSON_H_
