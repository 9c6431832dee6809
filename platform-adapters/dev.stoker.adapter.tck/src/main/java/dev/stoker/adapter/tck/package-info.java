/**
 * The adapter conformance kit: abstract JUnit 5 contract tests for the platform SPI
 * ({@link dev.stoker.api.platform}). A vendor extends each contract class in its own test sources,
 * supplies the adapter and a few fixtures, and runs the kit with its unit tests. See
 * {@code docs/adapters.md}.
 */
package dev.stoker.adapter.tck;
