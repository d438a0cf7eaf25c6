// Comparing two standards on one snapshot.
#include "rules/whatif.h"

#include "rules/screen.h"
#include "rules/screening.h"

namespace xianjie::rules {
namespace {

std::string TypeCode(const CompiledStandard& s, uint8_t type) {
  return type == kNoType ? std::string() : s.standard().types[type].code;
}

}  // namespace

WhatIfReport CompareStandards(const registry::Snapshot& snapshot, const CompiledStandard& a,
                              const CompiledStandard& b, int threads, const FactColumns* facts) {
  const ScreenOutcome oa = ScreenAll(snapshot, a, threads, facts);
  const ScreenOutcome ob = ScreenAll(snapshot, b, threads, facts);
  WhatIfReport report;
  const uint32_t n = static_cast<uint32_t>(snapshot.households());
  for (uint32_t h = 0; h < n; ++h) {
    if (snapshot.counted_members()[h] == 0) continue;
    const uint32_t county = snapshot.county_code()[h];
    WhatIfCounts& c = report.by_county[county];
    const bool fa = oa.fired[h] != 0, fb = ob.fired[h] != 0;
    for (WhatIfCounts* k : {&report.total, &c}) {
      ++k->screened;
      k->flagged_a += fa;
      k->flagged_b += fb;
    }
    std::string type_a = TypeCode(a, oa.type[h]);
    std::string type_b = TypeCode(b, ob.type[h]);
    std::string change;
    if (fb && !fa) {
      change = "enter";
      ++report.by_type[type_b].first;
      ++report.total.entering;
      ++c.entering;
    } else if (fa && !fb) {
      change = "leave";
      ++report.by_type[type_a].second;
      ++report.total.leaving;
      ++c.leaving;
    } else if (fa && fb && type_a != type_b) {
      change = "type";
      ++report.total.type_changed;
      ++c.type_changed;
    } else {
      continue;
    }
    report.households.push_back(WhatIfHousehold{
        h, std::string(snapshot.household_id(h)), county, FiredRuleIds(a, oa.fired[h]),
        FiredRuleIds(b, ob.fired[h]), std::move(type_a), std::move(type_b), std::move(change)});
  }
  return report;
}

void WriteWhatIfCsv(const WhatIfReport& report, std::ostream& out) {
  out << "household_id,county_code,change,rules_a,type_a,rules_b,type_b\n";
  for (const WhatIfHousehold& h : report.households) {
    std::string id;
    AppendCsvField(h.household_id, id);
    out << id << ',' << h.county_code << ',' << h.change << ',' << h.rules_a << ','
        << h.type_a << ',' << h.rules_b << ',' << h.type_b << '\n';
  }
}

}  // namespace xianjie::rules
