// Name lists and name drawing for the demo generator.
#include "demo/names.h"

#include <span>

namespace xianjie::demo {
namespace {

using Names = std::span<const std::string_view>;

// The common Han surnames, most frequent first (repeats weight the top ones).
constexpr std::string_view kHanSurnames[] = {
    "王", "王", "李", "李", "张", "张", "刘", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐",
    "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐",
    "冯", "于", "董", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢",
    "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "祁", "余", "潘", "杜", "戴", "夏", "钟", "汪",
    "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔",
    "白", "崔", "康", "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "龙", "万", "段",
};
// Hui and Salar families in Qinghai: 马 far ahead of 韩, 冶, 喇, 白, 沙 ...
constexpr std::string_view kHuiSurnames[] = {
    "马", "马", "马", "马", "马", "韩", "韩", "冶", "喇", "白", "沙", "杨", "李", "何", "苏",
};
constexpr std::string_view kHanMale[] = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "建", "国", "斌", "海", "鹏",
    "飞", "宇", "浩", "博", "宁", "振", "德", "福", "贵", "生", "荣", "发", "成", "永", "兴",
    "旺", "龙", "辉", "平", "文", "华", "春", "林", "忠", "祥", "有", "山", "云", "虎", "金",
};
constexpr std::string_view kHanFemale[] = {
    "芳", "娜", "秀", "英", "敏", "静", "丽", "艳", "娟", "霞", "兰", "桂", "玉", "梅",
    "红", "燕", "婷", "雪", "琳", "欣", "悦", "佳", "怡", "涵", "花", "莲", "菊", "珍",
    "凤", "莉", "萍", "春", "香", "琴", "慧", "娥", "翠", "秀", "芬", "月",
};
// Hui given names mix Han characters with a few from Islamic names.
constexpr std::string_view kHuiMale[] = {
    "福", "海", "明", "成", "忠", "德", "学", "文", "俊", "哈",
    "有", "全", "林", "正", "强", "军", "贵", "祥", "良", "义",
};
constexpr std::string_view kHuiFemale[] = {
    "芳", "花", "梅", "兰", "秀", "英", "玉", "麦", "燕", "艳", "琴", "霞", "丽", "娟", "凤",
};
constexpr std::string_view kTibetanMale[] = {
    "才让", "扎西", "多杰", "尼玛", "索南", "旦增", "次仁", "才旦", "更登", "公保", "桑吉",
    "仁青", "东智", "完玛", "官却", "昂秀", "加措", "南杰", "先巴", "久美", "华旦", "当周",
    "贡保", "班玛", "桑杰", "才项", "夏吾", "万德", "扎巴", "巴桑", "拉加", "闹日", "尖措",
};
constexpr std::string_view kTibetanFemale[] = {
    "卓玛", "拉毛", "央金", "拉姆", "周毛", "德吉", "吉毛", "措毛", "卓嘎",
    "才吉", "完么", "卓么", "拉措", "梅朵", "曲措", "旦措", "娘吉", "央宗",
};
// Female second parts: 才让卓玛, 索南措, 多杰吉 ...
constexpr std::string_view kTibetanFemaleEnd[] = {"卓玛", "措", "吉", "毛", "草", "卓玛"};
constexpr std::string_view kMongolMale[] = {
    "巴特尔", "额尔敦",   "宝音", "朝鲁", "那仁",   "阿拉坦", "巴雅尔", "哈斯",
    "孟和",   "吉日嘎拉", "苏和", "巴图", "特木尔", "达来",   "布和",   "乌力吉",
};
constexpr std::string_view kMongolFemale[] = {
    "其其格", "乌兰",   "斯琴", "格日勒", "苏日娜", "图雅", "萨仁",
    "敖登",   "娜仁花", "高娃", "乌云",   "托娅",   "塔娜",
};

std::string_view PickOne(Names names, Rng& rng) { return rng.PickOne(names); }

}  // namespace

std::string_view DrawSurname(NameStyle style, Rng& rng) {
  switch (style) {
    case NameStyle::kHan:
      return PickOne(kHanSurnames, rng);
    case NameStyle::kHui:
      return PickOne(kHuiSurnames, rng);
    case NameStyle::kTibetan:
    case NameStyle::kMongol:
      return {};
  }
  return {};
}

void DrawName(NameStyle style, std::string_view surname, bool male, Rng& rng, std::string& out) {
  out.clear();
  switch (style) {
    case NameStyle::kHan:
    case NameStyle::kHui: {
      Names given = style == NameStyle::kHan ? Names(male ? Names(kHanMale) : Names(kHanFemale))
                                             : Names(male ? Names(kHuiMale) : Names(kHuiFemale));
      out += surname;
      out += PickOne(given, rng);
      if (rng.Chance(0.7)) out += PickOne(given, rng);
      return;
    }
    case NameStyle::kTibetan:
      if (male) {
        out += PickOne(kTibetanMale, rng);
        if (rng.Chance(0.45)) out += PickOne(kTibetanMale, rng);
      } else if (rng.Chance(0.45)) {
        out += PickOne(kTibetanFemale, rng);
      } else {
        out += PickOne(kTibetanMale, rng);
        out += PickOne(kTibetanFemaleEnd, rng);
      }
      return;
    case NameStyle::kMongol:
      out += PickOne(male ? Names(kMongolMale) : Names(kMongolFemale), rng);
      return;
  }
}

}  // namespace xianjie::demo
