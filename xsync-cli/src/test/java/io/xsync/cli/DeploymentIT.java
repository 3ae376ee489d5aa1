package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xsync.runtime.store.TestStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XOS deployment shape: a core synchronizer (Site) and two service synchronizers (svc-a:
 * VpnService linking to Site; svc-b: DnsEntry linking to VpnService), each {@code xsync run} in a
 * JVM of its own, on one PostgreSQL schema. Each owns its models and syncs only them; the CLI of any
 * of them serves the whole model; an object waits for a dirty dependency another synchronizer
 * syncs (while the core is down, nothing that needs a new Site is synced); restarting one with a
 * changed model file migrates only its table.
 */
class DeploymentIT {
    private static final String[] FILES = {"core/models/core.xproto", "core/steps/SiteStep.java",
        "svc-a/models/vpn.xproto", "svc-a/steps/VpnStep.java", "svc-b/models/dns.xproto", "svc-b/steps/DnsStep.java"};
    private static final Duration STARTUP = Duration.ofMinutes(6);
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // the synchronizers' logs stay for a failure's diagnosis
    Path dir;

    private TestStores.Database db;
    private final Map<String, RunningSynchronizer> running = new LinkedHashMap<>();
    private final List<String> childLogs = new ArrayList<>();
    private int incarnation;

