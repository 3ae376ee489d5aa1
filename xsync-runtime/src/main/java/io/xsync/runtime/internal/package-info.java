/**
 * Runtime helpers without a single owner (step context and tallies, error causes, redaction, owner-only files, terminal text). A runtime foundation used by the store, the engines and the bootstrap; not for synchronizer authors, and due to be split by owner.
 */
package io.xsync.runtime.internal;
