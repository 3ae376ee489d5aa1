package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.xsync.api.ModelObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Change listeners: after commit, in this process and in other stores on the same database
 * (PostgreSQL LISTEN/NOTIFY, H2 change log).
 */
class ChangeNotificationIT extends StoreTestSupport {

    @ParameterizedTest
    @MethodSource("dialects")
    void listenersHearCommittedChangesWithModelNames(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        List<Set<String>> heard = new CopyOnWriteArrayList<>();
        store.addChangeListener(heard::add);
        ModelObject site = site(store, "s");
        assertThat(heard).containsExactly(Set.of("Site"));
        heard.clear();
        store.inTransaction(() -> {
            slice(store, site, "x");
            site.set("counter", 1).save();
            assertThat(heard).as("nothing before commit").isEmpty();
            return null;
        });
        assertThat(heard).containsExactly(Set.of("Site", "Slice"));
        heard.clear();
        slice(store, site, "y");
        heard.clear();
        site.delete();
        assertThat(heard).containsExactly(Set.of("Site", "Slice"));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void nothingIsHeardForRollbacksOrReads(String dialect) {
        JdbcStore store = open(dialect);
        ModelObject site = site(store, "s");
        List<Set<String>> heard = new CopyOnWriteArrayList<>();
        store.addChangeListener(heard::add);
        assertThatThrownBy(() -> store.inTransaction(() -> {
            site(store, "t");
            throw new IllegalStateException("no");
        })).hasMessage("no");
        api(store).get("Site").all();
        store.withActor(site, Actor.SYNC_STEP).save(); // nothing changed: no write
        assertThat(heard).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aFailingListenerDoesNotStopOthers(String dialect) {
        JdbcStore store = open(dialect);
        List<Set<String>> heard = new CopyOnWriteArrayList<>();
        store.addChangeListener(models -> {
            throw new IllegalStateException("listener bug");
        });
        store.addChangeListener(heard::add);
        site(store, "s");
        assertThat(heard).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void anotherStoreOnTheSameDatabaseHearsChanges(String dialect) {
        try (TestStores.Database db = TestStores.database(dialect);
             JdbcStore writer = db.open(TestSchemas.chain());
             JdbcStore reader = db.open(TestSchemas.chain())) {
            List<Set<String>> heardByReader = new CopyOnWriteArrayList<>();
            List<Set<String>> heardByWriter = new CopyOnWriteArrayList<>();
            reader.addChangeListener(heardByReader::add);
            writer.addChangeListener(heardByWriter::add);
            // the listener thread may still be connecting: write until the reader hears
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                site(writer, "s");
                assertThat(heardByReader).contains(Set.of("Site"));
            });
            int before = heardByWriter.size();
            ModelObject s = site(writer, "t");
            assertThat(heardByWriter).as("heard by the writer at its commit").hasSize(before + 1);
            heardByReader.clear();
            slice(writer, s, "x");
            await().atMost(Duration.ofSeconds(10)).until(() -> heardByReader.contains(Set.of("Slice")));
            // End marker: a change by the reader reaches the writer over the same channel after the
            // writer's own publications would have; by then an echo of its own Site would be there.
            site(reader, "from-reader");
            await().atMost(Duration.ofSeconds(10)).until(() -> heardByWriter.size() > before + 2);
            assertThat(heardByWriter.subList(before, heardByWriter.size()))
                    .as("a store hears its own changes once, at commit, and others' over the channel")
                    .containsExactly(Set.of("Site"), Set.of("Slice"), Set.of("Site"));
        }
    }

    @Test
    void theListenerReconnectsAndAnnouncesThatChangesMayHaveBeenMissed() throws Exception {
        try (TestStores.Database db = TestStores.database("postgresql");
             JdbcStore writer = db.open(TestSchemas.chain());
             JdbcStore reader = db.open(TestSchemas.chain())) {
            List<Set<String>> heard = new CopyOnWriteArrayList<>();
            reader.addChangeListener(heard::add);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                site(writer, "s");
                assertThat(heard).contains(Set.of("Site"));
            });
            String appName = PgChangeListener.applicationName(reader.notificationChannel());
            try (var c = writer.dataSource().getConnection();
                 var st = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                         + " WHERE application_name = ?")) {
                st.setString(1, appName);
                st.execute();
            }
            Set<String> all = Set.copyOf(reader.models(Actor.API).names());
            await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains(all));
            heard.clear();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                site(writer, "again");
                assertThat(heard).contains(Set.of("Site"));
            });
        }
    }
}
