// XlsxReader: the workbook's structure (package relationships, workbook.xml and its
// relationships, styles.xml, sharedStrings.xml) read once at Open, each part through expat in
// chunks; then the rows of one sheet pulled chunk by chunk from internal::SheetHandler's queue.
#include "ingest/xlsx_reader.h"

#include <charconv>
#include <map>
#include <utility>

#include "ingest/internal/xlsx_package.h"
#include "ingest/internal/xlsx_sheet.h"
#include "ingest/internal/xlsx_values.h"

namespace xianjie::ingest {
namespace {

using internal::FindAttribute;
using internal::XmlHandler;
using internal::XmlPartStream;

constexpr std::string_view kSaveAgain = "open it in Excel (or WPS) and save it again as .xlsx";

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The zip entry a relationship's target names: relative to `base_dir` ("xl/"), or absolute
// ("/xl/worksheets/sheet1.xml"); "." and ".." resolved.
std::string ResolveTarget(std::string_view base_dir, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(base_dir) + std::string(target);
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

std::string DirectoryOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// The relationships part of `part`: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
std::string RelationshipsOf(std::string_view part) {
  const std::string dir = DirectoryOf(part);
  return dir + "_rels/" + std::string(part.substr(dir.size())) + ".rels";
}

struct Relationship {
  std::string type;
  std::string target;  // resolved to a zip entry name
};

class RelationshipsHandler : public XmlHandler {
 public:
  explicit RelationshipsHandler(std::string base_dir) : base_dir_(std::move(base_dir)) {}
  void Start(std::string_view name, const char** attributes) override {
    if (name != "Relationship") return;
    const char* id = FindAttribute(attributes, "Id");
    const char* type = FindAttribute(attributes, "Type");
    const char* target = FindAttribute(attributes, "Target");
    const char* mode = FindAttribute(attributes, "TargetMode");
    if (id == nullptr || type == nullptr || target == nullptr) return;
    if (mode != nullptr && std::string_view(mode) == "External") return;
    by_id.emplace(id, Relationship{type, ResolveTarget(base_dir_, target)});
  }
  void End(std::string_view) override {}

  // The target of the first relationship whose type ends with `/suffix`, or "".
  std::string TargetOfType(std::string_view suffix) const {
    for (const auto& [id, rel] : by_id) {
      if (EndsWith(rel.type, "/" + std::string(suffix))) return rel.target;
    }
    return "";
  }

  std::map<std::string, Relationship> by_id;

 private:
  std::string base_dir_;
};

class WorkbookHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attributes) override {
    if (name == "workbookPr") {
      const char* v = FindAttribute(attributes, "date1904");
      date1904 = v != nullptr && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (name == "sheet") {
      const char* sheet_name = FindAttribute(attributes, "name");
      const char* id = FindAttribute(attributes, "id");
      sheets.emplace_back(sheet_name ? sheet_name : "", id ? id : "");
    }
  }
  void End(std::string_view) override {}

  bool date1904 = false;
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
};

class StylesHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attributes) override {
    if (name == "numFmt") {
      const char* id = FindAttribute(attributes, "numFmtId");
      const char* code = FindAttribute(attributes, "formatCode");
      if (id != nullptr && code != nullptr) {
        custom_[ParseId(id)] = internal::IsDateFormatCode(code);
      }
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = FindAttribute(attributes, "numFmtId");
      xf_formats_.push_back(id == nullptr ? 0 : ParseId(id));
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

  // By cell format index: whether its number format shows a date.
  std::vector<bool> DateStyles() const {
    std::vector<bool> dates;
    dates.reserve(xf_formats_.size());
    for (int64_t id : xf_formats_) {
      auto it = custom_.find(id);
      dates.push_back(it != custom_.end() ? it->second : internal::IsBuiltInDateFormat(id));
    }
    return dates;
  }

 private:
  static int64_t ParseId(std::string_view text) {
    int64_t id = -1;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    return ec == std::errc() && ptr == text.data() + text.size() ? id : -1;
  }
  std::map<int64_t, bool> custom_;
  std::vector<int64_t> xf_formats_;
  bool in_cell_xfs_ = false;
};

class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(std::string part, internal::SharedStrings& strings)
      : part_(std::move(part)), strings_(strings) {}
  void Start(std::string_view name, const char** /*attributes*/) override {
    if (name == "si") {
      in_item_ = true;
      text_.clear();
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_item_ && phonetic_depth_ == 0) {
      in_text_ = true;
    }
  }
  void End(std::string_view name) override {
    if (name == "t") {
      in_text_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "si" && in_item_) {
      in_item_ = false;
      internal::DecodeXstring(text_);
      const size_t units = internal::Utf16Length(text_);
      if (units > kXlsxReadMaxCellCharacters) {
        TooLong(std::to_string(units) + " characters");
        return;
      }
      if (strings_.size() == internal::kXlsxMaxSharedStrings) {
        Fail(InvalidArgument(part_ + " holds more than 16,777,216 distinct texts; split the "
                                     "workbook into smaller ones"));
        return;
      }
      strings_.Add(text_);
    }
  }
  void Text(std::string_view text) override {
    if (!in_text_) return;
    if (text_.size() + text.size() > kXlsxReadMaxCellCharacters * 7) {
      TooLong("more than 32,767 characters");
      return;
    }
    text_.append(text);
  }

