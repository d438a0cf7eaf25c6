#include "exchange/warning_rules.h"

#include <algorithm>
#include <string>

#include "rules/member_condition.h"

namespace xianjie::exchange {
namespace {

// The rule-language field of a contract fact, or nullopt for a kind rules cannot compare.
std::optional<rules::FactField> FieldOf(const ingest::SourceContract& contract,
                                        const ingest::ContractFact& fact) {
  switch (KindOf(contract, fact)) {
    case FactKind::kMoney:
      return rules::FactField{fact.name, rules::ValueType::Money(2)};
    case FactKind::kInteger:
      return rules::FactField{fact.name, rules::ValueType::Number(0)};
    case FactKind::kDecimal:
      return rules::FactField{fact.name, rules::ValueType::Number(4)};
    case FactKind::kBool:
      return rules::FactField{fact.name, rules::ValueType::Boolean()};
    case FactKind::kDate:
      return rules::FactField{fact.name, rules::ValueType::Date()};
    case FactKind::kEnum: {
      // The enum's values, once each, in the contract's order.
      std::vector<std::string> codes;
      for (const ingest::EnumValue& v : contract.FindColumn(fact.column)->values) {
        if (std::find(codes.begin(), codes.end(), v.value) == codes.end()) codes.push_back(v.value);
      }
      return rules::FactField::Code(fact.name, std::move(codes));
    }
    case FactKind::kText:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string CompileError(const ingest::SourceContract& contract, size_t i, const Status& s) {
  return contract.origin + ": warning[" + std::to_string(i) + "] (line " +
         std::to_string(contract.warnings[i].when_line) + "): " + std::string(s.message());
}

// A fact's value as the rule language holds it for `field` (0 = none / false / missing).
Result<int64_t> RuleValue(const rules::FactField& field, const FactValue& value) {
  if (!value.present) return int64_t{0};
  switch (field.type.kind) {
    case rules::TypeKind::kBoolean:
      return int64_t{value.number != 0 ? 2 : 0};  // truth values: 0 false, 2 true
    case rules::TypeKind::kDate:
      return int64_t{CivilDate::FromDays(static_cast<int32_t>(value.number)).ToYmdNumber()};
    case rules::TypeKind::kCode: {
      auto code = rules::FactCodeValue(field, value.text);
      if (!code.ok()) return int64_t{0};  // a value the contract's enum does not list: none
      return *code;
    }
    case rules::TypeKind::kNumber:
    case rules::TypeKind::kMoney:
      return value.number;
  }
  return int64_t{0};
}

}  // namespace

std::vector<rules::FactField> FactFieldsOf(const ingest::SourceContract& contract) {
  std::vector<rules::FactField> fields;
  for (const ingest::ContractFact& fact : contract.facts) {
    if (auto field = FieldOf(contract, fact)) fields.push_back(std::move(*field));
  }
  return fields;
}

Status CheckContractWarnings(const ingest::SourceContract& contract,
                             const rules::CompiledStandard& standard) {
  const std::vector<rules::FactField> fields = FactFieldsOf(contract);
  for (size_t i = 0; i < contract.warnings.size(); ++i) {
    auto compiled = rules::CompileMemberCondition(contract.warnings[i].when, standard, fields);
    if (!compiled.ok()) return InvalidArgument(CompileError(contract, i, compiled.status()));
    if (rules::NeedsFactColumns(*compiled)) {
      return InvalidArgument(CompileError(
          contract, i,
          InvalidArgument("a warning may read department facts only of the person (not inside "
                          "an aggregate over the household's members)")));
    }
  }
  return Status::Ok();
}

struct ContractWarnings::Compiled {
  std::vector<rules::CompiledCondition> conditions;  // one per contract warning
};

ContractWarnings::ContractWarnings(const ingest::SourceContract& contract,
                                   const registry::Snapshot& snapshot, StandardFor standard_for)
    : contract_(contract), snapshot_(snapshot), standard_for_(std::move(standard_for)) {
  for (size_t i = 0; i < contract.facts.size(); ++i) {
    if (auto field = FieldOf(contract, contract.facts[i])) {
      fields_.push_back(std::move(*field));
      fact_of_field_.push_back(i);
    }
  }
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
      if (rules::NeedsFactColumns(*c)) {
        return InvalidArgument(CompileError(
            contract_, i,
            InvalidArgument("a warning may read department facts only of the person (not "
                            "inside an aggregate over the household's members)")));
      }
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
    std::vector<int64_t> person(fields_.size());
    for (size_t f = 0; f < fields_.size(); ++f) {
      XJ_ASSIGN_OR_RETURN(person[f], RuleValue(fields_[f], facts[fact_of_field_[f]]));
    }
    for (size_t i = 0; i < compiled->conditions.size(); ++i) {
      if (rules::EvaluateMemberCondition(compiled->conditions[i], snapshot_, person, household_row,
                                         member_row) == rules::Truth::kTrue) {
        return static_cast<int>(i);
      }
    }
    return -1;
  };
}

}  // namespace xianjie::exchange
