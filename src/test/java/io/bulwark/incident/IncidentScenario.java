package io.bulwark.incident;

import io.bulwark.web.HttpApiTestBase.Trader;

/**
 * What {@link IncidentApiTests#compromisedFeedScenario} left behind: one market fed by an honest and an evil
 * source (median of two: their mean), three longs of 1 at 65000 and the journal range of the incident. frank
 * (1367.5) was liquidated when both sources fell to 64200 (a real move); dave (1667.5) at an index of 63900 and
 * erin (2267.5) at 63300, where only the evil source had walked down to 63600 and 62400.
 */
record IncidentScenario(
        String market, Trader frank, Trader dave, Trader erin, long fromSequence, long toSequence, long crashTime) {}
