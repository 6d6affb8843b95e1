package org.vigie.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An SMTP server on loopback (GreenMail) that the realm sends its mail to during a test class:
 * proves that practitioners are told, without any real mail leaving the machine.
 */
public final class Mailbox implements AutoCloseable {

    private final GreenMail smtp;
    private final AdminApi admin;

    private Mailbox(GreenMail smtp, AdminApi admin) {
        this.smtp = smtp;
        this.admin = admin;
    }

    public static Mailbox open(AdminApi admin) {
        int port = Integer.getInteger("vigie.it.smtp-port", 3025);
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        var updated = admin.send("PUT", "", Map.of("smtpServer", Map.of(
                "host", "127.0.0.1", "port", Integer.toString(port), "from", "vigie@it.vigie.invalid", "fromDisplayName", "Vigie")));
        if (updated.statusCode() / 100 != 2) {
            smtp.stop();
            throw new AssertionError("SMTP settings not saved: " + updated.statusCode() + " " + updated.body());
        }
        return new Mailbox(smtp, admin);
    }

    /** A message received for {@code to}, waiting briefly for it (mail is sent after the request commits). */
    public record Mail(String subject, String body) {
        /** The first link of the text whose address contains {@code part}. */
        public String link(String part) {
            java.util.regex.Matcher links = java.util.regex.Pattern.compile("https?://[^\\s<>\"]+").matcher(body);
            while (links.find()) {
                if (links.group().contains(part)) {
                    return links.group().replace("&amp;", "&");
                }
            }
            throw new AssertionError("no link with " + part + " in:\n" + body);
        }
    }

    public List<Mail> to(String to, int atLeast) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            List<Mail> mails = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> recipients(m).contains(to))
                    .map(Mailbox::read)
                    .collect(Collectors.toList());
            if (mails.size() >= atLeast || Instant.now().isAfter(deadline)) {
                return mails;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return mails;
            }
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (Exception e) {
            return "";
        }
    }

    private static Mail read(MimeMessage message) {
        try {
            return new Mail(message.getSubject(), text(message.getContent()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The decoded text of a message: its text/plain part when it has several. */
    private static String text(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain") || part.isMimeType("multipart/*")) {
                    out.append(text(part.getContent()));
                }
            }
            return out.toString();
        }
        return String.valueOf(content);
    }

    @Override
    public void close() {
        admin.send("PUT", "", Map.of("smtpServer", Map.of()));
        smtp.stop();
    }
}
