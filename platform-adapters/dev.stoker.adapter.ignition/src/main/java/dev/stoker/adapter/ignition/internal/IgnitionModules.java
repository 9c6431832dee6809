package dev.stoker.adapter.ignition.internal;

import dev.stoker.api.common.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names of Ignition's built-in modules. {@code GATEWAY_MODULES_ENABLED} takes short names on 8.1
 * ({@code perspective}) and module ids on 8.3 ({@code com.inductiveautomation.perspective}); requests may
 * use either form and the adapter writes the one the line expects.
 */
final class IgnitionModules {

  /** Short name (8.1) → module id (8.3). */
  private static final Map<String, String> BUILT_INS = Map.ofEntries(
      Map.entry("alarm-notification", "com.inductiveautomation.alarm-notification"),
      Map.entry("allen-bradley-drivers", "com.inductiveautomation.opcua.drivers.ab"),
      Map.entry("logix-driver", "com.inductiveautomation.opcua.drivers.logix"),
      Map.entry("modbus-driver-v2", "com.inductiveautomation.opcua.drivers.modbus"),
      Map.entry("opc-ua", "com.inductiveautomation.opcua"),
      Map.entry("perspective", "com.inductiveautomation.perspective"),
      Map.entry("reporting", "com.inductiveautomation.reporting"),
      Map.entry("sfc", "com.inductiveautomation.sfc"),
      Map.entry("siemens-drivers", "com.inductiveautomation.opcua.drivers.siemens"),
      Map.entry("sql-bridge", "com.inductiveautomation.sqlbridge"),
      Map.entry("tag-historian", "com.inductiveautomation.historian"),
      Map.entry("udp-tcp-drivers", "com.inductiveautomation.opcua.drivers.tcpudp"),
      Map.entry("vision", "com.inductiveautomation.vision"),
      Map.entry("web-developer", "com.inductiveautomation.webdev"));

  private static final Pattern SHORT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern MODULE_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+");

  private IgnitionModules() {
  }

  /**
   * @param field the request field the names came from, for error messages
   * @param names comma-separated short names or module ids
   * @return the names in the form {@code line} expects, without duplicates, in request order
   */
  static List<String> forLine(String field, String names, IgnitionLine line) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : csv(names)) {
      out.add(line == IgnitionLine.V83 ? toId(field, name) : toShortName(field, name));
    }
    return new ArrayList<>(out);
  }

  /** @return comma-separated module ids, each checked to look like one */
  static List<String> moduleIds(String field, String ids) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : csv(ids)) {
      if (!MODULE_ID.matcher(id).matches()) {
        throw new InvalidInputException(field + ": '" + id + "' is not a module id (e.g. com.example.mymodule)");
      }
      out.add(id);
    }
    return new ArrayList<>(out);
  }

  private static String toId(String field, String name) {
    String id = BUILT_INS.get(name);
    if (id != null) {
      return id;
    }
    if (MODULE_ID.matcher(name).matches()) {
      return name;
    }
    throw new InvalidInputException(field + ": unknown module '" + name + "' (8.3 takes module ids such as "
        + "com.inductiveautomation.perspective, or the short names " + String.join(", ", sortedShortNames()) + ")");
  }

  private static String toShortName(String field, String name) {
    for (Map.Entry<String, String> e : BUILT_INS.entrySet()) {
      if (e.getValue().equals(name)) {
        return e.getKey();
      }
    }
    if (SHORT_NAME.matcher(name).matches()) {
      return name;
    }
    throw new InvalidInputException(field + ": '" + name + "' is not an 8.1 module name (8.1 takes short names "
        + "such as perspective, opc-ua)");
  }

  private static List<String> sortedShortNames() {
    return BUILT_INS.keySet().stream().sorted().toList();
  }

  static List<String> csv(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String part : text.split(",")) {
      String p = part.strip();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }
}
