// aws-sdk-cpp calls read from the text, without the SDK's headers and without Clang: every
// operation takes a `Model::<Operation>Request`, so the request types a file names are its
// operations. The service comes from the namespace written with the type
// (`Aws::S3::Model::PutObjectRequest`), from the model header the file includes
// (<aws/s3/model/PutObjectRequest.h>), or from `using namespace Aws::S3;` — never from a
// variable. Partial: a request type named through a typedef or macro is not seen, and a
// request built in one file and sent from another counts where it is named.
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "permissions/sdk_calls.hpp"

namespace lambdafit::permissions {
namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// The identifier that ends just before `end` (exclusive), or empty.
std::string ident_before(std::string_view s, std::size_t end) {
  std::size_t b = end;
  while (b > 0 && ident_char(s[b - 1])) --b;
  return std::string(s.substr(b, end - b));
}

/// Blanks comments and string contents (kept for literals we read later) line by line.
std::string without_comments(std::string_view src) {
  std::string out(src);
  bool block = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (block) {
      if (out[i] == '*' && i + 1 < out.size() && out[i + 1] == '/') {
        out[i] = out[i + 1] = ' ';
        block = false;
        ++i;
      } else if (out[i] != '\n') {
        out[i] = ' ';
      }
      continue;
    }
    if (out[i] == '/' && i + 1 < out.size() && out[i + 1] == '*') {
      block = true;
      out[i] = out[i + 1] = ' ';
      ++i;
    } else if (out[i] == '/' && i + 1 < out.size() && out[i + 1] == '/') {
      while (i < out.size() && out[i] != '\n') out[i++] = ' ';
    } else if (out[i] == '"') {  // blank a string literal so "Model::X" inside it is not read
      for (++i; i < out.size() && out[i] != '"' && out[i] != '\n'; ++i) {
        if (out[i] == '\\' && i + 1 < out.size() && out[i + 1] != '\n') out[i++] = ' ';
        out[i] = ' ';
      }
    }
  }
  return out;
}

/// The services by aws-sdk-cpp namespace ("S3") and header directory ("s3").
std::map<std::string, const ServiceData*> services_by(const Data& data, std::string ServiceData::*key) {
  std::map<std::string, const ServiceData*> out;
  for (const auto& [_, s] : data.services)
    if (!(s.*key).empty()) out[s.*key] = &s;
  return out;
}

}  // namespace

std::vector<std::string> quoted_includes(std::string_view source) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < source.size()) {
    std::size_t end = source.find('\n', start);
    if (end == std::string_view::npos) end = source.size();
    std::string_view line = source.substr(start, end - start);
    start = end + 1;
    auto skip = [&line] {
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    };
    skip();
    if (line.empty() || line.front() != '#') continue;
    line.remove_prefix(1);
    skip();
    if (line.substr(0, 7) != "include") continue;
    line.remove_prefix(7);
    skip();
    if (line.empty() || line.front() != '"') continue;
    const auto close = line.find('"', 1);
    if (close == std::string_view::npos || close == 1) continue;
    out.emplace_back(line.substr(1, close - 1));
  }
  return out;
}

FileCalls cpp_calls_from_parse(const Data& data, std::string_view path, const std::vector<cpp::SdkSite>& sites) {
  FileCalls out;
  const auto by_ns = services_by(data, &ServiceData::cpp_namespace);
  std::set<std::tuple<int, int, std::string>> seen;
  for (const auto& site : sites) {
    const auto svc = by_ns.find(site.ns);
    if (svc == by_ns.end()) {
      out.notes.push_back({std::string(path), site.line, site.column,
                           fmt::format("Aws::{}: the namespace is not in the permission data; {} not read", site.ns,
                                       site.method)});
      continue;
    }
    const ServiceData& s = *svc->second;
    std::string op = site.method;
    for (std::string_view suffix : {"Async", "Callable"})
      if (!s.operations.count(op) && op.size() > suffix.size() && op.ends_with(suffix))
        op.resize(op.size() - suffix.size());
    if (!s.operations.count(op)) {
      if (!site.request.empty())
        out.notes.push_back({std::string(path), site.line, site.column,
                             fmt::format("Aws::{}::{} given Model::{}: '{}' is not an operation of {}", site.ns,
                                         site.method, site.request, op, s.name)});
      continue;
    }
    if (!seen.emplace(site.line, site.column, op).second) continue;
    SdkCall c{std::string(path), site.line, site.column, s.name, op, false, "aws-sdk-cpp", {}, {}};
    for (const auto& [param, value] : site.literals)
      if (!s.resource_param.empty() && param == s.resource_param) c.resource_literal = value;
    for (const auto& [param, name] : site.env)
      if (!s.resource_param.empty() && param == s.resource_param && c.resource_literal.empty()) c.resource_env = name;
    out.calls.push_back(std::move(c));
  }
  return out;
}

