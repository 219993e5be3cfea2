package io.tradingjobs.nse.indices;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.NonRetryableException;
import io.tradingjobs.core.spi.RetryPolicy;
import io.tradingjobs.nse.internal.BadDataException;
import io.tradingjobs.nse.internal.NseSettings;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code nse.indices}: downloads the constituent lists of the configured indices
 * ({@code nse.indices.list}) and records joins and leaves in {@code nse_index_membership} and the
 * industries in {@code nse_sector_info}. Each index is handled on its own: a bad or suspect file
 * keeps that index's stored members and fails the run after the other indices are updated.
 */
public final class NseIndicesJob implements Job {
    /** The job id. */
    public static final String ID = "nse.indices";
    private static final Logger LOG = LoggerFactory.getLogger(NseIndicesJob.class);

    private final Http http;
    private final DSLContext dsl;
    private final Config config;

    /** Created by the scheduler for every run. */
    @Inject
    public NseIndicesJob(Http http, DSLContext dsl, Config config) {
        this.http = http;
        this.dsl = dsl;
        this.config = config;
    }

    /** The definition: daily at 23:30 IST, as in the seed. */
    public static JobDefinition definition() {
        return JobDefinition.builder(ID).name("NSE index constituents")
                .description("Downloads the NSE index constituent CSVs into nse_index_membership and nse_sector_info")
                .schedule("30 23 * * * in Asia/Kolkata")
                .retry(RetryPolicy.exponential(3, Duration.ofMinutes(10)))
                .timeout(Duration.ofMinutes(30))
                .build();
    }

    @Override
    public void run(JobContext context) throws Exception {
        NseSettings.rateLimit(http, config, NseSettings.NSE_RATE_LIMIT, NseSettings.ARCHIVES_URL, NseSettings.ARCHIVES_FALLBACK_URL);
        IndexListClient client = new IndexListClient(http, List.of(NseSettings.base(config, NseSettings.ARCHIVES_URL),
                NseSettings.base(config, NseSettings.ARCHIVES_FALLBACK_URL)));
        IndexMembershipRepository repository = new IndexMembershipRepository(dsl);
        double maxLoss = config.decimal(NseSettings.INDICES_MAX_LOSS, 0.5);
        List<String> indices = config.list(NseSettings.INDICES);
        LocalDate today = LocalDate.now(context.clock().withZone(NseSettings.IST));
        List<String> done = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        boolean onlyBadData = true;
        int n = 0;
        for (String index : indices) {
            context.checkCancelled();
            try {
                IndexListClient.Download download = client.fetch(index);
                repository.checkPlausible(index, download.url(), download.constituents(), maxLoss);
                IndexMembershipRepository.Change change = repository.record(index, download.constituents(), today,
                        context.clock().millis());
                long placeholders = download.constituents().stream().filter(IndexConstituent::placeholder).count();
                LOG.info("{}: {} members ({} placeholders), joined {}, left {}", index, change.members(), placeholders,
                        change.joined(), change.left());
                done.add(index + " " + (change.members() - placeholders) + (change.joined().isEmpty() && change.left().isEmpty() ? ""
                        : " (+" + change.joined().size() + "/-" + change.left().size() + ")"));
            } catch (BadDataException e) {
                failures.add(e.getMessage());
            } catch (IOException e) {
                onlyBadData = false;
                failures.add(index + ": " + e.getMessage());
            }
            context.progress(++n, indices.size());
        }
        context.summary("updated " + done.size() + "/" + indices.size() + " indices: " + String.join(", ", done));
        if (!failures.isEmpty()) {
            String message = failures.size() + " of " + indices.size() + " indices kept their previous members: "
                    + String.join("; ", failures);
            if (onlyBadData) {
                throw new NonRetryableException(message);
            }
            throw new IOException(message);
        }
    }
}
