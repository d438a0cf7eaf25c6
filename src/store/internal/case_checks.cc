// Argument checks and refusals of the cases port shared by the memory and SQLite stores.
#include "store/internal/case_checks.h"

#include <set>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace xianjie::store::internal {
namespace {

using cases::EventRecord;
using cases::Lead;

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF): what JSON text, and so the SQLite store's event columns, can hold.
bool IsUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= text.size()) return false;  // cut short
    for (size_t k = 1; k <= n; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

Status CheckEventFields(const EventRecord& event) {
  for (const auto& [name, value] : event.fields) {
    if (!IsUtf8(name) || !IsUtf8(value)) {
      return InvalidArgument("field '" + name + "' of the " +
                             std::string(cases::EventCode(event.event)) +
                             " event is not UTF-8 text; send it in UTF-8");
    }
  }
  return Status::Ok();
}

Status CheckLeadOf(const Lead& lead, const std::string& household_id, const std::string& what) {
  XJ_RETURN_IF_ERROR(CheckLead(lead));
  if (lead.household_id != household_id) {
    return InvalidArgument(what + ": its lead is of household " + lead.household_id +
                           ", not of the case's household " + household_id);
  }
  return Status::Ok();
}

}  // namespace

Status CheckLead(const Lead& lead) {
  if (lead.household_id.empty()) return InvalidArgument("a lead must name its household");
  if (lead.source.empty()) {
    return InvalidArgument("the lead of household " + lead.household_id +
                           " has no source (\"run:17\", \"application:42\", ...)");
  }
  return Status::Ok();
}

Status CheckNewCases(const std::vector<cases::NewCase>& new_cases) {
  std::unordered_set<std::string_view> open_households;
  std::set<std::pair<std::string_view, std::string_view>> leads;
  for (size_t i = 0; i < new_cases.size(); ++i) {
    const cases::NewCase& c = new_cases[i];
    const std::string what = "case " + std::to_string(i + 1) + " to open";
    if (c.record.household_id.empty()) return InvalidArgument(what + " names no household");
    XJ_RETURN_IF_ERROR(CheckLeadOf(c.lead, c.record.household_id, what));
    XJ_RETURN_IF_ERROR(CheckEventFields(c.opened));
    if (!cases::IsTerminal(c.record.state) &&
        !open_households.insert(c.record.household_id).second) {
      return FailedPrecondition("household " + c.record.household_id +
                                " is given two cases to open at once; a household has at most "
                                "one open case");
    }
    if (!leads.emplace(c.lead.household_id, c.lead.source).second) {
      return FailedPrecondition("household " + c.lead.household_id + " is given the lead '" +
                                c.lead.source + "' twice at once");
    }
  }
  return Status::Ok();
}

Status CheckEventWrite(const cases::EventWrite& write) {
  const int64_t id = write.next.id;
  if (id <= 0) return InvalidArgument("an event must name its case (next.id)");
  const std::string what =
      "event " + std::to_string(write.record.seq) + " of case " + std::to_string(id);
  if (write.record.case_id != 0 && write.record.case_id != id) {
    return InvalidArgument(what + " is given for case " + std::to_string(write.record.case_id));
  }
  if (write.record.seq != write.expected_version + 1) {
    return InvalidArgument(what + " must have seq " + std::to_string(write.expected_version + 1) +
                           ", the version it was computed from plus one");
  }
  XJ_RETURN_IF_ERROR(CheckEventFields(write.record));
  if (write.close_episode.has_value() && !write.close_episode->eliminated_on.has_value()) {
    return InvalidArgument(what + " closes episode " + std::to_string(write.close_episode->id) +
                           " without its elimination date");
  }
  if (write.lead.has_value()) {
    XJ_RETURN_IF_ERROR(CheckLeadOf(*write.lead, write.next.household_id, what));
  }
  return Status::Ok();
}

Status CheckFilter(const cases::CaseFilter& filter) {
  if (filter.offset < 0 || filter.limit < 0) {
    return InvalidArgument("a case list's offset and limit cannot be negative (offset " +
                           std::to_string(filter.offset) + ", limit " +
                           std::to_string(filter.limit) + ")");
  }
  return Status::Ok();
}

Status CheckProvince(const std::string& province) {
  if (province.empty()) return InvalidArgument("workflow limits must name their province");
  return Status::Ok();
}

Status CheckApplication(const cases::Application& application) {
  if (application.village_code.empty() || application.reference.empty() ||
      application.received_at.empty()) {
    return InvalidArgument(
        "an application is stored with its village, its reference and the time it was received");
  }
  return Status::Ok();
}

Status CheckApplicationFilter(const cases::ApplicationFilter& filter) {
  if (filter.offset < 0 || filter.limit < 0) {
    return InvalidArgument("an application list's offset and limit cannot be negative (offset " +
                           std::to_string(filter.offset) + ", limit " +
                           std::to_string(filter.limit) + ")");
  }
  return Status::Ok();
}

Status OpenCaseExists(const std::string& household_id, int64_t open_case_id) {
  return FailedPrecondition("household " + household_id + " already has an open case (case " +
                            std::to_string(open_case_id) + "); a household has at most one");
}

Status LeadExists(const std::string& household_id, const std::string& source) {
  return FailedPrecondition("household " + household_id + " already has the lead '" + source + "'");
}

Status NoSuchCase(int64_t case_id) {
  return NotFound("there is no case " + std::to_string(case_id));
}

Status CaseChanged() { return Aborted("the case changed meanwhile; reload it and try again"); }

Status HouseholdChanged(int64_t case_id, const std::string& stored, const std::string& given) {
  return InvalidArgument("case " + std::to_string(case_id) + " is of household " + stored +
                         "; an event cannot give it to household " + given);
}

Status NoSuchEpisode(int64_t episode_id) {
  return NotFound("there is no monitoring episode " + std::to_string(episode_id) + " to close");
}

Status EpisodeClosed(int64_t episode_id) {
  return FailedPrecondition("monitoring episode " + std::to_string(episode_id) +
                            " is already closed");
}

Status NoSuchMeasure(int64_t measure_id) {
  return NotFound("there is no measure " + std::to_string(measure_id) +
                  " to replace; give id 0 to record a new one");
}

Status MeasureHouseholdChanged(int64_t measure_id, const std::string& stored,
                               const std::string& given) {
  return InvalidArgument("measure " + std::to_string(measure_id) + " is of household " + stored +
                         "; it cannot be given to household " + given);
}

Status NoSuchApplication(int64_t application_id) {
  return NotFound("there is no application " + std::to_string(application_id));
}

Status ApplicationChanged(int64_t application_id, cases::ApplicationStatus stored) {
  return Aborted("application " + std::to_string(application_id) + " is " +
                 std::string(cases::ApplicationStatusCode(stored)) +
                 " now: it was handled meanwhile; reload it");
}

}  // namespace xianjie::store::internal
