"""Cleaning pass: the furniture of the pages reports are scraped from (a scraper's metadata header,
a portal's header with its summary, a footer of links and tags), taken out and read as metadata.

What each page looks like is data (furniture.yaml); this pass only applies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..content.yamlio import load_package_yaml

_DATE = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?(?:\s*(\d{1,2})[:：](\d{2}))?")


@dataclass(frozen=True)
class Furniture:
    meta: dict = field(default_factory=dict)  # title, office, published, speaker, source_url, source
    lines: tuple[str, ...] = ()  # the report's own lines
    dropped: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def furniture_shapes() -> dict:
    return load_package_yaml(Path(__file__).with_name("furniture.yaml"))


def _key_value(line: str) -> tuple[str, str] | None:
    key, sep, value = line.partition("：")
    if not sep:
        key, sep, value = line.partition(":")
    return (key.strip(), value.strip()) if sep and len(key.strip()) <= 8 else None


def _iso_date(text: str) -> str:
    m = _DATE.search(text)
    if not m:
        return ""
    y, mo, d, h, mi = m.groups()
    date = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    return f"{date}T{int(h):02d}:{mi}" if h else date


def _value(name: str, value: str) -> str:
    """A field's value as metadata; a date field that holds no date (发文时间：未知) is no value."""
    return _iso_date(value) if name == "published" else value


def read_scraper_header(lines: list[str]) -> Furniture:
    """`标题：… 发文单位：… 发文时间：… 报告人：… 来源URL：… 正文：` above the text -> metadata."""
    shape = furniture_shapes()["scraper_header"]
    meta: dict = {}
    for i, line in enumerate(lines[:12]):
        kv = _key_value(line)
        if kv is None:
            return Furniture({}, tuple(lines))
        key, value = kv
        if key == shape["body"]:
            rest = ([value] if value else []) + lines[i + 1 :]
            return Furniture(meta, tuple(rest), tuple(lines[: i + 1]))
        if key not in shape["fields"]:
            return Furniture({}, tuple(lines))
        if value := _value(shape["fields"][key], value):
            meta[shape["fields"][key]] = value
    return Furniture({}, tuple(lines))


def _header_fields(line: str, shape: dict) -> dict:
    """`时间：2023-03-30 作者：中国县域 来源：政府官网 阅读：` -> {published, source}."""
    names = "|".join(map(re.escape, [*shape["fields"], *shape["dropped_fields"]]))
    meta = {}
    # The spaces between the fields may be gone (作者：中国县域来源：政府官网): a value ends at the next field.
    for m in re.finditer(rf"({names})[：:]\s*([^\s：:]*?)(?=\s|$|(?:{names})[：:])", line):
        if m.group(1) in shape["fields"] and (value := _value(shape["fields"][m.group(1)], m.group(2))):
            meta[shape["fields"][m.group(1)]] = value
    return meta


def strip_portal_header(lines: list[str]) -> Furniture:
    """The portal's header and summary go; its page title stays as the report's first line."""
    shape = furniture_shapes()["portal_header"]
    marker = re.compile(rf"^{shape['summary']}[：:]")
    at = next((i for i, line in enumerate(lines[:20]) if marker.match(line)), None)
    if at is None:
        return Furniture({}, tuple(lines))
    end = at + 1
    while end < len(lines) and end <= at + 3 and not lines[end - 1].endswith(tuple(shape["summary_end"])):
        end += 1
    meta: dict = {}
    for line in lines[:at]:
        meta.update(_header_fields(line, shape))
    title = next((line for line in lines[:at] if "工作报告" in line and "：" not in line and len(line) > 6), "")
    kept = ([title] if title else []) + lines[end:]
    return Furniture(meta, tuple(kept), tuple(line for line in lines[:end] if line != title))


def strip_footer(lines: list[str]) -> Furniture:
    """From the first line that opens the page's footer on, and a mirror's signature, nothing is the report."""
    shapes = furniture_shapes()
    starts = tuple(shapes["footer_starts"])
    end = next((i for i, line in enumerate(lines) if line.startswith(starts)), len(lines))
    kept, dropped = list(lines[:end]), list(lines[end:])
    signatures = tuple(shapes["trailing_signatures"])
    for i, line in enumerate(kept):
        for signature in signatures:
            if line.endswith(signature):
                kept[i] = line[: -len(signature)].rstrip()
                dropped.append(signature)
    return Furniture({}, tuple(line for line in kept if line), tuple(dropped))


def strip_furniture(lines: list[str]) -> Furniture:
    """The three in order: the scraper's header, the portal's header, the footer."""
    scraped = read_scraper_header(lines)
    portal = strip_portal_header(list(scraped.lines))
    footer = strip_footer(list(portal.lines))
    # The scraper's fields were read from the source it names; the portal's page describes itself.
    return Furniture({**portal.meta, **scraped.meta}, footer.lines, scraped.dropped + portal.dropped + footer.dropped)
