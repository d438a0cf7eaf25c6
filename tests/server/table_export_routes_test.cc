// Table views as workbooks (?format=xlsx on the list routes; server/table_export.h, decision 0008
// "Exports as built") over a real socket: the workbook read back has the title block, the
// headers and exactly the JSON's rows (every page), masked as the JSON is for the role, its codes
// as their labels in the language asked (?lang=, decision 0009); the scope's refusals are the
// JSON's; a bad format or language names the values; each export is audited. The table itself:
// every code column's group has labels. The mechanism's own limits (the row bound, a list
// changing while read) on a stand-in route.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "base/id_number.h"
#include "ingest/xlsx_writer.h"
#include "server/server_harness.h"
#include "server/table_export.h"
#include "service/code_labels.h"
#include "service/service_test_support.h"
#include "support/temp_files.h"

namespace xianjie::server::testing {
namespace {

using access::Role;
using nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

class TableExportRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_ = std::make_unique<ServerHarness>();
    ASSERT_TRUE(h_->ok());
  }
  httplib::Result Get(Role role, const std::string& path) {
    const Session session = h_->Login(h_->User(role));
    return h_->Client().Get(path, ServerHarness::Headers(session));
  }
  // The JSON list and its workbook's rows (`format`: the export's parameters), both as `role`;
  // fails the test unless both are 200.
  void ListAndWorkbook(Role role, const std::string& path, const std::string& sheet, json* list,
                       Rows* rows, const std::string& format = "format=xlsx") {
    auto res = Get(role, path);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    *list = BodyJson(res);
    auto xlsx = Get(role, path + (path.find('?') == std::string::npos ? "?" : "&") + format);
    ASSERT_TRUE(xlsx);
    ASSERT_EQ(xlsx->status, 200) << xlsx->body;
    EXPECT_EQ(xlsx->get_header_value("Content-Type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_NE(xlsx->get_header_value("Content-Disposition").find("filename*=UTF-8''" + sheet + "-"),
              std::string::npos)
        << xlsx->get_header_value("Content-Disposition");
    *rows = service::testing::SheetRows(xlsx->body, sheet);
    ASSERT_GT(rows->size(), service::kExportHeaderRow);
  }
  static std::string Message(const httplib::Result& res) {
    const json body = BodyJson(res);
    if (!body.is_object() || !body.contains("error")) return "";
    return body["error"].value("message", "");
  }
  // The column of `header` in the header row (fails the test when absent).
  static size_t Column(const Rows& rows, const std::string& header) {
    const auto& headers = rows[service::kExportHeaderRow];
    for (size_t i = 0; i < headers.size(); ++i) {
      if (headers[i] == header) return i;
    }
    ADD_FAILURE() << "no column " << header;
    return 0;
  }
  static size_t DataRows(const Rows& rows) { return rows.size() - service::kExportHeaderRow - 1; }
  // The cell of item row `i` (from 0) in `column`; "" for a cell left out at a row's end.
  static std::string Cell(const Rows& rows, size_t i, size_t column) {
    const auto& row = rows[service::kExportHeaderRow + 1 + i];
    return column < row.size() ? row[column] : "";
  }

  std::unique_ptr<ServerHarness> h_;
};

TEST_F(TableExportRoutesTest, HouseholdSearchIsTheJsonsRowsUnderTheTitleAndHeaders) {
  json list;
  Rows rows;
  ListAndWorkbook(Role::kCounty, "/api/v1/households?region=630102", "农户", &list, &rows);
  EXPECT_EQ(rows[0], std::vector<std::string>{"农户"});
  EXPECT_EQ(rows[1][0].rfind("区域：", 0), 0u) << rows[1][0];
  EXPECT_NE(rows[1][0].find("630102"), std::string::npos) << rows[1][0];
  EXPECT_EQ(rows[2], std::vector<std::string>{"筛选条件：region=630102"});
  EXPECT_NE(rows[3][0].find("导出人：测试 county（county）"), std::string::npos) << rows[3][0];
  EXPECT_EQ(rows[4], std::vector<std::string>{"共 " + list["total"].dump() + " 条"});
  EXPECT_EQ(rows[service::kExportHeaderRow],
            (std::vector<std::string>{"户编号", "村代码", "村", "户主", "户主身份证号", "人口",
                                      "计入人口", "人均纯收入（元）", "状态", "预警",
                                      "拟认定类型"}));
  ASSERT_GT(list["total"].get<int64_t>(), 0);
  ASSERT_EQ(static_cast<int64_t>(DataRows(rows)), list["total"].get<int64_t>());
  for (size_t i = 0; i < list["items"].size(); ++i) {
    const json& item = list["items"][i];
    const auto& row = rows[service::kExportHeaderRow + 1 + i];
    EXPECT_EQ(row[0], item["household_id"]);
    EXPECT_EQ(row[3], item["head_name"]);
    EXPECT_EQ(row[4], item["head_id_number"]);
    EXPECT_EQ(row[5], item["members"].dump());
    EXPECT_EQ(row[7], item["per_capita_yuan"]);
    EXPECT_EQ(row[8], item["status"] == "lifted" ? "脱贫户" : "一般农户") << item["status"];
    EXPECT_EQ(row[9], item["flagged"].get<bool>() ? "是" : "否");
  }
}

TEST_F(TableExportRoutesTest, AnEnglishWorkbookHasEnglishHeadersAndLabels) {
  json list;
  Rows rows;
  ListAndWorkbook(Role::kCounty, "/api/v1/households?region=630102", "Households", &list, &rows,
                  "format=xlsx&lang=en");
  EXPECT_EQ(rows[0], std::vector<std::string>{"Households"});
  EXPECT_EQ(rows[1][0].rfind("Region: ", 0), 0u) << rows[1][0];
  EXPECT_EQ(rows[2], std::vector<std::string>{"Filters: region=630102"});  // lang is no filter
  EXPECT_NE(rows[3][0].find("(Beijing time), by 测试 county (county)"), std::string::npos)
      << rows[3][0];
  EXPECT_EQ(rows[4], std::vector<std::string>{"Rows: " + list["total"].dump()});
  EXPECT_EQ(rows[service::kExportHeaderRow],
            (std::vector<std::string>{"Household id", "Village code", "Village", "Head",
                                      "Head ID number", "Members", "Counted members",
                                      "Per-capita net income (yuan)", "Status", "Warning",
                                      "Proposed type"}));
  ASSERT_EQ(static_cast<int64_t>(DataRows(rows)), list["total"].get<int64_t>());
  for (size_t i = 0; i < list["items"].size(); ++i) {
    const json& item = list["items"][i];
    EXPECT_EQ(Cell(rows, i, 0), item["household_id"]);
    EXPECT_EQ(Cell(rows, i, 8),
              item["status"] == "lifted" ? "Lifted household" : "Ordinary household");
    EXPECT_EQ(Cell(rows, i, 9), item["flagged"].get<bool>() ? "Yes" : "No");
  }
}

TEST_F(TableExportRoutesTest, CodesAreTheirLabelsAndACodeWithoutOneIsKept) {
  // Two monitoring objects: a known type with two risks, and codes the labels do not know.
  service::testing::Monitor(h_->database(), "A01", ServerHarness::kInVillage,
                            "2026-03-01T02:00:00Z", "marginal", "R01;R07");
  service::testing::Monitor(h_->database(), "A02", ServerHarness::kInVillage,
                            "2026-03-02T02:00:00Z", "unstable", "R42");
  for (const auto& [format, sheet, type, risks] :
       {std::tuple{"format=xlsx", "责任人与走访", "监测类型", "风险"},
        std::tuple{"format=xlsx&lang=en", "Responsibility and visits", "Monitoring type",
                   "Risks"}}) {
    json list;
    Rows rows;
    ListAndWorkbook(Role::kCounty, "/api/v1/responsibility", sheet, &list, &rows, format);
    ASSERT_EQ(list["total"], 2) << list.dump();
    ASSERT_EQ(DataRows(rows), 2u);
    const bool english = std::string(format).find("lang=en") != std::string::npos;
    for (size_t i = 0; i < 2; ++i) {
      const json& item = list["items"][i];
      const bool known = item["household_id"] == "A01";
      EXPECT_EQ(Cell(rows, i, Column(rows, type)),
                known ? (english ? "Marginal household" : "边缘易致贫户") : "unstable");
      EXPECT_EQ(Cell(rows, i, Column(rows, risks)),
                known ? (english ? "Illness；Unstable work" : "因病；因务工就业不稳") : "R42");
    }
  }
}

TEST_F(TableExportRoutesTest, IdNumbersAreMaskedAsTheJsonMasksThemForTheRole) {
  json village_list, county_list;
  Rows village_rows, county_rows;
  const std::string path = std::string("/api/v1/households?village=") + ServerHarness::kInVillage;
  ListAndWorkbook(Role::kVillage, path, "农户", &village_list, &village_rows);
  ListAndWorkbook(Role::kCounty, path, "农户", &county_list, &county_rows);
  ASSERT_GT(DataRows(county_rows), 0u);
  ASSERT_EQ(DataRows(county_rows), DataRows(village_rows));
  const size_t id = Column(county_rows, "户主身份证号");
  for (size_t i = 0; i < DataRows(county_rows); ++i) {
    const std::string masked = county_rows[service::kExportHeaderRow + 1 + i][id];
    const std::string whole = village_rows[service::kExportHeaderRow + 1 + i][id];
    EXPECT_NE(masked.find("********"), std::string::npos) << masked;  // the county's: masked
    EXPECT_EQ(whole.find('*'), std::string::npos) << whole;          // the village's: whole
    EXPECT_EQ(masked, county_list["items"][i]["head_id_number"]);
    EXPECT_EQ(masked, MaskIdNumber(whole));
  }
}

TEST_F(TableExportRoutesTest, EveryPageOfALongListIsExported) {
  // More entries than one page (kMaxPageLimit) holds: the export reads them all.
  for (int i = 0; i < 620; ++i) {
    ASSERT_TRUE(h_->database().Append("bulk", "test.entry", "s" + std::to_string(i), "").ok());
  }
  json list;
  Rows rows;
  ListAndWorkbook(Role::kAuditor, "/api/v1/audit?user=bulk", "审计日志", &list, &rows);
  ASSERT_EQ(list["total"], 620);
  ASSERT_EQ(DataRows(rows), 620u);
  const size_t seq = Column(rows, "序号");
  EXPECT_EQ(rows[service::kExportHeaderRow + 1][seq], list["items"][0]["seq"].dump());
  EXPECT_EQ(rows[service::kExportHeaderRow + 1][Column(rows, "对象")], "s619");  // newest first
  EXPECT_EQ(rows.back()[Column(rows, "对象")], "s0");
}

TEST_F(TableExportRoutesTest, CasesAndPlansExportWhatTheirListsShow) {
  service::testing::Monitor(h_->database(), "A01", ServerHarness::kInVillage,
                            "2026-03-01T02:00:00Z", "unstable", "R01");
  service::testing::Monitor(h_->database(), "A02", ServerHarness::kInVillage,
                            "2026-03-02T02:00:00Z", "unstable", "R02");
  json list;
  Rows rows;
  ListAndWorkbook(Role::kTownship, "/api/v1/cases?open=false&state=monitored", "识别与消除案件",
                  &list, &rows);
  ASSERT_EQ(list["total"], 2);
  ASSERT_EQ(DataRows(rows), 2u);
  const size_t id = Column(rows, "案件号"), household = Column(rows, "户编号");
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(rows[service::kExportHeaderRow + 1 + i][id], list["items"][i]["id"].dump());
    EXPECT_EQ(rows[service::kExportHeaderRow + 1 + i][household], list["items"][i]["household_id"]);
  }
  EXPECT_EQ(rows[2], std::vector<std::string>{"筛选条件：open=false；state=monitored"});
  // An ISO time in Beijing time, as the UI shows it.
  EXPECT_EQ(rows[service::kExportHeaderRow + 1][Column(rows, "发起时间")].substr(0, 10),
            list["items"][0]["opened_at"].get<std::string>().substr(0, 10));
}

