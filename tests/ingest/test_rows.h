// Test helper: the value of one column of a parsed row, written as the exchange format writes
// it (codes, canonical yuan, 1/0), so that test cases can state expected rows as text.
#ifndef XIANJIE_TESTS_INGEST_TEST_ROWS_H_
#define XIANJIE_TESTS_INGEST_TEST_ROWS_H_

#include <string>
#include <string_view>

#include "ingest/exchange_format.h"

namespace xianjie::ingest::test_rows {

inline std::string Flag(bool b) { return b ? "1" : "0"; }

// "(unknown)" for an absent prev_net_income; "?" for a column the row does not have.
inline std::string Render(const HouseholdRow& row, std::string_view column) {
  const registry::Household& h = row.household;
  if (column == "household_id") return h.household_id;
  if (column == "village_code") return h.village_code.ToString();
  if (column == "status") return std::string(registry::CodeOf(h.status));
  if (column == "wage_income") return h.wage_income.ToYuanString();
  if (column == "business_income") return h.business_income.ToYuanString();
  if (column == "property_income") return h.property_income.ToYuanString();
  if (column == "transfer_income") return h.transfer_income.ToYuanString();
  if (column == "production_costs") return h.production_costs.ToYuanString();
  if (column == "prev_net_income") {
    return h.prev_net_income ? h.prev_net_income->ToYuanString() : "(unknown)";
  }
  if (column == "rigid_medical") return h.rigid_medical.ToYuanString();
  if (column == "rigid_education") return h.rigid_education.ToYuanString();
  if (column == "rigid_other") return h.rigid_other.ToYuanString();
  if (column == "housing_safe") return Flag(h.housing_safe);
  if (column == "water_safe") return Flag(h.water_safe);
  return "?";
}

inline std::string Render(const MemberRow& row, std::string_view column) {
  const registry::Member& m = row.member;
  if (column == "id_number") return m.id_number;
  if (column == "household_id") return std::string(row.household_id);
  if (column == "name") return m.name;
  if (column == "relation") return std::string(registry::CodeOf(m.relation));
  if (column == "sex") return std::string(registry::CodeOf(m.sex));
  if (column == "birth_date") return m.birth_date.ToString();
  if (column == "labor") return std::string(registry::CodeOf(m.labor));
  if (column == "health") return std::string(registry::CodeOf(m.health));
  if (column == "school_stage") return std::string(registry::CodeOf(m.school_stage));
  if (column == "enrolled") return Flag(m.enrolled);
  if (column == "med_insured") return Flag(m.med_insured);
  if (column == "pension_insured") return Flag(m.pension_insured);
  if (column == "shares_household") return Flag(m.shares_household);
  return "?";
}

}  // namespace xianjie::ingest::test_rows

#endif  // XIANJIE_TESTS_INGEST_TEST_ROWS_H_
