// The descriptor tree, and the YAML and JSON readers (yaml-cpp and nlohmann-json).
#include "scanning/descriptors/document.hpp"

#include <cctype>
#include <iterator>
#include <tuple>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "core/yaml_fast.hpp"
#include "core/yaml_file.hpp"

namespace lambdafit::descriptors {

namespace {

// Anchors can make a small file expand into a huge tree; stop converting past these.
constexpr std::size_t kMaxNodes = 200000;
constexpr int kMaxDepth = 64;

}  // namespace

DocNode::DocNode() = default;
DocNode::~DocNode() = default;
DocNode::DocNode(const DocNode&) = default;
DocNode::DocNode(DocNode&&) noexcept = default;
DocNode& DocNode::operator=(const DocNode&) = default;
DocNode& DocNode::operator=(DocNode&&) noexcept = default;

const DocNode* DocNode::child(std::string_view key) const {
  if (type != Type::map) return nullptr;
  for (const auto& [k, v] : items)
    if (k == key) return &v;
  return nullptr;
}

std::string DocNode::text() const {
  if (type == Type::scalar) return scalar;
  if (type != Type::list) return {};
  std::string out;
  for (const auto& [k, v] : items) {
    if (v.type != Type::scalar) continue;
    if (!out.empty()) out += ' ';
    out += v.scalar;
  }
  return out;
}

DocNode DocNode::make_scalar(std::string s, int line, int column) {
  DocNode n;
  n.type = Type::scalar;
  n.scalar = std::move(s);
  n.line = line;
  n.column = column;
  return n;
}

DocNode DocNode::make_map(int line, int column) {
  DocNode n;
  n.type = Type::map;
  n.line = line;
  n.column = column;
  return n;
}

DocNode DocNode::make_list(int line, int column) {
  DocNode n = make_map(line, column);
  n.type = Type::list;
  return n;
}

std::pair<int, int> position_of(std::string_view text, std::size_t offset) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

const std::vector<std::string>& document_types() {
  static const std::vector<std::string> types{"automake", "dockerfile", "hcl",  "ini",
                                              "json",     "procfile",   "toml", "yaml"};
  return types;
}

Document read_document(std::string_view type, std::string_view text) {
  if (type == "yaml") return read_yaml(text);
  if (type == "json") return read_json(text);
  if (type == "ini") return read_ini(text);
  if (type == "procfile") return read_procfile(text);
  if (type == "dockerfile") return read_dockerfile(text);
  if (type == "hcl") return read_hcl(text);
  if (type == "toml") return read_toml(text);
  if (type == "automake") return read_automake(text);
  Document d;
  d.error = ReadError{1, 1, "unknown document type"};
  return d;
}

// ------------------------------------------------------------------------------------------
// YAML

namespace {

struct YamlConvert {
  std::size_t nodes = 0;
  bool too_big = false;

  DocNode convert(const YAML::Node& n, int depth) {
    DocNode out = convert_untagged(n, depth);
    if (const std::string& t = n.Tag(); t.size() > 1 && t.front() == '!') out.tag = t;
    return out;
  }

  DocNode convert_untagged(const YAML::Node& n, int depth) {
    const auto m = n.Mark();
    const int line = m.line + 1, col = m.column + 1;
    if (++nodes > kMaxNodes || depth > kMaxDepth) {
      too_big = true;
      return {};
    }
    switch (n.Type()) {
      case YAML::NodeType::Scalar: return DocNode::make_scalar(n.Scalar(), line, col);
      case YAML::NodeType::Sequence: {
        DocNode out = DocNode::make_list(line, col);
        for (const auto& item : n) {
          if (too_big) break;
          out.items.emplace_back("", convert(item, depth + 1));
        }
        return out;
      }
      case YAML::NodeType::Map: {
        DocNode out = DocNode::make_map(line, col);
        for (const auto& kv : n) {
          if (too_big) break;
          DocNode v = convert(kv.second, depth + 1);
          // An entry is found at its key, which is what the evidence points at.
          const auto km = kv.first.Mark();
          v.line = km.line + 1;
          v.column = km.column + 1;
          out.items.emplace_back(kv.first.IsScalar() ? kv.first.Scalar() : std::string(),
                                 std::move(v));
        }
        return out;
      }
      default: {
        DocNode out;
        out.line = line;
        out.column = col;
        return out;
      }
    }
  }
};

}  // namespace

Document read_yaml(std::string_view text) {
  Document d;
  try {
    // The file is the workload's: refuse what would overflow the stack or loop forever.
    if (const auto at = yaml_too_deep(text)) {
      const auto [line, column] = position_of(text, *at);
      d.error = ReadError{line, column, "nested too deeply; not read"};
      return d;
    }
    // Local tags such as CloudFormation's !Ref, !Sub, !GetAtt and !If load as tagged nodes.
    // libyaml reads the stream when it can (core/yaml_fast.hpp); otherwise yaml-cpp does,
    // after the check that its LoadAll would end.
    auto fast = load_yaml_fast(text, /*first_only=*/false);
    if (!fast) {
      if (const auto stall = yaml_stalls(text)) {
        d.error = ReadError{stall->line + 1, stall->column + 1, "malformed YAML: the document cannot be read past here"};
        return d;
      }
    }
    const auto docs = fast ? std::move(*fast) : YAML::LoadAll(std::string(text));
    YamlConvert conv;
    for (const auto& doc : docs) {
      if (!doc || doc.IsNull()) continue;
      d.roots.push_back(conv.convert(doc, 0));
      if (conv.too_big) {
        d.error = ReadError{doc.Mark().line + 1, doc.Mark().column + 1,
                            "document too large or too deeply nested; read in part"};
        break;
      }
    }
  } catch (const YAML::Exception& e) {
    d.error = ReadError{e.mark.line + 1, e.mark.column + 1, e.msg};
  }
  return d;
}

// ------------------------------------------------------------------------------------------
// JSON: nlohmann's SAX interface gives no positions, so the input iterator records the last
// character the lexer read; a key event arrives just after its closing quote.

namespace {

struct TrackingIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* p = nullptr;
  const char** last = nullptr;

