// Vigie waiting page: waits on the status endpoint until the login is decided, then submits the
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

  // Long poll: the server answers as soon as the phone decides (or after about 25 s: ask again).
  // Should it fail (a proxy cutting idle requests, a network hiccup), plain polling takes over for
  // a while, then the long poll is tried again.
  const LONG_WAIT = 25;
  let shortPolls = 0;
  const poll = async () => {
    if (submitted) {
      return;
    }
    const longPoll = shortPolls === 0;
    const started = Date.now();
    try {
      const url = longPoll ? statusUrl + "&wait=" + LONG_WAIT : statusUrl;
      const response = await fetch(url, { cache: "no-store", credentials: "omit" });
      if (response.ok) {
        const body = await response.json();
        if (body.status !== "pending") {
          submit();
          return;
        }
        if (longPoll) {
          // Never a tight loop, even if something answers a long poll at once.
          setTimeout(poll, Date.now() - started < 1000 ? 1000 : 0);
          return;
        }
      } else if (longPoll) {
        shortPolls = 20;
      }
    } catch (e) {
      if (longPoll) {
        shortPolls = 20;
      }
    }
    shortPolls = Math.max(0, shortPolls - 1);
    setTimeout(poll, document.hidden ? 2000 : 1000);
  };
  setTimeout(poll, 0);
}
