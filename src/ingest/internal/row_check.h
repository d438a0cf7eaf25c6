// Shared machinery of the exchange-format parsers: resolving the header against a format's
// columns, and checking the fields of one record, collecting every problem of the row.
#ifndef XIANJIE_INGEST_INTERNAL_ROW_CHECK_H_
#define XIANJIE_INGEST_INTERNAL_ROW_CHECK_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <forward_list>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "ingest/csv_reader.h"
#include "registry/codes.h"
#include "registry/exchange_columns.h"

namespace xianjie::ingest::internal {

// A column of the format being read, by its position in the format's column list. Converts
// implicitly from the column enums of registry/exchange_columns.h, so that the checks name
// their columns as the format does.
class Column {
 public:
  constexpr Column(registry::HouseholdColumn c) : index_(registry::Index(c)) {}
  constexpr Column(registry::MemberColumn c) : index_(registry::Index(c)) {}
  constexpr size_t index() const { return index_; }

 private:
  size_t index_;
};

// A column of a file format.
struct ColumnSpec {
  std::string_view name;
  bool required = true;
};

// The columns of a format from their names: all required but the one at index `optional`
// (none when it is N).
template <size_t N>
constexpr std::array<ColumnSpec, N> SpecOf(const std::array<std::string_view, N>& names,
                                           size_t optional = N) {
  std::array<ColumnSpec, N> spec{};
  for (size_t i = 0; i < N; ++i) spec[i] = ColumnSpec{names[i], i != optional};
  return spec;
}

// Where the format's columns are in a file.
struct Header {
  std::vector<int> field_of;       // per format column: index of its field, -1 if absent
  std::vector<std::string> names;  // per field of the file: its header name
};

// Reads the first record of `reader` as the header and matches it with `spec`. Fails with
// kInvalidArgument, naming `file_name`, as ParseHouseholds documents.
Result<Header> ReadHeader(CsvReader& reader, CsvRecord& rec, std::span<const ColumnSpec> spec,
                          const std::string& file_name, const std::set<std::string>& ignored);

// One problem of a row.
struct Problem {
  int field = -1;     // index of the field in the record; -1: the record as a whole
  std::string rule;   // "wage_income.invalid", "row.field_count" ...
  std::string value;  // the value at fault, as read
  std::string text;   // what is wrong and how to fix it, without line or column
};

// Amounts as files write them ("12345.67", "0", "-3.5" where a sign is allowed): sets `fen` and
// returns true without building a Result; false for any other text, which ParseMoney then
// accepts or explains. At most 13 integer digits, so that no bound of ParseMoney can be crossed:
// on every text it takes, the value is ParseMoney's.
inline bool FastMoney(std::string_view t, Sign sign, int64_t& fen) {
  const char* p = t.data();
  const char* end = p + t.size();
  const bool negative = p < end && *p == '-';
  if (negative) {
    if (sign == Sign::kNonNegative) return false;
    ++p;
  }
  const char* digits = p;
  int64_t yuan = 0;
  for (; p < end && *p >= '0' && *p <= '9'; ++p) {
    if (p - digits == 13) return false;
    yuan = yuan * 10 + (*p - '0');
  }
  if (p == digits) return false;
  int64_t cents = 0;
  if (p < end) {
    if (*p != '.' || end - p < 2 || end - p > 3) return false;
    for (const char* d = p + 1; d < end; ++d) {
      if (*d < '0' || *d > '9') return false;
      cents = cents * 10 + (*d - '0');
    }
    if (end - p == 2) cents *= 10;
  }
  fen = negative ? -(yuan * 100 + cents) : yuan * 100 + cents;
  return true;
}

// The codes and labels of an enumeration by length, for matching field values fast: what
// registry::ParseCode<E> accepts, with the same result.
class CodeIndex {
 public:
  explicit CodeIndex(std::span<const registry::CodeEntry> codes);
  // The underlying value of the entry whose code or label (or alternative label) is `text`.
  std::optional<uint8_t> Find(std::string_view text) const {
    if (text.size() >= kMaxLength) return std::nullopt;
    for (uint16_t i = first_[text.size()]; i < first_[text.size() + 1]; ++i) {
      const char* t = texts_[i].data();
      if (t[0] != text[0]) continue;  // most candidates of a length differ at once
      size_t k = 0;
      while (k < text.size() && t[k] == text[k]) ++k;  // short texts: no call to memcmp
      if (k == text.size()) return values_[i];
    }
    return std::nullopt;
  }

