package io.xsync.runtime.steps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists and loads the classes of a jar. */
final class JarClasses {
    private static final Logger LOG = LoggerFactory.getLogger(JarClasses.class);

    private JarClasses() {
    }

    /** Binary names of the classes in the jar (module-info and multi-release copies skipped). */
    static List<String> names(Path jar) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")
                        && !entry.endsWith("package-info.class")) {
                    names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new StepException(jar + ": cannot read jar: " + e.getMessage(), e);
        }
        return names;
    }

    /** The class, not initialised, or null when it cannot be linked (a helper with missing dependencies). */
    static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.debug("skipping class {}: {}", name, e.toString());
            return null;
        }
    }
}
