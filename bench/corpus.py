"""Benchmark corpus: N report-shaped raw seeds made from the one real report.

The seeds are clean Simplified text written from the imported report under
content/reports/jiangxian-2022/ (its YAML), not from the scraped Traditional-with-pinyin seed: that one
imports only with its reviewed corrections (seeds/…corrections.yaml), while clean text needs none and still goes
through the importer's whole parser (page chrome and metadata, parts, sections, inline headings, lead
sentences, enumerations, targets). Each seed differs from the real report in:

- its place (an invented county, two syllables + 县) and so its id, e.g. liuxi-2019;
- its year: every year in the text moves by the same offset (2021年 -> 2018年 in a 2019 report);
- its figures: every other number is scaled by a factor drawn for the report, with a little jitter
  per number, keeping its decimal places (dates, ordinals, codes such as G241 and the count of an
  announced list, 10件民生实事, are left alone);
- the order of paragraphs inside each section (headings, part intros and outros, an inline
  heading's own paragraph and 一要…二要… runs stay in place).

The same seed number always gives the same files. Run `python bench/corpus.py 10 /tmp/seeds` to look.

With `--examples`, the corpus is the example archive instead (examples/content: 27 real reports of five
places), replicated to N: the first copy is the archive itself, each further copy renames every place
(清苑 -> an invented name, 易县 -> an invented 县) and moves its years back by the copy's number, so that
each invented place has as many reports over as many years as the real one it copies and the archive
groups as a real one would. The copies are made from the imported YAML (the text names the place in ways
only the gazetteer knows, 和谐清苑, which an invented name is not in); the raw files are renamed the same
way for the benchmark's import measure.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportsite.content.report import load_report  # noqa: E402
from reportsite.content.model import Paragraph, Report, Section  # noqa: E402
from reportsite.site.views import cn_numeral  # noqa: E402

SOURCE = ROOT / "content" / "reports" / "jiangxian-2022"
SOURCE_PLACE, SOURCE_YEAR = "绛县", 2022
EXAMPLES = ROOT / "examples"
# How each example place names itself in its text (清苑县, 清苑区, 和谐清苑 all hold 清苑); a one-character
# name keeps its suffix (易县), since 易 alone is in 容易 and 贸易.
EXAMPLE_NAMES = {"baoding": "保定", "gaoyang": "高阳", "qingyuan": "清苑", "rongcheng": "容城", "yixian": "易县"}
_EXAMPLE_YEAR = re.compile(r"(?<![0-9.])((?:19[5-9]|20[0-4])[0-9])(?=年|-[01][0-9]-|$)", re.M)

# Syllables for invented county names; every ordered pair of two different ones is a name.
SYLLABLES = [
    ("柳", "liu"), ("溪", "xi"), ("安", "an"), ("平", "ping"), ("青", "qing"), ("云", "yun"), ("石", "shi"),
    ("河", "he"), ("林", "lin"), ("桥", "qiao"), ("宁", "ning"), ("泉", "quan"), ("丰", "feng"), ("华", "hua"),
    ("阳", "yang"), ("沙", "sha"), ("松", "song"), ("梅", "mei"), ("桑", "sang"), ("榆", "yu"), ("凤", "feng"),
    ("鹤", "he"), ("枫", "feng"), ("兰", "lan"),
]
MAX_REPORTS = len(SYLLABLES) * (len(SYLLABLES) - 1)

# A number standing alone: not part of a code (G241, 5G, PM2.5) and not a longer number.
_NUMBER = re.compile(r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)(?![A-Za-z0-9]|\.\d)")
_ITEM_START = re.compile(r"^[一二三四五六七八九十]{1,3}[是要]")


@dataclass(frozen=True)
class Variant:
    """What makes one seed differ from the real report."""

    report_id: str
    place: str
    short: str  # the place's first syllable, which stands for it in names (绛北大峡谷 -> 柳北大峡谷)
    year: int
    factor: float
    key: str  # seeds the per-number jitter and the shuffles, so a seed's text is the same every time


def variants(n: int, seed: int = 0) -> list[Variant]:
    if n > MAX_REPORTS:
        raise ValueError(f"at most {MAX_REPORTS} distinct places; asked for {n}")
    pairs = [(a, b) for a in SYLLABLES for b in SYLLABLES if a != b]
    random.Random(seed).shuffle(pairs)
    out, slugs = [], set()
    for (h1, p1), (h2, p2) in pairs:
        if len(out) == n:
            break
        rng = random.Random(f"{seed}:{h1}{h2}")
        year = rng.randint(2012, 2024)
        rid = f"{p1}{p2}-{year}"
        if f"{p1}{p2}" in slugs:
            continue  # e.g. 丰 and 凤 are both feng: two places would share one place page
        slugs.add(f"{p1}{p2}")
        out.append(Variant(rid, f"{h1}{h2}县", h1, year, rng.uniform(0.5, 2.0), f"{seed}:{rid}"))
    return out


def _rename(text: str, v: Variant) -> str:
    return text.replace(SOURCE_PLACE, v.place).replace(SOURCE_PLACE[0], v.short)


def _change_numbers(text: str, v: Variant, rng: random.Random) -> str:
    shift = v.year - SOURCE_YEAR

    def one(m: re.Match) -> str:
        digits = m.group(1)
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if "." not in digits and len(digits) == 4 and 1949 <= int(digits) <= 2050 and (after in "年—－-" or before in "—－-"):
            return str(int(digits) + shift)
        if after in "月日时点:：件" or before in "第月":
            return digits  # dates, times, ranks, and counts that announce a list (办好10件民生实事：一是…十是…)
        value = float(digits) * v.factor * rng.uniform(0.9, 1.1)
        if "." in digits:
            return f"{value:.{len(digits.split('.')[1])}f}"
        return str(max(1, round(value)))

    return _NUMBER.sub(one, text)


def _shuffled(section: Section, rng: random.Random) -> list[Paragraph]:
    """The section's paragraphs with the movable ones shuffled among their own slots."""
    paragraphs = list(section.paragraphs)
    fixed = {0} if section.heading_style == "inline" else set()
    fixed |= {i for i, p in enumerate(paragraphs) if _ITEM_START.match(p.text)}
    slots = [i for i in range(len(paragraphs)) if i not in fixed]
    moved = [paragraphs[i] for i in slots]
    rng.shuffle(moved)
    for i, p in zip(slots, moved):
        paragraphs[i] = p
    return paragraphs


