// The columnar snapshot: lookups, the row-by-row builder, joining builders and patching. The
// derived columns (net income, rigid spending, counted members) are filled as rows arrive, so
// bulk copies of a base snapshot's rows (Append, Patch) carry them along unchanged.
#include "registry/snapshot.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <numeric>

#include "base/id_number.h"

namespace xianjie::registry {
namespace {

// Appends src[begin, end) to dst in one bulk copy.
template <typename T>
void AppendRange(std::vector<T>& dst, const std::vector<T>& src, size_t begin, size_t end) {
  dst.insert(dst.end(), src.begin() + static_cast<ptrdiff_t>(begin),
             src.begin() + static_cast<ptrdiff_t>(end));
}

template <typename T>
size_t Bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

bool IsPackable(std::string_view id) {
  if (id.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
  }
  return (id[17] >= '0' && id[17] <= '9') || id[17] == 'X';
}

}  // namespace

// Gives the helpers above access to the private columns.
struct SnapshotColumns {
// Applies `fn(vector&)` to every per-household column (ids and member_begin excluded).
template <typename S, typename Fn>
  static void ForEachHouseholdColumn(S& s, Fn&& fn) {
  fn(s.village_code_);
  fn(s.county_code_);
  fn(s.status_);
  fn(s.wage_income_);
  fn(s.business_income_);
  fn(s.property_income_);
  fn(s.transfer_income_);
  fn(s.production_costs_);
  fn(s.prev_net_income_);
  fn(s.rigid_medical_);
  fn(s.rigid_education_);
  fn(s.rigid_other_);
  fn(s.prev_net_income_valid_);
  fn(s.housing_safe_);
  fn(s.water_safe_);
  fn(s.net_income_);
  fn(s.rigid_spending_);
  fn(s.counted_members_);
}

template <typename S, typename Fn>
  static void ForEachMemberColumn(S& s, Fn&& fn) {
  fn(s.member_id_number_);
  fn(s.member_birth_ymd_);
  fn(s.member_relation_);
  fn(s.member_sex_);
  fn(s.member_labor_);
  fn(s.member_health_);
  fn(s.member_school_stage_);
  fn(s.member_enrolled_);
  fn(s.member_med_insured_);
  fn(s.member_pension_insured_);
  fn(s.member_shares_household_);
}

  template <typename Fn>
  static void Households(Snapshot& s, Fn&& fn) {
    ForEachHouseholdColumn(s, fn);
  }
  template <typename Fn>
  static void Households(const Snapshot& s, Fn&& fn) {
    ForEachHouseholdColumn(s, fn);
  }
  template <typename Fn>
  static void Members(Snapshot& s, Fn&& fn) {
    ForEachMemberColumn(s, fn);
  }
  template <typename Fn>
  static void Members(const Snapshot& s, Fn&& fn) {
    ForEachMemberColumn(s, fn);
  }
  // Pairs of (destination, source) columns.
  template <typename Fn>
  static void HouseholdPairs(Snapshot& d, const Snapshot& s, Fn&& fn) {
    fn(d.village_code_, s.village_code_);
    fn(d.county_code_, s.county_code_);
    fn(d.status_, s.status_);
    fn(d.wage_income_, s.wage_income_);
    fn(d.business_income_, s.business_income_);
    fn(d.property_income_, s.property_income_);
    fn(d.transfer_income_, s.transfer_income_);
    fn(d.production_costs_, s.production_costs_);
    fn(d.prev_net_income_, s.prev_net_income_);
    fn(d.rigid_medical_, s.rigid_medical_);
    fn(d.rigid_education_, s.rigid_education_);
    fn(d.rigid_other_, s.rigid_other_);
    fn(d.prev_net_income_valid_, s.prev_net_income_valid_);
    fn(d.housing_safe_, s.housing_safe_);
    fn(d.water_safe_, s.water_safe_);
    fn(d.net_income_, s.net_income_);
    fn(d.rigid_spending_, s.rigid_spending_);
    fn(d.counted_members_, s.counted_members_);
  }
  template <typename Fn>
  static void MemberPairs(Snapshot& d, const Snapshot& s, Fn&& fn) {
    fn(d.member_id_number_, s.member_id_number_);
    fn(d.member_birth_ymd_, s.member_birth_ymd_);
    fn(d.member_relation_, s.member_relation_);
    fn(d.member_sex_, s.member_sex_);
    fn(d.member_labor_, s.member_labor_);
    fn(d.member_health_, s.member_health_);
    fn(d.member_school_stage_, s.member_school_stage_);
    fn(d.member_enrolled_, s.member_enrolled_);
    fn(d.member_med_insured_, s.member_med_insured_);
    fn(d.member_pension_insured_, s.member_pension_insured_);
    fn(d.member_shares_household_, s.member_shares_household_);
  }

