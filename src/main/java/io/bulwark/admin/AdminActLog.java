package io.bulwark.admin;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.event.ApiKeyIssued;
import io.bulwark.engine.event.Event;
import io.bulwark.journal.Committed;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.JournalCodec;
import io.bulwark.journal.JournalListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One log line per operator act ({@link OperatorActs}) once its journal transaction committed (SPEC section 12
 * v2: every journaled admin act logged with actor, reason and sequence). The fields travel as SLF4J key-value
 * pairs, which Spring Boot's structured logging ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}) writes as JSON
 * members {@code actor}, {@code command}, {@code sequence}, {@code reason}; the message repeats them for plain
 * logs. Operator acts are rare, so logging them on the journal thread costs nothing a trader would notice.
 */
@Component
class AdminActLog implements JournalListener {
    private static final Logger log = LoggerFactory.getLogger(AdminActLog.class);

    private final JournalCodec codec = new JournalCodec();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Set<String> adminKeys = ConcurrentHashMap.newKeySet();

    @Override
    public void onRecovered(EngineGateway gateway) {
        List<String> admins = gateway.query(EngineView::apiKeys).stream()
                .filter(k -> k.role() == Role.ADMIN)
                .map(ApiKey::keyId)
                .toList();
        adminKeys.clear();
        adminKeys.addAll(admins);
    }

    @Override
    public void onCommitted(List<Committed> batch) {
        for (Committed c : batch) {
            String type = JournalCodec.typeName(c.command());
            if (OperatorActs.isAct(type, c.actor(), adminKeys.contains(c.actor()))) {
                logAct(c, type);
            }
            for (Event event : c.events()) {
                if (event instanceof ApiKeyIssued issued && issued.role() == Role.ADMIN) {
                    adminKeys.add(issued.keyId());
                }
            }
        }
    }

    private void logAct(Committed c, String type) {
        String reason = reason(c);
        log.atInfo()
                .addKeyValue("actor", c.actor())
                .addKeyValue("command", type)
                .addKeyValue("sequence", c.sequence())
                .addKeyValue("reason", reason)
                .log("Operator act: actor={} command={} sequence={} reason={}", c.actor(), type, c.sequence(), reason);
    }

    /** The command's own {@code reason} (a state change's, a snapshot's, an admin cancel's), else empty. */
    private String reason(Committed c) {
        JsonNode reason = json.readTree(codec.writeCommand(c.command())).path("reason");
        return reason.isValueNode() ? reason.asString() : "";
    }
}
