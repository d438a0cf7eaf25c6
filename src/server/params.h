// Reading a request's query parameters and JSON fields with errors for the person who sent them
// (kInvalidArgument naming the parameter and what it must be). For route files (api_*.cc).
#ifndef XIANJIE_SERVER_PARAMS_H_
#define XIANJIE_SERVER_PARAMS_H_

#include <cstdint>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "base/status.h"

namespace xianjie::server {

// The query parameter's value, or `fallback` when it is absent.
std::string QueryString(const httplib::Request& request, const std::string& name,
                        const std::string& fallback = "");
// A decimal integer in [min, max]; `fallback` when absent or empty; kInvalidArgument otherwise.
Result<int64_t> QueryInt(const httplib::Request& request, const std::string& name,
                         int64_t fallback, int64_t min, int64_t max);

// `body` must be a JSON object: kInvalidArgument otherwise.
Status RequireObject(const nlohmann::json& body);
// The string field `name` of the object `body`; kInvalidArgument when it is missing (unless
// `required` is false: then "") or not a string.
Result<std::string> StringField(const nlohmann::json& body, const std::string& name,
                                bool required = true);
// The boolean field `name`; kInvalidArgument when missing or not a boolean.
Result<bool> BoolField(const nlohmann::json& body, const std::string& name);

}  // namespace xianjie::server

#endif  // XIANJIE_SERVER_PARAMS_H_
