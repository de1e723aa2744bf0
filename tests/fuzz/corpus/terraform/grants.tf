resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = "${aws_s3_bucket.b.arn}/*" }] })
}
data "aws_iam_policy_document" "d" { statement { actions = ["dynamodb:GetItem"] resources = [var.table_arn] } }
locals { doc = <<EOT
{"Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}
EOT
}
