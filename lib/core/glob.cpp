#include "core/glob.hpp"

#include <string>
#include <unordered_map>

#include <string>
#include <vector>

namespace lambdafit {

namespace {

// A glob compiles to a small NFA run by simulation (every live state advanced per character
// together), so matching costs O(pattern x path) whatever the pattern: no backtracking, so a
// hostile `a*a*a*…b` or `***??***/` cannot hang a scan.
struct State {
  enum Kind { literal, not_slash, cls, any, split, accept } kind = accept;
  char c = 0;
  bool negate = false;
  std::string members;                          // single characters of a class
  std::vector<std::pair<char, char>> ranges;    // a-z ranges of a class
  int next = -1;                                // where consuming one character leads
  int eps[2] = {-1, -1};                        // moves without consuming
};

State of(State::Kind kind, char c = 0) {
  State s;
  s.kind = kind;
  s.c = c;
  return s;
}

bool class_has(const State& s, char c) {
  bool any = s.members.find(c) != std::string::npos;
  for (const auto& [lo, hi] : s.ranges)
    if (c >= lo && c <= hi) any = true;
  return any != s.negate;
}

// Parses a class at p[0] == '['; returns the index past ']' or 0 if malformed (then '[' is
// literal). A ']' right after '[' or '[!' is a member.
std::size_t parse_class(std::string_view p, State& s) {
  std::size_t i = 1;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) {
    s.negate = true;
    ++i;
  }
  bool first = true;
  for (; i < p.size() && (p[i] != ']' || first); ++i) {
    first = false;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      s.ranges.emplace_back(p[i], p[i + 2]);
      i += 2;
    } else {
      s.members += p[i];
    }
  }
  if (i >= p.size()) return 0;
  return i + 1;
}

std::vector<State> compile(std::string_view p) {
  std::vector<State> nfa;
  auto add = [&](State s) {
    nfa.push_back(std::move(s));
    return static_cast<int>(nfa.size()) - 1;
  };
  while (!p.empty()) {
    const int here = static_cast<int>(nfa.size());
    if (p.substr(0, 3) == "**/") {
      // Zero or more whole segments: either skip, or anything followed by '/'.
      State fork = of(State::split);
      fork.eps[0] = here + 1;
      fork.eps[1] = here + 3;
      add(fork);
      State loop = of(State::any);
      loop.next = here + 1;
      loop.eps[0] = here + 2;
      add(loop);
      State slash = of(State::literal, '/');
      slash.next = here + 3;
      add(slash);
      p.remove_prefix(3);
      continue;
    }
    if (p.substr(0, 2) == "**") {
      // Glued to text or trailing: any characters, across segments.
      State loop = of(State::any);
      loop.next = here;
      loop.eps[0] = here + 1;
      add(loop);
      p.remove_prefix(2);
      continue;
    }
    const char c = p.front();
    if (c == '*') {
      State loop = of(State::not_slash);
      loop.next = here;
      loop.eps[0] = here + 1;
      add(loop);
      p.remove_prefix(1);
      continue;
    }
    if (c == '?') {
      State one = of(State::not_slash);
      one.next = here + 1;
      add(one);
      p.remove_prefix(1);
      continue;
    }
    if (c == '[') {
      State k = of(State::cls);
      if (const std::size_t used = parse_class(p, k)) {
        k.next = here + 1;
        add(std::move(k));
        p.remove_prefix(used);
        continue;
      }
    }
    State lit = of(State::literal, c);
    lit.next = here + 1;
    add(lit);
    p.remove_prefix(1);
  }
  add(of(State::accept));
  return nfa;
}

void close_over(const std::vector<State>& nfa, int s, std::vector<char>& on, std::vector<int>& list) {
  // Iterative: a pattern of many stars must not deepen the stack.
  std::vector<int> todo{s};
  while (!todo.empty()) {
    const int i = todo.back();
    todo.pop_back();
    if (i < 0 || on[static_cast<std::size_t>(i)]) continue;
    on[static_cast<std::size_t>(i)] = 1;
    list.push_back(i);
    for (int e : nfa[static_cast<std::size_t>(i)].eps) todo.push_back(e);
  }
}

bool consumes(const State& s, char c) {
  switch (s.kind) {
    case State::literal: return s.c == c;
    case State::not_slash: return c != '/';
    case State::cls: return c != '/' && class_has(s, c);
    case State::any: return true;
    case State::split:
    case State::accept: return false;
  }
  return false;
}

bool run(const std::vector<State>& nfa, std::string_view s) {
  const std::size_t n = nfa.size();
  thread_local std::vector<char> on, next_on;  // reused: a call allocates nothing once warm
  thread_local std::vector<int> live, next_live;
  on.assign(n, 0);
  next_on.assign(n, 0);
  live.clear();
  next_live.clear();
  close_over(nfa, 0, on, live);
  for (const char c : s) {
    next_live.clear();
    std::fill(next_on.begin(), next_on.end(), 0);
    for (int i : live) {
      const auto& st = nfa[static_cast<std::size_t>(i)];
      if (consumes(st, c)) close_over(nfa, st.next, next_on, next_live);
    }
    live.swap(next_live);
    on.swap(next_on);
    if (live.empty()) return false;
  }
  return on[n - 1] != 0;
}

}  // namespace

struct Compiled {
  std::vector<State> nfa;
  std::string tail;  ///< the literal text every match ends with (after the last * ? or ])
};

// The compiled form of `pattern`, kept per thread: role and detector globs are a few hundred
// patterns matched against every walked path, and compiling was most of the cost.
const Compiled& compiled(std::string_view pattern) {
  thread_local std::unordered_map<std::string, Compiled> seen;
  if (auto it = seen.find(std::string(pattern)); it != seen.end()) return it->second;
  if (seen.size() >= 4096) seen.clear();  // a bound for callers that make patterns up
  Compiled c{compile(pattern), {}};
  const auto last = pattern.find_last_of("*?]");
  c.tail = std::string(pattern.substr(last == std::string_view::npos ? 0 : last + 1));
  // "**/" also matches no segment at all, taking its '/' with it: "**/x.yml" matches "x.yml".
  if (last != std::string_view::npos && last > 0 && pattern.substr(last - 1, 2) == "**" && c.tail.starts_with('/'))
    c.tail.erase(0, 1);
  return seen.emplace(std::string(pattern), std::move(c)).first->second;
}

bool glob_match(std::string_view pattern, std::string_view path) noexcept {
  try {
    if (pattern.find('/') == std::string_view::npos) {
      const auto slash = path.rfind('/');
      path = slash == std::string_view::npos ? path : path.substr(slash + 1);
    } else if (!pattern.empty() && pattern.front() == '/') {
      pattern.remove_prefix(1);
    }
    if (pattern.find_first_of("*?[") == std::string_view::npos) return pattern == path;
    const Compiled& c = compiled(pattern);
    if (!path.ends_with(c.tail)) return false;  // most paths fail here, before the automaton
    return run(c.nfa, path);
  } catch (...) {
    return false;  // out of memory on an absurd pattern: it matches nothing
  }
}

}  // namespace lambdafit
