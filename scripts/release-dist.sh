#!/usr/bin/env bash
# Builds the distribution of a release tag offline from git (git archive into target/; the working tree is not
# touched) and prints the path of its tar.gz. Cached under target/releases/<commit of the tag>/, so a second
# call is instant. The tag's poms carry a -SNAPSHOT version like the working tree; the copy is built as the
# tag's version (v0.1.0 -> 0.1.0) so that it never overwrites the working tree's artifacts in the local
# Maven repository.
#   scripts/release-dist.sh [tag] [mvn flags...]    tag defaults to the newest release tag
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "== release-dist: $*" >&2; }

ref=${1:-$(git tag --list --sort=-v:refname | grep -E '^v?[0-9]+\.[0-9]+\.[0-9]+$' | head -1 || true)}
[ -n "$ref" ] || { log "no release tag"; exit 1; }
shift || true
commit=$(git rev-parse "$ref^{commit}")
version=${ref#v}
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
