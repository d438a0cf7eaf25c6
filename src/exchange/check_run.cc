// The checks' run: the scope's households, the rule checks screened as one-rule standards with
// the facts (explained where they fail), the built-ins, and the findings stored.
#include "exchange/check_run.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "exchange/internal/check_builtins.h"
#include "rules/explain.h"
#include "rules/screen.h"

namespace xianjie::exchange {
namespace {

// FNV-1a, 64 bits, as 16 hex digits: short evidence keys that are the same for the same text.
std::string HashHex(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

internal::ScopeRows ScopeOf(const registry::Snapshot& s, const CheckScope& scope) {
  internal::ScopeRows out;
  out.in_scope.assign(s.households(), 0);
  out.whole = !scope.rows.has_value();
  // The 12-digit village codes [lo, hi] the prefix covers.
  std::string lo = scope.region_prefix.substr(0, 12), hi = lo;
  lo.resize(12, '0');
  hi.resize(12, '9');
  const uint64_t low = std::stoull(lo), high = std::stoull(hi);
  auto inside = [&](uint32_t h) {
    return s.village_code()[h] >= low && s.village_code()[h] <= high;
  };
  if (scope.rows) {
    for (uint32_t h : *scope.rows) {
      if (h < s.households() && !out.in_scope[h] && inside(h)) out.in_scope[h] = 1;
    }
  } else {
    for (uint32_t h = 0; h < s.households(); ++h) out.in_scope[h] = inside(h) ? 1 : 0;
  }
  for (uint32_t h = 0; h < s.households(); ++h) {
    if (out.in_scope[h]) out.rows.push_back(h);
  }
  return out;
}

// The open episodes of the scope's households, by household id (lowest id first).
using OpenEpisodes = std::map<std::string, std::vector<cases::Episode>, std::less<>>;

Result<OpenEpisodes> LoadOpenEpisodes(cases::CaseStore& store, const std::string& prefix) {
  XJ_ASSIGN_OR_RETURN(std::vector<cases::Episode> episodes,
                      store.ListEpisodes(prefix, /*open_only=*/true));
  OpenEpisodes out;
  for (cases::Episode& e : episodes) out[e.household_id].push_back(std::move(e));
  return out;
}

bool RecordsRisk(const cases::Episode& e, std::string_view risk) {
  std::string_view risks = e.risks;
  while (!risks.empty()) {
    const size_t semi = risks.find(';');
    if (risks.substr(0, semi) == risk) return true;
    if (semi == std::string_view::npos) break;
    risks.remove_prefix(semi + 1);
  }
  return false;
}

// The open episode a monitored-only check applies to, or nullptr.
const cases::Episode* EpisodeFor(const OpenEpisodes& open, std::string_view household_id,
                                 const CheckDefinition& check) {
  auto it = open.find(household_id);
  if (it == open.end()) return nullptr;
  for (const cases::Episode& e : it->second) {
    if (check.risk.empty() || RecordsRisk(e, check.risk)) return &e;
  }
  return nullptr;
}

std::vector<Finding> RuleFindings(const CompiledRuleCheck& compiled, const CheckContext& context,
                                  const internal::ScopeRows& scope, const OpenEpisodes& open) {
  const CheckDefinition& check = *compiled.check;
  const registry::Snapshot& s = context.index.snapshot();
  const rules::CompiledStandard& standard = *compiled.standard;
  // Every household at once (threads) when the scope is the registry; else the scope's rows.
  const bool all = scope.rows.size() == s.households();
  const rules::ScreenOutcome outcome =
      all ? rules::ScreenAll(s, standard, context.threads, context.facts)
          : rules::ScreenRows(s, standard, scope.rows, context.facts);
  std::vector<Finding> out;
  for (size_t i = 0; i < outcome.fired.size(); ++i) {
    if ((outcome.fired[i] & 1u) == 0) continue;
    const uint32_t h = all ? static_cast<uint32_t>(i) : outcome.rows[i];
    const std::string_view household_id = s.household_id(h);
    const cases::Episode* episode = nullptr;
    if (check.monitored) {
      episode = EpisodeFor(open, household_id, check);
      if (episode == nullptr) continue;
    }
    const rules::HouseholdExplanation why = rules::Explain(s, h, standard, context.facts);
    const std::string& because = why.rules.empty() ? check.when : why.rules[0].because;
    Finding f;
    f.check = check.id;
    f.household_id = std::string(household_id);
    f.village_code = std::to_string(s.village_code()[h]);
    f.opened_at = context.now_utc;
    f.evidence_key = "rule:" + HashHex(check.id + "\n" + because);
    f.detail = check.title_zh + "：" + because;
    if (episode != nullptr) {
      f.evidence_key = "episode:" + std::to_string(episode->id) + ":" + f.evidence_key;
      f.detail += "（监测对象，" + episode->identified_on.ToString() + " 认定，风险 " +
                  episode->risks + "）";
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::string CheckRunReport::ToJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (const CheckCount& c : checks) {
    list.push_back({{"check", c.check}, {"found", c.found}, {"opened", c.opened}});
  }
  return nlohmann::json{{"households", households},
                        {"found", found},
                        {"opened", opened},
                        {"seconds", seconds},
                        {"checks", list}}
      .dump();
}

Result<std::vector<Finding>> FindFindings(const CheckSet& checks, const CheckContext& context,
                                          const CheckScope& scope) {
  const registry::Snapshot& s = context.index.snapshot();
  rules::CheckFactsAligned(s, context.facts);
  XJ_ASSIGN_OR_RETURN(std::vector<CompiledRuleCheck> compiled,
                      CompileChecks(checks, context.catalog, context.today));
  const internal::ScopeRows rows = ScopeOf(s, scope);
  OpenEpisodes open;
  const bool monitored = std::any_of(compiled.begin(), compiled.end(),
                                     [](const CompiledRuleCheck& c) { return c.check->monitored; });
  if (monitored && !rows.rows.empty()) {
    XJ_ASSIGN_OR_RETURN(open, LoadOpenEpisodes(context.cases, scope.region_prefix));
  }

  std::vector<Finding> out;
  for (const CheckDefinition& check : checks.checks) {
    if (!check.enabled) continue;
    std::vector<Finding> found;
    if (check.is_rule()) {
      auto it = std::find_if(compiled.begin(), compiled.end(),
                             [&](const CompiledRuleCheck& c) { return c.check == &check; });
      if (it != compiled.end() && !rows.rows.empty()) {
        found = RuleFindings(*it, context, rows, open);
      }
    } else if (check.builtin == kBuiltinDeceasedListed) {
      XJ_ASSIGN_OR_RETURN(found, internal::DeceasedListed(check, context, rows));
    } else if (check.builtin == kBuiltinDuplicateIdNumber) {
      XJ_ASSIGN_OR_RETURN(found, internal::DuplicateIdNumbers(check, context, rows));
    } else if (check.builtin == kBuiltinDualMedicalInsurance) {
      XJ_ASSIGN_OR_RETURN(found, internal::DualMedicalInsurance(check, checks, context, rows));
    }
    std::sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.household_id, a.evidence_key) < std::tie(b.household_id, b.evidence_key);
    });
    found.erase(std::unique(found.begin(), found.end(),
                            [](const Finding& a, const Finding& b) {
                              return a.household_id == b.household_id &&
                                     a.evidence_key == b.evidence_key;
                            }),
                found.end());
    for (Finding& f : found) out.push_back(std::move(f));
  }
  return out;
}

Result<CheckRunReport> RunChecks(const CheckSet& checks, const CheckContext& context,
                                 const CheckScope& scope) {
  const auto start = std::chrono::steady_clock::now();
  XJ_ASSIGN_OR_RETURN(std::vector<Finding> findings, FindFindings(checks, context, scope));
  CheckRunReport report;
  report.households = static_cast<int64_t>(ScopeOf(context.index.snapshot(), scope).rows.size());
  std::map<std::string, size_t> index;
  for (const CheckDefinition& c : checks.checks) {
    if (!c.enabled) continue;
    index[c.id] = report.checks.size();
    report.checks.push_back({c.id, 0, 0});
  }
  if (!findings.empty()) {
    XJ_ASSIGN_OR_RETURN(report.opened, context.exchange.PutFindings(findings));
  }
  for (const Finding& f : findings) {
    CheckCount& c = report.checks[index[f.check]];
    ++c.found;
    if (f.id != 0) ++c.opened;
  }
  report.found = static_cast<int64_t>(findings.size());
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

Result<std::vector<uint32_t>> RowsOfUpload(ExchangeStore& exchange,
                                           const registry::Snapshot& snapshot, int64_t upload_id) {
  XJ_ASSIGN_OR_RETURN(std::vector<DeptRow> rows,
                      exchange.UploadRows(upload_id, /*unmatched_only=*/false));
  std::set<std::string> households;
  for (const DeptRow& r : rows) {
    if (r.matched()) households.insert(r.household_id);
  }
  std::vector<uint32_t> out;
  for (const std::string& id : households) {
    const int64_t h = snapshot.Find(id);
    if (h >= 0) out.push_back(static_cast<uint32_t>(h));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace xianjie::exchange
