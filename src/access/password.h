// Password hashing with argon2id (libargon2), encoded as a PHC string
// ("$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>") so that the parameters travel with the hash
// and can be raised later without invalidating stored passwords.
#ifndef XIANJIE_ACCESS_PASSWORD_H_
#define XIANJIE_ACCESS_PASSWORD_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xianjie::access {

// The cost of a hash. The defaults follow OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane).
struct PasswordCost {
  uint32_t memory_kib = 19 * 1024;
  uint32_t passes = 2;
  uint32_t lanes = 1;
};

// kInvalidArgument (for the person choosing it) when a password is shorter than 8 characters
// (code points), longer than 256 bytes, or has control characters.
Status CheckPasswordPolicy(std::string_view password);

// A fresh 16-byte random salt (OpenSSL RAND_bytes) and the argon2id hash, as a PHC string.
// kInternal if the random generator or libargon2 fails.
Result<std::string> HashPassword(std::string_view password, PasswordCost cost = {});

// True when `password` matches the PHC string `encoded` (constant-time comparison); false on a
// mismatch or an encoded string that is not a valid argon2id hash.
bool VerifyPassword(std::string_view password, std::string_view encoded);

}  // namespace xianjie::access

#endif  // XIANJIE_ACCESS_PASSWORD_H_
