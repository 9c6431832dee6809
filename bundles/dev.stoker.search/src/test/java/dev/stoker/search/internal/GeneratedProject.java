package dev.stoker.search.internal;

import dev.stoker.api.repository.Resource;
import dev.stoker.api.repository.ResourceTree;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated Ignition project of 2,000 resources: 20 views with a distinct behaviour each (the ones the test
 * queries describe) among 960 look-alike equipment views (area × equipment × screen), 500 scripts and 520
 * named queries.
 */
final class GeneratedProject {
  static final String VIEWS = "com.inductiveautomation.perspective/views/";
  static final int SIZE = 2000;
  private static final String[] EQUIPMENT = {"Pump", "Valve", "Motor", "Conveyor", "Mixer", "Fan", "Heater",
      "Feeder"};
  private static final String[] SCREENS = {"Detail", "Faceplate", "Trend", "Settings"};

  /** View name → the texts on it (labels, buttons, a script line). */
  static final Map<String, List<String>> DISTINCT = new LinkedHashMap<>();

  static {
    distinct("Alarms/AlarmAcknowledge", "Active alarms", "Acknowledge selected", "Acknowledge all",
        "system.alarm.acknowledge(selectedIds, 'operator note')", "Alarm priority", "Event time");
    distinct("Boiler/BurnerManagement", "Flame detected", "Purge sequence", "Ignition trial", "Pilot valve",
        "Flame scanner signal");
    distinct("Reports/ShiftReport", "Production per shift", "Export to PDF", "Shift start", "Shift end",
        "Good units", "Scrap units");
    distinct("Maintenance/WorkOrders", "Open work orders", "Assign technician", "Due date", "Priority",
        "Close work order");
    distinct("Login/ChangePassword", "Current password", "New password", "Confirm new password",
        "system.security.changePassword");
    distinct("Recipes/RecipeEditor", "Recipe name", "Ingredient", "Quantity kg", "Download recipe to PLC",
        "Batch formula");
    distinct("Energy/PowerDashboard", "kWh today", "Peak demand", "Electricity cost", "Power factor",
        "Meter readings");
    distinct("Quality/SpcChart", "Control limits", "Out of spec samples", "Cpk", "Sample mean",
        "Upper control limit");
    distinct("Tanks/TankFarm", "Tank level percent", "High level alarm", "Volume litres", "Storage tank",
        "Product in tank");
    distinct("Security/AuditTrail", "User actions log", "Who changed the setpoint", "Old value", "New value",
        "Timestamp of change");
    distinct("Shipping/TruckScheduling", "Dock door", "Truck arrival", "Loading slot", "Carrier",
        "Booking confirmed");
    distinct("Hvac/RoomClimate", "Room temperature", "Relative humidity", "Air handling unit",
        "Heating valve", "Cooling setpoint");
    distinct("Packaging/LabelPrinter", "Print label", "Barcode", "Printer status", "Label template",
        "Copies per box");
    distinct("Water/ChlorineDosing", "Chlorine ppm", "Dosing pump stroke", "Free chlorine residual",
        "Disinfection", "Drinking water outlet");
    distinct("Cameras/VideoWall", "Camera feed", "Pan tilt zoom", "Live video", "Recording",
        "Select camera");
    distinct("Inventory/SpareParts", "Stock on hand", "Reorder point", "Part number", "Supplier",
        "Order more parts");
    distinct("Downtime/DowntimeReasons", "Stop reason", "Minutes lost", "Pareto of stops", "Line stopped",
        "Operator comment on stop");
    distinct("Navigation/MainMenu", "Home", "Go to overview", "Menu", "Open screen", "Back");
    distinct("Utilities/CompressedAir", "Air pressure bar", "Compressor load", "Leak detection",
        "Air dryer", "Receiver tank");
    distinct("Site/WeatherStation", "Wind speed", "Rainfall mm", "Outside temperature", "Barometric pressure",
        "Weather forecast");
  }

  private GeneratedProject() {
  }

  private static void distinct(String name, String... texts) {
    DISTINCT.put(name, List.of(texts));
  }

  static ResourceTree tree() {
    Map<String, Resource> resources = new TreeMap<>();
    DISTINCT.forEach((name, texts) -> view(resources, name, texts));
    for (int area = 1; area <= 30; area++) {
      for (String eq : EQUIPMENT) {
        for (String screen : SCREENS) {
          int n = (area * 7 + eq.length()) % 12 + 1;
          view(resources, String.format("Area%02d/%s%d/%s", area, eq, n, screen), List.of(eq + " " + n + " "
              + screen.toLowerCase(), "Start", "Stop", "Mode auto manual", "Running hours", "Setpoint",
              eq + " " + n + " status", "Area " + area));
        }
      }
    }
    for (int i = 0; i < 500; i++) {
      String eq = EQUIPMENT[i % EQUIPMENT.length];
      String path = String.format("ignition/script-python/area%02d/%s%d", i % 30 + 1, eq.toLowerCase(), i);
      add(resources, path, "ignition/script-python", Map.of("code.py", "def read" + eq + "State(base):\n"
          + "    # reads the " + eq.toLowerCase() + " tags of area " + (i % 30 + 1) + "\n"
          + "    return system.tag.readBlocking([base + '/Running', base + '/Speed'])\n"));
    }
    for (int i = 0; i < 520; i++) {
      String eq = EQUIPMENT[i % EQUIPMENT.length];
      String path = String.format("ignition/named-query/Area%02d/Get%sRuns%d", i % 30 + 1, eq, i);
      add(resources, path, "ignition/named-query", Map.of("query.sql", "SELECT t_stamp, running, speed FROM "
          + eq.toLowerCase() + "_history WHERE area = :area AND t_stamp > :since ORDER BY t_stamp"));
    }
    if (resources.size() != SIZE) {
      throw new IllegalStateException(resources.size() + " resources generated, not " + SIZE);
    }
    return new ResourceTree(new byte[0], new TreeMap<>(resources), new byte[0]);
  }

  static void view(Map<String, Resource> resources, String name, List<String> texts) {
    StringBuilder children = new StringBuilder();
    for (String t : texts) {
      if (children.length() > 0) {
        children.append(',');
      }
      boolean script = t.contains("(");
      children.append(script
          ? "{\"type\":\"ia.input.button\",\"meta\":{\"name\":\"Button\"},\"events\":{\"component\":{\"onActionPerformed\":"
              + "{\"type\":\"script\",\"config\":{\"script\":\"" + t.replace("'", "\\u0027") + "\"}}}}}"
          : "{\"type\":\"ia.display.label\",\"meta\":{\"name\":\"Label\"},\"position\":{\"basis\":\"32px\"},"
              + "\"props\":{\"text\":\"" + t + "\"}}");
    }
    String json = "{\"custom\":{},\"params\":{},\"props\":{\"defaultSize\":{\"height\":600,\"width\":800}},"
        + "\"root\":{\"type\":\"ia.container.flex\",\"meta\":{\"name\":\"root\"},\"props\":{\"direction\":\"column\"},"
        + "\"children\":[" + children + "]}}";
    add(resources, VIEWS + name, "com.inductiveautomation.perspective/views", Map.of("view.json", json));
  }

  private static void add(Map<String, Resource> resources, String path, String type, Map<String, String> files) {
    Map<String, byte[]> bytes = new TreeMap<>();
    bytes.put("resource.json", "{\"scope\":\"G\",\"version\":1}".getBytes(StandardCharsets.UTF_8));
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    resources.put(path, Resource.of(path, type, bytes));
  }
}
