package io.batchplane.kubelet;

import io.batchplane.kubelet.process.LogTail;
import io.batchplane.kubelet.runtime.ProcessRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code GET /containerLogs/{namespace}/{pod}/{container}?tailLines=&follow=&previous=} on the agent's
 * HTTP port (10250): a container's stdout and stderr as plain text, from the process runtime's log
 * files. {@code follow=true} keeps the response open, sending what is appended every 250 ms, until
 * that run of the container has exited. {@code timestamps} is accepted but not supported (the logs are
 * stored without per-line times).
 *
 * <p>Access: only from the loopback address (the API server that proxies {@code pods/log} runs on the
 * same machine); any other caller gets 403. With the simulated runtime there are no logs (404).
 */
@ApplicationScoped
public class ContainerLogsRoute {

    static final long FOLLOW_POLL_MS = 250;

    @Inject
    KubeletService service;
    @Inject
    Vertx vertx;

    void register(@Observes Router router) {
        router.get("/containerLogs/:namespace/:pod/:container").blockingHandler(this::handle, false);
    }

    private void handle(RoutingContext ctx) {
        HttpServerResponse res = ctx.response();
        if (ctx.request().remoteAddress() == null || !isLoopback(ctx.request().remoteAddress().hostAddress())) {
            plain(res, 403, "container logs are served to the local machine only\n");
            return;
        }
        Optional<ProcessRuntime> runtime = service.processes();
        if (runtime.isEmpty()) {
            plain(res, 404, "this node agent runs the simulated runtime: there are no container logs\n");
            return;
        }
        ProcessRuntime rt = runtime.get();
        String ns = ctx.pathParam("namespace");
        String pod = ctx.pathParam("pod");
        String container = ctx.pathParam("container");
        boolean previous = "true".equals(ctx.queryParams().get("previous"));
        boolean follow = "true".equals(ctx.queryParams().get("follow"));
        long tail;
        try {
            String t = ctx.queryParams().get("tailLines");
            tail = t == null || t.isBlank() ? -1 : Long.parseLong(t);
        } catch (NumberFormatException e) {
            plain(res, 400, "tailLines: not a number\n");
            return;
        }
        Optional<String> uid = rt.uidOf(ns, pod);
        Optional<Integer> run;
        try {
            run = uid.flatMap(u -> rt.paths().logRun(u, container, previous));
        } catch (IllegalArgumentException e) {
            run = Optional.empty();
        }
        if (run.isEmpty()) {
            plain(res, previous ? 400 : 404, previous
                    ? "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found\n"
                    : "container \"" + container + "\" in pod \"" + pod + "\" has no logs on this node\n");
            return;
        }
        Path file = rt.paths().log(uid.get(), container, run.get());
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            plain(res, 500, "cannot read the log: " + e.getMessage() + "\n");
            return;
        }
        int from = LogTail.offsetOfLastLines(all, tail);
        res.setStatusCode(200).putHeader("Content-Type", "text/plain; charset=utf-8").setChunked(true);
        res.write(Buffer.buffer(all).slice(from, all.length));
        if (!follow || previous) {
            res.end();
            return;
        }
        String u = uid.get();
        int restartCount = run.get();
        long[] offset = {all.length};
        vertx.setPeriodic(FOLLOW_POLL_MS, id -> {
            if (res.closed() || res.ended()) {
                vertx.cancelTimer(id);
                return;
            }
            boolean live = rt.running(u, container, restartCount);
            byte[] more = readFrom(file, offset[0]);
            if (more.length > 0) {
                offset[0] += more.length;
                res.write(Buffer.buffer(more));
            }
            if (!live) {
                vertx.cancelTimer(id);
                res.end();
            }
        });
    }

    private static byte[] readFrom(Path file, long offset) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            if (len <= offset) {
                return new byte[0];
            }
            byte[] b = new byte[(int) Math.min(len - offset, 1 << 20)];
            f.seek(offset);
            f.readFully(b);
            return b;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static boolean isLoopback(String address) {
        return address != null && (address.startsWith("127.") || address.equals("0:0:0:0:0:0:0:1") || address.equals("::1"));
    }

    private static void plain(HttpServerResponse res, int code, String text) {
        res.setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
    }
}
