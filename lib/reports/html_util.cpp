#include "reports/html_util.hpp"

#include <fmt/format.h>

#include "reports/report_util.hpp"

namespace lambdafit {

namespace {

constexpr const char* kStyle = R"css(
:root { color-scheme: light dark; --fg:#1d2329; --muted:#5b6670; --line:#d8dee4; --bg:#ffffff; --soft:#f5f7f9;
  --good:#2e7d32; --caveat:#b26a00; --bad:#c62828; --undet:#6a4c93; --unknown:#9aa5b1; --clear:#3a8f85;
  --absent:#c9d1d9; --advice:#f1f8f2; --track:#e3e8ec; --link:#0b57b0; }
@media (prefers-color-scheme: dark) {
  :root { --fg:#e3e7eb; --muted:#9aa5b1; --line:#39424b; --bg:#15191d; --soft:#1f252b; --good:#43a047;
    --caveat:#d08a1c; --bad:#e05252; --undet:#9575cd; --unknown:#6b7682; --clear:#3f9d92; --absent:#4a545e;
    --advice:#1c2b1f; --track:#2c343c; --link:#8ab4f8; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1040px; padding: 24px 28px 48px; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 16px 0 6px; }
.sub, .muted { color: var(--muted); font-size: 13px; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
.summary { display: flex; flex-wrap: wrap; align-items: center; gap: 22px; margin: 16px 0 8px; }
.badge { display: inline-block; padding: 3px 12px; border-radius: 999px; color: #fff; font-weight: 700;
  letter-spacing: .02em; -webkit-print-color-adjust: exact; print-color-adjust: exact; white-space: nowrap; }
.badge.big { font-size: 22px; padding: 8px 22px; }
.v-good-fit { background: var(--good); } .v-fit-with-caveats { background: var(--caveat); }
.v-not-a-fit { background: var(--bad); } .v-undetermined { background: var(--undet); }
.kpi { display: flex; align-items: center; gap: 8px; } .kpi b { font-size: 22px; }
.lean { background: var(--soft); border-left: 4px solid var(--unknown); padding: 8px 12px; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); } td.num { text-align: right; font-variant-numeric: tabular-nums; }
details { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; padding: 0 12px; background: var(--bg); }
details[open] { padding-bottom: 10px; }
summary { cursor: pointer; padding: 8px 0; font-weight: 600; }
.st { display: inline-block; min-width: 64px; text-align: center; border-radius: 4px; padding: 0 6px; font-size: 12px;
  font-weight: 700; color: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.st-applies { background: var(--bad); } .st-present { background: var(--good); }
.st-applies.k-concern, .st-applies.k-adaptation { background: var(--caveat); }
.st-clear { background: var(--clear); } .st-unknown { background: var(--unknown); }
.st-absent { background: var(--absent); color: var(--fg); }
.ev { margin: 8px 0; } .ev .where { font-size: 13px; }
pre.snippet { margin: 4px 0 0; padding: 6px 10px; background: var(--soft); border: 1px solid var(--line); border-radius: 4px;
  overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.snippet .ln { display: inline-block; min-width: 3.5em; padding-right: 10px; margin-right: 10px; color: var(--muted);
  border-right: 1px solid var(--line); text-align: right; user-select: none; }
.advice { border-left: 4px solid var(--good); padding: 4px 10px; background: var(--advice); }
code.id { white-space: nowrap; word-break: keep-all; overflow-wrap: normal; color: var(--muted); }
summary code.id { font-weight: 400; font-size: 12px; }
.chart text, .gauge text { fill: var(--fg); } .gauge .track:not(.zero) { stroke: var(--track); }
.scroll { overflow-x: auto; } a { color: var(--link); }
.sub, .where code, .notes li, h1 { overflow-wrap: anywhere; }
#blocking h2 { font-size: 17px; border: 0; margin: 14px 0 4px; } #blocking ul { margin: 0; padding-left: 20px; }
.kinds { display: grid; grid-template-columns: max-content minmax(120px, 1fr) max-content; gap: 8px 14px;
  align-items: center; }
.kind { display: contents; } .kind .label { font-weight: 600; } .kind .counts { font-size: 13px; color: var(--muted); }
.bar { display: flex; height: 20px; border-radius: 4px; overflow: hidden; background: var(--soft); }
.seg { flex: 1 1 0; min-width: 4px; border-right: 2px solid var(--bg); }
.seg:last-child { border-right: 0; }
.s-applies.k-limit { background: var(--bad); } .s-applies.k-concern, .s-applies.k-adaptation { background: var(--caveat); }
.s-unknown { background: var(--unknown); } .s-clear { background: var(--clear); }
.s-present { background: var(--good); } .s-absent { background: var(--absent); }
.s-to-change { background: repeating-linear-gradient(45deg, var(--good) 0 4px, var(--absent) 4px 8px); }
.st-to-change { background: var(--caveat); }
.counts .n { background: none; }
.legend { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; }
.sw { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
pre.snippet .ctx { color: var(--muted); } pre.snippet .hit code { font-weight: 700; }
ul.notes details { border: 0; padding: 0; margin: 0; } ul.notes summary { font-weight: 400; padding: 0; }
@media (max-width: 640px) {
  body { padding: 14px 12px 32px; }
  .kinds { grid-template-columns: max-content 1fr; } .kind .counts { grid-column: 2; margin-top: -6px; }
  .badge.big { font-size: 18px; padding: 6px 16px; }
  th, td { padding: 4px 5px; }
}
.chart { max-width: 100%; height: auto; }
details.limits { border: 0; padding: 0; margin: 2px 0 0; background: none; }
details.limits summary { padding: 0; font-weight: 400; color: var(--muted); }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  details { break-inside: avoid; }
  details::details-content { content-visibility: visible; display: block; }
  summary { list-style: none; }
  a { color: inherit; text-decoration: none; }
}
)css";

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : printable(s)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_page_start(std::string_view title) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "img-src data:; base-uri 'none'; form-action 'none'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"lambdafit\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
      html_escape(title), kStyle);
}

std::string html_page_end() { return "</body>\n</html>\n"; }

std::string verdict_class(Verdict v) { return std::string(to_string(v)); }

const char* verdict_color(Verdict v) {
  switch (v) {
    case Verdict::good_fit: return "#2e7d32";
    case Verdict::fit_with_caveats: return "#b26a00";
    case Verdict::not_a_fit: return "#c62828";
    case Verdict::undetermined: return "#6a4c93";
  }
  return "#9aa5b1";
}

std::string verdict_badge(Verdict v, std::string_view id) {
  return fmt::format("<span class=\"badge v-{}\"{}>{}</span>", verdict_class(v),
                     id.empty() ? "" : fmt::format(" id=\"{}\"", html_escape(id)), to_string(v));
}

}  // namespace lambdafit
