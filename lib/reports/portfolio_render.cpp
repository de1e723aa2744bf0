// The portfolio summary in text, Markdown, HTML, CSV and JSON: one row per workload.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/html_util.hpp"
#include "reports/markdown_report.hpp"
#include "reports/portfolio.hpp"
#include "reports/report_util.hpp"
#include "reports/text_report.hpp"

namespace lambdafit {

namespace {

struct PlatformCell {
  std::string id;
  Verdict verdict = Verdict::undetermined;
  int score = 0;
  std::pair<int, int> range{0, 0};  ///< PlatformResult::score_range
  std::string shown;                ///< "94", or "40–94" while undetermined (score_text)
};

// The columns every format shows, taken once from an entry.
struct Row {
  std::string name, path, platform, error;
  std::optional<Verdict> verdict;  ///< empty when the workload failed
  int score = 0;
  std::pair<int, int> range{0, 0};
  std::string shown;  ///< the score as every format shows it: "94" or "40–94"
  double confidence = 0;
  std::vector<std::string> blocking;
  std::size_t open_questions = 0;
  std::string report_file;
  std::vector<PlatformCell> platforms;  ///< every platform assessed, in the assessment's order
  std::string best;                     ///< the platform with the best verdict, then score
};

Row row_of(const PortfolioEntry& e) {
  Row r;
  r.name = portfolio_name(e);
  r.path = e.workload.given_path.empty() ? e.workload.path : e.workload.given_path;
  r.report_file = e.report_file;
  if (!e.assessment) {
    std::vector<std::string> msgs;
    for (const auto& d : e.errors) msgs.push_back(one_line(d));
    r.error = fmt::format("{}", fmt::join(msgs, "; "));
    return r;
  }
  const auto& p = e.assessment->primary();
  r.platform = p.platform;
  r.verdict = p.verdict;
  r.score = p.score;
  r.range = p.score_range;
  r.shown = score_text(p);
  r.confidence = p.confidence;
  r.blocking = p.blocking;
  r.open_questions = p.open_questions.size();
  const PlatformResult* best = nullptr;
  for (const auto& x : e.assessment->platforms) {
    r.platforms.push_back({x.platform, x.verdict, x.score, x.score_range, score_text(x)});
    if (!best || std::make_tuple(verdict_rank(x.verdict), -x.score, -x.confidence) <
                     std::make_tuple(verdict_rank(best->verdict), -best->score, -best->confidence))
      best = &x;
  }
  if (best) r.best = best->platform;
  return r;
}

std::vector<Row> rows_of(const std::vector<PortfolioEntry>& entries) {
  std::vector<Row> rows;
  for (const auto& e : entries) rows.push_back(row_of(e));
  return rows;
}

// Platform ids across the rows, in first-seen order; the platform view shows only with several.
std::vector<std::string> platform_ids(const std::vector<Row>& rows) {
  std::vector<std::string> ids;
  for (const auto& r : rows)
    for (const auto& c : r.platforms)
      if (std::find(ids.begin(), ids.end(), c.id) == ids.end()) ids.push_back(c.id);
  return ids;
}

const PlatformCell* cell(const Row& r, const std::string& id) {
  for (const auto& c : r.platforms)
    if (c.id == id) return &c;
  return nullptr;
}

struct Blocker {
  std::string id, title;
  std::size_t workloads = 0;
};

// The criteria that block most workloads (on each one's primary platform), most common first.
std::vector<Blocker> top_blockers(const std::vector<PortfolioEntry>& entries) {
  std::vector<Blocker> out;
  for (const auto& e : entries) {
    if (!e.assessment) continue;
    const auto& p = e.assessment->primary();
    for (const auto& id : p.blocking) {
      auto it = std::find_if(out.begin(), out.end(), [&](const Blocker& b) { return b.id == id; });
      if (it == out.end()) {
        auto c = std::find_if(p.criteria.begin(), p.criteria.end(), [&](const auto& x) { return x.id == id; });
        out.push_back({id, c == p.criteria.end() ? id : c->title, 0});
        it = out.end() - 1;
      }
      ++it->workloads;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Blocker& a, const Blocker& b) { return a.workloads > b.workloads; });
  return out;
}

const Verdict kVerdicts[] = {Verdict::good_fit, Verdict::fit_with_caveats, Verdict::undetermined, Verdict::not_a_fit};

std::map<std::string, std::size_t> totals(const std::vector<Row>& rows) {
  std::map<std::string, std::size_t> t;
  for (auto v : kVerdicts) t[std::string(to_string(v))] = 0;
  t["failed"] = 0;
  for (const auto& r : rows) ++t[r.verdict ? std::string(to_string(*r.verdict)) : "failed"];
  return t;
}

std::string totals_line(const std::vector<Row>& rows) {
  const auto t = totals(rows);
  std::vector<std::string> parts;
  for (auto v : kVerdicts) parts.push_back(fmt::format("{} {}", t.at(std::string(to_string(v))), to_string(v)));
  parts.push_back(fmt::format("{} failed", t.at("failed")));
  return fmt::format("{} workload(s): {}", rows.size(), fmt::join(parts, ", "));
}

std::string joined(const std::vector<std::string>& v, const char* sep = ", ") {
  return fmt::format("{}", fmt::join(v, sep));
}

}  // namespace

std::string csv_field(std::string_view s) {
  std::string v(s);
  // A leading = + - @ (or TAB or CR, which some spreadsheets skip before them) starts a formula.
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string portfolio_text(const std::vector<PortfolioEntry>& entries, const RenderOptions& o) {
  const auto rows = rows_of(entries);
  auto paint = [&](std::string_view s, const char* code) {
    return o.color ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : std::string(s);
  };
  std::size_t name_w = 8;
  for (const auto& r : rows) name_w = std::max(name_w, std::min<std::size_t>(utf8_length(printable(r.name)), 32));
  std::string out = paint("lambdafit portfolio", "1") + " — " + totals_line(rows) + "\n\n";
  out += fmt::format("  {:>2}  {:<{}}  {:<16}  {:>6}  {:>4}  {:>4}  {}\n", "#", "workload", name_w, "verdict", "score",
                     "conf", "open", "blocking");
  const int indent = static_cast<int>(2 + 2 + 2 + name_w + 2 + 16 + 2 + 6 + 2 + 4 + 2 + 4 + 2);
  int n = 0;
  for (const auto& r : rows) {
    std::string name = truncate_utf8(printable(r.name), 32);
    name += std::string(name_w > utf8_length(name) ? name_w - utf8_length(name) : 0, ' ');
    if (!r.verdict) {
      out += fmt::format("  {:>2}  {}  {}{}  {:>6}  {:>4}  {:>4}  -\n", ++n, name, paint("failed", "1;31"),
                         std::string(10, ' '), "-", "-", "-");
      out += wrap(printable("error: " + r.error), std::max(o.width, 40), 8, 6) + "\n";
      continue;
    }
    const std::string v(to_string(*r.verdict));
    const char* code = *r.verdict == Verdict::good_fit ? "1;32"
                       : *r.verdict == Verdict::fit_with_caveats ? "1;33"
                       : *r.verdict == Verdict::not_a_fit ? "1;31" : "1;35";
    out += fmt::format("  {:>2}  {}  {}{}  {:>6}  {:>4}  {:>4}  ", ++n, name, paint(v, code),
                       std::string(v.size() < 16 ? 16 - v.size() : 0, ' '), r.shown, percent(r.confidence),
                       r.open_questions);
    out += wrap(r.blocking.empty() ? "-" : joined(r.blocking), std::max(o.width, indent + 20), indent, indent).substr(indent) + "\n";
  }
  const int width = std::max(o.width, 40);
  if (platform_ids(rows).size() > 1) {
    out += "\n" + paint("Best platform per workload", "1") + "\n";
    for (const auto& r : rows) {
      if (!r.verdict) continue;
      // The other platforms grouped by verdict: "good-fit on a, b; not-a-fit on c".
      std::vector<std::string> others;
      const PlatformCell* best = cell(r, r.best);
      for (auto v : kVerdicts) {
        std::vector<std::string> ids;
        for (const auto& c : r.platforms)
          if (c.id != r.best && c.verdict == v) ids.push_back(c.id);
        if (!ids.empty()) others.push_back(fmt::format("{} on {}", to_string(v), joined(ids)));
      }
      out += wrap(printable(fmt::format("{}: {} ({}, score {}){}", r.name, r.best, to_string(best->verdict), best->shown,
                                        others.empty() ? "" : "; elsewhere " + joined(others, "; "))),
                  width, 6, 2) + "\n";
    }
  }
  const auto blockers = top_blockers(entries);
  if (!blockers.empty()) {
    out += "\n" + paint("Most common blockers", "1") + "\n";
    std::size_t assessed = 0;
    for (const auto& r : rows) assessed += r.verdict.has_value();
    for (const auto& b : blockers)
      out += wrap(printable(fmt::format("{} of {} workloads: {} ({})", b.workloads, assessed, b.title, b.id)), width, 6, 2) +
             "\n";
  }
  return out;
}

std::string portfolio_markdown(const std::vector<PortfolioEntry>& entries) {
  const auto rows = rows_of(entries);
  std::string out = "# lambdafit portfolio\n\n" + totals_line(rows) + ", best candidates first.\n\n";
  out += "| # | Workload | Verdict | Score | Confidence | Blocking | Open questions |\n";
  out += "|--:|---|---|--:|--:|---|--:|\n";
  int n = 0;
  for (const auto& r : rows) {
    std::string name = md_text(r.name);
    if (!r.report_file.empty()) name = fmt::format("[{}](<{}>)", name, r.report_file);
    name += "<br>" + md_code(r.path);
    if (!r.verdict) {
      out += fmt::format("| {} | {} | **failed** | — | — | error: {} | — |\n", ++n, name, md_text(r.error));
      continue;
    }
    std::vector<std::string> blocking;
    for (const auto& b : r.blocking) blocking.push_back(md_code(b));
    out += fmt::format("| {} | {} | **{}** | {} | {} | {} | {} |\n", ++n, name, to_string(*r.verdict), r.shown,
                       percent(r.confidence), blocking.empty() ? "—" : joined(blocking), r.open_questions);
  }
  const auto ids = platform_ids(rows);
  if (ids.size() > 1) {
    out += "\n## By platform\n\n| Workload | Best platform |";
    for (const auto& id : ids) out += fmt::format(" {} |", md_code(id));
    out += "\n|---|---|";
    for (std::size_t i = 0; i < ids.size(); ++i) out += "---|";
    out += "\n";
    for (const auto& r : rows) {
      if (!r.verdict) continue;
      out += fmt::format("| {} | {} |", md_text(r.name), md_code(r.best));
      for (const auto& id : ids) {
        const auto* c = cell(r, id);
        out += c ? fmt::format(" {}{}{} ({}) |", c->id == r.best ? "**" : "", to_string(c->verdict),
                               c->id == r.best ? "**" : "", c->shown)
                 : std::string(" — |");
      }
      out += "\n";
    }
  }
  const auto blockers = top_blockers(entries);
  if (!blockers.empty()) {
    out += "\n## Most common blockers\n\n| Criterion | Workloads blocked |\n|---|--:|\n";
    for (const auto& b : blockers) out += fmt::format("| {} {} | {} |\n", md_text(b.title), md_code(b.id), b.workloads);
  }
  return out;
}

std::string portfolio_html(const std::vector<PortfolioEntry>& entries) {
  const auto rows = rows_of(entries);
  const auto t = totals(rows);
  std::string out = html_page_start("lambdafit portfolio");
  out += "<header><h1>Portfolio</h1><div class=\"sub\">" + html_escape(totals_line(rows)) +
         ", best candidates first</div></header>\n";

  // A bar per verdict (and one for failures), so the spread shows at a glance.
  constexpr int kRow = 30, kLabel = 150, kBar = 480;
  std::size_t most = 1;
  for (const auto& [k, v] : t) most = std::max(most, v);
  std::vector<std::pair<std::string, const char*>> bars;
  for (auto v : kVerdicts) bars.emplace_back(std::string(to_string(v)), verdict_color(v));
  bars.emplace_back("failed", "#5b6670");
  const int height = static_cast<int>(bars.size()) * kRow + 10;
  out += fmt::format("<section id=\"chart\"><h2>By verdict</h2>\n<svg class=\"chart\" id=\"portfolio-chart\" width=\"{0}\" "
                     "height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\" "
                     "font-family=\"system-ui, sans-serif\" font-size=\"13\">\n",
                     kLabel + kBar + 60, height, html_escape(totals_line(rows)));
  int y = 5;
  for (const auto& [label, color] : bars) {
    const std::size_t count = t.at(label);
    const int w = static_cast<int>(count * kBar / most);
    out += fmt::format("<g data-verdict=\"{0}\" data-count=\"{1}\"><text x=\"{2}\" y=\"{3}\" text-anchor=\"end\" fill=\"#1d2329\">{0}</text>"
                       "<rect x=\"{4}\" y=\"{5}\" width=\"{6}\" height=\"20\" rx=\"3\" fill=\"{7}\"/>"
                       "<text x=\"{8}\" y=\"{3}\" fill=\"#1d2329\" font-weight=\"700\">{1}</text></g>\n",
                       label, count, kLabel - 10, y + 15, kLabel, y, std::max(w, count ? 4 : 0), color,
                       kLabel + std::max(w, count ? 4 : 0) + 8);
    y += kRow;
  }
  out += "</svg></section>\n";

  out += "<section id=\"workloads\"><h2>Workloads</h2>\n<table><thead><tr><th>#</th><th>Workload</th><th>Verdict</th>"
         "<th>Score</th><th>Confidence</th><th>Blocking</th><th>Open questions</th></tr></thead><tbody>\n";
  int n = 0;
  for (const auto& r : rows) {
    std::string name = html_escape(r.name);
    if (!r.report_file.empty()) name = fmt::format("<a href=\"{}\">{}</a>", html_escape(r.report_file), name);
    name += fmt::format("<br><span class=\"muted mono\">{}</span>", html_escape(r.path));
    if (!r.verdict) {
      out += fmt::format("<tr class=\"failed\" data-workload=\"{}\"><td class=\"num\">{}</td><td>{}</td>"
                         "<td><span class=\"badge\" style=\"background:#5b6670\">failed</span></td><td class=\"num\">—</td>"
                         "<td class=\"num\">—</td><td colspan=\"2\"><code>{}</code></td></tr>\n",
                         html_escape(r.name), ++n, name, html_escape(r.error));
      continue;
    }
    std::string blocking;
    for (const auto& b : r.blocking) blocking += fmt::format("<code class=\"id\">{}</code> ", html_escape(b));
    out += fmt::format("<tr data-workload=\"{}\"><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>"
                       "<td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td></tr>\n",
                       html_escape(r.name), ++n, name, verdict_badge(*r.verdict), r.shown, percent(r.confidence),
                       blocking.empty() ? "—" : blocking, r.open_questions);
  }
  out += "</tbody></table></section>\n";
  const auto ids = platform_ids(rows);
  if (ids.size() > 1) {
    out += "<section id=\"by-platform\"><h2>By platform</h2>\n<div class=\"scroll\"><table id=\"platform-matrix\"><thead>"
           "<tr><th>Workload</th><th>Best platform</th>";
    for (const auto& id : ids) out += fmt::format("<th><code class=\"id\">{}</code></th>", html_escape(id));
    out += "</tr></thead><tbody>\n";
    for (const auto& r : rows) {
      if (!r.verdict) continue;
      out += fmt::format("<tr data-workload=\"{0}\" data-best=\"{1}\"><td>{0}</td><td><code class=\"id\">{1}</code></td>",
                         html_escape(r.name), html_escape(r.best));
      for (const auto& id : ids) {
        const auto* c = cell(r, id);
        out += c ? fmt::format("<td data-platform=\"{}\">{} {}</td>", html_escape(id), verdict_badge(c->verdict), c->shown)
                 : std::string("<td class=\"muted\">—</td>");
      }
      out += "</tr>\n";
    }
    out += "</tbody></table></div></section>\n";
  }
  const auto blockers = top_blockers(entries);
  if (!blockers.empty()) {
    out += "<section id=\"top-blockers\"><h2>Most common blockers</h2><ol>\n";
    for (const auto& b : blockers)
      out += fmt::format("<li data-criterion=\"{}\" data-workloads=\"{}\"><b>{}</b> <code class=\"id\">{}</code> — blocks "
                         "{} workload{}</li>\n",
                         html_escape(b.id), b.workloads, html_escape(b.title), html_escape(b.id), b.workloads,
                         b.workloads == 1 ? "" : "s");
    out += "</ol></section>\n";
  }
  return out + html_page_end();
}

std::string portfolio_csv(const std::vector<PortfolioEntry>& entries) {
  std::string out =
      "rank,workload,path,status,platform,verdict,score,confidence,blocking,open_questions,error,best_platform,"
      "best_verdict,platform_verdicts\r\n";
  int n = 0;
  for (const auto& r : rows_of(entries)) {
    ++n;
    if (!r.verdict) {
      out += fmt::format("{},{},{},failed,,,,,,,{},,,\r\n", n, csv_field(r.name), csv_field(r.path), csv_field(r.error));
      continue;
    }
    std::vector<std::string> all;
    for (const auto& c : r.platforms) all.push_back(fmt::format("{}={}", c.id, to_string(c.verdict)));
    out += fmt::format("{},{},{},assessed,{},{},{},{:.2f},{},{},,{},{},{}\r\n", n, csv_field(r.name), csv_field(r.path),
                       csv_field(r.platform), to_string(*r.verdict), r.score, r.confidence,
                       csv_field(joined(r.blocking, ";")), r.open_questions, csv_field(r.best),
                       to_string(cell(r, r.best)->verdict), csv_field(joined(all, ";")));
  }
  return out;
}

std::string portfolio_json(const std::vector<PortfolioEntry>& entries) {
  using nlohmann::json;
  const auto rows = rows_of(entries);
  json j;
  j["schema_version"] = kPortfolioSchemaVersion;
  j["tool"] = {{"name", "lambdafit"}, {"version", std::string(version())}};
  json t;
  for (const auto& [k, v] : totals(rows)) t[k] = v;
  j["totals"] = t;
  j["workloads"] = json::array();
  int n = 0;
  for (const auto& r : rows) {
    json w{{"rank", ++n}, {"name", r.name}, {"path", r.path}, {"status", r.verdict ? "assessed" : "failed"}};
    if (r.verdict) {
      w["platform"] = r.platform;
      w["verdict"] = std::string(to_string(*r.verdict));
      w["score"] = r.score;
      w["score_range"] = {r.range.first, r.range.second};
      w["confidence"] = r.confidence;
      w["blocking"] = r.blocking;
      w["open_questions"] = r.open_questions;
      w["best_platform"] = r.best;
      w["platforms"] = json::array();
      for (const auto& c : r.platforms)
        w["platforms"].push_back({{"id", c.id},
                                  {"verdict", std::string(to_string(c.verdict))},
                                  {"score", c.score},
                                  {"score_range", {c.range.first, c.range.second}}});
    } else {
      w["error"] = r.error;
    }
    if (!r.report_file.empty()) w["report"] = r.report_file;
    j["workloads"].push_back(std::move(w));
  }
  j["top_blockers"] = json::array();
  for (const auto& b : top_blockers(entries))
    j["top_blockers"].push_back({{"id", b.id}, {"title", b.title}, {"workloads", b.workloads}});
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace lambdafit
