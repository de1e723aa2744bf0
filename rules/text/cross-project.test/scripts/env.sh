#!/bin/bash
# lambdafit-expect(shell-source-outside-root)
source ../../ops-common/env.sh
# lambdafit-expect-not(shell-source-outside-root): inside the project
. ../lib.sh
