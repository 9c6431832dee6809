package dev.stoker.api.security;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;

/**
 * The append-only, hash-chained audit log. Every login and every mutating call is recorded here.
 *
 * <p>Threading: all methods are safe to call concurrently; appends are serialised so that the chain
 * stays linear across threads (and, with a shared database, across nodes).
 */
@org.osgi.annotation.versioning.ProviderType
public interface AuditLog {

  /**
   * Appends an entry. Failures to write are logged and rethrown: an action that cannot be audited
   * must not silently succeed.
   *
   * @param record what to append
   * @return the stored entry
   */
  AuditEntry append(AuditRecord record);

  /**
   * @param query filter
   * @param page which slice, newest first
   * @return matching entries
   */
  Page<AuditEntry> find(AuditQuery query, PageRequest page);

  /** @return the result of recomputing the whole chain from the first entry */
  ChainVerification verify();
}
