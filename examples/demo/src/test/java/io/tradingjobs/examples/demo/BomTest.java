package io.tradingjobs.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM a host imports names every job module the build has, at the build's version. */
class BomTest {
    private static final Path ROOT = Path.of("..", "..");

    private static Set<String> matches(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void listsEveryJobModuleAtTheBuildsVersion() throws Exception {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("bom").resolve("pom.xml"));
        Set<String> modules = matches(parent, "<module>(jobs-[a-z-]+)</module>");

        assertThat(modules).contains("jobs-core", "jobs-market", "jobs-nse", "jobs-alerts", "jobs-reports", "jobs-maintenance");
        assertThat(matches(bom, "<artifactId>(jobs-[a-z-]+)</artifactId>")).isEqualTo(modules);
        assertThat(matches(bom, "<artifactId>trading-jobs-bom</artifactId>\\s*<version>([^<]+)</version>"))
                .isEqualTo(matches(parent, "<artifactId>trading-jobs-parent</artifactId>\\s*<version>([^<]+)</version>"))
                .hasSize(1);
        String managed = bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
        assertThat(matches(managed, "<version>([^<]+)</version>")).as("modules at the BOM's own version").containsExactly("${project.version}");
        assertThat(bom).as("no parent: importing the BOM pins our modules and nothing else").doesNotContain("<parent>");
    }
}
