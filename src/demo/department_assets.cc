// Demo department files of assets, which the data checks compare with the registry (Q12):
// business registrations (市场监管), real estate (不动产登记) and vehicles (车管). Rural people
// register small shops, cooperatives, homesteads, motorcycles and tractors; cars, companies and
// flats in town go mostly to better-off households.
#include <algorithm>
#include <cmath>

#include "demo/department_drawer.h"

namespace xianjie::demo {
namespace {

using registry::Labor;
using registry::Member;
using Labels = std::span<const std::string_view>;

// Letters and digits of registration codes and plates (no I, O, S, V, Z: confused with digits).
constexpr std::string_view kCodeCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

std::string RandomCode(Rng& rng, int n) {
  std::string code;
  for (int i = 0; i < n; ++i) {
    code +=
        kCodeCharacters[static_cast<size_t>(rng.Below(static_cast<int>(kCodeCharacters.size())))];
  }
  return code;
}

bool Working(const Member& m, int age) {
  return age >= 18 && age <= 65 && m.labor != Labor::kNone && m.labor != Labor::kLost;
}

// ---- market_regulation ----

constexpr DepartmentColumn kCompanyColumns[] = {
    {"经营者身份证号", CellKind::kIdNumber},
    {"经营者姓名", CellKind::kName},
    {"市场主体名称", CellKind::kOther},
    {"统一社会信用代码", CellKind::kOther},
    {"主体类型", CellKind::kEnum, "股份有限公司"},
    {"注册资本", CellKind::kMoney},
    {"登记状态", CellKind::kEnum, "歇业"},
    {"成立日期", CellKind::kDate},
};

constexpr std::string_view kShops[] = {"便民超市", "农机维修部", "清真饭馆", "牛羊肉店",
                                       "小卖部",   "农资店",     "建材店",   "摩托车修理部"};
constexpr std::string_view kCooperatives[] = {"牦牛养殖专业合作社", "种植专业合作社",
                                              "藏系羊养殖专业合作社", "农机服务专业合作社"};
constexpr std::string_view kCompanies[] = {"商贸有限公司", "建筑工程有限公司", "农牧科技有限公司",
                                           "运输有限公司"};

void DrawMarketRegulation(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  Rng& rng = c.rng;
  const VillageScene& v = *s.village;
  const double better_off = s.per_capita > 18000 ? 3.0 : 1.0;
  for (int i = 0; i < s.h->size; ++i) {
    const Member& m = s.h->members[i];
    const int age = c.Age(m);
    if (!Working(m, age) || age < 22) continue;
    std::string name;
    std::string_view type;
    std::string_view prefix;
    double capital = 0;
    if (rng.Chance(0.004 * better_off)) {
      name = v.township_name + m.name + std::string(rng.PickOne(Labels(kShops)));
      type = "个体工商户";
      prefix = "92";
      capital = 1000.0 * rng.Between(10, 100);
    } else if (i == 0 && rng.Chance(0.003)) {
      name = v.village_name + std::string(rng.PickOne(Labels(kCooperatives)));
      type = "农民专业合作社";
      prefix = "93";
      capital = 10000.0 * rng.Between(10, 200);
    } else if (m.labor == Labor::kSkilled && rng.Chance(0.001 * better_off)) {
      name = v.county_short.substr(0, v.county_short.size() - 3) + m.name +
             std::string(rng.PickOne(Labels(kCompanies)));
      type = "有限责任公司";
      prefix = "91";
      capital = 100000.0 * rng.Between(5, 50);
    } else {
      continue;
    }
    const std::optional<CivilDate> day = c.Day(m.birth_date);
    if (!day) continue;
    std::vector<std::string>& r = t.Add();
    r[0] = m.id_number;
    r[1] = m.name;
    r[2] = std::move(name);
    r[3] = std::string(prefix) + v.county6 + "MA" + RandomCode(rng, 8);
    r[4] = type;
    r[5] = t.Money(capital);
    const double u = rng.Uniform();
    r[6] = u < 0.85 ? "存续" : (u < 0.9 ? "在业" : (u < 0.98 ? "注销" : "吊销"));
    r[7] = t.Date(*day);
    t.Commit();
  }
}

// ---- real_estate ----

constexpr DepartmentColumn kEstateColumns[] = {
    {"权利人身份证号", CellKind::kIdNumber}, {"权利人姓名", CellKind::kName},
    {"不动产权证号", CellKind::kOther},      {"坐落", CellKind::kOther},
    {"规划用途", CellKind::kEnum, "工业"},   {"建筑面积（平方米）", CellKind::kOther},
    {"是否商品房", CellKind::kOther},        {"登簿日期", CellKind::kDate},
};

constexpr std::string_view kEstates[] = {"幸福家园", "阳光花园", "锦绣华庭",
                                         "河畔小区", "东城丽景", "馨园小区"};

std::string Area(double square_metres) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", std::round(square_metres * 100) / 100);
  return buf;
}

void DrawRealEstate(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  Rng& rng = c.rng;
  const VillageScene& v = *s.village;
  // The head (now and then the spouse) holds the household's property.
  const Member& owner =
      s.h->size > 1 && s.h->members[1].relation == registry::Relation::kSpouse && rng.Chance(0.2)
          ? s.h->members[1]
          : s.h->members[0];
  std::string_view use;
  std::string location;
  double area = 0;
  bool commercial = false;
  if (rng.Chance(0.012)) {  // homestead rights confirmed (宅基地确权)
    use = "宅基地";
    location = v.county_name + v.township_name + v.village_name;
    area = rng.Uniform(80, 220);
  } else if (rng.Chance(s.per_capita > 15000 ? 0.01 : 0.002)) {  // a flat in the county town
    use = rng.Chance(0.92) ? "住宅" : "商住";
    location = v.county_short + std::string(rng.PickOne(Labels(kEstates))) +
               std::to_string(rng.Between(1, 18)) + "号楼" + std::to_string(rng.Between(1, 4)) +
               "单元" + std::to_string(rng.Between(1, 18) * 100 + rng.Between(1, 4)) + "室";
    area = rng.Uniform(60, 130);
    commercial = true;
  } else if (rng.Chance(0.0004)) {
    use = "商业";
    location =
        v.county_short + v.township_name + "街道" + std::to_string(rng.Between(1, 99)) + "号商铺";
    area = rng.Uniform(30, 200);
    commercial = true;
  } else {
    return;
  }
  const std::optional<CivilDate> day = c.Day(owner.birth_date);
  if (!day) return;
  char number[16];
  std::snprintf(number, sizeof number, "%07d", rng.Between(1, 99999));
  std::vector<std::string>& r = t.Add();
  r[0] = owner.id_number;
  r[1] = owner.name;
  r[2] =
      "青（" + std::to_string(day->year()) + "）" + v.county_short + "不动产权第" + number + "号";
  r[3] = std::move(location);
  r[4] = use;
  r[5] = Area(area);
  r[6] = YesNo(commercial);
  r[7] = t.Date(*day);
  t.Commit();
}

// ---- vehicles ----

constexpr DepartmentColumn kVehicleColumns[] = {
    {"车主身份证号", CellKind::kIdNumber}, {"车主姓名", CellKind::kName},
    {"号牌号码", CellKind::kOther},        {"车型", CellKind::kEnum, "电动自行车"},
    {"购置价格（元）", CellKind::kMoney},  {"初次登记日期", CellKind::kDate},
};

// Plate letters of Qinghai's prefectures: 西宁 A, 海东 B, 海北 C, 黄南 D, 海南 E, 果洛 F, 玉树 G,
// 海西 H.
char PlateLetter(int prefecture4) {
  switch (prefecture4) {
    case 6301:
      return 'A';
    case 6302:
      return 'B';
    case 6322:
      return 'C';
    case 6323:
      return 'D';
    case 6325:
      return 'E';
    case 6326:
      return 'F';
    case 6327:
      return 'G';
    case 6328:
      return 'H';
    default:
      return 'A';
  }
}

void DrawVehicles(DrawContext& c, const HouseholdScene& s, DepartmentTable& t) {
  Rng& rng = c.rng;
  const bool better_off = s.per_capita > 18000;
  for (int i = 0; i < s.h->size; ++i) {
    const Member& m = s.h->members[i];
    const int age = c.Age(m);
    if (!Working(m, age)) continue;
    const bool male = m.sex == registry::Sex::kMale;
    std::string_view type;
    double price = 0;
    if (rng.Chance((s.h->pastoral ? 0.02 : 0.008) * (male ? 1.5 : 0.4))) {
      type = "摩托车";
      price = rng.Uniform(4000, 12000);
    } else if (i == 0 && !s.h->pastoral && rng.Chance(0.008)) {
      type = rng.Chance(0.5) ? "拖拉机" : "农用三轮车";
      price = type == "拖拉机" ? rng.Uniform(15000, 60000) : rng.Uniform(5000, 12000);
    } else if (rng.Chance(better_off ? 0.012 : 0.003)) {
      type = rng.Chance(0.7) ? "小型轿车" : "小型普通客车";
      price = rng.Uniform(60000, 180000);
    } else if (male && rng.Chance(0.0015)) {
      type = rng.Chance(0.8) ? "轻型货车" : "重型货车";
      price = type == "轻型货车" ? rng.Uniform(60000, 150000) : rng.Uniform(200000, 450000);
    } else {
      continue;
    }
    const std::optional<CivilDate> day = c.Day(m.birth_date);
    if (!day) continue;
    std::vector<std::string>& r = t.Add();
    r[0] = m.id_number;
    r[1] = m.name;
    r[2] = std::string("青") + PlateLetter(s.village->prefecture4) + (rng.Chance(0.5) ? "·" : "") +
           RandomCode(rng, 5);
    r[3] = type;
    if (rng.Chance(0.9)) r[4] = t.Money(std::round(price / 100) * 100);
    r[5] = t.Date(*day);
    t.Commit();
  }
}

}  // namespace

const DepartmentSource& MarketRegulationSource() {
  static const DepartmentSource source{"market_regulation", kCompanyColumns,
                                       DepartmentStyle{DepartmentFileFormat::kXlsx, "市场主体",
                                                       DateStyle::kIso, MoneyStyle::kThousands},
                                       DrawMarketRegulation};
  return source;
}

const DepartmentSource& RealEstateSource() {
  static const DepartmentSource source{
      "real_estate", kEstateColumns,
      DepartmentStyle{DepartmentFileFormat::kXlsx, "登记簿", DateStyle::kIso, MoneyStyle::kPlain},
      DrawRealEstate};
  return source;
}

const DepartmentSource& VehiclesSource() {
  static const DepartmentSource source{"vehicles", kVehicleColumns,
                                       DepartmentStyle{DepartmentFileFormat::kXlsx, "机动车",
                                                       DateStyle::kCompact, MoneyStyle::kWholeYuan},
                                       DrawVehicles};
  return source;
}

}  // namespace xianjie::demo
