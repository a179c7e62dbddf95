"""How one key/value, header, command line or PEM block is written in each file type."""
import re

from doc import recase


class Style:
    """Generic `key = "value"` syntax; subclasses override what differs."""
    ftype = "text"
    case = "snake"
    comment_prefix = "#"
    supports = {"str"}
    indent = ""

    def open(self, doc):
        pass

    def close(self, doc):
        pass

    def section(self, doc, name):
        doc.add("")
        self.comment(doc, f"--- {name}")

    def end_section(self, doc):
        pass

    def comment(self, doc, text):
        doc.add(f"{self.indent}{self.comment_prefix} {text}")

    def key(self, name):
        return recase(name, self.case)

    def quote(self, value):
        return '"' + value + '"'

    def assign_text(self, name, value, expr=False):
        return f"{self.indent}{self.key(name)} = {value if expr else self.quote(value)}"

    def assign(self, doc, name, value, label=None, expr=False):
        doc.add(self.assign_text(name, value, expr), label)

    def header(self, doc, value, label):
        self.assign(doc, "authorization_header", value, label)

    def cli(self, doc, command, label):
        raise NotImplementedError(self.ftype)

    def pem(self, doc, name, pem_text, label):
        raise NotImplementedError(self.ftype)


class Env(Style):
    ftype, case = "env", "upper"

    def assign_text(self, name, value, expr=False):
        return f"{self.key(name)}={value}"


class Shell(Style):
    ftype, case, supports = "shell", "upper", {"str", "header", "cli", "pem"}

    def open(self, doc):
        doc.add("#!/usr/bin/env bash\nset -euo pipefail")

    def assign_text(self, name, value, expr=False):
        return f'export {self.key(name)}="{value}"'

    def header(self, doc, value, label):
        path = doc.rng.choice(["v1/deployments", "api/v2/items", "internal/health", "v3/orgs/acme/members"])
        doc.add(f'curl -fsS -H "Authorization: {value}" https://api.acme-internal.dev/{path}', label)

    def cli(self, doc, command, label):
        doc.add(command, label)

    def pem(self, doc, name, pem_text, label):
        doc.add(f"cat > /tmp/{recase(name, 'kebab')}.pem <<'EOF'\n{pem_text.rstrip()}\nEOF", label)


class Yaml(Style):
    ftype, supports = "yaml", {"str", "header", "pem"}

    def __init__(self):
        self.depth = 0

    @property
    def indent(self):
        return "  " * self.depth

    def section(self, doc, name):
        doc.add(f"{self.indent}{recase(name, self.case)}:")
        self.depth += 1

    def end_section(self, doc):
        self.depth -= 1

    def quote(self, value):
        return value if re.fullmatch(r"[A-Za-z0-9_./+=~-][A-Za-z0-9_./+=:@~-]*", value) else '"' + value + '"'

    def assign_text(self, name, value, expr=False):
        return f"{self.indent}{self.key(name)}: {self.quote(value)}"

    def header(self, doc, value, label):
        self.assign(doc, "authorization", value, label)

    def pem(self, doc, name, pem_text, label):
        body = "\n".join(self.indent + "  " + ln for ln in pem_text.rstrip().split("\n"))
        doc.add(f"{self.indent}{self.key(name)}: |\n{body}", label)


class Json(Style):
    ftype, case, supports = "json", "camel", {"str", "header", "pem"}

    def __init__(self):
        self.depth = 1

    @property
    def indent(self):
        return "  " * self.depth

    def open(self, doc):
        doc.add("{")

    def _uncomma(self, doc):
        if doc.lines[-1].endswith(","):
            doc.lines[-1] = doc.lines[-1][:-1]

    def close(self, doc):
        self._uncomma(doc)
        doc.add("}")

    def section(self, doc, name):
        doc.add(f'{self.indent}"{self.key(name)}": {{')
        self.depth += 1

    def end_section(self, doc):
        self._uncomma(doc)
        self.depth -= 1
        doc.add(f"{self.indent}}},")

    def comment(self, doc, text):
        pass  # JSON has no comments

    def assign_text(self, name, value, expr=False):
        return f'{self.indent}"{self.key(name)}": "{value}",'

    def header(self, doc, value, label):
        self.assign(doc, "authorization", value, label)

    def pem(self, doc, name, pem_text, label):
        self.assign(doc, name, pem_text.replace("\n", "\\n"), dict(label, block=False))


