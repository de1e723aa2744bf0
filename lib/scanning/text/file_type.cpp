#include "scanning/text/file_type.hpp"

#include <algorithm>
#include <cctype>

namespace lambdafit {

namespace {

struct TypeRow {
  const char* name;
  CommentStyle comments;
};

// Every type the text kind knows; rule files name these in `file_types`. (Which runtime a
// type's code runs on is pack data, rules/runtimes.yaml; this table is not data yet.)
const TypeRow kTypes[] = {
    {"c", CommentStyle::c_family},
    {"cmake", CommentStyle::hash},
    {"cpp", CommentStyle::c_family},
    {"crontab", CommentStyle::crontab},
    {"csharp", CommentStyle::c_family},
    {"cuda", CommentStyle::c_family},
    {"dockerfile", CommentStyle::hash},
    {"go", CommentStyle::c_family},
    {"gradle", CommentStyle::c_family},
    {"hcl", CommentStyle::hcl},
    {"ini", CommentStyle::ini},
    {"java", CommentStyle::c_family},
    {"javascript", CommentStyle::c_family},
    {"json", CommentStyle::none},
    {"kotlin", CommentStyle::c_family},
    {"limits", CommentStyle::hash},
    {"makefile", CommentStyle::hash},
    {"perl", CommentStyle::hash},
    {"powershell", CommentStyle::hash},
    {"python", CommentStyle::python},
    {"requirements", CommentStyle::hash},
    {"ruby", CommentStyle::hash},
    {"rust", CommentStyle::c_family},
    {"shell", CommentStyle::hash},
    {"sysctl", CommentStyle::ini},
    {"systemd-service", CommentStyle::ini},
    {"systemd-timer", CommentStyle::ini},
    {"systemd-unit", CommentStyle::ini},
    {"terraform", CommentStyle::hcl},
    {"toml", CommentStyle::hash},
    {"typescript", CommentStyle::c_family},
    {"xml", CommentStyle::none},
    {"yaml", CommentStyle::hash},
};

struct ExtRow {
  const char* ext;  // with the dot, lower case
  const char* type;
};

const ExtRow kExtensions[] = {
    {".c", "c"},           {".h", "c"},           {".cc", "cpp"},        {".cpp", "cpp"},
    {".cxx", "cpp"},       {".c++", "cpp"},       {".hpp", "cpp"},       {".hh", "cpp"},
    {".hxx", "cpp"},       {".ipp", "cpp"},       {".inl", "cpp"},       {".cu", "cuda"},
    {".cuh", "cuda"},      {".cmake", "cmake"},   {".cs", "csharp"},     {".go", "go"},
    {".gradle", "gradle"}, {".hcl", "hcl"},       {".ini", "ini"},       {".java", "java"},
    {".js", "javascript"}, {".mjs", "javascript"}, {".cjs", "javascript"}, {".jsx", "javascript"},
    {".json", "json"},     {".kt", "kotlin"},     {".kts", "kotlin"},    {".mk", "makefile"},
    {".pl", "perl"},       {".pm", "perl"},       {".ps1", "powershell"}, {".psm1", "powershell"},
    {".py", "python"},     {".pyw", "python"},    {".rb", "ruby"},       {".rake", "ruby"},
    {".rs", "rust"},       {".sh", "shell"},      {".bash", "shell"},    {".ksh", "shell"},
    {".zsh", "shell"},     {".service", "systemd-service"}, {".timer", "systemd-timer"},
    {".socket", "systemd-unit"}, {".path", "systemd-unit"}, {".mount", "systemd-unit"},
    {".tf", "terraform"},  {".tfvars", "terraform"}, {".toml", "toml"},  {".ts", "typescript"},
    {".tsx", "typescript"}, {".mts", "typescript"}, {".cts", "typescript"}, {".xml", "xml"},
    {".yml", "yaml"},      {".yaml", "yaml"},     {".crontab", "crontab"}, {".cron", "crontab"},
    {".dockerfile", "dockerfile"}, {".conf", "ini"}, {".cfg", "ini"}, {".properties", "ini"},
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

FileType file_type_named(std::string_view name) {
  for (const auto& t : kTypes)
    if (name == t.name) return FileType{t.name, t.comments};
  return {};
}

const std::vector<std::string>& file_type_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& t : kTypes) v.emplace_back(t.name);
    return v;
  }();
  return names;
}

