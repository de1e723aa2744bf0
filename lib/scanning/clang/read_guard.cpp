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

bool ReadGuard::allowed(const llvm::Twine& path, std::string* real_path) {
  llvm::SmallString<256> real;
  // A path that does not resolve names no file: the underlying system reports it missing.
  if (getUnderlyingFS().getRealPath(path, real)) return true;
  const llvm::StringRef r = real.str();
  if (real_path) *real_path = r.str();
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

void ReadGuard::note_missing(const llvm::Twine& path) {
  llvm::SmallString<256> abs;
  path.toVector(abs);
  if (getUnderlyingFS().makeAbsolute(abs)) return;
  llvm::sys::path::remove_dots(abs, true);
  // Only the workload's own absences: a header added there later can change the parse.
  if (readable_.empty() || !under(abs.str(), readable_.front())) return;
  if (seen_missing_.insert(abs.str().str()).second) missing_.push_back(abs.str().str());
}

llvm::ErrorOr<llvm::vfs::Status> ReadGuard::status(const llvm::Twine& path) {
  if (!allowed(path)) return std::make_error_code(std::errc::no_such_file_or_directory);
  auto st = ProxyFileSystem::status(path);
  if (!st) note_missing(path);
  return st;
}

bool ReadGuard::exists(const llvm::Twine& path) {
  if (!allowed(path)) return false;
  if (ProxyFileSystem::exists(path)) return true;
  note_missing(path);
  return false;
}

llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> ReadGuard::openFileForRead(const llvm::Twine& path) {
  std::string real;
  if (!allowed(path, &real)) return std::make_error_code(std::errc::no_such_file_or_directory);
  auto f = ProxyFileSystem::openFileForRead(path);
  if (!f) note_missing(path);
  else if (!real.empty() && seen_opened_.insert(real).second) opened_.push_back(real);
  return f;
}

}  // namespace lambdafit::cpp
