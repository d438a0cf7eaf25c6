// Demo department files about health: medical insurance settlements (医保), the major-illness
// treatment list (卫健) and disability certificates (残联). Bills go mostly to the seriously ill,
// the chronically ill, the disabled and the old; a household's serious illness or accident of the
// income model (HouseholdEvents::illness) is a large hospital stay.
#include <algorithm>
#include <cmath>

#include "demo/department_drawer.h"

namespace xianjie::demo {
namespace {

using registry::Health;
using registry::Labor;
using registry::Member;
using Labels = std::span<const std::string_view>;

constexpr std::string_view kProvincialHospitals[] = {
    "青海省人民医院", "青海大学附属医院", "青海省中医院", "青海红十字医院", "青海省第五人民医院",
};
constexpr std::string_view kChildrensHospital = "青海省妇女儿童医院";

std::string CountyHospital(const HouseholdScene& s, Rng& rng) {
  return s.village->county_name + (rng.Chance(0.8) ? "人民医院" : "中医院");
}

// The hospital of a stay: the county's, or for serious cases more often the province's.
std::string StayHospital(const HouseholdScene& s, int age, bool serious, Rng& rng) {
  if (!rng.Chance(serious ? 0.6 : 0.25)) return CountyHospital(s, rng);
  if (age < 14 && rng.Chance(0.6)) return std::string(kChildrensHospital);
  return std::string(rng.PickOne(Labels(kProvincialHospitals)));
}

std::string ClinicHospital(const HouseholdScene& s, Rng& rng) {
  return rng.Chance(0.6) ? s.village->township_name + "卫生院" : CountyHospital(s, rng);
}

// ---- medical_insurance ----

constexpr DepartmentColumn kMedicalColumns[] = {
    {"参保人身份证号", CellKind::kIdNumber}, {"参保人姓名", CellKind::kName},
    {"险种类型", CellKind::kEnum, "新农合"}, {"医疗类别", CellKind::kEnum, "急诊"},
    {"定点医疗机构", CellKind::kOther},      {"医疗总费用", CellKind::kMoney},
    {"基金支付", CellKind::kMoney},          {"个人自付金额（元）", CellKind::kMoney},
    {"结算日期", CellKind::kDate},
};

enum class Visit { kInpatient, kOutpatient, kChronicOutpatient };

// The personal share of a bill: lower for lifted people (the three layers of medical
// insurance) and again for allowance households (medical assistance).
double OwnShare(const HouseholdScene& s, Visit visit, Rng& rng) {
  double share = visit == Visit::kInpatient ? rng.Uniform(0.28, 0.42) : rng.Uniform(0.3, 0.55);
  if (s.h->lifted()) share *= 0.45;
  if (s.h->events.allowance) share *= 0.7;
  return share;
}

void Settle(DrawContext& c, const HouseholdScene& s, const Member& m, int age, Visit visit,
            double total, const std::string& hospital, DepartmentTable& t) {
  const std::optional<CivilDate> day = c.Day(m.birth_date);
  if (!day) return;
  const double own = total * OwnShare(s, visit, c.rng);
  const bool employee = m.labor == Labor::kSkilled && age < 60 && c.rng.Chance(0.08);
  std::vector<std::string>& r = t.Add();
  r[0] = m.id_number;
  r[1] = m.name;
  r[2] = employee ? "职工基本医疗保险"
                  : (c.rng.Chance(0.85) ? "城乡居民基本医疗保险" : "城乡居民医保");
  r[3] = visit == Visit::kInpatient ? "住院"
                                    : (visit == Visit::kOutpatient ? "普通门诊" : "门诊慢特病");
  r[4] = hospital;
  const double total_yuan = std::round(total * 100) / 100;
  const double own_yuan = std::round(own * 100) / 100;
  r[5] = t.Money(total_yuan);
  r[6] = t.Money(total_yuan - own_yuan);
  r[7] = t.Money(own_yuan);
  r[8] = t.Date(*day);
  t.Commit();
}

void Stays(DrawContext& c, const HouseholdScene& s, const Member& m, int age, int n, double mean,
           double sigma, bool serious, DepartmentTable& t) {
  for (int k = 0; k < n; ++k) {
    Settle(c, s, m, age, Visit::kInpatient, c.rng.LogNormalMean(mean, sigma),
           StayHospital(s, age, serious, c.rng), t);
  }
}

void Visits(DrawContext& c, const HouseholdScene& s, const Member& m, int age, Visit visit, int n,
            double mean, DepartmentTable& t) {
  for (int k = 0; k < n; ++k) {
    Settle(c, s, m, age, visit, c.rng.LogNormalMean(mean, 0.6), ClinicHospital(s, c.rng), t);
  }
}

void DrawMedical(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  const int patient = s.patient;
  Rng& rng = c.rng;
  for (int i = 0; i < s.h->size; ++i) {
    const Member& m = s.h->members[i];
    const int age = c.Age(m);
    if (age < 0) continue;
    // The uninsured have no settlements, but a few have joined since the registry was written.
    if (!m.med_insured && !rng.Chance(0.05)) continue;
    const double here = m.shares_household ? 1.0 : 0.3;  // members living away are treated there
    if (i == patient && rng.Chance(0.2)) {
      Stays(c, s, m, age, 1, 42000, 0.6, true, t);
      if (rng.Chance(0.4)) Stays(c, s, m, age, 1, 9000, 0.6, true, t);
      continue;
    }
    switch (m.health) {
      case Health::kSerious:
        if (rng.Chance(0.02 * here)) {
          Stays(c, s, m, age, 1 + rng.Chance(0.3), 16000, 0.6, true, t);
        } else if (rng.Chance(0.4 * here)) {
          Visits(c, s, m, age, Visit::kChronicOutpatient, rng.Between(1, 4), 1200, t);
        }
        break;
      case Health::kChronic:
        if (rng.Chance(0.03 * here)) Stays(c, s, m, age, 1, 3400, 0.5, false, t);
        if (rng.Chance(0.12 * here)) {
          Visits(c, s, m, age, Visit::kChronicOutpatient, rng.Between(1, 3), 600, t);
        }
        break;
      case Health::kDisabled:
        if (rng.Chance(0.03 * here)) Stays(c, s, m, age, 1, 3400, 0.5, false, t);
        if (rng.Chance(0.12 * here)) {
          Visits(c, s, m, age, Visit::kOutpatient, rng.Between(1, 2), 250, t);
        }
        break;
      case Health::kHealthy:
        if (rng.Chance((age >= 65 ? 0.025 : 0.003) * here)) {
          Stays(c, s, m, age, 1, 3400, 0.5, false, t);
        } else if (rng.Chance((age >= 65 ? 0.04 : 0.005) * here)) {
          Visits(c, s, m, age, Visit::kOutpatient, 1, 200, t);
        }
        break;
    }
  }
}

// ---- health: the major-illness treatment list ----

constexpr DepartmentColumn kHealthColumns[] = {
    {"身份证号", CellKind::kIdNumber},  {"患者姓名", CellKind::kName},
    {"病种名称", CellKind::kOther},     {"确诊日期", CellKind::kDate},
    {"定点救治医院", CellKind::kOther}, {"救治状态", CellKind::kEnum, "转院治疗"},
};

constexpr std::string_view kChildDiseases[] = {"儿童白血病", "儿童先天性心脏病"};
constexpr std::string_view kAdultDiseases[] = {
    "肺癌",       "胃癌",       "食管癌",       "肝癌",         "结直肠癌",
    "终末期肾病", "重性精神病", "耐多药肺结核", "急性心肌梗死", "脑梗死",
};
constexpr std::string_view kWomenDiseases[] = {"乳腺癌", "宫颈癌"};

std::string_view Disease(const Member& m, int age, bool pastoral, Rng& rng) {
  if (age < 15) return rng.PickOne(Labels(kChildDiseases));
  if (pastoral && rng.Chance(0.2)) return "包虫病";  // echinococcosis of the grasslands
  if (m.sex == registry::Sex::kFemale && rng.Chance(0.3))
    return rng.PickOne(Labels(kWomenDiseases));
  return rng.PickOne(Labels(kAdultDiseases));
}

void DrawHealth(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  const int patient = s.patient;
  Rng& rng = c.rng;
  for (int i = 0; i < s.h->size; ++i) {
    const Member& m = s.h->members[i];
    const int age = c.Age(m);
    if (age < 0) continue;
    // Listed: some of the seriously ill, the household's patient now and then, and a very few
    // people the registry does not yet know to be ill (the update shows).
    const double p = i == patient ? 0.06 : (m.health == Health::kSerious ? 0.01 : 0.0001);
    if (!rng.Chance(p)) continue;
    const std::optional<CivilDate> day = c.Day(m.birth_date);
    if (!day) continue;
    std::vector<std::string>& r = t.Add();
    r[0] = m.id_number;
    r[1] = m.name;
    r[2] = Disease(m, age, s.h->pastoral, rng);
    r[3] = t.Date(*day);
    r[4] = StayHospital(s, age, true, rng);
    const double u = rng.Uniform();
    r[5] = u < 0.6 ? "已救治" : (u < 0.95 ? "救治中" : "未救治");
    t.Commit();
  }
}

// ---- disability: certificates issued or renewed ----

constexpr DepartmentColumn kDisabilityColumns[] = {
    {"公民身份号码", CellKind::kIdNumber}, {"姓名", CellKind::kName},
    {"残疾证号", CellKind::kOther},        {"残疾类别", CellKind::kEnum, "其他残疾"},
    {"残疾等级", CellKind::kEnum, "五级"}, {"发证日期", CellKind::kDate},
};

// Categories in the order of the certificate's digit (1 visual … 7 multiple).
constexpr std::string_view kCategories[] = {"视力残疾", "听力残疾", "言语残疾", "肢体残疾",
                                            "智力残疾", "精神残疾", "多重残疾"};
constexpr std::string_view kGrades[] = {"一级", "二级", "三级", "四级"};

int Category(int age, Rng& rng) {
  // Children: intellectual, speech, multiple; the old: sight, hearing, limbs.
  static constexpr double kChild[] = {0.05, 0.1, 0.2, 0.15, 0.3, 0.05, 0.15};
  static constexpr double kAdult[] = {0.1, 0.1, 0.03, 0.45, 0.1, 0.12, 0.1};
  static constexpr double kOld[] = {0.22, 0.25, 0.02, 0.38, 0.02, 0.03, 0.08};
  return rng.Pick(age < 16 ? std::span<const double>(kChild)
                           : (age < 60 ? std::span<const double>(kAdult) : kOld));
}

void DrawDisability(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  static constexpr double kGradeWeights[] = {0.1, 0.2, 0.3, 0.4};
  Rng& rng = c.rng;
  for (int i = 0; i < s.h->size; ++i) {
    const Member& m = s.h->members[i];
    const int age = c.Age(m);
    if (age < 1) continue;
    // Certificates of the disabled issued or renewed in the 12 months, and a few of people the
    // registry does not record as disabled (the update shows).
    const double p = m.health == Health::kDisabled ? 0.012 : (age >= 5 ? 0.0001 : 0.0);
    if (!rng.Chance(p)) continue;
    const std::optional<CivilDate> day = c.Day(m.birth_date);
    if (!day) continue;
    const int category = Category(age, rng);
    const int grade = rng.Pick(kGradeWeights);
    std::vector<std::string>& r = t.Add();
    r[0] = m.id_number;
    r[1] = m.name;
    r[2] = m.id_number + static_cast<char>('1' + category) + static_cast<char>('1' + grade);
    r[3] = kCategories[category];
    r[4] = kGrades[grade];
    r[5] = t.Date(*day);
    t.Commit();
  }
}

}  // namespace

const DepartmentSource& MedicalInsuranceSource() {
  static const DepartmentSource source{
      "medical_insurance", kMedicalColumns,
      DepartmentStyle{DepartmentFileFormat::kXlsx, "结算明细", DateStyle::kIso, MoneyStyle::kPlain},
      DrawMedical};
  return source;
}

const DepartmentSource& HealthSource() {
  static const DepartmentSource source{"health", kHealthColumns,
                                       DepartmentStyle{DepartmentFileFormat::kXlsx, "大病救治",
                                                       DateStyle::kSlash, MoneyStyle::kPlain},
                                       DrawHealth};
  return source;
}

const DepartmentSource& DisabilitySource() {
  static const DepartmentSource source{"disability", kDisabilityColumns,
                                       DepartmentStyle{DepartmentFileFormat::kXlsx, "Sheet1",
                                                       DateStyle::kCompact, MoneyStyle::kPlain},
                                       DrawDisability};
  return source;
}

}  // namespace xianjie::demo
