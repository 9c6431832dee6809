package dev.stoker.shell.internal;

import dev.stoker.api.secrets.Scopes;
import dev.stoker.api.secrets.SecretMetadata;
import dev.stoker.api.secrets.SecretScope;
import dev.stoker.api.secrets.SecretService;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Base of the {@code stoker:secret-*} commands. Values go in (argument, masked prompt or file); only
 * {@code secret-reveal}, a privileged call the service audits, prints one. Every other command prints
 * metadata only (lease listings show secret paths and file names, never values). The service audits every
 * call with actor {@code shell:<USER>}.
 */
abstract class SecretCommand extends StokerCommand {
  static final String SCOPE_HELP = "workspace (default), project:<id>, stage:<id> or environment:<id>";

  @Reference
  SecretService secrets;

  @Reference
  Session session;

  String actor() {
    return actor(session);
  }

  static CommandException notFound(SecretScope scope, String path) {
    return failure("secret '" + Scopes.reference(scope, path) + "' not found");
  }

  static ShellTable metadataTable(boolean withPath) {
    ShellTable table = new ShellTable();
    for (String c : withPath ? new String[] {"Path", "Type", "Version", "Created", "By", "Expires", "Details"}
        : new String[] {"Version", "Type", "Created", "By", "Expires", "Details"}) {
      table.column(c);
    }
    return table;
  }

  static void addRow(ShellTable table, SecretMetadata m, boolean withPath) {
    String created = m.created() == null ? "" : m.created().toString();
    String expires = m.expires() == null ? "" : m.expires().toString();
    String details = details(m.attributes());
    if (withPath) {
      table.addRow().addContent(m.path(), Scopes.typeId(m.type()), m.version(), created, m.createdBy(), expires,
          details);
    } else {
      table.addRow().addContent(m.version(), Scopes.typeId(m.type()), created, m.createdBy(), expires, details);
    }
  }

  /** Parsed, non-secret attributes (metadata never carries values), one {@code key=value} list. */
  private static String details(Map<String, String> attributes) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(attributes).entrySet()) {
      b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
    }
    return b.length() <= 80 ? b.toString() : b.substring(0, 79) + "…";
  }

  /** @return whether the value is UTF-8 text without control characters other than tab and line breaks */
  static boolean isText(byte[] value) {
    CharBuffer chars;
    try {
      chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value));
    } catch (CharacterCodingException e) {
      return false;
    }
    try {
      for (int i = 0; i < chars.limit(); i++) {
        char c = chars.get(i);
        if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
          return false;
        }
      }
      return true;
    } finally {
      if (chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }
}
