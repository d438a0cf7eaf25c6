// Helpers shared by the subcommands: opening the database, reporting errors, who is running.
#ifndef XIANJIE_CLI_COMMON_H_
#define XIANJIE_CLI_COMMON_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "registry/region.h"
#include "registry/store.h"
#include "store/database.h"
#include "store/open.h"  // DisplayName, for messages that name the database

namespace xianjie::cli {

// Prints "error: <message>" on stderr and returns kExitUserError.
int Fail(const Status& status);

// Opens an existing, initialized database named by --db (kNotFound with the init hint if it is
// missing); see store::OpenStore for the specs and errors.
Result<std::unique_ptr<store::Database>> OpenDatabase(const std::string& db);

// The region table stored in the registry; kFailedPrecondition if it has none.
Result<registry::RegionTable> LoadRegionTable(registry::Store& store);

// The region table in the CSV file `path` (RegionTable::FromCsv), or the built-in Qinghai table
// if `path` is empty. Errors name the file.
Result<registry::RegionTable> ReadRegionFile(const std::string& path);

// The operating-system user running the command.
std::string CurrentUser();

// Appends to the database's audit log that CurrentUser() did `action` on `subject` (detail: JSON
// text or ""). Commands that show or write out people's data call it before they do, and stop
// if it fails (the error says the access is refused): no read of a file goes unrecorded.
Status RecordAccess(store::Database& database, const std::string& action,
                    const std::string& subject, const std::string& detail = "");

// True when stdout is a terminal (progress bars, colours).
bool StdoutIsTerminal();

// `text` padded with spaces to `columns` terminal columns (CJK characters take two).
std::string PadRight(const std::string& text, int columns);

// "1,234,567".
std::string WithThousands(int64_t n);

}  // namespace xianjie::cli

#endif  // XIANJIE_CLI_COMMON_H_
