package dev.stoker.queue.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.queue.WorkQueue;
import dev.stoker.api.queue.WorkQueues;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@link WorkQueues} on the Artemis broker named by the configuration. The broker may start after this
 * component: queues connect (and reconnect) on their own. Each opened queue belongs to its caller, who closes
 * it; a change of the broker address therefore restarts this component and, through their references, its
 * users.
 */
@Component(service = WorkQueues.class, configurationPid = "dev.stoker.queue",
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = QueueConfig.class)
public class ArtemisWorkQueues implements WorkQueues {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");
  private final String brokerUrl;

  @Activate
  public ArtemisWorkQueues(QueueConfig config) {
    this(config.brokerUrl());
  }

  /** @param brokerUrl Artemis core URL, e.g. {@code tcp://127.0.0.1:61616} */
  public ArtemisWorkQueues(String brokerUrl) {
    this.brokerUrl = brokerUrl;
  }

  @Override
  public WorkQueue open(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException("name: a queue name is 1-100 lower-case letters, digits, dots and dashes, got '"
          + name + "'");
    }
    return new ArtemisWorkQueue(brokerUrl, name);
  }
}
