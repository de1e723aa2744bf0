// The only file that includes Clang's frontend, tooling and matcher headers together: they
// cost ~25 s of compile time per file, so everything else stays behind parse_tu.hpp.
#include "scanning/clang/parse_tu.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/Basic/CharInfo.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/FileManager.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Sema/ExternalSemaSource.h>
#include <clang/Sema/Lookup.h>
#include <clang/Sema/Sema.h>
#include <clang/Sema/SemaConsumer.h>
#include <clang/Tooling/Tooling.h>
#include <fmt/format.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <re2/re2.h>

#include "core/glob.hpp"
#include "scanning/clang/configs.hpp"
#include "scanning/clang/matcher_impl.hpp"
#include "scanning/clang/read_guard.hpp"

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
  Sink(const SourceManager& sm, fs::path root, fs::path dir, std::string display, TuResult& out)
      : sm_(sm), root_(std::move(root)), dir_(std::move(dir)), display_(std::move(display)), out_(out) {}

  /// A callback failed: say so once per kind of step instead of dropping evidence silently.
  void lost(const char* step) noexcept {
    try {
      if (lost_.insert(step).second)
        out_.notes.push_back(fmt::format("{}: some evidence may be missing: {} failed", display_, step));
    } catch (...) {  // out of memory while reporting: nothing more can be done here
    }
  }

  /// A file location in a workload file that is not a system header.
  struct Place {
    const std::string& path;
    int line, column;
    FileID fid;
  };
  std::optional<Place> place(SourceLocation loc) {
    if (loc.isInvalid() || !loc.isFileID() || sm_.isInSystemHeader(loc)) return std::nullopt;
    const FileID fid = sm_.getFileID(loc);
    const std::string* rel = relative_path(fid);
    if (!rel) return std::nullopt;
    bool invalid = false;
    const unsigned line = sm_.getSpellingLineNumber(loc, &invalid);
    if (invalid) return std::nullopt;
    const unsigned column = sm_.getSpellingColumnNumber(loc, &invalid);
    if (invalid) return std::nullopt;
    return Place{*rel, static_cast<int>(line), static_cast<int>(column), fid};
  }

  /// The workload-relative path of a file the parse read, or null outside the workload.
  const std::string* path_of(FileID fid) { return relative_path(fid); }

  void add(SourceLocation loc, const DetectorSpec& d) {
    const auto at = place(loc);
    if (!at || !seen_.emplace(at->path, at->line, at->column, d.id).second) return;
    Evidence e;
    e.path = at->path;
    e.line = at->line;
    e.column = at->column;
    e.snippet = line_text(at->fid, sm_.getFileOffset(loc));
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
  std::string display_;
  TuResult& out_;
  std::set<std::string> lost_;
  std::unordered_map<unsigned, FileInfo> files_;
  std::set<std::tuple<std::string, int, int, std::string>> seen_;
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
      sink_.lost("an AST matcher callback");
    }
  }

 private:
  const DetectorSpec& spec_;
  const ClangConfig& cfg_;
  Sink& sink_;
};

// aws-sdk-cpp, through its own headers: calls of a member function of a client class
// declared in `Aws::<Service>`, and the string literals requests of `Aws::<Service>::Model`
// are given through `SetX`/`WithX`. Only calls in workload files are kept (the Sink).
class SdkCallback final : public ast_matchers::MatchFinder::MatchCallback {
 public:
  SdkCallback(Sink& sink, TuResult& out) : sink_(sink), out_(out) {}

  void run(const ast_matchers::MatchFinder::MatchResult& r) override {
    try {  // nothing may unwind through LLVM's frames
      const auto* call = r.Nodes.getNodeAs<CXXMemberCallExpr>("call");
      const CXXMethodDecl* m = call ? call->getMethodDecl() : nullptr;
      if (!m || !m->getIdentifier()) return;
      const CXXRecordDecl* cls = m->getParent();
      if (!cls || !cls->getIdentifier()) return;
      std::string ns;
      if (under_aws(cls->getDeclContext(), ns)) {
        if (cls->getName().ends_with("Client")) client_call(*call, *m, std::move(ns));
      } else if (in_model(*cls, ns)) {
        setter(*call, m->getName());
      }
    } catch (...) {
      sink_.lost("the aws-sdk-cpp call reader");
    }
  }

