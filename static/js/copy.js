// Copy link / copy citation under each paragraph. The controls need a script, so they stay hidden
// without one. After a copy the button says so for a moment; when the browser refuses the clipboard,
// the text is shown selected under the paragraph, for the reader to copy by hand.
import { announce, message } from "./announce.js";

const SHOWN_MS = 2500;

function copied(button, label) {
  if (!button.hasAttribute("data-label")) button.setAttribute("data-label", button.textContent);
  button.setAttribute("data-copied", "true");
  button.textContent = `✓ ${label}`;
  announce(label);
  window.clearTimeout(button.copiedTimer);
  button.copiedTimer = window.setTimeout(() => {
    button.removeAttribute("data-copied");
    button.textContent = button.getAttribute("data-label");
  }, SHOWN_MS);
}

function refused(button, text) {
  const share = button.closest("[data-share]");
  const foot = share.parentElement;
  let box = foot.querySelector(".copy-failed");
  if (!box) {
    box = document.createElement("p");
    box.className = "copy-failed";
    if (share.lang) box.lang = share.lang; // the interface's language, where the paragraph is in another
    const label = document.createElement("label");
    const field = document.createElement("textarea");
    field.readOnly = true;
    field.rows = 2;
    label.append(message("copy-failed"), field);
    box.append(label);
    foot.append(box);
  }
  const field = box.querySelector("textarea");
  field.value = text;
  field.focus();
  field.select();
  announce(message("copy-failed"));
}

function dropRefusal(button) {
  button.closest("[data-share]").parentElement.querySelector(".copy-failed")?.remove();
}

// Without the asynchronous clipboard (a page not served over HTTPS), the older copy command.
function writeText(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  try {
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  } catch (error) {
    return Promise.reject(error);
  } finally {
    area.remove();
  }
}

// A citation names the day the reader looked at the page: today, in the page's language.
function withAccessDate(button, text) {
  const template = button.getAttribute("data-accessed");
  if (!template) return text;
  const lang = button.closest("[lang]")?.lang || document.documentElement.lang;
  const today = new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric" }).format(new Date());
  return text + template.replace("{date}", today);
}

export function setUpCopy() {
  const controls = document.querySelectorAll("[data-share]");
  if (!controls.length) return;
  controls.forEach((el) => { el.hidden = false; });
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-copy]");
    if (!button) return;
    const text = withAccessDate(button, button.getAttribute("data-copy"));
    writeText(text).then(
      () => { dropRefusal(button); copied(button, button.closest("[data-share]").getAttribute("data-copied-label")); },
      () => refused(button, text),
    );
  });
}
