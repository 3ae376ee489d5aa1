package io.xsync.runtime.store;

import io.xsync.runtime.internal.Redact;
import io.xsync.runtime.schema.FieldType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;

/** What differs between H2 and PostgreSQL. Identifiers are always quoted lower case. */
abstract class Dialect {
    static final String ID_SEQUENCE = "xsync_ids";

    /** The dialect the JDBC URL names. */
    static Dialect forUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (url.startsWith("jdbc:h2:")) {
            return new H2Dialect();
        }
        throw new StoreException("unsupported store URL '" + Redact.jdbcUrl(url)
                + "': expected jdbc:h2:... or jdbc:postgresql:...");
    }

    /** {@code h2} or {@code postgresql}. */
    abstract String name();

    /** The column type of a field type. */
    String sqlType(FieldType type) {
        switch (type) {
            case STRING: return stringType();
            case INT32: case UINT32: return "INTEGER";
            case INT64: case LINK: return "BIGINT";
            case BOOL: return "BOOLEAN";
            case FLOAT: return "REAL";
            case DOUBLE: return "DOUBLE PRECISION";
            case TIMESTAMP: return "TIMESTAMP(6) WITH TIME ZONE";
            default: throw new IllegalArgumentException("no column type for " + type);
        }
    }

    abstract String stringType();

    /** An SQL expression yielding the next id of the global sequence. */
    abstract String nextIdExpression();

    /** A query with one parameter, n, whose rows are n new ids of the global sequence. */
    abstract String nextIdsQuery();

    /** Serialises schema migration between processes (inside the migrating transaction). */
    abstract void lockForMigration(Connection connection) throws SQLException;

    /**
     * The clause that makes a SELECT lock the rows it reads against deletion until the
     * transaction ends (others may still read them): what a write takes on the objects it links to.
     */
    abstract String lockAgainstDelete();

    /** Whether {@code CREATE INDEX ... WHERE} is supported. */
    abstract boolean partialIndexes();

    /**
     * The JDBC isolation level under which every read of a transaction sees one snapshot of the
     * whole database, taken at its first statement.
     */
    abstract int snapshotIsolation();

    /**
     * An upsert of {@code table} keyed by {@code keyColumns}, binding every column in order
     * (keys first, then values).
     */
    abstract String upsert(String table, String[] keyColumns, String[] valueColumns);

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String columnList(String[] columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(quote(c));
        }
        return sb.toString();
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** H2 2.x. */
    static final class H2Dialect extends Dialect {
        /** H2's JDBC code of the SNAPSHOT isolation level (not in {@link Connection}). */
        static final int H2_SNAPSHOT = 6;

        @Override
        String name() {
            return "h2";
        }

        @Override
        String stringType() {
            return "CHARACTER VARYING";
        }

        @Override
        String nextIdExpression() {
            return "NEXT VALUE FOR " + quote(ID_SEQUENCE);
        }

        @Override
        String nextIdsQuery() {
            return "SELECT " + nextIdExpression() + " FROM SYSTEM_RANGE(1, CAST(? AS INTEGER))";
        }

        @Override
        void lockForMigration(Connection connection) {
            // H2 serialises DDL itself
        }

        @Override
        String lockAgainstDelete() {
            return " FOR UPDATE"; // H2 has no shared row locks
        }

        @Override
        boolean partialIndexes() {
            return false;
        }

        /**
         * H2's SNAPSHOT level (6). Its REPEATABLE READ is not enough: it takes a snapshot of each
         * table at the first read of that table, so two tables read one after the other may show
         * different moments.
         */
        @Override
        int snapshotIsolation() {
            return H2_SNAPSHOT;
        }

        @Override
        String upsert(String table, String[] keyColumns, String[] valueColumns) {
            String[] all = concat(keyColumns, valueColumns);
            return "MERGE INTO " + quote(table) + " (" + columnList(all) + ") KEY (" + columnList(keyColumns)
                    + ") VALUES (" + placeholders(all.length) + ")";
        }
    }

    /** PostgreSQL 12 and later. */
    static final class PostgresDialect extends Dialect {
        private static final long MIGRATION_LOCK = 0x7873796e63L; // "xsync"

        @Override
        String name() {
            return "postgresql";
        }

        @Override
        String stringType() {
            return "TEXT";
        }

        @Override
        String nextIdExpression() {
            return "nextval('" + quote(ID_SEQUENCE) + "')";
        }

        @Override
        String nextIdsQuery() {
            return "SELECT " + nextIdExpression() + " FROM generate_series(1, ?)";
        }

        @Override
        void lockForMigration(Connection connection) throws SQLException {
            try (var st = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                st.setLong(1, MIGRATION_LOCK);
                st.execute();
            }
        }

        @Override
        String lockAgainstDelete() {
            return " FOR SHARE";
        }

        @Override
        boolean partialIndexes() {
            return true;
        }

        /** A read-only REPEATABLE READ transaction reads one snapshot, taken at its first statement. */
        @Override
        int snapshotIsolation() {
            return Connection.TRANSACTION_REPEATABLE_READ;
        }

        @Override
        String upsert(String table, String[] keyColumns, String[] valueColumns) {
            String[] all = concat(keyColumns, valueColumns);
            StringBuilder set = new StringBuilder();
            for (String v : valueColumns) {
                if (set.length() > 0) {
                    set.append(", ");
                }
                set.append(quote(v)).append(" = EXCLUDED.").append(quote(v));
            }
            return "INSERT INTO " + quote(table) + " (" + columnList(all) + ") VALUES (" + placeholders(all.length)
                    + ") ON CONFLICT (" + columnList(keyColumns) + ") DO UPDATE SET " + set;
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
