// Assistance measures (帮扶措施, DOMAIN.md §7.1), in the form the elimination of risk needs (§8:
// "at least one measure implemented"; the method by_assistance or natural), tied to the plan of
// the monitoring episode and to the item of the measures catalogue they come from (assist/,
// docs/decisions/0008).
#ifndef XIANJIE_CASES_MEASURE_H_
#define XIANJIE_CASES_MEASURE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/status.h"

namespace xianjie::cases {

// The categories of DOMAIN.md §7.1, in its table's order (left column, then right).
enum class MeasureCategory : uint8_t {
  kIndustry,             // 产业帮扶
  kEmployment,           // 就业帮扶
  kFinance,              // 金融帮扶 (incl. microcredit)
  kPublicPost,           // 公益岗位帮扶
  kHealth,               // 健康帮扶
  kCompulsoryEducation,  // 义务教育保障
  kOtherEducation,       // 其他教育帮扶
  kHousing,              // 住房安全保障
  kWater,                // 饮水安全保障
  kSocial,               // 社会帮扶
  kRelocation,           // 搬迁
  kLivingConditions,     // 生产生活条件改善
  kInfrastructure,       // 基础设施建设
  kSafetyNet,            // 综合保障 (低保, 特困供养, 临时救助)
};
inline constexpr std::array<MeasureCategory, 14> kAllMeasureCategories = {
    MeasureCategory::kIndustry,       MeasureCategory::kEmployment,
    MeasureCategory::kFinance,        MeasureCategory::kPublicPost,
    MeasureCategory::kHealth,         MeasureCategory::kCompulsoryEducation,
    MeasureCategory::kOtherEducation, MeasureCategory::kHousing,
    MeasureCategory::kWater,          MeasureCategory::kSocial,
    MeasureCategory::kRelocation,     MeasureCategory::kLivingConditions,
    MeasureCategory::kInfrastructure, MeasureCategory::kSafetyNet};

enum class MeasureStatus : uint8_t { kPlanned, kInProgress, kDone, kStopped };
inline constexpr std::array<MeasureStatus, 4> kAllMeasureStatuses = {
    MeasureStatus::kPlanned, MeasureStatus::kInProgress, MeasureStatus::kDone,
    MeasureStatus::kStopped};

// "industry", ..., "safety_net"; "planned", "in_progress", "done", "stopped".
std::string_view MeasureCategoryCode(MeasureCategory category);
std::string_view MeasureStatusCode(MeasureStatus status);
std::optional<MeasureCategory> ParseMeasureCategory(std::string_view code);
std::optional<MeasureStatus> ParseMeasureStatus(std::string_view code);

// One measure for a household or one of its members.
struct Measure {
  int64_t id = 0;  // assigned by the store
  std::string household_id;
  std::string member_id_number;  // the member it is for; "" = the whole household
  MeasureCategory category = MeasureCategory::kIndustry;
  std::string item;        // what is given: "牦牛养殖补贴", "护林员岗位"
  std::string department;  // the responsible department; "" when not yet known
  CivilDate start;
  std::optional<CivilDate> end;  // none: open-ended
  int64_t amount_fen = 0;        // the money it brings or costs, ≥ 0; 0 when not money
  MeasureStatus status = MeasureStatus::kPlanned;
  std::string risks;        // the risk types it answers, "R01;R09" (DOMAIN.md §6); may be ""
  std::string recorded_by;  // username
  std::string recorded_at;  // UTC ISO 8601
  int64_t plan_id = 0;      // the assist::Plan it belongs to; 0 = none (recorded without a plan)
  // The catalogue item it gives (assist::CatalogItem::code, "ecological_ranger"); "" for
  // measures recorded before the catalogue.
  std::string item_code;
  bool operator==(const Measure&) const = default;
};

// kInvalidArgument naming the first bad field: household_id missing; member_id_number not a
// valid resident ID number; item missing; end before start; amount_fen negative; risks not
// distinct codes of DOMAIN.md §6 joined by ';'; recorded_by or recorded_at missing; plan_id
// negative; item_code not "" nor lower-case ASCII letters, digits and '_' starting with a letter.
Status CheckMeasure(const Measure& measure);

// "R09, R01" or "R09;R01" → "R01;R09" (distinct codes of DOMAIN.md §6, sorted); "" stays "".
// kInvalidArgument naming the code that is not a risk type or is given twice.
Result<std::string> NormalizeMeasureRisks(std::string_view text);

// Whether the measure has been carried out, wholly or in part (done or in progress): what §8
// calls "implemented".
bool IsImplemented(const Measure& measure);

}  // namespace xianjie::cases

#endif  // XIANJIE_CASES_MEASURE_H_
