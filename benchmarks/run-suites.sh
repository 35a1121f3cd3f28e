#!/usr/bin/env bash
# Runs the Dragonpool benchmark suites exactly as docs/benchmarks.md documents them and keeps
# the raw JMH output (OUT/SUITE.txt), the JSON results (OUT/SUITE.json) and the report tables
# and charts (OUT/bench-SUITE.md, OUT/bench-SUITE-*.svg).
#
#   benchmarks/run-suites.sh objects|buffers|agent|all [OUT]      (from the repository root)
#
# Environment: JAVA (default: java on the path), BENCH_JAR (default
# benchmarks/target/benchmarks.jar), AGENT_JAR (default agent/target/dragonpool-agent.jar).
set -euo pipefail
suite=${1:?usage: benchmarks/run-suites.sh objects|buffers|agent|all [OUT]}
out=${2:-bench-results}
java=${JAVA:-java}
jar=${BENCH_JAR:-benchmarks/target/benchmarks.jar}
agent=${AGENT_JAR:-agent/target/dragonpool-agent.jar}
profilers=(-prof gc -prof dev.dragonpool.bench.CpuTimeProfiler)
mkdir -p "$out"
[ -f "$jar" ] || { echo "run-suites: $jar not found; build it with mvn -pl benchmarks -am package" >&2; exit 2; }

run() {
  local name=$1; shift
  echo "run-suites: $name: $*" | tee "$out/$name.txt"
  echo "run-suites: $name: load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/$name.txt"
  local t0=$SECONDS
  "$@" -rf json -rff "$out/$name.json" 2>&1 | tee -a "$out/$name.txt"
  echo "run-suites: $name: $((SECONDS - t0)) s, load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/$name.txt"
  python3 benchmarks/report.py "$name" "$out/$name.json" "$out"
}

case $suite in
  objects|all)
    run objects "$java" -jar "$jar" ObjCacheBench "${profilers[@]}" -f 1 -wi 3 -w 1s -i 4 -r 1s ;;&
  buffers|all)
    run buffers "$java" -jar "$jar" KmallocBench "${profilers[@]}" -f 1 -wi 2 -w 400ms -i 3 -r 400ms ;;&
  agent|all)
    run agent "$java" -Ddragonpool.agent.jar="$agent" -cp "$jar" dev.dragonpool.bench.agent.AgentSuite \
      "${profilers[@]}" -f 1 -wi 3 -w 1s -i 5 -r 1s ;;
  objects|buffers) ;;
  *) echo "run-suites: unknown suite '$suite' (objects, buffers, agent, all)" >&2; exit 2 ;;
esac
