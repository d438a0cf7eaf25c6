// The audit log (docs/decisions/0003, point 4): who read or exported whose file, and when, as an
// append-only chain of entries each holding the SHA-256 of itself and of the entry before it, so
// that changing or removing an entry after the fact shows. The storage port is AuditStore.
#ifndef XIANJIE_ACCESS_AUDIT_H_
#define XIANJIE_ACCESS_AUDIT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xianjie::access {

// The prev_hash of the first entry: 64 zeros.
inline constexpr char kGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

// One entry of the log. Entries are never changed or removed.
struct AuditEntry {
  int64_t seq = 0;        // 1, 2, ... in append order, without gaps
  std::string time;       // UTC ISO 8601, whole seconds
  std::string user;       // who acted
  std::string action;     // "household.read", "household.explain", "household.history", "export"
  std::string subject;    // household id, output directory or file
  std::string detail;     // JSON text, may be empty
  std::string prev_hash;  // hash of the entry seq - 1 (kGenesisHash for seq 1)
  std::string hash;       // AuditEntryHash(*this)
  bool operator==(const AuditEntry&) const = default;
};

// Lower-case hex SHA-256 of `bytes` (OpenSSL): the audit chain, stored attachments.
std::string Sha256Hex(std::string_view bytes);
// Lower-case hex HMAC-SHA-256 of `message` under `key` (OpenSSL, RFC 2104): the public page's
// signed challenges, checked without any state kept per challenge.
std::string HmacSha256Hex(std::string_view key, std::string_view message);

// The chain rule: lower-case hex SHA-256 over a canonical encoding of (seq, time, user, action,
// subject, detail, prev_hash): the line "xianjie-audit-v1\n", then each field as its decimal byte
// length, ':', its bytes (seq as its decimal text), so that no two different entries encode
// alike. Ignores `hash`. Changing the encoding needs a new version line.
std::string AuditEntryHash(const AuditEntry& entry);

// The storage port of the audit log, implemented in src/store/ (memory, sqlite). Thread-safe.
class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Appends an entry stamped now, with the next seq, the previous entry's hash and its own
  // hash, all in one atomic step: two appenders (threads, or processes sharing a SQLite file)
  // never give two entries the same seq or prev_hash. kInvalidArgument on an empty user or
  // action; kIoError when the database cannot be written.
  virtual Result<AuditEntry> Append(const std::string& user, const std::string& action,
                                    const std::string& subject, const std::string& detail) = 0;
  // Calls `fn` on every entry in seq order, as stored (nothing is checked); stops at and
  // returns the first error `fn` returns.
  virtual Status ForEach(const std::function<Status(const AuditEntry&)>& fn) = 0;
  virtual Result<int64_t> Count() = 0;
};

// What VerifyAuditChain found.
struct AuditVerification {
  int64_t entries = 0;        // entries read
  int64_t first_bad_seq = 0;  // 0 = the chain is intact
  std::string reason;         // why first_bad_seq is bad, for the administrator; "" if intact
};

// Walks the log in seq order and reports the first entry that breaks the chain:
//  - its stored hash is not the hash of its fields (the entry was changed);
//  - its seq is not the previous seq + 1 (an entry before it was removed), or its prev_hash is
//    not the previous entry's hash (an entry was removed, or replaced by a re-hashed one).
// An entry removed from the end (a truncated tail) leaves a shorter chain that is still intact:
// finding that needs the last hash kept elsewhere, and is out of scope here. So is someone who
// rewrites the whole chain from the changed entry on. Errors are the store's read errors only.
Result<AuditVerification> VerifyAuditChain(AuditStore& store);

}  // namespace xianjie::access

#endif  // XIANJIE_ACCESS_AUDIT_H_
