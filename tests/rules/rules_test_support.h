// Helpers of the rule tests: the setup directives of the .test files (standard, parameters,
// rules, households with defaults), building a snapshot from them, and running an expression or
// a whole screening every way the engine can (dense and sparse vectorized, scalar, Explain)
// while checking that all agree.
#ifndef XIANJIE_TESTS_RULES_RULES_TEST_SUPPORT_H_
#define XIANJIE_TESTS_RULES_RULES_TEST_SUPPORT_H_

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/household.h"
#include "registry/snapshot.h"
#include "rules/compiled_standard.h"
#include "rules/expression.h"
#include "rules/facts.h"
#include "rules/standard.h"

namespace xianjie::rules {

// An empty standard of province 63, 2024, line 7500 yuan, named after `origin`.
Standard DefaultStandard(std::string origin);

// The department facts of a .test file: the catalogue (directive `fact NAME TYPE`) and the
// values given on member lines (`member dept.NAME=VALUE`), as written.
struct TestFacts {
  struct Value {
    size_t household = 0;  // index into the households
    size_t member = 0;     // index into that household's members, as listed
    std::string name;      // the fact, without "dept."
    std::string text;      // money in yuan, a decimal, a boolean 1/0/unknown, a date, a code
    int line = 0;
  };
  std::vector<FactField> fields;
  std::vector<Value> values;
};

// Applies one setup directive (standard, line, param, rule, risk, type, household, member) of
// a .test file; kInvalidArgument on a malformed or unknown directive. With `facts`, also
// `fact NAME money|number [SCALE]`, `fact NAME boolean|date`, `fact NAME code CODE...` and
// dept.NAME=VALUE on member lines.
Status ApplySetup(const std::string& word, const std::string& rest, int line, Standard* standard,
                  std::vector<registry::HouseholdRecord>* households, TestFacts* facts = nullptr);

// A snapshot of the households, each given one default member if it has none, with valid,
// distinct ID numbers matching birth dates and sexes.
Result<std::shared_ptr<const registry::Snapshot>> BuildTestSnapshot(
    std::vector<registry::HouseholdRecord> households);

// The fact columns of `facts` over the snapshot BuildTestSnapshot built from `households` (the
// same list, before that call); kInvalidArgument on a value of an undeclared fact or one that
// does not parse as its type.
Result<FactColumns> BuildTestFacts(std::vector<registry::HouseholdRecord> households,
                                   const TestFacts& facts, const registry::Snapshot& snapshot);

struct ValueLine {
  std::string id;
  std::string value;         // FormatValue of the agreed value (the scalar one on disagreement)
  std::string disagreement;  // "" when every evaluator agrees
};
// The expression's value for every household, by the vectorized executor (all rows: dense;
// two interleaved subsets in reverse: sparse) and the scalar evaluator.
std::vector<ValueLine> EvaluateAllWays(const registry::Snapshot& snapshot,
                                       const CompiledStandard& standard,
                                       const CompiledExpression& expression,
                                       const FactColumns* facts = nullptr);

// "ID RULES TYPE RISKS" per household (see rules_test.cc) from ScreenAll; sets *disagreement
// when ScreenRows or Explain (rule truths, type, risks) says otherwise.
std::vector<std::string> ScreenLines(const registry::Snapshot& snapshot,
                                     const CompiledStandard& standard, std::string* disagreement,
                                     const FactColumns* facts = nullptr);

// A random household with 1..6 members (some not sharing the household), incomes near the
// default line, sometimes missing prev_net_income, ages around the school ages.
registry::HouseholdRecord RandomHousehold(std::mt19937_64& rng, const std::string& id);

// Random values of every fact of `fields` for every member row of `snapshot`: about a third of
// the members have each fact; money and numbers near the default line (some zero, some
// negative), booleans true, false and now and then unknown, codes any of theirs or no value,
// dates in 2022-2027.
FactColumns RandomFacts(std::mt19937_64& rng, std::vector<FactField> fields,
                        const registry::Snapshot& snapshot);

}  // namespace xianjie::rules

#endif  // XIANJIE_TESTS_RULES_RULES_TEST_SUPPORT_H_