  // Appends rows [begin, end) of `src` to `dst` column by column, in bulk.
  static void CopyRows(Snapshot& dst, const Snapshot& src, uint32_t begin, uint32_t end) {
    if (begin >= end) return;
    HouseholdPairs(dst, src, [&](auto& d, const auto& s) { AppendRange(d, s, begin, end); });
    const uint32_t m_begin = src.member_begin_[begin];
    const uint32_t m_end = src.member_begin_[end];
    MemberPairs(dst, src, [&](auto& d, const auto& s) { AppendRange(d, s, m_begin, m_end); });
    // Offsets are re-based: ids and members land after what dst holds already.
    const uint32_t id_begin = src.id_offsets_[begin];
    const uint32_t id_end = src.id_offsets_[end];
    const uint32_t id_shift = static_cast<uint32_t>(dst.id_bytes_.size()) - id_begin;
    dst.id_bytes_.append(src.id_bytes_, id_begin, id_end - id_begin);
    size_t at = dst.id_offsets_.size();
    AppendRange(dst.id_offsets_, src.id_offsets_, begin + 1, end + 1);
    for (size_t i = at; i < dst.id_offsets_.size(); ++i) dst.id_offsets_[i] += id_shift;
    const uint32_t name_begin = src.name_offsets_[m_begin];
    const uint32_t name_end = src.name_offsets_[m_end];
    const uint32_t name_shift = static_cast<uint32_t>(dst.name_bytes_.size()) - name_begin;
    dst.name_bytes_.append(src.name_bytes_, name_begin, name_end - name_begin);
    at = dst.name_offsets_.size();
    AppendRange(dst.name_offsets_, src.name_offsets_, m_begin + 1, m_end + 1);
    for (size_t i = at; i < dst.name_offsets_.size(); ++i) dst.name_offsets_[i] += name_shift;
    const uint32_t member_shift = dst.member_begin_.back() - m_begin;
    at = dst.member_begin_.size();
    AppendRange(dst.member_begin_, src.member_begin_, begin + 1, end + 1);
    for (size_t i = at; i < dst.member_begin_.size(); ++i) dst.member_begin_[i] += member_shift;
    dst.household_count_ += end - begin;
  }
};

// ---- Snapshot

int64_t Snapshot::Find(std::string_view household_id) const {
  size_t lo = 0, hi = household_count_;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (this->household_id(static_cast<uint32_t>(mid)) < household_id) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo < household_count_ && this->household_id(static_cast<uint32_t>(lo)) == household_id) {
    return static_cast<int64_t>(lo);
  }
  return -1;
}

size_t Snapshot::MemoryBytes() const {
  size_t total = sizeof(Snapshot) + id_bytes_.capacity() + Bytes(id_offsets_) +
                 Bytes(member_begin_) + name_bytes_.capacity() + Bytes(name_offsets_);
  SnapshotColumns::Households(*this, [&](const auto& v) { total += Bytes(v); });
  SnapshotColumns::Members(*this, [&](const auto& v) { total += Bytes(v); });
  return total;
}

HouseholdRecord Snapshot::Record(uint32_t h) const {
  HouseholdRecord r;
  Household& x = r.household;
  x.household_id = std::string(household_id(h));
  std::string village = std::to_string(village_code_[h]);
  village.insert(0, village.size() < 12 ? 12 - village.size() : 0, '0');
  if (Result<RegionCode> code = RegionCode::Parse(village); code.ok()) x.village_code = *code;
  x.status = static_cast<HouseholdStatus>(status_[h]);
  x.wage_income = Money::FromFen(wage_income_[h]);
  x.business_income = Money::FromFen(business_income_[h]);
  x.property_income = Money::FromFen(property_income_[h]);
  x.transfer_income = Money::FromFen(transfer_income_[h]);
  x.production_costs = Money::FromFen(production_costs_[h]);
  if (prev_net_income_valid_[h] != 0) x.prev_net_income = Money::FromFen(prev_net_income_[h]);
  x.rigid_medical = Money::FromFen(rigid_medical_[h]);
  x.rigid_education = Money::FromFen(rigid_education_[h]);
  x.rigid_other = Money::FromFen(rigid_other_[h]);
  x.housing_safe = housing_safe_[h] != 0;
  x.water_safe = water_safe_[h] != 0;
  for (uint32_t m = member_begin_[h]; m < member_begin_[h + 1]; ++m) {
    Member& p = r.members.emplace_back();
    p.id_number = UnpackIdNumber(member_id_number_[m]);
    p.name = std::string(member_name(m));
    const int32_t ymd = member_birth_ymd_[m];
    p.birth_date = CivilDate::FromYmd(ymd / 10000, ymd / 100 % 100, ymd % 100);
    p.relation = static_cast<Relation>(member_relation_[m]);
    p.sex = static_cast<Sex>(member_sex_[m]);
    p.labor = static_cast<Labor>(member_labor_[m]);
    p.health = static_cast<Health>(member_health_[m]);
    p.school_stage = static_cast<SchoolStage>(member_school_stage_[m]);
    p.enrolled = member_enrolled_[m] != 0;
    p.med_insured = member_med_insured_[m] != 0;
    p.pension_insured = member_pension_insured_[m] != 0;
    p.shares_household = member_shares_household_[m] != 0;
  }
  return r;
}

