#include "scanning/clang/flag_filter.hpp"

#include <string_view>

#include "core/safe_file.hpp"

namespace lambdafit::cpp {

namespace {

namespace fs = std::filesystem;

// Flags whose value is a file Clang reads, written as `-flag FILE`, `-flagFILE` or
// `-flag=FILE`.
constexpr std::string_view kFileFlags[] = {
    "-include-pch", "-include", "-imacros", "--include", "--imacros", "-ivfsoverlay", "--config",
    "-fprofile-use", "-fprofile-instr-use", "-fprofile-sample-use", "-fsanitize-ignorelist",
    "-fsanitize-blacklist", "-fsanitize-system-ignorelist", "-fxray-attr-list", "-fxray-always-instrument",
    "-fxray-never-instrument", "-fmodule-file", "-fmodule-map-file", "-fembed-offload-object"};
// Flags that load code into the parser: never from a workload.
constexpr std::string_view kCodeFlags[] = {"-fplugin", "-fpass-plugin", "-load", "-plugin", "-add-plugin",
                                           "-fplugin-arg"};

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

std::vector<std::string> drop_untrusted_flags(std::vector<std::string>& args, const fs::path& directory,
                                              const fs::path& root) {
  return drop_untrusted_flags(args, directory, std::vector<fs::path>{root});
}

std::vector<std::string> drop_untrusted_flags(std::vector<std::string>& args, const fs::path& directory,
                                              const std::vector<fs::path>& roots) {
  std::vector<std::string> kept, dropped;
  auto inside = [&](std::string_view file) {
    if (file.empty()) return false;
    const fs::path p(file);
    const fs::path abs = p.is_absolute() ? p : directory / p;
    for (const auto& root : roots)
      if (resolves_inside(abs, root)) return true;
    return false;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (i == 0) {
      kept.push_back(a);
      continue;
    }
    if (a == "-Xclang" && i + 1 < args.size()) {
      // Front-end flags: keep the harmless ones, drop plugin loading and file reads.
      const std::string& next = args[i + 1];
      bool bad = false;
      for (auto c : kCodeFlags) bad |= starts(next, c);
      for (auto f : kFileFlags) bad |= starts(next, f);
      if (bad) {
        dropped.push_back(a + " " + next);
        // `-Xclang -load -Xclang lib.so`: the value comes as the next -Xclang pair.
        i += (i + 3 < args.size() && args[i + 2] == "-Xclang" && next.find('=') == std::string::npos) ? 3 : 1;
        continue;
      }
      kept.push_back(a);
      kept.push_back(next);
      ++i;
      continue;
    }
    if (starts(a, "@")) {
      if (inside(std::string_view(a).substr(1))) kept.push_back(a);
      else dropped.push_back(a);
      continue;
    }
    bool handled = false;
    for (auto c : kCodeFlags) {
      if (!starts(a, c)) continue;
      dropped.push_back(a);
      if (a == c && i + 1 < args.size()) ++i;  // its separate value
      handled = true;
      break;
    }
    if (handled) continue;
    for (auto f : kFileFlags) {
      if (!starts(a, f)) continue;
      std::string_view value = std::string_view(a).substr(f.size());
      const bool separate = value.empty();
      if (!separate && value.front() == '=') value.remove_prefix(1);
      // `-include-pch` also starts with `-include`; the longer flag is listed first.
      if (separate && i + 1 < args.size()) value = args[i + 1];
      // Clang takes the next argument as the value whatever it is (`-imacros -include`), which
      // hides the flag that argument looks like: such a pair is refused.
      const bool flag_as_value = separate && !value.empty() && value.front() == '-';
      if (!flag_as_value && inside(value)) {
        kept.push_back(a);
        if (separate && i + 1 < args.size()) kept.push_back(args[i + 1]);
      } else {
        dropped.push_back(separate && i + 1 < args.size() ? a + " " + args[i + 1] : a);
      }
      if (separate) ++i;
      handled = true;
      break;
    }
    if (!handled) kept.push_back(a);
  }
  args = std::move(kept);
  return dropped;
}

}  // namespace lambdafit::cpp
