/**
 * The bootstrap: Synchronizer assembles store, models and the engines found through the spi, plus the data-directory lock, version and run summary. Top layer with the CLI; engines and foundations must not use it.
 */
package io.xsync.runtime;
