// Rows of a demo department file, their date and money forms, and the rows that go wrong on
// purpose.
#include "demo/department_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/id_number.h"
#include "demo/family.h"
#include "demo/names.h"

namespace xianjie::demo {
namespace {

// County address codes of other provinces whose people turn up in Qinghai's department files:
// Beijing, Sichuan (most), Gansu, Shaanxi, Ningxia, Henan.
constexpr std::string_view kOtherCounties[] = {
    "110105", "110108", "510104", "510107", "510122", "513226", "620102",
    "620105", "622901", "610113", "640104", "410105", "510682", "620702",
};

// Words clerks write into a money column when they do not know the amount.
constexpr std::string_view kMoneyWords[] = {"不详", "待核实", "见附件", "未结算"};

int Digits(std::string_view text, size_t from, size_t n) {
  int value = 0;
  for (size_t i = from; i < from + n && i < text.size(); ++i) value = value * 10 + (text[i] - '0');
  return value;
}

}  // namespace

std::string DateText(CivilDate date, DateStyle style) {
  char buf[40];
  const int y = date.year();
  const int m = date.month();
  const int d = date.day();
  switch (style) {
    case DateStyle::kIso:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
      break;
    case DateStyle::kSlash:
      std::snprintf(buf, sizeof buf, "%d/%d/%d", y, m, d);
      break;
    case DateStyle::kCompact:
      std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
      break;
    case DateStyle::kChinese:
      std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d);
      break;
    case DateStyle::kDot:
      std::snprintf(buf, sizeof buf, "%d.%d.%d", y, m, d);
      break;
  }
  return buf;
}

std::string MoneyText(double yuan, MoneyStyle style) {
  const int64_t fen = std::llround(std::max(yuan, 0.0) * 100);
  const int64_t whole = fen / 100;
  const int cents = static_cast<int>(fen % 100);
  char buf[48];
  if (style == MoneyStyle::kWholeYuan && cents == 0) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(whole));
    return buf;
  }
  if (style != MoneyStyle::kThousands || whole < 1000) {
    std::snprintf(buf, sizeof buf, "%lld.%02d", static_cast<long long>(whole), cents);
    return buf;
  }
  std::string digits = std::to_string(whole);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  std::snprintf(buf, sizeof buf, ".%02d", cents);
  return out + buf;
}

std::string_view YesNo(bool value) { return value ? "是" : "否"; }

DepartmentTable::DepartmentTable(std::string_view source, std::span<const DepartmentColumn> columns,
                                 const DepartmentStyle& style, Rng& rng)
    : source_(source), columns_(columns), style_(style), rng_(rng) {}

std::vector<std::string>& DepartmentTable::Add() {
  rows_.emplace_back(columns_.size());
  tags_.push_back(Tag::kNormal);
  planted_rules_.emplace_back();
  return rows_.back();
}

int DepartmentTable::ColumnOf(CellKind kind) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].kind == kind) return static_cast<int>(i);
  }
  return -1;
}

void DepartmentTable::Commit() {
  std::vector<std::string>& cells = rows_.back();
  const int id = ColumnOf(CellKind::kIdNumber);
  // Some systems keep the check character X in lower case.
  if (id >= 0 && cells[id].size() == 18 && cells[id][17] == 'X' && rng_.Chance(0.1)) {
    cells[id][17] = 'x';
  }
  if (rng_.Chance(kPlantedErrorRate)) {
    Plant(cells);
  } else if (rng_.Chance(kOutOfProvinceRate)) {
    QueueOutOfProvince(cells);
  }
}

