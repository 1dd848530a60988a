#!/usr/bin/env bash
# Make sure a redis-server binary exists for the tests (the Redis contract tests start their
# own server on a free port). Installs Debian's redis-server when missing.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "redis-server not found: installing Debian's redis-server package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  # The package may start a system service; the tests use their own server and port.
  (service redis-server stop >/dev/null 2>&1 || true)
  exit 0
fi
echo "redis-server is missing and cannot be installed here (need root and apt-get)." >&2
echo "Install it (e.g. 'sudo apt-get install redis-server') and run 'make test' again." >&2
exit 1
