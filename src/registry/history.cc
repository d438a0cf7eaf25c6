// Field-by-field differences between household versions.
#include "registry/history.h"

#include <map>

#include "base/id_number.h"

namespace xianjie::registry {
namespace {

std::string Bool(bool b) { return b ? "1" : "0"; }

std::string MemberSubject(const Member& m) {
  return "member " + MaskIdNumber(m.id_number) + " " + m.name;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> HouseholdFields(const Household& h) {
  return {
      {"household_id", h.household_id},
      {"village_code", h.village_code.ToString()},
      {"status", std::string(CodeOf(h.status))},
      {"wage_income", h.wage_income.ToYuanString()},
      {"business_income", h.business_income.ToYuanString()},
      {"property_income", h.property_income.ToYuanString()},
      {"transfer_income", h.transfer_income.ToYuanString()},
      {"production_costs", h.production_costs.ToYuanString()},
      {"prev_net_income", h.prev_net_income ? h.prev_net_income->ToYuanString() : ""},
      {"rigid_medical", h.rigid_medical.ToYuanString()},
      {"rigid_education", h.rigid_education.ToYuanString()},
      {"rigid_other", h.rigid_other.ToYuanString()},
      {"housing_safe", Bool(h.housing_safe)},
      {"water_safe", Bool(h.water_safe)},
  };
}

std::vector<std::pair<std::string, std::string>> MemberFields(const Member& m) {
  return {
      {"id_number", m.id_number},
      {"name", m.name},
      {"relation", std::string(CodeOf(m.relation))},
      {"sex", std::string(CodeOf(m.sex))},
      {"birth_date", m.birth_date.ToString()},
      {"labor", std::string(CodeOf(m.labor))},
      {"health", std::string(CodeOf(m.health))},
      {"school_stage", std::string(CodeOf(m.school_stage))},
      {"enrolled", Bool(m.enrolled)},
      {"med_insured", Bool(m.med_insured)},
      {"pension_insured", Bool(m.pension_insured)},
      {"shares_household", Bool(m.shares_household)},
  };
}

std::vector<FieldChange> DiffRecords(const HouseholdRecord& before, const HouseholdRecord& after) {
  std::vector<FieldChange> changes;
  auto hb = HouseholdFields(before.household), ha = HouseholdFields(after.household);
  for (size_t i = 0; i < hb.size(); ++i) {
    if (hb[i].second != ha[i].second) {
      changes.push_back({"household", hb[i].first, hb[i].second, ha[i].second});
    }
  }
  std::map<std::string, const Member*> old_members, new_members;
  for (const Member& m : before.members) old_members[m.id_number] = &m;
  for (const Member& m : after.members) new_members[m.id_number] = &m;
  for (const auto& [id, m] : old_members) {
    if (!new_members.count(id)) changes.push_back({MemberSubject(*m), "member", m->name, ""});
  }
  for (const auto& [id, m] : new_members) {
    auto it = old_members.find(id);
    if (it == old_members.end()) continue;
    auto fb = MemberFields(*it->second), fa = MemberFields(*m);
    for (size_t i = 0; i < fb.size(); ++i) {
      if (fb[i].second != fa[i].second) {
        changes.push_back({MemberSubject(*m), fb[i].first, fb[i].second, fa[i].second});
      }
    }
  }
  for (const auto& [id, m] : new_members) {
    if (!old_members.count(id)) changes.push_back({MemberSubject(*m), "member", "", m->name});
  }
  return changes;
}

}  // namespace xianjie::registry
