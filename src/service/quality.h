// Data quality of the department sources over time (docs/decisions/0006, "Quality reports"):
// per source and month the uploads' row outcomes, validity, match rate, completeness,
// timeliness and warnings raised and confirmed; per upload the quarantined cells by rule; and
// the same table as an XLSX workbook. Over the uploads the principal sees (sources.h, "Scope").
//
// Cost. Row counts, rates and warnings raised come from the upload records. Completeness and
// timeliness read the matched rows of each source with ExchangeStore::ForEachFact from the
// window's first year minus one (periods compare as strings, so "2025" bounds every form of
// period of 2025 and later): one pass over those rows of every source (the store's read is
// most of it), and for rows of the window's uploads a scan of the values JSON for its keys (no
// JSON document is built). Rows of the window's uploads whose period is older than that bound
// are left out of both figures.
// Confirmed warnings cost two reads per warning (the household's leads, cached per household,
// and the lead's case, cached per case); at most kMaxWarningsChecked warnings, newest uploads
// first, are looked at — the report says when some were not.
#ifndef XIANJIE_SERVICE_QUALITY_H_
#define XIANJIE_SERVICE_QUALITY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "base/status.h"

namespace xianjie::service {

class Workspace;

inline constexpr int kDefaultQualityMonths = 12;
inline constexpr int kMaxQualityMonths = 60;
inline constexpr int64_t kMaxWarningsChecked = 5000;

// One source in one month: the uploads that arrived in the month (China's date of uploaded_at).
struct SourceMonthQuality {
  std::string source;
  std::string title;  // the contract's
  std::string month;  // "2026-03"
  int64_t uploads = 0;
  int64_t read = 0;
  int64_t accepted = 0;  // matched to a person of the registry
  int64_t quarantined = 0;
  int64_t unmatched = 0;
  std::optional<double> validity;    // (accepted + unmatched) / read; none without rows
  std::optional<double> match_rate;  // accepted / (accepted + unmatched); none without such rows
  int64_t rows_checked = 0;          // accepted rows read for completeness and timeliness
  // Share of those rows with every optional column of the contract filled.
  std::optional<double> completeness;
  // Days from each row's event date to its upload's date (China's): median and 90th percentile
  // (nearest rank); none for a contract without event date, or rows without one.
  std::optional<double> timeliness_median_days;
  std::optional<double> timeliness_p90_days;
  int64_t warnings = 0;            // department warnings new with these uploads
  int64_t warnings_confirmed = 0;  // of them: the lead's case reached monitored
};

// The quarantined cells of one upload by rule (from its stored report).
struct UploadRuleErrors {
  int64_t upload_id = 0;
  std::string source;
  std::string file_name;
  std::string uploaded_at;
  int64_t quarantined = 0;  // rows
  std::map<std::string, int64_t> by_rule;
};

struct SourceQualityReport {
  std::string from_month;  // the window's first month, "2025-04"
  std::string to_month;    // this month
  int months = 0;
  // Sources with at least one upload in the window, by name; each with every month of the
  // window, oldest first (months without uploads have zero counts and no rates).
  std::vector<SourceMonthQuality> rows;
  std::vector<UploadRuleErrors> uploads;  // the window's uploads, newest first
  int64_t warnings_checked = 0;           // warnings whose lead and case were looked at
  bool confirmed_partial = false;         // more than kMaxWarningsChecked: some were not
};

// quality.read: the last `months` months (1..kMaxQualityMonths; kInvalidArgument otherwise),
// this month included.
Result<SourceQualityReport> SourceQuality(Workspace& ws, const access::Principal& principal,
                                          int months);

// quality.read: the report as an XLSX workbook with Chinese headers — a sheet of the table
// (one row per source and month, rates as percentages) and a sheet of the uploads' quarantined
// cells by rule. Audited as "quality.export".
Result<std::string> SourceQualityXlsx(Workspace& ws, const access::Principal& principal,
                                      int months);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_QUALITY_H_
