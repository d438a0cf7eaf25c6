// argon2id passwords: hash and verify, a wrong password, a tampered or foreign PHC string, fresh
// salts, and the password policy.
#include "access/password.h"

#include <gtest/gtest.h>

#include <string>

namespace xianjie::access {
namespace {

// Cheap parameters: the tests are about correctness, not cost.
constexpr PasswordCost kCheap{.memory_kib = 64, .passes = 1, .lanes = 1};

std::string Hash(const std::string& password) {
  auto h = HashPassword(password, kCheap);
  EXPECT_TRUE(h.ok()) << h.status().ToString();
  return h.ok() ? *h : "";
}

TEST(PasswordTest, TheRightPasswordVerifies) {
  std::string h = Hash("correct horse");
  EXPECT_TRUE(VerifyPassword("correct horse", h));
}

TEST(PasswordTest, AWrongPasswordDoesNot) {
  std::string h = Hash("correct horse");
  EXPECT_FALSE(VerifyPassword("correct hors", h));
  EXPECT_FALSE(VerifyPassword("Correct horse", h));
  EXPECT_FALSE(VerifyPassword("", h));
}

TEST(PasswordTest, TheHashIsAnArgon2idPhcStringWithItsCost) {
  std::string h = Hash("correct horse");
  EXPECT_EQ(h.rfind("$argon2id$v=19$m=64,t=1,p=1$", 0), 0u) << h;
}

TEST(PasswordTest, TheDefaultCostIsOwaspsMinimum) {
  auto h = HashPassword("correct horse");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword("correct horse", *h));
}

TEST(PasswordTest, EachHashHasAFreshSalt) {
  EXPECT_NE(Hash("same password"), Hash("same password"));
}

TEST(PasswordTest, ATamperedHashDoesNotVerify) {
  std::string h = Hash("correct horse");
  std::string last = h;
  last.back() = last.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyPassword("correct horse", last));
  std::string salt = h;
  size_t at = salt.find('$', std::string("$argon2id$v=19$m=64,t=1,p=1$").size() - 1) + 1;
  salt[at] = salt[at] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyPassword("correct horse", salt));
  std::string cost = h;
  cost.replace(cost.find("t=1"), 3, "t=2");
  EXPECT_FALSE(VerifyPassword("correct horse", cost));
}

TEST(PasswordTest, OtherAlgorithmsAndGarbageDoNotVerify) {
  std::string h = Hash("correct horse");
  std::string argon2i = h;
  argon2i.replace(0, 10, "$argon2i$");
  EXPECT_FALSE(VerifyPassword("correct horse", argon2i));
  EXPECT_FALSE(VerifyPassword("correct horse", ""));
  EXPECT_FALSE(VerifyPassword("correct horse", "correct horse"));
  EXPECT_FALSE(VerifyPassword("correct horse", "$argon2id$"));
}

TEST(PasswordTest, AnExcessiveCostInAStoredHashIsRefusedUnverified) {
  std::string h = Hash("correct horse");
  h.replace(h.find("m=64"), 4, "m=4194304");  // 4 GiB
  EXPECT_FALSE(VerifyPassword("correct horse", h));
}

TEST(PasswordPolicyTest, EightCharactersAreEnough) {
  EXPECT_TRUE(CheckPasswordPolicy("abcdefgh").ok());
  EXPECT_EQ(CheckPasswordPolicy("abcdefg").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPasswordPolicy("").code(), StatusCode::kInvalidArgument);
}

TEST(PasswordPolicyTest, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(CheckPasswordPolicy("密码密码密码密").code(), StatusCode::kInvalidArgument);  // 7
  EXPECT_TRUE(CheckPasswordPolicy("密码密码密码密码").ok());                              // 8
}

TEST(PasswordPolicyTest, MoreThan256BytesIsTooLong) {
  EXPECT_TRUE(CheckPasswordPolicy(std::string(256, 'a')).ok());
  EXPECT_EQ(CheckPasswordPolicy(std::string(257, 'a')).code(), StatusCode::kInvalidArgument);
}

TEST(PasswordPolicyTest, ControlCharactersAreRefused) {
  EXPECT_EQ(CheckPasswordPolicy("abcd\tefgh").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPasswordPolicy("abcdefgh\n").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPasswordPolicy(std::string("abcd\0efgh", 9)).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPasswordPolicy("abcd\x7f"
                                "efgh")
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckPasswordPolicy("abcd\xc2\x85"
                                "efgh")
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckPasswordPolicy("abcd efgh!").ok());
}

}  // namespace
}  // namespace xianjie::access
