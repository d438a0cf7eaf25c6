// How the generator draws the department files: after each household is drawn, every source
// looks at it and its village and perhaps adds rows about its people, with a random stream of
// its own (so the registry's rows are the same with or without department files). One source is
// one DepartmentSource (its columns, its department's habits, its draw function), defined in
// department_health.cc (medical_insurance, health, disability), department_people.cc
// (education, civil_affairs, human_resources, public_security), department_homes.cc (housing,
// water, emergency, agriculture) and department_assets.cc (market_regulation, real_estate,
// vehicles).
#ifndef XIANJIE_DEMO_DEPARTMENT_DRAWER_H_
#define XIANJIE_DEMO_DEPARTMENT_DRAWER_H_

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "demo/department_table.h"
#include "demo/departments.h"
#include "demo/family.h"
#include "demo/random.h"
#include "demo/villages.h"
#include "registry/region.h"

namespace xianjie::demo {

// The built-in standard's rural_income_last_year (config/standards/63-2024.toml: 15,300 yuan),
// which the medical warnings compare out-of-pocket costs with.
inline constexpr double kRuralIncomeLastYear = 15300;

// A village as the departments name it.
struct VillageScene {
  const Village* village = nullptr;
  std::string county_name;    // 大通回族土族自治县
  std::string county_short;   // 大通县, as certificates and plates name it
  std::string township_name;  // 桥头镇
  std::string village_name;   // 元墩子村 (the committee words dropped)
  std::string county6;        // 630121
  int prefecture4 = 0;        // 6301
};

// One drawn household.
struct HouseholdScene {
  const DemoHousehold* h = nullptr;
  const VillageScene* village = nullptr;
  int counted = 0;        // members sharing the household's income
  double per_capita = 0;  // net income per counted member, in yuan (0 when none counted)
  // The member struck by the household's serious illness or accident (HouseholdEvents::
  // illness), the same in every source; -1 for none.
  int patient = -1;
};

// A disaster that struck the current village in the 12 months (emergency).
struct VillageDisaster {
  bool struck = false;
  int kind = 0;  // index into the emergency source's disaster labels
  CivilDate day;
  double share_hit = 0;  // of the village's households
  double severity = 0;   // scales losses
};

// What every source's drawing shares: the stream, the window of dates, the village's state.
struct DrawContext {
  DrawContext(Rng& stream, CivilDate last_day, CivilDate registry_day);

  // A day in the 12 months that end on as_of, not before `earliest` (a birth date); nullopt
  // when there is none.
  std::optional<CivilDate> Day(CivilDate earliest);
  std::optional<CivilDate> Day() { return Day(first_day); }
  // Completed years on as_of; -1 for someone born after it.
  int Age(const registry::Member& m) const;

  Rng& rng;
  CivilDate as_of;
  CivilDate first_day;  // as_of less 364 days
  CivilDate reference;  // the registry's reference date (GeneratorOptions::reference_date)
  VillageDisaster disaster;
};

struct DepartmentSource {
  std::string_view name;  // the contract's name
  std::span<const DepartmentColumn> columns;
  DepartmentStyle style;
  // Adds the rows of one household's people (it may add none).
  void (*draw)(DrawContext& context, const HouseholdScene& household, DepartmentTable& table);
  // Called when a new village begins, before its first household; may be null.
  void (*begin_village)(DrawContext& context, const VillageScene& village) = nullptr;
};

const DepartmentSource& MedicalInsuranceSource();
const DepartmentSource& HealthSource();
const DepartmentSource& DisabilitySource();
const DepartmentSource& EducationSource();
const DepartmentSource& CivilAffairsSource();
const DepartmentSource& HumanResourcesSource();
const DepartmentSource& PublicSecuritySource();
const DepartmentSource& HousingSource();
const DepartmentSource& WaterSource();
const DepartmentSource& EmergencySource();
const DepartmentSource& AgricultureSource();
const DepartmentSource& MarketRegulationSource();
const DepartmentSource& RealEstateSource();
const DepartmentSource& VehiclesSource();

// Draws the department files alongside the generator's main loop. Not thread-safe.
class DepartmentDrawer {
 public:
  // Events in the 12 months ending on `as_of`, about a registry as of `reference`. `regions`
  // must outlive the drawer.
  DepartmentDrawer(uint64_t seed, CivilDate as_of, CivilDate reference,
                   const registry::RegionTable& regions);
  DepartmentDrawer(const DepartmentDrawer&) = delete;
  DepartmentDrawer& operator=(const DepartmentDrawer&) = delete;

  // Call before the first household of each village (villages with households only).
  void BeginVillage(const Village& village);
  void Add(const DemoHousehold& h);
  // The files, sorted by source; the drawer is spent.
  DepartmentFiles Finish();

 private:
  const registry::RegionTable& regions_;
  Rng rng_;
  DrawContext context_;
  VillageScene village_;
  std::vector<const DepartmentSource*> sources_;
  std::vector<std::unique_ptr<DepartmentTable>> tables_;
};

}  // namespace xianjie::demo

#endif  // XIANJIE_DEMO_DEPARTMENT_DRAWER_H_
