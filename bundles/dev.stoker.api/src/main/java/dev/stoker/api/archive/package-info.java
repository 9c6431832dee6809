/**
 * Reading untrusted zip archives (project exports, modules, JDBC drivers, gateway backups) the way the gateway
 * reads them: {@link dev.stoker.api.archive.SafeZip} checks the central directory against every local header,
 * refuses duplicate names, symbolic links, unsafe paths and zip bombs, and answers each refusal with an
 * {@link dev.stoker.api.common.InvalidInputException} naming the caller's field. Adapters use it for their
 * codecs; Stoker's own services for uploads.
 */
@Version("1.0.0")
@Export
package dev.stoker.api.archive;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
