// lambdafit assess --request FILE|-: a JSON request in, the report out (for planning tools
// that drive lambdafit as a subprocess). Parsing and running live in lib/api/request.*.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

#include "api/request.hpp"
#include "cli.hpp"
#include "core/safe_file.hpp"

namespace lambdafit::cli {

void setup_request(CLI::App& sub, Options& o) {
  auto* request = sub.add_option("--request", o.request,
                                 "read a JSON request from FILE, or from standard input with '-'");
  // With --request the request names the workload, platform, answers and format.
  for (const char* name : {"paths", "--portfolio", "--platform", "--answers", "--build-dir", "--format"})
    if (auto* other = sub.get_option_no_throw(name)) request->excludes(other);
}

int run_request(Options& o) {
  std::string text;
  std::string source = o.request;
  if (o.request == "-") {
    source = "<stdin>";
    std::ostringstream buf;
    buf << std::cin.rdbuf();
    text = buf.str();
  } else {
    std::string why;
    auto read = read_regular_file(o.request, {}, why);
    if (!read) {
      print_error(fmt::format("cannot read request '{}': {}", o.request, why.substr(why.rfind(": ") + 2)));
      return kUsage;
    }
    text = std::move(*read);
  }
  auto request = parse_request(text, source);
  if (!request) {
    print_diagnostics(request.errors());
    return kUsage;
  }
  auto pack = load_pack(o);
  if (!pack) return kUsage;
  if (o.jobs > 0) request->options.jobs = o.jobs;
  apply_env(request->options);
  request->options.on_progress = progress_printer(o);
  auto report = lambdafit::run_request(*pack, *request);
  if (request->options.on_progress) clear_progress(o);
  if (!report) {
    print_diagnostics(report.errors());
    return kUsage;
  }
  return write_output(o.output, *report) ? kOk : kUsage;
}

}  // namespace lambdafit::cli
