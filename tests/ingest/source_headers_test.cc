// Tests of header matching (ingest/source_headers.h): headers, aliases, trimming and full-width
// folding, and the one message that lists every missing, unknown and repeated column.
#include "ingest/source_headers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace xianjie::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

SourceContract Contract() {
  const SourceContract* c = FindBuiltinContract("medical_insurance");
  EXPECT_NE(c, nullptr);
  return c == nullptr ? SourceContract() : *c;
}

int IndexOfColumn(const SourceContract& c, const std::string& name) {
  for (size_t i = 0; i < c.columns.size(); ++i) {
    if (c.columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

TEST(FoldHeaderTest, TrimsFoldsAndDropsSpaces) {
  EXPECT_EQ(FoldHeader(" 个人自付金额（元） "), "个人自付金额(元)");
  EXPECT_EQ(FoldHeader("\u3000身份证\u3000号\t"), "身份证号");
  EXPECT_EQ(FoldHeader("ＩＤ Number"), "idnumber");
  EXPECT_EQ(FoldHeader("\xEF\xBB\xBF"
                       "姓名"),
            "姓名");
  EXPECT_EQ(FoldHeader("a\xFF"), "a\xFF");
  EXPECT_EQ(FoldHeader("   "), "");
}

TEST(MatchHeadersTest, HeadersAndAliasesInAnyOrder) {
  const SourceContract c = Contract();
  auto map = MatchHeaders(
      c, {"结算日期", "公民身份号码", "患者姓名", "医疗费用总额（元）", " 个人自付金额(元) "});
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EXPECT_EQ(map->header_of_column[IndexOfColumn(c, "settled_on")], 0);
  EXPECT_EQ(map->header_of_column[IndexOfColumn(c, "id_number")], 1);
  EXPECT_EQ(map->header_of_column[IndexOfColumn(c, "name")], 2);
  EXPECT_EQ(map->header_of_column[IndexOfColumn(c, "out_of_pocket")], 4);
  EXPECT_EQ(map->header_of_column[IndexOfColumn(c, "hospital")], -1);  // optional, absent
  EXPECT_EQ(map->column_of_header,
            (std::vector<int>{IndexOfColumn(c, "settled_on"), IndexOfColumn(c, "id_number"),
                              IndexOfColumn(c, "name"), IndexOfColumn(c, "total_cost"),
                              IndexOfColumn(c, "out_of_pocket")}));
}

TEST(MatchHeadersTest, MissingRequiredColumnsAreAllListedWithTheirAliases) {
  auto map = MatchHeaders(Contract(), {"姓名", "医疗费用总额（元）"});
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = map.status().message();
  EXPECT_THAT(m, HasSubstr("source 'medical_insurance' (3 problems)"));
  EXPECT_THAT(m, HasSubstr("\n  missing required column '身份证号' (also accepted: '公民身份号码', "
                           "'证件号码', '身份证号码', '参保人身份证号')"));
  EXPECT_THAT(m, HasSubstr("\n  missing required column '个人自付金额（元）' (also accepted: "
                           "'自付金额', '个人负担金额', '个人自付费用')"));
  EXPECT_THAT(m, HasSubstr("\n  missing required column '结算日期' (also accepted: '结算时间', "
                           "'出院日期')"));
  EXPECT_THAT(m, Not(HasSubstr("'就诊机构'")));  // optional
}

TEST(MatchHeadersTest, UnknownHeadersWithTheClosestKnownOne) {
  auto map = MatchHeaders(Contract(), {"身份证号", "姓 名", "个人自付金额（元）", "结算日期",
                                       "医疗费用总额（元）", "身份证号吗", "备注", ""});
  ASSERT_FALSE(map.ok());
  const std::string& m = map.status().message();
  EXPECT_THAT(m, HasSubstr("(3 problems)"));
  EXPECT_THAT(m, HasSubstr("\n  unknown column 6 '身份证号吗' (did you mean '身份证号'?)"));
  EXPECT_THAT(m, HasSubstr("\n  unknown column 7 '备注'\n"));
  EXPECT_THAT(m, HasSubstr("\n  unknown column 8 ''"));
}

TEST(MatchHeadersTest, AColumnGivenTwice) {
  auto map = MatchHeaders(Contract(), {"身份证号", "姓名", "自付金额", "结算日期",
                                       "医疗费用总额（元）", "公民身份号码"});
  ASSERT_FALSE(map.ok());
  EXPECT_THAT(map.status().message(),
              HasSubstr("\n  column '身份证号' is given twice: '身份证号' (column 1) and "
                        "'公民身份号码' (column 6)"));
}

TEST(MatchHeadersTest, EveryProblemInOneMessage) {
  auto map = MatchHeaders(Contract(), {"证件号码", "证件号码", "金额"});
  ASSERT_FALSE(map.ok());
  const std::string& m = map.status().message();
  EXPECT_THAT(m, HasSubstr("is given twice"));
  EXPECT_THAT(m, HasSubstr("unknown column 3 '金额'"));
  EXPECT_THAT(m, HasSubstr("missing required column '姓名'"));
  EXPECT_THAT(m, HasSubstr("missing required column '结算日期'"));
}

TEST(MatchHeadersTest, TheMessageSaysWhereTheHeaderRowIs) {
  auto map = MatchHeaders(Contract(), {"姓名"}, "line 3");
  ASSERT_FALSE(map.ok());
  EXPECT_THAT(map.status().message(),
              HasSubstr("the header row (line 3) does not match the contract of source "
                        "'medical_insurance'"));
}

TEST(FitHeadersTest, CountsTheColumnsNamedOnceAndWhetherEveryRequiredOneIs) {
  const SourceContract c = Contract();
  const HeaderFit all = FitHeaders(c, {"公民身份号码", "姓名", "医疗费用总额（元）", "自付金额",
                                       " 结算日期 ", "科室", "就诊机构"});
  EXPECT_TRUE(all.has_required);
  EXPECT_EQ(all.columns, 6);  // 科室 is no column
  const HeaderFit twice = FitHeaders(c, {"身份证号", "证件号码", "姓名"});
  EXPECT_FALSE(twice.has_required);
  EXPECT_EQ(twice.columns, 2);  // the ID number given twice counts once
  const HeaderFit title = FitHeaders(c, {"2026年3月医保报销明细"});
  EXPECT_FALSE(title.has_required);
  EXPECT_EQ(title.columns, 0);
  EXPECT_EQ(FitHeaders(c, {}).columns, 0);
}

}  // namespace
}  // namespace xianjie::ingest
