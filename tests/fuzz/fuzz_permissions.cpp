// The permission readers of untrusted workload text: the SDK-call readers (Python, JavaScript,
// TypeScript, Java, and C++ from its text with the includes it names) and the HCL expression reader behind the
// Terraform grants. Every reader gets every input; every place it reports must lie inside it.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "permissions/data.hpp"
#include "permissions/hcl_expr.hpp"
#include "permissions/sdk_calls.hpp"

namespace {

using namespace lambdafit;

const permissions::Data& data() { return fuzz::permission_data(); }

void check_place(int line, int column, int lines) {
  if (line < 0 || line > lines || column < 0) std::abort();
}

void check_node(const descriptors::DocNode& n, int lines, int depth) {
  check_place(n.line, n.column, lines);
  if (depth > 10000) std::abort();
  for (const auto& [key, child] : n.items) check_node(child, lines, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data_, size_t size) {
  const auto in = fuzz::text(data_, size);
  int lines = 1;
  for (char c : in) lines += c == '\n';
  for (auto g : {ts::Grammar::python, ts::Grammar::javascript, ts::Grammar::typescript, ts::Grammar::java}) {
    const auto calls = permissions::read_sdk_calls(data(), g, "f", in);
    for (const auto& c : calls.calls) check_place(c.line, c.column, lines);
    for (const auto& n : calls.notes) check_place(n.line, n.column, lines);
  }
  const auto cpp = permissions::read_cpp_calls(data(), "f.cpp", in);
  for (const auto& c : cpp.calls) check_place(c.line, c.column, lines);
  for (const auto& n : cpp.notes) check_place(n.line, n.column, lines);
  for (const auto& inc : permissions::quoted_includes(in))  // a name written between quotes on one line
    if (inc.empty() || inc.find_first_of("\"\n") != std::string::npos || in.find(inc) == std::string::npos) std::abort();
  const permissions::LineIndex index(in);
  // An expression at the start, and after each '=' of the first few (where attributes' values start).
  std::size_t tried = 0;
  for (std::size_t at = 0; at < in.size() && tried < 8; at = in.find('=', at + 1), ++tried) {
    if (at == std::string::npos) break;
    check_node(permissions::read_hcl_expression(in, at == 0 ? 0 : at + 1, index), lines, 0);
  }
  return 0;
}
