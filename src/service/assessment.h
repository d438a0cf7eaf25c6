// Assessment through the service (decision 0008, "Assessment"; DOMAIN.md §10): the scorecards of
// the counties of a province or prefecture, or of the townships of a county, for a year, from
// the village tables of the year and the two before it (analytics/assessment.h), with the
// province's own weights and targets when it stored some; and those settings, read and put.
// Aggregates only: authorized as assessment.read (settings: assessment.config to put), a put
// audited.
#ifndef XIANJIE_SERVICE_ASSESSMENT_H_
#define XIANJIE_SERVICE_ASSESSMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "analytics/assessment.h"
#include "base/date.h"
#include "base/status.h"
#include "service/workspace.h"

namespace xianjie::service {

// The settings in force in a province: its latest stored version, else the built-in file
// (version 0).
struct AssessmentSettings {
  std::string province;
  int64_t version = 0;  // 0: config/assessment.toml as built in
  std::string text;     // the TOML
  std::string created_by;
  std::string created_at;
  analytics::AssessmentConfig config;
};

// The settings in force in `province` (2 digits), without authorization. kDataLoss when the
// stored version does not parse (it was parsed before it was stored).
Result<AssessmentSettings> AssessmentSettingsOf(Workspace& ws, const std::string& province);

// assessment.read in `province` ("" = the principal's scope's province): AssessmentSettingsOf.
// kInvalidArgument for a code that is not 2 digits, kPermissionDenied without the operation or
// for a province outside the scope.
Result<AssessmentSettings> ReadAssessmentSettings(Workspace& ws,
                                                  const access::Principal& principal,
                                                  const std::string& province);

// assessment.config on `province`: parses `toml` strictly (analytics::ParseAssessmentConfig; its
// message returned as is, kInvalidArgument) and stores it as the province's next version, in
// force from now. Audited "assessment.config" with the province and the version.
Result<AssessmentSettings> PutAssessmentSettings(Workspace& ws,
                                                 const access::Principal& principal,
                                                 const std::string& province,
                                                 const std::string& toml);

struct ScorecardSet {
  std::string region, region_name, region_level;  // what was asked for
  int year = 0;
  CivilDate as_of;
  std::string unit_level;  // "county" or "township": what is scored
  int64_t settings_version = 0;  // the province's settings used; 0: built in
  analytics::AssessmentConfig config;
  std::vector<analytics::Scorecard> cards;  // the units within the region, by code
  std::vector<std::string> names;           // of each card's unit (region table; "" unknown)
  // For a county: its own card among the province's counties (what the county is assessed on);
  // none for the other levels.
  std::optional<analytics::Scorecard> region_card;
};

// assessment.read on `region` ("" = the scope): a province or prefecture gives its counties'
// scorecards, a county its townships' and its own (region_card), a township its own, a village
// its township's; ranks are among all the province's units of that level (and of the same
// prefecture, or county); the trend covers the year and the two before it that are on record.
// `year` 0 is the current year (FigureYearOf). Omission, wrong inclusion and approval are a
// county's verification sample's estimates for the year (the latest draw's, over the results
// recorded so far: SampleEstimatesOf); without one, or for townships, they are not assessed and
// their weight is shared out. kInvalidArgument for a bad code or year, kPermissionDenied outside
// the scope or without the operation, kNotFound for a region the region table does not know.
Result<ScorecardSet> Scorecards(Workspace& ws, const access::Principal& principal,
                                const std::string& region, int year);

// {region, region_name, region_level, year, as_of, unit_level, settings_version, region_card
// (a card or null), cards: [card]}, a card {region, name, total (null when not assessed),
// assessed_weight, rank_parent {rank, of}, rank_province {rank, of}, trend [{year, total}],
// kpis: [{kpi, weight, direction, target, zero_at, assessed, reason, numerator, denominator,
// achieved, score, points, estimate {estimate, lower, upper, households, villages, method}
// (sample KPIs)}]}. Shares and scores are fractions; totals and points out of 100. JSON text.
std::string ScorecardsJson(const ScorecardSet& set);

// {province, version, created_by, created_at, text, kpis: [{kpi, weight, direction, target,
// zero_at}]}. JSON text.
std::string AssessmentSettingsJson(const AssessmentSettings& settings);

// The scorecards as a workbook: sheet 考核得分 (a row per unit, the region's own card first:
// total, ranks, each KPI's score points), sheet 指标值 (each KPI's achieved share with numerator and denominator), sheet
// 趋势 (the totals by year). No personal data. Errors as ingest::WriteXlsx's.
Result<std::string> ScorecardsXlsx(const ScorecardSet& set);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_ASSESSMENT_H_
