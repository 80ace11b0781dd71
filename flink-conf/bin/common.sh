# Shared by start-cluster, stop-cluster and flink (sourced, not run).
#
# The Flink "home" is assembled from Maven-resolved jars: `mvn -pl jobs -am package` copies Flink's
# client, runtime and Web UI jars plus Log4j2 into jobs/target/flink/lib (the jobs module's
# `provided` dependencies). Each cluster lives in one folder (FLOE_CLUSTER_DIR, default
# target/flink-cluster): its conf/, log/, tmp/ (io.tmp.dirs, blobs, spill files) and pid files.

FLOE_CONF_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FLOE_ROOT="$(cd "$FLOE_CONF_SRC/.." && pwd)"
FLOE_FLINK_HOME="${FLOE_FLINK_HOME:-$FLOE_ROOT/jobs/target/flink}"
FLOE_CLUSTER_DIR="${FLOE_CLUSTER_DIR:-$FLOE_ROOT/target/flink-cluster}"
FLOE_JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# The Java 17 flags Arrow and Flink need: env.java.opts.all of config.yaml, which only Flink's
# distribution scripts read, so every `java` below gets them on its command line.
FLOE_JVM_FLAGS="$(sed -n 's/^ *all: *\(--add-.*\)$/\1/p' "$FLOE_CONF_SRC/config.yaml" | head -1)"

floe_require_lib() {
  if ! ls "$FLOE_FLINK_HOME"/lib/flink-runtime-*.jar >/dev/null 2>&1; then
    echo "No Flink jars in $FLOE_FLINK_HOME/lib; building them: mvn -q -pl jobs -am package -DskipTests" >&2
    (cd "$FLOE_ROOT" && mvn -q -pl jobs -am package -DskipTests) || {
      echo "Build failed; run it yourself: (cd $FLOE_ROOT && mvn -pl jobs -am package -DskipTests)" >&2
      exit 1
    }
  fi
  mkdir -p "$FLOE_FLINK_HOME/plugins"
  export FLINK_LIB_DIR="$FLOE_FLINK_HOME/lib"
  export FLINK_PLUGINS_DIR="${FLINK_PLUGINS_DIR:-$FLOE_FLINK_HOME/plugins}"
  FLOE_CLASSPATH="$FLOE_FLINK_HOME/lib/*"
}

# GET over HTTP on 127.0.0.1 without curl: floe_http_get PORT PATH -> the response body
floe_http_get() {
  local port=$1 path=$2 response
  exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
  response="$(cat <&3)"
  exec 3<&- 3>&-
  printf '%s\n' "${response#*$'\r\n\r\n'}"
}

# The value of a flattened key that start-cluster wrote: floe_conf_value FILE KEY
floe_conf_value() {
  sed -n "s/^$2: *//p" "$1" | tail -1
}

floe_alive() {
  [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null
}
