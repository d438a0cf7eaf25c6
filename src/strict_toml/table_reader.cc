// The keys of one table, with messages that name the table in words (table_reader.h).
#include "strict_toml/table_reader.h"

#include <span>

namespace xianjie::strict_toml {

Status TableReader::CheckKeys(std::initializer_list<std::string_view> allowed) const {
  const std::span<const std::string_view> names(allowed.begin(), allowed.size());
  const std::optional<Entry> unknown = FirstUnknownKey(*ref_.table, names);
  if (!unknown) return Status::Ok();
  return Error(unknown->key_pos, "unknown key '" + std::string(unknown->key) + "' in " + ref_.where,
               DidYouMean(unknown->key, names) + ref_.where + " takes " + JoinedNames(names));
}

Status TableReader::Missing(std::string_view key, std::string_view example) const {
  return Error(ref_.pos, ref_.where + " has no '" + std::string(key) + "'",
               "add " + std::string(example));
}

Status TableReader::WrongType(std::string_view key, const toml::node& node,
                              std::string_view expected, std::string_view example) const {
  return Error(PosOf(node),
               "'" + std::string(key) + "' in " + ref_.where + " must be " + std::string(expected) +
                   ", not " + std::string(TypeName(node)),
               "write " + std::string(example));
}

Result<const toml::value<std::string>*> TableReader::String(std::string_view key, bool required,
                                                            std::string_view example) const {
  XJ_ASSIGN_OR_RETURN(const toml::value<std::string>* value,
                      Get<std::string>(key, required, "a string", example));
  if (value != nullptr && value->get().find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error(PosOf(*value), "'" + std::string(key) + "' in " + ref_.where + " is empty",
                 "write " + std::string(example));
  }
  return value;
}

Result<bool> TableReader::Bool(std::string_view key, bool fallback) const {
  XJ_ASSIGN_OR_RETURN(const toml::value<bool>* value,
                      Get<bool>(key, false, "a boolean", std::string(key) + " = true or false"));
  return value == nullptr ? fallback : value->get();
}

}  // namespace xianjie::strict_toml
