// The columnar snapshot of the registry: the current version of every household as
// struct-of-arrays, members grouped by household (CSR). Screening, what-if and (later) analytics
// read it; it is built once from the store or straight from exchange files, then shared,
// immutable, between readers (ARCHITECTURE.md §4). A change to k households makes a new snapshot
// by Patch, which copies the untouched rows and re-encodes only the k households.
//
// Memory (ARCHITECTURE.md §7: under 200 bytes per member plus 150 per household): about 100 bytes
// per household plus its id, and 24 bytes per member plus its name. MemoryBytes() reports the
// figure.
#ifndef XIANJIE_REGISTRY_SNAPSHOT_H_
#define XIANJIE_REGISTRY_SNAPSHOT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "base/status.h"
#include "registry/household.h"

namespace xianjie::registry {

// Row indices are uint32_t: a snapshot holds at most 2^32 - 1 households and members (a province
// has about one million households; a national registry is split by province).
class Snapshot {
 public:
  // ---- households: one row per household, in household_id byte order
  size_t households() const { return household_count_; }
  size_t members() const { return member_birth_ymd_.size(); }

  std::string_view household_id(uint32_t h) const {
    return std::string_view(id_bytes_).substr(id_offsets_[h], id_offsets_[h + 1] - id_offsets_[h]);
  }
  // Row of a household id, or -1 (binary search).
  int64_t Find(std::string_view household_id) const;

  // Columns. Money columns are fen. A value of prev_net_income is present where
  // prev_net_income_valid[h] is 1 (0 = empty in the file: unknown).
  const uint64_t* village_code() const { return village_code_.data(); }  // 12 digits as a number
  const uint32_t* county_code() const { return county_code_.data(); }    // first 6 digits
  const uint8_t* status() const { return status_.data(); }  // HouseholdStatus
  const int64_t* wage_income() const { return wage_income_.data(); }
  const int64_t* business_income() const { return business_income_.data(); }
  const int64_t* property_income() const { return property_income_.data(); }
  const int64_t* transfer_income() const { return transfer_income_.data(); }
  const int64_t* production_costs() const { return production_costs_.data(); }
  const int64_t* prev_net_income() const { return prev_net_income_.data(); }
  const uint8_t* prev_net_income_valid() const { return prev_net_income_valid_.data(); }
  const int64_t* rigid_medical() const { return rigid_medical_.data(); }
  const int64_t* rigid_education() const { return rigid_education_.data(); }
  const int64_t* rigid_other() const { return rigid_other_.data(); }
  const uint8_t* housing_safe() const { return housing_safe_.data(); }
  const uint8_t* water_safe() const { return water_safe_.data(); }
  // Derived when the snapshot is built (DOMAIN.md §3): net income, rigid spending, and the
  // number of counted members (shares_household = 1).
  const int64_t* net_income() const { return net_income_.data(); }
  const int64_t* rigid_spending() const { return rigid_spending_.data(); }
  const uint32_t* counted_members() const { return counted_members_.data(); }

  // ---- members of household h: rows member_begin()[h] .. member_begin()[h + 1] - 1, in the
  // canonical order of household.h (head first, then by ID number).
  const uint32_t* member_begin() const { return member_begin_.data(); }  // households() + 1
  const uint64_t* member_id_number() const { return member_id_number_.data(); }  // PackIdNumber
  // Birth date as the number YYYYMMDD: completed years on day D are (D - birth) / 10000 in
  // integer arithmetic on these numbers, exactly as AgeOn counts them (29 February included).
  const int32_t* member_birth_ymd() const { return member_birth_ymd_.data(); }
  const uint8_t* member_relation() const { return member_relation_.data(); }
  const uint8_t* member_sex() const { return member_sex_.data(); }
  const uint8_t* member_labor() const { return member_labor_.data(); }
  const uint8_t* member_health() const { return member_health_.data(); }
  const uint8_t* member_school_stage() const { return member_school_stage_.data(); }
  const uint8_t* member_enrolled() const { return member_enrolled_.data(); }
  const uint8_t* member_med_insured() const { return member_med_insured_.data(); }
  const uint8_t* member_pension_insured() const { return member_pension_insured_.data(); }
  const uint8_t* member_shares_household() const { return member_shares_household_.data(); }
  // The member's name, as imported (UTF-8).
  std::string_view member_name(uint32_t m) const {
    return std::string_view(name_bytes_)
        .substr(name_offsets_[m], name_offsets_[m + 1] - name_offsets_[m]);
  }

  // Bytes held by the columns (capacity, not size).
  size_t MemoryBytes() const;

  // The household of row h as a record. For explanations and tests; not for bulk use.
  HouseholdRecord Record(uint32_t h) const;

  // Same rows and columns (capacities aside).
  bool operator==(const Snapshot&) const = default;

