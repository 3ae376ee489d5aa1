package io.xsync.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders {@code docs/configuration.md} from {@link ConfigKeys#all()} (every module's keys on the class path), so the docs cannot drift. */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    /** The whole Markdown page. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
          .append("<!-- Generated from the config keys of every module (ConfigKeys, HttpKeys, EventKeys)\n"
          + "     by ConfigDocsTest; do not edit by hand.\n")
          .append("     Regenerate: mvn -B -o test -pl xsync-cli -am -Dtest=ConfigDocsTest ")
          .append("-Dsurefire.failIfNoSpecifiedTests=false -Dxsync.docs.write=true -->\n\n")
          .append("A synchronizer is configured by one YAML file (`xsync run --config FILE`). It is checked at\n")
          .append("startup: an unknown key, a value of the wrong type or a missing required key stops startup\n")
          .append("with one line naming the file, line and key. Nested keys are written as nested mappings:\n")
          .append("`event_bus.endpoint` is\n\n```yaml\nevent_bus:\n  endpoint: localhost:9092\n```\n\n")
          .append("- Relative paths are resolved against the directory of the config file, so a copied\n")
          .append("  example directory runs as it is.\n")
          .append("- Durations: `250ms`, `5s`, `10m`, `8h`, or a plain number of seconds.\n")
          .append("- Secrets (type `secret`): a value `@path` is read from that file (trimmed; relative paths\n")
          .append("  as above), so passwords need not sit in the config file.\n")
          .append("- The file: `--config FILE`, else the environment variable `XSYNC_CONFIG`, else\n")
          .append("  `./config.yaml`.\n")
          .append("- Overrides without editing the file: an environment variable `XSYNC_<KEY>` (the key\n")
          .append("  upper-cased, dots as underscores: `XSYNC_HTTP_PORT` for `http.port`), then\n")
          .append("  `--set key=value` on the command line (repeatable), which wins. Values are YAML flow\n")
          .append("  values (`8282`, `true`, `{io.xsync.kafka: DEBUG}`) or plain text, checked like the\n")
          .append("  file's; errors name `--set key` or `env XSYNC_KEY` instead of a line.\n")
          .append("- XOS synchronizer configs load: the keys below that XOS also has keep their XOS names, and\n")
          .append("  keys XOS carries that xsync does not use are accepted with one warning each: ")
          .append(codeList(ConfigKeys.XOS_IGNORED)).append(".\n")
          .append("  Python logging dict-config under `logging` (`version`, `handlers`, `formatters`, `root`,\n")
          .append("  `disable_existing_loggers`, loggers given as mappings) is ignored with a warning as well.\n\n")
          .append("| key | type | default | description |\n|---|---|---|---|\n");
        for (ConfigKey<?> key : ConfigKeys.all()) {
            md.append("| `").append(key.path()).append("` | ").append(type(key)).append(" | ")
              .append(defaultText(key)).append(" | ").append(key.doc().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    private static String type(ConfigKey<?> key) {
        List<String> choices = key.choices();
        if (!choices.isEmpty()) {
            return String.join(" \\| ", choices);
        }
        return key.type().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String defaultText(ConfigKey<?> key) {
        if (key.required()) {
            return "**required**";
        }
        Object d = key.defaultValue();
        if (d == null) {
            return "unset";
        }
        if (d instanceof Duration) {
            return "`" + duration((Duration) d) + "`";
        }
        if ((d instanceof List && ((List<?>) d).isEmpty()) || (d instanceof Map && ((Map<?, ?>) d).isEmpty())) {
            return "empty";
        }
        return "`" + d + "`";
    }

    private static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    private static String codeList(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(sb.length() == 0 ? "" : ", ").append('`').append(n).append('`');
        }
        return sb.toString();
    }
}
