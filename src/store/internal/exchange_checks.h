// What both backends check and say about department data (exchange::ExchangeStore) before and
// while they write, so that the memory and SQLite stores refuse the same calls with the same
// codes and messages.
#ifndef XIANJIE_STORE_INTERNAL_EXCHANGE_CHECKS_H_
#define XIANJIE_STORE_INTERNAL_EXCHANGE_CHECKS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "exchange/exchange_store.h"

namespace xianjie::store::internal {

// Checks of the calls' arguments alone, before the store is looked at. All kInvalidArgument.
//   BeginUpload: no source; a sha256 that is not the lower-case hex SHA-256 of `content`; bytes
//     that are not the content's size.
Status CheckNewUpload(const exchange::UploadRecord& upload, std::string_view content);
//   PutRow: a row of another source than the upload's, a row number below 1.
Status CheckRow(const exchange::UploadRecord& upload, const exchange::DeptRow& row);
//   PutWarning: a warning of another source than the upload's, without a person key or period,
//     or with a negative warning index.
Status CheckWarning(const exchange::UploadRecord& upload, const exchange::DeptWarning& warning);
//   Commit: a negative count, or read != accepted + quarantined + unmatched.
Status CheckFinalCounts(const exchange::UploadRecord& upload, const exchange::UploadRecord& final);
//   PutFindings: a finding without a check or household, or one that is not open.
Status CheckNewFindings(const std::vector<exchange::Finding>& findings);
//   UpdateUploadReport: an empty report.
Status CheckReport(int64_t upload_id, std::string_view report_json);
//   ResolveFinding: kOpen as the new state, or an empty note.
Status CheckResolution(int64_t finding_id, exchange::FindingState state, std::string_view note);
//   Lists: a negative offset or limit.
Status CheckUploadFilter(const exchange::UploadFilter& filter);
Status CheckFindingFilter(const exchange::FindingFilter& filter);

// The refusals that depend on what is stored or staged.
Status UploadExists(std::string_view source, std::string_view sha256, int64_t upload_id);
Status RowRepeated(int64_t upload_id, int64_t row);
// registry::BatchWriter::Commit called on the batch of an upload (kFailedPrecondition).
Status BatchOfUpload(int64_t batch_id, int64_t upload_id);
Status UploadCommitted(int64_t upload_id);
// UpdateUploadReport of an upload not committed (kNotFound).
Status NoSuchUpload(int64_t upload_id);
Status NoSuchFinding(int64_t finding_id);
Status FindingNotOpen(int64_t finding_id, exchange::FindingState state);

// The warning's time: as given, or the upload's time when not given.
std::string RaisedAt(const exchange::UploadRecord& upload, const exchange::DeptWarning& warning);

}  // namespace xianjie::store::internal

#endif  // XIANJIE_STORE_INTERNAL_EXCHANGE_CHECKS_H_
