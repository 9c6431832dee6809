#!/usr/bin/env python3
"""Generates Ignition projects shaped like real ones, for bench/repository.sh.

  realistic_project.py project OUT VIEWS        one project in OUT (and OUT.tags.json)
  realistic_project.py replay OUT VIEWS PAIRS   OUT/base and, per pair, OUT/N/ours and OUT/N/theirs: two
                                                consecutive edits of base replayed as parallel branches

The shape follows real gateway exports: nested folders; per view a resource.json, a long view.json (nested
containers, bindings with script transforms, event handlers, runtime values a Designer session saved) and a
thumbnail.png of realistic size; named queries (query.sql); script modules (code.py); Vision windows
(data.bin); a tag export. Per view about 3 files of ~25 KB; a 1,200-view project is ~5,000 files and ~40 MB.
Deterministic: the same arguments give the same bytes.
"""
import copy
import hashlib
import json
import os
import random
import sys
import zlib

PERSPECTIVE = "com.inductiveautomation.perspective/views"
QUERIES = "ignition/named-query"
SCRIPTS = "ignition/script-python"
WINDOWS = "com.inductiveautomation.vision/windows"
T0 = 1_700_000_000_000
AREAS = ["Packaging", "Utilities", "Mixing", "Filling", "Palletizing", "Warehouse", "Boilers", "WWTP"]
KINDS = ["ia.display.label", "ia.input.button", "ia.display.led-display", "ia.chart.powerchart",
         "ia.display.table", "ia.input.toggle-switch", "ia.display.icon", "ia.display.cylindrical-tank"]


def dumps(doc):
    """As the gateway writes JSON: two-space indent, "key": value, no trailing newline."""
    return json.dumps(doc, indent=2, ensure_ascii=False)


def png(rnd, size):
    """A PNG-like binary of incompressible bytes (thumbnails are already compressed)."""
    return b"\x89PNG\r\n\x1a\n" + rnd.randbytes(size)


def script(rnd, lines):
    body = ["\tvalue = self.view.custom.state"]
    for i in range(lines):
        body.append("\tif value.get('m%d') > %d:\n\t\tsystem.perspective.sendMessage('alarm%d', {'id': %d})"
                    % (i, rnd.randint(0, 100), i, rnd.randint(0, 999)))
    body.append("\treturn value")
    return "\n".join(body)


def qualified(rnd, t):
    """A runtime value as Designer saves it: [type, quality, timestamp] and the value."""
    if rnd.random() < 0.5:
        return {"$": ["ts", 192, t], "$ts": t}
    return {"$": ["ds", 192, t], "$columns": [{"name": "v", "type": "Integer"}],
            "rows": [[rnd.randint(0, 100)] for _ in range(3)]}


def component(rnd, name, depth, path):
    kind = rnd.choice(KINDS)
    c = {"type": kind, "version": 0, "props": {"style": {"classes": "area/" + name.lower(),
                                                           "margin": "%dpx" % rnd.randint(0, 8)}},
         "meta": {"name": name}, "position": {"basis": "%dpx" % rnd.randint(20, 400), "shrink": 0}}
    if kind == "ia.display.label":
        c["props"]["text"] = "%s %d" % (name, rnd.randint(1, 99))
    c["propConfig"] = {"props.text" if kind == "ia.display.label" else "props.value": {"binding": {
        "config": {"fallbackDelay": 2.5, "mode": "indirect", "tagPath": "[default]%s/{view.params.id}/PV" % path,
                   "references": {"id": "{view.params.id}"}},
        "transforms": [{"code": script(rnd, rnd.randint(2, 6)), "type": "script"}], "type": "tag"}}}
    if rnd.random() < 0.4:
        c["events"] = {"dom": {"onClick": {"config": {"script": script(rnd, rnd.randint(3, 8))},
                                           "scope": "G", "type": "script"}}}
    if depth > 0 and rnd.random() < 0.45:
        c["type"] = "ia.container.flex"
        c["props"]["direction"] = rnd.choice(["row", "column"])
        c["children"] = [component(rnd, "%s_%d" % (name, i), depth - 1, path) for i in range(rnd.randint(2, 5))]
    return c


def view(rnd, area, number):
    path = "%s/Line%d" % (area, number)
    root = {"type": "ia.container.flex", "version": 0, "props": {"direction": "column"}, "meta": {"name": "root"},
            "children": [component(rnd, "Section%d" % i, 3, path) for i in range(rnd.randint(3, 7))]}
    return {"custom": {"state": {"lastRefresh": qualified(rnd, T0 + rnd.randint(0, 10**9))}},
            "params": {"id": number, "area": area},
            "propConfig": {"custom.state": {"persistent": True}, "params.id": {"paramDirection": "input"}},
            "props": {"defaultSize": {"height": 768, "width": 1024}}, "root": root}


