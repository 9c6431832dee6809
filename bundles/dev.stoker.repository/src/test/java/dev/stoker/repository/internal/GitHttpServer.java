package dev.stoker.repository.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A Git smart-HTTP server on 127.0.0.1 for one bare repository: plain HTTP without authentication, or HTTPS
 * (a self-signed certificate for 127.0.0.1 that this JVM is made to trust) requiring HTTP Basic authentication
 * with a token as the password. The protocol work is JGit's ({@link UploadPack}, {@link ReceivePack}); this
 * class only maps the four smart-HTTP requests onto them.
 */
final class GitHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final Repository repo;
  private final String token;
  final AtomicInteger unauthorized = new AtomicInteger();

  /** Plain HTTP, no authentication. */
  GitHttpServer(Repository repo) throws IOException {
    this.repo = repo;
    this.token = null;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/repo.git/", this::handle);
    server.start();
  }

  /** HTTPS with a token; {@code keys} is a folder for the generated key store. */
  GitHttpServer(Repository repo, String token, java.nio.file.Path keys) throws IOException {
    this.repo = repo;
    this.token = token;
    com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
        new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(TestTls.context(keys)));
    this.server = https;
    server.createContext("/repo.git/", this::handle);
    server.start();
  }

  String url() {
    return (server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http") + "://127.0.0.1:"
        + server.getAddress().getPort() + "/repo.git";
  }

  private boolean authorized(HttpExchange ex) {
    if (token == null) {
      return true;
    }
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    return decoded.substring(decoded.indexOf(':') + 1).equals(token);
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      serve(ex);
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      if (!authorized(ex)) {
        unauthorized.incrementAndGet();
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      String path = ex.getRequestURI().getPath();
      String query = ex.getRequestURI().getQuery();
      if (path.endsWith("/info/refs") && query != null && query.startsWith("service=")) {
        String service = query.substring("service=".length());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        PacketLineOut pkt = new PacketLineOut(body);
        pkt.writeString("# service=" + service + "\n");
        pkt.end();
        RefAdvertiser.PacketLineOutRefAdvertiser adv = new RefAdvertiser.PacketLineOutRefAdvertiser(pkt);
        if (service.equals("git-upload-pack")) {
          UploadPack up = new UploadPack(repo);
          up.setBiDirectionalPipe(false);
          up.sendAdvertisedRefs(adv);
        } else if (service.equals("git-receive-pack")) {
          ReceivePack rp = new ReceivePack(repo);
          rp.setBiDirectionalPipe(false);
          rp.sendAdvertisedRefs(adv);
        } else {
          ex.sendResponseHeaders(403, -1);
          return;
        }
        send(ex, "application/x-" + service + "-advertisement", body.toByteArray());
      } else if (path.endsWith("/git-upload-pack") && ex.getRequestMethod().equals("POST")) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        UploadPack up = new UploadPack(repo);
        up.setBiDirectionalPipe(false);
        try (InputStream in = body(ex)) {
          up.upload(in, body, null);
        }
        send(ex, "application/x-git-upload-pack-result", body.toByteArray());
      } else if (path.endsWith("/git-receive-pack") && ex.getRequestMethod().equals("POST")) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ReceivePack rp = new ReceivePack(repo);
        rp.setBiDirectionalPipe(false);
        try (InputStream in = body(ex)) {
          rp.receive(in, body, null);
        }
        send(ex, "application/x-git-receive-pack-result", body.toByteArray());
      } else {
        ex.sendResponseHeaders(404, -1);
      }
    }
  }

  /** The request body, inflated when the client gzipped it (JGit does for larger requests). */
  private static InputStream body(HttpExchange ex) throws IOException {
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    return "gzip".equalsIgnoreCase(encoding) ? new java.util.zip.GZIPInputStream(ex.getRequestBody())
        : ex.getRequestBody();
  }

  private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.getResponseHeaders().add("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
