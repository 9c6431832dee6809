package dev.stoker.api.pipeline;

import java.util.Map;

/**
 * Holds a promotion until a condition holds (manual approval, quality threshold). Evaluated again when
 * anything relevant changes, so it must be cheap and side-effect free.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface Gate {

  /** @return the gate type, e.g. {@code approval} */
  String type();

  /**
   * @param runId pipeline run id
   * @param parameters the gate's parameters from the definition
   * @return the decision now
   */
  GateDecision evaluate(String runId, Map<String, String> parameters);
}
