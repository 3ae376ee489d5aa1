/**
 * The xsync command line (picocli commands: run, init, generate, models, status, kafka, dlt and others). Top of the layers, with the runtime root package: it may use every other package and nothing may use it.
 */
package io.xsync.cli;
