source "amazon-ebs" "base" {}
