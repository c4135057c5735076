package io.bulwark.engine.command;

/**
 * Everything that can change exchange state. Commands are the journal: replaying the same commands
 * with the same timestamps reproduces the same state and the same events.
 */
public sealed interface Command
        permits CreateMarket,
                UpdateMarket,
                CreateAccount,
                IssueApiKey,
                RevokeApiKey,
                Deposit,
                Withdraw,
                ChangeTradingState,
                TakeSnapshot,
                RecordSnapshot,
                Tick,
                PlaceOrder,
                CancelOrder,
                CancelOrders,
                AmendOrder,
                PostOraclePrices,
                StartEngine,
                ResumeLiquidations,
                ResumeFunding,
                RollBack,
                PayRefunds,
                ScheduleMaintenance,
                CancelMaintenance,
                SetOracleSourceState,
                ReanchorOracle,
                ArmCancelAfter {}
