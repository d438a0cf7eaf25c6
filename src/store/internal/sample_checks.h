// What both backends check and say about the verification sample (analytics::SampleStore)
// before and while they write, so that the memory and SQLite stores refuse the same calls with
// the same codes and messages.
#ifndef XIANJIE_STORE_INTERNAL_SAMPLE_CHECKS_H_
#define XIANJIE_STORE_INTERNAL_SAMPLE_CHECKS_H_

#include <cstdint>
#include <string>

#include "analytics/sample_store.h"
#include "base/status.h"

namespace xianjie::store::internal {

// Checks the calls' arguments alone, before the store is looked at.
//   kInvalidArgument: a region prefix that is not 0 to 6 digits.
Status CheckDrawFilter(const analytics::SampleDrawFilter& filter);
//   kInvalidArgument: `by` or `at` empty.
Status CheckClosing(const std::string& by, const std::string& at);

// The refusals that depend on what is stored.
// kAlreadyExists: (county, year) has draw `latest` and no redraw was asked for.
Status DrawExists(const analytics::SampleDraw& latest);
// kFailedPrecondition: the latest draw to be replaced is closed.
Status ClosedDrawNotRedrawn(const analytics::SampleDraw& latest);
Status NoSuchDraw(int64_t draw_id);  // kNotFound
// kNotFound: the household is no unit of the draw.
Status NotAUnit(int64_t draw_id, const std::string& household_id);
// kFailedPrecondition: results of a closed draw, or a draw closed twice.
Status DrawClosed(const analytics::SampleDraw& draw);
// kFailedPrecondition: results of a draw that a redraw replaced by `latest_id`.
Status DrawReplaced(const analytics::SampleDraw& draw, int64_t latest_id);

}  // namespace xianjie::store::internal

#endif  // XIANJIE_STORE_INTERNAL_SAMPLE_CHECKS_H_
