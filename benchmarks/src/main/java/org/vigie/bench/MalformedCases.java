package org.vigie.bench;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.vigie.simulator.DeviceClient;

/**
 * The malformed requests, by family, for every device endpoint. Signed ones use a real enrolled
 * device and a real pending challenge, spoilt one way each, so that they get past the signature
 * to the claims' checks; none carries a well-formed wrong PIN (that is the PIN figure's business).
 */
final class MalformedCases {

    record Case(String name, String endpoint, IntFunction<HttpRequest.Builder> request) {
        HttpRequest.Builder request(int i) {
            return request.apply(i);
        }
    }

    private final List<Case> cases = new ArrayList<>();

    MalformedCases(String api, DeviceClient device, String challengeId, String statusUrl) {
        String enroll = api + "/enroll";
        String list = api + "/challenges";
        String decide = api + DeviceClient.decisionPath(challengeId);
        String byCode = api + "/decision";
        Map<String, String> posts = new LinkedHashMap<>();
        posts.put("POST /enroll", enroll);
        posts.put("POST /challenges/{id}/decision", decide);
        posts.put("POST /decision", byCode);

        String boundary = "----vigiebench";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"identifier\"\r\n\r\n10001045367\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\u0001\r\n--"
                + boundary + "--\r\n";
        for (Map.Entry<String, String> p : posts.entrySet()) {
            String ep = p.getKey();
            String url = p.getValue();
            body(ep, "multipart", url, "multipart/form-data; boundary=" + boundary, multipart);
            body(ep, "multipart without boundary", url, "multipart/form-data", multipart);
            body(ep, "multipart, broken", url, "multipart/form-data; boundary=" + boundary, "--" + boundary + "\r\nContent-Disposition");
            body(ep, "form", url, "application/x-www-form-urlencoded", "identifier=10001045367&pin=4827&code=123456");
            body(ep, "form, bad escapes", url, "application/x-www-form-urlencoded", "a=%zz&%=&&==&b=%E0%A4%A");
            body(ep, "text/plain", url, "text/plain", "hello");
            body(ep, "xml", url, "application/xml", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>");
            body(ep, "no content type", url, null, "{}");
            body(ep, "content type garbage", url, "%%%/;;;=", "{}");
            body(ep, "json, odd charset", url, "application/json; charset=x-unknown", "{\"identifier\":1}");
            body(ep, "empty json", url, "application/json", "");
            body(ep, "json null", url, "application/json", "null");
            body(ep, "json array", url, "application/json", "[1,2,3]");
            body(ep, "json truncated", url, "application/json", "{\"identifier\":\"1000");
            body(ep, "json deeply nested", url, "application/json", "[".repeat(5_000) + "]".repeat(5_000));
            body(ep, "jose garbage", url, DeviceClient.JOSE_TYPE, "not.a.jws");
            body(ep, "jose, alg none", url, DeviceClient.JOSE_TYPE, Malformed.b64("{\"alg\":\"none\"}") + "." + Malformed.b64("{}") + ".");
            body(ep, "jose, header not json", url, DeviceClient.JOSE_TYPE, Malformed.b64("{{{") + "." + Malformed.b64("{}") + ".AAAA");
            body(ep, "jose, json serialization", url, DeviceClient.JOSE_TYPE, "{\"payload\":\"e30\",\"signatures\":[]}");
            body(ep, "jose, unknown kid", url, DeviceClient.JOSE_TYPE,
                    Malformed.b64("{\"alg\":\"ES256\",\"kid\":\"" + "x".repeat(40) + "\"}") + "." + Malformed.b64("{}") + ".AAAA");
            body(ep, "jose, invalid utf-8", url, DeviceClient.JOSE_TYPE, new String(new byte[] {(byte) 0xC3, (byte) 0x28, 0x2E, (byte) 0xFF},
                    StandardCharsets.ISO_8859_1));
            huge(ep, "over 16 KiB", url, 17 * 1024);
            huge(ep, "1 MiB", url, 1024 * 1024);
            for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
                cases.add(new Case(method + " (wrong method)", ep, i -> Malformed.request(url).method(method, HttpRequest.BodyPublishers.noBody())));
            }
        }
        // Enrolment: well-formed JSON with wrong types and odd values.
        String key = device.key().toPublicJWK().toJSONString();
        for (String json : List.of(
                "{\"identifier\":10001045367,\"activationCode\":\"AAAA-BBBB-CCCC\",\"publicKey\":" + key + ",\"pin\":\"4827\"}",
                "{\"identifier\":[\"10001045367\"],\"activationCode\":{},\"publicKey\":" + key + ",\"pin\":4827}",
                "{\"identifier\":null,\"activationCode\":null,\"publicKey\":null,\"pin\":null}",
                "{\"identifier\":\"10001045367\",\"activationCode\":\"AAAA\",\"publicKey\":\"not a key\",\"pin\":\"4827\"}",
                "{\"identifier\":\"10001045367\",\"activationCode\":\"AAAA\",\"publicKey\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"},\"pin\":\"4827\"}",
                "{\"identifier\":\"10001045367\",\"activationCode\":\"AAAA\",\"publicKey\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x5c\":[\"!!!notbase64\"]},\"pin\":\"4827\"}",
                "{\"identifier\":\"10001045367\",\"activationCode\":\"AAAA\",\"publicKey\":{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"},\"pin\":\"4827\"}",
                "{\"identifier\":\"10001045367\",\"activationCode\":\"AAAA\",\"publicKey\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AA\",\"d\":\"AA\"},\"pin\":\"4827\"}",
                "{\"identifier\":\"" + "9".repeat(5_000) + "\",\"activationCode\":\"AAAA\",\"publicKey\":" + key + ",\"pin\":\"4827\"}",
                "{\"identifier\":\"10001045367\",\"activationCode\":\"AAAA\",\"publicKey\":" + key + ",\"pin\":\"4827\",\"deviceName\":\""
                        + "é".repeat(3_000) + "\"}",
                "{\"identifier\":\"\\u0000\\ud800\",\"activationCode\":\"\\u0000\",\"publicKey\":" + key + ",\"pin\":\"١٢٣٤\"}",
                "{\"identifier\":\"10001045367\",\"identifier\":\"x\",\"activationCode\":1e999999,\"publicKey\":" + key + ",\"pin\":\"4827\"}")) {
            body("POST /enroll", "json, wrong types or values", enroll, "application/json", json);
        }
        // Signed decisions, spoilt one claim at a time (a fresh jti each time).
        List<Map<String, Object>> spoilt = new ArrayList<>();
        spoilt.add(Map.of("pin", List.of("4827")));
        spoilt.add(Map.of("pin", 4827));
        spoilt.add(Map.of("code", 123456));
        spoilt.add(Map.of("decision", 1));
        spoilt.add(Map.of("decision", "maybe"));
        spoilt.add(Map.of("iat", "yesterday"));
        spoilt.add(Map.of("iat", Long.MAX_VALUE));
        spoilt.add(Map.of("exp", -1));
        spoilt.add(Map.of("jti", "j".repeat(4_000)));
        spoilt.add(Map.of("jti", Map.of("a", 1)));
        spoilt.add(Map.of("cid", List.of(challengeId)));
        spoilt.add(Map.of("sub", "someone-else"));
        spoilt.add(Map.of("aud", 42));
        for (Map<String, Object> change : spoilt) {
            for (Map.Entry<String, String> p : List.of(Map.entry("POST /challenges/{id}/decision", decide), Map.entry("POST /decision", byCode))) {
                boolean named = p.getKey().contains("{id}");
                cases.add(new Case("signed, " + change.keySet() + " spoilt", p.getKey(), i -> {
                    Map<String, Object> claims = device.decisionClaims(named ? challengeId : null, "approve", "123456", Login.PIN);
                    claims.putAll(change);
                    return Malformed.request(p.getValue()).header("Content-Type", DeviceClient.JOSE_TYPE)
                            .POST(HttpRequest.BodyPublishers.ofString(device.decisionJws(claims)));
                }));
            }
        }
        // The pending list: bearer tokens of every wrong kind.
        for (Map.Entry<String, java.util.function.Supplier<String>> b : List.<Map.Entry<String, java.util.function.Supplier<String>>>of(
                Map.entry("no bearer", () -> null),
                Map.entry("bearer garbage", () -> "Bearer garbage"),
                Map.entry("bearer empty", () -> "Bearer "),
                Map.entry("basic auth", () -> "Basic " + Malformed.b64("a:b")),
                Map.entry("bearer alg none", () -> "Bearer " + Malformed.b64("{\"alg\":\"none\"}") + "." + Malformed.b64("{\"sub\":\"x\"}") + "."),
                Map.entry("bearer, a decision JWS", () -> "Bearer " + device.decisionJws(device.decisionClaims(null, "approve", "1", "4827"))),
                Map.entry("bearer, exp missing", () -> {
                    Map<String, Object> c = device.deviceJwtClaims();
                    c.remove("exp");
                    return "Bearer " + device.deviceJwt(c);
                }),
                Map.entry("bearer, iat a string", () -> {
                    Map<String, Object> c = device.deviceJwtClaims();
                    c.put("iat", "now");
                    return "Bearer " + device.deviceJwt(c);
                }),
                Map.entry("bearer, 6 KiB", () -> "Bearer " + "A".repeat(6_000)))) {
            cases.add(new Case(b.getKey(), "GET /challenges", i -> {
                HttpRequest.Builder r = Malformed.request(list).GET();
                String value = b.getValue().get();
                return value == null ? r : r.header("Authorization", value);
            }));
        }
        for (String method : List.of("POST", "PUT", "DELETE")) {
            cases.add(new Case(method + " (wrong method)", "GET /challenges", i -> Malformed.request(list)
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"))));
        }
        // The browser's status endpoint: tokens, waits and ids of every odd kind.
        String statusBase = api + "/status/";
        String token = statusUrl.replaceAll("^.*[?&]token=([^&]*).*$", "$1");
        for (String suffix : List.of(challengeId, challengeId + "?token=", challengeId + "?token=garbage",
                challengeId + "?token=" + token + "&wait=abc", challengeId + "?token=" + token + "&wait=-5",
                challengeId + "?token=" + token + "&wait=99999999999999999999", "%00?token=" + token, "x".repeat(3_000) + "?token=" + token,
                "..%2F..%2Fadmin?token=" + token, "%E2%82%AC?token=%E2%82%AC&token=a")) {
            cases.add(new Case("status " + (suffix.length() > 40 ? suffix.substring(0, 40) + "…" : suffix), "GET /status/{id}",
                    i -> Malformed.request(statusBase + suffix).GET()));
        }
        for (String method : List.of("POST", "PUT", "DELETE")) {
            cases.add(new Case(method + " (wrong method)", "GET /status/{id}",
                    i -> Malformed.request(statusUrl).header("Content-Type", "application/x-www-form-urlencoded")
                            .method(method, HttpRequest.BodyPublishers.ofString("a=b"))));
        }
    }

    private void body(String endpoint, String name, String url, String contentType, String body) {
        cases.add(new Case(name, endpoint, i -> {
            HttpRequest.Builder r = Malformed.request(url).POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.ISO_8859_1)));
            return contentType == null ? r : r.header("Content-Type", contentType);
        }));
    }

    private void huge(String endpoint, String name, String url, int size) {
        String type = endpoint.equals("POST /enroll") ? "application/json" : DeviceClient.JOSE_TYPE;
        byte[] body = ("{\"identifier\":\"" + "1".repeat(size) + "\"}").getBytes(StandardCharsets.US_ASCII);
        cases.add(new Case(name, endpoint, i -> Malformed.request(url).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
    }

    Case get(int i) {
        return cases.get(Math.floorMod(i, cases.size()));
    }

    int size() {
        return cases.size();
    }
}
