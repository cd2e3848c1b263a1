# Throwaway PostgreSQL and MariaDB servers on loopback, sourced by scripts/test and scripts/bench.
#
#   tempest_servers_start DIR  starts both with their data under DIR and exports
#                              TEMPEST_TEST_POSTGRESQL_URL=postgresql://tempest:tempest@127.0.0.1:PORT/tempest
#                              TEMPEST_TEST_MYSQL_URL=mysql://tempest:tempest@127.0.0.1:PORT/tempest
#                              (user tempest may create databases). A URL already set is kept, and
#                              its server is not started.
#   tempest_servers_stop       stops what tempest_servers_start started; safe to call at any point.
#
# Needs the packages postgresql and mariadb-server (their system services are not used).

_tempest_pg_ctl=()      # pg_ctl command line, set once PostgreSQL runs
_tempest_mariadb_pid=""

# A free TCP port on 127.0.0.1 (nothing answers there).
tempest_free_port() {
  local port _
  for _ in {1..50}; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

_tempest_log_tail() {
  echo "---- last lines of $1:" >&2
  tail -n 40 "$1" >&2 || true
}

tempest_start_postgresql() {
  local dir=$1/postgresql bin port
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ ! -x $bin/initdb ]]; then
    echo "PostgreSQL server binaries not found (package postgresql)" >&2
    return 1
  fi
  port=$(tempest_free_port) || return 1
  mkdir -p "$dir"
  # PostgreSQL refuses to run as root.
  local as=()
  if ((EUID == 0)); then
    chown postgres: "$dir"
    as=(runuser -u postgres --)
  fi
  # (cd "$dir"): the postgres user may not be allowed into the caller's working directory.
  if ! (cd "$dir" && "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --no-locale --no-sync \
          --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1); then
    echo "PostgreSQL initdb failed" >&2
    _tempest_log_tail "$dir/initdb.log"
    return 1
  fi
  _tempest_pg_ctl=("${as[@]}" "$bin/pg_ctl" -D "$dir/data")
  # Durability is off: the data is thrown away anyway, and the tests run faster.
  if ! (cd "$dir" && "${_tempest_pg_ctl[@]}" -l "$dir/server.log" -w -t 60 start -o \
          "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
          >/dev/null); then
    echo "PostgreSQL failed to start" >&2
    _tempest_log_tail "$dir/server.log"
    return 1
  fi
  if ! (cd "$dir" && "${as[@]}" "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
          -c "CREATE ROLE tempest LOGIN SUPERUSER PASSWORD 'tempest'" \
          -c "CREATE DATABASE tempest OWNER tempest"); then
    echo "PostgreSQL setup failed" >&2
    return 1
  fi
  export TEMPEST_TEST_POSTGRESQL_URL="postgresql://tempest:tempest@127.0.0.1:$port/tempest"
  echo "PostgreSQL on 127.0.0.1:$port" >&2
}

tempest_start_mariadb() {
  local dir=$1/mariadb port mariadbd i
  mariadbd=$(PATH=$PATH:/usr/sbin command -v mariadbd) || {
    echo "mariadbd not found (package mariadb-server)" >&2
    return 1
  }
  port=$(tempest_free_port) || return 1
  mkdir -p "$dir"
  local user=()
  ((EUID == 0)) && user=(--user=root)
  if ! mariadb-install-db --no-defaults "${user[@]}" --datadir="$dir/data" --skip-test-db \
         --auth-root-authentication-method=socket >"$dir/install.log" 2>&1; then
    echo "mariadb-install-db failed" >&2
    _tempest_log_tail "$dir/install.log"
    return 1
  fi
  "$mariadbd" --no-defaults "${user[@]}" --datadir="$dir/data" --port="$port" --bind-address=127.0.0.1 \
    --socket="$dir/mariadb.sock" --pid-file="$dir/mariadb.pid" --log-error="$dir/server.log" \
    --skip-name-resolve --skip-log-bin --max-connections=200 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-flush-log-at-trx-commit=0 --innodb-use-native-aio=0 </dev/null >>"$dir/server.log" 2>&1 &
  _tempest_mariadb_pid=$!
  for ((i = 0; i < 120; i++)); do
    mariadb-admin --no-defaults --socket="$dir/mariadb.sock" -u root ping >/dev/null 2>&1 && break
    if ! kill -0 "$_tempest_mariadb_pid" 2>/dev/null || ((i == 119)); then
      echo "MariaDB failed to start" >&2
      _tempest_log_tail "$dir/server.log"
      return 1
    fi
    sleep 0.5
  done
  if ! mariadb --no-defaults --socket="$dir/mariadb.sock" -u root -e \
         "CREATE USER 'tempest'@'%' IDENTIFIED BY 'tempest';
          GRANT ALL PRIVILEGES ON *.* TO 'tempest'@'%' WITH GRANT OPTION;
          CREATE DATABASE tempest;"; then
    echo "MariaDB setup failed" >&2
    return 1
  fi
  export TEMPEST_TEST_MYSQL_URL="mysql://tempest:tempest@127.0.0.1:$port/tempest"
  echo "MariaDB on 127.0.0.1:$port" >&2
}

tempest_servers_start() {
  chmod 755 "$1"  # PostgreSQL runs as the postgres user and must reach its directory inside
  [[ -n ${TEMPEST_TEST_POSTGRESQL_URL:-} ]] || tempest_start_postgresql "$1" || return 1
  [[ -n ${TEMPEST_TEST_MYSQL_URL:-} ]] || tempest_start_mariadb "$1" || return 1
}

tempest_servers_stop() {
  if ((${#_tempest_pg_ctl[@]})); then
    "${_tempest_pg_ctl[@]}" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
      echo "warning: could not stop PostgreSQL" >&2
    _tempest_pg_ctl=()
  fi
  if [[ -n $_tempest_mariadb_pid ]]; then
    local i
    kill "$_tempest_mariadb_pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
      kill -0 "$_tempest_mariadb_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$_tempest_mariadb_pid" 2>/dev/null || true
    wait "$_tempest_mariadb_pid" 2>/dev/null || true
    _tempest_mariadb_pid=""
  fi
  return 0
}
