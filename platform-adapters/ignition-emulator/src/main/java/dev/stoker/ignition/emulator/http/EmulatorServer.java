package dev.stoker.ignition.emulator.http;

import com.sun.net.httpserver.HttpServer;
import dev.stoker.ignition.emulator.Log;
import dev.stoker.ignition.emulator.gateway.Gateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's web server on GATEWAY_HTTP_PORT: pages, commissioning, the REST API (8.3) and emulator introspection. */
public final class EmulatorServer {

    private final HttpServer server;
    private final ExecutorService workers;

    public EmulatorServer(Gateway gateway, int port) {
        Router router = new Router();
        new GatewayPages(gateway).register(router);
        new EmulatorRoutes(gateway).register(router);
        new ProjectPages(gateway).register(router);
        new TagCicdRoutes(gateway).register(router);
        if (gateway.settings().behaviour().restApi()) {
            new RestApi(gateway).register(router);
        }
        AtomicInteger counter = new AtomicInteger();
        // A few workers are plenty for tests and keep the thread count (and memory) small.
        workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        server.createContext("/", router);
        server.setExecutor(workers);
    }

    public void start() {
        server.start();
        Log.info("WebServer", "Listening on port " + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests, gives running ones a second to finish. */
    public void stop() {
        server.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
