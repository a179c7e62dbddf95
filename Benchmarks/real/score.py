#!/usr/bin/env python3
"""score.py LABELS.tsv: precision of the labelled hush findings, overall and per confidence.
(A scorer for other tools' reports, and recall, need labels drawn from their findings too: #11.)"""
import collections, csv, sys

rows = [r for r in csv.reader((l for l in open(sys.argv[1]) if not l.startswith('#')), delimiter='\t')][1:]
by = collections.defaultdict(lambda: [0, 0])
for path, line, rule, confidence, verdict, reason in rows:
    for key in (confidence, 'all'):
        by[key][0] += verdict == 'credential'
        by[key][1] += 1
for key in ('high', 'medium', 'low', 'all'):
    good, total = by[key]
    if total: print(f"{key:6} {good:4}/{total:<4} credentials  precision {good / total:.3f}")
