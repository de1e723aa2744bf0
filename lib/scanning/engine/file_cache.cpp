#include "scanning/engine/file_cache.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "core/content_key.hpp"
#include "core/known_good.hpp"
#include "scanning/scan.hpp"

namespace lambdafit::engine {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMagic = "lambdafit file cache 1\n";
constexpr std::uintmax_t kMaxStore = 256u << 20;  // a larger file is not a store we wrote
constexpr std::uint64_t kMaxKeyedBytes = 8u << 20;
constexpr std::int64_t kRacyNs = 2'000'000'000;   // FAT and some network filesystems keep 2 s
constexpr int kFlagNo = 1, kFlagYes = 2;  // FileOutcome::code of lookup_flag / store_flag

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Only what the text and tree-sitter kinds put in an item is kept; an item with more (a
// stated value, merged detectors) cannot be rebuilt from an entry, so its file is not cached.
bool keepable(const Evidence& e, const std::string& path) {
  return e.path == path && e.detectors.empty() && std::holds_alternative<std::monostate>(e.value) &&
         e.bound == Bound::exact && !e.suppressed && e.suppression_reason.empty() && e.role == FileRole::deployed &&
         e.counted && e.line >= 0 && e.column >= 0;
}

}  // namespace

std::string detectors_salt(std::string_view kind, const std::vector<const DetectorSpec*>& detectors) {
  const std::string id = build_identity();
  if (id.empty()) return {};
  ContentKey k;
  k.add(id).end_field().add(kind).end_field();
  std::map<std::string, std::string> files;  // rule file -> content key of its text
  for (const auto* d : detectors) {
    k.add(d->id).end_field();
    files[d->at.file] = d->rules_key;
  }
  k.end_field();
  for (auto& [f, key] : files) {
    if (key.empty()) {  // a detector not from a loaded pack (tests): read its file
      const auto text = read_file(f);
      if (!text) return {};
      key = content_key(*text);
    }
    k.add(f).end_field().add(key).end_field();
  }
  return k.hex();
}

FileCache::FileCache(const ScanInput& in, std::string_view kind, std::vector<const DetectorSpec*> detectors)
    : in_(in), detectors_(std::move(detectors)) {
  if (in.cache_dir.empty() || !in.mirror_of.empty()) return;
  const std::string salt = detectors_salt(kind, detectors_);
  if (salt.empty()) return;
  std::error_code ec;
  const auto root = fs::weakly_canonical(in.root, ec);
  if (ec) return;
  ContentKey k;
  k.add(salt).end_field().add(root.string()).end_field();
  file_ = (fs::path(in.cache_dir) / "files-1" / k.hex()).string();
  started_ns_ = now_ns();
  seen_.resize(in.files.size());
  hit_.resize(in.files.size(), 0);

  const auto st = cache::stat_of(file_);
  if (!st.exists || st.size > kMaxStore) return;
  loaded_bytes_ = st.size;
  const auto text = read_file(file_);
  if (!text || !std::string_view(*text).starts_with(kMagic)) return;
  cache::Reader r{std::string_view(*text).substr(kMagic.size())};
  std::uint32_t n = 0;
  if (!r.u32(n)) return;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string path;
    Entry e;
    std::uint64_t mtime = 0, ctime = 0;
    if (!r.str(path) || !r.u64(e.stat.size) || !r.u64(mtime) || !r.u64(ctime) || !r.u64(e.stat.inode) ||
        !r.str(e.key) || !r.str(e.blob)) {
      loaded_.clear();  // a damaged store is dropped whole
      return;
    }
    e.stat.exists = true;
    e.stat.mtime_ns = static_cast<std::int64_t>(mtime);
    e.stat.ctime_ns = static_cast<std::int64_t>(ctime);
    loaded_.emplace(std::move(path), std::move(e));
  }
}

std::optional<FileOutcome> FileCache::decode(std::string_view blob, const std::string& path) const {
  cache::Reader r{blob};
  FileOutcome o;
  std::uint32_t code = 0, n = 0;
  if (!r.str(o.note) || !r.str(o.reason) || !r.u32(code) || !r.u32(n)) return std::nullopt;
  o.code = static_cast<int>(code);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t d = 0, line = 0, column = 0;
    Evidence e;
    if (!r.u32(d) || d >= detectors_.size() || !r.u32(line) || !r.u32(column) || !r.str(e.snippet))
      return std::nullopt;
    e.path = path;
    e.line = static_cast<int>(line);
    e.column = static_cast<int>(column);
    e.detector = detectors_[d]->id;
    e.fact = detectors_[d]->fact;
    e.message = detectors_[d]->message;
    o.evidence.push_back(std::move(e));
  }
  if (!r.b.empty()) return std::nullopt;
  return o;
}

