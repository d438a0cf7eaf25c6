// The data routes of the JSON API (docs/decisions/0004): households, regions, dashboard,
// warnings and runs, standards and what-if, imports; cases (docs/decisions/0005); department
// sources, uploads and their quality (docs/decisions/0006). Each route parses the request, calls
// one service function (service/*.h) with the caller's principal and serializes its result;
// errors are the service's Status, turned into the JSON error shape by the server's one error
// table.
#ifndef XIANJIE_SERVER_API_DATA_H_
#define XIANJIE_SERVER_API_DATA_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/money.h"
#include "cases/measure.h"
#include "registry/store.h"
#include "server/route.h"
#include "service/workspace.h"

namespace xianjie::server {

// Every data route, over `workspace` (which must outlive the routes).
std::vector<Route> DataRoutes(service::Workspace& workspace);

// The routes of each area (api_households.cc, api_screening.cc, api_standards.cc,
// api_imports.cc, api_cases.cc); DataRoutes concatenates them.
std::vector<Route> HouseholdRoutes(service::Workspace& workspace);
std::vector<Route> ScreeningRoutes(service::Workspace& workspace);
std::vector<Route> StandardRoutes(service::Workspace& workspace);
std::vector<Route> ImportRoutes(service::Workspace& workspace);
std::vector<Route> NoticeRoutes(service::Workspace& workspace);  // api_notices.cc
std::vector<Route> CaseRoutes(service::Workspace& workspace);
std::vector<Route> PublicRoutes(service::Workspace& workspace);  // api_public.cc
std::vector<Route> EliminationRoutes(service::Workspace& workspace);  // api_elimination.cc
std::vector<Route> SourceRoutes(service::Workspace& workspace);  // api_sources.cc
std::vector<Route> FindingRoutes(service::Workspace& workspace);  // api_findings.cc
std::vector<Route> AssistRoutes(service::Workspace& workspace);  // api_assist.cc
std::vector<Route> AnalyticsRoutes(service::Workspace& workspace);  // api_analytics.cc
std::vector<Route> SampleRoutes(service::Workspace& workspace);  // api_sample.cc

// A measure read from a request's body (api_elimination.cc): {category, item (optional with
// item_code), item_code, department, start, end, amount (yuan), status (default planned), risks,
// member_id_number}. Its JSON is service::MeasureJson.
Result<cases::Measure> MeasureFromJson(const nlohmann::json& body, const std::string& household_id);

// Shared by the route files: money as yuan with two decimals ("12345.67"); a ';'-joined list
// of codes ("R01;R09") as a JSON array.
std::string Yuan(Money money);
nlohmann::json CodeList(const std::string& joined);
// The ":name" part of the route's path ("" if the pattern has none).
const std::string& PathParam(const Caller& caller, const std::string& name);
// Quarantined rows (an import's or an upload's) as the JSON items of their lists.
nlohmann::json QuarantineItems(const std::vector<registry::QuarantineEntry>& rows);
// JSON text the service stored (an import's or an upload's report, a row's values), parsed;
// null when there is none or it does not parse.
nlohmann::json ReportJson(const std::string& text);
// The ":name" part as a whole number from 1: kInvalidArgument naming it otherwise.
Result<int64_t> PathNumber(const Caller& caller, const std::string& name);

}  // namespace xianjie::server

#endif  // XIANJIE_SERVER_API_DATA_H_
