// How a household version maps to rows of household_version and member_version: the column
// lists, binding a record to INSERT parameters, and reading rows back into whole versions.
// Private to store/; the conventions are those of the schema (see migrations.cc).
#ifndef XIANJIE_STORE_SQL_INTERNAL_ROW_CODEC_H_
#define XIANJIE_STORE_SQL_INTERNAL_ROW_CODEC_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/household.h"
#include "registry/store.h"
#include "store/sql/connection.h"

namespace xianjie::store::sql_internal {

// The columns ReadVersionRows expects, version table aliased `v`, member table `m`.
inline constexpr char kVersionColumns[] =
    "v.household_id, v.version, v.batch_id, v.content_hash, v.village_code, v.status, "
    "v.wage_income, v.business_income, v.property_income, v.transfer_income, "
    "v.production_costs, v.prev_net_income, v.rigid_medical, v.rigid_education, v.rigid_other, "
    "v.housing_safe, v.water_safe";
inline constexpr int kVersionColumnCount = 17;
inline constexpr char kMemberColumns[] =
    "m.seq, m.id_number, m.name, m.relation, m.sex, m.birth_date, m.labor, m.health, "
    "m.school_stage, m.enrolled, m.med_insured, m.pension_insured, m.shares_household";

// The columns BindVersion and BindMember fill, in order.
inline const std::vector<std::string> kVersionColumnNames = {
    "household_id",    "version",          "batch_id",
    "content_hash",    "village_code",     "status",
    "wage_income",     "business_income",  "property_income",
    "transfer_income", "production_costs", "prev_net_income",
    "rigid_medical",   "rigid_education",  "rigid_other",
    "housing_safe",    "water_safe",       "vid"};
inline const std::vector<std::string> kMemberColumnNames = {"vid",
                                                            "seq",
                                                            "id_number",
                                                            "name",
                                                            "relation",
                                                            "sex",
                                                            "birth_date",
                                                            "labor",
                                                            "health",
                                                            "school_stage",
                                                            "enrolled",
                                                            "med_insured",
                                                            "pension_insured",
                                                            "shares_household"};

// kInvalidArgument if an enumeration field holds a value outside its code table (it could
// not be stored as a code).
Status CheckStorable(const registry::HouseholdRecord& record);

// Binds `version` as the row numbered `vid`, stored with `batch_id`, to a bulk insert of
// kVersionColumnNames. Binds without copying: `version` must outlive the row's EndRow. Requires
// CheckStorable.
void BindVersion(BulkInsert& insert, int64_t vid, const registry::HouseholdVersion& version,
                 int64_t batch_id);

// Binds member `seq` of the version numbered `vid` to a bulk insert of kMemberColumnNames. Binds
// without copying: `member` must outlive the row's EndRow. Requires CheckStorable.
void BindMember(BulkInsert& insert, int64_t vid, int seq, const registry::Member& member);

// Steps `select`, whose columns are kVersionColumns then (optionally NULL, for a version
// without members) kMemberColumns, ordered by household_id, version, seq; calls fn with each
// whole version. Returns the first non-OK Status of fn, or kDataLoss for a row it cannot read.
Status ReadVersionRows(Statement& select,
                       const std::function<Status(registry::HouseholdVersion&)>& fn);

// Like ReadVersionRows, from two statements stepped side by side: `versions` yields
// kVersionColumns, one row per version; `members` yields the household id then kMemberColumns,
// one row per member, in the same household order (then member order). Neither repeats the
// other's columns, which makes a full scan cheaper than one joined statement.
Status MergeVersionRows(Statement& versions, Statement& members,
                        const std::function<Status(registry::HouseholdVersion&)>& fn);

}  // namespace xianjie::store::sql_internal

#endif  // XIANJIE_STORE_SQL_INTERNAL_ROW_CODEC_H_
