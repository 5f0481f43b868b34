#!/usr/bin/env bash
# Starts a local ArcActors cluster on loopback for watching it work. It runs 3 dps nodes, of which
# dps-1 and dps-2 also serve the ARM API with one token signing key. N host nodes play the first N
# hosts of a fleet file on an accelerated clock. Remoting uses TLS from `arcactors certs dev`, and
# the nodes share one PostgreSQL journal. A node that exits is reported and the rest keep running (kill one to watch
# failover); Ctrl+C or SIGTERM stops everything.
#
# Usage: scripts/local-cluster.sh [--hosts N] [--fleet FILE] [--speed S] [--dir DIR]
#   --hosts N   host nodes, 1 to the number of hosts in the fleet (default: 3)
#   --fleet F   fleet file (default: fleets/sample.yaml)
#   --speed S   simulated seconds per real second (default: 360, one simulated hour per 10 s)
#   --dir DIR   folder for certificates, node files, data and logs (default: a new temporary folder)
#
# The journal is the PostgreSQL database whose Npgsql connection string is in ARCACTORS_JOURNAL.
# Without it, the script starts a throwaway PostgreSQL on 127.0.0.1 as .ci/run does (pg_ctl and
# initdb must be installed, or the script must run as root so .ci/run can install them).
# Needs bash, the .NET 10 SDK, and python3 to derive the vmIds of fleet hosts that name none.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOSTS=3
FLEET="$REPO/fleets/sample.yaml"
SPEED=360
DIR=""
PIDS=()
declare -A NODE_OF_PID=()
declare -A PID_OF_NODE=()

while (($# > 0)); do
  case "$1" in
    --hosts) HOSTS="$2"; shift 2 ;;
    --fleet) FLEET="$(realpath "$2")"; shift 2 ;;
    --speed) SPEED="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "local-cluster: unknown option '$1'; see --help" >&2; exit 2 ;;
  esac
done

[[ "$HOSTS" =~ ^[1-9][0-9]*$ ]] || { echo "local-cluster: --hosts '$HOSTS' is not a positive number" >&2; exit 2; }
DIR="${DIR:-$(mktemp -d "${TMPDIR:-/tmp}/arcactors-cluster.XXXXXX")}"
mkdir -p "$DIR"
DIR="$(realpath "$DIR")"