  /// Gives each call the literals its request was set with (setters may come after the call in
  /// the traversal, as in `PutItem(Request().WithTableName("t"))`).
  void finish() noexcept {
    try {
      for (auto& [index, key] : pending_) {
        if (auto it = literals_.find(key); it != literals_.end()) out_.sdk_sites[index].literals = it->second;
        if (auto it = env_.find(key); it != env_.end()) out_.sdk_sites[index].env = it->second;
      }
    } catch (...) {
      sink_.lost("the aws-sdk-cpp call reader");
    }
  }

 private:
  /// Whether `dc` is a namespace directly inside a top-level `Aws`; its name goes to `ns`.
  static bool under_aws(const DeclContext* dc, std::string& ns) {
    const auto* svc = llvm::dyn_cast_or_null<NamespaceDecl>(dc);
    if (!svc || !svc->getIdentifier()) return false;
    const auto* aws = llvm::dyn_cast_or_null<NamespaceDecl>(svc->getDeclContext());
    if (!aws || !aws->getIdentifier() || aws->getName() != "Aws" ||
        !aws->getDeclContext()->getRedeclContext()->isTranslationUnit())
      return false;
    ns = svc->getName().str();
    return true;
  }

  /// Whether a class is declared in `Aws::<Service>::Model` (a request); the service to `ns`.
  static bool in_model(const CXXRecordDecl& cls, std::string& ns) {
    const auto* model = llvm::dyn_cast<NamespaceDecl>(cls.getDeclContext());
    return model && model->getIdentifier() && model->getName() == "Model" && under_aws(model->getDeclContext(), ns);
  }

  /// The variable or temporary a request expression starts from: `req` in `req`, and in
  /// `req.WithBucket("b").WithKey(k)`; the temporary in `Request().WithTableName("t")`.
  static const void* request_root(const Expr* e) {
    for (int i = 0; e && i < 32; ++i) {
      e = e->IgnoreParenImpCasts()->IgnoreImplicit();
      if (const auto* d = llvm::dyn_cast<DeclRefExpr>(e)) return d->getDecl()->getCanonicalDecl();
      if (const auto* c = llvm::dyn_cast<CXXMemberCallExpr>(e)) {
        e = c->getImplicitObjectArgument();
        continue;
      }
      if (llvm::isa<CXXConstructExpr>(e)) return e;
      return nullptr;
    }
    return nullptr;
  }

  /// An argument without the conversions to the SDK's string type around it (implicit casts,
  /// `Aws::String(…)` constructions); null when they nest deeper than real code does.
  static const Expr* unwrapped(const Expr* e) {
    for (int i = 0; e && i < 8; ++i) {
      e = e->IgnoreParenImpCasts()->IgnoreImplicit();
      if (const auto* c = llvm::dyn_cast<CXXConstructExpr>(e)) e = c->getNumArgs() > 0 ? c->getArg(0) : nullptr;
      else if (const auto* f = llvm::dyn_cast<CXXFunctionalCastExpr>(e)) e = f->getSubExpr();
      else return e;
    }
    return nullptr;
  }

  /// The string literal an argument is.
  static const StringLiteral* literal(const Expr* e) { return llvm::dyn_cast_or_null<StringLiteral>(unwrapped(e)); }

  void client_call(const CXXMemberCallExpr& call, const CXXMethodDecl& m, std::string ns) {
    const auto where = sink_.place(sink_.sm().getFileLoc(call.getBeginLoc()));
    if (!where) return;
    SdkSite s;
    s.path = where->path;
    s.line = where->line;
    s.column = where->column;
    s.ns = std::move(ns);
    s.method = m.getName().str();
    if (call.getNumArgs() > 0) {
      const Expr* arg = call.getArg(0);
      const QualType t = arg->getType().getNonReferenceType().getUnqualifiedType().getCanonicalType();
      std::string req_ns;
      if (const auto* rd = t->getAsCXXRecordDecl(); rd && rd->getIdentifier() && in_model(*rd, req_ns) && req_ns == s.ns)
        s.request = rd->getName().str();
      if (const void* root = request_root(arg)) pending_.emplace_back(out_.sdk_sites.size(), root);
    }
    out_.sdk_sites.push_back(std::move(s));
  }

