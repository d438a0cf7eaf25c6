#include "exchange/facts.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <tuple>

#include "base/money.h"

namespace xianjie::exchange {
namespace {

using ingest::ColumnType;
using Json = nlohmann::json;

FactKind KindOfColumn(ColumnType type) {
  switch (type) {
    case ColumnType::kMoney:
      return FactKind::kMoney;
    case ColumnType::kInteger:
      return FactKind::kInteger;
    case ColumnType::kDecimal:
      return FactKind::kDecimal;
    case ColumnType::kBool:
      return FactKind::kBool;
    case ColumnType::kDate:
      return FactKind::kDate;
    case ColumnType::kEnum:
      return FactKind::kEnum;
    case ColumnType::kIdNumber:
    case ColumnType::kHouseholdId:
    case ColumnType::kText:
      return FactKind::kText;
  }
  return FactKind::kText;
}

// The value of one cell of a stored row as a FactValue of `kind`; not present when the row has
// no value for the column or it cannot be read as the kind.
FactValue CellValue(const Json& values, const std::string& column, FactKind kind) {
  FactValue v;
  auto it = values.find(column);
  if (it == values.end() || it->is_null()) return v;
  const Json& x = *it;
  switch (kind) {
    case FactKind::kMoney: {
      if (x.is_number()) {
        v.number = static_cast<int64_t>(std::llround(x.get<double>() * 100.0));
        v.present = true;
      } else if (x.is_string()) {
        auto money = ParseMoney(x.get<std::string>(), Sign::kAny);
        if (money.ok()) {
          v.number = money->fen();
          v.present = true;
        }
      }
      return v;
    }
    case FactKind::kInteger:
    case FactKind::kDecimal: {
      const double scale = kind == FactKind::kDecimal ? 10000.0 : 1.0;
      if (x.is_number()) {
        v.number = static_cast<int64_t>(std::llround(x.get<double>() * scale));
        v.present = true;
      } else if (x.is_string()) {
        const std::string s = x.get<std::string>();
        double d = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
        if (ec == std::errc() && end == s.data() + s.size()) {
          v.number = static_cast<int64_t>(std::llround(d * scale));
          v.present = true;
        }
      }
      return v;
    }
    case FactKind::kBool:
      if (x.is_boolean()) {
        v.number = x.get<bool>() ? 1 : 0;
        v.present = true;
      } else if (x.is_number()) {
        v.number = x.get<double>() != 0 ? 1 : 0;
        v.present = true;
      } else if (x.is_string()) {
        const std::string s = x.get<std::string>();
        if (s == "true" || s == "1") v = {true, 1, ""};
        if (s == "false" || s == "0") v = {true, 0, ""};
      }
      return v;
    case FactKind::kDate:
      if (x.is_string()) {
        auto date = ParseDate(x.get<std::string>());
        if (date.ok()) {
          v.number = date->ToDays();
          v.text = date->ToString();
          v.present = true;
        }
      }
      return v;
    case FactKind::kText:
    case FactKind::kEnum:
      if (x.is_string()) {
        v.text = x.get<std::string>();
      } else {
        v.text = x.dump();
      }
      v.present = true;
      return v;
  }
  return v;
}

// The day a row happened: its event date, else the first day of its period, else epoch.
CivilDate RowDay(const DeptRow& row) {
  if (!row.event_date.empty()) {
    auto date = ParseDate(row.event_date);
    if (date.ok()) return *date;
  }
  // Periods begin with the year, then -MM, -Qn, -Wnn or -MM-DD.
  const std::string& p = row.period;
  int year = 0;
  if (p.size() >= 4) std::from_chars(p.data(), p.data() + 4, year);
  if (year < 1 || year > 9999) return CivilDate();
  int month = 1, day = 1;
  if (p.size() >= 7 && p[4] == '-' && p[5] == 'Q') {
    month = (p[6] - '1') * 3 + 1;
  } else if (p.size() >= 7 && p[4] == '-' && p[5] == 'W') {
    int week = 1;
    std::from_chars(p.data() + 6, p.data() + p.size(), week);
    // Monday of ISO week 1 is the Monday on or before 4 January.
    const CivilDate jan4 = CivilDate::FromYmd(year, 1, 4);
    const int weekday = ((jan4.ToDays() % 7) + 7 + 3) % 7;  // 0 = Monday (1970-01-01: Thursday)
    return CivilDate::FromDays(jan4.ToDays() - weekday + (week - 1) * 7);
  } else if (p.size() >= 7 && p[4] == '-') {
    std::from_chars(p.data() + 5, p.data() + 7, month);
    if (p.size() >= 10) std::from_chars(p.data() + 8, p.data() + 10, day);
  }
  if (!CivilDate::IsValid(year, month, day)) return CivilDate::FromYmd(year, 1, 1);
  return CivilDate::FromYmd(year, month, day);
}

// The first day of the window of `months` months ending on as_of: the day after as_of's day
// `months` months earlier (12 months ending 2026-11-29 begin on 2025-11-30).
CivilDate WindowStart(CivilDate as_of, int months) {
  int year = as_of.year();
  int month = as_of.month() - months;
  while (month < 1) {
    month += 12;
    --year;
  }
  int day = as_of.day();
  while (!CivilDate::IsValid(year, month, day)) --day;
  return CivilDate::FromDays(CivilDate::FromYmd(year, month, day).ToDays() + 1);
}

}  // namespace

FactKind KindOf(const ingest::SourceContract& contract, const ingest::ContractFact& fact) {
  if (fact.function == "count") return FactKind::kInteger;
  if (fact.function == "any") return FactKind::kBool;
  const ingest::ContractColumn* column = contract.FindColumn(fact.column);
  return column == nullptr ? FactKind::kInteger : KindOfColumn(column->type);
}

Result<std::vector<FactValue>> ComputeFacts(const ingest::SourceContract& contract,
                                            std::span<const DeptRow* const> rows, CivilDate as_of) {
  // Parse each row's values once, with the day it happened.
  struct Parsed {
    const DeptRow* row;
    CivilDate day;
    Json values;
  };
  std::vector<Parsed> parsed;
  parsed.reserve(rows.size());
  for (const DeptRow* row : rows) {
    Json values = Json::parse(row->values_json, nullptr, /*allow_exceptions=*/false);
    if (!values.is_object()) {
      return InvalidArgument("row " + std::to_string(row->row) + " of upload " +
                             std::to_string(row->upload_id) + " of source '" + row->source +
                             "' has damaged values (not a JSON object)");
    }
    parsed.push_back({row, RowDay(*row), std::move(values)});
  }
  // Latest first: by day, then upload, then row.
  std::sort(parsed.begin(), parsed.end(), [](const Parsed& a, const Parsed& b) {
    return std::tie(b.day, b.row->upload_id, b.row->row) <
           std::tie(a.day, a.row->upload_id, a.row->row);
  });

  std::vector<FactValue> out;
  out.reserve(contract.facts.size());
  for (const ingest::ContractFact& fact : contract.facts) {
    const FactKind kind = KindOf(contract, fact);
    const FactKind cell_kind = [&] {
      const ingest::ContractColumn* column = contract.FindColumn(fact.column);
      return column == nullptr ? FactKind::kText : KindOfColumn(column->type);
    }();
    const CivilDate from = fact.months > 0 ? WindowStart(as_of, fact.months) : CivilDate();
    FactValue v;
    if (fact.function == "sum" || fact.function == "count") v.present = true;
    for (const Parsed& p : parsed) {
      if (fact.months > 0 && (p.day < from || p.day > as_of)) continue;
      if (fact.function == "count") {
        if (fact.column == "*" || CellValue(p.values, fact.column, cell_kind).present) ++v.number;
        continue;
      }
      const FactValue cell = CellValue(p.values, fact.column, cell_kind);
      if (!cell.present) continue;
      if (fact.function == "latest") {
        v = cell;
        break;  // rows are latest first
      }
      if (fact.function == "sum") {
        v.number += cell.number;
      } else if (fact.function == "any") {
        v.present = true;
        v.number = v.number != 0 || cell.number != 0 ? 1 : 0;
      } else if (fact.function == "max" || fact.function == "min") {
        const bool better = !v.present || (fact.function == "max" ? cell.number > v.number
                                                                  : cell.number < v.number);
        if (better) v = cell;
      }
    }
    if (kind == FactKind::kBool && !v.present && fact.function == "any") v = {true, 0, ""};
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace xianjie::exchange
