#include "core/yaml_fast.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <utility>

#include <yaml.h>

namespace lambdafit {
namespace {
struct FastYaml {};
}  // namespace
}  // namespace lambdafit

// yaml-cpp builds its nodes in a class of its own (NodeBuilder) that it does not install; the
// pieces it uses (detail::node, memory_holder, the Node(node&, memory) constructor) are in the
// public headers, and Node befriends every specialisation of as_if. This one is the builder.
template <>
struct YAML::as_if<lambdafit::FastYaml, lambdafit::FastYaml> {
  // Mirrors yaml-cpp's NodeBuilder event by event, so the tree is the one YAML::Load makes.
  class Builder {
   public:
    detail::node& push(const Mark& mark) {
      detail::node& n = memory_->create_node();
      n.set_mark(mark);
      push(n);
      return n;
    }

    void push(detail::node& n) {
      const bool needs_key =
          !stack_.empty() && stack_.back()->type() == NodeType::Map && keys_.size() < map_depth_;
      stack_.push_back(&n);
      if (needs_key) keys_.emplace_back(&n, false);
    }

    void pop() {
      if (stack_.size() == 1) {
        root_ = stack_[0];
        stack_.pop_back();
        return;
      }
      detail::node& n = *stack_.back();
      stack_.pop_back();
      detail::node& collection = *stack_.back();
      if (collection.type() == NodeType::Sequence) {
        collection.push_back(n, memory_);
      } else {  // a map: the first node popped is its key, the second its value
        auto& key = keys_.back();
        if (key.second) {
          collection.insert(*key.first, n, memory_);
          keys_.pop_back();
        } else {
          key.second = true;
        }
      }
    }

    bool at_root() const { return stack_.empty(); }
    bool in_block_sequence() const {
      return !stack_.empty() && stack_.back()->type() == NodeType::Sequence &&
             stack_.back()->style() == EmitterStyle::Block;
    }
    void begin_map() { ++map_depth_; }
    void end_map() {
      --map_depth_;
      pop();
    }

    Node take_root() {
      Node n = root_ ? Node(*root_, memory_) : Node();
      memory_ = std::make_shared<detail::memory_holder>();
      root_ = nullptr;
      return n;
    }

   private:
    detail::shared_memory_holder memory_ = std::make_shared<detail::memory_holder>();
    std::vector<detail::node*> stack_;
    std::vector<std::pair<detail::node*, bool>> keys_;
    std::size_t map_depth_ = 0;
    detail::node* root_ = nullptr;
  };
};

namespace lambdafit {
namespace {

using Build = YAML::as_if<FastYaml, FastYaml>::Builder;

// libyaml counts columns in characters, yaml-cpp in bytes: a mark's byte offset is its line's
// start plus the bytes of its first `column` characters.
class ByteMarks {
 public:
  explicit ByteMarks(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }

  YAML::Mark operator()(const yaml_mark_t& m) const {
    const std::size_t line = std::min<std::size_t>(m.line, starts_.size() - 1);
    std::size_t at = starts_[line];
    for (std::size_t chars = 0; chars < m.column && at < text_.size(); ++chars) {
      const auto c = static_cast<unsigned char>(text_[at]);
      at += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    }
    return at_byte(std::min(at, text_.size()));
  }

  YAML::Mark at_byte(std::size_t at) const {
    const auto next = std::upper_bound(starts_.begin(), starts_.end(), at);
    const std::size_t line = static_cast<std::size_t>(next - starts_.begin()) - 1;
    YAML::Mark out;
    out.pos = static_cast<int>(at);
    out.line = static_cast<int>(line);
    out.column = static_cast<int>(at - starts_[line]);
    return out;
  }

