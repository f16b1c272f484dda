"""Replaces (or appends) one marked section of docs/benchmarks.md: the scripts that measure a
section of their own (workers.py, cli_scale.py, postgres_engine.py) write it through this, and
render.py keeps it."""


def replace_section(path, begin, end, block):
    doc = open(path).read()
    if begin in doc and end in doc:
        doc = doc.split(begin, 1)[0] + block + doc.split(end, 1)[1]
    else:
        doc = doc.rstrip("\n") + "\n\n" + block + "\n"
    open(path, "w").write(doc)
