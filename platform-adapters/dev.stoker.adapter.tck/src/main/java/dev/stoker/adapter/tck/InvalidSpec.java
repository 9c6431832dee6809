package dev.stoker.adapter.tck;

import dev.stoker.api.environment.EnvironmentSpec;

/**
 * A spec the adapter must refuse, and the field its message must name.
 *
 * @param description what is wrong, shown as the test name
 * @param spec the spec
 * @param field the field the refusal names, e.g. {@code ports}
 */
public record InvalidSpec(String description, EnvironmentSpec spec, String field) {
}
