// lambdafit questionnaire [PATH]: asks what the code scan cannot show, one question at a time,
// and saves each answer into lambdafit.yaml (or -o FILE) as soon as it is given.
#include <poll.h>
#include <sys/ioctl.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "cli.hpp"
#include "core/known_good.hpp"
#include "core/quantity.hpp"
#include "core/safe_file.hpp"
#include "core/subprocess.hpp"
#include "line_editor.hpp"
#include "questionnaire/check.hpp"
#include "questionnaire/session.hpp"
#include "questionnaire/template.hpp"
#include "reports/text_report.hpp"

namespace lambdafit::cli {

namespace fs = std::filesystem;

namespace {

volatile sig_atomic_t g_interrupted = 0;
void on_signal(int) { g_interrupted = 1; }
// The signals that end a session are blocked except while waiting for input (ppoll unblocks
// them atomically), so one that arrives just before the wait cannot be missed.
sigset_t g_wait_mask;

constexpr std::size_t kEvidenceShown = 5;

// The answers file as it is now: empty when it does not exist yet; nullopt (with the reason
// printed) when it is there but not a regular file lambdafit may read.
std::optional<std::string> read_text(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec)) && !fs::is_symlink(fs::symlink_status(path, ec)))
    return std::string();
  std::string why;
  auto text = read_regular_file(path, {}, why);
  if (!text) print_error(why);
  return text;
}

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  return s.substr(b);
}

// Who is answering: --by, then git's user.email for the workload, then the login name.
std::string answerer(const Options& o, const std::string& path) {
  if (!o.by.empty()) return o.by;
  // git config, run without a shell: the path is one argv entry, never quoted by hand.
  const auto r = subprocess::run({"git", "-C", path, "config", "user.email"}, {}, std::chrono::seconds(10));
  if (r.status == 0) {
    const std::string email = trimmed(r.out);
    if (!email.empty()) return email;
  }
  if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  if (const char* l = ::getlogin(); l && *l) return l;
  return "unknown";
}

// Terminal width for wrapping (80 when unknown).
int term_width() {
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col;
  return 80;
}

// Prints `text` wrapped to the terminal: first line at `first` columns, the rest at `indent`.
void say(std::ostream& out, const std::string& text, int indent = 2, int first = -1) {
  out << wrap(text, term_width() - 1, indent, first < 0 ? indent : first) << "\n";
}

std::string verdict_line(const Assessment& a) {
  const auto& p = a.primary();
  return fmt::format("verdict on {}: {}, score {}, confidence {}%", p.platform, to_string(p.verdict),
                     p.score, static_cast<int>(std::lround(p.confidence * 100)));
}

std::string open_line(const Assessment& a, const std::set<std::string>& skipped) {
  const auto qs = questions_to_ask(a);
  std::vector<std::string> changing;
  for (const auto& q : qs)
    if (q.would_change_verdict_to) changing.push_back(q.fact);
  if (qs.empty()) return "still open: nothing";
  std::size_t skip = 0;
  for (const auto& q : qs) skip += skipped.count(q.id);
  const auto& p = a.primary();
  // No single answer moves an open verdict, but several together can: say so, not "none".
  const bool open = p.verdict == Verdict::undetermined || p.optimistic != p.pessimistic;
  const std::string effect =
      !changing.empty() ? fmt::format(", {} could change the verdict on its own: {}", changing.size(),
                                      fmt::join(changing, ", "))
      : open            ? std::string(", no single answer settles the verdict, several together can")
                        : std::string(", none can change the verdict");
  return fmt::format("still open: {} question{}{}{}", qs.size(), qs.size() == 1 ? "" : "s",
                     skip ? fmt::format(" ({} skipped)", skip) : std::string(), effect);
}

std::string change_line(const OpenQuestion& q) {
  if (!q.would_change_verdict_to) return "cannot change the verdict, but makes the assessment more certain";
  return fmt::format("could change the verdict to {} if the answer is {}", to_string(*q.would_change_verdict_to),
                     q.if_answer);
}

