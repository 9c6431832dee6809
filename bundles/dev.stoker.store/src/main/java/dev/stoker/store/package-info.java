/**
 * Access to Stoker's relational store for the bundles that own entities.
 */
@Version("1.0.0")
package dev.stoker.store;

import org.osgi.annotation.versioning.Version;
