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
 * One configured e-mail notification (factory PID {@code dev.stoker.integrations.email}): adds its Camel
 * route on activation and removes it when the configuration goes away. A bad configuration is logged with
 * the field at fault and adds no route.
 */
@Component(configurationPid = "dev.stoker.integrations.email", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EmailConfig.class, factory = true)
public class EmailComponent {
  private static final Logger LOG = LoggerFactory.getLogger(EmailComponent.class);

  private final StokerCamel camel;
  private final EmailRoute route;

  @Activate
  public EmailComponent(@Reference CamelRuntime runtime, EmailConfig config, Map<String, Object> properties) {
    this.camel = runtime.camel();
    String pid = FactoryConfigs.pid(properties, "email");
    this.route = FactoryConfigs.addOrLog(LOG, "E-mail notification", pid,
        () -> camel.addEmail(EmailSpec.from(FactoryConfigs.suffix(pid), config, System::getenv)));
  }

  @Deactivate
  void deactivate() {
    if (route != null) {
      camel.removeEmail(route);
    }
  }
}
