#include "core/safe_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>

#include <fmt/format.h>

namespace lambdafit {

namespace fs = std::filesystem;

namespace {

constexpr long kProcMagic = 0x9fa0;      // PROC_SUPER_MAGIC
constexpr long kSysfsMagic = 0x62656572;  // SYSFS_MAGIC

std::string errno_text(int e) { return std::strerror(e); }

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  int release() {
    const int f = fd;
    fd = -1;
    return f;
  }
};

std::string megabytes(std::uintmax_t n) { return fmt::format("{:.1f} MB", static_cast<double>(n) / 1048576.0); }

bool write_all(int fd, std::string_view text, std::string& why) {
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      why = n < 0 ? errno_text(errno) : std::string("short write");
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string unique_name(const fs::path& dir, const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return (dir / fmt::format(".{}.lambdafit-{}-{:x}{:x}", target.filename().string(), ::getpid(), counter++,
                            rng() & 0xffffffffu))
      .string();
}

void sync_directory(const fs::path& dir) {
  const int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d < 0) return;
  ::fsync(d);  // some file systems refuse; the rename itself is already done
  ::close(d);
}

// Opens a temporary file in `dir` nobody else can have prepared: unnamed (O_TMPFILE) when
// the file system allows, else a fresh name with O_EXCL|O_NOFOLLOW. `named` is the path of
// a named one, empty for an unnamed one.
int open_temporary(const fs::path& dir, const fs::path& target, std::string& named, std::string& why) {
#ifdef O_TMPFILE
  const int t = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (t >= 0 && ::access("/proc/self/fd", X_OK) == 0) {
    named.clear();
    return t;
  }
  if (t >= 0) ::close(t);
#endif
  for (int attempt = 0; attempt < 100; ++attempt) {
    named = unique_name(dir, target);
    const int f = ::open(named.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (f >= 0) return f;
    if (errno != EEXIST) break;
  }
  why = fmt::format("cannot create a temporary file in '{}': {}", dir.string(), errno_text(errno));
  named.clear();
  return -1;
}

}  // namespace

bool resolves_inside(const fs::path& path, const fs::path& dir) {
  std::error_code ec;
  const auto p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) return false;
  const auto d = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  if (ec) return false;
  const auto rel = p.lexically_relative(d).generic_string();
  return !rel.empty() && rel != ".." && !rel.starts_with("../");
}

std::optional<std::string> read_regular_file(const fs::path& path, const ReadLimits& limits, std::string& error) {
  const std::string name = path.string();
  auto fail = [&](const std::string& why) {
    error = fmt::format("cannot read '{}': {}", name, why);
    return std::nullopt;
  };
  if (!limits.inside.empty() && !resolves_inside(path, limits.inside))
    return fail("it is outside the workload");
  // O_NONBLOCK so a FIFO cannot stall the open; regular files ignore it.
  Fd f(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (f.fd < 0) return fail(errno_text(errno));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return fail(errno_text(errno));
  if (S_ISDIR(st.st_mode)) return fail("it is a directory");
  if (!S_ISREG(st.st_mode)) return fail("not a regular file");
  struct statfs sfs {};
  if (::fstatfs(f.fd, &sfs) == 0 && (sfs.f_type == kProcMagic || sfs.f_type == kSysfsMagic))
    return fail("not a regular file (a /proc or /sys entry)");
  const auto cap = limits.max_bytes;
  if (static_cast<std::uintmax_t>(st.st_size) > cap)
    return fail(fmt::format("{} is over the {} limit", megabytes(static_cast<std::uintmax_t>(st.st_size)),
                            megabytes(cap)));
  const int flags = ::fcntl(f.fd, F_GETFL);
  if (flags >= 0) ::fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK);
  // Read straight into the string, one byte more than the stated size so that growth shows.
  std::string text(static_cast<std::size_t>(st.st_size) + 1, '\0');
  std::size_t got = 0;
  for (;;) {
    if (got == text.size()) text.resize(std::max<std::size_t>(got * 2, 4096));
    const auto n = ::read(f.fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(errno_text(errno));
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
    // The file may grow while it is read: keep the cap honest.
    if (got > cap) return fail(fmt::format("it grew over the {} limit", megabytes(cap)));
  }
  text.resize(got);
  return text;
}

bool write_file_safely(const fs::path& requested, std::string_view text, std::string& error) {
  const std::string name = requested.string();
  auto fail = [&](const std::string& why) {
    error = fmt::format("cannot write '{}': {}", name, why);
    return false;
  };
  if (requested.empty()) return fail("empty path");
  fs::path target = requested;
  struct stat lst {};
  if (::lstat(requested.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
    // A symlink is written through to the file it names, which must exist.
    std::error_code ec;
    target = fs::canonical(requested, ec);
    if (ec) return fail("it is a symlink to a missing file; not written");
  }
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) return fail(errno_text(errno));
  if (exists && S_ISDIR(st.st_mode)) return fail("it is a directory");
  if (exists && !S_ISREG(st.st_mode)) {
    // A device or FIFO the user named (-o /dev/stdout): write into it directly.
    Fd out(::open(target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC));
    std::string why;
    if (out.fd < 0) return fail(errno_text(errno));
    if (!write_all(out.fd, text, why)) return fail(why);
    if (::close(out.release()) != 0) return fail(errno_text(errno));
    return true;
  }
  if (exists && ((st.st_mode & 0222) == 0 || ::access(target.c_str(), W_OK) != 0))
    return fail("the file is read-only; not replaced");
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string named, why;
  Fd tmp(open_temporary(dir, target, named, why));
  if (tmp.fd < 0) return fail(why);
  auto abandon = [&](const std::string& reason) {
    ::close(tmp.release());
    if (!named.empty()) ::unlink(named.c_str());
    return fail(reason);
  };
  mode_t mode;
  if (exists) {
    mode = st.st_mode & 07777;
    if ((st.st_uid != ::geteuid() || st.st_gid != ::getegid()) && ::fchown(tmp.fd, st.st_uid, st.st_gid) != 0)
      return abandon(fmt::format("cannot keep its owner ({}); not replaced", errno_text(errno)));
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  if (::fchmod(tmp.fd, mode) != 0) return abandon(errno_text(errno));
  if (!write_all(tmp.fd, text, why)) return abandon(why);
  if (::fsync(tmp.fd) != 0) return abandon(errno_text(errno));
  if (named.empty()) {
    // Give the unnamed file a fresh name right before the rename; linkat never replaces
    // and never follows a link at the new name.
    const std::string proc = fmt::format("/proc/self/fd/{}", tmp.fd);
    int e = EEXIST;
    for (int attempt = 0; attempt < 100 && e == EEXIST; ++attempt) {
      named = unique_name(dir, target);
      e = ::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, named.c_str(), AT_SYMLINK_FOLLOW) == 0 ? 0 : errno;
    }
    if (e != 0) {
      named.clear();
      return abandon(fmt::format("cannot name the temporary file in '{}': {}", dir.string(), errno_text(e)));
    }
  }
  if (::close(tmp.release()) != 0) {
    const int e = errno;
    ::unlink(named.c_str());
    return fail(errno_text(e));
  }
  if (::rename(named.c_str(), target.c_str()) != 0) {
    const int e = errno;
    ::unlink(named.c_str());
    return fail(errno_text(e));
  }
  sync_directory(dir);
  return true;
}

}  // namespace lambdafit
