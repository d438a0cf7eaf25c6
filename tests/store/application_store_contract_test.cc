// Storage contract of the public page's applications (cases::CaseStore, migration 0008), run once
// per backend: an application numbered and read back whole, lists by village prefix and status
// with paging and totals, and the compare-and-set of UpdateApplication that changes only what
// became of it.
#include <optional>
#include <string>
#include <vector>

#include "cases/application.h"
#include "cases/case_store.h"
#include "store/store_contract_test.h"

namespace xianjie::store::testing {
namespace {

using cases::ApplicantRelation;
using cases::Application;
using cases::ApplicationFilter;
using cases::ApplicationStatus;

// An application whose every field is set, text with quotes, backslashes, newlines and Chinese,
// so that a column mixed up or mangled shows.
Application MakeApplication(const std::string& village,
                            const std::string& reference = "7KQ2-M9XD") {
  Application a;
  a.reference = reference;
  a.village_code = village;
  a.received_at = "2026-11-29T03:04:05Z";
  a.applicant_name = "王 \"小\" 明";
  a.id_number = TestIdNumberEndingInX();
  a.phone = "+86 138-0000-0000";
  a.relation = ApplicantRelation::kProxy;
  a.text = "母亲住院，\n医药费 3 万元 \\ 'DROP TABLE application;--";
  a.client_hash = std::string(64, 'a');
  a.status = ApplicationStatus::kUnmatched;
  return a;
}

ApplicationFilter Filter(const std::string& prefix, std::vector<ApplicationStatus> statuses = {},
                         int64_t offset = 0, int64_t limit = 0) {
  ApplicationFilter f;
  f.village_prefix = prefix;
  f.statuses = std::move(statuses);
  f.offset = offset;
  f.limit = limit;
  return f;
}

class ApplicationStoreContractTest : public StoreContractTest {
 protected:
  int64_t Put(const Application& a) {
    auto id = store().PutApplication(a);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  std::optional<Application> Get(int64_t id) {
    auto a = store().GetApplication(id);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? *a : std::nullopt;
  }
  std::vector<int64_t> Ids(const ApplicationFilter& filter, int64_t* total = nullptr) {
    auto list = store().ListApplications(filter, total);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    std::vector<int64_t> ids;
    if (list.ok()) {
      for (const Application& a : *list) ids.push_back(a.id);
    }
    return ids;
  }
};

TEST_P(ApplicationStoreContractTest, AnApplicationIsNumberedAndReadsBackWhole) {
  Application a = MakeApplication("630102001001");
  EXPECT_EQ(Put(a), 1);
  a.id = 1;
  EXPECT_EQ(Get(1), a);
  EXPECT_EQ(Put(MakeApplication("630102001004")), 2);
}

TEST_P(ApplicationStoreContractTest, OptionalFieldsAndEveryCodeReadBack) {
  std::vector<Application> stored;
  for (ApplicationStatus status : cases::kAllApplicationStatuses) {
    for (ApplicantRelation relation : {ApplicantRelation::kSelf, ApplicantRelation::kProxy}) {
      Application a = MakeApplication("630102001001");
      a.id_number = "";
      a.status = status;
      a.relation = relation;
      a.household_id = status == ApplicationStatus::kUnmatched ? "" : "H1";
      a.case_id = status == ApplicationStatus::kMatched ? 12 : 0;
      a.handled_by = status == ApplicationStatus::kClosed ? "li.si" : "";
      a.handled_at = status == ApplicationStatus::kClosed ? "2026-11-30T00:00:00Z" : "";
      a.note = status == ApplicationStatus::kClosed ? "重复申请" : "";
      a.id = Put(a);
      stored.push_back(a);
    }
  }
  for (const Application& a : stored) EXPECT_EQ(Get(a.id), a);
}

TEST_P(ApplicationStoreContractTest, AnUnknownIdIsNone) {
  Put(MakeApplication("630102001001"));
  EXPECT_EQ(Get(2), std::nullopt);
  EXPECT_EQ(Get(0), std::nullopt);
  EXPECT_EQ(Get(-1), std::nullopt);
}

TEST_P(ApplicationStoreContractTest, AnApplicationWithoutVillageReferenceOrTimeIsRefused) {
  for (auto clear : {+[](Application& a) { a.village_code.clear(); },
                     +[](Application& a) { a.reference.clear(); },
                     +[](Application& a) { a.received_at.clear(); }}) {
    Application a = MakeApplication("630102001001");
    clear(a);
    EXPECT_EQ(store().PutApplication(a).status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(Ids({}), std::vector<int64_t>{});
}

TEST_P(ApplicationStoreContractTest, ListsByVillagePrefixAndStatusWithTotals) {
  const std::vector<std::pair<std::string, ApplicationStatus>> rows = {
      {"630102001001", ApplicationStatus::kUnmatched},  // 1
      {"630102001004", ApplicationStatus::kMatched},    // 2
      {"630121100001", ApplicationStatus::kUnmatched},  // 3
      {"630102001001", ApplicationStatus::kClosed},     // 4
      {"630102001001", ApplicationStatus::kUnmatched},  // 5
      {"630201001001", ApplicationStatus::kLinked},     // 6
  };
  for (const auto& [village, status] : rows) {
    Application a = MakeApplication(village);
    a.status = status;
    Put(a);
  }
  int64_t total = -1;
  EXPECT_EQ(Ids({}, &total), (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(total, 6);
  EXPECT_EQ(Ids(Filter("630102001001"), &total), (std::vector<int64_t>{1, 4, 5}));
  EXPECT_EQ(total, 3);
  EXPECT_EQ(Ids(Filter("630102")), (std::vector<int64_t>{1, 2, 4, 5}));
  EXPECT_EQ(Ids(Filter("6301")), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(Ids(Filter("6302")), (std::vector<int64_t>{6}));
  EXPECT_EQ(Ids(Filter("64"), &total), (std::vector<int64_t>{}));
  EXPECT_EQ(total, 0);
  EXPECT_EQ(Ids(Filter("", {ApplicationStatus::kUnmatched})), (std::vector<int64_t>{1, 3, 5}));
  EXPECT_EQ(Ids(Filter("630102", {ApplicationStatus::kClosed, ApplicationStatus::kMatched,
                                  ApplicationStatus::kClosed})),
            (std::vector<int64_t>{2, 4}));
}

TEST_P(ApplicationStoreContractTest, PagesKeepTheTotalOfAllMatches) {
  for (int i = 0; i < 7; ++i) Put(MakeApplication("630102001001"));
  int64_t total = 0;
  EXPECT_EQ(Ids(Filter("", {}, 2, 3), &total), (std::vector<int64_t>{3, 4, 5}));
  EXPECT_EQ(total, 7);
  EXPECT_EQ(Ids(Filter("", {}, 5, 3)), (std::vector<int64_t>{6, 7}));
  EXPECT_EQ(Ids(Filter("", {}, 9, 3), &total), (std::vector<int64_t>{}));
  EXPECT_EQ(total, 7);
  EXPECT_EQ(store().ListApplications(Filter("", {}, -1)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store().ListApplications(Filter("", {}, 0, -1)).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(ApplicationStoreContractTest, AnUpdateChangesOnlyWhatBecameOfIt) {
  const Application original = MakeApplication("630102001001");
  const int64_t id = Put(original);
  Application update = original;
  update.id = id;
  // What the applicant entered is not the update's to change.
  update.reference = "XXXX-XXXX";
  update.village_code = "630121100001";
  update.received_at = "2030-01-01T00:00:00Z";
  update.applicant_name = "someone else";
  update.id_number = "";
  update.phone = "0";
  update.relation = ApplicantRelation::kSelf;
  update.text = "changed";
  update.client_hash = "changed";
  // What became of it is.
  update.household_id = "H7";
  update.case_id = 42;
  update.status = ApplicationStatus::kLinked;
  update.handled_by = "li.si";
  update.handled_at = "2026-11-30T01:02:03Z";
  update.note = "电话核实后关联";
  XJ_ASSERT_OK(store().UpdateApplication(update, ApplicationStatus::kUnmatched));
  Application expected = original;
  expected.id = id;
  expected.household_id = "H7";
  expected.case_id = 42;
  expected.status = ApplicationStatus::kLinked;
  expected.handled_by = "li.si";
  expected.handled_at = "2026-11-30T01:02:03Z";
  expected.note = "电话核实后关联";
  EXPECT_EQ(Get(id), expected);
}

TEST_P(ApplicationStoreContractTest, AnUpdateFromAStatusNoLongerStoredIsAbortedAndChangesNothing) {
  Application a = MakeApplication("630102001001");
  a.id = Put(a);
  Application closed = a;
  closed.status = ApplicationStatus::kClosed;
  closed.note = "重复";
  XJ_ASSERT_OK(store().UpdateApplication(closed, ApplicationStatus::kUnmatched));
  Application linked = a;
  linked.status = ApplicationStatus::kLinked;
  linked.household_id = "H1";
  Status late = store().UpdateApplication(linked, ApplicationStatus::kUnmatched);
  EXPECT_EQ(late.code(), StatusCode::kAborted) << late.ToString();
  EXPECT_NE(late.message().find("closed"), std::string::npos) << late.message();
  EXPECT_EQ(Get(a.id), closed);
}

TEST_P(ApplicationStoreContractTest, UpdatingAnUnknownApplicationIsNotFound) {
  Application a = MakeApplication("630102001001");
  a.id = 3;
  EXPECT_EQ(store().UpdateApplication(a, ApplicationStatus::kUnmatched).code(),
            StatusCode::kNotFound);
  a.id = 0;
  EXPECT_EQ(store().UpdateApplication(a, ApplicationStatus::kUnmatched).code(),
            StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApplicationStoreContractTest, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace xianjie::store::testing
