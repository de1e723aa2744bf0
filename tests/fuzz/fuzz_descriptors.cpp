// The deployment-descriptor readers (YAML with CloudFormation tags, JSON, INI, Procfile,
// Dockerfile, the HCL and TOML subsets): every reader gets every input, and every node it
// returns must point inside the input.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "scanning/descriptors/document.hpp"

namespace {

void check(const lambdafit::descriptors::DocNode& n, int lines, int depth) {
  if (n.line < 0 || n.line > lines || n.column < 0) std::abort();
  if (depth > 10000) std::abort();
  for (const auto& [key, child] : n.items) check(child, lines, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lambdafit::descriptors;
  const auto in = lambdafit::fuzz::text(data, size);
  int lines = 1;
  for (char c : in) lines += c == '\n';
  for (const auto& type : document_types()) {
    const Document d = read_document(type, in);
    for (const auto& root : d.roots) check(root, lines, 0);
    if (d.error && (d.error->line < 0 || d.error->line > lines)) std::abort();
  }
  return 0;
}
