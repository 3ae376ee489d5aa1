package io.xsync.runtime.store;

import java.time.Instant;

/**
 * The fields of a live object whose sync failed ({@code backend_code} 2) that the status summary
 * lists, read without loading the whole object.
 *
 * @param model           the model name
 * @param id              the object id
 * @param backendStatus   the failure message
 * @param backendRegister the retry bookkeeping (JSON text), may be null
 * @param updated         when the object last changed, may be null
 */
public record FailedObject(String model, long id, String backendStatus, String backendRegister, Instant updated) {
}
