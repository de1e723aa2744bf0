not a packer file
