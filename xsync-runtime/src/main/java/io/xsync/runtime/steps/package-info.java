/**
 * Step loading: finding, compiling and instantiating the sync steps, policies, pull steps and event steps of a synchronizer. A runtime foundation used by the spi, the engines and the bootstrap.
 */
package io.xsync.runtime.steps;
