package org.vigie.simulator;

import java.util.ArrayList;
import java.util.List;

/** The answer to {@code GET /challenges}: the pending challenges when {@link #ok()}, none otherwise. */
public record PendingResult(HttpResult http, List<PendingChallenge> challenges) {

    static PendingResult of(HttpResult http) {
        List<PendingChallenge> challenges = new ArrayList<>();
        if (http.ok()) {
            http.json().path("challenges").forEach(challenge -> challenges.add(PendingChallenge.from(challenge)));
        }
        return new PendingResult(http, List.copyOf(challenges));
    }

    public boolean ok() {
        return http.status() == 200;
    }

    public int status() {
        return http.status();
    }

    public String error() {
        return http.error();
    }
}
