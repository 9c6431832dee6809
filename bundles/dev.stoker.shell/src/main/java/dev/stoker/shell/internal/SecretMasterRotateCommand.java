package dev.stoker.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code stoker:secret-master-rotate}: a new master key; prints the old and new key ids. */
@Service
@Command(scope = "stoker", name = "secret-master-rotate",
    description = "Replaces the master key and re-wraps every data key")
public class SecretMasterRotateCommand extends SecretCommand {

  @Override
  protected Object run() {
    String old = secrets.masterKeyId();
    String id = secrets.rotateMasterKey(actor());
    System.out.println("Rotated the master key: " + old + " -> " + id);
    return null;
  }
}
