// Serving the built web UI (static_files.h).
#include "server/static_files.h"

#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace xianjie::server {
namespace {

constexpr char kNotBuiltPage[] = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Xianjie</title></head>
<body>
<h1>Xianjie (衔接) is running</h1>
<p>The web UI is not built, so only the JSON API under <code>/api/v1/</code> answers
(see <a href="/api/v1/openapi.yaml">/api/v1/openapi.yaml</a>).</p>
<p>To build the UI: <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>, then start
<code>xianjie serve</code> from the project directory, or pass <code>--web web/dist</code>.</p>
</body></html>
)";

bool ReadWhole(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = std::move(buffer).str();
  return static_cast<bool>(in) || in.eof();
}

bool HasTraversal(const std::string& path) {
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return true;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (path.compare(start, end - start, "..") == 0 && end - start == 2) return true;
    start = end + 1;
  }
  return false;
}

// True when `inner` (canonical) lies inside `root` (canonical).
bool Inside(const std::filesystem::path& root, const std::filesystem::path& inner) {
  auto r = root.begin();
  auto i = inner.begin();
  for (; r != root.end(); ++r, ++i) {
    if (i == inner.end() || *r != *i) return false;
  }
  return true;
}

}  // namespace

std::string MimeTypeOf(const std::string& filename) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".yaml", "application/yaml; charset=utf-8"},
  };
  const std::string ext = std::filesystem::path(filename).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(const std::string& root) {
  if (root.empty()) return;
  std::error_code ec;
  auto canonical = std::filesystem::canonical(root, ec);
  if (!ec && std::filesystem::is_directory(canonical, ec)) root_ = canonical;
}

int StaticFiles::Serve(const std::string& path, httplib::Response& response) const {
  if (HasTraversal(path)) {
    response.status = 400;
    return 400;
  }
  if (root_.empty()) {
    response.status = 200;
    response.set_content(kNotBuiltPage, "text/html; charset=utf-8");
    response.set_header("Cache-Control", "no-cache");
    return 200;
  }
  std::string relative = path;
  while (!relative.empty() && relative.front() == '/') relative.erase(0, 1);
  std::error_code ec;
  std::filesystem::path file;
  if (!relative.empty()) {
    file = std::filesystem::canonical(root_ / relative, ec);
    if (ec || !Inside(root_, file) || !std::filesystem::is_regular_file(file, ec)) file.clear();
  }
  const bool fallback = file.empty();
  if (fallback) file = root_ / "index.html";
  std::string body;
  if (!ReadWhole(file, body)) {
    response.status = 404;
    response.set_content("not found\n", "text/plain; charset=utf-8");
    return 404;
  }
  response.status = 200;
  response.set_content(std::move(body), MimeTypeOf(file.filename().string()));
  const bool hashed_asset = !fallback && relative.rfind("assets/", 0) == 0;
  response.set_header("Cache-Control",
                      hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  return 200;
}

}  // namespace xianjie::server
