"""Peer projects: the same pages as our site, as Markdown for Hugo and MkDocs to build.

For every language our site has (zh-Hans at the root, zh-Hant under zh-hant/, en under en/; the
invented reports have no translation, so English pages show the Chinese, as ours do) and every report,
the peers get one Markdown page per page of ours: overview, full text, targets table, about,
bilingual reading, each numbered list, part, section, paragraph and target, plus the home, search
and 404 pages. Each holds the same text as our page's main column (headings, paragraphs, figures,
the key-figures and targets tables); the charts and the outcome tables are ours alone.

Hugo gets flat content files whose front matter `url` puts each at our path, and one of two layouts:
`minimal` (the page's text in a bare document: layouts/_default/single.html and list.html), or
`furnished`: the furniture every page of ours carries around its main column, made by Hugo's own
templates from each page's front matter and two data files (the reports, the interface words): the
head's description, canonical address, language alternates, Open Graph tags and JSON-LD graph
(WebPage, Report, BreadcrumbList); the header with search box, language links and the report's menu
(a cached partial per report, language and tab, as our frames are per report and language); the
print header, breadcrumbs, a paragraph's or target's share buttons and citation, the pager and the
footer. The two show what the furniture costs Hugo; the text is the same in both.

MkDocs gets docs/ laid out like our site, its default theme with `use_directory_urls: true` and a
one-entry nav, since the default nav lists every page on every page (quadratic in pages). Its search
plugin can be turned off when it dominates the build.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from reportsite.content.report import load_site_content
from reportsite.content.model import Paragraph, Report, Target
from reportsite.script import to_traditional
from reportsite.site.views import _roman, cn_numeral, shorten

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

# The furnished layout: what base.html and the page templates put around the main column, in Hugo's
# templates. Per page: front matter (lang, prefix, key, report, tab, crumbs, pager, share); per
# report and language: data/reports.json; the interface words: data/msg.json; the rest: site params.
HUGO_BASEOF = """{{- $lang := .Params.lang -}}{{- $m := site.Data.msg -}}{{- $prefix := .Params.prefix -}}
{{- $rid := .Params.report -}}{{- $r := cond (ne $rid "") (index site.Data.reports (printf "%s%s" $prefix $rid)) dict -}}
{{- $canon := printf "%s%s%s" site.BaseURL $prefix .Params.key -}}
{{- $desc := .Params.description -}}
{{- $image := cond .Params.share (printf "%scard.png" $canon) (cond (ne $rid "") (printf "%s%s%s/card.png" site.BaseURL $prefix $rid) "") -}}
<!doctype html>
<html lang="{{ $lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="{{ site.Params.csp }}">
<meta name="referrer" content="strict-origin-when-cross-origin">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="manifest" href="/{{ $prefix }}manifest.webmanifest">
<link rel="alternate" type="application/atom+xml" href="/{{ $prefix }}feed.xml" title="{{ $m.feed_title }}">
<title>{{ .Title }}</title>
<meta name="description" content="{{ $desc }}">
<link rel="canonical" href="{{ $canon }}">
{{ range site.Params.langs }}<link rel="alternate" hreflang="{{ .code }}" href="{{ site.BaseURL }}{{ .prefix }}{{ $.Params.key }}">
{{ end }}<link rel="alternate" hreflang="x-default" href="{{ site.BaseURL }}{{ .Params.key }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ $desc }}">
<meta property="og:url" content="{{ $canon }}">
<meta property="og:type" content="{{ cond (ne $rid "") "article" "website" }}">
<meta property="og:site_name" content="{{ site.Title }}">
{{ range site.Params.langs }}{{ if eq .code $lang }}<meta property="og:locale" content="{{ .locale }}">
{{ end }}{{ end }}{{ range site.Params.langs }}{{ if ne .code $lang }}<meta property="og:locale:alternate" content="{{ .locale }}">
{{ end }}{{ end }}{{ with $image }}<meta property="og:image" content="{{ . }}">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="{{ or $r.title site.Title }}">
{{ end }}<meta name="twitter:card" content="summary_large_image">
{{- $items := slice -}}
{{- range $i, $c := .Params.crumbs -}}{{ $items = $items | append (dict "@type" "ListItem" "position" (add $i 1) "name" (index $c 0) "item" (printf "%s%s%s" site.BaseURL $prefix (index $c 1))) }}{{- end -}}
{{- $graph := slice (dict "@id" $canon "@type" "WebPage" "inLanguage" $lang "name" .Params.heading "url" $canon) -}}
{{- with $r -}}{{ $graph = $graph | append (dict "@id" (printf "%s%s%s/#report" site.BaseURL $prefix $rid) "@type" "Report" "name" .title "dateCreated" .delivered "datePublished" .published "inLanguage" $lang "isAccessibleForFree" true "author" (dict "@type" "GovernmentOrganization" "name" .source) "spatialCoverage" (dict "@type" "Place" "name" .place) "url" (printf "%s%s%s/" site.BaseURL $prefix $rid)) }}{{- end -}}
{{- with $items }}{{ $graph = $graph | append (dict "@type" "BreadcrumbList" "itemListElement" .) }}{{ end }}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@graph" $graph | jsonify | safeJS }}</script>
<link rel="stylesheet" href="/static/style.css?v={{ site.Params.version }}">
<script type="module" src="/static/site.js?v={{ site.Params.version }}"></script>
{{ range site.Params.modules }}<link rel="modulepreload" href="/static/js/{{ . }}?v={{ site.Params.version }}">
{{ end }}</head>
<body data-base="/" data-lang="{{ $lang }}" data-prefix="{{ $prefix }}"{{ with $rid }} data-report="{{ . }}"{{ end }} data-msg-glossary="{{ $m.gloss_more }}">
<a class="skip" href="#main">{{ $m.skip }}</a>
<header class="site-header">
  <div class="bar">
    <a class="brand" href="/{{ $prefix }}">{{ site.Title }}</a>
    <form class="search-box" role="search" aria-label="{{ $m.search_label }}" action="/{{ $prefix }}search/" method="get">
      <label for="q-top" class="visually-hidden">{{ $m.search_label }}</label>
      <input id="q-top" name="q" type="search" placeholder="{{ $m.placeholder }}" autocomplete="off">
      {{ with $rid }}<input type="hidden" name="r" value="{{ . }}">{{ end }}
      <button type="submit">{{ $m.search }}</button>
    </form>
    <nav class="langs" aria-label="{{ $m.languages }}">
      <ul>
      {{ range site.Params.langs }}<li><a href="/{{ .prefix }}{{ $.Params.key }}" hreflang="{{ .code }}" lang="{{ .code }}" data-lang-switch{{ if eq .code $lang }} aria-current="true"{{ end }}>{{ .name }}</a></li>
      {{ end }}</ul>
    </nav>
  </div>
  {{ with $rid }}{{ partialCached "report-nav.html" (dict "rid" . "prefix" $prefix "tab" $.Params.tab "title" $r.title "m" $m) . $prefix $.Params.tab }}{{ end }}
