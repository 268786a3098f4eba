"""A simulator of the content farm that garbled the reports: it reads a GBK page one byte out of
step, as a browser's decoder does (a byte pair it cannot read is one unreadable character; a lead
byte without a trail byte after it is one more), then converts what it read to Traditional and
writes pinyin after some characters. Tests build garbled fixtures with it from their own sentences."""

from __future__ import annotations

from reportsite.script import converter


def read_out_of_step(data: bytes, unreadable: str) -> str:
    """GBK bytes decoded as a browser decodes them, each unreadable character written `unreadable`
    (`?`, or "" when the farm dropped them)."""
    out, i = [], 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
        elif i + 1 < len(data) and 0x80 <= data[i + 1] <= 0xFE:
            try:
                out.append(data[i : i + 2].decode("gbk"))
            except UnicodeDecodeError:
                out.append(unreadable)
            i += 2
        elif i + 1 < len(data) and 0x40 <= data[i + 1] <= 0x7E:
            try:
                out.append(data[i : i + 2].decode("gbk"))
                i += 2
            except UnicodeDecodeError:
                out.append(unreadable)  # an ASCII trail byte the pair cannot use is read again as ASCII
                i += 1
        else:
            out.append(unreadable)
            i += 1
    return "".join(out)


def farm_copy(line: str, at: int, *, unreadable: str = "?", profile: str | None = "s2t", annotate: str = "") -> str:
    """`line` (Simplified, saved as GBK) as the farm shows it after losing the first byte of
    character `at`: a `?` for the lost byte, the rest read out of step up to the line's end,
    converted with OpenCC `profile` (None: left alone), and each character in `annotate` followed
    by its pinyin, as the farm annotated them."""
    from pypinyin import Style, pinyin

    data = (line + "\n").encode("gbk")
    cut = len(line[:at].encode("gbk"))
    text = line[:at] + "?" + read_out_of_step(data[cut + 1 :], unreadable)[:-1]
    if profile:
        text = converter(profile).convert(text)
    return "".join(c + (f"({pinyin(c, style=Style.TONE)[0][0]})" if c in annotate else "") for c in text)
