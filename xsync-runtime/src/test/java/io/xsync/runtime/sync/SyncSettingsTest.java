package io.xsync.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.policy.PolicyEngineProvider;
import io.xsync.runtime.pull.PullEngineProvider;
import io.xsync.runtime.spi.EngineProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SyncSettingsTest {

    @Test
    void settingsComeFromTheConfigFile() {
        XsyncConfig config = XsyncConfig.parse("""
                name: test
                models_dir: models
                backoff_disabled: true
                sync:
                  threads: 7
                  safety_interval: 2s
                  backoff_base: 3m
                  backoff_innocuous_base: 20s
                  backoff_cap: 1h
                  reap_interval: 5s
                  claim_lease: 45s
                  deferred_retry: 250ms
                """, Path.of("test.yaml"));
        SyncSettings s = SyncSettings.from(config);
        assertThat(s.threads()).isEqualTo(7);
        assertThat(s.safetyInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.backoff()).isEqualTo(new Backoff(Duration.ofMinutes(3), Duration.ofSeconds(20),
                Duration.ofHours(1), true));
        assertThat(s.reapInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.claimLease()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.deferredRetry()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void defaultsAreTheXosOnes() {
        SyncSettings documented = new SyncSettings(4, Duration.ofSeconds(30),
                new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(8), false),
                Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofSeconds(1));
        SyncSettings s = SyncSettings.from(XsyncConfig.parse("name: test\nmodels_dir: models\n", Path.of("t.yaml")));
        assertThat(s).isEqualTo(documented);
        assertThat(SyncSettings.defaults()).isEqualTo(documented);
        assertThat(Backoff.xosDefaults()).isEqualTo(documented.backoff());
    }

    @Test
    void enginesAreRegisteredAsServices() {
        List<Class<?>> found = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class).forEach(p -> found.add(p.getClass()));
        assertThat(found).contains(SyncEngineProvider.class, PolicyEngineProvider.class, PullEngineProvider.class);
    }
}
