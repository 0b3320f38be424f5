#!/usr/bin/env bash
# Start or stop a throwaway clickhouse-server for tests and benchmarks:
#   scripts/clickhouse-test-server.sh start DIR HTTP_PORT   (TCP port = HTTP_PORT + 1)
#   scripts/clickhouse-test-server.sh stop DIR
# It listens on 127.0.0.1 only, keeps every path (data, tmp, logs, pid) inside DIR, opens no
# interserver port, and is stopped by the PID it wrote, never by name. Works with Debian's 18.16.
set -euo pipefail

cmd=${1:?usage: $0 start|stop DIR [HTTP_PORT]}
dir=${2:?usage: $0 start|stop DIR [HTTP_PORT]}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
pidfile="$dir/clickhouse.pid"

case "$cmd" in
start)
  port=${3:?start needs HTTP_PORT}
  tcp=$((port + 1))
  bin=$(command -v clickhouse-server || true)
  [ -n "$bin" ] || { echo "clickhouse-server is not installed (apt-get install clickhouse-server)" >&2; exit 2; }
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "already running (pid $(cat "$pidfile"))"; exit 0
  fi
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas" "$dir/log"
  cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$port</http_port>
  <tcp_port>$tcp</tcp_port>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>64</max_concurrent_queries>
  <mark_cache_size>268435456</mark_cache_size>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
</yandex>
XML
  cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><load_balancing>random</load_balancing></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  # The PID is taken from $! (18.16 ignores --pid-file), the process is the server itself.
  "$bin" --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
  echo $! >"$pidfile"
  # Wait for the HTTP port to answer (the server needs a second or two to load).
  for _ in $(seq 1 100); do
    kill -0 "$(cat "$pidfile")" 2>/dev/null || break
    if curl -sf "http://127.0.0.1:$port/ping" >/dev/null 2>&1; then echo "clickhouse-server on http://127.0.0.1:$port (pid $(cat "$pidfile" 2>/dev/null))"; exit 0; fi
    sleep 0.1
  done
  echo "clickhouse-server did not start; see $dir/log" >&2
  tail -20 "$dir/log/stdout.log" "$dir/log/error.log" >&2 2>/dev/null || true
  exit 1
  ;;
stop)
  [ -f "$pidfile" ] || { echo "not running"; exit 0; }
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  echo "stopped"
  ;;
*) echo "usage: $0 start|stop DIR [HTTP_PORT]" >&2; exit 2 ;;
esac
