package dev.stoker.ignition.emulator.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Perspective sessions as far as the emulator has them: every load of a project's client page opens one, which
 * ends after {@link #IDLE} (emulator-chosen; a real session lives while its browser tab stays connected).
 * At most {@link #MAX} are kept, the oldest going first.
 */
public final class PerspectiveSessions {

    static final Duration IDLE = Duration.ofMinutes(5);
    static final int MAX = 10_000;

    /** One open session. */
    public record Session(String id, String project, Instant started) {
    }

    private final Map<String, Session> open = new LinkedHashMap<>();

    public synchronized void opened(String project) {
        prune(Instant.now());
        if (open.size() >= MAX) {
            Iterator<String> oldest = open.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        Session s = new Session(UUID.randomUUID().toString().substring(0, 8), project, Instant.now());
        open.put(s.id(), s);
    }

    public synchronized List<Session> open() {
        prune(Instant.now());
        return new ArrayList<>(open.values());
    }

    private void prune(Instant now) {
        open.values().removeIf(s -> s.started().plus(IDLE).isBefore(now));
    }
}
