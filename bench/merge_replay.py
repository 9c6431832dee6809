#!/usr/bin/env python3
"""Merge replay: consecutive edits of a realistic project replayed as parallel branches, merged by a running
Stoker (POST /merges) and by `git merge` of the same trees. Prints the clean-merge count and the conflicts left
by kind for both.

  merge_replay.py STOKER_URL TOKEN WORK [VIEWS] [PAIRS]

WORK receives the generated trees (realistic_project.py replay) and one Git repository per pair.
"""
import collections
import io
import json
import os
import subprocess
import sys
import urllib.request
import uuid
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def zipped(folder):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for root, _, files in os.walk(folder):
            for f in sorted(files):
                path = os.path.join(root, f)
                z.write(path, os.path.relpath(path, folder))
    return buf.getvalue()


class Stoker:
    def __init__(self, url, token):
        self.url, self.token = url.rstrip("/"), token

    def call(self, method, path, body=None, content_type="application/json"):
        data = json.dumps(body).encode() if content_type == "application/json" and body is not None else body
        req = urllib.request.Request(self.url + "/api/v1" + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + self.token, "Content-Type": content_type})
        with urllib.request.urlopen(req) as r:
            text = r.read()
            return json.loads(text) if text else None

    def import_tree(self, project, branch, folder):
        boundary = uuid.uuid4().hex
        body = (b"--" + boundary.encode() + b"\r\nContent-Disposition: form-data; name=\"project\"; "
                b"filename=\"p.zip\"\r\nContent-Type: application/zip\r\n\r\n" + zipped(folder) + b"\r\n--"
                + boundary.encode() + b"--\r\n")
        return self.call("POST", "/projects/%s/imports?branch=%s" % (project, branch), body,
                         "multipart/form-data; boundary=" + boundary)


def kind(path, pointer):
    """A conflict's kind, as an engineer would name it; path is a file (git) or a resource with a pointer (Stoker)."""
    name, _, json_pointer = (pointer or path.rsplit("/", 1)[-1]).partition("#")
    if json_pointer:
        if "/$" in json_pointer or json_pointer.endswith(("/rows", "/$columns")) or "/rows/" in json_pointer:
            return "runtime value"
        if "/attributes/" in json_pointer:
            return "resource.json stamp"
        if json_pointer.startswith("/files"):
            return "resource.json files"
        if json_pointer.endswith("/children"):
            return "view components"
        if json_pointer.endswith(("/code", "/script")):
            return "script in a view"
        return "view property"
    if not name:
        return "whole resource"
    return {"thumbnail.png": "thumbnail", "resource.json": "resource.json", "view.json": "view.json (whole file)"
            }.get(name, name)


def git(repo, *args, check=True):
    return subprocess.run(["git", "-C", repo, "-c", "user.name=bench", "-c", "user.email=b@x", *args],
                          check=check, capture_output=True, text=True)


def replace_tree(repo, folder):
    subprocess.run("find %s -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +" % repo, shell=True, check=True)
    subprocess.run("cp -r %s/. %s/" % (folder, repo), shell=True, check=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "change", "--allow-empty")


def git_merge(work, n):
    repo = os.path.join(work, "git-%d" % n)
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", "main")
    replace_tree(repo, os.path.join(work, "base"))
    git(repo, "branch", "theirs")
    replace_tree(repo, os.path.join(work, str(n), "ours"))
    git(repo, "checkout", "-q", "theirs")
    replace_tree(repo, os.path.join(work, str(n), "theirs"))
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "theirs", check=False)
    files = git(repo, "diff", "--name-only", "--diff-filter=U").stdout.split()
    return [kind(f, None) for f in files]


def stoker_merge(stoker, work, n):
    project = "replay-%d" % n
    stoker.call("POST", "/projects", {"name": project, "platform": "ignition"})
    stoker.import_tree(project, "main", os.path.join(work, "base"))
    stoker.call("POST", "/projects/%s/branches" % project, {"name": "theirs", "from": "main"})
    stoker.import_tree(project, "main", os.path.join(work, str(n), "ours"))
    stoker.import_tree(project, "theirs", os.path.join(work, str(n), "theirs"))
    state = stoker.call("POST", "/projects/%s/merges" % project, {"source": "theirs", "target": "main"})
    return [kind(c["path"], c["pointer"]) for c in state["conflicts"]]


def main():
    url, token, work = sys.argv[1], sys.argv[2], sys.argv[3]
    views = sys.argv[4] if len(sys.argv) > 4 else "150"
    pairs = int(sys.argv[5]) if len(sys.argv) > 5 else 20
    subprocess.run([sys.executable, os.path.join(HERE, "realistic_project.py"), "replay", work, views, str(pairs)],
                   check=True)
    stoker = Stoker(url, token)
    results = {"stoker": [], "git": []}
    for n in range(pairs):
        results["git"].append(git_merge(work, n))
        results["stoker"].append(stoker_merge(stoker, work, n))
    print("merge replay of %d pairs of consecutive edits (%s views):" % (pairs, views))
    for who in ("stoker", "git"):
        conflicts = results[who]
        clean = sum(1 for c in conflicts if not c)
        by_kind = collections.Counter(k for c in conflicts for k in c)
        print("  %-6s merged %2d of %d automatically (%.0f %%), %d conflicts left: %s" % (
            who, clean, pairs, 100.0 * clean / pairs, sum(by_kind.values()),
            ", ".join("%s %d" % kv for kv in sorted(by_kind.items())) or "none"))


if __name__ == "__main__":
    main()
