// Header resolution and the field checks shared by households.csv and members.csv. Messages
// say what is wrong and what to write instead; they never depend on the row's other fields.
#include "ingest/internal/row_check.h"

#include <algorithm>
#include <unordered_map>

#include "registry/household.h"

namespace xianjie::ingest::internal {
namespace {

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::string ShownName(std::string_view name) {
  return name.empty() ? std::string("\"\" (a column without a name)") : std::string(name);
}

}  // namespace

Result<Header> ReadHeader(CsvReader& reader, CsvRecord& rec, std::span<const ColumnSpec> spec,
                          const std::string& file_name, const std::set<std::string>& ignored) {
  if (!reader.Next(rec)) {
    std::vector<std::string> expected;
    for (const ColumnSpec& c : spec) expected.emplace_back(c.name);
    return InvalidArgument(file_name + ": the file is empty; its first line must be the header " +
                           Join(expected, ","));
  }
  const std::string where = file_name + ": the header (line " + std::to_string(rec.line) + ")";
  if (rec.error == CsvError::kInvalidUtf8) {
    return InvalidArgument(where + " is not valid UTF-8 text; save the file as UTF-8");
  }
  if (rec.error != CsvError::kNone) {
    return InvalidArgument(where + " is not valid CSV: " + std::string(CsvErrorMessage(rec.error)));
  }

  Header header;
  header.names.assign(rec.fields.begin(), rec.fields.end());
  std::unordered_map<std::string_view, size_t> first_field;
  for (size_t i = 0; i < header.names.size(); ++i) {
    auto [it, inserted] = first_field.emplace(header.names[i], i);
    if (!inserted) {
      return InvalidArgument(file_name + ": column " + ShownName(header.names[i]) +
                             " appears twice in the header (columns " +
                             std::to_string(it->second + 1) + " and " + std::to_string(i + 1) +
                             "); keep only one");
    }
  }

  std::vector<std::string> missing;
  header.field_of.assign(spec.size(), -1);
  std::vector<bool> known(header.names.size(), false);
  for (size_t c = 0; c < spec.size(); ++c) {
    auto it = first_field.find(spec[c].name);
    if (it != first_field.end()) {
      header.field_of[c] = static_cast<int>(it->second);
      known[it->second] = true;
    } else if (spec[c].required) {
      missing.emplace_back(spec[c].name);
    }
  }
  std::vector<std::string> unknown;
  for (size_t i = 0; i < header.names.size(); ++i) {
    if (!known[i] && ignored.count(header.names[i]) == 0) unknown.push_back(ShownName(header.names[i]));
  }
  if (missing.empty() && unknown.empty()) return header;

  std::string message = file_name + ": ";
  if (!missing.empty()) message += "missing columns: " + Join(missing, ", ");
  if (!unknown.empty()) {
    if (!missing.empty()) message += "; ";
    message += "unknown columns: " + Join(unknown, ", ") +
               " (declare extra columns with --ignore-column NAME)";
  }
  return InvalidArgument(std::move(message));
}

bool RowCheck::Start(const CsvRecord& rec) {
  fields_ = &rec.fields;
  problems_.clear();
  if (rec.error != CsvError::kNone) {
    Problem& p = problems_.emplace_back();
    p.field = rec.error_field;
    p.rule = CsvErrorRule(rec.error);
    if (rec.error_field >= 0 && static_cast<size_t>(rec.error_field) < rec.fields.size()) {
      p.value = rec.fields[rec.error_field];
    }
    p.text = CsvErrorMessage(rec.error);
    return false;
  }
  if (rec.fields.size() != header_.names.size()) {
    Problem& p = problems_.emplace_back();
    p.rule = "row.field_count";
    p.text = "the record has " + std::to_string(rec.fields.size()) + " fields but the header has " +
             std::to_string(header_.names.size()) +
             "; a comma is missing or extra, or a value that contains a comma is not in double "
             "quotes";
    return false;
  }
  return true;
}

void RowCheck::Add(Column column, std::string rule, std::string text) {
  Problem& p = problems_.emplace_back();
  p.field = header_.field_of[column.index()];
  p.rule = std::move(rule);
  p.value = Field(column);
  p.text = std::move(text);
}

std::optional<xianjie::Money> RowCheck::CheckMoneyText(Column column, Sign sign) {
  Result<xianjie::Money> m = ParseMoney(Field(column), sign);
  if (m.ok()) return *m;
  Add(column, std::string(Name(column)) + ".invalid", m.status().message());
  return std::nullopt;
}

CodeIndex::CodeIndex(std::span<const registry::CodeEntry> codes) {
  // In table order within a length, so that a text matching two entries (none does) would
  // still give ParseCode's answer, the first.
  std::vector<std::pair<std::string_view, uint8_t>> all;
  for (size_t i = 0; i < codes.size(); ++i) {
    for (std::string_view t : {codes[i].code, codes[i].label_zh, codes[i].alt1, codes[i].alt2}) {
      if (!t.empty() && t.size() < kMaxLength) all.emplace_back(t, static_cast<uint8_t>(i));
    }
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.first.size() < b.first.size(); });
  for (const auto& [text, value] : all) {
    texts_.push_back(text);
    values_.push_back(value);
  }
  for (size_t n = 0, i = 0; n <= kMaxLength; ++n) {
    while (i < texts_.size() && texts_[i].size() < n) ++i;
    first_[n] = static_cast<uint16_t>(i);
  }
}

