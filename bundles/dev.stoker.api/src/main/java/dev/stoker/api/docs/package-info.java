/**
 * Documents: change summaries, release notes, compliance reports and project manuals written from a
 * structured {@link dev.stoker.api.docs.FactSet} that Stoker computes itself, checked against those facts
 * (grounding), reviewed and signed ({@link dev.stoker.api.docs.DocumentService}). Who words the facts is a
 * {@link dev.stoker.api.docs.DocumentWriter}: the built-in template writer, or a language model. A project's
 * resources and documents can be searched by meaning ({@link dev.stoker.api.docs.ProjectSearch}).
 */
@Version("1.2.0")
@Export
package dev.stoker.api.docs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
