package dev.stoker.ignition.emulator;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Gateway log lines on stdout, the container's log, in the shape of Ignition's wrapper log. */
public final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS");

    private Log() {
    }

    public static void info(String logger, String message) {
        line("INFO", logger, message);
    }

    public static void warn(String logger, String message) {
        line("WARN", logger, message);
    }

    private static synchronized void line(String level, String logger, String message) {
        System.out.printf("%s | %-5s | %-24s | %s%n", TIME.format(ZonedDateTime.now()), level, logger, message);
        System.out.flush();
    }
}
