#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests (docs/decisions/0010, step 1).
#
#   scripts/pg-cluster.sh start DIR PORT   creates DIR, initdb's DIR/data, starts the server on
#                                          127.0.0.1:PORT (PORT `auto`: a free one of
#                                          54320..54399), creates the database `xianjie` and
#                                          prints its URL:
#                                          postgresql://xianjie@127.0.0.1:PORT/xianjie
#   scripts/pg-cluster.sh stop DIR         stops the server (fast mode) and removes DIR; does
#                                          nothing if DIR does not exist
#   scripts/pg-cluster.sh url DIR          prints the URL of the cluster running in DIR
#
# The cluster trusts every connection (-A trust) and listens on 127.0.0.1 only, plus a Unix socket
# in DIR; the superuser is `xianjie`. fsync stays on: the crash tests rely on it. Server log:
# DIR/log. initdb and postgres refuse to run as root, so as root they run as the Debian
# `postgres` user (runuser) and DIR belongs to it; as anyone else they run as that user.
# `start` on a DIR whose cluster is still running (a test run that was killed) stops it first.
# Only the URL goes to stdout; progress and errors go to stderr.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
AUTO_PORTS=(54320 54399)  # first, last

die() { echo "pg-cluster: error: $*" >&2; exit 1; }
note() { echo "pg-cluster: $*" >&2; }
usage() {
  echo "usage: $0 start DIR PORT|auto | stop DIR | url DIR" >&2
  exit 2
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

check_installed() {
  local b
  for b in initdb pg_ctl postgres createdb; do
    [ -x "$PG_BIN/$b" ] ||
      die "PostgreSQL 15 is not installed ($PG_BIN/$b missing); run scripts/install-deps.sh test"
  done
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 ||
      die "running as root needs the user 'postgres' (made by Debian's postgresql-15 package);" \
        "run scripts/install-deps.sh test"
    command -v runuser >/dev/null || die "running as root needs runuser (util-linux)"
  fi
}

# DIR made absolute (it need not exist yet).
absolute() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$PWD" "$1" ;;
  esac
}

# True if DIR/data holds a running server.
running() {
  [ -f "$1/data/PG_VERSION" ] && as_owner "$PG_BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

# The port of the server running in DIR, from its postmaster.pid (line 4).
running_port() {
  sed -n 4p "$1/data/postmaster.pid" 2>/dev/null
}

url_of() { printf 'postgresql://xianjie@127.0.0.1:%s/xianjie\n' "$1"; }

# Refuses to delete a directory that is not one of ours: ours hold only data/, the logs and the
# server's socket.
check_ours() {
  local dir=$1 entry
  [ -d "$dir" ] || die "$dir exists and is not a directory"
  for entry in "$dir"/* "$dir"/.[!.]*; do
    [ -e "$entry" ] || continue
    case "${entry##*/}" in
      data | log | initdb.log | .s.PGSQL.*) ;;
      *) die "$dir holds '${entry##*/}': not a cluster made by this script; not touching it" ;;
    esac
  done
}

stop_cluster() {
  local dir=$1
  # Immediate: the directory is removed next, so the shutdown checkpoint (which took more than
  # pg_ctl's 60 s on a loaded 2-core machine after the contract tests) would be wasted.
  if running "$dir"; then
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null ||
      die "could not stop the cluster in $dir (see $dir/log)"
  fi
}

# True if something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

cmd_stop() {
  local dir
  dir=$(absolute "$1")
  [ -e "$dir" ] || return 0
  check_installed
  check_ours "$dir"
  stop_cluster "$dir"
  rm -rf -- "$dir"
}

cmd_url() {
  local dir port
  dir=$(absolute "$1")
  check_installed
  running "$dir" || die "no cluster is running in $dir"
  port=$(running_port "$dir")
  [ -n "$port" ] || die "cannot read the port of the cluster in $dir"
  url_of "$port"
}

# Starts the server of DIR/data on PORT; fails (returning 1) if the server did not come up.
start_server() {
  local dir=$1 port=$2 sockets
  # A Unix socket path is limited to 107 bytes; a deep DIR gets TCP only.
  sockets="-k '$dir'"
  if [ $((${#dir} + 20)) -gt 100 ]; then
    note "$dir is too long for a Unix socket path; the cluster listens on TCP only"
    sockets="-c unix_socket_directories="
  fi
  : >"$dir/log"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/log"
  as_owner "$PG_BIN/pg_ctl" -D "$dir/data" \
    -o "-p $port $sockets -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" \
    -l "$dir/log" -w -t 60 start >/dev/null 2>&1
}

cmd_start() {
  local dir=$1 port=$2 first last try
  case "$port" in
    auto) ;;
    *[!0-9]* | '') die "PORT must be a number or 'auto', not '$port'" ;;
  esac
  check_installed
  if [ "$port" != auto ] && port_in_use "$port"; then die "port $port is in use"; fi
  dir=$(absolute "$dir")
  # pg_ctl passes the server's options through sh: DIR goes in single quotes.
  case "$dir" in *"'"*) die "DIR must not contain a single quote: $dir" ;; esac

  if [ -e "$dir" ]; then
    check_ours "$dir"
    if running "$dir"; then
      note "a cluster is already running in $dir (port $(running_port "$dir")); stopping it first"
      stop_cluster "$dir"
    fi
    rm -rf -- "$dir"
  fi
  mkdir -p -- "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    chmod 700 "$dir"
    runuser -u postgres -- test -w "$dir" ||
      die "the user postgres cannot reach $dir (a parent directory is not searchable by others);" \
        "use a DIR under /tmp"
  fi

  as_owner "$PG_BIN/initdb" -D "$dir/data" -A trust -U xianjie --no-sync -E UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    die "initdb failed in $dir/data"
  }
  rm -f -- "$dir/initdb.log"

  if [ "$port" = auto ]; then
    first=${AUTO_PORTS[0]} last=${AUTO_PORTS[1]}
  else
    first=$port last=$port
  fi
  port=""
  for ((try = first; try <= last; try++)); do
    port_in_use "$try" && continue
    if start_server "$dir" "$try"; then
      port=$try
      break
    fi
    # Another process may have taken the port between the check and the start: try the next.
    if grep -qE "could not bind|Address already in use|could not create any TCP/IP" "$dir/log"; then
      continue
    fi
    cat "$dir/log" >&2
    die "the server did not start (log: $dir/log)"
  done
  if [ -z "$port" ]; then
    [ "$first" = "$last" ] && die "port $first is in use"
    die "no free port in $first..$last"
  fi

  "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U xianjie xianjie ||
    die "createdb failed (log: $dir/log)"
  url_of "$port"
}

[ $# -ge 1 ] || usage
case "$1" in
  start) [ $# -eq 3 ] || usage; cmd_start "$2" "$3" ;;
  stop) [ $# -eq 2 ] || usage; cmd_stop "$2" ;;
  url) [ $# -eq 2 ] || usage; cmd_url "$2" ;;
  *) usage ;;
esac
