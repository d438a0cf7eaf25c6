// Rows of the registry exchange format v1 (DOMAIN.md §13) as the generator writes them: the
// text of each field and a buffered CSV writer. The columns are registry/exchange_columns.h.
#ifndef XIANJIE_DEMO_ROWS_H_
#define XIANJIE_DEMO_ROWS_H_

#include <array>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "registry/exchange_columns.h"
#include "registry/household.h"

namespace xianjie::demo {

// The fields of one row, as text. Kept and refilled row after row (strings keep capacity).
using HouseholdFields = std::array<std::string, registry::kHouseholdColumnCount>;
using MemberFields = std::array<std::string, registry::kMemberColumnCount>;

inline std::string& At(HouseholdFields& f, registry::HouseholdColumn c) {
  return f[registry::Index(c)];
}
inline std::string& At(MemberFields& f, registry::MemberColumn c) { return f[registry::Index(c)]; }

// Fills `fields` with the text of `h`: money via Money::ToYuanString (prev_net_income empty when
// unknown), status via registry::CodeOf, booleans 1/0. `village_code` is the 12-digit text.
void FormatHousehold(const registry::Household& h, std::string_view village_code,
                     HouseholdFields& fields);
// Fills `fields` with the text of `m`, a member of `household_id`.
void FormatMember(const registry::Member& m, std::string_view household_id, MemberFields& fields);

// Writes CSV rows to a stream through a 1 MiB buffer: fields joined by commas, RFC 4180
// quoting for a field that contains a comma, quote or line break, LF line ends, no BOM.
class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) { buffer_.reserve(kFlushAt + 4096); }
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // Writes a line as it is (the header) followed by LF.
  void Line(std::string_view text);
  void Row(std::span<const std::string> fields);
  // Writes what is buffered and flushes the stream. kIoError naming `what` if the stream has
  // failed at any point.
  Status Finish(std::string_view what);
  // False once the stream has failed; lets a long run stop early.
  bool ok() const { return static_cast<bool>(out_); }

 private:
  static constexpr size_t kFlushAt = size_t{1} << 20;
  void MaybeFlush();

  std::ostream& out_;
  std::string buffer_;
};

}  // namespace xianjie::demo

#endif  // XIANJIE_DEMO_ROWS_H_
