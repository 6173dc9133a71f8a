"""otasim lint's entry point: finds code that runs on GraalPy (so in the simulator) but fails or
differs on an ESP32 running MicroPython (DESIGN §4, spec/micropython-esp32.md §16, §20).

Host code, CPython-flavoured; it only reads the source text it is given. Java's Checker calls
configure() once with the board's module table, then check() per file.
"""

from dev.otasim.lint import rules, tokens, walk
from dev.otasim.lint import tree as ast
from dev.otasim.lint.facts import Facts
from dev.otasim.lint.source import ERROR, Board, File, Finding

_HANDLERS = walk.handlers(rules.ALL)

# Filled by configure() from the board's module table (Java's BoardModules).
_TABLE = {"aliases": {}, "tls_since": ""}


def configure(aliases, tls_since):
    """The board's module table: aliases 'uos=os,utime=time,...', the tls release '1.23'."""
    _TABLE["aliases"] = parse_pairs(str(aliases))
    _TABLE["tls_since"] = str(tls_since)


def check(source, filename, firmware, importable, local_modules, imports=""):
    """Every finding in one file, one per line: "line\\tcol\\trule\\tseverity\\tmessage".

    firmware: the release series ('1.27'); importable: the names import finds, comma-separated;
    local_modules: the user's own module names, comma-separated; imports: the import table,
    name=module@when entries (ModuleTable.describe).
    """
    board = Board(
        str(firmware),
        str(importable).split(","),
        import_table(str(imports)),
        _TABLE["aliases"],
        _TABLE["tls_since"],
    )
    local = [m for m in str(local_modules).split(",") if m]
    findings = lint(str(source), str(filename), board, local)
    return "\n".join(
        "%d\t%d\t%s\t%s\t%s"
        % (f.line, f.col, f.rule, f.severity, f.message.replace("\t", " ").replace("\n", " "))
        for f in findings
    )


def rules_help():
    """Every rule as "id\tdescription" lines: the first paragraph of its module's docstring."""
    out = [
        "syntax\tthe board cannot compile the file: its parser rejects it, so nothing in it runs."
    ]
    for rule in rules.ALL:
        first = rule.__doc__.split("\n\n")[0]
        text = " ".join(first.split())
        prefix = rule.ID + ": "
        text = text[len(prefix) :] if text.startswith(prefix) else text
        # the docstring cites our spec for us; users get the rule's own documentation instead
        out.append("%s\t%s" % (rule.ID, without_spec_citation(text)))
    return "\n".join(sorted(out))


def without_spec_citation(text):
    """'... of the board (spec §14).' -> '... of the board.': users do not have our spec."""
    body = text[:-1] if text.endswith(".") else text
    start = body.rfind("(spec ")
    if body.endswith(")") and start >= 0 and ")" not in body[start:-1]:
        return body[:start].rstrip() + "."
    return text


def lint(text, filename, board, local_modules=()):
    """The findings in one file's text, sorted by line, column and rule, suppressions applied."""
    try:
        tree = ast.parse(text, filename)
        file = File(text, Facts.of(tree, board.aliases), board, local_modules)
        walk.walk(tree, file, _HANDLERS)
        findings = file.findings
    except SyntaxError as e:
        findings = [syntax_finding(e, text)]
    except (RecursionError, MemoryError) as e:
        # a finding, not an internal error: the file is reported with its path like any other
        findings = [
            Finding(
                1,
                1,
                "syntax",
                ERROR,
                "nested too deeply for otasim lint to check (%s); split the nesting up"
                % type(e).__name__,
            )
        ]
    ignored = suppressions(text)
    out = []
    seen = set()
    for f in sorted(findings, key=lambda f: (f.line, f.col, f.rule)):
        rules_off = ignored.get(f.line, ())
        if "*" in rules_off or f.rule in rules_off:
            continue
        key = (f.line, f.col, f.rule, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def parse_pairs(text):
    """'uos=os,utime=time' -> {'uos': 'os', 'utime': 'time'}."""
    pairs = {}
    for pair in text.split(","):
        alias, _, name = pair.partition("=")
        if alias:
            pairs[alias] = name
    return pairs


def import_table(text):
    """'os=os@late,uos=os@early' -> {'os': ('os', 'late'), 'uos': ('os', 'early')}."""
    table = {}
    for entry in text.split(","):
        if "=" in entry and "@" in entry:
            name, rest = entry.split("=", 1)
            module, when = rest.split("@", 1)
            table[name] = (module, when)
    return table


# ------------------------------------------------------------------ suppression comments


def suppressions(text):
    """line -> set of rule ids ('*' for all) from `# otasim: ignore[rule-id]` comments."""
    result = {}
    if "otasim" not in text:
        return result  # no suppression, and tokenizing is the slowest step of a clean file
    comments = []
    try:
        for tok in tokens.tokens(text):
            if tok.type == tokens.COMMENT:
                comments.append((tok.start[0], tok.string))
    except SyntaxError:  # an IndentationError too
        comments = [
            (i + 1, line[line.index("#") :])
            for i, line in enumerate(text.splitlines())
            if "#" in line
        ]
    for line, comment in comments:
        ids = ignored_rules(comment)
        if ids is not None:
            result.setdefault(line, set()).update(ids)
    return result


def ignored_rules(comment):
    """The rule ids of `# otasim: ignore[a, b]` in a comment ({'*'} for a bare ignore), or None."""
    at = comment.find("#")
    while at >= 0:
        rest = comment[at + 1 :].lstrip()
        if rest.startswith("otasim:") and rest[len("otasim:") :].lstrip().startswith("ignore"):
            rest = rest[len("otasim:") :].lstrip()[len("ignore") :]
            if rest.startswith("[") and "]" in rest:
                ids = {r.strip() for r in rest[1 : rest.index("]")].split(",") if r.strip()}
                return ids or {"*"}
            return {"*"}
        at = comment.find("#", at + 1)
    return None


# ------------------------------------------------------------------ syntax the board rejects


def unexpected_indent(text):
    """(line, col) of the first indent that follows no ':' (GraalPy reports line 1)."""
    previous = None
    try:
        for tok in tokens.tokens(text):
            if tok.type == tokens.INDENT and not (
                previous is not None and previous.type == tokens.OP and previous.string == ":"
            ):
                return tok.end[0], tok.end[1] + 1
            if tok.type not in (
                tokens.NL,
                tokens.NEWLINE,
                tokens.COMMENT,
                tokens.INDENT,
                tokens.DEDENT,
            ):
                previous = tok
    except SyntaxError:  # an IndentationError too
        pass
    return None


def syntax_finding(e, source):
    """The `syntax` finding for a file the parser rejects, worded as the board reports it."""
    text = str(e.msg) if getattr(e, "msg", None) else "invalid syntax"
    line, col = e.lineno or 1, max(e.offset or 1, 1)
    if isinstance(e, IndentationError) and "unexpected indent" in text:
        board = "IndentationError: unexpected indent"
        line, col = unexpected_indent(source) or (line, col)
    elif isinstance(e, IndentationError) and "unindent" in text:
        board = "IndentationError: unindent doesn't match any outer indent level"
    else:
        board = "SyntaxError: invalid syntax"
    detail = "" if board.endswith(text) else " (GraalPy: %s)" % text
    return Finding(
        line, col, "syntax", ERROR, "%s%s; the board will not run this file" % (board, detail)
    )
