// The package side of reading an XLSX: the zip archive held in memory (libzip) with its limits
// (total size, compression ratio), and an expat parser fed one part in chunks, so that no part is
// ever held whole. Used by xlsx_reader.cc.
#ifndef XIANJIE_INGEST_INTERNAL_XLSX_PACKAGE_H_
#define XIANJIE_INGEST_INTERNAL_XLSX_PACKAGE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

struct zip;
struct zip_file;
struct XML_ParserStruct;

namespace xianjie::ingest::internal {

inline constexpr uint64_t kXlsxMaxTotalBytes = uint64_t{1} << 30;  // uncompressed, all parts
inline constexpr uint64_t kXlsxRatioCheckBytes = uint64_t{1} << 20;
inline constexpr uint64_t kXlsxMaxRatio = 100;
inline constexpr size_t kXlsxChunkBytes = 64 * 1024;
inline constexpr int kXlsxMaxDepth = 64;  // element nesting; SpreadsheetML needs fewer than 10

// The zip archive of a workbook over bytes the caller keeps alive. Not thread-safe.
class XlsxPackage {
 public:
  // Checks the bytes are a zip (an OLE2 .xls and other files get the clerk's message), opens it
  // and checks every entry's sizes against the limits before anything is decompressed.
  static Result<std::unique_ptr<XlsxPackage>> Open(std::string_view bytes);
  ~XlsxPackage();
  XlsxPackage(const XlsxPackage&) = delete;
  XlsxPackage& operator=(const XlsxPackage&) = delete;

  // True when the archive holds `part` (a zip entry name, no leading slash; ASCII case is
  // ignored when no entry has the exact name).
  bool Has(const std::string& part) const;

 private:
  friend class XmlPartStream;
  explicit XlsxPackage(zip* archive) : archive_(archive) {}
  int64_t Locate(const std::string& part) const;  // the entry's index, or -1
  zip* archive_;
  uint64_t bytes_read_ = 0;  // uncompressed bytes read so far, over all parts
};

// Receives the events of one part. Element and attribute names come without their namespace
// prefix ("x:row" → "row", "r:id" → "id"). A handler stops the parse with Fail.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // `attributes` alternates names and values and ends with nullptr, as expat gives them.
  virtual void Start(std::string_view name, const char** attributes) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view /*text*/) {}

  // Stops the parse; the stream's Step returns `status`. The first failure wins.
  void Fail(Status status);
  // Pauses the parse after the current event: the stream's Step returns true and the next Step
  // resumes where it paused (before reading more of the part). For a consumer that has enough.
  void Suspend();
  // The 1-based line of the event being handled (for messages).
  int64_t Line() const;

 private:
  friend class XmlPartStream;
  XML_ParserStruct* parser_ = nullptr;
  Status status_;
};

// The value of attribute `name` (without prefix) or nullptr.
const char* FindAttribute(const char** attributes, std::string_view name);
// `name` without its namespace prefix.
std::string_view LocalName(const char* name);

// One part of the package parsed as a stream of chunks into a handler.
class XmlPartStream {
 public:
  // The handler must outlive the stream.
  XmlPartStream(XlsxPackage& package, std::string part, XmlHandler& handler);
  ~XmlPartStream();
  XmlPartStream(const XmlPartStream&) = delete;
  XmlPartStream& operator=(const XmlPartStream&) = delete;

  // kDataLoss naming the part when it is missing or cannot be decompressed.
  Status Open();
  // Decompresses and parses the next chunk (or the rest of the current one after a Suspend).
  // Returns false once the part has been parsed whole.
  // kDataLoss for a damaged part or XML that is not well-formed (with the part, line and what
  // expat found), kInvalidArgument when the package's size limit is passed, or what the handler
  // failed with.
  Result<bool> Step();
  // Steps to the end.
  Status ParseAll();

  const std::string& part() const { return part_; }

 private:
  Status XmlError();
  // What Step returns after XML_Parse or XML_ResumeParser answered `parse_status`.
  Result<bool> Finish(int parse_status);

  XlsxPackage& package_;
  std::string part_;
  XmlHandler& handler_;
  zip_file* file_ = nullptr;
  XML_ParserStruct* parser_ = nullptr;
  uint64_t size_ = 0;  // the part's size in the zip directory
  uint64_t read_ = 0;
  bool done_ = false;
  bool suspended_ = false;  // the parser paused inside the current chunk
  bool last_ = false;       // the current chunk is the part's end
  int depth_ = 0;
  std::unique_ptr<char[]> buffer_;

  static void OnStart(void* self, const char* name, const char** attributes);
  static void OnEnd(void* self, const char* name);
  static void OnText(void* self, const char* text, int length);
  static void OnDoctype(void* self, const char* name, const char* sysid, const char* pubid,
                        int has_internal_subset);
};

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_XLSX_PACKAGE_H_
