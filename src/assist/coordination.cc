// The coordination file's strict TOML parser and the built-in file (coordination.h). The checks
// themselves are in coordination_checks.cc.
#include "assist/coordination.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "strict_toml/document.h"
#include "strict_toml/path_reader.h"

namespace xianjie::embedded {
std::string_view coordination_toml();
}  // namespace xianjie::embedded

namespace xianjie::assist {
namespace {

using cases::MeasureCategory;
using strict_toml::DidYouMean;
using strict_toml::JoinedNames;
using strict_toml::PathReader;
using strict_toml::Pos;
using strict_toml::PosOf;
using strict_toml::TypeName;

constexpr std::string_view kCoordinationTopKeys[] = {"counted_statuses", "labour_capacity",
                                                     "check"};
constexpr int kMaxMonths = 120;

// What each check's table may hold besides id, titles, actions and `enabled`.
struct CheckShape {
  bool categories = false;
  bool only_categories = false;
  bool months = false;
};

CheckShape ShapeOf(std::string_view id) {
  if (id == "C01") return {.categories = true, .only_categories = true};
  if (id == "C09") return {.months = true};
  if (id == "C10") return {};
  return {.categories = true};
}

std::vector<std::string_view> KeysOf(const CheckShape& shape) {
  std::vector<std::string_view> keys = {"id",        "title_zh",  "title_en",
                                        "action_zh", "action_en", "enabled"};
  if (shape.categories) keys.push_back("categories");
  if (shape.only_categories) keys.push_back("only_categories");
  if (shape.months) keys.push_back("months");
  return keys;
}

template <typename T, size_t N>
std::array<std::string_view, N> CodesOfAll(const std::array<T, N>& all,
                                           std::string_view (*code)(T)) {
  std::array<std::string_view, N> out;
  for (size_t i = 0; i < N; ++i) out[i] = code(all[i]);
  return out;
}

const std::array<std::string_view, cases::kAllMeasureCategories.size()>& CategoryCodes() {
  static const auto codes = CodesOfAll(cases::kAllMeasureCategories, cases::MeasureCategoryCode);
  return codes;
}

const std::array<std::string_view, cases::kAllMeasureStatuses.size()>& StatusCodes() {
  static const auto codes = CodesOfAll(cases::kAllMeasureStatuses, cases::MeasureStatusCode);
  return codes;
}

std::vector<std::string_view> LabourCodes() {
  std::vector<std::string_view> codes;
  for (const registry::CodeEntry& e : registry::CodesOf(registry::Labor{})) codes.push_back(e.code);
  return codes;
}

// One string of a list with its place.
struct ListItem {
  std::string text;
  Pos pos;
  std::string path;  // "check[1].categories[0]"
};

// The strings of the array `key`: "missing; add <example>" at `table_pos` when absent, "must be
// an array of strings", "must be a string" for an item, "is empty", "'x' is given twice".
Result<std::vector<ListItem>> StringList(const PathReader& r, const toml::table& t, Pos table_pos,
                                         const std::string& path, std::string_view key,
                                         std::string_view example, std::string_view what) {
  const std::string where = PathReader::Path(path, key);
  const toml::node* node = t.get(key);
  if (node == nullptr) return r.Error(table_pos, where, "missing", "add " + std::string(example));
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return r.Error(
        PosOf(*node), where,
        "must be an array of " + std::string(what) + ", not " + std::string(TypeName(*node)),
        "write " + std::string(example));
  }
  if (array->empty()) {
    return r.Error(PosOf(*node), where, "is empty",
                   "name at least one, like " + std::string(example));
  }
  std::vector<ListItem> items;
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::node& item = (*array)[i];
    const std::string at = PathReader::Indexed(where, i);
    const auto* s = item.as_string();
    if (s == nullptr) {
      return r.Error(PosOf(item), at, "must be a string, not " + std::string(TypeName(item)),
                     "write " + std::string(example));
    }
    for (const ListItem& earlier : items) {
      if (earlier.text == s->get()) {
        return r.Error(PosOf(item), at, "'" + s->get() + "' is given twice",
                       "name each once (first as " + earlier.path + ")");
      }
    }
    items.push_back({s->get(), PosOf(item), at});
  }
  return items;
}

