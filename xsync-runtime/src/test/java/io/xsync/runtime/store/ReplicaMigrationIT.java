package io.xsync.runtime.store;

import io.xsync.api.ModelObject;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A replica that starts (and so checks the schema) while another replica writes: on PostgreSQL the
 * check must not lock the model tables when there is nothing to change, or it waits for (and can
 * deadlock with) the writers' transactions.
 */
class ReplicaMigrationIT extends StoreTestSupport {

    @Test
    void aStoreOpensWhileAnotherHoldsAWriteTransaction() throws Exception {
        TestStores.Database db = closeLater(TestStores.database("postgresql"));
        JdbcStore running = closeLater(db.open(TestSchemas.chain()));
        ModelObject site = site(running, "busy");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        try {
            Future<?> writer = pool.submit(() -> running.inTransaction(() -> {
                site.set("counter", 5);
                site.save();
                writing.countDown();
                commit.await(); // the transaction stays open, holding its row and table locks
                return null;
            }));
            writing.await();
            Future<JdbcStore> starting = pool.submit(() -> db.open(TestSchemas.chain()));
            closeLater(starting.get(60, TimeUnit.SECONDS)); // before the writer commits
            commit.countDown();
            writer.get(60, TimeUnit.SECONDS);
        } finally {
            commit.countDown();
            pool.shutdown();
        }
    }
}
