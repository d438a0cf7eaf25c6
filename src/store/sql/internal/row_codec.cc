// Binding household versions to SQL parameters and reading them back from rows.
#include "store/sql/internal/row_codec.h"

#include <string_view>

#include "base/region_code.h"
#include "registry/codes.h"

namespace xianjie::store::sql_internal {
namespace {

using registry::HouseholdVersion;
using registry::Member;

template <typename E>
bool Storable(E value) {
  return static_cast<size_t>(value) < registry::CodesOf(E{}).size();
}

// An enumeration is stored as its position in the code table.
template <typename E>
int64_t Encode(E value) {
  return static_cast<int64_t>(value);
}

template <typename E>
bool Decode(int64_t stored, E* out) {
  if (stored < 0 || stored >= static_cast<int64_t>(registry::CodesOf(E{}).size())) return false;
  *out = static_cast<E>(stored);
  return true;
}

bool DecodeDate(int64_t yyyymmdd, CivilDate* out) {
  if (yyyymmdd < 0 || yyyymmdd > 99991231) return false;
  int year = static_cast<int>(yyyymmdd / 10000);
  int month = static_cast<int>(yyyymmdd / 100 % 100);
  int day = static_cast<int>(yyyymmdd % 100);
  if (!CivilDate::IsValid(year, month, day)) return false;
  *out = CivilDate::FromYmd(year, month, day);
  return true;
}

bool ParseBit(int64_t value, bool* out) {
  if (value != 0 && value != 1) return false;
  *out = value == 1;
  return true;
}

Status Unreadable(const Statement& row, std::string_view what) {
  return DataLoss("database '" + row.database() + "' holds household " + std::string(row.Text(0)) +
                  " version " + std::to_string(row.Int(1)) + " with " + std::string(what) +
                  "; restore the database from a backup");
}

Status ReadVersion(const Statement& row, HouseholdVersion* v) {
  registry::Household& h = v->record.household;
  v->record.members.clear();
  h.household_id.assign(row.Text(0));
  v->version = static_cast<int32_t>(row.Int(1));
  v->batch_id = row.Int(2);
  v->content_hash = static_cast<uint64_t>(row.Int(3));
  auto village = RegionCode::Parse(std::to_string(row.Int(4)));
  if (!village.ok())
    return Unreadable(row, "an invalid village code " + std::to_string(row.Int(4)));
  h.village_code = *village;
  if (!Decode(row.Int(5), &h.status)) return Unreadable(row, "an unknown status");
  h.wage_income = Money::FromFen(row.Int(6));
  h.business_income = Money::FromFen(row.Int(7));
  h.property_income = Money::FromFen(row.Int(8));
  h.transfer_income = Money::FromFen(row.Int(9));
  h.production_costs = Money::FromFen(row.Int(10));
  if (row.IsNull(11)) {
    h.prev_net_income.reset();
  } else {
    h.prev_net_income = Money::FromFen(row.Int(11));
  }
  h.rigid_medical = Money::FromFen(row.Int(12));
  h.rigid_education = Money::FromFen(row.Int(13));
  h.rigid_other = Money::FromFen(row.Int(14));
  if (!ParseBit(row.Int(15), &h.housing_safe) || !ParseBit(row.Int(16), &h.water_safe)) {
    return Unreadable(row, "a flag that is neither 0 nor 1");
  }
  return Status::Ok();
}

// Reads the member columns that start at column `c`.
Status ReadMember(const Statement& row, int c, Member* m) {
  m->id_number.assign(row.Text(c + 1));
  m->name.assign(row.Text(c + 2));
  bool ok = Decode(row.Int(c + 3), &m->relation) && Decode(row.Int(c + 4), &m->sex) &&
            Decode(row.Int(c + 6), &m->labor) && Decode(row.Int(c + 7), &m->health) &&
            Decode(row.Int(c + 8), &m->school_stage);
  if (!ok) return Unreadable(row, "a member with an unknown code");
  if (!DecodeDate(row.Int(c + 5), &m->birth_date)) {
    return Unreadable(row, "a member with an invalid birth date");
  }
  ok = ParseBit(row.Int(c + 9), &m->enrolled) && ParseBit(row.Int(c + 10), &m->med_insured) &&
       ParseBit(row.Int(c + 11), &m->pension_insured) &&
       ParseBit(row.Int(c + 12), &m->shares_household);
  if (!ok) return Unreadable(row, "a member flag that is neither 0 nor 1");
  return Status::Ok();
}

}  // namespace

Status CheckStorable(const registry::HouseholdRecord& record) {
  const std::string& id = record.household.household_id;
  if (!Storable(record.household.status)) {
    return InvalidArgument("household " + id + " has a status outside its code table");
  }
  for (const Member& m : record.members) {
    if (!Storable(m.relation) || !Storable(m.sex) || !Storable(m.labor) || !Storable(m.health) ||
        !Storable(m.school_stage)) {
      return InvalidArgument("household " + id +
                             " has a member with a value outside its code table");
    }
  }
  return Status::Ok();
}

void BindVersion(BulkInsert& insert, int64_t vid, const HouseholdVersion& v, int64_t batch_id) {
  const registry::Household& h = v.record.household;
  insert.BindText(1, h.household_id);
  insert.Bind(2, v.version);
  insert.Bind(3, batch_id);
  insert.Bind(4, static_cast<int64_t>(v.content_hash));
  insert.Bind(5, static_cast<int64_t>(h.village_code.value()));
  insert.Bind(6, Encode(h.status));
  insert.Bind(7, h.wage_income.fen());
  insert.Bind(8, h.business_income.fen());
  insert.Bind(9, h.property_income.fen());
  insert.Bind(10, h.transfer_income.fen());
  insert.Bind(11, h.production_costs.fen());
  if (h.prev_net_income.has_value()) {
    insert.Bind(12, h.prev_net_income->fen());
  } else {
    insert.BindNull(12);
  }
  insert.Bind(13, h.rigid_medical.fen());
  insert.Bind(14, h.rigid_education.fen());
  insert.Bind(15, h.rigid_other.fen());
  insert.Bind(16, h.housing_safe ? 1 : 0);
  insert.Bind(17, h.water_safe ? 1 : 0);
  insert.Bind(18, vid);
}

void BindMember(BulkInsert& insert, int64_t vid, int seq, const Member& m) {
  insert.Bind(1, vid);
  insert.Bind(2, seq);
  insert.BindText(3, m.id_number);
  insert.BindText(4, m.name);
  insert.Bind(5, Encode(m.relation));
  insert.Bind(6, Encode(m.sex));
  insert.Bind(7, m.birth_date.ToYmdNumber());
  insert.Bind(8, Encode(m.labor));
  insert.Bind(9, Encode(m.health));
  insert.Bind(10, Encode(m.school_stage));
  insert.Bind(11, m.enrolled ? 1 : 0);
  insert.Bind(12, m.med_insured ? 1 : 0);
  insert.Bind(13, m.pension_insured ? 1 : 0);
  insert.Bind(14, m.shares_household ? 1 : 0);
}

Status ReadVersionRows(Statement& select, const std::function<Status(HouseholdVersion&)>& fn) {
  HouseholdVersion current;
  bool have = false;
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    bool same = have && select.Text(0) == current.record.household.household_id &&
                select.Int(1) == current.version;
    if (!same) {
      if (have) XJ_RETURN_IF_ERROR(fn(current));
      XJ_RETURN_IF_ERROR(ReadVersion(select, &current));
      have = true;
    }
    if (!select.IsNull(kVersionColumnCount)) {
      Member& m = current.record.members.emplace_back();
      XJ_RETURN_IF_ERROR(ReadMember(select, kVersionColumnCount, &m));
    }
  }
  return have ? fn(current) : Status::Ok();
}

Status MergeVersionRows(Statement& versions, Statement& members,
                        const std::function<Status(HouseholdVersion&)>& fn) {
  HouseholdVersion current;
  XJ_ASSIGN_OR_RETURN(bool member_row, members.Step());
  for (;;) {
    XJ_ASSIGN_OR_RETURN(bool row, versions.Step());
    if (!row) break;
    XJ_RETURN_IF_ERROR(ReadVersion(versions, &current));
    const std::string& id = current.record.household.household_id;
    // Member rows of households before this one cannot exist: both walk the same households.
    while (member_row && members.Text(0) == id) {
      Member& m = current.record.members.emplace_back();
      XJ_RETURN_IF_ERROR(ReadMember(members, 1, &m));
      XJ_ASSIGN_OR_RETURN(member_row, members.Step());
    }
    XJ_RETURN_IF_ERROR(fn(current));
  }
  return Status::Ok();
}

}  // namespace xianjie::store::sql_internal
