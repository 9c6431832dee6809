package dev.stoker.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the relational store, PID {@code dev.stoker.store} ({@code etc/dev.stoker.store.cfg}). */
@ObjectClassDefinition(name = "Stoker store", description = "Database connection of Stoker")
@interface StoreConfig {

  @AttributeDefinition(description = "JDBC URL; empty means the embedded H2 file database under data/stoker/")
  String url() default "";

  @AttributeDefinition(description = "Database user")
  String user() default "stoker";

  @AttributeDefinition(description = "File holding the password (first line). For the embedded database it is "
      + "generated on first start when missing; empty means data/stoker/db.password")
  String passwordFile() default "";

  @AttributeDefinition(description = "Name of an environment variable holding the password; wins over the file")
  String passwordEnv() default "STOKER_DB_PASSWORD";

  @AttributeDefinition(description = "Seconds between connection attempts while the database is unreachable")
  int retrySeconds() default 10;
}
