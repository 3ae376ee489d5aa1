package io.xsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.runtime.config.ConfigException;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.steps.LoadedSteps;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.StoreSettings;
import io.xsync.runtime.store.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The models a synchronizer loads where several share a store: its own, those the others
 * registered, and those of {@code uses_models_dir}; one owner per model; H2 serves one synchronizer.
 */
class SharedModelsIT {
    private static final String SITE = "message Site (XOSBase) { required string name = 1 [max_length = 64]; }\n";
    private static final String VPN = "message Vpn (XOSBase) { required manytoone site->Site:vpns = 1; }\n";

    @TempDir
    Path dir;

    private TestStores.Database db;

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private XsyncConfig config(String name, String modelFile, String text, String extra) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name + "/models"));
        Files.writeString(d.resolve(modelFile), text);
        return XsyncConfig.parse("name: " + name + "\nmodels_dir: models\nstore:\n  url: \"" + db.url() + "\"\n" + extra,
                dir.resolve(name + "/config.yaml"));
    }

    /** Opens the store as the synchronizer would (registering its models) and closes it. */
    private static void register(XsyncConfig config) {
        SharedModels models = SharedModels.fromStore(config);
        JdbcStore.open(StoreSettings.fromConfig(config), models.schema(),
                models.ownership(new LoadedSteps(List.of(), List.of(), List.of(), List.of()))).close();
    }

    @Test
    void aServiceLinksIntoTheModelsAnotherSynchronizerRegistered() throws IOException {
        db = TestStores.database("postgresql");
        register(config("core", "core.xproto", SITE, ""));
        SharedModels vpn = SharedModels.fromStore(config("vpn", "vpn.xproto", VPN, ""));
        assertThat(vpn.schema().model("Vpn").link("site").peer()).isEqualTo("Site");
        assertThat(vpn.schema().find("Site")).isNotNull();
        assertThat(vpn.owned()).containsExactly("Vpn");
        assertThat(vpn.describe()).isEqualTo("Synchronizer 'vpn' owns models [Vpn]; uses [Site] (owned by 'core')");
    }

    @Test
    void aModelsDirDefiningAModelAnotherSynchronizerOwnsIsAStartupErrorNamingBoth() throws IOException {
        db = TestStores.database("postgresql");
        register(config("core", "core.xproto", SITE, ""));
        XsyncConfig other = config("other", "copy.xproto", SITE, "");
        assertThatThrownBy(() -> SharedModels.fromStore(other)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("synchronizer 'other' claims models another synchronizer owns: "
                        + "Site (owned by 'core')");
    }

    @Test
    void usesModelsDirServesModelsNobodyRegistered() throws IOException {
        db = TestStores.database("postgresql");
        config("core", "core.xproto", SITE, "");
        SharedModels vpn = SharedModels.withoutStore(config("vpn", "vpn.xproto", VPN,
                "uses_models_dir: ../core/models\n"));
        assertThat(vpn.schema().find("Site")).isNotNull();
        assertThat(vpn.owned()).containsExactly("Vpn");
        assertThat(vpn.describe()).isEqualTo("Synchronizer 'vpn' owns models [Vpn]; uses [Site] (from uses_models_dir, registered by no synchronizer)");
    }

    @Test
    void anH2StoreRefusesASecondSynchronizerInOneLine() throws IOException {
        db = TestStores.database("h2");
        register(config("core", "core.xproto", SITE, ""));
        XsyncConfig vpn = config("vpn", "vpn.xproto", VPN, "");
        assertThatThrownBy(() -> SharedModels.fromStore(vpn)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("store jdbc:h2:file:")
                .hasMessageContaining("is H2, which serves one synchronizer, and synchronizer 'core' owns models in it;"
                        + " run several synchronizers on one PostgreSQL database")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
