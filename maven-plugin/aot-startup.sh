#!/usr/bin/env bash
# JDK 25 AOT cache (JEP 483/514/515) with build-time weaving vs the agent, on the example application.
# Trains one cache per variant with -XX:AOTCacheOutput, shows from -Xlog:class+load which
# application classes come from the cache, then times start-up with hyperfine (20 runs each).
#   maven-plugin/aot-startup.sh [RUNS]       (after mvn -B -DskipTests package; default 20 runs)
#   JAVA25=/path/to/jdk-25/bin/java DP_BUILD=target-x maven-plugin/aot-startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build="${DP_BUILD:-target}"
runs="${1:-20}"
java25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
work="maven-plugin/$build/aot"
rm -rf "$work" && mkdir -p "$work"
ann="annotations/$build/dragonpool-annotations-$version.jar"
rt="runtime/$build/dragonpool-runtime-$version.jar"
agent="agent/$build/dragonpool-agent.jar"
main=dev.dragonpool.examples.LogPipeline
args="100 1"   # start-up: every class loaded, little work

# The example's classes as compiled (the examples module built without -Pweave), as a jar: the AOT
# cache takes classes from jars only.
if unzip -p "examples/$build/dragonpool-examples-$version.jar" dev/dragonpool/examples/LogEvent.class | grep -q 'dev/dragonpool/internal/Woven'; then
  echo "examples/$build holds woven classes (built with -Pweave): rebuild without the profile first" >&2; exit 1
fi
cp "examples/$build/dragonpool-examples-$version.jar" "$work/plain.jar"
"$java25" -jar "$agent" weave "classpath=$ann:$rt" "$work/plain.jar" "$work/woven.jar" | head -n 3

declare -A cp=( [woven]="$work/woven.jar:$ann:$rt" [agent]="$work/plain.jar:$ann:$rt" [plain]="$work/plain.jar:$ann:$rt" )
# JMX off everywhere: both the agent and woven classes publish the MXBeans from a thread 500 ms
# after start, which would land inside some runs and not others.
declare -A jvm=( [woven]="-Ddragonpool.jmx=off" [agent]="-javaagent:$agent=jmx=off" [plain]="" )
for v in woven agent plain; do
  # -Xlog:aot warnings (on by default) name every class the cache leaves out, and why.
  "$java25" -XX:AOTCacheOutput="$work/$v.aot" ${jvm[$v]} -cp "${cp[$v]}" $main $args > "$work/$v-train.log" 2>&1
  echo "== $v: example classes the cache skipped: $(grep -o 'Skipping dev/dragonpool/examples/[A-Za-z]*: From ClassFileLoadHook' "$work/$v-train.log" | sort -u | tr '\n' ' ')"
  "$java25" -XX:AOTCache="$work/$v.aot" -Xlog:class+load=info ${jvm[$v]} -cp "${cp[$v]}" $main $args 2>&1 \
    | grep -E 'dev\.dragonpool\.examples\.(LogEvent|PathStats|LogPipeline) source|^pool ' | sed 's/^/   /'
done

echo "== start-up, $runs runs each (hyperfine -N -w 3); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N -w 3 -r "$runs" --export-json "$work/startup.json" \
  -n "woven+AOT" "$java25 -XX:AOTCache=$work/woven.aot ${jvm[woven]} -cp ${cp[woven]} $main $args" \
  -n "agent+AOT" "$java25 -XX:AOTCache=$work/agent.aot ${jvm[agent]} -cp ${cp[agent]} $main $args" \
  -n "plain+AOT" "$java25 -XX:AOTCache=$work/plain.aot -cp ${cp[plain]} $main $args" \
  -n "woven, no cache" "$java25 ${jvm[woven]} -cp ${cp[woven]} $main $args" \
  -n "agent, no cache" "$java25 ${jvm[agent]} -cp ${cp[agent]} $main $args" \
  -n "plain, no cache" "$java25 -cp ${cp[plain]} $main $args" > "$work/hyperfine.txt"
python3 - "$work/startup.json" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = [x * 1000 for x in r["times"]]
    print(f"   {r['command']:16s} min {min(t):7.1f} ms   median {statistics.median(t):7.1f} ms   CPU (user+sys, mean) {(r['user']+r['system'])*1000:6.1f} ms")
PY
