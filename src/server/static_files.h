// The built web UI (web/dist) served by the same binary: files under a root directory, any other
// GET answered with index.html so that the single-page app's own routes (/households/…) load on
// a reload, and paths that try to leave the root rejected.
#ifndef XIANJIE_SERVER_STATIC_FILES_H_
#define XIANJIE_SERVER_STATIC_FILES_H_

#include <filesystem>
#include <string>

#include <httplib.h>

namespace xianjie::server {

class StaticFiles {
 public:
  // `root` is the directory holding index.html; "" (or a directory that does not exist) means
  // no UI: every GET then gets a short page saying how to build it.
  explicit StaticFiles(const std::string& root);

  bool has_root() const { return !root_.empty(); }

  // Answers a GET or HEAD of `path` (URL-decoded, not under /api/):
  //  - a path with a ".." segment, a backslash or a NUL byte: 400 (the caller renders the error);
  //  - a regular file under the root (symbolic links that lead outside count as missing): the
  //    file, with its MIME type; files under /assets/ (content-hashed names) cacheable for a
  //    year, everything else revalidated;
  //  - anything else: index.html (SPA fallback), or the "UI not built" page.
  // Returns the HTTP status set (the body is set too, except for 400).
  int Serve(const std::string& path, httplib::Response& response) const;

 private:
  std::filesystem::path root_;  // canonical; empty when there is no UI
};

// The MIME type of a file name by its extension ("application/octet-stream" if unknown).
std::string MimeTypeOf(const std::string& filename);

}  // namespace xianjie::server

#endif  // XIANJIE_SERVER_STATIC_FILES_H_
