// Typed cells of department files (source_cells.h). Valid values take fast paths that build no
// Status and no temporary string; the base parsers (ParseIdNumber, ParseMoney) run only to
// explain a value the fast path refused, so their rules and wording stay the one source.
#include "ingest/internal/source_cells.h"

#include <charconv>
#include <cmath>

#include "base/id_number.h"
#include "base/money.h"
#include "ingest/internal/row_check.h"
#include "ingest/internal/utf8.h"
#include "ingest/internal/xlsx_values.h"
#include "registry/household.h"

namespace xianjie::ingest::internal {
namespace {

constexpr size_t kMaxTextCharacters = 1000;
constexpr std::string_view kYuan = "元";
constexpr std::string_view kYenSigns[] = {"¥", "￥"};
constexpr std::string_view kDateForms =
    "write it as 2026-03-01 (2026/3/1, 2026.3.1, 20260301 and 2026年3月1日 are read too)";

std::string Quoted(std::string_view value) {
  std::string out = "'";
  out += Shortened(value);
  out += '\'';
  return out;
}

// Number text as Excel writes it when it has turned a long number into a float: "6.30102E+17".
bool LooksLikeLostNumber(std::string_view t) {
  const size_t e = t.find_first_of("Ee");
  if (e == std::string_view::npos || e == 0 || e + 2 >= t.size() || t[e + 1] != '+') {
    return false;
  }
  for (size_t i = 0; i < e; ++i) {
    if (!IsDigit(t[i]) && t[i] != '.') return false;
  }
  for (size_t i = e + 2; i < t.size(); ++i) {
    if (!IsDigit(t[i])) return false;
  }
  return true;
}

// Digits with optional thousands separators ("1,234,567") at the start of `t`, copied without
// the separators to `out`. Returns the number of bytes read (0: no digit), or npos when the
// separators are misplaced.
size_t ReadGroupedDigits(std::string_view t, std::string& out) {
  size_t i = 0;
  size_t group = 0;  // digits since the last separator
  bool grouped = false;
  while (i < t.size()) {
    if (IsDigit(t[i])) {
      out += t[i];
      ++group;
    } else if (t[i] == ',') {
      if (group == 0 || (grouped && group != 3) || (!grouped && group > 3)) {
        return std::string_view::npos;
      }
      grouped = true;
      group = 0;
    } else {
      break;
    }
    ++i;
  }
  if (grouped && group != 3) return std::string_view::npos;
  return i;
}

// A plain number: optional sign, digits (with thousands separators), optional '.' and digits.
// Copies it without separators (and without '+') to `out`. `why` says what is wrong.
bool ReadPlainNumber(std::string_view t, std::string& out, std::string_view& why) {
  out.clear();
  size_t i = 0;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) {
    if (t[i] == '-') out += '-';
    ++i;
  }
  const size_t n = ReadGroupedDigits(t.substr(i), out);
  if (n == std::string_view::npos) {
    why = "its thousands separators are misplaced (write 1,234,567 or 1234567)";
    return false;
  }
  i += n;
  size_t fraction = 0;
  if (i < t.size() && t[i] == '.') {
    out += '.';
    ++i;
    while (i < t.size() && IsDigit(t[i])) {
      out += t[i++];
      ++fraction;
    }
  }
  if (i != t.size() || (n == 0 && fraction == 0)) {
    why = "";
    return false;
  }
  if (fraction == 0 && out.back() == '.') out.pop_back();
  if (out.size() > 40) {
    why = "it has too many digits";
    return false;
  }
  return true;
}

bool Fail(CellProblem& p, std::string_view rule, std::string message) {
  p.rule = rule;
  p.message = std::move(message);
  return false;
}

// ---- ID numbers and household ids

// The whole GB 11643 check without building anything: what ParseIdNumber accepts.
bool FastIdNumber(std::string_view t, CivilDate today) {
  if (t.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(t[i])) return false;
  }
  const char last = t[17] == 'x' ? 'X' : t[17];
  if (!IsDigit(last) && last != 'X') return false;
  const int y = (t[6] - '0') * 1000 + (t[7] - '0') * 100 + (t[8] - '0') * 10 + (t[9] - '0');
  const int m = (t[10] - '0') * 10 + (t[11] - '0');
  const int d = (t[12] - '0') * 10 + (t[13] - '0');
  if (y < 1880 || !CivilDate::IsValid(y, m, d) || today < CivilDate::FromYmd(y, m, d)) {
    return false;
  }
  return IdCheckCharacter(t) == last;
}

