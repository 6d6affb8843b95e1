package org.vigie.simulator;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.vigie.simulator.CliArguments.UsageException;

/** The practitioner's phone app on the command line; see {@link #USAGE}. */
public final class DeviceCli {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int UNREACHABLE = 2;

    static final String DEFAULT_SERVER = "http://localhost:8080";
    static final String DEFAULT_REALM = "esante-wallet";
    static final long DEFAULT_WAIT_SECONDS = 60;
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    static final String USAGE = """
            Usage: java -jar vigie-device-simulator-cli.jar COMMAND [OPTIONS]

            The practitioner's phone app: enrols a device key, then decides login challenges.

            Commands:
              enroll --identifier RPPS --code ACTIVATION_CODE --pin PIN [--name NAME] [--key-type p256|ed25519]
              pending                          print pending challenges, one JSON object per line
              approve --pin PIN --code CODE [--challenge ID]
              deny [--challenge ID]
              report [--challenge ID]          refuse and report ("Ce n'est pas moi")
              wait [--timeout SECONDS] [--push-port PORT]
                                               wait for a challenge (default 60 s), print it as one JSON line;
                                               with --push-port, listen for Web Push on 127.0.0.1:PORT (0: any
                                               free port) instead of polling: register that endpoint, decrypt
                                               the push, check its VAPID signature
              register-push --endpoint URL --p256dh KEY --auth SECRET
                                               register a Web Push subscription (from a UnifiedPush distributor)
              register-push --fcm-token TOKEN  register an FCM registration token
              register-push --remove yes       unregister: the app polls again
              rotate-key --pin PIN [--key-type p256|ed25519]
                                               replace the device key (request signed by the old and the new key)

            Options:
              --server URL    default http://localhost:8080, or the server enrolled with
              --realm NAME    default esante-wallet, or the realm enrolled with
              --store DIR     where the device key is kept, default ./.vigie/device
              --help

            Without --challenge, approve with a 7-digit code approves the login showing that code, whatever
            else is pending; deny, report and approve with a picked code act on the only pending challenge.
            A login a service started by CIBA is listed like any other ("purpose":"ciba"): approve it with
            the 7-digit code the service shows.
            Exit codes: 0 ok, 1 refused or usage error, 2 server unreachable.
            """;

    private final PrintStream out;
    private final PrintStream err;
    /** The phone's clock, which signs its requests (tests move the server's). */
    private java.time.Clock clock = java.time.Clock.systemUTC();

    public DeviceCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Signs with this clock, as a phone whose time the network sets to the server's. */
    public DeviceCli clock(java.time.Clock clock) {
        this.clock = clock;
        return this;
    }

    public static void main(String[] args) {
        // UTF-8 whatever the locale: client names and user agents are not ASCII.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(new DeviceCli(out, err).run(args));
    }

