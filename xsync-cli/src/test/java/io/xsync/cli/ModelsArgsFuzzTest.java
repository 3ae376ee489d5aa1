package io.xsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.api.Model;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.schema.XprotoLoader;
import io.xsync.runtime.store.Actor;
import io.xsync.runtime.store.JdbcStore;
import io.xsync.runtime.store.StoreSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Abuse suite for {@code xsync models}: seeded random subcommands, models, ids, options and
 * {@code field=value} arguments (protected fields, wrong types, odd text). Every run exits 0, 1 or
 * 2 without a stack trace or a bare Java exception as its message, and a run that fails changes
 * nothing in the store. The seed is printed; rerun one with {@code -Dxsync.fuzz.seed=N}.
 */
class ModelsArgsFuzzTest {
    private static final int MAX_RUNS = 60;
    private static final long MAX_MILLIS = 45_000;
    private static final Pattern BARE_EXCEPTION = Pattern.compile("xsync: (java|javax|org|com)\\.[\\w.$]+(Exception|Error).*");
    private static final List<String> COMMANDS = List.of("list", "get", "create", "update", "delete", "bogus");
    private static final List<String> MODELS = List.of("MyModel", "MyModel", "Site", "Nope", "mymodel", "");
    private static final List<String> FIELDS = List.of("first_name", "last_name", "age", "site", "site_id", "status",
            "deleted", "created", "updated", "enacted", "backend_code", "backend_status", "policy_code", "id",
            "leaf_model_name", "write_protect", "nope", "first_name__startswith", "age__in", "age__gt",
            "site__isnull", "updated__lt", "", "=");
    private static final List<String> VALUES = List.of("", "x", "John", "-1", "0", "1", "99999999999", "1.5",
            "true", "false", "2020-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z", "\u001b[2J", "a\ud800b",
            "1,2,x", ",", "=", "'", "\"", "%zz", "x".repeat(300));

    @TempDir
    Path dir;

    @Test
    void randomModelsArgumentsExitCleanlyAndFailedRunsChangeNothing() throws Exception {
        long seed = Long.getLong("xsync.fuzz.seed", System.nanoTime());
        System.out.println("ModelsArgsFuzzTest seed: " + seed + " (rerun with -Dxsync.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        Path config = CliFixture.create(dir, "");
        assertThat(CliRun.of("models", "create", "MyModel", "first_name=A", "last_name=B", "--config",
                config.toString()).exitCode()).isZero();
        XsyncConfig cfg = XsyncConfig.load(config);
        List<String> wrong = new ArrayList<>();
        try (JdbcStore store = JdbcStore.open(StoreSettings.fromConfig(cfg), XprotoLoader.load(dir.resolve("models")))) {
            long deadline = System.currentTimeMillis() + MAX_MILLIS;
            for (int i = 0; i < MAX_RUNS && System.currentTimeMillis() < deadline; i++) {
                List<String> args = randomArgs(random, config);
                Map<String, List<Map<String, Object>>> before = snapshot(store);
                CliRun run = CliRun.of(args.toArray(new String[0]));
                String what = "run " + i + " " + args.subList(0, args.size() - 2) + " -> " + run.exitCode() + ": "
                        + run.err().strip();
                if (run.exitCode() < 0 || run.exitCode() > 2) {
                    wrong.add(what + ": unexpected exit code");
                } else if (run.err().contains("\tat ") || run.out().contains("\tat ")) {
                    wrong.add(what + ": stack trace printed");
                } else if (run.exitCode() == 1 && (run.errLines().size() != 1
                        || !run.err().startsWith("xsync: ") || BARE_EXCEPTION.matcher(run.err().strip()).matches())) {
                    wrong.add(what + ": not one clear 'xsync: ...' line");
                } else if (run.exitCode() != 0 && !snapshot(store).equals(before)) {
                    wrong.add(what + ": failed, yet the store changed");
                }
            }
        }
        assertThat(wrong).as("seed %d", seed).isEmpty();
    }

    private static List<String> randomArgs(Random random, Path config) {
        List<String> args = new ArrayList<>();
        args.add("models");
        String command = pick(random, COMMANDS);
        args.add(command);
        args.add(random.nextInt(10) == 0 ? "--bogus" : pick(random, MODELS));
        if (command.equals("get") || command.equals("update") || command.equals("delete")) {
            args.add(pick(random, List.of("1", "1", "2", "-5", "x", "99999999999999999999", "")));
        }
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String field = pick(random, FIELDS);
            args.add(random.nextInt(8) == 0 ? field : field + "=" + pick(random, VALUES));
        }
        if (random.nextInt(4) == 0) {
            args.add("--json");
        }
        args.add("--config");
        args.add(config.toString());
        return args;
    }

    private static Map<String, List<Map<String, Object>>> snapshot(JdbcStore store) {
        Map<String, List<Map<String, Object>>> out = new TreeMap<>();
        for (String name : List.of("MyModel", "Site")) {
            Model m = store.models(Actor.API).get(name);
            List<Map<String, Object>> rows = new ArrayList<>();
            m.all().forEach(o -> rows.add(o.fields()));
            m.filter(Map.of("deleted", true)).forEach(o -> rows.add(o.fields()));
            out.put(name, rows);
        }
        return out;
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
