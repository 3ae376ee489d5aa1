/**
 * The Kafka event engine: consumes event topics, runs event steps per partition, keeps offsets and dead letters, and an embedded broker for local runs; plugged in through the runtime spi. An engine: it uses the api, the runtime foundations and the spi, never another engine or the bootstrap.
 */
package io.xsync.kafka;
