package org.vigie.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushOutcomeTest {

    @ParameterizedTest
    @CsvSource({"200,DELIVERED", "201,DELIVERED", "202,DELIVERED", "404,GONE", "410,GONE", "408,RETRY", "429,RETRY",
            "500,RETRY", "503,RETRY", "400,FAILED", "401,FAILED", "403,FAILED", "413,FAILED", "301,FAILED"})
    void webPushStatuses(int status, PushOutcome.Result expected) {
        assertEquals(expected, PushOutcome.ofHttpStatus(status, "").result());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "200|{\"name\":\"projects/p/messages/1\"}|DELIVERED",
            "404|{\"error\":{\"status\":\"NOT_FOUND\",\"details\":[{\"errorCode\":\"UNREGISTERED\"}]}}|GONE",
            "400|{\"error\":{\"details\":[{\"errorCode\":\"UNREGISTERED\"}]}}|GONE",
            "404|<html>not found</html>|FAILED",
            "400|{\"error\":{\"details\":[{\"errorCode\":\"INVALID_ARGUMENT\"}]}}|FAILED",
            "403|{\"error\":{\"details\":[{\"errorCode\":\"SENDER_ID_MISMATCH\"}]}}|FAILED",
            "429|{\"error\":{\"details\":[{\"errorCode\":\"QUOTA_EXCEEDED\"}]}}|RETRY",
            "503|{\"error\":{\"details\":[{\"errorCode\":\"UNAVAILABLE\"}]}}|RETRY",
            "500|not json|RETRY"})
    void fcmAnswers(int status, String body, PushOutcome.Result expected) {
        assertEquals(expected, FcmProvider.outcomeOf(status, body).result());
    }
}
