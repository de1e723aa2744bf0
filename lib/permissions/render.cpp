#include "permissions/render.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "permissions/resources.hpp"

namespace lambdafit::permissions {
namespace {

using nlohmann::ordered_json;

std::string yaml_quote(const std::string& s) { return ordered_json(s).dump(); }

std::string tf_name(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isupper(static_cast<unsigned char>(c)) && !out.empty() && out.back() != '_') out += '_';
    out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '_';
  }
  return out.empty() ? "workload" : out;
}

ordered_json call_json(const SdkCall& c) {
  return {{"file", c.file}, {"line", c.line}, {"column", c.column}, {"service", c.service},
          {"operation", c.operation}, {"helper", c.helper}, {"sdk", c.sdk}};
}

ordered_json grant_json(const Grant& g) {
  return {{"action", g.action}, {"resource", g.resource}, {"source", g.source},
          {"file", g.file}, {"line", g.line}, {"column", g.column}};
}

ordered_json function_json(const FunctionPolicy& p) {
  ordered_json f;
  f["name"] = p.name;
  f["template"] = p.template_file.empty() ? ordered_json() : ordered_json(fmt::format("{}:{}:{}", p.template_file, p.line, p.column));
  f["handler"] = p.handler;
  f["files"] = p.files;
  ordered_json stmts = ordered_json::array(), evidence = ordered_json::array();
  for (const auto& s : p.statements) {
    ordered_json res = ordered_json::array();
    for (const auto& r : s.resources) res.push_back(r.sub ? ordered_json{{"Fn::Sub", r.value}} : ordered_json(r.value));
    stmts.push_back({{"Sid", s.sid}, {"Effect", "Allow"}, {"Action", s.actions}, {"Resource", res}});
    ordered_json calls = ordered_json::array();
    for (const auto& c : s.because) calls.push_back(call_json(c));
    evidence.push_back({{"sid", s.sid}, {"calls", calls}, {"notes", s.notes}});
  }
  f["policy"] = {{"Version", "2012-10-17"}, {"Statement", stmts}};
  f["evidence"] = evidence;
  f["used_actions"] = p.used_actions;
  if (p.grants_known) {
    ordered_json wild = ordered_json::array();
    for (const auto& g : p.wildcards) wild.push_back(grant_json(g));
    f["granted"] = {{"actions", p.granted_actions.size()}, {"unused", p.unused},
                    {"over_grant_ratio", std::round(p.over_grant_ratio * 10) / 10},
                    {"wildcards", wild}, {"missing", p.missing}, {"not_granted", ordered_json::array()},
                    {"grants", ordered_json::array()}};
    for (const auto& g : p.granted) f["granted"]["grants"].push_back(grant_json(g));
    for (const auto& n : p.not_granted) {
      ordered_json calls = ordered_json::array();
      for (const auto& c : n.calls) calls.push_back(call_json(c));
      f["granted"]["not_granted"].push_back({{"action", n.action},
                                            {"resource", n.resource.sub ? ordered_json{{"Fn::Sub", n.resource.value}} : ordered_json(n.resource.value)},
                                            {"calls", calls}, {"granted_on", n.granted_on}});
    }
  } else {
    f["granted"] = nullptr;
  }
  f["notes"] = p.notes;
  return f;
}

void yaml_statement(std::string& out, const Statement& s, const std::string& ind, bool cfn) {
  for (const auto& c : s.because) out += fmt::format("{}# {}\n", ind, call_place(c));
  for (const auto& n : s.notes) out += fmt::format("{}# Resource \"*\": {}\n", ind, n);
  out += fmt::format("{}- Sid: {}\n{}  Effect: Allow\n{}  Action:\n", ind, s.sid, ind, ind);
  for (const auto& a : s.actions) out += fmt::format("{}    - {}\n", ind, a);
  out += fmt::format("{}  Resource:\n", ind);
  for (const auto& r : s.resources) {
    if (r.sub && cfn) out += fmt::format("{}    - !Sub {}\n", ind, yaml_quote(r.value));
    else if (r.sub) out += fmt::format("{}    - {{\"Fn::Sub\": {}}}\n", ind, yaml_quote(r.value));
    else out += fmt::format("{}    - {}\n", ind, yaml_quote(r.value));
  }
}