TEST_F(TableExportRoutesTest, EachExportIsAuditedBesideTheListsOwnRead) {
  const size_t reads = h_->AuditEntries("responsibility.list").size();
  auto res = Get(Role::kCounty, "/api/v1/responsibility?format=xlsx");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(h_->AuditEntries("responsibility.list").size(), reads + 1);
  const auto exports = h_->AuditEntries("table.export");
  ASSERT_EQ(exports.size(), 1u);
  EXPECT_EQ(exports[0].user, "county");
  EXPECT_EQ(exports[0].subject, h_->User(Role::kCounty).scope);
  const json detail = json::parse(exports[0].detail);
  EXPECT_EQ(detail["what"], "责任人与走访");
  EXPECT_EQ(detail["route"], "/api/v1/responsibility");
  EXPECT_EQ(detail["rows"], 0);
  EXPECT_EQ(detail["mask_ids"], true);
}

TEST_F(TableExportRoutesTest, AnIdNumberAskedForIsMaskedInTheTitleAndTheAudit) {
  const std::string id_number = "630102198001011234";
  auto res = Get(Role::kVillage, "/api/v1/households?format=xlsx&id_number=" + id_number);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const Rows rows = service::testing::SheetRows(res->body, "农户");
  ASSERT_GT(rows.size(), 2u);
  EXPECT_EQ(rows[2], std::vector<std::string>{"筛选条件：id_number=630102********1234"});
  const auto exports = h_->AuditEntries("table.export");
  ASSERT_EQ(exports.size(), 1u);
  EXPECT_EQ(exports[0].detail.find(id_number), std::string::npos) << exports[0].detail;
}