void DepartmentTable::Plant(std::vector<std::string>& cells) {
  // The columns each kind of error can go into, in this row.
  std::vector<std::pair<int, std::string_view>> choices;
  for (size_t i = 0; i < columns_.size(); ++i) {
    const DepartmentColumn& c = columns_[i];
    if (c.kind == CellKind::kIdNumber && cells[i].size() == 18) {
      choices.emplace_back(static_cast<int>(i), "id_number.check");
    } else if (c.kind == CellKind::kMoney && !cells[i].empty()) {
      choices.emplace_back(static_cast<int>(i), "money.format");
    } else if (c.kind == CellKind::kDate && !cells[i].empty()) {
      choices.emplace_back(static_cast<int>(i), "date.future");
    } else if (c.kind == CellKind::kEnum && !c.unknown_label.empty() && !cells[i].empty()) {
      choices.emplace_back(static_cast<int>(i), "enum.unknown");
    }
  }
  if (choices.empty()) return;
  // Each kind of error as likely as the others, whatever the number of columns of each kind.
  std::vector<std::string_view> kinds;
  for (const auto& choice : choices) {
    if (std::find(kinds.begin(), kinds.end(), choice.second) == kinds.end()) {
      kinds.push_back(choice.second);
    }
  }
  const std::string_view rule =
      kinds[static_cast<size_t>(rng_.Below(static_cast<int>(kinds.size())))];
  std::erase_if(choices, [&](const auto& choice) { return choice.second != rule; });
  const int column =
      choices[static_cast<size_t>(rng_.Below(static_cast<int>(choices.size())))].first;
  std::string& cell = cells[static_cast<size_t>(column)];
  if (rule == "id_number.check") {
    // A slip on the last character: any other one of 0-9 and X.
    const char right = IdCheckCharacter(std::string_view(cell).substr(0, 17));
    static constexpr std::string_view kCheck = "0123456789X";
    char wrong = right;
    while (wrong == right) wrong = kCheck[static_cast<size_t>(rng_.Below(11))];
    cell[17] = wrong;
  } else if (rule == "money.format") {
    cell = rng_.PickOne(std::span<const std::string_view>(kMoneyWords));
  } else if (rule == "date.future") {
    // The year mistyped 12 to 28 years ahead (2024 as 2044 ...): every form starts with the
    // year, and a multiple of four keeps 29 February a real day.
    const int year = Digits(cell, 0, 4);
    cell.replace(0, 4, std::to_string(year + 4 * rng_.Between(3, 7)));
  } else {
    cell = columns_[static_cast<size_t>(column)].unknown_label;
  }
  tags_.back() = Tag::kPlanted;
  planted_rules_.back() = rule;
}

void DepartmentTable::QueueOutOfProvince(const std::vector<std::string>& cells) {
  const int id = ColumnOf(CellKind::kIdNumber);
  if (id < 0 || cells[id].size() != 18) return;
  const std::string_view own = cells[id];
  const CivilDate birth =
      CivilDate::FromYmd(Digits(own, 6, 4), Digits(own, 10, 2), Digits(own, 12, 2));
  const bool male = Digits(own, 16, 1) % 2 == 1;
  std::vector<std::string> copy = cells;
  const std::string_view county = rng_.PickOne(std::span<const std::string_view>(kOtherCounties));
  copy[id] = MakeIdNumber(county, birth, 2 * rng_.Below(500) + (male ? 1 : 0));
  const int name = ColumnOf(CellKind::kName);
  if (name >= 0)
    DrawName(NameStyle::kHan, DrawSurname(NameStyle::kHan, rng_), male, rng_, copy[name]);
  outsiders_.push_back(std::move(copy));
}

std::string DepartmentTable::Date(CivilDate date) {
  DateStyle style = style_.dates;
  if (rng_.Chance(0.04)) style = static_cast<DateStyle>(rng_.Below(5));
  return DateText(date, style);
}

std::string DepartmentTable::Money(double yuan) {
  MoneyStyle style = style_.money;
  if (rng_.Chance(0.03)) style = static_cast<MoneyStyle>(rng_.Below(3));
  std::string text = MoneyText(yuan, style);
  if (rng_.Chance(0.01)) text += "元";
  return text;
}

DepartmentFile DepartmentTable::Finish() {
  DepartmentFile file;
  file.source = source_;
  file.format = style_.format;
  file.sheet = std::string(style_.sheet);
  for (const DepartmentColumn& c : columns_) file.header.emplace_back(c.header);
  // Each queued row goes before a random row of the file (or at its end), in queue order.
  std::vector<std::pair<int64_t, size_t>> places;
  const int64_t n = static_cast<int64_t>(rows_.size());
  for (size_t i = 0; i < outsiders_.size(); ++i) {
    places.emplace_back(static_cast<int64_t>(rng_.Uniform() * static_cast<double>(n + 1)), i);
  }
  std::stable_sort(places.begin(), places.end());
  file.rows.reserve(rows_.size() + outsiders_.size());
  size_t next = 0;
  for (int64_t r = 0; r <= n; ++r) {
    while (next < places.size() && places[next].first == r) {
      file.out_of_province_rows.push_back(static_cast<int64_t>(file.rows.size()));
      file.rows.push_back(std::move(outsiders_[places[next].second]));
      ++next;
    }
    if (r == n) break;
    if (tags_[static_cast<size_t>(r)] == Tag::kPlanted) {
      file.planted_errors.push_back(
          PlantedError{static_cast<int64_t>(file.rows.size()),
                       std::string(planted_rules_[static_cast<size_t>(r)])});
    }
    file.rows.push_back(std::move(rows_[static_cast<size_t>(r)]));
  }
  rows_.clear();
  tags_.clear();
  planted_rules_.clear();
  outsiders_.clear();
  return file;
}

}  // namespace xianjie::demo
