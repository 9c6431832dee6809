package dev.stoker.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.common.UnavailableException;
import dev.stoker.api.docs.Document;
import dev.stoker.api.docs.DocumentRequest;
import dev.stoker.api.docs.Finding;
import dev.stoker.api.secrets.SecretService;
import dev.stoker.documents.llm.internal.ModelWriter;
import dev.stoker.documents.llm.internal.WriterConfig;
import dev.stoker.store.internal.Standalone;
import dev.stoker.testing.Fakes;
import dev.stoker.testing.OsgiConfigs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The language model writers (LangChain4j) against providers on 127.0.0.1 that speak the OpenAI and Anthropic
 * wire protocols with canned answers: provenance, keys from the secret store, grounding of what they invent.
 */
class ModelWritersTest {
  private static final String GROUNDED = "# Changes\n\nThe speed label of `" + World.MAIN + "` now reads Speed (rpm) "
      + "[d1]; commit `c3d4e5f` by ann [c1].\n";
  private static final String INVENTED = "# Changes\n\nThe view `com.inductiveautomation.perspective/views/Alarms` "
      + "was added [d2].\n";
  private final World world = new World();
  private final List<String> reveals = new CopyOnWriteArrayList<>();
  private ModelServer server;
  private DocumentServiceImpl service;

  @BeforeEach
  void setUp() throws Exception {
    server = new ModelServer();
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    service = new DocumentServiceImpl(Standalone.open(ds));
    service.repository = world.repository();
    service.users = world.users();
    service.audit = world.auditLog();
    SecretService secrets = Fakes.of(SecretService.class, Map.of("revealIn", a -> {
      reveals.add((String) a[1]);
      return ("key-for-" + a[1]).getBytes(StandardCharsets.UTF_8);
    }));
    service.addWriter(ModelWriter.of(config("gpt", "openai", "llm/openai"), secrets));
    service.addWriter(ModelWriter.of(config("claude", "anthropic", "llm/anthropic"), secrets));
  }

  private WriterConfig config(String id, String provider, String secret) {
    return OsgiConfigs.of(WriterConfig.class, Map.of("id", id, "provider", provider, "baseUrl", server.baseUrl(),
        "model", provider + "-model", "apiKeySecret", secret, "timeoutSeconds", 10));
  }

  @AfterEach
  void tearDown() {
    service.close();
    server.close();
  }

  private Document generate(String writer) {
    return service.generate("plant", DocumentRequest.changes(World.C1, "main").withWriter(writer), "ann");
  }

  @Test
  void openAiCompatibleWriterWordsTheFactsWithProvenance() {
    server.answer = GROUNDED;
    assertEquals(List.of("template", "claude", "gpt"), service.writers());
    Document d = generate("gpt");
    assertEquals(GROUNDED, d.content());
    assertEquals(List.of(), d.findings());
    ModelServer.Seen call = server.seen.get(0);
    assertEquals("/v1/chat/completions", call.path());
    assertEquals("Bearer key-for-llm/openai", call.header("Authorization"));
    assertEquals("openai-model", call.body().get("model").asText());
    assertEquals(List.of("llm/openai"), reveals);
    String prompt = call.prompt();
    assertTrue(prompt.contains(World.MAIN) && prompt.contains("\"id\" : \"c1\""), prompt);
    assertFalse(prompt.contains("hunter2") || prompt.contains("correct-horse"), "no secret value in a prompt");
    assertEquals("gpt", d.provenance().writer());
    assertEquals("openai", d.provenance().provider());
    assertEquals("gpt-test-0613", d.provenance().model());
    assertEquals(Prompts.VERSION, d.provenance().templateVersion());
    assertEquals(Json.sha256(prompt), d.provenance().promptSha256());
    assertEquals(321, d.provenance().inputTokens());
    assertEquals(45, d.provenance().outputTokens());
  }

  @Test
  void anthropicWriterThatInventsAPathIsFlaggedAndCannotBeSigned() {
    server.answer = INVENTED;
    Document d = generate("claude");
    ModelServer.Seen call = server.seen.get(0);
    assertEquals("/v1/messages", call.path());
    assertEquals("key-for-llm/anthropic", call.header("x-api-key"));
    assertTrue(call.header("anthropic-version") != null);
    assertEquals("claude-test-1", d.provenance().model());
    assertEquals(300, d.provenance().inputTokens());
    assertEquals(List.of("path:com.inductiveautomation.perspective/views/Alarms"),
        d.openFindings().stream().map(f -> f.kind() + ":" + f.text()).toList());
    service.review(d.id(), "submit", null, "ann");
    service.review(d.id(), "approve", null, "lee");
    assertThrows(ConflictException.class, () -> service.sign(d.id(), "lee"));
    Finding f = d.openFindings().get(0);
    service.accept(d.id(), f.id(), "the view ships in the next commit", "lee");
    assertEquals(dev.stoker.api.docs.DocumentStatus.SIGNED, service.sign(d.id(), "lee").status());
  }

  @Test
  void aProviderThatFailsLeavesNoDocument() {
    server.status = 500;
    UnavailableException e = assertThrows(UnavailableException.class, () -> generate("gpt"));
    assertTrue(e.getMessage().startsWith("writer 'gpt': openai at " + server.baseUrl()), e.getMessage());
    assertFalse(e.getMessage().contains("key-for"), e.getMessage());
    assertEquals(0, service.list("plant", PageRequest.first()).total());
  }
}
