package io.tradingjobs.core.discovery;

import io.tradingjobs.core.spi.JobProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

/**
 * Builds what a host's classpath holds: services files in directories and provider jars, loaded
 * through a {@link URLClassLoader} whose parent is the test class loader. The parent hides the
 * {@code jarred} package and any services file of its own, so a provider packed into a jar is
 * loaded from that jar (and reported with it) and only the providers a test lists are found.
 */
final class ProviderJars {
    static final String SERVICES = "META-INF/services/" + JobProvider.class.getName();
    private static final String JARRED = "io.tradingjobs.core.discovery.jarred.";

    private ProviderJars() {
    }

    /** Writes {@code root/META-INF/services/...JobProvider} listing {@code lines}; returns the file. */
    static Path servicesFile(Path root, String... lines) throws IOException {
        Path file = root.resolve(SERVICES);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /** Writes a jar holding {@code providers} (and their services file); returns the jar. */
    static Path jar(Path jar, Class<?>... providers) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry(SERVICES));
            j.write((Arrays.stream(providers).map(Class::getName).collect(Collectors.joining("\n")) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
            for (Class<?> type : providers) {
                String entry = type.getName().replace('.', '/') + ".class";
                try (InputStream in = ProviderJars.class.getClassLoader().getResourceAsStream(entry)) {
                    j.putNextEntry(new JarEntry(entry));
                    j.write(in.readAllBytes());
                    j.closeEntry();
                }
            }
        }
        return jar;
    }

    /** A class loader over {@code roots} (directories or jars), child of the test class loader. */
    static URLClassLoader loaderOver(Path... roots) {
        URL[] urls = Arrays.stream(roots).map(ProviderJars::url).toArray(URL[]::new);
        return new URLClassLoader(urls, testLoaderWithoutProviders());
    }

    /** The test class loader, minus its own services files and the {@code jarred} package. */
    static ClassLoader testLoaderWithoutProviders() {
        return new ClassLoader(ProviderJars.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith(JARRED)) {
                    throw new ClassNotFoundException(name + " is only in the test's jars");
                }
                return super.loadClass(name, resolve);
            }

            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals(SERVICES) ? Collections.emptyEnumeration() : super.getResources(name);
            }
        };
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
