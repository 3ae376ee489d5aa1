package __PKG__;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.test.SyncPass;
import io.xsync.test.TestSynchronizer;
import io.xsync.test.XsyncExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import models.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The steps of config.yaml under the test kit: each test starts on an empty in-memory store, and
 * nothing runs unless the test asks (an event, one policy pass, one sync pass, one pull).
 */
class ItemStepsTest {
    private static final Path BACKEND = tempDir();

    @RegisterExtension
    static XsyncExtension xsync = XsyncExtension.config("config.yaml")
            .set("steps.ItemSyncStep.backend_dir", BACKEND.toString())
            .set("steps.BackendPullStep.backend_dir", BACKEND.toString());

    @Test
    void anEventBecomesALabelledItemInTheBackend(TestSynchronizer sync) throws IOException {
        sync.event("items", "{\"name\": \"bolt\", \"quantity\": 3}");

        Item bolt = Item.objects(sync.models()).first(Item.NAME.eq("bolt")).orElseThrow();
        assertThat(bolt.getQuantity()).isEqualTo(3);

        assertThat(sync.policyPass()).isEqualTo(1);
        bolt.refresh();
        assertThat(bolt.getLabel()).isEqualTo("3 x bolt");

        assertThat(sync.syncPass()).isEqualTo(new SyncPass(1, 0, 0, 0));
        assertThat(Files.readString(BACKEND.resolve("Item-" + bolt.id() + ".json")))
                .isEqualTo("{\"id\":" + bolt.id() + ",\"name\":\"bolt\",\"quantity\":3}\n");
    }

    @Test
    void aMissingBackendFileIsWrittenAgain(TestSynchronizer sync) throws IOException {
        Item nut = Item.objects(sync.models()).create().setName("nut").setQuantity(5);
        nut.save();
        sync.syncPass();
        Files.delete(BACKEND.resolve("Item-" + nut.id() + ".json"));

        sync.pull();
        assertThat(sync.syncPass().synced()).isEqualTo(1);
        assertThat(BACKEND.resolve("Item-" + nut.id() + ".json")).exists();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("backend");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