class Toml(Style):
    ftype, supports = "toml", {"str", "pem"}

    def section(self, doc, name):
        doc.add(f"\n[{recase(name, 'snake')}]")

    def pem(self, doc, name, pem_text, label):
        doc.add(f'{self.key(name)} = """\n{pem_text.rstrip()}\n"""', label)


class Ini(Style):
    ftype = "ini"

    def section(self, doc, name):
        doc.add(f"\n[{recase(name, 'snake')}]")

    def quote(self, value):
        return value


class Properties(Style):
    ftype, case = "properties", "dotted"

    def __init__(self):
        self.prefix = "app"

    def section(self, doc, name):
        doc.add("")
        self.prefix = recase(name, "dotted")

    def assign_text(self, name, value, expr=False):
        return f"{self.prefix}.{self.key(name)}={value}"


class Xml(Style):
    ftype, case = "xml", "camel"

    def __init__(self):
        self.depth, self.stack = 1, []

    @property
    def indent(self):
        return "  " * self.depth

    def open(self, doc):
        doc.add('<?xml version="1.0" encoding="UTF-8"?>\n<configuration>')

    def close(self, doc):
        doc.add("</configuration>")

    def section(self, doc, name):
        tag = recase(name, "camel")
        doc.add(f"{self.indent}<{tag}>")
        self.stack.append(tag)
        self.depth += 1

    def end_section(self, doc):
        self.depth -= 1
        doc.add(f"{self.indent}</{self.stack.pop()}>")

    def comment(self, doc, text):
        doc.add(f"{self.indent}<!-- {text} -->")

    def assign_text(self, name, value, expr=False):
        k = self.key(name)
        if len(k) % 2:  # vary the two common shapes deterministically
            return f'{self.indent}<add key="{recase(name, "pascal")}" value="{value}" />'
        return f"{self.indent}<{k}>{value}</{k}>"


class Python(Style):
    ftype, case, supports = "python", "upper", {"str", "header", "pem", "expr"}

    def open(self, doc):
        doc.add('"""Service configuration."""\nimport os\n')

    def header(self, doc, value, label):
        doc.add(f'HEADERS = {{"Authorization": "{value}", "Accept": "application/json"}}', label)

    def pem(self, doc, name, pem_text, label):
        doc.add(f'{self.key(name)} = """{pem_text.rstrip()}\n"""', label)


class JavaScript(Style):
    ftype, case, comment_prefix, supports = "javascript", "camel", "//", {"str", "header", "pem", "expr"}
    opener = "export const config = {"

    def __init__(self):
        self.depth = 1

    @property
    def indent(self):
        return "  " * self.depth

    def open(self, doc):
        doc.add(self.opener)

    def close(self, doc):
        doc.add("};")

    def section(self, doc, name):
        doc.add(f"{self.indent}{self.key(name)}: {{")
        self.depth += 1

    def end_section(self, doc):
        self.depth -= 1
        doc.add(f"{self.indent}}},")

    def assign_text(self, name, value, expr=False):
        return f"{self.indent}{self.key(name)}: {value if expr else self.quote(value)},"

    def header(self, doc, value, label):
        doc.add(f'{self.indent}headers: {{ Authorization: "{value}" }},', label)

    def pem(self, doc, name, pem_text, label):
        doc.add(f"{self.indent}{self.key(name)}: `{pem_text.rstrip()}\n`,", label)


class TypeScript(JavaScript):
    ftype = "typescript"
    opener = "export const config: Readonly<Record<string, unknown>> = {"


class Go(Style):
    ftype, case, comment_prefix, supports = "go", "pascal", "//", {"str", "pem", "expr"}
    indent = "\t"

    def open(self, doc):
        doc.add('package config\n\nimport "os"')

    def section(self, doc, name):
        doc.add(f"\n// {recase(name, 'pascal')} settings.\nvar (")

    def end_section(self, doc):
        doc.add(")")

    def pem(self, doc, name, pem_text, label):
        doc.add(f"\t{self.key(name)} = `{pem_text.rstrip()}\n`", label)


