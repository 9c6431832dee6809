package dev.stoker.integrations.internal;

import java.util.Map;
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
    String pid = FactoryConfigs.pid(properties, "webhook");
    this.id = FactoryConfigs.addOrLog(LOG, "Webhook", pid, () -> {
      WebhookSpec spec = WebhookSpec.from(FactoryConfigs.suffix(pid), config, System::getenv);
      camel.addWebhook(spec);
      return spec.id();
    });
  }

  @Deactivate
  void deactivate() {
    if (id != null) {
      camel.removeWebhook(id);
    }
  }
}
