package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.schema.XprotoSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several synchronizers on one store: the model registry, and each synchronizer migrating only
 * the tables of the models it owns, on H2 and PostgreSQL.
 */
class ModelOwnershipIT extends StoreTestSupport {
    private static final XprotoSource CORE = new XprotoSource(Path.of("core.xproto"),
            "message Site (XOSBase) { required string name = 1 [max_length = 64]; }\n");
    private static final XprotoSource VPN = new XprotoSource(Path.of("vpn.xproto"),
            "message Vpn (XOSBase) { required manytoone site->Site:vpns = 1; }\n");

    private static Ownership core() {
        return new Ownership("core", Set.of("Site"), Set.of("Site"), List.of(CORE), true);
    }

    private static JdbcStore open(TestStores.Database db, List<XprotoSource> files, Ownership o) {
        return JdbcStore.open(db.settings(), XprotoLoader.loadSources(files), o);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void theRegistryRecordsEachOwnersModelsFilesAndSyncedModels(String dialect) {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        open(db, List.of(CORE), core()).close();
        try (JdbcStore s = open(db, List.of(CORE, VPN),
                new Ownership("vpn", Set.of("Vpn"), Set.of("Vpn"), List.of(VPN), true))) {
            assertThat(s.registry().owners()).isEqualTo(Map.of("Site", "core", "Vpn", "vpn"));
            assertThat(s.registry().syncedByOthers("vpn")).containsExactly("Site");
        }
        ModelRegistry.Snapshot read = ModelRegistry.read(db.settings());
        assertThat(read.owners()).isEqualTo(Map.of("Site", "core", "Vpn", "vpn"));
        assertThat(read.filesOfOthers("vpn")).extracting(XprotoSource::fileName, XprotoSource::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("core.xproto", CORE.text()));
        assertThat(read.synced()).isEqualTo(Map.of("core", Set.of("Site"), "vpn", Set.of("Vpn")));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aModelAnotherSynchronizerOwnsRefusesToOpenNamingBoth(String dialect) {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        open(db, List.of(CORE), core()).close();
        Ownership other = new Ownership("other", Set.of("Site"), Set.of(), List.of(CORE), true);
        assertThatThrownBy(() -> open(db, List.of(CORE), other)).isInstanceOf(StoreException.class)
                .hasMessageContaining("synchronizer 'other' claims models another synchronizer owns: "
                        + "Site (owned by 'core')");
        assertThat(ModelRegistry.read(db.settings()).owners()).isEqualTo(Map.of("Site", "core"));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void policiesForAModelAnotherSynchronizerPolicesRefuseToOpenNamingBoth(String dialect) {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        open(db, List.of(CORE), new Ownership("core", Set.of("Site"), Set.of(), List.of(CORE), true, Set.of("Site")))
                .close();
        Ownership vpn = new Ownership("vpn", Set.of("Vpn"), Set.of(), List.of(VPN), true, Set.of("Site", "Vpn"));
        assertThatThrownBy(() -> open(db, List.of(CORE, VPN), vpn)).isInstanceOf(StoreException.class)
                .hasMessageContaining("synchronizer 'vpn' has model policies for models another synchronizer "
                        + "polices: Site (policed by 'core')");

        open(db, List.of(CORE, VPN), new Ownership("vpn", Set.of("Vpn"), Set.of(), List.of(VPN), true,
                Set.of("Vpn"))).close();
        open(db, List.of(CORE), new Ownership("core", Set.of("Site"), Set.of(), List.of(CORE), true,
                Set.of("Site"))).close(); // a replica of core, or core restarted: the same name
        assertThat(ModelRegistry.read(db.settings()).owners()).isEqualTo(Map.of("Site", "core", "Vpn", "vpn"));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void anotherOwnersTableIsNeitherMigratedNorRefused(String dialect) throws Exception {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        open(db, List.of(CORE), core()).close();
        List<String> site = columns(db, "xs_site");
        // the service's view of Site differs from the core's: a field removed (destructive), one added
        XprotoSource stale = new XprotoSource(Path.of("core.xproto"),
                "message Site (XOSBase) { optional int32 size = 2; }\n");
        Ownership vpn = new Ownership("vpn", Set.of("Vpn"), Set.of(), List.of(VPN), true);
        open(db, List.of(stale, VPN), vpn).close();
        assertThat(columns(db, "xs_site")).isEqualTo(site);
        assertThat(columns(db, "xs_vpn")).contains("site_id");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aDestructiveChangeOfAnOwnedModelStillRefusesToStart(String dialect) {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        open(db, List.of(CORE), core()).close();
        XprotoSource changed = new XprotoSource(Path.of("core.xproto"),
                "message Site (XOSBase) { optional int32 size = 2; }\n");
        assertThatThrownBy(() -> open(db, List.of(changed),
                new Ownership("core", Set.of("Site"), Set.of(), List.of(changed), true)))
                .isInstanceOf(StoreException.class).hasMessageContaining("Site.name: field removed");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void reopeningReplacesTheSynchronizersEntries(String dialect) {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        open(db, List.of(CORE), core()).close();
        XprotoSource renamed = new XprotoSource(Path.of("core2.xproto"),
                "message Place (XOSBase) { required string name = 1 [max_length = 64]; }\n");
        open(db, List.of(renamed), new Ownership("core", Set.of("Place"), Set.of(), List.of(renamed), true)).close();
        ModelRegistry.Snapshot read = ModelRegistry.read(db.settings());
        assertThat(read.owners()).isEqualTo(Map.of("Place", "core"));
        assertThat(read.filesOfOthers("x")).extracting(XprotoSource::fileName).containsExactly("core2.xproto");
        assertThat(read.synced()).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsOneStoreExceptionNamingIt() {
        assertThatThrownBy(() -> ModelRegistry.read(StoreSettings.of("jdbc:postgresql://127.0.0.1:1/none")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open the store at jdbc:postgresql://127.0.0.1:1/none");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aStoreWithoutRegistryReadsAsEmpty(String dialect) {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        assertThat(ModelRegistry.read(db.settings())).isEqualTo(ModelRegistry.Snapshot.EMPTY);
        open(db, List.of(CORE), Ownership.NONE).close();
        assertThat(ModelRegistry.read(db.settings())).isEqualTo(ModelRegistry.Snapshot.EMPTY);
    }

    /** The columns {@code xsync_columns} records for a table, in order. */
    private static List<String> columns(TestStores.Database db, String table) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"column_name\" FROM \"xsync_columns\" WHERE \"table_name\" = '"
                     + table + "' ORDER BY \"position\"")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
