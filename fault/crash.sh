#!/usr/bin/env bash
# kill -9 the service and crash its own PostgreSQL CYCLES times each under retrying order flow.
# Usage: fault/crash.sh [CYCLES=20] [LOAD_SECONDS=5]   (figures: target/fault/crash.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -Pfault verify -Dtest=CrashFaultTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfault.crash.cycles="${1:-20}" -Dfault.crash.load-seconds="${2:-5}"
