// exchange::FactCatalog and BuildFactColumns over a memory store: the catalogue of the shipped
// contracts, windows and facts without one, booleans and latest values, persons the snapshot
// does not list or lists twice, and RealignFacts onto a subset snapshot and a changed household.
#include "exchange/fact_table.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "exchange/exchange_test_support.h"
#include "exchange/warning_rules.h"
#include "ingest/source_contract.h"

namespace xianjie::exchange {
namespace {

using testing::Family;
using testing::MakeRegistry;
using testing::PutRows;
using testing::Registry;
using testing::Row;
using testing::Today;

TEST(FactCatalogTest, FactNamesAreUniqueAcrossTheShippedContracts) {
  std::set<std::string> names;
  for (const ingest::SourceContract& c : ingest::BuiltinContracts()) {
    for (const ingest::ContractFact& f : c.facts) {
      EXPECT_TRUE(names.insert(f.name).second) << f.name << " of " << c.name << " is named twice";
    }
  }
  EXPECT_GT(names.size(), 20u);
}

TEST(FactCatalogTest, IsTheUnionOfEveryContractsFields) {
  const std::vector<rules::FactField> catalog = FactCatalog(ingest::BuiltinContracts());
  size_t total = 0;
  for (const ingest::SourceContract& c : ingest::BuiltinContracts()) {
    for (const rules::FactField& f : FactFieldsOf(c)) {
      ++total;
      const rules::FactField* in = rules::FindFact(catalog, f.name);
      ASSERT_NE(in, nullptr) << f.name;
      EXPECT_EQ(*in, f);
    }
  }
  EXPECT_EQ(catalog.size(), total);
  EXPECT_TRUE(rules::CheckFactFields(catalog).ok());
  const rules::FactField* medical = rules::FindFact(catalog, "medical_out_of_pocket_12m");
  ASSERT_NE(medical, nullptr);
  EXPECT_EQ(medical->type, rules::ValueType::Money(2));
}

TEST(FactCatalogTest, KeepsTheFirstContractsFactOfAName) {
  ingest::SourceContract a = *ingest::FindBuiltinContract("vehicles");
  ingest::SourceContract b = *ingest::FindBuiltinContract("medical_insurance");
  b.facts[0].name = "vehicle_count";  // a money sum named like a's count
  const std::vector<ingest::SourceContract> contracts = {a, b};
  const std::vector<rules::FactField> catalog = FactCatalog(contracts);
  const rules::FactField* f = rules::FindFact(catalog, "vehicle_count");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->type, rules::ValueType::Number(0));
}

class BuildFactColumnsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    reg_ = MakeRegistry({Family("H1", 1), Family("H2", 2)});
    head1_ = Family("H1", 1).members[0];
    wife1_ = Family("H1", 1).members[1];
    head2_ = Family("H2", 2).members[0];
  }

  rules::FactColumns Build(FactTableStats* stats = nullptr) {
    EXPECT_TRUE(reg_.ws->Refresh().ok());
    auto view = reg_.ws->view();
    auto columns =
        BuildFactColumns(ingest::BuiltinContracts(), *view->index, *reg_.db, Today(), 1, stats);
    EXPECT_TRUE(columns.ok()) << columns.status().ToString();
    return columns.ok() ? std::move(*columns) : rules::FactColumns();
  }

  // The value of fact `name` of `person` (the member row the snapshot lists first).
  int64_t Value(const rules::FactColumns& facts, const std::string& name,
                const registry::Member& person) {
    auto rows = reg_.ws->view()->index->FindMembers(person.id_number);
    EXPECT_FALSE(rows.empty());
    const int f = facts.Find(name);
    EXPECT_GE(f, 0) << name;
    return rows.empty() || f < 0 ? -1 : facts.Get(static_cast<size_t>(f), rows[0]);
  }

  static std::string Medical(const std::string& out_of_pocket, const std::string& total = "100") {
    return R"({"insurance_type":"resident","total_cost":)" + total + R"(,"out_of_pocket":)" +
           out_of_pocket + "}";
  }

  Registry reg_;
  registry::Member head1_, wife1_, head2_;
};

