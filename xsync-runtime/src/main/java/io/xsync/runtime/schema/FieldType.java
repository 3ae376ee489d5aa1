package io.xsync.runtime.schema;

/** Storage type of a field. xproto scalar types map onto these; links are {@link #LINK}. */
public enum FieldType {
    STRING, INT32, UINT32, INT64, BOOL, FLOAT, DOUBLE,
    /** Base-model timestamps ({@code created}, {@code updated}, ...). */
    TIMESTAMP,
    /** The id column of a manytoone/onetoone link (stored as int64 {@code <field>_id}). */
    LINK;

    /**
     * The type storing an xproto scalar type keyword, or null if it is not one. Protobuf's other
     * scalar names map to the nearest type: {@code int}, {@code sint32}, {@code sfixed32} to int32;
     * {@code fixed32} to uint32; {@code uint64}, {@code fixed64}, {@code sint64}, {@code sfixed64}
     * to int64; {@code bytes} to string.
     */
    public static FieldType ofXproto(String keyword) {
        switch (keyword) {
            case "string": case "bytes": return STRING;
            case "int32": case "int": case "sint32": case "sfixed32": return INT32;
            case "uint32": case "fixed32": return UINT32;
            case "int64": case "sint64": case "sfixed64": case "uint64": case "fixed64": return INT64;
            case "bool": return BOOL;
            case "float": return FLOAT;
            case "double": return DOUBLE;
            default: return null;
        }
    }

    /** Whether a scalar keyword is stored in a type that cannot hold every value it allows. */
    static boolean isApproximate(String keyword) {
        return approximation(keyword) != null;
    }

    /** What is lost when storing {@code keyword}, or null when nothing is. */
    static String approximation(String keyword) {
        switch (keyword) {
            case "uint64": case "fixed64": return "values above 9223372036854775807 cannot be stored";
            case "bytes": return "values are text";
            default: return null;
        }
    }
}
