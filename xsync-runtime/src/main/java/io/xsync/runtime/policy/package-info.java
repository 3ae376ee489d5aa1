/**
 * The policy engine: runs model policies ({@link io.xsync.api.Policy}) for objects that are dirty
 * for policy. See {@link io.xsync.runtime.policy.PolicyEngine}.
 */
package io.xsync.runtime.policy;
