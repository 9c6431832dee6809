package dev.stoker.backup.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries configuration keys that an upgrade moved or renamed over to their new place, once, at start: the value
 * is written under the new name (unless the admin already set that one) and removed from the old place, with a
 * warning naming both. Karaf writes the change back to the {@code etc/*.cfg} files, so the next start finds the
 * files already migrated.
 */
@Component(immediate = true)
public class ConfigRenames {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigRenames.class);

  /** A key that moved: {@code fromPid/fromKey} is now {@code toPid/toKey}. */
  record Rename(String fromPid, String fromKey, String toPid, String toKey, String since) {
  }

  /** Every rename so far, oldest first. */
  static final List<Rename> RENAMES = List.of(
      new Rename("dev.stoker.environments", "brokerUrl", "dev.stoker.queue", "brokerUrl", "0.1.0"));

  @Activate
  public ConfigRenames(@Reference ConfigurationAdmin admin) {
    for (Rename r : RENAMES) {
      try {
        apply(admin, r);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Could not carry {} of {} over to {} of {}: {}", r.fromKey(), r.fromPid(), r.toKey(), r.toPid(),
            e.toString());
      }
    }
  }

  /** @return whether something was changed */
  static boolean apply(ConfigurationAdmin admin, Rename r) throws IOException {
    Configuration from = admin.getConfiguration(r.fromPid(), "?");
    Dictionary<String, Object> old = from.getProperties();
    Object value = old == null ? null : old.get(r.fromKey());
    if (value == null || value.toString().isBlank()) {
      return false;
    }
    Configuration to = admin.getConfiguration(r.toPid(), "?");
    Dictionary<String, Object> target = to.getProperties() == null ? new Hashtable<>() : to.getProperties();
    Object present = target.get(r.toKey());
    if (present == null || present.toString().isBlank()) {
      target.put(r.toKey(), value);
      to.update(target);
      LOG.warn("Configuration key {} of {} moved to {} of {} (Stoker {}): its value was carried over; edit"
          + " etc/{}.cfg from now on", r.fromKey(), r.fromPid(), r.toKey(), r.toPid(), r.since(), r.toPid());
    } else {
      LOG.warn("Configuration key {} of {} is no longer read (Stoker {}); {} of {} is set and wins: the old key was"
          + " removed", r.fromKey(), r.fromPid(), r.since(), r.toKey(), r.toPid());
    }
    old.remove(r.fromKey());
    from.update(old);
    return true;
  }
}
