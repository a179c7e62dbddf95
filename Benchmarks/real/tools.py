#!/usr/bin/env python3
"""tools.py LABELS.tsv[,MORE.tsv] TOOL=REPORT=PREFIX=ROOT ... [--unlabelled OUT.tsv]

Scores several tools against the labelled real code, by location (file and line), since rule names
differ between tools. REPORT is hush's JSON for TOOL=hush, else a peer's findings as JSON lines from
../shared/peers/normalize.py TOOL NATIVE.json --jsonl. PREFIX is the labels' tree prefix
(helm/charts@390ee661, ansible/ansible@c9ac477e, bench-rootfs) and ROOT the path prefix the report's
paths carry for that tree. A location counts as a credential when any label there says so.

For each tool: distinct locations reported, how many are labelled, precision over those, and recall:
the share of every labelled credential location (of the trees given for that tool) it reports.
With --unlabelled, the locations some tool reports and no label covers are written out (tool, tree
path, line, rule) for labelling."""
import collections, csv, json, sys

args = [a for a in sys.argv[1:] if not a.startswith('--')]
unlabelled_out = sys.argv[sys.argv.index('--unlabelled') + 1] if '--unlabelled' in sys.argv else None
if unlabelled_out: args.remove(unlabelled_out)
verdicts = collections.defaultdict(set)
for name in args[0].split(','):
    for r in list(csv.reader((l for l in open(name) if not l.startswith('#')), delimiter='\t'))[1:]:
        verdicts[(r[0], int(r[1]))].add(r[4])
credential = {k for k, v in verdicts.items() if 'credential' in v}

def locations(tool, report, prefix, root):
    root = root.rstrip('/') + '/'
    if tool == 'hush':
        records = [(f['path'], f['line'], f['rule']) for f in json.load(open(report))['findings']
                   if f.get('kind') != 'hygiene']  # practices, not secrets: not scored
    else:
        records = [(r.get('path') or '', r.get('line') or 0, r.get('rule') or '') for r in map(json.loads, open(report)) if r]
    out = {}
    for path, line, rule in records:
        path = path.removeprefix('./')
        path = path[path.index(root) + len(root):] if root in path else path.removeprefix(root.lstrip('./'))
        out.setdefault((f'{prefix}:{path}', int(line)), rule)
    return out

by_tool = collections.defaultdict(dict)
trees = collections.defaultdict(set)
for spec in args[1:]:
    tool, report, prefix, root = spec.split('=')
    by_tool[tool].update(locations(tool, report, prefix, root))
    trees[tool].add(prefix)
missing = {}
print(f"{'tool':12} {'reported':>8} {'labelled':>8} {'precision':>9} {'recall':>14}")
for tool, found in by_tool.items():
    labelled = [k for k in found if k in verdicts]
    good = sum(1 for k in labelled if k in credential)
    universe = {k for k in credential if k[0].split(':')[0] in trees[tool]}
    hit = len(universe & set(found))
    print(f"{tool:12} {len(found):8} {len(labelled):8} {good / len(labelled) if labelled else 0:9.3f} {hit:5}/{len(universe):<4} {hit / len(universe) if universe else 0:.3f}")
    for k, rule in found.items():
        if k not in verdicts: missing.setdefault(k, (tool, rule))
print(f"unlabelled locations: {len(missing)}")
if unlabelled_out:
    with open(unlabelled_out, 'w') as out:
        for (path, line), (tool, rule) in sorted(missing.items()):
            out.write(f"{tool}\t{path}\t{line}\t{rule}\n")
