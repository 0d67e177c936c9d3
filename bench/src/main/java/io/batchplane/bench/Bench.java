package io.batchplane.bench;

import io.batchplane.e2e.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The whole benchmark: the store scenario on an API server of its own, then the suite (API server,
 * job controller, scheduler, a node agent simulating the nodes) on a fresh database for a large
 * Indexed Job, many small Jobs and the watch fan-out over many stored pods; prints one Markdown
 * table. Usage: {@code bench/run.sh [--quick] [--scenarios store,whole-job,small-jobs,fan-out]
 * [--profile DIR] [--completions N] [--aot-cache DIR]} — {@code --profile} records JFR in every
 * service during each scenario; {@code --completions} sizes the whole-Job scenario (parallelism N/10
 * on N/100 nodes); {@code --aot-cache} (JDK 25+) starts the services from ahead-of-time caches in DIR,
 * writing them first when absent (see {@link ServiceProcess}).
 */
public final class Bench {

    static final Set<String> ALL = Set.of("store", "whole-job", "small-jobs", "fan-out");

    /** What one run produced; a scenario not run is null. */
    record Report(Sizes sizes, StoreBenchmark.Result store, WholeJob.Result wholeJob, WholeJob.Result warmJob,
            SmallJobs.Result smallJobs,
            FanOut.Result fanOut) {
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        Sizes sizes = a.contains("--quick") ? Sizes.QUICK : Sizes.FULL;
        Set<String> scenarios = ALL;
        Path profile = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--scenarios")) {
                scenarios = Set.of(args[i + 1].split(","));
            } else if (args[i].equals("--profile")) {
                profile = Path.of(args[i + 1]);
            } else if (args[i].equals("--aot-cache")) {
                if (Runtime.version().feature() < 25) {
                    throw new IllegalArgumentException("--aot-cache needs JDK 25 or newer; this is "
                            + Runtime.version() + " (put a newer java first on the PATH)");
                }
                Path dir = Files.createDirectories(Path.of(args[i + 1]).toAbsolutePath());
                System.setProperty(ServiceProcess.AOT_CACHE_DIR, dir.toString());
            } else if (args[i].equals("--completions")) {
                int n = Integer.parseInt(args[i + 1]);
                sizes = new Sizes(Math.max(1, n / 100), n, Math.max(1, n / 10), sizes.smallJobs(), sizes.storedPods(),
                        sizes.storeSeconds(), sizes.storeWarmupSeconds());
            }
        }
        log("Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"
                + (System.getProperty(ServiceProcess.AOT_CACHE_DIR) == null ? ""
                        : ", AOT caches in " + System.getProperty(ServiceProcess.AOT_CACHE_DIR)));
        Report report = run(sizes, scenarios, profile);
        System.out.println(table(report));
        System.exit(0);
    }

    static Report run(Sizes sizes, Set<String> scenarios, Path profile) throws Exception {
        StoreBenchmark.Result store = null;
        if (scenarios.contains("store")) {
            log("store scenario");
            store = StoreBenchmark.run(sizes.storeSeconds(), sizes.storeWarmupSeconds());
        }
        WholeJob.Result whole = null;
        WholeJob.Result warm = null;
        SmallJobs.Result small = null;
        FanOut.Result fan = null;
        if (scenarios.contains("whole-job") || scenarios.contains("small-jobs") || scenarios.contains("fan-out")) {
            log("starting the suite with " + sizes.nodes() + " simulated nodes");
            try (Suite suite = new Suite(sizes.nodes())) {
                log("logs in " + suite.logs());
                if (scenarios.contains("whole-job")) {
                    log("whole Job: " + sizes.completions() + " completions, parallelism " + sizes.parallelism());
                    profiling(suite, profile, true, "whole-job-cold");
                    whole = WholeJob.run(suite, WholeJob.COLD, sizes.completions(), sizes.parallelism());
                    profiling(suite, profile, false, "whole-job-cold");
                    log("deleting the first Job and its pods; the same Job again on the warm suite");
                    WholeJob.delete(suite, WholeJob.COLD);
                    profiling(suite, profile, true, "whole-job-warm");
                    warm = WholeJob.run(suite, WholeJob.WARM, sizes.completions(), sizes.parallelism());
                    profiling(suite, profile, false, "whole-job-warm");
                }
                if (scenarios.contains("small-jobs")) {
                    log(sizes.smallJobs() + " small Jobs");
                    profiling(suite, profile, true, "small-jobs");
                    small = SmallJobs.run(suite, sizes.smallJobs());
                    profiling(suite, profile, false, "small-jobs");
                }
                if (scenarios.contains("fan-out")) {
                    log("fan-out: " + sizes.storedPods() + " stored pods");
                    fan = FanOut.run(suite, sizes.storedPods(), profile == null ? null : profile.resolve("fan-out"));
                }
            }
        }
        return new Report(sizes, store, whole, warm, small, fan);
    }

    private static void profiling(Suite suite, Path dir, boolean start, String scenario) throws Exception {
        if (dir == null) {
            return;
        }
        if (start) {
            suite.startProfiles();
        } else {
            log("JFR recordings: " + suite.dumpProfiles(dir.resolve(scenario)));
        }
    }

    static String table(Report r) {
        List<String> out = new ArrayList<>();
        out.add("");
        out.add(String.format(Locale.ROOT, "batchplane benchmark (%s sizes, %d cores)",
                r.sizes() == Sizes.QUICK ? "quick" : r.sizes() == Sizes.FULL ? "full" : "custom",
                Runtime.getRuntime().availableProcessors()));
        out.add("");
        if (r.store() != null) {
            out.add(StoreBenchmark.format(r.store()));
        }
        out.add("| scenario | measure | value |");
        out.add("|---|---|---:|");
        wholeJob(out, r, r.wholeJob(), "cold: first Job after start");
        wholeJob(out, r, r.warmJob(), "warm: the same Job again");
        SmallJobs.Result m = r.smallJobs();
        if (m != null) {
            String s = "Many small Jobs (" + m.jobs() + " Jobs of 1 pod, created at once)";
            row(out, s, "completed", Integer.toString(m.completed()));
            row(out, s, "wall time (s)", f1(m.wallSeconds()));
            row(out, s, "Jobs completed/s", f1(m.jobsPerSecond()));
        }
        FanOut.Result fo = r.fanOut();
        if (fo != null) {
            String s = "Watch fan-out (" + fo.pods() + " pods stored)";
            row(out, s, "pod creates/s (128 in flight)", f1(fo.writesPerSecond()));
            row(out, s, "full list, pages of 500 (s)", f2(fo.fullListSeconds()));
            row(out, s, "one page of 500, p50 / p99 (ms)", f1(fo.pageMillis().at(0.5)) + " / " + f1(fo.pageMillis().at(0.99)));
            row(out, s, "SharedInformer sync (s)", f2(fo.informerSyncSeconds()));
            row(out, s, "pods in informer cache", Integer.toString(fo.informerPods()));
            row(out, s, "api-server RSS / peak (MiB)", f1(fo.apiRssMiB()) + " / " + f1(fo.apiPeakRssMiB()));
        }
        return String.join("\n", out);
    }

    private static void wholeJob(List<String> out, Report r, WholeJob.Result w, String when) {
        if (w == null) {
            return;
        }
        String s = String.format(Locale.ROOT, "Whole Job (Indexed, %d completions, parallelism %d, %d nodes; %s)",
                w.completions(), w.parallelism(), r.sizes().nodes(), when);
        row(out, s, "outcome", (w.complete() ? "Complete" : "NOT complete") + ", " + w.succeeded() + " succeeded, "
                + w.podsWithFinalizerAtComplete() + " pods still with the tracking finalizer when seen Complete, "
                + w.podsWithFinalizer() + " 30 s later");
        row(out, s, "wall time to Complete (s)", f1(w.wallSeconds()));
        row(out, s, "pods/s", f1(w.podsPerSecond()));
        latency(out, s, "created → bound", w.createdToBound());
        latency(out, s, "bound → running", w.boundToRunning());
        latency(out, s, "running → succeeded", w.runningToSucceeded());
        latency(out, s, "created → succeeded", w.createdToSucceeded());
        StringBuilder by = new StringBuilder();
        w.writesPerPodByResource().forEach((res, v) -> by.append(by.isEmpty() ? "" : ", ").append(res).append(' ').append(f2(v)));
        row(out, s, "API writes per pod", f1(w.writesPerPod()) + " (" + by + ")");
        w.cpuPer1000Pods().forEach((svc, v) -> row(out, s, "CPU s per 1,000 pods, " + svc, f2(v)));
        w.peakRssMiB().forEach((svc, v) -> row(out, s, "peak RSS (MiB), " + svc, f1(v)));
    }

    private static void latency(List<String> out, String scenario, String what, Percentiles p) {
        row(out, scenario, what + " p50 / p99 (ms)", f1(p.at(0.5)) + " / " + f1(p.at(0.99)));
    }

    private static void row(List<String> out, String scenario, String measure, String value) {
        out.add("| " + scenario + " | " + measure + " | " + value + " |");
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static void log(String message) {
        System.err.printf(Locale.ROOT, "[bench %tT] %s%n", System.currentTimeMillis(), message);
    }
}
