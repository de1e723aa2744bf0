#include "scanning/files/file_presence.hpp"

#include <fstream>

#include "core/glob.hpp"
#include "core/yaml_file.hpp"
#include "rulepack/pack_codec.hpp"
#include "scanning/text/text_file.hpp"

namespace lambdafit {

namespace {

struct FilePresenceConfig final : DetectorConfig {
  std::vector<std::string> globs;
};

template <class A>
void serialize(A& a, FilePresenceConfig& c) {
  a(c.globs);
}

// The first line of a text file, as the evidence snippet; empty for binary or empty files.
std::string first_line(const std::filesystem::path& p) {
  // At most 256 bytes, never blocking: a huge file without newlines costs nothing.
  std::string line = read_first_line(p);
  if (line.find('\0') != std::string::npos) return {};
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() > 200) line.resize(200);
  return line;
}

}  // namespace

std::shared_ptr<const DetectorConfig> FilePresenceKind::parse(const YamlFile& f,
                                                              const YAML::Node& n,
                                                              Diagnostics& d) const {
  auto globs = get_string_list(f, n, "files", d, /*required=*/true);
  if (!globs) return nullptr;
  if (globs->empty()) {
    f.error(d, n["files"], "'files' needs at least one glob");
    return nullptr;
  }
  auto c = std::make_shared<FilePresenceConfig>();
  c->globs = std::move(*globs);
  return c;
}

void FilePresenceKind::save(const DetectorConfig& c, PackOut& a) const { save_config<FilePresenceConfig>(a, c); }
std::shared_ptr<const DetectorConfig> FilePresenceKind::restore(PackIn& a) const {
  return restore_config<FilePresenceConfig>(a);
}

void FilePresenceKind::scan(const ScanInput& in, const std::vector<const DetectorSpec*>& detectors,
                            ScanOutput& out) const {
  for (const auto& file : in.files) {
    for (const DetectorSpec* det : detectors) {
      const auto& cfg = static_cast<const FilePresenceConfig&>(*det->config);
      for (const auto& g : cfg.globs) {
        if (!glob_match(g, file.path)) continue;
        Evidence e;
        e.path = file.path;
        e.snippet = first_line(file.absolute);
        e.line = e.snippet.empty() ? 0 : 1;
        e.column = e.line ? 1 : 0;
        e.detector = det->id;
        e.fact = det->fact;
        e.message = det->message;
        out.add(std::move(e));
        break;
      }
    }
  }
}

}  // namespace lambdafit
