#include "scanning/analyzers/languages.hpp"

#include <algorithm>
#include <map>

#include "scanning/text/file_type.hpp"
#include "scanning/text/text_file.hpp"

namespace lambdafit {

std::vector<LanguageShare> measure_languages(const std::vector<WorkloadFile>& files,
                                             const RoleMap& roles,
                                             const std::map<std::string, std::string>& runtime_of_type) {
  std::map<std::string, std::uint64_t> bytes;
  std::uint64_t c_headers = 0;
  for (const auto& f : files) {
    if (roles.role_of(f.path) != FileRole::deployed) continue;
    FileType t = file_type_from_path(f.path);
    const auto slash = f.path.rfind('/');
    const std::string base = slash == std::string::npos ? f.path : f.path.substr(slash + 1);
    if (t.name.empty() && base.find('.') == std::string::npos)
      t = file_type_from_shebang(read_first_line(f.absolute));
    const auto runtime = runtime_of_type.find(t.name);
    if (t.name.empty() || runtime == runtime_of_type.end()) continue;
    if (base.size() > 2 && base.compare(base.size() - 2, 2, ".h") == 0) {
      c_headers += f.size;
      continue;
    }
    bytes[runtime->second] += f.size;
  }
  if (c_headers) bytes[bytes.count("cpp") ? "cpp" : "c"] += c_headers;
  std::vector<LanguageShare> out;
  for (const auto& [lang, n] : bytes) out.push_back(LanguageShare{lang, n});
  std::stable_sort(out.begin(), out.end(),
                   [](const LanguageShare& a, const LanguageShare& b) { return a.bytes > b.bytes; });
  return out;
}

std::vector<std::string> significant_languages(const std::vector<LanguageShare>& shares) {
  std::uint64_t total = 0;
  for (const auto& s : shares) total += s.bytes;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < shares.size(); ++i)
    if (i == 0 || static_cast<double>(shares[i].bytes) >= kLanguageShare * static_cast<double>(total))
      out.push_back(shares[i].language);
  return out;
}

void LanguagesAnalyzer::analyze(const ScanInput& in, const detail::RulePackData& pack,
                                ScanOutput& out) const {
  auto shares = measure_languages(in.files, out.roles(), pack.runtime_of_type);
  if (shares.empty()) {
    out.note("no code files found to tell the workload's languages");
    return;
  }
  out.set_fact("code.languages", significant_languages(shares));
  out.set_languages(std::move(shares));
}

}  // namespace lambdafit
