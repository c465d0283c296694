#!/usr/bin/env python3
"""Reads a PDF with pypdf, a reader independent of the app's lopdf, and
prints what the end-to-end tests check, as JSON on stdout:

    {"pages": 3,
     "attachments": {"rinnovo-dati.json": "<its text>"},
     "af_relationships": {"rinnovo-dati.json": "/Data"},
     "metadata": {"/Title": "...", "/Author": "..."}}

Usage: python3 tests/e2e/pdf-check.py FILE.pdf
Exits non-zero (with pypdf's message on stderr) if the file cannot be read.
"""
import json
import sys

from pypdf import PdfReader


def af_relationships(reader):
    """The /AFRelationship of each embedded file, by name."""
    found = {}
    names = reader.trailer["/Root"].get("/Names")
    if names is None:
        return found
    tree = names.get_object().get("/EmbeddedFiles")
    if tree is None:
        return found
    stack = [tree.get_object()]
    while stack:
        node = stack.pop()
        for kid in node.get("/Kids", []):
            stack.append(kid.get_object())
        pairs = node.get("/Names", [])
        for i in range(0, len(pairs) - 1, 2):
            spec = pairs[i + 1].get_object()
            rel = spec.get("/AFRelationship")
            found[str(pairs[i])] = str(rel) if rel is not None else None
    return found


def main(path):
    reader = PdfReader(path, strict=True)
    attachments = {}
    for name, contents in reader.attachments.items():
        attachments[name] = contents[0].decode("utf-8")
    meta = reader.metadata or {}
    print(
        json.dumps(
            {
                "pages": len(reader.pages),
                "attachments": attachments,
                "af_relationships": af_relationships(reader),
                "metadata": {k: str(v) for k, v in meta.items()},
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: pdf-check.py FILE.pdf")
    main(sys.argv[1])
