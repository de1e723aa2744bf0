#include "criteria/condition.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/limit_label.hpp"
#include "core/quantity.hpp"
#include "core/spelling.hpp"
#include "core/yaml_file.hpp"

namespace lambdafit {

namespace {

constexpr std::string_view kPlatformPrefix = "platform.";

struct CompareKey {
  const char* key;
  CompareOp op;
  const char* words;
};
constexpr CompareKey kCompareKeys[] = {
    {"gt", CompareOp::gt, "over"},       {"ge", CompareOp::ge, "at or over"},
    {"lt", CompareOp::lt, "under"},      {"le", CompareOp::le, "at or under"},
    {"eq", CompareOp::eq, "equal to"},   {"ne", CompareOp::ne, "different from"},
};

std::vector<std::string> fact_ids(const std::map<std::string, FactTypeInfo>& facts) {
  std::vector<std::string> ids;
  for (const auto& [id, info] : facts) ids.push_back(id);
  return ids;
}

std::optional<Value> parse_literal(const YamlFile& f, const YAML::Node& n, const FactTypeInfo& t,
                                   Diagnostics& d) {
  if (!n.IsScalar()) {
    f.error(d, n, "expected a single value");
    return std::nullopt;
  }
  const auto& s = n.Scalar();
  if (t.type == "bool") {
    if (auto b = parse_bool(s)) return Value{*b};
    f.error(d, n, fmt::format("'{}' is not yes/no", s));
    return std::nullopt;
  }
  if (t.type == "number") {
    std::string why;
    if (auto q = parse_quantity(s, t.dimension, &why)) return Value{*q};
    f.error(d, n, why);
    return std::nullopt;
  }
  return Value{s};
}

std::string describe(const std::string& type, Dimension dimension) {
  if (type != "number") return "a " + type;
  switch (dimension) {
    case Dimension::time: return "a time";
    case Dimension::size: return "a size";
    default: return "a count";
  }
}

struct Vocabulary {
  const std::map<std::string, FactTypeInfo>& facts;
  const std::map<std::string, LimitInfo>& limits;
};

// Resolves a platform limit name against the declarations; a misspelt name is an error.
const LimitInfo* resolve_limit(const YamlFile& f, const YAML::Node& at, const std::string& name,
                               const Vocabulary& v, Condition& c, Diagnostics& d) {
  const auto it = v.limits.find(name);
  if (it == v.limits.end()) {
    std::vector<std::string> ids;
    for (const auto& [id, info] : v.limits) ids.push_back(id);
    f.error(d, at,
            fmt::format("unknown platform limit '{}'{}", name,
                        suggest_or_declare(name, ids)));
    return nullptr;
  }
  c.platform_limit = name;
  c.absent = it->second.absent;
  c.fallback = it->second.fallback;
  return &it->second;
}

std::optional<Condition> parse_node(const YamlFile& f, const YAML::Node& n,
                                    const Vocabulary& vocab, Diagnostics& d) {
  const auto& facts = vocab.facts;
  Condition c;
  c.at = f.where(n);
  if (n.IsSequence()) {
    if (n.size() == 0) {
      f.error(d, n,
              "an empty condition list holds for every workload; list at least one condition, "
              "e.g. '- fact: ID', or write 'all:' / 'any:' with items");
      return std::nullopt;
    }
    c.op = Condition::Op::all;
    for (const auto& item : n) {
      auto child = parse_node(f, item, vocab, d);
      if (!child) return std::nullopt;
      c.children.push_back(std::move(*child));
    }
    return c;
  }
  if (!n.IsMap()) {
    f.error(d, n, "expected a condition: all, any, not, fact or platform");
    return std::nullopt;
  }
  if (n.size() == 0) {
    f.error(d, n,
            "an empty condition tests nothing; write a test such as "
            "'{fact: ID}', '{all: [...]}' or '{platform: LIMIT}'");
    return std::nullopt;
  }
  for (const char* group : {"all", "any"}) {
    if (const auto g = n[group]) {
      if (!check_keys(f, n, {group}, d, "a condition")) return std::nullopt;
      if (!g.IsSequence() || g.size() == 0) {
        f.error(d, g, fmt::format("'{}' takes a non-empty list of conditions", group));
        return std::nullopt;
      }
      c.op = std::string_view(group) == "all" ? Condition::Op::all : Condition::Op::any;
      for (const auto& item : g) {
        auto child = parse_node(f, item, vocab, d);
        if (!child) return std::nullopt;
        c.children.push_back(std::move(*child));
      }
      return c;
    }
  }
  if (const auto g = n["not"]) {
    if (!check_keys(f, n, {"not"}, d, "a condition")) return std::nullopt;
    auto child = parse_node(f, g, vocab, d);
    if (!child) return std::nullopt;
    c.op = Condition::Op::negate;
    c.children.push_back(std::move(*child));
    return c;
  }
  if (const auto cr = n["criterion"]) {
    if (!check_keys(f, n, {"criterion"}, d, "a criterion condition")) return std::nullopt;
    c.op = Condition::Op::criterion;
    c.criterion = cr.Scalar();  // checked against the pack once every criterion is known
    return c;
  }
  if (const auto p = n["platform"]) {
    if (!check_keys(f, n, {"platform", "is"}, d, "a platform condition")) return std::nullopt;
    c.op = Condition::Op::platform;
    const LimitInfo* info = resolve_limit(f, p, p.Scalar(), vocab, c, d);
    if (!info) return std::nullopt;
    if (const auto is = n["is"]) {
      auto lit = parse_literal(f, is, FactTypeInfo{info->type, info->dimension}, d);
      if (!lit) return std::nullopt;
      c.literal = std::move(*lit);
    }
    return c;
  }
  const auto fact = n["fact"];
  if (!fact) {
    std::vector<std::string> keys{"all", "any", "not", "fact", "platform", "criterion"};
    const auto first = n.begin()->first;
    f.error(d, first,
            fmt::format("unknown condition '{}'{}", first.Scalar(),
                        did_you_mean(first.Scalar(), keys)));
    return std::nullopt;
  }
  std::vector<std::string> allowed{"fact", "is", "known", "in"};
  for (const auto& k : kCompareKeys) allowed.emplace_back(k.key);
  if (!check_keys(f, n, allowed, d, "a fact condition")) return std::nullopt;
  c.fact = fact.Scalar();
  const auto it = facts.find(c.fact);
  if (it == facts.end()) {
    f.error(d, fact, fmt::format("unknown fact '{}'{}", c.fact, did_you_mean(c.fact, fact_ids(facts))));
    return std::nullopt;
  }
  const FactTypeInfo& type = it->second;
  int operators = 0;
  c.op = Condition::Op::fact_true;
  if (const auto is = n["is"]) {
    ++operators;
    c.op = Condition::Op::fact_is;
    auto v = parse_literal(f, is, type, d);
    if (!v) return std::nullopt;
    c.literal = std::move(*v);
  }
  if (const auto known = n["known"]) {
    ++operators;
    c.op = Condition::Op::fact_known;
    auto b = parse_bool(known.Scalar());
    if (!b) {
      f.error(d, known, "'known' takes yes or no");
      return std::nullopt;
    }
    c.known = *b;
  }
  if (const auto in = n["in"]) {
    ++operators;
    c.op = Condition::Op::in;
    const auto& s = in.Scalar();
    if (s.rfind(kPlatformPrefix, 0) != 0) {
      f.error(d, in, "'in' takes a platform list such as 'platform.runtimes'");
      return std::nullopt;
    }
    const LimitInfo* info = resolve_limit(f, in, s.substr(kPlatformPrefix.size()), vocab, c, d);
    if (!info) return std::nullopt;
    if (info->type != "list") {
      f.error(d, in, fmt::format("platform limit '{}' is a {}, not a list", c.platform_limit, info->type));
      return std::nullopt;
    }
  }
  for (const auto& k : kCompareKeys) {
    const auto v = n[k.key];
    if (!v) continue;
    ++operators;
    c.op = Condition::Op::compare;
    c.cmp = k.op;
    if (type.type != "number") {
      f.error(d, v, fmt::format("fact '{}' is a {}, not a number; it cannot be compared with '{}'",
                                c.fact, type.type, k.key));
      return std::nullopt;
    }
    const auto& s = v.Scalar();
    if (s.rfind(kPlatformPrefix, 0) == 0) {
      const LimitInfo* info = resolve_limit(f, v, s.substr(kPlatformPrefix.size()), vocab, c, d);
      if (!info) return std::nullopt;
      if (info->type != "number" || info->dimension != type.dimension) {
        f.error(d, v,
                fmt::format("platform limit '{}' is {}, fact '{}' is {}; they cannot be compared",
                            c.platform_limit, describe(info->type, info->dimension), c.fact,
                            describe(type.type, type.dimension)));
        return std::nullopt;
      }
    } else {
      auto lit = parse_literal(f, v, type, d);
      if (!lit) return std::nullopt;
      c.literal = std::move(*lit);
    }
  }
  if (operators > 1) {
    f.error(d, n, "a fact condition takes one test (is, known, in, gt, ge, lt, le, eq or ne)");
    return std::nullopt;
  }
  return c;
}

bool truthy(const Value& v) {
  if (auto b = std::get_if<bool>(&v)) return *b;
  if (auto q = std::get_if<Quantity>(&v)) return q->value != 0;
  if (auto s = std::get_if<std::string>(&v)) return !s->empty();
  if (auto l = std::get_if<StringList>(&v)) return !l->empty();
  return false;
}

bool equal(const Value& a, const Value& b) {
  if (auto qa = std::get_if<Quantity>(&a)) {
    auto qb = std::get_if<Quantity>(&b);
    return qb && std::fabs(qa->value - qb->value) < 1e-9;
  }
  return a == b;
}

Tri tri(bool b) { return b ? Tri::yes : Tri::no; }

std::string title_of(const EvalContext& ctx, const std::string& fact) {
  if (ctx.titles) {
    auto it = ctx.titles->find(fact);
    if (it != ctx.titles->end() && !it->second.empty()) return it->second;
  }
  return fact;
}

const Value* lookup(const std::map<std::string, Value>* m, const std::string& key) {
  if (!m) return nullptr;
  auto it = m->find(key);
  return it == m->end() ? nullptr : &it->second;
}

// The platform's value of the limit a leaf names, or the declared fallback when it sets none.
const Value* limit_of(const Condition& c, const EvalContext& ctx) {
  if (const Value* v = lookup(ctx.limits, c.platform_limit)) return v;
  return c.absent == LimitAbsence::fallback ? &c.fallback : nullptr;
}

const char* compare_words(CompareOp op, bool holds) {
  for (const auto& k : kCompareKeys)
    if (k.op == op) {
      if (holds) return k.words;
      break;
    }
  switch (op) {
    case CompareOp::gt: return "within";
    case CompareOp::ge: return "under";
    case CompareOp::lt: return "at or over";
    case CompareOp::le: return "over";
    case CompareOp::eq: return "different from";
    case CompareOp::ne: return "equal to";
  }
  return "compared with";
}

const std::string* lookup_text(const std::map<std::string, std::string>* m, const std::string& key) {
  if (!m) return nullptr;
  auto it = m->find(key);
  return it == m->end() ? nullptr : &it->second;
}

Tri eval_leaf(const Condition& c, const EvalContext& ctx, std::vector<std::string>* reasons) {
  static const Value kUnknown{};
  const Value* fv = c.fact.empty() ? nullptr : lookup(ctx.facts, c.fact);
  const Value& value = fv ? *fv : kUnknown;
  const bool unknown = std::holds_alternative<std::monostate>(value);
  const std::string title = c.fact.empty() ? std::string() : title_of(ctx, c.fact);
  auto say = [&](std::string s) {
    if (reasons) reasons->push_back(std::move(s));
  };
  switch (c.op) {
    case Condition::Op::fact_true: {
      if (unknown) {
        say(fmt::format("{}: unknown", title));
        return Tri::unknown;
      }
      if (const auto* why = lookup_text(ctx.settled, c.fact))
        say(fmt::format("{}: {} ({})", title, value_to_string(value), *why));
      else
        say(fmt::format("{}: {}", title, value_to_string(value)));
      return tri(truthy(value));
    }
    case Condition::Op::fact_is: {
      if (unknown) {
        say(fmt::format("{}: unknown", title));
        return Tri::unknown;
      }
      say(fmt::format("{}: {}", title, value_to_string(value)));
      return tri(equal(value, c.literal));
    }
    case Condition::Op::fact_known: {
      say(fmt::format("{}: {}", title, unknown ? "unknown" : value_to_string(value)));
      return tri(!unknown == c.known);
    }
    case Condition::Op::compare: {
      const Value* rhs = c.platform_limit.empty() ? &c.literal : limit_of(c, ctx);
      const std::string rhs_name = c.platform_limit.empty()
                                       ? value_to_string(c.literal)
                                       : fmt::format("the platform's {} of {}", limit_label(ctx.limit_titles ? *ctx.limit_titles : LimitTitles{}, c.platform_limit),
                                                     rhs ? value_to_string(*rhs) : "(none)");
      const auto* rq = rhs ? std::get_if<Quantity>(rhs) : nullptr;
      if (!rq) {
        if (c.absent == LimitAbsence::unlimited) {
          // No bound: nothing exceeds it and everything is under it.
          const bool holds = c.cmp == CompareOp::lt || c.cmp == CompareOp::le || c.cmp == CompareOp::ne;
          say(fmt::format("the platform sets no {} limit", limit_label(ctx.limit_titles ? *ctx.limit_titles : LimitTitles{}, c.platform_limit)));
          return tri(holds);
        }
        say(fmt::format("the platform does not say its {}", limit_label(ctx.limit_titles ? *ctx.limit_titles : LimitTitles{}, c.platform_limit)));
        return Tri::unknown;
      }
      const KnownBounds* kb = nullptr;
      if (ctx.bounds)
        if (auto it = ctx.bounds->find(c.fact); it != ctx.bounds->end()) kb = &it->second;
      if (unknown && kb) {
        const Tri t = compare_bounds(kb->lower, kb->upper, c.cmp, rq->value);
        say(fmt::format("{}: {}, {} {}", title, kb->words,
                        t == Tri::unknown ? "compared with" : compare_words(c.cmp, t == Tri::yes),
                        rhs_name));
        return t;
      }
      if (unknown) {
        say(fmt::format("{}: unknown (compared with {})", title, rhs_name));
        return Tri::unknown;
      }
      const auto* lq = std::get_if<Quantity>(&value);
      if (!lq) return Tri::unknown;
      bool holds = false;
      switch (c.cmp) {
        case CompareOp::gt: holds = lq->value > rq->value; break;
        case CompareOp::ge: holds = lq->value >= rq->value; break;
        case CompareOp::lt: holds = lq->value < rq->value; break;
        case CompareOp::le: holds = lq->value <= rq->value; break;
        case CompareOp::eq: holds = std::fabs(lq->value - rq->value) < 1e-9; break;
        case CompareOp::ne: holds = std::fabs(lq->value - rq->value) >= 1e-9; break;
      }
      say(fmt::format("{} is {}, {} {}", title, lq->to_string(), compare_words(c.cmp, holds),
                      rhs_name));
      return tri(holds);
    }
    case Condition::Op::in: {
      const Value* lim = limit_of(c, ctx);
      const auto* list = lim ? std::get_if<StringList>(lim) : nullptr;
      if (!list) {
        if (c.absent == LimitAbsence::unlimited) {
          say(fmt::format("the platform sets no limit on {}", limit_label(ctx.limit_titles ? *ctx.limit_titles : LimitTitles{}, c.platform_limit)));
          return Tri::yes;
        }
        say(fmt::format("the platform lists no {}", limit_label(ctx.limit_titles ? *ctx.limit_titles : LimitTitles{}, c.platform_limit)));
        return Tri::unknown;
      }
      if (unknown) {
        say(fmt::format("{}: unknown", title));
        return Tri::unknown;
      }
      StringList items;
      if (auto s = std::get_if<std::string>(&value)) items.push_back(*s);
      if (auto l = std::get_if<StringList>(&value)) items = *l;
      StringList missing;
      for (const auto& i : items)
        if (std::find(list->begin(), list->end(), i) == list->end()) missing.push_back(i);
      if (missing.empty()) {
        say(fmt::format("{} ({}) all among the platform's {}", title, value_to_string(value),
                        limit_label(ctx.limit_titles ? *ctx.limit_titles : LimitTitles{}, c.platform_limit)));
        return Tri::yes;
      }
      say(fmt::format("{}: {} not among the platform's {} ({})", title,
                      fmt::join(missing, ", "), limit_label(ctx.limit_titles ? *ctx.limit_titles : LimitTitles{}, c.platform_limit), value_to_string(*lim)));
      return Tri::no;
    }
    case Condition::Op::platform: {
      const Value* lim = limit_of(c, ctx);
      if (!lim) {
        // Unlimited reads as "set to nothing in particular": a bare test holds, an `is` not.
        say(fmt::format("the platform does not say its {}", limit_label(ctx.limit_titles ? *ctx.limit_titles : LimitTitles{}, c.platform_limit)));
        if (c.absent == LimitAbsence::unlimited)
          return tri(std::holds_alternative<std::monostate>(c.literal));
        return Tri::unknown;
      }
      const bool holds = std::holds_alternative<std::monostate>(c.literal) ? truthy(*lim)
                                                                          : equal(*lim, c.literal);
      say(fmt::format("the platform's {}: {}", limit_label(ctx.limit_titles ? *ctx.limit_titles : LimitTitles{}, c.platform_limit), value_to_string(*lim)));
      return tri(holds);
    }
    case Condition::Op::criterion: {
      const Status s = ctx.criterion_status ? ctx.criterion_status(c.criterion) : Status::unknown;
      say(fmt::format("criterion '{}' {}", c.criterion,
                      s == Status::applies ? "applies" : s == Status::clear ? "is clear" : "is unknown"));
      return s == Status::applies ? Tri::yes : s == Status::clear ? Tri::no : Tri::unknown;
    }
    default:
      return Tri::unknown;
  }
}

}  // namespace

Tri compare_bounds(std::optional<double> lo, std::optional<double> hi, CompareOp op, double rhs) {
  constexpr double eps = 1e-9;
  auto all = [&](bool b) { return b ? Tri::yes : Tri::unknown; };
  switch (op) {
    case CompareOp::gt:
      if (hi && *hi <= rhs + eps) return Tri::no;
      return all(lo && *lo > rhs + eps);
    case CompareOp::ge:
      if (hi && *hi < rhs - eps) return Tri::no;
      return all(lo && *lo >= rhs - eps);
    case CompareOp::lt:
      if (lo && *lo >= rhs - eps) return Tri::no;
      return all(hi && *hi < rhs - eps);
    case CompareOp::le:
      if (lo && *lo > rhs + eps) return Tri::no;
      return all(hi && *hi <= rhs + eps);
    case CompareOp::eq:
    case CompareOp::ne: {
      const bool outside = (hi && *hi < rhs - eps) || (lo && *lo > rhs + eps);
      if (outside) return op == CompareOp::eq ? Tri::no : Tri::yes;
      return Tri::unknown;
    }
  }
  return Tri::unknown;
}

std::string suggest_or_declare(const std::string& limit, const std::vector<std::string>& declared) {
  auto s = did_you_mean(limit, declared);
  return s.empty() ? std::string("; declare it under 'platform_limits'") : s;
}

std::optional<Condition> parse_condition(const YamlFile& f, const YAML::Node& n,
                                         const std::map<std::string, FactTypeInfo>& facts,
                                         const std::map<std::string, LimitInfo>& limits,
                                         Diagnostics& d) {
  return parse_node(f, n, Vocabulary{facts, limits}, d);
}

void collect_facts(const Condition& c, std::vector<std::string>& out) {
  if (!c.fact.empty() && std::find(out.begin(), out.end(), c.fact) == out.end())
    out.push_back(c.fact);
  for (const auto& child : c.children) collect_facts(child, out);
}

void collect_criteria(const Condition& c, std::vector<std::string>& out) {
  if (c.op == Condition::Op::criterion &&
      std::find(out.begin(), out.end(), c.criterion) == out.end())
    out.push_back(c.criterion);
  for (const auto& child : c.children) collect_criteria(child, out);
}

Tri evaluate(const Condition& c, const EvalContext& ctx, std::vector<std::string>* reasons) {
  switch (c.op) {
    case Condition::Op::all:
    case Condition::Op::any: {
      const bool is_all = c.op == Condition::Op::all;
      const Tri decisive = is_all ? Tri::no : Tri::yes;
      std::vector<Tri> results;
      std::vector<std::vector<std::string>> child_reasons(c.children.size());
      for (std::size_t i = 0; i < c.children.size(); ++i)
        results.push_back(evaluate(c.children[i], ctx, reasons ? &child_reasons[i] : nullptr));
      Tri out = is_all ? Tri::yes : Tri::no;
      if (std::find(results.begin(), results.end(), decisive) != results.end()) out = decisive;
      else if (std::find(results.begin(), results.end(), Tri::unknown) != results.end())
        out = Tri::unknown;
      if (reasons) {
        for (std::size_t i = 0; i < results.size(); ++i)
          if (results[i] == out)
            reasons->insert(reasons->end(), child_reasons[i].begin(), child_reasons[i].end());
      }
      return out;
    }
    case Condition::Op::negate: {
      const Tri r = evaluate(c.children.front(), ctx, reasons);
      return r == Tri::unknown ? Tri::unknown : (r == Tri::yes ? Tri::no : Tri::yes);
    }
    default:
      return eval_leaf(c, ctx, reasons);
  }
}

}  // namespace lambdafit
