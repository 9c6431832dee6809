package dev.stoker.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

class MirroringTest {

  private static TransportException wrapped(Throwable cause) {
    return new TransportException("https://host/x.git: " + cause.getMessage(), cause);
  }

  @Test
  void transportFailuresAreSummarisedWithoutJGitsText() throws Exception {
    assertEquals("there is no repository at that URL", Mirroring.reason(wrapped(
        new NoRemoteRepositoryException(new URIish("https://host/x.git"), "not found."))));
    assertEquals("the remote cannot be reached", Mirroring.reason(wrapped(new ConnectException("Connection refused"))));
    assertEquals("the remote refused the credentials (check the secret)", Mirroring.reason(wrapped(
        new org.eclipse.jgit.errors.TransportException("https://host/x.git: not authorized"))));
    assertEquals("the server's SSH host key is not the pinned one (set the remote again to trust a new key)",
        Mirroring.reason(wrapped(new java.io.IOException("Server key did not validate"))));
    assertEquals("the transport failed (see the log)", Mirroring.reason(wrapped(new java.io.IOException("odd"))));
  }
}