TEST_F(TableExportRoutesTest, RefusalsAreTheListsAndABadFormatOrLanguageNamesTheValues) {
  struct Case {
    Role role;
    std::string path;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {Role::kCounty, "/api/v1/households?format=xlsx&region=6302", 403,
       "outside the user's scope"},
      {Role::kCounty, "/api/v1/cases?format=xlsx&region=63", 403, "outside the user's scope"},
      {Role::kVillage, "/api/v1/audit?format=xlsx", 403, "audit.read"},
      {Role::kCounty, "/api/v1/cases?format=pdf", 400,
       "query parameter 'format' must be json or xlsx, not 'pdf'"},
      {Role::kCounty, "/api/v1/imports/1/quarantine?format=xls", 400,
       "query parameter 'format' must be json, csv or xlsx, not 'xls'"},
      {Role::kCounty, "/api/v1/households?format=xlsx&lang=fr", 400,
       "query parameter 'lang' must be zh-CN or en, not 'fr'"},
      {Role::kCounty, "/api/v1/cases?format=xlsx&lang=zh", 400,
       "query parameter 'lang' must be zh-CN or en, not 'zh'"},
  };
  for (const Case& c : cases) {
    auto res = Get(c.role, c.path);
    ASSERT_TRUE(res) << c.path;
    EXPECT_EQ(res->status, c.status) << c.path << " " << res->body;
    EXPECT_NE(Message(res).find(c.message), std::string::npos) << c.path << " " << res->body;
    // The JSON of the same request refuses the same way (a bad format aside).
    if (c.status == 403) {
      std::string json_path = c.path;
      json_path.replace(json_path.find("format=xlsx"), 11, "format=json");
      auto list = Get(c.role, json_path);
      ASSERT_TRUE(list);
      EXPECT_EQ(list->status, 403);
      EXPECT_EQ(Message(list), Message(res));
    }
  }
  EXPECT_TRUE(h_->AuditEntries("table.export").empty());
}

