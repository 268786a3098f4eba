"""Loading pass for the site-wide settings: content/site.yaml (and --base-url) -> SiteSettings, and
with the templates, message catalogs and static files -> Settings, what every page depends on."""

from __future__ import annotations

import difflib
import hashlib
import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from ..content.reader import Reader, read_text_file
from ..content.yamlio import LineDict, load_yaml
from ..errors import ContentError, ContentErrors, shown
from .assets import module_graph
from .i18n import Lang, load_languages, remembered_text
from .registry import TEMPLATES
from .render import SiteInfo, load_templates, make_environment

SETTINGS = ("base_url", "title", "title_en", "contact_url")
DEFAULT_BASE_URL = "http://localhost:8000/"
DEFAULT_TITLE = "政府工作报告浏览"
BASE_URL_HINT = "write the address the site is published at, e.g. https://example.org/reports/"

# Characters no URL may hold as they are: quotes and angle brackets would end an attribute or a tag
# in the pages, the rest are refused by RFC 3986. Spaces and control characters are refused by category.
_NOT_IN_URLS = frozenset("\"'<>`\\{}|^")
_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# What may stay as it is in the path of the address; everything else (Chinese, say) is percent-encoded.
_PATH_SAFE = "/%!$&()*+,;=:@-._~"


@dataclass(frozen=True)
class SiteSettings:
    base_url: str  # absolute, printable ASCII, ending in /
    title: str
    contact_url: str = ""  # where readers report a mistake: an http(s) or mailto: link; none if empty
    title_en: str = ""  # the title English pages show; empty: the English catalog's site_title


def load_site_settings(root: Path, base_url: str | None = None) -> tuple[SiteSettings, list[ContentError]]:
    """content/site.yaml, every key optional; `base_url` (the --base-url option) takes the place of its address."""
    path = root / "site.yaml"
    display = f"{shown(root)}/site.yaml"
    data, errors = load_yaml(path, display) if path.exists() else (None, [])
    r = Reader(display)
    node = None if data is None else r.mapping(data, "", hint="write one `setting: value` per line, e.g. `title: …`")
    node = LineDict() if node is None else node  # no settings: every one takes its default
    errors += _unknown_settings(display, node)
    title = r.line(node, "title", "", required=False) or DEFAULT_TITLE
    title_en = r.line(node, "title_en", "", required=False)
    url = r.text(node, "base_url", "", required=False) or DEFAULT_BASE_URL
    address, problem = normalize_base_url(url)
    if problem:  # even under --base-url: site.yaml is content, and check must catch it before a publish
        r.error(node, "base_url", "base_url", problem, BASE_URL_HINT)
    if base_url is not None:
        address, problem = normalize_base_url(base_url)
        if problem:
            errors.append(ContentError("--base-url", 0, "", problem, BASE_URL_HINT))
    contact = r.line(node, "contact_url", "", required=False)
    if contact and (urlsplit(contact).scheme not in ("http", "https", "mailto") or any(c in _NOT_IN_URLS for c in contact)):
        r.error(node, "contact_url", "contact_url", f"{contact!r} is not an http(s) or mailto: link", "write e.g. https://github.com/owner/repo/issues")
        contact = ""
    return SiteSettings(address, title, contact, title_en), errors + r.errors