TEST_F(BuildFactColumnsTest, IsAlignedWithTheSnapshotAndTheCatalogue) {
  const rules::FactColumns facts = Build();
  EXPECT_EQ(facts.members(), reg_.ws->view()->snapshot().members());
  EXPECT_EQ(facts.fields(), FactCatalog(ingest::BuiltinContracts()));
  EXPECT_NO_THROW(rules::CheckFactsAligned(reg_.ws->view()->snapshot(), &facts));
}

TEST_F(BuildFactColumnsTest, SumsOverTheTwelveMonthsEndingToday) {
  PutRows(*reg_.db, "medical_insurance",
          {Row("medical_insurance", head1_, "H1", "2026-10-01", Medical("300")),
           Row("medical_insurance", head1_, "H1", "2025-11-21", Medical("200.5")),  // first day
           Row("medical_insurance", head1_, "H1", "2025-11-20", Medical("1000")),   // day before
           Row("medical_insurance", wife1_, "H1", "2026-11-20", Medical("7", "9000"))},
          1);
  const rules::FactColumns facts = Build();
  EXPECT_EQ(Value(facts, "medical_out_of_pocket_12m", head1_), 50050);  // fen
  EXPECT_EQ(Value(facts, "medical_out_of_pocket_12m", wife1_), 700);
  EXPECT_EQ(Value(facts, "medical_stay_cost_max_12m", wife1_), 900000);
  EXPECT_EQ(Value(facts, "medical_out_of_pocket_12m", head2_), 0);  // no rows: no value
}

TEST_F(BuildFactColumnsTest, SumsRowsOfSeveralUploads) {
  PutRows(*reg_.db, "medical_insurance",
          {Row("medical_insurance", head1_, "H1", "2026-09-01", Medical("10"))}, 1);
  PutRows(*reg_.db, "medical_insurance",
          {Row("medical_insurance", head1_, "H1", "2026-10-01", Medical("20"))}, 2);
  EXPECT_EQ(Value(Build(), "medical_out_of_pocket_12m", head1_), 3000);
}

TEST_F(BuildFactColumnsTest, FactsWithoutAWindowReadRowsOfAnyAge) {
  PutRows(*reg_.db, "vehicles",
          {Row("vehicles", head1_, "H1", "2012-05-01", R"({"purchase_price":80000})"),
           Row("vehicles", head1_, "H1", "2024-01-01", R"({"purchase_price":12000.5})")},
          1);
  const rules::FactColumns facts = Build();
  EXPECT_EQ(Value(facts, "vehicle_count", head1_), 2);
  EXPECT_EQ(Value(facts, "vehicle_price_max", head1_), 8000000);
  EXPECT_EQ(Value(facts, "vehicle_count", wife1_), 0);
}

TEST_F(BuildFactColumnsTest, CountsOverAWindowLeaveOlderRowsOut) {
  PutRows(*reg_.db, "disability",
          {Row("disability", head1_, "H1", "2026-01-10", R"({"grade":"2"})"),
           Row("disability", head1_, "H1", "2024-01-10", R"({"grade":"3"})")},
          1);
  EXPECT_EQ(Value(Build(), "disability_certified_12m", head1_), 1);
}

TEST_F(BuildFactColumnsTest, AnyOfABooleanColumnIsATruth) {
  PutRows(*reg_.db, "real_estate",
          {Row("real_estate", head1_, "H1", "2020-01-01", R"({"commercial":false})"),
           Row("real_estate", head1_, "H1", "2021-01-01", R"({"commercial":true})"),
           Row("real_estate", wife1_, "H1", "2021-01-01", R"({"commercial":false})")},
          1);
  const rules::FactColumns facts = Build();
  EXPECT_EQ(Value(facts, "commercial_housing", head1_), rules::kTruthTrue);
  EXPECT_EQ(Value(facts, "commercial_housing", wife1_), rules::kTruthFalse);
  EXPECT_EQ(Value(facts, "real_estate_count", wife1_), 1);
}