def seed_text(report: Report, v: Variant) -> str:
    """The raw page of one invented report, as a government site would serve it as text."""
    rng = random.Random(v.key)

    def text(zh: str) -> str:
        return _change_numbers(_rename(zh, v), v, rng)

    m = report.meta
    occasion = text(m.occasion)
    published = f"{v.year}-{m.published[5:16].replace('T', ' ')}" if m.published else f"{v.year}-02-25 08:34"
    lines = [
        "首页 > 政府信息公开 > 法定主动公开内容 > 政府工作报告",
        f"{v.year}年{v.place}政府工作报告",
        f"发布日期：{published} 来源：{v.place}人民政府 【字体：大 中 小】 打印本页",
        m.heading or "政府工作报告",
        f"——{occasion}",
        m.salutation or "各位代表：",
    ]
    lines += [text(p.text) for p in report.opening]
    for part in report.parts:
        lines.append(f"{cn_numeral(part.number)}、{text(part.title)}")
        lines += [text(p.text) for p in part.intro]
        for s in part.sections:
            paragraphs = [text(p.text) for p in _shuffled(s, rng)]
            heading = f"（{cn_numeral(s.number)}）{text(s.title)}"
            if s.heading_style == "inline" and paragraphs:
                lines.append(f"{heading}。{paragraphs.pop(0)}")
            else:
                lines.append(heading)
            lines += paragraphs
        lines += [text(p.text) for p in part.outro]
    lines += [text(p.text) for p in report.closing]
    lines += ["上一篇：关于印发工作要点的通知", f"版权所有：{v.place}人民政府办公室"]
    return "\n".join(lines) + "\n"


def load_source(folder: Path = SOURCE) -> Report:
    report, errors = load_report(folder, f"content/reports/{folder.name}")
    if report is None or any(not e.warning for e in errors):
        raise SystemExit("cannot read the source report:\n" + "\n".join(map(str, errors)))
    return report


