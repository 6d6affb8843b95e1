package org.vigie.directory.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The server CPU of one token issue with {@code scope_all} for a practitioner: Keycloak's
 * "evaluate scopes" example access token of the demo client, which runs the token manager and every
 * protocol mapper of the client's scopes (the PSC claims read from the user) on a transient session,
 * as a grant does, without a login to make first. It also carries an admin request's fixed costs
 * (bearer token check, permissions), the same at any directory size.
 */
final class TokenCost {

    static final String CLIENT_ID = "vigie-demo";

    private final AdminClient admin;
    private final long pid;

    TokenCost(AdminClient admin, long pid) {
        this.admin = admin;
        this.pid = pid;
    }

    /** Mean server CPU in milliseconds per token, after {@code warmUp} unmeasured ones (the user is looked up, hence imported, first). */
    double measure(String username, int warmUp, int times) throws IOException, InterruptedException {
        JsonNode users = admin.realmGet("/users?exact=true&briefRepresentation=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
        if (users.size() != 1) {
            throw new AdminClient.Refused("no user " + username + " for the token figure");
        }
        String client = admin.realmGet("/clients?clientId=" + CLIENT_ID).path(0).path("id").asText();
        String path = "/clients/" + client + "/evaluate-scopes/generate-example-access-token?scope=openid%20scope_all&userId="
                + users.get(0).path("id").asText();
        if (!admin.realmGet(path).has("SubjectRefPro")) {
            throw new AdminClient.Refused("the example token of " + username + " has no SubjectRefPro: scope_all's mappers did not run");
        }
        for (int i = 0; i < warmUp; i++) {
            admin.realmGet(path);
        }
        double total = 0;
        for (int i = 0; i < times; i++) {
            admin.renewTokenIfDue();
            Thread.sleep(3);
            double before = Proc.processCpuSeconds(pid);
            admin.realmGet(path);
            Thread.sleep(3);
            total += Proc.processCpuSeconds(pid) - before;
        }
        return total / times * 1000;
    }
}
