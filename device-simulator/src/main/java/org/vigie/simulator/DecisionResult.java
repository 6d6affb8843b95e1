package org.vigie.simulator;

/** The answer to {@code POST /challenges/{id}/decision}. */
public record DecisionResult(HttpResult http) {

    public boolean ok() {
        return http.status() == 200;
    }

    public int status() {
        return http.status();
    }

    public String error() {
        return http.error();
    }

    /** {@code approved}, {@code denied} or {@code reported} when {@link #ok()}, else null. */
    public String outcome() {
        return http.json().path("status").textValue();
    }

    public Integer remainingAttempts() {
        return http.remainingAttempts();
    }
}
