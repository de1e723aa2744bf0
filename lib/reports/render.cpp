// One entry point for every report format, all rendered from the same Assessment.
#include <fmt/format.h>

#include "reports/json_report.hpp"
#include "reports/text_report.hpp"

namespace lambdafit {

Result<std::string> render(const Assessment& a, Format f, const RenderOptions& opts,
                           const RulePack* /*pack*/) noexcept {
  try {
    if (a.platforms.empty()) return Result<std::string>::failure("the assessment has no platform result");
    switch (f) {
      case Format::text: return render_text(a, opts);
      case Format::json: return to_json(a) + "\n";
      default:
        return Result<std::string>::failure("this report format is not available yet");
    }
  } catch (const std::exception& e) {
    return Result<std::string>::failure(fmt::format("internal error while rendering: {}", e.what()));
  }
}

}  // namespace lambdafit
