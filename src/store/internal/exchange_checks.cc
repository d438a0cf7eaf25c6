// Argument checks and refusals of department data shared by the memory and SQLite stores.
#include "store/internal/exchange_checks.h"

#include "access/audit.h"

namespace xianjie::store::internal {
namespace {

std::string UploadName(const exchange::UploadRecord& upload) {
  return "upload " + std::to_string(upload.id) + " of source '" + upload.source + "'";
}

}  // namespace

Status CheckNewUpload(const exchange::UploadRecord& upload, std::string_view content) {
  if (upload.source.empty()) {
    return InvalidArgument("upload of file '" + upload.file_name + "' names no source");
  }
  if (upload.bytes != static_cast<int64_t>(content.size())) {
    return InvalidArgument("upload of file '" + upload.file_name + "' declares " +
                           std::to_string(upload.bytes) + " bytes but its content has " +
                           std::to_string(content.size()));
  }
  // The store keeps files under their SHA-256: a wrong one would make FindUpload and
  // FileContent answer for another file.
  std::string actual = access::Sha256Hex(content);
  if (upload.sha256 != actual) {
    return InvalidArgument("upload of file '" + upload.file_name + "' declares SHA-256 '" +
                           upload.sha256 + "' but its content's is " + actual);
  }
  return Status::Ok();
}

Status CheckRow(const exchange::UploadRecord& upload, const exchange::DeptRow& row) {
  if (row.source != upload.source) {
    return InvalidArgument("row " + std::to_string(row.row) + " of source '" + row.source +
                           "' cannot be stored in " + UploadName(upload));
  }
  if (row.row < 1) {
    return InvalidArgument("row number " + std::to_string(row.row) + " of " + UploadName(upload) +
                           " is not a line of the file (rows are numbered from 1)");
  }
  return Status::Ok();
}

Status CheckWarning(const exchange::UploadRecord& upload, const exchange::DeptWarning& warning) {
  if (warning.source != upload.source) {
    return InvalidArgument("a warning of source '" + warning.source + "' cannot be stored in " +
                           UploadName(upload));
  }
  if (warning.person_key.empty() || warning.period.empty()) {
    return InvalidArgument("a warning of " + UploadName(upload) + " (row " +
                           std::to_string(warning.row) + ") has no " +
                           (warning.person_key.empty() ? "person key" : "period"));
  }
  if (warning.warning_index < 0) {
    return InvalidArgument("a warning of " + UploadName(upload) + " has warning index " +
                           std::to_string(warning.warning_index));
  }
  return Status::Ok();
}

Status CheckFinalCounts(const exchange::UploadRecord& upload, const exchange::UploadRecord& final) {
  const struct {
    const char* name;
    int64_t value;
  } counts[] = {{"read", final.read},
                {"accepted", final.accepted},
                {"quarantined", final.quarantined},
                {"unmatched", final.unmatched},
                {"warnings", final.warnings},
                {"updated_households", final.updated_households}};
  for (const auto& c : counts) {
    if (c.value < 0) {
      return InvalidArgument(UploadName(upload) + " cannot be committed with " + c.name + " = " +
                             std::to_string(c.value));
    }
  }
  if (final.read != final.accepted + final.quarantined + final.unmatched) {
    return InvalidArgument(
        UploadName(upload) + " does not account for every row: read " + std::to_string(final.read) +
        " but accepted " + std::to_string(final.accepted) + " + quarantined " +
        std::to_string(final.quarantined) + " + unmatched " + std::to_string(final.unmatched) +
        " = " + std::to_string(final.accepted + final.quarantined + final.unmatched) +
        "; nothing was committed");
  }
  return Status::Ok();
}

Status CheckNewFindings(const std::vector<exchange::Finding>& findings) {
  for (size_t i = 0; i < findings.size(); ++i) {
    const exchange::Finding& f = findings[i];
    if (f.check.empty() || f.household_id.empty()) {
      return InvalidArgument("finding " + std::to_string(i) + " names no " +
                             (f.check.empty() ? "check" : "household") + "; nothing was stored");
    }
    if (f.state != exchange::FindingState::kOpen) {
      return InvalidArgument("finding " + std::to_string(i) + " (check " + f.check +
                             ", household " + f.household_id + ") is " +
                             std::string(exchange::FindingStateName(f.state)) +
                             "; a finding is stored open and resolved afterwards");
    }
  }
  return Status::Ok();
}

Status CheckReport(int64_t upload_id, std::string_view report_json) {
  if (report_json.empty()) {
    return InvalidArgument("the report of upload " + std::to_string(upload_id) +
                           " cannot be replaced by an empty one");
  }
  return Status::Ok();
}

Status CheckResolution(int64_t finding_id, exchange::FindingState state, std::string_view note) {
  if (state == exchange::FindingState::kOpen) {
    return InvalidArgument("finding " + std::to_string(finding_id) +
                           " cannot be resolved as open; resolve it as corrected, confirmed or justified");
  }
  if (note.empty()) {
    return InvalidArgument("finding " + std::to_string(finding_id) +
                           " needs a note saying what was found or corrected");
  }
  return Status::Ok();
}

Status CheckUploadFilter(const exchange::UploadFilter& filter) {
  if (filter.offset < 0 || filter.limit < 0) {
    return InvalidArgument("offset and limit of the upload list cannot be negative");
  }
  return Status::Ok();
}

Status CheckFindingFilter(const exchange::FindingFilter& filter) {
  if (filter.offset < 0 || filter.limit < 0) {
    return InvalidArgument("offset and limit of the finding list cannot be negative");
  }
  return Status::Ok();
}

Status UploadExists(std::string_view source, std::string_view sha256, int64_t upload_id) {
  return AlreadyExists("this file (SHA-256 " + std::string(sha256) +
                       ") was already uploaded for source '" + std::string(source) +
                       "' as upload " + std::to_string(upload_id) + "; its report stands");
}

Status RowRepeated(int64_t upload_id, int64_t row) {
  return AlreadyExists("row " + std::to_string(row) + " of upload " + std::to_string(upload_id) +
                       " is already stored");
}

Status BatchOfUpload(int64_t batch_id, int64_t upload_id) {
  return FailedPrecondition("batch " + std::to_string(batch_id) + " belongs to upload " +
                            std::to_string(upload_id) + "; commit the upload, not its batch");
}

Status UploadCommitted(int64_t upload_id) {
  return FailedPrecondition("upload " + std::to_string(upload_id) +
                            " is already committed; begin a new upload");
}

Status NoSuchUpload(int64_t upload_id) {
  return NotFound("there is no upload " + std::to_string(upload_id));
}

Status NoSuchFinding(int64_t finding_id) {
  return NotFound("there is no finding " + std::to_string(finding_id));
}

Status FindingNotOpen(int64_t finding_id, exchange::FindingState state) {
  return FailedPrecondition("finding " + std::to_string(finding_id) + " is already " +
                            std::string(exchange::FindingStateName(state)) +
                            "; only an open finding can be resolved");
}

std::string RaisedAt(const exchange::UploadRecord& upload, const exchange::DeptWarning& warning) {
  return warning.raised_at.empty() ? upload.uploaded_at : warning.raised_at;
}

}  // namespace xianjie::store::internal
