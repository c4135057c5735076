#!/usr/bin/env bash
# W1 realistic (issue 15): Bulwark's engine (RealisticEngineBenchmark: positions, a walking oracle price,
# fills, resting stop / take-profit orders, liquidation checks) and exchange-core 0.5.3's margin pipeline
# (src/bench/java ExchangeCoreBenchmark, the same workload as far as it has the features) in one JMH-driven
# run (W1Versus), then a table of both scores and the ratio per number of accounts with positions.
# Usage: ops/bench/run-w1.sh [JMH options, default: -f 1 -wi 2 -i 3 -w 10 -r 5 -p holders=1000,10000,100000]
# Environment: TASKSET=0 (or any taskset cpu list) pins both benchmark JVMs (the runner and its forks) to
# those cores; EC_JVM, the JDK 17 java that runs exchange-core's fork (its chronicle 2.19 does not start
# on JDK 25; default /usr/lib/jvm/java-17-openjdk-amd64/bin/java); SKIP_BUILD=1 reuses target/.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
EC_JVM="${EC_JVM:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}"
if [[ $# -eq 0 ]]; then
  set -- -f 1 -wi 2 -i 3 -w 10 -r 5 -p holders=1000,10000,100000
fi
[[ -x "$EC_JVM" ]] || { echo "no JDK 17 at $EC_JVM (apt-get install -y openjdk-17-jdk-headless, or set EC_JVM)" >&2; exit 1; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # the first run needs the network once: ./mvnw dependency:resolve -Pbench
  ./mvnw -q -o -B -Pbench -Dspotless.check.skip=true test-compile
fi
./mvnw -q -o -B -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/w1-classpath.txt >/dev/null
# one benchmark list for both compilations (test-classes: Java 21, bench-classes: Java 17)
mkdir -p target/w1-jmh/META-INF
cat target/test-classes/META-INF/BenchmarkList target/bench-classes/META-INF/BenchmarkList \
  > target/w1-jmh/META-INF/BenchmarkList
CP="target/w1-jmh:target/bench-classes:target/test-classes:target/classes:$(cat target/w1-classpath.txt)"

PIN=()
if [[ -n "${TASKSET:-}" ]]; then
  PIN=(taskset -c "$TASKSET")
fi
echo "W1 realistic vs exchange-core, $(date -u +%FT%TZ), load average at start $(cut -d' ' -f1-3 /proc/loadavg)," \
  "pinned: ${TASKSET:-no}, JMH: $*"
# -Djmh.ignoreLock: other JMH runs on a shared machine hold /tmp/jmh.lock; this run's numbers say under what load
"${PIN[@]}" "$JAVA_HOME/bin/java" -Djmh.ignoreLock=true -Dw1.ecJvm="$EC_JVM" -cp "$CP" \
  io.bulwark.bench.W1Versus "$@"