  reference operator*() const {
    *last = p;
    return *p;
  }
  TrackingIterator& operator++() {
    ++p;
    return *this;
  }
  TrackingIterator operator++(int) {
    auto t = *this;
    ++p;
    return t;
  }
  friend bool operator==(const TrackingIterator& a, const TrackingIterator& b) { return a.p == b.p; }
  friend bool operator!=(const TrackingIterator& a, const TrackingIterator& b) { return a.p != b.p; }
};

class JsonBuilder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  JsonBuilder(std::string_view text, const char** last) : text_(text), last_(last) {}

  bool null() override { return leaf(DocNode{}); }
  bool boolean(bool b) override { return leaf(scalar(b ? "true" : "false")); }
  bool number_integer(number_integer_t v) override { return leaf(scalar(std::to_string(v))); }
  bool number_unsigned(number_unsigned_t v) override { return leaf(scalar(std::to_string(v))); }
  bool number_float(number_float_t, const string_t& s) override { return leaf(scalar(s)); }
  bool string(string_t& s) override { return leaf(scalar(s)); }
  bool binary(binary_t&) override { return leaf(DocNode{}); }
  bool start_object(std::size_t) override { return open(DocNode::Type::map); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(DocNode::Type::list); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    key_ = k;
    key_pos_ = token_start();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    auto [line, col] = position_of(text_, position ? position - 1 : 0);
    std::string msg = ex.what();
    // nlohmann's messages start with "[json.exception.parse_error.101] parse error at …: ".
    if (auto p = msg.find("syntax error"); p != std::string::npos) msg = msg.substr(p);
    error = ReadError{line, col, msg};
    return false;
  }

  std::optional<DocNode> root;
  std::optional<ReadError> error;

 private:
  // Start of the token that ends at the last character read: a string's opening quote, or the
  // first character of a number or literal.
  std::size_t token_start() const {
    std::size_t end = static_cast<std::size_t>(*last_ - text_.data());
    if (end >= text_.size()) end = text_.size() - 1;
    if (text_[end] == '"') {
      std::size_t i = end;
      while (i > 0) {
        --i;
        if (text_[i] != '"') continue;
        std::size_t slashes = 0;
        while (i > slashes && text_[i - 1 - slashes] == '\\') ++slashes;
        if (slashes % 2 == 0) return i;
      }
      return end;
    }
    auto token_char = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+';
    };
    std::size_t i = end;
    if (!token_char(text_[i]) && i > 0) --i;  // numbers are read one character past their end
    while (i > 0 && token_char(text_[i - 1])) --i;
    return i;
  }

  DocNode scalar(std::string s) const {
    auto [line, col] = position_of(text_, token_start());
    return DocNode::make_scalar(std::move(s), line, col);
  }

  bool attach(DocNode n) {
    if (stack_.empty()) {
      root = std::move(n);
      return true;
    }
    DocNode& parent = stack_.back();
    if (parent.type == DocNode::Type::map) {
      auto [line, col] = position_of(text_, key_pos_);
      n.line = line;
      n.column = col;
      parent.items.emplace_back(key_, std::move(n));
    } else {
      parent.items.emplace_back("", std::move(n));
    }
    return true;
  }

  bool leaf(DocNode n) {
    if (++nodes_ > kMaxNodes) return false;
    return attach(std::move(n));
  }

  bool open(DocNode::Type t) {
    if (stack_.size() > static_cast<std::size_t>(kMaxDepth) || ++nodes_ > kMaxNodes) {
      auto [line, col] = position_of(text_, static_cast<std::size_t>(*last_ - text_.data()));
      error = ReadError{line, col, "document too large or too deeply nested"};
      return false;
    }
    auto [line, col] = position_of(text_, static_cast<std::size_t>(*last_ - text_.data()));
    DocNode n = t == DocNode::Type::map ? DocNode::make_map(line, col) : DocNode::make_list(line, col);
    // Remember the key this container sits under; close() attaches it.
    keys_.emplace_back(key_, key_pos_);
    stack_.push_back(std::move(n));
    return true;
  }

  bool close() {
    DocNode n = std::move(stack_.back());
    stack_.pop_back();
    std::tie(key_, key_pos_) = keys_.back();
    keys_.pop_back();
    return attach(std::move(n));
  }

  std::string_view text_;
  const char** last_;
  std::vector<DocNode> stack_;
  std::vector<std::pair<std::string, std::size_t>> keys_;
  std::string key_;
  std::size_t key_pos_ = 0;
  std::size_t nodes_ = 0;
};

}  // namespace

Document read_json(std::string_view text) {
  Document d;
  if (text.empty()) {
    d.error = ReadError{1, 1, "empty file"};
    return d;
  }
  const char* last = text.data();
  JsonBuilder b(text, &last);
  TrackingIterator first{text.data(), &last}, end{text.data() + text.size(), &last};
  nlohmann::json::sax_parse(first, end, &b);
  if (b.error) d.error = b.error;
  if (b.root) d.roots.push_back(std::move(*b.root));
  return d;
}

}  // namespace lambdafit::descriptors
