#!/usr/bin/env bash
# W5 recovery benchmark, one command: fills a fresh database (on TEST_DB_URL's server, default the local
# PostgreSQL) with N journaled commands, kills the filler, and times cold starts to ready.
# Usage: ops/bench/run-w5.sh [commands=1000000] [clients=64]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export TEST_DB_URL="${TEST_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
./mvnw -q -B -Dspotless.check.skip=true test-compile exec:exec -Dexec.classpathScope=test \
    -Dexec.args="-cp %classpath io.bulwark.bench.RecoveryBenchmark ${1:-1000000} ${2:-64}"
