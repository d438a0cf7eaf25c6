#include "cases/leads.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
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

Result<LeadsTaken> TakeLeads(CaseStore& store, std::vector<LeadToTake> leads,
                             std::string_view now_utc) {
  LeadsTaken taken;
  // The households that have each source's lead already, one query per distinct source.
  std::map<std::string, std::vector<std::string>, std::less<>> done;
  for (const LeadToTake& l : leads) {
    if (done.contains(l.lead.source)) continue;
    XJ_ASSIGN_OR_RETURN(done[l.lead.source], store.HouseholdsWithLead(l.lead.source));
  }
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
  std::set<std::pair<std::string, std::string>> seen;  // (household, source) taken in this call
  for (LeadToTake& l : leads) {
    Lead& lead = l.lead;
    const std::vector<std::string>& before = done[lead.source];
    if (std::binary_search(before.begin(), before.end(), lead.household_id) ||
        !seen.insert({lead.household_id, lead.source}).second) {
      ++taken.already;
      continue;
    }
    if (l.village_code.empty()) {
      ++taken.unknown;
      continue;
    }
    if (lead.at.empty()) lead.at = std::string(now_utc);
    auto found = standings.find(lead.household_id);
    Standing& standing = found == standings.end() ? standings[lead.household_id] : found->second;
    if (standing.open_case) {
      XJ_RETURN_IF_ERROR(Join(store, *standing.open_case, lead, system, now_utc));
      // The case moved on a version: read it again for a second lead of the household.
      XJ_ASSIGN_OR_RETURN(standing.open_case, store.GetCase(standing.open_case->id));
      ++taken.joined;
    } else if (standing.open_episode != 0) {
      lead.episode_id = standing.open_episode;
      XJ_RETURN_IF_ERROR(store.AddLead(lead));
      ++taken.on_episode;
    } else {
      if (standing.eliminated_before) ++taken.relapses;
      to_open.push_back(
          MakeCase(lead, l.village_code, standing.eliminated_before, system, now_utc));
    }
  }
  if (!to_open.empty()) {
    // Two leads of one household in this call: the first opens the case, the others join it.
    std::map<std::string, size_t> first;
    std::vector<NewCase> opening;
    std::vector<const NewCase*> joining;
    for (const NewCase& c : to_open) {
      if (first.emplace(c.record.household_id, opening.size()).second) {
        opening.push_back(c);
      } else {
        joining.push_back(&c);
      }
    }
    XJ_ASSIGN_OR_RETURN(std::vector<int64_t> ids, store.OpenCases(opening));
    taken.opened = static_cast<int64_t>(opening.size());
    for (const NewCase* c : joining) {
      XJ_ASSIGN_OR_RETURN(std::optional<CaseRecord> open,
                          store.GetCase(ids[first.at(c->record.household_id)]));
      if (!open) return Internal("a case opened in this call is gone");
      XJ_RETURN_IF_ERROR(Join(store, *open, c->lead, system, now_utc));
      ++taken.joined;
    }
  }
  return taken;
}

Result<LeadsTaken> TakeLeadsFromRun(CaseStore& store, int64_t run_id,
                                    const std::vector<rules::HouseholdResult>& results,
                                    const VillageOf& village_of, std::string_view now_utc) {
  std::vector<LeadToTake> leads;
  for (const rules::HouseholdResult& r : results) {
    if (!r.new_warning) continue;
    LeadToTake l;
    l.lead.household_id = r.household_id;
    l.lead.channel = Channel::kDepartmentWarning;
    l.lead.source = "run:" + std::to_string(run_id);
    l.lead.at = std::string(now_utc);
    l.lead.proposed_type = r.proposed_type;
    l.lead.proposed_risks = r.risks;
    l.village_code = village_of(r.household_id);
    leads.push_back(std::move(l));
  }
  return TakeLeads(store, std::move(leads), now_utc);
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
