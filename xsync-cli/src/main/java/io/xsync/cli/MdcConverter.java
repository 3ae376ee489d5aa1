package io.xsync.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.Map;

/**
 * {@code %xmdc}: the MDC as {@code " [sync=hello step=X model=M object=7]"} with the well-known
 * keys first, or nothing when the MDC is empty. The synchronizer name comes from the logger
 * context property {@code sync} when the thread's MDC lacks it.
 */
public final class MdcConverter extends ClassicConverter {
    private static final List<String> ORDER = List.of("sync", "step", "model", "object", "topic", "partition",
            "offset");

    @Override
    public String convert(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String sync = mdc.containsKey("sync") ? mdc.get("sync")
                : event.getLoggerContextVO().getPropertyMap().get(LoggingSetup.SYNC_PROPERTY);
        StringBuilder sb = new StringBuilder();
        append(sb, "sync", sync);
        for (String key : ORDER.subList(1, ORDER.size())) {
            append(sb, key, mdc.get(key));
        }
        for (Map.Entry<String, String> e : mdc.entrySet()) {
            if (!ORDER.contains(e.getKey())) {
                append(sb, e.getKey(), e.getValue());
            }
        }
        return sb.length() == 0 ? "" : " [" + sb + "]";
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (value != null) {
            sb.append(sb.length() == 0 ? "" : " ").append(key).append('=').append(value);
        }
    }
}
