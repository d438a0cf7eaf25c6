// Reading and row validation of the registry exchange format, version 1 (DOMAIN.md §13):
// households.csv and members.csv become typed rows plus quarantine entries for the rows that
// break a rule checkable within one file. Cross-file and registry rules belong to the importer.
#ifndef XIANJIE_INGEST_EXCHANGE_FORMAT_H_
#define XIANJIE_INGEST_EXCHANGE_FORMAT_H_

#include <cstdint>
#include <forward_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "registry/household.h"
#include "registry/region.h"
#include "registry/store.h"

namespace xianjie::ingest {

struct ParseOptions {
  // Header columns that are not part of the format but are allowed and skipped. Naming a
  // column of the format here has no effect.
  std::set<std::string> ignored_columns;
  // Bounds the birth dates in ID numbers.
  CivilDate today = CivilDate::Today();
};

// An accepted row of households.csv.
struct HouseholdRow {
  int64_t line = 0;            // 1-based physical line where the record starts
  registry::Household household;
  std::string_view raw;        // the record as in the file; a view into the parsed data
};

// An accepted row of members.csv. The views keep the row small (a registry has millions of
// members): they point into the parsed data or into ParsedMembers::owned_text.
struct MemberRow {
  int64_t line = 0;
  std::string_view household_id;  // not checked against any household here
  registry::Member member;        // member.id_number is normalized (a final 'x' becomes 'X')
  std::string_view raw;
};

// The outcome of reading households.csv: every record is either a row or a quarantine entry,
// so read == rows.size() + quarantine.size(). Both lists are in line order. Quarantine entries
// have batch_id 0 and record = the raw record (bytes as in the file: for csv.invalid_utf8 and
// csv.nul_byte, value and record are not valid UTF-8, while the message always is).
struct ParsedHouseholds {
  std::vector<HouseholdRow> rows;
  std::vector<registry::QuarantineEntry> quarantine;
  int64_t read = 0;  // records after the header (lines without any byte are not records)
  // The household_ids of quarantined rows for which no row was accepted, sorted and unique:
  // their members belong to a quarantined household rather than an unknown one. Rows whose
  // household_id is itself invalid, or that are not well-formed CSV, add nothing.
  std::vector<std::string> quarantined_ids;
};

// The outcome of reading members.csv, with the same invariant and order as ParsedHouseholds.
// The rows' views are valid while the parsed data and this object live. Moving the object
// keeps them valid; copying is not allowed, as the copy's views would point into the original.
struct ParsedMembers {
  ParsedMembers() = default;
  ParsedMembers(ParsedMembers&&) noexcept = default;
  ParsedMembers& operator=(ParsedMembers&&) noexcept = default;
  ParsedMembers(const ParsedMembers&) = delete;
  ParsedMembers& operator=(const ParsedMembers&) = delete;

  std::vector<MemberRow> rows;
  std::vector<registry::QuarantineEntry> quarantine;
  int64_t read = 0;
  // Unescaped household ids that are not found as such in the data (quoted, with "" inside).
  std::forward_list<std::string> owned_text;
};

// Reads households.csv (the whole file in `data`; `file_name` is used in messages and entries)
// and validates every row against §13: household_id non-empty, at most 32 bytes and unique in
// the file (the first row wins); village_code a village of `regions`; status, money and
// boolean values well-formed.
//
// Fails with kInvalidArgument, and a message naming the file, if the file has no header, if
// the header is not valid CSV or UTF-8, repeats a column, lacks a column of the format or has
// a column that is neither in the format nor in options.ignored_columns. Otherwise returns
// every row, accepted or quarantined. A quarantined row has one entry: column, rule and value
// of its first problem in the file's column order, and a message listing all its problems.
// A record that is not well-formed CSV (csv.*) or has the wrong number of fields
// (row.field_count) is reported with that problem alone.
Result<ParsedHouseholds> ParseHouseholds(std::string_view data, const std::string& file_name,
                                         const registry::RegionTable& regions,
                                         const ParseOptions& options);

// Reads members.csv, with the same file-level failures and quarantine rules as
// ParseHouseholds, and validates every row against §13: the ID number (GB 11643, unique in the
// file: the first row with a valid number wins), household_id non-empty and at most 32 bytes,
// name non-empty and at most 64 characters, the codes of relation, sex, labor, health and
// school_stage, sex and birth_date agreeing with the ID number, and the booleans. Whether the
// household exists, the head rules and uniqueness across the registry are the importer's.
Result<ParsedMembers> ParseMembers(std::string_view data, const std::string& file_name,
                                   const ParseOptions& options);

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_EXCHANGE_FORMAT_H_