  /// The environment variable an argument reads: `std::getenv("X")`, `getenv("X")`,
  /// `Aws::Environment::GetEnv("X")`, directly or through a variable initialised with one.
  static std::optional<std::string> env_name(const Expr* e) {
    for (int i = 0; e && i < 4; ++i) {
      e = unwrapped(e);
      if (!e) return std::nullopt;
      if (const auto* d = llvm::dyn_cast<DeclRefExpr>(e)) {  // const char* b = std::getenv("B");
        const auto* v = llvm::dyn_cast<VarDecl>(d->getDecl());
        e = v && v->hasInit() && !v->hasGlobalStorage() ? v->getInit() : nullptr;
        continue;
      }
      const auto* call = llvm::dyn_cast<CallExpr>(e);
      const auto* fn = call ? call->getDirectCallee() : nullptr;
      if (!fn || !fn->getIdentifier() || call->getNumArgs() != 1) return std::nullopt;
      if (fn->getName() != "getenv" && fn->getName() != "secure_getenv" && fn->getName() != "GetEnv")
        return std::nullopt;
      const StringLiteral* lit = literal(call->getArg(0));
      if (!lit || lit->getCharByteWidth() != 1) return std::nullopt;
      return lit->getString().str();
    }
    return std::nullopt;
  }

  void setter(const CXXMemberCallExpr& call, llvm::StringRef name) {
    llvm::StringRef param;
    if (name.starts_with("Set")) param = name.drop_front(3);
    else if (name.starts_with("With")) param = name.drop_front(4);
    if (param.empty() || call.getNumArgs() != 1) return;
    const StringLiteral* lit = literal(call.getArg(0));
    const auto env = lit ? std::nullopt : env_name(call.getArg(0));
    if ((!lit || lit->getCharByteWidth() != 1) && !env) return;
    const void* root = request_root(call.getImplicitObjectArgument());
    if (!root) return;
    auto& list = lit ? literals_[root] : env_[root];
    if (list.size() < 16) list.emplace_back(param.str(), lit ? lit->getString().str() : *env);
  }

  Sink& sink_;
  TuResult& out_;
  std::vector<std::pair<std::size_t, const void*>> pending_;
  std::map<const void*, std::vector<std::pair<std::string, std::string>>> literals_, env_;
};

// Inactive #if blocks per file inclusion, as [begin, end] offsets.
using SkippedRanges = std::unordered_map<unsigned, std::vector<std::pair<unsigned, unsigned>>>;

// Include directives in active code, and what the token scan needs: the files entered and
// the #if blocks the preprocessor skipped in each.
class PPHooks final : public PPCallbacks {
 public:
  /// `<aws/…>` includes that resolved and that did not (aws-sdk-cpp's headers present or not).
  struct SdkIncludes {
    unsigned resolved = 0, missing = 0;
  };

  /// #if blocks of workload files skipped on a macro nothing read had defined, after an
  /// include that found no file (which may have defined it: nginx's NGX_HAVE_* come from a
  /// header its configure writes). Their code was not read; the unit's note says so.
  struct Unsure {
    unsigned blocks = 0;
    std::string first;  ///< path:line of the first
  };

  PPHooks(const EngineRules& rules, Sink& sink, std::vector<FileID>& entered,
          SkippedRanges& skipped, SdkIncludes& sdk, bool& missing_include, Unsure& unsure,
          Preprocessor& pp)
      : rules_(rules), sink_(sink), entered_(entered), skipped_(skipped), sdk_(sdk),
        missing_include_(missing_include), unsure_(unsure), pp_(pp) {}

  void If(SourceLocation loc, SourceRange cond, ConditionValueKind value) override {
    if (value == CVK_False) condition(loc, cond);
  }
  void Elif(SourceLocation loc, SourceRange cond, ConditionValueKind value, SourceLocation) override {
    if (value == CVK_False) condition(loc, cond);
  }
  void Ifdef(SourceLocation loc, const Token& name, const MacroDefinition& def) override {
    if (!def && missing_include_ && !reserved(name.getIdentifierInfo()) && in_workload(loc)) count(loc);
  }

  void InclusionDirective(SourceLocation hash, const Token&, StringRef name, bool,
                          CharSourceRange, OptionalFileEntryRef file, StringRef, StringRef,
                          const Module*, bool, SrcMgr::CharacteristicKind) override {
    try {
      if (!file) missing_include_ = true;
      if (rules_.sdk && name.starts_with("aws/")) ++(file ? sdk_.resolved : sdk_.missing);
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
      sink_.lost("an include detector");
    }
  }

  void FileChanged(SourceLocation loc, FileChangeReason reason, SrcMgr::CharacteristicKind kind,
                   FileID) override {
    try {
      if (reason == EnterFile && kind == SrcMgr::C_User && loc.isFileID())
        entered_.push_back(sink_.sm().getFileID(loc));
    } catch (...) {
      sink_.lost("tracking entered files");
    }
  }

