package io.xsync.cli;

import io.xsync.runtime.Synchronizer;
import io.xsync.runtime.config.ConfigKeys;
import io.xsync.runtime.config.XsyncConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code xsync run --config FILE}: starts the synchronizer and runs until SIGTERM or Ctrl-C, then
 * stops it in order (the API and event intake first, then the engines drain work in flight up to
 * {@code shutdown_timeout} and release their claims, the store closes last) and exits. The stop
 * runs from the signal handler, before the JVM's own shutdown; a shutdown hook covers other exits.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs a synchronizer until SIGTERM or Ctrl-C.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        XsyncConfig cfg = config.load();
        LoggingSetup.apply(cfg);
        Synchronizer sync = Synchronizer.start(cfg);
        Duration timeout = cfg.get(ConfigKeys.SHUTDOWN_TIMEOUT);
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            try {
                sync.stop(timeout);
            } finally {
                stopped.countDown();
            }
        };
        ShutdownSignals.install(stop);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "xsync-shutdown-hook"));
        stopped.await();
        return 0;
    }
}
