#!/usr/bin/env bash
# Measures the examples the way docs/examples.md reports them: the order book under G1, Parallel
# and ZGC on the default JDK (and G1 on JDK 25 when it is installed), the network service under
# the default collector, each without and with the agent; keeps each pair's side-by-side table
# (OUT/NAME.txt) and JSON (OUT/NAME.json), then draws the charts (OUT/*.svg) with
# dev.dragonpool.bench.charts.Charts. About a minute per pair on an idle 2-core machine.
#
#   examples/measure.sh [OUT]          (from anywhere; OUT defaults to docs/examples)
#
# Environment: GCS (default "g1 parallel z"), JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64;
# empty to skip), ORDERBOOK_ARGS / NETWORK_ARGS (extra options for Compare, e.g. "--seconds 10"),
# SKIP_BUILD=1 to use what is built. Run it on a quiet machine: the latencies measure the
# machine as much as the code when other work competes for the cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/examples}
gcs=${GCS:-g1 parallel z}
jdk25=${JDK25-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$out"

export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true -Dstyle.color=never"
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "measure: building (mvn -B -q -DskipTests -pl agent,examples -am package)"
  mvn -B -q -ntp -Dstyle.color=never -DskipTests -pl agent,examples -am package
fi
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
cp="examples/target/dragonpool-examples-$version.jar:examples/target/lib/*"
jdk=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)

pair() {   # NAME JAVA EXAMPLE ARGS...
  local name=$1 javabin=$2; shift 2
  echo "measure: $name: load average $(cut -d' ' -f1-3 /proc/loadavg)"
  java -cp "$cp" dev.dragonpool.examples.Compare "$@" --java "$javabin" --json "$out/$name.json" | tee "$out/$name.txt"
}

for gc in $gcs; do
  # shellcheck disable=SC2086
  pair "orderbook-$gc-jdk$jdk" "$(command -v java)" orderbook --gc "$gc" ${ORDERBOOK_ARGS:-}
done
if [ -n "$jdk25" ] && [ -x "$jdk25/bin/java" ]; then
  # shellcheck disable=SC2086
  pair "orderbook-g1-jdk25" "$jdk25/bin/java" orderbook --gc g1 ${ORDERBOOK_ARGS:-}
fi
# shellcheck disable=SC2086
pair "network-g1-jdk$jdk" "$(command -v java)" network --gc g1 ${NETWORK_ARGS:-}

# The chart program needs only the JDK: compile its sources alone rather than the benchmarks module.
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" benchmarks/src/main/java/dev/dragonpool/bench/charts/*.java
java -cp "$classes" dev.dragonpool.bench.charts.Charts examples "$out" "$out"/*.json
