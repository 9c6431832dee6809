package dev.stoker.shell.internal;

import dev.stoker.api.security.AuditLog;
import dev.stoker.api.security.ChainVerification;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code stoker:audit-verify}: recomputes the audit log's hash chain. */
@Service
@Command(scope = "stoker", name = "audit-verify", description = "Verifies the audit log's hash chain")
public class AuditVerifyCommand extends StokerCommand {

  @Reference
  AuditLog audit;

  @Override
  protected Object run() {
    ChainVerification v = audit.verify();
    if (v.intact()) {
      System.out.println("Audit chain intact: " + v.checked() + " entries verified");
    } else {
      System.out.println("Audit chain BROKEN at entry " + v.firstBrokenSeq() + ": " + v.reason() + " ("
          + v.checked() + " entries before it verified)");
    }
    return null;
  }
}
