// Reading the snapshot: household and member fields, department facts, earlier rules' results,
// age_on. Money columns (and money, number and code facts) are returned in place (no copy);
// narrower columns are widened on the selected rows.
#include "registry/snapshot.h"
#include "rules/executor/expression_runner.h"
#include "rules/names.h"
#include "rules/semantics.h"

namespace xianjie::rules {
namespace {

template <typename T>
Vec Widen(const T* column, NodeState& st, uint32_t cap, const uint8_t* ones, Sel sel) {
  int64_t* out = st.Data(cap);
  ForEach(sel, [&](uint32_t i) { out[i] = static_cast<int64_t>(column[i]); });
  return {out, ones, nullptr, true};
}

// A 0/1 column as truths (negated: 'not column'): 0/1 -> 0/2 or 2/0.
Vec Flags(const uint8_t* column, bool negated, NodeState& st, uint32_t cap, Sel sel) {
  uint8_t* out = st.Truth(cap);
  const uint8_t flip = negated ? 1 : 0;
  ForEach(sel, [&](uint32_t i) {
    out[i] = static_cast<uint8_t>(((column[i] != 0 ? 1 : 0) ^ flip) << 1);
  });
  return {nullptr, nullptr, out};
}

}  // namespace

Vec ExecuteHouseholdField(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  Batch& b = r.batch();
  const registry::Snapshot& s = b.snapshot();
  const uint32_t base = b.base();
  const uint8_t* ones = b.ones();
  const uint32_t cap = kBatchSize;
  switch (static_cast<HouseholdField>(n.field)) {
    case HouseholdField::kStatus:
      return Widen(s.status() + base, st, cap, ones, sel);
    case HouseholdField::kWageIncome:
      return {s.wage_income() + base, ones, nullptr, true};
    case HouseholdField::kBusinessIncome:
      return {s.business_income() + base, ones, nullptr, true};
    case HouseholdField::kPropertyIncome:
      return {s.property_income() + base, ones, nullptr, true};
    case HouseholdField::kTransferIncome:
      return {s.transfer_income() + base, ones, nullptr, true};
    case HouseholdField::kProductionCosts:
      return {s.production_costs() + base, ones, nullptr, true};
    case HouseholdField::kPrevNetIncome:
      return {s.prev_net_income() + base, s.prev_net_income_valid() + base, nullptr};
    case HouseholdField::kRigidMedical:
      return {s.rigid_medical() + base, ones, nullptr, true};
    case HouseholdField::kRigidEducation:
      return {s.rigid_education() + base, ones, nullptr, true};
    case HouseholdField::kRigidOther:
      return {s.rigid_other() + base, ones, nullptr, true};
    case HouseholdField::kHousingSafe:
      return Flags(s.housing_safe() + base, n.negated, st, cap, sel);
    case HouseholdField::kWaterSafe:
      return Flags(s.water_safe() + base, n.negated, st, cap, sel);
    case HouseholdField::kNetIncome:
      return {s.net_income() + base, ones, nullptr, true};
    case HouseholdField::kRigidSpending:
      return {s.rigid_spending() + base, ones, nullptr, true};
    case HouseholdField::kMembers:
      return Widen(s.counted_members() + base, st, cap, ones, sel);
    case HouseholdField::kListedMembers: {
      const uint32_t* mb = s.member_begin() + base;
      int64_t* out = st.Data(cap);
      ForEach(sel, [&](uint32_t i) { out[i] = static_cast<int64_t>(mb[i + 1] - mb[i]); });
      return {out, ones, nullptr, true};
    }
  }
  return {};
}

Vec ExecuteMemberField(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  Batch& b = r.batch();
  const registry::Snapshot& s = b.snapshot();
  const uint32_t base = b.member_base();
  const uint8_t* ones = b.ones();
  const uint32_t cap = b.member_capacity();
  switch (static_cast<MemberField>(n.field)) {
    case MemberField::kRelation:
      return Widen(s.member_relation() + base, st, cap, ones, sel);
    case MemberField::kSex:
      return Widen(s.member_sex() + base, st, cap, ones, sel);
    case MemberField::kBirthDate:
      return Widen(s.member_birth_ymd() + base, st, cap, ones, sel);
    case MemberField::kLabor:
      return Widen(s.member_labor() + base, st, cap, ones, sel);
    case MemberField::kHealth:
      return Widen(s.member_health() + base, st, cap, ones, sel);
    case MemberField::kSchoolStage:
      return Widen(s.member_school_stage() + base, st, cap, ones, sel);
    case MemberField::kEnrolled:
      return Flags(s.member_enrolled() + base, n.negated, st, cap, sel);
    case MemberField::kMedInsured:
      return Flags(s.member_med_insured() + base, n.negated, st, cap, sel);
    case MemberField::kPensionInsured:
      return Flags(s.member_pension_insured() + base, n.negated, st, cap, sel);
    case MemberField::kSharesHousehold:
      return Flags(s.member_shares_household() + base, n.negated, st, cap, sel);
  }
  return {};
}

// A fact of the batch's members. Without a value (0, or no column for it) money and numbers
// read 0, booleans false, codes the no-value 0 (equal to no code) and dates missing.
Vec ExecuteFactField(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  Batch& b = r.batch();
  const uint32_t cap = b.member_capacity();
  const FactColumns* facts = b.facts();
  const int64_t* column =
      facts != nullptr ? facts->Column(r.plan().facts[static_cast<size_t>(n.fact)]) : nullptr;
  if (column != nullptr) column += b.member_base();
  if (n.type.kind == TypeKind::kBoolean) {
    uint8_t* out = st.Truth(cap);
    if (column == nullptr) {
      const uint8_t absent = n.negated ? kTruthTrue : kTruthFalse;
      ForEach(sel, [&](uint32_t i) { out[i] = absent; });
    } else if (n.negated) {
      ForEach(sel, [&](uint32_t i) { out[i] = KleeneNot(static_cast<uint8_t>(column[i])); });
    } else {
      ForEach(sel, [&](uint32_t i) { out[i] = static_cast<uint8_t>(column[i]); });
    }
    return {nullptr, nullptr, out};
  }
  if (column == nullptr) {
    int64_t* out = st.Data(cap);
    ForEach(sel, [&](uint32_t i) { out[i] = 0; });
    if (n.type.kind != TypeKind::kDate) return {out, b.ones(), nullptr, true};
    uint8_t* valid = st.Valid(cap);
    ForEach(sel, [&](uint32_t i) { valid[i] = 0; });
    return {out, valid, nullptr};
  }
  if (n.type.kind == TypeKind::kDate) {
    uint8_t* valid = st.Valid(cap);
    ForEach(sel, [&](uint32_t i) { valid[i] = column[i] != 0 ? 1 : 0; });
    return {column, valid, nullptr};
  }
  return {column, b.ones(), nullptr, true};
}

Vec ExecuteRuleRef(ExpressionRunner& r, const BoundNode& n, NodeState& /*st*/, Sel /*sel*/) {
  return {nullptr, nullptr, r.batch().rule_truth(static_cast<size_t>(n.rule))};
}

Vec ExecuteAgeOn(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  const Vec date = r.Eval(n.children[0], sel);
  Batch& b = r.batch();
  const int32_t* birth = b.snapshot().member_birth_ymd() + b.member_base();
  const uint32_t cap = b.member_capacity();
  int64_t* out = st.Data(cap);
  const int64_t* d = date.data;
  if (date.constant) {
    const int64_t on = d[0];
    ForEach(sel, [&](uint32_t i) { out[i] = YearsOn(on, birth[i]); });
  } else {
    ForEach(sel, [&](uint32_t i) { out[i] = YearsOn(d[i], birth[i]); });
  }
  return {out, date.valid, nullptr, date.all_valid};
}

// An age condition as a range of birth dates (optimize.cc): one int32 comparison per member.
Vec ExecuteAgeRange(ExpressionRunner& r, const BoundNode& n, NodeState& st, Sel sel) {
  Batch& b = r.batch();
  const int32_t* __restrict birth = b.snapshot().member_birth_ymd() + b.member_base();
  uint8_t* __restrict out = st.Truth(b.member_capacity());
  const int32_t low = n.low;
  const int32_t high = n.high;
  const uint8_t flip = n.negated ? kTruthTrue : 0;
  ForEach(sel, [&](uint32_t i) {
    const auto inside = static_cast<uint8_t>(birth[i] > low && birth[i] <= high ? kTruthTrue : 0);
    out[i] = static_cast<uint8_t>(inside ^ flip);
  });
  return {nullptr, nullptr, out};
}

}  // namespace xianjie::rules