bool IdNumberCell(const XlsxCell& cell, std::string_view t, const CellContext& cx, MappedValue& v,
                  CellProblem& p) {
  if (cell.kind == XlsxCellKind::kNumber || LooksLikeLostNumber(t)) {
    return Fail(p, "id_number.number_cell",
                "Excel stored this ID number as a number and so kept only its first 15 digits; "
                "format the column as text (or type ' before each number), enter the numbers "
                "again and upload the file again");
  }
  t = FoldFullWidth(t, *cx.scratch);
  if (FastIdNumber(t, cx.upload_date)) {
    v.text.assign(t);
    if (v.text[17] == 'x') v.text[17] = 'X';
    v.number = static_cast<int64_t>(PackIdNumber(v.text));
    return true;
  }
  IdNumberError error = IdNumberError::kNone;
  Result<IdNumber> id = ParseIdNumber(t, cx.upload_date, &error);
  if (id.ok()) {
    v.text = id->text();
    v.number = static_cast<int64_t>(id->Packed());
    return true;
  }
  std::string message = id.status().message();
  switch (error) {
    case IdNumberError::kLength:
      message += "; write all 18 characters of the resident ID card";
      break;
    case IdNumberError::kCharacter:
      message += "; write 17 digits and the check character (0-9 or X), without spaces";
      break;
    case IdNumberError::kBirthDate:
      message += "; check the number against the person's ID card";
      break;
    case IdNumberError::kCheckCharacter:
      if (t.size() == 18 && t.ends_with("000")) {
        message +=
            " (if the column went through Excel as numbers, its last digits were lost: format "
            "it as text)";
      }
      message += "; check the number against the person's ID card";
      break;
    case IdNumberError::kNone:
      break;
  }
  return Fail(p, IdNumberRule(error), std::move(message));
}

bool HouseholdIdCell(const XlsxCell& cell, std::string_view t, MappedValue& v, CellProblem& p) {
  bool lost = LooksLikeLostNumber(t);
  if (cell.kind == XlsxCellKind::kNumber) {
    lost = t.size() > 15 || t.find_first_not_of("0123456789") != std::string_view::npos;
  }
  if (lost) {
    return Fail(p, "household_id.number_cell",
                "Excel stored this household id as a number and so kept only 15 digits; format "
                "the column as text, enter the ids again and upload the file again");
  }
  if (t.size() > registry::kMaxHouseholdIdLength) {
    return Fail(p, "household_id.too_long",
                "the household id has " + std::to_string(t.size()) +
                    " bytes, but a household id has at most " +
                    std::to_string(registry::kMaxHouseholdIdLength) +
                    " (a Chinese character takes 3); write the id the registry gives the "
                    "household");
  }
  v.text.assign(t);
  return true;
}

bool TextCell(std::string_view t, MappedValue& v, CellProblem& p) {
  if (t.size() > kMaxTextCharacters) {
    const size_t characters = CountCodePoints(t);
    if (characters > kMaxTextCharacters) {
      return Fail(p, "text.too_long",
                  "the text has " + std::to_string(characters) +
                      " characters, more than the 1,000 a cell of this column may hold; shorten "
                      "it");
    }
  }
  v.text.assign(t);
  return true;
}

// ---- money

void SetMoney(int64_t fen, MappedValue& v) {
  v.number = fen;
  v.decimal = static_cast<double>(fen) / 100;
  v.text.clear();
  AppendPadded(v.text, fen / 100, 1);
  v.text += '.';
  AppendPadded(v.text, fen % 100, 2);
}