 private:
  friend class SnapshotBuilder;
  friend struct SnapshotColumns;
  size_t household_count_ = 0;
  std::vector<uint32_t> id_offsets_{0};
  std::string id_bytes_;
  std::vector<uint64_t> village_code_;
  std::vector<uint32_t> county_code_;
  std::vector<uint8_t> status_;
  std::vector<int64_t> wage_income_, business_income_, property_income_, transfer_income_,
      production_costs_, prev_net_income_, rigid_medical_, rigid_education_, rigid_other_;
  std::vector<uint8_t> prev_net_income_valid_, housing_safe_, water_safe_;
  std::vector<int64_t> net_income_, rigid_spending_;
  std::vector<uint32_t> counted_members_;
  std::vector<uint32_t> member_begin_{0};
  std::vector<uint64_t> member_id_number_;
  std::vector<int32_t> member_birth_ymd_;
  std::vector<uint8_t> member_relation_, member_sex_, member_labor_, member_health_,
      member_school_stage_, member_enrolled_, member_med_insured_, member_pension_insured_,
      member_shares_household_;
  std::vector<uint32_t> name_offsets_{0};  // members() + 1: member m's name is at [m, m + 1)
  std::string name_bytes_;
};

// Builds a snapshot row by row. Households must be added in strictly increasing household_id
// byte order (kInvalidArgument otherwise); each household's members right after it.
// Not thread-safe; two builders over disjoint id ranges can be joined with Append.
class SnapshotBuilder {
 public:
  SnapshotBuilder();
  // Optional: reserve for the expected sizes (id_bytes, name_bytes: the ids' and the names'
  // total length; 0: a guess).
  void Reserve(size_t households, size_t members, size_t id_bytes = 0, size_t name_bytes = 0);

  // A whole record (members in canonical order, as stored).
  Status Add(const HouseholdRecord& record);

  // The column-wise path of file mode: a household with its already validated values, then its
  // members one by one.
  Status AddHousehold(std::string_view household_id, uint64_t village_code,
                      HouseholdStatus status, const int64_t (&money)[8], bool prev_valid,
                      int64_t prev_net_income, bool housing_safe, bool water_safe);
  // Index of money[] (fen): Household's money fields except prev_net_income, in their order.
  enum MoneyField : int {
    kWage, kBusiness, kProperty, kTransfer, kProductionCosts, kRigidMedical, kRigidEducation,
    kRigidOther,
  };
  void AddMember(uint64_t packed_id_number, std::string_view name, int32_t birth_ymd,
                 Relation relation, Sex sex, Labor labor, Health health, SchoolStage stage,
                 bool enrolled, bool med_insured, bool pension_insured, bool shares_household);

  // Two streams, for bulk loaders that write the households' own columns and the members on
  // two threads at once: AddHouseholdFacts appends a household without touching its member
  // range, and AddMemberColumns then EndMembers append the members of each household, in the
  // same order, ending its range (and counting its members). The two may run concurrently on
  // different threads. A builder uses either these or the row methods above; before Finish,
  // both streams must have reached the same household.
  Status AddHouseholdFacts(std::string_view household_id, uint64_t village_code,
                           HouseholdStatus status, const int64_t (&money)[8], bool prev_valid,
                           int64_t prev_net_income, bool housing_safe, bool water_safe);
  void AddMemberColumns(uint64_t packed_id_number, std::string_view name, int32_t birth_ymd,
                        Relation relation, Sex sex, Labor labor, Health health, SchoolStage stage,
                        bool enrolled, bool med_insured, bool pension_insured,
                        bool shares_household);
  void EndMembers();
  // The member stream in bulk: many members at once, then the ends of the member lists of the
  // next households, given as their member counts (which must add up to the members added).
  struct MemberValues {
    uint64_t packed_id_number;
    std::string_view name;  // copied by AddMemberColumns
    int32_t birth_ymd;
    Relation relation;
    Sex sex;
    Labor labor;
    Health health;
    SchoolStage stage;
    bool enrolled;
    bool med_insured;
    bool pension_insured;
    bool shares_household;
  };
  void AddMemberColumns(std::span<const MemberValues> members);
  void EndMembers(std::span<const uint32_t> member_counts);
  // The household stream in bulk: the facts of many households at once, as AddHouseholdFacts
  // would append them one by one (nothing is appended if one is out of order).
  struct HouseholdValues {
    std::string_view household_id;
    uint64_t village_code;
    HouseholdStatus status;
    int64_t money[8];  // MoneyField order
    bool prev_valid;
    int64_t prev_net_income;
    bool housing_safe;
    bool water_safe;
  };
  Status AddHouseholdFacts(std::span<const HouseholdValues> households);

  // Appends all rows of `later`, whose ids must all be greater than this builder's last.
  Status Append(SnapshotBuilder&& later);
  // Appends rows [begin, end) of `source` in bulk (column ranges, not row by row); the first of
  // them must come after this builder's last id. kInvalidArgument otherwise.
  Status AppendRows(const Snapshot& source, uint32_t begin, uint32_t end);

  size_t households() const;

  // Finishes: computes the derived columns. The builder is left empty.
  std::shared_ptr<const Snapshot> Finish();

 private:
  std::unique_ptr<Snapshot> s_;
};

// A new snapshot equal to `base` with the households of `changed` (canonical records, any order)
// replaced or inserted and those named in `removed` dropped. `base` is not modified.
Result<std::shared_ptr<const Snapshot>> Patch(const Snapshot& base,
                                              std::span<const HouseholdRecord> changed,
                                              std::span<const std::string> removed = {});

}  // namespace xianjie::registry

#endif  // XIANJIE_REGISTRY_SNAPSHOT_H_
