// The generated policies as an IAM JSON document set, YAML, a SAM `Policies` block or a
// Terraform aws_iam_policy_document; every statement names the calls (file:line) behind it.
#pragma once

#include <string>

#include "permissions/policy.hpp"

namespace lambdafit::permissions {

enum class PolicyFormat { json, yaml, sam, terraform };

std::string render_policies(const PermissionsResult& r, PolicyFormat f);

/// "app.py:12:5 PutObject (boto3)"
std::string call_place(const SdkCall& c);

}  // namespace lambdafit::permissions
