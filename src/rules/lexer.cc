// The lexer: one pass over the bytes; non-ASCII is only allowed inside string literals.
#include "rules/lexer.h"

#include <array>
#include <utility>

#include "base/date.h"
#include "rules/standard.h"

namespace xianjie::rules {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c); }

struct Keyword {
  std::string_view text;
  TokenKind kind;
};
constexpr std::array<Keyword, 10> kKeywords = {{
    {"and", TokenKind::kAnd},
    {"or", TokenKind::kOr},
    {"not", TokenKind::kNot},
    {"between", TokenKind::kBetween},
    {"in", TokenKind::kIn},
    {"is", TokenKind::kIs},
    {"missing", TokenKind::kMissing},
    {"true", TokenKind::kTrue},
    {"false", TokenKind::kFalse},
    {"unknown", TokenKind::kUnknown},
}};

// Full-width punctuation that Chinese input methods produce, and its ASCII form.
struct FullWidth {
  std::string_view text;
  std::string_view ascii;
};
constexpr std::array<FullWidth, 9> kFullWidth = {{
    {"\xEF\xBC\x88", "("},  // （
    {"\xEF\xBC\x89", ")"},  // ）
    {"\xEF\xBC\x8C", ","},  // ，
    {"\xEF\xBC\x9D", "="},  // ＝
    {"\xEF\xBC\x9C", "<"},  // ＜
    {"\xEF\xBC\x9E", ">"},  // ＞
    {"\xE2\x80\x98", "'"},  // ‘
    {"\xE2\x80\x99", "'"},  // ’
    {"\xE3\x80\x80", " "},  // ideographic space
}};

size_t Utf8Length(unsigned char b) {
  return b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Result<std::vector<Token>> Run() {
    while (true) {
      while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
      if (pos_ == text_.size()) break;
      Status s = Next();
      if (!s.ok()) return s;
    }
    tokens_.push_back({TokenKind::kEnd, {static_cast<uint32_t>(text_.size()), 0}, ""});
    return std::move(tokens_);
  }

 private:
  static bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  void Push(TokenKind kind, size_t start, std::string text) {
    tokens_.push_back({kind, Here(start), std::move(text)});
  }
  Span Here(size_t start) const {
    return {static_cast<uint32_t>(start), static_cast<uint32_t>(pos_ - start)};
  }
  Status Error(size_t start, size_t end, std::string_view message, std::string_view hint = {}) {
    return SourceError(text_, {static_cast<uint32_t>(start), static_cast<uint32_t>(end - start)},
                       message, hint);
  }

  Status Next() {
    const size_t start = pos_;
    const char c = text_[pos_];
    if (IsNameStart(c)) return Name();
    if (IsDigit(c)) return NumberOrDate();
    if (c == '\'') return String();
    auto two = [&](char second) { return pos_ + 1 < text_.size() && text_[pos_ + 1] == second; };
    auto single = [&](TokenKind kind, size_t length) {
      pos_ += length;
      Push(kind, start, std::string(text_.substr(start, length)));
      return Status::Ok();
    };
    switch (c) {
      case '(':
        return single(TokenKind::kLeftParen, 1);
      case ')':
        return single(TokenKind::kRightParen, 1);
      case ',':
        return single(TokenKind::kComma, 1);
      case '+':
        return single(TokenKind::kPlus, 1);
      case '-':
        return single(TokenKind::kMinus, 1);
      case '*':
        return single(TokenKind::kStar, 1);
      case '=':
        if (two('=')) return Error(start, start + 2, "unexpected '=='", "compare with '='");
        return single(TokenKind::kEqual, 1);
      case '!':
        if (two('=')) return single(TokenKind::kNotEqual, 2);
        return Error(start, start + 1, "unexpected '!'", "negate with 'not'");
      case '<':
        if (two('=')) return single(TokenKind::kLessEqual, 2);
        if (two('>'))
          return Error(start, start + 2, "unexpected '<>'", "write '!=' for 'not equal'");
        return single(TokenKind::kLess, 1);
      case '>':
        if (two('=')) return single(TokenKind::kGreaterEqual, 2);
        return single(TokenKind::kGreater, 1);
      case '&':
        return Error(start, start + (two('&') ? 2 : 1), "unexpected '&'", "write 'and'");
      case '|':
        return Error(start, start + (two('|') ? 2 : 1), "unexpected '|'", "write 'or'");
      case '/':
        return Error(start, start + 1, "there is no division",
                     "compare per-capita values by multiplying: net_income < line * members");
      case '"':
        return Error(start, start + 1, "unexpected '\"'",
                     "write strings in single quotes: 'lifted'");
      default:
        break;
    }
    const size_t length = std::min(Utf8Length(static_cast<unsigned char>(c)), text_.size() - start);
    const std::string_view ch = text_.substr(start, length);
    for (const FullWidth& f : kFullWidth) {
      if (ch == f.text) {
        return Error(start, start + length, "unexpected full-width '" + std::string(ch) + "'",
                     f.ascii == " " ? "use an ordinary space"
                                    : "use the ASCII '" + std::string(f.ascii) + "'");
      }
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      return Error(start, start + length, "unexpected '" + std::string(ch) + "'",
                   "names are written in ASCII (net_income); Chinese labels of codes go in "
                   "quotes: status = '脱贫户'");
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return Error(start, start + 1, "unexpected control character");
    }
    return Error(start, start + 1, "unexpected '" + std::string(ch) + "'");
  }

  Status Name() {
    const size_t start = pos_;
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    const std::string_view word = text_.substr(start, pos_ - start);
    if (word == "dept" && pos_ < text_.size() && text_[pos_] == '.') {
      const size_t name_start = ++pos_;
      while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
      Push(TokenKind::kFact, start, std::string(text_.substr(name_start, pos_ - name_start)));
      return Status::Ok();
    }
    TokenKind kind = TokenKind::kName;
    for (const Keyword& k : kKeywords) {
      if (word == k.text) kind = k.kind;
    }
    Push(kind, start, std::string(word));
    return Status::Ok();
  }

  size_t Digits() {
    const size_t start = pos_;
    while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
    return pos_ - start;
  }

  Status NumberOrDate() {
    const size_t start = pos_;
    const size_t integer_digits = Digits();
    // YYYY-M...-D...: a date literal (validated); anything else after the digits is arithmetic.
    if (integer_digits == 4 && pos_ + 1 < text_.size() && text_[pos_] == '-' &&
        IsDigit(text_[pos_ + 1])) {
      const size_t save = pos_;
      ++pos_;
      Digits();
      if (pos_ + 1 < text_.size() && text_[pos_] == '-' && IsDigit(text_[pos_ + 1])) {
        ++pos_;
        Digits();
        while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
        const std::string_view literal = text_.substr(start, pos_ - start);
        Result<CivilDate> date = ParseDate(literal);
        if (!date.ok()) {
          return Error(start, pos_, "bad date '" + std::string(literal) + "'",
                       "write a real day as YYYY-MM-DD, e.g. 2024-09-01");
        }
        Push(TokenKind::kDate, start, std::string(literal));
        return Status::Ok();
      }
      pos_ = save;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (Digits() == 0) {
        return Error(start, pos_, "a digit must follow the decimal point");
      }
    }
    if (pos_ < text_.size() && IsNameChar(text_[pos_])) {
      while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
      return Error(start, pos_,
                   "bad number '" + std::string(text_.substr(start, pos_ - start)) + "'",
                   "names start with a letter; numbers are digits with up to six decimals");
    }
    const std::string_view literal = text_.substr(start, pos_ - start);
    Result<Decimal> value = ParseDecimal(literal);
    if (!value.ok()) {
      const bool too_precise =
          literal.find('.') != std::string_view::npos && literal.size() - literal.find('.') - 1 > 6;
      return Error(
          start, pos_,
          too_precise ? "number with more than six decimals" : "number too large (at most 10^18)");
    }
    Push(TokenKind::kNumber, start, std::string(literal));
    return Status::Ok();
  }

  Status String() {
    const size_t start = pos_++;
    std::string content;
    while (true) {
      if (pos_ >= text_.size()) {
        return Error(start, pos_, "unterminated string", "close it with a single quote: 'lifted'");
      }
      const char c = text_[pos_++];
      if (c == '\'') {
        if (pos_ < text_.size() && text_[pos_] == '\'') {
          content += '\'';
          ++pos_;
          continue;
        }
        break;
      }
      if (c == '\n') {
        return Error(start, pos_ - 1, "unterminated string",
                     "close it with a single quote: 'lifted'");
      }
      content += c;
    }
    Push(TokenKind::kString, start, std::move(content));
    return Status::Ok();
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::vector<Token> tokens_;
};

}  // namespace

