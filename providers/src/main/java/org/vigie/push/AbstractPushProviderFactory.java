package org.vigie.push;

import java.net.http.HttpClient;
import java.time.Duration;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;

/** What both push services' factories share: this node's queue and HTTP client, started and stopped with the server. */
abstract class AbstractPushProviderFactory implements PushProviderFactory {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private PushDispatcher dispatcher;
    private HttpClient http;

    @Override
    public void init(Config.Scope config) {
        dispatcher = new PushDispatcher(getId());
        // Redirects are not followed: a push service answers where it was asked.
        http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        dispatcher.start(factory);
    }

    @Override
    public PushDispatcher dispatcher() {
        return dispatcher;
    }

    HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.stop();
        }
    }
}
