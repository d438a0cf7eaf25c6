// Demo department files about people: schooling and student aid (教育), minimum allowance,
// extreme-poverty support and temporary aid (民政), employment (人社), and deaths, births and
// moves (公安). Dropouts are children of compulsory school age, mostly those the registry
// records out of school; allowances go to the households the income model gave one, and to a
// few low-income ones newly approved.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "demo/department_drawer.h"

namespace xianjie::demo {
namespace {

using registry::Health;
using registry::Labor;
using registry::Member;
using registry::Relation;
using registry::SchoolStage;
using Labels = std::span<const std::string_view>;

// ---- education ----

constexpr DepartmentColumn kEducationColumns[] = {
    {"学生身份证号", CellKind::kIdNumber}, {"学生姓名", CellKind::kName},
    {"就读学校", CellKind::kOther},        {"学段", CellKind::kEnum, "九年级"},
    {"学籍状态", CellKind::kEnum, "转学"}, {"资助项目", CellKind::kOther},
    {"资助金额", CellKind::kMoney},        {"报送日期", CellKind::kDate},
};

constexpr std::string_view kVocationalColleges[] = {"青海交通职业技术学院", "青海建筑职业技术学院",
                                                    "青海卫生职业技术学院",
                                                    "青海畜牧兽医职业技术学院"};
constexpr std::string_view kUniversities[] = {"青海大学", "青海师范大学", "青海民族大学",
                                              "青海大学昆仑学院"};

std::string School(const HouseholdScene& s, SchoolStage stage, int age, Rng& rng) {
  const VillageScene& v = *s.village;
  switch (stage) {
    case SchoolStage::kPreschool:
      return v.township_name + "中心幼儿园";
    case SchoolStage::kPrimary:
      return rng.Chance(0.5) ? v.village_name + "小学" : v.township_name + "寄宿制小学";
    case SchoolStage::kJunior:
      return rng.Chance(0.6) ? v.township_name + "中学" : v.county_name + "第二中学";
    case SchoolStage::kSenior:
      return v.county_name + (rng.Chance(0.5) ? "第一中学" : "民族中学");
    case SchoolStage::kVocational:
      return age >= 18 ? std::string(rng.PickOne(Labels(kVocationalColleges)))
                       : v.county_name + "职业技术学校";
    case SchoolStage::kCollege:
      return std::string(rng.PickOne(Labels(kUniversities)));
    case SchoolStage::kNone:
      break;
  }
  return std::string();
}

std::string_view StageLabel(SchoolStage stage, int age, Rng& rng) {
  switch (stage) {
    case SchoolStage::kPreschool:
      return "学前教育";
    case SchoolStage::kPrimary:
      return "小学";
    case SchoolStage::kJunior:
      return "初中";
    case SchoolStage::kSenior:
      return "高中";
    case SchoolStage::kVocational:
      return age >= 18 ? "高职" : "中职";
    case SchoolStage::kCollege:
      return rng.Chance(0.6) ? "本科" : "大专";
    case SchoolStage::kNone:
      break;
  }
  return "";
}

// The aid of a student of a poor household: the item and its yearly amount.
std::pair<std::string_view, double> Aid(SchoolStage stage, bool lifted, Rng& rng) {
  switch (stage) {
    case SchoolStage::kPreschool:
      return {"学前教育资助", 1000};
    case SchoolStage::kPrimary:
      return rng.Chance(0.5)
                 ? std::pair<std::string_view, double>{"营养改善计划", 800}
                 : std::pair<std::string_view, double>{"家庭经济困难学生生活补助", 1000};
    case SchoolStage::kJunior:
      return rng.Chance(0.5)
                 ? std::pair<std::string_view, double>{"营养改善计划", 800}
                 : std::pair<std::string_view, double>{"家庭经济困难学生生活补助", 1250};
    case SchoolStage::kSenior:
      return {"国家助学金", 2000};
    case SchoolStage::kVocational:
    case SchoolStage::kCollege:
      if (lifted && rng.Chance(0.5)) return {"雨露计划", 3000};
      return {"国家助学金", stage == SchoolStage::kCollege ? 3300 : 2000};
    case SchoolStage::kNone:
      break;
  }
  return {"", 0};
}

void EducationRow(DrawContext& c, const HouseholdScene& s, const Member& m, SchoolStage stage,
                  int age, std::string_view status, DepartmentTable& t) {
  // A child is reported out of school only while of compulsory school age (6 to 15).
  const bool out = status == "辍学" || status == "失学";
  const std::optional<CivilDate> day = c.Day(out ? YearsBefore(m.birth_date, -6) : m.birth_date);
  if (!day || (out && AgeOn(m.birth_date, *day) > 15)) return;
  std::vector<std::string>& r = t.Add();
  r[0] = m.id_number;
  r[1] = m.name;
  r[2] = School(s, stage, age, c.rng);
  r[3] = StageLabel(stage, age, c.rng);
  r[4] = status;
  if (status == "在校") {
    auto [item, yearly] = Aid(stage, s.h->lifted(), c.rng);
    r[5] = item;
    r[6] = t.Money(c.rng.Chance(0.5) ? yearly / 2 : yearly);  // one term or the year
  }
  r[7] = t.Date(*day);
  t.Commit();
}

void DrawEducation(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  Rng& rng = c.rng;
  const bool poor = s.h->lifted() || s.h->events.allowance || s.per_capita < 10000;
  for (int i = 0; i < s.h->size; ++i) {
    const Member& m = s.h->members[i];
    const int age = c.Age(m);
    if (age < 3 || age > 24) continue;
    // Of compulsory school age when the registry recorded the schooling (its reference date).
    const int registry_age = AgeOn(m.birth_date, c.reference);
    const bool compulsory = registry_age >= 6 && registry_age <= 15;
    if (compulsory && !m.enrolled) {
      // Out of school in the registry: the department reports most of them.
      if (rng.Chance(0.8)) {
        EducationRow(c, s, m, registry_age <= 11 ? SchoolStage::kPrimary : SchoolStage::kJunior,
                     age, rng.Chance(0.7) ? "辍学" : "失学", t);
      }
      continue;
    }
    if (!m.enrolled) continue;
    const bool sick = m.health == Health::kDisabled || m.health == Health::kSerious;
    if (compulsory && rng.Chance(0.0002)) {  // dropped out since the registry was written
      EducationRow(c, s, m, m.school_stage, age, "辍学", t);
    } else if (compulsory && sick && rng.Chance(0.15)) {
      EducationRow(c, s, m, m.school_stage, age,
                   m.health == Health::kDisabled ? "送教上门" : "休学", t);
    } else {
      const double p = s.h->events.allowance ? 0.35 : (s.h->lifted() ? 0.25 : (poor ? 0.08 : 0.01));
      if (rng.Chance(p)) EducationRow(c, s, m, m.school_stage, age, "在校", t);
    }
  }
}

// ---- civil_affairs ----

constexpr DepartmentColumn kCivilColumns[] = {
    {"身份证号码", CellKind::kIdNumber},   {"保障对象姓名", CellKind::kName},
    {"户主身份证号", CellKind::kOther},    {"保障类别", CellKind::kEnum, "五保"},
    {"保障状态", CellKind::kEnum, "暂停"}, {"月保障金", CellKind::kMoney},
    {"审批日期", CellKind::kDate},
};

void CivilRow(DrawContext& c, const Member& m, const Member& head, std::string_view kind,
              std::string_view state, double amount, DepartmentTable& t) {
  const std::optional<CivilDate> day = c.Day(m.birth_date);
  if (!day) return;
  std::vector<std::string>& r = t.Add();
  r[0] = m.id_number;
  r[1] = m.name;
  if (&m != &head) r[2] = head.id_number;
  r[3] = kind;
  r[4] = state;
  r[5] = t.Money(amount);
  r[6] = t.Date(*day);
  t.Commit();
}

void DrawCivilAffairs(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  Rng& rng = c.rng;
  const DemoHousehold& h = *s.h;
  const Member& head = h.members[0];
  if (c.Age(head) < 0) return;
  const int counted = std::max(s.counted, 1);
  const bool alone = counted == 1;
  const bool frail =
      c.Age(head) >= 60 || head.health == Health::kDisabled || head.health == Health::kSerious;
  if (h.events.allowance) {
    if (alone && frail) {
      // Support of the extremely poor (特困): old or disabled, alone, no one to support them.
      CivilRow(c, head, head, rng.Chance(0.5) ? "特困供养" : "特困人员",
               rng.Chance(0.03) ? "新增" : "在保", std::round(rng.Uniform(850, 1100)), t);
    } else {
      CivilRow(c, head, head, rng.Chance(0.7) ? "农村低保" : "最低生活保障",
               rng.Chance(0.005) ? "新增" : "在保", std::round(counted * rng.Uniform(280, 520)), t);
    }
  } else if (s.per_capita < 9000 && rng.Chance(0.002)) {
    // Approved since the registry's income was recorded.
    CivilRow(c, head, head, "农村低保", "新增", std::round(counted * rng.Uniform(280, 520)), t);
  } else if (s.per_capita > 12000 && rng.Chance(0.004)) {
    // Left the allowance as the income rose.
    CivilRow(c, head, head, rng.Chance(0.5) ? "农村低保" : "最低生活保障",
             rng.Chance(0.6) ? "停保" : "退出", 0, t);
  }
  // Temporary aid after an illness or a lost job.
  const int patient = s.patient;
  const double p = patient >= 0 ? 0.04 : (h.events.lost_work ? 0.004 : 0.0002);
  if (rng.Chance(p)) {
    const Member& who = patient >= 0 ? h.members[patient] : head;
    CivilRow(c, who, head, "临时救助", "新增", 500.0 * rng.Between(2, 10), t);
  }
}

// ---- human_resources ----

constexpr DepartmentColumn kLabourColumns[] = {
    {"社会保障号码", CellKind::kIdNumber}, {"姓名", CellKind::kName},
    {"就业状态", CellKind::kEnum, "务农"}, {"用工单位", CellKind::kOther},
    {"单位性质", CellKind::kOther},        {"月工资（元）", CellKind::kMoney},
    {"是否参加养老保险", CellKind::kOther}, {"月养老金", CellKind::kMoney},
    {"变动日期", CellKind::kDate},
};

constexpr std::string_view kEmployers[] = {
    "青海盐湖工业股份有限公司", "西宁特殊钢股份有限公司",           "青海省交通建设集团有限公司",
    "西宁城投建设有限公司",     "青海互助天佑德青稞酒股份有限公司", "格尔木藏青工业园区管委会",
    "青海昆仑建设工程有限公司", "西宁市城北区物业管理有限公司",     "青海明胶股份有限公司",
};
// The nature of each employer above (单位性质, as 人社 records it), in the same order.
constexpr std::string_view kEmployerTypes[] = {
    "国有企业", "国有企业", "国有企业", "国有企业", "民营企业",
    "机关",     "民营企业", "民营企业", "民营企业",
};
static_assert(std::size(kEmployers) == std::size(kEmployerTypes));

// The 单位性质 of an employer's name: those above by their list, a township government 机关, a
// grassland station 事业单位, a village committee 其他; "" for no employer.
std::string_view EmployerType(std::string_view employer) {
  for (size_t i = 0; i < std::size(kEmployers); ++i) {
    if (kEmployers[i] == employer) return kEmployerTypes[i];
  }
  if (employer.empty()) return "";
  if (employer.ends_with("人民政府")) return "机关";
  if (employer.ends_with("管护站")) return "事业单位";
  return "其他";
}

void LabourRow(DrawContext& c, const Member& m, int age, std::string_view state,
               std::string employer, double wage, DepartmentTable& t) {
  const std::optional<CivilDate> day = c.Day(m.birth_date);
  if (!day) return;
  std::vector<std::string>& r = t.Add();
  r[0] = m.id_number;
  r[1] = m.name;
  r[2] = state;
  r[4] = EmployerType(employer);
  r[3] = std::move(employer);
  if (wage > 0) r[5] = t.Money(wage);
  // Some joined the pension scheme after the registry was written (the update shows).
  r[6] = YesNo(m.pension_insured || c.rng.Chance(0.1));
  if (age >= 60 && m.pension_insured) r[7] = t.Money(std::round(c.rng.Uniform(185, 260)));
  r[8] = t.Date(*day);
  t.Commit();
}

void DrawHumanResources(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  Rng& rng = c.rng;
  const DemoHousehold& h = *s.h;
  const VillageScene& v = *s.village;
  bool post_listed = false;
  bool loss_listed = false;
  for (int i = 0; i < h.size; ++i) {
    const Member& m = h.members[i];
    const int age = c.Age(m);
    if (age < 16 || age > 64) continue;
    const bool able = m.labor == Labor::kSkilled || m.labor == Labor::kOrdinary;
    if (h.events.public_post && !post_listed && m.shares_household && age >= 18 &&
        m.labor != Labor::kNone && m.labor != Labor::kLost) {
      post_listed = true;
      if (rng.Chance(0.12)) {
        if (h.pastoral) {
          LabourRow(c, m, age, "公益性岗位", v.county_name + "草原生态管护站", 1800, t);
        } else {
          LabourRow(c, m, age, "公益性岗位",
                    rng.Chance(0.5) ? v.village_name + "村民委员会" : v.township_name + "人民政府",
                    std::round(rng.Uniform(500, 1200)), t);
        }
      }
      continue;
    }
    if (h.events.lost_work && !loss_listed && able && age >= 18 && age <= 59) {
      loss_listed = true;
      if (rng.Chance(0.02)) {
        LabourRow(c, m, age, "失业",
                  rng.Chance(0.5) ? std::string(rng.PickOne(Labels(kEmployers))) : "", 0, t);
        continue;
      }
    }
    if (able && age <= 59 && rng.Chance(0.00015)) {
      LabourRow(c, m, age, "失业", "", 0, t);
    } else if (m.labor == Labor::kSkilled && rng.Chance(0.04)) {
      LabourRow(c, m, age, "就业", std::string(rng.PickOne(Labels(kEmployers))),
                std::round(rng.Uniform(4000, 7500)), t);
    } else if (m.labor == Labor::kOrdinary && rng.Chance(0.012)) {
      LabourRow(c, m, age, "就业", std::string(rng.PickOne(Labels(kEmployers))),
                std::round(rng.Uniform(2600, 4500)), t);
    } else if (m.labor != Labor::kNone && m.labor != Labor::kLost && rng.Chance(0.006)) {
      LabourRow(c, m, age, "灵活就业", "", std::round(rng.Uniform(1800, 3500)), t);
    }
  }
}

// ---- public_security ----

constexpr DepartmentColumn kHukouColumns[] = {
    {"公民身份号码", CellKind::kIdNumber},
    {"姓名", CellKind::kName},
    {"变动类型", CellKind::kEnum, "户口注销"},
    {"迁往地", CellKind::kOther},
    {"变动日期", CellKind::kDate},
};

constexpr std::string_view kDestinations[] = {
    "西宁市城东区", "西宁市城北区", "西宁市城中区", "格尔木市",     "德令哈市",
    "海东市平安区", "兰州市城关区", "西安市雁塔区", "成都市武侯区", "乌鲁木齐市天山区",
};

void HukouRow(const Member& m, std::string_view change, std::string_view where, CivilDate day,
              DepartmentTable& t) {
  std::vector<std::string>& r = t.Add();
  r[0] = m.id_number;
  r[1] = m.name;
  r[2] = change;
  r[3] = where;
  r[4] = t.Date(day);
  t.Commit();
}

void DrawPublicSecurity(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  Rng& rng = c.rng;
  for (int i = 0; i < s.h->size; ++i) {
    const Member& m = s.h->members[i];
    const int age = c.Age(m);
    if (age < 0) continue;
    const bool ill = m.health == Health::kSerious;
    double death = 0;
    if (age >= 70)
      death = 0.012 + 0.0015 * (age - 70);
    else if (age >= 60)
      death = 0.002;
    if (ill) death = std::max(death * 2, age >= 60 ? 0.02 : 0.0);
    if (rng.Chance(death)) {
      if (auto day = c.Day(m.birth_date)) {
        HukouRow(m, rng.Chance(0.8) ? "死亡注销" : "死亡", "", *day, t);
      }
    } else if (m.birth_date >= c.first_day && rng.Chance(0.6)) {
      HukouRow(m, "出生", "", m.birth_date, t);
    } else if (!m.shares_household && age >= 18 && age <= 40 && rng.Chance(0.01)) {
      if (auto day = c.Day(m.birth_date)) {
        HukouRow(m, "迁出", rng.PickOne(Labels(kDestinations)), *day, t);
      }
    } else if ((m.relation == Relation::kSpouse || m.relation == Relation::kChildInLaw) &&
               age >= 20 && age <= 35 && rng.Chance(0.01)) {
      if (auto day = c.Day(m.birth_date)) HukouRow(m, "迁入", "", *day, t);
    }
  }
}

}  // namespace

const DepartmentSource& EducationSource() {
  static const DepartmentSource source{
      "education", kEducationColumns,
      DepartmentStyle{DepartmentFileFormat::kCsvUtf8, "", DateStyle::kSlash, MoneyStyle::kPlain},
      DrawEducation};
  return source;
}

const DepartmentSource& CivilAffairsSource() {
  static const DepartmentSource source{
      "civil_affairs", kCivilColumns,
      DepartmentStyle{DepartmentFileFormat::kCsvGbk, "", DateStyle::kIso, MoneyStyle::kPlain},
      DrawCivilAffairs};
  return source;
}

const DepartmentSource& HumanResourcesSource() {
  static const DepartmentSource source{"human_resources", kLabourColumns,
                                       DepartmentStyle{DepartmentFileFormat::kXlsx, "就业登记",
                                                       DateStyle::kSlash, MoneyStyle::kThousands},
                                       DrawHumanResources};
  return source;
}

const DepartmentSource& PublicSecuritySource() {
  static const DepartmentSource source{
      "public_security", kHukouColumns,
      DepartmentStyle{DepartmentFileFormat::kXlsx, "户籍变动", DateStyle::kIso, MoneyStyle::kPlain},
      DrawPublicSecurity};
  return source;
}

}  // namespace xianjie::demo
