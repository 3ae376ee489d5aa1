/**
 * The data model schema: xproto parsing, models, fields, links and their dependency graph. A runtime foundation: it may use only the api and other foundations, never the spi, the engines or the bootstrap.
 */
package io.xsync.runtime.schema;
