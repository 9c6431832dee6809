package dev.stoker.api.telemetry;

import java.io.IOException;
import java.util.List;

/**
 * Keeps metric samples and answers range queries: the storage SPI of telemetry. Stoker ships the embedded
 * store (service property {@code store.name=jpa}, the relational database) and a VictoriaMetrics store;
 * the telemetry service picks one by a target filter in its configuration.
 *
 * <p>Threading: {@link #write} and {@link #query} may be called concurrently; both may block on I/O and
 * should honour interruption. Retention is the store's own business.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface MetricsStore {
  /** Service property naming the store, matched by the telemetry service's {@code store.target}. */
  String STORE_NAME = "store.name";

  /** Records samples; samples of one series arrive in time order. */
  void write(List<Sample> samples) throws IOException;

  /**
   * @return the series of the query's metric whose labels include the query's, each with its points (the
   *     average of the samples in each step), in no particular order; empty when nothing matches
   */
  List<Series> query(RangeQuery query) throws IOException;
}
