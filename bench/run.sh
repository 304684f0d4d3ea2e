#!/usr/bin/env bash
# Benchmarks of tikmatrix-bridge; results and how to read them: docs/BENCHMARKS.md.
#   bench/run.sh [descriptors]    inbox throughput and peak heap (default 10000 descriptors)
#   bench/run.sh events           latency from a status change at the simulator to its event file
# BENCH_HEAP caps the bridge JVM's heap (default 256m), to show a big file does not need a big heap.
# BENCH_OPTS passes more JVM options, e.g. -Dbridge.api.concurrency=16 or -Dbridge.status.poll-interval=1s.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
if [ "${1:-}" = "events" ]; then
  main=io.tikmatrix.bridge.bench.EventLatencyBenchmark
  shift
else
  main=io.tikmatrix.bridge.bench.InboxBenchmark
fi
exec java -Xmx"${BENCH_HEAP:-256m}" -Dlog4j2.level=WARN ${BENCH_OPTS:-} \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  "$main" "$@"
