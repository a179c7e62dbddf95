"""A file being written: its lines, and the labels planted on them.

Labels are located by searching the rendered text for the secret, so a label can only be
recorded where its secret really sits (Doc.add raises otherwise).
"""
import re


class Doc:
    def __init__(self, path, ftype, rng):
        self.path, self.ftype, self.rng = path, ftype, rng
        self.lines, self.labels = [], []

    def add(self, text, label=None):
        """Append text (may hold newlines); attach label to the line(s) holding its secret."""
        start = len(self.lines) + 1
        new = text.split("\n")
        self.lines.extend(new)
        if label is not None:
            self._place(label, start, new)
        return start

    def _place(self, label, start, new):
        lab = dict(label, path=self.path, file_type=self.ftype)
        if lab.get("block"):  # a PEM block: the label spans the whole construct written with it
            if not any("-----BEGIN" in ln for ln in new):  # (YAML key, heredoc, quotes, code fence)
                raise ValueError(f"{self.path}: block label {lab['kind']} without a BEGIN line")
            lab["line"], lab["end_line"] = start, start + len(new) - 1
        else:
            probe = lab.get("probe") or lab["secret"]
            hits = [i for i, ln in enumerate(new) if probe in ln]
            if not hits:
                raise ValueError(f"{self.path}: label {lab['kind']} not found in the text it was added with")
            lab["line"], lab["end_line"] = start + hits[0], start + hits[-1]
        lab.pop("block", None)
        lab.pop("probe", None)
        self.labels.append(lab)

    def text(self):
        return "\n".join(self.lines) + "\n"


def words(name):
    return [w for w in re.split(r"[^A-Za-z0-9]+", name) if w]


def recase(name, case):
    w = words(name)
    if case == "upper":
        return "_".join(x.upper() for x in w)
    if case == "camel":
        return w[0].lower() + "".join(x[:1].upper() + x[1:].lower() for x in w[1:])
    if case == "pascal":
        return "".join(x[:1].upper() + x[1:].lower() for x in w)
    if case == "dotted":
        return ".".join(x.lower() for x in w)
    if case == "kebab":
        return "-".join(x.lower() for x in w)
    return "_".join(x.lower() for x in w)
