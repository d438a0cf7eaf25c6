// The refusals both stores give for the verification sample (sample_checks.h).
#include "store/internal/sample_checks.h"

#include <string>

namespace xianjie::store::internal {
namespace {

std::string DrawName(const analytics::SampleDraw& d) {
  return "sample draw " + std::to_string(d.id) + " (county " + d.county_code + ", " +
         std::to_string(d.year) + ")";
}

}  // namespace

Status CheckDrawFilter(const analytics::SampleDrawFilter& filter) {
  bool digits = filter.region_prefix.size() <= 6;
  for (char c : filter.region_prefix) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    return InvalidArgument("a sample list's region '" + filter.region_prefix +
                           "' is not a region code prefix of at most 6 digits");
  }
  return Status::Ok();
}

Status CheckClosing(const std::string& by, const std::string& at) {
  if (by.empty() || at.empty()) {
    return InvalidArgument("closing a sample draw needs who closes it and when (closed_by, "
                           "closed_at)");
  }
  return Status::Ok();
}

Status DrawExists(const analytics::SampleDraw& latest) {
  return AlreadyExists("county " + latest.county_code + " has a sample for " +
                       std::to_string(latest.year) + " already (" + DrawName(latest) +
                       ", drawn by " + latest.drawn_by + " at " + latest.drawn_at +
                       "); use that one, or ask for a redraw to replace it");
}

Status ClosedDrawNotRedrawn(const analytics::SampleDraw& latest) {
  return FailedPrecondition(DrawName(latest) + " was closed by " + latest.closed_by + " at " +
                            latest.closed_at +
                            ": its results are final and it cannot be replaced by a redraw");
}

Status NoSuchDraw(int64_t draw_id) {
  return NotFound("there is no sample draw " + std::to_string(draw_id));
}

Status NotAUnit(int64_t draw_id, const std::string& household_id) {
  return NotFound("household " + household_id + " was not drawn in sample draw " +
                  std::to_string(draw_id) + "; record results of the households it drew");
}

Status DrawClosed(const analytics::SampleDraw& draw) {
  return FailedPrecondition(DrawName(draw) + " was closed by " + draw.closed_by + " at " +
                            draw.closed_at + ": its results can no longer change");
}

Status DrawReplaced(const analytics::SampleDraw& draw, int64_t latest_id) {
  return FailedPrecondition(DrawName(draw) + " was replaced by a redraw (sample draw " +
                            std::to_string(latest_id) + "); record the results in that one");
}

}  // namespace xianjie::store::internal
