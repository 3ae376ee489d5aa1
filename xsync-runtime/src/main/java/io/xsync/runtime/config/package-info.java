/**
 * Configuration: the declared config keys, their sources and the typed settings records. A runtime foundation: it may use only the api; every layer above may use it.
 */
package io.xsync.runtime.config;
