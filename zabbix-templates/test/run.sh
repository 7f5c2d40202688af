#!/usr/bin/env bash
# End-to-end test of zabbix-templates/vigil_by_http.yaml against a real Zabbix 6.0 server.
#
#   bash zabbix-templates/test/run.sh          # against the exporter in --demo mode
#   bash zabbix-templates/test/run.sh --fake   # against test/fake_metrics.prom (no exporter needed)
#
# Installs (when missing) Debian's Zabbix 6.0 server + frontend and PostgreSQL, starts a throw-away
# PostgreSQL cluster, zabbix_server and the frontend API (php -S) on loopback, imports the template
# through the JSON-RPC API, links it to a host reading the exporter, and checks discovery, values
# and problems (test/check.py). Everything it starts is stopped on exit.
# Last line: "zabbix: N passed, M failed"; exit status non-zero on any failure.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
MODE=exporter
[ "${1:-}" = "--fake" ] && MODE=fake
T0=$(date +%s)

log() { echo "[zabbix-test $(( $(date +%s) - T0 ))s] $*"; }
die() { echo "[zabbix-test] ERROR: $*" >&2; echo "zabbix: 0 passed, 1 failed"; exit 1; }

# ---------------------------------------------------------------- packages
PG_BIN=""
find_pg_bin() { PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"; }
find_pg_bin
need=()
[ -x /usr/sbin/zabbix_server ] && [ -d /usr/share/zabbix-server-pgsql ] || need+=(zabbix-server-pgsql)
[ -f /usr/share/zabbix/api_jsonrpc.php ] || need+=(zabbix-frontend-php)
# php8.2-cgi satisfies the php meta package without pulling in Apache (we serve with php -S).
command -v php >/dev/null && php -m 2>/dev/null | grep -qi '^pgsql$' || need+=(php-cli php-cgi php-pgsql)
php -m 2>/dev/null | grep -qi '^mbstring$' || need+=(php-mbstring php-bcmath php-gd php-xml)
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || need+=(postgresql)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  log "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  find_pg_bin
fi
[ -x /usr/sbin/zabbix_server ] || die "zabbix_server missing after install"
[ -x "$PG_BIN/initdb" ] || die "PostgreSQL initdb missing after install"
ZBX_VERSION="$(/usr/sbin/zabbix_server -V | head -1)"
log "$ZBX_VERSION; PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')"

# The YAML is generated: it must be what the generator makes (PyYAML needed; Debian: python3-yaml).
PY=python3
python3 -c 'import yaml' 2>/dev/null || { apt-get install -y -qq --no-install-recommends python3-yaml >/dev/null; PY=/usr/bin/python3; }
"$PY" -c 'import yaml' || die "PyYAML is required (Debian: python3-yaml)"
"$PY" "$REPO/zabbix-templates/tools/gen_vigil_by_http.py" --check \
  || die "the template exports differ from tools/gen_vigil_by_http.py output"
# the native 7.0 exports: checked against the 6.0 ones and the 7.0 format (no 7.0 server here)
"$PY" "$HERE/check_export_7_0.py" || die "the 7.0 exports are not the 6.0 template in the 7.0 format"
# the conventions of Zabbix's official templates (tags, operational data, manual close, refused-read triggers)
"$PY" "$HERE/check_conventions.py" || die "the templates break the conventions of the official templates"

# ---------------------------------------------------------------- workspace and cleanup
WORK="$(mktemp -d /tmp/vigil-zabbix.XXXXXX)"
chmod 755 "$WORK"
PIDS=()        # each started with setsid: its pid is also its process group (php -S workers,
PG_STARTED=0   # zabbix_server's children), so a group kill stops all of it and nothing else
start() { # start CMD... in its own process group, in the background; records the pid
  setsid "$@" &
  PIDS+=($!)
}
cleanup() {
  set +e
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null
  done
  if [ "$PG_STARTED" = 1 ]; then
    su postgres -s /bin/sh -c "'$PG_BIN/pg_ctl' -D '$WORK/pg' -m immediate -w stop" >/dev/null 2>&1
  fi
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "[zabbix-test] kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# A free loopback port in 20000-32767 (zabbix_server's ListenPort must be below 32768).
free_port() {
  python3 - <<'PY'
import random, socket
for _ in range(200):
    p = random.randint(20000, 32767)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        s.close()
    print(p)
    break
PY
}
wait_http() { # url seconds [header]
  local i
  for i in $(seq 1 $(( $2 * 5 ))); do
    if curl -fsS -o /dev/null ${3:+-H "$3"} "$1" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  return 1
}

# ---------------------------------------------------------------- the metrics sources
# 1. test/fake_metrics.prom behind a tiny Bearer-checking server: a fixed fleet that also covers what
#    the demo may lack (a job on an unavailable device, chains, connectors, unmanaged folders).
# 2. unless --fake: the real exporter in --demo mode, read as the tenant that has an overdue job, an
#    unavailable device and active errors (found by reading the admin /metrics, not hard-coded).
TARGETS=()
FAKE_PORT=$(free_port)
cp "$HERE/fake_metrics.prom" "$WORK/fake_metrics.prom"   # the scenarios change it under Zabbix
start python3 "$HERE/check.py" fake-server "$FAKE_PORT" "$WORK/fake_metrics.prom" northwind fake-read-key \
  >"$WORK/fake-exporter.log" 2>&1
wait_http "http://127.0.0.1:$FAKE_PORT/tenants/northwind/metrics" 20 "Authorization: Bearer fake-read-key" \
  || die "fake exporter did not start"
TARGETS+=(--target fake "http://127.0.0.1:$FAKE_PORT/tenants/northwind/metrics" fake-read-key)
# the exporter's admin /metrics with a failing store, an expired certificate and tenants near a limit
FAKE_ADMIN_PORT=$(free_port)
start python3 "$HERE/check.py" fake-server "$FAKE_ADMIN_PORT" "$HERE/fake_admin_metrics.prom" - fake-admin-key \
  >"$WORK/fake-admin.log" 2>&1
wait_http "http://127.0.0.1:$FAKE_ADMIN_PORT/metrics" 20 "Authorization: Bearer fake-admin-key" \
  || die "fake admin exporter did not start"
TARGETS+=(--admin-target fake "http://127.0.0.1:$FAKE_ADMIN_PORT/metrics" fake-admin-key)
if [ "$MODE" = exporter ]; then
  JAR="$REPO/exporter/target/vigil-exporter.jar"
  if [ ! -f "$JAR" ]; then
    log "building the exporter (mvn -B -DskipTests package)"
    (cd "$REPO" && mvn -B -q -DskipTests package) >"$WORK/mvn.log" 2>&1 || { tail -n 50 "$WORK/mvn.log"; die "build failed"; }
  fi
  EXP_PORT=$(free_port)
  SMTP_PORT=$(free_port)
  mkdir -p "$WORK/exporter-data"
  start java -jar "$JAR" --demo --listen "127.0.0.1:$EXP_PORT" --smtp-listen "127.0.0.1:$SMTP_PORT" \
    --data-dir "$WORK/exporter-data" >"$WORK/exporter.log" 2>&1
  code=""
  for _ in $(seq 1 300); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$EXP_PORT/-/ready" || true)
    [ "$code" = 200 ] && break
    sleep 0.2
  done
  [ "$code" = 200 ] || { tail -n 30 "$WORK/exporter.log"; die "exporter not ready (GET /-/ready = $code)"; }
  TENANTS=$(python3 "$HERE/check.py" pick-tenant "http://127.0.0.1:$EXP_PORT/metrics" demo-admin) \
    || die "no demo tenant with an overdue job and an unavailable device"
  for TENANT in $TENANTS; do
    TARGETS+=(--target "$TENANT" "http://127.0.0.1:$EXP_PORT/tenants/$TENANT/metrics" "demo-$TENANT-read")
  done
  TARGETS+=(--admin-target demo "http://127.0.0.1:$EXP_PORT/metrics" demo-admin)
  # the demo's mail listener: an unparsed mail to northwind's documented address must raise its trigger
  TARGETS+=(--admin-mail demo "127.0.0.1:$SMTP_PORT" northwind reports@northwind.demo.vigil)
  log "exporter demo up, tenants $TENANTS"
fi

# 3. the scale check (only with VIGIL_ZABBIX_SCALE=1): a 600-job tenant, read with the template and with
#    its tenant-first variant, to measure Zabbix's preprocessing cost per item of each
if [ "${VIGIL_ZABBIX_SCALE:-0}" = 1 ]; then
  JOBS=$(python3 "$HERE/check.py" big-tenant "$WORK/big.prom" 100 6)
  "$PY" "$REPO/zabbix-templates/tools/gen_vigil_by_http.py" --tenant-first-variant "$WORK/tenant_first.yaml"
  BIG_PORT=$(free_port)
  start python3 "$HERE/check.py" fake-server "$BIG_PORT" "$WORK/big.prom" big big-read-key >"$WORK/big.log" 2>&1
  wait_http "http://127.0.0.1:$BIG_PORT/tenants/big/metrics" 20 "Authorization: Bearer big-read-key" \
    || die "big tenant server did not start"
  TARGETS+=(--scale-target "http://127.0.0.1:$BIG_PORT/tenants/big/metrics" big-read-key
            --scale-template "$WORK/tenant_first.yaml" --scale-jobs "$JOBS")
  # one more template to measure beside the two, e.g. an earlier version: VIGIL_ZABBIX_SCALE_VARIANT=LABEL=FILE.yaml
  if [ -n "${VIGIL_ZABBIX_SCALE_VARIANT:-}" ]; then
    TARGETS+=(--scale-variant "${VIGIL_ZABBIX_SCALE_VARIANT%%=*}" "${VIGIL_ZABBIX_SCALE_VARIANT#*=}")
  fi
fi

# ---------------------------------------------------------------- PostgreSQL (throw-away cluster)
PG_PORT=$(free_port)
mkdir -p "$WORK/pg"
chown postgres: "$WORK/pg"
su postgres -s /bin/sh -c "'$PG_BIN/initdb' -D '$WORK/pg' -A trust -U postgres -E UTF8 --locale=C.UTF-8" \
  >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; die "initdb failed"; }
su postgres -s /bin/sh -c "'$PG_BIN/pg_ctl' -D '$WORK/pg' -l '$WORK/pg/server.log' -w \
  -o \"-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" \
  >/dev/null 2>&1 || { cat "$WORK/pg/server.log"; die "PostgreSQL did not start"; }
PG_STARTED=1
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT")
"${PSQL[@]}" -U postgres -c "CREATE ROLE zabbix LOGIN" -c "CREATE DATABASE zabbix OWNER zabbix ENCODING 'UTF8' TEMPLATE template0" \
  || die "cannot create the zabbix database"
SQL=/usr/share/zabbix-server-pgsql
log "importing the Zabbix schema from $SQL"
for f in schema images data; do
  zcat "$SQL/$f.sql.gz" | "${PSQL[@]}" -U zabbix zabbix >"$WORK/schema-$f.log" 2>&1 \
    || { tail -n 20 "$WORK/schema-$f.log"; die "importing $f.sql.gz failed"; }
done

# ---------------------------------------------------------------- zabbix_server
ZBX_PORT=$(free_port)
cat >"$WORK/zabbix_server.conf" <<EOF
LogFile=$WORK/zabbix_server.log
LogFileSize=0
PidFile=$WORK/zabbix_server.pid
SocketDir=$WORK
DBHost=127.0.0.1
DBPort=$PG_PORT
DBName=zabbix
DBUser=zabbix
ListenIP=127.0.0.1
ListenPort=$ZBX_PORT
AllowRoot=1
Timeout=10
CacheUpdateFrequency=2
StartPollers=3
StartPollersUnreachable=1
StartPreprocessors=2
StartLLDProcessors=2
StartDBSyncers=2
StartTrappers=1
StartPingers=0
StartDiscoverers=0
StartHTTPPollers=0
StartTimers=1
StartEscalators=1
StartAlerters=1
StartReportWriters=0
HousekeepingFrequency=0
EOF
start /usr/sbin/zabbix_server -f -c "$WORK/zabbix_server.conf" >"$WORK/zabbix_server.out" 2>&1
ZBX_PGID=${PIDS[-1]}

# ---------------------------------------------------------------- frontend API
# Debian's frontend reads /etc/zabbix/zabbix.conf.php: serve a private copy pointed at our config
# instead, so nothing outside $WORK is touched.
UI_PORT=$(free_port)
cp -a /usr/share/zabbix "$WORK/ui"
sed -i "s#const CONFIG_FILE_PATH = '/etc/zabbix/zabbix.conf.php'#const CONFIG_FILE_PATH = '$WORK/zabbix.conf.php'#" \
  "$WORK/ui/include/classes/core/CConfigFile.php"
grep -q "$WORK/zabbix.conf.php" "$WORK/ui/include/classes/core/CConfigFile.php" || die "cannot point the frontend at its config"
cat >"$WORK/zabbix.conf.php" <<EOF
<?php
\$DB['TYPE'] = 'POSTGRESQL';
\$DB['SERVER'] = '127.0.0.1';
\$DB['PORT'] = '$PG_PORT';
\$DB['DATABASE'] = 'zabbix';
\$DB['USER'] = 'zabbix';
\$DB['PASSWORD'] = '';
\$DB['SCHEMA'] = '';
\$DB['ENCRYPTION'] = false;
\$DB['KEY_FILE'] = '';
\$DB['CERT_FILE'] = '';
\$DB['CA_FILE'] = '';
\$DB['VERIFY_HOST'] = false;
\$DB['CIPHER_LIST'] = '';
\$DB['VAULT_URL'] = '';
\$DB['VAULT_DB_PATH'] = '';
\$DB['VAULT_TOKEN'] = '';
\$DB['DOUBLE_IEEE754'] = true;
\$ZBX_SERVER = '127.0.0.1';
\$ZBX_SERVER_PORT = '$ZBX_PORT';
\$ZBX_SERVER_NAME = 'vigil-test';
\$IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;
EOF
PHP_CLI_SERVER_WORKERS=4 start php -d memory_limit=512M -d max_execution_time=300 -d post_max_size=32M \
  -S "127.0.0.1:$UI_PORT" -t "$WORK/ui" >"$WORK/php.log" 2>&1
API="http://127.0.0.1:$UI_PORT/api_jsonrpc.php"
for _ in $(seq 1 100); do
  curl -fsS -H 'Content-Type: application/json-rpc' \
    -d '{"jsonrpc":"2.0","method":"apiinfo.version","params":{},"id":1}' "$API" >/dev/null 2>&1 && break
  sleep 0.2
done
kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$WORK/php.log"; die "php -S did not start"; }
grep -q "server #0 started\|Zabbix Server .* (revision" "$WORK/zabbix_server.log" 2>/dev/null \
  || { sleep 2; }
kill -0 "${PIDS[-2]}" 2>/dev/null || { tail -n 30 "$WORK/zabbix_server.log" "$WORK/zabbix_server.out"; die "zabbix_server exited"; }
log "zabbix_server and frontend API up (api $API)"

# ---------------------------------------------------------------- the checks
set +e
python3 "$HERE/check.py" verify \
  --api "$API" --template "$REPO/zabbix-templates/vigil_by_http.yaml" \
  --admin-template "$REPO/zabbix-templates/vigil_exporter_by_http.yaml" \
  --customer-template "$REPO/zabbix-templates/vigil_customer_by_http.yaml" --fake-file "$WORK/fake_metrics.prom" \
  "${TARGETS[@]}" \
  --server-log "$WORK/zabbix_server.log" --server-pgid "$ZBX_PGID" --timeout "${VIGIL_ZABBIX_TIMEOUT:-240}"
rc=$?
set -e
if [ "${VIGIL_ZABBIX_HOLD:-0}" = 1 ]; then  # debugging: keep everything up until interrupted
  echo "[zabbix-test] holding: API $API (Admin/zabbix), work dir $WORK; Ctrl-C or kill $$ to stop"
  while sleep 5; do :; done
fi
log "done in $(( $(date +%s) - T0 ))s (exit $rc)"
if [ $rc -ne 0 ] && [ "${VERBOSE:-0}" = 1 ]; then tail -n 50 "$WORK/zabbix_server.log"; fi
exit $rc
