// Per-function policies from templates, and the comparison with what they grant.
#include <algorithm>
#include <map>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "support/permission_data.hpp"
#include "permissions/policy.hpp"
#include "permissions/render.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit::permissions;
namespace fs = std::filesystem;

namespace {

const Data& data() { return lambdafit::testing::permission_data(); }

using lambdafit::testing::has;

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / fs::path("lambdafit-perm-" + std::to_string(::getpid()) + "-" +
                                                std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << text;
  }
};

/// "file:line service:Operation resource" of each call of a function, sorted.
std::vector<std::string> call_lines(const FunctionPolicy& f) {
  std::vector<std::string> out;
  for (const auto& c : f.calls)
    out.push_back(c.file + ":" + std::to_string(c.line) + " " + c.service + ":" + c.operation + " " + c.resource_literal);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("the media sample: narrow policy per function, over-grant against the template") {
  const auto r = analyze_permissions(std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/samples/sam-python-media", data());
  CHECK(r.errors.empty());
  REQUIRE(r.functions.size() == 1);
  const auto& f = r.functions[0];
  CHECK(f.name == "IngestFunction");
  CHECK(f.notes.empty());  // the handler file was found, so only what it imports is read
  // `from media import store` runs the package first
  CHECK(f.files == std::vector<std::string>{"src/media/__init__.py", "src/media/app.py", "src/media/store.py"});
  CHECK(f.used_actions == std::vector<std::string>{"dynamodb:PutItem", "s3:GetObject", "s3:PutObject"});
  REQUIRE(f.grants_known);
  CHECK(f.missing.empty());
  CHECK(has(f.unused, "s3:DeleteObject"));
  CHECK(has(f.unused, "dynamodb:DeleteTable"));
  CHECK_FALSE(has(f.unused, "s3:PutObject"));
  CHECK_FALSE(has(f.unused, "logs:PutLogEvents"));  // the runtime's own, never over-grant
  CHECK(f.over_grant_ratio > 20);  // every s3 and dynamodb action of the data against three
  std::vector<std::string> wild;
  for (const auto& g : f.wildcards) wild.push_back(g.action);
  CHECK(has(wild, "s3:*"));
  CHECK(has(wild, "dynamodb:*"));
  CHECK_FALSE(has(wild, "logs:PutLogEvents"));  // SAM's own grant to every function
  // the resources come from the template's !Ref through the environment
  REQUIRE(f.statements.size() == 2);
  CHECK(f.statements[0].actions == std::vector<std::string>{"dynamodb:PutItem"});
  REQUIRE(f.statements[0].resources.size() == 1);
  CHECK(f.statements[0].resources[0].sub);
  CHECK(f.statements[0].resources[0].value.find("table/${MediaTable}") != std::string::npos);
  CHECK(f.statements[1].actions == std::vector<std::string>{"s3:GetObject", "s3:PutObject"});
  CHECK(f.statements[1].resources[0].value == "arn:${AWS::Partition}:s3:::${MediaBucket}/*");
  REQUIRE(f.statements[1].because.size() == 2);
  CHECK(f.statements[1].because[0].file == "src/media/store.py");
  const auto sam = render_policies(r, PolicyFormat::sam);
  CHECK(sam.find("- !Sub \"arn:${AWS::Partition}:s3:::${MediaBucket}/*\"") != std::string::npos);
  CHECK(sam.find("# src/media/store.py:11:") != std::string::npos);
}

TEST_CASE("without a template: one policy for the workload, literal names as ARNs, the rest '*' with why") {
  TempDir d;
  d.write("job.py",
          "import boto3, os\n"
          "s3 = boto3.client('s3')\n"
          "s3.head_object(Bucket='archive', Key='k')\n"
          "q = boto3.client('sqs')\n"
          "q.receive_message(QueueUrl=os.environ['QUEUE'])\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 1);
  const auto& f = r.functions[0];
  CHECK(f.name == "workload");
  CHECK_FALSE(f.grants_known);
  CHECK(f.used_actions == std::vector<std::string>{"s3:GetObject", "sqs:ReceiveMessage"});
  REQUIRE(f.statements.size() == 2);
  bool star_with_note = false, object_arn = false;
  for (const auto& s : f.statements) {
    for (const auto& res : s.resources) {
      if (res.value == "*" && !s.notes.empty() && s.notes[0].find("$QUEUE") != std::string::npos) star_with_note = true;
      if (res.value == "arn:aws:s3:::archive/*") object_arn = true;
    }
  }
  CHECK(star_with_note);
  CHECK(object_arn);
}

TEST_CASE("serverless.yml: role statements, per-function reachability, calls not granted") {
  TempDir d;
  d.write("serverless.yml",
          "service: x\n"
          "provider:\n"
          "  name: aws\n"
          "  runtime: nodejs20.x\n"
          "  iam:\n"
          "    role:\n"
          "      statements:\n"
          "        - Effect: Allow\n"
          "          Action: [sqs:SendMessage]\n"
          "          Resource: '*'\n"
          "functions:\n"
          "  send:\n"
          "    handler: src/send.handler\n"
          "  other:\n"
          "    handler: src/other.handler\n");
  d.write("src/send.js",
          "const { send } = require('./lib/queue');\n"
          "exports.handler = async () => send();\n");
  d.write("src/lib/queue.js",
          "const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');\n"
          "const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');\n"
          "const c = new SQSClient({});\n"
          "exports.send = async () => { await c.send(new SendMessageCommand({QueueUrl: 'u'}));\n"
          "  await new SNSClient({}).send(new PublishCommand({TopicArn: 'arn:aws:sns:eu-west-1:1:t'})); };\n");
  d.write("src/other.js", "exports.handler = async () => 1;\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 2);
  const auto& send = r.functions[0].name == "send" ? r.functions[0] : r.functions[1];
  const auto& other = r.functions[0].name == "send" ? r.functions[1] : r.functions[0];
  CHECK(send.files == std::vector<std::string>{"src/lib/queue.js", "src/send.js"});
  CHECK(send.used_actions == std::vector<std::string>{"sns:Publish", "sqs:SendMessage"});
  CHECK(send.missing == std::vector<std::string>{"sns:Publish"});
  CHECK(other.used_actions.empty());
  CHECK(other.unused == std::vector<std::string>{"sqs:SendMessage"});
}

TEST_CASE("JavaScript: clients made in one module and used in another") {
  TempDir d;
  d.write("lib/clients.js",
          "const AWS = require('aws-sdk');\n"
          "const ddb = new AWS.DynamoDB.DocumentClient();\n"
          "module.exports = { s3: new AWS.S3(), ddb };\n");
  d.write("lib/notify.mjs",
          "import AWS from 'aws-sdk';\n"
          "export const sns = new AWS.SNS();\n");
  d.write("lib/fake.js", "module.exports = { s3: { putObject() { return 1; } } };\n");
  d.write("handler.js",
          "const { s3 } = require('./lib/clients');\n"
          "const clients = require('./lib/clients');\n"
          "const fake = require('./lib/fake');\n"
          "exports.handler = async () => {\n"
          "  await s3.putObject({ Bucket: 'out', Key: 'k' }).promise();\n"
          "  await clients.ddb.get({ TableName: 'orders', Key: {} }).promise();\n"
          "  fake.s3.putObject({ Bucket: 'not-aws' });\n"
          "};\n");
  d.write("esm.mjs",
          "import { sns } from './lib/notify.mjs';\n"
          "export const handler = async () => sns.publish({ TopicArn: 'arn:aws:sns:us-east-1:1:t' }).promise();\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 1);
  CHECK(call_lines(r.functions[0]) == std::vector<std::string>{"esm.mjs:2 sns:Publish arn:aws:sns:us-east-1:1:t", "handler.js:5 s3:PutObject out",
                                          "handler.js:6 dynamodb:GetItem orders"});
}

TEST_CASE("JavaScript: clients passed to functions other modules export bind their parameters") {
  TempDir d;
  d.write("lib/store.js",
          "async function save(client, key) {\n"
          "  return client.putObject({ Bucket: 'passed', Key: key }).promise();\n"
          "}\n"
          "exports.list = (c) => c.listObjectsV2({ Bucket: 'listed' }).promise();\n"
          "module.exports.save = save;\n"
          "// negative: a parameter of the same name in a function no module passes a client to\n"
          "exports.other = (c) => c.deleteObject({ Bucket: 'never' });\n");
  d.write("lib/db.mjs",
          "export async function load(db, id) {\n"
          "  return db.get({ TableName: 'orders', Key: { id } }).promise();\n"
          "}\n");
  d.write("handler.js",
          "const AWS = require('aws-sdk');\n"
          "const store = require('./lib/store');\n"
          "const { save } = require('./lib/store');\n"
          "exports.handler = async () => {\n"
          "  const s3 = new AWS.S3();\n"
          "  await save(s3, 'k');\n"
          "  await store.list(s3);\n"
          "  store.other({ deleteObject() {} });\n"
          "};\n");
  d.write("esm.mjs",
          "import AWS from 'aws-sdk';\n"
          "import { load } from './lib/db.mjs';\n"
          "export const handler = async () => load(new AWS.DynamoDB.DocumentClient(), 1);\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 1);
  CHECK(call_lines(r.functions[0]) == std::vector<std::string>{"lib/db.mjs:2 dynamodb:GetItem orders",
                                                               "lib/store.js:2 s3:PutObject passed",
                                                               "lib/store.js:4 s3:ListObjectsV2 listed"});
}

TEST_CASE("JavaScript: functions that return a client, in the same module and exported") {
  TempDir d;
  d.write("lib/clients.js",
          "const AWS = require('aws-sdk');\n"
          "function getS3() { return new AWS.S3(); }\n"
          "const getDb = () => new AWS.DynamoDB.DocumentClient();\n"
          "exports.getSqs = function () {\n"
          "  const sqs = new AWS.SQS();\n"
          "  return sqs;\n"
          "};\n"
          "function name() { return 'not a client'; }\n"
          "module.exports = { ...module.exports, getS3, db: getDb, name };\n");
  d.write("lib/v3.mjs",
          "import { SNS } from '@aws-sdk/client-sns';\n"
          "export function sns() {\n"
          "  const inner = () => 'nested functions return for themselves';\n"
          "  return new SNS({});  // the aggregated client: its methods are operations\n"
          "}\n");
  d.write("handler.js",
          "const { getS3, db } = require('./lib/clients');\n"
          "const clients = require('./lib/clients');\n"
          "exports.handler = async () => {\n"
          "  await getS3().putObject({ Bucket: 'out', Key: 'k' }).promise();\n"
          "  await db().get({ TableName: 'orders', Key: {} }).promise();\n"
          "  await clients.getSqs().sendMessage({ QueueUrl: 'q', MessageBody: 'x' }).promise();\n"
          "  clients.name().toUpperCase();\n"
          "  missing().putObject({ Bucket: 'never' });\n"
          "};\n");
  d.write("esm.mjs",
          "import { sns } from './lib/v3.mjs';\n"
          "export const handler = async () => sns().publish({ TopicArn: 't', Message: 'm' });\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 1);
  CHECK(call_lines(r.functions[0]) == std::vector<std::string>{"esm.mjs:2 sns:Publish t",
                                                               "handler.js:4 s3:PutObject out",
                                                               "handler.js:5 dynamodb:GetItem orders",
                                                               "handler.js:6 sqs:SendMessage q"});
}

TEST_CASE("JavaScript: default exports and a module that is a client factory") {
  TempDir d;
  d.write("s3.mjs", "import { S3 } from '@aws-sdk/client-s3';\nexport default new S3({});\n");
  d.write("db.mjs", "import AWS from 'aws-sdk';\nconst db = new AWS.DynamoDB.DocumentClient();\nexport default db;\n");
  d.write("mk.mjs", "import AWS from 'aws-sdk';\nexport default function makeSqs() { return new AWS.SQS(); }\n");
  d.write("sns.js", "const AWS = require('aws-sdk');\nmodule.exports = () => new AWS.SNS();\n");
  d.write("name.mjs", "export default 'not a client';\n");
  d.write("app.mjs",
          "import s3 from './s3.mjs';\n"
          "import db from './db.mjs';\n"
          "import makeSqs from './mk.mjs';\n"
          "import name from './name.mjs';\n"
          "import { createRequire } from 'module';\n"
          "const require = createRequire(import.meta.url);\n"
          "const sns = require('./sns.js');\n"
          "export const handler = async () => {\n"
          "  await s3.putObject({ Bucket: 'b', Key: 'k' });\n"
          "  await db.get({ TableName: 't', Key: {} }).promise();\n"
          "  await makeSqs().sendMessage({ QueueUrl: 'q', MessageBody: 'x' }).promise();\n"
          "  await sns().publish({ TopicArn: 'arn:aws:sns:us-east-1:1:t', Message: 'm' }).promise();\n"
          "  name.putObject({ Bucket: 'never' });\n"
          "};\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 1);
  CHECK(call_lines(r.functions[0]) == std::vector<std::string>{"app.mjs:10 dynamodb:GetItem t",
                                                               "app.mjs:11 sqs:SendMessage q",
                                                               "app.mjs:12 sns:Publish arn:aws:sns:us-east-1:1:t",
                                                               "app.mjs:9 s3:PutObject b"});
}

TEST_CASE("Python: clients a module makes at its top level, imported and passed to other modules") {
  TempDir d;
  d.write("src/clients.py",
          "import os\n"
          "import boto3\n"
          "s3 = boto3.client('s3')\n"
          "table = boto3.resource('dynamodb').Table(os.environ['ORDERS'])\n"
          "def make():\n"
          "    local = boto3.client('sqs')  # not a top-level name: not exported itself\n"
          "    return local  # but make() is the client\n");
  d.write("src/cache.py", "class Cache:\n    def put_item(self, x):\n        pass\ncache = Cache()\n");
  d.write("src/helpers.py",
          "def save(client, key):\n"
          "    client.delete_object(Bucket='gone', Key=key)\n"
          "def other(client):\n"
          "    client.delete_object(Bucket='never')  # nobody passes a client here\n");
  d.write("src/app.py",
          "from clients import s3, table, make\n"
          "import clients\n"
          "import helpers\n"
          "from cache import cache\n"
          "def handler(event, context):\n"
          "    s3.put_object(Bucket='out', Key='k', Body=b'x')\n"
          "    clients.table.get_item(Key={'id': '1'})\n"
          "    helpers.save(clients.s3, 'k')\n"
          "    make().send_message(QueueUrl='q')\n"
          "    cache.put_item({})\n"
          "    table.put_item(Item={})\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 1);
  CHECK(call_lines(r.functions[0]) == std::vector<std::string>{"src/app.py:11 dynamodb:PutItem ",
                                                               "src/app.py:6 s3:PutObject out",
                                                               "src/app.py:7 dynamodb:GetItem ",
                                                               "src/app.py:9 sqs:SendMessage q",
                                                               "src/helpers.py:2 s3:DeleteObject gone"});
  for (const auto& c : r.functions[0].calls)
    if (c.service == "dynamodb") CHECK(c.resource_env == "ORDERS");  // the Table's name travels with it
}

TEST_CASE("Python: functions that return a client, in the same module and imported") {
  TempDir d;
  d.write("pkg/__init__.py", "");
  d.write("pkg/clients.py",
          "import os\n"
          "import boto3\n"
          "from functools import lru_cache\n"
          "_session = boto3.session.Session()\n"
          "def get_table():\n"
          "    return _session.resource('dynamodb').Table(os.environ['ORDERS'])\n"
          "@lru_cache\n"
          "def queue():\n"
          "    client = boto3.client('sqs')\n"
          "    return client\n"
          "def name():\n"
          "    return 'not a client'\n");
  d.write("pkg/app.py",
          "import boto3\n"
          "from pkg.clients import get_table, name\n"
          "from pkg import clients\n"
          "from .clients import queue as sqs\n"
          "class Store:\n"
          "    def bucket(self):\n"
          "        return boto3.resource('s3').Bucket('media')\n"
          "    def save(self, item):\n"
          "        self.bucket().put_object(Key='k', Body=b'')\n"
          "def handler(event, context):\n"
          "    get_table().put_item(Item=event)\n"
          "    clients.queue().send_message(QueueUrl='q', MessageBody='x')\n"
          "    sqs().delete_message(QueueUrl='q', ReceiptHandle='r')\n"
          "    name().upper()\n"
          "    get_tables().scan()  # not defined anywhere: not a client\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 1);
  CHECK(call_lines(r.functions[0]) == std::vector<std::string>{"pkg/app.py:11 dynamodb:PutItem ",
                                                               "pkg/app.py:12 sqs:SendMessage q",
                                                               "pkg/app.py:13 sqs:DeleteMessage q",
                                                               "pkg/app.py:9 s3:PutObject media"});
  for (const auto& c : r.functions[0].calls)
    if (c.service == "dynamodb") CHECK(c.resource_env == "ORDERS");  // the Table's name comes back with it
  CHECK(r.notes.empty());
}

TEST_CASE("layers the workload builds are followed from the handlers that use them") {
  TempDir d;
  d.write("template.yaml",
          "AWSTemplateFormatVersion: '2010-09-09'\n"
          "Transform: AWS::Serverless-2016-10-31\n"
          "Resources:\n"
          "  Shared:\n"
          "    Type: AWS::Serverless::LayerVersion\n"
          "    Properties:\n"
          "      ContentUri: layers/shared/\n"
          "  Ingest:\n"
          "    Type: AWS::Serverless::Function\n"
          "    Properties:\n"
          "      CodeUri: functions/ingest/\n"
          "      Handler: app.handler\n"
          "      Runtime: python3.12\n"
          "      Layers:\n"
          "        - !Ref Shared\n"
          "        - arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:68\n"
          "  Report:\n"
          "    Type: AWS::Serverless::Function\n"
          "    Properties:\n"
          "      CodeUri: functions/report/\n"
          "      Handler: app.handler\n"
          "      Runtime: python3.12\n");
  d.write("layers/shared/python/store.py",
          "import boto3\n"
          "table = boto3.resource('dynamodb').Table('orders')\n"
          "def save(item):\n"
          "    table.put_item(Item=item)\n");
  d.write("functions/ingest/app.py", "from store import save\ndef handler(event, context):\n    save(event)\n");
  d.write("functions/report/app.py",
          "import boto3\n"
          "from store import save  # no layer: this import fails at run time, and reaches nothing\n"
          "def handler(event, context):\n"
          "    boto3.client('s3').get_object(Bucket='reports', Key='k')\n");
  d.write("node/serverless.yml",
          "service: svc\n"
          "provider:\n  name: aws\n  runtime: nodejs20.x\n"
          "layers:\n  db-utils:\n    path: layer\n"
          "functions:\n"
          "  api:\n    handler: handler.main\n    layers:\n      - Ref: DbDashutilsLambdaLayer\n");
  d.write("node/layer/nodejs/db.js",
          "const AWS = require('aws-sdk');\n"
          "exports.load = () => new AWS.DynamoDB.DocumentClient().get({ TableName: 'users', Key: {} }).promise();\n");
  d.write("node/handler.js", "const { load } = require('/opt/nodejs/db');\nexports.main = async () => load();\n");
  const auto r = analyze_permissions(d.path.string(), data());
  std::map<std::string, const FunctionPolicy*> by_name;
  for (const auto& f : r.functions) by_name[f.name] = &f;
  REQUIRE(by_name.count("Ingest"));
  REQUIRE(by_name.count("Report"));
  REQUIRE(by_name.count("api"));
  CHECK(by_name["Ingest"]->files == std::vector<std::string>{"functions/ingest/app.py", "layers/shared/python/store.py"});
  CHECK(call_lines(*by_name["Ingest"]) == std::vector<std::string>{"layers/shared/python/store.py:4 dynamodb:PutItem orders"});
  CHECK(call_lines(*by_name["Report"]) == std::vector<std::string>{"functions/report/app.py:4 s3:GetObject reports"});
  CHECK(call_lines(*by_name["api"]) == std::vector<std::string>{"node/layer/nodejs/db.js:2 dynamodb:GetItem users"});
  // The published layer by ARN is someone else's code: said, not read.
  const auto& notes = by_name["Ingest"]->notes;
  CHECK(std::any_of(notes.begin(), notes.end(), [](const std::string& n) {
    return n.find("template.yaml:16:") == 0 && n.find("a layer not built from this workload's folders") != std::string::npos;
  }));
}

TEST_CASE("Python: relative imports are followed from the handler, and end above the workload") {
  // Before, a relative module (".aws.s3") became the path "/aws/s3", whose parent is itself:
  // following the handler's imports never ended.
  TempDir d;
  d.write("template.yaml",
          "Transform: AWS::Serverless-2016-10-31\n"
          "Resources:\n"
          "  Fn:\n"
          "    Type: AWS::Serverless::Function\n"
          "    Properties:\n"
          "      CodeUri: src/\n"
          "      Handler: pkg.app.handler\n"
          "      Runtime: python3.12\n");
  d.write("src/pkg/__init__.py", "");
  d.write("src/pkg/aws.py", "import boto3\ns3 = boto3.client('s3')\n");
  d.write("src/pkg/sub/__init__.py", "");
  d.write("src/pkg/sub/store.py", "from ..aws import s3\ndef save():\n    s3.put_object(Bucket='up', Key='k')\n");
  d.write("src/pkg/app.py",
          "from .aws import s3\n"
          "from . import aws\n"
          "from .sub.store import save\n"
          "from ....... import nothing\n"
          "def handler(event, context):\n"
          "    s3.get_object(Bucket='a', Key='k')\n"
          "    aws.s3.delete_object(Bucket='b', Key='k')\n"
          "    save()\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 1);
  CHECK(r.functions[0].files == std::vector<std::string>{"src/pkg/__init__.py", "src/pkg/app.py", "src/pkg/aws.py",
                                                         "src/pkg/sub/__init__.py", "src/pkg/sub/store.py"});
  CHECK(call_lines(r.functions[0]) == std::vector<std::string>{"src/pkg/app.py:6 s3:GetObject a",
                                                               "src/pkg/app.py:7 s3:DeleteObject b",
                                                               "src/pkg/sub/store.py:3 s3:PutObject up"});
}

TEST_CASE("a template under its stack's name, its role's policies attached from other resources") {
  // Found on aws-samples/aws-serverless-shopping-cart: SAM templates named for their stack,
  // functions with `Role: !GetAtt XRole.Arn`, and AWS::IAM::Policy resources naming the roles
  // they attach to. Before, no function was found; read as a template, its role looked like it
  // granted nothing, and every call was reported as one that would fail.
  TempDir d;
  d.write("stack/orders-service.yaml",
          "AWSTemplateFormatVersion: '2010-09-09'\n"
          "Transform: AWS::Serverless-2016-10-31\n"
          "Resources:\n"
          "  Table:\n"
          "    Type: AWS::DynamoDB::Table\n"
          "  Fn:\n"
          "    Type: AWS::Serverless::Function\n"
          "    Properties:\n"
          "      CodeUri: ../src/\n"
          "      Handler: app.handler\n"
          "      Runtime: python3.12\n"
          "      Role: !GetAtt FnRole.Arn\n"
          "      Environment:\n"
          "        Variables:\n"
          "          TABLE: !Ref Table\n"
          "  FnRole:\n"
          "    Type: AWS::IAM::Role\n"
          "    Properties:\n"
          "      ManagedPolicyArns:\n"
          "        - !Ref OwnManaged\n"
          "  OtherRole:\n"
          "    Type: AWS::IAM::Role\n"
          "  ReadPolicy:\n"
          "    Type: AWS::IAM::Policy\n"
          "    Properties:\n"
          "      PolicyName: read\n"
          "      Roles:\n"
          "        - !Ref FnRole\n"
          "        - !Ref OtherRole\n"
          "      PolicyDocument:\n"
          "        Statement:\n"
          "          - Effect: Allow\n"
          "            Action: [dynamodb:GetItem, dynamodb:Query]\n"
          "            Resource: !GetAtt Table.Arn\n"
          "  OwnManaged:\n"
          "    Type: AWS::IAM::ManagedPolicy\n"
          "    Properties:\n"
          "      PolicyDocument:\n"
          "        Statement:\n"
          "          - Effect: Allow\n"
          "            Action: s3:GetObject\n"
          "            Resource: '*'\n"
          "  QueuePolicy:\n"
          "    Type: AWS::IAM::Policy\n"
          "    Properties:\n"
          "      Roles: [!Ref OtherRole]\n"
          "      PolicyDocument:\n"
          "        Statement:\n"
          "          - Effect: Allow\n"
          "            Action: sqs:*\n"
          "            Resource: '*'\n");
  // negative: YAML that mentions a function type but is no template (no format version or
  // transform) declares nothing
  d.write("config/notes.yaml", "kinds:\n  - AWS::Lambda::Function\nResources:\n  X:\n    Type: AWS::Lambda::Function\n");
  d.write("src/app.py",
          "import os, boto3\n"
          "table = boto3.resource('dynamodb').Table(os.environ['TABLE'])\n"
          "def handler(event, context):\n"
          "    table.get_item(Key={'id': '1'})\n"
          "    boto3.client('s3').get_object(Bucket='b', Key='k')\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 1);
  const auto& f = r.functions[0];
  CHECK(f.name == "Fn");
  CHECK(f.template_file == "stack/orders-service.yaml");
  REQUIRE(f.grants_known);
  std::vector<std::string> grants;
  for (const auto& g : f.granted) grants.push_back(g.action + " from " + g.source);
  std::sort(grants.begin(), grants.end());
  CHECK(grants == std::vector<std::string>{"dynamodb:GetItem from ReadPolicy", "dynamodb:Query from ReadPolicy",
                                           "s3:GetObject from OwnManaged"});
  CHECK(f.missing.empty());
  CHECK(f.unused == std::vector<std::string>{"dynamodb:Query"});
}

TEST_CASE("JavaScript: clients re-exported through several modules, to a bound, cycles stopped") {
  TempDir d;
  d.write("aws/clients.js",
          "const AWS = require('aws-sdk');\n"
          "module.exports = { s3: new AWS.S3(), ddb: new AWS.DynamoDB.DocumentClient() };\n");
  d.write("aws/index.js", "module.exports = require('./clients');\n");  // CommonJS: the whole module
  d.write("lib/pass.js", "const { s3 } = require('../aws');\nmodule.exports = { store: s3 };\n");  // imported, exported again
  d.write("lib/esm/base.mjs", "import AWS from 'aws-sdk';\nexport const sns = new AWS.SNS();\n");
  d.write("lib/esm/mid.mjs", "export { sns as topic } from './base.mjs';\n");
  d.write("lib/esm/index.mjs", "export * from './mid.mjs';\n");
  d.write("lib/ns.mjs", "export * as aws from './esm/index.mjs';\n");
  d.write("lib/a.js", "module.exports = require('./b');\n");  // a cycle, and no client in it
  d.write("lib/b.js", "module.exports = require('./a');\n");
  // e0 -> … -> e7 (8 modules) is followed; d0 -> … -> d9 stops at the bound, with a note
  for (int i = 0; i < 8; ++i)
    d.write("lib/shallow/e" + std::to_string(i) + ".js",
            i == 7 ? std::string("const AWS = require('aws-sdk');\nmodule.exports = { s3: new AWS.S3() };\n")
                   : "module.exports = require('./e" + std::to_string(i + 1) + "');\n");
  for (int i = 0; i < 10; ++i)
    d.write("lib/deep/d" + std::to_string(i) + ".js",
            i == 9 ? std::string("const AWS = require('aws-sdk');\nmodule.exports = { s3: new AWS.S3() };\n")
                   : "module.exports = require('./d" + std::to_string(i + 1) + "');\n");
  d.write("handler.js",
          "const aws = require('./aws');\n"
          "const { store } = require('./lib/pass');\n"
          "const cyc = require('./lib/a');\n"
          "exports.handler = async () => {\n"
          "  await aws.s3.getObject({ Bucket: 'in', Key: 'k' }).promise();\n"
          "  await aws.ddb.put({ TableName: 'jobs', Item: {} }).promise();\n"
          "  await store.putObject({ Bucket: 'out', Key: 'k' }).promise();\n"
          "  cyc.s3.deleteObject({ Bucket: 'not-a-client' });\n"
          "};\n");
  d.write("esm.mjs",
          "import { topic } from './lib/esm/index.mjs';\n"
          "import { aws } from './lib/ns.mjs';\n"
          "export const handler = async () => {\n"
          "  await topic.publish({ TopicArn: 'arn:aws:sns:us-east-1:1:a' }).promise();\n"
          "  await aws.topic.publish({ TopicArn: 'arn:aws:sns:us-east-1:1:b' }).promise();\n"
          "};\n");
  d.write("depth.js",
          "const { s3: near } = require('./lib/shallow/e0');\n"
          "const { s3: far } = require('./lib/deep/d0');\n"
          "exports.handler = async () => {\n"
          "  await near.headObject({ Bucket: 'near', Key: 'k' }).promise();\n"
          "  await far.headObject({ Bucket: 'far', Key: 'k' }).promise();\n"
          "};\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 1);
  CHECK(call_lines(r.functions[0]) == std::vector<std::string>{
                     "depth.js:4 s3:HeadObject near",
                     "esm.mjs:4 sns:Publish arn:aws:sns:us-east-1:1:a",
                     "esm.mjs:5 sns:Publish arn:aws:sns:us-east-1:1:b",
                     "handler.js:5 s3:GetObject in",
                     "handler.js:6 dynamodb:PutItem jobs",
                     "handler.js:7 s3:PutObject out",
                 });
  // the bound is said where it stopped the chain: d7 re-exports d8, the ninth module
  const bool noted = std::any_of(r.notes.begin(), r.notes.end(), [](const CallNote& n) {
    return n.file == "lib/deep/d7.js" && n.line == 1 && n.message.find("re-exports are followed through 8 modules") != std::string::npos;
  });
  CHECK(noted);
}

TEST_CASE("JavaScript: barrel modules that all re-export each other end, with a note") {
  TempDir d;
  const int n = 30;  // every module re-exports every other: cycles everywhere, 30^8 chains
  for (int i = 0; i < n; ++i) {
    std::string text = i == n - 1 ? "import AWS from 'aws-sdk';\nexport const s3 = new AWS.S3();\n" : "";
    for (int j = 0; j < n; ++j)
      if (j != i) text += "export * from './b" + std::to_string(j) + ".mjs';\n";
    d.write("lib/b" + std::to_string(i) + ".mjs", text);
  }
  d.write("handler.mjs",
          "import { s3 } from './lib/b29.mjs';\n"
          "export const handler = async () => s3.putObject({ Bucket: 'out', Key: 'k' }).promise();\n");
  const auto r = analyze_permissions(d.path.string(), data());
  REQUIRE(r.functions.size() == 1);
  // the module that makes the client is read whatever the tangle behind it
  CHECK(call_lines(r.functions[0]) == std::vector<std::string>{"handler.mjs:2 s3:PutObject out"});
  const bool noted = std::any_of(r.notes.begin(), r.notes.end(), [](const CallNote& c) {
    return c.message.find("too many re-exports to follow in this workload") != std::string::npos ||
           c.message.find("re-exports are followed through 8 modules") != std::string::npos;
  });
  CHECK(noted);
}

TEST_CASE("a workload with nothing to analyse needs only the data's date") {
  lambdafit::testing::TempTree t;
  t.write("run.sh", "#!/bin/sh\naws s3 cp a s3://b/\n");
  t.write("README.md", "# tool\n");
  t.write("tests/test_x.py", "import boto3\n");
  PermissionsOptions o;
  o.counts = [](std::string_view rel) { return rel.rfind("tests/", 0) != 0; };
  CHECK_FALSE(reads_any_file(list_workload_files(t.path()), o));
  CHECK(reads_any_file(list_workload_files(t.path())));  // counting every file, the test module is code to read

  SECTION("deployed code is read") {
    t.write("src/app.py", "x = 1\n");
    CHECK(reads_any_file(list_workload_files(t.path()), o));
  }
  SECTION("a deployment file is read") {
    t.write("infra/main.tf", "resource \"aws_lambda_function\" \"f\" {}\n");
    CHECK(reads_any_file(list_workload_files(t.path()), o));
  }

  const std::string rules = std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules";
  std::vector<std::string> errors;
  const Data date = load_data_date(rules, errors);
  CHECK(errors.empty());
  const Data& all = lambdafit::testing::permission_data();
  CHECK(date.botocore_version == all.botocore_version);
  CHECK(date.as_of_date == all.as_of_date);
  CHECK_FALSE(date.botocore_version.empty());
  CHECK(date.services.empty());  // the operations were not read

  SECTION("a data file not laid out as generated is read whole") {
    t.write("rules/permissions/actions.yaml", "services: {}\nas_of: {botocore: \"9.9\", date: \"2030-01-01\"}\n");
    std::vector<std::string> e;
    CHECK(load_data_date(t.path("rules"), e).botocore_version == "9.9");
  }
}

TEST_CASE("permissions: Python and Java that never name the SDK need only the data's date", "[permissions][policy]") {
  lambdafit::testing::TempTree t;
  t.write("app/main.py", "import json\nprint(json.dumps({}))\n");
  t.write("app/Main.java", "class Main { public static void main(String[] a) {} }\n");
  const std::string rules = std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules";
  const Data names = load_sdk_names(rules);
  CHECK_FALSE(names.py_client_factories.empty());
  CHECK_FALSE(names.java_package_prefix.empty());
  CHECK(names.services.empty());  // no operations were read
  const PermissionsOptions o;
  const auto files = [&] { return list_workload_files(t.path()); };
  CHECK_FALSE(reads_any_file(files(), o, &names, t.path()));
  CHECK(reads_any_file(files(), o));  // without the names, any Python file is read

  SECTION("a Python file that imports boto3 is read") {
    t.write("app/store.py", "import boto3\ns3 = boto3.client('s3')\n");
    CHECK(reads_any_file(files(), o, &names, t.path()));
  }
  SECTION("a Java file that names the SDK's package is read") {
    t.write("app/Store.java", "import software.amazon.awssdk.services.s3.S3Client;\n");
    CHECK(reads_any_file(files(), o, &names, t.path()));
  }
  SECTION("JavaScript is read: its SDK check needs the data") {
    t.write("app/index.js", "exports.handler = async () => 1;\n");
    CHECK(reads_any_file(files(), o, &names, t.path()));
  }
  SECTION("the analysis gives the same result from the date alone") {
    t.write("app/helper.py", "def f():\n    return client.put_object(Bucket='b')\n");
    std::vector<std::string> errors;
    const Data date = load_data_date(rules, errors);
    const auto a = analyze_permissions(t.path(), date, o);
    const auto b = analyze_permissions(t.path(), lambdafit::testing::permission_data(), o);
    REQUIRE(a.functions.size() == 1);
    REQUIRE(b.functions.size() == 1);
    CHECK(a.functions[0].statements.empty());
    CHECK(b.functions[0].statements.empty());
    CHECK(a.notes.size() == b.notes.size());
  }
}

TEST_CASE("inline code (SAM InlineCode, CloudFormation Code.ZipFile) is said not read, not called unused") {
  TempDir d;
  d.write("template.yaml",
          "AWSTemplateFormatVersion: '2010-09-09'\n"
          "Transform: AWS::Serverless-2016-10-31\n"
          "Resources:\n"
          "  Creator:\n"
          "    Type: AWS::Serverless::Function\n"
          "    Properties:\n"
          "      Runtime: python3.12\n"
          "      Handler: index.handler\n"
          "      Policies:\n"
          "        - Statement:\n"
          "            - Effect: Allow\n"
          "              Action: dynamodb:PutItem\n"
          "              Resource: '*'\n"
          "      InlineCode: |\n"
          "        import boto3\n"
          "        def handler(event, context):\n"
          "            boto3.resource('dynamodb').Table('t').put_item(Item={})\n"
          "  Raw:\n"
          "    Type: AWS::Lambda::Function\n"
          "    Properties:\n"
          "      Runtime: python3.12\n"
          "      Handler: index.handler\n"
          "      Code:\n"
          "        ZipFile: |\n"
          "          def handler(event, context): pass\n"
          "  FromFiles:\n"
          "    Type: AWS::Serverless::Function\n"
          "    Properties:\n"
          "      CodeUri: src/\n"
          "      Handler: app.handler\n"
          "      Runtime: python3.12\n"
          "      Policies:\n"
          "        - Statement:\n"
          "            - Effect: Allow\n"
          "              Action: s3:GetObject\n"
          "              Resource: '*'\n");
  // A file beside the template that is no function's code: the inline functions must not take it.
  d.write("tools/seed.py", "import boto3\nboto3.client('sqs').send_message(QueueUrl='q', MessageBody='m')\n");
  d.write("src/app.py", "def handler(event, context):\n    return 1\n");
  const auto r = analyze_permissions(d.path.string(), data());
  std::map<std::string, const FunctionPolicy*> by_name;
  for (const auto& f : r.functions) by_name[f.name] = &f;
  REQUIRE(by_name.count("Creator"));
  REQUIRE(by_name.count("Raw"));
  REQUIRE(by_name.count("FromFiles"));
  for (const char* name : {"Creator", "Raw"}) {
    INFO(name);
    const auto& f = *by_name[name];
    CHECK(f.files.empty());
    CHECK(f.calls.empty());
    CHECK(f.unused.empty());
    CHECK(f.unused_by_grant.empty());
    const int line = std::string(name) == "Creator" ? 14 : 24;
    CHECK(std::any_of(f.notes.begin(), f.notes.end(), [&](const std::string& n) {
      return n.find("template.yaml:" + std::to_string(line) + ":") == 0 && n.find("inline in the template") != std::string::npos;
    }));
  }
  // Code in files is still compared: its grant goes unused.
  CHECK(by_name["FromFiles"]->unused == std::vector<std::string>{"s3:GetObject"});
}

TEST_CASE("permissions: the SDK names are needed only when a Python or Java file is present", "[permissions]") {
  CHECK_FALSE(sdk_names_matter({}));
  CHECK_FALSE(sdk_names_matter({"run.sh", "web/app.js", "src/main.cpp", "template.yaml"}));
  CHECK(sdk_names_matter({"run.sh", "app/handler.py"}));
  CHECK(sdk_names_matter({"src/main/java/Main.java"}));
}
