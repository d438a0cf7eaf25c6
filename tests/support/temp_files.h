// Test support shared by every test directory: a temporary directory that cleans up after
// itself, and whole-file reads and writes.
#ifndef XIANJIE_TESTS_SUPPORT_TEMP_FILES_H_
#define XIANJIE_TESTS_SUPPORT_TEMP_FILES_H_

#include <string>

namespace xianjie::testing {

// A fresh empty directory under $TMPDIR (or /tmp), removed with everything in it by the
// destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The whole file ("" if it cannot be read).
std::string ReadFile(const std::string& path);
// Replaces the file's content.
void WriteFile(const std::string& path, const std::string& text);

}  // namespace xianjie::testing

#endif  // XIANJIE_TESTS_SUPPORT_TEMP_FILES_H_
