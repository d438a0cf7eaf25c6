// Fuzzes the reading of JSON request bodies as every route that takes one reads it:
// ParseJsonBody on the raw bytes, then the field readers (RequireObject, StringField, BoolField)
// over each field, then the answer the server would give back (Json), which must not throw and
// must be JSON again. A body that is not JSON is kInvalidArgument, never a crash; the route
// handlers' own checks run through every route in tests/server/authorization_matrix_test.cc.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "server/params.h"
#include "server/route.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace xianjie;
  httplib::Request request;
  request.body.assign(reinterpret_cast<const char*>(data), size);
  Result<nlohmann::json> body = server::ParseJsonBody(request);
  if (!body.ok()) {
    Check(body.status().code() == StatusCode::kInvalidArgument);
    return 0;
  }
  Status object = server::RequireObject(*body);
  if (object.ok()) {
    for (const auto& [key, value] : body->items()) {
      Result<std::string> text = server::StringField(*body, key, /*required=*/false);
      Check(text.ok() == value.is_string());
      Result<bool> flag = server::BoolField(*body, key);
      Check(flag.ok() == value.is_boolean());
    }
    Check(server::StringField(*body, "\x01 no such field").status().code() ==
          StatusCode::kInvalidArgument);
  } else {
    Check(object.code() == StatusCode::kInvalidArgument && !body->is_object());
  }
  server::Reply reply = server::Json(*body);
  nlohmann::json again = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  Check(!again.is_discarded());
  return 0;
}
