#include "scanning/clang/tu_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "core/content_key.hpp"
#include "scanning/clang/worker_protocol.hpp"
#include "scanning/scan.hpp"

namespace lambdafit::cpp {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMagic = "lambdafit tu cache 1\n";
constexpr std::uintmax_t kMaxEntry = 64u << 20;  // a larger file is not an entry we wrote

enum class Dep : std::uint32_t { stat_only = 0, content = 1, missing = 2 };

struct Stat {
  bool exists = false;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

Stat stat_of(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  return {true, static_cast<std::uint64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

bool under(const std::string& path, const std::string& dir) {
  return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/';
}

void put_u32(std::string& b, std::uint32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); }
void put_u64(std::string& b, std::uint64_t v) { b.append(reinterpret_cast<const char*>(&v), 8); }
void put_str(std::string& b, std::string_view s) {
  put_u32(b, static_cast<std::uint32_t>(s.size()));
  b += s;
}

struct Reader {
  std::string_view b;
  bool u32(std::uint32_t& v) { return take(&v, 4); }
  bool u64(std::uint64_t& v) { return take(&v, 8); }
  bool str(std::string& s) {
    std::uint32_t n = 0;
    if (!u32(n) || b.size() < n) return false;
    s.assign(b.substr(0, n));
    b.remove_prefix(n);
    return true;
  }
  bool take(void* p, std::size_t n) {
    if (b.size() < n) return false;
    std::memcpy(p, b.data(), n);
    b.remove_prefix(n);
    return true;
  }
};

// Whether one recorded dependency still holds.
bool holds(Dep kind, const std::string& path, std::uint64_t size, std::int64_t mtime_ns, const std::string& key) {
  const Stat now = stat_of(path);
  if (kind == Dep::missing) return !now.exists;
  if (!now.exists) return false;
  if (now.size == size && now.mtime_ns == mtime_ns) return true;
  if (kind != Dep::content || now.size != size) return false;
  const auto text = read_file(path);
  return text && content_key(*text) == key;
}

}  // namespace

TuCache::TuCache(std::string dir, std::string salt, std::string workload_root)
    : dir_(dir.empty() ? std::string() : (fs::path(dir) / "tu-1").string()),
      salt_(std::move(salt)),
      root_(std::move(workload_root)) {}

std::string TuCache::entry_path(const TuJob& job) const {
  ContentKey k;
  k.add(salt_).end_field().add(job.file).end_field().add(job.directory).end_field();
  for (const auto& a : job.command) k.add(a).end_field();
  k.end_field();
  for (const auto& r : job.readable) k.add(r).end_field();
  const std::string hex = k.hex();
  return (fs::path(dir_) / hex.substr(0, 2) / hex).string();
}

std::optional<TuResult> TuCache::lookup(const TuJob& job) {
  if (!enabled()) return std::nullopt;
  const std::string path = entry_path(job);
  const Stat st = stat_of(path);
  if (!st.exists || st.size > kMaxEntry) return std::nullopt;
  const auto text = read_file(path);
  if (!text || !std::string_view(*text).starts_with(kMagic)) return std::nullopt;
  Reader in{std::string_view(*text).substr(kMagic.size())};
  std::uint32_t n = 0;
  if (!in.u32(n) || n > in.b.size()) return std::nullopt;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t kind = 0;
    std::uint64_t size = 0, mtime = 0;
    std::string dep, key;
    if (!in.u32(kind) || kind > 2 || !in.str(dep) || !in.u64(size) || !in.u64(mtime) || !in.str(key))
      return std::nullopt;
    if (!holds(static_cast<Dep>(kind), dep, size, static_cast<std::int64_t>(mtime), key)) return std::nullopt;
  }
  std::string blob;
  TuResult r;
  if (!in.str(blob) || !in.b.empty() || !worker::decode(blob, r)) return std::nullopt;
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // recently used: trimmed last
  ++hits_;
  return r;
}

void TuCache::store(const TuJob& job, const TuResult& r, std::chrono::system_clock::time_point started) {
  if (!enabled() || r.inputs.empty()) return;
  const std::int64_t since =
      std::chrono::duration_cast<std::chrono::nanoseconds>(started.time_since_epoch()).count();
  std::string b(kMagic);
  put_u32(b, static_cast<std::uint32_t>(r.inputs.size() + r.missing.size()));
  for (const auto& dep : r.inputs) {
    const Stat st = stat_of(dep);
    if (!st.exists || st.mtime_ns >= since) return;  // changed while the parse ran: keep nothing
    const bool own = under(dep, root_);
    std::string key;
    if (own) {
      const auto text = read_file(dep);
      if (!text || text->size() != st.size) return;
      key = content_key(*text);
    }
    put_u32(b, static_cast<std::uint32_t>(own ? Dep::content : Dep::stat_only));
    put_str(b, dep);
    put_u64(b, st.size);
    put_u64(b, static_cast<std::uint64_t>(st.mtime_ns));
    put_str(b, key);
  }
  for (const auto& dep : r.missing) {
    if (stat_of(dep).exists) return;  // appeared while the parse ran
    put_u32(b, static_cast<std::uint32_t>(Dep::missing));
    put_str(b, dep);
    put_u64(b, 0);
    put_u64(b, 0);
    put_str(b, {});
  }
  TuResult kept = r;
  kept.inputs.clear();
  kept.missing.clear();
  put_str(b, worker::encode(kept));

  const fs::path path = entry_path(job);
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  static std::atomic<unsigned> counter{0};
  const std::string tmp = fmt::format("{}.{}.{}.tmp", path.string(), ::getpid(), counter++);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return;
  bool ok = true;
  for (std::size_t done = 0; ok && done < b.size();) {
    const ssize_t w = ::write(fd, b.data() + done, b.size() - done);
    if (w < 0 && errno == EINTR) continue;
    ok = w > 0;
    if (ok) done += static_cast<std::size_t>(w);
  }
  ok = ::close(fd) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) ::unlink(tmp.c_str());
  else ++stored_;
}

void TuCache::trim(std::uintmax_t max_bytes) {
  if (!enabled() || stored_ == 0) return;
  struct Entry {
    fs::path path;
    std::uintmax_t size;
    fs::file_time_type used;
  };
  std::vector<Entry> entries;
  std::uintmax_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::recursive_directory_iterator();
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
    if (total <= max_bytes - max_bytes / 5) break;  // down to 80%, so trimming is rare
    if (fs::remove(e.path, ec)) total -= e.size;
  }
}

}  // namespace lambdafit::cpp
