"""missing-attr: module members and requests Response attributes the board lacks (spec §2-§14)."""

from dev.otasim.lint import tree as ast

from dev.otasim.lint import data
from dev.otasim.lint.facts import module_of
from dev.otasim.lint.source import ERROR

ID = "missing-attr"


def on_ImportFrom(node, file):
    if node.level or not node.module or node.module.split(".")[0] in file.local:
        return
    module = file.facts.plain(node.module)
    for alias in node.names:
        if not (module == "os" and alias.name == "path"):  # missing-module
            member(node, module, alias.name, file)


def on_Attribute(node, file):
    facts = file.facts
    module = module_of(node.value, facts)
    if module:
        member(node, module, node.attr, file)
    elif (
        isinstance(node.value, ast.Attribute)
        and node.value.attr == "version_info"
        and module_of(node.value.value, facts) == "sys"
    ):
        member(node, "sys", "version_info." + node.attr, file)
    name = node.value.id if isinstance(node.value, ast.Name) else None
    if name in facts.responses and node.attr in data.RESPONSE_ATTRS:
        file.add(
            node,
            ID,
            ERROR,
            "Response.%s does not exist in requests 0.10.2 on the board; %s"
            % (node.attr, data.RESPONSE_ATTRS[node.attr]),
        )


def member(node, module, name, file):
    """Reports module.name at node if the board's module has no such member."""
    hint = data.MISSING_MEMBERS.get(module, {}).get(name)
    if hint is None or file.guarded("AttributeError", "ImportError", "*"):
        return
    if module == "os" and name == "path":
        file.add(node, ID, ERROR, hint)
        return
    file.add(node, ID, ERROR, "%s.%s does not exist on MicroPython; %s" % (module, name, hint))