// ---- SnapshotBuilder

SnapshotBuilder::SnapshotBuilder() : s_(std::make_unique<Snapshot>()) {}

void SnapshotBuilder::Reserve(size_t households, size_t members, size_t id_bytes,
                              size_t name_bytes) {
  s_->id_offsets_.reserve(households + 1);
  s_->id_bytes_.reserve(id_bytes > 0 ? id_bytes : households * 16);
  s_->name_offsets_.reserve(members + 1);
  s_->name_bytes_.reserve(name_bytes > 0 ? name_bytes : members * 9);  // 3 CJK characters
  s_->member_begin_.reserve(households + 1);
  SnapshotColumns::Households(*s_, [&](auto& v) { v.reserve(households); });
  SnapshotColumns::Members(*s_, [&](auto& v) { v.reserve(members); });
}

size_t SnapshotBuilder::households() const { return s_->household_count_; }

Status SnapshotBuilder::Add(const HouseholdRecord& record) {
  const Household& h = record.household;
  for (const Member& m : record.members) {
    if (!IsPackable(m.id_number)) {
      return InvalidArgument("household " + h.household_id +
                             ": a member's ID number is not 17 digits and a check character");
    }
  }
  const int64_t money[8] = {
      h.wage_income.fen(),      h.business_income.fen(), h.property_income.fen(),
      h.transfer_income.fen(),  h.production_costs.fen(), h.rigid_medical.fen(),
      h.rigid_education.fen(),  h.rigid_other.fen(),
  };
  XJ_RETURN_IF_ERROR(AddHousehold(h.household_id, h.village_code.value(), h.status, money,
                                  h.prev_net_income.has_value(),
                                  h.prev_net_income.value_or(Money()).fen(), h.housing_safe,
                                  h.water_safe));
  for (const Member& m : record.members) {
    AddMember(PackIdNumber(m.id_number), m.name, m.birth_date.ToYmdNumber(), m.relation, m.sex,
              m.labor, m.health, m.school_stage, m.enrolled, m.med_insured, m.pension_insured,
              m.shares_household);
  }
  return Status::Ok();
}

Status SnapshotBuilder::AddHousehold(std::string_view household_id, uint64_t village_code,
                                     HouseholdStatus status, const int64_t (&money)[8],
                                     bool prev_valid, int64_t prev_net_income, bool housing_safe,
                                     bool water_safe) {
  XJ_RETURN_IF_ERROR(AddHouseholdFacts(household_id, village_code, status, money, prev_valid,
                                       prev_net_income, housing_safe, water_safe));
  s_->counted_members_.push_back(0);
  // member_begin_.back() is the end of the last household; members added next extend it.
  s_->member_begin_.push_back(s_->member_begin_.back());
  return Status::Ok();
}

