// Demo department files about households, each row under the head's ID number: unsafe-house
// appraisals (住建), drinking-water problems (水利), disasters (应急管理) and failed industry
// projects (农业农村). Unsafe houses and water problems are mostly the registry's own; a
// disaster strikes a whole village on one day and hits part of its households; failed projects
// follow the income model's business losses and the disasters.
#include <algorithm>
#include <cmath>

#include "demo/department_drawer.h"

namespace xianjie::demo {
namespace {

using registry::Member;
using Labels = std::span<const std::string_view>;

std::string Address(const HouseholdScene& s, Rng& rng) {
  const VillageScene& v = *s.village;
  std::string address = v.county_name + v.township_name + v.village_name;
  if (rng.Chance(0.6)) address += std::to_string(rng.Between(1, 8)) + "社";
  return address;
}

// Starts a row about the household's head: its ID number and name in the first two cells.
std::vector<std::string>& HeadRow(const HouseholdScene& s, DepartmentTable& t) {
  std::vector<std::string>& r = t.Add();
  r[0] = s.h->members[0].id_number;
  r[1] = s.h->members[0].name;
  return r;
}

// ---- housing ----

constexpr DepartmentColumn kHousingColumns[] = {
    {"户主身份证号", CellKind::kIdNumber}, {"户主姓名", CellKind::kName},
    {"详细地址", CellKind::kOther},        {"房屋安全等级", CellKind::kEnum, "E级"},
    {"改造情况", CellKind::kOther},        {"鉴定日期", CellKind::kDate},
};

void DrawHousing(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  Rng& rng = c.rng;
  const Member& head = s.h->members[0];
  std::string_view grade;
  std::string_view renovated;
  if (!s.h->household.housing_safe) {
    if (!rng.Chance(0.12)) return;
    grade = rng.Chance(0.6) ? "C级" : "D级";
    renovated = YesNo(rng.Chance(0.1));
  } else if (rng.Chance(0.0003)) {  // found unsafe since the registry was written
    grade = "C级";
    renovated = YesNo(false);
  } else {
    // No A and B grades: the contract marks every appraised house unsafe in the registry.
    return;
  }
  const std::optional<CivilDate> day = c.Day(head.birth_date);
  if (!day) return;
  std::vector<std::string>& r = HeadRow(s, t);
  r[2] = Address(s, rng);
  r[3] = grade;
  r[4] = renovated;
  r[5] = t.Date(*day);
  t.Commit();
}

// ---- water ----

constexpr DepartmentColumn kWaterColumns[] = {
    {"户主身份证号", CellKind::kIdNumber},
    {"姓名", CellKind::kName},
    {"饮水问题类型", CellKind::kEnum, "水压低"},
    {"供水工程", CellKind::kOther},
    {"是否已解决", CellKind::kOther},
    {"排查日期", CellKind::kDate},
};

void DrawWater(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  Rng& rng = c.rng;
  const bool known = !s.h->household.water_safe;
  if (!rng.Chance(known ? 0.08 : 0.0003)) return;
  const std::optional<CivilDate> day = c.Day(s.h->members[0].birth_date);
  if (!day) return;
  // Herders lack water and carry it far; farming villages have bad or unsteady supply.
  static constexpr std::string_view kHerding[] = {"水量不足", "取水不方便", "水量不足"};
  static constexpr std::string_view kFarming[] = {"水质不达标", "供水不稳定", "水量不足"};
  std::vector<std::string>& r = HeadRow(s, t);
  r[2] = rng.PickOne(Labels(s.h->pastoral ? kHerding : kFarming));
  const double u = rng.Uniform();
  if (u < 0.4) {
    r[3] = s.village->township_name + "集中供水工程";
  } else if (u < 0.7) {
    r[3] = s.village->village_name + "人饮工程";
  }
  r[4] = YesNo(rng.Chance(0.2));
  r[5] = t.Date(*day);
  t.Commit();
}

// ---- emergency ----

constexpr DepartmentColumn kDisasterColumns[] = {
    {"身份证号", CellKind::kIdNumber},
    {"户主姓名", CellKind::kName},
    {"灾种", CellKind::kEnum, "沙尘暴"},
    {"直接经济损失（元）", CellKind::kMoney},
    {"房屋损坏程度", CellKind::kEnum, "轻微损坏"},
    {"发生时间", CellKind::kDate},
};

constexpr std::string_view kDisasters[] = {"冰雹",     "洪涝", "雪灾", "干旱",
                                           "地质灾害", "风灾", "地震", "火灾"};
// Village disasters by kind (fire strikes single households, below).
constexpr double kFarmingDisasters[] = {0.35, 0.25, 0.02, 0.15, 0.12, 0.08, 0.03, 0};
constexpr double kHerdingDisasters[] = {0.1, 0.08, 0.5, 0.12, 0.06, 0.1, 0.04, 0};

void BeginDisasterVillage(DrawContext& c, const VillageScene& v) {
  VillageDisaster& d = c.disaster;
  d = VillageDisaster{};
  if (!c.rng.Chance(0.0035)) return;
  const bool herding = v.village->profile->pastoral_share > 0.5;
  const std::optional<CivilDate> day = c.Day();
  if (!day) return;
  d.struck = true;
  d.kind = c.rng.Pick(herding ? std::span<const double>(kHerdingDisasters) : kFarmingDisasters);
  d.day = *day;
  d.share_hit = c.rng.Uniform(0.1, 0.5);
  d.severity = c.rng.LogNormalMean(1.0, 0.5);
}

void DrawEmergency(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  Rng& rng = c.rng;
  const VillageDisaster& d = c.disaster;
  int kind = -1;
  CivilDate day;
  double severity = 1;
  if (d.struck && rng.Chance(d.share_hit)) {
    kind = d.kind;
    day = d.day;
    severity = d.severity;
  } else if (rng.Chance(0.0003)) {  // a house fire or a storm on one household
    kind = rng.Chance(0.6) ? 7 : 5;
    const std::optional<CivilDate> any = c.Day();
    if (!any) return;
    day = *any;
  } else {
    return;
  }
  if (s.h->members[0].birth_date > day) return;
  // Earthquakes, landslides and fires damage houses most.
  const bool heavy = kind == 4 || kind == 6 || kind == 7;
  static constexpr std::string_view kDamage[] = {"无", "一般损坏", "严重损坏", "倒塌"};
  static constexpr double kLight[] = {0.55, 0.35, 0.08, 0.02};
  static constexpr double kHeavy[] = {0.15, 0.4, 0.3, 0.15};
  const int damage = rng.Pick(heavy ? std::span<const double>(kHeavy) : kLight);
  std::vector<std::string>& r = HeadRow(s, t);
  r[2] = kDisasters[kind];
  if (rng.Chance(0.95)) {
    r[3] = t.Money(std::round(severity * rng.LogNormalMean(6000, 0.7) * (1 + 2 * damage)));
  }
  if (rng.Chance(0.9)) r[4] = kDamage[damage];
  r[5] = t.Date(day);
  t.Commit();
}

// ---- agriculture ----

constexpr DepartmentColumn kIndustryColumns[] = {
    {"户主身份证号", CellKind::kIdNumber}, {"户主姓名", CellKind::kName},
    {"项目名称", CellKind::kOther},        {"产业类别", CellKind::kEnum, "林业"},
    {"经济损失", CellKind::kMoney},        {"受损原因", CellKind::kOther},
    {"登记日期", CellKind::kDate},
};

struct Project {
  std::string_view name;
  std::string_view industry;
};
constexpr Project kHerdingProjects[] = {{"牦牛养殖", "养殖业"},
                                        {"藏系羊养殖", "养殖业"},
                                        {"牛羊育肥", "养殖业"},
                                        {"牧家乐", "乡村旅游"}};
constexpr Project kFarmingProjects[] = {
    {"蔬菜大棚种植", "种植业"}, {"马铃薯种植", "种植业"}, {"油菜种植", "种植业"},
    {"枸杞种植", "种植业"},     {"中药材种植", "种植业"}, {"八眉猪养殖", "养殖业"},
    {"青稞加工", "加工业"},     {"牛羊肉加工", "加工业"}, {"农家乐", "乡村旅游"},
};
constexpr std::string_view kReasons[] = {"市场价格下跌", "疫病死亡",     "设备损坏停产",
                                         "资金链断裂",   "饲料价格上涨", "干旱减产"};

void DrawAgriculture(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  Rng& rng = c.rng;
  const VillageDisaster& d = c.disaster;
  const bool struck = d.struck && d.kind <= 3;  // hail, flood, snow, drought ruin crops and herds
  double p = s.h->events.business_loss ? 0.03 : 0.0;
  if (struck) p += 0.02;
  if (s.h->lifted()) p += 0.0004;
  if (!rng.Chance(p)) return;
  const std::optional<CivilDate> day = struck ? std::optional<CivilDate>(d.day) : c.Day();
  if (!day || s.h->members[0].birth_date > *day) return;
  const Project& project = s.h->pastoral ? rng.PickOne(std::span<const Project>(kHerdingProjects))
                                         : rng.PickOne(std::span<const Project>(kFarmingProjects));
  std::vector<std::string>& r = HeadRow(s, t);
  r[2] = project.name;
  r[3] = project.industry;
  r[4] = t.Money(std::round(rng.LogNormalMean(12000, 0.7) / 100) * 100);
  if (rng.Chance(0.9)) {
    r[5] = struck ? std::string(kDisasters[d.kind]) + "受灾"
                  : std::string(rng.PickOne(Labels(kReasons)));
  }
  r[6] = t.Date(*day);
  t.Commit();
}

}  // namespace

const DepartmentSource& HousingSource() {
  static const DepartmentSource source{"housing", kHousingColumns,
                                       DepartmentStyle{DepartmentFileFormat::kXlsx, "危房鉴定",
                                                       DateStyle::kChinese, MoneyStyle::kPlain},
                                       DrawHousing};
  return source;
}

const DepartmentSource& WaterSource() {
  static const DepartmentSource source{"water", kWaterColumns,
                                       DepartmentStyle{DepartmentFileFormat::kXlsx, "饮水安全排查",
                                                       DateStyle::kIso, MoneyStyle::kPlain},
                                       DrawWater};
  return source;
}

const DepartmentSource& EmergencySource() {
  static const DepartmentSource source{"emergency", kDisasterColumns,
                                       DepartmentStyle{DepartmentFileFormat::kXlsx, "受灾户",
                                                       DateStyle::kDot, MoneyStyle::kThousands},
                                       DrawEmergency, BeginDisasterVillage};
  return source;
}

const DepartmentSource& AgricultureSource() {
  static const DepartmentSource source{"agriculture", kIndustryColumns,
                                       DepartmentStyle{DepartmentFileFormat::kXlsx, "Sheet1",
                                                       DateStyle::kSlash, MoneyStyle::kThousands},
                                       DrawAgriculture};
  return source;
}

}  // namespace xianjie::demo