Result<std::vector<MeasureCategory>> Categories(const PathReader& r, const toml::table& t,
                                                Pos table_pos, const std::string& path,
                                                std::string_view key) {
  XJ_ASSIGN_OR_RETURN(
      std::vector<ListItem> items,
      StringList(r, t, table_pos, path, key, std::string(key) + " = [\"health\", \"social\"]",
                 "measure category codes"));
  std::vector<MeasureCategory> out;
  for (const ListItem& item : items) {
    const std::optional<MeasureCategory> c = cases::ParseMeasureCategory(item.text);
    if (!c) {
      return r.Error(
          item.pos, item.path, "'" + item.text + "' is not a measure category of DOMAIN.md §7.1",
          DidYouMean(item.text, CategoryCodes()) + "use one of " + JoinedNames(CategoryCodes()));
    }
    out.push_back(*c);
  }
  return out;
}

Result<std::vector<cases::MeasureStatus>> Statuses(const PathReader& r, const toml::table& root) {
  XJ_ASSIGN_OR_RETURN(
      std::vector<ListItem> items,
      StringList(r, root, {1, 1}, "", "counted_statuses",
                 "counted_statuses = [\"planned\", \"in_progress\", \"done\"]", "status codes"));
  std::vector<cases::MeasureStatus> out;
  for (const ListItem& item : items) {
    const std::optional<cases::MeasureStatus> s = cases::ParseMeasureStatus(item.text);
    if (!s) {
      return r.Error(
          item.pos, item.path, "'" + item.text + "' is not a measure status",
          DidYouMean(item.text, StatusCodes()) + "use one of " + JoinedNames(StatusCodes()));
    }
    out.push_back(*s);
  }
  return out;
}

Result<std::vector<registry::Labor>> LabourCapacity(const PathReader& r, const toml::table& root) {
  XJ_ASSIGN_OR_RETURN(
      std::vector<ListItem> items,
      StringList(r, root, {1, 1}, "", "labour_capacity",
                 "labour_capacity = [\"skilled\", \"ordinary\", \"weak\"]", "labour codes"));
  const std::vector<std::string_view> codes = LabourCodes();
  std::vector<registry::Labor> out;
  for (const ListItem& item : items) {
    const auto it = std::find(codes.begin(), codes.end(), item.text);
    if (it == codes.end()) {
      return r.Error(item.pos, item.path,
                     "'" + item.text + "' is not a labour code of DOMAIN.md §13",
                     DidYouMean(item.text, codes) + "use one of " + JoinedNames(codes));
    }
    out.push_back(static_cast<registry::Labor>(it - codes.begin()));
  }
  return out;
}

Result<int> Months(const PathReader& r, const toml::table& t, Pos table_pos,
                   const std::string& path) {
  const std::string where = PathReader::Path(path, "months");
  const toml::node* node = t.get("months");
  if (node == nullptr) return r.Error(table_pos, where, "missing", "add months = 1");
  if (!node->is_integer()) {
    return r.Error(PosOf(*node), where, "must be an integer, not " + std::string(TypeName(*node)),
                   "write months = 1");
  }
  const int64_t months = node->as_integer()->get();
  if (months < 1 || months > kMaxMonths) {
    return r.Error(PosOf(*node), where, std::to_string(months) + " is not a number of months",
                   "give a whole number of months from 1 to " + std::to_string(kMaxMonths));
  }
  return static_cast<int>(months);
}

Result<CoordinationCheck> ParseCheck(const PathReader& r, const toml::table& t,
                                     const std::string& path) {
  const Pos pos = PosOf(t);
  CoordinationCheck c;
  // The id first: it decides which keys the table may hold.
  XJ_ASSIGN_OR_RETURN(c.id, r.String(t, pos, path, "id", true, "id = \"C01\""));
  const Pos id_pos = PosOf(*t.get("id"));
  c.line = id_pos.line;
  if (std::find(kCoordinationCheckIds.begin(), kCoordinationCheckIds.end(), c.id) ==
      kCoordinationCheckIds.end()) {
    return r.Error(
        id_pos, PathReader::Path(path, "id"), "'" + c.id + "' is not a coordination check",
        DidYouMean(c.id, kCoordinationCheckIds) +
            "the checks are those of DOMAIN.md §7.2: " + JoinedNames(kCoordinationCheckIds));
  }
  const CheckShape shape = ShapeOf(c.id);
  XJ_RETURN_IF_ERROR(r.CheckKeys(t, path, KeysOf(shape)));
  XJ_ASSIGN_OR_RETURN(c.title_zh, r.String(t, pos, path, "title_zh", true,
                                           "title_zh = \"住房安全问题缺少住房安全保障措施\""));
  XJ_ASSIGN_OR_RETURN(c.title_en,
                      r.String(t, pos, path, "title_en", true,
                               "title_en = \"Unsafe housing without a housing measure\""));
  XJ_ASSIGN_OR_RETURN(c.action_zh, r.String(t, pos, path, "action_zh", true,
                                            "action_zh = \"增加住房安全保障措施。\""));
  XJ_ASSIGN_OR_RETURN(c.action_en, r.String(t, pos, path, "action_en", true,
                                            "action_en = \"Add a housing safety measure.\""));
  XJ_ASSIGN_OR_RETURN(c.enabled, r.Bool(t, path, "enabled", true));
  if (shape.categories) {
    XJ_ASSIGN_OR_RETURN(c.categories, Categories(r, t, pos, path, "categories"));
  }
  if (shape.only_categories) {
    XJ_ASSIGN_OR_RETURN(c.only_categories, Categories(r, t, pos, path, "only_categories"));
    for (MeasureCategory only : c.only_categories) {
      if (c.Satisfies(only)) {
        const std::string code(cases::MeasureCategoryCode(only));
        return r.Error(PosOf(*t.get("only_categories")), PathReader::Path(path, "only_categories"),
                       "'" + code + "' is also one of the categories that satisfy the check",
                       "remove it from one of the two lists");
      }
    }
  }
  if (shape.months) {
    XJ_ASSIGN_OR_RETURN(c.months, Months(r, t, pos, path));
  }
  return c;
}

}  // namespace