bool MoneyFormat(CellProblem& p, std::string_view value, std::string_view why) {
  std::string message = Quoted(value) + " is not an amount of money";
  if (!why.empty()) message.append(": ").append(why);
  message +=
      "; write yuan with at most two decimals, like 1234.56 (1,234.56, 1234.56元 and ¥1234.56 "
      "are read too)";
  return Fail(p, "money.format", std::move(message));
}

bool MoneyNegative(CellProblem& p, std::string_view value) {
  return Fail(p, "money.negative",
              Quoted(value) +
                  " is negative, but amounts here are 0 or more; check the sign (a refund or a "
                  "correction must come as the corrected amount)");
}

bool MoneyCell(const XlsxCell& cell, std::string_view t, const CellContext& cx, MappedValue& v,
               CellProblem& p) {
  if (cell.kind == XlsxCellKind::kNumber) {
    double x = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), x);
    if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(x)) {
      return MoneyFormat(p, cell.text, "");
    }
    if (x < 0) return MoneyNegative(p, cell.text);
    const double f = x * 100;
    if (f > static_cast<double>(kMaxMoneyFen)) {
      return MoneyFormat(p, cell.text, "it is larger than 10,000,000,000,000 yuan");
    }
    const double rounded = std::nearbyint(f);
    // A formula's result carries binary noise (0.1 + 0.2 = 0.30000000000000004): within it, the
    // amount has two decimals.
    if (std::fabs(f - rounded) > 1e-6 + f * 1e-15) {
      return MoneyFormat(p, cell.text,
                         "the cell holds more than two decimals (the sheet may show it rounded); "
                         "round it with =ROUND(…,2) or type the amount");
    }
    SetMoney(static_cast<int64_t>(rounded), v);
    return true;
  }
  if (cell.kind == XlsxCellKind::kDate || cell.kind == XlsxCellKind::kBoolean) {
    return MoneyFormat(p, cell.text,
                       cell.kind == XlsxCellKind::kDate ? "the cell is formatted as a date"
                                                        : "the cell is a TRUE/FALSE value");
  }
  std::string_view s = FoldFullWidth(t, *cx.scratch);
  for (std::string_view sign : kYenSigns) {
    if (s.starts_with(sign)) s = TrimCell(s.substr(sign.size()));
  }
  if (s.ends_with(kYuan)) s = TrimCell(s.substr(0, s.size() - kYuan.size()));
  const bool negative = s.starts_with('-');
  if (negative) s.remove_prefix(1);
  char buffer[48];
  size_t size = 0;
  {
    std::string digits;  // only on the unusual path of separators
    std::string_view plain = s;
    if (s.find(',') != std::string_view::npos) {
      const size_t n = ReadGroupedDigits(s, digits);
      if (n == std::string_view::npos || n == 0) {
        return MoneyFormat(p, cell.text,
                           "its thousands separators are misplaced (write 1,234,567.50 or "
                           "1234567.50)");
      }
      digits.append(s.substr(n));
      plain = digits;
    }
    if (plain.size() >= sizeof buffer) {
      return MoneyFormat(p, cell.text, "it has too many digits");
    }
    size = plain.copy(buffer, plain.size());
  }
  const std::string_view plain(buffer, size);
  int64_t fen = 0;
  if (!FastMoney(plain, Sign::kNonNegative, fen)) {
    Result<Money> m = ParseMoney(plain, Sign::kNonNegative);
    if (!m.ok()) {
      const size_t dot = plain.find('.');
      const bool digits_only = !plain.empty() &&
                               plain.find_first_not_of("0123456789.") == std::string_view::npos &&
                               dot == plain.rfind('.');
      if (digits_only && dot != std::string_view::npos && plain.size() - dot > 3) {
        return MoneyFormat(p, cell.text,
                           "it has more than two decimals (amounts are yuan and fen); round it "
                           "to two");
      }
      if (digits_only && dot != 0 && dot + 1 != plain.size()) {
        return MoneyFormat(p, cell.text, "it is larger than 10,000,000,000,000 yuan");
      }
      return MoneyFormat(p, cell.text, "");
    }
    fen = m->fen();
  }
  if (negative && fen != 0) return MoneyNegative(p, cell.text);
  SetMoney(fen, v);
  return true;
}

