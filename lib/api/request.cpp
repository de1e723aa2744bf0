#include "api/request.hpp"

#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/diagnostics.hpp"
#include "core/json_error.hpp"
#include "core/spelling.hpp"
#include "facts/manifest.hpp"
#include "rulepack/model.hpp"

namespace lambdafit {

using nlohmann::json;

namespace {

const std::vector<std::string> kTopKeys{"workload", "answers", "platform", "formats", "jobs"};
const std::vector<std::string> kWorkloadKeys{"path", "name", "build_dir"};
const std::vector<std::string> kAnswerKeys{"value", "by", "date", "note"};
const std::vector<std::string> kFormats{"text", "json", "md", "html", "sarif"};

// Reports problems with a request. nlohmann::json keeps no positions, so a problem with a
// key is placed at the first occurrence of that key (as a quoted string) after the keys of
// its parents: exact for ordinary requests, and never invented when the key is absent.
class Checker {
 public:
  Checker(std::string_view text, std::string_view source) : text_(text), source_(source), lines_(text) {}

  void error(const std::vector<std::string>& key_path, std::string message) {
    std::string line;
    auto where = place(key_path, &line);
    diags_.error(std::move(message), std::move(where), std::move(line));
  }

  // Where a key is (source:line:col), and its line of text. Past the diagnostics cap a
  // problem is only counted, so a request of a million bad keys costs no search per key.
  SourceLocation place(const std::vector<std::string>& key_path, std::string* line) const {
    SourceLocation where{std::string(source_), 0, 0};
    if (auto offset = diags_.full() ? std::nullopt : locate(key_path)) {
      where.line = lines_.line_at(*offset);
      where.column = static_cast<int>(*offset - lines_.start_of(where.line)) + 1;
      if (line) *line = lines_.line(text_, where.line);
    }
    return where;
  }

  // Unknown keys in an object, with the nearest known spelling.
  void check_keys(const json& obj, const std::vector<std::string>& known,
                  const std::vector<std::string>& path, std::string_view what) {
    for (const auto& [key, value] : obj.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      auto p = path;
      p.push_back(key);
      error(p, fmt::format("unknown key '{}' in {}{}", key, what, did_you_mean(key, known)));
    }
  }

  Diagnostics& diags() { return diags_; }

 private:
  std::optional<std::size_t> locate(const std::vector<std::string>& key_path) const {
    std::size_t pos = 0;
    std::optional<std::size_t> found;
    for (const auto& key : key_path) {
      const std::string quoted = json(key).dump();
      const auto at = text_.find(quoted, pos);
      if (at == std::string_view::npos) return found;
      found = at;
      pos = at + quoted.size();
    }
    return found;
  }

  std::string_view text_;
  std::string_view source_;
  LineStarts lines_;
  Diagnostics diags_;
};

// Parses JSON refusing duplicate keys (which one wins differs between readers) and nesting
// deeper than any request needs. Throws json::exception on malformed text.
json parse_strict(std::string_view text, std::vector<std::string>& duplicates) {
  std::vector<std::set<std::string>> keys;
  int depth = 0;
  auto callback = [&](int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        keys.emplace_back();
        [[fallthrough]];
      case json::parse_event_t::array_start:
        if (++depth > 64) throw std::length_error("nesting deeper than 64 levels");
        break;
      case json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back();
        [[fallthrough]];
      case json::parse_event_t::array_end:
        --depth;
        break;
      case json::parse_event_t::key:
        if (!keys.empty() && !keys.back().insert(parsed.get<std::string>()).second)
          duplicates.push_back(parsed.get<std::string>());
        break;
      default: break;
    }
    return true;
  };
  return json::parse(text.begin(), text.end(), callback);
}

std::string_view type_name(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "a value";
  }
}

// An answer's value as the text lambdafit.yaml would hold ("40", "7m", "yes", "a, b").
std::optional<std::string> answer_text(const json& v, std::string* why) {
  if (v.is_boolean()) return std::string(v.get<bool>() ? "yes" : "no");
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (v.is_number_float()) return fmt::format("{}", v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) {
      if (!item.is_string()) {
        *why = fmt::format("list items must be strings, not {}", type_name(item));
        return std::nullopt;
      }
      const auto s = item.get<std::string>();
      if (s.find(',') != std::string::npos) {
        *why = fmt::format("list item '{}' contains a comma", s);
        return std::nullopt;
      }
      if (!out.empty()) out += ", ";
      out += s;
    }
    return out;
  }
  *why = fmt::format("expected a string, number, boolean or list, not {}", type_name(v));
  return std::nullopt;
}