  void SourceRangeSkipped(SourceRange range, SourceLocation) override {
    try {
      const auto& sm = sink_.sm();
      const SourceLocation b = sm.getFileLoc(range.getBegin());
      const SourceLocation e = sm.getFileLoc(range.getEnd());
      if (sm.getFileID(b) != sm.getFileID(e)) return;
      skipped_[sm.getFileID(b).getHashValue()].emplace_back(sm.getFileOffset(b),
                                                            sm.getFileOffset(e));
    } catch (...) {
      sink_.lost("tracking #if blocks");
    }
  }

 private:
  const EngineRules& rules_;
  Sink& sink_;
  std::vector<FileID>& entered_;
  // A condition that came out false and names a macro nothing defined (not `defined`, not a
  // reserved name such as _WIN32 or __APPLE__: those are the compiler's to define). The
  // condition is lexed raw, so literals (`__has_include("x.h")`) and comments are no names.
  void condition(SourceLocation loc, SourceRange cond) {
    if (!missing_include_ || !in_workload(loc)) return;
    try {
      const SourceManager& sm = sink_.sm();
      const LangOptions& lang = pp_.getLangOpts();
      const auto [fid, begin] = sm.getDecomposedLoc(cond.getBegin());
      const unsigned end = sm.getFileOffset(cond.getEnd());
      bool invalid = false;
      const llvm::StringRef buf = sm.getBufferData(fid, &invalid);
      if (invalid || sm.getFileID(cond.getEnd()) != fid || end < begin || end > buf.size()) return;
      // The lexer needs the buffer's own end (a NUL follows it); the condition's end is checked.
      Lexer lex(sm.getLocForStartOfFile(fid), lang, buf.begin(), buf.begin() + begin, buf.end());
      Token t;
      for (bool last = false; !last;) {
        last = lex.LexFromRawLexer(t);
        if (t.is(tok::eof) || sm.getFileOffset(t.getLocation()) >= end) break;
        if (t.isNot(tok::raw_identifier) || t.getRawIdentifier() == "defined") continue;
        const IdentifierInfo* id = pp_.getIdentifierInfo(t.getRawIdentifier());
        if (!reserved(id) && !pp_.isMacroDefined(id)) return count(loc);
      }
    } catch (...) {
      sink_.lost("tracking #if blocks");
    }
  }

  static bool reserved(const IdentifierInfo* id) {
    if (!id) return true;
    const llvm::StringRef n = id->getName();
    return n.size() >= 2 && n[0] == '_' && (n[1] == '_' || isUppercase(n[1]));
  }

  // A directive in a file of the workload (not a system header, not outside the root).
  bool in_workload(SourceLocation loc) {
    const SourceManager& sm = sink_.sm();
    return loc.isFileID() && !sm.isInSystemHeader(loc) && sink_.path_of(sm.getFileID(loc));
  }

  void count(SourceLocation loc) {
    const SourceManager& sm = sink_.sm();
    if (unsure_.blocks++ == 0)
      unsure_.first = fmt::format("{}:{}", *sink_.path_of(sm.getFileID(loc)), sm.getSpellingLineNumber(loc));
  }

  SkippedRanges& skipped_;
  SdkIncludes& sdk_;
  bool& missing_include_;
  Unsure& unsure_;
  Preprocessor& pp_;
};

// The `token` detectors: lexes each workload file the preprocessor entered, raw (so comments
// are not tokens), leaving out directive lines and the #if blocks the preprocessor skipped.
// Working on the file text rather than the parser's token stream keeps it independent of
// how the parser recovers from errors (missing SDK headers leave many).
class TokenScan {
 public:
  TokenScan(const EngineRules& rules, Sink& sink) : sink_(sink) {
    for (const DetectorSpec* d : rules.token) {
      const auto& cfg = static_cast<const TokenConfig&>(*d->config);
      for (const auto& n : cfg.identifiers) names_[n].push_back(d);
      if (cfg.identifier_regex) id_regex_.push_back(d);
      if (cfg.string_regex) str_regex_.push_back(d);
    }
  }

  void run(const LangOptions& lang, std::vector<FileID> files, const SkippedRanges& skipped) {
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    for (FileID fid : files) {
      auto it = skipped.find(fid.getHashValue());
      scan_file(lang, fid, it == skipped.end() ? kNone : it->second);
    }
  }