// ---- dates

bool DateFormat(CellProblem& p, std::string_view value, std::string_view why = "") {
  std::string message = Quoted(value) + " is not a date";
  if (!why.empty()) message.append(" (").append(why).append(")");
  message.append("; ").append(kDateForms);
  return Fail(p, "date.format", std::move(message));
}

bool DateCell(const XlsxCell& cell, std::string_view t, const CellContext& cx, MappedValue& v,
              CellProblem& p) {
  int y = 0, m = 0, d = 0;
  DateText result = DateText::kFormat;
  if (cell.kind == XlsxCellKind::kNumber) {
    double x = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), x);
    if (ec != std::errc() || end != t.data() + t.size()) return DateFormat(p, cell.text);
    if (x >= 10000101 && x <= 99991231 && x == std::floor(x)) {  // 20260301 typed as a number
      const auto n = static_cast<int64_t>(x);
      y = static_cast<int>(n / 10000);
      m = static_cast<int>(n / 100 % 100);
      d = static_cast<int>(n % 100);
      result = CivilDate::IsValid(y, m, d) ? DateText::kOk : DateText::kImpossible;
    } else if (std::optional<std::string> iso = SerialToIso(x, cx.date1904);
               iso && x >= (cx.date1904 ? 0 : 1)) {
      result = ParseDateText(*iso, y, m, d);
    } else {
      return DateFormat(p, cell.text, "a number that is neither an Excel date serial nor YYYYMMDD");
    }
  } else if (cell.kind == XlsxCellKind::kBoolean) {
    return DateFormat(p, cell.text, "the cell is a TRUE/FALSE value");
  } else {
    result = ParseDateText(FoldFullWidth(t, *cx.scratch), y, m, d);
  }
  if (result == DateText::kImpossible) {
    return Fail(p, "date.format",
                Quoted(cell.text) +
                    " names no real day of the calendar; correct the day or the "
                    "month");
  }
  if (result != DateText::kOk) return DateFormat(p, cell.text);
  const CivilDate date = CivilDate::FromYmd(y, m, d);
  if (cx.upload_date < date) {
    std::string message;
    AppendDate(message, date);
    message += " is after the day of the upload (";
    AppendDate(message, cx.upload_date);
    message +=
        "): a date that has not come yet cannot be right; check the year, the month and the day";
    return Fail(p, "date.future", std::move(message));
  }
  v.text.clear();
  AppendDate(v.text, date);
  v.number = date.ToDays();
  return true;
}

// ---- numbers and yes/no

bool IntegerFormat(CellProblem& p, std::string_view value, std::string_view why) {
  std::string message = Quoted(value) + " is not a whole number";
  if (!why.empty()) message.append(": ").append(why);
  message += "; write digits only, like 12 or -3 (1,234 is read too)";
  return Fail(p, "integer.format", std::move(message));
}

bool IntegerCell(const XlsxCell& cell, std::string_view t, const CellContext& cx, MappedValue& v,
                 CellProblem& p) {
  if (cell.kind == XlsxCellKind::kDate || cell.kind == XlsxCellKind::kBoolean) {
    return IntegerFormat(p, cell.text, "the cell is not a number");
  }
  std::string_view folded = FoldFullWidth(t, *cx.scratch);
  std::string plain;
  std::string_view why;
  if (!ReadPlainNumber(folded, plain, why)) return IntegerFormat(p, cell.text, why);
  if (const size_t dot = plain.find('.'); dot != std::string::npos) {
    if (plain.find_first_not_of('0', dot + 1) != std::string::npos) {
      return IntegerFormat(p, cell.text, "it has decimals");
    }
    plain.resize(dot);
  }
  int64_t n = 0;
  auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), n);
  if (ec != std::errc() || end != plain.data() + plain.size()) {
    return IntegerFormat(p, cell.text,
                         ec == std::errc::result_out_of_range ? "it is too large" : "");
  }
  v.number = n;
  v.decimal = static_cast<double>(n);
  char digits[24];
  auto r = std::to_chars(digits, digits + sizeof digits, n);
  v.text.assign(digits, r.ptr);
  return true;
}