std::optional<std::string> get_string(Checker& c, const json& obj, const std::string& key,
                                      const std::vector<std::string>& path) {
  auto it = obj.find(key);
  if (it == obj.end()) return std::nullopt;
  if (!it->is_string()) {
    auto p = path;
    p.push_back(key);
    c.error(p, fmt::format("'{}' must be a string, not {}", key, type_name(*it)));
    return std::nullopt;
  }
  auto s = it->get<std::string>();
  if (s.find('\0') != std::string::npos) {
    // A path would be cut at the NUL: one directory scanned, another name reported.
    auto p = path;
    p.push_back(key);
    c.error(p, fmt::format("'{}' contains a NUL character (\\u0000)", key));
    return std::nullopt;
  }
  return s;
}

void parse_workload(Checker& c, const json& root, Request& r) {
  auto it = root.find("workload");
  if (it == root.end()) {
    c.error({}, "missing 'workload' (an object with at least a 'path')");
    return;
  }
  if (!it->is_object()) {
    c.error({"workload"}, fmt::format("'workload' must be an object, not {}", type_name(*it)));
    return;
  }
  const std::vector<std::string> at{"workload"};
  c.check_keys(*it, kWorkloadKeys, at, "'workload'");
  if (auto path = get_string(c, *it, "path", at)) {
    if (path->empty()) c.error({"workload", "path"}, "'workload.path' is empty");
    r.options.path = *path;
  } else if (!it->contains("path")) {
    c.error(at, "missing 'workload.path'");
  }
  if (auto name = get_string(c, *it, "name", at)) r.options.name = *name;
  if (auto dir = get_string(c, *it, "build_dir", at)) r.options.build_dir = *dir;
}

void parse_answers(Checker& c, const json& root, Request& r) {
  auto it = root.find("answers");
  if (it == root.end()) return;
  if (!it->is_object()) {
    c.error({"answers"}, fmt::format("'answers' must be an object keyed by fact id, not {}", type_name(*it)));
    return;
  }
  for (const auto& [fact, given] : it->items()) {
    const std::vector<std::string> at{"answers", fact};
    AnswerInput in;
    const json* value = &given;
    if (given.is_object()) {
      c.check_keys(given, kAnswerKeys, at, fmt::format("the answer for '{}'", fact));
      auto v = given.find("value");
      if (v == given.end()) {
        c.error(at, fmt::format("the answer for '{}' has no 'value'", fact));
        continue;
      }
      value = &*v;
      in.by = get_string(c, given, "by", at).value_or("");
      in.date = get_string(c, given, "date", at).value_or("");
      in.note = get_string(c, given, "note", at).value_or("");
    }
    std::string why;
    auto text = answer_text(*value, &why);
    if (!text) {
      c.error(at, fmt::format("bad answer for '{}': {}", fact, why));
      continue;
    }
    in.value = std::move(*text);
    r.options.answers[fact] = std::move(in);
    std::string line;
    auto where = c.place(at, &line);
    r.answer_at[fact] = {std::move(where), std::move(line)};
  }
}

void parse_platform(Checker& c, const json& root, Request& r) {
  auto it = root.find("platform");
  if (it == root.end()) return;
  if (it->is_string() && !it->get<std::string>().empty()) {
    r.options.platforms.push_back(it->get<std::string>());
    return;
  }
  if (it->is_array() && !it->empty()) {
    for (const auto& p : *it) {
      if (!p.is_string() || p.get<std::string>().empty()) {
        c.error({"platform"}, fmt::format("platform ids must be non-empty strings, not {}", p.dump()));
        return;
      }
      r.options.platforms.push_back(p.get<std::string>());
    }
    return;
  }
  c.error({"platform"}, fmt::format("'platform' must be a platform id or a non-empty list of them, not {}", it->dump()));
}

void parse_formats(Checker& c, const json& root, Request& r) {
  auto it = root.find("formats");
  if (it == root.end()) return;
  if (!it->is_array()) {
    c.error({"formats"}, fmt::format("'formats' must be a list such as [\"json\"], not {}", type_name(*it)));
    return;
  }
  if (it->empty()) {
    c.error({"formats"}, "'formats' must name at least one format");
    return;
  }
  r.formats.clear();
  for (const auto& f : *it) {
    const std::string name = f.is_string() ? f.get<std::string>() : f.dump();
    auto format = f.is_string() ? format_from_string(name) : std::nullopt;
    if (!format || std::find(kFormats.begin(), kFormats.end(), name) == kFormats.end()) {
      c.error({"formats"}, fmt::format("unknown format {}; expected one of: {}{}", f.dump(),
                                       fmt::join(kFormats, ", "), did_you_mean(name, kFormats)));
      return;
    }
    if (std::find(r.formats.begin(), r.formats.end(), name) != r.formats.end()) {
      c.error({"formats"}, fmt::format("format '{}' is listed twice", name));
      return;
    }
    if (r.formats.empty()) r.format = *format;
    r.formats.push_back(name);
  }
}

