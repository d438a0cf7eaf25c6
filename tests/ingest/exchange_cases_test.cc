// Runs the exchange-format rule cases in tests/ingest/cases/*.test: each case is a small
// households.csv or members.csv with the expected quarantine (line, column, rule), accepted
// rows and file-level error. The file format is described in cases/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/case_input.h"
#include "ingest/exchange_format.h"
#include "ingest/test_rows.h"

namespace xianjie::ingest {
namespace {

struct ExpectedEntry {
  int64_t line = 0;
  std::string column;
  std::string rule;
  std::optional<std::string> value;
  std::optional<std::string> message;
  std::optional<std::string> record;
};

struct Case {
  std::string name;    // file stem + case title, for the test name
  std::string source;  // "file.test:line" for failure messages
  std::string file = "households.csv";
  std::set<std::string> ignored;
  std::string today = "2025-06-30";
  std::string input;
  std::optional<std::string> error;
  std::optional<int64_t> accepted;
  std::vector<ExpectedEntry> quarantine;
  std::vector<std::pair<int64_t, std::map<std::string, std::string>>> rows;
  std::optional<std::vector<std::string>> quarantined_ids;
};

std::string TestName(const std::string& text) {
  std::string out;
  for (char c : text) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

std::vector<Case> LoadCases() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(XJ_INGEST_CASES_DIR)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Case> cases;
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line;
    int line_no = 0;
    enum { kHead, kInput, kExpect } section = kHead;
    while (std::getline(in, line)) {
      ++line_no;
      if (line.rfind("=== ", 0) == 0) {
        Case& c = cases.emplace_back();
        c.name = TestName(path.stem().string() + "_" + line.substr(4));
        c.source = path.filename().string() + ":" + std::to_string(line_no);
        section = kHead;
        continue;
      }
      if (cases.empty() || (section != kInput && (line.empty() || line[0] == '#'))) continue;
      Case& c = cases.back();
      if (section == kInput && line != "expect:") {
        c.input += ExpandInputLine(line);
        continue;
      }
      std::istringstream words(line);
      std::string key;
      words >> key;
      std::string rest;
      std::getline(words >> std::ws, rest);
      if (key == "input:")
        section = kInput;
      else if (key == "expect:")
        section = kExpect;
      else if (key == "file:")
        c.file = rest;
      else if (key == "ignore:")
        c.ignored.insert(rest);
      else if (key == "today:")
        c.today = rest;
      else if (key == "error:")
        c.error = rest;
      else if (key == "accepted:")
        c.accepted = std::stoll(rest);
      else if (key == "value:")
        c.quarantine.back().value = rest;
      else if (key == "message:")
        c.quarantine.back().message = rest;
      else if (key == "record:")
        c.quarantine.back().record = rest;
      else if (key == "quarantined_ids:") {
        std::istringstream ids(rest);
        c.quarantined_ids.emplace();
        for (std::string id; ids >> id;) c.quarantined_ids->push_back(id);
      } else if (key == "q:") {
        ExpectedEntry& e = c.quarantine.emplace_back();
        std::istringstream(rest) >> e.line >> e.column >> e.rule;
        if (e.column == "-") e.column.clear();
      } else if (key == "row:") {
        std::istringstream fields(rest);
        auto& row = c.rows.emplace_back();
        fields >> row.first;
        for (std::string kv; fields >> kv;) {
          size_t eq = kv.find('=');
          row.second[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
      } else {
        ADD_FAILURE() << path.filename() << ":" << line_no << ": unknown line: " << line;
      }
    }
  }
  return cases;
}

// Failure messages name the case by its place in the .test file.
void PrintTo(const Case& c, std::ostream* os) { *os << c.source; }

class ExchangeCaseTest : public ::testing::TestWithParam<Case> {};

// Checks everything a case expects of a parsed file (ParsedHouseholds or ParsedMembers).
template <typename Parsed>
void CheckParsed(const Case& c, const Parsed& parsed) {
  EXPECT_EQ(parsed.read, static_cast<int64_t>(parsed.rows.size() + parsed.quarantine.size()))
      << "read != accepted + quarantined";
  if (c.accepted) {
    EXPECT_EQ(static_cast<int64_t>(parsed.rows.size()), *c.accepted);
  }
  std::vector<std::string> got, want;
  for (const auto& e : parsed.quarantine) {
    got.push_back(std::to_string(e.line) + " " + (e.column.empty() ? "-" : e.column) + " " +
                  e.rule);
    EXPECT_EQ(e.file, c.file);
  }
  for (const auto& e : c.quarantine) {
    want.push_back(std::to_string(e.line) + " " + (e.column.empty() ? "-" : e.column) + " " +
                   e.rule);
  }
  EXPECT_EQ(got, want) << "quarantine (line column rule)";
  for (size_t i = 0; i < c.quarantine.size() && i < parsed.quarantine.size(); ++i) {
    if (c.quarantine[i].value) {
      EXPECT_EQ(parsed.quarantine[i].value, *c.quarantine[i].value);
    }
    if (c.quarantine[i].message) {
      EXPECT_EQ(parsed.quarantine[i].message, *c.quarantine[i].message);
    }
    if (c.quarantine[i].record) {
      EXPECT_EQ(parsed.quarantine[i].record, *c.quarantine[i].record);
    }
  }
  for (const auto& [line, fields] : c.rows) {
    auto it = std::find_if(parsed.rows.begin(), parsed.rows.end(),
                           [&](const auto& r) { return r.line == line; });
    ASSERT_NE(it, parsed.rows.end()) << "no accepted row on line " << line;
    for (const auto& [column, value] : fields) {
      EXPECT_EQ(test_rows::Render(*it, column), value) << "line " << line << " " << column;
    }
  }
}

TEST_P(ExchangeCaseTest, MatchesExpectation) {
  const Case& c = GetParam();
  SCOPED_TRACE(c.source);
  ParseOptions options;
  options.ignored_columns = c.ignored;
  auto today = ParseDate(c.today);
  ASSERT_TRUE(today.ok());
  options.today = *today;
  auto check_error = [&](const Status& status) {
    if (c.error) {
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(status.message(), *c.error);
    } else {
      EXPECT_TRUE(status.ok()) << status.ToString();
    }
  };
  if (c.file == "members.csv") {
    auto parsed = ParseMembers(c.input, c.file, options);
    check_error(parsed.status());
    if (parsed.ok() && !c.error) CheckParsed(c, *parsed);
  } else {
    auto parsed = ParseHouseholds(c.input, c.file, registry::RegionTable::BuiltIn(), options);
    check_error(parsed.status());
    if (parsed.ok() && !c.error) {
      CheckParsed(c, *parsed);
      if (c.quarantined_ids) {
        EXPECT_EQ(parsed->quarantined_ids, *c.quarantined_ids);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ExchangeCaseTest, ::testing::ValuesIn(LoadCases()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace xianjie::ingest
