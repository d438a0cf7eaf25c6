#include "exchange/warning_rules.h"

#include <string>

#include "rules/member_condition.h"

namespace xianjie::exchange {
namespace {

// The rule-language type of a fact, or nullopt for a kind rules cannot compare.
std::optional<rules::ValueType> TypeOf(FactKind kind) {
  switch (kind) {
    case FactKind::kMoney:
      return rules::ValueType::Money(2);
    case FactKind::kInteger:
      return rules::ValueType::Number(0);
    case FactKind::kDecimal:
      return rules::ValueType::Number(4);
    case FactKind::kBool:
      return rules::ValueType::Boolean();
    case FactKind::kDate:
    case FactKind::kEnum:
    case FactKind::kText:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string CompileError(const ingest::SourceContract& contract, size_t i, const Status& s) {
  return contract.origin + ": warning[" + std::to_string(i) + "] (line " +
         std::to_string(contract.warnings[i].when_line) + "): " + std::string(s.message());
}

}  // namespace

std::vector<rules::FactField> FactFieldsOf(const ingest::SourceContract& contract) {
  std::vector<rules::FactField> fields;
  for (const ingest::ContractFact& fact : contract.facts) {
    if (auto type = TypeOf(KindOf(contract, fact))) fields.push_back({fact.name, *type});
  }
  return fields;
}

Status CheckContractWarnings(const ingest::SourceContract& contract,
                             const rules::CompiledStandard& standard) {
  const std::vector<rules::FactField> fields = FactFieldsOf(contract);
  for (size_t i = 0; i < contract.warnings.size(); ++i) {
    auto compiled = rules::CompileMemberCondition(contract.warnings[i].when, standard, fields);
    if (!compiled.ok()) return InvalidArgument(CompileError(contract, i, compiled.status()));
  }
  return Status::Ok();
}

struct ContractWarnings::Compiled {
  std::vector<rules::CompiledCondition> conditions;  // one per contract warning
};

ContractWarnings::ContractWarnings(const ingest::SourceContract& contract,
                                   const registry::Snapshot& snapshot, StandardFor standard_for)
    : contract_(contract), snapshot_(snapshot), standard_for_(std::move(standard_for)) {
  fields_ = FactFieldsOf(contract);
  columns_ = std::make_unique<rules::FactColumns>(fields_, snapshot.members());
}

Result<const ContractWarnings::Compiled*> ContractWarnings::For(uint32_t household_row) {
  const uint32_t county = snapshot_.county_code()[household_row];
  if (auto it = by_county_.find(county); it != by_county_.end()) return it->second.get();
  XJ_ASSIGN_OR_RETURN(std::shared_ptr<const rules::CompiledStandard> standard,
                      standard_for_(std::to_string(county)));
  std::shared_ptr<Compiled>& compiled = by_standard_[standard.get()];
  if (!compiled) {
    auto fresh = std::make_shared<Compiled>();
    for (size_t i = 0; i < contract_.warnings.size(); ++i) {
      auto c = rules::CompileMemberCondition(contract_.warnings[i].when, *standard, fields_);
      if (!c.ok()) return InvalidArgument(CompileError(contract_, i, c.status()));
      fresh->conditions.push_back(std::move(*c));
    }
    compiled = std::move(fresh);
  }
  standards_.push_back(std::move(standard));  // kept alive with the conditions bound to it
  by_county_[county] = compiled;
  return compiled.get();
}

WarningTest ContractWarnings::Test() {
  return [this](uint32_t household_row, uint32_t member_row,
                std::span<const FactValue> facts) -> Result<int> {
    XJ_ASSIGN_OR_RETURN(const Compiled* compiled, For(household_row));
    // The person's facts into the columns, evaluated, then cleared again (aggregates over the
    // household must not see another person's).
    auto put = [&](bool clear) -> Status {
      size_t field = 0;
      for (size_t i = 0; i < contract_.facts.size(); ++i) {
        if (!TypeOf(KindOf(contract_, contract_.facts[i]))) continue;
        const rules::FactField& f = fields_[field];
        const int64_t value = clear || !facts[i].present ? 0 : facts[i].number;
        Status s = f.type.kind == rules::TypeKind::kBoolean
                       ? columns_->SetBoolean(field, member_row, value != 0)
                       : columns_->Set(field, member_row, value);
        if (!s.ok()) return s;
        ++field;
      }
      return Status::Ok();
    };
    XJ_RETURN_IF_ERROR(put(false));
    int which = -1;
    for (size_t i = 0; i < compiled->conditions.size(); ++i) {
      if (rules::EvaluateMemberCondition(compiled->conditions[i], snapshot_, columns_.get(),
                                         household_row, member_row) == rules::Truth::kTrue) {
        which = static_cast<int>(i);
        break;
      }
    }
    XJ_RETURN_IF_ERROR(put(true));
    return which;
  };
}

}  // namespace xianjie::exchange
