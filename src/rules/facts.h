// Department facts (decision 0006) as member fields of the rule language: the catalogue of the
// facts rules may name as `dept.<fact>` (FactField), and their values for one snapshot
// (FactColumns), one int64 column per fact over the snapshot's member rows.
#ifndef XIANJIE_RULES_FACTS_H_
#define XIANJIE_RULES_FACTS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "registry/snapshot.h"
#include "rules/value_type.h"

namespace xianjie::rules {

// How facts are written in the rule language: dept.medical_out_of_pocket_12m.
inline constexpr std::string_view kFactPrefix = "dept.";

// One fact of the catalogue. `name` is [a-z][a-z0-9_]* (without "dept."); `type` is one of
//   ValueType::Money(scale)   money, scale 2..6 (2: fen, what departments report),
//   ValueType::Number(scale)  a count or amount: scale 0 for integers (allowance_months),
//                             1..6 for exact decimals,
//   ValueType::Boolean()      a flag (dropout),
//   ValueType::Date()         a day (latest(changed_on)),
//   ValueType::FactCode()     one of `codes`, the fact's own code set (latest(state) of an enum:
//                             "new", "continuing", "ended"); compared with = != in, not in
//                             against string literals that must be one of `codes`.
// `codes` is given for a code fact only: distinct, each one or more ASCII letters, digits or _
// ("out_of_school", "A", "1"), in the order their values count (value i + 1 is codes[i]).
// Registry codes (ValueType::Code(CodeSet::kHealth) ...) are not facts.
struct FactField {
  std::string name;
  ValueType type;
  std::vector<std::string> codes = {};  // a code fact's codes; empty for every other type
  bool operator==(const FactField&) const = default;

  // The code fact `name` with these codes.
  static FactField Code(std::string name, std::vector<std::string> codes) {
    return {std::move(name), ValueType::FactCode(), std::move(codes)};
  }
};

// At most this many facts in a catalogue (ValueType::fact holds an index).
inline constexpr size_t kMaxFacts = 65535;

// OK if every field has a valid name, an allowed type and, for a code fact, valid codes (none
// for the others), and no name is given twice; else kInvalidArgument naming the first bad fact
// ("fact 'x': ...").
Status CheckFactFields(std::span<const FactField> fields);

// The fact `name` (without "dept.") of a catalogue, or nullptr.
const FactField* FindFact(std::span<const FactField> fields, std::string_view name);

// "dept.x" -> "x"; text without the prefix is returned unchanged.
std::string_view BareFactName(std::string_view qualified);

// The value of code `code` of the code fact `field` (i + 1 for codes[i]); kInvalidArgument
// naming the fact and listing its codes when it is not one of them or the fact has no codes.
Result<int64_t> FactCodeValue(const FactField& field, std::string_view code);

// OK if `value` is a value of `field` as FactColumns holds it (below): any int64 for money and
// numbers, a truth for booleans, 0 or a real day YYYYMMDD for dates, 0..codes.size() for codes;
// else kInvalidArgument naming the fact and the value.
Status CheckFactValue(const FactField& field, int64_t value);

// TypeWithArticle (value_type.h), naming the fact of a fact's code type by `facts` (the
// catalogue the type was bound against): "a dept.school_status code".
std::string DescribeType(ValueType type, std::span<const FactField> facts);

// The facts of the persons of exactly one registry::Snapshot: column f holds fact f for every
// member row of that snapshot (rows 0 .. members - 1, the snapshot's CSR member order). It is
// meaningless with any other snapshot, including one patched from it: build a new one for each
// snapshot.
//
// Values are held as the executor holds them, and 0 is a person without a value: money and
// numbers as int64 units of 10^-scale of the field's type (fen for money of scale 2; no value
// reads 0), booleans as truths (kTruthFalse, kTruthUnknown, kTruthTrue; no value reads false),
// dates as YYYYMMDD (no value, 0, is missing), codes as i + 1 for codes[i] (no value, 0, equals
// no code). A column is allocated on its first Set, so a fact nobody has costs nothing.
//
// Built on one thread; once built, it may be read by any number of threads (the screening
// threads read it without locks).
class FactColumns {
 public:
  FactColumns() = default;  // no facts: everything reads 0 / false
  // Facts `fields` (valid per CheckFactFields; the caller checks) over `members` member rows.
  FactColumns(std::vector<FactField> fields, size_t members);

  const std::vector<FactField>& fields() const { return fields_; }
  size_t members() const { return members_; }

  // Index of the fact `name` (without "dept."), or -1.
  int Find(std::string_view name) const;

  // Sets fact `field` of member row `member_row` to `value` (the representation above).
  // kInvalidArgument when the field index or the row is out of range, or the value is not one
  // of the field's (CheckFactValue: a boolean not a truth, a date not a real day, a code out of
  // range).
  Status Set(size_t field, uint32_t member_row, int64_t value);
  // The same for a boolean fact: true or false.
  Status SetBoolean(size_t field, uint32_t member_row, bool value);
  // The same for a code fact: one of its codes (FactCodeValue).
  Status SetCode(size_t field, uint32_t member_row, std::string_view code);

  // Fact `field` of member row `member_row` (0 / kTruthFalse when never set).
  int64_t Get(size_t field, uint32_t member_row) const;

  // The column of the fact `name` if it holds values of type `type`, else nullptr (the fact is
  // unknown here, has another type, or no value was ever set): the readers then read no value.
  // For facts other than codes.
  const int64_t* Column(std::string_view name, ValueType type) const;
  // The column of the fact `field` if this catalogue has it with the same name, type and codes,
  // else nullptr as above. What the evaluators read: a code fact whose codes differ here (a
  // contract that changed its values) is not read as the codes the expression was bound to.
  const int64_t* Column(const FactField& field) const;

 private:
  std::vector<FactField> fields_;
  size_t members_ = 0;
  std::vector<std::vector<int64_t>> columns_;  // empty until the first Set
};

// Throws std::invalid_argument (a bug in the caller) when `facts` is not null and does not have
// one row per member of `snapshot`. The evaluators call it before reading facts.
void CheckFactsAligned(const registry::Snapshot& snapshot, const FactColumns* facts);

}  // namespace xianjie::rules

#endif  // XIANJIE_RULES_FACTS_H_
