#include "scanning/clang/tu_cache.hpp"

#include <filesystem>

#include "core/cache_file.hpp"
#include "core/content_key.hpp"
#include "scanning/clang/worker_protocol.hpp"
#include "scanning/scan.hpp"

namespace lambdafit::cpp {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMagic = "lambdafit tu cache 1\n";
constexpr std::uintmax_t kMaxEntry = 64u << 20;  // a larger file is not an entry we wrote

enum class Dep : std::uint32_t { stat_only = 0, content = 1, missing = 2 };

using cache::put_str;
using cache::put_u32;
using cache::put_u64;
using cache::stat_of;

bool under(const std::string& path, const std::string& dir) {
  return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/';
}

// Whether one recorded dependency still holds.
bool holds(Dep kind, const std::string& path, std::uint64_t size, std::int64_t mtime_ns, const std::string& key) {
  const cache::FileStat now = stat_of(path);
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
  const cache::FileStat st = stat_of(path);
  if (!st.exists || st.size > kMaxEntry) return std::nullopt;
  const auto text = read_file(path);
  if (!text || !std::string_view(*text).starts_with(kMagic)) return std::nullopt;
  cache::Reader in{std::string_view(*text).substr(kMagic.size())};
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
  cache::touch(path);
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
    const cache::FileStat st = stat_of(dep);
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

  if (cache::write_atomically(entry_path(job), b)) ++stored_;
}

void TuCache::trim(std::uintmax_t max_bytes) {
  if (enabled() && stored_ > 0) cache::trim(dir_, max_bytes);
}

}  // namespace lambdafit::cpp
