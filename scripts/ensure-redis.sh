#!/usr/bin/env bash
# Make sure a redis-server binary exists for the tests (the Redis contract tests start their
# own server on a free port). Installs Debian's redis-server when missing.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
# Root installs directly; a CI user with password-less sudo installs through it.
if [ "$(id -u)" = "0" ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  as_root=(none)
fi
if [ "${as_root[0]:-}" != "none" ] && command -v apt-get >/dev/null 2>&1; then
  echo "redis-server not found: installing Debian's redis-server package" >&2
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  # The package may start a system service; the tests use their own server and port.
  ("${as_root[@]}" service redis-server stop >/dev/null 2>&1 || true)
  exit 0
fi
echo "redis-server is missing and cannot be installed here (need root and apt-get)." >&2
echo "Install it (e.g. 'sudo apt-get install redis-server') and run 'make test' again." >&2
exit 1
