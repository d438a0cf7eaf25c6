// The reply helpers of server/route.h that every route uses.
#include "server/route.h"

#include <gtest/gtest.h>

#include <string>

namespace xianjie::server {
namespace {

std::string Disposition(const std::string& filename) {
  const Reply reply = File("x", "text/csv", filename);
  for (const auto& [name, value] : reply.headers) {
    if (name == "Content-Disposition") return value;
  }
  return "";
}

TEST(FileReply, NamesTheFileInUtf8AndInPlainAscii) {
  EXPECT_EQ(Disposition("公示-630102001001.xlsx"),
            "attachment; filename=\"630102001001.xlsx\"; "
            "filename*=UTF-8''%E5%85%AC%E7%A4%BA-630102001001.xlsx");
  EXPECT_EQ(Disposition("households-630102.csv"),
            "attachment; filename=\"households-630102.csv\"; "
            "filename*=UTF-8''households-630102.csv");
  // A bare extension gets a stem; runs of other characters become one '_'; quotes never pass.
  EXPECT_NE(Disposition("户籍.csv").find("filename=\"download.csv\""), std::string::npos)
      << Disposition("户籍.csv");
  EXPECT_NE(Disposition("a村b\"c.csv").find("filename=\"a_b_c.csv\""), std::string::npos)
      << Disposition("a村b\"c.csv");
  EXPECT_NE(Disposition("公示").find("filename=\"download\""), std::string::npos);
}

}  // namespace
}  // namespace xianjie::server
