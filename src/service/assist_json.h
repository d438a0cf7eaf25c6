// The JSON of assistance (docs/decisions/0008): one shape for the API (server/api_assist.cc,
// documented in docs/openapi.yaml) and for the CLI's --json (`xianjie plan|catalog`), so that a
// script reads the same fields from either.
#ifndef XIANJIE_SERVICE_ASSIST_JSON_H_
#define XIANJIE_SERVICE_ASSIST_JSON_H_

#include <nlohmann/json.hpp>

#include "assist/plan.h"
#include "cases/case.h"
#include "cases/measure.h"
#include "service/assist.h"

namespace xianjie::service {

// {id, household_id, member_id_number, category, item, department, start, end (null when
// open-ended), amount (yuan, "1200.50"), status, risks: [codes], recorded_by, recorded_at,
// plan_id, item_code}.
nlohmann::json MeasureJson(const cases::Measure& m);

// {id, household_id, episode_id, village_code, state, created_by, created_at, updated_at,
// completed_by, completed_at, note}.
nlohmann::json PlanJson(const assist::Plan& p);
// PlanJson with village_name, head_name, episode {id, type, risks, identified_on,
// eliminated_on}, measures, responsible (null when none) and visits.
nlohmann::json PlanFileJson(const PlanFile& f);
// PlanJson with village_name, head_name and measures (their number).
nlohmann::json PlanItemJson(const PlanItem& item);

// {id, household_id, name, unit, phone, from, to (null while current), assigned_by,
// assigned_at}.
nlohmann::json ResponsibleJson(const assist::ResponsiblePerson& r);
// {id, household_id, village_code, visited_on, visitor, recorded_by, recorded_at, found,
// risks_seen: [codes], lead_id}.
nlohmann::json VisitJson(const assist::Visit& v);
// VisitJson with village_name and head_name.
nlohmann::json VisitItemJson(const VisitItem& item);
// {household_id, village_code, village_name, head_name, episode, responsible (or null),
// last_visit (or null), plan_id, plan_state (or null)}.
nlohmann::json ResponsibilityItemJson(const ResponsibilityItem& item);

// {province, version, builtin, created_by, created_at, toml, categories: [{code, name_zh,
// name_en, development, items: [{code, name_zh, name_en, department}]}]}.
nlohmann::json CatalogJson(const CatalogInForce& c);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_ASSIST_JSON_H_
