// What both backends check and say about cases (cases::CaseStore) before and while they write,
// so that the memory and SQLite stores refuse the same calls with the same codes and messages.
#ifndef XIANJIE_STORE_INTERNAL_CASE_CHECKS_H_
#define XIANJIE_STORE_INTERNAL_CASE_CHECKS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "cases/case_store.h"

namespace xianjie::store::internal {

// Checks the calls' arguments alone, before the store is looked at.
//   kInvalidArgument: a case or lead without a household, a lead without a source, a case's
//     lead of another household, an event field that is not UTF-8 text (fields are stored as
//     JSON);
//   kFailedPrecondition (OpenCases only): two cases of the call would both be open for one
//     household, or two of its leads share (household, source).
Status CheckNewCases(const std::vector<cases::NewCase>& new_cases);
//   kInvalidArgument also: a case id that is not positive, an event of another case, an event
//     whose seq is not expected_version + 1, an episode to close without its elimination date.
Status CheckEventWrite(const cases::EventWrite& write);
Status CheckLead(const cases::Lead& lead);
//   kInvalidArgument: a negative offset or limit.
Status CheckFilter(const cases::CaseFilter& filter);
//   kInvalidArgument: limits for no province.
Status CheckProvince(const std::string& province);
//   kInvalidArgument: an application without its village, reference or time of receipt.
Status CheckApplication(const cases::Application& application);
//   kInvalidArgument: a negative offset or limit.
Status CheckApplicationFilter(const cases::ApplicationFilter& filter);

// The refusals that depend on what is stored.
Status OpenCaseExists(const std::string& household_id, int64_t open_case_id);
Status LeadExists(const std::string& household_id, const std::string& source);
Status NoSuchCase(int64_t case_id);
Status CaseChanged();  // kAborted: the compare-and-set of AppendEvent failed
Status HouseholdChanged(int64_t case_id, const std::string& stored, const std::string& given);
Status NoSuchEpisode(int64_t episode_id);
Status EpisodeClosed(int64_t episode_id);
// PutMeasure of an id never stored (kNotFound), or of a stored measure of another household
// (kInvalidArgument).
Status NoSuchMeasure(int64_t measure_id);
Status MeasureHouseholdChanged(int64_t measure_id, const std::string& stored,
                               const std::string& given);
// UpdateApplication of an id never stored (kNotFound), or of one whose status is no longer the
// expected one (kAborted).
Status NoSuchApplication(int64_t application_id);
Status ApplicationChanged(int64_t application_id, cases::ApplicationStatus stored);

}  // namespace xianjie::store::internal

#endif  // XIANJIE_STORE_INTERNAL_CASE_CHECKS_H_
