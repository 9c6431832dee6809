package dev.stoker.integrations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.stoker.testing.OsgiConfigs;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert events through a real Camel context to a real SMTP server (GreenMail) on 127.0.0.1. */
class EmailRouteTest {
  private StokerCamel camel;
  private GreenMail smtp;

  @BeforeEach
  void start() throws Exception {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.setUser("ops@example.com", "stoker", "mail-secret");
    smtp.start();
    camel = StokerCamel.start(getClass().getClassLoader(), 5000);
  }

  @AfterEach
  void stop() {
    camel.close();
    smtp.stop();
  }

  private EmailConfig config(Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>(Map.of("host", "127.0.0.1", "port", smtp.getSmtp().getPort(),
        "security", "none", "username", "stoker", "passwordEnv", "MAIL_PASSWORD", "from", "stoker@example.com",
        "to", new String[] {"ops@example.com"}));
    props.putAll(overrides);
    return OsgiConfigs.of(EmailConfig.class, props);
  }

  private static Map<String, Object> alert(String state) {
    return Map.of("target", "env-1", "actor", "system:alerts", "change", state, "state", state,
        "ruleName", "gateway down", "severity", "critical", "kind", "gateway-down",
        "message", "gateway of environment 'plant' (env-1) is down: no answer within 2 s\r\nBcc: x@evil.example",
        "event.topics", "dev/stoker/alert");
  }

  @Test
  void sendsAlertsOfItsTopicsAsPlainTextMails() throws Exception {
    EmailSpec spec = EmailSpec.from("ops", config(Map.of()), n -> n.equals("MAIL_PASSWORD") ? "mail-secret" : null);
    camel.addEmail(spec);

    camel.publish("dev/stoker/audit", Map.of("actor", "alice", "action", "user.create"));
    camel.publish("dev/stoker/alert", alert("firing"));

    assertTrue(smtp.waitForIncomingEmail(10_000, 1), "no e-mail arrived");
    MimeMessage[] received = smtp.getReceivedMessages();
    assertEquals(1, received.length, "only the alert topic is sent");
    MimeMessage mail = received[0];
    assertEquals("[Stoker] FIRING gateway down (critical) on env-1", mail.getSubject());
    assertEquals("stoker@example.com", mail.getFrom()[0].toString());
    assertEquals("ops@example.com", mail.getAllRecipients()[0].toString());
    assertEquals(1, mail.getAllRecipients().length, "event text cannot add recipients");
    String body = GreenMailUtil.getBody(mail);
    assertTrue(body.contains("is down: no answer within 2 s"), body);
    assertTrue(body.contains("severity: critical"), body);
  }

  @Test
  void refusesABadConfigurationNamingTheField() {
    assertEquals("from", field(config(Map.of("from", "nobody"))));
    assertEquals("to", field(config(Map.of("to", new String[] {"a@b", "not an address"}))));
    assertEquals("host", field(config(Map.of("host", "smtp.example.com/evil"))));
    assertEquals("security", field(config(Map.of("security", "maybe"))));
    assertEquals("passwordEnv", field(config(Map.of("passwordEnv", "UNSET_VARIABLE"))));
  }

  private static String field(EmailConfig config) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EmailSpec.from("x", config, n -> n.equals("MAIL_PASSWORD") ? "set" : null));
    return e.getMessage().substring(0, e.getMessage().indexOf(':'));
  }
}
