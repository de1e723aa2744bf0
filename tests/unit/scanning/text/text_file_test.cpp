// The UTF-8 check every text read makes: valid text passes whatever its length (the ASCII
// fast path reads eight bytes at a time), and the line of the first bad byte is exact.
#include <catch2/catch.hpp>

#include <string>

#include "scanning/text/text_file.hpp"

using lambdafit::first_invalid_utf8_line;

TEST_CASE("utf-8 check: valid text of every length passes", "[text][utf8]") {
  std::string s;
  for (int n = 0; n < 40; ++n) {
    CHECK(first_invalid_utf8_line(s) == 0);
    s += n % 7 == 0 ? '\n' : 'a';
  }
  CHECK(first_invalid_utf8_line("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 end of a longer line\n") == 0);
}

TEST_CASE("utf-8 check: the first bad byte's line, at every offset", "[text][utf8]") {
  for (std::size_t pad = 0; pad < 20; ++pad) {
    const std::string head = "one\ntwo\n" + std::string(pad, 'x');
    INFO("bytes before: " << head.size());
    CHECK(first_invalid_utf8_line(head + "\xE9t\xC3\xA9\n") == 3);               // Latin-1 byte
    CHECK(first_invalid_utf8_line(head + "\n\xC3") == 4);                        // truncated at the end
    CHECK(first_invalid_utf8_line(head + "\xC0\xAF") == 3);                      // overlong
    CHECK(first_invalid_utf8_line(head + "\xED\xA0\x80 surrogate") == 3);        // UTF-16 surrogate
    CHECK(first_invalid_utf8_line(head + "\xF4\x90\x80\x80 too high") == 3);     // above U+10FFFF
    CHECK(first_invalid_utf8_line(head + "\xC3\xA9\n\xE2\x82") == 4);            // valid, then cut short
  }
}
