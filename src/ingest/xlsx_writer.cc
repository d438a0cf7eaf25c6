// WriteXlsx on libxlsxwriter: the sheets are checked here first (names, limits, widths), so that
// every refusal names the sheet, row and cell; then written in constant-memory mode (each row goes
// to the sheet's temporary file as it is written, cells as inline strings) into a private
// temporary directory, and the package is read back as bytes.
#include "ingest/xlsx_writer.h"

#include <stdlib.h>  // mkdtemp
#include <xlsxwriter.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <set>
#include <string_view>
#include <system_error>

#include "ingest/internal/utf8.h"

namespace xianjie::ingest {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxSheetNameUnits = 31;
constexpr double kMaxColumnWidth = 255;
// docProps/core.xml's creation time: a fixed 2000-01-01 12:00 UTC instead of now, so that the
// same sheets give the same bytes (libxlsxwriter dates the zip entries 1980-01-01 itself).
constexpr time_t kCreated = 946728000;

// libxlsxwriter 1.1.4 is not safe to use from two threads at once: its temporary files are
// named with rand() after srand() of a static seed, and core.xml's date is formatted by gmtime().
std::mutex& LibraryMutex() {
  static std::mutex mutex;
  return mutex;
}

// The code point of the valid UTF-8 sequence of `length` bytes at `p`.
int32_t CodePoint(const char* p, size_t length) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  if (length == 1) return u[0];
  int32_t cp = u[0] & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (u[k] & 0x3F);
  return cp;
}

// XML 1.0's Char production, for the code points valid UTF-8 can hold.
bool XmlAllows(int32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
  return cp != 0xFFFE && cp != 0xFFFF;
}

// `text` as libxlsxwriter is given it, into `out`: what XML forbids left out, bytes that are not
// UTF-8 replaced with U+FFFD. (libxlsxwriter itself escapes & < > and writes a carriage return
// as _x000D_.) Returns the length of `out` in UTF-16 code units, as Excel counts a cell's
// characters.
size_t CleanText(std::string_view text, std::string& out) {
  out.clear();
  size_t units = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const size_t length =
        static_cast<unsigned char>(*p) < 0x80 ? 1 : internal::Utf8SequenceLength(p, end);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++units;
      ++p;
      continue;
    }
    const int32_t cp = CodePoint(p, length);
    if (XmlAllows(cp)) {
      out.append(p, length);
      units += cp > 0xFFFF ? 2 : 1;
    }
    p += length;
  }
  return units;
}

// kInvalidArgument unless `name` is a sheet name Excel accepts (see Sheet::name).
Status CheckSheetName(size_t index, const std::string& name) {
  const std::string which = "sheet " + std::to_string(index + 1);
  if (name.empty()) return InvalidArgument(which + " has no name; give it 1 to 31 characters");
  size_t units = 0;
  const char* p = name.data();
  const char* end = p + name.size();
  while (p < end) {
    const size_t length =
        static_cast<unsigned char>(*p) < 0x80 ? 1 : internal::Utf8SequenceLength(p, end);
    const int32_t cp = length == 0 ? -1 : CodePoint(p, length);
    if (cp < 0x20 || !XmlAllows(cp)) {
      return InvalidArgument(which + "'s name is not printable UTF-8 text");
    }
    if (cp < 0x80 && std::string_view(":\\/?*[]").find(static_cast<char>(cp)) !=
                         std::string_view::npos) {
      return InvalidArgument(which + "'s name '" + name +
                             "' holds one of : \\ / ? * [ ], which Excel does not allow");
    }
    units += cp > 0xFFFF ? 2 : 1;
    p += length;
  }
  if (units > kMaxSheetNameUnits) {
    return InvalidArgument(which + "'s name '" + name + "' is longer than 31 characters");
  }
  if (name.front() == '\'' || name.back() == '\'') {
    return InvalidArgument(which + "'s name '" + name +
                           "' starts or ends with an apostrophe, which Excel does not allow");
  }
  return Status::Ok();
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// kInvalidArgument, naming the sheet and the row or cell, when `sheet` is over a limit of the
// format or gives a width out of range.
Status CheckSheet(const Sheet& sheet) {
  const std::string which = "sheet '" + sheet.name + "'";
  if (sheet.rows.size() > kXlsxMaxRows) {
    return InvalidArgument(which + " has " + std::to_string(sheet.rows.size()) +
                           " rows; a worksheet holds at most 1048576");
  }
  if (sheet.column_widths.size() > kXlsxMaxColumns) {
    return InvalidArgument(which + " gives widths for more than 16384 columns");
  }
  for (size_t c = 0; c < sheet.column_widths.size(); ++c) {
    const double w = sheet.column_widths[c];
    if (!std::isfinite(w) || w < 0 || w > kMaxColumnWidth) {
      return InvalidArgument(which + ": the width of column " + XlsxColumnName(c) +
                             " must be from 0 to 255 characters (0 = the default)");
    }
  }
  std::string clean;
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    const std::vector<std::string>& row = sheet.rows[r];
    if (row.size() > kXlsxMaxColumns) {
      return InvalidArgument(which + ", row " + std::to_string(r + 1) + ", has " +
                             std::to_string(row.size()) + " cells; a row holds at most 16384");
    }
    for (size_t c = 0; c < row.size(); ++c) {
      // Cleaning never makes a text longer in UTF-16 units than it is in bytes.
      if (row[c].size() <= kXlsxMaxCellCharacters) continue;
      if (CleanText(row[c], clean) > kXlsxMaxCellCharacters) {
        return InvalidArgument(which + ", cell " + XlsxColumnName(c) + std::to_string(r + 1) +
                               ", is longer than 32767 characters, the most a cell holds");
      }
    }
  }
  return Status::Ok();
}

