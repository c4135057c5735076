package io.bulwark.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param checkInterval how often the writer runs every integrity check (env {@code
 *     BULWARK_INTEGRITY_CHECK_INTERVAL}); 0 turns the periodic run off
 */
@ConfigurationProperties("bulwark.integrity")
record IntegrityProperties(@DefaultValue("60s") Duration checkInterval) {}