void print_evidence(std::ostream& out, const QuestionView& v) {
  if (v.evidence.empty()) {
    say(out, "the scan found: nothing that settles it");
    return;
  }
  say(out, "the scan found:");
  for (std::size_t i = 0; i < v.evidence.size() && i < kEvidenceShown; ++i) {
    const auto& e = v.evidence[i];
    std::string snippet = trimmed(e.snippet);
    if (snippet.size() > 60) snippet = snippet.substr(0, 57) + "...";
    if (e.line > 0) say(out, fmt::format("{}:{}: `{}` — {}", e.path, e.line, snippet, e.message), 6, 4);
    else say(out, fmt::format("{}: {}", e.path, e.message), 6, 4);
  }
  if (v.evidence.size() > kEvidenceShown) say(out, fmt::format("and {} more", v.evidence.size() - kEvidenceShown), 6, 4);
}

// The question once, under its fact id (the question id is the fact's with a "q." in front).
void print_question(std::ostream& out, const QuestionView& v, std::size_t n, std::size_t total) {
  out << fmt::format("\n[{}/{}] {}\n", n, total, v.open.fact);
  say(out, v.spec ? v.spec->prompt : v.open.prompt, 0, 0);
  for (const auto& [id, title] : v.criteria) say(out, fmt::format("why it matters: {} ({})", title, id), 4);
  say(out, change_line(v.open), 4);
  print_evidence(out, v);
  if (v.current) {
    say(out, fmt::format("answered before: {}{}{}", value_to_string(v.current->value),
                         v.current->by.empty() ? "" : " by " + v.current->by,
                         v.current->date.empty() ? "" : " on " + v.current->date), 4);
  }
  if (v.contradiction) say(out, "but: " + v.contradiction->message, 4);
  if (!v.default_text.empty()) say(out, fmt::format("default: {} ({})", v.default_text, v.default_reason), 4);
  say(out, fmt::format("answer with {}{}; add a note after '#'", v.expects,
                       v.default_text.empty() ? "" : ", or press Enter for the default"), 4);
  say(out, "? help, d don't know, a NAME ask NAME, s skip, b back, q save and quit", 4);
}

void print_help(std::ostream& out, const QuestionView& v) {
  if (v.spec && !v.spec->help.empty()) say(out, v.spec->help);
  if (v.fact && !v.fact->description.empty()) say(out, "(" + v.fact->title + ": " + v.fact->description + ")");
  say(out, fmt::format("expected: {}; examples of notes: '7m # p99 over the last month'", v.expects));
  say(out, "Enter takes the default when there is one. d records that you do not know, and a NAME that NAME "
           "should be asked (both leave the question open and are saved as such). s skips this question, b goes "
           "back to the previous one, q saves what you answered and quits. Each answer is saved as you go; the "
           "arrow keys edit the line and bring back earlier answers.");
}

// The interactive session's state: the scan, the answers given so far, and where to save them.
class Session {
 public:
  Session(const RulePack& pack, Assessment scanned, std::string target, std::string by)
      : pack_(pack), scanned_(std::move(scanned)), current_(scanned_), target_(std::move(target)),
        by_(std::move(by)), today_(today_utc()), editor_(&g_wait_mask, &g_interrupted) {
    base_text_ = read_text(target_).value_or("");  // an unreadable one refuses to save below
    last_disk_ = base_text_;
  }

  int run();

 private:
  const detail::RulePackData& data() const { return pack_.data(); }
  std::map<std::string, Answer> all_answers(const std::string& without = {}) const;
  bool save();
  std::optional<std::string> next_question() const;
  // 0 = answered or skipped, 1 = back, 2 = quit, 3 = end of input, 4 = interrupted, 5 = error
  int ask(const std::string& id);
  int finish(int how);

  const RulePack& pack_;
  Assessment scanned_;
  Assessment current_;
  std::string target_, by_, today_;
  std::string base_text_, last_disk_;
  std::vector<AnswerRecord> records_;  // this session's answers, in the order given
  std::map<std::string, OpenQuestion> seen_;
  std::vector<std::string> history_;
  std::set<std::string> visited_, skipped_;
  LineEditor editor_;
};