 private:
  void scan_file(const LangOptions& lang, FileID fid,
                 const std::vector<std::pair<unsigned, unsigned>>& skipped) {
    const SourceManager& sm = sink_.sm();
    if (sm.isInSystemHeader(sm.getLocForStartOfFile(fid))) return;
    bool invalid = false;
    const llvm::StringRef buf = sm.getBufferData(fid, &invalid);
    if (invalid) return;
    Lexer lex(sm.getLocForStartOfFile(fid), lang, buf.begin(), buf.begin(), buf.end());
    Token t;
    bool directive = false;
    for (;;) {
      const bool last = lex.LexFromRawLexer(t);
      if (t.is(tok::eof)) break;
      if (t.isAtStartOfLine()) directive = t.is(tok::hash);
      if (!directive) token(t, skipped);
      if (last) break;
    }
  }

  void token(const Token& t, const std::vector<std::pair<unsigned, unsigned>>& skipped) {
    const bool ident = t.is(tok::raw_identifier);
    const bool str = !ident && !str_regex_.empty() && tok::isStringLiteral(t.getKind());
    if (!ident && !str) return;
    std::vector<const DetectorSpec*> hits;
    if (ident) {
      const llvm::StringRef name = t.getRawIdentifier();
      if (auto it = names_.find(name); it != names_.end())
        hits.insert(hits.end(), it->second.begin(), it->second.end());
      for (const DetectorSpec* d : id_regex_)
        if (re2::RE2::FullMatch(piece(name), *static_cast<const TokenConfig&>(*d->config)
                                                   .identifier_regex))
          hits.push_back(d);
    } else {
      const llvm::StringRef text(t.getLiteralData(), t.getLength());
      const auto open = text.find('"');
      const auto close = text.rfind('"');
      if (open == llvm::StringRef::npos || close <= open) return;
      const llvm::StringRef body = text.slice(open + 1, close);
      for (const DetectorSpec* d : str_regex_)
        if (re2::RE2::PartialMatch(piece(body),
                                   *static_cast<const TokenConfig&>(*d->config).string_regex))
          hits.push_back(d);
    }
    if (hits.empty()) return;
    const unsigned offset = sink_.sm().getFileOffset(t.getLocation());
    for (const auto& [b, e] : skipped)
      if (offset >= b && offset <= e) return;  // inside an inactive #if block
    for (const DetectorSpec* d : hits) sink_.add(t.getLocation(), *d);
  }

  static inline const std::vector<std::pair<unsigned, unsigned>> kNone{};
  Sink& sink_;
  llvm::StringMap<std::vector<const DetectorSpec*>> names_;
  std::vector<const DetectorSpec*> id_regex_, str_regex_;
};

// In a unit with errors, a call one of whose arguments calls into a header that is missing
// (`daemon(sdk_flags(), 0)`: the argument is a recovery expression of unknown type) is left
// unresolved: Clang keeps the call and the functions its name found, but no callee, so
// `callee(functionDecl(...))` never sees it. Where the name found exactly one function, no template, and nothing else can
// be called — a qualified name, C (no argument-dependent lookup), or a C function (an
// overload that only an unknown argument type's namespace could add would be C++) — and the
// call passes as many arguments as it takes, that function is what the code calls: the call
// is pointed at it. Anything else stays unresolved. (A plain undeclared name as an argument,
// `setrlimit(SDK_LIMIT, &rl)`, is beyond this: with spelling correction off Clang drops the
// whole statement, so nothing is left to point. In C, MissingHeaderNames keeps it.)
class ResolveErrorCalls final : public RecursiveASTVisitor<ResolveErrorCalls> {
 public:
  explicit ResolveErrorCalls(ASTContext& ctx) : ctx_(ctx) {}

  bool VisitCallExpr(CallExpr* call) {
    if (!call->containsErrors() || !call->getCallee()) return true;
    auto* lookup = llvm::dyn_cast<UnresolvedLookupExpr>(call->getCallee()->IgnoreParens());
    if (!lookup || lookup->getNumDecls() != 1 || lookup->hasExplicitTemplateArgs()) return true;
    auto* fn = llvm::dyn_cast<FunctionDecl>((*lookup->decls_begin())->getUnderlyingDecl());
    if (!fn || fn->getDescribedFunctionTemplate() || llvm::isa<CXXMethodDecl>(fn)) return true;
    if (lookup->requiresADL() && ctx_.getLangOpts().CPlusPlus && !fn->isExternC()) return true;
    // As many arguments as it takes: `daemon(sdk_flag())` calls nothing that compiles.
    const unsigned args = call->getNumArgs();
    if (args < fn->getMinRequiredArguments() || (!fn->isVariadic() && args > fn->getNumParams())) return true;
    call->setCallee(DeclRefExpr::Create(ctx_, lookup->getQualifierLoc(), SourceLocation(), fn,
                                        /*RefersToEnclosingVariableOrCapture=*/false,
                                        lookup->getNameInfo(), fn->getType(), VK_LValue));
    return true;
  }

