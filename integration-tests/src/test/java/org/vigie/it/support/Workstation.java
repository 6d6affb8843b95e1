package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * A shared computer: one browser (one cookie jar) used for several logins, at several services,
 * by several practitioners, over plain HTTP. {@link Login} uses a fresh browser per login; this
 * keeps the browser's session between them.
 */
public final class Workstation {

    private final Browser browser;
    private Browser.Page page;

    /** A browser that stops at the site's pages, as it stops at a relying party. */
    public Workstation(ServiceSite site) {
        this.browser = new Browser(site.base());
    }

    public Browser browser() {
        return browser;
    }

    public Browser.Page page() {
        return page;
    }

    /** Opens a service's authorization request; returns where the browser ended (a Vigie page or the service). */
    public Browser.Page open(ServiceClient.Request request) {
        page = browser.get(request.url());
        return page;
    }

    public Browser.Page open(String url) {
        page = browser.get(url);
        return page;
    }

    /** Types the identifier on the identifier page and expects the waiting page. */
    public Workstation typeIdentifier(String identifier) {
        if (page.document().selectFirst("#vigie-identifier-form") == null) {
            throw new AssertionError("expected the identifier page, got " + page.url() + "\n" + page.text());
        }
        page = browser.submit(page, "#vigie-identifier-form", Map.of("identifier", identifier));
        if (page.document().selectFirst("#vigie-waiting") == null) {
            throw new AssertionError("expected the waiting page, got " + page.url() + "\n" + page.text());
        }
        return this;
    }

    public String code() {
        Element code = page.document().selectFirst("#vigie-code");
        if (code == null) {
            throw new AssertionError("no code on " + page.text());
        }
        return code.text().trim();
    }

    /** Submits the waiting page's form, as its script does once the phone answered. */
    public Browser.Page submitWaitingForm() {
        page = browser.submit(page, "#vigie-approval-form", Map.of("check", "1"));
        return page;
    }

    /** The service's callback query (code and state, or error), failing when the browser is elsewhere. */
    public Map<String, String> callback(ServiceClient service) {
        if (!page.url().startsWith(service.redirectUri())) {
            throw new AssertionError("expected the browser at " + service.redirectUri() + ", got " + page.url() + "\n" + page.text());
        }
        return page.query();
    }

    /** Exchanges the callback's code; checks the state first. */
    public JsonNode tokens(ServiceClient service, ServiceClient.Request request) {
        Map<String, String> query = callback(service);
        if (!request.state().equals(query.get("state"))) {
            throw new AssertionError("state mismatch: " + query);
        }
        if (query.get("code") == null) {
            throw new AssertionError("no code: " + query);
        }
        return service.exchange(request, query.get("code"));
    }
}
