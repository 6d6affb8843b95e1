package org.vigie.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Browsers parked on Vigie's waiting page: each went through the identifier step (an identifier
 * nobody holds, so no push is sent and the challenge stays pending), then does what the page's
 * script does, for as long as it is parked: a long poll of the status endpoint (at most
 * {@value Login#LONG_POLL_SECONDS} s), asked again as soon as it answers, over its own keep-alive
 * connection, as a browser tab does. One thread and one socket per browser in the load generator.
 */
final class ParkedBrowsers implements AutoCloseable {

    private final Server server;
    private final Login login;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Long> pollTimes = new ConcurrentLinkedQueue<>();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong notPending = new AtomicLong();
    private volatile boolean recording;
    private volatile boolean stopped;

    ParkedBrowsers(Server server, Login login) {
        this.server = server;
        this.login = login;
    }

    /** Opens {@code count} waiting pages (8 at a time) and starts their polling. Returns how many are parked. */
    int park(int count, HttpClient[] clients) {
        List<String> statusUrls = pendingLogins(login, clients, count, true);
        for (String url : statusUrls) {
            URI uri = URI.create(url);
            String target = uri.getRawPath() + "?" + uri.getRawQuery() + "&wait=" + Login.LONG_POLL_SECONDS;
            Thread t = new Thread(null, () -> poll(target), "parked-browser", 256 * 1024);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return statusUrls.size();
    }

    /**
     * {@code count} pending logins, made 8 at a time: Vigie's waiting page (returns the status URLs)
     * or, when {@code vigie} is false, the stock login page (returns as many empty strings).
     */
    static List<String> pendingLogins(Login login, HttpClient[] clients, int count, boolean vigie) {
        ExecutorService makers = Executors.newFixedThreadPool(8);
        List<Future<String>> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpClient http = clients[i % clients.length];
            made.add(makers.submit(() -> {
                if (vigie) {
                    return login.parkOnWaitingPage(http, Practitioner.randomRpps("29"));
                }
                return login.parkOnStockLoginPage(http) ? "" : null;
            }));
        }
        List<String> out = new ArrayList<>();
        try {
            for (Future<String> f : made) {
                try {
                    String url = f.get(60, TimeUnit.SECONDS);
                    if (url != null) {
                        out.add(url);
                    }
                } catch (Exception e) {
                    // counted as missing
                }
            }
        } finally {
            makers.shutdownNow();
        }
        return out;
    }

    private void poll(String target) {
        byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.httpPort()
                + "\r\nAccept: application/json\r\nUser-Agent: " + WebSession.USER_AGENT + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        // Browsers reached the page at different times: spread the first polls over one interval.
        Bench.sleep(ThreadLocalRandom.current().nextLong(Login.POLL_INTERVAL_MS));
        Socket socket = null;
        InputStream in = null;
        OutputStream out = null;
        while (!stopped) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout((Login.LONG_POLL_SECONDS + 15) * 1000);
                    socket.connect(new InetSocketAddress("127.0.0.1", server.httpPort()), 5_000);
                    sockets.add(socket);
                    in = new BufferedInputStream(socket.getInputStream());
                    out = socket.getOutputStream();
                }
                long asked = System.nanoTime();
                out.write(request);
                out.flush();
                Response response = read(in);
                long answered = System.nanoTime();
                polls.incrementAndGet();
                if (recording) {
                    pollTimes.add(answered - asked);
                }
                if (response.status != 200) {
                    errors.incrementAndGet();
                    Bench.sleep(Login.POLL_INTERVAL_MS);
                } else if (!response.body.contains("\"pending\"")) {
                    notPending.incrementAndGet();
                }
                if (response.close) {
                    close(socket);
                    socket = null;
                }
            } catch (IOException e) {
                if (!stopped) {
                    errors.incrementAndGet();
                }
                close(socket);
                socket = null;
                Bench.sleep(Login.POLL_INTERVAL_MS);
            }
        }
        close(socket);
    }

    record Response(int status, String body, boolean close) {
    }

    /** One HTTP/1.1 response: status line, headers, a Content-Length or chunked body. */
    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("bad status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        int length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            body.write(in.readNBytes(length));
        } else {
            close = true;
            body.write(in.readAllBytes());
        }
        return new Response(status, body.toString(StandardCharsets.UTF_8), close);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Starts or stops keeping the status endpoint's response times. */
    void recording(boolean on) {
        if (on) {
            pollTimes.clear();
        }
        recording = on;
    }

    /** The status endpoint's response times recorded so far (nanoseconds). */
    List<Long> pollTimes() {
        return new ArrayList<>(pollTimes);
    }

    long polls() {
        return polls.get();
    }

    long errors() {
        return errors.get();
    }

    long notPending() {
        return notPending.get();
    }

    int parked() {
        return threads.size();
    }

    @Override
    public void close() {
        stopped = true;
        threads.forEach(Thread::interrupt);
        synchronized (sockets) {
            sockets.forEach(ParkedBrowsers::close);
        }
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
