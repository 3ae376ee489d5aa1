package io.xsync.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the runtime hands a step when it is loaded: the model accessor bound to the step's
 * identity, the synchronizer's name and the step's own settings from the config file.
 */
public interface StepContext {

    /** The synchronizer's {@code name} from the config. */
    String synchronizerName();

    /** The model accessor; its saves count as made by this step's kind. */
    Models models();

    /** The step's settings ({@code steps.<StepName>} in the config), empty if none. */
    Map<String, Object> settings();

    /**
     * A path from the step's settings resolved the way the config resolves its own paths: a
     * relative path against the config file's directory, so a copied synchronizer directory runs
     * with its own data; an absolute path unchanged.
     */
    Path resolvePath(String path);

    /** Objects of the model that are dirty for sync (see docs/semantics.md), oldest first. */
    List<ModelObject> dirtyObjects(String model);

    /** Objects of the model that are deleted and still need their backend deletion. */
    List<ModelObject> deletedObjects(String model);
}
