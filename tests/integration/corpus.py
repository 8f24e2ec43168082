"""The golden translation corpus (tests/translate/*.txt) read once, the way
tests/unit/check_corpus.c reads it (format: tests/translate/README.md), for
the Python tools that use it: the end-to-end SQLite run
(corpus_live.py) and the translation benchmark's input list
(bench/translate.sh).

    for f in corpus.load_all(srcdir):
        f.setup                      # ["CREATE TABLE t (...)", ...]
        for case in f.cases:
            case.input               # the PostgreSQL text
            case.expectations["sqlite"].error  # None, or ("0A000", 8, "msg")

It also knows just enough PostgreSQL lexing to count a text's statements
and its highest $n parameter (string constants, quoted identifiers,
dollar quotes and comments are skipped).

usage: corpus.py list-inputs SRCDIR   one input per record, NUL-terminated: the
                                     cases with an iris or sqlite expectation
                                     (the dialects bench/translate.sh times;
                                     catalog queries have their own bench)
"""

import glob
import os
import re
import sys

DIALECTS = ("iris", "iris-top", "iris-float", "iris-inline", "sqlite", "sqlite-inline", "postgres", "catalog")  # iris-top: IRIS before 2025.1; catalog: pgwire's catalog; -inline: vector_parameters = inline
SETUP_PREFIX = "# setup:"


class Expectation:
    """One "-> dialect" block: the expected translation or error."""

    def __init__(self, dialect, line, text):
        self.dialect = dialect
        self.line = line
        self.text = text
        self.error = parse_error(text)


class Case:
    """One "## title" block: its input and one expectation per dialect."""

    def __init__(self, path, line, title):
        self.path = path
        self.line = line
        self.title = title
        self.input = ""
        self.expectations = {}

    @property
    def where(self):
        return "%s:%d" % (os.path.basename(self.path), self.line)


class CorpusFile:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.setup = []         # "# setup: <statement>" lines of the header
        self.cases = []


def parse_error(text):
    """("SQLSTATE", position, "message") for "! SQLSTATE POSITION MESSAGE", else None."""
    m = re.fullmatch(r"! (\w{5}) (\d+) (.*)", text, re.S)
    return (m.group(1), int(m.group(2)), m.group(3)) if m else None


def _trim_end(text):
    return text.rstrip("\n ")


def load(path):
    """Parse one corpus file (same states as check_corpus.c)."""
    f = CorpusFile(path)
    case = None
    state = "header"            # header, notes, input, expected
    dialect = exp_line = None
    expected = []

    def finish_expectation():
        if state == "expected":
            case.expectations.setdefault(
                dialect, Expectation(dialect, exp_line, _trim_end("".join(expected))))

    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.startswith("## ") and state == "notes":
                continue        # a note on the case
            if line.startswith("## "):
                finish_expectation()
                case = Case(path, lineno, line[3:].rstrip("\n"))
                f.cases.append(case)
                state = "notes"
                continue
            if line.startswith("-> "):
                if case is None:
                    raise ValueError("%s:%d: expectation before any case" % (path, lineno))
                finish_expectation()
                dialect = line[3:].split()[0] if line[3:].split() else ""
                if dialect not in DIALECTS:
                    raise ValueError("%s:%d: unknown dialect %r" % (path, lineno, dialect))
                case.input = _trim_end(case.input)
                exp_line, expected, state = lineno, [], "expected"
                continue
            if state == "header":
                if line.startswith(SETUP_PREFIX):
                    f.setup.append(line[len(SETUP_PREFIX):].strip())
            elif state == "notes":
                if line != "\n":
                    case.input += line
                    state = "input"
            elif state == "input":
                case.input += line
            else:
                expected.append(line)
    finish_expectation()
    return f


def files(srcdir):
    """The corpus files, sorted by name as check_corpus runs them."""
    return sorted(glob.glob(os.path.join(srcdir, "tests", "translate", "*.txt")))


def load_all(srcdir):
    return [load(p) for p in files(srcdir)]


# ---- just enough lexing: statements and $n parameters ----

_DOLLAR_QUOTE = re.compile(r"\$([A-Za-z_\x80-\U0010ffff][\w\x80-\U0010ffff]*)?\$")
_PARAM = re.compile(r"(?<![\w$])\$(\d+)")


def _skip_quoted(sql, i, quote):
    """Index just past the constant or identifier opened at sql[i]."""
    i += 1
    while i < len(sql):
        if sql[i] == "\\" and quote == "E":
            i += 2
            continue
        if sql[i] == ("'" if quote == "E" else quote):
            if sql[i + 1:i + 2] == sql[i]:
                i += 2
                continue
            return i + 1
        i += 1
    return i


def _code_mask(sql):
    """sql with constants, quoted identifiers and comments blanked out."""
    out, i, depth = [" "] * len(sql), 0, 0
    while i < len(sql):
        c, two = sql[i], sql[i:i + 2]
        after_word = i > 0 and (sql[i - 1].isalnum() or sql[i - 1] in "_$")
        dollar = _DOLLAR_QUOTE.match(sql, i) if c == "$" and not after_word else None
        if depth:
            depth += 1 if two == "/*" else -1 if two == "*/" else 0
            i += 2 if two in ("/*", "*/") else 1
        elif two == "/*":
            depth, i = 1, i + 2
        elif two == "--":
            nl = sql.find("\n", i)
            i = len(sql) if nl < 0 else nl
        elif c in "'\"":
            i = _skip_quoted(sql, i, c)
        elif c in "eE" and sql[i + 1:i + 2] == "'" and not after_word:
            i = _skip_quoted(sql, i + 1, "E")
        elif dollar:
            end = sql.find(dollar.group(0), dollar.end())
            i = len(sql) if end < 0 else end + len(dollar.group(0))
        else:
            out[i] = c
            i += 1
    return "".join(out)


def statement_count(sql):
    """Non-empty statements of sql, split at top-level semicolons."""
    return sum(1 for part in _code_mask(sql).split(";") if part.strip())


def max_parameter(sql):
    """The highest $n outside constants and comments (0 if none)."""
    return max((int(n) for n in _PARAM.findall(_code_mask(sql))), default=0)


def main(argv):
    if len(argv) == 3 and argv[1] == "list-inputs":
        for f in load_all(argv[2]):
            for case in f.cases:
                if "iris" in case.expectations or "sqlite" in case.expectations:
                    sys.stdout.write(case.input + "\0")
        return 0
    sys.stderr.write("usage: corpus.py list-inputs SRCDIR\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
