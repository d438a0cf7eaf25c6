// Query parameters and JSON fields (params.h).
#include "server/params.h"

#include <charconv>

namespace xianjie::server {

std::string QueryString(const httplib::Request& request, const std::string& name,
                        const std::string& fallback) {
  return request.has_param(name) ? request.get_param_value(name) : fallback;
}

Result<int64_t> QueryInt(const httplib::Request& request, const std::string& name,
                         int64_t fallback, int64_t min, int64_t max) {
  const std::string text = QueryString(request, name);
  if (text.empty()) return fallback;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return InvalidArgument("query parameter '" + name + "' must be a whole number from " +
                           std::to_string(min) + " to " + std::to_string(max) + ", not '" +
                           text + "'");
  }
  return value;
}

Status RequireObject(const nlohmann::json& body) {
  if (!body.is_object()) {
    return InvalidArgument("the request body must be a JSON object ({...})");
  }
  return Status::Ok();
}

Result<std::string> StringField(const nlohmann::json& body, const std::string& name,
                                bool required) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (!required) return std::string();
    return InvalidArgument("the request body lacks the field '" + name + "'");
  }
  if (!it->is_string()) {
    return InvalidArgument("the field '" + name + "' must be a string");
  }
  return it->get<std::string>();
}

Result<bool> BoolField(const nlohmann::json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_boolean()) {
    return InvalidArgument("the field '" + name + "' must be true or false");
  }
  return it->get<bool>();
}

}  // namespace xianjie::server
