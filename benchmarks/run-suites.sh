#!/usr/bin/env bash
# Runs the Dragonpool benchmark suites exactly as docs/benchmarks.md documents them and keeps
# the raw JMH output (OUT/SUITE.txt), the JSON results (OUT/SUITE.json) and the report tables
# and charts (OUT/bench-SUITE.md, OUT/bench-SUITE-*.svg). The objects suite runs twice: on JMH's
# plain threads (objects) and on Netty fast-thread-local threads (objects-ftl: the recyclers,
# Dragonpool and the baselines, where Netty 4.2's thread-local Recycler pools); one report covers
# both. The start-up suite (startup) runs dev.dragonpool.bench.startup.StartupBench on JDK 17 and
# the JDK in $JAVA25 (OUT/startup.txt).
#
#   benchmarks/run-suites.sh objects|buffers|agent|startup|all [OUT]      (from the repository root)
#
# Environment: JAVA (default: java on the path), BENCH_JAR (default
# benchmarks/target/benchmarks.jar), AGENT_JAR (default agent/target/dragonpool-agent.jar), JAVA17
# and JAVA25 (the JDKs of the start-up suite; default java and /usr/lib/jvm/temurin-25-jdk-amd64/bin/java).
set -euo pipefail
suite=${1:?usage: benchmarks/run-suites.sh objects|buffers|agent|startup|all [OUT]}
out=${2:-bench-results}
java=${JAVA:-java}
jar=${BENCH_JAR:-benchmarks/target/benchmarks.jar}
agent=${AGENT_JAR:-agent/target/dragonpool-agent.jar}
profilers=(-prof gc -prof dev.dragonpool.bench.CpuTimeProfiler)
ftl_fork="-Xms1g -Xmx1g -Djmh.executor=CUSTOM -Djmh.executor.class=dev.dragonpool.bench.FastThreadExecutor"
java17=${JAVA17:-java}
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
mkdir -p "$out"
[ -f "$jar" ] || { echo "run-suites: $jar not found; build it with mvn -pl benchmarks -am package" >&2; exit 2; }

run() {
  local name=$1 report=$2; shift 2
  echo "run-suites: $name: $*" | tee "$out/$name.txt"
  echo "run-suites: $name: load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/$name.txt"
  local t0=$SECONDS
  "$@" -rf json -rff "$out/$name.json" 2>&1 | tee -a "$out/$name.txt"
  echo "run-suites: $name: $((SECONDS - t0)) s, load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/$name.txt"
  if [ -n "$report" ]; then python3 benchmarks/report.py "${name%%-*}" "$report" "$out"; fi
}

case $suite in
  objects|all)
    run objects "" "$java" -jar "$jar" ObjCacheBench "${profilers[@]}" -f 1 -wi 3 -w 1s -i 4 -r 1s
    run objects-ftl "$out/objects.json,$out/objects-ftl.json" "$java" -jar "$jar" ObjCacheBench \
      -p thread=ftl -p pool=prealloc,new,objcache,recycler,recycler-unguarded,recycler-pinned,recycler-pinned-unguarded \
      -jvmArgsAppend "$ftl_fork" "${profilers[@]}" -f 1 -wi 3 -w 1s -i 4 -r 1s ;;&
  buffers|all)
    run buffers "$out/buffers.json" "$java" -jar "$jar" KmallocBench "${profilers[@]}" -f 1 -wi 2 -w 400ms -i 3 -r 400ms ;;&
  agent|all)
    run agent "$out/agent.json" "$java" -Ddragonpool.agent.jar="$agent" -cp "$jar" dev.dragonpool.bench.agent.AgentSuite \
      "${profilers[@]}" -f 1 -wi 3 -w 1s -i 5 -r 1s ;;&
  startup|all)
    echo "run-suites: startup: load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$java" -cp "$jar" dev.dragonpool.bench.startup.StartupBench --agent "$agent" --runs 20 \
      --dir "$out/startup-apps" --java "$java17,$java25" --out "$out/startup.txt" ;;
  objects|buffers|agent) ;;
  *) echo "run-suites: unknown suite '$suite' (objects, buffers, agent, startup, all)" >&2; exit 2 ;;
esac
