#!/usr/bin/env python3
"""Prints where a Karaf boot spent its time, from its data/log/karaf.log: each feature stage (resolution,
install, start), refreshes, and the slowest bundle starts. Usage: boot-breakdown.py <karaf.log> [top]"""
import datetime
import re
import sys

STAMP = re.compile(r'^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d{3}) \| \w+ *\| ([^|]+?) *\|[^|]*\|[^|]*\| ?(.*)$')


def parse(path):
    for line in open(path, encoding='utf-8', errors='replace'):
        m = STAMP.match(line.rstrip('\n'))
        if m:
            t = datetime.datetime.strptime(m.group(1), '%Y-%m-%dT%H:%M:%S,%f')
            yield t, m.group(2), m.group(3)


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    entries = list(parse(path))
    if not entries:
        print('  (no log entries)')
        return
    first = entries[0][0]
    ms = lambda a, b: int((b - a).total_seconds() * 1000)
    passes, starts, refreshes = [], [], 0
    current = None  # the resolver pass in progress: {'features', 'from', 'resolved', 'starting', 'done'}
    features = ''
    block = None  # the thread writing "Starting bundles:" while inside that list
    for i, (t, thread, text) in enumerate(entries):
        body = text.strip()
        if body.startswith('Adding features:'):
            features = re.sub(r'/\[[^]]*\]', '', body[len('Adding features:'):].strip())
            block = None
        elif body == 'Changes to perform:':
            start = passes[-1]['done'] if passes and 'done' in passes[-1] and passes[-1]['features'] == features else None
            current = {'features': features, 'from': start or t, 'resolved': t}
            if start is None:
                # the resolution began at the "Adding features" line just before
                added = [e[0] for e in entries[:i] if e[2].strip().startswith('Adding features:')]
                current['from'] = added[-1] if added else t
            passes.append(current)
        elif body == 'Refreshing bundles:':
            refreshes += 1
        elif body == 'Starting bundles:':
            block = thread
            if current is not None:
                current.setdefault('starting', t)
        elif body == 'Done.' and current is not None:
            current['done'] = t
            block = None
        elif block == thread and text.startswith('  ') and '/' in body and ' ' not in body:
            nxt = next((e[0] for e in entries[i + 1:] if e[1] == thread), t)
            starts.append((ms(t, nxt), body))
    print('  resolver passes (ms from the first log line; a feature with prerequisites takes two):')
    for p in passes:
        st = p.get('starting', p['resolved'])
        d = p.get('done', st)
        print(f"    at {ms(first, p['from']):>6}  resolve {ms(p['from'], p['resolved']):>5}  install {ms(p['resolved'], st):>5}"
              f"  start {ms(st, d):>6}  [{p['features'][:80]}]")
    print(f'  refreshes after the first resolution: {refreshes} (goal 0)')
    print(f'  slowest bundle starts (ms, the features thread waits for each):')
    for d, name in sorted(starts, reverse=True)[:top]:
        print(f'    {d:>6}  {name}')
    print(f'  last log line at {ms(first, entries[-1][0])} ms')


if __name__ == '__main__':
    main()
