# Helpers for building container images without any registry (sourced by the build-image scripts, POSIX sh):
# a root filesystem is put together from files of this machine's Debian packages and `docker import`ed.
# Each image carries a label with a hash of everything that goes into it, so that an unchanged image is not
# built twice.

# rootfs_shared_libs ROOT FILE...: copies the shared libraries that ldd names for the FILEs, and the dynamic
# loader, into ROOT at the same paths.
rootfs_shared_libs() {
  _root=$1
  shift
  for _f in "$@"; do ldd "$_f" 2>/dev/null || true; done \
    | awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }' | sort -u | while read -r _lib; do
    cp -L --parents "$_lib" "$_root/"
  done
  cp -L --parents /lib64/ld-linux-x86-64.so.2 "$_root/"
}

# rootfs_busybox ROOT: Debian's static busybox as ROOT/bin/busybox with a link for each of its applets
# (sh, wget, sed, awk ...), and a /tmp for everyone.
rootfs_busybox() {
  command -v busybox >/dev/null 2>&1 || rootfs_apt_install busybox-static
  mkdir -p "$1/bin" "$1/tmp"
  chmod 1777 "$1/tmp"
  cp "$(command -v busybox)" "$1/bin/busybox"
  for _applet in $(busybox --list); do
    [ -e "$1/bin/$_applet" ] || ln -s busybox "$1/bin/$_applet"
  done
}

# rootfs_users ROOT NAME UID HOME: /etc/passwd and /etc/group with root and one unprivileged user, and name
# resolution from /etc/hosts first (Docker writes it), then DNS.
rootfs_users() {
  mkdir -p "$1/etc"
  printf 'root:x:0:0:root:/root:/bin/sh\n%s:x:%s:%s:%s:%s:/bin/sh\n' "$2" "$3" "$3" "$2" "$4" >"$1/etc/passwd"
  printf 'root:x:0:\n%s:x:%s:\n' "$2" "$3" >"$1/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$1/etc/nsswitch.conf"
}

# rootfs_apt_install PACKAGE...: installs Debian packages, updating the package lists only when needed.
rootfs_apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "$@" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "$@" >/dev/null; }
}

# rootfs_hash PATH...: a short hash of the files under the PATHs and of the text on standard input.
rootfs_hash() {
  { find "$@" -type f | LC_ALL=C sort | xargs sha256sum; cat; } | sha256sum | cut -c1-16
}

# rootfs_up_to_date IMAGE HASH: true, and says so, when IMAGE exists with the content hash label HASH (and
# FORCE is not 1).
rootfs_up_to_date() {
  [ "${FORCE:-0}" != 1 ] \
    && [ "$(docker image inspect -f '{{index .Config.Labels "dev.stoker.content-hash"}}' "$1" 2>/dev/null || true)" = "$2" ] \
    && echo "$1 is up to date ($2)" >&2
}

# rootfs_start: sets WORK, a temporary folder removed on exit, and ROOT, the empty root filesystem in it.
rootfs_start() {
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  ROOT=$WORK/rootfs
  mkdir -p "$ROOT"
}

# rootfs_import ROOT IMAGE [--change INSTRUCTION]...: packs ROOT (numeric owners) into IMAGE, drops the image
# that IMAGE named before unless a container still uses it, and prints the new image's size.
rootfs_import() {
  _root=$1
  _image=$2
  shift 2
  _previous=$(docker image inspect -f '{{.Id}}' "$_image" 2>/dev/null || true)
  tar --numeric-owner -C "$_root" -c . | docker import "$@" - "$_image" >/dev/null
  if [ -n "$_previous" ] && [ "$_previous" != "$(docker image inspect -f '{{.Id}}' "$_image")" ]; then
    docker rmi "$_previous" >/dev/null 2>&1 || true
  fi
  docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' "$_image" >&2
}
