// The Terraform reader of the permission analysis on untrusted configurations: one main.tf
// (locals, variables, module calls, policy documents, functions) read with references
// followed. It must end (references that name each other are followed a bounded number of
// steps), and every note must point at a line of the input.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_support.hpp"
#include "permissions/data.hpp"
#include "permissions/policy.hpp"

namespace {

using namespace lambdafit;

const permissions::Data& data() { return fuzz::permission_data(); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data_, size_t size) {
  const auto dir = fuzz::scratch() / "tf";
  fuzz::write_input(dir, "main.tf", data_, size);
  int lines = 1;
  for (char c : fuzz::text(data_, size)) lines += c == '\n';
  const auto r = permissions::analyze_permissions(dir.string(), data());
  for (const auto& n : r.notes)
    if (n.file == "main.tf" && (n.line < 0 || n.line > lines || n.column < 0)) std::abort();
  for (const auto& f : r.functions)
    for (const auto& g : f.granted)
      if (g.file == "main.tf" && (g.line < 0 || g.line > lines || g.column < 0)) std::abort();
  return 0;
}
