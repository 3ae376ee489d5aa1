package io.xsync.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelObject;
import io.xsync.api.XsyncException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit on the hello example: each kind of step driven by the test, on an in-memory store. */
class XsyncExtensionTest {
    private static final Path BACKEND = tempDir();

    @RegisterExtension
    static XsyncExtension xsync = XsyncExtension.config("../examples/hello/config.yaml")
            .set("steps.MyModelSyncStep.backend_dir", BACKEND.toString())
            .set("steps.BackendPullStep.backend_dir", BACKEND.toString());

    @Test
    void anEventHandedToTheEventStepCreatesAnObject(TestSynchronizer sync) {
        long t0 = System.nanoTime();
        sync.event("MyTopic", "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}");
        List<ModelObject> people = sync.model("MyModel").all();
        System.out.printf("step test: event to object in %d ms (store and steps started before the test)%n",
                (System.nanoTime() - t0) / 1_000_000);
        assertThat(people).extracting(o -> o.getString("first_name") + " " + o.getString("last_name"))
                .containsExactly("Ada Lovelace");
    }

    @Test
    void everyTestStartsOnAnEmptyStore(TestSynchronizer sync) {
        assertThat(sync.storeUrl()).startsWith("jdbc:h2:mem:xsync-test-");
        assertThat(sync.model("MyModel").all()).isEmpty();
        sync.event("MyTopic", "{\"first_name\": \"Grace\", \"last_name\": \"Hopper\"}");
        assertThat(sync.model("MyModel").all()).hasSize(1);
    }

    @Test
    void theSameNamesSentTwiceGiveOneObject(TestSynchronizer sync) {
        sync.event("MyTopic", "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}");
        sync.event("MyTopic", "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}");
        assertThat(sync.model("MyModel").all()).hasSize(1);
    }

    @Test
    void eventsHandedOverAsOneBatchAreAppliedInOrderInOneTransaction(TestSynchronizer sync) {
        sync.events("MyTopic", List.of("{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}",
                "{\"first_name\": \"Grace\", \"last_name\": \"Hopper\"}",
                "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}"));
        assertThat(sync.model("MyModel").all()).extracting(o -> o.getString("first_name"))
                .containsExactlyInAnyOrder("Ada", "Grace");
    }

    @Test
    void aFailingEventRollsBackItsWholeBatch(TestSynchronizer sync) {
        assertThatThrownBy(() -> sync.events("MyTopic", List.of(
                "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}", "{\"first_name\": \"Grace\"}")))
                .hasMessageContaining("has no string field 'last_name'");
        assertThat(sync.model("MyModel").all()).isEmpty();
    }

    @Test
    void theEventStepsExceptionReachesTheTest(TestSynchronizer sync) {
        assertThatThrownBy(() -> sync.event("MyTopic", "{\"first_name\": \"Ada\"}"))
                .hasMessageContaining("has no string field 'last_name'");
        assertThat(sync.model("MyModel").all()).isEmpty();
    }

    @Test
    void anEventOnATopicNoStepListensToIsRefused(TestSynchronizer sync) {
        assertThatThrownBy(() -> sync.event("OtherTopic", "{}"))
                .isInstanceOf(XsyncException.class)
                .hasMessageContaining("no event step listens to topic OtherTopic");
    }

    @Test
    void aPolicyPassGivesANewObjectItsGreeting(TestSynchronizer sync) {
        ModelObject ada = create(sync, "Ada", "Lovelace");
        assertThat(sync.model("Greeting").all()).isEmpty();
        assertThat(sync.policyPass()).isEqualTo(1);
        assertThat(sync.model("Greeting").filter(Map.of("mymodel_id", ada.id())))
                .extracting(g -> g.getString("text")).containsExactly("Hello, Ada Lovelace");
    }

    @Test
    void aSyncPassWritesTheBackendFileAndRecordsSuccessOnTheObject(TestSynchronizer sync) throws IOException {
        ModelObject ada = create(sync, "Ada", "Lovelace");
        SyncPass pass = sync.syncPass();
        assertThat(pass).isEqualTo(new SyncPass(1, 0, 0, 0));
        assertThat(Files.readString(BACKEND.resolve("MyModel-" + ada.id() + ".json")))
                .isEqualTo("{\"id\":" + ada.id() + ",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}\n");
        ada.refresh();
        assertThat(ada.getString("backend_status")).isEqualTo("OK");
    }

    @Test
    void aFailingSyncRecordIsRecordedOnTheObject(TestSynchronizer sync) {
        ModelObject joe = create(sync, "Joe", "Fail");
        assertThat(sync.syncPass()).isEqualTo(new SyncPass(0, 1, 0, 0));
        joe.refresh();
        assertThat(joe.getLong("backend_code")).isEqualTo(2);
        assertThat(joe.getString("backend_status")).isEqualTo("the backend refuses people named Fail");
    }

    @Test
    void thePullStepMarksAnObjectWhoseFileIsGoneDirtyAgain(TestSynchronizer sync) throws IOException {
        ModelObject ada = create(sync, "Ada", "Lovelace");
        sync.syncPass();
        Files.delete(BACKEND.resolve("MyModel-" + ada.id() + ".json"));
        sync.pull();
        assertThat(sync.syncPass().synced()).isEqualTo(1);
        assertThat(BACKEND.resolve("MyModel-" + ada.id() + ".json")).exists();
    }

    private static ModelObject create(TestSynchronizer sync, String first, String last) {
        ModelObject o = sync.model("MyModel").newObject();
        o.set("first_name", first).set("last_name", last).save();
        return o;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("xsync-test-backend");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
