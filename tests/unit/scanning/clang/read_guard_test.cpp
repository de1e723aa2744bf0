#include <catch2/catch.hpp>

#include <filesystem>

#include "scanning/clang/read_guard.hpp"
#include "support/temp_tree.hpp"

namespace fs = std::filesystem;
using lambdafit::cpp::ReadGuard;

TEST_CASE("read guard: the workload and system headers read, anything else looks missing", "[clang][guard]") {
  lambdafit::testing::TempTree tmp;
  const fs::path work = tmp.path("work"), outside = tmp.path("outside");
  tmp.write("work/a.c", "int main(void) { return 0; }\n");
  tmp.write("work/include/x.h", "#define X 1\n");
  tmp.write("outside/secret", "root:SECRET\n");
  fs::create_symlink(outside / "secret", work / "include" / "link.h");

  auto guard = llvm::makeIntrusiveRefCnt<ReadGuard>(llvm::vfs::createPhysicalFileSystem(),
                                                    std::vector<std::string>{work.string(), "/usr"},
                                                    (work / "a.c").string());
  CHECK(guard->status((work / "include" / "x.h").string()));
  CHECK(guard->openFileForRead((work / "a.c").string()));
  CHECK(guard->status("/usr/include/stdio.h"));
  // By absolute path, by climbing out, and through a link inside the tree.
  CHECK_FALSE(guard->openFileForRead((outside / "secret").string()));
  CHECK_FALSE(guard->status((work / "include" / ".." / ".." / "outside" / "secret").string()));
  CHECK_FALSE(guard->exists((work / "include" / "link.h").string()));
  CHECK(guard->status(outside.string()));  // directories are looked up, never read
  REQUIRE(guard->refused().size() == 1);
  CHECK(guard->refused().front() == fs::canonical(outside / "secret").string());
  // A missing file is simply missing, and not counted.
  CHECK_FALSE(guard->status((work / "none.h").string()));
  CHECK(guard->refused().size() == 1);
}
