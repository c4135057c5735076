package io.bulwark.testsupport;

import io.bulwark.web.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ORACLE keys a test's price feeds post with: one per source, issued on first use, since a key is
 * bound to the one source it may post for (SPEC section 6).
 */
public final class OracleKeys {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<ApiClient> api;
    private final String adminKey;
    private final Map<String, String> keys = new TreeMap<>();

    /** {@code api} is asked each time: a test may point it at another instance of the same exchange. */
    public OracleKeys(Supplier<ApiClient> api, String adminKey) {
        this.api = api;
        this.adminKey = adminKey;
    }

    /** A new ORACLE key bound to {@code source}. */
    public static String issue(ApiClient api, String adminKey, String source) {
        return api.post("/api/v1/admin/keys", adminKey, "{\"role\":\"ORACLE\",\"source\":\"" + source + "\"}")
                .assertStatus(201)
                .text("apiKey");
    }

    /** The key of {@code source}, issued on first use. */
    public synchronized String key(String source) {
        return keys.computeIfAbsent(source, s -> issue(api.get(), adminKey, s));
    }

    /**
     * Posts oracle items (JSON objects with a {@code source}) in their order, each run of items of one source
     * in one request with that source's key, and returns every item's result in the same order.
     */
    public List<JsonNode> post(String... items) {
        List<JsonNode> results = new ArrayList<>();
        List<String> run = new ArrayList<>();
        String runSource = null;
        for (String item : items) {
            String source = JSON.readTree(item).path("source").asString();
            if (runSource != null && !runSource.equals(source)) {
                results.addAll(postRun(runSource, run));
                run.clear();
            }
            runSource = source;
            run.add(item);
        }
        if (!run.isEmpty()) {
            results.addAll(postRun(runSource, run));
        }
        return results;
    }

    private List<JsonNode> postRun(String source, List<String> items) {
        return api.get()
                .post("/api/v1/oracle/prices", key(source), "{\"prices\":[" + String.join(",", items) + "]}")
                .assertStatus(200)
                .get("results")
                .valueStream()
                .toList();
    }
}
