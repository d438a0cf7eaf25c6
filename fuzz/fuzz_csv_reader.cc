// Fuzzes the CSV reader and the exchange-format parsers over it. The reader must never crash,
// must cover the data with its records in order, and must report every malformed field; a
// clean record must survive writing with AppendCsvField and reading back. The parsers must
// keep read == accepted + quarantined with both lists in line order.
//
// The first input byte picks what the rest is: raw data for both parsers (0), or rows put
// after a valid households.csv (1) or members.csv (2) header so that row rules are reached.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ingest/csv_reader.h"
#include "ingest/exchange_format.h"
#include "ingest/internal/utf8.h"
#include "registry/region.h"

namespace {

using xianjie::ingest::CsvError;
using xianjie::ingest::CsvReader;
using xianjie::ingest::CsvRecord;

void Check(bool ok) {
  if (!ok) std::abort();
}

bool Within(std::string_view part, std::string_view whole) {
  auto p = reinterpret_cast<uintptr_t>(part.data());
  auto w = reinterpret_cast<uintptr_t>(whole.data());
  return p >= w && p + part.size() <= w + whole.size();
}

void CheckRoundTrip(const CsvRecord& rec) {
  if (rec.fields.size() == 1 && rec.fields[0].empty()) return;  // would be an empty line
  std::string line;
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    if (i > 0) line += ',';
    xianjie::ingest::AppendCsvField(line, rec.fields[i]);
  }
  CsvReader again(line);
  CsvRecord back;
  Check(again.Next(back));
  Check(back.error == CsvError::kNone && back.fields == rec.fields && back.raw == line);
  Check(!again.Next(back));
}

void CheckReader(std::string_view data) {
  CsvReader reader(data);
  CsvRecord rec;
  int64_t last_line = 0;
  const char* last_end = data.data();
  while (reader.Next(rec)) {
    Check(rec.line > last_line);
    Check(!rec.fields.empty() && !rec.raw.empty() && Within(rec.raw, data));
    Check(rec.raw.data() >= last_end);
    last_line = rec.line;
    last_end = rec.raw.data() + rec.raw.size();
    if (rec.error == CsvError::kNone) {
      Check(rec.error_field == -1);
      for (std::string_view f : rec.fields) {
        Check(xianjie::ingest::internal::IsValidUtf8(f));
        Check(f.find('\0') == std::string_view::npos);
      }
      CheckRoundTrip(rec);
    } else {
      Check(rec.error_field >= 0 && static_cast<size_t>(rec.error_field) < rec.fields.size());
      Check(!xianjie::ingest::CsvErrorRule(rec.error).empty());
    }
    if (rec.error == CsvError::kUnterminatedQuote) Check(last_end == data.data() + data.size());
  }
}

template <typename Parsed>
void CheckParsed(const Parsed& parsed) {
  Check(parsed.read == static_cast<int64_t>(parsed.rows.size() + parsed.quarantine.size()));
  for (size_t i = 1; i < parsed.rows.size(); ++i) {
    Check(parsed.rows[i - 1].line < parsed.rows[i].line);
  }
  for (size_t i = 0; i < parsed.quarantine.size(); ++i) {
    const auto& e = parsed.quarantine[i];
    Check(i == 0 || parsed.quarantine[i - 1].line < e.line);
    Check(!e.rule.empty() && !e.record.empty());
    Check(xianjie::ingest::internal::IsValidUtf8(e.message));
  }
}

void CheckParsers(std::string_view data) {
  xianjie::ingest::ParseOptions options;
  options.today = xianjie::CivilDate::FromYmd(2025, 6, 30);
  options.ignored_columns = {"note"};
  auto households = xianjie::ingest::ParseHouseholds(
      data, "households.csv", xianjie::registry::RegionTable::BuiltIn(), options);
  if (households.ok()) CheckParsed(*households);
  else Check(households.status().code() == xianjie::StatusCode::kInvalidArgument);
  auto members = xianjie::ingest::ParseMembers(data, "members.csv", options);
  if (members.ok()) CheckParsed(*members);
  else Check(members.status().code() == xianjie::StatusCode::kInvalidArgument);
}

constexpr std::string_view kHouseholdsHeader =
    "household_id,village_code,status,wage_income,business_income,property_income,"
    "transfer_income,production_costs,prev_net_income,rigid_medical,rigid_education,"
    "rigid_other,housing_safe,water_safe\n";
constexpr std::string_view kMembersHeader =
    "id_number,household_id,name,relation,sex,birth_date,labor,health,school_stage,enrolled,"
    "med_insured,pension_insured,shares_household\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(bytes) + 1, size - 1);
  std::string data;
  switch (bytes[0] % 3) {
    case 0: data = rest; break;
    case 1: data = std::string(kHouseholdsHeader) + std::string(rest); break;
    default: data = std::string(kMembersHeader) + std::string(rest); break;
  }
  CheckReader(data);
  CheckParsers(data);
  return 0;
}
