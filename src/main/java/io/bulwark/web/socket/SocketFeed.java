package io.bulwark.web.socket;

import io.bulwark.engine.event.ApiKeyRevoked;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.MarketCreated;
import io.bulwark.journal.Committed;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.JournalListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one journal listener of the WebSocket side: walks each committed batch and lets every feature's
 * {@link SocketMessages} turn its events into channel messages, pass by pass, command by command, event by
 * event, so the order a client sees never depends on which feature published. It also keeps what the
 * protocol needs: the known markets, revoked keys' sessions, and how far the journal has been published
 * (for the market channels' snapshots).
 */
final class SocketFeed implements JournalListener {
    private static final Logger log = LoggerFactory.getLogger(SocketFeed.class);

    /** The features' messages, by pass: index {@code Pass.ordinal()}. */
    private final List<List<SocketMessages>> byPass;

    private final StatusChannel status;
    private final AccountChannel accounts;
    private final MarketChannels marketChannels;
    private final KnownMarkets markets;
    private final ClientRequests requests;

    private record AccountMessage(String accountId, String type, long sequence, long timestamp, Object message) {}

    /** The account messages of the batch being published; journal thread only. */
    private final List<AccountMessage> accountMessages = new ArrayList<>();

    SocketFeed(
            List<SocketMessages> features,
            StatusChannel status,
            AccountChannel accounts,
            MarketChannels marketChannels,
            KnownMarkets markets,
            ClientRequests requests) {
        this.byPass = Arrays.stream(SocketMessages.Pass.values())
                .map(pass -> features.stream().filter(f -> f.pass() == pass).toList())
                .toList();
        this.status = status;
        this.accounts = accounts;
        this.marketChannels = marketChannels;
        this.markets = markets;
        this.requests = requests;
    }

    @Override
    public void onCommitted(List<Committed> batch) {
        for (SocketMessages.Pass pass : SocketMessages.Pass.values()) {
            List<SocketMessages> inPass = byPass.get(pass.ordinal());
            for (Committed committed : batch) {
                publish(pass, inPass, committed);
            }
        }
        publishAccountMessages();
    }

    /**
     * The batch's account messages in journal order (a command's balances still before its trading messages),
     * so a client resyncing from a snapshot sees sequences that never go back.
     */
    private void publishAccountMessages() {
        accountMessages.sort(Comparator.comparingLong(AccountMessage::sequence));
        try {
            for (AccountMessage m : accountMessages) {
                accounts.publish(m.accountId(), m.type(), m.sequence(), m.timestamp(), m.message());
            }
        } finally {
            accountMessages.clear();
        }
    }

    private void publish(SocketMessages.Pass pass, List<SocketMessages> inPass, Committed committed) {
        Publisher out = new Publisher(committed.sequence(), committed.timestamp());
        for (Event event : committed.events()) {
            if (pass == SocketMessages.Pass.LEDGER_AND_STATE) {
                protocol(event);
            }
            for (SocketMessages feature : inPass) {
                try {
                    feature.publish(event, out);
                } catch (RuntimeException e) {
                    failed(feature, committed, e);
                }
            }
        }
        for (SocketMessages feature : inPass) {
            try {
                feature.commandDone(out);
            } catch (RuntimeException e) {
                failed(feature, committed, e);
            }
        }
    }

    /** One feature's failure costs its own messages, not the other features'. */
    private static void failed(SocketMessages feature, Committed committed, RuntimeException e) {
        log.error("{} failed on journal sequence {}", feature.getClass().getSimpleName(), committed.sequence(), e);
    }

    private void protocol(Event event) {
        switch (event) {
            case MarketCreated m -> markets.add(m.spec().market());
            case ApiKeyRevoked r -> requests.revoked(r.keyId());
            default -> {}
        }
    }

    @Override
    public void onPublished(long sequence) {
        marketChannels.publishedThrough(sequence);
    }

    @Override
    public void onRecovered(EngineGateway gateway) {
        markets.replaceWith(gateway.query(
                view -> view.markets().stream().map(m -> m.spec().market()).toList()));
    }

    /** The channels, stamped with one command's journal sequence and engine time. */
    private final class Publisher implements ChannelPublisher {
        private final long sequence;
        private final long timestamp;

        Publisher(long sequence, long timestamp) {
            this.sequence = sequence;
            this.timestamp = timestamp;
        }

        @Override
        public long journalSequence() {
            return sequence;
        }

        @Override
        public long timestamp() {
            return timestamp;
        }

        @Override
        public void toMarket(String channel, String market, Object message) {
            marketChannels.named(channel).publish(market, sequence, timestamp, message);
        }

        @Override
        public void toAccount(String accountId, String type, Object message) {
            accountMessages.add(new AccountMessage(accountId, type, sequence, timestamp, message));
        }

        @Override
        public void toStatus(String type, Object message) {
            status.publish(type, sequence, timestamp, message);
        }
    }
}
