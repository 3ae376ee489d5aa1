package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening stores: the embedded default, concurrent openers, and clear errors. */
class StoreOpenIT {

    @Test
    void embeddedDefaultIsAnH2FileSeveralStoresMayOpen(@TempDir Path tmp) {
        Path dataDir = tmp.resolve("data/nested");
        StoreSettings settings = StoreSettings.h2File(dataDir);
        assertThat(settings.url()).endsWith(";AUTO_SERVER=TRUE").contains(dataDir.toAbsolutePath().toString());
        try (JdbcStore run = JdbcStore.open(settings.withPoolName("run"), TestSchemas.chain());
             JdbcStore cli = JdbcStore.open(settings.withPoolName("cli"), TestSchemas.chain())) {
            ModelObject s = run.models(Actor.API).get("Site").newObject().set("name", "a");
            s.save();
            assertThat(cli.models(Actor.API).get("Site").get(s.id())).isPresent();
            assertThat(cli.dialect()).isEqualTo("h2");
        }
        assertThat(Files.exists(dataDir.resolve("xsync.mv.db"))).isTrue();
    }

    @Test
    void concurrentOpenersOfAFreshPostgresSchemaMigrateOnce() throws Exception {
        try (TestStores.Database db = TestStores.database("postgresql")) {
            List<CompletableFuture<JdbcStore>> opening = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                opening.add(CompletableFuture.supplyAsync(() -> db.open(TestSchemas.chain())));
            }
            List<JdbcStore> stores = new ArrayList<>();
            try {
                for (CompletableFuture<JdbcStore> f : opening) {
                    stores.add(f.get());
                }
                site(stores.get(0));
                assertThat(stores.get(2).models(Actor.API).get("Site").count(Map.of())).isEqualTo(1);
            } finally {
                stores.forEach(JdbcStore::close);
            }
        }
    }

    private static void site(JdbcStore store) {
        store.models(Actor.API).get("Site").newObject().set("name", "x").save();
    }

    @Test
    void unsupportedUrlIsNamed() {
        assertThatThrownBy(() -> JdbcStore.open(StoreSettings.of("jdbc:mysql://x/y"), TestSchemas.chain()))
                .isInstanceOf(StoreException.class).hasMessageContaining("jdbc:mysql://x/y");
    }

    @Test
    void unreachableDatabaseIsOneClearError() {
        String url = "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2";
        assertThatThrownBy(() -> JdbcStore.open(StoreSettings.of(url), TestSchemas.chain()))
                .isInstanceOf(StoreException.class).hasMessageContaining("cannot open the store at " + url);
    }
}
