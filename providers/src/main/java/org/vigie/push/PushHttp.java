package org.vigie.push;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One bounded exchange with a push service: the whole exchange (headers and body) within
 * {@link #EXCHANGE_TIMEOUT_SECONDS}, else cancelled, and at most {@link #MAX_BODY_BYTES} of the
 * body read. {@link HttpRequest#timeout} alone stops at the headers: an endpoint that trickles its
 * body would otherwise hold a push thread, and memory, for ever.
 */
final class PushHttp {

    static final long EXCHANGE_TIMEOUT_SECONDS = 10;
    static final int MAX_BODY_BYTES = 1024;

    private PushHttp() {
    }

    /** The answer's status and first bytes of body; an {@link IOException} when none came in time. */
    static HttpResponse<String> exchange(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, info -> new CappedBody());
        try {
            return answer.get(EXCHANGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("exchange timed out", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            // Closes the connection of an exchange still running (timed out or interrupted).
            answer.cancel(true);
        }
    }

    /** Keeps the first {@link #MAX_BODY_BYTES} and stops reading there. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<String> {

        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final byte[] kept = new byte[MAX_BODY_BYTES];
        private int length;
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), MAX_BODY_BYTES - length);
                buffer.get(kept, length, take);
                length += take;
            }
            if (length >= MAX_BODY_BYTES) {
                subscription.cancel();
                onComplete();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(new String(kept, 0, length, StandardCharsets.UTF_8));
        }
    }
}
