// The only file that includes Clang's frontend, tooling and matcher headers together: they
// cost ~25 s of compile time per file, so everything else stays behind parse_tu.hpp.
#include "scanning/clang/parse_tu.hpp"

#include <filesystem>
#include <set>
#include <tuple>
#include <unordered_map>

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/Expr.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/FileManager.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/Tooling.h>
#include <fmt/format.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <re2/re2.h>

#include "core/glob.hpp"
#include "scanning/clang/configs.hpp"
#include "scanning/clang/matcher_impl.hpp"

namespace lambdafit::cpp {

namespace {

namespace fs = std::filesystem;
using namespace clang;
using SourceLocation = clang::SourceLocation;  // not lambdafit::SourceLocation
using Diagnostic = clang::Diagnostic;          // not lambdafit::Diagnostic

re2::StringPiece piece(llvm::StringRef s) { return re2::StringPiece(s.data(), s.size()); }

// Turns source locations into workload evidence: inside the root, outside system headers,
// with the source line as snippet, each (place, detector) once.
class Sink {
 public:
  Sink(const SourceManager& sm, fs::path root, fs::path dir, TuResult& out)
      : sm_(sm), root_(std::move(root)), dir_(std::move(dir)), out_(out) {}

  void add(SourceLocation loc, const DetectorSpec& d) {
    if (loc.isInvalid() || !loc.isFileID() || sm_.isInSystemHeader(loc)) return;
    const FileID fid = sm_.getFileID(loc);
    const std::string* rel = relative_path(fid);
    if (!rel) return;
    bool invalid = false;
    const unsigned line = sm_.getSpellingLineNumber(loc, &invalid);
    if (invalid) return;
    const unsigned column = sm_.getSpellingColumnNumber(loc, &invalid);
    if (invalid) return;
    if (!seen_.emplace(*rel, line, column, d.id).second) return;
    Evidence e;
    e.path = *rel;
    e.line = static_cast<int>(line);
    e.column = static_cast<int>(column);
    e.snippet = line_text(fid, sm_.getFileOffset(loc));
    e.detector = d.id;
    e.fact = d.fact;
    e.message = d.message;
    out_.evidence.push_back(std::move(e));
  }

  const SourceManager& sm() const { return sm_; }

 private:
  // The workload-relative path of a file, or null when it lies outside the root.
  const std::string* relative_path(FileID fid) {
    auto [it, fresh] = files_.try_emplace(fid.getHashValue());
    if (fresh) {
      it->second.keep = false;
      if (auto fe = sm_.getFileEntryRefForID(fid)) {
        fs::path p(fe->getName().str());
        if (!p.is_absolute()) p = dir_ / p;
        std::error_code ec;
        fs::path r = fs::weakly_canonical(p, ec);
        if (ec) r = p.lexically_normal();
        fs::path rel = r.lexically_relative(root_);
        if (!rel.empty() && *rel.begin() != ".." && rel != ".") {
          it->second.keep = true;
          it->second.rel = rel.generic_string();
        }
      }
    }
    return it->second.keep ? &it->second.rel : nullptr;
  }

  std::string line_text(FileID fid, unsigned offset) const {
    bool invalid = false;
    llvm::StringRef buf = sm_.getBufferData(fid, &invalid);
    if (invalid || offset > buf.size()) return {};
    std::size_t begin = offset;
    while (begin > 0 && buf[begin - 1] != '\n') --begin;
    std::size_t end = buf.find('\n', offset);
    if (end == llvm::StringRef::npos) end = buf.size();
    std::string s = buf.slice(begin, end).str();
    if (!s.empty() && s.back() == '\r') s.pop_back();
    return s;
  }

  struct FileInfo {
    bool keep = false;
    std::string rel;
  };
  const SourceManager& sm_;
  fs::path root_, dir_;
  TuResult& out_;
  std::unordered_map<unsigned, FileInfo> files_;
  std::set<std::tuple<std::string, unsigned, unsigned, std::string>> seen_;
};

class ClangCallback final : public ast_matchers::MatchFinder::MatchCallback {
 public:
  ClangCallback(const DetectorSpec& d, Sink& sink)
      : spec_(d), cfg_(static_cast<const ClangConfig&>(*d.config)), sink_(sink) {}

