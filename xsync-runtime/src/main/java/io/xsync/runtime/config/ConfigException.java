package io.xsync.runtime.config;

import io.xsync.api.XsyncException;

/** Invalid configuration; the message names file, line and key. */
public class ConfigException extends XsyncException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
