#!/usr/bin/env bash
# Recording file serving: Switchboard (sendfile + TCP_CORK on native epoll) against NGINX (sendfile, tcp_nopush) on
# loopback, the same files, the same wrk settings, run alternately. Prints a markdown table of medians and the
# Switchboard/NGINX ratio per case. See bench/README.md, section "Recording file serving vs NGINX".
#
#   bash bench/recordings/run.sh
#
# Environment (defaults in brackets):
#   WARMUP [30]        seconds of warm-up per server, spread over the cases, before anything is measured
#   DURATION [15]      seconds of each measured wrk run
#   ROUNDS [3]         rounds; each round measures every case on both servers, in alternating order
#   CONNECTIONS [64]   wrk -c; THREADS [1] wrk -t
#   JAVA_OPTS          JVM flags of Switchboard [-Xms512m -Xmx512m -XX:+UseParallelGC]
#   NGINX_WORKERS [2]  worker_processes of NGINX
#   SB_PORT [18080], NGINX_PORT [18081]
#   KEEP_TMP [0]       1 keeps the temp tree (configs, logs, raw wrk output) for inspection
#
# With the defaults it runs about 8 minutes: 2 x 30 s warm-up, 3 rounds x 4 cases x 2 servers x 15 s, and setup.
set -euo pipefail

