// Text of exchange-format rows and the buffered CSV writer of the demo generator.
#include "demo/rows.h"

#include <cstring>

#include "registry/codes.h"

namespace xianjie::demo {
namespace {

void SetBool(std::string& field, bool value) { field.assign(1, value ? '1' : '0'); }

// strcspn runs in libc at full speed in every build; find_first_of calls memchr once per
// character, which dominated the profile. (Our fields hold no NUL; one would only add quotes.)
bool NeedsQuotes(const std::string& field) {
  return std::strcspn(field.c_str(), ",\"\r\n") != field.size();
}

}  // namespace

void FormatHousehold(const registry::Household& h, std::string_view village_code,
                     HouseholdFields& f) {
  using C = registry::HouseholdColumn;
  At(f, C::kHouseholdId) = h.household_id;
  At(f, C::kVillageCode).assign(village_code);
  At(f, C::kStatus).assign(registry::CodeOf(h.status));
  At(f, C::kWageIncome) = h.wage_income.ToYuanString();
  At(f, C::kBusinessIncome) = h.business_income.ToYuanString();
  At(f, C::kPropertyIncome) = h.property_income.ToYuanString();
  At(f, C::kTransferIncome) = h.transfer_income.ToYuanString();
  At(f, C::kProductionCosts) = h.production_costs.ToYuanString();
  if (h.prev_net_income.has_value()) {
    At(f, C::kPrevNetIncome) = h.prev_net_income->ToYuanString();
  } else {
    At(f, C::kPrevNetIncome).clear();
  }
  At(f, C::kRigidMedical) = h.rigid_medical.ToYuanString();
  At(f, C::kRigidEducation) = h.rigid_education.ToYuanString();
  At(f, C::kRigidOther) = h.rigid_other.ToYuanString();
  SetBool(At(f, C::kHousingSafe), h.housing_safe);
  SetBool(At(f, C::kWaterSafe), h.water_safe);
}

void FormatMember(const registry::Member& m, std::string_view household_id, MemberFields& f) {
  using C = registry::MemberColumn;
  At(f, C::kIdNumber) = m.id_number;
  At(f, C::kHouseholdId).assign(household_id);
  At(f, C::kName) = m.name;
  At(f, C::kRelation).assign(registry::CodeOf(m.relation));
  At(f, C::kSex).assign(registry::CodeOf(m.sex));
  At(f, C::kBirthDate) = m.birth_date.ToString();
  At(f, C::kLabor).assign(registry::CodeOf(m.labor));
  At(f, C::kHealth).assign(registry::CodeOf(m.health));
  At(f, C::kSchoolStage).assign(registry::CodeOf(m.school_stage));
  SetBool(At(f, C::kEnrolled), m.enrolled);
  SetBool(At(f, C::kMedInsured), m.med_insured);
  SetBool(At(f, C::kPensionInsured), m.pension_insured);
  SetBool(At(f, C::kSharesHousehold), m.shares_household);
}

void CsvWriter::Line(std::string_view text) {
  buffer_ += text;
  buffer_ += '\n';
  MaybeFlush();
}

void CsvWriter::Row(std::span<const std::string> fields) {
  bool first = true;
  for (const std::string& field : fields) {
    if (!first) buffer_ += ',';
    first = false;
    if (!NeedsQuotes(field)) {
      buffer_ += field;
      continue;
    }
    buffer_ += '"';
    for (char c : field) {
      if (c == '"') buffer_ += '"';
      buffer_ += c;
    }
    buffer_ += '"';
  }
  buffer_ += '\n';
  MaybeFlush();
}

void CsvWriter::MaybeFlush() {
  if (buffer_.size() < kFlushAt) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

Status CsvWriter::Finish(std::string_view what) {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
  out_.flush();
  if (!out_)
    return IoError("could not write " + std::string(what) + " (disk full or not writable?)");
  return Status::Ok();
}

}  // namespace xianjie::demo
