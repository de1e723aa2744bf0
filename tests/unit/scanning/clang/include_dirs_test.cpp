#include <catch2/catch.hpp>

#include <filesystem>

#include "scanning/clang/include_dirs.hpp"
#include "support/temp_tree.hpp"

namespace fs = std::filesystem;
using lambdafit::cpp::IncludeDirs;

namespace {

lambdafit::ScanInput walked(const fs::path& root) {
  lambdafit::ScanInput in;
  in.root = root;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file())
      in.files.push_back({e.path().lexically_relative(root).generic_string(), e.path(), e.file_size()});
  return in;
}

}  // namespace

TEST_CASE("include dirs: each unit gets the directories its own includes resolve through",
          "[clang][includes]") {
  lambdafit::testing::TempTree tmp;
  const fs::path w = tmp.path("w");
  // Two projects with a header of the same name; one shared include/ tree; an unrelated one.
  tmp.write("w/a/src/main.cpp", "#include \"engine/core.h\"\n#include <proj/util.h>\n#include <vector>\n");
  tmp.write("w/a/modules/engine/core.h", "#pragma once\n#include \"gears.h\"\n");
  tmp.write("w/a/modules/engine/gears.h", "#pragma once\n#include \"deep/only.h\"\n");
  tmp.write("w/b/src/main.cpp", "#include \"engine/core.h\"\n");
  tmp.write("w/b/modules/engine/core.h", "#pragma once\n");
  tmp.write("w/include/proj/util.h", "#pragma once\n#include \"detail.h\"\n");
  tmp.write("w/include/proj/detail.h", "#pragma once\n");
  tmp.write("w/third/deep/only.h", "#pragma once\n");  // reached only through a header
  tmp.write("w/other/unrelated/x.h", "#pragma once\n");
  tmp.write("w/lone.cpp", "int main() { return 0; }\n");
  const auto in = walked(w);
  IncludeDirs dirs(in);

  auto I = [&](const std::string& d) { return "-I" + (d.empty() ? w : w / d).string(); };
  // Nearest to the unit first (a/modules shares a/ with a/src), the root last; nothing
  // from b/ or other/.
  CHECK(dirs.flags_for("a/src/main.cpp") ==
        std::vector<std::string>{I("a/modules"), I("include"), I("third"), I("")});
  // The same include from b/ means b's header.
  CHECK(dirs.flags_for("b/src/main.cpp") == std::vector<std::string>{I("b/modules"), I("")});
  // A unit that includes nothing of the workload gets the root alone.
  CHECK(dirs.flags_for("lone.cpp") == std::vector<std::string>{I("")});
}

TEST_CASE("include dirs: includes beside the file need no directory; cycles end", "[clang][includes]") {
  lambdafit::testing::TempTree tmp;
  const fs::path w = tmp.path("w");
  tmp.write("w/src/a.cpp", "#include \"a.h\"\n  #  include \"../lib/b.h\"\n");
  tmp.write("w/src/a.h", "#include \"a.h\"\n#include \"src/a.h\"\n");  // itself, and by root path
  tmp.write("w/lib/b.h", "#include \"/etc/passwd\"\n#include \"../src/a.h\"\n");
  const auto in = walked(w);
  IncludeDirs dirs(in);
  CHECK(dirs.flags_for("src/a.cpp") == std::vector<std::string>{"-I" + w.string()});
}
