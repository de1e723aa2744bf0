source "amazon-ebs" "base" {}  # lambdafit-expect(packer-template)
