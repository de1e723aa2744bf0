// The C API (lambdafit.h): opaque handles around the C++ API, JSON text in and out.
// Nothing may escape these functions, so each body is wrapped by `guard`.
#include "lambdafit/lambdafit.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "api/request.hpp"
#include "lambdafit/lambdafit.hpp"

struct lambdafit_rulepack {
  lambdafit::RulePack pack;
};

struct lambdafit_cancel {
  std::atomic<bool> raised{false};
};

namespace {

using lambdafit::Diagnostic;

// A malloc'ed copy, so callers in any language free it through lambdafit_string_free.
char* copy_out(const std::string& s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p) std::memcpy(p, s.c_str(), s.size() + 1);
  return p;
}

// Callers print their own "error:", so the text carries none: "file:line:col: message" (then
// the source line and a caret when known), or just the message.
std::string error_text(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const auto& d : diags) {
    if (!out.empty()) out += "\n";
    std::string text = d.format();
    const auto nl = text.find('\n');
    const auto at = text.find("error: ");
    if (at != std::string::npos && (nl == std::string::npos || at < nl)) text.erase(at, 7);
    out += text;
  }
  return out.empty() ? "unknown error" : out;
}

lambdafit_status fail(char** error, lambdafit_status status, const std::string& message) {
  if (error) *error = copy_out(message);
  return status;
}

template <class F>
lambdafit_status guard(char** error, F&& body) noexcept {
  if (error) *error = nullptr;
  try {
    return body();
  } catch (const std::exception& e) {
    return fail(error, LAMBDAFIT_ERROR_INTERNAL, fmt::format("internal error: {}", e.what()));
  } catch (...) {
    return fail(error, LAMBDAFIT_ERROR_INTERNAL, "internal error");
  }
}

std::string_view kind_name(lambdafit::CriterionKind k) { return lambdafit::to_string(k); }

}  // namespace

