package io.xsync.runtime.steps;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Formats compiler errors the way javac prints them, each as
 * {@code file:line:column: error: message}, then the source line and a caret under the column,
 * then the message's detail lines (the symbol and where it was looked for).
 */
final class CompileErrors {
    private static final Pattern MISSING_PACKAGE = Pattern.compile("package (\\S+) does not exist");

    private CompileErrors() {
    }

    /** Every error of {@code diagnostics}, in order, each formatted on its lines. */
    static List<String> errors(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(one(d));
            }
        }
        if (errors.isEmpty()) {
            errors.add("step sources failed to compile");
        }
        return errors;
    }

    /** The errors one after the other; their count at the end when there are several. */
    static String join(List<String> errors) {
        String all = String.join("\n", errors);
        return errors.size() == 1 ? all : all + "\n" + errors.size() + " errors";
    }

    /** Step sources did not compile; {@link #errors()} holds every error. */
    static final class Failure extends StepException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> errors;

        Failure(List<String> errors) {
            super(join(errors));
            this.errors = List.copyOf(errors);
        }

        /** Every error, formatted. */
        List<String> errors() {
            return errors;
        }
    }

    private static String one(Diagnostic<? extends JavaFileObject> d) {
        List<String> message = d.getMessage(Locale.ROOT).lines().toList();
        String first = message.isEmpty() ? "" : message.get(0);
        StringBuilder out = new StringBuilder();
        String source = source(d);
        if (d.getSource() == null) {
            return out.append("error: ").append(first).toString();
        }
        URI uri = d.getSource().toUri();
        String file = "file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.getPath();
        long line = d.getLineNumber();
        int lineStart = source == null || d.getPosition() == Diagnostic.NOPOS ? -1
                : source.lastIndexOf('\n', (int) d.getPosition() - 1) + 1;
        long column = lineStart < 0 ? d.getColumnNumber() : d.getPosition() - lineStart + 1;
        out.append(file).append(':').append(line).append(':').append(column).append(": error: ").append(first);
        if (lineStart >= 0) {
            int end = source.indexOf('\n', lineStart);
            String text = source.substring(lineStart, end < 0 ? source.length() : end).replace("\r", "");
            out.append("\n    ").append(text).append("\n    ").append(caret(text, (int) column - 1));
        }
        for (String detail : message.subList(Math.min(1, message.size()), message.size())) {
            out.append('\n').append(detail);
        }
        Matcher missing = MISSING_PACKAGE.matcher(first);
        if (missing.matches()) {
            out.append("\n  (").append(missing.group(1)).append(" is not visible to steps: they compile against "
                    + "xsync-api, Jackson, SLF4J, the generated model classes and the step directory's jars)");
        }
        return out.toString();
    }

    /** Spaces (tabs kept) up to {@code column}, then a caret. */
    private static String caret(String line, int column) {
        StringBuilder c = new StringBuilder();
        for (int i = 0; i < column && i < line.length(); i++) {
            c.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        return c.append('^').toString();
    }

    private static String source(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null) {
            return null;
        }
        try {
            return d.getSource().getCharContent(true).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
