package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.api.ModelObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A commit that returned survives {@code kill -9}: a child JVM saves Sites one transaction each
 * and prints every id once its save returned; after {@value #REPORTED} ids it is SIGKILLed while
 * still writing, and the reopened store must hold every reported id.
 */
class DurableCommitIT extends StoreTestSupport {
    private static final int REPORTED = 300;

    @ParameterizedTest
    @MethodSource("dialects")
    void committedSavesSurviveSigkill(String dialect) throws Exception {
        TestStores.Database db = closeLater(TestStores.database(dialect));
        JdbcStore.open(db.settings(), TestSchemas.chain()).close(); // create the tables first
        List<Long> reported = new ArrayList<>();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitLoop.class.getName(), db.url())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (reported.size() < REPORTED && (line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    reported.add(Long.parseLong(line.substring("committed ".length())));
                }
            }
            child.destroyForcibly(); // SIGKILL, while the child is still saving
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(reported).hasSize(REPORTED);
        JdbcStore store = closeLater(JdbcStore.open(db.settings(), TestSchemas.chain()));
        List<Long> missing = new ArrayList<>();
        for (long id : reported) {
            if (api(store).get("Site").get(id).isEmpty()) {
                missing.add(id);
            }
        }
        assertThat(missing).as("committed Sites lost by kill -9").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void storeSessionsDoNotRelaxDurability(String dialect) throws Exception {
        JdbcStore store = open(dialect);
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            if (dialect.equals("postgresql")) {
                try (ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
                    rs.next();
                    assertThat(rs.getString(1)).isNotEqualTo("off");
                }
            } else {
                try (ResultSet rs = st.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("0");
                }
            }
        }
    }

    /** The child: saves Sites forever, printing each id after its commit returned. */
    public static final class CommitLoop {
        private CommitLoop() {
        }

        public static void main(String[] args) {
            JdbcStore store = JdbcStore.open(StoreSettings.of(args[0]).withPoolSize(2), TestSchemas.chain());
            for (int i = 0; ; i++) {
                ModelObject site = store.models(Actor.API).get("Site").newObject().set("name", "s" + i);
                site.save();
                System.out.println("committed " + site.id());
                System.out.flush();
            }
        }
    }
}
