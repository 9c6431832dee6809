package dev.stoker.integrations.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of tests that run a real Camel context and a real HTTP server on 127.0.0.1, fresh per test. */
abstract class CamelWithServer {
  StokerCamel camel;
  LocalHttpServer server;

  @BeforeEach
  void startCamelAndServer() throws Exception {
    camel = StokerCamel.start(getClass().getClassLoader(), 5000);
    server = new LocalHttpServer();
  }

  @AfterEach
  void stopCamelAndServer() {
    camel.close();
    server.close();
  }
}
