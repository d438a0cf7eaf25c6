// Household assembly: grouping members, household-level rules, one household per person.
#include "ingest/internal/assembly.h"

#include <algorithm>
#include <string_view>

#include "base/id_number.h"

namespace xianjie::ingest::internal {
namespace {

using registry::QuarantineEntry;
using registry::Relation;

struct Group {
  std::string_view household_id;
  int32_t household_row = -1;
  bool in_registry = false;
  std::vector<int32_t> member_rows;  // every member row of the file naming this household
  bool quarantined = false;
};

class Assembler {
 public:
  Assembler(const ParsedHouseholds& h, const ParsedMembers& m, const RegistryIndex& registry,
            const std::string& households_file, const std::string& members_file)
      : h_(h),
        m_(m),
        registry_(registry),
        households_file_(households_file),
        members_file_(members_file),
        member_out_(m.rows.size(), false) {}

  Assembly Run() {
    GroupMembers();
    // Quarantining one household can free a person claimed by another (their registered
    // household is no longer replaced), so repeat until nothing changes; almost always once.
    // Both passes run in every round.
    for (bool changed = true; changed;) {
      changed = ApplyHouseholdRules();
      changed = ApplyOneHouseholdPerPerson() || changed;
    }
    return Collect();
  }

 private:
  void GroupMembers() {
    groups_.reserve(h_.rows.size());
    for (size_t i = 0; i < h_.rows.size(); ++i) {
      const std::string& id = h_.rows[i].household.household_id;
      group_of_.emplace(id, static_cast<int32_t>(groups_.size()));
      groups_.push_back(Group{id, static_cast<int32_t>(i), registry_.Has(id), {}, false});
    }
    for (size_t i = 0; i < m_.rows.size(); ++i) {
      const MemberRow& row = m_.rows[i];
      auto it = group_of_.find(row.household_id);
      if (it == group_of_.end()) {
        std::string id(row.household_id);
        if (std::binary_search(h_.quarantined_ids.begin(), h_.quarantined_ids.end(), id)) {
          QuarantineMember(i, "household.quarantined",
                           "the household " + id + " was quarantined in " + households_file_ +
                               "; fix that household and import its members again");
          continue;
        }
        if (!registry_.Has(row.household_id)) {
          QuarantineMember(
              i, "household_id.unknown",
              "the household " + id + " is neither in " +
                  (households_file_.empty() ? std::string("this batch") : households_file_) +
                  " nor in the registry; add the household or correct the id");
          continue;
        }
        it = group_of_.emplace(row.household_id, static_cast<int32_t>(groups_.size())).first;
        groups_.push_back(Group{row.household_id, -1, true, {}, false});
      }
      groups_[static_cast<size_t>(it->second)].member_rows.push_back(static_cast<int32_t>(i));
    }
  }

  // Exactly one head and at least one accepted member, for each household whose members are in
  // the file; a household without member rows must be registered (its members carry over).
  bool ApplyHouseholdRules() {
    bool changed = false;
    for (Group& g : groups_) {
      if (g.quarantined) continue;
      if (g.member_rows.empty()) {
        if (!g.in_registry) {
          QuarantineGroup(g, "household.no_accepted_member",
                          "the household " + std::string(g.household_id) + " has no member in " +
                              (members_file_.empty() ? std::string("this batch") : members_file_) +
                              " and is not in the registry; list its members");
          changed = true;
        }
        continue;
      }
      int accepted = 0, heads = 0;
      std::string head_lines;
      for (int32_t r : g.member_rows) {
        if (member_out_[static_cast<size_t>(r)]) continue;
        ++accepted;
        const MemberRow& row = m_.rows[static_cast<size_t>(r)];
        if (row.member.relation == Relation::kHead) {
          ++heads;
          head_lines += (head_lines.empty() ? "" : ", ") + std::to_string(row.line);
        }
      }
      std::string id(g.household_id);
      if (accepted == 0) {
        QuarantineGroup(g, "household.no_accepted_member",
                        "none of the members of household " + id + " in " + members_file_ +
                            " was accepted; fix its members (see their quarantine entries)");
        changed = true;
      } else if (heads == 0) {
        QuarantineGroup(g, "household.no_head",
                        "household " + id + " has no head (户主) among its accepted members; " +
                            "mark exactly one member with relation head (if the head's row " +
                            "was quarantined, fix that row first)");
        changed = true;
      } else if (heads > 1) {
        QuarantineGroup(g, "household.two_heads",
                        "household " + id + " has " + std::to_string(heads) + " heads (" +
                            members_file_ + " lines " + head_lines +
                            "); a household has exactly one head");
        changed = true;
      }
    }
    return changed;
  }

