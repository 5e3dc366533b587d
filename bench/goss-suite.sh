#!/usr/bin/env bash
# goss's own integration suite through `slipway test --container`, the way goss's integration-tests/test.sh
# runs it, on a bookworm equivalent of goss's bullseye image. Fetches nothing: give it a goss checkout.
#
#   bash bench/goss-suite.sh /path/to/goss          (a checkout of github.com/goss-org/goss)
#
# What it does, outside this repository (a temporary directory, removed at the end):
#   - copies the checkout's integration-tests/goss/ (mounted at /goss, as test.sh mounts it) and sets the
#     apache2 version of vars.yaml's bullseye entry to bookworm's — the only change to goss's files;
#   - builds the image of goss's Dockerfile_bullseye on bookworm (systemd-sysv apache2 ca-certificates
#     tinyproxy dnsmasq, goss's dnsmasq.conf, those three enabled, the /pipe fifo) and the httpbin companion
#     of test/fixtures/goss-env;
#   - starts them as test.sh does — a bridge network with goss's subnet, httpbin, the image running
#     /sbin/init with OS=bullseye, /goss mounted and SYS_ADMIN — but unprivileged (--privileged is refused on
#     machines like this one; systemd needs tmpfs /run and /run/lock and the cgroups read-only instead), on
#     an internal network whose default route is dropped: nothing leaves the machine, so the one check that
#     needs the internet (PTR through 8.8.8.8) fails as goss fails it without a route;
#   - runs goss-wait.yaml with retries, then goss.yaml with goss's vars, as test.sh does, and prints the
#     results; removes everything it started.
set -euo pipefail
goss=${1:?usage: bash bench/goss-suite.sh GOSS_CHECKOUT [slipway test options...]}
shift
[ -f "$goss/integration-tests/goss/bullseye/goss.yaml" ] || { echo "not a goss checkout: $goss" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
slipway() { node "$here/bin/slipway.js" "$@"; }
docker_bin=${SLIPWAY_DOCKER:-/usr/bin/docker}
id=$$
net=slipway-goss-suite-$id
work=$(mktemp -d)
cleanup() {
  docker rm -f "goss-int-$id" "httpbin-$id" >/dev/null 2>&1 || true
  docker network rm "$net" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cp -r "$goss/integration-tests/goss" "$work/goss"
mkdir -p "$work/image"
cp "$goss/integration-tests/dnsmasq.conf" "$work/image/dnsmasq.conf"
cat >"$work/image/Dockerfile" <<'EOF'
FROM node:24-bookworm-slim
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      systemd-sysv apache2 ca-certificates tinyproxy dnsmasq >/dev/null && rm -rf /var/lib/apt/lists/*
COPY dnsmasq.conf /etc/dnsmasq.conf
RUN systemctl enable apache2 tinyproxy dnsmasq && mkfifo /pipe
EOF
echo "== building the bookworm image and httpbin" >&2
DOCKER_BUILDKIT=1 "$docker_bin" build -q -t slipway-goss-suite:bookworm "$work/image" >/dev/null
DOCKER_BUILDKIT=1 "$docker_bin" build -q --target httpbin -t slipway-goss-suite:httpbin "$here/test/fixtures/goss-env" >/dev/null

apache=$(docker run --rm --entrypoint dpkg-query slipway-goss-suite:bookworm -W -f '${Version}' apache2)
# The one change to goss's files: bullseye's apache2 version becomes bookworm's.
sed -i "/^bullseye:/,/^[a-z]/ s/apache2: \"[^\"]*\"/apache2: \"$apache\"/" "$work/goss/vars.yaml"
echo "== apache2 $apache; vars.yaml's bullseye entry:" >&2
sed -n '/^bullseye:/,/^$/p' "$work/goss/vars.yaml" >&2

docker network create --internal --subnet 172.19.0.0/16 "$net" >/dev/null
docker run -d --name "httpbin-$id" --network "$net" --network-alias httpbin slipway-goss-suite:httpbin >/dev/null
docker run -d --name "goss-int-$id" --network "$net" --env OS=bullseye --cap-add SYS_ADMIN \
  --security-opt seccomp=unconfined -v "$work/goss:/goss" \
  --tmpfs /run --tmpfs /run/lock -v /sys/fs/cgroup:/sys/fs/cgroup:ro --stop-signal SIGRTMIN+3 \
  slipway-goss-suite:bookworm /sbin/init >/dev/null
# No route out of the network at all (an internal network still has its gateway route on Docker 20.10).
helper=$(docker images --format '{{.Repository}}:{{.Tag}}' | grep '^slipway-helper:' | head -1)
docker run --rm --network "container:goss-int-$id" --cap-add NET_ADMIN --entrypoint /bin/busybox "$helper" \
  ip route del default 2>/dev/null || true

echo "== goss-wait.yaml (as test.sh: -r 10s -s 100ms)" >&2
slipway test --container "goss-int-$id" --spec "$work/goss/goss-wait.yaml" --retry-timeout 10s --sleep 100ms \
  --format silent || true
sleep 1
echo "== goss.yaml" >&2
set +e
slipway test --container "goss-int-$id" --spec "$work/goss/bullseye/goss.yaml" --vars "$work/goss/vars.yaml" \
  --vars-inline "{inline: bar, overwrite: bar}" "$@"
code=$?
exit "$code"
