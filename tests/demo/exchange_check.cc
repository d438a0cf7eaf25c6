// Validation of exchange-format files for the demo generator's tests.
#include "exchange_check.h"

#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "base/id_number.h"
#include "base/money.h"
#include "demo/villages.h"
#include "registry/codes.h"

namespace xianjie::demo::testing {
namespace {

using registry::ParseBool;
using registry::ParseCode;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Parses a household row; returns the first rule it breaks, or "" with `out` filled.
std::string CheckHousehold(const std::vector<std::string>& f, const registry::RegionTable& regions,
                           std::unordered_set<std::string>& ids, registry::Household& out) {
  if (f.size() != 14) return "columns";
  if (f[0].empty() || f[0].size() > registry::kMaxHouseholdIdLength) return "household_id.empty";
  if (!ids.insert(f[0]).second) return "household_id.duplicate";
  out.household_id = f[0];
  const registry::Region* village = regions.Find(f[1]);
  if (f[1].size() != 12 || village == nullptr || village->level() != RegionLevel::kVillage) {
    return "village_code.unknown";
  }
  if (!IsRuralVillage(*village)) return "village_code.not_rural";
  out.village_code = village->code;
  auto status = ParseCode<registry::HouseholdStatus>(f[2]);
  if (!status) return "enum.bad";
  out.status = *status;
  Money* money[] = {&out.wage_income, &out.business_income, &out.property_income,
                    &out.transfer_income, &out.production_costs};
  for (int i = 0; i < 5; ++i) {
    auto m = ParseMoney(f[3 + i]);
    if (!m.ok()) return "money.malformed";
    *money[i] = *m;
  }
  out.prev_net_income.reset();
  if (!f[8].empty()) {
    auto m = ParseMoney(f[8], Sign::kAny);
    if (!m.ok()) return "money.malformed";
    out.prev_net_income = *m;
  }
  Money* rigid[] = {&out.rigid_medical, &out.rigid_education, &out.rigid_other};
  for (int i = 0; i < 3; ++i) {
    auto m = ParseMoney(f[9 + i]);
    if (!m.ok()) return "money.malformed";
    *rigid[i] = *m;
  }
  auto housing = ParseBool(f[12]);
  auto water = ParseBool(f[13]);
  if (!housing || !water) return "boolean.bad";
  out.housing_safe = *housing;
  out.water_safe = *water;
  return "";
}

std::string CheckMember(const std::vector<std::string>& f, CivilDate today,
                        const std::unordered_set<std::string>& households,
                        std::unordered_set<std::string>& ids, CheckedMember& out) {
  if (f.size() != 13) return "columns";
  IdNumberError error = IdNumberError::kNone;
  auto id = ParseIdNumber(f[0], today, &error);
  if (!id.ok()) {
    if (error == IdNumberError::kCheckCharacter) return "id_number.check";
    if (error == IdNumberError::kBirthDate) return "id_number.birth_date";
    return "id_number.other";
  }
  if (!ids.insert(id->text()).second) return "id_number.duplicate";
  registry::Member& m = out.member;
  m.id_number = id->text();
  auto relation = ParseCode<registry::Relation>(f[3]);
  auto sex = ParseCode<registry::Sex>(f[4]);
  auto labor = ParseCode<registry::Labor>(f[6]);
  auto health = ParseCode<registry::Health>(f[7]);
  auto stage = ParseCode<registry::SchoolStage>(f[8]);
  if (!relation || !sex || !labor || !health || !stage) return "enum.bad";
  std::optional<bool> flags[] = {ParseBool(f[9]), ParseBool(f[10]), ParseBool(f[11]),
                                 ParseBool(f[12])};
  for (const auto& flag : flags) {
    if (!flag) return "boolean.bad";
  }
  auto birth = ParseDate(f[5]);
  if (!birth.ok()) return "birth_date.malformed";
  if (f[2].empty()) return "name.empty";
  if (CodePoints(f[2]) > registry::kMaxNameLength) return "name.too_long";
  if ((*sex == registry::Sex::kMale) != id->male()) return "sex.mismatch";
  if (*birth != id->birth_date()) return "birth_date.mismatch";
  if (households.count(f[1]) == 0) return "household_id.unknown";
  out.household_id = f[1];
  m.name = f[2];
  m.relation = *relation;
  m.sex = *sex;
  m.birth_date = *birth;
  m.labor = *labor;
  m.health = *health;
  m.school_stage = *stage;
  m.enrolled = *flags[0];
  m.med_insured = *flags[1];
  m.pension_insured = *flags[2];
  m.shares_household = *flags[3];
  return "";
}

}  // namespace

Generated GenerateInMemory(const GeneratorOptions& options) {
  std::ostringstream households;
  std::ostringstream members;
  auto stats = GenerateRegistry(options, registry::RegionTable::BuiltIn(), households, members);
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  Generated g;
  g.households = std::move(households).str();
  g.members = std::move(members).str();
  if (stats.ok()) g.stats = *stats;
  return g;
}

void SplitCsvLine(std::string_view line, std::vector<std::string>& fields) {
  if (line.find('"') == std::string_view::npos) {  // the common case, kept fast under ASan
    size_t n = 0;
    size_t start = 0;
    for (;;) {
      size_t comma = line.find(',', start);
      std::string_view field =
          line.substr(start, comma == std::string_view::npos ? comma : comma - start);
      if (n < fields.size()) {
        fields[n].assign(field);
      } else {
        fields.emplace_back(field);
      }
      ++n;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    fields.resize(n);
    return;
  }
  fields.clear();
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(std::move(field));
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    lines.push_back(text.substr(pos, eol - pos));
    pos = eol + 1;
  }
  return lines;
}

std::map<std::string, int64_t> CheckResult::CountByRule() const {
  std::map<std::string, int64_t> counts;
  for (const RowProblem& p : problems) ++counts[p.rule];
  return counts;
}

CheckResult CheckExchangeFiles(std::string_view households_csv, std::string_view members_csv,
                               const registry::RegionTable& regions, CivilDate today) {
  CheckResult result;
  std::vector<std::string> fields;
  std::unordered_set<std::string> household_ids;
  std::unordered_set<std::string> valid_households;
  auto household_lines = Lines(households_csv);
  for (size_t i = 0; i < household_lines.size(); ++i) {
    if (i == 0) {
      result.households_header = std::string(household_lines[0]);
      continue;
    }
    SplitCsvLine(household_lines[i], fields);
    registry::Household h;
    std::string rule = CheckHousehold(fields, regions, household_ids, h);
    if (!rule.empty()) {
      result.problems.push_back({false, static_cast<int64_t>(i + 1), rule});
      continue;
    }
    valid_households.insert(h.household_id);
    result.households.push_back(std::move(h));
  }
  std::unordered_set<std::string> id_numbers;
  std::unordered_map<std::string, int> heads;
  auto member_lines = Lines(members_csv);
  result.members.reserve(member_lines.size());
  for (size_t i = 0; i < member_lines.size(); ++i) {
    if (i == 0) {
      result.members_header = std::string(member_lines[0]);
      continue;
    }
    SplitCsvLine(member_lines[i], fields);
    CheckedMember m;
    std::string rule = CheckMember(fields, today, valid_households, id_numbers, m);
    if (!rule.empty()) {
      result.problems.push_back({true, static_cast<int64_t>(i + 1), rule});
      continue;
    }
    heads[m.household_id] += m.member.relation == registry::Relation::kHead;
    result.members.push_back(std::move(m));
  }
  for (const registry::Household& h : result.households) {
    if (heads[h.household_id] != 1) result.households_without_one_head.push_back(h.household_id);
  }
  return result;
}

}  // namespace xianjie::demo::testing
