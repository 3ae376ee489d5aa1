package io.xsync.test;

import io.xsync.api.XsyncException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension of the test kit: before each test it starts a fresh
 * {@link TestSynchronizer} from a synchronizer's config file (or a models directory alone) on an
 * empty in-memory H2 store, and closes it after the test. Nothing runs by itself: the test
 * hands events to the event steps, runs one sync, policy or pull pass, and looks at the objects.
 *
 * <pre>{@code
 * @RegisterExtension
 * static XsyncExtension xsync = XsyncExtension.config("config.yaml");
 *
 * @Test
 * void anEventCreatesAnObject() {
 *     xsync.synchronizer().event("MyTopic", "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}");
 *     assertThat(xsync.synchronizer().model("MyModel").all()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>A test method (or constructor) may also take the {@link TestSynchronizer} as a parameter.
 * Relative paths resolve against the working directory, which is the project's directory under
 * Maven. Register the extension as a static field (it is per class) or an instance field (per
 * test instance); either way every test gets its own store.
 */
public final class XsyncExtension implements BeforeEachCallback, AfterEachCallback, AfterAllCallback,
        ParameterResolver {
    private final Path config;
    private final Path modelsDir;
    private String postgresUrl;
    private final List<String> sets = new ArrayList<>();
    private TestSynchronizer current;

    private XsyncExtension(Path config, Path modelsDir) {
        this.config = config;
        this.modelsDir = modelsDir;
    }

    /** Starts the synchronizer of this config file (its models and step directories). */
    public static XsyncExtension config(String configFile) {
        return new XsyncExtension(Path.of(configFile), null);
    }

    /** Starts a synchronizer of these models and no steps (to test objects and saves alone). */
    public static XsyncExtension models(String modelsDir) {
        return new XsyncExtension(null, Path.of(modelsDir));
    }

    /**
     * Uses PostgreSQL at {@code jdbcUrl} instead of H2: each test gets a schema of its own, created
     * before it and dropped after it.
     */
    public XsyncExtension postgres(String jdbcUrl) {
        this.postgresUrl = jdbcUrl;
        return this;
    }

    /**
     * Overrides one config key for the tests, as {@code xsync run --set key=value} does (e.g.
     * {@code set("steps.MySyncStep.backend_dir", tempDir.toString())}).
     */
    public XsyncExtension set(String key, String value) {
        sets.add(key + "=" + value);
        return this;
    }

    /** The synchronizer of the running test. */
    public TestSynchronizer synchronizer() {
        if (current == null) {
            throw new XsyncException("no test is running: the synchronizer exists from before each test to after it");
        }
        return current;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        closeCurrent();
        TestStore store = postgresUrl == null ? TestStore.h2() : TestStore.postgres(postgresUrl);
        current = config != null ? TestSynchronizer.start(config, store, sets)
                : TestSynchronizer.startModels(modelsDir, store, sets);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeCurrent();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeCurrent();
    }

    private void closeCurrent() {
        if (current != null) {
            TestSynchronizer s = current;
            current = null;
            s.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestSynchronizer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return synchronizer();
    }
}
