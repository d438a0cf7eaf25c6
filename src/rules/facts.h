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
//   ValueType::Boolean()      a flag (dropout).
// Dates and codes are not facts.
struct FactField {
  std::string name;
  ValueType type;
  bool operator==(const FactField&) const = default;
};

// OK if every field has a valid name and an allowed type and no name is given twice; else
// kInvalidArgument naming the first bad fact ("fact 'x': ...").
Status CheckFactFields(std::span<const FactField> fields);

// The fact `name` (without "dept.") of a catalogue, or nullptr.
const FactField* FindFact(std::span<const FactField> fields, std::string_view name);

// "dept.x" -> "x"; text without the prefix is returned unchanged.
std::string_view BareFactName(std::string_view qualified);

// The facts of the persons of exactly one registry::Snapshot: column f holds fact f for every
// member row of that snapshot (rows 0 .. members - 1, the snapshot's CSR member order). It is
// meaningless with any other snapshot, including one patched from it: build a new one for each
// snapshot. A person without a value reads 0 (money, numbers) or false (booleans).
//
// Values are held as the executor holds them: money and numbers as int64 units of 10^-scale of
// the field's type (fen for money of scale 2), booleans as truths (kTruthFalse, kTruthUnknown,
// kTruthTrue; so a zero is false). A column is allocated on its first Set, so a fact nobody has
// costs nothing.
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
  // kInvalidArgument when the field index or the row is out of range, or a boolean value is
  // not a truth.
  Status Set(size_t field, uint32_t member_row, int64_t value);
  // The same for a boolean fact: true or false.
  Status SetBoolean(size_t field, uint32_t member_row, bool value);

  // Fact `field` of member row `member_row` (0 / kTruthFalse when never set).
  int64_t Get(size_t field, uint32_t member_row) const;

  // The column of the fact `name` if it holds values of type `type`, else nullptr (the fact is
  // unknown here, has another type, or no value was ever set): the readers then read 0 / false.
  const int64_t* Column(std::string_view name, ValueType type) const;

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
