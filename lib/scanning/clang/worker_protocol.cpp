#include "scanning/clang/worker_protocol.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace lambdafit::cpp::worker {

namespace {

void put_u32(std::string& b, std::uint32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); }
void put_str(std::string& b, const std::string& s) {
  put_u32(b, static_cast<std::uint32_t>(s.size()));
  b += s;
}
void put_list(std::string& b, const std::vector<std::string>& l) {
  put_u32(b, static_cast<std::uint32_t>(l.size()));
  for (const auto& s : l) put_str(b, s);
}

class Reader {
 public:
  explicit Reader(const std::string& b) : b_(b) {}
  bool u32(std::uint32_t& v) {
    if (b_.size() - pos_ < 4) return false;
    std::memcpy(&v, b_.data() + pos_, 4);
    pos_ += 4;
    return true;
  }
  bool str(std::string& s) {
    std::uint32_t n = 0;
    if (!u32(n) || b_.size() - pos_ < n) return false;
    s.assign(b_, pos_, n);
    pos_ += n;
    return true;
  }
  bool list(std::vector<std::string>& l) {
    std::uint32_t n = 0;
    if (!u32(n) || n > b_.size()) return false;
    for (std::uint32_t i = 0; i < n; ++i) {
      std::string s;
      if (!str(s)) return false;
      l.push_back(std::move(s));
    }
    return true;
  }
  bool done() const { return pos_ == b_.size(); }

 private:
  const std::string& b_;
  std::size_t pos_ = 0;
};

bool read_exact(int fd, char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t r = ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

}  // namespace

std::string encode_ready(const std::string& error) {
  std::string b;
  put_u32(b, kProtocolVersion);
  put_str(b, error);
  return b;
}

std::optional<std::string> decode_ready(const std::string& b) {
  Reader in(b);
  std::uint32_t version = 0;
  std::string error;
  if (!in.u32(version) || !in.str(error) || !in.done()) return std::nullopt;
  if (version != kProtocolVersion) return std::string("the worker speaks another protocol version");
  return error;
}

std::string encode(const Init& i) {
  std::string b;
  put_u32(b, kProtocolVersion);
  put_list(b, i.rule_dirs);
  put_list(b, i.detectors);
  put_str(b, i.root);
  put_u32(b, i.unit_seconds);
  put_u32(b, i.sdk ? 1 : 0);
  put_str(b, i.cache_dir);
  return b;
}

std::optional<Init> decode_init(const std::string& b) {
  Reader in(b);
  Init i;
  std::uint32_t version = 0, sdk = 0;
  if (!in.u32(version) || version != kProtocolVersion || !in.list(i.rule_dirs) ||
      !in.list(i.detectors) || !in.str(i.root) || !in.u32(i.unit_seconds) || !in.u32(sdk) || sdk > 1 ||
      !in.str(i.cache_dir) || !in.done())
    return std::nullopt;
  i.sdk = sdk == 1;
  return i;
}

namespace {

// One encoding of a unit, for Job frames and for the units of a plan.
void put_job(std::string& b, const TuJob& j) {
  put_str(b, j.file);
  put_str(b, j.display);
  put_str(b, j.directory);
  put_list(b, j.command);
  put_list(b, j.readable);
}

bool read_job(Reader& in, TuJob& j) {
  return in.str(j.file) && in.str(j.display) && in.str(j.directory) && in.list(j.command) && in.list(j.readable);
}

}  // namespace

std::string encode(const TuJob& j) {
  std::string b;
  put_job(b, j);
  return b;
}

std::optional<TuJob> decode_job(const std::string& b) {
  Reader in(b);
  TuJob j;
  if (!read_job(in, j) || !in.done()) return std::nullopt;
  return j;
}

