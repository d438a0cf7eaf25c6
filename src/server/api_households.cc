// GET /api/v1/households, /households/export, /households/:id, /households/:id/history,
// /households/:id/explanation.
#include <nlohmann/json.hpp>

#include "registry/codes.h"
#include "rules/screening.h"
#include "server/api_data.h"
#include "server/params.h"
#include "service/households.h"

namespace xianjie::server {
namespace {

using nlohmann::json;

template <typename E>
std::string Code(E value) {
  return std::string(registry::CodeOf(value));
}

json SummaryJson(const service::HouseholdSummary& h) {
  return {{"household_id", h.household_id},
          {"village_code", h.village_code},
          {"village_name", h.village_name},
          {"head_name", h.head_name},
          {"head_id_number", h.head_id_number},
          {"members", h.members},
          {"counted_members", h.counted_members},
          {"per_capita_yuan", h.per_capita ? json(Yuan(*h.per_capita)) : json(nullptr)},
          {"status", h.status},
          {"flagged", h.flagged},
          {"proposed_type", h.proposed_type}};
}

json MemberJson(const registry::Member& m, CivilDate today) {
  return {{"id_number", m.id_number},
          {"name", m.name},
          {"relation", Code(m.relation)},
          {"sex", Code(m.sex)},
          {"birth_date", m.birth_date.ToString()},
          {"age", AgeOn(m.birth_date, today)},
          {"labor", Code(m.labor)},
          {"health", Code(m.health)},
          {"school_stage", Code(m.school_stage)},
          {"enrolled", m.enrolled},
          {"med_insured", m.med_insured},
          {"pension_insured", m.pension_insured},
          {"shares_household", m.shares_household}};
}

json FileJson(const service::HouseholdFile& f) {
  const registry::HouseholdRecord& r = f.current.record;
  const registry::Household& h = r.household;
  json members = json::array();
  for (const registry::Member& m : r.members) members.push_back(MemberJson(m, f.today));
  const int counted = registry::CountedMembers(r);
  const Money net = registry::NetIncome(h);
  json income = {
      {"wage", Yuan(h.wage_income)},
      {"business", Yuan(h.business_income)},
      {"property", Yuan(h.property_income)},
      {"transfer", Yuan(h.transfer_income)},
      {"production_costs", Yuan(h.production_costs)},
      {"net", Yuan(net)},
      {"prev_net", h.prev_net_income ? json(Yuan(*h.prev_net_income)) : json(nullptr)},
      {"per_capita",
       counted > 0 ? json(Yuan(Money::FromFen(rules::PerCapitaFen(net.fen(), static_cast<uint32_t>(counted)))))
                   : json(nullptr)},
      {"counted_members", counted},
      {"line", f.line ? json(Yuan(*f.line)) : json(nullptr)}};
  json screening = json::array();
  for (const service::HouseholdScreening& s : f.screening) {
    screening.push_back({{"run_id", s.result.run_id},
                         {"started_at", s.started_at},
                         {"rules", CodeList(s.result.rules)},
                         {"proposed_type", s.result.proposed_type},
                         {"risks", CodeList(s.result.risks)},
                         {"new_warning", s.result.new_warning}});
  }
  return {{"household_id", h.household_id},
          {"village",
           {{"code", h.village_code.ToString()},
            {"name", f.village_name},
            {"path", f.village_path}}},
          {"status", Code(h.status)},
          {"version", f.current.version},
          {"batch_id", f.current.batch_id},
          {"updated_at", f.updated_at},
          {"members", std::move(members)},
          {"income", std::move(income)},
          {"rigid_spending",
           {{"medical", Yuan(h.rigid_medical)},
            {"education", Yuan(h.rigid_education)},
            {"other", Yuan(h.rigid_other)},
            {"total", Yuan(registry::RigidSpending(h))}}},
          {"housing_safe", h.housing_safe},
          {"water_safe", h.water_safe},
          {"screening", std::move(screening)}};
}

json HistoryJson(const std::vector<service::HouseholdHistoryEntry>& entries) {
  json items = json::array();
  for (const auto& e : entries) {
    json changes = json::array();
    for (const registry::FieldChange& c : e.changes) {
      // DiffRecords names a member "member <masked ID> <name>"; the household itself "household".
      const std::string member = c.subject.rfind("member ", 0) == 0 ? c.subject.substr(7) : "";
      changes.push_back({{"field", c.field},
                         {"member", member.empty() ? json(nullptr) : json(member)},
                         {"before", c.before},
                         {"after", c.after}});
    }
    items.push_back({{"version", e.version},
                     {"batch_id", e.batch_id},
                     {"source", e.source},
                     {"user", e.user},
                     {"committed_at", e.committed_at},
                     {"changes", std::move(changes)}});
  }
  return {{"items", std::move(items)}};
}

const char* TruthName(rules::Truth t) {
  switch (t) {
    case rules::Truth::kTrue:
      return "true";
    case rules::Truth::kFalse:
      return "false";
    case rules::Truth::kUnknown:
      return "unknown";
  }
  return "unknown";
}

json ExplanationJson(const service::HouseholdExplanationView& v) {
  const rules::Standard& s = v.standard;
  const rules::HouseholdExplanation& e = v.explanation;
  json rules = json::array();
  for (const rules::RuleExplanation& r : e.rules) {
    rules.push_back({{"rule_id", r.rule_id},
                     {"label_zh", r.label_zh},
                     {"label_en", r.label_en},
                     {"when", r.when},
                     {"result", TruthName(r.result)},
                     {"because", r.because},
                     {"suggested_risk", r.suggested_risk}});
  }
  return {{"standard",
           {{"name", s.name},
            {"content_hash", s.content_hash},
            {"province", s.province},
            {"county", s.county},
            {"year", s.year},
            {"line_yuan", Yuan(s.line)}}},
          {"household_id", e.household_id},
          {"screened", e.screened},
          {"proposed_type", e.proposed_type},
          {"type_because", e.type_because},
          {"rules", std::move(rules)}};
}

// The filters of a household search from the query string (no paging).
service::HouseholdSearch SearchFromQuery(const httplib::Request& req) {
  service::HouseholdSearch search;
  search.village = QueryString(req, "village");
  search.region = QueryString(req, "region");
  search.name = QueryString(req, "name");
  search.id_number = QueryString(req, "id_number");
  search.household_id = QueryString(req, "household_id");
  return search;
}

}  // namespace

std::vector<Route> HouseholdRoutes(service::Workspace& ws) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/v1/households", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      service::HouseholdSearch search = SearchFromQuery(req);
                      XJ_ASSIGN_OR_RETURN(search.offset,
                                          QueryInt(req, "offset", 0, 0, INT32_MAX));
                      XJ_ASSIGN_OR_RETURN(search.limit, QueryInt(req, "limit", 50, 1, 500));
                      XJ_ASSIGN_OR_RETURN(auto page, service::SearchHouseholds(
                                                         ws, caller.principal, search));
                      json items = json::array();
                      for (const auto& h : page.items) items.push_back(SummaryJson(h));
                      return Json({{"total", page.total},
                                   {"offset", page.offset},
                                   {"limit", page.limit},
                                   {"items", std::move(items)}});
                    }});
  // Before "/households/:id", which would otherwise take "export" for an id.
  routes.push_back({"GET", "/api/v1/households/export", Access::kSession,
                    [&ws](const httplib::Request& req, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto out, service::ExportHouseholds(
                                                        ws, caller.principal, SearchFromQuery(req)));
                      return File(std::move(out.csv), "text/csv; charset=utf-8",
                                  "households-" + out.region + ".csv");
                    },
                    /*bulk=*/true});
  routes.push_back({"GET", "/api/v1/households/:id", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto file,
                                          service::GetHouseholdFile(ws, caller.principal,
                                                                    PathParam(caller, "id")));
                      return Json(FileJson(file));
                    }});
  routes.push_back({"GET", "/api/v1/households/:id/history", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto history,
                                          service::GetHouseholdHistory(ws, caller.principal,
                                                                       PathParam(caller, "id")));
                      return Json(HistoryJson(history));
                    }});
  routes.push_back({"GET", "/api/v1/households/:id/explanation", Access::kSession,
                    [&ws](const httplib::Request&, const Caller& caller) -> Result<Reply> {
                      XJ_ASSIGN_OR_RETURN(auto e,
                                          service::ExplainHousehold(ws, caller.principal,
                                                                    PathParam(caller, "id")));
                      return Json(ExplanationJson(e));
                    }});
  return routes;
}

}  // namespace xianjie::server
