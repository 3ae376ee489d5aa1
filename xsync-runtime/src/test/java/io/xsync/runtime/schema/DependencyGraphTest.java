package io.xsync.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.xsync.runtime.schema.DependencyGraph.Edge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyGraphTest {
    private static Schema schema;
    private static DependencyGraph derived;

    @TempDir
    Path dir;

    @BeforeAll
    static void derive() {
        schema = XprotoLoader.load(Fixtures.xproto("core"));
        derived = DependencyGraph.derive(schema);
    }

    @Test
    void derivedGraphPrintsExactlyTheExpectedModelDeps() throws Exception {
        Path golden = Path.of(DependencyGraphTest.class.getResource("/model-deps/core.json").toURI());
        assertThat(derived.toJson()).isEqualTo(Files.readString(golden));
    }

    @Test
    void oneKeyPerModelInFileOrderWithoutTheBaseModel() {
        assertThat(derived.edges().keySet()).containsExactlyElementsOf(
                schema.models().stream().map(ModelDef::name).toList());
        assertThat(derived.edges()).doesNotContainKey("XOSBase");
    }

    @Test
    void inheritedLinksComeFirstThenOwnOfEveryKind() {
        assertThat(derived.edges("FabricLink")).containsExactly(
                new Edge("Service", "owner", "service_instances"),
                new Edge("Site", "site", "service_instances"),
                new Edge("FabricPort", "peer", "+"),
                new Edge("Tag", "tags", ""));
        assertThat(derived.edges("Instance")).extracting(Edge::peer)
                .containsExactly("Slice", "Image", "InstanceConsole");
    }

    @Test
    void selfLinksAreKeptInTheFileButNotInDependencies() {
        assertThat(derived.edges("Slice")).contains(new Edge("Slice", "parent", "children"));
        assertThat(derived.dependencies("Slice")).containsExactly("Site", "Image", "Network");
    }

    @Test
    void dependentsAreTheReverse() {
        assertThat(derived.dependents("Slice")).containsExactly("NetworkSlice", "Instance");
        assertThat(derived.dependents("Empty")).isEmpty();
    }

    @Test
    void orderPutsDependenciesFirst() {
        List<String> order = derived.order();
        assertThat(order).containsExactlyInAnyOrderElementsOf(derived.edges().keySet());
        for (String model : order) {
            for (String dep : derived.dependencies(model)) {
                assertThat(order.indexOf(dep)).as(model + " after " + dep).isLessThan(order.indexOf(model));
            }
        }
    }

    @Test
    void orderBreaksCycles() {
        DependencyGraph g = new DependencyGraph(Map.of("A", List.of(new Edge("B", "b", "")),
                "B", List.of(new Edge("A", "a", ""))));
        assertThat(g.order()).containsExactlyInAnyOrder("A", "B");
    }

    @Test
    void jsonIsValidAndRoundTripsThroughLoad() throws Exception {
        assertThat(new ObjectMapper().readTree(derived.toJson()).size()).isEqualTo(derived.edges().size());
        Path file = Fixtures.write(dir, "model-deps", derived.toJson());
        assertThat(DependencyGraph.load(file, schema).edges()).isEqualTo(derived.edges());
    }

    @Test
    void emptyGraphPrintsAnEmptyObject() {
        assertThat(new DependencyGraph(Map.of()).toJson()).isEqualTo("{}\n");
    }

    @Test
    void loadAcceptsShortEntriesAndPlainPeerNames() {
        Path file = Fixtures.write(dir, "deps.json", "{\"Instance\": [\"Slice\", [\"Image\"], [\"Site\", \"site\"]]}");
        assertThat(DependencyGraph.load(file).edges("Instance")).containsExactly(new Edge("Slice", "", ""),
                new Edge("Image", "", ""), new Edge("Site", "site", ""));
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() {
        Path file = Fixtures.write(dir, "deps.json", "{\n  \"Instance\": [[\"Slice\", \"slice\" \"x\"]]\n}");
        assertThatThrownBy(() -> DependencyGraph.load(file)).isInstanceOf(DependencyGraphException.class)
                .hasMessageStartingWith(file + ":2:")
                .hasMessageContaining("malformed model-deps JSON");
    }

    @Test
    void wrongShapeNamesTheFileAndTheEntry() {
        Path top = Fixtures.write(dir, "top.json", "[]");
        assertThatThrownBy(() -> DependencyGraph.load(top)).hasMessage(top + ": malformed model-deps JSON:"
                + " the top level must be an object of model name to dependency list");
        Path entry = Fixtures.write(dir, "entry.json", "{\"Instance\": [[\"Slice\", 3]]}");
        assertThatThrownBy(() -> DependencyGraph.load(entry)).hasMessage(entry + ": malformed model-deps JSON:"
                + " entry 0 of 'Instance' must be [peer, field, reverse] (strings), found [\"Slice\",3]");
        Path list = Fixtures.write(dir, "list.json", "{\"Instance\": \"Slice\"}");
        assertThatThrownBy(() -> DependencyGraph.load(list)).hasMessage(list + ": malformed model-deps JSON:"
                + " the value of 'Instance' must be a list of [peer, field, reverse] entries");
    }

    @Test
    void duplicateKeysAreMalformed() {
        Path file = Fixtures.write(dir, "deps.json", "{\"Site\": [], \"Site\": []}");
        assertThatThrownBy(() -> DependencyGraph.load(file)).hasMessageContaining("Duplicate field 'Site'");
    }

    @Test
    void unknownModelsAreReportedWithTheFile() {
        Path key = Fixtures.write(dir, "key.json", "{\"Site\": [], \"Sight\": []}");
        assertThatThrownBy(() -> DependencyGraph.load(key, schema)).isInstanceOf(DependencyGraphException.class)
                .hasMessage(key + ": unknown model 'Sight' (no xproto file defines it)");
        Path peer = Fixtures.write(dir, "peer.json", "{\"Instance\": [[\"Slize\", \"slice\", \"instances\"]]}");
        assertThatThrownBy(() -> DependencyGraph.load(peer, schema)).hasMessage(peer
                + ": 'Instance' depends on unknown model 'Slize' (no xproto file defines it)");
    }

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("absent.json");
        assertThatThrownBy(() -> DependencyGraph.load(file)).isInstanceOf(DependencyGraphException.class)
                .hasMessageStartingWith(file + ": cannot read model-deps file");
    }
}
