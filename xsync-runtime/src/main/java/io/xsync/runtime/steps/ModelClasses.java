package io.xsync.runtime.steps;

import io.xsync.runtime.codegen.ModelClassGenerator;
import io.xsync.runtime.schema.Schema;
import java.util.Map;

/**
 * The typed model classes of a schema, generated and compiled in memory once at startup so that
 * step sources can use them; the loader defining them is the parent of the step directories'.
 *
 * @param bytecode binary name to bytecode, offered to the step compiler
 * @param loader   defines the classes
 */
record ModelClasses(Map<String, byte[]> bytecode, ClassLoader loader) {

    /** Generates the classes of {@code schema} in {@code javaPackage} and compiles them. */
    static ModelClasses of(Schema schema, String javaPackage, ClassLoader parent) {
        Map<String, byte[]> bytecode = CompileCache.compileInMemory(ModelClassGenerator.sources(schema, javaPackage))
                .classes();
        return new ModelClasses(bytecode, new MemoryClassLoader(bytecode, parent));
    }
}
