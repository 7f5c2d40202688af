#!/usr/bin/env bash
# Imports the native 7.0 exports into a real Zabbix 7.0 LTS (frontend API and database; no server).
#
#   bash zabbix-templates/test/import_7_0.sh
#
# Debian 12 ships Zabbix 6.0; 7.0 LTS is in bookworm-backports. Installing it would replace the 6.0 that
# test/run.sh uses, so this downloads the backports' zabbix-frontend-php and zabbix-server-pgsql (for its
# schema) with a private apt list and extracts them into a temp dir: nothing outside it is installed or
# changed. PostgreSQL and PHP come from test/run.sh's packages. Last line: "zabbix-7.0-import: N passed, M failed".
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
T0=$(date +%s)
log() { echo "[zabbix-7.0 $(( $(date +%s) - T0 ))s] $*"; }
die() { echo "[zabbix-7.0] ERROR: $*" >&2; echo "zabbix-7.0-import: 0 passed, 1 failed"; exit 1; }

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || die "PostgreSQL is missing (run test/run.sh once: it installs it)"
php -m 2>/dev/null | grep -i '^pgsql$' >/dev/null || die "php-pgsql is missing (run test/run.sh once: it installs it)"

WORK="$(mktemp -d /tmp/vigil-zabbix70.XXXXXX)"
chmod 755 "$WORK"
PIDS=()
PG_STARTED=0
cleanup() {
  set +e
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done
  if [ "$PG_STARTED" = 1 ]; then
    su postgres -s /bin/sh -c "'$PG_BIN/pg_ctl' -D '$WORK/pg' -m immediate -w stop" >/dev/null 2>&1
  fi
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "[zabbix-7.0] kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# ---------------------------------------------------------------- Zabbix 7.0 from bookworm-backports, extracted
mkdir -p "$WORK/apt/lists/partial" "$WORK/apt/cache" "$WORK/deb"
echo 'deb http://deb.debian.org/debian bookworm-backports main' >"$WORK/apt/sources.list"
APT=(-o "Dir::Etc::sourcelist=$WORK/apt/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$WORK/apt/lists"
     -o "Dir::Cache=$WORK/apt/cache" -o APT::Sandbox::User=root)
apt-get "${APT[@]}" update -qq >"$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log"; die "apt-get update (bookworm-backports) failed"; }
VER=$(apt-cache "${APT[@]}" madison zabbix-frontend-php | awk -F'|' '/bookworm-backports/ {gsub(/ /, "", $2); print $2; exit}')
case "$VER" in 1:7.0.*) ;; *) die "no Zabbix 7.0 in bookworm-backports (found '$VER')";; esac
(cd "$WORK/deb" && apt-get "${APT[@]}" download "zabbix-frontend-php=$VER" "zabbix-server-pgsql=$VER" >>"$WORK/apt.log" 2>&1) \
  || { cat "$WORK/apt.log"; die "downloading Zabbix $VER failed"; }
for f in "$WORK"/deb/*.deb; do dpkg-deb -x "$f" "$WORK/z7"; done
log "Zabbix $VER (bookworm-backports) extracted"

# ---------------------------------------------------------------- PostgreSQL with the 7.0 schema
PORT_PY='import random, socket
for _ in range(200):
    p = random.randint(20000, 32767); s = socket.socket()
    try: s.bind(("127.0.0.1", p))
    except OSError: continue
    finally: s.close()
    print(p); break'
PG_PORT=$(python3 -c "$PORT_PY")
mkdir -p "$WORK/pg" && chown postgres: "$WORK/pg"
su postgres -s /bin/sh -c "'$PG_BIN/initdb' -D '$WORK/pg' -A trust -U postgres -E UTF8 --locale=C.UTF-8" \
  >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; die "initdb failed"; }
su postgres -s /bin/sh -c "'$PG_BIN/pg_ctl' -D '$WORK/pg' -l '$WORK/pg/server.log' -w \
  -o \"-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" \
  >/dev/null 2>&1 || { cat "$WORK/pg/server.log"; die "PostgreSQL did not start"; }
PG_STARTED=1
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT")
"${PSQL[@]}" -U postgres -c "CREATE ROLE zabbix LOGIN" -c "CREATE DATABASE zabbix OWNER zabbix ENCODING 'UTF8' TEMPLATE template0" \
  || die "cannot create the zabbix database"
for f in schema images data; do
  zcat "$WORK/z7/usr/share/zabbix-server-pgsql/$f.sql.gz" | "${PSQL[@]}" -U zabbix zabbix >"$WORK/schema-$f.log" 2>&1 \
    || { tail -n 20 "$WORK/schema-$f.log"; die "importing the 7.0 $f.sql.gz failed"; }
done
log "7.0 schema imported"

# ---------------------------------------------------------------- the 7.0 frontend API (php -S)
UI_PORT=$(python3 -c "$PORT_PY")
cp -a "$WORK/z7/usr/share/zabbix" "$WORK/ui"
sed -i "s#const CONFIG_FILE_PATH = '/etc/zabbix/zabbix.conf.php'#const CONFIG_FILE_PATH = '$WORK/zabbix.conf.php'#" \
  "$WORK/ui/include/classes/core/CConfigFile.php"
grep -q "$WORK/zabbix.conf.php" "$WORK/ui/include/classes/core/CConfigFile.php" || die "cannot point the frontend at its config"
cat >"$WORK/zabbix.conf.php" <<CONF
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
\$DB['VAULT'] = '';
\$DB['VAULT_URL'] = '';
\$DB['VAULT_DB_PATH'] = '';
\$DB['VAULT_TOKEN'] = '';
\$DB['VAULT_CERT_FILE'] = '';
\$DB['VAULT_KEY_FILE'] = '';
\$DB['DOUBLE_IEEE754'] = true;
\$ZBX_SERVER_NAME = 'vigil-test-7.0';
\$IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;
CONF
setsid php -d memory_limit=512M -d max_execution_time=300 -d post_max_size=32M \
  -S "127.0.0.1:$UI_PORT" -t "$WORK/ui" >"$WORK/php.log" 2>&1 &
PIDS+=($!)
API="http://127.0.0.1:$UI_PORT/api_jsonrpc.php"
for _ in $(seq 1 100); do
  curl -fsS -H 'Content-Type: application/json-rpc' \
    -d '{"jsonrpc":"2.0","method":"apiinfo.version","params":{},"id":1}' "$API" >/dev/null 2>&1 && break
  sleep 0.2
done
log "7.0 frontend API up ($API)"
set +e
python3 "$HERE/import_7_0.py" "$API"
rc=$?
set -e
[ $rc -ne 0 ] && tail -n 20 "$WORK/php.log"
exit $rc
