// The per-file memo of which Python and Java files name the SDK (permissions/sdk_name_cache.hpp).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>

#include "permissions/sdk_name_cache.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit::permissions;
using lambdafit::testing::TempTree;
namespace fs = std::filesystem;

namespace {

Data names(const std::string& java_prefix = "software.amazon.awssdk") {
  Data d;
  d.py_client_factories = {"boto3.client"};
  d.py_resource_factories = {"boto3.resource"};
  d.java_package_prefix = java_prefix;
  return d;
}

// Files stamped within two seconds of a run are never kept (they could change unseen).
void write_old(const TempTree& t, const std::string& rel, const std::string& text) {
  t.write(rel, text);
  fs::last_write_time(t.path(rel), fs::file_time_type::clock::now() - std::chrono::hours(1));
}

}  // namespace

TEST_CASE("sdk name cache: an unchanged file is answered, a changed one is read again", "[permissions]") {
  TempTree t;
  write_old(t, "app/report.py", "import csv\n");
  write_old(t, "app/store.py", "import boto3\n");
  const std::string cache = t.path("cache");
  const std::vector<std::string> files{"app/report.py", "app/store.py"};
  {
    CachedSdkNames first(t.path(), files, names(), cache);
    CHECK_FALSE(first.names_sdk("app/report.py"));  // nothing known yet
    CHECK_FALSE(first.names_sdk("app/store.py"));
    first.remember("app/report.py", false, "import csv\n");
    first.remember("app/store.py", true, "import boto3\n");
    first.save();
  }
  {
    CachedSdkNames again(t.path(), files, names(), cache);
    CHECK(again.names_sdk("app/report.py") == std::optional<bool>(false));
    CHECK(again.names_sdk("app/store.py") == std::optional<bool>(true));
    CHECK_FALSE(again.names_sdk("app/other.py"));  // not a file of this run
  }
  // Other SDK names are another question: nothing is known for them.
  {
    CachedSdkNames other(t.path(), files, names("com.example.sdk"), cache);
    CHECK_FALSE(other.names_sdk("app/report.py"));
  }
  // A rewritten file is not answered from the cache.
  write_old(t, "app/report.py", "import boto3\ns3 = boto3.client('s3')\n");
  CachedSdkNames after(t.path(), files, names(), cache);
  CHECK_FALSE(after.names_sdk("app/report.py"));
  CHECK(after.names_sdk("app/store.py") == std::optional<bool>(true));
}

TEST_CASE("sdk name cache: a file changed during the run is not remembered", "[permissions]") {
  TempTree t;
  t.write("fresh.py", "import csv\n");  // stamped now: could still change unseen
  const std::vector<std::string> files{"fresh.py"};
  const std::string cache = t.path("cache");
  {
    CachedSdkNames first(t.path(), files, names(), cache);
    CHECK_FALSE(first.names_sdk("fresh.py"));
    first.remember("fresh.py", false, "import csv\n");
    first.save();
  }
  CachedSdkNames again(t.path(), files, names(), cache);
  CHECK_FALSE(again.names_sdk("fresh.py"));
}
