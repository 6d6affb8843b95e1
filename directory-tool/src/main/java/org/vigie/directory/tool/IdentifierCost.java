package org.vigie.directory.tool;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server CPU one identifier-page submission costs: open the demo client's authorization URL,
 * submit a national identifier, read the server's CPU around the submission only (the server is
 * otherwise idle: run it on a quiet machine for meaningful figures).
 */
final class IdentifierCost {

    private static final Pattern ACTION = Pattern.compile("id=\"vigie-identifier-form\"[^>]*action=\"([^\"]+)\"|action=\"([^\"]+)\"[^>]*id=\"vigie-identifier-form\"");

    static final int WARM_UP = 60;

    private final String server;
    private final String realm;
    private final long pid;

    IdentifierCost(String server, String realm, long pid) {
        this.server = server.replaceAll("/+$", "");
        this.realm = realm;
        this.pid = pid;
    }

    /** Mean server CPU in milliseconds per submission, for each identifier. */
    double[] measure(List<String> identifiers, int times) throws IOException, InterruptedException {
        double[] result = new double[identifiers.size()];
        for (int i = 0; i < identifiers.size(); i++) {
            double total = 0;
            for (int n = 0; n < WARM_UP; n++) {
                submit(identifiers.get(i)); // the JIT and the caches warm, as on a server that has been up a while
            }
            for (int n = 0; n < times; n++) {
                total += submit(identifiers.get(i));
            }
            result[i] = total / times * 1000;
        }
        return result;
    }

    private double submit(String identifier) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        String url = server + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=vigie-demo&response_type=code"
                + "&scope=openid%20scope_all&acr_values=eidas1&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&state=b"
                + "&code_challenge_method=S256&code_challenge=" + challenge;
        String page = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = ACTION.matcher(page);
        if (!m.find()) {
            throw new IOException("no identifier form at " + url);
        }
        String action = (m.group(1) != null ? m.group(1) : m.group(2)).replace("&amp;", "&");
        Thread.sleep(3);
        double before = Proc.processCpuSeconds(pid);
        http.send(HttpRequest.newBuilder(URI.create(action)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("identifier=" + URLEncoder.encode(identifier, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(3);
        return Proc.processCpuSeconds(pid) - before;
    }
}
