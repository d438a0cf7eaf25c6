// Fuzzes the reading of department files: SourceTable (auto encoding) over any bytes, then every
// row mapped by the medical_insurance contract. Nothing may crash; a file is either opened or
// refused with one line of kInvalidArgument; a mid-stream failure repeats; each mapped row keeps
// source_rows.h's contract: ok exactly when there is no issue, every rule one of
// SourceRowRules(), values present only for columns of the file and in their normalized forms
// (ID numbers valid, money as yuan with two decimals matching its fen, dates not after the upload
// date, enum values of the contract), the key and period of an accepted row set, and ValuesJson
// a JSON object of the present values.
//
// The first input byte picks what the rest is: the file's bytes (0); CSV rows after the
// contract's header line (1); or rows of an XLSX sheet zipped here (2), with cells separated by
// tabs and lines by '\n', a cell starting with "#n", "#d", "#b" or "#e" written as a number, a
// date-formatted number, a boolean or an error value, any other as an inline string.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/id_number.h"
#include "base/money.h"
#include "ingest/internal/utf8.h"
#include "ingest/source_rows.h"
#include "ingest/source_table.h"
#include "ingest/xlsx_fixture.h"

namespace {

using xianjie::CivilDate;
using xianjie::StatusCode;
using xianjie::ingest::ColumnType;
using xianjie::ingest::MappedRow;
using xianjie::ingest::SourceContract;
using xianjie::ingest::SourceRow;
using xianjie::ingest::SourceRowMapper;
using xianjie::ingest::SourceTable;

const CivilDate kUpload = CivilDate::FromYmd(2026, 4, 15);

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckFileError(const xianjie::Status& status) {
  Check(status.code() == StatusCode::kInvalidArgument ||
        status.code() == StatusCode::kFailedPrecondition);
  Check(!status.message().empty());
  Check(status.message().find('\n') == std::string::npos);
}

bool IsRule(std::string_view rule) {
  for (std::string_view r : xianjie::ingest::SourceRowRules()) {
    if (r == rule) return true;
  }
  return false;
}

void CheckValue(const xianjie::ingest::ContractColumn& column,
                const xianjie::ingest::MappedValue& v) {
  switch (column.type) {
    case ColumnType::kIdNumber: {
      auto id = xianjie::ParseIdNumber(v.text, kUpload);
      Check(id.ok() && id->text() == v.text);
      Check(static_cast<uint64_t>(v.number) == id->Packed());
      break;
    }
    case ColumnType::kMoney: {
      auto money = xianjie::ParseMoney(v.text);
      Check(money.ok() && money->fen() == v.number && v.number >= 0);
      Check(v.text.size() >= 4 && v.text[v.text.size() - 3] == '.');
      break;
    }
    case ColumnType::kDate: {
      auto date = xianjie::ParseDate(v.text);
      Check(date.ok() && date->ToDays() == v.number && !(kUpload < *date));
      break;
    }
    case ColumnType::kEnum: {
      bool known = false;
      for (const auto& e : column.values) known = known || e.value == v.text;
      Check(known);
      break;
    }
    case ColumnType::kText:
      Check(!v.text.empty() && xianjie::ingest::internal::CountCodePoints(v.text) <= 1000);
      break;
    default:
      break;
  }
}

void CheckRow(const SourceRowMapper& mapper, const SourceRow& source, const MappedRow& row) {
  const SourceContract& contract = mapper.contract();
  Check(row.number == source.number && row.raw == source.raw);
  Check(row.ok == row.issues.empty());
  Check(row.values.size() == contract.columns.size());
  for (const auto& issue : row.issues) {
    Check(IsRule(issue.rule));
    Check(!issue.message.empty());
    Check(issue.value.size() <= 256 + 3);
  }
  for (size_t i = 0; i < row.values.size(); ++i) {
    if (!row.values[i].present) continue;
    Check(!mapper.HeaderOf(i).empty());
    CheckValue(contract.columns[i], row.values[i]);
  }
  if (row.ok) {
    Check(row.key == row.values[0].text && row.key.size() == 18);
    Check(row.period.size() == 7 && row.event_date.size() == 10);
  }
  const std::string json = mapper.ValuesJson(row);
  Check(xianjie::ingest::internal::IsValidUtf8(json));
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  Check(!parsed.is_discarded() && parsed.is_object());
  size_t present = 0;
  for (size_t i = 0; i < row.values.size(); ++i) {
    if (!row.values[i].present) continue;
    ++present;
    const nlohmann::json& value = parsed[contract.columns[i].name];
    if (contract.columns[i].type == ColumnType::kMoney) {
      Check(value.is_number());
      Check(static_cast<int64_t>(value.get<double>() * 100 + 0.5) == row.values[i].number);
    } else {
      Check(value.is_string() && value.get<std::string>() == row.values[i].text);
    }
  }
  Check(parsed.size() == present);
}

std::string XmlEscaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

// A workbook of the contract's header row and `text`'s rows (see the top of the file).
std::string Workbook(const SourceContract& contract, std::string_view text) {
  std::string data = "<row r=\"1\">";
  for (const auto& c : contract.columns) {
    data += "<c t=\"inlineStr\"><is><t>" + c.header + "</t></is></c>";
  }
  data += "</row>";
  int r = 2;
  size_t start = 0;
  while (start <= text.size() && r < 1000) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    data += "<row r=\"" + std::to_string(r++) + "\">";
    size_t cell_start = 0;
    while (cell_start <= line.size()) {
      size_t cell_end = line.find('\t', cell_start);
      if (cell_end == std::string_view::npos) cell_end = line.size();
      const std::string_view cell = line.substr(cell_start, cell_end - cell_start);
      const std::string value = XmlEscaped(cell.size() >= 2 ? cell.substr(2) : cell);
      if (cell.starts_with("#n")) {
        data += "<c><v>" + value + "</v></c>";
      } else if (cell.starts_with("#d")) {
        data += "<c s=\"1\"><v>" + value + "</v></c>";
      } else if (cell.starts_with("#b")) {
        data += "<c t=\"b\"><v>" + value + "</v></c>";
      } else if (cell.starts_with("#e")) {
        data += "<c t=\"e\"><v>" + value + "</v></c>";
      } else {
        data += "<c t=\"inlineStr\"><is><t>" + XmlEscaped(cell) + "</t></is></c>";
      }
      cell_start = cell_end + 1;
    }
    data += "</row>";
    start = end + 1;
  }
  xianjie::ingest::testing::BookSpec spec({{"Sheet1", data}});
  spec.cell_xfs = "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>";
  return xianjie::ingest::testing::Book(spec);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const SourceContract& contract =
      *xianjie::ingest::FindBuiltinContract("medical_insurance");
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string bytes;
  switch (data[0] % 3) {
    case 0:
      bytes.assign(rest);
      break;
    case 1:
      for (size_t i = 0; i < contract.columns.size(); ++i) {
        bytes += (i > 0 ? "," : "") + contract.columns[i].header;
      }
      bytes += "\n";
      bytes.append(rest);
      break;
    default:
      bytes = Workbook(contract, rest);
  }

  auto table = SourceTable::Open(bytes, {});
  if (!table.ok()) {
    CheckFileError(table.status());
    return 0;
  }
  Check((*table)->format() == "csv" || (*table)->format() == "xlsx");
  Check(!(*table)->headers().empty());
  auto mapper = SourceRowMapper::Create(contract, (*table)->headers());
  if (!mapper.ok()) {
    Check(mapper.status().code() == StatusCode::kInvalidArgument);
    return 0;
  }
  SourceRow row;
  MappedRow out;
  while (true) {
    auto more = (*table)->Next(row);
    if (!more.ok()) {
      CheckFileError(more.status());
      auto again = (*table)->Next(row);
      Check(!again.ok() && again.status() == more.status());
      break;
    }
    if (!*more) break;
    mapper->Map(row, kUpload, out);
    CheckRow(*mapper, row, out);
  }
  return 0;
}
