# The function module of tests/fixtures/workloads/tf-locals.

variable "settings" {
  type = object({ handler = string, table = string, table_arn = string, bucket = any })
}

locals {
  role_arn = aws_iam_role.this.arn
  env = {
    TABLE  = var.settings.table
    BUCKET = var.settings.bucket.bucket
  }
  # negative: an attribute the object does not have resolves to nothing
  missing = var.settings.queue
}

resource "aws_iam_role" "this" {
  name               = "orders"
  assume_role_policy = "{}"
}

data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["dynamodb:GetItem", "dynamodb:DeleteItem"]
    resources = [var.settings.table_arn]
  }
  statement {
    actions   = ["s3:PutObject"]
    resources = ["${var.settings.bucket.arn}/*"]
  }
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [local.missing]
  }
}

resource "aws_iam_role_policy" "this" {
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

resource "aws_lambda_function" "this" {
  function_name = "orders"
  filename      = "build/src.zip"
  handler       = var.settings.handler
  runtime       = "python3.12"
  role          = local.role_arn
  environment {
    variables = {
      TABLE  = local.env.TABLE
      BUCKET = local.env.BUCKET
    }
  }
}
