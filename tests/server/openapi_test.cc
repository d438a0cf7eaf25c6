// docs/openapi.yaml against the server: every installed route is documented and every
// documented operation is installed (a line scan of the paths section: "{id}" is ":id"), and
// the served document is the file (embedded at build time).
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "server/server_harness.h"
#include "support/temp_files.h"

namespace xianjie::server::testing {
namespace {

std::string OpenApiText() {
  return xianjie::testing::ReadFile(std::string(XJ_SOURCE_DIR) + "/docs/openapi.yaml");
}

// "GET /api/v1/households/:id" for each operation under `paths:`.
std::set<std::string> DocumentedOperations(const std::string& yaml) {
  std::set<std::string> operations;
  std::istringstream lines(yaml);
  std::string line;
  std::string path;
  bool in_paths = false;
  const std::regex path_line(R"(^  (/[^:\s]*):\s*$)");
  const std::regex method_line(R"(^    (get|post|put|patch|delete):\s*$)");
  std::smatch m;
  while (std::getline(lines, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = false;
    if (!in_paths) continue;
    if (std::regex_match(line, m, path_line)) {
      path = std::regex_replace(m[1].str(), std::regex(R"(\{([A-Za-z_]+)\})"), ":$1");
    } else if (std::regex_match(line, m, method_line) && !path.empty()) {
      std::string method = m[1].str();
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      operations.insert(method + " " + path);
    }
  }
  return operations;
}

TEST(OpenApiTest, ScanFindsTheOperationsOfASmallDocument) {
  const std::set<std::string> expected = {"GET /a", "POST /a", "GET /b/:id"};
  EXPECT_EQ(DocumentedOperations("openapi: 3.0.3\npaths:\n  /a:\n    get:\n      x: 1\n"
                                 "    post:\n      x: 2\n  /b/{id}:\n    get:\n"
                                 "components:\n  /c:\n    get:\n"),
            expected);
}

TEST(OpenApiTest, EveryRouteIsDocumentedAndEveryOperationInstalled) {
  ServerHarness h;
  ASSERT_TRUE(h.ok());
  const std::set<std::string> documented = DocumentedOperations(OpenApiText());
  ASSERT_FALSE(documented.empty());
  std::set<std::string> installed;
  for (const Route& r : h.server().routes()) installed.insert(r.method + " " + r.pattern);
  for (const std::string& route : installed) {
    EXPECT_TRUE(documented.count(route) > 0) << route << " is not in docs/openapi.yaml";
  }
  for (const std::string& op : documented) {
    EXPECT_TRUE(installed.count(op) > 0) << op << " is in docs/openapi.yaml but not installed";
  }
}

TEST(OpenApiTest, ServedDocumentIsTheFile) {
  ServerHarness h;
  ASSERT_TRUE(h.ok());
  auto res = h.Client().Get("/api/v1/openapi.yaml");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, OpenApiText());
}

}  // namespace
}  // namespace xianjie::server::testing
