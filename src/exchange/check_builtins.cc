// The built-in cross-checks: the same ID number in two households (Q02) and both medical
// insurances in one window (Q05).
#include "exchange/internal/check_builtins.h"

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "base/id_number.h"

namespace xianjie::exchange::internal {
namespace {

using Json = nlohmann::json;

constexpr char kMedicalSource[] = "medical_insurance";
constexpr char kMonthsParameter[] = "dual_insurance_months";

std::string VillageOf(const registry::Snapshot& s, uint32_t h) {
  return std::to_string(s.village_code()[h]);
}

Finding MakeFinding(const CheckDefinition& check, const CheckContext& context, uint32_t h) {
  const registry::Snapshot& s = context.index.snapshot();
  Finding f;
  f.check = check.id;
  f.household_id = std::string(s.household_id(h));
  f.village_code = VillageOf(s, h);
  f.opened_at = context.now_utc;
  return f;
}

// "A01（630102001001）、B02（630102001004）".
std::string HouseholdList(const registry::Snapshot& s, const std::vector<uint32_t>& households) {
  std::string out;
  for (uint32_t h : households) {
    if (!out.empty()) out += "、";
    out += std::string(s.household_id(h)) + "（" + VillageOf(s, h) + "）";
  }
  return out;
}

// Findings for the households in scope of one ID number listed by `members` (member rows).
void DuplicateFindings(const CheckDefinition& check, const CheckContext& context,
                       const ScopeRows& scope, const std::string& id_number,
                       std::span<const uint32_t> members, std::vector<Finding>& out) {
  const registry::Snapshot& s = context.index.snapshot();
  std::vector<uint32_t> households;
  for (uint32_t m : members) households.push_back(context.index.HouseholdOfMember(m));
  std::sort(households.begin(), households.end());  // rows are in household_id order
  households.erase(std::unique(households.begin(), households.end()), households.end());
  if (households.size() < 2) return;
  const std::string detail =
      "身份证号 " + id_number + "（" + std::string(s.member_name(members[0])) + "）同时登记在 " +
      std::to_string(households.size()) + " 户：" + HouseholdList(s, households);
  for (uint32_t h : households) {
    if (!scope.in_scope[h]) continue;
    Finding f = MakeFinding(check, context, h);
    f.evidence_key = "member:" + id_number;
    f.detail = detail;
    out.push_back(std::move(f));
  }
}

// The first day of the window of `months` months ending on `today` (as facts.h counts them: the
// day after today's day `months` months earlier).
CivilDate WindowStart(CivilDate today, int months) {
  int year = today.year();
  int month = today.month() - months;
  while (month < 1) {
    month += 12;
    --year;
  }
  int day = today.day();
  while (!CivilDate::IsValid(year, month, day)) --day;
  return CivilDate::FromDays(CivilDate::FromYmd(year, month, day).ToDays() + 1);
}

// The day of a row: its event date, else the first day of its period's month (or year).
std::optional<CivilDate> RowDay(const DeptRow& row) {
  if (auto d = ParseDate(row.event_date); d.ok()) return *d;
  const std::string& p = row.period;
  if (p.size() >= 7 && p[4] == '-' && p[5] >= '0' && p[5] <= '9') {
    if (auto d = ParseDate(p.substr(0, 7) + "-01"); d.ok()) return *d;
  }
  if (p.size() >= 4) {
    if (auto d = ParseDate(p.substr(0, 4) + "-01-01"); d.ok()) return *d;
  }
  return std::nullopt;
}

// The earliest-uploaded settlement of one kind of a person.
struct Settlement {
  int64_t upload_id = 0;
  int64_t row = 0;
  CivilDate day;
  bool set = false;

