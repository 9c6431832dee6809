#!/usr/bin/env bash
# Makes the last release's API the baseline of dev.stoker.api, offline from git: finds the newest release (its tag, or
# the newest line of RELEASES when the clone has no tags), builds bundles/dev.stoker.api as it was at that tag (git archive into a temporary folder;
# the working tree is not touched) and installs the jar into the local Maven repository as
# dev.stoker:dev.stoker.api:<version>. Prints the Maven flags that make the bnd baseline of the build compare
# with it and fail when it cannot be found; prints nothing when there is no release tag (the baseline then
# finds no release and passes, see docs/architecture.md, API versioning).
#   BASELINE_REF=<commit> BASELINE_VERSION=<x.y.z>  use a commit instead of the newest tag (to try it out)
# Extra arguments go to every mvn call (e.g. -o -Dmaven.repo.local=...).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "== baseline: $*" >&2; }

. scripts/lib/last-release.sh
read -r ref version < <(last_release) || true
ref=${BASELINE_REF:-${ref:-}}
version=${BASELINE_VERSION:-${version:-${ref#v}}}
if [ -z "$ref" ]; then
  log "no release (no tag, and RELEASES names no commit this clone holds): the API is not baselined"
  exit 0
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
git archive "$ref" pom.xml bundles/pom.xml bundles/dev.stoker.api | tar -x -C "$dir"
mvn -B -ntp -q "$@" -f "$dir/bundles/dev.stoker.api/pom.xml" package -DskipTests -Dbnd.baseline.skip=true >&2
jar=$(ls "$dir"/bundles/dev.stoker.api/target/dev.stoker.api-*.jar | grep -v -- '-tests\.jar$' | head -1)
(cd "$dir" && mvn -B -ntp -q -N "$@" org.apache.maven.plugins:maven-install-plugin:3.1.2:install-file \
  -Dfile="$jar" -DgroupId=dev.stoker -DartifactId=dev.stoker.api -Dversion="$version" -Dpackaging=jar >&2)
log "dev.stoker.api is baselined against $ref (as $version)"
echo "-Dstoker.baseline.version=$version -Dstoker.baseline.failOnMissing=true"
