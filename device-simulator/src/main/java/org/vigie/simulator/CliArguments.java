package org.vigie.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The command line of {@link DeviceCli}: one command, then {@code --name value} or {@code --name=value} options. */
record CliArguments(Command command, Map<String, String> options, boolean help) {

    enum Command {
        ENROLL(List.of("identifier", "code", "pin"), Set.of("name", "key-type")),
        PENDING(List.of(), Set.of()),
        APPROVE(List.of("pin", "code"), Set.of("challenge")),
        DENY(List.of(), Set.of("challenge")),
        REPORT(List.of(), Set.of("challenge")),
        WAIT(List.of(), Set.of("timeout", "push-port")),
        ROTATE_KEY(List.of("pin"), Set.of("key-type")),
        REGISTER_PUSH(List.of(), Set.of("endpoint", "p256dh", "auth", "fcm-token", "remove"));

        private static final Set<String> COMMON = Set.of("server", "realm", "store");

        private final List<String> required;
        private final Set<String> optional;

        Command(List<String> required, Set<String> optional) {
            this.required = required;
            this.optional = optional;
        }

        String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        boolean accepts(String option) {
            return required.contains(option) || optional.contains(option) || COMMON.contains(option);
        }
    }

    /** @throws UsageException on anything but a well-formed command line or a request for help */
    static CliArguments parse(String... args) {
        if (args.length == 0) {
            throw new UsageException("Missing command.");
        }
        if (isHelp(args[0])) {
            return new CliArguments(null, Map.of(), true);
        }
        Command command = command(args[0]);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (isHelp(arg)) {
                return new CliArguments(command, Map.of(), true);
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("Unexpected argument: " + arg);
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageException("Missing value for --" + name + ".");
            }
            if (!command.accepts(name)) {
                throw new UsageException("Unknown option --" + name + " for " + command.cliName() + ".");
            }
            if (options.put(name, value) != null) {
                throw new UsageException("Option --" + name + " given twice.");
            }
        }
        for (String name : command.required) {
            if (!options.containsKey(name)) {
                throw new UsageException("Missing --" + name + " for " + command.cliName() + ".");
            }
        }
        return new CliArguments(command, Map.copyOf(options), false);
    }

    String option(String name) {
        return options.get(name);
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private static Command command(String name) {
        for (Command command : Command.values()) {
            if (command.cliName().equals(name)) {
                return command;
            }
        }
        throw new UsageException("Unknown command: " + name + ".");
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    /** A command line the CLI cannot run; exit code 1. */
    static final class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }
    }
}
