# lambdafit-expect(packer-builder)
source "amazon-ebs" "base" {
  # lambdafit-expect(ami-id)
  source_ami    = "ami-0123abcd"
  instance_type = "t3.small"
}
# lambdafit-expect-not(packer-builder)
# source "amazon-ebs" "old"   negative: comment
