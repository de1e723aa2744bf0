// A temporary directory tree for tests, removed when the object goes away.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace lambdafit::testing {

class TempTree {
 public:
  TempTree() {
    std::string templ = (std::filesystem::temp_directory_path() / "lambdafit-test-XXXXXX").string();
    root_ = ::mkdtemp(templ.data());
  }
  ~TempTree() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  /// Writes `text` to `rel` (creating directories) and returns its full path.
  std::string write(const std::string& rel, const std::string& text) const {
    const auto p = root_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path(const std::string& rel = {}) const { return (root_ / rel).string(); }

 private:
  std::filesystem::path root_;
};

}  // namespace lambdafit::testing
