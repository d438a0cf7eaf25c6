// Code tables of DOMAIN.md §13.
#include "registry/codes.h"

namespace xianjie::registry {
namespace {

constexpr CodeEntry kStatus[] = {{"lifted", "脱贫户"}, {"ordinary", "一般农户"}};
constexpr CodeEntry kRelation[] = {
    {"head", "户主"},          {"spouse", "配偶"},
    {"child", "子女"},         {"child_in_law", "儿媳/女婿", "儿媳", "女婿"},
    {"grandchild", "孙子女"},  {"parent", "父母"},
    {"grandparent", "祖父母"}, {"sibling", "兄弟姐妹"},
    {"other", "其他"},
};
constexpr CodeEntry kSex[] = {{"M", "男"}, {"F", "女"}};
constexpr CodeEntry kLabor[] = {
    {"skilled", "技能劳动力"},
    {"ordinary", "普通劳动力"},
    {"weak", "弱劳动力或半劳动力", "弱劳动力", "半劳动力"},
    {"lost", "丧失劳动力"},
    {"none", "无劳动力"},
};
constexpr CodeEntry kHealth[] = {
    {"healthy", "健康"}, {"chronic", "长期慢性病"}, {"serious", "患大病"}, {"disabled", "残疾"}};
constexpr CodeEntry kStage[] = {
    {"none", "非在校生"},      {"preschool", "学前教育"},
    {"primary", "小学"},       {"junior", "初中"},
    {"senior", "高中"},        {"vocational", "中职/高职", "中职", "高职"},
    {"college", "大专及以上"},
};
constexpr CodeEntry kRisk[] = {
    {"R01", "因病"},         {"R02", "因学"},
    {"R03", "因残"},         {"R04", "因自然灾害"},
    {"R05", "因意外事故"},   {"R06", "因产业项目失败"},
    {"R07", "因务工就业不稳"}, {"R08", "缺劳动力"},
    {"R09", "住房出现安全问题"}, {"R10", "义务教育阶段失学辍学"},
    {"R11", "饮水安全问题"}, {"R12", "未参加基本医疗保险"},
    {"R99", "其他"},
};
constexpr CodeEntry kObjectType[] = {
    {"unstable_lifted", "脱贫不稳定户"},
    {"marginal", "边缘易致贫户"},
    {"sudden_hardship", "突发严重困难户"},
    {"guarantee_gap", "三保障/饮水问题"},
};

}  // namespace

std::span<const CodeEntry> CodesOf(HouseholdStatus) { return kStatus; }
std::span<const CodeEntry> CodesOf(Relation) { return kRelation; }
std::span<const CodeEntry> CodesOf(Sex) { return kSex; }
std::span<const CodeEntry> CodesOf(Labor) { return kLabor; }
std::span<const CodeEntry> CodesOf(Health) { return kHealth; }
std::span<const CodeEntry> CodesOf(SchoolStage) { return kStage; }
std::span<const CodeEntry> CodesOf(RiskType) { return kRisk; }
std::span<const CodeEntry> CodesOf(ObjectType) { return kObjectType; }

std::optional<bool> ParseBool(std::string_view text) {
  if (text == "1" || text == "是") return true;
  if (text == "0" || text == "否") return false;
  return std::nullopt;
}

}  // namespace xianjie::registry
