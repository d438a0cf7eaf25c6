// Field-by-field differences between household versions.
#include "registry/history.h"

#include <map>

#include "base/id_number.h"
#include "registry/exchange_columns.h"

namespace xianjie::registry {
namespace {

std::string Bool(bool b) { return b ? "1" : "0"; }

std::string MemberSubject(const Member& m) {
  return "member " + MaskIdNumber(m.id_number) + " " + m.name;
}

// The switches name every column, so that -Wswitch reports a column added to the format
// without its text here.
std::string Text(const Household& h, HouseholdColumn column) {
  using C = HouseholdColumn;
  switch (column) {
    case C::kHouseholdId:
      return h.household_id;
    case C::kVillageCode:
      return h.village_code.ToString();
    case C::kStatus:
      return std::string(CodeOf(h.status));
    case C::kWageIncome:
      return h.wage_income.ToYuanString();
    case C::kBusinessIncome:
      return h.business_income.ToYuanString();
    case C::kPropertyIncome:
      return h.property_income.ToYuanString();
    case C::kTransferIncome:
      return h.transfer_income.ToYuanString();
    case C::kProductionCosts:
      return h.production_costs.ToYuanString();
    case C::kPrevNetIncome:
      return h.prev_net_income ? h.prev_net_income->ToYuanString() : "";
    case C::kRigidMedical:
      return h.rigid_medical.ToYuanString();
    case C::kRigidEducation:
      return h.rigid_education.ToYuanString();
    case C::kRigidOther:
      return h.rigid_other.ToYuanString();
    case C::kHousingSafe:
      return Bool(h.housing_safe);
    case C::kWaterSafe:
      return Bool(h.water_safe);
  }
  return {};
}

std::string Text(const Member& m, MemberColumn column) {
  using C = MemberColumn;
  switch (column) {
    case C::kIdNumber:
      return m.id_number;
    case C::kHouseholdId:
      return {};  // the household's field; MemberFields leaves it out
    case C::kName:
      return m.name;
    case C::kRelation:
      return std::string(CodeOf(m.relation));
    case C::kSex:
      return std::string(CodeOf(m.sex));
    case C::kBirthDate:
      return m.birth_date.ToString();
    case C::kLabor:
      return std::string(CodeOf(m.labor));
    case C::kHealth:
      return std::string(CodeOf(m.health));
    case C::kSchoolStage:
      return std::string(CodeOf(m.school_stage));
    case C::kEnrolled:
      return Bool(m.enrolled);
    case C::kMedInsured:
      return Bool(m.med_insured);
    case C::kPensionInsured:
      return Bool(m.pension_insured);
    case C::kSharesHousehold:
      return Bool(m.shares_household);
  }
  return {};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> HouseholdFields(const Household& h) {
  std::vector<std::pair<std::string, std::string>> fields;
  fields.reserve(kHouseholdColumnCount);
  for (size_t i = 0; i < kHouseholdColumnCount; ++i) {
    fields.emplace_back(kHouseholdColumnNames[i], Text(h, static_cast<HouseholdColumn>(i)));
  }
  return fields;
}

std::vector<std::pair<std::string, std::string>> MemberFields(const Member& m) {
  std::vector<std::pair<std::string, std::string>> fields;
  fields.reserve(kMemberColumnCount - 1);
  for (size_t i = 0; i < kMemberColumnCount; ++i) {
    const auto column = static_cast<MemberColumn>(i);
    if (column != MemberColumn::kHouseholdId) {
      fields.emplace_back(kMemberColumnNames[i], Text(m, column));
    }
  }
  return fields;
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
