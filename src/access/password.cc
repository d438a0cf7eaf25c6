// argon2id password hashes as PHC strings (libargon2), salts from OpenSSL's RAND_bytes.
#include "access/password.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <cstdio>
#include <string>
#include <vector>

namespace xianjie::access {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr std::string_view kPrefix = "$argon2id$";
// A stored hash asking for more than this is refused rather than computed: a tampered row must
// not make a login allocate gigabytes or spin for minutes.
constexpr unsigned long kMaxMemoryKib = 1024 * 1024;
constexpr unsigned long kMaxPasses = 64;
constexpr unsigned long kMaxLanes = 16;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

// C0 controls, DEL and the C1 controls (U+0080..U+009F, UTF-8 C2 80..C2 9F).
bool HasControl(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size()) {
      const auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

// The cost in an encoded hash is within what we are willing to compute.
bool CostAcceptable(const std::string& encoded) {
  unsigned long version = 0, memory = 0, passes = 0, lanes = 0;
  if (std::sscanf(encoded.c_str(), "$argon2id$v=%lu$m=%lu,t=%lu,p=%lu$", &version, &memory, &passes,
                  &lanes) != 4) {
    return false;
  }
  return memory <= kMaxMemoryKib && passes <= kMaxPasses && lanes <= kMaxLanes;
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password) {
  if (CodePoints(password) < 8) {
    return InvalidArgument("the password is too short: give at least 8 characters");
  }
  if (password.size() > 256) {
    return InvalidArgument("the password is too long: give at most 256 bytes");
  }
  if (HasControl(password)) {
    return InvalidArgument(
        "the password contains a control character (such as a tab or a line break); leave it "
        "out");
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof salt) != 1) {
    return Internal("the random generator failed while making a password salt");
  }
  std::vector<char> encoded(argon2_encodedlen(cost.passes, cost.memory_kib, cost.lanes, kSaltBytes,
                                              kHashBytes, Argon2_id) +
                            1);
  int rc = argon2id_hash_encoded(cost.passes, cost.memory_kib, cost.lanes, password.data(),
                                 password.size(), salt, sizeof salt, kHashBytes, encoded.data(),
                                 encoded.size());
  if (rc != ARGON2_OK) {
    return Internal(std::string("hashing a password failed: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool VerifyPassword(std::string_view password, std::string_view encoded) {
  if (!encoded.starts_with(kPrefix)) return false;
  const std::string text(encoded);  // libargon2 wants a terminated string
  if (!CostAcceptable(text)) return false;
  // argon2id_verify recomputes the hash with the encoded parameters and salt and compares in
  // constant time.
  return argon2id_verify(text.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace xianjie::access
