"""Kind pass: whether the text is a news rewrite of a report (市长…说, 日报讯) rather than the report.

A rewrite quotes the speaker in the third person and heads its passages with short headlines; it
is imported with those headlines as its parts, and labelled as not the report itself.
"""

from __future__ import annotations

import re

from ..script import HAN

# The speaker quoted in the third person, or a newspaper's dateline.
_REPORTED = re.compile(
    rf"(?:[县市区州旗盟]长|书记|主任)[{HAN}]{{2,4}}[^。！？]{{0,40}}?(?:说|表示|指出|强调)[，：]"
    rf"|(?:日报|晚报|新闻网|电视台)讯"
)
_ENOUGH = 2  # one reported sentence may be a quotation inside a report; two make an article


def is_news_rewrite(lines: list[str]) -> bool:
    """Text that reports the speaker's words more than once."""
    return sum(1 for line in lines if _REPORTED.search(line)) >= _ENOUGH
