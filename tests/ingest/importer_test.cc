// The importer end to end over the memory store: household-level rules, registry rules,
// versioning, carry-over of registered facts and members, accounting and atomicity.
#include "ingest/importer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/id_number.h"
#include "demo/generator.h"
#include "store/memory/memory_store.h"
#include "support/temp_files.h"

namespace xianjie::ingest {
namespace {

using ::testing::HasSubstr;

const char* kHHeader =
    "household_id,village_code,status,wage_income,business_income,property_income,"
    "transfer_income,production_costs,prev_net_income,rigid_medical,rigid_education,"
    "rigid_other,housing_safe,water_safe\n";
const char* kMHeader =
    "id_number,household_id,name,relation,sex,birth_date,labor,health,school_stage,enrolled,"
    "med_insured,pension_insured,shares_household\n";

// households.csv row of a household in 北关社区 (630102001001) with the given wage.
std::string H(const std::string& id, int wage = 12000, const char* village = "630102001001") {
  return id + "," + village + ",ordinary," + std::to_string(wage) + ",0,0,0,0,,0,0,0,1,1\n";
}

// members.csv row: person number `n` (a distinct valid ID), in household `hid`.
std::string M(int n, const std::string& hid, const char* relation = "child",
              const char* shares = "1") {
  CivilDate birth = CivilDate::FromYmd(1960 + n % 40, 1 + n % 12, 1 + n % 28);
  std::string id = MakeIdNumber("630102", birth, 2 * n + 1);  // odd: male
  return id + "," + hid + ",成员" + std::to_string(n) + "," + relation + ",M," + birth.ToString() +
         ",ordinary,healthy,none,0,1,1," + shares + "\n";
}

std::string IdOf(int n) {
  return MakeIdNumber("630102", CivilDate::FromYmd(1960 + n % 40, 1 + n % 12, 1 + n % 28),
                      2 * n + 1);
}

class ImporterTest : public ::testing::Test {
 protected:
  ImporterTest() {
    EXPECT_TRUE(store_.ReplaceRegions(registry::RegionTable::BuiltIn().all()).ok());
  }

  // Imports the given file bodies (header added; nullptr = no such file in the batch).
  Result<ImportReport> Import(const char* households, const char* members,
                              registry::Store* store = nullptr) {
    ImportRequest req;
    req.user = "tester";
    req.as_of = CivilDate::FromYmd(2024, 5, 1);
    req.parse.today = CivilDate::FromYmd(2026, 11, 29);
    if (households != nullptr) {
      req.households_path = dir_ / "households.csv";
      xianjie::testing::WriteFile(req.households_path, kHHeader + std::string(households));
    }
    if (members != nullptr) {
      req.members_path = dir_ / "members.csv";
      xianjie::testing::WriteFile(req.members_path, kMHeader + std::string(members));
    }
    auto r = ImportExchangeFiles(store != nullptr ? *store : store_,
                                 registry::RegionTable::BuiltIn(), req);
    if (r.ok()) {  // the accounting identity holds for every import, always
      EXPECT_EQ(r->households.read, r->households.accepted + r->households.quarantined);
      EXPECT_EQ(r->members.read, r->members.accepted + r->members.quarantined);
    }
    return r;
  }

  std::vector<registry::QuarantineEntry> Quarantine(int64_t batch) {
    auto q = store_.Quarantine(batch);
    EXPECT_TRUE(q.ok());
    return q.ok() ? *q : std::vector<registry::QuarantineEntry>{};
  }

  std::vector<registry::HouseholdVersion> History(const std::string& id) {
    auto h = store_.History(id);
    EXPECT_TRUE(h.ok());
    return h.ok() ? *h : std::vector<registry::HouseholdVersion>{};
  }

  xianjie::testing::TempDir dir_;
  store::MemoryStore store_;
};

TEST_F(ImporterTest, FirstImportCreatesOneVersionPerHousehold) {
  std::string h = H("A") + H("B");
  std::string m = M(1, "A", "head") + M(2, "A", "spouse") + M(3, "B", "head");
  auto r = Import(h.c_str(), m.c_str());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->batch_id, 1);
  EXPECT_EQ(r->new_households, 2);
  EXPECT_EQ(r->households.accepted, 2);
  EXPECT_EQ(r->members.accepted, 3);
  auto a = History("A");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].version, 1);
  EXPECT_EQ(a[0].record.members.size(), 2u);
  EXPECT_EQ(a[0].record.members[0].relation, registry::Relation::kHead);
}

