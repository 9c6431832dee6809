package dev.stoker.rest.internal;

import dev.stoker.api.security.Role;
import dev.stoker.api.security.StokerPrincipal;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a resource method: the least role, and the scope an API token needs. A method without
 * {@code @Allow} or {@link Public} is refused to everyone (fail closed).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Allow {
  /** @return the least role */
  Role value();

  /** @return the scope an API token needs */
  String scope() default StokerPrincipal.SCOPE_READ;

  /**
   * @return whether the resource checks the role itself, on the project its query or body names (secrets of a
   *     project's scope or of an environment labelled with a project): the filter then checks only the sign-in
   *     and the token's scope, and the resource refuses with the global role where the request names no project
   */
  boolean byProject() default false;
}