std::string header(const PermissionsResult& r) {
  return fmt::format("# lambdafit permissions: IAM actions from botocore {} ({})\n", r.botocore_version, r.as_of_date);
}

std::string notes_comments(const PermissionsResult& r) {
  std::string out;
  for (const auto& n : r.notes) out += fmt::format("# not resolved: {}:{}:{}: {}\n", n.file, n.line, n.column, n.message);
  return out;
}

}  // namespace

std::string call_place(const SdkCall& c) {
  return fmt::format("{}:{}:{} {}{} ({})", c.file, c.line, c.column, c.operation, c.helper ? " helper" : "", c.sdk);
}

std::string render_policies(const PermissionsResult& r, PolicyFormat f) {
  if (f == PolicyFormat::json) {
    ordered_json j;
    j["as_of"] = {{"botocore", r.botocore_version}, {"date", r.as_of_date}};
    j["functions"] = ordered_json::array();
    for (const auto& p : r.functions) j["functions"].push_back(function_json(p));
    j["unresolved"] = ordered_json::array();
    for (const auto& n : r.notes)
      j["unresolved"].push_back({{"file", n.file}, {"line", n.line}, {"column", n.column}, {"message", n.message}});
    j["errors"] = r.errors;
    return j.dump(2) + "\n";
  }
  std::string out = header(r) + notes_comments(r);
  for (const auto& p : r.functions) {
    if (f == PolicyFormat::terraform) {
      out += fmt::format("\n# {}{}\ndata \"aws_iam_policy_document\" \"{}\" {{\n", p.name,
                         p.handler.empty() ? "" : " (" + p.handler + ")", tf_name(p.name));
      for (const auto& s : p.statements) {
        for (const auto& c : s.because) out += fmt::format("  # {}\n", call_place(c));
        for (const auto& n : s.notes) out += fmt::format("  # resources \"*\": {}\n", n);
        out += fmt::format("  statement {{\n    sid     = \"{}\"\n    effect  = \"Allow\"\n    actions = [", s.sid);
        for (std::size_t i = 0; i < s.actions.size(); ++i) out += (i ? ", " : "") + yaml_quote(s.actions[i]);
        out += "]\n";
        std::vector<std::string> res;
        for (const auto& rr : s.resources) {
          const auto key = rr.sub ? resource_key(rr.value) : ResourceKey{};
          if (key.kind == ResourceKey::Kind::ref && key.ref.find('.') != std::string::npos) {
            res.push_back(yaml_quote("${" + key.ref + ".arn}" + key.suffix));  // a resource of the Terraform
          } else if (rr.sub) {
            out += fmt::format("    # template resource, in CloudFormation: !Sub {}\n", yaml_quote(rr.value));
            res.push_back("\"*\"");
          } else {
            res.push_back(yaml_quote(rr.value));
          }
        }
        out += "    resources = [";
        for (std::size_t i = 0; i < res.size(); ++i) out += (i ? ", " : "") + res[i];
        out += "]\n  }\n";
      }
      out += "}\n";
      continue;
    }
    if (f == PolicyFormat::sam) {
      out += fmt::format("\n{}:\n  Properties:\n    Policies:\n", p.name);
      if (p.statements.empty()) {
        out += "      []  # no AWS SDK call found\n";
        continue;
      }
      out += "      - Version: \"2012-10-17\"\n        Statement:\n";
      for (const auto& s : p.statements) yaml_statement(out, s, "          ", true);
      continue;
    }
    out += fmt::format("\n{}:\n  Version: \"2012-10-17\"\n  Statement:\n", p.name);
    if (p.statements.empty()) out += "    []  # no AWS SDK call found\n";
    for (const auto& s : p.statements) yaml_statement(out, s, "    ", false);
  }
  return out;
}

}  // namespace lambdafit::permissions
