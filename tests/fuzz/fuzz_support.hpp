// Shared by the libFuzzer targets: the shipped rule pack, loaded once, and a scratch
// directory for the loaders that read files.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "lambdafit/lambdafit.hpp"
#include "permissions/data.hpp"

namespace lambdafit::fuzz {

inline const RulePack& pack() {
  static const RulePack p = [] {
    auto r = RulePack::load({LAMBDAFIT_FUZZ_RULES_DIR});
    if (!r) std::abort();  // the shipped pack must load
    return std::move(r).value();
  }();
  return p;
}

/// The shipped permission data, loaded once.
inline const permissions::Data& permission_data() {
  static const permissions::Data d = [] {
    std::vector<std::string> errors;
    auto loaded = permissions::load_data(LAMBDAFIT_FUZZ_RULES_DIR, errors);
    if (!errors.empty()) std::abort();  // the shipped data must load
    return loaded;
  }();
  return d;
}

/// A directory of this process only, made on first use.
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    std::string t = (std::filesystem::temp_directory_path() / "lambdafit-fuzz-XXXXXX").string();
    if (!::mkdtemp(t.data())) std::abort();
    return std::filesystem::path(t);
  }();
  return dir;
}

/// Writes the input to `name` in `dir` (created) and returns its path.
inline std::string write_input(const std::filesystem::path& dir, const char* name, const uint8_t* data,
                               size_t size) {
  std::filesystem::create_directories(dir);
  const auto p = dir / name;
  std::ofstream(p, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                            static_cast<std::streamsize>(size));
  return p.string();
}

inline std::string_view text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace lambdafit::fuzz
