/**
 * The HTTP engine: the REST API over the models, the status and readiness report, metrics and the OpenAPI document, plugged in through the runtime spi. An engine: it uses the api, the runtime foundations and the spi, never another engine or the bootstrap.
 */
package io.xsync.http;
