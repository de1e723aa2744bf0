resource "aws_instance" "train" {
  # lambdafit-expect(instance-type-gpu)
  instance_type = "p4d.24xlarge"
}
resource "aws_instance" "net" {
  # lambdafit-expect(instance-type-optimized)
  instance_type = "c5n.18xlarge"
}
resource "aws_instance" "mem" {
  # lambdafit-expect(instance-type-optimized)
  instance_type = "r6i.4xlarge"
}
resource "aws_instance" "web" {
  # lambdafit-expect-not(instance-type-gpu)
  instance_type = "t3.medium"   # negative: general purpose
}
# lambdafit-expect-not(instance-type-optimized)
# instance_type = "g5.xlarge"   negative: comment