  // A person belongs to one household: an accepted member registered in another household is
  // quarantined unless that household's member list is replaced by this batch.
  bool ApplyOneHouseholdPerPerson() {
    if (registry_.member_owner.empty()) return false;
    bool changed = false;
    for (Group& g : groups_) {
      if (g.quarantined) continue;
      for (int32_t r : g.member_rows) {
        if (member_out_[static_cast<size_t>(r)]) continue;
        const MemberRow& row = m_.rows[static_cast<size_t>(r)];
        auto it = registry_.member_owner.find(PackIdNumber(row.member.id_number));
        if (it == registry_.member_owner.end()) continue;
        const std::string& owner = registry_.owners[it->second];
        if (owner == g.household_id) continue;
        auto og = group_of_.find(owner);
        bool owner_replaced = og != group_of_.end() &&
                              !groups_[static_cast<size_t>(og->second)].quarantined &&
                              !groups_[static_cast<size_t>(og->second)].member_rows.empty();
        if (owner_replaced) continue;
        QuarantineMember(static_cast<size_t>(r), "id_number.in_other_household",
                         "this person is registered in household " + owner +
                             "; a person belongs to one household: import " + owner +
                             "'s members without them, or correct the ID number",
                         "id_number", row.member.id_number);
        changed = true;
      }
    }
    return changed;
  }

  Assembly Collect() {
    Assembly out;
    out.quarantine = std::move(quarantine_);
    out.households_quarantined = households_quarantined_;
    out.members_quarantined = members_quarantined_;
    for (Group& g : groups_) {
      if (g.quarantined) continue;
      BatchHousehold b;
      b.household_id = std::string(g.household_id);
      b.household_row = g.household_row;
      b.members_from_registry = g.member_rows.empty();
      for (int32_t r : g.member_rows) {
        if (!member_out_[static_cast<size_t>(r)]) b.member_rows.push_back(r);
      }
      out.members_accepted += static_cast<int64_t>(b.member_rows.size());
      if (g.household_row >= 0) ++out.households_accepted;
      out.households.push_back(std::move(b));
    }
    return out;
  }

  void QuarantineMember(size_t r, std::string rule, std::string message,
                        std::string column = "household_id", std::string value = {}) {
    const MemberRow& row = m_.rows[r];
    member_out_[r] = true;
    ++members_quarantined_;
    quarantine_.push_back(
        QuarantineEntry{0, members_file_, row.line, std::move(column), std::move(rule),
                        value.empty() ? std::string(row.household_id) : std::move(value),
                        "line " + std::to_string(row.line) + ": " + message, std::string(row.raw)});
  }

  // Quarantines the household row (if any) and its remaining members.
  void QuarantineGroup(Group& g, const std::string& rule, const std::string& message) {
    g.quarantined = true;
    if (g.household_row >= 0) {
      const HouseholdRow& row = h_.rows[static_cast<size_t>(g.household_row)];
      ++households_quarantined_;
      quarantine_.push_back(QuarantineEntry{
          0, households_file_, row.line, "", rule, row.household.household_id,
          "line " + std::to_string(row.line) + ": " + message, std::string(row.raw)});
    }
    for (int32_t r : g.member_rows) {
      if (member_out_[static_cast<size_t>(r)]) continue;
      if (g.household_row >= 0) {
        QuarantineMember(static_cast<size_t>(r), "household.quarantined",
                         "its household was quarantined: " + message);
      } else {
        QuarantineMember(static_cast<size_t>(r), rule, message);
      }
    }
  }

  const ParsedHouseholds& h_;
  const ParsedMembers& m_;
  const RegistryIndex& registry_;
  const std::string& households_file_;
  const std::string& members_file_;
  std::vector<Group> groups_;
  std::unordered_map<std::string_view, int32_t> group_of_;
  std::vector<bool> member_out_;  // member row quarantined
  std::vector<QuarantineEntry> quarantine_;
  int64_t households_quarantined_ = 0;
  int64_t members_quarantined_ = 0;
};

}  // namespace

Assembly Assemble(const ParsedHouseholds& households, const ParsedMembers& members,
                  const RegistryIndex& registry, const std::string& households_file,
                  const std::string& members_file) {
  return Assembler(households, members, registry, households_file, members_file).Run();
}

}  // namespace xianjie::ingest::internal
