// The fact catalogue's checks and the fact columns.
#include "rules/facts.h"

#include <stdexcept>
#include <utility>

#include "base/date.h"

namespace xianjie::rules {
namespace {

bool IsFactName(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool AllowedType(ValueType t) {
  if (t.fact != 0) return false;
  switch (t.kind) {
    case TypeKind::kBoolean:
    case TypeKind::kDate:
      return t.scale == 0 && t.code == CodeSet::kNone;
    case TypeKind::kNumber:
      return t.scale >= 0 && t.scale <= kMaxScale && t.code == CodeSet::kNone;
    case TypeKind::kMoney:
      return t.scale >= 2 && t.scale <= kMaxScale && t.code == CodeSet::kNone;
    case TypeKind::kCode:
      return t == ValueType::FactCode();
  }
  return false;
}

// Codes as contracts write their enum values: "new", "out_of_school", "A", "1".
bool IsCodeText(std::string_view code) {
  if (code.empty()) return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

std::string CodeList(const FactField& f) {
  std::string list;
  for (const std::string& c : f.codes) list += (list.empty() ? "" : ", ") + c;
  return list;
}

Status CheckCodes(const FactField& f, const std::string& where) {
  const bool code_type = f.type.kind == TypeKind::kCode;
  if (code_type && f.codes.empty()) return InvalidArgument(where + "a code fact lists its codes");
  if (!code_type && !f.codes.empty()) {
    return InvalidArgument(where + "only a code fact lists codes, not " + TypeWithArticle(f.type));
  }
  for (size_t i = 0; i < f.codes.size(); ++i) {
    if (!IsCodeText(f.codes[i])) {
      return InvalidArgument(where + "code '" + f.codes[i] +
                             "': a code is one or more letters, digits or _");
    }
    for (size_t j = 0; j < i; ++j) {
      if (f.codes[j] == f.codes[i]) {
        return InvalidArgument(where + "code '" + f.codes[i] + "' is listed twice");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckFactFields(std::span<const FactField> fields) {
  if (fields.size() > kMaxFacts) {
    return InvalidArgument(std::to_string(fields.size()) + " facts; at most " +
                           std::to_string(kMaxFacts) + " are allowed");
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const FactField& f = fields[i];
    const std::string where = "fact '" + f.name + "': ";
    if (!IsFactName(f.name)) {
      return InvalidArgument(where +
                             "a fact name is a lower-case letter, then letters, digits or _");
    }
    if (!AllowedType(f.type)) {
      return InvalidArgument(where +
                             "a fact is money (scale 2 to 6), a number (scale 0 to 6), a "
                             "boolean, a date or one of its own codes, not " +
                             TypeWithArticle(f.type));
    }
    XJ_RETURN_IF_ERROR(CheckCodes(f, where));
    for (size_t j = 0; j < i; ++j) {
      if (fields[j].name == f.name) return InvalidArgument(where + "defined twice");
    }
  }
  return Status::Ok();
}

Result<int64_t> FactCodeValue(const FactField& field, std::string_view code) {
  for (size_t i = 0; i < field.codes.size(); ++i) {
    if (field.codes[i] == code) return static_cast<int64_t>(i + 1);
  }
  if (field.codes.empty()) {
    return InvalidArgument("fact '" + field.name + "' is " + TypeWithArticle(field.type) +
                           ", not a code");
  }
  return InvalidArgument("fact '" + field.name + "': unknown code '" + std::string(code) +
                         "' (codes: " + CodeList(field) + ")");
}

Status CheckFactValue(const FactField& field, int64_t value) {
  // The message is built only on failure: FactColumns::Set calls this for every value.
  const auto bad = [&](std::string_view what) {
    return InvalidArgument("fact '" + field.name + "': " + std::to_string(value) + " is not " +
                           std::string(what));
  };
  switch (field.type.kind) {
    case TypeKind::kBoolean:
      if (value == kTruthFalse || value == kTruthUnknown || value == kTruthTrue) break;
      return bad("a truth value (0 false, 1 unknown, 2 true)");
    case TypeKind::kDate:
      if (value == 0 ||
          (value > 0 && value <= 99991231 &&
           CivilDate::IsValid(static_cast<int>(value / 10000), static_cast<int>(value / 100 % 100),
                              static_cast<int>(value % 100)))) {
        break;
      }
      return bad("a day YYYYMMDD (or 0, no value)");
    case TypeKind::kCode:
      if (value >= 0 && static_cast<uint64_t>(value) <= field.codes.size()) break;
      return bad("a code value (0 no value, 1 to " + std::to_string(field.codes.size()) +
                 " its codes)");
    case TypeKind::kNumber:
    case TypeKind::kMoney:
      break;
  }
  return Status::Ok();
}

std::string DescribeType(ValueType type, std::span<const FactField> facts) {
  if (type.kind == TypeKind::kCode && type.code == CodeSet::kFact && type.fact < facts.size()) {
    return "a " + std::string(kFactPrefix) + facts[type.fact].name + " code";
  }
  return TypeWithArticle(type);
}

const FactField* FindFact(std::span<const FactField> fields, std::string_view name) {
  for (const FactField& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string_view BareFactName(std::string_view qualified) {
  return qualified.starts_with(kFactPrefix) ? qualified.substr(kFactPrefix.size()) : qualified;
}

FactColumns::FactColumns(std::vector<FactField> fields, size_t members)
    : fields_(std::move(fields)), members_(members), columns_(fields_.size()) {}

int FactColumns::Find(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

Status FactColumns::Set(size_t field, uint32_t member_row, int64_t value) {
  if (field >= fields_.size()) {
    return InvalidArgument("fact index " + std::to_string(field) + " out of range (" +
                           std::to_string(fields_.size()) + " facts)");
  }
  if (member_row >= members_) {
    return InvalidArgument("fact '" + fields_[field].name + "': member row " +
                           std::to_string(member_row) + " out of range (" +
                           std::to_string(members_) + " members)");
  }
  XJ_RETURN_IF_ERROR(CheckFactValue(fields_[field], value));
  std::vector<int64_t>& column = columns_[field];
  if (column.empty()) column.assign(members_, 0);
  column[member_row] = value;
  return Status::Ok();
}

Status FactColumns::SetBoolean(size_t field, uint32_t member_row, bool value) {
  if (field < fields_.size() && fields_[field].type.kind != TypeKind::kBoolean) {
    return InvalidArgument("fact '" + fields_[field].name + "' is " +
                           TypeWithArticle(fields_[field].type) + ", not a boolean");
  }
  return Set(field, member_row, value ? kTruthTrue : kTruthFalse);
}

Status FactColumns::SetCode(size_t field, uint32_t member_row, std::string_view code) {
  if (field >= fields_.size()) return Set(field, member_row, 0);  // the range error
  XJ_ASSIGN_OR_RETURN(const int64_t value, FactCodeValue(fields_[field], code));
  return Set(field, member_row, value);
}

int64_t FactColumns::Get(size_t field, uint32_t member_row) const {
  if (field >= columns_.size() || columns_[field].empty() || member_row >= members_) return 0;
  return columns_[field][member_row];
}

const int64_t* FactColumns::Column(std::string_view name, ValueType type) const {
  const int i = Find(name);
  if (i < 0) return nullptr;
  const auto f = static_cast<size_t>(i);
  if (!(fields_[f].type == type) || columns_[f].empty()) return nullptr;
  return columns_[f].data();
}

const int64_t* FactColumns::Column(const FactField& field) const {
  const int i = Find(field.name);
  if (i < 0) return nullptr;
  const auto f = static_cast<size_t>(i);
  if (!(fields_[f] == field) || columns_[f].empty()) return nullptr;
  return columns_[f].data();
}

void CheckFactsAligned(const registry::Snapshot& snapshot, const FactColumns* facts) {
  if (facts == nullptr || facts->members() == snapshot.members()) return;
  throw std::invalid_argument("fact columns of " + std::to_string(facts->members()) +
                              " members used with a snapshot of " +
                              std::to_string(snapshot.members()) + " members");
}

}  // namespace xianjie::rules
