resource "aws_instance" "worker" {
  # lambdafit-expect(ami-id)
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  # lambdafit-expect-not(ami-id)
  # ami = "ami-12345678"   negative: comment
  /* ami-87654321 in a block comment: negative */
}

variable "note" {
  default = "ami-xxxxxxxx is a placeholder"   // lambdafit-expect-not(ami-id): not hex
}