FileCalls read_cpp_calls(const Data& data, std::string_view path, std::string_view source) {
  FileCalls out;
  const std::string text = without_comments(source);
  const auto by_ns = services_by(data, &ServiceData::cpp_namespace);
  const auto by_dir = services_by(data, &ServiceData::cpp_dir);
  // Services the file includes headers of, and the operations of included model headers.
  std::set<const ServiceData*> included;
  std::map<std::string, std::set<const ServiceData*>> op_headers;
  for (std::size_t p = 0; (p = source.find("aws/", p)) != std::string_view::npos; p += 4) {
    const std::size_t line_start = source.rfind('\n', p) == std::string_view::npos ? 0 : source.rfind('\n', p) + 1;
    if (source.substr(line_start, p - line_start).find("#include") == std::string_view::npos) continue;
    out.includes_sdk = true;
    const std::size_t slash = source.find('/', p + 4);
    if (slash == std::string_view::npos) continue;
    auto it = by_dir.find(std::string(source.substr(p + 4, slash - p - 4)));
    if (it == by_dir.end()) continue;
    included.insert(it->second);
    if (source.substr(slash, 7) == "/model/") {
      const std::size_t end = source.find("Request.h", slash + 7);
      const std::size_t eol = source.find('\n', slash);
      if (end != std::string_view::npos && end < eol)
        op_headers[std::string(source.substr(slash + 7, end - slash - 7))].insert(it->second);
    }
  }
  std::set<const ServiceData*> used_ns;     // using namespace Aws::S3; (or Aws::S3::Model)
  std::set<const ServiceData*> used_model;  // using namespace Aws::DynamoDB::Model;
  for (std::size_t p = 0; (p = text.find("using namespace Aws::", p)) != std::string::npos; p += 21) {
    std::size_t e = p + 21;
    while (e < text.size() && ident_char(text[e])) ++e;
    if (auto it = by_ns.find(text.substr(p + 21, e - p - 21)); it != by_ns.end()) {
      used_ns.insert(it->second);
      if (text.compare(e, 7, "::Model") == 0 && (e + 7 == text.size() || !ident_char(text[e + 7])))
        used_model.insert(it->second);
    }
  }
  std::set<std::pair<int, std::string>> seen;
  int line = 1;
  std::size_t line_start = 0, scanned = 0;
  // Every type named <Operation>Request: Model::X (qualified), or X alone where a `using
  // namespace Aws::<Service>::Model;` or X's own model header makes it the SDK's.
  for (std::size_t r = 0; (r = text.find("Request", r)) != std::string::npos; r += 7) {
    const std::size_t e = r + 7;
    if (e < text.size() && ident_char(text[e])) continue;  // RequestId, Requests
    std::size_t b = r;
    while (b > 0 && ident_char(text[b - 1])) --b;
    if (b == r) continue;
    const bool qualified = b >= 7 && text.compare(b - 7, 7, "Model::") == 0;
    if (!qualified && b >= 1 && (text[b - 1] == ':' || text[b - 1] == '.')) continue;  // other::XRequest, x.yRequest
    const std::size_t p = qualified ? b - 7 : b;  // where the type is written
    for (; scanned < p; ++scanned)
      if (text[scanned] == '\n') {
        ++line;
        line_start = scanned + 1;
      }
    const std::string type = text.substr(b, e - b);
    const std::string op = type.substr(0, type.size() - 7);
    const ServiceData* svc = nullptr;
    std::string why;
    if (!qualified) {  // no note: an unqualified name is the SDK's only when something says so
      const auto code = text.find_first_not_of(" \t", line_start);
      if (code != std::string::npos && text[code] == '#') continue;  // #include <…/QueryRequest.h>
      if (auto h = op_headers.find(op); h != op_headers.end() && h->second.size() == 1) svc = *h->second.begin();
      std::set<const ServiceData*> cands;
      for (const auto* s : used_model)
        if (s->operations.count(op)) cands.insert(s);
      if (!svc && cands.size() == 1) svc = *cands.begin();
      if (!svc || !svc->operations.count(op)) continue;
    } else if (p >= 2 && text.compare(p - 2, 2, "::") == 0) {  // Aws::S3::Model::X, S3::Model::X
      const std::string ns = ident_before(text, p - 2);
      if (auto it = by_ns.find(ns); it != by_ns.end()) svc = it->second;
      else why = fmt::format("namespace '{}' is not in the permission data", ns);
    } else if (auto h = op_headers.find(op); h != op_headers.end() && h->second.size() == 1) {
      svc = *h->second.begin();
    } else {
      std::set<const ServiceData*> cands;
      for (const auto* s : used_ns.empty() ? included : used_ns)
        if (s->operations.count(op)) cands.insert(s);
      if (cands.size() == 1) svc = *cands.begin();
      else why = cands.empty() ? "no included aws-sdk-cpp service has this operation"
                               : "several included services have this operation";
    }
    const int col = static_cast<int>(p - line_start) + 1;
    if (!svc || !svc->operations.count(op)) {  // qualified only (the unqualified ones went on above)
      if (why.empty()) why = fmt::format("'{}' is not an operation of {}", op, svc ? svc->name : "?");
      if (!included.empty() || !used_ns.empty()) out.notes.push_back({std::string(path), line, col, fmt::format("Model::{}: {}", type, why)});
      continue;
    }
    if (!seen.insert({line, op}).second) continue;
    SdkCall c{std::string(path), line, col, svc->name, op, false, "aws-sdk-cpp", {}, {}};
    // req.SetBucket("name") / .WithBucket("name") within the next lines
    if (!svc->resource_param.empty()) {
      const std::size_t window = text.find('\n', std::min(text.size(), p + 600));
      const std::string_view near(source.data() + p, std::min(source.size(), window == std::string::npos ? source.size() : window) - p);
      for (const char* verb : {"Set", "With"}) {
        const std::string call = std::string(verb) + svc->resource_param + "(\"";
        if (auto q = near.find(call); q != std::string_view::npos) {
          const auto start = q + call.size();
          const auto end = near.find('"', start);
          if (end != std::string_view::npos) c.resource_literal = std::string(near.substr(start, end - start));
          break;
        }
      }
    }
    out.calls.push_back(std::move(c));
  }
  return out;
}

}  // namespace lambdafit::permissions
