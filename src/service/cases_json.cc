#include "service/cases_json.h"

#include <optional>
#include <utility>

#include "access/role.h"

namespace xianjie::service {
namespace {

using nlohmann::json;

json DateOrNull(const std::optional<CivilDate>& d) {
  return d ? json(d->ToString()) : json(nullptr);
}
json TextOrNull(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

json CodeListJson(const std::string& joined) {
  json out = json::array();
  size_t start = 0;
  while (start < joined.size()) {
    const size_t semi = joined.find(';', start);
    const size_t end = semi == std::string::npos ? joined.size() : semi;
    if (end > start) out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

json DueJson(const cases::Due& due) {
  if (!due.open) return nullptr;
  return {{"due", due.due.ToString()},
          {"step_due", due.step_due.ToString()},
          {"overall_due", DateOrNull(due.overall_due)},
          {"paused", due.paused},
          {"overdue_days", due.overdue_days},
          {"owner", access::RoleName(due.owner)},
          {"escalated_to", access::RoleName(due.escalated_to)}};
}

json CaseJson(const CaseItem& item) {
  const cases::CaseRecord& c = item.record;
  return {{"id", c.id},
          {"kind", cases::KindCode(c.kind)},
          {"household_id", c.household_id},
          {"village_code", c.village_code},
          {"village_name", item.village_name},
          {"head_name", item.head_name},
          {"state", cases::StateCode(c.state)},
          {"channel", cases::ChannelCode(c.channel)},
          {"relapse", c.relapse},
          {"opened_at", c.opened_at},
          {"updated_at", c.updated_at},
          {"closed_at", TextOrNull(c.closed_at)},
          {"version", c.version},
          {"proposed_type", c.proposed_type},
          {"proposed_risks", CodeListJson(c.proposed_risks)},
          {"decided_type", c.decided_type},
          {"decided_risks", CodeListJson(c.decided_risks)},
          {"method", c.method},
          {"reason", c.reason},
          {"notice_start", DateOrNull(c.notice_start)},
          {"notice_end", DateOrNull(c.notice_end)},
          {"open_objections", c.open_objections},
          {"episode_id", c.episode_id},
          {"due", DueJson(item.due)}};
}

json EventJson(const cases::EventRecord& e) {
  return {{"seq", e.seq},
          {"event", cases::EventCode(e.event)},
          {"from", cases::StateCode(e.from)},
          {"to", cases::StateCode(e.to)},
          {"actor", e.actor},
          {"actor_role", e.actor_role},
          {"at", e.at},
          {"on", e.on.ToString()},
          {"comment", e.comment},
          {"fields", e.fields},
          {"attachments", e.attachments}};
}

json TimelinessFiguresJson(const TimelinessFigures& f) {
  const bool any = f.approved > 0;
  return {{"approved", f.approved},
          {"within_limit", f.within_limit},
          {"share_within_limit", any ? json(f.share_within_limit()) : json(nullptr)},
          {"total_days", f.total_days},
          {"mean_days", any ? json(f.mean_days()) : json(nullptr)},
          {"max_days", f.max_days},
          {"rejected", f.rejected}};
}

json TimelinessJson(const RegionTimeliness& t) {
  json by_area = json::array();
  for (const RegionTimeliness::Area& a : t.by_area) {
    json area = TimelinessFiguresJson(a.figures);
    area["code"] = a.code;
    area["name"] = a.name;
    by_area.push_back(std::move(area));
  }
  return {{"region_code", t.region_code},
          {"region_name", t.region_name},
          {"region_level", t.region_level},
          {"from", t.from.ToString()},
          {"to", t.to.ToString()},
          {"total", TimelinessFiguresJson(t.total)},
          {"by_area", std::move(by_area)}};
}

}  // namespace xianjie::service
