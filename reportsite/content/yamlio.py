"""Reading and writing YAML that people edit: block style, UTF-8, and line numbers for every value."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import yaml

from ..errors import ContentError
from ..swap import umask

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: 10x faster
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_package_yaml(path: Path):
    """A YAML file of the package's own (vocabulary, rules, word lists): read with libyaml when it is
    there, as content is. The pure-Python loader took 28 ms for the seven files, libyaml takes 4."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


class LineDict(dict):
    """A mapping that remembers the line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# Content is written by people: these bounds are far above any real report and far below what
# exhausts memory or time (an alias bomb, a pasted file of megabytes).
MAX_FILE_BYTES = 4_000_000
MAX_TEXT_CHARS = 20_000
MAX_ALIAS_NODES = 1_000


class _LineLoader(_Loader):
    duplicates: list  # (key, first line, second line): reported, not silently resolved

    def resolve(self, kind, value, implicit):
        """PyYAML's tag resolution, with the common case first: a scalar that no implicit type (number,
        boolean, null, date) can start with, such as Chinese text, is a string; PyYAML's own lookup,
        called for every scalar, was a third of the time to compose a report's files."""
        if kind is yaml.ScalarNode and not self.yaml_path_resolvers and None not in self.yaml_implicit_resolvers:
            if not implicit[0] or (value and value[0] not in self.yaml_implicit_resolvers):
                return self.DEFAULT_SCALAR_TAG
            if len(value) <= 32:  # keys and short values (id, text, 2022): the same few, resolved once
                key = (value, implicit)
                tag = _RESOLVED.get(key)
                if tag is None:
                    if len(_RESOLVED) > 10_000:  # IDs are many and seldom repeat: keep the table small
                        _RESOLVED.clear()
                    tag = _RESOLVED[key] = super().resolve(kind, value, implicit)
                return tag
        return super().resolve(kind, value, implicit)


_RESOLVED: dict[tuple, str] = {}  # (short plain scalar, implicit flags) -> its tag, for _LineLoader


def _mapping(loader: _LineLoader, node: yaml.MappingNode, make) -> LineDict:
    """A mapping with the line of itself and each key; `make` turns a child node into its value."""
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = make(key_node)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.constructor.ConstructorError(None, None, "a key must be plain text", key_node.start_mark)
        line = key_node.start_mark.line + 1
        if key in out.key_lines:
            loader.duplicates.append((key, out.key_lines[key], line))
            continue
        out[key] = make(value_node)
        out.key_lines[key] = line
    return out