std::string encode(const TuResult& r, bool exiting) {
  std::string b;
  put_u32(b, static_cast<std::uint32_t>(r.outcome));
  put_u32(b, static_cast<std::uint32_t>(r.evidence.size()));
  for (const auto& e : r.evidence) {
    put_str(b, e.path);
    put_u32(b, static_cast<std::uint32_t>(e.line));
    put_u32(b, static_cast<std::uint32_t>(e.column));
    put_str(b, e.snippet);
    put_str(b, e.detector);
    put_str(b, e.fact);
    put_str(b, e.message);
  }
  put_list(b, r.notes);
  put_list(b, r.inputs);
  put_list(b, r.missing);
  put_u32(b, static_cast<std::uint32_t>(r.sdk_sites.size()));
  for (const auto& s : r.sdk_sites) {
    put_str(b, s.path);
    put_u32(b, static_cast<std::uint32_t>(s.line));
    put_u32(b, static_cast<std::uint32_t>(s.column));
    put_str(b, s.ns);
    put_str(b, s.method);
    put_str(b, s.request);
    for (const auto* pairs : {&s.literals, &s.env}) {
      put_u32(b, static_cast<std::uint32_t>(pairs->size()));
      for (const auto& [k, v] : *pairs) {
        put_str(b, k);
        put_str(b, v);
      }
    }
  }
  put_list(b, r.sdk_files);
  put_u32(b, exiting ? 1 : 0);
  return b;
}

bool decode(const std::string& b, TuResult& r, bool* exiting) {
  Reader in(b);
  std::uint32_t outcome = 0, count = 0;
  if (!in.u32(outcome) || outcome > 2 || !in.u32(count) || count > b.size()) return false;
  r.outcome = static_cast<TuOutcome>(outcome);
  for (std::uint32_t i = 0; i < count; ++i) {
    Evidence e;
    std::uint32_t line = 0, column = 0;
    if (!in.str(e.path) || !in.u32(line) || !in.u32(column) || !in.str(e.snippet) ||
        !in.str(e.detector) || !in.str(e.fact) || !in.str(e.message))
      return false;
    e.line = static_cast<int>(line);
    e.column = static_cast<int>(column);
    r.evidence.push_back(std::move(e));
  }
  if (!in.list(r.notes) || !in.list(r.inputs) || !in.list(r.missing) || !in.u32(count) || count > b.size())
    return false;
  for (std::uint32_t i = 0; i < count; ++i) {
    SdkSite s;
    std::uint32_t line = 0, column = 0;
    if (!in.str(s.path) || !in.u32(line) || !in.u32(column) || !in.str(s.ns) || !in.str(s.method) ||
        !in.str(s.request))
      return false;
    s.line = static_cast<int>(line);
    s.column = static_cast<int>(column);
    for (auto* pairs : {&s.literals, &s.env}) {
      std::uint32_t n = 0;
      if (!in.u32(n) || n > b.size()) return false;
      for (std::uint32_t k = 0; k < n; ++k) {
        std::string name, value;
        if (!in.str(name) || !in.str(value)) return false;
        pairs->emplace_back(std::move(name), std::move(value));
      }
    }
    r.sdk_sites.push_back(std::move(s));
  }
  std::uint32_t ends = 0;
  if (!in.list(r.sdk_files) || !in.u32(ends) || !in.done()) return false;
  if (exiting) *exiting = ends != 0;
  return true;
}

std::uint32_t first_word(const std::string& b) {
  std::uint32_t v = 0;
  if (b.size() >= 4) std::memcpy(&v, b.data(), 4);
  return v;
}

std::string encode(const PlanRequest& p) {
  std::string b;
  put_u32(b, kPlanMagic);
  put_u32(b, kProtocolVersion);
  put_str(b, p.root);
  put_str(b, p.build_dir);
  put_str(b, p.mirror_of);
  put_str(b, p.clang_resource_dir);
  put_str(b, p.cuda_path);
  put_u32(b, static_cast<std::uint32_t>(p.files.size()));
  for (const auto& f : p.files) {
    put_str(b, f.path);
    put_str(b, f.absolute.string());
    put_str(b, std::to_string(f.size));
  }
  return b;
}

