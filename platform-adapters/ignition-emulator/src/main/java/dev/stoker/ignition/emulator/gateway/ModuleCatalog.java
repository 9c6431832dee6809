package dev.stoker.ignition.emulator.gateway;

import java.util.List;
import java.util.Optional;

/**
 * The modules an Ignition install ships with. GATEWAY_MODULES_ENABLED names them by short name on
 * 8.1 ({@code perspective}) and by module id on 8.3 ({@code com.inductiveautomation.perspective}).
 */
public final class ModuleCatalog {

    /** A built-in module under both of its names. */
    public record BuiltIn(String shortName, String id, String name) {
    }

    public static final List<BuiltIn> BUILT_INS = List.of(
            new BuiltIn("alarm-notification", "com.inductiveautomation.alarm-notification", "Alarm Notification"),
            new BuiltIn("allen-bradley-drivers", "com.inductiveautomation.opcua.drivers.ab", "Allen-Bradley Driver"),
            new BuiltIn("logix-driver", "com.inductiveautomation.opcua.drivers.logix", "Logix Driver"),
            new BuiltIn("modbus-driver-v2", "com.inductiveautomation.opcua.drivers.modbus", "Modbus Driver"),
            new BuiltIn("opc-ua", "com.inductiveautomation.opcua", "OPC-UA"),
            new BuiltIn("perspective", "com.inductiveautomation.perspective", "Perspective"),
            new BuiltIn("reporting", "com.inductiveautomation.reporting", "Reporting"),
            new BuiltIn("sfc", "com.inductiveautomation.sfc", "SFC"),
            new BuiltIn("siemens-drivers", "com.inductiveautomation.opcua.drivers.siemens", "Siemens Drivers"),
            new BuiltIn("sql-bridge", "com.inductiveautomation.sqlbridge", "SQL Bridge (Transaction Groups)"),
            new BuiltIn("tag-historian", "com.inductiveautomation.historian", "Tag Historian"),
            new BuiltIn("udp-tcp-drivers", "com.inductiveautomation.opcua.drivers.tcpudp", "UDP and TCP Drivers"),
            new BuiltIn("vision", "com.inductiveautomation.vision", "Vision"),
            new BuiltIn("web-developer", "com.inductiveautomation.webdev", "WebDev"));

    private ModuleCatalog() {
    }

    public static Optional<BuiltIn> byShortName(String shortName) {
        return BUILT_INS.stream().filter(m -> m.shortName().equals(shortName)).findFirst();
    }

    public static Optional<BuiltIn> byId(String id) {
        return BUILT_INS.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Modules made by Inductive Automation need no licence or certificate acceptance. */
    public static boolean isFirstParty(String moduleId) {
        return moduleId.startsWith("com.inductiveautomation.");
    }
}