    /** Runs one command line and returns the process exit code. */
    public int run(String... args) {
        try {
            CliArguments arguments = CliArguments.parse(args);
            if (arguments.help()) {
                out.print(USAGE);
                return OK;
            }
            return switch (arguments.command()) {
                case ENROLL -> enroll(arguments);
                case PENDING -> pending(arguments);
                case APPROVE -> decide(arguments, "approve", arguments.option("code"), arguments.option("pin"));
                case DENY -> decide(arguments, "deny", null, null);
                case REPORT -> decide(arguments, "fraud", null, null);
                case WAIT -> arguments.option("push-port") == null ? waitForChallenge(arguments)
                        : new PushCommands(out, err).waitForPush(device(arguments).client().clock(clock),
                                timeoutSeconds(arguments), arguments.option("push-port"));
                case ROTATE_KEY -> rotateKey(arguments);
                case REGISTER_PUSH -> new PushCommands(out, err).register(device(arguments).client().clock(clock), arguments);
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("Run with --help for usage.");
            return REFUSED;
        } catch (Failure e) {
            err.println(e.getMessage());
            return REFUSED;
        } catch (UncheckedIOException e) {
            err.println(e.getMessage() + ": " + e.getCause().getMessage());
            return REFUSED;
        } catch (ServerUnreachableException e) {
            err.println(e.getMessage());
            return UNREACHABLE;
        }
    }

    private int enroll(CliArguments arguments) {
        KeyType keyType;
        try {
            keyType = KeyType.parse(arguments.option("key-type", KeyType.P256.cliName()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
        String server = arguments.option("server", DEFAULT_SERVER);
        String realm = arguments.option("realm", DEFAULT_REALM);
        DeviceStore store = store(arguments);
        if (!PinRules.isAcceptable(arguments.option("pin"))) {
            throw new Failure("The PIN must have 4 to 8 digits and not be trivial (0000, 1234…): choose another one.");
        }
        DeviceClient client = new DeviceClient(DeviceClient.deviceApiUrl(server, realm), DeviceClient.generateKey(keyType));
        EnrolmentResult result = client.enroll(arguments.option("identifier"), arguments.option("code"),
                arguments.option("pin"), arguments.option("name"));
        if (!result.ok()) {
            throw Failure.refused(result.http());
        }
        store.save(new Device(server, realm, result.deviceId(), result.userId(), client.key(), client.pinKey()));
        out.println("Enrolled device " + result.deviceId() + " for " + result.nationalId() + ", key in " + store.file());
        return OK;
    }

    /**
     * The new key is kept beside the old one ({@code pending-key.json}) until the server answers,
     * so a crash or a lost answer in between loses neither key.
     */
    private int rotateKey(CliArguments arguments) {
        String pin = arguments.option("pin");
        Device device = device(arguments);
        KeyType keyType;
        try {
            keyType = KeyType.parse(arguments.option("key-type", KeyType.of(device.key()).cliName()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
        DeviceClient client = device.client();
        com.nimbusds.jose.jwk.JWK newKey = DeviceClient.generateKey(keyType);
        DeviceStore store = store(arguments);
        store.savePendingKey(newKey);
        HttpResult result = client.rotateKey(newKey, pin);
        if (result.status() != 200) {
            store.dropPendingKey();
            throw Failure.refused(result);
        }
        Device stored = store.load();
        store.save(new Device(stored.server(), stored.realm(), stored.deviceId(), stored.userId(), newKey, stored.pinKey()));
        store.dropPendingKey();
        out.println("Rotated the key of device " + device.deviceId() + ": new key " + result.json().path("keyThumbprint").asText());
        return OK;
    }

    private int pending(CliArguments arguments) {
        PendingResult pending = device(arguments).client().pending();
        if (!pending.ok()) {
            throw Failure.refused(pending.http());
        }
        pending.challenges().forEach(challenge -> out.println(challenge.json()));
        return OK;
    }

    private int decide(CliArguments arguments, String decision, String code, String pin) {
        DeviceClient client = device(arguments).client();
        String challengeId = arguments.option("challenge");
        // A typed code names the login by itself; a picked code (two digits) goes with its challenge.
        DecisionResult result = challengeId == null && "approve".equals(decision) && code != null && code.trim().matches("[0-9]{7}")
                ? client.approveByCode(code.trim(), pin)
                : client.decide(challengeId == null ? onlyChallenge(client) : challengeId, decision, code, pin);
        if (!result.ok()) {
            throw Failure.refused(result.http());
        }
        out.println(result.outcome());
        return OK;
    }

    private int waitForChallenge(CliArguments arguments) {
        long seconds = timeoutSeconds(arguments);
        DeviceClient client = device(arguments).client();
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (true) {
            PendingResult pending = client.pending();
            if (!pending.ok()) {
                throw Failure.refused(pending.http());
            }
            if (!pending.challenges().isEmpty()) {
                out.println(pending.challenges().get(0).json());
                return OK;
            }
            if (Instant.now().plus(POLL_INTERVAL).isAfter(deadline)) {
                throw new Failure("No challenge within " + seconds + " s.");
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("Interrupted.");
            }
        }
    }

    /** The one challenge a command without --challenge acts on: like the app, which shows only one. */
    private static String onlyChallenge(DeviceClient client) {
        PendingResult pending = client.pending();
        if (!pending.ok()) {
            throw Failure.refused(pending.http());
        }
        List<PendingChallenge> challenges = pending.challenges();
        if (challenges.isEmpty()) {
            throw new Failure("No pending challenge.");
        }
        if (challenges.size() > 1) {
            throw new Failure(challenges.size() + " pending challenges: pass --challenge ID.");
        }
        return challenges.get(0).id();
    }

    static long timeoutSeconds(CliArguments arguments) {
        String timeout = arguments.option("timeout");
        if (timeout == null) {
            return DEFAULT_WAIT_SECONDS;
        }
        try {
            long seconds = Long.parseLong(timeout);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // Same answer as a negative number, below.
        }
        throw new UsageException("--timeout takes a positive number of seconds.");
    }

    /** The enrolled device, at the server and realm given on the command line if any. */
    private static Device device(CliArguments arguments) {
        DeviceStore store = store(arguments);
        if (!store.exists()) {
            throw new Failure("No device in " + store.dir() + ": run enroll first.");
        }
        Device stored = store.load();
        return new Device(arguments.option("server", stored.server()), arguments.option("realm", stored.realm()),
                stored.deviceId(), stored.userId(), stored.key(), stored.pinKey());
    }

    private static DeviceStore store(CliArguments arguments) {
        String dir = arguments.option("store");
        return new DeviceStore(dir == null ? DeviceStore.DEFAULT_DIR : Path.of(dir));
    }

    /** A command that did not succeed, with the message for stderr; exit code 1. */
    static final class Failure extends RuntimeException {

        Failure(String message) {
            super(message);
        }

        static Failure refused(HttpResult http) {
            if (http.error() == null) {
                String body = http.body().strip().replaceAll("\\s+", " ");
                return new Failure("Server answered HTTP " + http.status()
                        + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)));
            }
            StringBuilder message = new StringBuilder("Refused (HTTP ").append(http.status()).append("): ").append(http.error());
            if (http.errorDescription() != null) {
                message.append(": ").append(http.errorDescription());
            }
            if (http.remainingAttempts() != null) {
                message.append(" (").append(http.remainingAttempts()).append(" attempts left)");
            }
            return new Failure(message.toString());
        }
    }
}