def write_corpus(n: int, folder: Path, seed: int = 0, source: Path = SOURCE) -> list[tuple[str, Path]]:
    """Write n seeds into `folder` as UTF-8 text; returns (report id, path) for each, in order."""
    report = load_source(source)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for v in variants(n, seed):
        path = folder / f"{v.report_id}-work-report.txt"
        path.write_text(seed_text(report, v), encoding="utf-8")
        written.append((v.report_id, path))
    return written


@dataclass(frozen=True)
class Copy:
    """One report of the replicated example archive: which real one it copies, under what name."""

    source: str  # the example report's id, e.g. qingyuan-2020
    report_id: str
    names: tuple[tuple[str, str], ...]  # (what the text calls the place, what the copy calls it)
    shift: int  # years added to every year of the text


def example_copies(n: int, seed: int = 0) -> list[Copy]:
    """The first n reports of the example archive replicated: the archive, then copy after copy."""
    sources = sorted(p.name for p in (EXAMPLES / "content" / "reports").iterdir() if (p / "report.yaml").exists())
    pairs = [(a, b) for a in SYLLABLES for b in SYLLABLES if a != b]
    random.Random(seed).shuffle(pairs)
    invented, slugs = [], set()
    for (h1, p1), (h2, p2) in pairs:
        if f"{p1}{p2}" not in slugs:  # 丰 and 凤 are both feng: two places would share one place page
            slugs.add(f"{p1}{p2}")
            invented.append(((h1, p1), (h2, p2)))
    names: dict[tuple[str, int], tuple[str, str]] = {}
    out, ids = [], set()
    for i in range(n):
        copy, source = divmod(i, len(sources))
        source_id = sources[source]
        place, year = source_id.rsplit("-", 1)
        if copy == 0:
            out.append(Copy(source_id, source_id, (), 0))
            continue
        if (place, copy) not in names:
            (h1, p1), (h2, p2) = invented[len(names)]
            names[place, copy] = (f"{h1}{h2}", f"{p1}{p2}")
        name, slug = names[place, copy]
        old = EXAMPLE_NAMES[place]
        new = name + old[2:] if len(old) > 2 else name + ("县" if old.endswith("县") else "")
        rid = f"{slug}-{int(year) - copy}"
        if rid in ids:
            raise ValueError(f"two copies named {rid}")
        ids.add(rid)
        out.append(Copy(source_id, rid, ((old, new),), -copy))
    return out


def _copy_text(text: str, c: Copy) -> str:
    for old, new in c.names:
        text = text.replace(old, new)
    return _EXAMPLE_YEAR.sub(lambda m: str(int(m.group(1)) + c.shift), text) if c.shift else text


def write_example_corpus(n: int, seeds: Path, content: Path, seed: int = 0) -> list[tuple[str, Path]]:
    """Write the example archive replicated to n reports: each copy's folder under content/reports/
    (the YAML of the example it copies, renamed and moved in time) and its raw file under `seeds`
    (renamed the same way, to be imported for the import measure); returns (report id, raw file)."""
    seeds.mkdir(parents=True, exist_ok=True)
    written = []
    for c in example_copies(n, seed):
        source = EXAMPLES / "content" / "reports" / c.source
        folder = content / "reports" / c.report_id
        for path in sorted(source.rglob("*")):
            if path.is_file():
                target = folder / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                text = _copy_text(path.read_text(encoding="utf-8"), c)
                if path.name == "report.yaml":
                    text = re.sub(r"^id: .*$", f"id: {c.report_id}", text, count=1, flags=re.M)
                target.write_text(text, encoding="utf-8", newline="")
        raw = seeds / f"{c.report_id}.txt"
        raw.write_bytes(_copy_text((EXAMPLES / "raw" / f"{c.source}.txt").read_bytes().decode("utf-8"), c).encode("utf-8"))
        written.append((c.report_id, raw))
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="how many seeds")
    parser.add_argument("folder", type=Path, help="where to write them")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--examples", action="store_true", help="replicate the example archive: raw files in FOLDER/seeds, content in FOLDER/content")
    args = parser.parse_args(argv)
    made = (write_example_corpus(args.n, args.folder / "seeds", args.folder / "content", args.seed) if args.examples
            else write_corpus(args.n, args.folder, args.seed))
    for rid, path in made:
        print(f"{rid}\t{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