    @AfterEach
    void tearDown() throws Exception {
        for (RunningSynchronizer r : running.values()) {
            r.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aCoreAndTwoServicesShareOneModelEachSyncingItsOwnInDependencyOrder() throws Exception {
        db = TestStores.database("postgresql");
        for (String f : FILES) {
            Path target = dir.resolve(f);
            Files.createDirectories(target.getParent());
            try (InputStream in = getClass().getResourceAsStream("/deployment/" + f)) {
                Files.copy(in, target);
            }
        }
        Path core = config("core", "SiteStep");
        Path svcA = config("svc-a", "VpnStep");
        Path svcB = config("svc-b", "DnsStep");
        start("core", core);
        start("svc-a", svcA);
        start("svc-b", svcB);

        // every synchronizer's CLI serves the whole model, and the status says who owns what
        CliRun status = CliRun.of("status", "--config", svcB.toString()); // http disabled: read from the store
        assertThat(status.exitCode()).as(status.err()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(status.outLines()).anyMatch(l -> l.matches("\\s+Site\\s.*\\score"))
                .anyMatch(l -> l.matches("\\s+VpnService\\s.*\\ssvc-a"))
                .anyMatch(l -> l.matches("\\s+DnsEntry\\s.*\\ssvc-b"));
        long s0 = create(svcB, "Site", "name=s0");
        long v0 = create(svcB, "VpnService", "site=" + s0, "label=a0");
        await().atMost(WAIT).until(() -> lines("svc-a").contains("VpnService " + v0 + " a0 site=synced"));

        // the core is down: a VpnService on a new Site, and a DnsEntry on that VpnService, wait
        running.remove("core").terminate();
        long s1 = create(svcA, "Site", "name=s1");
        long v1 = create(svcA, "VpnService", "site=" + s1, "label=a1");
        long d1 = create(svcA, "DnsEntry", "vpn=" + v1, "host=h1");
        long v2 = create(svcA, "VpnService", "site=" + s0, "label=a2"); // end markers: their dependencies are synced
        long d2 = create(svcA, "DnsEntry", "vpn=" + v0, "host=h2");
        await().atMost(WAIT).until(() -> lines("svc-a").contains("VpnService " + v2 + " a2 site=synced")
                && lines("svc-b").contains("DnsEntry " + d2 + " h2 vpn=synced"));
        assertThat(lines("svc-a")).containsExactly("VpnService " + v0 + " a0 site=synced",
                "VpnService " + v2 + " a2 site=synced");
        assertThat(lines("svc-b")).containsExactly("DnsEntry " + d2 + " h2 vpn=synced");

        // the core is back: Site, then VpnService, then DnsEntry, each by its own synchronizer
        start("core", core);
        await().atMost(WAIT).until(() -> lines("svc-b").contains("DnsEntry " + d1 + " h1 vpn=synced"));
        assertThat(lines("core")).containsExactly("Site " + s0 + " s0", "Site " + s1 + " s1");
        assertThat(lines("svc-a")).containsExactly("VpnService " + v0 + " a0 site=synced",
                "VpnService " + v2 + " a2 site=synced", "VpnService " + v1 + " a1 site=synced");
        assertThat(lines("svc-b")).containsExactly("DnsEntry " + d2 + " h2 vpn=synced",
                "DnsEntry " + d1 + " h1 vpn=synced");

        // svc-a restarts with a new field: only its table changes
        List<String> before = columns("xs_site", "xs_dnsentry");
        running.remove("svc-a").terminate();
        Path vpn = dir.resolve("svc-a/models/vpn.xproto");
        Files.writeString(vpn, Files.readString(vpn).replace("required string label = 2 [max_length = 64];",
                "required string label = 2 [max_length = 64];\n    optional string note = 3 [max_length = 64];"));
        String log = start("svc-a", svcA).log();
        assertThat(log.lines().filter(l -> l.contains("added column") || l.contains("created table")))
                .singleElement().asString().contains("added column xs_vpnservice.note for field VpnService.note");
        assertThat(columns("xs_site", "xs_dnsentry")).isEqualTo(before);
        long v3 = create(svcB, "VpnService", "site=" + s0, "label=a3", "note=hello");
        CliRun got = CliRun.of("models", "get", "VpnService", Long.toString(v3), "--config", core.toString());
        assertThat(got.out()).contains("note").contains("hello");
        await().atMost(WAIT).until(() -> lines("svc-a").contains("VpnService " + v3 + " a3 site=synced"));

        for (RunningSynchronizer r : running.values()) {
            r.terminate();
        }
        for (String childLog : allChildLogs()) {
            assertThat(childLog).doesNotContain(" ERROR ").doesNotContain("no longer in the models");
        }
    }

    private Path config(String name, String step) throws IOException {
        return Files.writeString(dir.resolve(name + "/config.yaml"), "name: " + name + "\nmodels_dir: models\n"
                + "steps_dir: steps\ndata_dir: data\nshutdown_timeout: 20s\n"
                + "store:\n  url: \"" + db.url() + "\"\n  pool_size: 4\n"
                + "http:\n  enabled: false\n"
                + "steps:\n  " + step + ":\n    log: \"" + dir.resolve(name + ".calls") + "\"\n");
    }

    private RunningSynchronizer start(String name, Path config) throws IOException {
        Path log = dir.resolve(name + "-" + (incarnation++) + ".log");
        childLogs.add(log.toString());
        RunningSynchronizer r = RunningSynchronizer.start(config, name, log, STARTUP);
        running.put(name, r);
        return r;
    }

    private List<String> allChildLogs() throws IOException {
        List<String> out = new ArrayList<>();
        for (String f : childLogs) {
            out.add(Files.readString(Path.of(f)));
        }
        return out;
    }

    /** Creates an object with the CLI of the synchronizer {@code config} names; its id. */
    private static long create(Path config, String model, String... fields) {
        List<String> args = new ArrayList<>(List.of("models", "create", model));
        args.addAll(List.of(fields));
        args.addAll(List.of("--config", config.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Long.parseLong(run.out().trim());
    }

    /** The calls a synchronizer's step logged, in order. */
    private List<String> lines(String name) throws IOException {
        Path f = dir.resolve(name + ".calls");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    /** What {@code xsync_columns} records for the tables, in order. */
    private List<String> columns(String... tables) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name, column_name, field_type FROM xsync_columns "
                     + "WHERE table_name IN ('" + String.join("','", tables) + "') ORDER BY table_name, position")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return out;
    }
}