std::optional<bool> RowCheck::CheckBoolText(Column column) {
  std::optional<bool> b = registry::ParseBool(Field(column));
  if (!b) {
    Add(column, std::string(Name(column)) + ".invalid",
        Quoted(Field(column)) + " is not a yes/no value; write 1 or 0 (or 是 or 否)");
  }
  return b;
}

void RowCheck::CodeProblem(Column column, std::string_view noun,
                           std::span<const registry::CodeEntry> codes) {
  std::string text;
  if (Field(column).empty()) {
    text.append("the ").append(noun).append(" is empty");
  } else {
    text.append(Quoted(Field(column))).append(" is not a valid ").append(noun);
  }
  text += "; write one of: ";
  for (size_t i = 0; i < codes.size(); ++i) {
    if (i > 0) text += ", ";
    text.append(codes[i].code).append(" (").append(codes[i].label_zh).append(")");
  }
  Add(column, std::string(Name(column)) + ".invalid", std::move(text));
}

bool RowCheck::CheckHouseholdId(Column column) {
  std::string_view id = Field(column);
  if (id.empty()) {
    Add(column, "household_id.empty", "the household_id is empty; every row needs one");
    return false;
  }
  if (id.size() > registry::kMaxHouseholdIdLength) {
    Add(column, "household_id.too_long",
        Quoted(id) + " has " + std::to_string(id.size()) +
            " bytes; a household_id has at most " +
            std::to_string(registry::kMaxHouseholdIdLength) + " (a Chinese character takes 3)");
    return false;
  }
  return true;
}

std::string Quoted(std::string_view value) {
  // Built by appending: GCC 12 warns (-Wrestrict, falsely) on "'" + std::string(...) at -O3.
  std::string out;
  out.reserve(value.size() + 2);
  out += '\'';
  out += value;
  out += '\'';
  return out;
}

size_t EstimateRecords(std::string_view data) {
  return static_cast<size_t>(std::count(data.begin(), data.end(), '\n')) + 1;
}

std::string_view KeepText(std::string_view value, std::string_view data,
                          std::forward_list<std::string>& owned) {
  auto v = reinterpret_cast<uintptr_t>(value.data());
  auto d = reinterpret_cast<uintptr_t>(data.data());
  if (v >= d && v + value.size() <= d + data.size()) return value;
  return owned.emplace_front(value);
}

}  // namespace xianjie::ingest::internal
