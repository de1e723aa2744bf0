// -I directories for translation units parsed without a compile database, one list per unit:
// the directories that make that unit's own includes (and theirs, transitively) resolve to
// files of the workload, nearest to the unit first. One global list for every unit made large
// trees slower than linear (each parse searched every project's directories) and, where two
// projects have a header of the same name, picked whichever directory sorted first.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "scanning/scan.hpp"

namespace lambdafit::cpp {

class IncludeDirs {
 public:
  /// Indexes the walked files by name; reads nothing yet.
  explicit IncludeDirs(const ScanInput& in);

  /// The `-I` flags for the unit at `path` (relative to the root): the directories its
  /// includes resolve through, nearest to the unit first, then the root.
  std::vector<std::string> flags_for(const std::string& path);

 private:
  struct Include {
    std::string name;
    bool quoted = false;
  };
  const std::vector<Include>& includes_of(const std::string& path);
  /// The walked file that `name`, included from `from`, most likely means, and the directory
  /// (relative to the root) that makes it resolve; empty `file` when none matches. A quoted
  /// include found beside the including file needs no directory (`dir` stays unset).
  struct Resolved {
    std::string file;
    std::string dir;
    bool needs_dir = false;
  };
  Resolved resolve(const Include& inc, const std::string& from, const std::string& unit) const;

  const ScanInput& in_;
  std::multimap<std::string, const WorkloadFile*> by_name_;  // file name -> walked file
  std::map<std::string, const WorkloadFile*> by_path_;       // relative path -> walked file
  std::map<std::string, std::vector<Include>> parsed_;       // relative path -> its includes
};

}  // namespace lambdafit::cpp
