// The Lambda functions a workload's Terraform declares (`aws_lambda_function`), and what their
// roles are granted: `aws_iam_policy_document` data blocks, `aws_iam_policy` /
// `aws_iam_role_policy` / the role's `inline_policy` with a jsonencode({…}) or heredoc JSON
// policy, and `aws_iam_role_policy_attachment` / `aws_iam_policy_attachment` /
// `managed_policy_arns` naming those policies or AWS-managed ones. References resolve within
// one folder (one Terraform module) and through the local modules it calls (`source = "./…"`
// inside the workload): `var.x` to the call's argument, `module.m.o` to the module's output.
// A role or policy from elsewhere (a variable of the root, a remote module) leaves the grants
// unknown, with a note.
#pragma once

#include <string>
#include <vector>

#include "permissions/data.hpp"
#include "permissions/functions.hpp"

namespace lambdafit::permissions {

/// Reads every `.tf` file among the workload-relative `files`.
/// Notes say which module calls are not followed (remote sources, sources outside the workload).
std::vector<FunctionSpec> read_terraform(const std::string& root, const std::vector<std::string>& files,
                                         const Data& data, std::vector<std::string>& errors, std::vector<CallNote>& notes);

}  // namespace lambdafit::permissions
