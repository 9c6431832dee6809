package dev.stoker.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool, served by test servers and trusted by
 * this JVM's HTTPS connections (JGit's default transport uses them), so tests exercise real TLS.
 */
final class TestTls {
  private static final char[] PASSWORD = "changeit".toCharArray();

  private TestTls() {
  }

  static synchronized SSLContext context(Path dir) throws IOException {
    Path store = dir.resolve("tls.p12");
    if (!Files.exists(store)) {
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "git", "-keyalg", "EC", "-groupname",
          "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype",
          "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD)).redirectErrorStream(true)
          .start();
      try {
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IOException("keytool failed: " + out);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      HttpsURLConnection.setDefaultSSLSocketFactory(ctx.getSocketFactory());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }
}
