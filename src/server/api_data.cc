// DataRoutes: the routes of every data area, and what their serializers share.
#include "server/api_data.h"

#include <charconv>
#include <utility>

namespace xianjie::server {

std::vector<Route> DataRoutes(service::Workspace& workspace) {
  std::vector<Route> routes;
  for (auto area : {HouseholdRoutes, ScreeningRoutes, StandardRoutes, ImportRoutes, CaseRoutes,
                    NoticeRoutes, EliminationRoutes, SourceRoutes, FindingRoutes,
                    AnalyticsRoutes, AssistRoutes, SampleRoutes}) {
    for (Route& r : area(workspace)) routes.push_back(std::move(r));
  }
  for (Route& r : PublicRoutes(workspace)) routes.push_back(std::move(r));
  return routes;
}

std::string Yuan(Money money) { return money.ToYuanCentsString(); }

nlohmann::json CodeList(const std::string& joined) {
  nlohmann::json out = nlohmann::json::array();
  size_t start = 0;
  while (start < joined.size()) {
    const size_t semi = joined.find(';', start);
    const size_t end = semi == std::string::npos ? joined.size() : semi;
    if (end > start) out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

const std::string& PathParam(const Caller& caller, const std::string& name) {
  static const std::string kEmpty;
  auto it = caller.path_params.find(name);
  return it == caller.path_params.end() ? kEmpty : it->second;
}

nlohmann::json QuarantineItems(const std::vector<registry::QuarantineEntry>& rows) {
  nlohmann::json items = nlohmann::json::array();
  for (const registry::QuarantineEntry& q : rows) {
    items.push_back({{"file", q.file},
                     {"line", q.line},
                     {"column", q.column},
                     {"rule", q.rule},
                     {"value", q.value},
                     {"message", q.message},
                     {"record", q.record}});
  }
  return items;
}

nlohmann::json ReportJson(const std::string& text) {
  if (text.empty()) return nullptr;
  nlohmann::json report = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return report.is_discarded() ? nlohmann::json(nullptr) : report;
}

Result<int64_t> PathNumber(const Caller& caller, const std::string& name) {
  const std::string& text = PathParam(caller, name);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) {
    return InvalidArgument("'" + name + "' in the path must be a whole number from 1, not '" +
                           text + "'");
  }
  return value;
}

}  // namespace xianjie::server
