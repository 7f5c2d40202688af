#!/usr/bin/env bash
# Vigil fleet benchmark, one command:
#   bash bench/run.sh              build, then the full fleet run (exporter + Pushgateway), results in bench/results/
#   bash bench/run.sh mail [N [W]] build, then N notification mails over W SMTP sessions against N HTTP pushes (issue 15)
#   bash bench/run.sh console      build, then the batched loads and the console's overview pages (issue 17), results in
#                                  bench/results/console.md and console.json (the fleet run measures them too, in latest.*)
#   bash bench/run.sh reports      build, then every customer's monthly PDF while single pushes arrive at the fleet's rate
#                                  (BENCH_PUSH_RATE=1000 a second), against the same pushes alone (issue 14); bench/results/monthly-reports.md
#   bash bench/run.sh scrape-cost [REPS [OUT]]  build, then the full fleet's scrape cost per series in memory: Vigil's writers against
#                                  client_java's on the same snapshot, gzip levels, loopback hand-over (issue 21); bench/results/scrape-cost.md
#   bash bench/run.sh jmh [ARGS]   build, then the JMH benchmarks of the hot paths (short: 1 fork, 3x1 s warm-up, 3x1 s measured)
# Fleet size and load come from the environment (defaults = issue 6):
#   BENCH_TENANTS=10 BENCH_CUSTOMERS=10000 BENCH_JOBS=100000 BENCH_DEVICES=50000 BENCH_BATCH=500
#   BENCH_WORKERS=32 BENCH_BATCH_WORKERS=4 BENCH_SINGLE_SECONDS=30 BENCH_SCRAPE_REPS=2 BENCH_OUT=bench/results
#   BENCH_PG_WORKERS=16 BENCH_PG_SECONDS=90 (time budget for each Pushgateway load) BENCH_SKIP_BUILD=1 (reuse the jars)
#   BENCH_CONNECTORS=20 BENCH_CHAINS=10000 BENCH_CONNECTOR_INTERVAL=30 (simulated connectors, polled every N seconds)
#   BENCH_CONSOLE_REPS=100 (requests per kind of console overview page)
#   BENCH_WRK_SECONDS=10 BENCH_WRK_BATCH_ROUNDS=3 (the wrk phases against the ceilings: seconds each, rounds of batches prepared)
#   BENCH_REPORT_WORKERS=1 (connections rendering monthly report PDFs while single pushes run again; 0 = skip that phase)
#   BENCH_REPORT_RATE=0 (reports asked for at most this many a second; 0 = as fast as they are made)
#   BENCH_REPORT_FORMAT=pdf (html: the monthly reports as HTML, made in the exporter alone, without the PDF render process;
#                                  idle-loops: no report, BENCH_SPINNERS=2 busy loops at the idle CPU priority in those windows)
#   BENCH_REPORT_SHARE= (the exporter's reports.work_share; empty: its default) BENCH_WINDOWS=0 (stop after N windows of
#                                  each kind; 0: when every report is made)
#   BENCH_EXPORTER_JAVA_OPTS="-Xlog:gc:file=/tmp/gc.log" (JVM options of the exporter under test)
#   BENCH_JAVA_OPTS="-Xlog:gc:file=/tmp/bench-gc.log" (JVM options of the load generator)
#   BENCH_POSTGRES=1 (also against a throwaway PostgreSQL: ingest, scrapes, a second replica's convergence)
#   BENCH_CONVERGE_SAMPLES=200 (pushes timed until the second replica shows them)
# Extra arguments after the mode go to the bench jar (e.g. --jobs 20000).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=fleet
if [ "${1:-}" = jmh ]; then mode=jmh; shift; fi
if [ "${1:-}" = mail ]; then mode=mail; shift; fi
if [ "${1:-}" = scrape-cost ]; then mode=scrape-cost; shift; fi
if [ "${1:-}" = console ]; then mode=console; shift; fi
if [ "${1:-}" = reports ]; then mode=reports; shift; fi

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -DskipTests package
fi
jar=bench/target/vigil-bench.jar

if [ "$mode" = mail ]; then
  exec java -jar "$jar" mail "$@"     # [MAILS [WORKERS]], default 5000 8; bench/results/mail.md
fi

if [ "$mode" = scrape-cost ]; then
  exec java -Xmx6g -jar "$jar" scrape-cost "$@"     # [REPS [OUT]], default 3 bench/results/scrape-cost.md
fi

if [ "$mode" = jmh ]; then
  if [ $# -eq 0 ]; then
    set -- -f 1 -wi 3 -w 1s -i 3 -r 1s
  fi
  exec java -jar "$jar" jmh "$@"
fi

console=()
if [ "$mode" = console ] || [ "$mode" = reports ]; then console=("$mode"); fi

missing=""
if [ "$mode" = fleet ]; then
  command -v prometheus-pushgateway >/dev/null || missing="$missing prometheus-pushgateway"
  command -v wrk >/dev/null || missing="$missing wrk"
  if [ "${BENCH_POSTGRES:-0}" = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing="$missing postgresql"; fi
  if [ -n "$missing" ]; then
    echo "installing$missing (Debian packages)"
    if [ "$(id -u)" = 0 ]; then apt-get update && apt-get install -y $missing
    else sudo apt-get update && sudo apt-get install -y $missing; fi
  fi
fi

exec java -Xmx2g -XX:+UseZGC ${BENCH_JAVA_OPTS:-} -jar "$jar" "${console[@]}" \
  --tenants "${BENCH_TENANTS:-10}" --customers "${BENCH_CUSTOMERS:-10000}" \
  --jobs "${BENCH_JOBS:-100000}" --devices "${BENCH_DEVICES:-50000}" --batch "${BENCH_BATCH:-500}" \
  --workers "${BENCH_WORKERS:-32}" --batch-workers "${BENCH_BATCH_WORKERS:-4}" \
  --single-seconds "${BENCH_SINGLE_SECONDS:-30}" --scrape-reps "${BENCH_SCRAPE_REPS:-2}" \
  --pg-workers "${BENCH_PG_WORKERS:-16}" --pg-seconds "${BENCH_PG_SECONDS:-90}" \
  --wrk-seconds "${BENCH_WRK_SECONDS:-10}" --wrk-batch-rounds "${BENCH_WRK_BATCH_ROUNDS:-3}" \
  --report-workers "${BENCH_REPORT_WORKERS:-1}" --report-format "${BENCH_REPORT_FORMAT:-pdf}" --report-rate "${BENCH_REPORT_RATE:-0}" \
  --report-share "${BENCH_REPORT_SHARE:-}" --windows "${BENCH_WINDOWS:-0}" --spinners "${BENCH_SPINNERS:-2}" --push-rate "${BENCH_PUSH_RATE:-1000}" \
  --connectors "${BENCH_CONNECTORS:-20}" --chains "${BENCH_CHAINS:-10000}" --connector-interval "${BENCH_CONNECTOR_INTERVAL:-30}" \
  --console-reps "${BENCH_CONSOLE_REPS:-100}" \
  --postgres "$([ "${BENCH_POSTGRES:-0}" = 1 ] && echo true || echo false)" --converge-samples "${BENCH_CONVERGE_SAMPLES:-200}" \
  --out "${BENCH_OUT:-bench/results}" "$@"
