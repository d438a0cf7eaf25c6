// The binder's driver: names (fields, parameters, rules), literals, codes, and the bookkeeping
// every node gets (domain, member use, constness, broadcasts).
#include "rules/binder.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "base/date.h"
#include "rules/binder_internal.h"
#include "rules/names.h"
#include "rules/parser.h"
#include "rules/semantics.h"

namespace xianjie::rules {

bool NeedsCodeHint(const AstNode& n) {
  if (n.kind == AstKind::kString) return true;
  return n.kind == AstKind::kCall && n.text == "if" && n.children.size() == 3 &&
         NeedsCodeHint(*n.children[1]) && NeedsCodeHint(*n.children[2]);
}

Result<BoundExpression> Binder::Run(const AstNode& root) {
  out_.member_context = scope_.member_context;
  out_.facts.assign(scope_.facts.begin(), scope_.facts.end());
  const int r = Bind(root);
  if (r < 0) return error_;
  out_.root = r;
  return std::move(out_);
}

int Binder::Fail(Span span, std::string_view message, std::string_view hint) {
  if (error_.ok()) error_ = SourceError(text_, span, message, hint);
  return -1;
}

bool Binder::Comparable(ValueType a, ValueType b) const {
  if (a.numeric() && b.numeric()) return true;
  if (a.kind != b.kind) return false;
  if (a.kind != TypeKind::kCode) return true;
  if (a.code != b.code) return false;
  // Two facts' codes compare when they list the same codes (their values then mean the same).
  return a.code != CodeSet::kFact || a.fact == b.fact ||
         scope_.facts[a.fact].codes == scope_.facts[b.fact].codes;
}

void Binder::AlignFactors(ValueType a, ValueType b, int64_t* fa, int64_t* fb) {
  const int scale = std::max(a.scale, b.scale);
  *fa = a.numeric() ? Pow10(scale - a.scale) : 1;
  *fb = b.numeric() ? Pow10(scale - b.scale) : 1;
}

int Binder::Add(BoundNode n, const AstNode& source) {
  n.span = source.span;
  n.parenthesized = source.parenthesized;
  n.domain = in_aggregate_ ? Domain::kMember : Domain::kHousehold;
  switch (n.kind) {
    case BoundKind::kConstant:
    case BoundKind::kParameter:
      n.constant = true;
      break;
    case BoundKind::kMemberField:
    case BoundKind::kFactField:
    case BoundKind::kAgeOn:
      n.uses_member = true;
      break;
    case BoundKind::kHouseholdField:
    case BoundKind::kRuleRef:
    case BoundKind::kAggregate:
      break;
    default:
      n.constant = true;
      for (int c : n.children) {
        n.constant = n.constant && At(c).constant;
        n.uses_member = n.uses_member || At(c).uses_member;
      }
      break;
  }
  if (n.kind == BoundKind::kAggregate) out_.has_aggregates = true;
  // A member-level node reads its household-level operands through broadcasts (constants are
  // materialized in either domain).
  if (n.domain == Domain::kMember && n.uses_member) {
    for (int32_t& c : n.children) {
      if (!At(c).uses_member && !At(c).constant) c = Broadcast(c);
    }
  }
  out_.nodes.push_back(std::move(n));
  return static_cast<int>(out_.nodes.size() - 1);
}

int Binder::Broadcast(int child) {
  BoundNode b;
  b.kind = BoundKind::kBroadcast;
  b.type = At(child).type;
  b.domain = Domain::kMember;
  b.span = At(child).span;
  b.parenthesized = At(child).parenthesized;
  b.children = {child};
  SetHouseholdDomain(child);
  out_.nodes.push_back(std::move(b));
  out_.has_broadcast = true;
  return static_cast<int>(out_.nodes.size() - 1);
}

void Binder::SetHouseholdDomain(int index) {
  BoundNode& n = At(index);
  n.domain = Domain::kHousehold;
  const std::vector<int32_t> children = n.children;
  for (int c : children) SetHouseholdDomain(c);
}

int Binder::Bind(const AstNode& n, ValueType hint) {
  if (!error_.ok()) return -1;
  switch (n.kind) {
    case AstKind::kNumber:
    case AstKind::kString:
    case AstKind::kDate:
    case AstKind::kBoolean:
      return BindLiteral(n, hint);
    case AstKind::kName:
      return BindName(n);
    case AstKind::kFact:
      return BindFact(n);
    case AstKind::kCall:
      if (n.text == "if") return BindIf(n, hint);
      return BindCall(n);
    case AstKind::kUnary:
      return BindUnary(n);
    case AstKind::kBinary:
      return BindBinary(n);
    case AstKind::kBetween:
      return BindBetween(n);
    case AstKind::kIn:
      return BindIn(n);
    case AstKind::kIsMissing:
      return BindIsMissing(n);
  }
  return Fail(n.span, "unsupported expression");
}

int Binder::BindLiteral(const AstNode& n, ValueType hint) {
  BoundNode b;
  b.kind = BoundKind::kConstant;
  if (n.kind == AstKind::kNumber) {
    Result<Decimal> d = ParseDecimal(n.text);
    if (!d.ok()) return Fail(n.span, "bad number");
    b.type = ValueType::Number(d->scale);
    b.value = d->units;
  } else if (n.kind == AstKind::kDate) {
    Result<CivilDate> d = ParseDate(n.text);
    if (!d.ok()) return Fail(n.span, "bad date '" + n.text + "'");
    b.type = ValueType::Date();
    b.value = d->ToYmdNumber();
  } else if (n.kind == AstKind::kBoolean) {
    b.type = ValueType::Boolean();
    b.value = n.op == TokenKind::kTrue    ? kTruthTrue
              : n.op == TokenKind::kFalse ? kTruthFalse
                                          : kTruthUnknown;
  } else {
    if (hint.kind != TypeKind::kCode) {
      return Fail(n.span, "a string here has no meaning: strings are codes, compared with a code",
                  "compare it with a code such as status: status = '" + n.text + "'");
    }
    if (hint.code == CodeSet::kFact) return BindFactCode(n, hint);
    const CodeSet set = hint.code;
    std::optional<uint8_t> code = ParseCodeIn(set, n.text);
    if (!code) {
      std::vector<std::string_view> names;
      std::string listing;
      for (const registry::CodeEntry& e : CodeEntries(set)) {
        names.push_back(e.code);
        names.push_back(e.label_zh);
        listing += (listing.empty() ? "" : ", ") + std::string(e.code) + " (" +
                   std::string(e.label_zh) + ")";
      }
      const std::string near = ClosestName(n.text, names);
      return Fail(
          n.span, "unknown " + CodeSetName(set) + " code '" + n.text + "'",
          near.empty() ? CodeSetName(set) + " codes: " + listing : "did you mean '" + near + "'?");
    }
    b.type = ValueType::Code(set);
    b.value = *code;
  }
  return Add(std::move(b), n);
}

namespace {
char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

// A string compared with a fact's codes: one of them, exactly as the contract writes it.
int Binder::BindFactCode(const AstNode& n, ValueType hint) {
  const FactField& fact = scope_.facts[hint.fact];
  const std::string written = std::string(kFactPrefix) + fact.name;
  for (size_t i = 0; i < fact.codes.size(); ++i) {
    if (fact.codes[i] != n.text) continue;
    BoundNode b;
    b.kind = BoundKind::kConstant;
    b.type = hint;
    b.value = static_cast<int64_t>(i + 1);
    return Add(std::move(b), n);
  }
  // The code written in another case ('c' for 'C'), else a near one unless the text is too
  // short for nearness to mean anything (every one-letter code is one edit from 'E').
  std::vector<std::string_view> names;
  std::string listing;
  std::string near;
  for (const std::string& c : fact.codes) {
    names.push_back(c);
    listing += (listing.empty() ? "" : ", ") + c;
    if (near.empty() && std::equal(c.begin(), c.end(), n.text.begin(), n.text.end(),
                                   [](char a, char b) { return AsciiLower(a) == AsciiLower(b); })) {
      near = c;
    }
  }
  if (near.empty() && n.text.size() >= 3) near = ClosestName(n.text, names);
  return Fail(n.span, "unknown " + written + " code '" + n.text + "'",
              near.empty() ? written + " codes: " + listing : "did you mean '" + near + "'?");
}

int Binder::BindName(const AstNode& n) {
  const std::string& name = n.text;
  BoundNode b;
  b.name = name;
  if (name == "member" || name == "listed_member") {
    return Fail(n.span,
                "'" + name + "' names the members only as the first argument of an aggregate",
                "for example any(" + name + ", enrolled)");
  }
  if (name == "dept") {
    return Fail(n.span, "'dept' names department facts: write dept.<fact>", FactsHint());
  }
  if (const FieldInfo* f = FindMemberField(name)) {
    if (!MemberVisible()) {
      return Fail(n.span, "'" + name + "' is a member field, usable only inside a member aggregate",
                  "for example any(member, " + name + ")");
    }
    b.kind = BoundKind::kMemberField;
    b.type = f->type;
    b.field = f->id;
    return Add(std::move(b), n);
  }
  if (const FieldInfo* f = FindHouseholdField(name)) {
    b.kind = BoundKind::kHouseholdField;
    b.type = f->type;
    b.field = f->id;
    return Add(std::move(b), n);
  }
  b.kind = BoundKind::kParameter;
  if (name == "line") {
    b.type = ValueType::Money();
    b.value = scope_.line.fen();
    return Add(std::move(b), n);
  }
  for (const Parameter& p : scope_.parameters) {
    if (p.name != name) continue;
    if (const auto* m = std::get_if<Money>(&p.value)) {
      b.type = ValueType::Money();
      b.value = m->fen();
    } else if (const auto* d = std::get_if<Decimal>(&p.value)) {
      b.type = ValueType::Number(d->scale);
      b.value = d->units;
    } else if (const auto* i = std::get_if<int64_t>(&p.value)) {
      b.type = ValueType::Number(0);
      b.value = *i;
    } else if (const auto* date = std::get_if<CivilDate>(&p.value)) {
      b.type = ValueType::Date();
      b.value = date->ToYmdNumber();
    } else {
      b.type = ValueType::Boolean();
      b.value = std::get<bool>(p.value) ? kTruthTrue : kTruthFalse;
    }
    return Add(std::move(b), n);
  }
  for (size_t r = 0; r < scope_.rules.size(); ++r) {
    if (scope_.rules[r] != name) continue;
    const int index = static_cast<int>(r);
    if (scope_.member_context) {
      return Fail(n.span, "rule '" + name + "' cannot be used in a member condition",
                  "a member condition sees the person's and the household's fields and the "
                  "parameters; write the rule's condition out");
    }
    if (index == scope_.self_rule) {
      return Fail(n.span, "rule '" + name + "' cannot use itself");
    }
    if (index >= scope_.visible_rules) {
      return Fail(n.span, "rule '" + name + "' comes after this rule",
                  "a rule may use only the rules above it; move '" + name + "' up");
    }
    b.kind = BoundKind::kRuleRef;
    b.type = ValueType::Boolean();
    b.rule = index;
    return Add(std::move(b), n);
  }
  for (std::string_view f : FunctionNames()) {
    if (f == name) {
      return Fail(n.span, "'" + name + "' is a function",
                  "call it with its arguments: " + name + "(...)");
    }
  }
  if (FindFact(scope_.facts, name) != nullptr) {
    return Fail(n.span, "unknown name '" + name + "'",
                "department facts are written with 'dept.': dept." + name);
  }
  std::vector<std::string_view> candidates;
  for (const FieldInfo& f : HouseholdFields()) candidates.push_back(f.name);
  for (const FieldInfo& f : MemberFields()) candidates.push_back(f.name);
  for (const Parameter& p : scope_.parameters) candidates.push_back(p.name);
  candidates.push_back("line");
  for (int r = 0; r < scope_.visible_rules && r < static_cast<int>(scope_.rules.size()); ++r) {
    candidates.push_back(scope_.rules[static_cast<size_t>(r)]);
  }
  const std::string near = ClosestName(name, candidates);
  return Fail(n.span, "unknown name '" + name + "'",
              near.empty() ? "" : "did you mean '" + near + "'?");
}

std::string Binder::FactsHint() const {
  if (scope_.facts.empty()) return "no department source provides facts here";
  std::string list;
  for (const FactField& f : scope_.facts) {
    list += (list.empty() ? "" : ", ") + std::string(kFactPrefix) + f.name;
  }
  return "facts: " + list;
}

int Binder::BindFact(const AstNode& n) {
  const std::string written = std::string(kFactPrefix) + n.text;
  if (n.text.empty()) return Fail(n.span, "'dept.' needs the name of a fact", FactsHint());
  const FactField* fact = FindFact(scope_.facts, n.text);
  if (fact == nullptr) {
    std::vector<std::string_view> names;
    for (const FactField& f : scope_.facts) names.push_back(f.name);
    const std::string near = ClosestName(n.text, names);
    return Fail(
        n.span, "unknown fact '" + written + "'",
        near.empty() ? FactsHint() : "did you mean '" + std::string(kFactPrefix) + near + "'?");
  }
  const auto index = static_cast<size_t>(fact - scope_.facts.data());
  if (!MemberVisible()) {
    std::string example = "sum(member, " + written + ")";
    if (fact->type.kind == TypeKind::kBoolean) {
      example = "any(member, " + written + ")";
    } else if (fact->type.kind == TypeKind::kDate) {
      example = "max(member, " + written + ")";
    } else if (fact->type.kind == TypeKind::kCode && !fact->codes.empty()) {
      example = "any(member, " + written + " = '" + fact->codes.front() + "')";
    }
    return Fail(n.span,
                "'" + written + "' is a member field, usable only inside a member aggregate",
                "for example " + example);
  }
  BoundNode b;
  b.kind = BoundKind::kFactField;
  b.type = fact->type;
  if (b.type.kind == TypeKind::kCode) b.type.fact = static_cast<uint16_t>(index);
  b.fact = static_cast<int32_t>(index);
  b.name = written;
  return Add(std::move(b), n);
}

Result<BoundExpression> Bind(std::string_view text, const AstNode& root, const BindScope& scope) {
  return Binder(text, scope).Run(root);
}

Result<BoundExpression> BindText(std::string_view text, const BindScope& scope,
                                 bool require_boolean) {
  Result<std::unique_ptr<AstNode>> ast = Parse(text);
  if (!ast.ok()) return ast.status();
  Result<BoundExpression> bound = Bind(text, **ast, scope);
  if (!bound.ok()) return bound.status();
  if (require_boolean && bound->type().kind != TypeKind::kBoolean) {
    return SourceError(text, (*ast)->span,
                       "a condition must be true or false, but this is " +
                           DescribeType(bound->type(), bound->facts),
                       "compare it: net_income < line * members");
  }
  return bound;
}

}  // namespace xianjie::rules
