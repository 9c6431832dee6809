package dev.stoker.ignition.emulator.config;

/** The Ignition release being emulated; 8.1 and 8.3 differ in module naming, REST API and backup layout. */
public record IgnitionVersion(int major, int minor, int patch) {

    public static IgnitionVersion parse(String text) {
        String[] parts = text.strip().split("\\.");
        if (parts.length != 3) {
            throw new StartupException("IGNITION_VERSION must look like 8.1.44 or 8.3.4, got '" + text + "'");
        }
        try {
            IgnitionVersion v = new IgnitionVersion(
                    Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            if (v.major != 8 || (v.minor != 1 && v.minor != 3)) {
                throw new StartupException("only Ignition 8.1.x and 8.3.x are emulated, got " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new StartupException("IGNITION_VERSION must be numeric, got '" + text + "'");
        }
    }

    /** 8.3 brought the REST API, file-based configuration and module ids in GATEWAY_MODULES_ENABLED. */
    public boolean is83() {
        return minor >= 3;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
