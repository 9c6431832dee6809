package dev.stoker.integrations.internal;

import java.util.Map;
import java.util.concurrent.Callable;
import org.osgi.framework.Constants;
import org.slf4j.Logger;

/** What the components of factory configurations (webhooks, e-mail notifications) share. */
final class FactoryConfigs {
  private FactoryConfigs() {
  }

  /** @return the configuration's PID, e.g. {@code dev.stoker.integrations.webhook~ops} */
  static String pid(Map<String, Object> properties, String fallback) {
    return String.valueOf(properties.getOrDefault(Constants.SERVICE_PID, fallback));
  }

  /** @return the name part of a factory PID ({@code ops} of {@code ...webhook~ops}) */
  static String suffix(String pid) {
    return pid.contains("~") ? pid.substring(pid.lastIndexOf('~') + 1) : pid;
  }

  /**
   * Runs {@code add}; a bad configuration (IllegalArgumentException naming the field) or any other failure
   * is logged and gives {@code null}, so that one bad file never stops the others.
   */
  static <T> T addOrLog(Logger log, String what, String pid, Callable<T> add) {
    try {
      return add.call();
    } catch (IllegalArgumentException e) {
      log.error("{} {} not added: {}", what, pid, e.getMessage());
    } catch (Exception e) {
      log.error("{} {} not added: {}", what, pid, e.toString());
    }
    return null;
  }
}
