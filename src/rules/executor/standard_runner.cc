// Rules, then types, then risks, per batch.
#include "rules/executor/standard_runner.h"

#include <utility>

#include "rules/screen.h"

namespace xianjie::rules {

StandardRunner::StandardRunner(const registry::Snapshot& snapshot, const CompiledStandard& standard,
                               const FactColumns* facts)
    : standard_(standard), batch_(snapshot, standard.rule_count(), facts) {
  rules_.reserve(standard.rule_count());
  risks_.resize(standard.rule_count());
  for (size_t r = 0; r < standard.rule_count(); ++r) {
    const CompiledRule& rule = standard.rule(r);
    rules_.emplace_back(rule.when.optimized, &batch_);
    risks_[r].reserve(rule.risks.size());
    for (const CompiledRisk& risk : rule.risks)
      risks_[r].emplace_back(risk.when.optimized, &batch_);
  }
  types_.reserve(standard.type_count());
  for (const CompiledType& t : standard.types()) types_.emplace_back(t.when.optimized, &batch_);
  for (std::vector<uint32_t>& rows : rows_) rows.resize(kBatchSize);
}

void StandardRunner::Run(uint32_t base, uint32_t count, Sel sel, uint32_t* fired, uint8_t* type,
                         uint16_t* risks, const uint8_t* screened) {
  batch_.Start(base, count);
  for (uint32_t i = 0; i < count; ++i) fired[i] = 0;
  if (sel.count > 0) {
    for (size_t r = 0; r < rules_.size(); ++r) {
      const Vec v = rules_[r].Run(sel);
      batch_.set_rule_truth(r, v.truth);
      const uint8_t* t = v.truth;
      const uint32_t bit = uint32_t{1} << r;
      ForEach(sel, [&](uint32_t i) { fired[i] |= t[i] == kTruthTrue ? bit : 0; });
    }
  }
  if (screened != nullptr) {
    ForEach(sel, [&](uint32_t i) { fired[i] = screened[i] != 0 ? fired[i] : 0; });
  }
  if (type != nullptr) RunTypes(sel, fired, type);
  if (risks != nullptr) RunRisks(sel, fired, risks);
}

void StandardRunner::RunTypes(Sel sel, const uint32_t* fired, uint8_t* type) {
  for (uint32_t i = 0; i < batch_.count(); ++i) type[i] = kNoType;
  uint32_t* cur = rows_[0].data();
  uint32_t* next = rows_[1].data();
  uint32_t n = 0;
  ForEach(sel, [&](uint32_t i) {
    cur[n] = i;
    n += fired[i] != 0 ? 1 : 0;
  });
  for (size_t t = 0; t < types_.size() && n > 0; ++t) {
    const uint8_t* truth = types_[t].Run(Sel{cur, n}).truth;
    uint32_t m = 0;
    for (uint32_t k = 0; k < n; ++k) {
      const uint32_t i = cur[k];
      if (truth[i] == kTruthTrue) {
        type[i] = static_cast<uint8_t>(t);
      } else {
        next[m++] = i;
      }
    }
    std::swap(cur, next);
    n = m;
  }
}

void StandardRunner::RunRisks(Sel sel, const uint32_t* fired, uint16_t* risks) {
  for (uint32_t i = 0; i < batch_.count(); ++i) risks[i] = 0;
  // The flagged rows once; each rule then looks only at them.
  uint32_t* flagged = rows_[2].data();
  uint32_t flagged_count = 0;
  ForEach(sel, [&](uint32_t i) {
    flagged[flagged_count] = i;
    flagged_count += fired[i] != 0 ? 1 : 0;
  });
  uint32_t* cur = rows_[0].data();
  uint32_t* next = rows_[1].data();
  for (size_t r = 0; r < rules_.size() && flagged_count > 0; ++r) {
    const std::vector<CompiledRisk>& suggestions = standard_.rule(r).risks;
    if (suggestions.empty()) continue;
    const uint32_t bit = uint32_t{1} << r;
    uint32_t n = 0;
    for (uint32_t k = 0; k < flagged_count; ++k) {
      cur[n] = flagged[k];
      n += (fired[flagged[k]] & bit) != 0 ? 1 : 0;
    }
    for (size_t s = 0; s < suggestions.size() && n > 0; ++s) {
      const auto risk_bit = static_cast<uint16_t>(1u << static_cast<unsigned>(suggestions[s].risk));
      if (suggestions[s].always) {
        for (uint32_t k = 0; k < n; ++k) risks[cur[k]] |= risk_bit;
        break;
      }
      const uint8_t* truth = risks_[r][s].Run(Sel{cur, n}).truth;
      uint32_t m = 0;
      for (uint32_t k = 0; k < n; ++k) {
        const uint32_t i = cur[k];
        if (truth[i] == kTruthTrue) {
          risks[i] |= risk_bit;
        } else {
          next[m++] = i;
        }
      }
      std::swap(cur, next);
      n = m;
    }
  }
}

}  // namespace xianjie::rules
