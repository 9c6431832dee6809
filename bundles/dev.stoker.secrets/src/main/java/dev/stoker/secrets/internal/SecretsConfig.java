package dev.stoker.secrets.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the secret service and the built-in store, PID {@code dev.stoker.secrets}.
 *
 * <p>{@code store.target} picks the {@link dev.stoker.api.secrets.SecretStore} that keeps the values: an
 * LDAP filter over the stores' service properties, by default the built-in encrypted store
 * {@code (store.name=builtin)}. To use another backend, install its bundle, configure it with a name and
 * set for example {@code store.target = (store.name=vault-prod)} in {@code etc/dev.stoker.secrets.cfg}; the
 * service restarts on that store (and waits, health DOWN, until one matches). Secrets are not copied
 * between stores. The master key settings apply to the built-in store only.
 */
@ObjectClassDefinition(name = "Stoker secrets")
@interface SecretsConfig {

  @AttributeDefinition(name = "Secret store", description = "Filter that selects the secret store keeping the "
      + "values, e.g. (store.name=vault-prod); default the built-in encrypted store")
  String store_target() default SecretServiceImpl.BUILTIN_STORE;

  @AttributeDefinition(description = "Master key file (32 random bytes, mode 0600), created on first start; "
      + "empty means etc/keys/master.key (apart from data/; a key found at the old data/stoker/master.key is "
      + "moved there)")
  String masterKeyFile() default "";

  @AttributeDefinition(description = "Environment variable that holds the master key in base64; when set it "
      + "wins over the file. <name>_PREVIOUS may list earlier keys (comma separated) to re-wrap from")
  String masterKeyEnv() default "STOKER_MASTER_KEY";

  @AttributeDefinition(description = "Directory of lease files; empty means data/stoker/leases")
  String leaseDirectory() default "";

  @AttributeDefinition(description = "Largest value accepted, in bytes (at most 524288)")
  int maxValueBytes() default 65536;

  @AttributeDefinition(description = "Longest lease, in minutes")
  int maxLeaseMinutes() default 1440;

  @AttributeDefinition(description = "Secrets expiring within this many days raise an 'expiring' event")
  int expiryWarningDays() default 30;

  @AttributeDefinition(description = "How often scheduled rotation and the expiry watch run, in minutes")
  int checkIntervalMinutes() default 60;

  @AttributeDefinition(description = "How often expired leases are swept, in seconds")
  int leaseSweepSeconds() default 30;

  @AttributeDefinition(description = "Length of generated passwords (8 to 4096)")
  int generatorLength() default 32;

  @AttributeDefinition(description = "Characters of generated passwords (printable ASCII without spaces, at least 10 distinct)")
  String generatorAlphabet() default PasswordGenerator.DEFAULT_ALPHABET;
}