TEST_F(TableExportRoutesTest, EveryRouteOfTheTableExports) {
  // Each route of the table answers the format check of the mechanism: it is wrapped.
  for (const TableExportSpec& spec : TableExports()) {
    std::string path = spec.pattern;
    for (size_t colon; (colon = path.find(':')) != std::string::npos;) {
      const size_t end = path.find('/', colon);
      path.replace(colon, (end == std::string::npos ? path.size() : end) - colon, "1");
    }
    auto res = Get(Role::kProvince, path + "?format=bad");
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path;
    EXPECT_NE(Message(res).find("query parameter 'format' must be json"), std::string::npos)
        << path << " " << res->body;
  }
}

// Every column of the table can be written in both languages, and every code column shows labels:
// its group is in config/code_labels.json (a mistyped group would leave every cell raw).
TEST(TableExportTableTest, EveryColumnHasBothHeadersAndEveryCodeGroupHasLabels) {
  const service::CodeLabels& labels = service::BuiltinCodeLabels();
  for (const TableExportSpec& spec : TableExports()) {
    for (const std::string& name : {spec.what, spec.what_en}) {
      // The sheet's name: one Excel accepts (at most 31 characters, no []:*?/\).
      EXPECT_TRUE(ingest::WriteXlsx({{.name = name, .rows = {}, .bold_header = false,
                                      .column_widths = {}}})
                      .ok())
          << spec.pattern << " " << name;
    }
    for (const service::ExportColumn& c : spec.columns) {
      const std::string where = spec.pattern + " " + c.field;
      EXPECT_FALSE(c.header.empty()) << where;
      EXPECT_FALSE(c.header_en.empty()) << where;
      if (c.type == service::ExportType::kCode) {
        EXPECT_TRUE(labels.HasGroup(c.group)) << where << ": no labels for group " << c.group;
      } else {
        EXPECT_TRUE(c.group.empty()) << where << " names a group but is not a code column";
      }
    }
  }
}

