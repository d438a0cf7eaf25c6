// A whole input file held in memory for parsing: memory-mapped when it is a regular file, so a
// 400 MB CSV costs page cache rather than heap.
#ifndef XIANJIE_INGEST_MAPPED_FILE_H_
#define XIANJIE_INGEST_MAPPED_FILE_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace xianjie::ingest {

class MappedFile {
 public:
  // kNotFound if the file does not exist, kIoError if it cannot be read; the message names
  // `what` ("households file") and the path.
  static Result<MappedFile> Open(const std::string& path, std::string_view what);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view data() const { return {data_, size_}; }

 private:
  MappedFile() = default;
  const char* data_ = "";
  size_t size_ = 0;
  bool mapped_ = false;
  std::string buffer_;  // contents of a file that cannot be mapped (a pipe, an empty file)
};

// The last component of `path` ("a/b/households.csv" -> "households.csv"): how reports and
// quarantine entries name a file, without the directories of the machine that read it.
std::string FileName(const std::string& path);

}  // namespace xianjie::ingest

#endif  // XIANJIE_INGEST_MAPPED_FILE_H_