extern "C" {

const char* lambdafit_version(void) {
  // version() views a string literal, so its data is static and NUL-terminated.
  return lambdafit::version().data();
}

const char* lambdafit_status_string(lambdafit_status status) {
  switch (status) {
    case LAMBDAFIT_OK: return "ok";
    case LAMBDAFIT_ERROR_ARGUMENT: return "invalid argument";
    case LAMBDAFIT_ERROR_REQUEST: return "request error";
    case LAMBDAFIT_ERROR_INPUT: return "input error";
    case LAMBDAFIT_ERROR_CANCELLED: return "cancelled";
    case LAMBDAFIT_ERROR_INTERNAL: return "internal error";
  }
  return "unknown status";
}

lambdafit_status lambdafit_rulepack_load(const char* const* dirs, size_t count,
                                         lambdafit_rulepack** out, char** error) {
  if (out) *out = nullptr;
  return guard(error, [&]() -> lambdafit_status {
    if (!out) return fail(error, LAMBDAFIT_ERROR_ARGUMENT, "'out' is NULL");
    if (count > 0 && !dirs) return fail(error, LAMBDAFIT_ERROR_ARGUMENT, "'dirs' is NULL");
    std::vector<std::string> list;
    for (size_t i = 0; i < count; ++i) {
      if (!dirs[i]) return fail(error, LAMBDAFIT_ERROR_ARGUMENT, fmt::format("'dirs[{}]' is NULL", i));
      list.emplace_back(dirs[i]);
    }
    auto pack = lambdafit::RulePack::load(list);
    if (!pack) return fail(error, LAMBDAFIT_ERROR_INPUT, error_text(pack.errors()));
    *out = new lambdafit_rulepack{std::move(pack).value()};
    return LAMBDAFIT_OK;
  });
}

void lambdafit_rulepack_free(lambdafit_rulepack* pack) { delete pack; }

lambdafit_status lambdafit_rulepack_describe(const lambdafit_rulepack* pack, char** json_out,
                                             char** error) {
  if (json_out) *json_out = nullptr;
  return guard(error, [&]() -> lambdafit_status {
    if (!pack || !json_out) return fail(error, LAMBDAFIT_ERROR_ARGUMENT, "'pack' or 'json_out' is NULL");
    using nlohmann::json;
    json j{{"version", std::string(lambdafit::version())},
           {"default_platform", pack->pack.default_platform()},
           {"platforms", json::array()},
           {"questions", json::array()},
           {"criteria", json::array()}};
    for (const auto& p : pack->pack.platforms())
      j["platforms"].push_back({{"id", p.id}, {"name", p.name}, {"as_of", p.as_of}, {"limits", p.limits}});
    for (const auto& q : pack->pack.questions())
      j["questions"].push_back({{"id", q.id}, {"fact", q.fact}, {"prompt", q.prompt}, {"help", q.help},
                                {"type", q.type}, {"unit", q.unit}, {"choices", q.choices}});
    for (const auto& c : pack->pack.criteria())
      j["criteria"].push_back({{"id", c.id}, {"title", c.title}, {"kind", std::string(kind_name(c.kind))}});
    *json_out = copy_out(j.dump(2));
    return *json_out ? LAMBDAFIT_OK : fail(error, LAMBDAFIT_ERROR_INTERNAL, "out of memory");
  });
}

lambdafit_status lambdafit_assess(const lambdafit_rulepack* pack, const char* request_json,
                                  char** report_out, char** error) {
  return lambdafit_assess_ex(pack, request_json, nullptr, nullptr, nullptr, report_out, error);
}

lambdafit_status lambdafit_assess_ex(const lambdafit_rulepack* pack, const char* request_json,
                                     lambdafit_progress_fn progress, void* user_data,
                                     lambdafit_cancel* cancel, char** report_out, char** error) {
  if (report_out) *report_out = nullptr;
  return guard(error, [&]() -> lambdafit_status {
    if (!pack || !request_json || !report_out)
      return fail(error, LAMBDAFIT_ERROR_ARGUMENT, "'pack', 'request_json' or 'report_out' is NULL");
    auto request = lambdafit::parse_request(request_json, "<request>");
    if (!request) return fail(error, LAMBDAFIT_ERROR_REQUEST, error_text(request.errors()));

    // One flag for both ways of stopping: the caller's handle, or our own.
    lambdafit_cancel local;
    lambdafit_cancel* flag = cancel ? cancel : &local;
    request->options.cancel = &flag->raised;
    std::mutex progress_mu;
    if (progress) {
      request->options.on_progress = [&](const lambdafit::Progress& p) {
        std::lock_guard lock(progress_mu);
        if (flag->raised.load()) return;
        if (progress(user_data, p.stage.c_str(), p.done, p.total, p.item.c_str()) != 0)
          flag->raised.store(true);
      };
    }
    if (flag->raised.load()) return fail(error, LAMBDAFIT_ERROR_CANCELLED, "assessment cancelled");
    auto report = lambdafit::run_request(pack->pack, *request);
    if (!report) {
      const bool cancelled = flag->raised.load();
      return fail(error, cancelled ? LAMBDAFIT_ERROR_CANCELLED : LAMBDAFIT_ERROR_INPUT,
                  error_text(report.errors()));
    }
    *report_out = copy_out(*report);
    return *report_out ? LAMBDAFIT_OK : fail(error, LAMBDAFIT_ERROR_INTERNAL, "out of memory");
  });
}

lambdafit_cancel* lambdafit_cancel_new(void) {
  try {
    return new lambdafit_cancel;
  } catch (...) {
    return nullptr;
  }
}

void lambdafit_cancel_raise(lambdafit_cancel* cancel) {
  if (cancel) cancel->raised.store(true);
}

void lambdafit_cancel_free(lambdafit_cancel* cancel) { delete cancel; }

void lambdafit_string_free(char* s) { std::free(s); }

}  // extern "C"
