// Builders of uploads, department rows, warnings and findings for the store tests
// (exchange_store_contract_test.cc, sqlite_exchange_test.cc, exchange_store_bench.cc): valid
// records whose every field is set, with quotes, backslashes and Chinese where a field is text,
// so that a column mixed up or mangled shows.
#ifndef XIANJIE_TESTS_STORE_EXCHANGE_BUILDERS_H_
#define XIANJIE_TESTS_STORE_EXCHANGE_BUILDERS_H_

#include <cstdint>
#include <string>

#include "access/audit.h"
#include "exchange/exchange_store.h"
#include "registry/store.h"

namespace xianjie::store::testing {

// A file as a department sends it: bytes that differ with `seed`, a NUL among them.
inline std::string DepartmentFile(int seed) {
  return "身份证号,个人自付金额（元）\n" + std::string(1, '\0') + "630102" + std::to_string(seed) +
         ",\"1,234.50\"\n";
}

// An upload of `content` for `source` as the pipeline begins it (no id, batch or counts).
inline exchange::UploadRecord MakeUpload(const std::string& source, const std::string& content,
                                         const std::string& region_code = "630102") {
  exchange::UploadRecord u;
  u.source = source;
  u.file_name = "医保 \"三月\"\\结算.csv";
  u.sha256 = access::Sha256Hex(content);
  u.bytes = static_cast<int64_t>(content.size());
  u.format = "csv";
  u.encoding = "gb18030";
  u.sheet = "";
  u.user = "wang.wu";
  u.uploaded_at = "2026-11-30T03:04:05Z";
  u.region_code = region_code;
  return u;
}

// The batch of an upload: the department is its source.
inline registry::BatchInfo UploadBatch(const std::string& source) {
  registry::BatchInfo b;
  b.source = source;
  b.user = "wang.wu";
  b.households_file = "医保结算.csv";
  b.started_at = "2026-11-30T03:04:05Z";
  b.as_of = CivilDate::FromYmd(2026, 11, 30);
  return b;
}

// The final record of `begun` with counts that add up.
inline exchange::UploadRecord Final(const exchange::UploadRecord& begun, int64_t accepted,
                                    int64_t quarantined, int64_t unmatched) {
  exchange::UploadRecord f = begun;
  f.accepted = accepted;
  f.quarantined = quarantined;
  f.unmatched = unmatched;
  f.read = accepted + quarantined + unmatched;
  f.warnings = 1;
  f.updated_households = 2;
  f.report_json = R"({"read":)" + std::to_string(f.read) + R"(,"note":"含\"引号\""})";
  return f;
}

// Row `row` of `source`, matched to `household` (unmatched when it is "").
inline exchange::DeptRow MakeRow(int64_t row, const std::string& source,
                                 const std::string& household, const std::string& period,
                                 const std::string& village = "630102001001") {
  exchange::DeptRow r;
  r.row = row;
  r.source = source;
  r.key = "63010219800101" + std::to_string(1000 + row);
  r.id_number = r.key;
  r.household_id = household;
  r.village_code = household.empty() ? "" : village;
  r.period = period;
  r.event_date = period.size() == 7 ? period + "-15" : "";
  r.values_json =
      R"({"out_of_pocket":)" + std::to_string(row * 100) + R"(,"医院":"县\"人民\"医院"})";
  return r;
}

inline exchange::DeptWarning MakeWarning(const std::string& source, const std::string& person,
                                         const std::string& period, int64_t row = 2) {
  exchange::DeptWarning w;
  w.source = source;
  w.person_key = person;
  w.household_id = "H1";
  w.village_code = "630102001001";
  w.period = period;
  w.row = row;
  w.warning_index = 1;
  w.object_type = "sudden_hardship";
  w.risks = {"R01", "R07"};
  w.message = "自付医疗费用超过 \"50%\"\\";
  w.raised_at = "2026-11-30T03:04:06Z";
  return w;
}

inline exchange::Finding MakeFinding(const std::string& check, const std::string& household,
                                     const std::string& evidence,
                                     const std::string& village = "630102001001",
                                     const std::string& opened_at = "2026-11-30T04:00:00Z") {
  exchange::Finding f;
  f.check = check;
  f.household_id = household;
  f.village_code = village;
  f.evidence_key = evidence;
  f.detail = "已故人员 \"张三\"\\仍在享受";
  f.source = "public_security";
  f.upload_id = 3;
  f.row = 40;
  f.opened_at = opened_at;
  return f;
}

}  // namespace xianjie::store::testing

#endif  // XIANJIE_TESTS_STORE_EXCHANGE_BUILDERS_H_
