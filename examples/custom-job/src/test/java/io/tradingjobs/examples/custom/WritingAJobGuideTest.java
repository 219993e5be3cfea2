package io.tradingjobs.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/writing-a-job.md quotes this example's job, host and test: every quoted line stands in the
 * source, in the same order (the guide may leave lines out, such as imports), so the guide cannot
 * drift from code that compiles and passes.
 */
class WritingAJobGuideTest {
    private static final Path GUIDE = Path.of("..", "..", "docs", "writing-a-job.md");
    private static final Path MAIN = Path.of("src", "main", "java", "io", "tradingjobs", "examples", "custom");
    private static final Path TEST = Path.of("src", "test", "java", "io", "tradingjobs", "examples", "custom");
    private static final Pattern BLOCK = Pattern.compile("(?s)```(\\w*)\\n(.*?)```");

    @Test
    void theQuotedJobHostAndTestAreTheExamplesOwnCode() throws IOException {
        List<String> checked = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(GUIDE));
        while (m.find()) {
            String block = m.group(2);
            Path source = block.contains("class MarketClockJob extends") ? MAIN.resolve("MarketClockJob.java")
                    : block.contains("class MarketClockJobTest") ? TEST.resolve("MarketClockJobTest.java")
                    : block.contains("JobScheduler.Builder builder()") ? MAIN.resolve("CustomJobHost.java")
                    : block.strip().equals(MarketClockJob.class.getName()) ? Path.of("src", "main", "resources", "META-INF", "services",
                            "io.tradingjobs.core.spi.JobProvider")
                    : null;
            if (source != null) {
                assertQuoted(block, source);
                checked.add(source.getFileName().toString());
            }
        }
        assertThat(checked).as("quotes of the example found in " + GUIDE)
                .containsExactlyInAnyOrder("MarketClockJob.java", "io.tradingjobs.core.spi.JobProvider", "CustomJobHost.java",
                        "MarketClockJobTest.java");
    }

    private static void assertQuoted(String block, Path source) throws IOException {
        List<String> code = Files.readAllLines(source).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        int at = 0;
        for (String line : block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            if (line.startsWith("// main:")) {
                continue; // the guide's summary of what main does, not a quote
            }
            int found = code.subList(at, code.size()).indexOf(line);
            assertThat(found).as("%s quotes a line that is not in %s (after line %d of its code):%n%s", GUIDE, source, at, line)
                    .isNotNegative();
            at += found + 1;
        }
    }
}
