package dev.stoker.api.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that may be {@code null}; every other component of an API record is never
 * {@code null}. The REST layer's OpenAPI document follows it: an unmarked component is {@code required}, a
 * marked one {@code nullable} and not required. The record's javadoc says what {@code null} means. Only
 * record components take it, so that the records' constructors and accessors stay as they were.
 *
 * @since 1.2
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Nullable {
}
