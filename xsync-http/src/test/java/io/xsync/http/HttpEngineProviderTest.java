package io.xsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.spi.Engine;
import io.xsync.runtime.spi.EngineProvider;
import io.xsync.runtime.spi.SynchronizerContext;
import io.xsync.runtime.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpEngineProviderTest {

    private static SynchronizerContext context(String yaml) {
        return context(yaml, null);
    }

    private static SynchronizerContext context(String yaml, Store store) {
        XsyncConfig config = XsyncConfig.parse("name: t\nmodels_dir: models\n" + yaml, Path.of("/tmp/x/config.yaml"));
        return new SynchronizerContext("t", config, null, null, store, null, new CompositeMeterRegistry());
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(EngineProvider.class).stream().map(p -> p.type().getName()))
                .contains(HttpEngineProvider.class.getName());
    }

    @Test
    void noEngineWhenDisabled() {
        assertThat(new HttpEngineProvider().create(context("http:\n  enabled: false\n"))).isEmpty();
    }

    @Test
    void settingsComeFromTheConfig() {
        HttpSettings s = HttpSettings.from(XsyncConfig.parse("name: t\nmodels_dir: models\nhttp:\n  port: 9999\n"
                + "  bind: 0.0.0.0\n  username: u\n  password: p\n  anonymous_reads: false\n",
                Path.of("/tmp/x/config.yaml")));
        assertThat(s.port()).isEqualTo(9999);
        assertThat(s.username()).isEqualTo("u");
        assertThat(s.anonymousReads()).isFalse();
        assertThat(s.anonymousWrites()).isFalse();
        assertThat(s.tls()).isFalse();
        assertThat(s.clientUri(9999).toString()).isEqualTo("http://127.0.0.1:9999/");
        assertThat(s.toString()).doesNotContain("p,");
    }

    @Test
    void passwordAndTokenMayComeFromFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pw.txt"), "from-file\n");
        Files.writeString(dir.resolve("token.txt"), "tok-file");
        HttpSettings s = HttpSettings.from(XsyncConfig.parse("name: t\nmodels_dir: models\nhttp:\n"
                + "  username: u\n  password: \"@pw.txt\"\n  token: \"@token.txt\"\n", dir.resolve("config.yaml")));
        assertThat(s.password()).isEqualTo("from-file");
        assertThat(s.token()).isEqualTo("tok-file");
        assertThat(new Authenticator(s).check(HttpFixture.basic("u", "from-file"), true))
                .isEqualTo(Authenticator.Result.ALLOWED);
    }

    @Test
    void limitsComeFromTheConfigAndAreChecked() {
        HttpSettings s = HttpSettings.from(XsyncConfig.parse("name: t\nmodels_dir: models\nhttp:\n  limits:\n"
                + "    max_body_bytes: 4096\n    body_timeout: 2s\n    threads: 8\n    idle_timeout: 1m\n",
                Path.of("/tmp/x/config.yaml")));
        assertThat(s.limits().maxBodyBytes()).isEqualTo(4096);
        assertThat(s.limits().bodyTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(s.limits().threads()).isEqualTo(8);
        assertThat(s.limits().idleTimeout()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(s.limits().maxHeaderBytes()).isEqualTo(8192);
        assertThat(s.limits().maxMeters()).isEqualTo(5000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpSettings.from(XsyncConfig.parse(
                "name: t\nmodels_dir: models\nhttp:\n  limits:\n    threads: 2\n", Path.of("/tmp/x/config.yaml"))))
                .hasMessage("/tmp/x/config.yaml:5: key 'http.limits.threads' must be at least 4, got 2");
    }

    @Test
    void defaultsAreLocalhost8181() {
        HttpSettings s = HttpSettings.from(XsyncConfig.parse("name: t\nmodels_dir: models\n",
                Path.of("/tmp/x/config.yaml")));
        assertThat(s.clientUri(s.port()).toString()).isEqualTo("http://127.0.0.1:8181/");
        assertThat(s.anonymousReads()).isTrue();
        assertThat(s.anonymousWrites()).isFalse();
        try (Store store = TestData.store()) {
            Optional<Engine> engine = new HttpEngineProvider().create(context("", store));
            assertThat(engine).isPresent();
            assertThat(engine.get().name()).isEqualTo("http");
        }
    }
}
