package io.xsync.http;

import io.xsync.runtime.Readiness;
import io.xsync.runtime.store.Store;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Ready when the store answers a trivial query. */
final class StoreReadiness implements Readiness {
    private final Store store;
    private volatile String detail = "not checked yet";

    StoreReadiness(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public boolean ready() {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            detail = store.dialect() + " reachable";
            return true;
        } catch (SQLException | RuntimeException e) {
            detail = store.dialect() + " unreachable: " + e.getMessage();
            return false;
        }
    }

    @Override
    public String detail() {
        return detail;
    }
}