std::map<std::string, Answer> Session::all_answers(const std::string& without) const {
  auto answers = answers_of(scanned_);
  for (const auto& r : records_) {
    if (r.fact == without) continue;
    if (auto a = answer_of(r, data(), nullptr)) answers[r.fact] = std::move(*a);
  }
  return answers;
}

bool Session::save() {
  // Someone edited the file since we last wrote it: keep their edits and add ours to them.
  const auto now = read_text(target_);
  if (!now) return false;
  const std::string& disk = *now;
  if (disk != last_disk_) {
    std::cout << fmt::format("  note: {} changed on disk during the session; keeping those changes\n", target_);
    base_text_ = disk;
  }
  Diagnostic err;
  auto text = set_answers(base_text_, records_, &err);
  if (!text) {
    err.location.file = target_;
    print_diagnostics({err});
    return false;
  }
  std::string why;
  if (!write_file_atomically(target_, *text, &why)) {
    print_error(why);
    return false;
  }
  last_disk_ = *text;
  return true;
}

std::optional<std::string> Session::next_question() const {
  for (const auto& q : questions_to_ask(current_))
    if (!visited_.count(q.id)) return q.id;
  return std::nullopt;
}

int Session::ask(const std::string& id) {
  // The view comes from the answers without this question's session answer, so a question
  // revisited with 'b' shows what an answer could change as when it was first asked.
  std::string fact;
  for (const auto& q : data().questions)
    if (q.id == id) fact = q.fact;
  const Assessment without = reevaluate(data(), scanned_, all_answers(fact));
  OpenQuestion oq = seen_.count(id) ? seen_.at(id) : OpenQuestion{};
  for (const auto& q : questions_to_ask(without))
    if (q.id == id) oq = q;
  seen_[id] = oq;
  QuestionView v = describe(data(), without, oq);
  auto mine = std::find_if(records_.begin(), records_.end(), [&](const AnswerRecord& r) { return r.fact == fact; });
  if (mine != records_.end()) {
    v.default_text = mine->list ? fmt::format("{}", fmt::join(*mine->list, ", ")) : mine->value;
    v.default_reason = "your answer in this session";
  }
  std::size_t open_left = 0;
  for (const auto& q : questions_to_ask(current_)) open_left += !visited_.count(q.id) && q.id != id;
  print_question(std::cout, v, history_.size() + 1, history_.size() + 1 + open_left);
  for (;;) {
    std::string line;
    switch (editor_.read("> ", line)) {
      case Read::eof: return 3;
      case Read::interrupted: return 4;
      case Read::line: break;
    }
    const std::string cmd = trimmed(line);
    if (cmd == "?") {
      print_help(std::cout, v);
      continue;
    }
    if (cmd == "q") return 2;
    if (cmd == "b") {
      if (history_.empty()) {
        std::cout << "  this is the first question; there is nothing to go back to\n";
        continue;
      }
      return 1;
    }
    if (cmd == "s") {
      if (mine == records_.end()) skipped_.insert(id);
      std::cout << "  skipped\n";
      return 0;
    }
    if (cmd == "d" || cmd.rfind("d #", 0) == 0 || cmd == "don't know" || cmd.rfind("a ", 0) == 0 ||
        cmd.rfind("ask ", 0) == 0) {
      // Recorded as such, so the file shows who was asked and who still has to answer.
      AnswerRecord rec;
      rec.fact = fact;
      rec.value = kUnknownAnswer;
      rec.by = by_;
      rec.date = today_;
      const bool ask = cmd[0] == 'a';
      const auto hash = cmd.find('#');
      if (ask) rec.ask = trimmed(cmd.substr(cmd.find(' ') + 1, hash == std::string::npos ? std::string::npos
                                                                                        : hash - cmd.find(' ') - 1));
      rec.note = hash != std::string::npos ? trimmed(cmd.substr(hash + 1)) : ask ? "" : "don't know";
      if (ask && rec.ask.empty()) {
        std::cout << "  name the person to ask: a NAME (an e-mail address works well)\n";
        continue;
      }
      if (mine != records_.end()) *mine = rec;
      else records_.push_back(rec);
      if (!save()) return 5;
      say(std::cout, ask ? fmt::format("saved: ask {} (the question stays open) in {}", rec.ask, target_)
                         : fmt::format("saved: don't know (the question stays open) in {}", target_));
      current_ = reevaluate(data(), scanned_, all_answers());
      return 0;
    }
    std::string input = cmd;
    if (input.empty() || input.front() == '#') {
      if (v.default_text.empty()) {
        std::cout << fmt::format("  there is no default here; type {}, or s to skip\n", v.expects);
        continue;
      }
      input = v.default_text + (input.empty() ? "" : " " + input);
    }
    std::string why;
    auto typed = parse_typed(input, data(), *v.fact, &why);
    if (!typed) {
      std::cout << fmt::format("  that does not fit: {}\n  expected {}; try again\n", why, v.expects);
      continue;
    }
    AnswerRecord rec = typed->record;
    rec.by = by_;
    rec.date = today_;
    if (mine != records_.end()) *mine = rec;
    else records_.push_back(rec);
    skipped_.erase(id);
    if (!save()) return 5;
    const Verdict before = current_.primary().verdict;
    current_ = reevaluate(data(), scanned_, all_answers());
    say(std::cout, fmt::format("saved {} = {} in {}", fact, value_to_string(typed->value), target_));
    const Verdict after = current_.primary().verdict;
    say(std::cout, verdict_line(current_) +
                       (after != before ? fmt::format(" (was {})", to_string(before)) : std::string()));
    say(std::cout, open_line(current_, skipped_));
    return 0;
  }
}

