#!/usr/bin/env bash
# Builds the distribution of a release tag offline from git (git archive into target/; the working tree is not
# touched) and prints the path of its tar.gz. Cached under target/releases/<commit of the tag>/, so a second
# call is instant. The tag's poms carry a -SNAPSHOT version like the working tree; the copy is built as the
# tag's version (v0.1.0 -> 0.1.0) so that it never overwrites the working tree's artifacts in the local
# Maven repository.
#   scripts/release-dist.sh [tag] [mvn flags...]    tag defaults to the newest release (tag or RELEASES)
#   RELEASE_VERSION=<x.y.z> when the ref is a commit rather than a tag
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "== release-dist: $*" >&2; }

. scripts/lib/last-release.sh
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  ref=$1 version=${RELEASE_VERSION:-${1#v}}
  shift
else
  read -r ref version < <(last_release) || true
fi
[ -n "${ref:-}" ] || { log "no release: no tag, and RELEASES names no commit this clone holds"; exit 1; }
commit=$(git rev-parse "$ref^{commit}")
out=$PWD/target/releases/$commit
if ls "$out"/stoker-*.tar.gz >/dev/null 2>&1; then
  ls "$out"/stoker-*.tar.gz
  exit 0
fi
src=$out/src
rm -rf "$out" && mkdir -p "$src"
git archive "$commit" | tar -x -C "$src"
snapshot=$(sed -n 's:^  <version>\(.*-SNAPSHOT\)</version>:\1:p' "$src/pom.xml" | head -1)
if [ -n "$snapshot" ]; then
  find "$src" -name pom.xml -not -path '*/node_modules/*' -exec sed -i "s/$snapshot/$version/g" {} +
fi
log "building $ref ($commit) as $version, about 10 minutes"
mvn -B -ntp -q "$@" -f "$src/pom.xml" install -DskipTests -Dbnd.baseline.skip=true -pl "!itests" >&2
cp "$src"/karaf-assembly/target/stoker-*.tar.gz "$out/"
rm -rf "$src"
ls "$out"/stoker-*.tar.gz
