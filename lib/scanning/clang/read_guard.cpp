#include "scanning/clang/read_guard.hpp"

#include <algorithm>

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include "scanning/clang/translation_units.hpp"

namespace lambdafit::cpp {

namespace {

std::string real_or_empty(const std::string& p) {
  llvm::SmallString<256> out;
  if (llvm::sys::fs::real_path(p, out)) return {};
  return std::string(out.str());
}

// Files the Clang driver itself reads to tell the distribution (clang/lib/Driver/Distro.cpp):
// they shape the default include paths and hold nothing secret.
constexpr llvm::StringLiteral kDriverFiles[] = {
    "/etc/os-release",   "/etc/lsb-release",  "/etc/debian_version", "/etc/redhat-release",
    "/etc/SuSE-release", "/etc/alpine-release", "/etc/gentoo-release", "/etc/exherbo-release",
    "/etc/arch-release"};

bool under(llvm::StringRef path, llvm::StringRef dir) {
  if (!path.starts_with(dir)) return false;
  return path.size() == dir.size() || dir.ends_with("/") || path[dir.size()] == '/';
}

}  // namespace

std::vector<std::string> system_readable_dirs(const std::string& resource_dir) {
  // Header trees of the system and of vendor SDKs; the places secrets live (/etc, /root,
  // /home, /var, /proc, /tmp) are outside them.
  return {"/usr", "/opt", resource_dir};
}

ReadGuard::ReadGuard(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs, std::vector<std::string> readable,
                     std::string main_file)
    : ProxyFileSystem(std::move(fs)) {
  // Compared with every link resolved, so the directories are resolved once here too.
  for (auto& d : readable)
    if (auto r = real_or_empty(d); !r.empty()) readable_.push_back(std::move(r));
  main_file_ = real_or_empty(main_file);
}

bool ReadGuard::allowed(const llvm::Twine& path) {
  llvm::SmallString<256> real;
  // A path that does not resolve names no file: the underlying system reports it missing.
  if (getUnderlyingFS().getRealPath(path, real)) return true;
  const llvm::StringRef r = real.str();
  if (r == main_file_) return true;
  for (auto f : kDriverFiles)
    if (r == f) return true;
  if (std::any_of(readable_.begin(), readable_.end(), [&](const std::string& d) { return under(r, d); }))
    return true;
  // Directories are not read, only looked up (Clang looks up a file's directory before the
  // file): their existence is no secret, and refusing them would hide which file was refused.
  auto st = getUnderlyingFS().status(path);
  if (st && st->isDirectory()) return true;
  if (std::find(refused_.begin(), refused_.end(), r) == refused_.end()) refused_.push_back(r.str());
  return false;
}

llvm::ErrorOr<llvm::vfs::Status> ReadGuard::status(const llvm::Twine& path) {
  if (!allowed(path)) return std::make_error_code(std::errc::no_such_file_or_directory);
  return ProxyFileSystem::status(path);
}

bool ReadGuard::exists(const llvm::Twine& path) {
  return allowed(path) && ProxyFileSystem::exists(path);
}

llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> ReadGuard::openFileForRead(const llvm::Twine& path) {
  if (!allowed(path)) return std::make_error_code(std::errc::no_such_file_or_directory);
  return ProxyFileSystem::openFileForRead(path);
}

}  // namespace lambdafit::cpp
