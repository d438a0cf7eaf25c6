// XlsxPackage and XmlPartStream: libzip over the bytes in memory, expat fed 64 KiB at a time.
// Every size is checked twice: from the zip directory before reading (a zip bomb is refused
// before it is inflated) and while reading (a directory may lie).
#include "ingest/internal/xlsx_package.h"

#include <expat.h>
#include <zip.h>

#include <cstring>

namespace xianjie::ingest::internal {
namespace {

constexpr std::string_view kSaveAgain = "open it in Excel (or WPS) and save it again as .xlsx";

std::string Mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

Result<std::unique_ptr<XlsxPackage>> XlsxPackage::Open(std::string_view bytes) {
  static constexpr unsigned char kOle2[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  if (bytes.size() >= sizeof kOle2 && std::memcmp(bytes.data(), kOle2, sizeof kOle2) == 0) {
    return InvalidArgument(
        "this is an old .xls workbook (or a password-protected one); save it as .xlsx (Excel "
        "Workbook), without a password, and upload it again");
  }
  if (bytes.size() < 4 || bytes.substr(0, 2) != "PK") {
    return InvalidArgument(
        "the file is not an Excel workbook (.xlsx); save it as .xlsx and upload it again");
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = nullptr;
  if (source != nullptr) {
    archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (archive == nullptr) zip_source_free(source);
  }
  if (archive == nullptr) {
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return DataLoss("the workbook is damaged: its zip package cannot be read (" + why + "); " +
                    std::string(kSaveAgain));
  }
  zip_error_fini(&error);
  auto package = std::unique_ptr<XlsxPackage>(new XlsxPackage(archive));

  const zip_int64_t entries = zip_get_num_entries(archive, 0);
  uint64_t total = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        (st.valid & ZIP_STAT_SIZE) == 0 || (st.valid & ZIP_STAT_COMP_SIZE) == 0) {
      return DataLoss("the workbook is damaged: entry " + std::to_string(i + 1) +
                      " of its zip package cannot be read; " + std::string(kSaveAgain));
    }
    const std::string name = (st.valid & ZIP_STAT_NAME) ? st.name : "?";
    total += st.size;
    if (total > kXlsxMaxTotalBytes) {
      return InvalidArgument("the workbook unpacks to more than 1 GiB (at part " + name +
                             "); split it into smaller workbooks");
    }
    if (st.size > kXlsxRatioCheckBytes &&
        (st.comp_size == 0 || st.size / st.comp_size > kXlsxMaxRatio)) {
      return InvalidArgument("part " + name + " of the workbook unpacks from " +
                             std::to_string(st.comp_size) + " bytes to " + Mib(st.size) +
                             ", more than 100 times its packed size: it is not a spreadsheet "
                             "saved by Excel; " +
                             std::string(kSaveAgain));
    }
  }
  return package;
}

XlsxPackage::~XlsxPackage() { zip_discard(archive_); }

int64_t XlsxPackage::Locate(const std::string& part) const {
  // Part names are case-insensitive in OPC (ECMA-376 Part 2, §9.1.1.1); zip entries are not.
  const zip_int64_t exact = zip_name_locate(archive_, part.c_str(), 0);
  return exact >= 0 ? exact : zip_name_locate(archive_, part.c_str(), ZIP_FL_NOCASE);
}

bool XlsxPackage::Has(const std::string& part) const { return Locate(part) >= 0; }

void XmlHandler::Fail(Status status) {
  if (!status_.ok()) return;
  status_ = std::move(status);
  if (parser_ != nullptr) XML_StopParser(parser_, XML_FALSE);
}

void XmlHandler::Suspend() {
  if (parser_ == nullptr || !status_.ok()) return;
  XML_ParsingStatus parsing;
  XML_GetParsingStatus(parser_, &parsing);
  if (parsing.parsing == XML_PARSING) XML_StopParser(parser_, XML_TRUE);
}

int64_t XmlHandler::Line() const {
  return parser_ == nullptr ? 0 : static_cast<int64_t>(XML_GetCurrentLineNumber(parser_));
}

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  const size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* FindAttribute(const char** attributes, std::string_view name) {
  for (size_t i = 0; attributes[i] != nullptr; i += 2) {
    if (LocalName(attributes[i]) == name) return attributes[i + 1];
  }
  return nullptr;
}

XmlPartStream::XmlPartStream(XlsxPackage& package, std::string part, XmlHandler& handler)
    : package_(package), part_(std::move(part)), handler_(handler) {}

XmlPartStream::~XmlPartStream() {
  if (file_ != nullptr) zip_fclose(file_);
  if (parser_ != nullptr) XML_ParserFree(parser_);
  handler_.parser_ = nullptr;
}

Status XmlPartStream::Open() {
  zip_stat_t st;
  zip_stat_init(&st);
  const int64_t index = package_.Locate(part_);
  if (index < 0 ||
      zip_stat_index(package_.archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return DataLoss("the workbook is damaged: its part " + part_ + " is missing; " +
                    std::string(kSaveAgain));
  }
  size_ = st.size;
  file_ = zip_fopen_index(package_.archive_, static_cast<zip_uint64_t>(index), 0);
  if (file_ == nullptr) {
    return DataLoss("the workbook's part " + part_ + " cannot be unpacked (" +
                    zip_strerror(package_.archive_) + "); " + std::string(kSaveAgain));
  }
  parser_ = XML_ParserCreate(nullptr);
  if (parser_ == nullptr) return Internal("expat could not create a parser");
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(parser_, &OnStart, &OnEnd);
  XML_SetCharacterDataHandler(parser_, &OnText);
  XML_SetStartDoctypeDeclHandler(parser_, &OnDoctype);
  handler_.parser_ = parser_;
  buffer_ = std::make_unique<char[]>(kXlsxChunkBytes);
  return Status::Ok();
}

Result<bool> XmlPartStream::Step() {
  if (done_) return false;
  if (!handler_.status_.ok()) return handler_.status_;
  if (suspended_) {
    suspended_ = false;
    return Finish(XML_ResumeParser(parser_));
  }
  const zip_int64_t n = zip_fread(file_, buffer_.get(), kXlsxChunkBytes);
  if (n < 0) {
    return DataLoss("the workbook is damaged: its part " + part_ + " cannot be unpacked (" +
                    zip_file_strerror(file_) + "); " + std::string(kSaveAgain));
  }
  read_ += static_cast<uint64_t>(n);
  package_.bytes_read_ += static_cast<uint64_t>(n);
  if (read_ > size_) {
    return DataLoss("the workbook is damaged: its part " + part_ +
                    " unpacks to more bytes than its zip directory says; " +
                    std::string(kSaveAgain));
  }
  if (package_.bytes_read_ > kXlsxMaxTotalBytes) {
    return InvalidArgument("the workbook unpacks to more than 1 GiB (at part " + part_ +
                           "); split it into smaller workbooks");
  }
  last_ = n == 0;
  return Finish(
      XML_Parse(parser_, buffer_.get(), static_cast<int>(n), last_ ? XML_TRUE : XML_FALSE));
}

Result<bool> XmlPartStream::Finish(int parse_status) {
  if (parse_status == XML_STATUS_SUSPENDED) {
    suspended_ = true;
    return true;
  }
  if (parse_status != XML_STATUS_OK) return XmlError();
  if (!handler_.status_.ok()) return handler_.status_;
  if (last_) done_ = true;
  return !last_;
}

Status XmlPartStream::ParseAll() {
  while (true) {
    XJ_ASSIGN_OR_RETURN(bool more, Step());
    if (!more) return Status::Ok();
  }
}

Status XmlPartStream::XmlError() {
  if (!handler_.status_.ok()) return handler_.status_;
  const XML_Error code = XML_GetErrorCode(parser_);
  return DataLoss("the workbook is damaged: its part " + part_ + " is not well-formed XML (line " +
                  std::to_string(XML_GetCurrentLineNumber(parser_)) + ", column " +
                  std::to_string(XML_GetCurrentColumnNumber(parser_) + 1) + ": " +
                  XML_ErrorString(code) + "); " + std::string(kSaveAgain));
}

void XmlPartStream::OnStart(void* self, const char* name, const char** attributes) {
  auto* stream = static_cast<XmlPartStream*>(self);
  if (++stream->depth_ > kXlsxMaxDepth) {
    stream->handler_.Fail(DataLoss(
        "the workbook's part " + stream->part_ + " nests elements " + "deeper than " +
        std::to_string(kXlsxMaxDepth) + " levels (line " + std::to_string(stream->handler_.Line()) +
        "): it is not a spreadsheet saved by Excel; " + std::string(kSaveAgain)));
    return;
  }
  stream->handler_.Start(LocalName(name), attributes);
}

void XmlPartStream::OnEnd(void* self, const char* name) {
  auto* stream = static_cast<XmlPartStream*>(self);
  --stream->depth_;
  stream->handler_.End(LocalName(name));
}

void XmlPartStream::OnText(void* self, const char* text, int length) {
  static_cast<XmlPartStream*>(self)->handler_.Text(
      std::string_view(text, static_cast<size_t>(length)));
}

void XmlPartStream::OnDoctype(void* self, const char* /*name*/, const char* /*sysid*/,
                              const char* /*pubid*/, int /*has_internal_subset*/) {
  auto* stream = static_cast<XmlPartStream*>(self);
  stream->handler_.Fail(DataLoss("the workbook's part " + stream->part_ + " declares a DTD (line " +
                                 std::to_string(stream->handler_.Line()) +
                                 "), which spreadsheets never do; " + std::string(kSaveAgain)));
}

}  // namespace xianjie::ingest::internal