int Session::finish(int how) {
  std::cout << "\n";
  std::string line = how == 3 ? "end of input; " : how == 4 ? "interrupted; " : "";
  if (how == 5) line = fmt::format("stopped: the last answer could not be saved; {} holds the ones before it", target_);
  else if (records_.empty()) line += "no answers given, nothing written";
  else line += fmt::format("{} answer{} saved in {}", records_.size(), records_.size() == 1 ? "" : "s", target_);
  say(std::cout, line, 2, 0);
  say(std::cout, verdict_line(current_), 2, 0);
  say(std::cout, open_line(current_, skipped_), 2, 0);
  say(std::cout, fmt::format("the full report: lambdafit assess {}", scanned_.workload_path), 2, 0);
  if (how == 5) return kUsage;
  return how == 4 ? 130 : kOk;
}

int Session::run() {
  say(std::cout, fmt::format("questionnaire for {}: answers by {} are saved to {} as you go",
                             scanned_.workload_name, by_, target_), 2, 0);
  say(std::cout, verdict_line(current_), 2, 0);
  say(std::cout, open_line(current_, skipped_), 2, 0);
  if (questions_to_ask(current_).empty()) {
    std::cout << "nothing to ask: every question's fact is known from the scan or an answer\n";
    return kOk;
  }
  std::optional<std::string> back_to;
  for (;;) {
    const auto id = back_to ? back_to : next_question();
    back_to.reset();
    if (!id) {
      std::cout << "\nno more questions\n";
      return finish(0);
    }
    const int r = ask(*id);
    if (r == 0) {
      visited_.insert(*id);
      history_.push_back(*id);
      continue;
    }
    if (r == 1) {
      back_to = history_.back();
      history_.pop_back();
      visited_.erase(*back_to);
      continue;
    }
    return finish(r == 2 ? 0 : r);
  }
}