 private:
  ASTContext& ctx_;
};

// In C, once an include is missing, a statement that names one of the header's constants
// (`event_base_loop(base, EVLOOP_ONCE)`, `setrlimit(SDK_LIMIT, &rl)`) is dropped whole: the
// name is undeclared, and with spelling correction off nothing stands in for it. So a name
// that lookup cannot find, used inside a function body where only an expression can stand,
// finds a stand-in: an `int` declared nowhere (in no scope, so each use decides again).
// "Only an expression": the token after the name can only follow an operand (`)`, `,`, `;`,
// a binary operator), never a declarator (`evutil_socket_t fd;`, `T *p;`); and before `)`
// only after `,`, an operator or a call's `(` (`f(T)`) — a cast `(T)x`, `sizeof(T)` or
// `if (T)` is left as it was, since there T may be a type. Names inside macro expansions are left too (their next
// token is not the text's). Units with every include found, C++ and system headers never ask.
class MissingHeaderNames final : public ExternalSemaSource {
 public:
  MissingHeaderNames(Sema& sema, const bool& missing_include)
      : sema_(sema), missing_include_(missing_include) {}

  bool LookupUnqualified(LookupResult& r, Scope* scope) override {
    if (!missing_include_ || !scope || !scope->getFnParent()) return false;
    if (r.getLookupKind() != Sema::LookupOrdinaryName || r.isForRedeclaration()) return false;
    const IdentifierInfo* id = r.getLookupName().getAsIdentifierInfo();
    const SourceLocation loc = r.getNameLoc();
    const SourceManager& sm = sema_.getSourceManager();
    if (!id || !loc.isFileID() || sm.isInSystemHeader(loc) || !operand_only(loc)) return false;
    VarDecl*& d = standins_[id];
    if (!d) {
      ASTContext& ctx = sema_.getASTContext();
      d = VarDecl::Create(ctx, ctx.getTranslationUnitDecl(), loc, loc, id, ctx.IntTy,
                          ctx.getTrivialTypeSourceInfo(ctx.IntTy, loc), SC_Extern);
      d->setImplicit();
    }
    r.addDecl(d);
    return true;
  }

 private:
  bool operand_only(SourceLocation loc) const {
    const SourceManager& sm = sema_.getSourceManager();
    const LangOptions& lang = sema_.getLangOpts();
    const std::optional<Token> next = Lexer::findNextToken(loc, sm, lang);
    if (!next) return false;
    switch (next->getKind()) {
      case tok::r_paren:
        return call_argument(loc);
      case tok::comma: case tok::semi: case tok::r_square: case tok::question: case tok::colon:
      case tok::pipe: case tok::pipepipe: case tok::amp: case tok::ampamp: case tok::caret:
      case tok::plus: case tok::minus: case tok::slash: case tok::percent:
      case tok::equalequal: case tok::exclaimequal: case tok::less: case tok::greater:
      case tok::lessequal: case tok::greaterequal: case tok::lessless: case tok::greatergreater:
      case tok::equal: case tok::pipeequal: case tok::ampequal: case tok::caretequal:
      case tok::plusequal: case tok::minusequal: case tok::starequal: case tok::slashequal:
      case tok::percentequal: case tok::lesslessequal: case tok::greatergreaterequal:
        return true;
      default:  // a name, `*`, `(`, `[`, `.`, `->`, `{`: a declaration, a call or worse
        return false;
    }
  }

  // `name)`: an operand after `,` or an operator, or a call's argument right after its `(`
  // (`f(name)`: the word before `(` a name that is not a keyword; not `sizeof(T)`, `if (T)`,
  // `return (T)x`, `(T)x`).
  bool call_argument(SourceLocation loc) const {
    const SourceManager& sm = sema_.getSourceManager();
    bool invalid = false;
    const llvm::StringRef buf = sm.getBufferData(sm.getFileID(loc), &invalid);
    if (invalid) return false;
    size_t i = sm.getFileOffset(loc);
    while (i > 0 && isWhitespace(buf[i - 1])) --i;
    if (i == 0) return false;
    // After `,` or an operator (`&name)`, `!name)`, `a | name)`) it is an operand; not after `*`
    // (`(char *name)` declares) nor after anything else (a comment, a name: not known).
    if (std::string_view(",&!~-+|^%=<>?:").find(buf[i - 1]) != std::string_view::npos) return true;
    if (buf[i - 1] != '(') return false;
    --i;
    while (i > 0 && isWhitespace(buf[i - 1])) --i;
    const size_t end = i;
    while (i > 0 && isAsciiIdentifierContinue(buf[i - 1])) --i;
    if (i == end || isDigit(buf[i])) return false;
    const IdentifierInfo& word = sema_.getPreprocessor().getIdentifierTable().get(buf.slice(i, end));
    return !word.isKeyword(sema_.getLangOpts());
  }