bool CoordinationCheck::Satisfies(MeasureCategory category) const {
  return std::find(categories.begin(), categories.end(), category) != categories.end();
}

const CoordinationCheck* Coordination::Find(std::string_view id) const {
  for (const CoordinationCheck& c : checks) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

bool Coordination::Counts(const cases::Measure& measure) const {
  return std::find(counted_statuses.begin(), counted_statuses.end(), measure.status) !=
         counted_statuses.end();
}

bool Coordination::HasLabourCapacity(const registry::Member& member) const {
  return member.shares_household && std::find(labour_capacity.begin(), labour_capacity.end(),
                                              member.labor) != labour_capacity.end();
}

Result<Coordination> ParseCoordination(std::string_view text, std::string origin) {
  strict_toml::Document doc(text, origin);
  XJ_RETURN_IF_ERROR(
      doc.Parse({.what_to_do = "fix the TOML syntax (config/coordination.toml is a complete file)",
                 .what_to_do_for_repeated_key =
                     "write each key once (each check in its own [[check]] table)"}));
  const PathReader r(doc);
  const toml::table& root = doc.root();
  XJ_RETURN_IF_ERROR(r.CheckKeys(root, "", kCoordinationTopKeys));
  Coordination coordination;
  XJ_ASSIGN_OR_RETURN(coordination.counted_statuses, Statuses(r, root));
  XJ_ASSIGN_OR_RETURN(coordination.labour_capacity, LabourCapacity(r, root));
  XJ_ASSIGN_OR_RETURN(
      std::vector<const toml::table*> tables,
      r.ArrayOfTables(root, "", "check", "head each check with [[check]] (two brackets)",
                      "head each check with [[check]]"));
  std::array<std::optional<CoordinationCheck>, kCoordinationCheckIds.size()> found;
  for (size_t i = 0; i < tables.size(); ++i) {
    const std::string path = PathReader::Indexed("check", i);
    XJ_ASSIGN_OR_RETURN(CoordinationCheck c, ParseCheck(r, *tables[i], path));
    const size_t k = static_cast<size_t>(
        std::find(kCoordinationCheckIds.begin(), kCoordinationCheckIds.end(), c.id) -
        kCoordinationCheckIds.begin());
    if (found[k]) {
      return r.Error({c.line, 1}, path + ".id",
                     "check '" + c.id + "' is given twice (first at line " +
                         std::to_string(found[k]->line) + ")",
                     "keep one [[check]] for it");
    }
    found[k] = std::move(c);
  }
  for (size_t k = 0; k < found.size(); ++k) {
    if (!found[k]) {
      return r.Error({1, 1}, "check",
                     "check '" + std::string(kCoordinationCheckIds[k]) + "' is missing",
                     "add a [[check]] with id = \"" + std::string(kCoordinationCheckIds[k]) +
                         "\" (write enabled = false to turn it off)");
    }
    coordination.checks.push_back(std::move(*found[k]));
  }
  coordination.origin = std::move(origin);
  return coordination;
}

const Coordination& BuiltinCoordination() {
  static const Coordination* coordination = [] {
    auto parsed = ParseCoordination(embedded::coordination_toml(), "config/coordination.toml");
    if (!parsed.ok()) {
      std::fprintf(stderr, "the built-in coordination checks are broken: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    return new Coordination(std::move(*parsed));
  }();
  return *coordination;
}

}  // namespace xianjie::assist
