// Household search over a snapshot (issue #4: "household search by name, ID, village; paged over
// a million households"): indexes built once per snapshot, so that a query costs in proportion
// to its page and its matches, not to the registry. The server builds one per snapshot it serves.
#ifndef XIANJIE_REGISTRY_HOUSEHOLD_SEARCH_H_
#define XIANJIE_REGISTRY_HOUSEHOLD_SEARCH_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "registry/snapshot.h"

namespace xianjie::registry {

struct HouseholdQuery {
  // Only households whose 12-digit village code starts with this prefix (the caller passes the
  // user's scope, or a narrower region inside it: a township, a village). "" = all.
  std::string region_prefix;
  // Households with a member whose name starts with this text (UTF-8, exact bytes; "" = any).
  std::string name_prefix;
  // Households with a member of this ID number: 18 characters, exact (an 'x' matches 'X').
  // "" = any.
  std::string id_number;
  // Households whose id starts with this text. "" = any.
  std::string household_id_prefix;
  // Paging over the matches in (village code, household_id) order.
  int64_t offset = 0;
  int64_t limit = 50;  // at most 500
};

struct HouseholdPage {
  int64_t total = 0;           // all matches (exact)
  std::vector<uint32_t> rows;  // snapshot rows of the page, in (village, household_id) order
};

// Immutable once built; Search is thread-safe. Holds the snapshot it indexes.
class HouseholdIndex {
 public:
  // Builds the indexes: households in (village, id) order, members by name, members by ID
  // number, on two threads. O(n log n); about 0.7 s of CPU for a million households.
  explicit HouseholdIndex(std::shared_ptr<const Snapshot> snapshot);

  const Snapshot& snapshot() const { return *snapshot_; }
  const std::shared_ptr<const Snapshot>& shared_snapshot() const { return snapshot_; }

  // The households matching every non-empty field of the query. A query with only a region, or
  // a region and a one-character name (a surname), costs O(log n + limit); one with a longer
  // name costs O(log n + the fewer of the members matching it and the region's households with
  // its first character); one with an ID number O(log n).
  HouseholdPage Search(const HouseholdQuery& query) const;

  // The member rows whose ID number is `id_number` (18 characters; 'x' matches 'X'), in row
  // order: usually one, more when the registry lists a person in two households (a data error
  // the cross-checks report). Empty for an unknown or malformed number. O(log n).
  std::vector<uint32_t> FindMembers(std::string_view id_number) const;
  // The household row of member row `member`.
  uint32_t HouseholdOfMember(uint32_t member) const { return household_of_member_[member]; }

  // The number of households whose village code starts with the prefix ("" = all). O(log n).
  int64_t CountHouseholds(std::string_view region_prefix) const;

  size_t MemoryBytes() const;

 private:
  std::shared_ptr<const Snapshot> snapshot_;
  std::vector<uint32_t> by_village_;       // household rows in (village code, id) order
  std::vector<uint64_t> village_of_;       // village code of by_village_[i], for lower_bound
  std::vector<uint32_t> members_by_name_;  // member rows in (name bytes, row) order
  std::vector<uint32_t> household_of_member_;  // member row → household row
  std::vector<uint32_t> members_by_id_;    // member rows in packed ID number order
  std::vector<uint32_t> rank_of_;          // household row → its index in by_village_
  // (initial << 32 | rank): for each household, the first character of each member's name
  // (its UTF-8 bytes as a big-endian number), once per household, sorted. A one-character name
  // query in a region is then a range: the households of a surname cost O(log n + page).
  std::vector<uint64_t> by_initial_;
};

}  // namespace xianjie::registry

#endif  // XIANJIE_REGISTRY_HOUSEHOLD_SEARCH_H_
