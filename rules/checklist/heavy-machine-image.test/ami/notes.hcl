not a packer file  # lambdafit-expect-not(packer-template): plain .hcl
