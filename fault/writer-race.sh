#!/usr/bin/env bash
# Writer races: ROUNDS kill -9 / SIGSTOP rounds over INSTANCES instances on one database.
# Usage: fault/writer-race.sh [ROUNDS=200] [INSTANCES=3]   (figures: target/fault/writer-race.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -Pfault verify -Dtest=WriterRaceFaultTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfault.writer.rounds="${1:-200}" -Dfault.writer.instances="${2:-3}"
