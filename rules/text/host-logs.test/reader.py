"""Reads /var/log/syslog in the docstring only: negative."""
import os

# lambdafit-expect(code-host-logs)
AUTH = "/var/log/auth.log"
# open("/var/log/messages")  negative: comment
prefix = "s3://bucket/var/log/"