WARMUP=${WARMUP:-30}
DURATION=${DURATION:-15}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-1}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
NGINX_WORKERS=${NGINX_WORKERS:-2}
SB_PORT=${SB_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
KEEP_TMP=${KEEP_TMP:-0}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR="$ROOT/proxy/target/switchboard.jar"
RECORD_ID=183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000
RANGE='bytes=10485760-11534335'

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

for n in WARMUP DURATION ROUNDS CONNECTIONS THREADS NGINX_WORKERS; do
  [[ ${!n} =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
((DURATION > 0 && ROUNDS > 0)) || die "DURATION and ROUNDS must be positive"

# --- tools -------------------------------------------------------------------------------------------------------
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
missing=()
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if ((${#missing[@]})); then
  log "installing ${missing[*]} with apt-get"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v java >/dev/null 2>&1 || die "java (17+) is not on the PATH"

if [[ ! -f $JAR ]]; then
  log "building $JAR"
  (cd "$ROOT" && mvn -q -B -o install -DskipTests)
fi
[[ -f $JAR ]] || die "no $JAR after the build"

for port in "$SB_PORT" "$NGINX_PORT"; do
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
    die "port $port is already in use on 127.0.0.1"
  fi
done

# --- the tree: one published presentation recording --------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-bench-rec.XXXXXX")
chmod 755 "$TMP" # NGINX's workers run as nobody when started by root
SB_PID=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -f $TMP/nginx/nginx.pid ]]; then
    "$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" -s stop 2>/dev/null || true
  fi
  if [[ -n $SB_PID ]] && kill -0 "$SB_PID" 2>/dev/null; then
    kill "$SB_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SB_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SB_PID" 2>/dev/null || true
  fi
  if [[ $KEEP_TMP == 1 ]]; then
    log "kept $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PUBLISHED="$TMP/published"
REC="$PUBLISHED/presentation/$RECORD_ID"
mkdir -p "$REC/video" "$TMP/unpublished" "$TMP/spool" "$TMP/work" "$TMP/nginx/tmp" "$TMP/wrk"
head -c $((64 * 1024)) /dev/urandom >"$REC/video/f64k.webm"
head -c $((1024 * 1024)) /dev/urandom >"$REC/video/f1m.webm"
head -c $((50 * 1024 * 1024)) /dev/urandom >"$REC/video/f50m.webm"
cat >"$REC/metadata.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<recording>
  <id>$RECORD_ID</id>
  <state>published</state>
  <published>true</published>
  <start_time>1700000000000</start_time>
  <end_time>1700003600000</end_time>
  <participants>3</participants>
  <meeting id="$RECORD_ID" externalId="bench-1" name="Bench" breakout="false"/>
  <meta>
    <meetingId>bench-1</meetingId>
    <meetingName>Bench</meetingName>
    <isBreakout>false</isBreakout>
  </meta>
  <playback>
    <format>presentation</format>
    <link>https://bbb1.example.com/playback/presentation/2.3/$RECORD_ID</link>
    <processing_time>12000</processing_time>
    <duration>3540000</duration>
  </playback>
</recording>
EOF
chmod -R a+rX "$PUBLISHED"

# --- NGINX -------------------------------------------------------------------------------------------------------
MIME_TYPES=""
[[ -f /etc/nginx/mime.types ]] && MIME_TYPES="include /etc/nginx/mime.types;"
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes $NGINX_WORKERS;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 4096; }
http {
  $MIME_TYPES
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65s;
  keepalive_requests 1000000;
  access_log off;
  client_body_temp_path $TMP/nginx/tmp/body;
  proxy_temp_path $TMP/nginx/tmp/proxy;
  fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
  scgi_temp_path $TMP/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /presentation/ {
      alias $PUBLISHED/presentation/;
    }
  }
}
EOF
log "starting NGINX on 127.0.0.1:$NGINX_PORT ($NGINX_WORKERS workers)"
"$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log"

# --- Switchboard -------------------------------------------------------------------------------------------------
cat >"$TMP/switchboard.conf" <<EOF
switchboard {
  http.port = $SB_PORT
  http.bind-address = "127.0.0.1"
  api.secrets = ["bench-secret"]
  recordings {
    publish-dir = "$PUBLISHED"
    unpublish-dir = "$TMP/unpublished"
    spool-dir = "$TMP/spool"
    work-dir = "$TMP/work"
    import-poll-interval = 60s
  }
}
EOF
log "starting Switchboard on 127.0.0.1:$SB_PORT (java $JAVA_OPTS)"
# Scalelite's variables would override the file: none of them may leak in from the caller's environment.
# shellcheck disable=SC2086
env -u PORT -u LOADBALANCER_SECRET -u LOADBALANCER_SECRETS -u RECORDING_DISABLED -u RECORDING_PUBLISH_DIR \
  -u RECORDING_UNPUBLISH_DIR -u RECORDING_SPOOL_DIR -u RECORDING_WORK_DIR -u RECORDING_PLAYBACK_FORMATS \
  -u PROTECTED_RECORDINGS_ENABLED -u URL_HOST \
  SWITCHBOARD_LOG_LEVEL=WARN java $JAVA_OPTS -jar "$JAR" --config "$TMP/switchboard.conf" \
  >"$TMP/switchboard.log" 2>&1 &
SB_PID=$!

wait_up() { # name url pid-or-empty
  for _ in $(seq 300); do
    if [[ -n ${3:-} ]] && ! kill -0 "$3" 2>/dev/null; then
      cat "$TMP/switchboard.log" >&2 || true
      die "$1 exited during start"
    fi
    if curl -sf -o /dev/null --max-time 2 "$2"; then return 0; fi
    sleep 0.2
  done
  die "$1 did not answer $2 within 60 s"
}
NGINX_URL="http://127.0.0.1:$NGINX_PORT/presentation/$RECORD_ID/video"
SB_URL="http://127.0.0.1:$SB_PORT/presentation/$RECORD_ID/video"
wait_up NGINX "$NGINX_URL/f64k.webm"
wait_up Switchboard "$SB_URL/f64k.webm" "$SB_PID"

# The "epoll transport" line is INFO, below the WARN level of the run: read the loaded library instead.
if grep -q netty_transport_native_epoll "/proc/$SB_PID/maps" 2>/dev/null; then
  TRANSPORT=epoll
else
  TRANSPORT="NIO (no native epoll: file responses are not corked)"
  log "warning: Switchboard did not load native epoll"
fi

# --- same bytes from both ----------------------------------------------------------------------------------------
sha() { curl -sf --max-time 30 "$@" | sha256sum | cut -d' ' -f1; }
for f in f64k.webm f1m.webm f50m.webm; do
  want=$(sha256sum "$REC/video/$f" | cut -d' ' -f1)
  got_n=$(sha "$NGINX_URL/$f")
  got_s=$(sha "$SB_URL/$f")
  [[ $got_n == "$want" && $got_s == "$want" ]] || die "$f: file $want, NGINX $got_n, Switchboard $got_s"
done
want=$(dd if="$REC/video/f50m.webm" bs=1048576 skip=10 count=1 status=none | sha256sum | cut -d' ' -f1)
for url in "$NGINX_URL" "$SB_URL"; do
  code=$(curl -s -o "$TMP/range.out" -w '%{http_code}' --max-time 30 -H "Range: $RANGE" "$url/f50m.webm")
  got=$(sha256sum <"$TMP/range.out" | cut -d' ' -f1)
  [[ $code == 206 && $got == "$want" ]] || die "range from $url: HTTP $code, sha256 $got, want 206 and $want"
done
log "both servers return identical bytes (sha256) for 64 KiB, 1 MiB, 50 MiB and the 1 MB range"

# --- wrk ---------------------------------------------------------------------------------------------------------
cat >"$TMP/wrk/range.lua" <<EOF
wrk.headers["Range"] = "$RANGE"
EOF
CASES=(64k 1m 50m range)
declare -A CASE_PATH=([64k]=f64k.webm [1m]=f1m.webm [50m]=f50m.webm [range]=f50m.webm)
declare -A CASE_NAME=([64k]="64 KiB file" [1m]="1 MiB file" [50m]="50 MiB file" [range]="1 MB range of the 50 MiB file")
declare -A BASE=([nginx]="$NGINX_URL" [switchboard]="$SB_URL")

# Runs wrk; prints "<requests/s> <MiB/s> <errors>" (errors: socket errors + non-2xx/3xx answers).
run_wrk() { # server case seconds label
  local out="$TMP/wrk/$4.txt" script=()
  [[ $2 == range ]] && script=(-s "$TMP/wrk/range.lua")
  timeout $(($3 + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3"s --timeout 30s "${script[@]}" \
    "${BASE[$1]}/${CASE_PATH[$2]}" >"$out" 2>&1 || die "wrk failed on $1 $2: $(cat "$out")"
  awk '
    function mib(v,   n, u) {
      n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      if (u == "KB") n /= 1024; else if (u == "B") n /= 1048576
      else if (u == "GB") n *= 1024; else if (u == "TB") n *= 1048576
      return n
    }
    /^Requests\/sec:/ { rps = $2 }
    /^Transfer\/sec:/ { tps = mib($2) }
    /Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) errors += $i + 0 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    END { printf "%.2f %.2f %d\n", rps, tps, errors }' "$out"
}

if ((WARMUP > 0)); then
  per_case=$(((WARMUP + ${#CASES[@]} - 1) / ${#CASES[@]}))
  for server in nginx switchboard; do
    log "warming up $server: ${per_case} s per case"
    for c in "${CASES[@]}"; do measured=$(run_wrk "$server" "$c" "$per_case" "warmup-$server-$c"); done
  done
fi

RESULTS="$TMP/results.txt" # round case server rps mibs errors
: >"$RESULTS"
for round in $(seq "$ROUNDS"); do
  if ((round % 2)); then order=(nginx switchboard); else order=(switchboard nginx); fi
  for c in "${CASES[@]}"; do
    for server in "${order[@]}"; do
      measured=$(run_wrk "$server" "$c" "$DURATION" "r$round-$server-$c")
      read -r rps mibs errors <<<"$measured"
      note=""
      ((errors == 0)) || note="  ($errors errors)"
      log "round $round/$ROUNDS  $(printf '%-6s %-12s %10s req/s %10s MiB/s' "$c" "$server" "$rps" "$mibs")$note"
      echo "$round $c $server $rps $mibs $errors" >>"$RESULTS"
    done
  done
done

if ! kill -0 "$SB_PID" 2>/dev/null; then die "Switchboard died during the run"; fi
if grep -qE ' (WARN|ERROR) ' "$TMP/switchboard.log"; then
  log "Switchboard logged warnings:"; grep -E ' (WARN|ERROR) ' "$TMP/switchboard.log" | tail -5 >&2
fi

# --- table -------------------------------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$1" -v s="$2" -v f="$3" '$2 == c && $3 == s { print $f }' "$RESULTS"; }

JAVA_VERSION=$(java -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')
NGINX_VERSION=$("$NGINX" -v 2>&1 | sed 's|.*nginx/||')
echo
echo "Recording file serving, $(date -u +%Y-%m-%d), $(nproc) cores, JDK $JAVA_VERSION ($JAVA_OPTS, $TRANSPORT), NGINX $NGINX_VERSION ($NGINX_WORKERS workers),"
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, warm-up ${WARMUP} s per server, medians of $ROUNDS rounds run alternately:"
echo
echo "| case | NGINX req/s | Switchboard req/s | NGINX MiB/s | Switchboard MiB/s | Switchboard / NGINX | median of per-round ratios |"
echo "|---|---:|---:|---:|---:|---:|---:|"
total_errors=$(awk '{ s += $6 } END { print s + 0 }' "$RESULTS")
for c in "${CASES[@]}"; do
  n_rps=$(col "$c" nginx 4 | median); s_rps=$(col "$c" switchboard 4 | median)
  n_mib=$(col "$c" nginx 5 | median); s_mib=$(col "$c" switchboard 5 | median)
  ratio=$(awk -v s="$s_rps" -v n="$n_rps" 'BEGIN { if (n > 0) printf "%.2f", s / n; else print "n/a" }')
  # The two servers of a round ran back to back: their ratio is the least touched by the machine's drift.
  round_ratio=$(awk -v c="$c" '$2 == c { v[$1, $3] = $4 } END {
      for (r = 1; (r, "nginx") in v; r++) if (v[r, "nginx"] > 0) print v[r, "switchboard"] / v[r, "nginx"] }' "$RESULTS" |
    median | awk '{ printf "%.2f", $1 }')
  printf '| %s | %.0f | %.0f | %.0f | %.0f | %s | %s |\n' "${CASE_NAME[$c]}" "$n_rps" "$s_rps" "$n_mib" "$s_mib" \
    "$ratio" "$round_ratio"
done
echo
echo "Per round (req/s, NGINX / Switchboard):"
for c in "${CASES[@]}"; do
  line=""
  for round in $(seq "$ROUNDS"); do
    n=$(awk -v r="$round" -v c="$c" '$1 == r && $2 == c && $3 == "nginx" { printf "%.0f", $4 }' "$RESULTS")
    s=$(awk -v r="$round" -v c="$c" '$1 == r && $2 == c && $3 == "switchboard" { printf "%.0f", $4 }' "$RESULTS")
    line+=" $n/$s"
  done
  echo "- ${CASE_NAME[$c]}:$line"
done
if ((total_errors)); then echo; echo "WARNING: $total_errors socket errors or non-2xx answers in the measured runs"; fi
