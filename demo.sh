#!/usr/bin/env bash
# Builds Dragonpool and runs the example application (a log pipeline with an expensive-to-construct
# @Pooled event class) twice: under -javaagent:agent/<build>/dragonpool-agent.jar and without it.
# Prints what pooling did (objects acquired, created, reused, hit rate), the time and the heap
# bytes allocated per run.
#   ./demo.sh [lines-per-round] [rounds]        (defaults 1000000 3)
#   DP_BUILD=target-x ./demo.sh                  (build output folder, default "target")
set -euo pipefail
cd "$(dirname "$0")"
build="${DP_BUILD:-target}"
lines="${1:-1000000}"
rounds="${2:-3}"

echo "== building (mvn -B -q -DskipTests package)"
mvn -B -q -DskipTests -Ddp.build="$build" package

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
agent="agent/$build/dragonpool-agent.jar"
cp="examples/$build/dragonpool-examples-$version.jar:annotations/$build/dragonpool-annotations-$version.jar:runtime/$build/dragonpool-runtime-$version.jar"
main=dev.dragonpool.examples.LogPipeline

echo
echo "== with the agent: java -javaagent:$agent -cp ... $main $lines $rounds"
# JDK 17 prints a harmless CDS warning when a jar is appended to the bootstrap path; hide it here.
java -javaagent:"$agent" -cp "$cp" "$main" "$lines" "$rounds" 2>&1 | grep -v '^OpenJDK 64-Bit Server VM warning: Sharing is only supported'

echo
echo "== without the agent: java -cp ... $main $lines $rounds"
java -cp "$cp" "$main" "$lines" "$rounds"
