package io.tradingjobs.nse.indices;

import static io.tradingjobs.nse.internal.db.Tables.NSE_INDEX_MEMBERSHIP;
import static io.tradingjobs.nse.internal.db.Tables.NSE_SECTOR_INFO;

import io.tradingjobs.nse.internal.BadDataException;
import io.tradingjobs.nse.internal.db.tables.records.NseIndexMembershipRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * {@code nse_index_membership} as history (one row per membership period; leaving closes the
 * period, it never deletes it) and {@code nse_sector_info}.
 */
final class IndexMembershipRepository {
    private final DSLContext dsl;

    IndexMembershipRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * What a new list changed.
     *
     * @param joined symbols that became members
     * @param left symbols that stopped being members
     * @param members the members now, placeholders included
     */
    record Change(Set<String> joined, Set<String> left, int members) {
    }

    /** The open membership periods of {@code index}, by symbol. */
    Map<String, NseIndexMembershipRecord> current(String index) {
        return dsl.selectFrom(NSE_INDEX_MEMBERSHIP)
                .where(NSE_INDEX_MEMBERSHIP.INDEX_NAME.eq(index).and(NSE_INDEX_MEMBERSHIP.LEFT_ON.isNull()))
                .fetch().stream().collect(Collectors.toMap(NseIndexMembershipRecord::getSymbol, Function.identity()));
    }

    /**
     * Rejects a list that cannot be right: no real member, or more than {@code maxLoss} of the
     * current real members gone at once.
     *
     * @throws BadDataException naming the URL and the numbers
     */
    void checkPlausible(String index, String url, List<IndexConstituent> list, double maxLoss) throws BadDataException {
        List<IndexConstituent> real = list.stream().filter(c -> !c.placeholder()).toList();
        if (real.isEmpty()) {
            throw new BadDataException(url, index + " parsed to zero members (" + list.size()
                    + " placeholder rows); the stored members are kept");
        }
        Set<String> before = current(index).values().stream().filter(r -> !r.getPlaceholder())
                .map(NseIndexMembershipRecord::getSymbol).collect(Collectors.toCollection(TreeSet::new));
        Set<String> now = real.stream().map(IndexConstituent::symbol).collect(Collectors.toSet());
        Set<String> lost = new TreeSet<>(before);
        lost.removeAll(now);
        if (!before.isEmpty() && lost.size() > before.size() * maxLoss) {
            throw new BadDataException(url, index + " would lose " + lost.size() + " of its " + before.size()
                    + " members at once (more than " + Math.round(maxLoss * 100) + "%), which looks like a broken file; "
                    + "the stored members are kept (raise nse.indices.max-loss if the change is real)");
        }
    }

    /** Records {@code list} as the members of {@code index} on {@code today}, in one transaction. */
    Change record(String index, List<IndexConstituent> list, LocalDate today, long nowMillis) {
        String day = today.toString();
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Map<String, NseIndexMembershipRecord> open = tx.selectFrom(NSE_INDEX_MEMBERSHIP)
                    .where(NSE_INDEX_MEMBERSHIP.INDEX_NAME.eq(index).and(NSE_INDEX_MEMBERSHIP.LEFT_ON.isNull()))
                    .fetch().stream().collect(Collectors.toMap(NseIndexMembershipRecord::getSymbol, Function.identity()));
            Set<String> joined = new TreeSet<>();
            Set<String> seen = new TreeSet<>();
            for (IndexConstituent c : list) {
                seen.add(c.symbol());
                NseIndexMembershipRecord row = open.get(c.symbol());
                if (row == null) {
                    // A symbol that left earlier today and is back reopens that period (same key).
                    row = tx.selectFrom(NSE_INDEX_MEMBERSHIP).where(NSE_INDEX_MEMBERSHIP.INDEX_NAME.eq(index)
                            .and(NSE_INDEX_MEMBERSHIP.SYMBOL.eq(c.symbol())).and(NSE_INDEX_MEMBERSHIP.FIRST_SEEN.eq(day))).fetchOne();
                    if (row == null) {
                        row = tx.newRecord(NSE_INDEX_MEMBERSHIP);
                        row.setIndexName(index);
                        row.setSymbol(c.symbol());
                        row.setFirstSeen(day);
                    }
                    joined.add(c.symbol());
                }
                row.setLastSeen(day);
                row.setLeftOn(null);
                row.setIsin(c.isin());
                row.setCompanyName(c.company());
                row.setIndustry(c.industry());
                row.setSeries(c.series());
                row.setPlaceholder(c.placeholder());
                row.setUpdatedAt(nowMillis);
                row.store();
                if (!c.placeholder()) {
                    saveSector(tx, c, nowMillis);
                }
            }
            Set<String> left = new TreeSet<>();
            for (NseIndexMembershipRecord row : open.values()) {
                if (!seen.contains(row.getSymbol())) {
                    row.setLeftOn(day);
                    row.setUpdatedAt(nowMillis);
                    row.store();
                    left.add(row.getSymbol());
                }
            }
            return new Change(joined, left, list.size());
        });
    }

    private static void saveSector(DSLContext tx, IndexConstituent c, long nowMillis) {
        int updated = tx.update(NSE_SECTOR_INFO)
                .set(NSE_SECTOR_INFO.INDUSTRY, c.industry())
                .set(NSE_SECTOR_INFO.COMPANY_NAME, c.company())
                .set(NSE_SECTOR_INFO.ISIN, c.isin())
                .set(NSE_SECTOR_INFO.UPDATED_AT, nowMillis)
                .where(NSE_SECTOR_INFO.SYMBOL.eq(c.symbol()))
                .execute();
        if (updated == 0) {
            tx.insertInto(NSE_SECTOR_INFO)
                    .set(NSE_SECTOR_INFO.SYMBOL, c.symbol())
                    .set(NSE_SECTOR_INFO.INDUSTRY, c.industry())
                    .set(NSE_SECTOR_INFO.COMPANY_NAME, c.company())
                    .set(NSE_SECTOR_INFO.ISIN, c.isin())
                    .set(NSE_SECTOR_INFO.UPDATED_AT, nowMillis)
                    .execute();
        }
    }
}
