// Imports through the service: a background job end to end, with a quarantined row, the
// workspace refreshed after it, and the quarantine download audited.
#include "service/imports.h"

#include <gtest/gtest.h>

#include "ingest/exporter.h"
#include "registry/exchange_columns.h"
#include "service/service_test_support.h"
#include "store/open.h"

namespace xianjie::service {
namespace {

using access::Role;
using testing::Officer;

struct Files {
  std::string households;
  std::string members;
};

// The world's records as exchange files, plus one member row with a broken ID number.
Files ExchangeFiles(const std::vector<registry::HouseholdRecord>& records) {
  Files f;
  f.households = std::string(registry::kHouseholdHeader) + "\n";
  f.members = std::string(registry::kMemberHeader) + "\n";
  for (const auto& r : records) {
    ingest::AppendHouseholdCsv(r.household, f.households);
    for (const auto& m : r.members) {
      ingest::AppendMemberCsv(m, r.household.household_id, /*mask_id=*/false, f.members);
    }
  }
  registry::Member broken = records.front().members.front();
  broken.id_number = "630102199001011234";  // wrong check character
  broken.relation = registry::Relation::kOther;
  ingest::AppendMemberCsv(broken, records.front().household.household_id, false, f.members);
  return f;
}

std::unique_ptr<store::Database> EmptyDatabase() {
  auto db = store::OpenStore(":memory:", store::OpenMode::kCreate);
  EXPECT_TRUE(db.ok());
  const auto regions = registry::RegionTable::BuiltIn().all();
  EXPECT_TRUE(
      (*db)->ReplaceRegions(std::vector<registry::Region>(regions.begin(), regions.end())).ok());
  return std::move(*db);
}

TEST(ImportJob, ImportsInTheBackgroundAndQuarantinesTheBadRow) {
  const testing::World source = testing::MakeWorld();
  const Files files = ExchangeFiles(source.records);
  auto db = EmptyDatabase();
  Workspace ws(*db);
  ASSERT_TRUE(ws.Refresh().ok());
  const access::Principal officer = Officer(Role::kProvince, "63", "clerk");
  auto job = StartImport(ws, officer, ImportUpload{files.households, files.members});
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  auto done = ws.import_jobs().Wait(*job);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->state, "done") << done->error;
  EXPECT_GT(done->batch_id, 0);
  EXPECT_EQ(ws.stats().households, static_cast<int64_t>(source.records.size()));

  auto rows = QuarantinedRows(ws, officer, done->batch_id);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].file, "members.csv");
  int64_t audited = 0;
  ASSERT_TRUE(db->ForEach([&](const access::AuditEntry& e) {
                  audited += e.action == "quarantine.download" ? 1 : 0;
                  return Status::Ok();
                }).ok());
  EXPECT_EQ(audited, 1);
  auto csv = QuarantineCsv(ws, officer, done->batch_id);
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(csv->find("630102199001011234"), std::string::npos);
}

TEST(ImportJob, RowsOutsideTheScopeAreQuarantined) {
  const testing::World source = testing::MakeWorld();
  const Files files = ExchangeFiles(source.records);
  auto db = EmptyDatabase();
  Workspace ws(*db);
  ASSERT_TRUE(ws.Refresh().ok());
  auto job = StartImport(ws, Officer(Role::kCounty, "630121", "county"),
                         ImportUpload{files.households, files.members});
  ASSERT_TRUE(job.ok());
  auto done = ws.import_jobs().Wait(*job);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->state, "done") << done->error;
  EXPECT_EQ(ws.stats().households, 2);  // C01, C02 only
}

TEST(ImportJob, VillageOfficerMayNotImport) {
  auto db = EmptyDatabase();
  Workspace ws(*db);
  auto job = StartImport(ws, Officer(Role::kVillage, testing::kVillageA), ImportUpload{"x", "y"});
  EXPECT_EQ(job.status().code(), StatusCode::kPermissionDenied);
}

TEST(ImportJob, UnknownBatchQuarantineIsNotFound) {
  auto db = EmptyDatabase();
  Workspace ws(*db);
  auto rows = QuarantinedRows(ws, Officer(Role::kProvince, "63"), 42);
  EXPECT_EQ(rows.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace xianjie::service