Status SnapshotBuilder::AddHouseholdFacts(std::string_view household_id, uint64_t village_code,
                                          HouseholdStatus status, const int64_t (&money)[8],
                                          bool prev_valid, int64_t prev_net_income,
                                          bool housing_safe, bool water_safe) {
  Snapshot& s = *s_;
  if (household_id.empty()) return InvalidArgument("a snapshot household needs an id");
  if (s.household_count_ > 0) {
    std::string_view last = s.household_id(static_cast<uint32_t>(s.household_count_ - 1));
    if (!(last < household_id)) {
      return InvalidArgument("snapshot rows out of order: household " + std::string(household_id) +
                             " after " + std::string(last) +
                             " (households must come in strictly increasing id order)");
    }
  }
  s.id_bytes_.append(household_id);
  s.id_offsets_.push_back(static_cast<uint32_t>(s.id_bytes_.size()));
  s.village_code_.push_back(village_code);
  s.county_code_.push_back(static_cast<uint32_t>(village_code / 1'000'000));
  s.status_.push_back(static_cast<uint8_t>(status));
  s.wage_income_.push_back(money[kWage]);
  s.business_income_.push_back(money[kBusiness]);
  s.property_income_.push_back(money[kProperty]);
  s.transfer_income_.push_back(money[kTransfer]);
  s.production_costs_.push_back(money[kProductionCosts]);
  s.prev_net_income_.push_back(prev_valid ? prev_net_income : 0);
  s.prev_net_income_valid_.push_back(prev_valid ? 1 : 0);
  s.rigid_medical_.push_back(money[kRigidMedical]);
  s.rigid_education_.push_back(money[kRigidEducation]);
  s.rigid_other_.push_back(money[kRigidOther]);
  s.housing_safe_.push_back(housing_safe ? 1 : 0);
  s.water_safe_.push_back(water_safe ? 1 : 0);
  s.net_income_.push_back(money[kWage] + money[kBusiness] + money[kProperty] + money[kTransfer] -
                          money[kProductionCosts]);
  s.rigid_spending_.push_back(money[kRigidMedical] + money[kRigidEducation] +
                              money[kRigidOther]);
  ++s.household_count_;
  return Status::Ok();
}

Status SnapshotBuilder::AddHouseholdFacts(std::span<const HouseholdValues> households) {
  Snapshot& s = *s_;
  std::string_view last = s.household_count_ > 0
                              ? s.household_id(static_cast<uint32_t>(s.household_count_ - 1))
                              : std::string_view();
  for (const HouseholdValues& h : households) {
    if (h.household_id.empty()) return InvalidArgument("a snapshot household needs an id");
    if (!last.empty() && !(last < h.household_id)) {
      return InvalidArgument("snapshot rows out of order: household " +
                             std::string(h.household_id) + " after " + std::string(last) +
                             " (households must come in strictly increasing id order)");
    }
    last = h.household_id;
  }
  for (const HouseholdValues& h : households) {
    s.id_bytes_.append(h.household_id);
    s.id_offsets_.push_back(static_cast<uint32_t>(s.id_bytes_.size()));
  }
  // Column by column: each loop appends to one vector, the batch staying in cache.
  auto append = [&](auto& column, auto value_of) {
    for (const HouseholdValues& h : households) column.push_back(value_of(h));
  };
  using V = const HouseholdValues&;
  append(s.village_code_, [](V h) { return h.village_code; });
  append(s.county_code_, [](V h) { return static_cast<uint32_t>(h.village_code / 1'000'000); });
  append(s.status_, [](V h) { return static_cast<uint8_t>(h.status); });
  append(s.wage_income_, [](V h) { return h.money[kWage]; });
  append(s.business_income_, [](V h) { return h.money[kBusiness]; });
  append(s.property_income_, [](V h) { return h.money[kProperty]; });
  append(s.transfer_income_, [](V h) { return h.money[kTransfer]; });
  append(s.production_costs_, [](V h) { return h.money[kProductionCosts]; });
  append(s.prev_net_income_, [](V h) { return h.prev_valid ? h.prev_net_income : 0; });
  append(s.prev_net_income_valid_, [](V h) { return uint8_t{h.prev_valid}; });
  append(s.rigid_medical_, [](V h) { return h.money[kRigidMedical]; });
  append(s.rigid_education_, [](V h) { return h.money[kRigidEducation]; });
  append(s.rigid_other_, [](V h) { return h.money[kRigidOther]; });
  append(s.housing_safe_, [](V h) { return uint8_t{h.housing_safe}; });
  append(s.water_safe_, [](V h) { return uint8_t{h.water_safe}; });
  append(s.net_income_, [](V h) {
    return h.money[kWage] + h.money[kBusiness] + h.money[kProperty] + h.money[kTransfer] -
           h.money[kProductionCosts];
  });
  append(s.rigid_spending_, [](V h) {
    return h.money[kRigidMedical] + h.money[kRigidEducation] + h.money[kRigidOther];
  });
  s.household_count_ += households.size();
  return Status::Ok();
}

