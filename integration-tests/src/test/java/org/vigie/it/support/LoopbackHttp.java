package org.vigie.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.vigie.simulator.HttpResult;

/**
 * Plain HTTP/1.1 requests sent from another loopback address (127.x.y.z, all of which reach the
 * server on Linux), so that a test can be "another client" for per-address limits. The JDK 17
 * HTTP client cannot choose its source address.
 */
public final class LoopbackHttp {

    private LoopbackHttp() {
    }

    /** A random loopback address other than 127.0.0.1, fresh for each test. */
    public static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    public static HttpResult post(String fromAddress, String url, String contentType, String body) {
        URI uri = URI.create(url);
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getByName(uri.getHost()), uri.getPort(), InetAddress.getByName(fromAddress), 0)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: " + contentType + "\r\nAccept: application/json\r\nContent-Length: " + content.length
                    + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResult parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        boolean chunked = false;
        for (String line : lines) {
            chunked |= line.toLowerCase().startsWith("transfer-encoding:") && line.toLowerCase().contains("chunked");
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (chunked) {
            body = dechunk(new java.io.ByteArrayInputStream(body));
        }
        String content = new String(body, StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.JsonNode json = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        try {
            json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(content);
        } catch (IOException e) {
            // not JSON: the test says so
        }
        return new HttpResult(status, json == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : json, content);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.read();
            in.read();
        }
    }
}
