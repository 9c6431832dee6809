package dev.stoker.rest.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoker.api.security.StokerPrincipal;

/**
 * One tool of the MCP endpoint: its name, what it does (for the assistant), its input schema, whether it
 * changes anything, and what runs when it is called.
 *
 * @param write whether the tool changes anything (offered only where an admin enables write tools)
 */
record McpTool(String name, String description, ObjectNode inputSchema, boolean write, Handler handler) {

  /** Runs a call with arguments already checked against the input schema. */
  @FunctionalInterface
  interface Handler {
    /** @return what the tool answers, serialised to JSON for the assistant */
    Object call(StokerPrincipal caller, McpArgs args);
  }
}
