"""Static files as served: relative imports of script modules carry the site's asset version."""

from __future__ import annotations

import re
import time

from reportsite.site.assets import static_file, versioned_imports


def test_every_relative_import_gets_the_version():
    source = b'''import { a } from "./js/a.js";
import {
  b,
} from '../vendor/b-1.0/index.js';
import "./c.js";
export { d } from "./d.js";
const e = await import("./e.js");
'''
    out = versioned_imports(source, "abc123").decode()
    assert re.findall(r"""["']([^"']+)["']""", out) == ["./js/a.js?v=abc123", "../vendor/b-1.0/index.js?v=abc123",
                                                      "./c.js?v=abc123", "./d.js?v=abc123", "./e.js?v=abc123"]


def test_other_text_and_other_addresses_are_left_as_they_are():
    source = b'''import { x } from "https://example.org/x.js";
import y from "bare-name";
const from = "./not-an-import.js"; // a string that only looks like one
label.textContent = "import from ./x.js";
import { z } from "./z.js?v=1";
'''
    assert versioned_imports(source, "v9") == source


def test_only_scripts_are_changed():
    css = b'@import "./other.css"; /* import from "./x.js" */'
    assert static_file("style.css", css, "v9") == css
    assert static_file("js/a.js", b'import "./b.js";', "v9") == b'import "./b.js?v=v9";'


def test_a_long_run_of_spaces_after_import_takes_linear_time():
    def seconds(n: int) -> float:
        text = b"import" + b" " * n + b"(" + b" " * n
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            versioned_imports(text, "v")
            runs.append(time.perf_counter() - started)
        return min(runs)

    # Five times the input: about five times the time if linear, twenty-five if quadratic. Small inputs
    # fit the processor's cache and would make a linear pass look worse than it is.
    assert seconds(1_000_000) < seconds(200_000) * 12