TEST_F(ImporterTest, SameFilesAgainChangeNothing) {
  std::string h = H("A"), m = M(1, "A", "head") + M(2, "A");
  ASSERT_TRUE(Import(h.c_str(), m.c_str()).ok());
  std::string reordered = M(2, "A") + M(1, "A", "head");
  auto r = Import(h.c_str(), reordered.c_str());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->unchanged_households, 1);
  EXPECT_EQ(r->new_households + r->changed_households, 0);
  EXPECT_EQ(History("A").size(), 1u);
}

TEST_F(ImporterTest, ChangedFactsMakeANewVersionAndKeepTheOld) {
  std::string m = M(1, "A", "head");
  ASSERT_TRUE(Import(H("A", 12000).c_str(), m.c_str()).ok());
  auto r = Import(H("A", 15000).c_str(), m.c_str());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->changed_households, 1);
  auto versions = History("A");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].record.household.wage_income, Money::FromYuan(12000));
  EXPECT_EQ(versions[1].record.household.wage_income, Money::FromYuan(15000));
  EXPECT_EQ(versions[1].batch_id, 2);
  auto batch = store_.GetBatch(2);
  ASSERT_TRUE(batch.ok() && batch->has_value());
  EXPECT_EQ((*batch)->user, "tester");
  EXPECT_EQ((*batch)->households_file, "households.csv");
  EXPECT_EQ((*batch)->as_of, CivilDate::FromYmd(2024, 5, 1));
}

TEST_F(ImporterTest, HouseholdWithoutHeadIsQuarantinedWithItsMembers) {
  std::string h = H("A") + H("B");
  std::string m = M(1, "A", "spouse") + M(2, "A") + M(3, "B", "head");
  auto r = Import(h.c_str(), m.c_str());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->households.quarantined, 1);
  EXPECT_EQ(r->members.quarantined, 2);
  EXPECT_EQ(r->quarantined_by_rule["household.no_head"], 1);
  EXPECT_EQ(r->quarantined_by_rule["household.quarantined"], 2);
  auto q = Quarantine(r->batch_id);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].file, "households.csv");
  EXPECT_EQ(q[0].line, 2);
  EXPECT_EQ(q[0].rule, "household.no_head");
  EXPECT_EQ(q[0].value, "A");
  EXPECT_THAT(q[1].message, HasSubstr("its household was quarantined"));
  EXPECT_TRUE(History("A").empty());
  EXPECT_EQ(History("B").size(), 1u);
}

TEST_F(ImporterTest, HouseholdWithTwoHeadsNamesBothLines) {
  std::string m = M(1, "A", "head") + M(2, "A", "户主");
  auto r = Import(H("A").c_str(), m.c_str());
  ASSERT_TRUE(r.ok());
  auto q = Quarantine(r->batch_id);
  ASSERT_FALSE(q.empty());
  EXPECT_EQ(q[0].rule, "household.two_heads");
  EXPECT_THAT(q[0].message, HasSubstr("lines 2, 3"));
  EXPECT_EQ(r->members.quarantined, 2);
}

TEST_F(ImporterTest, HouseholdWhoseMembersAreAllRejectedIsQuarantined) {
  std::string bad = M(1, "A", "head");
  bad[17] = bad[17] == '1' ? '2' : '1';  // wrong check character
  auto r = Import(H("A").c_str(), bad.c_str());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->quarantined_by_rule["id_number.check"], 1);
  EXPECT_EQ(r->quarantined_by_rule["household.no_accepted_member"], 1);
  EXPECT_EQ(r->households.quarantined, 1);
}

TEST_F(ImporterTest, NewHouseholdWithoutMemberRowsIsQuarantined) {
  auto r = Import(H("A").c_str(), "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->quarantined_by_rule["household.no_accepted_member"], 1);
  EXPECT_THAT(Quarantine(r->batch_id)[0].message, HasSubstr("not in the registry"));
}

TEST_F(ImporterTest, RegisteredHouseholdKeepsItsMembersWhenOnlyFactsArrive) {
  ASSERT_TRUE(Import(H("A").c_str(), (M(1, "A", "head") + M(2, "A")).c_str()).ok());
  auto r = Import(H("A", 20000).c_str(), nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->changed_households, 1);
  auto v = History("A");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].record.members.size(), 2u);
  EXPECT_EQ(v[1].record.household.wage_income, Money::FromYuan(20000));
}

