package dev.stoker.backup.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code dev.stoker.backup}: where backups go, and the schedule with its retention. */
@ObjectClassDefinition(name = "Stoker backups")
@interface BackupConfig {

  @AttributeDefinition(description = "Folder of the backup archives; empty means ${karaf.data}/backups. Put it on"
      + " another disk: a backup under data/ is lost with data/")
  String directory() default "";

  @AttributeDefinition(description = "Hours between scheduled backups; 0 turns them off")
  int everyHours() default 0;

  @AttributeDefinition(description = "How many archives to keep; older ones are deleted after each backup")
  int keep() default 7;

  @AttributeDefinition(description = "Name of an environment variable holding a passphrase: when set, scheduled"
      + " backups include the keys, encrypted with it; otherwise they leave the keys out")
  String passphraseEnv() default "";

  @AttributeDefinition(description = "Folder of PostgreSQL's client programs (pg_dump, psql) for backups and"
      + " restores of a PostgreSQL store; empty means PATH, then /usr/lib/postgresql/<newest>/bin")
  String pgBinDirectory() default "";
}