void SnapshotBuilder::AddMember(uint64_t packed_id_number, std::string_view name,
                                int32_t birth_ymd, Relation relation, Sex sex, Labor labor,
                                Health health, SchoolStage stage, bool enrolled, bool med_insured,
                                bool pension_insured, bool shares_household) {
  assert(s_->household_count_ > 0 && "AddMember before any AddHousehold");
  AddMemberColumns(packed_id_number, name, birth_ymd, relation, sex, labor, health, stage,
                   enrolled, med_insured, pension_insured, shares_household);
  ++s_->member_begin_.back();
  if (shares_household) ++s_->counted_members_.back();
}

void SnapshotBuilder::AddMemberColumns(uint64_t packed_id_number, std::string_view name,
                                       int32_t birth_ymd, Relation relation, Sex sex,
                                       Labor labor, Health health, SchoolStage stage,
                                       bool enrolled, bool med_insured, bool pension_insured,
                                       bool shares_household) {
  Snapshot& s = *s_;
  s.name_bytes_.append(name);
  s.name_offsets_.push_back(static_cast<uint32_t>(s.name_bytes_.size()));
  s.member_id_number_.push_back(packed_id_number);
  s.member_birth_ymd_.push_back(birth_ymd);
  s.member_relation_.push_back(static_cast<uint8_t>(relation));
  s.member_sex_.push_back(static_cast<uint8_t>(sex));
  s.member_labor_.push_back(static_cast<uint8_t>(labor));
  s.member_health_.push_back(static_cast<uint8_t>(health));
  s.member_school_stage_.push_back(static_cast<uint8_t>(stage));
  s.member_enrolled_.push_back(enrolled ? 1 : 0);
  s.member_med_insured_.push_back(med_insured ? 1 : 0);
  s.member_pension_insured_.push_back(pension_insured ? 1 : 0);
  s.member_shares_household_.push_back(shares_household ? 1 : 0);
}

void SnapshotBuilder::EndMembers() {
  const Snapshot& s = *s_;
  EndMembers(std::span<const uint32_t>(
      {static_cast<uint32_t>(s.member_birth_ymd_.size()) - s.member_begin_.back()}));
}

void SnapshotBuilder::AddMemberColumns(std::span<const MemberValues> members) {
  Snapshot& s = *s_;
  for (const MemberValues& m : members) {
    s.name_bytes_.append(m.name);
    s.name_offsets_.push_back(static_cast<uint32_t>(s.name_bytes_.size()));
  }
  // Column by column: each loop appends to one vector, the batch staying in cache.
  auto append = [&](auto& column, auto value_of) {
    for (const MemberValues& m : members) column.push_back(value_of(m));
  };
  append(s.member_id_number_, [](const MemberValues& m) { return m.packed_id_number; });
  append(s.member_birth_ymd_, [](const MemberValues& m) { return m.birth_ymd; });
  append(s.member_relation_, [](const MemberValues& m) { return static_cast<uint8_t>(m.relation); });
  append(s.member_sex_, [](const MemberValues& m) { return static_cast<uint8_t>(m.sex); });
  append(s.member_labor_, [](const MemberValues& m) { return static_cast<uint8_t>(m.labor); });
  append(s.member_health_, [](const MemberValues& m) { return static_cast<uint8_t>(m.health); });
  append(s.member_school_stage_,
         [](const MemberValues& m) { return static_cast<uint8_t>(m.stage); });
  append(s.member_enrolled_, [](const MemberValues& m) { return uint8_t{m.enrolled}; });
  append(s.member_med_insured_, [](const MemberValues& m) { return uint8_t{m.med_insured}; });
  append(s.member_pension_insured_,
         [](const MemberValues& m) { return uint8_t{m.pension_insured}; });
  append(s.member_shares_household_,
         [](const MemberValues& m) { return uint8_t{m.shares_household}; });
}

void SnapshotBuilder::EndMembers(std::span<const uint32_t> member_counts) {
  Snapshot& s = *s_;
  const uint8_t* shares = s.member_shares_household_.data();
  for (uint32_t count : member_counts) {
    const uint32_t begin = s.member_begin_.back();
    assert(begin + count <= s.member_shares_household_.size() && "members not added yet");
    uint32_t counted = 0;
    for (uint32_t m = begin; m < begin + count; ++m) counted += shares[m];
    s.member_begin_.push_back(begin + count);
    s.counted_members_.push_back(counted);
  }
}

