package dev.stoker.integrations.internal;

import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured webhook (factory PID {@code dev.stoker.integrations.webhook}): adds its Camel route on
 * activation, removes it when the configuration goes away. A configuration change re-activates it.
 * A bad configuration is logged with the field at fault and adds no route.
 */
@Component(configurationPid = "dev.stoker.integrations.webhook", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookConfig.class, factory = true)
public class WebhookComponent {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookComponent.class);

  private final StokerCamel camel;
  private final String id;

  @Activate
  public WebhookComponent(@Reference CamelRuntime runtime, WebhookConfig config, Map<String, Object> properties) {
    this.camel = runtime.camel();
    String pid = String.valueOf(properties.getOrDefault(Constants.SERVICE_PID, "webhook"));
    String suffix = pid.contains("~") ? pid.substring(pid.lastIndexOf('~') + 1) : pid;
    String added = null;
    try {
      WebhookSpec spec = WebhookSpec.from(suffix, config, System::getenv);
      camel.addWebhook(spec);
      added = spec.id();
    } catch (IllegalArgumentException e) {
      LOG.error("Webhook {} not added: {}", pid, e.getMessage());
    } catch (Exception e) {
      LOG.error("Webhook {} not added: {}", pid, e.toString());
    }
    this.id = added;
  }

  @Deactivate
  void deactivate() {
    if (id != null) {
      camel.removeWebhook(id);
    }
  }
}
