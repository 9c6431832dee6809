package dev.stoker.repository.internal;

import dev.stoker.api.common.InvalidInputException;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * One SSH session factory per push or pull: the private key comes from the secret store (never from
 * {@code ~/.ssh}), and the server's host key is trusted on first use and pinned (its SHA-256 fingerprint is
 * kept in the project's configuration; a different key later is refused).
 */
final class SshTransports implements AutoCloseable {
  private final SshdSessionFactory factory;
  private final Path home;

  /**
   * @param privateKey the key in OpenSSH or PEM form
   * @param pinned the fingerprint trusted so far, or {@code null}
   * @param pin stores the fingerprint seen on first use
   */
  SshTransports(byte[] privateKey, Supplier<String> pinned, Consumer<String> pin) {
    List<KeyPair> keys = new ArrayList<>();
    try {
      SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("stoker-secret"),
          new ByteArrayInputStream(privateKey), null).forEach(keys::add);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new InvalidInputException("secret: not an SSH private key (OpenSSH or PEM form)", e);
    }
    if (keys.isEmpty()) {
      throw new InvalidInputException("secret: holds no SSH private key");
    }
    try {
      home = Files.createTempDirectory("stoker-ssh");
      Files.createDirectories(home.resolve(".ssh"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerKeyDatabase hosts = new ServerKeyDatabase() {
      @Override
      public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return List.of();
      }

      @Override
      public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
          Configuration config, CredentialsProvider provider) {
        String seen = KeyUtils.getFingerPrint(serverKey);
        String trusted = pinned.get();
        if (trusted == null) {
          pin.accept(seen);
          return true;
        }
        return trusted.equals(seen);
      }
    };
    factory = new SshdSessionFactoryBuilder()
        .setHomeDirectory(home.toFile())
        .setSshDirectory(home.resolve(".ssh").toFile())
        .setDefaultKeysProvider((File dir) -> keys)
        .setServerKeyDatabase((File h, File s) -> hosts)
        .setPreferredAuthentications("publickey")
        .build(null);
  }

  TransportConfigCallback callback() {
    return transport -> {
      if (transport instanceof SshTransport ssh) {
        ssh.setSshSessionFactory(factory);
      }
    };
  }

  @Override
  public void close() {
    factory.close();
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder; nothing secret is written there
    }
  }
}
