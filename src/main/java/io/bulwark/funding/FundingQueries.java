package io.bulwark.funding;

import io.bulwark.engine.EngineView;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.EventCursor;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Funding as clients read it: payments and settled rates from the read models, the current state from the
 * view the engine publishes after each commit.
 */
@Service
class FundingQueries {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final Pattern SEQUENCE = Pattern.compile("[0-9]{1,18}");

    private final EngineClient engine;
    private final FundingPaymentRowRepository payments;
    private final FundingRateRowRepository rates;

    FundingQueries(EngineClient engine, FundingPaymentRowRepository payments, FundingRateRowRepository rates) {
        this.engine = engine;
        this.payments = payments;
        this.rates = rates;
    }

    /** A page of the account's payments, newest first, strictly before the cursor {@code before}. */
    @Transactional(readOnly = true)
    List<FundingPaymentResponse> payments(String accountId, String market, int limit, String before) {
        EventCursor cursor = EventCursor.before(before);
        String filter = market == null ? "" : market;
        if (!filter.isEmpty()) {
            funding(filter);
        }
        return payments.findBefore(accountId, filter, cursor.sequence(), cursor.index(), Limit.of(limit)).stream()
                .map(FundingPaymentRow::response)
                .toList();
    }

    /** The market's funding now, with its settled rates below sequence {@code before}, newest first. */
    @Transactional(readOnly = true)
    MarketFundingResponse market(String market, int limit, String before) {
        if (before != null && !before.isEmpty() && !SEQUENCE.matcher(before).matches()) {
            throw ApiException.badRequest("before: must be a sequence");
        }
        EventCursor cursor = EventCursor.before(before);
        EngineView.Funding now = funding(market);
        List<FundingRateResponse> history = rates.findBefore(market, cursor.sequence(), Limit.of(limit)).stream()
                .map(FundingRateRow::response)
                .toList();
        return MarketFundingResponse.of(market, now, history);
    }

    /** The market's funding state in the engine; 404 UNKNOWN_MARKET when there is no such market. */
    EngineView.Funding funding(String market) {
        Optional<EngineView.Funding> funding =
                engine.publicView().market(market).map(EngineView.MarketView::funding);
        return funding.orElseThrow(() -> ApiException.notFound("UNKNOWN_MARKET", "no market " + market));
    }
}
