package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String config;

    @BeforeEach
    void setUp() throws IOException {
        config = CliFixture.create(dir, "").toString();
    }

    private CliRun models(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "models";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--config";
        all[args.length + 2] = config;
        return CliRun.of(all);
    }

    private long create(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "create";
        all[1] = "MyModel";
        System.arraycopy(args, 0, all, 2, args.length);
        CliRun run = models(all);
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        return Long.parseLong(run.out().trim());
    }

    private List<JsonNode> jsonList(String... filters) throws IOException {
        String[] all = new String[filters.length + 3];
        all[0] = "list";
        all[1] = "MyModel";
        all[2] = "--json";
        System.arraycopy(filters, 0, all, 3, filters.length);
        CliRun run = models(all);
        assertThat(run.exitCode()).isZero();
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : run.outLines()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void createPrintsIdAndListShowsTable() {
        long id = create("first_name=John", "last_name=Doe", "age=42");
        assertThat(id).isPositive();
        CliRun list = models("list", "MyModel");
        assertThat(list.exitCode()).isZero();
        assertThat(list.outLines()).hasSize(2);
        assertThat(list.outLines().get(0)).startsWith("id").contains("first_name", "last_name", "age", "site_id");
        assertThat(list.outLines().get(1)).startsWith(Long.toString(id)).contains("John", "Doe", "42");
    }

    @Test
    void jsonCarriesEveryFieldIncludingBaseFields() throws IOException {
        long id = create("first_name=John", "last_name=Doe");
        List<JsonNode> rows = jsonList();
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("id").asLong()).isEqualTo(id);
        assertThat(row.get("first_name").asText()).isEqualTo("John");
        assertThat(row.get("backend_status").asText()).isEqualTo("Provisioning in progress");
        assertThat(row.get("backend_code").asInt()).isZero();
        assertThat(row.get("leaf_model_name").asText()).isEqualTo("MyModel");
        assertThat(row.get("deleted").asBoolean()).isFalse();
        assertThat(row.get("enacted").isNull()).isTrue();
        assertThat(row.get("updated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(row.has("created")).isTrue();
        assertThat(row.has("site_id")).isTrue();
    }

    @Test
    void listFiltersByTypedFields() throws IOException {
        create("first_name=John", "last_name=Doe", "age=42");
        long jane = create("first_name=Jane", "last_name=Doe", "age=7");
        create("first_name=Jim", "last_name=Beam");
        assertThat(jsonList("age=7")).extracting(n -> n.get("id").asLong()).containsExactly(jane);
        assertThat(jsonList("last_name=Doe")).hasSize(2);
        assertThat(jsonList("first_name__startswith=Ji")).extracting(n -> n.get("first_name").asText())
                .containsExactly("Jim");
        assertThat(jsonList("age__isnull=true")).hasSize(1);
    }

    @Test
    void listPagesWithLimitAndOffsetAndSaysWhatIsLeft() throws IOException {
        long[] ids = new long[5];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = create("first_name=P" + i, "last_name=Page");
        }
        assertThat(jsonList("--limit", "2", "--offset", "1")).extracting(n -> n.get("id").asLong())
                .containsExactly(ids[1], ids[2]);
        CliRun page = models("list", "MyModel", "--limit", "2");
        assertThat(page.exitCode()).isZero();
        assertThat(page.outLines()).hasSize(3); // header and two rows
        assertThat(page.err()).contains("2 of 5 shown");
        CliRun all = models("list", "MyModel");
        assertThat(all.err()).isEmpty();
        assertThat(models("list", "MyModel", "--limit", "-1").exitCode()).isNotZero();
    }

    @Test
    void getUpdateAndDelete() throws IOException {
        long id = create("first_name=John", "last_name=Doe");
        CliRun update = models("update", "MyModel", Long.toString(id), "last_name=Smith", "age=3");
        assertThat(update.exitCode()).isZero();
        assertThat(update.out().trim()).isEqualTo("updated MyModel " + id);

        CliRun get = models("get", "MyModel", Long.toString(id));
        assertThat(get.exitCode()).isZero();
        assertThat(get.outLines()).anyMatch(l -> l.matches("last_name\\s+Smith"))
                .anyMatch(l -> l.matches("age\\s+3")).anyMatch(l -> l.matches("backend_code\\s+0"));

        CliRun getJson = models("get", "MyModel", Long.toString(id), "--json");
        assertThat(JSON.readTree(getJson.out()).get("last_name").asText()).isEqualTo("Smith");

        CliRun delete = models("delete", "MyModel", Long.toString(id));
        assertThat(delete.exitCode()).isZero();
        assertThat(delete.out().trim()).isEqualTo("deleted MyModel " + id);
        assertThat(jsonList()).isEmpty();
        assertThat(jsonList("deleted=true")).hasSize(1);
    }

    @Test
    void linkFieldTakesAnId() throws IOException {
        CliRun site = models("create", "Site", "name=Lab");
        long siteId = Long.parseLong(site.out().trim());
        long id = create("first_name=John", "last_name=Doe", "site=" + siteId);
        JsonNode row = jsonList().get(0);
        assertThat(row.get("id").asLong()).isEqualTo(id);
        assertThat(row.get("site_id").asLong()).isEqualTo(siteId);
    }

    @Test
    void unknownFieldIsOneLineAndWritesNothing() throws IOException {
        CliRun run = models("create", "MyModel", "first_name=John", "nickname=Jo");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("xsync: model MyModel has no field 'nickname' (fields: ");
        assertThat(jsonList()).isEmpty();
    }

    @Test
    void badValueIsOneLineAndWritesNothing() throws IOException {
        CliRun run = models("create", "MyModel", "first_name=John", "last_name=Doe", "age=old");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("xsync: ").contains("MyModel.age").contains("old");
        assertThat(jsonList()).isEmpty();
    }

    @Test
    void feedbackFieldIsRefusedForTheCli() throws IOException {
        CliRun run = models("create", "MyModel", "first_name=John", "last_name=Doe", "status=up");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("xsync: ").contains("status");
        assertThat(jsonList()).isEmpty();
    }

    @Test
    void controlCharactersInValuesAreEscapedInTablesAndFieldLists() {
        long id = create("first_name=\u001b[2J\u001b]0;owned\u0007", "last_name=a\nb");
        CliRun list = models("list", "MyModel");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).doesNotContain("\u001b", "\u0007").contains("\\x1b[2J\\x1b]0;owned\\x07", "a\\x0ab");
        CliRun get = models("get", "MyModel", Long.toString(id));
        assertThat(get.out()).doesNotContain("\u001b").contains("\\x1b[2J");
    }

    @Test
    void bookkeepingFieldsAndUndeleteAreRefusedForTheCli() throws IOException {
        long id = create("first_name=John", "last_name=Doe");
        for (String field : List.of("backend_code=1", "enacted=2020-01-01T00:00:00Z", "policy_status=done",
                "created=", "leaf_model_name=Site")) {
            CliRun run = models("update", "MyModel", Long.toString(id), field);
            assertThat(run.exitCode()).as(field).isEqualTo(1);
            assertThat(run.errLines()).as(field).hasSize(1);
            assertThat(run.err()).as(field).startsWith("xsync: field MyModel." + field.substring(0, field.indexOf('=')))
                    .contains("only synchronizer code may write it");
        }
        assertThat(models("delete", "MyModel", Long.toString(id)).exitCode()).isZero();
        CliRun undelete = models("update", "MyModel", Long.toString(id), "deleted=false");
        assertThat(undelete.exitCode()).isEqualTo(1);
        assertThat(undelete.err()).startsWith("xsync: field MyModel.deleted is set by deleting the object");
        assertThat(jsonList("deleted=true")).hasSize(1);
        assertThat(jsonList("deleted=true").get(0).get("backend_code").asInt()).isZero();
    }

    @Test
    void unknownModelIsOneLine() {
        CliRun run = models("list", "Ghost");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("xsync: unknown model 'Ghost' (known: Site, MyModel)");
    }

    @Test
    void missingObjectIsOneLine() {
        CliRun run = models("get", "MyModel", "999");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("xsync: MyModel 999 does not exist");
    }

    @Test
    void assignmentWithoutEqualsIsAUsageError() {
        CliRun run = models("create", "MyModel", "first_name");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected field=value, got 'first_name'");
    }
}