# The nodes use fixed loopback ports. A port that accepts a connection already belongs to another cluster or program.
for port in 4053 4063 4073 8443 8444 8083 $(seq 8091 $((8090 + HOSTS))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "local-cluster: port $port on 127.0.0.1 is in use, probably by another local cluster; stop it (Ctrl+C in its terminal) and run this again" >&2
    exit 1
  fi
done

# Stops every node with SIGTERM (coordinated shutdown), waits for them, then stops PostgreSQL if this script started it.
stop_all() {
  trap - EXIT INT TERM
  echo
  local pid running=0
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then running=$((running + 1)); fi
  done
  echo "local-cluster: stopping $running running nodes"
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if declare -F stop_postgres >/dev/null; then
    stop_postgres
  fi
  echo "local-cluster: stopped; files and logs stay in $DIR"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# Host names of the fleet in file order, and their vmIds: the vmId key, else the version 5 UUID
# (DNS namespace) of the lower-cased name, as the simulator derives it.
read_fleet_hosts() {
  python3 - "$FLEET" <<'PY'
import re, sys, uuid
text = open(sys.argv[1], encoding="utf-8").read()
hosts = text.split("\nhosts:", 1)[1].split("\ntimeline:", 1)[0]
for block in re.split(r"\n  - ", "\n" + hosts)[1:]:
    name = re.search(r"(?:^|\n\s*)name:\s*(\S+)", block).group(1)
    vm = re.search(r"\n\s*vmId:\s*(\S+)", block)
    print(name, vm.group(1) if vm else uuid.uuid5(uuid.NAMESPACE_DNS, name.lower()))
PY
}

echo "local-cluster: building ArcActors.Node"
dotnet build "$REPO/src/ArcActors.Node" --nologo -v quiet >"$DIR/build.log" 2>&1 || { tail -n 30 "$DIR/build.log" >&2; exit 1; }
ARCACTORS=(dotnet "$REPO/src/ArcActors.Node/bin/Debug/net10.0/arcactors.dll")

mapfile -t FLEET_HOSTS < <(read_fleet_hosts)
if ((HOSTS > ${#FLEET_HOSTS[@]})); then
  echo "local-cluster: --hosts $HOSTS is more than the ${#FLEET_HOSTS[@]} hosts of $FLEET" >&2
  exit 2
fi

if [[ -z "${ARCACTORS_JOURNAL:-}" ]]; then
  # shellcheck source=../.ci/run
  source "$REPO/.ci/run"
  start_postgres
  export ARCACTORS_JOURNAL="$ARCACTORS_TEST_POSTGRES"
fi

if [[ ! -f "$DIR/certs/ca.pem" ]]; then
  "${ARCACTORS[@]}" certs dev --out "$DIR/certs" --nodes 3 --hosts "$HOSTS" >/dev/null
fi
ARCACTORS_TLS_PASSWORD="$(cat "$DIR/certs/pfx-password")"
export ARCACTORS_TLS_PASSWORD

# Both api nodes verify tokens with this key; `arcactors token --key-file` creates it before they start.
TOKEN_KEY="$DIR/api-token.key"
API_PORTS=(8443 8444)
PORTS=(4053 4063 4073)
SEEDS=""
CONTACTS=""
for port in "${PORTS[@]}"; do
  SEEDS+="${SEEDS:+, }\"akka.ssl.tcp://arcactors@127.0.0.1:$port\""
  CONTACTS+="${CONTACTS:+, }\"akka.ssl.tcp://arcactors@127.0.0.1:$port/system/receptionist\""
done

tls() {
  echo "tls { certificate = \"$DIR/certs/$1\", password-env = ARCACTORS_TLS_PASSWORD, ca-certificate = \"$DIR/certs/ca.pem\" }"
}

for i in 1 2 3; do
  if ((i <= 2)); then
    roles="roles = [dps, api], api { port = ${API_PORTS[$((i - 1))]}, token-key-file = \"$TOKEN_KEY\" }"
  else
    roles="roles = [dps], management-port = $((8080 + i))"
  fi
  cat >"$DIR/dps-$i.conf" <<CONF
arcactors.node {
  $roles
  data = "$DIR/dps-$i"
  persistence { provider = postgres, connection-string-env = ARCACTORS_JOURNAL }
  $(tls "node-$i.pfx")
}
akka.cluster.seed-nodes = [$SEEDS]
akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = ${PORTS[$((i - 1))]} }
CONF
done

# Enrollment keys go to the journal's database (table host_enrollments), which every dps node reads.
for ((i = 1; i <= HOSTS; i++)); do
  read -r name vmid <<<"${FLEET_HOSTS[$((i - 1))]}"
  key="$("${ARCACTORS[@]}" host enroll --machine "$vmid" --config "$DIR/dps-1.conf" | grep -v '^#')"
  cat >"$DIR/host-$i.conf" <<CONF
arcactors.node {
  roles = [host]
  data = "$DIR/host-$i"
  management-port = $((8090 + i))
  $(tls "host-$i.pfx")
}
arcactors.host {
  simulation { fleet = "$FLEET", host = "$name", clock-speed = $SPEED }
}
$key
akka.cluster.client.initial-contacts = [$CONTACTS]
akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
CONF
done

start_node() {
  "${ARCACTORS[@]}" node --config "$DIR/$1.conf" >"$DIR/$1.log" 2>&1 &
  PIDS+=($!)
  NODE_OF_PID[$!]="$1"
  PID_OF_NODE[$1]=$!
}

# Blocks until log $1 has a "health on" line; fails at once when the node's process has exited,
# or after 90 s.
wait_for_health() {
  local attempt
  for attempt in $(seq 1 180); do
    grep -q "health on " "$DIR/$1.log" 2>/dev/null && return 0
    if ! kill -0 "${PID_OF_NODE[$1]}" 2>/dev/null; then
      echo "local-cluster: $1 exited during start; the end of $DIR/$1.log:" >&2
      tail -n 20 "$DIR/$1.log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "local-cluster: $1 did not start within 90 s; the end of $DIR/$1.log:" >&2
  tail -n 20 "$DIR/$1.log" >&2
  return 1
}

SUBSCRIPTION="$(grep -m1 '^subscriptionId:' "$FLEET" | awk '{print $2}')"
TOKEN_COMMAND=("${ARCACTORS[@]}" token --principal local-cluster --role Contributor --scope "/subscriptions/$SUBSCRIPTION" --key-file "$TOKEN_KEY")
TOKEN="$("${TOKEN_COMMAND[@]}")"

for i in 1 2 3; do start_node "dps-$i"; done
for i in 1 2 3; do wait_for_health "dps-$i"; done

for provider in Microsoft.HybridCompute Microsoft.AzureArcData; do
  curl -ksf -X POST -H "Authorization: Bearer $TOKEN" -o /dev/null \
    "https://127.0.0.1:8443/subscriptions/$SUBSCRIPTION/providers/$provider/register?api-version=2024-01-01" ||
    echo "local-cluster: registering $provider failed; register it yourself with the POST below" >&2
done

for ((i = 1; i <= HOSTS; i++)); do start_node "host-$i"; done
for ((i = 1; i <= HOSTS; i++)); do wait_for_health "host-$i"; done

cat <<INFO

local-cluster: running; Ctrl+C stops every node. Files and logs: $DIR
  ARM API      https://127.0.0.1:8443 (dps-1) and https://127.0.0.1:8444 (dps-2); self-signed certificates, so curl -k
  health       https://127.0.0.1:8443/healthz, https://127.0.0.1:8444/healthz, http://127.0.0.1:8083/healthz
  host health  http://127.0.0.1:8091/healthz ... http://127.0.0.1:$((8090 + HOSTS))/healthz
  token        TOKEN=\$(dotnet $REPO/src/ArcActors.Node/bin/Debug/net10.0/arcactors.dll token --principal me --role Contributor \\
                 --scope /subscriptions/$SUBSCRIPTION --key-file $TOKEN_KEY)
               (one token works on both APIs, because both nodes sign with $TOKEN_KEY)
  try          curl -k -H "Authorization: Bearer \$TOKEN" "https://127.0.0.1:8443/subscriptions/$SUBSCRIPTION/providers/Microsoft.AzureArcData/sqlServerInstances?api-version=2024-01-01"
  failover     kill -KILL ${PID_OF_NODE[dps-3]} (dps-3): the others keep running and this script reports the exit
  note         simulated hosts report upload times in fleet time (from the fleet's start, $SPEED times real speed) and
               the API compares them with real time, so resources read Disconnected while fleet time lags real time
               by more than 3 hours; that is expected here
INFO

# Reports each node that exits, with its exit code and log, and keeps the others running until
# Ctrl+C or SIGTERM, whose trap stops them all. The signal interrupts `wait` at once.
while ((${#NODE_OF_PID[@]} > 0)); do
  exited=""
  code=0
  wait -n -p exited "${!NODE_OF_PID[@]}" || code=$?
  [[ -n "$exited" ]] || continue
  echo "local-cluster: ${NODE_OF_PID[$exited]} (pid $exited) exited with code $code; log: $DIR/${NODE_OF_PID[$exited]}.log" >&2
  unset "NODE_OF_PID[$exited]"
done
echo "local-cluster: every node has exited; press Ctrl+C to stop PostgreSQL and end" >&2
while true; do sleep 1; done
