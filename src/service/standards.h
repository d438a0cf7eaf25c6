// Standards through the service: the built-in and stored standards with the one in force marked,
// one standard's text and rules, checking a draft, comparing a draft with the standard in force
// on the registry (what-if), and loading a standard.
#ifndef XIANJIE_SERVICE_STANDARDS_H_
#define XIANJIE_SERVICE_STANDARDS_H_

#include <string>
#include <vector>

#include "access/role.h"
#include "base/status.h"
#include "rules/screening_store.h"
#include "rules/standard.h"
#include "rules/whatif.h"
#include "service/workspace.h"

namespace xianjie::service {

struct StandardItem {
  rules::StoredStandard stored;  // toml empty in lists; loaded_at and user "" for built-ins
  bool builtin = false;          // shipped with the binary (same content)
  bool in_force = false;         // in force for its own (province, county, year)
};

// standard.read: every built-in and stored standard (each content once), by province, county,
// year.
Result<std::vector<StandardItem>> ListStandards(Workspace& ws, const access::Principal& principal);

struct StandardDetail {
  StandardItem item;         // with toml
  rules::Standard standard;  // parsed (rules, line)
};

// standard.read: one standard by content hash; kNotFound for an unknown hash.
Result<StandardDetail> GetStandard(Workspace& ws, const access::Principal& principal,
                                   const std::string& content_hash);

// A problem in a draft, where it is.
struct Diagnostic {
  int line = 0;    // 1-based; 0 when the message names no line
  int column = 0;  // 1-based; 0 when unknown
  std::string message;
  std::string caret;  // the expression and a caret line under the fault, when there is one
};

struct CheckResult {
  bool ok = false;
  std::vector<Diagnostic> diagnostics;  // at most one: parsing and compiling stop at the first
};

// standard.whatif: whether `toml` parses and compiles (its rules may name the department facts
// of the built-in contracts, dept.<fact>).
Result<CheckResult> CheckStandard(Workspace& ws, const access::Principal& principal,
                                  const std::string& toml);

struct WhatIfResult {
  rules::Standard a;  // in force for the draft's province, county and year
  rules::Standard b;  // the draft
  std::string region;  // the households compared: this prefix
  rules::WhatIfReport report;
};

// standard.whatif: the draft `toml` against the standard in force, on the households of `region`
// ("" = the draft's county, else the principal's scope inside the draft's province, else the
// province), both standards reading the workspace's department facts (WorkspaceView::facts).
// kInvalidArgument with the draft's first problem (line, column, caret) when it does not parse or
// compile; kPermissionDenied when the region lies outside the scope.
Result<WhatIfResult> WhatIf(Workspace& ws, const access::Principal& principal,
                            const std::string& toml, const std::string& region);

// standard.load: puts the standard `toml` in force for its own province, county and year.
// kInvalidArgument as WhatIf; kPermissionDenied when its province (county) is outside the scope.
Result<StandardItem> LoadStandard(Workspace& ws, const access::Principal& principal,
                                  const std::string& toml);

// The first problem of a kInvalidArgument from ParseStandardToml or Compile, located.
Diagnostic DiagnosticOf(const Status& status, const std::string& origin);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_STANDARDS_H_
