/**
 * Logging setup: the logback configurator and per-logger levels from configuration. A runtime foundation used by the bootstrap.
 */
package io.xsync.runtime.logging;
