package dev.stoker.rest.internal;

/**
 * A JAX-RS root resource of the API at {@code /api/v1}, published as a whiteboard service.
 *
 * <p>Each resource is its own DS component registered under this interface, with mandatory references to
 * exactly the services it calls, so it is registered only while it can work. {@link ApiServer} tracks the
 * resources and republishes the endpoint when they come and go; while one is missing,
 * {@link AvailabilityFilter} answers 503 on its paths and names the service it waits for.
 */
public interface RestResource {
}
