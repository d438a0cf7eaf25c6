// Results, county counts and the CSV outputs of a screen.
#include "rules/screening.h"

#include <algorithm>
#include <fstream>
#include <functional>

#include "registry/codes.h"

namespace xianjie::rules {
namespace {

constexpr int kRiskCount = 13;  // registry::RiskType values

Status WriteToFile(const std::string& path, const std::function<void(std::ostream&)>& write) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError("cannot write '" + path + "': check the folder exists and is writable");
  write(out);
  out.flush();
  if (!out) return IoError("writing '" + path + "' failed (disk full?)");
  return Status::Ok();
}

}  // namespace

void AppendCsvField(std::string_view field, std::string& out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

int64_t PerCapitaFen(int64_t net_income_fen, uint32_t members) {
  // Half away from zero without overflow: round the magnitude, then put the sign back.
  const uint64_t magnitude = net_income_fen < 0 ? 0 - static_cast<uint64_t>(net_income_fen)
                                                : static_cast<uint64_t>(net_income_fen);
  uint64_t q = magnitude / members;
  if (2 * (magnitude % members) >= members) ++q;
  return net_income_fen < 0 ? -static_cast<int64_t>(q) : static_cast<int64_t>(q);
}

FullOutcome ToFullOutcome(ScreenOutcome outcome) {
  return FullOutcome{std::move(outcome.fired), std::move(outcome.type), std::move(outcome.risks)};
}

void Overwrite(FullOutcome& base, const ScreenOutcome& partial) {
  for (size_t i = 0; i < partial.rows.size(); ++i) {
    const uint32_t row = partial.rows[i];
    base.fired[row] = partial.fired[i];
    base.type[row] = partial.type[i];
    base.risks[row] = partial.risks[i];
  }
}

std::string FiredRuleIds(const CompiledStandard& standard, uint32_t fired) {
  const auto& rules = standard.standard().rules;
  std::vector<std::string_view> ids;
  for (size_t r = 0; r < rules.size(); ++r) {
    if (fired & (1u << r)) ids.push_back(rules[r].id);
  }
  std::sort(ids.begin(), ids.end());
  std::string text;
  for (std::string_view id : ids) {
    if (!text.empty()) text.push_back(';');
    text.append(id);
  }
  return text;
}

Result<uint32_t> ParseFiredRuleIds(const CompiledStandard& standard, std::string_view ids) {
  const auto& rules = standard.standard().rules;
  uint32_t bits = 0;
  while (!ids.empty()) {
    const size_t cut = ids.find(';');
    const std::string_view id = ids.substr(0, cut);
    ids = cut == std::string_view::npos ? std::string_view() : ids.substr(cut + 1);
    auto it = std::find_if(rules.begin(), rules.end(), [&](const auto& r) { return r.id == id; });
    if (it == rules.end()) {
      return InvalidArgument("rule '" + std::string(id) + "' is not in standard " +
                             standard.standard().content_hash);
    }
    bits |= 1u << (it - rules.begin());
  }
  return bits;
}

std::string RiskCodes(uint16_t risks) {
  std::string text;
  for (int r = 0; r < kRiskCount; ++r) {
    if (!(risks & (1u << r))) continue;
    if (!text.empty()) text.push_back(';');
    text.append(registry::CodeOf(static_cast<registry::RiskType>(r)));
  }
  return text;
}

Result<uint16_t> ParseRiskCodes(std::string_view codes) {
  uint16_t bits = 0;
  while (!codes.empty()) {
    const size_t cut = codes.find(';');
    const std::string_view code = codes.substr(0, cut);
    codes = cut == std::string_view::npos ? std::string_view() : codes.substr(cut + 1);
    auto risk = registry::ParseCode<registry::RiskType>(code);
    if (!risk) return InvalidArgument("unknown risk type '" + std::string(code) + "'");
    bits = static_cast<uint16_t>(bits | (1u << static_cast<int>(*risk)));
  }
  return bits;
}

std::vector<HouseholdResult> FlaggedResults(const registry::Snapshot& snapshot,
                                            const CompiledStandard& standard,
                                            const FullOutcome& outcome) {
  const auto& types = standard.standard().types;
  std::vector<HouseholdResult> results;
  const uint32_t n = static_cast<uint32_t>(snapshot.households());
  for (uint32_t h = 0; h < n; ++h) {
    if (outcome.fired[h] == 0) continue;
    HouseholdResult r;
    r.household_id = std::string(snapshot.household_id(h));
    r.rules = FiredRuleIds(standard, outcome.fired[h]);
    if (outcome.type[h] != kNoType) r.proposed_type = types[outcome.type[h]].code;
    r.risks = RiskCodes(outcome.risks[h]);
    r.per_capita_fen = PerCapitaFen(snapshot.net_income()[h], snapshot.counted_members()[h]);
    results.push_back(std::move(r));
  }
  return results;
}

Result<FullOutcome> OutcomeFromResults(const registry::Snapshot& snapshot,
                                       const CompiledStandard& standard,
                                       std::span<const HouseholdResult> results) {
  const size_t n = snapshot.households();
  FullOutcome outcome{std::vector<uint32_t>(n, 0), std::vector<uint8_t>(n, kNoType),
                      std::vector<uint16_t>(n, 0)};
  const auto& types = standard.standard().types;
  for (const HouseholdResult& r : results) {
    const int64_t row = snapshot.Find(r.household_id);
    if (row < 0) continue;
    XJ_ASSIGN_OR_RETURN(outcome.fired[row], ParseFiredRuleIds(standard, r.rules));
    XJ_ASSIGN_OR_RETURN(outcome.risks[row], ParseRiskCodes(r.risks));
    auto it = std::find_if(types.begin(), types.end(),
                           [&](const auto& t) { return t.code == r.proposed_type; });
    outcome.type[row] = it == types.end() ? kNoType : static_cast<uint8_t>(it - types.begin());
  }
  return outcome;
}

std::vector<CountyCounts> CountByCounty(const registry::Snapshot& snapshot,
                                        const CompiledStandard& standard,
                                        const FullOutcome& outcome) {
  const size_t rule_count = standard.standard().rules.size();
  std::map<uint32_t, CountyCounts> by_code;
  const uint32_t n = static_cast<uint32_t>(snapshot.households());
  const uint32_t* county = snapshot.county_code();
  const uint32_t* counted = snapshot.counted_members();
  for (uint32_t h = 0; h < n; ++h) {
    if (counted[h] == 0) continue;
    CountyCounts& c = by_code[county[h]];
    if (c.rule_counts.empty()) {
      c.county_code = county[h];
      c.rule_counts.assign(rule_count, 0);
    }
    ++c.households;
    for (uint32_t bits = outcome.fired[h]; bits != 0; bits &= bits - 1) {
      ++c.rule_counts[static_cast<size_t>(__builtin_ctz(bits))];
    }
  }
  std::vector<CountyCounts> counties;
  counties.reserve(by_code.size());
  for (auto& [code, c] : by_code) counties.push_back(std::move(c));
  return counties;
}

ScreeningTotals Totals(const registry::Snapshot& snapshot, const CompiledStandard& standard,
                       const FullOutcome& outcome) {
  ScreeningTotals t;
  t.households = static_cast<int64_t>(snapshot.households());
  t.rules.assign(standard.standard().rules.size(), 0);
  t.types.assign(standard.standard().types.size(), 0);
  const uint32_t* counted = snapshot.counted_members();
  for (size_t h = 0; h < snapshot.households(); ++h) {
    if (counted[h] > 0) ++t.screened;
    if (outcome.fired[h] == 0) continue;
    ++t.flagged;
    for (uint32_t bits = outcome.fired[h]; bits != 0; bits &= bits - 1) {
      ++t.rules[static_cast<size_t>(__builtin_ctz(bits))];
    }
    if (outcome.type[h] != kNoType) ++t.types[outcome.type[h]];
  }
  return t;
}

std::string TotalsJson(const CompiledStandard& standard, const ScreeningTotals& totals) {
  const Standard& s = standard.standard();
  std::string json = "{\"rules\":{";
  for (size_t r = 0; r < s.rules.size(); ++r) {
    if (r > 0) json.push_back(',');
    json += "\"" + s.rules[r].id + "\":" + std::to_string(totals.rules[r]);
  }
  json += "},\"types\":{";
  for (size_t t = 0; t < s.types.size(); ++t) {
    if (t > 0) json.push_back(',');
    json += "\"" + s.types[t].code + "\":" + std::to_string(totals.types[t]);
  }
  json += "}}";
  return json;
}

void WriteFlaggedCsv(std::span<const HouseholdResult> results, std::ostream& out) {
  std::string text = "household_id,per_capita_net_income,rules,proposed_type\n";
  text.reserve(results.size() * 64 + text.size());
  for (const HouseholdResult& r : results) {
    AppendCsvField(r.household_id, text);
    text.push_back(',');
    text += Money::FromFen(r.per_capita_fen).ToYuanCentsString();
    text.push_back(',');
    AppendCsvField(r.rules, text);
    text.push_back(',');
    text += r.proposed_type;
    text.push_back('\n');
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void WriteCountiesCsv(const CompiledStandard& standard, std::span<const CountyCounts> counties,
                      std::ostream& out) {
  std::string text = "county_code,households";
  for (const auto& rule : standard.standard().rules) text += "," + rule.id;
  text.push_back('\n');
  for (const CountyCounts& c : counties) {
    text += std::to_string(c.county_code) + "," + std::to_string(c.households);
    for (int64_t n : c.rule_counts) text += "," + std::to_string(n);
    text.push_back('\n');
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

Status WriteFlaggedCsv(std::span<const HouseholdResult> results, const std::string& path) {
  return WriteToFile(path, [&](std::ostream& out) { WriteFlaggedCsv(results, out); });
}

Status WriteCountiesCsv(const CompiledStandard& standard, std::span<const CountyCounts> counties,
                        const std::string& path) {
  return WriteToFile(path, [&](std::ostream& out) { WriteCountiesCsv(standard, counties, out); });
}

}  // namespace xianjie::rules
