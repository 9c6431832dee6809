package dev.stoker.ignition.emulator;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Gateway log lines on stdout, the container's log, in the shape the real gateway's console has: the Java
 * Service Wrapper's prefix ({@code INFO   | jvm 1    | yyyy/MM/dd HH:mm:ss | }, its level always INFO for the
 * gateway's own output) around Ignition's logback pattern {@code %.-1p [%-30c{1}] [%d{HH:mm:ss.SSS}] [%t]: %m}.
 */
public final class Log {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Log() {
    }

    public static void info(String logger, String message) {
        line('I', logger, message);
    }

    public static void warn(String logger, String message) {
        line('W', logger, message);
    }

    public static void error(String logger, String message) {
        line('E', logger, message);
    }

    private static synchronized void line(char level, String logger, String message) {
        ZonedDateTime now = ZonedDateTime.now();
        System.out.printf("INFO   | jvm 1    | %s | %c [%-30s] [%s] [%s]: %s%n", DAY_TIME.format(now), level, logger,
                TIME.format(now), Thread.currentThread().getName(), message);
        System.out.flush();
    }
}