// Without a terminal there is nobody to ask: list the open questions and stop.
int list_questions(const RulePack& pack, const Assessment& a) {
  const auto qs = questions_to_ask(a);
  say(std::cout, fmt::format("open questions for {} ({})", a.workload_name, verdict_line(a)), 2, 0);
  if (qs.empty()) say(std::cout, "none: every question's fact is known from the scan or an answer", 2, 0);
  std::size_t n = 0;
  for (const auto& q : qs) {
    const auto v = describe(pack.data(), a, q);
    std::cout << fmt::format("\n{}. {}\n", ++n, q.fact);
    say(std::cout, v.spec ? v.spec->prompt : q.prompt, 3);
    for (const auto& [id, title] : v.criteria) say(std::cout, fmt::format("why it matters: {} ({})", title, id), 5, 3);
    say(std::cout, change_line(q), 5, 3);
    say(std::cout, fmt::format("answer with {}{}", v.expects,
                               v.default_text.empty() ? "" : fmt::format("; default {} ({})", v.default_text, v.default_reason)),
        5, 3);
    for (std::size_t i = 0; i < v.evidence.size() && i < kEvidenceShown; ++i)
      say(std::cout, fmt::format("found: {}{}: {}", v.evidence[i].path,
                                 v.evidence[i].line > 0 ? fmt::format(":{}", v.evidence[i].line) : std::string(),
                                 v.evidence[i].message), 5, 3);
  }
  if (!qs.empty())
    say(std::cout, "\nanswer them in a terminal (lambdafit questionnaire), or write a fill-in file with "
                   "--template FILE, fill it in and merge it with --answers-from FILE", 0, 0);
  return kOk;
}

int run_check(const RulePack& pack, const Options& o, const AssessOptions& ao, const std::string& manifest) {
  std::string why;
  const auto age = parse_quantity(o.max_age, Dimension::time, &why);
  if (!age) {
    print_error(fmt::format("bad --max-age: {}", why));
    return kUsage;
  }
  CheckOptions co;
  co.max_age_days = static_cast<long>(age->value / 86400);
  co.today = today_utc();
  std::vector<std::string> files;
  std::error_code ec;
  if (fs::exists(manifest, ec)) files.push_back(manifest);
  if (!o.output.empty() && o.output != manifest && fs::exists(o.output, ec)) files.push_back(o.output);
  auto scanned = assess(pack, ao);
  if (ao.on_progress) clear_progress(o);
  std::vector<Diagnostic> all;
  for (const auto& f : files) {
    auto d = check_answers(pack.data(), f, scanned ? &*scanned : nullptr, co);
    all.insert(all.end(), d.begin(), d.end());
  }
  if (!scanned && all.empty()) {
    print_diagnostics(scanned.errors());
    return kUsage;
  }
  std::size_t attention = 0;
  for (const auto& d : all) {
    std::cout << d.format() << "\n";
    attention += d.severity != Severity::note;
  }
  if (!scanned)
    std::cout << "note: the answers were not compared with the code scan; fix the errors above first\n";
  if (files.empty()) std::cout << "no answers to check\n";
  std::cout << (attention == 0   ? std::string("the answers are fine\n")
                 : attention == 1 ? std::string("1 problem with the answers needs attention\n")
                                  : fmt::format("{} problems with the answers need attention\n", attention));
  return attention ? kFindings : kOk;
}

int merge_answers(const RulePack& pack, const Options& o, const Assessment& scanned, const std::string& target,
                  const std::string& by) {
  Diagnostics d;
  auto records = records_from_file(o.answers_from, pack.data(), by, today_utc(), d);
  if (!records) {
    print_diagnostics(d.take());
    return kUsage;
  }
  Diagnostic err;
  const auto before = read_text(target);
  if (!before) return kUsage;
  auto text = set_answers(*before, *records, &err);
  std::string why;
  if (!text) {
    err.location.file = target;
    print_diagnostics({err});
    return kUsage;
  }
  if (!write_file_atomically(target, *text, &why)) {
    print_error(why);
    return kUsage;
  }
  auto answers = answers_of(scanned);
  for (const auto& r : *records)
    if (auto a = answer_of(r, pack.data(), nullptr)) answers[r.fact] = *a;
  const Assessment after = reevaluate(pack.data(), scanned, answers);
  std::cout << fmt::format("merged {} answer{} from {} into {}\n", records->size(), records->size() == 1 ? "" : "s",
                           o.answers_from, target);
  std::cout << verdict_line(after)
            << (after.primary().verdict != scanned.primary().verdict
                    ? fmt::format(" (was {})", to_string(scanned.primary().verdict))
                    : std::string())
            << "\n"
            << open_line(after, {}) << "\n";
  return kOk;
}

}  // namespace

