resource "aws_instance" "train" {
  instance_type = "p4d.24xlarge"
}
resource "aws_instance" "net" {
  instance_type = "c5n.18xlarge"
}
resource "aws_instance" "mem" {
  instance_type = "r6i.4xlarge"
}
resource "aws_instance" "web" {
  instance_type = "t3.medium"   # negative: general purpose
}
# instance_type = "g5.xlarge"   negative: comment
