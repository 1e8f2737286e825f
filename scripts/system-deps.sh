#!/usr/bin/env bash
# Install the Debian packages davkit's real-server and browser tests need (test/harness/servers/*).
# Quiet and exit 0 when everything is present. As root: installs what is missing. Otherwise: prints the
# sudo command to run and exits 1. See shared reference real-servers.md §2 and toolchain.md §10.
set -euo pipefail

missing=()

# need_cmd <command> <package>: apache2 and nginx live in /usr/sbin, often not on a non-root PATH.
need_cmd() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$1" ] && [ ! -x "/sbin/$1" ]; then
    missing+=("$2")
  fi
}

# need_file <path> <package>: modules and PHP libraries that are not commands.
need_file() {
  if [ ! -e "$1" ]; then
    missing+=("$2")
  fi
}

check_all() {
  missing=()
  need_cmd chromium chromium
  need_cmd apache2 apache2
  need_file /usr/lib/apache2/modules/mod_dav_fs.so apache2
  need_cmd nginx nginx
  need_file /usr/lib/nginx/modules/ngx_http_dav_ext_module.so libnginx-mod-http-dav-ext
  need_cmd rclone rclone
  need_cmd php php-cli
  # Debian's php-sabre-dav (1.8) puts its autoloader on PHP's include path.
  need_file /usr/share/php/Sabre/autoload.php php-sabre-dav
  # Radicale (CalDAV/CardDAV): the harness's server with RFC 6578 sync-collection.
  need_cmd radicale radicale
  # de-duplicate, keep order
  if [ "${#missing[@]}" -gt 0 ]; then
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
  fi
}

check_all
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "davkit tests need Debian packages: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "davkit tests need these Debian packages (no apt-get found): ${missing[*]}" >&2
  exit 1
fi

# apache2 and nginx start a system service on port 80 from their postinst unless policy-rc.d says 101.
policy=/usr/sbin/policy-rc.d
backup=""
if [ -e "$policy" ]; then
  backup="$(mktemp)"
  cp -p "$policy" "$backup"
fi
restore_policy() {
  if [ -n "$backup" ]; then
    cp -p "$backup" "$policy"
    rm -f "$backup"
  else
    rm -f "$policy"
  fi
}
trap restore_policy EXIT
printf '#!/bin/sh\nexit 101\n' >"$policy"
chmod 0755 "$policy"

echo "davkit: installing ${missing[*]}" >&2
install() {
  apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -y -q --no-install-recommends \
      install "${missing[@]}"
}
# One retry: mirrors and the dpkg lock fail transiently (toolchain.md §10).
if ! install; then
  echo "davkit: apt-get failed, retrying once in 5 s" >&2
  sleep 5
  install
fi

check_all
if [ "${#missing[@]}" -gt 0 ]; then
  echo "davkit: still missing after install: ${missing[*]}" >&2
  exit 1
fi