std::optional<PlanRequest> decode_plan_request(const std::string& b) {
  Reader in(b);
  PlanRequest p;
  std::uint32_t magic = 0, version = 0, count = 0;
  if (!in.u32(magic) || magic != kPlanMagic || !in.u32(version) || version != kProtocolVersion ||
      !in.str(p.root) || !in.str(p.build_dir) || !in.str(p.mirror_of) ||
      !in.str(p.clang_resource_dir) || !in.str(p.cuda_path) || !in.u32(count) || count > b.size())
    return std::nullopt;
  for (std::uint32_t i = 0; i < count; ++i) {
    WorkloadFile f;
    std::string absolute, size;
    if (!in.str(f.path) || !in.str(absolute) || !in.str(size)) return std::nullopt;
    f.absolute = absolute;
    f.size = std::strtoull(size.c_str(), nullptr, 10);
    p.files.push_back(std::move(f));
  }
  if (!in.done()) return std::nullopt;
  return p;
}

std::string encode(const PlanResult& p) {
  std::string b;
  put_u32(b, static_cast<std::uint32_t>(p.jobs.size()));
  for (const auto& j : p.jobs) put_job(b, j);
  put_list(b, p.notes);
  return b;
}

std::optional<PlanResult> decode_plan_result(const std::string& b) {
  Reader in(b);
  PlanResult p;
  std::uint32_t count = 0;
  if (!in.u32(count) || count > b.size()) return std::nullopt;
  for (std::uint32_t i = 0; i < count; ++i) {
    TuJob j;
    if (!read_job(in, j)) return std::nullopt;
    p.jobs.push_back(std::move(j));
  }
  if (!in.list(p.notes) || !in.done()) return std::nullopt;
  return p;
}

std::string encode_check_request(const std::vector<std::string>& matchers) {
  std::string b;
  put_u32(b, kCheckMagic);
  put_u32(b, kProtocolVersion);
  put_list(b, matchers);
  return b;
}

std::optional<std::vector<std::string>> decode_check_request(const std::string& b) {
  Reader in(b);
  std::uint32_t magic = 0, version = 0;
  std::vector<std::string> l;
  if (!in.u32(magic) || magic != kCheckMagic || !in.u32(version) || version != kProtocolVersion ||
      !in.list(l) || !in.done())
    return std::nullopt;
  return l;
}

std::string encode_check_result(const std::vector<MatcherError>& errors) {
  std::string b;
  put_u32(b, static_cast<std::uint32_t>(errors.size()));
  for (const auto& e : errors) {
    put_str(b, e.message);
    put_u32(b, static_cast<std::uint32_t>(e.line));
    put_u32(b, static_cast<std::uint32_t>(e.column));
  }
  return b;
}

std::optional<std::vector<MatcherError>> decode_check_result(const std::string& b) {
  Reader in(b);
  std::uint32_t count = 0;
  if (!in.u32(count) || count > b.size()) return std::nullopt;
  std::vector<MatcherError> out;
  for (std::uint32_t i = 0; i < count; ++i) {
    MatcherError e;
    std::uint32_t line = 0, column = 0;
    if (!in.str(e.message) || !in.u32(line) || !in.u32(column)) return std::nullopt;
    e.line = static_cast<int>(line);
    e.column = static_cast<int>(column);
    out.push_back(std::move(e));
  }
  if (!in.done()) return std::nullopt;
  return out;
}

std::string frame(const std::string& payload) {
  std::string b;
  put_u32(b, static_cast<std::uint32_t>(payload.size()));
  return b + payload;
}

std::optional<std::string> read_frame(int fd) {
  std::uint32_t n = 0;
  if (!read_exact(fd, reinterpret_cast<char*>(&n), 4) || n > kMaxFrame) return std::nullopt;
  std::string payload(n, '\0');
  if (n && !read_exact(fd, payload.data(), n)) return std::nullopt;
  return payload;
}

bool take_frames(std::string& buffer, std::vector<std::string>& frames) {
  std::size_t pos = 0;
  while (buffer.size() - pos >= 4) {
    std::uint32_t n = 0;
    std::memcpy(&n, buffer.data() + pos, 4);
    if (n > kMaxFrame) return false;
    if (buffer.size() - pos - 4 < n) break;
    frames.push_back(buffer.substr(pos + 4, n));
    pos += 4 + n;
  }
  buffer.erase(0, pos);
  return true;
}

}  // namespace lambdafit::cpp::worker
