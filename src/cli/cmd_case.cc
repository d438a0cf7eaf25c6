// `xianjie case list|show|act|limits|candidates|propose|measure|checks|timeliness`: the
// identification and elimination cases (docs/decisions/0005) for scripting and tests. `act`
// always names the user it acts as (--as): the workflow table checks that user's role and scope,
// exactly as the web application does; so do the elimination commands (DOMAIN.md §8), which all
// need --as. `list` and `show` without --as read as the database's owner; `show` records the
// read in the audit log under the operating-system user. `timeliness` (DOMAIN.md §10, counts
// without anyone's data) reads as --as, else as the database's owner over the whole province.
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "access/audit.h"
#include "base/clock.h"
#include "base/money.h"
#include "cases/deadlines.h"
#include "cases/elimination.h"
#include "cases/measure.h"
#include "cases/workflow.h"
#include "cli/acting_user.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "service/cases.h"
#include "service/cases_json.h"
#include "service/elimination.h"
#include "service/workspace.h"

namespace xianjie::cli {
namespace {

using nlohmann::json;

struct CaseOptions {
  std::string db;
  std::string as;  // username
  bool json = false;
  // list
  std::string state;
  std::string region;
  std::string household;
  bool all = false;
  bool worklist = false;
  bool overdue = false;
  std::string today;  // YYYY-MM-DD; "" = today in China
  // show / act
  int64_t case_id = 0;
  std::string event;
  std::vector<std::string> fields;  // name=value
  std::string comment;
  std::vector<std::string> attach;  // files
  std::string at;                   // UTC ISO 8601; "" = now
  // limits
  std::string province;
  std::vector<std::string> set;  // name=value
  // measure
  std::string category;
  std::string item;
  std::string start;  // YYYY-MM-DD
  std::string end;    // YYYY-MM-DD; "" = open-ended
  std::string status = "planned";
  std::string amount;  // yuan
  std::string risks;
  std::string member;  // ID number; "" = the household
  std::string department;
  // timeliness
  std::string from;  // YYYY-MM-DD; "" = 1 January of the year of --to
  std::string to;    // YYYY-MM-DD; "" = today in China
};

Result<CivilDate> TodayOf(const CaseOptions& o) {
  if (o.today.empty()) return cases::ChinaDateOf(UtcNowIso8601());
  auto d = ParseDate(o.today);
  if (!d.ok()) return InvalidArgument("--today must be a date YYYY-MM-DD, not '" + o.today + "'");
  return *d;
}

// Opens --db as the user of --as (OpenActingUser); with `load_registry`, reads the registry into
// the workspace, for answers that name villages and heads of household.
Result<ActingUser> OpenAsUser(const CaseOptions& o, bool load_registry = false) {
  return OpenActingUser(o.db, o.as, load_registry);
}

// The case's JSON (service/cases_json.h) for a record read without the registry in memory: its
// village's and head's names are "".
json CaseJson(const cases::CaseRecord& c, const cases::Due& due) {
  service::CaseItem item;
  item.record = c;
  item.due = due;
  return service::CaseJson(item);
}

int RunList(const CaseOptions& o) {
  auto today = TodayOf(o);
  if (!today.ok()) return Fail(today.status());
  std::vector<std::pair<cases::CaseRecord, cases::Due>> rows;
  if (!o.as.empty()) {
    auto user = OpenAsUser(o);
    if (!user.ok()) return Fail(user.status());
    service::CaseQuery q;
    q.region = o.region;
    q.state = o.state;
    q.household_id = o.household;
    q.open_only = !o.all;
    q.worklist = o.worklist;
    q.overdue_only = o.overdue;
    q.limit = service::kMaxPageLimit;
    for (int64_t offset = 0;; offset += q.limit) {
      q.offset = offset;
      auto page = service::ListCases(*user->ws, user->principal, q, *today);
      if (!page.ok()) return Fail(page.status());
      for (auto& item : page->items) rows.emplace_back(item.record, item.due);
      if (offset + q.limit >= page->total) break;
    }
  } else {
    auto db = OpenDatabase(o.db);
    if (!db.ok()) return Fail(db.status());
    if (o.worklist) {
      return Fail(InvalidArgument("--worklist needs --as USERNAME: a worklist is a user's"));
    }
    cases::CaseFilter filter;
    filter.region_prefix = o.region;
    filter.household_id = o.household;
    filter.open_only = !o.all;
    if (!o.state.empty()) {
      auto state = cases::ParseState(o.state);
      if (!state) return Fail(InvalidArgument("--state: '" + o.state + "' is not a case state"));
      filter.states = {*state};
    }
    auto found = (*db)->ListCases(filter);
    if (!found.ok()) return Fail(found.status());
    for (cases::CaseRecord& c : *found) {
      auto limits = service::LimitsFor(**db, c.village_code.substr(0, 2));
      if (!limits.ok()) return Fail(limits.status());
      cases::Due due = cases::DueOf(c, *limits, *today);
      if (o.overdue && due.overdue_days == 0) continue;
      rows.emplace_back(std::move(c), due);
    }
  }
  if (o.json) {
    json out = json::array();
    for (const auto& [c, due] : rows) out.push_back(CaseJson(c, due));
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
  }
  std::printf("%-8s %-20s %-12s %-18s %-10s %s\n", "case", "household", "village", "state", "due",
              "overdue");
  for (const auto& [c, due] : rows) {
    std::printf("%-8lld %-20s %-12s %-18s %-10s %s\n", static_cast<long long>(c.id),
                c.household_id.c_str(), c.village_code.c_str(),
                std::string(cases::StateCode(c.state)).c_str(),
                due.open ? due.due.ToString().c_str() : "-",
                due.overdue_days > 0 ? (std::to_string(due.overdue_days) + " days").c_str() : "");
  }
  std::printf("%zu cases\n", rows.size());
  return kExitOk;
}

int RunShow(const CaseOptions& o) {
  auto today = TodayOf(o);
  if (!today.ok()) return Fail(today.status());
  cases::CaseRecord c;
  std::vector<cases::EventRecord> events;
  std::vector<std::string> available;
  cases::WorkflowLimits limits;
  if (!o.as.empty()) {
    auto user = OpenAsUser(o);
    if (!user.ok()) return Fail(user.status());
    auto file = service::GetCase(*user->ws, user->principal, o.case_id, *today);
    if (!file.ok()) return Fail(file.status());
    c = file->item.record;
    events = file->events;
    available = file->available;
    limits = file->limits;
  } else {
    auto db = OpenDatabase(o.db);
    if (!db.ok()) return Fail(db.status());
    auto found = (*db)->GetCase(o.case_id);
    if (!found.ok()) return Fail(found.status());
    if (!*found) return Fail(NotFound("there is no case " + std::to_string(o.case_id)));
    if (Status s = RecordAccess(**db, "case.read", "case:" + std::to_string(o.case_id)); !s.ok()) {
      return Fail(s);
    }
    c = **found;
    auto all = (*db)->CaseEvents(o.case_id);
    if (!all.ok()) return Fail(all.status());
    events = *all;
    auto l = service::LimitsFor(**db, c.village_code.substr(0, 2));
    if (!l.ok()) return Fail(l.status());
    limits = *l;
  }
  const cases::Due due = cases::DueOf(c, limits, *today);
  if (o.json) {
    json out = CaseJson(c, due);
    out["events"] = json::array();
    for (const auto& e : events) out["events"].push_back(service::EventJson(e));
    out["available"] = available;
    std::printf("%s\n", out.dump(2).c_str());
    return kExitOk;
  }
  std::printf("case %lld (%s) of household %s, village %s: %s\n", static_cast<long long>(c.id),
              std::string(cases::KindCode(c.kind)).c_str(), c.household_id.c_str(),
              c.village_code.c_str(), std::string(cases::StateCode(c.state)).c_str());
  if (due.open) {
    std::printf("due %s (step %s%s)%s%s\n", due.due.ToString().c_str(),
                due.step_due.ToString().c_str(),
                due.overall_due ? (", overall " + due.overall_due->ToString()).c_str() : "",
                due.paused ? ", paused: an objection is open" : "",
                due.overdue_days > 0
                    ? (", overdue " + std::to_string(due.overdue_days) + " days, escalated to " +
                       std::string(access::RoleName(due.escalated_to)))
                          .c_str()
                    : "");
  }
  for (const auto& e : events) {
    std::printf("  %3lld  %s  %-18s %s → %s  by %s (%s)%s%s\n", static_cast<long long>(e.seq),
                e.at.c_str(), std::string(cases::EventCode(e.event)).c_str(),
                std::string(cases::StateCode(e.from)).c_str(),
                std::string(cases::StateCode(e.to)).c_str(), e.actor.c_str(), e.actor_role.c_str(),
                e.comment.empty() ? "" : ": ", e.comment.c_str());
  }
  if (!available.empty()) {
    std::string list;
    for (const auto& a : available) list += (list.empty() ? "" : ", ") + a;
    std::printf("%s may: %s\n", o.as.c_str(), list.c_str());
  }
  return kExitOk;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open attachment '" + path + "'");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError("cannot read attachment '" + path + "'");
  return buffer.str();
}

int RunAct(const CaseOptions& o) {
  auto user = OpenAsUser(o);
  if (!user.ok()) return Fail(user.status());
  store::Database& db = *user->db;
  service::Workspace& ws = *user->ws;
  service::CaseAction action;
  action.event = o.event;
  action.comment = o.comment;
  for (const std::string& f : o.fields) {
    const size_t eq = f.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Fail(InvalidArgument("--field must be NAME=VALUE, not '" + f + "'"));
    }
    action.fields[f.substr(0, eq)] = f.substr(eq + 1);
  }
  const std::string now = o.at.empty() ? UtcNowIso8601() : o.at;
  // Attachments are stored first (the case must be the user's to act on), then named by the
  // event; a refused event leaves them stored but unreferenced.
  if (!o.attach.empty()) {
    auto file = service::GetCase(ws, user->principal, o.case_id, cases::ChinaDateOf(now));
    if (!file.ok()) return Fail(file.status());
    for (const std::string& path : o.attach) {
      auto content = ReadWholeFile(path);
      if (!content.ok()) return Fail(content.status());
      cases::Attachment meta;
      meta.case_id = o.case_id;
      meta.filename = path.substr(path.find_last_of('/') + 1);
      meta.content_type = "application/octet-stream";
      meta.sha256 = access::Sha256Hex(*content);
      meta.bytes = static_cast<int64_t>(content->size());
      meta.uploaded_by = user->principal.username;
      meta.uploaded_at = now;
      auto id = db.PutAttachment(meta, *content);
      if (!id.ok()) return Fail(id.status());
      action.attachments.push_back(*id);
    }
  }
  auto after = service::ActOnCase(ws, user->principal, o.case_id, action, now);
  if (!after.ok()) return Fail(after.status());
  if (o.json) {
    auto limits = service::LimitsFor(db, after->village_code.substr(0, 2));
    if (!limits.ok()) return Fail(limits.status());
    std::printf(
        "%s\n",
        CaseJson(*after, cases::DueOf(*after, *limits, cases::ChinaDateOf(now))).dump().c_str());
  } else {
    std::printf("case %lld: %s → %s\n", static_cast<long long>(after->id), o.event.c_str(),
                std::string(cases::StateCode(after->state)).c_str());
  }
  return kExitOk;
}

int RunLimits(const CaseOptions& o) {
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  if (!o.set.empty()) {
    if (o.as.empty())
      return Fail(InvalidArgument("--set needs --as USERNAME (a province officer)"));
    auto principal = PrincipalOf(**db, o.as);
    if (!principal.ok()) return Fail(principal.status());
    auto current = service::LimitsFor(**db, o.province);
    if (!current.ok()) return Fail(current.status());
    std::string text = cases::FormatLimits(*current);
    for (const std::string& s : o.set) text += ";" + s;
    auto limits = cases::ParseLimits(text);
    if (!limits.ok()) return Fail(limits.status());
    if (Status s = service::SetLimits(**db, *principal, o.province, *limits); !s.ok()) {
      return Fail(s);
    }
  }
  auto limits = service::LimitsFor(**db, o.province);
  if (!limits.ok()) return Fail(limits.status());
  std::printf("%s\n", cases::FormatLimits(*limits).c_str());
  return kExitOk;
}

// --- risk elimination (DOMAIN.md §8)

json ConditionsJson(const cases::EliminationCheck& check) {
  json out = json::array();
  for (const cases::Condition& c : check.conditions) {
    out.push_back({{"code", c.code}, {"met", c.met}, {"why", c.why}});
  }
  return out;
}

int RunCandidates(const CaseOptions& o) {
  auto today = TodayOf(o);
  if (!today.ok()) return Fail(today.status());
  auto user = OpenAsUser(o, /*load_registry=*/true);
  if (!user.ok()) return Fail(user.status());
  auto candidates =
      service::ListEliminationCandidates(*user->ws, user->principal, o.region, *today);
  if (!candidates.ok()) return Fail(candidates.status());
  if (o.json) {
    json out = json::array();
    for (const service::EliminationCandidate& c : *candidates) {
      out.push_back({{"household_id", c.episode.household_id},
                     {"village_code", c.episode.village_code},
                     {"village_name", c.village_name},
                     {"head_name", c.head_name},
                     {"episode_id", c.episode.id},
                     {"identified_on", c.episode.identified_on.ToString()},
                     {"type", c.episode.type},
                     {"risks", c.episode.risks},
                     {"line_year", c.line.year},
                     {"line", Money::FromFen(c.line.fen).ToYuanCentsString()},
                     {"eligible", c.check.eligible},
                     {"method", c.check.method},
                     {"conditions", ConditionsJson(c.check)}});
    }
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
  }
  std::printf("%-20s %-12s %-10s %-9s %-13s %s\n", "household", "village", "identified", "eligible",
              "method", "line");
  int eligible = 0;
  for (const service::EliminationCandidate& c : *candidates) {
    if (c.check.eligible) ++eligible;
    std::printf("%-20s %-12s %-10s %-9s %-13s %s (%d)\n", c.episode.household_id.c_str(),
                c.episode.village_code.c_str(), c.episode.identified_on.ToString().c_str(),
                c.check.eligible ? "yes" : "no", c.check.method.c_str(),
                Money::FromFen(c.line.fen).ToYuanCentsString().c_str(), c.line.year);
    for (const cases::Condition& cond : c.check.conditions) {
      if (!cond.met) std::printf("    not met: %s: %s\n", cond.code.c_str(), cond.why.c_str());
    }
  }
  std::printf("%zu monitored households, %d eligible for elimination on %s\n", candidates->size(),
              eligible, today->ToString().c_str());
  return kExitOk;
}

int RunPropose(const CaseOptions& o) {
  auto user = OpenAsUser(o);
  if (!user.ok()) return Fail(user.status());
  const std::string now = o.at.empty() ? UtcNowIso8601() : o.at;
  auto proposed = service::ProposeElimination(*user->ws, user->principal, o.household, now);
  if (!proposed.ok()) return Fail(proposed.status());
  if (o.json) {
    auto limits = service::LimitsFor(*user->db, proposed->village_code.substr(0, 2));
    if (!limits.ok()) return Fail(limits.status());
    std::printf("%s\n",
                CaseJson(*proposed, cases::DueOf(*proposed, *limits, cases::ChinaDateOf(now)))
                    .dump()
                    .c_str());
  } else {
    std::printf("case %lld: elimination of household %s proposed (episode %lld) → %s\n",
                static_cast<long long>(proposed->id), proposed->household_id.c_str(),
                static_cast<long long>(proposed->episode_id),
                std::string(cases::StateCode(proposed->state)).c_str());
  }
  return kExitOk;
}

Result<cases::Measure> MeasureOf(const CaseOptions& o) {
  cases::Measure m;
  m.household_id = o.household;
  m.member_id_number = o.member;
  auto category = cases::ParseMeasureCategory(o.category);
  if (!category) {
    std::string codes;
    for (cases::MeasureCategory c : cases::kAllMeasureCategories) {
      codes += (codes.empty() ? "" : ", ") + std::string(cases::MeasureCategoryCode(c));
    }
    return InvalidArgument("--category: '" + o.category + "' is not a measure category (" + codes +
                           ")");
  }
  m.category = *category;
  auto status = cases::ParseMeasureStatus(o.status);
  if (!status) {
    return InvalidArgument("--status: '" + o.status +
                           "' is not a measure status (planned, in_progress, done, stopped)");
  }
  m.status = *status;
  m.item = o.item;
  m.department = o.department;
  auto start = ParseDate(o.start);
  if (!start.ok()) return InvalidArgument("--start: " + start.status().message());
  m.start = *start;
  if (!o.end.empty()) {
    auto end = ParseDate(o.end);
    if (!end.ok()) return InvalidArgument("--end: " + end.status().message());
    m.end = *end;
  }
  if (!o.amount.empty()) {
    auto amount = ParseMoney(o.amount);
    if (!amount.ok()) return InvalidArgument("--amount: " + amount.status().message());
    m.amount_fen = amount->fen();
  }
  m.risks = o.risks;
  return m;
}

int RunMeasure(const CaseOptions& o) {
  auto measure = MeasureOf(o);
  if (!measure.ok()) return Fail(measure.status());
  auto user = OpenAsUser(o);
  if (!user.ok()) return Fail(user.status());
  auto id = service::RecordMeasure(*user->ws, user->principal, *measure);
  if (!id.ok()) return Fail(id.status());
  std::printf("measure %lld recorded for household %s\n", static_cast<long long>(*id),
              o.household.c_str());
  return kExitOk;
}

int RunChecks(const CaseOptions& o) {
  auto user = OpenAsUser(o, /*load_registry=*/true);
  if (!user.ok()) return Fail(user.status());
  auto problems = service::EliminationQuality(*user->ws, user->principal, o.region);
  if (!problems.ok()) return Fail(problems.status());
  if (o.json) {
    json out = json::array();
    for (const service::QualityItem& q : *problems) {
      out.push_back({{"episode_id", q.problem.episode_id},
                     {"household_id", q.problem.household_id},
                     {"village_code", q.village_code},
                     {"village_name", q.village_name},
                     {"code", q.problem.code},
                     {"message", q.problem.message}});
    }
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
  }
  for (const service::QualityItem& q : *problems) {
    std::printf("episode %lld  %-20s %-12s %s: %s\n", static_cast<long long>(q.problem.episode_id),
                q.problem.household_id.c_str(), q.village_code.c_str(), q.problem.code.c_str(),
                q.problem.message.c_str());
  }
  std::printf("%zu problems\n", problems->size());
  return kExitOk;
}

// --- timeliness (DOMAIN.md §10)

// One row of the text table: code, name, then the figures ("-" for the share, mean and longest
// when nothing was approved).
void PrintTimelinessRow(const std::string& code, const std::string& name,
                        const service::TimelinessFigures& f) {
  char share[16] = "-";
  char mean[16] = "-";
  char longest[24] = "-";
  if (f.approved > 0) {
    std::snprintf(share, sizeof share, "%.1f%%", 100.0 * f.share_within_limit());
    std::snprintf(mean, sizeof mean, "%.1f", f.mean_days());
    std::snprintf(longest, sizeof longest, "%lld", static_cast<long long>(f.max_days));
  }
  std::printf("%-13s %s %8lld %7lld %7s %9s %8s %9lld\n", code.c_str(), PadRight(name, 24).c_str(),
              static_cast<long long>(f.approved), static_cast<long long>(f.within_limit), share,
              mean, longest, static_cast<long long>(f.rejected));
}

// The principal of --as; without it, the database's owner reading as a province officer of the
// region's province (--region, else the one province of the region table).
Result<std::pair<access::Principal, std::string>> TimelinessCaller(store::Database& db,
                                                                   const CaseOptions& o) {
  if (!o.as.empty()) {
    XJ_ASSIGN_OR_RETURN(access::Principal principal, PrincipalOf(db, o.as));
    return std::make_pair(std::move(principal), o.region);
  }
  std::string region = o.region;
  if (region.empty()) {
    XJ_ASSIGN_OR_RETURN(registry::RegionTable table, LoadRegionTable(db));
    for (const registry::Region& r : table.all()) {
      if (r.level() != RegionLevel::kProvince) continue;
      if (!region.empty()) {
        return InvalidArgument(
            "the registry holds more than one province; name one with "
            "--region (or read as a user with --as)");
      }
      region = r.code.Prefix();
    }
    if (region.empty()) return FailedPrecondition("the registry's region table has no province");
  }
  return std::make_pair(
      access::Principal{CurrentUser(), access::Role::kProvince, region.substr(0, 2)}, region);
}

int RunTimeliness(const CaseOptions& o) {
  CivilDate to = cases::ChinaDateOf(UtcNowIso8601());
  if (!o.to.empty()) {
    auto d = ParseDate(o.to);
    if (!d.ok()) return Fail(InvalidArgument("--to: " + d.status().message()));
    to = *d;
  }
  CivilDate from = CivilDate::FromYmd(to.year(), 1, 1);
  if (!o.from.empty()) {
    auto d = ParseDate(o.from);
    if (!d.ok()) return Fail(InvalidArgument("--from: " + d.status().message()));
    from = *d;
  }
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status());
  auto caller = TimelinessCaller(**db, o);
  if (!caller.ok()) return Fail(caller.status());
  service::Workspace ws(**db);
  if (Status s = ws.Refresh(); !s.ok()) return Fail(s);  // the region table
  auto t = service::Timeliness(ws, caller->first, caller->second, from, to);
  if (!t.ok()) return Fail(t.status());
  if (o.json) {
    const json out = service::TimelinessJson(*t);
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
  }
  std::printf("Identification decided from %s to %s in %s (%s %s)\n", t->from.ToString().c_str(),
              t->to.ToString().c_str(), t->region_name.c_str(), t->region_level.c_str(),
              t->region_code.c_str());
  std::printf("%-13s %s %8s %7s %7s %9s %8s %9s\n", "area", PadRight("name", 24).c_str(),
              "approved", "within", "share", "mean days", "longest", "rejected");
  for (const auto& a : t->by_area) PrintTimelinessRow(a.code, a.name, a.figures);
  PrintTimelinessRow("total", "", t->total);
  std::printf(
      "within: approved within the province's overall limit, days paused by objections\n"
      "not counted; days: calendar days from the first lead to the county's approval\n");
  return kExitOk;
}

}  // namespace

void AddCaseCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<CaseOptions>();
  CLI::App* cmd = app.add_subcommand(
      "case", "Identification and elimination cases: list, show, act (one step of the procedure)");
  cmd->require_subcommand(1);

  CLI::App* list = cmd->add_subcommand("list", "List cases (open ones unless --all)");
  list->add_option("--db", o->db, "Registry database")->required();
  list->add_option("--as", o->as, "List as this user: their scope, and --worklist");
  list->add_option("--state", o->state, "Only cases in this state (lead, home_visit, ...)");
  list->add_option("--region", o->region, "Only cases of villages under this region code");
  list->add_option("--household", o->household, "Only cases of this household");
  list->add_flag("--all", o->all, "Include closed cases");
  list->add_flag("--worklist", o->worklist, "Only what is due from the user of --as, by due date");
  list->add_flag("--overdue", o->overdue, "Only overdue cases");
  list->add_option("--today", o->today, "Weigh deadlines on this date (YYYY-MM-DD)");
  list->add_flag("--json", o->json, "Print a JSON array");
  list->callback([o, exit_code] { *exit_code = RunList(*o); });

  CLI::App* show = cmd->add_subcommand("show", "Show a case: deadlines and its timeline");
  show->add_option("--db", o->db, "Registry database")->required();
  show->add_option("--case", o->case_id, "Case id")->required();
  show->add_option("--as", o->as, "Show as this user (and the events they may take)");
  show->add_option("--today", o->today, "Weigh deadlines on this date (YYYY-MM-DD)");
  show->add_flag("--json", o->json, "Print JSON");
  show->callback([o, exit_code] { *exit_code = RunShow(*o); });

  CLI::App* act = cmd->add_subcommand("act", "Take one event on a case as a user");
  act->add_option("--db", o->db, "Registry database")->required();
  act->add_option("--case", o->case_id, "Case id")->required();
  act->add_option("--event", o->event,
                  "apply, dismiss, record_home_visit, record_comparison, record_appraisal, "
                  "raise_objection, uphold_objection, dismiss_objection, close_notice, "
                  "township_approve, county_approve, reject, comment, join_lead")
      ->required();
  act->add_option("--as", o->as, "The user taking the event (role and scope are checked)")
      ->required();
  act->add_option("--field", o->fields, "An event field NAME=VALUE (repeatable)");
  act->add_option("--comment", o->comment, "A comment kept with the event");
  act->add_option("--attach", o->attach, "A file to store with the event (repeatable)");
  act->add_option("--at", o->at, "The event's time, UTC ISO 8601 (default: now)");
  act->add_flag("--json", o->json, "Print the case after the event as JSON");
  act->callback([o, exit_code] { *exit_code = RunAct(*o); });

  CLI::App* limits = cmd->add_subcommand("limits", "Show or set a province's deadlines");
  limits->add_option("--db", o->db, "Registry database")->required();
  limits->add_option("--province", o->province, "Province code, e.g. 63")->required();
  limits->add_option("--set", o->set, "NAME=DAYS to change (repeatable), e.g. overall_days=15");
  limits->add_option("--as", o->as, "The province officer setting them");
  limits->callback([o, exit_code] { *exit_code = RunLimits(*o); });

  CLI::App* candidates = cmd->add_subcommand(
      "candidates", "Monitored households and whether each may be proposed for elimination");
  candidates->add_option("--db", o->db, "Registry database")->required();
  candidates->add_option("--as", o->as, "List as this user (their scope)")->required();
  candidates->add_option("--region", o->region, "Only households of this region code");
  candidates->add_option("--today", o->today, "Assess on this date (YYYY-MM-DD)");
  candidates->add_flag("--json", o->json, "Print a JSON array");
  candidates->callback([o, exit_code] { *exit_code = RunCandidates(*o); });

  CLI::App* propose = cmd->add_subcommand(
      "propose", "Propose a monitored household for elimination (opens an elimination case)");
  propose->add_option("--db", o->db, "Registry database")->required();
  propose->add_option("--as", o->as, "The township or county officer proposing")->required();
  propose->add_option("--household", o->household, "Household id")->required();
  propose->add_option("--at", o->at, "The proposal's time, UTC ISO 8601 (default: now)");
  propose->add_flag("--json", o->json, "Print the new case as JSON");
  propose->callback([o, exit_code] { *exit_code = RunPropose(*o); });

  CLI::App* measure = cmd->add_subcommand("measure", "Record an assistance measure of a household");
  measure->add_option("--db", o->db, "Registry database")->required();
  measure->add_option("--as", o->as, "The officer recording it")->required();
  measure->add_option("--household", o->household, "Household id")->required();
  measure
      ->add_option("--category", o->category,
                   "industry, employment, finance, public_post, health, compulsory_education, "
                   "other_education, housing, water, social, relocation, living_conditions, "
                   "infrastructure, safety_net")
      ->required();
  measure->add_option("--item", o->item, "What is given")->required();
  measure->add_option("--start", o->start, "First day (YYYY-MM-DD)")->required();
  measure->add_option("--end", o->end, "Last day (YYYY-MM-DD); none: open-ended");
  measure->add_option("--status", o->status, "planned (default), in_progress, done, stopped");
  measure->add_option("--amount", o->amount, "Amount in yuan");
  measure->add_option("--risks", o->risks, "Risk types it answers, e.g. R01;R07");
  measure->add_option("--member", o->member, "ID number of the member it is for");
  measure->add_option("--department", o->department, "Responsible department");
  measure->callback([o, exit_code] { *exit_code = RunMeasure(*o); });

  CLI::App* checks = cmd->add_subcommand(
      "checks", "Quality problems of eliminated episodes (DOMAIN.md §8 checks, relapses)");
  checks->add_option("--db", o->db, "Registry database")->required();
  checks->add_option("--as", o->as, "Check as this user (their scope)")->required();
  checks->add_option("--region", o->region, "Only episodes of this region code");
  checks->add_flag("--json", o->json, "Print a JSON array");
  checks->callback([o, exit_code] { *exit_code = RunChecks(*o); });

  CLI::App* timeliness = cmd->add_subcommand(
      "timeliness",
      "Identification decided in a period by area: approved, within the overall "
      "limit, mean and longest days, rejected (DOMAIN.md §10)");
  timeliness->add_option("--db", o->db, "Registry database")->required();
  timeliness->add_option("--region", o->region,
                         "Region code (default: the scope of --as, else the province)");
  timeliness->add_option("--from", o->from,
                         "First day of decisions, YYYY-MM-DD (default: 1 January of --to's year)");
  timeliness->add_option("--to", o->to, "Last day of decisions, YYYY-MM-DD (default: today)");
  timeliness->add_option("--as", o->as,
                         "Read as this user (their scope); without it, as the database's owner");
  timeliness->add_flag("--json", o->json, "Print JSON (as GET /api/v1/cases/timeliness)");
  timeliness->callback([o, exit_code] { *exit_code = RunTimeliness(*o); });
}

}  // namespace xianjie::cli
