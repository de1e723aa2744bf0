#include "permissions/resources.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "permissions/data.hpp"

namespace lambdafit::permissions {
namespace {

// The resource a reference names: CloudFormation "Bucket.Arn" -> "Bucket"; Terraform
// "aws_s3_bucket.media.arn" -> "aws_s3_bucket.media", "data.aws_x.y.arn" -> "data.aws_x.y",
// "module.m.aws_x.y.arn" -> "module.m.aws_x.y".
std::string address(std::string_view ref) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto dot = ref.find('.', start);
    parts.push_back(ref.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  // CloudFormation attributes are capitalized (X.Arn, X.StreamArn); Terraform's are not. A
  // resource of a called module keeps the module's address: module.api.aws_s3_bucket.b.
  const bool cfn_attribute = parts.size() == 2 && !parts[1].empty() && std::isupper(static_cast<unsigned char>(parts[1][0]));
  std::size_t skip = 0;
  while (!cfn_attribute && parts.size() > skip + 2 && parts[skip] == "module") skip += 2;
  std::size_t keep = cfn_attribute ? 1 : skip + (parts[skip] == "data" ? 3 : 2);
  keep = std::min(keep, parts.size());
  std::string out;
  for (std::size_t i = 0; i < keep; ++i) {
    if (i) out += '.';
    out.append(parts[i]);
  }
  return out;
}

/// Splits "arn:partition:service:region:account:resource" (the resource may hold ':').
bool split_arn(std::string_view a, std::vector<std::string>& out) {
  out.clear();
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const auto colon = a.find(':', start);
    if (colon == std::string_view::npos) return false;
    out.emplace_back(a.substr(start, colon - start));
    start = colon + 1;
  }
  out.emplace_back(a.substr(start));
  return out[0] == "arn";
}

bool loose_field(const std::string& g, const std::string& u) {
  return g.empty() || u.empty() || g == "*" || u == "*" || wildcard_match(g, u);
}

// A grant path covers a used one when it matches it, or when the used one is "any object of
// this container" ("/*", "bucket/*") and the grant is a narrower object path of it: which
// keys the code writes is not known, so a narrower grant is not reported.
bool path_covers(const std::string& g, const std::string& u) {
  if (wildcard_match(g, u)) return true;
  if (u.size() >= 2 && u.compare(u.size() - 2, 2, "/*") == 0) {
    const std::string stem = u.substr(0, u.size() - 1);  // keeps the '/'
    return g.compare(0, stem.size(), stem) == 0 && g.size() > stem.size();
  }
  return false;
}

}  // namespace

ResourceKey resource_key(std::string_view text) {
  ResourceKey k;
  if (text == "*") {
    k.kind = ResourceKey::Kind::any;
    return k;
  }
  // Pseudo parameters are wildcards; the first other ${…} is the reference.
  std::string plain;
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 2, "${") == 0) {
      const auto close = text.find('}', i);
      if (close == std::string_view::npos) {
        k.kind = ResourceKey::Kind::unknown;
        return k;
      }
      const auto inner = text.substr(i + 2, close - i - 2);
      if (inner.rfind("AWS::", 0) == 0 || inner.rfind("data.aws_region", 0) == 0 ||
          inner.rfind("data.aws_caller_identity", 0) == 0 || inner.rfind("data.aws_partition", 0) == 0 ||
          inner.rfind("var.", 0) == 0 || inner.rfind("local.", 0) == 0) {
        plain += '*';
      } else if (k.ref.empty()) {
        k.ref = address(inner);
        k.suffix = std::string(text.substr(close + 1));
        k.kind = ResourceKey::Kind::ref;
        return k;
      } else {
        plain += '*';
      }
      i = close + 1;
      continue;
    }
    plain += text[i++];
  }
  if (plain.rfind("arn:", 0) == 0) {
    k.kind = ResourceKey::Kind::arn;
    k.arn = plain;
  }
  return k;
}

bool resource_covers(const ResourceKey& g, const ResourceKey& u) {
  using K = ResourceKey::Kind;
  if (g.kind == K::any || u.kind == K::any || g.kind == K::unknown || u.kind == K::unknown) return true;
  if (g.kind != u.kind) return true;  // a reference against a literal ARN: cannot tell
  if (g.kind == K::ref) return g.ref == u.ref && path_covers(g.suffix, u.suffix);
  std::vector<std::string> ga, ua;
  if (!split_arn(g.arn, ga) || !split_arn(u.arn, ua)) return true;
  return loose_field(ga[1], ua[1]) && action_matches(ga[2], ua[2]) && loose_field(ga[3], ua[3]) &&
         loose_field(ga[4], ua[4]) && path_covers(ga[5], ua[5]);
}

}  // namespace lambdafit::permissions
