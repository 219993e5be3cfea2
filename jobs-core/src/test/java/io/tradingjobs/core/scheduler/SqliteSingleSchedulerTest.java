package io.tradingjobs.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.test.TestDatabases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scheduler at a time runs jobs on an SQLite file: a second is refused at start, and the file is
 * free again once the first closes, or when its start failed. (Across processes and after kill -9:
 * {@code ClusterProcessTest}.)
 */
class SqliteSingleSchedulerTest {
    @TempDir
    Path dir;

    private int names;

    private JobScheduler scheduler(String url, Map<String, String> more) {
        // Each its own Quartz name: within one JVM the same name is refused before the file is even looked at.
        return JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .config("jobs.database.url", url).config("jobs.scheduler.name", "single-" + (++names)).config(more)
                .job(JobDefinition.builder("test.noop").schedule("every 1 hour").build(), ctx -> { })
                .build();
    }

    @Test
    void aSecondSchedulerIsRefusedUntilTheFirstCloses() {
        String url = TestDatabases.sqlite(dir);
        try (JobScheduler first = scheduler(url, Map.of())) {
            first.start();
            try (JobScheduler second = scheduler(url, Map.of())) {
                assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("is in use by another running scheduler (process " + ProcessHandle.current().pid() + ")")
                        .hasMessageContaining("jobs.database.url");
            }
        }
        try (JobScheduler third = scheduler(url, Map.of())) {
            third.start();
            assertThat(third.job("test.noop").orElseThrow().nextRun()).isNotNull();
        }
    }

    @Test
    void aRefusedSecondSchedulerLeavesTheFirstOnesLockHeldForOtherProcesses() throws Exception {
        Path database = dir.resolve("shared.db");
        String url = "jdbc:sqlite:" + database;
        try (JobScheduler first = scheduler(url, Map.of())) {
            first.start();
            try (JobScheduler second = scheduler(url, Map.of())) {
                assertThatThrownBy(second::start).hasMessageContaining("is in use by another running scheduler");
            }
            // Linux drops a process's record locks when it closes any descriptor of the file: the refusal must not.
            assertThat(probeLock(dir.resolve("shared.db.scheduler.lock"))).isEqualTo("held");
        }
        assertThat(probeLock(dir.resolve("shared.db.scheduler.lock"))).isEqualTo("free");
    }

    /** Asks a child JVM, another process, whether {@code lockFile} can be locked. */
    private static String probeLock(Path lockFile) throws Exception {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(), lockFile.toString())
                .redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(probe.waitFor(1, TimeUnit.MINUTES)).as(out).isTrue();
        return out;
    }

    /** The child JVM of {@link #probeLock}: prints {@code held} or {@code free}. */
    public static final class LockProbe {
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
                System.out.print(lock == null ? "held" : "free");
            }
        }
    }

    @Test
    void aStartThatFailsLeavesTheFileFree() throws Exception {
        String url = TestDatabases.sqlite(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             JobScheduler failing = scheduler(url, Map.of("jobs.http.port", Integer.toString(taken.getLocalPort())))) {
            assertThatThrownBy(failing::start).hasMessageContaining("cannot listen");
        }
        try (JobScheduler next = scheduler(url, Map.of())) {
            next.start();
            assertThat(next.job("test.noop").orElseThrow().nextRun()).isNotNull();
        }
    }

    @Test
    void aNodeThatRunsNoJobsTakesNoLock() {
        String url = TestDatabases.sqlite(dir);
        try (JobScheduler runner = scheduler(url, Map.of()); JobScheduler apiOnly = scheduler(url, Map.of("jobs.scheduler.enabled", "false"))) {
            runner.start();
            apiOnly.start();
            assertThat(apiOnly.jobs()).extracting(s -> s.id()).containsExactly("test.noop");
        }
    }
}