Status SnapshotBuilder::Append(SnapshotBuilder&& later) {
  const Snapshot& src = *later.s_;
  if (src.household_count_ == 0) return Status::Ok();
  if (s_->household_count_ > 0) {
    std::string_view last = s_->household_id(static_cast<uint32_t>(s_->household_count_ - 1));
    std::string_view first = src.household_id(0);
    if (!(last < first)) {
      return InvalidArgument("cannot append snapshot rows starting at household " +
                             std::string(first) + " after " + std::string(last) +
                             " (ids must keep increasing)");
    }
  }
  if (s_->household_count_ == 0) {
    s_ = std::move(later.s_);
  } else {
    SnapshotColumns::CopyRows(*s_, src, 0, static_cast<uint32_t>(src.household_count_));
  }
  later.s_ = std::make_unique<Snapshot>();
  return Status::Ok();
}

Status SnapshotBuilder::AppendRows(const Snapshot& source, uint32_t begin, uint32_t end) {
  if (begin >= end) return Status::Ok();
  if (end > source.households()) {
    return InvalidArgument("AppendRows: rows " + std::to_string(begin) + ".." +
                           std::to_string(end) + " beyond the source's " +
                           std::to_string(source.households()));
  }
  if (s_->household_count_ > 0) {
    std::string_view last = s_->household_id(static_cast<uint32_t>(s_->household_count_ - 1));
    if (!(last < source.household_id(begin))) {
      return InvalidArgument("cannot append snapshot rows starting at household " +
                             std::string(source.household_id(begin)) + " after " +
                             std::string(last) + " (ids must keep increasing)");
    }
  }
  SnapshotColumns::CopyRows(*s_, source, begin, end);
  return Status::Ok();
}

std::shared_ptr<const Snapshot> SnapshotBuilder::Finish() {
  Snapshot& s = *s_;
  assert(s.member_begin_.size() == s.household_count_ + 1 &&
         s.counted_members_.size() == s.household_count_ && "the two streams disagree");
  assert(s.name_offsets_.size() == s.members() + 1 && "a member without its name");
  // Reserve() may have guessed high; give back what is clearly unused (MemoryBytes counts it).
  auto trim = [](auto& v) {
    if (v.capacity() - v.size() > v.size() / 16) v.shrink_to_fit();
  };
  SnapshotColumns::Households(s, trim);
  SnapshotColumns::Members(s, trim);
  trim(s.id_offsets_);
  trim(s.member_begin_);
  trim(s.id_bytes_);
  trim(s.name_offsets_);
  trim(s.name_bytes_);
  std::shared_ptr<const Snapshot> out(std::move(s_));
  s_ = std::make_unique<Snapshot>();
  return out;
}

// ---- Patch

Result<std::shared_ptr<const Snapshot>> Patch(const Snapshot& base,
                                              std::span<const HouseholdRecord> changed,
                                              std::span<const std::string> removed) {
  // One sorted list of edits: a changed record (index into `changed`) or a removal (-1).
  struct Edit {
    std::string_view id;
    int64_t record;
  };
  std::vector<Edit> edits;
  edits.reserve(changed.size() + removed.size());
  for (size_t i = 0; i < changed.size(); ++i) {
    edits.push_back({changed[i].household.household_id, static_cast<int64_t>(i)});
  }
  for (const std::string& id : removed) edits.push_back({id, -1});
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.id < b.id; });
  for (size_t i = 1; i < edits.size(); ++i) {
    if (edits[i].id == edits[i - 1].id) {
      return InvalidArgument("household " + std::string(edits[i].id) +
                             " is named twice in one snapshot patch (changed or removed)");
    }
  }

  size_t members = base.members();
  for (const HouseholdRecord& r : changed) members += r.members.size();
  SnapshotBuilder builder;
  builder.Reserve(base.households() + changed.size(), members);
  uint32_t cursor = 0;  // next base row not yet copied or skipped
  const auto n = static_cast<uint32_t>(base.households());
  for (const Edit& e : edits) {
    // Base rows before the edit's id, in one bulk copy.
    uint32_t lo = cursor, hi = n;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (base.household_id(mid) < e.id) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    XJ_RETURN_IF_ERROR(builder.AppendRows(base, cursor, lo));
    cursor = lo;
    if (cursor < n && base.household_id(cursor) == e.id) ++cursor;  // replaced or removed
    if (e.record >= 0) XJ_RETURN_IF_ERROR(builder.Add(changed[static_cast<size_t>(e.record)]));
  }
  XJ_RETURN_IF_ERROR(builder.AppendRows(base, cursor, n));
  return builder.Finish();
}

}  // namespace xianjie::registry
