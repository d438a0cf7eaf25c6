// Households through the service: search (masked list), the CSV export of a search, the household
// file, its version history and its explanation under the standard in force. Every read of one
// household's data and every export is recorded in the audit log (household.read,
// household.history, household.explain, export).
//
// Scope. An unknown household id is kNotFound for everyone; a household that exists outside the
// principal's scope is kPermissionDenied (the role check comes first, so a role that may not read
// households learns nothing). This tells a user with the role that an id exists elsewhere — ids
// are not secrets, the data is — and keeps "no such household" distinct from "not yours".
#ifndef XIANJIE_SERVICE_HOUSEHOLDS_H_
#define XIANJIE_SERVICE_HOUSEHOLDS_H_

#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "base/date.h"
#include "base/money.h"
#include "base/status.h"
#include "registry/history.h"
#include "registry/store.h"
#include "rules/explain.h"
#include "rules/screening_store.h"
#include "service/common.h"
#include "service/workspace.h"

namespace xianjie::service {

struct HouseholdSearch {
  std::string village;       // 12 digits, or "" (then `region`)
  std::string region;        // a region code prefix inside the scope; "" = the scope
  std::string name;          // a member's name starts with this
  std::string id_number;     // a member's ID number (18 characters)
  std::string household_id;  // household id prefix
  int64_t offset = 0;
  int64_t limit = 50;
};

struct HouseholdSummary {
  std::string household_id;
  std::string village_code;
  std::string village_name;
  std::string head_name;
  std::string head_id_number;  // masked unless the role sees whole numbers
  int64_t members = 0;
  int64_t counted_members = 0;
  std::optional<Money> per_capita;  // none without counted members
  std::string status;               // exchange-format code
  bool flagged = false;             // in the latest province-wide run
  std::string proposed_type;        // of that run, "" when not flagged
};

// household.list. The village (else region) must lie inside the scope (kPermissionDenied);
// kInvalidArgument for malformed codes or paging. Households in (village, id) order.
Result<Page<HouseholdSummary>> SearchHouseholds(Workspace& ws, const access::Principal& principal,
                                                const HouseholdSearch& search);

// The members of every household a search matches, as one CSV (UTF-8 with a byte order mark, so
// that Excel shows the Chinese text; LF line ends). Header:
//   household_id,village_code,village_name,name,id_number,relation,sex,birth_date,
//   per_capita_net_income
// one row per member, households in the search's (village, id) order, members in registry order
// (head first); codes are the exchange format's English codes; per_capita_net_income is yuan with
// two decimals, empty without counted members. ID numbers as the role may see them (masked for
// every role that may export). A name starting with = + - @ gets a leading ' so that a
// spreadsheet shows it as text instead of running it as a formula.
struct HouseholdExport {
  std::string region;  // the region exported: the village, else the region, else the scope
  std::string csv;
  int64_t households = 0;
  int64_t rows = 0;  // member rows, without the header
};

// export, audited: one entry "export <region>" whose detail is JSON
// {"query":{village,region,name,id_number (masked),household_id},"households":n,"rows":m,
//  "mask_ids":bool}. Scoping and errors as SearchHouseholds (offset and limit are ignored:
// every match is exported); kIoError when the audit entry cannot be written (no CSV then).
Result<HouseholdExport> ExportHouseholds(Workspace& ws, const access::Principal& principal,
                                         const HouseholdSearch& search);

struct HouseholdScreening {
  rules::HouseholdResult result;
  std::string started_at;  // of the run
};

struct HouseholdFile {
  registry::HouseholdVersion current;  // member ID numbers as the role may see them
  std::string updated_at;              // the batch's commit time
  std::string village_name;
  std::vector<std::string> village_path;  // names from the province down to the village
  CivilDate today;                         // ages are counted on this day
  std::optional<Money> line;  // the monitoring line in force, when a standard is known
  std::vector<HouseholdScreening> screening;  // results of the runs that flagged it, by run id
};

// household.read, audited. Errors: see the scope note above.
Result<HouseholdFile> GetHouseholdFile(Workspace& ws, const access::Principal& principal,
                                       const std::string& household_id);

struct HouseholdHistoryEntry {
  int32_t version = 0;
  int64_t batch_id = 0;
  std::string source;
  std::string user;
  std::string committed_at;
  std::vector<registry::FieldChange> changes;  // from the version before (none for the first)
};

// household.read, audited as household.history. Oldest version first.
Result<std::vector<HouseholdHistoryEntry>> GetHouseholdHistory(
    Workspace& ws, const access::Principal& principal, const std::string& household_id);

struct HouseholdExplanationView {
  rules::Standard standard;  // the standard in force it was explained under
  rules::HouseholdExplanation explanation;
};

// household.read, audited as household.explain: every rule of the standard in force for the
// household's county (else province) and the year of the province's latest run (else the
// newest year a standard exists for), over the household as stored now and its members'
// department facts as the workspace holds them (WorkspaceView::facts; dept.<fact> shows their
// values). kNotFound also when no standard is in force.
Result<HouseholdExplanationView> ExplainHousehold(Workspace& ws,
                                                  const access::Principal& principal,
                                                  const std::string& household_id);

// The year screening views use for a province: that of its latest province-wide run, else the
// newest year of a built-in or loaded standard of the province; kNotFound when there is none.
Result<int> ScreeningYear(Workspace& ws, const WorkspaceView& view, const std::string& province);

}  // namespace xianjie::service

#endif  // XIANJIE_SERVICE_HOUSEHOLDS_H_
