// Comparing the resource a call touches with the resource a grant names. Both sides are
// reduced to one of: any ("*"), a reference to a template resource (CloudFormation logical id
// or Terraform address) with what follows it ("/*", "/index/*"), a literal ARN, or something
// lambdafit cannot read. Only a reference against a reference, or an ARN against an ARN, can
// fail to cover; anything else is given the benefit of the doubt (no finding).
#pragma once

#include <string>
#include <string_view>

namespace lambdafit::permissions {

struct ResourceKey {
  enum class Kind { any, unknown, ref, arn };
  Kind kind = Kind::unknown;
  std::string ref;     ///< logical id or Terraform address (attribute dropped)
  std::string suffix;  ///< text after the reference
  std::string arn;     ///< pseudo parameters (${AWS::Region}) replaced by "*"
};

/// `text` is "*", a literal ARN, or Fn::Sub-style text with `${X}` / `${X.Arn}` references
/// (Terraform `${aws_s3_bucket.b.arn}` reads the same way).
ResourceKey resource_key(std::string_view text);

/// Whether a grant on `grant` allows a call on `used`.
bool resource_covers(const ResourceKey& grant, const ResourceKey& used);

}  // namespace lambdafit::permissions