def _unknown_settings(shown: str, node: LineDict) -> list[ContentError]:
    """A key the site does not read is most likely a typo: a warning, so the setting is not lost silently."""
    out = []
    for key in node:
        if key not in SETTINGS:
            close = difflib.get_close_matches(str(key), SETTINGS, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "the settings are " + ", ".join(SETTINGS)
            out.append(ContentError(shown, node.line_of(key), str(key), "unknown setting", hint, warning=True))
    return out


def normalize_base_url(url: str) -> tuple[str, str]:
    """(the address in a form every file can hold as it is, "") or ("", why it cannot be the site's address).

    The address goes into HTML, XML, JSON, CSV and robots.txt. Refusing what no URL may hold and
    percent-encoding the rest (Chinese in the path) leaves each file's own escaping (an `&` in XML,
    say) as the only thing its writer has to do; a line break could otherwise add a line to robots.txt.
    """
    bad = next((c for c in url if c in _NOT_IN_URLS or unicodedata.category(c)[0] in "CZ"), None)
    if bad is not None:
        return "", f"{url!r} contains {bad!r}, which no URL may hold"
    if "?" in url or "#" in url:
        return "", f"{url!r} has a query or a fragment (? or #), which the address of a site cannot have"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        return "", f"{url!r} is not a valid URL ({e})"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "", f"{url!r} is not an absolute http(s) URL"
    if "@" in parts.netloc:
        return "", f"{url!r} holds a user name or password, which would be published on every page"
    host = _ascii_host(parts.hostname or "")
    if host is None:
        return "", f"{url!r} has no valid host name"
    if _BAD_PERCENT.search(parts.path):
        return "", f"{url!r} has a % that is not followed by two hex digits"
    path = quote(parts.path, safe=_PATH_SAFE)
    path += "" if path.endswith("/") else "/"
    return f"{parts.scheme.lower()}://{host}{'' if port is None else f':{port}'}{path}", ""


def _ascii_host(host: str) -> str | None:
    """The host as it is written in a URL (a Chinese domain in its xn-- form, IPv6 in brackets), or None."""
    if ":" in host:
        try:
            return f"[{ipaddress.IPv6Address(host)}]"
        except ValueError:
            return None
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return ascii_host if all(_HOST_LABEL.fullmatch(label) for label in ascii_host.split(".")) else None


@dataclass(frozen=True)
class Settings:
    """Everything site-wide that every page depends on; `key` changes when any of it does."""

    url: str
    title: str
    site: SiteInfo
    languages: tuple[Lang, ...]
    compiled: dict
    key: str
    warnings: tuple[ContentError, ...] = ()  # site.yaml's (an unknown setting): errors under --strict


# The scripts pages load by name: every page site.js, the search page search.js as well.
ENTRY_SCRIPTS = ("site.js", "search.js")


def load_settings(content: Path, templates: Path, static: Path, base_url: str | None) -> Settings:
    """site.yaml, templates, message catalogs and static files, or ContentErrors."""
    config, problems = load_site_settings(content, base_url)
    phrases = content / "zh-hant-phrases.txt"
    problems += read_text_file(phrases, f"{shown(content)}/{phrases.name}")[1]
    if any(not p.warning for p in problems):
        raise ContentErrors(problems)
    url, title = config.base_url, config.title
    compiled = load_templates(make_environment(templates), TEMPLATES)
    languages = tuple(load_languages(templates, phrases=phrases))
    site = SiteInfo(title, url, urlsplit(url).path or "/", languages, _asset_version(static) if static.exists() else "0",
                    config.contact_url, site_titles(config, languages),
                    tuple((entry, module_graph(static, entry)) for entry in ENTRY_SCRIPTS))
    key = _digest_files([content / "site.yaml", phrases, *tree_files(templates), *tree_files(static)])
    return Settings(url, title, site, languages, compiled, hashlib.sha256(f"{key}{url}".encode()).hexdigest(), tuple(problems))


def site_titles(config: SiteSettings, languages: tuple[Lang, ...]) -> tuple[tuple[str, str], ...]:
    """The site's title per language: site.yaml's title (converted for zh-Hant) and its title_en,
    or the English catalog's site_title where site.yaml gives none."""
    def title(lang: Lang) -> str:
        if lang.code == "en":
            return config.title_en or lang.messages.get("site_title", config.title)
        return lang.text(config.title)

    hant = next((lang for lang in languages if lang.code == "zh-Hant"), None)
    with remembered_text("site-title", hant):  # converted once, then from the private cache
        return tuple((lang.code, title(lang)) for lang in languages)


def tree_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _asset_version(static: Path) -> str:
    digest = hashlib.sha256()
    for path in tree_files(static):
        digest.update(path.relative_to(static).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _digest_files(paths) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()
