resource "aws_lambda_function" "half" {
  timeout = 10