  void run(const ast_matchers::MatchFinder::MatchResult& r) override {
    try {  // nothing may unwind through LLVM's frames
      const auto& nodes = r.Nodes.getMap();
      auto it = nodes.find("root");
      if (it == nodes.end()) return;
      if (cfg_.string_regex) {
        const auto* s = r.Nodes.getNodeAs<StringLiteral>("str");
        if (!s || s->getCharByteWidth() != 1 ||
            !re2::RE2::PartialMatch(piece(s->getString()), *cfg_.string_regex))
          return;
      }
      // Where clang-query points: the file location of the node's first token.
      sink_.add(sink_.sm().getFileLoc(it->second.getSourceRange().getBegin()), spec_);
    } catch (...) {
    }
  }

 private:
  const DetectorSpec& spec_;
  const ClangConfig& cfg_;
  Sink& sink_;
};

// Include directives and macro names, seen by the preprocessor in active code only.
class PPHooks final : public PPCallbacks {
 public:
  PPHooks(const EngineRules& rules, Sink& sink,
          const llvm::StringMap<std::vector<const DetectorSpec*>>& names)
      : rules_(rules), sink_(sink), names_(names) {}

  void InclusionDirective(SourceLocation hash, const Token&, StringRef name, bool,
                          CharSourceRange, OptionalFileEntryRef file, StringRef, StringRef,
                          const Module*, bool, SrcMgr::CharacteristicKind) override {
    try {
      for (const DetectorSpec* d : rules_.include) {
        const auto& cfg = static_cast<const IncludeConfig&>(*d->config);
        if (cfg.resolved && *cfg.resolved != bool(file)) continue;
        const std::string_view written(name.data(), name.size());
        for (const auto& g : cfg.patterns) {
          if (!glob_match(g, written)) continue;
          sink_.add(hash, *d);
          break;
        }
      }
    } catch (...) {
    }
  }

  void MacroExpands(const Token& tok, const MacroDefinition&, SourceRange,
                    const MacroArgs*) override {
    try {
      const IdentifierInfo* ii = tok.getIdentifierInfo();
      if (!ii) return;
      auto it = names_.find(ii->getName());
      if (it == names_.end()) return;
      const SourceLocation at = sink_.sm().getSpellingLoc(tok.getLocation());
      for (const DetectorSpec* d : it->second) sink_.add(at, *d);
    } catch (...) {
    }
  }

 private:
  const EngineRules& rules_;
  Sink& sink_;
  const llvm::StringMap<std::vector<const DetectorSpec*>>& names_;
};

// Identifiers and string literals the parser receives; the preprocessor never hands over
// comments, directives or tokens of inactive #if blocks.
class TokenWatcher {
 public:
  TokenWatcher(const EngineRules& rules, Sink& sink, Preprocessor& pp,
               const llvm::StringMap<std::vector<const DetectorSpec*>>& names)
      : sink_(sink), pp_(pp), names_(names) {
    for (const DetectorSpec* d : rules.token) {
      const auto& cfg = static_cast<const TokenConfig&>(*d->config);
      if (cfg.identifier_regex) id_regex_.push_back(d);
      if (cfg.string_regex) str_regex_.push_back(d);
    }
  }

