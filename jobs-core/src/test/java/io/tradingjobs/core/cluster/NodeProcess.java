package io.tradingjobs.core.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@link ClusterNode} in a child JVM: send commands, wait for output lines, kill it. */
final class NodeProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final PrintWriter stdin;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    out.println(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "node-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a node JVM with the test classpath; its output goes to {@code logDir/<name>.log}. */
    static NodeProcess start(String name, String databaseUrl, boolean cluster, Path markers, Path logDir, String... extraConfig)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ClusterNode.class.getName());
        cmd.add(databaseUrl);
        cmd.add(name);
        cmd.add(cluster ? "cluster" : "single");
        cmd.add(markers.toString());
        cmd.addAll(List.of(extraConfig));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new NodeProcess(name, p, logDir.resolve(name + ".log"));
    }

    String name() {
        return name;
    }

    /** Sends a command line ({@code run <job>}, {@code pause <job>}). */
    void send(String command) {
        stdin.println(command);
    }

    /** Whether any output line starts with {@code prefix}. */
    boolean printed(String prefix) {
        return lines.stream().anyMatch(l -> l.startsWith(prefix));
    }

    /** The first output line starting with {@code prefix}, if any. */
    java.util.Optional<String> line(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM dies without any shutdown hook or cleanup. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Closes stdin, which makes the node close its scheduler and exit. */
    void stop(Duration wait) throws InterruptedException {
        stdin.close();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(15));
        }
    }
}
