// Vigie pages: what keycloak.v2's template.ftl does in inline scripts, from a file, so that a
// strict Content-Security-Policy (script-src 'self') can be used. Inputs come from <body data-…>.
import { startSessionPolling, checkAuthSession } from "./authChecker.js";

const { ssoLoginInOtherTabsUrl, authSessionIdHash } = document.body.dataset;

// A login finished in another tab: go where Keycloak sends this tab then.
if (ssoLoginInOtherTabsUrl) {
  startSessionPolling(ssoLoginInOtherTabsUrl);
}

// Another authentication session replaced this one (cookie changed): reload.
if (authSessionIdHash) {
  checkAuthSession(authSessionIdHash);
}

// Links marked data-once-link (identity providers) can be followed once.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-once-link]");
  if (!link) {
    return;
  }
  if (link.getAttribute("aria-disabled") === "true") {
    event.preventDefault();
    return;
  }
  const { disabledClass } = link.dataset;
  if (disabledClass) {
    link.classList.add(...disabledClass.trim().split(/\s+/));
  }
  link.setAttribute("role", "link");
  link.setAttribute("aria-disabled", "true");
});
