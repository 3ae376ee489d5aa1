package io.xsync.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells listeners which models changed, after the change committed. On PostgreSQL the change is
 * also published with {@code pg_notify} in the committing transaction, so that other processes
 * (see {@link PgChangeListener}) hear it; a process ignores its own notifications.
 */
final class ChangeNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
    private final String origin = UUID.randomUUID().toString();
    private final Set<String> allModels;
    private volatile String channel;

    /** @param allModels every model name, announced when changes may have been missed */
    ChangeNotifier(Set<String> allModels) {
        this.allModels = Set.copyOf(allModels);
    }

    /** Publishes on this PostgreSQL channel from now on (null: local only). */
    void publishOn(String pgChannel) {
        this.channel = pgChannel;
    }

    String channel() {
        return channel;
    }

    void addListener(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    /** Called on the committing connection just before commit. */
    void beforeCommit(Connection connection, Set<String> models) throws SQLException {
        String ch = channel;
        if (ch == null || models.isEmpty()) {
            return;
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, ch);
            st.setString(2, origin + " " + String.join(",", models));
            st.execute();
        }
    }

    /** Called after a commit that changed rows of {@code models}. */
    void afterCommit(Set<String> models) {
        if (!models.isEmpty()) {
            fire(Set.copyOf(models));
        }
    }

    /** A notification received from the database; ignored when this process sent it. */
    void onRemote(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0 || payload.substring(0, space).equals(origin)) {
            return;
        }
        Set<String> models = new LinkedHashSet<>(Arrays.asList(payload.substring(space + 1).split(",")));
        models.remove("");
        if (!models.isEmpty()) {
            fire(Set.copyOf(models));
        }
    }

    /** The connection to other processes was lost for a while: any model may have changed. */
    void onMissedChanges() {
        if (!allModels.isEmpty()) {
            fire(allModels);
        }
    }

    private void fire(Set<String> models) {
        for (Consumer<Set<String>> l : listeners) {
            try {
                l.accept(models);
            } catch (RuntimeException e) {
                LOG.warn("change listener {} failed for models {}: {}", l, models, e.toString(), e);
            }
        }
    }
}
