source "amazon-ebs" "base" {
  source_ami    = "ami-0123abcd"
  instance_type = "t3.small"
}
# source "amazon-ebs" "old"   negative: comment
