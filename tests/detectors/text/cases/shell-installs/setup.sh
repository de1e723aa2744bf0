#!/bin/bash
apt-get update
apt-get install -y jq
sudo yum -y install ImageMagick
pip3 install --user requests
python3 -m pip install boto3
npm install -g aws-cdk
# apt-get install -y curl   (negative: comment)
echo "then run pip install -r requirements.txt"
apt-cache policy jq
pip3 freeze > /tmp/freeze.txt
