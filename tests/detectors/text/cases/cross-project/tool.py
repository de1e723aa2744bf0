import sys

sys.path.append("../..")
sys.path.insert(0, "./lib")
# sys.path.append("../../other")  negative: comment
