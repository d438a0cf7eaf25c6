// The privacy test's material (docs/decisions/0005 "Public notices"), shared by the cases,
// service and server tests of notices: households whose every field a notice must not show holds
// a distinctive value, the case fields (home visit, comparison, appraisal, objection, comments)
// likewise, and the list of those values as text to search a rendered notice for.
#ifndef XIANJIE_TESTS_CASES_NOTICE_PRIVACY_H_
#define XIANJIE_TESTS_CASES_NOTICE_PRIVACY_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/date.h"
#include "base/id_number.h"
#include "base/money.h"
#include "base/region_code.h"
#include "cases/case.h"
#include "registry/codes.h"
#include "registry/household.h"

namespace xianjie::cases::testing {

// A household of four listed members in `village` (one does not share the household: the size
// a notice shows is 3) with the head `head_name`. Money, ID numbers, birth dates, health, labour
// and the other members' names are distinctive per `seed` (1..9).
inline registry::HouseholdRecord SensitiveHousehold(const std::string& household_id,
                                                    const std::string& village,
                                                    const std::string& head_name, int seed) {
  registry::HouseholdRecord r;
  registry::Household& h = r.household;
  h.household_id = household_id;
  h.village_code = *RegionCode::Parse(village);
  h.status = registry::HouseholdStatus::kLifted;
  const int64_t k = seed * 1'000'000;  // seed 1: 12345.67, 23456.78, ...
  h.wage_income = Money::FromFen(k + 234'567);
  h.business_income = Money::FromFen(k + 345'678);
  h.property_income = Money::FromFen(k + 456'789);
  h.transfer_income = Money::FromFen(k + 567'891);
  h.production_costs = Money::FromFen(k + 678'912);
  h.prev_net_income = Money::FromFen(k + 789'123);
  h.rigid_medical = Money::FromFen(k + 891'234);
  h.rigid_education = Money::FromFen(k + 912'345);
  h.rigid_other = Money::FromFen(k + 123'459);
  h.housing_safe = false;
  h.water_safe = false;
  const registry::Health health[] = {registry::Health::kSerious, registry::Health::kChronic,
                                     registry::Health::kDisabled, registry::Health::kSerious};
  const registry::Relation relation[] = {registry::Relation::kHead, registry::Relation::kSpouse,
                                         registry::Relation::kChild, registry::Relation::kParent};
  const char* names[] = {nullptr, "隐私配偶", "隐私子女", "隐私父亲"};
  for (int i = 0; i < 4; ++i) {
    registry::Member& m = r.members.emplace_back();
    m.birth_date = CivilDate::FromYmd(1950 + 9 * i + seed, 1 + (3 * i + seed) % 12, 11 + i + seed);
    m.id_number = MakeIdNumber(village.substr(0, 6), m.birth_date, 100 * i + 37 + 2 * seed);
    m.name = i == 0 ? head_name : std::string(names[i]) + std::to_string(seed);
    m.relation = relation[i];
    auto parsed = ParseIdNumber(m.id_number, CivilDate::FromYmd(2026, 12, 1));
    m.sex = parsed.ok() && parsed->male() ? registry::Sex::kMale : registry::Sex::kFemale;
    m.labor = registry::Labor::kLost;
    m.health = health[i];
    m.school_stage = i == 2 ? registry::SchoolStage::kJunior : registry::SchoolStage::kNone;
    m.enrolled = false;
    m.med_insured = i != 3;
    m.shares_household = i != 3;
  }
  registry::Canonicalize(r);
  return r;
}

// A home visit form with distinctive money (yuan) and findings.
inline Fields SensitiveHomeVisit(int seed) {
  const std::string s = std::to_string(seed);
  return {{"wage_income", s + "1357.91"},
          {"business_income", s + "2468.02"},
          {"property_income", s + "3579.13"},
          {"transfer_income", s + "4680.24"},
          {"production_costs", s + "5791.35"},
          {"rigid_medical", s + "6802.46"},
          {"rigid_education", s + "7913.57"},
          {"rigid_other", s + "8024.68"},
          {"housing_safe", "0"},
          {"water_safe", "0"},
          {"findings", "入户发现尿毒症透析" + s + "，存折账号6222020200112233" + s}};
}

// Fields of the other events, each with distinctive text.
inline Fields SensitiveApplication() {
  return {{"authorization_signed", "1"}, {"applicant", "代办人隐私甲，手机13912345678"}};
}
inline Fields SensitiveComparison() {
  return {{"result", "consistent"}, {"findings", "名下车辆青A7K391，公积金账户887766"}};
}
inline Fields SensitiveAppraisal(CivilDate held_on) {
  return {{"held_on", held_on.ToString()},
          {"attendance", "29"},
          {"minutes", "评议记录：户主患肝癌晚期，年收入一万二千三百"},
          {"result", "agreed"}};
}

// Every value of the household and its members that a notice must not show, as the text it
// would appear as: ID numbers whole, masked, and their distinctive parts (birth date digits and
// the tail); birth dates; money in yuan (two decimals and canonical) and fen, with the derived
// net income and rigid spending; health, labour and school labels and codes; the other members'
// names; the household id.
inline std::vector<std::string> SecretsOf(const registry::HouseholdRecord& r) {
  std::vector<std::string> out = {r.household.household_id};
  const registry::Household& h = r.household;
  std::vector<Money> money = {
      h.wage_income,          h.business_income,         h.property_income, h.transfer_income,
      h.production_costs,     h.rigid_medical,           h.rigid_education, h.rigid_other,
      registry::NetIncome(h), registry::RigidSpending(h)};
  if (h.prev_net_income) money.push_back(*h.prev_net_income);
  for (Money m : money) {
    out.push_back(m.ToYuanCentsString());
    out.push_back(m.ToYuanString());
    out.push_back(std::to_string(m.fen()));
  }
  for (const registry::Member& m : r.members) {
    out.push_back(m.id_number);
    out.push_back(MaskIdNumber(m.id_number));
    out.push_back(m.id_number.substr(6, 8));  // the birth date digits
    out.push_back(m.id_number.substr(10));    // what a mask's tail and middle share
    out.push_back(m.birth_date.ToString());
    if (m.relation != registry::Relation::kHead) out.push_back(m.name);
    out.push_back(std::string(registry::LabelOf(m.labor)));
    if (m.health != registry::Health::kHealthy) {
      out.push_back(std::string(registry::LabelOf(m.health)));
      out.push_back(std::string(registry::CodeOf(m.health)));
    }
    if (m.school_stage != registry::SchoolStage::kNone) {
      out.push_back(std::string(registry::LabelOf(m.school_stage)));
    }
  }
  return out;
}

// The values of event fields a notice must not show (money, findings, names, minutes ...).
inline std::vector<std::string> SecretsOf(const Fields& fields) {
  std::vector<std::string> out;
  for (const auto& [name, value] : fields) {
    if (name == "result" || name == "housing_safe" || name == "water_safe" ||
        name == "authorization_signed" || name == "attendance" || name == "held_on") {
      continue;  // short codes, numbers and dates that are no secret on their own
    }
    out.push_back(value);
  }
  return out;
}

// Fails the test for each secret found in `text`.
inline void ExpectNoSecrets(const std::string& text, const std::vector<std::string>& secrets,
                            const std::string& what) {
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    EXPECT_EQ(text.find(secret), std::string::npos) << what << " shows '" << secret << "'";
  }
}

}  // namespace xianjie::cases::testing

#endif  // XIANJIE_TESTS_CASES_NOTICE_PRIVACY_H_
