// Tables read with messages naming the key path (path_reader.h).
#include "strict_toml/path_reader.h"

namespace xianjie::strict_toml {

Status PathReader::Error(Pos pos, std::string_view path, std::string_view what,
                         std::string_view what_to_do) const {
  return doc_.Error(pos, std::string(path) + ": " + std::string(what), what_to_do);
}

std::string PathReader::Path(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

std::string PathReader::Indexed(std::string_view path, size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

Status PathReader::CheckKeys(const toml::table& table, std::string_view path,
                             std::span<const std::string_view> allowed) const {
  const std::optional<Entry> unknown = FirstUnknownKey(table, allowed);
  if (!unknown) return Status::Ok();
  return Error(unknown->key_pos, Path(path, unknown->key), "unknown key",
               DidYouMean(unknown->key, allowed) + "the keys here are " + JoinedNames(allowed));
}

Result<const toml::value<std::string>*> PathReader::StringNode(const toml::table& table,
                                                               Pos table_pos, std::string_view path,
                                                               std::string_view key, bool required,
                                                               std::string_view example) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (!required) return static_cast<const toml::value<std::string>*>(nullptr);
    return Error(table_pos, Path(path, key), "missing", "add " + std::string(example));
  }
  const toml::value<std::string>* value = node->as_string();
  if (value == nullptr) {
    return Error(PosOf(*node), Path(path, key),
                 "must be a string, not " + std::string(TypeName(*node)),
                 "write " + std::string(example));
  }
  return value;
}

Result<std::string> PathReader::String(const toml::table& table, Pos table_pos,
                                       std::string_view path, std::string_view key, bool required,
                                       std::string_view example) const {
  XJ_ASSIGN_OR_RETURN(const toml::value<std::string>* value,
                      StringNode(table, table_pos, path, key, required, example));
  if (value == nullptr) return std::string();
  if (value->get().find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error(PosOf(*value), Path(path, key), "is empty", "write " + std::string(example));
  }
  return value->get();
}

Result<std::string> PathReader::StringMayBeBlank(const toml::table& table, std::string_view path,
                                                 std::string_view key,
                                                 std::string_view example) const {
  XJ_ASSIGN_OR_RETURN(const toml::value<std::string>* value,
                      StringNode(table, Pos{}, path, key, false, example));
  return value == nullptr ? std::string() : value->get();
}

Result<bool> PathReader::Bool(const toml::table& table, std::string_view path, std::string_view key,
                              bool absent) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) return absent;
  if (!node->is_boolean()) {
    return Error(PosOf(*node), Path(path, key),
                 "must be true or false, not " + std::string(TypeName(*node)),
                 "write " + std::string(key) + " = true");
  }
  return node->as_boolean()->get();
}

Result<std::vector<const toml::table*>> PathReader::ArrayOfTables(
    const toml::table& table, std::string_view path, std::string_view key,
    std::string_view what_to_do, std::string_view item_what_to_do) const {
  std::vector<const toml::table*> tables;
  const toml::node* node = table.get(key);
  if (node == nullptr) return tables;
  const std::string where = Path(path, key);
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return Error(PosOf(*node), where,
                 "must be an array of tables, not " + std::string(TypeName(*node)), what_to_do);
  }
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::node& item = (*array)[i];
    const toml::table* t = item.as_table();
    if (t == nullptr) {
      return Error(PosOf(item), Indexed(where, i),
                   "must be a table, not " + std::string(TypeName(item)), item_what_to_do);
    }
    tables.push_back(t);
  }
  return tables;
}

}  // namespace xianjie::strict_toml