class Java(Style):
    ftype, case, comment_prefix, supports = "java", "upper", "//", {"str", "pem", "expr"}
    indent = "    "

    def open(self, doc):
        cls = doc.path.rsplit("/", 1)[-1].removesuffix(".java")  # javac wants the file's name
        doc.add(f"package com.acme.config;\n\npublic final class {cls} {{\n    private {cls}() {{}}")

    def close(self, doc):
        doc.add("}")

    def assign_text(self, name, value, expr=False):
        return f"    public static final String {self.key(name)} = {value if expr else self.quote(value)};"

    def pem(self, doc, name, pem_text, label):
        doc.add(f'    public static final String {self.key(name)} = """\n{pem_text.rstrip()}\n""";', label)


class Swift(Style):
    ftype, case, comment_prefix, supports = "swift", "camel", "//", {"str", "pem", "expr"}
    indent = "    "

    def open(self, doc):
        doc.add("import Foundation\n\nenum Secrets {")

    def close(self, doc):
        doc.add("}")

    def assign_text(self, name, value, expr=False):
        return f"    static let {self.key(name)} = {value if expr else self.quote(value)}"

    def pem(self, doc, name, pem_text, label):
        body = "\n".join("    " + ln for ln in pem_text.rstrip().split("\n"))
        doc.add(f'    static let {self.key(name)} = """\n{body}\n    """', label)


class Dockerfile(Style):
    ftype, case, supports = "dockerfile", "upper", {"str", "cli"}

    def open(self, doc):
        doc.add(f"FROM {doc.rng.choice(['python:3.12-slim', 'node:20-bookworm', 'golang:1.22 AS build'])}\nWORKDIR /app")

    def close(self, doc):
        doc.add('COPY . .\nCMD ["./start.sh"]')

    def assign_text(self, name, value, expr=False):
        return f"{'ENV' if len(name) % 3 else 'ARG'} {self.key(name)}={value}"

    def cli(self, doc, command, label):
        doc.add(f"RUN {command}", label)


class Terraform(Style):
    ftype, supports = "terraform", {"str", "pem", "expr"}
    indent = "  "

    def __init__(self):
        self.open_block = False

    def section(self, doc, name):
        self.end_section(doc)
        kind = {"database": 'resource "aws_db_instance" "main"', "cache": 'resource "aws_elasticache_user" "app"',
                "provider": 'provider "aws"'}.get(name, f'module "{recase(name, "kebab")}"')
        doc.add(f"\n{kind} {{")
        self.open_block = True

    def end_section(self, doc):
        if self.open_block:
            doc.add("}")
            self.open_block = False

    def close(self, doc):
        self.end_section(doc)

    def pem(self, doc, name, pem_text, label):
        doc.add(f"  {self.key(name)} = <<-EOT\n{pem_text.rstrip()}\n  EOT", label)


class Markdown(Style):
    ftype, case, supports = "markdown", "upper", {"str", "header", "cli", "pem"}

    def __init__(self):
        self.fenced = False

    def open(self, doc):
        doc.add(f"# {doc.rng.choice(['Deployment notes', 'Local setup', 'Service runbook', 'API quick start'])}\n")

    def section(self, doc, name):
        self.end_section(doc)
        doc.add(f"\n## {recase(name, 'pascal')}\n\nSet these before running the service:\n\n```sh")
        self.fenced = True

    def end_section(self, doc):
        if self.fenced:
            doc.add("```")
            self.fenced = False

    def close(self, doc):
        self.end_section(doc)

    def assign_text(self, name, value, expr=False):
        return f"export {self.key(name)}={value}"

    def header(self, doc, value, label):
        doc.add(f'curl -H "Authorization: {value}" https://api.acme-internal.dev/v1/me', label)

    def cli(self, doc, command, label):
        doc.add(command, label)

    def pem(self, doc, name, pem_text, label):
        self.end_section(doc)
        doc.add(f"\nThe {name.replace('_', ' ')}:\n\n```\n{pem_text.rstrip()}\n```", label)


class Http(Style):
    ftype, case, supports = "http", "snake", {"str", "header"}

    def section(self, doc, name):
        doc.add(f"\n### {name}\nGET https://api.acme-internal.dev/v1/{recase(name, 'kebab')}\nAccept: application/json")

    def assign_text(self, name, value, expr=False):
        return f"X-{recase(name, 'pascal')}: {value}"

    def header(self, doc, value, label):
        doc.add(f"Authorization: {value}", label)


STYLES = {cls.ftype: cls for cls in [Env, Shell, Yaml, Json, Toml, Ini, Properties, Xml, Python, JavaScript,
                                     TypeScript, Go, Java, Swift, Dockerfile, Terraform, Markdown, Http]}
