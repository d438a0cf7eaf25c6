// Household assembly, the importer's middle step: attaches validated member rows to households
// (from the files or the registry) and applies the rules that need a whole household or the
// registry: a known household, exactly one head, at least one accepted member, and a person in
// one household only. Private to ingest.
#ifndef XIANJIE_INGEST_INTERNAL_ASSEMBLY_H_
#define XIANJIE_INGEST_INTERNAL_ASSEMBLY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/exchange_format.h"
#include "registry/store.h"

namespace xianjie::ingest::internal {

// What the registry holds now, as far as assembly needs it.
struct RegistryIndex {
  struct Current {
    int32_t version;
    uint64_t hash;
  };
  std::unordered_map<std::string, Current> households;  // household_id → current version
  // Incoming people registered in another household than the file gives: packed ID → index
  // into owners (the registered household ids). People not listed here are not registered
  // elsewhere.
  std::unordered_map<uint64_t, uint32_t> member_owner;
  std::vector<std::string> owners;

  bool Has(std::string_view household_id) const {
    return households.count(std::string(household_id)) > 0;
  }
};

// One household of the batch after assembly.
struct BatchHousehold {
  std::string household_id;
  int32_t household_row = -1;          // index into ParsedHouseholds::rows; -1: facts from registry
  std::vector<int32_t> member_rows;    // indices into ParsedMembers::rows (accepted ones)
  bool members_from_registry = false;  // no member rows in the file: keep the registered members
};

struct Assembly {
  std::vector<BatchHousehold> households;
  std::vector<registry::QuarantineEntry> quarantine;  // entries added by assembly
  int64_t households_accepted = 0;                    // rows of the households file that made it
  int64_t members_accepted = 0;                       // rows of the members file that made it
  int64_t households_quarantined = 0;  // entries of `quarantine` for households-file rows
  int64_t members_quarantined = 0;     // entries of `quarantine` for members-file rows
};

// `households.quarantined_ids` gives the members of households quarantined while parsing the
// right reason (`household.quarantined` rather than `household_id.unknown`).
Assembly Assemble(const ParsedHouseholds& households, const ParsedMembers& members,
                  const RegistryIndex& registry, const std::string& households_file,
                  const std::string& members_file);

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_ASSEMBLY_H_
