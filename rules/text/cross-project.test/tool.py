import sys

# lambdafit-expect(python-path-outside-root)
sys.path.append("../..")
sys.path.insert(0, "./lib")
# lambdafit-expect-not(python-path-outside-root)
# sys.path.append("../../other")  negative: comment
