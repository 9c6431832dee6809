package dev.stoker.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Least privilege per stage, PID {@code dev.stoker.stages}. Per-stage keys are named
 * {@code <stage>.<rule>}, e.g. {@code prod.environmentRole = admin}; see {@link StageRules}.
 */
@ObjectClassDefinition(name = "Stoker stages")
@interface StagesConfig {

  @AttributeDefinition(description = "Stages in use, in promotion order (of dev, test, qa, staging, prod)")
  String stages() default "dev,test,qa,staging,prod";

  @AttributeDefinition(description = "Role that may change environments on a stage unless <stage>.environmentRole "
      + "says otherwise; dev, test and qa default to engineer, staging and prod to lead")
  String environmentRole() default "";

  @AttributeDefinition(description = "Role that may use secrets (map into containers, API keys, remote "
      + "credentials) on a stage unless <stage>.secretRole says otherwise; default as environmentRole")
  String secretRole() default "";

  @AttributeDefinition(description = "Role that may lay uploaded modules and drivers on a stage unless "
      + "<stage>.overlayRole says otherwise; default as environmentRole")
  String overlayRole() default "";

  @AttributeDefinition(description = "Role that may deploy onto a stage unless <stage>.deployRole says "
      + "otherwise; default as environmentRole")
  String deployRole() default "";
}
