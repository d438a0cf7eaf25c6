// The cross-checks (数据比对, 疑点; DOMAIN.md §9.2, decision 0006 "Checks and findings") as data:
// config/checks.toml ships Q01–Q13, each a household condition of the rule language over the
// registry and the department facts (dept.<fact>), or one of a few named built-in checks for
// what crosses households or reads department rows directly. A check that fails for a household
// becomes a finding (exchange_store.h); check_run.h runs them.
#ifndef XIANJIE_EXCHANGE_CHECKS_H_
#define XIANJIE_EXCHANGE_CHECKS_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "rules/compiled_standard.h"
#include "rules/facts.h"
#include "rules/standard.h"

namespace xianjie::exchange {

// The built-in checks a [[check]] may name with `builtin`:
//   "deceased_listed"         a listed member whose latest public_security row (by its change
//                             date) is a death: the department's row is the evidence;
//   "duplicate_id_number"     the same ID number listed in two households (the snapshot);
//   "dual_medical_insurance"  a person with both resident and employee medical insurance
//                             settlements within `dual_insurance_months` months (the parameter,
//                             default 12) of the medical_insurance source's rows.
inline constexpr std::string_view kBuiltinDeceasedListed = "deceased_listed";
inline constexpr std::string_view kBuiltinDuplicateIdNumber = "duplicate_id_number";
inline constexpr std::string_view kBuiltinDualMedicalInsurance = "dual_medical_insurance";
std::span<const std::string_view> BuiltinCheckNames();

// The parameter every rule check may read and no checks file may define: the day the checks
// run (China's date), for ages (age_on(today)).
inline constexpr std::string_view kTodayParameter = "today";

struct CheckDefinition {
  std::string id;  // "Q01": 'Q', then upper-case ASCII letters, digits or _ (C is coordination's)
  std::string title_zh;
  std::string title_en;
  bool enabled = true;
  // Exactly one of `when` and `builtin` is set.
  std::string when;     // a household condition (docs/rules-language.md); it fails where true
  std::string builtin;  // one of BuiltinCheckNames()
  // Rule checks only: the condition is tried only on households with an open monitoring
  // episode (cases::Episode not eliminated) and, when `risk` is set ("R07"), only on those whose
  // open episode records that risk (DOMAIN.md §6). `risk` implies `monitored`.
  bool monitored = false;
  std::string risk;
  int line = 0;       // the line of the check's id in the file
  int when_line = 0;  // the line of `when` (0 for a built-in)

  bool is_rule() const { return builtin.empty(); }
  // "rule" or "builtin:<name>" (what `xianjie check list` prints as the kind).
  std::string Kind() const;
  bool operator==(const CheckDefinition&) const = default;
};

struct CheckSet {
  // Parameters of the rule checks (thresholds): typed as a standard's (rules/standard.h).
  std::vector<rules::Parameter> parameters;
  std::vector<CheckDefinition> checks;  // in the file's order
  std::string origin;                   // the file, e.g. "config/checks.toml"

  // The check `id`, or nullptr.
  const CheckDefinition* Find(std::string_view id) const;
  // The parameter `name`, or nullptr.
  const rules::Parameter* FindParameter(std::string_view name) const;
};

// Parses a checks file. Every failure is kInvalidArgument
// "<origin>:<line>:<col>: <key path>: <what is wrong>; <what to do>", for example
// "checks.toml:40:1: check[3].buitin: unknown key; did you mean 'builtin'? ...": TOML syntax,
// unknown keys (with the closest known one), missing or empty keys, values of the wrong TOML
// type, ids that are not ids or are given twice, a check with both or neither of `when` and
// `builtin`, an unknown built-in (listing them), `monitored` or `risk` on a built-in, an unknown
// risk code, parameters that are not exactly one of money = "…", decimal = "…", integer = n,
// date = YYYY-MM-DD, boolean = true|false (and an optional note), or whose name is not a name,
// is `today`, or is taken by the rule language (a field, a keyword) or a check. The conditions
// are not compiled here (CompileChecks does). Thread-safe.
Result<CheckSet> ParseChecks(std::string_view text, std::string origin);

// config/checks.toml as shipped (embedded at build time), parsed once on first use
// (thread-safe); origin "config/checks.toml". A shipped file that does not parse is a bug: the
// process aborts with the message (a test parses and compiles it).
const CheckSet& BuiltinChecks();

// One rule check compiled: a standard of one rule (its id the check's id in lower case) whose
// parameters are the file's and `today`.
struct CompiledRuleCheck {
  const CheckDefinition* check = nullptr;  // into the CheckSet compiled
  std::shared_ptr<const rules::CompiledStandard> standard;
};

// Compiles the enabled rule checks of `checks` (which must outlive the result) against the
// facts of `facts` (exchange::FactCatalog of the contracts), with today = `today`.
// kInvalidArgument on the first that does not compile, with the rule language's message and
// caret, placed at the line of its `when`: "config/checks.toml:52: check Q13, when: unknown
// fact 'dept.pension_paid'...". `include_disabled` compiles the disabled ones too (to check a
// file).
Result<std::vector<CompiledRuleCheck>> CompileChecks(const CheckSet& checks,
                                                     std::span<const rules::FactField> facts,
                                                     CivilDate today,
                                                     bool include_disabled = false);

}  // namespace xianjie::exchange

#endif  // XIANJIE_EXCHANGE_CHECKS_H_
