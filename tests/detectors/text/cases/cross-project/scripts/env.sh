#!/bin/bash
source ../../ops-common/env.sh
. ../lib.sh
