package dev.stoker.api.secrets;

import dev.stoker.api.common.ConflictException;
import dev.stoker.api.common.NotFoundException;
import dev.stoker.api.common.Page;
import dev.stoker.api.common.PageRequest;
import dev.stoker.api.common.UnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Backend that keeps secret values and their versions: the built-in encrypted database store, or an
 * external vault. The {@link SecretService} is the only consumer: it validates and parses values, checks
 * scopes and paths, audits every access, publishes events, grants leases and runs rotation and the expiry
 * watch on top of whichever store it is configured with. A store therefore does storage only: it neither
 * audits nor validates values, and it never decides who may read what.
 *
 * <p>Register an implementation as an OSGi service with the property {@value #NAME} (the built-in one is
 * {@code store.name=builtin}); the secret service selects one by the target filter in its configuration.
 *
 * <p><b>Scopes and paths</b> arrive checked ({@link Scopes#check}, {@link Scopes#checkPath}); a store maps
 * {@code (scope, path)} onto its own namespace so that scopes cannot collide.
 *
 * <p><b>Versions</b> are 1, 2, … per secret and only grow; {@code 0} means the latest. A secret keeps its
 * type for life: writing another type is a {@link ConflictException}. Deleting a secret removes all its
 * versions; writing it again starts at 1.
 *
 * <p><b>Values</b> cross this interface as {@code byte[]}. {@link #write} does not keep or alter the array it
 * is given (the caller wipes it after the call); {@link #read} returns a fresh array the caller owns and
 * wipes. A store never logs a value or puts one in an exception message, and keeps none in memory beyond
 * the call.
 *
 * <p><b>Metadata</b> returned by a store carries the attribute {@code change} (the {@link NewVersion#change}
 * of the version) and, while a schedule is set, {@code rotationDays}; {@code created} of the latest version
 * is when the secret last got a new value.
 *
 * <p><b>Errors</b> are the typed exceptions of {@code dev.stoker.api.common}: {@link NotFoundException} for a
 * missing secret or version ({@code path: secret 'stage:prod/db/pw' not found}, {@code version: secret '…'
 * has no version 7}), {@link ConflictException} for a type change or a write that lost a race,
 * {@link UnavailableException} while the backend cannot be reached, and {@link SecretIntegrityException}
 * for a stored value that fails authentication. Messages name the field and the secret, never a value.
 *
 * <p><b>Threading</b>: safe for concurrent use; two writes of the same secret get different version
 * numbers. Calls may block on I/O (database, network) but must time out; activation must not block.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface SecretStore {

  /** Service property that names a store, e.g. {@code store.name=vault-prod}. */
  String NAME = "store.name";

  /**
   * Keeps a new version; the first write creates the secret.
   *
   * @param version scope, path, type and the non-secret facts of the new version
   * @param value the value; not kept, not wiped
   * @return metadata of the new version
   * @throws ConflictException when the secret exists with another type, or the write lost a race
   */
  SecretMetadata write(NewVersion version, byte[] value);

  /**
   * @param version version, 0 for the latest
   * @return metadata of that version, or empty when the secret or version does not exist
   */
  Optional<SecretMetadata> metadata(SecretScope scope, String path, int version);

  /**
   * Reads a version's value with its metadata (one consistent read). The caller audits it and wipes the
   * value.
   *
   * @param version version, 0 for the latest
   * @throws NotFoundException when the secret or the version does not exist
   * @throws SecretIntegrityException when the stored value fails authentication
   */
  SecretValue read(SecretScope scope, String path, int version);

  /** @return every version of a secret, newest first; empty when it does not exist */
  List<SecretMetadata> versions(SecretScope scope, String path);

  /** @return latest metadata of the secrets in exactly this scope, ordered by path */
  Page<SecretMetadata> list(SecretScope scope, PageRequest page);

  /**
   * Deletes a secret with all its versions.
   *
   * @return latest metadata of what was deleted, or empty when there was no such secret
   */
  Optional<SecretMetadata> delete(SecretScope scope, String path);

  /**
   * Sets the rotation schedule of a secret; the caller has checked that its type rotates.
   *
   * @param rotationDays days between rotations, 0 for none
   * @return latest metadata, with attribute {@code rotationDays} unless 0
   * @throws NotFoundException when the secret does not exist
   */
  SecretMetadata schedule(SecretScope scope, String path, int rotationDays);

  /** @return latest metadata of every secret that has a rotation schedule */
  List<SecretMetadata> scheduled();

  /**
   * Hands each expiring version to the expiry watch once: returns the latest versions whose
   * {@code expires} is at or before {@code limit} and that no earlier call returned, and remembers them
   * (durably, where the store is durable). A new version is a new candidate.
   *
   * @param limit latest expiry to include
   * @return their metadata
   */
  List<SecretMetadata> takeExpiring(Instant limit);

  /**
   * Reads, without marking anything, the latest versions whose expiry is at or before {@code limit}. Stores that
   * keep no expiry keep the default, which finds none.
   *
   * @param limit latest expiry to include
   * @return their metadata, soonest first
   * @since 2.2
   */
  default List<SecretMetadata> expiring(Instant limit) {
    return List.of();
  }
}
