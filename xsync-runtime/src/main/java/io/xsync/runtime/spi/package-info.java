/**
 * The engine plug-in interfaces: EngineProvider (found by ServiceLoader), Engine, the SynchronizerContext an engine is built from, and the Readiness and StatusContributor views it reports through. Engines implement these; they may use only the api and the runtime foundations.
 */
package io.xsync.runtime.spi;
