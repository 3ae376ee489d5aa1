package io.xsync.runtime.schema;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The text of one xproto file and the path it is known by (used in positions of errors and
 * warnings): a file of a models directory, or a file another synchronizer registered in the store.
 *
 * @param path where the text comes from, for messages
 * @param text the xproto text
 */
public record XprotoSource(Path path, String text) {

    /** The file's name without its directory. */
    public String fileName() {
        return path.getFileName().toString();
    }

    /** The names of the messages the file defines at its top level (parse errors name file, line and column). */
    public Set<String> messageNames() {
        Set<String> out = new LinkedHashSet<>();
        for (XprotoAst.Message m : XprotoParser.parse(path, text).messages()) {
            out.add(m.name());
        }
        return out;
    }
}
