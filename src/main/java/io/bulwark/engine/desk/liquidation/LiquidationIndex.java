package io.bulwark.engine.desk.liquidation;

import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which accounts a liquidation check must assess (docs/architecture.md, "Which accounts a liquidation
 * check looks at"): derived state, never in the snapshot, rebuilt from the portfolios by the first check
 * after a restore. An account's equity minus maintenance requirement moves only with its balance (every
 * ledger transfer tells the index), its positions (every fill tells it), a maintenance fraction (the
 * market's spec is compared at each check) and the marks of the markets it holds. So:
 *
 * <ul>
 *   <li>an account whose balance or positions changed since the last check is <i>dirty</i> and assessed;
 *   <li>an account holding one market sits in that market's long or short book at its exact liquidation
 *       price rounded against it (a long at the ceiling, a short at the floor), so the accounts a mark
 *       liquidates are the longs above it and the shorts below it, found without looking at the others;
 *   <li>an account holding several markets is assessed whenever the mark of any of them moved;
 *   <li>one that could not be judged (a market it holds was not trusted) stays pending until it can be.
 * </ul>
 *
 * Rounding can only add accounts to a check, never leave one out; an added account is assessed exactly
 * and left alone when it is above maintenance.
 */
final class LiquidationIndex {
    /** The scale liquidation prices are kept at; rounded against the account. */
    private static final int SCALE = 12;

    /** Where an account sits: one market (long, short, or no finite price), or several. */
    private enum Kind {
        LONG,
        SHORT,
        ANY_PRICE,
        SEVERAL
    }

    private record Placement(Kind kind, List<String> markets, BigDecimal trigger) {}

    /** One market's accounts. */
    private static final class Book {
        MarketSpec spec;
        BigDecimal lastMark;
        /** Single-market longs by liquidation price: a mark below the price liquidates. */
        final TreeMap<BigDecimal, TreeSet<String>> longs = new TreeMap<>();
        /** Single-market shorts by liquidation price: a mark above the price liquidates. */
        final TreeMap<BigDecimal, TreeSet<String>> shorts = new TreeMap<>();
        /** Single-market accounts no one price separates (a maintenance fraction of 1 or more). */
        final TreeSet<String> anyPrice = new TreeSet<>();
        /** Accounts holding this market and at least one other. */
        final TreeSet<String> several = new TreeSet<>();
    }

    private final Markets markets;
    private final Portfolios portfolios;
    private final Ledger ledger;
    private final TreeMap<String, Book> books = new TreeMap<>();
    /** Only looked up by id (a hash, not a tree of every holder: issue 15), never iterated. */
    private final LinkedHashMap<String, Placement> placements = new LinkedHashMap<>();
    /** Balance or positions changed since the last check. */
    private final TreeSet<String> dirty = new TreeSet<>();
    /** Several-market accounts a check could not judge on untrusted data. */
    private final TreeSet<String> pending = new TreeSet<>();

    private boolean rebuild = true;
    /** While a check runs: the candidates still to assess and the one being assessed. */
    private TreeSet<String> running;

    private String current;

    LiquidationIndex(Markets markets, Portfolios portfolios, Ledger ledger) {
        this.markets = markets;
        this.portfolios = portfolios;
        this.ledger = ledger;
        ledger.onBalanceChange(this::balanceChanged);
        portfolios.onPositionChange((accountId, market, fromSteps) -> positionChanged(accountId, fromSteps));
    }

    private void balanceChanged(String accountId) {
        if (Ledger.isSystemAccount(accountId)) {
            return;
        }
        dirty.add(accountId);
        // During a check: brute force assesses, later in id order, every account holding a position
        // when the check began with its state as it is then; no account gains a position in a check.
        if (running != null && accountId.compareTo(current) > 0 && holdsPosition(accountId)) {
            running.add(accountId);
        }
    }

    private void positionChanged(String accountId, long fromSteps) {
        if (Ledger.isSystemAccount(accountId)) {
            return;
        }
        dirty.add(accountId);
        if (running != null && accountId.compareTo(current) > 0 && (fromSteps != 0 || holdsPosition(accountId))) {
            running.add(accountId);
        }
    }

    /**
     * Starts a check: the accounts (with a position, not the vault) that may be below maintenance now, in
     * id order. {@code trusted} says whether liquidations may run in a market at all.
     */
    TreeSet<String> start(Predicate<Market> trusted) {
        if (rebuild) {
            for (Map.Entry<String, Portfolio> e : portfolios.entries()) {
                dirty.add(e.getKey());
            }
            dirty.remove(Ledger.LIQUIDATOR_VAULT);
            rebuild = false;
        }
        for (Market m : markets.all()) {
            Book book = books.computeIfAbsent(m.spec().market(), k -> new Book());
            if (book.spec != m.spec()) {
                if (book.spec != null) { // new margin fractions: every holder's liquidation price moves
                    dirty.addAll(portfolios.holders(m.spec().market()));
                    dirty.remove(Ledger.LIQUIDATOR_VAULT);
                }
                book.spec = m.spec();
            }
        }
        TreeSet<String> candidates = new TreeSet<>();
        for (String accountId : dirty) {
            place(accountId);
            if (holdsPosition(accountId)) {
                candidates.add(accountId);
            }
        }
        dirty.clear();
        for (String accountId : pending) {
            if (holdsPosition(accountId)) {
                candidates.add(accountId);
            }
        }
        pending.clear();
        for (Market m : markets.all()) {
            addMoved(m, trusted, candidates, null);
        }
        running = candidates;
        return candidates;
    }

    /** The account being assessed now: accounts changed by its liquidation and after it join the check. */
    void assessing(String accountId) {
        current = accountId;
    }

    /** After a liquidation: a mark it moved (the account's orders left the book) brings in who it reaches. */
    void afterLiquidation(Predicate<Market> trusted) {
        for (Market m : markets.all()) {
            addMoved(m, trusted, running, current);
        }
    }

    /** A several-market account that was not judged, its data not trusted: assessed at every check until it is. */
    void notJudged(String accountId) {
        Placement p = placements.get(accountId);
        if (p != null && p.kind() == Kind.SEVERAL) {
            pending.add(accountId);
        }
    }

    /**
     * No market is trusted for the rest of this check (a pause of the breaker, the only thing that changes
     * trust during a check, took the last one): a candidate that holds a position is then never judged, so
     * only two kinds still need the check's loop: accounts changed during the check (one may have gone
     * flat, and a flat account is judged) and several-market ones (remembered as pending). Every other
     * candidate holds, unchanged since the check began, a position in a market no longer trusted, and
     * would only be passed over: dropping it keeps the cost of a check that trips the breaker independent
     * of how many accounts wait below maintenance.
     */
    void nothingTrusted() {
        TreeSet<String> keep = new TreeSet<>();
        for (String accountId : dirty) {
            if (running.contains(accountId)) {
                keep.add(accountId);
            }
        }
        for (Book book : books.values()) {
            for (String accountId : book.several) {
                if (running.contains(accountId)) {
                    keep.add(accountId);
                }
            }
        }
        running.clear();
        running.addAll(keep);
    }

    void finish() {
        running = null;
        current = null;
    }

    /** Adds the accounts {@code m}'s mark reaches (after {@code after}, when set) to {@code into}. */
    private void addMoved(Market m, Predicate<Market> trusted, TreeSet<String> into, String after) {
        Book book = books.get(m.spec().market());
        BigDecimal mark = m.markPrice();
        boolean moved =
                mark == null ? book.lastMark != null : book.lastMark == null || mark.compareTo(book.lastMark) != 0;
        if (!moved && after != null) {
            return;
        }
        if (moved) {
            book.lastMark = mark;
            addAfter(book.several, into, after);
            if (after != null) { // judged on the mark before: the next check looks again
                dirty.addAll(book.several.headSet(after, true));
            }
        }
        if (!trusted.test(m)) {
            return;
        }
        addAfter(book.anyPrice, into, after);
        if (mark == null) { // valued at entry: no price book applies
            book.longs.values().forEach(ids -> addAfter(ids, into, after));
            book.shorts.values().forEach(ids -> addAfter(ids, into, after));
            return;
        }
        book.longs.tailMap(mark, false).values().forEach(ids -> addAfter(ids, into, after));
        book.shorts.headMap(mark, false).values().forEach(ids -> addAfter(ids, into, after));
    }

    private static void addAfter(TreeSet<String> ids, TreeSet<String> into, String after) {
        into.addAll(after == null ? ids : ids.tailSet(after, false));
    }

    private boolean holdsPosition(String accountId) {
        if (accountId.equals(Ledger.LIQUIDATOR_VAULT)) {
            return false;
        }
        Portfolio portfolio = portfolios.get(accountId).orElse(null);
        if (portfolio == null) {
            return false;
        }
        for (Position p : portfolio.positions()) {
            if (!p.isFlat()) {
                return true;
            }
        }
        return false;
    }

    /** Moves the account to where its balance, positions and the margin fractions put it now. */
    private void place(String accountId) {
        unplace(accountId);
        Portfolio portfolio = portfolios.get(accountId).orElse(null);
        if (portfolio == null || accountId.equals(Ledger.LIQUIDATOR_VAULT)) {
            return;
        }
        List<Position> open = new ArrayList<>(2);
        for (Position p : portfolio.positions()) {
            if (!p.isFlat()) {
                open.add(p);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        if (open.size() > 1) {
            List<String> held = open.stream().map(Position::market).toList();
            held.forEach(market -> books.get(market).several.add(accountId));
            placements.put(accountId, new Placement(Kind.SEVERAL, held, null));
            return;
        }
        Position p = open.getFirst();
        Book book = books.get(p.market());
        Placement placement = single(p, book.spec, ledger.balance(accountId));
        switch (placement.kind()) {
            case LONG ->
                book.longs
                        .computeIfAbsent(placement.trigger(), k -> new TreeSet<>())
                        .add(accountId);
            case SHORT ->
                book.shorts
                        .computeIfAbsent(placement.trigger(), k -> new TreeSet<>())
                        .add(accountId);
            default -> book.anyPrice.add(accountId);
        }
        placements.put(accountId, placement);
    }

    private void unplace(String accountId) {
        Placement old = placements.remove(accountId);
        if (old == null) {
            return;
        }
        for (String market : old.markets()) {
            Book book = books.get(market);
            switch (old.kind()) {
                case LONG -> remove(book.longs, old.trigger(), accountId);
                case SHORT -> remove(book.shorts, old.trigger(), accountId);
                case ANY_PRICE -> book.anyPrice.remove(accountId);
                case SEVERAL -> book.several.remove(accountId);
            }
        }
    }

    private static void remove(TreeMap<BigDecimal, TreeSet<String>> byPrice, BigDecimal trigger, String accountId) {
        TreeSet<String> ids = byPrice.get(trigger);
        ids.remove(accountId);
        if (ids.isEmpty()) {
            byPrice.remove(trigger);
        }
    }

    /**
     * A one-market account's liquidation price. With balance B, size s, cost basis C and maintenance
     * fraction f, equity − requirement at mark P is exactly B − C + s·P − |s|·P·f (MarginCalculator), so a
     * long (s > 0) is below maintenance iff P < (C − B) / (s·(1 − f)), kept rounded up, and a short iff
     * P > (B − C) / (|s|·(1 + f)), kept rounded down: a rounded price only ever lets more marks reach it.
     */
    private static Placement single(Position p, MarketSpec spec, BigDecimal balance) {
        BigDecimal size = p.size(spec.stepSize());
        BigDecimal f = spec.maintenanceMarginFraction();
        BigDecimal cash = balance.subtract(p.costBasis());
        List<String> market = List.of(p.market());
        if (size.signum() > 0) {
            BigDecimal slope = size.multiply(BigDecimal.ONE.subtract(f));
            if (slope.signum() <= 0) {
                return new Placement(Kind.ANY_PRICE, market, null);
            }
            return new Placement(Kind.LONG, market, cash.negate().divide(slope, SCALE, RoundingMode.CEILING));
        }
        BigDecimal slope = size.negate().multiply(BigDecimal.ONE.add(f));
        return new Placement(Kind.SHORT, market, cash.divide(slope, SCALE, RoundingMode.FLOOR));
    }
}
