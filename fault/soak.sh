#!/usr/bin/env bash
# Soak: order churn through REST against the packaged service on a fresh PostgreSQL for MINUTES; reports
# heap after GC, snapshot bytes and journal bytes per order at the start (once the client order id
# retention has passed) and at the end, and fails if the snapshot or the heap grows with the order count.
# Not part of ./mvnw verify. Options: -Dfault.soak.retention-seconds (default 30 up to 5 min, else 120),
# -Dfault.soak.orders-per-second (150), -Dfault.soak.traders (4), passed after MINUTES.
# Usage: fault/soak.sh [MINUTES=30] [-D...]   (figures: target/fault/soak-<time>.txt, log target/fault/soak.log)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-30}"
shift || true
exec ./mvnw -B -Pfault verify -Dtest=SoakFaultTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfault.soak.minutes="$minutes" "$@"
