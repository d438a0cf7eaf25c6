// Standards: list, detail, check, what-if and load, with their authorization.
#include "service/standards.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "access/authorize.h"
#include "base/clock.h"
#include "exchange/fact_table.h"
#include "rules/compile.h"
#include "rules/standard_resolve.h"
#include "rules/standard_toml.h"
#include "service/common.h"
#include "service/screening.h"

namespace xianjie::service {
namespace {

using access::Operation;

// The origin drafts are parsed under: messages then start with "draft:".
constexpr char kDraftOrigin[] = "draft";

rules::StoredStandard Identity(const rules::Standard& s) {
  return rules::StoredStandard{s.content_hash, s.province, s.county, s.year, s.name, s.origin,
                               "",             "",         ""};
}

// Parses and compiles a draft; kInvalidArgument (the first problem) otherwise.
Result<ResolvedStandard> CompileDraft(const std::string& toml) {
  XJ_ASSIGN_OR_RETURN(rules::Standard standard, rules::ParseStandardToml(toml, kDraftOrigin));
  XJ_ASSIGN_OR_RETURN(std::shared_ptr<const rules::CompiledStandard> compiled,
                      rules::Compile(standard, exchange::BuiltinFactCatalog()));
  return ResolvedStandard{std::move(standard), std::move(compiled)};
}

std::string ScopeOf(const rules::Standard& s) { return s.county.empty() ? s.province : s.county; }

int LeadingNumber(std::string_view& text) {
  int n = 0;
  size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i < 9) n = n * 10 + (text[i++] - '0');
  text.remove_prefix(i);
  return n;
}

}  // namespace

Diagnostic DiagnosticOf(const Status& status, const std::string& origin) {
  Diagnostic d;
  std::string_view text = status.message();
  const std::string prefix = origin + ":";
  if (text.substr(0, prefix.size()) == prefix) {
    text.remove_prefix(prefix.size());
    d.line = LeadingNumber(text);
    if (text.size() > 1 && text[0] == ':' && text[1] >= '0' && text[1] <= '9') {
      text.remove_prefix(1);
      d.column = LeadingNumber(text);
    }
    if (text.substr(0, 1) == ":") text.remove_prefix(1);
    if (text.substr(0, 1) == " ") text.remove_prefix(1);
  }
  // The first line is the message; lines indented by two spaces are the expression and its
  // caret; any other line is a hint that belongs to the message.
  bool first = true;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    if (!first && line.substr(0, 2) == "  ") {
      d.caret += std::string(line.substr(2)) + "\n";
    } else {
      d.message += (first ? "" : "\n") + std::string(line);
    }
    first = false;
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  if (!d.caret.empty()) d.caret.pop_back();
  return d;
}

Result<std::vector<StandardItem>> ListStandards(Workspace& ws,
                                                const access::Principal& principal) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kStandardRead, ""));
  std::map<std::string, StandardItem> by_hash;
  for (const rules::Standard& s : rules::BuiltinStandards()) {
    StandardItem& item = by_hash[s.content_hash];
    item.stored = Identity(s);
    item.builtin = true;
  }
  XJ_ASSIGN_OR_RETURN(std::vector<rules::StoredStandard> stored, ws.database().ListStandards());
  for (rules::StoredStandard& s : stored) {
    StandardItem& item = by_hash[s.content_hash];
    const bool builtin = item.builtin;
    s.toml.clear();
    item.stored = std::move(s);
    item.builtin = builtin;
  }
  std::set<std::tuple<std::string, std::string, int>> scopes;
  for (const auto& [hash, item] : by_hash) {
    scopes.emplace(item.stored.province, item.stored.county, item.stored.year);
  }
  for (const auto& [province, county, year] : scopes) {
    auto in_force = rules::ResolveStandard(&ws.database(), province, county, year);
    if (!in_force.ok()) continue;  // an unreadable stored standard is shown, not in force
    auto it = by_hash.find(in_force->content_hash);
    if (it != by_hash.end()) it->second.in_force = true;
  }
  std::vector<StandardItem> out;
  for (auto& [hash, item] : by_hash) out.push_back(std::move(item));
  std::sort(out.begin(), out.end(), [](const StandardItem& a, const StandardItem& b) {
    return std::tie(a.stored.province, a.stored.county, a.stored.year, a.stored.loaded_at) <
           std::tie(b.stored.province, b.stored.county, b.stored.year, b.stored.loaded_at);
  });
  return out;
}

