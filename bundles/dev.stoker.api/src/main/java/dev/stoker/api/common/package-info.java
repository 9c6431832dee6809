/**
 * Shared value types (pages of results, long-running operations) and the typed exceptions every service
 * throws: {@link dev.stoker.api.common.InvalidInputException} (400, names the field),
 * {@link dev.stoker.api.common.NotFoundException} (404), {@link dev.stoker.api.common.ConflictException}
 * (409), {@link dev.stoker.api.common.ForbiddenException} (403) and
 * {@link dev.stoker.api.common.UnavailableException} (503). The REST layer maps these and only these; any
 * other exception is an internal error whose text never reaches the caller. {@link dev.stoker.api.common.Nullable}
 * marks the record components that may be {@code null}.
 */
@Version("1.2.0")
@Export
package dev.stoker.api.common;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