Status LibraryError(const std::string& what, lxw_error error) {
  return Internal("could not " + what + " (libxlsxwriter: " + lxw_strerror(error) + ")");
}

// Adds the sheets to `workbook`. On failure the workbook must still be closed.
Status AddSheets(lxw_workbook* workbook, const std::vector<Sheet>& sheets) {
  lxw_format* bold = workbook_add_format(workbook);
  if (bold == nullptr) return Internal("could not add the bold format to the workbook");
  format_set_bold(bold);
  std::string clean;
  for (const Sheet& sheet : sheets) {
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook, sheet.name.c_str());
    if (worksheet == nullptr) return Internal("could not add sheet '" + sheet.name + "'");
    // Widths first: in constant-memory mode they must precede the rows.
    for (size_t c = 0; c < sheet.column_widths.size(); ++c) {
      if (sheet.column_widths[c] == 0) continue;
      const auto col = static_cast<lxw_col_t>(c);
      const lxw_error e = worksheet_set_column(worksheet, col, col, sheet.column_widths[c], nullptr);
      if (e != LXW_NO_ERROR) {
        return LibraryError("set the width of column " + XlsxColumnName(c), e);
      }
    }
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      lxw_format* format = sheet.bold_header && r == 0 ? bold : nullptr;
      const std::vector<std::string>& row = sheet.rows[r];
      for (size_t c = 0; c < row.size(); ++c) {
        if (row[c].empty()) continue;  // an absent cell is an empty one
        CleanText(row[c], clean);
        const lxw_error e = worksheet_write_string(worksheet, static_cast<lxw_row_t>(r),
                                                   static_cast<lxw_col_t>(c), clean.c_str(), format);
        if (e != LXW_NO_ERROR) {
          return LibraryError("write sheet '" + sheet.name + "', cell " + XlsxColumnName(c) +
                                  std::to_string(r + 1),
                              e);
        }
      }
    }
  }
  lxw_doc_properties properties{};
  properties.created = kCreated;
  const lxw_error e = workbook_set_properties(workbook, &properties);
  return e == LXW_NO_ERROR ? Status::Ok() : LibraryError("set the workbook's properties", e);
}

// A fresh private directory under the system's temporary directory, removed with the object.
class TemporaryDirectory {
 public:
  static Result<TemporaryDirectory> Create() {
    std::error_code ec;
    const fs::path base = fs::temp_directory_path(ec);
    if (ec) return IoError("no temporary directory to write the workbook in: " + ec.message());
    std::string pattern = (base / "xianjie-xlsx-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      return IoError("cannot create a temporary directory under " + base.string() +
                     " to write the workbook in: " + std::error_code(errno, std::generic_category())
                                                          .message());
    }
    return TemporaryDirectory(fs::path(pattern));
  }
  TemporaryDirectory(TemporaryDirectory&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  TemporaryDirectory& operator=(TemporaryDirectory&&) = delete;
  ~TemporaryDirectory() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  explicit TemporaryDirectory(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open the written workbook " + path.string());
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return IoError("cannot read back the written workbook " + path.string());
  return bytes;
}

}  // namespace

std::string XlsxColumnName(size_t column) {
  std::string letters;
  for (size_t n = column + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets) {
  if (sheets.empty()) return InvalidArgument("a workbook needs at least one sheet");
  std::set<std::string> names;
  for (size_t i = 0; i < sheets.size(); ++i) {
    XJ_RETURN_IF_ERROR(CheckSheetName(i, sheets[i].name));
    if (!names.insert(AsciiLower(sheets[i].name)).second) {
      return InvalidArgument("two sheets are named '" + sheets[i].name +
                             "'; sheet names must differ");
    }
  }
  for (const Sheet& sheet : sheets) XJ_RETURN_IF_ERROR(CheckSheet(sheet));

  XJ_ASSIGN_OR_RETURN(TemporaryDirectory dir, TemporaryDirectory::Create());
  const fs::path file = dir.path() / "workbook.xlsx";
  std::string tmpdir = dir.path().string();
  {
    std::lock_guard<std::mutex> lock(LibraryMutex());
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir.data();
    lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
    if (workbook == nullptr) return Internal("could not create a workbook (libxlsxwriter)");
    Status added = AddSheets(workbook, sheets);
    // Closing writes the package and frees the workbook, whatever happened before.
    const lxw_error closed = workbook_close(workbook);
    XJ_RETURN_IF_ERROR(added);
    if (closed != LXW_NO_ERROR) return LibraryError("write the workbook to " + file.string(), closed);
  }
  return ReadFile(file);
}

}  // namespace xianjie::ingest
