package io.xsync.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsync.api.ModelObject;
import io.xsync.api.XsyncException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit on a models directory alone: objects and saves without steps. */
class XsyncExtensionModelsTest {

    @RegisterExtension
    static XsyncExtension xsync = XsyncExtension.models("../examples/hello/models");

    @Test
    void objectsOfTheModelsCanBeSavedAndFoundWithoutAnySteps() {
        ModelObject ada = xsync.synchronizer().model("MyModel").newObject();
        ada.set("first_name", "Ada").set("last_name", "Lovelace").save();
        assertThat(xsync.synchronizer().model("MyModel").get(ada.id())).get()
                .extracting(o -> o.getString("last_name")).isEqualTo("Lovelace");
        assertThat(xsync.synchronizer().name()).isEqualTo("test");
    }

    @Test
    void aPassOfAKindOfStepTheSynchronizerLacksIsRefused() {
        assertThatThrownBy(() -> xsync.synchronizer().syncPass()).isInstanceOf(XsyncException.class)
                .hasMessage("the synchronizer test has no sync steps");
        assertThatThrownBy(() -> xsync.synchronizer().policyPass()).isInstanceOf(XsyncException.class)
                .hasMessage("the synchronizer test has no model policies");
    }

    @Test
    void theSynchronizerExistsOnlyWhileATestRuns() {
        XsyncExtension unused = XsyncExtension.models("../examples/hello/models");
        assertThatThrownBy(unused::synchronizer).isInstanceOf(XsyncException.class)
                .hasMessageStartingWith("no test is running");
    }
}
