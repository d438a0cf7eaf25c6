// The department files' main loop: the village's names, each household handed to every source.
#include "demo/department_drawer.h"

#include <algorithm>

#include "registry/household.h"

namespace xianjie::demo {
namespace {

// "元墩子村委会" → "元墩子村"; "格多牧委会" stays (the pastoral committee is the place's name).
std::string ShortVillageName(std::string_view name) {
  for (std::string_view suffix : {"村民委员会", "村委会"}) {
    if (name.ends_with(suffix)) {
      return std::string(name.substr(0, name.size() - suffix.size())) + "村";
    }
  }
  return std::string(name);
}

// "大通回族土族自治县" → "大通县": autonomous counties by their first two characters.
std::string ShortCountyName(const std::string& name) {
  if (!name.ends_with("自治县") || name.size() < 2 * 3 + 9) return name;
  return name.substr(0, 2 * 3) + "县";  // two characters of three UTF-8 bytes each
}

// The member struck by the household's illness: a fixed choice from the ID numbers of the
// members sharing its income, so that no random draw is spent on it.
int PatientOf(const DemoHousehold& h) {
  if (!h.events.illness) return -1;
  int best = -1;
  uint64_t best_key = 0;
  for (int i = 0; i < h.size; ++i) {
    const registry::Member& m = h.members[i];
    if (!m.shares_household) continue;
    uint64_t key = 0;
    for (char ch : m.id_number) key = key * 31 + static_cast<uint8_t>(ch);
    key = SplitMix64(key);
    if (best < 0 || key > best_key) {
      best = i;
      best_key = key;
    }
  }
  return best;
}

std::string NameOf(const registry::RegionTable& regions, RegionCode code) {
  const registry::Region* r = regions.Find(code);
  return r != nullptr ? r->name : std::string();
}

}  // namespace

DrawContext::DrawContext(Rng& stream, CivilDate last_day, CivilDate registry_day)
    : rng(stream),
      as_of(last_day),
      first_day(CivilDate::FromDays(last_day.ToDays() - 364)),
      reference(registry_day) {}

std::optional<CivilDate> DrawContext::Day(CivilDate earliest) {
  const int32_t from = std::max(first_day.ToDays(), earliest.ToDays());
  const int32_t to = as_of.ToDays();
  if (from > to) return std::nullopt;
  return CivilDate::FromDays(from + rng.Below(to - from + 1));
}

int DrawContext::Age(const registry::Member& m) const {
  return m.birth_date > as_of ? -1 : AgeOn(m.birth_date, as_of);
}

DepartmentDrawer::DepartmentDrawer(uint64_t seed, CivilDate as_of, CivilDate reference,
                                   const registry::RegionTable& regions)
    : regions_(regions), rng_(seed, /*stream=*/3), context_(rng_, as_of, reference) {
  sources_ = {&AgricultureSource(),      &CivilAffairsSource(),   &DisabilitySource(),
              &EducationSource(),        &EmergencySource(),      &HealthSource(),
              &HousingSource(),          &HumanResourcesSource(), &MarketRegulationSource(),
              &MedicalInsuranceSource(), &PublicSecuritySource(), &RealEstateSource(),
              &VehiclesSource(),         &WaterSource()};
  for (const DepartmentSource* s : sources_) {
    tables_.push_back(std::make_unique<DepartmentTable>(s->name, s->columns, s->style, rng_));
  }
}

void DepartmentDrawer::BeginVillage(const Village& village) {
  const RegionCode code = village.region->code;
  village_.village = &village;
  village_.county_name = NameOf(regions_, code.Ancestor(RegionLevel::kCounty));
  village_.county_short = ShortCountyName(village_.county_name);
  village_.township_name = NameOf(regions_, code.Ancestor(RegionLevel::kTownship));
  village_.village_name = ShortVillageName(village.region->name);
  village_.county6 = code.Ancestor(RegionLevel::kCounty).Prefix();
  village_.prefecture4 = static_cast<int>(code.value() / 100'000'000);
  for (const DepartmentSource* s : sources_) {
    if (s->begin_village != nullptr) s->begin_village(context_, village_);
  }
}

void DepartmentDrawer::Add(const DemoHousehold& h) {
  HouseholdScene scene;
  scene.h = &h;
  scene.village = &village_;
  scene.patient = PatientOf(h);
  for (int i = 0; i < h.size; ++i) scene.counted += h.members[i].shares_household;
  if (scene.counted > 0) {
    scene.per_capita = static_cast<double>(registry::NetIncome(h.household).fen()) / 100.0 /
                       static_cast<double>(scene.counted);
  }
  for (size_t i = 0; i < sources_.size(); ++i) sources_[i]->draw(context_, scene, *tables_[i]);
}

DepartmentFiles DepartmentDrawer::Finish() {
  DepartmentFiles files;
  files.as_of = context_.as_of;
  for (auto& table : tables_) files.files.push_back(table->Finish());
  std::sort(files.files.begin(), files.files.end(),
            [](const DepartmentFile& a, const DepartmentFile& b) { return a.source < b.source; });
  return files;
}

}  // namespace xianjie::demo
