/**
 * Support for the typed model classes that {@code xsync generate} (and the runtime, for step
 * directories) generates from xproto: one class per model extending {@link io.xsync.api.typed.TypedObject},
 * with typed getters and setters, {@link io.xsync.api.typed.Field} constants for filters and a
 * {@link io.xsync.api.typed.TypedModel} for lookups. They are thin wrappers over the string API of
 * {@link io.xsync.api.ModelObject} and {@link io.xsync.api.Model}, which stays for generic code.
 */
package io.xsync.api.typed;
