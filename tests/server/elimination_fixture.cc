// The elimination routes' households (elimination_fixture.h), through the service as the
// procedure runs, each step at noon in China of its day.
#include "server/elimination_fixture.h"

#include <string_view>
#include <vector>

#include "cases/elimination.h"
#include "registry/household.h"
#include "service/cases.h"
#include "service/elimination.h"
#include "service/service_test_support.h"

namespace xianjie::server::testing {
namespace {

using access::Role;

std::string Noon(CivilDate d) { return d.ToString() + "T04:00:00Z"; }
CivilDate Plus(CivilDate d, int days) { return CivilDate::FromDays(d.ToDays() + days); }

access::Principal Cadre(const std::string& village) {
  return service::testing::Officer(Role::kVillage, village, "fixture-cadre");
}
access::Principal Township(const std::string& village) {
  return service::testing::Officer(Role::kTownship, village.substr(0, 9), "fixture-township");
}
access::Principal County(const std::string& village) {
  return service::testing::Officer(Role::kCounty, village.substr(0, 6), "fixture-county");
}

Status Act(service::Workspace& ws, const access::Principal& who, int64_t case_id,
           const std::string& event, cases::Fields fields, CivilDate on) {
  service::CaseAction action;
  action.event = event;
  action.fields = std::move(fields);
  auto after = service::ActOnCase(ws, who, case_id, action, Noon(on));
  if (!after.ok()) return Internal(event + " on " + on.ToString() + ": " + after.status().ToString());
  return Status::Ok();
}

// The home visit's form: `total_yuan` of wage income, nothing else, all safe.
cases::Fields VisitForm(int64_t total_yuan) {
  return {{"wage_income", std::to_string(total_yuan)},
          {"business_income", "0"},
          {"property_income", "0"},
          {"transfer_income", "0"},
          {"production_costs", "0"},
          {"rigid_medical", "0"},
          {"rigid_education", "0"},
          {"rigid_other", "0"},
          {"housing_safe", "1"},
          {"water_safe", "1"},
          {"findings", "入户核实"}};
}

// From the appraisal on `day` to the county's approval with `approval` eight days later.
Status AppraiseToApproval(service::Workspace& ws, const std::string& village, int64_t case_id,
                          CivilDate day, cases::Fields approval) {
  XJ_RETURN_IF_ERROR(Act(ws, Cadre(village), case_id, "record_appraisal",
                         {{"held_on", day.ToString()},
                          {"attendance", "20"},
                          {"minutes", "同意"},
                          {"result", "agreed"}},
                         day));
  XJ_RETURN_IF_ERROR(Act(ws, Cadre(village), case_id, "close_notice", {}, Plus(day, 5)));
  XJ_RETURN_IF_ERROR(Act(ws, Township(village), case_id, "township_approve", {}, Plus(day, 6)));
  return Act(ws, County(village), case_id, "county_approve", std::move(approval), Plus(day, 7));
}

// The members the household's current version counts (those sharing the household).
Result<int> CountedOf(service::Workspace& ws, const std::string& id) {
  const std::string ids[] = {id};
  XJ_ASSIGN_OR_RETURN(std::vector<registry::HouseholdVersion> current,
                      ws.database().GetCurrent(ids));
  if (current.empty()) return NotFound("household " + id + " is not in the registry");
  return registry::CountedMembers(current.front().record);
}

}  // namespace

Status WriteHousehold(service::Workspace& ws, const std::string& id, const std::string& village,
                      CivilDate as_of, int64_t per_capita_yuan) {
  store::Database& db = ws.database();
  const std::string ids[] = {id};
  XJ_ASSIGN_OR_RETURN(std::vector<registry::HouseholdVersion> current, db.GetCurrent(ids));
  registry::HouseholdRecord record = current.empty()
                                         ? service::testing::MakeHousehold(id, village, 3, false, 7)
                                         : current.front().record;
  registry::Household& h = record.household;
  h.wage_income = Money::FromYuan(per_capita_yuan * registry::CountedMembers(record));
  h.business_income = h.property_income = h.transfer_income = h.production_costs = Money();
  h.rigid_medical = h.rigid_education = h.rigid_other = Money();
  h.housing_safe = h.water_safe = true;
  for (registry::Member& m : record.members) {
    m.med_insured = true;
    m.enrolled = true;
    m.labor = registry::Labor::kOrdinary;
  }
  registry::Canonicalize(record);
  registry::HouseholdVersion v;
  v.version = current.empty() ? 1 : current.front().version + 1;
  v.record = record;
  v.content_hash = registry::ContentHash(record);
  registry::BatchInfo info;
  info.source = "survey";
  info.user = "fixture";
  info.started_at = Noon(as_of);
  info.as_of = as_of;
  XJ_ASSIGN_OR_RETURN(std::unique_ptr<registry::BatchWriter> writer, db.BeginBatch(info));
  XJ_RETURN_IF_ERROR(writer->PutVersion(v));
  XJ_RETURN_IF_ERROR(writer->Commit("{}"));
  return ws.Refresh();
}

Result<int64_t> AddEligibleHousehold(service::Workspace& ws, const std::string& id,
                                     const std::string& village, CivilDate today) {
  constexpr int64_t kPerCapita = 20000;
  XJ_RETURN_IF_ERROR(WriteHousehold(ws, id, village, cases::AddMonths(today, -12), kPerCapita));
  const CivilDate start = cases::AddMonths(today, -9);
  XJ_ASSIGN_OR_RETURN(const int64_t case_id,
                      service::AddLead(ws, Cadre(village), id, "self_application", "fixture", "",
                                       Noon(start)));
  XJ_RETURN_IF_ERROR(Act(ws, Cadre(village), case_id, "apply",
                         {{"authorization_signed", "1"}, {"applicant", "户主"}}, start));
  XJ_ASSIGN_OR_RETURN(const int counted, CountedOf(ws, id));
  XJ_RETURN_IF_ERROR(Act(ws, Cadre(village), case_id, "record_home_visit",
                         VisitForm(counted * kPerCapita), start));
  XJ_RETURN_IF_ERROR(Act(ws, County(village), case_id, "record_comparison",
                         {{"result", "consistent"}, {"findings", "无"}}, Plus(start, 1)));
  XJ_RETURN_IF_ERROR(AppraiseToApproval(ws, village, case_id, Plus(start, 2),
                                        {{"type", "marginal"}, {"risks", "R01;R07"}}));
  cases::Measure post;
  post.household_id = id;
  post.category = cases::MeasureCategory::kPublicPost;
  post.item = "生态护林员";
  post.department = "县林草局";
  post.start = Plus(start, 10);
  post.status = cases::MeasureStatus::kInProgress;
  post.risks = "R07";
  post.amount_fen = 1000000;
  XJ_RETURN_IF_ERROR(service::RecordMeasure(ws, Cadre(village), post));
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes, ws.database().EpisodesOf(id));
  if (episodes.size() != 1) {
    return Internal("household " + id + " has " + std::to_string(episodes.size()) +
                    " episodes after its identification, not 1");
  }
  return episodes.front().id;
}

Result<int64_t> AddEliminatedBelowLine(service::Workspace& ws, const std::string& id,
                                       const std::string& village, CivilDate today) {
  XJ_RETURN_IF_ERROR(AddEligibleHousehold(ws, id, village, today));
  const CivilDate proposed = cases::AddMonths(today, -2);
  XJ_ASSIGN_OR_RETURN(cases::CaseRecord opened,
                      service::ProposeElimination(ws, County(village), id, Noon(proposed)));
  XJ_ASSIGN_OR_RETURN(const int counted, CountedOf(ws, id));
  XJ_RETURN_IF_ERROR(Act(ws, Cadre(village), opened.id, "record_home_visit",
                         VisitForm(counted * 1000), Plus(proposed, 1)));
  XJ_RETURN_IF_ERROR(AppraiseToApproval(ws, village, opened.id, Plus(proposed, 2),
                                        {{"method", "by_assistance"}}));
  XJ_RETURN_IF_ERROR(ws.Refresh());
  return opened.id;
}

}  // namespace xianjie::server::testing
