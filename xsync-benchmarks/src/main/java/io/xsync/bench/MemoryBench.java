package io.xsync.bench;

import io.xsync.kafka.EmbeddedKafka;
import io.xsync.runtime.store.StoreSettings;
import io.xsync.runtime.time.SystemTime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code xsync-bench memory [--events N,M,...] [--engines xsync,hand] [--store h2,pg] [--pg-url URL]
 * [--partitions P] [--child-opts "OPTS;OPTS..."] [--histogram] [--nmt]}: the resident memory of
 * the event engine alone. The broker and the pre-filled topics (one per N) live in this JVM; each
 * run is a child JVM ({@link MemoryChild}) that streams N events into MyModel rows through the
 * xsync engine with the seed's step ({@code xsync}) or the hand-written batched consumer
 * ({@code hand}), with the JVM options a user gets ({@link #LAUNCHER_HEAP_OPTS}, as {@code bin/xsync}), unless
 * {@code --child-opts} gives sets of options separated by {@code ;}, {@code default} meaning the
 * launcher's and {@code none} meaning none. This JVM samples the child's
 * VmRSS and reads its VmHWM (peak RSS) once all events are stored, and prints, per engine and
 * store, the growth of the peak from the smallest N to the largest.
 */
public final class MemoryBench {
    private static final long SAMPLE_MILLIS = 50;

    /** The heap option {@code bin/xsync} starts the JVM with unless {@code XSYNC_HEAP_OPTS} says otherwise. */
    static final String LAUNCHER_HEAP_OPTS = "-Xmx1g";

    private final Map<String, String> opts;
    private final Path work;
    private EmbeddedKafka kafka;

    private MemoryBench(Map<String, String> opts) throws IOException {
        this.opts = opts;
        this.work = Files.createTempDirectory("xsync-bench-memory");
    }

    public static void main(String[] args) throws Exception {
        new MemoryBench(EventsBench.parse(args)).run();
        System.exit(0);
    }

    private List<String> list(String key, String fallback) {
        return Arrays.asList(opts.getOrDefault(key, fallback).split(","));
    }

    private void run() throws Exception {
        List<Integer> sizes = list("events", "200000,1000000").stream().map(Integer::parseInt).sorted().toList();
        int partitions = Integer.parseInt(opts.getOrDefault("partitions", "4"));
        // sets of JVM options separated by ';'; "default" is the launcher's, "none" no option at all
        List<String> childOpts = Arrays.stream(opts.getOrDefault("child-opts", "default").split(";"))
                .map(MemoryBench::childOptions).toList();
        System.out.println("# xsync memory benchmark, " + SystemTime.INSTANCE.now() + ", events " + sizes + ", "
                + partitions + " partitions, engines " + list("engines", "xsync,hand") + ", stores "
                + list("store", "h2") + ", child options " + childOpts.stream().map(o -> "\"" + o + "\"").toList()
                + ", " + Runtime.getRuntime().availableProcessors() + " cpus");
        kafka = EmbeddedKafka.start(work.resolve("kafka"), 0);
        try {
            for (int n : sizes) {
                kafka.createTopic(topic(n), partitions);
                report("fill_" + n, BenchTopic.fill(kafka.bootstrapServers(), topic(n), n), "events/s");
            }
            for (String store : list("store", "h2")) {
                for (String options : childOpts) {
                    Map<String, Map<Integer, double[]>> peaks = new LinkedHashMap<>();
                    for (String engine : list("engines", "xsync,hand")) {
                        for (int n : sizes) {
                            double[] result = measure(engine, store, options, n);
                            peaks.computeIfAbsent(engine, e -> new LinkedHashMap<>()).put(n, result);
                        }
                    }
                    summarize(peaks, store, tag(options), sizes);
                }
            }
        } finally {
            kafka.close();
        }
        report("load_average_1m", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), "");
    }

    private static String topic(int n) {
        return "bench-memory-" + n;
    }

    /** The JVM options one {@code --child-opts} entry stands for. */
    static String childOptions(String entry) {
        String e = entry.trim();
        return switch (e) {
            case "default" -> LAUNCHER_HEAP_OPTS;
            case "none" -> "";
            default -> e;
        };
    }

    /** A name part for a set of child options: {@code none} for none, else its letters and digits. */
    static String tag(String options) {
        String t = options.trim().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        return t.isEmpty() ? "none" : t;
    }

    /** Growth of the peak from the smallest N to the largest, and xsync over hand at each N. */
    private static void summarize(Map<String, Map<Integer, double[]>> peaks, String store, String tag,
            List<Integer> sizes) {
        int small = sizes.get(0);
        int large = sizes.get(sizes.size() - 1);
        if (small != large) {
            for (Map.Entry<String, Map<Integer, double[]>> e : peaks.entrySet()) {
                double[] a = e.getValue().get(small);
                double[] b = e.getValue().get(large);
                String name = e.getKey() + "_" + store + "_" + tag;
                report("peak_rss_growth_" + name, b[0] / a[0], String.format("(N %d over N %d: %+.1f MB)", large,
                        small, b[0] - a[0]));
                report("live_heap_growth_" + name, b[1] - a[1], "MB (after a full GC, N " + large + " minus N "
                        + small + ")");
            }
        }
        if (peaks.containsKey("xsync") && peaks.containsKey("hand")) {
            for (int n : sizes) {
                report("ratio_peak_rss_xsync_over_hand_" + store + "_" + tag + "_" + n,
                        peaks.get("xsync").get(n)[0] / peaks.get("hand").get(n)[0], "");
            }
        }
    }

    /** One child run; returns its peak RSS and live heap after a full GC, in MB. */
    private double[] measure(String engine, String store, String options, int n) throws Exception {
        String name = engine + "_" + store + "_" + tag(options) + "_" + n;
        String url = storeUrl(store, name);
        Path log = work.resolve(name + ".log");
        Process child = new ProcessBuilder(childCommand(engine, options, n, url)).redirectError(log.toFile()).start();
        RssSampler sampler = new RssSampler(child.pid());
        sampler.start();
        double[] result = {Double.NaN, Double.NaN};
        StringBuilder progress = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream in = child.getOutputStream()) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(MemoryChild.HEAP)) {
                    System.out.println("child_" + name + ": " + line);
                } else if (line.startsWith(MemoryChild.PROGRESS)) {
                    progress.append(String.format(" %.0f", ProcStatus.mb(child.pid(), "VmRSS")));
                } else if (line.startsWith(MemoryChild.DONE)) {
                    String[] done = line.substring(MemoryChild.DONE.length()).split(" ");
                    result[0] = ProcStatus.mb(child.pid(), "VmHWM");
                    result[1] = Double.parseDouble(done[1]);
                    report("rate_" + name, n / Double.parseDouble(done[0]), "events/s");
                    System.out.println("rss_by_tenth_" + name + ":" + progress + " MB");
                    report("peak_rss_" + name, result[0], String.format("MB (VmHWM of the child; sampled VmRSS max %.0f)",
                            sampler.max()));
                    report("live_heap_" + name, result[1], "MB (heap used after a full GC, engine still running)");
                    diagnose(child.pid());
                    in.write('\n');
                    in.flush();
                }
            }
        }
        sampler.interrupt();
        if (!child.waitFor(120, TimeUnit.SECONDS) || child.exitValue() != 0 || Double.isNaN(result[0])) {
            child.destroyForcibly();
            throw new IllegalStateException("child " + name + " failed (exit " + (child.isAlive() ? "none" : child
                    .exitValue()) + "); its log: " + log);
        }
        dropStore(store, url);
        return result;
    }

    /** {@code java [options] -cp <this classpath> MemoryChild engine bootstrap topic n url}. */
    private List<String> childCommand(String engine, String options, int n, String url) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String o : options.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                command.add(o);
            }
        }
        if (opts.containsKey("nmt")) {
            command.add("-XX:NativeMemoryTracking=summary");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MemoryChild.class.getName(), engine,
                kafka.bootstrapServers(), topic(n), Integer.toString(n), url));
        return command;
    }

    /** {@code --histogram}: the top of the child's class histogram; {@code --nmt}: its native memory summary. */
    private void diagnose(long pid) throws Exception {
        if (opts.containsKey("histogram")) {
            jcmd(pid, "GC.class_histogram", l -> true, 14);
        }
        if (opts.containsKey("nmt")) {
            // the total and one line per category (committed is what counts towards RSS)
            jcmd(pid, "VM.native_memory", l -> l.contains("Total:") || l.trim().startsWith("-"), 40);
        }
    }

    private static void jcmd(long pid, String what, Predicate<String> keep, int lines) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), what).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        text.lines().filter(l -> !l.isBlank() && keep.test(l)).limit(lines).forEach(l -> System.out.println("  " + l));
    }

    private String storeUrl(String store, String name) {
        if ("h2".equals(store)) {
            return StoreSettings.h2FileUrl(work.resolve("h2-" + name));
        }
        String base = opts.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        String schema = "xsync_mem_" + UUID.randomUUID().toString().substring(0, 8);
        EventsBench.exec(base, "CREATE SCHEMA " + schema);
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private void dropStore(String store, String url) {
        if (!"h2".equals(store)) {
            String base = opts.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            EventsBench.exec(base, "DROP SCHEMA IF EXISTS " + url.substring(url.lastIndexOf('=') + 1) + " CASCADE");
        }
    }

    private static double report(String name, double value, String unit) {
        System.out.printf("%s: %.3f %s%n", name, value, unit);
        System.out.flush();
        return value;
    }

    /** Samples a process's VmRSS every {@value #SAMPLE_MILLIS} ms and keeps the largest. */
    private static final class RssSampler extends Thread {
        private final long pid;
        private volatile double max;

        RssSampler(long pid) {
            super("memory-rss-sampler");
            this.pid = pid;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!isInterrupted()) {
                    max = Math.max(max, ProcStatus.mb(pid, "VmRSS"));
                    Thread.sleep(SAMPLE_MILLIS);
                }
            } catch (InterruptedException e) {
                // done
            }
        }

        double max() {
            return max;
        }
    }
}
