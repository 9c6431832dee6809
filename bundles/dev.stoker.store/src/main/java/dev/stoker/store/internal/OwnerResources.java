package dev.stoker.store.internal;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The class loader Flyway runs with for one bundle's migrations: Flyway's own classes and plugins come from
 * the store (where Flyway is embedded), the migration scripts from the owning bundle. In OSGi the
 * scripts' URLs name the owning bundle, which Flyway's OSGi scanner lists through the framework.
 */
final class OwnerResources extends ClassLoader {
  private final ClassLoader owner;
  private final String location;

  OwnerResources(ClassLoader flyway, ClassLoader owner, String location) {
    super(flyway);
    this.owner = owner;
    this.location = location;
  }

  private boolean owned(String name) {
    String n = name.startsWith("/") ? name.substring(1) : name;
    return n.startsWith(location);
  }

  @Override
  public URL getResource(String name) {
    return owned(name) ? owner.getResource(name) : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return owned(name) ? owner.getResources(name) : super.getResources(name);
  }
}
