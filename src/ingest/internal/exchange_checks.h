// The row checks of the exchange format v1 (DOMAIN.md §13), one function per group of fields,
// shared by the typed parsers of the import (exchange_format.cc, exchange_members.cc) and the
// columnar reader of file mode (snapshot_reader.cc), so that both quarantine a row for the same
// rules with the same messages. On a valid row the checks allocate nothing.
#ifndef XIANJIE_INGEST_INTERNAL_EXCHANGE_CHECKS_H_
#define XIANJIE_INGEST_INTERNAL_EXCHANGE_CHECKS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/region_code.h"
#include "ingest/internal/quarantine.h"
#include "ingest/internal/row_check.h"
#include "registry/household.h"
#include "registry/region.h"

namespace xianjie::ingest::internal {

// village_code against the region table, remembering the last village found: rows of one
// village usually follow each other. One per thread.
class VillageLookup {
 public:
  explicit VillageLookup(const registry::RegionTable& regions) : regions_(regions) {}

  // 12 digits (else village_code.format) naming a village of the table (else
  // village_code.unknown, saying what the code is if it names a region of another level).
  std::optional<RegionCode> Check(RowCheck& check);

 private:
  const registry::RegionTable& regions_;
  std::string last_text_;  // the last village found, as written
  RegionCode last_code_;
};

// Checks every field of a households.csv record but household_id, setting the fields of `h`
// whose values are valid. `h` should be default-constructed (prev_net_income stays unset when
// the field is empty).
void CheckHouseholdFields(RowCheck& check, VillageLookup& villages, registry::Household& h);

// What the rules need of a valid ID number.
struct IdFacts {
  uint64_t packed = 0;  // PackIdNumber of the normalized text
  CivilDate birth;
  bool male = false;
};

// The ID number of a members.csv record (GB 11643; birth date not after `today`): sets `id` and
// returns true if valid; otherwise records the problem under IdNumberRule's id with
// ParseIdNumber's message. (No std::optional: GCC copies it through the stack, slowly.)
bool CheckIdNumber(RowCheck& check, CivilDate today, IdFacts& id);

// The normalized text of a valid ID number field: a final 'x' becomes 'X'.
std::string NormalizedIdNumber(std::string_view field);

struct MemberCheck {
  bool id_ok = false;    // the ID number is valid: `id` holds its facts
  IdFacts id;
  bool name_ok = false;  // the name is not empty and not too long
};

// Checks every field of a members.csv record but household_id: the ID number, the name, sex
// and birth date (each against the ID number), the codes and the booleans. Sets the fields of
// `m` whose values are valid, except id_number and name, which the caller copies from the
// record if it keeps them.
MemberCheck CheckMemberFields(RowCheck& check, CivilDate today, registry::Member& m);

// The problem of a row that repeats a household_id or an ID number used on an earlier line
// (`id_field`: the field index of the key's column).
Problem DuplicateHouseholdIdProblem(int id_field, const Duplicate<std::string_view>& d);
Problem DuplicateIdNumberProblem(int id_field, const Duplicate<uint64_t>& d);

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_EXCHANGE_CHECKS_H_