  void Offer(const DeptRow& r, CivilDate d) {
    if (!set || std::tie(r.upload_id, r.row) < std::tie(upload_id, row)) {
      *this = {r.upload_id, r.row, d, true};
    }
  }
  std::string Describe() const {
    return day.ToString() + "，上传 " + std::to_string(upload_id) + " 第 " + std::to_string(row) +
           " 行";
  }
};

struct Insurances {
  Settlement resident;
  Settlement employee;
};

// Calls fn for the matched rows of `source` the scope needs: every row with a period from
// `min_period` on when the scope is whole, else the rows matched to the scope's households.
Status ForSourceRows(const CheckContext& context, const ScopeRows& scope, const std::string& source,
                     const std::string& min_period, const std::function<void(const DeptRow&)>& fn) {
  if (scope.whole) return context.exchange.ForEachFact(source, min_period, fn);
  const registry::Snapshot& s = context.index.snapshot();
  std::vector<std::string> ids;
  for (uint32_t h : scope.rows) ids.emplace_back(s.household_id(h));
  XJ_ASSIGN_OR_RETURN(std::vector<DeptRow> rows, context.exchange.FactsOfHouseholds(ids));
  for (const DeptRow& row : rows) {
    if (row.source == source) fn(row);
  }
  return Status::Ok();
}

// The string value of `column` in a row's values, or "".
std::string TextOf(const DeptRow& row, const char* column) {
  const Json values = Json::parse(row.values_json, nullptr, /*allow_exceptions=*/false);
  if (!values.is_object()) return "";  // damaged rows are ComputeFacts' error, not a finding
  auto it = values.find(column);
  return it != values.end() && it->is_string() ? it->get<std::string>() : "";
}

constexpr char kPublicSecuritySource[] = "public_security";

}  // namespace

Result<std::vector<Finding>> DeceasedListed(const CheckDefinition& check,
                                            const CheckContext& context, const ScopeRows& scope) {
  // The latest row of each person, as ComputeFacts orders them: day, then upload, then row.
  struct Latest {
    CivilDate day;
    int64_t upload_id = 0;
    int64_t row = 0;
    std::string change;
  };
  std::unordered_map<std::string, Latest> people;
  XJ_RETURN_IF_ERROR(
      ForSourceRows(context, scope, kPublicSecuritySource, "", [&](const DeptRow& row) {
        if (row.id_number.empty()) return;
        const CivilDate day = RowDay(row).value_or(CivilDate());
        auto [it, fresh] = people.try_emplace(row.id_number);
        Latest& l = it->second;
        if (fresh || std::tie(day, row.upload_id, row.row) > std::tie(l.day, l.upload_id, l.row)) {
          l = {day, row.upload_id, row.row, TextOf(row, "change")};
        }
      }));
  const registry::Snapshot& s = context.index.snapshot();
  std::map<std::string, const Latest*> deaths;  // by ID number: a stable order
  for (const auto& [id, latest] : people) {
    if (latest.change == "death") deaths.emplace(id, &latest);
  }
  std::vector<Finding> out;
  for (const auto& [id, latest] : deaths) {
    for (uint32_t m : context.index.FindMembers(id)) {
      const uint32_t h = context.index.HouseholdOfMember(m);
      if (!scope.in_scope[h]) continue;
      Finding f = MakeFinding(check, context, h);
      f.evidence_key =
          "upload:" + std::to_string(latest->upload_id) + ":row:" + std::to_string(latest->row);
      f.source = kPublicSecuritySource;
      f.upload_id = latest->upload_id;
      f.row = latest->row;
      f.detail = "身份证号 " + id + "（" + std::string(s.member_name(m)) + "）已由公安登记死亡（" +
                 latest->day.ToString() + "，上传 " + std::to_string(latest->upload_id) + " 第 " +
                 std::to_string(latest->row) + " 行），仍在家庭成员中";
      out.push_back(std::move(f));
    }
  }
  return out;
}

Result<std::vector<Finding>> DuplicateIdNumbers(const CheckDefinition& check,
                                                const CheckContext& context,
                                                const ScopeRows& scope) {
  const registry::Snapshot& s = context.index.snapshot();
  std::vector<Finding> out;
  if (scope.whole) {
    // Every member by ID number: runs of two or more are the duplicates.
    std::vector<std::pair<uint64_t, uint32_t>> ids(s.members());
    for (uint32_t m = 0; m < s.members(); ++m) ids[m] = {s.member_id_number()[m], m};
    std::sort(ids.begin(), ids.end());
    std::vector<uint32_t> members;
    for (size_t i = 0; i < ids.size();) {
      size_t j = i + 1;
      while (j < ids.size() && ids[j].first == ids[i].first) ++j;
      if (j - i > 1) {
        members.clear();
        for (size_t k = i; k < j; ++k) members.push_back(ids[k].second);
        DuplicateFindings(check, context, scope, UnpackIdNumber(ids[i].first), members, out);
      }
      i = j;
    }
  } else {
    for (uint32_t h : scope.rows) {
      for (uint32_t m = s.member_begin()[h]; m < s.member_begin()[h + 1]; ++m) {
        const std::string id = UnpackIdNumber(s.member_id_number()[m]);
        const std::vector<uint32_t> members = context.index.FindMembers(id);
        if (members.size() < 2) continue;
        ScopeRows only;  // this household only: the others are not in the scope
        only.in_scope.assign(s.households(), 0);
        only.in_scope[h] = 1;
        DuplicateFindings(check, context, only, id, members, out);
      }
    }
  }
  return out;
}

Result<std::vector<Finding>> DualMedicalInsurance(const CheckDefinition& check,
                                                  const CheckSet& checks,
                                                  const CheckContext& context,
                                                  const ScopeRows& scope) {
  int months = 12;
  if (const rules::Parameter* p = checks.FindParameter(kMonthsParameter)) {
    const int64_t* n = std::get_if<int64_t>(&p->value);
    if (n == nullptr || *n < 1 || *n > 120) {
      return InvalidArgument(checks.origin + ": parameters." + kMonthsParameter +
                             ": must be an integer of 1 to 120 months; write " + kMonthsParameter +
                             " = { integer = 12 }");
    }
    months = static_cast<int>(*n);
  }
  const CivilDate from = WindowStart(context.today, months);
  std::unordered_map<std::string, Insurances> people;
  auto offer = [&](const DeptRow& row) {
    if (row.source != kMedicalSource || row.id_number.empty()) return;
    const std::optional<CivilDate> day = RowDay(row);
    if (!day || *day < from || context.today < *day) return;
    const std::string type = TextOf(row, "insurance_type");
    if (type == "resident") people[row.id_number].resident.Offer(row, *day);
    if (type == "employee") people[row.id_number].employee.Offer(row, *day);
  };
  XJ_RETURN_IF_ERROR(
      ForSourceRows(context, scope, kMedicalSource, std::to_string(from.year()), offer));

  const registry::Snapshot& s = context.index.snapshot();
  std::vector<Finding> out;
  // In ID number order, so that the findings come out the same way every time.
  std::map<std::string, const Insurances*> sorted;
  for (const auto& [id, ins] : people) {
    if (ins.resident.set && ins.employee.set) sorted.emplace(id, &ins);
  }
  for (const auto& [id, ins] : sorted) {
    const Settlement& decisive = std::tie(ins->resident.upload_id, ins->resident.row) >
                                         std::tie(ins->employee.upload_id, ins->employee.row)
                                     ? ins->resident
                                     : ins->employee;
    for (uint32_t m : context.index.FindMembers(id)) {
      const uint32_t h = context.index.HouseholdOfMember(m);
      if (!scope.in_scope[h]) continue;
      Finding f = MakeFinding(check, context, h);
      f.evidence_key =
          "upload:" + std::to_string(decisive.upload_id) + ":row:" + std::to_string(decisive.row);
      f.source = kMedicalSource;
      f.upload_id = decisive.upload_id;
      f.row = decisive.row;
      f.detail = "身份证号 " + id + "（" + std::string(s.member_name(m)) + "）" +
                 std::to_string(months) + "个月内既有城乡居民医保结算（" +
                 ins->resident.Describe() + "）又有职工医保结算（" + ins->employee.Describe() +
                 "）";
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace xianjie::exchange::internal
