// The fact catalogue's checks and the fact columns.
#include "rules/facts.h"

#include <stdexcept>
#include <utility>

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
  switch (t.kind) {
    case TypeKind::kBoolean:
      return t.scale == 0 && t.code == CodeSet::kNone;
    case TypeKind::kNumber:
      return t.scale >= 0 && t.scale <= kMaxScale && t.code == CodeSet::kNone;
    case TypeKind::kMoney:
      return t.scale >= 2 && t.scale <= kMaxScale && t.code == CodeSet::kNone;
    case TypeKind::kDate:
    case TypeKind::kCode:
      break;
  }
  return false;
}

}  // namespace

Status CheckFactFields(std::span<const FactField> fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    const FactField& f = fields[i];
    const std::string where = "fact '" + f.name + "': ";
    if (!IsFactName(f.name)) {
      return InvalidArgument(where +
                             "a fact name is a lower-case letter, then letters, digits or _");
    }
    if (!AllowedType(f.type)) {
      return InvalidArgument(where +
                             "a fact is money (scale 2 to 6), a number (scale 0 to 6) or "
                             "a boolean, not " +
                             TypeWithArticle(f.type));
    }
    for (size_t j = 0; j < i; ++j) {
      if (fields[j].name == f.name) return InvalidArgument(where + "defined twice");
    }
  }
  return Status::Ok();
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
  if (fields_[field].type.kind == TypeKind::kBoolean && value != kTruthFalse &&
      value != kTruthUnknown && value != kTruthTrue) {
    return InvalidArgument("fact '" + fields_[field].name + "': " + std::to_string(value) +
                           " is not a truth value (0 false, 1 unknown, 2 true)");
  }
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

void CheckFactsAligned(const registry::Snapshot& snapshot, const FactColumns* facts) {
  if (facts == nullptr || facts->members() == snapshot.members()) return;
  throw std::invalid_argument("fact columns of " + std::to_string(facts->members()) +
                              " members used with a snapshot of " +
                              std::to_string(snapshot.members()) + " members");
}

}  // namespace xianjie::rules
