package io.xsync.runtime.sync;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Plain data sources for tests that need a database but no model store. */
final class TestDatabases {
    private TestDatabases() {
    }

    static String pgUrl() {
        return System.getProperty("xsync.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    /** An in-memory H2 database of its own. */
    static DataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** A fresh PostgreSQL schema (dropped and recreated) and a data source using it. */
    static DataSource pg(String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(pgUrl() + "&currentSchema=" + schema);
        return ds;
    }
}
