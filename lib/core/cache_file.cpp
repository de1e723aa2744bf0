#include "core/cache_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "core/content_key.hpp"

namespace lambdafit::cache {

namespace fs = std::filesystem;

namespace {
constexpr std::size_t kSumLen = 32;  // ContentKey::hex()
}  // namespace

std::string sealed(std::string_view magic, std::string_view payload) {
  std::string out(magic);
  out += content_key(payload);
  out += payload;
  return out;
}

std::optional<std::string_view> unsealed(std::string_view magic, std::string_view bytes) {
  if (bytes.size() < magic.size() + kSumLen || bytes.substr(0, magic.size()) != magic) return std::nullopt;
  const std::string_view payload = bytes.substr(magic.size() + kSumLen);
  if (content_key(payload) != bytes.substr(magic.size(), kSumLen)) return std::nullopt;
  return payload;
}

FileStat stat_of(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  return {true, static_cast<std::uint64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
          static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec,
          static_cast<std::uint64_t>(st.st_ino)};
}

void put_u32(std::string& b, std::uint32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); }
void put_u64(std::string& b, std::uint64_t v) { b.append(reinterpret_cast<const char*>(&v), 8); }
void put_str(std::string& b, std::string_view s) {
  put_u32(b, static_cast<std::uint32_t>(s.size()));
  b += s;
}

bool Reader::str(std::string& s) {
  std::uint32_t n = 0;
  if (!u32(n) || b.size() < n) return false;
  s.assign(b.substr(0, n));
  b.remove_prefix(n);
  return true;
}

bool Reader::take(void* p, std::size_t n) {
  if (b.size() < n) return false;
  std::memcpy(p, b.data(), n);
  b.remove_prefix(n);
  return true;
}

bool write_atomically(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  static std::atomic<unsigned> counter{0};
  const std::string tmp = fmt::format("{}.{}.{}.tmp", path.string(), ::getpid(), counter++);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return false;
  bool ok = true;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    const ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (w < 0 && errno == EINTR) continue;
    ok = w > 0;
    if (ok) done += static_cast<std::size_t>(w);
  }
  ok = ::close(fd) == 0 && ok;
  if (ok && std::rename(tmp.c_str(), path.c_str()) == 0) return true;
  ::unlink(tmp.c_str());
  return false;
}

void touch(const std::string& path) { ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0); }

void trim(const fs::path& dir, std::uintmax_t max_bytes) {
  struct Entry {
    fs::path path;
    std::uintmax_t size;
    fs::file_time_type used;
  };
  std::vector<Entry> entries;
  std::uintmax_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const auto size = it->file_size(ec);
    if (ec) continue;
    entries.push_back({it->path(), size, it->last_write_time(ec)});
    total += size;
  }
  if (total <= max_bytes) return;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (const auto& e : entries) {
    if (total <= max_bytes - max_bytes / 5) break;
    if (fs::remove(e.path, ec)) total -= e.size;
  }
}

}  // namespace lambdafit::cache
