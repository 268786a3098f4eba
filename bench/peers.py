"""Peer projects: the same pages as our site, as Markdown for Hugo and MkDocs to build.

For every language our site has (zh-Hans at the root, zh-Hant under zh-hant/, en under en/; the
invented reports have no translation, so English pages show the Chinese, as ours do) and every report,
the peers get one Markdown page per page of ours: overview, full text, targets table, about,
bilingual reading, each numbered list, part, section, paragraph and target, plus the home, search
and 404 pages. Each holds the same text as our page's main column (headings, paragraphs, figures,
the key-figures and targets tables); navigation, share buttons, the chart and JSON-LD are ours alone.

Hugo gets flat content files whose front matter `url` puts each at our path, and a minimal layout
(layouts/_default/single.html and list.html). MkDocs gets docs/ laid out like our site, its default
theme with `use_directory_urls: true` and a one-entry nav, since the default nav lists every page on
every page (quadratic in pages). Its search plugin can be turned off when it dominates the build.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from reportsite.content.report import load_site_content
from reportsite.content.model import Paragraph, Report, Target
from reportsite.script import to_traditional
from reportsite.site.views import _roman, cn_numeral

LANGUAGES = (("", "zh-Hans"), ("zh-hant/", "zh-Hant"), ("en/", "en"))

HUGO_CONFIG = """baseURL = "https://reports.example.org/"
title = "政府工作报告浏览"
disableKinds = ["home", "section", "taxonomy", "term", "RSS", "404"]
[markup.goldmark.renderer]
unsafe = false
"""

HUGO_SINGLE = """<!doctype html>
<html lang="{{ .Params.lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>{{ .Content }}</main></body></html>
"""

HUGO_LIST = """<!doctype html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>
"""


@dataclass(frozen=True)
class PeerPage:
    path: str  # our output path's folder key: "", "404.html", "zh-hant/liuxi-2019/p/s1-1-p1/"
    title: str
    lang: str
    body: str  # Markdown


class _Text:
    """Report text as one language shows it without a translation."""

    def __init__(self, code: str):
        self.code = code

    def __call__(self, zh: str) -> str:
        return to_traditional(zh) if self.code == "zh-Hant" else zh

    def part_label(self, n: int) -> str:
        return f"{_roman(n)}. " if self.code == "en" else f"{cn_numeral(n)}、"

    def section_label(self, n: int) -> str:
        return f"{n}. " if self.code == "en" else self(f"（{cn_numeral(n)}）")


def _figure(t: Target, tx: _Text) -> str:
    value = "" if t.value is None else f"{t.value:g}{tx(t.unit)}"
    growth = "" if t.growth is None else f"{'' if t.growth < 0 else '+'}{t.growth:g}%"
    return " ".join(x for x in (value + tx(t.qualifier), f"({growth})" if value and growth else growth) if x)


def _paragraph(p: Paragraph, tx: _Text, n: int) -> str:
    runs = []
    for b in p.blocks:
        # Emphasis closes only before punctuation in CJK text (CommonMark flanking), so 。 goes after **.
        core = b.lead.rstrip("。；：，")
        lead = f"**{tx(core)}**{b.lead[len(core):]}" if core else b.lead
        runs.append(f"{tx(b.marker)}{lead}{tx(b.text)}")
    return f"{n}\\. " + "\n\n".join(runs)


def report_pages(report: Report, prefix: str, code: str) -> list[PeerPage]:
    tx = _Text(code)
    rid, m = report.id, report.meta
    title = tx(m.title)
    number = {p.id: i for i, p in enumerate(report.all_paragraphs(), start=1)}
    targets_of: dict[str, list[Target]] = {}
    for t in report.targets:
        targets_of.setdefault(t.paragraph, []).append(t)
    by_id = {t.id: t for t in report.targets}

    def page(key: str, heading: str, body: str) -> PeerPage:
        return PeerPage(f"{prefix}{rid}/{key}", f"{heading} · {title}" if key else title, code, f"# {heading}\n\n{body}\n")

    def paras(items) -> str:
        return "\n\n".join(_paragraph(p, tx, number[p.id]) for p in items)

    def section_md(s, level: int) -> str:
        return f"{'#' * level} {tx.section_label(s.number)}{tx(s.title)}\n\n{paras(s.paragraphs)}"

    def part_md(part, level: int) -> str:
        inner = [paras(part.intro)] + [section_md(s, level + 1) for s in part.sections] + [paras(part.outro)]
        return f"{'#' * level} {tx.part_label(part.number)}{tx(part.title)}\n\n" + "\n\n".join(x for x in inner if x)

    toc = "\n".join(f"1. {tx.part_label(p.number)}{tx(p.title)}\n" + "".join(f"    1. {tx.section_label(s.number)}{tx(s.title)}\n" for s in p.sections)
                    for p in report.parts)
    meta = "\n".join(f"- {x}" for x in (tx(m.occasion), m.delivered, m.published.replace("T", " "), tx(m.source)) if x)
    indicators = [t for t in report.targets if t.kind == "indicator"]
    key_figures = "| 指标 | 上年结果 | 今年目标 |\n|---|---|---|\n" + "".join(
        f"| {tx(t.indicator)} | {_figure(by_id[t.baseline], tx) if t.baseline in by_id else ''} | {_figure(t, tx)} |\n" for t in indicators)
    targets_table = "| 指标 | 数值 | 类别 | 年份 | 状态 |\n|---|---|---|---|---|\n" + "".join(
        f"| {tx(t.indicator)} | {_figure(t, tx)} | {t.kind} | {t.year or ''} | {t.status} |\n" for t in report.targets)
    full = [tx(m.heading), f"——{tx(m.occasion)}", tx(m.salutation), paras(report.opening),
            *(part_md(p, 2) for p in report.parts), paras(report.closing)]
    pages = [
        page("", title, f"{meta}\n\n## 主要指标\n\n{key_figures}\n## 目录\n\n{toc}"),
        page("text/", title, "\n\n".join(x for x in full if x)),
        page("targets/", "目标", targets_table),
        page("about/", "关于", f"{meta}\n\n本站文本由抓取的网页恢复而来。"),
        page("bilingual/", "对照阅读", "\n\n".join(f"{paras([p])}\n\n{paras([p])}" for p in report.all_paragraphs())),
    ]
    for lst in report.lists:
        items = "\n".join(f"1. {tx(by_id[i].indicator)} ({by_id[i].status})" for i in lst.items if i in by_id)
        pages.append(page(f"lists/{lst.id}/", tx(lst.title), items))
    for part in report.parts:
        pages.append(page(f"{part.id}/", f"{tx.part_label(part.number)}{tx(part.title)}", part_md(part, 2).split("\n\n", 1)[-1]))
        for s in part.sections:
            pages.append(page(f"{s.id}/", f"{tx.section_label(s.number)}{tx(s.title)}", paras(s.paragraphs)))
    for p in report.all_paragraphs():
        listed = "\n".join(f"- {tx(t.indicator)} {_figure(t, tx)} ({t.kind})" for t in targets_of.get(p.id, []))
        pages.append(page(f"p/{p.id}/", f"第{number[p.id]}段", paras([p]) + (f"\n\n## 本段目标\n\n{listed}" if listed else "")))
    for t in report.targets:
        facts = f"- 类别：{t.kind}\n- 年份：{t.year or ''}\n- 状态：{t.status}\n- 出处：{t.paragraph}"
        pages.append(page(f"p/{t.id}/", f"{tx(t.indicator)} {_figure(t, tx)}", f"{facts}\n\n> {tx(t.text)}"))
    return pages


def peer_pages(content: Path) -> list[PeerPage]:
    """Every page of the site built from `content`, in every language, as Markdown."""
    reports, errors = load_site_content(content)
    if any(not e.warning for e in errors):
        raise ValueError("content has errors:\n" + "\n".join(map(str, errors)))
    pages = []
    for prefix, code in LANGUAGES:
        tx = _Text(code)
        for report in reports:
            pages += report_pages(report, prefix, code)
        listing = "\n".join(f"- {tx(r.meta.title)} {tx(r.meta.occasion)}" for r in reports)
        pages += [PeerPage(prefix, "政府工作报告浏览", code, f"# 政府工作报告浏览\n\n## 报告\n\n{listing}\n"),
                  PeerPage(f"{prefix}search/", "搜索", code, "# 搜索\n\n输入任意字词，查找包含它的段落。\n"),
                  PeerPage(f"{prefix}404.html", "找不到页面", code, "# 找不到页面\n\n这个地址没有页面。\n")]
    return pages


def write_hugo(pages: list[PeerPage], folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "content" / "pages").mkdir(parents=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (folder / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (folder / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    for i, page in enumerate(pages):
        front = f"---\ntitle: {json.dumps(page.title, ensure_ascii=False)}\nurl: {json.dumps('/' + page.path)}\nlang: {page.lang}\n---\n"
        (folder / "content" / "pages" / f"{i:06d}.md").write_text(front + page.body, encoding="utf-8")


def write_mkdocs(pages: list[PeerPage], folder: Path, search: bool) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    docs = folder / "docs"
    docs.mkdir(parents=True)
    config = {
        "site_name": "政府工作报告浏览", "site_url": "https://reports.example.org/", "use_directory_urls": True,
        "theme": {"name": "mkdocs"}, "nav": [{"政府工作报告浏览": "index.md"}],
        "plugins": ["search"] if search else [],
        "validation": {"nav": {"omitted_files": "ignore", "not_found": "warn"}, "links": {"not_found": "ignore"}},
    }
    (folder / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    for page in pages:
        if page.path == "404.html":
            continue  # the theme writes the site's 404.html itself
        # MkDocs makes one 404.html; the other languages' 404 pages land at zh-hant/404/ and en/404/.
        folder_key = page.path.removesuffix(".html") + "/" if page.path.endswith(".html") else page.path
        path = docs / (folder_key + "index.md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {json.dumps(page.title, ensure_ascii=False)}\n---\n{page.body}", encoding="utf-8")