TEST_F(BuildFactColumnsTest, LatestTakesTheLatestEventDate) {
  const std::vector<rules::FactField> catalog = FactCatalog(ingest::BuiltinContracts());
  const rules::FactField* state = rules::FindFact(catalog, "civil_assistance_state");
  ASSERT_NE(state, nullptr);
  EXPECT_EQ(state->type, rules::ValueType::FactCode());
  PutRows(*reg_.db, "civil_affairs",
          {Row("civil_affairs", head1_, "H1", "2026-03-01",
               R"({"assistance":"dibao","state":"new","amount":500})"),
           Row("civil_affairs", head1_, "H1", "2026-09-01",
               R"({"assistance":"dibao","state":"ended","amount":0})")},
          1);
  // Uploaded later, but about an earlier day: not the latest.
  PutRows(*reg_.db, "civil_affairs",
          {Row("civil_affairs", head1_, "H1", "2026-05-01",
               R"({"assistance":"dibao","state":"continuing","amount":500})")},
          2);
  const rules::FactColumns facts = Build();
  auto ended = rules::FactCodeValue(*state, "ended");
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(Value(facts, "civil_assistance_state", head1_), *ended);
  EXPECT_EQ(Value(facts, "civil_assistance_paid_12m", head1_), 100000);
  EXPECT_EQ(Value(facts, "civil_assistance_state", wife1_), 0);  // no value
}

TEST_F(BuildFactColumnsTest, LatestOfADateIsItsDay) {
  const std::vector<rules::FactField> catalog = FactCatalog(ingest::BuiltinContracts());
  const rules::FactField* changed_on = rules::FindFact(catalog, "hukou_changed_on");
  ASSERT_NE(changed_on, nullptr);
  EXPECT_EQ(changed_on->type, rules::ValueType::Date());
  PutRows(*reg_.db, "public_security",
          {Row("public_security", head1_, "H1", "2019-07-08",
               R"({"change":"move_in","changed_on":"2019-07-08"})"),
           Row("public_security", head1_, "H1", "2026-02-03",
               R"({"change":"death","changed_on":"2026-02-03"})")},
          1);
  EXPECT_EQ(Value(Build(), "hukou_changed_on", head1_), 20260203);
}

TEST_F(BuildFactColumnsTest, SkipsPersonsTheSnapshotDoesNotList) {
  registry::Member stranger = testing::Person(90, registry::Relation::kHead, registry::Sex::kMale,
                                              CivilDate::FromYmd(1970, 1, 1));
  PutRows(*reg_.db, "vehicles",
          {Row("vehicles", stranger, "H1", "2020-01-01", "{}"),
           Row("vehicles", head2_, "H2", "2020-01-01", "{}")},
          1);
  FactTableStats stats;
  const rules::FactColumns facts = Build(&stats);
  EXPECT_EQ(stats.rows, 2);
  EXPECT_EQ(stats.persons, 2);
  EXPECT_EQ(stats.skipped, 1);
  EXPECT_EQ(Value(facts, "vehicle_count", head2_), 1);
  const int f = facts.Find("vehicle_count");
  int64_t set = 0;
  for (uint32_t m = 0; m < facts.members(); ++m) set += facts.Get(static_cast<size_t>(f), m);
  EXPECT_EQ(set, 1);
}

TEST_F(BuildFactColumnsTest, APersonWithADamagedRowLosesOnlyThatSourcesFacts) {
  PutRows(*reg_.db, "vehicles",
          {Row("vehicles", head1_, "H1", "2020-01-01", "[1,2]"),
           Row("vehicles", head2_, "H2", "2020-01-01", "{}")},
          1);
  PutRows(*reg_.db, "real_estate",
          {Row("real_estate", head1_, "H1", "2020-01-01", R"({"commercial":true})")}, 2);
  FactTableStats stats;
  const rules::FactColumns facts = Build(&stats);
  EXPECT_EQ(stats.damaged, 1);
  EXPECT_EQ(Value(facts, "vehicle_count", head1_), 0);
  EXPECT_EQ(Value(facts, "vehicle_count", head2_), 1);
  EXPECT_EQ(Value(facts, "real_estate_count", head1_), 1);
}

