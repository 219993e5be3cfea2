package io.tradingjobs.core.cluster;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A scheduler node in its own JVM, for the process tests. Arguments: database URL, node id,
 * {@code cluster|single}, a directory for marker files. Prints {@code READY} once started and
 * {@code STARTED <job> <runId>} when a long job begins; stops when its stdin closes.
 *
 * <p>Jobs: {@code cluster.tick} every second; {@code cluster.long} (recoverable) and
 * {@code cluster.long-once} (not recoverable) run until a file {@code release} appears in the
 * marker directory (up to two minutes); {@code cluster.paused} every second, for pause tests.
 */
public final class ClusterNode {
    private ClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String node = args[1];
        boolean cluster = args[2].equals("cluster");
        Path markers = Path.of(args[3]);
        Map<String, String> config = new HashMap<>();
        config.put("jobs.database.url", url);
        config.put("jobs.cluster.node-id", node);
        config.put("jobs.cluster.enabled", String.valueOf(cluster));
        config.put("jobs.cluster.checkin-interval", "2s");
        config.put("jobs.misfire-threshold", "5s");
        config.put("jobs.shutdown.timeout", "1s");
        for (int i = 4; i + 1 < args.length; i += 2) {
            config.put(args[i], args[i + 1]);
        }
        JobScheduler scheduler = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(markers)
                .config(config)
                .job(JobDefinition.builder("cluster.tick").schedule("* * * * * ?").build(), ctx -> { })
                .job(JobDefinition.builder("cluster.paused").schedule("* * * * * ?").build(), ctx -> { })
                .job(JobDefinition.builder("cluster.long").schedule("manual").recoverable(true).build(),
                        ctx -> holdUntilReleased(ctx, markers))
                .job(JobDefinition.builder("cluster.long-once").schedule("manual").recoverable(false).build(),
                        ctx -> holdUntilReleased(ctx, markers))
                .build();
        scheduler.start();
        System.out.println("READY " + node);
        System.out.flush();
        // Commands on stdin: "run <job>", "pause <job>", "resume <job>"; end of input stops the node.
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] cmd = line.trim().split("\\s+");
            try {
                switch (cmd[0]) {
                    case "run": System.out.println("RUN " + scheduler.runNow(cmd[1])); break;
                    case "pause": scheduler.pause(cmd[1]); System.out.println("PAUSED " + cmd[1]); break;
                    case "resume": scheduler.resume(cmd[1]); System.out.println("RESUMED " + cmd[1]); break;
                    default: System.out.println("UNKNOWN " + line);
                }
            } catch (RuntimeException e) {
                System.out.println("ERROR " + e.getMessage());
            }
            System.out.flush();
        }
        scheduler.close();
        System.exit(0);
    }

    private static void holdUntilReleased(JobContext ctx, Path markers) throws InterruptedException, java.io.IOException {
        System.out.println("STARTED " + ctx.jobId() + " " + ctx.runId());
        System.out.flush();
        Path release = markers.resolve("release");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        // Woken by the creation of the release file (the test creates it), not by polling on a timer.
        try (java.nio.file.WatchService watcher = markers.getFileSystem().newWatchService()) {
            markers.register(watcher, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            while (!Files.exists(release) && System.nanoTime() < deadline) {
                java.nio.file.WatchKey key = watcher.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        ctx.summary("released");
    }
}
