package dev.stoker.adapter.ignition.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Ignition adapter, PID {@code dev.stoker.adapter.ignition}. */
@ObjectClassDefinition(name = "Stoker Ignition adapter",
    description = "Images, defaults and timeouts for Inductive Automation Ignition gateways")
@interface IgnitionConfig {

  @AttributeDefinition(description = "Image repository for 8.3 gateways; the tag is the Ignition version "
      + "(e.g. stoker/ignition-emulator to run the emulator)")
  String imageRepository83() default "inductiveautomation/ignition";

  @AttributeDefinition(description = "Image repository for 8.1 gateways; the tag is the Ignition version")
  String imageRepository81() default "inductiveautomation/ignition";

  @AttributeDefinition(description = "Version used for 8.3 when a request names only the line")
  String defaultVersion83() default "8.3.4";

  @AttributeDefinition(description = "Version used for 8.1 when a request names only the line")
  String defaultVersion81() default "8.1.44";

  @AttributeDefinition(description = "Gateway admin user name (label ignition.admin-username overrides)")
  String adminUsername() default "admin";

  @AttributeDefinition(description = "Secret store path of the admin password when a request names none "
      + "under GATEWAY_ADMIN_PASSWORD")
  String adminPasswordSecret() default "ignition/gateway-admin-password";

  @AttributeDefinition(description = "Edition: standard, edge or maker (label ignition.edition overrides)")
  String edition() default "standard";

  @AttributeDefinition(description = "Time zone of gateways, TZ (label ignition.timezone overrides)")
  String timeZone() default "UTC";

  @AttributeDefinition(description = "Share of the container memory limit given to the gateway heap (-m), percent "
      + "(10 to 100)")
  int heapPercent() default 75;

  @AttributeDefinition(description = "TCP connect timeout for gateway calls, in milliseconds")
  int connectTimeoutMillis() default 5000;

  @AttributeDefinition(description = "Timeout for small gateway calls (info, metrics, names, scans), in seconds")
  int requestTimeoutSeconds() default 30;

  @AttributeDefinition(description = "Timeout until a transfer (project, tags, backup) starts answering, in seconds")
  int transferTimeoutSeconds() default 600;

  @AttributeDefinition(description = "Timeout of one health probe (connect and answer), in milliseconds")
  int probeTimeoutMillis() default 2000;

  @AttributeDefinition(description = "Most entries a project export may hold (imports, pulls, deploys)")
  int maxProjectEntries() default 20_000;

  @AttributeDefinition(description = "Most mebibytes a project export may inflate to; an import holds up to this "
      + "much on the heap")
  int maxProjectMegabytes() default 256;
}
