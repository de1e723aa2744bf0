#include "core/known_good.hpp"

#include "core/cache_file.hpp"
#include "core/content_key.hpp"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace lambdafit {

namespace {

namespace fs = std::filesystem;

std::mutex g_mu;
std::string g_dir;

}  // namespace

void set_cache_dir(std::string dir) {
  std::lock_guard l(g_mu);
  g_dir = std::move(dir);
}

std::string cache_dir() {
  std::lock_guard l(g_mu);
  return g_dir;
}

std::string build_identity() {
  Dl_info info{};
  struct stat st{};
  if (dladdr(reinterpret_cast<void*>(&build_identity), &info) && info.dli_fname &&
      ::stat(info.dli_fname, &st) == 0)
    return fmt::format("{}-{:x}-{:x}.{:x}", LAMBDAFIT_VERSION, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  return {};
}

// A collision could only let a bad text skip the load-time check (it then fails where used).
std::string KnownGood::key(std::string_view text) { return content_key(text); }

KnownGood::KnownGood(std::string name) {
  const std::string dir = cache_dir();
  const std::string id = build_identity();
  if (dir.empty() || id.empty()) return;
  file_ = (fs::path(dir) / fmt::format("{}-{}", name, id)).string();
  std::ifstream in(file_);
  for (std::string line; std::getline(in, line);)
    if (line.size() == 32) keys_.insert(line);
}

bool KnownGood::contains(std::string_view text) const {
  std::lock_guard l(mu_);
  return !file_.empty() && keys_.count(key(text)) > 0;
}

void KnownGood::add(std::string_view text) {
  std::lock_guard l(mu_);
  if (!file_.empty()) dirty_ |= keys_.insert(key(text)).second;
}

void KnownGood::save() {
  std::lock_guard l(mu_);
  if (file_.empty() || !dirty_) return;
  dirty_ = false;
  std::string text;
  for (const auto& k : keys_) text += k + '\n';
  cache::write_atomically(file_, text);
}

}  // namespace lambdafit
