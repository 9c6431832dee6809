package dev.stoker.telemetry.internal;

import dev.stoker.api.common.InvalidInputException;
import dev.stoker.api.telemetry.AlertRule;
import dev.stoker.api.telemetry.AlertRuleSpec;
import dev.stoker.api.telemetry.MetricNames;
import dev.stoker.api.telemetry.SilenceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks alert rules and silences that come from outside, field by field, and fills their defaults. Nothing is
 * stored before every field passed.
 */
final class AlertRules {
  static final int MAX_FOR_SECONDS = 7 * 24 * 3600;
  static final Duration MAX_SILENCE = Duration.ofDays(90);
  static final double DEFAULT_VOLUME_FULL = 0.9;
  static final double DEFAULT_EXPIRY_DAYS = 14;
  static final int MAX_EXPIRY_DAYS = 3650;
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._:/()-]{0,99}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private AlertRules() {
  }

  /**
   * @param environmentExists tells whether an environment id exists (checked for gateway rules)
   * @return an entity holding the checked spec (id and audit fields unset)
   */
  static AlertRuleEntity check(AlertRuleSpec spec, Predicate<String> environmentExists) {
    if (spec == null) {
      throw new InvalidInputException("body", "a JSON object with name and kind is required");
    }
    AlertRuleEntity rule = new AlertRuleEntity();
    if (spec.name() == null || spec.name().isBlank()) {
      throw new InvalidInputException("name", "required");
    }
    if (!NAME.matcher(spec.name().trim()).matches()) {
      throw new InvalidInputException("name", "1 to 100 letters, digits, spaces and . _ : / ( ) -, starting with "
          + "a letter or digit");
    }
    rule.name = spec.name().trim();
    if (spec.kind() == null || !AlertRule.KINDS.contains(spec.kind())) {
      throw new InvalidInputException("kind", "one of " + String.join(", ", AlertRule.KINDS));
    }
    rule.kind = spec.kind();
    boolean pipeline = rule.kind.equals(AlertRule.PIPELINE_FAILED);
    boolean secret = rule.kind.equals(AlertRule.SECRET_EXPIRING);
    if (spec.environment() != null && !spec.environment().isBlank()) {
      if (secret) {
        throw new InvalidInputException("environment", "a secret rule watches the secrets of every scope: leave "
            + "it out");
      }
      if (!ID.matcher(spec.environment()).matches()) {
        throw new InvalidInputException("environment", "not an id");
      }
      if (!pipeline && !environmentExists.test(spec.environment())) {
        throw new InvalidInputException("environment", "no environment '" + spec.environment() + "'");
      }
      rule.environment = spec.environment();
    }
    boolean metric = rule.kind.equals(AlertRule.METRIC_ABOVE) || rule.kind.equals(AlertRule.METRIC_BELOW);
    if (metric) {
      MetricNames.checkMetric("metric", spec.metric());
      if (!spec.metric().startsWith("stoker_gateway_")) {
        throw new InvalidInputException("metric", "a gateway series (stoker_gateway_...)");
      }
      rule.metric = spec.metric();
    } else if (spec.metric() != null) {
      throw new InvalidInputException("metric", "only for " + AlertRule.METRIC_ABOVE + " and "
          + AlertRule.METRIC_BELOW);
    }
    rule.threshold = threshold(rule.kind, spec.threshold());
    int forSeconds = spec.forSeconds() == null ? 0 : spec.forSeconds();
    if (forSeconds < 0 || forSeconds > MAX_FOR_SECONDS) {
      throw new InvalidInputException("forSeconds", "between 0 and " + MAX_FOR_SECONDS);
    }
    if (pipeline && forSeconds != 0) {
      throw new InvalidInputException("forSeconds", "a failed run fires at once: leave it out or 0");
    }
    rule.forSeconds = forSeconds;
    String severity = spec.severity() == null ? "warning" : spec.severity();
    if (!AlertRule.SEVERITIES.contains(severity)) {
      throw new InvalidInputException("severity", "one of " + String.join(", ", AlertRule.SEVERITIES));
    }
    rule.severity = severity;
    rule.enabled = spec.enabled() == null || spec.enabled();
    return rule;
  }

  /** @return the rule's threshold: required for metric rules, defaulted and bounded for the others */
  private static Double threshold(String kind, Double given) {
    if (given != null && (given.isNaN() || given.isInfinite())) {
      throw new InvalidInputException("threshold", "a finite number is required");
    }
    switch (kind) {
      case AlertRule.METRIC_ABOVE, AlertRule.METRIC_BELOW -> {
        if (given == null) {
          throw new InvalidInputException("threshold", "a finite number is required");
        }
        return given;
      }
      case AlertRule.VOLUME_FULL -> {
        if (given != null && (given <= 0 || given > 1)) {
          throw new InvalidInputException("threshold", "the used share of the volume that fires, above 0 and at "
              + "most 1 (default " + DEFAULT_VOLUME_FULL + ")");
        }
        return given == null ? DEFAULT_VOLUME_FULL : given;
      }
      case AlertRule.SECRET_EXPIRING -> {
        if (given != null && (given < 1 || given > MAX_EXPIRY_DAYS)) {
          throw new InvalidInputException("threshold", "days ahead, 1 to " + MAX_EXPIRY_DAYS + " (default "
              + DEFAULT_EXPIRY_DAYS + ")");
        }
        return given == null ? DEFAULT_EXPIRY_DAYS : given;
      }
      default -> {
        if (given != null) {
          throw new InvalidInputException("threshold", "only for " + AlertRule.METRIC_ABOVE + ", "
              + AlertRule.METRIC_BELOW + ", " + AlertRule.VOLUME_FULL + " and " + AlertRule.SECRET_EXPIRING);
        }
        return null;
      }
    }
  }

  /** @return an entity holding the checked silence (id and creator unset) */
  static SilenceEntity check(SilenceSpec spec, Instant now, Predicate<String> ruleExists) {
    if (spec == null) {
      throw new InvalidInputException("body", "a JSON object with comment, endsAt and rule or environment is required");
    }
    boolean noRule = spec.rule() == null || spec.rule().isBlank();
    boolean noEnvironment = spec.environment() == null || spec.environment().isBlank();
    if (noRule && noEnvironment) {
      throw new InvalidInputException("rule", "give rule, environment or both");
    }
    SilenceEntity silence = new SilenceEntity();
    if (!noRule) {
      if (!ruleExists.test(spec.rule())) {
        throw new InvalidInputException("rule", "no rule '" + spec.rule() + "'");
      }
      silence.ruleId = spec.rule();
    }
    if (!noEnvironment) {
      if (!ID.matcher(spec.environment()).matches()) {
        throw new InvalidInputException("environment", "not an id");
      }
      silence.environment = spec.environment();
    }
    if (spec.comment() == null || spec.comment().isBlank()) {
      throw new InvalidInputException("comment", "required: say why");
    }
    if (spec.comment().length() > 500) {
      throw new InvalidInputException("comment", "at most 500 characters");
    }
    silence.comment = spec.comment().trim();
    Instant start = spec.startsAt() == null ? now : spec.startsAt();
    if (spec.endsAt() == null) {
      throw new InvalidInputException("endsAt", "required");
    }
    if (!spec.endsAt().isAfter(start) || !spec.endsAt().isAfter(now)) {
      throw new InvalidInputException("endsAt", "must be after startsAt and in the future");
    }
    if (spec.endsAt().isAfter(now.plus(MAX_SILENCE))) {
      throw new InvalidInputException("endsAt", "at most " + MAX_SILENCE.toDays() + " days ahead");
    }
    silence.startsAt = start.toEpochMilli();
    silence.endsAt = spec.endsAt().toEpochMilli();
    return silence;
  }
}