def _sequence(node: yaml.SequenceNode, make) -> LineList:
    out = LineList(make(child) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    return _mapping(loader, node, lambda child: loader.construct_object(child, deep=True))


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    return _sequence(node, lambda child: loader.construct_object(child, deep=True))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Dates and times stay text: editors write them as they see them, and the site prints them as written.
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


class _Oversize(Exception):
    """A document that would cost far more to load than any real content: refused before it is built."""

    def __init__(self, line: int, message: str, hint: str):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


def _check_bounds(root: yaml.Node) -> None:
    """Refuse over-long text and aliases that expand into more than MAX_ALIAS_NODES values.

    The composed document shares one node for an anchor and all its aliases; counting the values
    each node stands for (memoised, so linear in the document) measures what a walk of the loaded
    data would touch, which is where an alias bomb costs its memory and time.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    distinct = 0

    def size(node: yaml.Node) -> int:
        nonlocal distinct
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise _Oversize(node.start_mark.line + 1, "an alias refers to the value that contains it", "write the value out instead of using & and *")
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) > MAX_TEXT_CHARS:
                raise _Oversize(node.start_mark.line + 1, f"text of {len(node.value):,} characters, more than {MAX_TEXT_CHARS:,}",
                                "split it, or check that the file holds what you meant")
            total = 1
        else:
            open_nodes.add(key)
            children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
            total = 1 + sum(size(child) for child in children)
            open_nodes.discard(key)
        distinct += 1
        sizes[key] = total
        if total - distinct > MAX_ALIAS_NODES:
            raise _Oversize(node.start_mark.line + 1, f"aliases expand to more than {MAX_ALIAS_NODES:,} values",
                            "write the values out instead of using & and *")
        return total

    size(root)


def _parse(text: str) -> tuple[object, list[tuple]]:
    loader = _LineLoader(text)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        if "&" in text:  # an anchor, so perhaps aliases: PyYAML's construction, after the full bounds check
            _check_bounds(node)
            return loader.construct_document(node), loader.duplicates
        return _construct_tree(loader, node), loader.duplicates
    finally:
        loader.dispose()


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG


def _construct_tree(loader: _LineLoader, node: yaml.Node) -> object:
    """The values of a document without anchors, and so without aliases: every node is a value of its
    own, so the bounds come down to the length of each text, checked on the way. Plain strings, lists
    and mappings are made here, in one walk; any other value by PyYAML's constructors. Twice as fast
    as construct_document with the separate bounds walk, on the files of a report."""
    if isinstance(node, yaml.ScalarNode):
        if len(node.value) > MAX_TEXT_CHARS:
            raise _Oversize(node.start_mark.line + 1, f"text of {len(node.value):,} characters, more than {MAX_TEXT_CHARS:,}",
                            "split it, or check that the file holds what you meant")
        return node.value if node.tag == _STR else loader.construct_object(node, deep=True)
    if node.tag == _SEQ:
        return _sequence(node, lambda child: _construct_tree(loader, child))
    if node.tag == _MAP:
        return _mapping(loader, node, lambda child: _construct_tree(loader, child))
    return loader.construct_object(node, deep=True)


def read_content_file(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES) -> tuple[str | None, list[ContentError]]:
    """The text of a content file, YAML or not, or None and why not: it may be a symlink only to a
    file in the folder it is in, must be a plain file (a FIFO would hang the build) of at most
    `max_bytes`, and must be UTF-8."""
    real, folder = os.path.realpath(path), os.path.realpath(path.parent)
    if os.path.commonpath([real, folder]) != folder:
        return None, [ContentError(display, 0, "", f"a symlink to {real}, outside {path.parent.name}/", "copy the file here instead of linking to it")]
    too_big = "split it, or check that it is the file you meant"
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC), "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None, [ContentError(display, 0, "", "not a plain file", "replace it with a text file")]
            if info.st_size > max_bytes:
                return None, [ContentError(display, 0, "", f"file of {info.st_size:,} bytes, more than {max_bytes:,}", too_big)]
            data = f.read(max_bytes + 1)  # it may grow while it is read
    except OSError as e:
        return None, [ContentError(display, 0, "", f"cannot read the file ({e.strerror})")]
    if len(data) > max_bytes:
        return None, [ContentError(display, 0, "", f"file of more than {max_bytes:,} bytes", too_big)]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as e:
        return None, [ContentError(display, 0, "", f"not UTF-8 text ({e.reason} at byte {e.start})", "save the file as UTF-8")]


def load_yaml(path: Path, display: str) -> tuple[object, list[ContentError]]:
    """Parse `path`; a syntax error comes back as a ContentError naming the file and line.

    A repeated key is an error naming both lines (the first value is kept, so nothing that
    follows from it is reported); oversized files, text and alias expansions are refused.
    """
    text, errors = read_content_file(path, display)
    if text is None:
        return None, errors
    try:
        data, duplicates = _parse(text)
        return data, [ContentError(display, second, str(key), f"duplicate key, first given at line {first}", "keep one of them")
                      for key, first, second in duplicates]
    except _Oversize as e:
        return None, [ContentError(display, e.line, "", e.message, e.hint)]
    except RecursionError:
        return None, [ContentError(display, 0, "", "nested too deeply", "check the indentation")]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        problem = e.problem or e.context or "invalid YAML"
        return None, [ContentError(display, line, "", f"YAML syntax: {problem}", _syntax_hint(problem))]
    except yaml.YAMLError as e:
        return None, [ContentError(display, 0, "", f"YAML syntax: {e}")]


def _syntax_hint(problem: str) -> str:
    if "mapping values" in problem:
        return "a value containing ': ' must be quoted"
    if "tab" in problem:
        return "indent with spaces, not tabs"
    return "check the indentation and quotes on this line and the one above"


def dump_yaml(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False, indent=2)


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that a crash leaves either the old or the new file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~umask())  # mkstemp's 0600 would hide the file from the rest of the team
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
