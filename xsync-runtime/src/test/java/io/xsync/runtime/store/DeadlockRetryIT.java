package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.api.ModelObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A create that the database picks as a deadlock victim is run again and succeeds: a client's
 * write is never refused because another transaction locked the same rows in the other order.
 *
 * <p>On PostgreSQL the waiter whose deadlock timeout expires first is rolled back. The test makes
 * that the create: a transaction updates the Image, the create of an Instance linking to the
 * Slice and that Image then locks the Slice and waits for the Image, and only then does the
 * transaction update the Slice, closing the cycle. (H2 rolls back the transaction that closes a
 * cycle, which here would be the client's own transaction, so the case is run on PostgreSQL.)
 */
class DeadlockRetryIT extends StoreTestSupport {

    @Test
    void aCreateRolledBackAsADeadlockVictimIsRunAgain() throws Exception {
        JdbcStore store = open("postgresql");
        ModelObject site = site(store, "s");
        ModelObject slice = slice(store, site, "sl");
        ModelObject image = api(store).get("Image").newObject().set("name", "img");
        image.save();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection watcher = DriverManager.getConnection(TestStores.pgUrl())) {
            CountDownLatch imageLocked = new CountDownLatch(1);
            CountDownLatch createWaits = new CountDownLatch(1);
            Future<?> other = pool.submit(() -> store.inTransaction(() -> {
                ModelObject i = reload(store, image);
                i.set("name", "img2").save();
                imageLocked.countDown();
                assertThat(createWaits.await(30, TimeUnit.SECONDS)).isTrue();
                ModelObject s = reload(store, slice);
                s.set("description", "touched").save(); // closes the cycle
                return null;
            }));
            assertThat(imageLocked.await(30, TimeUnit.SECONDS)).isTrue();
            Future<ModelObject> create = pool.submit(() -> {
                ModelObject o = api(store).get("Instance").newObject().set("name", "vm")
                        .set("slice", slice).set("image", image);
                o.save();
                return o;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> lockWaiters(watcher) > 0);
            Thread.sleep(300); // the create's deadlock timeout must expire well before the other's
            createWaits.countDown();

            other.get(60, TimeUnit.SECONDS);
            ModelObject created = create.get(60, TimeUnit.SECONDS);
            assertThat(reload(store, created).getLong("image")).isEqualTo(image.id());
            assertThat(reload(store, slice).getString("description")).isEqualTo("touched");
            assertThat(reload(store, image).getString("name")).isEqualTo("img2");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sessions of this database waiting for a row lock taken by a link check. */
    private static int lockWaiters(Connection c) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND datname = current_database() AND query LIKE '%FOR SHARE%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
