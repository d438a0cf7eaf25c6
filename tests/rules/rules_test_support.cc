// Setup directives, test snapshots and the every-way evaluations of the rule tests.
#include "rules/rules_test_support.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "base/date.h"
#include "base/id_number.h"
#include "base/money.h"
#include "registry/codes.h"
#include "registry/snapshot_build.h"
#include "rules/explain.h"
#include "rules/scalar_eval.h"
#include "rules/screen.h"
#include "rules/semantics.h"
#include "rules/standard_toml.h"

namespace xianjie::rules {
namespace {

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

Status Bad(int line, const std::string& what) {
  return InvalidArgument("line " + std::to_string(line) + ": " + what);
}

template <typename E>
Status SetCode(const std::string& text, E* out) {
  auto v = registry::ParseCode<E>(text);
  if (!v) return InvalidArgument("unknown code '" + text + "'");
  *out = *v;
  return Status::Ok();
}

Status SetBool(const std::string& text, bool* out) {
  auto v = registry::ParseBool(text);
  if (!v) return InvalidArgument("not a boolean: '" + text + "'");
  *out = *v;
  return Status::Ok();
}

Status SetMoney(const std::string& text, Money* out) {
  XJ_ASSIGN_OR_RETURN(*out, ParseMoney(text, Sign::kAny));
  return Status::Ok();
}

Status SetHouseholdField(registry::Household& h, const std::string& key, const std::string& v) {
  if (key == "status") return SetCode(v, &h.status);
  if (key == "wage_income") return SetMoney(v, &h.wage_income);
  if (key == "business_income") return SetMoney(v, &h.business_income);
  if (key == "property_income") return SetMoney(v, &h.property_income);
  if (key == "transfer_income") return SetMoney(v, &h.transfer_income);
  if (key == "production_costs") return SetMoney(v, &h.production_costs);
  if (key == "rigid_medical") return SetMoney(v, &h.rigid_medical);
  if (key == "rigid_education") return SetMoney(v, &h.rigid_education);
  if (key == "rigid_other") return SetMoney(v, &h.rigid_other);
  if (key == "housing_safe") return SetBool(v, &h.housing_safe);
  if (key == "water_safe") return SetBool(v, &h.water_safe);
  if (key == "prev_net_income") {
    if (v == "missing") {
      h.prev_net_income.reset();
      return Status::Ok();
    }
    Money m;
    XJ_RETURN_IF_ERROR(SetMoney(v, &m));
    h.prev_net_income = m;
    return Status::Ok();
  }
  return InvalidArgument("unknown household field '" + key + "'");
}

Status SetMemberField(registry::Member& m, const std::string& key, const std::string& v) {
  if (key == "relation") return SetCode(v, &m.relation);
  if (key == "sex") return SetCode(v, &m.sex);
  if (key == "labor") return SetCode(v, &m.labor);
  if (key == "health") return SetCode(v, &m.health);
  if (key == "school_stage") return SetCode(v, &m.school_stage);
  if (key == "enrolled") return SetBool(v, &m.enrolled);
  if (key == "med_insured") return SetBool(v, &m.med_insured);
  if (key == "pension_insured") return SetBool(v, &m.pension_insured);
  if (key == "shares_household") return SetBool(v, &m.shares_household);
  if (key == "birth_date") {
    XJ_ASSIGN_OR_RETURN(m.birth_date, ParseDate(v));
    return Status::Ok();
  }
  return InvalidArgument("unknown member field '" + key + "'");
}

registry::Member DefaultMember(bool head) {
  registry::Member m;
  m.relation = head ? registry::Relation::kHead : registry::Relation::kChild;
  m.sex = registry::Sex::kMale;
  m.birth_date = CivilDate::FromYmd(1980, 1, 1);
  m.labor = registry::Labor::kOrdinary;
  m.health = registry::Health::kHealthy;
  m.school_stage = registry::SchoolStage::kNone;
  m.enrolled = false;
  m.med_insured = true;
  m.pension_insured = true;
  m.shares_household = true;
  m.name = "member";
  return m;
}

Status ApplyFields(const std::vector<std::string>& words, size_t from, int line,
                   const std::function<Status(const std::string&, const std::string&)>& set) {
  for (size_t i = from; i < words.size(); ++i) {
    const size_t eq = words[i].find('=');
    if (eq == std::string::npos) return Bad(line, "expected field=value, found '" + words[i] + "'");
    Status s = set(words[i].substr(0, eq), words[i].substr(eq + 1));
    if (!s.ok()) return Bad(line, s.message());
  }
  return Status::Ok();
}

Status AddParameter(const std::vector<std::string>& w, int line, Standard* standard) {
  if (w.size() != 3) return Bad(line, "param NAME TYPE VALUE");
  Parameter p;
  p.name = w[0];
  const std::string& type = w[1];
  const std::string& value = w[2];
  if (type == "money") {
    XJ_ASSIGN_OR_RETURN(Money m, ParseMoney(value, Sign::kAny));
    p.value = m;
  } else if (type == "decimal") {
    XJ_ASSIGN_OR_RETURN(Decimal d, ParseDecimal(value));
    p.value = d;
  } else if (type == "integer") {
    p.value = static_cast<int64_t>(std::stoll(value));
  } else if (type == "date") {
    XJ_ASSIGN_OR_RETURN(CivilDate d, ParseDate(value));
    p.value = d;
  } else if (type == "boolean") {
    p.value = value == "1" || value == "true";
  } else {
    return Bad(line, "unknown parameter type '" + type + "'");
  }
  for (Parameter& existing : standard->parameters) {
    if (existing.name == p.name) {
      existing = p;
      return Status::Ok();
    }
  }
  standard->parameters.push_back(std::move(p));
  return Status::Ok();
}

// fact NAME money [SCALE] | fact NAME number [SCALE] | fact NAME boolean | fact NAME date |
// fact NAME code CODE...
Status AddFact(const std::vector<std::string>& w, int line, TestFacts* facts) {
  if (w.size() < 2)
    return Bad(line, "fact NAME money|number|boolean|date [SCALE] | NAME code CODE...");
  FactField f;
  f.name = w[0];
  if (w[1] == "code") {
    f.type = ValueType::FactCode();
    f.codes.assign(w.begin() + 2, w.end());
    facts->fields.push_back(std::move(f));
    return Status::Ok();
  }
  if (w.size() > 3) return Bad(line, "fact NAME money|number|boolean|date [SCALE]");
  const int scale = w.size() == 3 ? std::stoi(w[2]) : -1;
  if (w[1] == "money") {
    f.type = ValueType::Money(scale < 0 ? 2 : scale);
  } else if (w[1] == "number") {
    f.type = ValueType::Number(scale < 0 ? 0 : scale);
  } else if (w[1] == "boolean") {
    f.type = ValueType::Boolean();
  } else if (w[1] == "date") {
    f.type = ValueType::Date();
  } else {
    return Bad(line, "unknown fact type '" + w[1] + "'");
  }
  facts->fields.push_back(std::move(f));
  return Status::Ok();
}

// The test's ID numbers: sequence k over all members in the order listed (a household without
// members gets a default one first).
void AssignTestIdNumbers(std::vector<registry::HouseholdRecord>& households) {
  int sequence = 0;
  for (registry::HouseholdRecord& r : households) {
    if (r.members.empty()) r.members.push_back(DefaultMember(true));
    for (registry::Member& m : r.members) {
      const int k = sequence++;
      const bool male = m.sex == registry::Sex::kMale;
      const std::string address = std::to_string(630100 + k / 400);
      m.id_number = MakeIdNumber(address, m.birth_date, (k % 400) * 2 + (male ? 1 : 0));
    }
  }
}

// A fact's value as FactColumns holds it, from a .test file's text.
Result<int64_t> ParseFactValue(const FactField& f, const std::string& text) {
  if (f.type.kind == TypeKind::kBoolean) {
    if (text == "1" || text == "true") return int64_t{kTruthTrue};
    if (text == "0" || text == "false") return int64_t{kTruthFalse};
    if (text == "unknown") return int64_t{kTruthUnknown};
    return InvalidArgument("dept." + f.name + ": '" + text + "' is not 1, 0 or unknown");
  }
  if (f.type.kind == TypeKind::kCode) return FactCodeValue(f, text);
  if (f.type.kind == TypeKind::kDate) {
    XJ_ASSIGN_OR_RETURN(CivilDate d, ParseDate(text));
    return int64_t{d.ToYmdNumber()};
  }
  XJ_ASSIGN_OR_RETURN(Decimal d, ParseDecimal(text));
  if (d.scale > f.type.scale) {
    return InvalidArgument("dept." + f.name + ": '" + text + "' has more decimals than " +
                           std::to_string(f.type.scale));
  }
  int64_t units = 0;
  if (!Multiply(d.units, Pow10(f.type.scale - d.scale), &units)) {
    return InvalidArgument("dept." + f.name + ": '" + text + "' is too large");
  }
  return units;
}

void MustSet(FactColumns& columns, size_t field, uint32_t row, int64_t value) {
  Status s = columns.Set(field, row, value);
  if (!s.ok()) throw std::logic_error(s.message());
}

}  // namespace

Standard DefaultStandard(std::string origin) {
  Standard s;
  s.province = "63";
  s.year = 2024;
  s.line_definition.amount = Money::FromYuan(7500);
  s.line = Money::FromYuan(7500);
  s.origin = std::move(origin);
  return s;
}

Status ApplySetup(const std::string& word, const std::string& rest, int line, Standard* standard,
                  std::vector<registry::HouseholdRecord>* households, TestFacts* facts) {
  const std::vector<std::string> w = Words(rest);
  if (word == "fact" && facts != nullptr) return AddFact(w, line, facts);
  if (word == "standard") {
    if (w.size() != 2 && w.size() != 3) return Bad(line, "standard PROVINCE [COUNTY] YEAR");
    const Standard* found =
        FindBuiltinStandard(w[0], w.size() == 3 ? w[1] : "", std::stoi(w.back()));
    if (found == nullptr) return Bad(line, "no built-in standard " + rest);
    *standard = *found;
    return Status::Ok();
  }
  if (word == "line") {
    if (w.size() != 1) return Bad(line, "line YUAN");
    XJ_ASSIGN_OR_RETURN(standard->line, ParseMoney(w[0]));
    standard->line_definition = {};
    standard->line_definition.amount = standard->line;
    return Status::Ok();
  }
  if (word == "param") return AddParameter(w, line, standard);
  if (word == "rule" || word == "type") {
    const size_t space = rest.find(' ');
    if (space == std::string::npos) return Bad(line, word + " ID CONDITION");
    if (word == "rule") {
      RuleDefinition r;
      r.id = rest.substr(0, space);
      r.when = rest.substr(space + 1);
      r.source_line = line;
      standard->rules.push_back(std::move(r));
    } else {
      standard->types.push_back({rest.substr(0, space), rest.substr(space + 1), line});
    }
    return Status::Ok();
  }
  if (word == "risk") {
    if (w.size() < 2) return Bad(line, "risk RULE CODE [CONDITION]");
    for (RuleDefinition& r : standard->rules) {
      if (r.id != w[0]) continue;
      const size_t at = rest.find(w[1], w[0].size()) + w[1].size();
      RiskSuggestion s;
      s.risk = w[1];
      s.when = at < rest.size() ? rest.substr(at + 1) : "";
      s.source_line = line;
      r.risks.push_back(std::move(s));
      return Status::Ok();
    }
    return Bad(line, "no rule '" + w[0] + "'");
  }
  if (word == "household") {
    if (w.empty()) return Bad(line, "household ID [field=value ...]");
    registry::HouseholdRecord record;
    record.household.household_id = w[0];
    record.household.status = registry::HouseholdStatus::kOrdinary;
    record.household.wage_income = Money::FromYuan(30000);
    households->push_back(std::move(record));
    registry::Household& h = households->back().household;
    return ApplyFields(w, 1, line, [&](const std::string& k, const std::string& v) {
      return SetHouseholdField(h, k, v);
    });
  }
  if (word == "member") {
    if (households->empty()) return Bad(line, "member before any household");
    auto& members = households->back().members;
    members.push_back(DefaultMember(members.empty()));
    registry::Member& m = members.back();
    return ApplyFields(w, 0, line, [&](const std::string& k, const std::string& v) {
      if (facts != nullptr && k.starts_with(kFactPrefix)) {
        facts->values.push_back(
            {households->size() - 1, members.size() - 1, std::string(BareFactName(k)), v, line});
        return Status::Ok();
      }
      return SetMemberField(m, k, v);
    });
  }
  return Bad(line, "unknown directive '" + word + "'");
}

Result<std::shared_ptr<const registry::Snapshot>> BuildTestSnapshot(
    std::vector<registry::HouseholdRecord> households) {
  AssignTestIdNumbers(households);
  for (registry::HouseholdRecord& r : households) registry::Canonicalize(r);
  return registry::BuildSnapshot(households);
}

Result<FactColumns> BuildTestFacts(std::vector<registry::HouseholdRecord> households,
                                   const TestFacts& facts, const registry::Snapshot& snapshot) {
  AssignTestIdNumbers(households);
  FactColumns columns(facts.fields, snapshot.members());
  for (const TestFacts::Value& v : facts.values) {
    const int field = columns.Find(v.name);
    if (field < 0) return Bad(v.line, "no fact 'dept." + v.name + "' declared (fact NAME TYPE)");
    XJ_ASSIGN_OR_RETURN(const int64_t value,
                        ParseFactValue(facts.fields[static_cast<size_t>(field)], v.text));
    const registry::HouseholdRecord& record = households[v.household];
    const int64_t row = snapshot.Find(record.household.household_id);
    if (row < 0) return Bad(v.line, "household not in the snapshot");
    const uint64_t packed = PackIdNumber(record.members[v.member].id_number);
    const uint32_t* begin = snapshot.member_begin();
    bool found = false;
    for (uint32_t m = begin[row]; m < begin[row + 1]; ++m) {
      if (snapshot.member_id_number()[m] != packed) continue;
      XJ_RETURN_IF_ERROR(columns.Set(static_cast<size_t>(field), m, value));
      found = true;
    }
    if (!found) return Bad(v.line, "member not in the snapshot");
  }
  return columns;
}

FactColumns RandomFacts(std::mt19937_64& rng, std::vector<FactField> fields,
                        const registry::Snapshot& snapshot) {
  FactColumns columns(std::move(fields), snapshot.members());
  const auto members = static_cast<uint32_t>(snapshot.members());
  for (size_t f = 0; f < columns.fields().size(); ++f) {
    const ValueType type = columns.fields()[f].type;
    for (uint32_t m = 0; m < members; ++m) {
      if (rng() % 3 != 0) continue;
      int64_t v = 0;
      if (type.kind == TypeKind::kBoolean) {
        v = rng() % 20 == 0 ? kTruthUnknown : rng() % 2 == 0 ? kTruthTrue : kTruthFalse;
      } else if (type.kind == TypeKind::kCode) {
        v = static_cast<int64_t>(rng() % (columns.fields()[f].codes.size() + 1));
      } else if (type.kind == TypeKind::kDate) {
        v = CivilDate::FromDays(static_cast<int32_t>(19000 + rng() % 2000)).ToYmdNumber();
      } else if (rng() % 400 == 0) {
        v = INT64_MAX / 2 + 1;  // a sum with another such value overflows: missing
      } else {
        const int64_t yuan = static_cast<int64_t>(rng() % 30000) - 2000;
        const int64_t unit = Pow10(type.scale);
        v = type.kind == TypeKind::kMoney
                ? yuan * unit + static_cast<int64_t>(rng() % static_cast<uint64_t>(unit))
                : static_cast<int64_t>(rng() % 25) * unit;
      }
      MustSet(columns, f, m, v);
    }
  }
  return columns;
}

std::vector<ValueLine> EvaluateAllWays(const registry::Snapshot& snapshot,
                                       const CompiledStandard& standard,
                                       const CompiledExpression& expression,
                                       const FactColumns* facts) {
  const auto n = static_cast<uint32_t>(snapshot.households());
  std::vector<uint32_t> all(n);
  for (uint32_t i = 0; i < n; ++i) all[i] = i;
  const std::vector<ScalarValue> dense =
      EvaluateVectorized(snapshot, standard, expression, all, facts);
  const std::vector<ScalarValue> scalar =
      EvaluateScalar(snapshot, standard, expression, all, facts);
  std::vector<ScalarValue> sparse(n);
  for (uint32_t parity = 0; parity < 2; ++parity) {
    std::vector<uint32_t> rows;
    for (uint32_t i = n; i-- > 0;) {
      if (i % 2 == parity) rows.push_back(i);
    }
    const std::vector<ScalarValue> v =
        EvaluateVectorized(snapshot, standard, expression, rows, facts);
    for (size_t k = 0; k < rows.size(); ++k) sparse[rows[k]] = v[k];
  }
  const ValueType type = expression.type();
  std::vector<ValueLine> out;
  for (uint32_t i = 0; i < n; ++i) {
    ValueLine line;
    line.id = std::string(snapshot.household_id(i));
    const std::vector<FactField>& f = expression.plans.bound.facts;
    line.value = FormatValue(type, scalar[i], f);
    const std::string d = FormatValue(type, dense[i], f);
    const std::string s = FormatValue(type, sparse[i], f);
    if (d != line.value || s != line.value) {
      line.disagreement = "scalar " + line.value + ", dense " + d + ", sparse " + s;
    }
    out.push_back(std::move(line));
  }
  return out;
}

std::vector<std::string> ScreenLines(const registry::Snapshot& snapshot,
                                     const CompiledStandard& standard, std::string* disagreement,
                                     const FactColumns* facts) {
  const auto n = static_cast<uint32_t>(snapshot.households());
  const ScreenOutcome all = ScreenAll(snapshot, standard, 2, facts);
  std::vector<uint32_t> reversed;
  for (uint32_t i = n; i-- > 0;) reversed.push_back(i);
  const ScreenOutcome rows = ScreenRows(snapshot, standard, reversed, facts);
  std::vector<std::string> out;
  for (uint32_t i = 0; i < n; ++i) {
    const std::string id(snapshot.household_id(i));
    const size_t k = n - 1 - i;
    if (rows.fired[k] != all.fired[i] || rows.type[k] != all.type[i] ||
        rows.risks[k] != all.risks[i] || rows.screened[k] != all.screened[i]) {
      *disagreement += "ScreenRows differs from ScreenAll for " + id + "\n";
    }
    const HouseholdExplanation e = Explain(snapshot, i, standard, facts);
    uint32_t fired = 0;
    uint16_t risks = 0;
    for (size_t r = 0; r < e.rules.size(); ++r) {
      if (e.rules[r].result == Truth::kTrue) fired |= uint32_t{1} << r;
      if (!e.rules[r].suggested_risk.empty()) {
        risks |= static_cast<uint16_t>(
            1u << static_cast<unsigned>(
                *registry::ParseCode<registry::RiskType>(e.rules[r].suggested_risk)));
      }
    }
    const std::string type = all.type[i] == kNoType ? "" : standard.type_code(all.type[i]);
    if (fired != all.fired[i] || risks != all.risks[i] || type != e.proposed_type ||
        e.screened != (all.screened[i] != 0)) {
      *disagreement += "Explain differs from ScreenAll for " + id + "\n";
    }
    if (!all.screened[i]) {
      out.push_back(id + " not screened");
      continue;
    }
    std::string rules;
    for (size_t r = 0; r < standard.rule_count(); ++r) {
      if (all.fired[i] & (uint32_t{1} << r))
        rules += (rules.empty() ? "" : ",") + standard.rule_id(r);
    }
    std::string risk_codes;
    for (unsigned b = 0; b < 16; ++b) {
      if (all.risks[i] & (1u << b)) {
        risk_codes += (risk_codes.empty() ? "" : ",") +
                      std::string(registry::CodeOf(static_cast<registry::RiskType>(b)));
      }
    }
    out.push_back(id + " " + (rules.empty() ? "-" : rules) + " " + (type.empty() ? "-" : type) +
                  " " + (risk_codes.empty() ? "-" : risk_codes));
  }
  return out;
}

registry::HouseholdRecord RandomHousehold(std::mt19937_64& rng, const std::string& id) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  auto yuan = [&](int max) {
    return Money::FromFen(static_cast<int64_t>(rng() % (uint64_t(max) * 100 + 1)));
  };
  registry::HouseholdRecord r;
  registry::Household& h = r.household;
  h.household_id = id;
  h.status = pick(2) ? registry::HouseholdStatus::kLifted : registry::HouseholdStatus::kOrdinary;
  h.wage_income = yuan(pick(3) == 0 ? 5000 : 40000);
  h.business_income = pick(2) ? yuan(20000) : Money();
  h.property_income = pick(4) == 0 ? yuan(3000) : Money();
  h.transfer_income = yuan(6000);
  h.production_costs = pick(3) == 0 ? yuan(15000) : Money();
  if (pick(4) != 0) {
    h.prev_net_income = Money::FromFen(static_cast<int64_t>(rng() % 8000000) - 500000);
  }
  h.rigid_medical = pick(3) == 0 ? yuan(30000) : Money();
  h.rigid_education = pick(4) == 0 ? yuan(10000) : Money();
  h.rigid_other = pick(5) == 0 ? yuan(5000) : Money();
  h.housing_safe = pick(12) != 0;
  h.water_safe = pick(12) != 0;
  const int members = 1 + pick(6);
  for (int k = 0; k < members; ++k) {
    registry::Member m = DefaultMember(k == 0);
    m.relation = k == 0 ? registry::Relation::kHead : static_cast<registry::Relation>(1 + pick(8));
    m.sex = pick(2) ? registry::Sex::kMale : registry::Sex::kFemale;
    const int year = pick(2) ? 2004 + pick(16) : 1940 + pick(70);
    const int month = 1 + pick(12);
    const int day = month == 2 ? 1 + pick(29) : 1 + pick(30);
    m.birth_date = CivilDate::IsValid(year, month, day) ? CivilDate::FromYmd(year, month, day)
                                                        : CivilDate::FromYmd(year, 3, 1);
    m.labor = static_cast<registry::Labor>(pick(5));
    m.health = static_cast<registry::Health>(pick(4));
    m.school_stage = static_cast<registry::SchoolStage>(pick(7));
    m.enrolled = pick(5) != 0;
    m.med_insured = pick(15) != 0;
    m.pension_insured = pick(2) != 0;
    m.shares_household = pick(10) != 0;
    r.members.push_back(std::move(m));
  }
  return r;
}

}  // namespace xianjie::rules
