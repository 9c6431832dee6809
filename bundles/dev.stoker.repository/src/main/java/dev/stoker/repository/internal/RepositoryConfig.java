package dev.stoker.repository.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the repository service, PID {@code dev.stoker.repository}. */
@ObjectClassDefinition(name = "Stoker repository")
@interface RepositoryConfig {

  @AttributeDefinition(description = "Folder of the project repositories; empty means data/repos")
  String root() default "";

  @AttributeDefinition(description = "Folder of the blob store; empty means data/blobs")
  String blobRoot() default "";

  @AttributeDefinition(description = "Non-text files at least this large go to the blob store (bytes); "
      + "images, .modl, .gwbk and archives always do")
  long blobThreshold() default 65536;

  @AttributeDefinition(description = "Largest single file the repository accepts (bytes)")
  long maxFileBytes() default 512L * 1024 * 1024;

  @AttributeDefinition(description = "Folders on this host under which gateway project folders may be imported "
      + "(comma-separated); empty turns folder imports off")
  String importRoots() default "";

  @AttributeDefinition(description = "Days an abandoned, unfinished merge is kept before it is dropped")
  int mergeRetentionDays() default 14;

  @AttributeDefinition(description = "Whether plain http:// mirror remotes are allowed (never with a secret)")
  boolean allowHttpRemotes() default false;

  @AttributeDefinition(description = "Hosts a mirror may reach although they are loopback, link-local, private or "
      + "otherwise internal: host names, addresses and CIDR ranges, comma-separated; empty allows none")
  String remoteAllowedHosts() default "";
}
