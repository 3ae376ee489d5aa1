package io.xsync.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsync.api.ModelObject;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BasicStoreIT extends StoreTestSupport {

    @ParameterizedTest
    @MethodSource("dialects")
    void savesAndReadsBack(String dialect) {
        JdbcStore store = open(dialect);
        assertThat(store.dialect()).isEqualTo(dialect);
        ModelObject site = site(store, "mysite");
        ModelObject slice = slice(store, site, "s1");
        assertThat(site.id()).isPositive();
        ModelObject again = reload(store, slice);
        assertThat(again.get("name")).isEqualTo("s1");
        assertThat(again.get("site")).isEqualTo(site.id());
        assertThat(again.getString("backend_status")).isEqualTo("Provisioning in progress");
        assertThat(again.related("site")).contains(reload(store, site));
        assertThat(api(store).get("Slice").filter(Map.of("site", site))).containsExactly(again);
    }
}