TEST_F(ImporterTest, MembersOnlyBatchReplacesTheMemberListAndKeepsTheFacts) {
  ASSERT_TRUE(Import(H("A", 9000).c_str(), (M(1, "A", "head") + M(2, "A")).c_str()).ok());
  auto r = Import(nullptr, (M(1, "A", "head") + M(3, "A")).c_str());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->changed_households, 1);
  auto v = History("A");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].record.household.wage_income, Money::FromYuan(9000));
  ASSERT_EQ(v[1].record.members.size(), 2u);
  EXPECT_EQ(v[1].record.members[1].id_number, IdOf(3));
}

TEST_F(ImporterTest, MemberOfUnknownHouseholdIsQuarantined) {
  auto r = Import(H("A").c_str(), (M(1, "A", "head") + M(2, "Z")).c_str());
  ASSERT_TRUE(r.ok());
  auto q = Quarantine(r->batch_id);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].rule, "household_id.unknown");
  EXPECT_EQ(q[0].column, "household_id");
  EXPECT_EQ(q[0].value, "Z");
  EXPECT_EQ(q[0].line, 3);
}

TEST_F(ImporterTest, MembersOfAQuarantinedHouseholdSaySo) {
  std::string h = H("A", 100, "630102001999");  // no such village
  auto r = Import(h.c_str(), M(1, "A", "head").c_str());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->quarantined_by_rule["village_code.unknown"], 1);
  EXPECT_EQ(r->quarantined_by_rule["household.quarantined"], 1);
}

TEST_F(ImporterTest, FirstHouseholdRowWinsAndGetsTheMembers) {
  std::string h = H("A", 1000) + H("A", 2000);
  auto r = Import(h.c_str(), M(1, "A", "head").c_str());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->households.accepted, 1);
  EXPECT_EQ(r->quarantined_by_rule["household_id.duplicate"], 1);
  EXPECT_EQ(History("A").at(0).record.household.wage_income, Money::FromYuan(1000));
}

TEST_F(ImporterTest, APersonBelongsToOneHousehold) {
  ASSERT_TRUE(
      Import((H("A") + H("B")).c_str(), (M(1, "A", "head") + M(2, "A") + M(3, "B", "head")).c_str())
          .ok());
  // Person 2 appears in B while A is not updated: quarantined.
  auto r = Import(nullptr, (M(3, "B", "head") + M(2, "B")).c_str());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->quarantined_by_rule["id_number.in_other_household"], 1);
  auto q = Quarantine(r->batch_id);
  EXPECT_THAT(q.at(0).message, HasSubstr("registered in household A"));
  // Moving person 2 from A to B in one batch is fine.
  auto moved = Import(nullptr, (M(1, "A", "head") + M(3, "B", "head") + M(2, "B")).c_str());
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->members.quarantined, 0);
  EXPECT_EQ(History("A").back().record.members.size(), 1u);
  EXPECT_EQ(History("B").back().record.members.size(), 2u);
}

TEST_F(ImporterTest, HouseholdsWithoutCountedMembersAreReported) {
  auto r = Import(H("A").c_str(), M(1, "A", "head", "0").c_str());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->households_without_counted_members, 1);
  EXPECT_EQ(r->households_without_counted_members_sample.at(0), "A");
  EXPECT_EQ(r->new_households, 1);  // stored all the same
}

TEST_F(ImporterTest, ReportIsJson) {
  auto r = Import(H("A").c_str(), M(1, "A", "head").c_str());
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->ToJson(), HasSubstr(R"("households":{"accepted":1,"quarantined":0,"read":1})"));
}

TEST_F(ImporterTest, CorruptedGeneratedFilesAccountForEveryRow) {
  demo::GeneratorOptions g;
  g.households = 1500;
  g.seed = 5;
  g.corrupt_rate = 0.03;
  auto stats = demo::GenerateToDirectory(g, registry::RegionTable::BuiltIn(), dir_ / "gen");
  ASSERT_TRUE(stats.ok());
  ImportRequest req;
  req.households_path = dir_ / "gen/households.csv";
  req.members_path = dir_ / "gen/members.csv";
  auto r = ImportExchangeFiles(store_, registry::RegionTable::BuiltIn(), req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->households.read, 1500);
  EXPECT_EQ(r->members.read, stats->members);
  EXPECT_EQ(r->households.read, r->households.accepted + r->households.quarantined);
  EXPECT_EQ(r->members.read, r->members.accepted + r->members.quarantined);
  int64_t corrupted = 0;
  for (const auto& [kind, n] : stats->corrupted) corrupted += n;
  EXPECT_GE(r->households.quarantined + r->members.quarantined, corrupted);
  auto q = Quarantine(r->batch_id);
  EXPECT_EQ(static_cast<int64_t>(q.size()), r->households.quarantined + r->members.quarantined);
}