 private:
  static constexpr size_t kMaxLength = 48;  // longer texts match no entry
  std::vector<std::string_view> texts_;     // by length, then by table order
  std::vector<uint8_t> values_;
  uint16_t first_[kMaxLength + 1] = {};     // texts_ of length n: [first_[n], first_[n + 1])
};

// The checks of one record. Call Start for each record, then the checks; problems() holds
// what they found.
class RowCheck {
 public:
  RowCheck(const Header& header, std::span<const ColumnSpec> spec)
      : header_(header), spec_(spec) {}

  // Begins the checks of `rec`. Returns false, with the one problem recorded, if the record is
  // not well-formed CSV or its number of fields differs from the header's: then its fields
  // cannot be trusted and must not be checked.
  bool Start(const CsvRecord& rec);

  // The value of a format column ("" if the file lacks the optional column).
  std::string_view Field(Column column) const {
    int f = header_.field_of[column.index()];
    return f < 0 ? std::string_view() : (*fields_)[f];
  }
  bool Has(Column column) const { return header_.field_of[column.index()] >= 0; }
  std::string_view Name(Column column) const { return spec_[column.index()].name; }

  // Records a problem of `column` with the column's value.
  void Add(Column column, std::string rule, std::string text);
  bool ok() const { return problems_.empty(); }
  std::vector<Problem>& problems() { return problems_; }

  // Field checks. Each returns the parsed value, or nullopt after recording the problem
  // "<column>.invalid".
  std::optional<xianjie::Money> CheckMoney(Column column, Sign sign) {
    int64_t fen = 0;
    if (FastMoney(Field(column), sign, fen)) return xianjie::Money::FromFen(fen);
    return CheckMoneyText(column, sign);
  }
  // The same, setting `out` and returning true if valid (no optional to copy: hot loops).
  bool CheckMoney(Column column, Sign sign, xianjie::Money& out) {
    int64_t fen = 0;
    if (FastMoney(Field(column), sign, fen)) {
      out = xianjie::Money::FromFen(fen);
      return true;
    }
    std::optional<xianjie::Money> m = CheckMoneyText(column, sign);
    if (m) out = *m;
    return m.has_value();
  }
  std::optional<bool> CheckBool(Column column) {
    std::string_view text = Field(column);
    if (text.size() == 1 && (text[0] == '0' || text[0] == '1')) return text[0] == '1';
    return CheckBoolText(column);
  }
  template <typename E>
  std::optional<E> CheckCode(Column column, std::string_view noun) {
    static const CodeIndex index(registry::CodesOf(E{}));
    std::optional<uint8_t> v = index.Find(Field(column));
    if (!v) {
      CodeProblem(column, noun, registry::CodesOf(E{}));
      return std::nullopt;
    }
    return static_cast<E>(*v);
  }
  // household_id: not empty, at most kMaxHouseholdIdLength bytes. Returns true if valid.
  bool CheckHouseholdId(Column column);

 private:
  std::optional<bool> CheckBoolText(Column column);
  std::optional<xianjie::Money> CheckMoneyText(Column column, Sign sign);
  void CodeProblem(Column column, std::string_view noun,
                   std::span<const registry::CodeEntry> codes);

  const Header& header_;
  std::span<const ColumnSpec> spec_;
  const std::vector<std::string_view>* fields_ = nullptr;
  std::vector<Problem> problems_;
};

// `value` in single quotes, as messages show values.
std::string Quoted(std::string_view value);

// An upper bound of the number of records in `data` (its line breaks, plus one), for reserving.
size_t EstimateRecords(std::string_view data);

// `value` if it lies within `data`; otherwise a view of a copy kept in `owned`.
std::string_view KeepText(std::string_view value, std::string_view data,
                          std::forward_list<std::string>& owned);

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_ROW_CHECK_H_