  void operator()(const Token& tok) {
    try {
      if (const IdentifierInfo* ii = tok.getIdentifierInfo()) {
        const llvm::StringRef name = ii->getName();
        auto it = names_.find(name);
        if (it == names_.end() && id_regex_.empty()) return;
        const SourceLocation at = sink_.sm().getSpellingLoc(tok.getLocation());
        if (it != names_.end())
          for (const DetectorSpec* d : it->second) sink_.add(at, *d);
        if (id_regex_.empty() || sink_.sm().isInSystemHeader(at)) return;
        for (const DetectorSpec* d : id_regex_) {
          const auto& cfg = static_cast<const TokenConfig&>(*d->config);
          if (re2::RE2::FullMatch(piece(name), *cfg.identifier_regex)) sink_.add(at, *d);
        }
      } else if (!str_regex_.empty() && tok::isStringLiteral(tok.getKind())) {
        const SourceLocation at = sink_.sm().getSpellingLoc(tok.getLocation());
        if (sink_.sm().isInSystemHeader(at)) return;
        llvm::SmallString<128> buf;
        llvm::StringRef text = pp_.getSpelling(tok, buf);
        // Drop the prefix and quotes: u8"…", L"…", R"x(…)x" keep their delimiters, which is
        // fine for searching but not for anchors, so only plain literals are unwrapped.
        const auto open = text.find('"');
        const auto close = text.rfind('"');
        if (open == llvm::StringRef::npos || close <= open) return;
        const llvm::StringRef body = text.slice(open + 1, close);
        for (const DetectorSpec* d : str_regex_) {
          const auto& cfg = static_cast<const TokenConfig&>(*d->config);
          if (re2::RE2::PartialMatch(piece(body), *cfg.string_regex)) sink_.add(at, *d);
        }
      }
    } catch (...) {
    }
  }

 private:
  Sink& sink_;
  Preprocessor& pp_;
  const llvm::StringMap<std::vector<const DetectorSpec*>>& names_;
  std::vector<const DetectorSpec*> id_regex_, str_regex_;
};

// Runs the matchers over the user's own top-level declarations only, and lets the parser skip
// function bodies in system headers.
class Consumer final : public ASTConsumer {
 public:
  Consumer(const SourceManager& sm, ast_matchers::MatchFinder* finder, bool& parsed)
      : sm_(sm), finder_(finder), parsed_(parsed) {}

  bool HandleTopLevelDecl(DeclGroupRef group) override {
    for (Decl* d : group) {
      if (!d || is_instantiation(d)) continue;
      const SourceLocation loc = sm_.getExpansionLoc(d->getLocation());
      if (loc.isValid() && sm_.isInSystemHeader(loc)) continue;
      roots_.push_back(d);
    }
    return true;
  }

  void HandleTranslationUnit(ASTContext& ctx) override {
    parsed_ = true;
    if (!finder_) return;
    ctx.setTraversalScope(roots_);
    finder_->matchAST(ctx);
  }

  bool shouldSkipFunctionBody(Decl* d) override {
    return sm_.isInSystemHeader(sm_.getExpansionLoc(d->getLocation()));
  }

 private:
  static bool is_instantiation(const Decl* d) {
    if (const auto* f = llvm::dyn_cast<FunctionDecl>(d)) return f->isTemplateInstantiation();
    if (const auto* c = llvm::dyn_cast<ClassTemplateSpecializationDecl>(d))
      return c->getSpecializationKind() == TSK_ImplicitInstantiation;
    return false;
  }

  const SourceManager& sm_;
  ast_matchers::MatchFinder* finder_;
  bool& parsed_;
  std::vector<Decl*> roots_;
};

class Action final : public ASTFrontendAction {
 public:
  Action(const EngineRules& rules, const fs::path& root, const fs::path& dir, TuResult& out,
         bool& parsed)
      : rules_(rules), root_(root), dir_(dir), out_(out), parsed_(parsed) {
    for (const DetectorSpec* d : rules.token)
      for (const auto& n : static_cast<const TokenConfig&>(*d->config).identifiers)
        names_[n].push_back(d);
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance& ci, StringRef) override {
    // Keep every error instead of stopping: a missing header must not end the parse, and the
    // error limit would switch off template instantiation (and with it matches).
    ci.getDiagnostics().setFatalsAsError(true);
    ci.getDiagnostics().setErrorLimit(0);
    ci.getFrontendOpts().SkipFunctionBodies = true;
    sink_ = std::make_unique<Sink>(ci.getSourceManager(), root_, dir_, out_);
    Preprocessor& pp = ci.getPreprocessor();
    if (!rules_.include.empty() || !names_.empty())
      pp.addPPCallbacks(std::make_unique<PPHooks>(rules_, *sink_, names_));
    if (!rules_.token.empty()) {
      auto watcher = std::make_shared<TokenWatcher>(rules_, *sink_, pp, names_);
      pp.setTokenWatcher([watcher](const Token& t) { (*watcher)(t); });
    }
    if (!rules_.clang.empty()) {
      finder_ = std::make_unique<ast_matchers::MatchFinder>();
      for (const DetectorSpec* d : rules_.clang) {
        callbacks_.push_back(std::make_unique<ClangCallback>(*d, *sink_));
        const auto& cfg = static_cast<const ClangConfig&>(*d->config);
        finder_->addDynamicMatcher(*cfg.matcher->matcher, callbacks_.back().get());
      }
    }
    return std::make_unique<Consumer>(ci.getSourceManager(), finder_.get(), parsed_);
  }

