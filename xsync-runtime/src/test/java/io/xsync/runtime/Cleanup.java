package io.xsync.runtime;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test opened (stores, engines), last opened first, after each test:
 * {@code @RegisterExtension final Cleanup cleanup = new Cleanup();} then {@code cleanup.add(store)}.
 * Every resource is closed even when one fails; the first failure is thrown.
 */
public final class Cleanup implements AfterEachCallback {
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Closes {@code resource} after the test, before what was added earlier. */
    public synchronized void add(AutoCloseable resource) {
        resources.add(resource);
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        resources.clear();
        if (first != null) {
            throw first;
        }
    }
}
