// Vigie waiting page: asks the status endpoint whether the login was decided, then submits the
// page's form (what a browser without JavaScript does by hand). The decision is read server-side.
// Loaded from a file (no inline script): the page works under a strict Content-Security-Policy.
const root = document.getElementById("vigie-waiting");
if (root) {
  const statusUrl = root.dataset.statusUrl;
  const form = document.getElementById("vigie-approval-form");
  const countdown = document.getElementById("vigie-countdown-value");
  const announce = document.getElementById("vigie-countdown-announce");
  // The visible countdown is a role="timer" (not read out every second); screen readers are told
  // the time left a few times only, through a polite status region.
  const announceAt = new Set([60, 30, 10]);
  let remaining = parseInt(root.dataset.expiresIn, 10) || 0;
  let submitted = false;

  const submit = () => {
    if (!submitted) {
      submitted = true;
      form.submit();
    }
  };

  // Quitting stops the polling at once: the practitioner's click always wins.
  form.addEventListener("submit", () => {
    submitted = true;
  });

  setInterval(() => {
    remaining = Math.max(0, remaining - 1);
    countdown.textContent = String(remaining);
    if (announce && announceAt.has(remaining)) {
      announce.textContent = (announce.dataset.template || "{0}").replace("{0}", String(remaining));
    }
    if (remaining === 0) {
      submit();
    }
  }, 1000);

  const poll = async () => {
    if (submitted) {
      return;
    }
    try {
      const response = await fetch(statusUrl, { cache: "no-store", credentials: "omit" });
      if (response.ok) {
        const body = await response.json();
        if (body.status !== "pending") {
          submit();
          return;
        }
      }
    } catch (e) {
      // network hiccup: try again at the next tick
    }
    setTimeout(poll, document.hidden ? 2000 : 500);
  };
  setTimeout(poll, 500);
}
