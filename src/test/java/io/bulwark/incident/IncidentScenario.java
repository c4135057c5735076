package io.bulwark.incident;

import io.bulwark.web.HttpApiTestBase.Trader;

/**
 * What {@link IncidentApiTests#compromisedFeedScenario} left behind: one market fed by an honest source and two
 * compromised ones (the index is the median of three: the compromised pair's price), three longs of 1 at 65000
 * and the journal range of the incident. frank (1367.5) was liquidated when all sources fell to 64200 (a real
 * move); dave (1667.5) at an index of 63900 and erin (2267.5) at 63300, where only the compromised pair had
 * walked down, staying within maxSourceDivergenceBps of the honest 64200.
 */
record IncidentScenario(
        String market, Trader frank, Trader dave, Trader erin, long fromSequence, long toSequence, long crashTime) {}