  /// Whether a sequence item at `m` is written on a line after its `-` and not right of it
  /// (`-\n>-\n  x`): libyaml takes it as the item, yaml-cpp reads an empty item.
  bool item_left_of_its_dash(const YAML::Mark& m) const {
    std::size_t i = static_cast<std::size_t>(m.pos);
    while (i > 0 && std::string_view(" \t\r\n").find(text_[i - 1]) != std::string_view::npos) --i;
    if (i == 0 || text_[i - 1] != '-') return false;
    const YAML::Mark dash = at_byte(i - 1);
    return dash.line < m.line && m.column <= dash.column;
  }

  /// yaml-cpp marks an empty node with the token after it: the first character from `m` on
  /// that is not a blank, a line break or in a comment.
  YAML::Mark next_token(const yaml_mark_t& m) const {
    std::size_t at = static_cast<std::size_t>((*this)(m).pos);
    while (at < text_.size()) {
      const char c = text_[at];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++at;
      } else if (c == '#') {
        const std::size_t eol = text_.find('\n', at);
        at = eol == std::string_view::npos ? text_.size() : eol;
      } else {
        break;
      }
    }
    YAML::Mark out = at_byte(at);
    if (at == text_.size()) out.column = 0;  // yaml-cpp ends the last line before it ends the stream
    return out;
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// Line breaks YAML 1.1 (libyaml) counts and yaml-cpp does not: a lone CR, NEL, LS and PS.
bool has_other_line_breaks(std::string_view t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c == '\r' && (i + 1 == t.size() || t[i + 1] != '\n')) return true;
    if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x85) return true;
    if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(t[i + 2]) == 0xA8 || static_cast<unsigned char>(t[i + 2]) == 0xA9))
      return true;
  }
  return false;
}

// Explicit keys (`? key`): yaml-cpp pairs empty ones with values its own way. Any '?' that may
// be that indicator (blank or flow punctuation before, blank after) leaves the text to yaml-cpp.
bool may_have_explicit_key(std::string_view t) {
  for (std::size_t i = t.find('?'); i != std::string_view::npos; i = t.find('?', i + 1)) {
    const bool before = i == 0 || std::string_view(" \t\n[{,").find(t[i - 1]) != std::string_view::npos;
    const bool after = i + 1 == t.size() || std::string_view(" \t\r\n").find(t[i + 1]) != std::string_view::npos;
    if (before && after) return true;
  }
  return false;
}

// Whether text[from, to) holds a line of blanks only between two line breaks.
bool has_empty_line(std::string_view text, int from, int to) {
  const auto part = text.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from));
  for (std::size_t i = part.find('\n'); i != std::string_view::npos; i = part.find('\n', i + 1)) {
    std::size_t k = i + 1;
    while (k < part.size() && (part[k] == ' ' || part[k] == '\t' || part[k] == '\r')) ++k;
    if (k < part.size() && part[k] == '\n') return true;
  }
  return false;
}

// Whether a double-quoted scalar's source uses only escapes both parsers decode alike; the
// others (`\_`, `\N`, `\L`, `\P`, an escaped CR, any other byte) are left to yaml-cpp. An
// escaped blank or line break (JSON in a CloudFormation string, continued over lines) reads
// alike.
bool common_escapes(std::string_view quoted) {
  for (std::size_t i = quoted.find('\\'); i != std::string_view::npos; i = quoted.find('\\', i + 2)) {
    if (i + 1 >= quoted.size()) return false;
    if (std::string_view("\\\"/ntr0xuUbeafv\n \t").find(quoted[i + 1]) == std::string_view::npos) return false;
  }
  return true;
}

// Whether the block scalar header at or after `at` (`|+`, `>2+`, past a tag) asks to keep
// trailing line breaks.
bool keeps_trailing_breaks(std::string_view text, std::size_t at) {
  at = text.find_first_of("|>\n", at);
  if (at == std::string_view::npos || text[at] == '\n') return false;
  for (std::size_t i = at + 1; i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' &&
                               text[i] != '\r' && text[i] != '#';
       ++i)
    if (text[i] == '+') return true;
  return false;
}

