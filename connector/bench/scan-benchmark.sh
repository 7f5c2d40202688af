#!/usr/bin/env bash
# Reproducible scan benchmark: writes a 200,000-file ImageManager-style repository (images and their .md5) to a
# temp folder and times a walk and a full rescan with JMH. Extra arguments go to JMH, e.g. `-p files=10000` or
# `-wi 1 -i 2` for a quick run.
set -euo pipefail
cd "$(dirname "$0")/../.."
# from the root, so the tls module the connector depends on is built in the same reactor
mvn -B -pl connector -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cd connector
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.openjdk.jmh.Main 'io.vigil.connector.bench.ScanBenchmark' "$@"
