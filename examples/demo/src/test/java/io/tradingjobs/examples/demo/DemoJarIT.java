package io.tradingjobs.examples.demo;

import java.util.List;

/**
 * The README's first command as written, after {@code package}: {@code java -jar
 * examples/demo/target/trading-jobs-demo.jar}, the shaded jar with its merged service files and
 * manifest, checked as {@link DemoMainTest} checks the main class.
 */
class DemoJarIT extends DemoMainTest {
    @Override
    List<String> demoCommand() {
        return List.of("-jar", System.getProperty("demo.jar"));
    }
}
