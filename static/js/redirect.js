// Pages of retired IDs send readers on, keeping the fragment.
export function setUpRedirect() {
  const link = document.querySelector("a[data-redirect]");
  if (link) window.location.replace(link.href + window.location.hash);
}
