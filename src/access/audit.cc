// The audit chain: the canonical encoding and its SHA-256 (OpenSSL's libcrypto), and the check.
#include "access/audit.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string_view>

namespace xianjie::access {
namespace {

std::string Hex(const unsigned char* bytes, unsigned int length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[bytes[i] >> 4];
    hex += kHex[bytes[i] & 0xf];
  }
  return hex;
}

void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return "";  // never with SHA-256 in the default provider; an empty hash never verifies
  }
  return Hex(digest, length);
}

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac,
           &length) == nullptr) {
    return "";  // as for Sha256Hex: an empty MAC never matches one that was computed
  }
  return Hex(mac, length);
}

std::string AuditEntryHash(const AuditEntry& entry) {
  std::string encoded = "xianjie-audit-v1\n";
  AppendField(encoded, std::to_string(entry.seq));
  AppendField(encoded, entry.time);
  AppendField(encoded, entry.user);
  AppendField(encoded, entry.action);
  AppendField(encoded, entry.subject);
  AppendField(encoded, entry.detail);
  AppendField(encoded, entry.prev_hash);
  return Sha256Hex(encoded);
}

Result<AuditVerification> VerifyAuditChain(AuditStore& store) {
  AuditVerification v;
  int64_t previous_seq = 0;
  std::string previous_hash = kGenesisHash;
  Status status = store.ForEach([&](const AuditEntry& e) -> Status {
    ++v.entries;
    if (v.first_bad_seq != 0) return Status::Ok();  // count the rest only
    if (e.seq != previous_seq + 1) {
      v.first_bad_seq = e.seq;
      const std::string missing = e.seq - 1 > previous_seq + 1
                                      ? "entries " + std::to_string(previous_seq + 1) + " to " +
                                            std::to_string(e.seq - 1) + " are missing"
                                      : "entry " + std::to_string(previous_seq + 1) + " is missing";
      v.reason = "entry " + std::to_string(e.seq) + " follows entry " +
                 std::to_string(previous_seq) + ": " + missing + " (deleted)";
    } else if (e.prev_hash != previous_hash) {
      v.first_bad_seq = e.seq;
      v.reason = "entry " + std::to_string(e.seq) +
                 "'s prev_hash is not the hash of the entry before it (an entry was deleted or "
                 "replaced)";
    } else if (AuditEntryHash(e) != e.hash) {
      v.first_bad_seq = e.seq;
      v.reason = "entry " + std::to_string(e.seq) +
                 "'s hash does not match its contents (the entry was changed)";
    }
    previous_seq = e.seq;
    previous_hash = e.hash;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return v;
}

}  // namespace xianjie::access
