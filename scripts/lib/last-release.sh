# Sourced by scripts that need the last release. last_release prints "<ref> <version>": the newest release tag
# (v1.2.3 or 1.2.3) when the clone has tags, else the newest line of RELEASES (its commit, when the clone holds
# it). Prints nothing when neither is available (a shallow clone, or no release yet).
last_release() {
  local tag commit
  tag=$(git tag --list --sort=-v:refname | grep -E '^v?[0-9]+\.[0-9]+\.[0-9]+$' | head -1 || true)
  if [ -n "$tag" ]; then
    echo "$tag ${tag#v}"
    return 0
  fi
  read -r tag commit < <(grep -Ev '^[[:space:]]*(#|$)' RELEASES 2>/dev/null | head -1) || true
  if [ -n "${commit:-}" ] && git cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "$commit ${tag#v}"
  fi
}
