package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.runtime.store.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code xsync models} over models written like a real XOS deployment (the runtime's xoslike
 * fixtures): manytomany ids set, shown, filtered and cleared by deletes; subclass objects listed
 * with their parent. On H2 and PostgreSQL.
 */
class XosModelsCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of("../xsync-runtime/src/test/resources/xproto/xoslike");

    @TempDir
    Path dir;

    private TestStores.Database database;
    private String config;

    private void setUp(String dialect) throws Exception {
        Files.createDirectories(dir.resolve("models"));
        for (String f : new String[] {"core.xproto", "olt.xproto"}) {
            Files.copy(FIXTURES.resolve(f), dir.resolve("models/" + f));
        }
        String store = "";
        if (dialect.equals("postgresql")) {
            database = TestStores.database("postgresql");
            store = "store:\n  url: \"" + database.url() + "\"\n";
        }
        config = Files.writeString(dir.resolve("config.yaml"), "name: xoslike\nmodels_dir: models\n"
                + "http:\n  enabled: false\n" + store).toString();
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private CliRun models(String... args) {
        List<String> all = new ArrayList<>(List.of("models"));
        all.addAll(List.of(args));
        all.addAll(List.of("--config", config));
        return CliRun.of(all.toArray(new String[0]));
    }

    private long create(String model, String... fields) {
        List<String> args = new ArrayList<>(List.of("create", model));
        args.addAll(List.of(fields));
        CliRun run = models(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Long.parseLong(run.out().trim());
    }

    private JsonNode get(String model, long id) throws Exception {
        CliRun run = models("get", model, Long.toString(id), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void manyToManyRoundTripAndCascadeOnDelete(String dialect) throws Exception {
        setUp(dialect);
        long site = create("Site", "name=s", "login_base=s");
        long owner = create("Slice", "name=owner", "site=" + site);
        long a = create("Slice", "name=a", "site=" + site);
        long b = create("Slice", "name=b", "site=" + site);
        long net = create("Network", "name=n", "owner=" + owner, "permitted_slices_ids=" + a + "," + b);
        assertThat(ids(get("Network", net).get("permitted_slices_ids"))).containsExactly(a, b);

        CliRun listed = models("list", "Network", "--json", "permitted_slices_ids=" + a);
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.outLines()).hasSize(1);
        assertThat(models("list", "Network", "--json", "permitted_slices_ids__in=" + owner).outLines()).isEmpty();

        CliRun update = models("update", "Network", Long.toString(net), "permitted_slices_ids=" + b);
        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(ids(get("Network", net).get("permitted_slices_ids"))).containsExactly(b);

        CliRun vertical = models("get", "Network", Long.toString(net));
        assertThat(vertical.out()).contains("permitted_slices_ids").contains("[" + b + "]");

        CliRun deleted = models("delete", "Slice", Long.toString(b));
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(get("Network", net).get("permitted_slices_ids")).isEmpty();

        CliRun missing = models("update", "Network", Long.toString(net), "permitted_slices_ids=999999");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("Network.permitted_slices_ids names Slice 999999, which does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void subclassObjectsAreListedWithTheirParent(String dialect) throws Exception {
        setUp(dialect);
        long olt = create("OLTService", "name=olt", "controller_url=http://c");
        CliRun services = models("list", "Service", "--json");
        assertThat(services.exitCode()).as(services.err()).isZero();
        JsonNode only = JSON.readTree(services.outLines().get(0));
        assertThat(only.get("id").asLong()).isEqualTo(olt);
        assertThat(only.get("leaf_model_name").asText()).isEqualTo("OLTService");
        assertThat(get("OLTService", olt).get("controller_url").asText()).isEqualTo("http://c");
    }
}