 private:
  const EngineRules& rules_;
  fs::path root_, dir_;
  TuResult& out_;
  bool& parsed_;
  llvm::StringMap<std::vector<const DetectorSpec*>> names_;
  std::unique_ptr<Sink> sink_;
  std::unique_ptr<ast_matchers::MatchFinder> finder_;
  std::vector<std::unique_ptr<ClangCallback>> callbacks_;
};

// Counts errors, remembers the first one and prints nothing.
class QuietDiagnostics final : public DiagnosticConsumer {
 public:
  void HandleDiagnostic(DiagnosticsEngine::Level level, const Diagnostic& info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < DiagnosticsEngine::Error || !first.empty()) return;
    llvm::SmallString<160> msg;
    info.FormatDiagnostic(msg);
    first = msg.str().str();
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      const auto& sm = info.getSourceManager();
      const PresumedLoc p = sm.getPresumedLoc(sm.getFileLoc(info.getLocation()));
      if (p.isValid()) first = fmt::format("{}:{}:{}: {}", p.getFilename(), p.getLine(),
                                           p.getColumn(), first);
    }
  }
  std::string first;
};

}  // namespace

TuResult parse_tu(const TuJob& job, const EngineRules& rules, const std::string& root) noexcept {
  TuResult out;
  try {
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> vfs = llvm::vfs::createPhysicalFileSystem();
    if (vfs->setCurrentWorkingDirectory(job.directory)) {
      out.notes.push_back(
          fmt::format("{}: not parsed: cannot enter directory '{}'", job.display, job.directory));
      return out;
    }
    // Reference-counted: the compiler instance takes and drops a reference to it.
    llvm::IntrusiveRefCntPtr<FileManager> files(new FileManager(FileSystemOptions{}, vfs));
    bool parsed = false;
    QuietDiagnostics diags;
    tooling::ToolInvocation inv(
        job.command, std::make_unique<Action>(rules, fs::path(root), fs::path(job.directory), out, parsed),
        files.get());
    inv.setDiagnosticConsumer(&diags);
    inv.run();
    if (!parsed) {
      out.outcome = TuOutcome::failed;
      out.notes.push_back(fmt::format("{}: not parsed{}{}", job.display,
                                      diags.first.empty() ? "" : ": ", diags.first));
    } else if (diags.getNumErrors() > 0) {
      out.outcome = TuOutcome::errors;
      out.notes.push_back(fmt::format("{}: parsed with {} error{}; evidence kept (first: {})",
                                      job.display, diags.getNumErrors(),
                                      diags.getNumErrors() == 1 ? "" : "s", diags.first));
    } else {
      out.outcome = TuOutcome::ok;
    }
  } catch (const std::exception& e) {
    out.outcome = TuOutcome::failed;
    out.notes.push_back(fmt::format("{}: not parsed: {}", job.display, e.what()));
  } catch (...) {
    out.outcome = TuOutcome::failed;
    out.notes.push_back(fmt::format("{}: not parsed: unexpected failure", job.display));
  }
  return out;
}

}  // namespace lambdafit::cpp