def descriptor(files, actor, t):
    return {"scope": "G", "version": 1, "restricted": False, "overridable": True, "files": files,
            "attributes": {"lastModification": {"actor": actor, "timestamp": stamp(t)},
                           "lastModificationSignature": hashlib.sha256(("%s %d" % (actor, t)).encode()).hexdigest()}}


def stamp(t):
    import datetime
    return datetime.datetime.fromtimestamp(t / 1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sql(rnd, table):
    cols = ", ".join("col%d" % i for i in range(rnd.randint(4, 12)))
    return ("SELECT %s\nFROM %s t\nJOIN shifts s ON s.id = t.shift_id\nWHERE t.line = :line\n"
            "  AND t.ts BETWEEN :start AND :end\nORDER BY t.ts DESC\n") % (cols, table)


def code_py(rnd, name):
    out = ['"""%s: helpers shared by the views."""' % name, "import system", ""]
    for f in range(rnd.randint(4, 15)):
        out += ["def f%d(line, value):" % f, "\tlogger = system.util.getLogger('%s')" % name,
                "\tif value > %d:" % rnd.randint(0, 100), "\t\tlogger.info('line %%s high' %% line)",
                "\treturn value * %d" % rnd.randint(1, 9), ""]
    return "\n".join(out)


class Project:
    """A project as resources: path -> {file name: bytes or JSON doc}."""

    def __init__(self, views, seed=7):
        rnd = random.Random(seed)
        self.rnd = rnd
        self.clock = T0
        self.res = {}
        for i in range(views):
            area = AREAS[i % len(AREAS)]
            self.res["%s/%s/Line%d/Overview%d" % (PERSPECTIVE, area, i // 40, i)] = {
                "view.json": view(rnd, area, i), "thumbnail.png": png(rnd, rnd.randint(4000, 14000)),
                "resource.json": descriptor(["view.json", "thumbnail.png"], "engineer%d" % rnd.randint(1, 6), self.tick())}
        for i in range(views // 3):
            self.res["%s/%s/Query%d" % (QUERIES, AREAS[i % len(AREAS)], i)] = {
                "query.sql": sql(rnd, "t_%d" % i).encode(),
                "resource.json": descriptor(["query.sql"], "dba", self.tick())}
        for i in range(max(1, views // 8)):
            self.res["%s/plant/%s/module%d" % (SCRIPTS, AREAS[i % len(AREAS)].lower(), i)] = {
                "code.py": code_py(rnd, "module%d" % i).encode(),
                "resource.json": descriptor(["code.py"], "engineer1", self.tick())}
        for i in range(max(1, views // 8)):
            self.res["%s/Legacy/Window%d" % (WINDOWS, i)] = {
                "data.bin": zlib.compress(rnd.randbytes(rnd.randint(2000, 40000)), 0),
                "resource.json": descriptor(["data.bin"], "engineer2", self.tick())}
        self.tags = {"name": "", "tagType": "Provider", "tags": [
            {"name": a, "tagType": "Folder", "tags": [
                {"name": "Line%d" % n, "tagType": "Folder", "tags": [
                    {"name": "PV", "tagType": "AtomicTag", "valueSource": "opc", "dataType": "Float4",
                     "opcItemPath": "ns=1;s=[PLC]%s.L%d.PV" % (a, n)}]} for n in range(30)]} for a in AREAS]}

    def tick(self):
        self.clock += 60_000
        return self.clock

    def write(self, out):
        os.makedirs(out, exist_ok=True)
        write(os.path.join(out, "project.json"), dumps({"title": "Plant", "description": "", "parent": "",
                                                        "enabled": True, "inheritable": False}).encode())
        for path, files in self.res.items():
            folder = os.path.join(out, path)
            os.makedirs(folder, exist_ok=True)
            for name, content in files.items():
                write(os.path.join(folder, name), content if isinstance(content, bytes) else dumps(content).encode())
        write(out + ".tags.json", dumps(self.tags).encode())

    # ---- edits engineers make; each re-saves what it touches (new stamp, thumbnail, runtime values)

    def views(self):
        return sorted(p for p in self.res if p.startswith(PERSPECTIVE))

    def save(self, path, actor):
        files = self.res[path]
        t = self.tick()
        files["resource.json"] = descriptor(files["resource.json"]["files"], actor, t)
        if "view.json" in files:
            files["thumbnail.png"] = png(self.rnd, len(files["thumbnail.png"]))
            files["view.json"]["custom"]["state"]["lastRefresh"] = qualified(self.rnd, t)

    def containers(self, path):
        out = []

        def walk(c):
            if len(c.get("children", [])) > 1:
                out.append(c)
            for child in c.get("children", []):
                walk(child)
        walk(self.res[path]["view.json"]["root"])
        return out

    def edit(self, kind, path, actor):
        rnd = self.rnd
        doc = self.res[path]["view.json"] if "view.json" in self.res.get(path, {}) else None
        if kind == "move component":
            c = rnd.choice(self.containers(path))
            i = rnd.randrange(len(c["children"]))
            c["children"].insert(rnd.randrange(len(c["children"])), c["children"].pop(i))
        elif kind == "add component":
            c = rnd.choice(self.containers(path))
            c["children"].insert(rnd.randrange(len(c["children"]) + 1),
                                 component(rnd, "Added%d_%s" % (rnd.randrange(10**6), actor), 0, "New"))
        elif kind == "edit script":
            scripts = []

            def walk(c):
                for b in c.get("propConfig", {}).values():
                    scripts.extend(b["binding"].get("transforms", []))
                for child in c.get("children", []):
                    walk(child)
            walk(doc["root"])
            t = rnd.choice(scripts)
            lines = t["code"].split("\n")
            i = rnd.randrange(1, len(lines) - 1)
            lines[i] = lines[i].replace("> ", "> %d + " % rnd.randint(1, 9), 1) if "> " in lines[i] \
                else lines[i] + "  # " + actor
            t["code"] = "\n".join(lines)
        elif kind == "edit property":
            c = rnd.choice(self.containers(path))
            rnd.choice(c["children"])["props"]["style"]["margin"] = "%dpx" % rnd.randint(9, 20)
        elif kind == "re-save":
            pass
        self.save(path, actor)

    def add_view(self, name, actor):
        rnd = random.Random(name)
        self.res["%s/New/%s" % (PERSPECTIVE, name)] = {
            "view.json": view(rnd, "New", 0), "thumbnail.png": png(rnd, 6000),
            "resource.json": descriptor(["view.json", "thumbnail.png"], actor, T0)}

    def change(self, actor, focus):
        """One engineer's change: a few edits around a focus area, as consecutive saves touch the same views."""
        rnd = self.rnd
        for _ in range(rnd.randint(1, 4)):
            kind = rnd.choice(["move component", "add component", "edit script", "edit property", "re-save",
                               "add view", "edit query", "edit code"])
            if kind == "add view":
                self.add_view("View%d" % rnd.randint(0, 3), actor)  # the same name is sometimes added on both sides
            elif kind == "edit query":
                q = rnd.choice(sorted(p for p in self.res if p.startswith(QUERIES))[:8])
                self.res[q]["query.sql"] = self.res[q]["query.sql"].replace(b"DESC", b"DESC\nLIMIT %d" % rnd.randint(1, 999), 1)
                self.save(q, actor)
            elif kind == "edit code":
                m = sorted(p for p in self.res if p.startswith(SCRIPTS))[0]
                lines = self.res[m]["code.py"].decode().split("\n")
                i = rnd.randrange(3, len(lines))
                lines[i] = lines[i] + "  # " + actor
                self.res[m]["code.py"] = "\n".join(lines).encode()
                self.save(m, actor)
            else:
                self.edit(kind, rnd.choice(focus), actor)


def write(path, content):
    with open(path, "wb") as f:
        f.write(content)


def main():
    cmd, out, views = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if cmd == "project":
        Project(views).write(out)
    elif cmd == "replay":
        base = Project(views)
        base.write(os.path.join(out, "base"))
        for n in range(int(sys.argv[4])):
            focus = random.Random(n).sample(base.views(), 3)
            for side, actor in (("ours", "alice"), ("theirs", "bob")):
                p = copy.deepcopy(base)
                p.rnd = random.Random("%d-%s" % (n, side))
                p.clock = base.clock + (1 if side == "ours" else 2) * 3_600_000
                p.change(actor, focus)
                p.write(os.path.join(out, str(n), side))
    else:
        sys.exit("usage: realistic_project.py project OUT VIEWS | replay OUT VIEWS PAIRS")


if __name__ == "__main__":
    main()
