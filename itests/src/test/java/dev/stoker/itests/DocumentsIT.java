package dev.stoker.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Documents through the API of the booted distribution, from a real project repository: a change summary from
 * the template writer, an invented path flagged by the grounding check, the review and the sign-off, and the
 * role boundaries on the way (docs/documents.md). Needs no Docker.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DocumentsIT {
  private static final long DEADLINE_MS = 90_000;
  private static final String VIEW = "com.inductiveautomation.perspective/views/Overview";

  private Http http;
  private String adminPassword;

  @Inject
  private FeaturesService features;
  @Inject
  private BundleContext context;
  @Inject
  private ConfigurationAdmin configurations;

  @Configuration
  public Option[] config() throws IOException {
    return StokerOptions.distribution(systemProperty("stoker.itest.model.port")
        .value(String.valueOf(CannedModel.start())));
  }

  @Before
  public void setUp() throws Exception {
    http = new Http(Integer.getInteger("stoker.itest.port"));
    adminPassword = http.awaitInitialAdminPassword(DEADLINE_MS);
  }

  private String user(String admin, String name, String role) throws Exception {
    return http.user(admin, name, role);
  }

  @Test
  public void changeSummaryIsGroundedReviewedAndSigned() throws Exception {
    String admin = http.login("admin", adminPassword);
    String engineer = user(admin, "doc-eng", "engineer");
    String viewer = user(admin, "doc-viewer", "viewer");
    int port = Integer.getInteger("stoker.itest.port");
    assertEquals(201, http.post("/api/v1/projects", admin, "{\"name\":\"doc-plant\",\"platform\":\"ignition\"}")
        .status());
    Http.Answer first = Uploads.multipart(port, "/api/v1/projects/doc-plant/imports?message=First", engineer,
        Map.of("project", Uploads.project("Running", "#00ff00", "x = 1\n"),
            "tags", Uploads.tags(100).getBytes(StandardCharsets.UTF_8)));
    assertEquals(first.toString(), 201, first.status());
    String r1 = first.body().get("id").asText();
    assertEquals(201, Uploads.multipart(port, "/api/v1/projects/doc-plant/imports?message=Stop%20text", engineer,
        Map.of("project", Uploads.project("Stopped", "#00ff00", "x = 1\n"))).status());

    String request = "{\"kind\":\"change-summary\",\"from\":\"" + r1 + "\",\"to\":\"main\"}";
    assertEquals(403, http.post("/api/v1/projects/doc-plant/documents", viewer, request).status());
    Http.Answer generated = http.post("/api/v1/projects/doc-plant/documents", engineer, request);
    assertEquals(generated.toString(), 201, generated.status());
    JsonNode doc = generated.body();
    String id = doc.get("id").asText();
    assertEquals("DRAFT", doc.get("status").asText());
    assertEquals("template", doc.get("provenance").get("writer").asText());
    assertEquals(0, doc.get("findings").size());
    String content = doc.get("content").asText();
    assertTrue(content, content.contains("modified `" + VIEW + "`") && content.contains("Stopped"));
    assertEquals(doc.get("facts").get("sha256"), doc.get("provenance").get("factsSha256"));

    // bad input: 400 naming the field, nothing stored
    assertEquals("kind", http.post("/api/v1/projects/doc-plant/documents", engineer, "{\"kind\":\"novel\"}")
        .body().get("field").asText());
    assertEquals("periodFrom", http.post("/api/v1/projects/doc-plant/documents", engineer,
        "{\"kind\":\"compliance-report\",\"periodFrom\":\"yesterday\"}").body().get("field").asText());
    assertEquals("from", http.post("/api/v1/projects/doc-plant/documents", engineer,
        "{\"kind\":\"change-summary\",\"from\":\"no-such-rev\"}").body().get("field").asText());
    assertEquals(1, http.get("/api/v1/projects/doc-plant/documents", viewer).body().get("total").asInt());

    // an invented resource path is flagged and blocks signing until accepted
    String invented = content + "\nAlso `com.inductiveautomation.perspective/views/Alarms` changed.\n";
    JsonNode edited = http.send("PUT", "/api/v1/documents/" + id + "/content", engineer,
        Http.JSON.writeValueAsString(Map.of("content", invented))).body();
    assertEquals(edited.toString(), 1, edited.get("findings").size());
    JsonNode finding = edited.get("findings").get(0);
    assertEquals("path", finding.get("kind").asText());
    assertEquals(403, http.post("/api/v1/documents/" + id + "/reviews", viewer, "{\"action\":\"submit\"}").status());
    assertEquals(200, http.post("/api/v1/documents/" + id + "/reviews", engineer, "{\"action\":\"submit\"}")
        .status());
    assertEquals(403, http.post("/api/v1/documents/" + id + "/reviews", engineer, "{\"action\":\"approve\"}")
        .status());
    assertEquals(200, http.post("/api/v1/documents/" + id + "/reviews", admin, "{\"action\":\"approve\"}")
        .status());
    assertEquals(403, http.post("/api/v1/documents/" + id + "/sign", viewer, null).status());
    assertEquals(403, http.post("/api/v1/documents/" + id + "/sign", engineer, null).status());
    Http.Answer blocked = http.post("/api/v1/documents/" + id + "/sign", admin, null);
    assertEquals(blocked.toString(), 409, blocked.status());
    String accept = "/api/v1/documents/" + id + "/findings/" + finding.get("id").asText() + "/accept";
    assertEquals(403, http.post(accept, engineer, "{\"note\":\"planned view\"}").status());
    assertEquals(200, http.post(accept, admin, "{\"note\":\"planned view\"}").status());
    Http.Answer signed = http.post("/api/v1/documents/" + id + "/sign", admin, null);
    assertEquals(signed.toString(), 200, signed.status());
    assertEquals("SIGNED", signed.body().get("status").asText());
    assertEquals("admin", signed.body().get("signature").get("signer").asText());
    assertEquals(409, http.send("PUT", "/api/v1/documents/" + id + "/content", admin, "{\"content\":\"x\"}")
        .status());
    java.net.http.HttpResponse<byte[]> pdf = Uploads.bytes("http://127.0.0.1:" + port + "/api/v1/documents/" + id
        + "/export?format=pdf", "Authorization", "Bearer " + viewer);
    assertEquals(200, pdf.statusCode());
    assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
    assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII));
    JsonNode audit = http.get("/api/v1/audit?action=document.sign", admin).body();
    assertTrue(audit.toString(), audit.toString().contains("document:" + id));
  }

  @Test
  public void languageModelWritersAreHotPluggedAndTheirInventionsFlagged() throws Exception {
    String admin = http.login("admin", adminPassword);
    Bundle documents = Arrays.stream(context.getBundles())
        .filter(b -> "dev.stoker.documents".equals(b.getSymbolicName())).findFirst().orElseThrow();
    List<String> refreshed = new CopyOnWriteArrayList<>();
    BundleListener listener = e -> {
      if (e.getType() == BundleEvent.UNRESOLVED) {
        refreshed.add(e.getBundle().getSymbolicName());
      }
    };
    context.addBundleListener(listener);
    try {
      features.installFeature("stoker-documents-llm");
    } finally {
      context.removeBundleListener(listener);
    }
    assertEquals("installing the writers refreshes no bundle", List.of(), refreshed);
    assertEquals(Bundle.ACTIVE, documents.getState());

    assertEquals(201, http.post("/api/v1/secrets", admin, Http.JSON.createObjectNode().put("scope", "workspace")
        .put("path", "llm/itest").put("type", "password").put("value", CannedModel.KEY).toString()).status());
    Hashtable<String, Object> props = new Hashtable<>();
    props.put("id", "gpt");
    props.put("provider", "openai");
    props.put("baseUrl", "http://127.0.0.1:" + Integer.getInteger("stoker.itest.model.port") + "/v1");
    props.put("model", "gpt-x");
    props.put("apiKeySecret", "llm/itest");
    configurations.createFactoryConfiguration("dev.stoker.documents.writer", "?").update(props);
    Await.until("writer gpt", DEADLINE_MS, () -> http.get("/api/v1/documents/writers", admin).body()
        .get("writers").toString().contains("\"gpt\""));

    assertEquals(201, http.post("/api/v1/projects", admin, "{\"name\":\"llm-plant\",\"platform\":\"ignition\"}")
        .status());
    int port = Integer.getInteger("stoker.itest.port");
    Http.Answer first = Uploads.multipart(port, "/api/v1/projects/llm-plant/imports?message=First", admin,
        Map.of("project", Uploads.project("Running", "#00ff00", "x = 1\n")));
    assertEquals(first.toString(), 201, first.status());
    Http.Answer generated = http.post("/api/v1/projects/llm-plant/documents", admin,
        "{\"kind\":\"project-manual\",\"writer\":\"gpt\"}");
    assertEquals(generated.toString(), 201, generated.status());
    JsonNode doc = generated.body();
    assertEquals("gpt-itest", doc.get("provenance").get("model").asText());
    assertEquals(210, doc.get("provenance").get("inputTokens").asInt());
    assertEquals(doc.toString(), "com.inductiveautomation.perspective/views/Alarms",
        doc.get("findings").get(0).get("text").asText());
    String id = doc.get("id").asText();
    http.post("/api/v1/documents/" + id + "/reviews", admin, "{\"action\":\"submit\"}");
    http.post("/api/v1/documents/" + id + "/reviews", admin, "{\"action\":\"approve\"}");
    assertEquals(409, http.post("/api/v1/documents/" + id + "/sign", admin, null).status());
  }
}