FileType file_type_from_path(std::string_view rel_path) {
  const auto slash = rel_path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? rel_path : rel_path.substr(slash + 1);
  const std::string_view dir = slash == std::string_view::npos ? std::string_view{} : rel_path.substr(0, slash);
  const std::string lbase = lower(base);
  const auto in_dir = [&](std::string_view d) {
    return dir == d || (dir.size() > d.size() && dir.substr(dir.size() - d.size() - 1) == "/" + std::string(d));
  };

  // Well-known names first: they win over extensions (sysctl.d/x.conf is not a generic .conf).
  if (lbase == "dockerfile" || lbase == "containerfile" || starts_with(lbase, "dockerfile."))
    return file_type_named("dockerfile");
  if (lbase == "makefile" || lbase == "gnumakefile") return file_type_named("makefile");
  if (lbase == "cmakelists.txt") return file_type_named("cmake");
  if (lbase == "crontab" || in_dir("cron.d")) return file_type_named("crontab");
  // run-parts directories hold scripts run on a schedule, never crontab entries, whatever
  // their name; an extensionless one is typed by its #! line like any other script.
  if (in_dir("cron.hourly") || in_dir("cron.daily") || in_dir("cron.weekly") || in_dir("cron.monthly")) {
    const auto dot = lbase.rfind('.');
    if (dot == std::string::npos || dot == 0 || lbase.substr(dot) == ".cron" || lbase.substr(dot) == ".crontab")
      return lbase.find('.') == std::string::npos ? FileType{} : file_type_named("shell");
  }
  if (lbase == "sysctl.conf" || (in_dir("sysctl.d") && lbase.size() > 5 &&
                                 lbase.substr(lbase.size() - 5) == ".conf"))
    return file_type_named("sysctl");
  if (lbase == "limits.conf" || in_dir("limits.d")) return file_type_named("limits");
  if (lbase == "rakefile" || lbase == "gemfile") return file_type_named("ruby");
  if (lbase == "jenkinsfile") return file_type_named("gradle");
  if (starts_with(lbase, "requirements") && lbase.size() > 4 && lbase.substr(lbase.size() - 4) == ".txt")
    return file_type_named("requirements");

  const auto dot = lbase.rfind('.');
  if (dot == std::string::npos || dot == 0) return {};
  const std::string ext = lbase.substr(dot);
  for (const auto& e : kExtensions)
    if (ext == e.ext) return file_type_named(e.type);
  return {};
}

FileType file_type_from_shebang(std::string_view first_line) {
  if (!starts_with(first_line, "#!")) return {};
  std::string_view rest = first_line.substr(2);
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < rest.size() && rest[i] != ' ' && rest[i] != '\t' && rest[i] != '\r') ++i;
    if (i > start) words.push_back(rest.substr(start, i - start));
  }
  if (words.empty()) return {};
  auto base = [](std::string_view w) {
    const auto s = w.rfind('/');
    return s == std::string_view::npos ? w : w.substr(s + 1);
  };
  std::string_view prog = base(words[0]);
  if (prog == "env") {
    prog = {};
    for (std::size_t w = 1; w < words.size(); ++w)
      if (words[w][0] != '-' && words[w].find('=') == std::string_view::npos) {
        prog = base(words[w]);
        break;
      }
  }
  // Drop a version suffix: python3.12 -> python, ruby2.7 -> ruby.
  while (!prog.empty() && (std::isdigit(static_cast<unsigned char>(prog.back())) || prog.back() == '.'))
    prog.remove_suffix(1);
  if (prog == "sh" || prog == "bash" || prog == "dash" || prog == "zsh" || prog == "ksh" ||
      prog == "ash" || prog == "busybox")
    return file_type_named("shell");
  if (prog == "python" || prog == "pypy") return file_type_named("python");
  if (prog == "node" || prog == "nodejs") return file_type_named("javascript");
  if (prog == "ts-node" || prog == "deno" || prog == "bun") return file_type_named("typescript");
  if (prog == "ruby") return file_type_named("ruby");
  if (prog == "perl") return file_type_named("perl");
  if (prog == "pwsh" || prog == "powershell") return file_type_named("powershell");
  return {};
}

}  // namespace lambdafit
