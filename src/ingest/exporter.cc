// Registry → exchange-format CSV.
#include "ingest/exporter.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "base/id_number.h"
#include "ingest/csv_reader.h"
#include "registry/exchange_columns.h"
#include "registry/history.h"

namespace xianjie::ingest {
namespace {

void AppendFields(const std::vector<std::pair<std::string, std::string>>& fields, size_t skip,
                  std::string& out) {
  for (size_t i = skip; i < fields.size(); ++i) {
    out += ',';
    AppendCsvField(out, fields[i].second);
  }
}

}  // namespace

void AppendHouseholdCsv(const registry::Household& h, std::string& out) {
  auto fields = registry::HouseholdFields(h);
  AppendCsvField(out, fields[0].second);
  AppendFields(fields, 1, out);
  out += '\n';
}

void AppendMemberCsv(const registry::Member& m, const std::string& household_id, bool mask_id,
                     std::string& out) {
  // The fields are every column but household_id, which is written second.
  static_assert(registry::Index(registry::MemberColumn::kIdNumber) == 0 &&
                registry::Index(registry::MemberColumn::kHouseholdId) == 1);
  auto fields = registry::MemberFields(m);
  out += mask_id ? MaskIdNumber(m.id_number) : m.id_number;
  out += ',';
  AppendCsvField(out, household_id);
  AppendFields(fields, 1, out);
  out += '\n';
}

Result<ExportCounts> ExportExchange(registry::Store& store, const ExportOptions& options,
                                    std::ostream& households_csv, std::ostream& members_csv) {
  ExportCounts counts;
  households_csv << registry::kHouseholdHeader << '\n';
  members_csv << registry::kMemberHeader << '\n';
  std::string hbuf, mbuf;
  XJ_RETURN_IF_ERROR(store.ScanCurrent([&](const registry::HouseholdVersion& v) -> Status {
    const registry::HouseholdRecord& r = v.record;
    if (options.scope.valid() && !r.household.village_code.IsWithin(options.scope)) {
      return Status::Ok();
    }
    AppendHouseholdCsv(r.household, hbuf);
    for (const auto& m : r.members)
      AppendMemberCsv(m, r.household.household_id, options.mask_ids, mbuf);
    ++counts.households;
    counts.members += static_cast<int64_t>(r.members.size());
    if (mbuf.size() > (1 << 20)) {
      households_csv << hbuf;
      members_csv << mbuf;
      hbuf.clear();
      mbuf.clear();
    }
    return Status::Ok();
  }));
  households_csv << hbuf;
  members_csv << mbuf;
  return counts;
}

Result<ExportCounts> ExportExchangeToDirectory(registry::Store& store, const ExportOptions& options,
                                               const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory '" + dir + "': " + ec.message());
  std::string hpath = dir + "/households.csv", mpath = dir + "/members.csv";
  std::ofstream h(hpath, std::ios::binary | std::ios::trunc);
  std::ofstream m(mpath, std::ios::binary | std::ios::trunc);
  if (!h || !m) return IoError("cannot write in '" + dir + "': " + std::strerror(errno));
  XJ_ASSIGN_OR_RETURN(ExportCounts counts, ExportExchange(store, options, h, m));
  h.flush();
  m.flush();
  if (!h || !m)
    return IoError("writing the export in '" + dir + "' failed: " + std::strerror(errno));
  return counts;
}

}  // namespace xianjie::ingest
