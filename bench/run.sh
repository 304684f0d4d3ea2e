#!/usr/bin/env bash
# Benchmarks of tikmatrix-bridge; results and how to read them: docs/BENCHMARKS.md.
#   bench/run.sh [descriptors]    inbox throughput and peak heap (default 10000 descriptors)
#   bench/run.sh events           latency from a status change at the simulator to its event file
#   bench/run.sh fleet [n]        one bridge, then three on one PostgreSQL store, in front of three simulated PCs:
#                                 n descriptors (default 3000) in 10 files, drop to last receipt
#   bench/run.sh store [n] [t]    the H2 store alone, in this JVM: CPU per 1,000 of n descriptors' claims, records
#                                 and event deliveries (default 20000), then the store reads of a metrics scrape on a
#                                 store of t tasks (default 1000000; needs about 1 GB of disk)
#   bench/run.sh floor [n]        what this machine charges whatever the bridge's design, in this JVM: CPU per 1,000
#                                 descriptors of the least an exactly-once submission writes to H2, and of one
#                                 event file each (default 20000); run it with the bridge's JVM options in BENCH_OPTS
#   bench/run.sh speed [n]        the issue "Speed" figures in one run: a plain keep-alive client's rate, a warm
#                                 bridge's rate, CPU per 1,000 and peak RSS on n posts (default 10000), start to
#                                 healthy, idle CPU and memory; the bridge JVM runs with the distribution's
#                                 options (bin/tikmatrix-bridge) unless BENCH_BRIDGE_JVM sets others ("" for
#                                 the JVM's own defaults), and like it on the class data archive that the first
#                                 bridge's start writes as it stops (BENCH_CDS=off for none)
# BENCH_HEAP caps the bridge JVM's heap (default 256m), to show a big file does not need a big heap.
# BENCH_OPTS passes more JVM options, e.g. -Dbridge.api.concurrency=16 or -Dbridge.status.poll-interval=1s.
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_BRIDGE_JVM="${BENCH_BRIDGE_JVM-$(sed -n 's/^default_jvm_opts="\(.*\)"$/\1/p' src/dist/bin/tikmatrix-bridge)}"
mvn -B -q test-compile jar:jar dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -DincludeScope=test
# the bridges it starts run on the product's classpath, as bin/tikmatrix-bridge runs them, not on the tests' one: jars
# only, as the JVM's class data sharing takes no folder of classes
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-bridge.classpath -DincludeScope=runtime
bridge_jar=target/tikmatrix-bridge.jar
case "${1:-}" in
  events) main=EventLatencyBenchmark; shift ;;
  fleet) main=FleetBenchmark; shift ;;
  store) main=StoreBenchmark; shift ;;
  floor) main=FloorBenchmark; shift ;;
  speed) main=SpeedBenchmark; shift ;;
  *) main=InboxBenchmark ;;
esac
exec java -Xmx"${BENCH_HEAP:-256m}" -Dlog4j2.level=WARN ${BENCH_OPTS:-} \
  -Dtikmatrix.bridge.classpath="$PWD/$bridge_jar:$(cat target/bench-bridge.classpath)" \
  -cp "$PWD/target/classes:$PWD/target/test-classes:$(cat target/bench.classpath)" \
  "io.tikmatrix.bridge.bench.$main" "$@"
