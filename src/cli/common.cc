// Shared helpers of the subcommands.
#include "cli/common.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/cli.h"
#include "store/open.h"

namespace xianjie::cli {

int Fail(const Status& status) {
  std::fprintf(stderr, "error: %s\n", status.message().c_str());
  return kExitUserError;
}

Result<std::unique_ptr<store::Database>> OpenDatabase(const std::string& db) {
  return store::OpenStore(db, store::OpenMode::kExisting);
}

Result<registry::RegionTable> LoadRegionTable(registry::Store& store) {
  XJ_ASSIGN_OR_RETURN(auto regions, store.LoadRegions());
  if (regions.empty()) {
    return FailedPrecondition("the registry has no region table; run: xianjie init --db <path>");
  }
  return registry::RegionTable::Build(std::move(regions));
}

Result<registry::RegionTable> ReadRegionFile(const std::string& path) {
  if (path.empty()) return registry::RegionTable::BuiltIn();
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read region file '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  auto table = registry::RegionTable::FromCsv(ss.str());
  if (!table.ok()) return InvalidArgument(path + ": " + table.status().message());
  return table;
}

std::string CurrentUser() {
  if (const char* u = std::getenv("USER"); u != nullptr && *u != '\0') return u;
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr) return pw->pw_name;
  return "uid " + std::to_string(::geteuid());
}

Status RecordAccess(store::Database& database, const std::string& action,
                    const std::string& subject, const std::string& detail) {
  auto entry = database.Append(CurrentUser(), action, subject, detail);
  if (!entry.ok()) {
    return Status(entry.status().code(),
                  "could not record the access in the audit log, so it is refused: " +
                      entry.status().message());
  }
  return Status::Ok();
}

bool StdoutIsTerminal() { return ::isatty(STDOUT_FILENO) == 1; }

std::string PadRight(const std::string& text, int columns) {
  int width = 0;
  for (size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    width += n >= 3 ? 2 : 1;  // three- and four-byte sequences are CJK or wide in practice
    i += n;
  }
  return text + std::string(static_cast<size_t>(std::max(0, columns - width)), ' ');
}

std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace xianjie::cli
