#include "cases/leads.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "cases/workflow.h"

namespace xianjie::cases {
namespace {

// Where a household's lead goes, from what the store knows of it.
struct Standing {
  std::optional<CaseRecord> open_case;
  int64_t open_episode = 0;
  bool eliminated_before = false;  // its last episode was closed by elimination
};

Result<Standing> StandingOf(CaseStore& store, const std::string& household_id) {
  Standing s;
  XJ_ASSIGN_OR_RETURN(s.open_case, store.OpenCaseOf(household_id));
  XJ_ASSIGN_OR_RETURN(std::vector<Episode> episodes, store.EpisodesOf(household_id));
  if (!episodes.empty()) {
    const Episode& last = episodes.back();
    if (last.eliminated_on.has_value()) {
      s.eliminated_before = true;
    } else {
      s.open_episode = last.id;
    }
  }
  return s;
}

Fields LeadFields(const Lead& lead) {
  Fields f = {{"channel", std::string(ChannelCode(lead.channel))}, {"source", lead.source}};
  if (!lead.proposed_type.empty()) f["proposed_type"] = lead.proposed_type;
  if (!lead.proposed_risks.empty()) f["proposed_risks"] = lead.proposed_risks;
  if (!lead.note.empty()) f["note"] = lead.note;
  return f;
}

// Joins `lead` to `open` (a join_lead event, compare-and-set on the version read).
Status Join(CaseStore& store, const CaseRecord& open, Lead lead, const Actor& actor,
            std::string_view now_utc) {
  EventInput input;
  input.event = EventType::kJoinLead;
  input.fields = LeadFields(lead);
  XJ_ASSIGN_OR_RETURN(Applied applied, Apply(open, input, actor, now_utc, WorkflowLimits{}));
  EventWrite write;
  write.next = applied.next;
  write.record = applied.record;
  write.expected_version = open.version;
  lead.case_id = open.id;
  write.lead = lead;
  return store.AppendEvent(write);
}

NewCase MakeCase(const Lead& lead, const std::string& village_code, bool relapse,
                 const Actor& actor, std::string_view now_utc) {
  Fields fields = LeadFields(lead);
  if (relapse) fields["relapse"] = "1";
  Applied opened = OpenCase(CaseKind::kIdentification, lead.household_id, village_code,
                            lead.channel, actor, now_utc, fields);
  return NewCase{opened.next, opened.record, lead};
}

}  // namespace

Result<LeadsTaken> TakeLeadsFromRun(CaseStore& store, int64_t run_id,
                                    const std::vector<rules::HouseholdResult>& results,
                                    const VillageOf& village_of, std::string_view now_utc) {
  LeadsTaken taken;
  const std::string source = "run:" + std::to_string(run_id);
  XJ_ASSIGN_OR_RETURN(std::vector<std::string> done, store.HouseholdsWithLead(source));
  // What the store knows of every household, read once: a province's first run has a hundred
  // thousand new warnings, too many for two queries each.
  std::map<std::string, Standing, std::less<>> standings;
  {
    CaseFilter open;
    open.open_only = true;
    XJ_ASSIGN_OR_RETURN(std::vector<CaseRecord> cases, store.ListCases(open));
    for (CaseRecord& c : cases) standings[c.household_id].open_case = std::move(c);
    XJ_ASSIGN_OR_RETURN(std::vector<Episode> episodes, store.ListEpisodes("", false));
    for (const Episode& e : episodes) {  // by id: the last one of a household wins
      Standing& s = standings[e.household_id];
      s.open_episode = e.eliminated_on.has_value() ? 0 : e.id;
      s.eliminated_before = e.eliminated_on.has_value();
    }
  }
  const Actor system = SystemActor();
  std::vector<NewCase> to_open;
  for (const rules::HouseholdResult& r : results) {
    if (!r.new_warning) continue;
    if (std::binary_search(done.begin(), done.end(), r.household_id)) {
      ++taken.already;
      continue;
    }
    const std::string village = village_of(r.household_id);
    if (village.empty()) {
      ++taken.unknown;
      continue;
    }
    Lead lead;
    lead.household_id = r.household_id;
    lead.channel = Channel::kDepartmentWarning;
    lead.source = source;
    lead.at = std::string(now_utc);
    lead.proposed_type = r.proposed_type;
    lead.proposed_risks = r.risks;
    auto found = standings.find(r.household_id);
    const Standing standing = found == standings.end() ? Standing{} : found->second;
    if (standing.open_case) {
      XJ_RETURN_IF_ERROR(Join(store, *standing.open_case, lead, system, now_utc));
      ++taken.joined;
    } else if (standing.open_episode != 0) {
      lead.episode_id = standing.open_episode;
      XJ_RETURN_IF_ERROR(store.AddLead(lead));
      ++taken.on_episode;
    } else {
      if (standing.eliminated_before) ++taken.relapses;
      to_open.push_back(MakeCase(lead, village, standing.eliminated_before, system, now_utc));
    }
  }
  if (!to_open.empty()) {
    XJ_RETURN_IF_ERROR(store.OpenCases(to_open));
    taken.opened = static_cast<int64_t>(to_open.size());
  }
  return taken;
}

Result<int64_t> TakeLead(CaseStore& store, Lead lead, const std::string& village_code,
                         const Actor& actor, std::string_view now_utc) {
  if (lead.at.empty()) lead.at = std::string(now_utc);
  XJ_ASSIGN_OR_RETURN(Standing standing, StandingOf(store, lead.household_id));
  if (standing.open_case) {
    XJ_RETURN_IF_ERROR(Join(store, *standing.open_case, lead, actor, now_utc));
    return standing.open_case->id;
  }
  if (standing.open_episode != 0) {
    lead.episode_id = standing.open_episode;
    XJ_RETURN_IF_ERROR(store.AddLead(lead));
    return int64_t{0};
  }
  XJ_ASSIGN_OR_RETURN(
      std::vector<int64_t> ids,
      store.OpenCases({MakeCase(lead, village_code, standing.eliminated_before, actor, now_utc)}));
  return ids.front();
}

}  // namespace xianjie::cases
