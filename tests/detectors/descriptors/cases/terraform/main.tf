# A function, a bucket and the community module.
resource "aws_lambda_function" "thumbs" {
  function_name = "thumbs"
  runtime       = "python3.12"
  handler       = "app.handler"
  timeout       = 90
  role          = aws_iam_role.lambda.arn
  /* memory_size = 10240 */
}

resource "aws_lambda_function" "defaults" {
  function_name = "defaults"
  handler       = "index.handler"
  memory_size   = var.memory
}

resource "aws_s3_bucket" "photos" {
  bucket  = "photos"
  timeout = 5
}

module "worker" {
  source      = "terraform-aws-modules/lambda/aws"
  memory_size = 1024
  timeout     = 300
}

module "network" {
  source  = "terraform-aws-modules/vpc/aws"
  timeout = 60
}

resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "cron(0 3 * * ? *)"
}

resource "aws_lambda_event_source_mapping" "queue" {
  event_source_arn = aws_sqs_queue.q.arn
  function_name    = aws_lambda_function.thumbs.arn
}
