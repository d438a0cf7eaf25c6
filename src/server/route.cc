// The reply builders and the JSON body parser of route.h.
#include "server/route.h"

#include <cstdio>

namespace xianjie::server {
namespace {

// RFC 3986 unreserved characters stay; every other byte becomes %XX (RFC 5987 ext-value).
std::string PercentEncode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// The plain filename= fallback for clients without filename*: the printable ASCII of the name,
// each run of other bytes (a Chinese word, a quote) as one '_' between kept characters, without
// leading '_', '-' or spaces; "download" before a bare extension ("公示-630102001001.xlsx" →
// "630102001001.xlsx", "户籍.csv" → "download.csv").
std::string AsciiFallback(const std::string& text) {
  std::string out;
  bool gap = false;
  for (unsigned char c : text) {
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out.push_back('_');
    gap = false;
    out.push_back(static_cast<char>(c));
  }
  const size_t begin = out.find_first_not_of("_- ");
  out = begin == std::string::npos ? std::string() : out.substr(begin);
  if (out.empty() || out.front() == '.') out.insert(0, "download");
  return out;
}

}  // namespace

Reply Json(const nlohmann::json& body, int status) {
  Reply reply;
  reply.status = status;
  // Invalid UTF-8 from stored data must not throw in the middle of a response.
  reply.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return reply;
}

Reply NoContent() {
  Reply reply;
  reply.status = 204;
  reply.content_type.clear();
  return reply;
}

Reply File(std::string body, std::string content_type, const std::string& filename) {
  Reply reply;
  reply.body = std::move(body);
  reply.content_type = std::move(content_type);
  reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" +
                                                        AsciiFallback(filename) +
                                                        "\"; filename*=UTF-8''" +
                                                        PercentEncode(filename));
  return reply;
}

Result<nlohmann::json> ParseJsonBody(const httplib::Request& request) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    return InvalidArgument(
        "the request body is not JSON: send a JSON object with Content-Type: application/json");
  }
  return body;
}

}  // namespace xianjie::server
