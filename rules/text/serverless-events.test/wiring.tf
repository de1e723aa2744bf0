# lambdafit-expect(iac-event-source-mapping)
resource "aws_lambda_event_source_mapping" "queue" {
  event_source_arn = aws_sqs_queue.q.arn
  function_name    = aws_lambda_function.f.arn
}
# lambdafit-expect-not(iac-event-source-mapping)
# resource "aws_s3_bucket_notification" "n" {}   negative: comment