</header>
<div class="print-head">
{{ with $r }}  <p class="print-title">{{ .title }}</p>
  <p>{{ .source }} · {{ .delivered }}</p>
  <p>{{ $m.source_link }}：{{ or .source_url $m.source_not_given }}</p>
{{ end }}  <p class="print-url">{{ $m.print_url }}：{{ $canon }}</p>
</div>
<main id="main" tabindex="-1">
{{ with .Params.crumbs }}<nav class="crumbs" aria-label="{{ $m.crumbs }}">
<ol role="list">
{{ range $i, $c := . }}{{ if lt (add $i 1) (len $.Params.crumbs) }}<li><a href="/{{ $prefix }}{{ index $c 1 }}">{{ index $c 0 }}</a></li>
{{ else }}<li aria-current="page">{{ index $c 0 }}</li>
{{ end }}{{ end }}</ol>
</nav>
{{ end }}{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<p>{{ $m.footer }} {{ with $rid }}<a href="/{{ $prefix }}{{ . }}/about/">{{ $m.about }}</a>{{ end }}</p>
<p><a href="mailto:corrections@reports.example.org" rel="external">{{ $m.report_error }}</a></p>
</footer>
<div id="live-region" class="visually-hidden" role="status" aria-live="polite" data-msg-copy-failed="{{ $m.copy_failed }}"></div>
</body>
</html>
"""

HUGO_FURNISHED_SINGLE = """{{ define "main" }}{{- $m := site.Data.msg -}}
<div class="prose">
{{ .Content }}
{{ if .Params.share }}{{ $url := printf "%s%s%s" site.BaseURL .Params.prefix .Params.key }}{{ $r := index site.Data.reports (printf "%s%s" .Params.prefix .Params.report) }}
<div class="share" data-share data-copied-label="{{ $m.copied }}" hidden>
<button type="button" data-copy="{{ $url }}" aria-label="{{ $m.copy_link }}: {{ .Params.heading }}">{{ $m.copy_link }}</button>
<button type="button" data-copy="{{ $r.source }}《{{ $r.title }}》（{{ $r.delivered }}），{{ .Params.heading }}。{{ site.Title }}，{{ $url }}" data-accessed="，{date}访问。" aria-label="{{ $m.copy_citation }}: {{ .Params.heading }}">{{ $m.copy_citation }}</button>
</div>
<p class="context-link"><a href="/{{ .Params.prefix }}{{ .Params.report }}/text/">{{ $m.in_text }}</a></p>
{{ end }}</div>
{{ with .Params.pager }}<nav class="pager" aria-label="{{ $m.pager }}">
{{ range . }}<a class="pager-{{ index . 0 }}" rel="{{ index . 0 }}" href="/{{ $.Params.prefix }}{{ index . 1 }}"><span class="pager-dir">{{ index $m (index . 0) }}</span> {{ index . 2 }}<span class="pager-detail">{{ index . 3 }}</span></a>
{{ end }}</nav>
{{ end }}{{ end }}
"""

HUGO_REPORT_NAV = """<nav class="report-nav" aria-label="{{ .title }}">
  <details class="menu" data-menu>
    <summary>{{ .m.menu }}</summary>
    <ul>
    {{ range site.Params.tabs }}<li><a href="/{{ $.prefix }}{{ $.rid }}/{{ index . 1 }}"{{ if eq (index . 0) $.tab }} aria-current="page"{{ end }}>{{ index . 2 }}</a></li>
    {{ end }}</ul>
  </details>
</nav>
"""

# The interface words the furnished layout prints (the Chinese ones on every language's pages: the
# peer measures bytes and work, not translation).
HUGO_MESSAGES = {
    "feed_title": "报告订阅（Atom）", "gloss_more": "在术语表中查看", "skip": "跳到正文", "search_label": "搜索报告",
    "placeholder": "输入关键词", "search": "搜索", "languages": "语言", "menu": "菜单", "source_link": "官方原文",
    "source_not_given": "未提供：本站据以整理的网页没有记录官方原文的网址。", "print_url": "网址", "crumbs": "位置",
    "footer": "本站内容整理自官方发布的报告文本，如有出入，以官方文本为准。", "about": "关于本站",
    "report_error": "发现错误？请告知我们", "copy_failed": "浏览器不允许复制，请自行复制下面的文字：", "copied": "已复制",
    "copy_link": "复制链接", "copy_citation": "复制引用", "in_text": "在全文中查看", "pager": "上一页与下一页",
    "prev": "上一页", "next": "下一页",
}

HUGO_PARAMS = {
    "csp": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
           "object-src 'none'; base-uri 'none'; form-action 'self'",
    "version": "518e6d3cfe",
    "modules": ["archive-filter.js", "contents.js", "copy.js", "gloss.js", "language-switch.js", "redirect.js",
                "targets-filter.js", "filter.js", "announce.js"],
    "langs": [{"code": code, "prefix": prefix, "name": name, "locale": locale}
              for (prefix, code), name, locale in zip(LANGUAGES, ("简体中文", "繁體中文", "English"), ("zh_CN", "zh_TW", "en_US"))],
    "tabs": [["overview", "", "概览"], ["text", "text/", "全文"], ["targets", "targets/", "目标与数据"],
             ["bilingual", "bilingual/", "中英对照"], ["about", "about/", "关于本站"]],
}


@dataclass(frozen=True)
class PeerPage:
    path: str  # our output path's folder key: "", "404.html", "zh-hant/liuxi-2019/p/s1-1-p1/"
    title: str
    lang: str
    body: str  # Markdown
    report: str = ""  # the report's id, for the furnished layout's report furniture
    tab: str = ""  # which entry of the report's menu the page is under
    crumbs: tuple = ()  # (name, path under the language's prefix) from the report down
    heading: str = ""
    pager: tuple = ()  # (("prev" or "next", path, title, snippet), ...)
    share: bool = False  # a paragraph's or target's page: share buttons and citation


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

    tabs = {"": "overview", "text/": "text", "targets/": "targets", "about/": "about", "bilingual/": "bilingual"}
    tab_names = dict(zip(tabs.values(), ("概览", "全文", "目标与数据", "关于本站", "中英对照")))

    def page(key: str, heading: str, body: str, tab: str = "text", via: tuple = (), pager: tuple = (), share: bool = False) -> PeerPage:
        tab = tabs.get(key, tab)
        crumbs = ((title, f"{rid}/"),) + (((tab_names[tab], f"{rid}/{'' if tab == 'overview' else tab + '/'}"),) if key else ())
        crumbs += via + (((heading, f"{rid}/{key}"),) if key and key not in tabs else ())
        return PeerPage(f"{prefix}{rid}/{key}", f"{heading} · {title}" if key else title, code, f"# {heading}\n\n{body}\n",
                        rid, tab, crumbs, heading, pager, share)

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
        part_heading = f"{tx.part_label(part.number)}{tx(part.title)}"
        pages.append(page(f"{part.id}/", part_heading, part_md(part, 2).split("\n\n", 1)[-1]))
        for s in part.sections:
            pages.append(page(f"{s.id}/", f"{tx.section_label(s.number)}{tx(s.title)}", paras(s.paragraphs), via=((part_heading, f"{rid}/{part.id}/"),)))
    ordered = report.all_paragraphs()
    for i, p in enumerate(ordered):
        listed = "\n".join(f"- {tx(t.indicator)} {_figure(t, tx)} ({t.kind})" for t in targets_of.get(p.id, []))
        pager = tuple((side, f"{rid}/p/{q.id}/", f"第{number[q.id]}段", tx(q.text[:24]) + "…")
                      for side, j in (("prev", i - 1), ("next", i + 1)) if 0 <= j < len(ordered) for q in (ordered[j],))
        pages.append(page(f"p/{p.id}/", f"第{number[p.id]}段", paras([p]) + (f"\n\n## 本段目标\n\n{listed}" if listed else ""),
                          pager=pager, share=True))
    for t in report.targets:
        facts = f"- 类别：{t.kind}\n- 年份：{t.year or ''}\n- 状态：{t.status}\n- 出处：{t.paragraph}"
        pages.append(page(f"p/{t.id}/", f"{tx(t.indicator)} {_figure(t, tx)}", f"{facts}\n\n> {tx(t.text)}", tab="targets", share=True))
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


def report_data(content: Path) -> dict[str, dict]:
    """What the furnished layout shows of each report, by language prefix and id."""
    reports, _ = load_site_content(content)
    return {f"{prefix}{r.id}": {"title": tx(r.meta.title), "source": tx(r.meta.source), "delivered": r.meta.delivered,
                                "published": r.meta.published, "source_url": r.meta.source_url, "place": tx(r.meta.place)}
            for prefix, code in LANGUAGES for tx in (_Text(code),) for r in reports}


def write_hugo(pages: list[PeerPage], folder: Path, layout: str = "minimal", reports: dict | None = None) -> None:
    """A Hugo project of `pages`, with the `minimal` or the `furnished` layout (which needs `reports`,
    from report_data)."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "content" / "pages").mkdir(parents=True)
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (folder / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    if layout == "furnished":
        (folder / "layouts" / "partials").mkdir()
        (folder / "data").mkdir()
        (layouts / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
        (layouts / "single.html").write_text(HUGO_FURNISHED_SINGLE, encoding="utf-8")
        (folder / "layouts" / "partials" / "report-nav.html").write_text(HUGO_REPORT_NAV, encoding="utf-8")
        (folder / "data" / "reports.json").write_text(json.dumps(reports or {}, ensure_ascii=False), encoding="utf-8")
        (folder / "data" / "msg.json").write_text(json.dumps(HUGO_MESSAGES, ensure_ascii=False), encoding="utf-8")
        (folder / "config.toml").write_text(HUGO_CONFIG + _toml_params(HUGO_PARAMS), encoding="utf-8")
    else:
        (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    for i, page in enumerate(pages):
        front = {"title": page.title, "url": "/" + page.path, "lang": page.lang}
        if layout == "furnished":
            prefix = next(p for p, code in LANGUAGES if code == page.lang)
            front |= {"prefix": prefix, "key": page.path[len(prefix):], "report": page.report, "tab": page.tab,
                      "crumbs": [list(c) for c in page.crumbs], "heading": page.heading or page.title,
                      "pager": [list(x) for x in page.pager], "share": page.share}
            # Given, as ours is made before rendering: Hugo's .Summary would cost it a quarter more.
            front["description"] = _description(page.body)
        # JSON front matter: Hugo reads a page that starts with "{" as JSON.
        (folder / "content" / "pages" / f"{i:06d}.md").write_text(json.dumps(front, ensure_ascii=False) + "\n" + page.body, encoding="utf-8")


def _description(body: str) -> str:
    """The page's text after its heading, without Markdown's marks, shortened as our descriptions are."""
    return shorten(" ".join(line.lstrip("#>-|1234567890.\\ ").replace("**", "") for line in body.split("\n")[1:] if line.strip()))


def _toml_params(params: dict) -> str:
    """Site params as TOML (JSON's strings, arrays and inline tables are TOML's too)."""
    lines = ["[params]"]
    for key, value in params.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key} = [" + ", ".join("{" + ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in item.items()) + "}" for item in value) + "]")
        else:
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


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
