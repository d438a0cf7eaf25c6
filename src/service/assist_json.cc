// The JSON of assistance (assist_json.h).
#include "service/assist_json.h"

#include <optional>
#include <string>

#include "base/money.h"
#include "service/cases_json.h"

namespace xianjie::service {
namespace {

using nlohmann::json;

json DateOrNullJson(const std::optional<CivilDate>& d) {
  return d ? json(d->ToString()) : json(nullptr);
}

json EpisodeJson(const cases::Episode& e) {
  return {{"id", e.id},
          {"type", e.type},
          {"risks", CodeListJson(e.risks)},
          {"identified_on", e.identified_on.ToString()},
          {"eliminated_on", DateOrNullJson(e.eliminated_on)}};
}

json ResponsibleOrNull(const std::optional<assist::ResponsiblePerson>& r) {
  return r ? ResponsibleJson(*r) : json(nullptr);
}

}  // namespace

json MeasureJson(const cases::Measure& m) {
  return {{"id", m.id},
          {"household_id", m.household_id},
          {"member_id_number", m.member_id_number},
          {"category", cases::MeasureCategoryCode(m.category)},
          {"item", m.item},
          {"department", m.department},
          {"start", m.start.ToString()},
          {"end", m.end ? json(m.end->ToString()) : json(nullptr)},
          {"amount", Money::FromFen(m.amount_fen).ToYuanCentsString()},
          {"status", cases::MeasureStatusCode(m.status)},
          {"risks", CodeListJson(m.risks)},
          {"recorded_by", m.recorded_by},
          {"recorded_at", m.recorded_at},
          {"plan_id", m.plan_id},
          {"item_code", m.item_code}};
}

json PlanJson(const assist::Plan& p) {
  return {{"id", p.id},
          {"household_id", p.household_id},
          {"episode_id", p.episode_id},
          {"village_code", p.village_code},
          {"state", assist::PlanStateCode(p.state)},
          {"created_by", p.created_by},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at},
          {"completed_by", p.completed_by},
          {"completed_at", p.completed_at},
          {"note", p.note}};
}

json ResponsibleJson(const assist::ResponsiblePerson& r) {
  return {{"id", r.id},
          {"household_id", r.household_id},
          {"name", r.name},
          {"unit", r.unit},
          {"phone", r.phone},
          {"from", r.from.ToString()},
          {"to", DateOrNullJson(r.to)},
          {"assigned_by", r.assigned_by},
          {"assigned_at", r.assigned_at}};
}

json VisitJson(const assist::Visit& v) {
  return {{"id", v.id},
          {"household_id", v.household_id},
          {"village_code", v.village_code},
          {"visited_on", v.visited_on.ToString()},
          {"visitor", v.visitor},
          {"recorded_by", v.recorded_by},
          {"recorded_at", v.recorded_at},
          {"found", v.found},
          {"risks_seen", CodeListJson(v.risks_seen)},
          {"lead_id", v.lead_id}};
}

json PlanFileJson(const PlanFile& f) {
  json out = PlanJson(f.plan);
  out["village_name"] = f.village_name;
  out["head_name"] = f.head_name;
  out["episode"] = EpisodeJson(f.episode);
  json measures = json::array();
  for (const cases::Measure& m : f.measures) measures.push_back(MeasureJson(m));
  out["measures"] = std::move(measures);
  out["responsible"] = ResponsibleOrNull(f.responsible);
  json visits = json::array();
  for (const assist::Visit& v : f.visits) visits.push_back(VisitJson(v));
  out["visits"] = std::move(visits);
  json checks = json::array();
  for (const FindingItem& item : f.checks) {
    const exchange::Finding& c = item.finding;
    checks.push_back({{"finding_id", c.id},
                      {"check", c.check},
                      {"title_zh", item.title_zh},
                      {"title_en", item.title_en},
                      {"detail", c.detail},
                      {"state", exchange::FindingStateName(c.state)},
                      {"opened_at", c.opened_at},
                      {"resolved_by", c.resolved_by},
                      {"note", c.note}});
  }
  out["checks"] = std::move(checks);
  return out;
}

json PlanItemJson(const PlanItem& item) {
  json out = PlanJson(item.plan);
  out["village_name"] = item.village_name;
  out["head_name"] = item.head_name;
  out["measures"] = item.measures;
  return out;
}

json VisitItemJson(const VisitItem& item) {
  json out = VisitJson(item.visit);
  out["village_name"] = item.village_name;
  out["head_name"] = item.head_name;
  return out;
}

json ResponsibilityItemJson(const ResponsibilityItem& item) {
  return {{"household_id", item.episode.household_id},
          {"village_code", item.episode.village_code},
          {"village_name", item.village_name},
          {"head_name", item.head_name},
          {"episode", EpisodeJson(item.episode)},
          {"responsible", ResponsibleOrNull(item.responsible)},
          {"last_visit", DateOrNullJson(item.last_visit)},
          {"plan_id", item.plan_id},
          {"plan_state",
           item.plan_state ? json(assist::PlanStateCode(*item.plan_state)) : json(nullptr)}};
}

json CatalogJson(const CatalogInForce& c) {
  json categories = json::array();
  for (const assist::CatalogCategory& cat : c.catalog.categories) {
    json items = json::array();
    for (const assist::CatalogItem& i : cat.items) {
      items.push_back({{"code", i.code},
                       {"name_zh", i.name_zh},
                       {"name_en", i.name_en},
                       {"department", i.department}});
    }
    categories.push_back({{"code", cases::MeasureCategoryCode(cat.category)},
                          {"name_zh", cat.name_zh},
                          {"name_en", cat.name_en},
                          {"development", cat.development},
                          {"items", std::move(items)}});
  }
  return {{"province", c.province},
          {"version", c.version},
          {"builtin", c.version == 0},
          {"created_by", c.created_by},
          {"created_at", c.created_at},
          {"toml", c.text},
          {"categories", std::move(categories)}};
}

}  // namespace xianjie::service
