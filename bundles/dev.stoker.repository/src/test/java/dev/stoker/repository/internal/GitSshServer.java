package dev.stoker.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An SSH server on 127.0.0.1 serving one bare repository to one public key: Apache MINA sshd for SSH,
 * JGit's {@link UploadPack} and {@link ReceivePack} for the Git commands.
 */
final class GitSshServer implements AutoCloseable {
  private final SshServer server;

  GitSshServer(Repository repo, PublicKey allowed, Path hostKey, int port) throws IOException {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(port);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
    server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, allowed));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory((channel, command) -> new GitCommand(repo, command));
    server.start();
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** {@code git-upload-pack '<path>'} or {@code git-receive-pack '<path>'} on the one repository. */
  private static final class GitCommand implements Command {
    private final Repository repo;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    GitCommand(Repository repo, String command) {
      this.repo = repo;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread t = new Thread(() -> {
        int code = 0;
        try {
          if (command.startsWith("git-upload-pack")) {
            new UploadPack(repo).upload(in, out, err);
          } else if (command.startsWith("git-receive-pack")) {
            new ReceivePack(repo).receive(in, out, err);
          } else {
            code = 127;
          }
          out.flush();
        } catch (IOException e) {
          code = 1;
        }
        exit.onExit(code);
      }, "git-ssh-command");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
      // the thread ends with the streams
    }
  }
}