TEST(TableExportDocsTest, EveryExportIsDocumentedAsAWorkbook) {
  const std::string yaml =
      xianjie::testing::ReadFile(std::string(XJ_SOURCE_DIR) + "/docs/openapi.yaml");
  for (const TableExportSpec& spec : TableExports()) {
    // "/api/v1/uploads/:id/quarantine" → "  /api/v1/uploads/{id}/quarantine:"
    std::string path = spec.pattern;
    for (size_t colon; (colon = path.find(':')) != std::string::npos;) {
      const size_t end = path.find('/', colon);
      const size_t stop = end == std::string::npos ? path.size() : end;
      path = path.substr(0, colon) + "{" + path.substr(colon + 1, stop - colon - 1) + "}" +
             path.substr(stop);
    }
    const size_t at = yaml.find("\n  " + path + ":\n");
    ASSERT_NE(at, std::string::npos) << path;
    const size_t get = yaml.find("\n    get:\n", at);
    const size_t next = yaml.find("\n  /", at + 1);
    ASSERT_LT(get, next) << path;
    const size_t op_end = std::min(next, yaml.find("\n    post:\n", get));
    const std::string op = yaml.substr(get, op_end - get);
    EXPECT_NE(op.find("schemas/TableWorkbook"), std::string::npos) << path;
    EXPECT_TRUE(op.find("parameters/TableFormat") != std::string::npos ||
                op.find("enum: [json, csv, xlsx]") != std::string::npos)
        << path;
    EXPECT_NE(op.find("parameters/TableLanguage"), std::string::npos) << path;
  }
}

// The mechanism on a stand-in list of `total` rows (which `grow` adds to after each read).
class StandInListTest : public ::testing::Test {
 protected:
  void SetUp() override { world_ = service::testing::MakeWorld(); }
  Result<Reply> Export(int64_t total, int64_t grow, int64_t max_rows) {
    auto rows = std::make_shared<int64_t>(total);
    Route list{"GET", "/api/v1/stand-in", Access::kSession,
               [rows, grow](const httplib::Request& req, const Caller&) -> Result<Reply> {
                 const int64_t offset = std::stoll(req.get_param_value("offset"));
                 const int64_t limit = std::stoll(req.get_param_value("limit"));
                 json items = json::array();
                 for (int64_t i = offset; i < std::min(*rows, offset + limit); ++i) {
                   items.push_back({{"n", i}});
                 }
                 json body = {{"total", *rows}, {"items", items}};
                 *rows += grow;
                 return Json(body);
               }};
    std::vector<Route> routes = {list};
    const TableExportSpec spec{"/api/v1/stand-in", "测试", "Test", "items", true, {},
                               {{"n", "序号", "No.", service::ExportType::kNumber}}};
    EXPECT_TRUE(AddTableExports(routes, *world_.ws, {spec}, max_rows).empty());
    httplib::Request req;
    req.params.emplace("format", "xlsx");
    Caller caller;
    caller.principal = {"auditor", Role::kAuditor, "63"};
    return routes[0].handler(req, caller);
  }
  service::testing::World world_;
};

TEST_F(StandInListTest, PagesAreReadUntilTheTotal) {
  auto reply = Export(1234, 0, 5000);
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  const Rows rows = service::testing::SheetRows(reply->body, "测试");
  ASSERT_EQ(rows.size(), service::kExportHeaderRow + 1 + 1234);
  EXPECT_EQ(rows.back(), std::vector<std::string>{"1233"});
}

TEST_F(StandInListTest, MoreRowsThanTheBoundAreRefusedWithWhatToDo) {
  auto reply = Export(1234, 0, 1000);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(reply.status().message(),
            "the export would hold 1234 rows, more than the 1000 one workbook may hold; narrow "
            "the filters (a smaller region, a state) and export each part");
}

TEST_F(StandInListTest, AListThatChangesWhileReadIsToBeExportedAgain) {
  auto reply = Export(600, 1, 5000);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), StatusCode::kAborted);
  EXPECT_EQ(reply.status().message(),
            "the list changed while it was being exported (600 rows, then 601); export it again");
}

TEST_F(StandInListTest, ASpecWithoutItsRouteIsReported) {
  std::vector<Route> routes;
  const TableExportSpec spec{"/api/v1/nowhere", "测试", "Test", "items", false, {}, {}};
  EXPECT_EQ(AddTableExports(routes, *world_.ws, {spec}),
            std::vector<std::string>{"/api/v1/nowhere"});
}

}  // namespace
}  // namespace xianjie::server::testing
