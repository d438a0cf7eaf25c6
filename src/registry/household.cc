// Canonical order, content hash and derived income of a household record.
#include "registry/household.h"

#include <algorithm>
#include <cstring>

namespace xianjie::registry {
namespace {

class Fnv1a {
 public:
  void Bytes(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) h_ = (h_ ^ p[i]) * 1099511628211ULL;
  }
  void Int(int64_t v) { Bytes(&v, sizeof v); }
  void Str(const std::string& s) {
    Int(static_cast<int64_t>(s.size()));
    Bytes(s.data(), s.size());
  }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 14695981039346656037ULL;
};

}  // namespace

void Canonicalize(HouseholdRecord& record) {
  std::stable_sort(record.members.begin(), record.members.end(),
                   [](const Member& a, const Member& b) {
                     bool ah = a.relation == Relation::kHead, bh = b.relation == Relation::kHead;
                     if (ah != bh) return ah;
                     return a.id_number < b.id_number;
                   });
}

uint64_t ContentHash(const HouseholdRecord& record) {
  Fnv1a f;
  const Household& h = record.household;
  f.Str(h.household_id);
  f.Int(static_cast<int64_t>(h.village_code.value()));
  f.Int(static_cast<int64_t>(h.status));
  for (Money m : {h.wage_income, h.business_income, h.property_income, h.transfer_income,
                  h.production_costs, h.rigid_medical, h.rigid_education, h.rigid_other}) {
    f.Int(m.fen());
  }
  f.Int(h.prev_net_income.has_value() ? 1 : 0);
  f.Int(h.prev_net_income.value_or(Money()).fen());
  f.Int(h.housing_safe);
  f.Int(h.water_safe);
  f.Int(static_cast<int64_t>(record.members.size()));
  for (const Member& m : record.members) {
    f.Str(m.id_number);
    f.Str(m.name);
    f.Int(static_cast<int64_t>(m.relation));
    f.Int(static_cast<int64_t>(m.sex));
    f.Int(m.birth_date.ToDays());
    f.Int(static_cast<int64_t>(m.labor));
    f.Int(static_cast<int64_t>(m.health));
    f.Int(static_cast<int64_t>(m.school_stage));
    f.Int(m.enrolled);
    f.Int(m.med_insured);
    f.Int(m.pension_insured);
    f.Int(m.shares_household);
  }
  return f.value();
}

Money NetIncome(const Household& h) {
  return h.wage_income + h.business_income + h.property_income + h.transfer_income -
         h.production_costs;
}

Money RigidSpending(const Household& h) {
  return h.rigid_medical + h.rigid_education + h.rigid_other;
}

int CountedMembers(const HouseholdRecord& record) {
  return static_cast<int>(std::count_if(record.members.begin(), record.members.end(),
                                        [](const Member& m) { return m.shares_household; }));
}

}  // namespace xianjie::registry
