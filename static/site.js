// Progressive enhancement only: every page reads fine without its scripts. One module per feature,
// each doing nothing on a page without its elements.
import { setUpArchiveFilter } from "./js/archive-filter.js";
import { setUpContents } from "./js/contents.js";
import { setUpCopy } from "./js/copy.js";
import { setUpGlossary } from "./js/gloss.js";
import { setUpLanguageSwitch } from "./js/language-switch.js";
import { setUpRedirect } from "./js/redirect.js";
import { setUpTargetsFilter } from "./js/targets-filter.js";

setUpRedirect();
setUpContents();
setUpLanguageSwitch();
setUpCopy();
setUpGlossary();
setUpArchiveFilter();
setUpTargetsFilter();