std::string str(const yaml_char_t* s) { return s ? reinterpret_cast<const char*>(s) : std::string(); }

// The explicit tags both parsers resolve alike: as written at the node's start, `!Name` (a
// local tag such as CloudFormation's !Ref) or `!!name` (a standard one), letters and digits
// only, then a blank or flow punctuation. The rest (a bare `!`, verbatim `!<…>`, %TAG handles,
// %-escapes, which only libyaml decodes) are left to yaml-cpp.
bool plain_tag(std::string_view text, std::size_t at, std::string_view resolved) {
  std::string_view t = text.substr(std::min(at, text.size()));
  std::string want;
  if (t.substr(0, 2) == "!!") t.remove_prefix(2), want = "tag:yaml.org,2002:";
  else if (t.substr(0, 1) == "!") t.remove_prefix(1), want = "!";
  else return false;
  std::size_t n = 0;
  while (n < t.size() && std::isalnum(static_cast<unsigned char>(t[n]))) ++n;
  if (n == 0 || (n < t.size() && std::string_view(" \t\r\n,[]{}").find(t[n]) == std::string_view::npos))
    return false;
  return resolved == want.append(t.substr(0, n));
}

struct Parser {
  yaml_parser_t p;
  explicit Parser(std::string_view text) {
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~Parser() { yaml_parser_delete(&p); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};

struct Event {
  yaml_event_t e{};
  bool held = false;
  ~Event() {
    if (held) yaml_event_delete(&e);
  }
};

}  // namespace

YAML::Node load_yaml(std::string_view text) {
  if (auto docs = load_yaml_fast(text, /*first_only=*/true)) return docs->empty() ? YAML::Node() : docs->front();
  return YAML::Load(std::string(text));
}

std::optional<std::vector<YAML::Node>> load_yaml_fast(std::string_view text, bool first_only) {
  // UTF-16 and UTF-32 streams (a first byte 0x00, 0xFE or 0xFF) are yaml-cpp's too.
  if (text.empty() || text[0] == '\0' || static_cast<unsigned char>(text[0]) >= 0xFE ||
      has_other_line_breaks(text) || may_have_explicit_key(text))
    return std::nullopt;
  const ByteMarks mark(text);
  const bool crlf = text.find('\r') != std::string_view::npos;
  Parser parser(text);
  Build build;
  std::vector<YAML::Node> docs;
  // A sequence or mapping starts; false when the text is left to yaml-cpp.
  auto open = [&](YAML::NodeType::value type, const yaml_event_t& e, const yaml_char_t* tag, bool flow) {
    if (build.in_block_sequence() && mark.item_left_of_its_dash(mark(e.start_mark))) return false;
    auto& n = build.push(mark(e.start_mark));
    n.set_type(type);
    n.set_tag(tag ? str(tag) : "?");
    n.set_style(flow ? YAML::EmitterStyle::Flow : YAML::EmitterStyle::Block);
    return true;
  };
  try {
    for (;;) {
      Event ev;
      if (!yaml_parser_parse(&parser.p, &ev.e)) return std::nullopt;
      ev.held = true;
      const yaml_event_t& e = ev.e;
      const yaml_char_t* anchor = nullptr;
      const yaml_char_t* tag = nullptr;
      if (e.type == YAML_SCALAR_EVENT) anchor = e.data.scalar.anchor, tag = e.data.scalar.tag;
      if (e.type == YAML_SEQUENCE_START_EVENT) anchor = e.data.sequence_start.anchor, tag = e.data.sequence_start.tag;
      if (e.type == YAML_MAPPING_START_EVENT) anchor = e.data.mapping_start.anchor, tag = e.data.mapping_start.tag;
      if (anchor) return std::nullopt;  // see the alias case
      if (tag && !plain_tag(text, static_cast<std::size_t>(mark(e.start_mark).pos), str(tag)))
        return std::nullopt;
      switch (e.type) {
        case YAML_STREAM_END_EVENT:
          return docs;
        case YAML_DOCUMENT_END_EVENT:
          docs.push_back(build.take_root());
          if (first_only) return docs;
          break;
        case YAML_ALIAS_EVENT:
          // Anchor names differ: libyaml takes letters, digits, '-' and '_', yaml-cpp anything up
          // to a blank or flow indicator (`&a:b`). Streams with anchors are left to yaml-cpp.
          return std::nullopt;
        case YAML_SCALAR_EVENT: {
          const auto& s = e.data.scalar;
          const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
          std::string value(reinterpret_cast<const char*>(s.value), s.length);
          YAML::Mark at = mark(e.start_mark);
          if (!s.tag && plain && YAML::IsNullString(value)) {
            // An empty node (`key:`, `-`, `{key}`) has the mark of the token after it in yaml-cpp.
            if (value.empty() && e.start_mark.index == e.end_mark.index) at = mark.next_token(e.start_mark);
            auto& n = build.push(at);
            n.set_null();
            build.pop();
            break;
          }
          if (build.in_block_sequence() && mark.item_left_of_its_dash(at)) return std::nullopt;
          if (s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
              !common_escapes(text.substr(static_cast<std::size_t>(at.pos),
                                          static_cast<std::size_t>(mark(e.end_mark).pos - at.pos))))
            return std::nullopt;
          // With CRLF line ends, scalars over several lines keep or fold the CR differently.
          if (crlf && e.start_mark.line != e.end_mark.line) return std::nullopt;
          // A document that is one scalar is left to yaml-cpp: it ends a plain one at the line's
          // end and makes a lone tag (`!!str`) null, where libyaml reads on.
          if (build.at_root()) return std::nullopt;
          // Flow scalars folded over an empty line: the two fold those line breaks differently.
          if (s.style != YAML_LITERAL_SCALAR_STYLE && s.style != YAML_FOLDED_SCALAR_STYLE &&
              e.start_mark.line != e.end_mark.line &&
              has_empty_line(text, mark(e.start_mark).pos, mark(e.end_mark).pos))
            return std::nullopt;
          if (s.style == YAML_LITERAL_SCALAR_STYLE || s.style == YAML_FOLDED_SCALAR_STYLE) {
            // An empty block scalar (`|` with no lines) may be null to yaml-cpp, and it keeps
            // fewer trailing line breaks than `|+`/`>+` ask for at the end of a stream.
            // At the end of a stream with no final line break, they fold the last line apart.
            if (value.empty() || keeps_trailing_breaks(text, static_cast<std::size_t>(mark(e.start_mark).pos)) ||
                (text.back() != '\n' &&
                 text.find_first_not_of(" \t\r\n", static_cast<std::size_t>(mark(e.end_mark).pos)) ==
                     std::string_view::npos))
              return std::nullopt;
          }
          auto& n = build.push(at);
          n.set_scalar(value);
          n.set_tag(s.tag ? str(s.tag) : plain ? "?" : "!");
          build.pop();
          break;
        }
        case YAML_SEQUENCE_START_EVENT: {
          const auto& s = e.data.sequence_start;
          if (!open(YAML::NodeType::Sequence, e, s.tag, s.style == YAML_FLOW_SEQUENCE_STYLE)) return std::nullopt;
          break;
        }
        case YAML_SEQUENCE_END_EVENT:
          build.pop();
          break;
        case YAML_MAPPING_START_EVENT: {
          const auto& m = e.data.mapping_start;
          if (!open(YAML::NodeType::Map, e, m.tag, m.style == YAML_FLOW_MAPPING_STYLE)) return std::nullopt;
          build.begin_map();
          break;
        }
        case YAML_MAPPING_END_EVENT:
          build.end_map();
          break;
        default:
          break;
      }
    }
  } catch (const std::exception&) {
    return std::nullopt;  // out of memory and the like: yaml-cpp reports it its own way
  }
}

}  // namespace lambdafit
