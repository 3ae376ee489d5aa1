/**
 * The xsync step API: what synchronizer authors compile against. Extend {@link io.xsync.api.SyncStep},
 * {@link io.xsync.api.Policy}, {@link io.xsync.api.PullStep} or {@link io.xsync.api.EventStep};
 * reach the data model through {@link io.xsync.api.Models}. Nothing here depends on the engines.
 */
package io.xsync.api;
