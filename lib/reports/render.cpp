// One entry point for every report format, all rendered from the same Assessment.
#include <fmt/format.h>

#include "reports/html_report.hpp"
#include "reports/json_report.hpp"
#include "reports/markdown_report.hpp"
#include "reports/sarif_report.hpp"
#include "reports/text_report.hpp"

namespace lambdafit {

Result<std::string> render(const Assessment& a, Format f, const RenderOptions& opts,
                           const RulePack* pack) noexcept {
  try {
    if (a.platforms.empty()) return Result<std::string>::failure("the assessment has no platform result");
    switch (f) {
      case Format::text: return render_text(a, opts);
      case Format::json: return to_json(a) + "\n";
      case Format::markdown: return render_markdown(a, opts);
      case Format::html: return render_html(a);
      case Format::sarif: return render_sarif(a, pack);
    }
    return Result<std::string>::failure("unknown report format");
  } catch (const std::exception& e) {
    return Result<std::string>::failure(fmt::format("internal error while rendering: {}", e.what()));
  }
}

}  // namespace lambdafit
