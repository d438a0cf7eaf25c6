// The coordination checks C01–C11 over one household (CheckCoordination, coordination.h). Each
// check is a function adding its problems; the details are written from the parameters (the
// categories' Chinese names), so they say what the configured check asks for.
#include <algorithm>
#include <string>
#include <utility>

#include "assist/catalog.h"
#include "assist/coordination.h"
#include "cases/elimination.h"

namespace xianjie::assist {
namespace {

using cases::Measure;
using cases::MeasureCategory;

// The risk of each of C02–C08.
struct RiskCheck {
  std::string_view check;
  registry::RiskType risk;
};
constexpr RiskCheck kRiskChecks[] = {
    {"C02", registry::RiskType::kR01}, {"C03", registry::RiskType::kR02},
    {"C04", registry::RiskType::kR03}, {"C05", registry::RiskType::kR09},
    {"C06", registry::RiskType::kR10}, {"C07", registry::RiskType::kR11},
};

// What every check reads, worked out once.
struct HouseholdFacts {
  const CoordinationInput& in;
  const Coordination& coordination;
  std::vector<const Measure*> counted;             // counted measures, by ascending id
  std::vector<const registry::Member*> labouring;  // counted members with labour capacity
  int counted_members = 0;
  std::string episode_key;  // "episode:<id>"

  bool HasRisk(registry::RiskType risk) const {
    const std::string_view code = registry::CodeOf(risk);
    std::string_view rest = in.episode.risks;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      std::string_view token = rest.substr(0, semi);
      while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
      while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
      if (token == code) return true;
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
    return false;
  }

