package io.tradingjobs.core.internal.discovery;

import io.tradingjobs.core.SchedulerBuildException.Problem;
import io.tradingjobs.core.spi.JobProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Finds {@link JobProvider}s with {@link ServiceLoader}, SLF4J-style: each provider is loaded on
 * its own, so one that fails (class missing, constructor throwing) is reported with its class and
 * the jar that lists it, and the others still load.
 */
public final class ProviderDiscovery {
    static final String SERVICE_FILE = "META-INF/services/" + JobProvider.class.getName();
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
            + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)+");

    private ProviderDiscovery() {
    }

    /** A provider that loaded, and where from. */
    public record Found(JobProvider provider, String origin) {
    }

    /** The providers that loaded, and one problem per provider that did not. */
    public record Result(List<Found> providers, List<Problem> failures) {
    }

    /** Loads every provider visible to {@code loader}. */
    public static Result discover(ClassLoader loader) {
        List<Found> found = new ArrayList<>();
        List<Problem> failures = new ArrayList<>();
        Iterator<JobProvider> it = ServiceLoader.load(JobProvider.class, loader).iterator();
        String lastError = null;
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                JobProvider p = it.next();
                found.add(new Found(p, origin(p.getClass())));
            } catch (ServiceConfigurationError e) {
                String className = failedClass(e);
                if (className == null && String.valueOf(e.getMessage()).equals(lastError)) {
                    break; // the iterator makes no progress (the services files cannot even be listed): stop, reported once
                }
                lastError = String.valueOf(e.getMessage());
                failures.add(new Problem("provider " + (className == null ? "(unknown)" : className), null,
                        "failed to load: " + rootMessage(e) + " (listed in " + listedIn(loader, className) + ")",
                        className == null ? "check the " + SERVICE_FILE + " files and the class loader given to Builder.classLoader"
                                : "put the jar that contains the class (and its dependencies) on the classpath, make it a public "
                                + "JobProvider with a public no-argument constructor that does nothing, or remove its line from "
                                + SERVICE_FILE));
            } catch (RuntimeException | LinkageError e) {
                failures.add(new Problem("provider (unknown)", null, "failed to load: " + rootMessage(e),
                        "check the " + SERVICE_FILE + " files on the classpath"));
            }
        }
        return new Result(found, failures);
    }

    /** The jar or directory a class was loaded from. */
    public static String origin(Class<?> type) {
        try {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                return cs.getLocation().getPath();
            }
        } catch (SecurityException ignored) {
            // fall through
        }
        return "unknown location";
    }

    private static String failedClass(ServiceConfigurationError e) {
        // JDK messages look like "io.tradingjobs.core.spi.JobProvider: Provider com.x.Y not found",
        // "... Provider com.x.Y could not be instantiated", "...: com.x.Y not a subtype" or
        // "...: com.x.Y Unable to get public no-arg constructor"; others name a file, not a class.
        String m = e.getMessage();
        String prefix = JobProvider.class.getName() + ": ";
        if (m == null || !m.startsWith(prefix)) {
            return null;
        }
        String rest = m.substring(prefix.length());
        if (rest.startsWith("Provider ")) {
            rest = rest.substring(9);
        }
        int sp = rest.indexOf(' ');
        String name = sp < 0 ? rest : rest.substring(0, sp);
        return CLASS_NAME.matcher(name).matches() ? name : null;
    }

    private static String listedIn(ClassLoader loader, String className) {
        List<String> files = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(SERVICE_FILE))) {
                try (InputStream in = url.openStream()) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (className == null || text.lines().map(String::strip).anyMatch(className::equals)) {
                        files.add(url.toString());
                    }
                }
            }
        } catch (IOException ignored) {
            // best effort: the message still names the class
        }
        return files.isEmpty() ? SERVICE_FILE : String.join(", ", files);
    }

    private static String rootMessage(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable t = e.getCause();
        while (t != null && t != t.getCause()) {
            sb.append(": ").append(t.getClass().getSimpleName()).append(t.getMessage() == null ? "" : " " + t.getMessage());
            t = t.getCause();
        }
        return sb.toString();
    }
}
