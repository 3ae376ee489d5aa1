/**
 * Generates the typed model classes (one Java class per xproto model, extending
 * {@link io.xsync.api.typed.TypedObject}) that steps use instead of field names as strings: at
 * startup for step directories, by {@code xsync generate}, and by build tools through
 * {@link io.xsync.runtime.codegen.ModelClassGenerator}.
 */
package io.xsync.runtime.codegen;
