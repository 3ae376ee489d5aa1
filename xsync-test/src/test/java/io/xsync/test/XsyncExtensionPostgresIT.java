package io.xsync.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.api.ModelObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit on PostgreSQL: the steps run against a schema of the test's own, dropped after it. */
class XsyncExtensionPostgresIT {
    private static final String PG_URL = System.getProperty("xsync.test.pg.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @RegisterExtension
    static XsyncExtension xsync = XsyncExtension.config("../examples/hello/config.yaml").postgres(PG_URL);

    @Test
    void anEventAndAPolicyPassRunOnPostgres(TestSynchronizer sync) {
        assertThat(sync.storeUrl()).startsWith("jdbc:postgresql:").contains("currentSchema=xsync_test_");
        sync.event("MyTopic", "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}");
        assertThat(sync.policyPass()).isEqualTo(1);
        assertThat(sync.model("Greeting").all()).extracting(o -> o.getString("text"))
                .containsExactly("Hello, Ada Lovelace");
        ModelObject ada = sync.model("MyModel").all().get(0);
        assertThat(ada.getString("first_name")).isEqualTo("Ada");
    }
}