bool DecimalCell(const XlsxCell& cell, std::string_view t, const CellContext& cx, MappedValue& v,
                 CellProblem& p) {
  auto format = [&](std::string_view why) {
    std::string message = Quoted(cell.text) + " is not a number";
    if (!why.empty()) message.append(": ").append(why);
    message += "; write digits with a decimal point, like 85.5 (1,234.5 is read too)";
    return Fail(p, "decimal.format", std::move(message));
  };
  if (cell.kind == XlsxCellKind::kDate || cell.kind == XlsxCellKind::kBoolean) {
    return format("the cell is not a number");
  }
  std::string plain;
  std::string_view why;
  if (cell.kind == XlsxCellKind::kNumber) {
    plain.assign(t);
  } else if (!ReadPlainNumber(FoldFullWidth(t, *cx.scratch), plain, why)) {
    return format(why);
  }
  std::optional<std::string> canonical = CanonicalNumber(plain);
  std::optional<double> x = ParseNumber(plain);
  if (!canonical || !x || !std::isfinite(*x)) return format("");
  v.text = std::move(*canonical);
  v.decimal = *x;
  return true;
}

bool EqualsAsciiLower(std::string_view t, std::string_view lower) {
  if (t.size() != lower.size()) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i] >= 'A' && t[i] <= 'Z' ? static_cast<char>(t[i] + 32) : t[i];
    if (c != lower[i]) return false;
  }
  return true;
}

bool BoolCell(std::string_view t, const CellContext& cx, MappedValue& v, CellProblem& p) {
  const std::string_view s = FoldFullWidth(t, *cx.scratch);
  static constexpr std::string_view kTrue[] = {"1", "是", "true", "y", "yes"};
  static constexpr std::string_view kFalse[] = {"0", "否", "false", "n", "no"};
  for (std::string_view yes : kTrue) {
    if (EqualsAsciiLower(s, yes)) {
      v.text = "true";
      v.number = 1;
      return true;
    }
  }
  for (std::string_view no : kFalse) {
    if (EqualsAsciiLower(s, no)) {
      v.text = "false";
      v.number = 0;
      return true;
    }
  }
  return Fail(p, "bool.format",
              Quoted(t) +
                  " is not a yes/no value; write 是 or 否 (1/0, Y/N, yes/no and true/false are "
                  "read too)");
}

}  // namespace

bool ParseCell(ColumnType type, const XlsxCell& cell, std::string_view trimmed,
               const CellContext& context, MappedValue& value, CellProblem& problem) {
  switch (type) {
    case ColumnType::kIdNumber:
      return IdNumberCell(cell, trimmed, context, value, problem);
    case ColumnType::kHouseholdId:
      return HouseholdIdCell(cell, trimmed, value, problem);
    case ColumnType::kText:
      return TextCell(trimmed, value, problem);
    case ColumnType::kMoney:
      return MoneyCell(cell, trimmed, context, value, problem);
    case ColumnType::kDate:
      return DateCell(cell, trimmed, context, value, problem);
    case ColumnType::kInteger:
      return IntegerCell(cell, trimmed, context, value, problem);
    case ColumnType::kDecimal:
      return DecimalCell(cell, trimmed, context, value, problem);
    case ColumnType::kBool:
      if (cell.kind == XlsxCellKind::kBoolean) {
        value.text = cell.text == "TRUE" ? "true" : "false";
        value.number = cell.text == "TRUE" ? 1 : 0;
        return true;
      }
      return BoolCell(trimmed, context, value, problem);
    case ColumnType::kEnum:
      break;
  }
  return Fail(problem, "cell.error", "internal: no parser for this column type");
}

}  // namespace xianjie::ingest::internal
