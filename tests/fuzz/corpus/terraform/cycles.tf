locals {
  a = local.a.x
  b = { x = local.c.y }
  c = { y = local.b.x }
}
module "m" {
  source = "./"
  v = local.b
}
resource "aws_lambda_function" "f" {
  handler = local.a.y.z
  role = var.r.arn
}