void parse_jobs(Checker& c, const json& root, Request& r) {
  auto it = root.find("jobs");
  if (it == root.end()) return;
  // 4.0 counts as whole, as JSON Schema's "integer" has it.
  const double n = it->is_number() ? it->get<double>() : -1;
  if (n < 0 || n > 1024 || n != static_cast<double>(static_cast<int>(n))) {
    c.error({"jobs"}, fmt::format("'jobs' must be a whole number from 0 to 1024, not {}", it->dump()));
    return;
  }
  r.options.jobs = static_cast<int>(n);
}

Result<Request> parse_impl(std::string_view text, std::string_view source) {
  json root;
  std::vector<std::string> duplicates;
  try {
    root = parse_strict(text, duplicates);
  } catch (const std::length_error& e) {
    return Result<Request>(std::vector<Diagnostic>{
        Diagnostic{Severity::error, fmt::format("invalid JSON: {}", e.what()), {std::string(source), 0, 0}, {}}});
  } catch (const json::exception& e) {
    auto d = json_error(e, text, source, "invalid JSON");
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) d.message = "invalid JSON: the request is empty";
    return Result<Request>(std::vector<Diagnostic>{std::move(d)});
  }
  Checker c(text, source);
  Request r;
  for (const auto& key : duplicates)
    c.error({key}, fmt::format("duplicate key '{}' (a key may appear once in an object)", key));
  if (!root.is_object()) {
    c.error({}, fmt::format("a request must be a JSON object, not {}", type_name(root)));
    return Result<Request>(c.diags().take());
  }
  c.check_keys(root, kTopKeys, {}, "the request");
  parse_workload(c, root, r);
  parse_answers(c, root, r);
  parse_platform(c, root, r);
  parse_formats(c, root, r);
  parse_jobs(c, root, r);
  if (c.diags().has_errors()) return Result<Request>(c.diags().take());
  return r;
}

// Answers checked against the pack before the scan, so each error points at its place in the
// request (<stdin>:line:col) rather than at nothing.
std::vector<Diagnostic> check_answers(const RulePack& pack, const Request& request) {
  const auto& data = pack.data();
  std::vector<Diagnostic> out;
  for (const auto& [id, in] : request.options.answers) {
    auto at = request.answer_at.find(id);
    const SourceLocation where = at == request.answer_at.end() ? SourceLocation{} : at->second.first;
    const std::string line = at == request.answer_at.end() ? std::string() : at->second.second;
    const FactSpec* fact = data.fact(id);
    if (!fact) {
      out.push_back({Severity::error,
                     fmt::format("answer for unknown fact '{}'{}", id, did_you_mean(id, data.fact_ids())), where, line});
      continue;
    }
    std::string why;
    if (!parse_answer_value(in.value, *fact, data, &why))
      out.push_back({Severity::error, fmt::format("bad answer for '{}': {}", id, why), where, line});
  }
  return out;
}

}  // namespace

Result<Request> parse_request(std::string_view text, std::string_view source) noexcept {
  try {
    return parse_impl(text, source);
  } catch (const std::exception& e) {
    return Result<Request>::failure(fmt::format("internal error: {}", e.what()));
  }
}

Result<std::string> run_request(const RulePack& pack, const Request& request) noexcept {
  try {
    if (auto bad = check_answers(pack, request); !bad.empty()) return Result<std::string>(std::move(bad));
    auto a = assess(pack, request.options);
    if (!a) return Result<std::string>(a.errors());
    if (request.formats.size() <= 1) return render(*a, request.format, RenderOptions{}, &pack);
    json reports = json::object();
    for (const auto& name : request.formats) {
      auto text = render(*a, *format_from_string(name), RenderOptions{}, &pack);
      if (!text) return text;
      reports[name] = name == "json" || name == "sarif" ? json::parse(*text) : json(*text);
    }
    return json{{"reports", reports}}.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  } catch (const std::exception& e) {
    return Result<std::string>::failure(fmt::format("internal error: {}", e.what()));
  }
}

}  // namespace lambdafit
