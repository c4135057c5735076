package io.bulwark.engine.event;

/** What happened, in the past tense. Events are journaled with their command and published after commit. */
public sealed interface Event
        permits MarketCreated,
                MarketUpdated,
                AccountCreated,
                ApiKeyIssued,
                ApiKeyRevoked,
                Transferred,
                TradingStateChanged,
                SnapshotTaken,
                OrderPlaced,
                OrderUpdated,
                Traded,
                PositionChanged,
                OrderBookChanged,
                OraclePriceAccepted,
                OraclePriceRejected,
                EngineStarted,
                FundingSettled,
                FundingPaid,
                FundingHalted,
                Liquidated,
                Deleveraged,
                LiquidationsPaused,
                LiquidationsResumed,
                FundingResumed,
                RolledBack {}
