#!/usr/bin/env bash
# Builds Dragonpool and runs the examples, each twice: without and with
# -javaagent:agent/<build>/dragonpool-agent.jar, printing what pooling changed.
#
#   ./demo.sh                      the order book (tail latency and GC at a fixed offered rate,
#                                  about 30 s), then the log pipeline (about 10 s)
#   ./demo.sh orderbook [OPTIONS]  the order book only; OPTIONS go to dev.dragonpool.examples.Compare
#                                  (e.g. --gc parallel, --gc z, --seconds 20, --json results.json)
#   ./demo.sh network [OPTIONS]    the TCP service on 127.0.0.1 (pooled requests, kmalloc buffers)
#   ./demo.sh logs [LINES] [ROUNDS] the log pipeline only (defaults 1000000 3)
#   DP_BUILD=target-x ./demo.sh    build output folder (default "target")
#
# docs/examples.md explains every number the examples print.
set -euo pipefail
cd "$(dirname "$0")"
build="${DP_BUILD:-target}"
what="${1:-default}"
[ $# -gt 0 ] && shift
# An old-style call './demo.sh LINES ROUNDS' still runs the log pipeline.
if [[ "$what" =~ ^[0-9]+$ ]]; then
  set -- "$what" "$@"
  what=logs
fi
case "$what" in
  default|orderbook|network|logs) ;;
  *) echo "demo.sh: unknown example '$what' (orderbook, network, logs; none for the default)" >&2; exit 2 ;;
esac

# No colour codes from Maven: -B and style.color=never turn off its colours, and jansi.noreset
# stops the stray reset sequences (ESC[0m) that Maven 3.8's jansi prints even with -q.
export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true -Dstyle.color=never"
echo "== building (mvn -B -q -DskipTests -pl agent,examples -am package)"
mvn -B -q -ntp -Dstyle.color=never -DskipTests -Ddp.build="$build" -pl agent,examples -am package

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
agent="agent/$build/dragonpool-agent.jar"
cp="examples/$build/dragonpool-examples-$version.jar:examples/$build/lib/*"

compare() {
  echo
  echo "== java -cp 'examples/$build/dragonpool-examples-$version.jar:examples/$build/lib/*' dev.dragonpool.examples.Compare $*"
  java -cp "$cp" dev.dragonpool.examples.Compare "$@"
}

logs() {
  local lines="${1:-1000000}" rounds="${2:-3}" main=dev.dragonpool.examples.LogPipeline
  echo
  echo "== log pipeline with the agent: java -javaagent:$agent -cp ... $main $lines $rounds"
  # JDK 17 prints a harmless CDS warning when a jar is appended to the bootstrap path; hide it here.
  java -javaagent:"$agent" -cp "$cp" "$main" "$lines" "$rounds" 2>&1 \
    | grep -v '^OpenJDK 64-Bit Server VM warning: Sharing is only supported'
  echo
  echo "== log pipeline without the agent: java -cp ... $main $lines $rounds"
  java -cp "$cp" "$main" "$lines" "$rounds"
}

case "$what" in
  default)
    compare orderbook --agent "$agent" --seconds 8 --warmup 1000000 --throughput 1000000
    logs
    ;;
  orderbook|network) compare "$what" --agent "$agent" "$@" ;;
  logs) logs "$@" ;;
esac
