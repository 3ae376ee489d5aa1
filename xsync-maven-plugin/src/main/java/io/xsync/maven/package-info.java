/**
 * The Maven plugin that generates typed model classes from xproto at build time. Build tooling for synchronizer authors; it uses only the api and the runtime code generator.
 */
package io.xsync.maven;
