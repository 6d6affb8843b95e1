package org.vigie.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vigie.simulator.CliArguments.UsageException;
import org.vigie.simulator.DeviceCli.Failure;

/** {@code register-push} and {@code wait --push-port}: the app's side of push notifications. */
final class PushCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;

    PushCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int register(DeviceClient client, CliArguments arguments) {
        PushClient push = new PushClient(client);
        HttpResult result;
        if (arguments.option("remove") != null) {
            result = push.unregister();
        } else if (arguments.option("fcm-token") != null) {
            result = push.registerFcm(arguments.option("fcm-token"));
        } else if (arguments.option("endpoint") != null && arguments.option("p256dh") != null && arguments.option("auth") != null) {
            result = push.registerWebPush(arguments.option("endpoint"), arguments.option("p256dh"), arguments.option("auth"));
        } else {
            throw new UsageException("register-push takes --endpoint, --p256dh and --auth, or --fcm-token, or --remove yes.");
        }
        if (!result.ok()) {
            throw Failure.refused(result);
        }
        out.println(result.json().path("status").asText() + " (" + result.json().path("provider").asText() + ")");
        return DeviceCli.OK;
    }

    /**
     * Listens on a loopback Web Push endpoint, registers it, and prints the first challenge a push
     * names (fetched from {@code GET /challenges}: the push carries only its id). A login already
     * waiting when it starts is printed at once, as the app does when it opens.
     */
    int waitForPush(DeviceClient client, long seconds, String port) {
        int listenPort;
        try {
            listenPort = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new UsageException("--push-port takes a port number (0: any free port).");
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new UsageException("--push-port takes a port number (0: any free port).");
        }
        PushClient push = new PushClient(client);
        try (WebPushReceiver receiver = new WebPushReceiver(listenPort)) {
            receiver.expectServerKey(push.vapidPublicKey());
            HttpResult registered = push.registerWebPush(receiver.endpoint(), receiver.p256dh(), receiver.auth());
            if (!registered.ok()) {
                throw Failure.refused(registered);
            }
            err.println("Listening for Web Push on " + receiver.endpoint());
            try {
                Optional<PendingChallenge> waiting = firstPending(client, null);
                if (waiting.isPresent()) {
                    out.println(waiting.get().json());
                    return DeviceCli.OK;
                }
                Instant deadline = Instant.now().plusSeconds(seconds);
                while (Instant.now().isBefore(deadline)) {
                    Optional<WebPushReceiver.Received> received = receiver.next(Duration.between(Instant.now(), deadline));
                    if (received.isEmpty()) {
                        break;
                    }
                    if (!received.get().valid()) {
                        err.println("Push refused: " + String.join("; ", received.get().problems()));
                        continue;
                    }
                    String challenge = challengeOf(received.get().payload());
                    err.println("Push received for challenge " + challenge);
                    Optional<PendingChallenge> named = firstPending(client, challenge);
                    if (named.isPresent()) {
                        out.println(named.get().json());
                        return DeviceCli.OK;
                    }
                }
                throw new Failure("No push within " + seconds + " s.");
            } finally {
                // The endpoint ends with this command: the server should not keep pushing to it.
                push.unregister();
            }
        } catch (IOException e) {
            throw new Failure("Cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("Interrupted.");
        }
    }

    private static Optional<PendingChallenge> firstPending(DeviceClient client, String id) {
        PendingResult pending = client.pending();
        if (!pending.ok()) {
            throw Failure.refused(pending.http());
        }
        return pending.challenges().stream().filter(c -> id == null || c.id().equals(id)).findFirst();
    }

    /** The challenge id a push payload names ({@code {"type":"vigie.challenge","challenge":"<id>"}}), or "". */
    static String challengeOf(String payload) {
        try {
            JsonNode json = JSON.readTree(payload);
            return "vigie.challenge".equals(json.path("type").asText()) ? json.path("challenge").asText() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
