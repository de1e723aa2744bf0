#include "rulepack/pack_codec.hpp"

namespace lambdafit {

void save_options(PackOut& a, const RE2::Options& o) {
  a(static_cast<int>(o.encoding()), o.posix_syntax(), o.longest_match(), o.log_errors(),
    static_cast<std::int64_t>(o.max_mem()), o.literal(), o.never_nl(), o.dot_nl(), o.never_capture(),
    o.case_sensitive(), o.perl_classes(), o.word_boundary(), o.one_line());
}

RE2::Options load_options(PackIn& a) {
  int encoding = 0;
  bool posix = false, longest = false, log = false, literal = false, never_nl = false, dot_nl = false,
       never_capture = false, case_sensitive = true, perl = false, word = false, one_line = false;
  std::int64_t max_mem = 0;
  a(encoding, posix, longest, log, max_mem, literal, never_nl, dot_nl, never_capture, case_sensitive, perl,
    word, one_line);
  if (encoding != RE2::Options::EncodingUTF8 && encoding != RE2::Options::EncodingLatin1)
    throw cereal::Exception("unknown regex encoding");
  RE2::Options o;
  o.set_encoding(static_cast<RE2::Options::Encoding>(encoding));
  o.set_posix_syntax(posix);
  o.set_longest_match(longest);
  o.set_log_errors(log);
  o.set_max_mem(max_mem);
  o.set_literal(literal);
  o.set_never_nl(never_nl);
  o.set_dot_nl(dot_nl);
  o.set_never_capture(never_capture);
  o.set_case_sensitive(case_sensitive);
  o.set_perl_classes(perl);
  o.set_word_boundary(word);
  o.set_one_line(one_line);
  return o;
}

void save(PackOut& a, const Regex& r) {
  const bool present = static_cast<bool>(r);
  a(present);
  if (!present) return;
  a(r.pattern());
  save_options(a, r.options());
}

void load(PackIn& a, Regex& r) {
  bool present = false;
  a(present);
  if (!present) {
    r = {};
    return;
  }
  std::string pattern;
  a(pattern);
  r = Regex::accepted(std::move(pattern), load_options(a));
}

}  // namespace lambdafit
