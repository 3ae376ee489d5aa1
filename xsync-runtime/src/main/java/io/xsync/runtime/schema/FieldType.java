package io.xsync.runtime.schema;

/** Storage type of a field. xproto scalar types map onto these; links are {@link #LINK}. */
public enum FieldType {
    STRING, INT32, UINT32, INT64, BOOL, FLOAT, DOUBLE,
    /** Base-model timestamps ({@code created}, {@code updated}, ...). */
    TIMESTAMP,
    /** The id column of a manytoone/onetoone link (stored as int64 {@code <field>_id}). */
    LINK;

    /** The type named by an xproto scalar type keyword, or null if it is not one. */
    public static FieldType ofXproto(String keyword) {
        switch (keyword) {
            case "string": return STRING;
            case "int32": return INT32;
            case "uint32": return UINT32;
            case "int64": return INT64;
            case "bool": return BOOL;
            case "float": return FLOAT;
            case "double": return DOUBLE;
            default: return null;
        }
    }
}
