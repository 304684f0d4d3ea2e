#!/usr/bin/env bash
# Inbox throughput and peak heap: bench/run.sh [descriptors] (default 10000).
# The bridge JVM's heap is capped with BENCH_HEAP (default 256m) to show a big file does not need a big heap.
# BENCH_OPTS passes more JVM options, e.g. -Dbridge.api.concurrency=16.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx"${BENCH_HEAP:-256m}" -Dlog4j2.level=WARN ${BENCH_OPTS:-} \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  io.tikmatrix.bridge.bench.InboxBenchmark "${1:-10000}"