TEST(BuildFactColumnsTwiceListedTest, APersonListedInTwoHouseholdsHasTheFactsInBoth) {
  registry::HouseholdRecord a = Family("H1", 1);
  registry::HouseholdRecord b = Family("H2", 2);
  b.members.push_back(a.members[1]);  // H1's wife also listed in H2
  b.members.back().relation = registry::Relation::kOther;
  Registry reg = MakeRegistry({a, b});
  PutRows(*reg.db, "vehicles", {Row("vehicles", a.members[1], "H1", "2020-01-01", "{}")}, 1);
  ASSERT_TRUE(reg.ws->Refresh().ok());
  auto view = reg.ws->view();
  auto facts = BuildFactColumns(ingest::BuiltinContracts(), *view->index, *reg.db, Today());
  ASSERT_TRUE(facts.ok());
  const std::vector<uint32_t> rows = view->index->FindMembers(a.members[1].id_number);
  ASSERT_EQ(rows.size(), 2u);
  const auto f = static_cast<size_t>(facts->Find("vehicle_count"));
  EXPECT_EQ(facts->Get(f, rows[0]), 1);
  EXPECT_EQ(facts->Get(f, rows[1]), 1);
}

TEST_F(BuildFactColumnsTest, RealignFactsCarriesValuesToASubsetSnapshot) {
  PutRows(*reg_.db, "vehicles",
          {Row("vehicles", head1_, "H1", "2020-01-01", "{}"),
           Row("vehicles", head2_, "H2", "2020-01-01", "{}"),
           Row("vehicles", head2_, "H2", "2021-01-01", "{}")},
          1);
  const rules::FactColumns facts = Build();
  const registry::Snapshot& full = reg_.ws->view()->snapshot();
  registry::SnapshotBuilder builder;
  ASSERT_TRUE(builder.AppendRows(full, 1, 2).ok());  // H2 only
  const std::shared_ptr<const registry::Snapshot> built = builder.Finish();
  const registry::Snapshot& subset = *built;
  const rules::FactColumns moved = RealignFacts(facts, full, subset);
  ASSERT_EQ(moved.members(), subset.members());
  const auto f = static_cast<size_t>(moved.Find("vehicle_count"));
  EXPECT_EQ(moved.Get(f, 0), 2);  // H2's head
  EXPECT_EQ(moved.Get(f, 1), 0);
}

TEST_F(BuildFactColumnsTest, RealignFactsFindsMembersByIdNumberInAChangedHousehold) {
  PutRows(*reg_.db, "vehicles",
          {Row("vehicles", wife1_, "H1", "2020-01-01", "{}"),
           Row("vehicles", wife1_, "H1", "2021-01-01", "{}"),
           Row("vehicles", head1_, "H1", "2022-01-01", "{}")},
          1);
  const rules::FactColumns facts = Build();
  const registry::Snapshot& full = reg_.ws->view()->snapshot();
  // H1 read again after the head's brother (born 1981) was listed: ID numbers order the
  // members after the head, so the wife (1982) moved from row 1 to row 2.
  registry::HouseholdRecord h1 = Family("H1", 1);
  const registry::Member brother = testing::Person(
      1, registry::Relation::kSibling, registry::Sex::kMale, CivilDate::FromYmd(1981, 1, 1));
  h1.members.push_back(brother);
  registry::Canonicalize(h1);
  ASSERT_EQ(h1.members[1].id_number, brother.id_number);
  registry::SnapshotBuilder builder;
  ASSERT_TRUE(builder.Add(h1).ok());
  const std::shared_ptr<const registry::Snapshot> one = builder.Finish();
  const rules::FactColumns moved = RealignFacts(facts, full, *one);
  ASSERT_EQ(moved.members(), 3u);
  const auto f = static_cast<size_t>(moved.Find("vehicle_count"));
  EXPECT_EQ(moved.Get(f, 0), 1);  // the head
  EXPECT_EQ(moved.Get(f, 1), 0);  // the brother: no facts
  EXPECT_EQ(moved.Get(f, 2), 2);  // the wife, at her new place
}

}  // namespace
}  // namespace xianjie::exchange
