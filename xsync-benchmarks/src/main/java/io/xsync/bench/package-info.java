/**
 * The benchmark harness run by bin/xsync-bench: sync, events and listing benchmarks and a hand-written baseline loop. Tools only; no main code may depend on this package (LayeringTest checks it).
 */
package io.xsync.bench;
