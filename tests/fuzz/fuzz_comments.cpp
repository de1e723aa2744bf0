// Comment blanking for every comment style, and suppression comments for a file type the
// first byte picks. Blanking must keep the length and every newline.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "scanning/suppressions.hpp"
#include "scanning/text/comments.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lambdafit;
  if (size == 0) return 0;
  static const char* const kNames[] = {"a.c", "a.py", "a.sh", "a.tf", "a.service", "crontab", "a.yaml",
                                       "a.js", "a.ini", "a.html", "a.txt", "a.json", "Dockerfile", "a.sql"};
  const auto pick = data[0];
  const auto in = fuzz::text(data + 1, size - 1);
  static const CommentStyle kStyles[] = {CommentStyle::none,     CommentStyle::hash, CommentStyle::python,
                                         CommentStyle::c_family, CommentStyle::hcl,  CommentStyle::ini,
                                         CommentStyle::crontab};
  for (auto style : kStyles)
    for (bool strings : {false, true}) {
      const auto out = blank_comments(in, style, strings);
      if (out.size() != in.size()) std::abort();
      for (std::size_t i = 0; i < in.size(); ++i)
        if ((in[i] == '\n') != (out[i] == '\n')) std::abort();
    }
  const auto f = parse_suppressions(in, kNames[pick % (sizeof kNames / sizeof kNames[0])]);
  for (const auto& d : f.problems) (void)d.format();
  return 0;
}
