# Golden fixture for Terraform locals and attributes of objects: the root module names its
# table and bucket through locals and passes them to a local module as one object, which
# reads them as var.settings.x and through locals of its own.
# tests/unit/permissions/terraform_modules_test.cpp lists what is expected.

locals {
  prefix = "orders"
  tables = {
    orders = aws_dynamodb_table.orders
  }
}

resource "aws_dynamodb_table" "orders" {
  name         = "${local.prefix}-table"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
}

resource "aws_s3_bucket" "reports" {
  bucket_prefix = "reports-"
}

module "orders" {
  source = "./modules/fn"
  settings = {
    handler   = "app.handler"
    table     = local.tables.orders.name
    table_arn = local.tables.orders.arn
    bucket    = aws_s3_bucket.reports
  }
}