void setup_questionnaire(CLI::App& sub, Options& o) {
  sub.add_option("path", o.paths, "workload directory (default: the current directory)")->expected(0, 1);
  sub.add_option("-o,--output", o.output, "save answers to FILE instead of PATH/lambdafit.yaml");
  sub.add_option("--by", o.by, "who is answering (default: git's user.email, then the login name)");
  sub.add_option("--answers-from", o.answers_from, "merge the answers in FILE without asking")
      ->check(CLI::ExistingFile);
  sub.add_flag("--check", o.check, "check the saved answers; exit 1 when any need attention");
  sub.add_option("--max-age", o.max_age, "with --check: answers older than this need confirming (default 365d)");
  sub.add_flag("--list", o.list, "list the open questions without asking");
  sub.add_option("--template", o.template_file,
                 "write a fill-in answers file to FILE (questions, help, what each answer changes) for someone "
                 "else; merge it back with --answers-from");
  sub.add_option("--platform", o.platforms, "platform id (default: the manifest's, then the pack's)");
  sub.add_option("--rules", o.rules_dirs, "more rule directories")->check(CLI::ExistingDirectory);
  sub.add_option("-p,--build-dir", o.build_dir, "directory with compile_commands.json");
  sub.add_option("-j,--jobs", o.jobs, "parallel jobs (default: cores)")->check(CLI::Range(0, 1024));
  sub.add_flag("--no-cache", o.no_cache, kNoCacheHelp);
}

int run_questionnaire(Options& o) {
  auto pack = load_pack(o);
  if (!pack) return kUsage;
  const std::string path = o.paths.empty() ? "." : o.paths.front();
  const std::string manifest = (fs::path(path) / "lambdafit.yaml").string();
  const std::string target = o.output.empty() ? manifest : o.output;
  // The workload's own lambdafit.yaml may be a link, but only to a file inside the workload.
  std::error_code lec;
  if (o.output.empty() && fs::is_symlink(fs::symlink_status(manifest, lec)) && !resolves_inside(manifest, path)) {
    print_error(fmt::format("'{}' is a symlink to outside the workload; not reading or writing it "
                            "(use -o FILE to save the answers elsewhere)",
                            manifest));
    return kUsage;
  }
  AssessOptions ao;
  ao.path = path;
  ao.platforms = o.platforms;
  ao.build_dir = o.build_dir;
  ao.jobs = o.jobs;
  apply_env(ao);
  if (!o.no_cache) ao.cache_dir = cache_dir();
  std::error_code ec;
  if (!o.output.empty() && fs::exists(o.output, ec)) ao.answers_file = o.output;
  ao.on_progress = progress_printer(o);
  if (o.check) return run_check(*pack, o, ao, manifest);

  auto scanned = assess(*pack, ao);
  if (ao.on_progress) clear_progress(o);
  if (!scanned) {
    print_diagnostics(scanned.errors());
    return kUsage;
  }
  for (const auto& w : scanned->warnings) std::cerr << w.format() << "\n";
  if (!o.answers_from.empty()) return merge_answers(*pack, o, *scanned, target, answerer(o, path));
  if (!o.template_file.empty()) {
    if (!write_output(o.template_file, answers_template(pack->data(), *scanned))) return kUsage;
    if (!o.quiet && o.template_file != "-")
      std::cerr << fmt::format("lambdafit: wrote {} open question(s) to '{}'\n", questions_to_ask(*scanned).size(),
                               o.template_file);
    return kOk;
  }
  if (o.list || !::isatty(STDIN_FILENO)) {
    if (!o.list)
      std::cerr << "lambdafit: standard input is not a terminal; listing the open questions instead of asking\n";
    return list_questions(*pack, *scanned);
  }

  const std::string by = answerer(o, path);  // before blocking signals, which git would inherit
  // Ctrl-C, a closed terminal or a kill only set a flag: the wait for input ends, and since
  // every answer was saved when it was given, nothing is lost and no file is half written.
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  sigset_t block;
  sigemptyset(&block);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    ::sigaction(sig, &sa, nullptr);
    sigaddset(&block, sig);
  }
  ::sigprocmask(SIG_BLOCK, &block, &g_wait_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigdelset(&g_wait_mask, sig);
  Session session(*pack, std::move(*scanned), target, by);
  return session.run();
}

}  // namespace lambdafit::cli