std::optional<FileOutcome> FileCache::lookup(std::size_t i) {
  if (!enabled() || i >= seen_.size()) return std::nullopt;
  const WorkloadFile& f = in_.files[i];
  seen_[i] = cache::stat_of(f.absolute.string());
  const auto it = loaded_.find(f.path);
  if (it == loaded_.end() || !seen_[i].exists || seen_[i].size != it->second.stat.size) return std::nullopt;
  if (!seen_[i].same_file_state(it->second.stat)) {
    if (it->second.key.empty()) return std::nullopt;
    const auto text = read_file(f.absolute);
    if (!text || content_key(*text) != it->second.key) return std::nullopt;
  }
  auto o = decode(it->second.blob, f.path);
  if (!o) return std::nullopt;
  hit_[i] = 1;
  ++hits_;
  return o;
}

std::optional<bool> FileCache::lookup_flag(std::size_t i) {
  const auto o = lookup(i);
  if (!o || (o->code != kFlagNo && o->code != kFlagYes)) return std::nullopt;
  return o->code == kFlagYes;
}

void FileCache::store_flag(std::size_t i, bool yes, const std::string* text) {
  FileOutcome o;
  o.code = yes ? kFlagYes : kFlagNo;
  store(i, o, text);
}

void FileCache::store(std::size_t i, const FileOutcome& o, const std::string* given) {
  if (!enabled() || i >= seen_.size() || !seen_[i].exists) return;
  const WorkloadFile& f = in_.files[i];
  const auto& before = seen_[i];
  if (racy(before)) return;
  // A content key lets a fresh checkout of the same text hit; larger files (which the kinds
  // mostly skip as over their size caps) are not read again only to be hashed.
  std::string key;
  if (before.size <= kMaxKeyedBytes) {
    std::optional<std::string> read;
    if (!given) read = read_file(f.absolute);
    const std::string* text = given ? given : read ? &*read : nullptr;
    if (!text || text->size() != before.size) return;
    key = content_key(*text);
  }
  std::string blob;
  cache::put_str(blob, o.note);
  cache::put_str(blob, o.reason);
  cache::put_u32(blob, static_cast<std::uint32_t>(o.code));
  cache::put_u32(blob, static_cast<std::uint32_t>(o.evidence.size()));
  for (const auto& e : o.evidence) {
    if (!keepable(e, f.path)) return;
    std::uint32_t d = 0;
    while (d < detectors_.size() && detectors_[d]->id != e.detector) ++d;
    if (d == detectors_.size()) return;
    cache::put_u32(blob, d);
    cache::put_u32(blob, static_cast<std::uint32_t>(e.line));
    cache::put_u32(blob, static_cast<std::uint32_t>(e.column));
    cache::put_str(blob, e.snippet);
  }
  // The file was read after its lookup: if it changed since, the outcome may be of either text.
  if (!cache::stat_of(f.absolute.string()).same_file_state(before)) return;
  std::lock_guard l(mu_);
  fresh_[f.path] = Entry{before, std::move(key), std::move(blob)};
}

// A write stamps the file with the current time: only a file stamped close to the run's start
// could be written again after it was read and keep the stamp that was recorded.
bool FileCache::racy(const cache::FileStat& st) const { return st.mtime_ns >= started_ns_ - kRacyNs; }

void FileCache::save(std::uintmax_t max_bytes) {
  if (!enabled()) return;
  std::lock_guard l(mu_);
  std::set<std::string_view> in_run;
  bool changed = fresh_.size() > 0;
  for (std::size_t i = 0; i < in_.files.size(); ++i) {
    const std::string& path = in_.files[i].path;
    in_run.insert(path);
    if (!hit_[i]) {
      changed |= loaded_.count(path) > 0;  // changed or gone: its entry is dropped
      continue;
    }
    Entry e = loaded_.at(path);
    if (!e.stat.same_file_state(seen_[i])) {  // the same text under new times
      if (racy(seen_[i])) continue;
      e.stat = seen_[i];
      changed = true;
    }
    fresh_.emplace(path, std::move(e));
  }
  // Files this run did not look at (lint of a few files) keep their entries while unchanged.
  for (auto& [path, e] : loaded_) {
    if (in_run.count(path)) continue;
    if (cache::stat_of((in_.root / path).string()).same_file_state(e.stat)) fresh_.emplace(path, std::move(e));
    else changed = true;
  }
  if (!changed) {
    cache::touch(file_);  // recently used: trimmed last
    return;
  }
  std::string b(kMagic);
  cache::put_u32(b, static_cast<std::uint32_t>(fresh_.size()));
  for (const auto& [path, e] : fresh_) {
    cache::put_str(b, path);
    cache::put_u64(b, e.stat.size);
    cache::put_u64(b, static_cast<std::uint64_t>(e.stat.mtime_ns));
    cache::put_u64(b, static_cast<std::uint64_t>(e.stat.ctime_ns));
    cache::put_u64(b, e.stat.inode);
    cache::put_str(b, e.key);
    cache::put_str(b, e.blob);
  }
  if (b.size() > kMaxStore || !cache::write_atomically(file_, b)) return;
  // Only a store that grew can take the folder over its bound: rewriting one of the same size
  // or smaller (new times, a changed file dropped) skips listing the whole folder.
  if (b.size() > loaded_bytes_) cache::trim(fs::path(file_).parent_path(), max_bytes);
}

}  // namespace lambdafit::engine