  Sema& sema_;
  const bool& missing_include_;
  llvm::DenseMap<const IdentifierInfo*, VarDecl*> standins_;
};

// Runs the matchers over the user's own top-level declarations only, and lets the parser skip
// function bodies in system headers.
class Consumer final : public SemaConsumer {
 public:
  /// `finder` gives the matchers to run once the unit is parsed (null: none).
  Consumer(const SourceManager& sm, std::function<ast_matchers::MatchFinder*()> finder, bool& parsed,
           std::function<void(const LangOptions&)> at_end, std::function<void()> after_match,
           const bool& missing_include)
      : sm_(sm), finder_(std::move(finder)), parsed_(parsed), at_end_(std::move(at_end)),
        after_match_(std::move(after_match)), missing_include_(missing_include) {}

  void InitializeSema(Sema& sema) override {
    const LangOptions& lang = sema.getLangOpts();
    if (!lang.CPlusPlus && !lang.ObjC)  // Sema holds the source by reference count
      sema.addExternalSource(new MissingHeaderNames(sema, missing_include_));
  }

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
    at_end_(ctx.getLangOpts());
    ast_matchers::MatchFinder* finder = finder_();
    if (!finder) return;
    ctx.setTraversalScope(roots_);
    if (ctx.getDiagnostics().hasErrorOccurred()) ResolveErrorCalls(ctx).TraverseAST(ctx);
    finder->matchAST(ctx);
    after_match_();
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
  std::function<ast_matchers::MatchFinder*()> finder_;
  bool& parsed_;
  std::function<void(const LangOptions&)> at_end_;
  std::function<void()> after_match_;
  const bool& missing_include_;
  std::vector<Decl*> roots_;
};

