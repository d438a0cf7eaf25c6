// The stories `xianjie demo` stages around its users (demo_cases.cc): what the home visits find,
// and for each household's identification case the day (counted back from today) of each step
// and how it ends. Data only; demo_cases.cc drives them through the service.
#ifndef XIANJIE_CLI_DEMO_STORIES_H_
#define XIANJIE_CLI_DEMO_STORIES_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "cases/case.h"
#include "cases/measure.h"

namespace xianjie::cli::demo_stories {

inline constexpr int kNone = -1;  // a step not taken

// The rings around the demo village that stories take households from, nearest first.
enum class Area : uint8_t { kVillage, kTownship, kCounty, kPrefecture, kProvince };
inline constexpr size_t kAreaCount = 5;

// What the home visit finds, as a share of the monitoring line per counted member, with the
// type and risks the county decides when it approves.
struct Finding {
  double lines = 1.0;
  int64_t medical_yuan = 0;
  int64_t education_yuan = 0;
  bool housing_safe = true;
  const char* text = "";
  const char* type = "marginal";  // unstable_lifted replaces it for a lifted household
  const char* risks = "R99";
};

// How a story ends.
enum class Ending : uint8_t {
  kOpen,             // left in the state its last step reached
  kApproved,         // county_approve
  kRejectAppraisal,  // record_appraisal not_agreed on `appraise`
  kRejectTownship,   // reject by the township on `township`
  kRejectCounty,     // reject by the county on `county`
  kDismissed,        // dismiss on `dismiss`
};

struct MeasurePlan {
  cases::MeasureCategory category = cases::MeasureCategory::kIndustry;
  const char* item = "";
  const char* department = "";
  int start = kNone;  // days ago
  int end = kNone;    // days ago; none: open-ended
  cases::MeasureStatus status = cases::MeasureStatus::kInProgress;
  const char* risks = "";
  int64_t amount_yuan = 0;
  const char* item_code = "";  // the item of config/measures.toml
};

// One identification case: the day (days before today) of each step, kNone when not taken.
// The comparison comes before the home visit when its day is earlier.
struct Plan {
  const char* label;
  Area area;
  cases::Channel channel;
  const char* visit_reason;  // cadre visits: one of the eight kinds (八必访)
  const char* note;
  Finding finding;
  int open;
  int apply = kNone, visit = kNone, compare = kNone, appraise = kNone;
  int objection = kNone, settle = kNone;  // settle: dismissed, or upheld when `upheld`
  bool upheld = false;
  int close = kNone, township = kNone, county = kNone, dismiss = kNone;
  Ending ending = Ending::kOpen;
  const char* reason = "";         // reject or dismiss
  const char* inconsistency = "";  // what the comparison found against the household, if any
  std::optional<MeasurePlan> measure = std::nullopt;
  bool labour_capable = false;  // a household with a member able to work, when there is one
};

inline constexpr Finding kIllness{
    0.7, 42000, 0, true, "户主患重病住院治疗，医疗支出大，家庭收入锐减", "sudden_hardship", "R01"};
inline constexpr Finding kAccident{
    0.6, 15000, 0, true, "主要劳动力务工时意外受伤，半年内无法务工", "sudden_hardship", "R05"};
inline constexpr Finding kUnstableWork{
    0.75, 0, 0, true, "外出务工不稳定，今年务工收入明显减少", "marginal", "R07"};
inline constexpr Finding kDisability{
    0.8, 6000, 0, true, "家庭成员重度残疾，需长期照料，劳动力不足", "marginal", "R03;R08"};
inline constexpr Finding kSchooling{
    0.9, 0, 18000, true, "两名子女分别就读高中和大学，教育支出大", "marginal", "R02"};
inline constexpr Finding kDisaster{
    0.55, 0, 0, false, "冰雹灾害致青稞绝收，房屋墙体开裂", "sudden_hardship", "R04;R09"};
inline constexpr Finding kLowIncome{0.8,        0,    0, true, "家庭缺乏稳定收入来源，收入偏低",
                                    "marginal", "R08"};
inline constexpr Finding kAboveLine{1.6, 0, 0, true,
                                    "核实家庭人均纯收入高于监测标准，生产生活稳定"};
inline constexpr Finding kRecovered{1.5, 0, 0, true, "收入稳定，“三保障”和饮水安全均有保障"};

inline constexpr cases::Channel kVisit = cases::Channel::kCadreVisit;
inline constexpr cases::Channel kSelf = cases::Channel::kSelfApplication;

// The stories still open today (the table of demo_cases.cc), the demo village's first, so that a
// small village keeps the ones its cadre's worklist needs.
std::vector<Plan> OpenPlans();

// The stories that ended: monitoring objects with their measures, rejected and dismissed leads.
std::vector<Plan> ClosedPlans();

// The monitoring objects staged in each other township of the demo county (taken turn by turn),
// each approved within the limit with its measure.
std::vector<Plan> TownshipPlans();

}  // namespace xianjie::cli::demo_stories

#endif  // XIANJIE_CLI_DEMO_STORIES_H_
