package io.tradingjobs.nse.indices;

import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpResponse;
import io.tradingjobs.nse.internal.BadDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads and parses an index's constituent CSV from the archives host, falling back to the
 * newer archives host when the first fails (an error status or a file that does not parse).
 */
final class IndexListClient {
    private static final Logger LOG = LoggerFactory.getLogger(IndexListClient.class);

    private final Http http;
    private final List<String> archiveUrls;

    /** @param archiveUrls the archives hosts to try in order, without trailing slashes */
    IndexListClient(Http http, List<String> archiveUrls) {
        this.http = http;
        this.archiveUrls = List.copyOf(archiveUrls);
    }

    /** {@code NIFTY NEXT 50} -> {@code /content/indices/ind_niftynext50list.csv}. */
    static String path(String indexName) {
        return "/content/indices/ind_" + indexName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "list.csv";
    }

    /** A parsed list and the URL it came from. */
    record Download(String url, List<IndexConstituent> constituents) {
    }

    /**
     * The constituents of {@code indexName} from the first archives host that serves a good file.
     *
     * @throws IOException naming every URL tried and what was wrong with each
     */
    Download fetch(String indexName) throws IOException, BadDataException {
        List<String> problems = new ArrayList<>();
        boolean allBadData = true;
        for (String base : archiveUrls) {
            String url = base + path(indexName);
            try {
                HttpResponse response = http.get(url).header("Accept", "text/csv,text/plain,*/*").send();
                return new Download(url, IndexListParser.parse(url, response.contentType(), response.text()));
            } catch (BadDataException e) {
                problems.add(e.getMessage());
            } catch (IOException e) {
                if (e instanceof io.tradingjobs.core.http.HttpException he && he.isInterruption()) {
                    throw e;
                }
                allBadData = false;
                problems.add(e.getMessage());
            }
            LOG.warn("{} constituents: {}", indexName, problems.get(problems.size() - 1));
        }
        String message = indexName + ": no archives host served a good constituent file: " + String.join(" | ", problems);
        if (allBadData) {
            throw BadDataException.withMessage(message);
        }
        throw new IOException(message);
    }
}