class Action final : public ASTFrontendAction {
 public:
  Action(const EngineRules& rules, const fs::path& root, const fs::path& dir, std::string display,
         TuResult& out, bool& parsed, PPHooks::Unsure& unsure)
      : rules_(rules), root_(root), dir_(dir), display_(std::move(display)), out_(out), parsed_(parsed),
        unsure_(unsure) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance& ci, StringRef) override {
    // Keep every error instead of stopping: a missing header must not end the parse, and the
    // error limit would switch off template instantiation (and with it matches).
    ci.getDiagnostics().setFatalsAsError(true);
    ci.getDiagnostics().setErrorLimit(0);
    // Warnings are never reported, and with them ignored Clang skips the analyses behind them
    // (a CFG per function for -Wreturn-type and the like). So are warnings a -Werror turned
    // into errors (they leave the parse whole); real errors still count.
    ci.getDiagnostics().setIgnoreAllWarnings(true);
    ci.getFrontendOpts().SkipFunctionBodies = true;
    // No typo correction: with a header missing, every name it declared is unknown, and
    // correcting each one searched every name in scope (most of a parse's cost in a tree whose
    // SDK headers are absent). A corrected name would also be a guess, not what the code says.
    ci.getLangOpts().SpellChecking = false;
    ci.getDiagnosticOpts().ShowCarets = false;  // also silences "N errors generated"
    const SourceManager& sm = ci.getSourceManager();
    sink_ = std::make_unique<Sink>(sm, root_, dir_, display_, out_);
    ci.getPreprocessor().addPPCallbacks(
        std::make_unique<PPHooks>(rules_, *sink_, entered_, skipped_, sdk_includes_, missing_include_,
                                  unsure_, ci.getPreprocessor()));
    if (!rules_.clang.empty()) {
      finder_ = std::make_unique<ast_matchers::MatchFinder>();
      for (const DetectorSpec* d : rules_.clang) {
        callbacks_.push_back(std::make_unique<ClangCallback>(*d, *sink_));
        const auto& cfg = static_cast<const ClangConfig&>(*d->config);
        finder_->addDynamicMatcher(*cfg.matcher->matcher, callbacks_.back().get());
      }
    }
    // The aws-sdk-cpp reader joins only once the unit is parsed and every <aws/…> include it
    // made resolved: other units (most) pay nothing for it.
    auto finder = [this]() -> ast_matchers::MatchFinder* {
      if (rules_.sdk && sdk_includes_.resolved > 0 && sdk_includes_.missing == 0) {
        try {
          if (!finder_) finder_ = std::make_unique<ast_matchers::MatchFinder>();
          sdk_ = std::make_unique<SdkCallback>(*sink_, out_);
          finder_->addMatcher(ast_matchers::cxxMemberCallExpr().bind("call"), sdk_.get());
        } catch (...) {
          sink_->lost("the aws-sdk-cpp call reader");
        }
      }
      return finder_.get();
    };
    auto after_match = [this, &sm] {
      if (!sdk_) return;
      sdk_->finish();
      try {  // every SDK include resolved: this unit's files were read with the SDK's headers
        std::set<std::string> files;
        if (const auto* p = sink_->path_of(sm.getMainFileID())) files.insert(*p);
        for (FileID f : entered_)
          if (!sm.isInSystemHeader(sm.getLocForStartOfFile(f)))
            if (const auto* p = sink_->path_of(f)) files.insert(*p);
        out_.sdk_files.assign(files.begin(), files.end());
      } catch (...) {
        sink_->lost("the aws-sdk-cpp call reader");
      }
    };
    auto at_end = [this, &sm](const LangOptions& lang) {
      if (rules_.token.empty()) return;
      try {
        entered_.push_back(sm.getMainFileID());
        TokenScan(rules_, *sink_).run(lang, entered_, skipped_);
      } catch (...) {
        sink_->lost("the token scan");
      }
    };
    return std::make_unique<Consumer>(sm, finder, parsed_, at_end, after_match, missing_include_);
  }

 private:
  const EngineRules& rules_;
  fs::path root_, dir_;
  std::string display_;
  TuResult& out_;
  bool& parsed_;
  PPHooks::Unsure& unsure_;
  std::unique_ptr<Sink> sink_;
  std::vector<FileID> entered_;
  SkippedRanges skipped_;
  PPHooks::SdkIncludes sdk_includes_;
  bool missing_include_ = false;  // an #include that found no file
  std::unique_ptr<ast_matchers::MatchFinder> finder_;
  std::vector<std::unique_ptr<ClangCallback>> callbacks_;
  std::unique_ptr<SdkCallback> sdk_;
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
    llvm::IntrusiveRefCntPtr<ReadGuard> guard;
    if (!job.readable.empty()) {
      guard = llvm::makeIntrusiveRefCnt<ReadGuard>(vfs, job.readable, job.file);
      vfs = guard;
    }
    if (vfs->setCurrentWorkingDirectory(job.directory)) {
      out.notes.push_back(
          fmt::format("{}: not parsed: cannot enter directory '{}'", job.display, job.directory));
      return out;
    }
    // Reference-counted: the compiler instance takes and drops a reference to it.
    llvm::IntrusiveRefCntPtr<FileManager> files(new FileManager(FileSystemOptions{}, vfs));
    bool parsed = false;
    PPHooks::Unsure unsure;
    QuietDiagnostics diags;
    tooling::ToolInvocation inv(
        job.command, std::make_unique<Action>(rules, fs::path(root), fs::path(job.directory), job.display, out,
                                             parsed, unsure),
        files.get());
    inv.setDiagnosticConsumer(&diags);
    inv.run();
    if (guard) {
      out.inputs = guard->opened();
      out.missing = guard->missing();
    }
    if (guard && !guard->refused().empty())
      out.notes.push_back(fmt::format("{}: {} file{} outside the workload and the system header directories "
                                      "not read (first: {})",
                                      job.display, guard->refused().size(), guard->refused().size() == 1 ? "" : "s",
                                      guard->refused().front()));
    if (!parsed) {
      out.outcome = TuOutcome::failed;
      out.notes.push_back(fmt::format("{}: not parsed{}{}", job.display,
                                      diags.first.empty() ? "" : ": ", diags.first));
    } else if (diags.getNumErrors() > 0) {
      out.outcome = TuOutcome::errors;
      out.notes.push_back(fmt::format("{}: parsed with {} error{}; evidence kept (first: {})",
                                      job.display, diags.getNumErrors(),
                                      diags.getNumErrors() == 1 ? "" : "s", diags.first));
      if (unsure.blocks > 0)  // reports/coverage.cpp groups this form
        out.notes.push_back(fmt::format("{}: {} #if block{} not read: skipped on a macro nothing defined "
                                        "after a missing include, which may define it (first: {})",
                                        job.display, unsure.blocks, unsure.blocks == 1 ? "" : "s", unsure.first));
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