// A memory store whose batch writer fails after one version, to prove atomicity.
class FailingStore : public registry::Store {
 public:
  store::MemoryStore inner;

  Status ReplaceRegions(std::span<const registry::Region> r) override {
    return inner.ReplaceRegions(r);
  }
  Result<std::vector<registry::Region>> LoadRegions() override { return inner.LoadRegions(); }
  Result<std::unique_ptr<registry::BatchWriter>> BeginBatch(registry::BatchInfo info) override {
    XJ_ASSIGN_OR_RETURN(auto w, inner.BeginBatch(std::move(info)));
    return std::unique_ptr<registry::BatchWriter>(new Writer(std::move(w)));
  }
  Status ForEachCurrentHash(
      const std::function<void(const std::string&, int32_t, uint64_t)>& fn) override {
    return inner.ForEachCurrentHash(fn);
  }
  Status ForEachCurrentMember(
      const std::function<void(const std::string&, const std::string&)>& fn) override {
    return inner.ForEachCurrentMember(fn);
  }
  Result<std::vector<registry::HouseholdVersion>> GetCurrent(
      std::span<const std::string> ids) override {
    return inner.GetCurrent(ids);
  }
  Status ScanCurrent(const std::function<Status(const registry::HouseholdVersion&)>& fn) override {
    return inner.ScanCurrent(fn);
  }
  Status ScanAsOf(const std::string& at,
                  const std::function<Status(const registry::HouseholdVersion&)>& fn) override {
    return inner.ScanAsOf(at, fn);
  }
  Result<int64_t> LastCommittedBatch() override { return inner.LastCommittedBatch(); }
  Status ForEachChangedSince(int64_t batch_id,
                             const std::function<void(const std::string&)>& fn) override {
    return inner.ForEachChangedSince(batch_id, fn);
  }
  Result<std::vector<registry::HouseholdVersion>> History(const std::string& id) override {
    return inner.History(id);
  }
  Result<std::optional<registry::BatchInfo>> GetBatch(int64_t id) override {
    return inner.GetBatch(id);
  }
  Result<std::vector<registry::BatchInfo>> ListBatches() override { return inner.ListBatches(); }
  Result<std::vector<registry::QuarantineEntry>> Quarantine(int64_t id) override {
    return inner.Quarantine(id);
  }
  Result<registry::RegistryCounts> Counts() override { return inner.Counts(); }

 private:
  class Writer : public registry::BatchWriter {
   public:
    explicit Writer(std::unique_ptr<registry::BatchWriter> w)
        : BatchWriter(w->info()), inner_(std::move(w)) {}
    Status PutVersion(const registry::HouseholdVersion& v) override {
      if (++calls_ > 1) return IoError("disk full");
      return inner_->PutVersion(v);
    }
    Status PutQuarantine(const registry::QuarantineEntry& e) override {
      return inner_->PutQuarantine(e);
    }
    Status Commit(std::string report) override { return inner_->Commit(std::move(report)); }

   private:
    std::unique_ptr<registry::BatchWriter> inner_;
    int calls_ = 0;
  };
};

TEST_F(ImporterTest, AFailedBatchLeavesNothingBehind) {
  FailingStore failing;
  ASSERT_TRUE(failing.ReplaceRegions(registry::RegionTable::BuiltIn().all()).ok());
  auto r =
      Import((H("A") + H("B")).c_str(), (M(1, "A", "head") + M(2, "B", "head")).c_str(), &failing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
  auto counts = failing.Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->households, 0);
  EXPECT_EQ(counts->batches, 0);
}

TEST_F(ImporterTest, NothingToImportIsAnError) {
  ImportRequest req;
  auto r = ImportExchangeFiles(store_, registry::RegionTable::BuiltIn(), req);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace xianjie::ingest
