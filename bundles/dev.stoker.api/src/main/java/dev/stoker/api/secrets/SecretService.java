package dev.stoker.api.secrets;

import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import java.time.Duration;
import java.util.Collection;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Stoker's secret service: what the REST layer, the shell and the environment service call. It keeps values
 * in one {@link SecretStore} (the built-in encrypted store unless configured otherwise) and adds
 * validation, scope inheritance, audit, events, leases, templates, rotation and the expiry watch. Values
 * are write-only: only {@link #reveal} (a privileged, audited call) and leases (files, audited) hand them
 * out.
 *
 * <p>Errors follow the REST convention: bad input is an {@link IllegalArgumentException} whose message
 * starts with the field name ({@code value: not a PEM certificate}); a missing secret or version a
 * {@link NoSuchElementException}; a conflicting state an {@link IllegalStateException}; a stored value that
 * fails authentication a {@link SecretIntegrityException}. No message ever contains a value.
 *
 * <p>Threading: safe for concurrent use. Every read, reveal, write, rollback and rotation is appended to
 * the audit log before the call returns; a call that cannot be audited fails.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SecretService {

  /**
   * Writes a new version (the first one creates the secret). The value is validated for its type, parsed
   * for metadata (certificate subject, SANs, expiry; SSH key type), encrypted, and wiped from the request.
   *
   * @param write what to write
   * @param actor user name for the audit log
   * @return metadata of the new version
   */
  SecretMetadata write(SecretWrite write, String actor);

  /**
   * @param scope scope
   * @param path path
   * @param version version, 0 for the latest
   * @return its metadata, or empty when the secret or version does not exist
   */
  Optional<SecretMetadata> metadata(SecretScope scope, String path, int version);

  /** @return every version of a secret, newest first; empty when it does not exist */
  List<SecretMetadata> versions(SecretScope scope, String path);

  /** @return latest metadata of the secrets in exactly this scope, ordered by path */
  Page<SecretMetadata> list(SecretScope scope, PageRequest page);

  /**
   * @param before latest expiry to include
   * @return the latest versions of every scope's secrets that carry an expiry at or before {@code before}
   *     (already expired ones included), soonest first
   * @since 2.2
   */
  List<SecretMetadata> expiring(Instant before);

  /**
   * Finds the secret a consumer sees under {@code path}: the narrowest scope of the chain that has it.
   *
   * @return its latest metadata, or empty when no scope of the chain has it
   */
  Optional<SecretMetadata> resolve(ScopeChain chain, String path);

  /**
   * Reveals a secret named by a reference: {@code scope:path} (e.g. {@code stage:prod:ignition/api-token})
   * names one exactly; a bare {@code path} is resolved in the consumer's chain, so the same path finds each
   * stage's own secret (a pipeline promoting a release uses the target stage's key). Audited as a reveal.
   *
   * @param chain where the consumer sits
   * @param reference {@code scope:path} or {@code path}
   * @param actor who it is revealed for
   * @return the latest value; the caller wipes it
   * @throws dev.stoker.api.common.InvalidInputException naming {@code secret} for a malformed reference
   * @throws dev.stoker.api.common.NotFoundException when no scope of the chain has the path
   * @since 2.1
   */
  default byte[] revealIn(ScopeChain chain, String reference, String actor) {
    if (reference == null || reference.isBlank()) {
      throw new dev.stoker.api.common.InvalidInputException("secret", "required: scope:path or path");
    }
    int colon = reference.lastIndexOf(':');
    if (colon > 0) {
      return reveal(Scopes.parse(reference.substring(0, colon)), reference.substring(colon + 1), 0, actor);
    }
    Scopes.checkPath(reference);
    SecretMetadata found = resolve(chain, reference).orElseThrow(() -> new dev.stoker.api.common.NotFoundException(
        "secret '" + reference + "' not found in " + chain.scopes()));
    return reveal(found.scope(), reference, 0, actor);
  }

  /**
   * Returns a value to a person. Privileged (lead and above at the REST layer) and audited as
   * {@code secret.reveal}. The caller wipes the array.
   *
   * @param version version, 0 for the latest
   * @throws NoSuchElementException when there is no such secret or version
   */
  byte[] reveal(SecretScope scope, String path, int version, String actor);

  /**
   * Writes a new version whose value (and parsed metadata) equals an older one.
   *
   * @param version the version to go back to
   * @return metadata of the new version
   */
  SecretMetadata rollback(SecretScope scope, String path, int version, String actor);

  /**
   * Rotates now: writes a new version with a generated value. Only for passwords and API tokens; other
   * types rotate by writing a new value.
   *
   * @return metadata of the new version
   * @throws IllegalStateException for types that cannot be generated
   */
  SecretMetadata rotate(SecretScope scope, String path, String actor);

  /**
   * Sets the rotation schedule.
   *
   * @param rotationDays days between rotations; 0 turns scheduled rotation off
   * @return latest metadata, with attribute {@code rotationDays}
   */
  SecretMetadata schedule(SecretScope scope, String path, int rotationDays, String actor);

  /**
   * Deletes a secret with all its versions. Leases already granted keep their files until they end.
   *
   * @return whether it existed
   */
  boolean delete(SecretScope scope, String path, String actor);

  /**
   * Grants a lease: writes the latest value of each path (resolved through the chain) into its own file
   * (mode 0400) in a fresh directory, removed when the lease ends. A path may select one field of a
   * key/value secret with {@code path#field}.
   *
   * @param chain where the consumer sits
   * @param paths secret paths
   * @param ttl lease lifetime, within the configured maximum
   * @param actor user or component, for the audit log
   * @return the lease, whose {@code files} map each requested path to its file
   * @throws IllegalArgumentException naming the first unknown path
   */
  SecretLease lease(ScopeChain chain, Collection<String> paths, Duration ttl, String actor);

  /**
   * Renders an env-file template into a lease file. Every {@code ${secret:path}} (or
   * {@code ${secret:path#field}}) is replaced by the value, quoted for POSIX shell and env files when
   * it holds anything beyond {@code [A-Za-z0-9_./:@%+,=-]}; values with line breaks are refused.
   *
   * @param fileName name of the rendered file, e.g. {@code gateway.env}
   * @return a lease with one file, keyed by {@code fileName}
   * @throws IllegalArgumentException starting with {@code template:} naming an unknown path
   */
  SecretLease render(ScopeChain chain, String template, String fileName, Duration ttl, String actor);

  /**
   * Ends a lease now and removes its files.
   *
   * @return whether the lease existed
   */
  boolean release(String leaseId, String actor);

  /** @return the leases in force */
  List<SecretLease> leases();

  /**
   * Replaces the master key: writes a new key file atomically, re-wraps every data key (payloads stay
   * as they are), then removes the old key file. Not available when the key comes from the environment,
   * nor when the configured store is not the built-in one (a {@code ConflictException}).
   *
   * @return id of the new master key
   */
  String rotateMasterKey(String actor);

  /**
   * @return id of the master key in use (a fingerprint, never the key)
   * @throws IllegalStateException when the configured store is not the built-in one
   */
  String masterKeyId();
}
