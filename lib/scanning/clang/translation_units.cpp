#include "scanning/clang/translation_units.hpp"

#include "scanning/clang/flag_filter.hpp"
#include "scanning/clang/include_dirs.hpp"
#include "scanning/clang/read_guard.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <fmt/format.h>

namespace lambdafit::cpp {

namespace {

namespace fs = std::filesystem;

std::string extension_of(std::string_view path) {
  const auto slash = path.rfind('/');
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return std::string(path.substr(dot + 1));
}

fs::path real(const fs::path& p) {
  std::error_code ec;
  auto r = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal() : r;
}

bool under(const fs::path& p, const fs::path& root) {
  auto rel = p.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

bool cuda_installed(const ScanInput& in) {
  if (!in.cuda_path.empty()) return true;
  std::error_code ec;
  return fs::exists("/usr/local/cuda/include/cuda_runtime.h", ec);
}

// Flags that make a command a syntax-only run with builtin headers found and every error kept.
std::vector<std::string> adjust(std::vector<std::string> cmd, const std::string& file, const ScanInput& in) {
  namespace tl = clang::tooling;
  cmd = tl::getClangStripOutputAdjuster()(cmd, file);
  cmd = tl::getClangStripDependencyFileAdjuster()(cmd, file);
  cmd = tl::getClangSyntaxOnlyAdjuster()(cmd, file);
  const bool has_resource_dir = std::any_of(cmd.begin(), cmd.end(), [](const std::string& a) {
    return a.rfind("-resource-dir", 0) == 0;
  });
  std::vector<std::string> extra;
  if (!has_resource_dir) extra.push_back("-resource-dir=" + clang_resource_dir(in));
  extra.push_back("-ferror-limit=0");
  if (extension_of(file) == "cu") {
    // One host-side compile is enough to see the code; without a CUDA installation, parse
    // what is there rather than failing on the missing SDK.
    extra.push_back("--cuda-host-only");
    if (!cuda_installed(in)) {
      extra.push_back("-nocudainc");
      extra.push_back("-nocudalib");
    }
    extra.push_back("-Wno-unknown-cuda-version");
  }
  if (cmd.empty()) return cmd;
  cmd.insert(cmd.begin() + 1, extra.begin(), extra.end());
  return cmd;
}

std::vector<std::string> inferred_command(const WorkloadFile& f,
                                          const std::vector<std::string>& includes) {
  const std::string ext = extension_of(f.path);
  std::vector<std::string> cmd;
  if (ext == "c") cmd = {"clang", "-x", "c", "-std=gnu17"};
  else if (ext == "m") cmd = {"clang", "-x", "objective-c"};
  else if (ext == "mm") cmd = {"clang++", "-x", "objective-c++", "-std=gnu++20"};
  else if (ext == "cu") cmd = {"clang++", "-x", "cuda", "-std=c++17"};
  else cmd = {"clang++", "-x", "c++", "-std=gnu++20"};
  cmd.insert(cmd.end(), includes.begin(), includes.end());
  cmd.push_back(f.absolute.string());
  return cmd;
}

// A compile database inside the workload: -p first, then the root, then any directory of the
// walked tree, then build*/ directories right under the root (the walk skips those).
std::unique_ptr<clang::tooling::CompilationDatabase> find_database(const ScanInput& in,
                                                                   ScanOutput& out,
                                                                   std::string& where) {
  using clang::tooling::CompilationDatabase;
  std::string err;
  if (!in.build_dir.empty()) {
    auto db = CompilationDatabase::loadFromDirectory(in.build_dir, err);
    if (db) {
      where = in.build_dir;
      return db;
    }
    out.note(fmt::format("cannot use the compile database in '{}': {}", in.build_dir, err));
  }
  std::vector<fs::path> dirs{in.root};
  for (const auto& f : in.files) {
    const auto name = fs::path(f.path).filename();
    if (name == "compile_commands.json" || name == "compile_flags.txt")
      dirs.push_back(f.absolute.parent_path());
  }
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(in.root, ec)) {
    const auto name = e.path().filename().string();
    if (e.is_directory(ec) && (name.rfind("build", 0) == 0 || name.rfind("cmake-build-", 0) == 0))
      dirs.push_back(e.path());
  }
  for (const auto& d : dirs) {
    if (!fs::exists(d / "compile_commands.json", ec) && !fs::exists(d / "compile_flags.txt", ec))
      continue;
    err.clear();
    auto db = CompilationDatabase::loadFromDirectory(d.string(), err);
    if (db) {
      where = fs::relative(d, in.root, ec).generic_string();
      if (where.empty() || where == ".") where = "the workload root";
      return db;
    }
    out.note(fmt::format("cannot use the compile database in '{}': {}", d.string(), err));
  }
  return nullptr;
}

}  // namespace

std::vector<TuJob> plan_translation_units(const ScanInput& in, ScanOutput& out) {
  const fs::path root = real(in.root);
  std::map<std::string, const WorkloadFile*> sources;  // real path -> walked file
  for (const auto& f : in.files)
    if (is_translation_unit(f.path)) sources.emplace(real(f.absolute).string(), &f);
  if (sources.empty()) return {};

  // Where the parses may read headers and compile-database files from (read_guard.hpp): the
  // workload, the trees the caller vouches for, the -p build directory and the system's.
  std::vector<fs::path> trusted{root};
  const fs::path origin = in.mirror_of.empty() ? fs::path() : real(in.mirror_of);
  if (!origin.empty()) trusted.push_back(origin);
  if (!in.build_dir.empty()) trusted.push_back(real(in.build_dir));
  std::vector<std::string> readable;
  for (const auto& t : trusted) readable.push_back(t.string());
  for (auto& d : system_readable_dirs(clang_resource_dir(in))) readable.push_back(std::move(d));

  std::vector<TuJob> jobs;
  std::set<std::string> planned;
  std::string where;
  auto db = find_database(in, out, where);
  if (db) {
    std::vector<std::string> files = db->getAllFiles();
    if (files.empty())  // compile_flags.txt: the same flags for every source we list
      for (const auto& [path, f] : sources) files.push_back(path);
    std::size_t outside = 0;
    std::vector<std::string> dropped_flags;
    for (const auto& file : files) {
      auto cmds = db->getCompileCommands(file);
      if (cmds.empty()) continue;
      const auto& cc = cmds.front();
      fs::path abs = fs::path(cc.Filename).is_absolute() ? fs::path(cc.Filename)
                                                         : fs::path(cc.Directory) / cc.Filename;
      std::string key = real(abs).string();
      const std::string named = key;
      // A staged mirror: the database names the work tree's copy of the file.
      if (!origin.empty() && under(fs::path(key), origin))
        key = (root / fs::path(key).lexically_relative(origin)).string();
      auto it = sources.find(key);
      if (it == sources.end()) {
        if (!under(fs::path(key), root)) ++outside;
        continue;  // outside the workload, excluded, or not a C-family source
      }
      if (!planned.insert(key).second) continue;
      auto line = cc.CommandLine;
      if (key != named)  // parse the index's copy, not the work tree's
        for (std::size_t i = 1; i < line.size(); ++i) {
          const fs::path a(line[i]);
          if (!line[i].empty() && line[i][0] != '-' && real(a.is_absolute() ? a : fs::path(cc.Directory) / a) == named)
            line[i] = key;
        }
      for (auto& flag : drop_untrusted_flags(line, cc.Directory, trusted)) dropped_flags.push_back(std::move(flag));
      jobs.push_back({key, it->second->path, cc.Directory, adjust(std::move(line), key, in), readable});
    }
    if (!dropped_flags.empty())
      out.note(fmt::format("C/C++: {} compile database flags that read files outside the workload or load "
                           "code were dropped (first: '{}')",
                           dropped_flags.size(), dropped_flags.front()));
    out.note(fmt::format("C/C++: compile commands from the compile database in {}", where));
    if (outside)
      out.note(fmt::format("C/C++: {} compile database entries outside the workload were not "
                           "parsed", outside));
  }
  std::vector<const WorkloadFile*> rest;
  for (const auto& [path, f] : sources)
    if (!planned.count(path)) rest.push_back(f);
  if (!rest.empty()) {
    IncludeDirs includes(in);
    for (const auto* f : rest) {
      const std::string key = real(f->absolute).string();
      jobs.push_back({key, f->path, in.root.string(), adjust(inferred_command(*f, includes.flags_for(f->path)), key, in),
                      readable});
    }
    if (db)
      out.note(fmt::format("C/C++: {} sources missing from the compile database were parsed "
                           "with inferred flags", rest.size()));
    else
      out.note(fmt::format("C/C++: no compile database in the workload; {} sources were parsed "
                           "with inferred flags (language from the extension; -I for the directories "
                           "each source's own includes resolve through, and the root)",
                           rest.size()));
  }
  std::sort(jobs.begin(), jobs.end(),
            [](const TuJob& a, const TuJob& b) { return a.display < b.display; });
  return jobs;
}

}  // namespace lambdafit::cpp