 private:
  void TooLong(const std::string& how_many) {
    Fail(InvalidArgument("shared string " + std::to_string(strings_.size()) + " (" + part_ +
                         ", line " + std::to_string(Line()) + ") holds " + how_many +
                         "; a cell holds at most 32,767: shorten it"));
  }
  std::string part_;
  internal::SharedStrings& strings_;
  std::string text_;
  bool in_item_ = false;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
};

Status ParsePart(internal::XlsxPackage& package, const std::string& part, XmlHandler& handler) {
  XmlPartStream stream(package, part, handler);
  XJ_RETURN_IF_ERROR(stream.Open());
  return stream.ParseAll();
}

}  // namespace

XlsxReader::XlsxReader() : shared_strings_(std::make_unique<internal::SharedStrings>()) {}
XlsxReader::~XlsxReader() = default;

Result<std::unique_ptr<XlsxReader>> XlsxReader::Open(std::string bytes) {
  auto reader = std::unique_ptr<XlsxReader>(new XlsxReader());
  reader->bytes_ = std::move(bytes);
  XJ_RETURN_IF_ERROR(reader->Load());
  return reader;
}

Status XlsxReader::Load() {
  XJ_ASSIGN_OR_RETURN(package_, internal::XlsxPackage::Open(bytes_));

  std::string workbook = "xl/workbook.xml";
  if (package_->Has("_rels/.rels")) {
    RelationshipsHandler root("");
    XJ_RETURN_IF_ERROR(ParsePart(*package_, "_rels/.rels", root));
    std::string office = root.TargetOfType("officeDocument");
    if (!office.empty()) workbook = office;
  }
  if (!package_->Has(workbook)) {
    return InvalidArgument("the file is a zip archive but not an Excel workbook (it has no " +
                           workbook + "); save it as .xlsx (Excel Workbook) and upload it again");
  }

  WorkbookHandler book;
  XJ_RETURN_IF_ERROR(ParsePart(*package_, workbook, book));
  date1904_ = book.date1904;
  RelationshipsHandler rels(DirectoryOf(workbook));
  XJ_RETURN_IF_ERROR(ParsePart(*package_, RelationshipsOf(workbook), rels));
  for (const auto& [name, id] : book.sheets) {
    auto it = rels.by_id.find(id);
    if (it == rels.by_id.end()) {
      return DataLoss("the workbook is damaged: sheet '" + name + "' of " + workbook +
                      " names relationship '" + id + "', which " + RelationshipsOf(workbook) +
                      " does not hold; " + std::string(kSaveAgain));
    }
    if (!EndsWith(it->second.type, "/worksheet")) continue;  // a chart or dialog sheet
    sheet_names_.push_back(name);
    sheet_parts_.push_back(it->second.target);
  }
  if (sheet_names_.empty()) {
    return InvalidArgument(
        "the workbook has no worksheet; put the data on a worksheet, save it "
        "as .xlsx and upload it again");
  }

  const std::string styles = rels.TargetOfType("styles");
  if (!styles.empty() && package_->Has(styles)) {
    StylesHandler handler;
    XJ_RETURN_IF_ERROR(ParsePart(*package_, styles, handler));
    date_styles_ = handler.DateStyles();
  }
  const std::string strings = rels.TargetOfType("sharedStrings");
  if (!strings.empty()) {
    SharedStringsHandler handler(strings, *shared_strings_);
    XJ_RETURN_IF_ERROR(ParsePart(*package_, strings, handler));
  }
  return Status::Ok();
}

Status XlsxReader::OpenSheet(std::string_view name) {
  stream_.reset();
  sheet_.reset();
  sheet_status_ = Status::Ok();
  size_t index = 0;
  if (!name.empty()) {
    while (index < sheet_names_.size() && sheet_names_[index] != name) ++index;
    if (index == sheet_names_.size()) {
      std::string list;
      for (const auto& n : sheet_names_) list += (list.empty() ? "'" : ", '") + n + "'";
      return NotFound("the workbook has no sheet named '" + std::string(name) +
                      "'; its sheets are " + list);
    }
  }
  auto sheet = std::make_unique<internal::SheetHandler>(sheet_names_[index], sheet_parts_[index],
                                                        *shared_strings_, date_styles_, date1904_);
  auto stream = std::make_unique<XmlPartStream>(*package_, sheet_parts_[index], *sheet);
  Status opened = stream->Open();
  if (!opened.ok()) {
    return DataLoss("the workbook is damaged: the part " + sheet_parts_[index] + " of sheet '" +
                    sheet_names_[index] + "' is missing or unreadable; " + std::string(kSaveAgain));
  }
  sheet_ = std::move(sheet);
  stream_ = std::move(stream);
  return Status::Ok();
}

Result<bool> XlsxReader::Next(XlsxRow& row) {
  if (sheet_ == nullptr) return FailedPrecondition("XlsxReader::Next before OpenSheet");
  if (!sheet_status_.ok()) return sheet_status_;
  while (sheet_->empty()) {
    Result<bool> more = stream_->Step();
    if (!more.ok()) {
      sheet_status_ = more.status();
      sheet_->Clear();
      return sheet_status_;
    }
    if (!*more) break;
  }
  return sheet_->Pop(row);
}

}  // namespace xianjie::ingest
