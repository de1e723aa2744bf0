// Which files a parse of workload code may read. The workload is untrusted (README "Threat
// model"): `#include "/etc/shadow"`, `#include "../../../root/.ssh/id_rsa"`, a header link
// leading out of the tree or a compile database's `-I/home/…` must not make lambdafit read
// that file, or quote its first tokens in a coverage note. Reads are allowed under the
// workload (by path and, with every link resolved, by target) and under the system and
// vendor trees that hold headers; any other file looks missing to Clang and is counted
// (directories are only looked up, never read, so they stay visible).
#pragma once

#include <set>
#include <string>
#include <vector>

#include <llvm/Support/VirtualFileSystem.h>

namespace lambdafit::cpp {

/// The directories a parse may read by default besides the workload's own: system and vendor
/// header trees (/usr, /opt) and the Clang resource directory `resource_dir`.
std::vector<std::string> system_readable_dirs(const std::string& resource_dir);

class ReadGuard final : public llvm::vfs::ProxyFileSystem {
 public:
  /// `readable`: absolute directories (the workload first); `main_file` is always readable.
  ReadGuard(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs, std::vector<std::string> readable,
            std::string main_file);

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine& path) override;
  bool exists(const llvm::Twine& path) override;
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(const llvm::Twine& path) override;

  /// Existing files a read was refused for, in order of first refusal.
  const std::vector<std::string>& refused() const { return refused_; }
  /// Every file the parse opened, with links resolved, in order of first opening; and the
  /// paths under the workload it looked for and did not find (a header search probing -I
  /// directories). Together they say when a remembered result still holds (tu_cache.hpp).
  const std::vector<std::string>& opened() const { return opened_; }
  const std::vector<std::string>& missing() const { return missing_; }

 private:
  bool allowed(const llvm::Twine& path, std::string* real_path = nullptr);
  void note_missing(const llvm::Twine& path);

  std::vector<std::string> readable_;
  std::string main_file_;
  std::vector<std::string> refused_;
  std::vector<std::string> opened_, missing_;
  std::set<std::string> seen_opened_, seen_missing_;
};

}  // namespace lambdafit::cpp