Result<StandardDetail> GetStandard(Workspace& ws, const access::Principal& principal,
                                   const std::string& content_hash) {
  XJ_ASSIGN_OR_RETURN(std::vector<StandardItem> items, ListStandards(ws, principal));
  auto it = std::find_if(items.begin(), items.end(), [&](const StandardItem& i) {
    return i.stored.content_hash == content_hash;
  });
  if (it == items.end()) return NotFound("no standard with hash '" + content_hash + "'");
  StandardDetail detail;
  detail.item = *it;
  XJ_ASSIGN_OR_RETURN(std::optional<rules::StoredStandard> stored,
                      ws.database().GetStandard(content_hash));
  if (stored) {
    XJ_ASSIGN_OR_RETURN(detail.standard, rules::ParseStoredStandard(*stored));
  } else {
    for (const rules::Standard& s : rules::BuiltinStandards()) {
      if (s.content_hash == content_hash) detail.standard = s;
    }
  }
  detail.item.stored.toml = detail.standard.toml;
  return detail;
}

Result<CheckResult> CheckStandard(Workspace&, const access::Principal& principal,
                                  const std::string& toml) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kStandardWhatIf, ""));
  CheckResult result;
  auto draft = CompileDraft(toml);
  if (draft.ok()) {
    result.ok = true;
  } else if (draft.status().code() == StatusCode::kInvalidArgument) {
    result.diagnostics.push_back(DiagnosticOf(draft.status(), kDraftOrigin));
  } else {
    return draft.status();
  }
  return result;
}

Result<WhatIfResult> WhatIf(Workspace& ws, const access::Principal& principal,
                            const std::string& toml, const std::string& region) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kStandardWhatIf, ""));
  XJ_ASSIGN_OR_RETURN(ResolvedStandard b, CompileDraft(toml));
  const std::string draft_scope = ScopeOf(b.standard);
  std::string code = region;
  if (code.empty()) {
    code = principal.scope.compare(0, draft_scope.size(), draft_scope) == 0 ? principal.scope
                                                                          : draft_scope;
  } else {
    XJ_RETURN_IF_ERROR(CheckRegionCode("region", code));
    if (code.compare(0, draft_scope.size(), draft_scope) != 0) {
      return InvalidArgument("region " + code + " lies outside the draft's scope " + draft_scope +
                             ": compare a standard on its own households");
    }
  }
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kStandardWhatIf, code));
  XJ_ASSIGN_OR_RETURN(
      std::shared_ptr<const ResolvedStandard> a,
      ws.StandardFor(b.standard.province, b.standard.county, b.standard.year));
  const std::shared_ptr<const WorkspaceView> view = ws.view();
  XJ_ASSIGN_OR_RETURN(std::shared_ptr<const registry::Snapshot> snapshot,
                      SnapshotWithin(view->index->shared_snapshot(), code));
  const std::shared_ptr<const rules::FactColumns> facts = view->FactsFor(*snapshot);
  WhatIfResult result;
  result.report = rules::CompareStandards(*snapshot, *a->compiled, *b.compiled,
                                          ws.options().screening_threads, facts.get());
  result.a = a->standard;
  result.b = std::move(b.standard);
  result.region = code;
  return result;
}

Result<StandardItem> LoadStandard(Workspace& ws, const access::Principal& principal,
                                  const std::string& toml) {
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kStandardLoad, ""));
  XJ_ASSIGN_OR_RETURN(ResolvedStandard draft, CompileDraft(toml));
  const rules::Standard& s = draft.standard;
  XJ_RETURN_IF_ERROR(access::Authorize(principal, Operation::kStandardLoad, ScopeOf(s)));
  rules::StoredStandard stored = Identity(s);
  stored.origin = "web";
  stored.toml = s.toml;
  stored.loaded_at = UtcNowIso8601();
  stored.user = principal.username;
  XJ_RETURN_IF_ERROR(ws.database().LoadStandard(stored));
  ws.ForgetStandards();
  StandardItem item;
  item.stored = std::move(stored);
  item.stored.toml.clear();
  item.in_force = true;
  for (const rules::Standard& builtin : rules::BuiltinStandards()) {
    if (builtin.content_hash == s.content_hash) item.builtin = true;
  }
  return item;
}

}  // namespace xianjie::service
