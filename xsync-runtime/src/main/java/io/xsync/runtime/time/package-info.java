/**
 * Time for the synchronizer: the injected clock ({@link io.xsync.runtime.time.Time}), the real
 * one ({@link io.xsync.runtime.time.SystemTime}), one tests advance
 * ({@link io.xsync.runtime.time.ManualTime}), and real-time bounds on waits for threads and
 * external systems ({@link io.xsync.runtime.time.Deadline}).
 */
package io.xsync.runtime.time;
