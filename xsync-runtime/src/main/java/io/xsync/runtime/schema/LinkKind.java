package io.xsync.runtime.schema;

/** The xproto link keywords. */
public enum LinkKind {
    MANYTOONE, ONETOONE, MANYTOMANY;

    /** The kind named by an xproto keyword, or null. */
    public static LinkKind ofXproto(String keyword) {
        switch (keyword) {
            case "manytoone": return MANYTOONE;
            case "onetoone": return ONETOONE;
            case "manytomany": return MANYTOMANY;
            default: return null;
        }
    }
}
