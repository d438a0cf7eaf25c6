// MappedFile: mmap for regular files, a plain read for everything else.
#include "ingest/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace xianjie::ingest {

Result<MappedFile> MappedFile::Open(const std::string& path, std::string_view what) {
  auto error = [&](int err) {
    std::string m = "cannot read " + std::string(what) + " '" + path + "': " + std::strerror(err);
    return err == ENOENT ? NotFound(m) : IoError(m);
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return error(errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return error(err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return error(EISDIR);
  }
  MappedFile f;
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      ::madvise(p, static_cast<size_t>(st.st_size), MADV_SEQUENTIAL);
      ::close(fd);
      f.data_ = static_cast<const char*>(p);
      f.size_ = static_cast<size_t>(st.st_size);
      f.mapped_ = true;
      return f;
    }
  }
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return error(err);
    }
    if (n == 0) break;
    f.buffer_.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  f.data_ = f.buffer_.data();
  f.size_ = f.buffer_.size();
  return f;
}

MappedFile::MappedFile(MappedFile&& other) noexcept { *this = std::move(other); }

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this == &other) return *this;
  if (mapped_) ::munmap(const_cast<char*>(data_), size_);
  mapped_ = std::exchange(other.mapped_, false);
  buffer_ = std::move(other.buffer_);
  size_ = std::exchange(other.size_, 0);
  data_ = mapped_ ? other.data_ : buffer_.data();
  other.data_ = "";
  return *this;
}

MappedFile::~MappedFile() {
  if (mapped_) ::munmap(const_cast<char*>(data_), size_);
}

std::string FileName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace xianjie::ingest