std::string_view TokenKindText(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd:
      return "the end";
    case TokenKind::kName:
      return "a name";
    case TokenKind::kFact:
      return "a department fact";
    case TokenKind::kNumber:
      return "a number";
    case TokenKind::kString:
      return "a string";
    case TokenKind::kDate:
      return "a date";
    case TokenKind::kLeftParen:
      return "'('";
    case TokenKind::kRightParen:
      return "')'";
    case TokenKind::kComma:
      return "','";
    case TokenKind::kPlus:
      return "'+'";
    case TokenKind::kMinus:
      return "'-'";
    case TokenKind::kStar:
      return "'*'";
    case TokenKind::kEqual:
      return "'='";
    case TokenKind::kNotEqual:
      return "'!='";
    case TokenKind::kLess:
      return "'<'";
    case TokenKind::kLessEqual:
      return "'<='";
    case TokenKind::kGreater:
      return "'>'";
    case TokenKind::kGreaterEqual:
      return "'>='";
    case TokenKind::kAnd:
      return "'and'";
    case TokenKind::kOr:
      return "'or'";
    case TokenKind::kNot:
      return "'not'";
    case TokenKind::kBetween:
      return "'between'";
    case TokenKind::kIn:
      return "'in'";
    case TokenKind::kIs:
      return "'is'";
    case TokenKind::kMissing:
      return "'missing'";
    case TokenKind::kTrue:
      return "'true'";
    case TokenKind::kFalse:
      return "'false'";
    case TokenKind::kUnknown:
      return "'unknown'";
  }
  return "?";
}

Result<std::vector<Token>> Lex(std::string_view text) { return Lexer(text).Run(); }

}  // namespace xianjie::rules
