// The one decoder of stored rows whose columns need parsing (dates, codes, JSON), shared by the
// SQLite store's tables: a column that does not read is kDataLoss for the whole row, naming
// where it is and what to do.
#ifndef XIANJIE_STORE_SQL_INTERNAL_ROW_DECODER_H_
#define XIANJIE_STORE_SQL_INTERNAL_ROW_DECODER_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "cases/case.h"
#include "store/sql/connection.h"

namespace xianjie::store::sql_internal {

// Reads the columns of one row that need decoding, keeping the first failure: the row is then
// refused whole, with kDataLoss naming the database, the table, the row, the column and the
// stored text (cut short at a character boundary).
class RowDecoder {
 public:
  RowDecoder(const Statement& row, std::string_view table, std::string row_name)
      : row_(row), table_(table), row_name_(std::move(row_name)) {}

  CivilDate Date(int column, std::string_view name) {
    auto date = ParseDate(row_.Text(column));
    if (!date.ok()) {
      Fail(column, name, "a date YYYY-MM-DD");
      return CivilDate();
    }
    return *date;
  }

  std::optional<CivilDate> OptionalDate(int column, std::string_view name) {
    if (row_.IsNull(column)) return std::nullopt;
    return Date(column, name);
  }

  template <typename T>
  T Code(int column, std::string_view name, std::optional<T> (*parse)(std::string_view),
         std::string_view what) {
    std::optional<T> value = parse(row_.Text(column));
    if (!value.has_value()) {
      Fail(column, name, what);
      return T{};
    }
    return *value;
  }

  cases::Fields Fields(int column, std::string_view name) {
    cases::Fields fields;
    auto json = nlohmann::json::parse(row_.Text(column), nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object()) {
      Fail(column, name, "a JSON object");
      return fields;
    }
    for (const auto& [key, value] : json.items()) {
      if (!value.is_string()) {
        Fail(column, name, "a JSON object of strings");
        return {};
      }
      fields.emplace(key, value.get<std::string>());
    }
    return fields;
  }

  std::vector<int64_t> Ids(int column, std::string_view name) {
    std::vector<int64_t> ids;
    auto json = nlohmann::json::parse(row_.Text(column), nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_array()) {
      Fail(column, name, "a JSON array of ids");
      return ids;
    }
    for (const auto& value : json) {
      if (!value.is_number_integer()) {
        Fail(column, name, "a JSON array of ids");
        return {};
      }
      ids.push_back(value.get<int64_t>());
    }
    return ids;
  }

  template <typename T>
  Result<T> Finish(T record) const {
    if (!status_.ok()) return status_;
    return record;
  }

 private:
  void Fail(int column, std::string_view name, std::string_view what) {
    if (!status_.ok()) return;
    // The stored text, cut short (at a character boundary) when it is long.
    std::string_view raw = row_.Text(column);
    std::string shown(raw.substr(0, 60));
    if (shown.size() < raw.size()) {
      while (!shown.empty() && (static_cast<unsigned char>(raw[shown.size()]) & 0xC0) == 0x80) {
        shown.pop_back();
      }
      shown += "...";
    }
    status_ = DataLoss("database '" + row_.database() + "': " + std::string(table_) + " row " +
                       row_name_ + " has " + std::string(name) + " '" + shown + "', not " +
                       std::string(what) +
                       "; restore the database from a backup (or open it with the newer "
                       "xianjie that wrote it)");
  }

  const Statement& row_;
  std::string_view table_;
  std::string row_name_;
  Status status_;
};

}  // namespace xianjie::store::sql_internal

#endif  // XIANJIE_STORE_SQL_INTERNAL_ROW_DECODER_H_
