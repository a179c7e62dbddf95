#!/usr/bin/env python3
"""score.py LABELS.tsv[,MORE.tsv] [REPORT.json=LABEL_PREFIX=SCANNED_ROOT ...]

Precision of the labelled hush findings, overall and per confidence. With reports (hush --format json
of the labelled trees; LABEL_PREFIX as in the labels' path column, e.g. helm/charts@390ee661, and
SCANNED_ROOT the path prefix the report's paths carry, e.g. helm-charts), only the labelled findings
still reported count, under the confidence now reported, and findings with no label are listed so
they can be labelled. LABEL_PREFIX `swift-packages` scores a report of the folder of bare mirrors
(`hush scan /opt/swift-packages`), whose labels name OWNER/NAME@COMMIT12:FILE. (Recall, and other
tools' reports, need labels drawn from their findings: #11.)"""
import collections, csv, json, sys

rows = []
for name in sys.argv[1].split(','):
    rows += [r for r in csv.reader((l for l in open(name) if not l.startswith('#')), delimiter='\t')][1:]
labels = {(r[0], r[1], r[2]): r for r in rows}
scored = []

def label_key(f, prefix, root):
    if prefix == 'swift-packages':
        repo = f.get('repository') or ''
        name = repo.removeprefix(root.rstrip('/') + '/').removesuffix('.git')
        path = f['path'].removeprefix(repo.rstrip('/') + '/')
        return (f"{name}@{(f.get('commit') or '')[:12]}:{path}", str(f['line']), f['rule'])
    return (f'{prefix}:' + f['path'].removeprefix(root.rstrip('/') + '/'), str(f['line']), f['rule'])

if len(sys.argv) > 2:
    prefixes = set()
    for spec in sys.argv[2:]:
        report, prefix, root = spec.split('=')
        prefixes.add(prefix)
        for f in json.load(open(report))['findings']:
            if f.get('kind') == 'hygiene':
                # A practice (a committed Secret, a secret-named ARG), not a secret: listed, not scored.
                print(f"hygiene: {f['path']}:{f['line']} {f['rule']} {f['secret']}")
                continue
            key = label_key(f, prefix, root)
            if key in labels:
                scored.append((f['confidence'], labels[key][4]))
            else:
                print(f"unlabelled: {key[0]}:{key[1]} {key[2]} ({f['confidence']})")
    # Labelled findings of these trees no longer reported, by verdict.
    reported = set()
    for spec in sys.argv[2:]:
        report, prefix, root = spec.split('=')
        for f in json.load(open(report))['findings']:
            reported.add(label_key(f, prefix, root))
    def tree(key):
        head = key[0].split(':')[0]
        return 'swift-packages' if '@' in head and not head.startswith(('ansible/', 'helm/')) and head != 'bench-rootfs' else head
    dropped = collections.Counter(labels[k][4] for k in labels if tree(k) in prefixes and k not in reported)
    for verdict, n in sorted(dropped.items()):
        print(f"no longer reported: {n} labelled {verdict}")
else:
    scored = [(r[3], r[4]) for r in rows]
by = collections.defaultdict(lambda: [0, 0])
for confidence, verdict in scored:
    for key in (confidence, 'all'):
        by[key][0] += verdict == 'credential'
        by[key][1] += 1
for key in ('high', 'medium', 'low', 'all'):
    good, total = by[key]
    if total: print(f"{key:6} {good:4}/{total:<4} credentials  precision {good / total:.3f}")
