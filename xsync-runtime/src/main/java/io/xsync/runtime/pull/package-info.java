/**
 * The pull engine: runs pull steps ({@link io.xsync.api.PullStep}) on their intervals. See
 * {@link io.xsync.runtime.pull.PullEngine}.
 */
package io.xsync.runtime.pull;
