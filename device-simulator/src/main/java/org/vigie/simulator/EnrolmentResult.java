package org.vigie.simulator;

/** The answer to {@code POST /enroll}: the new device's identifiers when {@link #ok()}. */
public record EnrolmentResult(HttpResult http) {

    public boolean ok() {
        return http.status() == 201;
    }

    public int status() {
        return http.status();
    }

    public String error() {
        return http.error();
    }

    public String deviceId() {
        return http.json().path("deviceId").textValue();
    }

    public String userId() {
        return http.json().path("userId").textValue();
    }

    public String nationalId() {
        return http.json().path("nationalId").textValue();
    }

    public String keyThumbprint() {
        return http.json().path("keyThumbprint").textValue();
    }
}