  // A counted measure satisfying `check` for `member_id_number` or the whole household; any
  // person's when `any_person`.
  bool Answered(const CoordinationCheck& check, std::string_view member_id_number,
                bool any_person) const {
    return std::any_of(counted.begin(), counted.end(), [&](const Measure* m) {
      return check.Satisfies(m->category) &&
             (any_person || m->member_id_number.empty() || m->member_id_number == member_id_number);
    });
  }
};

// "健康帮扶、社会帮扶或综合保障".
std::string CategoryNames(const std::vector<MeasureCategory>& categories) {
  const MeasureCatalog& catalog = BuiltinMeasureCatalog();
  std::string out;
  for (size_t i = 0; i < categories.size(); ++i) {
    if (i > 0) out += i + 1 == categories.size() ? "或" : "、";
    out += catalog.Category(categories[i]).name_zh;
  }
  return out;
}

// "“因病”（R01）".
std::string RiskName(registry::RiskType risk) {
  return "“" + std::string(registry::LabelOf(risk)) + "”（" + std::string(registry::CodeOf(risk)) +
         "）";
}

// "张三（身份证号 …）", or the ID number alone for a person the record does not list.
std::string PersonName(const registry::HouseholdRecord& record, std::string_view id_number) {
  for (const registry::Member& m : record.members) {
    if (m.id_number == id_number) return m.name + "（身份证号 " + m.id_number + "）";
  }
  return "身份证号 " + std::string(id_number);
}

// "措施 3：2026-03-01 至 2026-03-31", "措施 5：2026-03-15 起，未定结束日期".
std::string Period(const Measure& m) {
  return "措施 " + std::to_string(m.id) + "：" + m.start.ToString() +
         (m.end ? " 至 " + m.end->ToString() : " 起，未定结束日期");
}

CoordinationProblem Problem(const CoordinationCheck& check, std::string evidence,
                            std::string detail) {
  CoordinationProblem p;
  p.check = check.id;
  p.evidence = std::move(evidence);
  p.detail = std::move(detail);
  return p;
}

void C01(const HouseholdFacts& h, const CoordinationCheck& check,
         std::vector<CoordinationProblem>& out) {
  if (h.labouring.empty() || h.counted.empty()) return;
  const bool only = std::all_of(h.counted.begin(), h.counted.end(), [&](const Measure* m) {
    return std::find(check.only_categories.begin(), check.only_categories.end(), m->category) !=
           check.only_categories.end();
  });
  if (!only) return;
  const std::string who = h.labouring.size() == 1 ? h.labouring.front()->name
                                                  : h.labouring.front()->name + "等 " +
                                                        std::to_string(h.labouring.size()) + " 人";
  out.push_back(Problem(check, h.episode_key,
                        "家庭有劳动能力（" + who + "），帮扶措施只有" +
                            CategoryNames(check.only_categories) + "：应增加至少一项" +
                            CategoryNames(check.categories) + "措施"));
}

void RiskWithout(const HouseholdFacts& h, const CoordinationCheck& check, registry::RiskType risk,
                 std::vector<CoordinationProblem>& out) {
  if (!h.HasRisk(risk) || h.Answered(check, "", true)) return;
  out.push_back(Problem(check, h.episode_key + ":risk:" + std::string(registry::CodeOf(risk)),
                        "监测对象的风险类型含" + RiskName(risk) + "，但没有" +
                            CategoryNames(check.categories) +
                            "措施：应为相关成员或全户增加其中一项"));
}

void C08(const HouseholdFacts& h, const CoordinationCheck& check,
         std::vector<CoordinationProblem>& out) {
  if (!h.HasRisk(registry::RiskType::kR12)) return;
  bool uninsured = false;
  for (const registry::Member& m : h.in.household.members) {
    if (!m.shares_household || m.med_insured) continue;
    uninsured = true;
    if (h.Answered(check, m.id_number, false)) continue;
    CoordinationProblem p = Problem(check, h.episode_key + ":member:" + m.id_number,
                                    "成员" + m.name + "（身份证号 " + m.id_number +
                                        "）未参加基本医疗保险，没有为其本人或全户安排的" +
                                        CategoryNames(check.categories) + "措施：应增加其中一项");
    p.member_id_number = m.id_number;
    out.push_back(std::move(p));
  }
  if (uninsured || h.Answered(check, "", true)) return;
  out.push_back(Problem(check, h.episode_key + ":risk:R12",
                        "监测对象的风险类型含" + RiskName(registry::RiskType::kR12) +
                            "，但户籍记录中没有未参保的共同生活成员，也没有" +
                            CategoryNames(check.categories) +
                            "措施：应核实成员参保情况，并增加其中一项"));
}

void C09(const HouseholdFacts& h, const CoordinationCheck& check,
         std::vector<CoordinationProblem>& out) {
  if (!h.counted.empty()) return;
  const CivilDate due = cases::AddMonths(h.in.episode.identified_on, check.months);
  if (h.in.today <= due) return;
  out.push_back(Problem(check, h.episode_key,
                        "于 " + h.in.episode.identified_on.ToString() + " 认定为监测对象，已超过 " +
                            std::to_string(check.months) + " 个月（最迟 " + due.ToString() +
                            " 应有措施）仍没有任何帮扶措施：应制定帮扶计划并落实措施"));
}

// Whether two measures give the same item: the catalogue's item code takes precedence when both
// carry one; a measure recorded before the catalogue (item_code "") is compared by its item as
// written.
bool SameItem(const Measure& a, const Measure& b) {
  if (!a.item_code.empty() && !b.item_code.empty()) return a.item_code == b.item_code;
  return a.item == b.item;
}

bool Overlap(const Measure& a, const Measure& b) {
  return (!a.end || b.start <= *a.end) && (!b.end || a.start <= *b.end);
}

void C10(const HouseholdFacts& h, const CoordinationCheck& check,
         std::vector<CoordinationProblem>& out) {
  for (size_t i = 0; i < h.counted.size(); ++i) {
    for (size_t j = i + 1; j < h.counted.size(); ++j) {
      const Measure& a = *h.counted[i];
      const Measure& b = *h.counted[j];
      if (!SameItem(a, b) || a.member_id_number != b.member_id_number || !Overlap(a, b)) {
        continue;
      }
      const std::string who = a.member_id_number.empty()
                                  ? std::string("全户")
                                  : "成员" + PersonName(h.in.household, a.member_id_number);
      CoordinationProblem p =
          Problem(check, "measures:" + std::to_string(a.id) + "," + std::to_string(b.id),
                  "措施 " + std::to_string(a.id) + " 与措施 " + std::to_string(b.id) + " 为" + who +
                      "重复安排“" + a.item + "”，期间重叠（" + Period(a) + "；" + Period(b) +
                      "）：应删除其中一项，或调整日期使期间不重叠");
      p.member_id_number = a.member_id_number;
      p.measure_ids = {a.id, b.id};
      out.push_back(std::move(p));
    }
  }
}

void C11(const HouseholdFacts& h, const CoordinationCheck& check,
         std::vector<CoordinationProblem>& out) {
  if (h.counted_members == 0 || !h.labouring.empty() || h.Answered(check, "", true)) return;
  out.push_back(Problem(check, h.episode_key,
                        "共同生活的 " + std::to_string(h.counted_members) +
                            " 名成员均无劳动能力，没有" + CategoryNames(check.categories) +
                            "措施：应核实情况，按规定纳入" + CategoryNames(check.categories)));
}

}  // namespace

std::vector<CoordinationProblem> CheckCoordination(const CoordinationInput& input,
                                                   const Coordination& coordination) {
  HouseholdFacts h{input, coordination, {}, {}, 0, "episode:" + std::to_string(input.episode.id)};
  for (const Measure& m : input.measures) {
    if (coordination.Counts(m)) h.counted.push_back(&m);
  }
  std::stable_sort(h.counted.begin(), h.counted.end(),
                   [](const Measure* a, const Measure* b) { return a->id < b->id; });
  for (const registry::Member& m : input.household.members) {
    if (!m.shares_household) continue;
    ++h.counted_members;
    if (coordination.HasLabourCapacity(m)) h.labouring.push_back(&m);
  }

  std::vector<CoordinationProblem> out;
  for (const CoordinationCheck& check : coordination.checks) {
    if (!check.enabled) continue;
    if (check.id == "C01") {
      C01(h, check, out);
    } else if (check.id == "C08") {
      C08(h, check, out);
    } else if (check.id == "C09") {
      C09(h, check, out);
    } else if (check.id == "C10") {
      C10(h, check, out);
    } else if (check.id == "C11") {
      C11(h, check, out);
    } else {
      for (const RiskCheck& rc : kRiskChecks) {
        if (check.id == rc.check) RiskWithout(h, check, rc.risk, out);
      }
    }
  }
  return out;
}

}  // namespace xianjie::assist
