// One department file while the generator draws it: the columns with what kind of value each
// holds, the rows in the department's own date and money forms, and the rows that go wrong on
// purpose: a few about people of other provinces (unmatched in an upload) and a few with one
// error each (quarantined).
#ifndef XIANJIE_DEMO_DEPARTMENT_TABLE_H_
#define XIANJIE_DEMO_DEPARTMENT_TABLE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "demo/departments.h"
#include "demo/random.h"

namespace xianjie::demo {

// What a column holds, for planting errors and making people of other provinces.
enum class CellKind : uint8_t { kIdNumber, kName, kMoney, kDate, kEnum, kOther };

struct DepartmentColumn {
  std::string_view header;  // the contract's header or one of its aliases
  CellKind kind = CellKind::kOther;
  // kEnum: a label the contract does not know, written by a planted "enum.unknown" error; empty:
  // the column is never used for one.
  std::string_view unknown_label = {};
};

enum class DateStyle : uint8_t { kIso, kSlash, kCompact, kChinese, kDot };
enum class MoneyStyle : uint8_t { kPlain, kThousands, kWholeYuan };

// "2024-03-02", "2024/3/2", "20240302", "2024年3月2日", "2024.3.2".
std::string DateText(CivilDate date, DateStyle style);
// `yuan` rounded to fen: "1234.50", "1,234.50", or "1234" when it is whole yuan (else as plain).
std::string MoneyText(double yuan, MoneyStyle style);
// A yes/no cell: "是" or "否".
std::string_view YesNo(bool value);

// How a department writes its file.
struct DepartmentStyle {
  DepartmentFileFormat format = DepartmentFileFormat::kXlsx;
  std::string_view sheet = "Sheet1";
  DateStyle dates = DateStyle::kIso;
  MoneyStyle money = MoneyStyle::kPlain;
};

// Shares of rows that go wrong on purpose (of the rows the drawers add).
inline constexpr double kOutOfProvinceRate = 0.01;
inline constexpr double kPlantedErrorRate = 0.005;

class DepartmentTable {
 public:
  // `columns` must outlive the table; `rng` is the drawing stream, shared by all tables.
  DepartmentTable(std::string_view source, std::span<const DepartmentColumn> columns,
                  const DepartmentStyle& style, Rng& rng);

  // Starts a row: the cells, one per column, all empty, to be filled and then committed.
  std::vector<std::string>& Add();
  // Ends the row begun by Add. With kPlantedErrorRate it breaks one cell (a wrong ID check
  // character, a text in a money column, a date years ahead, an unknown enum label); else with
  // kOutOfProvinceRate it also queues a copy about a person of another province (same birth
  // date and sex, another name), placed at a random row by Finish.
  void Commit();

  // A date in this department's form (now and then another form, as clerks differ).
  std::string Date(CivilDate date);
  // An amount in this department's form (now and then another, or with a trailing 元).
  std::string Money(double yuan);

  size_t rows() const { return rows_.size(); }

  // The finished file; the table is left empty.
  DepartmentFile Finish();

 private:
  enum class Tag : uint8_t { kNormal, kOutOfProvince, kPlanted };
  int ColumnOf(CellKind kind) const;
  void Plant(std::vector<std::string>& cells);
  void QueueOutOfProvince(const std::vector<std::string>& cells);

  std::string source_;
  std::span<const DepartmentColumn> columns_;
  DepartmentStyle style_;
  Rng& rng_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<Tag> tags_;
  std::vector<std::string_view> planted_rules_;  // parallel to rows_ ("" unless kPlanted)
  std::vector<std::vector<std::string>> outsiders_;
};

}  // namespace xianjie::demo

#endif  // XIANJIE_DEMO_DEPARTMENT_TABLE_H_
