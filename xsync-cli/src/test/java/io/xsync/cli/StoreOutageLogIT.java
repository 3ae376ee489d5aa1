package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.runtime.store.TestStores;
import io.xsync.runtime.testing.DroppingProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xsync run} on PostgreSQL while the database goes away for 20 s (a proxy in front of it
 * drops every connection and refuses new ones, as a stopped server does), with the default
 * logging configuration: the outage is one line when it starts and one when it ends, with no
 * stack traces.
 */
class StoreOutageLogIT {
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aDatabaseOutageIsOneLineNotStackTraces() throws Exception {
        try (TestStores.Database db = TestStores.database("postgresql");
             DroppingProxy proxy = DroppingProxy.forJdbcUrl(db.url())) {
            Path config = CliFixture.create(dir, "store:\n  url: \"" + proxy.rewrite(db.url()) + "\"\n");
            try (RunningSynchronizer child = RunningSynchronizer.startWithProductLogging(config, "clitest")) {
                int before = child.log().length();
                proxy.down();
                await().atMost(Duration.ofSeconds(60)).until(() -> child.log().contains("store unreachable"));
                Thread.sleep(OUTAGE.toMillis()); // the outage lasts: the engines meet it too
                proxy.up();
                await().atMost(Duration.ofSeconds(60)).until(() -> child.log().contains("store reachable again"));
                child.terminate();

                String outage = child.log().substring(before);
                List<String> lines = outage.lines().toList();
                assertThat(lines).as("no stack traces:\n%s", outage)
                        .noneMatch(l -> l.matches("\\s+at .*") || l.startsWith("Caused by"));
                assertThat(lines).as("one line at the start of the outage:\n%s", outage)
                        .filteredOn(l -> l.contains("store unreachable")).hasSize(1);
                assertThat(lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).count())
                        .as("warnings and errors during the outage:\n%s", outage).isLessThanOrEqualTo(2);
            }
        }
    }
}
